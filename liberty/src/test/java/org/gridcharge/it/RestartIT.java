package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A restart of the server keeps capacity profiles and the persistent timer of a group's next capacity breakpoint,
 * applies at start a breakpoint whose timer was never armed; a graceful stop ends station connections and leaves a
 * running batch job restartable with nothing half-written. One stop and start serves all of them: the first ordered test
 * sets each case up and restarts the server, the others check what came of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    /**
     * Enough rows that the stop, a few seconds after the job's first chunk, catches it midway: chunks of 20 take a few
     * milliseconds on the embedded database and tens on PostgreSQL, where half as many do (and the rest after the restart
     * takes half as long).
     */
    private static final int JOB_ROWS = "postgresql".equals(System.getenv().getOrDefault("DB_KIND", "derby")) ? 10_000 : 20_000;

    // the cases the restart serves, set up by the first test
    private static String jobAdmin;
    private static String job;
    private static String timerAdmin;
    private static String timerGroup;
    private static Instant timerBreakpoint;
    private static JsonObject profileBefore;
    private static String unarmedAdmin;
    private static String unarmedGroup;
    private static boolean restarted;

    private static void server(String action) throws IOException, InterruptedException {
        Path wlp = Path.of(System.getProperty("wlp.home"));
        Process process = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, "gridcharge").inheritIO().start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "server " + action + " finished");
        assertEquals(0, process.exitValue(), "server " + action);
    }

    private static String profile(Instant breakpoint, double before, double after) {
        return "{\"type\":\"capacity_limit\",\"periods\":[{\"start_date_time\":\"" + breakpoint.minusSeconds(600) + "\",\"end_date_time\":\""
                + breakpoint + "\",\"capacity\":" + before + "},{\"start_date_time\":\"" + breakpoint + "\",\"end_date_time\":\""
                + breakpoint.plusSeconds(3600) + "\",\"capacity\":" + after + "}]}";
    }

    private static boolean allocatedAt(String admin, String groupId, double amps) {
        return Api.get(groupPath(groupId) + "/allocation-data?limit=500", admin).expect(200).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().anyMatch(r -> r.getJsonNumber("capacity_amps").doubleValue() == amps);
    }

    @Test
    @Order(1)
    void aDrainIsForPlatformAdminsAndCanBeCalledOff() throws Exception {
        String cpoId = Fixtures.cpo();
        String admin = DevTokens.cpoAdmin(cpoId);
        String platform = DevTokens.platformAdmin();
        String stationId = "DRAIN-" + Api.unique();
        Fixtures.station(admin, cpoId, stationId, 1);
        Api.post("/api/v1/ocpp/drain", admin, "").expect(403);
        try {
            Api.post("/api/v1/ocpp/drain", platform, "").expect(200);
            Api.get("/ocpp/" + Api.enc(stationId), null).problem(503);
        } finally {
            assertEquals(false, Api.send("DELETE", "/api/v1/ocpp/drain", platform, null, null).expect(200).json().getBoolean("draining"));
        }
        RawStation station = RawStation.connect(stationId, Fixtures.STATION_PASSWORD, "ocpp1.6");
        assertEquals(3, station.exchange("[2, \"b\", \"BootNotification\", {\"chargePointVendor\": \"V\", \"chargePointModel\": \"M\"}]")
                .getInt(0), "stations are accepted again");
        Api.get("/health/ready", null).expect(200);
        assertTrue(Api.get("/api/v1/ocpp/drain", platform).expect(200).json().getInt("connected") >= 1);
    }

    @Test
    @Order(2)
    void aGracefulStopDrainsTheStationsFirst() throws Exception {
        // a breakpoint whose persistent timer is armed before the restart and due after it
        String timerCpo = Fixtures.cpo();
        timerAdmin = DevTokens.cpoAdmin(timerCpo);
        timerGroup = Fixtures.group(timerAdmin, timerCpo, Fixtures.evse(timerAdmin, timerCpo));
        timerBreakpoint = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(45);
        Api.send("PUT", groupPath(timerGroup) + "/capacity-profile", timerAdmin, profile(timerBreakpoint, 30, 12.5), "application/json")
                .expect(200);
        profileBefore = Api.get(groupPath(timerGroup) + "/capacity-profile", timerAdmin).expect(200).json();

        // The profile is allocated (and its breakpoint timer armed right after) within the debounce delay: wait for it, or
        // the server would stop before the timer exists.
        long armedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!allocatedAt(timerAdmin, timerGroup, 30) && System.nanoTime() < armedBy) {
            Thread.sleep(100);
        }
        assertTrue(allocatedAt(timerAdmin, timerGroup, 30), "the profile was allocated before the restart");

        // a connected station, and an onboarding job in small chunks, running
        String cpoId = Fixtures.cpo();
        jobAdmin = DevTokens.cpoAdmin(cpoId);
        String stationId = "SHUT-" + Api.unique();
        Fixtures.station(jobAdmin, cpoId, stationId, 1);
        RawStation station = RawStation.connect(stationId, Fixtures.STATION_PASSWORD, "ocpp1.6");
        assertEquals(3, station.exchange("[2, \"b\", \"BootNotification\", {\"chargePointVendor\": \"V\", \"chargePointModel\": \"M\"}]")
                .getInt(0), "the station is connected and booted");
        String u = Api.unique();
        StringBuilder csv = new StringBuilder("evse_id,cpo_id,charge_station_id,connector_id,max_current_amps,phases\n");
        for (int i = 1; i <= JOB_ROWS; i++) {
            csv.append("NL*SHD*E").append(u).append(i).append(',').append(cpoId).append(",SHD-").append(u).append('-').append(i / 10)
                    .append(',').append(i % 10 + 1).append(",32,3\n");
        }
        job = OnboardingIT.start(jobAdmin, csv.toString(), "text/csv", "?chunk_size=20");
        long writingBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Api.get(job, jobAdmin).expect(200).json().getInt("written") == 0 && System.nanoTime() < writingBy) {
            Thread.sleep(50);
        }

        // last, a breakpoint due while the server is down, whose timer is then lost (as if the server had died between the
        // profile's commit and the arming of its timer)
        String unarmedCpo = Fixtures.cpo();
        unarmedAdmin = DevTokens.cpoAdmin(unarmedCpo);
        unarmedGroup = Fixtures.group(unarmedAdmin, unarmedCpo, Fixtures.evse(unarmedAdmin, unarmedCpo));
        Instant unarmedBreakpoint = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(15);
        Api.send("PUT", groupPath(unarmedGroup) + "/capacity-profile", unarmedAdmin, profile(unarmedBreakpoint, 30, 11.5),
                "application/json").expect(200);
        long unarmedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (!allocatedAt(unarmedAdmin, unarmedGroup, 30) && System.nanoTime() < unarmedBy) {
            Thread.sleep(100);
        }
        assertTrue(allocatedAt(unarmedAdmin, unarmedGroup, 30), "the other profile was allocated before the stop");
        Thread.sleep(1000); // its timer is armed just after the record commits (the embedded database cannot be read while the server runs)

        // A graceful stop drains the OCPP endpoint first: Liberty's HTTP channel drops open WebSocket connections as
        // soon as a server stop begins, before the application can close them (the station would see 1006).
        String platform = DevTokens.platformAdmin();
        JsonObject drained = Api.post("/api/v1/ocpp/drain", platform, "").expect(200).json();
        assertTrue(drained.getBoolean("draining"));
        assertTrue(drained.getInt("closed") >= 1, drained.toString());
        assertEquals(1001, station.closed.get(5, TimeUnit.SECONDS), "the station was told the server is going away");
        JsonObject refused = Api.get("/ocpp/" + Api.enc(stationId), null).problem(503);
        assertEquals("Draining", refused.getString("title"), "a station trying to come back is sent elsewhere");
        JsonObject ocpp = Api.get("/health/ready", null).expect(503).json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("ocpp")).findFirst().orElseThrow();
        assertEquals("DOWN", ocpp.getString("status"), "not ready while draining: " + ocpp);
        assertEquals(0, Api.get("/api/v1/ocpp/drain", platform).expect(200).json().getInt("connected"));

        assertTrue(Instant.now().isBefore(unarmedBreakpoint.minusSeconds(3)), "the server stops before the breakpoint whose timer it loses");
        server("stop");
        try (java.sql.Connection db = database(); java.sql.PreparedStatement lose = db.prepareStatement(
                "DELETE FROM EJBTIMER_TASK WHERE NEXTEXEC = ?")) {
            lose.setLong(1, unarmedBreakpoint.toEpochMilli());
            assertEquals(1, lose.executeUpdate(), "the timer of the breakpoint due while the server is down (it did not fire before the stop)");
        } finally {
            if (!"postgresql".equals(System.getenv().getOrDefault("DB_KIND", "derby"))) {
                try {
                    java.sql.DriverManager.getConnection("jdbc:derby:;shutdown=true");
                } catch (java.sql.SQLException expected) {
                    // Derby says it shut down with an exception
                }
            }
        }
        long untilBreakpoint = Duration.between(Instant.now(), unarmedBreakpoint).toMillis();
        if (untilBreakpoint > 0) {
            Thread.sleep(untilBreakpoint + 500);
        }
        server("start");
        Api.awaitReadiness(Duration.ofMinutes(2));
        restarted = true;
    }

    @Test
    @Order(3)
    void theStopLeftTheRunningJobRestartableWithNothingHalfWritten() throws Exception {
        assertNotNull(job, "the restart test started a job");
        assertTrue(restarted, "the server was stopped and started again");
        JsonObject interrupted = Api.get(job, jobAdmin).expect(200).json();
        assertTrue(java.util.List.of("stopped", "failed").contains(interrupted.getString("status")), interrupted.toString());
        int writtenBefore = interrupted.getInt("written");
        assertTrue(writtenBefore > 0 && writtenBefore < JOB_ROWS, "the stop caught the job midway: " + interrupted);
        long stored = Api.get("/api/v1/evses?limit=1", jobAdmin).expect(200).json()
                .getJsonNumber("total").longValue();
        assertEquals(writtenBefore + 1, stored, "exactly the committed chunks are stored (plus the station's own EVSE)");

        Api.post(job + "/restart", jobAdmin, "").expect(200);
        JsonObject done = OnboardingIT.awaitDone(job, jobAdmin, Duration.ofMinutes(5)); // small chunks: slow on PostgreSQL
        assertEquals("completed", done.getString("status"), done.toString());
        assertEquals(JOB_ROWS, done.getInt("written"), "every row written exactly once across both runs: " + done);
        assertEquals(JOB_ROWS + 1, Api.get("/api/v1/evses?limit=1", jobAdmin).expect(200).json()
                .getJsonNumber("total").longValue());
    }

    @Test
    @Order(4)
    void profilesAndBreakpointTimersSurviveARestart() throws Exception {
        assertNotNull(timerBreakpoint, "the restart test armed a breakpoint");
        assertTrue(restarted, "the server was stopped and started again");
        assertEquals(profileBefore, Api.get(groupPath(timerGroup) + "/capacity-profile", timerAdmin).expect(200).json(), "the profile is kept");

        // The periodic sweep is off in the test server: only the persistent breakpoint timer can allocate at 12.5 A.
        JsonObject atBreakpoint = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, Duration.between(Instant.now(), timerBreakpoint).getSeconds()) + 30);
        while (atBreakpoint == null && System.nanoTime() < deadline) {
            JsonArray items = Api.get(groupPath(timerGroup) + "/allocation-data?limit=500", timerAdmin).expect(200).json().getJsonArray("items");
            for (JsonObject item : items.getValuesAs(JsonObject.class)) {
                if ("breakpoint".equals(item.getString("trigger"))) {
                    atBreakpoint = item;
                }
            }
            Thread.sleep(500);
        }
        assertNotNull(atBreakpoint, "the breakpoint timer armed before the restart fired after it");
        assertEquals(12.5, atBreakpoint.getJsonNumber("capacity_amps").doubleValue());
        assertTrue(!Instant.parse(atBreakpoint.getString("valid_from")).isBefore(timerBreakpoint));
    }

    @Test
    @Order(5)
    void aBreakpointWhoseTimerWasNeverArmedIsAppliedAtStart() throws Exception {
        assertNotNull(unarmedGroup, "the restart test lost a breakpoint's timer");
        assertTrue(restarted, "the server was stopped and started again");
        // The periodic sweep is off in the test server (600 s) and no timer exists: only a run at start can apply 11.5 A.
        boolean applied = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!applied && System.nanoTime() < deadline) {
            applied = allocatedAt(unarmedAdmin, unarmedGroup, 11.5);
            Thread.sleep(500);
        }
        assertTrue(applied, "the capacity after the breakpoint was applied at start, from the stored profile");
    }

    /** The platform's database as the server sees it (CI sets DB_KIND and DB_* for the PostgreSQL pass). */
    private static java.sql.Connection database() throws java.sql.SQLException {
        String env = System.getenv().getOrDefault("DB_KIND", "derby");
        if ("postgresql".equals(env)) {
            return java.sql.DriverManager.getConnection("jdbc:postgresql://" + System.getenv().getOrDefault("DB_HOST", "127.0.0.1") + ":"
                    + System.getenv().getOrDefault("DB_PORT", "5432") + "/" + System.getenv().getOrDefault("DB_NAME", "gridcharge"),
                    System.getenv().getOrDefault("DB_USER", "postgres"), System.getenv().getOrDefault("DB_PASSWORD", ""));
        }
        return java.sql.DriverManager.getConnection("jdbc:derby:" + Path.of(System.getProperty("server.dir"), "derby", "gridcharge"));
    }
}
