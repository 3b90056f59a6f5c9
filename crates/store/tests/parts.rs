//! What the web app reads of a few documents (`Store::progress_of_documents`, `items_of_documents`,
//! `findings_about`) and the stamps that tell it which documents changed — on SQLite and on
//! PostgreSQL (`THEODOI_TEST_PG`).

#[macro_use]
mod common;

use std::collections::HashMap;

use common::*;
use theodoi_core::{ItemKind, ItemRef, LinkRelation, LinkState, ProgressUpdate, Severity};
use theodoi_store::Store;

async fn stamps(store: &Store) -> HashMap<String, String> {
    store.document_stamps().await.expect("stamps").into_iter().map(|s| (s.doc, s.stamp)).collect()
}

/// The documents whose stamp differs between `a` and `b` (present in one only counts).
fn moved(a: &HashMap<String, String>, b: &HashMap<String, String>) -> Vec<String> {
    let mut v: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|d| a.get(*d) != b.get(*d))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    v.sort();
    v
}

fn progress(doc: &str, id: &str, date: &str, value: f64) -> ProgressUpdate {
    ProgressUpdate {
        item: ItemRef { doc: doc.into(), kind: ItemKind::Target, id: id.into() },
        value: Some(value),
        done: false,
        date: date.into(),
        note: None,
        user: Some("lan".into()),
        evidence: None,
    }
}

/// Each kind of write moves the stamps of the documents it touched, and no other's.
async fn stamps_move(store: Store) {
    for (f, sha) in [("a.txt", "1"), ("b.txt", "2"), ("c.txt", "3")] {
        store.add(&import(f, sha, action_program(f, 8.0))).await.expect("add");
    }
    let s0 = stamps(&store).await;
    assert_eq!(s0.len(), 3);
    assert_eq!(moved(&s0, &stamps(&store).await), Vec::<String>::new(), "a read moves nothing");
    store.add_progress(&progress("a.txt", "T10", "2026-01-05", 3.0)).await.expect("progress");
    let s1 = stamps(&store).await;
    assert_eq!(moved(&s0, &s1), ["a.txt"], "progress");
    store.add_progress_with(&progress("a.txt", "T10", "2026-01-05", 4.0), Some("4"), Some(true)).await.expect("fix");
    let s2 = stamps(&store).await;
    assert_eq!(moved(&s1, &s2), ["a.txt"], "a correction");
    let f = conflict(&["a.txt", "b.txt"], Severity::Warning);
    let rec = store.record_findings(&[f], None, "test").await.expect("findings");
    let s3 = stamps(&store).await;
    assert_eq!(moved(&s2, &s3), ["a.txt", "b.txt"], "a finding about two documents");
    store.review_finding(&rec.codes[0], "dismissed", Some("đã xem"), "lan").await.expect("review");
    let s4 = stamps(&store).await;
    assert_eq!(moved(&s3, &s4), ["a.txt", "b.txt"], "a review");
    let l = proposed_link("c.txt", "b.txt", LinkRelation::ReportsOn);
    store.propose_links(&[l], "test").await.expect("propose");
    let s5 = stamps(&store).await;
    assert_eq!(moved(&s4, &s5), ["b.txt", "c.txt"], "a link proposed");
    let id = store.links().await.expect("links")[0].id;
    store.decide_link(id, LinkState::Confirmed, "lan").await.expect("confirm");
    let s6 = stamps(&store).await;
    assert_eq!(moved(&s5, &s6), ["b.txt", "c.txt"], "a link confirmed");
    store.add(&import("c.txt", "3b", action_program("c.txt", 9.0))).await.expect("new version");
    let s7 = stamps(&store).await;
    assert_eq!(moved(&s6, &s7), ["c.txt"], "a new version");
    store.add(&import("d.txt", "4", action_program("d.txt", 8.0))).await.expect("add d");
    assert_eq!(moved(&s7, &stamps(&store).await), ["d.txt"], "a new document");
}
both!(a_write_moves_the_stamps_of_what_it_touched, stamps_move);

/// Read for a few documents, progress, items and findings are the whole ledger's, kept to them.
async fn named_reads(store: Store) {
    for (f, sha) in [("a.txt", "1"), ("b.txt", "2"), ("c.txt", "3")] {
        store.add(&import(f, sha, action_program(f, 8.0))).await.expect("add");
    }
    store.add_progress(&progress("b.txt", "T10", "2026-02-01", 2.0)).await.expect("progress");
    store.add_progress(&progress("a.txt", "T10", "2026-03-01", 5.0)).await.expect("progress");
    store.add_progress(&progress("a.txt", "T10", "2026-01-01", 1.0)).await.expect("progress");
    store.add_progress_with(&progress("a.txt", "T10", "2026-01-01", 1.5), None, Some(true)).await.expect("fix");
    let rec = store
        .record_findings(
            &[
                conflict(&["a.txt", "b.txt"], Severity::Warning),
                conflict(&["c.txt"], Severity::Error),
                conflict(&["a.txt"], Severity::Error),
            ],
            None,
            "test",
        )
        .await
        .expect("findings");
    store.review_finding(&rec.codes[2], "dismissed", None, "lan").await.expect("review");
    let want: Vec<String> = vec!["a.txt".into(), "b.txt".into()];
    let keep = |d: &str| want.iter().any(|w| w == d);

    let all = store.progress().await.expect("progress");
    let got = store.progress_of_documents(&want).await.expect("progress of a, b");
    let expect: Vec<ProgressUpdate> = all.into_iter().filter(|u| keep(&u.item.doc)).collect();
    assert_eq!(got, expect);
    assert_eq!(got.len(), 3, "the superseded entry is left out: {got:?}");
    assert_eq!(got[0].value, Some(1.5), "oldest first");

    let items = store.items_of_documents(&want).await.expect("items");
    let expect: Vec<_> = store.items(None).await.expect("items").into_iter().filter(|i| keep(&i.doc)).collect();
    assert!(!items.is_empty());
    assert_eq!(items, expect);

    let f = store.findings_about(&["open"], &want).await.expect("findings");
    let expect: Vec<_> = store
        .findings_in(&["open"], None)
        .await
        .expect("findings")
        .into_iter()
        .filter(|f| f.finding.evidence.iter().any(|e| keep(&e.doc)))
        .collect();
    assert_eq!(f, expect);
    assert_eq!(f.len(), 1, "the dismissed one is not open, c's is not about a or b: {f:?}");
    assert_eq!(store.findings_about(&["open", "dismissed"], &want).await.expect("findings").len(), 2);
    assert!(store.findings_about(&["open"], &[]).await.expect("none").is_empty());
    assert!(store.progress_of_documents(&["nope.txt".into()]).await.expect("none").is_empty());
}
both!(reads_of_a_few_documents_equal_the_ledgers_kept_to_them, named_reads);
