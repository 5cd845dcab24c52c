package org.gridcharge.it;

import static org.gridcharge.it.Api.enc;
import static org.gridcharge.it.Fixtures.evsePath;
import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A caller never sees or changes another CPO's data: every such request answers 404. */
class TenancyIT {

    private String cpoA;
    private String cpoB;
    private String adminA;
    private String adminB;
    private String evseB;
    private String groupB;
    private String clientB;

    @BeforeEach
    void twoCpos() {
        cpoA = Fixtures.cpo();
        cpoB = Fixtures.cpo();
        adminA = DevTokens.cpoAdmin(cpoA);
        adminB = DevTokens.cpoAdmin(cpoB);
        evseB = Fixtures.evse(adminB, cpoB);
        groupB = Fixtures.group(adminB, cpoB, evseB);
        clientB = "trader-" + Api.unique().toLowerCase();
        Api.put(groupPath(groupB) + "/grants/" + clientB, adminB).expect(201);
    }

    @Test
    void anotherCposGroupIsInvisibleOnEveryEndpoint() {
        String evseA = Fixtures.evse(adminA, cpoA);
        Api.get(groupPath(groupB), adminA).problem(404);
        Api.patch(groupPath(groupB), adminA, "{\"name\":\"mine now\"}").problem(404);
        Api.delete(groupPath(groupB), adminA).problem(404);
        Api.get(groupPath(groupB) + "/evses", adminA).problem(404);
        Api.put(groupPath(groupB) + "/evses/" + enc(evseA), adminA).problem(404);
        Api.delete(groupPath(groupB) + "/evses/" + enc(evseB), adminA).problem(404);
        Api.get(groupPath(groupB) + "/grants", adminA).problem(404);
        Api.put(groupPath(groupB) + "/grants/intruder", adminA).problem(404);
        Api.delete(groupPath(groupB) + "/grants/" + clientB, adminA).problem(404);
        assertEquals(0, Api.get("/api/v1/smart-charging-groups?cpo_id=" + enc(cpoB), adminA).expect(200).json()
                .getJsonNumber("total").longValue());
        assertEquals("Group", Api.get(groupPath(groupB), adminB).expect(200).json().getString("name"), "nothing changed");
        assertEquals(1, Api.get(groupPath(groupB) + "/grants", adminB).expect(200).jsonArray().size());
    }

    @Test
    void anotherCposEvseIsInvisibleOnEveryEndpoint() {
        String groupA = Fixtures.group(adminA, cpoA, Fixtures.evse(adminA, cpoA));
        Api.get(evsePath(evseB), adminA).problem(404);
        Api.patch(evsePath(evseB), adminA, "{\"max_current_amps\":6}").problem(404);
        Api.delete(evsePath(evseB), adminA).problem(404);
        Api.put(groupPath(groupA) + "/evses/" + enc(evseB), adminA).problem(404);
        Api.post("/api/v1/evses", adminA, "{\"evse_id\":\"NL*ITX*E" + Api.unique() + "\",\"cpo_id\":\"" + cpoB
                + "\",\"charge_station_id\":\"X\",\"connector_id\":1,\"max_current_amps\":16,\"phases\":1}").problem(404);
        Api.post("/api/v1/smart-charging-groups", adminA, "{\"cpo_id\":\"" + cpoA + "\",\"name\":\"Steal\","
                + "\"algorithm\":{\"name\":\"equal_share\"},\"default_capacity_amps\":63,\"evse_ids\":[\"" + evseB + "\"]}").problem(404);
        JsonObject mine = Api.get("/api/v1/evses", adminA).expect(200).json();
        mine.getJsonArray("items").getValuesAs(JsonObject.class).forEach(e -> assertEquals(cpoA, e.getString("cpo_id")));
        assertEquals(32.0, Api.get(evsePath(evseB), adminB).expect(200).json().getJsonNumber("max_current_amps").doubleValue());
    }

    @Test
    void aCapacityProviderReadsOnlyTheGroupsGrantedToIt() {
        String provider = DevTokens.capacityProvider(clientB);
        String groupA = Fixtures.group(adminA, cpoA, Fixtures.evse(adminA, cpoA));
        JsonObject page = Api.get("/api/v1/smart-charging-groups", provider).expect(200).json();
        assertEquals(1, page.getJsonNumber("total").longValue());
        assertEquals(groupB, page.getJsonArray("items").getJsonObject(0).getString("group_id"));
        Api.get(groupPath(groupB), provider).expect(200);
        Api.get(groupPath(groupB) + "/evses", provider).expect(200);
        Api.get(groupPath(groupA), provider).problem(404);
        Api.patch(groupPath(groupB), provider, "{\"name\":\"x\"}").problem(403);
        Api.get(groupPath(groupB) + "/grants", provider).problem(403);
        Api.get("/api/v1/evses", provider).problem(403);
        Api.get(groupPath(groupB), DevTokens.capacityProvider("someone-else")).problem(404);

        Api.delete(groupPath(groupB) + "/grants/" + clientB, adminB).expect(204);
        Api.get(groupPath(groupB), provider).problem(404);
    }

    @Test
    void bothDoorsRefuseTheSameTokens() {
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        String rs256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        refused.put("an unknown critical header", DevTokens.crafted("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"crit\":[\"x-unheard-of\"],"
                + "\"x-unheard-of\":true}", java.util.Map.of()));
        refused.put("iat an hour ahead", DevTokens.crafted(rs256, java.util.Map.of("iat",
                jakarta.json.Json.createValue(java.time.Instant.now().getEpochSecond() + 3600))));
        java.util.Map<String, jakarta.json.JsonValue> anonymous = new java.util.HashMap<>();
        anonymous.put("sub", null);
        anonymous.put("upn", null);
        refused.put("no sub and no upn", DevTokens.crafted(rs256, anonymous));
        refused.put("expired ten minutes ago", DevTokens.crafted(rs256, java.util.Map.of("exp",
                jakarta.json.Json.createValue(java.time.Instant.now().getEpochSecond() - 600))));
        refused.forEach((what, token) -> {
            int v1 = Api.get("/api/v1/cpos", token).status();
            assertTrue(v1 == 401 || v1 == 403, what + ": /api/v1 answered " + v1);
            int vendorToken = Api.sendAuthorized("GET", VendorApiIT.V + "/capacitygroups/cpoexternalids", "Token " + token, null, null).status();
            assertEquals(401, vendorToken, what + ": the vendor door (Token) must refuse it as /api/v1 does");
            int vendorBearer = Api.get(VendorApiIT.V + "/capacitygroups/cpoexternalids", token).status();
            assertTrue(vendorBearer == 401 || vendorBearer == 403, what + ": the vendor door (Bearer) answered " + vendorBearer);
        });
        assertEquals(200, Api.get("/api/v1/cpos", DevTokens.crafted(rs256, java.util.Map.of())).status(), "the crafted baseline is good");
    }
}
