/// What went wrong in the ledger.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database could not be opened.
    #[error("cannot open the ledger at {location}: {source}")]
    Open {
        /// Path or redacted URL.
        location: String,
        /// Driver error.
        source: sqlx::Error,
    },
    /// No ledger at this path (read commands do not create one).
    #[error("no ledger at {0}; `theodoi add` creates one")]
    NoLedger(String),
    /// The file is not a theodoi ledger (another file, a damaged one, a directory, a FIFO or device).
    #[error("{0}: not a theodoi ledger")]
    NotALedger(String),
    /// The item already has progress on that date: a correction must say so (`--replace`).
    #[error("{item} already has progress on {date}; give --replace to correct it")]
    AlreadyRecorded {
        /// The item's stable id.
        item: String,
        /// The date.
        date: String,
    },
    /// A query failed.
    #[error("ledger database error: {0}")]
    Db(#[from] sqlx::Error),
    /// Stored JSON could not be read back (a corrupted row).
    #[error("stored data is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Nothing matched.
    #[error("not found: {0}")]
    NotFound(String),
    /// Several items matched where one was expected.
    #[error("{0}")]
    Ambiguous(String),
    /// The caller gave a value the ledger cannot take.
    #[error("invalid input: {0}")]
    Invalid(String),
}
