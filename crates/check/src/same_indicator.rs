//! One indicator, two figures in one document:
//! - `conflicting_targets`: goals for the same indicator with different figures on different time
//!   scales ("trên 80%" every year vs "trên 85%" by 2030; "dưới 1,5%" by 2030 vs "không còn hộ nghèo" by 2028);
//! - `same_indicator_different_value`: the same target or result stated with different figures in
//!   body, appendix or another part (the self-review) of the document;
//! - `target_missing_in_appendix`: a goal with a figure in the body that the appendix's list lacks.

use std::collections::HashMap;

use theodoi_core::{DocType, Extraction, Finding, Frequency, Severity, Target, TargetKind};
use theodoi_text::fold;

use crate::similarity::{Df, Population, Vocab};
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
fn evidence_similarity(v: &Vocab, p: &Population, a: &Target, b: &Target) -> f64 {
    match (a.evidence.first(), b.evidence.first()) {
        (Some(x), Some(y)) if !x.text.trim().is_empty() && !y.text.trim().is_empty() => {
            p.similarity(v.feats(&x.text), v.feats(&y.text))
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

/// The keys two targets must share to be compared at all: kind, organisation unit, term and
/// direction (blocking: a target is paired only with the others of its block, not all pairs).
type Block<'k> = (TargetKind, Option<&'k str>, Option<&'k str>, bool);

fn check_doc(x: &Extraction, v: &Vocab, df: &Df, ks: &[Key]) -> Vec<Finding> {
    let mut out = Vec::new();
    let ts = &x.targets;
    let p = v.population(df, None);
    let mut blocks: HashMap<Block, Vec<usize>> = HashMap::new();
    for (i, (t, k)) in ts.iter().zip(ks).enumerate() {
        blocks.entry((t.kind, k.org.as_deref(), k.term.as_deref(), k.lower)).or_default().push(i);
    }
    for (i, a) in ts.iter().enumerate() {
        let ka = &ks[i];
        let block = &blocks[&(a.kind, ka.org.as_deref(), ka.term.as_deref(), ka.lower)];
        let fa = v.feats(&a.name);
        for &j in block.iter().filter(|&&j| j > i) {
            let (b, kb) = (&ts[j], &ks[j]);
            if !same_category(a, b) || !units_ok(ka, kb, a, b) {
                continue;
            }
            let fb = v.feats(&b.name);
            let mut ev = a.evidence.clone();
            ev.extend(b.evidence.iter().cloned());
            let value_differs = differ(a.value, b.value) || differ(a.value_max, b.value_max);
            if a.kind == TargetKind::Target && value_differs && ka.timing != kb.timing {
                let key = v
                    .key_pair(df, fa, fb)
                    .map(str::to_string)
                    .filter(|_| p.similarity(fa, fb) >= RELATED)
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
                || p.similarity(fa, fb) < SAME
                || overlaps(a, b)
                || evidence_similarity(v, &p, a, b) < 0.5
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
/// Blocked: only documents of one organisation are paired (a city's ledger has ~20 per ward, not
/// thousands), and within a pair a goal is compared only with the other's goals of its own unit,
/// term and timing (one hash look-up, not every target); each name is tokenised once (`v`).
fn check_across(input: &Input, v: &Vocab, dfs: &[Df], keys: &[Vec<Key>]) -> Vec<Finding> {
    let orgs: Vec<Option<String>> = input.docs.iter().map(crate::org_group).collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, o) in orgs.iter().enumerate() {
        if let Some(o) = o {
            groups.entry(o.as_str()).or_default().push(i);
        }
    }
    // Each document's goals by (unit, term, timing), in document order.
    type Across<'k> = (Option<&'k str>, Option<&'k str>, &'k str);
    let goals: Vec<HashMap<Across, Vec<usize>>> = input
        .docs
        .iter()
        .zip(keys)
        .map(|(d, ks)| {
            let mut m: HashMap<Across, Vec<usize>> = HashMap::new();
            for (j, (t, k)) in d.extraction.targets.iter().zip(ks).enumerate() {
                if t.kind == TargetKind::Target {
                    m.entry((k.org.as_deref(), k.term.as_deref(), k.timing.as_str())).or_default().push(j);
                }
            }
            m
        })
        .collect();
    let mut out = Vec::new();
    for (i, da) in input.docs.iter().enumerate() {
        let Some(group) = orgs[i].as_deref().and_then(|o| groups.get(o)) else { continue };
        for &j in group.iter().filter(|&&j| j > i) {
            if !goals[i].keys().any(|k| goals[j].contains_key(k)) {
                continue;
            }
            let db = &input.docs[j];
            let (xa, xb) = (&da.extraction, &db.extraction);
            let p = v.population(&dfs[i], Some(&dfs[j]));
            let (ksa, ksb) = (&keys[i], &keys[j]);
            for (a, ka) in xa.targets.iter().zip(ksa).filter(|(t, _)| t.kind == TargetKind::Target) {
                let Some(pool) = goals[j].get(&(ka.org.as_deref(), ka.term.as_deref(), ka.timing.as_str())) else {
                    continue;
                };
                let na = v.feats(&a.name);
                // The best match only: a goal is compared with its counterpart, not with every relative.
                let best = pool
                    .iter()
                    .map(|&k| (&xb.targets[k], &ksb[k]))
                    .filter(|(b, kb)| units_ok(ka, kb, a, b))
                    .map(|(b, _)| (b, p.similarity(na, v.feats(&b.name))))
                    .max_by(|x, y| x.1.total_cmp(&y.1));
                let Some((b, sim)) = best else { continue };
                if sim < SAME
                    || evidence_similarity(v, &p, a, b) < 0.5
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
fn missing_in_appendix(x: &Extraction, v: &Vocab, df: &Df, ks: &[Key]) -> Vec<Finding> {
    let goals: Vec<(&Target, &Key)> =
        x.targets.iter().zip(ks).filter(|(t, _)| t.kind == TargetKind::Target && t.value.is_some()).collect();
    // The appendix's goals by term, in document order.
    let mut listed_by_term: HashMap<Option<&str>, Vec<&Target>> = HashMap::new();
    for (a, k) in goals.iter().filter(|(t, _)| in_appendix(t)) {
        listed_by_term.entry(k.term.as_deref()).or_default().push(a);
    }
    let p = v.population(df, None);
    let mut out = Vec::new();
    for (body, kb) in goals.iter().filter(|(t, _)| !in_appendix(t)) {
        let Some(listed) = listed_by_term.get(&kb.term.as_deref()) else { continue };
        if listed.len() < FULL_LIST {
            continue;
        }
        let fb = v.feats(&body.name);
        if listed.iter().any(|a| p.similarity(v.feats(&a.name), fb) >= 0.5 || eliminates_same(a, body).is_some()) {
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
    // Every target name (and the text it was read from) tokenised once, for every check here.
    let v = Vocab::new(input.docs.iter().flat_map(|d| {
        d.extraction
            .targets
            .iter()
            .flat_map(|t| std::iter::once(t.name.as_str()).chain(t.evidence.first().map(|e| e.text.as_str())))
    }));
    let dfs: Vec<Df> = input.docs.iter().map(|d| v.df(d.extraction.targets.iter().map(|t| t.name.as_str()))).collect();
    let ks: Vec<Vec<Key>> = input.docs.iter().map(|d| keys(&d.extraction)).collect();
    let mut out = Vec::new();
    for ((d, df), k) in input.docs.iter().zip(&dfs).zip(&ks) {
        out.extend(check_doc(&d.extraction, &v, df, k));
    }
    for ((d, df), k) in input.docs.iter().zip(&dfs).zip(&ks) {
        out.extend(missing_in_appendix(&d.extraction, &v, df, k));
    }
    out.extend(check_across(input, &v, &dfs, &ks));
    out
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use theodoi_core::{Comparator, Evidence, LedgerDocument, LineSpan};

    use super::*;

    /// A small deterministic generator (xorshift), so every run checks the same ledgers.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
            &xs[(self.next() % xs.len() as u64) as usize]
        }
        fn chance(&mut self, in_ten: u64) -> bool {
            self.next() % 10 < in_ten
        }
    }

    const WORDS: &[&str] = &[
        "tỷ lệ",
        "hộ nghèo",
        "thu ngân sách",
        "nhà nước",
        "nước sạch",
        "bảo hiểm y tế",
        "dân số",
        "hồ sơ",
        "trực tuyến",
        "đảng viên mới",
        "kết nạp",
        "giảm",
        "không còn",
        "trường chuẩn",
        "quốc gia",
        "chi bộ",
    ];

    fn target(g: &mut Gen, file: &str, i: usize) -> Target {
        let n = 2 + (g.next() % 3) as usize;
        let name = (0..n).map(|_| *g.pick(WORDS)).collect::<Vec<_>>().join(" ");
        let value = *g.pick(&[Some(0.0), Some(1.5), Some(2.0), Some(80.0), Some(85.0), None]);
        let line = 10 + (g.next() % 40) as u32;
        let text = if g.chance(2) { String::new() } else { format!("{name} đạt {}", value.unwrap_or(0.0)) };
        Target {
            id: format!("T{i}"),
            kind: if g.chance(7) { TargetKind::Target } else { TargetKind::Result },
            name,
            section: g.chance(5).then(|| "PHỤ LỤC 02".to_string()),
            category: g.pick(&[None, Some("economy"), Some("party")]).map(str::to_string),
            unit_org: g.chance(1).then(|| "Chi bộ 3".to_string()),
            comparator: *g.pick(&[Comparator::Eq, Comparator::Ge, Comparator::Lt]),
            value,
            value_max: g.chance(1).then_some(90.0),
            unit: g.pick(&[None, Some("%"), Some("tỷ đồng"), Some("hộ nghèo")]).map(str::to_string),
            frequency: g.chance(2).then_some(Frequency::Annual),
            deadline: g.pick(&[None, Some("2030"), Some("2028")]).map(str::to_string),
            term: g.pick(&[None, Some("2025-2030"), Some("2025-2030"), Some("2020 - 2025")]).map(str::to_string),
            achieved: g.chance(5).then(|| *g.pick(&[80.0, 85.0, 2.0])),
            evidence: vec![Evidence {
                doc: file.into(),
                span: LineSpan::new(line, line + (g.next() % 3) as u32),
                text,
            }],
            ..Target::default()
        }
    }

    fn ledger(seed: u64) -> Vec<LedgerDocument> {
        let mut g = Gen(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        (0..2 + g.next() % 6)
            .map(|d| {
                let file = format!("{seed}_{d}.txt");
                let targets = (0..(g.next() % 24) as usize).map(|i| target(&mut g, &file, i)).collect();
                let org = g.pick(&[None, Some("Phường An Bình"), Some("Đảng bộ phường An Bình"), Some("Xã Tân Lạc")]);
                LedgerDocument {
                    file: file.clone(),
                    version: 1,
                    sha256: String::new(),
                    date: None,
                    restored: false,
                    extraction: Extraction { doc: file, org: org.map(str::to_string), targets, ..Default::default() },
                    org_key: None,
                }
            })
            .collect()
    }

    #[test]
    fn blocked_comparisons_find_what_all_pairs_find() {
        let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
        for seed in 0..100 {
            let docs = ledger(seed);
            let input = Input { docs: &docs, progress: &[], links: &[], today: None };
            let (fast, all_pairs) = (check(&input), reference::check(&input));
            assert_eq!(fast, all_pairs, "seed {seed}");
            for f in fast {
                let across = f.message_en.contains("between two documents");
                *kinds.entry(if across { "across documents".into() } else { f.kind }).or_default() += 1;
            }
        }
        // The generated ledgers reach every kind, across documents too.
        for k in
            ["conflicting_targets", "same_indicator_different_value", "target_missing_in_appendix", "across documents"]
        {
            assert!(kinds.get(k).is_some_and(|n| *n >= 10), "{k}: {kinds:?}");
        }
    }
}
