package org.gridcharge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridcharge.group.boundary.GroupChanges;
import org.gridcharge.group.boundary.GroupDraft;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.boundary.GroupListing;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.steering.boundary.GroupStatusService;
import org.gridcharge.rest.Json.EvseJson;
import org.gridcharge.rest.Json.GrantJson;
import org.gridcharge.rest.Json.GroupJson;
import org.gridcharge.rest.Json.PageJson;

@Path("smart-charging-groups")
@Tag(name = "Smart charging groups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CPO_ADMIN, Roles.CAPACITY_PROVIDER})
public class GroupResource {

    @EJB
    GroupService groups;

    @EJB
    GroupStatusService status;

    @EJB
    org.gridcharge.steering.boundary.AllocationService allocations;

    @Inject
    Caller caller;

    @Inject
    java.time.Clock clock;

    @EJB
    org.gridcharge.capacity.boundary.CapacityProfileService capacities;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a smart charging group with at least one EVSE")
    public Response create(GroupDraft draft, @Context UriInfo uri) {
        SmartChargingGroup group = groups.create(caller, draft);
        GroupJson created = withCount(group);
        return Response.created(uri.getAbsolutePathBuilder().path(created.groupId()).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "List the groups you may see, ordered by group_id; filter by cpo_id, by parent_group_id (the groups "
            + "hanging directly under it) or top_level=true (the tops of your trees: groups under no group you see)")
    public PageJson<GroupJson> list(@QueryParam("cpo_id") String cpoId, @QueryParam("parent_group_id") String parentGroupId,
                                    @QueryParam("top_level") String topLevel, @QueryParam("offset") String offset,
                                    @QueryParam("limit") String limit) {
        if (topLevel != null && !topLevel.equals("true") && !topLevel.equals("false")) {
            throw new InvalidInputException("top_level", "must be true or false, not '" + topLevel + "'");
        }
        Page<SmartChargingGroup> page = groups.list(caller, new GroupListing(cpoId, parentGroupId, "true".equals(topLevel)),
                Page.Request.of(offset, limit));
        Map<String, GroupJson> json = json(page.items());
        return PageJson.of(page, g -> json.get(g.groupId()));
    }

    @GET
    @Path("{group_id}")
    @Operation(summary = "Read one group")
    public GroupJson get(@PathParam("group_id") String groupId) {
        return withCount(groups.get(caller, groupId));
    }

    @PATCH
    @Path("{group_id}")
    @Consumes({MediaType.APPLICATION_JSON, EvseResource.MERGE_PATCH})
    @Operation(summary = "Rename a group, change its algorithm or default capacity, hang it on a parent group (merge patch;"
            + " \"parent_group_id\": null detaches it)")
    public GroupJson change(@PathParam("group_id") String groupId, java.io.InputStream body) throws java.io.IOException {
        MergePatch<GroupChanges> patch = MergePatch.read(body, GroupChanges.class);
        return withCount(groups.change(caller, groupId, patch.value(), patch.nulls().contains("parent_group_id")));
    }

    @DELETE
    @Path("{group_id}")
    @Operation(summary = "Delete a group; its EVSEs stay, outside any group")
    public Response delete(@PathParam("group_id") String groupId) {
        groups.delete(caller, groupId);
        return Response.noContent().build();
    }

    /** A quantity per phase. */
    public record PhasesJson(double l1, double l2, double l3) {
        static PhasesJson of(org.gridcharge.allocation.PerPhase p) {
            return p == null ? null : new PhasesJson(p.l1(), p.l2(), p.l3());
        }
    }

    /** A node of a grid tree as its latest allocation left it (capacity, allotted and headroom are null before the first). */
    public record TreeNodeJson(String groupId, String parentGroupId, String parentPhaseRotation, String name, int depth,
                               String capacityUpdateMethod, PhasesJson capacity, PhasesJson allotted, PhasesJson headroom, int sessions) {
    }

    public record TreeJson(String groupId, String capacityUnit, List<TreeNodeJson> nodes) {
    }

    @GET
    @Path("{group_id}/tree")
    @Operation(summary = "The group and every group below it (a parent before its children): each node's capacity now, what its"
            + " subtree was allotted per phase, the headroom left, and the sessions charging below it")
    public TreeJson tree(@PathParam("group_id") String groupId) {
        List<TreeNodeJson> nodes = allocations.tree(caller, groupId).stream().map(n -> new TreeNodeJson(n.group().groupId(),
                n.depth() == 0 ? null : n.group().parentGroupId(), n.depth() == 0 ? null : n.group().parentPhaseRotation(),
                n.group().name(), n.depth(), n.group().capacityUpdateMethod().name(), PhasesJson.of(n.capacity()),
                PhasesJson.of(n.allotted()), PhasesJson.of(n.headroom()), n.sessions())).toList();
        return new TreeJson(groupId, groups.get(caller, groupId).capacityUnit().name(), nodes);
    }

    @GET
    @Path("{group_id}/evses")
    @Operation(summary = "List the group's EVSEs, ordered by evse_id")
    public PageJson<EvseJson> evses(@PathParam("group_id") String groupId, @QueryParam("offset") String offset,
                                    @QueryParam("limit") String limit) {
        return PageJson.of(groups.evses(caller, groupId, Page.Request.of(offset, limit)), EvseJson::of);
    }

    @PUT
    @Path("{group_id}/evses/{evse_id}")
    @Operation(summary = "Add an EVSE to the group (201 when added, 200 when it already was a member)")
    public Response addEvse(@PathParam("group_id") String groupId, @PathParam("evse_id") String evseId) {
        boolean added = groups.addEvse(caller, groupId, evseId);
        return Response.status(added ? Response.Status.CREATED : Response.Status.OK).entity(withCount(groups.get(caller, groupId))).build();
    }

    @DELETE
    @Path("{group_id}/evses/{evse_id}")
    @Operation(summary = "Remove an EVSE from the group (409 for the last one: delete the group instead)")
    public Response removeEvse(@PathParam("group_id") String groupId, @PathParam("evse_id") String evseId) {
        groups.removeEvse(caller, groupId, evseId);
        return Response.noContent().build();
    }

    @GET
    @Path("{group_id}/grants")
    @Operation(summary = "List the capacity providers this group is granted to")
    public List<GrantJson> grants(@PathParam("group_id") String groupId) {
        return groups.grants(caller, groupId).stream().map(GrantJson::of).toList();
    }

    @PUT
    @Path("{group_id}/grants/{client_id}")
    @Operation(summary = "Let a capacity provider read and steer this group (201 when new, 200 when it existed)")
    public Response grant(@PathParam("group_id") String groupId, @PathParam("client_id") String clientId) {
        boolean created = groups.grant(caller, groupId, clientId);
        GrantJson grant = groups.grants(caller, groupId).stream().filter(g -> g.clientId().equals(clientId))
                .findFirst().map(GrantJson::of).orElseThrow();
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(grant).build();
    }

    @DELETE
    @Path("{group_id}/grants/{client_id}")
    @Operation(summary = "Revoke a capacity provider's grant")
    public Response revoke(@PathParam("group_id") String groupId, @PathParam("client_id") String clientId) {
        groups.revoke(caller, groupId, clientId);
        return Response.noContent().build();
    }

    private GroupJson withCount(SmartChargingGroup group) {
        return json(List.of(group)).get(group.groupId());
    }

    /**
     * The groups as the caller sees them: with their EVSE counts and capacity sources, and only the tree it may see (a
     * capacity provider is not told of a parent or of nested groups not granted to it).
     */
    private Map<String, GroupJson> json(List<SmartChargingGroup> page) {
        List<String> ids = page.stream().map(SmartChargingGroup::groupId).toList();
        Map<String, Long> counts = groups.evseCounts(ids);
        java.util.Set<String> parents = groups.withChildren(ids);
        java.util.Set<String> parentsSeen = groups.withChildrenSeenBy(caller, ids);
        java.util.Set<String> abovesSeen = groups.parentsSeenBy(caller, page);
        Map<String, String> sources = capacities.sourcesOf(page, clock.instant());
        Map<String, GroupJson> json = new java.util.HashMap<>();
        for (SmartChargingGroup g : page) {
            json.put(g.groupId(), GroupJson.of(g, counts.getOrDefault(g.groupId(), 0L), parents.contains(g.groupId()),
                    parentsSeen.contains(g.groupId()), g.parentGroupId() != null && abovesSeen.contains(g.parentGroupId()),
                    sources.get(g.groupId())));
        }
        return json;
    }

    @GET
    @Path("{group_id}/evse-status")
    @Operation(summary = "Every EVSE of the group now, in evse_id order: station online, status (from the station's "
            + "StatusNotification: available, charging, reserved, inoperative, outoforder; unknown while offline), smart charging "
            + "status, level and limit in the latest allocation, measured current")
    public PageJson<GroupStatusViews.EvseStatusJson> evseStatus(@PathParam("group_id") String groupId,
                                                                   @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return new GroupStatusViews(status, caller, clock).evses(groupId, offset, limit);
    }

    @GET
    @Path("{group_id}/evse-summary")
    @Operation(summary = "The active EVSEs (station online, a session open) and the offline ones: how many, allotted amperes in "
            + "all and per phase, measured power in all and per phase")
    public GroupStatusViews.SummariesJson evseSummary(@PathParam("group_id") String groupId) {
        return new GroupStatusViews(status, caller, clock).summary(groupId);
    }

    @GET
    @Path("{group_id}/allocation-chart")
    @Operation(summary = "The allocation over [from, to) (default: the last 24 hours) on a phase (default l1), cut for a chart: at most "
            + "points instants (default 500; per time bucket the first record and the one that allotted most) and series EVSEs "
            + "(default 20: those with the highest limits apart, the rest summed as other)")
    public GroupStatusViews.ChartJson allocationChart(@PathParam("group_id") String groupId, @QueryParam("from") String from,
                                                      @QueryParam("to") String to, @QueryParam("phase") String phase,
                                                      @QueryParam("points") String points, @QueryParam("series") String series) {
        return new GroupStatusViews(status, caller, clock).chart(groupId, from, to, phase, points, series);
    }

    @GET
    @Path("{group_id}/allocation-graph")
    @Operation(summary = "The allocation records starting in [from, to) (default: the last 24 hours) as chart points: one per phase "
            + "(or only phase=l1|l2|l3; one per record in a group managed in watts), each EVSE with its level and order")
    public PageJson<GroupStatusViews.GraphPointJson> allocationGraph(@PathParam("group_id") String groupId,
                                                                        @QueryParam("from") String from, @QueryParam("to") String to,
                                                                        @QueryParam("phase") String phase,
                                                                        @QueryParam("offset") String offset,
                                                                        @QueryParam("limit") String limit) {
        return new GroupStatusViews(status, caller, clock).graph(groupId, from, to, phase, offset, limit);
    }
}
