//! One indicator, two figures in one document:
//! - `conflicting_targets`: goals for the same indicator with different figures on different time
//!   scales ("trên 80%" every year vs "trên 85%" by 2030; "dưới 1,5%" by 2030 vs "không còn hộ nghèo" by 2028);
//! - `same_indicator_different_value`: the same target or result stated with different figures in
//!   body, appendix or another part (the self-review) of the document;
//! - `target_missing_in_appendix`: a goal with a figure in the body that the appendix's list lacks.

use theodoi_core::{DocType, Extraction, Finding, Frequency, Severity, Target, TargetKind};
use theodoi_text::fold;

use crate::similarity::NameIndex;
use crate::verdicts::lower_is_better;
use crate::{finding, vi_num, Input};

/// Names at least this similar are the same indicator stated twice.
const SAME: f64 = 0.85;
/// Goals on different time scales this similar, sharing a key phrase, are about one indicator.
const RELATED: f64 = 0.6;

fn norm_unit(u: &Option<String>) -> Option<String> {
    u.as_deref().map(|u| fold(u).chars().filter(|c| !c.is_whitespace()).collect())
}

fn same_category(a: &Target, b: &Target) -> bool {
    match (&a.category, &b.category) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn timing(t: &Target) -> String {
    match (t.frequency, &t.deadline) {
        (_, Some(d)) => format!("đến {d}"),
        (Some(Frequency::Annual), None) => "hằng năm".into(),
        (Some(Frequency::TermTotal), None) => "cả nhiệm kỳ".into(),
        _ => "không nêu thời hạn".into(),
    }
}

fn timing_en(t: &Target) -> String {
    match (t.frequency, &t.deadline) {
        (_, Some(d)) => format!("by {d}"),
        (Some(Frequency::Annual), None) => "every year".into(),
        (Some(Frequency::TermTotal), None) => "over the term".into(),
        _ => "no deadline".into(),
    }
}

fn figure(t: &Target) -> String {
    if let Some(s) = &t.target_text {
        return s.clone();
    }
    let mut s = t.value.map(vi_num).unwrap_or_default();
    if let Some(m) = t.value_max {
        s.push_str(&format!(" - {}", vi_num(m)));
    }
    if let Some(u) = &t.unit {
        s.push(' ');
        s.push_str(u);
    }
    s
}

fn in_appendix(t: &Target) -> bool {
    t.section.as_deref().is_some_and(|s| fold(s).contains("phu luc"))
}

fn part_of(x: &Extraction, t: &Target) -> Option<DocType> {
    let line = t.evidence.first()?.span.start;
    x.parts.iter().find(|p| p.span.contains(line)).map(|p| p.doc_type)
}

fn where_vi(x: &Extraction, t: &Target) -> &'static str {
    if in_appendix(t) {
        "phụ lục"
    } else if part_of(x, t) == Some(DocType::BaoCaoKiemDiem) {
        "báo cáo kiểm điểm"
    } else {
        "phần nội dung"
    }
}

fn where_en(x: &Extraction, t: &Target) -> &'static str {
    if in_appendix(t) {
        "appendix"
    } else if part_of(x, t) == Some(DocType::BaoCaoKiemDiem) {
        "self-review"
    } else {
        "body"
    }
}

/// A target that eliminates something ("không còn hộ nghèo": 0 hộ nghèo) names its indicator in its unit;
/// the other target is about the same thing when its name holds that phrase.
fn eliminates_same(a: &Target, b: &Target) -> Option<String> {
    let (zero, other) = if b.value == Some(0.0) {
        (b, a)
    } else if a.value == Some(0.0) {
        (a, b)
    } else {
        return None;
    };
    let unit = theodoi_text::nfc(zero.unit.as_deref()?).to_lowercase();
    if unit.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    theodoi_text::nfc(&other.name).to_lowercase().contains(unit.trim()).then_some(unit.trim().to_string())
}

fn overlaps(a: &Target, b: &Target) -> bool {
    a.evidence
        .iter()
        .any(|x| b.evidence.iter().any(|y| x.doc == y.doc && x.span.start <= y.span.end && y.span.start <= x.span.end))
}

/// How alike the texts the two were read from are (1 when either has none).
fn evidence_similarity(idx: &NameIndex, other: Option<&NameIndex>, a: &Target, b: &Target) -> f64 {
    match (a.evidence.first(), b.evidence.first()) {
        (Some(x), Some(y)) if !x.text.trim().is_empty() && !y.text.trim().is_empty() => {
            idx.similarity_with(other, &x.text, &y.text)
        }
        _ => 1.0,
    }
}

fn differ(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() > 1e-9 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

/// What the pairwise comparisons read of a target, computed once per target (not per pair).
struct Key {
    org: Option<String>,
    term: Option<String>,
    unit: Option<String>,
    timing: String,
    lower: bool,
}

fn keys(x: &Extraction) -> Vec<Key> {
    x.targets
        .iter()
        .map(|t| Key {
            org: t.unit_org.as_deref().map(fold),
            term: t.term.as_deref().map(fold),
            unit: norm_unit(&t.unit),
            timing: timing(t),
            lower: lower_is_better(t),
        })
        .collect()
}

/// Units agree, or one figure is zero ("không còn …" names its indicator in its unit).
fn units_ok(ka: &Key, kb: &Key, a: &Target, b: &Target) -> bool {
    match (&ka.unit, &kb.unit) {
        (Some(x), Some(y)) if x != y => a.value == Some(0.0) || b.value == Some(0.0),
        _ => true,
    }
}

fn check_doc(x: &Extraction, idx: &NameIndex, ks: &[Key]) -> Vec<Finding> {
    let mut out = Vec::new();
    let ts = &x.targets;
    for (i, a) in ts.iter().enumerate() {
        let ka = &ks[i];
        for (j, b) in ts.iter().enumerate().skip(i + 1) {
            let kb = &ks[j];
            if a.kind != b.kind || ka.org != kb.org || !same_category(a, b) || !units_ok(ka, kb, a, b) {
                continue;
            }
            if ka.lower != kb.lower || ka.term != kb.term {
                continue;
            }
            let mut ev = a.evidence.clone();
            ev.extend(b.evidence.iter().cloned());
            let value_differs = differ(a.value, b.value) || differ(a.value_max, b.value_max);
            if a.kind == TargetKind::Target && value_differs && ka.timing != kb.timing {
                let key = idx
                    .key_pair(&a.name, &b.name)
                    .filter(|_| idx.similarity(&a.name, &b.name) >= RELATED)
                    .or_else(|| eliminates_same(a, b));
                if let Some(key) = key {
                    out.push(finding(
                        "conflicting_targets",
                        Severity::Warning,
                        format!(
                            "Hai chỉ tiêu về \"{key}\" đặt mức khác nhau: \"{}\" {} ({}) và \"{}\" {} ({}). Cần thống nhất một mức cho cùng thời điểm.",
                            a.name, figure(a), timing(a), b.name, figure(b), timing(b)
                        ),
                        format!(
                            "Two targets on \"{key}\" set different figures: \"{}\" {} ({}) and \"{}\" {} ({}). One figure should hold for the same point in time.",
                            a.name, figure(a), timing_en(a), b.name, figure(b), timing_en(b)
                        ),
                        ev,
                    ));
                    continue;
                }
            }
            // Stated twice means two places: items read from one sentence are sub-indicators, and
            // texts that read differently are different rows, whatever names extraction gave them.
            if ka.timing != kb.timing
                || idx.similarity(&a.name, &b.name) < SAME
                || overlaps(a, b)
                || evidence_similarity(idx, None, a, b) < 0.5
            {
                continue;
            }
            let achieved_differs = a.kind == TargetKind::Result && differ(a.achieved, b.achieved);
            if !value_differs && !achieved_differs {
                continue;
            }
            let (wa, wb) = (where_vi(x, a), where_vi(x, b));
            let (ea, eb) = (where_en(x, a), where_en(x, b));
            let show = |t: &Target| match (t.kind, t.achieved) {
                (TargetKind::Result, Some(v)) => {
                    format!("mục tiêu {}, thực hiện {}", figure(t), vi_num(v))
                }
                _ => figure(t),
            };
            let show_en = |t: &Target| match (t.kind, t.achieved) {
                (TargetKind::Result, Some(v)) => format!("target {}, achieved {}", figure(t), v),
                _ => figure(t),
            };
            out.push(finding(
                "same_indicator_different_value",
                Severity::Error,
                format!(
                    "Cùng chỉ tiêu \"{}\" nhưng số liệu khác nhau: {} ở {wa}, {} ở {wb}.",
                    a.name,
                    show(a),
                    show(b)
                ),
                format!(
                    "The same indicator \"{}\" has different figures: {} in the {ea}, {} in the {eb}.",
                    a.name,
                    show_en(a),
                    show_en(b)
                ),
                ev,
            ));
        }
    }
    out
}

/// Goals of one organisation's documents for the same term: one indicator, one figure
/// (a political report and the action program that implements it must agree).
///
/// Blocked by organisation: only documents of one organisation are paired (a city's ledger has
/// ~20 per ward, not thousands), and each name is tokenised once (`idx`, one index per document;
/// a pair compares over the union of its two indexes).
fn check_across(input: &Input, idx: &[NameIndex], keys: &[Vec<Key>]) -> Vec<Finding> {
    let orgs: Vec<Option<String>> = input.docs.iter().map(crate::org_group).collect();
    let mut groups: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, o) in orgs.iter().enumerate() {
        if let Some(o) = o {
            groups.entry(o.as_str()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (i, da) in input.docs.iter().enumerate() {
        let Some(group) = orgs[i].as_deref().and_then(|o| groups.get(o)) else { continue };
        for &j in group.iter().filter(|&&j| j > i) {
            let db = &input.docs[j];
            let (xa, xb) = (&da.extraction, &db.extraction);
            let (ia, ib) = (&idx[i], Some(&idx[j]));
            let (ksa, ksb) = (&keys[i], &keys[j]);
            for (a, ka) in xa.targets.iter().zip(ksa).filter(|(t, _)| t.kind == TargetKind::Target) {
                // The best match only: a goal is compared with its counterpart, not with every relative.
                let best = xb
                    .targets
                    .iter()
                    .zip(ksb)
                    .filter(|(b, kb)| b.kind == TargetKind::Target && ka.org == kb.org && units_ok(ka, kb, a, b))
                    .filter(|(_, kb)| ka.term == kb.term && ka.timing == kb.timing)
                    .map(|(b, _)| (b, ia.similarity_with(ib, &a.name, &b.name)))
                    .max_by(|x, y| x.1.total_cmp(&y.1));
                let Some((b, sim)) = best else { continue };
                if sim < SAME
                    || evidence_similarity(ia, ib, a, b) < 0.5
                    || !(differ(a.value, b.value) || differ(a.value_max, b.value_max))
                {
                    continue;
                }
                let mut ev = a.evidence.clone();
                ev.extend(b.evidence.iter().cloned());
                out.push(finding(
                    "same_indicator_different_value",
                    Severity::Error,
                    format!("Cùng chỉ tiêu \"{}\" nhưng hai văn bản của cùng tổ chức nêu khác nhau: {} ({}) và {} ({}).", a.name, figure(a), da.file, figure(b), db.file),
                    format!("The same target \"{}\" differs between two documents of one organisation: {} ({}) and {} ({}).", a.name, figure(a), da.file, figure(b), db.file),
                    ev,
                ));
            }
        }
    }
    out
}

/// Appendix tables of at least this many targets are taken as the document's full list.
const FULL_LIST: usize = 5;

/// `target_missing_in_appendix`: a goal with a figure stated in the body of a document whose appendix
/// lists the term's targets, matching none of them — committed in words, not tracked in the table.
fn missing_in_appendix(x: &Extraction, idx: &NameIndex) -> Vec<Finding> {
    let goals: Vec<&Target> = x.targets.iter().filter(|t| t.kind == TargetKind::Target && t.value.is_some()).collect();
    let mut out = Vec::new();
    for body in goals.iter().filter(|t| !in_appendix(t)) {
        let listed: Vec<&&Target> = goals
            .iter()
            .filter(|a| in_appendix(a) && a.term.as_deref().map(fold) == body.term.as_deref().map(fold))
            .collect();
        if listed.len() < FULL_LIST {
            continue;
        }
        if listed.iter().any(|a| idx.similarity(&a.name, &body.name) >= 0.5 || eliminates_same(a, body).is_some()) {
            continue;
        }
        let term = body.term.as_deref().unwrap_or("");
        out.push(finding(
            "target_missing_in_appendix",
            Severity::Info,
            format!(
                "Chỉ tiêu \"{}\" ({}) nêu trong phần nội dung nhưng không có trong phụ lục chỉ tiêu nhiệm kỳ {term}.",
                body.name,
                figure(body)
            ),
            format!(
                "Target \"{}\" ({}) is stated in the body but not in the appendix of {term} targets.",
                body.name,
                figure(body)
            ),
            body.evidence.clone(),
        ));
    }
    out
}

pub(crate) fn check(input: &Input) -> Vec<Finding> {
    // Each document's names (and the texts they were read from) tokenised once, for every check here.
    let idx: Vec<NameIndex> = input
        .docs
        .iter()
        .map(|d| {
            let ts = &d.extraction.targets;
            NameIndex::with_texts(
                ts.iter().map(|t| t.name.as_str()),
                ts.iter().filter_map(|t| t.evidence.first().map(|e| e.text.as_str())),
            )
        })
        .collect();
    let ks: Vec<Vec<Key>> = input.docs.iter().map(|d| keys(&d.extraction)).collect();
    let mut out: Vec<Finding> =
        input.docs.iter().zip(&idx).zip(&ks).flat_map(|((d, i), k)| check_doc(&d.extraction, i, k)).collect();
    out.extend(input.docs.iter().zip(&idx).flat_map(|(d, i)| missing_in_appendix(&d.extraction, i)));
    out.extend(check_across(input, &idx, &ks));
    out
}
