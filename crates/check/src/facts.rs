//! `fact_conflict`: the same organisation fact (party members, population …) with different values
//! as of the same date, within or across the documents of one organisation.

use std::collections::BTreeMap;

use theodoi_core::{Fact, Finding, Severity};
use theodoi_text::fold;

use crate::{finding, vi_num, Input};

pub(crate) fn check(input: &Input) -> Vec<Finding> {
    let mut groups: BTreeMap<(String, String, String, String), Vec<&Fact>> = BTreeMap::new();
    for d in input.docs {
        let org = crate::org_key(d);
        for f in &d.extraction.facts {
            let unit = f.unit_org.as_deref().map(fold).unwrap_or_default();
            let as_of = f.as_of.clone().unwrap_or_default();
            groups.entry((org.clone(), unit, f.fact.clone(), as_of)).or_default().push(f);
        }
    }
    let mut out = Vec::new();
    for ((org, _, fact, as_of), facts) in groups {
        let mut values: Vec<f64> = facts.iter().map(|f| f.value).collect();
        values.sort_by(|a, b| a.total_cmp(b));
        values.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        if values.len() < 2 {
            continue;
        }
        let list: Vec<String> = values.iter().map(|v| vi_num(*v)).collect();
        let when = if as_of.is_empty() { String::new() } else { format!(" ({as_of})") };
        out.push(finding(
            "fact_conflict",
            Severity::Warning,
            format!("Số liệu \"{fact}\"{when} của {org} không thống nhất: {}.", list.join("; ")),
            format!("The fact \"{fact}\"{when} of {org} has different values: {}.", list.join("; ")),
            facts.iter().map(|f| f.evidence.clone()).collect(),
        ));
    }
    out
}
