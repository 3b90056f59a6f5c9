-- The name-feature counts are a few thousand rows every `add` updates (the '' row and the common
-- features each time): on PostgreSQL every update writes a new row version. Pages kept half
-- empty let it write that version beside the old one without a new index entry (a HOT update),
-- and vacuuming after every few thousand dead versions, not after a fifth of the table, keeps
-- the hot rows short — a 5,000-document fill had slowed from ~50 ms to ~140 ms an add.
-- SQLite updates rows in place: its 0012 changes nothing.
ALTER TABLE name_features SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
