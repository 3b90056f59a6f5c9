//! Keeping an index in step with a ledger.

use std::path::{Path, PathBuf};

use crate::{DocText, SearchError, SearchIndex};

/// Where the index of the ledger at `location` lives: beside a SQLite file (`theodoi.db` →
/// `theodoi.db.search/`); for a PostgreSQL ledger, in `cache_dir/theodoi/search-<hash of its URL>`.
pub fn default_dir(location: &str, cache_dir: &Path) -> PathBuf {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        use sha2::Digest;
        let h = hex::encode(sha2::Sha256::digest(location.as_bytes()));
        return cache_dir.join("theodoi").join(format!("search-{}", &h[..16]));
    }
    let path = location.strip_prefix("sqlite://").unwrap_or(location);
    PathBuf::from(format!("{path}.search"))
}

/// Bring `index` in step with `store`'s current versions: index what is new or changed, drop what
/// left. Returns how many documents were (re)indexed or removed.
pub async fn sync(index: &SearchIndex, store: &theodoi_store::Store) -> Result<usize, SyncError> {
    let current = store.current_versions().await?;
    let plan = index.plan(&current)?;
    if plan.is_empty() {
        return Ok(0);
    }
    let texts = store.texts().await?;
    let orgs = store.document_orgs().await?;
    let org_of = |d: &str| orgs.iter().find(|(n, _, _)| n == d).and_then(|(_, o, _)| o.clone());
    let add: Vec<DocText> = plan
        .add
        .iter()
        .map(|name| {
            let version = current.iter().find(|(d, _)| d == name).map(|(_, v)| *v).unwrap_or(0);
            let lines = texts
                .iter()
                .find(|t| &t.doc == name && t.version == version)
                .map(|t| t.lines.iter().map(|l| (l.no, l.text.clone())).collect())
                .unwrap_or_default();
            DocText { doc: name.clone(), version, org: org_of(name), lines }
        })
        .collect();
    index.apply(&plan.remove, &add)?;
    Ok(plan.add.len() + plan.remove.len())
}

/// Why an index could not be brought in step.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The ledger failed.
    #[error(transparent)]
    Store(#[from] theodoi_store::StoreError),
    /// The index failed.
    #[error(transparent)]
    Search(#[from] SearchError),
}
