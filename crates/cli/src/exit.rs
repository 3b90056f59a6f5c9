//! Error → message and exit code, in the language in force.

use crate::msg;

/// Exit code for a problem with the input (file missing, unreadable, malformed).
pub const INPUT: i32 = 1;

/// Print a flag-parsing outcome (help, version, or a usage error) and return its exit code.
pub fn usage(e: clap::Error) -> i32 {
    use std::io::IsTerminal;
    let to_stdout = !e.use_stderr();
    let colour = if to_stdout { std::io::stdout().is_terminal() } else { std::io::stderr().is_terminal() };
    let rendered = e.render();
    let text = if colour { rendered.ansi().to_string() } else { rendered.to_string() };
    let text = match msg::lang() {
        msg::Lang::Vi => msg::clap_vi(&text),
        msg::Lang::En => text,
    };
    let nl = if text.ends_with('\n') { "" } else { "\n" };
    if to_stdout {
        print!("{text}{nl}");
    } else {
        eprint!("{text}{nl}");
    }
    e.exit_code()
}

/// Print the error chain to stderr and return the process exit code.
pub fn report(result: anyhow::Result<()>) -> i32 {
    match result {
        Ok(()) => 0,
        // `theodoi ingest … | head` closes the pipe early: not an error of ours.
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            let lead = msg::tr("lỗi:", "error:");
            // A reading error already names the file and what to do: print it alone, translated.
            if let Some(ie) = e.chain().find_map(|c| c.downcast_ref::<theodoi_ingest::Error>()) {
                eprintln!("theodoi: {lead} {}", ingest_error(ie));
                return INPUT;
            }
            // A write-protected ledger is read, not written (SQLite's code 8, SQLITE_READONLY).
            if e.chain().any(|c| c.to_string().contains("attempt to write a readonly database")) {
                let m = msg::tr(
                    "sổ theo dõi chỉ đọc (tệp không cho ghi): lệnh này cần ghi vào sổ; đọc được bằng status, list, show (readonly)",
                    "the ledger is read-only (the file is write-protected): this command writes to it; status, list and show read it (readonly)",
                );
                eprintln!("theodoi: {lead} {m}");
                return INPUT;
            }
            eprintln!("theodoi: {lead} {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  {} {cause}", msg::tr("nguyên nhân:", "caused by:"));
            }
            INPUT
        }
    }
}

/// One line for an error met on one file of many: a reading error translated, else the chain.
pub fn describe(e: &anyhow::Error) -> String {
    match e.chain().find_map(|c| c.downcast_ref::<theodoi_ingest::Error>()) {
        Some(ie) => ingest_error(ie),
        None => format!("{e:#}"),
    }
}

/// Errors of reading documents, with what the user can do about them.
pub fn ingest_error(e: &theodoi_ingest::Error) -> String {
    use theodoi_ingest::Error as E;
    match e {
        E::TooLarge { file, size, limit } => {
            let (size, limit) = (mib(*size), mib(*limit));
            crate::msg!(
                vi: "{file}: tệp {size} MiB lớn hơn giới hạn {limit} MiB (tách tệp, hoặc nâng giới hạn bằng --max-mib N)",
                en: "{file}: the file is {size} MiB, over the {limit} MiB limit (split it, or raise the limit with --max-mib N)"
            )
        }
        E::NotFound { path } => {
            let path = path.display();
            crate::msg!(vi: "{path}: không có tệp này", en: "{path}: no such file")
        }
        E::Empty { file } => crate::msg!(
            vi: "{file}: tệp rỗng (cần một văn bản: txt, DOCX, PDF hoặc ảnh)",
            en: "{file}: the file is empty (expected a document: text, DOCX, PDF or image)"
        ),
        E::NotVietnamese { file, share_percent } => crate::msg!(
            vi: "{file}: không phải văn bản tiếng Việt (chỉ {share_percent}% số từ đọc được là âm tiết tiếng Việt, kể cả khi bỏ dấu); cần một văn bản tiếng Việt: txt, DOCX, PDF hoặc ảnh quét",
            en: "{file}: not Vietnamese text (only {share_percent}% of its words read as Vietnamese syllables, even without marks); expected a Vietnamese document: text, DOCX, PDF or a scan"
        ),
        other => other.to_string(),
    }
}

fn mib(bytes: u64) -> String {
    msg::num((bytes as f64 / (1024.0 * 1024.0) * 10.0).ceil() / 10.0)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}
