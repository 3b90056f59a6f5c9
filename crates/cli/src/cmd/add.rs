//! `theodoi add FILE…`: ingest, restore if damaged, extract, and store each file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use theodoi_store::{AddOutcome, Import};

use super::ledger::{block_on, open, DbArgs};
use crate::msg::{self, tr};

/// Flags of `theodoi add`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(required = true, help = tr("Các văn bản cần thêm (txt, DOCX, PDF, ảnh quét).", "Documents to add (txt, DOCX, PDF, scans)."))]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, default_value = "cli", help = tr("Người thêm (ghi vào nhật ký).", "Who adds them (recorded in the audit log)."))]
    pub user: String,
    #[command(flatten)]
    pub read: super::read::ReadArgs,
}

/// Read one file through the pipeline into what the ledger stores.
pub fn import_file(path: &Path, opts: &theodoi_ingest::Options, actor: &str) -> anyhow::Result<Import> {
    // Ingest restores damaged OCR text itself (and leaves clean text alone).
    let doc = theodoi_ingest::read_path_with(path, opts).with_context(|| format!("reading {}", path.display()))?;
    let extraction = theodoi_extract::extract(&doc);
    Ok(Import::from_document(&doc, extraction, actor))
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    block_on(run_async(args))?
}

async fn run_async(args: Args) -> anyhow::Result<()> {
    let store = open(&args.db).await?;
    let mut out = std::io::stdout();
    let bar = if msg::quiet() || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(args.files.len() as u64)
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut failed = Vec::new();
    let mut touched = Vec::new();
    let opts = args.read.options();
    for path in &args.files {
        bar.set_message(path.display().to_string());
        let outcome = match import_file(path, &opts, &args.user) {
            Ok(import) => {
                store.add(&import).await.map(|o| (import, o)).with_context(|| format!("storing {}", path.display()))
            }
            Err(e) => Err(e),
        };
        bar.inc(1);
        match outcome {
            Ok((import, o)) => {
                if !matches!(o, AddOutcome::Unchanged { .. }) {
                    touched.push(import.file.clone());
                }
                if !msg::quiet() {
                    bar.suspend(|| report(&mut out, &import, &o))?
                }
            }
            Err(e) => {
                bar.suspend(|| eprintln!("theodoi: {} {}", tr("lỗi:", "error:"), crate::exit::describe(&e)));
                failed.push(path.display().to_string());
            }
        }
    }
    bar.finish_and_clear();
    // Link the new items to the congress targets they implement or report on.
    let docs = store.documents(None).await?;
    let links = theodoi_check::propose_links_touching(&docs, Some(&touched));
    let new = store.propose_links(&links, &args.user).await?;
    if new > 0 && !msg::quiet() {
        let links = msg::counted(new, "liên kết mới", "new link", "new links");
        writeln!(
            out,
            "{}",
            crate::msg!(
                vi: "Đề xuất {links} giữa các văn bản (xem xét: `theodoi link`)",
                en: "{links} proposed between documents (`theodoi link` to review)"
            )
        )?;
    }
    if !failed.is_empty() {
        let (n, total, list) = (failed.len(), args.files.len(), failed.join(", "));
        anyhow::bail!(
            crate::msg!(vi: "{n}/{total} tệp không thêm được: {list}", en: "{n} of {total} files were not added: {list}")
        );
    }
    Ok(())
}

fn report(out: &mut impl Write, import: &Import, outcome: &AddOutcome) -> std::io::Result<()> {
    let x = &import.extraction;
    let counts = [
        msg::counted(x.targets.len(), "chỉ tiêu/kết quả", "target/result", "targets/results"),
        msg::counted(x.tasks.len(), "nhiệm vụ", "task", "tasks"),
        msg::counted(x.citations.len(), "văn bản dẫn", "citation", "citations"),
        msg::counted(x.facts.len(), "số liệu", "fact", "facts"),
        msg::counted(x.declared_counts.len(), "số đếm được nêu", "declared count", "declared counts"),
    ]
    .join(", ");
    let file = &import.file;
    match outcome {
        AddOutcome::Unchanged { version } => writeln!(
            out,
            "{}",
            crate::msg!(vi: "không đổi   {file} (phiên bản {version})", en: "unchanged  {file} (version {version})")
        )?,
        AddOutcome::Added { .. } => {
            writeln!(out, "{}", crate::msg!(vi: "đã thêm     {file}: {counts}", en: "added      {file}: {counts}"))?
        }
        AddOutcome::NewVersion { version, changes } => {
            let n = msg::counted(changes.len(), "thay đổi", "change", "changes");
            writeln!(
                out,
                "{}",
                crate::msg!(vi: "phiên bản {version}  {file}: {counts}; {n}", en: "version {version}  {file}: {counts}; {n}")
            )?;
            for c in changes {
                writeln!(
                    out,
                    "  {} {} \"{}\": {} → {}",
                    c.item_kind,
                    c.change,
                    c.item_name,
                    c.before.as_deref().unwrap_or("—"),
                    c.after.as_deref().unwrap_or("—")
                )?;
            }
        }
    }
    Ok(())
}
