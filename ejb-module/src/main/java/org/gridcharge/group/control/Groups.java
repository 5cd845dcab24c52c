package org.gridcharge.group.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.gridcharge.group.entity.SmartChargingGroup;

/**
 * The group component's door for reads that need no caller: allocation, stations and sessions look a group up here.
 * Runs in the caller's transaction.
 */
@ApplicationScoped
public class Groups {

    @PersistenceContext
    EntityManager em;

    @jakarta.inject.Inject
    GroupTree tree;

    /** The group, or null. */
    public SmartChargingGroup find(String groupId) {
        return groupId == null ? null : em.find(SmartChargingGroup.class, groupId);
    }

    /** The root of the group's grid tree (the group itself when it hangs on nothing). */
    public SmartChargingGroup rootOf(SmartChargingGroup group) {
        return tree.rootOf(group);
    }

    /** The group and every group below it, a parent before its children. */
    public List<SmartChargingGroup> subtree(SmartChargingGroup top) {
        return tree.subtree(top);
    }

    /** How many EVSEs the group and every group below it hold. */
    public long evsesBelow(SmartChargingGroup group) {
        return tree.evsesBelow(group);
    }

    /** The ids of the roots: one per tree, and every group on its own. */
    public List<String> rootIds() {
        return tree.rootIds();
    }

    /** The ids of every group, ordered. */
    public List<String> allIds() {
        return em.createNamedQuery("SmartChargingGroup.allIds", String.class).getResultList();
    }
}
