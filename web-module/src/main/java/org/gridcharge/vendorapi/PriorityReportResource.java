package org.gridcharge.vendorapi;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.priority.boundary.PriorityService;
import org.gridcharge.priority.entity.PriorityRequest;

/** The vendor's priority report ({@code /api/1.0/smartcharging/reports/priority}): our priority requests, as the vendor lists them. */
@Path("reports/priority")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class PriorityReportResource {

    public record PriorityOut(String capacityGroupId, String cpoExternalId, String evseUid, Instant timestamp) {
    }

    @Inject
    VendorCaller callers;

    @EJB
    PriorityService priorities;

    @EJB
    GroupService groups;

    @GET
    public List<PriorityOut> report(@QueryParam("date_from") String dateFrom, @QueryParam("date_to") String dateTo,
                                    @QueryParam("capacity_group_id") String groupId, @QueryParam("evse_uid") String evseUid,
                                    @QueryParam("order_by_timestamp") String order, @QueryParam("limit") String limit,
                                    @QueryParam("offset") String offset, @Context UriInfo uri) {
        Caller caller = callers.get();
        Instant[] range = VendorEnums.range(dateFrom, dateTo);
        VendorEnums.require("order_by_timestamp", order, VendorEnums.ORDER);
        if (groupId != null) {
            groups.get(caller, groupId);
        }
        Page<PriorityRequest> found = priorities.list(caller, new PriorityService.Filter(groupId, null, evseUid, range[0], range[1], null,
                VendorEnums.list(uri, "cpo_external_ids"), "DESC".equals(order)), VendorEnums.page(offset, limit));
        Map<String, String> uids = priorities.uidsOf(found.items());
        return VendorEnums.complete(found, limit).stream().map(p -> new PriorityOut(p.groupId(), p.cpoId(),
                uids.getOrDefault(p.evseId(), p.evseId()), p.requestedAt())).toList();
    }
}
