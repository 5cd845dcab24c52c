package org.gridcharge.session.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.platform.ConflictException;
import org.gridcharge.platform.NotFoundException;
import org.gridcharge.session.entity.ChargingSession;

/**
 * Sessions as the stations report them (OCPP start, meter values, stop). Each change that
 * matters to allocation announces itself with {@link SessionChanged}.
 */
@Stateless
public class SessionService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<SessionChanged> changes;

    public ChargingSession start(String evseId, String sessionId, Instant startedAt) {
        Evse evse = em.find(Evse.class, evseId);
        if (evse == null) {
            throw new NotFoundException("EVSE", evseId);
        }
        if (em.find(ChargingSession.class, sessionId) != null) {
            throw new ConflictException("session '" + sessionId + "' already exists");
        }
        for (ChargingSession open : openOn(evseId)) {
            open.end(startedAt);
        }
        ChargingSession session = new ChargingSession(sessionId, evseId, startedAt);
        em.persist(session);
        announce(evse);
        return session;
    }

    public void measured(String sessionId, double amps, Instant at) {
        ChargingSession session = find(sessionId);
        session.measured(amps, at);
    }

    public void stop(String sessionId, Instant at) {
        ChargingSession session = find(sessionId);
        if (session.endedAt() == null) {
            session.end(at);
            announce(em.find(Evse.class, session.evseId()));
        }
    }

    public List<ChargingSession> openInGroup(String groupId) {
        return em.createNamedQuery("ChargingSession.openInGroup", ChargingSession.class).setParameter("groupId", groupId).getResultList();
    }

    public List<ChargingSession> openOn(String evseId) {
        return em.createNamedQuery("ChargingSession.openOnEvse", ChargingSession.class).setParameter("evseId", evseId).getResultList();
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
