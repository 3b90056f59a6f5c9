//! `theodoi check` over the ledger one organisation at a time (`Store::run_checks`): the same
//! findings as [`theodoi_check::run`] over every document at once, without holding every
//! extraction in memory (a city of 5,000 documents held whole took over 600 MiB).
//!
//! Why it can: every check but the citations' compares a document only with itself and with the
//! documents of its own organisation (the ledger's organisation key), so each organisation's
//! documents are read, checked ([`theodoi_check::run_local`]) and dropped, keeping only their
//! citations, which [`theodoi_check::run_citations`] compares across the ledger at the end. The
//! progress a result gives its goal through a link comes from the result's document, which is in
//! the goal's organisation or names none: the documents naming none are read first and kept to the
//! end (checked last, when every link to them has been read).

use std::collections::{BTreeMap, HashMap, HashSet};

use theodoi_core::{Extraction, Finding, LedgerDocument, Link, ProgressUpdate};

use crate::{get_i64, get_opt_str, get_str, Store, StoreError};

/// What one check run found, and the documents it looked at (by name).
#[derive(Debug, Default)]
pub struct CheckRun {
    /// The findings, sorted as [`theodoi_check::run`] sorts them.
    pub findings: Vec<Finding>,
    /// The documents checked, by name in the ledger.
    pub documents: Vec<String>,
}

impl Store {
    /// Run every check over the current documents (those of `org` when given, as
    /// [`Store::documents`] selects them) with the progress users recorded and the progress
    /// trusted links read from results, as of `today` (YYYY-MM-DD): the findings
    /// [`theodoi_check::run`] gives over [`Store::documents`], read one organisation at a time.
    pub async fn run_checks(&self, org: Option<&str>, today: &str) -> Result<CheckRun, StoreError> {
        let (groups, keyless) = self.check_groups(org).await?;
        let links: Vec<Link> = self.links().await?.into_iter().map(|l| l.link).collect();
        // Users' progress by document, in the order stored (the order the checks read it in).
        let mut user: HashMap<String, Vec<ProgressUpdate>> = HashMap::new();
        for p in self.progress().await? {
            user.entry(p.item.doc.clone()).or_default().push(p);
        }
        // Progress read through each link, filled as the result's document is read.
        let mut linked: Vec<Option<ProgressUpdate>> = vec![None; links.len()];
        let read_links =
            |linked: &mut [Option<ProgressUpdate>], docs: &[LedgerDocument], keyless: &[LedgerDocument]| {
                let by_file: HashMap<&str, &LedgerDocument> =
                    docs.iter().chain(keyless).map(|d| (d.file.as_str(), d)).collect();
                for (l, slot) in links.iter().zip(linked.iter_mut()) {
                    if slot.is_none() {
                        *slot = theodoi_check::progress_from_link(l, |f| by_file.get(f).copied());
                    }
                }
            };
        let progress_of = |docs: &[LedgerDocument], linked: &[Option<ProgressUpdate>]| -> Vec<ProgressUpdate> {
            let files: HashSet<&str> = docs.iter().map(|d| d.file.as_str()).collect();
            let mut out: Vec<ProgressUpdate> = Vec::new();
            for d in docs {
                out.extend(user.get(&d.file).into_iter().flatten().cloned());
            }
            // (Each item's entries stay in the order stored, then those read through links in
            // the links' order: what the checks read per item from the whole ledger's lists.)
            out.extend(linked.iter().flatten().filter(|p| files.contains(p.item.doc.as_str())).cloned());
            out
        };
        let keyless_docs = self.documents_with_ids(&keyless).await?;
        read_links(&mut linked, &[], &keyless_docs);

        let mut findings = Vec::new();
        let mut citing: Vec<LedgerDocument> = Vec::new();
        let mut restored: HashSet<String> = HashSet::new();
        let mut names = Vec::new();
        let mut check = |docs: Vec<LedgerDocument>, progress: Vec<ProgressUpdate>| {
            findings.extend(theodoi_check::run_local(&theodoi_check::Input {
                docs: &docs,
                progress: &progress,
                links: &links,
                today: Some(today),
            }));
            for d in docs {
                names.push(d.file.clone());
                if d.restored {
                    restored.insert(d.file.clone());
                }
                citing.push(citations_only(d));
            }
        };
        for ids in &groups {
            let docs = self.documents_with_ids(ids).await?;
            read_links(&mut linked, &docs, &keyless_docs);
            let progress = progress_of(&docs, &linked);
            check(docs, progress);
        }
        let progress = progress_of(&keyless_docs, &linked);
        check(keyless_docs, progress);
        citing.sort_by(|a, b| a.file.cmp(&b.file));
        findings.extend(theodoi_check::run_citations(&citing));
        let restored: HashSet<&str> = restored.iter().map(String::as_str).collect();
        theodoi_check::finish(&mut findings, &restored);
        names.sort();
        Ok(CheckRun { findings, documents: names })
    }

    /// The current documents `run_checks` reads (all, or those `org` selects) as row ids, grouped
    /// by the ledger's organisation key (groups in the order of their first document's name),
    /// and those without a key apart.
    async fn check_groups(&self, org: Option<&str>) -> Result<(Vec<Vec<i64>>, Vec<i64>), StoreError> {
        let rows = sqlx::query(
            "SELECT d.id, d.file_name, d.org_key, o.name_folded AS org, p.name_folded AS parent FROM documents d \
             LEFT JOIN organisations o ON o.id = d.org_id LEFT JOIN organisations p ON p.id = o.parent_id",
        )
        .fetch_all(&self.pool)
        .await?;
        let want = org.map(crate::orgs::OrgFilter::new);
        let mut docs: Vec<(String, i64, Option<String>)> = Vec::with_capacity(rows.len());
        for r in &rows {
            if let Some(want) = &want {
                if !want.selects_row(r)? {
                    continue;
                }
            }
            docs.push((get_str(r, "file_name")?, get_i64(r, "id")?, get_opt_str(r, "org_key")?));
        }
        docs.sort();
        let mut groups: BTreeMap<usize, Vec<i64>> = BTreeMap::new();
        let mut first: HashMap<String, usize> = HashMap::new();
        let mut keyless = Vec::new();
        for (i, (_, id, key)) in docs.into_iter().enumerate() {
            match key {
                Some(k) => {
                    let at = *first.entry(k).or_insert(i);
                    groups.entry(at).or_default().push(id);
                }
                None => keyless.push(id),
            }
        }
        Ok((groups.into_values().collect(), keyless))
    }

    /// The current version of the documents with these row ids, by name.
    pub(crate) async fn documents_with_ids(&self, ids: &[i64]) -> Result<Vec<LedgerDocument>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let sql = crate::ledger::current_documents_sql("id", chunk.len());
            let sql = crate::positional(self.backend, &sql);
            let mut q = sqlx::query(&sql).persistent(false);
            for id in chunk {
                q = q.bind(*id);
            }
            for row in q.fetch_all(&self.pool).await? {
                out.push(crate::ledger::ledger_document(&row)?);
            }
        }
        out.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(out)
    }
}

/// A checked document kept for the citation checks: its citations, organisation and date only.
fn citations_only(d: LedgerDocument) -> LedgerDocument {
    let x = d.extraction;
    LedgerDocument {
        extraction: Extraction {
            doc: x.doc,
            doc_type: x.doc_type,
            org: x.org,
            parent_org: x.parent_org,
            citations: x.citations,
            ..Extraction::default()
        },
        ..d
    }
}
