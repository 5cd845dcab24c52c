package org.gridcharge.allocation;

import java.time.Instant;
import java.util.Objects;

/**
 * The group's capacity per phase during [start, end): the same on every phase ({@code phases} null), or one per phase
 * (a site meter sees each phase's load), when {@code capacity} is the least of them.
 */
public record CapacityPeriod(Instant start, Instant end, double capacity, PerPhase phases) {

    public CapacityPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a period starts before it ends");
        }
        if (phases != null) {
            capacity = Math.min(phases.l1(), Math.min(phases.l2(), phases.l3()));
        }
    }

    /** The same capacity on every phase. */
    public CapacityPeriod(Instant start, Instant end, double capacity) {
        this(start, end, capacity, null);
    }

    /** One capacity per phase. */
    public static CapacityPeriod perPhase(Instant start, Instant end, PerPhase phases) {
        return new CapacityPeriod(start, end, 0, Objects.requireNonNull(phases, "phases"));
    }

    /** The capacity on each phase. */
    public PerPhase onPhases() {
        return phases == null ? PerPhase.balanced(capacity) : phases;
    }

    /** This period's capacity over [from, to). */
    public CapacityPeriod during(Instant from, Instant to) {
        return new CapacityPeriod(from, to, capacity, phases);
    }
}
