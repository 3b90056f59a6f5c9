-- PostgreSQL's 0012 keeps its hot name-feature count rows short (fillfactor, vacuum threshold);
-- SQLite updates rows in place and has nothing to change. Kept so both dialects count alike.
SELECT 1;
