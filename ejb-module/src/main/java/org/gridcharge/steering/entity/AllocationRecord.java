package org.gridcharge.steering.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.gridcharge.allocation.Allocation;
import org.gridcharge.allocation.SocketAllocation;

/**
 * Allocation data: a group's allocation from {@code validFrom} until the next record, stored each
 * time it changes (capacity, or any EVSE's limit or state).
 */
@Entity
@Table(name = "allocation_record")
@NamedQuery(name = "AllocationRecord.latest",
        query = "SELECT r FROM AllocationRecord r WHERE r.groupId = :groupId ORDER BY r.validFrom DESC, r.computedAt DESC")
@NamedQuery(name = "AllocationRecord.latestOf",
        query = "SELECT DISTINCT r FROM AllocationRecord r LEFT JOIN FETCH r.limits WHERE r.groupId IN :groupIds AND r.validFrom ="
                + " (SELECT MAX(o.validFrom) FROM AllocationRecord o WHERE o.groupId = r.groupId)")
@NamedQuery(name = "AllocationRecord.inRange",
        query = "SELECT r FROM AllocationRecord r WHERE r.groupId = :groupId AND r.validFrom >= :from AND r.validFrom < :to"
                + " ORDER BY r.validFrom, r.computedAt")
@NamedQuery(name = "AllocationRecord.headersInRange",
        query = "SELECT r.recordId, r.validFrom, r.capacity, r.capacityL2, r.capacityL3, r.allottedL1, r.allottedL2, r.allottedL3"
                + " FROM AllocationRecord r WHERE r.groupId = :groupId AND r.validFrom >= :from AND r.validFrom < :to"
                + " ORDER BY r.validFrom, r.computedAt")
@NamedQuery(name = "AllocationRecord.headersBefore",
        query = "SELECT r.recordId, r.validFrom, r.capacity, r.capacityL2, r.capacityL3, r.allottedL1, r.allottedL2, r.allottedL3"
                + " FROM AllocationRecord r WHERE r.groupId = :groupId AND r.validFrom < :from ORDER BY r.validFrom DESC, r.computedAt DESC")
@NamedQuery(name = "AllocationRecord.countInRange",
        query = "SELECT COUNT(r) FROM AllocationRecord r WHERE r.groupId = :groupId AND r.validFrom >= :from AND r.validFrom < :to")
public class AllocationRecord {

    @Id
    @Column(name = "record_id", length = 36)
    private String recordId;

    @Column(name = "group_id", nullable = false, length = 36)
    private String groupId;

    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;

    @Column(name = "computed_at", nullable = false)
    private Instant computedAt;

    @Column(name = "profile_type", nullable = false, length = 20)
    private String profileType;

    @Column(name = "capacity_amps", nullable = false)
    private double capacity;

    @Column(name = "capacity_l2_amps")
    private Double capacityL2;

    @Column(name = "capacity_l3_amps")
    private Double capacityL3;

    @Column(name = "capacity_source", length = 16)
    private String capacitySource;

    @Column(name = "allotted_l1_amps", nullable = false)
    private double allottedL1;

    @Column(name = "allotted_l2_amps", nullable = false)
    private double allottedL2;

    @Column(name = "allotted_l3_amps", nullable = false)
    private double allottedL3;

    @Column(name = "trigger_reason", nullable = false, length = 32)
    private String triggerReason;

    @OneToMany(mappedBy = "record", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("evseId")
    private List<AllocationLimit> limits = new ArrayList<>();

    protected AllocationRecord() {
        // for JPA
    }

    public AllocationRecord(String groupId, Instant validFrom, Instant computedAt, String profileType, Allocation allocation,
                            java.util.Map<String, String> sessionByEvse, String triggerReason, String capacitySource) {
        this.recordId = UUID.randomUUID().toString();
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.validFrom = validFrom;
        this.computedAt = computedAt;
        this.profileType = profileType;
        this.capacity = allocation.capacity().l1();
        this.capacityL2 = allocation.capacity().l2();
        this.capacityL3 = allocation.capacity().l3();
        this.capacitySource = capacitySource;
        this.allottedL1 = allocation.allotted().l1();
        this.allottedL2 = allocation.allotted().l2();
        this.allottedL3 = allocation.allotted().l3();
        this.triggerReason = triggerReason;
        for (SocketAllocation socket : allocation.sockets()) {
            limits.add(new AllocationLimit(this, socket, sessionByEvse.get(socket.evseId())));
        }
    }

    /** Whether this record already says what the allocation says (nothing to store). */
    public boolean sameAs(Allocation allocation, String type, String source) {
        if (!capacityPerPhase().equals(allocation.capacity()) || !Objects.equals(capacitySource, source) || !profileType.equals(type) || limits.size() != allocation.sockets().size()
                || allottedL1 != allocation.allotted().l1() || allottedL2 != allocation.allotted().l2()
                || allottedL3 != allocation.allotted().l3()) {
            return false;
        }
        java.util.Map<String, AllocationLimit> mine = new java.util.HashMap<>();
        limits.forEach(l -> mine.put(l.evseId(), l));
        for (SocketAllocation socket : allocation.sockets()) {
            AllocationLimit limit = mine.get(socket.evseId());
            if (limit == null || !limit.matches(socket)) {
                return false;
            }
        }
        return true;
    }

    public String recordId() {
        return recordId;
    }

    public String groupId() {
        return groupId;
    }

    public Instant validFrom() {
        return validFrom;
    }

    public Instant computedAt() {
        return computedAt;
    }

    public String profileType() {
        return profileType;
    }

    public double capacity() {
        return capacity;
    }

    /** The capacity on each phase (records from before per-phase capacities have the same on every phase). */
    public org.gridcharge.allocation.PerPhase capacityPerPhase() {
        return new org.gridcharge.allocation.PerPhase(capacity, capacityL2 == null ? capacity : capacityL2,
                capacityL3 == null ? capacity : capacityL3);
    }

    /**
     * Where the capacity came from: {@code default}, {@code api}, {@code parent_group}, {@code meter}, {@code meter_stale}
     * or {@code file}; null for records from before it was kept.
     */
    public String capacitySource() {
        return capacitySource;
    }

    public double allottedL1() {
        return allottedL1;
    }

    public double allottedL2() {
        return allottedL2;
    }

    public double allottedL3() {
        return allottedL3;
    }

    public String triggerReason() {
        return triggerReason;
    }

    public List<AllocationLimit> limits() {
        return Collections.unmodifiableList(limits);
    }
}
