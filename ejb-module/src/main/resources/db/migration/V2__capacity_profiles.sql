-- Capacity profiles: one head per group, its periods in order. Replacing a profile deletes all
-- of its periods; deleting a group deletes its profile.

CREATE TABLE capacity_profile (
    group_id      VARCHAR(36)  NOT NULL,
    profile_type  VARCHAR(20)  NOT NULL,
    period_count  INTEGER      NOT NULL,
    first_start   TIMESTAMP    NOT NULL,
    last_end      TIMESTAMP    NOT NULL,
    updated_at    TIMESTAMP    NOT NULL,
    updated_by    VARCHAR(200) NOT NULL,
    CONSTRAINT capacity_profile_pk PRIMARY KEY (group_id),
    CONSTRAINT capacity_profile_group_fk FOREIGN KEY (group_id) REFERENCES smart_charging_group (group_id) ON DELETE CASCADE
);

CREATE TABLE capacity_period (
    group_id       VARCHAR(36)      NOT NULL,
    seq            INTEGER          NOT NULL,
    start_at       TIMESTAMP        NOT NULL,
    end_at         TIMESTAMP        NOT NULL,
    capacity_amps  DOUBLE PRECISION NOT NULL,
    CONSTRAINT capacity_period_pk PRIMARY KEY (group_id, seq),
    CONSTRAINT capacity_period_profile_fk FOREIGN KEY (group_id) REFERENCES capacity_profile (group_id) ON DELETE CASCADE
);
CREATE INDEX capacity_period_end_idx ON capacity_period (group_id, end_at);
