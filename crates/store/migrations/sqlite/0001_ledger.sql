-- Ledger schema, SQLite dialect. Keep in step with ../postgres/0001_ledger.sql.
CREATE TABLE IF NOT EXISTS ledger_lock (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
INSERT INTO ledger_lock (id, n) VALUES (1, 0);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL DEFAULT 'editor',
  created_at TEXT NOT NULL
);

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL UNIQUE,
  level TEXT NOT NULL,
  parent_id INTEGER REFERENCES organisations(id)
);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL UNIQUE,
  org_id INTEGER REFERENCES organisations(id),
  doc_type TEXT NOT NULL,
  current_version INTEGER NOT NULL
);

CREATE TABLE document_versions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  version INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  doc_type TEXT NOT NULL,
  doc_date TEXT,
  number TEXT,
  title TEXT,
  extraction_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (document_id, version)
);

CREATE TABLE targets (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES document_versions(id),
  item_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  section TEXT,
  category TEXT,
  unit_org TEXT,
  comparator TEXT NOT NULL,
  value REAL,
  value_max REAL,
  unit TEXT,
  frequency TEXT,
  deadline TEXT,
  term TEXT,
  target_text TEXT,
  achieved REAL,
  achieved_text TEXT,
  verdict TEXT
);
CREATE INDEX targets_version ON targets(version_id);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES document_versions(id),
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
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES document_versions(id),
  number TEXT NOT NULL,
  kind TEXT,
  date TEXT,
  issuer TEXT
);

CREATE TABLE facts (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES document_versions(id),
  fact TEXT NOT NULL,
  value REAL NOT NULL,
  as_of TEXT,
  unit_org TEXT
);

CREATE TABLE declared_counts (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES document_versions(id),
  what TEXT NOT NULL,
  value REAL NOT NULL,
  of_total REAL
);

CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES document_versions(id),
  item_table TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  doc TEXT NOT NULL,
  line_start INTEGER NOT NULL,
  line_end INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX evidence_item ON evidence(item_table, item_id);

CREATE TABLE version_changes (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES document_versions(id),
  item_kind TEXT NOT NULL,
  change TEXT NOT NULL,
  item_name TEXT NOT NULL,
  before_value TEXT,
  after_value TEXT
);

CREATE TABLE progress_updates (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  item_kind TEXT NOT NULL,
  item_key TEXT NOT NULL,
  value REAL,
  done INTEGER NOT NULL,
  on_date TEXT NOT NULL,
  note TEXT,
  user_name TEXT,
  evidence_json TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX progress_item ON progress_updates(document_id, item_kind, item_key);

CREATE TABLE links (
  id INTEGER PRIMARY KEY,
  from_document_id INTEGER NOT NULL REFERENCES documents(id),
  from_kind TEXT NOT NULL,
  from_key TEXT NOT NULL,
  to_document_id INTEGER NOT NULL REFERENCES documents(id),
  to_kind TEXT NOT NULL,
  to_key TEXT NOT NULL,
  relation TEXT NOT NULL,
  confidence REAL NOT NULL,
  state TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  UNIQUE (from_document_id, from_kind, from_key, to_document_id, to_kind, to_key)
);

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
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
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
