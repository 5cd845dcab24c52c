package org.gridcharge.it;

import static org.gridcharge.it.Api.enc;
import static org.gridcharge.it.Fixtures.evsePath;
import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupIT {

    private String cpoId;
    private String admin;

    @BeforeEach
    void newCpo() {
        cpoId = Fixtures.cpo();
        admin = DevTokens.cpoAdmin(cpoId);
    }

    @Test
    void createReadChangeDelete() {
        String a = Fixtures.evse(admin, cpoId);
        String b = Fixtures.evse(admin, cpoId, 16, 1, "L2");
        Api.Reply created = Api.post("/api/v1/smart-charging-groups", admin, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Depot\","
                + "\"algorithm\":{\"name\":\"priority\",\"parameters\":{\"min_current_amps\":8}},\"default_capacity_amps\":63,"
                + "\"evse_ids\":[\"" + a + "\",\"" + b + "\"]}").expect(201);
        String groupId = created.json().getString("group_id");
        assertTrue(created.location().endsWith(groupPath(groupId)));

        JsonObject group = Api.get(groupPath(groupId), admin).expect(200).json();
        assertEquals("Depot", group.getString("name"));
        assertEquals(2, group.getInt("evse_count"));
        assertEquals("priority", group.getJsonObject("algorithm").getString("name"));
        assertEquals(8.0, group.getJsonObject("algorithm").getJsonObject("parameters").getJsonNumber("min_current_amps").doubleValue());
        assertEquals(1.0, group.getJsonObject("algorithm").getJsonObject("parameters")
                .getJsonNumber("redistribution_margin_amps").doubleValue(), "defaults are filled in");
        assertEquals(groupId, Api.get(evsePath(a), admin).expect(200).json().getString("group_id"));

        JsonObject changed = Api.patch(groupPath(groupId), admin,
                "{\"name\":\"Depot North\",\"default_capacity_amps\":40,\"algorithm\":{\"name\":\"equal_share\"}}").expect(200).json();
        assertEquals("Depot North", changed.getString("name"));
        assertEquals(40.0, changed.getJsonNumber("default_capacity_amps").doubleValue());
        assertEquals("equal_share", changed.getJsonObject("algorithm").getString("name"));

        JsonObject members = Api.get(groupPath(groupId) + "/evses", admin).expect(200).json();
        assertEquals(2, members.getJsonNumber("total").longValue());

        JsonObject listed = Api.get("/api/v1/smart-charging-groups?cpo_id=" + enc(cpoId), admin).expect(200).json();
        assertEquals(1, listed.getJsonNumber("total").longValue());
        assertEquals(groupId, listed.getJsonArray("items").getJsonObject(0).getString("group_id"));

        Api.delete(groupPath(groupId), admin).expect(204);
        Api.get(groupPath(groupId), admin).problem(404);
        assertFalse(Api.get(evsePath(a), admin).expect(200).json().containsKey("group_id"), "the EVSE outlives its group");
    }

    @Test
    void aGroupNeedsAtLeastOneEvse() {
        JsonObject problem = Api.post("/api/v1/smart-charging-groups", admin, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Empty\","
                + "\"algorithm\":{\"name\":\"equal_share\"},\"default_capacity_amps\":63,\"evse_ids\":[]}").problem(400);
        assertEquals("evse_ids", problem.getString("field"));
    }

    @Test
    void algorithmsAndTheirParametersAreValidated() {
        String evse = Fixtures.evse(admin, cpoId);
        String prefix = "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"G\",\"default_capacity_amps\":63,\"evse_ids\":[\"" + evse + "\"],";
        assertEquals("algorithm.name", Api.post("/api/v1/smart-charging-groups", admin,
                prefix + "\"algorithm\":{\"name\":\"random\"}}").problem(400).getString("field"));
        assertEquals("algorithm.parameters.max_priority_sessions", Api.post("/api/v1/smart-charging-groups", admin,
                prefix + "\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{\"max_priority_sessions\":3}}}").problem(400).getString("field"));
        assertEquals("algorithm.parameters.min_current_amps", Api.post("/api/v1/smart-charging-groups", admin,
                prefix + "\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{\"min_current_amps\":\"six\"}}}").problem(400).getString("field"));
        assertEquals("default_capacity_amps", Api.post("/api/v1/smart-charging-groups", admin,
                prefix.replace("63", "-5") + "\"algorithm\":{\"name\":\"equal_share\"}}").problem(400).getString("field"));
        assertFalse(Api.get(evsePath(evse), admin).expect(200).json().containsKey("group_id"), "a refused group leaves no trace");
    }

    @Test
    void anEvseIsInAtMostOneGroup() {
        String shared = Fixtures.evse(admin, cpoId);
        String first = Fixtures.group(admin, cpoId, shared);
        String other = Fixtures.evse(admin, cpoId);
        Api.post("/api/v1/smart-charging-groups", admin, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Second\","
                + "\"algorithm\":{\"name\":\"equal_share\"},\"default_capacity_amps\":63,\"evse_ids\":[\"" + other + "\",\"" + shared + "\"]}")
                .problem(409);
        String second = Fixtures.group(admin, cpoId, other);
        Api.put(groupPath(second) + "/evses/" + enc(shared), admin).problem(409);
        assertEquals(first, Api.get(evsePath(shared), admin).expect(200).json().getString("group_id"));
    }

    @Test
    void addingAndRemovingEvses() {
        String a = Fixtures.evse(admin, cpoId);
        String b = Fixtures.evse(admin, cpoId);
        String groupId = Fixtures.group(admin, cpoId, a);
        assertEquals(2, Api.put(groupPath(groupId) + "/evses/" + enc(b), admin).expect(201).json().getInt("evse_count"));
        Api.put(groupPath(groupId) + "/evses/" + enc(b), admin).expect(200);
        Api.delete(groupPath(groupId) + "/evses/" + enc(a), admin).expect(204);
        Api.delete(groupPath(groupId) + "/evses/" + enc(a), admin).problem(404);
        assertEquals(1, Api.get(groupPath(groupId), admin).expect(200).json().getInt("evse_count"));
    }

    @Test
    void theLastEvseCannotLeave() {
        String only = Fixtures.evse(admin, cpoId);
        String groupId = Fixtures.group(admin, cpoId, only);
        assertTrue(Api.delete(groupPath(groupId) + "/evses/" + enc(only), admin).problem(409).getString("detail").contains("delete the group"));
        Api.delete(evsePath(only), admin).problem(409);
        assertEquals(groupId, Api.get(evsePath(only), admin).expect(200).json().getString("group_id"));
    }

    @Test
    void groupsHoldEvsesOfTheirOwnCpoOnly() {
        String otherCpo = Fixtures.cpo();
        String foreign = Fixtures.evse(DevTokens.platformAdmin(), otherCpo);
        String mine = Fixtures.evse(admin, cpoId);
        String groupId = Fixtures.group(DevTokens.platformAdmin(), cpoId, mine);
        Api.put(groupPath(groupId) + "/evses/" + enc(foreign), DevTokens.platformAdmin()).problem(400);
    }

    @Test
    void grantsAreListedAddedAndRevoked() {
        String groupId = Fixtures.group(admin, cpoId, Fixtures.evse(admin, cpoId));
        String client = "dso-" + Api.unique().toLowerCase();
        Api.put(groupPath(groupId) + "/grants/" + client, admin).expect(201);
        Api.put(groupPath(groupId) + "/grants/" + client, admin).expect(200);
        assertEquals(client, Api.get(groupPath(groupId) + "/grants", admin).expect(200).jsonArray().getJsonObject(0).getString("client_id"));
        Api.delete(groupPath(groupId) + "/grants/" + client, admin).expect(204);
        Api.delete(groupPath(groupId) + "/grants/" + client, admin).problem(404);
        assertEquals("client_id", Api.put(groupPath(groupId) + "/grants/" + enc("bad client!"), admin).problem(400).getString("field"));
    }
}
