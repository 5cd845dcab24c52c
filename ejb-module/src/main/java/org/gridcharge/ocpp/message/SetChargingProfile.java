package org.gridcharge.ocpp.message;

import java.util.Objects;

/** SetChargingProfile: installs {@code profile} on an EVSE (a connector in 1.6), or on the whole station with 0. */
public record SetChargingProfile(int evseId, ChargingProfile profile) implements Request {

    public static final String ACTION = "SetChargingProfile";

    public SetChargingProfile {
        Objects.requireNonNull(profile);
        if (evseId < 0) {
            throw new IllegalArgumentException("evseId is 0 (the station) or an EVSE's id, not " + evseId);
        }
    }

    @Override
    public String action() {
        return ACTION;
    }
}
