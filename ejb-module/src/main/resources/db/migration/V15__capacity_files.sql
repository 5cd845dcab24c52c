-- Capacity from files (capacity_update_method FILE): where a group's files are fetched from and when, the last
-- file that changed its profile (a file seen twice changes nothing), and each import with the rows it refused.
CREATE TABLE capacity_file_source (
    group_id        VARCHAR(36)   NOT NULL,
    url             VARCHAR(2000),
    daily_at        VARCHAR(5),
    time_zone       VARCHAR(64),
    last_sha256     VARCHAR(64),
    last_file       VARCHAR(500),
    last_import_at  TIMESTAMP,
    updated_at      TIMESTAMP     NOT NULL,
    CONSTRAINT capacity_file_source_pk PRIMARY KEY (group_id),
    CONSTRAINT capacity_file_source_group_fk FOREIGN KEY (group_id) REFERENCES smart_charging_group (group_id) ON DELETE CASCADE
);

CREATE TABLE capacity_file_import (
    job_id        BIGINT        NOT NULL,
    group_id      VARCHAR(36),
    cpo_id        VARCHAR(64),
    origin        VARCHAR(8)    NOT NULL,
    file_name     VARCHAR(500)  NOT NULL,
    file_path     VARCHAR(1000) NOT NULL,
    sha256        VARCHAR(64),
    outcome       VARCHAR(16)   NOT NULL,
    reason        VARCHAR(1000),
    periods       INTEGER       DEFAULT 0 NOT NULL,
    created_at    TIMESTAMP     NOT NULL,
    finished_at   TIMESTAMP,
    CONSTRAINT capacity_file_import_pk PRIMARY KEY (job_id)
);
CREATE INDEX capacity_file_import_group_idx ON capacity_file_import (group_id, job_id);

CREATE TABLE capacity_file_rejection (
    job_id       BIGINT        NOT NULL,
    seq          INTEGER       NOT NULL,
    line_number  INTEGER,
    column_name  VARCHAR(64),
    reason       VARCHAR(1000) NOT NULL,
    CONSTRAINT capacity_file_rejection_pk PRIMARY KEY (job_id, seq),
    CONSTRAINT capacity_file_rejection_import_fk FOREIGN KEY (job_id) REFERENCES capacity_file_import (job_id) ON DELETE CASCADE
);
