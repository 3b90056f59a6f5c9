//! `declared_count_mismatch`: a count the document declares about itself ("hoàn thành 21/23 chỉ tiêu,
//! trong đó có 06/21 vượt"; "27 chỉ tiêu") against the items actually found in it.

use theodoi_core::{DeclaredCount, Evidence, Extraction, Severity, Target, TargetKind, Verdict};

use crate::{finding, vi_num, Input};

/// What a declared count counts, read from its `what` key (`results_met_2020_2025`,
/// `results_exceeded_2020_2025`, `targets_2025_2030_party` …).
#[derive(Debug, PartialEq)]
enum Counted {
    /// Targets set for a term (optionally one category).
    Targets { term: Option<String>, category: Option<String> },
    /// Results met (đạt or vượt); `of` is all results with a verdict.
    ResultsMet { term: Option<String> },
    /// Results exceeded (vượt); `of` is the results met.
    ResultsExceeded { term: Option<String> },
}

fn parse_what(what: &str) -> Option<Counted> {
    let w = theodoi_text::fold(what);
    let parts: Vec<&str> = w.split(|c: char| c == '_' || c == '-' || c == ' ').filter(|p| !p.is_empty()).collect();
    let years: Vec<&str> =
        parts.iter().copied().filter(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_digit())).collect();
    let term = match years.as_slice() {
        [a, b, ..] => Some(format!("{a}-{b}")),
        [a] => Some((*a).to_string()),
        [] => None,
    };
    let has = |k: &str| parts.contains(&k);
    if has("results") || has("result") || has("ket") {
        if has("exceeded") || has("vuot") {
            Some(Counted::ResultsExceeded { term })
        } else if has("met") || has("achieved") || has("completed") || has("dat") {
            Some(Counted::ResultsMet { term })
        } else {
            None
        }
    } else if has("targets") || has("target") || has("chi") {
        let cats = ["party", "economy", "urban", "culture", "admin", "defense", "other"];
        let category = parts.iter().find(|p| cats.contains(p)).map(|c| c.to_string());
        Some(Counted::Targets { term, category })
    } else {
        None
    }
}

fn term_matches(t: &Target, term: &Option<String>) -> bool {
    match (term, &t.term) {
        (None, _) => true,
        (Some(want), Some(have)) => have.replace(' ', "") == *want,
        (Some(_), None) => true,
    }
}

fn spans(items: &[&Target]) -> Vec<Evidence> {
    items.iter().flat_map(|t| t.evidence.iter().cloned()).collect()
}

fn mismatch(dc: &DeclaredCount, items: &[&Target], vi: String, en: String) -> theodoi_core::Finding {
    let mut ev = vec![dc.evidence.clone()];
    ev.extend(spans(items));
    finding("declared_count_mismatch", Severity::Error, vi, en, ev)
}

fn check_doc(x: &Extraction) -> Vec<theodoi_core::Finding> {
    let mut out = Vec::new();
    for dc in &x.declared_counts {
        let Some(counted) = parse_what(&dc.what) else {
            continue;
        };
        match counted {
            Counted::Targets { term, category } => {
                let found: Vec<&Target> = x
                    .targets
                    .iter()
                    .filter(|t| t.kind == TargetKind::Target && term_matches(t, &term))
                    .filter(|t| {
                        category.as_deref().is_none_or(|c| t.category.as_deref().is_some_and(|tc| tc.starts_with(c)))
                    })
                    .collect();
                // Sub-indicators are listed separately, so more entries than declared is normal; fewer is not.
                if !found.is_empty() && (found.len() as f64) < dc.value {
                    out.push(mismatch(
                        dc,
                        &found,
                        format!(
                            "Văn bản nêu {} chỉ tiêu nhưng chỉ tìm thấy {} chỉ tiêu.",
                            vi_num(dc.value),
                            found.len()
                        ),
                        format!(
                            "The document declares {} targets but only {} were found in it.",
                            dc.value,
                            found.len()
                        ),
                    ));
                }
            }
            Counted::ResultsMet { term } => {
                let judged: Vec<&Target> = x
                    .targets
                    .iter()
                    .filter(|t| t.kind == TargetKind::Result && t.verdict.is_some() && term_matches(t, &term))
                    .collect();
                let met: Vec<&Target> = judged
                    .iter()
                    .copied()
                    .filter(|t| matches!(t.verdict, Some(Verdict::Met | Verdict::Exceeded)))
                    .collect();
                if judged.is_empty() {
                    continue;
                }
                let of_bad = dc.of.is_some_and(|o| (o - judged.len() as f64).abs() > 0.5);
                if (dc.value - met.len() as f64).abs() > 0.5 || of_bad {
                    let of = dc.of.map(|o| format!("/{}", vi_num(o))).unwrap_or_default();
                    out.push(mismatch(
                        dc,
                        &judged,
                        format!(
                            "Văn bản nêu hoàn thành {}{of} chỉ tiêu, nhưng bảng kết quả có {} chỉ tiêu được đánh giá, trong đó {} đạt hoặc vượt, {} không đạt/chưa đạt.",
                            vi_num(dc.value), judged.len(), met.len(), judged.len() - met.len()
                        ),
                        format!(
                            "The document declares {}{of} targets met, but its results carry {} verdicts: {} met or exceeded, {} not met.",
                            dc.value, judged.len(), met.len(), judged.len() - met.len()
                        ),
                    ));
                }
            }
            Counted::ResultsExceeded { term } => {
                let met: Vec<&Target> = x
                    .targets
                    .iter()
                    .filter(|t| t.kind == TargetKind::Result && term_matches(t, &term))
                    .filter(|t| matches!(t.verdict, Some(Verdict::Met | Verdict::Exceeded)))
                    .collect();
                let exceeded: Vec<&Target> =
                    met.iter().copied().filter(|t| t.verdict == Some(Verdict::Exceeded)).collect();
                if met.is_empty() {
                    continue;
                }
                let of_bad = dc.of.is_some_and(|o| (o - met.len() as f64).abs() > 0.5);
                if (dc.value - exceeded.len() as f64).abs() > 0.5 || of_bad {
                    let of = dc.of.map(|o| format!("/{}", vi_num(o))).unwrap_or_default();
                    out.push(mismatch(
                        dc,
                        &exceeded,
                        format!(
                            "Văn bản nêu {}{of} chỉ tiêu vượt, nhưng bảng kết quả có {} chỉ tiêu \"Vượt\" trên {} chỉ tiêu đạt hoặc vượt.",
                            vi_num(dc.value), exceeded.len(), met.len()
                        ),
                        format!(
                            "The document declares {}{of} targets exceeded, but its results mark {} \"exceeded\" out of {} met or exceeded.",
                            dc.value, exceeded.len(), met.len()
                        ),
                    ));
                }
            }
        }
    }
    out
}

pub(crate) fn check(input: &Input) -> Vec<theodoi_core::Finding> {
    input.docs.iter().flat_map(|d| check_doc(&d.extraction)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_keys_are_read() {
        assert_eq!(parse_what("results_met_2020_2025"), Some(Counted::ResultsMet { term: Some("2020-2025".into()) }));
        assert_eq!(
            parse_what("results_exceeded_2020_2025"),
            Some(Counted::ResultsExceeded { term: Some("2020-2025".into()) })
        );
        assert_eq!(
            parse_what("targets_2025_2030_party"),
            Some(Counted::Targets { term: Some("2025-2030".into()), category: Some("party".into()) })
        );
        assert_eq!(parse_what("delegates"), None);
    }
}
