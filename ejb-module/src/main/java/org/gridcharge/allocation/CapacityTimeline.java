package org.gridcharge.allocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A group's capacity over time: the periods of its capacity profile, and its default capacity
 * wherever no period applies. Periods are ordered and do not overlap.
 */
public final class CapacityTimeline {

    private final List<CapacityPeriod> periods;
    private final double defaultCapacity;

    public CapacityTimeline(List<CapacityPeriod> periods, double defaultCapacity) {
        List<CapacityPeriod> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(CapacityPeriod::start));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("capacity periods overlap at " + sorted.get(i).start());
            }
        }
        this.periods = Collections.unmodifiableList(sorted);
        this.defaultCapacity = defaultCapacity;
    }

    /**
     * Layers capacity sources by precedence: a period of {@code primary} (the datetime profile) wins
     * wherever it applies; {@code secondary} (the weekly rules, expanded) fills the instants no
     * primary period covers; the default capacity applies wherever neither does.
     */
    public static CapacityTimeline layered(List<CapacityPeriod> primary, List<CapacityPeriod> secondary, double defaultCapacity) {
        List<CapacityPeriod> covering = new ArrayList<>(primary);
        covering.sort(Comparator.comparing(CapacityPeriod::start));
        List<CapacityPeriod> all = new ArrayList<>(covering);
        for (CapacityPeriod fill : secondary) {
            Instant cursor = fill.start();
            for (CapacityPeriod p : covering) {
                if (!p.end().isAfter(cursor)) {
                    continue;
                }
                if (!p.start().isBefore(fill.end())) {
                    break;
                }
                if (p.start().isAfter(cursor)) {
                    all.add(fill.during(cursor, p.start()));
                }
                cursor = p.end().isAfter(cursor) ? p.end() : cursor;
                if (!cursor.isBefore(fill.end())) {
                    break;
                }
            }
            if (cursor.isBefore(fill.end())) {
                all.add(fill.during(cursor, fill.end()));
            }
        }
        return new CapacityTimeline(all, defaultCapacity);
    }

    public static CapacityTimeline constant(double capacity) {
        return new CapacityTimeline(List.of(), capacity);
    }

    /** The capacity at an instant. */
    public double capacityAt(Instant instant) {
        int i = indexAtOrBefore(instant);
        if (i >= 0 && instant.isBefore(periods.get(i).end())) {
            return periods.get(i).capacity();
        }
        return defaultCapacity;
    }

    /** The capacity on each phase at an instant. */
    public PerPhase perPhaseAt(Instant instant) {
        int i = indexAtOrBefore(instant);
        if (i >= 0 && instant.isBefore(periods.get(i).end())) {
            return periods.get(i).onPhases();
        }
        return PerPhase.balanced(defaultCapacity);
    }

    /**
     * The capacity over [from, to) as contiguous segments that change at every breakpoint of the
     * profile; adjacent segments may carry the same value (a breakpoint between equal periods).
     */
    public List<CapacityPeriod> segments(Instant from, Instant to) {
        List<CapacityPeriod> segments = new ArrayList<>();
        Instant cursor = from;
        int i = Math.max(0, indexAtOrBefore(from));
        while (cursor.isBefore(to)) {
            while (i < periods.size() && !periods.get(i).end().isAfter(cursor)) {
                i++;
            }
            if (i >= periods.size()) {
                segments.add(new CapacityPeriod(cursor, to, defaultCapacity));
                break;
            }
            CapacityPeriod period = periods.get(i);
            if (period.start().isAfter(cursor)) {
                Instant end = min(period.start(), to);
                segments.add(new CapacityPeriod(cursor, end, defaultCapacity));
                cursor = end;
            } else {
                Instant end = min(period.end(), to);
                segments.add(period.during(cursor, end));
                cursor = end;
                i++;
            }
        }
        return segments;
    }

    /** The first breakpoint strictly after the instant, or null when the capacity stays as it is. */
    public Instant nextChangeAfter(Instant instant) {
        int i = Math.max(0, indexAtOrBefore(instant));
        for (; i < periods.size(); i++) {
            CapacityPeriod period = periods.get(i);
            if (period.start().isAfter(instant)) {
                return period.start();
            }
            if (period.end().isAfter(instant)) {
                return period.end();
            }
        }
        return null;
    }

    public List<CapacityPeriod> periods() {
        return periods;
    }

    public double defaultCapacity() {
        return defaultCapacity;
    }

    /** Index of the last period starting at or before the instant, or -1. */
    private int indexAtOrBefore(Instant instant) {
        int low = 0;
        int high = periods.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (periods.get(mid).start().isAfter(instant)) {
                high = mid - 1;
            } else {
                found = mid;
                low = mid + 1;
            }
        }
        return found;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
