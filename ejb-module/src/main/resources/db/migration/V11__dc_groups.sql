-- Groups of DC chargers are managed in watts: a group's capacity unit ('A' amperes per phase, 'W' watts) is fixed
-- at creation; an EVSE of such a group has a maximum power.

ALTER TABLE smart_charging_group ADD COLUMN capacity_unit VARCHAR(1) DEFAULT 'A' NOT NULL;
ALTER TABLE evse ADD COLUMN max_power_watts DOUBLE PRECISION;
