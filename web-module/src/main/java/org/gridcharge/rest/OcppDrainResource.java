package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.ocpp.boundary.OcppService;
import org.gridcharge.ocpp.boundary.StationRegistry;
import org.gridcharge.platform.security.Caller;

/**
 * Draining this server's OCPP endpoint before a stop: stations are closed with 1001 (going away) and
 * new ones refused (503), so they reconnect to another server at once instead of seeing the
 * abnormal closure (1006) that a plain server stop gives them.
 */
@Path("ocpp/drain")
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class OcppDrainResource {

    private static final Logger LOG = Logger.getLogger(OcppDrainResource.class.getName());

    @Inject
    StationRegistry registry;

    @Inject
    Caller caller;

    @Inject
    OcppService ocpp;

    public record DrainJson(boolean draining, Integer closed, int connected) {
    }

    @POST
    @Operation(summary = "Drain this server before stopping it: close every station connection with 1001 (going away), refuse new"
            + " ones with 503 and report not ready, until DELETE or a restart")
    public DrainJson drain() {
        int closed = ocpp.drain();
        LOG.info(() -> caller.subject() + " drained the OCPP endpoint: " + closed + " station connection(s) closed");
        return new DrainJson(true, closed, registry.all().size());
    }

    @GET
    @Operation(summary = "Whether this server is draining, and how many stations are connected to it")
    public DrainJson state() {
        return new DrainJson(registry.draining(), null, registry.all().size());
    }

    @DELETE
    @Operation(summary = "Accept stations again (a stop that was called off)")
    public DrainJson resume() {
        registry.resume();
        LOG.info(() -> caller.subject() + " resumed the OCPP endpoint");
        return new DrainJson(false, null, registry.all().size());
    }
}
