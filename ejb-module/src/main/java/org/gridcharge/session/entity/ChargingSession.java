package org.gridcharge.session.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.gridcharge.allocation.Session;

/** A charging session on an EVSE, from start to stop, with what allocation needs to know of it. */
@Entity
@Table(name = "charging_session")
@NamedQuery(name = "ChargingSession.openOnEvses", query = "SELECT s FROM ChargingSession s WHERE s.evseId IN :evseIds AND s.endedAt IS NULL")
@NamedQuery(name = "ChargingSession.openOnEvse",
        query = "SELECT s FROM ChargingSession s WHERE s.evseId = :evseId AND s.endedAt IS NULL ORDER BY s.startedAt DESC")
@NamedQuery(name = "ChargingSession.byIds", query = "SELECT s FROM ChargingSession s WHERE s.sessionId IN :ids")
@NamedQuery(name = "ChargingSession.byStationTx", query = "SELECT s FROM ChargingSession s WHERE s.stationTx = :stationTx")
public class ChargingSession {

    @Id
    @Column(name = "session_id", length = 64)
    private String sessionId;

    @Column(name = "evse_id", nullable = false, length = 48)
    private String evseId;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "measured_amps")
    private Double measuredAmps;

    @Column(name = "measured_at")
    private Instant measuredAt;

    @Column(name = "measured_l1_amps")
    private Double measuredL1;

    @Column(name = "measured_l2_amps")
    private Double measuredL2;

    @Column(name = "measured_l3_amps")
    private Double measuredL3;

    @Column(name = "priority", nullable = false)
    private boolean priority;

    @Column(name = "departure_at")
    private Instant departureAt;

    @Column(name = "energy_need_wh")
    private Double energyNeedWh;

    /** The station's own id of the transaction, as {@code charge_station_id/transaction_id}; null if not from OCPP. */
    @Column(name = "station_tx", length = 96)
    private String stationTx;

    @Column(name = "meter_start_wh")
    private Double meterStartWh;

    /** The energy register when the energy need was stated; null: from the session's first reading. */
    @Column(name = "needs_from_wh")
    private Double needsFromWh;

    @Column(name = "meter_wh")
    private Double meterWh;

    protected ChargingSession() {
        // for JPA
    }

    public ChargingSession(String sessionId, String evseId, Instant startedAt) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.evseId = Objects.requireNonNull(evseId, "evseId");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    }

    /** A session the station reported over OCPP, known there by its transaction id. */
    public ChargingSession(String sessionId, String evseId, Instant startedAt, String chargeStationId, String transactionId) {
        this(sessionId, evseId, startedAt);
        this.stationTx = stationTx(chargeStationId, transactionId);
    }

    public static String stationTx(String chargeStationId, String transactionId) {
        return chargeStationId + "/" + transactionId;
    }

    /** The station and its transaction id ({@link #stationTx(String, String)}), or null if the session did not come from OCPP. */
    public String stationTx() {
        return stationTx;
    }

    /** The station's transaction id, or null if the session did not come from OCPP. */
    public String transactionId() {
        return stationTx == null ? null : stationTx.substring(stationTx.indexOf('/') + 1);
    }

    /** A reading of the EVSE's energy register (Wh); the first one is where the session started. */
    public void meter(double wh) {
        if (meterStartWh == null) {
            meterStartWh = wh;
        }
        meterWh = wh;
    }

    /** The latest energy register reading (Wh), or null if the station reported none. */
    public Double meterWh() {
        return meterWh;
    }

    public Double meterStartWh() {
        return meterStartWh;
    }

    public Instant departureAt() {
        return departureAt;
    }

    public Double energyNeedWh() {
        return energyNeedWh;
    }

    /**
     * The energy need less what the session has delivered since the need was stated (its energy register's rise; since
     * its start for a group's assumed need), never below zero; null without a need.
     */
    public Double energyStillWantedWh() {
        return stillWanted(energyNeedWh);
    }

    private Double stillWanted(Double need) {
        if (need == null) {
            return null;
        }
        Double from = need.equals(energyNeedWh) && needsFromWh != null ? needsFromWh : meterStartWh;
        double delivered = meterWh == null || from == null ? 0 : Math.max(0, meterWh - from);
        return Math.max(0, need - delivered);
    }

    /** The last measured current, or null if unknown (a value that is not a finite, non-negative number counts as unknown). */
    public Double measuredAmps() {
        return measuredAmps == null || !Double.isFinite(measuredAmps) || measuredAmps < 0 ? null : measuredAmps;
    }

    public void measured(double amps, Instant at) {
        measured(amps, null, at);
    }

    /**
     * A measurement: the highest current on any phase, and the current on each of the socket's phases L1, L2, L3 as the
     * station reported them ({@code phases} null, or an entry null, where it reported none).
     */
    public void measured(double amps, Double[] phases, Instant at) {
        this.measuredAmps = amps;
        this.measuredAt = at;
        this.measuredL1 = phases == null ? null : phases[0];
        this.measuredL2 = phases == null ? null : phases[1];
        this.measuredL3 = phases == null ? null : phases[2];
    }

    /** The last measured current on each of the socket's phases (an entry null where none was reported). */
    public Double[] measuredPhases() {
        return new Double[] {usable(measuredL1), usable(measuredL2), usable(measuredL3)};
    }

    private static Double usable(Double amps) {
        return amps == null || !Double.isFinite(amps) || amps < 0 ? null : amps;
    }

    /** When the session was last measured, null if never. */
    public Instant measuredAt() {
        return measuredAt;
    }

    public void prioritise(boolean newPriority) {
        this.priority = newPriority;
    }

    /**
     * The EV's departure and energy need. A need that changes counts from the energy register's reading now (the energy
     * delivered before it was stated does not count against it); one that stays counts from where it did.
     */
    public void needs(Instant departure, Double energyWh) {
        if (energyWh != null && !energyWh.equals(energyNeedWh)) {
            this.needsFromWh = meterWh;
        }
        this.departureAt = departure;
        this.energyNeedWh = energyWh;
    }

    public void end(Instant at) {
        this.endedAt = Objects.requireNonNull(at, "at");
    }

    /** The session as the allocation engine sees it. */
    public Session toAllocationSession() {
        return toAllocationSession(null, null);
    }

    /**
     * The session as the allocation engine sees it, assuming for one that said nothing of its needs that it leaves
     * {@code defaultStay} after its start and wants {@code defaultEnergyWh} in all (either null: no assumption).
     */
    public Session toAllocationSession(java.time.Duration defaultStay, Double defaultEnergyWh) {
        Instant departure = departureAt != null ? departureAt : defaultStay == null ? null : startedAt.plus(defaultStay);
        Double need = energyNeedWh != null ? energyNeedWh : defaultEnergyWh;
        return new Session(sessionId, startedAt, measuredAmps(), priority, departure, stillWanted(need));
    }

    public String sessionId() {
        return sessionId;
    }

    public String evseId() {
        return evseId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public boolean priority() {
        return priority;
    }
}
