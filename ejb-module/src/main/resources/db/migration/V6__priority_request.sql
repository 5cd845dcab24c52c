-- Priority requests ("Charge Assist"): a driver in a hurry asks for priority for a running
-- session; kept as history for analytics. Sessions remember their energy meter readings.

ALTER TABLE charging_session ADD COLUMN meter_start_wh DOUBLE PRECISION;
ALTER TABLE charging_session ADD COLUMN meter_wh DOUBLE PRECISION;

CREATE TABLE priority_request (
    request_id            VARCHAR(36)       NOT NULL,
    session_id            VARCHAR(64)       NOT NULL,
    evse_id               VARCHAR(48)       NOT NULL,
    group_id              VARCHAR(36)       NOT NULL,
    cpo_id                VARCHAR(64)       NOT NULL,
    requested_by          VARCHAR(128)      NOT NULL,
    requested_at          TIMESTAMP         NOT NULL,
    departure_at          TIMESTAMP,
    energy_kwh            DOUBLE PRECISION,
    status                VARCHAR(16)       NOT NULL,
    ended_at              TIMESTAMP,
    meter_start_wh        DOUBLE PRECISION,
    meter_end_wh          DOUBLE PRECISION,
    limit_amps            DOUBLE PRECISION,
    limit_without_amps    DOUBLE PRECISION,
    CONSTRAINT priority_request_pk PRIMARY KEY (request_id),
    CONSTRAINT priority_request_session_fk FOREIGN KEY (session_id) REFERENCES charging_session (session_id) ON DELETE CASCADE
);
CREATE INDEX priority_request_group_idx ON priority_request (group_id, requested_at);
CREATE INDEX priority_request_evse_idx ON priority_request (evse_id, requested_at);
CREATE INDEX priority_request_session_idx ON priority_request (session_id, status);
