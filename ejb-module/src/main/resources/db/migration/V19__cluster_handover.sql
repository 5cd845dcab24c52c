-- In a cluster, the version of a tree's plan (group_plan.version) that changed an EVSE's schedule while its station was
-- connected to another server, until that server hands the plan to the station (or finds it unchanged), and the highest
-- limit of that schedule. Meanwhile the EVSE counts at what it may still draw (the more of its accepted limit and the
-- planned one, which the other server may be sending right now), not as steered: a server that is slow or deaf to the
-- plan signal cannot leave its stations above their new limits while the planning server raises its own. Null: nothing
-- is on its way.
ALTER TABLE evse_control ADD COLUMN planned_version BIGINT;
ALTER TABLE evse_control ADD COLUMN planned_amps DOUBLE PRECISION;

-- The cluster member (its node id) that runs the job's latest execution: when that server dies, a survivor fails the
-- execution in the batch container's tables, so that the job can be restarted (on any server) from its last checkpoint.
ALTER TABLE batch_job ADD COLUMN server_id VARCHAR(64);

-- A station's login verifier: HMAC-SHA256, under a key all servers share and the database never holds
-- (GRIDCHARGE_STATION_LOGIN_KEY), of the station's id, salt and password; written after a login checked against the
-- PBKDF2 hash. A station whose verifier matches is let in without the PBKDF2 work, so that a storm of reconnections
-- (a server died, its stations come to the others) costs microseconds a login. Without the key it is never written.
ALTER TABLE charge_station ADD COLUMN login_verifier VARCHAR(64);
