-- Weekly capacity rules: capacity by day of week and local time of day in a named (IANA) time zone.
-- A datetime capacity profile wins over them; they win over the default capacity.

CREATE TABLE weekly_capacity (
    group_id       VARCHAR(36)      NOT NULL,
    seq            INTEGER          NOT NULL,
    time_zone      VARCHAR(64)      NOT NULL,
    day_of_week    VARCHAR(9)       NOT NULL,
    start_second   INTEGER          NOT NULL,
    end_second     INTEGER          NOT NULL,
    capacity_amps  DOUBLE PRECISION NOT NULL,
    CONSTRAINT weekly_capacity_pk PRIMARY KEY (group_id, seq),
    CONSTRAINT weekly_capacity_group_fk FOREIGN KEY (group_id) REFERENCES smart_charging_group (group_id) ON DELETE CASCADE
);
