package org.gridcharge.ocpp.message;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One period of a charging schedule: from {@code startPeriod} seconds after the schedule's start,
 * at most {@code limit} in the schedule's unit, on {@code numberPhases} phases (null: not said).
 */
public record SchedulePeriod(long startPeriod, BigDecimal limit, Integer numberPhases) {

    public SchedulePeriod {
        Objects.requireNonNull(limit);
        if (startPeriod < 0) {
            throw new IllegalArgumentException("startPeriod is seconds from the schedule's start, never before it: " + startPeriod);
        }
        // OCPP 1.6 accepts at most one digit after the point (e.g. 8.1); 2.0.1 stations are sent the same
        if (limit.scale() > 1) {
            throw new IllegalArgumentException("a limit has at most one decimal: " + limit);
        }
        if (numberPhases != null && (numberPhases < 1 || numberPhases > 3)) {
            throw new IllegalArgumentException("numberPhases is 1, 2 or 3, not " + numberPhases);
        }
    }
}
