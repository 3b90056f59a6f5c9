//! `theodoi check [--org X] [--json]`: run every check over the ledger and record the findings.

use serde::Serialize;
use std::io::Write;
use theodoi_core::{Finding, Severity};

use super::ledger::{block_on, open_existing, today, DbArgs};
use crate::msg::{self, tr};

/// Flags of `theodoi check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, help = tr(
        "Chỉ các văn bản của tổ chức này (có thể gõ không dấu: \"Nam Dong\").",
        "Only documents of this organisation (diacritics optional: \"Nam Dong\")."
    ))]
    pub org: Option<String>,
    #[arg(long, help = tr("In các phát hiện dưới dạng mảng JSON.", "Print the findings as a JSON array."))]
    pub json: bool,
    #[arg(long, help = tr(
        "Xét thời hạn tính đến ngày này thay cho hôm nay (dd/mm/yyyy hoặc yyyy-mm-dd).",
        "Check deadlines as of this date instead of today (dd/mm/yyyy or yyyy-mm-dd)."
    ))]
    pub today: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Serialize)]
struct JsonSpan<'a> {
    doc: &'a str,
    line_start: u32,
    line_end: u32,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    id: &'a str,
    kind: &'a str,
    severity: Severity,
    message: &'a str,
    message_en: &'a str,
    evidence: Vec<JsonSpan<'a>>,
}

/// Run the checks and record them; returns the findings with their short ids (`PH12`).
pub async fn findings(
    db: &DbArgs,
    org: Option<&str>,
    today_given: Option<&str>,
) -> anyhow::Result<(Vec<Finding>, Vec<String>)> {
    let store = open_existing(db).await?;
    let result = run_checks(&store, org, today_given).await;
    store.close().await;
    result
}

async fn run_checks(
    store: &theodoi_store::Store,
    org: Option<&str>,
    today_given: Option<&str>,
) -> anyhow::Result<(Vec<Finding>, Vec<String>)> {
    let today = today(today_given)?.format("%Y-%m-%d").to_string();
    // One organisation's documents at a time: a city's ledger is never held whole in memory.
    let run = store.run_checks(org, &today).await?;
    let recorded = store.record_findings(&run.findings, org.map(|_| run.documents.as_slice()), "check").await?;
    Ok((run.findings, recorded.codes))
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let (found, codes) = block_on(findings(&args.db, args.org.as_deref(), args.today.as_deref()))??;
    let mut out = std::io::stdout().lock();
    if args.json {
        let json: Vec<JsonFinding> = found
            .iter()
            .zip(&codes)
            .map(|(f, code)| JsonFinding {
                id: code,
                kind: &f.kind,
                severity: f.severity,
                message: &f.message_vi,
                message_en: &f.message_en,
                evidence: f
                    .evidence
                    .iter()
                    .map(|e| JsonSpan { doc: &e.doc, line_start: e.span.start, line_end: e.span.end })
                    .collect(),
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        return Ok(());
    }
    if found.is_empty() {
        writeln!(out, "{}", tr("Không có phát hiện nào.", "No findings."))?;
        return Ok(());
    }
    for (f, code) in found.iter().zip(&codes) {
        let label = theodoi_check::kind_label(&f.kind, msg::lang() == msg::Lang::Vi);
        writeln!(out, "{code} [{}] {label}", msg::severity(f.severity))?;
        writeln!(out, "  {}", msg::finding(f))?;
        for e in f.evidence.iter().take(6) {
            let head = format!("    {}:{}-{}  ", e.doc, e.span.start, e.span.end);
            let room = crate::layout::terminal_width().saturating_sub(crate::layout::width(&head)).max(30);
            writeln!(out, "{head}{}", crate::layout::cut(&e.text, room))?;
        }
        if f.evidence.len() > 6 {
            let more = f.evidence.len() - 6;
            writeln!(
                out,
                "    {}",
                crate::msg!(vi: "… còn {more} đoạn (xem --json)", en: "… {more} more spans (see --json)")
            )?;
        }
        writeln!(out)?;
    }
    let errors = found.iter().filter(|f| f.severity == Severity::Error).count();
    let n = msg::counted(found.len(), "phát hiện", "finding", "findings");
    let errors = msg::counted(errors, "lỗi", "error", "errors");
    writeln!(out, "{n} ({errors})")?;
    writeln!(
        out,
        "{}",
        tr(
            "Xem xét: theodoi finding review PH… --state confirmed|dismissed --note …",
            "Review: theodoi finding review PH… --state confirmed|dismissed --note …"
        )
    )?;
    Ok(())
}
