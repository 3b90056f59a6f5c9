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
