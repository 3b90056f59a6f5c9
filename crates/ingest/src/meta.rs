//! Header, title, closing blocks; document type, organisation, parts.

use crate::layout::Lines;
use theodoi_core::Document;

/// Fill `doc.meta` and `doc.parts`, and mark header/title/closing blocks.
pub(crate) fn analyse(doc: &mut Document, _lines: &Lines<'_>) {
    if doc.parts.is_empty() {
        let end = u32::try_from(doc.lines.len().max(1)).unwrap_or(u32::MAX);
        doc.parts.push(theodoi_core::Part { title: String::new(), span: theodoi_core::LineSpan::new(1, end), doc_type: Default::default() });
    }
}
