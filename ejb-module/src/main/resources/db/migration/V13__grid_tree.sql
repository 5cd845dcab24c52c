-- The grid is a tree: a group may hang on a parent group of the same CPO and unit (a board on the connection, a cable
-- on a board), its phases wired to the parent's in the given rotation (OCPP's notation: RST is L1, L2, L3 as they are).
ALTER TABLE smart_charging_group ADD COLUMN parent_group_id VARCHAR(36);
ALTER TABLE smart_charging_group ADD COLUMN parent_phase_rotation VARCHAR(3) DEFAULT 'RST' NOT NULL;
ALTER TABLE smart_charging_group ADD CONSTRAINT smart_charging_group_parent_fk FOREIGN KEY (parent_group_id)
    REFERENCES smart_charging_group (group_id);
CREATE INDEX smart_charging_group_parent_idx ON smart_charging_group (parent_group_id);
