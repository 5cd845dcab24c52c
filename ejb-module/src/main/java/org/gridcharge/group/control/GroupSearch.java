package org.gridcharge.group.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridcharge.group.boundary.GroupFilter;
import org.gridcharge.group.entity.SmartChargingGroup;
import org.gridcharge.platform.error.AccessDeniedException;
import org.gridcharge.platform.paging.Page;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.tenancy.control.Tenancy;

/**
 * Lists and searches of groups, restricted to what the caller sees: a platform admin every group, a CPO admin its
 * CPOs' groups, a capacity provider those granted to it. Runs in the caller's transaction ({@code GroupService}'s).
 */
@ApplicationScoped
public class GroupSearch {

    @PersistenceContext
    EntityManager em;

    /** The groups the caller sees (of one CPO, if {@code cpoIdFilter} is given), by id, one page. */
    public Page<SmartChargingGroup> list(Caller caller, String cpoIdFilter, Page.Request page) {
        if (caller.isPlatformAdmin() && cpoIdFilter == null) {
            return page(page, em.createNamedQuery("SmartChargingGroup.count", Long.class).getSingleResult(),
                    em.createNamedQuery("SmartChargingGroup.findAll", SmartChargingGroup.class)
                            .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList());
        }
        if (caller.isPlatformAdmin() || caller.isCpoAdmin()) {
            Set<String> cpoIds = new HashSet<>(caller.isPlatformAdmin() ? Set.of(cpoIdFilter) : caller.cpoIds());
            if (cpoIdFilter != null) {
                cpoIds.retainAll(Set.of(cpoIdFilter));
            }
            if (cpoIds.isEmpty()) {
                return page(page, 0, List.of());
            }
            return page(page, em.createNamedQuery("SmartChargingGroup.countByCpos", Long.class).setParameter("cpoIds", cpoIds)
                            .getSingleResult(),
                    em.createNamedQuery("SmartChargingGroup.findByCpos", SmartChargingGroup.class).setParameter("cpoIds", cpoIds)
                            .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList());
        }
        if (caller.isCapacityProvider()) {
            String where = " WHERE " + Tenancy.grantedTo("g.groupId") + (cpoIdFilter == null ? "" : " AND g.cpoId = :cpoId");
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(g) FROM SmartChargingGroup g" + where, Long.class)
                    .setParameter(Tenancy.GRANTED_TO, caller.clientId());
            TypedQuery<SmartChargingGroup> select = em.createQuery("SELECT g FROM SmartChargingGroup g" + where + " ORDER BY g.groupId",
                    SmartChargingGroup.class).setParameter(Tenancy.GRANTED_TO, caller.clientId());
            if (cpoIdFilter != null) {
                count.setParameter("cpoId", cpoIdFilter);
                select.setParameter("cpoId", cpoIdFilter);
            }
            return page(page, count.getSingleResult(), select.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList());
        }
        throw new AccessDeniedException("this operation needs the role platform-admin, cpo-admin or capacity-provider");
    }

    /**
     * The groups the caller sees that pass the filter, sorted and paged by the database. Who sees what is decided as
     * in {@link #list}: a platform admin every group, a CPO admin its CPOs' groups, a capacity provider those granted to it.
     */
    public Page<SmartChargingGroup> search(Caller caller, GroupFilter filter) {
        Page.Request page = new Page.Request(filter.offset(), filter.limit());
        GroupQuery.Scope scope;
        if (caller.isPlatformAdmin()) {
            scope = GroupQuery.Scope.everything();
        } else if (caller.isCpoAdmin()) {
            scope = new GroupQuery.Scope(caller.cpoIds(), null);
        } else if (caller.isCapacityProvider()) {
            scope = new GroupQuery.Scope(null, caller.clientId());
        } else {
            throw new AccessDeniedException("this operation needs the role platform-admin, cpo-admin or capacity-provider");
        }
        if (scope.cpoIds() != null && scope.cpoIds().isEmpty()) {
            return page(page, 0, List.of());
        }
        GroupQuery query = GroupQuery.of(filter, scope);
        TypedQuery<Long> count = em.createQuery(query.count(), Long.class);
        TypedQuery<SmartChargingGroup> select = em.createQuery(query.select(), SmartChargingGroup.class);
        query.parameters().forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        return page(page, count.getSingleResult(), select.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList());
    }

    private static <T> Page<T> page(Page.Request request, long total, List<T> items) {
        return new Page<>(items, request.offset(), request.limit(), total);
    }
}
