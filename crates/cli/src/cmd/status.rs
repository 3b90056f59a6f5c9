//! `theodoi status [--org X]`: targets by status, tasks due soon and overdue, open findings.

use std::collections::BTreeMap;
use std::io::Write;

use theodoi_core::{ItemKind, TargetKind, TargetStatus, TaskStatus};

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
    // Targets and tasks from their tables: status shows no evidence, so no extraction is parsed.
    let docs = store.tracked(args.org.as_deref()).await?;
    let (progress, _) = store.all_progress(&docs).await?;
    // Progress by item, grouped once (in the order stored), not one scan of every update per item.
    let mut by_item: std::collections::HashMap<(&str, ItemKind, &str), Vec<&theodoi_core::ProgressUpdate>> =
        std::collections::HashMap::new();
    for u in &progress {
        by_item.entry((u.item.doc.as_str(), u.item.kind, u.item.id.as_str())).or_default().push(u);
    }
    let none = Vec::new();
    let mut by_status: BTreeMap<TargetStatus, usize> = BTreeMap::new();
    let mut due = Vec::new();
    let mut overdue = Vec::new();
    let mut behind = Vec::new();
    for d in &docs {
        for t in d.extraction.targets.iter().filter(|t| t.kind == TargetKind::Target) {
            let ups = by_item.get(&(d.file.as_str(), ItemKind::Target, t.id.as_str())).unwrap_or(&none);
            let track = theodoi_check::target_status(t, ups, today);
            *by_status.entry(track.status).or_default() += 1;
            if matches!(track.status, TargetStatus::AtRisk | TargetStatus::OffTrack | TargetStatus::Overdue) {
                behind.push((track.status, d.file.as_str(), t, track.last));
            }
        }
        for k in &d.extraction.tasks {
            let ups = by_item.get(&(d.file.as_str(), ItemKind::Task, k.id.as_str())).unwrap_or(&none);
            let dl = k.deadline.as_deref().and_then(theodoi_check::deadline_date);
            match theodoi_check::task_status(k.deadline.as_deref(), ups, today) {
                TaskStatus::Overdue => overdue.push((dl, d.file.as_str(), k)),
                TaskStatus::Open if dl.is_some_and(|x| (x - today).num_days() <= 30) => {
                    due.push((dl, d.file.as_str(), k))
                }
                _ => {}
            }
        }
    }
    behind.sort_by_key(|(s, f, t, _)| (std::cmp::Reverse(*s), f.to_string(), t.id.clone()));
    due.sort_by_key(|(d, f, _)| (*d, f.to_string()));
    overdue.sort_by_key(|(d, f, _)| (*d, f.to_string()));
    // The stable ids of the items shown, looked up by key.
    let shown: Vec<theodoi_core::ItemRef> = behind
        .iter()
        .take(SHOWN_TARGETS)
        .map(|(_, f, t, _)| (*f, ItemKind::Target, t.id.as_str()))
        .chain(
            due.iter()
                .take(SHOWN_TASKS)
                .chain(overdue.iter().take(SHOWN_TASKS))
                .map(|(_, f, k)| (*f, ItemKind::Task, k.id.as_str())),
        )
        .map(|(doc, kind, id)| theodoi_core::ItemRef { doc: doc.to_string(), kind, id: id.to_string() })
        .collect();
    let codes: super::view::Codes =
        store.item_codes(&shown).await?.into_iter().map(|(r, code)| ((r.doc, r.kind, r.id), code)).collect();
    let width = terminal_width();
    let mut out = std::io::stdout().lock();
    let n_docs = counted(docs.len(), "văn bản", "document", "documents");
    let as_of = today.format("%d/%m/%Y");
    let loc = store.location();
    writeln!(
        out,
        "{}",
        crate::msg!(vi: "Sổ theo dõi: {loc} — {n_docs}, tính đến {as_of}", en: "Ledger: {loc} — {n_docs}, as of {as_of}")
    )?;
    writeln!(out, "\n{}", tr("Chỉ tiêu theo tình trạng:", "Targets by status:"))?;
    if by_status.is_empty() {
        writeln!(out, "  {}", tr("(không có)", "(none)"))?;
    }
    for (s, n) in &by_status {
        writeln!(out, "  {}  {}", pad_left(&msg::num(*n as f64), 4), msg::target_status(*s))?;
    }
    for (s, f, t, last) in behind.iter().take(SHOWN_TARGETS) {
        let last = last.map(msg::num).unwrap_or_else(|| "—".into());
        let head = format!("    {}  ", code(&codes, f, ItemKind::Target, &t.id));
        let tail = format!(": {last} / {}  [{}]", t.target_text.as_deref().unwrap_or(""), msg::target_status(*s));
        let room = width.saturating_sub(crate::layout::width(&head) + crate::layout::width(&tail)).max(20);
        writeln!(out, "{head}{}{tail}", cut(&t.name, room))?;
    }
    if behind.len() > SHOWN_TARGETS {
        let more = behind.len() - SHOWN_TARGETS;
        writeln!(
            out,
            "    {}",
            crate::msg!(vi: "… còn {more} chỉ tiêu (`theodoi list targets`)", en: "… {more} more (`theodoi list targets`)")
        )?;
    }
    show(&mut out, &codes, width, tr("Nhiệm vụ đến hạn trong 30 ngày", "Tasks due within 30 days"), &mut due)?;
    show(&mut out, &codes, width, tr("Nhiệm vụ quá hạn", "Overdue tasks"), &mut overdue)?;
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
fn code(codes: &super::view::Codes, file: &str, kind: ItemKind, pos: &str) -> String {
    codes
        .get(&(file.to_string(), kind, pos.to_string()))
        .cloned()
        .unwrap_or_else(|| format!("{}:{pos}", short_doc(file)))
}

/// The file name without its extension, as ids are shown.
pub fn short_doc(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}

type TaskLine<'a> = (Option<chrono::NaiveDate>, &'a str, &'a theodoi_core::Task);

fn show(
    out: &mut impl Write,
    codes: &super::view::Codes,
    width: usize,
    title: &str,
    list: &mut [TaskLine],
) -> std::io::Result<()> {
    list.sort_by_key(|(d, f, _)| (*d, f.to_string()));
    writeln!(out, "\n{title}: {}", msg::num(list.len() as f64))?;
    for (d, f, k) in list.iter().take(SHOWN_TASKS) {
        let dl = d.map(|x| x.format("%d/%m/%Y").to_string()).unwrap_or_default();
        let head = format!("  {dl}  {}  ", code(codes, f, ItemKind::Task, &k.id));
        let lead = k.lead.as_deref().map(|l| cut(l, 30)).unwrap_or_else(|| "?".into());
        let tail = format!(" — {lead}");
        let room = width.saturating_sub(crate::layout::width(&head) + crate::layout::width(&tail)).max(20);
        writeln!(out, "{head}{}{tail}", cut(&k.what, room))?;
    }
    if list.len() > SHOWN_TASKS {
        let more = list.len() - SHOWN_TASKS;
        writeln!(
            out,
            "  {}",
            crate::msg!(vi: "… còn {more} nhiệm vụ (`theodoi list tasks`)", en: "… {more} more (`theodoi list tasks`)")
        )?;
    }
    Ok(())
}
