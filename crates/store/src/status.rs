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

/// The stable id of the living item of this kind at the row's position (`d`: its document, `t`:
/// its row), as one column of [`TARGET_COLS`] and [`TASK_COLS`].
macro_rules! item_id {
    ($kind:literal) => {
        concat!(
            "(SELECT MIN(i.id) FROM items i WHERE i.document_id = d.id AND i.kind = '",
            $kind,
            "' AND i.position = t.item_key AND i.removed_in IS NULL)"
        )
    };
}

/// Columns of a target row (with its document and stable id), in the order [`target_of`] reads
/// them; `true` for a figure (REAL), sent as text so it reads back bit for bit.
const TARGET_COLS: &[(&str, bool)] = &[
    ("d.file_name", false),
    ("t.item_key", false),
    ("t.kind", false),
    ("t.name", false),
    ("t.section", false),
    ("t.category", false),
    ("t.unit_org", false),
    ("t.comparator", false),
    ("t.value", true),
    ("t.value_max", true),
    ("t.unit", false),
    ("t.frequency", false),
    ("t.deadline", false),
    ("t.term", false),
    ("t.target_text", false),
    ("t.achieved", true),
    ("t.achieved_text", false),
    ("t.verdict", false),
    (item_id!("target"), false),
    ("v.doc_date", false),
];
/// Columns of a task row, in the order [`task_of`] reads them (the last: the order written).
const TASK_COLS: &[(&str, bool)] = &[
    ("d.file_name", false),
    ("t.item_key", false),
    ("t.what", false),
    ("t.section", false),
    ("t.lead", false),
    ("t.partners_json", false),
    ("t.deadline", false),
    ("t.deadline_text", false),
    ("t.product", false),
    (item_id!("task"), false),
    ("t.id", false),
];
/// The position in its document's current version of the item progress entry `p` is on. A
/// subquery by key rather than a join: PostgreSQL's planner hashed the whole `items` table (100k
/// rows at 2,300 documents) for a LEFT JOIN from a few thousand entries.
const POSITION_OF_P: &str = "COALESCE((SELECT ip.position FROM items ip WHERE ip.id = p.item_id), p.item_key)";
/// The current version of each document.
const CURRENT: &str = "documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version";

/// One row as read: its columns in order.
type Cells = Vec<serde_json::Value>;

fn text(c: &Cells, i: usize) -> Option<String> {
    match c.get(i) {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn text_req(c: &Cells, i: usize) -> Result<String, StoreError> {
    text(c, i).ok_or_else(|| StoreError::Invalid(format!("ledger row without column {i}")))
}

fn figure(c: &Cells, i: usize) -> Result<Option<f64>, StoreError> {
    match c.get(i) {
        Some(serde_json::Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| StoreError::Invalid(format!("figure `{s}` in the ledger is not a number"))),
        Some(serde_json::Value::Number(n)) => Ok(n.as_f64()),
        _ => Ok(None),
    }
}

fn int(c: &Cells, i: usize) -> Option<i64> {
    match c.get(i) {
        Some(serde_json::Value::Number(n)) => n.as_i64(),
        Some(serde_json::Value::String(s)) => s.parse().ok(),
        _ => None,
    }
}

/// An enum from the name it is stored under (serde's).
fn enum_from<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok())
}

fn target_of(c: &Cells) -> Result<(String, Option<String>, Target), StoreError> {
    let target = Target {
        id: text_req(c, 1)?,
        kind: enum_from(text(c, 2)).unwrap_or(theodoi_core::TargetKind::Target),
        name: text_req(c, 3)?,
        section: text(c, 4),
        category: text(c, 5),
        unit_org: text(c, 6),
        comparator: enum_from(text(c, 7)).unwrap_or(theodoi_core::Comparator::Qualitative),
        value: figure(c, 8)?,
        value_max: figure(c, 9)?,
        unit: text(c, 10),
        frequency: enum_from(text(c, 11)),
        deadline: text(c, 12),
        term: text(c, 13),
        target_text: text(c, 14),
        achieved: figure(c, 15)?,
        achieved_text: text(c, 16),
        verdict: enum_from(text(c, 17)),
        evidence: Vec::new(),
    };
    let code = int(c, 18).map(|id| crate::items::item_code(ItemKind::Target, id));
    Ok((text_req(c, 0)?, code, target))
}

fn task_of(c: &Cells) -> Result<(String, Option<String>, Task), StoreError> {
    let task = Task {
        id: text_req(c, 1)?,
        what: text_req(c, 2)?,
        section: text(c, 3),
        lead: text(c, 4),
        partners: serde_json::from_str(&text_req(c, 5)?)?,
        deadline: text(c, 6),
        deadline_text: text(c, 7),
        product: text(c, 8),
        evidence: Vec::new(),
    };
    let code = int(c, 9).map(|id| crate::items::item_code(ItemKind::Task, id));
    Ok((text_req(c, 0)?, code, task))
}

/// `$n, $n+1, …` for `k` parameters.
fn marks(from: usize, k: usize) -> String {
    (from..from + k).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// A parameter of a statement.
enum Arg<'a> {
    S(&'a str),
    I(i64),
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

    fn args(&self) -> Vec<Arg<'static>> {
        self.0.iter().flatten().map(|id| Arg::I(*id)).collect()
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

        // The targets users recorded progress on, each row with one of its entries in force, by one
        // join (the entries are read nowhere else); those only trusted links report on, by key.
        let mut cols: Vec<(&str, bool)> = TARGET_COLS.to_vec();
        let at = cols.len();
        cols.extend([("p.value", true), ("p.done", false), ("p.on_date", false), ("p.id", false)]);
        let tail = format!(
            "FROM progress_updates p JOIN documents d ON d.id = p.document_id \
             JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version \
             JOIN targets t ON t.version_id = v.id AND t.item_key = {POSITION_OF_P} \
             WHERE p.superseded_by IS NULL AND p.item_kind = 'target'{}",
            scope.clause(1)
        );
        let mut rows = self.json_rows(&cols, &tail, &scope.args()).await?;
        // Each item's entries oldest first, as [`Store::progress`] gives them.
        rows.sort_by(|a, b| text(a, at + 2).cmp(&text(b, at + 2)).then_with(|| int(a, at + 3).cmp(&int(b, at + 3))));
        let mut progress = Vec::with_capacity(rows.len());
        for c in &rows {
            progress.push(ProgressUpdate {
                item: theodoi_core::ItemRef { doc: text_req(c, 0)?, kind: ItemKind::Target, id: text_req(c, 1)? },
                value: figure(c, at)?,
                done: int(c, at + 1).is_some_and(|d| d != 0) || c.get(at + 1).and_then(|v| v.as_bool()) == Some(true),
                date: text_req(c, at + 2)?,
                note: None,
                user: None,
                evidence: None,
            });
        }
        // Results reported through trusted links, after users' entries (as the checks read them).
        progress.extend(self.linked_progress(&scope).await?);
        let mut by_item: HashMap<(&str, &str), Vec<&ProgressUpdate>> = HashMap::new();
        for u in progress.iter().filter(|u| u.item.kind == ItemKind::Target) {
            by_item.entry((u.item.doc.as_str(), u.item.id.as_str())).or_default().push(u);
        }
        let mut seen: HashSet<(String, String)> = HashSet::new();
        rows.retain(|r| seen.insert((text(r, 0).unwrap_or_default(), text(r, 1).unwrap_or_default())));
        let rest: Vec<(&str, &str)> =
            by_item.keys().filter(|(d, id)| !seen.contains(&(d.to_string(), id.to_string()))).copied().collect();
        if !rest.is_empty() {
            rows.extend(self.items_at("targets", TARGET_COLS, " AND t.kind = 'target'", &rest, &scope).await?);
        }
        let mut tracked = Vec::new();
        // Results and readings with progress are read too (so they are not looked up again by
        // key below, one statement per few hundred), and left out here: only goals have a status.
        for r in &rows {
            let (doc, code, t) = target_of(r)?;
            if t.kind != theodoi_core::TargetKind::Target {
                continue;
            }
            let ups = by_item.get(&(doc.as_str(), t.id.as_str())).cloned().unwrap_or_default();
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
            // A page at a time, in the order shown, until as many without progress as are listed.
            let (page, mut offset, mut found) = (64, 0, 0);
            loop {
                let mut rows = self
                    .items_due(
                        "targets",
                        TARGET_COLS,
                        " AND t.kind = 'target'",
                        &overdue_deadlines,
                        &scope,
                        page,
                        offset,
                    )
                    .await?;
                let n = rows.len();
                rows.sort_by(|a, b| text(a, 0).cmp(&text(b, 0)).then_with(|| text(a, 1).cmp(&text(b, 1))));
                for r in &rows {
                    let (doc, code, t) = target_of(r)?;
                    if found < targets && !with_progress.contains(&(doc.as_str(), t.id.as_str())) {
                        found += 1;
                        listed.push(ShownTarget { doc, code, target: t, status: TargetStatus::Overdue, last: None });
                    }
                }
                if found >= targets || n < page {
                    break;
                }
                offset += page;
            }
        }
        listed.sort_by(|a, b| {
            b.status.cmp(&a.status).then_with(|| a.doc.cmp(&b.doc)).then_with(|| a.target.id.cmp(&b.target.id))
        });
        listed.truncate(targets);
        out.behind = listed;

        // Tasks: done ones read (they are neither due nor overdue), the others by deadline.
        let mut counts = self.deadline_counts("tasks", "", &scope).await?;
        let mut done_keys = HashSet::new();
        for r in self.tasks_done(&scope).await? {
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
                let mut rows = self.items_due("tasks", TASK_COLS, "", strings, &scope, limit, 0).await?;
                rows.sort_by(|a, b| text(a, 0).cmp(&text(b, 0)).then_with(|| int(a, 9).cmp(&int(b, 9))));
                for r in &rows {
                    let (doc, code, k) = task_of(r)?;
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
            if want.selects_row(&r)? {
                ids.push(get_i64(&r, "id")?);
            }
        }
        Ok(Scope(Some(ids)))
    }

    /// Items (of `table`, current versions, in scope) at these (document, position) keys.
    async fn items_at(
        &self,
        table: &str,
        cols: &[(&str, bool)],
        filter: &str,
        keys: &[(&str, &str)],
        scope: &Scope,
    ) -> Result<Vec<Cells>, StoreError> {
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
            let tail = format!(
                "FROM {CURRENT} JOIN {table} t ON t.version_id = v.id \
                 WHERE d.file_name IN ({files}) AND (d.file_name, t.item_key) IN (VALUES {}){filter}{}",
                pairs.join(", "),
                scope.clause(chunk.len() + 2 * k + 1)
            );
            let mut args: Vec<Arg> = chunk.iter().map(|(d, _)| Arg::S(d)).collect();
            for (d, ids) in chunk {
                for id in ids {
                    args.push(Arg::S(d));
                    args.push(Arg::S(id));
                }
            }
            args.extend(scope.args());
            out.extend(self.json_rows(cols, &tail, &args).await?);
            start = end;
        }
        Ok(out)
    }

    /// Rows of the columns `cols` selected by `tail` (`FROM … WHERE … [ORDER BY … LIMIT …]`),
    /// fetched as one JSON array per statement: SQLite hands rows over one by one, each a hand-over
    /// between threads, which on a busy machine costs more than the query itself.
    async fn json_rows(&self, cols: &[(&str, bool)], tail: &str, args: &[Arg<'_>]) -> Result<Vec<Cells>, StoreError> {
        let inner: Vec<String> = cols.iter().enumerate().map(|(i, (e, _))| format!("{e} AS c{i}")).collect();
        let outer: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, (_, real))| match (real, self.backend) {
                // 17 significant digits read back as the same f64.
                (true, Backend::Sqlite) => format!("CASE WHEN c{i} IS NULL THEN NULL ELSE printf('%!.17g', c{i}) END"),
                (true, Backend::Postgres) => format!("c{i}::text"),
                _ => format!("c{i}"),
            })
            .collect();
        let agg = match self.backend {
            Backend::Sqlite => format!("json_group_array(json_array({}))", outer.join(", ")),
            Backend::Postgres => {
                format!("COALESCE(json_agg(json_build_array({})), '[]'::json)::text", outer.join(", "))
            }
        };
        let sql = format!("SELECT {agg} AS j FROM (SELECT {} {tail}) x", inner.join(", "));
        let sql = crate::positional(self.backend, &sql);
        let mut q = sqlx::query(&sql).persistent(false);
        for a in args {
            q = match a {
                Arg::S(s) => q.bind(*s),
                Arg::I(i) => q.bind(*i),
            };
        }
        let row = q.fetch_one(&self.pool).await?;
        Ok(serde_json::from_str(&get_str(&row, "j")?)?)
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
        cols: &[(&str, bool)],
        filter: &str,
        deadlines: &[String],
        scope: &Scope,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<Cells>, StoreError> {
        let c = match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " COLLATE \"C\"",
        };
        let then = if table == "targets" { format!("t.item_key{c}") } else { "t.id".to_string() };
        let tail = format!(
            "FROM {CURRENT} JOIN {table} t ON t.version_id = v.id \
             WHERE t.deadline IN ({}){filter}{} ORDER BY d.file_name{c}, {then} LIMIT {} OFFSET {offset}",
            marks(1, deadlines.len()),
            scope.clause(deadlines.len() + 1),
            limit.max(1)
        );
        let mut args: Vec<Arg> = deadlines.iter().map(|d| Arg::S(d)).collect();
        args.extend(scope.args());
        self.json_rows(cols, &tail, &args).await
    }

    /// Where each target and task of the current versions is first read (its first evidence span,
    /// the text left out), by (document, kind, position): what `theodoi list` shows of an item's
    /// source, read from the evidence rows instead of parsing every extraction in full.
    pub async fn first_evidence(&self) -> Result<HashMap<theodoi_core::ItemRef, theodoi_core::Evidence>, StoreError> {
        let mut out = HashMap::new();
        for (table, kind) in [("targets", ItemKind::Target), ("tasks", ItemKind::Task)] {
            const COLS: &[(&str, bool)] = &[
                ("d.file_name", false),
                ("t.item_key", false),
                ("e.doc", false),
                ("e.line_start", false),
                ("e.line_end", false),
            ];
            let tail = format!(
                "FROM {CURRENT} JOIN {table} t ON t.version_id = v.id JOIN evidence e ON e.id = \
                 (SELECT MIN(f.id) FROM evidence f WHERE f.item_table = '{table}' AND f.item_id = t.id)"
            );
            for c in self.json_rows(COLS, &tail, &[]).await? {
                let line = |i| int(&c, i).and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
                let evidence = theodoi_core::Evidence {
                    doc: text_req(&c, 2)?,
                    span: theodoi_core::LineSpan { start: line(3), end: line(4) },
                    text: String::new(),
                };
                out.insert(theodoi_core::ItemRef { doc: text_req(&c, 0)?, kind, id: text_req(&c, 1)? }, evidence);
            }
        }
        Ok(out)
    }

    /// How many citations each current document's version holds, by document name (those with
    /// none left out).
    pub async fn citation_counts(&self) -> Result<HashMap<String, usize>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT d.file_name, COUNT(*) AS n FROM {CURRENT} JOIN citations c ON c.version_id = v.id GROUP BY d.file_name"
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut out = HashMap::new();
        for r in rows {
            out.insert(get_str(&r, "file_name")?, usize::try_from(get_i64(&r, "n")?).unwrap_or(0));
        }
        Ok(out)
    }

    /// The tasks (current versions, in scope) with an entry in force marked done: they are
    /// neither due nor overdue.
    async fn tasks_done(&self, scope: &Scope) -> Result<Vec<Cells>, StoreError> {
        let tail = format!(
            "FROM {CURRENT} JOIN tasks t ON t.version_id = v.id WHERE t.id IN (SELECT k.id FROM progress_updates p \
             JOIN documents pd ON pd.id = p.document_id \
             JOIN document_versions pv ON pv.document_id = pd.id AND pv.version = pd.current_version \
             JOIN tasks k ON k.version_id = pv.id AND k.item_key = {POSITION_OF_P} \
             WHERE p.superseded_by IS NULL AND p.item_kind = 'task' AND p.done <> 0){}",
            scope.clause(1)
        );
        self.json_rows(TASK_COLS, &tail, &scope.args()).await
    }

    /// Progress read from results that report on a target through a trusted link, as
    /// [`theodoi_check::progress_from_links`] reads it, for the reporting documents in scope, in
    /// the links' order: only the links that report on something and the results they start from
    /// are read, by one join.
    async fn linked_progress(&self, scope: &Scope) -> Result<Vec<ProgressUpdate>, StoreError> {
        let mut cols: Vec<(&str, bool)> = TARGET_COLS.to_vec();
        let at = cols.len();
        cols.extend([
            ("td.file_name", false),
            ("l.to_kind", false),
            ("COALESCE((SELECT ti.position FROM items ti WHERE ti.id = l.to_item_id), l.to_key)", false),
            ("l.confidence", true),
            ("l.state", false),
            ("l.id", false),
        ]);
        // `d`, `v`, `t`: the reporting document, its current version and the result.
        let tail = format!(
            "FROM links l JOIN documents d ON d.id = l.from_document_id \
             JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version \
             JOIN targets t ON t.version_id = v.id \
             AND t.item_key = COALESCE((SELECT fi.position FROM items fi WHERE fi.id = l.from_item_id), l.from_key) \
             JOIN documents td ON td.id = l.to_document_id \
             WHERE l.relation = 'reports_on' AND l.state <> 'rejected'{}",
            scope.clause(1)
        );
        let mut rows = self.json_rows(&cols, &tail, &scope.args()).await?;
        rows.sort_by_key(|r| int(r, at + 5));
        let mut out = Vec::new();
        for r in &rows {
            let (doc, _, t) = target_of(r)?;
            let to_kind = match text(r, at + 1).as_deref() {
                Some("task") => ItemKind::Task,
                Some("target") => ItemKind::Target,
                other => return Err(StoreError::Invalid(format!("unknown item kind `{other:?}` in the ledger"))),
            };
            let link = theodoi_core::Link {
                from: theodoi_core::ItemRef { doc: doc.clone(), kind: ItemKind::Target, id: t.id.clone() },
                to: theodoi_core::ItemRef { doc: text_req(r, at)?, kind: to_kind, id: text_req(r, at + 2)? },
                relation: LinkRelation::ReportsOn,
                confidence: figure(r, at + 3)?.unwrap_or(0.0),
                state: match text(r, at + 4).as_deref() {
                    Some("confirmed") => LinkState::Confirmed,
                    _ => LinkState::Proposed,
                },
            };
            let reporting = LedgerDocument {
                file: doc.clone(),
                version: 0,
                sha256: String::new(),
                date: text(r, 19),
                restored: false,
                extraction: Extraction { doc, targets: vec![t], ..Extraction::default() },
                org_key: None,
            };
            out.extend(theodoi_check::progress_from_link(&link, |_| Some(&reporting)));
        }
        Ok(out)
    }
}
