package org.gridcharge.platform.cluster;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What servers of a cluster do together, inside the caller's transaction, with PostgreSQL's own means: a lock held
 * until the transaction ends ({@code pg_advisory_xact_lock}), and a signal the other servers receive once it commits
 * ({@code NOTIFY}). Alone (on Derby) both do nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Coordination {

    /** The channel every server listens on. */
    public static final String CHANNEL = "gridcharge";

    @PersistenceContext
    EntityManager em;

    @Inject
    ClusterNode node;

    /**
     * Waits until no other transaction in the cluster holds the lock of this name, and holds it until this transaction
     * ends. Take it before reading what it protects: read committed then sees what the last holder committed.
     */
    public void lock(String name) {
        if (node.clustered()) {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?)").setParameter(1, key(name)).getResultList();
        }
    }

    /**
     * This transaction's commit does not wait for the database's disk (PostgreSQL's {@code synchronous_commit} off, for
     * this transaction alone). It stays atomic and in order with the others; only a crash of the database itself may lose
     * the last fraction of a second of such commits. For frequent records whose loss errs on the safe side.
     */
    public void commitWithoutDiskWait() {
        if (node.clustered()) {
            em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
        }
    }

    /**
     * In this transaction, a wait for another's row lock ends after {@code seconds} with an error instead of lasting as
     * long as the other transaction does (on PostgreSQL; a single server has no other server to wait for).
     */
    public void waitForLocksAtMost(int seconds) {
        if (node.clustered()) {
            em.createNativeQuery("SET LOCAL lock_timeout = '" + Math.max(1, seconds) + "s'").executeUpdate();
        }
    }

    /** Tells the other servers, once this transaction commits (and not if it rolls back), that {@code kind} happened to {@code key}. */
    public void publish(String kind, String key) {
        if (node.clustered()) {
            em.createNativeQuery("SELECT pg_notify(?, ?)").setParameter(1, CHANNEL)
                    .setParameter(2, ClusterSignal.payload(node.nodeId(), kind, key)).getResultList();
        }
    }

    /**
     * The database's clock at this moment ({@code clock_timestamp()}, not the transaction's start): the one clock the
     * servers of a cluster share, to tell which of two things on different servers came first. Null alone.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.time.Instant now() {
        if (!node.clustered()) {
            return null;
        }
        Object value = em.createNativeQuery("SELECT clock_timestamp()").getSingleResult();
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("clock_timestamp() came as " + (value == null ? "null" : value.getClass().getName()));
    }

    /** A lock name as PostgreSQL's 64-bit advisory key: the first 8 bytes of its SHA-256 (a collision costs only waiting). */
    static long key(String name) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(("gridcharge:" + name).getBytes(StandardCharsets.UTF_8)))
                    .getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
