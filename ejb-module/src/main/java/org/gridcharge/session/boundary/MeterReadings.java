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
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Meter readings of running sessions, written together every {@value #WRITE_INTERVAL_MILLIS} ms in one transaction
 * instead of one transaction per report: a station reports its meter every few seconds, and each report only replaces
 * the last. A reading whose current moved by more than the trigger is written at once, with what was held of its
 * session, and lets the group allocate again; so is one of a session this server does not know yet (that goes the
 * ordinary way, and makes it known).
 * <p>
 * Readings are held only for sessions recorded as known here (by the station's transaction), and a held reading is
 * written only while its session is open. Writes are one at a time, so a reading never overwrites a later one. What is
 * held is written when the application stops; a server that dies loses at most the last interval of readings, each of
 * which the station's next report replaces.
 */
@ApplicationScoped
public class MeterReadings {

    static final long WRITE_INTERVAL_MILLIS = 2_000;

    private static final Logger LOG = Logger.getLogger(MeterReadings.class.getName());

    /** A session known by its station's transaction, and the current last announced for it (null: none yet). */
    private record Known(String sessionId, Double announcedAmps) {
    }

    @EJB
    SessionService sessions;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, MeterReading> held = new ConcurrentHashMap<>();
    private final ReentrantLock writing = new ReentrantLock();
    private ScheduledFuture<?> writer;

    @PostConstruct
    void start() {
        writer = scheduler.scheduleWithFixedDelay(this::write, WRITE_INTERVAL_MILLIS, WRITE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (writer != null) {
            writer.cancel(false);
        }
        write();
    }

    /**
     * Takes a reading of the session the station knows by {@code stationTx} ({@link
     * org.gridcharge.session.entity.ChargingSession#stationTx}); false if it must go the ordinary way: the session is
     * not known here, or its current moved by more than {@code triggerAmps} since it was last announced (then it is
     * written at once, with what was held, and announced, and true is returned).
     */
    public boolean offer(String stationTx, MeterReading reading, double triggerAmps) {
        Known session = known.get(stationTx);
        if (session == null) {
            return false;
        }
        held.merge(session.sessionId(), reading, MeterReading::then);
        if (reading.amps() == null || session.announcedAmps() != null && Math.abs(reading.amps() - session.announcedAmps()) <= triggerAmps) {
            return true;
        }
        writing.lock();
        try {
            MeterReading all = held.remove(session.sessionId());
            if (all != null) {
                sessions.apply(Map.of(session.sessionId(), all), Set.of(session.sessionId()));
            }
            known.replace(stationTx, session, new Known(session.sessionId(), reading.amps()));
        } finally {
            writing.unlock();
        }
        return true;
    }

    /** The session the station knows by {@code stationTx} is open, its current last announced at {@code amps} (null: none). */
    public void known(String stationTx, String sessionId, Double amps) {
        known.put(stationTx, new Known(sessionId, amps));
    }

    /** The session the station knew by {@code stationTx} ended. */
    public void forget(String stationTx) {
        if (stationTx != null) {
            known.remove(stationTx);
        }
    }

    /** Writes every held reading, in one transaction. */
    void write() {
        Map<String, MeterReading> all = new HashMap<>();
        writing.lock();
        try {
            for (String sessionId : Set.copyOf(held.keySet())) {
                MeterReading reading = held.remove(sessionId);
                if (reading != null) {
                    all.put(sessionId, reading);
                }
            }
            if (!all.isEmpty()) {
                sessions.apply(all, Set.of());
            }
        } catch (RuntimeException e) {
            // held again, before anything that came meanwhile: the next write tries once more
            all.forEach((sessionId, reading) -> held.merge(sessionId, reading, (later, earlier) -> earlier.then(later)));
            LOG.log(Level.WARNING, "Writing " + all.size() + " held meter readings failed; they are tried again", e);
        } finally {
            writing.unlock();
        }
    }
}
