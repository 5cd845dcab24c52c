package org.gridcharge.simulator.replay;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.gridcharge.allocation.Allocation;
import org.gridcharge.allocation.AllocationParameters;
import org.gridcharge.allocation.Allocator;
import org.gridcharge.allocation.PerPhase;
import org.gridcharge.allocation.Phase;
import org.gridcharge.allocation.Session;
import org.gridcharge.allocation.Socket;
import org.gridcharge.allocation.SocketAllocation;
import org.gridcharge.allocation.Strategy;
import org.gridcharge.allocation.CapacityTimeline;
import org.gridcharge.allocation.EnergyPlan;
import org.gridcharge.allocation.TimeOfUse;
import org.gridcharge.allocation.WeeklyCapacity;

/**
 * Replays a recorded workload through the platform's own allocator, with no server: one AC group of a capacity per
 * phase (a constant or a profile), stepped every {@code step}. At each step every session present and still wanting energy is a
 * socket (a car of up to 7.4 kW on one phase, the phases taken in turn; a larger one on three), it draws the limit
 * it is given, and stops when it has its energy or leaves. Reports per algorithm: the energy delivered as a share of
 * the energy requested, the share of sessions fully served, the peak draw, the energy's cost under a time-of-use
 * tariff, and Jain's fairness index of the shares of their energy the sessions got; and, as a bound, the most energy
 * any algorithm could deliver knowing the whole workload in advance ({@link OfflineBound}).
 */
public final class Replay {

    /** What one algorithm achieved on one workload. */
    public record Result(String algorithm, String capacity, double requestedKwh, double deliveredKwh, double fullyServedShare,
                         double peakKw, double cost, double jain) {

        public double deliveredShare() {
            return requestedKwh == 0 ? 1 : deliveredKwh / requestedKwh;
        }
    }

    /** A price per kWh from each time of day (UTC) until the next. */
    public record Tariff(NavigableMap<LocalTime, Double> prices) {

        /** 0.22 per kWh from 23:00 to 07:00, 0.35 during the day. */
        public static Tariff dayNight() {
            return parse("00:00=0.22,07:00=0.35,23:00=0.22");
        }

        /** {@code HH:MM=price,...}, the first from 00:00. */
        public static Tariff parse(String text) {
            NavigableMap<LocalTime, Double> prices = new TreeMap<>();
            for (String part : text.split(",")) {
                String[] kv = part.trim().split("=");
                if (kv.length != 2) {
                    throw new IllegalArgumentException("tariff: write HH:MM=price,..., got '" + part + "'");
                }
                prices.put(LocalTime.parse(kv[0].trim()), Double.parseDouble(kv[1].trim()));
            }
            if (!prices.containsKey(LocalTime.MIDNIGHT)) {
                throw new IllegalArgumentException("tariff: the first price must start at 00:00");
            }
            return new Tariff(prices);
        }

        double at(Instant t) {
            return prices.floorEntry(LocalTime.ofInstant(t, ZoneOffset.UTC)).getValue();
        }

        /** The tariff as a group's time-of-use settings (every day alike, in UTC), no exclusion times. */
        public TimeOfUse toTimeOfUse(TimeOfUse.Goal goal) {
            List<WeeklyCapacity.Rule> rules = new ArrayList<>();
            for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
                for (Map.Entry<LocalTime, Double> price : prices.entrySet()) {
                    LocalTime next = prices.higherKey(price.getKey());
                    rules.add(new WeeklyCapacity.Rule(day, price.getKey().toSecondOfDay(),
                            next == null ? WeeklyCapacity.END_OF_DAY : next.toSecondOfDay(), price.getValue()));
                }
            }
            WeeklyCapacity windows = new WeeklyCapacity(ZoneOffset.UTC, rules);
            return new TimeOfUse(goal, 0, windows, new WeeklyCapacity(ZoneOffset.UTC, List.of()));
        }
    }

    private final List<WorkloadSession> sessions;
    private final Duration step;
    private final double volts;
    private final Tariff tariff;
    private double minimumAmps = 6;
    private TimeOfUse.Goal goal = TimeOfUse.Goal.MINIMISE_COST;

    /** What time_of_use aims for (default: the least cost). */
    public Replay goal(TimeOfUse.Goal newGoal) {
        this.goal = newGoal;
        return this;
    }

    /** The least current a session is given (IEC 61851: 6 A, the default); below it it waits at 0 A. */
    public Replay minimumAmps(double amps) {
        this.minimumAmps = amps;
        return this;
    }

    public Replay(List<WorkloadSession> sessions, Duration step, double volts, Tariff tariff) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("the workload has no sessions");
        }
        if (step.toSeconds() < 1 || !(volts > 0)) {
            throw new IllegalArgumentException("the step must be a second or more, and the voltage more than 0");
        }
        this.sessions = List.copyOf(sessions);
        this.step = step;
        this.volts = volts;
        this.tariff = tariff;
    }

    /** Replays the workload with {@code strategy} on a group of {@code capacityAmps} per phase. */
    public Result run(Strategy strategy, double capacityAmps) {
        return run(strategy, Capacity.constant(capacityAmps));
    }

    /** Replays the workload with {@code strategy} on a group of the given capacity per phase over time. */
    public Result run(Strategy strategy, Capacity capacity) {
        int n = sessions.size();
        double[] delivered = new double[n]; // Wh
        Instant start = sessions.stream().map(WorkloadSession::arrival).min(Instant::compareTo).orElseThrow();
        Instant end = sessions.stream().map(WorkloadSession::departure).max(Instant::compareTo).orElseThrow();
        AllocationParameters parameters = new AllocationParameters(strategy, minimumAmps, 0, Integer.MAX_VALUE, Duration.ZERO, volts,
                strategy == Strategy.TIME_OF_USE ? tariff.toTimeOfUse(goal) : null);
        CapacityTimeline timeline = capacity.timeline();
        double peakW = 0;
        double cost = 0;
        for (Instant t = start; t.isBefore(end); t = t.plus(step)) {
            List<Socket> sockets = new ArrayList<>();
            List<Integer> which = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                WorkloadSession s = sessions.get(i);
                double wantedWh = s.energyRequestedKwh() * 1000 - delivered[i];
                if (s.arrival().isAfter(t) || !s.departure().isAfter(t) || wantedWh < 0.5) {
                    continue;
                }
                Session session = new Session(s.sessionId(), s.arrival(), null, false, s.departure(), wantedWh);
                sockets.add(socket(i, s, session));
                which.add(i);
            }
            if (sockets.isEmpty()) {
                continue;
            }
            // time of use plans each session's need into the cheapest steps before its departure, again at every step
            EnergyPlan plan = EnergyPlan.of(sockets, timeline, parameters, t, t.plus(Duration.ofDays(1)));
            Allocation allocation = Allocator.allocate(sockets, PerPhase.balanced(capacity.at(t)), parameters, t, plan);
            double drawnW = 0;
            for (int j = 0; j < sockets.size(); j++) {
                int i = which.get(j);
                WorkloadSession s = sessions.get(i);
                SocketAllocation limit = allocation.sockets().get(j);
                double seconds = Math.min(step.toSeconds(), Duration.between(t, s.departure()).toSeconds());
                double watts = limit.limit() * sockets.get(j).gridPhases().size() * volts;
                double wh = Math.min(watts * seconds / 3600, s.energyRequestedKwh() * 1000 - delivered[i]);
                delivered[i] += wh;
                drawnW += seconds > 0 ? wh * 3600 / seconds : 0;
                cost += wh / 1000 * tariff.at(t);
            }
            peakW = Math.max(peakW, drawnW);
        }
        double requested = 0;
        double total = 0;
        int served = 0;
        double sumShare = 0;
        double sumShareSquared = 0;
        int wanting = 0;
        for (int i = 0; i < n; i++) {
            double wantedWh = sessions.get(i).energyRequestedKwh() * 1000;
            requested += wantedWh;
            total += delivered[i];
            if (delivered[i] >= wantedWh - 10) {
                served++;
            }
            if (wantedWh > 0) {
                double share = delivered[i] / wantedWh;
                sumShare += share;
                sumShareSquared += share * share;
                wanting++;
            }
        }
        double jain = sumShareSquared == 0 ? 1 : sumShare * sumShare / (wanting * sumShareSquared);
        return new Result(strategy.name().toLowerCase(Locale.ROOT), capacity.label(), requested / 1000, total / 1000, (double) served / n,
                peakW / 1000, cost, jain);
    }

    /**
     * The offline bound for {@code capacityAmps} ({@link OfflineBound}): the most energy any algorithm could deliver knowing
     * the whole workload in advance, as a result with only its energy.
     */
    public Result bound(double capacityAmps) {
        return bound(Capacity.constant(capacityAmps));
    }

    /** The offline bound for a capacity over time. */
    public Result bound(Capacity capacity) {
        double requested = sessions.stream().mapToDouble(WorkloadSession::energyRequestedKwh).sum();
        return new Result("offline bound (no minimum current)", capacity.label(), requested,
                OfflineBound.maxEnergyKwh(sessions, step, capacity, volts), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Whether a session's car charges on one phase: up to 7.4 kW (32 A at 230 V); more takes three. */
    static boolean onOnePhase(WorkloadSession s) {
        return s.maxPowerKw() <= 7.4;
    }

    /** The socket of a session: up to 7.4 kW on one phase (L1, L2, L3 in turn), more on three. */
    private Socket socket(int index, WorkloadSession s, Session session) {
        if (onOnePhase(s)) {
            Phase phase = Phase.values()[index % 3];
            return new Socket(s.sessionId(), s.maxPowerKw() * 1000 / volts, EnumSet.of(phase), true, 0, session);
        }
        return new Socket(s.sessionId(), s.maxPowerKw() * 1000 / (3 * volts), EnumSet.allOf(Phase.class), true, 0, session);
    }

    /** The results as a Markdown table, a row per result. */
    public static String table(List<Result> results) {
        StringBuilder out = new StringBuilder("| capacity (A per phase) | algorithm | energy delivered | sessions fully served | peak draw (kW)"
                + " | energy cost | Jain's index |\n|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            if (Double.isNaN(r.jain())) { // a bound: energy only
                out.append(String.format(Locale.ROOT, "| %s | %s | %.1f %% (%.0f of %.0f kWh) | | | | |%n", r.capacity(), r.algorithm(),
                        100 * r.deliveredShare(), r.deliveredKwh(), r.requestedKwh()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %.1f %% (%.0f of %.0f kWh) | %.1f %% | %.1f | %.2f | %.3f |%n",
                    r.capacity(), r.algorithm(), 100 * r.deliveredShare(), r.deliveredKwh(), r.requestedKwh(),
                    100 * r.fullyServedShare(), r.peakKw(), r.cost(), r.jain()));
        }
        return out.toString();
    }

    static final String USAGE = """
            usage: java -jar simulator.jar replay --workload FILE.csv (--capacity-amps A[,A...] | --capacity-file PROFILE.csv)
                                                  [--step-seconds 300] [--volts 230] [--min-amps 6] [--goal minimise_cost|optimise_time]
                                                  [--algorithms equal_share,first_come_first_served,deadline,time_of_use] [--tariff 00:00=0.22,07:00=0.35,23:00=0.22]
                   java -jar simulator.jar workload [--kind workplace|residential] --days 5 --per-day 60 [--seed 1]
                                                    [--first-day 2026-03-02] > FILE.csv
            replay runs the platform's allocator over the workload, one AC group of the given capacity per phase (each
            capacity of a list is a sweep; a profile is a CSV start,capacity_amps of ISO instants), and prints a Markdown
            table per algorithm with the offline bound; time_of_use plans each need into the cheapest steps of the tariff
            (UTC) before its departure. workload writes a synthetic workload: a workplace (arrivals 07:00-10:00 UTC, stays
            of 2-10 h) or a residential street (arrivals 17:00-20:00, stays of 10-14 h, overnight); needs of 5-30 kWh, cars
            of 7.4 or 11 kW.""";

    /** {@code replay ...} and {@code workload ...}; the exit status is 2 for bad options. */
    public static int main(String command, String[] args, PrintStream out, PrintStream err) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("'" + args[i] + "' needs a value\n" + USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        try {
            if (command.equals("workload")) {
                Instant firstDay = java.time.LocalDate.parse(options.getOrDefault("first-day", "2026-03-02")).atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
                int days = Integer.parseInt(options.getOrDefault("days", "5"));
                int perDay = Integer.parseInt(options.getOrDefault("per-day", "60"));
                long seed = Long.parseLong(options.getOrDefault("seed", "1"));
                String kind = options.getOrDefault("kind", "workplace");
                List<WorkloadSession> generated = switch (kind) {
                    case "workplace" -> Workloads.workplace(firstDay, days, perDay, seed);
                    case "residential" -> Workloads.residential(firstDay, days, perDay, seed);
                    default -> throw new IllegalArgumentException("--kind must be workplace or residential, was '" + kind + "'");
                };
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                Workloads.write(generated, writer);
                writer.flush();
                return 0;
            }
            if (!options.containsKey("workload") || options.containsKey("capacity-amps") == options.containsKey("capacity-file")) {
                err.println("--workload and one of --capacity-amps or --capacity-file are required\n" + USAGE);
                return 2;
            }
            List<WorkloadSession> workload;
            try (var reader = Files.newBufferedReader(Path.of(options.get("workload")), StandardCharsets.UTF_8)) {
                workload = Workloads.read(reader);
            }
            Replay replay = new Replay(workload, Duration.ofSeconds(Long.parseLong(options.getOrDefault("step-seconds", "300"))),
                    Double.parseDouble(options.getOrDefault("volts", "230")),
                    options.containsKey("tariff") ? Tariff.parse(options.get("tariff")) : Tariff.dayNight())
                    .minimumAmps(Double.parseDouble(options.getOrDefault("min-amps", "6")))
                    .goal(TimeOfUse.Goal.valueOf(options.getOrDefault("goal", "minimise_cost").toUpperCase(Locale.ROOT)));
            List<Capacity> capacities = new ArrayList<>();
            if (options.containsKey("capacity-file")) {
                try (var reader = Files.newBufferedReader(Path.of(options.get("capacity-file")), StandardCharsets.UTF_8)) {
                    capacities.add(Capacity.read(Path.of(options.get("capacity-file")).getFileName().toString(), reader));
                }
            } else {
                for (String amps : options.get("capacity-amps").split(",")) {
                    capacities.add(Capacity.constant(Double.parseDouble(amps.trim())));
                }
            }
            List<Result> results = new ArrayList<>();
            for (Capacity capacity : capacities) {
                for (String algorithm : options.getOrDefault("algorithms", "equal_share,first_come_first_served,deadline,time_of_use").split(",")) {
                    results.add(replay.run(Strategy.valueOf(algorithm.trim().toUpperCase(Locale.ROOT)), capacity));
                }
                results.add(replay.bound(capacity));
            }
            out.print(table(results));
            return 0;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("no such file: " + e.getFile());
            return 2;
        }
    }
}
