//! What the web app keeps beside the ledger: users with a login and each version's text — on SQLite
//! and on PostgreSQL (`THEODOI_TEST_PG`).

#[macro_use]
mod common;

use common::*;
use theodoi_store::{Role, Store, TextLine};

async fn users(store: Store) {
    let u = store.add_user("Nguyễn Văn A", Role::Editor, Some("Phường Nam Đồng"), "$argon2id$x", "admin").await;
    let u = u.expect("user added");
    assert_eq!(u.role, Role::Editor);
    assert_eq!(u.org.as_deref(), Some("Phường Nam Đồng"));
    // A second login of the same name is refused: a password is not overwritten by mistake.
    let again = store.add_user("Nguyễn Văn A", Role::Admin, None, "$argon2id$y", "admin").await;
    assert!(again.is_err(), "{again:?}");
    // A ward role needs its ward.
    assert!(store.add_user("b", Role::Viewer, None, "$argon2id$z", "admin").await.is_err());
    // A name recorded by the CLI as an actor gets a login.
    store.add(&import("004.txt", "aa", action_program("004.txt", 10.0))).await.expect("add");
    let code = store.items(Some("004.txt")).await.expect("items")[0].code.clone();
    let item = store.resolve_item(&code).await.expect("item");
    let p = theodoi_core::ProgressUpdate {
        item,
        value: Some(1.0),
        done: false,
        date: "2025-11-01".into(),
        note: None,
        user: Some("cli-user".into()),
        evidence: None,
    };
    store.add_progress(&p).await.expect("progress");
    assert!(store.users().await.expect("users").iter().all(|u| u.name != "cli-user"), "an actor has no login");
    store.add_user("cli-user", Role::Admin, None, "$argon2id$w", "admin").await.expect("login for an actor");
    let names: Vec<String> = store.users().await.expect("users").into_iter().map(|u| u.name).collect();
    assert_eq!(names, ["Nguyễn Văn A", "cli-user"]);
    let log = store.audit_log().await.expect("log");
    assert_eq!(log.iter().filter(|e| e.action == "user_added").count(), 2);
}
both!(users_have_roles_and_one_login, users);

async fn texts(store: Store) {
    store.add(&import("004.txt", "aa", action_program("004.txt", 10.0))).await.expect("add");
    let lines = vec![
        TextLine { no: 1, text: "ĐẢNG BỘ PHƯỜNG NAM ĐỒNG".into(), original: None, confidence: None },
        // NFD in, NFC stored.
        TextLine {
            no: 2,
            text: "Ke\u{302}\u{301} hoạch".into(),
            original: Some("Kê hoach".into()),
            confidence: Some(0.5),
        },
        // A confidence out of 0–1 is no confidence.
        TextLine { no: 3, text: "năm 2025".into(), original: None, confidence: Some(7.0) },
    ];
    assert!(store.save_text("004.txt", 1, &lines).await.expect("save"));
    assert!(!store.save_text("004.txt", 1, &lines).await.expect("save again"), "kept once");
    let t = store.text("004.txt").await.expect("text").expect("kept");
    assert_eq!(t.version, 1);
    assert_eq!(t.lines[1].text, "Kế hoạch");
    assert_eq!(t.lines[1].original.as_deref(), Some("Kê hoach"));
    // The restorer's confidence is kept with the line; under LOW_CONFIDENCE it is doubtful.
    assert_eq!(t.lines[1].confidence, Some(0.5));
    assert!(t.lines[1].is_doubtful() && !t.lines[0].is_doubtful());
    assert_eq!(t.lines[2].confidence, None);
    assert!(store.save_text("nope.txt", 1, &lines).await.is_err());
    assert_eq!(store.texts().await.expect("texts").len(), 1);
    assert_eq!(store.current_versions().await.expect("versions"), [("004.txt".to_string(), 1)]);
    // A new version has no text until it is kept: the viewer must not show the old one as current.
    store.add(&import("004.txt", "bb", action_program("004.txt", 11.0))).await.expect("version 2");
    assert!(store.text("004.txt").await.expect("text").is_none());
    let orgs = store.document_orgs().await.expect("orgs");
    assert_eq!(orgs[0].1.as_deref(), Some("Phường Nam Đồng"));
}
both!(texts_are_kept_per_version, texts);

async fn document_units(store: Store) {
    for (file, org) in [("a.txt", "P. Lê Ích Mộc"), ("b.txt", "Phường Kiến An"), ("c.txt", "Phường Đông Sơn Hà")]
    {
        let mut x = action_program(file, 8.0);
        x.org = Some(org.into());
        x.parent_org = Some("Thành phố Hải Phòng".into());
        store.add(&import(file, file, x)).await.expect("add");
    }
    let units = store.document_units().await.expect("units");
    let got: Vec<(&str, Option<&str>, Option<&str>)> =
        units.iter().map(|u| (u.doc.as_str(), u.org_unit.as_deref(), u.parent_unit.as_deref())).collect();
    // On the list: the ward's and the city's codes; not on it (Đông Sơn Hà is invented): no code.
    assert_eq!(
        got,
        [("a.txt", Some("11506"), Some("31")), ("b.txt", Some("11443"), Some("31")), ("c.txt", None, Some("31"))]
    );
    assert!(units.iter().all(|u| u.org.is_some() && u.parent.is_some()));
    // Only the documents asked for are read; an unknown name is left out.
    let docs = store.documents_named(&["c.txt".into(), "a.txt".into(), "nope.txt".into()]).await.expect("named");
    let names: Vec<&str> = docs.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(names, ["a.txt", "c.txt"]);
    assert_eq!(docs[0].extraction.org.as_deref(), Some("P. Lê Ích Mộc"));
    assert!(store.documents_named(&[]).await.expect("none").is_empty());
}
both!(documents_by_organisation_and_by_name, document_units);

async fn sessions(store: Store) {
    store.add_user("a", Role::Editor, Some("Phường Kiến An"), "$argon2id$x", "admin").await.expect("user");
    store.save_session("tok-1", "a", "csrf-1", "2999-01-01T00:00:00Z").await.expect("save");
    store.save_session("tok-old", "a", "csrf-2", "2000-01-01T00:00:00Z").await.expect("save");
    let s = store.session("tok-1").await.expect("read").expect("live");
    assert_eq!((s.user.name.as_str(), s.csrf.as_str()), ("a", "csrf-1"));
    assert!(store.session("tok-old").await.expect("read").is_none(), "an ended session is none");
    assert!(store.session("tok-2").await.expect("read").is_none());
    store.end_session("tok-1").await.expect("end");
    assert!(store.session("tok-1").await.expect("read").is_none());
}
both!(web_sessions_outlive_the_server_and_end_on_logout, sessions);

/// The clock a server keeps views by: every committed change moves it, reads do not.
async fn clock(store: Store) {
    use theodoi_core::{LinkRelation, LinkState, ProgressUpdate, Severity};
    let last = std::cell::Cell::new(store.clock().await.expect("clock"));
    let moved = |now: i64, what: &str| {
        assert!(now > last.get(), "{what}: the clock stays at {now}");
        last.set(now);
    };
    store.add(&import("a.txt", "1", action_program("a.txt", 8.0))).await.expect("add a");
    moved(store.clock().await.expect("clock"), "add");
    store.add(&import("b.txt", "2", action_program("b.txt", 8.0))).await.expect("add b");
    moved(store.clock().await.expect("clock"), "add");
    let _ = store.documents(None).await.expect("read");
    let _ = store.progress().await.expect("read");
    assert_eq!(store.clock().await.expect("clock"), last.get(), "reads leave the clock");
    let item = store.resolve_item("a.txt:T10").await.expect("item");
    let p = ProgressUpdate {
        item,
        value: Some(3.0),
        done: false,
        date: "2026-01-05".into(),
        note: None,
        user: None,
        evidence: None,
    };
    store.add_progress(&p).await.expect("progress");
    moved(store.clock().await.expect("clock"), "progress as a document records it");
    store.add_progress_with(&p, Some("3"), Some(true)).await.expect("correction");
    moved(store.clock().await.expect("clock"), "a correction");
    let f = conflict(&["a.txt", "b.txt"], Severity::Warning);
    let rec = store.record_findings(&[f], None, "test").await.expect("findings");
    moved(store.clock().await.expect("clock"), "findings");
    store.review_finding(&rec.codes[0], "confirmed", Some("đã xem"), "lan").await.expect("review");
    moved(store.clock().await.expect("clock"), "a review");
    let l = proposed_link("a.txt", "b.txt", LinkRelation::Implements);
    store.propose_links(&[l], "test").await.expect("propose");
    moved(store.clock().await.expect("clock"), "links proposed");
    let id = store.links().await.expect("links")[0].id;
    store.decide_link(id, LinkState::Confirmed, "lan").await.expect("confirm");
    moved(store.clock().await.expect("clock"), "a link confirmed");
    store
        .save_text("a.txt", 1, &[TextLine { no: 1, text: "x".into(), original: None, confidence: None }])
        .await
        .expect("text");
    moved(store.clock().await.expect("clock"), "a text kept");
}
both!(the_clock_moves_with_every_change, clock);
