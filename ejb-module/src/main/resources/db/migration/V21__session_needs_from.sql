-- The energy register's reading when the session's energy need was stated (NotifyEVChargingNeeds, a priority request,
-- the charging-needs API): the energy still wanted is the need less what was delivered since then, not since the
-- session's start. Null: counted from the session's first reading.
ALTER TABLE charging_session ADD needs_from_wh DOUBLE PRECISION;
