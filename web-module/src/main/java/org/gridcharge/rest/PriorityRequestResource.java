package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.priority.boundary.PriorityDraft;
import org.gridcharge.priority.boundary.PriorityService;
import org.gridcharge.priority.entity.PriorityRequest;
import org.gridcharge.rest.Json.PageJson;

/** Priority requests ("Charge Assist") and their history. */
@Path("priority-requests")
@Tag(name = "Priority requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class PriorityRequestResource {

    @EJB
    PriorityService priorities;

    @Inject
    java.time.Clock clock;

    @Inject
    Caller caller;

    /**
     * @param durationSeconds          how long priority lasted (so far, while active)
     * @param energyDeliveredKwh       energy the session took while it had priority, from the station's meter
     * @param limitAmps                the limit the session received with priority (latest allocation)
     * @param limitWithoutPriorityAmps the limit it would have received without priority
     */
    public record PriorityJson(String requestId, String sessionId, String evseId, String evseUid, String groupId, String cpoId, String requestedBy,
                               Instant requestedAt, Instant departureTime, Double energyKwh, String status, Instant endedAt,
                               long durationSeconds, Double energyDeliveredKwh, Double limitAmps, Double limitWithoutPriorityAmps) {
    }

    private PriorityJson json(PriorityRequest r) {
        return json(r, priorities.uidsOf(List.of(r)));
    }

    private PageJson<PriorityJson> json(Page<PriorityRequest> page) {
        Map<String, String> uids = priorities.uidsOf(page.items());
        return PageJson.of(page, r -> json(r, uids));
    }

    private PriorityJson json(PriorityRequest r, Map<String, String> uids) {
        Instant end = r.endedAt() != null ? r.endedAt() : clock.instant();
        Double meterEnd = r.status() == PriorityRequest.Status.ACTIVE ? priorities.meterNow(r) : r.meterEndWh();
        Double delivered = r.meterStartWh() == null || meterEnd == null ? null
                : Math.round((meterEnd - r.meterStartWh()) / 10.0) / 100.0;
        return new PriorityJson(r.requestId(), r.sessionId(), r.evseId(), uids.get(r.evseId()), r.groupId(), r.cpoId(), r.requestedBy(), r.requestedAt(),
                r.departureAt(), r.energyKwh(), r.status().name().toLowerCase(Locale.ROOT), r.endedAt(),
                Math.max(0, Duration.between(r.requestedAt(), end).getSeconds()), delivered, r.limitAmps(), r.limitWithoutAmps());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN})
    @Operation(summary = "A driver in a hurry: priority for the session running on evse_id or evse_uid (or for session_id) until it ends; "
            + "409 if there is no running session, the EVSE is in no group, the group's algorithm is not priority, or the group is full")
    public Response request(PriorityDraft draft, @Context UriInfo uri) {
        PriorityJson created = json(priorities.request(caller, draft));
        return Response.created(uri.getAbsolutePathBuilder().path(created.requestId()).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "The history of priority requests you may see, oldest first (order=desc: newest first); filters group_id, "
            + "evse_id, evse_uid, cpo_id (repeatable), from, to (on the time of the request) and status (active, ended, cancelled)")
    public PageJson<PriorityJson> list(@QueryParam("group_id") String groupId, @QueryParam("evse_id") String evseId,
                                       @QueryParam("evse_uid") String evseUid, @QueryParam("cpo_id") List<String> cpoIds,
                                       @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("status") String status,
                                       @QueryParam("order") String order, @QueryParam("offset") String offset,
                                       @QueryParam("limit") String limit) {
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw new InvalidInputException("order", "must be asc or desc, not '" + order + "'");
        }
        PriorityRequest.Status wanted = null;
        if (status != null) {
            try {
                wanted = PriorityRequest.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("status", "must be active, ended or cancelled, not '" + status + "'");
            }
        }
        PriorityService.Filter filter = new PriorityService.Filter(groupId, evseId, evseUid,
                from == null ? null : AllocationResource.instant("from", from), to == null ? null : AllocationResource.instant("to", to),
                wanted, cpoIds, "desc".equals(order));
        return json(priorities.list(caller, filter, Page.Request.of(offset, limit)));
    }

    @GET
    @Path("{request_id}")
    @Operation(summary = "One priority request")
    public PriorityJson get(@PathParam("request_id") String requestId) {
        return json(priorities.get(caller, requestId));
    }

    @POST
    @Path("{request_id}/cancel")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN})
    @Operation(summary = "Withdraw an active priority request; it stays in the history as cancelled")
    public PriorityJson cancel(@PathParam("request_id") String requestId) {
        return json(priorities.cancel(caller, requestId));
    }
}
