package org.gridcharge.allocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Allocations over a horizon: one per capacity segment, so that a station that loses its
 * connection keeps obeying the schedule it was sent.
 */
public record Plan(List<Segment> segments, EnergyPlan energy) {

    /**
     * @param energy the sessions' energy plan the allocations follow ({@link Strategy#TIME_OF_USE}), or null
     */
    public Plan {
        segments = List.copyOf(segments);
    }

    public Plan(List<Segment> segments) {
        this(segments, null);
    }

    /** One stretch of constant capacity and its allocation. */
    public record Segment(Instant start, Instant end, Allocation allocation) {
    }

    /** A limit for one socket during [start, end). */
    public record LimitPeriod(Instant start, Instant end, double limit) {
    }

    /** Each socket's limits over the horizon, consecutive equal limits merged. */
    public Map<String, List<LimitPeriod>> schedules() {
        Map<String, List<LimitPeriod>> schedules = new LinkedHashMap<>();
        for (Segment segment : segments) {
            for (SocketAllocation socket : segment.allocation().sockets()) {
                List<LimitPeriod> periods = schedules.computeIfAbsent(socket.evseId(), id -> new ArrayList<>());
                LimitPeriod last = periods.isEmpty() ? null : periods.get(periods.size() - 1);
                if (last != null && last.limit() == socket.limit() && last.end().equals(segment.start())) {
                    periods.set(periods.size() - 1, new LimitPeriod(last.start(), segment.end(), last.limit()));
                } else {
                    periods.add(new LimitPeriod(segment.start(), segment.end(), socket.limit()));
                }
            }
        }
        return schedules;
    }

    /** The allocation in force at an instant, or null outside the horizon. */
    public Allocation at(Instant instant) {
        for (Segment segment : segments) {
            if (!instant.isBefore(segment.start()) && instant.isBefore(segment.end())) {
                return segment.allocation();
            }
        }
        return null;
    }
}
