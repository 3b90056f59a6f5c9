//! Export → import of the whole ledger (`Store::dump`, `Store::load`): a restore into an empty ledger
//! gives the same ledger, table for table; another ward's export merges without clashes, and twice
//! changes nothing. On SQLite and on PostgreSQL (`THEODOI_TEST_PG`).

#[macro_use]
mod common;

use common::*;
use theodoi_core::*;
use theodoi_store::{LedgerDump, Store};

fn ward_program(file: &str, ward: &str, growth: f64) -> Extraction {
    let mut x = action_program(file, growth);
    x.org = Some(format!("Phường {ward}"));
    x.parent_org = Some("Đảng bộ thành phố Hà Nội".into());
    x
}

/// A ledger with two documents of one ward (one revised), progress with a correction, a link, a
/// reviewed finding.
async fn fill(store: &Store, ward: &str, tag: &str) {
    let a = format!("{tag}-ctr.txt");
    store.add(&import(&a, &format!("{tag}-sha-a1"), ward_program(&a, ward, 8.0))).await.expect("add a");
    store.add(&import(&a, &format!("{tag}-sha-a2"), ward_program(&a, ward, 9.0))).await.expect("revise a");
    let b = format!("{tag}-bc.txt");
    let mut xb = ward_program(&b, ward, 8.0);
    xb.doc_type = DocType::BaoCaoSoKet;
    store.add(&import(&b, &format!("{tag}-sha-b"), xb)).await.expect("add b");
    let item = store.resolve_item("CT1").await.ok();
    if let Some(item) = item {
        let p = |v: f64| ProgressUpdate {
            item: item.clone(),
            value: Some(v),
            done: false,
            date: "2026-03-31".into(),
            note: Some("ước tính".into()),
            user: Some("vanphong".into()),
            evidence: None,
        };
        store.add_progress_typed(&p(5.5), Some("5,5")).await.expect("progress");
        store.add_progress_with(&p(5.75), Some("5,75"), Some(true)).await.expect("correction");
    }
    let docs = store.documents(None).await.expect("docs");
    let links = theodoi_check::propose_links(&docs);
    store.propose_links(&links, "test").await.expect("links");
    let finding = Finding {
        kind: "fact_conflict".into(),
        severity: Severity::Warning,
        message_vi: format!("Số liệu của phường {ward} khác nhau"),
        message_en: "facts differ".into(),
        evidence: vec![ev(&a, 30, 30, "02 chỉ tiêu"), ev(&b, 30, 30, "02 chỉ tiêu")],
    };
    let rec = store.record_findings(&[finding], None, "test").await.expect("findings");
    store.review_finding(&rec.codes[0], "confirmed", Some("đã xem"), "tp").await.expect("review");
}

/// The dump without the moment it was made.
fn tables(d: &LedgerDump) -> Vec<theodoi_store::DumpTable> {
    d.tables.clone()
}

async fn round_trip(store: Store) {
    fill(&store, "Nam Đồng", "nd").await;
    let before = store.dump(None).await.expect("dump");
    for t in [
        "documents",
        "document_versions",
        "items",
        "targets",
        "tasks",
        "evidence",
        "progress_updates",
        "findings",
        "audit_log",
    ] {
        assert!(before.table(t).is_some_and(|t| !t.rows.is_empty()), "{t} has rows to compare");
    }
    // Through JSON text, as the CLI writes it.
    let text = serde_json::to_string(&before).expect("json");
    let back: LedgerDump = serde_json::from_str(&text).expect("read json");
    let dir = tempfile::tempdir().expect("dir");
    let fresh = fresh(store.backend() == theodoi_store::Backend::Postgres, &dir).await.expect("fresh");
    let out = fresh.load(&back, "test").await.expect("load");
    assert!(out.restored);
    let after = fresh.dump(None).await.expect("dump again");
    for (a, b) in tables(&before).iter().zip(tables(&after).iter()) {
        assert_eq!(a.columns, b.columns, "{}", a.name);
        assert_eq!(a.rows, b.rows, "table {} differs after the round trip", a.name);
    }
    assert_eq!(before.tables.len(), after.tables.len());
    // The restored ledger works: new rows get new ids past the restored ones.
    let x = ward_program("moi.txt", "Nam Đồng", 7.0);
    fresh.add(&import("moi.txt", "sha-moi", x)).await.expect("add after restore");
    assert_eq!(fresh.documents(None).await.expect("docs").len(), 3);
    // Loading the same export again merges nothing new.
    let again = fresh.load(&back, "test").await.expect("load again");
    assert!(!again.restored);
    assert!(again.added.iter().all(|(_, n)| *n == 0), "{:?}", again.added);
}
both!(export_then_import_gives_the_same_ledger, round_trip);

async fn merge(store: Store) {
    fill(&store, "Nam Đồng", "nd").await;
    let dir = tempfile::tempdir().expect("dir");
    let other = fresh(store.backend() == theodoi_store::Backend::Postgres, &dir).await.expect("other");
    // Another ward whose files have the same names as ours.
    fill(&other, "Tân Lập", "nd").await;
    let theirs = other.dump(None).await.expect("their dump");
    let ours_before = store.documents(None).await.expect("docs");
    let out = store.load(&theirs, "tp").await.expect("merge");
    assert!(!out.restored);
    assert_eq!(out.added.get("documents"), Some(&2), "{out:?}");
    assert_eq!(out.renamed.len(), 2, "same file names get new ones: {:?}", out.renamed);
    let docs = store.documents(None).await.expect("docs");
    assert_eq!(docs.len(), ours_before.len() + 2);
    // Our documents are untouched; theirs carry their new names in their evidence.
    for d in &ours_before {
        assert!(docs.contains(d), "{} unchanged", d.file);
    }
    for (_, new) in &out.renamed {
        let d = docs.iter().find(|d| &d.file == new).expect("renamed document");
        assert!(d.extraction.targets.iter().flat_map(|t| &t.evidence).all(|e| &e.doc == new));
        assert_eq!(d.extraction.org.as_deref(), Some("Phường Tân Lập"));
    }
    // Their progress came with them, on their items.
    let theirs_progress = store.progress().await.expect("progress");
    assert!(theirs_progress.iter().any(|p| out.renamed.iter().any(|(_, n)| &p.item.doc == n) && p.value == Some(5.75)));
    // Their reviewed finding came with its review.
    let f = store.findings_in(&["confirmed"], Some("Tân Lập")).await.expect("findings");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].reviewed_by.as_deref(), Some("tp"));
    // Merging the same export twice changes nothing.
    let again = store.load(&theirs, "tp").await.expect("merge again");
    assert!(again.added.values().all(|n| *n == 0), "{:?}", again.added);
    assert_eq!(again.known_documents.len(), 2);
    // Only one ward's part: --org.
    let part = store.dump(Some("Tân Lập")).await.expect("org dump");
    let names: Vec<&str> = part
        .table("documents")
        .map(|t| t.rows.iter().filter_map(|r| r[t.col("file_name").unwrap_or(0)].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names.len(), 2);
    assert!(names.iter().all(|n| n.contains('#')), "{names:?}");
    assert!(part.table("users").is_some_and(|t| t.rows.is_empty()));
}
both!(another_wards_export_merges_without_clashes, merge);

async fn bad(store: Store) {
    fill(&store, "Nam Đồng", "nd").await;
    let mut dump = store.dump(None).await.expect("dump");
    let before = store.dump(None).await.expect("dump");
    // A row whose values do not fit its columns is refused, naming the table and column, and nothing is written.
    let t = dump.tables.iter_mut().find(|t| t.name == "targets").expect("targets");
    let c = t.col("value").expect("value column");
    t.rows[0][c] = serde_json::Value::String("mười ba".into());
    let dir = tempfile::tempdir().expect("dir");
    let other = fresh(store.backend() == theodoi_store::Backend::Postgres, &dir).await.expect("other");
    let err = other.load(&dump, "t").await.expect_err("refused");
    assert!(err.to_string().contains("targets") && err.to_string().contains("value"), "{err}");
    assert!(other.documents(None).await.expect("docs").is_empty(), "nothing half-written");
    dump.format = "something-else".into();
    assert!(store.load(&dump, "t").await.is_err());
    let after = store.dump(None).await.expect("dump");
    assert_eq!(tables(&before), tables(&after));
}
both!(a_bad_export_is_refused_whole, bad);
