package org.gridcharge.session.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Meter readings of running sessions, written together every {@value #WRITE_INTERVAL_MILLIS} ms in one transaction
 * instead of one transaction per report: a station reports its meter every few seconds, and each report only replaces
 * the last. A reading whose current moved by more than the trigger (on any phase) is written at once, with what was
 * held of its session, and lets the group allocate again; so is one of a session this server does not know yet (that
 * goes the ordinary way, and makes it known).
 * <p>
 * Readings are held only for sessions known here by their station's transaction (OCPP 1.6 MeterValues, OCPP 2.0.1
 * TransactionEvent Updated). The database has the last word: a held reading is written only to an open session,
 * locked, and never over a later measurement nor an energy register behind the stored one; a session that ends takes
 * what is held of it first. A write that fails keeps its readings for the next. Once the application stops, readings go
 * the ordinary way.
 */
@ApplicationScoped
public class MeterReadings {

    static final long WRITE_INTERVAL_MILLIS = 2_000;

    private static final Logger LOG = Logger.getLogger(MeterReadings.class.getName());

    /** A session known by its station's transaction, and the current last announced for it, highest and per phase. */
    private record Known(String sessionId, Double announcedAmps, Double[] announcedPhases) {

        /** True if the reading's current moved from the announced one by more than {@code triggerAmps}, on any phase. */
        boolean moved(MeterReading reading, double triggerAmps) {
            if (reading.amps() == null) {
                return false;
            }
            if (announcedAmps == null || Math.abs(reading.amps() - announcedAmps) > triggerAmps) {
                return true;
            }
            for (int p = 0; p < 3; p++) {
                Double before = announcedPhases == null ? null : announcedPhases[p];
                Double now = reading.phases() == null ? null : reading.phases()[p];
                if ((before == null) != (now == null) || before != null && Math.abs(now - before) > triggerAmps) {
                    return true;
                }
            }
            return false;
        }
    }

    @EJB
    SessionService sessions;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, MeterReading> held = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private ScheduledFuture<?> writer;

    @PostConstruct
    void start() {
        writer = scheduler.scheduleWithFixedDelay(this::write, WRITE_INTERVAL_MILLIS, WRITE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (writer != null) {
            writer.cancel(false);
        }
        write();
    }

    /**
     * Takes a reading of the session the station knows by {@code stationTx} ({@link
     * org.gridcharge.session.entity.ChargingSession#stationTx}); false if it must go the ordinary way: the session is
     * not known here, or the application is stopping. A reading whose current moved by more than {@code triggerAmps}
     * since it was last announced is written at once, with what was held, and announced.
     */
    public boolean offer(String stationTx, MeterReading reading, double triggerAmps) {
        Known session = stopped ? null : known.get(stationTx);
        if (session == null) {
            return false;
        }
        if (!session.moved(reading, triggerAmps)) {
            held.merge(session.sessionId(), reading, MeterReading::then);
            return true;
        }
        MeterReading earlier = held.remove(session.sessionId());
        MeterReading all = earlier == null ? reading : earlier.then(reading);
        try {
            forgetEnded(sessions.apply(Map.of(session.sessionId(), all), Set.of(session.sessionId())));
        } catch (RuntimeException e) {
            keep(Map.of(session.sessionId(), all));
            throw e;
        }
        known.replace(stationTx, session, new Known(session.sessionId(), reading.amps(), reading.phases()));
        return true;
    }

    /** The session the station knows by {@code stationTx} is open, its current last announced at {@code amps} (null: none). */
    public void known(String stationTx, String sessionId, Double amps, Double[] phases) {
        known.put(stationTx, new Known(sessionId, amps, phases));
    }

    /** The session the station knew by {@code stationTx} ended. */
    public void forget(String stationTx) {
        if (stationTx != null) {
            known.remove(stationTx);
        }
    }

    /** The station's connection to this server closed: its sessions are looked up again when it reports next. */
    public void forgetStation(String chargeStationId) {
        String prefix = chargeStationId + "/";
        known.keySet().removeIf(stationTx -> stationTx.startsWith(prefix));
    }

    /** What is held of the session (it is ending, and takes it first), or null. */
    public MeterReading take(String sessionId) {
        return held.remove(sessionId);
    }

    /** Writes every held reading, in one transaction. */
    public void write() {
        Map<String, MeterReading> all = new HashMap<>();
        for (String sessionId : Set.copyOf(held.keySet())) {
            MeterReading reading = held.remove(sessionId);
            if (reading != null) {
                all.put(sessionId, reading);
            }
        }
        if (all.isEmpty()) {
            return;
        }
        try {
            forgetEnded(sessions.apply(all, Set.of()));
        } catch (RuntimeException e) {
            keep(all);
            LOG.log(Level.WARNING, "Writing " + all.size() + " held meter readings failed; they are tried again", e);
        }
    }

    /** Readings whose write failed are held again, before anything that came meanwhile. */
    private void keep(Map<String, MeterReading> readings) {
        readings.forEach((sessionId, reading) -> held.merge(sessionId, reading, (later, earlier) -> earlier.then(later)));
    }

    private void forgetEnded(Set<String> sessionIds) {
        if (!sessionIds.isEmpty()) {
            known.values().removeIf(k -> sessionIds.contains(k.sessionId()));
        }
    }
}
