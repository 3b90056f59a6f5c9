//! `task_overdue`: tasks past their deadline with no completion recorded;
//! `target_off_track`: targets whose latest progress puts them off track or past their deadline unmet.

use chrono::NaiveDate;
use theodoi_core::{Finding, ItemKind, ProgressUpdate, Severity, TargetKind, TargetStatus, TaskStatus};

use crate::tracking::{target_status, task_status};
use crate::{finding, vi_num, Input};

type ByItem<'a> = std::collections::HashMap<(&'a str, ItemKind, &'a str), Vec<&'a ProgressUpdate>>;

/// Progress by item, built once (not one scan of every update per item).
fn by_item<'a>(input: &Input<'a>) -> ByItem<'a> {
    let mut m: ByItem<'a> = std::collections::HashMap::new();
    for u in input.progress {
        m.entry((u.item.doc.as_str(), u.item.kind, u.item.id.as_str())).or_default().push(u);
    }
    m
}

pub(crate) fn check(input: &Input) -> Vec<Finding> {
    let Some(today) = input.today.and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()) else {
        return Vec::new();
    };
    let progress = by_item(input);
    let updates_for = |doc: &str, kind: ItemKind, id: &str| -> Vec<&ProgressUpdate> {
        progress.get(&(doc, kind, id)).cloned().unwrap_or_default()
    };
    let mut out = Vec::new();
    for d in input.docs {
        for k in &d.extraction.tasks {
            let ups = updates_for(&d.file, ItemKind::Task, &k.id);
            if task_status(k.deadline.as_deref(), &ups, today) == TaskStatus::Overdue {
                let dl = k.deadline.as_deref().unwrap_or("?");
                let lead = k.lead.as_deref().unwrap_or("(chưa rõ)");
                out.push(finding(
                    "task_overdue",
                    Severity::Warning,
                    format!(
                        "Nhiệm vụ \"{}\" ({lead} chủ trì) đã quá hạn {} nhưng chưa ghi nhận hoàn thành.",
                        k.what,
                        theodoi_text::vi_date(dl)
                    ),
                    format!(
                        "Task \"{}\" (lead: {lead}) is past its deadline {dl} with no completion recorded.",
                        k.what
                    ),
                    k.evidence.clone(),
                ));
            }
        }
        for t in d.extraction.targets.iter().filter(|t| t.kind == TargetKind::Target) {
            let ups = updates_for(&d.file, ItemKind::Target, &t.id);
            if ups.is_empty() {
                continue;
            }
            let track = target_status(t, &ups, today);
            let (vi, en) = match track.status {
                TargetStatus::OffTrack => ("chậm so với lộ trình", "off track"),
                TargetStatus::Overdue => ("đã quá hạn mà chưa đạt", "past its deadline unmet"),
                _ => continue,
            };
            let last = track.last.map(vi_num).unwrap_or_default();
            let mut ev = t.evidence.clone();
            ev.extend(ups.iter().filter_map(|u| u.evidence.clone()));
            out.push(finding(
                "target_off_track",
                Severity::Warning,
                format!(
                    "Chỉ tiêu \"{}\" {vi}: số liệu mới nhất {last}, mục tiêu {}.",
                    t.name,
                    t.target_text.clone().unwrap_or_else(|| t.value.map(vi_num).unwrap_or_default())
                ),
                format!(
                    "Target \"{}\" is {en}: latest value {}, target {}.",
                    t.name,
                    track.last.unwrap_or(f64::NAN),
                    t.value.unwrap_or(f64::NAN)
                ),
                ev,
            ));
        }
    }
    out
}
