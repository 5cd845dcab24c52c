package org.gridcharge.ocpp.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A CALL one server of the cluster asks the server holding a station's connection to send, and, once done, what became
 * of it: the station's answer, or an error code and description (a CALLERROR, a timeout, or the station gone).
 */
@Entity
@Table(name = "station_command")
@NamedQuery(name = "RelayedCommand.removeOlderThan", query = "DELETE FROM RelayedCommand c WHERE c.createdAt < :cutoff")
@NamedQuery(name = "RelayedCommand.pendingFor", query = "SELECT c.commandId FROM RelayedCommand c WHERE c.holderId = :holderId AND c.done = false")
public class RelayedCommand {

    /** What to send: GetCompositeSchedule, or a ClearChargingProfile followed by the station's failsafe and limits. */
    public enum Action {
        COMPOSITE_SCHEDULE, RESEND_PROFILES
    }

    @Id
    @Column(name = "command_id", length = 36)
    private String commandId;

    @Column(name = "charge_station_id", length = 48, nullable = false)
    private String chargeStationId;

    /** The node id of the server holding the station's connection. */
    @Column(name = "holder_id", length = 64, nullable = false)
    private String holderId;

    @Column(name = "action", length = 32, nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Action action;

    @Column(name = "connector_id")
    private Integer connectorId;

    @Column(name = "duration_seconds")
    private Integer durationSeconds;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "done", nullable = false)
    private boolean done;

    /** The station's answer (a JSON object), if it answered. */
    @Column(name = "result", length = 32000)
    private String result;

    @Column(name = "error_code", length = 64)
    private String errorCode;

    @Column(name = "error_description", length = 1000)
    private String errorDescription;

    protected RelayedCommand() {
        // for JPA
    }

    public RelayedCommand(String commandId, String chargeStationId, String holderId, Action action, Integer connectorId,
                          Integer durationSeconds, Instant createdAt) {
        this.commandId = Objects.requireNonNull(commandId, "commandId");
        this.chargeStationId = Objects.requireNonNull(chargeStationId, "chargeStationId");
        this.holderId = Objects.requireNonNull(holderId, "holderId");
        this.action = Objects.requireNonNull(action, "action");
        this.connectorId = connectorId;
        this.durationSeconds = durationSeconds;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** What became of the CALL: the station's answer, or why there is none. */
    public void done(String result, String errorCode, String errorDescription) {
        this.done = true;
        this.result = result;
        this.errorCode = errorCode == null || errorCode.length() <= 64 ? errorCode : errorCode.substring(0, 64);
        this.errorDescription = errorDescription == null || errorDescription.length() <= 1000 ? errorDescription
                : errorDescription.substring(0, 1000);
    }

    public String commandId() {
        return commandId;
    }

    public String chargeStationId() {
        return chargeStationId;
    }

    public String holderId() {
        return holderId;
    }

    public Action action() {
        return action;
    }

    public Integer connectorId() {
        return connectorId;
    }

    public Integer durationSeconds() {
        return durationSeconds;
    }

    public boolean isDone() {
        return done;
    }

    public String result() {
        return result;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorDescription() {
        return errorDescription;
    }
}
