-- Ledger schema, PostgreSQL dialect. Keep in step with ../sqlite/0001_ledger.sql.
CREATE TABLE IF NOT EXISTS ledger_lock (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO ledger_lock (id, n) VALUES (1, 0);

CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL DEFAULT 'editor',
  created_at TEXT NOT NULL
);

CREATE TABLE organisations (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL UNIQUE,
  level TEXT NOT NULL,
  parent_id BIGINT REFERENCES organisations(id)
);

CREATE TABLE documents (
  id BIGSERIAL PRIMARY KEY,
  file_name TEXT NOT NULL UNIQUE,
  org_id BIGINT REFERENCES organisations(id),
  doc_type TEXT NOT NULL,
  current_version BIGINT NOT NULL
);

CREATE TABLE document_versions (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id),
  version BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  doc_type TEXT NOT NULL,
  doc_date TEXT,
  number TEXT,
  title TEXT,
  extraction_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (document_id, version)
);

CREATE TABLE targets (
  id BIGSERIAL PRIMARY KEY,
  version_id BIGINT NOT NULL REFERENCES document_versions(id),
  item_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  section TEXT,
  category TEXT,
  unit_org TEXT,
  comparator TEXT NOT NULL,
  value DOUBLE PRECISION,
  value_max DOUBLE PRECISION,
  unit TEXT,
  frequency TEXT,
  deadline TEXT,
  term TEXT,
  target_text TEXT,
  achieved DOUBLE PRECISION,
  achieved_text TEXT,
  verdict TEXT
);
CREATE INDEX targets_version ON targets(version_id);

CREATE TABLE tasks (
  id BIGSERIAL PRIMARY KEY,
  version_id BIGINT NOT NULL REFERENCES document_versions(id),
  item_key TEXT NOT NULL,
  what TEXT NOT NULL,
  what_folded TEXT NOT NULL,
  section TEXT,
  lead TEXT,
  partners_json TEXT NOT NULL,
  deadline TEXT,
  deadline_text TEXT
);
CREATE INDEX tasks_version ON tasks(version_id);

CREATE TABLE citations (
  id BIGSERIAL PRIMARY KEY,
  version_id BIGINT NOT NULL REFERENCES document_versions(id),
  number TEXT NOT NULL,
  kind TEXT,
  date TEXT,
  issuer TEXT
);

CREATE TABLE facts (
  id BIGSERIAL PRIMARY KEY,
  version_id BIGINT NOT NULL REFERENCES document_versions(id),
  fact TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  as_of TEXT,
  unit_org TEXT
);

CREATE TABLE declared_counts (
  id BIGSERIAL PRIMARY KEY,
  version_id BIGINT NOT NULL REFERENCES document_versions(id),
  what TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  of_total DOUBLE PRECISION
);

CREATE TABLE evidence (
  id BIGSERIAL PRIMARY KEY,
  version_id BIGINT NOT NULL REFERENCES document_versions(id),
  item_table TEXT NOT NULL,
  item_id BIGINT NOT NULL,
  doc TEXT NOT NULL,
  line_start BIGINT NOT NULL,
  line_end BIGINT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX evidence_item ON evidence(item_table, item_id);

CREATE TABLE version_changes (
  id BIGSERIAL PRIMARY KEY,
  version_id BIGINT NOT NULL REFERENCES document_versions(id),
  item_kind TEXT NOT NULL,
  change TEXT NOT NULL,
  item_name TEXT NOT NULL,
  before_value TEXT,
  after_value TEXT
);

CREATE TABLE progress_updates (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id),
  item_kind TEXT NOT NULL,
  item_key TEXT NOT NULL,
  value DOUBLE PRECISION,
  done BIGINT NOT NULL,
  on_date TEXT NOT NULL,
  note TEXT,
  user_name TEXT,
  evidence_json TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX progress_item ON progress_updates(document_id, item_kind, item_key);

CREATE TABLE links (
  id BIGSERIAL PRIMARY KEY,
  from_document_id BIGINT NOT NULL REFERENCES documents(id),
  from_kind TEXT NOT NULL,
  from_key TEXT NOT NULL,
  to_document_id BIGINT NOT NULL REFERENCES documents(id),
  to_kind TEXT NOT NULL,
  to_key TEXT NOT NULL,
  relation TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  state TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  UNIQUE (from_document_id, from_kind, from_key, to_document_id, to_kind, to_key)
);

CREATE TABLE findings (
  id BIGSERIAL PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  message_vi TEXT NOT NULL,
  message_en TEXT NOT NULL,
  evidence_json TEXT NOT NULL,
  state TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL
);

CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
