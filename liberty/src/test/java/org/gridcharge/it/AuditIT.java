package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every capacity-profile change and grant leaves an audit record the API lists. */
class AuditIT {

    @Test
    void profileChangesAndGrantsAreAudited() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String groupId = Fixtures.group(token, cpoId, Fixtures.evse(token, cpoId));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String client = "trader-" + Api.unique();
        Api.put(groupPath(groupId) + "/grants/" + client, token).expect(201);
        Api.send("PUT", groupPath(groupId) + "/capacity-profile", DevTokens.capacityProvider(client), "{\"type\":\"power_setpoint\","
                + "\"periods\":[{\"start_date_time\":\"" + now + "\",\"end_date_time\":\"" + now.plusSeconds(900) + "\",\"capacity\":25}]}",
                "application/json").expect(200);
        Api.delete(groupPath(groupId) + "/capacity-profile", token).expect(204);
        Api.delete(groupPath(groupId) + "/grants/" + client, token).expect(204);

        JsonArray items = Api.get("/api/v1/audit-records?group_id=" + groupId, token).expect(200).json().getJsonArray("items");
        assertEquals(List.of("grant.added", "capacity_profile.replaced", "capacity_profile.deleted", "grant.revoked"),
                items.getValuesAs(JsonObject.class).stream().map(r -> r.getString("action")).toList());
        JsonObject replaced = items.getJsonObject(1);
        assertTrue(replaced.getString("detail").startsWith("power_setpoint, 1 period(s)"), replaced.toString());
        assertTrue(replaced.getString("actor").length() > 0);
        assertEquals(cpoId, replaced.getString("cpo_id"));
        assertEquals(1, Api.get("/api/v1/audit-records?group_id=" + groupId + "&action=grant.revoked", token).expect(200).json()
                .getInt("total"));
        assertEquals(0, Api.get("/api/v1/audit-records?group_id=" + groupId, DevTokens.cpoAdmin(Fixtures.cpo())).expect(200).json()
                .getInt("total"), "another CPO sees none of it");
    }
}
