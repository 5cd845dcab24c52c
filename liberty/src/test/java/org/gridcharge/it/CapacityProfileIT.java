package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CapacityProfileIT {

    /** The source document's example, as written there. */
    static final String SEED_EXAMPLE = """
            {"type": "capacity_limit", "periods": [
              {"start_date_time": "2021-07-27T20:00:00.000Z", "end_date_time": "2021-07-27T20:15:00.000Z", "capacity": 100},
              {"start_date_time": "2021-07-27T20:15:00.000Z", "end_date_time": "2021-07-27T21:15:00.000Z", "capacity": 80},
              {"start_date_time": "2021-07-27T21:15:00.000Z", "end_date_time": "2021-07-27T21:16:00.000Z", "capacity": 0},
              {"start_date_time": "2021-07-27T21:16:00.000Z", "end_date_time": "2021-07-27T21:30:00.000Z", "capacity": 80}]}""";

    private String cpoId;
    private String admin;
    private String groupId;
    private String path;

    @BeforeEach
    void group() {
        cpoId = Fixtures.cpo();
        admin = DevTokens.cpoAdmin(cpoId);
        groupId = Fixtures.group(admin, cpoId, Fixtures.evse(admin, cpoId));
        path = groupPath(groupId) + "/capacity-profile";
    }

    private static String profile(String type, int minutes, Instant start) {
        StringBuilder body = new StringBuilder("{\"type\":\"" + type + "\",\"periods\":[");
        for (int i = 0; i < minutes; i++) {
            body.append(i == 0 ? "" : ",").append("{\"start_date_time\":\"").append(start.plusSeconds(60L * i))
                    .append("\",\"end_date_time\":\"").append(start.plusSeconds(60L * (i + 1))).append("\",\"capacity\":").append(i % 100).append('}');
        }
        return body.append("]}").toString();
    }

    private static Api.Reply putJson(String path, String token, String json) {
        return Api.send("PUT", path, token, json, "application/json");
    }

    @Test
    void theSeedExampleRoundTrips() {
        JsonObject summary = putJson(path, admin, SEED_EXAMPLE).expect(200).json();
        assertEquals(4, summary.getInt("period_count"));
        assertEquals("capacity_limit", summary.getString("type"));
        JsonObject stored = Api.get(path, admin).expect(200).json();
        JsonArray periods = stored.getJsonArray("periods");
        assertEquals(4, periods.size());
        List<String> starts = List.of("2021-07-27T20:00:00Z", "2021-07-27T20:15:00Z", "2021-07-27T21:15:00Z", "2021-07-27T21:16:00Z");
        List<Double> capacities = List.of(100.0, 80.0, 0.0, 80.0);
        for (int i = 0; i < 4; i++) {
            assertEquals(Instant.parse(starts.get(i)), Instant.parse(periods.getJsonObject(i).getString("start_date_time")));
            assertEquals(capacities.get(i), periods.getJsonObject(i).getJsonNumber("capacity").doubleValue());
        }
        assertEquals(Instant.parse("2021-07-27T21:16:00Z"), Instant.parse(periods.getJsonObject(2).getString("end_date_time")),
                "the one-minute stop is kept exactly");
    }

    @Test
    void aNewProfileReplacesTheOldOneEntirelyEvenWhenShorter() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        assertEquals(50_000, putJson(path, admin, profile("power_setpoint", 50_000, start)).expect(200).json().getInt("period_count"));
        assertEquals(50_000, Api.get(path, admin).expect(200).json().getJsonArray("periods").size());
        putJson(path, admin, profile("capacity_limit", 5, start.plusSeconds(3600))).expect(200);
        JsonObject stored = Api.get(path, admin).expect(200).json();
        assertEquals("capacity_limit", stored.getString("type"));
        assertEquals(5, stored.getJsonArray("periods").size());
        assertEquals(start.plusSeconds(3600), Instant.parse(stored.getJsonArray("periods").getJsonObject(0).getString("start_date_time")));
    }

    @Test
    void brokenRulesNameThePeriod() {
        String p0 = "{\"start_date_time\":\"2030-01-01T00:00:00Z\",\"end_date_time\":\"2030-01-01T01:00:00Z\",\"capacity\":10}";
        record Case(String second, String field) {
        }
        for (Case c : List.of(
                new Case("{\"start_date_time\":\"2030-01-01T02:00:00Z\",\"end_date_time\":\"2030-01-01T02:00:00Z\",\"capacity\":10}",
                        "periods[1].end_date_time"),
                new Case("{\"start_date_time\":\"2030-01-01T00:30:00Z\",\"end_date_time\":\"2030-01-01T02:00:00Z\",\"capacity\":10}",
                        "periods[1].start_date_time"),
                new Case("{\"start_date_time\":\"2030-01-01T01:00:00Z\",\"end_date_time\":\"2030-01-01T01:00:30Z\",\"capacity\":10}",
                        "periods[1]"),
                new Case("{\"start_date_time\":\"2030-01-01T01:00:20Z\",\"end_date_time\":\"2030-01-01T02:00:00Z\",\"capacity\":10}",
                        "periods[1].start_date_time"),
                new Case("{\"start_date_time\":\"2030-01-01T03:00:00\",\"end_date_time\":\"2030-01-01T04:00:00Z\",\"capacity\":10}",
                        "periods[1].start_date_time"),
                new Case("{\"start_date_time\":\"yesterday\",\"end_date_time\":\"2030-01-01T04:00:00Z\",\"capacity\":10}",
                        "periods[1].start_date_time"),
                new Case("{\"start_date_time\":\"2030-01-01T01:00:00Z\",\"end_date_time\":\"2030-01-01T02:00:00Z\",\"capacity\":-1}",
                        "periods[1].capacity"),
                new Case("{\"start_date_time\":\"2030-01-01T01:00:00Z\",\"end_date_time\":\"2030-01-01T02:00:00Z\"}",
                        "periods[1].capacity"))) {
            JsonObject problem = putJson(path, admin, "{\"type\":\"capacity_limit\",\"periods\":[" + p0 + "," + c.second() + "]}").problem(400);
            assertEquals(c.field(), problem.getString("field"), problem.toString());
        }
        assertEquals("type", putJson(path, admin, "{\"type\":\"wish\",\"periods\":[" + p0 + "]}").problem(400).getString("field"));
        assertEquals("periods", putJson(path, admin, "{\"type\":\"capacity_limit\",\"periods\":[]}").problem(400).getString("field"));
        putJson(path, admin, "{\"type\":\"capacity_limit\",\"periods\":[" + p0 + "],\"extra\":1}").problem(400);
        Api.get(path, admin).problem(404);
    }

    @Test
    void tooManyPeriodsAreRefusedWith413() {
        putJson(path, admin, profile("capacity_limit", 100_001, Instant.parse("2030-01-01T00:00:00Z"))).problem(413);
    }

    @Test
    void aGrantedCapacityProviderSteersOthersCannot() {
        String client = "vpp-" + Api.unique().toLowerCase();
        putJson(path, DevTokens.capacityProvider(client), SEED_EXAMPLE).problem(404);
        Api.put(groupPath(groupId) + "/grants/" + client, admin).expect(201);
        putJson(path, DevTokens.capacityProvider(client), SEED_EXAMPLE).expect(200);
        assertEquals("it-" + client, Api.get(path, admin).expect(200).json().getString("updated_by"));
        String stranger = DevTokens.cpoAdmin(Fixtures.cpo());
        Api.get(path, stranger).problem(404);
        putJson(path, stranger, SEED_EXAMPLE).problem(404);
        Api.delete(path, stranger).problem(404);
    }

    @Test
    void deletingTheProfile() {
        putJson(path, admin, SEED_EXAMPLE).expect(200);
        Api.delete(path, admin).expect(204);
        Api.get(path, admin).problem(404);
        Api.delete(path, admin).problem(404);
    }
}
