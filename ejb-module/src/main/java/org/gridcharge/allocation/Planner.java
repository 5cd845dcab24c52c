package org.gridcharge.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Map<Double, Allocation> byCapacity = new HashMap<>();
        List<Plan.Segment> segments = new ArrayList<>();
        for (CapacityPeriod period : capacity.segments(from, from.plus(horizon))) {
            if (segments.size() == maxSegments) {
                break;
            }
            Allocation allocation = byCapacity.computeIfAbsent(period.capacityAmps(),
                    amps -> Allocator.allocate(sockets, PhaseAmps.balanced(amps), parameters));
            segments.add(new Plan.Segment(period.start(), period.end(), allocation));
        }
        return new Plan(segments);
    }
}
