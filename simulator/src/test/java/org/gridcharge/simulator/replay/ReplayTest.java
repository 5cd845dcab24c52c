package org.gridcharge.simulator.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gridcharge.allocation.Strategy;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static final Instant EIGHT = Instant.parse("2026-03-02T08:00:00Z");

    private static WorkloadSession session(String id, double stayHours, double kwh, double kw) {
        return new WorkloadSession(id, "P-" + id, EIGHT, EIGHT.plusSeconds((long) (stayHours * 3600)), kwh, kw);
    }

    @Test
    void withRoomForAllEverySessionIsServedFairly() {
        Replay replay = new Replay(List.of(session("a", 4, 20, 11), session("b", 4, 10, 11)), Duration.ofMinutes(5), 230,
                Replay.Tariff.parse("00:00=0.30"));
        Replay.Result result = replay.run(Strategy.EQUAL_SHARE, 100);
        assertEquals(30, result.deliveredKwh(), 0.01);
        assertEquals(1.0, result.fullyServedShare());
        assertEquals(1.0, result.jain(), 1e-9);
        assertEquals(9.0, result.cost(), 0.01, "30 kWh at 0.30");
        assertEquals(22.0, result.peakKw(), 0.1, "two 11 kW cars at once");
    }

    @Test
    void deadlineServesTheDriverWhoLeavesFirstWhereEqualSharesLeaveHimShort() {
        // 24 A per phase (16.6 kW); "early" wants 20 kWh in 2 h (10 kW), "late" 20 kWh in 10 h: equal shares give each
        // 8.3 kW, so "early" leaves with about 16.6 kWh; deadline gives him the 14.5 A he needs and "late" the rest
        List<WorkloadSession> workload = List.of(session("early", 2, 20, 11), session("late", 10, 20, 11));
        Replay replay = new Replay(workload, Duration.ofMinutes(5), 230, Replay.Tariff.dayNight());
        Replay.Result equal = replay.run(Strategy.EQUAL_SHARE, 24);
        Replay.Result deadline = replay.run(Strategy.DEADLINE, 24);
        assertEquals(0.5, equal.fullyServedShare(), "equal shares: the early driver leaves short");
        assertEquals(1.0, deadline.fullyServedShare(), "deadline: both get their energy");
        assertTrue(deadline.deliveredKwh() > equal.deliveredKwh());
        assertTrue(deadline.jain() > equal.jain());
    }

    @Test
    void aWorkloadRoundTripsThroughItsCsvAndABadRowNamesItsLine() throws Exception {
        List<WorkloadSession> generated = Workloads.workplace(Instant.parse("2026-03-02T00:00:00Z"), 2, 30, 7);
        assertEquals(60, generated.size());
        assertTrue(generated.stream().allMatch(s -> s.energyRequestedKwh() >= 5 && s.energyRequestedKwh() <= 30));
        assertEquals(generated, Workloads.workplace(Instant.parse("2026-03-02T00:00:00Z"), 2, 30, 7), "the same seed, the same workload");
        StringWriter csv = new StringWriter();
        Workloads.write(generated, csv);
        assertEquals(generated, Workloads.read(new StringReader(csv.toString())));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Workloads.read(new StringReader(
                Workloads.HEADER + "\nx,P1,2026-03-02T08:00:00Z,2026-03-02T07:00:00Z,10,11\n")));
        assertTrue(bad.getMessage().startsWith("line 2:"), bad.getMessage());
    }

    @Test
    void theCommandPrintsATableAndRefusesBadOptions() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("workload", ".csv");
        try (var writer = java.nio.file.Files.newBufferedWriter(file)) {
            Workloads.write(Workloads.workplace(Instant.parse("2026-03-02T00:00:00Z"), 1, 20, 1), writer);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Replay.main("replay", new String[] {"--workload", file.toString(), "--capacity-amps", "40,80"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString());
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(2 + 10, table.lines().count(), table);
        assertTrue(table.contains("| 40 | time_of_use |"), table);
        assertTrue(table.contains("| 80 | offline bound"), table);
        assertTrue(table.contains("| 40 | deadline |"), table);
        assertEquals(2, Replay.main("replay", new String[] {"--capacity-amps", "40"}, new PrintStream(out), new PrintStream(err)));
        ByteArrayOutputStream missing = new ByteArrayOutputStream();
        assertEquals(2, Replay.main("replay", new String[] {"--workload", "/nonexistent/w.csv", "--capacity-amps", "40"}, new PrintStream(out),
                new PrintStream(missing, true, StandardCharsets.UTF_8)));
        assertEquals("no such file: /nonexistent/w.csv", missing.toString(StandardCharsets.UTF_8).trim());
        assertEquals(2, Replay.main("workload", new String[] {"--kind", "stadium"}, new PrintStream(out), new PrintStream(err)));
        java.nio.file.Files.delete(file);
    }

    @Test
    void theOfflineBoundIsAtLeastWhatAnyAlgorithmDeliversAndExactWhereItCanBeWorkedOut() {
        List<WorkloadSession> workload = Workloads.workplace(Instant.parse("2026-03-02T00:00:00Z"), 2, 40, 3);
        Replay replay = new Replay(workload, Duration.ofMinutes(5), 230, Replay.Tariff.dayNight());
        for (double capacity : new double[] {40, 100}) {
            double bound = replay.bound(capacity).deliveredKwh();
            for (Strategy strategy : List.of(Strategy.EQUAL_SHARE, Strategy.FIRST_COME_FIRST_SERVED, Strategy.DEADLINE,
                    Strategy.TIME_OF_USE)) {
                assertTrue(replay.run(strategy, capacity).deliveredKwh() <= bound + 0.01, strategy + " at " + capacity + " A");
            }
        }
        // one 11 kW car for 2 h wanting 30 kWh on a group of 10 A per phase (6.9 kW): 13.8 kWh at most
        Replay single = new Replay(List.of(session("a", 2, 30, 11)), Duration.ofMinutes(5), 230, Replay.Tariff.dayNight());
        assertEquals(13.8, single.bound(10).deliveredKwh(), 0.01, "each phase and step rounded down to 0.1 Wh");
        assertEquals(22.0, single.bound(100).deliveredKwh(), 0.005, "the car's own 11 kW for 2 h (each step rounded down to 0.1 Wh)");
        // two 7.4 kW cars on L1 (the first and the fourth session) for an hour, 32 A per phase: L1 gives 7.36 kWh, whatever
        // L2 and L3 could (the second and third want next to nothing)
        Replay onL1 = new Replay(List.of(session("a", 1, 10, 7.4), session("b", 1, 0.01, 7.4), session("c", 1, 0.01, 7.4),
                session("d", 1, 10, 7.4)), Duration.ofMinutes(5), 230, Replay.Tariff.dayNight());
        assertEquals(7.36 + 0.02, onL1.bound(32).deliveredKwh(), 0.005, "a phase's capacity is its own");
    }

    @Test
    void timeOfUseChargesInTheNightAtTheNightPrice() {
        // one 11 kW car from 20:00 to 06:00 wanting 20 kWh: the night (from 23:00, 0.22) has room for it all
        Instant evening = Instant.parse("2026-03-02T20:00:00Z");
        Replay replay = new Replay(List.of(new WorkloadSession("n", "P1", evening, evening.plusSeconds(10 * 3600), 20, 11)),
                Duration.ofMinutes(5), 230, Replay.Tariff.dayNight());
        Replay.Result night = replay.run(Strategy.TIME_OF_USE, 32);
        assertEquals(20.0, night.deliveredKwh(), 0.01);
        assertEquals(20 * 0.22, night.cost(), 0.01);
        assertEquals(20 * 0.35, replay.run(Strategy.EQUAL_SHARE, 32).cost(), 0.01, "at once, by day");
    }

    @Test
    void aCapacityProfileChangesWhatCanBeDelivered() throws Exception {
        // one 11 kW car from 08:00 to 10:00 wanting 30 kWh: 10 A per phase until 09:00, then 0
        Capacity profile = Capacity.read("profile", new StringReader("start,capacity_amps\n2026-03-02T08:00:00Z,10\n2026-03-02T09:00:00Z,0\n"));
        assertEquals(10, profile.at(EIGHT.minusSeconds(60)), "before the first step: the first value");
        Replay replay = new Replay(List.of(session("a", 2, 30, 11)), Duration.ofMinutes(5), 230, Replay.Tariff.dayNight());
        assertEquals(6.9, replay.run(Strategy.DEADLINE, profile).deliveredKwh(), 0.001, "10 A on three phases for an hour");
        assertEquals(6.9, replay.bound(profile).deliveredKwh(), 0.005);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Capacity.read("bad", new StringReader(
                "start,capacity_amps\n2026-03-02T08:00:00Z,-1\n"))).getMessage().startsWith("capacity profile line 2:"));
    }
}
