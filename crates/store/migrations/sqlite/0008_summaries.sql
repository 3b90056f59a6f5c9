-- What the ledger derives from its rows to answer quickly (crates/store/src/summary.rs); kept in step by
-- `add` in its transaction, filled for existing ledgers by `summary::rebuild` (Rust) when this migration
-- runs and after an import. Keep in step with ../postgres/0008_summaries.sql.
-- Each version's organisation, targets and tasks without evidence: what `status` reads.
CREATE TABLE version_summaries (
  version_id INTEGER PRIMARY KEY REFERENCES document_versions(id),
  summary_json TEXT NOT NULL
);
-- In how many target names of the documents' current versions each name feature occurs (the
-- feature '' counts the names): the weights of link proposals without reading every name.
CREATE TABLE name_features (
  feature TEXT PRIMARY KEY,
  n INTEGER NOT NULL
);
-- The documents each finding's evidence names: a re-check after `add` picks the findings about the
-- documents it looked at through these, instead of matching text in every finding's evidence.
CREATE TABLE finding_documents (
  finding_id INTEGER NOT NULL REFERENCES findings(id),
  doc TEXT NOT NULL,
  PRIMARY KEY (finding_id, doc)
);
CREATE INDEX finding_documents_doc ON finding_documents(doc);
