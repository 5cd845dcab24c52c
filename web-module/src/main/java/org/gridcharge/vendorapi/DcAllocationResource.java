package org.gridcharge.vendorapi;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.steering.boundary.GroupStatusService;
import org.gridcharge.steering.boundary.GroupStatusService.GraphPoint;
import org.gridcharge.steering.boundary.GroupStatusService.Summary;

/** {@code capacitygroups/{id}/capacitymanagementdc}: a DC group's allocations in watts, and its EVSEs' totals. */
@Dependent
@Produces(MediaType.APPLICATION_JSON)
public class DcAllocationResource {

    public record DcEvseAllocationOut(String uid, double allocatedWatts, String smartChargingStatus) {
    }

    public record DcAllocationPointOut(Instant timestamp, double currentGroupCapacityWatts, double allocatedCapacityWatts,
                                       List<DcEvseAllocationOut> evses) {
    }

    public record DcEvsesStateOut(int number, double allocated, Double powerConsumptionWatts) {

        static DcEvsesStateOut of(Summary s) {
            return new DcEvsesStateOut(s.number(), s.allocated(), s.watts());
        }
    }

    @Inject
    VendorCaller callers;

    @EJB
    GroupStatusService status;

    @GET
    @Path("allocationgraph")
    public List<DcAllocationPointOut> graph(@PathParam("capacity_group_id") String groupId, @QueryParam("date_from") String dateFrom,
                                            @QueryParam("date_to") String dateTo, @QueryParam("limit") String limit,
                                            @QueryParam("offset") String offset) {
        Instant[] range = VendorEnums.range(dateFrom, dateTo);
        Page<GraphPoint> points = VendorProblems.ANY.call(() -> status.graph(callers.get(), groupId, CapacityUnit.W, range[0], range[1],
                null, VendorEnums.page(offset, limit)));
        return VendorEnums.complete(points, limit).stream().map(p -> new DcAllocationPointOut(p.timestamp(), p.capacity(),
                p.totalAllocated(), p.evses().stream().map(e -> new DcEvseAllocationOut(e.uid(), e.allocated(),
                        VendorEnums.name(e.smartChargingStatus()))).toList())).toList();
    }

    @GET
    @Path("activeevses")
    public DcEvsesStateOut active(@PathParam("capacity_group_id") String groupId) {
        return DcEvsesStateOut.of(VendorProblems.ANY.call(() -> status.summaries(callers.get(), groupId, CapacityUnit.W)).active());
    }

    @GET
    @Path("offlineevses")
    public DcEvsesStateOut offline(@PathParam("capacity_group_id") String groupId) {
        return DcEvsesStateOut.of(VendorProblems.ANY.call(() -> status.summaries(callers.get(), groupId, CapacityUnit.W)).offline());
    }
}
