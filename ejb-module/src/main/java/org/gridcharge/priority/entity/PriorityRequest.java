package org.gridcharge.priority.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A driver's request for priority for a running session, and what came of it. */
@Entity
@Table(name = "priority_request")
@NamedQuery(name = "PriorityRequest.activeForSession",
        query = "SELECT p FROM PriorityRequest p WHERE p.sessionId = :sessionId AND p.status = org.gridcharge.priority.entity.PriorityRequest.Status.ACTIVE")
@NamedQuery(name = "PriorityRequest.activeInGroups",
        query = "SELECT p FROM PriorityRequest p WHERE p.groupId IN :groupIds"
                + " AND p.status = org.gridcharge.priority.entity.PriorityRequest.Status.ACTIVE")
public class PriorityRequest {

    /** ACTIVE while its session runs; ENDED with the session; CANCELLED when withdrawn. */
    public enum Status {
        ACTIVE, ENDED, CANCELLED
    }

    @Id
    @Column(name = "request_id", length = 36)
    private String requestId;

    @Column(name = "session_id", nullable = false, length = 64)
    private String sessionId;

    @Column(name = "evse_id", nullable = false, length = 48)
    private String evseId;

    @Column(name = "group_id", nullable = false, length = 36)
    private String groupId;

    @Column(name = "cpo_id", nullable = false, length = 64)
    private String cpoId;

    @Column(name = "requested_by", nullable = false, length = 128)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "departure_at")
    private Instant departureAt;

    @Column(name = "energy_kwh")
    private Double energyKwh;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private Status status;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "meter_start_wh")
    private Double meterStartWh;

    @Column(name = "meter_end_wh")
    private Double meterEndWh;

    @Column(name = "limit_amps")
    private Double limitAmps;

    @Column(name = "limit_without_amps")
    private Double limitWithoutAmps;

    protected PriorityRequest() {
        // for JPA
    }

    public PriorityRequest(String sessionId, String evseId, String groupId, String cpoId, String requestedBy, Instant requestedAt,
                           Instant departureAt, Double energyKwh, Double meterStartWh) {
        this.requestId = UUID.randomUUID().toString();
        this.sessionId = Objects.requireNonNull(sessionId);
        this.evseId = Objects.requireNonNull(evseId);
        this.groupId = Objects.requireNonNull(groupId);
        this.cpoId = Objects.requireNonNull(cpoId);
        this.requestedBy = Objects.requireNonNull(requestedBy);
        this.requestedAt = Objects.requireNonNull(requestedAt);
        this.departureAt = departureAt;
        this.energyKwh = energyKwh;
        this.meterStartWh = meterStartWh;
        this.status = Status.ACTIVE;
    }

    /** The session ended (ENDED) or the request was withdrawn (CANCELLED). */
    public void finish(Status newStatus, Instant at, Double meterWh) {
        if (status == Status.ACTIVE) {
            status = newStatus;
            endedAt = at;
            meterEndWh = meterWh;
        }
    }

    /** What the session was allotted with its priority, and what it would have had without. */
    public void allotted(double withPriority, double withoutPriority) {
        limitAmps = withPriority;
        limitWithoutAmps = withoutPriority;
    }

    public String requestId() {
        return requestId;
    }

    public String sessionId() {
        return sessionId;
    }

    public String evseId() {
        return evseId;
    }

    public String groupId() {
        return groupId;
    }

    public String cpoId() {
        return cpoId;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant departureAt() {
        return departureAt;
    }

    public Double energyKwh() {
        return energyKwh;
    }

    public Status status() {
        return status;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public Double meterStartWh() {
        return meterStartWh;
    }

    public Double meterEndWh() {
        return meterEndWh;
    }

    public Double limitAmps() {
        return limitAmps;
    }

    public Double limitWithoutAmps() {
        return limitWithoutAmps;
    }
}
