package org.gridcharge.ocpp.message;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Limits over time from {@code startSchedule}, for {@code durationSeconds} (null: without end, the
 * last period lasts until the profile is replaced).
 */
public record ChargingSchedule(Instant startSchedule, Long durationSeconds, ChargingRateUnit unit, List<SchedulePeriod> periods) {

    public ChargingSchedule {
        Objects.requireNonNull(startSchedule);
        Objects.requireNonNull(unit);
        periods = List.copyOf(periods);
        if (durationSeconds != null && durationSeconds <= 0) {
            throw new IllegalArgumentException("a schedule with an end lasts at least a second, not " + durationSeconds);
        }
        // both versions: at least one period, the first from the schedule's start, each later one after the one before
        if (periods.isEmpty() || periods.get(0).startPeriod() != 0) {
            throw new IllegalArgumentException("a schedule's first period starts at 0: " + periods);
        }
        for (int i = 1; i < periods.size(); i++) {
            if (periods.get(i).startPeriod() <= periods.get(i - 1).startPeriod()) {
                throw new IllegalArgumentException("periods start in increasing order: " + periods);
            }
        }
    }
}
