//! The ledger's behaviour, run on SQLite and on PostgreSQL (`THEODOI_TEST_PG`).

#[macro_use]
mod common;

use common::*;
use theodoi_core::*;
use theodoi_store::{AddOutcome, Store};

both!(readding_same_bytes_is_a_noop, readd_noop);
async fn readd_noop(store: Store) {
    let doc = "004_test.txt";
    let first = store.add(&import(doc, "aaa", action_program(doc, 8.0))).await.expect("add");
    assert_eq!(first, AddOutcome::Added { document: doc.into(), version: 1 });
    let again = store.add(&import(doc, "aaa", action_program(doc, 8.0))).await.expect("re-add");
    assert_eq!(again, AddOutcome::Unchanged { document: doc.into(), version: 1 });
    let docs = store.documents(None).await.expect("documents");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].extraction, action_program(doc, 8.0), "extraction round-trips unchanged");
    let audit = store.audit_log().await.expect("audit");
    assert_eq!(audit.iter().filter(|a| a.action.starts_with("add")).count(), 1, "no-op re-add writes no audit row");
}

both!(new_version_records_the_diff, new_version);
async fn new_version(store: Store) {
    let doc = "004_test.txt";
    store.add(&import(doc, "aaa", action_program(doc, 8.0))).await.expect("add v1");
    let mut x = action_program(doc, 10.0);
    x.tasks[0].deadline = Some("2026-01-31".into());
    let out = store.add(&import(doc, "bbb", x)).await.expect("add v2");
    let AddOutcome::NewVersion { version, changes, .. } = out else { panic!("expected a new version, got {out:?}") };
    assert_eq!(version, 2);
    assert!(
        changes.iter().any(|c| c.item_kind == "target"
            && c.change == "value_changed"
            && c.item_name.starts_with("Thu ngân sách")
            && c.before.as_deref().is_some_and(|b| b.starts_with("8 "))
            && c.after.as_deref().is_some_and(|a| a.starts_with("10 "))),
        "{changes:?}"
    );
    assert!(
        changes.iter().any(|c| c.item_kind == "task"
            && c.change == "deadline_changed"
            && c.before.as_deref() == Some("2025-12-15")
            && c.after.as_deref() == Some("2026-01-31")),
        "{changes:?}"
    );
    assert_eq!(changes.len(), 2, "nothing else changed: {changes:?}");
    let docs = store.documents(None).await.expect("documents");
    assert_eq!(docs.len(), 1, "a new version is not a new document");
    assert_eq!(docs[0].version, 2);
    assert_eq!(docs[0].extraction.targets[0].value, Some(10.0));
    let stored = store.changes(doc).await.expect("changes");
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|(v, _)| *v == 2));
}

both!(text_is_stored_nfc, stored_nfc);
async fn stored_nfc(store: Store) {
    let doc = "nfd.txt";
    let mut x = action_program(doc, 8.0);
    // "Đảng bộ" in NFD: D+stroke is precomposed only, so use a letter with a combining mark.
    x.targets[0].name = "Tỷ le\u{0323}\u{0302} đảng viên".into();
    x.org = Some("Phu\u{031b}o\u{031b}\u{0300}ng Nam Đồng".into());
    store.add(&import(doc, "n1", x)).await.expect("add");
    let docs = store.documents(Some("nam dong")).await.expect("documents by folded org");
    assert_eq!(docs.len(), 1, "org filter matches without diacritics");
    assert_eq!(docs[0].extraction.targets[0].name, "Tỷ lệ đảng viên");
    assert_eq!(docs[0].extraction.org.as_deref(), Some("Phường Nam Đồng"));
    assert!(store.documents(Some("Kiến An")).await.expect("documents").is_empty());
}

both!(audit_log_is_append_only, audit_append_only);
async fn audit_append_only(store: Store) {
    let doc = "a.txt";
    store.add(&import(doc, "x", action_program(doc, 8.0))).await.expect("add");
    let before = store.audit_log().await.expect("audit");
    assert!(!before.is_empty());
    let upd = sqlx::query("UPDATE audit_log SET actor = 'mallory'").execute(store.pool()).await;
    assert!(upd.is_err(), "UPDATE on the audit log must be refused");
    let del = sqlx::query("DELETE FROM audit_log").execute(store.pool()).await;
    assert!(del.is_err(), "DELETE on the audit log must be refused");
    assert_eq!(store.audit_log().await.expect("audit"), before);
}

both!(progress_and_items_resolve, progress_roundtrip);
async fn progress_roundtrip(store: Store) {
    let doc = "004_b4f7.txt";
    store.add(&import(doc, "x", action_program(doc, 8.0))).await.expect("add");
    let by_id = store.resolve_item("004:T10").await.expect("resolve by id");
    assert_eq!(by_id, ItemRef { doc: doc.into(), kind: ItemKind::Target, id: "T10".into() });
    let by_name = store.resolve_item("thu ngan sach").await.expect("resolve by folded name");
    assert_eq!(by_name, by_id);
    let task = store.resolve_item("004:K1").await.expect("task");
    assert_eq!(task.kind, ItemKind::Task);
    assert!(store.resolve_item("004:T99").await.is_err());
    assert!(store.resolve_item("không có chỉ tiêu này").await.is_err());
    let p = ProgressUpdate {
        item: by_id.clone(),
        value: Some(9.1),
        done: false,
        date: "2026-12-31".into(),
        note: Some("Báo cáo năm".into()),
        user: Some("an".into()),
        evidence: None,
    };
    store.add_progress(&p).await.expect("progress");
    let bad = ProgressUpdate { date: "31/12/2026".into(), ..p.clone() };
    let err = store.add_progress(&bad).await.expect_err("bad date refused");
    assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    let all = store.progress().await.expect("progress list");
    assert_eq!(all, vec![p]);
}

both!(findings_keep_identity, findings_identity);
async fn findings_identity(store: Store) {
    let f = |msg: &str, line| Finding {
        kind: "declared_count_mismatch".into(),
        severity: Severity::Error,
        message_vi: msg.into(),
        message_en: msg.into(),
        evidence: vec![ev("a.txt", line, line, "21/23")],
    };
    assert_eq!(store.record_findings(&[f("x", 1), f("y", 2)], None, "test").await.expect("record").new, 2);
    assert_eq!(store.record_findings(&[f("x reworded", 1)], None, "test").await.expect("record again").new, 0);
    let open = store.open_findings().await.expect("open");
    assert_eq!(open.len(), 1, "the finding at line 2 is resolved");
    assert_eq!(open[0].finding.message_vi, "x reworded");
    // A run over another document only (`check --org`) leaves a.txt's findings open.
    let other = Finding { evidence: vec![ev("b.txt", 5, 5, "x")], ..f("z", 5) };
    store.record_findings(&[other], Some(&["b.txt".to_string()]), "test").await.expect("scoped run");
    let open = store.open_findings().await.expect("open");
    assert_eq!(open.len(), 2, "{open:?}");
}

both!(links_can_be_confirmed_and_rejected, links_review);
async fn links_review(store: Store) {
    store.add(&import("a.txt", "1", action_program("a.txt", 8.0))).await.expect("add a");
    store.add(&import("b.txt", "2", action_program("b.txt", 8.0))).await.expect("add b");
    let l = proposed_link("a.txt", "b.txt", LinkRelation::Implements);
    assert_eq!(store.propose_links(std::slice::from_ref(&l), "test").await.expect("propose"), 1);
    let id = store.links().await.expect("links")[0].id;
    store.decide_link(id, LinkState::Rejected, "lan").await.expect("reject");
    assert_eq!(
        store.propose_links(&[l], "test").await.expect("propose again"),
        0,
        "a rejected link is not proposed again"
    );
    let links = store.links().await.expect("links");
    assert_eq!(links[0].link.state, LinkState::Rejected);
    assert_eq!(links[0].decided_by.as_deref(), Some("lan"));
    assert!(store.decide_link(9999, LinkState::Confirmed, "lan").await.is_err());
}

both!(concurrent_progress_loses_nothing, concurrent_progress);
async fn concurrent_progress(store: Store) {
    let doc = "c.txt";
    store.add(&import(doc, "x", action_program(doc, 8.0))).await.expect("add");
    let item = ItemRef { doc: doc.into(), kind: ItemKind::Target, id: "T10".into() };
    let n = 25;
    let mut handles = Vec::new();
    // Two separate connections (one pool of one each), as two users' processes would have.
    let mut conns = Vec::new();
    for _ in 0..2 {
        conns.push(Store::open_with(store.location(), 1).await.expect("second connection"));
    }
    for (w, s) in (0..2).zip(conns) {
        let item = item.clone();
        handles.push(tokio::spawn(async move {
            for i in 0..n {
                let p = ProgressUpdate {
                    item: item.clone(),
                    value: Some(f64::from(w * 100 + i)),
                    done: false,
                    date: "2026-06-30".into(),
                    note: None,
                    user: Some(format!("u{w}")),
                    evidence: None,
                };
                s.add_progress(&p).await.expect("concurrent progress");
            }
        }));
    }
    for h in handles {
        h.await.expect("join");
    }
    let all = store.progress().await.expect("progress");
    assert_eq!(all.len(), 2 * n as usize, "both writers' rows are stored");
    let audit = store.audit_log().await.expect("audit");
    assert_eq!(audit.iter().filter(|a| a.action == "progress").count(), 2 * n as usize, "audit log complete");
}

both!(nullable_numbers_round_trip, nullable_numbers);
async fn nullable_numbers(store: Store) {
    // A NULL float first, then a value, in the same statement (a PostgreSQL prepared-statement trap).
    let doc = "n.txt";
    let mut x = action_program(doc, 8.0);
    let mut ranged = x.targets[0].clone();
    ranged.id = "T11".into();
    ranged.comparator = Comparator::Range;
    ranged.value = Some(3.0);
    ranged.value_max = Some(5.0);
    ranged.kind = TargetKind::Result;
    ranged.achieved = Some(4.2);
    ranged.unit_org = Some("Đảng bộ xã Quang Trung".into());
    x.targets.push(ranged);
    x.declared_counts.push(DeclaredCount {
        what: "results_met_2020_2025".into(),
        value: 21.0,
        of: Some(23.0),
        evidence: ev(doc, 99, 99, "21/23"),
    });
    store.add(&import(doc, "1", x.clone())).await.expect("add with NULL then non-NULL floats");
    let back = store.documents(None).await.expect("documents");
    assert_eq!(back[0].extraction, x);
    let item = ItemRef { doc: doc.into(), kind: ItemKind::Task, id: "K1".into() };
    let done = ProgressUpdate {
        item,
        value: None,
        done: true,
        date: "2025-12-01".into(),
        note: None,
        user: None,
        evidence: None,
    };
    store.add_progress(&done).await.expect("NULL value");
    store.add_progress(&ProgressUpdate { value: Some(1.5), ..done.clone() }).await.expect("then a value");
    assert_eq!(store.progress().await.expect("progress").len(), 2);
}

both!(organisations_form_a_hierarchy, org_hierarchy);
async fn org_hierarchy(store: Store) {
    let doc = "h.txt";
    let mut x = action_program(doc, 8.0);
    x.targets[0].unit_org = Some("Đảng bộ xã Quang Trung".into());
    store.add(&import(doc, "1", x)).await.expect("add");
    // A second document of the same ward, spelled without its parent: no duplicate org.
    let mut y = action_program("h2.txt", 8.0);
    y.parent_org = None;
    store.add(&import("h2.txt", "2", y)).await.expect("add second");
    let orgs = store.organisations().await.expect("organisations");
    let find = |n: &str| orgs.iter().find(|o| o.name == n).unwrap_or_else(|| panic!("{n} in {orgs:?}"));
    assert_eq!(orgs.len(), 3, "{orgs:?}");
    assert_eq!(find("Thành phố Hải Phòng").level, "city");
    assert_eq!(find("Phường Nam Đồng").parent.as_deref(), Some("Thành phố Hải Phòng"));
    assert_eq!(find("Phường Nam Đồng").level, "ward");
    assert_eq!(find("Đảng bộ xã Quang Trung").parent.as_deref(), Some("Phường Nam Đồng"));
}

both!(concurrent_adds_store_one_version, concurrent_adds);
async fn concurrent_adds(store: Store) {
    // Two importers racing on the same file and on different files: one version each, nothing lost.
    let mut handles = Vec::new();
    for w in 0..4 {
        let s = store.clone();
        handles.push(tokio::spawn(async move {
            let same = "same.txt";
            s.add(&import(same, "h", action_program(same, 8.0))).await.expect("add same");
            let own = format!("own{w}.txt");
            s.add(&import(&own, &format!("h{w}"), action_program(&own, 8.0))).await.expect("add own");
        }));
    }
    for h in handles {
        h.await.expect("join");
    }
    let docs = store.documents(None).await.expect("documents");
    assert_eq!(docs.len(), 5, "{:?}", docs.iter().map(|d| &d.file).collect::<Vec<_>>());
    assert!(docs.iter().all(|d| d.version == 1));
    let adds = store.audit_log().await.expect("audit").iter().filter(|a| a.action == "add").count();
    assert_eq!(adds, 5);
}

both!(restored_flag_round_trips, restored_flag);
async fn restored_flag(store: Store) {
    let mut imp = import("ocr.txt", "1", action_program("ocr.txt", 8.0));
    imp.restored = true;
    store.add(&imp).await.expect("add");
    store.add(&import("clean.txt", "2", action_program("clean.txt", 8.0))).await.expect("add");
    let docs = store.documents(None).await.expect("documents");
    let flags: Vec<(&str, bool)> = docs.iter().map(|d| (d.file.as_str(), d.restored)).collect();
    assert_eq!(flags, [("clean.txt", false), ("ocr.txt", true)]);
}

both!(tracked_items_read_from_tables_as_stored, tracked_items);
async fn tracked_items(store: Store) {
    // Two documents of two organisations, one revised: the current versions' targets and tasks.
    store.add(&import("a.txt", "a1", action_program("a.txt", 8.0))).await.expect("add a");
    let mut x = action_program("a.txt", 10.0);
    x.targets[1].value = None;
    x.targets[1].value_max = Some(2.5);
    x.targets[0].achieved = Some(9.25);
    x.targets[0].verdict = Some(Verdict::Met);
    x.targets[0].kind = TargetKind::Result;
    x.tasks[0].partners.push("Ủy ban Kiểm tra".into());
    store.add(&import("a.txt", "a2", x)).await.expect("revise a");
    let mut y = action_program("b.txt", 7.0);
    y.org = Some("Xã Tân Lạc".into());
    y.tasks[0].deadline = None;
    store.add(&import("b.txt", "b1", y)).await.expect("add b");
    let strip = |mut d: LedgerDocument| {
        for t in &mut d.extraction.targets {
            t.evidence.clear();
        }
        for k in &mut d.extraction.tasks {
            k.evidence.clear();
        }
        d
    };
    for org in [None, Some("tan lac"), Some("Nam Đồng")] {
        let full = store.documents(org).await.expect("documents");
        let tracked = store.tracked(org).await.expect("tracked");
        assert_eq!(full.len(), tracked.len(), "{org:?}");
        for (f, t) in full.into_iter().map(strip).zip(tracked) {
            assert_eq!(
                (&f.file, f.version, &f.sha256, &f.date, f.restored),
                (&t.file, t.version, &t.sha256, &t.date, t.restored)
            );
            assert_eq!((f.extraction.doc_type, &f.extraction.org), (t.extraction.doc_type, &t.extraction.org));
            assert_eq!(f.extraction.targets, t.extraction.targets, "{}", f.file);
            assert_eq!(f.extraction.tasks, t.extraction.tasks, "{}", f.file);
        }
    }
    // Stable ids of shown items by key; an unknown position is left out.
    let refs = [
        ItemRef { doc: "b.txt".into(), kind: ItemKind::Task, id: "K1".into() },
        ItemRef { doc: "b.txt".into(), kind: ItemKind::Target, id: "T99".into() },
    ];
    let codes = store.item_codes(&refs).await.expect("codes");
    let want = store.resolve_item("b.txt:K1").await.expect("resolve");
    assert_eq!(codes.len(), 1);
    assert_eq!(store.find_item(&codes[&refs[0]]).await.expect("find").position.as_deref(), Some(want.id.as_str()));
    // Open findings counted by the database, as the list counts them.
    let f = |sev, line| Finding {
        kind: "x".into(),
        severity: sev,
        message_vi: format!("m{line}"),
        message_en: format!("m{line}"),
        evidence: vec![ev("b.txt", line, line, "")],
    };
    store
        .record_findings(&[f(Severity::Error, 1), f(Severity::Info, 2), f(Severity::Error, 3)], None, "t")
        .await
        .expect("rec");
    assert_eq!(store.open_finding_counts(None).await.expect("counts"), (3, 2));
    assert_eq!(store.open_finding_counts(Some("tan lac")).await.expect("counts"), (3, 2));
    assert_eq!(store.open_finding_counts(Some("Nam Dong")).await.expect("counts"), (0, 0));
}

both!(links_near_an_added_document_are_the_links_over_all, links_near);
async fn links_near(store: Store) {
    // Congress resolutions (sources) and action programs of three wards, and one naming no ward.
    let source = |doc: &str, org: Option<&str>, growth: f64| {
        let mut x = action_program(doc, growth);
        x.doc_type = DocType::NghiQuyet;
        x.org = org.map(str::to_string);
        x.targets[1].name = "Giảm tỷ lệ hộ nghèo đa chiều".into();
        x
    };
    let program = |doc: &str, org: Option<&str>, growth: f64| {
        let mut x = action_program(doc, growth);
        x.org = org.map(str::to_string);
        x
    };
    let wards = [Some("Phường Nam Đồng"), Some("Đảng bộ phường Nam Đồng"), Some("Xã Tân Lạc"), None];
    for (i, w) in wards.iter().enumerate() {
        let (s, p) = (format!("nq{i}.txt"), format!("ctr{i}.txt"));
        store.add(&import(&s, &format!("s{i}"), source(&s, *w, 8.0 + i as f64))).await.expect("add source");
        store.add(&import(&p, &format!("p{i}"), program(&p, *w, 9.0))).await.expect("add program");
    }
    for (added, org) in [("new.txt", Some("Phường Nam Đồng")), ("new2.txt", None)] {
        store.add(&import(added, added, program(added, org, 7.5))).await.expect("add");
        let touched = vec![added.to_string()];
        let all = store.documents(None).await.expect("documents");
        let near = store.documents_near(&touched).await.expect("near");
        let names = store.target_names().await.expect("names");
        let want = theodoi_check::propose_links_touching(&all, Some(&touched));
        let got = theodoi_check::propose_links_near(&near, &touched, names.iter().map(String::as_str));
        assert!(!want.is_empty(), "the ledger links the added program");
        assert_eq!(got, want, "{added}");
        if org.is_some() {
            assert!(near.len() < all.len(), "another ward's documents are not read");
            assert!(near.iter().all(|d| d.extraction.org.as_deref() != Some("Xã Tân Lạc")));
        } else {
            assert_eq!(near.len(), all.len(), "a document naming no organisation is near every source");
        }
    }
}

both!(a_scoped_run_resolves_only_its_documents_findings, scoped_resolve);
async fn scoped_resolve(store: Store) {
    let f = |doc: &str, line| Finding {
        kind: "fact_conflict".into(),
        severity: Severity::Warning,
        message_vi: format!("m {line}"),
        message_en: format!("m {line}"),
        evidence: vec![ev(doc, line, line, "x")],
    };
    // Names the database's text match must take literally: %, _, a quote, a backslash, diacritics.
    let odd = ["a_1%.txt", "q\"uo\\te.txt", "Nghị quyết.txt"];
    let mut all: Vec<Finding> = odd.iter().map(|d| f(d, 1)).collect();
    all.push(f("ab1x.txt", 2));
    all.push(f("a_1%.txt", 3));
    store.record_findings(&all, None, "t").await.expect("record");
    // A run over the odd documents that produces only their line-1 findings resolves a_1%'s line 3,
    // and leaves ab1x.txt (outside the run) open.
    let scope: Vec<String> = odd.iter().map(|d| d.to_string()).collect();
    let again: Vec<Finding> = odd.iter().map(|d| f(d, 1)).collect();
    let rec = store.record_findings(&again, Some(&scope), "t").await.expect("scoped");
    assert_eq!((rec.new, rec.resolved), (0, 1), "{rec:?}");
    let open = store.open_findings().await.expect("open");
    let mut left: Vec<(String, u32)> =
        open.iter().map(|o| (o.finding.evidence[0].doc.clone(), o.finding.evidence[0].span.start)).collect();
    left.sort();
    let mut want: Vec<(String, u32)> = odd.iter().map(|d| (d.to_string(), 1)).collect();
    want.push(("ab1x.txt".into(), 2));
    want.sort();
    assert_eq!(left, want);
}

both!(a_task_product_round_trips, task_product_roundtrip);
/// A task's expected result (sản phẩm) is kept in the extraction, its summary and the tasks row
/// `status` reads, NFC; a task with none reads back with none.
async fn task_product_roundtrip(store: Store) {
    let doc = "004_test.txt";
    let mut x = action_program(doc, 8.0);
    // written decomposed (NFD): stored NFC
    x.tasks[0].product = Some("Ke\u{302}\u{301} hoạch của Ban Thường vụ".into());
    let mut second = x.tasks[0].clone();
    second.id = "K2".into();
    second.what = "Sơ kết 01 năm".into();
    second.deadline = Some("2025-11-30".into());
    second.product = None;
    x.tasks.push(second);
    store.add(&import(doc, "ppp", x)).await.expect("add");
    let want = Some("Kế hoạch của Ban Thường vụ".to_string());
    let docs = store.documents(None).await.expect("documents");
    assert_eq!(docs[0].extraction.tasks[0].product, want, "in the extraction");
    assert_eq!(docs[0].extraction.tasks[1].product, None);
    let tracked = store.tracked(None).await.expect("tracked");
    assert_eq!(tracked[0].extraction.tasks[0].product, want, "in the summary status reads");
    // both tasks overdue on this day: listed from the tasks rows
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    let report = store.status_report(None, today, 10, 10).await.expect("status");
    let products: Vec<(String, Option<String>)> =
        report.overdue.iter().map(|k| (k.task.id.clone(), k.task.product.clone())).collect();
    assert_eq!(products, vec![("K2".to_string(), None), ("K1".to_string(), want)], "in the tasks rows");
}

both!(a_batch_stores_each_file_as_add_does, batch_as_add);
/// `Store::add_batch` (one transaction for many files: bulk loads, the benchmarks' city) decides
/// each file as `add` does, seeing the files before it in the batch; a file refused refuses the
/// whole batch, leaving the ledger as it was.
async fn batch_as_add(store: Store) {
    let (a, b) = ("004_a.txt", "004_b.txt");
    let mut other = action_program(b, 9.0);
    other.org = Some("Xã Tân Lạc".into());
    let mut revised = action_program(a, 8.0);
    revised.targets[0].value = Some(12.0);
    let out = store
        .add_batch(&[
            import(a, "aaa", action_program(a, 8.0)),
            import(a, "aaa", action_program(a, 8.0)),
            import(b, "bbb", other),
            import(a, "ccc", revised),
        ])
        .await
        .expect("batch");
    assert_eq!(out[0], AddOutcome::Added { document: a.into(), version: 1 });
    assert_eq!(out[1], AddOutcome::Unchanged { document: a.into(), version: 1 });
    assert_eq!(out[2], AddOutcome::Added { document: b.into(), version: 1 });
    assert!(matches!(&out[3], AddOutcome::NewVersion { version: 2, .. }), "{:?}", out[3]);
    let docs = store.documents(None).await.expect("documents");
    assert_eq!(docs.len(), 2);
    // The name-feature counts, changed once for the whole batch (a revision's old names leaving),
    // are those of the current target names.
    let names = store.target_names().await.expect("names");
    let mut want = std::collections::BTreeMap::new();
    for n in &names {
        for f in theodoi_check::name_features(n) {
            *want.entry(f).or_insert(0usize) += 1;
        }
    }
    let (n, got) = store.name_counts(names.iter().map(String::as_str)).await.expect("counts");
    assert_eq!(n, names.len());
    assert_eq!(got.into_iter().collect::<std::collections::BTreeMap<_, _>>(), want);
    let before = store.audit_log().await.expect("audit").len();
    let refused = store
        .add_batch(&[
            import("004_c.txt", "ddd", action_program("004_c.txt", 7.0)),
            import(" ", "eee", action_program(" ", 7.0)),
        ])
        .await;
    assert!(refused.is_err(), "a file without a name is refused");
    assert_eq!(store.documents(None).await.expect("documents").len(), 2, "nothing of the refused batch is kept");
    assert_eq!(store.audit_log().await.expect("audit").len(), before);
}
