//! What the pages read, kept per ledger clock ([`theodoi_store::Store::clock`]).
//!
//! Every page and API call needs the documents the user may read, their items' stable ids, the
//! progress in force and the open findings. Read and parsed per request that was every
//! extraction of the ledger each time (2 requests/s for an overview over 1,000 documents). Here
//! they are read once per clock value into a [`Ledger`], and what a route computes from it for
//! one scope (a role and an organisation: users alike see alike) is kept in [`Views`] until the
//! clock moves. Each request reads the clock first — one query of one row — so a change made by
//! this server, another server over the same PostgreSQL database, or the CLI shows at the next
//! request; nothing is served from before it.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use theodoi_core::{ItemKind, LedgerDocument, LinkRelation, ProgressUpdate};
use theodoi_store::{StoredFinding, StoredLink};

use crate::auth::{unit_key, DocKeys};
use crate::error::AppError;
use crate::Shared;

/// The ledger as read at one clock value: everything a page reads, for every document.
pub struct Ledger {
    /// The clock value it was read at (read before anything else).
    pub clock: i64,
    /// Every document's current version, by name.
    pub docs: Vec<Arc<LedgerDocument>>,
    /// Progress in force on every item: recorded, and read from later documents through links.
    pub progress: Vec<ProgressUpdate>,
    /// (document, kind, position) → indexes into `progress`.
    pub by_item: HashMap<(String, ItemKind, String), Vec<usize>>,
    /// (document, kind, position) → stable id (`CT12`).
    pub codes: Arc<HashMap<(String, ItemKind, String), String>>,
    /// document → its organisation and parent, as keys and codes ([`crate::auth::Scope`] asks).
    pub(crate) units: Arc<HashMap<String, DocKeys>>,
    /// Every stored link.
    pub links: Vec<StoredLink>,
    /// The open findings.
    pub open_findings: Vec<StoredFinding>,
}

impl Ledger {
    async fn load(state: &Shared, clock: i64) -> Result<Ledger, AppError> {
        let store = &state.store;
        let docs = store.documents(None).await?;
        let links = store.links().await?;
        let reports: Vec<theodoi_core::Link> =
            links.iter().map(|l| l.link.clone()).filter(|l| l.relation == LinkRelation::ReportsOn).collect();
        let mut progress = store.progress().await?;
        // A report's result counts for the item it reports on (the same call the CLI's status makes).
        progress.extend(theodoi_check::progress_from_links(&docs, &reports));
        let mut by_item: HashMap<(String, ItemKind, String), Vec<usize>> = HashMap::new();
        for (n, u) in progress.iter().enumerate() {
            by_item.entry((u.item.doc.clone(), u.item.kind, u.item.id.clone())).or_default().push(n);
        }
        let codes =
            store.items(None).await?.into_iter().filter_map(|i| Some(((i.doc, i.kind, i.position?), i.code))).collect();
        let units = store
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
        let open_findings = store.findings_in(&["open"], None).await?;
        Ok(Ledger {
            clock,
            docs: docs.into_iter().map(Arc::new).collect(),
            progress,
            by_item,
            codes: Arc::new(codes),
            units: Arc::new(units),
            links,
            open_findings,
        })
    }
}

/// The most views kept for one clock value (routes × scopes × query variants); past it the
/// map starts again (a burst of odd queries cannot grow memory without bound).
const MAX_VIEWS: usize = 512;

/// The ledger read at the latest clock, and views computed from it.
#[derive(Default)]
pub struct Cache {
    /// Held while a new clock's ledger is read, so concurrent requests wait for one read.
    ledger: tokio::sync::Mutex<Option<Arc<Ledger>>>,
    views: Mutex<Views>,
    /// The clock the search index was last brought in step at.
    search: tokio::sync::Mutex<Option<i64>>,
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
