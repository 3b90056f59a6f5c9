//! The city view (trang thành phố): every commune and ward of a city side by side — targets by
//! status, overdue tasks, open findings — and one indicator compared across them.
//!
//! The units are the official list's (`theodoi_units`, through `Store::units_of_city`), so a ward
//! that sent nothing is listed too; a city not on the list (an invented one in examples) lists the
//! wards its documents name. A document belongs to a ward by its organisation resolved against
//! the list (`theodoi_units::resolve_org`, as the store and the checks key it).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use theodoi_core::{LedgerDocument, TargetKind};
use theodoi_store::StoredFinding;
use utoipa::ToSchema;

use crate::auth::unit_key;
use crate::model::{status_color, status_label, Snapshot, TargetRow};

/// Names at least this similar are one indicator (the checks' threshold for "the same indicator
/// stated twice", `theodoi_check` `same_indicator::SAME`).
const SAME: f64 = 0.85;

/// A city as the view names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    /// Its official code ("31"), when on the list.
    pub code: Option<String>,
    /// Its name ("Thành phố Hải Phòng", or as written when not on the list).
    pub name: String,
    /// Its name as a key (`auth::unit_key`).
    pub key: String,
}

impl City {
    /// The city `name` (its name as written, or its code) names.
    pub fn of(name: &str) -> City {
        let unit = theodoi_units::by_code(name.trim())
            .or_else(|| theodoi_units::lookup(name).unit())
            .filter(|u| u.kind.is_province_level());
        match unit {
            Some(u) => City { code: Some(u.code.to_string()), name: u.name.to_string(), key: unit_key(u.name) },
            None => City { code: None, name: name.trim().to_string(), key: unit_key(name) },
        }
    }

    /// Whether `other` names the same city.
    pub fn same(&self, other: &City) -> bool {
        match (&self.code, &other.code) {
            (Some(a), Some(b)) => a == b,
            _ => self.key == other.key,
        }
    }

    /// The ward (its key) of the city document `d` belongs to, if it belongs to one.
    pub fn ward_of(&self, d: &LedgerDocument) -> Option<String> {
        let org = d.extraction.org.as_deref()?;
        let parent = d.extraction.parent_org.as_deref();
        match theodoi_units::resolve_org(org, parent) {
            Some(u) if u.kind.is_province_level() => None,
            Some(u) => (self.code.as_deref() == u.parent).then(|| u.code.to_string()),
            // Not on the list: the city's when its parent names the city.
            None => parent.filter(|p| self.same(&City::of(p))).map(|_| unit_key(org)).filter(|k| !k.is_empty()),
        }
    }
}

/// The key of the ward or commune a document belongs to: its official code, else its name as a key.
pub fn unit_of(d: &LedgerDocument) -> Option<String> {
    let org = d.extraction.org.as_deref()?;
    Some(match theodoi_units::resolve_org(org, d.extraction.parent_org.as_deref()) {
        Some(u) => u.code.to_string(),
        None => unit_key(org),
    })
}

/// The city a document's parent names (for an admin choosing a city).
pub fn city_of(d: &LedgerDocument) -> Option<City> {
    let p = d.extraction.parent_org.as_deref().filter(|p| !p.trim().is_empty())?;
    Some(City::of(p))
}

/// Targets of one ward by status.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct TargetCounts {
    /// Đạt.
    pub achieved: usize,
    /// Đúng tiến độ.
    pub on_track: usize,
    /// Có nguy cơ.
    pub at_risk: usize,
    /// Chậm tiến độ.
    pub off_track: usize,
    /// Quá hạn.
    pub overdue: usize,
    /// Chưa có số liệu.
    pub no_data: usize,
    /// All targets (goals).
    pub total: usize,
}

/// One commune or ward of the city.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WardRow {
    /// Official code ("11443"), or the name as a key when not on the list.
    pub code: String,
    /// Name ("Phường Kiến An").
    pub name: String,
    /// phường, xã, đặc khu.
    pub kind: String,
    /// Whether it is on the official list.
    pub official: bool,
    /// Documents of it the user may read (0: "chưa gửi văn bản").
    pub documents: usize,
    /// Its targets by status.
    pub targets: TargetCounts,
    /// Overdue tasks.
    pub tasks_overdue: usize,
    /// Open findings about its documents.
    pub findings: usize,
    /// Its overview page.
    pub href: String,
}

/// One ward's figure for an indicator.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompareRow {
    /// The ward's code.
    pub unit: String,
    /// The ward's name.
    pub ward: String,
    /// Its overview page.
    pub href: String,
    /// The target (its latest document's).
    pub target: TargetRow,
}

/// One indicator across the wards: the targets grouped as one.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Indicator {
    /// The group's key (folded name and unit), for `?chi-so=`.
    pub key: String,
    /// The name most wards write.
    pub name: String,
    /// Unit.
    pub unit: Option<String>,
    /// How many wards set it.
    pub wards: usize,
}

/// The city view.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CityView {
    /// The city's name.
    pub city: String,
    /// Its official code.
    pub code: Option<String>,
    /// As of (dd/mm/yyyy).
    pub today: String,
    /// Every commune and ward, in the order asked.
    pub wards: Vec<WardRow>,
    /// How many sent at least one document.
    pub sent: usize,
    /// How many sent none.
    pub missing: usize,
    /// The ward table's order (`name`, `-overdue` …).
    pub sort: String,
    /// Indicators set by the wards, most wards first.
    pub indicators: Vec<Indicator>,
    /// The indicator compared.
    pub selected: Option<Indicator>,
    /// Each ward's figure for it, in the order asked.
    pub compare: Vec<CompareRow>,
    /// The comparison's order (`ward`, `-latest` …).
    pub compare_sort: String,
    /// The cities an admin may choose (code, or name when not on the list).
    pub cities: Vec<String>,
}

/// The ward table's orders.
pub const WARD_SORTS: &[&str] = &[
    "name",
    "documents",
    "achieved",
    "on_track",
    "at_risk",
    "off_track",
    "overdue",
    "no_data",
    "tasks_overdue",
    "findings",
];
/// The comparison's orders.
pub const COMPARE_SORTS: &[&str] = &["ward", "goal", "latest", "percent", "status"];

/// A sort parameter checked against `allowed` (`-` first: descending); anything else is the first.
fn sort_of(asked: Option<&str>, allowed: &[&str]) -> (String, bool) {
    let asked = asked.unwrap_or("").trim();
    let (desc, key) = match asked.strip_prefix('-') {
        Some(k) => (true, k),
        None => (false, asked),
    };
    if allowed.contains(&key) {
        (key.to_string(), desc)
    } else {
        (allowed[0].to_string(), false)
    }
}

/// How bad a status is, for sorting (best first).
fn status_rank(s: &str) -> u8 {
    match s {
        "achieved" => 0,
        "on_track" => 1,
        "at_risk" => 2,
        "off_track" => 3,
        "overdue" => 4,
        _ => 5,
    }
}

/// What the view is asked.
#[derive(Debug, Clone, Default)]
pub struct CityQuery<'a> {
    /// Ward table order.
    pub sort: Option<&'a str>,
    /// Comparison order.
    pub compare_sort: Option<&'a str>,
    /// The indicator's key.
    pub indicator: Option<&'a str>,
}

/// Build the view of `city` from `units` (the official list's, with their stored document counts;
/// empty for a city not on it), the user's snapshot and the open findings.
pub fn view(
    city: &City,
    units: &[theodoi_store::CityUnit],
    snap: &Snapshot,
    findings: &[StoredFinding],
    q: &CityQuery,
) -> CityView {
    let mut wards: Vec<WardRow> = units
        .iter()
        .map(|u| WardRow {
            code: u.code.clone(),
            name: u.name.clone(),
            kind: u.kind.clone(),
            official: true,
            documents: 0,
            targets: TargetCounts::default(),
            tasks_overdue: 0,
            findings: 0,
            href: format!("/?don-vi={}", crate::pages::url_encode(&u.code)),
        })
        .collect();
    let mut at: HashMap<String, usize> = wards.iter().enumerate().map(|(i, w)| (w.code.clone(), i)).collect();
    // document → its ward's row
    let mut doc_ward: HashMap<&str, usize> = HashMap::new();
    for d in &snap.docs {
        let Some(key) = city.ward_of(d) else { continue };
        let i = *at.entry(key.clone()).or_insert_with(|| {
            let name = d.extraction.org.clone().unwrap_or_default();
            wards.push(WardRow {
                href: format!("/?don-vi={}", crate::pages::url_encode(&key)),
                code: key.clone(),
                kind: theodoi_units::lookup(&name).unit().map(|u| u.kind.word().to_string()).unwrap_or_default(),
                name: strip_committee(&name),
                official: false,
                documents: 0,
                targets: TargetCounts::default(),
                tasks_overdue: 0,
                findings: 0,
            });
            wards.len() - 1
        });
        doc_ward.insert(d.file.as_str(), i);
        let w = &mut wards[i];
        w.documents += 1;
        for k in &d.extraction.tasks {
            if snap.task_row(d, k).status == "overdue" {
                w.tasks_overdue += 1;
            }
        }
    }
    // Targets: counted per ward, and kept for the comparison.
    let mut rows: Vec<(usize, String, TargetRow)> = Vec::new();
    for d in snap.docs.iter().filter(|d| doc_ward.contains_key(d.file.as_str())) {
        let i = doc_ward[d.file.as_str()];
        for t in d.extraction.targets.iter().filter(|t| t.kind == TargetKind::Target) {
            let r = snap.target_row(d, t);
            let c = &mut wards[i].targets;
            c.total += 1;
            match r.status.as_str() {
                "achieved" => c.achieved += 1,
                "on_track" => c.on_track += 1,
                "at_risk" => c.at_risk += 1,
                "off_track" => c.off_track += 1,
                "overdue" => c.overdue += 1,
                _ => c.no_data += 1,
            }
            rows.push((i, d.date.clone().unwrap_or_default(), r));
        }
    }
    for f in findings {
        let hit: HashSet<usize> =
            f.finding.evidence.iter().filter_map(|e| doc_ward.get(e.doc.as_str()).copied()).collect();
        for i in hit {
            wards[i].findings += 1;
        }
    }
    let (indicators, groups) = group(&rows);
    let selected = q
        .indicator
        .and_then(|k| indicators.iter().position(|g| g.key == k))
        .or_else(|| (!indicators.is_empty()).then_some(0));
    let (csort, cdesc) = sort_of(q.compare_sort, COMPARE_SORTS);
    let mut compare: Vec<CompareRow> = selected
        .map(|s| {
            groups[s]
                .iter()
                .map(|&(i, r)| CompareRow {
                    unit: wards[i].code.clone(),
                    ward: wards[i].name.clone(),
                    href: wards[i].href.clone(),
                    target: rows[r].2.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let cmp_f = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    };
    compare.sort_by(|a, b| {
        let o = match csort.as_str() {
            "goal" => cmp_f(a.target.goal, b.target.goal),
            "latest" => cmp_f(a.target.latest, b.target.latest),
            "percent" => cmp_f(a.target.percent, b.target.percent),
            "status" => status_rank(&a.target.status).cmp(&status_rank(&b.target.status)),
            _ => theodoi_text::fold(short(&a.ward)).cmp(&theodoi_text::fold(short(&b.ward))),
        };
        let o = if cdesc { o.reverse() } else { o };
        o.then_with(|| theodoi_text::fold(short(&a.ward)).cmp(&theodoi_text::fold(short(&b.ward))))
    });
    let (sort, desc) = sort_of(q.sort, WARD_SORTS);
    wards.sort_by(|a, b| {
        let n = |w: &WardRow| -> usize {
            match sort.as_str() {
                "documents" => w.documents,
                "achieved" => w.targets.achieved,
                "on_track" => w.targets.on_track,
                "at_risk" => w.targets.at_risk,
                "off_track" => w.targets.off_track,
                "overdue" => w.targets.overdue,
                "no_data" => w.targets.no_data,
                "tasks_overdue" => w.tasks_overdue,
                "findings" => w.findings,
                _ => 0,
            }
        };
        let o = if sort == "name" {
            theodoi_text::fold(short(&a.name)).cmp(&theodoi_text::fold(short(&b.name)))
        } else {
            n(a).cmp(&n(b))
        };
        let o = if desc { o.reverse() } else { o };
        // By name as a reader expects it ("Đông" among the D's), then by code.
        o.then_with(|| theodoi_text::fold(short(&a.name)).cmp(&theodoi_text::fold(short(&b.name))))
            .then_with(|| a.code.cmp(&b.code))
    });
    let sent = wards.iter().filter(|w| w.documents > 0).count();
    CityView {
        city: city.name.clone(),
        code: city.code.clone(),
        today: snap.today.format("%d/%m/%Y").to_string(),
        missing: wards.len() - sent,
        sent,
        wards,
        sort: if desc { format!("-{sort}") } else { sort },
        selected: selected.map(|s| indicators[s].clone()),
        indicators,
        compare,
        compare_sort: if cdesc { format!("-{csort}") } else { csort },
        cities: Vec::new(),
    }
}

/// "Đảng ủy phường X" → "Phường X" (a ward not on the list, named as its document writes it).
fn strip_committee(name: &str) -> String {
    let n = name.trim();
    let folded = theodoi_text::fold(n);
    for w in ["dang uy ", "dang bo "] {
        if folded.starts_with(w) {
            let rest: String = n.chars().skip(w.chars().count()).collect();
            let mut c = rest.chars();
            return c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
        }
    }
    n.to_string()
}

/// The name without its kind word, for sorting ("Phường Đông Sơn" → "Đông Sơn").
fn short(name: &str) -> &str {
    for w in ["Phường ", "Xã ", "Đặc khu "] {
        if let Some(r) = name.strip_prefix(w) {
            return r;
        }
    }
    name
}

fn unit_fold(u: Option<&str>) -> String {
    u.map(|u| theodoi_text::fold(u).chars().filter(|c| !c.is_whitespace()).collect()).unwrap_or_default()
}

/// Group the wards' targets into indicators: first by folded name and unit (the key the store
/// matches an item across versions by), then those buckets whose names the checks' similarity
/// (`theodoi_check::NameIndex`, as links and the same-indicator check use it) finds the same, with
/// compatible units. Each ward keeps one target per indicator: its latest document's.
/// Returns the indicators (most wards first) and, for each, (ward, row index) pairs.
fn group(rows: &[(usize, String, TargetRow)]) -> (Vec<Indicator>, Vec<Vec<(usize, usize)>>) {
    // Exact buckets.
    let mut bucket_of: HashMap<String, usize> = HashMap::new();
    let mut buckets: Vec<(String, Vec<usize>)> = Vec::new();
    for (r, (_, _, t)) in rows.iter().enumerate() {
        let key = format!("{}|{}", theodoi_text::fold(&t.name), unit_fold(t.unit.as_deref()));
        let b = *bucket_of.entry(key.clone()).or_insert_with(|| {
            buckets.push((key, Vec::new()));
            buckets.len() - 1
        });
        buckets[b].1.push(r);
    }
    // Largest buckets first: they name the groups.
    buckets.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    let idx = theodoi_check::NameIndex::new(rows.iter().map(|(_, _, t)| t.name.as_str()));
    // (representative row, member rows)
    let mut groups: Vec<(usize, String, Vec<usize>)> = Vec::new();
    for (key, members) in buckets {
        let rep = members[0];
        let t = &rows[rep].2;
        let u = unit_fold(t.unit.as_deref());
        let joined = groups.iter_mut().find(|(g, _, _)| {
            let gt = &rows[*g].2;
            let gu = unit_fold(gt.unit.as_deref());
            let cat = match (&gt.category, &t.category) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            };
            (gu == u || gu.is_empty() || u.is_empty()) && cat && idx.similarity(&gt.name, &t.name) >= SAME
        });
        match joined {
            Some((_, _, m)) => m.extend(members),
            None => groups.push((rep, key, members)),
        }
    }
    let mut out: Vec<(Indicator, Vec<(usize, usize)>)> = groups
        .into_iter()
        .map(|(rep, key, members)| {
            // One per ward: the latest document's (then the last read).
            let mut per: BTreeMap<usize, usize> = BTreeMap::new();
            for r in members {
                let w = rows[r].0;
                let later = per.get(&w).is_none_or(|&o| rows[r].1 >= rows[o].1);
                if later {
                    per.insert(w, r);
                }
            }
            let t = &rows[rep].2;
            let ind = Indicator { key, name: t.name.clone(), unit: t.unit.clone(), wards: per.len() };
            (ind, per.into_iter().collect())
        })
        .collect();
    out.sort_by(|a, b| {
        b.0.wards.cmp(&a.0.wards).then_with(|| theodoi_text::fold(&a.0.name).cmp(&theodoi_text::fold(&b.0.name)))
    });
    out.into_iter().unzip()
}

/// The labels of the ward table's status columns (for the template).
pub fn columns() -> Vec<(&'static str, &'static str, &'static str)> {
    ["achieved", "on_track", "at_risk", "off_track", "overdue", "no_data"]
        .iter()
        .map(|s| (*s, status_label(s), status_color(s)))
        .collect()
}
