package org.gridcharge.group.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridcharge.group.boundary.GroupFilter;
import org.gridcharge.group.boundary.GroupListing;
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

    /** The groups the caller sees that the listing keeps, by id, one page. */
    public Page<SmartChargingGroup> list(Caller caller, GroupListing listing, Page.Request page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (providerOnly(caller)) {
            where.add(Tenancy.grantedTo("g.groupId"));
            parameters.put(Tenancy.GRANTED_TO, caller.clientId());
        } else if (caller.isCpoAdmin() && !caller.isPlatformAdmin()) {
            if (caller.cpoIds().isEmpty()) {
                return page(page, 0, List.of());
            }
            where.add("g.cpoId IN :cpoIds");
            parameters.put("cpoIds", caller.cpoIds());
        } else if (!caller.isPlatformAdmin()) {
            throw new AccessDeniedException("this operation needs the role platform-admin, cpo-admin or capacity-provider");
        }
        if (listing.cpoId() != null) {
            where.add("g.cpoId = :cpoId");
            parameters.put("cpoId", listing.cpoId());
        }
        if (listing.parentGroupId() != null) {
            where.add("g.parentGroupId = :parentGroupId");
            parameters.put("parentGroupId", listing.parentGroupId());
        }
        if (listing.topLevel()) {
            // a tree holds one CPO's groups, so an admin who sees a group sees its parent; a capacity provider may see a
            // group without its parent, and that group is then a top of what it sees
            where.add(parameters.containsKey(Tenancy.GRANTED_TO)
                    ? "(g.parentGroupId IS NULL OR NOT (" + Tenancy.grantedTo("g.parentGroupId") + "))" : "g.parentGroupId IS NULL");
        }
        String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        return page(page, "SELECT COUNT(g) FROM SmartChargingGroup g" + condition,
                "SELECT g FROM SmartChargingGroup g" + condition + " ORDER BY g.groupId", parameters);
    }

    /**
     * Of the groups given, those under which hangs a group the caller sees: for an admin every parent (a tree is one
     * CPO's), for a capacity provider those with a child granted to it.
     */
    public java.util.Set<String> withChildrenSeenBy(Caller caller, List<String> groupIds) {
        if (groupIds.isEmpty()) {
            return java.util.Set.of();
        }
        if (!providerOnly(caller)) {
            return new java.util.HashSet<>(em.createNamedQuery("SmartChargingGroup.parentsAmong", String.class).setParameter("ids", groupIds)
                    .getResultList());
        }
        return new java.util.HashSet<>(em.createQuery("SELECT DISTINCT g.parentGroupId FROM SmartChargingGroup g WHERE g.parentGroupId IN :ids"
                + " AND " + Tenancy.grantedTo("g.groupId"), String.class).setParameter("ids", groupIds)
                .setParameter(Tenancy.GRANTED_TO, caller.clientId()).getResultList());
    }

    /** Of these groups' parents, those the caller sees: all for an admin, those granted to it for a capacity provider. */
    public java.util.Set<String> parentsSeenBy(Caller caller, List<SmartChargingGroup> groups) {
        List<String> parents = groups.stream().map(SmartChargingGroup::parentGroupId).filter(java.util.Objects::nonNull).distinct().toList();
        if (parents.isEmpty() || !providerOnly(caller)) {
            return new java.util.HashSet<>(parents);
        }
        return new java.util.HashSet<>(em.createQuery("SELECT g.groupId FROM SmartChargingGroup g WHERE g.groupId IN :ids AND "
                + Tenancy.grantedTo("g.groupId"), String.class).setParameter("ids", parents)
                .setParameter(Tenancy.GRANTED_TO, caller.clientId()).getResultList());
    }

    private static boolean providerOnly(Caller caller) {
        return caller.isCapacityProvider() && !caller.isPlatformAdmin() && !caller.isCpoAdmin();
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
        return page(page, query.count(), query.select(), query.parameters());
    }

    /** One page of the groups {@code select} finds, of the {@code count} there are, both with these parameters. */
    private Page<SmartChargingGroup> page(Page.Request page, String count, String select, Map<String, ?> parameters) {
        TypedQuery<Long> total = em.createQuery(count, Long.class);
        TypedQuery<SmartChargingGroup> items = em.createQuery(select, SmartChargingGroup.class);
        parameters.forEach((name, value) -> {
            total.setParameter(name, value);
            items.setParameter(name, value);
        });
        return page(page, total.getSingleResult(), items.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList());
    }

    private static <T> Page<T> page(Page.Request request, long total, List<T> items) {
        return new Page<>(items, request.offset(), request.limit(), total);
    }
}
