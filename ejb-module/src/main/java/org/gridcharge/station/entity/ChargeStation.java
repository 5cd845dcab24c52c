package org.gridcharge.station.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A charge station as OCPP knows it: its CPO, the hash of its password, what it said at boot. */
@Entity
@Table(name = "charge_station")
public class ChargeStation {

    @Id
    @Column(name = "charge_station_id", length = 48)
    private String chargeStationId;

    @Column(name = "cpo_id", nullable = false, length = 64)
    private String cpoId;

    @Column(name = "password_hash", length = 128)
    private String passwordHash;

    @Column(name = "password_salt", length = 64)
    private String passwordSalt;

    @Column(name = "password_set_at")
    private Instant passwordSetAt;

    @Column(name = "login_verifier", length = 64)
    private String loginVerifier;

    @Column(name = "vendor", length = 50)
    private String vendor;

    @Column(name = "model", length = 50)
    private String model;

    @Column(name = "firmware_version", length = 50)
    private String firmwareVersion;

    @Column(name = "booted_at")
    private Instant bootedAt;

    protected ChargeStation() {
        // for JPA
    }

    public ChargeStation(String chargeStationId, String cpoId) {
        this.chargeStationId = Objects.requireNonNull(chargeStationId, "chargeStationId");
        this.cpoId = Objects.requireNonNull(cpoId, "cpoId");
    }

    public void credentials(String hash, String salt, Instant at) {
        this.passwordHash = hash;
        this.passwordSalt = salt;
        this.passwordSetAt = at;
        this.loginVerifier = null;
    }

    /** A keyed verifier of the current password, written after a login checked it the slow way (null: none yet). */
    public void loginVerifier(String verifier) {
        this.loginVerifier = verifier;
    }

    public String loginVerifier() {
        return loginVerifier;
    }

    public void booted(String newVendor, String newModel, String newFirmware, Instant at) {
        this.vendor = newVendor;
        this.model = newModel;
        this.firmwareVersion = newFirmware;
        this.bootedAt = at;
    }

    public String chargeStationId() {
        return chargeStationId;
    }

    public String cpoId() {
        return cpoId;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String passwordSalt() {
        return passwordSalt;
    }

    public Instant passwordSetAt() {
        return passwordSetAt;
    }

    public String vendor() {
        return vendor;
    }

    public String model() {
        return model;
    }

    public String firmwareVersion() {
        return firmwareVersion;
    }

    public Instant bootedAt() {
        return bootedAt;
    }
}
