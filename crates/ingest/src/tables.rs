//! Tables rebuilt from flattened text.

use crate::layout::Lines;
use theodoi_core::Table;

/// Find tables in the lines (lines already owned by footnotes are skipped).
pub(crate) fn find(_lines: &Lines<'_>, _footnote: &[Option<usize>]) -> Vec<Table> {
    Vec::new()
}
