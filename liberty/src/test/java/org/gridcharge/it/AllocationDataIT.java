package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class AllocationDataIT {

    @Test
    void settingAProfileRecordsTheNewAllocation() {
        String cpoId = Fixtures.cpo();
        String admin = DevTokens.cpoAdmin(cpoId);
        String evse = Fixtures.evse(admin, cpoId);
        String groupId = Fixtures.group(admin, cpoId, evse);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Api.send("PUT", groupPath(groupId) + "/capacity-profile", admin, "{\"type\":\"power_setpoint\",\"periods\":[{\"start_date_time\":\""
                + now.minusSeconds(600) + "\",\"end_date_time\":\"" + now.plusSeconds(3600) + "\",\"capacity\":42.5}]}", "application/json")
                .expect(200);

        JsonObject page = Api.get(groupPath(groupId) + "/allocations", admin).expect(200).json();
        JsonArray items = page.getJsonArray("items");
        assertFalse(items.isEmpty(), page.toString());
        JsonObject latest = items.getJsonObject(items.size() - 1);
        assertEquals(42.5, latest.getJsonNumber("capacity_amps").doubleValue());
        assertEquals("power_setpoint", latest.getString("profile_type"));
        // The EVSE's station never connected: it counts at its 32 A maximum, which it could draw unsteered.
        JsonObject limit = latest.getJsonArray("evses").getJsonObject(0);
        assertEquals(evse, limit.getString("evse_id"));
        assertEquals("uncontrollable", limit.getString("state"));
        assertEquals(32.0, limit.getJsonNumber("limit_amps").doubleValue());
        assertEquals(10.5, latest.getJsonNumber("deviation_amps").doubleValue(), "42.5 A setpoint, 32 A accounted for");

        assertEquals("from", Api.get(groupPath(groupId) + "/allocations?from=yesterday", admin).problem(400).getString("field"));
        Api.get(groupPath(groupId) + "/allocations", DevTokens.cpoAdmin(Fixtures.cpo())).problem(404);
    }
}
