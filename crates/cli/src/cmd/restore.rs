//! `theodoi restore`: restore badly OCR'd Vietnamese text.

use std::io::Write;

use anyhow::Context;

/// How to decode.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeArg {
    /// Choose from the measured damage.
    Auto,
    /// Wrong-language OCR: letters and marks suspect.
    Ocr,
    /// Typed without marks: restore marks only.
    Unmarked,
    /// Clean text: repair only invalid tokens.
    Clean,
}

/// Flags of `theodoi restore`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input text file (UTF-8).
    pub file: std::path::PathBuf,
    /// Write the restored text here instead of standard output.
    #[arg(short, long)]
    pub out: Option<std::path::PathBuf>,
    /// Decoding mode.
    #[arg(long, value_enum, default_value_t = ModeArg::Auto)]
    pub mode: ModeArg,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!("{}: not UTF-8 text (byte {})", args.file.display(), e.utf8_error().valid_up_to())
    })?;
    let model = theodoi_restore::default_model();
    let d = theodoi_restore::damage(&text);
    let mode = match args.mode {
        ModeArg::Auto => model.mode_for(&text),
        ModeArg::Ocr => theodoi_restore::Mode::Ocr,
        ModeArg::Unmarked => theodoi_restore::Mode::Unmarked,
        ModeArg::Clean => theodoi_restore::Mode::Clean,
    };
    tracing::info!(invalid = d.invalid_share, unmarked = d.missing_diacritic_ratio, ?mode, "{}", args.file.display());
    let restored = model.restore_text_as(&text, mode);
    match &args.out {
        Some(p) => std::fs::write(p, restored).with_context(|| format!("writing {}", p.display()))?,
        None => {
            let stdout = std::io::stdout();
            let mut o = stdout.lock();
            o.write_all(restored.as_bytes())?;
            o.flush()?;
        }
    }
    Ok(())
}
