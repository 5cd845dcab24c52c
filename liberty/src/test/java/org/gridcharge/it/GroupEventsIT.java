package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A group's allocation data as server-sent events, read by the JDK's HTTP client. */
class GroupEventsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One event of a stream: its name, id and data. */
    record Event(String name, String id, String data) {
        JsonObject json() {
            return Json.createReader(new StringReader(data)).readObject();
        }
    }

    /** An open stream, its events parsed into a queue by a thread of its own. */
    static final class EventStream implements AutoCloseable {
        final HttpResponse<java.util.stream.Stream<String>> response;
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final Thread reader;

        EventStream(String path, String token, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.BASE + path)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            reader = new Thread(() -> {
                String name = null;
                String id = null;
                StringBuilder data = new StringBuilder();
                try (java.util.stream.Stream<String> lines = response.body()) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.isEmpty()) {
                            if (data.length() > 0) {
                                events.add(new Event(name, id, data.toString()));
                            }
                            name = null;
                            id = null;
                            data.setLength(0);
                        } else if (line.startsWith("event:")) {
                            name = line.substring(6).trim();
                        } else if (line.startsWith("id:")) {
                            id = line.substring(3).trim();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5).trim());
                        }
                    }
                } catch (RuntimeException e) {
                    // closed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The next allocation event whose record holds {@code capacity} A, within 20 s; the others before it are returned too. */
        List<Event> until(double capacity) throws InterruptedException {
            List<Event> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                Event event = events.poll(500, TimeUnit.MILLISECONDS);
                if (event != null) {
                    seen.add(event);
                    if (event.json().getJsonNumber("capacity_amps").doubleValue() == capacity) {
                        return seen;
                    }
                }
            }
            throw new AssertionError("no allocation event with " + capacity + " A within 20 s; seen " + seen);
        }

        @Override
        public void close() {
            reader.interrupt();
            response.body().close();
        }
    }

    @Test
    void newAllocationRecordsArriveAsEventsAndAReconnectGetsWhatItMissed() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        List<String> evses = Fixtures.station(token, cpoId, "SSE-" + Api.unique(), 1);
        String group = Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Live\","
                + "\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":32,\"evse_ids\":[\"" + evses.get(0)
                + "\"]}").expect(201).json().getString("group_id");
        String path = "/api/v1/smart-charging-groups/" + group + "/events";

        Event seen;
        try (EventStream stream = new EventStream(path, token, null)) {
            assertEquals(200, stream.response.statusCode());
            assertTrue(stream.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                    stream.response.headers().toString());
            Api.patch("/api/v1/smart-charging-groups/" + group, token, "{\"default_capacity_amps\":40}").expect(200);
            List<Event> events = stream.until(40);
            seen = events.get(events.size() - 1);
            assertEquals("allocation", seen.name());
            assertNotNull(seen.id());
            assertEquals(seen.id(), seen.json().getString("valid_from"), "the event id is the record's valid_from");
            assertTrue(seen.json().containsKey("evses"), seen.data());
        }

        // while no one listens the capacity changes; a reconnect from the last event gets that record, not the one it saw
        Api.patch("/api/v1/smart-charging-groups/" + group, token, "{\"default_capacity_amps\":45}").expect(200);
        Thread.sleep(1500);
        try (EventStream again = new EventStream(path, token, seen.id())) {
            List<Event> events = again.until(45);
            assertTrue(events.stream().noneMatch(e -> e.id().equals(seen.id())), "the event seen is not sent again: " + events);
        }
    }

    @Test
    void aStreamEndsWhenItsCallerMayNoLongerSeeTheGroup() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        List<String> evses = Fixtures.station(token, cpoId, "SSE-" + Api.unique(), 1);
        String group = Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Granted\","
                + "\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":32,\"evse_ids\":[\"" + evses.get(0)
                + "\"]}").expect(201).json().getString("group_id");
        String client = "dso-" + Api.unique();
        Api.put("/api/v1/smart-charging-groups/" + group + "/grants/" + client, token).expect(201);
        try (EventStream stream = new EventStream("/api/v1/smart-charging-groups/" + group + "/events", DevTokens.capacityProvider(client),
                null)) {
            assertEquals(200, stream.response.statusCode());
            Api.patch("/api/v1/smart-charging-groups/" + group, token, "{\"default_capacity_amps\":30}").expect(200);
            stream.until(30);
            Api.delete("/api/v1/smart-charging-groups/" + group + "/grants/" + client, token).expect(204);
            stream.reader.join(10_000);
            assertTrue(!stream.reader.isAlive(), "the stream ends within a poll of the grant's revocation");
        }
    }

    @Test
    void aStreamOfAGroupOneCannotSeeIsAProblemNotAStream() throws Exception {
        String cpoId = Fixtures.cpo();
        String token = DevTokens.cpoAdmin(cpoId);
        List<String> evses = Fixtures.station(token, cpoId, "SSE-" + Api.unique(), 1);
        String group = Api.post("/api/v1/smart-charging-groups", token, "{\"cpo_id\":\"" + cpoId + "\",\"name\":\"Hidden\","
                + "\"algorithm\":{\"name\":\"equal_share\",\"parameters\":{}},\"default_capacity_amps\":32,\"evse_ids\":[\"" + evses.get(0)
                + "\"]}").expect(201).json().getString("group_id");
        String path = "/api/v1/smart-charging-groups/" + group + "/events";
        Api.get(path, DevTokens.cpoAdmin(Fixtures.cpo())).problem(404);
        Api.get(path, null).problem(401);
        HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(Api.BASE + path)).header("Authorization", "Bearer " + token)
                .header("Last-Event-ID", "yesterday").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("Last-Event-ID", Json.createReader(new StringReader(bad.body())).readObject().getString("field"));
    }
}
