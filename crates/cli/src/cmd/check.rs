//! `theodoi check [--org X] [--json]`: run every check over the ledger and record the findings.

use serde::Serialize;
use std::io::Write;
use theodoi_core::{Finding, Severity};

use super::ledger::{all_progress, block_on, open, today, DbArgs};

/// Flags of `theodoi check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only documents of this organisation (diacritics optional: "Nam Dong").
    #[arg(long)]
    pub org: Option<String>,
    /// Print the findings as a JSON array.
    #[arg(long)]
    pub json: bool,
    /// Check deadlines as of this date instead of today (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long)]
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
    kind: &'a str,
    severity: Severity,
    message: &'a str,
    message_en: &'a str,
    evidence: Vec<JsonSpan<'a>>,
}

/// Run the checks; returns the findings (for tests and the status report).
pub async fn findings(db: &DbArgs, org: Option<&str>, today_given: Option<&str>) -> anyhow::Result<Vec<Finding>> {
    let store = open(db).await?;
    let docs = store.documents(org).await?;
    let (progress, links) = all_progress(&store, &docs).await?;
    let today = today(today_given)?.format("%Y-%m-%d").to_string();
    let found = theodoi_check::run(&theodoi_check::Input {
        docs: &docs,
        progress: &progress,
        links: &links,
        today: Some(&today),
    });
    let scope: Vec<String> = docs.iter().map(|d| d.file.clone()).collect();
    store.record_findings(&found, org.map(|_| scope.as_slice()), "check").await?;
    Ok(found)
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let found = block_on(findings(&args.db, args.org.as_deref(), args.today.as_deref()))??;
    let mut out = std::io::stdout().lock();
    if args.json {
        let json: Vec<JsonFinding> = found
            .iter()
            .map(|f| JsonFinding {
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
        writeln!(out, "Không có phát hiện nào. / No findings.")?;
        return Ok(());
    }
    for f in &found {
        let sev = match f.severity {
            Severity::Error => "LỖI/error",
            Severity::Warning => "CẢNH BÁO/warning",
            Severity::Info => "THÔNG TIN/info",
        };
        writeln!(out, "[{sev}] {}", f.kind)?;
        writeln!(out, "  {}", f.message_vi)?;
        writeln!(out, "  {}", f.message_en)?;
        for e in f.evidence.iter().take(6) {
            let text: String = e.text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(100).collect();
            writeln!(out, "    {}:{}-{}  {}", e.doc, e.span.start, e.span.end, text)?;
        }
        if f.evidence.len() > 6 {
            writeln!(out, "    … {} more spans (see --json)", f.evidence.len() - 6)?;
        }
        writeln!(out)?;
    }
    let errors = found.iter().filter(|f| f.severity == Severity::Error).count();
    writeln!(out, "{} findings ({errors} errors)", found.len())?;
    Ok(())
}
