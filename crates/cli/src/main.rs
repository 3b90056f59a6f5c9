//! `theodoi` — the command-line front of the pipeline.
//!
//! This binary only parses flags, calls the library crates and maps errors to
//! exit codes: 0 ok, 1 input problem, 2 usage (clap's own code).
//! Every text it prints goes through [`msg`]: Vietnamese first, English with `--lang en`.

mod cmd;
mod exit;
mod layout;
mod msg;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use msg::tr;

// Help texts are `help = tr(vi, en)` (not doc comments): clap evaluates them when the command is
// built, after `main` has chosen the language.
#[derive(Parser, Debug)]
#[command(
    name = "theodoi",
    version,
    about = tr(
        "theodoi: theo dõi chỉ tiêu, nhiệm vụ và văn bản được dẫn của các văn bản Đảng \"trên dữ liệu\".",
        "theodoi: follow the targets, tasks and citations of Party documents \"on data\"."
    ),
    propagate_version = true,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[arg(short, long, global = true, conflicts_with = "verbose", help = tr("Chỉ in lỗi.", "Print only errors."))]
    quiet: bool,
    #[arg(short, long, global = true, action = ArgAction::Count,
          help = tr("In thêm nhật ký (-v, -vv, -vvv).", "More log output (-v info, -vv debug, -vvv trace)."))]
    verbose: u8,
    #[arg(long, global = true, value_name = "vi|en", value_parser = ["vi", "en"],
          help = tr("Ngôn ngữ hiển thị: vi (mặc định) hoặc en; mặc định theo LANG.",
                    "Display language: vi (default) or en; otherwise taken from LANG."))]
    lang: Option<String>,
    #[arg(short = 'h', long, global = true, action = ArgAction::Help, help = tr("In trợ giúp.", "Print help."))]
    help: Option<bool>,
    #[arg(short = 'V', long, action = ArgAction::Version, help = tr("In phiên bản.", "Print version."))]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    #[command(about = tr(
        "Đọc văn bản (txt mọi bảng mã tiếng Việt, DOCX, PDF, ảnh quét) và in cấu trúc.",
        "Read documents (txt in any Vietnamese encoding, DOCX, PDF, scans) and print their structure."
    ))]
    Ingest(cmd::ingest::Args),
    #[command(about = tr("Khôi phục văn bản tiếng Việt nhận dạng (OCR) kém.", "Restore badly OCR'd Vietnamese text."))]
    Restore(cmd::restore::Args),
    #[command(about = tr(
        "Trích chỉ tiêu, kết quả, nhiệm vụ, văn bản được dẫn, số liệu và số đếm được nêu.",
        "Extract targets, results, tasks, citations, facts and declared counts."
    ))]
    Extract(cmd::extract::Args),
    #[command(about = tr(
        "Thêm văn bản vào sổ theo dõi (đọc, khôi phục nếu hỏng, trích, lưu; mỗi văn bản một giao dịch).",
        "Add documents to the ledger (ingest, restore if damaged, extract, store; one transaction each)."
    ))]
    Add(cmd::add::Args),
    #[command(about = tr(
        "Kiểm tra sổ theo dõi \"trên dữ liệu\" và in các phát hiện (--json: mảng JSON).",
        "Check the ledger \"on data\" and print the findings (--json for a JSON array)."
    ))]
    Check(cmd::check::Args),
    #[command(about = tr(
        "Báo cáo gọn: chỉ tiêu theo tình trạng, nhiệm vụ sắp đến hạn và quá hạn, phát hiện chưa xử lý.",
        "A compact report: targets by status, tasks due soon and overdue, open findings."
    ))]
    Status(cmd::status::Args),
    #[command(about = tr(
        "Liệt kê chỉ tiêu, nhiệm vụ, văn bản được dẫn, phát hiện hoặc văn bản trong sổ.",
        "List the ledger's targets, tasks, citations, findings or documents."
    ))]
    List(cmd::list::Args),
    #[command(about = tr(
        "Xem đầy đủ một chỉ tiêu hoặc nhiệm vụ: thuộc tính, tình trạng, lịch sử, dòng nguồn.",
        "Show one target or task in full: attributes, status, history, source lines."
    ))]
    Show(cmd::show::Args),
    #[command(about = tr("Ghi tiến độ của một chỉ tiêu hoặc nhiệm vụ.", "Record progress on a target or task."))]
    Progress(cmd::progress::Args),
    #[command(about = tr(
        "Xem xét các liên kết được đề xuất giữa các văn bản.",
        "Review the links proposed between documents' items."
    ))]
    Link(cmd::link::Args),
    #[command(about = msg::tr(
        "Xem xét phát hiện: `finding review PH12 --state confirmed|dismissed --note …`.",
        "Review findings: `finding review PH12 --state confirmed|dismissed --note …`."
    ))]
    Finding(cmd::finding::Args),
    #[command(about = msg::tr(
        "Tổ chức không có trong danh mục đơn vị hành chính: `org list --unmatched`, `org map \"TÊN\" --unit MÃ`, `org review \"TÊN\"`.",
        "Organisations not on the list of administrative units: `org list --unmatched`, `org map \"NAME\" --unit CODE`, `org review \"NAME\"`."
    ))]
    Org(cmd::org::Args),
    #[command(about = msg::tr(
        "Sao toàn bộ sổ theo dõi ra một tệp mới (SQLite; PostgreSQL: dùng pg_dump).",
        "Copy the whole ledger into one new file (SQLite; PostgreSQL: use pg_dump)."
    ))]
    Backup(cmd::backup::Args),
    #[command(about = msg::tr(
        "Xuất sổ theo dõi: json (toàn bộ, nhập lại được), csv, xlsx (bảng tính), ics (lịch hạn nhiệm vụ).",
        "Export the ledger: json (whole, importable), csv, xlsx (workbook), ics (task calendar)."
    ))]
    Export(cmd::export::Args),
    #[command(about = msg::tr(
        "Nhập sổ theo dõi từ tệp json đã xuất (sổ trống: khôi phục; sổ đã có: gộp, không trùng).",
        "Import a ledger from an exported json file (empty ledger: restore; otherwise merge without clashes)."
    ))]
    Import(cmd::import::Args),
    #[command(about = msg::tr(
        "Lập dự thảo báo cáo sơ kết / tổng kết (Word) từ sổ theo dõi: --period 2026-H1|2026|2025-2030.",
        "Draft a periodic review report (Word) from the ledger: --period 2026-H1|2026|2025-2030."
    ))]
    Report(cmd::report::Args),
    #[command(about = msg::tr(
        "Tìm trong mọi văn bản, có dấu hoặc không (\"nghi quyet 57\"); --reindex dựng lại chỉ mục.",
        "Search every document, diacritics optional (\"nghi quyet 57\"); --reindex rebuilds the index."
    ))]
    Search(cmd::search::Args),
    #[command(about = msg::tr(
        "Chạy ứng dụng web (tiếng Việt) trên sổ theo dõi: --addr 127.0.0.1:8080.",
        "Serve the web app (Vietnamese) over the ledger: --addr 127.0.0.1:8080."
    ))]
    Serve(cmd::serve::Args),
    #[command(about = msg::tr(
        "Người dùng của ứng dụng web: `user add TÊN --role admin|city|editor|viewer [--org ĐƠN_VỊ] --password-stdin`.",
        "Web app users: `user add NAME --role admin|city|editor|viewer [--org UNIT] --password-stdin`."
    ))]
    User(cmd::user::Args),
}

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    msg::set_lang(msg::detect(&args, |k| std::env::var(k).ok()));
    let cli = match parse(&args) {
        Ok(c) => c,
        Err(e) => std::process::exit(exit::usage(e)),
    };
    msg::set_quiet(cli.quiet);
    init_logging(cli.quiet, cli.verbose);
    let result = match cli.command {
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Restore(a) => cmd::restore::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Add(a) => cmd::add::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Status(a) => cmd::status::run(a),
        Command::List(a) => cmd::list::run(a),
        Command::Show(a) => cmd::show::run(a),
        Command::Progress(a) => cmd::progress::run(a),
        Command::Link(a) => cmd::link::run(a),
        Command::Finding(a) => cmd::finding::run(a),
        Command::Org(a) => cmd::org::run(a),
        Command::Backup(a) => cmd::backup::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Import(a) => cmd::import::run(a),
        Command::Report(a) => cmd::report::run(a),
        Command::Search(a) => cmd::search::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::User(a) => cmd::user::run(a),
    };
    std::process::exit(exit::report(result));
}

fn parse(args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    if msg::lang() == msg::Lang::Vi {
        command = command.subcommand_help_heading("Lệnh");
    }
    let matches = command.try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

fn init_logging(quiet: bool, verbose: u8) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("THEODOI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
