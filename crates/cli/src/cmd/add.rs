//! `theodoi add FILE…`: ingest, restore if damaged, extract, and store each file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use theodoi_store::{AddOutcome, Import};

use super::ledger::{block_on, open, DbArgs};

/// Flags of `theodoi add`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Documents to add (txt, DOCX, PDF, scans).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Who adds them (recorded in the audit log).
    #[arg(long, default_value = "cli")]
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
    let bar = indicatif::ProgressBar::new(args.files.len() as u64);
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
                bar.suspend(|| report(&mut out, &import, &o))?
            }
            Err(e) => {
                bar.suspend(|| eprintln!("theodoi: error: {e:#}"));
                failed.push(path.display().to_string());
            }
        }
    }
    bar.finish_and_clear();
    // Link the new items to the congress targets they implement or report on.
    let docs = store.documents(None).await?;
    let links = theodoi_check::propose_links_touching(&docs, Some(&touched));
    let new = store.propose_links(&links, &args.user).await?;
    if new > 0 {
        writeln!(out, "{new} new links proposed between documents (`theodoi link` to review)")?;
    }
    if !failed.is_empty() {
        anyhow::bail!("{} of {} files were not added: {}", failed.len(), args.files.len(), failed.join(", "));
    }
    Ok(())
}

fn report(out: &mut impl Write, import: &Import, outcome: &AddOutcome) -> std::io::Result<()> {
    let x = &import.extraction;
    let counts = format!(
        "{} targets/results, {} tasks, {} citations, {} facts, {} declared counts",
        x.targets.len(),
        x.tasks.len(),
        x.citations.len(),
        x.facts.len(),
        x.declared_counts.len()
    );
    match outcome {
        AddOutcome::Unchanged { version } => writeln!(out, "unchanged  {} (version {version})", import.file)?,
        AddOutcome::Added { .. } => writeln!(out, "added      {}: {counts}", import.file)?,
        AddOutcome::NewVersion { version, changes } => {
            writeln!(out, "version {version}  {}: {counts}; {} changes", import.file, changes.len())?;
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
