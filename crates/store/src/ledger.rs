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
    /// `open` or `resolved` (no longer produced by the checks).
    pub state: String,
    /// First time a check produced it.
    pub first_seen: String,
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
async fn ensure_user(tx: &mut Transaction<'static, Any>, name: &str) -> Result<(), StoreError> {
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

/// The fingerprint of a finding: its kind and the spans it points at, so a finding keeps its
/// identity (and review state) across runs while its wording may change.
fn fingerprint(f: &Finding) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(f.kind.as_bytes());
    let mut spans: Vec<_> = f.evidence.iter().map(|e| format!("{}:{}-{}", e.doc, e.span.start, e.span.end)).collect();
    spans.sort();
    for s in spans {
        h.update(b"|");
        h.update(s.as_bytes());
    }
    hex::encode(h.finalize())
}

impl Store {
    /// The current version of every document, optionally only those of organisation `org`
    /// (matched without diacritics on the org or its parent: "Nam Dong" finds "Phường Nam Đồng").
    pub async fn documents(&self, org: Option<&str>) -> Result<Vec<LedgerDocument>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.file_name, v.version, v.sha256, v.doc_date, v.extraction_json, v.restored, o.name_folded AS org, p.name_folded AS parent \
             FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version \
             LEFT JOIN organisations o ON o.id = d.org_id LEFT JOIN organisations p ON p.id = o.parent_id \
             ORDER BY d.file_name",
        )
        .fetch_all(&self.pool)
        .await?;
        let want = org.map(|o| fold(o.trim()));
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            if let Some(w) = &want {
                let o = get_opt_str(&row, "org")?.unwrap_or_default();
                let p = get_opt_str(&row, "parent")?.unwrap_or_default();
                if !o.contains(w.as_str()) && !p.contains(w.as_str()) {
                    continue;
                }
            }
            let extraction: Extraction = serde_json::from_str(&get_str(&row, "extraction_json")?)?;
            out.push(LedgerDocument {
                file: get_str(&row, "file_name")?,
                version: get_i64(&row, "version")?.try_into().unwrap_or(0),
                sha256: get_str(&row, "sha256")?,
                date: get_opt_str(&row, "doc_date")?,
                restored: get_i64(&row, "restored")? != 0,
                extraction,
            });
        }
        Ok(out)
    }

    /// Every organisation with its parent, in id order.
    pub async fn organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.id, o.name, o.level, p.name AS parent FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id ORDER BY o.id",
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

    /// Find one target or task from what a user typed:
    /// `FILE:ID` (`004:T10`, the file name or any prefix of it), or words of its name, with or
    /// without diacritics ("thu ngan sach"), when they match exactly one item.
    pub async fn resolve_item(&self, query: &str) -> Result<ItemRef, StoreError> {
        let docs = self.documents(None).await?;
        let q = query.trim();
        if let Some((file, id)) = q.rsplit_once(':') {
            let hits: Vec<&LedgerDocument> = docs.iter().filter(|d| d.file.starts_with(file.trim())).collect();
            if let [d] = hits.as_slice() {
                let id = id.trim();
                if d.extraction.targets.iter().any(|t| t.id == id) {
                    return Ok(ItemRef { doc: d.file.clone(), kind: ItemKind::Target, id: id.into() });
                }
                if d.extraction.tasks.iter().any(|t| t.id == id) {
                    return Ok(ItemRef { doc: d.file.clone(), kind: ItemKind::Task, id: id.into() });
                }
                return Err(StoreError::NotFound(format!("no target or task `{id}` in {}", d.file)));
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
                "empty item name; expected FILE:ID (e.g. 004:T10) or words of its name".into(),
            ));
        }
        let mut hits = Vec::new();
        for d in &docs {
            for t in &d.extraction.targets {
                if fold(&t.name).contains(&fq) {
                    hits.push((
                        ItemRef { doc: d.file.clone(), kind: ItemKind::Target, id: t.id.clone() },
                        t.name.clone(),
                    ));
                }
            }
            for k in &d.extraction.tasks {
                if fold(&k.what).contains(&fq) {
                    hits.push((
                        ItemRef { doc: d.file.clone(), kind: ItemKind::Task, id: k.id.clone() },
                        k.what.clone(),
                    ));
                }
            }
        }
        match hits.len() {
            0 => Err(StoreError::NotFound(format!("no target or task named like `{q}`; use FILE:ID (e.g. 004:T10)"))),
            1 => Ok(hits.remove(0).0),
            n => {
                let list: Vec<String> =
                    hits.iter().take(8).map(|(r, name)| format!("  {}:{}  {}", r.doc, r.id, name)).collect();
                Err(StoreError::Ambiguous(format!(
                    "`{q}` matches {n} items; name one by FILE:ID:\n{}",
                    list.join("\n")
                )))
            }
        }
    }

    async fn document_id(&self, file: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT id FROM documents WHERE file_name = $1")
            .bind(file)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| {
                StoreError::NotFound(format!("document `{file}` is not in the ledger; `theodoi add` it first"))
            })?;
        get_i64(&row, "id")
    }

    /// Record a progress update (one transaction: the update and its audit row). Returns its id.
    pub async fn add_progress(&self, p: &ProgressUpdate) -> Result<i64, StoreError> {
        if chrono::NaiveDate::parse_from_str(&p.date, "%Y-%m-%d").is_err() {
            return Err(StoreError::Invalid(format!("progress date `{}`: expected YYYY-MM-DD", p.date)));
        }
        if let Some(v) = p.value {
            if !v.is_finite() {
                return Err(StoreError::Invalid(format!("progress value `{v}` is not a number")));
            }
        }
        let doc_id = self.document_id(&p.item.doc).await?;
        let evidence = p.evidence.as_ref().map(serde_json::to_string).transpose()?;
        let actor = p.user.clone().unwrap_or_else(|| "document".into());
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "INSERT INTO progress_updates (document_id, item_kind, item_key, value, done, on_date, note, user_name, evidence_json, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .persistent(false) // Option<f64>: see NULL_FLOAT in import.rs
        .bind(doc_id)
        .bind(kind_name(p.item.kind))
        .bind(nfc(&p.item.id))
        .bind(p.value)
        .bind(i64::from(p.done))
        .bind(&p.date)
        .bind(nfc_opt(&p.note))
        .bind(nfc_opt(&p.user))
        .bind(evidence.as_deref().map(nfc))
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        if let Some(user) = &p.user {
            ensure_user(&mut tx, user).await?;
        }
        let detail =
            serde_json::json!({"doc": p.item.doc, "item": p.item.id, "value": p.value, "done": p.done, "date": p.date});
        audit(&mut tx, &actor, "progress", "progress", &id.to_string(), &detail).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every progress update, oldest first.
    pub async fn progress(&self) -> Result<Vec<ProgressUpdate>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.file_name, p.item_kind, p.item_key, p.value, p.done, p.on_date, p.note, p.user_name, p.evidence_json \
             FROM progress_updates p JOIN documents d ON d.id = p.document_id ORDER BY p.on_date, p.id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let evidence: Option<Evidence> = match get_opt_str(&r, "evidence_json")? {
                Some(s) => Some(serde_json::from_str(&s)?),
                None => None,
            };
            out.push(ProgressUpdate {
                item: ItemRef {
                    doc: get_str(&r, "file_name")?,
                    kind: kind_from(&get_str(&r, "item_kind")?)?,
                    id: get_str(&r, "item_key")?,
                },
                value: r.try_get::<Option<f64>, _>("value")?,
                done: get_i64(&r, "done")? != 0,
                date: get_str(&r, "on_date")?,
                note: get_opt_str(&r, "note")?,
                user: get_opt_str(&r, "user_name")?,
                evidence,
            });
        }
        Ok(out)
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
    /// are stored open, known ones keep their state, open ones about documents in scope that the run
    /// no longer produced are marked resolved. Returns how many were new.
    pub async fn record_findings(
        &self,
        findings: &[Finding],
        scope: Option<&[String]>,
        actor: &str,
    ) -> Result<usize, StoreError> {
        let at = now();
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE ledger_lock SET n = n + 1 WHERE id = 1").execute(&mut *tx).await?;
        let mut seen = std::collections::BTreeSet::new();
        let mut new = 0usize;
        for f in findings {
            let fp = fingerprint(f);
            if !seen.insert(fp.clone()) {
                continue;
            }
            let updated = sqlx::query(
                "UPDATE findings SET last_seen = $1, message_vi = $2, message_en = $3, severity = $4, \
                 state = CASE WHEN state = 'resolved' THEN 'open' ELSE state END WHERE fingerprint = $5",
            )
            .bind(&at)
            .bind(nfc(&f.message_vi))
            .bind(nfc(&f.message_en))
            .bind(severity_name(f.severity))
            .bind(&fp)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if updated == 0 {
                sqlx::query(
                    "INSERT INTO findings (fingerprint, kind, severity, message_vi, message_en, evidence_json, state, first_seen, last_seen) \
                     VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $7)",
                )
                .bind(&fp)
                .bind(nfc(&f.kind))
                .bind(severity_name(f.severity))
                .bind(nfc(&f.message_vi))
                .bind(nfc(&f.message_en))
                .bind(nfc(&serde_json::to_string(&f.evidence)?))
                .bind(&at)
                .execute(&mut *tx)
                .await?;
                new += 1;
            }
        }
        // Resolve what this run no longer produces — only among findings about documents it looked at.
        let stale = sqlx::query("SELECT id, evidence_json FROM findings WHERE state = 'open' AND last_seen <> $1")
            .bind(&at)
            .fetch_all(&mut *tx)
            .await?;
        let mut resolved = 0u64;
        for row in stale {
            let evidence: Vec<Evidence> = serde_json::from_str(&get_str(&row, "evidence_json")?)?;
            let in_scope = scope.is_none_or(|docs| evidence.iter().all(|e| docs.iter().any(|d| *d == e.doc)));
            if in_scope {
                resolved += sqlx::query("UPDATE findings SET state = 'resolved' WHERE id = $1")
                    .bind(get_i64(&row, "id")?)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
        }
        let detail = serde_json::json!({"produced": findings.len(), "new": new, "resolved": resolved});
        audit(&mut tx, actor, "findings", "finding", "check", &detail).await?;
        tx.commit().await?;
        Ok(new)
    }

    /// Stored findings in state `open`, most severe first.
    pub async fn open_findings(&self) -> Result<Vec<StoredFinding>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, kind, severity, message_vi, message_en, evidence_json, state, first_seen FROM findings WHERE state = 'open' ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(StoredFinding {
                id: get_i64(&r, "id")?,
                finding: Finding {
                    kind: get_str(&r, "kind")?,
                    severity: severity_from(&get_str(&r, "severity")?),
                    message_vi: get_str(&r, "message_vi")?,
                    message_en: get_str(&r, "message_en")?,
                    evidence: serde_json::from_str(&get_str(&r, "evidence_json")?)?,
                },
                state: get_str(&r, "state")?,
                first_seen: get_str(&r, "first_seen")?,
            });
        }
        out.sort_by(|a, b| b.finding.severity.cmp(&a.finding.severity).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Store proposed links; a link already stored keeps its review state (a rejected link is not proposed again).
    /// Returns how many were new.
    pub async fn propose_links(&self, links: &[Link], actor: &str) -> Result<usize, StoreError> {
        let mut ids = std::collections::HashMap::new();
        for l in links {
            for f in [&l.from.doc, &l.to.doc] {
                if !ids.contains_key(f) {
                    ids.insert(f.clone(), self.document_id(f).await?);
                }
            }
        }
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE ledger_lock SET n = n + 1 WHERE id = 1").execute(&mut *tx).await?;
        let mut new = 0;
        for l in links {
            let (Some(from), Some(to)) = (ids.get(&l.from.doc), ids.get(&l.to.doc)) else {
                continue;
            };
            let n = sqlx::query(
                "INSERT INTO links (from_document_id, from_kind, from_key, to_document_id, to_kind, to_key, relation, confidence, state) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 ON CONFLICT (from_document_id, from_kind, from_key, to_document_id, to_kind, to_key) DO NOTHING",
            )
            .bind(*from)
            .bind(kind_name(l.from.kind))
            .bind(&l.from.id)
            .bind(*to)
            .bind(kind_name(l.to.kind))
            .bind(&l.to.id)
            .bind(relation_name(l.relation))
            .bind(l.confidence)
            .bind(state_name(l.state))
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

    /// Every stored link.
    pub async fn links(&self) -> Result<Vec<StoredLink>, StoreError> {
        let rows = sqlx::query(
            "SELECT l.id, fd.file_name AS from_doc, l.from_kind, l.from_key, td.file_name AS to_doc, l.to_kind, l.to_key, \
             l.relation, l.confidence, l.state, l.decided_by FROM links l \
             JOIN documents fd ON fd.id = l.from_document_id JOIN documents td ON td.id = l.to_document_id ORDER BY l.id",
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
        let mut tx = self.pool.begin().await?;
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
