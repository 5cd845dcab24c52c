package org.gridcharge.audit.boundary;

import jakarta.inject.Inject;
import org.gridcharge.tenancy.control.Tenancy;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.gridcharge.audit.entity.AuditRecord;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.platform.paging.Page;

/**
 * The audit trail of capacity-profile changes and grants: stored in the caller's transaction (no
 * change without its record) and written to the {@code org.gridcharge.audit} log as well.
 */
@Stateless
public class AuditService {

    private static final Logger AUDIT = Logger.getLogger("org.gridcharge.audit");

    /** Search filters; every one optional. */
    public record Filter(String groupId, String action, Instant from, Instant to) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Tenancy tenancy;

    @Inject
    Clock clock;

    public void record(Caller caller, String action, String groupId, String cpoId, String detail) {
        AuditRecord record = new AuditRecord(clock.instant(), caller.subject(), action, groupId, cpoId, detail);
        em.persist(record);
        AUDIT.info(() -> "audit " + action + " by " + caller.subject() + " on group " + groupId + " (CPO " + cpoId + "): " + detail);
    }

    /** The records the caller may see, oldest first: platform admins all, CPO admins their CPOs', capacity providers their granted groups'. */
    public Page<AuditRecord> list(Caller caller, Filter filter, Page.Request page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (caller.isPlatformAdmin()) {
            // everything
        } else if (caller.isCpoAdmin()) {
            where.append(" AND a.cpoId IN :cpoIds");
            parameters.put("cpoIds", caller.cpoIds().isEmpty() ? List.of("") : new ArrayList<>(caller.cpoIds()));
        } else if (caller.isCapacityProvider()) {
            // a capacity provider sees the profile changes of its groups, not who else was granted them
            where.append(" AND " + Tenancy.grantedTo("a.groupId") + " AND a.action LIKE 'capacity_profile.%'");
            parameters.put(Tenancy.GRANTED_TO, caller.clientId());
        } else {
            return new Page<>(List.of(), page.offset(), page.limit(), 0);
        }
        if (filter.groupId() != null) {
            where.append(" AND a.groupId = :groupId");
            parameters.put("groupId", filter.groupId());
        }
        if (filter.action() != null) {
            where.append(" AND a.action = :action");
            parameters.put("action", filter.action());
        }
        if (filter.from() != null) {
            where.append(" AND a.at >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" AND a.at < :to");
            parameters.put("to", filter.to());
        }
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AuditRecord a" + where, Long.class);
        TypedQuery<AuditRecord> items = em.createQuery("SELECT a FROM AuditRecord a" + where + " ORDER BY a.at, a.auditId", AuditRecord.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            items.setParameter(name, value);
        });
        return new Page<>(items.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList(), page.offset(), page.limit(),
                count.getSingleResult());
    }
}
