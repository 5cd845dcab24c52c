package org.gridcharge.evse.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.evse.entity.Evse;
import org.gridcharge.group.boundary.GroupService;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.InvalidInputException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.paging.Page;

/** Creates, reads, changes and deletes EVSEs within the caller's CPOs. */
@Stateless
public class EvseService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    CpoService cpos;

    @EJB
    GroupService groups;

    public Evse create(Caller caller, EvseDraft draft) {
        caller.requireManagerRole();
        Objects.requireNonNull(draft, "draft");
        Evse evse = new Evse(draft.evseId(), draft.cpoId(), draft.chargeStationId(), draft.connectorId(),
                draft.maxCurrentAmps(), draft.phases(), draft.phaseRotation(), clock.instant());
        evse.identify(draft.uid());
        evse.ratePower(draft.maxPowerWatts());
        cpos.get(caller, evse.cpoId());
        requireStationOf(evse.cpoId(), evse.chargeStationId());
        if (em.find(Evse.class, evse.evseId()) != null) {
            throw new ConflictException("an EVSE with evse_id '" + evse.evseId() + "' already exists");
        }
        if (!em.createNamedQuery("Evse.findByUid", Evse.class).setParameter("uid", evse.uid()).getResultList().isEmpty()) {
            throw new ConflictException("an EVSE with uid '" + evse.uid() + "' already exists");
        }
        requireConnectorFree(evse.chargeStationId(), evse.connectorId(), evse.evseId());
        em.persist(evse);
        return evse;
    }

    public Page<Evse> list(Caller caller, Page.Request page) {
        caller.requireManagerRole();
        if (caller.isPlatformAdmin()) {
            long total = em.createNamedQuery("Evse.count", Long.class).getSingleResult();
            List<Evse> items = em.createNamedQuery("Evse.findAll", Evse.class)
                    .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
            return new Page<>(items, page.offset(), page.limit(), total);
        }
        if (caller.cpoIds().isEmpty()) {
            return new Page<>(List.of(), page.offset(), page.limit(), 0);
        }
        long total = em.createNamedQuery("Evse.countByCpos", Long.class).setParameter("cpoIds", caller.cpoIds()).getSingleResult();
        List<Evse> items = em.createNamedQuery("Evse.findByCpos", Evse.class).setParameter("cpoIds", caller.cpoIds())
                .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /** The EVSE if the caller manages its CPO; otherwise 404, as if it did not exist. */
    public Evse get(Caller caller, String evseId) {
        Evse evse = evseId == null ? null : em.find(Evse.class, evseId);
        if (evse == null || !caller.manages(evse.cpoId())) {
            throw new NotFoundException("EVSE", evseId);
        }
        return evse;
    }

    /** The EVSE with this OCPI-style uid if the caller manages its CPO; otherwise 404. */
    public Evse getByUid(Caller caller, String uid) {
        List<Evse> found = uid == null ? List.of()
                : em.createNamedQuery("Evse.findByUid", Evse.class).setParameter("uid", uid).getResultList();
        if (found.isEmpty() || !caller.manages(found.get(0).cpoId())) {
            throw new NotFoundException("EVSE with uid", uid);
        }
        return found.get(0);
    }

    public Evse change(Caller caller, String evseId, EvseChanges changes) {
        Evse evse = get(caller, evseId);
        if (changes == null) {
            throw new InvalidInputException("body", "a JSON object with the fields to change is required");
        }
        if (changes.evseId() != null && !changes.evseId().equals(evse.evseId())) {
            throw new InvalidInputException("evse_id", "cannot be changed; create a new EVSE instead");
        }
        if (changes.cpoId() != null && !changes.cpoId().equals(evse.cpoId())) {
            throw new InvalidInputException("cpo_id", "cannot be changed; an EVSE stays with its CPO");
        }
        String station = changes.chargeStationId() != null ? changes.chargeStationId() : evse.chargeStationId();
        Integer connector = changes.connectorId() != null ? changes.connectorId() : evse.connectorId();
        evse.relocate(station, connector);
        requireStationOf(evse.cpoId(), evse.chargeStationId());
        requireConnectorFree(evse.chargeStationId(), evse.connectorId(), evse.evseId());
        Integer phases = changes.phases() != null ? changes.phases() : evse.phases();
        String rotation = changes.phaseRotation() != null ? changes.phaseRotation()
                : phases == evse.phases() ? evse.phaseRotation().name() : null;
        evse.rate(changes.maxCurrentAmps() != null ? changes.maxCurrentAmps() : evse.maxCurrentAmps(), phases, rotation);
        if (changes.maxPowerWatts() != null) {
            evse.ratePower(changes.maxPowerWatts());
        }
        if (evse.groupId() != null) {
            groups.changed(evse.groupId());
        }
        return evse;
    }

    public void delete(Caller caller, String evseId) {
        Evse evse = get(caller, evseId);
        if (evse.groupId() != null) {
            groups.leave(evse);
        }
        em.remove(evse);
    }

    /** A station belongs to one CPO: the one of its EVSEs (or of its OCPP credentials). */
    private void requireStationOf(String cpoId, String chargeStationId) {
        String owner = stationOwner(em, chargeStationId);
        if (owner != null && !owner.equals(cpoId)) {
            throw new InvalidInputException("charge_station_id", "charge station '" + chargeStationId + "' belongs to another CPO");
        }
    }

    /** The CPO a station belongs to, or null if it has no EVSE and no credentials yet. */
    public static String stationOwner(EntityManager em, String chargeStationId) {
        org.gridcharge.station.entity.ChargeStation station = em.find(org.gridcharge.station.entity.ChargeStation.class, chargeStationId);
        if (station != null) {
            return station.cpoId();
        }
        List<String> owners = em.createQuery("SELECT DISTINCT e.cpoId FROM Evse e WHERE e.chargeStationId = :id", String.class)
                .setParameter("id", chargeStationId).setMaxResults(1).getResultList();
        return owners.isEmpty() ? null : owners.get(0);
    }

    private void requireConnectorFree(String chargeStationId, int connectorId, String evseId) {
        List<Evse> holders = em.createNamedQuery("Evse.findByConnector", Evse.class)
                .setParameter("chargeStationId", chargeStationId).setParameter("connectorId", connectorId).getResultList();
        for (Evse holder : holders) {
            if (!holder.evseId().equals(evseId)) {
                throw new ConflictException("connector " + connectorId + " of charge station '" + chargeStationId
                        + "' is already EVSE '" + holder.evseId() + "'");
            }
        }
    }
}
