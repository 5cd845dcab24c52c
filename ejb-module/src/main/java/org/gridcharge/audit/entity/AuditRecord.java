package org.gridcharge.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One change worth an audit trail: who did what, when, to which group. */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    @Id
    @Column(name = "audit_id", length = 36)
    private String auditId;

    @Column(name = "occurred_at", nullable = false)
    private Instant at;

    @Column(name = "actor", nullable = false, length = 200)
    private String actor;

    @Column(name = "action", nullable = false, length = 48)
    private String action;

    @Column(name = "group_id", length = 36)
    private String groupId;

    @Column(name = "cpo_id", length = 64)
    private String cpoId;

    @Column(name = "detail", length = 2000)
    private String detail;

    protected AuditRecord() {
        // for JPA
    }

    public AuditRecord(Instant at, String actor, String action, String groupId, String cpoId, String detail) {
        this.auditId = UUID.randomUUID().toString();
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.groupId = groupId;
        this.cpoId = cpoId;
        this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    }

    public String auditId() {
        return auditId;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String groupId() {
        return groupId;
    }

    public String cpoId() {
        return cpoId;
    }

    public String detail() {
        return detail;
    }
}
