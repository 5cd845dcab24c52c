package org.gridcharge.capacity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.gridcharge.allocation.CapacityPeriod;

/** One period of a stored capacity profile (written in JDBC batches, read through JPA). */
@Entity
@Table(name = "capacity_period")
@IdClass(StoredPeriod.Key.class)
@NamedQuery(name = "StoredPeriod.findByGroup", query = "SELECT p FROM StoredPeriod p WHERE p.groupId = :groupId ORDER BY p.seq")
@NamedQuery(name = "StoredPeriod.findByGroupBetween",
        query = "SELECT p FROM StoredPeriod p WHERE p.groupId = :groupId AND p.endAt > :from AND p.startAt < :to ORDER BY p.seq")
@NamedQuery(name = "StoredPeriod.findByGroupsBetween",
        query = "SELECT p FROM StoredPeriod p WHERE p.groupId IN :groupIds AND p.endAt > :from AND p.startAt < :to ORDER BY p.groupId, p.seq")
@NamedQuery(name = "StoredPeriod.deleteByGroup", query = "DELETE FROM StoredPeriod p WHERE p.groupId = :groupId")
public class StoredPeriod {

    @Id
    @Column(name = "group_id", length = 36)
    private String groupId;

    @Id
    @Column(name = "seq")
    private int seq;

    @Column(name = "start_at", nullable = false)
    private Instant startAt;

    @Column(name = "end_at", nullable = false)
    private Instant endAt;

    @Column(name = "capacity_amps", nullable = false)
    private double capacityAmps;

    protected StoredPeriod() {
        // for JPA
    }

    public CapacityPeriod toPeriod() {
        return new CapacityPeriod(startAt, endAt, capacityAmps);
    }

    /** Composite key: the group and the period's position in the profile. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String groupId;
        private int seq;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && seq == k.seq && Objects.equals(groupId, k.groupId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, seq);
        }
    }

    public String groupId() {
        return groupId;
    }
}
