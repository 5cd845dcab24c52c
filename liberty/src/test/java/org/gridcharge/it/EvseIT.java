package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.evsePath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvseIT {

    private String cpoId;
    private String admin;

    @BeforeEach
    void newCpo() {
        cpoId = Fixtures.cpo();
        admin = DevTokens.cpoAdmin(cpoId);
    }

    private String body(String evseId, String extra) {
        return "{\"evse_id\":\"" + evseId + "\",\"cpo_id\":\"" + cpoId + "\",\"charge_station_id\":\"CS-" + evseId.hashCode()
                + "\",\"connector_id\":1,\"max_current_amps\":32,\"phases\":3" + extra + "}";
    }

    @Test
    void createReadChangeDelete() {
        String evseId = "NL*ITX*E" + Api.unique() + "*1";
        Api.Reply created = Api.post("/api/v1/evses", admin, body(evseId, "")).expect(201);
        assertTrue(created.location().endsWith(evsePath(evseId)), created.location());
        JsonObject evse = Api.get(evsePath(evseId), admin).expect(200).json();
        assertEquals(32.0, evse.getJsonNumber("max_current_amps").doubleValue());
        assertEquals("RST", evse.getString("phase_rotation"));
        assertEquals(cpoId, evse.getString("cpo_id"));

        JsonObject changed = Api.patch(evsePath(evseId), admin, "{\"phases\":1,\"max_current_amps\":16,\"phase_rotation\":\"L3\"}")
                .expect(200).json();
        assertEquals(1, changed.getInt("phases"));
        assertEquals("L3", changed.getString("phase_rotation"));
        assertEquals(16.0, Api.get(evsePath(evseId), admin).expect(200).json().getJsonNumber("max_current_amps").doubleValue());

        Api.delete(evsePath(evseId), admin).expect(204);
        Api.get(evsePath(evseId), admin).problem(404);
    }

    @Test
    void invalidFieldsAreNamed() {
        String evseId = "NL*ITX*E" + Api.unique();
        record Case(String body, String field) {
        }
        for (Case c : List.of(
                new Case(body(evseId, "").replace(",\"max_current_amps\":32", ""), "max_current_amps"),
                new Case(body(evseId, "").replace("\"max_current_amps\":32", "\"max_current_amps\":-1"), "max_current_amps"),
                new Case(body(evseId, "").replace("\"phases\":3", "\"phases\":2"), "phases"),
                new Case(body(evseId, ",\"phase_rotation\":\"L1\""), "phase_rotation"),
                new Case(body(evseId, "").replace("\"connector_id\":1", "\"connector_id\":0"), "connector_id"),
                new Case(body("not an evse id", ""), "evse_id"))) {
            JsonObject problem = Api.post("/api/v1/evses", admin, c.body()).problem(400);
            assertEquals(c.field(), problem.getString("field"), problem.toString());
            assertTrue(problem.getString("detail").startsWith(c.field()), problem.toString());
        }
        Api.get(evsePath(evseId), admin).problem(404);
    }

    @Test
    void unreadableBodiesAreRefusedNotGuessed() {
        String evseId = "NL*ITX*E" + Api.unique();
        assertTrue(Api.post("/api/v1/evses", admin, body(evseId, ",\"colour\":\"red\"")).problem(400).getString("detail").contains("colour"));
        Api.post("/api/v1/evses", admin, body(evseId, "").replace("\"connector_id\":1", "\"connector_id\":1.5")).problem(400);
        Api.post("/api/v1/evses", admin, body(evseId, "").replace("\"connector_id\":1", "\"connector_id\":\"one\"")).problem(400);
        Api.post("/api/v1/evses", admin, "{\"evse_id\":").problem(400);
        Api.send("POST", "/api/v1/evses", admin, body(evseId, ""), "text/plain").problem(415);
        Api.get(evsePath(evseId), admin).problem(404);
    }

    @Test
    void duplicatesAreConflicts() {
        String evseId = "NL*ITX*E" + Api.unique();
        Api.post("/api/v1/evses", admin, body(evseId, "")).expect(201);
        Api.post("/api/v1/evses", admin, body(evseId, "")).problem(409);
        String sameSocket = body("NL*ITX*E" + Api.unique(), "").replaceAll("\"charge_station_id\":\"[^\"]+\"",
                "\"charge_station_id\":\"CS-" + evseId.hashCode() + "\"");
        Api.post("/api/v1/evses", admin, sameSocket).problem(409);
    }

    @Test
    void idAndCpoCannotChange() {
        String evseId = Fixtures.evse(admin, cpoId);
        assertEquals("cpo_id", Api.patch(evsePath(evseId), admin, "{\"cpo_id\":\"OTHER\"}").problem(400).getString("field"));
        assertEquals("evse_id", Api.patch(evsePath(evseId), admin, "{\"evse_id\":\"NL*ITX*E1\"}").problem(400).getString("field"));
    }

    @Test
    void listsArePagedInAStableOrder() {
        for (int i = 0; i < 5; i++) {
            Fixtures.evse(admin, cpoId);
        }
        JsonObject first = Api.get("/api/v1/evses?limit=3", admin).expect(200).json();
        JsonObject second = Api.get("/api/v1/evses?limit=3&offset=3", admin).expect(200).json();
        assertEquals(5, first.getJsonNumber("total").longValue());
        assertEquals(3, first.getJsonArray("items").size());
        assertEquals(2, second.getJsonArray("items").size());
        List<String> ids = new java.util.ArrayList<>();
        first.getJsonArray("items").getValuesAs(JsonObject.class).forEach(e -> ids.add(e.getString("evse_id")));
        second.getJsonArray("items").getValuesAs(JsonObject.class).forEach(e -> ids.add(e.getString("evse_id")));
        assertEquals(ids.stream().sorted().toList(), ids);
        assertEquals(5, ids.stream().distinct().count());
    }

    @Test
    void aStationBelongsToOneCpo() {
        String station = "SHARED-" + Api.unique();
        Api.post("/api/v1/evses", admin, "{\"evse_id\":\"NL*ITX*E" + Api.unique() + "\",\"cpo_id\":\"" + cpoId
                + "\",\"charge_station_id\":\"" + station + "\",\"connector_id\":1,\"max_current_amps\":16,\"phases\":3}").expect(201);
        String other = Fixtures.cpo();
        assertEquals("charge_station_id", Api.post("/api/v1/evses", DevTokens.cpoAdmin(other), "{\"evse_id\":\"NL*ITX*E" + Api.unique()
                + "\",\"cpo_id\":\"" + other + "\",\"charge_station_id\":\"" + station
                + "\",\"connector_id\":2,\"max_current_amps\":16,\"phases\":3}").problem(400).getString("field"),
                "another CPO cannot put an EVSE into this CPO's station");
    }
}
