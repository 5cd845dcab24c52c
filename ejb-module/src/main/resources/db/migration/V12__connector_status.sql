-- What each connector of a charge station last reported in a StatusNotification (OCPP 1.6 connectorId, OCPP 2.0.1
-- evseId; 0 is the whole station), kept apart from the EVSE so a report for a connector without an EVSE is not lost.

CREATE TABLE connector_status (
    charge_station_id  VARCHAR(48)  NOT NULL,
    connector_id       INTEGER      NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    error_code         VARCHAR(32),
    reported_at        TIMESTAMP    NOT NULL,
    CONSTRAINT connector_status_pk PRIMARY KEY (charge_station_id, connector_id)
);
