-- The platform's record of its batch jobs (the batch container keeps its own job repository):
-- who may see a job, what it read, and each row it rejected.

CREATE TABLE batch_job (
    job_id        BIGINT          NOT NULL,
    first_execution_id BIGINT     NOT NULL,
    kind          VARCHAR(32)     NOT NULL,
    cpo_scope     VARCHAR(2000)   NOT NULL,
    created_by    VARCHAR(200)    NOT NULL,
    created_at    TIMESTAMP       NOT NULL,
    file_path     VARCHAR(500)    NOT NULL,
    total_rows    INTEGER         NOT NULL,
    written_rows  INTEGER         NOT NULL,
    CONSTRAINT batch_job_pk PRIMARY KEY (job_id)
);

CREATE TABLE batch_rejection (
    job_id       BIGINT         NOT NULL,
    line_no      INTEGER        NOT NULL,
    column_name  VARCHAR(64),
    reason       VARCHAR(500)   NOT NULL,
    CONSTRAINT batch_rejection_pk PRIMARY KEY (job_id, line_no),
    CONSTRAINT batch_rejection_job_fk FOREIGN KEY (job_id) REFERENCES batch_job (job_id) ON DELETE CASCADE
);
