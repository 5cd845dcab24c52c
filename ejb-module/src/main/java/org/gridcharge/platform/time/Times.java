package org.gridcharge.platform.time;

import org.gridcharge.platform.error.InvalidInputException;

import java.time.Instant;

/** The range of times the platform keeps: what both databases store (Derby's timestamps end with year 9999). */
public final class Times {

    /** 0001-01-01T00:00:00Z. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The last instant of 9999. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Times() {
    }

    /** The time, or an {@link InvalidInputException} on {@code field} if it lies outside years 0001 to 9999. */
    public static Instant inRange(String field, Instant time) {
        if (time != null && (time.isBefore(EARLIEST) || time.isAfter(LATEST))) {
            throw new InvalidInputException(field, time + " is outside the years 0001 to 9999");
        }
        return time;
    }
}
