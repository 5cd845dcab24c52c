package org.gridcharge.evse.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import org.gridcharge.platform.input.Identifiers;
import org.gridcharge.platform.error.InvalidInputException;

/** A charging socket (EVSE) of a CPO, at a connector of an OCPP charge station. */
@Entity
@Table(name = "evse")
@NamedQuery(name = "Evse.findAll", query = "SELECT e FROM Evse e ORDER BY e.evseId")
@NamedQuery(name = "Evse.count", query = "SELECT COUNT(e) FROM Evse e")
@NamedQuery(name = "Evse.findByCpos", query = "SELECT e FROM Evse e WHERE e.cpoId IN :cpoIds ORDER BY e.evseId")
@NamedQuery(name = "Evse.countByCpos", query = "SELECT COUNT(e) FROM Evse e WHERE e.cpoId IN :cpoIds")
@NamedQuery(name = "Evse.findByGroup", query = "SELECT e FROM Evse e WHERE e.groupId = :groupId ORDER BY e.evseId")
@NamedQuery(name = "Evse.findByGroups", query = "SELECT e FROM Evse e WHERE e.groupId IN :groupIds ORDER BY e.evseId")
@NamedQuery(name = "Evse.countByGroup", query = "SELECT COUNT(e) FROM Evse e WHERE e.groupId = :groupId")
@NamedQuery(name = "Evse.countByGroups",
        query = "SELECT e.groupId, COUNT(e) FROM Evse e WHERE e.groupId IN :groupIds GROUP BY e.groupId")
@NamedQuery(name = "Evse.findByUid", query = "SELECT e FROM Evse e WHERE e.uid = :uid")
@NamedQuery(name = "Evse.findByIds", query = "SELECT e FROM Evse e WHERE e.evseId IN :ids")
@NamedQuery(name = "Evse.findByUids", query = "SELECT e FROM Evse e WHERE e.uid IN :uids")
@NamedQuery(name = "Evse.findByStation", query = "SELECT e FROM Evse e WHERE e.chargeStationId = :id ORDER BY e.connectorId")
@NamedQuery(name = "Evse.findByStations", query = "SELECT e FROM Evse e WHERE e.chargeStationId IN :ids")
@NamedQuery(name = "Evse.cpoAtStation", query = "SELECT DISTINCT e.cpoId FROM Evse e WHERE e.chargeStationId = :id")
@NamedQuery(name = "Evse.findByConnector",
        query = "SELECT e FROM Evse e WHERE e.chargeStationId = :chargeStationId AND e.connectorId = :connectorId")
public class Evse {

    public static final double MAX_CURRENT_LIMIT_AMPS = 1000;
    public static final double MAX_POWER_WATTS = 10_000_000;

    @Id
    @Column(name = "evse_id", length = 48)
    private String evseId;

    /** The OCPI-style uid the vendor-compatible API addresses EVSEs by; unique, the evse_id unless given. */
    @Column(name = "uid", length = 48)
    private String uid;

    @Column(name = "cpo_id", nullable = false, length = 64)
    private String cpoId;

    @Column(name = "charge_station_id", nullable = false, length = 48)
    private String chargeStationId;

    @Column(name = "connector_id", nullable = false)
    private int connectorId;

    @Column(name = "max_current_amps", nullable = false)
    private double maxCurrentAmps;

    @Column(name = "phases", nullable = false)
    private int phases;

    /** The most a DC EVSE can deliver, in watts: its maximum in a group managed in watts (null for AC sockets). */
    @Column(name = "max_power_watts")
    private Double maxPowerWatts;

    @Enumerated(EnumType.STRING)
    @Column(name = "phase_rotation", nullable = false, length = 3)
    private PhaseRotation phaseRotation;

    @Column(name = "group_id", length = 36)
    private String groupId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Evse() {
        // for JPA
    }

    public Evse(String evseId, String cpoId, String chargeStationId, Integer connectorId, Double maxCurrentAmps,
                Integer phases, String phaseRotation, Instant createdAt) {
        this.evseId = Identifiers.require("evse_id", evseId, Identifiers.EVSE_ID, "NL*GFX*E00001*1");
        this.uid = this.evseId;
        this.cpoId = Identifiers.require("cpo_id", cpoId, Identifiers.CPO_ID, "NL*GFX");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        relocate(chargeStationId, connectorId);
        rate(maxCurrentAmps, phases, phaseRotation);
    }

    /** Moves the EVSE to another station and/or connector. */
    public final void relocate(String newChargeStationId, Integer newConnectorId) {
        this.chargeStationId = Identifiers.require("charge_station_id", newChargeStationId, Identifiers.CHARGE_STATION_ID, "CS-0001");
        if (newConnectorId == null) {
            throw new InvalidInputException("connector_id", "is required");
        }
        if (newConnectorId < 1) {
            throw new InvalidInputException("connector_id", "must be 1 or more (connector 0 is the whole station), was " + newConnectorId);
        }
        this.connectorId = newConnectorId;
    }

    /** Sets the socket's electrical rating: maximum current per phase, phase count and wiring. */
    public final void rate(Double newMaxCurrentAmps, Integer newPhases, String newPhaseRotation) {
        if (newMaxCurrentAmps == null) {
            throw new InvalidInputException("max_current_amps", "is required");
        }
        if (!Double.isFinite(newMaxCurrentAmps) || newMaxCurrentAmps <= 0 || newMaxCurrentAmps > MAX_CURRENT_LIMIT_AMPS) {
            throw new InvalidInputException("max_current_amps",
                    "must be more than 0 and at most " + (int) MAX_CURRENT_LIMIT_AMPS + " A per phase, was " + newMaxCurrentAmps);
        }
        if (newPhases == null) {
            throw new InvalidInputException("phases", "is required (1 or 3)");
        }
        if (newPhases != 1 && newPhases != 3) {
            throw new InvalidInputException("phases", "must be 1 or 3, was " + newPhases);
        }
        this.maxCurrentAmps = newMaxCurrentAmps;
        this.phases = newPhases;
        this.phaseRotation = PhaseRotation.parse(newPhaseRotation, newPhases);
    }

    /** Gives the EVSE its OCPI-style uid (null keeps the evse_id as uid). */
    public final void identify(String newUid) {
        this.uid = newUid == null ? evseId : Identifiers.require("uid", newUid, Identifiers.EVSE_UID, "NL-GFX-E00001-1");
        if (!uid.equals(evseId) && Identifiers.EVSE_ID.matcher(uid).matches()) {
            // an EVSE's uid defaults to its evse_id: a uid shaped like an evse_id could take another EVSE's default
            throw new InvalidInputException("uid", "'" + uid + "' has the form of an eMI3 evse_id; a uid of that form must be the"
                    + " EVSE's own evse_id (OCPI uids such as NL-GFX-E00001-1 are fine)");
        }
    }

    public String uid() {
        return uid == null ? evseId : uid;
    }

    /** Sets the DC maximum power in watts (null: none, an AC socket). */
    public final void ratePower(Double watts) {
        if (watts != null && (!Double.isFinite(watts) || watts <= 0 || watts > MAX_POWER_WATTS)) {
            throw new InvalidInputException("max_power_watts", "must be more than 0 and at most " + (long) MAX_POWER_WATTS + " W, was "
                    + watts);
        }
        this.maxPowerWatts = watts;
    }

    public Double maxPowerWatts() {
        return maxPowerWatts;
    }

    public void joinGroup(String newGroupId) {
        this.groupId = Objects.requireNonNull(newGroupId, "groupId");
    }

    public void leaveGroup() {
        this.groupId = null;
    }

    public String evseId() {
        return evseId;
    }

    public String cpoId() {
        return cpoId;
    }

    public String chargeStationId() {
        return chargeStationId;
    }

    public int connectorId() {
        return connectorId;
    }

    public double maxCurrentAmps() {
        return maxCurrentAmps;
    }

    public int phases() {
        return phases;
    }

    public PhaseRotation phaseRotation() {
        return phaseRotation;
    }

    public String groupId() {
        return groupId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
