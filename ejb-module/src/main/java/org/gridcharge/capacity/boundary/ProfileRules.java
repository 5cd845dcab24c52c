package org.gridcharge.capacity.boundary;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.allocation.CapacityPeriod;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.PayloadTooLargeException;

/**
 * The rules a capacity profile obeys, each broken rule named with the offending period's index:
 * UTC times, start before end, ordered and not overlapping, no interval shorter than one minute
 * (periods and the gaps between them), a finite capacity of at least 0 A.
 */
public final class ProfileRules {

    /** The most periods one profile may hold (about ten years of hourly values, or 70 days of minutes). */
    public static final int MAX_PERIODS = 100_000;
    public static final Duration SHORTEST_INTERVAL = Duration.ofMinutes(1);

    private ProfileRules() {
    }

    public static List<CapacityPeriod> check(List<PeriodDraft> drafts) {
        return check(drafts, CapacityUnit.A.maxCapacity(), "amperes per phase");
    }

    /** The same rules, for a group counted in another unit (watts) up to {@code maxCapacity}. */
    public static List<CapacityPeriod> check(List<PeriodDraft> drafts, double maxCapacity, String unitName) {
        if (drafts == null || drafts.isEmpty()) {
            throw new InvalidInputException("periods", "at least one period is required; to remove the profile, DELETE it");
        }
        if (drafts.size() > MAX_PERIODS) {
            throw new PayloadTooLargeException("a profile holds at most " + MAX_PERIODS + " periods; this one has " + drafts.size()
                    + ". Send a coarser profile, or steer the group in shorter windows");
        }
        List<CapacityPeriod> periods = new ArrayList<>(drafts.size());
        Instant previousEnd = null;
        for (int i = 0; i < drafts.size(); i++) {
            PeriodDraft draft = drafts.get(i);
            String field = "periods[" + i + "]";
            if (draft == null) {
                throw new InvalidInputException(field, "is null; every period is {start_date_time, end_date_time, capacity}");
            }
            Instant start = utc(field + ".start_date_time", draft.startDateTime());
            Instant end = utc(field + ".end_date_time", draft.endDateTime());
            if (!start.isBefore(end)) {
                throw new InvalidInputException(field + ".end_date_time", "must be after start_date_time (" + draft.startDateTime() + ")");
            }
            if (Duration.between(start, end).compareTo(SHORTEST_INTERVAL) < 0) {
                throw new InvalidInputException(field, "lasts " + Duration.between(start, end).toSeconds()
                        + " s; the shortest interval is one minute");
            }
            if (previousEnd != null) {
                if (start.isBefore(previousEnd)) {
                    throw new InvalidInputException(field + ".start_date_time", "overlaps the previous period, which ends at " + previousEnd
                            + "; periods are ordered by time and do not overlap");
                }
                Duration gap = Duration.between(previousEnd, start);
                if (!gap.isZero() && gap.compareTo(SHORTEST_INTERVAL) < 0) {
                    throw new InvalidInputException(field + ".start_date_time", "leaves a gap of " + gap.toSeconds()
                            + " s after the previous period; the shortest interval is one minute");
                }
            }
            Double capacity = draft.capacity();
            if (capacity == null || !Double.isFinite(capacity) || capacity < 0 || capacity > maxCapacity) {
                throw new InvalidInputException(field + ".capacity", "must be a number of " + unitName + " between 0 and "
                        + (long) maxCapacity + ", was " + capacity);
            }
            periods.add(new CapacityPeriod(start, end, capacity));
            previousEnd = end;
        }
        return periods;
    }

    private static Instant utc(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required (ISO-8601 with an offset, e.g. 2021-07-27T20:00:00.000Z)");
        }
        try {
            return org.gridcharge.platform.time.Times.inRange(field, OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + value + "' is not an ISO-8601 time with an offset, such as 2021-07-27T20:00:00.000Z"
                    + " or 2021-07-27T22:00:00+02:00");
        }
    }
}
