package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.gridcharge.allocation.EnergyPlan;
import org.gridcharge.steering.entity.StoredEnergyPlan;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.rest.Json.PageJson;
import org.gridcharge.steering.boundary.AllocationService;
import org.gridcharge.steering.entity.AllocationLimit;
import org.gridcharge.steering.entity.AllocationRecord;

/**
 * Allocation data for analytics and charts: each record holds a group's allocation from
 * {@code valid_from} until the next record (a record is written whenever the allocation changes).
 */
@Path("smart-charging-groups/{group_id}/allocation-data")
@Tag(name = "Allocation data")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class AllocationResource {

    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    @EJB
    AllocationService allocations;

    @Inject
    java.time.Clock clock;

    @Inject
    Caller caller;

    public record PhaseAmpsJson(double l1, double l2, double l3) {
    }

    public record LimitJson(String evseId, double limitAmps, String state, boolean priority, String sessionId) {
        static LimitJson of(AllocationLimit l) {
            return new LimitJson(l.evseId(), l.limit(), l.state().toLowerCase(), l.priority(), l.sessionId());
        }
    }

    /**
     * @param deviationAmps for a power setpoint: the setpoint minus what was allotted on the most loaded phase
     */
    /**
     * @param capacityAmps     the capacity on L1 (on every phase unless {@code capacityPerPhase} says otherwise)
     * @param capacityPerPhase the capacity on each phase
     * @param capacitySource   where it came from: default, api, parent_group, meter, meter_stale or file
     */
    public record RecordJson(Instant validFrom, String profileType, double capacityAmps, PhaseAmpsJson capacityPerPhase,
                             String capacitySource, PhaseAmpsJson allottedAmps, Double deviationAmps, String trigger, List<LimitJson> evses) {
        static RecordJson of(AllocationRecord r) {
            double most = Math.max(r.allottedL1(), Math.max(r.allottedL2(), r.allottedL3()));
            Double deviation = "power_setpoint".equals(r.profileType()) ? Math.round((r.capacity() - most) * 10) / 10.0 : null;
            return new RecordJson(r.validFrom(), r.profileType(), r.capacity(), new PhaseAmpsJson(r.capacityPerPhase().l1(),
                    r.capacityPerPhase().l2(), r.capacityPerPhase().l3()), r.capacitySource(),
                    new PhaseAmpsJson(r.allottedL1(), r.allottedL2(), r.allottedL3()), deviation, r.triggerReason(),
                    r.limits().stream().map(LimitJson::of).toList());
        }
    }

    @GET
    @Operation(summary = "The group's allocation records starting in [from, to) (default: the last 24 hours), oldest first")
    public PageJson<RecordJson> records(@PathParam("group_id") String groupId, @QueryParam("from") String from,
                                        @QueryParam("to") String to, @QueryParam("offset") String offset,
                                        @QueryParam("limit") String limit) {
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidInputException("to", "must be after from");
        }
        return PageJson.of(allocations.records(caller, groupId, start, end, Page.Request.of(offset, limit)), RecordJson::of);
    }

    /** One window of a session's plan: its limit per phase, the energy that delivers, its price and cost. */
    public record WindowJson(Instant start, Instant end, double limit, double energyKwh, double pricePerKwh, double cost) {
    }

    /** A planned session: the energy it wanted, what its windows deliver and cost. */
    public record SessionPlanJson(String evseId, String sessionId, double energyWantedKwh, double energyPlannedKwh, double cost,
                                  List<WindowJson> windows) {
        static SessionPlanJson of(StoredEnergyPlan.SessionPlan s) {
            List<WindowJson> windows = s.windows().stream().map(w -> new WindowJson(w.start(), w.end(), w.limit(),
                    round(w.energyWh() / 1000), w.price(), round(w.cost()))).toList();
            return new SessionPlanJson(s.evseId(), s.sessionId(), round(s.wantedWh() / 1000),
                    round(s.windows().stream().mapToDouble(EnergyPlan.Window::energyWh).sum() / 1000),
                    round(s.windows().stream().mapToDouble(EnergyPlan.Window::cost).sum()), windows);
        }
    }

    /** A group's energy plan (time of use): when it was made, its goal, the planned sessions and their total cost. */
    public record EnergyPlanJson(String groupId, Instant plannedAt, String goal, double cost, List<SessionPlanJson> sessions) {
    }

    @GET
    @Path("energy-plan")
    @Operation(summary = "The energy plan of the group's latest allocation run under time_of_use: each planned session's windows,"
            + " energy and cost")
    public EnergyPlanJson energyPlan(@PathParam("group_id") String groupId) {
        AllocationService.EnergyPlanView plan = allocations.energyPlan(caller, groupId);
        List<SessionPlanJson> sessions = plan.sessions().stream().map(SessionPlanJson::of).toList();
        return new EnergyPlanJson(groupId, plan.plannedAt(), plan.goal(),
                round(plan.sessions().stream().flatMap(s -> s.windows().stream()).mapToDouble(EnergyPlan.Window::cost).sum()), sessions);
    }

    /** To the thousandth: a Wh, a tenth of a cent. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static Instant instant(String field, String value) {
        try {
            return org.gridcharge.platform.time.Times.inRange(field, Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a UTC ISO-8601 time such as 2026-01-01T00:00:00Z");
        }
    }
}
