//! Organisations (tổ chức) and the official list of administrative units ([`theodoi_units`]).
//!
//! A document's organisation and its parent are looked up in the list (the parent names the
//! province: "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG" above "ĐẢNG UỶ PHƯỜNG LÊ ÍCH MỘC"). Matched, the
//! organisation *is* the unit: one row per unit code, named as the list names it, under its
//! province's row — so "Phường Lê Ích Mộc", "P. Lê Ích Mộc" and "Phường Thủy/Thuỷ Nguyên" are one
//! organisation each. Not matched, it is kept as written (keyed by its folded name) with no unit
//! code and shown for review. A ward whose document names a parent that is not on the list is not
//! matched either: the province is what tells two wards of one name apart, so it is not guessed.
//! Units named inside a document (former wards, party cells) are never matched: they are not
//! units of the 2025 map.

use serde::{Deserialize, Serialize};
use sqlx::{Any, Row, Transaction};
use theodoi_core::Extraction;
use theodoi_text::fold;
use theodoi_units::{Match, Unit};

use crate::{get_i64, get_opt_str, get_str, nfc, Store, StoreError};

/// The unit a document's organisation `name` is, its parent organisation being `parent` (both as
/// written): [`theodoi_units::resolve_org`].
pub fn resolve(name: &str, parent: Option<&str>) -> Option<&'static Unit> {
    theodoi_units::resolve_org(name, parent)
}

/// The province or city a name is, if it is one.
fn province(name: &str) -> Option<&'static Unit> {
    theodoi_units::lookup(name).unit().filter(|u| u.kind.is_province_level())
}

/// Why a document's organisation is not matched, in the clerk's words (Vietnamese, English).
pub fn unmatched_reason(name: &str, parent: Option<&str>) -> (String, String) {
    let parent = parent.map(str::trim).filter(|p| !p.is_empty());
    let anywhere = theodoi_units::lookup(name);
    if anywhere == Match::NotFound {
        return (
            "không có trong danh mục đơn vị hành chính 2025".into(),
            "not on the 2025 list of administrative units".into(),
        );
    }
    let named = |v: &[&'static Unit]| {
        v.iter().map(|u| format!("{} ({})", u.name, u.province().map_or("", |p| p.name))).collect::<Vec<_>>().join(", ")
    };
    let everywhere: Vec<&'static Unit> = match &anywhere {
        Match::Unit(u) => vec![*u],
        Match::Ambiguous(v) => v.clone(),
        Match::NotFound => Vec::new(),
    };
    match parent {
        Some(p) if province(p).is_none() => (
            format!("cấp trên \"{p}\" không phải tỉnh, thành phố trong danh mục, nên không xác định được đơn vị; cùng tên: {}", named(&everywhere)),
            format!("its parent \"{p}\" is not a province or city of the list, so the unit is not decided; of that name: {}", named(&everywhere)),
        ),
        Some(p) => {
            let p = province(p).map_or(p, |u| u.name);
            (
                format!("không có trong danh mục đơn vị hành chính của {p}; cùng tên: {}", named(&everywhere)),
                format!("not on the list of administrative units of {p}; of that name: {}", named(&everywhere)),
            )
        }
        None => (
            format!("trùng tên {} đơn vị, văn bản không ghi tỉnh, thành phố: {}", everywhere.len(), named(&everywhere)),
            format!("{} units have this name and the document names no province: {}", everywhere.len(), named(&everywhere)),
        ),
    }
}

/// The folded key of a matched unit's row: its folded name (so `--org "Le Ich Moc"` finds it)
/// and its code, which keeps two units of one name apart.
fn unit_key(u: &Unit) -> String {
    format!("{} #{}", fold(u.name), u.code)
}

fn level_of(u: &Unit) -> &'static str {
    if u.kind.is_province_level() {
        "city"
    } else {
        "ward"
    }
}

/// "Thành phố Hải Phòng" → city; "Phường …"/"Xã …" → ward; otherwise a unit.
fn level_as_written(name: &str) -> &'static str {
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

/// The organisations of a document: its parent, itself, and the units its figures belong to.
/// Returns the document's organisation.
pub(crate) async fn upsert_document_orgs(
    tx: &mut Transaction<'static, Any>,
    x: &Extraction,
) -> Result<Option<i64>, StoreError> {
    let org = org_row(tx, x.org.as_deref(), x.parent_org.as_deref()).await?;
    // Units the figures belong to (former wards, party cells) sit under the document's org.
    let mut units: Vec<&str> = x.targets.iter().filter_map(|t| t.unit_org.as_deref()).collect();
    units.extend(x.facts.iter().filter_map(|f| f.unit_org.as_deref()));
    units.sort();
    units.dedup();
    for u in units.into_iter().filter(|u| !u.trim().is_empty()) {
        upsert(tx, u, org, None).await?;
    }
    Ok(org)
}

/// A name as a document writes it: trimmed, `None` when empty.
pub(crate) fn written(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// The row of a document's organisation `org` under `parent` (both as written; the parent's row is
/// made too): the unit's row when the name is on the list or a clerk mapped it, else the name's.
async fn org_row(
    tx: &mut Transaction<'static, Any>,
    org: Option<&str>,
    parent: Option<&str>,
) -> Result<Option<i64>, StoreError> {
    let (org, parent_name) = (written(org), written(parent));
    let parent = match parent_name {
        Some(p) => {
            let unit = resolve_decided(tx, p, None).await?;
            Some(upsert(tx, p, None, unit).await?)
        }
        None => None,
    };
    Ok(match org {
        Some(o) => {
            let unit = resolve_decided(tx, o, parent_name).await?;
            Some(upsert(tx, o, parent, unit).await?)
        }
        None => None,
    })
}

/// What a clerk decided about a name as written (`theodoi org map|review`).
enum Decided {
    /// It is this unit.
    Unit(&'static Unit),
    /// Reviewed: kept as written.
    AsWritten,
}

async fn decided(tx: &mut Transaction<'static, Any>, name: &str) -> Result<Option<Decided>, StoreError> {
    let row = sqlx::query("SELECT unit_code FROM org_decisions WHERE name_folded = $1")
        .bind(fold(name.trim()))
        .fetch_optional(&mut **tx)
        .await?;
    Ok(match row {
        None => None,
        Some(r) => Some(match get_opt_str(&r, "unit_code")?.as_deref().and_then(theodoi_units::by_code) {
            Some(u) => Decided::Unit(u),
            None => Decided::AsWritten,
        }),
    })
}

/// The unit an organisation written `name` (under `parent`, as written) is: a clerk's decision on
/// the name first; then the list, the parent read as the province a clerk mapped it to, if any.
async fn resolve_decided(
    tx: &mut Transaction<'static, Any>,
    name: &str,
    parent: Option<&str>,
) -> Result<Option<&'static Unit>, StoreError> {
    match decided(tx, name).await? {
        Some(Decided::Unit(u)) => return Ok(Some(u)),
        Some(Decided::AsWritten) => return Ok(None),
        None => {}
    }
    let parent = match parent {
        Some(p) => match decided(tx, p).await? {
            Some(Decided::Unit(u)) => Some(u.name),
            _ => Some(p),
        },
        None => None,
    };
    Ok(resolve(name, parent))
}

/// A document's organisation key (`unit:CODE`, else the name as written folded) with the clerks'
/// decisions applied — what [`crate::identity::org_key_near`] gives where nobody decided anything.
pub(crate) async fn org_key_decided(
    tx: &mut Transaction<'static, Any>,
    org: Option<&str>,
    parent: Option<&str>,
) -> Result<Option<String>, StoreError> {
    let Some(o) = written(org) else { return Ok(None) };
    Ok(Some(match resolve_decided(tx, o, written(parent)).await? {
        Some(u) => format!("unit:{}", u.code),
        None => theodoi_units::written_key(o),
    }))
}

/// Ledgers made before decisions (migration 9), and imports of their exports: each document's
/// organisation and parent as its current version writes them, where they are not recorded.
pub(crate) async fn backfill_written(tx: &mut Transaction<'static, Any>) -> Result<(), StoreError> {
    let docs = sqlx::query(
        "SELECT d.id, v.extraction_json FROM documents d \
         JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version \
         WHERE d.org_written IS NULL AND d.parent_written IS NULL",
    )
    .fetch_all(&mut **tx)
    .await?;
    for d in docs {
        let x: Extraction = serde_json::from_str(&get_str(&d, "extraction_json")?)?;
        set_written(tx, get_i64(&d, "id")?, &x).await?;
    }
    Ok(())
}

/// Record document `doc_id`'s organisation and parent as `x` writes them.
pub(crate) async fn set_written(
    tx: &mut Transaction<'static, Any>,
    doc_id: i64,
    x: &Extraction,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE documents SET org_written = $1, parent_written = $2 WHERE id = $3")
        .bind(written(x.org.as_deref()).map(nfc))
        .bind(written(x.parent_org.as_deref()).map(nfc))
        .bind(doc_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The documents that write the name folded as `folded` as their organisation or its parent:
/// (row id, organisation, parent), as written.
async fn documents_writing(
    tx: &mut Transaction<'static, Any>,
    folded: &str,
) -> Result<Vec<(i64, Option<String>, Option<String>)>, StoreError> {
    let rows = sqlx::query("SELECT id, org_written, parent_written FROM documents WHERE org_written IS NOT NULL OR parent_written IS NOT NULL")
        .fetch_all(&mut **tx)
        .await?;
    let mut out = Vec::new();
    for r in rows {
        let (o, p) = (get_opt_str(&r, "org_written")?, get_opt_str(&r, "parent_written")?);
        let is = |s: &Option<String>| s.as_deref().is_some_and(|s| fold(s.trim()) == folded);
        if is(&o) || is(&p) {
            out.push((get_i64(&r, "id")?, o, p));
        }
    }
    Ok(out)
}

/// The row of an organisation: the unit's when matched (its province's row made first and made
/// its parent), else the row of the name as written.
async fn upsert(
    tx: &mut Transaction<'static, Any>,
    name: &str,
    parent: Option<i64>,
    unit: Option<&'static Unit>,
) -> Result<i64, StoreError> {
    match unit {
        Some(u) => {
            let province = match u.parent.and_then(theodoi_units::by_code) {
                Some(p) => Some(unit_row(tx, p, None).await?),
                None => None,
            };
            unit_row(tx, u, province).await
        }
        None => written_row(tx, name, parent).await,
    }
}

async fn unit_row(tx: &mut Transaction<'static, Any>, u: &Unit, parent: Option<i64>) -> Result<i64, StoreError> {
    if let Some(row) = sqlx::query("SELECT id, parent_id FROM organisations WHERE unit_code = $1")
        .bind(u.code)
        .fetch_optional(&mut **tx)
        .await?
    {
        let id: i64 = row.try_get("id")?;
        let old: Option<i64> = row.try_get("parent_id")?;
        if parent.is_some() && old != parent {
            sqlx::query("UPDATE organisations SET parent_id = $1 WHERE id = $2")
                .bind(parent)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        return Ok(id);
    }
    let row = sqlx::query(
        "INSERT INTO organisations (name, name_folded, level, parent_id, unit_code) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(u.name)
    .bind(unit_key(u))
    .bind(level_of(u))
    .bind(parent)
    .bind(u.code)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get("id")?)
}

async fn written_row(tx: &mut Transaction<'static, Any>, name: &str, parent: Option<i64>) -> Result<i64, StoreError> {
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
    .bind(level_as_written(name))
    .bind(parent)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get("id")?)
}

/// Ledgers made before the list (migration 5): each document's organisation and parent are
/// matched, two rows of one unit (two spellings) become one — documents and child rows move to
/// the first — and every document's organisation key is recomputed.
pub(crate) async fn backfill_units(tx: &mut Transaction<'static, Any>) -> Result<(), StoreError> {
    // The organisations documents name, with the parent each was stored under.
    let rows = sqlx::query(
        "SELECT o.id, o.name, p.name AS parent FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id \
         WHERE o.id IN (SELECT org_id FROM documents WHERE org_id IS NOT NULL) \
            OR o.id IN (SELECT x.parent_id FROM organisations x JOIN documents d ON d.org_id = x.id) \
         ORDER BY o.id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut matched: Vec<(i64, &'static Unit)> = Vec::new();
    for r in &rows {
        let (id, name, parent) = (get_i64(r, "id")?, get_str(r, "name")?, get_opt_str(r, "parent")?);
        if let Some(u) = resolve(&name, parent.as_deref()) {
            matched.push((id, u));
        }
    }
    // Provinces first, so a ward's province row exists when the ward is moved under it.
    matched.sort_by_key(|(id, u)| (!u.kind.is_province_level(), *id));
    for (id, u) in matched {
        let keep = match sqlx::query("SELECT id FROM organisations WHERE unit_code = $1")
            .bind(u.code)
            .fetch_optional(&mut **tx)
            .await?
        {
            Some(r) => get_i64(&r, "id")?,
            None => {
                sqlx::query(
                    "UPDATE organisations SET unit_code = $1, name = $2, name_folded = $3, level = $4 WHERE id = $5",
                )
                .bind(u.code)
                .bind(u.name)
                .bind(unit_key(u))
                .bind(level_of(u))
                .bind(id)
                .execute(&mut **tx)
                .await?;
                id
            }
        };
        if keep != id {
            // A second spelling of the unit: its documents and children move to the first row.
            sqlx::query("UPDATE documents SET org_id = $1 WHERE org_id = $2")
                .bind(keep)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            sqlx::query("UPDATE organisations SET parent_id = $1 WHERE parent_id = $2")
                .bind(keep)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            sqlx::query("DELETE FROM organisations WHERE id = $1").bind(id).execute(&mut **tx).await?;
        }
        if let Some(p) = u.parent.and_then(theodoi_units::by_code) {
            let pid = unit_row(tx, p, None).await?;
            sqlx::query("UPDATE organisations SET parent_id = $1 WHERE id = $2")
                .bind(pid)
                .bind(keep)
                .execute(&mut **tx)
                .await?;
        }
    }
    let docs = sqlx::query(
        "SELECT d.id, v.extraction_json FROM documents d \
         JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version",
    )
    .fetch_all(&mut **tx)
    .await?;
    for d in docs {
        let x: Extraction = serde_json::from_str(&get_str(&d, "extraction_json")?)?;
        sqlx::query("UPDATE documents SET org_key = $1 WHERE id = $2")
            .bind(crate::identity::org_key_near(x.org.as_deref(), x.parent_org.as_deref()))
            .bind(get_i64(&d, "id")?)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// What `--org X` selects: organisations whose folded name contains X's folded form, or the
/// unit X names ("P. Lê Ích Mộc" selects Phường Lê Ích Mộc; "Hải Phòng" selects the city).
pub(crate) struct OrgFilter {
    folded: String,
    code: Option<String>,
}

impl OrgFilter {
    pub(crate) fn new(org: &str) -> Self {
        let code = theodoi_units::lookup(org).unit().map(|u| format!("#{}", u.code));
        OrgFilter { folded: fold(org.trim()), code }
    }

    /// Whether a document whose organisation and parent have these folded keys is selected.
    pub(crate) fn selects(&self, org: &str, parent: &str) -> bool {
        let has = |k: &str| k.contains(self.folded.as_str()) || self.code.as_deref().is_some_and(|c| k.ends_with(c));
        has(org) || has(parent)
    }

    /// Whether a row with the folded keys in its `org` and `parent` columns is selected.
    pub(crate) fn selects_row(&self, row: &sqlx::any::AnyRow) -> Result<bool, StoreError> {
        let o = get_opt_str(row, "org")?.unwrap_or_default();
        let p = get_opt_str(row, "parent")?.unwrap_or_default();
        Ok(self.selects(&o, &p))
    }
}

/// A commune, ward or special zone of a city as the ledger sees it (đơn vị cấp xã).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CityUnit {
    /// The official code ("11506").
    pub code: String,
    /// "phường", "xã" or "đặc khu".
    pub kind: String,
    /// The official name ("Phường Lê Ích Mộc").
    pub name: String,
    /// Its organisation's row, when a document of it was ever added.
    pub organisation: Option<i64>,
    /// How many documents of it the ledger holds (0: it sent none).
    pub documents: i64,
}

/// A document's organisation that is not on the official list, for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnmatchedOrganisation {
    /// Row id.
    pub id: i64,
    /// The name as the documents write it.
    pub name: String,
    /// Its parent as written.
    pub parent: Option<String>,
    /// How many documents name it.
    pub documents: i64,
    /// Why it is not matched (Vietnamese).
    pub reason_vi: String,
    /// Why it is not matched (English).
    pub reason_en: String,
}

impl Store {
    /// Every commune, ward and special zone of a city or province (`city`: its name as written —
    /// "Hải Phòng", "Thành phố Hải Phòng", "TP. Hồ Chí Minh" — or its code "31"), in code order,
    /// each with its organisation and document count: those that sent no document have 0.
    pub async fn units_of_city(&self, city: &str) -> Result<Vec<CityUnit>, StoreError> {
        let p = theodoi_units::by_code(city)
            .or_else(|| theodoi_units::lookup(city).unit())
            .filter(|u| u.kind.is_province_level())
            .ok_or_else(|| StoreError::NotFound(format!("{city}: not a province or city of the 2025 list")))?;
        let rows = sqlx::query(
            "SELECT o.id, o.unit_code, (SELECT COUNT(*) FROM documents d WHERE d.org_id = o.id) AS n \
             FROM organisations o JOIN organisations p ON p.id = o.parent_id \
             WHERE p.unit_code = $1 AND o.unit_code IS NOT NULL",
        )
        .bind(p.code)
        .fetch_all(&self.pool)
        .await?;
        let mut known = std::collections::HashMap::new();
        for r in &rows {
            if let Some(code) = get_opt_str(r, "unit_code")? {
                known.insert(code, (get_i64(r, "id")?, get_i64(r, "n")?));
            }
        }
        Ok(theodoi_units::units_of(p.code)
            .iter()
            .map(|u| {
                let k = known.get(u.code);
                CityUnit {
                    code: u.code.to_string(),
                    kind: u.kind.word().to_string(),
                    name: u.name.to_string(),
                    organisation: k.map(|k| k.0),
                    documents: k.map_or(0, |k| k.1),
                }
            })
            .collect())
    }

    /// The organisations and parents documents name that are written as administrative units
    /// ("Phường …", "Xã …", "Thành phố …") but are not on the official list (kept as written), with
    /// why, in alphabetical order.
    pub async fn unmatched_organisations(&self) -> Result<Vec<UnmatchedOrganisation>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.id, o.name, p.name AS parent, \
                    (SELECT COUNT(*) FROM documents d WHERE d.org_id = o.id) AS n \
             FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id \
             WHERE o.unit_code IS NULL AND (o.id IN (SELECT org_id FROM documents WHERE org_id IS NOT NULL) \
                OR o.id IN (SELECT x.parent_id FROM organisations x JOIN documents d ON d.org_id = x.id)) \
             ORDER BY o.id",
        )
        .fetch_all(&self.pool)
        .await?;
        // Names a clerk mapped to a unit or reviewed are not asked about again.
        let decided: std::collections::HashSet<String> = sqlx::query("SELECT name_folded FROM org_decisions")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| get_str(r, "name_folded"))
            .collect::<Result<_, _>>()?;
        let mut out: Vec<UnmatchedOrganisation> = rows
            .iter()
            // Organisations inside a unit ("Tổ dân phố số 7") are not on the list by nature.
            .filter(|r| {
                get_str(r, "name").is_ok_and(|n| theodoi_units::is_unit_name(&n) && !decided.contains(&fold(n.trim())))
            })
            .map(|r| {
                let name = get_str(r, "name")?;
                let parent = get_opt_str(r, "parent")?;
                let (reason_vi, reason_en) = unmatched_reason(&name, parent.as_deref());
                Ok(UnmatchedOrganisation {
                    id: get_i64(r, "id")?,
                    name,
                    parent,
                    documents: get_i64(r, "n")?,
                    reason_vi,
                    reason_en,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        // Alphabetical as a reader expects it ("Đông" among the D's, not after "Z"): by folded name.
        out.sort_by_cached_key(|o| (fold(&o.name), o.id));
        Ok(out)
    }
}

/// A clerk's decision on an organisation name not on the official list (`theodoi org map|review`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgDecision {
    /// The name as the clerk gave it (NFC); the decision holds for every spelling that folds alike.
    pub name: String,
    /// The unit it was mapped to; `None`: reviewed and kept as written.
    pub unit_code: Option<String>,
    /// That unit's official name and its province ("Phường Lê Ích Mộc, Thành phố Hải Phòng").
    pub unit_name: Option<String>,
    /// Who decided.
    pub decided_by: String,
    /// When, RFC 3339 UTC.
    pub decided_at: String,
    /// The clerk's note.
    pub note: Option<String>,
    /// How many documents write the name (as their organisation or its parent).
    pub documents: usize,
}

/// "Phường Lê Ích Mộc, Thành phố Hải Phòng".
fn unit_label(u: &Unit) -> String {
    match u.province() {
        Some(p) if p.code != u.code => format!("{}, {}", u.name, p.name),
        _ => u.name.to_string(),
    }
}

impl Store {
    /// Decide about an organisation name the documents write: `unit` (a code of the official list,
    /// "11506", or a name it finds exactly one unit by) maps it to that unit — its documents become
    /// the unit's, grouped, selected and listed with it; `None` marks it reviewed and keeps it as
    /// written. Either way it leaves the list of names to review. The decision is keyed by the folded
    /// name, so it holds for documents added later, revisions and re-imports; a second decision on a
    /// name replaces the first. Audited (`org_mapped` / `org_reviewed`) with the clerk's name and note.
    pub async fn decide_organisation(
        &self,
        name: &str,
        unit: Option<&str>,
        user: &str,
        note: Option<&str>,
    ) -> Result<OrgDecision, StoreError> {
        let name = nfc(name.trim());
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(StoreError::Invalid("organisation name: expected the name as the documents write it".into()));
        }
        let folded = fold(&name);
        let unit = match unit.map(str::trim) {
            None => None,
            Some(c) => {
                Some(theodoi_units::by_code(c).or_else(|| theodoi_units::lookup(c).unit()).ok_or_else(|| {
                    StoreError::NotFound(format!("`{c}`: no unit of the 2025 list has this code or name"))
                })?)
            }
        };
        let mut tx = self.begin_write().await?;
        let docs = documents_writing(&mut tx, &folded).await?;
        if docs.is_empty() {
            return Err(StoreError::NotFound(format!(
                "no document names the organisation `{name}`; `theodoi org list` shows the names"
            )));
        }
        if unit.is_none() {
            // Reviewing is for names the list does not hold; a listed name needs no review.
            let parent = docs
                .iter()
                .find(|d| d.1.as_deref().is_some_and(|o| fold(o.trim()) == folded))
                .and_then(|d| d.2.clone());
            if let (None, Some(u)) = (decided(&mut tx, &name).await?, resolve(&name, parent.as_deref())) {
                return Err(StoreError::Invalid(format!(
                    "`{name}` is on the official list ({}, {}): nothing to review",
                    unit_label(u),
                    u.code
                )));
            }
        }
        let before = sqlx::query("SELECT unit_code FROM org_decisions WHERE name_folded = $1")
            .bind(&folded)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| get_opt_str(&r, "unit_code"))
            .transpose()?;
        let at = crate::now();
        sqlx::query(
            "INSERT INTO org_decisions (name_folded, name, unit_code, decided_by, decided_at, note) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (name_folded) DO UPDATE SET name = excluded.name, unit_code = excluded.unit_code, \
             decided_by = excluded.decided_by, decided_at = excluded.decided_at, note = excluded.note",
        )
        .bind(&folded)
        .bind(&name)
        .bind(unit.map(|u| u.code))
        .bind(nfc(user))
        .bind(&at)
        .bind(note.map(nfc))
        .execute(&mut *tx)
        .await?;
        // Every document that writes the name takes its organisation and key again, decisions applied.
        for (id, org, parent) in &docs {
            let org_id = org_row(&mut tx, org.as_deref(), parent.as_deref()).await?;
            let key = org_key_decided(&mut tx, org.as_deref(), parent.as_deref()).await?;
            sqlx::query("UPDATE documents SET org_id = $1, org_key = $2 WHERE id = $3")
                .bind(org_id)
                .bind(key)
                .bind(*id)
                .execute(&mut *tx)
                .await?;
        }
        crate::ledger::ensure_user(&mut tx, user).await?;
        let detail = serde_json::json!({
            "unit": unit.map(|u| u.code), "unit_name": unit.map(|u| u.name), "note": note,
            "documents": docs.len(), "before": before,
        });
        let action = if unit.is_some() { "org_mapped" } else { "org_reviewed" };
        crate::ledger::audit(&mut tx, user, action, "organisation", &name, &detail).await?;
        tx.commit().await?;
        Ok(OrgDecision {
            name,
            unit_code: unit.map(|u| u.code.to_string()),
            unit_name: unit.map(unit_label),
            decided_by: nfc(user),
            decided_at: at,
            note: note.map(nfc),
            documents: docs.len(),
        })
    }

    /// Every decision clerks made about organisation names, by name.
    pub async fn org_decisions(&self) -> Result<Vec<OrgDecision>, StoreError> {
        let rows = sqlx::query("SELECT name, name_folded, unit_code, decided_by, decided_at, note FROM org_decisions")
            .fetch_all(&self.pool)
            .await?;
        let written = sqlx::query("SELECT org_written, parent_written FROM documents").fetch_all(&self.pool).await?;
        let mut count: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for r in &written {
            let (o, p) = (get_opt_str(r, "org_written")?, get_opt_str(r, "parent_written")?);
            let (o, p) = (o.map(|s| fold(s.trim())), p.map(|s| fold(s.trim())));
            for k in o.iter().chain(p.iter().filter(|p| Some(*p) != o.as_ref())) {
                *count.entry(k.clone()).or_insert(0) += 1;
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let unit = get_opt_str(r, "unit_code")?;
            let u = unit.as_deref().and_then(theodoi_units::by_code);
            out.push(OrgDecision {
                name: get_str(r, "name")?,
                unit_code: unit,
                unit_name: u.map(unit_label),
                decided_by: get_str(r, "decided_by")?,
                decided_at: get_str(r, "decided_at")?,
                note: get_opt_str(r, "note")?,
                documents: count.get(&get_str(r, "name_folded")?).copied().unwrap_or(0),
            });
        }
        out.sort_by_cached_key(|d| fold(&d.name));
        Ok(out)
    }
}
