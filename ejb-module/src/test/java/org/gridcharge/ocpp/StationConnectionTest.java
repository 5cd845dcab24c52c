package org.gridcharge.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StationConnectionTest {

    /** A transport that writes when told to: it holds each frame's completion until the test releases it. */
    private static final class HeldTransport implements StationConnection.Transport {
        final List<String> started = new ArrayList<>();
        final List<Consumer<Throwable>> completions = new ArrayList<>();
        String closedWith;

        @Override
        public void send(String text, Consumer<Throwable> written) {
            started.add(text);
            completions.add(written);
        }

        @Override
        public void close(String reason, boolean goingAway) {
            closedWith = reason;
        }

        void complete(int index, Throwable failure) {
            completions.get(index).accept(failure);
        }
    }

    private static JsonObject payload(int value) {
        return Json.createObjectBuilder().add("value", value).build();
    }

    private static JsonArray frame(String text) {
        return Json.createReader(new StringReader(text)).readArray();
    }

    @Test
    void framesAreWrittenOneAtATimeAndInOrder() {
        HeldTransport transport = new HeldTransport();
        StationConnection connection = new StationConnection("CS-1", OcppVersion.V16, transport, 30_000, Instant.EPOCH);

        connection.result("a", payload(1));
        connection.result("b", payload(2));
        connection.result("c", payload(3));
        assertEquals(1, transport.started.size(), "the second frame waits until the first is written");
        assertEquals(3, connection.framesWaiting());

        transport.complete(0, null);
        transport.complete(1, null);
        assertEquals(List.of("a", "b", "c"), transport.started.stream().map(t -> frame(t).getString(1)).toList());
        transport.complete(2, null);
        assertEquals(0, connection.framesWaiting());
    }

    @Test
    void aTransportThatCompletesAtOnceWritesEverything() {
        List<String> written = new ArrayList<>();
        StationConnection connection = new StationConnection("CS-2", OcppVersion.V16, new StationConnection.Transport() {
            @Override
            public void send(String text, Consumer<Throwable> done) {
                written.add(text);
                done.accept(null); // before send returns, as a container may do
            }

            @Override
            public void close(String reason, boolean goingAway) {
            }
        }, 30_000, Instant.EPOCH);

        for (int i = 0; i < 500; i++) {
            connection.result("m" + i, payload(i));
        }
        assertEquals(500, written.size());
        assertEquals("m499", frame(written.get(499)).getString(1));
        assertEquals(0, connection.framesWaiting());
    }

    @Test
    void aFailedWriteClosesTheConnectionAndEndsItsCalls() {
        HeldTransport transport = new HeldTransport();
        StationConnection connection = new StationConnection("CS-3", OcppVersion.V16, transport, 30_000, Instant.EPOCH);
        List<StationConnection.Outcome> outcomes = new ArrayList<>();

        connection.call("SetChargingProfile", payload(16), "limit:E1", outcomes::add);
        transport.complete(0, new java.io.IOException("broken pipe"));

        assertTrue(connection.closed());
        assertEquals("a frame could not be written", transport.closedWith);
        assertEquals(1, outcomes.size());
        assertEquals("Closed", outcomes.get(0).errorCode());
    }

    @Test
    void oneCallIsOutstandingAndANewerLimitReplacesAQueuedOne() {
        HeldTransport transport = new HeldTransport();
        StationConnection connection = new StationConnection("CS-4", OcppVersion.V16, transport, 30_000, Instant.EPOCH);
        List<String> outcomes = new ArrayList<>();

        connection.call("SetChargingProfile", payload(32), "limit:E1", o -> outcomes.add("first " + o.errorCode()));
        connection.call("SetChargingProfile", payload(16), "limit:E1", o -> outcomes.add("second " + o.errorCode()));
        connection.call("SetChargingProfile", payload(10), "limit:E1", o -> outcomes.add("third " + o.result()));
        assertEquals(List.of("second Superseded"), outcomes, "the queued 16 A never goes out: 10 A replaced it");
        transport.complete(0, null);
        assertEquals(1, transport.started.size(), "the next CALL waits for the answer to the first");

        JsonArray first = frame(transport.started.get(0));
        assertTrue(connection.answered(first.getString(1), Json.createObjectBuilder().add("status", "Accepted").build()));
        assertEquals(2, transport.started.size());
        JsonArray third = frame(transport.started.get(1));
        assertEquals(10, third.getJsonObject(3).getInt("value"));
        connection.answered(third.getString(1), Json.createObjectBuilder().add("status", "Accepted").build());
        assertEquals(List.of("second Superseded", "first null", "third {\"status\":\"Accepted\"}"), outcomes);
    }

    @Test
    void anUnansweredCallTimesOutAndTheNextGoesOut() {
        HeldTransport transport = new HeldTransport();
        StationConnection connection = new StationConnection("CS-5", OcppVersion.V16, transport, 1_000, Instant.EPOCH);
        List<StationConnection.Outcome> outcomes = new ArrayList<>();
        connection.call("GetConfiguration", payload(1), null, outcomes::add);
        connection.call("GetConfiguration", payload(2), null, outcomes::add);
        transport.complete(0, null);

        connection.checkTimeout(System.currentTimeMillis() + 5_000);
        assertEquals(1, outcomes.size());
        assertTrue(outcomes.get(0).timedOut());
        assertEquals(2, transport.started.size());
    }

    @Test
    void theLastSeenTimeIsToBeRecordedUntilItWas() {
        StationConnection connection = new StationConnection("CS-1", OcppVersion.V16, new HeldTransport(), 30_000, Instant.EPOCH);
        assertEquals(0, connection.seenToRecord());
        connection.seen(1_000);
        connection.seen(2_000);
        assertEquals(2_000, connection.seenToRecord());
        assertEquals(2_000, connection.seenToRecord(), "until it was recorded (a failed write leaves it to the next)");
        connection.seenRecorded(2_000);
        assertEquals(0, connection.seenToRecord());
        connection.seen(3_000);
        assertEquals(3_000, connection.seenToRecord());
    }

    @Test
    void aLimitSentUpToTheClearIsTakenAsClearedAndOneSentAfterItIsNot() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000);
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        StationConnection connection = new StationConnection("CS-9", OcppVersion.V16, new HeldTransport(), 30_000, Instant.EPOCH, clock);
        assertTrue(!connection.sentBeforeClear(500), "never told to clear: an answer counts");
        now.set(2_000);
        connection.clearing();
        assertTrue(connection.sentBeforeClear(2_500), "while the clear waits for its answer, nothing accepted counts");
        connection.cleared(2_000);
        assertTrue(connection.sentBeforeClear(1_999), "sent before the clear: the station dropped it after accepting it");
        assertTrue(connection.sentBeforeClear(2_000), "the same millisecond: taken as before (the safe side)");
        assertTrue(connection.sentBeforeClear(0), "a send time not known: taken as before");
        assertTrue(!connection.sentBeforeClear(2_001), "sent after the clear: the station holds it");
        now.set(3_000);
        connection.clearing();
        connection.cleared(0);
        assertTrue(connection.sentBeforeClear(3_000) && !connection.sentBeforeClear(3_001), "a clear whose send time is not known: its end");
    }
}
