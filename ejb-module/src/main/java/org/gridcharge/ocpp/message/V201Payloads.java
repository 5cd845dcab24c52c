package org.gridcharge.ocpp.message;

import org.gridcharge.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Requests as OCPP 2.0.1 writes them: EVSEs, a list of schedules per profile (each with an id), string transaction ids. */
final class V201Payloads {

    /** OCPP 2.0.1: a transaction id is at most 36 characters. */
    static final int MAX_TRANSACTION_ID = 36;

    private V201Payloads() {
    }

    static JsonObject of(Request request) {
        if (request instanceof SetChargingProfile set) {
            return Jsons.createObjectBuilder().add("evseId", set.evseId()).add("chargingProfile", profile(set.profile())).build();
        }
        if (request instanceof GetCompositeSchedule get) {
            return Jsons.createObjectBuilder().add("duration", get.durationSeconds()).add("chargingRateUnit", get.unit().name())
                    .add("evseId", get.evseId()).build();
        }
        if (request instanceof ClearChargingProfile) {
            return Jsons.createObjectBuilder().build();
        }
        throw new IllegalArgumentException("no OCPP 2.0.1 payload for " + request);
    }

    private static JsonObjectBuilder profile(ChargingProfile profile) {
        JsonObjectBuilder json = Jsons.createObjectBuilder()
                .add("id", profile.id())
                .add("stackLevel", profile.stackLevel())
                .add("chargingProfilePurpose", profile.purpose().name())
                .add("chargingProfileKind", "Absolute");
        if (profile.transactionId() != null) {
            if (profile.transactionId().length() > MAX_TRANSACTION_ID) {
                throw new IllegalArgumentException("an OCPP 2.0.1 transaction id is at most " + MAX_TRANSACTION_ID + " characters");
            }
            json.add("transactionId", profile.transactionId());
        }
        // a 2.0.1 schedule has an id of its own; with one schedule per profile, the profile's serves
        JsonObjectBuilder schedule = Payloads.schedule(Jsons.createObjectBuilder().add("id", profile.id()), profile.schedule());
        return json.add("chargingSchedule", Jsons.createArrayBuilder().add(schedule));
    }
}
