-- In a cluster, a request to send a station a CALL (GetCompositeSchedule, a resend of its profiles) may reach a server
-- other than the one holding the station's connection. That server writes the request here and signals the holder; the
-- holder sends the CALL, writes what became of it into the same row and signals back; the first server answers its
-- caller with it and deletes the row.
CREATE TABLE station_command (
    command_id         VARCHAR(36)     NOT NULL,
    charge_station_id  VARCHAR(48)     NOT NULL,
    holder_id          VARCHAR(64)     NOT NULL,
    action             VARCHAR(32)     NOT NULL,
    connector_id       INTEGER,
    duration_seconds   INTEGER,
    created_at         TIMESTAMP       NOT NULL,
    done               BOOLEAN         NOT NULL,
    result             VARCHAR(32000),
    error_code         VARCHAR(64),
    error_description  VARCHAR(1000),
    CONSTRAINT station_command_pk PRIMARY KEY (command_id)
);
