-- Web sessions, kept so that restarting the server does not log everyone out. The token is kept as
-- its SHA-256 only (a copy of the ledger gives no live session). Keep in step with ../sqlite/0007_sessions.sql.
CREATE TABLE web_sessions (
  token_sha256 TEXT PRIMARY KEY,
  user_name TEXT NOT NULL,
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
