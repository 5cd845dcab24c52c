package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the platform does when a station will not be steered. */
class OcppControlIT {

    @Test
    void aRejectedLimitIsRecordedAndTheEvseCountsAtWhatItMayStillDraw() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "REJ-" + Api.unique();
        List<String> evses = Fixtures.station(token, cpoId, stationId, 1);
        String groupId = Fixtures.group(token, cpoId, 20, evses);
        String stationPath = "/api/v1/charge-stations/" + Api.enc(stationId);

        String status = null;
        int rejected = 0;
        try (RawStation raw = RawStation.connect(stationId, Fixtures.STATION_PASSWORD, "ocpp1.6")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!"rejected".equals(status) && System.nanoTime() < deadline) {
                String text = raw.frames.poll(200, TimeUnit.MILLISECONDS);
                if (text != null) {
                    JsonArray frame = Json.createReader(new StringReader(text)).readArray();
                    if (frame.getInt(0) == 2 && frame.getString(2).equals("SetChargingProfile")) {
                        raw.send("[3, \"" + frame.getString(1) + "\", {\"status\": \"Rejected\"}]");
                        rejected++;
                    }
                }
                JsonObject last = Api.get(stationPath, token).expect(200).json().getJsonArray("evses").getJsonObject(0)
                        .get("last_profile") instanceof JsonObject o ? o : null;
                status = last == null || last.isNull("status") ? null : last.getString("status");
            }
            assertEquals("rejected", status, "the station's refusal is visible through the API");
            assertTrue(rejected >= 2, "the failsafe and the EVSE's limit were both sent");
            assertTrue(Api.get(stationPath, token).expect(200).json().getBoolean("connected"));
            JsonObject summary = Api.get(groupPath(groupId) + "/evse-summary", token).expect(200).json();
            assertEquals(1, summary.getInt("limits_refused"), "the group's summary counts the refusal: " + summary);
            assertEquals(0, summary.getInt("stations_offline"), summary.toString());
        }
        // gone: the group's summary counts its station offline
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonObject summary = Api.get(groupPath(groupId) + "/evse-summary", token).expect(200).json();
        while (summary.getInt("stations_offline") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            summary = Api.get(groupPath(groupId) + "/evse-summary", token).expect(200).json();
        }
        assertEquals(1, summary.getInt("stations_offline"), summary.toString());
        JsonArray items = Api.get(groupPath(groupId) + "/allocation-data?limit=500", token).expect(200).json().getJsonArray("items");
        JsonObject limit = items.getJsonObject(items.size() - 1).getJsonArray("evses").getJsonObject(0);
        assertEquals("uncontrollable", limit.getString("state"), "an EVSE that refuses its limit is not steered");
        assertEquals(32.0, limit.getJsonNumber("limit_amps").doubleValue(), "it counts at its maximum: it never accepted a limit");
    }
}
