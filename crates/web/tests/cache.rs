//! What the server keeps between requests (`theodoi_web::cache`): a write re-reads the
//! organisation it touched, and what other organisations' pages read is kept as it was.

mod common;

use std::sync::Arc;

use theodoi_core::{ItemKind, ProgressUpdate};
use theodoi_store::{Role, Store};
use theodoi_web::auth::Scope;

#[tokio::test]
async fn a_write_rereads_only_the_organisation_it_touched() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Store::open(dir.path().join("l.db").to_str().expect("utf-8")).await.expect("open");
    common::add_examples(&store, &["nghi-quyet-dai-hoi.txt", "chuong-trinh-hanh-dong.txt"]).await;
    common::add_tay_hoa(&store, dir.path()).await;
    common::record_checks(&store).await;
    let hash = theodoi_web::auth::hash_password(common::PW).expect("hash");
    let th = store.add_user("th", Role::Editor, Some("Tây Hòa"), &hash, "test").await.expect("user");
    let admin = store.add_user("qt", Role::Admin, None, &hash, "test").await.expect("user");
    let index = theodoi_search::SearchIndex::in_memory().expect("index");
    let options = theodoi_web::Options { today: common::today(), ..Default::default() };
    let state = theodoi_web::state(store, index, options);

    let ledger = state.cache.ledger(&state).await.expect("ledger");
    let th_key = ledger.key_of("tay-hoa.txt").cloned().expect("Tây Hòa's document");
    let dsh_key = ledger.key_of("chuong-trinh-hanh-dong.txt").cloned().expect("Đông Sơn Hà's document");
    assert_ne!(th_key, dsh_key, "two organisations");
    let keys = [th_key.clone(), dsh_key.clone()];
    let before = state.cache.parts(&state, &ledger, keys.clone()).await.expect("parts");
    assert!(before[&th_key].docs.iter().all(|d| d.file == "tay-hoa.txt"));
    assert!(before[&dsh_key].docs.iter().any(|d| d.file == "chuong-trinh-hanh-dong.txt"));
    // Asked again at the same clock: the same parts, nothing read.
    let again = state.cache.parts(&state, &ledger, keys.clone()).await.expect("parts");
    assert!(Arc::ptr_eq(&before[&th_key], &again[&th_key]) && Arc::ptr_eq(&before[&dsh_key], &again[&dsh_key]));

    // Tây Hòa's editor marks one of its tasks done.
    let scope = Scope::of(&state, &th).await.expect("scope");
    let rows = theodoi_web::model::task_rows(&state, &scope).await.expect("rows");
    let task = rows.iter().find(|r| r.done_on.is_none()).expect("a task not done").clone();
    let p = ProgressUpdate {
        item: theodoi_core::ItemRef { doc: task.doc.clone(), kind: ItemKind::Task, id: task.position.clone() },
        value: None,
        done: true,
        date: "2026-07-01".into(),
        note: Some("xong 12345".into()),
        user: Some("th".into()),
        evidence: None,
    };
    state.store.add_progress(&p).await.expect("progress");

    let ledger2 = state.cache.ledger(&state).await.expect("ledger");
    assert!(ledger2.clock > ledger.clock, "the clock moved");
    let after = state.cache.parts(&state, &ledger2, keys).await.expect("parts");
    assert!(Arc::ptr_eq(&before[&dsh_key], &after[&dsh_key]), "the untouched organisation is kept");
    assert!(!Arc::ptr_eq(&before[&th_key], &after[&th_key]), "the touched one is read again");
    assert!(after[&th_key].progress.iter().any(|u| u.note.as_deref() == Some("xong 12345")));

    // The pages show it at once: the editor's row and the admin's.
    let scope = Scope::of(&state, &th).await.expect("scope");
    let rows = theodoi_web::model::task_rows(&state, &scope).await.expect("rows");
    let row = rows.iter().find(|r| r.code == task.code).expect("the task");
    assert_eq!(row.done_on.as_deref(), Some("01/07/2026"));
    assert!(rows.iter().all(|r| r.doc == "tay-hoa.txt"), "only Tây Hòa's");
    let scope = Scope::of(&state, &admin).await.expect("scope");
    let all = theodoi_web::model::task_rows(&state, &scope).await.expect("rows");
    assert_eq!(all.iter().find(|r| r.code == task.code).and_then(|r| r.note.clone()).as_deref(), Some("xong 12345"));
    assert!(all.iter().any(|r| r.doc == "chuong-trinh-hanh-dong.txt"));

    // A review of a finding about Đông Sơn Hà's documents moves that organisation's part only.
    let open = state.store.findings_in(&["open"], None).await.expect("findings");
    let f = open
        .iter()
        .find(|f| f.finding.evidence.iter().all(|e| e.doc != "tay-hoa.txt"))
        .expect("an open finding about Đông Sơn Hà's documents only");
    {
        state.store.review_finding(&f.code, "dismissed", None, "qt").await.expect("review");
        let ledger3 = state.cache.ledger(&state).await.expect("ledger");
        let keys = [th_key.clone(), dsh_key.clone()];
        let third = state.cache.parts(&state, &ledger3, keys).await.expect("parts");
        assert!(Arc::ptr_eq(&after[&th_key], &third[&th_key]), "Tây Hòa's part is kept");
        assert!(!Arc::ptr_eq(&after[&dsh_key], &third[&dsh_key]));
        assert!(third[&dsh_key].open_findings.iter().all(|g| g.id != f.id), "the dismissed finding is gone");
    }
}
