package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An OCPP 2.0.1 station built on the npm package {@code ocpp-rpc} in strict mode, which validates
 * every message in both directions against the official OCPP 2.0.1 JSON schemas: what the
 * platform sends must conform, or the run reports a strict validation failure.
 */
class Ocpp201IT {

    /** Runs src/test/node/station201.js with the given environment; returns the JSON line it prints. */
    static JsonObject runStation(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("node.binary"), "station201.js")
                .directory(Path.of(System.getProperty("ocpp.node.dir")).toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OCPP_URL", RawStation.OCPP_BASE.substring(0, RawStation.OCPP_BASE.length() - 1));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the station script finished");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String last = output.substring(output.lastIndexOf('\n') + 1);
        return Json.createReader(new StringReader(last)).readObject();
    }

    @Test
    void aStrictOcpp201StationChargesAndEverythingThePlatformSendsConformsToTheSchemas() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "CS201-" + Api.unique();
        List<String> evses = Fixtures.station(token, cpoId, stationId, 1);
        String groupId = Fixtures.group(token, cpoId, 16, evses);

        JsonObject refused = runStation(Map.of("STATION_ID", stationId, "STATION_PASSWORD", Fixtures.STATION_PASSWORD,
                "SCENARIO", "bad-password"));
        assertEquals(401, refused.getInt("refused"), refused.toString());

        JsonObject run = runStation(Map.of("STATION_ID", stationId, "STATION_PASSWORD", Fixtures.STATION_PASSWORD,
                "EXPECT_FULL", "16", "DRAW", "5", "EXPECT_CAPPED", "6", "DRAW_MOVED", "12",
                "API_URL", Api.BASE, "API_TOKEN", token, "GROUP_ID", groupId));
        assertFalse(run.containsKey("error"), () -> run.getString("error"));
        assertEquals(List.of(), run.getJsonArray("failures"), "no message either way broke the OCPP 2.0.1 schemas");
        assertEquals("Accepted", run.getJsonObject("boot").getString("status"));
        assertEquals("Accepted", run.getJsonObject("needs").getString("status"), "the EV's needs are taken for the running session");
        assertEquals("Accepted", run.getJsonObject("started").getJsonObject("idTokenInfo").getString("status"),
                "a TransactionEvent with an idToken is answered with idTokenInfo (OCPP 2.0.1, required then)");
        assertTrue(!run.getJsonObject("updated").containsKey("idTokenInfo"), "and one without is answered without it");
        // TransactionEvent Updated: a reading that moved 0.5 A was held and written with others, within seconds; one that
        // moved 7 A was written at once and the group allocated again
        assertTrue(run.getInt("smallShownAfterMs") < 10_000, "a held reading shows within seconds: " + run.get("smallShownAfterMs"));
        assertTrue(run.getJsonObject("moved").getJsonObject("chargingProfile").getJsonArray("chargingSchedule").getJsonObject(0)
                .getJsonArray("chargingSchedulePeriod").getJsonObject(0).getJsonNumber("limit").doubleValue() > 6, run.toString());
        JsonObject unprompted = run.getJsonObject("unprompted");
        assertEquals(16, unprompted.size(), unprompted.toString());
        unprompted.forEach((action, answer) -> assertFalse(answer.asJsonObject().containsKey("callError"),
                action + " is answered with a CALLRESULT: " + answer));
        assertEquals("Rejected", unprompted.getJsonObject("SignCertificate").getString("status"), "no certificate authority here");

        JsonObject failsafe = run.getJsonArray("profiles").getJsonObject(0);
        assertEquals(0, failsafe.getInt("evseId"), "the first profile is the station-wide failsafe: " + failsafe);
        assertEquals(0, failsafe.getJsonObject("chargingProfile").getInt("stackLevel"));

        JsonObject tx = run.getJsonObject("txProfile").getJsonObject("chargingProfile");
        assertEquals("TxProfile", tx.getString("chargingProfilePurpose"));
        assertEquals("A", tx.getJsonArray("chargingSchedule").getJsonObject(0).getString("chargingRateUnit"));
        assertEquals(3, tx.getJsonArray("chargingSchedule").getJsonObject(0).getJsonArray("chargingSchedulePeriod").getJsonObject(0)
                .getInt("numberPhases"));
        assertEquals("TxDefaultProfile", run.getJsonObject("afterEnd").getJsonObject("chargingProfile").getString("chargingProfilePurpose"));

        JsonObject view = Api.get("/api/v1/charge-stations/" + Api.enc(stationId), token).expect(200).json();
        assertEquals("ocpp2.0.1", view.getString("protocol"));
        assertEquals("GridVendor", view.getString("vendor"));
        assertEquals("2.0.1-test", view.getString("firmware_version"));
    }
}
