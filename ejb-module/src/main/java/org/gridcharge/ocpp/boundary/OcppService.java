package org.gridcharge.ocpp.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridcharge.ocpp.Acknowledgements;
import org.gridcharge.ocpp.Messages;
import org.gridcharge.ocpp.SampledValues;
import org.gridcharge.ocpp.OcppException;
import org.gridcharge.ocpp.OcppVersion;
import org.gridcharge.ocpp.OcppVersion.ErrorKind;
import org.gridcharge.ocpp.Shape;
import org.gridcharge.ocpp.StationConnection;
import org.gridcharge.ocpp.rpc.Frame;
import org.gridcharge.ocpp.rpc.FrameCodec;
import org.gridcharge.ocpp.rpc.FrameException;
import org.gridcharge.platform.monitoring.PlatformMetrics;
import org.gridcharge.session.boundary.MeterReading;
import org.gridcharge.session.boundary.MeterReadings;
import org.gridcharge.session.entity.ChargingSession;
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

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> seenWriter;

    @Inject
    @ConfigProperty(name = "gridcharge.ocpp.call-timeout-seconds", defaultValue = "30")
    long callTimeoutSeconds;

    @Inject
    MeterReadings readings;

    /** A measured current that moves by more than this makes the group allocate at once rather than at its next sweep. */
    @Inject
    @ConfigProperty(name = "gridcharge.ocpp.measurement-trigger-amps", defaultValue = "2")
    double measurementTriggerAmps;

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

    /**
     * Drains this server before a stop ({@link StationRegistry#drain}) and writes the meter readings held for the
     * stations it closed, while the application is whole. Returns how many connections were closed.
     */
    public int drain() {
        int closed = registry.drain();
        readings.write();
        return closed;
    }

    /** The connection closed; the station counts as offline unless a newer connection replaced it. */
    public void closed(StationConnection connection) {
        connection.gone();
        readings.forgetStation(connection.chargeStationId());
        if (registry.unregister(connection)) {
            control.disconnected(connection.chargeStationId(), connection.connectedAt());
        }
    }

    /** One text frame from the station. */
    public void received(StationConnection connection, String text) {
        Frame frame;
        try {
            frame = FrameCodec.read(text, connection.version());
        } catch (FrameException e) {
            if (e.json()) {
                seen(connection);
            }
            error(connection, e.messageId(), e.kind(), e.getMessage());
            return;
        }
        seen(connection);
        if (frame instanceof Frame.Call call) {
            call(connection, call);
        } else if (frame instanceof Frame.CallResult result) {
            if (countIn("result") && !connection.answered(result.messageId(), result.payload())) {
                LOG.fine(() -> connection.chargeStationId() + " answered " + result.messageId() + ", which is not the outstanding call");
            }
        } else if (frame instanceof Frame.CallError failure) {
            countIn("error");
            connection.failed(failure.messageId(), failure.errorCode(), failure.errorDescription());
        }
    }

    private void call(StationConnection connection, Frame.Call call) {
        OcppVersion version = connection.version();
        String id = call.messageId();
        String action = call.action();
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
        try {
            shape.check(call.payload(), "");
            JsonObject payload = call.payload().asJsonObject();
            JsonObject result;
            if (!Acknowledgements.stateful(version, action)) {
                result = Acknowledgements.answer(connection.chargeStationId(), version, action, payload, clock.instant());
            } else if (held(connection, action, payload)) {
                result = JsonValue.EMPTY_JSON_OBJECT;
            } else {
                result = centralSystem.handle(connection.chargeStationId(), version, action, payload);
            }
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

    /**
     * True if the request only reports meter values of a transaction whose session this server knows, and the
     * {@link MeterReadings} took them (written with others in a moment, or at once if its current moved much): an OCPP 1.6
     * MeterValues with a transactionId, or an OCPP 2.0.1 TransactionEvent Updated with meter values and no idToken (whose
     * answer would carry idTokenInfo). Their values are checked here as on the other path.
     */
    private boolean held(StationConnection connection, String action, JsonObject payload) {
        String transactionId;
        if (connection.version() == OcppVersion.V16 && "MeterValues".equals(action) && payload.containsKey("transactionId")) {
            transactionId = Integer.toString(payload.getInt("transactionId"));
        } else if (connection.version() == OcppVersion.V201 && "TransactionEvent".equals(action) && "Updated".equals(payload.getString("eventType"))
                && payload.containsKey("meterValue") && !payload.containsKey("idToken")) {
            transactionId = payload.getJsonObject("transactionInfo").getString("transactionId");
        } else {
            return false;
        }
        MeterReading reading = SampledValues.read(payload.getJsonArray("meterValue").getValuesAs(JsonObject.class), connection.version());
        return readings.offer(ChargingSession.stationTx(connection.chargeStationId(), transactionId), reading, measurementTriggerAmps);
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
        connection.seen(clock.millis());
    }

    /** Records when each connected station was last seen, to the second, in one transaction for all of them. */
    void recordSeen() {
        Map<Instant, List<String>> byTime = new HashMap<>();
        Map<StationConnection, Long> marks = new HashMap<>();
        for (StationConnection connection : registry.all()) {
            long at = connection.seenToRecord();
            if (at > 0) {
                byTime.computeIfAbsent(Instant.ofEpochMilli(at).truncatedTo(ChronoUnit.SECONDS), t -> new ArrayList<>())
                        .add(connection.chargeStationId());
                marks.put(connection, at);
            }
        }
        if (byTime.isEmpty()) {
            return;
        }
        try {
            control.seen(byTime);
            marks.forEach(StationConnection::seenRecorded);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record when " + marks.size() + " stations were last seen; tried again in "
                    + SEEN_WRITE_INTERVAL_MILLIS / 1000 + " s", e);
        }
    }

    @PostConstruct
    void start() {
        seenWriter = scheduler.scheduleWithFixedDelay(this::recordSeen, SEEN_WRITE_INTERVAL_MILLIS, SEEN_WRITE_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (seenWriter != null) {
            seenWriter.cancel(false);
        }
    }

}
