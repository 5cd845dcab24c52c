package org.gridcharge.allocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The tuning of one group's allocation.
 *
 * @param strategy             how capacity is divided
 * @param minimum              the least current a session may be given; below it the session is paused at 0 A (IEC 61851: 6 A)
 * @param margin               headroom above a session's measured draw; capacity it does not use goes to the others
 * @param maxPrioritySessions  at most this many sessions (the earliest priority requests) are treated as priority
 * @param startedWindow        for this long after its start a session charges unthrottled (once admitted, it is served up
 *                             to its maximum before the others share); zero turns it off
 * @param wattsPerUnit         the power one allotted unit gives on one phase, which turns a session's energy need into a
 *                             current ({@link Strategy#DEADLINE}): the nominal phase voltage for a group in amperes
 *                             ({@value #VOLTS} V), 1 for a group managed in watts
 * @param timeOfUse            the tariff, exclusion times and goal ({@link Strategy#TIME_OF_USE}); null for none
 */
public record AllocationParameters(Strategy strategy, double minimum, double margin, int maxPrioritySessions,
                                   Duration startedWindow, double wattsPerUnit, TimeOfUse timeOfUse) {

    /** The nominal phase voltage (EN 50160). */
    public static final double VOLTS = 230;

    public AllocationParameters {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(startedWindow, "startedWindow");
        if (!(minimum >= 0) || !(margin >= 0) || maxPrioritySessions < 0 || startedWindow.isNegative()) {
            throw new IllegalArgumentException("parameters must not be negative");
        }
        if (!(wattsPerUnit > 0) || Double.isInfinite(wattsPerUnit)) {
            throw new IllegalArgumentException("wattsPerUnit must be a positive number");
        }
    }

    public AllocationParameters(Strategy strategy, double minimum, double margin, int maxPrioritySessions, Duration startedWindow,
                                double wattsPerUnit) {
        this(strategy, minimum, margin, maxPrioritySessions, startedWindow, wattsPerUnit, null);
    }

    /** The same parameters with time-of-use settings. */
    public AllocationParameters withTimeOfUse(TimeOfUse settings) {
        return new AllocationParameters(strategy, minimum, margin, maxPrioritySessions, startedWindow, wattsPerUnit, settings);
    }

    /** The same parameters for another strategy (a node of a grid tree that divides its share its own way). */
    public AllocationParameters withStrategy(Strategy other) {
        return new AllocationParameters(other, minimum, margin, maxPrioritySessions, startedWindow, wattsPerUnit, timeOfUse);
    }

    public AllocationParameters(Strategy strategy, double minimum, double margin, int maxPrioritySessions, Duration startedWindow) {
        this(strategy, minimum, margin, maxPrioritySessions, startedWindow, VOLTS);
    }

    public AllocationParameters(Strategy strategy, double minimum, double margin, int maxPrioritySessions) {
        this(strategy, minimum, margin, maxPrioritySessions, Duration.ZERO);
    }

    /** Whether a session that started at {@code startedAt} is still in its unthrottled start window at {@code at}. */
    public boolean inStartedWindow(Instant startedAt, Instant at) {
        return !startedWindow.isZero() && at != null && at.isBefore(startedAt.plus(startedWindow));
    }

    public static AllocationParameters defaults(Strategy strategy) {
        return new AllocationParameters(strategy, 6, 1, Integer.MAX_VALUE);
    }
}
