-- A site meter feeds a group's capacity (capacity_update_method EXTERNALMETER): its configuration, and what its
-- readings left (the capacity in force per phase, a rise waiting for its delay, the latest reading, the readings refused).
CREATE TABLE group_meter (
    group_id             VARCHAR(36)      NOT NULL,
    source               VARCHAR(8)       NOT NULL,
    broker_url           VARCHAR(512),
    topic                VARCHAR(512),
    username             VARCHAR(256),
    password             VARCHAR(256),
    connection_l1        DOUBLE PRECISION NOT NULL,
    connection_l2        DOUBLE PRECISION NOT NULL,
    connection_l3        DOUBLE PRECISION NOT NULL,
    includes_ev_load     BOOLEAN          NOT NULL,
    meter_mode           VARCHAR(16)      NOT NULL,
    stale_after_seconds  INTEGER          NOT NULL,
    fallback_capacity    DOUBLE PRECISION,
    rise_delay_seconds   INTEGER          NOT NULL,
    deadband             DOUBLE PRECISION NOT NULL,
    read_at              TIMESTAMP,
    received_at          TIMESTAMP,
    reading_l1           DOUBLE PRECISION,
    reading_l2           DOUBLE PRECISION,
    reading_l3           DOUBLE PRECISION,
    applied_l1           DOUBLE PRECISION,
    applied_l2           DOUBLE PRECISION,
    applied_l3           DOUBLE PRECISION,
    rising_l1            DOUBLE PRECISION,
    rising_l2            DOUBLE PRECISION,
    rising_l3            DOUBLE PRECISION,
    rising_since         TIMESTAMP,
    announced_at         TIMESTAMP,
    readings_taken       BIGINT           DEFAULT 0 NOT NULL,
    readings_refused     BIGINT           DEFAULT 0 NOT NULL,
    last_refusal         VARCHAR(300),
    updated_at           TIMESTAMP        NOT NULL,
    CONSTRAINT group_meter_pk PRIMARY KEY (group_id),
    CONSTRAINT group_meter_group_fk FOREIGN KEY (group_id) REFERENCES smart_charging_group (group_id) ON DELETE CASCADE
);

-- Allocation data per phase (a meter sees each phase apart) and where the capacity came from.
ALTER TABLE allocation_record ADD COLUMN capacity_l2_amps DOUBLE PRECISION;
ALTER TABLE allocation_record ADD COLUMN capacity_l3_amps DOUBLE PRECISION;
ALTER TABLE allocation_record ADD COLUMN capacity_source VARCHAR(16);
