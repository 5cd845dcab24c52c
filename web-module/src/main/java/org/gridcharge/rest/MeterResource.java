package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.capacity.boundary.MeterDraft;
import org.gridcharge.capacity.boundary.MeterService;
import org.gridcharge.capacity.boundary.MeterView;
import org.gridcharge.capacity.entity.GroupMeter;
import org.gridcharge.platform.security.Caller;

/**
 * A group's site meter ({@code capacity_update_method} EXTERNALMETER): where its readings come from (posted to
 * {@code .../meter-readings}, or an MQTT topic), the connection's capacity per phase, whether it sees our chargers, and
 * how its readings become capacity. Its CPO sets it; the group's readers see it, never its password.
 */
@Path("smart-charging-groups/{group_id}/meter")
@Tag(name = "Capacity profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class MeterResource {

    @EJB
    MeterService meters;

    @Inject
    Caller caller;

    public record MqttJson(String brokerUrl, String topic, String username) {
    }

    public record ReadingJson(Instant timestamp, Instant receivedAt, AllocationResource.PhaseAmpsJson load) {
    }

    public record MeterJson(String groupId, String source, MqttJson mqtt, AllocationResource.PhaseAmpsJson connectionCapacity,
                            boolean includesEvLoad, String mode, int staleAfterSeconds, double fallbackCapacity, int riseDelaySeconds,
                            double deadband, boolean active, boolean stale, AllocationResource.PhaseAmpsJson capacity, Instant riseDueAt,
                            ReadingJson lastReading, long readingsTaken, long readingsRefused, String lastRefusal, Instant updatedAt) {
        static MeterJson of(MeterView view) {
            GroupMeter m = view.meter();
            return new MeterJson(m.groupId(), m.source().name().toLowerCase(Locale.ROOT),
                    m.source() == GroupMeter.Source.MQTT ? new MqttJson(m.brokerUrl(), m.topic(), m.username()) : null,
                    phases(m.connection()), m.includesEvLoad(), m.mode().name().toLowerCase(Locale.ROOT), m.staleAfterSeconds(),
                    view.fallbackCapacity(), m.riseDelaySeconds(), m.deadband(), view.active(), view.stale(), phases(view.capacity()),
                    view.riseDueAt(), m.reading() == null ? null : new ReadingJson(m.state().readAt(), m.state().receivedAt(),
                    phases(m.reading())), m.readingsTaken(), m.readingsRefused(), m.lastRefusal(), m.updatedAt());
        }

        private static AllocationResource.PhaseAmpsJson phases(PerPhase p) {
            return new AllocationResource.PhaseAmpsJson(p.l1(), p.l2(), p.l3());
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the group's site meter, replacing its earlier settings")
    public MeterJson configure(@PathParam("group_id") String groupId, MeterDraft draft) {
        return MeterJson.of(meters.configure(caller, groupId, draft));
    }

    @GET
    @Operation(summary = "Read the group's site meter: its settings, the capacity it gives now, whether it is stale, its last reading")
    public MeterJson get(@PathParam("group_id") String groupId) {
        return MeterJson.of(meters.get(caller, groupId));
    }

    @DELETE
    @Operation(summary = "Remove the group's site meter (not while the group takes its capacity from it)")
    public Response delete(@PathParam("group_id") String groupId) {
        meters.remove(caller, groupId);
        return Response.noContent().build();
    }
}
