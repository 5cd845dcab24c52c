package org.gridcharge.vendorapi;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.priority.boundary.PriorityDraft;
import org.gridcharge.priority.boundary.PriorityService;
import org.gridcharge.steering.boundary.EvseStatus;
import org.gridcharge.steering.boundary.GroupStatusService.EvseKey;
import org.gridcharge.steering.boundary.GroupStatusService.EvseNow;
import org.gridcharge.steering.boundary.GroupStatusService.EvseQuery;
import org.gridcharge.steering.boundary.GroupStatusService.EvseSort;
import org.gridcharge.steering.boundary.GroupStatusService;
import org.gridcharge.steering.boundary.SmartChargingStatus;

/** {@code capacitygroups/{id}/evses}: a group's EVSEs by uid, their status, and priority for one of them. */
@Dependent
@Produces(MediaType.APPLICATION_JSON)
public class GroupEvseResource {

    public record EvseRef(String uid) {
    }

    public record ChargePointOut(String id, List<Integer> connectors) {
    }

    public record EvseWithChargePoint(String uid, String name, ChargePointOut chargePoint) {
    }

    public record EvseOut(String uid, String capacityGroupId, String chargePointId, String status, String smartChargingStatus,
                          List<Integer> connectors) {
    }

    @Inject
    VendorCaller callers;

    @EJB
    GroupService groups;

    @EJB
    PriorityService priorities;

    @EJB
    GroupStatusService status;

    @PUT
    @Path("chargepoints")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("capacity_group_id") String groupId, List<EvseRef> in) {
        Caller caller = callers.get();
        if (in == null) {
            groups.getForChange(caller, groupId); // an unknown or foreign group is named before the body
            throw new InvalidInputException("body", "a JSON array of {\"uid\"} is required");
        }
        List<String> uids = in.stream().map(ref -> ref == null ? null : ref.uid()).toList();
        VendorProblems.EVSE_REFS.call(() -> {
            groups.replaceEvsesByUid(caller, groupId, uids);
            return null;
        });
        return Response.ok().build();
    }

    @GET
    @Path("chargepoints")
    public List<EvseWithChargePoint> withChargePoints(@PathParam("capacity_group_id") String groupId) {
        return status.evses(callers.get(), groupId).stream().map(EvseNow::evse).map(e -> new EvseWithChargePoint(e.uid(),
                e.evseId(), new ChargePointOut(e.chargeStationId(), List.of(e.connectorId())))).toList();
    }

    @GET
    public List<EvseOut> list(@PathParam("capacity_group_id") String groupId, @QueryParam("evse_uid") String uid,
                              @QueryParam("status") String status, @QueryParam("smart_charging_status") String smartChargingStatus,
                              @QueryParam("charge_point_id") String chargePointId, @QueryParam("limit") String limit,
                              @QueryParam("offset") String offset, @Context UriInfo uri) {
        VendorEnums.require("status", status, VendorEnums.EVSE_STATUS);
        VendorEnums.require("smart_charging_status", smartChargingStatus, VendorEnums.SMART_CHARGING_STATUS);
        EvseQuery query = new EvseQuery(uid, chargePointId, status == null ? null : EvseStatus.valueOf(status),
                smartChargingStatus == null ? null : SmartChargingStatus.valueOf(smartChargingStatus), VendorEnums.sort(uri, Map.of(
                "order_by_evse_uid", EvseKey.UID, "order_by_status", EvseKey.STATUS, "order_by_charge_point_id", EvseKey.CHARGE_STATION_ID),
                EvseSort::new));
        Page<EvseNow> page = this.status.evses(callers.get(), groupId, query, VendorEnums.page(offset, limit));
        return VendorEnums.complete(page, limit).stream().map(now -> new EvseOut(now.evse().uid(), groupId, now.evse().chargeStationId(),
                VendorEnums.name(now.status()), VendorEnums.name(now.smartChargingStatus()), List.of(now.evse().connectorId()))).toList();
    }

    @DELETE
    @Path("{evse_uid}")
    public Response remove(@PathParam("capacity_group_id") String groupId, @PathParam("evse_uid") String uid) {
        groups.removeEvseByUid(callers.get(), groupId, uid);
        return Response.ok().build();
    }

    @POST
    @Path("{evse_uid}/priority")
    public Response priority(@PathParam("capacity_group_id") String groupId, @PathParam("evse_uid") String uid) {
        Caller caller = callers.get();
        priorities.requestInGroup(caller, groupId, new PriorityDraft(null, uid, null, caller.subject(), null, null));
        return Response.ok().build();
    }
}
