package org.gridcharge.allocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A group's time-of-use settings ({@link Strategy#TIME_OF_USE}): the energy price by day of week and local time, the
 * times no session may charge, and what to aim for.
 *
 * @param goal         what a session's energy is planned for
 * @param defaultPrice the price per kWh wherever no tariff window applies
 * @param prices       the tariff windows: each rule's value is a price per kWh
 * @param exclusions   the times nobody charges (but a priority session); the rules' values mean nothing
 */
public record TimeOfUse(Goal goal, double defaultPrice, WeeklyCapacity prices, WeeklyCapacity exclusions) {

    /** What a session's energy need is planned into. */
    public enum Goal {
        /** The cheapest allowed times before its departure (the earliest of equal price). */
        MINIMISE_COST,
        /** The earliest allowed times: as soon as possible, whatever the price. */
        OPTIMISE_TIME
    }

    /** A stretch of constant price, allowed or excluded. */
    public record Interval(Instant start, Instant end, double price, boolean excluded) {
    }

    public TimeOfUse {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(exclusions, "exclusions");
        if (!(defaultPrice >= 0) || Double.isInfinite(defaultPrice)) {
            throw new IllegalArgumentException("the default price must be a number, not negative");
        }
    }

    /** The same price at every time, no exclusion: every session's need is planned as early as the capacity allows. */
    public static TimeOfUse flat(Goal goal) {
        WeeklyCapacity none = new WeeklyCapacity(java.time.ZoneOffset.UTC, List.of());
        return new TimeOfUse(goal, 0, none, none);
    }

    /** [from, to) cut wherever the price or an exclusion changes, in order. */
    public List<Interval> intervals(Instant from, Instant to) {
        List<Interval> intervals = new ArrayList<>();
        if (!from.isBefore(to)) {
            return intervals;
        }
        List<CapacityPeriod> priced = prices.periods(from, to);
        List<CapacityPeriod> excluded = exclusions.periods(from, to);
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(from);
        cuts.add(to);
        for (CapacityPeriod p : priced) {
            cuts.add(p.start());
            cuts.add(p.end());
        }
        for (CapacityPeriod p : excluded) {
            cuts.add(p.start());
            cuts.add(p.end());
        }
        int pi = 0;
        int ei = 0;
        Instant start = from;
        for (Instant end : cuts.tailSet(from, false)) {
            while (pi < priced.size() && !priced.get(pi).end().isAfter(start)) {
                pi++;
            }
            while (ei < excluded.size() && !excluded.get(ei).end().isAfter(start)) {
                ei++;
            }
            double price = pi < priced.size() && !priced.get(pi).start().isAfter(start) ? priced.get(pi).capacity() : defaultPrice;
            boolean out = ei < excluded.size() && !excluded.get(ei).start().isAfter(start);
            Interval last = intervals.isEmpty() ? null : intervals.get(intervals.size() - 1);
            if (last != null && last.price() == price && last.excluded() == out) {
                intervals.set(intervals.size() - 1, new Interval(last.start(), end, price, out)); // e.g. one window through midnight
            } else {
                intervals.add(new Interval(start, end, price, out));
            }
            start = end;
        }
        return intervals;
    }
}
