package org.gridcharge.capacity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** The head of a group's capacity profile; its periods are {@link StoredPeriod} rows. */
@Entity
@Table(name = "capacity_profile")
@jakarta.persistence.NamedQuery(name = "CapacityProfile.findByGroups", query = "SELECT p FROM CapacityProfile p WHERE p.groupId IN :groupIds")
public class CapacityProfile {

    @Id
    @Column(name = "group_id", length = 36)
    private String groupId;

    @Enumerated(EnumType.STRING)
    @Column(name = "profile_type", nullable = false, length = 20)
    private ProfileType type;

    @Column(name = "period_count", nullable = false)
    private int periodCount;

    @Column(name = "first_start", nullable = false)
    private Instant firstStart;

    @Column(name = "last_end", nullable = false)
    private Instant lastEnd;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 200)
    private String updatedBy;

    protected CapacityProfile() {
        // for JPA
    }

    public CapacityProfile(String groupId) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
    }

    /** Records that the profile was replaced as a whole. */
    public void replaced(ProfileType newType, int count, Instant start, Instant end, Instant at, String by) {
        this.type = Objects.requireNonNull(newType, "type");
        this.periodCount = count;
        this.firstStart = start;
        this.lastEnd = end;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    public String groupId() {
        return groupId;
    }

    public ProfileType type() {
        return type;
    }

    public int periodCount() {
        return periodCount;
    }

    public Instant firstStart() {
        return firstStart;
    }

    public Instant lastEnd() {
        return lastEnd;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
