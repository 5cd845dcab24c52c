package org.gridcharge.tariff.boundary;

import java.util.List;

/**
 * A group's time-of-use settings as a client sends them (the body of {@code PUT .../time-of-use}): replaces any earlier.
 *
 * @param timeZone           the IANA time zone the windows are read in
 * @param goal               {@code minimise_cost} (the default) or {@code optimise_time}
 * @param defaultPricePerKwh the price wherever no tariff window applies (default 0)
 * @param tariff             the tariff windows: a day, local times and a price per kWh
 * @param exclusions         the times nobody charges (a priority session does)
 */
public record TimeOfUseDraft(String timeZone, String goal, Double defaultPricePerKwh, List<Window> tariff, List<Exclusion> exclusions) {

    /** A tariff window: SUNDAY … SATURDAY, HH:MM:SS to HH:MM:SS (up to 24:00:00) on that day, and its price per kWh. */
    public record Window(String dayOfWeek, String startTime, String endTime, Double pricePerKwh) {
    }

    /** An exclusion time: SUNDAY … SATURDAY, HH:MM:SS to HH:MM:SS (up to 24:00:00) on that day. */
    public record Exclusion(String dayOfWeek, String startTime, String endTime) {
    }
}
