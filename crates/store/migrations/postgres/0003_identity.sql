-- Document and item identity, sources, finding reviews. Keep in step with ../sqlite/0003_identity.sql.
-- Rows of ledgers made before this migration are completed by `schema::backfill_identity` (Rust:
-- folded keys and item matching cannot be written in SQL for both databases).
ALTER TABLE documents ADD COLUMN org_key TEXT;
CREATE INDEX documents_org_key ON documents(org_key);
ALTER TABLE document_versions ADD COLUMN text_sha256 TEXT;
ALTER TABLE document_versions ADD COLUMN sketch_json TEXT;
ALTER TABLE document_versions ADD COLUMN source_format TEXT;
ALTER TABLE document_versions ADD COLUMN file_name TEXT;
CREATE INDEX document_versions_sha ON document_versions(sha256);
CREATE INDEX document_versions_text_sha ON document_versions(text_sha256);

CREATE TABLE document_sources (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id),
  version BIGINT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  text_sha256 TEXT,
  source_format TEXT,
  restored BIGINT NOT NULL,
  similarity DOUBLE PRECISION,
  added_at TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX document_sources_sha ON document_sources(sha256);
CREATE INDEX document_sources_doc ON document_sources(document_id);

CREATE TABLE items (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id),
  kind TEXT NOT NULL,
  position TEXT,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  first_version BIGINT NOT NULL,
  removed_in BIGINT
);
CREATE INDEX items_doc ON items(document_id, kind, position);

ALTER TABLE progress_updates ADD COLUMN item_id BIGINT REFERENCES items(id);
ALTER TABLE progress_updates ADD COLUMN value_text TEXT;
CREATE INDEX progress_item_id ON progress_updates(item_id);
ALTER TABLE links ADD COLUMN from_item_id BIGINT REFERENCES items(id);
ALTER TABLE links ADD COLUMN to_item_id BIGINT REFERENCES items(id);

ALTER TABLE findings ADD COLUMN reviewed_by TEXT;
ALTER TABLE findings ADD COLUMN reviewed_at TEXT;
ALTER TABLE findings ADD COLUMN note TEXT;
CREATE INDEX findings_state ON findings(state);
