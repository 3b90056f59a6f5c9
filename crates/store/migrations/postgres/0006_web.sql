-- The web app: users who log in (argon2 hash, the organisation they belong to) and each version's text
-- (the document viewer and the search index read it). Keep in step with ../sqlite/0006_web.sql.
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN org TEXT;

CREATE TABLE document_texts (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id),
  version BIGINT NOT NULL,
  lines_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (document_id, version)
);
