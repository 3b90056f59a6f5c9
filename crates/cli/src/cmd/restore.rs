//! `theodoi restore`: restore badly OCR'd Vietnamese text.

use std::io::Write;

use anyhow::Context;

/// How to decode.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeArg {
    #[value(help = crate::msg::tr("Tự chọn theo mức hư hỏng đo được.", "Choose from the measured damage."))]
    Auto,
    #[value(help = crate::msg::tr("OCR sai ngôn ngữ: chữ và dấu đều đáng ngờ.", "Wrong-language OCR: letters and marks suspect."))]
    Ocr,
    #[value(help = crate::msg::tr("Gõ không dấu: chỉ khôi phục dấu.", "Typed without marks: restore marks only."))]
    Unmarked,
    #[value(help = crate::msg::tr("Văn bản sạch: chỉ sửa các từ không hợp lệ.", "Clean text: repair only invalid tokens."))]
    Clean,
}

/// Flags of `theodoi restore`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(help = crate::msg::tr("Tệp văn bản đầu vào (UTF-8).", "Input text file (UTF-8)."))]
    pub file: std::path::PathBuf,
    #[arg(short, long, help = crate::msg::tr("Ghi văn bản đã khôi phục vào tệp này thay vì ra màn hình.", "Write the restored text here instead of standard output."))]
    pub out: Option<std::path::PathBuf>,
    #[arg(long, value_enum, default_value_t = ModeArg::Auto, help = crate::msg::tr("Chế độ giải mã.", "Decoding mode."))]
    pub mode: ModeArg,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(&args.file).with_context(|| crate::msg!(vi: "đọc {}", en: "reading {}", args.file.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (f, at) = (args.file.display(), e.utf8_error().valid_up_to());
        anyhow::anyhow!(crate::msg!(
            vi: "{f}: không phải văn bản UTF-8 (byte {at}); `theodoi ingest` đọc các bảng mã khác",
            en: "{f}: not UTF-8 text (byte {at}); `theodoi ingest` reads other encodings"
        ))
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
    // The restorer adapts to the whole text at once (no pages to count): a spinner on a terminal,
    // and a one-line summary after, unless -q.
    let quiet = crate::msg::quiet();
    let spinner = (!quiet && std::io::IsTerminal::is_terminal(&std::io::stderr())).then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_message(crate::msg!(vi: "đang khôi phục {}…", en: "restoring {}…", args.file.display()));
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        b
    });
    let started = std::time::Instant::now();
    let restored = model.restore_text_as(&text, mode);
    if let Some(b) = spinner {
        b.finish_and_clear();
    }
    if !quiet {
        let secs = crate::msg::num((started.elapsed().as_secs_f64() * 10.0).round() / 10.0);
        let lines = crate::msg::counted(text.lines().count(), "dòng", "line", "lines");
        let (f, m) = (args.file.display(), format!("{mode:?}").to_lowercase());
        eprintln!(
            "{}",
            crate::msg!(vi: "theodoi: {f}: đã khôi phục {lines} (chế độ {m}), {secs} s", en: "theodoi: {f}: {lines} restored ({m} mode), {secs} s")
        );
    }
    match &args.out {
        Some(p) => {
            std::fs::write(p, restored).with_context(|| crate::msg!(vi: "ghi {}", en: "writing {}", p.display()))?
        }
        None => {
            let stdout = std::io::stdout();
            let mut o = stdout.lock();
            o.write_all(restored.as_bytes())?;
            o.flush()?;
        }
    }
    Ok(())
}
