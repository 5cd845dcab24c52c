package org.gridcharge.simulator.replay;

import java.time.Instant;

/**
 * One recorded charging session of a replay workload: a row of its CSV
 * ({@code session_id,station_id,arrival,departure,energy_requested_kwh,max_power_kw}).
 */
public record WorkloadSession(String sessionId, String stationId, Instant arrival, Instant departure, double energyRequestedKwh,
                              double maxPowerKw) {

    public WorkloadSession {
        if (!departure.isAfter(arrival)) {
            throw new IllegalArgumentException("session " + sessionId + ": departure must be after arrival");
        }
        if (!(energyRequestedKwh >= 0) || !(maxPowerKw > 0) || Double.isInfinite(energyRequestedKwh) || Double.isInfinite(maxPowerKw)) {
            throw new IllegalArgumentException("session " + sessionId + ": energy must be 0 or more and power more than 0");
        }
    }
}
