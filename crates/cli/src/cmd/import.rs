//! `theodoi import json FILE`: restore a ledger from `theodoi export json`, or merge another ward's.

use std::io::Write;

use anyhow::Context;

use super::ledger::{block_on, open, DbArgs};
use crate::msg::tr;

/// Flags of `theodoi import`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_parser = ["json"], help = tr("Định dạng tệp: json (từ `theodoi export json`).", "File format: json (from `theodoi export json`)."))]
    pub format: String,
    #[arg(help = tr("Tệp xuất từ `theodoi export json`.", "A file made by `theodoi export json`."))]
    pub file: std::path::PathBuf,
    #[arg(long, default_value = "cli", help = tr("Người nhập (ghi vào nhật ký).", "Who imports (recorded in the audit log)."))]
    pub user: String,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let path = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .with_context(|| crate::msg!(vi: "không đọc được tệp {path}", en: "cannot read {path}"))?;
    let dump: theodoi_store::LedgerDump = serde_json::from_slice(&bytes).map_err(|e| {
        let (line, col) = (e.line(), e.column());
        anyhow::anyhow!(crate::msg!(
            vi: "{path}, dòng {line}, cột {col}: không phải tệp xuất của theodoi ({e})",
            en: "{path}, line {line}, column {col}: not a theodoi export ({e})"
        ))
    })?;
    block_on(async move {
        let store = open(&args.db).await?;
        let result = store.load(&dump, &args.user).await;
        store.close().await;
        let outcome = result?;
        let added: usize = outcome.added.iter().filter(|(t, _)| t.as_str() != "audit_log").map(|(_, n)| n).sum();
        let docs = outcome.added.get("documents").copied().unwrap_or(0);
        let mut out = std::io::stdout().lock();
        if outcome.restored {
            writeln!(
                out,
                "{}",
                crate::msg!(
                    vi: "đã khôi phục sổ theo dõi từ {path}: {docs} văn bản, {added} dòng dữ liệu",
                    en: "ledger restored from {path}: {docs} documents, {added} rows"
                )
            )?;
        } else {
            let known = outcome.known_documents.len();
            writeln!(
                out,
                "{}",
                crate::msg!(
                    vi: "đã gộp {path}: thêm {docs} văn bản ({added} dòng dữ liệu), {known} văn bản đã có trong sổ",
                    en: "merged {path}: {docs} documents added ({added} rows), {known} already in the ledger"
                )
            )?;
            for (from, to) in &outcome.renamed {
                writeln!(out, "  {}", crate::msg!(vi: "{from} → {to} (tên đã có)", en: "{from} → {to} (name taken)"))?;
            }
            if outcome.skipped_versions > 0 {
                let n = outcome.skipped_versions;
                writeln!(
                    out,
                    "  {}",
                    crate::msg!(
                        vi: "{n} phiên bản khác của văn bản đã có không được nhập (giữ lịch sử của sổ này)",
                        en: "{n} other versions of known documents left out (this ledger's history stands)"
                    )
                )?;
            }
        }
        anyhow::Ok(())
    })?
}
