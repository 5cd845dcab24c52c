package org.gridcharge.ocpp.message;

/** ClearChargingProfile without criteria: in both versions that clears every charging profile on the station. */
public record ClearChargingProfile() implements Request {

    public static final String ACTION = "ClearChargingProfile";

    @Override
    public String action() {
        return ACTION;
    }
}
