//! `theodoi progress TARGET_OR_TASK --value … --date …`: record progress on a target or task.

use anyhow::Context;
use std::io::Write;
use theodoi_core::ProgressUpdate;

use super::ledger::{block_on, date, open, DbArgs};

/// Flags of `theodoi progress`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The item: FILE:ID (e.g. `004:T10`, `004:K3`) or words of its name ("thu ngan sach").
    pub item: String,
    /// Value reached, in the target's unit (decimal comma allowed: 13,7).
    #[arg(long, allow_hyphen_values = true)]
    pub value: Option<String>,
    /// Mark the task (or qualitative target) done.
    #[arg(long)]
    pub done: bool,
    /// Date the value holds at (YYYY-MM-DD or DD/MM/YYYY).
    #[arg(long)]
    pub date: String,
    /// Note.
    #[arg(long)]
    pub note: Option<String>,
    /// Who records it.
    #[arg(long, default_value = "cli")]
    pub user: String,
    #[command(flatten)]
    pub db: DbArgs,
}

/// "13,7" → 13.7, "1.100" → 1100, "-2,5" → -2.5.
fn value(s: &str) -> anyhow::Result<f64> {
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    let v = theodoi_text::parse_number(body)
        .with_context(|| format!("value `{s}`: expected a number such as 13,7 or 1.100"))?;
    Ok(if neg { -v } else { v })
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    if args.value.is_none() && !args.done {
        anyhow::bail!("give --value N or --done");
    }
    let v = args.value.as_deref().map(value).transpose()?;
    let d = date(&args.date)?;
    block_on(async move {
        let store = open(&args.db).await?;
        let item = store.resolve_item(&args.item).await?;
        let p = ProgressUpdate {
            item: item.clone(),
            value: v,
            done: args.done,
            date: d.format("%Y-%m-%d").to_string(),
            note: args.note.clone(),
            user: Some(args.user.clone()),
            evidence: None,
        };
        let id = store.add_progress(&p).await?;
        let mut out = std::io::stdout().lock();
        writeln!(out, "recorded progress #{id} for {}:{} on {}", item.doc, item.id, p.date)?;
        anyhow::Ok(())
    })?
}
