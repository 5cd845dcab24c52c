package org.gridcharge.steering.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The chart's cuts keep what matters: what holds now, every bucket's highest allotment and lowest capacity, the instants'
 * order, and at every instant the whole allotment.
 */
class AllocationChartsProperties {

    static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant TO = FROM.plusSeconds(86_400);

    /** Records at the given minutes (sorted, some sharing a minute), allotting the given amounts. */
    static List<AllocationCharts.Header> headers(List<Integer> minutes, List<Integer> amounts) {
        List<Integer> sorted = new ArrayList<>(minutes);
        sorted.sort(null);
        List<AllocationCharts.Header> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            out.add(new AllocationCharts.Header("r" + i, FROM.plusSeconds(60L * sorted.get(i)), 100 + amounts.get((i * 7 + 3) % amounts.size()),
                    amounts.get(i % amounts.size())));
        }
        return out;
    }

    @Property
    void aSampleIsSmallInOrderAndKeepsNowAndEveryBucketsPeakAndDip(@ForAll @Size(min = 1, max = 3000) List<@IntRange(min = 0, max = 1439) Integer> minutes,
                                                      @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 0, max = 400) Integer> amounts,
                                                      @ForAll @IntRange(min = 10, max = 600) int maxPoints) {
        List<AllocationCharts.Header> all = headers(minutes, amounts);
        List<AllocationCharts.Header> drawn = AllocationCharts.sample(all, FROM, TO, maxPoints);
        assertTrue(drawn.size() <= maxPoints, drawn.size() + " > " + maxPoints);
        for (int i = 1; i < drawn.size(); i++) {
            assertTrue(drawn.get(i - 1).validFrom().isBefore(drawn.get(i).validFrom()), "strictly in time order");
        }
        // the records in force: the last of each instant (the oracle's own reading)
        Map<Instant, AllocationCharts.Header> inForce = new HashMap<>();
        all.forEach(h -> inForce.put(h.validFrom(), h));
        drawn.forEach(h -> assertEquals(inForce.get(h.validFrom()), h, "only records in force are drawn"));
        Instant latest = inForce.keySet().stream().max(Instant::compareTo).orElseThrow();
        assertEquals(inForce.get(latest), drawn.get(drawn.size() - 1), "what holds now is drawn");
        if (inForce.size() <= maxPoints) {
            assertEquals(inForce.size(), drawn.size(), "nothing is cut when everything fits");
            return;
        }
        int buckets = (maxPoints - 1) / 3;
        long span = TO.toEpochMilli() - FROM.toEpochMilli();
        // bucket k covers [FROM + span * k / buckets, FROM + span * (k + 1) / buckets), in whole milliseconds
        java.util.function.ToIntFunction<Instant> bucket = t -> {
            long x = t.toEpochMilli() - FROM.toEpochMilli();
            int k = 0;
            while (k < buckets - 1 && x >= span * (k + 1) / buckets) {
                k++;
            }
            return k;
        };
        Map<Integer, Double> peak = new HashMap<>();
        inForce.values().forEach(h -> peak.merge(bucket.applyAsInt(h.validFrom()), h.allotted(), Math::max));
        Map<Integer, Double> drawnPeak = new HashMap<>();
        drawn.forEach(h -> drawnPeak.merge(bucket.applyAsInt(h.validFrom()), h.allotted(), Math::max));
        assertEquals(peak, drawnPeak, "every bucket with records keeps its highest allotment");
        Map<Integer, Double> dip = new HashMap<>();
        inForce.values().forEach(h -> dip.merge(bucket.applyAsInt(h.validFrom()), h.capacity(), Math::min));
        Map<Integer, Double> drawnDip = new HashMap<>();
        drawn.forEach(h -> drawnDip.merge(bucket.applyAsInt(h.validFrom()), h.capacity(), Math::min));
        assertEquals(dip, drawnDip, "every bucket with records keeps its lowest capacity");
    }

    @Property
    void atEveryInstantTheSeriesAndTheRestAddUpToWhatWasAllotted(@ForAll @IntRange(min = 1, max = 60) int evses,
                                                                 @ForAll @IntRange(min = 1, max = 30) int maxSeries,
                                                                 @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 32) Integer> draws) {
        List<String> ids = new ArrayList<>();
        for (int e = 0; e < evses; e++) {
            ids.add("E" + e);
        }
        List<AllocationCharts.Header> drawn = new ArrayList<>();
        Map<String, Map<String, Double>> limits = new HashMap<>();
        Map<String, Double> peaks = new HashMap<>();
        for (int r = 0; r < draws.size(); r++) {
            Map<String, Double> of = new HashMap<>();
            double total = 0;
            for (int e = 0; e < evses; e++) {
                double limit = (draws.get(r) * (e + 1) + r) % 33;
                of.put(ids.get(e), limit);
                total += limit;
                peaks.merge(ids.get(e), limit, Math::max);
            }
            drawn.add(new AllocationCharts.Header("r" + r, FROM.plusSeconds(60L * r), 500, total));
            limits.put("r" + r, of);
        }
        List<String> apart = AllocationCharts.apart(peaks, maxSeries);
        assertTrue(apart.size() <= maxSeries);
        long withLimit = peaks.values().stream().filter(v -> v > 0).count();
        assertTrue(apart.size() == withLimit || apart.size() == maxSeries - 1, "all apart, or one series left for the rest");
        double lowestApart = apart.stream().mapToDouble(peaks::get).min().orElse(Double.MAX_VALUE);
        Set<String> apartSet = new HashSet<>(apart);
        peaks.forEach((id, p) -> assertTrue(apartSet.contains(id) || p <= lowestApart, id + " peaks higher than one drawn apart"));

        Map<String, Map<String, Double>> apartLimits = new HashMap<>();
        limits.forEach((r, of) -> {
            Map<String, Double> kept = new HashMap<>(of);
            kept.keySet().retainAll(apartSet);
            apartLimits.put(r, kept);
        });
        AllocationCharts.Chart chart = AllocationCharts.chart(FROM, TO, null, drawn.size(), drawn, apart, (int) withLimit, apartLimits);
        for (int t = 0; t < drawn.size(); t++) {
            double stacked = chart.other().get(t);
            for (AllocationCharts.Series s : chart.series()) {
                stacked += s.values().get(t);
            }
            assertEquals(drawn.get(t).allotted(), stacked, 1e-6, "instant " + t);
        }
        assertEquals(withLimit - apart.size(), chart.otherEvses());
    }
}
