//! What changed between two versions of a document's items.

use serde::{Deserialize, Serialize};
use theodoi_core::{Extraction, Target, Task};
use theodoi_text::fold;

/// One change between versions: a target whose value changed, a task whose deadline moved or whose
/// expected result (sản phẩm) changed, an item added or removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemChange {
    /// `target` or `task`.
    pub item_kind: String,
    /// `added`, `removed`, `value_changed`, `deadline_changed`, `product_changed`.
    pub change: String,
    /// The item's name (target) or what (task), NFC.
    pub item_name: String,
    /// Old value, deadline or product as written.
    pub before: Option<String>,
    /// New value, deadline or product as written.
    pub after: Option<String>,
}

fn target_key(t: &Target) -> String {
    format!("{:?}|{}|{}", t.kind, fold(&t.name), t.unit_org.as_deref().map(fold).unwrap_or_default())
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

/// A task is the same task when its words are: the figures in it (its dates) may move.
fn task_key(k: &Task) -> String {
    fold(&k.what).chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// Tasks by key; repeated keys get an occurrence number so none is dropped.
fn tasks_by_key(tasks: &[Task]) -> std::collections::BTreeMap<String, &Task> {
    let mut seen = std::collections::HashMap::new();
    tasks
        .iter()
        .map(|t| {
            let k = task_key(t);
            let n = seen.entry(k.clone()).or_insert(0usize);
            *n += 1;
            (format!("{k}#{n}"), t)
        })
        .collect()
}

/// Compare the items of two versions of one document.
///
/// Items are matched by folded name (and unit for targets), so renumbering ("T3" → "T4") is not a change.
pub fn diff_extractions(old: &Extraction, new: &Extraction) -> Vec<ItemChange> {
    let mut out = Vec::new();
    let old_t: std::collections::BTreeMap<String, &Target> = old.targets.iter().map(|t| (target_key(t), t)).collect();
    let new_t: std::collections::BTreeMap<String, &Target> = new.targets.iter().map(|t| (target_key(t), t)).collect();
    for (k, n) in &new_t {
        match old_t.get(k) {
            None => out.push(change("target", "added", &n.name, None, Some(target_value(n)))),
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
            out.push(change("target", "removed", &o.name, Some(target_value(o)), None));
        }
    }
    let old_k = tasks_by_key(&old.tasks);
    let new_k = tasks_by_key(&new.tasks);
    for (k, n) in &new_k {
        match old_k.get(k) {
            None => out.push(change("task", "added", &n.what, None, n.deadline.clone())),
            Some(o) => {
                if o.deadline != n.deadline {
                    out.push(change("task", "deadline_changed", &n.what, o.deadline.clone(), n.deadline.clone()));
                }
                // only between two stated products: a version stored before products were read has
                // none, and its revision would otherwise "change" every task
                if o.product.is_some() && n.product.is_some() && o.product != n.product {
                    out.push(change("task", "product_changed", &n.what, o.product.clone(), n.product.clone()));
                }
            }
        }
    }
    for (k, o) in &old_k {
        if !new_k.contains_key(k) {
            out.push(change("task", "removed", &o.what, o.deadline.clone(), None));
        }
    }
    out
}

fn change(kind: &str, change: &str, name: &str, before: Option<String>, after: Option<String>) -> ItemChange {
    ItemChange { item_kind: kind.into(), change: change.into(), item_name: name.into(), before, after }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(what: &str, deadline: &str) -> Task {
        Task {
            id: "K1".into(),
            what: what.into(),
            section: None,
            lead: None,
            partners: vec![],
            deadline: Some(deadline.into()),
            deadline_text: None,
            product: None,
            evidence: vec![],
        }
    }

    #[test]
    fn a_moved_deadline_written_in_the_task_is_a_change_not_a_new_task() {
        let old = Extraction {
            tasks: vec![task("Xây dựng kế hoạch. Hoàn thành trước ngày 15/12/2025", "2025-12-15")],
            ..Default::default()
        };
        let new = Extraction {
            tasks: vec![task("Xây dựng kế hoạch. Hoàn thành trước ngày 20/12/2025", "2025-12-20")],
            ..Default::default()
        };
        let d = diff_extractions(&old, &new);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].change, "deadline_changed");
        assert_eq!((d[0].before.as_deref(), d[0].after.as_deref()), (Some("2025-12-15"), Some("2025-12-20")));
    }

    #[test]
    fn a_changed_product_is_a_change_but_a_product_first_read_is_not() {
        let with = |p: Option<&str>| Extraction {
            tasks: vec![Task { product: p.map(String::from), ..task("Sơ kết 01 năm", "2026-12-31") }],
            ..Default::default()
        };
        let d = diff_extractions(&with(Some("Báo cáo sơ kết")), &with(Some("Hội nghị sơ kết; báo cáo")));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].change, "product_changed");
        assert_eq!(d[0].before.as_deref(), Some("Báo cáo sơ kết"));
        assert!(diff_extractions(&with(None), &with(Some("Báo cáo sơ kết"))).is_empty(), "stored before products");
        assert!(diff_extractions(&with(Some("Báo cáo sơ kết")), &with(Some("Báo cáo sơ kết"))).is_empty());
    }

    #[test]
    fn repeated_task_wording_keeps_every_task() {
        let x = Extraction {
            tasks: vec![task("Báo cáo quý 1", "2026-03-31"), task("Báo cáo quý 2", "2026-06-30")],
            ..Default::default()
        };
        assert!(diff_extractions(&x, &x).is_empty());
        let fewer = Extraction { tasks: vec![x.tasks[0].clone()], ..Default::default() };
        assert_eq!(diff_extractions(&x, &fewer).len(), 1);
    }
}
