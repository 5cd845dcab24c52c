-- What the platform knows of its control over each station and EVSE: whether the station is
-- connected, and what the EVSE last accepted. Allocation counts an EVSE it cannot steer at what
-- it may still draw.

CREATE TABLE station_link (
    charge_station_id  VARCHAR(48)  NOT NULL,
    connected          BOOLEAN      NOT NULL,
    protocol           VARCHAR(16),
    connected_at       TIMESTAMP,
    last_seen          TIMESTAMP,
    CONSTRAINT station_link_pk PRIMARY KEY (charge_station_id)
);

CREATE TABLE evse_control (
    evse_id              VARCHAR(48)      NOT NULL,
    last_sent_amps       DOUBLE PRECISION,
    last_sent_at         TIMESTAMP,
    last_status          VARCHAR(16),
    last_answer_at       TIMESTAMP,
    accepted_amps        DOUBLE PRECISION,
    CONSTRAINT evse_control_pk PRIMARY KEY (evse_id),
    CONSTRAINT evse_control_evse_fk FOREIGN KEY (evse_id) REFERENCES evse (evse_id) ON DELETE CASCADE
);
