package org.gridcharge.station.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A charge station's connection to the platform. */
@Entity
@Table(name = "station_link")
@jakarta.persistence.NamedQuery(name = "StationLink.seen",
        query = "UPDATE StationLink l SET l.lastSeen = :at WHERE l.chargeStationId IN :ids AND (l.lastSeen IS NULL OR l.lastSeen < :at)")
@jakarta.persistence.NamedQuery(name = "StationLink.byIds", query = "SELECT l FROM StationLink l WHERE l.chargeStationId IN :ids")
@jakarta.persistence.NamedQuery(name = "StationLink.connectedTo",
        query = "SELECT l FROM StationLink l WHERE l.connected = true AND l.serverId = :serverId")
public class StationLink {

    @Id
    @Column(name = "charge_station_id", length = 48)
    private String chargeStationId;

    @Column(name = "connected", nullable = false)
    private boolean connected;

    @Column(name = "protocol", length = 16)
    private String protocol;

    @Column(name = "connected_at")
    private Instant connectedAt;

    @Column(name = "last_seen")
    private Instant lastSeen;

    @Column(name = "server_id", length = 64)
    private String serverId;

    protected StationLink() {
        // for JPA
    }

    public StationLink(String chargeStationId) {
        this.chargeStationId = Objects.requireNonNull(chargeStationId, "chargeStationId");
    }

    public void connect(String newProtocol, Instant at) {
        connect(newProtocol, at, null);
    }

    /** Connected at {@code at} to the server {@code server} (its node id). */
    public void connect(String newProtocol, Instant at, String server) {
        connected = true;
        serverId = server;
        protocol = newProtocol;
        connectedAt = at;
        lastSeen = at;
    }

    public void disconnect(Instant at) {
        connected = false;
        lastSeen = at;
    }

    public void seen(Instant at) {
        lastSeen = at;
    }

    public String chargeStationId() {
        return chargeStationId;
    }

    public boolean connected() {
        return connected;
    }

    public String protocol() {
        return protocol;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    /** The server (its node id) the station was last connected to, or null. */
    public String serverId() {
        return serverId;
    }

    public Instant lastSeen() {
        return lastSeen;
    }
}
