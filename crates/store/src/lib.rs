//! Store: the ledger (sổ theo dõi) of documents, items, progress, links, findings and the audit log.
//!
//! One [`Store`] API over two databases: an embedded **SQLite** file (the default,
//! `theodoi.db`) and **PostgreSQL** (`postgres://…`) for a city-wide, multi-user deployment.
//!
//! Why sqlx with its `Any` driver: one set of runtime queries (`$1` placeholders work on
//! both SQLite and PostgreSQL) serves both databases, so the two backends cannot drift apart;
//! only the DDL differs, kept in `migrations/sqlite` and `migrations/postgres`. No `query!`
//! macros, so building needs no database. sqlx 0.8 bundles SQLite (`libsqlite3-sys` 0.30):
//! do not add `rusqlite` ≥ 0.33 to the workspace (see STACK.md).
//!
//! Guarantees:
//! - every value is bound as a parameter, never spliced into SQL;
//! - text is stored NFC;
//! - [`Store::add`] is one transaction per document: the ledger holds a document wholly or not at all;
//!   re-adding the same bytes is a no-op; changed bytes become a new version with a diff of its items;
//! - the audit log is append-only, enforced by triggers in both databases.
//!
//! ```no_run
//! # async fn demo() -> Result<(), theodoi_store::StoreError> {
//! let store = theodoi_store::Store::open("theodoi.db").await?;
//! let docs = store.documents(None).await?;
//! println!("{} documents", docs.len());
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod checking;
mod diff;
mod error;
mod export;
pub mod identity;
mod import;
mod intake;
mod items;
mod ledger;
mod orgs;
mod parts;
mod schema;
mod status;
mod summary;
mod web;

pub use checking::CheckRun;
pub use diff::{diff_extractions, ItemChange};
pub use error::StoreError;
pub use export::{DumpTable, LedgerDump, LoadOutcome};
pub use import::{AddOutcome, Import};
pub use items::{item_code, parse_item_code};
pub use ledger::{finding_code, AuditEntry, Organisation, Recorded, StoredFinding, StoredItem, StoredLink};
pub use orgs::{resolve as resolve_unit, unmatched_reason, CityUnit, OrgDecision, UnmatchedOrganisation};
pub use parts::DocumentStamp;
pub use status::{ShownTarget, ShownTask, StatusReport, DUE_DAYS};
pub use web::{text_lines, DocumentOrg, ProgressEntry, Role, StoredSession, TextLine, User, VersionText};

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

/// Which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// The ledger: a connection pool and the backend it talks to.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    location: String,
    /// Opened for reading only (a write-protected SQLite file): nothing is written, not even the
    /// checkpoint on close.
    read_only: bool,
    /// A SQLite ledger's file, for the last connection of [`Store::close`].
    sqlite_path: Option<String>,
}

/// The URL of a SQLite ledger's file: written to (created if needed), or read only and
/// unchanging (a write-protected ledger).
fn sqlite_url(path: &str, read_only: bool) -> String {
    let mode = if read_only { "mode=ro&immutable=1" } else { "mode=rwc" };
    format!("sqlite://{path}?{mode}")
}

impl Store {
    /// Open (creating if needed) the ledger at `location` — a file path for SQLite, or a
    /// `postgres://` / `postgresql://` URL — and bring its schema up to date.
    pub async fn open(location: &str) -> Result<Store, StoreError> {
        Self::open_with(location, 4).await
    }

    /// Like [`Store::open`] with a chosen pool size (tests use several connections).
    pub async fn open_with(location: &str, max_connections: u32) -> Result<Store, StoreError> {
        Self::open_inner(location, max_connections, true).await
    }

    /// Open an existing ledger (read commands): a SQLite path where no file is refused instead of
    /// creating an empty ledger there, as is anything that is not a regular file.
    pub async fn open_existing(location: &str) -> Result<Store, StoreError> {
        Self::open_inner(location, 4, false).await
    }

    async fn open_inner(location: &str, max_connections: u32, create: bool) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let mut read_only = false;
        let mut sqlite_path = None;
        let (backend, url) = if location.starts_with("postgres://") || location.starts_with("postgresql://") {
            (Backend::Postgres, location.to_string())
        } else {
            let path = location.strip_prefix("sqlite://").unwrap_or(location);
            if path.is_empty() {
                return Err(StoreError::Invalid("empty database path; expected a file path or postgres:// URL".into()));
            }
            match std::fs::metadata(path) {
                Ok(m) if !m.is_file() => return Err(StoreError::NotALedger(path.to_string())),
                // A write-protected ledger (a copy on a read-only share, a file made read-only) is
                // opened for reading only, unchanging — decided by its permission bits, not by
                // whether this user could write anyway (root can), so it behaves alike for everyone.
                Ok(m) if !create && m.permissions().readonly() => read_only = true,
                Err(_) if !create => return Err(StoreError::NoLedger(path.to_string())),
                _ => {}
            }
            sqlite_path = Some(path.to_string());
            (Backend::Sqlite, sqlite_url(path, read_only))
        };
        let shown = redact(location);
        if backend == Backend::Sqlite {
            // One direct connection first: a file that is not a ledger is refused at once, with one
            // line, instead of the pool retrying it until its time-out.
            use sqlx::Connection;
            let not_ledger = || StoreError::NotALedger(shown.clone());
            let mut conn = sqlx::AnyConnection::connect(&url).await.map_err(|_| not_ledger())?;
            let tables: Vec<String> = sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table'")
                .fetch_all(&mut conn)
                .await
                .map_err(|_| not_ledger())?
                .iter()
                .filter_map(|r| r.try_get::<String, _>("name").ok())
                .collect();
            let _ = conn.close().await;
            if !tables.is_empty() && !tables.iter().any(|t| t == "schema_migrations") {
                return Err(not_ledger());
            }
        }
        if backend == Backend::Postgres {
            // One direct connection first: the pool would only report "timed out", hiding
            // "connection refused" or "password authentication failed".
            use sqlx::Connection;
            let conn = sqlx::AnyConnection::connect(&url)
                .await
                .map_err(|e| StoreError::Open { location: shown.clone(), source: e })?;
            conn.close().await.map_err(|e| StoreError::Open { location: shown.clone(), source: e })?;
        }
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(std::time::Duration::from_secs(30))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite && !read_only {
                        // WAL lets readers run beside the writer; the busy timeout makes concurrent
                        // writers wait instead of failing; foreign keys are off by default in SQLite.
                        use sqlx::Executor;
                        conn.execute("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|e| StoreError::Open { location: shown.clone(), source: e })?;
        let store = Store { pool, backend, location: shown, read_only, sqlite_path };
        schema::migrate(&store).await?;
        Ok(store)
    }

    /// Whether the ledger was opened for reading only (a write-protected SQLite file, by
    /// [`Store::open_existing`]): reads work, writes fail.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Where the ledger lives (a path, or a URL without its password).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The underlying pool, for integrity checks in tests and tools.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Close every connection (waits for them to be returned). On SQLite the write-ahead log is
    /// checkpointed into the database file first, so the `.db` file alone holds everything.
    pub async fn close(&self) {
        if self.backend == Backend::Sqlite && !self.read_only {
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await;
        }
        self.pool.close().await;
        if let (Some(path), false) = (&self.sqlite_path, self.read_only) {
            // The pool's connections close side by side, each on its own thread, and SQLite
            // removes the -wal and -shm files only when the connection closing finds no other
            // open: closed together, each can see another and leave them (seen under load; the
            // log is empty by then, so nothing is lost, but a clerk copying the ledger sees three
            // files). One connection opened alone afterwards checkpoints and, closing last,
            // removes them; tried a few times while the pool's threads finish.
            use sqlx::Connection;
            let (url, wal) = (sqlite_url(path, false), format!("{path}-wal"));
            for _ in 0..10 {
                if !std::path::Path::new(&wal).exists() {
                    break;
                }
                if let Ok(mut conn) = sqlx::AnyConnection::connect(&url).await {
                    let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut conn).await;
                    let _ = conn.close().await;
                }
                if !std::path::Path::new(&wal).exists() {
                    break;
                }
                // another program (a web server) may hold the ledger open: then the files stay
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
        }
    }

    /// Refresh PostgreSQL's planner statistics (`ANALYZE`), as autovacuum does within a minute of
    /// a large load — for a bulk load (benchmarks) measured or queried at once. SQLite: nothing
    /// (its ledgers are never analysed; their plans come from the indexes alone).
    pub async fn analyze(&self) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres {
            sqlx::query("ANALYZE").execute(&self.pool).await?;
        }
        Ok(())
    }

    /// Write a consistent copy of the whole ledger to `path` (SQLite `VACUUM INTO`: a single,
    /// compact file, taken while others may be writing). PostgreSQL ledgers are backed up with `pg_dump`.
    pub async fn backup(&self, path: &str) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres {
            return Err(StoreError::Invalid(format!(
                "a PostgreSQL ledger is backed up with pg_dump: `pg_dump --format=custom --file={path} '{}'`",
                self.location
            )));
        }
        if std::path::Path::new(path).exists() {
            return Err(StoreError::Invalid(format!("{path} already exists; choose a new file")));
        }
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.pool).await?;
        Ok(())
    }
}

/// Create database `name` on the PostgreSQL server at `server_url` (tests, benchmarks and first
/// set-up) and return the URL that opens it: `server_url` with its database replaced by `name`,
/// its query (`?sslmode=…`) kept.
///
/// Identifiers cannot be bound as parameters, so `name` is restricted to `[a-z0-9_]` and checked.
pub async fn create_postgres_database(server_url: &str, name: &str) -> Result<String, StoreError> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Err(StoreError::Invalid(format!("database name `{name}`: expected only a-z, 0-9 and _")));
    }
    sqlx::any::install_default_drivers();
    use sqlx::Connection;
    let mut conn = sqlx::AnyConnection::connect(server_url)
        .await
        .map_err(|e| StoreError::Open { location: redact(server_url), source: e })?;
    let sql = format!("CREATE DATABASE {name}");
    sqlx::raw_sql(&sql).execute(&mut conn).await?;
    conn.close().await?;
    Ok(with_database(server_url, name))
}

/// `postgres://u@h:p/db?x` with `db` replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let after_scheme = head.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match head[after_scheme..].find('/') {
        Some(i) => &head[..after_scheme + i],
        None => head,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod url_tests {
    #[test]
    fn the_database_of_a_url_is_replaced_and_its_query_kept() {
        for (url, want) in [
            ("postgres://u@h:5432/theodoi", "postgres://u@h:5432/t1"),
            ("postgres://u@h:5432/theodoi?sslmode=disable", "postgres://u@h:5432/t1?sslmode=disable"),
            ("postgres://u@h", "postgres://u@h/t1"),
            ("postgres:///x?host=/run/pg", "postgres:///t1?host=/run/pg"),
        ] {
            assert_eq!(super::with_database(url, "t1"), want, "{url}");
        }
    }
}

/// Strip the password from a PostgreSQL URL before it is shown in messages.
fn redact(location: &str) -> String {
    match (location.find("://"), location.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &location[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &location[..s + 3], &creds[..c], &location[at..]),
                None => location.to_string(),
            }
        }
        _ => location.to_string(),
    }
}

/// Now, UTC, RFC 3339 — timestamps are stored as text so both databases agree.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// NFC for every text that enters the ledger. Most text already is (the quick check says so
/// without composing), and recording a check's findings or a document's items passes every
/// message and span through here.
fn nfc(s: &str) -> String {
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_string(),
        _ => theodoi_text::nfc(s),
    }
}

/// `sql` for `backend`: on SQLite, parameters `$1, $2, …` written in order, each once, become
/// anonymous `?` (bound in the same order). Why: SQLite takes `$N` for a *name*, and names are
/// kept in a list it scans at each one — when the statement is prepared and again when sqlx
/// binds each value (`sqlite3_bind_parameter_name`) — so a batched statement of a few thousand
/// `$N` costs time quadratic in them: recording 26k new findings 400 at a time (2,800 values a
/// statement) spent most of its 9 s there. Other SQL (PostgreSQL's, parameters out of order or
/// repeated, a `?` already there) is returned as it is.
pub(crate) fn positional(backend: Backend, sql: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if backend != Backend::Sqlite || !sql.contains('$') {
        return Cow::Borrowed(sql);
    }
    let b = sql.as_bytes();
    let mut out = String::with_capacity(sql.len());
    let (mut i, mut copied, mut next) = (0, 0, 1u64);
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                i += 1;
            }
            None if c == b'\'' || c == b'"' => {
                quote = Some(c);
                i += 1;
            }
            None if c == b'?' => return Cow::Borrowed(sql),
            None if c == b'$' => {
                let start = i + 1;
                let mut end = start;
                while end < b.len() && b[end].is_ascii_digit() {
                    end += 1;
                }
                if end == start || sql[start..end].parse::<u64>().ok() != Some(next) {
                    return Cow::Borrowed(sql);
                }
                out.push_str(&sql[copied..i]);
                out.push('?');
                copied = end;
                next += 1;
                i = end;
            }
            None => i += 1,
        }
    }
    out.push_str(&sql[copied..]);
    Cow::Owned(out)
}

/// The backend a connection talks to.
pub(crate) fn backend_of(conn: &sqlx::AnyConnection) -> Backend {
    if conn.backend_name() == <sqlx::Sqlite as sqlx::Database>::NAME {
        Backend::Sqlite
    } else {
        Backend::Postgres
    }
}

fn nfc_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(nfc)
}

fn get_i64(row: &AnyRow, col: &str) -> Result<i64, StoreError> {
    Ok(row.try_get::<i64, _>(col)?)
}

fn get_str(row: &AnyRow, col: &str) -> Result<String, StoreError> {
    Ok(row.try_get::<String, _>(col)?)
}

fn get_opt_str(row: &AnyRow, col: &str) -> Result<Option<String>, StoreError> {
    Ok(row.try_get::<Option<String>, _>(col)?)
}

#[cfg(test)]
mod tests {
    use super::{positional, redact, Backend};

    #[test]
    fn sqlite_parameters_in_order_become_anonymous() {
        let sql = "INSERT INTO t (a, b) VALUES ($1, $2), ($3, 'x$4?'), ($4, $5)";
        assert_eq!(positional(Backend::Sqlite, sql), "INSERT INTO t (a, b) VALUES (?, ?), (?, 'x$4?'), (?, ?)");
        assert_eq!(positional(Backend::Postgres, sql), sql);
        // Out of order, repeated, or already anonymous: left as written.
        for sql in ["SELECT $2, $1", "SELECT $1, $1", "SELECT $1, ?", "SELECT $1 || $x"] {
            assert_eq!(positional(Backend::Sqlite, sql), sql);
        }
    }

    #[test]
    fn password_is_hidden() {
        assert_eq!(redact("postgres://u:secret@localhost:5432/db"), "postgres://u:***@localhost:5432/db");
        assert_eq!(redact("theodoi.db"), "theodoi.db");
    }
}
