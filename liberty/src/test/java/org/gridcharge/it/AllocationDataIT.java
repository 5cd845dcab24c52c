package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class AllocationDataIT {

    @Test
    void settingAProfileRecordsTheNewAllocation() throws InterruptedException {
        String cpoId = Fixtures.cpo();
        String admin = DevTokens.cpoAdmin(cpoId);
        String evse = Fixtures.evse(admin, cpoId);
        String groupId = Fixtures.group(admin, cpoId, evse);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Api.send("PUT", groupPath(groupId) + "/capacity-profile", admin, "{\"type\":\"power_setpoint\",\"periods\":[{\"start_date_time\":\""
                + now.minusSeconds(600) + "\",\"end_date_time\":\"" + now.plusSeconds(3600) + "\",\"capacity\":42.5}]}", "application/json")
                .expect(200);

        // Allocation follows the change within the debounce delay; wait for the record it writes.
        JsonObject latest = null;
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (latest == null && System.nanoTime() < deadline) {
            JsonArray items = Api.get(groupPath(groupId) + "/allocation-data", admin).expect(200).json().getJsonArray("items");
            for (int i = items.size() - 1; i >= 0 && latest == null; i--) {
                if ("power_setpoint".equals(items.getJsonObject(i).getString("profile_type"))) {
                    latest = items.getJsonObject(i);
                }
            }
            Thread.sleep(100);
        }
        assertNotNull(latest, "an allocation record for the new setpoint appears");
        assertEquals(42.5, latest.getJsonNumber("capacity_amps").doubleValue());
        assertEquals("power_setpoint", latest.getString("profile_type"));
        // The EVSE's station never connected: it counts at its 32 A maximum, which it could draw unsteered.
        JsonObject limit = latest.getJsonArray("evses").getJsonObject(0);
        assertEquals(evse, limit.getString("evse_id"));
        assertEquals("uncontrollable", limit.getString("state"));
        assertEquals(32.0, limit.getJsonNumber("limit_amps").doubleValue());
        assertEquals(10.5, latest.getJsonNumber("deviation_amps").doubleValue(), "42.5 A setpoint, 32 A accounted for");

        assertEquals("from", Api.get(groupPath(groupId) + "/allocation-data?from=yesterday", admin).problem(400).getString("field"));
        Api.get(groupPath(groupId) + "/allocation-data", DevTokens.cpoAdmin(Fixtures.cpo())).problem(404);
    }
}
