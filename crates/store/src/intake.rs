//! What `theodoi add` does after storing documents ([`Store::add_with_text`]), for the web upload:
//! propose links to the documents near them and re-check the organisations they belong to so the
//! open findings are current. (The CLI's add still has its own copy of these steps: to move it
//! here is left for a later change.)

use std::collections::BTreeSet;

use theodoi_core::{LedgerDocument, Link, ProgressUpdate};

use crate::identity::org_key;

/// The organisation a document is checked with: the ledger's key (a clerk's decision applied),
/// else its name as written.
fn group(d: &LedgerDocument) -> Option<String> {
    d.org_key.clone().or_else(|| org_key(d.extraction.org.as_deref()))
}
use crate::{Store, StoreError};

impl Store {
    /// After adding `touched` (documents added or given a new version): link their items to the
    /// targets they implement or report on, and re-check their organisations as of `today`
    /// (YYYY-MM-DD). Only the documents near the new ones are read; the names' weights stay
    /// ledger-wide, so the links are those a check over the whole ledger proposes. Returns the
    /// number of new links proposed.
    pub async fn after_add(&self, touched: &[String], actor: &str, today: &str) -> Result<usize, StoreError> {
        if touched.is_empty() {
            return Ok(0);
        }
        let docs = self.documents_near(touched).await?;
        // Collected first: an iterator with closures held across the await would make the future
        // not `Send` enough for an axum handler.
        let names: Vec<&str> = docs.iter().flat_map(|d| d.extraction.targets.iter().map(|t| t.name.as_str())).collect();
        let (n, df) = self.name_counts(names.iter().copied()).await?;
        let links = theodoi_check::propose_links_counted(&docs, touched, n, df);
        let new = self.propose_links(&links, actor).await?;
        let orgs: BTreeSet<Option<String>> = docs.iter().filter(|d| touched.contains(&d.file)).map(group).collect();
        let scope: Vec<LedgerDocument> = docs
            .into_iter()
            .filter(|d| orgs.contains(&group(d)) && (d.extraction.org.is_some() || touched.contains(&d.file)))
            .collect();
        let (progress, links) = self.all_progress(&scope).await?;
        let found = theodoi_check::run(&theodoi_check::Input {
            docs: &scope,
            progress: &progress,
            links: &links,
            today: Some(today),
        });
        let names: Vec<String> = scope.iter().map(|d| d.file.clone()).collect();
        self.record_findings(&found, Some(&names), actor).await?;
        Ok(new)
    }

    /// Progress stored by users plus progress read from later documents of `docs` through links.
    pub async fn all_progress(&self, docs: &[LedgerDocument]) -> Result<(Vec<ProgressUpdate>, Vec<Link>), StoreError> {
        let links: Vec<Link> = self.links().await?.into_iter().map(|l| l.link).collect();
        let mut progress = self.progress().await?;
        progress.extend(theodoi_check::progress_from_links(docs, &links));
        Ok((progress, links))
    }
}
