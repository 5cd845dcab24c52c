package org.gridcharge.steering.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.gridcharge.allocation.SocketAllocation;

/** One EVSE's limit within an allocation record. */
@Entity
@Table(name = "allocation_limit")
@jakarta.persistence.NamedQuery(name = "AllocationLimit.ofRecords",
        query = "SELECT l.record.recordId, l.evseId, l.limit FROM AllocationLimit l WHERE l.record.recordId IN :recordIds")
@jakarta.persistence.NamedQuery(name = "AllocationLimit.peaksOfRecords",
        query = "SELECT l.evseId, MAX(l.limit) FROM AllocationLimit l WHERE l.record.recordId IN :recordIds GROUP BY l.evseId")
@jakarta.persistence.NamedQuery(name = "AllocationLimit.ofRecordsAndEvses",
        query = "SELECT l.record.recordId, l.evseId, l.limit FROM AllocationLimit l WHERE l.record.recordId IN :recordIds"
                + " AND l.evseId IN :evseIds")
@IdClass(AllocationLimit.Key.class)
public class AllocationLimit {

    @Id
    @ManyToOne
    @JoinColumn(name = "record_id")
    private AllocationRecord record;

    @Id
    @Column(name = "evse_id", length = 48)
    private String evseId;

    @Column(name = "limit_amps", nullable = false)
    private double limit;

    @Column(name = "state", nullable = false, length = 16)
    private String state;

    @Column(name = "priority", nullable = false)
    private boolean priority;

    @Column(name = "session_id", length = 64)
    private String sessionId;

    protected AllocationLimit() {
        // for JPA
    }

    AllocationLimit(AllocationRecord record, SocketAllocation socket, String sessionId) {
        this.record = record;
        this.evseId = socket.evseId();
        this.limit = socket.limit();
        this.state = socket.state().name();
        this.priority = socket.priority();
        this.sessionId = sessionId;
    }

    boolean matches(SocketAllocation socket) {
        return limit == socket.limit() && state.equals(socket.state().name()) && priority == socket.priority();
    }

    public String evseId() {
        return evseId;
    }

    public double limit() {
        return limit;
    }

    public String state() {
        return state;
    }

    public boolean priority() {
        return priority;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Composite key: the record and the EVSE. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String record;
        private String evseId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(record, k.record) && Objects.equals(evseId, k.evseId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(record, evseId);
        }
    }
}
