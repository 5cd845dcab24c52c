package org.gridcharge.vendorapi;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.bind.annotation.JsonbProperty;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.WeeklyCapacity;
import org.gridcharge.capacity.boundary.CapacityProfileService;
import org.gridcharge.capacity.boundary.PeriodDraft;
import org.gridcharge.capacity.boundary.ProfileDraft;
import org.gridcharge.capacity.boundary.StoredProfile;
import org.gridcharge.capacity.boundary.TimeZones;
import org.gridcharge.capacity.boundary.WeeklyDraft;
import org.gridcharge.capacity.boundary.WeeklyRules;
import org.gridcharge.capacity.entity.ProfileType;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.cpo.entity.Cpo;
import org.gridcharge.evse.boundary.EvseService;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.group.boundary.AlgorithmChoice;
import org.gridcharge.group.boundary.GroupChanges;
import org.gridcharge.group.boundary.GroupDraft;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.Algorithm;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.priority.boundary.PriorityDraft;
import org.gridcharge.priority.boundary.PriorityService;
import org.gridcharge.steering.boundary.GroupStatusService;
import org.gridcharge.steering.boundary.GroupStatusService.EvseNow;
import org.gridcharge.steering.boundary.GroupStatusService.GraphPoint;
import org.gridcharge.steering.boundary.GroupStatusService.Summary;

/**
 * The vendor's capacity groups ({@code /api/1.0/smartcharging/capacitygroups}): our smart charging groups under the
 * vendor's paths, field names, enumerations and bare-array answers. Every rule lives in the services behind
 * {@code /api/v1}; this class only translates. Answers are 200 as in the vendor's description; errors are
 * application/problem+json as everywhere else.
 */
@Path("capacitygroups")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CapacityGroupResource {

    static final String DEFAULT_ALGORITHM = "CAPACITYMANAGEMENTDEFAULT";
    static final String DC_ALGORITHM = "CAPACITYMANAGEMENTDC";
    static final String NO_ALGORITHM = "NONE";
    private static final Set<String> ALGORITHMS_NOT_BUILT = Set.of("CUSTOMERCONFIGUREDTOUALGORITHM");
    private static final Pattern TIME_SPAN = Pattern.compile("(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9])|24:00:00");

    public record GroupIn(String name, String cpoExternalId, String remarks, String algorithm, String capacityUpdateMethod) {
    }

    public record GroupOut(String id, String name, String cpoExternalId, String remarks, String algorithm, String algorithmDisplayName,
                           String capacityUpdateMethod) {
    }

    public record DefaultStateIn(Double defaultGroupCapacityAmps, String sessionStartedDuration, Double minAllocationAmps) {
    }

    public record DefaultStateOut(double defaultGroupCapacityAmps, double currentGroupCapacityAmps, double currentGroupCapacityAmpsL1,
                                  double currentGroupCapacityAmpsL2, double currentGroupCapacityAmpsL3, String sessionStartedDuration,
                                  double minAllocationAmps) {
    }

    public record EvseRef(String uid) {
    }

    public record ChargePointOut(String id, List<Integer> connectors) {
    }

    public record EvseWithChargePoint(String uid, String name, ChargePointOut chargePoint) {
    }

    public record EvseOut(String uid, String capacityGroupId, String chargePointId, String status, String smartChargingStatus,
                          List<Integer> connectors) {
    }

    public record ScenarioIn(Double capacity, String startDateTime, String endDateTime) {
    }

    public record ScenarioOut(String id, double capacity, Instant startDateTime, Instant endDateTime) {
    }

    public record WeeklyScenarioOut(String id, double capacity, String dayOfWeek, String startTime, String endTime) {
    }

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
    }

    public record DcStateIn(Double defaultGroupCapacityWatts) {
    }

    public record DcStateOut(double defaultGroupCapacityWatts, double currentGroupCapacityWatts) {
    }

    public record DcEvseAllocationOut(String uid, double allocatedWatts, String smartChargingStatus) {
    }

    public record DcAllocationPointOut(Instant timestamp, double currentGroupCapacityWatts, double allocatedCapacityWatts,
                                       List<DcEvseAllocationOut> evses) {
    }

    public record DcEvsesStateOut(int number, double allocated, Double powerConsumptionWatts) {
    }

    public record TimeZoneOut(String id, String displayName, String utcOffset, boolean supportsDaylightSavingTime) {
    }

    @Inject
    VendorCaller callers;

    @Inject
    Clock clock;

    @EJB
    GroupService groups;

    @EJB
    EvseService evses;

    @EJB
    CpoService cpos;

    @EJB
    CapacityProfileService profiles;

    @EJB
    PriorityService priorities;

    @EJB
    GroupStatusService status;

    // ---- capacity groups ----------------------------------------------------------------------------------------

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(GroupIn in) {
        GroupIn body = require(in);
        AlgorithmChoice algorithm = algorithm(body.algorithm(), null);
        String unit = DC_ALGORITHM.equals(body.algorithm()) ? CapacityUnit.W.name() : CapacityUnit.A.name();
        SmartChargingGroup group = groups.createIncomplete(caller(), new GroupDraft(body.cpoExternalId(), body.name(), algorithm, null,
                List.of(), body.remarks(), body.capacityUpdateMethod(), unit));
        return Response.ok(Json.createValue(group.groupId()).toString(), MediaType.APPLICATION_JSON).build();
    }

    @GET
    public List<GroupOut> list(@QueryParam("name") String name, @QueryParam("algorithm") String algorithm,
                               @QueryParam("limit") String limit, @QueryParam("offset") String offset, @Context UriInfo uri) {
        if (algorithm != null) {
            parseAlgorithmName("algorithm", algorithm);
        }
        List<String> cpoIds = VendorEnums.list(uri, "cpo_external_ids");
        List<GroupOut> all = new ArrayList<>();
        for (SmartChargingGroup group : everyGroup()) {
            if ((name == null || group.name().startsWith(name)) && (cpoIds.isEmpty() || cpoIds.contains(group.cpoId()))
                    && (algorithm == null || algorithm.equals(vendorAlgorithm(group)))) {
                all.add(out(group));
            }
        }
        Comparator<GroupOut> order = VendorEnums.order(uri, Map.of("order_by_id", Comparator.comparing(GroupOut::id), "order_by_name",
                Comparator.comparing(GroupOut::name), "order_by_cpo_external_id", Comparator.comparing(GroupOut::cpoExternalId),
                "order_by_algorithm", Comparator.comparing(GroupOut::algorithm)));
        if (order != null) {
            all.sort(order);
        }
        return VendorEnums.slice(all, offset, limit);
    }

    @GET
    @Path("cpoexternalids")
    public List<String> cpoExternalIds() {
        Caller caller = caller();
        if (caller.isPlatformAdmin()) {
            return cpos.list(caller, new Page.Request(0, Page.MAX_LIMIT)).items().stream().map(Cpo::cpoId).toList();
        }
        if (caller.isCpoAdmin()) {
            return new ArrayList<>(new TreeSet<>(caller.cpoIds()));
        }
        return everyGroup().stream().map(SmartChargingGroup::cpoId).distinct().sorted().toList();
    }

    @GET
    @Path("timezones")
    public List<TimeZoneOut> timeZones() {
        return TimeZones.all(clock.instant()).stream().map(z -> new TimeZoneOut(z.id(), z.displayName(), z.utcOffset(),
                z.supportsDaylightSavingTime())).toList();
    }

    @GET
    @Path("{capacity_group_id}")
    public GroupOut get(@PathParam("capacity_group_id") String groupId) {
        return out(groups.get(caller(), groupId));
    }

    @PUT
    @Path("{capacity_group_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("capacity_group_id") String groupId, GroupIn in) {
        GroupIn body = require(in);
        Caller caller = caller();
        SmartChargingGroup group = groups.getForChange(caller, groupId);
        if (body.cpoExternalId() != null && !body.cpoExternalId().equals(group.cpoId())) {
            throw new InvalidInputException("cpo_external_id", "cannot be changed; a capacity group stays with its CPO");
        }
        if (body.name() == null) {
            throw new InvalidInputException("name", "is required");
        }
        if (body.algorithm() != null) {
            parseAlgorithmName("algorithm", body.algorithm());
        }
        if (body.algorithm() != null && !NO_ALGORITHM.equals(body.algorithm())
                && (DC_ALGORITHM.equals(body.algorithm()) ? CapacityUnit.W : CapacityUnit.A) != group.capacityUnit()) {
            throw new InvalidInputException("algorithm", "a group managed in amperes cannot become one managed in watts (DC), nor the"
                    + " reverse; create a new capacity group instead");
        }
        groups.change(caller, groupId, new GroupChanges(null, null, body.name(), algorithm(body.algorithm(), group), null,
                body.remarks() == null ? "" : body.remarks(), body.capacityUpdateMethod()));
        return Response.ok().build();
    }

    @DELETE
    @Path("{capacity_group_id}")
    public Response delete(@PathParam("capacity_group_id") String groupId) {
        groups.delete(caller(), groupId);
        return Response.ok().build();
    }

    // ---- algorithm state ----------------------------------------------------------------------------------------

    @GET
    @Path("{capacity_group_id}/algorithms/capacitymanagementdefault/state")
    public DefaultStateOut defaultState(@PathParam("capacity_group_id") String groupId) {
        SmartChargingGroup group = requireUnit(groups.get(caller(), groupId), CapacityUnit.A);
        double now = profiles.timeline(group, clock.instant(), clock.instant().plusSeconds(1)).capacityAt(clock.instant());
        double started = group.algorithmParameters().getOrDefault(Algorithm.Parameter.SESSION_STARTED.apiName(), 0.0);
        return new DefaultStateOut(group.defaultCapacity(), now, now, now, now, WeeklyRules.format((int) started),
                group.algorithmParameters().getOrDefault(Algorithm.Parameter.MIN_CURRENT.apiName(),
                        Algorithm.Parameter.MIN_CURRENT.defaultValue()));
    }

    @PUT
    @Path("{capacity_group_id}/algorithms/capacitymanagementdefault/state")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeDefaultState(@PathParam("capacity_group_id") String groupId, DefaultStateIn in) {
        DefaultStateIn body = require(in);
        Caller caller = caller();
        SmartChargingGroup group = requireUnit(groups.getForChange(caller, groupId), CapacityUnit.A);
        String duration = body.sessionStartedDuration();
        if (duration != null && !TIME_SPAN.matcher(duration).matches()) {
            throw new InvalidInputException("session_started_duration", "must be HH:MM:SS between 00:00:00 and 24:00:00, was '"
                    + duration + "'");
        }
        AlgorithmChoice algorithm = null;
        if ((body.minAllocationAmps() != null || duration != null) && group.algorithm() == Algorithm.NONE) {
            throw new ConflictException("capacity group '" + groupId + "' has the algorithm NONE: it has no minimum allocation and no"
                    + " start window; choose " + DEFAULT_ALGORITHM + " first");
        }
        if (body.minAllocationAmps() != null || duration != null) {
            Map<String, Object> parameters = new LinkedHashMap<>(group.algorithmParameters());
            if (duration != null) {
                String[] hms = duration.split(":");
                parameters.put(Algorithm.Parameter.SESSION_STARTED.apiName(),
                        Integer.parseInt(hms[0]) * 3600 + Integer.parseInt(hms[1]) * 60 + Integer.parseInt(hms[2]));
            }
            if (body.minAllocationAmps() != null) {
                parameters.put(Algorithm.Parameter.MIN_CURRENT.apiName(), body.minAllocationAmps());
                try {
                    group.algorithm().resolve(parameters);
                } catch (InvalidInputException e) {
                    throw e.onField("min_allocation_amps");
                }
            }
            algorithm = new AlgorithmChoice(group.algorithm().apiName(), parameters);
        }
        try {
            groups.change(caller, groupId, new GroupChanges(null, null, null, algorithm, body.defaultGroupCapacityAmps(), null, null));
        } catch (InvalidInputException e) {
            throw "default_capacity_amps".equals(e.field()) ? e.onField("default_group_capacity_amps") : e;
        }
        return Response.ok().build();
    }

    @GET
    @Path("{capacity_group_id}/algorithms/capacitymanagementdc/state")
    public DcStateOut dcState(@PathParam("capacity_group_id") String groupId) {
        SmartChargingGroup group = requireUnit(groups.get(caller(), groupId), CapacityUnit.W);
        double now = profiles.timeline(group, clock.instant(), clock.instant().plusSeconds(1)).capacityAt(clock.instant());
        return new DcStateOut(group.defaultCapacity(), now);
    }

    @PUT
    @Path("{capacity_group_id}/algorithms/capacitymanagementdc/state")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeDcState(@PathParam("capacity_group_id") String groupId, DcStateIn in) {
        DcStateIn body = require(in);
        Caller caller = caller();
        requireUnit(groups.getForChange(caller, groupId), CapacityUnit.W);
        if (body.defaultGroupCapacityWatts() == null) {
            throw new InvalidInputException("default_group_capacity_watts", "is required (watts)");
        }
        try {
            groups.change(caller, groupId, new GroupChanges(null, null, null, null, body.defaultGroupCapacityWatts(), null, null));
        } catch (InvalidInputException e) {
            throw "default_capacity_amps".equals(e.field()) ? e.onField("default_group_capacity_watts") : e;
        }
        return Response.ok().build();
    }

    // ---- EVSEs --------------------------------------------------------------------------------------------------

    @PUT
    @Path("{capacity_group_id}/evses/chargepoints")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replaceEvses(@PathParam("capacity_group_id") String groupId, List<EvseRef> in) {
        Caller caller = caller();
        groups.getForChange(caller, groupId);
        if (in == null) {
            throw new InvalidInputException("body", "a JSON array of {\"uid\"} is required");
        }
        List<String> evseIds = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            EvseRef ref = in.get(i);
            if (ref == null || ref.uid() == null || ref.uid().isBlank()) {
                throw new InvalidInputException("[" + i + "].uid", "is required");
            }
            evseIds.add(evses.getByUid(caller, ref.uid()).evseId());
        }
        try {
            groups.replaceEvses(caller, groupId, evseIds, "");
        } catch (InvalidInputException e) {
            throw e.field() == null ? e : e.field().startsWith("[") ? e.onField(e.field() + ".uid") : e.field().isEmpty() ? e.onField("body") : e;
        }
        return Response.ok().build();
    }

    @GET
    @Path("{capacity_group_id}/evses/chargepoints")
    public List<EvseWithChargePoint> evsesWithChargePoints(@PathParam("capacity_group_id") String groupId) {
        return status.evses(caller(), groupId).stream().map(EvseNow::evse).map(e -> new EvseWithChargePoint(e.uid(),
                e.evseId(), new ChargePointOut(e.chargeStationId(), List.of(e.connectorId())))).toList();
    }

    @GET
    @Path("{capacity_group_id}/evses")
    public List<EvseOut> evses(@PathParam("capacity_group_id") String groupId, @QueryParam("evse_uid") String uid,
                               @QueryParam("status") String status, @QueryParam("smart_charging_status") String smartChargingStatus,
                               @QueryParam("charge_point_id") String chargePointId, @QueryParam("limit") String limit,
                               @QueryParam("offset") String offset, @Context UriInfo uri) {
        VendorEnums.require("status", status, VendorEnums.EVSE_STATUS);
        VendorEnums.require("smart_charging_status", smartChargingStatus, VendorEnums.SMART_CHARGING_STATUS);
        List<EvseOut> all = new ArrayList<>();
        for (EvseNow now : this.status.evses(caller(), groupId)) {
            Evse e = now.evse();
            EvseOut out = new EvseOut(e.uid(), groupId, e.chargeStationId(), VendorEnums.name(now.status()),
                    VendorEnums.name(now.smartChargingStatus()), List.of(e.connectorId()));
            if ((uid == null || uid.equals(out.uid())) && (status == null || status.equals(out.status()))
                    && (smartChargingStatus == null || smartChargingStatus.equals(out.smartChargingStatus()))
                    && (chargePointId == null || chargePointId.equals(out.chargePointId()))) {
                all.add(out);
            }
        }
        Comparator<EvseOut> order = VendorEnums.order(uri, Map.of("order_by_evse_uid", Comparator.comparing(EvseOut::uid),
                "order_by_status", Comparator.comparing(EvseOut::status), "order_by_charge_point_id",
                Comparator.comparing(EvseOut::chargePointId)));
        if (order != null) {
            all.sort(order);
        }
        return VendorEnums.slice(all, offset, limit);
    }

    @DELETE
    @Path("{capacity_group_id}/evses/{evse_uid}")
    public Response removeEvse(@PathParam("capacity_group_id") String groupId, @PathParam("evse_uid") String uid) {
        Caller caller = caller();
        groups.removeEvse(caller, groupId, evses.getByUid(caller, uid).evseId());
        return Response.ok().build();
    }

    @POST
    @Path("{capacity_group_id}/evses/{evse_uid}/priority")
    public Response priority(@PathParam("capacity_group_id") String groupId, @PathParam("evse_uid") String uid) {
        Caller caller = caller();
        groups.get(caller, groupId);
        caller.requireManagerRole();
        Evse evse = evses.getByUid(caller, uid);
        if (!groupId.equals(evse.groupId())) {
            throw new NotFoundException("EVSE in capacity group " + groupId + " with uid", uid);
        }
        priorities.request(caller, new PriorityDraft(evse.evseId(), null, null, caller.subject(), null, null));
        return Response.ok().build();
    }

    // ---- capacity scenarios -------------------------------------------------------------------------------------

    @PUT
    @Path("{capacity_group_id}/capacityscenarios/datetime")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<ScenarioOut> replaceDateTimeScenarios(@PathParam("capacity_group_id") String groupId, List<ScenarioIn> in) {
        Caller caller = caller();
        if (in == null) {
            throw new InvalidInputException("body", "a JSON array of {\"capacity\", \"start_date_time\", \"end_date_time\"} is required");
        }
        if (in.isEmpty()) {
            if (hasProfile(caller, groupId)) {
                profiles.delete(caller, groupId);
            }
            return List.of();
        }
        List<PeriodDraft> periods = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            ScenarioIn s = in.get(i);
            if (s == null) {
                throw new InvalidInputException("[" + i + "]", "must be an object {\"capacity\", \"start_date_time\", \"end_date_time\"}");
            }
            periods.add(new PeriodDraft(s.startDateTime(), s.endDateTime(), s.capacity()));
        }
        try {
            profiles.replace(caller, groupId, new ProfileDraft(ProfileType.CAPACITY_LIMIT.apiName(), periods));
        } catch (InvalidInputException e) {
            // the vendor's body is the bare array: periods[3].capacity is [3].capacity there
            String field = e.field();
            throw field != null && field.startsWith("periods") ? e.onField(field.equals("periods") ? "body"
                    : field.substring("periods".length())) : e;
        }
        return dateTimeScenarios(groupId);
    }

    @GET
    @Path("{capacity_group_id}/capacityscenarios/datetime")
    public List<ScenarioOut> dateTimeScenarios(@PathParam("capacity_group_id") String groupId) {
        Caller caller = caller();
        if (!hasProfile(caller, groupId)) {
            return List.of();
        }
        StoredProfile profile = profiles.get(caller, groupId);
        List<ScenarioOut> out = new ArrayList<>(profile.periods().size());
        for (int i = 0; i < profile.periods().size(); i++) {
            var p = profile.periods().get(i);
            out.add(new ScenarioOut(String.valueOf(i + 1), p.capacity(), p.start(), p.end()));
        }
        return out;
    }

    @PUT
    @Path("{capacity_group_id}/capacityscenarios/dayofweek")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<WeeklyScenarioOut> replaceDayOfWeekScenarios(@PathParam("capacity_group_id") String groupId, WeeklyDraft in) {
        return weeklyOut(profiles.replaceWeekly(caller(), groupId, in), null);
    }

    @GET
    @Path("{capacity_group_id}/capacityscenarios/dayofweek")
    public List<WeeklyScenarioOut> dayOfWeekScenarios(@PathParam("capacity_group_id") String groupId,
                                                      @QueryParam("day_of_week") String day) {
        VendorEnums.require("day_of_week", day, VendorEnums.DAYS);
        WeeklyCapacity weekly = profiles.weekly(caller(), groupId);
        return weekly == null ? List.of() : weeklyOut(weekly, day);
    }

    private static List<WeeklyScenarioOut> weeklyOut(WeeklyCapacity weekly, String day) {
        List<WeeklyScenarioOut> out = new ArrayList<>();
        for (int i = 0; i < weekly.rules().size(); i++) {
            WeeklyCapacity.Rule rule = weekly.rules().get(i);
            if (day == null || day.equals(rule.day().name())) {
                out.add(new WeeklyScenarioOut(String.valueOf(i + 1), rule.capacity(), rule.day().name(),
                        WeeklyRules.format(rule.startSecond()), WeeklyRules.format(rule.endSecond())));
            }
        }
        return out;
    }

    // ---- reporting ----------------------------------------------------------------------------------------------

    @GET
    @Path("{capacity_group_id}/capacitymanagementdefault/allocationgraph")
    public List<AllocationPointOut> allocationGraph(@PathParam("capacity_group_id") String groupId, @QueryParam("phase") String phase,
                                                    @QueryParam("date_from") String dateFrom, @QueryParam("date_to") String dateTo,
                                                    @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Caller caller = caller();
        requireUnit(groups.get(caller, groupId), CapacityUnit.A);
        Instant[] range = VendorEnums.range(dateFrom, dateTo);
        VendorEnums.require("phase", phase, VendorEnums.PHASES);
        Page<GraphPoint> points = status.graph(caller, groupId, range[0], range[1], phase == null ? null : Phase.valueOf(phase),
                VendorEnums.page(offset, limit));
        return VendorEnums.complete(points, limit).stream().map(p -> new AllocationPointOut(p.timestamp(), p.capacity(),
                p.totalAllocated(), p.phase().name(), p.evses().stream().map(e -> new EvseAllocationOut(e.uid(), e.allocated(),
                        VendorEnums.name(e.smartChargingStatus()), e.level().name(), e.order())).toList())).toList();
    }

    @GET
    @Path("{capacity_group_id}/capacitymanagementdefault/activeevses")
    public EvsesStateOut activeEvses(@PathParam("capacity_group_id") String groupId) {
        requireUnit(groups.get(caller(), groupId), CapacityUnit.A);
        return summaryOut(status.summaries(caller(), groupId).active());
    }

    @GET
    @Path("{capacity_group_id}/capacitymanagementdefault/offlineevses")
    public EvsesStateOut offlineEvses(@PathParam("capacity_group_id") String groupId) {
        requireUnit(groups.get(caller(), groupId), CapacityUnit.A);
        return summaryOut(status.summaries(caller(), groupId).offline());
    }

    private static EvsesStateOut summaryOut(Summary s) {
        return new EvsesStateOut(s.number(), s.allocated(), s.allocatedL1(), s.allocatedL2(), s.allocatedL3(), s.watts(), s.wattsL1(),
                s.wattsL2(), s.wattsL3());
    }

    @GET
    @Path("{capacity_group_id}/capacitymanagementdc/allocationgraph")
    public List<DcAllocationPointOut> dcAllocationGraph(@PathParam("capacity_group_id") String groupId,
                                                        @QueryParam("date_from") String dateFrom, @QueryParam("date_to") String dateTo,
                                                        @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Caller caller = caller();
        requireUnit(groups.get(caller, groupId), CapacityUnit.W);
        Instant[] range = VendorEnums.range(dateFrom, dateTo);
        Page<GraphPoint> points = status.graph(caller, groupId, range[0], range[1], null, VendorEnums.page(offset, limit));
        return VendorEnums.complete(points, limit).stream().map(p -> new DcAllocationPointOut(p.timestamp(), p.capacity(),
                p.totalAllocated(), p.evses().stream().map(e -> new DcEvseAllocationOut(e.uid(), e.allocated(),
                        VendorEnums.name(e.smartChargingStatus()))).toList())).toList();
    }

    @GET
    @Path("{capacity_group_id}/capacitymanagementdc/activeevses")
    public DcEvsesStateOut dcActiveEvses(@PathParam("capacity_group_id") String groupId) {
        requireUnit(groups.get(caller(), groupId), CapacityUnit.W);
        Summary s = status.summaries(caller(), groupId).active();
        return new DcEvsesStateOut(s.number(), s.allocated(), s.watts());
    }

    @GET
    @Path("{capacity_group_id}/capacitymanagementdc/offlineevses")
    public DcEvsesStateOut dcOfflineEvses(@PathParam("capacity_group_id") String groupId) {
        requireUnit(groups.get(caller(), groupId), CapacityUnit.W);
        Summary s = status.summaries(caller(), groupId).offline();
        return new DcEvsesStateOut(s.number(), s.allocated(), s.watts());
    }

    private static SmartChargingGroup requireUnit(SmartChargingGroup group, CapacityUnit unit) {
        if (group.capacityUnit() != unit) {
            throw new ConflictException("capacity group '" + group.groupId() + "' uses " + vendorAlgorithm(group) + "; this endpoint is for "
                    + (unit == CapacityUnit.W ? DC_ALGORITHM : DEFAULT_ALGORITHM) + " groups");
        }
        return group;
    }

    // ---- translation --------------------------------------------------------------------------------------------

    private Caller caller() {
        return callers.get();
    }

    private List<SmartChargingGroup> everyGroup() {
        Caller caller = caller();
        List<SmartChargingGroup> all = new ArrayList<>();
        Page<SmartChargingGroup> page;
        int offset = 0;
        do {
            page = groups.list(caller, null, new Page.Request(offset, Page.MAX_LIMIT));
            all.addAll(page.items());
            offset += page.items().size();
        } while (!page.items().isEmpty() && offset < page.total());
        return all;
    }

    private boolean hasProfile(Caller caller, String groupId) {
        try {
            profiles.get(caller, groupId);
            return true;
        } catch (NotFoundException e) {
            groups.get(caller, groupId); // a missing group is still a 404
            return false;
        }
    }

    private static GroupOut out(SmartChargingGroup g) {
        String display = switch (vendorAlgorithm(g)) {
            case NO_ALGORITHM -> "None (not managed)";
            case DC_ALGORITHM -> "Capacity Management - DC (" + g.algorithm().apiName() + ")";
            default -> "Capacity Management - Default (" + g.algorithm().apiName() + ")";
        };
        return new GroupOut(g.groupId(), g.name(), g.cpoId(), g.remarks(), vendorAlgorithm(g), display, g.capacityUpdateMethod().name());
    }

    static String vendorAlgorithm(SmartChargingGroup g) {
        if (g.algorithm() == Algorithm.NONE) {
            return NO_ALGORITHM;
        }
        return g.capacityUnit() == CapacityUnit.W ? DC_ALGORITHM : DEFAULT_ALGORITHM;
    }

    /**
     * The vendor's algorithm as ours. {@code CAPACITYMANAGEMENTDEFAULT} is our {@code priority} algorithm for a new group
     * (equal shares, and priority requests served first); an existing group keeps the variant it has.
     */
    private static AlgorithmChoice algorithm(String vendor, SmartChargingGroup current) {
        if (vendor != null) {
            parseAlgorithmName("algorithm", vendor);
        }
        if (NO_ALGORITHM.equals(vendor)) {
            return new AlgorithmChoice(Algorithm.NONE.apiName(), Map.of());
        }
        if (current != null && (vendor == null || current.algorithm() != Algorithm.NONE)) {
            return new AlgorithmChoice(current.algorithm().apiName(), new LinkedHashMap<>(current.algorithmParameters()));
        }
        return new AlgorithmChoice(Algorithm.PRIORITY.apiName(), Map.of()); // for DC groups too: equal shares of the watts
    }

    private static void parseAlgorithmName(String field, String vendor) {
        if (DEFAULT_ALGORITHM.equals(vendor) || DC_ALGORITHM.equals(vendor) || NO_ALGORITHM.equals(vendor)) {
            return;
        }
        if (ALGORITHMS_NOT_BUILT.contains(vendor)) {
            throw new InvalidInputException(field, "'" + vendor + "' is not supported by this platform yet; use " + DEFAULT_ALGORITHM
                    + ", " + DC_ALGORITHM + " or " + NO_ALGORITHM);
        }
        throw new InvalidInputException(field, "'" + vendor + "' is unknown; use " + DEFAULT_ALGORITHM + ", " + DC_ALGORITHM + " or "
                + NO_ALGORITHM);
    }

    private static <T> T require(T body) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON object is required");
        }
        return body;
    }
}
