//! What the ledger commands share: the `--db` flag, the async runtime, dates.

use anyhow::Context;

/// The ledger to use: a SQLite file (default `theodoi.db`) or a `postgres://` URL.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArgs {
    #[arg(long, default_value = "theodoi.db", help = crate::msg::tr(
        "Cơ sở dữ liệu sổ theo dõi: đường dẫn tệp SQLite, hoặc postgres://user@host/db.",
        "Ledger database: a SQLite file path, or postgres://user@host/db."
    ))]
    pub db: String,
}

/// Run a future on a single-threaded runtime (the CLI does one thing at a time).
pub fn block_on<F: std::future::Future>(f: F) -> anyhow::Result<F::Output> {
    let rt =
        tokio::runtime::Builder::new_current_thread().enable_all().build().context("starting the async runtime")?;
    Ok(rt.block_on(f))
}

/// Open the ledger named by `--db`.
pub async fn open(db: &DbArgs) -> anyhow::Result<theodoi_store::Store> {
    Ok(theodoi_store::Store::open(&db.db).await?)
}

/// Today, or the `--today` the user gave (ISO or dd/mm/yyyy).
pub fn today(given: Option<&str>) -> anyhow::Result<chrono::NaiveDate> {
    match given {
        None => Ok(chrono::Local::now().date_naive()),
        Some(s) => date(s),
    }
}

/// A date as users type it: `2026-06-30`, `30/6/2026`.
pub fn date(s: &str) -> anyhow::Result<chrono::NaiveDate> {
    let iso = theodoi_text::parse_date(s).unwrap_or_else(|| s.trim().to_string());
    chrono::NaiveDate::parse_from_str(&iso, "%Y-%m-%d")
        .with_context(|| format!("date `{s}`: expected YYYY-MM-DD or DD/MM/YYYY"))
}

/// Progress stored by users plus progress read from later documents through links.
pub async fn all_progress(
    store: &theodoi_store::Store,
    docs: &[theodoi_core::LedgerDocument],
) -> anyhow::Result<(Vec<theodoi_core::ProgressUpdate>, Vec<theodoi_core::Link>)> {
    let links: Vec<theodoi_core::Link> = store.links().await?.into_iter().map(|l| l.link).collect();
    let mut progress = store.progress().await?;
    progress.extend(theodoi_check::progress_from_links(docs, &links));
    Ok((progress, links))
}
