-- Charging sessions (fed by OCPP) and the allocation data: one record per change of a group's
-- allocation, with the limit of each of its EVSEs.

CREATE TABLE charging_session (
    session_id        VARCHAR(64)      NOT NULL,
    evse_id           VARCHAR(48)      NOT NULL,
    started_at        TIMESTAMP        NOT NULL,
    ended_at          TIMESTAMP,
    measured_amps     DOUBLE PRECISION,
    measured_at       TIMESTAMP,
    priority          BOOLEAN          NOT NULL,
    departure_at      TIMESTAMP,
    energy_need_wh    DOUBLE PRECISION,
    CONSTRAINT charging_session_pk PRIMARY KEY (session_id),
    CONSTRAINT charging_session_evse_fk FOREIGN KEY (evse_id) REFERENCES evse (evse_id) ON DELETE CASCADE
);
CREATE INDEX charging_session_open_idx ON charging_session (evse_id, ended_at);

CREATE TABLE allocation_record (
    record_id        VARCHAR(36)      NOT NULL,
    group_id         VARCHAR(36)      NOT NULL,
    valid_from       TIMESTAMP        NOT NULL,
    computed_at      TIMESTAMP        NOT NULL,
    profile_type     VARCHAR(20)      NOT NULL,
    capacity_amps    DOUBLE PRECISION NOT NULL,
    allotted_l1_amps DOUBLE PRECISION NOT NULL,
    allotted_l2_amps DOUBLE PRECISION NOT NULL,
    allotted_l3_amps DOUBLE PRECISION NOT NULL,
    trigger_reason   VARCHAR(32)      NOT NULL,
    CONSTRAINT allocation_record_pk PRIMARY KEY (record_id),
    CONSTRAINT allocation_record_group_fk FOREIGN KEY (group_id) REFERENCES smart_charging_group (group_id) ON DELETE CASCADE
);
CREATE INDEX allocation_record_time_idx ON allocation_record (group_id, valid_from);

CREATE TABLE allocation_limit (
    record_id    VARCHAR(36)      NOT NULL,
    evse_id      VARCHAR(48)      NOT NULL,
    limit_amps   DOUBLE PRECISION NOT NULL,
    state        VARCHAR(16)      NOT NULL,
    priority     BOOLEAN          NOT NULL,
    session_id   VARCHAR(64),
    CONSTRAINT allocation_limit_pk PRIMARY KEY (record_id, evse_id),
    CONSTRAINT allocation_limit_record_fk FOREIGN KEY (record_id) REFERENCES allocation_record (record_id) ON DELETE CASCADE
);
