//! Reading the ledger, progress, findings, links and the audit log.

use serde::{Deserialize, Serialize};
use sqlx::{Any, Row, Transaction};
use theodoi_core::{
    Evidence, Extraction, Finding, ItemKind, ItemRef, LedgerDocument, Link, LinkRelation, LinkState, ProgressUpdate,
    Severity,
};
use theodoi_text::fold;

use crate::{get_i64, get_opt_str, get_str, nfc, nfc_opt, now, Store, StoreError};

/// One row of the append-only audit log (nhật ký).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Row id, increasing.
    pub id: i64,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What: add, add_version, progress, link_proposed, link_confirmed, link_rejected, findings.
    pub action: String,
    /// On what kind of thing: document, progress, link, finding.
    pub entity: String,
    /// Which one.
    pub entity_id: String,
    /// Details, JSON.
    pub detail: String,
}

/// A finding as kept in the ledger, with its review state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFinding {
    /// Row id.
    pub id: i64,
    /// The finding.
    pub finding: Finding,
    /// Short stable id a person types (`PH12`).
    pub code: String,
    /// `open`, `confirmed`, `dismissed` (by a reviewer), or `resolved` (no longer produced by the checks).
    pub state: String,
    /// First time a check produced it.
    pub first_seen: String,
    /// Who reviewed it last, and the note they left.
    pub reviewed_by: Option<String>,
    /// The reviewer's note.
    pub note: Option<String>,
}

/// What one [`Store::record_findings`] run did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recorded {
    /// Findings not seen before.
    pub new: usize,
    /// Findings no longer produced, now resolved.
    pub resolved: usize,
    /// The short id (`PH12`) of each finding given, in the order given.
    pub codes: Vec<String>,
}

/// A target or task with its stable ledger identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredItem {
    /// Stable id a person types: `CT12` (target), `NV7` (task).
    pub code: String,
    /// The document's name in the ledger.
    pub doc: String,
    /// Target or task.
    pub kind: ItemKind,
    /// Its position in the document's current version ("T10"); `None` once a revision removed it.
    pub position: Option<String>,
    /// Its name (target) or what (task), as last written.
    pub name: String,
    /// The version it first appeared in.
    pub first_version: u32,
    /// The version that removed it, if any: its history stays in the ledger.
    pub removed_in: Option<u32>,
}

/// `PH12` for finding row 12.
pub fn finding_code(id: i64) -> String {
    format!("PH{id}")
}

fn parse_finding_code(s: &str) -> Option<i64> {
    let s = s.trim();
    let rest = s.strip_prefix("PH").or_else(|| s.strip_prefix("ph")).unwrap_or(s);
    rest.parse().ok().filter(|n: &i64| *n > 0)
}

/// An organisation (tổ chức) in the hierarchy city → ward → units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    /// Row id.
    pub id: i64,
    /// Name as first written (NFC).
    pub name: String,
    /// `city`, `ward` or `unit`.
    pub level: String,
    /// The parent's name.
    pub parent: Option<String>,
    /// Its code on the official list of administrative units ("11506"); `None` when the name
    /// is not on it (kept as written, shown for review) or it is a unit inside a ward.
    pub unit_code: Option<String>,
}

/// A link as kept in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredLink {
    /// Row id, used to confirm or reject it.
    pub id: i64,
    /// The link.
    pub link: Link,
    /// Who confirmed or rejected it.
    pub decided_by: Option<String>,
}

pub(crate) async fn audit(
    tx: &mut Transaction<'static, Any>,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: &serde_json::Value,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(now())
        .bind(nfc(actor))
        .bind(action)
        .bind(entity)
        .bind(nfc(entity_id))
        .bind(nfc(&detail.to_string()))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Users are recorded the first time they act.
pub(crate) async fn ensure_user(tx: &mut Transaction<'static, Any>, name: &str) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO users (name, role, created_at) VALUES ($1, 'editor', $2) ON CONFLICT (name) DO NOTHING")
        .bind(nfc(name))
        .bind(now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn kind_name(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Target => "target",
        ItemKind::Task => "task",
    }
}

fn kind_from(s: &str) -> Result<ItemKind, StoreError> {
    match s {
        "target" => Ok(ItemKind::Target),
        "task" => Ok(ItemKind::Task),
        other => Err(StoreError::Invalid(format!("unknown item kind `{other}` in the ledger"))),
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

fn severity_from(s: &str) -> Severity {
    match s {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => Severity::Info,
    }
}

fn relation_name(r: LinkRelation) -> &'static str {
    match r {
        LinkRelation::Implements => "implements",
        LinkRelation::ReportsOn => "reports_on",
        LinkRelation::SameAs => "same_as",
    }
}

fn relation_from(s: &str) -> LinkRelation {
    match s {
        "implements" => LinkRelation::Implements,
        "reports_on" => LinkRelation::ReportsOn,
        _ => LinkRelation::SameAs,
    }
}

fn state_name(s: LinkState) -> &'static str {
    match s {
        LinkState::Proposed => "proposed",
        LinkState::Confirmed => "confirmed",
        LinkState::Rejected => "rejected",
    }
}

fn state_from(s: &str) -> LinkState {
    match s {
        "confirmed" => LinkState::Confirmed,
        "rejected" => LinkState::Rejected,
        _ => LinkState::Proposed,
    }
}

/// The fingerprint of a finding: its kind, the spans it points at, and the facts it compares
/// (every figure, date and number in its message), so two findings about the same spans — a date
/// conflict and an issuer conflict of one citation — never collapse, while a rewording of the
/// message keeps its identity (and review state) across runs.
pub(crate) fn fingerprint(f: &Finding) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(f.kind.as_bytes());
    let mut spans: Vec<_> = f.evidence.iter().map(|e| format!("{}:{}-{}", e.doc, e.span.start, e.span.end)).collect();
    spans.sort();
    spans.dedup();
    for s in spans {
        h.update(b"|");
        h.update(s.as_bytes());
    }
    h.update(b"#");
    let mut facts = facts_compared(&f.message_en);
    facts.sort_unstable();
    facts.dedup();
    for fact in facts {
        h.update(b"|");
        h.update(fact.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The figures, dates and document numbers a message states, in order of appearance
/// (tokens holding a digit, trailing punctuation trimmed).
fn facts_compared(message: &str) -> Vec<&str> {
    message
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')' || c == '"')
        .map(|t| t.trim_end_matches(['.', ':']))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

impl Store {
    /// The current version of every document, optionally only those of organisation `org`
    /// (matched without diacritics on the org or its parent: "Nam Dong" finds "Phường Nam Đồng").
    pub async fn documents(&self, org: Option<&str>) -> Result<Vec<LedgerDocument>, StoreError> {
        self.current_rows(org, Rows::Extraction, ledger_document).await
    }

    /// The current version's row of every document (file name, version, hashes, date, extraction
    /// JSON, organisation and parent), only those of organisation `org` when given, each handed to
    /// `parse` as it is read — what [`Store::documents`] and [`Store::tracked`] each parse in their
    /// own way. Read a few hundred documents at a time (by name, after the last one read), so the
    /// JSON text of every extraction is never held at once beside what is parsed from it.
    async fn current_rows<T>(
        &self,
        org: Option<&str>,
        what: Rows,
        mut parse: impl FnMut(&sqlx::any::AnyRow) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        // The extraction is only read where there is no summary (SQLite reads a column when asked).
        let (body, join) = match what {
            Rows::Extraction => ("v.extraction_json", ""),
            Rows::Summary => (
                "s.summary_json, CASE WHEN s.summary_json IS NULL THEN v.extraction_json END AS extraction_json",
                "LEFT JOIN version_summaries s ON s.version_id = v.id",
            ),
        };
        let sql = format!(
            "SELECT d.file_name, v.version, v.sha256, v.doc_date, {body}, v.restored, d.org_key, \
             o.name_folded AS org, p.name_folded AS parent \
             FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version \
             {join} LEFT JOIN organisations o ON o.id = d.org_id LEFT JOIN organisations p ON p.id = o.parent_id \
             WHERE d.file_name > $1 ORDER BY d.file_name LIMIT {CHUNK}"
        );
        let want = org.map(crate::orgs::OrgFilter::new);
        let mut out = Vec::new();
        let mut after = String::new();
        loop {
            let rows = sqlx::query(&sql).bind(&after).fetch_all(&self.pool).await?;
            for row in &rows {
                if let Some(want) = &want {
                    if !want.selects_row(row)? {
                        continue;
                    }
                }
                out.push(parse(row)?);
            }
            match rows.last() {
                Some(last) if rows.len() == CHUNK => after = get_str(last, "file_name")?,
                _ => return Ok(out),
            }
        }
    }

    /// The current documents an `add` of `files` touches, for linking and re-checking them: the
    /// documents of their organisations (by the ledger's organisation key, as links and checks group
    /// them), and those naming no organisation — every document when one of `files` names none.
    /// Only these extractions are read and parsed.
    pub async fn documents_near(&self, files: &[String]) -> Result<Vec<LedgerDocument>, StoreError> {
        let rows = sqlx::query("SELECT d.id, d.file_name, d.org_key FROM documents d").fetch_all(&self.pool).await?;
        let mut all = Vec::with_capacity(rows.len());
        for r in &rows {
            all.push((get_i64(r, "id")?, get_str(r, "file_name")?, get_opt_str(r, "org_key")?));
        }
        let near: std::collections::HashSet<Option<&str>> =
            all.iter().filter(|(_, f, _)| files.contains(f)).map(|(_, _, k)| k.as_deref()).collect();
        let ids: Vec<i64> = if near.contains(&None) {
            all.iter().map(|(id, _, _)| *id).collect()
        } else {
            all.iter().filter(|(_, _, k)| k.is_none() || near.contains(&k.as_deref())).map(|(id, _, _)| *id).collect()
        };
        self.documents_with_ids(&ids).await
    }

    /// The name of every target of every current document, each as often as it occurs: the
    /// population name similarity weighs rare words against (links are proposed over the ledger).
    pub async fn target_names(&self) -> Result<Vec<String>, StoreError> {
        // One row holding them all as a JSON array: SQLite hands rows over one by one.
        let agg = match self.backend {
            crate::Backend::Sqlite => "json_group_array(t.name)",
            crate::Backend::Postgres => "COALESCE(json_agg(t.name), '[]'::json)::text",
        };
        let row = sqlx::query(&format!(
            "SELECT {agg} AS names FROM targets t JOIN document_versions v ON v.id = t.version_id \
             JOIN documents d ON d.id = v.document_id AND d.current_version = v.version"
        ))
        .fetch_one(&self.pool)
        .await?;
        Ok(serde_json::from_str(&get_str(&row, "names")?)?)
    }

    /// The current version of every document (of `org`, matched as in [`Store::documents`]) with only
    /// its organisation, targets and tasks, without evidence — what tracking and `status` read: the
    /// version's stored summary (see `summary.rs`), never its whole extraction. One row per document
    /// (SQLite hands rows over one by one: a row per target would cost more than the parse it saves).
    pub async fn tracked(&self, org: Option<&str>) -> Result<Vec<LedgerDocument>, StoreError> {
        self.current_rows(org, Rows::Summary, |row| {
            let extraction = match get_opt_str(row, "summary_json")? {
                Some(s) => serde_json::from_str(&s)?,
                // A version stored without its summary (not made by this build): read in full.
                None => crate::summary::summary_of(&serde_json::from_str(&get_str(row, "extraction_json")?)?),
            };
            Ok(LedgerDocument { extraction, ..ledger_row(row)? })
        })
        .await
    }

    /// [`Store::tracked`] read from every version's whole extraction instead of its summary: how
    /// `status` read the ledger before summaries were kept (the benchmark's baseline; tests compare
    /// the two).
    pub async fn tracked_from_extractions(&self, org: Option<&str>) -> Result<Vec<LedgerDocument>, StoreError> {
        self.current_rows(org, Rows::Extraction, |row| {
            let x: Extraction = serde_json::from_str(&get_str(row, "extraction_json")?)?;
            Ok(LedgerDocument { extraction: crate::summary::summary_of(&x), ..ledger_row(row)? })
        })
        .await
    }

    /// The stable ids (`CT12`, `NV7`) of the living items at these positions (`T10` of a document's
    /// current version), looked up one by one by key: what a command that shows a few items needs,
    /// instead of every item of the ledger. Positions with no item are left out.
    pub async fn item_codes(
        &self,
        items: &[ItemRef],
    ) -> Result<std::collections::HashMap<ItemRef, String>, StoreError> {
        let mut out = std::collections::HashMap::new();
        for it in items {
            if out.contains_key(it) {
                continue;
            }
            if let Ok((_, id)) = self.item_row(it).await {
                out.insert(it.clone(), crate::items::item_code(it.kind, id));
            }
        }
        Ok(out)
    }

    /// How many findings are still to act on (`open` or `confirmed`), and how many of them are
    /// errors — counted by the database, for all documents (`org` `None`), else as
    /// [`Store::open_findings_for`] counts them.
    pub async fn open_finding_counts(&self, org: Option<&str>) -> Result<(usize, usize), StoreError> {
        if org.is_some() {
            let f = self.open_findings_for(org).await?;
            let errors = f.iter().filter(|f| f.finding.severity == Severity::Error).count();
            return Ok((f.len(), errors));
        }
        let rows = sqlx::query(
            "SELECT severity, COUNT(*) AS n FROM findings WHERE state IN ('open', 'confirmed') GROUP BY severity",
        )
        .fetch_all(&self.pool)
        .await?;
        let (mut all, mut errors) = (0, 0);
        for r in rows {
            let n = usize::try_from(get_i64(&r, "n")?).unwrap_or(0);
            all += n;
            if severity_from(&get_str(&r, "severity")?) == Severity::Error {
                errors += n;
            }
        }
        Ok((all, errors))
    }

    /// Every organisation with its parent, in id order.
    pub async fn organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.id, o.name, o.level, o.unit_code, p.name AS parent FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id ORDER BY o.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Organisation {
                    id: get_i64(r, "id")?,
                    name: get_str(r, "name")?,
                    level: get_str(r, "level")?,
                    parent: get_opt_str(r, "parent")?,
                    unit_code: get_opt_str(r, "unit_code")?,
                })
            })
            .collect()
    }

    /// The changes recorded when `file`'s versions were stored, oldest first, with the version they came in.
    pub async fn changes(&self, file: &str) -> Result<Vec<(u32, crate::ItemChange)>, StoreError> {
        let rows = sqlx::query(
            "SELECT v.version, c.item_kind, c.change, c.item_name, c.before_value, c.after_value FROM version_changes c \
             JOIN document_versions v ON v.id = c.version_id JOIN documents d ON d.id = v.document_id \
             WHERE d.file_name = $1 ORDER BY c.id",
        )
        .bind(file)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    get_i64(r, "version")?.try_into().unwrap_or(0),
                    crate::ItemChange {
                        item_kind: get_str(r, "item_kind")?,
                        change: get_str(r, "change")?,
                        item_name: get_str(r, "item_name")?,
                        before: get_opt_str(r, "before_value")?,
                        after: get_opt_str(r, "after_value")?,
                    },
                ))
            })
            .collect()
    }

    /// Find one target or task from what a user typed: its stable id (`CT12`, `NV7`),
    /// `FILE:ID` (`004:T10`, the file name or any prefix of it, and the item's position in the current
    /// version), or words of its name, with or without diacritics ("thu ngan sach"), when they match
    /// exactly one living item.
    pub async fn resolve_item(&self, query: &str) -> Result<ItemRef, StoreError> {
        let it = self.find_item(query).await?;
        match &it.position {
            Some(p) => Ok(ItemRef { doc: it.doc.clone(), kind: it.kind, id: p.clone() }),
            None => Err(StoreError::Invalid(format!(
                "{} \"{}\" was removed in version {} of {}",
                it.code,
                it.name,
                it.removed_in.unwrap_or(0),
                it.doc
            ))),
        }
    }

    /// Like [`Store::resolve_item`], but also finds removed items (by their stable id) and tells
    /// their identity.
    pub async fn find_item(&self, query: &str) -> Result<StoredItem, StoreError> {
        const SELECT: &str = "SELECT i.id, i.kind, i.position, i.name, i.first_version, i.removed_in, d.file_name \
             FROM items i JOIN documents d ON d.id = i.document_id";
        let q = query.trim();
        if let Some((kind, id)) = crate::items::parse_item_code(q) {
            let row = sqlx::query(&format!("{SELECT} WHERE i.id = $1 AND i.kind = $2"))
                .bind(id)
                .bind(kind_name(kind))
                .fetch_optional(&self.pool)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("no target or task with id {q}")))?;
            return stored_item(&row);
        }
        if let Some((file, id)) = q.rsplit_once(':') {
            let file = file.trim();
            let names: Vec<String> = sqlx::query("SELECT file_name FROM documents ORDER BY file_name")
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| get_str(r, "file_name"))
                .collect::<Result<_, _>>()?;
            let exact: Vec<&String> = names.iter().filter(|n| n.as_str() == file).collect();
            let hits: Vec<&String> =
                if exact.is_empty() { names.iter().filter(|n| n.starts_with(file)).collect() } else { exact };
            if let [d] = hits.as_slice() {
                let id = id.trim();
                let row = sqlx::query(&format!(
                    "{SELECT} WHERE d.file_name = $1 AND i.position = $2 AND i.removed_in IS NULL ORDER BY i.id"
                ))
                .bind(d.as_str())
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("no target or task `{id}` in {d}")))?;
                return stored_item(&row);
            }
            if hits.len() > 1 {
                return Err(StoreError::Ambiguous(format!(
                    "`{file}` matches {} documents; give more of the file name",
                    hits.len()
                )));
            }
        }
        let fq = fold(q);
        if fq.is_empty() {
            return Err(StoreError::Invalid(
                "empty item name; expected an id (CT12), FILE:ID (e.g. 004:T10) or words of its name".into(),
            ));
        }
        let pattern = format!("%{}%", fq.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let rows = sqlx::query(&format!(
            "{SELECT} WHERE i.removed_in IS NULL AND i.name_folded LIKE $1 ESCAPE '\\' ORDER BY d.file_name, i.id LIMIT 50"
        ))
        .bind(&pattern)
        .fetch_all(&self.pool)
        .await?;
        let mut hits: Vec<StoredItem> = rows.iter().map(stored_item).collect::<Result<_, _>>()?;
        match hits.len() {
            0 => Err(StoreError::NotFound(format!(
                "no target or task named like `{q}`; use its id (CT12) or FILE:ID (e.g. 004:T10)"
            ))),
            1 => Ok(hits.remove(0)),
            n => {
                let list: Vec<String> = hits
                    .iter()
                    .take(8)
                    .map(|h| format!("  {}  {}:{}  {}", h.code, h.doc, h.position.as_deref().unwrap_or("-"), h.name))
                    .collect();
                let more = if n >= 50 { "50+".to_string() } else { n.to_string() };
                Err(StoreError::Ambiguous(format!(
                    "`{q}` matches {more} items; name one by its id:\n{}",
                    list.join("\n")
                )))
            }
        }
    }

    /// The items of one document (living and removed), or of every document, in id order.
    pub async fn items(&self, doc: Option<&str>) -> Result<Vec<StoredItem>, StoreError> {
        let rows = sqlx::query(
            "SELECT i.id, i.kind, i.position, i.name, i.first_version, i.removed_in, d.file_name \
             FROM items i JOIN documents d ON d.id = i.document_id WHERE ($1 = '' OR d.file_name = $1) ORDER BY i.id",
        )
        .bind(doc.unwrap_or(""))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(stored_item).collect()
    }

    /// Record a progress update (one transaction: the update and its audit row). Returns its id.
    ///
    /// The update attaches to the item's stable identity: a later revision that moves or renumbers
    /// the item keeps it there, one that removes the item keeps it in the item's history.
    pub async fn add_progress(&self, p: &ProgressUpdate) -> Result<i64, StoreError> {
        self.add_progress_typed(p, None).await
    }

    /// [`Store::add_progress`] keeping the value exactly as the person typed it ("13,7").
    pub async fn add_progress_typed(&self, p: &ProgressUpdate, value_text: Option<&str>) -> Result<i64, StoreError> {
        self.add_progress_with(p, value_text, None).await
    }

    /// What a person records: the value as typed, and one entry per item and date — a second one
    /// is refused unless `replace` (then it supersedes the earlier entries of that date, which stay
    /// in the item's history and the audit log). `replace: None` allows several (documents, imports).
    pub async fn add_progress_with(
        &self,
        p: &ProgressUpdate,
        value_text: Option<&str>,
        replace: Option<bool>,
    ) -> Result<i64, StoreError> {
        if chrono::NaiveDate::parse_from_str(&p.date, "%Y-%m-%d").is_err() {
            return Err(StoreError::Invalid(format!("progress date `{}`: expected YYYY-MM-DD", p.date)));
        }
        if let Some(v) = p.value {
            if !v.is_finite() {
                return Err(StoreError::Invalid(format!("progress value `{v}` is not a number")));
            }
        }
        let (doc_id, item_id) = self.item_row(&p.item).await?;
        let code = crate::items::item_code(p.item.kind, item_id);
        let evidence = p.evidence.as_ref().map(serde_json::to_string).transpose()?;
        let actor = p.user.clone().unwrap_or_else(|| "document".into());
        // The writer lock also serialises the same-date check below.
        let mut tx = self.begin_write().await?;
        let mut superseded = Vec::new();
        if let Some(replace) = replace {
            let same_day = sqlx::query(
                "SELECT id FROM progress_updates WHERE item_id = $1 AND on_date = $2 AND superseded_by IS NULL",
            )
            .bind(item_id)
            .bind(&p.date)
            .fetch_all(&mut *tx)
            .await?;
            superseded = same_day.iter().map(|r| get_i64(r, "id")).collect::<Result<Vec<_>, _>>()?;
            if !superseded.is_empty() && !replace {
                return Err(StoreError::AlreadyRecorded { item: code, date: p.date.clone() });
            }
        }
        let row = sqlx::query(
            "INSERT INTO progress_updates (document_id, item_kind, item_key, value, done, on_date, note, user_name, evidence_json, created_at, item_id, value_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .persistent(false) // Option<f64>: see NULL_FLOAT in import.rs
        .bind(doc_id)
        .bind(kind_name(p.item.kind))
        .bind(&code)
        .bind(p.value)
        .bind(i64::from(p.done))
        .bind(&p.date)
        .bind(nfc_opt(&p.note))
        .bind(nfc_opt(&p.user))
        .bind(evidence.as_deref().map(nfc))
        .bind(now())
        .bind(item_id)
        .bind(value_text.map(nfc))
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        for old in &superseded {
            sqlx::query("UPDATE progress_updates SET superseded_by = $1 WHERE id = $2")
                .bind(id)
                .bind(*old)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(user) = &p.user {
            ensure_user(&mut tx, user).await?;
        }
        let detail = serde_json::json!({"doc": p.item.doc, "item": code, "position": p.item.id, "value": p.value,
            "value_text": value_text, "done": p.done, "date": p.date, "supersedes": superseded});
        audit(&mut tx, &actor, "progress", "progress", &id.to_string(), &detail).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// (document row id, item row id) of an item given by position (`T10`) or stable id (`CT12`).
    async fn item_row(&self, item: &ItemRef) -> Result<(i64, i64), StoreError> {
        let row = match crate::items::parse_item_code(&item.id).filter(|(k, _)| *k == item.kind) {
            Some((_, id)) => {
                sqlx::query("SELECT document_id, id FROM items WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
            }
            None => {
                sqlx::query(
                    "SELECT i.document_id, i.id FROM items i JOIN documents d ON d.id = i.document_id \
                     WHERE d.file_name = $1 AND i.kind = $2 AND i.position = $3 AND i.removed_in IS NULL ORDER BY i.id",
                )
                .bind(&item.doc)
                .bind(kind_name(item.kind))
                .bind(&item.id)
                .fetch_optional(&self.pool)
                .await?
            }
        };
        let row = row.ok_or_else(|| {
            StoreError::NotFound(format!(
                "no {} `{}` in document `{}`; `theodoi add` it first",
                kind_name(item.kind),
                item.id,
                item.doc
            ))
        })?;
        Ok((get_i64(&row, "document_id")?, get_i64(&row, "id")?))
    }

    /// Every progress update in force (corrections replace what they supersede), oldest first,
    /// pointing at each item's position in its document's current version (`T10`), or at its
    /// stable id (`CT12`) when a revision removed it.
    pub async fn progress(&self) -> Result<Vec<ProgressUpdate>, StoreError> {
        self.progress_where("WHERE p.superseded_by IS NULL", None).await
    }

    /// The progress of one item (by its stable id), oldest first: its whole history (superseded
    /// entries too), also once the item is removed.
    pub async fn progress_of(&self, code: &str) -> Result<Vec<ProgressUpdate>, StoreError> {
        let (_, id) = crate::items::parse_item_code(code)
            .ok_or_else(|| StoreError::Invalid(format!("`{code}`: expected an item id such as CT12")))?;
        self.progress_where("WHERE p.item_id = $1", Some(id)).await
    }

    async fn progress_where(&self, filter: &str, id: Option<i64>) -> Result<Vec<ProgressUpdate>, StoreError> {
        let sql = format!(
            "SELECT {PROGRESS_COLUMNS} FROM progress_updates p JOIN documents d ON d.id = p.document_id LEFT JOIN items i ON i.id = p.item_id \
             {filter} ORDER BY p.on_date, p.id"
        );
        let mut q = sqlx::query(&sql);
        if let Some(id) = id {
            q = q.bind(id);
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter().map(progress_row).collect()
    }

    /// The audit log, oldest first.
    pub async fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query("SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: get_i64(r, "id")?,
                    at: get_str(r, "at")?,
                    actor: get_str(r, "actor")?,
                    action: get_str(r, "action")?,
                    entity: get_str(r, "entity")?,
                    entity_id: get_str(r, "entity_id")?,
                    detail: get_str(r, "detail")?,
                })
            })
            .collect()
    }

    /// Record the findings of a check run over the documents `scope` (all when `None`): new ones
    /// are stored open, known ones keep their state (a dismissed finding stays dismissed), findings
    /// about documents in scope that the run no longer produced are marked resolved. Written in
    /// batches: new findings 400 per statement (on SQLite with anonymous parameters, see
    /// [`crate::positional`]), a few statements for everything else.
    pub async fn record_findings(
        &self,
        findings: &[Finding],
        scope: Option<&[String]>,
        actor: &str,
    ) -> Result<Recorded, StoreError> {
        let at = now();
        let mut tx = self.begin_write().await?;
        let fps: Vec<String> = findings.iter().map(fingerprint).collect();
        // The findings already stored among those given: all of them for a whole-ledger run (read a
        // few thousand at a time, kept as a hash of their message), else looked up by fingerprint
        // (a re-check after `add` touches a few documents of many).
        let mut known: std::collections::HashMap<String, Known> = std::collections::HashMap::new();
        let mut keep = |r: &sqlx::any::AnyRow| -> Result<(), StoreError> {
            known.insert(
                get_str(r, "fingerprint")?,
                Known {
                    id: get_i64(r, "id")?,
                    resolved: get_str(r, "state")? == "resolved",
                    message: text_hash(&get_str(r, "message_vi")?),
                    severity: severity_from(&get_str(r, "severity")?),
                },
            );
            Ok(())
        };
        match scope {
            None => {
                let mut after = 0i64;
                loop {
                    let rows = sqlx::query(
                        "SELECT id, fingerprint, state, message_vi, severity FROM findings WHERE id > $1 ORDER BY id LIMIT 2000",
                    )
                    .bind(after)
                    .fetch_all(&mut *tx)
                    .await?;
                    rows.iter().try_for_each(&mut keep)?;
                    match rows.last() {
                        Some(r) if rows.len() == 2000 => after = get_i64(r, "id")?,
                        _ => break,
                    }
                }
            }
            Some(_) => {
                let mut distinct: Vec<&String> = fps.iter().collect();
                distinct.sort_unstable();
                distinct.dedup();
                for chunk in distinct.chunks(500) {
                    let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
                    let sql = format!(
                        "SELECT id, fingerprint, state, message_vi, severity FROM findings WHERE fingerprint IN ({})",
                        marks.join(", ")
                    );
                    let sql = crate::positional(self.backend, &sql);
                    let mut q = sqlx::query(&sql).persistent(false);
                    for fp in chunk {
                        q = q.bind(fp.as_str());
                    }
                    q.fetch_all(&mut *tx).await?.iter().try_for_each(&mut keep)?;
                }
            }
        }
        let mut ids: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
        let mut seen_ids = Vec::new();
        let mut out = Recorded::default();
        // New findings, each once, in the order given; written in batches below.
        let mut fresh: Vec<(&Finding, &str)> = Vec::new();
        let mut fresh_seen = std::collections::HashSet::new();
        for (f, fp) in findings.iter().zip(&fps) {
            if ids.contains_key(fp.as_str()) || fresh_seen.contains(fp.as_str()) {
                continue;
            }
            match known.get(fp) {
                Some(k) => {
                    let message = nfc(&f.message_vi);
                    if k.resolved || k.message != text_hash(&message) || k.severity != f.severity {
                        sqlx::query(
                            "UPDATE findings SET message_vi = $1, message_en = $2, severity = $3, \
                             state = CASE WHEN state = 'resolved' THEN 'open' ELSE state END WHERE id = $4",
                        )
                        .bind(&message)
                        .bind(nfc(&f.message_en))
                        .bind(severity_name(f.severity))
                        .bind(k.id)
                        .execute(&mut *tx)
                        .await?;
                    }
                    seen_ids.push(k.id);
                    ids.insert(fp, k.id);
                }
                None => {
                    fresh_seen.insert(fp.as_str());
                    fresh.push((f, fp));
                }
            }
        }
        drop(known);
        // A few hundred new findings per statement, and their documents likewise: round trips
        // matter on PostgreSQL.
        for chunk in fresh.chunks(400) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let b = 8 * i;
                    format!(
                        "(${}, ${}, ${}, ${}, ${}, ${}, 'open', ${}, ${})",
                        b + 1,
                        b + 2,
                        b + 3,
                        b + 4,
                        b + 5,
                        b + 6,
                        b + 7,
                        b + 8
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO findings (fingerprint, kind, severity, message_vi, message_en, evidence_json, state, first_seen, last_seen) \
                 VALUES {} RETURNING id, fingerprint",
                values.join(", ")
            );
            let sql = crate::positional(self.backend, &sql);
            let mut q = sqlx::query(&sql).persistent(false);
            for (f, fp) in chunk {
                q = q
                    .bind(*fp)
                    .bind(nfc(&f.kind))
                    .bind(severity_name(f.severity))
                    .bind(nfc(&f.message_vi))
                    .bind(nfc(&f.message_en))
                    .bind(nfc(&serde_json::to_string(&f.evidence)?))
                    .bind(&at)
                    .bind(&at);
            }
            let mut new_ids = std::collections::HashMap::new();
            for r in q.fetch_all(&mut *tx).await? {
                new_ids.insert(get_str(&r, "fingerprint")?, get_i64(&r, "id")?);
            }
            let mut docs: Vec<(i64, String)> = Vec::new();
            for (f, fp) in chunk {
                let id =
                    *new_ids.get(*fp).ok_or_else(|| StoreError::Invalid(format!("finding {fp} was not stored")))?;
                ids.insert(fp, id);
                let mut ds: Vec<String> = f.evidence.iter().map(|e| nfc(&e.doc)).collect();
                ds.sort_unstable();
                ds.dedup();
                docs.extend(ds.into_iter().map(|d| (id, d)));
            }
            out.new += chunk.len();
            crate::summary::finding_documents_batch(&mut tx, &docs).await?;
        }
        for fp in &fps {
            if let Some(id) = ids.get(fp.as_str()) {
                out.codes.push(finding_code(*id));
            }
        }
        for chunk in seen_ids.chunks(500) {
            update_ids(&mut tx, "UPDATE findings SET last_seen = $1 WHERE id IN", &at, chunk).await?;
        }
        // Resolve what this run no longer produces — only among findings about documents it looked at.
        let produced: std::collections::HashSet<i64> = ids.values().copied().collect();
        let stale = match scope {
            None => {
                sqlx::query("SELECT id FROM findings WHERE state IN ('open', 'confirmed')").fetch_all(&mut *tx).await?
            }
            // Only the findings whose evidence names a document in scope (or none), picked through
            // `finding_documents`; then read exactly below.
            Some(docs) => {
                let mut rows = Vec::new();
                let mut taken = std::collections::HashSet::new();
                for chunk in docs.chunks(500) {
                    let marks: Vec<String> = (2..chunk.len() + 2).map(|i| format!("${i}")).collect();
                    let sql = format!(
                        "SELECT id, evidence_json FROM findings WHERE state IN ('open', 'confirmed') \
                         AND (evidence_json = $1 OR id IN (SELECT finding_id FROM finding_documents WHERE doc IN ({})))",
                        marks.join(", ")
                    );
                    let sql = crate::positional(self.backend, &sql);
                    let mut q = sqlx::query(&sql).persistent(false).bind("[]");
                    for d in chunk {
                        q = q.bind(nfc(d));
                    }
                    for r in q.fetch_all(&mut *tx).await? {
                        if taken.insert(get_i64(&r, "id")?) {
                            rows.push(r);
                        }
                    }
                }
                rows
            }
        };
        let mut resolve = Vec::new();
        for row in stale {
            let id = get_i64(&row, "id")?;
            if produced.contains(&id) {
                continue;
            }
            let in_scope = match scope {
                None => true,
                Some(docs) => {
                    let evidence: Vec<Evidence> = serde_json::from_str(&get_str(&row, "evidence_json")?)?;
                    evidence.iter().all(|e| docs.iter().any(|d| *d == e.doc))
                }
            };
            if in_scope {
                resolve.push(id);
            }
        }
        for chunk in resolve.chunks(500) {
            update_ids(&mut tx, "UPDATE findings SET state = 'resolved', last_seen = $1 WHERE id IN", &at, chunk)
                .await?;
        }
        out.resolved = resolve.len();
        let detail = serde_json::json!({"produced": findings.len(), "new": out.new, "resolved": out.resolved});
        audit(&mut tx, actor, "findings", "finding", "check", &detail).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Stored findings still to act on (`open` or `confirmed`), most severe first.
    pub async fn open_findings(&self) -> Result<Vec<StoredFinding>, StoreError> {
        self.findings_in(&["open", "confirmed"], None).await
    }

    /// [`Store::open_findings`] about the documents of organisation `org` (matched as in
    /// [`Store::documents`]); all when `None`.
    pub async fn open_findings_for(&self, org: Option<&str>) -> Result<Vec<StoredFinding>, StoreError> {
        self.findings_in(&["open", "confirmed"], org).await
    }

    /// Every stored finding of these states (`open`, `confirmed`, `dismissed`, `resolved`), about
    /// documents of `org` when given, most severe first.
    pub async fn findings_in(&self, states: &[&str], org: Option<&str>) -> Result<Vec<StoredFinding>, StoreError> {
        let docs: Option<std::collections::HashSet<String>> = match org {
            Some(o) => Some(self.document_names(Some(o)).await?.into_iter().collect()),
            None => None,
        };
        let rows =
            sqlx::query(&format!("SELECT {FINDING_COLUMNS} FROM findings ORDER BY id")).fetch_all(&self.pool).await?;
        let mut out = Vec::new();
        for r in rows {
            if !states.contains(&get_str(&r, "state")?.as_str()) {
                continue;
            }
            let f = stored_finding(&r)?;
            if let Some(docs) = &docs {
                if !f.finding.evidence.iter().any(|e| docs.contains(&e.doc)) {
                    continue;
                }
            }
            out.push(f);
        }
        out.sort_by(|a, b| b.finding.severity.cmp(&a.finding.severity).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Review a finding (`PH12` or `12`): `confirmed` or `dismissed`, with a note; the reviewer and
    /// the note go to the audit log. A dismissed finding stays dismissed when checks run again.
    pub async fn review_finding(
        &self,
        code: &str,
        state: &str,
        note: Option<&str>,
        user: &str,
    ) -> Result<StoredFinding, StoreError> {
        if !matches!(state, "confirmed" | "dismissed" | "open") {
            return Err(StoreError::Invalid(format!("finding state `{state}`: expected confirmed or dismissed")));
        }
        let id = parse_finding_code(code)
            .ok_or_else(|| StoreError::Invalid(format!("`{code}`: expected a finding id such as PH12")))?;
        let mut tx = self.begin_write().await?;
        let before = sqlx::query("SELECT state FROM findings WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no finding {}", finding_code(id))))?;
        let before = get_str(&before, "state")?;
        sqlx::query("UPDATE findings SET state = $1, reviewed_by = $2, reviewed_at = $3, note = $4 WHERE id = $5")
            .bind(state)
            .bind(nfc(user))
            .bind(now())
            .bind(note.map(nfc))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        ensure_user(&mut tx, user).await?;
        let detail = serde_json::json!({"from": before, "to": state, "note": note});
        audit(&mut tx, user, "finding_reviewed", "finding", &finding_code(id), &detail).await?;
        tx.commit().await?;
        let all = self.findings_in(&["open", "confirmed", "dismissed", "resolved"], None).await?;
        all.into_iter().find(|f| f.id == id).ok_or_else(|| StoreError::NotFound(finding_code(id)))
    }

    /// Names of the documents of organisation `org` (all when `None`), matched as in [`Store::documents`].
    pub async fn document_names(&self, org: Option<&str>) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.file_name, o.name_folded AS org, p.name_folded AS parent FROM documents d \
             LEFT JOIN organisations o ON o.id = d.org_id LEFT JOIN organisations p ON p.id = o.parent_id ORDER BY d.file_name",
        )
        .fetch_all(&self.pool)
        .await?;
        let want = org.map(crate::orgs::OrgFilter::new);
        let mut out = Vec::new();
        for row in rows {
            if let Some(w) = &want {
                if !w.selects_row(&row)? {
                    continue;
                }
            }
            out.push(get_str(&row, "file_name")?);
        }
        Ok(out)
    }

    /// Store proposed links; a link already stored keeps its review state (a rejected link is not proposed again).
    /// Links attach to the items' stable identities. Returns how many were new.
    pub async fn propose_links(&self, links: &[Link], actor: &str) -> Result<usize, StoreError> {
        let mut rows: std::collections::HashMap<ItemRef, (i64, i64)> = std::collections::HashMap::new();
        for l in links {
            for r in [&l.from, &l.to] {
                if !rows.contains_key(r) {
                    if let Ok(v) = self.item_row(r).await {
                        rows.insert(r.clone(), v);
                    }
                }
            }
        }
        let mut tx = self.begin_write().await?;
        let mut new = 0;
        for l in links {
            let (Some(from), Some(to)) = (rows.get(&l.from), rows.get(&l.to)) else {
                continue;
            };
            let n = sqlx::query(
                "INSERT INTO links (from_document_id, from_kind, from_key, to_document_id, to_kind, to_key, relation, confidence, state, from_item_id, to_item_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                 ON CONFLICT (from_document_id, from_kind, from_key, to_document_id, to_kind, to_key) DO NOTHING",
            )
            .bind(from.0)
            .bind(kind_name(l.from.kind))
            .bind(crate::items::item_code(l.from.kind, from.1))
            .bind(to.0)
            .bind(kind_name(l.to.kind))
            .bind(crate::items::item_code(l.to.kind, to.1))
            .bind(relation_name(l.relation))
            .bind(l.confidence)
            .bind(state_name(l.state))
            .bind(from.1)
            .bind(to.1)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            new += n as usize;
        }
        if new > 0 {
            audit(&mut tx, actor, "link_proposed", "link", "-", &serde_json::json!({"new": new})).await?;
        }
        tx.commit().await?;
        Ok(new)
    }

    /// Every stored link, each end at its item's current position (`T10`), or at its stable id
    /// (`CT12`) when a revision removed the item.
    pub async fn links(&self) -> Result<Vec<StoredLink>, StoreError> {
        let rows = sqlx::query(
            "SELECT l.id, fd.file_name AS from_doc, l.from_kind, COALESCE(fi.position, l.from_key) AS from_key, \
             td.file_name AS to_doc, l.to_kind, COALESCE(ti.position, l.to_key) AS to_key, \
             l.relation, l.confidence, l.state, l.decided_by FROM links l \
             JOIN documents fd ON fd.id = l.from_document_id JOIN documents td ON td.id = l.to_document_id \
             LEFT JOIN items fi ON fi.id = l.from_item_id LEFT JOIN items ti ON ti.id = l.to_item_id ORDER BY l.id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(StoredLink {
                id: get_i64(&r, "id")?,
                link: Link {
                    from: ItemRef {
                        doc: get_str(&r, "from_doc")?,
                        kind: kind_from(&get_str(&r, "from_kind")?)?,
                        id: get_str(&r, "from_key")?,
                    },
                    to: ItemRef {
                        doc: get_str(&r, "to_doc")?,
                        kind: kind_from(&get_str(&r, "to_kind")?)?,
                        id: get_str(&r, "to_key")?,
                    },
                    relation: relation_from(&get_str(&r, "relation")?),
                    confidence: r.try_get::<f64, _>("confidence")?,
                    state: state_from(&get_str(&r, "state")?),
                },
                decided_by: get_opt_str(&r, "decided_by")?,
            });
        }
        Ok(out)
    }

    /// Confirm or reject a link by id, recording who did it.
    pub async fn decide_link(&self, id: i64, state: LinkState, user: &str) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let n = sqlx::query("UPDATE links SET state = $1, decided_by = $2, decided_at = $3 WHERE id = $4")
            .bind(state_name(state))
            .bind(nfc(user))
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound(format!("no link with id {id}")));
        }
        ensure_user(&mut tx, user).await?;
        let action = match state {
            LinkState::Confirmed => "link_confirmed",
            LinkState::Rejected => "link_rejected",
            LinkState::Proposed => "link_reopened",
        };
        audit(&mut tx, user, action, "link", &id.to_string(), &serde_json::json!({})).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// `UPDATE … WHERE id IN ($2, …)` with `$1` bound to `first`.
async fn update_ids(
    tx: &mut Transaction<'static, Any>,
    head: &str,
    first: &str,
    ids: &[i64],
) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!("{head} ({})", marks.join(", "));
    let sql = crate::positional(crate::backend_of(tx), &sql);
    let mut q = sqlx::query(&sql).persistent(false).bind(first.to_string());
    for id in ids {
        q = q.bind(*id);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// A stored finding as a whole-ledger [`Store::record_findings`] compares it: its message as a hash.
struct Known {
    id: i64,
    resolved: bool,
    message: u64,
    severity: Severity,
}

/// A hash of a text, to tell whether a stored message changed without keeping every message.
fn text_hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// How many documents [`Store::current_rows`] reads per statement.
const CHUNK: usize = 256;

/// Which body [`Store::current_rows`] reads: the whole extraction, or the summary.
#[derive(Clone, Copy)]
enum Rows {
    Extraction,
    Summary,
}

/// The current version of the documents whose `column` is one of `n` bound values, in the
/// columns [`ledger_document`] reads.
pub(crate) fn current_documents_sql(column: &str, n: usize) -> String {
    let marks: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
    format!(
        "SELECT d.file_name, v.version, v.sha256, v.doc_date, v.extraction_json, v.restored, d.org_key \
         FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version \
         WHERE d.{column} IN ({})",
        marks.join(", ")
    )
}

/// A document row (file_name, version, sha256, doc_date, extraction_json, restored, org_key) with its extraction parsed.
pub(crate) fn ledger_document(row: &sqlx::any::AnyRow) -> Result<LedgerDocument, StoreError> {
    Ok(LedgerDocument { extraction: serde_json::from_str(&get_str(row, "extraction_json")?)?, ..ledger_row(row)? })
}

/// A document row's header (file_name, version, sha256, doc_date, restored, org_key), its extraction left empty.
fn ledger_row(row: &sqlx::any::AnyRow) -> Result<LedgerDocument, StoreError> {
    Ok(LedgerDocument {
        file: get_str(row, "file_name")?,
        version: get_i64(row, "version")?.try_into().unwrap_or(0),
        sha256: get_str(row, "sha256")?,
        date: get_opt_str(row, "doc_date")?,
        restored: get_i64(row, "restored")? != 0,
        extraction: Extraction::default(),
        org_key: get_opt_str(row, "org_key")?,
    })
}

/// The columns a finding is read with.
pub(crate) const FINDING_COLUMNS: &str =
    "id, kind, severity, message_vi, message_en, evidence_json, state, first_seen, reviewed_by, note";

/// A finding row (see [`FINDING_COLUMNS`]).
pub(crate) fn stored_finding(r: &sqlx::any::AnyRow) -> Result<StoredFinding, StoreError> {
    let id = get_i64(r, "id")?;
    Ok(StoredFinding {
        id,
        code: finding_code(id),
        finding: Finding {
            kind: get_str(r, "kind")?,
            severity: severity_from(&get_str(r, "severity")?),
            message_vi: get_str(r, "message_vi")?,
            message_en: get_str(r, "message_en")?,
            evidence: serde_json::from_str(&get_str(r, "evidence_json")?)?,
        },
        state: get_str(r, "state")?,
        first_seen: get_str(r, "first_seen")?,
        reviewed_by: get_opt_str(r, "reviewed_by")?,
        note: get_opt_str(r, "note")?,
    })
}

/// The columns progress is read with (`p` the update, `d` its document, `i` its item, left-joined).
pub(crate) const PROGRESS_COLUMNS: &str =
    "d.file_name, p.item_kind, p.item_key, i.position, p.value, p.done, p.on_date, p.note, p.user_name, p.evidence_json";

/// A progress row (see [`PROGRESS_COLUMNS`]), at its item's current position, else its key.
pub(crate) fn progress_row(r: &sqlx::any::AnyRow) -> Result<ProgressUpdate, StoreError> {
    let evidence: Option<Evidence> = match get_opt_str(r, "evidence_json")? {
        Some(s) => Some(serde_json::from_str(&s)?),
        None => None,
    };
    let id = match get_opt_str(r, "position")? {
        Some(p) => p,
        None => get_str(r, "item_key")?,
    };
    Ok(ProgressUpdate {
        item: ItemRef { doc: get_str(r, "file_name")?, kind: kind_from(&get_str(r, "item_kind")?)?, id },
        value: r.try_get::<Option<f64>, _>("value")?,
        done: get_i64(r, "done")? != 0,
        date: get_str(r, "on_date")?,
        note: get_opt_str(r, "note")?,
        user: get_opt_str(r, "user_name")?,
        evidence,
    })
}

pub(crate) fn stored_item(r: &sqlx::any::AnyRow) -> Result<StoredItem, StoreError> {
    let kind = kind_from(&get_str(r, "kind")?)?;
    let id = get_i64(r, "id")?;
    Ok(StoredItem {
        code: crate::items::item_code(kind, id),
        doc: get_str(r, "file_name")?,
        kind,
        position: get_opt_str(r, "position")?,
        name: get_str(r, "name")?,
        first_version: get_i64(r, "first_version")?.try_into().unwrap_or(0),
        removed_in: r.try_get::<Option<i64>, _>("removed_in")?.and_then(|v| v.try_into().ok()),
    })
}

/// Give the items of a new version their stable identities: matched to the document's living
/// items (see [`crate::items`]), new ones added, unmatched old ones marked removed in `version`.
pub(crate) async fn sync_items(
    tx: &mut Transaction<'static, Any>,
    doc_id: i64,
    version: i64,
    old: Option<&Extraction>,
    new: &Extraction,
) -> Result<(), StoreError> {
    let new_f = crate::items::fields(new);
    let old_f = old.map(crate::items::fields).unwrap_or_default();
    // The living items of the document by (kind, position).
    let mut living: std::collections::HashMap<(String, String), i64> = std::collections::HashMap::new();
    if old.is_some() {
        for r in sqlx::query("SELECT id, kind, position FROM items WHERE document_id = $1 AND removed_in IS NULL")
            .bind(doc_id)
            .fetch_all(&mut **tx)
            .await?
        {
            if let Some(p) = get_opt_str(&r, "position")? {
                living.insert((get_str(&r, "kind")?, p), get_i64(&r, "id")?);
            }
        }
    }
    let old_ids: Vec<Option<i64>> =
        old_f.iter().map(|f| living.get(&(kind_name(f.kind).to_string(), f.position.clone())).copied()).collect();
    let matched = crate::items::match_items(&old_f, &new_f);
    let mut kept = vec![false; old_f.len()];
    for (n, m) in new_f.iter().zip(&matched) {
        match m.and_then(|i| old_ids[i].map(|id| (i, id))) {
            Some((i, id)) => {
                kept[i] = true;
                let o = &old_f[i];
                if o.position != n.position || o.name != n.name {
                    sqlx::query("UPDATE items SET position = $1, name = $2, name_folded = $3 WHERE id = $4")
                        .bind(nfc(&n.position))
                        .bind(nfc(&n.name))
                        .bind(fold(&n.name))
                        .bind(id)
                        .execute(&mut **tx)
                        .await?;
                }
            }
            None => {
                sqlx::query(
                    "INSERT INTO items (document_id, kind, position, name, name_folded, first_version) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(doc_id)
                .bind(kind_name(n.kind))
                .bind(nfc(&n.position))
                .bind(nfc(&n.name))
                .bind(fold(&n.name))
                .bind(version)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    for (i, id) in old_ids.iter().enumerate() {
        if let (false, Some(id)) = (kept[i], id) {
            sqlx::query("UPDATE items SET removed_in = $1, position = NULL WHERE id = $2")
                .bind(version)
                .bind(*id)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Ledgers made before document and item identity (migration 3): each document's organisation key,
/// its items' identities from its current version, and progress and links moved from positions
/// (`T10`) to those identities.
pub(crate) async fn backfill_identity(tx: &mut Transaction<'static, Any>) -> Result<(), StoreError> {
    let docs = sqlx::query(
        "SELECT d.id, d.current_version, v.extraction_json FROM documents d \
         JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version",
    )
    .fetch_all(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE document_versions SET file_name = (SELECT file_name FROM documents d WHERE d.id = document_versions.document_id)",
    )
    .execute(&mut **tx)
    .await?;
    for d in docs {
        let doc_id = get_i64(&d, "id")?;
        let version = get_i64(&d, "current_version")?;
        let x: Extraction = serde_json::from_str(&get_str(&d, "extraction_json")?)?;
        sqlx::query("UPDATE documents SET org_key = $1 WHERE id = $2")
            .bind(crate::identity::org_key(x.org.as_deref()))
            .bind(doc_id)
            .execute(&mut **tx)
            .await?;
        sync_items(tx, doc_id, version, None, &x).await?;
        let items = sqlx::query("SELECT id, kind, position FROM items WHERE document_id = $1 ORDER BY id")
            .bind(doc_id)
            .fetch_all(&mut **tx)
            .await?;
        let mut done = std::collections::HashSet::new();
        for it in items {
            let (id, kind) = (get_i64(&it, "id")?, get_str(&it, "kind")?);
            let Some(pos) = get_opt_str(&it, "position")? else { continue };
            if !done.insert((kind.clone(), pos.clone())) {
                continue; // a repeated position: the first item holds it
            }
            let code = crate::items::item_code(kind_from(&kind)?, id);
            // everything recorded against the position moves to the item's identity
            for sql in [
                "UPDATE progress_updates SET item_id = $1, item_key = $2 WHERE document_id = $3 AND item_kind = $4 AND item_key = $5",
                "UPDATE links SET from_item_id = $1, from_key = $2 WHERE from_document_id = $3 AND from_kind = $4 AND from_key = $5",
                "UPDATE links SET to_item_id = $1, to_key = $2 WHERE to_document_id = $3 AND to_kind = $4 AND to_key = $5",
            ] {
                sqlx::query(sql).bind(id).bind(&code).bind(doc_id).bind(&kind).bind(&pos).execute(&mut **tx).await?;
            }
        }
    }
    Ok(())
}
