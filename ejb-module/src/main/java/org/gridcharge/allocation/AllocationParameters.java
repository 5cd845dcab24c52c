package org.gridcharge.allocation;

import java.util.Objects;

/**
 * The tuning of one group's allocation.
 *
 * @param strategy             how capacity is divided
 * @param minCurrentAmps       the least current a session may be given; below it the session is paused at 0 A (IEC 61851: 6 A)
 * @param redistributionMarginAmps headroom above a session's measured draw; capacity it does not use goes to the others
 * @param maxPrioritySessions  at most this many sessions (the earliest priority requests) are treated as priority
 */
public record AllocationParameters(Strategy strategy, double minCurrentAmps, double redistributionMarginAmps, int maxPrioritySessions) {

    public AllocationParameters {
        Objects.requireNonNull(strategy, "strategy");
        if (!(minCurrentAmps >= 0) || !(redistributionMarginAmps >= 0) || maxPrioritySessions < 0) {
            throw new IllegalArgumentException("parameters must not be negative");
        }
    }

    public static AllocationParameters defaults(Strategy strategy) {
        return new AllocationParameters(strategy, 6, 1, Integer.MAX_VALUE);
    }
}
