//! The genre set's scorer (`tests/genre/`), shared by `genre.rs` (the texts) and
//! `genre_formats.rs` (the same documents as DOCX and PDF): the pairing of the shared
//! `score_extract.py` (targets: same kind, line spans within ±1, best name likeness plus one for
//! the same value; tasks: spans within ±2; references: the same number; org facts: core fact and
//! value; declared counts: value, lines within ±2), micro-averaged over the set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/genre")
}

/// Every document of the set with its key.
pub fn documents() -> Vec<(PathBuf, Value)> {
    let mut keys: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/genre")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    keys.sort();
    keys.into_iter()
        .map(|k| {
            let key: Value =
                serde_json::from_str(&std::fs::read_to_string(&k).expect("read key")).expect("key is JSON");
            let doc = dir().join(key["doc"].as_str().expect("key names its doc"));
            assert!(doc.exists(), "{} names a missing document {}", k.display(), doc.display());
            (doc, key)
        })
        .collect()
}

pub fn fold(v: &Value) -> String {
    theodoi_text::fold(v.as_str().unwrap_or("")).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines of an item: `line`, or `lines` with gaps of up to six filled (a [start, end] span).
pub fn lines(v: &Value) -> Vec<i64> {
    let mut ls: Vec<i64> = match v.get("lines").and_then(Value::as_array) {
        Some(a) => a.iter().filter_map(Value::as_i64).collect(),
        None => v.get("line").and_then(Value::as_i64).into_iter().collect(),
    };
    ls.sort_unstable();
    let mut out = Vec::new();
    for (i, a) in ls.iter().enumerate() {
        out.push(*a);
        if let Some(b) = ls.get(i + 1) {
            if b - a <= 6 {
                out.extend(a + 1..*b);
            }
        }
    }
    out
}

pub fn touch(a: &Value, b: &Value, slack: i64) -> bool {
    let (la, lb) = (lines(a), lines(b));
    la.iter().any(|x| lb.iter().any(|y| (x - y).abs() <= slack))
}

/// Likeness of two texts after folding: 2·LCS / total length (close to difflib's ratio; it only
/// orders candidates that already touch the key's lines).
pub fn sim(a: &Value, b: &Value) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (fold(a).chars().collect(), fold(b).chars().collect());
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    for x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        prev = cur;
    }
    2.0 * prev[b.len()] as f64 / (a.len() + b.len()) as f64
}

pub fn num_eq(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * y.abs().max(1.0),
        _ => a.is_null() && b.is_null() || (a.is_string() && fold(a) == fold(b)),
    }
}

pub fn norm_number(v: &Value) -> String {
    fold(v).to_uppercase().chars().filter(|c| !c.is_whitespace() && *c != '.').collect()
}

pub const CORE_FACTS: [&str; 19] = [
    "area_km2",
    "population",
    "residential_groups",
    "party_orgs",
    "party_members",
    "grassroots_party_committees",
    "grassroots_party_cells",
    "subordinate_party_cells",
    "delegates",
    "delegates_ex_officio",
    "delegates_appointed",
    "delegates_present",
    "executive_committee_size",
    "standing_committee_size",
    "deputy_secretaries",
    "delegates_to_city_congress",
    "alternate_delegates_to_city_congress",
    "hdnd_delegates",
    "mttq_committee_members",
];

/// Pairing score of a candidate with a key item (None: not pairable), as score_extract.py.
pub fn score(field: &str, c: &Value, g: &Value) -> Option<f64> {
    match field {
        "targets" => (fold(&c["kind"]) == fold(&g["kind"]) && touch(c, g, 1))
            .then(|| sim(&c["name"], &g["name"]) + if num_eq(&c["value"], &g["value"]) { 1.0 } else { 0.0 }),
        "tasks" => touch(c, g, 2).then(|| sim(&c["task"], &g["task"])),
        "references" => (norm_number(&c["number"]) == norm_number(&g["number"])).then_some(1.0),
        "org_facts" => (fold(&c["fact"]) == fold(&g["fact"]) && num_eq(&c["value"], &g["value"])).then_some(1.0),
        "declared_counts" => (num_eq(&c["value"], &g["value"]) && touch(c, g, 2)).then_some(1.0),
        _ => None,
    }
}

/// Attributes compared on paired items, where the key gives them.
pub fn attributes(field: &str) -> &'static [&'static str] {
    match field {
        "targets" => &["kind", "comparator", "value", "unit", "deadline", "achieved", "verdict"],
        "tasks" => &["lead", "deadline"],
        "references" => &["date", "doc_kind", "issuer"],
        _ => &[],
    }
}

pub fn attr_eq(attr: &str, c: &Value, g: &Value) -> bool {
    match attr {
        "value" | "achieved" => num_eq(c, g),
        "lead" | "issuer" => {
            let (a, b) = (fold(c), fold(g));
            a.is_empty() && b.is_empty() || !a.is_empty() && !b.is_empty() && sim(c, g) >= 0.8
        }
        _ => fold(c) == fold(g) && c.is_null() == g.is_null(),
    }
}

/// The batch a file belongs to: its `bN-` prefix; the first four batches have none.
pub fn batch_of(name: &str) -> String {
    match name.split_once('-') {
        Some((p, _)) if p.len() >= 2 && p.starts_with('b') && p[1..].chars().all(|c| c.is_ascii_digit()) => {
            p.to_string()
        }
        _ => "b1-4".to_string(),
    }
}

/// The expected result of paired tasks (sản phẩm, the fifth "rõ"), keyed where the text states
/// one: `gold` keyed products, `cand` products read on paired tasks, `sum` their token F1 where
/// both give one. P = sum / cand, R = sum / gold: a product read where the key has none costs
/// precision, one missed costs recall.
#[derive(Default)]
pub struct Products {
    pub gold: usize,
    pub cand: usize,
    pub sum: f64,
}

impl Products {
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.cand > 0 { self.sum / self.cand as f64 } else { 0.0 };
        let r = if self.gold > 0 { self.sum / self.gold as f64 } else { 0.0 };
        (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
    }
}

pub const FIELDS: [&str; 5] = ["targets", "tasks", "references", "org_facts", "declared_counts"];

#[derive(Default, Clone, Copy)]
pub struct Tally {
    pub gold: usize,
    pub cand: usize,
    pub paired: usize,
}

impl Tally {
    pub fn add(&mut self, o: Tally) {
        self.gold += o.gold;
        self.cand += o.cand;
        self.paired += o.paired;
    }

    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.cand > 0 { self.paired as f64 / self.cand as f64 } else { f64::from(self.gold == 0) };
        let r = if self.gold > 0 { self.paired as f64 / self.gold as f64 } else { 1.0 };
        (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
    }
}

/// What the set scored: totals per field ([`FIELDS`]), targets split by kind, per batch, document
/// types, task products, attribute agreement on paired items and a report of every miss.
pub struct SetScore {
    pub documents: usize,
    pub types: usize,
    pub total: [Tally; 5],
    pub goals: Tally,
    pub results: Tally,
    /// per batch (files `bN-*`; the first four batches carry no prefix): every field, goals, results
    pub batches: BTreeMap<String, ([Tally; 5], Tally, Tally)>,
    pub batch_types: BTreeMap<String, (usize, usize)>,
    pub products: Products,
    /// `field.attr` → (right, compared) on paired items
    pub agree: BTreeMap<String, (usize, usize)>,
    pub report: String,
}

impl SetScore {
    /// F1 of a field of [`FIELDS`].
    pub fn f1(&self, field: &str) -> f64 {
        FIELDS.iter().position(|f| *f == field).map_or(0.0, |i| self.total[i].prf().2)
    }

    /// Share of paired items whose `field.attr` agrees with the key (1 when none was compared).
    pub fn agreement(&self, key: &str) -> f64 {
        self.agree.get(key).map_or(1.0, |(ok, n)| if *n == 0 { 1.0 } else { *ok as f64 / *n as f64 })
    }
}

/// Score candidates (`(name, candidate, key)`, the candidate in the answer-key form) against their keys.
pub fn score_set(docs: &[(String, Value, Value)]) -> SetScore {
    let mut total = [Tally::default(); 5];
    // targets split by kind (pairing asks for the same kind, so the split is exact)
    let (mut goals, mut results) = (Tally::default(), Tally::default());
    let mut agree: BTreeMap<String, (usize, usize)> = Default::default();
    // per batch (files `bN-*`; the first four batches carry no prefix): every field, goals, results
    let mut batches: BTreeMap<String, ([Tally; 5], Tally, Tally)> = Default::default();
    let mut batch_types: BTreeMap<String, (usize, usize)> = Default::default();
    let mut report = String::new();
    let mut types = 0;
    let mut products = Products::default();
    for (name, cand, key) in docs {
        let name = name.as_str();
        let batch = batch_of(name);
        let bt = batch_types.entry(batch.clone()).or_insert((0, 0));
        bt.1 += 1;
        if fold(&cand["doc_type"]) == fold(&key["doc_type"]) {
            types += 1;
            bt.0 += 1;
        } else {
            report.push_str(&format!("{name:24} doc_type {} (key: {})\n", cand["doc_type"], key["doc_type"]));
        }
        for (i, field) in FIELDS.iter().enumerate() {
            let keep = |v: &Value| *field != "org_facts" || CORE_FACTS.contains(&v["fact"].as_str().unwrap_or(""));
            let gold: Vec<Value> = key[field].as_array().into_iter().flatten().filter(|v| keep(v)).cloned().collect();
            let cands: Vec<Value> = cand[field].as_array().into_iter().flatten().filter(|v| keep(v)).cloned().collect();
            let mut edges = Vec::new();
            for (ci, c) in cands.iter().enumerate() {
                for (gi, g) in gold.iter().enumerate() {
                    if let Some(s) = score(field, c, g) {
                        edges.push((s, ci, gi));
                    }
                }
            }
            edges.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
            let (mut used_c, mut used_g) = (vec![false; cands.len()], vec![false; gold.len()]);
            for (_, ci, gi) in edges {
                if used_c[ci] || used_g[gi] {
                    continue;
                }
                used_c[ci] = true;
                used_g[gi] = true;
                if *field == "tasks" {
                    let (cp, gp) = (&cands[ci]["product"], &gold[gi]["product"]);
                    let has = |v: &Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
                    products.gold += usize::from(has(gp));
                    products.cand += usize::from(has(cp));
                    if has(cp) || has(gp) {
                        let f = super::token_f1(cp, gp);
                        products.sum += f;
                        if f < 0.6 {
                            report.push_str(&format!(
                                "{name:24} tasks.product lines {:?}: {cp} (key: {gp}) F1 {f:.2}\n",
                                lines(&gold[gi])
                            ));
                        }
                    }
                }
                for attr in attributes(field) {
                    if let Some(gv) = gold[gi].get(*attr) {
                        let e = agree.entry(format!("{field}.{attr}")).or_default();
                        e.1 += 1;
                        if attr_eq(attr, &cands[ci][*attr], gv) {
                            e.0 += 1;
                        } else {
                            report.push_str(&format!(
                                "{name:24} {field}.{attr} lines {:?}: {} (key: {})\n",
                                lines(&gold[gi]),
                                cands[ci][*attr],
                                gv
                            ));
                        }
                    }
                }
            }
            let t = Tally { gold: gold.len(), cand: cands.len(), paired: used_g.iter().filter(|u| **u).count() };
            let b = batches.entry(batch.clone()).or_default();
            b.0[i].add(t);
            if *field == "targets" {
                let is_result = |v: &Value| fold(&v["kind"]) == "result";
                for (k, want) in [(0, false), (1, true)] {
                    let part = Tally {
                        gold: gold.iter().filter(|g| is_result(g) == want).count(),
                        cand: cands.iter().filter(|c| is_result(c) == want).count(),
                        paired: gold.iter().zip(&used_g).filter(|(g, u)| **u && is_result(g) == want).count(),
                    };
                    if k == 0 {
                        goals.add(part);
                        b.1.add(part);
                    } else {
                        results.add(part);
                        b.2.add(part);
                    }
                }
            }
            for (gi, g) in gold.iter().enumerate().filter(|(gi, _)| !used_g[*gi]) {
                let _ = gi;
                report.push_str(&format!(
                    "{name:24} {field} missed {:?} {}\n",
                    lines(g),
                    g.get("name").or(g.get("task")).or(g.get("number")).unwrap_or(&g["value"])
                ));
            }
            for c in cands.iter().enumerate().filter(|(ci, _)| !used_c[*ci]).map(|(_, c)| c) {
                report.push_str(&format!(
                    "{name:24} {field} extra  {:?} {}\n",
                    lines(c),
                    c.get("name").or(c.get("task")).or(c.get("number")).unwrap_or(&c["value"])
                ));
            }
            total[i] = Tally {
                gold: total[i].gold + t.gold,
                cand: total[i].cand + t.cand,
                paired: total[i].paired + t.paired,
            };
        }
    }
    SetScore { documents: docs.len(), types, total, goals, results, batches, batch_types, products, agree, report }
}

/// Folded words of a line.
fn line_words(s: &str) -> Vec<String> {
    theodoi_text::fold(s)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The line of `to` (numbered from 1) each line of `from` was printed from: the one holding the
/// largest share of its words (at least 0.6), the nearest after the last sure match among equals.
/// A PDF or DOCX of a text is scored against the text's key this way: the pairing stays exactly
/// the text's, with lines counted as the text counts them.
pub fn line_map(from: &[&str], to: &str) -> Vec<Option<i64>> {
    let to: Vec<std::collections::HashSet<String>> =
        to.split('\n').map(|l| line_words(l).into_iter().collect()).collect();
    let mut last = 0usize;
    from.iter()
        .map(|l| {
            let w = line_words(l);
            if w.is_empty() {
                return None;
            }
            let share = |j: usize| w.iter().filter(|x| to[j].contains(*x)).count() as f64 / w.len() as f64;
            let cost = |j: usize| if j >= last { j - last } else { 3 * (last - j) };
            let best = (0..to.len()).map(|j| (share(j), j)).filter(|(s, _)| *s >= 0.6).max_by(|a, b| {
                a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal).then(cost(b.1).cmp(&cost(a.1)))
            })?;
            if best.0 >= 0.8 && w.len() >= 3 {
                last = best.1;
            }
            Some(best.1 as i64 + 1)
        })
        .collect()
}

/// Renumber a candidate's lines (`line`, `lines` of every item) with [`line_map`]'s map.
pub fn renumber(cand: &mut Value, map: &[Option<i64>]) {
    let at = |n: i64| usize::try_from(n - 1).ok().and_then(|i| map.get(i).copied().flatten());
    for field in FIELDS {
        for item in cand[field].as_array_mut().into_iter().flatten() {
            if let Some(ls) = item.get("lines").and_then(Value::as_array) {
                let mut v: Vec<i64> = ls.iter().filter_map(Value::as_i64).filter_map(at).collect();
                v.sort_unstable();
                v.dedup();
                item["lines"] = Value::from(v);
            }
            if let Some(n) = item.get("line").and_then(Value::as_i64) {
                item["line"] = at(n).map_or(Value::Null, Value::from);
            }
        }
    }
}
