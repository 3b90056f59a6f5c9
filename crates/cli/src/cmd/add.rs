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

/// Read one file through the pipeline into what the ledger stores, with the document's lines,
/// which the ledger keeps for the viewer and search.
pub fn import_file_with_text(
    path: &Path,
    opts: &theodoi_ingest::Options,
    actor: &str,
) -> anyhow::Result<(Import, Vec<theodoi_store::TextLine>)> {
    // Ingest restores damaged OCR text itself (and leaves clean text alone).
    let doc = super::read::read_document(path, opts).with_context(|| format!("reading {}", path.display()))?;
    let extraction = theodoi_extract::extract(&doc);
    let lines = theodoi_store::text_lines(&doc);
    Ok((Import::from_document(&doc, extraction, actor), lines))
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    block_on(run_async(args))?
}

async fn run_async(args: Args) -> anyhow::Result<()> {
    let store = open(&args.db).await?;
    let result = add_all(&store, &args).await;
    // Closing checkpoints the write-ahead log: the .db file alone then holds what was added.
    store.close().await;
    result
}

async fn add_all(store: &theodoi_store::Store, args: &Args) -> anyhow::Result<()> {
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
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            let p = path.display();
            bar.suspend(|| {
                eprintln!(
                    "theodoi: {} {}",
                    tr("lỗi:", "error:"),
                    crate::msg!(vi: "{p}: không phải tệp thường (thư mục, FIFO hay thiết bị)", en: "{p}: not a regular file (a directory, FIFO or device)")
                )
            });
            failed.push(path.display().to_string());
            bar.inc(1);
            continue;
        }
        bar.set_message(path.display().to_string());
        let outcome = match import_file_with_text(path, &opts, &args.user) {
            // The document and its text (for the viewer and search) in one transaction.
            Ok((import, lines)) => store
                .add_with_text(&import, &lines)
                .await
                .map(|o| (import, o))
                .with_context(|| format!("storing {}", path.display())),
            Err(e) => Err(e),
        };
        bar.inc(1);
        match outcome {
            Ok((import, o)) => {
                if matches!(o, AddOutcome::Added { .. } | AddOutcome::NewVersion { .. }) {
                    touched.push(o.document().to_string());
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
    // Link the new items to the congress targets they implement or report on, and re-check the
    // organisations they belong to so the open findings `status` counts are current (the same
    // store call as the web app's upload).
    let today = super::ledger::today(None)?.format("%Y-%m-%d").to_string();
    let new = store.after_add(&touched, &args.user, &today).await?;
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
    // only what was found: a clerk reads "4 chỉ tiêu/kết quả, 1 nhiệm vụ", not five zeros
    let counts: Vec<String> = [
        (x.targets.len(), "chỉ tiêu/kết quả", "target/result", "targets/results"),
        (x.tasks.len(), "nhiệm vụ", "task", "tasks"),
        (x.citations.len(), "văn bản dẫn", "citation", "citations"),
        (x.facts.len(), "số liệu", "fact", "facts"),
        (x.declared_counts.len(), "số đếm được nêu", "declared count", "declared counts"),
    ]
    .into_iter()
    .filter(|c| c.0 > 0)
    .map(|(n, vi, en1, en)| msg::counted(n, vi, en1, en))
    .collect();
    let counts = if counts.is_empty() {
        tr("không trích được mục nào", "nothing extracted").to_string()
    } else {
        counts.join(", ")
    };
    let file = &import.file;
    match outcome {
        AddOutcome::Unchanged { document, version } if document == file => writeln!(
            out,
            "{}",
            crate::msg!(vi: "không đổi   {file} (phiên bản {version})", en: "unchanged  {file} (version {version})")
        )?,
        AddOutcome::Unchanged { document, version } => writeln!(
            out,
            "{}",
            crate::msg!(
                vi: "không đổi   {file} (đã có: {document}, phiên bản {version})",
                en: "unchanged  {file} (already stored: {document}, version {version})"
            )
        )?,
        AddOutcome::Added { document, .. } if document == file => {
            writeln!(out, "{}", crate::msg!(vi: "đã thêm     {file}: {counts}", en: "added      {file}: {counts}"))?
        }
        AddOutcome::Added { document, .. } => writeln!(
            out,
            "{}",
            crate::msg!(
                vi: "đã thêm     {file} thành {document} (văn bản của tổ chức khác đã mang tên này): {counts}",
                en: "added      {file} as {document} (another organisation's document has that name): {counts}"
            )
        )?,
        AddOutcome::Source { document, version, similarity } => {
            let sim = similarity.map(|s| format!(" ~{s:.2}")).unwrap_or_default();
            writeln!(
                out,
                "{}",
                crate::msg!(
                    vi: "nguồn khác  {file} của {document} (phiên bản {version}{sim}): cùng văn bản, không lưu mục lần nữa",
                    en: "another source  {file} of {document} (version {version}{sim}): the same document, items not stored twice"
                )
            )?
        }
        AddOutcome::NewVersion { document, version, changes } => {
            let n = msg::counted(changes.len(), "thay đổi", "change", "changes");
            writeln!(
                out,
                "{}",
                crate::msg!(
                    vi: "phiên bản {version}  {document} ← {file}: {counts}; {n}",
                    en: "version {version}  {document} ← {file}: {counts}; {n}"
                )
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
