package org.gridcharge.capacity.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import org.gridcharge.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class WeeklyRulesTest {

    private static WeeklyDraft.Scenario rule(String day, String start, String end, Double capacity) {
        return new WeeklyDraft.Scenario(capacity, day, start, end);
    }

    private static String field(String zone, WeeklyDraft.Scenario... rules) {
        return assertThrows(InvalidInputException.class, () -> WeeklyRules.check(new WeeklyDraft(zone, List.of(rules)))).field();
    }

    @Test
    void rulesAreTakenInTheirZoneAndMayEndAtMidnight() {
        var weekly = WeeklyRules.check(new WeeklyDraft("Europe/Amsterdam", List.of(rule("MONDAY", "07:00:00", "19:00:00", 40.0),
                rule("MONDAY", "19:00:00", "24:00:00", 63.0))));
        assertEquals(ZoneId.of("Europe/Amsterdam"), weekly.zone());
        assertEquals(2, weekly.rules().size());
        assertEquals(DayOfWeek.MONDAY, weekly.rules().get(1).day());
        assertEquals("24:00:00", WeeklyRules.format(weekly.rules().get(1).endSecond()));
        assertEquals("07:00:00", WeeklyRules.format(weekly.rules().get(0).startSecond()));
    }

    @Test
    void eachBrokenRuleNamesItsField() {
        WeeklyDraft.Scenario good = rule("MONDAY", "07:00:00", "19:00:00", 40.0);
        assertEquals("time_zone", field(null, good));
        assertEquals("time_zone", field("+02:00", good), "an offset is not a zone: it knows no daylight saving time");
        assertEquals("time_zone", field("Mars/Olympus", good));
        assertEquals("scenarios[0].day_of_week", field("UTC", rule("monday", "07:00:00", "19:00:00", 1.0)));
        assertEquals("scenarios[0].start_time", field("UTC", rule("MONDAY", "7:00", "19:00:00", 1.0)));
        assertEquals("scenarios[0].start_time", field("UTC", rule("MONDAY", "07:00:30", "19:00:00", 1.0)), "whole minutes only");
        assertEquals("scenarios[0].start_time", field("UTC", rule("MONDAY", "24:00:00", "24:00:00", 1.0)), "24:00:00 only ends a day");
        assertEquals("scenarios[0].end_time", field("UTC", rule("MONDAY", "19:00:00", "07:00:00", 1.0)), "a rule ends on its own day");
        assertEquals("scenarios[0].capacity", field("UTC", rule("MONDAY", "07:00:00", "19:00:00", -1.0)));
        assertEquals("scenarios[0].capacity", field("UTC", rule("MONDAY", "07:00:00", "19:00:00", null)));
        assertEquals("scenarios[1]", field("UTC", good, rule("MONDAY", "18:00:00", "20:00:00", 1.0)), "overlap on the same day");
        assertEquals(2, WeeklyRules.check(new WeeklyDraft("UTC", List.of(good, rule("TUESDAY", "18:00:00", "20:00:00", 1.0)))).rules()
                .size(), "another day does not overlap");
        assertEquals("body", assertThrows(InvalidInputException.class, () -> WeeklyRules.check(null)).field());
    }
}
