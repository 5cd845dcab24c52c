package org.gridcharge.ocpp.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Tag;
import org.gridcharge.ocpp.OcppVersion;
import org.gridcharge.ocpp.StationConnection;
import org.gridcharge.platform.monitoring.PlatformMetrics;

/**
 * The stations connected to this server, by OCPP identity. Lives on the EJB side so that
 * allocation can reach the stations; the WebSocket endpoint registers the connections.
 */
@ApplicationScoped
public class StationRegistry {

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, StationConnection> connections = new ConcurrentHashMap<>();
    private ScheduledFuture<?> timeouts;
    private volatile boolean draining;

    @Inject
    PlatformMetrics metrics;

    @Inject
    java.time.Clock clock;


    @PostConstruct
    void start() {
        for (OcppVersion version : OcppVersion.values()) {
            metrics.gauge("gridcharge_stations_connected", "Charge stations connected to this server, by OCPP version",
                    () -> connections.values().stream().filter(c -> c.version() == version).count(),
                    new Tag("protocol", version.subprotocol()));
        }
        timeouts = scheduler.scheduleWithFixedDelay(() -> {
            long now = clock.millis();
            for (StationConnection connection : connections.values()) {
                try {
                    connection.checkTimeout(now);
                } catch (RuntimeException e) {
                    java.util.logging.Logger.getLogger(StationRegistry.class.getName()).log(java.util.logging.Level.WARNING,
                            "Checking the calls of " + connection.chargeStationId() + " failed", e);
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * On shutdown every station is told goodbye with a clean close (1001, going away), so it reconnects to the next
     * server at once. (On a server stop Liberty's HTTP channel has usually dropped the connections already.)
     */
    public void disconnectAll() {
        for (StationConnection connection : connections.values()) {
            connection.shutDown("the server is shutting down");
        }
        connections.clear();
    }

    /**
     * Drains this server before it stops: from now on stations are refused at the handshake (503), and every
     * connected station is closed with 1001 (going away), so it reconnects to another server at once. Liberty
     * drops open WebSocket connections when a server stop begins, before the application can close them
     * (stations see 1006, abnormal closure), so a graceful stop drains first. Returns how many were closed.
     */
    public int drain() {
        draining = true;
        int closed = 0;
        for (StationConnection connection : connections.values()) {
            connection.shutDown("the server is shutting down");
            closed++;
        }
        return closed;
    }

    /** Accepts stations again after a drain (a stop that was called off). */
    public void resume() {
        draining = false;
    }

    /** True from a drain until a resume: stations are refused. */
    public boolean draining() {
        return draining;
    }

    @PreDestroy
    void stop() {
        if (timeouts != null) {
            timeouts.cancel(false);
        }
        disconnectAll();
    }

    /** Created with the application, so its gauges are there before the first station connects. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object started) {
        connections.size();
    }

    /**
     * Registers a new connection; returns the one it replaces (to be closed), or null. While draining, a
     * connection whose handshake passed just before the drain began is closed at once.
     */
    public StationConnection register(StationConnection connection) {
        if (draining) {
            connection.shutDown("the server is shutting down");
            return null;
        }
        StationConnection previous = connections.put(connection.chargeStationId(), connection);
        return previous == connection ? null : previous;
    }

    /** Forgets the connection; false if a newer one for the same station has replaced it meanwhile. */
    public boolean unregister(StationConnection connection) {
        return connections.remove(connection.chargeStationId(), connection);
    }

    public StationConnection get(String chargeStationId) {
        return connections.get(chargeStationId);
    }

    public Collection<StationConnection> all() {
        return connections.values();
    }
}
