-- What each connector of a charge station last reported in a StatusNotification, kept apart from the EVSE so a
-- report for a connector without an EVSE is not lost. connector_id is OCPP 1.6's connectorId or OCPP 2.0.1's evseId
-- (0 is the whole station); sub_connector_id is 0 in OCPP 1.6 and the connectorId within the EVSE in OCPP 2.0.1.

CREATE TABLE connector_status (
    charge_station_id  VARCHAR(48)  NOT NULL,
    connector_id       INTEGER      NOT NULL,
    sub_connector_id   INTEGER      NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    error_code         VARCHAR(32),
    reported_at        TIMESTAMP    NOT NULL,
    CONSTRAINT connector_status_pk PRIMARY KEY (charge_station_id, connector_id, sub_connector_id)
);
