package org.gridcharge.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.gridcharge.platform.input.Identifiers;

/** A CPO lets a capacity provider (DSO, trader, building EMS) read and steer one of its groups. */
@Entity
@Table(name = "group_grant")
@IdClass(GroupGrant.Key.class)
@NamedQuery(name = "GroupGrant.findByGroup", query = "SELECT g FROM GroupGrant g WHERE g.groupId = :groupId ORDER BY g.clientId")
@NamedQuery(name = "GroupGrant.deleteByGroup", query = "DELETE FROM GroupGrant g WHERE g.groupId = :groupId")
public class GroupGrant {

    @Id
    @Column(name = "group_id", length = 36)
    private String groupId;

    @Id
    @Column(name = "client_id", length = 128)
    private String clientId;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    @Column(name = "granted_by", nullable = false, length = 200)
    private String grantedBy;

    protected GroupGrant() {
        // for JPA
    }

    public GroupGrant(String groupId, String clientId, Instant grantedAt, String grantedBy) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.clientId = Identifiers.require("client_id", clientId, Identifiers.CLIENT_ID, "dso-east");
        this.grantedAt = Objects.requireNonNull(grantedAt, "grantedAt");
        this.grantedBy = Objects.requireNonNull(grantedBy, "grantedBy");
    }

    public String groupId() {
        return groupId;
    }

    public String clientId() {
        return clientId;
    }

    public Instant grantedAt() {
        return grantedAt;
    }

    public String grantedBy() {
        return grantedBy;
    }

    /** Composite key of a grant. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String groupId;
        private String clientId;

        public Key() {
        }

        public Key(String groupId, String clientId) {
            this.groupId = groupId;
            this.clientId = clientId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(groupId, k.groupId) && Objects.equals(clientId, k.clientId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, clientId);
        }
    }
}
