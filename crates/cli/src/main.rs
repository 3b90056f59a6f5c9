//! `theodoi` — the command-line front of the pipeline.
//!
//! This binary only parses flags, calls the library crates and maps errors to
//! exit codes: 0 ok, 1 input problem, 2 usage (clap's own code).

mod cmd;
mod exit;

use clap::{Parser, Subcommand};

/// theodoi: follow the targets, tasks and citations of Party documents "on data".
#[derive(Parser, Debug)]
#[command(name = "theodoi", version, about, propagate_version = true)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// More log output (-v info, -vv debug, -vvv trace).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read documents (txt in any Vietnamese encoding, DOCX, PDF, scans) and print their structure.
    Ingest(cmd::ingest::Args),
    /// Restore badly OCR'd Vietnamese text.
    Restore(cmd::restore::Args),
    /// Extract targets, results, tasks, citations, facts and declared counts.
    Extract(cmd::extract::Args),
    /// Add documents to the ledger (ingest, restore if damaged, extract, store; one transaction each).
    Add(cmd::add::Args),
    /// Check the ledger "on data" and print the findings (--json for a JSON array).
    Check(cmd::check::Args),
    /// A compact report: targets by status, tasks due soon and overdue, open findings.
    Status(cmd::status::Args),
    /// Record progress on a target or task.
    Progress(cmd::progress::Args),
    /// Review the links proposed between documents' items.
    Link(cmd::link::Args),
}

fn main() {
    let cli = Cli::parse();
    init_logging(cli.quiet, cli.verbose);
    let result = match cli.command {
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Restore(a) => cmd::restore::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Add(a) => cmd::add::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Status(a) => cmd::status::run(a),
        Command::Progress(a) => cmd::progress::run(a),
        Command::Link(a) => cmd::link::run(a),
    };
    std::process::exit(exit::report(result));
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
