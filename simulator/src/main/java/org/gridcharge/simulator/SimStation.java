package org.gridcharge.simulator;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated OCPP 1.6J charge station on the JDK's WebSocket client: it boots, starts a session on each
 * connector with an EV that draws what it is allowed (or less: a nearly full battery), reports what it draws, and
 * obeys the charging profiles it is sent.
 */
final class SimStation {

    /** Looked up once: each static Json.create… call looks the provider up again (a service-loader scan). */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** What a connector's EV would draw if allowed, and what the station has counted so far. */
    static final class Connector {
        final int id;
        final double demandAmps;
        volatile int transactionId = -1;
        double energyWh;

        Connector(int id, double demandAmps) {
            this.id = id;
            this.demandAmps = demandAmps;
        }
    }

    final String id;
    final Connector[] connectors;
    final ChargingLimits limits = new ChargingLimits();
    private final Stats stats;
    private final Clock clock;
    private final Map<String, CompletableFuture<JsonValue>> pending = new ConcurrentHashMap<>();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** An open connection, and what completes when it closes. */
    private record Link(WebSocket socket, CompletableFuture<Void> closed) {
    }

    /** The connection last opened (null before the first): set when it opens, so a connection still opening is none. */
    private volatile Link link;
    /** With --reconnect: a lost connection is opened again (through the balancer), as real stations do. */
    private volatile boolean reconnect;
    private volatile boolean ending;
    private HttpClient http;
    private String baseUrl;
    private String password;
    /** When the connection was lost, until a connector's profile arrives on a new one (0: under control). */
    private volatile long lostAt;

    SimStation(String id, double[] demandAmps, Stats stats, Clock clock) {
        this.id = id;
        this.stats = stats;
        this.clock = clock;
        this.connectors = new Connector[demandAmps.length];
        for (int i = 0; i < demandAmps.length; i++) {
            connectors[i] = new Connector(i + 1, demandAmps[i]);
        }
    }

    /** Opens connections again when one is lost, until {@link #close()}. */
    void reconnecting() {
        this.reconnect = true;
    }

    CompletableFuture<Void> connect(HttpClient http, String baseUrl, String password) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.password = password;
        CompletableFuture<Void> connection = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                // before any frame arrives: the platform's first CALL may come before buildAsync completes
                link = new Link(webSocket, connection);
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String frame = text.toString();
                    text.setLength(0);
                    try {
                        received(frame);
                    } catch (RuntimeException e) {
                        stats.problem(id + " could not handle " + frame + ": " + e);
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                lost(connection, null);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                lost(connection, error);
            }
        };
        String auth = Base64.getEncoder().encodeToString((id + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.newWebSocketBuilder().subprotocols("ocpp1.6").header("Authorization", "Basic " + auth)
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create(baseUrl + id), listener).thenAccept(ws -> {
                    // opened: the listener set the link
                });
    }

    boolean open() {
        Link current = link;
        return current != null && !current.closed().isDone();
    }

    /** A connection closed: CALLs waiting on it fail; with --reconnect, a new one is opened after a short pause. */
    private void lost(CompletableFuture<Void> connection, Throwable error) {
        if (!connection.complete(null)) {
            return;
        }
        pending.values().forEach(answer -> answer.completeExceptionally(new IllegalStateException("connection lost")));
        pending.clear();
        if (reconnect && !ending) {
            if (lostAt == 0) {
                lostAt = System.nanoTime();
            }
            stats.lost();
            reconnectLater();
        } else if (error != null && !ending) {
            stats.problem(id + " lost its connection: " + error);
        }
    }

    /**
     * Opens a new connection after 0.5-1.5 s (spread, so that a server's stations do not all come back in the same
     * millisecond), then sends BootNotification; tries again while that fails. The station keeps its sessions and the
     * profiles it holds: it did not reboot.
     */
    private void reconnectLater() {
        long pause = 500 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1000);
        CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS).execute(() -> {
            if (ending) {
                return;
            }
            Link before = link;
            connect(http, baseUrl, password).thenCompose(v -> boot()).whenComplete((booted, failure) -> {
                if (failure == null) {
                    stats.reconnected();
                    return;
                }
                Link opened = link;
                if (opened != before && opened != null && opened.closed().complete(null)) {
                    opened.socket().abort(); // it opened but BootNotification failed: drop it and try again
                } else if (opened != before && opened != null) {
                    return; // it opened and closed meanwhile: that close already asked for another try
                }
                if (!ending) {
                    reconnectLater(); // the same loss: not counted again
                }
            });
        });
    }

    /** Sends a CALL; the future completes with the CALLRESULT payload (or exceptionally with the CALLERROR). */
    CompletableFuture<JsonValue> call(String action, JsonObject payload) {
        String messageId = Long.toString(ids.incrementAndGet());
        CompletableFuture<JsonValue> answer = new CompletableFuture<>();
        pending.put(messageId, answer);
        sentAt.put(messageId, System.nanoTime());
        String frame = JSON.createArrayBuilder().add(2).add(messageId).add(action).add(payload).build().toString();
        stats.sent(action);
        if (!send(frame)) {
            // the connection went while sending: a lost connection, which --reconnect mends
            pending.remove(messageId);
            sentAt.remove(messageId);
            answer.completeExceptionally(new IllegalStateException("connection lost"));
            return answer;
        }
        return answer.orTimeout(60, TimeUnit.SECONDS);
    }

    CompletableFuture<JsonValue> boot() {
        return call("BootNotification", JSON.createObjectBuilder().add("chargePointVendor", "GridCharge").add("chargePointModel", "Sim")
                .build());
    }

    CompletableFuture<Void> startSessions() {
        CompletableFuture<?>[] started = new CompletableFuture<?>[connectors.length];
        for (int i = 0; i < connectors.length; i++) {
            Connector c = connectors[i];
            started[i] = call("StartTransaction", JSON.createObjectBuilder().add("connectorId", c.id).add("idTag", "SIM" + c.id)
                    .add("meterStart", 0).add("timestamp", clock.instant().toString()).build())
                    .thenAccept(v -> c.transactionId = ((JsonObject) v).getInt("transactionId"));
        }
        return CompletableFuture.allOf(started);
    }

    CompletableFuture<JsonValue> heartbeat() {
        return call("Heartbeat", JsonValue.EMPTY_JSON_OBJECT);
    }

    /** What each EV draws now: its demand, capped by the station's limit (none in force: its demand). */
    double drawAmps(Connector c, Instant at) {
        Double limit = limits.limitAt(c.id, at);
        return limit == null ? c.demandAmps : Math.min(limit, c.demandAmps);
    }

    void meterValues(double intervalSeconds) {
        Instant now = clock.instant();
        for (Connector c : connectors) {
            if (c.transactionId < 0) {
                continue;
            }
            double amps = drawAmps(c, now);
            c.energyWh += amps * 230 * 3 * intervalSeconds / 3600;
            var sampled = JSON.createArrayBuilder();
            for (String phase : new String[] {"L1", "L2", "L3"}) {
                sampled.add(JSON.createObjectBuilder().add("value", String.format(java.util.Locale.ROOT, "%.1f", amps))
                        .add("measurand", "Current.Import").add("phase", phase).add("unit", "A"));
            }
            sampled.add(JSON.createObjectBuilder().add("value", String.format(java.util.Locale.ROOT, "%.0f", c.energyWh))
                    .add("measurand", "Energy.Active.Import.Register").add("unit", "Wh"));
            call("MeterValues", JSON.createObjectBuilder().add("connectorId", c.id).add("transactionId", c.transactionId)
                    .add("meterValue", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("timestamp", now.toString())
                            .add("sampledValue", sampled))).build());
        }
    }

    void close() {
        ending = true;
        Link current = link;
        if (current != null && !current.closed().isDone()) {
            current.socket().sendClose(WebSocket.NORMAL_CLOSURE, "simulation over");
        }
    }

    private void received(String frame) {
        JsonArray message;
        try {
            message = JSON.createReader(new StringReader(frame)).readArray();
        } catch (RuntimeException e) {
            stats.problem(id + " got an unreadable frame: " + frame);
            return;
        }
        int type = message.getInt(0);
        String messageId = message.getString(1);
        if (type == 3 || type == 4) {
            CompletableFuture<JsonValue> answer = pending.remove(messageId);
            Long started = sentAt.remove(messageId);
            if (started != null) {
                stats.roundTrip(System.nanoTime() - started);
            }
            if (answer != null) {
                if (type == 3) {
                    answer.complete(message.get(2));
                } else {
                    answer.completeExceptionally(new IllegalStateException(message.getString(2) + ": " + message.getString(3)));
                    stats.problem(id + " got CALLERROR " + message);
                }
            }
            return;
        }
        String action = message.getString(2);
        JsonObject payload = message.getJsonObject(3);
        stats.received(action);
        JsonObjectBuilder result = JSON.createObjectBuilder();
        switch (action) {
            case "SetChargingProfile" -> {
                ChargingLimits.Profile profile = ChargingLimits.Profile.of(payload.getInt("connectorId"),
                        payload.getJsonObject("csChargingProfiles"));
                limits.set(profile);
                stats.profile(this, profile);
                long since = lostAt;
                if (since != 0 && profile.connectorId() > 0) {
                    lostAt = 0;
                    stats.backUnderControl(System.nanoTime() - since);
                }
                result.add("status", "Accepted");
            }
            case "ClearChargingProfile" -> {
                int cleared = limits.clear(payload.containsKey("id") ? payload.getInt("id") : null, payload.getInt("connectorId", -1),
                        payload.getString("chargingProfilePurpose", null));
                result.add("status", cleared > 0 ? "Accepted" : "Unknown");
            }
            case "GetCompositeSchedule" -> result.add("status", "Rejected");
            default -> {
                reply(JSON.createArrayBuilder().add(4).add(messageId).add("NotImplemented").add(action + " is not simulated")
                        .add(JsonValue.EMPTY_JSON_OBJECT).build().toString());
                return;
            }
        }
        reply(JSON.createArrayBuilder().add(3).add(messageId).add(result).build().toString());
    }

    private void reply(String frame) {
        send(frame); // if the connection went before the answer, the platform asks again on the next one
    }

    /**
     * Writes a frame on the current connection; false if that connection went meanwhile (with --reconnect: it counts
     * as lost and is opened again; without, the failure is thrown).
     */
    private boolean send(String frame) {
        Link current = link;
        try {
            synchronized (this) {
                current.socket().sendText(frame, true).join();
            }
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            if (!reconnect) {
                throw e;
            }
            lost(current.closed(), null);
            return false;
        }
    }
}
