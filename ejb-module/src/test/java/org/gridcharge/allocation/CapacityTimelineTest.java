package org.gridcharge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityTimelineTest {

    private static Instant at(String time) {
        return Instant.parse("2021-07-27T" + time + ":00Z");
    }

    /** The source document's example: 100 A, 80 A for an hour, 0 A for one minute, 80 A to the quarter. */
    private static final CapacityTimeline SEED_EXAMPLE = new CapacityTimeline(List.of(
            new CapacityPeriod(at("20:00"), at("20:15"), 100),
            new CapacityPeriod(at("20:15"), at("21:15"), 80),
            new CapacityPeriod(at("21:15"), at("21:16"), 0),
            new CapacityPeriod(at("21:16"), at("21:30"), 80)), 50);

    @Test
    void capacityAtEachInstantOfTheSeedExample() {
        assertEquals(50, SEED_EXAMPLE.capacityAt(at("19:59")));
        assertEquals(100, SEED_EXAMPLE.capacityAt(at("20:00")));
        assertEquals(80, SEED_EXAMPLE.capacityAt(at("20:15")));
        assertEquals(0, SEED_EXAMPLE.capacityAt(at("21:15")));
        assertEquals(0, SEED_EXAMPLE.capacityAt(at("21:15").plusSeconds(59)));
        assertEquals(80, SEED_EXAMPLE.capacityAt(at("21:16")));
        assertEquals(50, SEED_EXAMPLE.capacityAt(at("21:30")), "the default applies after the profile");
    }

    @Test
    void segmentsFollowTheBreakpointsAndFillGapsWithTheDefault() {
        List<CapacityPeriod> segments = SEED_EXAMPLE.segments(at("19:50"), at("21:40"));
        assertEquals(List.of(
                new CapacityPeriod(at("19:50"), at("20:00"), 50),
                new CapacityPeriod(at("20:00"), at("20:15"), 100),
                new CapacityPeriod(at("20:15"), at("21:15"), 80),
                new CapacityPeriod(at("21:15"), at("21:16"), 0),
                new CapacityPeriod(at("21:16"), at("21:30"), 80),
                new CapacityPeriod(at("21:30"), at("21:40"), 50)), segments);
    }

    @Test
    void segmentsStartingInsideAPeriod() {
        assertEquals(List.of(new CapacityPeriod(at("21:15").plusSeconds(30), at("21:16"), 0),
                new CapacityPeriod(at("21:16"), at("21:20"), 80)), SEED_EXAMPLE.segments(at("21:15").plusSeconds(30), at("21:20")));
    }

    @Test
    void nextChange() {
        assertEquals(at("20:00"), SEED_EXAMPLE.nextChangeAfter(at("19:00")));
        assertEquals(at("21:16"), SEED_EXAMPLE.nextChangeAfter(at("21:15")));
        assertEquals(at("21:30"), SEED_EXAMPLE.nextChangeAfter(at("21:20")));
        assertNull(SEED_EXAMPLE.nextChangeAfter(at("21:30")));
    }

    @Test
    void thePlanStopsChargingForTheOneMinuteAtZero() {
        Plan plan = Planner.plan(List.of(Socket.threePhase("a", 32, Session.started("s", at("19:00"))),
                        Socket.threePhase("b", 32, Session.started("t", at("19:30")))),
                SEED_EXAMPLE, AllocationParameters.defaults(Strategy.EQUAL_SHARE), at("20:00"), Duration.ofHours(2), 100);
        List<Plan.LimitPeriod> a = plan.schedules().get("a");
        assertEquals(List.of(
                new Plan.LimitPeriod(at("20:00"), at("21:15"), 32.0),
                new Plan.LimitPeriod(at("21:15"), at("21:16"), 0.0),
                new Plan.LimitPeriod(at("21:16"), at("21:30"), 32.0),
                new Plan.LimitPeriod(at("21:30"), at("22:00"), 25.0)), a);
    }
}
