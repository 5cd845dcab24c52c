package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.chargetime.ocpp.model.core.BootNotificationRequest;
import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StartTransactionRequest;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Groups as a grid tree (a connection, boards, cables) on the running server: the tree's rules through the API, and
 * limits that hold at every node for real stations, an OCPP 1.6 station on the Java-OCA-OCPP client and an OCPP 2.0.1
 * station on {@code ocpp-rpc} in strict mode.
 */
class GridTreeIT {

    private static final String GROUPS = "/api/v1/smart-charging-groups";

    private static String group(String token, String cpoId, String name, double capacity, List<String> evseIds, String more) {
        String ids = String.join(",", evseIds.stream().map(id -> '"' + id + '"').toList());
        return Api.post(GROUPS, token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"" + name + "\",\"algorithm\":{\"name\":\"equal_share\"},"
                + "\"default_capacity_amps\":" + capacity + ",\"evse_ids\":[" + ids + "]" + more + "}").expect(201).json().getString("group_id");
    }

    @Test
    void groupsHangOnParentsToAnyDepthAndTheTreesRulesAreKept() {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        // six levels, made from the top: each level below hangs on the one above and brings an EVSE
        String top = Fixtures.group(token, cpoId, Fixtures.evse(token, cpoId));
        List<String> chain = new ArrayList<>(List.of(top));
        for (int level = 1; level < 6; level++) {
            chain.add(group(token, cpoId, "Level " + level, 100 - 10 * level, List.of(Fixtures.evse(token, cpoId)),
                    ",\"parent_group_id\":\"" + chain.get(level - 1) + "\",\"parent_phase_rotation\":\"STR\""));
        }
        JsonObject deepest = Api.get(groupPath(chain.get(5)), token).expect(200).json();
        assertEquals(chain.get(4), deepest.getString("parent_group_id"));
        assertEquals("STR", deepest.getString("parent_phase_rotation"));
        JsonObject tree = Api.get(groupPath(top) + "/tree", token).expect(200).json();
        JsonArray nodes = tree.getJsonArray("nodes");
        assertEquals(6, nodes.size());
        for (int level = 0; level < 6; level++) {
            assertEquals(chain.get(level), nodes.getJsonObject(level).getString("group_id"));
            assertEquals(level, nodes.getJsonObject(level).getInt("depth"));
        }

        // the list pages over the tops of the caller's trees, and opens onto a group's children
        JsonArray tops = Api.get(GROUPS + "?cpo_id=" + Api.enc(cpoId) + "&top_level=true", token).expect(200).json().getJsonArray("items");
        assertEquals(List.of(top), tops.getValuesAs(JsonObject.class).stream().map(g -> g.getString("group_id")).toList());
        assertTrue(tops.getJsonObject(0).getBoolean("has_children"));
        JsonArray under = Api.get(GROUPS + "?parent_group_id=" + Api.enc(chain.get(2)), token).expect(200).json().getJsonArray("items");
        assertEquals(List.of(chain.get(3)), under.getValuesAs(JsonObject.class).stream().map(g -> g.getString("group_id")).toList());
        assertFalse(Api.get(groupPath(chain.get(5)), token).expect(200).json().getBoolean("has_children"));
        assertEquals("top_level", Api.get(GROUPS + "?top_level=yes", token).problem(400).getString("field"));
        // a capacity provider granted two levels of the middle sees the upper one as a top: it does not see its parent
        String client = "dso-" + Api.unique();
        Api.put(groupPath(chain.get(3)) + "/grants/" + client, token).expect(201);
        Api.put(groupPath(chain.get(4)) + "/grants/" + client, token).expect(201);
        String provider = DevTokens.capacityProvider(client);
        assertEquals(List.of(chain.get(3)), Api.get(GROUPS + "?top_level=true", provider).expect(200).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(g -> g.getString("group_id")).toList());
        assertEquals(2, Api.get(GROUPS, provider).expect(200).json().getInt("total"));
        // and it is told only of the tree it sees: not of the parent above its top, nor of groups below that are not its
        JsonObject providersTop = Api.get(groupPath(chain.get(3)), provider).expect(200).json();
        assertFalse(providersTop.containsKey("parent_group_id"), providersTop.toString());
        assertTrue(providersTop.getBoolean("has_children"));
        assertFalse(Api.get(groupPath(chain.get(4)), provider).expect(200).json().getBoolean("has_children"),
                "the group below it is not granted");
        assertTrue(Api.get(groupPath(chain.get(4)), token).expect(200).json().getBoolean("has_children"), "the CPO sees it");

        // a cycle: the top under its own descendant
        JsonObject cycle = Api.patch(groupPath(top), token, "{\"parent_group_id\":\"" + chain.get(3) + "\"}").problem(400);
        assertEquals("parent_group_id", cycle.getString("field"));
        assertEquals("parent_group_id", Api.patch(groupPath(chain.get(2)), token, "{\"parent_group_id\":\"" + chain.get(2) + "\"}")
                .problem(400).getString("field"), "nor under itself");
        // another CPO's group is not found, like any foreign id
        String otherCpo = Fixtures.cpo();
        String otherToken = DevTokens.cpoAdmin(otherCpo);
        String foreign = Fixtures.group(otherToken, otherCpo, Fixtures.evse(otherToken, otherCpo));
        Api.patch(groupPath(chain.get(5)), token, "{\"parent_group_id\":\"" + foreign + "\"}").problem(404);
        // amperes and watts do not mix
        String dcEvse = "NL*ITX*E" + Api.unique();
        Api.post("/api/v1/evses", token, "{\"evse_id\":\"" + dcEvse + "\",\"cpo_id\":\"" + cpoId + "\",\"charge_station_id\":\"CS-"
                + Api.unique() + "\",\"connector_id\":1,\"max_current_amps\":200,\"phases\":3,\"max_power_watts\":50000}").expect(201);
        String dc = Api.post(GROUPS, token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"DC\",\"algorithm\":{\"name\":\"equal_share\"},"
                + "\"default_capacity_amps\":100000,\"capacity_unit\":\"W\",\"evse_ids\":[\"" + dcEvse + "\"]}").expect(201).json()
                .getString("group_id");
        JsonObject mixed = Api.patch(groupPath(dc), token, "{\"parent_group_id\":\"" + top + "\"}").problem(400);
        assertEquals("parent_group_id", mixed.getString("field"));
        assertTrue(mixed.getString("detail").contains("do not mix"), mixed.toString());
        // a rotation must be one of OCPP's names
        assertEquals("parent_phase_rotation", Api.patch(groupPath(chain.get(5)), token, "{\"parent_phase_rotation\":\"XYZ\"}")
                .problem(400).getString("field"));
        // PARENTGROUP needs a parent
        JsonObject orphan = Api.post(GROUPS, token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Orphan\",\"algorithm\":{\"name\":\"equal_share\"},"
                + "\"default_capacity_amps\":10,\"capacity_update_method\":\"PARENTGROUP\",\"evse_ids\":[\"" + Fixtures.evse(token, cpoId)
                + "\"]}").problem(400);
        assertEquals("capacity_update_method", orphan.getString("field"));
        // a group that feeds others is not deleted, and the refusal names them
        JsonObject feeding = Api.delete(groupPath(chain.get(4)), token).problem(409);
        assertTrue(feeding.getString("detail").contains(chain.get(5)), feeding.toString());
        // nothing of the refused changes stuck
        assertEquals(chain.get(4), Api.get(groupPath(chain.get(5)), token).expect(200).json().getString("parent_group_id"));
        assertFalse(Api.get(groupPath(top), token).expect(200).json().containsKey("parent_group_id"));

        // null detaches: the deepest group stands on its own again
        JsonObject detached = Api.patch(groupPath(chain.get(5)), token, "{\"parent_group_id\":null}").expect(200).json();
        assertFalse(detached.containsKey("parent_group_id"), detached.toString());
        assertEquals(5, Api.get(groupPath(top) + "/tree", token).expect(200).json().getJsonArray("nodes").size());
        // and a board made above existing groups adopts them
        String board = Api.post(GROUPS, token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Board\",\"algorithm\":{\"name\":\"equal_share\"},"
                + "\"default_capacity_amps\":50,\"child_group_ids\":[\"" + chain.get(5) + "\"]}").expect(201).json().getString("group_id");
        assertEquals(board, Api.get(groupPath(chain.get(5)), token).expect(200).json().getString("parent_group_id"));
        JsonObject boardView = Api.get(groupPath(board), token).expect(200).json();
        assertEquals(0, boardView.getInt("evse_count"));
        assertFalse(boardView.getBoolean("incomplete"), "a board with EVSEs below it is complete");
        JsonObject empty = Api.post(GROUPS, token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Empty\",\"algorithm\":{\"name\":\"equal_share\"},"
                + "\"default_capacity_amps\":50,\"evse_ids\":[]}").problem(400);
        assertEquals("evse_ids", empty.getString("field"));
    }

    /** A group with PARENTGROUP has no limit of its own: it is held by its parent's, as the tree shows once allocated. */
    @Test
    void aParentGroupNodeIsHeldByItsParentsCapacity() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String root = group(token, cpoId, "Connection", 50, List.of(Fixtures.evse(token, cpoId)), "");
        String child = group(token, cpoId, "Board", 10, List.of(Fixtures.evse(token, cpoId)), ",\"parent_group_id\":\"" + root
                + "\",\"capacity_update_method\":\"PARENTGROUP\"");
        // a PARENTGROUP group takes no capacity profile of its own
        Api.send("PUT", groupPath(child) + "/capacity-profile", token, "{\"type\":\"capacity_limit\",\"periods\":[{"
                + "\"start_date_time\":\"2099-01-01T00:00:00Z\",\"end_date_time\":\"2099-01-02T00:00:00Z\",\"capacity\":40}]}",
                "application/json").problem(409);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonObject board = null;
        while (System.nanoTime() < deadline) {
            board = Api.get(groupPath(root) + "/tree", token).expect(200).json().getJsonArray("nodes").getJsonObject(1);
            if (board.containsKey("capacity")) {
                break;
            }
            Thread.sleep(100);
        }
        assertNotNull(board);
        assertEquals("PARENTGROUP", board.getString("capacity_update_method"));
        assertEquals(50.0, board.getJsonObject("capacity").getJsonNumber("l1").doubleValue(), 1e-9,
                "its default of 10 A is not a limit; the connection's 50 A is: " + board);
        // and it cannot stand alone
        assertEquals("capacity_update_method", Api.patch(groupPath(child), token, "{\"parent_group_id\":null}").problem(400)
                .getString("field"));
    }

    /**
     * A connection (46 A after a cut) feeds a board (40 A, then 30 A), which feeds a cable (30 A). On the cable: a 1.6
     * station charging, and a 10 A EVSE whose station is offline (counted at 10 A everywhere above it). On the board:
     * a 2.0.1 station charging. On the connection: another 1.6 station charging. Every session can take 32 A.
     */
    @Test
    void limitsHoldAtEveryNodeForRealStations() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String cableStation = "CS16-" + Api.unique();
        String boardStation = "CS201-" + Api.unique();
        String rootStation = "CS16-" + Api.unique();
        String offlineStation = "CS16-" + Api.unique();
        String a = Fixtures.station(token, cpoId, cableStation, 1).get(0);
        String b = Fixtures.station(token, cpoId, boardStation, 1).get(0);
        String c = Fixtures.station(token, cpoId, rootStation, 1).get(0);
        String offline = "NL*ITX*E" + Api.unique();
        Api.post("/api/v1/evses", token, "{\"evse_id\":\"" + offline + "\",\"cpo_id\":\"" + cpoId + "\",\"charge_station_id\":\""
                + offlineStation + "\",\"connector_id\":1,\"max_current_amps\":10,\"phases\":3}").expect(201);
        Api.send("PUT", "/api/v1/charge-stations/" + Api.enc(offlineStation) + "/credentials", token,
                "{\"password\":\"" + Fixtures.STATION_PASSWORD + "\"}", "application/json").expect(204);
        String root = group(token, cpoId, "Connection", 60, List.of(c), "");
        String boardGroup = group(token, cpoId, "Board", 40, List.of(b), ",\"parent_group_id\":\"" + root + "\"");
        String cable = group(token, cpoId, "Cable", 30, List.of(a, offline), ",\"parent_group_id\":\"" + boardGroup
                + "\",\"parent_phase_rotation\":\"TRS\"");

        List<SetChargingProfileRequest> seenA = new ArrayList<>();
        List<SetChargingProfileRequest> seenC = new ArrayList<>();
        Holding node = startHolding(boardStation);
        try (Ocpp16IT.Station stationA = new Ocpp16IT.Station(cableStation, Fixtures.STATION_PASSWORD);
             Ocpp16IT.Station stationC = new Ocpp16IT.Station(rootStation, Fixtures.STATION_PASSWORD)) {
            assertTrue(stationA.isOpen() && stationC.isOpen());
            stationA.send(new BootNotificationRequest("GridVendor", "Model-16"));
            stationC.send(new BootNotificationRequest("GridVendor", "Model-16"));
            // failsafes hold at every node with the platform gone: the smallest of each node's default capacity over the
            // EVSEs below it (cable 30 / 2, board 40 / 3, connection 60 / 4)
            SetChargingProfileRequest failsafeA = stationA.awaitProfile(r -> r.getConnectorId() == 0, seenA);
            assertNotNull(failsafeA, Ocpp16IT.summary(seenA));
            assertEquals(13.3, Ocpp16IT.firstLimit(failsafeA), "the cable station's failsafe keeps to the board's capacity");
            SetChargingProfileRequest failsafeC = stationC.awaitProfile(r -> r.getConnectorId() == 0, seenC);
            assertNotNull(failsafeC, Ocpp16IT.summary(seenC));
            assertEquals(15.0, Ocpp16IT.firstLimit(failsafeC), "the connection's own station: 60 A over the four EVSEs below it");
            int txA = ((StartTransactionConfirmation) stationA.send(new StartTransactionRequest(1, "TAG-A", 0, ZonedDateTime.now())))
                    .getTransactionId();
            int txC = ((StartTransactionConfirmation) stationC.send(new StartTransactionRequest(1, "TAG-C", 0, ZonedDateTime.now())))
                    .getTransactionId();
            // cable: a + 10 <= 30; board: a + 10 + b <= 40; connection: a + 10 + b + c <= 60. Max-min fair: 15, 15, 20
            assertLimits(stationA, txA, 15, seenA, stationC, txC, 20.0, seenC, boardStation, token, 15);
            JsonObject tree = Api.get(groupPath(root) + "/tree", token).expect(200).json();
            assertEquals(3, tree.getJsonArray("nodes").getJsonObject(0).getInt("sessions"), tree.toString());
            JsonObject boardNode = tree.getJsonArray("nodes").getJsonObject(1);
            assertEquals(40.0, boardNode.getJsonObject("allotted").getJsonNumber("l1").doubleValue(), 1e-9, tree.toString());
            assertEquals(0.0, boardNode.getJsonObject("headroom").getJsonNumber("l2").doubleValue(), 1e-9, tree.toString());
            // the board keeps its own allocation data: its capacity, its subtree's allotted, its own EVSE's limit
            JsonObject boardRecord = latestRecord(boardGroup, token);
            assertEquals(40.0, boardRecord.getJsonNumber("capacity_amps").doubleValue(), 1e-9, boardRecord.toString());
            assertEquals(40.0, boardRecord.getJsonObject("allotted_amps").getJsonNumber("l1").doubleValue(), 1e-9, boardRecord.toString());
            assertEquals(List.of(b), boardRecord.getJsonArray("evses").getValuesAs(JsonObject.class).stream()
                    .map(e -> e.getString("evse_id")).toList(), "only the board's own EVSE");

            // a capacity provider granted the board steers the board (and what is below it follows), not the connection
            String provider = "dso-" + Api.unique();
            Api.put(groupPath(boardGroup) + "/grants/" + provider, token).expect(201);
            String providerToken = DevTokens.capacityProvider(provider);
            Api.get(groupPath(root) + "/tree", providerToken).problem(404);
            assertEquals(2, Api.get(groupPath(boardGroup) + "/tree", providerToken).expect(200).json().getJsonArray("nodes").size());
            Api.send("PUT", groupPath(root) + "/capacity-profile", providerToken, "{\"type\":\"capacity_limit\",\"periods\":[]}",
                    "application/json").problem(404);
            Api.send("PUT", groupPath(boardGroup) + "/capacity-profile", providerToken, "{\"type\":\"capacity_limit\",\"periods\":[{"
                    + "\"start_date_time\":\"2099-01-01T00:00:00Z\",\"end_date_time\":\"2099-01-02T00:00:00Z\",\"capacity\":40}]}",
                    "application/json").expect(200);

            // a cut at the connection lowers everyone: a + b + c <= 36, 12 each
            Api.patch(groupPath(root), token, "{\"default_capacity_amps\":46}").expect(200);
            assertLimits(stationA, txA, 12, seenA, stationC, txC, 12.0, seenC, boardStation, token, 12);
            // and what the stations fall back to follows: the connection's 46 A over its four EVSEs
            assertFailsafe(stationA, seenA, 11.5);
            assertFailsafe(stationC, seenC, 11.5);

            // a cut at the board lowers its subtree only: a + b <= 20, and the connection's own session takes what they leave
            Api.patch(groupPath(boardGroup), token, "{\"default_capacity_amps\":30}").expect(200);
            assertLimits(stationA, txA, 10, seenA, stationC, txC, 16.0, seenC, boardStation, token, 10);
            assertFailsafe(stationA, seenA, 10.0); // the board's 30 A over the three EVSEs below it

            // the offline station comes online (no session): its 10 A go back to its sibling and cousin
            try (Ocpp16IT.Station back = new Ocpp16IT.Station(offlineStation, Fixtures.STATION_PASSWORD)) {
                assertTrue(back.isOpen());
                back.send(new BootNotificationRequest("GridVendor", "Model-16"));
                assertLimits(stationA, txA, 15, seenA, stationC, txC, null, seenC, boardStation, token, 15);
                assertEquals(16.0, Ocpp16IT.firstLimit(seenC.get(seenC.size() - 1)), "the connection's own session keeps its 16 A");
            }
        } finally {
            node.process().getOutputStream().close();
            assertTrue(node.process().waitFor(30, TimeUnit.SECONDS), "the 2.0.1 station ends when told");
        }
        String output = null;
        for (String line; (line = node.lines().readLine()) != null;) {
            output = line;
        }
        assertNotNull(output, "the 2.0.1 station reported");
        JsonObject report = Json.createReader(new StringReader(output)).readObject();
        assertFalse(report.containsKey("error"), report.toString());
        assertEquals(List.of(), report.getJsonArray("failures"), "every message either way kept to the OCPP 2.0.1 schemas");
        // every limit ever sent stayed within what the node above each station allowed at its tightest moment
        for (SetChargingProfileRequest profile : seenA) {
            assertTrue(Ocpp16IT.firstLimit(profile) <= 20.0, "the cable station never got more than its cable leaves: " + profile);
        }
        for (SetChargingProfileRequest profile : seenC) {
            assertTrue(Ocpp16IT.firstLimit(profile) <= 32.0, "the connection station within its maximum: " + profile);
        }
        assertNotNull(cable);
    }

    /** Waits for a station-wide failsafe (connector 0) of the limit, among what the station got so far or next. */
    private static void assertFailsafe(Ocpp16IT.Station station, List<SetChargingProfileRequest> seen, double limit) throws Exception {
        java.util.function.Predicate<SetChargingProfileRequest> wanted = r -> r.getConnectorId() == 0 && Ocpp16IT.firstLimit(r) == limit;
        if (seen.stream().noneMatch(wanted)) {
            assertNotNull(station.awaitProfile(wanted, seen), "a failsafe of " + limit + " A: " + Ocpp16IT.summary(seen));
        }
    }

    /** The group's latest allocation record. */
    private static JsonObject latestRecord(String groupId, String token) {
        JsonArray items = Api.get(groupPath(groupId) + "/allocation-data?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&limit=500",
                token).expect(200).json().getJsonArray("items");
        return items.getJsonObject(items.size() - 1);
    }

    /** Waits for the three stations' current limits; the 2.0.1 station's is read from the API. */
    private static void assertLimits(Ocpp16IT.Station a, int txA, double limitA, List<SetChargingProfileRequest> seenA,
                                     Ocpp16IT.Station c, int txC, Double limitC, List<SetChargingProfileRequest> seenC,
                                     String boardStation, String token, double limitB) throws Exception {
        assertNotNull(a.awaitProfile(Ocpp16IT.txProfile(1, txA, limitA), seenA), "cable station at " + limitA + " A: "
                + Ocpp16IT.summary(seenA));
        if (limitC != null) {
            assertNotNull(c.awaitProfile(Ocpp16IT.txProfile(1, txC, limitC), seenC), "connection station at " + limitC + " A: "
                    + Ocpp16IT.summary(seenC));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            JsonObject view = Api.get("/api/v1/charge-stations/" + Api.enc(boardStation), token).expect(200).json();
            last = view.getJsonArray("evses").getJsonObject(0).getJsonObject("last_profile");
            if (last != null && last.getJsonNumber("limit_amps").doubleValue() == limitB && "accepted".equals(last.getString("status"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the 2.0.1 station on the board did not accept " + limitB + " A; last: " + last);
    }

    /** The 2.0.1 station's process, and what it prints. */
    private record Holding(Process process, BufferedReader lines) {
    }

    /** Starts the ocpp-rpc 2.0.1 station charging on its EVSE 1; it holds until its standard input closes. */
    private static Holding startHolding(String stationId) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("node.binary"), "station201.js")
                .directory(Path.of(System.getProperty("ocpp.node.dir")).toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OCPP_URL", RawStation.OCPP_BASE.substring(0, RawStation.OCPP_BASE.length() - 1));
        builder.environment().put("STATION_ID", stationId);
        builder.environment().put("STATION_PASSWORD", Fixtures.STATION_PASSWORD);
        builder.environment().put("SCENARIO", "hold");
        Process process = builder.start();
        // the script says when its session runs; the rest of its output comes when it ends
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        assertNotNull(first, "the 2.0.1 station started");
        assertTrue(first.contains("charging"), first);
        return new Holding(process, lines);
    }
}
