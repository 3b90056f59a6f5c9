//! `theodoi show ITEM`: one target, result or task in full — attributes, status, history, and its
//! source lines with line numbers and the figure highlighted (in colour only on a terminal).

use std::io::{IsTerminal, Write};

use super::ledger::{block_on, open_existing, today, DbArgs};
use super::list::{figure, item_json};
use super::view::{category, items, stem, Item, What};
use crate::layout::{terminal_width, width, wrap};
use crate::msg::{self, tr};

/// Flags of `theodoi show`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(help = tr(
        "Mục cần xem: mã như trong `theodoi list` (vd. CT12, NV3), TỆP:VỊ TRÍ (nghi-quyet-dai-hoi:T3) hoặc một phần tên, có thể gõ không dấu.",
        "The item: its id as `theodoi list` prints it (e.g. CT12, NV3), FILE:POSITION (nghi-quyet-dai-hoi:T3) or a unique part of its name, diacritics optional."
    ))]
    pub item: String,
    #[arg(long, help = tr("In dưới dạng JSON.", "Print as JSON."))]
    pub json: bool,
    #[arg(long, help = tr(
        "Tính tình trạng đến ngày này thay cho hôm nay (dd/mm/yyyy hoặc yyyy-mm-dd).",
        "Compute the status as of this date instead of today (dd/mm/yyyy or yyyy-mm-dd)."
    ))]
    pub today: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    block_on(run_async(args))?
}

/// The one item `query` names: an id (`stem:T3`, any prefix of the file's name before the colon),
/// else the items whose folded name contains the folded query; several are listed as candidates.
pub fn resolve<'a, 'b>(all: &'b [Item<'a>], query: &str) -> anyhow::Result<&'b Item<'a>> {
    let q = query.trim();
    if let Some(one) = all.iter().find(|i| i.id.eq_ignore_ascii_case(q)) {
        return Ok(one);
    }
    if let Some((file, pos)) = q.rsplit_once(':') {
        let hits: Vec<&Item> =
            all.iter().filter(|i| i.doc.file.starts_with(file.trim()) && i.position() == pos.trim()).collect();
        if let [one] = hits.as_slice() {
            return Ok(one);
        }
    }
    let fq = theodoi_text::fold(q);
    if fq.is_empty() {
        anyhow::bail!(tr("cần mã hoặc một phần tên của mục", "give an item id or part of its name"));
    }
    let hits: Vec<&Item> = all.iter().filter(|i| theodoi_text::fold(i.name()).contains(&fq)).collect();
    match hits.as_slice() {
        [] => anyhow::bail!(crate::msg!(
            vi: "không có chỉ tiêu hay nhiệm vụ nào tên giống `{q}` (xem `theodoi list targets`, `theodoi list tasks`)",
            en: "no target or task named like `{q}` (see `theodoi list targets`, `theodoi list tasks`)"
        )),
        [one] => Ok(one),
        many => {
            let n = many.len();
            let w = many.iter().take(10).map(|i| width(&i.id)).max().unwrap_or(0);
            let list: Vec<String> = many
                .iter()
                .take(10)
                .map(|i| format!("  {}  {}", crate::layout::pad(&i.id, w), crate::layout::cut(i.name(), 70)))
                .collect();
            let more = if n > 10 { format!("\n  … {}", n - 10) } else { String::new() };
            anyhow::bail!(
                "{}\n{}{more}",
                crate::msg!(vi: "`{q}` khớp {n} mục; chọn một mã:", en: "`{q}` matches {n} items; pick one id:"),
                list.join("\n")
            )
        }
    }
}

async fn run_async(args: Args) -> anyhow::Result<()> {
    let store = open_existing(&args.db).await?;
    let today = today(args.today.as_deref())?;
    let docs = store.documents(None).await?;
    let (progress, _) = store.all_progress(&docs).await?;
    let codes = super::view::codes(&store).await?;
    let all = items(&docs, &progress, &codes);
    let item = resolve(&all, &args.item)?;
    let mut out = std::io::stdout().lock();
    // Lines restored from damaged OCR with a low confidence, per document of the evidence: to be
    // checked against the scan (the restorer's confidence is kept with the document's text).
    let mut doubtful: std::collections::BTreeMap<String, Vec<u32>> = std::collections::BTreeMap::new();
    for e in item.evidence() {
        let restored = docs.iter().any(|d| d.file == e.doc && d.restored);
        if !restored || doubtful.contains_key(&e.doc) {
            continue;
        }
        let lines = store.text(&e.doc).await?.map(|t| t.lines).unwrap_or_default();
        doubtful.insert(e.doc.clone(), lines.iter().filter(|l| l.is_doubtful()).map(|l| l.no).collect());
    }
    let is_doubtful = |doc: &str, no: u32| doubtful.get(doc).is_some_and(|v| v.binary_search(&no).is_ok());
    if args.json {
        let mut v = item_json(item, today);
        v["history"] = serde_json::to_value(&item.updates)?;
        v["evidence"] = serde_json::to_value(item.evidence())?;
        let marked: Vec<serde_json::Value> = item
            .evidence()
            .iter()
            .flat_map(|e| {
                (e.span.start..=e.span.end)
                    .filter(|&n| is_doubtful(&e.doc, n))
                    .map(|n| serde_json::json!({"doc": e.doc, "line": n}))
            })
            .collect();
        if !marked.is_empty() {
            v["low_confidence_lines"] = serde_json::Value::Array(marked);
        }
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    let cols = terminal_width();
    let colour = std::io::stdout().is_terminal() && console::colors_enabled();
    let mut rows: Vec<(&str, String)> = Vec::new();
    let kind = match item.what {
        What::Target(t) if t.kind == theodoi_core::TargetKind::Result => tr("Kết quả", "Result"),
        What::Target(t) if t.kind == theodoi_core::TargetKind::Reading => tr("Số liệu thực hiện", "Reading"),
        What::Target(_) => tr("Chỉ tiêu", "Target"),
        What::Task(_) => tr("Nhiệm vụ", "Task"),
    };
    writeln!(out, "{}  ·  {kind}  ·  {}:{}", item.id, stem(&item.doc.file), item.position())?;
    let dash = || "—".to_string();
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(dash);
    match item.what {
        What::Target(t) => {
            rows.push((tr("Tên", "Name"), t.name.clone()));
            rows.push((
                tr("Mục tiêu", "Goal"),
                t.target_text.clone().unwrap_or_else(|| figure(t.value, t.unit.as_deref())),
            ));
            rows.push((tr("So sánh", "Comparator"), super::view::comparator(t.comparator).to_string()));
            let mut value = figure(t.value, t.unit.as_deref());
            if let Some(hi) = t.value_max {
                value = format!("{value} – {}", figure(Some(hi), t.unit.as_deref()));
            }
            rows.push((tr("Giá trị", "Value"), if value.is_empty() { dash() } else { value }));
            if t.kind != theodoi_core::TargetKind::Target {
                let a = t.achieved_text.clone().unwrap_or_else(|| figure(t.achieved, t.unit.as_deref()));
                rows.push((tr("Đạt được", "Achieved"), if a.is_empty() { dash() } else { a }));
            }
            let freq = t.frequency.map(|f| match f {
                theodoi_core::Frequency::Annual => tr("hằng năm", "annual"),
                theodoi_core::Frequency::ByDeadline => tr("đến thời hạn", "by the deadline"),
                theodoi_core::Frequency::TermTotal => tr("cả nhiệm kỳ", "over the term"),
            });
            rows.push((tr("Tần suất", "Frequency"), freq.map(str::to_string).unwrap_or_else(dash)));
            rows.push((tr("Thời hạn", "Deadline"), t.deadline.as_deref().map(msg::date).unwrap_or_else(dash)));
            rows.push((tr("Nhiệm kỳ", "Term"), opt(&t.term)));
            rows.push((
                tr("Lĩnh vực", "Category"),
                t.category.as_deref().map(category).map(str::to_string).unwrap_or_else(dash),
            ));
            rows.push((tr("Mục", "Section"), opt(&t.section)));
            if let Some(u) = &t.unit_org {
                rows.push((tr("Đơn vị", "Unit"), u.clone()));
            }
        }
        What::Task(k) => {
            rows.push((tr("Nội dung", "Task"), k.what.clone()));
            rows.push((tr("Chủ trì", "Lead"), opt(&k.lead)));
            rows.push((tr("Phối hợp", "Partners"), if k.partners.is_empty() { dash() } else { k.partners.join("; ") }));
            rows.push((tr("Thời hạn", "Deadline"), k.deadline.as_deref().map(msg::date).unwrap_or_else(dash)));
            rows.push((tr("Thời hạn (nguyên văn)", "Deadline as written"), opt(&k.deadline_text)));
            rows.push((tr("Kết quả/sản phẩm", "Expected result"), opt(&k.product)));
            rows.push((tr("Mục", "Section"), opt(&k.section)));
        }
    }
    rows.push((
        tr("Văn bản", "Document"),
        format!("{} ({})", item.doc.file, item.doc.extraction.org.clone().unwrap_or_else(dash)),
    ));
    rows.push((tr("Tình trạng", "Status"), item.status(today).label().to_string()));
    let latest = figure(
        item.latest_value(),
        match item.what {
            What::Target(t) => t.unit.as_deref(),
            What::Task(_) => None,
        },
    );
    rows.push((tr("Giá trị mới nhất", "Latest value"), if latest.is_empty() { dash() } else { latest }));
    let label_w = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0) + 1;
    for (label, value) in &rows {
        let room = cols.saturating_sub(label_w + 3).max(20);
        for (n, line) in wrap(value, room).iter().enumerate() {
            let head = if n == 0 { format!("{label}:") } else { String::new() };
            writeln!(out, "  {}  {line}", crate::layout::pad(&head, label_w))?;
        }
    }
    writeln!(out, "\n{}", tr("Lịch sử:", "History:"))?;
    if item.updates.is_empty() {
        writeln!(out, "  {}", tr("(chưa ghi tiến độ)", "(no progress recorded)"))?;
    }
    for u in &item.updates {
        let v = match (u.value, u.done) {
            (Some(v), _) => msg::num(v),
            (None, true) => tr("hoàn thành", "done").to_string(),
            (None, false) => dash(),
        };
        let who = match (&u.user, &u.evidence) {
            (Some(user), _) => user.clone(),
            (None, Some(e)) => source_ref(&e.doc, e.span.start),
            (None, None) => dash(),
        };
        let note = u.note.as_deref().map(|n| format!("  {n}")).unwrap_or_default();
        writeln!(out, "  {}  {v}  ({who}){note}", msg::date(&u.date))?;
    }
    let changes: Vec<_> = store
        .changes(&item.doc.file)
        .await?
        .into_iter()
        .filter(|(_, c)| theodoi_text::fold(&c.item_name) == theodoi_text::fold(item.name()))
        .collect();
    for (version, c) in &changes {
        let before = c.before.as_deref().unwrap_or("—");
        let after = c.after.as_deref().unwrap_or("—");
        writeln!(
            out,
            "  {}",
            crate::msg!(vi: "phiên bản {version}: {} {before} → {after}", en: "version {version}: {} {before} → {after}", c.change)
        )?;
    }
    let figures: Vec<&str> = match item.what {
        What::Target(t) => [t.target_text.as_deref(), t.achieved_text.as_deref()].into_iter().flatten().collect(),
        What::Task(k) => k.deadline_text.as_deref().into_iter().collect(),
    };
    for e in item.evidence() {
        let lines = super::list::span(Some((e.span.start, e.span.end)));
        let what = crate::msg!(vi: "Nguồn: {}, dòng {lines}", en: "Source: {}, lines {lines}", e.doc);
        writeln!(out, "\n{what}")?;
        let num_w = e.span.end.to_string().len();
        let mut unsure = Vec::new();
        for (n, line) in e.text.split('\n').enumerate() {
            let no = e.span.start as usize + n;
            // A line the restorer was unsure of: "?" in place of the bar, and said so below.
            let bar = if is_doubtful(&e.doc, no as u32) {
                unsure.push(no.to_string());
                "?"
            } else {
                "│"
            };
            let hit = figures.iter().find_map(|f| line.find(f).map(|at| (at, f.len())));
            match (hit, colour) {
                (Some((at, len)), true) => {
                    let styled = console::style(&line[at..at + len]).bold().yellow().to_string();
                    writeln!(out, "  {no:>num_w$} {bar} {}{styled}{}", &line[..at], &line[at + len..])?;
                }
                (Some((at, len)), false) => {
                    writeln!(out, "  {no:>num_w$} {bar} {line}")?;
                    let lead = width(&line[..at]);
                    let mark = "^".repeat(width(&line[at..at + len]).max(1));
                    writeln!(out, "  {:>num_w$} │ {}{mark}", "", " ".repeat(lead))?;
                }
                (None, _) => writeln!(out, "  {no:>num_w$} {bar} {line}")?,
            }
        }
        if !unsure.is_empty() {
            let list = unsure.join(", ");
            let note = crate::msg!(
                vi: "(?) dòng {list}: khôi phục từ bản quét OCR với độ tin cậy thấp — cần đối chiếu bản quét",
                en: "(?) line(s) {list}: restored from damaged OCR with low confidence — check against the scan"
            );
            writeln!(out, "  {note}")?;
        }
    }
    Ok(())
}

fn source_ref(doc: &str, line: u32) -> String {
    format!("{}:{line}", stem(doc))
}
