//! What the ledger commands share: the `--db` flag, the async runtime, dates.

use anyhow::Context;

/// The ledger to use: a SQLite file or a `postgres://` URL — `--db`, else `THEODOI_DB`, else
/// `theodoi.db` in the user's data directory ([`default_ledger`]).
#[derive(clap::Args, Debug, Clone)]
pub struct DbArgs {
    #[arg(long, env = "THEODOI_DB", help = crate::msg::tr(
        "Sổ theo dõi: tệp SQLite hoặc postgres://user@host/db (mặc định: THEODOI_DB, hoặc \
         ~/.local/share/theodoi/theodoi.db).",
        "Ledger: a SQLite file or postgres://user@host/db (default: THEODOI_DB, else \
         ~/.local/share/theodoi/theodoi.db)."
    ))]
    pub db: Option<String>,
}

/// The per-user ledger: `$XDG_DATA_HOME/theodoi/theodoi.db` (`~/.local/share/theodoi/theodoi.db`),
/// so every command of one user finds the same ledger wherever the shell is.
pub fn default_ledger() -> anyhow::Result<std::path::PathBuf> {
    let dir = dirs::data_dir().ok_or_else(|| {
        anyhow::anyhow!(crate::msg!(
            vi: "không tìm thấy thư mục dữ liệu của người dùng (HOME chưa đặt); dùng --db TỆP hoặc THEODOI_DB",
            en: "no user data directory (HOME is not set); use --db FILE or THEODOI_DB"
        ))
    })?;
    Ok(dir.join("theodoi").join("theodoi.db"))
}

impl DbArgs {
    /// Where the ledger is, and whether it is the default one.
    pub fn location(&self) -> anyhow::Result<(String, bool)> {
        match self.db.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Ok((d.to_string(), false)),
            None => Ok((default_ledger()?.display().to_string(), true)),
        }
    }
}

/// Run a future on a single-threaded runtime (the CLI does one thing at a time).
pub fn block_on<F: std::future::Future>(f: F) -> anyhow::Result<F::Output> {
    let rt =
        tokio::runtime::Builder::new_current_thread().enable_all().build().context("starting the async runtime")?;
    Ok(rt.block_on(f))
}

/// Open (creating if needed) the ledger named by `--db`: for `add`. A new default ledger is
/// announced on stderr (unless `-q`), so the user learns where it is.
pub async fn open(db: &DbArgs) -> anyhow::Result<theodoi_store::Store> {
    let (loc, default) = db.location()?;
    let fresh = default && !std::path::Path::new(&loc).exists();
    if fresh {
        if let Some(dir) = std::path::Path::new(&loc).parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
        }
    }
    let store = theodoi_store::Store::open(&loc).await.map_err(open_error)?;
    if fresh && !crate::msg::quiet() {
        eprintln!(
            "{}",
            crate::msg!(
                vi: "theodoi: đã tạo sổ theo dõi mới tại {loc} (đổi bằng --db hoặc THEODOI_DB)",
                en: "theodoi: created a new ledger at {loc} (change it with --db or THEODOI_DB)"
            )
        );
    }
    Ok(store)
}

/// Open the existing ledger named by `--db`: read commands never create an empty one.
pub async fn open_existing(db: &DbArgs) -> anyhow::Result<theodoi_store::Store> {
    let (loc, _) = db.location()?;
    theodoi_store::Store::open_existing(&loc).await.map_err(open_error)
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
