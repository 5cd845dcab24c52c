package org.gridcharge.capacity.boundary;

import java.util.List;

/**
 * Weekly capacity rules as a client sends them (the body of {@code PUT .../weekly-capacity}, and of the vendor's
 * {@code PUT .../capacityscenarios/dayofweek}): an IANA time zone and the rules, replacing any earlier ones.
 */
public record WeeklyDraft(String timeZone, List<Scenario> scenarios) {

    /** One rule: a day (SUNDAY … SATURDAY), local times HH:MM:SS (the end may be 24:00:00) and amperes per phase. */
    public record Scenario(Double capacity, String dayOfWeek, String startTime, String endTime) {
    }
}
