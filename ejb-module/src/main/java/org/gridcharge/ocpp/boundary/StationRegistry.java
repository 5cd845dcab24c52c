package org.gridcharge.ocpp.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.gridcharge.ocpp.StationConnection;

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

    @PostConstruct
    void start() {
        timeouts = scheduler.scheduleWithFixedDelay(() -> {
            long now = System.currentTimeMillis();
            connections.values().forEach(c -> c.checkTimeout(now));
        }, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (timeouts != null) {
            timeouts.cancel(false);
        }
    }

    /** Registers a new connection; returns the one it replaces (to be closed), or null. */
    public StationConnection register(StationConnection connection) {
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
