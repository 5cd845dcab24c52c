package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class CpoIT {

    @Test
    void platformAdminCreatesAndReadsACpo() {
        String cpoId = "IT*" + Api.unique();
        Api.Reply created = Api.post("/api/v1/cpos", DevTokens.platformAdmin(), "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Acme\"}").expect(201);
        assertTrue(created.location().endsWith("/api/v1/cpos/" + Api.enc(cpoId)), created.location());
        JsonObject cpo = Api.get("/api/v1/cpos/" + Api.enc(cpoId), DevTokens.platformAdmin()).expect(200).json();
        assertEquals("Acme", cpo.getString("name"));
        assertTrue(cpo.getString("created_at").endsWith("Z"));
    }

    @Test
    void duplicateCpoIsAConflict() {
        String cpoId = Fixtures.cpo();
        Api.post("/api/v1/cpos", DevTokens.platformAdmin(), "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Again\"}").problem(409);
    }

    @Test
    void invalidCpoNamesTheField() {
        JsonObject problem = Api.post("/api/v1/cpos", DevTokens.platformAdmin(), "{\"cpo_id\":\"bad id!\",\"name\":\"X\"}").problem(400);
        assertEquals("cpo_id", problem.getString("field"));
        problem = Api.post("/api/v1/cpos", DevTokens.platformAdmin(), "{\"cpo_id\":\"IT*" + Api.unique() + "\"}").problem(400);
        assertEquals("name", problem.getString("field"));
    }

    @Test
    void onlyPlatformAdminsCreateCpos() {
        String cpoId = Fixtures.cpo();
        Api.post("/api/v1/cpos", DevTokens.cpoAdmin(cpoId), "{\"cpo_id\":\"IT*" + Api.unique() + "\",\"name\":\"X\"}").problem(403);
    }

    @Test
    void cpoAdminSeesOnlyItsOwnCpos() {
        String mine = Fixtures.cpo();
        String other = Fixtures.cpo();
        JsonObject page = Api.get("/api/v1/cpos", DevTokens.cpoAdmin(mine)).expect(200).json();
        assertEquals(1, page.getJsonNumber("total").longValue());
        assertEquals(mine, page.getJsonArray("items").getJsonObject(0).getString("cpo_id"));
        Api.get("/api/v1/cpos/" + Api.enc(other), DevTokens.cpoAdmin(mine)).problem(404);
    }

    @Test
    void withoutAValidTokenTheApiAnswers401() {
        Api.get("/api/v1/cpos", null).expect(401);
        Api.get("/api/v1/cpos", "not-a-token").expect(401);
        Api.get("/api/v1/cpos", DevTokens.withIssuer("https://somebody-else.example")).expect(401);
    }

    @Test
    void pagingIsValidated() {
        assertEquals("limit", Api.get("/api/v1/cpos?limit=0", DevTokens.platformAdmin()).problem(400).getString("field"));
        assertEquals("offset", Api.get("/api/v1/cpos?offset=-1", DevTokens.platformAdmin()).problem(400).getString("field"));
        assertEquals("limit", Api.get("/api/v1/cpos?limit=abc", DevTokens.platformAdmin()).problem(400).getString("field"));
    }
}
