//! Stable item identity: a target or task keeps one ledger id (`CT12`, `NV7`) across a
//! document's versions, so progress, links and reviews never follow a position such as `T10`.
//!
//! A new version's items are matched to the document's living items in passes, strictest first:
//! name + section + figure, then name + section, then name alone (folded; a task's name without
//! its figures, so a moved date is the same task). Each pass pairs items in document order; what is
//! left unmatched is removed (kept, with the version that removed it) or added.

use std::collections::HashMap;

use theodoi_core::{Extraction, ItemKind};
use theodoi_text::fold;

/// The matching fields of one item.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ItemFields {
    pub kind: ItemKind,
    /// Position in its version ("T10").
    pub position: String,
    /// As written (NFC).
    pub name: String,
    pub name_key: String,
    pub section_key: String,
    pub figure_key: String,
}

/// The items of an extraction, in document order.
pub(crate) fn fields(x: &Extraction) -> Vec<ItemFields> {
    let mut out = Vec::with_capacity(x.targets.len() + x.tasks.len());
    for t in &x.targets {
        let mut name_key = format!("{:?}|{}", t.kind, fold(&t.name));
        if let Some(u) = &t.unit_org {
            name_key.push('|');
            name_key.push_str(&fold(u));
        }
        let figure_key = format!(
            "{:?}|{:?}|{:?}|{}|{}",
            t.comparator,
            t.value,
            t.value_max,
            t.unit.as_deref().map(fold).unwrap_or_default(),
            t.deadline.as_deref().unwrap_or("")
        );
        out.push(ItemFields {
            kind: ItemKind::Target,
            position: t.id.clone(),
            name: t.name.clone(),
            name_key,
            section_key: t.section.as_deref().map(fold).unwrap_or_default(),
            figure_key,
        });
    }
    for k in &x.tasks {
        let name_key: String = fold(&k.what).chars().filter(|c| !c.is_ascii_digit()).collect();
        out.push(ItemFields {
            kind: ItemKind::Task,
            position: k.id.clone(),
            name: k.what.clone(),
            name_key,
            section_key: k.section.as_deref().map(fold).unwrap_or_default(),
            figure_key: k.deadline.clone().unwrap_or_default(),
        });
    }
    out
}

/// Pair `new` items with `old` ones (by index); unmatched new items map to `None`.
pub(crate) fn match_items(old: &[ItemFields], new: &[ItemFields]) -> Vec<Option<usize>> {
    let mut result: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    type Key = fn(&ItemFields) -> String;
    let passes: [Key; 3] = [
        |f| format!("{:?}\u{1}{}\u{1}{}\u{1}{}", f.kind, f.name_key, f.section_key, f.figure_key),
        |f| format!("{:?}\u{1}{}\u{1}{}", f.kind, f.name_key, f.section_key),
        |f| format!("{:?}\u{1}{}", f.kind, f.name_key),
    ];
    for key in passes {
        let mut free: HashMap<String, std::collections::VecDeque<usize>> = HashMap::new();
        for (i, o) in old.iter().enumerate().filter(|(i, _)| !taken[*i]) {
            free.entry(key(o)).or_default().push_back(i);
        }
        for (j, n) in new.iter().enumerate() {
            if result[j].is_some() {
                continue;
            }
            if let Some(i) = free.get_mut(&key(n)).and_then(|q| q.pop_front()) {
                taken[i] = true;
                result[j] = Some(i);
            }
        }
    }
    result
}

/// `CT12` for target 12, `NV7` for task 7: what a person types.
pub fn item_code(kind: ItemKind, id: i64) -> String {
    match kind {
        ItemKind::Target => format!("CT{id}"),
        ItemKind::Task => format!("NV{id}"),
    }
}

/// `CT12` / `ct12` / `NV7` → (kind, 12).
pub fn parse_item_code(s: &str) -> Option<(ItemKind, i64)> {
    let s = s.trim();
    let (kind, rest) = if let Some(r) = s.strip_prefix("CT").or_else(|| s.strip_prefix("ct")) {
        (ItemKind::Target, r)
    } else if let Some(r) = s.strip_prefix("NV").or_else(|| s.strip_prefix("nv")) {
        (ItemKind::Task, r)
    } else {
        return None;
    };
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok().map(|n| (kind, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pos: &str, name: &str, section: &str, figure: &str) -> ItemFields {
        ItemFields {
            kind: ItemKind::Target,
            position: pos.into(),
            name: name.into(),
            name_key: fold(name),
            section_key: section.into(),
            figure_key: figure.into(),
        }
    }

    #[test]
    fn a_deleted_clause_does_not_shift_identities() {
        let old = vec![
            f("T1", "Tăng trưởng GRDP", "a", "7"),
            f("T2", "Thu ngân sách", "a", "8"),
            f("T3", "Hộ nghèo", "b", "1"),
        ];
        let new = vec![f("T1", "Thu ngân sách", "a", "8"), f("T2", "Hộ nghèo", "b", "1,5")];
        assert_eq!(match_items(&old, &new), vec![Some(1), Some(2)]);
    }

    #[test]
    fn same_name_in_body_and_appendix_keeps_each_its_own() {
        let old = vec![f("T1", "Hồ sơ trực tuyến", "body", "80"), f("T2", "Hồ sơ trực tuyến", "phu luc", "85")];
        let new = vec![f("T1", "Hồ sơ trực tuyến", "phu luc", "85")];
        assert_eq!(match_items(&old, &new), vec![Some(1)]);
    }

    #[test]
    fn codes_round_trip() {
        assert_eq!(parse_item_code(&item_code(ItemKind::Task, 42)), Some((ItemKind::Task, 42)));
        assert_eq!(parse_item_code("ct7"), Some((ItemKind::Target, 7)));
        assert_eq!(parse_item_code("T10"), None);
        assert_eq!(parse_item_code("CT"), None);
    }
}
