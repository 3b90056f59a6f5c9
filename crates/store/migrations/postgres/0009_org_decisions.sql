-- A clerk's decision on an organisation name that is not on the official list of units
-- (`theodoi org map|review`, crates/store/src/orgs.rs): mapped to a unit (unit_code), or reviewed and
-- kept as written (unit_code NULL). Keyed by the name as documents write it, folded, so it holds for
-- every document that writes it — re-added, revised or new. Keep in step with ../sqlite/0009_org_decisions.sql.
CREATE TABLE org_decisions (
  id BIGSERIAL PRIMARY KEY,
  name_folded TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  unit_code TEXT,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  note TEXT
);
-- Each document's organisation and parent as its current version writes them (NFC), so a decision
-- finds the documents it concerns without reading their extractions (filled by orgs::backfill_written).
ALTER TABLE documents ADD COLUMN org_written TEXT;
ALTER TABLE documents ADD COLUMN parent_written TEXT;
