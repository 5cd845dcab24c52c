package org.gridcharge.evse.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcharge.evse.entity.Evse;

/**
 * The evse component's door: every query over EVSEs that another component needs, and the changes other components
 * make to EVSEs (joining and leaving groups, the bulk onboarding's upserts). Runs in the caller's transaction, so what
 * it returns is managed there.
 */
@ApplicationScoped
public class Evses {

    /** Stays below the bind-parameter limits of Derby and PostgreSQL for {@code IN} lists. */
    private static final int CHUNK = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    StationCredentials credentials;

    /** Stores a new EVSE whose rules its creator checked. */
    public void add(Evse evse) {
        em.persist(evse);
    }

    /** A new EVSE, not stored yet, checked by the EVSE's own rules (each problem names its field). */
    public Evse candidate(String evseId, String cpoId, String chargeStationId, Integer connectorId, Double maxCurrentAmps, Integer phases,
                          String phaseRotation, String uid, Double maxPowerWatts, java.time.Instant createdAt) {
        Evse candidate = new Evse(evseId, cpoId, chargeStationId, connectorId, maxCurrentAmps, phases, phaseRotation, createdAt);
        candidate.identify(uid);
        candidate.ratePower(maxPowerWatts);
        return candidate;
    }

    /** The stored EVSE takes the candidate's place and rating (its maximum power only if the candidate has one). */
    public void rerate(Evse evse, Evse candidate) {
        evse.relocate(candidate.chargeStationId(), candidate.connectorId());
        evse.rate(candidate.maxCurrentAmps(), candidate.phases(), candidate.phaseRotation().name());
        if (candidate.maxPowerWatts() != null) {
            evse.ratePower(candidate.maxPowerWatts());
        }
    }

    /** The EVSE joins the group (its rules checked by the group component). */
    public void join(Evse evse, String groupId) {
        evse.joinGroup(groupId);
    }

    /** The EVSE leaves its group. */
    public void leave(Evse evse) {
        evse.leaveGroup();
    }

    /** The EVSE, or null. */
    public Evse find(String evseId) {
        return evseId == null ? null : em.find(Evse.class, evseId);
    }

    public Optional<Evse> byUid(String uid) {
        return uid == null ? Optional.empty()
                : em.createNamedQuery("Evse.findByUid", Evse.class).setParameter("uid", uid).getResultStream().findFirst();
    }

    /** The EVSEs with these uids that exist, by uid. */
    public Map<String, Evse> byUids(Collection<String> uids) {
        List<String> all = List.copyOf(uids);
        Map<String, Evse> found = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            em.createNamedQuery("Evse.findByUids", Evse.class).setParameter("uids", all.subList(i, Math.min(all.size(), i + CHUNK)))
                    .getResultList().forEach(evse -> found.put(evse.uid(), evse));
        }
        return found;
    }

    /** The EVSEs with these ids that exist, in no particular order. */
    public List<Evse> byIds(Collection<String> evseIds) {
        List<String> ids = List.copyOf(evseIds);
        List<Evse> found = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i += CHUNK) {
            found.addAll(em.createNamedQuery("Evse.findByIds", Evse.class).setParameter("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK)))
                    .getResultList());
        }
        return found;
    }

    /** The group's EVSEs, ordered by evse_id. */
    public List<Evse> inGroup(String groupId) {
        return em.createNamedQuery("Evse.findByGroup", Evse.class).setParameter("groupId", groupId).getResultList();
    }

    /** A page of the group's EVSEs, ordered by evse_id. */
    public List<Evse> inGroup(String groupId, int offset, int limit) {
        return em.createNamedQuery("Evse.findByGroup", Evse.class).setParameter("groupId", groupId)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** The EVSEs of the groups (a grid tree's), in evse_id order. */
    public List<Evse> inGroups(List<String> groupIds) {
        if (groupIds.size() == 1) {
            return inGroup(groupIds.get(0));
        }
        return em.createNamedQuery("Evse.findByGroups", Evse.class).setParameter("groupIds", groupIds).getResultList();
    }

    public long countInGroup(String groupId) {
        return em.createNamedQuery("Evse.countByGroup", Long.class).setParameter("groupId", groupId).getSingleResult();
    }

    /** Number of EVSEs per group, for the groups given (groups without EVSEs are absent). */
    public Map<String, Long> countsInGroups(List<String> groupIds) {
        Map<String, Long> counts = new HashMap<>();
        if (groupIds.isEmpty()) {
            return counts;
        }
        for (Object[] row : em.createNamedQuery("Evse.countByGroups", Object[].class).setParameter("groupIds", groupIds).getResultList()) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** The station's EVSEs, ordered by connector. */
    public List<Evse> atStation(String chargeStationId) {
        return em.createNamedQuery("Evse.findByStation", Evse.class).setParameter("id", chargeStationId).getResultList();
    }

    /** The EVSEs of these stations, in no particular order. */
    public List<Evse> atStations(Collection<String> chargeStationIds) {
        List<String> ids = List.copyOf(chargeStationIds);
        List<Evse> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            found.addAll(em.createNamedQuery("Evse.findByStations", Evse.class)
                    .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK))).getResultList());
        }
        return found;
    }

    /** The EVSEs at the station's connector (OCPP 1.6) or EVSE id (OCPP 2.0.1): at most one, unless data is bad. */
    public List<Evse> atConnector(String chargeStationId, int connectorId) {
        return em.createNamedQuery("Evse.findByConnector", Evse.class).setParameter("chargeStationId", chargeStationId)
                .setParameter("connectorId", connectorId).getResultList();
    }

    /** The CPO of the station's EVSEs, or null if it has none. */
    public String cpoAtStation(String chargeStationId) {
        return em.createNamedQuery("Evse.cpoAtStation", String.class).setParameter("id", chargeStationId).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }

    /** The CPO a station belongs to: the one of its OCPP credentials, else the one of its EVSEs; null if neither exists yet. */
    public String stationOwner(String chargeStationId) {
        String registered = credentials.registeredCpo(chargeStationId);
        return registered != null ? registered : cpoAtStation(chargeStationId);
    }
}
