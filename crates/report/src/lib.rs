//! Reports and exports made from the ledger (báo cáo, xuất dữ liệu), so no office retypes a figure.
//!
//! The caller reads the ledger once into a [`Snapshot`] (documents, progress, stable item codes,
//! findings, the day it is reported as of); this crate turns it into rows ([`Rows`]) and writes them:
//! - [`xlsx::write`]: an Excel workbook — targets, results, tasks ("5 rõ"), citations, findings;
//! - [`docx::write`]: a draft periodic review report (báo cáo sơ kết / tổng kết) in Word, with a
//!   progress chart per category ([`chart`]);
//! - [`ics::write`]: task deadlines as a calendar;
//! - [`csv::write`]: every entity with its evidence, one row per entity.
//!
//! Every row keeps its source (document, lines, verbatim text): a figure in a report can be traced back.
//! Texts are Vietnamese (the reports are the offices' own documents); numbers "13,7" and "1.100",
//! dates dd/mm/yyyy.
#![deny(missing_docs)]

pub mod chart;
pub mod csv;
pub mod docx;
pub mod ics;
pub mod period;
pub mod xlsx;

use std::collections::HashMap;

use chrono::NaiveDate;
use theodoi_core::{Evidence, ItemKind, LedgerDocument, ProgressUpdate, TargetKind, TargetStatus, TaskStatus, Verdict};
use theodoi_store::StoredFinding;

pub use period::Period;

/// What went wrong writing a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Writing the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The workbook writer failed.
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The Word writer failed.
    #[error("docx: {0}")]
    Docx(String),
    /// The CSV writer failed.
    #[error("csv: {0}")]
    Csv(#[from] ::csv::Error),
    /// Drawing a chart failed.
    #[error("chart: {0}")]
    Chart(String),
    /// A value the caller gave cannot be used (a period that is no period …).
    #[error("{0}")]
    Invalid(String),
}

/// The ledger as read for a report.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The current version of every document reported on.
    pub docs: Vec<LedgerDocument>,
    /// Progress recorded by users and read from later documents through links.
    pub progress: Vec<ProgressUpdate>,
    /// Stable item codes (`CT12`, `NV7`) by (document, kind, position in the current version).
    pub codes: HashMap<(String, ItemKind, String), String>,
    /// Findings of every state.
    pub findings: Vec<StoredFinding>,
    /// The day the report is made as of.
    pub today: NaiveDate,
    /// The organisation asked for (`--org`), as typed.
    pub org: Option<String>,
}

/// How a row is coloured: done on time green, in progress blue, done late orange, overdue red,
/// not started / no data grey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shade {
    /// Hoàn thành / đạt đúng hạn.
    DoneOnTime,
    /// Đang thực hiện.
    InProgress,
    /// Hoàn thành / đạt nhưng trễ hạn.
    DoneLate,
    /// Quá hạn, không đạt.
    Overdue,
    /// Chưa có số liệu.
    NoData,
}

impl Shade {
    /// RGB fill colour (light tints, so black text stays readable on paper).
    pub fn rgb(self) -> u32 {
        match self {
            Shade::DoneOnTime => 0xC6EFCE,
            Shade::InProgress => 0xDDEBF7,
            Shade::DoneLate => 0xFCE4D6,
            Shade::Overdue => 0xFFC7CE,
            Shade::NoData => 0xE7E6E6,
        }
    }

    /// Strong colour of the same meaning (charts).
    pub fn strong(self) -> (u8, u8, u8) {
        match self {
            Shade::DoneOnTime => (0x38, 0x8E, 0x3C),
            Shade::InProgress => (0x1E, 0x88, 0xE5),
            Shade::DoneLate => (0xF5, 0x7C, 0x00),
            Shade::Overdue => (0xD3, 0x2F, 0x2F),
            Shade::NoData => (0x9E, 0x9E, 0x9E),
        }
    }
}

/// Where a row's figure was read: document and lines, and the words there.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The document's name in the ledger.
    pub doc: String,
    /// Every place it is read.
    pub evidence: Vec<Evidence>,
}

impl Source {
    /// "dòng 12–14; 80" — the lines of every place.
    pub fn lines(&self) -> String {
        self.evidence
            .iter()
            .map(|e| {
                if e.span.start == e.span.end {
                    e.span.start.to_string()
                } else {
                    format!("{}–{}", e.span.start, e.span.end)
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The words of the first place.
    pub fn text(&self) -> &str {
        self.evidence.first().map_or("", |e| e.text.as_str())
    }
}

/// A target (chỉ tiêu) with where it stands.
#[derive(Debug, Clone)]
pub struct TargetRow {
    /// Stable code (`CT12`).
    pub code: String,
    /// Name of the indicator.
    pub name: String,
    /// Category code (`economy` …).
    pub category: String,
    /// The target as written ("≥ 13,7%").
    pub target_text: String,
    /// Target figure.
    pub value: Option<f64>,
    /// Unit.
    pub unit: String,
    /// Deadline, ISO.
    pub deadline: Option<String>,
    /// Term ("2025-2030").
    pub term: Option<String>,
    /// Status against the deadline.
    pub status: TargetStatus,
    /// Its colour.
    pub shade: Shade,
    /// The latest value recorded, and when.
    pub latest: Option<(f64, String)>,
    /// Latest value as a share of the target, per cent (mirrored for lower-is-better).
    pub progress: Option<f64>,
    /// Where it is written.
    pub source: Source,
}

/// A result (kết quả) a document reports.
#[derive(Debug, Clone)]
pub struct ResultRow {
    /// Stable code.
    pub code: String,
    /// Indicator.
    pub name: String,
    /// Category code.
    pub category: String,
    /// The plan as written.
    pub target_text: String,
    /// Plan figure.
    pub value: Option<f64>,
    /// Achieved figure.
    pub achieved: Option<f64>,
    /// Achieved as written.
    pub achieved_text: String,
    /// Unit.
    pub unit: String,
    /// Verdict the document states.
    pub verdict: Option<Verdict>,
    /// Verdict the figures imply.
    pub implied: Option<Verdict>,
    /// Its colour.
    pub shade: Shade,
    /// Where it is written.
    pub source: Source,
}

/// A task (nhiệm vụ) by the "5 rõ" rule: rõ việc, rõ người, rõ trách nhiệm, rõ thời gian, rõ kết quả.
#[derive(Debug, Clone)]
pub struct TaskRow {
    /// Stable code (`NV7`).
    pub code: String,
    /// What must be done (rõ việc).
    pub what: String,
    /// Who leads (rõ người).
    pub lead: String,
    /// Who takes part (rõ trách nhiệm).
    pub partners: String,
    /// Deadline, ISO (rõ thời gian).
    pub deadline: Option<String>,
    /// The time as written.
    pub deadline_text: String,
    /// The result or product expected (rõ kết quả: sản phẩm), as written; empty where the
    /// document states none.
    pub product: String,
    /// Status.
    pub status: TaskStatus,
    /// The day it was recorded done, if it was.
    pub done_on: Option<String>,
    /// Its colour.
    pub shade: Shade,
    /// Section of the document.
    pub section: String,
    /// Where it is written.
    pub source: Source,
}

/// A cited document (văn bản được dẫn).
#[derive(Debug, Clone)]
pub struct CitationRow {
    /// "57-NQ/TW".
    pub number: String,
    /// Kind ("Nghị quyết").
    pub kind: String,
    /// Date, ISO.
    pub date: Option<String>,
    /// Issuer.
    pub issuer: String,
    /// Where it is cited.
    pub source: Source,
}

/// A finding (phát hiện) with its review state.
#[derive(Debug, Clone)]
pub struct FindingRow {
    /// `PH12`.
    pub code: String,
    /// Rule.
    pub kind: String,
    /// Severity in words.
    pub severity: &'static str,
    /// Review state in words.
    pub state: &'static str,
    /// Whether it still needs handling (open or confirmed).
    pub open: bool,
    /// Message, Vietnamese.
    pub message: String,
    /// Reviewer and note.
    pub review: String,
    /// Places compared.
    pub evidence: Vec<Evidence>,
}

/// Everything a report shows, as rows.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Targets.
    pub targets: Vec<TargetRow>,
    /// Results.
    pub results: Vec<ResultRow>,
    /// Tasks.
    pub tasks: Vec<TaskRow>,
    /// Citations.
    pub citations: Vec<CitationRow>,
    /// Findings.
    pub findings: Vec<FindingRow>,
}

impl Snapshot {
    /// Read the ledger as a report reads it: the documents of `org` (matched as
    /// [`theodoi_store::Store::documents`] does), only their targets of `term` when given ("2025-2030"),
    /// progress recorded by users and read from later documents through links, the items' stable codes
    /// and findings of every state.
    pub async fn load(
        store: &theodoi_store::Store,
        org: Option<&str>,
        term: Option<&str>,
        today: NaiveDate,
    ) -> Result<Snapshot, theodoi_store::StoreError> {
        let mut docs = store.documents(org).await?;
        let links: Vec<theodoi_core::Link> = store.links().await?.into_iter().map(|l| l.link).collect();
        let mut progress = store.progress().await?;
        progress.extend(theodoi_check::progress_from_links(&docs, &links));
        if let Some(term) = term {
            let key = |s: &str| theodoi_text::fold(s).replace([' ', '–', '—'], "").replace('_', "-");
            let want = key(term);
            for d in &mut docs {
                d.extraction.targets.retain(|t| t.term.as_deref().is_some_and(|x| key(x) == want));
            }
        }
        let codes =
            store.items(None).await?.into_iter().filter_map(|i| Some(((i.doc, i.kind, i.position?), i.code))).collect();
        let findings = store.findings_in(&["open", "confirmed", "dismissed", "resolved"], org).await?;
        Ok(Snapshot { docs, progress, codes, findings, today, org: org.map(str::to_string) })
    }

    /// The rows of every document in the snapshot.
    pub fn rows(&self) -> Rows {
        self.rows_where(|_| true)
    }

    /// The rows of the documents `keep` accepts.
    pub fn rows_where(&self, keep: impl Fn(&LedgerDocument) -> bool) -> Rows {
        let mut by_item: HashMap<(&str, ItemKind, &str), Vec<&ProgressUpdate>> = HashMap::new();
        for u in &self.progress {
            by_item.entry((u.item.doc.as_str(), u.item.kind, u.item.id.as_str())).or_default().push(u);
        }
        for ups in by_item.values_mut() {
            ups.sort_by(|a, b| a.date.cmp(&b.date));
        }
        let code = |d: &LedgerDocument, kind: ItemKind, pos: &str| {
            self.codes.get(&(d.file.clone(), kind, pos.to_string())).cloned().unwrap_or_else(|| {
                let stem = d.file.rsplit_once('.').map_or(d.file.as_str(), |(s, _)| s);
                format!("{stem}:{pos}")
            })
        };
        let mut rows = Rows::default();
        let mut names = std::collections::HashSet::new();
        for d in self.docs.iter().filter(|d| keep(d)) {
            names.insert(d.file.as_str());
            let source = |ev: &[Evidence]| Source { doc: d.file.clone(), evidence: ev.to_vec() };
            for t in &d.extraction.targets {
                let ups = by_item.get(&(d.file.as_str(), ItemKind::Target, t.id.as_str())).cloned().unwrap_or_default();
                // results, and readings (a reported value with no plan), go to the results sheet
                if t.kind != TargetKind::Target {
                    let implied = implied_verdict(t);
                    let shade = match t.verdict.or(implied) {
                        Some(Verdict::Met | Verdict::Exceeded) => Shade::DoneOnTime,
                        Some(Verdict::NotMet) => Shade::Overdue,
                        Some(Verdict::NotYetMet) => Shade::InProgress,
                        None => Shade::NoData,
                    };
                    rows.results.push(ResultRow {
                        code: code(d, ItemKind::Target, &t.id),
                        name: t.name.clone(),
                        category: t.category.clone().unwrap_or_else(|| "other".into()),
                        target_text: t.target_text.clone().unwrap_or_default(),
                        value: t.value,
                        achieved: t.achieved,
                        achieved_text: t.achieved_text.clone().unwrap_or_default(),
                        unit: t.unit.clone().unwrap_or_default(),
                        verdict: t.verdict,
                        implied,
                        shade,
                        source: source(&t.evidence),
                    });
                    continue;
                }
                let track = theodoi_check::target_status(t, &ups, self.today);
                let latest = ups.iter().rev().find_map(|u| u.value.map(|v| (v, u.date.clone())));
                let deadline = t.deadline.as_deref().and_then(theodoi_check::deadline_date);
                let shade = match track.status {
                    TargetStatus::Achieved => {
                        let met_on = ups.iter().rev().find(|u| u.done || u.value.is_some()).map(|u| u.date.as_str());
                        let late = match (met_on.and_then(iso_day), deadline) {
                            (Some(m), Some(d)) => m > d,
                            _ => false,
                        };
                        if late {
                            Shade::DoneLate
                        } else {
                            Shade::DoneOnTime
                        }
                    }
                    TargetStatus::OnTrack | TargetStatus::AtRisk | TargetStatus::OffTrack => Shade::InProgress,
                    TargetStatus::Overdue => Shade::Overdue,
                    TargetStatus::NoData => Shade::NoData,
                };
                let progress = match (latest.as_ref(), t.value) {
                    (Some((v, _)), Some(goal)) if goal != 0.0 => Some(if lower_is_better(t) {
                        if *v <= 0.0 {
                            100.0
                        } else {
                            goal / v * 100.0
                        }
                    } else {
                        v / goal * 100.0
                    }),
                    _ => None,
                };
                rows.targets.push(TargetRow {
                    code: code(d, ItemKind::Target, &t.id),
                    name: t.name.clone(),
                    category: t.category.clone().unwrap_or_else(|| "other".into()),
                    target_text: t.target_text.clone().unwrap_or_default(),
                    value: t.value,
                    unit: t.unit.clone().unwrap_or_default(),
                    deadline: t.deadline.clone(),
                    term: t.term.clone(),
                    status: track.status,
                    shade,
                    latest,
                    progress,
                    source: source(&t.evidence),
                });
            }
            for k in &d.extraction.tasks {
                let ups = by_item.get(&(d.file.as_str(), ItemKind::Task, k.id.as_str())).cloned().unwrap_or_default();
                let status = theodoi_check::task_status(k.deadline.as_deref(), &ups, self.today);
                let done_on = ups.iter().find(|u| u.done).map(|u| u.date.clone());
                let deadline = k.deadline.as_deref().and_then(theodoi_check::deadline_date);
                let shade = match status {
                    TaskStatus::Done => match (done_on.as_deref().and_then(iso_day), deadline) {
                        (Some(m), Some(d)) if m > d => Shade::DoneLate,
                        _ => Shade::DoneOnTime,
                    },
                    TaskStatus::Overdue => Shade::Overdue,
                    TaskStatus::Open if ups.is_empty() && deadline.is_none() => Shade::NoData,
                    TaskStatus::Open => Shade::InProgress,
                };
                rows.tasks.push(TaskRow {
                    code: code(d, ItemKind::Task, &k.id),
                    what: k.what.clone(),
                    lead: k.lead.clone().unwrap_or_default(),
                    partners: k.partners.join("; "),
                    deadline: k.deadline.clone(),
                    deadline_text: k.deadline_text.clone().unwrap_or_default(),
                    product: k.product.clone().unwrap_or_default(),
                    status,
                    done_on,
                    shade,
                    section: k.section.clone().unwrap_or_default(),
                    source: source(&k.evidence),
                });
            }
            for c in &d.extraction.citations {
                rows.citations.push(CitationRow {
                    number: c.number.clone(),
                    kind: c.kind.clone().unwrap_or_default(),
                    date: c.date.clone(),
                    issuer: c.issuer.clone().unwrap_or_default(),
                    source: source(&c.evidence),
                });
            }
        }
        for f in &self.findings {
            if !f.finding.evidence.iter().any(|e| names.contains(e.doc.as_str())) {
                continue;
            }
            let review = match (&f.reviewed_by, &f.note) {
                (Some(u), Some(n)) => format!("{u}: {n}"),
                (Some(u), None) => u.clone(),
                (None, Some(n)) => n.clone(),
                (None, None) => String::new(),
            };
            rows.findings.push(FindingRow {
                code: f.code.clone(),
                kind: f.finding.kind.clone(),
                severity: severity_vi(f.finding.severity),
                state: state_vi(&f.state),
                open: matches!(f.state.as_str(), "open" | "confirmed"),
                message: f.finding.message_vi.clone(),
                review,
                evidence: f.finding.evidence.clone(),
            });
        }
        rows
    }
}

fn iso_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Whether a smaller figure is better (as the checks read it).
fn lower_is_better(t: &theodoi_core::Target) -> bool {
    theodoi_check::lower_is_better(t)
}

/// The verdict a result's own figures imply ([`theodoi_check::implied_verdict`]).
pub fn implied_verdict(t: &theodoi_core::Target) -> Option<Verdict> {
    theodoi_check::implied_verdict(t)
}

/// A category code in Vietnamese words.
pub fn category_vi(code: &str) -> &'static str {
    match code {
        "party" => "Xây dựng Đảng và hệ thống chính trị",
        "economy" => "Kinh tế",
        "urban" => "Đô thị",
        "culture_society" => "Văn hóa - xã hội",
        "admin_reform" => "Cải cách hành chính",
        "defense_security" => "Quốc phòng - an ninh",
        _ => "Lĩnh vực khác",
    }
}

/// A target's status in words.
pub fn target_status_vi(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Achieved => "Đạt",
        TargetStatus::OnTrack => "Đúng tiến độ",
        TargetStatus::AtRisk => "Có nguy cơ",
        TargetStatus::OffTrack => "Chậm tiến độ",
        TargetStatus::Overdue => "Quá hạn",
        TargetStatus::NoData => "Chưa có số liệu",
    }
}

/// A task's status in words.
pub fn task_status_vi(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::Open => "Đang thực hiện",
        TaskStatus::Done => "Hoàn thành",
        TaskStatus::Overdue => "Quá hạn",
    }
}

/// A verdict in words.
pub fn verdict_vi(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "Đạt",
        Verdict::Exceeded => "Vượt",
        Verdict::NotMet => "Không đạt",
        Verdict::NotYetMet => "Chưa đạt",
    }
}

fn severity_vi(s: theodoi_core::Severity) -> &'static str {
    match s {
        theodoi_core::Severity::Error => "Lỗi",
        theodoi_core::Severity::Warning => "Cảnh báo",
        theodoi_core::Severity::Info => "Thông tin",
    }
}

fn state_vi(s: &str) -> &'static str {
    match s {
        "open" => "Chưa xử lý",
        "confirmed" => "Đã xác nhận",
        "dismissed" => "Đã bác bỏ",
        "resolved" => "Đã hết",
        _ => "Khác",
    }
}

/// Figures and dates as offices write them ("13,7", "1.100", "30/06/2026"): one grammar for
/// the CLI, the reports and the web pages, in `theodoi_text`.
pub use theodoi_text::{vi_date, vi_number as vi_num};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_as_offices_write_them() {
        assert_eq!(vi_num(13.7), "13,7");
        assert_eq!(vi_num(1100.0), "1.100");
        assert_eq!(vi_num(1234567.891), "1.234.567,89");
        assert_eq!(vi_num(-0.5), "-0,5");
        assert_eq!(vi_date("2025-12-15"), "15/12/2025");
        assert_eq!(vi_date("2026-06"), "06/2026");
    }
}
