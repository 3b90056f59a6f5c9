//! What the pages read, kept per organisation until something of it changes.
//!
//! Each request reads the ledger's clock first ([`theodoi_store::Store::clock`], one row), so a
//! change made by this server, another server over the same PostgreSQL database, or the CLI shows
//! at the next request. When the clock has moved, a [`Ledger`] is read again — only what every
//! request needs and no extraction: each document's organisation ([`crate::auth::Scope`] asks),
//! the links, and a stamp per document ([`theodoi_store::Store::document_stamps`]) telling
//! whether anything a page shows of it changed.
//!
//! What a page shows is read per organisation, when a page first asks for it: the organisation's
//! documents, the progress on their items (recorded, and read from reports through links), their
//! items' stable ids and the open findings about them — a [`Part`]. A part is kept while the
//! stamps of the documents it read stay as they were, so a write costs a re-read of the
//! organisation it touched, not of the ledger; and parts are kept for at most [`MAX_DOCS`]
//! documents (least recently asked go first), so the server's memory follows what is asked, not
//! the ledger's size. What a route computes for one scope (a role and an organisation: users alike
//! see alike) is kept in [`Views`] until the clock moves.

use std::any::Any;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use theodoi_core::{ItemKind, LedgerDocument, LinkRelation, ProgressUpdate};
use theodoi_store::{StoredFinding, StoredLink};

use crate::auth::{unit_key, DocKeys};
use crate::error::AppError;
use crate::Shared;

/// A part's organisation: its name as a key ([`unit_key`]); `None` for documents naming none.
pub type PartKey = Option<String>;

/// (document, kind, position): an item where its document's current version has it.
pub type ItemAt = (String, ItemKind, String);

/// What every request needs, read at one clock value (no extraction is read).
pub struct Ledger {
    /// The clock value it was read at (read before anything else).
    pub clock: i64,
    /// document → its organisation and parent, as keys and codes ([`crate::auth::Scope`] asks).
    pub(crate) units: HashMap<String, DocKeys>,
    /// Every stored link.
    pub links: Vec<StoredLink>,
    /// document → its stamp.
    stamps: HashMap<String, String>,
    /// organisation → its documents.
    by_key: HashMap<PartKey, Vec<String>>,
}

impl Ledger {
    async fn load(state: &Shared, clock: i64) -> Result<Ledger, AppError> {
        let store = &state.store;
        // The stamps first: a part read after them is at least as new as they say.
        let stamps: HashMap<String, String> =
            store.document_stamps().await?.into_iter().map(|s| (s.doc, s.stamp)).collect();
        let units: HashMap<String, DocKeys> = store
            .document_units()
            .await?
            .into_iter()
            .map(|d| {
                let keys = DocKeys {
                    org: d.org.as_deref().map(unit_key),
                    org_unit: d.org_unit,
                    parent: d.parent.as_deref().map(unit_key),
                    parent_unit: d.parent_unit,
                };
                (d.doc, keys)
            })
            .collect();
        let mut by_key: HashMap<PartKey, Vec<String>> = HashMap::new();
        for (doc, k) in &units {
            by_key.entry(k.org.clone()).or_default().push(doc.clone());
        }
        let links = store.links().await?;
        Ok(Ledger { clock, units, links, stamps, by_key })
    }

    /// The organisation `doc` is kept under.
    pub fn key_of(&self, doc: &str) -> Option<&PartKey> {
        self.units.get(doc).map(|k| &k.org)
    }

    /// Whether `part` still holds what this ledger's stamps say.
    fn holds(&self, key: &PartKey, part: &Part) -> bool {
        self.by_key.get(key).map_or(0, Vec::len) == part.own
            && part.stamps.iter().all(|(d, s)| self.stamps.get(d) == Some(s))
    }
}

/// One organisation's documents as its pages read them.
pub struct Part {
    /// Its documents' current versions, by name.
    pub docs: Vec<Arc<LedgerDocument>>,
    /// Progress in force on their items: recorded, and read from reports through links.
    pub progress: Vec<ProgressUpdate>,
    /// (document, kind, position) → indexes into `progress`.
    by_item: HashMap<ItemAt, Vec<usize>>,
    /// (document, kind, position) → stable id (`CT12`).
    codes: HashMap<ItemAt, String>,
    /// The open findings about its documents.
    pub open_findings: Vec<StoredFinding>,
    /// The stamp of every document it was read from (its own, and the reports it read results
    /// from), as the ledger said before they were read.
    stamps: Vec<(String, String)>,
    /// How many documents are its own.
    own: usize,
}

impl Part {
    /// The progress in force on one item.
    pub fn updates(&self, at: &ItemAt) -> impl Iterator<Item = &ProgressUpdate> {
        self.by_item.get(at).into_iter().flatten().map(|&n| &self.progress[n])
    }

    /// One item's stable id.
    pub fn code(&self, at: &ItemAt) -> Option<&String> {
        self.codes.get(at)
    }

    /// Every item's stable id.
    pub fn codes(&self) -> impl Iterator<Item = (&ItemAt, &String)> {
        self.codes.iter()
    }
}

/// Read the parts of the organisations `keys` (their documents listed in `ledger`) at once.
async fn read_parts(state: &Shared, ledger: &Ledger, keys: &[PartKey]) -> Result<Vec<(PartKey, Part)>, AppError> {
    let store = &state.store;
    let files: Vec<String> = keys.iter().flat_map(|k| ledger.by_key.get(k).into_iter().flatten().cloned()).collect();
    let docs = store.documents_named(&files).await?;
    let mut progress = store.progress_of_documents(&files).await?;
    let items = store.items_of_documents(&files).await?;
    let findings = store.findings_about(&["open"], &files).await?;
    // A report's result counts for the item it reports on (the same call the CLI's status makes);
    // reports of other organisations are read for it too.
    let mine: std::collections::HashSet<&str> = files.iter().map(String::as_str).collect();
    let reports: Vec<&theodoi_core::Link> = ledger
        .links
        .iter()
        .map(|l| &l.link)
        .filter(|l| l.relation == LinkRelation::ReportsOn && mine.contains(l.to.doc.as_str()))
        .collect();
    let others: Vec<String> = reports
        .iter()
        .map(|l| l.from.doc.clone())
        .filter(|d| !mine.contains(d.as_str()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let other_docs = store.documents_named(&others).await?;
    let by_name: HashMap<&str, &LedgerDocument> =
        docs.iter().chain(other_docs.iter()).map(|d| (d.file.as_str(), d)).collect();
    // A document's part depends on every report linked to it, whether it gives a result now or not.
    let mut report_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for l in &reports {
        report_of.entry(l.to.doc.as_str()).or_default().push(l.from.doc.as_str());
        progress.extend(theodoi_check::progress_from_link(l, |f| by_name.get(f).copied()));
    }
    let key = |doc: &str| ledger.key_of(doc).cloned().flatten();
    let mut parts: HashMap<PartKey, Part> = keys
        .iter()
        .map(|k| {
            let part = Part {
                docs: Vec::new(),
                progress: Vec::new(),
                by_item: HashMap::new(),
                codes: HashMap::new(),
                open_findings: Vec::new(),
                stamps: Vec::new(),
                own: 0,
            };
            (k.clone(), part)
        })
        .collect();
    let stamp = |d: &str| (d.to_string(), ledger.stamps.get(d).cloned().unwrap_or_default());
    for f in &files {
        if let Some(p) = parts.get_mut(&key(f)) {
            p.own += 1;
            p.stamps.push(stamp(f));
            for r in report_of.get(f.as_str()).into_iter().flatten() {
                p.stamps.push(stamp(r));
            }
        }
    }
    for d in docs {
        if let Some(p) = parts.get_mut(&key(&d.file)) {
            p.docs.push(Arc::new(d));
        }
    }
    for u in progress {
        if let Some(p) = parts.get_mut(&key(&u.item.doc)) {
            p.by_item.entry((u.item.doc.clone(), u.item.kind, u.item.id.clone())).or_default().push(p.progress.len());
            p.progress.push(u);
        }
    }
    for i in items {
        if let (Some(pos), Some(p)) = (i.position, parts.get_mut(&key(&i.doc))) {
            p.codes.insert((i.doc, i.kind, pos), i.code);
        }
    }
    for f in findings {
        let keys: BTreeSet<PartKey> =
            f.finding.evidence.iter().filter(|e| mine.contains(e.doc.as_str())).map(|e| key(&e.doc)).collect();
        for k in keys {
            if let Some(p) = parts.get_mut(&k) {
                p.open_findings.push(f.clone());
            }
        }
    }
    Ok(parts.into_iter().collect())
}

/// The most documents kept in parts: a city-wide ledger's few thousand documents fit (a city
/// view reads every part of its city: kept below its size, each city view after a write would read
/// the ledger again, and concurrent ones each read it — measured at 5,000 documents with 2,500
/// kept: 2 city views/s); past it the parts least recently asked for are dropped (and read again
/// when asked).
pub const MAX_DOCS: usize = 10_000;

/// The most views kept for one clock value (routes × scopes × query variants); past it the
/// map starts again (a burst of odd queries cannot grow memory without bound).
const MAX_VIEWS: usize = 512;

/// The ledger read at the latest clock, parts read from it, and views computed from them.
#[derive(Default)]
pub struct Cache {
    /// Held while a new clock's ledger is read, so concurrent requests wait for one read.
    ledger: tokio::sync::Mutex<Option<Arc<Ledger>>>,
    /// Held while parts are read, so concurrent requests read each part once.
    parts: tokio::sync::Mutex<Parts>,
    views: Mutex<Views>,
    /// The clock the search index was last brought in step at.
    search: tokio::sync::Mutex<Option<i64>>,
}

#[derive(Default)]
struct Parts {
    /// organisation → its part, and when it was last asked for.
    map: HashMap<PartKey, (Arc<Part>, u64)>,
    tick: u64,
}

#[derive(Default)]
struct Views {
    at: Option<(i64, NaiveDate)>,
    map: HashMap<String, Arc<dyn Any + Send + Sync>>,
}

impl Cache {
    /// The ledger as it is now: read again only when the clock has moved since it was last read.
    pub async fn ledger(&self, state: &Shared) -> Result<Arc<Ledger>, AppError> {
        let clock = state.store.clock().await?;
        let mut held = self.ledger.lock().await;
        // Not older than the clock read: a request that read the clock before a later one's
        // reload may use that reload (it holds at least what the clock promised).
        if let Some(l) = held.as_ref().filter(|l| l.clock >= clock) {
            return Ok(l.clone());
        }
        let l = Arc::new(Ledger::load(state, clock).await?);
        *held = Some(l.clone());
        Ok(l)
    }

    /// The parts of the organisations `keys` as `ledger` says they are: those kept and still
    /// holding as they were, the others read (all together).
    ///
    /// The reading runs as a task of its own: a request given up (its client gone, a timeout)
    /// does not cancel it, so what it read is kept for the next — a city's parts take seconds to
    /// read, and cancelled reads would leave each request to start them again.
    pub async fn parts(
        &self,
        state: &Shared,
        ledger: &Arc<Ledger>,
        keys: impl IntoIterator<Item = PartKey>,
    ) -> Result<HashMap<PartKey, Arc<Part>>, AppError> {
        let keys: BTreeSet<PartKey> = keys.into_iter().collect();
        let (state, ledger) = (state.clone(), ledger.clone());
        tokio::spawn(async move { state.cache.parts_now(&state, &ledger, keys).await })
            .await
            .map_err(|e| AppError::Internal(format!("reading the ledger: {e}")))?
    }

    async fn parts_now(
        &self,
        state: &Shared,
        ledger: &Ledger,
        keys: BTreeSet<PartKey>,
    ) -> Result<HashMap<PartKey, Arc<Part>>, AppError> {
        let mut parts = self.parts.lock().await;
        parts.tick += 1;
        let tick = parts.tick;
        let mut out = HashMap::with_capacity(keys.len());
        let mut missing = Vec::new();
        for k in keys {
            match parts.map.get_mut(&k) {
                Some((p, used)) if ledger.holds(&k, p) => {
                    *used = tick;
                    out.insert(k, p.clone());
                }
                _ => missing.push(k),
            }
        }
        if missing.is_empty() {
            return Ok(out);
        }
        for (k, p) in read_parts(state, ledger, &missing).await? {
            let p = Arc::new(p);
            parts.map.insert(k.clone(), (p.clone(), tick));
            out.insert(k, p);
        }
        // Keep at most MAX_DOCS documents, least recently asked first out; what this call asked
        // for stays (it is held by the caller anyway).
        let mut kept: usize = parts.map.values().map(|(p, _)| p.own).sum();
        if kept > MAX_DOCS {
            let mut by_age: Vec<(u64, PartKey, usize)> =
                parts.map.iter().map(|(k, (p, used))| (*used, k.clone(), p.own)).collect();
            by_age.sort_by_key(|(used, _, _)| *used);
            for (used, k, n) in by_age {
                if kept <= MAX_DOCS || used == tick {
                    break;
                }
                parts.map.remove(&k);
                kept -= n;
            }
        }
        Ok(out)
    }

    /// The view `key` of `ledger` on `today`, computed by `make` once per clock value.
    pub async fn view<T, F>(
        &self,
        ledger: &Ledger,
        today: NaiveDate,
        key: String,
        make: impl FnOnce() -> F,
    ) -> Result<Arc<T>, AppError>
    where
        T: Any + Send + Sync,
        F: std::future::Future<Output = Result<T, AppError>>,
    {
        let at = (ledger.clock, today);
        if let Some(hit) = self.get::<T>(at, &key) {
            return Ok(hit);
        }
        let made = Arc::new(make().await?);
        let mut v = self.views.lock().unwrap_or_else(|p| p.into_inner());
        if v.at == Some(at) {
            if v.map.len() >= MAX_VIEWS {
                v.map.clear();
            }
            v.map.insert(key, made.clone());
        }
        Ok(made)
    }

    /// A view kept at `at`; a later clock (or another day) empties what was kept.
    fn get<T: Any + Send + Sync>(&self, at: (i64, NaiveDate), key: &str) -> Option<Arc<T>> {
        let mut v = self.views.lock().unwrap_or_else(|p| p.into_inner());
        // A request holding an older ledger than the views' computes its own and keeps nothing.
        if v.at.is_none_or(|(c, d)| c < at.0 || d != at.1) {
            v.at = Some(at);
            v.map.clear();
        }
        if v.at != Some(at) {
            return None;
        }
        v.map.get(key).and_then(|h| h.clone().downcast::<T>().ok())
    }

    /// Bring the search index in step with the ledger at `clock`, unless it already is.
    pub async fn sync_search(&self, state: &Shared, clock: i64) -> Result<(), AppError> {
        let mut synced = self.search.lock().await;
        if synced.is_some_and(|c| c >= clock) {
            return Ok(());
        }
        match theodoi_search::sync(&state.index, &state.store).await {
            Ok(_) => *synced = Some(clock),
            // Another process is updating the index: search what it holds, and try again next time.
            Err(theodoi_search::SyncError::Search(theodoi_search::SearchError::Busy)) => {}
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }
}
