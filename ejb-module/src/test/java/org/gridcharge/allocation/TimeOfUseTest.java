package org.gridcharge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gridcharge.allocation.SocketAllocation.State;
import org.junit.jupiter.api.Test;

/** Hand-worked time-of-use cases. */
class TimeOfUseTest {

    /** A Monday, 20:53 UTC. */
    private static final Instant NOW = Instant.parse("2026-03-02T20:53:00Z");

    /** 0.40 per kWh, but 0.10 on Mondays 23:00–24:00; exclusions as given. */
    private static TimeOfUse tariff(TimeOfUse.Goal goal, List<WeeklyCapacity.Rule> exclusions) {
        return new TimeOfUse(goal, 0.40, new WeeklyCapacity(ZoneOffset.UTC, List.of(new WeeklyCapacity.Rule(DayOfWeek.MONDAY, 23 * 3600,
                24 * 3600, 0.10))), new WeeklyCapacity(ZoneOffset.UTC, exclusions));
    }

    private static AllocationParameters parameters(TimeOfUse settings) {
        return AllocationParameters.defaults(Strategy.TIME_OF_USE).withTimeOfUse(settings);
    }

    private static Session wants(String id, Instant started, double kwh, Duration stay) {
        return new Session(id, started, null, false, NOW.plus(stay), kwh * 1000);
    }

    @Test
    void aPlannedSessionWaitsForTheCheapHourThenTakesAllItCanWhileTheOtherWaits() {
        // the other session started first and said nothing; 10 kWh at 32 A on three phases: a quarter at 32 A (5.52 kWh),
        // then the 4.48 kWh left over the next quarter at 26 A
        List<Socket> sockets = List.of(Socket.threePhase("first", 32, Session.started("s1", NOW.minusSeconds(600))),
                Socket.threePhase("second", 32, wants("s2", NOW.minusSeconds(60), 10, Duration.ofHours(6))));
        AllocationParameters parameters = parameters(tariff(TimeOfUse.Goal.MINIMISE_COST, List.of()));
        Plan plan = Planner.plan(sockets, CapacityTimeline.constant(32), parameters, NOW, Duration.ofHours(24), 48);

        Allocation now = plan.at(NOW);
        assertEquals(State.SCHEDULED, now.byEvse().get("second").state());
        assertEquals(0.0, now.byEvse().get("second").limit());
        assertEquals(32.0, now.byEvse().get("first").limit());
        Allocation cheap = plan.at(Instant.parse("2026-03-02T23:00:00Z"));
        assertEquals(32.0, cheap.byEvse().get("second").limit(), "the planned session is admitted before the other");
        assertEquals(State.PAUSED, cheap.byEvse().get("first").state());
        assertEquals(26.0, plan.at(Instant.parse("2026-03-02T23:15:00Z")).byEvse().get("second").limit());
        assertEquals(State.SCHEDULED, plan.at(Instant.parse("2026-03-02T23:30:00Z")).byEvse().get("second").state());
        List<EnergyPlan.Window> windows = plan.energy().windows();
        assertEquals(2, windows.size(), windows.toString());
        assertEquals(5520, windows.get(0).energyWh(), 1e-6);
        assertEquals(0.10, windows.get(1).price());
    }

    @Test
    void onlyAPrioritySessionChargesInAnExclusionTimeAlsoInANodeOfAnotherAlgorithm() {
        // the root plans by time of use with an exclusion now; its child divides its share equally
        List<WeeklyCapacity.Rule> exclusion = List.of(new WeeklyCapacity.Rule(DayOfWeek.MONDAY, 20 * 3600, 22 * 3600, 0));
        AllocationParameters parameters = parameters(tariff(TimeOfUse.Goal.OPTIMISE_TIME, exclusion));
        Grid grid = new Grid(List.of(new Grid.Node("root", -1, null, null), new Grid.Node("child", 0, List.of(Phase.L1, Phase.L2, Phase.L3),
                Strategy.EQUAL_SHARE)), List.of(Socket.threePhase("hurry", 32, Session.started("p", NOW.minusSeconds(60)).withPriority(true)),
                Socket.threePhase("plain", 32, Session.started("q", NOW.minusSeconds(120)))), new int[] {1, 1});
        List<CapacityTimeline> timelines = java.util.Arrays.asList(CapacityTimeline.constant(63), CapacityTimeline.constant(63));
        Plan plan = Planner.plan(grid, timelines, parameters, NOW, Duration.ofHours(24), 48);
        Allocation now = plan.at(NOW);
        assertEquals(32.0, now.byEvse().get("hurry").limit(), "priority: now, at full rate");
        assertEquals(0.0, now.byEvse().get("plain").limit());
        assertEquals(State.SCHEDULED, now.byEvse().get("plain").state());
        assertEquals(31.0, plan.at(Instant.parse("2026-03-02T22:00:00Z")).byEvse().get("plain").limit(), "after the exclusion");
    }
}
