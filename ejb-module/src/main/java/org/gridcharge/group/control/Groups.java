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

    /** The group, or null. */
    public SmartChargingGroup find(String groupId) {
        return groupId == null ? null : em.find(SmartChargingGroup.class, groupId);
    }

    /** The ids of every group, ordered. */
    public List<String> allIds() {
        return em.createNamedQuery("SmartChargingGroup.allIds", String.class).getResultList();
    }
}
