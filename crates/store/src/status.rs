//! What `theodoi status` shows, read by queries: how many targets stand at each status, the
//! targets behind schedule and the tasks due or overdue that are listed (the first few of each),
//! and how many there are in all — never every target of the ledger.
//!
//! Why it can: a target with no progress is overdue once its deadline has passed, else without
//! data, so those are counted by deadline in the database (a few distinct deadlines); only the
//! items with progress (user entries in force, and results reported through trusted links) are
//! read one by one and go through [`theodoi_check::target_status`]. Tasks likewise: only those
//! marked done are read; the others are due or overdue by their deadline alone. The items listed
//! are read in the order they are shown, as many as are shown.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::Row;
use theodoi_core::{
    Extraction, ItemKind, LedgerDocument, LinkRelation, LinkState, ProgressUpdate, Target, TargetStatus, Task,
    TaskStatus,
};

use crate::{get_i64, get_opt_str, get_str, Backend, Store, StoreError};

/// Tasks due within this many days are listed as due.
pub const DUE_DAYS: i64 = 30;

/// A target `status` lists: behind schedule or overdue.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownTarget {
    /// The document's name in the ledger.
    pub doc: String,
    /// Its stable id (`CT12`), when the ledger has one.
    pub code: Option<String>,
    /// The target, without evidence.
    pub target: Target,
    /// Its status as of the report's day.
    pub status: TargetStatus,
    /// The latest value recorded, if any.
    pub last: Option<f64>,
}

/// A task `status` lists: due soon or overdue.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownTask {
    /// The document's name in the ledger.
    pub doc: String,
    /// Its stable id (`NV7`), when the ledger has one.
    pub code: Option<String>,
    /// The task, without evidence.
    pub task: Task,
    /// Its deadline as a day.
    pub deadline: Option<NaiveDate>,
}

/// What `theodoi status` reports, as of one day.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatusReport {
    /// Current documents in scope.
    pub documents: usize,
    /// Targets (goals, not results) by status.
    pub by_status: BTreeMap<TargetStatus, usize>,
    /// The first targets at risk, off track or overdue: most urgent status first, then by
    /// document and position.
    pub behind: Vec<ShownTarget>,
    /// How many targets are at risk, off track or overdue in all.
    pub behind_total: usize,
    /// The first open tasks due within [`DUE_DAYS`], earliest first.
    pub due: Vec<ShownTask>,
    /// How many in all.
    pub due_total: usize,
    /// The first overdue tasks, earliest deadline first.
    pub overdue: Vec<ShownTask>,
    /// How many in all.
    pub overdue_total: usize,
}

fn behind(s: TargetStatus) -> bool {
    matches!(s, TargetStatus::AtRisk | TargetStatus::OffTrack | TargetStatus::Overdue)
}

/// Columns of a target row (with its document and stable id), as [`target_of`] reads them.
const TARGET_COLS: &str = "d.file_name, t.item_key, t.kind, t.name, t.section, t.category, t.unit_org, t.comparator, \
     t.value, t.value_max, t.unit, t.frequency, t.deadline, t.term, t.target_text, t.achieved, t.achieved_text, t.verdict, \
     (SELECT MIN(i.id) FROM items i WHERE i.document_id = d.id AND i.kind = 'target' AND i.position = t.item_key \
      AND i.removed_in IS NULL) AS item_id";
const TASK_COLS: &str =
    "d.file_name, t.item_key, t.what, t.section, t.lead, t.partners_json, t.deadline, t.deadline_text, \
     (SELECT MIN(i.id) FROM items i WHERE i.document_id = d.id AND i.kind = 'task' AND i.position = t.item_key \
      AND i.removed_in IS NULL) AS item_id";
/// The current version of each document.
const CURRENT: &str = "documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version";

/// An enum from the name it is stored under (serde's).
fn enum_from<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok())
}

fn target_of(r: &AnyRow) -> Result<(String, Option<String>, Target), StoreError> {
    let target = Target {
        id: get_str(r, "item_key")?,
        kind: enum_from(get_opt_str(r, "kind")?).unwrap_or(theodoi_core::TargetKind::Target),
        name: get_str(r, "name")?,
        section: get_opt_str(r, "section")?,
        category: get_opt_str(r, "category")?,
        unit_org: get_opt_str(r, "unit_org")?,
        comparator: enum_from(get_opt_str(r, "comparator")?).unwrap_or(theodoi_core::Comparator::Qualitative),
        value: r.try_get::<Option<f64>, _>("value")?,
        value_max: r.try_get::<Option<f64>, _>("value_max")?,
        unit: get_opt_str(r, "unit")?,
        frequency: enum_from(get_opt_str(r, "frequency")?),
        deadline: get_opt_str(r, "deadline")?,
        term: get_opt_str(r, "term")?,
        target_text: get_opt_str(r, "target_text")?,
        achieved: r.try_get::<Option<f64>, _>("achieved")?,
        achieved_text: get_opt_str(r, "achieved_text")?,
        verdict: enum_from(get_opt_str(r, "verdict")?),
        evidence: Vec::new(),
    };
    let code = r.try_get::<Option<i64>, _>("item_id")?.map(|id| crate::items::item_code(ItemKind::Target, id));
    Ok((get_str(r, "file_name")?, code, target))
}

fn task_of(r: &AnyRow) -> Result<(String, Option<String>, Task), StoreError> {
    let task = Task {
        id: get_str(r, "item_key")?,
        what: get_str(r, "what")?,
        section: get_opt_str(r, "section")?,
        lead: get_opt_str(r, "lead")?,
        partners: serde_json::from_str(&get_str(r, "partners_json")?)?,
        deadline: get_opt_str(r, "deadline")?,
        deadline_text: get_opt_str(r, "deadline_text")?,
        evidence: Vec::new(),
    };
    let code = r.try_get::<Option<i64>, _>("item_id")?.map(|id| crate::items::item_code(ItemKind::Task, id));
    Ok((get_str(r, "file_name")?, code, task))
}

/// `$n, $n+1, …` for `k` parameters.
fn marks(from: usize, k: usize) -> String {
    (from..from + k).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Which documents a report covers: all, or those of some organisations (rows of `organisations`).
struct Scope(Option<Vec<i64>>);

impl Scope {
    /// `AND d.org_id IN (…)` with its parameters numbered from `from`.
    fn clause(&self, from: usize) -> String {
        match &self.0 {
            None => String::new(),
            Some(ids) if ids.is_empty() => " AND 1 = 0".into(),
            Some(ids) => format!(" AND d.org_id IN ({})", marks(from, ids.len())),
        }
    }

    fn bind<'q>(
        &'q self,
        mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        for id in self.0.iter().flatten() {
            q = q.bind(*id);
        }
        q
    }
}

impl Store {
    /// What `theodoi status` shows for the documents of `org` (as `--org` selects them; all when
    /// `None`) as of `today`, listing at most `targets` targets and `tasks` tasks of each kind —
    /// the same figures and items as computing every item's status from the whole ledger
    /// (store tests compare the two), reading only the items with progress and those listed.
    pub async fn status_report(
        &self,
        org: Option<&str>,
        today: NaiveDate,
        targets: usize,
        tasks: usize,
    ) -> Result<StatusReport, StoreError> {
        let scope = self.scope(org).await?;
        let mut out = StatusReport::default();
        let q = format!("SELECT COUNT(*) AS n FROM {CURRENT} WHERE 1 = 1{}", scope.clause(1));
        let row = scope.bind(sqlx::query(&q).persistent(false)).fetch_one(&self.pool).await?;
        out.documents = usize::try_from(get_i64(&row, "n")?).unwrap_or(0);

        // Progress in force, and results reported through trusted links, by item.
        let mut progress = self.progress().await?;
        progress.extend(self.linked_progress(&scope).await?);
        let mut by_item: HashMap<(&str, ItemKind, &str), Vec<&ProgressUpdate>> = HashMap::new();
        for u in &progress {
            by_item.entry((u.item.doc.as_str(), u.item.kind, u.item.id.as_str())).or_default().push(u);
        }

        // Targets: those with progress one by one, the others counted by deadline.
        let keys: Vec<(&str, &str)> =
            by_item.keys().filter(|(_, k, _)| *k == ItemKind::Target).map(|(d, _, id)| (*d, *id)).collect();
        let mut tracked = Vec::new();
        for r in self.items_at("targets", TARGET_COLS, " AND t.kind = 'target'", &keys, &scope).await? {
            let (doc, code, t) = target_of(&r)?;
            let ups = by_item.get(&(doc.as_str(), ItemKind::Target, t.id.as_str())).cloned().unwrap_or_default();
            let track = theodoi_check::target_status(&t, &ups, today);
            tracked.push(ShownTarget { doc, code, target: t, status: track.status, last: track.last });
        }
        let mut counts = self.deadline_counts("targets", " AND t.kind = 'target'", &scope).await?;
        for t in &tracked {
            *out.by_status.entry(t.status).or_default() += 1;
            if let Some(n) = counts.get_mut(&t.target.deadline) {
                *n -= 1;
            }
        }
        let past = |d: &Option<String>| d.as_deref().and_then(theodoi_check::deadline_date).is_some_and(|x| today > x);
        let mut overdue_deadlines = Vec::new();
        for (d, n) in &counts {
            if *n > 0 {
                let s = if past(d) { TargetStatus::Overdue } else { TargetStatus::NoData };
                *out.by_status.entry(s).or_default() += n;
                if past(d) {
                    overdue_deadlines.push(d.clone().unwrap_or_default());
                    out.behind_total += n;
                }
            }
        }
        // Listed: overdue first, and targets with no progress are all overdue or without data, so
        // only the first few overdue ones without progress are read (in the order shown).
        let with_progress: HashSet<(&str, &str)> =
            tracked.iter().map(|t| (t.doc.as_str(), t.target.id.as_str())).collect();
        let mut listed: Vec<ShownTarget> = tracked.iter().filter(|t| behind(t.status)).cloned().collect();
        out.behind_total += listed.len();
        if !overdue_deadlines.is_empty() && targets > 0 {
            let limit = targets + tracked.len();
            for r in self
                .items_due("targets", TARGET_COLS, " AND t.kind = 'target'", &overdue_deadlines, &scope, limit)
                .await?
            {
                let (doc, code, t) = target_of(&r)?;
                if !with_progress.contains(&(doc.as_str(), t.id.as_str())) {
                    listed.push(ShownTarget { doc, code, target: t, status: TargetStatus::Overdue, last: None });
                }
            }
        }
        listed.sort_by(|a, b| {
            b.status.cmp(&a.status).then_with(|| a.doc.cmp(&b.doc)).then_with(|| a.target.id.cmp(&b.target.id))
        });
        listed.truncate(targets);
        out.behind = listed;

        // Tasks: done ones read (they are neither due nor overdue), the others by deadline.
        let done: Vec<(&str, &str)> = by_item
            .iter()
            .filter(|((_, k, _), ups)| *k == ItemKind::Task && ups.iter().any(|u| u.done))
            .map(|((d, _, id), _)| (*d, *id))
            .collect();
        let mut counts = self.deadline_counts("tasks", "", &scope).await?;
        let mut done_keys = HashSet::new();
        for r in self.items_at("tasks", TASK_COLS, "", &done, &scope).await? {
            let (doc, _, k) = task_of(&r)?;
            if let Some(n) = counts.get_mut(&k.deadline) {
                *n -= 1;
            }
            done_keys.insert((doc, k.id));
        }
        // The deadlines by day, earliest first, each day due, overdue or neither.
        let mut days: BTreeMap<NaiveDate, (Vec<String>, usize)> = BTreeMap::new();
        for (d, n) in &counts {
            let Some(s) = d.as_deref() else { continue };
            let Some(day) = theodoi_check::deadline_date(s) else { continue };
            let e = days.entry(day).or_default();
            e.0.push(s.to_string());
            e.1 += n;
        }
        for class in [TaskStatus::Open, TaskStatus::Overdue] {
            let of_class = days.iter().filter(|(day, _)| match class {
                TaskStatus::Overdue => today > **day,
                _ => today <= **day && (**day - today).num_days() <= DUE_DAYS,
            });
            let mut list = Vec::new();
            let mut total = 0;
            for (day, (strings, n)) in of_class {
                total += n;
                if list.len() >= tasks || *n == 0 {
                    continue;
                }
                // A day's tasks in document order, then in the order written (as they are shown).
                let limit = tasks - list.len() + done_keys.len();
                for r in self.items_due("tasks", TASK_COLS, "", strings, &scope, limit).await? {
                    let (doc, code, k) = task_of(&r)?;
                    if list.len() < tasks && !done_keys.contains(&(doc.clone(), k.id.clone())) {
                        list.push(ShownTask { doc, code, task: k, deadline: Some(*day) });
                    }
                }
            }
            match class {
                TaskStatus::Open => (out.due, out.due_total) = (list, total),
                _ => (out.overdue, out.overdue_total) = (list, total),
            }
        }
        Ok(out)
    }

    /// The organisations `--org` selects (all when `None`), as [`Store::documents`] selects them.
    async fn scope(&self, org: Option<&str>) -> Result<Scope, StoreError> {
        let Some(want) = org.map(crate::orgs::OrgFilter::new) else { return Ok(Scope(None)) };
        let rows = sqlx::query(
            "SELECT o.id, o.name_folded AS org, p.name_folded AS parent FROM organisations o \
             LEFT JOIN organisations p ON p.id = o.parent_id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut ids = Vec::new();
        for r in rows {
            let o = get_opt_str(&r, "org")?.unwrap_or_default();
            let p = get_opt_str(&r, "parent")?.unwrap_or_default();
            if want.selects(&o, &p) {
                ids.push(get_i64(&r, "id")?);
            }
        }
        Ok(Scope(Some(ids)))
    }

    /// Items (of `table`, current versions, in scope) at these (document, position) keys.
    async fn items_at(
        &self,
        table: &str,
        cols: &str,
        filter: &str,
        keys: &[(&str, &str)],
        scope: &Scope,
    ) -> Result<Vec<AnyRow>, StoreError> {
        let mut by_doc: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (d, id) in keys {
            by_doc.entry(d).or_default().push(id);
        }
        let mut out = Vec::new();
        let docs: Vec<(&str, Vec<&str>)> = by_doc.into_iter().collect();
        // A few hundred parameters per statement (SQLite's limit is 32,766, PostgreSQL's 65,535).
        let mut start = 0;
        while start < docs.len() {
            let mut end = start;
            let mut k = 0;
            while end < docs.len() && (k == 0 || k + docs[end].1.len() <= 400) {
                k += docs[end].1.len();
                end += 1;
            }
            let chunk = &docs[start..end];
            let files = marks(1, chunk.len());
            let pairs: Vec<String> =
                (0..k).map(|i| format!("(${}, ${})", chunk.len() + 2 * i + 1, chunk.len() + 2 * i + 2)).collect();
            let sql = format!(
                "SELECT {cols} FROM {CURRENT} JOIN {table} t ON t.version_id = v.id \
                 WHERE d.file_name IN ({files}) AND (d.file_name, t.item_key) IN (VALUES {}){filter}{}",
                pairs.join(", "),
                scope.clause(chunk.len() + 2 * k + 1)
            );
            let mut q = sqlx::query(&sql).persistent(false);
            for (d, _) in chunk {
                q = q.bind(*d);
            }
            for (d, ids) in chunk {
                for id in ids {
                    q = q.bind(*d).bind(*id);
                }
            }
            out.extend(scope.bind(q).fetch_all(&self.pool).await?);
            start = end;
        }
        Ok(out)
    }

    /// How many items of `table` (current versions, in scope) have each deadline.
    async fn deadline_counts(
        &self,
        table: &str,
        filter: &str,
        scope: &Scope,
    ) -> Result<BTreeMap<Option<String>, usize>, StoreError> {
        let sql = format!(
            "SELECT t.deadline, COUNT(*) AS n FROM {CURRENT} JOIN {table} t ON t.version_id = v.id \
             WHERE 1 = 1{filter}{} GROUP BY t.deadline",
            scope.clause(1)
        );
        let rows = scope.bind(sqlx::query(&sql).persistent(false)).fetch_all(&self.pool).await?;
        let mut out = BTreeMap::new();
        for r in rows {
            out.insert(get_opt_str(&r, "deadline")?, usize::try_from(get_i64(&r, "n")?).unwrap_or(0));
        }
        Ok(out)
    }

    /// The first `limit` items of `table` (current versions, in scope) with one of `deadlines`,
    /// by document name and then position (targets) or order written (tasks), byte order as Rust
    /// sorts strings.
    async fn items_due(
        &self,
        table: &str,
        cols: &str,
        filter: &str,
        deadlines: &[String],
        scope: &Scope,
        limit: usize,
    ) -> Result<Vec<AnyRow>, StoreError> {
        let c = match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " COLLATE \"C\"",
        };
        let then = if table == "targets" { format!("t.item_key{c}") } else { "t.id".to_string() };
        let sql = format!(
            "SELECT {cols} FROM {CURRENT} JOIN {table} t ON t.version_id = v.id \
             WHERE t.deadline IN ({}){filter}{} ORDER BY d.file_name{c}, {then} LIMIT {}",
            marks(1, deadlines.len()),
            scope.clause(deadlines.len() + 1),
            limit.max(1)
        );
        let mut q = sqlx::query(&sql).persistent(false);
        for d in deadlines {
            q = q.bind(d.as_str());
        }
        Ok(scope.bind(q).fetch_all(&self.pool).await?)
    }

    /// Progress read from results that report on a target through a trusted link, as
    /// [`theodoi_check::progress_from_links`] reads it, for the reporting documents in scope:
    /// only the results such links start from are read.
    async fn linked_progress(&self, scope: &Scope) -> Result<Vec<ProgressUpdate>, StoreError> {
        let links: Vec<theodoi_core::Link> = self
            .links()
            .await?
            .into_iter()
            .map(|l| l.link)
            .filter(|l| l.relation == LinkRelation::ReportsOn && l.state != LinkState::Rejected)
            .collect();
        if links.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<(&str, &str)> = links.iter().map(|l| (l.from.doc.as_str(), l.from.id.as_str())).collect();
        let cols = format!("{TARGET_COLS}, v.doc_date");
        let mut docs: BTreeMap<String, LedgerDocument> = BTreeMap::new();
        for r in self.items_at("targets", &cols, "", &keys, scope).await? {
            let (doc, _, t) = target_of(&r)?;
            let date = get_opt_str(&r, "doc_date")?;
            docs.entry(doc.clone())
                .or_insert_with(|| LedgerDocument {
                    file: doc.clone(),
                    version: 0,
                    sha256: String::new(),
                    date,
                    restored: false,
                    extraction: Extraction { doc, ..Extraction::default() },
                    org_key: None,
                })
                .extraction
                .targets
                .push(t);
        }
        let docs: Vec<LedgerDocument> = docs.into_values().collect();
        Ok(theodoi_check::progress_from_links(&docs, &links))
    }
}
