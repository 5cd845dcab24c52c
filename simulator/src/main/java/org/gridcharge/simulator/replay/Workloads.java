package org.gridcharge.simulator.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Reads and writes replay workloads, and makes synthetic ones. */
public final class Workloads {

    static final String HEADER = "session_id,station_id,arrival,departure,energy_requested_kwh,max_power_kw";

    private Workloads() {
    }

    /** The sessions of a workload CSV (header first); a bad row is an error naming its line. */
    public static List<WorkloadSession> read(Reader in) throws IOException {
        List<WorkloadSession> sessions = new ArrayList<>();
        BufferedReader lines = new BufferedReader(in);
        String header = lines.readLine();
        if (header == null || !header.trim().equals(HEADER)) {
            throw new IllegalArgumentException("line 1: the header must be " + HEADER);
        }
        int number = 1;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 6) {
                throw new IllegalArgumentException("line " + number + ": 6 cells expected, found " + cells.length);
            }
            try {
                sessions.add(new WorkloadSession(cells[0].trim(), cells[1].trim(), Instant.parse(cells[2].trim()), Instant.parse(cells[3].trim()),
                        Double.parseDouble(cells[4].trim()), Double.parseDouble(cells[5].trim())));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
            }
        }
        return sessions;
    }

    public static void write(List<WorkloadSession> sessions, Writer out) throws IOException {
        out.write(HEADER + "\n");
        for (WorkloadSession s : sessions) {
            out.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%.2f,%.1f%n", s.sessionId(), s.stationId(), s.arrival(), s.departure(),
                    s.energyRequestedKwh(), s.maxPowerKw()));
        }
    }

    /**
     * A workplace: on each of {@code days} weekdays from {@code firstDay} (midnight UTC), {@code perDay} drivers arrive
     * between 07:00 and 10:00 (most around 08:30), stay 2 to 10 hours, and want 5 to 30 kWh; their cars take 7.4 kW
     * (one phase at 32 A) or 11 kW (three phases at 16 A), one car in four the smaller. Each day's drivers use stations
     * {@code P1..P<perDay>}. The same seed makes the same workload.
     */
    public static List<WorkloadSession> workplace(Instant firstDay, int days, int perDay, long seed) {
        return generate(firstDay, days, perDay, seed, 7, 2, 8);
    }

    /**
     * Homes and a residential street: drivers arrive between 17:00 and 20:00 (most around 18:30) and leave 10 to 14 hours
     * later, the next morning; needs and cars as at the {@link #workplace}. Overnight stays cross the night tariff.
     */
    public static List<WorkloadSession> residential(Instant firstDay, int days, int perDay, long seed) {
        return generate(firstDay, days, perDay, seed, 17, 10, 4);
    }

    /** Arrivals over the three hours from {@code fromHour} (triangular), stays of {@code minStay} to {@code minStay + stayRange} hours. */
    private static List<WorkloadSession> generate(Instant firstDay, int days, int perDay, long seed, double fromHour, double minStay,
                                                  double stayRange) {
        SplittableRandom random = new SplittableRandom(seed);
        List<WorkloadSession> sessions = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            Instant midnight = firstDay.plus(Duration.ofDays(day));
            for (int i = 0; i < perDay; i++) {
                double arrivalHours = fromHour + 1.5 * (random.nextDouble() + random.nextDouble());
                double stayHours = minStay + stayRange * random.nextDouble();
                Instant arrival = midnight.plusSeconds(Math.round(arrivalHours * 3600) / 60 * 60);
                Instant departure = arrival.plusSeconds(Math.round(stayHours * 3600) / 60 * 60);
                double kwh = Math.round((5 + 25 * random.nextDouble()) * 100) / 100.0;
                double kw = random.nextInt(4) == 0 ? 7.4 : 11.0;
                sessions.add(new WorkloadSession("d" + day + "-s" + i, "P" + (i + 1), arrival, departure, kwh, kw));
            }
        }
        sessions.sort(java.util.Comparator.comparing(WorkloadSession::arrival).thenComparing(WorkloadSession::sessionId));
        return sessions;
    }
}
