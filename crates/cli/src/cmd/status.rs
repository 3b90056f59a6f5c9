//! `theodoi status [--org X]`: targets by status, tasks due soon and overdue, open findings.

use std::io::Write;

use super::ledger::{block_on, open_existing, today, DbArgs};
use crate::layout::{cut, pad_left, terminal_width};
use crate::msg::{self, counted, tr};

/// Flags of `theodoi status`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, help = tr(
        "Chỉ các văn bản của tổ chức này (có thể gõ không dấu: \"Nam Dong\").",
        "Only documents of this organisation (diacritics optional: \"Nam Dong\")."
    ))]
    pub org: Option<String>,
    #[arg(long, help = tr(
        "Báo cáo tính đến ngày này thay cho hôm nay (dd/mm/yyyy hoặc yyyy-mm-dd).",
        "Report as of this date instead of today (dd/mm/yyyy or yyyy-mm-dd)."
    ))]
    pub today: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// How many behind-schedule targets and due/overdue tasks are listed before "… N more".
const SHOWN_TARGETS: usize = 15;
const SHOWN_TASKS: usize = 20;

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    block_on(run_async(args))?
}

async fn run_async(args: Args) -> anyhow::Result<()> {
    let store = open_existing(&args.db).await?;
    let result = report(&store, &args).await;
    store.close().await;
    result
}

async fn report(store: &theodoi_store::Store, args: &Args) -> anyhow::Result<()> {
    let today = today(args.today.as_deref())?;
    // Counted and listed by queries: only the items with progress and those shown are read.
    let report = store.status_report(args.org.as_deref(), today, SHOWN_TARGETS, SHOWN_TASKS).await?;
    let width = terminal_width();
    let mut out = std::io::stdout().lock();
    let n_docs = counted(report.documents, "văn bản", "document", "documents");
    let as_of = today.format("%d/%m/%Y");
    let loc = store.location();
    writeln!(
        out,
        "{}",
        crate::msg!(vi: "Sổ theo dõi: {loc} — {n_docs}, tính đến {as_of}", en: "Ledger: {loc} — {n_docs}, as of {as_of}")
    )?;
    writeln!(out, "\n{}", tr("Chỉ tiêu theo tình trạng:", "Targets by status:"))?;
    if report.by_status.is_empty() {
        writeln!(out, "  {}", tr("(không có)", "(none)"))?;
    }
    for (s, n) in &report.by_status {
        writeln!(out, "  {}  {}", pad_left(&msg::num(*n as f64), 4), msg::target_status(*s))?;
    }
    for x in &report.behind {
        let last = x.last.map(msg::num).unwrap_or_else(|| "—".into());
        let head = format!("    {}  ", code(x.code.as_deref(), &x.doc, &x.target.id));
        let tail =
            format!(": {last} / {}  [{}]", x.target.target_text.as_deref().unwrap_or(""), msg::target_status(x.status));
        let room = width.saturating_sub(crate::layout::width(&head) + crate::layout::width(&tail)).max(20);
        writeln!(out, "{head}{}{tail}", cut(&x.target.name, room))?;
    }
    if report.behind_total > report.behind.len() {
        let more = report.behind_total - report.behind.len();
        writeln!(
            out,
            "    {}",
            crate::msg!(vi: "… còn {more} chỉ tiêu (`theodoi list targets`)", en: "… {more} more (`theodoi list targets`)")
        )?;
    }
    show(
        &mut out,
        width,
        tr("Nhiệm vụ đến hạn trong 30 ngày", "Tasks due within 30 days"),
        &report.due,
        report.due_total,
    )?;
    show(&mut out, width, tr("Nhiệm vụ quá hạn", "Overdue tasks"), &report.overdue, report.overdue_total)?;
    let (open, errors) = store.open_finding_counts(args.org.as_deref()).await?;
    let n = msg::num(open as f64);
    let errors = counted(errors, "lỗi", "error", "errors");
    writeln!(
        out,
        "\n{}",
        crate::msg!(
            vi: "Phát hiện chưa xử lý: {n} ({errors}) — xem chi tiết: `theodoi check`",
            en: "Open findings: {n} ({errors}) — `theodoi check` for details"
        )
    )?;
    unmatched(&mut out, store, args.org.as_deref(), width).await?;
    Ok(())
}

/// Organisations documents name that are not on the official list of administrative units: kept
/// as the documents write them, listed so a clerk can correct a misspelling or confirm the name.
pub async fn unmatched(
    out: &mut impl Write,
    store: &theodoi_store::Store,
    org: Option<&str>,
    width: usize,
) -> anyhow::Result<()> {
    let want = org.map(theodoi_text::fold);
    let list: Vec<_> = store
        .unmatched_organisations()
        .await?
        .into_iter()
        .filter(|u| {
            want.as_deref().is_none_or(|w| {
                theodoi_text::fold(&u.name).contains(w)
                    || u.parent.as_deref().is_some_and(|p| theodoi_text::fold(p).contains(w))
            })
        })
        .collect();
    if list.is_empty() {
        return Ok(());
    }
    let n = msg::num(list.len() as f64);
    writeln!(
        out,
        "\n{}",
        crate::msg!(
            vi: "Tổ chức không có trong danh mục đơn vị hành chính 2025 (giữ nguyên tên như văn bản ghi, cần kiểm tra): {n}",
            en: "Organisations not on the 2025 list of administrative units (kept as written; please check): {n}"
        )
    )?;
    for u in &list {
        let mut head = u.name.clone();
        if let Some(p) = &u.parent {
            head.push_str(&crate::msg!(vi: " (thuộc {p})", en: " (under {p})"));
        }
        if u.documents > 0 {
            head.push_str(&format!(", {}", counted(u.documents as usize, "văn bản", "document", "documents")));
        }
        let why = match msg::lang() {
            msg::Lang::Vi => &u.reason_vi,
            msg::Lang::En => &u.reason_en,
        };
        writeln!(out, "  {}", cut(&head, width.saturating_sub(2).max(40)))?;
        writeln!(out, "      {}", cut(why, width.saturating_sub(6).max(40)))?;
    }
    Ok(())
}

/// The item's stable id, or FILE:POSITION where the ledger has none.
fn code(code: Option<&str>, file: &str, pos: &str) -> String {
    code.map(str::to_string).unwrap_or_else(|| format!("{}:{pos}", short_doc(file)))
}

/// The file name without its extension, as ids are shown.
pub fn short_doc(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}

fn show(
    out: &mut impl Write,
    width: usize,
    title: &str,
    list: &[theodoi_store::ShownTask],
    total: usize,
) -> std::io::Result<()> {
    writeln!(out, "\n{title}: {}", msg::num(total as f64))?;
    for x in list {
        let dl = x.deadline.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default();
        let head = format!("  {dl}  {}  ", code(x.code.as_deref(), &x.doc, &x.task.id));
        let lead = x.task.lead.as_deref().map(|l| cut(l, 30)).unwrap_or_else(|| "?".into());
        let tail = format!(" — {lead}");
        let room = width.saturating_sub(crate::layout::width(&head) + crate::layout::width(&tail)).max(20);
        writeln!(out, "{head}{}{tail}", cut(&x.task.what, room))?;
    }
    if total > list.len() {
        let more = total - list.len();
        writeln!(
            out,
            "  {}",
            crate::msg!(vi: "… còn {more} nhiệm vụ (`theodoi list tasks`)", en: "… {more} more (`theodoi list tasks`)")
        )?;
    }
    Ok(())
}
