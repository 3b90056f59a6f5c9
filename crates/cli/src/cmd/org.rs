//! `theodoi org list [--unmatched]`, `theodoi org map NAME --unit CODE`, `theodoi org review NAME`:
//! the organisations documents name that are not on the official list of administrative units, and
//! a clerk's decision on each — mapped to a unit, or reviewed and kept as written (audited; kept for
//! every document that writes the name, added later or re-added).

use std::io::Write;

use super::ledger::{block_on, open_existing, DbArgs};
use crate::layout::{cut, terminal_width};
use crate::msg::{self, counted, tr};

/// Flags of `theodoi org`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do.
#[derive(clap::Subcommand, Debug)]
pub enum Action {
    #[command(about = tr(
        "Liệt kê tổ chức không có trong danh mục đơn vị hành chính 2025 và các quyết định đã ghi.",
        "List the organisations not on the 2025 list of administrative units and the decisions recorded."
    ))]
    List {
        #[arg(long, help = tr(
            "Chỉ các tên chưa khớp danh mục và chưa ai xem xét.",
            "Only the names not on the list that nobody has decided about."
        ))]
        unmatched: bool,
        #[arg(long, help = tr("In JSON.", "Print JSON."))]
        json: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    #[command(about = tr(
        "Ánh xạ một tên tổ chức (như văn bản ghi) tới một đơn vị trong danh mục: `org map \"TÊN\" --unit MÃ`.",
        "Map an organisation name (as the documents write it) to a unit of the list: `org map \"NAME\" --unit CODE`."
    ))]
    Map {
        #[arg(help = tr("Tên tổ chức như văn bản ghi.", "The organisation's name as the documents write it."))]
        name: String,
        #[arg(long, help = tr(
            "Mã đơn vị trong danh mục 2025 (\"11506\"), hoặc tên chỉ khớp một đơn vị.",
            "The unit's code on the 2025 list (\"11506\"), or a name that finds exactly one unit."
        ))]
        unit: String,
        #[arg(long, help = tr("Ghi chú (ghi vào nhật ký).", "A note (recorded in the audit log)."))]
        note: Option<String>,
        #[arg(long, default_value = "cli", help = tr("Người quyết định (ghi vào nhật ký).", "Who decides (recorded in the audit log)."))]
        user: String,
        #[command(flatten)]
        db: DbArgs,
    },
    #[command(about = tr(
        "Đánh dấu đã xem xét một tên tổ chức: giữ nguyên như văn bản ghi, không hỏi lại.",
        "Mark an organisation name reviewed: kept as the documents write it, not asked about again."
    ))]
    Review {
        #[arg(help = tr("Tên tổ chức như văn bản ghi.", "The organisation's name as the documents write it."))]
        name: String,
        #[arg(long, help = tr("Ghi chú (ghi vào nhật ký).", "A note (recorded in the audit log)."))]
        note: Option<String>,
        #[arg(long, default_value = "cli", help = tr("Người quyết định (ghi vào nhật ký).", "Who decides (recorded in the audit log)."))]
        user: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    block_on(async move {
        match args.action {
            Action::List { unmatched, json, db } => {
                let store = open_existing(&db).await?;
                let r = list(&store, unmatched, json).await;
                store.close().await;
                r
            }
            Action::Map { name, unit, note, user, db } => {
                let Some(u) = theodoi_units::by_code(unit.trim()).or_else(|| theodoi_units::lookup(&unit).unit())
                else {
                    anyhow::bail!(crate::msg!(
                        vi: "\"{unit}\": không có đơn vị nào trong danh mục 2025 có mã hoặc tên này (`theodoi list units --org TỈNH` liệt kê mã)",
                        en: "\"{unit}\": no unit of the 2025 list has this code or name (`theodoi list units --org PROVINCE` lists the codes)"
                    ));
                };
                decide(&db, &name, Some(u.code), note.as_deref(), &user).await
            }
            Action::Review { name, note, user, db } => decide(&db, &name, None, note.as_deref(), &user).await,
        }
    })?
}

async fn decide(db: &DbArgs, name: &str, unit: Option<&str>, note: Option<&str>, user: &str) -> anyhow::Result<()> {
    let store = open_existing(db).await?;
    let r = store.decide_organisation(name, unit, user, note).await;
    store.close().await;
    let d = match r {
        Ok(d) => d,
        Err(theodoi_store::StoreError::NotFound(_)) => anyhow::bail!(crate::msg!(
            vi: "không có văn bản nào ghi tổ chức \"{name}\" (`theodoi org list` liệt kê các tên)",
            en: "no document names the organisation \"{name}\" (`theodoi org list` lists the names)"
        )),
        Err(theodoi_store::StoreError::Invalid(e)) if unit.is_none() => anyhow::bail!(crate::msg!(
            vi: "\"{name}\" đã có trong danh mục đơn vị hành chính 2025, không cần xem xét ({e})",
            en: "\"{name}\" is on the 2025 list of administrative units; nothing to review ({e})"
        )),
        Err(e) => return Err(e.into()),
    };
    if msg::quiet() {
        return Ok(());
    }
    let docs = counted(d.documents, "văn bản", "document", "documents");
    let n = &d.name;
    let line = match (&d.unit_code, &d.unit_name) {
        (Some(code), Some(unit)) => crate::msg!(
            vi: "đã ánh xạ \"{n}\" → {unit} ({code}); {docs} ghi tên này nay thuộc đơn vị đó",
            en: "mapped \"{n}\" → {unit} ({code}); {docs} writing this name now belong to it"
        ),
        _ => crate::msg!(
            vi: "đã xem xét \"{n}\": giữ nguyên tên như văn bản ghi ({docs}); không còn trong danh sách cần kiểm tra",
            en: "reviewed \"{n}\": kept as written ({docs}); no longer listed for review"
        ),
    };
    writeln!(std::io::stdout().lock(), "{line}")?;
    Ok(())
}

async fn list(store: &theodoi_store::Store, unmatched_only: bool, json: bool) -> anyhow::Result<()> {
    let unmatched = store.unmatched_organisations().await?;
    let decisions = if unmatched_only { Vec::new() } else { store.org_decisions().await? };
    let mut out = std::io::stdout().lock();
    if json {
        let v = if unmatched_only {
            serde_json::to_value(&unmatched)?
        } else {
            serde_json::json!({ "unmatched": unmatched, "decisions": decisions })
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    let width = terminal_width();
    if unmatched.is_empty() {
        writeln!(
            out,
            "{}",
            tr(
                "Không có tổ chức nào cần kiểm tra: mọi tên đã khớp danh mục 2025 hoặc đã được xem xét.",
                "No organisation to review: every name is on the 2025 list or has been decided about."
            )
        )?;
    } else {
        super::status::unmatched(&mut out, store, None, width).await?;
        writeln!(
            out,
            "  {}",
            tr(
                "→ `theodoi org map \"TÊN\" --unit MÃ` (ánh xạ tới đơn vị) hoặc `theodoi org review \"TÊN\"` (giữ nguyên tên)",
                "→ `theodoi org map \"NAME\" --unit CODE` (map to a unit) or `theodoi org review \"NAME\"` (keep as written)"
            )
        )?;
    }
    if unmatched_only || decisions.is_empty() {
        return Ok(());
    }
    let n = msg::num(decisions.len() as f64);
    writeln!(out, "\n{}", crate::msg!(vi: "Quyết định đã ghi: {n}", en: "Decisions recorded: {n}"))?;
    for d in &decisions {
        let what = match (&d.unit_code, &d.unit_name) {
            (Some(code), Some(unit)) => format!("→ {unit} ({code})"),
            _ => tr("giữ nguyên tên (đã xem xét)", "kept as written (reviewed)").to_string(),
        };
        let docs = counted(d.documents, "văn bản", "document", "documents");
        let when = d.decided_at.get(..10).map(msg::date).unwrap_or_default();
        let head = format!("  {} {what} — {docs}; {}, {when}", d.name, d.decided_by);
        writeln!(out, "{}", cut(&head, width.max(40)))?;
        if let Some(note) = &d.note {
            writeln!(out, "      {}", cut(note, width.saturating_sub(6).max(40)))?;
        }
    }
    Ok(())
}
