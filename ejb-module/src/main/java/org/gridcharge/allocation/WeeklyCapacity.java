package org.gridcharge.allocation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A group's capacity by day of week and time of day in a named time zone. Rules are read in local
 * time, so a rule for 08:00–18:00 starts at 08:00 local time in winter and in summer alike; on the
 * days the clocks change a rule covers the local hours that exist that day.
 */
public record WeeklyCapacity(ZoneId zone, List<Rule> rules) {

    /** The last second of a day, as an exclusive end: 24:00:00. */
    public static final int END_OF_DAY = 86_400;

    /**
     * One rule: on {@code day}, from {@code startSecond} (inclusive) to {@code endSecond} (exclusive,
     * up to {@link #END_OF_DAY}) after local midnight, the capacity is {@code capacity}.
     */
    public record Rule(DayOfWeek day, int startSecond, int endSecond, double capacity) {

        public Rule {
            Objects.requireNonNull(day, "day");
            if (startSecond < 0 || endSecond > END_OF_DAY || startSecond >= endSecond) {
                throw new IllegalArgumentException("a rule runs from a start to a later end within one day");
            }
            if (!(capacity >= 0)) {
                throw new IllegalArgumentException("capacity must not be negative");
            }
        }

        boolean overlaps(Rule other) {
            return day == other.day && startSecond < other.endSecond && other.startSecond < endSecond;
        }
    }

    public WeeklyCapacity {
        Objects.requireNonNull(zone, "zone");
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(Rule::day).thenComparingInt(Rule::startSecond));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).overlaps(sorted.get(i - 1))) {
                throw new IllegalArgumentException("rules overlap on " + sorted.get(i).day());
            }
        }
        rules = List.copyOf(sorted);
    }

    /** The rules as concrete periods over [from, to), in order, clipped to the window. */
    public List<CapacityPeriod> periods(Instant from, Instant to) {
        List<CapacityPeriod> periods = new ArrayList<>();
        if (rules.isEmpty() || !from.isBefore(to)) {
            return periods;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate().minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
            for (Rule rule : rules) {
                if (rule.day() != date.getDayOfWeek()) {
                    continue;
                }
                Instant start = at(date, rule.startSecond());
                Instant end = at(date, rule.endSecond());
                Instant clippedStart = start.isBefore(from) ? from : start;
                Instant clippedEnd = end.isAfter(to) ? to : end;
                if (clippedStart.isBefore(clippedEnd)) {
                    periods.add(new CapacityPeriod(clippedStart, clippedEnd, rule.capacity()));
                }
            }
        }
        periods.sort(Comparator.comparing(CapacityPeriod::start));
        // rules never overlap in local time; clip anyway, so an odd zone rule can never make two periods overlap
        List<CapacityPeriod> clipped = new ArrayList<>(periods.size());
        for (CapacityPeriod period : periods) {
            Instant start = period.start();
            if (!clipped.isEmpty() && clipped.get(clipped.size() - 1).end().isAfter(start)) {
                start = clipped.get(clipped.size() - 1).end();
            }
            if (start.isBefore(period.end())) {
                clipped.add(start.equals(period.start()) ? period : new CapacityPeriod(start, period.end(), period.capacity()));
            }
        }
        return clipped;
    }

    /**
     * Local time on a date as an instant. A local time the clocks skip is read as the moment the clocks jump (the
     * end of the gap), so rules on either side of a gap never overlap; a repeated local time is read at its first
     * occurrence.
     */
    private Instant at(LocalDate date, int secondOfDay) {
        LocalDateTime local = secondOfDay == END_OF_DAY ? date.plusDays(1).atStartOfDay()
                : date.atTime(LocalTime.ofSecondOfDay(secondOfDay));
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.of(local, zone).toInstant();
    }
}
