package org.gridcharge.tenancy.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.tenancy.entity.GroupGrant;

/**
 * Decides who sees what, for every component: a platform admin sees everything; a CPO admin manages (reads and
 * changes) the data of its CPOs; a capacity provider reads and steers the groups a CPO granted it, and nothing else.
 * What a caller may not see answers 404 as if it did not exist; what it may see but not change answers 403.
 * Owns the grants.
 */
@ApplicationScoped
public class Tenancy {

    @PersistenceContext
    EntityManager em;

    /** May the caller create, change and delete this CPO's EVSEs, groups and grants? */
    public boolean manages(Caller caller, String cpoId) {
        return caller.manages(cpoId);
    }

    /** May the caller read (and, for a capacity provider, steer) this group of this CPO? */
    public boolean sees(Caller caller, String cpoId, String groupId) {
        return caller.manages(cpoId) || isGranted(caller, groupId);
    }

    /** Is the group granted to the caller as a capacity provider? */
    public boolean isGranted(Caller caller, String groupId) {
        return caller.isCapacityProvider() && groupId != null && em.find(GroupGrant.class, new GroupGrant.Key(groupId, caller.clientId())) != null;
    }

    /** The query parameter that {@link #grantedTo(String)} binds: the capacity provider's client id. */
    public static final String GRANTED_TO = "grantedTo";

    /**
     * A JPQL condition for another component's query: the group id at {@code groupIdPath} is one granted to the capacity
     * provider bound to {@value #GRANTED_TO}. The grants stay tenancy's: the condition is its door, and the database
     * joins them, however many there are.
     */
    public static String grantedTo(String groupIdPath) {
        return groupIdPath + " IN (SELECT tg.groupId FROM GroupGrant tg WHERE tg.clientId = :" + GRANTED_TO + ")";
    }

    /** The CPOs whose data a batch job started by the caller may touch, as the job records them. */
    public String jobScope(Caller caller, String allCpos) {
        return caller.isPlatformAdmin() ? allCpos : String.join(",", caller.cpoIds());
    }

    public List<GroupGrant> grantsOf(String groupId) {
        return em.createNamedQuery("GroupGrant.findByGroup", GroupGrant.class).setParameter("groupId", groupId).getResultList();
    }

    /** Grants the group to a capacity provider; false if it already was. */
    public boolean grant(String groupId, String clientId, Instant at, String grantedBy) {
        GroupGrant grant = new GroupGrant(groupId, clientId, at, grantedBy);
        if (em.find(GroupGrant.class, new GroupGrant.Key(groupId, clientId)) != null) {
            return false;
        }
        em.persist(grant);
        return true;
    }

    /** Withdraws a grant; false if there was none. */
    public boolean revoke(String groupId, String clientId) {
        GroupGrant grant = em.find(GroupGrant.class, new GroupGrant.Key(groupId, clientId));
        if (grant == null) {
            return false;
        }
        em.remove(grant);
        return true;
    }

    /** Withdraws every grant of a group that is deleted. */
    public void revokeAll(String groupId) {
        em.createNamedQuery("GroupGrant.deleteByGroup").setParameter("groupId", groupId).executeUpdate();
    }
}
