-- The item at a position of a version, by key: `status` looks up the targets and tasks progress
-- and links are on (status.rs); the planner had hashed every target row of the ledger for them.
-- Keep in step with the other dialect's 0012_scale.sql.
CREATE INDEX targets_version_key ON targets(version_id, item_key);
CREATE INDEX tasks_version_key ON tasks(version_id, item_key);
-- The name-feature counts are a few thousand rows every `add` updates (the '' row and the common
-- features each time), and every update writes a new row version: a 5,000-document fill had
-- slowed from ~50 ms to ~140 ms an add (1,000 live rows, 136k dead, 18 MB, a sixteenth of the
-- updates HOT). Pages kept half empty let an update write its version beside the old one without
-- a new index entry (HOT), and vacuuming after 2,000 dead versions, not a fifth of the table,
-- keeps the rows short. SQLite updates rows in place.
ALTER TABLE name_features SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
