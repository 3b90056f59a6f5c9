//! Task deadlines as a calendar (lịch hạn nhiệm vụ, iCalendar RFC 5545): one all-day event per task
//! with a deadline, on its due day (a month's or year's deadline falls on its last day).

use icalendar::{Calendar, Component, Event, EventLike};

use crate::{task_status_vi, vi_date, Snapshot};

/// The calendar of `snap`'s tasks, as iCalendar text.
pub fn calendar(snap: &Snapshot) -> String {
    let rows = snap.rows();
    let mut cal = Calendar::new();
    cal.name("Hạn nhiệm vụ (theodoi)");
    for k in &rows.tasks {
        let Some(day) = k.deadline.as_deref().and_then(theodoi_check::deadline_date) else { continue };
        let mut description = format!("Chủ trì: {}", if k.lead.is_empty() { "(chưa rõ)" } else { &k.lead });
        if !k.partners.is_empty() {
            description.push_str(&format!("\nPhối hợp: {}", k.partners));
        }
        if !k.deadline_text.is_empty() {
            description.push_str(&format!("\nThời gian: {}", k.deadline_text));
        }
        if !k.product.is_empty() {
            description.push_str(&format!("\nKết quả/sản phẩm: {}", k.product));
        }
        description.push_str(&format!(
            "\nTình trạng: {}\nNguồn: {}, dòng {}\n«{}»",
            task_status_vi(k.status),
            k.source.doc,
            k.source.lines(),
            k.source.text()
        ));
        let mut event = Event::new();
        // The item's ledger code is stable across revisions, so a re-imported calendar updates the
        // event instead of adding a second one.
        event
            .uid(&format!("{}-{}@theodoi", k.code, uid_part(&k.source.doc)))
            .summary(&format!("[{}] {}", k.code, k.what))
            .description(&description)
            .all_day(day)
            .add_property("X-THEODOI-DEADLINE", vi_date(k.deadline.as_deref().unwrap_or("")));
        if !k.lead.is_empty() {
            event.location(&k.lead);
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}

/// Write the calendar to `path`.
pub fn write(snap: &Snapshot, path: &std::path::Path) -> Result<(), crate::ReportError> {
    std::fs::write(path, calendar(snap))
        .map_err(|source| crate::ReportError::Io { path: path.display().to_string(), source })
}

fn uid_part(doc: &str) -> String {
    doc.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}
