//! Document and item identity, sources, findings that do not collapse, reviews — issue 11's cases,
//! on SQLite and on PostgreSQL (`THEODOI_TEST_PG`).

#[macro_use]
mod common;

use common::*;
use theodoi_core::*;
use theodoi_store::{AddOutcome, Import, Store};

/// A report text of `n` invented sentences about a ward; `edit` changes sentence `edit` only.
fn text(ward: &str, n: usize, edit: Option<usize>) -> String {
    (0..n)
        .map(|i| {
            if Some(i) == edit {
                format!("Đoạn {i}: nội dung này đã được sửa lại hoàn toàn khác trước.\n")
            } else {
                format!("Đoạn {i} của phường {ward}: kết quả thực hiện nhiệm vụ số {} trong năm.\n", i * 13 % 97)
            }
        })
        .collect()
}

/// An import of `file` read as `format` from `body`, with the action program's items.
fn read(file: &str, sha: &str, format: &str, body: &str, x: Extraction) -> Import {
    let w = theodoi_store::identity::words(body.lines());
    let mut imp = import(file, sha, x);
    imp.text_sha256 = Some(theodoi_store::identity::text_sha256(&w));
    imp.sketch = theodoi_store::identity::sketch(&w);
    imp.format = format.into();
    imp
}

fn ward_program(file: &str, ward: &str) -> Extraction {
    let mut x = action_program(file, 8.0);
    x.org = Some(format!("Phường {ward}"));
    x
}

both!(two_wards_same_file_name_are_two_documents, two_wards);
async fn two_wards(store: Store) {
    let a = read("BaoCao.txt", "a1", "text", &text("Nam Đồng", 60, None), ward_program("BaoCao.txt", "Nam Đồng"));
    let b = read("BaoCao.txt", "b1", "text", &text("Kiến An", 60, None), ward_program("BaoCao.txt", "Kiến An"));
    assert_eq!(store.add(&a).await.expect("add a"), AddOutcome::Added { document: "BaoCao.txt".into(), version: 1 });
    let out = store.add(&b).await.expect("add b");
    assert_eq!(out, AddOutcome::Added { document: "BaoCao.txt#2".into(), version: 1 });
    let docs = store.documents(None).await.expect("documents");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].extraction.org.as_deref(), Some("Phường Kiến An"));
    assert!(docs[1].extraction.targets.iter().all(|t| t.evidence.iter().all(|e| e.doc == "BaoCao.txt#2")));
    assert_eq!(store.documents(Some("Nam Dong")).await.expect("by org").len(), 1);
    assert_eq!(store.documents(Some("Kien An")).await.expect("by org")[0].file, "BaoCao.txt#2");
    // Each ward's items are its own.
    let kien_an = store.resolve_item("BaoCao.txt#2:T10").await.expect("resolve");
    assert_eq!(kien_an.doc, "BaoCao.txt#2");
}

both!(a_revision_is_a_new_version_with_its_diff, revision);
async fn revision(store: Store) {
    let v1 = read("ctr.txt", "r1", "text", &text("Nam Đồng", 80, None), action_program("ctr.txt", 8.0));
    store.add(&v1).await.expect("v1");
    // Renamed file, one paragraph rewritten and the budget figure changed: the same document.
    let v2 = read("ctr_sua.txt", "r2", "text", &text("Nam Đồng", 80, Some(5)), action_program("ctr_sua.txt", 10.0));
    let out = store.add(&v2).await.expect("v2");
    let AddOutcome::NewVersion { document, version, changes } = out else { panic!("expected a version: {out:?}") };
    assert_eq!((document.as_str(), version), ("ctr.txt", 2));
    assert!(changes.iter().any(|c| c.change == "value_changed" && c.item_name.starts_with("Thu ngân sách")));
    let docs = store.documents(None).await.expect("documents");
    assert_eq!(docs.len(), 1);
    // Another document of the same ward, with a different text: its own document.
    let body: String =
        (0..80).map(|i| format!("Mục {i}: công tác dân vận và mặt trận, tổ {}.\n", i * 7 % 31)).collect();
    let other = read("bc.txt", "o1", "text", &body, action_program("bc.txt", 8.0));
    assert!(matches!(store.add(&other).await.expect("other"), AddOutcome::Added { .. }));
    // Monthly reports on one template: alike texts, but their numbers differ — two documents.
    let mut may = read("thang.txt", "m5", "text", &text("Nam Đồng", 80, Some(3)), action_program("thang.txt", 8.0));
    may.number = Some("25-BC/ĐU".into());
    let mut june = read("thang.txt", "m6", "text", &text("Nam Đồng", 80, Some(4)), action_program("thang.txt", 8.0));
    june.number = Some("31-BC/ĐU".into());
    assert!(matches!(store.add(&may).await.expect("may"), AddOutcome::NewVersion { .. }), "no number on v1 of ctr.txt");
    assert!(matches!(store.add(&june).await.expect("june"), AddOutcome::Added { .. }));
}

both!(the_same_document_from_another_source_is_one_document, sources);
async fn sources(store: Store) {
    let body = text("Nam Đồng", 100, None);
    let docx = read("ctr.docx", "d1", "docx", &body, action_program("ctr.docx", 8.0));
    store.add(&docx).await.expect("docx");
    // The PDF of it: the same words (wrapped differently), other bytes.
    let wrapped = body.replace(": ", ":\n");
    let pdf = read("ctr.pdf", "p1", "pdf", &wrapped, action_program("ctr.pdf", 8.0));
    let out = store.add(&pdf).await.expect("pdf");
    assert_eq!(out, AddOutcome::Source { document: "ctr.docx".into(), version: 1, similarity: None });
    // A scan restored from OCR, its organisation misread and some words damaged.
    let damaged: String =
        body.lines().enumerate().map(|(i, l)| if i % 5 == 0 { "x y z\n".into() } else { format!("{l}\n") }).collect();
    let mut scan_x = action_program("ctr_scan.txt", 8.0);
    scan_x.org = Some("Phường Nam Đông".into());
    let mut scan = read("ctr_scan.txt", "s1", "text", &damaged, scan_x);
    scan.restored = true;
    let out = store.add(&scan).await.expect("scan");
    assert!(matches!(&out, AddOutcome::Source { document, .. } if document == "ctr.docx"), "{out:?}");
    assert_eq!(store.documents(None).await.expect("documents").len(), 1, "one document, three sources");
    assert!(matches!(store.add(&pdf).await.expect("again"), AddOutcome::Unchanged { .. }));
    let audit = store.audit_log().await.expect("audit");
    assert_eq!(audit.iter().filter(|a| a.action == "add_source").count(), 2);
    // Two OCR readings of another ward's scan, damaged in different places: one document.
    let other: String = (0..100)
        .map(|i| format!("Mục {i}: phường Kiến An rà soát hộ kinh doanh, tổ dân phố {}.\n", i * 11 % 53))
        .collect();
    let ocr = |file: &str, sha: &str, every: usize| {
        let t: String = other
            .lines()
            .enumerate()
            .map(|(i, l)| if i % every == 1 { "q w e\n".into() } else { format!("{l}\n") })
            .collect();
        let mut x = action_program(file, 8.0);
        x.org = Some("Phường Kiến An".into());
        let mut imp = read(file, sha, "text", &t, x);
        imp.restored = true;
        imp
    };
    assert!(matches!(store.add(&ocr("scan_a.txt", "ka", 5)).await.expect("a"), AddOutcome::Added { .. }));
    let out = store.add(&ocr("scan_b.txt", "kb", 7)).await.expect("b");
    assert!(matches!(&out, AddOutcome::Source { document, .. } if document == "scan_a.txt"), "{out:?}");
}

both!(progress_follows_the_item_not_its_position, item_identity);
async fn item_identity(store: Store) {
    let doc = "ctr.txt";
    let mut x = action_program(doc, 8.0);
    let mut grdp = x.targets[0].clone();
    grdp.id = "T1".into();
    grdp.name = "Tốc độ tăng trưởng kinh tế".into();
    grdp.value = Some(7.5);
    x.targets.insert(0, grdp);
    store.add(&import(doc, "v1", x.clone())).await.expect("v1");
    let budget = store.find_item("004:T10").await;
    assert!(budget.is_err(), "no document 004");
    let budget = store.find_item("ctr.txt:T10").await.expect("budget");
    assert!(budget.code.starts_with("CT"), "{budget:?}");
    let poverty = store.find_item("ctr.txt:T20").await.expect("poverty");
    let p = |item: ItemRef, v: f64| ProgressUpdate {
        item,
        value: Some(v),
        done: false,
        date: "2026-06-30".into(),
        note: None,
        user: Some("an".into()),
        evidence: None,
    };
    store.add_progress(&p(store.resolve_item("ctr.txt:T10").await.expect("t10"), 9.1)).await.expect("budget value");
    store.add_progress(&p(store.resolve_item(&poverty.code).await.expect("by code"), 1.2)).await.expect("poverty");
    // v2: the growth clause deleted, the rest renumbered; the poverty target deleted too.
    let mut y = x.clone();
    y.targets.remove(0);
    y.targets.retain(|t| t.id != "T20");
    y.targets[0].id = "T1".into();
    let out = store.add(&import(doc, "v2", y)).await.expect("v2");
    assert!(matches!(out, AddOutcome::NewVersion { version: 2, .. }));
    let progress = store.progress().await.expect("progress");
    let budget_now = progress.iter().find(|u| u.value == Some(9.1)).expect("budget value kept");
    assert_eq!(budget_now.item.id, "T1", "the value follows the budget target to its new position");
    let docs = store.documents(None).await.expect("documents");
    let t1 = docs[0].extraction.targets.iter().find(|t| t.id == "T1").expect("T1");
    assert!(t1.name.starts_with("Thu ngân sách"), "{}", t1.name);
    assert_eq!(store.find_item("ctr.txt:T1").await.expect("budget now").code, budget.code, "same identity");
    // The removed target keeps its history.
    let gone = store.find_item(&poverty.code).await.expect("removed item is found by its id");
    assert_eq!((gone.position.as_deref(), gone.removed_in), (None, Some(2)));
    assert_eq!(store.progress_of(&poverty.code).await.expect("history").len(), 1);
    let err = store.resolve_item(&poverty.code).await.expect_err("no new progress on a removed item");
    assert!(err.to_string().contains("version 2"), "{err}");
    assert!(progress.iter().all(|u| u.value != Some(1.2) || u.item.id == poverty.code), "{progress:?}");
}

both!(links_follow_items, links_follow);
async fn links_follow(store: Store) {
    store.add(&import("nq.txt", "n1", action_program("nq.txt", 8.0))).await.expect("nq");
    let mut x = action_program("ctr.txt", 8.0);
    let mut extra = x.targets[1].clone();
    extra.id = "T1".into();
    extra.name = "Số doanh nghiệp thành lập mới".into();
    x.targets.insert(0, extra);
    store.add(&import("ctr.txt", "c1", x.clone())).await.expect("ctr");
    let l = proposed_link("ctr.txt", "nq.txt", LinkRelation::Implements);
    assert_eq!(store.propose_links(&[l], "test").await.expect("propose"), 1);
    x.targets.remove(0);
    x.targets[0].id = "T5".into();
    store.add(&import("ctr.txt", "c2", x)).await.expect("v2");
    let links = store.links().await.expect("links");
    assert_eq!(links[0].link.from.id, "T5", "the link follows the budget target");
}

both!(findings_do_not_collapse_and_reviews_stick, findings_review);
async fn findings_review(store: Store) {
    store.add(&import("a.txt", "1", action_program("a.txt", 8.0))).await.expect("add");
    let f = |en: &str, sev| Finding {
        kind: "citation_conflict".into(),
        severity: sev,
        message_vi: en.into(),
        message_en: en.into(),
        evidence: vec![ev("a.txt", 7, 7, "18-NQ/TU"), ev("a.txt", 40, 40, "18-NQ/TU")],
    };
    let date = f("Document 18-NQ/TU is cited with different dates: 2020-05-12, 2020-06-12.", Severity::Warning);
    let issuer = f("Document 18-NQ/TU is cited with different issuers: Thành ủy, Tỉnh ủy.", Severity::Info);
    let r = store.record_findings(&[date.clone(), issuer.clone()], None, "check").await.expect("record");
    assert_eq!(r.new, 2, "a date conflict and an issuer conflict of one citation are two findings");
    assert_ne!(r.codes[0], r.codes[1]);
    // Reworded, same facts: the same finding.
    let reworded = f("18-NQ/TU cited with two dates: 2020-05-12 and 2020-06-12", Severity::Warning);
    let r2 = store.record_findings(&[reworded, issuer.clone()], None, "check").await.expect("again");
    assert_eq!((r2.new, r2.resolved), (0, 0));
    assert_eq!(r2.codes, r.codes);
    let reviewed =
        store.review_finding(&r.codes[1], "dismissed", Some("cùng một văn bản"), "lan").await.expect("review");
    assert_eq!(reviewed.state, "dismissed");
    store.record_findings(&[date.clone(), issuer], None, "check").await.expect("re-check");
    let open = store.open_findings().await.expect("open");
    assert_eq!(
        open.iter().map(|o| o.code.clone()).collect::<Vec<_>>(),
        vec![r.codes[0].clone()],
        "dismissed stays dismissed"
    );
    let audit = store.audit_log().await.expect("audit");
    assert!(audit.iter().any(|a| a.action == "finding_reviewed" && a.actor == "lan" && a.entity_id == r.codes[1]));
    assert!(store.review_finding("PH999999", "confirmed", None, "lan").await.is_err());
    assert!(store.review_finding(&r.codes[0], "maybe", None, "lan").await.is_err());
    // By organisation.
    assert_eq!(store.open_findings_for(Some("Nam Dong")).await.expect("org").len(), 1);
    assert!(store.open_findings_for(Some("Kiến An")).await.expect("org").is_empty());
}

both!(backup_copies_everything, backup);
async fn backup(store: Store) {
    store.add(&import("a.txt", "1", action_program("a.txt", 8.0))).await.expect("add");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("copy.db").display().to_string();
    match store.backend() {
        theodoi_store::Backend::Postgres => {
            let err = store.backup(&path).await.expect_err("pg_dump hint");
            assert!(err.to_string().contains("pg_dump"), "{err}");
        }
        theodoi_store::Backend::Sqlite => {
            store.backup(&path).await.expect("backup");
            assert!(store.backup(&path).await.is_err(), "an existing file is not overwritten");
            let copy = Store::open_existing(&path).await.expect("open copy");
            assert_eq!(copy.documents(None).await.expect("docs").len(), 1);
            assert_eq!(copy.items(None).await.expect("items").len(), 3);
        }
    }
}

#[tokio::test]
async fn a_ledger_of_the_previous_schema_opens_and_keeps_its_progress() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    sqlx::any::install_default_drivers();
    {
        let mut c = sqlx::AnyConnection::connect(&url).await.expect("connect");
        sqlx::raw_sql(
            "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL);
             INSERT INTO schema_migrations VALUES (1, 'x'), (2, 'x');",
        )
        .execute(&mut c)
        .await
        .expect("migrations table");
        sqlx::raw_sql(include_str!("../migrations/sqlite/0001_ledger.sql")).execute(&mut c).await.expect("v1");
        sqlx::raw_sql(include_str!("../migrations/sqlite/0002_restored.sql")).execute(&mut c).await.expect("v2");
        let x = serde_json::to_string(&action_program("004.txt", 8.0)).expect("json");
        sqlx::query("INSERT INTO documents (id, file_name, doc_type, current_version) VALUES (1, '004.txt', 'chuong_trinh_hanh_dong', 1)")
            .execute(&mut c)
            .await
            .expect("doc");
        sqlx::query(
            "INSERT INTO document_versions (document_id, version, sha256, bytes, doc_type, extraction_json, created_at) \
             VALUES (1, 1, 'old', 10, 'chuong_trinh_hanh_dong', $1, 'x')",
        )
        .bind(x)
        .execute(&mut c)
        .await
        .expect("version");
        sqlx::query(
            "INSERT INTO progress_updates (document_id, item_kind, item_key, value, done, on_date, created_at) \
             VALUES (1, 'target', 'T10', 9.5, 0, '2026-06-30', 'x')",
        )
        .execute(&mut c)
        .await
        .expect("progress");
        c.close().await.expect("close");
    }
    let store = Store::open(path.to_str().expect("utf-8")).await.expect("the old ledger opens");
    let p = store.progress().await.expect("progress");
    assert_eq!((p[0].item.id.as_str(), p[0].value), ("T10", Some(9.5)));
    let budget = store.find_item("004.txt:T10").await.expect("item identity backfilled");
    assert_eq!(store.progress_of(&budget.code).await.expect("by identity").len(), 1);
    // A revision of it now keeps the progress on the budget target.
    let mut y = action_program("004.txt", 8.0);
    y.targets.retain(|t| t.id == "T10");
    y.targets[0].id = "T3".into();
    store.add(&import("004.txt", "new", y)).await.expect("revision");
    assert_eq!(store.progress().await.expect("progress")[0].item.id, "T3");
}

#[tokio::test]
async fn a_file_that_is_not_a_ledger_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "Biên bản họp chi bộ, không phải sổ theo dõi.\n".repeat(200)).expect("write");
    let start = std::time::Instant::now();
    let err = Store::open(path.to_str().expect("utf-8")).await.expect_err("refused");
    assert!(start.elapsed() < std::time::Duration::from_secs(1), "{:?}", start.elapsed());
    assert!(err.to_string().contains("not a theodoi ledger"), "{err}");
    let missing = dir.path().join("none.db");
    assert!(Store::open_existing(missing.to_str().expect("utf-8")).await.is_err());
    assert!(!missing.exists(), "a read never creates a ledger");
    assert!(Store::open_existing(dir.path().to_str().expect("utf-8")).await.is_err(), "a directory is refused");
}
