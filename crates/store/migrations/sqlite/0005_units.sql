-- Organisations matched against the official list of administrative units (crates/units).
-- Keep in step with ../postgres/0005_units.sql. Rows of ledgers made before this migration are matched
-- by `orgs::backfill_units` (Rust: the lookup cannot be written in SQL), which also merges two
-- spellings of one unit into one row.
ALTER TABLE organisations ADD COLUMN unit_code TEXT;
CREATE UNIQUE INDEX organisations_unit_code ON organisations(unit_code);
