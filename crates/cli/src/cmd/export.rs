//! `theodoi export json|csv|xlsx|ics [--org X] [--term T] [-o FILE]`: the ledger as data, as a
//! workbook, as a calendar — made from the ledger, every figure with its source.

use std::io::Write;

use anyhow::Context;

use super::ledger::{block_on, open_existing, today, DbArgs};
use crate::msg::tr;

/// What to export.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Every table of the ledger (what `theodoi import json` reads back).
    Json,
    /// Every entity with its evidence, one row each.
    Csv,
    /// An Excel workbook: targets, results, tasks, citations, findings.
    Xlsx,
    /// Task deadlines as a calendar (iCalendar).
    Ics,
}

/// Flags of `theodoi export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_enum, hide_possible_values = true, help = tr(
        "Định dạng: json (toàn bộ sổ, nhập lại được), csv (mọi mục kèm nguồn), xlsx (bảng tính), ics (lịch hạn nhiệm vụ).",
        "Format: json (the whole ledger, importable), csv (every item with its source), xlsx (workbook), ics (task calendar)."
    ))]
    pub format: Format,
    #[arg(long, help = tr(
        "Chỉ các văn bản của tổ chức này (có thể gõ không dấu).",
        "Only documents of this organisation (diacritics optional)."
    ))]
    pub org: Option<String>,
    #[arg(long, help = tr(
        "Chỉ các chỉ tiêu của nhiệm kỳ này (ví dụ 2025-2030).",
        "Only targets of this term (e.g. 2025-2030)."
    ))]
    pub term: Option<String>,
    #[arg(short, long, value_name = "FILE", help = tr(
        "Tệp ghi ra (json, csv, ics: mặc định in ra màn hình; xlsx: bắt buộc).",
        "File to write (json, csv, ics: standard output by default; xlsx: required)."
    ))]
    pub output: Option<std::path::PathBuf>,
    #[arg(long, help = tr(
        "Tính tình trạng đến ngày này thay cho hôm nay (dd/mm/yyyy hoặc yyyy-mm-dd).",
        "Compute statuses as of this date instead of today (dd/mm/yyyy or yyyy-mm-dd)."
    ))]
    pub today: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    if args.format == Format::Xlsx && args.output.is_none() {
        anyhow::bail!(crate::msg!(
            vi: "xlsx cần tệp ghi ra: `theodoi export xlsx -o SO_THEO_DOI.xlsx`",
            en: "xlsx needs an output file: `theodoi export xlsx -o LEDGER.xlsx`"
        ));
    }
    block_on(async move {
        let store = open_existing(&args.db).await?;
        let result = export(&store, &args).await;
        store.close().await;
        result
    })?
}

async fn export(store: &theodoi_store::Store, args: &Args) -> anyhow::Result<()> {
    let out = args.output.as_deref();
    match args.format {
        Format::Json => {
            let dump = store.dump(args.org.as_deref()).await?;
            write_out(out, |w| Ok(serde_json::to_writer_pretty(w, &dump)?))?;
        }
        Format::Csv => {
            let snap = snapshot(store, args.org.as_deref(), args.term.as_deref(), args.today.as_deref()).await?;
            write_out(out, |w| Ok(theodoi_report::csv::write_to(&snap, w)?))?;
        }
        Format::Ics => {
            let snap = snapshot(store, args.org.as_deref(), args.term.as_deref(), args.today.as_deref()).await?;
            let cal = theodoi_report::ics::calendar(&snap);
            write_out(out, |w| Ok(w.write_all(cal.as_bytes())?))?;
        }
        Format::Xlsx => {
            let snap = snapshot(store, args.org.as_deref(), args.term.as_deref(), args.today.as_deref()).await?;
            let path = out.context("xlsx needs -o")?;
            theodoi_report::xlsx::write(&snap, path)?;
            written(path);
        }
    }
    Ok(())
}

/// Write to `path`, or to standard output.
fn write_out(
    path: Option<&std::path::Path>,
    f: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    match path {
        Some(p) => {
            let file = std::fs::File::create(p).with_context(|| p.display().to_string())?;
            let mut w = std::io::BufWriter::new(file);
            f(&mut w)?;
            w.flush().with_context(|| p.display().to_string())?;
            written(p);
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            f(&mut w)?;
            w.flush()?;
        }
    }
    Ok(())
}

/// Say where the file went (on stderr, so standard output stays the data).
pub fn written(path: &std::path::Path) {
    if !crate::msg::quiet() {
        let p = path.display();
        eprintln!("{}", crate::msg!(vi: "đã ghi {p}", en: "wrote {p}"));
    }
}

/// The ledger as a report reads it ([`theodoi_report::Snapshot::load`]), as of `--today`.
pub async fn snapshot(
    store: &theodoi_store::Store,
    org: Option<&str>,
    term: Option<&str>,
    today_given: Option<&str>,
) -> anyhow::Result<theodoi_report::Snapshot> {
    Ok(theodoi_report::Snapshot::load(store, org, term, today(today_given)?).await?)
}
