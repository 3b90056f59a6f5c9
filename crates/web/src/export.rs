//! Downloads (tải về): the exports of `theodoi_report` — workbook, CSV, calendar, review report —
//! of what the user may read, and of one ward when asked. The documents are filtered before the
//! report crate sees them, so a ward's file never holds another ward's rows.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Scope;
use crate::error::AppError;
use crate::model::Snapshot;
use crate::Shared;

/// A file the user can download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Excel workbook: targets, results, tasks, citations, findings.
    Xlsx,
    /// CSV: every entity with its evidence.
    Csv,
    /// Calendar of task deadlines.
    Ics,
    /// Word draft of the review report for a period.
    Docx,
}

impl Format {
    /// From the path's word.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "ics" => Some(Format::Ics),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The HTTP content type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Ics => "text/calendar; charset=utf-8",
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    }

    fn ext(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::Docx => "docx",
        }
    }
}

/// What to export.
#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// One ward or commune only (its official code, or its name as a key).
    pub unit: Option<String>,
    /// The report's period (docx): `2026-H1`, `2026`, `2025-2030`; the current half-year by default.
    pub period: Option<String>,
}

/// A file made for download: its name and bytes.
pub struct Download {
    /// The file name offered ("theodoi-2026-07-15.xlsx").
    pub name: String,
    /// The content type.
    pub content_type: &'static str,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Make `format` of what `scope`'s user may read (of one unit when asked).
pub async fn make(state: &Shared, scope: &Scope, format: Format, p: &ExportParams) -> Result<Download, AppError> {
    let mut snap = Snapshot::load(state, scope).await?;
    if let Some(u) = p.unit.as_deref().filter(|u| !u.trim().is_empty()) {
        snap.keep_unit(u);
    }
    let today = snap.today;
    let period = match p.period.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(theodoi_report::Period::parse(s).map_err(|_| {
            AppError::BadInput(format!("Kỳ báo cáo \"{s}\" không hợp lệ (viết như 2026-H1, 2026 hoặc 2025-2030)."))
        })?),
        None => None,
    };
    let names: HashSet<&str> = snap.docs.iter().map(|d| d.file.as_str()).collect();
    // A finding goes in only when every document it points at is in the export.
    let findings: Vec<_> = state
        .store
        .findings_in(&["open", "confirmed", "dismissed", "resolved"], None)
        .await?
        .into_iter()
        .filter(|f| !f.finding.evidence.is_empty() && f.finding.evidence.iter().all(|e| names.contains(e.doc.as_str())))
        .collect();
    let org = p.unit.clone().or_else(|| scope.user().org.clone());
    let codes = snap.codes();
    let Snapshot { docs, progress, .. } = snap;
    let docs = docs.iter().map(|d| (**d).clone()).collect();
    let rs = theodoi_report::Snapshot { docs, progress, codes, findings, today, org };
    let stem = format!("theodoi-{}", today.format("%Y-%m-%d"));
    let bytes = tokio::task::spawn_blocking(move || write(&rs, format, period))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    Ok(Download { name: format!("{stem}.{}", format.ext()), content_type: format.content_type(), bytes })
}

fn write(
    rs: &theodoi_report::Snapshot,
    format: Format,
    period: Option<theodoi_report::Period>,
) -> Result<Vec<u8>, AppError> {
    let err = |e: theodoi_report::ReportError| AppError::Internal(e.to_string());
    match format {
        Format::Csv => {
            let mut out = Vec::new();
            theodoi_report::csv::write_to(rs, &mut out).map_err(err)?;
            Ok(out)
        }
        Format::Ics => Ok(theodoi_report::ics::calendar(rs).into_bytes()),
        Format::Xlsx | Format::Docx => {
            // Both writers write a file (the xlsx and docx crates pack into one): a temporary one.
            let dir = tempfile::tempdir().map_err(|e| AppError::Internal(e.to_string()))?;
            let path = dir.path().join(format!("out.{}", format.ext()));
            if format == Format::Xlsx {
                theodoi_report::xlsx::write(rs, &path).map_err(err)?;
            } else {
                let period = period.unwrap_or_else(|| current_half(rs.today));
                theodoi_report::docx::write(rs, period, &path).map_err(err)?;
            }
            std::fs::read(&path).map_err(|e| AppError::Internal(e.to_string()))
        }
    }
}

/// The half-year `today` falls in.
fn current_half(today: chrono::NaiveDate) -> theodoi_report::Period {
    use chrono::Datelike;
    theodoi_report::Period::Half { year: today.year(), half: if today.month() <= 6 { 1 } else { 2 } }
}
