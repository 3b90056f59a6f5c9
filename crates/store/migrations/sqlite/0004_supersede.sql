-- A correction supersedes the entry it replaces (both stay: the audit log and the history keep them).
ALTER TABLE progress_updates ADD COLUMN superseded_by INTEGER;
