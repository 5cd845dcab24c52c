package org.gridcharge.vendorapi;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import org.gridcharge.capacity.boundary.CapacityProfileService;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.boundary.Tuning;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.time.TimeSpans;

/** {@code capacitygroups/{id}/algorithms/capacitymanagementdefault/state}: an AC group's capacity and allocation settings. */
@Dependent
@Produces(MediaType.APPLICATION_JSON)
public class DefaultStateResource {

    public record DefaultStateIn(Double defaultGroupCapacityAmps, String sessionStartedDuration, Double minAllocationAmps) {
    }

    public record DefaultStateOut(double defaultGroupCapacityAmps, double currentGroupCapacityAmps, double currentGroupCapacityAmpsL1,
                                  double currentGroupCapacityAmpsL2, double currentGroupCapacityAmpsL3, String sessionStartedDuration,
                                  double minAllocationAmps) {
    }

    @Inject
    VendorCaller callers;

    @Inject
    Clock clock;

    @EJB
    GroupService groups;

    @EJB
    CapacityProfileService profiles;

    @GET
    public DefaultStateOut get(@PathParam("capacity_group_id") String groupId) {
        SmartChargingGroup group = VendorProblems.ANY.call(() -> groups.get(callers.get(), groupId, CapacityUnit.A));
        Instant now = clock.instant();
        double capacity = profiles.timeline(group, now, now.plusSeconds(1)).capacityAt(now);
        double started = group.algorithmParameters().getOrDefault(Algorithm.Parameter.SESSION_STARTED.apiName(), 0.0);
        return new DefaultStateOut(group.defaultCapacity(), capacity, capacity, capacity, capacity, TimeSpans.format((int) started),
                group.algorithmParameters().getOrDefault(Algorithm.Parameter.MIN_CURRENT.apiName(),
                        Algorithm.Parameter.MIN_CURRENT.defaultValue()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("capacity_group_id") String groupId, DefaultStateIn in) {
        DefaultStateIn body = VendorEnums.requireBody(in);
        VendorProblems.DEFAULT_STATE.call(() -> groups.tune(callers.get(), groupId, CapacityUnit.A,
                new Tuning(body.defaultGroupCapacityAmps(), body.minAllocationAmps(), body.sessionStartedDuration())));
        return Response.ok().build();
    }
}
