package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import eu.chargetime.ocpp.model.core.BootNotificationRequest;
import eu.chargetime.ocpp.model.core.StartTransactionRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal (/portal/) in a real browser: Debian's chromium, headless, driven by the npm package playwright-core from
 * src/test/node/portal.mjs, one scenario per test, with axe-core checking each page it looks at. The data comes through
 * the API (and an OCPP 1.6 station), the browser does what a person would. Screenshots go to target/portal-screenshots.
 * In the Derby pass only: the portal reads the same API on either database, and the PostgreSQL pass has the cluster.
 */
class PortalIT {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));

    @BeforeAll
    static void browser() {
        assumeFalse("postgresql".equals(System.getenv().getOrDefault("DB_KIND", "derby")), "the portal is tested in the Derby pass");
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install Debian's chromium package (.ci/run does)");
    }

    /** What the scenario printed, line by line; {@code onReady} runs when it prints "READY ...". */
    static List<String> run(String scenario, JsonObject arguments, ThrowingRunnable onReady) throws Exception {
        return run(scenario, arguments, onReady, Api.BASE);
    }

    /** The same against the server at {@code base} (https://localhost:port, say). */
    static List<String> run(String scenario, JsonObject arguments, ThrowingRunnable onReady, String base) throws Exception {
        Path shots = Path.of(System.getProperty("portal.screenshots", "target/portal-screenshots"));
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("node.binary"), "portal.mjs", scenario)
                .directory(Path.of(System.getProperty("ocpp.node.dir")).toFile())
                .redirectErrorStream(true);
        builder.environment().put("BASE_URL", base);
        builder.environment().put("CHROMIUM", CHROMIUM.toString());
        builder.environment().put("SCREENSHOT_DIR", shots.toAbsolutePath().toString());
        builder.environment().put("SCENARIO", arguments.toString());
        Process process = builder.start();
        List<String> lines = new java.util.ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("[portal " + scenario + "] " + line);
                lines.add(line);
                if (line.startsWith("READY") && onReady != null) {
                    onReady.run();
                }
            }
        } finally {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertEquals(0, process.exitValue(), "the browser scenario " + scenario + " failed:\n" + String.join("\n", lines));
        assertTrue(lines.contains("PASS " + scenario), String.join("\n", lines));
        return lines;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static String group(String token, String cpoId, String name, double capacity, List<String> evseIds) {
        return group(token, cpoId, name, capacity, evseIds, "equal_share");
    }

    static String group(String token, String cpoId, String name, double capacity, List<String> evseIds, String algorithm) {
        String ids = String.join(",", evseIds.stream().map(id -> '"' + id + '"').toList());
        return Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"" + name + "\","
                + "\"algorithm\":{\"name\":\"" + algorithm + "\",\"parameters\":{}},\"default_capacity_amps\":" + capacity
                + ",\"evse_ids\":[" + ids + "]}").expect(201).json().getString("group_id");
    }

    @Test
    void eachRoleSignsInACpoAdminCreatesAGroupAndACapacityProviderSeesOnlyItsGrant() throws Exception {
        String cpo = Fixtures.cpo();
        String other = Fixtures.cpo();
        String admin = DevTokens.cpoAdmin(cpo);
        String granted = "Granted " + Api.unique();
        String grantedId = group(admin, cpo, granted, 50, List.of(Fixtures.evse(admin, cpo)));
        String otherId = group(DevTokens.cpoAdmin(other), other, "Other " + Api.unique(), 50, List.of(Fixtures.evse(DevTokens.cpoAdmin(other), other)));
        String client = "dso-" + Api.unique();
        Api.put(Fixtures.groupPath(grantedId) + "/grants/" + client, admin).expect(201);
        // a board above the granted group: the CPO's list opens onto it, the capacity provider sees the granted group alone
        String board = "Board " + Api.unique();
        Api.post("/api/v1/smart-charging-groups", admin, "{\"cpo_id\":\"" + cpo + "\",\"name\":\"" + board + "\",\"algorithm\":"
                + "{\"name\":\"equal_share\"},\"default_capacity_amps\":100,\"child_group_ids\":[\"" + grantedId + "\"]}").expect(201);
        String created = "Depot " + Api.unique();

        run("roles", Json.createObjectBuilder().add("cpo", cpo).add("client", client).add("grantedName", granted).add("grantedId", grantedId)
                .add("otherGroup", otherId).add("newName", created).add("board", board)
                .add("evses", Json.createArrayBuilder().add(Fixtures.evse(admin, cpo)).add(Fixtures.evse(admin, cpo))).build(), null);

        // the group the browser created is there, as the form said
        JsonObject list = Api.get("/api/v1/smart-charging-groups?cpo_id=" + Api.enc(cpo), admin).expect(200).json();
        JsonObject made = list.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(g -> g.getString("name").equals(created)).findFirst().orElseThrow();
        assertEquals(40.0, made.getJsonNumber("default_capacity_amps").doubleValue(), "the corrected capacity was saved");
        assertEquals(2, made.getJsonNumber("evse_count").intValue());
    }

    @Test
    void aCapacityProfilePastedAsCsvIsPreviewedSavedAndDrawnAndWeeklyRulesAreSaved() throws Exception {
        String cpo = Fixtures.cpo();
        String admin = DevTokens.cpoAdmin(cpo);
        String groupId = group(admin, cpo, "Profile " + Api.unique(), 50, List.of(Fixtures.evse(admin, cpo)));

        run("profile", Json.createObjectBuilder().add("cpo", cpo).add("group", groupId).add("capacity", 24).build(), null);

        JsonObject profile = Api.get(Fixtures.groupPath(groupId) + "/capacity-profile", admin).expect(200).json();
        assertEquals(2, profile.getInt("period_count"));
        assertEquals(24.0, profile.getJsonArray("periods").getJsonObject(0).getJsonNumber("capacity").doubleValue());
        JsonObject weekly = Api.get(Fixtures.groupPath(groupId) + "/weekly-capacity", admin).expect(200).json();
        assertEquals("Europe/Amsterdam", weekly.getString("time_zone"));
        assertEquals("SATURDAY", weekly.getJsonArray("scenarios").getJsonObject(0).getString("day_of_week"));
        assertEquals(30.0, weekly.getJsonArray("scenarios").getJsonObject(0).getJsonNumber("capacity").doubleValue());
    }

    @Test
    void onboardingWithBadRowsListsThemWithLineAndReason() throws Exception {
        String cpo = Fixtures.cpo();
        String admin = DevTokens.cpoAdmin(cpo);
        String good = "NL*ITX*E" + Api.unique() + "1";
        String csv = "evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases,phase_rotation\n"
                + good + "," + cpo + ",CS-ON-" + Api.unique() + ",1,32,3,RST\n"
                + "NL*ITX*E" + Api.unique() + "2," + cpo + ",CS-ON-" + Api.unique() + ",1,32,4,RST\n"
                + "NL*ITX*E" + Api.unique() + "3," + cpo + ",CS-ON-" + Api.unique() + ",one,32,3,RST\n";

        run("onboarding", Json.createObjectBuilder().add("cpo", cpo).add("csv", csv).add("written", 1)
                .add("rejectedLines", Json.createArrayBuilder().add(3).add(4)).build(), null);

        Api.get(Fixtures.evsePath(good), admin).expect(200);
    }

    @Test
    void theChartMovesWhenAStationStartsChargingAndItsStationAndPriorityShow() throws Exception {
        String cpo = Fixtures.cpo();
        String admin = DevTokens.cpoAdmin(cpo);
        String stationId = "CS-PORTAL-" + Api.unique();
        List<String> evses = Fixtures.station(admin, cpo, stationId, 1);
        String groupId = group(admin, cpo, "Live " + Api.unique(), 20, evses, "priority");
        String requestedBy = "driver-app-" + Api.unique();
        Ocpp16IT.Station[] station = new Ocpp16IT.Station[1];
        try {
            // before: the station never connected, so its EVSE is uncontrollable and counted at its 32 A; charging under
            // control, it gets the group's 20 A
            // then its page shows the station and its last limit, and the insights the priority its driver asked for
            run("live", Json.createObjectBuilder().add("cpo", cpo).add("group", groupId).add("before", 32).add("expect", 20)
                    .add("station", stationId).add("requestedBy", requestedBy).build(), () -> {
                station[0] = new Ocpp16IT.Station(stationId, Fixtures.STATION_PASSWORD);
                assertTrue(station[0].isOpen());
                station[0].send(new BootNotificationRequest("GridVendor", "Model-16"));
                station[0].send(new StartTransactionRequest(1, "TAG-PORTAL", 0, ZonedDateTime.now()));
                Api.post("/api/v1/priority-requests", admin, "{\"evse_id\":\"" + evses.get(0) + "\",\"requested_by\":\"" + requestedBy
                        + "\"}").expect(201);
            });
        } finally {
            if (station[0] != null) {
                station[0].close();
            }
        }
    }
}
