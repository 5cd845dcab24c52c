package org.gridcharge.platform.cluster;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's members as the database records them: each writes its heartbeat, and the first to see one silent claims it.
 * Every time here is the database's clock, so that servers whose clocks differ still judge each other's silence alike.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Members {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<MemberGone> gone;

    @jakarta.ejb.EJB
    Coordination coordination;

    /** This server's heartbeat; false if its row was gone (the others took it for dead): it is written again. */
    public boolean beat(String nodeId, String nodeName) {
        Instant now = coordination.now();
        ClusterMember me = em.find(ClusterMember.class, nodeId);
        if (me == null) {
            em.persist(new ClusterMember(nodeId, nodeName, now));
            return false;
        }
        me.seen(now);
        return true;
    }

    /** Joins the cluster: its first heartbeat. */
    public void join(String nodeId, String nodeName) {
        if (em.find(ClusterMember.class, nodeId) == null) {
            em.persist(new ClusterMember(nodeId, nodeName, coordination.now()));
        }
    }

    /**
     * The members silent for {@code timeout} that this server claims: each row deleted here, so that of several servers
     * seeing the same silence exactly one acts on it.
     */
    public List<String> claimSilent(String self, java.time.Duration timeout) {
        Instant cutoff = coordination.now().minus(timeout);
        List<String> claimed = new ArrayList<>();
        for (ClusterMember member : em.createNamedQuery("ClusterMember.silentSince", ClusterMember.class).setParameter("cutoff", cutoff)
                .getResultList()) {
            if (!member.nodeId().equals(self)
                    && em.createNamedQuery("ClusterMember.remove").setParameter("nodeId", member.nodeId()).executeUpdate() == 1) {
                claimed.add(member.nodeId());
            }
        }
        return claimed;
    }

    /** Tells this server's components that the member is gone (its stations count offline), in a transaction of its own. */
    public void announceGone(String nodeId) {
        gone.fire(new MemberGone(nodeId));
    }

    /** Leaves the cluster (a clean stop). */
    public void leave(String nodeId) {
        em.createNamedQuery("ClusterMember.remove").setParameter("nodeId", nodeId).executeUpdate();
    }

    /** Whether the server is a member: it joined, or wrote its heartbeat again after the others took it for dead. */
    public boolean isMember(String nodeId) {
        return em.find(ClusterMember.class, nodeId) != null;
    }

    /** The members heard from within {@code timeout}. */
    public List<ClusterMember> alive(java.time.Duration timeout) {
        return em.createNamedQuery("ClusterMember.seenSince", ClusterMember.class).setParameter("cutoff", coordination.now().minus(timeout))
                .getResultList();
    }
}
