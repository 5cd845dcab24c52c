package org.gridcharge.session.boundary;

/**
 * What a CPO's own app knows of a running session: when the driver leaves ({@code departure_time}, UTC) and how much
 * energy the EV wants in this session ({@code energy_kwh}). Either may be left out to keep what the session knew.
 */
public record ChargingNeedsDraft(String departureTime, Double energyKwh) {
}
