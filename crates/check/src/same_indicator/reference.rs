//! The comparisons of `same_indicator` as they were before blocking: every pair of targets of a
//! document, every pair of goals of two documents of one organisation, each name looked up in a
//! `NameIndex` per document. Kept for the test that the blocked comparisons find the same findings.

use theodoi_core::{Extraction, Finding, Severity, Target, TargetKind};
use theodoi_text::fold;

use super::*;
use crate::similarity::NameIndex;

/// How alike the texts the two were read from are (1 when either has none).
fn evidence_similarity(idx: &NameIndex, other: Option<&NameIndex>, a: &Target, b: &Target) -> f64 {
    match (a.evidence.first(), b.evidence.first()) {
        (Some(x), Some(y)) if !x.text.trim().is_empty() && !y.text.trim().is_empty() => {
            idx.similarity_with(other, &x.text, &y.text)
        }
        _ => 1.0,
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
