package org.gridcharge.allocation;

import java.time.Instant;
import java.util.Objects;

/** The group's capacity per phase during [start, end). */
public record CapacityPeriod(Instant start, Instant end, double capacity) {

    public CapacityPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a period starts before it ends");
        }
    }
}
