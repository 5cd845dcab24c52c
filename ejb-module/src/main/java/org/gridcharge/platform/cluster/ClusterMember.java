package org.gridcharge.platform.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A running server of the cluster, one row per start, with its last heartbeat. */
@Entity
@Table(name = "cluster_member")
@NamedQuery(name = "ClusterMember.silentSince", query = "SELECT m FROM ClusterMember m WHERE m.lastSeen < :cutoff")
@NamedQuery(name = "ClusterMember.seenSince", query = "SELECT m FROM ClusterMember m WHERE m.lastSeen >= :cutoff ORDER BY m.nodeName")
@NamedQuery(name = "ClusterMember.remove", query = "DELETE FROM ClusterMember m WHERE m.nodeId = :nodeId")
public class ClusterMember {

    @Id
    @Column(name = "node_id", length = 64)
    private String nodeId;

    @Column(name = "node_name", length = 128, nullable = false)
    private String nodeName;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "last_seen", nullable = false)
    private Instant lastSeen;

    protected ClusterMember() {
        // for JPA
    }

    public ClusterMember(String nodeId, String nodeName, Instant startedAt) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.startedAt = startedAt;
        this.lastSeen = startedAt;
    }

    public void seen(Instant at) {
        lastSeen = at;
    }

    public String nodeId() {
        return nodeId;
    }

    public String nodeName() {
        return nodeName;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant lastSeen() {
        return lastSeen;
    }
}
