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

pub(crate) fn check(input: &Input) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut by_number: BTreeMap<String, Vec<(&str, &Citation)>> = BTreeMap::new();
    for d in input.docs {
        for c in &d.extraction.citations {
            by_number.entry(key(&c.number)).or_default().push((d.file.as_str(), c));
            if let (Some(cd), Some(dd)) = (&c.date, &d.date) {
                if cd.len() >= 10 && dd.len() >= 10 && cd.as_str() > dd.as_str() {
                    out.push(finding(
                        "citation_after_document",
                        Severity::Error,
                        format!("Văn bản {} được viện dẫn với ngày {cd}, sau ngày ban hành của văn bản viện dẫn ({dd}).", c.number),
                        format!("{} is cited as dated {cd}, after the citing document's own date ({dd}).", c.number),
                        c.evidence.iter().take(1).cloned().collect(),
                    ));
                }
            }
        }
    }
    for (_, cites) in by_number {
        let Some((_, first)) = cites.first() else { continue };
        let dates: std::collections::BTreeSet<&str> = cites.iter().filter_map(|(_, c)| c.date.as_deref()).collect();
        let issuers: std::collections::BTreeSet<String> =
            cites.iter().filter_map(|(_, c)| c.issuer.as_deref()).map(fold).collect();
        let ev = || cites.iter().filter_map(|(_, c)| c.evidence.first().cloned()).collect::<Vec<_>>();
        if dates.len() > 1 {
            let list: Vec<&str> = dates.iter().copied().collect();
            out.push(finding(
                "citation_conflict",
                Severity::Warning,
                format!("Văn bản số {} được viện dẫn với các ngày khác nhau: {}.", first.number, list.join(", ")),
                format!("Document {} is cited with different dates: {}.", first.number, list.join(", ")),
                ev(),
            ));
        }
        if issuers.len() > 1 {
            let list: Vec<&str> = cites.iter().filter_map(|(_, c)| c.issuer.as_deref()).collect();
            out.push(finding(
                "citation_conflict",
                Severity::Warning,
                format!("Văn bản số {} được viện dẫn với các cơ quan ban hành khác nhau: {}.", first.number, list.join(", ")),
                format!("Document {} is cited with different issuers: {}.", first.number, list.join(", ")),
                ev(),
            ));
        }
    }
    out
}
