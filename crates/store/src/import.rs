//! `add`: one document, one transaction.

use serde::Serialize;
use sqlx::{Any, Row, Transaction};
use theodoi_core::{DocType, Document, Evidence, Extraction};
use theodoi_text::fold;

use crate::identity::{similarity, SAME_TEXT, SAME_TEXT_OTHER_ORG};
use crate::{diff_extractions, nfc, nfc_opt, now, ItemChange, Store, StoreError};

/// A document ready to enter the ledger: who it is, its bytes' hash, header facts and its items.
#[derive(Debug, Clone)]
pub struct Import {
    /// File name (the document's name in the ledger unless another document already has it).
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
    /// SHA-256 of the normalised text (see [`crate::identity`]); `None` when the text is not known.
    pub text_sha256: Option<String>,
    /// Bottom-k sketch of the text's shingles (empty when the text is not known).
    pub sketch: Vec<u64>,
    /// How the file was read: `text`, `docx`, `pdf`, `scanned_pdf`, `image`.
    pub format: String,
}

impl Import {
    /// What the ledger stores of a read document and the items extracted from it.
    pub fn from_document(doc: &Document, extraction: Extraction, actor: &str) -> Import {
        let (text_sha256, sketch) = crate::identity::of_document(doc);
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
            text_sha256: Some(text_sha256),
            sketch,
            format: enum_name(&doc.source.format).unwrap_or_else(|| "text".into()),
        }
    }
}

/// What [`Store::add`] did. `document` is the document's name in the ledger (the file name, or
/// `name#2` when another organisation's document already has that file name).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AddOutcome {
    /// These bytes are already stored (as a version or a source): nothing stored.
    Unchanged {
        /// The document.
        document: String,
        /// The version they are.
        version: u32,
    },
    /// A new document.
    Added {
        /// The document.
        document: String,
        /// Always 1.
        version: u32,
    },
    /// A revision of a document already in the ledger: stored as its new version.
    NewVersion {
        /// The document.
        document: String,
        /// The new version number.
        version: u32,
        /// What changed in its items.
        changes: Vec<ItemChange>,
    },
    /// The same document read from another source (DOCX vs PDF vs scan): kept as a source of
    /// the current version, its items not stored twice.
    Source {
        /// The document.
        document: String,
        /// The version it is a source of.
        version: u32,
        /// Estimated text similarity to that version (None: identical normalised text).
        similarity: Option<f64>,
    },
}

impl AddOutcome {
    /// The document's name in the ledger.
    pub fn document(&self) -> &str {
        match self {
            AddOutcome::Unchanged { document, .. }
            | AddOutcome::Added { document, .. }
            | AddOutcome::NewVersion { document, .. }
            | AddOutcome::Source { document, .. } => document,
        }
    }
}

fn doc_type_name(t: DocType) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| "other".into())
}

fn enum_name<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string))
}

/// A document already in the ledger that the new file may be a version or a source of.
struct Candidate {
    id: i64,
    name: String,
    version: i64,
    version_file: Option<String>,
    org_key: Option<String>,
    number_key: Option<String>,
    text_sha256: Option<String>,
    sketch: Vec<u64>,
    format: Option<String>,
    restored: bool,
}

/// What the new file is to the ledger.
enum Identity {
    Source { c: usize, similarity: Option<f64> },
    Revision { c: usize },
    New,
}

/// Decide, from organisation, kind (already filtered), number and text, what `import` is.
///
/// - another source: the same text (normalised hash, or sketch similarity ≥ [`SAME_TEXT`]) read
///   from another format or restored from OCR (or byte-different but word-identical), of the same
///   organisation — a restored text's organisation may be misread, so its text decides;
///   a clean text replacing a restored one is a new version instead (the better reading);
/// - a revision: same organisation, numbers not in conflict, similar text (or, for versions stored
///   without a sketch, the same file name);
/// - otherwise a new document.
fn identify(import: &Import, org_key: &Option<String>, number_key: &Option<String>, cands: &[Candidate]) -> Identity {
    let mut best_source: Option<(usize, f64, Option<f64>)> = None;
    let mut best_revision: Option<(usize, f64)> = None;
    for (i, c) in cands.iter().enumerate() {
        let same_org = match (&c.org_key, org_key) {
            (Some(a), Some(b)) => a == b,
            (None, None) => true,
            _ => false,
        };
        let sim = similarity(&c.sketch, &import.sketch);
        let same_text = c.text_sha256.is_some() && c.text_sha256 == import.text_sha256;
        let alike = same_text || sim.is_some_and(|s| s >= SAME_TEXT);
        let either_restored = c.restored || import.restored;
        let numbers_conflict = matches!((&c.number_key, number_key), (Some(a), Some(b)) if a != b);
        let very_alike = same_text || sim.is_some_and(|s| s >= SAME_TEXT_OTHER_ORG);
        if !same_org && !(either_restored && very_alike) {
            continue;
        }
        let score = if same_text { 1.0 } else { sim.unwrap_or(0.0) };
        // Another format, a restoration against a clean text, or two restorations (two OCR readings).
        let other_reading = same_text
            || c.format.as_deref().is_some_and(|f| f != import.format)
            || c.restored != import.restored
            || (c.restored && import.restored);
        let cleaner = c.restored && !import.restored;
        if alike && other_reading && !cleaner && (!numbers_conflict || either_restored) {
            if best_source.is_none_or(|(_, s, _)| score > s) {
                best_source = Some((i, score, if same_text { None } else { sim }));
            }
            continue;
        }
        let same_file = c.version_file.as_deref() == Some(import.file.as_str()) || c.name == import.file;
        let revision = (same_org || cleaner) && !numbers_conflict && (alike || (sim.is_none() && same_file));
        if revision && best_revision.is_none_or(|(_, s)| score > s) {
            best_revision = Some((i, score));
        }
    }
    match (best_source, best_revision) {
        (Some((c, _, similarity)), _) => Identity::Source { c, similarity },
        (None, Some((c, _))) => Identity::Revision { c },
        (None, None) => Identity::New,
    }
}

/// Point the extraction's evidence at the document's name in the ledger.
fn rename_doc(x: &mut Extraction, from: &str, to: &str) {
    let fix = |e: &mut Evidence| {
        if e.doc == from {
            e.doc = to.to_string();
        }
    };
    x.doc = to.to_string();
    x.targets.iter_mut().flat_map(|t| t.evidence.iter_mut()).for_each(fix);
    x.tasks.iter_mut().flat_map(|t| t.evidence.iter_mut()).for_each(fix);
    x.citations.iter_mut().flat_map(|t| t.evidence.iter_mut()).for_each(fix);
    x.facts.iter_mut().map(|f| &mut f.evidence).for_each(fix);
    x.declared_counts.iter_mut().map(|f| &mut f.evidence).for_each(fix);
}

impl Store {
    /// Store one file: a no-op when its bytes are already stored, another source of a document when
    /// it is the same text read from elsewhere, a new version (with the diff of its items) when it
    /// revises a document, else a new document. All in one transaction.
    pub async fn add(&self, import: &Import) -> Result<AddOutcome, StoreError> {
        self.add_inner(import, None).await
    }

    /// [`Store::add`] keeping the document's text (`lines`, for the viewer and search) in the same
    /// transaction: a document is never stored without its text. A version already stored whose
    /// text was not kept gets it now; another source of a version keeps the version's own text.
    pub async fn add_with_text(&self, import: &Import, lines: &[crate::TextLine]) -> Result<AddOutcome, StoreError> {
        self.add_inner(import, Some(lines)).await
    }

    async fn add_inner(&self, import: &Import, text: Option<&[crate::TextLine]>) -> Result<AddOutcome, StoreError> {
        // The writer lock serialises imports, so the identity checks of `add_tx` hold.
        let mut tx = self.begin_write().await?;
        let (out, wrote) = self.add_tx(&mut tx, import, text, None).await?;
        if wrote {
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        Ok(out)
    }

    /// Store many files in one transaction, in order, each as [`Store::add`] stores it (a file may
    /// be a version or a source of one before it): one commit instead of one per file, for loading
    /// a large batch — a generated city ledger in the benchmarks, a migration. All or nothing.
    pub async fn add_batch(&self, imports: &[Import]) -> Result<Vec<AddOutcome>, StoreError> {
        let mut tx = self.begin_write().await?;
        let mut out = Vec::with_capacity(imports.len());
        // The name-feature counts change once for the batch: on PostgreSQL each update of a row
        // writes a version of it the transaction keeps, and every add updates the same rows.
        let mut counts = crate::summary::NameDelta::new();
        for import in imports {
            out.push(self.add_tx(&mut tx, import, None, Some(&mut counts)).await?.0);
        }
        crate::summary::write_counts(&mut tx, counts).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// One file stored within `tx` (the writer lock taken); with whether it wrote anything. The
    /// name-feature counts are changed at once, or added to `pending` for the caller to write.
    async fn add_tx(
        &self,
        tx: &mut Transaction<'static, Any>,
        import: &Import,
        text: Option<&[crate::TextLine]>,
        pending: Option<&mut crate::summary::NameDelta>,
    ) -> Result<(AddOutcome, bool), StoreError> {
        if import.file.trim().is_empty() {
            return Err(StoreError::Invalid("document has no file name".into()));
        }
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
        if serde_json::to_string(&import.extraction)?.contains("\\u0000") || import.file.contains('\0') {
            return Err(StoreError::Invalid(format!("{}: extracted text contains a NUL character", import.file)));
        }
        if text.is_some_and(|t| {
            t.iter().any(|l| l.text.contains('\0') || l.original.as_deref().is_some_and(|o| o.contains('\0')))
        }) {
            return Err(StoreError::Invalid(format!("{}: the text contains a NUL character", import.file)));
        }
        let number_key = crate::identity::number_key(import.number.as_deref());
        let doc_type = doc_type_name(import.extraction.doc_type);
        // The organisation's key, a clerk's decision on its name applied (`theodoi org map`).
        let org_key =
            crate::orgs::org_key_decided(tx, import.extraction.org.as_deref(), import.extraction.parent_org.as_deref())
                .await?;

        // The same bytes, already a version or a source of some document.
        let known = sqlx::query(
            "SELECT d.id, d.file_name, v.version FROM document_versions v JOIN documents d ON d.id = v.document_id \
             WHERE v.sha256 = $1 ORDER BY v.version DESC",
        )
        .bind(&import.sha256)
        .fetch_optional(&mut **tx)
        .await?;
        // (row, whether the bytes are a source rather than a version)
        let known = match known {
            Some(r) => Some((r, false)),
            None => sqlx::query(
                "SELECT d.id, d.file_name, s.version FROM document_sources s \
                 JOIN documents d ON d.id = s.document_id WHERE s.sha256 = $1",
            )
            .bind(&import.sha256)
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| (r, true)),
        };
        if let Some((r, is_source)) = known {
            let document: String = r.try_get("file_name")?;
            let version: i64 = r.try_get("version")?;
            // A version stored before its text was kept (migration 6) gets it now; a source's
            // bytes leave the version's own text alone.
            let wrote = match text {
                Some(lines) if !is_source => {
                    insert_text(tx, r.try_get("id")?, version, lines).await?;
                    true
                }
                _ => false,
            };
            return Ok((AddOutcome::Unchanged { document, version: version as u32 }, wrote));
        }

        // Documents it may be a version or a source of: same kind, and same organisation, same
        // file name, same text, or read from restored OCR (whose organisation may be misread).
        // Picked by indexed look-ups first (the documents of the organisation, of the name, of the
        // text, restored ones), then read: a scan of every document of the kind read each version's
        // later columns through its extraction JSON (SQLite), an add growing with the ledger.
        // A restored text's organisation may be misread: every document of the kind is a candidate.
        let org_term = if org_key.is_some() { "org_key = $2" } else { "org_key IS NULL AND $2 IS NULL" };
        let picked = if import.restored {
            String::new()
        } else {
            format!(
                " AND d.id IN (SELECT id FROM documents WHERE {org_term} OR file_name = $3 \
                 UNION SELECT cv.document_id FROM document_versions cv JOIN documents cd ON cd.id = cv.document_id \
                 AND cd.current_version = cv.version WHERE cv.file_name = $3 OR cv.text_sha256 = $4 OR cv.restored = 1)"
            )
        };
        let sql = format!(
            "SELECT d.id, d.file_name, d.current_version, d.org_key, v.number, v.text_sha256, v.sketch_json, \
             v.source_format, v.restored, v.file_name AS version_file FROM documents d \
             JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version \
             WHERE d.doc_type = $1{picked}"
        );
        let mut q = sqlx::query(&sql).persistent(false).bind(&doc_type);
        if !import.restored {
            q = q.bind(&org_key).bind(nfc(&import.file)).bind(import.text_sha256.clone().unwrap_or_default());
        }
        let rows = q.fetch_all(&mut **tx).await?;
        let mut cands = Vec::with_capacity(rows.len());
        for r in &rows {
            let sketch: Vec<u64> = match r.try_get::<Option<String>, _>("sketch_json")? {
                Some(s) => serde_json::from_str(&s)?,
                None => Vec::new(),
            };
            cands.push(Candidate {
                id: r.try_get("id")?,
                name: r.try_get("file_name")?,
                version: r.try_get("current_version")?,
                version_file: r.try_get("version_file")?,
                org_key: r.try_get("org_key")?,
                number_key: crate::identity::number_key(r.try_get::<Option<String>, _>("number")?.as_deref()),
                text_sha256: r.try_get("text_sha256")?,
                sketch,
                format: r.try_get("source_format")?,
                restored: r.try_get::<i64, _>("restored")? != 0,
            });
        }
        let identity = identify(import, &org_key, &number_key, &cands);

        if let Identity::Source { c, similarity } = identity {
            let c = &cands[c];
            let bytes = i64::try_from(import.bytes).map_err(|_| StoreError::Invalid("file too large".into()))?;
            sqlx::query(
                "INSERT INTO document_sources (document_id, version, file_name, sha256, text_sha256, source_format, restored, similarity, added_at, actor) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .persistent(false) // Option<f64>: see NULL_FLOAT
            .bind(c.id)
            .bind(c.version)
            .bind(nfc(&import.file))
            .bind(&import.sha256)
            .bind(&import.text_sha256)
            .bind(&import.format)
            .bind(i64::from(import.restored))
            .bind(similarity)
            .bind(now())
            .bind(nfc(&import.actor))
            .execute(&mut **tx)
            .await?;
            let detail = serde_json::json!({"file": import.file, "sha256": import.sha256, "version": c.version,
                "bytes": bytes, "similarity": similarity, "format": import.format});
            crate::ledger::audit(tx, &import.actor, "add_source", "document", &c.name, &detail).await?;
            return Ok((AddOutcome::Source { document: c.name.clone(), version: c.version as u32, similarity }, true));
        }

        let org_id = self.upsert_orgs(tx, &import.extraction).await?;
        let (doc_id, name, version, old) = match identity {
            Identity::Revision { c } => {
                let c = &cands[c];
                let row = sqlx::query(
                    "SELECT extraction_json FROM document_versions WHERE document_id = $1 AND version = $2",
                )
                .bind(c.id)
                .bind(c.version)
                .fetch_one(&mut **tx)
                .await?;
                let old: Extraction = serde_json::from_str(&row.try_get::<String, _>("extraction_json")?)?;
                let version = c.version + 1;
                sqlx::query(
                    "UPDATE documents SET current_version = $1, org_id = $2, doc_type = $3, org_key = $4 WHERE id = $5",
                )
                .bind(version)
                .bind(org_id)
                .bind(&doc_type)
                .bind(&org_key)
                .bind(c.id)
                .execute(&mut **tx)
                .await?;
                (c.id, c.name.clone(), version, Some(old))
            }
            _ => {
                // Another organisation's document may already have this file name: number this one.
                let base = nfc(&import.file);
                let mut name = base.clone();
                let mut n = 1;
                while sqlx::query("SELECT id FROM documents WHERE file_name = $1")
                    .bind(&name)
                    .fetch_optional(&mut **tx)
                    .await?
                    .is_some()
                {
                    n += 1;
                    name = format!("{base}#{n}");
                }
                let row = sqlx::query(
                    "INSERT INTO documents (file_name, org_id, doc_type, current_version, org_key) VALUES ($1, $2, $3, 1, $4) RETURNING id",
                )
                .bind(&name)
                .bind(org_id)
                .bind(&doc_type)
                .bind(&org_key)
                .fetch_one(&mut **tx)
                .await?;
                (row.try_get::<i64, _>("id")?, name, 1, None)
            }
        };
        crate::orgs::set_written(tx, doc_id, &import.extraction).await?;
        let mut extraction = import.extraction.clone();
        rename_doc(&mut extraction, &import.file, &name);
        let changes = old.as_ref().map(|o| diff_extractions(o, &extraction));
        let json = nfc(&serde_json::to_string(&extraction)?);

        let bytes = i64::try_from(import.bytes).map_err(|_| StoreError::Invalid("file too large".into()))?;
        let row = sqlx::query(
            "INSERT INTO document_versions (document_id, version, sha256, bytes, doc_type, doc_date, number, title, extraction_json, created_at, restored, \
             text_sha256, sketch_json, source_format, file_name) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
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
        .bind(&import.text_sha256)
        .bind(serde_json::to_string(&import.sketch)?)
        .bind(&import.format)
        .bind(nfc(&import.file))
        .fetch_one(&mut **tx)
        .await?;
        let version_id: i64 = row.try_get("id")?;
        insert_items(tx, version_id, &extraction).await?;
        crate::summary::write_summary(tx, version_id, &extraction).await?;
        let names = |x: Option<&Extraction>| -> Vec<String> {
            x.map(|x| x.targets.iter().map(|t| t.name.clone()).collect()).unwrap_or_default()
        };
        let (gone, new) = (names(old.as_ref()), names(Some(&extraction)));
        let (gone, new): (Vec<&str>, Vec<&str>) =
            (gone.iter().map(String::as_str).collect(), new.iter().map(String::as_str).collect());
        match pending {
            Some(delta) => crate::summary::name_delta(delta, &gone, &new),
            None => crate::summary::count_names(tx, &gone, &new).await?,
        }
        if let Some(lines) = text {
            insert_text(tx, doc_id, version, lines).await?;
        }
        crate::ledger::sync_items(tx, doc_id, version, old.as_ref(), &extraction).await?;
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
                .execute(&mut **tx)
                .await?;
            }
        }
        let detail = serde_json::json!({
            "version": version, "sha256": import.sha256, "file": import.file,
            "targets": import.extraction.targets.len(), "tasks": import.extraction.tasks.len(),
            "changes": changes.as_ref().map(|c| c.len()),
        });
        crate::ledger::audit(
            tx,
            &import.actor,
            if version == 1 { "add" } else { "add_version" },
            "document",
            &name,
            &detail,
        )
        .await?;
        let out = match changes {
            None => AddOutcome::Added { document: name, version: 1 },
            Some(changes) => AddOutcome::NewVersion { document: name, version: version as u32, changes },
        };
        Ok((out, true))
    }

    async fn upsert_orgs(&self, tx: &mut Transaction<'static, Any>, x: &Extraction) -> Result<Option<i64>, StoreError> {
        // Matched against the official list of administrative units: see crate::orgs.
        crate::orgs::upsert_document_orgs(tx, x).await
    }
}

/// Keep the text of a document's version (once: a version whose text is kept is left alone).
pub(crate) async fn insert_text(
    tx: &mut Transaction<'static, Any>,
    doc_id: i64,
    version: i64,
    lines: &[crate::TextLine],
) -> Result<bool, StoreError> {
    let lines: Vec<crate::TextLine> = lines
        .iter()
        .map(|l| crate::TextLine {
            no: l.no,
            text: nfc(&l.text),
            original: l.original.as_deref().map(nfc),
            // Only a number in 0–1 is a confidence (the JSON of an import may hold anything).
            confidence: l.confidence.filter(|c| (0.0..=1.0).contains(c)),
        })
        .collect();
    let n = sqlx::query(
        "INSERT INTO document_texts (document_id, version, lines_json, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (document_id, version) DO NOTHING",
    )
    .bind(doc_id)
    .bind(version)
    .bind(serde_json::to_string(&lines)?)
    .bind(now())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(n > 0)
}

/// Evidence rows of one version's items, (table, item row id, evidence), written by
/// [`write_evidence`] a few hundred per statement: one statement per span made an add of a
/// document ~200 round trips, most of its time on PostgreSQL.
type EvidenceRows<'x> = Vec<(&'static str, i64, &'x Evidence)>;

async fn write_evidence(
    tx: &mut Transaction<'static, Any>,
    version_id: i64,
    rows: &EvidenceRows<'_>,
) -> Result<(), StoreError> {
    for chunk in rows.chunks(300) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                let b = 7 * i;
                format!("(${}, ${}, ${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7)
            })
            .collect();
        let sql = format!(
            "INSERT INTO evidence (version_id, item_table, item_id, doc, line_start, line_end, text) VALUES {}",
            values.join(", ")
        );
        // Each row its own parameters, in order, so SQLite gets anonymous ones (crate::positional).
        let sql = crate::positional(crate::backend_of(tx), &sql);
        let mut q = sqlx::query(&sql).persistent(false);
        for (table, item_id, e) in chunk {
            q = q
                .bind(version_id)
                .bind(*table)
                .bind(*item_id)
                .bind(nfc(&e.doc))
                .bind(i64::from(e.span.start))
                .bind(i64::from(e.span.end))
                .bind(nfc(&e.text));
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_items(tx: &mut Transaction<'static, Any>, version_id: i64, x: &Extraction) -> Result<(), StoreError> {
    let mut evidence: EvidenceRows = Vec::new();
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
        evidence.extend(t.evidence.iter().map(|e| ("targets", id, e)));
    }
    for k in &x.tasks {
        let row = sqlx::query(
            "INSERT INTO tasks (version_id, item_key, what, what_folded, section, lead, partners_json, deadline, deadline_text, \
             product) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
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
        .bind(nfc_opt(&k.product))
        .fetch_one(&mut **tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        evidence.extend(k.evidence.iter().map(|e| ("tasks", id, e)));
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
        evidence.extend(c.evidence.iter().map(|e| ("citations", id, e)));
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
        evidence.push(("facts", id, &f.evidence));
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
        evidence.push(("declared_counts", id, &d.evidence));
    }
    write_evidence(tx, version_id, &evidence).await
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
