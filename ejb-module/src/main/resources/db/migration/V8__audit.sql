-- The audit trail: who changed a capacity profile or a grant, when, and what.

CREATE TABLE audit_record (
    audit_id    VARCHAR(36)    NOT NULL,
    occurred_at TIMESTAMP      NOT NULL,
    actor       VARCHAR(200)   NOT NULL,
    action      VARCHAR(48)    NOT NULL,
    group_id    VARCHAR(36),
    cpo_id      VARCHAR(64),
    detail      VARCHAR(2000),
    CONSTRAINT audit_record_pk PRIMARY KEY (audit_id)
);
CREATE INDEX audit_record_time_idx ON audit_record (occurred_at);
CREATE INDEX audit_record_group_idx ON audit_record (group_id, occurred_at);
