package org.gridcharge.simulator.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A replayed group's capacity per phase over time: a constant, or a profile of steps (each value holds from its start
 * until the next; the first also before it).
 */
public record Capacity(String label, NavigableMap<Instant, Double> steps) {

    public static Capacity constant(double amps) {
        NavigableMap<Instant, Double> steps = new TreeMap<>();
        steps.put(Instant.EPOCH, check(amps, "capacity"));
        return new Capacity(String.format(Locale.ROOT, "%.0f", amps), steps);
    }

    /** A profile CSV: the header {@code start,capacity_amps}, then a row per step; a bad row is an error naming its line. */
    public static Capacity read(String label, Reader in) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        String header = lines.readLine();
        if (header == null || !header.trim().equals("start,capacity_amps")) {
            throw new IllegalArgumentException("capacity profile line 1: the header must be start,capacity_amps");
        }
        NavigableMap<Instant, Double> steps = new TreeMap<>();
        int number = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            try {
                if (cells.length != 2) {
                    throw new IllegalArgumentException("2 cells expected, found " + cells.length);
                }
                steps.put(Instant.parse(cells[0].trim()), check(Double.parseDouble(cells[1].trim()), "capacity_amps"));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException("capacity profile line " + number + ": " + e.getMessage(), e);
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the capacity profile has no rows");
        }
        return new Capacity(label, steps);
    }

    private static double check(double amps, String field) {
        if (!(amps >= 0) || Double.isInfinite(amps)) {
            throw new IllegalArgumentException(field + " must be 0 or more, was " + amps);
        }
        return amps;
    }

    /** The same steps as the engine's timeline: each step until the next, the last one on. */
    public org.gridcharge.allocation.CapacityTimeline timeline() {
        java.util.List<org.gridcharge.allocation.CapacityPeriod> periods = new java.util.ArrayList<>();
        Map.Entry<Instant, Double> previous = null;
        for (Map.Entry<Instant, Double> step : steps.entrySet()) {
            if (previous != null) {
                periods.add(new org.gridcharge.allocation.CapacityPeriod(previous.getKey(), step.getKey(), previous.getValue()));
            }
            previous = step;
        }
        return new org.gridcharge.allocation.CapacityTimeline(periods, steps.lastEntry().getValue());
    }

    /** The capacity per phase at {@code t}. */
    public double at(Instant t) {
        Map.Entry<Instant, Double> step = steps.floorEntry(t);
        return step != null ? step.getValue() : steps.firstEntry().getValue();
    }
}
