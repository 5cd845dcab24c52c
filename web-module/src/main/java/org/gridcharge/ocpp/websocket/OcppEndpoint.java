package org.gridcharge.ocpp.websocket;

import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.config.ConfigProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gridcharge.ocpp.OcppVersion;
import org.gridcharge.ocpp.StationConnection;
import org.gridcharge.ocpp.boundary.OcppService;

/**
 * The OCPP-J WebSocket endpoint: {@code /ocpp/{charge_station_id}}, subprotocols {@code ocpp1.6}
 * and {@code ocpp2.0.1}. {@link OcppHandshakeFilter} has authenticated the station before the
 * upgrade; here frames are handed to {@link OcppService}.
 */
@ServerEndpoint(value = "/ocpp/{charge_station_id}", subprotocols = {"ocpp2.0.1", "ocpp1.6"})
public class OcppEndpoint {

    /** Frames larger than this close the connection (1009, message too big). */
    public static final int MAX_FRAME_BYTES = 128 * 1024;

    private static final Logger LOG = Logger.getLogger(OcppEndpoint.class.getName());
    private static final String CONNECTION = StationConnection.class.getName();

    /** Endpoint instances are made per connection by the WebSocket container, not by CDI: look the service up. */
    private final OcppService ocpp = CDI.current().select(OcppService.class).get();

    @OnOpen
    public void open(Session session, @PathParam("charge_station_id") String chargeStationId) throws IOException {
        OcppVersion version = OcppVersion.of(session.getNegotiatedSubprotocol());
        if (version == null) {
            session.close(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "no OCPP subprotocol was agreed"));
            return;
        }
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        // a station sends at least a heartbeat per interval: silence for three intervals means the connection is dead
        session.setMaxIdleTimeout(3_000L * ConfigProvider.getConfig().getOptionalValue("gridcharge.ocpp.heartbeat-seconds", Long.class)
                .orElse(300L));
        jakarta.websocket.RemoteEndpoint.Async remote = session.getAsyncRemote();
        // a station that does not take a frame within a call timeout is gone: its connection closes
        remote.setSendTimeout(1_000L * ConfigProvider.getConfig().getOptionalValue("gridcharge.ocpp.call-timeout-seconds", Long.class)
                .orElse(30L));
        StationConnection connection = ocpp.opened(chargeStationId, version, new StationConnection.Transport() {
            @Override
            public void send(String text, java.util.function.Consumer<Throwable> written) {
                remote.sendText(text, result -> written.accept(result.isOK() ? null : result.getException()));
            }

            @Override
            public void close(String reason, boolean goingAway) {
                try {
                    session.close(new CloseReason(goingAway ? CloseReason.CloseCodes.GOING_AWAY : CloseReason.CloseCodes.NORMAL_CLOSURE,
                            truncate(reason)));
                } catch (IOException e) {
                    LOG.log(Level.FINE, "Closing " + chargeStationId, e);
                }
            }
        });
        session.getUserProperties().put(CONNECTION, connection);
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void message(Session session, String text) {
        StationConnection connection = (StationConnection) session.getUserProperties().get(CONNECTION);
        if (text.length() > MAX_FRAME_BYTES) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "frames are limited to " + MAX_FRAME_BYTES + " bytes"));
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing after an oversized frame", e);
            }
            return;
        }
        if (connection != null) {
            ocpp.received(connection, text);
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        StationConnection connection = (StationConnection) session.getUserProperties().remove(CONNECTION);
        if (connection != null) {
            ocpp.closed(connection);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.WARNING, "OCPP connection error", error);
    }

    /** A close reason is at most 123 bytes of UTF-8. */
    static String truncate(String reason) {
        String text = reason == null ? "" : reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > 123) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
