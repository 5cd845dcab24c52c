-- What a session draws on each of its socket's phases, when the station reports phases (a site meter that sees our
-- chargers takes it off its reading, phase by phase).
ALTER TABLE charging_session ADD COLUMN measured_l1_amps DOUBLE PRECISION;
ALTER TABLE charging_session ADD COLUMN measured_l2_amps DOUBLE PRECISION;
ALTER TABLE charging_session ADD COLUMN measured_l3_amps DOUBLE PRECISION;
