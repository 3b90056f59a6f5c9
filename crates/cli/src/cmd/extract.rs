//! `theodoi extract`: targets, results, tasks, citations, facts and declared counts.

use std::io::Write;

/// Output forms.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The project's own form: `theodoi_core::Extraction`, every item with its evidence.
    Json,
    /// The answer-key form of `shared/gold/SCHEMA.md` (what `score_extract.py` reads).
    Eval,
}

/// Flags of `theodoi extract`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Output: one JSON object per input file, one per line (JSON Lines), in the order given.\n\
With a single file the output is that one object, so `theodoi extract --format eval F > F.json` gives\n\
a file `score_extract.py` reads directly.")]
pub struct Args {
    /// Input files (any format `theodoi ingest` reads).
    #[arg(required = true)]
    pub files: Vec<std::path::PathBuf>,
    /// Output form.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Indent the JSON (then one object spans several lines).
    #[arg(long)]
    pub pretty: bool,
    #[command(flatten)]
    pub read: super::read::ReadArgs,
}

/// Run the command: every file is read and extracted; exit code 1 if any could not be read.
pub fn run(args: Args) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = Vec::new();
    let opts = args.read.options();
    for path in &args.files {
        let doc = match theodoi_ingest::read_path_with(path, &opts) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("theodoi: error: {e}");
                failed.push(path.display().to_string());
                continue;
            }
        };
        let ex = theodoi_extract::extract(&doc);
        let value = match args.format {
            Format::Json => serde_json::to_value(&ex)?,
            Format::Eval => theodoi_extract::to_eval(&ex),
        };
        if args.pretty {
            serde_json::to_writer_pretty(&mut out, &value)?;
        } else {
            serde_json::to_writer(&mut out, &value)?;
        }
        writeln!(out)?;
    }
    if !failed.is_empty() {
        anyhow::bail!("could not read {} of {} file(s): {}", failed.len(), args.files.len(), failed.join(", "));
    }
    Ok(())
}
