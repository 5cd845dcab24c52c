package org.gridcharge.it;

import static org.gridcharge.it.Api.enc;
import static org.gridcharge.it.Fixtures.evsePath;
import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
