package org.gridcharge.steering.boundary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A group's allocation over a time range, shaped for a chart (the seed's Figure 3) and cut to a size a browser draws at
 * once whatever the group's size and history: at most a number of instants, and at most a number of series (the EVSEs
 * with the highest limits apart, the rest summed as one). Pure; {@link GroupStatusService#chart} reads the records.
 */
public final class AllocationCharts {

    private AllocationCharts() {
    }

    /** A record's time and, on the phase charted, its capacity and what it allotted in all. */
    public record Header(String recordId, Instant validFrom, double capacity, double allotted) {
    }

    /** One EVSE's limit on the phase at each instant of the chart. */
    public record Series(String evseId, List<Double> values) {
    }

    /**
     * @param phase      the phase charted; null in a group managed in watts
     * @param records    how many records the range holds (the chart may draw fewer)
     * @param times      the instants drawn, each holding until the next (the last until {@code to})
     * @param otherEvses how many EVSEs with a limit are summed in {@code other}
     */
    public record Chart(Instant from, Instant to, org.gridcharge.allocation.Phase phase, int records, List<Instant> times, List<Double> capacity, List<Double> allotted,
                        List<Series> series, int otherEvses, List<Double> other) {
    }

    /**
     * The records to draw, in time order: of several written at one instant the last; all of them when there are at most
     * {@code maxPoints}; otherwise the range is cut into {@code (maxPoints - 1) / 3} equal buckets and each keeps its first
     * record, the one that allotted the most and the one with the least capacity (so that no peak and no dip disappears),
     * and the last record of all is kept (what holds now).
     */
    public static List<Header> sample(List<Header> headers, Instant from, Instant to, int maxPoints) {
        List<Header> distinct = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            if (i + 1 < headers.size() && headers.get(i + 1).validFrom().equals(headers.get(i).validFrom())) {
                continue; // a later record of the same instant replaced it
            }
            distinct.add(headers.get(i));
        }
        if (distinct.size() <= maxPoints) {
            return distinct;
        }
        int buckets = Math.max(1, (maxPoints - 1) / 3);
        long span = Math.max(1, Duration.between(from, to).toMillis());
        Set<Header> kept = new LinkedHashSet<>();
        int i = 0;
        for (int b = 0; b < buckets && i < distinct.size(); b++) {
            Instant end = b == buckets - 1 ? Instant.MAX : from.plusMillis(span * (b + 1) / buckets);
            Header first = null;
            Header most = null;
            Header least = null;
            for (; i < distinct.size() && distinct.get(i).validFrom().isBefore(end); i++) {
                Header h = distinct.get(i);
                if (first == null) {
                    first = h;
                }
                if (most == null || h.allotted() > most.allotted()) {
                    most = h;
                }
                if (least == null || h.capacity() < least.capacity()) {
                    least = h;
                }
            }
            if (first != null) {
                kept.add(first);
                kept.add(most);
                kept.add(least);
            }
        }
        kept.add(distinct.get(distinct.size() - 1));
        List<Header> out = new ArrayList<>(kept);
        out.sort(Comparator.comparing(Header::validFrom));
        return out;
    }

    /** At most {@code count} of the records, evenly spread (first and last included). */
    public static List<Header> spread(List<Header> drawn, int count) {
        if (drawn.size() <= count) {
            return drawn;
        }
        List<Header> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(drawn.get((int) Math.round((double) k * (drawn.size() - 1) / (count - 1))));
        }
        return out;
    }

    /**
     * The EVSEs drawn apart: every EVSE that had a limit, if they fit in {@code maxSeries}; else the {@code maxSeries - 1}
     * with the highest peak (ties by id), leaving one series for the rest.
     */
    public static List<String> apart(Map<String, Double> peaks, int maxSeries) {
        List<String> ranked = peaks.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        return ranked.size() <= maxSeries ? ranked : ranked.subList(0, Math.max(0, maxSeries - 1));
    }

    /**
     * The chart of the drawn records: {@code limits} holds, per record id, the limit on the phase of each EVSE drawn apart
     * (absent: 0); what the record allotted beyond those is {@code other}.
     */
    public static Chart chart(Instant from, Instant to, org.gridcharge.allocation.Phase phase, int records, List<Header> drawn, List<String> apart, int evsesWithLimit,
                              Map<String, Map<String, Double>> limits) {
        List<Instant> times = new ArrayList<>(drawn.size());
        List<Double> capacity = new ArrayList<>(drawn.size());
        List<Double> allotted = new ArrayList<>(drawn.size());
        List<Double> other = new ArrayList<>(drawn.size());
        List<List<Double>> values = new ArrayList<>();
        apart.forEach(e -> values.add(new ArrayList<>(drawn.size())));
        for (Header h : drawn) {
            times.add(h.validFrom().isBefore(from) ? from : h.validFrom());
            capacity.add(h.capacity());
            allotted.add(h.allotted());
            Map<String, Double> of = limits.getOrDefault(h.recordId(), Map.of());
            double sum = 0;
            for (int k = 0; k < apart.size(); k++) {
                double v = of.getOrDefault(apart.get(k), 0.0);
                values.get(k).add(v);
                sum += v;
            }
            other.add(Math.max(0, Math.round((h.allotted() - sum) * 1000) / 1000.0));
        }
        List<Series> series = new ArrayList<>(apart.size());
        for (int k = 0; k < apart.size(); k++) {
            series.add(new Series(apart.get(k), values.get(k)));
        }
        return new Chart(from, to, phase, records, times, capacity, allotted, series, Math.max(0, evsesWithLimit - apart.size()), other);
    }
}
