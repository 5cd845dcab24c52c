package org.gridcharge.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.gridcharge.steering.boundary.AllocationCharts;
import org.gridcharge.allocation.Phase;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.rest.Json.PageJson;
import org.gridcharge.steering.boundary.GroupStatusService;
import org.gridcharge.steering.boundary.GroupStatusService.EvseNow;
import org.gridcharge.steering.boundary.GroupStatusService.GraphPoint;
import org.gridcharge.steering.boundary.GroupStatusService.Summary;

/**
 * How a group's EVSEs stand: each EVSE now, summaries of the active and offline ones, and the allocation graph per
 * phase with each EVSE's level and order. Amounts are amperes per phase, or watts in a group managed in watts. The
 * endpoints are {@link GroupResource}'s (a second root resource on {@code smart-charging-groups/{group_id}} would
 * take over its other paths); this class holds their bodies and answers.
 */
final class GroupStatusViews {

    private final GroupStatusService status;

    private final Caller caller;

    private final java.time.Clock clock;

    GroupStatusViews(GroupStatusService status, Caller caller, java.time.Clock clock) {
        this.status = status;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * @param status               available, charging, reserved, inoperative, outoforder or unknown (station offline)
     * @param smartChargingStatus  smartchargingactive, vehicledonecharging or offline; null without a session
     * @param level                its level in the latest allocation, null before the first
     * @param allocated            its limit in the latest allocation
     */
    public record EvseStatusJson(String evseId, String uid, String chargeStationId, int connectorId, boolean online, boolean session,
                                 String status, String smartChargingStatus, String level, double allocated, Double measuredAmps) {
        static EvseStatusJson of(EvseNow e) {
            return new EvseStatusJson(e.evse().evseId(), e.evse().uid(), e.evse().chargeStationId(), e.evse().connectorId(), e.online(),
                    e.session(), lower(e.status()), lower(e.smartChargingStatus()), lower(e.level()), e.allocated(), e.measuredAmps());
        }
    }

    public record PhaseJson(double l1, double l2, double l3) {
    }

    /** @param watts measured power (current times 230 V per phase); null in a group managed in watts */
    public record SummaryJson(int number, double allocated, PhaseJson allocatedPerPhase, Double watts, PhaseJson wattsPerPhase) {
        static SummaryJson of(Summary s) {
            // a group managed in watts has no phases: watts is null there, and so are the per-phase figures
            return new SummaryJson(s.number(), s.allocated(), s.watts() == null ? null : new PhaseJson(s.allocatedL1(), s.allocatedL2(),
                    s.allocatedL3()), s.watts(),
                    s.watts() == null ? null : new PhaseJson(s.wattsL1(), s.wattsL2(), s.wattsL3()));
        }
    }

    /**
     * @param stationsOffline charge stations of the group's EVSEs that are not connected
     * @param limitsRefused   EVSEs whose station refused the last limit sent to it or did not answer it in time
     */
    public record SummariesJson(SummaryJson active, SummaryJson offline, int stationsOffline, int limitsRefused) {
    }

    public record GraphEvseJson(String evseId, String uid, double allocated, String smartChargingStatus, String level, int order) {
    }

    /** @param phase l1, l2 or l3; null in a group managed in watts */
    public record GraphPointJson(Instant timestamp, double capacity, String phase, double totalAllocated, List<GraphEvseJson> evses) {
        static GraphPointJson of(GraphPoint p) {
            return new GraphPointJson(p.timestamp(), p.capacity(), lower(p.phase()), p.totalAllocated(), p.evses().stream()
                    .map(e -> new GraphEvseJson(e.evseId(), e.uid(), e.allocated(), lower(e.smartChargingStatus()), lower(e.level()),
                            e.order())).toList());
        }
    }

    PageJson<EvseStatusJson> evses(String groupId, String offset, String limit) {
        Page.Request page = Page.Request.of(offset, limit);
        List<EvseNow> all = status.evses(caller, groupId);
        int from = Math.min(page.offset(), all.size());
        List<EvseStatusJson> items = all.subList(from, Math.min(all.size(), from + page.limit())).stream().map(EvseStatusJson::of).toList();
        return new PageJson<>(items, page.offset(), page.limit(), all.size());
    }

    SummariesJson summary(String groupId) {
        GroupStatusService.Summaries s = status.summaries(caller, groupId);
        return new SummariesJson(SummaryJson.of(s.active()), SummaryJson.of(s.offline()), s.stationsOffline(), s.limitsRefused());
    }

    PageJson<GraphPointJson> graph(String groupId, String from, String to, String phase, String offset, String limit) {
        Instant end = to == null ? clock.instant() : AllocationResource.instant("to", to);
        Instant start = from == null ? end.minus(AllocationResource.DEFAULT_WINDOW) : AllocationResource.instant("from", from);
        Phase wanted = phase(phase);
        return PageJson.of(status.graph(caller, groupId, start, end, wanted, Page.Request.of(offset, limit)), GraphPointJson::of);
    }

    /** One EVSE's limit at each of the chart's instants. */
    public record ChartSeriesJson(String evseId, List<Double> values) {
    }

    /**
     * A group's allocation cut for a chart: {@code times} (each holding until the next, the last until {@code to}) with the
     * capacity, what was allotted in all, the EVSEs drawn apart and the rest summed ({@code other}, of {@code other_evses}).
     */
    public record ChartJson(Instant from, Instant to, String phase, int records, List<Instant> times, List<Double> capacity,
                            List<Double> allotted, List<ChartSeriesJson> series, int otherEvses, List<Double> other) {
    }

    ChartJson chart(String groupId, String from, String to, String phase, String points, String series) {
        Instant end = to == null ? clock.instant() : AllocationResource.instant("to", to);
        Instant start = from == null ? end.minus(AllocationResource.DEFAULT_WINDOW) : AllocationResource.instant("from", from);
        Phase wanted = phase(phase);
        AllocationCharts.Chart c = status.chart(caller, groupId, start, end, wanted, bounded("points", points, 500, 10,
                GroupStatusService.MAX_CHART_POINTS), bounded("series", series, 20, 1, GroupStatusService.MAX_CHART_SERIES));
        return new ChartJson(c.from(), c.to(), lower(c.phase()),
                c.records(), c.times(), c.capacity(), c.allotted(), c.series().stream().map(x -> new ChartSeriesJson(x.evseId(), x.values())).toList(),
                c.otherEvses(), c.other());
    }

    /** l1, l2 or l3 as a phase; null if not given. */
    private static Phase phase(String phase) {
        if (phase == null) {
            return null;
        }
        try {
            return Phase.valueOf(phase.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("phase", "must be l1, l2 or l3, not '" + phase + "'");
        }
    }

    private static int bounded(String field, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(field, "must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
