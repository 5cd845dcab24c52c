package org.gridcharge.capacity.boundary;

/** One period as a client sends it: times as UTC ISO-8601 strings, capacity in amperes per phase. */
public record PeriodDraft(String startDateTime, String endDateTime, Double capacity) {
}
