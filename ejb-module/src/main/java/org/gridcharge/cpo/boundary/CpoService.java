package org.gridcharge.cpo.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import org.gridcharge.cpo.entity.Cpo;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.error.ConflictException;
import org.gridcharge.platform.error.NotFoundException;
import org.gridcharge.platform.paging.Page;

/** CPOs are created by platform admins; a CPO admin sees the CPOs its token lists. */
@Stateless
public class CpoService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public Cpo create(Caller caller, String cpoId, String name) {
        caller.requirePlatformAdmin();
        Cpo cpo = new Cpo(cpoId, name, clock.instant());
        if (em.find(Cpo.class, cpo.cpoId()) != null) {
            throw new ConflictException("a CPO with cpo_id '" + cpo.cpoId() + "' already exists");
        }
        em.persist(cpo);
        return cpo;
    }

    public Page<Cpo> list(Caller caller, Page.Request page) {
        caller.requireManagerRole();
        if (caller.isPlatformAdmin()) {
            long total = em.createNamedQuery("Cpo.count", Long.class).getSingleResult();
            List<Cpo> items = em.createNamedQuery("Cpo.findAll", Cpo.class)
                    .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
            return new Page<>(items, page.offset(), page.limit(), total);
        }
        if (caller.cpoIds().isEmpty()) {
            return new Page<>(List.of(), page.offset(), page.limit(), 0);
        }
        long total = em.createNamedQuery("Cpo.countIn", Long.class).setParameter("cpoIds", caller.cpoIds()).getSingleResult();
        List<Cpo> items = em.createNamedQuery("Cpo.findIn", Cpo.class).setParameter("cpoIds", caller.cpoIds())
                .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /** How many CPOs there are: also the cheapest query readiness can make. */
    public long count() {
        return em.createNamedQuery("Cpo.count", Long.class).getSingleResult();
    }

    /** Whether the CPO exists (for callers that checked the caller's rights themselves). */
    public boolean exists(String cpoId) {
        return cpoId != null && em.find(Cpo.class, cpoId) != null;
    }

    public Cpo get(Caller caller, String cpoId) {
        Cpo cpo = cpoId == null ? null : em.find(Cpo.class, cpoId);
        if (cpo == null || !caller.manages(cpoId)) {
            throw new NotFoundException("CPO", cpoId);
        }
        return cpo;
    }
}
