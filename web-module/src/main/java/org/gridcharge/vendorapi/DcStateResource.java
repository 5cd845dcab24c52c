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
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.security.Caller;

/** {@code capacitygroups/{id}/algorithms/capacitymanagementdc/state}: a DC group's capacity, in watts. */
@Dependent
@Produces(MediaType.APPLICATION_JSON)
public class DcStateResource {

    public record DcStateIn(Double defaultGroupCapacityWatts) {
    }

    public record DcStateOut(double defaultGroupCapacityWatts, double currentGroupCapacityWatts) {
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
    public DcStateOut get(@PathParam("capacity_group_id") String groupId) {
        SmartChargingGroup group = VendorProblems.ANY.call(() -> groups.get(callers.get(), groupId, CapacityUnit.W));
        Instant now = clock.instant();
        return new DcStateOut(group.defaultCapacity(), profiles.timeline(group, now, now.plusSeconds(1)).capacityAt(now));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("capacity_group_id") String groupId, DcStateIn in) {
        DcStateIn body = VendorEnums.requireBody(in);
        Caller caller = callers.get();
        if (body.defaultGroupCapacityWatts() == null) {
            // whether the caller may change the group, and whether it is one in watts, is answered before the body's content
            VendorProblems.DC_STATE.call(() -> groups.tune(caller, groupId, CapacityUnit.W, Tuning.NOTHING));
            throw new InvalidInputException("default_group_capacity_watts", "is required (watts)");
        }
        VendorProblems.DC_STATE.call(() -> groups.tune(caller, groupId, CapacityUnit.W,
                new Tuning(body.defaultGroupCapacityWatts(), null, null)));
        return Response.ok().build();
    }
}
