package org.gridcharge.steering.boundary;

import org.gridcharge.station.boundary.ChargeStationService;
import jakarta.inject.Inject;
import org.gridcharge.evse.control.Evses;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridcharge.allocation.Phase;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.station.entity.ConnectorStatus;
import org.gridcharge.steering.boundary.AllocationService.EvseState;
import org.gridcharge.steering.entity.AllocationLimit;
import org.gridcharge.steering.entity.AllocationRecord;

/**
 * How a group's EVSEs stand, for dashboards and charts: each EVSE's status, smart charging status and level now,
 * summaries of the active and offline EVSEs, and the allocation graph per phase. Both the platform's API and the
 * vendor-compatible one read them here.
 */
@Stateless
public class GroupStatusService {

    /** Nominal phase voltage that turns measured current into power. */
    public static final double VOLTS = 230;

    /** Most points one graph request may ask for; more take paging. */
    public static final int MAX_GRAPH_POINTS = 10_000;

    @EJB
    ChargeStationService stations;

    @Inject
    Evses evses;

    @EJB
    AllocationService allocations;

    @EJB
    GroupService groups;

    @EJB
    org.gridcharge.station.boundary.StationControlService control;

    /**
     * An EVSE of a group now.
     *
     * @param allocated           its limit in the latest allocation (amperes, or watts in a group managed in watts), 0 if none
     * @param level               its level in the latest allocation, null before the first
     * @param smartChargingStatus null without a session
     * @param measuredAmps        the highest phase current its session last reported, or null
     */
    public record EvseNow(Evse evse, boolean online, boolean session, EvseStatus status, SmartChargingStatus smartChargingStatus,
                         EvseLevel level, double allocated, Double measuredAmps) {

        /** The grid phases it draws on (a group managed in watts has none). */
        public Set<Phase> phases(boolean watts) {
            return watts ? Set.of() : AllocationService.gridPhases(evse.phaseRotation());
        }
    }

    /**
     * A summary of some EVSEs. Amperes are per phase: a three-phase EVSE allotted 16 A adds 16 A to each of L1, L2
     * and L3 and to {@code allocated}. Power is measured current times {@value #VOLTS} V on each phase the EVSE draws
     * on; it is null in a group managed in watts (DC stations report no current here).
     *
     * @param allocated the sum of the EVSEs' limits
     */
    public record Summary(int number, double allocated, double allocatedL1, double allocatedL2, double allocatedL3, Double watts,
                          Double wattsL1, Double wattsL2, Double wattsL3) {
    }

    /** What sorts a list of a group's EVSEs. */
    public enum EvseKey {
        UID, STATUS, CHARGE_STATION_ID;

        Comparator<EvseNow> comparator() {
            Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
            return switch (this) {
                case UID -> Comparator.comparing(e -> e.evse().uid(), text);
                case STATUS -> Comparator.comparing(e -> e.status() == null ? null : e.status().name(), text);
                case CHARGE_STATION_ID -> Comparator.comparing(e -> e.evse().chargeStationId(), text);
            };
        }
    }

    /** One sort key of a list of EVSEs, ascending or descending. */
    public record EvseSort(EvseKey key, boolean descending) {
    }

    /**
     * Which of a group's EVSEs a list holds (each filter null for any) and in what order (the sort keys in turn, then
     * evse_id). Status and smart charging status are computed from the stations' connections and sessions, so the list
     * is filtered where they are computed, here.
     */
    public record EvseQuery(String uid, String chargeStationId, EvseStatus status, SmartChargingStatus smartChargingStatus,
                            List<EvseSort> order) {

        boolean matches(EvseNow e) {
            return (uid == null || uid.equals(e.evse().uid())) && (chargeStationId == null || chargeStationId.equals(e.evse().chargeStationId()))
                    && (status == null || status == e.status()) && (smartChargingStatus == null || smartChargingStatus == e.smartChargingStatus());
        }
    }

    /**
     * The active EVSEs (online, with a session) and the offline ones; the stations offline, and the EVSEs whose station
     * refused the last limit sent to it or did not answer it in time.
     */
    public record Summaries(Summary active, Summary offline, int stationsOffline, int limitsRefused) {
    }

    /** An EVSE in a point of the allocation graph; {@code order} counts from 1 in level order, then largest limit. */
    public record GraphEvse(String evseId, String uid, double allocated, SmartChargingStatus smartChargingStatus, EvseLevel level,
                            int order) {
    }

    /**
     * The allocation from {@code timestamp} until the next point. {@code phase} is null in a group managed in watts;
     * there capacity and allocation are watts.
     */
    public record GraphPoint(Instant timestamp, double capacity, Phase phase, double totalAllocated, List<GraphEvse> evses) {
    }

    /** The group's unit: amperes per phase, or watts. */
    public CapacityUnit unit(Caller caller, String groupId) {
        return groups.get(caller, groupId).capacityUnit();
    }

    /** Every EVSE of the group now, in evse_id order. */
    public List<EvseNow> evses(Caller caller, String groupId) {
        return evses(groups.get(caller, groupId));
    }

    /** A page of the group's EVSEs now that match the query, in its order. */
    public Page<EvseNow> evses(Caller caller, String groupId, EvseQuery query, Page.Request page) {
        Comparator<EvseNow> order = (a, b) -> 0;
        for (EvseSort sort : query.order()) {
            order = order.thenComparing(sort.descending() ? sort.key().comparator().reversed() : sort.key().comparator());
        }
        return Page.of(evses(groups.get(caller, groupId)).stream().filter(query::matches).sorted(order).toList(), page);
    }

    private List<EvseNow> evses(SmartChargingGroup group) {
        boolean watts = group.capacityUnit() == CapacityUnit.W;
        List<EvseState> states = allocations.evseStates(group);
        Map<String, String> reported = connectorStatuses(states);
        List<EvseNow> out = new ArrayList<>(states.size());
        for (EvseState s : states) {
            Evse e = s.evse();
            boolean session = s.session() != null;
            Double measured = session ? s.session().measuredAmps() : null;
            Double limit = s.limit() == null ? null : s.limit().limit();
            EvseStatus status = EvseStatus.of(s.online(), session, reported.get(e.chargeStationId() + "#" + e.connectorId()),
                    reported.get(e.chargeStationId() + "#0"));
            out.add(new EvseNow(e, s.online(), session, status, SmartChargingStatus.now(s.online(), session, measured, limit, watts),
                    s.limit() == null ? null : EvseLevel.of(s.limit().state(), s.limit().priority()), limit == null ? 0 : limit, measured));
        }
        return out;
    }

    /** Summaries of the group's active EVSEs (station online, a session open) and of its offline ones. */
    public Summaries summaries(Caller caller, String groupId) {
        return summaries(groups.get(caller, groupId));
    }

    /** The same, of a group that must be counted in {@code unit} (409 otherwise). */
    public Summaries summaries(Caller caller, String groupId, CapacityUnit unit) {
        return summaries(groups.get(caller, groupId, unit));
    }

    private Summaries summaries(SmartChargingGroup group) {
        boolean watts = group.capacityUnit() == CapacityUnit.W;
        List<EvseNow> now = evses(group);
        List<EvseNow> offline = now.stream().filter(e -> !e.online()).toList();
        return new Summaries(summary(now.stream().filter(e -> e.online() && e.session()).toList(), watts), summary(offline, watts),
                (int) offline.stream().map(e -> e.evse().chargeStationId()).filter(java.util.Objects::nonNull).distinct().count(),
                control.refused(now.stream().map(e -> e.evse().evseId()).toList()).size());
    }

    static Summary summary(List<EvseNow> evses, boolean watts) {
        double[] allocated = new double[3];
        double[] power = new double[3];
        double total = 0;
        for (EvseNow e : evses) {
            total += e.allocated();
            for (Phase phase : e.phases(watts)) {
                allocated[phase.ordinal()] += e.allocated();
                power[phase.ordinal()] += e.measuredAmps() == null ? 0 : e.measuredAmps() * VOLTS;
            }
        }
        if (watts) {
            return new Summary(evses.size(), total, 0, 0, 0, null, null, null, null);
        }
        return new Summary(evses.size(), total, allocated[0], allocated[1], allocated[2], power[0] + power[1] + power[2], power[0],
                power[1], power[2]);
    }

    /**
     * The allocation graph of records starting in [from, to): per record one point per phase (only {@code phase} if
     * given), or one point in a group managed in watts; paged over the points.
     */
    public Page<GraphPoint> graph(Caller caller, String groupId, Instant from, Instant to, Phase phase, Page.Request page) {
        return graph(groups.get(caller, groupId), from, to, phase, page);
    }

    /** The same, of a group that must be counted in {@code unit} (409 otherwise). */
    public Page<GraphPoint> graph(Caller caller, String groupId, CapacityUnit unit, Instant from, Instant to, Phase phase, Page.Request page) {
        return graph(groups.get(caller, groupId, unit), from, to, phase, page);
    }

    private Page<GraphPoint> graph(SmartChargingGroup group, Instant from, Instant to, Phase phase, Page.Request page) {
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
        boolean watts = group.capacityUnit() == CapacityUnit.W;
        if (watts && phase != null) {
            throw new InvalidInputException("phase", "a group managed in watts has no phases");
        }
        List<Phase> phases = watts ? java.util.Collections.singletonList(null) : phase == null ? List.of(Phase.values()) : List.of(phase);
        int perRecord = phases.size();
        Map<String, Evse> members = new HashMap<>();
        allocations.evseStates(group).forEach(s -> members.put(s.evse().evseId(), s.evse()));
        List<GraphPoint> out = new ArrayList<>();
        int recordOffset = page.offset() / perRecord;
        int skip = page.offset() % perRecord;
        long totalRecords = 0;
        boolean first = true;
        while (first || out.size() < page.limit()) {
            Page<AllocationRecord> records = allocations.records(group, from, to, new Page.Request(recordOffset, Page.MAX_LIMIT));
            totalRecords = records.total();
            first = false;
            resolveMissing(records.items(), members);
            for (AllocationRecord record : records.items()) {
                for (Phase p : phases) {
                    if (skip > 0) {
                        skip--;
                    } else if (out.size() < page.limit()) {
                        out.add(point(record, p, members));
                    }
                }
            }
            recordOffset += records.items().size();
            if (records.items().isEmpty() || recordOffset >= records.total()) {
                break;
            }
        }
        return new Page<>(out, page.offset(), page.limit(), totalRecords * perRecord);
    }

    /** Records read for a chart's apart EVSEs at most; the chart's instants at most; series at most. */
    static final int CHART_SAMPLE = 48;
    public static final int MAX_CHART_POINTS = 2000;
    public static final int MAX_CHART_SERIES = 100;
    public static final java.time.Duration MAX_CHART_RANGE = java.time.Duration.ofDays(31);

    /**
     * The group's allocation over [from, to) on {@code phase} (null in a group managed in watts), cut for a chart: at most
     * {@code maxPoints} instants ({@link AllocationCharts#sample}) and {@code maxSeries} series, the EVSEs with the highest
     * limits apart (chosen from up to {@value #CHART_SAMPLE} of the instants, evenly spread) and the rest summed.
     */
    public AllocationCharts.Chart chart(Caller caller, String groupId, Instant from, Instant to, Phase phase, int maxPoints, int maxSeries) {
        SmartChargingGroup group = groups.get(caller, groupId);
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
        boolean watts = group.capacityUnit() == CapacityUnit.W;
        if (watts && phase != null) {
            throw new InvalidInputException("phase", "a group managed in watts has no phases");
        }
        if (!watts && phase == null) {
            phase = Phase.L1;
        }
        if (java.time.Duration.between(from, to).compareTo(MAX_CHART_RANGE) > 0) {
            throw new InvalidInputException("from", "a chart covers at most " + MAX_CHART_RANGE.toDays() + " days; page through longer ranges");
        }
        List<AllocationCharts.Header> headers = allocations.chartHeaders(group, from, to, phase);
        // records in the range, those replaced by a later one of the same instant not counted
        int records = (int) headers.stream().filter(h -> !h.validFrom().isBefore(from)).map(AllocationCharts.Header::validFrom).distinct().count();
        List<AllocationCharts.Header> drawn = AllocationCharts.sample(headers, from, to, maxPoints);
        Map<String, Evse> members = new HashMap<>();
        evses.inGroup(group.groupId()).forEach(e -> members.put(e.evseId(), e));
        Phase on = phase;
        java.util.function.Predicate<String> onPhase = evseId -> on == null || !members.containsKey(evseId)
                || AllocationService.gridPhases(members.get(evseId).phaseRotation()).contains(on);
        Map<String, Double> peaks = new HashMap<>();
        List<String> sampleIds = AllocationCharts.spread(drawn, CHART_SAMPLE).stream().map(AllocationCharts.Header::recordId).toList();
        Map<String, Double> sampled = allocations.peaksOf(sampleIds);
        // EVSEs that have left the group since count on their own phases, as in the graph
        Set<String> missing = new HashSet<>(sampled.keySet());
        missing.removeAll(members.keySet());
        evses.byIds(missing).forEach(e -> members.put(e.evseId(), e));
        sampled.forEach((evseId, limit) -> {
            if (onPhase.test(evseId)) {
                peaks.put(evseId, limit);
            }
        });
        List<String> apart = AllocationCharts.apart(peaks, maxSeries);
        int withLimit = (int) peaks.values().stream().filter(v -> v > 0).count();
        Map<String, Map<String, Double>> limits = allocations.limitsOf(drawn.stream().map(AllocationCharts.Header::recordId).toList(), apart);
        limits.values().forEach(of -> of.keySet().removeIf(evseId -> !onPhase.test(evseId)));
        return AllocationCharts.chart(from, to, phase, records, drawn, apart, withLimit, limits);
    }

    /** EVSEs that have left the group since a record was written still show their uid. */
    private void resolveMissing(List<AllocationRecord> records, Map<String, Evse> members) {
        Set<String> missing = new HashSet<>();
        records.forEach(r -> r.limits().forEach(l -> {
            if (!members.containsKey(l.evseId())) {
                missing.add(l.evseId());
            }
        }));
        evses.byIds(missing).forEach(e -> members.put(e.evseId(), e));
    }

    static GraphPoint point(AllocationRecord record, Phase phase, Map<String, Evse> members) {
        double total = phase == null ? record.allottedL1() : switch (phase) {
            case L1 -> record.allottedL1();
            case L2 -> record.allottedL2();
            case L3 -> record.allottedL3();
        };
        List<AllocationLimit> onPhase = new ArrayList<>();
        for (AllocationLimit limit : record.limits()) {
            Evse evse = members.get(limit.evseId());
            if (phase == null || evse == null || AllocationService.gridPhases(evse.phaseRotation()).contains(phase)) {
                onPhase.add(limit);
            }
        }
        onPhase.sort(Comparator.comparing((AllocationLimit l) -> EvseLevel.of(l.state(), l.priority()))
                .thenComparing(Comparator.comparingDouble(AllocationLimit::limit).reversed()).thenComparing(AllocationLimit::evseId));
        List<GraphEvse> evses = new ArrayList<>(onPhase.size());
        for (AllocationLimit l : onPhase) {
            Evse evse = members.get(l.evseId());
            evses.add(new GraphEvse(l.evseId(), evse == null ? l.evseId() : evse.uid(), l.limit(), SmartChargingStatus.ofState(l.state()),
                    EvseLevel.of(l.state(), l.priority()), evses.size() + 1));
        }
        return new GraphPoint(record.validFrom(), phase == null ? record.capacity() : record.capacityPerPhase().on(phase), phase, total, evses);
    }

    /** What the stations' connectors last reported, by "station#connector" (the connectors of an OCPP 2.0.1 EVSE combined). */
    private Map<String, String> connectorStatuses(List<EvseState> states) {
        Set<String> stationIds = new HashSet<>();
        states.forEach(s -> stationIds.add(s.evse().chargeStationId()));
        Map<String, String> out = new HashMap<>();
        if (stationIds.isEmpty()) {
            return out;
        }
        stations.connectorStatusesOf(stationIds).forEach(c -> out.merge(c.chargeStationId() + "#" + c.connectorId(), c.status(),
                EvseStatus::mostTelling));
        return out;
    }
}
