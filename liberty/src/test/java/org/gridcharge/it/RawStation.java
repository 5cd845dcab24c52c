package org.gridcharge.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A station speaking raw OCPP-J frames through the JDK's WebSocket client, to send what no proper client would. */
final class RawStation implements AutoCloseable {

    static final String OCPP_BASE = "ws://localhost:" + System.getProperty("http.port", "9080") + "/ocpp/";

    final WebSocket socket;
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private RawStation(String stationId, String password, String... protocols) {
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    frames.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        };
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (protocols.length > 0) {
            builder.subprotocols(protocols[0], java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
        }
        if (password != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((stationId + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        socket = builder.buildAsync(URI.create(OCPP_BASE + Api.enc(stationId)), listener).join();
    }

    /** Opens a connection; throws the handshake's failure (e.g. a WebSocketHandshakeException carrying the HTTP status). */
    static RawStation connect(String stationId, String password, String... protocols) {
        return new RawStation(stationId, password, protocols);
    }

    RawStation send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** The next frame from the platform that is not a CALL (the platform's own CALLs are skipped), parsed. */
    JsonArray reply() throws InterruptedException {
        return next(frame -> frame.getInt(0) != 2, "reply");
    }

    /** The next CALL of the platform with this action (other frames are skipped), parsed. */
    JsonArray call(String action) throws InterruptedException {
        return next(frame -> frame.getInt(0) == 2 && action.equals(frame.getString(2)), action);
    }

    private JsonArray next(java.util.function.Predicate<JsonArray> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                break;
            }
            JsonArray parsed = Json.createReader(new StringReader(frame)).readArray();
            if (wanted.test(parsed)) {
                return parsed;
            }
        }
        throw new AssertionError("no " + what + " from the platform within 10 s");
    }

    /** Sends a frame and returns the reply to it. */
    JsonArray exchange(String text) throws InterruptedException {
        return send(text).reply();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
