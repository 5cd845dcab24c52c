package org.gridcharge.session.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gridcharge.evse.control.Evses;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.time.Times;
import org.gridcharge.session.entity.ChargingSession;
import org.gridcharge.tenancy.control.Tenancy;

/**
 * Sessions as the stations report them (OCPP start, meter values, stop). Each change that
 * matters to allocation announces itself with {@link SessionChanged}.
 */
@Stateless
public class SessionService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Evses evses;

    @Inject
    Tenancy tenancy;

    @Inject
    Clock clock;

    @Inject
    Event<SessionChanged> changes;

    @Inject
    Event<SessionEnded> ended;

    @Inject
    MeterReadings readings;

    public ChargingSession start(String evseId, String sessionId, Instant startedAt) {
        Evse evse = evses.find(evseId);
        if (evse == null) {
            throw new NotFoundException("EVSE", evseId);
        }
        if (em.find(ChargingSession.class, sessionId) != null) {
            throw new ConflictException("session '" + sessionId + "' already exists");
        }
        for (ChargingSession open : openOn(evseId)) {
            close(open, startedAt);
        }
        ChargingSession session = new ChargingSession(sessionId, evseId, startedAt);
        em.persist(session);
        announce(evse);
        return session;
    }

    /** A session a station started over OCPP on the EVSE, known there by {@code transactionId}. */
    public ChargingSession startFromStation(Evse evse, String chargeStationId, String transactionId, Instant startedAt) {
        for (ChargingSession open : openOn(evse.evseId())) {
            close(open, startedAt);
        }
        ChargingSession session = new ChargingSession(UUID.randomUUID().toString(), evse.evseId(), startedAt, chargeStationId, transactionId);
        em.persist(session);
        announce(evse);
        return session;
    }

    /** The session the station knows by {@code transactionId}, or null. */
    public ChargingSession byStationTransaction(String chargeStationId, String transactionId) {
        List<ChargingSession> found = em.createNamedQuery("ChargingSession.byStationTx", ChargingSession.class)
                .setParameter("stationTx", ChargingSession.stationTx(chargeStationId, transactionId)).setMaxResults(1).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Ends an open session and lets its group allocate again. */
    public void end(ChargingSession session, Instant at) {
        if (session.endedAt() == null) {
            close(session, at);
            announce(evses.find(session.evseId()));
        }
    }

    /** A reading of the EVSE's energy register (Wh) during the session. */
    public void metered(ChargingSession session, double wh) {
        session.meter(wh);
    }

    /**
     * Readings of sessions ({@link MeterReadings}), by session id, in one transaction, the sessions locked: to those that
     * are open, a measurement no older than the stored one and an energy register not behind it; the groups of the
     * sessions in {@code announce} allocate again. Returns the ids of the sessions that are not open (ended, or gone).
     */
    public Set<String> apply(Map<String, MeterReading> readings, Set<String> announce) {
        List<String> ids = readings.keySet().stream().sorted().toList();
        Set<String> notOpen = new java.util.HashSet<>(ids);
        for (int i = 0; i < ids.size(); i += 1000) {
            for (ChargingSession session : em.createNamedQuery("ChargingSession.byIds", ChargingSession.class)
                    .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + 1000)))
                    .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList()) {
                if (session.endedAt() != null) {
                    continue;
                }
                notOpen.remove(session.sessionId());
                apply(session, readings.get(session.sessionId()));
                if (announce.contains(session.sessionId())) {
                    announce(evses.find(session.evseId()));
                }
            }
        }
        return notOpen;
    }

    private static void apply(ChargingSession session, MeterReading reading) {
        if (reading.firstWh() != null && (session.meterWh() == null || reading.lastWh() >= session.meterWh())) {
            session.meter(reading.firstWh());
            session.meter(reading.lastWh());
        }
        if (reading.amps() != null && (session.measuredAt() == null || !reading.at().isBefore(session.measuredAt()))) {
            session.measured(reading.amps(), reading.phases(), reading.at());
        }
    }

    /** Lets the group allocate again because something about the session changed (e.g. its priority). */
    public void changed(ChargingSession session) {
        announce(evses.find(session.evseId()));
    }

    /**
     * The session has priority now, or no longer; a priority request may bring the EV's departure and energy need (null
     * keeps what the session knew). Its group allocates again.
     */
    public void prioritise(ChargingSession session, boolean priority, Instant departure, Double energyWh) {
        session.prioritise(priority);
        if (departure != null || energyWh != null) {
            session.needs(departure != null ? departure : session.departureAt(), energyWh != null ? energyWh : session.energyNeedWh());
        }
        changed(session);
    }

    private void close(ChargingSession session, Instant at) {
        MeterReading held = readings.take(session.sessionId());
        if (held != null) {
            apply(session, held);
        }
        session.end(at);
        readings.forget(session.stationTx());
        ended.fire(new SessionEnded(session.sessionId(), at, session.meterWh()));
    }

    /**
     * A new measurement of what the session draws (highest phase). Allocation hears of it at its
     * next sweep, or at once when the change is large enough to matter ({@code announceAboveAmps}).
     */
    public void measured(ChargingSession session, double amps, Instant at, double announceAboveAmps) {
        measured(session, amps, null, at, announceAboveAmps);
    }

    /** {@link #measured(ChargingSession, double, Instant, double)}, with the current on each of the socket's phases. */
    public void measured(ChargingSession session, double amps, Double[] phases, Instant at, double announceAboveAmps) {
        Double before = session.measuredAmps();
        session.measured(amps, phases, at);
        if (before == null || Math.abs(before - amps) > announceAboveAmps) {
            announce(evses.find(session.evseId()));
        }
    }

    /**
     * The departure time and energy need a CPO's own app sets on the session running on an EVSE of one of the caller's
     * CPOs (the deadline algorithm plans with them); its group allocates again. 404 for an EVSE the caller does not
     * manage, 409 without a running session.
     */
    public ChargingSession setNeeds(Caller caller, String evseId, ChargingNeedsDraft draft) {
        caller.requireManagerRole();
        Evse evse = evseId == null ? null : evses.find(evseId);
        if (evse == null || !tenancy.manages(caller, evse.cpoId())) {
            throw new NotFoundException("EVSE", evseId);
        }
        if (draft == null || draft.departureTime() == null && draft.energyKwh() == null) {
            throw new InvalidInputException("body", "give departure_time (UTC, e.g. 2026-01-01T18:00:00Z), energy_kwh, or both");
        }
        Instant departure = null;
        if (draft.departureTime() != null) {
            try {
                departure = Times.inRange("departure_time", Instant.parse(draft.departureTime()));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("departure_time", "'" + draft.departureTime() + "' is not a UTC time such as 2026-01-01T18:00:00Z");
            }
            if (!departure.isAfter(clock.instant())) {
                throw new InvalidInputException("departure_time", "must be in the future, was " + departure);
            }
        }
        if (draft.energyKwh() != null && !(draft.energyKwh() > 0 && draft.energyKwh() <= 1000)) {
            throw new InvalidInputException("energy_kwh", "must be more than 0 and at most 1000");
        }
        List<ChargingSession> open = openOn(evseId);
        if (open.isEmpty()) {
            throw new ConflictException("no session is running on EVSE '" + evseId + "'; charging needs are for a running session");
        }
        ChargingSession session = open.get(0);
        needs(session, departure != null ? departure : session.departureAt(),
                draft.energyKwh() != null ? Double.valueOf(draft.energyKwh() * 1000) : session.energyNeedWh());
        return session;
    }

    /** The EV's departure time and energy need, as the station reported them. */
    public void needs(ChargingSession session, Instant departure, Double energyWh) {
        session.needs(departure, energyWh);
        announce(evses.find(session.evseId()));
    }

    public void measured(String sessionId, double amps, Instant at) {
        ChargingSession session = find(sessionId);
        session.measured(amps, at);
    }

    public void stop(String sessionId, Instant at) {
        ChargingSession session = find(sessionId);
        if (session.endedAt() == null) {
            close(session, at);
            announce(evses.find(session.evseId()));
        }
    }

    /** The open sessions on these EVSEs (a group's, say), in no particular order. */
    public List<ChargingSession> openOn(Collection<String> evseIds) {
        List<String> ids = List.copyOf(evseIds);
        List<ChargingSession> open = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            open.addAll(em.createNamedQuery("ChargingSession.openOnEvses", ChargingSession.class)
                    .setParameter("evseIds", ids.subList(i, Math.min(ids.size(), i + 1000))).getResultList());
        }
        return open;
    }

    public List<ChargingSession> openOn(String evseId) {
        return em.createNamedQuery("ChargingSession.openOnEvse", ChargingSession.class).setParameter("evseId", evseId).getResultList();
    }

    /** The session, or null. */
    public ChargingSession findOrNull(String sessionId) {
        return sessionId == null ? null : em.find(ChargingSession.class, sessionId);
    }

    public ChargingSession find(String sessionId) {
        ChargingSession session = sessionId == null ? null : em.find(ChargingSession.class, sessionId);
        if (session == null) {
            throw new NotFoundException("session", sessionId);
        }
        return session;
    }

    private void announce(Evse evse) {
        if (evse != null && evse.groupId() != null) {
            changes.fire(new SessionChanged(evse.groupId(), evse.evseId()));
        }
    }
}
