//! `theodoi progress TARGET_OR_TASK --value … --date …`: record progress on a target or task.

use anyhow::Context;
use std::io::Write;
use theodoi_core::ProgressUpdate;

use super::ledger::{block_on, date, open_existing, DbArgs};

/// Flags of `theodoi progress`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(help = crate::msg::tr("Mục cần ghi: mã của nó (CT12, NV7), TỆP:MÃ (vd. `004:T10`, `004:K3`) hoặc vài chữ trong tên (\"thu ngan sach\").", "The item: its id (CT12, NV7), FILE:ID (e.g. `004:T10`, `004:K3`) or words of its name (\"thu ngan sach\")."))]
    pub item: String,
    #[arg(long, allow_hyphen_values = true, help = crate::msg::tr("Giá trị đạt được, theo đơn vị của chỉ tiêu (dấu phẩy thập phân: 13,7).", "Value reached, in the target's unit (decimal comma allowed: 13,7)."))]
    pub value: Option<String>,
    #[arg(long, help = crate::msg::tr("Đánh dấu nhiệm vụ (hoặc chỉ tiêu định tính) đã hoàn thành.", "Mark the task (or qualitative target) done."))]
    pub done: bool,
    #[arg(long, help = crate::msg::tr("Ngày của giá trị (dd/mm/yyyy hoặc yyyy-mm-dd).", "Date the value holds at (YYYY-MM-DD or DD/MM/YYYY)."))]
    pub date: String,
    #[arg(long, help = crate::msg::tr("Ghi chú.", "Note."))]
    pub note: Option<String>,
    #[arg(long, default_value = "cli", help = crate::msg::tr("Người ghi.", "Who records it."))]
    pub user: String,
    #[arg(long, help = crate::msg::tr(
        "Sửa giá trị đã ghi cho ngày này (mục cũ được thay, vẫn giữ trong lịch sử và nhật ký).",
        "Correct the value already recorded for this date (the old entry is superseded, kept in the history and the audit log)."
    ))]
    pub replace: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// "13,7" → 13.7, "1.100" → 1100, "-2,5" → -2.5.
fn value(s: &str) -> anyhow::Result<f64> {
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    let v = theodoi_text::parse_number(body)
        .with_context(|| format!("value `{s}`: expected a number such as 13,7 or 1.100"))?;
    Ok(if neg { -v } else { v })
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    if args.value.is_none() && !args.done {
        anyhow::bail!(crate::msg!(vi: "cần --value N hoặc --done", en: "give --value N or --done"));
    }
    if args.value.is_some() && args.done {
        anyhow::bail!(crate::msg!(vi: "--value hoặc --done, không cả hai", en: "give --value or --done, not both"));
    }
    let v = args.value.as_deref().map(value).transpose()?;
    let d = date(&args.date)?;
    if d > chrono::Local::now().date_naive() {
        anyhow::bail!(crate::msg!(
            vi: "ngày {d} ở tương lai: tiến độ được ghi khi đã có",
            en: "date {d} is in the future: progress is recorded once reached"
        ));
    }
    block_on(async move {
        let store = open_existing(&args.db).await?;
        let result = record(&store, &args, v, d).await;
        store.close().await;
        result
    })?
}

async fn record(store: &theodoi_store::Store, args: &Args, v: Option<f64>, d: chrono::NaiveDate) -> anyhow::Result<()> {
    let found = store.find_item(&args.item).await?;
    let item = store.resolve_item(&found.code).await?;
    let code = &found.code;
    if item.kind == theodoi_core::ItemKind::Task && v.is_some() {
        anyhow::bail!(crate::msg!(vi: "{code} là nhiệm vụ: dùng --done", en: "{code} is a task: use --done"));
    }
    let p = ProgressUpdate {
        item: item.clone(),
        value: v,
        done: args.done,
        date: d.format("%Y-%m-%d").to_string(),
        note: args.note.clone(),
        user: Some(args.user.clone()),
        evidence: None,
    };
    let id = match store.add_progress_with(&p, args.value.as_deref().map(str::trim), Some(args.replace)).await {
        Ok(id) => id,
        Err(theodoi_store::StoreError::AlreadyRecorded { item, date }) => anyhow::bail!(crate::msg!(
            vi: "{item} đã có tiến độ ngày {date}; sửa thì thêm --replace",
            en: "{item} already has progress on {date}; give --replace to correct it"
        )),
        Err(e) => return Err(e.into()),
    };
    let (doc, pos, date) = (&item.doc, &item.id, &p.date);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        crate::msg!(
            vi: "đã ghi tiến độ #{id} cho {code} ({doc}:{pos}) ngày {date}",
            en: "recorded progress #{id} for {code} ({doc}:{pos}) on {date}"
        )
    )?;
    Ok(())
}
