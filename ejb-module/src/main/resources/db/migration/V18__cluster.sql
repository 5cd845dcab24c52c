-- Several servers on one PostgreSQL database form a cluster (docs/cluster.md).
--
-- Each running server, one row per start: it writes last_seen every few seconds; a server whose row is not written
-- for the member timeout is gone, and the first survivor to delete its row marks its stations offline.
CREATE TABLE cluster_member (
    node_id      VARCHAR(64)  NOT NULL,
    node_name    VARCHAR(128) NOT NULL,
    started_at   TIMESTAMP    NOT NULL,
    last_seen    TIMESTAMP    NOT NULL,
    CONSTRAINT cluster_member_pk PRIMARY KEY (node_id)
);

-- The server a station is connected to (the node_id of its start), so that a dead server's stations count as offline.
ALTER TABLE station_link ADD COLUMN server_id VARCHAR(64);

-- The latest plan of each grid tree (the schedules its stations are to get), written by the server that planned it
-- and read by every server that holds some of its stations; armed_breakpoint is the next capacity change that one
-- server armed its (persistent, failing-over) timer for. ${binary_type} is BLOB on Derby and BYTEA on PostgreSQL.
CREATE TABLE group_plan (
    root_group_id     VARCHAR(36)     NOT NULL,
    version           BIGINT          NOT NULL,
    planned_at        TIMESTAMP       NOT NULL,
    planned_by        VARCHAR(64)     NOT NULL,
    armed_breakpoint  TIMESTAMP,
    body              ${binary_type}  NOT NULL,
    CONSTRAINT group_plan_pk PRIMARY KEY (root_group_id)
);
