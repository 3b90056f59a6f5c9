//! `theodoi report --period 2026-H1|2026|2025-2030 [--org X] -o FILE.docx`: a draft periodic review
//! report (báo cáo sơ kết / tổng kết) made from the ledger.

use super::ledger::{block_on, open_existing, DbArgs};
use crate::msg::tr;

/// Flags of `theodoi report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, help = tr(
        "Kỳ báo cáo: 2026-H1 (6 tháng đầu năm), 2026-H2, 2026 (cả năm) hoặc 2025-2030 (nhiệm kỳ).",
        "Period: 2026-H1 (first half), 2026-H2, 2026 (year) or 2025-2030 (term)."
    ))]
    pub period: String,
    #[arg(long, help = tr(
        "Chỉ các văn bản của tổ chức này (có thể gõ không dấu).",
        "Only documents of this organisation (diacritics optional)."
    ))]
    pub org: Option<String>,
    #[arg(short, long, value_name = "FILE.docx", help = tr("Tệp Word ghi ra.", "The Word file to write."))]
    pub output: std::path::PathBuf,
    #[arg(long, help = tr(
        "Lập báo cáo đến ngày này thay cho hôm nay (dd/mm/yyyy hoặc yyyy-mm-dd).",
        "Report as of this date instead of today (dd/mm/yyyy or yyyy-mm-dd)."
    ))]
    pub today: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let period = theodoi_report::Period::parse(&args.period).map_err(|_| {
        let p = &args.period;
        anyhow::anyhow!(crate::msg!(
            vi: "kỳ báo cáo `{p}`: cần dạng 2026-H1 (6 tháng đầu năm), 2026-H2, 2026 (cả năm) hoặc 2025-2030 (nhiệm kỳ)",
            en: "period `{p}`: expected 2026-H1 (first half), 2026-H2, 2026 (a year) or 2025-2030 (a term)"
        ))
    })?;
    block_on(async move {
        let store = open_existing(&args.db).await?;
        let snap = super::export::snapshot(&store, args.org.as_deref(), None, args.today.as_deref()).await;
        store.close().await;
        theodoi_report::docx::write(&snap?, period, &args.output)?;
        super::export::written(&args.output);
        anyhow::Ok(())
    })?
}
