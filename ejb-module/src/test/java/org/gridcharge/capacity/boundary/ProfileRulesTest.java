package org.gridcharge.capacity.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.PayloadTooLargeException;
import org.junit.jupiter.api.Test;

class ProfileRulesTest {

    private static PeriodDraft period(String start, String end, Double capacity) {
        return new PeriodDraft(start, end, capacity);
    }

    private static String field(List<PeriodDraft> drafts) {
        return assertThrows(InvalidInputException.class, () -> ProfileRules.check(drafts)).field();
    }

    @Test
    void aGoodProfileIsTakenInUtcWithOffsetsConverted() {
        var periods = ProfileRules.check(List.of(period("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", 40.0),
                period("2026-01-01T03:00:00+02:00", "2026-01-01T03:30:00+02:00", 0.0)));
        assertEquals(2, periods.size());
        assertEquals(Instant.parse("2026-01-01T01:00:00Z"), periods.get(1).start(), "an offset is converted, and back-to-back is fine");
        assertEquals(0.0, periods.get(1).capacity());
    }

    @Test
    void eachBrokenRuleNamesItsField() {
        assertEquals("periods", field(List.of()));
        assertEquals("periods[0]", field(Arrays.asList((PeriodDraft) null)));
        assertEquals("periods[0].start_date_time", field(List.of(period("yesterday", "2026-01-01T01:00:00Z", 1.0))));
        assertEquals("periods[0].start_date_time", field(List.of(period("2026-01-01T00:00:00", "2026-01-01T01:00:00Z", 1.0))),
                "a time without offset is ambiguous");
        assertEquals("periods[0].end_date_time", field(List.of(period("2026-01-01T01:00:00Z", "2026-01-01T01:00:00Z", 1.0))));
        assertEquals("periods[0]", field(List.of(period("2026-01-01T00:00:00Z", "2026-01-01T00:00:59Z", 1.0))), "shorter than a minute");
        assertEquals("periods[1].start_date_time", field(List.of(period("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", 1.0),
                period("2026-01-01T00:30:00Z", "2026-01-01T02:00:00Z", 1.0))), "overlap");
        assertEquals("periods[1].start_date_time", field(List.of(period("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", 1.0),
                period("2026-01-01T01:00:30Z", "2026-01-01T02:00:00Z", 1.0))), "a gap under a minute");
        for (Double bad : new Double[] {null, -0.1, Double.NaN, Double.POSITIVE_INFINITY, CapacityUnit.A.maxCapacity() + 1}) {
            assertEquals("periods[0].capacity", field(List.of(period("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", bad))), "" + bad);
        }
        assertEquals("periods[0].end_date_time", field(List.of(period("2026-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", 1.0))),
                "beyond what the database keeps");
    }

    @Test
    void aGapOfAMinuteOrMoreIsAllowedAndTheUnitIsTheCallers() {
        assertEquals(2, ProfileRules.check(List.of(period("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", 1.0),
                period("2026-01-01T01:01:00Z", "2026-01-01T02:00:00Z", 1.0))).size());
        assertEquals(5e8, ProfileRules.check(List.of(period("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", 5e8)), 1e9, "W").get(0)
                .capacity());
        InvalidInputException watts = assertThrows(InvalidInputException.class,
                () -> ProfileRules.check(List.of(period("2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", 2e9)), 1e9, "W"));
        assertTrue(watts.getMessage().contains("W"), watts.getMessage());
    }

    @Test
    void tooManyPeriodsIs413() {
        List<PeriodDraft> many = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i <= ProfileRules.MAX_PERIODS; i++) {
            many.add(period(t.plusSeconds(60L * i).toString(), t.plusSeconds(60L * (i + 1)).toString(), 1.0));
        }
        assertThrows(PayloadTooLargeException.class, () -> ProfileRules.check(many));
    }
}
