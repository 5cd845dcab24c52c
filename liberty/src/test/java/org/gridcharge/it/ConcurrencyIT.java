package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 32 writers at once on a few groups (profiles replaced, groups patched, EVSEs moved in and out): a
 * request the database picks as a deadlock victim is a 409 to send again, never a 500.
 */
class ConcurrencyIT {

    private static final int WRITES_PER_WRITER = 6;

    @Test
    void thirtyTwoConcurrentWritersGetNoServerError() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        List<String> groups = new java.util.ArrayList<>();
        List<String> spares = new java.util.ArrayList<>();
        for (int g = 0; g < 4; g++) {
            groups.add(Fixtures.groupPath(Fixtures.group(token, cpoId, Fixtures.evse(token, cpoId))));
            spares.add(Fixtures.evse(token, cpoId));
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> serverErrors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> writers = new java.util.ArrayList<>();
        for (int w = 0; w < 32; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                // a fixed number of writes each, not a time: how many go through must not depend on the machine's disk
                for (int i = 0; i < WRITES_PER_WRITER; i++) {
                    String group = groups.get((writer + i) % groups.size());
                    String spare = Api.enc(spares.get((writer + i) % spares.size()));
                    Api.Reply reply = switch ((writer + i) % 4) {
                        case 0 -> Api.send("PUT", group + "/capacity-profile", token, "{\"type\":\"capacity_limit\",\"periods\":["
                                + "{\"start_date_time\":\"2031-01-01T00:00:00Z\",\"end_date_time\":\"2031-01-01T01:00:00Z\",\"capacity\":"
                                + (10 + i % 50) + "}]}", "application/json");
                        case 1 -> Api.patch(group, token, "{\"remarks\": \"writer " + writer + " pass " + i + "\"}");
                        case 2 -> Api.send("PUT", group + "/evses/" + spare, token, null, null);
                        default -> Api.send("DELETE", group + "/evses/" + spare, token, null, null);
                    };
                    statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (reply.status() >= 500) {
                        serverErrors.add(reply.status() + " " + reply.body());
                    }
                }
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES));
        for (Future<?> done : writers) {
            done.get(); // a writer that failed (an unanswered request, say) fails the test with its cause
        }
        assertEquals(List.of(), serverErrors, "answers by status: " + statuses);
        // a quarter of the writes are removals of an EVSE that another writer may have removed first (404)
        assertTrue(statuses.getOrDefault(200, new AtomicInteger()).get() + statuses.getOrDefault(204, new AtomicInteger()).get()
                > 32 * WRITES_PER_WRITER / 2, "most writes went through: " + statuses);
    }
}
