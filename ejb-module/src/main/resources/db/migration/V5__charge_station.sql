-- Charge stations as OCPP sees them: who they belong to, the password they connect with (stored
-- hashed), what they said when they booted. Sessions remember the station's own transaction id.

CREATE TABLE charge_station (
    charge_station_id  VARCHAR(48)   NOT NULL,
    cpo_id             VARCHAR(64)   NOT NULL,
    password_hash      VARCHAR(128),
    password_salt      VARCHAR(64),
    password_set_at    TIMESTAMP,
    vendor             VARCHAR(50),
    model              VARCHAR(50),
    firmware_version   VARCHAR(50),
    booted_at          TIMESTAMP,
    CONSTRAINT charge_station_pk PRIMARY KEY (charge_station_id),
    CONSTRAINT charge_station_cpo_fk FOREIGN KEY (cpo_id) REFERENCES cpo (cpo_id)
);

ALTER TABLE charging_session ADD COLUMN station_tx VARCHAR(96);
CREATE INDEX charging_session_station_tx_idx ON charging_session (station_tx);
