package org.gridcharge.ocpp.message;

import jakarta.json.JsonObject;

/** How a station answered a SetChargingProfile (1.6 has NotSupported, 2.0.1 only the other two), named as on the wire. */
public enum ChargingProfileStatus {
    Accepted,
    Rejected,
    NotSupported;

    /** The status of a SetChargingProfile answer, or null if it has none the platform knows. */
    public static ChargingProfileStatus of(JsonObject answer) {
        String status = answer.getString("status", null);
        for (ChargingProfileStatus value : values()) {
            if (value.name().equals(status)) {
                return value;
            }
        }
        return null;
    }
}
