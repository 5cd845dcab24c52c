package org.gridcharge.it;

import static org.gridcharge.it.Fixtures.groupPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint shows the platform's own figures, and they move when the platform works. */
class MetricsIT {

    private static String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Api.BASE + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** The value of the first sample of {@code name} whose labels contain every one given (0 if there is none). */
    static double value(String metrics, String name, String... labels) {
        for (String line : metrics.lines().toList()) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    @Test
    void ocppAllocationAndRestFiguresMove() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        String stationId = "MET-" + Api.unique();
        Fixtures.station(token, cpoId, stationId, 1);
        String before = scrape();
        double heartbeats = value(before, "gridcharge_ocpp_messages_total", "action=\"Heartbeat\"", "direction=\"in\"");
        double notImplemented = value(before, "gridcharge_ocpp_errors_total", "code=\"NotImplemented\"");

        try (RawStation raw = RawStation.connect(stationId, Fixtures.STATION_PASSWORD, "ocpp1.6")) {
            raw.exchange("[2, \"m1\", \"Heartbeat\", {}]");
            raw.exchange("[2, \"m2\", \"Heartbeat\", {}]");
            raw.exchange("[2, \"m3\", \"Teleport\", {}]");
            String during = scrape();
            assertEquals(heartbeats + 2, value(during, "gridcharge_ocpp_messages_total", "action=\"Heartbeat\"", "direction=\"in\""));
            assertEquals(notImplemented + 1, value(during, "gridcharge_ocpp_errors_total", "code=\"NotImplemented\""));
            assertTrue(value(during, "gridcharge_stations_connected", "protocol=\"ocpp1.6\"") >= 1);
            assertTrue(value(during, "gridcharge_ocpp_messages_total", "action=\"SetChargingProfile\"", "direction=\"out\"") >= 1,
                    "the failsafe went out");
        }

        String evse = Fixtures.evse(token, cpoId);
        String groupId = Fixtures.group(token, cpoId, evse);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Api.send("PUT", groupPath(groupId) + "/capacity-profile", token, "{\"type\":\"capacity_limit\",\"periods\":[{\"start_date_time\":\""
                + now.minusSeconds(600) + "\",\"end_date_time\":\"" + now.plusSeconds(3600) + "\",\"capacity\":47}]}", "application/json")
                .expect(200);
        String group = "group=\"" + groupId + "\"";
        long deadline = System.nanoTime() + 15_000_000_000L;
        String after = scrape();
        // one scrape may interleave with a run (the run's timer read before it, its gauges after): wait for all three
        while ((value(after, "gridcharge_group_capacity_amps", group) != 47 || value(after, "gridcharge_group_allotted_amps", group) != 32
                || value(after, "gridcharge_allocation_duration_seconds_count", group) < 1) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = scrape();
        }
        assertEquals(47.0, value(after, "gridcharge_group_capacity_amps", group));
        assertEquals(32.0, value(after, "gridcharge_group_allotted_amps", group), "the unsteered EVSE counts at its maximum");
        assertTrue(value(after, "gridcharge_allocation_duration_seconds_count", group) >= 1, "allocation runs are timed per group");
        assertTrue(after.contains("REST_request"), "REST request figures come with the runtime");
    }
}
