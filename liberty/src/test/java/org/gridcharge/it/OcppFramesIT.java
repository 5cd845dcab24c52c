package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input on the OCPP endpoint, frame by frame: the spec's CALLERROR codes, and the connection stays up. */
class OcppFramesIT {

    static String station;

    @BeforeAll
    static void station() {
        String cpoId = Fixtures.cpo();
        station = "RAW-" + Api.unique();
        Fixtures.station(DevTokens.cpoAdmin(cpoId), cpoId, station, 1);
    }

    private static int handshakeStatus(String stationId, String password, String... protocols) {
        CompletionException failure = assertThrows(CompletionException.class, () -> RawStation.connect(stationId, password, protocols).close());
        assertTrue(failure.getCause() instanceof WebSocketHandshakeException, failure.toString());
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    @Test
    void theHandshakeRefusesUnknownStationsAndWrongPasswords() {
        assertEquals(401, handshakeStatus(station, null, "ocpp1.6"), "no credentials");
        assertEquals(401, handshakeStatus(station, "wrong-password-but-long-enough", "ocpp1.6"));
        assertEquals(404, handshakeStatus("NOBODY-" + Api.unique(), Fixtures.STATION_PASSWORD, "ocpp1.6"),
                "OCPP-J: an identity the central system does not know SHOULD get 404");
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDownWithoutLockingTheStationOut() {
        String cpoId = Fixtures.cpo();
        String target = "GUESSED-" + Api.unique();
        Fixtures.station(DevTokens.cpoAdmin(cpoId), cpoId, target, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, handshakeStatus(target, "wrong-password-number-" + i, "ocpp1.6"));
        }
        CompletionException failure = assertThrows(CompletionException.class,
                () -> RawStation.connect(target, "wrong-password-number-5", "ocpp1.6").close());
        java.net.http.HttpResponse<?> response = ((WebSocketHandshakeException) failure.getCause()).getResponse();
        assertEquals(429, response.statusCode(), "the sixth guess within a minute is not even checked");
        assertTrue(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        // other stations at the same address are not affected
        try (RawStation raw = RawStation.connect(station, Fixtures.STATION_PASSWORD, "ocpp1.6")) {
            assertEquals("ocpp1.6", raw.socket.getSubprotocol());
        }
    }

    @Test
    void aHandshakeWithoutAnAcceptableSubprotocolCompletesWithoutOneAndIsClosedAtOnce() throws Exception {
        // OCPP-J: the server MUST complete the handshake without a Sec-WebSocket-Protocol header, then close the connection
        for (String[] offered : new String[][] {{"ocpp2.1"}, {"ocpp1.5"}, {}}) {
            try (RawStation raw = RawStation.connect(station, Fixtures.STATION_PASSWORD, offered)) {
                assertEquals("", raw.socket.getSubprotocol(), "no subprotocol agreed for " + java.util.Arrays.toString(offered));
                assertEquals(1002, raw.closed.get(10, TimeUnit.SECONDS), "closed at once (protocol error)");
            }
        }
    }

    @Test
    void theCallIdsOfThePlatformAreUuidsThatNeverRepeatAcrossConnections() throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int connection = 0; connection < 2; connection++) {
            try (RawStation raw = RawStation.connect(station, Fixtures.STATION_PASSWORD, "ocpp1.6")) {
                // the platform sends the failsafe (and the EVSE's limit) on connect
                JsonArray call = raw.call("SetChargingProfile");
                String id = call.getString(1);
                assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "a UUID: " + id);
                assertTrue(ids.add(id), "never repeated: " + id);
            }
        }
    }

    private static void assertError(JsonArray reply, String id, String code) {
        assertEquals(4, reply.getInt(0), reply.toString());
        assertEquals(id, reply.getString(1), reply.toString());
        assertEquals(code, reply.getString(2), reply.toString());
        assertTrue(reply.getString(3).length() > 0, "the description says what is wrong: " + reply);
        assertEquals(5, reply.size(), reply.toString());
    }

    @Test
    void ocpp16ErrorsCarryTheSpecCodesAndTheConnectionStaysUp() throws InterruptedException {
        try (RawStation raw = RawStation.connect(station, Fixtures.STATION_PASSWORD, "ocpp1.6")) {
            assertEquals("ocpp1.6", raw.socket.getSubprotocol());
            assertError(raw.exchange("[2, \"a1\", \"Heartbeat\", {"), "-1", "FormationViolation");
            assertError(raw.exchange("{\"not\": \"a frame\"}"), "-1", "ProtocolError");
            assertError(raw.exchange("[2, \"a2\", \"Heartbeat\"]"), "a2", "ProtocolError");
            assertError(raw.exchange("[7, \"a3\", \"Heartbeat\", {}]"), "a3", "ProtocolError");
            assertError(raw.exchange("[2, \"a4\", \"MakeCoffee\", {}]"), "a4", "NotImplemented");
            assertError(raw.exchange("[2, \"a5\", \"RemoteStartTransaction\", {\"idTag\": \"x\"}]"), "a5", "NotSupported");
            assertError(raw.exchange("[2, \"a6\", \"BootNotification\", {\"chargePointVendor\": 42, \"chargePointModel\": \"M\"}]"), "a6",
                    "TypeConstraintViolation");
            // OCPP-J 1.6 spells it with one 'r'
            assertError(raw.exchange("[2, \"a7\", \"BootNotification\", {\"chargePointVendor\": \"V\"}]"), "a7", "OccurenceConstraintViolation");
            assertError(raw.exchange("[2, \"a8\", \"BootNotification\", {\"chargePointVendor\": \"a vendor name far too long\", "
                    + "\"chargePointModel\": \"M\"}]"), "a8", "PropertyConstraintViolation");
            assertError(raw.exchange("[2, \"a9\", \"StatusNotification\", {\"connectorId\": 1, \"errorCode\": \"NoError\", "
                    + "\"status\": \"Dancing\"}]"), "a9", "PropertyConstraintViolation");
            assertError(raw.exchange("[2, \"a10\", \"Heartbeat\", {\"extra\": true}]"), "a10", "FormationViolation");
            assertError(raw.exchange("[2, \"a11\", \"MeterValues\", {\"connectorId\": 1, \"meterValue\": []}]"), "a11",
                    "OccurenceConstraintViolation");
            String tooLong = "x".repeat(37);
            assertError(raw.exchange("[2, \"" + tooLong + "\", \"Heartbeat\", {}]"), tooLong, "ProtocolError");
            String deep = "[".repeat(5000) + "]".repeat(5000);
            assertError(raw.exchange("[2, \"a13\", \"DataTransfer\", {\"vendorId\": \"x\", \"data\": " + deep + "}]"), "-1",
                    "FormationViolation");
            for (String bad : new String[] {"\"NaN\"", "\"Infinity\"", "\"-50\"", "\"1e308\"", "\"0x1p3\""}) {
                assertError(raw.exchange("[2, \"a14\", \"MeterValues\", {\"connectorId\": 1, \"meterValue\": [{\"timestamp\": "
                        + "\"2026-01-01T00:00:00Z\", \"sampledValue\": [{\"value\": " + bad + ", \"measurand\": \"Current.Import\", "
                        + "\"phase\": \"L1\", \"unit\": \"A\"}]}]}]"), "a14", "PropertyConstraintViolation");
            }
            // the same values in a running transaction, whose readings the server holds and writes together: refused alike
            JsonArray started = raw.exchange("[2, \"a16\", \"StartTransaction\", {\"connectorId\": 1, \"idTag\": \"T\", \"meterStart\": 0, "
                    + "\"timestamp\": \"2026-01-01T00:00:00Z\"}]");
            int tx = started.getJsonObject(2).getInt("transactionId");
            String reading = "[2, \"a17\", \"MeterValues\", {\"connectorId\": 1, \"transactionId\": " + tx + ", \"meterValue\": [{\"timestamp\": "
                    + "\"2026-01-01T00:00:10Z\", \"sampledValue\": [{\"value\": %s, \"measurand\": \"Current.Import\", \"unit\": \"A\"}]}]}]";
            assertEquals(3, raw.exchange(reading.formatted("\"16\"")).getInt(0), "the first reading makes the session known");
            assertEquals(3, raw.exchange(reading.formatted("\"16.5\"")).getInt(0), "a small change is held");
            for (String bad : new String[] {"\"NaN\"", "\"-50\"", "\"1e308\""}) {
                assertError(raw.exchange(reading.formatted(bad)), "a17", "PropertyConstraintViolation");
            }
            JsonArray nullPayload = raw.exchange("[2, \"a15\", \"Heartbeat\", null]");
            assertEquals(3, nullPayload.getInt(0), "OCPP-J allows null for no payload: " + nullPayload);
            assertError(raw.exchange("[2, \"a12\", \"StartTransaction\", {\"connectorId\": 1, \"idTag\": \"T\", \"meterStart\": 0, "
                    + "\"timestamp\": \"yesterday\"}]"), "a12", "PropertyConstraintViolation");

            JsonArray heartbeat = raw.exchange("[2, \"ok\", \"Heartbeat\", {}]");
            assertEquals(3, heartbeat.getInt(0));
            assertEquals("ok", heartbeat.getString(1));
            assertTrue(heartbeat.getJsonObject(2).getString("currentTime").endsWith("Z"));
        }
    }

    @Test
    void ocpp201ErrorsUseTheirOwnNames() throws InterruptedException {
        try (RawStation raw = RawStation.connect(station, Fixtures.STATION_PASSWORD, "ocpp2.0.1")) {
            assertEquals("ocpp2.0.1", raw.socket.getSubprotocol());
            assertError(raw.exchange("not json"), "-1", "RpcFrameworkError");
            assertError(raw.exchange("[5, \"b1\", {}]"), "b1", "MessageTypeNotSupported");
            assertError(raw.exchange("[2, \"b2\", \"Heartbeat\", {\"extra\": 1}]"), "b2", "FormatViolation");
            assertError(raw.exchange("[2, \"b3\", \"RequestStartTransaction\", {}]"), "b3", "NotSupported");
            assertError(raw.exchange("[2, \"b4\", \"TransactionEvent\", {\"eventType\": \"Started\", \"timestamp\": \"2026-01-01T00:00:00Z\", "
                    + "\"triggerReason\": \"Authorized\", \"seqNo\": 0, \"transactionInfo\": {\"transactionId\": \"t1\"}}]"), "b4",
                    "OccurrenceConstraintViolation");
            JsonArray heartbeat = raw.exchange("[2, \"ok\", \"Heartbeat\", {}]");
            assertEquals(3, heartbeat.getInt(0));
        }
    }

    @Test
    void anOversizedFrameClosesTheConnection() throws Exception {
        try (RawStation raw = RawStation.connect(station, Fixtures.STATION_PASSWORD, "ocpp1.6")) {
            String huge = "[2, \"big\", \"DataTransfer\", {\"vendorId\": \"x\", \"data\": \"" + "x".repeat(300_000) + "\"}]";
            raw.socket.sendText(huge, true);
            assertEquals(1009, raw.closed.get(10, TimeUnit.SECONDS), "closed as too big");
        }
    }

    @Test
    void aHandshakeThatNeverFinishesIsDroppedWithinTheReadTimeout() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", Integer.getInteger("http.port", 9080))) {
            socket.getOutputStream().write(("GET /ocpp/" + station + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.setSoTimeout(30_000);
            long started = System.nanoTime();
            byte[] answer = socket.getInputStream().readNBytes(12);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertTrue(seconds <= 15, "a half-open handshake holds its socket at most HTTP_READ_TIMEOUT (10 s): " + seconds + " s");
            assertEquals("HTTP/1.1 408", new String(answer, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
}
