package org.gridcharge.vendorapi;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.gridcharge.platform.json.Jsons;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.cpo.entity.Cpo;
import org.gridcharge.group.boundary.GroupChanges;
import org.gridcharge.group.boundary.GroupDraft;
import org.gridcharge.group.boundary.GroupFilter;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.boundary.Management;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.platform.security.Caller;

/**
 * The vendor's capacity groups ({@code /api/1.0/smartcharging/capacitygroups}): our smart charging groups under the
 * vendor's paths, field names, enumerations and bare-array answers. The group's own resources are served by the
 * sub-resources this class locates. Every rule lives in the services behind {@code /api/v1}; this class only
 * translates. Answers are 200 as in the vendor's description; errors are application/problem+json as everywhere else.
 */
@Path("capacitygroups")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CapacityGroupResource {

    /**
     * A capacity group as the vendor's clients send it. {@code parent_capacity_group_id} is our extension: the group it
     * hangs on in a grid tree (with {@code capacity_update_method} PARENTGROUP it has no capacity of its own). Absent on
     * an update, the parent stays as it is, so that a client that does not know the extension leaves trees alone.
     */
    public record GroupIn(String name, String cpoExternalId, String remarks, String algorithm, String capacityUpdateMethod,
                          String parentCapacityGroupId) {
    }

    public record GroupOut(String id, String name, String cpoExternalId, String remarks, String algorithm, String algorithmDisplayName,
                           String capacityUpdateMethod, String parentCapacityGroupId) {

        static GroupOut of(SmartChargingGroup g) {
            return new GroupOut(g.groupId(), g.name(), g.cpoId(), g.remarks(), VendorEnums.algorithm(Management.of(g)),
                    VendorEnums.algorithmDisplayName(g), g.capacityUpdateMethod().name(), g.parentGroupId());
        }
    }

    private static final Map<String, GroupFilter.Key> SORT_KEYS = Map.of("order_by_id", GroupFilter.Key.ID, "order_by_name",
            GroupFilter.Key.NAME, "order_by_cpo_external_id", GroupFilter.Key.CPO_ID, "order_by_algorithm", GroupFilter.Key.MANAGEMENT);

    @Inject
    VendorCaller callers;

    @EJB
    GroupService groups;

    @EJB
    CpoService cpos;

    @Inject
    Instance<TimeZoneResource> timeZones;

    @Inject
    Instance<DefaultStateResource> defaultStates;

    @Inject
    Instance<DcStateResource> dcStates;

    @Inject
    Instance<GroupEvseResource> evses;

    @Inject
    Instance<DateTimeScenarioResource> dateTimeScenarios;

    @Inject
    Instance<WeeklyScenarioResource> weeklyScenarios;

    @Inject
    Instance<DefaultAllocationResource> defaultAllocations;

    @Inject
    Instance<DcAllocationResource> dcAllocations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(GroupIn in) {
        GroupIn body = VendorEnums.requireBody(in);
        String unit = VendorEnums.unit(body.algorithm() == null ? Management.AMPERES : VendorEnums.management("algorithm", body.algorithm()))
                .name();
        SmartChargingGroup group = VendorProblems.GROUP.call(() -> groups.createIncomplete(callers.get(), new GroupDraft(
                body.cpoExternalId(), body.name(), VendorEnums.algorithmChoice(body.algorithm(), null), null, List.of(), body.remarks(),
                body.capacityUpdateMethod(), unit, body.parentCapacityGroupId(), null, null)));
        return Response.ok(Jsons.createValue(group.groupId()).toString(), MediaType.APPLICATION_JSON).build();
    }

    @GET
    public List<GroupOut> list(@QueryParam("name") String name, @QueryParam("algorithm") String algorithm,
                               @QueryParam("limit") String limit, @QueryParam("offset") String offset, @Context UriInfo uri) {
        Management management = algorithm == null ? null : VendorEnums.management("algorithm", algorithm);
        List<String> cpoIds = VendorEnums.list(uri, "cpo_external_ids");
        List<GroupFilter.Sort> sort = VendorEnums.sort(uri, SORT_KEYS, GroupFilter.Sort::new);
        Page.Request page = VendorEnums.page(offset, limit);
        Page<SmartChargingGroup> found = groups.search(callers.get(), new GroupFilter(name, cpoIds, management, sort, page.offset(),
                page.limit()));
        return VendorEnums.complete(found, limit).stream().map(GroupOut::of).toList();
    }

    @GET
    @Path("cpoexternalids")
    public List<String> cpoExternalIds() {
        Caller caller = callers.get();
        if (caller.isPlatformAdmin()) {
            return cpos.list(caller, new Page.Request(0, Page.MAX_LIMIT)).items().stream().map(Cpo::cpoId).toList();
        }
        if (caller.isCpoAdmin()) {
            return new ArrayList<>(new TreeSet<>(caller.cpoIds()));
        }
        TreeSet<String> cpoIds = new TreeSet<>();
        Page<SmartChargingGroup> page;
        int offset = 0;
        do {
            page = groups.search(caller, new GroupFilter(null, null, null, null, offset, GroupFilter.MAX_LIMIT));
            page.items().forEach(g -> cpoIds.add(g.cpoId()));
            offset += page.items().size();
        } while (!page.items().isEmpty() && offset < page.total());
        return new ArrayList<>(cpoIds);
    }

    @GET
    @Path("{capacity_group_id}")
    public GroupOut get(@PathParam("capacity_group_id") String groupId) {
        return GroupOut.of(groups.get(callers.get(), groupId));
    }

    @PUT
    @Path("{capacity_group_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("capacity_group_id") String groupId, GroupIn in) {
        GroupIn body = VendorEnums.requireBody(in);
        VendorProblems.GROUP.call(() -> groups.change(callers.get(), groupId, group -> {
            if (body.cpoExternalId() != null && !body.cpoExternalId().equals(group.cpoId())) {
                throw new InvalidInputException("cpo_external_id", "cannot be changed; a capacity group stays with its CPO");
            }
            if (body.name() == null) {
                throw new InvalidInputException("name", "is required");
            }
            Management wanted = body.algorithm() == null ? null : VendorEnums.management("algorithm", body.algorithm());
            if (wanted != null && wanted != Management.UNMANAGED) {
                group.refuseUnitChange("algorithm", VendorEnums.unit(wanted));
            }
            return new GroupChanges(null, null, body.name(), VendorEnums.algorithmChoice(body.algorithm(), group), null,
                    body.remarks() == null ? "" : body.remarks(), body.capacityUpdateMethod(), body.parentCapacityGroupId(), null);
        }));
        return Response.ok().build();
    }

    @DELETE
    @Path("{capacity_group_id}")
    public Response delete(@PathParam("capacity_group_id") String groupId) {
        groups.delete(callers.get(), groupId);
        return Response.ok().build();
    }

    // ---- the group's resources ----------------------------------------------------------------------------------

    @Path("timezones")
    public TimeZoneResource timeZones() {
        return timeZones.get();
    }

    @Path("{capacity_group_id}/algorithms/capacitymanagementdefault/state")
    public DefaultStateResource defaultState() {
        return defaultStates.get();
    }

    @Path("{capacity_group_id}/algorithms/capacitymanagementdc/state")
    public DcStateResource dcState() {
        return dcStates.get();
    }

    @Path("{capacity_group_id}/evses")
    public GroupEvseResource evses() {
        return evses.get();
    }

    @Path("{capacity_group_id}/capacityscenarios/datetime")
    public DateTimeScenarioResource dateTimeScenarios() {
        return dateTimeScenarios.get();
    }

    @Path("{capacity_group_id}/capacityscenarios/dayofweek")
    public WeeklyScenarioResource weeklyScenarios() {
        return weeklyScenarios.get();
    }

    @Path("{capacity_group_id}/capacitymanagementdefault")
    public DefaultAllocationResource defaultAllocation() {
        return defaultAllocations.get();
    }

    @Path("{capacity_group_id}/capacitymanagementdc")
    public DcAllocationResource dcAllocation() {
        return dcAllocations.get();
    }
}
