package org.gridcharge.ocpp.message;

/** A request the platform sends to a station, as the payload of a CALL; {@link Payloads} writes it for each version. */
public sealed interface Request permits SetChargingProfile, ClearChargingProfile, GetCompositeSchedule {

    /** The CALL's action. */
    String action();
}
