-- A group's time-of-use settings (algorithm time_of_use, the vendor's CUSTOMERCONFIGUREDTOUALGORITHM): what to aim for,
-- the price outside the tariff windows, and the windows themselves in the group's time zone, one per line:
-- "DAY START_SECOND END_SECOND PRICE" for a tariff window, "DAY START_SECOND END_SECOND -" for an exclusion time.
CREATE TABLE time_of_use (
    group_id       VARCHAR(36)      NOT NULL,
    time_zone      VARCHAR(64)      NOT NULL,
    goal           VARCHAR(16)      NOT NULL,
    default_price  DOUBLE PRECISION NOT NULL,
    windows        VARCHAR(16000)   NOT NULL,
    CONSTRAINT time_of_use_pk PRIMARY KEY (group_id),
    CONSTRAINT time_of_use_group_fk FOREIGN KEY (group_id) REFERENCES smart_charging_group (group_id) ON DELETE CASCADE
);

-- The energy plan of the latest allocation run of a grid tree under time_of_use: each planned session's need and its
-- windows (limit, energy, price), as text lines. ${binary_type} is BLOB on Derby and BYTEA on PostgreSQL.
CREATE TABLE energy_plan (
    root_group_id  VARCHAR(36)     NOT NULL,
    planned_at     TIMESTAMP       NOT NULL,
    goal           VARCHAR(16)     NOT NULL,
    body           ${binary_type}  NOT NULL,
    CONSTRAINT energy_plan_pk PRIMARY KEY (root_group_id),
    CONSTRAINT energy_plan_group_fk FOREIGN KEY (root_group_id) REFERENCES smart_charging_group (group_id) ON DELETE CASCADE
);
