package org.gridcharge.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Plans a group's limits over a horizon: the allocation is made once per distinct capacity and
 * laid out along the capacity profile's breakpoints.
 */
public final class Planner {

    private Planner() {
    }

    /**
     * @param maxSegments at most this many segments (stations hold a limited number of schedule
     *                    periods); the horizon ends early when the profile changes more often
     */
    public static Plan plan(List<Socket> sockets, CapacityTimeline capacity, AllocationParameters parameters, Instant from,
                            Duration horizon, int maxSegments) {
        Instant to = from.plus(horizon);
        EnergyPlan energy = energyPlan(sockets, capacity, parameters, from, to);
        // sessions leaving their start window change the allocation as a capacity breakpoint does
        TreeSet<Instant> windowEnds = windowEnds(sockets, parameters, energy, from, to);
        TreeSet<Instant> mustSplit = mustSplit(energy);
        Map<String, Allocation> cache = new HashMap<>();
        List<Plan.Segment> segments = new ArrayList<>();
        for (CapacityPeriod period : capacity.segments(from, to)) {
            Instant start = period.start();
            while (start.isBefore(period.end()) && segments.size() < maxSegments) {
                // window ends split segments only while they leave half the budget to the capacity's own breakpoints; past
                // that a segment keeps its allocation from its start (as safe, only less fair), and the plan is redone
                // at every breakpoint anyway. A change of tariff or exclusion splits always, as a capacity breakpoint does.
                Instant split = segments.size() < maxSegments / 2 ? windowEnds.higher(start) : null;
                Instant end = split != null && split.isBefore(period.end()) ? split : period.end();
                Instant must = mustSplit.higher(start);
                end = must != null && must.isBefore(end) ? must : end;
                Instant at = start;
                String key = period.onPhases() + startedKey(sockets, parameters, at);
                Allocation allocation = cache.computeIfAbsent(key,
                        k -> Allocator.allocate(sockets, period.onPhases(), parameters, at, energy));
                segments.add(new Plan.Segment(start, end, allocation));
                start = end;
            }
        }
        return new Plan(segments, energy);
    }

    /**
     * Plans a grid tree: a segment ends wherever any node's capacity changes. Each node's capacity comes from its
     * timeline; a null timeline is a node without a capacity of its own.
     */
    public static Plan plan(Grid grid, List<CapacityTimeline> timelines, AllocationParameters parameters, Instant from,
                            Duration horizon, int maxSegments) {
        int count = grid.nodes().size();
        if (timelines.size() != count) {
            throw new IllegalArgumentException("one timeline (or null) per node");
        }
        Instant to = from.plus(horizon);
        List<Socket> sockets = grid.sockets();
        // the sessions' energy is planned against every node's capacity
        EnergyPlan energy = EnergyPlan.of(grid, timelines, parameters, from, to);
        TreeSet<Instant> windowEnds = windowEnds(sockets, parameters, energy, from, to);
        TreeSet<Instant> breakpoints = new TreeSet<>();
        for (CapacityTimeline timeline : timelines) {
            if (timeline != null) {
                for (CapacityPeriod period : timeline.segments(from, to)) {
                    breakpoints.add(period.start());
                }
            }
        }
        breakpoints.addAll(mustSplit(energy).subSet(from, false, to, false));
        breakpoints.add(from);
        breakpoints.add(to);
        Map<String, Allocation> cache = new HashMap<>();
        List<Plan.Segment> segments = new ArrayList<>();
        Instant periodStart = from;
        for (Instant periodEnd : breakpoints.tailSet(from, false)) {
            PerPhase[] capacities = new PerPhase[count];
            StringBuilder key = new StringBuilder();
            for (int u = 0; u < count; u++) {
                CapacityTimeline timeline = timelines.get(u);
                capacities[u] = timeline == null ? null : timeline.perPhaseAt(periodStart);
                if (capacities[u] == null) {
                    key.append("-;");
                } else {
                    key.append(capacities[u].l1()).append(',').append(capacities[u].l2()).append(',').append(capacities[u].l3()).append(';');
                }
            }
            Instant start = periodStart;
            while (start.isBefore(periodEnd) && segments.size() < maxSegments) {
                Instant split = segments.size() < maxSegments / 2 ? windowEnds.higher(start) : null;
                Instant end = split != null && split.isBefore(periodEnd) ? split : periodEnd;
                Instant at = start;
                Allocation allocation = cache.computeIfAbsent(key + startedKey(sockets, parameters, at),
                        k -> grid.allocate(capacities, parameters, at, energy));
                segments.add(new Plan.Segment(start, end, allocation));
                start = end;
            }
            periodStart = periodEnd;
        }
        return new Plan(segments, energy);
    }

    private static EnergyPlan energyPlan(List<Socket> sockets, CapacityTimeline capacity, AllocationParameters parameters, Instant from,
                                         Instant to) {
        return EnergyPlan.of(sockets, capacity, parameters, from, to);
    }

    /** Where a plan's segments must end whatever the budget: where the price or an exclusion changes (time of use). */
    private static TreeSet<Instant> mustSplit(EnergyPlan energy) {
        return energy == null ? new TreeSet<>() : new TreeSet<>(energy.tariffChanges());
    }

    private static TreeSet<Instant> windowEnds(List<Socket> sockets, AllocationParameters parameters, EnergyPlan energy, Instant from,
                                               Instant to) {
        TreeSet<Instant> windowEnds = new TreeSet<>();
        if (energy != null) {
            // the energy plan changes at its slots' starts: price, exclusion, capacity or a departure
            for (Instant boundary : energy.boundaries()) {
                if (boundary.isAfter(from) && boundary.isBefore(to)) {
                    windowEnds.add(boundary);
                }
            }
        }
        if (!parameters.startedWindow().isZero()) {
            for (Socket socket : sockets) {
                if (socket.session() != null) {
                    Instant end = socket.session().startedAt().plus(parameters.startedWindow());
                    if (end.isAfter(from) && end.isBefore(to)) {
                        windowEnds.add(end);
                    }
                }
            }
        }
        if (parameters.strategy() == Strategy.DEADLINE) {
            // a departure ends a deadline: the allocation changes there as at a window's end
            for (Socket socket : sockets) {
                Instant departure = socket.session() == null ? null : socket.session().departure();
                if (departure != null && departure.isAfter(from) && departure.isBefore(to)) {
                    windowEnds.add(departure);
                }
            }
        }
        return windowEnds;
    }

    /**
     * What, besides capacity, makes the allocation at the instant differ: which sessions are in their start window, and
     * with {@link Strategy#DEADLINE} the instant itself (the time left to each departure), with {@link Strategy#TIME_OF_USE}
     * too (the energy plan's slot).
     */
    private static String startedKey(List<Socket> sockets, AllocationParameters parameters, Instant at) {
        String deadline = parameters.strategy() == Strategy.DEADLINE || parameters.strategy() == Strategy.TIME_OF_USE ? "@" + at : "";
        if (parameters.startedWindow().isZero()) {
            return deadline;
        }
        StringBuilder key = new StringBuilder(deadline).append('/');
        for (int i = 0; i < sockets.size(); i++) {
            Socket socket = sockets.get(i);
            if (socket.session() != null && parameters.inStartedWindow(socket.session().startedAt(), at)) {
                key.append(i).append(',');
            }
        }
        return key.toString();
    }
}
