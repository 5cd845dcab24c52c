package org.gridcharge.station.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What a connector last reported in a StatusNotification: OCPP 1.6's connector status (Available, Preparing, Charging,
 * SuspendedEV, SuspendedEVSE, Finishing, Reserved, Unavailable, Faulted) or OCPP 2.0.1's (Available, Occupied,
 * Reserved, Unavailable, Faulted), as the station wrote it. Connector 0 is the whole station.
 */
@Entity
@Table(name = "connector_status")
@IdClass(ConnectorStatus.Key.class)
@NamedQuery(name = "ConnectorStatus.ofStations",
        query = "SELECT s FROM ConnectorStatus s WHERE s.chargeStationId IN :stationIds")
public class ConnectorStatus {

    /** The primary key: station, connector (OCPP 2.0.1: EVSE) and connector of the EVSE (OCPP 1.6: 0). */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String chargeStationId;
        private int connectorId;
        private int subConnectorId;

        public Key() {
            // for JPA
        }

        public Key(String chargeStationId, int connectorId, int subConnectorId) {
            this.chargeStationId = chargeStationId;
            this.connectorId = connectorId;
            this.subConnectorId = subConnectorId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.connectorId == connectorId && k.subConnectorId == subConnectorId
                    && Objects.equals(k.chargeStationId, chargeStationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chargeStationId, connectorId, subConnectorId);
        }
    }

    @Id
    @Column(name = "charge_station_id", length = 48)
    private String chargeStationId;

    @Id
    @Column(name = "connector_id")
    private int connectorId;

    @Id
    @Column(name = "sub_connector_id")
    private int subConnectorId;

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "error_code", length = 32)
    private String errorCode;

    @Column(name = "reported_at", nullable = false)
    private Instant reportedAt;

    protected ConnectorStatus() {
        // for JPA
    }

    public ConnectorStatus(String chargeStationId, int connectorId, int subConnectorId) {
        this.chargeStationId = Objects.requireNonNull(chargeStationId, "chargeStationId");
        this.connectorId = connectorId;
        this.subConnectorId = subConnectorId;
    }

    /** Records a report unless a newer one is already recorded (stations may send reports late, from their queue). */
    public void report(String newStatus, String newErrorCode, Instant at) {
        if (reportedAt != null && at.isBefore(reportedAt)) {
            return;
        }
        status = Objects.requireNonNull(newStatus, "status");
        errorCode = newErrorCode;
        reportedAt = Objects.requireNonNull(at, "at");
    }

    public String chargeStationId() {
        return chargeStationId;
    }

    public int connectorId() {
        return connectorId;
    }

    public int subConnectorId() {
        return subConnectorId;
    }

    public String status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public Instant reportedAt() {
        return reportedAt;
    }
}
