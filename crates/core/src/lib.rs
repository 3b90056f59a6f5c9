//! The domain values that flow through the theodoi pipeline.
//!
//! ```text
//! ingest → Document → restore → Document → extract → Extraction → store/check → Finding
//! ```
//! Every extracted item carries [`Evidence`]: the document id, the 1-based line
//! span of the file as ingested, and the verbatim text at those lines.
//! All types are serde-serialisable; `theodoi ingest --json` prints a
//! [`Document`] and `theodoi extract --format json` an [`Extraction`].
#![deny(missing_docs)]

mod document;
mod evidence;
mod items;
mod ledger;

pub use document::{
    is_doubtful, Block, BlockKind, Cell, Diagnostic, DocType, Document, DocumentMeta, Footnote, FootnoteRef, Heading,
    Line, Page, Part, Row, Severity, Source, SourceFormat, Table, LOW_CONFIDENCE,
};
pub use evidence::{Evidence, LineSpan};
pub use items::{
    Citation, Comparator, DeclaredCount, Extraction, Fact, Finding, Frequency, Target, TargetKind, Task, Verdict,
};
pub use ledger::{
    ItemKind, ItemRef, LedgerDocument, Link, LinkRelation, LinkState, ProgressUpdate, TargetStatus, TaskStatus,
};
