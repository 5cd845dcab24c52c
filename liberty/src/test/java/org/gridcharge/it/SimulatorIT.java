package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridcharge.simulator.Simulator;
import org.junit.jupiter.api.Test;

/** A smoke-sized run of the charge-station simulator against the running platform, so it does not rot. */
class SimulatorIT {

    /** Runs the simulator in the background; returns once {@code stations} have limits, or 15 s have passed. */
    private static CompletableFuture<Boolean> start(Simulator simulator, int stations) throws InterruptedException {
        CompletableFuture<Boolean> run = CompletableFuture.supplyAsync(() -> {
            try {
                return simulator.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (simulator.stationsWithLimits() < stations && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return run;
    }

    @Test
    void simulatedStationsFollowTheCapacityWithoutExceedingIt() throws Exception {
        String cpo = Fixtures.cpo();
        String port = System.getProperty("http.port", "9080");
        Simulator simulator = new Simulator(Simulator.Options.parse("--api", "http://localhost:" + port, "--token", DevTokens.platformAdmin(),
                "--provision", "--cpo", cpo, "--prefix", "SIM" + Api.unique() + "-", "--stations", "5", "--connectors", "2",
                "--meter-seconds", "2", "--heartbeat-seconds", "5", "--duration-seconds", "20", "--full-battery-share", "0.3",
                "--flood-seconds", "2", "--probe-capacity", "80", "--probe-after-seconds", "3"));
        CompletableFuture<Boolean> run = start(simulator, 5);
        String groupId = simulator.groupId();
        assertNotNull(groupId, "the simulator provisioned its group");
        assertEquals(5, simulator.stationsWithLimits(), "every station got limits");
        // a capacity limit of 40 A per phase from the next minute on: a planned change, no station may exceed it
        Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5);
        Api.send("PUT", Fixtures.groupPath(groupId) + "/capacity-profile", DevTokens.platformAdmin(), "{\"type\":\"capacity_limit\","
                + "\"periods\":[{\"start_date_time\":\"" + next + "\",\"end_date_time\":\"" + next.plusSeconds(3600) + "\",\"capacity\":40}]}",
                "application/json").expect(200);
        assertTrue(run.get(60, TimeUnit.SECONDS), "every station connected and no check failed: " + simulator.problems());
        assertTrue(simulator.floodCallsPerSecond() > 5, "the saturation flood got answers: " + simulator.floodCallsPerSecond());
        double[] probe = simulator.probeMillis();
        assertNotNull(probe, "the control-latency probe reported");
        assertEquals(5, probe.length, "every station got new limits after the probe's capacity change");
    }

    /**
     * {@code --tree 2x2}: eight stations over four cables on two boards on one connection, every level's capacity tight;
     * the checker holds each of the seven groups to its own capacity, and a cut at one board must not break any.
     */
    @Test
    void aTreeOfGroupsHoldsAtEveryNode() throws Exception {
        String cpo = Fixtures.cpo();
        String port = System.getProperty("http.port", "9080");
        Simulator simulator = new Simulator(Simulator.Options.parse("--api", "http://localhost:" + port, "--token", DevTokens.platformAdmin(),
                "--provision", "--cpo", cpo, "--prefix", "SIMT" + Api.unique() + "-", "--stations", "8", "--tree", "2x2",
                "--meter-seconds", "2", "--heartbeat-seconds", "5", "--duration-seconds", "15"));
        CompletableFuture<Boolean> run = start(simulator, 8);
        String root = simulator.groupId();
        assertNotNull(root, "the simulator provisioned its tree");
        jakarta.json.JsonArray nodes = Api.get(Fixtures.groupPath(root) + "/tree", DevTokens.platformAdmin()).expect(200).json()
                .getJsonArray("nodes");
        assertEquals(7, nodes.size(), nodes.toString());
        String board = nodes.getJsonObject(1).getString("group_id");
        Api.patch(Fixtures.groupPath(board), DevTokens.platformAdmin(), "{\"default_capacity_amps\":20}").expect(200);
        assertTrue(run.get(60, TimeUnit.SECONDS), "every station connected and no node's check failed: " + simulator.problems());
    }
}
