package org.gridcharge.ocpp.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
import org.gridcharge.ocpp.rpc.Frame;
import org.gridcharge.ocpp.rpc.FrameCodec;
import org.gridcharge.ocpp.rpc.FrameException;
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
            JsonObject result = centralSystem.handle(connection.chargeStationId(), version, action, call.payload().asJsonObject());
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
}
