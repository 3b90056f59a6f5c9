//! What the ledger derives from its rows to answer quickly, kept in step by [`Store::add`] in its
//! own transaction (and rebuilt by migration 8 and after an import):
//!
//! - `version_summaries`: each version's organisation, targets and tasks without their evidence —
//!   what `status` reads ([`Store::tracked`]) instead of parsing every extraction in full;
//! - `name_features`: in how many target names of the current versions each name feature
//!   ([`theodoi_check::name_features`]) occurs, the feature `''` counting the names — the population
//!   link proposals weigh names against ([`Store::name_counts`]), so an `add` reads the counts of
//!   its own names' features instead of every target name of the ledger;
//! - `finding_documents`: the documents each finding's evidence names — how a re-check after `add`
//!   finds the stored findings about the documents it looked at.

use std::collections::{BTreeMap, HashMap};

use sqlx::{Any, Transaction};
use theodoi_core::Extraction;

use crate::{get_i64, get_str, nfc, Store, StoreError};

/// The key of `name_features` that counts the names (no feature is empty).
const NAMES: &str = "";

/// An extraction as its summary keeps it: organisation, kind, targets and tasks without evidence.
pub(crate) fn summary_of(x: &Extraction) -> Extraction {
    let mut targets = x.targets.clone();
    targets.iter_mut().for_each(|t| t.evidence.clear());
    let mut tasks = x.tasks.clone();
    tasks.iter_mut().for_each(|t| t.evidence.clear());
    Extraction {
        doc: x.doc.clone(),
        doc_type: x.doc_type,
        org: x.org.clone(),
        parent_org: x.parent_org.clone(),
        targets,
        tasks,
        ..Extraction::default()
    }
}

/// Keep the summary of version row `version_id`, whose extraction is `x`.
pub(crate) async fn write_summary(
    tx: &mut Transaction<'static, Any>,
    version_id: i64,
    x: &Extraction,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO version_summaries (version_id, summary_json) VALUES ($1, $2) ON CONFLICT (version_id) DO NOTHING",
    )
    .bind(version_id)
    .bind(nfc(&serde_json::to_string(&summary_of(x))?))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Changes to the name-feature counts not yet written, by feature.
pub(crate) type NameDelta = BTreeMap<String, i64>;

/// A current version's target names change: `removed` leave the population, `added` join it —
/// added to `delta`, written by [`write_counts`].
pub(crate) fn name_delta(delta: &mut NameDelta, removed: &[&str], added: &[&str]) {
    for (names, sign) in [(removed, -1), (added, 1)] {
        for name in names {
            *delta.entry(NAMES.to_string()).or_insert(0) += sign;
            for f in theodoi_check::name_features(name) {
                *delta.entry(f).or_insert(0) += sign;
            }
        }
    }
}

/// A current version's target names change: `removed` leave the population, `added` join it.
pub(crate) async fn count_names(
    tx: &mut Transaction<'static, Any>,
    removed: &[&str],
    added: &[&str],
) -> Result<(), StoreError> {
    let mut delta = NameDelta::new();
    name_delta(&mut delta, removed, added);
    write_counts(tx, delta).await
}

/// Write the changes `delta` holds to the stored counts.
pub(crate) async fn write_counts(tx: &mut Transaction<'static, Any>, mut delta: NameDelta) -> Result<(), StoreError> {
    delta.retain(|_, n| *n != 0);
    add_counts(tx, &delta).await
}

/// Add `delta` to the stored counts, a few hundred features per statement.
async fn add_counts(tx: &mut Transaction<'static, Any>, delta: &BTreeMap<String, i64>) -> Result<(), StoreError> {
    let pairs: Vec<(&String, &i64)> = delta.iter().collect();
    for chunk in pairs.chunks(400) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2)).collect();
        let sql = format!(
            "INSERT INTO name_features (feature, n) VALUES {} \
             ON CONFLICT (feature) DO UPDATE SET n = name_features.n + excluded.n",
            values.join(", ")
        );
        let sql = crate::positional(crate::backend_of(tx), &sql);
        let mut q = sqlx::query(&sql).persistent(false);
        for (f, n) in chunk {
            q = q.bind(f.as_str()).bind(**n);
        }
        q.execute(&mut **tx).await?;
    }
    if delta.values().any(|n| *n < 0) {
        sqlx::query("DELETE FROM name_features WHERE n <= 0").execute(&mut **tx).await?;
    }
    Ok(())
}

/// Fill what is derived from the rows: a summary for every current version without one, the
/// name-feature counts recounted from the current versions' targets, each finding's documents. For ledgers made before
/// migration 8 and after an import (which writes rows table by table).
pub(crate) async fn rebuild(tx: &mut Transaction<'static, Any>) -> Result<(), StoreError> {
    let rows = sqlx::query(
        "SELECT v.id, v.extraction_json FROM documents d \
         JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version \
         WHERE NOT EXISTS (SELECT 1 FROM version_summaries s WHERE s.version_id = v.id)",
    )
    .fetch_all(&mut **tx)
    .await?;
    for r in rows {
        let x: Extraction = serde_json::from_str(&get_str(&r, "extraction_json")?)?;
        write_summary(tx, get_i64(&r, "id")?, &x).await?;
    }
    sqlx::query("DELETE FROM name_features").execute(&mut **tx).await?;
    let names = sqlx::query(
        "SELECT t.name FROM targets t JOIN document_versions v ON v.id = t.version_id \
         JOIN documents d ON d.id = v.document_id AND d.current_version = v.version",
    )
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| get_str(r, "name"))
    .collect::<Result<Vec<String>, _>>()?;
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    count_names(tx, &[], &names).await?;
    sqlx::query("DELETE FROM finding_documents").execute(&mut **tx).await?;
    let findings = sqlx::query("SELECT id, evidence_json FROM findings").fetch_all(&mut **tx).await?;
    for r in findings {
        let evidence: Vec<theodoi_core::Evidence> = serde_json::from_str(&get_str(&r, "evidence_json")?)?;
        finding_documents(tx, get_i64(&r, "id")?, &evidence).await?;
    }
    Ok(())
}

/// Record the documents finding row `id`'s evidence names.
pub(crate) async fn finding_documents(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    evidence: &[theodoi_core::Evidence],
) -> Result<(), StoreError> {
    let mut docs: Vec<String> = evidence.iter().map(|e| nfc(&e.doc)).collect();
    docs.sort_unstable();
    docs.dedup();
    let rows: Vec<(i64, String)> = docs.into_iter().map(|d| (id, d)).collect();
    finding_documents_batch(tx, &rows).await
}

/// Record (finding row, document) pairs, a few hundred per statement.
pub(crate) async fn finding_documents_batch(
    tx: &mut Transaction<'static, Any>,
    rows: &[(i64, String)],
) -> Result<(), StoreError> {
    for chunk in rows.chunks(400) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2)).collect();
        let sql = format!(
            "INSERT INTO finding_documents (finding_id, doc) VALUES {} ON CONFLICT (finding_id, doc) DO NOTHING",
            values.join(", ")
        );
        let sql = crate::positional(crate::backend_of(tx), &sql);
        let mut q = sqlx::query(&sql).persistent(false);
        for (id, doc) in chunk {
            q = q.bind(*id).bind(doc.as_str());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

impl Store {
    /// The population link proposals weigh names against, as counts: how many target names the
    /// current versions hold, and in how many of them each feature of `names` occurs (features no
    /// name holds are left out) — what [`theodoi_check::propose_links_counted`] takes; the same
    /// figures as counting over [`Store::target_names`], without reading them.
    pub async fn name_counts<'a>(
        &self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<(usize, HashMap<String, usize>), StoreError> {
        let mut features: Vec<String> = names.into_iter().flat_map(theodoi_check::name_features).collect();
        features.sort_unstable();
        features.dedup();
        features.insert(0, NAMES.to_string());
        let mut df = HashMap::with_capacity(features.len());
        for chunk in features.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!("SELECT feature, n FROM name_features WHERE feature IN ({})", marks.join(", "));
            let sql = crate::positional(self.backend, &sql);
            let mut q = sqlx::query(&sql).persistent(false);
            for f in chunk {
                q = q.bind(f.as_str());
            }
            for r in q.fetch_all(&self.pool).await? {
                let n = usize::try_from(get_i64(&r, "n")?).unwrap_or(0);
                df.insert(get_str(&r, "feature")?, n);
            }
        }
        let n = df.remove(NAMES).unwrap_or(0);
        Ok((n, df))
    }
}
