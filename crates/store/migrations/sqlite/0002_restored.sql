-- Whether the version's text was restored from damaged OCR (findings on it are less certain).
ALTER TABLE document_versions ADD COLUMN restored INTEGER NOT NULL DEFAULT 0;
