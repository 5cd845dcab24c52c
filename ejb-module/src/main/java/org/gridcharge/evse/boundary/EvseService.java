package org.gridcharge.evse.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.evse.control.Evses;
import org.gridcharge.evse.entity.Evse;
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

    @Inject
    Evses evses;

    @Inject
    Event<EvseRated> rated;

    @Inject
    Event<EvseDeleting> deleting;

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
        if (evses.byUid(evse.uid()).isPresent()) {
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
        Evse evse = evses.find(evseId);
        if (evse == null || !caller.manages(evse.cpoId())) {
            throw new NotFoundException("EVSE", evseId);
        }
        return evse;
    }

    /** The EVSE with this OCPI-style uid if the caller manages its CPO; otherwise 404. */
    public Evse getByUid(Caller caller, String uid) {
        return evses.byUid(uid).filter(evse -> caller.manages(evse.cpoId()))
                .orElseThrow(() -> new NotFoundException("EVSE with uid", uid));
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
        rated.fire(new EvseRated(evse.evseId(), evse.groupId()));
        return evse;
    }

    public void delete(Caller caller, String evseId) {
        Evse evse = get(caller, evseId);
        deleting.fire(new EvseDeleting(evse));
        em.remove(evse);
    }

    /** A station belongs to one CPO: the one of its EVSEs (or of its OCPP credentials). */
    private void requireStationOf(String cpoId, String chargeStationId) {
        String owner = evses.stationOwner(chargeStationId);
        if (owner != null && !owner.equals(cpoId)) {
            throw new InvalidInputException("charge_station_id", "charge station '" + chargeStationId + "' belongs to another CPO");
        }
    }

    private void requireConnectorFree(String chargeStationId, int connectorId, String evseId) {
        for (Evse holder : evses.atConnector(chargeStationId, connectorId)) {
            if (!holder.evseId().equals(evseId)) {
                throw new ConflictException("connector " + connectorId + " of charge station '" + chargeStationId
                        + "' is already EVSE '" + holder.evseId() + "'");
            }
        }
    }
}
