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
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.platform.paging.Page;
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
    GroupStatusService status;

    @GET
    @Path("allocationgraph")
    public List<AllocationPointOut> graph(@PathParam("capacity_group_id") String groupId, @QueryParam("phase") String phase,
                                          @QueryParam("date_from") String dateFrom, @QueryParam("date_to") String dateTo,
                                          @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Instant[] range = VendorEnums.range(dateFrom, dateTo);
        VendorEnums.require("phase", phase, VendorEnums.PHASES);
        Page<GraphPoint> points = VendorProblems.ANY.call(() -> status.graph(callers.get(), groupId, CapacityUnit.A, range[0], range[1],
                phase == null ? null : Phase.valueOf(phase), VendorEnums.page(offset, limit)));
        return VendorEnums.complete(points, limit).stream().map(p -> new AllocationPointOut(p.timestamp(), p.capacity(),
                p.totalAllocated(), p.phase().name(), p.evses().stream().map(e -> new EvseAllocationOut(e.uid(), e.allocated(),
                        VendorEnums.name(e.smartChargingStatus()), e.level().name(), e.order())).toList())).toList();
    }

    @GET
    @Path("activeevses")
    public EvsesStateOut active(@PathParam("capacity_group_id") String groupId) {
        return EvsesStateOut.of(VendorProblems.ANY.call(() -> status.summaries(callers.get(), groupId, CapacityUnit.A)).active());
    }

    @GET
    @Path("offlineevses")
    public EvsesStateOut offline(@PathParam("capacity_group_id") String groupId) {
        return EvsesStateOut.of(VendorProblems.ANY.call(() -> status.summaries(callers.get(), groupId, CapacityUnit.A)).offline());
    }
}
