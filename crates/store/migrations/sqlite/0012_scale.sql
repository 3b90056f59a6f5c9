-- The item at a position of a version, by key: `status` looks up the targets and tasks progress
-- and links are on (status.rs), and had scanned each version's items (PostgreSQL: every target
-- row of the ledger) for them. Keep in step with the other dialect's 0012_scale.sql, which also
-- keeps PostgreSQL's hot name-feature count rows short (SQLite updates rows in place).
CREATE INDEX targets_version_key ON targets(version_id, item_key);
CREATE INDEX tasks_version_key ON tasks(version_id, item_key);
