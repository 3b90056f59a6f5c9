//! What a page shows of a few documents, read for those documents only — and a stamp per document
//! telling whether anything a page shows of it changed.
//!
//! The web app keeps what it read of one organisation's documents until one of their stamps
//! moves ([`Store::document_stamps`]): a write then costs a re-read of the documents it touched,
//! not of the ledger.

use std::collections::HashMap;
use std::fmt::Write as _;

use theodoi_core::ProgressUpdate;

use crate::ledger::{progress_row, stored_finding, stored_item, FINDING_COLUMNS, PROGRESS_COLUMNS};
use crate::{get_i64, get_str, Store, StoreError, StoredFinding, StoredItem};

/// How many document names one query binds (PostgreSQL and SQLite both take far more; a few
/// hundred keeps the statements small).
const CHUNK: usize = 500;

/// What a document's pages depend on, as one stamp: equal stamps at two moments mean none of it
/// changed between them — its current version and organisation, the progress recorded on its
/// items, the links with one end in it (and their states), the findings about it (and their states).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentStamp {
    /// The document's name in the ledger.
    pub doc: String,
    /// Opaque; compare for equality only.
    pub stamp: String,
}

fn marks(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

impl Store {
    /// [`DocumentStamp`] of every document, by document name. Counts and largest row ids only
    /// (no extraction or text is read), four grouped queries.
    pub async fn document_stamps(&self) -> Result<Vec<DocumentStamp>, StoreError> {
        let docs = sqlx::query("SELECT id, file_name, current_version, COALESCE(org_id, 0) AS org FROM documents")
            .fetch_all(&self.pool)
            .await?;
        let mut by_id: HashMap<i64, (String, String)> = HashMap::with_capacity(docs.len());
        for r in &docs {
            let stamp = format!("v{} o{}", get_i64(r, "current_version")?, get_i64(r, "org")?);
            by_id.insert(get_i64(r, "id")?, (get_str(r, "file_name")?, stamp));
        }
        // Superseded entries leave the count as it was; their replacement raises the largest id.
        let progress = sqlx::query(
            "SELECT document_id AS d, COUNT(*) AS n, MAX(id) AS m FROM progress_updates \
             WHERE superseded_by IS NULL GROUP BY document_id",
        )
        .fetch_all(&self.pool)
        .await?;
        for r in &progress {
            if let Some((_, s)) = by_id.get_mut(&get_i64(r, "d")?) {
                let _ = write!(s, " p{}:{}", get_i64(r, "n")?, get_i64(r, "m")?);
            }
        }
        let links = sqlx::query(
            "SELECT d, COUNT(*) AS n, MAX(id) AS m, COUNT(CASE WHEN state = 'confirmed' THEN 1 END) AS c, \
             COUNT(CASE WHEN state = 'rejected' THEN 1 END) AS r FROM \
             (SELECT from_document_id AS d, id, state FROM links UNION ALL SELECT to_document_id AS d, id, state FROM links) x \
             GROUP BY d",
        )
        .fetch_all(&self.pool)
        .await?;
        for r in &links {
            if let Some((_, s)) = by_id.get_mut(&get_i64(r, "d")?) {
                let (n, m, c, x) = (get_i64(r, "n")?, get_i64(r, "m")?, get_i64(r, "c")?, get_i64(r, "r")?);
                let _ = write!(s, " l{n}:{m}:{c}:{x}");
            }
        }
        let mut by_name: HashMap<String, String> = by_id.into_values().collect();
        let findings = sqlx::query(
            "SELECT fd.doc, f.state, COUNT(*) AS n, MAX(f.id) AS m FROM finding_documents fd \
             JOIN findings f ON f.id = fd.finding_id GROUP BY fd.doc, f.state ORDER BY fd.doc, f.state",
        )
        .fetch_all(&self.pool)
        .await?;
        for r in &findings {
            if let Some(s) = by_name.get_mut(&get_str(r, "doc")?) {
                let _ = write!(s, " f{}:{}:{}", get_str(r, "state")?, get_i64(r, "n")?, get_i64(r, "m")?);
            }
        }
        let mut out: Vec<DocumentStamp> =
            by_name.into_iter().map(|(doc, stamp)| DocumentStamp { doc, stamp }).collect();
        out.sort_by(|a, b| a.doc.cmp(&b.doc));
        Ok(out)
    }

    /// The progress in force on the items of the documents `files` (as [`Store::progress`] reads
    /// it for every document), oldest first.
    pub async fn progress_of_documents(&self, files: &[String]) -> Result<Vec<ProgressUpdate>, StoreError> {
        let mut out = Vec::new();
        self.each_row_of_documents(
            &[],
            files,
            |n| {
                format!(
                    "SELECT {PROGRESS_COLUMNS}, p.id FROM progress_updates p JOIN documents d ON d.id = p.document_id \
                     LEFT JOIN items i ON i.id = p.item_id WHERE p.superseded_by IS NULL AND d.file_name IN ({})",
                    marks(1, n)
                )
            },
            |r| {
                out.push((get_str(r, "on_date")?, get_i64(r, "id")?, progress_row(r)?));
                Ok(())
            },
        )
        .await?;
        out.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        Ok(out.into_iter().map(|(_, _, p)| p).collect())
    }

    /// The items (living and removed) of the documents `files`, in id order.
    pub async fn items_of_documents(&self, files: &[String]) -> Result<Vec<StoredItem>, StoreError> {
        let mut out = Vec::new();
        self.each_row_of_documents(
            &[],
            files,
            |n| {
                format!(
                    "SELECT i.id, i.kind, i.position, i.name, i.first_version, i.removed_in, d.file_name \
                     FROM items i JOIN documents d ON d.id = i.document_id WHERE d.file_name IN ({})",
                    marks(1, n)
                )
            },
            |r| {
                out.push((get_i64(r, "id")?, stored_item(r)?));
                Ok(())
            },
        )
        .await?;
        out.sort_by_key(|(id, _)| *id);
        Ok(out.into_iter().map(|(_, i)| i).collect())
    }

    /// The findings in `states` (`open`, `confirmed`, `dismissed`, `resolved`) whose evidence
    /// names one of the documents `files`, most severe first (as [`Store::findings_in`] orders them).
    pub async fn findings_about(&self, states: &[&str], files: &[String]) -> Result<Vec<StoredFinding>, StoreError> {
        let mut out: Vec<StoredFinding> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        self.each_row_of_documents(
            states,
            files,
            |n| {
                format!(
                    "SELECT {FINDING_COLUMNS} FROM findings WHERE state IN ({}) AND id IN \
                     (SELECT finding_id FROM finding_documents WHERE doc IN ({}))",
                    marks(1, states.len()),
                    marks(1 + states.len(), n)
                )
            },
            |r| {
                let f = stored_finding(r)?;
                if seen.insert(f.id) {
                    out.push(f);
                }
                Ok(())
            },
        )
        .await?;
        out.sort_by(|a, b| b.finding.severity.cmp(&a.finding.severity).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Each row `select(n)` gives for each chunk of the document names `files` (its last `n`
    /// parameters, `lead` bound before them), handed to `each` a chunk at a time so a whole
    /// city's rows are never held at once. Anonymous parameters on SQLite (`crate::positional`:
    /// 500 `$N` names cost it quadratic time).
    pub(crate) async fn each_row_of_documents(
        &self,
        lead: &[&str],
        files: &[String],
        select: impl Fn(usize) -> String,
        mut each: impl FnMut(&sqlx::any::AnyRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        for chunk in files.chunks(CHUNK) {
            let sql = select(chunk.len());
            let sql = crate::positional(self.backend, &sql);
            let mut q = sqlx::query(&sql).persistent(false);
            for s in lead {
                q = q.bind(*s);
            }
            for f in chunk {
                q = q.bind(f.as_str());
            }
            for r in q.fetch_all(&self.pool).await? {
                each(&r)?;
            }
        }
        Ok(())
    }
}
