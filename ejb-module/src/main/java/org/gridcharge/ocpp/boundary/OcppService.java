package org.gridcharge.ocpp.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.ocpp.Messages;
import org.gridcharge.ocpp.OcppException;
import org.gridcharge.ocpp.OcppVersion;
import org.gridcharge.ocpp.OcppVersion.ErrorKind;
import org.gridcharge.ocpp.Shape;
import org.gridcharge.ocpp.StationConnection;
import org.gridcharge.platform.monitoring.PlatformMetrics;
import org.gridcharge.station.boundary.StationControlService;

/**
 * The OCPP-J conversation with each station: opens and closes connections, reads frames, answers
 * CALLs (or says precisely what is wrong with them in a CALLERROR, leaving the connection up) and
 * matches CALLRESULTs and CALLERRORs to the platform's own CALLs.
 */
@ApplicationScoped
public class OcppService {

    private static final Logger LOG = Logger.getLogger(OcppService.class.getName());
    private static final long SEEN_WRITE_INTERVAL_MILLIS = 10_000;
    /** No OCPP message nests deeper than this (2.0.1's deepest is about 10); deeper frames are refused before parsing. */
    static final int MAX_DEPTH = 32;

    @Inject
    StationRegistry registry;

    @Inject
    ProfileSender profiles;

    @EJB
    CentralSystem centralSystem;

    @EJB
    StationControlService control;

    @Inject
    Clock clock;

    @Inject
    PlatformMetrics metrics;

    @Inject
    @ConfigProperty(name = "gridcharge.ocpp.call-timeout-seconds", defaultValue = "30")
    long callTimeoutSeconds;

    /** A station connected (authenticated, subprotocol agreed): it replaces an older connection and gets its limits. */
    public StationConnection opened(String chargeStationId, OcppVersion version, StationConnection.Transport transport) {
        StationConnection connection = new StationConnection(chargeStationId, version, transport, callTimeoutSeconds * 1000, clock.instant(), clock);
        StationConnection previous = registry.register(connection);
        if (previous != null) {
            previous.close("replaced by a new connection of the same station");
        }
        if (connection.closed()) {
            return connection; // the server is draining
        }
        try {
            control.connected(chargeStationId, version.subprotocol(), connection.connectedAt());
            profiles.stationConnected(connection);
        } catch (RuntimeException e) {
            registry.unregister(connection);
            throw e;
        }
        return connection;
    }

    /** The connection closed; the station counts as offline unless a newer connection replaced it. */
    public void closed(StationConnection connection) {
        connection.gone();
        if (registry.unregister(connection)) {
            control.disconnected(connection.chargeStationId(), connection.connectedAt());
        }
    }

    /** One text frame from the station. */
    public void received(StationConnection connection, String text) {
        OcppVersion version = connection.version();
        if (org.gridcharge.platform.input.JsonDepth.of(text) > MAX_DEPTH) {
            error(connection, "-1", version == OcppVersion.V16 ? ErrorKind.FORMAT : ErrorKind.FRAME,
                    "JSON nested deeper than " + MAX_DEPTH + " levels is not an OCPP message");
            return;
        }
        JsonValue parsed;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            parsed = reader.readValue();
        } catch (JsonParsingException | IllegalStateException e) {
            error(connection, "-1", version == OcppVersion.V16 ? ErrorKind.FORMAT : ErrorKind.FRAME, "not valid JSON: " + e.getMessage());
            return;
        }
        seen(connection);
        if (parsed.getValueType() != JsonValue.ValueType.ARRAY || parsed.asJsonArray().size() < 3) {
            error(connection, idOf(parsed), ErrorKind.FRAME, "an OCPP-J frame is a JSON array: [2, id, action, payload], [3, id, payload] "
                    + "or [4, id, code, description, details]");
            return;
        }
        JsonArray frame = parsed.asJsonArray();
        if (frame.get(1).getValueType() != JsonValue.ValueType.STRING) {
            error(connection, "-1", ErrorKind.FRAME, "the message id (second element) must be a string");
            return;
        }
        String id = ((JsonString) frame.get(1)).getString();
        if (id.length() > 36) {
            // answered with the id as received, so the station can match the error to its message
            error(connection, id, ErrorKind.FRAME, "the message id is longer than 36 characters");
            return;
        }
        int type = frame.get(0).getValueType() == JsonValue.ValueType.NUMBER ? frame.getJsonNumber(0).intValue() : -1;
        switch (type) {
            case 2 -> call(connection, id, frame);
            case 3 -> {
                if (frame.size() != 3 || frame.get(2).getValueType() != JsonValue.ValueType.OBJECT) {
                    error(connection, id, ErrorKind.FRAME, "a CALLRESULT is [3, id, payload] with a JSON object payload");
                } else if (countIn("result") && !connection.answered(id, frame.getJsonObject(2))) {
                    LOG.fine(() -> connection.chargeStationId() + " answered " + id + ", which is not the outstanding call");
                }
            }
            case 4 -> {
                if (frame.size() < 4 || frame.get(2).getValueType() != JsonValue.ValueType.STRING) {
                    error(connection, id, ErrorKind.FRAME, "a CALLERROR is [4, id, code, description, details]");
                } else {
                    String description = frame.size() > 3 && frame.get(3) instanceof JsonString s ? s.getString() : "";
                    countIn("error");
                    connection.failed(id, frame.getString(2), description);
                }
            }
            default -> error(connection, id, ErrorKind.MESSAGE_TYPE, "message type " + frame.get(0) + " is not 2 (CALL), 3 (CALLRESULT) or 4 (CALLERROR)");
        }
    }

    private void call(StationConnection connection, String id, JsonArray frame) {
        OcppVersion version = connection.version();
        if (frame.size() != 4 || frame.get(2).getValueType() != JsonValue.ValueType.STRING) {
            error(connection, id, ErrorKind.FRAME, "a CALL is [2, id, action, payload]");
            return;
        }
        String action = frame.getString(2);
        Shape shape = Messages.request(version, action);
        metrics.ocppMessage("in", shape != null || Messages.knownButNotReceived(version, action) ? action : "unknown");
        if (shape == null) {
            if (Messages.knownButNotReceived(version, action)) {
                error(connection, id, ErrorKind.NOT_SUPPORTED, action + " is not a request this central system handles");
            } else {
                error(connection, id, ErrorKind.NOT_IMPLEMENTED, "unknown action '" + action + "' in " + version.subprotocol());
            }
            return;
        }
        // OCPP-J lets a message without payload carry null in its place
        JsonValue payload = frame.get(3).getValueType() == JsonValue.ValueType.NULL ? JsonValue.EMPTY_JSON_OBJECT : frame.get(3);
        try {
            shape.check(payload, "");
            JsonObject result = centralSystem.handle(connection.chargeStationId(), version, action, payload.asJsonObject());
            connection.result(id, result);
        } catch (OcppException e) {
            error(connection, id, e.kind(), e.getMessage());
        } catch (RuntimeException e) {
            Throwable cause = e instanceof EJBException ejb && ejb.getCausedByException() != null ? ejb.getCausedByException() : e;
            if (cause instanceof OcppException ocpp) {
                error(connection, id, ocpp.kind(), ocpp.getMessage());
                return;
            }
            LOG.log(Level.WARNING, "Handling " + action + " from " + connection.chargeStationId() + " failed", e);
            error(connection, id, ErrorKind.INTERNAL, "the platform could not handle " + action + "; try again later");
        }
    }

    private boolean countIn(String kind) {
        metrics.ocppMessage("in", kind);
        return true;
    }

    private void error(StationConnection connection, String id, ErrorKind kind, String description) {
        metrics.ocppError(connection.version().code(kind));
        connection.error(id, kind, description);
    }

    private void seen(StationConnection connection) {
        long now = clock.millis();
        if (now - connection.lastSeenWritten() > SEEN_WRITE_INTERVAL_MILLIS) {
            connection.seenWritten(now);
            try {
                control.seen(connection.chargeStationId());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not record that " + connection.chargeStationId() + " was seen", e);
            }
        }
    }

    private static String idOf(JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.ARRAY && value.asJsonArray().size() > 1
                && value.asJsonArray().get(1) instanceof JsonString s && s.getString().length() <= 36) {
            return s.getString();
        }
        return "-1";
    }
}
