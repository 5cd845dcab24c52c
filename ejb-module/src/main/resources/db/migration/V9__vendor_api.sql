-- The vendor-compatible API (/api/1.0/smartcharging): EVSEs get an OCPI-style uid beside their evse_id (existing
-- EVSEs take their evse_id), groups get remarks and a capacity update method.

ALTER TABLE evse ADD COLUMN uid VARCHAR(48);
UPDATE evse SET uid = evse_id;
CREATE UNIQUE INDEX evse_uid_idx ON evse (uid);

ALTER TABLE smart_charging_group ADD COLUMN remarks VARCHAR(1000);
ALTER TABLE smart_charging_group ADD COLUMN capacity_update_method VARCHAR(16) DEFAULT 'API' NOT NULL;
