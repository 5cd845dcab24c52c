package org.gridcharge.ocpp.message;

import org.gridcharge.platform.json.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.gridcharge.ocpp.OcppVersion;

/** The JSON payload of a request, in the version the station speaks. */
public final class Payloads {

    private Payloads() {
    }

    public static JsonObject of(Request request, OcppVersion version) {
        return version == OcppVersion.V16 ? V16Payloads.of(request) : V201Payloads.of(request);
    }

    /** Adds a schedule's fields to {@code json}: the same in both versions. */
    static JsonObjectBuilder schedule(JsonObjectBuilder json, ChargingSchedule schedule) {
        json.add("startSchedule", schedule.startSchedule().toString());
        if (schedule.durationSeconds() != null) {
            json.add("duration", schedule.durationSeconds());
        }
        JsonArrayBuilder periods = Jsons.createArrayBuilder();
        for (SchedulePeriod period : schedule.periods()) {
            JsonObjectBuilder item = Jsons.createObjectBuilder().add("startPeriod", period.startPeriod()).add("limit", period.limit());
            if (period.numberPhases() != null) {
                item.add("numberPhases", period.numberPhases());
            }
            periods.add(item);
        }
        return json.add("chargingRateUnit", schedule.unit().name()).add("chargingSchedulePeriod", periods);
    }
}
