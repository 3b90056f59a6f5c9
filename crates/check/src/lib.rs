//! Check: findings (phát hiện) over the ledger — "kiểm tra trên dữ liệu".
//!
//! Pure: no SQL, no IO. The store hands over the current documents, progress and links;
//! [`run`] returns every [`Finding`], each with a severity, a Vietnamese and an English
//! explanation, and the evidence spans involved. One check per module:
//!
//! | module | kind(s) |
//! |---|---|
//! | `declared_counts` | `declared_count_mismatch` — "21/23 chỉ tiêu", "27 chỉ tiêu" vs the items found |
//! | `verdicts` | `verdict_contradicts_numbers` — "Đạt" with 392,2 against 391, "Vượt" with 0 against 0 |
//! | `same_indicator` | `conflicting_targets`, `same_indicator_different_value` — one indicator, two figures |
//! | `citations` | `citation_conflict`, `citation_after_document` |
//! | `facts` | `fact_conflict` — one org fact, two values |
//! | `deadlines` | `task_overdue`, `target_off_track` |
//!
//! Tracking ([`target_status`], [`task_status`]) and cross-document linking ([`propose_links`])
//! live here too, as they are computations over the same values.
//!
//! ```
//! use theodoi_check::{run, Input};
//! let findings = run(&Input { docs: &[], progress: &[], links: &[], today: Some("2026-01-01") });
//! assert!(findings.is_empty());
//! ```
#![deny(missing_docs)]

mod citations;
mod deadlines;
mod declared_counts;
mod facts;
mod links;
mod same_indicator;
mod similarity;
mod tracking;
mod verdicts;

pub use links::{
    progress_from_link, progress_from_links, propose_links, propose_links_counted, propose_links_near,
    propose_links_touching,
};
pub use similarity::{features as name_features, NameIndex};
pub use tracking::{deadline_date, target_status, task_status, TargetTrack};
pub use verdicts::{implied as implied_verdict, lower_is_better};

use theodoi_core::{Evidence, Finding, LedgerDocument, Link, ProgressUpdate, Severity};

/// Every kind of finding with its name for a reader: (kind, Vietnamese, English). The one list a
/// CLI or a page shows a kind by; a kind not listed shows as written.
pub const KINDS: &[(&str, &str, &str)] = &[
    ("declared_count_mismatch", "Số đếm văn bản nêu không khớp", "Declared count does not match"),
    ("verdict_contradicts_numbers", "Đánh giá trái với số liệu", "Verdict contradicts the figures"),
    ("conflicting_targets", "Chỉ tiêu mâu thuẫn", "Conflicting targets"),
    ("same_indicator_different_value", "Cùng chỉ tiêu, khác số liệu", "Same indicator, different figures"),
    ("target_missing_in_appendix", "Chỉ tiêu không có trong phụ lục", "Target missing from the appendix"),
    ("citation_conflict", "Trích dẫn văn bản không thống nhất", "Conflicting citations"),
    ("citation_after_document", "Dẫn văn bản ban hành sau", "Cites a later document"),
    ("fact_conflict", "Số liệu không thống nhất", "Conflicting facts"),
    ("task_overdue", "Nhiệm vụ quá hạn", "Task overdue"),
    ("target_off_track", "Chỉ tiêu có nguy cơ không đạt", "Target off track"),
];

/// The name of a finding's kind for a reader, in Vietnamese or English.
///
/// ```
/// assert_eq!(theodoi_check::kind_label("task_overdue", true), "Nhiệm vụ quá hạn");
/// assert_eq!(theodoi_check::kind_label("something_new", false), "something_new");
/// ```
pub fn kind_label(kind: &str, vietnamese: bool) -> &str {
    KINDS.iter().find(|k| k.0 == kind).map(|k| if vietnamese { k.1 } else { k.2 }).unwrap_or(kind)
}

/// What the checks look at.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The current version of every document in scope.
    pub docs: &'a [LedgerDocument],
    /// Progress updates (entered by users, or read from later documents).
    pub progress: &'a [ProgressUpdate],
    /// Links between items of different documents.
    pub links: &'a [Link],
    /// Today, ISO `YYYY-MM-DD`; deadline checks are skipped without it.
    pub today: Option<&'a str>,
}

/// Run every check. Findings come sorted: errors first, then by document and line.
pub fn run(input: &Input) -> Vec<Finding> {
    let mut out = run_local(input);
    out.extend(run_citations(input.docs));
    let restored: std::collections::HashSet<&str> =
        input.docs.iter().filter(|d| d.restored).map(|d| d.file.as_str()).collect();
    finish(&mut out, &restored);
    out
}

/// Every check but the citations', unsorted: those compare a document only with itself and with
/// the documents of its own organisation (the ledger's organisation key), so over one
/// organisation's documents at a time (with the progress of their items) they find what [`run`]
/// finds over the whole ledger — a city is checked without holding every document at once.
/// The citations compare documents across organisations: [`run_citations`] over every document's
/// citations; then [`finish`] over all the findings.
pub fn run_local(input: &Input) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(declared_counts::check(input));
    out.extend(verdicts::check(input));
    out.extend(same_indicator::check(input));
    out.extend(facts::check(input));
    out.extend(deadlines::check(input));
    out
}

/// The citation checks over `docs` — of which only the citations, organisation, parent and date
/// are read, so the documents may be kept with their citations alone. `docs` in the order of
/// [`run`]'s (the ledger's: by name).
pub fn run_citations(docs: &[LedgerDocument]) -> Vec<Finding> {
    citations::check(&Input { docs, progress: &[], links: &[], today: None })
}

/// What [`run`] does last: a finding read only from text restored from damaged OCR (`restored`:
/// the names of such documents) is softened; then errors first, by document and line.
pub fn finish(findings: &mut [Finding], restored: &std::collections::HashSet<&str>) {
    for f in findings.iter_mut() {
        if !f.evidence.is_empty() && f.evidence.iter().all(|e| restored.contains(e.doc.as_str())) {
            soften(f);
        }
    }
    findings.sort_by(|a, b| {
        b.severity.cmp(&a.severity).then_with(|| first_span(a).cmp(&first_span(b))).then_with(|| a.kind.cmp(&b.kind))
    });
}

/// A finding read only from text restored from damaged OCR may come from a misread figure:
/// one step less severe, and said so.
fn soften(f: &mut Finding) {
    f.severity = match f.severity {
        Severity::Error => Severity::Warning,
        _ => Severity::Info,
    };
    f.message_vi.push_str(" (Văn bản được khôi phục từ bản quét OCR: cần đối chiếu bản gốc.)");
    f.message_en.push_str(" (Text restored from damaged OCR: check against the original.)");
}

fn first_span(f: &Finding) -> (String, u32) {
    f.evidence.first().map(|e| (e.doc.clone(), e.span.start)).unwrap_or_default()
}

pub(crate) fn finding(kind: &str, severity: Severity, vi: String, en: String, evidence: Vec<Evidence>) -> Finding {
    let mut seen = std::collections::HashSet::new();
    let evidence = evidence.into_iter().filter(|e| seen.insert((e.doc.clone(), e.span))).collect();
    Finding { kind: kind.into(), severity, message_vi: vi, message_en: en, evidence }
}

/// A number as Vietnamese documents write it: decimal comma, no trailing zeros ("392,2", "8").
pub(crate) fn vi_num(v: f64) -> String {
    let s = format!("{}", (v * 1000.0).round() / 1000.0);
    s.replace('.', ",")
}

/// The key that groups documents of one organisation ([`org_group`]), or the file itself when the
/// document names no organisation (so unrelated documents never merge).
pub(crate) fn org_key(d: &LedgerDocument) -> String {
    org_group(d).unwrap_or_else(|| d.file.clone())
}

/// The organisation a document belongs to, as the ledger keys it: its unit on the official list
/// of administrative units ("P. Lê Ích Mộc" = "Phường Lê Ích Mộc" = `unit:11506`), else its folded
/// name without "Đảng bộ"/"Đảng ủy" (`theodoi_units::org_key`).
/// A clerk's decision on the name (`LedgerDocument::org_key`, as the ledger keeps it) comes first.
pub(crate) fn org_group(d: &LedgerDocument) -> Option<String> {
    let o = d.extraction.org.as_deref()?;
    Some(d.org_key.clone().unwrap_or_else(|| theodoi_units::org_key(o, d.extraction.parent_org.as_deref())))
}
