package org.gridcharge.it;

import static org.gridcharge.it.Api.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.chargetime.ocpp.model.core.ChargePointErrorCode;
import eu.chargetime.ocpp.model.core.ChargePointStatus;
import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StartTransactionRequest;
import eu.chargetime.ocpp.model.core.StatusNotificationRequest;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The vendor's conventions endpoint by endpoint, written from the reference
 * (../shared/reference/greenflux-smart-charging-api.md): every list's filters, sorting and paging, every accepted
 * enumeration value, unsupported values wherever they can be written, a capacity provider's view, the EVSE status
 * stations report, and the same answers through {@code /api/v1} (one domain, two doors).
 */
class VendorCompatibilityIT {

    static final String V = VendorApiIT.V;

    private static Api.Reply call(String method, String path, String token, String body) {
        return Api.sendAuthorized(method, V + path, token == null ? null : "Token " + token, body, body == null ? null : "application/json");
    }

    private static JsonArray array(String path, String token) {
        return call("GET", path, token, null).expect(200).jsonArray();
    }

    private static List<String> strings(JsonArray array, String field) {
        return array.getValuesAs(JsonObject.class).stream().map(o -> o.getString(field)).toList();
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String create(String token, String cpoId, String name, String algorithm, String method) {
        String body = "{\"name\":\"" + name + "\",\"cpo_external_id\":\"" + cpoId + "\"" + (algorithm == null ? "" : ",\"algorithm\":\""
                + algorithm + "\"") + (method == null ? "" : ",\"capacity_update_method\":\"" + method + "\"") + "}";
        String created = call("POST", "/capacitygroups", token, body).expect(200).body();
        return ((JsonString) Json.createReader(new StringReader(created)).readValue()).getString();
    }

    private static void evse(String token, String cpoId, String stationId, int connector, String uid, String rotation) {
        Api.post("/api/v1/evses", token, "{\"evse_id\":\"NL*VCI*E" + Api.unique() + connector + "\",\"uid\":\"" + uid + "\",\"cpo_id\":\""
                + cpoId + "\",\"charge_station_id\":\"" + stationId + "\",\"connector_id\":" + connector + ",\"max_current_amps\":32,"
                + "\"phases\":" + (rotation.length() == 3 ? 3 : 1) + ",\"phase_rotation\":\"" + rotation + "\"}").expect(201);
    }

    private static void password(String token, String stationId) {
        Api.send("PUT", "/api/v1/charge-stations/" + enc(stationId) + "/credentials", token,
                "{\"password\":\"" + Fixtures.STATION_PASSWORD + "\"}", "application/json").expect(204);
    }

    private static String range(Instant around) {
        return "date_from=" + enc(around.minus(1, ChronoUnit.HOURS).toString()) + "&date_to=" + enc(around.plus(1, ChronoUnit.HOURS).toString());
    }

    @Test
    void groupListsFilterSortAndPageAsTheVendorsClientsAskThem() {
        String cpoA = Fixtures.cpo();
        String cpoB = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoA, cpoB);
        String prefix = "Lists " + Api.unique();
        String dc = create(token, cpoA, prefix + " 1", "CAPACITYMANAGEMENTDC", "API");
        String none = create(token, cpoB, prefix + " 2", "NONE", "DEFAULT");
        String managed = create(token, cpoB, prefix + " 3", "CAPACITYMANAGEMENTDEFAULT", null);
        String q = "/capacitygroups?name=" + enc(prefix);

        assertEquals("DEFAULT", call("GET", "/capacitygroups/" + none, token, null).expect(200).json().getString("capacity_update_method"));
        assertEquals(List.of(dc), strings(array(q + "&algorithm=CAPACITYMANAGEMENTDC", token), "id"));
        assertEquals(List.of(none), strings(array(q + "&algorithm=NONE", token), "id"));
        assertEquals(List.of(managed), strings(array(q + "&algorithm=CAPACITYMANAGEMENTDEFAULT", token), "id"));

        List<String> byId = new ArrayList<>(List.of(dc, none, managed));
        byId.sort(Comparator.naturalOrder());
        assertEquals(byId, strings(array(q + "&order_by_id=ASC", token), "id"));
        assertEquals(reversed(byId), strings(array(q + "&order_by_id=DESC", token), "id"));
        assertEquals(List.of(dc, none, managed), strings(array(q + "&order_by_name=ASC", token), "id"));
        // sort keys apply in the order the query gives them
        assertEquals(List.of(managed, none, dc), strings(array(q + "&order_by_cpo_external_id=" + (cpoA.compareTo(cpoB) < 0 ? "DESC" : "ASC")
                + "&order_by_name=DESC", token), "id"));
        assertEquals(List.of(dc, managed, none), strings(array(q + "&order_by_algorithm=ASC&order_by_name=ASC", token), "id"),
                "CAPACITYMANAGEMENTDC < CAPACITYMANAGEMENTDEFAULT < NONE");
        assertEquals(List.of(none, managed, dc), strings(array(q + "&order_by_algorithm=DESC&order_by_cpo_external_id=ASC", token), "id"));

        // the list of CPOs: repeated, comma-joined or with brackets, as the vendor's clients write it
        assertEquals(1, array(q + "&cpo_external_ids=" + enc(cpoA), token).size());
        assertEquals(3, array(q + "&cpo_external_ids=" + enc(cpoA + "," + cpoB), token).size());
        assertEquals(2, array(q + "&cpo_external_ids%5B%5D=" + enc(cpoB), token).size());
        assertEquals(3, array(q + "&cpo_external_ids=" + enc(cpoA) + "&cpo_external_ids=" + enc(cpoB), token).size());
        assertEquals(List.of(cpoA, cpoB).stream().sorted().toList(), call("GET", "/capacitygroups/cpoexternalids", token, null).expect(200)
                .jsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());

        assertEquals(List.of(none), strings(array(q + "&order_by_name=ASC&limit=1&offset=1", token), "id"));
        assertEquals(0, array(q + "&offset=3", token).size());
        assertEquals("limit", call("GET", q + "&limit=0", token, null).problem(400).getString("field"));
        assertEquals("limit", call("GET", q + "&limit=10001", token, null).problem(400).getString("field"));
        assertEquals("offset", call("GET", q + "&offset=-1", token, null).problem(400).getString("field"));
        assertEquals("order_by_id", call("GET", q + "&order_by_id=up", token, null).problem(400).getString("field"));
    }

    /** PARENTGROUP: a capacity group hangs on another through our extension, parent_capacity_group_id. */
    @Test
    void aCapacityGroupTakesItsCapacityFromItsParent() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String parent = create(token, cpoId, "Connection " + Api.unique(), null, null);
        String body = "{\"name\":\"Board\",\"cpo_external_id\":\"" + cpoId + "\",\"capacity_update_method\":\"PARENTGROUP\","
                + "\"parent_capacity_group_id\":\"" + parent + "\"}";
        String created = call("POST", "/capacitygroups", token, body).expect(200).body();
        String child = ((JsonString) Json.createReader(new StringReader(created)).readValue()).getString();
        JsonObject read = call("GET", "/capacitygroups/" + child, token, null).expect(200).json();
        assertEquals("PARENTGROUP", read.getString("capacity_update_method"));
        assertEquals(parent, read.getString("parent_capacity_group_id"));
        // an update that does not name the parent leaves it; our own API shows the same tree
        call("PUT", "/capacitygroups/" + child, token, "{\"name\":\"Board 2\",\"capacity_update_method\":\"PARENTGROUP\"}").expect(200);
        assertEquals(parent, call("GET", "/capacitygroups/" + child, token, null).expect(200).json().getString("parent_capacity_group_id"));
        assertEquals(parent, Api.get("/api/v1/smart-charging-groups/" + child, token).expect(200).json().getString("parent_group_id"));
        // an unknown parent is not found, like any foreign id; a cycle is named by the vendor's field
        call("POST", "/capacitygroups", token, body.replace(parent, "00000000-0000-0000-0000-000000000000")).problem(404);
        JsonObject cycle = call("PUT", "/capacitygroups/" + parent, token, "{\"name\":\"n\",\"parent_capacity_group_id\":\"" + child + "\"}")
                .problem(400);
        assertEquals("parent_capacity_group_id", cycle.getString("field"));
        // a parent still feeding a group is not deleted
        call("DELETE", "/capacitygroups/" + parent, token, null).problem(409);
    }

    @Test
    void unsupportedValuesAreRefusedWhereverTheyCanBeWritten() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String ac = create(token, cpoId, "Refusals " + Api.unique(), null, null);
        String dc = create(token, cpoId, "Refusals DC " + Api.unique(), "CAPACITYMANAGEMENTDC", null);
        for (String group : List.of(ac, dc)) {
            JsonObject problem0 = call("PUT", "/capacitygroups/" + group, token, "{\"name\":\"n\",\"capacity_update_method\":\"SOMETIMES\"}")
                    .problem(400);
            assertEquals("capacity_update_method", problem0.getString("field"));
            assertTrue(problem0.getString("detail").contains("SOMETIMES"), problem0.toString());
            String name = call("GET", "/capacitygroups/" + group, token, null).expect(200).json().getString("name");
            for (String method : List.of("EXTERNALMETER", "FILE")) {
                call("PUT", "/capacitygroups/" + group, token, "{\"name\":\"" + name + "\",\"capacity_update_method\":\"" + method + "\"}")
                        .expect(200);
                assertEquals(method, call("GET", "/capacitygroups/" + group, token, null).expect(200).json()
                        .getString("capacity_update_method"), "a site meter and capacity files are capacity sources the vendor's API names");
            }
            call("PUT", "/capacitygroups/" + group, token, "{\"name\":\"" + name + "\",\"capacity_update_method\":\"API\"}")
                    .expect(200);
            JsonObject orphan = call("PUT", "/capacitygroups/" + group, token, "{\"name\":\"n\",\"capacity_update_method\":\"PARENTGROUP\"}")
                    .problem(400);
            assertEquals("capacity_update_method", orphan.getString("field"));
            assertTrue(orphan.getString("detail").contains("parent"), "PARENTGROUP needs a parent: " + orphan);
            JsonObject problem = call("PUT", "/capacitygroups/" + group, token,
                    "{\"name\":\"n\",\"algorithm\":\"FANCY\"}").problem(400);
            assertEquals("algorithm", problem.getString("field"));
            assertTrue(problem.getString("detail").contains("unknown"), "named as unknown: " + problem);
        }
        JsonObject tou = call("PUT", "/capacitygroups/" + dc, token,
                "{\"name\":\"n\",\"algorithm\":\"CUSTOMERCONFIGUREDTOUALGORITHM\"}").problem(400);
        assertEquals("algorithm", tou.getString("field"), "time of use is in amperes: a DC group cannot take it " + tou);
        JsonObject filter = call("GET", "/capacitygroups?algorithm=FANCY", token, null).problem(400);
        assertEquals("algorithm", filter.getString("field"));
        assertTrue(call("GET", "/capacitygroups/" + ac, token, null).expect(200).json().getString("name").startsWith("Refusals"),
                "nothing was changed");

        String a = "/capacitygroups/" + ac;
        String d = "/capacitygroups/" + dc;
        String window = range(Instant.now());
        assertEquals("day_of_week", call("GET", a + "/capacityscenarios/dayofweek?day_of_week=FUNDAY", token, null).problem(400)
                .getString("field"));
        assertEquals("phase", call("GET", a + "/capacitymanagementdefault/allocationgraph?phase=L4&" + window, token, null).problem(400)
                .getString("field"));
        assertEquals("date_to", call("GET", a + "/capacitymanagementdefault/allocationgraph?date_from=2026-02-01T00:00:00Z"
                + "&date_to=2026-01-01T00:00:00Z", token, null).problem(400).getString("field"));
        assertEquals("date_from", call("GET", "/reports/priority?date_from=yesterday&date_to=2026-01-01T00:00:00Z", token, null)
                .problem(400).getString("field"));
        assertEquals("order_by_timestamp", call("GET", "/reports/priority?order_by_timestamp=NEWEST&" + window, token, null).problem(400)
                .getString("field"));
        assertEquals("smart_charging_status", call("GET", a + "/evses?smart_charging_status=DONE", token, null).problem(400)
                .getString("field"));
        for (String report : List.of("/capacitymanagementdefault/allocationgraph?" + window, "/capacitymanagementdefault/activeevses",
                "/capacitymanagementdefault/offlineevses")) {
            assertTrue(call("GET", d + report, token, null).problem(409).getString("detail").contains("CAPACITYMANAGEMENTDC"), report);
        }
        for (String report : List.of("/capacitymanagementdc/allocationgraph?" + window, "/capacitymanagementdc/activeevses",
                "/capacitymanagementdc/offlineevses", "/algorithms/capacitymanagementdc/state")) {
            assertTrue(call("GET", a + report, token, null).problem(409).getString("detail").contains("CAPACITYMANAGEMENTDEFAULT"), report);
        }
    }

    @Test
    void problemsNameTheVendorsFieldsAndScenarioTimesMayCarryAnOffset() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String u = Api.unique();
        String uid = "NL-VCI-E" + u + "-1";
        evse(token, cpoId, "VCI-" + u, 1, uid, "RST");
        String group = create(token, cpoId, "Fields " + u, null, "API");
        String g = "/capacitygroups/" + group;
        String state = g + "/algorithms/capacitymanagementdefault/state";

        JsonObject duplicate = call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"" + uid + "\"},{\"uid\":\"" + uid + "\"}]")
                .problem(400);
        assertEquals("[1].uid", duplicate.getString("field"), duplicate.toString());
        assertEquals("[0].uid", call("PUT", g + "/evses/chargepoints", token, "[{}]").problem(400).getString("field"));
        call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"" + uid + "\"}]").expect(200);
        JsonObject capacity = call("PUT", state, token, "{\"default_group_capacity_amps\":-1}").problem(400);
        assertEquals("default_group_capacity_amps", capacity.getString("field"));
        assertTrue(capacity.getString("detail").startsWith("default_group_capacity_amps: must be"), capacity.toString());
        assertEquals("min_allocation_amps", call("PUT", state, token, "{\"min_allocation_amps\":5.5}").problem(400).getString("field"));

        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.HOURS);
        String good = "{\"capacity\":10,\"start_date_time\":\"" + hour + "\",\"end_date_time\":\"" + hour.plus(1, ChronoUnit.HOURS) + "\"}";
        JsonObject period = call("PUT", g + "/capacityscenarios/datetime", token, "[" + good + ",{\"capacity\":-3,\"start_date_time\":\""
                + hour.plus(1, ChronoUnit.HOURS) + "\",\"end_date_time\":\"" + hour.plus(2, ChronoUnit.HOURS) + "\"}]").problem(400);
        assertEquals("[1].capacity", period.getString("field"), "the body is a bare array: " + period);
        assertEquals("[0].end_date_time", call("PUT", g + "/capacityscenarios/datetime", token, "[{\"capacity\":10,\"start_date_time\":\""
                + hour + "\",\"end_date_time\":\"2030-01-01T00:00:00\"}]").problem(400).getString("field"), "a time needs an offset");

        // the vendor's .NET client writes +00:00; any offset names the same instant
        DateTimeFormatter withOffset = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
        String start = hour.atOffset(ZoneOffset.UTC).format(withOffset);
        String end = hour.plus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.ofHours(2)).format(withOffset);
        assertTrue(start.endsWith("+00:00") && end.endsWith("+02:00"), start + " " + end);
        JsonArray stored = call("PUT", g + "/capacityscenarios/datetime", token, "[{\"capacity\":10,\"start_date_time\":\"" + start
                + "\",\"end_date_time\":\"" + end + "\"}]").expect(200).jsonArray();
        assertEquals(1, stored.size());
        assertEquals(hour, Instant.parse(stored.getJsonObject(0).getString("start_date_time")));
        assertEquals(hour.plus(1, ChronoUnit.HOURS), Instant.parse(stored.getJsonObject(0).getString("end_date_time")));

        JsonObject byUid = Api.get("/api/v1/evses?uid=" + enc(uid), token).expect(200).json();
        assertEquals(1, byUid.getInt("total"));
        assertEquals(uid, byUid.getJsonArray("items").getJsonObject(0).getString("uid"));
        assertEquals(0, Api.get("/api/v1/evses?uid=" + enc(uid), DevTokens.cpoAdmin(Fixtures.cpo())).expect(200).json().getInt("total"),
                "another CPO's EVSE is not found by its uid");
    }

    @Test
    void stationsReportTheirStatusAndBothApisShowTheSameGroup() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String u = Api.unique();
        String stationId = "VCS-" + u;
        List<String> uids = List.of("NL-VCS-E" + u + "-1", "NL-VCS-E" + u + "-2", "NL-VCS-E" + u + "-3");
        evse(token, cpoId, stationId, 1, uids.get(0), "RST");
        evse(token, cpoId, stationId, 2, uids.get(1), "L2");
        evse(token, cpoId, stationId, 3, uids.get(2), "RST");
        password(token, stationId);
        String group = create(token, cpoId, "Status " + u, "CAPACITYMANAGEMENTDEFAULT", "DEFAULT");
        String g = "/capacitygroups/" + group;
        String v1 = "/api/v1/smart-charging-groups/" + group;
        call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"" + String.join("\"},{\"uid\":\"", uids) + "\"}]").expect(200);
        call("PUT", g + "/algorithms/capacitymanagementdefault/state", token, "{\"default_group_capacity_amps\":24}").expect(200);

        JsonObject offline = call("GET", g + "/capacitymanagementdefault/offlineevses", token, null).expect(200).json();
        assertEquals(3, offline.getInt("number"), "the station has not connected: " + offline);
        assertEquals(3, Api.get(v1 + "/evse-summary", token).expect(200).json().getJsonObject("offline").getInt("number"));
        assertEquals(List.of("unknown", "unknown", "unknown"), strings(Api.get(v1 + "/evse-status", token).expect(200).json()
                .getJsonArray("items"), "status"));

        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            assertTrue(Ocpp16IT.awaitConnected(stationId, token, true));
            Function<String, List<String>> byStatus = s -> strings(array(g + "/evses?status=" + s + "&order_by_evse_uid=ASC", token), "uid");
            assertEquals(uids, byStatus.apply("AVAILABLE"), "connected, no report yet, no session");

            station.send(new StatusNotificationRequest(1, ChargePointErrorCode.GroundFailure, ChargePointStatus.Faulted));
            station.send(new StatusNotificationRequest(2, ChargePointErrorCode.NoError, ChargePointStatus.Reserved));
            station.send(new StatusNotificationRequest(3, ChargePointErrorCode.NoError, ChargePointStatus.Unavailable));
            assertEquals(List.of(uids.get(0)), byStatus.apply("OUTOFORDER"));
            assertEquals(List.of(uids.get(1)), byStatus.apply("RESERVED"));
            assertEquals(List.of(uids.get(2)), byStatus.apply("INOPERATIVE"));
            for (String never : List.of("BLOCKED", "PLANNED", "REMOVED", "UNKNOWN", "CHARGING", "AVAILABLE")) {
                assertEquals(List.of(), byStatus.apply(never), never);
            }
            java.util.Map<String, String> v1Status = new java.util.HashMap<>();
            Api.get(v1 + "/evse-status", token).expect(200).json().getJsonArray("items").getValuesAs(JsonObject.class)
                    .forEach(o -> v1Status.put(o.getString("uid"), o.getString("status")));
            assertEquals(java.util.Map.of(uids.get(0), "outoforder", uids.get(1), "reserved", uids.get(2), "inoperative"), v1Status,
                    "the same statuses through /api/v1");
            station.send(new StatusNotificationRequest(0, ChargePointErrorCode.NoError, ChargePointStatus.Unavailable));
            assertEquals(List.of(uids.get(0)), byStatus.apply("OUTOFORDER"), "a fault outranks the station's Unavailable");
            assertEquals(List.of(uids.get(1), uids.get(2)), byStatus.apply("INOPERATIVE"), "connector 0 is the whole station");
            station.send(new StatusNotificationRequest(0, ChargePointErrorCode.NoError, ChargePointStatus.Available));
            for (int connector = 1; connector <= 3; connector++) {
                station.send(new StatusNotificationRequest(connector, ChargePointErrorCode.NoError, ChargePointStatus.Available));
            }
            assertEquals(uids, byStatus.apply("AVAILABLE"));

            station.send(new StatusNotificationRequest(1, ChargePointErrorCode.NoError, ChargePointStatus.Preparing));
            assertEquals(List.of(uids.get(0)), byStatus.apply("CHARGING"), "Preparing is in use, before any session");
            int tx1 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "S1", 0, ZonedDateTime.now())))
                    .getTransactionId();
            int tx2 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(2, "S2", 0, ZonedDateTime.now())))
                    .getTransactionId();
            station.send(new StatusNotificationRequest(2, ChargePointErrorCode.NoError, ChargePointStatus.SuspendedEV));
            // 24 A per phase: the three-phase socket and the L2 socket share L2, 12 A each
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(1, tx1, 12.0), seen), Ocpp16IT.summary(seen));
            assertTrue(seen.stream().anyMatch(Ocpp16IT.txProfile(2, tx2, 12.0))
                    || station.awaitProfile(Ocpp16IT.txProfile(2, tx2, 12.0), seen) != null, Ocpp16IT.summary(seen));
            station.send(Ocpp16IT.amps(1, tx1, 10.0));
            station.send(Ocpp16IT.amps(2, tx2, 0.2));
            assertEquals(List.of(uids.get(0), uids.get(1)), byStatus.apply("CHARGING"), "Preparing and SuspendedEV are in use");
            assertEquals(List.of(uids.get(1)), strings(array(g + "/evses?smart_charging_status=VEHICLEDONECHARGING", token), "uid"),
                    "0.2 A of 12 A: the vehicle is done");
            assertEquals(List.of(uids.get(0)), strings(array(g + "/evses?smart_charging_status=SMARTCHARGINGACTIVE", token), "uid"));
            assertEquals(List.of(uids.get(1)), strings(array(g + "/evses?charge_point_id=" + enc(stationId) + "&status=CHARGING"
                    + "&order_by_status=ASC&order_by_evse_uid=DESC&limit=1", token), "uid"));
            assertEquals(0, array(g + "/evses?charge_point_id=ELSEWHERE", token).size());

            // the summary of the active EVSEs, through both APIs; the allocation may still move (the vehicle on
            // connector 2 hardly draws), so read until both APIs and the EVSE list tell one story
            JsonObject active = null;
            JsonObject v1Active = null;
            double[] limits = null;
            long deadline = System.nanoTime() + 15_000_000_000L;
            do {
                Thread.sleep(active == null ? 0 : 200);
                active = call("GET", g + "/capacitymanagementdefault/activeevses", token, null).expect(200).json();
                v1Active = Api.get(v1 + "/evse-summary", token).expect(200).json().getJsonObject("active");
                List<JsonObject> items = Api.get(v1 + "/evse-status", token).expect(200).json().getJsonArray("items")
                        .getValuesAs(JsonObject.class);
                limits = new double[3];
                for (JsonObject item : items) {
                    limits[uids.indexOf(item.getString("uid"))] = item.getJsonNumber("allocated").doubleValue();
                }
            } while (System.nanoTime() < deadline && !(active.getJsonNumber("allocated").doubleValue() == limits[0] + limits[1]
                    && v1Active.getJsonNumber("allocated").doubleValue() == limits[0] + limits[1]));
            assertEquals(2, active.getInt("number"));
            assertEquals(limits[0] + limits[1], active.getJsonNumber("allocated").doubleValue(), active.toString());
            assertEquals(limits[0], active.getJsonNumber("allocated_l1").doubleValue(), "only the three-phase socket is on L1");
            assertEquals(limits[0] + limits[1], active.getJsonNumber("allocated_l2").doubleValue());
            assertEquals(limits[0], active.getJsonNumber("allocated_l3").doubleValue());
            assertTrue(limits[0] + limits[1] <= 24.0, "within the capacity of L2");
            assertTrue(active.containsKey("power_consumption_l1_watts"), active.toString());
            assertEquals(2300.0, active.getJsonNumber("power_consumption_l1_watts").doubleValue(), 0.01, "10 A at 230 V");
            assertEquals(2300.0 + 46.0, active.getJsonNumber("power_consumption_l2_watts").doubleValue(), 0.01);
            assertEquals(3 * 2300.0 + 46.0, active.getJsonNumber("power_consumption_watts").doubleValue(), 0.01);
            assertEquals(active.getJsonNumber("allocated_l2").doubleValue(), v1Active.getJsonObject("allocated_per_phase")
                    .getJsonNumber("l2").doubleValue());
            assertEquals(active.getJsonNumber("power_consumption_watts").doubleValue(), v1Active.getJsonNumber("watts").doubleValue());
            assertEquals(0, call("GET", g + "/capacitymanagementdefault/offlineevses", token, null).expect(200).json().getInt("number"));

            // the allocation graph: a point per phase per record, each EVSE with its level and order, the same in both APIs;
            // read up to a fixed end; a run that began before that end may still commit its record between the two reads
            // (re-plans follow the stations' answers), so the reads are repeated until the vendor's is the same after
            Instant to = Instant.now();
            Instant from = to.minus(1, ChronoUnit.HOURS);
            String window = "date_from=" + enc(from.toString()) + "&date_to=" + enc(to.toString());
            JsonArray vendor;
            JsonArray platform;
            int reads = 0;
            do {
                Thread.sleep(reads == 0 ? 0 : 300);
                vendor = array(g + "/capacitymanagementdefault/allocationgraph?" + window, token);
                platform = Api.get(v1 + "/allocation-graph?from=" + enc(from.toString()) + "&to=" + enc(to.toString()) + "&limit=500",
                        token).expect(200).json().getJsonArray("items");
            } while (++reads < 20 && vendor.size() != array(g + "/capacitymanagementdefault/allocationgraph?" + window, token).size());
            assertEquals(vendor.size(), platform.size());
            assertEquals(0, vendor.size() % 3);
            JsonObject last = vendor.getJsonObject(vendor.size() - 2);
            assertEquals("L2", last.getString("phase"));
            List<JsonObject> onL2 = last.getJsonArray("evses").getValuesAs(JsonObject.class);
            assertEquals(3, onL2.size(), "all three draw on L2");
            assertEquals(onL2.stream().mapToDouble(e -> e.getJsonNumber("allocated_amps").doubleValue()).sum(),
                    last.getJsonNumber("total_allocated_amps").doubleValue(), 0.001);
            assertEquals(List.of(1, 2, 3), onL2.stream().map(e -> e.getInt("order")).toList());
            assertEquals(List.of("NORMAL", "NORMAL", "AVAILABLE"), onL2.stream().map(e -> e.getString("level")).toList());
            assertTrue(onL2.get(0).getJsonNumber("allocated_amps").doubleValue() >= onL2.get(1).getJsonNumber("allocated_amps").doubleValue(),
                    "within a level, the larger limit comes first");
            assertEquals(uids.get(2), onL2.get(2).getString("uid"));
            JsonObject lastL1 = vendor.getJsonObject(vendor.size() - 3);
            assertEquals(2, lastL1.getJsonArray("evses").size(), "the L2 socket is not on L1");
            for (int i = 0; i < vendor.size(); i++) {
                JsonObject x = vendor.getJsonObject(i);
                JsonObject y = platform.getJsonObject(i);
                assertEquals(x.getString("timestamp"), y.getString("timestamp"));
                assertEquals(x.getString("phase").toLowerCase(Locale.ROOT), y.getString("phase"));
                assertEquals(x.getJsonNumber("total_allocated_amps").doubleValue(), y.getJsonNumber("total_allocated").doubleValue());
                assertEquals(strings(x.getJsonArray("evses"), "uid"), strings(y.getJsonArray("evses"), "uid"));
                assertEquals(strings(x.getJsonArray("evses"), "level").stream().map(l -> l.toLowerCase(Locale.ROOT)).toList(),
                        strings(y.getJsonArray("evses"), "level"));
            }
            // paging runs over the points, across the phases of one record
            for (int offset = 0; offset < Math.min(vendor.size(), 5); offset++) {
                JsonArray page = array(g + "/capacitymanagementdefault/allocationgraph?offset=" + offset + "&limit=2&" + window, token);
                assertEquals(vendor.subList(offset, Math.min(vendor.size(), offset + 2)), page, "offset " + offset);
            }
            JsonArray l2 = array(g + "/capacitymanagementdefault/allocationgraph?phase=L2&" + window, token);
            assertEquals(vendor.size() / 3, l2.size());
            assertEquals(vendor.getJsonObject(vendor.size() - 2), l2.getJsonObject(l2.size() - 1));
        }
        assertFalse(Ocpp16IT.awaitConnected(stationId, token, false), "the station has gone");
        assertEquals(3, call("GET", g + "/capacitymanagementdefault/offlineevses", token, null).expect(200).json().getInt("number"));
        assertEquals(List.of("UNKNOWN", "UNKNOWN", "UNKNOWN"), strings(array(g + "/evses", token), "status"));
        assertEquals(List.of("OFFLINE", "OFFLINE", "OFFLINE"), strings(array(g + "/evses", token), "smart_charging_status"));
    }

    @Test
    void aCapacityProviderSteersItsGrantedGroupAndReadsItsPriorityReport() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String u = Api.unique();
        String stationId = "VCP-" + u;
        String uidA = "NL-VCP-E" + u + "-1";
        String uidB = "NL-VCP-E" + u + "-2";
        evse(token, cpoId, stationId, 1, uidA, "RST");
        evse(token, cpoId, stationId, 2, uidB, "RST");
        password(token, stationId);
        String group = create(token, cpoId, "Trader view " + u, "CAPACITYMANAGEMENTDEFAULT", "API");
        String other = create(token, cpoId, "Not granted " + u, null, null);
        String g = "/capacitygroups/" + group;
        call("PUT", g + "/evses/chargepoints", token, "[{\"uid\":\"" + uidA + "\"},{\"uid\":\"" + uidB + "\"}]").expect(200);
        String client = "trader-" + u;
        Api.put("/api/v1/smart-charging-groups/" + group + "/grants/" + client, token).expect(201);
        String trader = DevTokens.capacityProvider(client);

        assertEquals(List.of(group), strings(array("/capacitygroups", trader), "id"), "only the granted group");
        call("GET", "/capacitygroups/" + other, trader, null).problem(404);
        assertEquals(List.of(cpoId), call("GET", "/capacitygroups/cpoexternalids", trader, null).expect(200).jsonArray()
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        call("PUT", g, trader, "{\"name\":\"mine now\"}").problem(403);
        call("POST", g + "/evses/" + enc(uidA) + "/priority", trader, null).problem(403);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        call("PUT", g + "/capacityscenarios/datetime", trader, "[{\"capacity\":20,\"start_date_time\":\"" + now.minus(1, ChronoUnit.MINUTES)
                + "\",\"end_date_time\":\"" + now.plus(2, ChronoUnit.HOURS) + "\"}]").expect(200);

        List<SetChargingProfileRequest> seen = new ArrayList<>();
        try (Ocpp16IT.Station station = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD)) {
            assertTrue(station.isOpen());
            int tx1 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(1, "P1", 0, ZonedDateTime.now())))
                    .getTransactionId();
            int tx2 = ((StartTransactionConfirmation) station.send(new StartTransactionRequest(2, "P2", 0, ZonedDateTime.now())))
                    .getTransactionId();
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(2, tx2, 10.0), seen), Ocpp16IT.summary(seen));

            Instant before = Instant.now().minusSeconds(1);
            // two requests on A (the first withdrawn through /api/v1), one on B through /api/v1 by uid
            call("POST", g + "/evses/" + enc(uidA) + "/priority", token, null).expect(200);
            JsonObject first = Api.get("/api/v1/priority-requests?evse_uid=" + enc(uidA), token).expect(200).json().getJsonArray("items")
                    .getJsonObject(0);
            assertEquals(uidA, first.getString("evse_uid"));
            Api.post("/api/v1/priority-requests/" + first.getString("request_id") + "/cancel", token, "").expect(200);
            Thread.sleep(20);
            JsonObject viaV1 = Api.post("/api/v1/priority-requests", token, "{\"evse_uid\":\"" + uidB + "\",\"requested_by\":\"app\"}")
                    .expect(201).json();
            assertEquals(uidB, viaV1.getString("evse_uid"));
            Thread.sleep(20);
            Api.post("/api/v1/priority-requests/" + viaV1.getString("request_id") + "/cancel", token, "").expect(200);
            call("POST", g + "/evses/" + enc(uidA) + "/priority", token, null).expect(200);
            assertNotNull(station.awaitProfile(Ocpp16IT.txProfile(1, tx1, 14.0), seen), "priority: 14 A of 20 " + Ocpp16IT.summary(seen));

            String window = "date_from=" + enc(before.toString()) + "&date_to=" + enc(Instant.now().plusSeconds(60).toString());
            JsonArray ascending = array("/reports/priority?" + window + "&order_by_timestamp=ASC", trader);
            assertEquals(List.of(uidA, uidB, uidA), strings(ascending, "evse_uid"), "a capacity provider sees uids too");
            JsonArray descending = array("/reports/priority?" + window + "&order_by_timestamp=DESC", trader);
            assertEquals(List.of(uidA, uidB, uidA), reversed(strings(descending, "evse_uid")));
            assertEquals(reversed(strings(ascending, "timestamp")), strings(descending, "timestamp"));
            assertEquals(List.of(uidB), strings(array("/reports/priority?" + window + "&evse_uid=" + enc(uidB), trader), "evse_uid"));
            assertEquals(2, array("/reports/priority?" + window + "&evse_uid=" + enc(uidA), trader).size());
            assertEquals(List.of(uidB), strings(array("/reports/priority?" + window + "&order_by_timestamp=ASC&limit=1&offset=1", trader),
                    "evse_uid"));
            assertEquals(3, array("/reports/priority?" + window + "&capacity_group_id=" + group + "&cpo_external_ids="
                    + enc(cpoId + ",NL*NONE"), trader).size());
            assertEquals(0, array("/reports/priority?" + window + "&cpo_external_ids%5B%5D=NL*NONE", trader).size());
            call("GET", "/reports/priority?" + window + "&capacity_group_id=" + other, trader, null).problem(404);
            assertEquals(2, Api.get("/api/v1/priority-requests?evse_uid=" + enc(uidA) + "&order=desc&cpo_id=" + enc(cpoId), trader)
                    .expect(200).json().getInt("total"));

            JsonArray graph = array(g + "/capacitymanagementdefault/allocationgraph?phase=L1&" + range(Instant.now()), trader);
            JsonObject last = graph.getJsonObject(graph.size() - 1);
            assertEquals(List.of("PRIORITY", "NORMAL"), strings(last.getJsonArray("evses"), "level"), last.toString());
            assertEquals(List.of(uidA, uidB), strings(last.getJsonArray("evses"), "uid"));
            assertEquals(JsonValue.ValueType.NUMBER, last.get("capacity").getValueType());
        }
    }

    @Test
    void timeZonesListUtcAndTheRegionsThroughBothApis() {
        String token = DevTokens.cpoAdmin(Fixtures.cpo());
        JsonArray vendor = array("/capacitygroups/timezones", token);
        JsonArray platform = Api.get("/api/v1/time-zones", token).expect(200).jsonArray();
        assertEquals(vendor.size(), platform.size());
        JsonObject utc = vendor.getValuesAs(JsonObject.class).stream().filter(z -> z.getString("id").equals("UTC")).findFirst().orElseThrow();
        assertEquals("00:00:00", utc.getString("utc_offset"));
        assertTrue(platform.getValuesAs(JsonObject.class).stream().anyMatch(z -> z.getString("id").equals("America/St_Johns")
                && z.getString("utc_offset").equals("-03:30:00")));
        assertTrue(vendor.getValuesAs(JsonObject.class).stream().noneMatch(z -> z.getString("id").startsWith("Etc/")));
        assertEquals(0, Api.get("/api/v1/evses?uid=NL-NOPE-" + Api.unique(), token).expect(200).json().getInt("total"));
    }
}
