package org.gridcharge.it;

import static org.gridcharge.it.Api.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StartTransactionRequest;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vendor's Smart Charging API 1.0 under {@code /api/1.0/smartcharging}, written from the vendor's published
 * description (../shared/reference/greenflux-smart-charging-api.md): paths, snake_case fields, enumerations,
 * bare answers, {@code Authorization: Token}, and a trader's integration from group creation to the priority report.
 */
class VendorApiIT {

    static final String V = "/api/1.0/smartcharging";

    private static Api.Reply call(String method, String path, String token, String body) {
        return Api.sendAuthorized(method, V + path, token == null ? null : "Token " + token, body, body == null ? null : "application/json");
    }

    private static JsonArray array(Api.Reply reply) {
        return reply.jsonArray();
    }

    private static String evse(String token, String cpoId, String stationId, int connector, String uid) {
        String evseId = "NL*VND*E" + Api.unique() + connector;
        Api.post("/api/v1/evses", token, "{\"evse_id\":\"" + evseId + "\",\"uid\":\"" + uid + "\",\"cpo_id\":\"" + cpoId
                + "\",\"charge_station_id\":\"" + stationId + "\",\"connector_id\":" + connector + ",\"max_current_amps\":32,\"phases\":3}")
                .expect(201);
        return evseId;
    }

    private static String createGroup(String token, String cpoId, String name) {
        Api.Reply created = call("POST", "/capacitygroups", token, "{\"name\":\"" + name + "\",\"cpo_external_id\":\"" + cpoId
                + "\",\"remarks\":\"roof car park\",\"algorithm\":\"CAPACITYMANAGEMENTDEFAULT\",\"capacity_update_method\":\"API\"}").expect(200);
        return ((JsonString) Json.createReader(new StringReader(created.body())).readValue()).getString();
    }

    @Test
    void tokensAreReadFromTheVendorsSchemeAndBearerAlike() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        JsonObject none = Api.sendAuthorized("GET", V + "/capacitygroups/cpoexternalids", null, null, null).problem(401);
        assertTrue(none.getString("detail").contains("Token"), none.toString());
        Api.Reply garbage = call("GET", "/capacitygroups/cpoexternalids", "not.a-jwt", null);
        assertTrue(garbage.problem(401).getString("detail").contains("refused"), "a refused token is a problem document: " + garbage);
        assertEquals("Token error=\"invalid_token\"", garbage.challenge());
        call("GET", "/capacitygroups/cpoexternalids", DevTokens.withIssuer("https://elsewhere.example"), null).problem(401);
        JsonObject otherScheme = Api.sendAuthorized("GET", V + "/capacitygroups/cpoexternalids", "Basic " + token, null, null).problem(401);
        assertTrue(otherScheme.getString("detail").contains("'Token'"), "says which scheme to write: " + otherScheme);
        String[] parts = token.split("\\.");
        call("GET", "/capacitygroups/cpoexternalids", parts[0] + "." + parts[1] + "." + DevTokens.platformAdmin().split("\\.")[2], null)
                .problem(401);

        assertEquals(List.of(cpoId), array(call("GET", "/capacitygroups/cpoexternalids", token, null).expect(200))
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals(List.of(cpoId), Api.get(V + "/capacitygroups/cpoexternalids", token).expect(200).jsonArray()
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(), "Bearer works too");
        for (String scheme : List.of("Token", "token", "TOKEN", "Bearer", "bearer", "BEARER")) {
            assertTrue(Api.sendAuthorized("GET", V + "/capacitygroups/cpoexternalids", scheme + " not.a-jwt", null, null).problem(401)
                    .getString("detail").contains("refused"), "a bad token is refused under every spelling: " + scheme);
            assertEquals(401, Api.sendAuthorized("GET", V + "/capacitygroups/cpoexternalids", scheme + " "
                    + DevTokens.withIssuer("https://elsewhere.example"), null, null).status(), "another issuer: " + scheme);
        }
        for (String scheme : List.of("token", "TOKEN", "bearer", "BEARER")) {
            assertEquals(List.of(cpoId), Api.sendAuthorized("GET", V + "/capacitygroups/cpoexternalids", scheme + " " + token, null, null)
                    .expect(200).jsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(),
                    "schemes are case-insensitive (RFC 9110): " + scheme);
        }
    }

    @Test
    void groupsAreCreatedIncompleteConfiguredListedAndDeleted() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String prefix = "Vendor " + Api.unique();
        String a = createGroup(token, cpoId, prefix + " A");
        String b = createGroup(token, cpoId, prefix + " B");

        JsonObject group = call("GET", "/capacitygroups/" + a, token, null).expect(200).json();
        assertEquals(a, group.getString("id"));
        assertEquals(prefix + " A", group.getString("name"));
        assertEquals(cpoId, group.getString("cpo_external_id"));
        assertEquals("roof car park", group.getString("remarks"));
        assertEquals("CAPACITYMANAGEMENTDEFAULT", group.getString("algorithm"));
        assertEquals("API", group.getString("capacity_update_method"));
        assertTrue(group.getString("algorithm_display_name").startsWith("Capacity Management - Default"));

        JsonObject v1 = Api.get("/api/v1/smart-charging-groups/" + a, token).expect(200).json();
        assertTrue(v1.getBoolean("incomplete"), "no EVSE yet: incomplete in /api/v1 " + v1);
        assertEquals(0, v1.getInt("evse_count"));
        assertEquals("priority", v1.getJsonObject("algorithm").getString("name"));

        JsonArray listed = array(call("GET", "/capacitygroups?name=" + enc(prefix) + "&order_by_name=DESC", token, null).expect(200));
        assertEquals(List.of(b, a), listed.getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")).toList());
        assertEquals(List.of(a), array(call("GET", "/capacitygroups?name=" + enc(prefix) + "&order_by_name=ASC&limit=1", token, null)
                .expect(200)).getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")).toList());
        assertEquals(List.of(b), array(call("GET", "/capacitygroups?name=" + enc(prefix) + "&order_by_name=ASC&limit=1&offset=1", token,
                null).expect(200)).getValuesAs(JsonObject.class).stream().map(o -> o.getString("id")).toList());
        assertEquals(0, array(call("GET", "/capacitygroups?name=" + enc(prefix) + "&cpo_external_ids=NL*NONE", token, null).expect(200))
                .size());
        assertEquals(2, array(call("GET", "/capacitygroups?name=" + enc(prefix) + "&cpo_external_ids=" + enc(cpoId)
                + "&cpo_external_ids=NL*NONE&algorithm=CAPACITYMANAGEMENTDEFAULT", token, null).expect(200)).size());

        call("PUT", "/capacitygroups/" + a, token, "{\"name\":\"" + prefix + " A2\",\"remarks\":null,\"capacity_update_method\":\"DEFAULT\"}")
                .expect(200);
        JsonObject changed = call("GET", "/capacitygroups/" + a, token, null).expect(200).json();
        assertEquals(prefix + " A2", changed.getString("name"));
        assertFalse(changed.containsKey("remarks") && !changed.isNull("remarks"), "remarks cleared: " + changed);
        assertEquals("DEFAULT", changed.getString("capacity_update_method"));
        assertEquals("cpo_external_id", call("PUT", "/capacitygroups/" + a, token, "{\"name\":\"x\",\"cpo_external_id\":\"NL*OTHER\"}")
                .problem(400).getString("field"));
        assertEquals("name", call("PUT", "/capacitygroups/" + a, token, "{\"remarks\":\"no name\"}").problem(400).getString("field"));

        call("GET", "/capacitygroups/" + a, DevTokens.cpoAdmin(Fixtures.cpo()), null).problem(404);
        call("DELETE", "/capacitygroups/" + b, token, null).expect(200);
        call("GET", "/capacitygroups/" + b, token, null).problem(404);
    }

    @Test
    void unsupportedEnumerationValuesAreRefusedByName() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        for (String algorithm : List.of("CUSTOMERCONFIGUREDTOUALGORTHM", "FANCY")) {
            JsonObject problem = call("POST", "/capacitygroups", token, "{\"name\":\"n\",\"cpo_external_id\":\"" + cpoId
                    + "\",\"algorithm\":\"" + algorithm + "\"}").problem(400);
            assertEquals("algorithm", problem.getString("field"));
            assertTrue(problem.getString("detail").contains(algorithm), problem.toString());
        }
        for (String method : List.of("PARENTGROUP", "SOMETIMES")) {
            JsonObject problem = call("POST", "/capacitygroups", token, "{\"name\":\"n\",\"cpo_external_id\":\"" + cpoId
                    + "\",\"capacity_update_method\":\"" + method + "\"}").problem(400);
            assertEquals("capacity_update_method", problem.getString("field"));
            assertTrue(problem.getString("detail").contains(method), problem.toString());
        }
        assertEquals("name", call("POST", "/capacitygroups", token, "{\"cpo_external_id\":\"" + cpoId + "\"}").problem(400)
                .getString("field"));
        String group = createGroup(token, cpoId, "Unsupported " + Api.unique());
        call("GET", "/capacitygroups/" + group + "/evses?status=SLEEPING", token, null).problem(400);
        call("GET", "/capacitygroups?order_by_name=UP", token, null).problem(400);
        assertTrue(call("GET", "/capacitygroups/" + group + "/algorithms/capacitymanagementdc/state", token, null).problem(409)
                .getString("detail").contains("CAPACITYMANAGEMENTDEFAULT"), "an AC group has no DC state");
    }

    @Test
    void aTradersIntegrationRunsFromGroupToPriorityReport() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String u = Api.unique();
        String stationId = "VND-" + u;
        String uidA = "NL-VND-E" + u + "-1";
        String uidB = "NL-VND-E" + u + "-2";
        evse(token, cpoId, stationId, 1, uidA);
        evse(token, cpoId, stationId, 2, uidB);
        Api.send("PUT", "/api/v1/charge-stations/" + enc(stationId) + "/credentials", token,
                "{\"password\":\"" + Fixtures.STATION_PASSWORD + "\"}", "application/json").expect(204);
        String group = createGroup(token, cpoId, "Trader " + u);
        String g = "/capacitygroups/" + group;

        // EVSEs by uid
        assertEquals("body", call("PUT", g + "/evses/chargepoints", token, "[]").problem(400).getString("field"));
        call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"NL-NOPE-1\"}]").problem(404);
        call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"" + uidA + "\"},{\"uid\":\"" + uidB + "\"}]").expect(200);
        JsonArray chargePoints = array(call("GET", g + "/evses/chargepoints", token, null).expect(200));
        assertEquals(2, chargePoints.size());
        JsonObject first = chargePoints.getJsonObject(0);
        assertEquals(stationId, first.getJsonObject("charge_point").getString("id"));
        assertEquals(1, first.getJsonObject("charge_point").getJsonArray("connectors").size());
        JsonArray offline = array(call("GET", g + "/evses?order_by_evse_uid=DESC", token, null).expect(200));
        assertEquals(List.of(uidB, uidA), offline.getValuesAs(JsonObject.class).stream().map(o -> o.getString("uid")).toList());
        assertEquals("UNKNOWN", offline.getJsonObject(0).getString("status"), "the station has not connected");
        assertEquals("OFFLINE", offline.getJsonObject(0).getString("smart_charging_status"));
        assertEquals(group, offline.getJsonObject(0).getString("capacity_group_id"));
        assertEquals(1, array(call("GET", g + "/evses?evse_uid=" + enc(uidA), token, null).expect(200)).size());
        assertEquals(1, array(call("GET", g + "/evses?limit=1&offset=1", token, null).expect(200)).size());
        call("DELETE", g + "/evses/" + enc(uidB), token, null).expect(200);
        assertTrue(call("DELETE", g + "/evses/" + enc(uidA), token, null).problem(409).getString("detail").contains("last EVSE"));
        call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"" + uidA + "\"},{\"uid\":\"" + uidB + "\"}]").expect(200);
        assertFalse(Api.get("/api/v1/smart-charging-groups/" + group, token).expect(200).json().getBoolean("incomplete"));

        // algorithm state
        String state = g + "/algorithms/capacitymanagementdefault/state";
        call("PUT", state, token, "{\"default_group_capacity_amps\":20,\"min_allocation_amps\":8,\"session_started_duration\":\"00:00:00\"}")
                .expect(200);
        JsonObject read = call("GET", state, token, null).expect(200).json();
        assertEquals(20.0, read.getJsonNumber("default_group_capacity_amps").doubleValue());
        assertEquals(20.0, read.getJsonNumber("current_group_capacity_amps").doubleValue());
        assertEquals(20.0, read.getJsonNumber("current_group_capacity_amps_l2").doubleValue());
        assertEquals(8.0, read.getJsonNumber("min_allocation_amps").doubleValue());
        assertEquals("00:00:00", read.getString("session_started_duration"));
        assertEquals("min_allocation_amps", call("PUT", state, token, "{\"min_allocation_amps\":5}").problem(400).getString("field"));
        assertEquals("session_started_duration", call("PUT", state, token, "{\"session_started_duration\":\"25:00:00\"}").problem(400)
                .getString("field"));

        // datetime scenarios: the capacity profile
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String scenario = "[{\"capacity\":12,\"start_date_time\":\"" + now.minus(1, ChronoUnit.MINUTES) + "\",\"end_date_time\":\""
                + now.plus(1, ChronoUnit.HOURS) + "\"}]";
        call("PUT", g, token, "{\"name\":\"Trader " + u + "\",\"capacity_update_method\":\"DEFAULT\"}").expect(200);
        assertTrue(call("PUT", g + "/capacityscenarios/datetime", token, scenario).problem(409).getString("detail")
                .contains("capacity_update_method"), "a DEFAULT group takes no scenarios");
        call("PUT", g, token, "{\"name\":\"Trader " + u + "\",\"capacity_update_method\":\"API\"}").expect(200);
        JsonArray put = array(call("PUT", g + "/capacityscenarios/datetime", token, scenario).expect(200));
        assertEquals(1, put.size());
        assertNotNull(put.getJsonObject(0).getString("id"));
        assertEquals(put, array(call("GET", g + "/capacityscenarios/datetime", token, null).expect(200)));
        assertEquals(12.0, call("GET", state, token, null).expect(200).json().getJsonNumber("current_group_capacity_amps").doubleValue());
        assertEquals(Api.get("/api/v1/smart-charging-groups/" + group + "/capacity-profile", token).expect(200).json()
                .getJsonArray("periods").size(), 1, "one domain: /api/v1 sees the same profile");
        call("PUT", g + "/capacityscenarios/datetime", token, "[{\"capacity\":12,\"start_date_time\":\"" + now + "\",\"end_date_time\":\""
                + now + "\"}]").problem(400);
        assertTrue(call("PUT", g, token, "{\"name\":\"x\",\"capacity_update_method\":\"DEFAULT\"}").problem(409).getString("detail")
                .contains("capacity profile"));
        assertTrue(call("PUT", g, token, "{\"name\":\"x\",\"algorithm\":\"NONE\"}").problem(409).getString("detail")
                .contains("capacity profile"), "an unmanaged group would not keep the scenario");

        // a session: the allocation graph, the active EVSEs and priority
        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            int tx = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "TRADER", 0, ZonedDateTime.now())))
                    .getTransactionId();
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(1, tx, 12.0), seen), "the session gets the scenario's capacity: "
                    + Ocpp16IT.summary(seen));

            String range = "date_from=" + enc(now.minus(1, ChronoUnit.HOURS).toString()) + "&date_to="
                    + enc(now.plus(1, ChronoUnit.HOURS).toString());
            // the record is committed just after the limits go out: poll for it
            JsonArray graph = null;
            JsonObject latest = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (latest == null && System.nanoTime() < deadline) {
                graph = array(call("GET", g + "/capacitymanagementdefault/allocationgraph?" + range, token, null).expect(200));
                for (JsonObject point : graph.getValuesAs(JsonObject.class)) {
                    if ("L2".equals(point.getString("phase")) && point.getJsonNumber("total_allocated_amps").doubleValue() == 12.0) {
                        latest = point;
                    }
                }
                Thread.sleep(100);
            }
            assertNotNull(latest, "a point per phase with the session's 12 A: " + graph);
            assertEquals(12.0, latest.getJsonNumber("capacity").doubleValue());
            JsonObject top = latest.getJsonArray("evses").getJsonObject(0);
            assertEquals(uidA, top.getString("uid"));
            assertEquals("NORMAL", top.getString("level"));
            assertEquals(1, top.getInt("order"));
            assertEquals("SMARTCHARGINGACTIVE", top.getString("smart_charging_status"));
            JsonObject idle = latest.getJsonArray("evses").getJsonObject(1);
            assertEquals(uidB, idle.getString("uid"));
            assertEquals("AVAILABLE", idle.getString("level"));
            assertEquals(2, idle.getInt("order"));
            JsonArray l3 = array(call("GET", g + "/capacitymanagementdefault/allocationgraph?phase=L3&" + range, token, null).expect(200));
            assertTrue(l3.size() > 0 && l3.getValuesAs(JsonObject.class).stream().allMatch(p -> "L3".equals(p.getString("phase"))));
            assertEquals(1, array(call("GET", g + "/capacitymanagementdefault/allocationgraph?limit=1&" + range, token, null).expect(200))
                    .size());
            assertEquals("date_from", call("GET", g + "/capacitymanagementdefault/allocationgraph", token, null).problem(400)
                    .getString("field"));

            JsonObject active = call("GET", g + "/capacitymanagementdefault/activeevses", token, null).expect(200).json();
            assertEquals(1, active.getInt("number"));
            assertEquals(12.0, active.getJsonNumber("allocated").doubleValue());
            assertEquals(12.0, active.getJsonNumber("allocated_l1").doubleValue());
            assertEquals(0, call("GET", g + "/capacitymanagementdefault/offlineevses", token, null).expect(200).json().getInt("number"));
            JsonArray online = array(call("GET", g + "/evses?status=CHARGING", token, null).expect(200));
            assertEquals(List.of(uidA), online.getValuesAs(JsonObject.class).stream().map(o -> o.getString("uid")).toList());
            for (String status : List.of("AVAILABLE", "BLOCKED", "CHARGING", "INOPERATIVE", "OUTOFORDER", "PLANNED", "REMOVED", "RESERVED",
                    "UNKNOWN")) {
                int expected = status.equals("AVAILABLE") || status.equals("CHARGING") ? 1 : 0;
                assertEquals(expected, array(call("GET", g + "/evses?status=" + status, token, null).expect(200)).size(), status);
            }
            for (String status : List.of("VEHICLEDONECHARGING", "SMARTCHARGINGACTIVE", "OFFLINE")) {
                int expected = status.equals("SMARTCHARGINGACTIVE") ? 1 : 0;
                assertEquals(expected, array(call("GET", g + "/evses?smart_charging_status=" + status, token, null).expect(200)).size(),
                        status);
            }

            Instant asked = Instant.now();
            call("POST", g + "/evses/" + enc(uidA) + "/priority", token, null).expect(200);
            assertTrue(call("POST", g + "/evses/" + enc(uidB) + "/priority", token, null).problem(409).getString("detail")
                    .contains("no session"), "no session on B");
            call("POST", g + "/evses/NL-NOPE-9/priority", token, null).problem(404);
            boolean prioritised = false;
            long until = System.nanoTime() + 10_000_000_000L;
            while (!prioritised && System.nanoTime() < until) {
                prioritised = array(call("GET", g + "/capacitymanagementdefault/allocationgraph?phase=L1&" + range, token, null).expect(200))
                        .getValuesAs(JsonObject.class).stream().flatMap(p -> p.getJsonArray("evses").getValuesAs(JsonObject.class).stream())
                        .anyMatch(e -> uidA.equals(e.getString("uid")) && "PRIORITY".equals(e.getString("level")));
                Thread.sleep(100);
            }
            assertTrue(prioritised, "the allocation graph shows the EVSE at level PRIORITY");

            String window = "date_from=" + enc(asked.minus(1, ChronoUnit.MINUTES).toString()) + "&date_to="
                    + enc(asked.plus(1, ChronoUnit.HOURS).toString());
            JsonArray report = array(call("GET", "/reports/priority?" + window + "&capacity_group_id=" + group
                    + "&order_by_timestamp=DESC", token, null).expect(200));
            assertEquals(1, report.size(), report.toString());
            JsonObject entry = report.getJsonObject(0);
            assertEquals(group, entry.getString("capacity_group_id"));
            assertEquals(cpoId, entry.getString("cpo_external_id"));
            assertEquals(uidA, entry.getString("evse_uid"));
            assertFalse(Instant.parse(entry.getString("timestamp")).isBefore(asked.minusSeconds(1)));
            assertEquals(1, array(call("GET", "/reports/priority?" + window + "&evse_uid=" + enc(uidA), token, null).expect(200)).size());
            assertEquals(0, array(call("GET", "/reports/priority?" + window + "&cpo_external_ids=NL*NONE", token, null).expect(200))
                    .size());
            assertEquals(0, array(call("GET", "/reports/priority?" + window, DevTokens.cpoAdmin(Fixtures.cpo()), null).expect(200)).size(),
                    "another CPO sees none of it");
            assertEquals("date_to", call("GET", "/reports/priority?date_from=2026-01-01T00:00:00Z", token, null).problem(400)
                    .getString("field"));
        }
    }

    @Test
    void weeklyScenariosApplyInLocalTimeBelowDatetimeScenarios() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String group = createGroup(token, cpoId, "Weekly " + Api.unique());
        String g = "/capacitygroups/" + group;
        String state = g + "/algorithms/capacitymanagementdefault/state";
        StringBuilder week = new StringBuilder("{\"time_zone\":\"Europe/Amsterdam\",\"scenarios\":[");
        List<String> days = List.of("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY");
        for (String day : days) {
            week.append(day.equals("SUNDAY") ? "" : ",").append("{\"capacity\":15,\"day_of_week\":\"").append(day)
                    .append("\",\"start_time\":\"00:00:00\",\"end_time\":\"24:00:00\"}");
        }
        JsonArray put = array(call("PUT", g + "/capacityscenarios/dayofweek", token, week + "]}").expect(200));
        assertEquals(7, put.size());
        JsonArray monday = array(call("GET", g + "/capacityscenarios/dayofweek?day_of_week=MONDAY", token, null).expect(200));
        assertEquals(1, monday.size());
        assertEquals("00:00:00", monday.getJsonObject(0).getString("start_time"));
        assertEquals("24:00:00", monday.getJsonObject(0).getString("end_time"));
        assertEquals(15.0, monday.getJsonObject(0).getJsonNumber("capacity").doubleValue());
        assertEquals(15.0, call("GET", state, token, null).expect(200).json().getJsonNumber("current_group_capacity_amps").doubleValue(),
                "the weekly rule applies where no datetime scenario does");

        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        call("PUT", g + "/capacityscenarios/datetime", token, "[{\"capacity\":9,\"start_date_time\":\"" + now.minus(1, ChronoUnit.MINUTES)
                + "\",\"end_date_time\":\"" + now.plus(1, ChronoUnit.HOURS) + "\"}]").expect(200);
        assertEquals(9.0, call("GET", state, token, null).expect(200).json().getJsonNumber("current_group_capacity_amps").doubleValue(),
                "a datetime scenario wins over the weekly rule");
        call("PUT", g + "/capacityscenarios/datetime", token, "[]").expect(200);
        assertEquals(15.0, call("GET", state, token, null).expect(200).json().getJsonNumber("current_group_capacity_amps").doubleValue());

        JsonObject v1 = Api.get("/api/v1/smart-charging-groups/" + group + "/weekly-capacity", token).expect(200).json();
        assertEquals("Europe/Amsterdam", v1.getString("time_zone"));
        assertEquals(7, v1.getJsonArray("scenarios").size());
        assertEquals("time_zone", call("PUT", g + "/capacityscenarios/dayofweek", token, "{\"time_zone\":\"Mars/Olympus\",\"scenarios\":[]}")
                .problem(400).getString("field"));
        assertEquals("time_zone", call("PUT", g + "/capacityscenarios/dayofweek", token, "{\"time_zone\":\"+01:00\",\"scenarios\":[]}")
                .problem(400).getString("field"));
        assertEquals("scenarios[1]", call("PUT", g + "/capacityscenarios/dayofweek", token, "{\"time_zone\":\"UTC\",\"scenarios\":["
                + "{\"capacity\":1,\"day_of_week\":\"MONDAY\",\"start_time\":\"08:00:00\",\"end_time\":\"12:00:00\"},"
                + "{\"capacity\":2,\"day_of_week\":\"MONDAY\",\"start_time\":\"11:00:00\",\"end_time\":\"13:00:00\"}]}")
                .problem(400).getString("field"));
        assertEquals("scenarios[0].end_time", call("PUT", g + "/capacityscenarios/dayofweek", token, "{\"time_zone\":\"UTC\",\"scenarios\":["
                + "{\"capacity\":1,\"day_of_week\":\"MONDAY\",\"start_time\":\"08:00:00\",\"end_time\":\"25:00:00\"}]}")
                .problem(400).getString("field"));
        assertEquals("scenarios[0].day_of_week", call("PUT", g + "/capacityscenarios/dayofweek", token, "{\"time_zone\":\"UTC\","
                + "\"scenarios\":[{\"capacity\":1,\"day_of_week\":\"FUNDAY\",\"start_time\":\"08:00:00\",\"end_time\":\"09:00:00\"}]}")
                .problem(400).getString("field"));
        assertEquals(7, Api.get("/api/v1/smart-charging-groups/" + group + "/weekly-capacity", token).expect(200).json()
                .getJsonArray("scenarios").size(), "refused changes leave the rules as they were");

        Api.delete("/api/v1/smart-charging-groups/" + group + "/weekly-capacity", token).expect(204);
        Api.get("/api/v1/smart-charging-groups/" + group + "/weekly-capacity", token).problem(404);
        assertEquals(0, array(call("GET", g + "/capacityscenarios/dayofweek", token, null).expect(200)).size());
        assertEquals(0.0, call("GET", state, token, null).expect(200).json().getJsonNumber("current_group_capacity_amps").doubleValue(),
                "the default capacity (0 A for a new vendor group) applies again");
    }

    @Test
    void newSessionsChargeUnthrottledForTheSessionStartedDuration() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String u = Api.unique();
        String stationId = "VNS-" + u;
        String uid1 = "NL-VNS-E" + u + "-1";
        String uid2 = "NL-VNS-E" + u + "-2";
        evse(token, cpoId, stationId, 1, uid1);
        evse(token, cpoId, stationId, 2, uid2);
        Api.send("PUT", "/api/v1/charge-stations/" + enc(stationId) + "/credentials", token,
                "{\"password\":\"" + Fixtures.STATION_PASSWORD + "\"}", "application/json").expect(204);
        String group = createGroup(token, cpoId, "Started " + u);
        String g = "/capacitygroups/" + group;
        call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"" + uid1 + "\"},{\"uid\":\"" + uid2 + "\"}]").expect(200);
        String state = g + "/algorithms/capacitymanagementdefault/state";
        call("PUT", state, token, "{\"default_group_capacity_amps\":20,\"min_allocation_amps\":6,\"session_started_duration\":\"00:15:00\"}")
                .expect(200);
        assertEquals("00:15:00", call("GET", state, token, null).expect(200).json().getString("session_started_duration"));
        assertEquals(900.0, Api.get("/api/v1/smart-charging-groups/" + group, token).expect(200).json().getJsonObject("algorithm")
                .getJsonObject("parameters").getJsonNumber("session_started_seconds").doubleValue(), "one domain: /api/v1 shows it");

        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            int tx1 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "FIRST", 0,
                    ZonedDateTime.now().minusSeconds(2)))).getTransactionId();
            int tx2 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(2, "SECOND", 0, ZonedDateTime.now())))
                    .getTransactionId();
            // Both are new: each gets its minimum, then the earlier one is served unthrottled (14 A), not shared 10/10.
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(1, tx1, 14.0), seen), Ocpp16IT.summary(seen));
            assertTrue(seen.stream().anyMatch(Ocpp16IT.txProfile(2, tx2, 6.0))
                    || station.awaitProfile(Ocpp16IT.txProfile(2, tx2, 6.0), seen) != null, Ocpp16IT.summary(seen));

            String range = "date_from=" + enc(Instant.now().minus(1, ChronoUnit.HOURS).toString()) + "&date_to="
                    + enc(Instant.now().plus(1, ChronoUnit.HOURS).toString());
            JsonObject started = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (started == null && System.nanoTime() < deadline) {
                for (JsonObject point : array(call("GET", g + "/capacitymanagementdefault/allocationgraph?phase=L1&" + range, token, null)
                        .expect(200)).getValuesAs(JsonObject.class)) {
                    if (point.getJsonArray("evses").getValuesAs(JsonObject.class).stream()
                            .allMatch(e -> e.getJsonNumber("allocated_amps").doubleValue() > 0
                                    && !"OFFLINE".equals(e.getString("level")))) {
                        started = point;
                    }
                }
                Thread.sleep(100);
            }
            assertNotNull(started, "the allocation is recorded");
            assertEquals(List.of("STARTED", "STARTED"), started.getJsonArray("evses").getValuesAs(JsonObject.class).stream()
                    .map(e -> e.getString("level")).toList());

            call("PUT", state, token, "{\"session_started_duration\":\"00:00:00\"}").expect(200);
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(1, tx1, 10.0), seen), "without the window they share: "
                    + Ocpp16IT.summary(seen));
        }
    }

    @Test
    void dcGroupsAreManagedInWattsDownToTheStation() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String u = Api.unique();
        String stationId = "VDC-" + u;
        List<String> uids = List.of("NL-VDC-E" + u + "-1", "NL-VDC-E" + u + "-2");
        double[] maxWatts = {150_000, 50_000};
        for (int i = 0; i < 2; i++) {
            Api.post("/api/v1/evses", token, "{\"evse_id\":\"NL*VDC*E" + u + (i + 1) + "\",\"uid\":\"" + uids.get(i) + "\",\"cpo_id\":\""
                    + cpoId + "\",\"charge_station_id\":\"" + stationId + "\",\"connector_id\":" + (i + 1)
                    + ",\"max_current_amps\":200,\"phases\":3,\"max_power_watts\":" + maxWatts[i] + "}").expect(201);
        }
        assertEquals("uid", Api.post("/api/v1/evses", token, "{\"evse_id\":\"NL*VDC*E" + u + "8\",\"uid\":\"NL*VDC*E" + u + "7\",\"cpo_id\":\""
                + cpoId + "\",\"charge_station_id\":\"" + stationId + "\",\"connector_id\":8,\"max_current_amps\":32,\"phases\":3}")
                .problem(400).getString("field"), "a uid shaped like an evse_id could take another EVSE's default uid");
        String acOnly = "NL-VDC-E" + u + "-9";
        evse(token, cpoId, "VDC-AC-" + u, 1, acOnly);
        Api.send("PUT", "/api/v1/charge-stations/" + enc(stationId) + "/credentials", token,
                "{\"password\":\"" + Fixtures.STATION_PASSWORD + "\"}", "application/json").expect(204);

        Api.Reply created = call("POST", "/capacitygroups", token, "{\"name\":\"DC hub " + u + "\",\"cpo_external_id\":\"" + cpoId
                + "\",\"algorithm\":\"CAPACITYMANAGEMENTDC\"}").expect(200);
        String group = ((JsonString) Json.createReader(new StringReader(created.body())).readValue()).getString();
        String g = "/capacitygroups/" + group;
        assertEquals("CAPACITYMANAGEMENTDC", call("GET", g, token, null).expect(200).json().getString("algorithm"));
        assertEquals("W", Api.get("/api/v1/smart-charging-groups/" + group, token).expect(200).json().getString("capacity_unit"));
        assertTrue(call("GET", g + "/algorithms/capacitymanagementdefault/state", token, null).problem(409).getString("detail")
                .contains("CAPACITYMANAGEMENTDC"));
        assertEquals("algorithm", call("PUT", g, token, "{\"name\":\"x\",\"algorithm\":\"CAPACITYMANAGEMENTDEFAULT\"}").problem(400)
                .getString("field"), "the unit cannot change");
        assertTrue(call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"" + acOnly + "\"}]").problem(400).getString("detail")
                .contains("max_power_watts"), "an EVSE without a maximum power cannot join a DC group");
        call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"" + uids.get(0) + "\"},{\"uid\":\"" + uids.get(1) + "\"}]")
                .expect(200);
        call("PUT", g + "/algorithms/capacitymanagementdc/state", token, "{\"default_group_capacity_watts\":100000}").expect(200);
        JsonObject dcState = call("GET", g + "/algorithms/capacitymanagementdc/state", token, null).expect(200).json();
        assertEquals(100_000.0, dcState.getJsonNumber("default_group_capacity_watts").doubleValue());
        assertEquals(100_000.0, dcState.getJsonNumber("current_group_capacity_watts").doubleValue());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        call("PUT", g + "/capacityscenarios/datetime", token, "[{\"capacity\":120000,\"start_date_time\":\"" + now.minus(1, ChronoUnit.MINUTES)
                + "\",\"end_date_time\":\"" + now.plus(1, ChronoUnit.HOURS) + "\"}]").expect(200);
        assertEquals(120_000.0, call("GET", g + "/algorithms/capacitymanagementdc/state", token, null).expect(200).json()
                .getJsonNumber("current_group_capacity_watts").doubleValue(), "scenarios of a DC group are in watts");

        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            int tx1 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "DC1", 0, ZonedDateTime.now())))
                    .getTransactionId();
            int tx2 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(2, "DC2", 0, ZonedDateTime.now())))
                    .getTransactionId();
            // 120 kW shared max-min fairly: the 50 kW charger is full, the other gets the remaining 70 kW
            SetChargingProfileRequest first = station.awaitProfile(Ocpp16IT.txProfile(1, tx1, 70_000.0), seen);
            assertNotNull(first, Ocpp16IT.summary(seen));
            assertEquals("W", first.getCsChargingProfiles().getChargingSchedule().getChargingRateUnit().name());
            assertTrue(seen.stream().anyMatch(Ocpp16IT.txProfile(2, tx2, 50_000.0))
                    || station.awaitProfile(Ocpp16IT.txProfile(2, tx2, 50_000.0), seen) != null, Ocpp16IT.summary(seen));

            String range = "date_from=" + enc(now.minus(1, ChronoUnit.HOURS).toString()) + "&date_to=" + enc(now.plus(1, ChronoUnit.HOURS)
                    .toString());
            JsonObject point = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (point == null && System.nanoTime() < deadline) {
                for (JsonObject p : array(call("GET", g + "/capacitymanagementdc/allocationgraph?" + range, token, null).expect(200))
                        .getValuesAs(JsonObject.class)) {
                    if (p.getJsonNumber("allocated_capacity_watts").doubleValue() == 120_000.0) {
                        point = p;
                    }
                }
                Thread.sleep(100);
            }
            assertNotNull(point, "the allocation in watts is recorded");
            assertEquals(120_000.0, point.getJsonNumber("current_group_capacity_watts").doubleValue());
            assertEquals(2, point.getJsonArray("evses").size());
            JsonObject active = call("GET", g + "/capacitymanagementdc/activeevses", token, null).expect(200).json();
            assertEquals(2, active.getInt("number"));
            assertEquals(120_000.0, active.getJsonNumber("allocated").doubleValue());
        }
    }

    @Test
    void aGroupWithoutAnAlgorithmIsNotManaged() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String u = Api.unique();
        String stationId = "VNO-" + u;
        String uid = "NL-VNO-E" + u + "-1";
        evse(token, cpoId, stationId, 1, uid);
        Api.send("PUT", "/api/v1/charge-stations/" + enc(stationId) + "/credentials", token,
                "{\"password\":\"" + Fixtures.STATION_PASSWORD + "\"}", "application/json").expect(204);
        Api.Reply created = call("POST", "/capacitygroups", token, "{\"name\":\"Unmanaged " + u + "\",\"cpo_external_id\":\"" + cpoId
                + "\",\"algorithm\":\"NONE\"}").expect(200);
        String group = ((JsonString) Json.createReader(new StringReader(created.body())).readValue()).getString();
        String g = "/capacitygroups/" + group;
        assertEquals("NONE", call("GET", g, token, null).expect(200).json().getString("algorithm"));
        assertEquals("none", Api.get("/api/v1/smart-charging-groups/" + group, token).expect(200).json().getJsonObject("algorithm")
                .getString("name"));
        call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"" + uid + "\"}]").expect(200);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        assertTrue(call("PUT", g + "/capacityscenarios/datetime", token, "[{\"capacity\":10,\"start_date_time\":\"" + now
                + "\",\"end_date_time\":\"" + now.plus(1, ChronoUnit.HOURS) + "\"}]").problem(409).getString("detail").contains("none"),
                "a capacity would not be kept: refused");
        call("PUT", g + "/algorithms/capacitymanagementdefault/state", token, "{\"min_allocation_amps\":8}").problem(409);

        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            int tx = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "FREE", 0, ZonedDateTime.now())))
                    .getTransactionId();
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(1, tx, 32.0), seen),
                    "not managed: the session may draw its maximum although the default capacity is 0 A: " + Ocpp16IT.summary(seen));
            call("PUT", g, token, "{\"name\":\"Renamed " + u + "\"}").expect(200);
            assertEquals("NONE", call("GET", g, token, null).expect(200).json().getString("algorithm"), "a rename keeps it unmanaged");
            call("PUT", g, token, "{\"name\":\"Managed " + u + "\",\"algorithm\":\"CAPACITYMANAGEMENTDEFAULT\"}").expect(200);
            assertEquals("priority", Api.get("/api/v1/smart-charging-groups/" + group, token).expect(200).json()
                    .getJsonObject("algorithm").getString("name"));
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(1, tx, 0.0), seen),
                    "managed again: the group's 0 A default capacity holds: " + Ocpp16IT.summary(seen));
        }
    }

    @Test
    void timeZonesAreIanaIdsWithTheirStandardOffset() {
        JsonArray zones = array(call("GET", "/capacitygroups/timezones", DevTokens.cpoAdmin(Fixtures.cpo()), null).expect(200));
        JsonObject amsterdam = zones.getValuesAs(JsonObject.class).stream().filter(z -> z.getString("id").equals("Europe/Amsterdam"))
                .findFirst().orElseThrow();
        assertEquals("01:00:00", amsterdam.getString("utc_offset"));
        assertTrue(amsterdam.getBoolean("supports_daylight_saving_time"));
        JsonObject kolkata = zones.getValuesAs(JsonObject.class).stream().filter(z -> z.getString("id").equals("Asia/Kolkata"))
                .findFirst().orElseThrow();
        assertEquals("05:30:00", kolkata.getString("utc_offset"));
        assertFalse(kolkata.getBoolean("supports_daylight_saving_time"));
    }
}
