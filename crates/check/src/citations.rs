//! `citation_conflict`: one document number cited with different dates or issuers;
//! `citation_after_document`: a cited document dated after the document that cites it.

use std::collections::BTreeMap;

use theodoi_core::{Citation, Finding, Severity};
use theodoi_text::fold;

use crate::{finding, Input};

/// "57-NQ/TW", "57 - NQ/TW" → one key; Đ/D folded ("36-KH/ĐU" = "36-KH/DU").
fn key(number: &str) -> String {
    fold(number).chars().filter(|c| !c.is_whitespace()).collect::<String>()
}

/// Numbers issued by a ward committee or a cell ("02-KH/ĐU", "05-NQ/CB") repeat from ward to ward:
/// they name one document only within one organisation.
fn is_local(number: &str) -> bool {
    let k = key(number);
    let issuer = k.rsplit('/').next().unwrap_or("");
    matches!(issuer, "du" | "cb" | "dub" | "ubkt")
}

/// Issuers disagree unless the shortest names a part of every other: "Bộ Chính trị" agrees with
/// "Bộ Chính trị khóa XIII" and with "Bộ Chính trị bằng …" (text run on after the issuer).
fn issuers_disagree(named: &[&str]) -> bool {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        fold(s).split_whitespace().take_while(|w| *w != "khoa").filter(|w| *w != "dang").map(str::to_string).collect()
    };
    let mut sets: Vec<_> = named.iter().map(|n| words(n)).filter(|w| !w.is_empty()).collect();
    sets.sort_by_key(|s| s.len());
    match sets.split_first() {
        Some((core, rest)) => rest.iter().any(|s| !core.is_subset(s)),
        None => false,
    }
}

pub(crate) fn check(input: &Input) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut by_number: BTreeMap<String, Vec<(&str, &Citation)>> = BTreeMap::new();
    for d in input.docs {
        let org = crate::org_key(d);
        for c in &d.extraction.citations {
            let k = if is_local(&c.number) { format!("{}@{org}", key(&c.number)) } else { key(&c.number) };
            by_number.entry(k).or_default().push((d.file.as_str(), c));
            if let (Some(cd), Some(dd)) = (&c.date, &d.date) {
                if cd.len() >= 10 && dd.len() >= 10 && cd.as_str() > dd.as_str() {
                    out.push(finding(
                        "citation_after_document",
                        Severity::Error,
                        format!(
                            "Văn bản {} được viện dẫn với ngày {cd}, sau ngày ban hành của văn bản viện dẫn ({dd}).",
                            c.number
                        ),
                        format!("{} is cited as dated {cd}, after the citing document's own date ({dd}).", c.number),
                        c.evidence.iter().take(1).cloned().collect(),
                    ));
                }
            }
        }
    }
    for (_, cites) in by_number {
        let Some((_, first)) = cites.first() else {
            continue;
        };
        let dates: std::collections::BTreeSet<&str> = cites.iter().filter_map(|(_, c)| c.date.as_deref()).collect();
        let named: Vec<&str> = cites.iter().filter_map(|(_, c)| c.issuer.as_deref()).collect();
        let issuer_conflict = issuers_disagree(&named);
        let ev = || cites.iter().filter_map(|(_, c)| c.evidence.first().cloned()).collect::<Vec<_>>();
        if dates.len() > 1 {
            let list: Vec<&str> = dates.iter().copied().collect();
            out.push(finding(
                "citation_conflict",
                Severity::Warning,
                format!(
                    "Văn bản số {} được viện dẫn với các ngày khác nhau: {}.",
                    first.number,
                    list.iter().map(|d| theodoi_text::vi_date(d)).collect::<Vec<_>>().join(", ")
                ),
                format!("Document {} is cited with different dates: {}.", first.number, list.join(", ")),
                ev(),
            ));
        }
        if issuer_conflict {
            let mut list = named.clone();
            list.dedup();
            out.push(finding(
                "citation_conflict",
                Severity::Info,
                format!(
                    "Văn bản số {} được viện dẫn với các cơ quan ban hành khác nhau: {}.",
                    first.number,
                    list.join(", ")
                ),
                format!("Document {} is cited with different issuers: {}.", first.number, list.join(", ")),
                ev(),
            ));
        }
    }
    out
}
