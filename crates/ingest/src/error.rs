//! The one error type of the ingest stage.

use std::path::PathBuf;

/// Why a file could not be read. Every variant names the file and says what
/// was expected, so the CLI can print it as is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The path does not exist.
    #[error("{path}: no such file")]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// The OS refused to read the file.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path as given.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Zero bytes, or nothing but whitespace.
    #[error("{file}: the file is empty (expected a document: text, DOCX, PDF or image)")]
    Empty {
        /// File name.
        file: String,
    },
    /// Larger than the configured limit; checked before reading so memory stays bounded.
    #[error("{file}: {size} bytes is larger than the {limit}-byte limit (split the file or raise the limit)")]
    TooLarge {
        /// File name.
        file: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not a format this reader knows (binary junk, archive that is not DOCX, …).
    #[error("{file}: not a readable document: {detail} (expected UTF-8/UTF-16/Windows-1258/TCVN3/VNI text, DOCX, PDF, PNG, JPEG or TIFF)")]
    Unrecognised {
        /// File name.
        file: String,
        /// What was found.
        detail: String,
    },
    /// Text that holds no Vietnamese (a program, a shell script, prose in another language): a
    /// document of the ledger is Vietnamese, and restoring such text as damaged OCR would make
    /// Vietnamese words up.
    #[error("{file}: not Vietnamese text (only {share_percent}% of its words read as Vietnamese syllables, even without marks); expected a Vietnamese document: text, DOCX, PDF or a scan")]
    NotVietnamese {
        /// File name.
        file: String,
        /// Share of its words (per cent) that read as Vietnamese.
        share_percent: u32,
    },
    /// Text whose bytes fit no supported encoding.
    #[error("{file}:{line}: {detail}")]
    Encoding {
        /// File name.
        file: String,
        /// 1-based line of the first bad byte.
        line: u32,
        /// What is wrong.
        detail: String,
    },
    /// A DOCX that is truncated or malformed.
    #[error("{file}: damaged DOCX: {detail}")]
    Docx {
        /// File name.
        file: String,
        /// What is wrong.
        detail: String,
    },
    /// A PDF that is truncated, encrypted or malformed.
    #[error("{file}: damaged or unreadable PDF: {detail}")]
    Pdf {
        /// File name.
        file: String,
        /// What is wrong.
        detail: String,
    },
    /// An image (or scanned page) that could not be OCR'd or holds no text.
    #[error("{file}{}: {detail}", page.map(|p| format!(" page {p}")).unwrap_or_default())]
    Ocr {
        /// File name.
        file: String,
        /// 1-based page, for scanned PDFs.
        page: Option<u32>,
        /// What is wrong.
        detail: String,
    },
    /// An external program the reader needs is missing or failed to start.
    #[error("{file}: needs `{tool}`: {detail} (install it with scripts/setup.sh)")]
    Tool {
        /// File name.
        file: String,
        /// The program.
        tool: String,
        /// What happened.
        detail: String,
    },
}

/// Result of the ingest stage.
pub type Result<T> = std::result::Result<T, Error>;
