package org.gridcharge.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyCapacityTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private static int at(int hours) {
        return hours * 3600;
    }

    @Test
    void rulesFollowLocalTimeInWinterAndSummer() {
        WeeklyCapacity weekly = new WeeklyCapacity(AMSTERDAM, List.of(new WeeklyCapacity.Rule(DayOfWeek.MONDAY, at(8), at(18), 20)));
        List<CapacityPeriod> winter = weekly.periods(Instant.parse("2026-01-04T00:00:00Z"), Instant.parse("2026-01-07T00:00:00Z"));
        assertEquals(List.of(new CapacityPeriod(Instant.parse("2026-01-05T07:00:00Z"), Instant.parse("2026-01-05T17:00:00Z"), 20)), winter);
        List<CapacityPeriod> summer = weekly.periods(Instant.parse("2026-07-05T00:00:00Z"), Instant.parse("2026-07-08T00:00:00Z"));
        assertEquals(List.of(new CapacityPeriod(Instant.parse("2026-07-06T06:00:00Z"), Instant.parse("2026-07-06T16:00:00Z"), 20)), summer);
    }

    @Test
    void daysWhenTheClocksChangeHaveTheirOwnLength() {
        WeeklyCapacity weekly = new WeeklyCapacity(AMSTERDAM, List.of(new WeeklyCapacity.Rule(DayOfWeek.SUNDAY, 0, WeeklyCapacity.END_OF_DAY, 7)));
        CapacityPeriod spring = weekly.periods(Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2026-03-30T12:00:00Z")).get(0);
        assertEquals(Duration.ofHours(23), Duration.between(spring.start(), spring.end()));
        CapacityPeriod autumn = weekly.periods(Instant.parse("2026-10-24T12:00:00Z"), Instant.parse("2026-10-26T12:00:00Z")).get(0);
        assertEquals(Duration.ofHours(25), Duration.between(autumn.start(), autumn.end()));
        assertEquals(Instant.parse("2026-10-24T22:00:00Z"), autumn.start());
    }

    @Test
    void localHoursTheClocksSkipHaveNoCapacityOfTheirOwn() {
        // 02:00-03:00 does not exist in Amsterdam on 29 March 2026
        WeeklyCapacity weekly = new WeeklyCapacity(AMSTERDAM, List.of(new WeeklyCapacity.Rule(DayOfWeek.SUNDAY, at(2), at(3), 9)));
        assertTrue(weekly.periods(Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2026-03-30T12:00:00Z")).isEmpty());
        assertEquals(1, weekly.periods(Instant.parse("2026-03-21T12:00:00Z"), Instant.parse("2026-03-23T12:00:00Z")).size());
    }

    @Test
    void rulesOnEitherSideOfASkippedHourDoNotOverlap() {
        // 02:00-03:00 local does not exist on 29 March 2026: 02:30 is read as the jump (01:00Z), not pushed to 03:30
        WeeklyCapacity weekly = new WeeklyCapacity(AMSTERDAM, List.of(new WeeklyCapacity.Rule(DayOfWeek.SUNDAY, at(1), at(2) + 1800, 10),
                new WeeklyCapacity.Rule(DayOfWeek.SUNDAY, at(3), at(4), 20)));
        List<CapacityPeriod> periods = weekly.periods(Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2026-03-30T12:00:00Z"));
        assertEquals(List.of(new CapacityPeriod(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T01:00:00Z"), 10),
                new CapacityPeriod(Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-29T02:00:00Z"), 20)), periods);
        CapacityTimeline.layered(List.of(), periods, 0); // and they make a valid timeline
    }

    @Test
    void periodsAreClippedToTheWindowAndRunAcrossMidnight() {
        WeeklyCapacity weekly = new WeeklyCapacity(ZoneId.of("UTC"), List.of(
                new WeeklyCapacity.Rule(DayOfWeek.SATURDAY, at(22), WeeklyCapacity.END_OF_DAY, 5),
                new WeeklyCapacity.Rule(DayOfWeek.SUNDAY, 0, at(6), 5)));
        List<CapacityPeriod> periods = weekly.periods(Instant.parse("2026-11-28T23:00:00Z"), Instant.parse("2026-11-29T05:00:00Z"));
        assertEquals(List.of(new CapacityPeriod(Instant.parse("2026-11-28T23:00:00Z"), Instant.parse("2026-11-29T00:00:00Z"), 5),
                new CapacityPeriod(Instant.parse("2026-11-29T00:00:00Z"), Instant.parse("2026-11-29T05:00:00Z"), 5)), periods);
    }

    @Test
    void overlappingRulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WeeklyCapacity(AMSTERDAM, List.of(
                new WeeklyCapacity.Rule(DayOfWeek.MONDAY, at(8), at(12), 1), new WeeklyCapacity.Rule(DayOfWeek.MONDAY, at(11), at(13), 2))));
        assertThrows(IllegalArgumentException.class, () -> new WeeklyCapacity.Rule(DayOfWeek.MONDAY, at(12), at(12), 1));
    }

    @Test
    void aDatetimePeriodWinsOverTheWeeklyRuleWhichWinsOverTheDefault() {
        Instant nine = Instant.parse("2026-11-25T09:00:00Z");
        List<CapacityPeriod> profile = List.of(new CapacityPeriod(nine.plusSeconds(3600), nine.plusSeconds(7200), 5));
        List<CapacityPeriod> weekly = List.of(new CapacityPeriod(nine, nine.plusSeconds(3 * 3600), 20));
        CapacityTimeline timeline = CapacityTimeline.layered(profile, weekly, 30);
        assertEquals(20, timeline.capacityAt(nine.plusSeconds(1800)));
        assertEquals(5, timeline.capacityAt(nine.plusSeconds(5400)));
        assertEquals(20, timeline.capacityAt(nine.plusSeconds(9000)));
        assertEquals(30, timeline.capacityAt(nine.plusSeconds(4 * 3600)));
        assertEquals(30, timeline.capacityAt(nine.minusSeconds(1)));
        assertEquals(nine.plusSeconds(3600), timeline.nextChangeAfter(nine));

        CapacityTimeline covered = CapacityTimeline.layered(List.of(new CapacityPeriod(nine, nine.plusSeconds(7200), 3)),
                List.of(new CapacityPeriod(nine.plusSeconds(600), nine.plusSeconds(1200), 20)), 30);
        assertEquals(1, covered.periods().size(), "a weekly period inside a datetime period leaves nothing");
    }
}
