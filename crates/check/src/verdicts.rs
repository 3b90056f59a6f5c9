//! `verdict_contradicts_numbers`: the verdict a document gives a result against its own figures.

use theodoi_core::{Comparator, Severity, Target, TargetKind, Verdict};

use crate::{finding, vi_num, Input};

/// Whether a smaller figure is the better one: "dưới", "không quá", or an indicator that is reduced
/// (poverty, "giảm").
pub fn lower_is_better(t: &Target) -> bool {
    if matches!(t.comparator, Comparator::Lt | Comparator::Le) {
        return true;
    }
    let f = theodoi_text::nfc(&format!(
        "{} {} {}",
        t.name,
        t.unit.as_deref().unwrap_or(""),
        t.target_text.as_deref().unwrap_or("")
    ))
    .to_lowercase();
    ["giảm", "không còn", "hộ nghèo", "thất nghiệp", "tai nạn", "vi phạm", "tội phạm", "sinh con thứ 3"]
        .iter()
        .any(|k| f.contains(k))
}

/// The verdict the numbers imply, when both are known.
pub fn implied(t: &Target) -> Option<Verdict> {
    let (target, achieved) = (t.value?, t.achieved?);
    if t.comparator == Comparator::Qualitative || t.comparator == Comparator::Range {
        return None;
    }
    let eps = 1e-9 * target.abs().max(1.0);
    let better = if lower_is_better(t) { target - achieved } else { achieved - target };
    Some(if better > eps {
        Verdict::Exceeded
    } else if better >= -eps {
        Verdict::Met
    } else {
        Verdict::NotMet
    })
}

fn name_vi(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "Đạt",
        Verdict::Exceeded => "Vượt",
        Verdict::NotMet => "Không đạt",
        Verdict::NotYetMet => "Chưa đạt",
    }
}

fn name_en(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "met",
        Verdict::Exceeded => "exceeded",
        Verdict::NotMet => "not met",
        Verdict::NotYetMet => "not yet met",
    }
}

pub(crate) fn check(input: &Input) -> Vec<theodoi_core::Finding> {
    let mut out = Vec::new();
    for d in input.docs {
        for t in d.extraction.targets.iter().filter(|t| t.kind == TargetKind::Result) {
            let (Some(given), Some(implied), Some(target), Some(achieved)) =
                (t.verdict, implied(t), t.value, t.achieved)
            else {
                continue;
            };
            let given_ok = matches!(given, Verdict::Met | Verdict::Exceeded);
            let severity = match (given, implied) {
                (g, i) if g == i => continue,
                (Verdict::NotYetMet, Verdict::NotMet) => continue,
                // Met against NotMet (or the reverse) is a wrong verdict; Met vs Exceeded a wrong shade.
                _ if given_ok != (implied != Verdict::NotMet) => Severity::Error,
                _ => Severity::Warning,
            };
            let unit = t.unit.as_deref().unwrap_or("");
            let dir_vi = if lower_is_better(t) { " (chỉ tiêu càng thấp càng tốt)" } else { "" };
            let dir_en = if lower_is_better(t) { " (lower is better)" } else { "" };
            out.push(finding(
                "verdict_contradicts_numbers",
                severity,
                format!(
                    "Chỉ tiêu \"{}\": mục tiêu {} {unit}, thực hiện {} {unit}, đánh giá \"{}\" nhưng theo số liệu phải là \"{}\"{dir_vi}.",
                    t.name, vi_num(target), vi_num(achieved), name_vi(given), name_vi(implied)
                ),
                format!(
                    "Indicator \"{}\": target {target} {unit}, achieved {achieved} {unit}, verdict \"{}\" but the figures say \"{}\"{dir_en}.",
                    t.name, name_en(given), name_en(implied)
                ),
                t.evidence.clone(),
            ));
        }
    }
    out
}
