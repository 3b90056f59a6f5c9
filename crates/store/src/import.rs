//! `add`: one document, one transaction.

use serde::Serialize;
use sqlx::{Any, Row, Transaction};
use theodoi_core::{DocType, Document, Evidence, Extraction};
use theodoi_text::fold;

use crate::{diff_extractions, nfc, nfc_opt, now, ItemChange, Store, StoreError};

/// A document ready to enter the ledger: who it is, its bytes' hash, header facts and its items.
#[derive(Debug, Clone)]
pub struct Import {
    /// File name (the document id).
    pub file: String,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Date of issue, ISO, when known.
    pub date: Option<String>,
    /// Document number ("125-BC/ĐU"), when known.
    pub number: Option<String>,
    /// Title, when known.
    pub title: Option<String>,
    /// The items.
    pub extraction: Extraction,
    /// Whether the text was restored from damaged OCR before extraction.
    pub restored: bool,
    /// Who imports it (user name, or "cli").
    pub actor: String,
}

impl Import {
    /// What the ledger stores of a read document and the items extracted from it.
    pub fn from_document(doc: &Document, extraction: Extraction, actor: &str) -> Import {
        Import {
            file: doc.id.clone(),
            sha256: doc.source.sha256.clone(),
            bytes: doc.source.bytes,
            date: doc.meta.date.clone(),
            number: doc.meta.number.clone(),
            title: doc.meta.title.clone(),
            extraction,
            restored: doc.source.restored,
            actor: actor.to_string(),
        }
    }
}

/// What [`Store::add`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AddOutcome {
    /// Same bytes as the current version: nothing stored.
    Unchanged {
        /// The current version.
        version: u32,
    },
    /// First import of this file.
    Added {
        /// Always 1.
        version: u32,
    },
    /// The file changed: stored as a new version.
    NewVersion {
        /// The new version number.
        version: u32,
        /// What changed in its items.
        changes: Vec<ItemChange>,
    },
}

fn doc_type_name(t: DocType) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| "other".into())
}

fn enum_name<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string))
}

/// "Thành phố Hải Phòng" → city; "Phường …"/"Xã …" → ward; otherwise a unit.
fn org_level(name: &str) -> &'static str {
    let f = fold(name);
    if f.starts_with("thanh pho") || f.starts_with("tinh ") {
        "city"
    } else if f.starts_with("phuong")
        || f.starts_with("xa ")
        || f.starts_with("dang bo phuong")
        || f.starts_with("dang bo xa")
    {
        "ward"
    } else {
        "unit"
    }
}

impl Store {
    /// Store one document: a no-op when its bytes are already the current version, a new version
    /// (with the diff of its items) when they changed. All in one transaction.
    pub async fn add(&self, import: &Import) -> Result<AddOutcome, StoreError> {
        if import.file.trim().is_empty() {
            return Err(StoreError::Invalid("document has no file name".into()));
        }
        let json = serde_json::to_string(&import.extraction)?;
        // A non-finite figure serialises as JSON null, which a required number cannot read back.
        if let Some(f) = import.extraction.facts.iter().find(|f| !f.value.is_finite()) {
            return Err(StoreError::Invalid(format!(
                "{}: fact `{}` at line {} has no finite value",
                import.file, f.fact, f.evidence.span.start
            )));
        }
        if let Some(d) = import.extraction.declared_counts.iter().find(|d| !d.value.is_finite()) {
            return Err(StoreError::Invalid(format!(
                "{}: declared count `{}` at line {} has no finite value",
                import.file, d.what, d.evidence.span.start
            )));
        }
        // PostgreSQL text cannot hold NUL; refuse it on both backends alike rather than store half.
        if json.contains("\\u0000") {
            return Err(StoreError::Invalid(format!("{}: extracted text contains a NUL character", import.file)));
        }
        let json = nfc(&json);
        let mut tx = self.pool.begin().await?;
        // Take the writer lock first: SQLite would otherwise fail a read-then-write transaction
        // under concurrency, and on PostgreSQL this serialises imports so the version check below holds.
        sqlx::query("UPDATE ledger_lock SET n = n + 1 WHERE id = 1").execute(&mut *tx).await?;

        let existing = sqlx::query(
            "SELECT d.id, d.current_version, v.sha256, v.extraction_json FROM documents d \
             JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version \
             WHERE d.file_name = $1",
        )
        .bind(&import.file)
        .fetch_optional(&mut *tx)
        .await?;

        let org_id = self.upsert_orgs(&mut tx, &import.extraction).await?;
        let doc_type = doc_type_name(import.extraction.doc_type);
        let (doc_id, version, changes) = match existing {
            Some(row) => {
                let doc_id: i64 = row.try_get("id")?;
                let current: i64 = row.try_get("current_version")?;
                let sha: String = row.try_get("sha256")?;
                if sha == import.sha256 {
                    tx.rollback().await?;
                    return Ok(AddOutcome::Unchanged { version: current as u32 });
                }
                let old_json: String = row.try_get("extraction_json")?;
                let old: Extraction = serde_json::from_str(&old_json)?;
                let changes = diff_extractions(&old, &import.extraction);
                let version = current + 1;
                sqlx::query("UPDATE documents SET current_version = $1, org_id = $2, doc_type = $3 WHERE id = $4")
                    .bind(version)
                    .bind(org_id)
                    .bind(&doc_type)
                    .bind(doc_id)
                    .execute(&mut *tx)
                    .await?;
                (doc_id, version, Some(changes))
            }
            None => {
                let row = sqlx::query(
                    "INSERT INTO documents (file_name, org_id, doc_type, current_version) VALUES ($1, $2, $3, 1) RETURNING id",
                )
                .bind(nfc(&import.file))
                .bind(org_id)
                .bind(&doc_type)
                .fetch_one(&mut *tx)
                .await?;
                (row.try_get::<i64, _>("id")?, 1, None)
            }
        };

        let bytes = i64::try_from(import.bytes).map_err(|_| StoreError::Invalid("file too large".into()))?;
        let row = sqlx::query(
            "INSERT INTO document_versions (document_id, version, sha256, bytes, doc_type, doc_date, number, title, extraction_json, created_at, restored) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(doc_id)
        .bind(version)
        .bind(&import.sha256)
        .bind(bytes)
        .bind(&doc_type)
        .bind(nfc_opt(&import.date))
        .bind(nfc_opt(&import.number))
        .bind(nfc_opt(&import.title))
        .bind(&json)
        .bind(now())
        .bind(i64::from(import.restored))
        .fetch_one(&mut *tx)
        .await?;
        let version_id: i64 = row.try_get("id")?;
        insert_items(&mut tx, version_id, &import.extraction).await?;
        if let Some(changes) = &changes {
            for c in changes {
                sqlx::query(
                    "INSERT INTO version_changes (version_id, item_kind, change, item_name, before_value, after_value) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(version_id)
                .bind(&c.item_kind)
                .bind(&c.change)
                .bind(nfc(&c.item_name))
                .bind(nfc_opt(&c.before))
                .bind(nfc_opt(&c.after))
                .execute(&mut *tx)
                .await?;
            }
        }
        let detail = serde_json::json!({
            "version": version, "sha256": import.sha256,
            "targets": import.extraction.targets.len(), "tasks": import.extraction.tasks.len(),
            "changes": changes.as_ref().map(|c| c.len()),
        });
        crate::ledger::audit(
            &mut tx,
            &import.actor,
            if version == 1 { "add" } else { "add_version" },
            "document",
            &import.file,
            &detail,
        )
        .await?;
        tx.commit().await?;
        Ok(match changes {
            None => AddOutcome::Added { version: 1 },
            Some(changes) => AddOutcome::NewVersion { version: version as u32, changes },
        })
    }

    async fn upsert_orgs(&self, tx: &mut Transaction<'static, Any>, x: &Extraction) -> Result<Option<i64>, StoreError> {
        let parent = match &x.parent_org {
            Some(p) if !p.trim().is_empty() => Some(upsert_org(tx, p, None).await?),
            _ => None,
        };
        let org = match &x.org {
            Some(o) if !o.trim().is_empty() => Some(upsert_org(tx, o, parent).await?),
            _ => None,
        };
        // Units the figures belong to (former wards, party cells) sit under the document's org.
        let mut units: Vec<&str> = x.targets.iter().filter_map(|t| t.unit_org.as_deref()).collect();
        units.extend(x.facts.iter().filter_map(|f| f.unit_org.as_deref()));
        units.sort();
        units.dedup();
        for u in units.into_iter().filter(|u| !u.trim().is_empty()) {
            upsert_org(tx, u, org).await?;
        }
        Ok(org)
    }
}

async fn upsert_org(tx: &mut Transaction<'static, Any>, name: &str, parent: Option<i64>) -> Result<i64, StoreError> {
    let folded = fold(name.trim());
    if let Some(row) = sqlx::query("SELECT id, parent_id FROM organisations WHERE name_folded = $1")
        .bind(&folded)
        .fetch_optional(&mut **tx)
        .await?
    {
        let id: i64 = row.try_get("id")?;
        let old_parent: Option<i64> = row.try_get("parent_id")?;
        if old_parent.is_none() && parent.is_some() {
            sqlx::query("UPDATE organisations SET parent_id = $1 WHERE id = $2")
                .bind(parent)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        return Ok(id);
    }
    let row = sqlx::query(
        "INSERT INTO organisations (name, name_folded, level, parent_id) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(nfc(name.trim()))
    .bind(&folded)
    .bind(org_level(name))
    .bind(parent)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get("id")?)
}

async fn insert_evidence(
    tx: &mut Transaction<'static, Any>,
    version_id: i64,
    table: &str,
    item_id: i64,
    evidence: &[Evidence],
) -> Result<(), StoreError> {
    for e in evidence {
        sqlx::query(
            "INSERT INTO evidence (version_id, item_table, item_id, doc, line_start, line_end, text) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(version_id)
        .bind(table)
        .bind(item_id)
        .bind(nfc(&e.doc))
        .bind(i64::from(e.span.start))
        .bind(i64::from(e.span.end))
        .bind(nfc(&e.text))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn insert_items(tx: &mut Transaction<'static, Any>, version_id: i64, x: &Extraction) -> Result<(), StoreError> {
    for t in &x.targets {
        let row = sqlx::query(
            "INSERT INTO targets (version_id, item_key, kind, name, name_folded, section, category, unit_org, comparator, value, value_max, \
             unit, frequency, deadline, term, target_text, achieved, achieved_text, verdict) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
        )
        .persistent(false) // see NULL_FLOAT
        .bind(version_id)
        .bind(nfc(&t.id))
        .bind(enum_name(&t.kind).unwrap_or_default())
        .bind(nfc(&t.name))
        .bind(fold(&t.name))
        .bind(nfc_opt(&t.section))
        .bind(nfc_opt(&t.category))
        .bind(nfc_opt(&t.unit_org))
        .bind(enum_name(&t.comparator).unwrap_or_default())
        .bind(finite(t.value))
        .bind(finite(t.value_max))
        .bind(nfc_opt(&t.unit))
        .bind(t.frequency.as_ref().and_then(enum_name))
        .bind(nfc_opt(&t.deadline))
        .bind(nfc_opt(&t.term))
        .bind(nfc_opt(&t.target_text))
        .bind(finite(t.achieved))
        .bind(nfc_opt(&t.achieved_text))
        .bind(t.verdict.as_ref().and_then(enum_name))
        .fetch_one(&mut **tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        insert_evidence(tx, version_id, "targets", id, &t.evidence).await?;
    }
    for k in &x.tasks {
        let row = sqlx::query(
            "INSERT INTO tasks (version_id, item_key, what, what_folded, section, lead, partners_json, deadline, deadline_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(version_id)
        .bind(nfc(&k.id))
        .bind(nfc(&k.what))
        .bind(fold(&k.what))
        .bind(nfc_opt(&k.section))
        .bind(nfc_opt(&k.lead))
        .bind(nfc(&serde_json::to_string(&k.partners)?))
        .bind(nfc_opt(&k.deadline))
        .bind(nfc_opt(&k.deadline_text))
        .fetch_one(&mut **tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        insert_evidence(tx, version_id, "tasks", id, &k.evidence).await?;
    }
    for c in &x.citations {
        let row = sqlx::query(
            "INSERT INTO citations (version_id, number, kind, date, issuer) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(version_id)
        .bind(nfc(&c.number))
        .bind(nfc_opt(&c.kind))
        .bind(nfc_opt(&c.date))
        .bind(nfc_opt(&c.issuer))
        .fetch_one(&mut **tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        insert_evidence(tx, version_id, "citations", id, &c.evidence).await?;
    }
    for f in &x.facts {
        let row = sqlx::query(
            "INSERT INTO facts (version_id, fact, value, as_of, unit_org) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(version_id)
        .bind(nfc(&f.fact))
        .bind(finite(Some(f.value)).unwrap_or(0.0))
        .bind(nfc_opt(&f.as_of))
        .bind(nfc_opt(&f.unit_org))
        .fetch_one(&mut **tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        insert_evidence(tx, version_id, "facts", id, std::slice::from_ref(&f.evidence)).await?;
    }
    for d in &x.declared_counts {
        let row = sqlx::query(
            "INSERT INTO declared_counts (version_id, what, value, of_total) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .persistent(false) // see NULL_FLOAT
        .bind(version_id)
        .bind(nfc(&d.what))
        .bind(finite(Some(d.value)).unwrap_or(0.0))
        .bind(finite(d.of))
        .fetch_one(&mut **tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        insert_evidence(tx, version_id, "declared_counts", id, std::slice::from_ref(&d.evidence)).await?;
    }
    Ok(())
}

/// NULL_FLOAT: sqlx 0.8's Any driver sends a NULL `f64` to PostgreSQL typed as `float4`, and a
/// prepared statement keeps the parameter types of its first execution; a later non-NULL `f64`
/// then fails ("incorrect binary data format"). Statements that bind `Option<f64>` are therefore
/// not cached (`persistent(false)`), so each execution declares its own types.
///
/// NaN and infinities have no place in a ledger (PostgreSQL would take them, SQLite would not agree).
fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}
