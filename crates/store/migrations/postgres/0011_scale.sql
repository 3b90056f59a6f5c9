-- Look-ups `add` makes to find the documents a file may be a version or a source of
-- (import.rs: candidates), so they seek instead of reading every version of a kind: on SQLite a
-- version's later columns sit after its extraction JSON, and reading them walked its overflow
-- pages for every document of the kind on every add. Keep in step with the other dialect's 0011_scale.sql.
CREATE INDEX document_versions_file ON document_versions(file_name);
CREATE INDEX document_versions_restored ON document_versions(restored) WHERE restored = 1;
CREATE INDEX documents_type_key ON documents(doc_type, org_key);
