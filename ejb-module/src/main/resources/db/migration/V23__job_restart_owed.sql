-- A job taken over from a server that left the cluster: the execution a survivor failed and owes a restart from (null:
-- none owed). Kept in the platform's own table, not in the batch container's exit status, which the woken server's
-- container may still overwrite when its refused chunk ends.
ALTER TABLE batch_job ADD COLUMN restart_owed_from BIGINT;
