//! What changed between two versions of a document's items.

use serde::{Deserialize, Serialize};
use theodoi_core::{Extraction, Target, Task};
use theodoi_text::fold;

/// One change between versions: a target whose value changed, a task whose deadline moved, an item added or removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemChange {
    /// `target` or `task`.
    pub item_kind: String,
    /// `added`, `removed`, `value_changed`, `deadline_changed`.
    pub change: String,
    /// The item's name (target) or what (task), NFC.
    pub item_name: String,
    /// Old value or deadline as written.
    pub before: Option<String>,
    /// New value or deadline as written.
    pub after: Option<String>,
}

fn target_key(t: &Target) -> String {
    format!(
        "{:?}|{}|{}",
        t.kind,
        fold(&t.name),
        t.unit_org.as_deref().map(fold).unwrap_or_default()
    )
}

fn target_value(t: &Target) -> String {
    let mut s = String::new();
    if let Some(v) = t.value {
        s.push_str(&v.to_string());
    }
    if let Some(m) = t.value_max {
        s.push_str(&format!("-{m}"));
    }
    if let Some(u) = &t.unit {
        s.push(' ');
        s.push_str(u);
    }
    if let Some(a) = t.achieved {
        s.push_str(&format!(" → {a}"));
    }
    if let Some(d) = &t.deadline {
        s.push_str(&format!(" @{d}"));
    }
    s
}

fn task_key(k: &Task) -> String {
    fold(&k.what)
}

/// Compare the items of two versions of one document.
///
/// Items are matched by folded name (and unit for targets), so renumbering ("T3" → "T4") is not a change.
pub fn diff_extractions(old: &Extraction, new: &Extraction) -> Vec<ItemChange> {
    let mut out = Vec::new();
    let old_t: std::collections::BTreeMap<String, &Target> =
        old.targets.iter().map(|t| (target_key(t), t)).collect();
    let new_t: std::collections::BTreeMap<String, &Target> =
        new.targets.iter().map(|t| (target_key(t), t)).collect();
    for (k, n) in &new_t {
        match old_t.get(k) {
            None => out.push(change(
                "target",
                "added",
                &n.name,
                None,
                Some(target_value(n)),
            )),
            Some(o) => {
                let (a, b) = (target_value(o), target_value(n));
                if a != b {
                    out.push(change("target", "value_changed", &n.name, Some(a), Some(b)));
                }
            }
        }
    }
    for (k, o) in &old_t {
        if !new_t.contains_key(k) {
            out.push(change(
                "target",
                "removed",
                &o.name,
                Some(target_value(o)),
                None,
            ));
        }
    }
    let old_k: std::collections::BTreeMap<String, &Task> =
        old.tasks.iter().map(|t| (task_key(t), t)).collect();
    let new_k: std::collections::BTreeMap<String, &Task> =
        new.tasks.iter().map(|t| (task_key(t), t)).collect();
    for (k, n) in &new_k {
        match old_k.get(k) {
            None => out.push(change("task", "added", &n.what, None, n.deadline.clone())),
            Some(o) if o.deadline != n.deadline => out.push(change(
                "task",
                "deadline_changed",
                &n.what,
                o.deadline.clone(),
                n.deadline.clone(),
            )),
            Some(_) => {}
        }
    }
    for (k, o) in &old_k {
        if !new_k.contains_key(k) {
            out.push(change("task", "removed", &o.what, o.deadline.clone(), None));
        }
    }
    out
}

fn change(
    kind: &str,
    change: &str,
    name: &str,
    before: Option<String>,
    after: Option<String>,
) -> ItemChange {
    ItemChange {
        item_kind: kind.into(),
        change: change.into(),
        item_name: name.into(),
        before,
        after,
    }
}
