use serde::{Deserialize, Serialize};

/// An inclusive span of 1-based line numbers of a file as ingested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LineSpan {
    /// First line, 1-based.
    pub start: u32,
    /// Last line, inclusive.
    pub end: u32,
}

impl LineSpan {
    /// A span; `end` is raised to `start` if given smaller.
    pub fn new(start: u32, end: u32) -> Self {
        LineSpan { start, end: end.max(start) }
    }
    /// A one-line span.
    pub fn line(n: u32) -> Self {
        LineSpan { start: n, end: n }
    }
    /// The smallest span covering both.
    pub fn join(self, other: LineSpan) -> Self {
        LineSpan { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
    /// Whether `n` lies in the span.
    pub fn contains(&self, n: u32) -> bool {
        self.start <= n && n <= self.end
    }
}

/// Where an item was read (bằng chứng): document, line span and the verbatim text.
///
/// Invariant: `text` is exactly what the document has at `span` (lines joined
/// with `\n`), or a contiguous substring of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// The document id ([`crate::Document::id`]).
    pub doc: String,
    /// Lines of the source file.
    pub span: LineSpan,
    /// Verbatim text found there.
    pub text: String,
}
