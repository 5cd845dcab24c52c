package org.gridcharge.ocpp.message;

import java.util.Objects;

/** GetCompositeSchedule: the limits an EVSE (a connector in 1.6; 0 for the station) will apply over the coming {@code durationSeconds}. */
public record GetCompositeSchedule(int evseId, int durationSeconds, ChargingRateUnit unit) implements Request {

    public static final String ACTION = "GetCompositeSchedule";

    public GetCompositeSchedule {
        Objects.requireNonNull(unit);
        if (evseId < 0) {
            throw new IllegalArgumentException("evseId is 0 (the station) or an EVSE's id, not " + evseId);
        }
    }

    @Override
    public String action() {
        return ACTION;
    }
}
