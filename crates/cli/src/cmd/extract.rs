//! `theodoi extract`: targets, results, tasks, citations, facts and declared counts.

use std::io::Write;

/// Output forms.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    #[value(help = crate::msg::tr("Dạng của dự án: `theodoi_core::Extraction`, mỗi mục kèm dẫn chứng.", "The project's own form: `theodoi_core::Extraction`, every item with its evidence."))]
    Json,
    #[value(help = crate::msg::tr("Dạng đáp án của `shared/gold/SCHEMA.md` (dạng `score_extract.py` đọc).", "The answer-key form of `shared/gold/SCHEMA.md` (what `score_extract.py` reads)."))]
    Eval,
}

/// Flags of `theodoi extract`.
#[derive(clap::Args, Debug)]
#[command(after_help = crate::msg::tr(
    "Đầu ra: mỗi tệp đầu vào một đối tượng JSON trên một dòng (JSON Lines), theo thứ tự đã cho.\n\
Với một tệp, đầu ra là đúng một đối tượng: `theodoi extract --format eval F > F.json` cho\n\
một tệp `score_extract.py` đọc được ngay.",
    "Output: one JSON object per input file, one per line (JSON Lines), in the order given.\n\
With a single file the output is that one object, so `theodoi extract --format eval F > F.json` gives\n\
a file `score_extract.py` reads directly."
))]
pub struct Args {
    #[arg(required = true, help = crate::msg::tr("Các tệp đầu vào (mọi định dạng `theodoi ingest` đọc được).", "Input files (any format `theodoi ingest` reads)."))]
    pub files: Vec<std::path::PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Json, help = crate::msg::tr("Dạng đầu ra.", "Output form."))]
    pub format: Format,
    #[arg(long, help = crate::msg::tr("Thụt lề JSON (khi đó mỗi đối tượng chiếm nhiều dòng).", "Indent the JSON (then one object spans several lines)."))]
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
        let doc = match super::read::read_document(path, &opts) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("theodoi: {} {}", crate::msg::tr("lỗi:", "error:"), crate::exit::ingest_error(&e));
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
        let (n, total, list) = (failed.len(), args.files.len(), failed.join(", "));
        anyhow::bail!(
            crate::msg!(vi: "không đọc được {n}/{total} tệp: {list}", en: "could not read {n} of {total} file(s): {list}")
        );
    }
    Ok(())
}
