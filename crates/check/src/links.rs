//! Linking items across documents: an action program's targets to the congress targets they
//! implement, a year-end report's results to the targets they measure.

use theodoi_core::{
    DocType, ItemKind, ItemRef, LedgerDocument, Link, LinkRelation, LinkState, ProgressUpdate, Target, TargetKind,
};
use theodoi_text::fold;

use crate::similarity::NameIndex;

/// Below this confidence no link is proposed.
const PROPOSE: f64 = 0.5;
/// At or above this confidence a proposed "reports on" link feeds progress without review.
const TRUST: f64 = 0.8;

fn is_source(t: DocType) -> bool {
    matches!(t, DocType::NghiQuyet | DocType::BaoCaoChinhTri | DocType::ThongTinKetQuaDaiHoi)
}

fn org_key(d: &LedgerDocument) -> Option<String> {
    crate::org_group(d)
}

fn unit_key(t: &Target) -> Option<String> {
    t.unit.as_deref().map(|u| fold(u).chars().filter(|c| !c.is_whitespace()).collect())
}

fn compatible(a: &Target, b: &Target) -> bool {
    let cat = match (&a.category, &b.category) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let unit = match (unit_key(a), unit_key(b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    cat && unit
}

/// Propose links from the targets of later documents (action programs, reports) to the goal
/// targets of the congress documents (resolution, political report, congress results) of the same
/// organisation, by category, unit and name similarity; the confidence is the name similarity.
pub fn propose_links(docs: &[LedgerDocument]) -> Vec<Link> {
    propose_links_touching(docs, None)
}

/// [`propose_links`] for the pairs that involve one of `files` (the documents just added), so an
/// import into a large ledger does not compare every old pair again; `None` compares all.
pub fn propose_links_touching(docs: &[LedgerDocument], files: Option<&[String]>) -> Vec<Link> {
    let idx = NameIndex::new(docs.iter().flat_map(|d| d.extraction.targets.iter().map(|t| t.name.as_str())));
    propose(docs, files, &idx)
}

/// [`propose_links_touching`] over only the documents near `files` — those of their organisations
/// and those naming none (what the store's `documents_near` reads) — with the ledger's every target
/// name as `population` (the names' document frequencies, and so the confidences, stay ledger-wide):
/// the same links as over the whole ledger, without reading every document.
pub fn propose_links_near<'a>(
    docs: &[LedgerDocument],
    files: &[String],
    population: impl IntoIterator<Item = &'a str>,
) -> Vec<Link> {
    let idx = NameIndex::with_population(
        population,
        docs.iter().flat_map(|d| d.extraction.targets.iter().map(|t| t.name.as_str())),
    );
    propose(docs, Some(files), &idx)
}

/// [`propose_links_near`] with the population given by its counts (`n` target names in the ledger,
/// `df` the number of them holding each feature of the names of `docs`, as the store keeps them):
/// the same links, without reading every name of the ledger.
pub fn propose_links_counted(
    docs: &[LedgerDocument],
    files: &[String],
    n: usize,
    df: std::collections::HashMap<String, usize>,
) -> Vec<Link> {
    let idx =
        NameIndex::with_counts(n, df, docs.iter().flat_map(|d| d.extraction.targets.iter().map(|t| t.name.as_str())));
    propose(docs, Some(files), &idx)
}

fn propose(docs: &[LedgerDocument], files: Option<&[String]>, idx: &NameIndex) -> Vec<Link> {
    let wanted: Option<std::collections::HashSet<&str>> = files.map(|f| f.iter().map(String::as_str).collect());
    let touched: Vec<bool> = docs.iter().map(|d| wanted.as_ref().is_none_or(|w| w.contains(d.file.as_str()))).collect();
    let keys: Vec<Option<String>> = docs.iter().map(org_key).collect();
    // Blocked by organisation: a source is paired with its own organisation's documents (and those
    // naming none), and, when only some documents changed, an untouched source only with those.
    let mut by_org: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    let mut no_org = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        match k {
            Some(k) => by_org.entry(k.as_str()).or_default().push(i),
            None => no_org.push(i),
        }
    }
    let mut out = Vec::new();
    for (si, src) in docs.iter().enumerate().filter(|(_, d)| is_source(d.extraction.doc_type)) {
        let mut pool: Vec<usize> = match &keys[si] {
            Some(k) => by_org.get(k.as_str()).into_iter().flatten().chain(&no_org).copied().collect(),
            None => (0..docs.len()).collect(),
        };
        if !touched[si] {
            pool.retain(|&i| touched[i]);
        }
        pool.sort_unstable();
        for dst in pool.into_iter().map(|i| &docs[i]) {
            if dst.file == src.file || is_source(dst.extraction.doc_type) {
                continue;
            }
            for b in &dst.extraction.targets {
                let best = src
                    .extraction
                    .targets
                    .iter()
                    .filter(|a| a.kind == TargetKind::Target && compatible(a, b))
                    .map(|a| (a, idx.similarity(&a.name, &b.name)))
                    .max_by(|x, y| x.1.total_cmp(&y.1));
                let Some((a, conf)) = best else { continue };
                if conf < PROPOSE {
                    continue;
                }
                // a result, or a reading of the same indicator, reports on the goal (and feeds its progress)
                let relation =
                    if b.kind == TargetKind::Target { LinkRelation::Implements } else { LinkRelation::ReportsOn };
                out.push(Link {
                    from: ItemRef { doc: dst.file.clone(), kind: ItemKind::Target, id: b.id.clone() },
                    to: ItemRef { doc: src.file.clone(), kind: ItemKind::Target, id: a.id.clone() },
                    relation,
                    confidence: (conf * 1000.0).round() / 1000.0,
                    state: LinkState::Proposed,
                });
            }
        }
    }
    out
}

/// Progress read from later documents: each result that reports on a target (a confirmed link, or a
/// proposed one of high confidence) gives the target an update at the reporting document's date.
pub fn progress_from_links(docs: &[LedgerDocument], links: &[Link]) -> Vec<ProgressUpdate> {
    let by_file: std::collections::HashMap<&str, &LedgerDocument> = docs.iter().map(|d| (d.file.as_str(), d)).collect();
    links.iter().filter_map(|l| progress_from_link(l, |f| by_file.get(f).copied())).collect()
}

/// The update one link gives ([`progress_from_links`]), with its reporting document found by
/// `doc` (by name; `None`: not at hand, no update) — for a caller that holds some documents at a time.
pub fn progress_from_link<'d>(l: &Link, doc: impl Fn(&str) -> Option<&'d LedgerDocument>) -> Option<ProgressUpdate> {
    let trusted = l.state == LinkState::Confirmed || (l.state == LinkState::Proposed && l.confidence >= TRUST);
    if l.relation != LinkRelation::ReportsOn || !trusted {
        return None;
    }
    let doc = doc(l.from.doc.as_str())?;
    let r = doc.extraction.targets.iter().find(|t| t.id == l.from.id)?;
    let date = doc.date.clone()?;
    r.achieved?;
    Some(ProgressUpdate {
        item: l.to.clone(),
        value: r.achieved,
        done: false,
        date,
        note: r.achieved_text.clone(),
        user: None,
        evidence: r.evidence.first().cloned(),
    })
}
