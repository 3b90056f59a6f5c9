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

/// Open (creating if needed) the ledger named by `--db`: for `add`.
pub async fn open(db: &DbArgs) -> anyhow::Result<theodoi_store::Store> {
    theodoi_store::Store::open(&db.db).await.map_err(open_error)
}

/// Open the existing ledger named by `--db`: read commands never create an empty one.
pub async fn open_existing(db: &DbArgs) -> anyhow::Result<theodoi_store::Store> {
    theodoi_store::Store::open_existing(&db.db).await.map_err(open_error)
}

/// The ledger-file errors, one line in the language in force.
fn open_error(e: theodoi_store::StoreError) -> anyhow::Error {
    use theodoi_store::StoreError as E;
    match e {
        E::NoLedger(p) => anyhow::anyhow!(crate::msg!(
            vi: "không có sổ theo dõi tại {p} (`theodoi add` tạo sổ)",
            en: "no ledger at {p}; `theodoi add` creates one"
        )),
        E::NotALedger(p) => anyhow::anyhow!(crate::msg!(
            vi: "{p}: không phải sổ theo dõi theodoi (tệp khác, tệp hỏng, thư mục hay FIFO)",
            en: "{p}: not a theodoi ledger (another file, a damaged one, a directory or a FIFO)"
        )),
        other => other.into(),
    }
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
