package org.gridcharge.ocpp.message;

import org.gridcharge.platform.json.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Requests as OCPP 1.6 writes them: connectors rather than EVSEs, one schedule per profile, integer transaction ids. */
final class V16Payloads {

    private V16Payloads() {
    }

    static JsonObject of(Request request) {
        if (request instanceof SetChargingProfile set) {
            return Jsons.createObjectBuilder().add("connectorId", set.evseId()).add("csChargingProfiles", profile(set.profile())).build();
        }
        if (request instanceof GetCompositeSchedule get) {
            return Jsons.createObjectBuilder().add("connectorId", get.evseId()).add("duration", get.durationSeconds())
                    .add("chargingRateUnit", get.unit().name()).build();
        }
        if (request instanceof ClearChargingProfile) {
            return Jsons.createObjectBuilder().build();
        }
        throw new IllegalArgumentException("no OCPP 1.6 payload for " + request);
    }

    private static JsonObjectBuilder profile(ChargingProfile profile) {
        JsonObjectBuilder json = Jsons.createObjectBuilder()
                .add("chargingProfileId", profile.id())
                .add("stackLevel", profile.stackLevel())
                .add("chargingProfilePurpose", profile.purpose().name())
                .add("chargingProfileKind", "Absolute");
        if (profile.transactionId() != null) {
            // 1.6 transaction ids are integers: the platform assigned this one in its StartTransaction.conf
            json.add("transactionId", Integer.parseInt(profile.transactionId()));
        }
        return json.add("chargingSchedule", Payloads.schedule(Jsons.createObjectBuilder(), profile.schedule()));
    }
}
