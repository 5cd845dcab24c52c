package org.gridcharge.capacity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.gridcharge.capacity.entity.CapacityProfile;
import org.gridcharge.group.control.CapacitySettings;

/** The capacity component's answer to what the group component asks about a group's capacity. */
@ApplicationScoped
public class StoredCapacitySettings implements CapacitySettings {

    @PersistenceContext
    EntityManager em;

    @Override
    public boolean hasCapacitySet(String groupId) {
        return em.find(CapacityProfile.class, groupId) != null
                || em.createNamedQuery("StoredWeeklyRule.countByGroup", Long.class).setParameter("groupId", groupId).getSingleResult() > 0;
    }
}
