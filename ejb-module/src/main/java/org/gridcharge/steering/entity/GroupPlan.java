package org.gridcharge.steering.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest plan of a grid tree, as the server that made it wrote it for the others (PostgreSQL clusters only): each
 * server delivers it to the stations connected to it. The version grows with each plan (see {@link #replace}).
 */
@Entity
@Table(name = "group_plan")
public class GroupPlan {

    @Id
    @Column(name = "root_group_id", length = 36)
    private String rootGroupId;

    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "planned_at", nullable = false)
    private Instant plannedAt;

    @Column(name = "planned_by", length = 64, nullable = false)
    private String plannedBy;

    /**
     * The breakpoint (the next change of capacity) that some server armed a timer for: one server per breakpoint, the
     * first whose plan has it (see {@code AllocationService#claimBreakpoint}).
     */
    @Column(name = "armed_breakpoint")
    private Instant armedBreakpoint;

    @Lob
    @Basic(fetch = FetchType.EAGER)
    @Column(name = "body", nullable = false)
    private byte[] body;

    protected GroupPlan() {
        // for JPA
    }

    public GroupPlan(String rootGroupId) {
        this.rootGroupId = Objects.requireNonNull(rootGroupId, "rootGroupId");
    }

    /**
     * A new plan replaces the last one. Its version grows with each plan, and is at least {@code at} in microseconds
     * since the epoch: the runs of one CPO's trees are serialised and {@code at} is the database's clock after the run's
     * lock, so versions of different trees of one CPO compare too (an EVSE that moves between trees keeps its order).
     */
    public void replace(Instant at, String by, byte[] newBody) {
        version = Math.max(version + 1, at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000);
        plannedAt = at;
        plannedBy = by;
        body = newBody.clone();
    }

    public String rootGroupId() {
        return rootGroupId;
    }

    public long version() {
        return version;
    }

    public Instant plannedAt() {
        return plannedAt;
    }

    public String plannedBy() {
        return plannedBy;
    }

    public byte[] body() {
        return body.clone();
    }
}
