//! What the pages and the API show, computed from the ledger with the same library calls as the
//! CLI (`theodoi_check::target_status`, `task_status`, progress read through links).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use theodoi_core::{
    Comparator, Evidence, ItemKind, LedgerDocument, ProgressUpdate, Target, TargetKind, TargetStatus, Task, TaskStatus,
};
use theodoi_store::StoredFinding;
use utoipa::ToSchema;

use crate::auth::Scope;
use crate::cache::{ItemAt, Ledger, Part, PartKey};
use crate::error::AppError;
use crate::fmt;
use crate::Shared;

/// The ledger as one user may see it, at one moment: the parts ([`crate::cache::Part`]) of the
/// organisations whose documents the user may read, kept to those documents.
pub struct Snapshot {
    /// Documents the user may read, by name.
    pub docs: Vec<Arc<LedgerDocument>>,
    /// Progress in force (recorded, and read from later documents through links) on those documents.
    pub progress: Vec<ProgressUpdate>,
    /// The date statuses are computed at.
    pub today: NaiveDate,
    parts: HashMap<PartKey, Arc<Part>>,
    ledger: Arc<Ledger>,
}

impl Snapshot {
    /// What `scope`'s user may read.
    pub async fn load(state: &Shared, scope: &Scope) -> Result<Snapshot, AppError> {
        Self::of(state, scope, |d| scope.can_read(d)).await
    }

    /// One document `doc` of what `scope`'s user may read (empty when they may not).
    pub async fn load_one(state: &Shared, scope: &Scope, doc: &str) -> Result<Snapshot, AppError> {
        Self::of(state, scope, |d| d == doc && scope.can_read(d)).await
    }

    async fn of(state: &Shared, scope: &Scope, keep: impl Fn(&str) -> bool) -> Result<Snapshot, AppError> {
        let ledger = scope.ledger().clone();
        let keys: HashSet<PartKey> = ledger.units.iter().filter(|(d, _)| keep(d)).map(|(_, k)| k.org.clone()).collect();
        let parts = state.cache.parts(state, &ledger, keys).await?;
        let mut docs: Vec<Arc<LedgerDocument>> =
            parts.values().flat_map(|p| p.docs.iter()).filter(|d| keep(&d.file)).cloned().collect();
        docs.sort_by(|a, b| a.file.cmp(&b.file));
        let mut ordered: Vec<&PartKey> = parts.keys().collect();
        ordered.sort();
        let progress =
            ordered.into_iter().flat_map(|k| parts[k].progress.iter()).filter(|u| keep(&u.item.doc)).cloned().collect();
        Ok(Snapshot { docs, progress, today: state.today(), parts, ledger })
    }

    fn part(&self, doc: &str) -> Option<&Part> {
        self.ledger.key_of(doc).and_then(|k| self.parts.get(k)).map(|p| &**p)
    }

    /// The stable id (`CT12`) of the item at `pos` of `doc`, a document of the snapshot.
    pub fn code_of(&self, doc: &str, kind: ItemKind, pos: &str) -> Option<String> {
        self.part(doc)?.code(&(doc.to_string(), kind, pos.to_string())).cloned()
    }

    /// The stable ids of the items of the snapshot's documents.
    pub fn codes(&self) -> HashMap<ItemAt, String> {
        let names: HashSet<&str> = self.docs.iter().map(|d| d.file.as_str()).collect();
        self.parts
            .values()
            .flat_map(|p| p.codes())
            .filter(|(k, _)| names.contains(k.0.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// The open findings about the snapshot's documents, most severe first.
    pub fn open_findings(&self) -> Vec<StoredFinding> {
        let names: HashSet<&str> = self.docs.iter().map(|d| d.file.as_str()).collect();
        let mut seen = HashSet::new();
        let mut out: Vec<StoredFinding> = self
            .parts
            .values()
            .flat_map(|p| p.open_findings.iter())
            .filter(|f| f.finding.evidence.iter().any(|e| names.contains(e.doc.as_str())))
            .filter(|f| seen.insert(f.id))
            .cloned()
            .collect();
        out.sort_by(|a, b| b.finding.severity.cmp(&a.finding.severity).then(a.id.cmp(&b.id)));
        out
    }

    /// Keep only the documents of one ward or commune (its official code, or its name as a key).
    pub fn keep_unit(&mut self, unit: &str) {
        let unit = unit.trim();
        self.docs.retain(|d| crate::city::unit_of(d).as_deref() == Some(unit));
    }

    fn code(&self, doc: &str, kind: ItemKind, pos: &str) -> String {
        self.code_of(doc, kind, pos).unwrap_or_else(|| format!("{doc}:{pos}"))
    }

    fn updates(&self, doc: &str, kind: ItemKind, pos: &str) -> Vec<&ProgressUpdate> {
        match self.part(doc) {
            Some(p) => p.updates(&(doc.to_string(), kind, pos.to_string())).collect(),
            None => Vec::new(),
        }
    }

    /// Every target and result the user may read.
    pub fn targets(&self) -> Vec<TargetRow> {
        let mut out = Vec::new();
        for d in &self.docs {
            for t in &d.extraction.targets {
                out.push(self.target_row(d, t));
            }
        }
        out
    }

    /// Every task the user may read.
    pub fn tasks(&self) -> Vec<TaskRow> {
        let mut out = Vec::new();
        for d in &self.docs {
            for k in &d.extraction.tasks {
                out.push(self.task_row(d, k));
            }
        }
        out
    }

    /// One target's row.
    pub fn target_row(&self, d: &LedgerDocument, t: &Target) -> TargetRow {
        let ups = self.updates(&d.file, ItemKind::Target, &t.id);
        // a reading (no plan) shows as a result does
        let result = t.kind != TargetKind::Target;
        let (status, latest) = if result {
            let key = match t.verdict {
                Some(theodoi_core::Verdict::Met | theodoi_core::Verdict::Exceeded) => "achieved",
                Some(_) => "off_track",
                None => "result",
            };
            (key.to_string(), t.achieved)
        } else {
            let track = theodoi_check::target_status(t, &ups, self.today);
            (target_key(track.status).to_string(), track.last)
        };
        let last_up = ups.iter().filter(|u| u.value.is_some()).max_by(|a, b| a.date.cmp(&b.date));
        let goal = if result { None } else { t.value };
        TargetRow {
            code: self.code(&d.file, ItemKind::Target, &t.id),
            doc: d.file.clone(),
            org: d.extraction.org.clone(),
            position: t.id.clone(),
            kind: if result { "result" } else { "target" }.into(),
            kind_label: kind_label(t.kind).into(),
            name: t.name.clone(),
            category: t.category.clone(),
            unit: t.unit.clone(),
            target_text: t.target_text.clone(),
            goal,
            goal_shown: goal.map(fmt::num),
            latest,
            latest_shown: latest.map(fmt::num),
            latest_date: last_up.map(|u| fmt::date(&u.date)),
            percent: goal.zip(latest).and_then(|(g, l)| percent(t.comparator, g, l)),
            status_label: match (t.kind, status.as_str()) {
                (TargetKind::Reading, "result") => "số liệu",
                (TargetKind::Result, "result") => "kết quả",
                _ => status_label(&status),
            }
            .into(),
            color: status_color(&status).into(),
            status,
            deadline: t.deadline.clone(),
            deadline_shown: t.deadline.as_deref().map(fmt::date),
            lines: span(&t.evidence),
            evidence: t.evidence.iter().map(EvidenceRow::from).collect(),
        }
    }

    /// One task's row.
    pub fn task_row(&self, d: &LedgerDocument, k: &Task) -> TaskRow {
        let ups = self.updates(&d.file, ItemKind::Task, &k.id);
        let status = theodoi_check::task_status(k.deadline.as_deref(), &ups, self.today);
        let done = ups.iter().filter(|u| u.done).min_by(|a, b| a.date.cmp(&b.date));
        let due = k.deadline.as_deref().and_then(theodoi_check::deadline_date);
        let key = match status {
            TaskStatus::Done => {
                let late = done.and_then(|u| fmt::parse_date(&u.date)).zip(due).is_some_and(|(on, due)| on > due);
                if late {
                    "done_late"
                } else {
                    "done"
                }
            }
            TaskStatus::Overdue => "overdue",
            TaskStatus::Open if ups.is_empty() && due.is_none() => "no_data",
            TaskStatus::Open => "open",
        };
        TaskRow {
            code: self.code(&d.file, ItemKind::Task, &k.id),
            doc: d.file.clone(),
            org: d.extraction.org.clone(),
            position: k.id.clone(),
            what: k.what.clone(),
            lead: k.lead.clone(),
            partners: k.partners.clone(),
            deadline: k.deadline.clone(),
            deadline_shown: k.deadline.as_deref().map(fmt::date),
            deadline_text: k.deadline_text.clone(),
            expected: k.product.clone(),
            status: key.into(),
            status_label: status_label(key).into(),
            color: status_color(key).into(),
            done_on: done.map(|u| fmt::date(&u.date)),
            note: done.and_then(|u| u.note.clone()),
            days_left: due.map(|d| (d - self.today).num_days()),
            lines: span(&k.evidence),
            evidence: k.evidence.iter().map(EvidenceRow::from).collect(),
        }
    }

    /// The overview of what the user may read: targets by status, tasks due within `days` and
    /// overdue, documents.
    pub fn overview(&self, days: i64) -> Overview {
        let targets: Vec<TargetRow> = self.targets().into_iter().filter(|t| t.kind == "target").collect();
        let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
        for t in &targets {
            *by_status.entry(t.status.clone()).or_default() += 1;
        }
        let tasks = self.tasks();
        let mut due: Vec<TaskRow> = tasks
            .iter()
            .filter(|k| k.status == "open" && k.days_left.is_some_and(|d| (0..=days).contains(&d)))
            .cloned()
            .collect();
        due.sort_by_key(|k| k.days_left);
        let mut overdue: Vec<TaskRow> = tasks.iter().filter(|k| k.status == "overdue").cloned().collect();
        overdue.sort_by_key(|k| k.days_left);
        let mut task_status: BTreeMap<String, usize> = BTreeMap::new();
        for k in &tasks {
            *task_status.entry(k.status.clone()).or_default() += 1;
        }
        Overview {
            today: self.today.format("%d/%m/%Y").to_string(),
            days,
            targets: STATUS_ORDER.iter().filter_map(|s| by_status.get(*s).map(|n| StatusCount::new(s, *n))).collect(),
            tasks: STATUS_ORDER.iter().filter_map(|s| task_status.get(*s).map(|n| StatusCount::new(s, *n))).collect(),
            due,
            overdue,
            documents: self.docs.iter().map(|d| DocRow::from(&**d)).collect(),
        }
    }
}

/// Every target and result `scope`'s user may read: computed once per change of the ledger and
/// scope ([`crate::cache`]).
pub async fn target_rows(state: &Shared, scope: &Scope) -> Result<Arc<Vec<TargetRow>>, AppError> {
    let key = format!("targets|{}", scope.key());
    state
        .cache
        .view(scope.ledger(), state.today(), key, || async { Ok(Snapshot::load(state, scope).await?.targets()) })
        .await
}

/// Every task `scope`'s user may read, computed once per change of the ledger and scope.
pub async fn task_rows(state: &Shared, scope: &Scope) -> Result<Arc<Vec<TaskRow>>, AppError> {
    let key = format!("tasks|{}", scope.key());
    state
        .cache
        .view(scope.ledger(), state.today(), key, || async { Ok(Snapshot::load(state, scope).await?.tasks()) })
        .await
}

/// Every document `scope`'s user may read, computed once per change of the ledger and scope.
pub async fn doc_rows(state: &Shared, scope: &Scope) -> Result<Arc<Vec<DocRow>>, AppError> {
    let key = format!("documents|{}", scope.key());
    state
        .cache
        .view(scope.ledger(), state.today(), key, || async {
            Ok(Snapshot::load(state, scope).await?.docs.iter().map(|d| DocRow::from(&**d)).collect())
        })
        .await
}

/// An open finding as the overview lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingBrief {
    /// Stable id (`PH12`).
    pub code: String,
    /// error, warning, info.
    pub severity: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

/// The overview page: the [`Overview`], the open findings about its documents, its organisations.
#[derive(Debug, Clone, Serialize)]
pub struct OverviewPage {
    /// Targets by status, tasks due and overdue, documents.
    pub ov: Overview,
    /// Open findings about these documents.
    pub findings: Vec<FindingBrief>,
    /// The documents' organisations.
    pub orgs: std::collections::BTreeSet<String>,
}

/// The overview of what `scope`'s user may read (of one ward when `unit` is given), tasks due
/// within `days`: computed once per change of the ledger, scope and question.
pub async fn overview(
    state: &Shared,
    scope: &Scope,
    days: i64,
    unit: Option<&str>,
) -> Result<Arc<OverviewPage>, AppError> {
    let unit = unit.map(str::trim).filter(|u| !u.is_empty());
    let key = format!("overview|{}|{days}|{}", scope.key(), unit.unwrap_or(""));
    state
        .cache
        .view(scope.ledger(), state.today(), key, || async {
            let mut snap = Snapshot::load(state, scope).await?;
            if let Some(u) = unit {
                snap.keep_unit(u);
            }
            let findings = snap
                .open_findings()
                .into_iter()
                .map(|f| FindingBrief {
                    code: f.code,
                    severity: format!("{:?}", f.finding.severity).to_lowercase(),
                    message: f.finding.message_vi,
                })
                .collect();
            let orgs = snap.docs.iter().filter_map(|d| d.extraction.org.clone()).collect();
            Ok(OverviewPage { ov: snap.overview(days), findings, orgs })
        })
        .await
}

const STATUS_ORDER: &[&str] =
    &["achieved", "done", "on_track", "open", "at_risk", "off_track", "done_late", "overdue", "no_data", "result"];

fn target_key(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Achieved => "achieved",
        TargetStatus::OnTrack => "on_track",
        TargetStatus::AtRisk => "at_risk",
        TargetStatus::OffTrack => "off_track",
        TargetStatus::Overdue => "overdue",
        TargetStatus::NoData => "no_data",
    }
}

/// The Vietnamese words for a status key.
pub fn status_label(key: &str) -> &'static str {
    match key {
        "achieved" => "đạt",
        "on_track" => "đúng tiến độ",
        "at_risk" => "có nguy cơ",
        "off_track" => "chậm tiến độ",
        "overdue" => "quá hạn",
        "no_data" => "chưa có số liệu",
        "done" => "hoàn thành đúng hạn",
        "done_late" => "hoàn thành trễ hạn",
        "open" => "đang thực hiện",
        // results and readings (số liệu) with no verdict: the key stays `result` for both
        "result" => "kết quả, số liệu",
        _ => "—",
    }
}

/// The Vietnamese words for a target's kind: a reading (a value reported with no plan) is no
/// result — "số liệu thực hiện", as `theodoi show` says.
pub fn kind_label(k: TargetKind) -> &'static str {
    match k {
        TargetKind::Target => "chỉ tiêu",
        TargetKind::Result => "kết quả",
        TargetKind::Reading => "số liệu thực hiện",
    }
}

/// The colour of a status: done on time green, in progress blue, done late (or behind) orange,
/// overdue red, not started / no data grey.
pub fn status_color(key: &str) -> &'static str {
    match key {
        "achieved" | "done" => "green",
        "on_track" | "open" => "blue",
        "at_risk" | "off_track" | "done_late" => "orange",
        "overdue" => "red",
        _ => "grey",
    }
}

/// How far `latest` has come towards `goal`, 0–100, where a share means something.
fn percent(cmp: Comparator, goal: f64, latest: f64) -> Option<f64> {
    let p = match cmp {
        Comparator::Ge | Comparator::Gt | Comparator::Eq | Comparator::Range if goal > 0.0 => latest / goal * 100.0,
        Comparator::Le | Comparator::Lt if latest <= goal => 100.0,
        Comparator::Le | Comparator::Lt if latest > 0.0 => goal / latest * 100.0,
        _ => return None,
    };
    p.is_finite().then(|| p.clamp(0.0, 100.0))
}

fn span(ev: &[Evidence]) -> Option<(u32, u32)> {
    ev.first().map(|e| (e.span.start, e.span.end))
}

/// A target or result as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TargetRow {
    /// Stable id (`CT12`).
    pub code: String,
    /// The document.
    pub doc: String,
    /// Its organisation.
    pub org: Option<String>,
    /// Position in the document's current version (`T10`).
    pub position: String,
    /// `target` (chỉ tiêu) or `result` (kết quả; a reading, số liệu thực hiện, is listed as one).
    pub kind: String,
    /// The kind in Vietnamese: chỉ tiêu, kết quả, số liệu thực hiện.
    pub kind_label: String,
    /// What is measured.
    pub name: String,
    /// Field (party, economy …).
    pub category: Option<String>,
    /// Unit.
    pub unit: Option<String>,
    /// The goal as written ("trên 3%").
    pub target_text: Option<String>,
    /// The goal's figure.
    pub goal: Option<f64>,
    /// The goal in Vietnamese notation ("13,7").
    pub goal_shown: Option<String>,
    /// Latest value (recorded, or the result's figure).
    pub latest: Option<f64>,
    /// The latest value in Vietnamese notation.
    pub latest_shown: Option<String>,
    /// When the latest value was recorded (dd/mm/yyyy).
    pub latest_date: Option<String>,
    /// Progress towards the goal, 0–100.
    pub percent: Option<f64>,
    /// achieved, on_track, at_risk, off_track, overdue, no_data, result.
    pub status: String,
    /// The status in Vietnamese.
    pub status_label: String,
    /// green, blue, orange, red, grey.
    pub color: String,
    /// Deadline, ISO ("2030", "2025-12").
    pub deadline: Option<String>,
    /// Deadline as written in Vietnamese ("12/2025").
    pub deadline_shown: Option<String>,
    /// First source line span (first, last).
    #[schema(value_type = Option<Vec<u32>>)]
    pub lines: Option<(u32, u32)>,
    /// Where it was read.
    pub evidence: Vec<EvidenceRow>,
}

/// A task as listed: the "5 rõ" — what, lead, partners, deadline, expected result — and its status.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskRow {
    /// Stable id (`NV7`).
    pub code: String,
    /// The document.
    pub doc: String,
    /// Its organisation.
    pub org: Option<String>,
    /// Position in the document's current version (`K3`).
    pub position: String,
    /// Rõ việc: what.
    pub what: String,
    /// Rõ người: who leads.
    pub lead: Option<String>,
    /// Who takes part.
    pub partners: Vec<String>,
    /// Rõ thời gian: the deadline, ISO.
    pub deadline: Option<String>,
    /// The deadline in Vietnamese notation.
    pub deadline_shown: Option<String>,
    /// The deadline as the document words it.
    pub deadline_text: Option<String>,
    /// Rõ kết quả: the result or product expected (kết quả/sản phẩm), where the document states one.
    pub expected: Option<String>,
    /// open, done, done_late, overdue, no_data.
    pub status: String,
    /// The status in Vietnamese.
    pub status_label: String,
    /// green, blue, orange, red, grey.
    pub color: String,
    /// When it was marked done (dd/mm/yyyy).
    pub done_on: Option<String>,
    /// The note left when it was marked done.
    pub note: Option<String>,
    /// Days until the deadline (negative: past).
    pub days_left: Option<i64>,
    /// First source line span (first, last).
    #[schema(value_type = Option<Vec<u32>>)]
    pub lines: Option<(u32, u32)>,
    /// Where it was read.
    pub evidence: Vec<EvidenceRow>,
}

/// Where an item was read.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceRow {
    /// The document.
    pub doc: String,
    /// First line.
    pub start: u32,
    /// Last line.
    pub end: u32,
    /// The text at those lines.
    pub text: String,
}

impl From<&Evidence> for EvidenceRow {
    fn from(e: &Evidence) -> Self {
        EvidenceRow { doc: e.doc.clone(), start: e.span.start, end: e.span.end, text: e.text.clone() }
    }
}

/// A count of items in one status.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatusCount {
    /// The status key.
    pub status: String,
    /// In Vietnamese.
    pub label: String,
    /// Its colour.
    pub color: String,
    /// How many.
    pub count: usize,
}

impl StatusCount {
    fn new(s: &str, n: usize) -> StatusCount {
        StatusCount { status: s.into(), label: status_label(s).into(), color: status_color(s).into(), count: n }
    }
}

/// A document as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocRow {
    /// Its name in the ledger.
    pub doc: String,
    /// Its version.
    pub version: u32,
    /// Its organisation.
    pub org: Option<String>,
    /// Its kind (nghị quyết, kế hoạch …).
    pub doc_type: String,
    /// Its date (dd/mm/yyyy).
    pub date: Option<String>,
    /// How many targets and results.
    pub targets: usize,
    /// How many tasks.
    pub tasks: usize,
    /// Whether its text was restored from damaged OCR.
    pub restored: bool,
}

impl From<&LedgerDocument> for DocRow {
    fn from(d: &LedgerDocument) -> Self {
        DocRow {
            doc: d.file.clone(),
            version: d.version,
            org: d.extraction.org.clone(),
            doc_type: serde_json::to_value(d.extraction.doc_type)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            date: d.date.as_deref().map(fmt::date),
            targets: d.extraction.targets.len(),
            tasks: d.extraction.tasks.len(),
            restored: d.restored,
        }
    }
}

/// The overview page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Overview {
    /// As of (dd/mm/yyyy).
    pub today: String,
    /// The "due within" window, days.
    pub days: i64,
    /// Targets (goals) by status.
    pub targets: Vec<StatusCount>,
    /// Tasks by status.
    pub tasks: Vec<StatusCount>,
    /// Tasks due within `days`.
    pub due: Vec<TaskRow>,
    /// Overdue tasks.
    pub overdue: Vec<TaskRow>,
    /// The documents.
    pub documents: Vec<DocRow>,
}
