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
import org.junit.jupiter.api.Test;

/** A restart of the server keeps capacity profiles and the persistent timer of a group's next capacity breakpoint. */
class RestartIT {

    private static void server(String action) throws IOException, InterruptedException {
        Path wlp = Path.of(System.getProperty("wlp.home"));
        Process process = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, "gridcharge").inheritIO().start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "server " + action + " finished");
        assertEquals(0, process.exitValue(), "server " + action);
    }

    @Test
    void profilesAndBreakpointTimersSurviveARestart() throws Exception {
        String cpoId = Fixtures.cpo();
        String admin = DevTokens.cpoAdmin(cpoId);
        String evse = Fixtures.evse(admin, cpoId);
        String groupId = Fixtures.group(admin, cpoId, evse);
        Instant breakpoint = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(45);
        String profile = "{\"type\":\"capacity_limit\",\"periods\":[{\"start_date_time\":\"" + breakpoint.minusSeconds(600)
                + "\",\"end_date_time\":\"" + breakpoint + "\",\"capacity\":30},{\"start_date_time\":\"" + breakpoint
                + "\",\"end_date_time\":\"" + breakpoint.plusSeconds(3600) + "\",\"capacity\":12.5}]}";
        Api.send("PUT", groupPath(groupId) + "/capacity-profile", admin, profile, "application/json").expect(200);
        JsonObject before = Api.get(groupPath(groupId) + "/capacity-profile", admin).expect(200).json();
        // The profile is allocated (and the breakpoint timer armed right after) within the debounce delay: wait for it,
        // or the server would stop before the timer exists.
        long armedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        boolean allocated = false;
        while (!allocated && System.nanoTime() < armedBy) {
            allocated = Api.get(groupPath(groupId) + "/allocation-data?limit=500", admin).expect(200).json().getJsonArray("items")
                    .getValuesAs(JsonObject.class).stream().anyMatch(r -> r.getJsonNumber("capacity_amps").doubleValue() == 30.0);
            Thread.sleep(100);
        }
        assertTrue(allocated, "the profile was allocated before the restart");
        Thread.sleep(1000); // the timer is armed just after the record commits

        server("stop");
        server("start");
        Api.awaitReadiness(Duration.ofMinutes(2));

        assertEquals(before, Api.get(groupPath(groupId) + "/capacity-profile", admin).expect(200).json(), "the profile is kept");

        // The periodic sweep is off in the test server: only the persistent breakpoint timer can allocate at 12.5 A.
        JsonObject atBreakpoint = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Duration.between(Instant.now(), breakpoint).getSeconds() + 30);
        while (atBreakpoint == null && System.nanoTime() < deadline) {
            JsonArray items = Api.get(groupPath(groupId) + "/allocation-data?limit=500", admin).expect(200).json().getJsonArray("items");
            for (JsonObject item : items.getValuesAs(JsonObject.class)) {
                if ("breakpoint".equals(item.getString("trigger"))) {
                    atBreakpoint = item;
                }
            }
            Thread.sleep(500);
        }
        assertNotNull(atBreakpoint, "the breakpoint timer armed before the restart fired after it");
        assertEquals(12.5, atBreakpoint.getJsonNumber("capacity_amps").doubleValue());
        assertTrue(!Instant.parse(atBreakpoint.getString("valid_from")).isBefore(breakpoint));
    }
}
