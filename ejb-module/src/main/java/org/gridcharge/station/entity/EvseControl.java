package org.gridcharge.station.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** What an EVSE was last told and what it last accepted; limits are in its group's unit (amperes per phase, or watts). */
@Entity
@Table(name = "evse_control")
@jakarta.persistence.NamedQuery(name = "EvseControl.byIds", query = "SELECT c FROM EvseControl c WHERE c.evseId IN :ids")
@jakarta.persistence.NamedQuery(name = "EvseControl.delivered",
        query = "UPDATE EvseControl c SET c.plannedVersion = NULL, c.planned = NULL WHERE c.evseId IN :ids AND c.plannedVersion <= :version")
public class EvseControl {

    /** The answer to the last limit sent. */
    public enum Status {
        PENDING, ACCEPTED, REJECTED, TIMEOUT
    }

    @Id
    @Column(name = "evse_id", length = 48)
    private String evseId;

    @Column(name = "last_sent_amps")
    private Double lastSent;

    @Column(name = "last_sent_at")
    private Instant lastSentAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_status", length = 16)
    private Status lastStatus;

    @Column(name = "last_answer_at")
    private Instant lastAnswerAt;

    @Column(name = "accepted_amps")
    private Double accepted;

    @Column(name = "planned_version")
    private Long plannedVersion;

    @Column(name = "planned_amps")
    private Double planned;

    protected EvseControl() {
        // for JPA
    }

    public EvseControl(String evseId) {
        this.evseId = Objects.requireNonNull(evseId, "evseId");
    }

    public void sent(double limit, Instant at) {
        lastSent = limit;
        lastSentAt = at;
        lastStatus = Status.PENDING;
    }

    /**
     * The station answered the limit whose highest value was {@code answeredLimit}. If a newer limit
     * was sent since, the answer only tells what the station holds now: the EVSE stays pending.
     */
    public void answered(Status status, double answeredLimit, Instant at) {
        answered(status, answeredLimit, at, null);
    }

    /** As above; {@code sentAt}, if known, is when the answered frame left, which replaces the time it was queued. */
    public void answered(Status status, double answeredLimit, Instant at, Instant sentAt) {
        lastAnswerAt = at;
        if (status == Status.ACCEPTED) {
            accepted = answeredLimit;
        }
        if (lastSent == null || lastSent == answeredLimit) {
            lastStatus = status;
            if (sentAt != null && !sentAt.isAfter(at)) {
                lastSentAt = sentAt;
            }
        }
    }

    /** When the last limit's answer came; null while it still waits for one (an older answer is not its) or got none in time. */
    public Instant answerToLastSent() {
        return lastAnswerAt == null || lastStatus == null || lastStatus == Status.PENDING || lastStatus == Status.TIMEOUT
                || (lastSentAt != null && lastAnswerAt.isBefore(lastSentAt)) ? null : lastAnswerAt;
    }

    /** Forget what was accepted: a reconnected station is told again before it counts as steered. */
    public void reset() {
        lastStatus = null;
        plannedVersion = null;
        planned = null;
    }

    /**
     * The station is told to clear its charging profiles: it holds no limit for this EVSE until it accepts one again,
     * and may draw its maximum meanwhile.
     */
    public void cleared() {
        reset();
        accepted = null;
    }

    /**
     * In a cluster: the version of a plan that another server is still to hand to this EVSE's station, or null. While
     * it is set the EVSE is not counted as steered.
     */
    public Long plannedVersion() {
        return plannedVersion;
    }

    /** A plan of this version gives the EVSE a schedule whose highest limit is {@code highest}; another server is to deliver it. */
    public void awaitDelivery(long version, double highest) {
        plannedVersion = version;
        planned = highest;
    }

    /** The highest limit of the schedule {@link #plannedVersion()} gives it, or null. */
    public Double planned() {
        return planned;
    }

    public String evseId() {
        return evseId;
    }

    public Double lastSent() {
        return lastSent;
    }

    public Instant lastSentAt() {
        return lastSentAt;
    }

    public Status lastStatus() {
        return lastStatus;
    }

    public Instant lastAnswerAt() {
        return lastAnswerAt;
    }

    public Double accepted() {
        return accepted;
    }
}
