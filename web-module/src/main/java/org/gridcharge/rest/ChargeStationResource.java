package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.platform.Caller;
import org.gridcharge.platform.InvalidInputException;
import org.gridcharge.station.boundary.ChargeStationService;
import org.gridcharge.station.entity.EvseControl;

/** Charge stations: their OCPP password, and what the platform knows of its connection to them. */
@Path("charge-stations/{charge_station_id}")
@Tag(name = "Charge stations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN})
public class ChargeStationResource {

    @EJB
    ChargeStationService stations;

    @Inject
    Caller caller;

    public record CredentialsJson(String password) {
    }

    public record LastProfileJson(Double limitAmps, Instant sentAt, String status, Instant answeredAt) {
    }

    public record StationEvseJson(String evseId, int connectorId, String groupId, LastProfileJson lastProfile) {
    }

    public record StationJson(String chargeStationId, String cpoId, boolean passwordSet, boolean connected, String protocol,
                              Instant connectedAt, Instant lastSeen, String vendor, String model, String firmwareVersion,
                              List<StationEvseJson> evses) {
    }

    @PUT
    @Path("credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the password the station connects with (HTTP Basic; 16 to 40 printable ASCII characters). Stored hashed.")
    public Response setCredentials(@PathParam("charge_station_id") String chargeStationId, CredentialsJson credentials) {
        if (credentials == null) {
            throw new InvalidInputException("body", "a JSON object {\"password\"} is required");
        }
        stations.setPassword(caller, chargeStationId, credentials.password());
        return Response.noContent().build();
    }

    @GET
    @Operation(summary = "The station's connection state, protocol, last seen, and the last limit each EVSE was sent with its answer")
    public StationJson get(@PathParam("charge_station_id") String chargeStationId) {
        ChargeStationService.StationView view = stations.view(caller, chargeStationId);
        List<StationEvseJson> evses = view.evses().stream().map(e -> {
            EvseControl c = e.control();
            LastProfileJson last = c == null || c.lastSentAt() == null ? null
                    : new LastProfileJson(c.lastSentAmps(), c.lastSentAt(), c.lastStatus() == null ? null : c.lastStatus().name().toLowerCase(),
                    c.lastAnswerAt());
            return new StationEvseJson(e.evse().evseId(), e.evse().connectorId(), e.evse().groupId(), last);
        }).toList();
        var link = view.link();
        var station = view.station();
        return new StationJson(view.chargeStationId(), view.cpoId(), view.passwordSet(), link != null && link.connected(),
                link == null ? null : link.protocol(), link == null ? null : link.connectedAt(), link == null ? null : link.lastSeen(),
                station == null ? null : station.vendor(), station == null ? null : station.model(),
                station == null ? null : station.firmwareVersion(), evses);
    }
}
