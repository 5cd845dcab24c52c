package org.gridcharge.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the simulated stations sent and received, how long the platform took to answer, and what went wrong. */
final class Stats {

    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    private final long[] roundTrips = new long[1 << 20];
    private final AtomicLong roundTripCount = new AtomicLong();
    private final LongAdder profiles = new LongAdder();
    private final Map<String, Boolean> stationsWithLimits = new ConcurrentHashMap<>();

    void sent(String action) {
        sent.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    void received(String action) {
        received.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    void roundTrip(long nanos) {
        long i = roundTripCount.getAndIncrement();
        if (i < roundTrips.length) {
            roundTrips[(int) i] = nanos;
        }
    }

    /** Starts counting round trips afresh (after the connection ramp, to see the steady state). */
    void resetRoundTrips() {
        roundTripCount.set(0);
    }

    void profile(SimStation station, ChargingLimits.Profile profile) {
        profiles.increment();
        if (profile.connectorId() > 0) {
            stationsWithLimits.put(station.id, Boolean.TRUE);
            long since = probeStart;
            if (since != 0) {
                firstAfterProbe.putIfAbsent(station.id, System.nanoTime() - since);
            }
        }
    }

    private volatile long probeStart;
    private final Map<String, Long> firstAfterProbe = new ConcurrentHashMap<>();

    /** From now on, note when each station first gets a connector's profile (the control-latency probe). */
    void startProbe() {
        firstAfterProbe.clear();
        probeStart = System.nanoTime();
    }

    /** True if the station got a connector's profile since {@link #startProbe()}. */
    boolean probed(String stationId) {
        return firstAfterProbe.containsKey(stationId);
    }

    /** How long each station took to get its first profile since {@link #startProbe()}, in milliseconds, sorted. */
    double[] probeMillis() {
        return firstAfterProbe.values().stream().mapToDouble(n -> n / 1e6).sorted().toArray();
    }

    private final LongAdder lost = new LongAdder();
    private final LongAdder reconnected = new LongAdder();
    private final List<Long> backUnderControl = java.util.Collections.synchronizedList(new ArrayList<>());

    void lost() {
        lost.increment();
    }

    void reconnected() {
        reconnected.increment();
    }

    /** A station whose connection was lost got a connector's profile on a new connection, this long after the loss. */
    void backUnderControl(long nanos) {
        backUnderControl.add(nanos);
    }

    long lostConnections() {
        return lost.sum();
    }

    long reconnections() {
        return reconnected.sum();
    }

    /** For each lost connection whose station got limits again, how long that took in milliseconds, sorted. */
    double[] backUnderControlMillis() {
        synchronized (backUnderControl) {
            return backUnderControl.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
        }
    }

    void problem(String description) {
        if (problems.size() < 1000) {
            problems.add(description);
        }
    }

    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    long profiles() {
        return profiles.sum();
    }

    int stationsWithLimits() {
        return stationsWithLimits.size();
    }

    long sentTotal() {
        return sent.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A round-trip percentile of the CALLs the stations sent, in milliseconds (NaN if none). */
    double roundTripMillis(double percentile) {
        int n = (int) Math.min(roundTripCount.get(), roundTrips.length);
        if (n == 0) {
            return Double.NaN;
        }
        long[] copy = Arrays.copyOf(roundTrips, n);
        Arrays.sort(copy);
        return copy[Math.min(n - 1, (int) Math.ceil(percentile / 100 * n) - 1)] / 1e6;
    }

    String summary() {
        Map<String, Long> out = new TreeMap<>();
        sent.forEach((k, v) -> out.put(k, v.sum()));
        Map<String, Long> in = new TreeMap<>();
        received.forEach((k, v) -> in.put(k, v.sum()));
        return "sent " + out + ", received " + in + String.format(java.util.Locale.ROOT, ", CALL round trip p50 %.1f ms, p99 %.1f ms",
                roundTripMillis(50), roundTripMillis(99));
    }
}
