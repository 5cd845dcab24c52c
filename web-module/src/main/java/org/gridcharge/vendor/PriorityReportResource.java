package org.gridcharge.vendor;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridcharge.evse.boundary.EvseService;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.platform.Caller;
import org.gridcharge.platform.NotFoundException;
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
    EvseService evses;

    @EJB
    GroupService groups;

    @GET
    public List<PriorityOut> report(@QueryParam("date_from") String dateFrom, @QueryParam("date_to") String dateTo,
                                    @QueryParam("capacity_group_id") String groupId, @QueryParam("evse_uid") String evseUid,
                                    @QueryParam("cpo_external_ids") List<String> cpoIds, @QueryParam("order_by_timestamp") String order,
                                    @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Caller caller = callers.get();
        Instant from = VendorEnums.instant("date_from", dateFrom);
        Instant to = VendorEnums.instant("date_to", dateTo);
        VendorEnums.require("order_by_timestamp", order, VendorEnums.ORDER);
        if (groupId != null) {
            groups.get(caller, groupId);
        }
        String evseId = null;
        if (evseUid != null) {
            try {
                evseId = evses.getByUid(caller, evseUid).evseId();
            } catch (NotFoundException e) {
                return List.of(); // an EVSE the caller cannot see has no requests the caller can see
            }
        }
        List<PriorityRequest> found = priorities.list(caller, new PriorityService.Filter(groupId, evseId, from, to, null,
                cpoIds, "DESC".equals(order)), VendorEnums.page(offset, limit)).items();
        Map<String, String> uids = new HashMap<>();
        return found.stream().map(p -> new PriorityOut(p.groupId(), p.cpoId(), uids.computeIfAbsent(p.evseId(), id -> uid(caller, id)),
                p.requestedAt())).toList();
    }

    private String uid(Caller caller, String evseId) {
        try {
            return evses.get(caller, evseId).uid();
        } catch (NotFoundException e) {
            return evseId; // removed since, or outside the caller's CPOs (a capacity provider): the evse_id still names it
        }
    }
}
