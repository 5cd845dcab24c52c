-- Foundation schema: CPOs, EVSEs, smart charging groups and their grants.
-- Portable SQL: runs unchanged on Derby and PostgreSQL.

CREATE TABLE cpo (
    cpo_id      VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    CONSTRAINT cpo_pk PRIMARY KEY (cpo_id)
);

CREATE TABLE smart_charging_group (
    group_id               VARCHAR(36)      NOT NULL,
    cpo_id                 VARCHAR(64)      NOT NULL,
    name                   VARCHAR(200)     NOT NULL,
    algorithm_name         VARCHAR(64)      NOT NULL,
    algorithm_parameters   VARCHAR(4000)    NOT NULL,
    default_capacity_amps  DOUBLE PRECISION NOT NULL,
    created_at             TIMESTAMP        NOT NULL,
    version                BIGINT           NOT NULL,
    CONSTRAINT smart_charging_group_pk PRIMARY KEY (group_id),
    CONSTRAINT smart_charging_group_cpo_fk FOREIGN KEY (cpo_id) REFERENCES cpo (cpo_id)
);
CREATE INDEX smart_charging_group_cpo_idx ON smart_charging_group (cpo_id);

CREATE TABLE evse (
    evse_id            VARCHAR(48)      NOT NULL,
    cpo_id             VARCHAR(64)      NOT NULL,
    charge_station_id  VARCHAR(48)      NOT NULL,
    connector_id       INTEGER          NOT NULL,
    max_current_amps   DOUBLE PRECISION NOT NULL,
    phases             INTEGER          NOT NULL,
    phase_rotation     VARCHAR(3)       NOT NULL,
    group_id           VARCHAR(36),
    created_at         TIMESTAMP        NOT NULL,
    version            BIGINT           NOT NULL,
    CONSTRAINT evse_pk PRIMARY KEY (evse_id),
    CONSTRAINT evse_cpo_fk FOREIGN KEY (cpo_id) REFERENCES cpo (cpo_id),
    CONSTRAINT evse_group_fk FOREIGN KEY (group_id) REFERENCES smart_charging_group (group_id),
    CONSTRAINT evse_connector_uq UNIQUE (charge_station_id, connector_id),
    CONSTRAINT evse_phases_ck CHECK (phases IN (1, 3))
);
CREATE INDEX evse_cpo_idx ON evse (cpo_id);
CREATE INDEX evse_group_idx ON evse (group_id);

CREATE TABLE group_grant (
    group_id    VARCHAR(36)  NOT NULL,
    client_id   VARCHAR(128) NOT NULL,
    granted_at  TIMESTAMP    NOT NULL,
    granted_by  VARCHAR(200) NOT NULL,
    CONSTRAINT group_grant_pk PRIMARY KEY (group_id, client_id),
    CONSTRAINT group_grant_group_fk FOREIGN KEY (group_id) REFERENCES smart_charging_group (group_id)
);
CREATE INDEX group_grant_client_idx ON group_grant (client_id);
