//! `theodoi search QUERY`: every line of every document that matches, diacritics optional.

use std::io::Write;

use super::ledger::{block_on, open_existing, DbArgs};
use crate::msg::tr;

/// Flags of `theodoi search`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(required_unless_present = "reindex", help = tr(
        "Từ cần tìm, có dấu hoặc không (\"dang bo phuong\", \"nghi quyet 57\").",
        "Words to find, with or without diacritics (\"dang bo phuong\", \"nghi quyet 57\")."
    ))]
    pub query: Option<String>,
    #[arg(long, default_value_t = 20, help = tr("Số dòng tối đa.", "Most lines shown."))]
    pub limit: usize,
    #[arg(long, help = tr("In mảng JSON.", "Print a JSON array."))]
    pub json: bool,
    #[arg(long, help = tr(
        "Dựng lại chỉ mục tìm kiếm từ sổ theo dõi (chỉ mục tự cập nhật khi sổ đổi; lệnh này dựng lại từ đầu).",
        "Rebuild the search index from the ledger (it follows the ledger by itself; this rebuilds it from scratch)."
    ))]
    pub reindex: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    block_on(async move {
        let store = open_existing(&args.db).await?;
        let result = search(&store, &args).await;
        store.close().await;
        result
    })?
}

async fn search(store: &theodoi_store::Store, args: &Args) -> anyhow::Result<()> {
    let cache = dirs::cache_dir().unwrap_or_else(std::env::temp_dir);
    let dir = theodoi_search::default_dir(&args.db.location()?.0, &cache);
    let index = theodoi_search::SearchIndex::open(&dir)?;
    if args.reindex {
        index.clear()?;
    }
    let n = theodoi_search::sync(&index, store).await?;
    let mut out = std::io::stdout().lock();
    if args.reindex && !crate::msg::quiet() {
        let d = dir.display();
        eprintln!(
            "{}",
            crate::msg!(vi: "đã dựng lại chỉ mục {d}: {n} văn bản", en: "rebuilt the index {d}: {n} documents")
        );
    }
    let Some(query) = args.query.as_deref() else {
        return Ok(());
    };
    let hits = index.search(query, args.limit)?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?;
        return Ok(());
    }
    if hits.is_empty() {
        let missing = store.current_versions().await?.len().saturating_sub(store.texts().await?.len());
        writeln!(out, "{}", crate::msg!(vi: "không tìm thấy \"{query}\"", en: "no match for \"{query}\""))?;
        if missing > 0 {
            writeln!(
                out,
                "{}",
                crate::msg!(
                    vi: "({missing} văn bản chưa có toàn văn trong sổ: `theodoi add` lại tệp của chúng để tìm được)",
                    en: "({missing} documents have no text in the ledger: `theodoi add` their files again to search them)"
                )
            )?;
        }
        return Ok(());
    }
    let color = console::colors_enabled();
    for h in &hits {
        let text: String = h
            .snippet
            .iter()
            .map(|f| if f.mark && color { console::style(&f.text).bold().yellow().to_string() } else { f.text.clone() })
            .collect();
        writeln!(out, "{}:{}  {}", h.doc, h.line, text)?;
    }
    Ok(())
}
