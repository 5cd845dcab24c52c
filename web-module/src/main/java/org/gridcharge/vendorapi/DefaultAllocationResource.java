package org.gridcharge.vendorapi;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.gridcharge.allocation.Phase;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.steering.boundary.GroupStatusService;
import org.gridcharge.steering.boundary.GroupStatusService.GraphPoint;
import org.gridcharge.steering.boundary.GroupStatusService.Summary;

/** {@code capacitygroups/{id}/capacitymanagementdefault}: an AC group's allocations, per phase, and its EVSEs' totals. */
@Dependent
@Produces(MediaType.APPLICATION_JSON)
public class DefaultAllocationResource {

    public record EvseAllocationOut(String uid, double allocatedAmps, String smartChargingStatus, String level, int order) {
    }

    public record AllocationPointOut(Instant timestamp, double capacity, double totalAllocatedAmps, String phase,
                                     List<EvseAllocationOut> evses) {
    }

    /** The per-phase powers are named as the vendor names them (the naming strategy would write "l1watts"). */
    public record EvsesStateOut(int number, double allocated, double allocatedL1, double allocatedL2, double allocatedL3,
                                double powerConsumptionWatts, @JsonbProperty("power_consumption_l1_watts") double powerConsumptionL1Watts,
                                @JsonbProperty("power_consumption_l2_watts") double powerConsumptionL2Watts,
                                @JsonbProperty("power_consumption_l3_watts") double powerConsumptionL3Watts) {

        static EvsesStateOut of(Summary s) {
            return new EvsesStateOut(s.number(), s.allocated(), s.allocatedL1(), s.allocatedL2(), s.allocatedL3(), s.watts(), s.wattsL1(),
                    s.wattsL2(), s.wattsL3());
        }
    }

    @Inject
    VendorCaller callers;

    @EJB
    GroupService groups;

    @EJB
    GroupStatusService status;

    @GET
    @Path("allocationgraph")
    public List<AllocationPointOut> graph(@PathParam("capacity_group_id") String groupId, @QueryParam("phase") String phase,
                                          @QueryParam("date_from") String dateFrom, @QueryParam("date_to") String dateTo,
                                          @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Caller caller = inAmperes(groupId);
        Instant[] range = VendorEnums.range(dateFrom, dateTo);
        VendorEnums.require("phase", phase, VendorEnums.PHASES);
        Page<GraphPoint> points = status.graph(caller, groupId, range[0], range[1], phase == null ? null : Phase.valueOf(phase),
                VendorEnums.page(offset, limit));
        return VendorEnums.complete(points, limit).stream().map(p -> new AllocationPointOut(p.timestamp(), p.capacity(),
                p.totalAllocated(), p.phase().name(), p.evses().stream().map(e -> new EvseAllocationOut(e.uid(), e.allocated(),
                        VendorEnums.name(e.smartChargingStatus()), e.level().name(), e.order())).toList())).toList();
    }

    @GET
    @Path("activeevses")
    public EvsesStateOut active(@PathParam("capacity_group_id") String groupId) {
        return EvsesStateOut.of(status.summaries(inAmperes(groupId), groupId).active());
    }

    @GET
    @Path("offlineevses")
    public EvsesStateOut offline(@PathParam("capacity_group_id") String groupId) {
        return EvsesStateOut.of(status.summaries(inAmperes(groupId), groupId).offline());
    }

    /** The caller, once the group is found to be one it sees and one managed in amperes. */
    private Caller inAmperes(String groupId) {
        Caller caller = callers.get();
        VendorProblems.ANY.call(() -> groups.get(caller, groupId, CapacityUnit.A));
        return caller;
    }
}
