//! What the ledger derives to answer quickly — each version's summary (status) and the name-feature
//! counts (link weights) — and a document's text stored with it, on SQLite and PostgreSQL.

#[macro_use]
mod common;

use std::collections::BTreeMap;

use common::*;
use theodoi_core::*;
use theodoi_store::{Store, TextLine};

/// The counts over every target name the ledger holds, as `name_counts` must give them.
async fn counted_over_names(store: &Store) -> (usize, BTreeMap<String, usize>) {
    let names = store.target_names().await.expect("names");
    let mut df = BTreeMap::new();
    for n in &names {
        for f in theodoi_check::name_features(n) {
            *df.entry(f).or_insert(0) += 1;
        }
    }
    (names.len(), df)
}

/// Several organisations' documents, one revised (a target renamed, one dropped), another source.
async fn ledger(store: &Store) {
    store.add(&import("a.txt", "a1", action_program("a.txt", 8.0))).await.expect("add a");
    let mut x = action_program("a.txt", 10.0);
    x.targets[1].name = "Giảm tỷ lệ hộ cận nghèo".into();
    x.targets[0].achieved = Some(9.25);
    x.targets[0].kind = TargetKind::Result;
    store.add(&import("a.txt", "a2", x)).await.expect("revise a");
    let mut y = action_program("b.txt", 7.0);
    y.org = Some("Xã Tân Lạc".into());
    y.targets.truncate(1);
    store.add(&import("b.txt", "b1", y)).await.expect("add b");
    let mut z = action_program("c.txt", 7.0);
    z.org = None;
    z.targets[0].name = "Thu ngân sách (theo dự toán) tăng".into();
    store.add(&import("c.txt", "c1", z)).await.expect("add c");
}

both!(name_counts_are_the_counts_over_every_name, name_counts);
async fn name_counts(store: Store) {
    ledger(&store).await;
    let (n, want) = counted_over_names(&store).await;
    assert_eq!(n, 5, "2 + 1 + 2 current target names (the first version's are gone)");
    let all: Vec<String> = want.keys().cloned().collect();
    // Ask by names whose features are every feature the ledger holds, plus one none holds.
    let names = store.target_names().await.expect("names");
    let ask: Vec<&str> = names.iter().map(String::as_str).chain(["tên không có ở đâu"]).collect();
    let (got_n, got) = store.name_counts(ask).await.expect("counts");
    assert_eq!(got_n, n);
    let got: BTreeMap<String, usize> = got.into_iter().collect();
    assert_eq!(got, want, "features: {all:?}");
    assert!(!got.contains_key("ở đâu"), "a feature no name holds is not counted");
    assert!(!got.contains_key(""), "the names' count is not a feature");

    // An import rebuilds them: a ledger restored from an export counts the same.
    let dump = store.dump(None).await.expect("dump");
    let dir = tempfile::tempdir().expect("dir");
    let other = Store::open(dir.path().join("copy.db").to_str().expect("utf-8")).await.expect("open");
    other.load(&dump, "t").await.expect("load");
    let (n2, again) = other.name_counts(names.iter().map(String::as_str)).await.expect("counts");
    assert_eq!((n2, again.into_iter().collect::<BTreeMap<_, _>>()), (n, want));
    assert_eq!(other.tracked(None).await.expect("tracked"), store.tracked(None).await.expect("tracked"));
}

both!(links_from_counts_are_the_links_over_all, links_counted);
async fn links_counted(store: Store) {
    // Congress resolutions (sources) and action programs of two wards.
    for (i, w) in ["Phường Nam Đồng", "Xã Tân Lạc"].iter().enumerate() {
        let (s, p) = (format!("nq{i}.txt"), format!("ctr{i}.txt"));
        let mut src = action_program(&s, 8.0);
        src.doc_type = DocType::NghiQuyet;
        src.org = Some(w.to_string());
        src.targets[1].name = "Giảm tỷ lệ hộ nghèo đa chiều".into();
        store.add(&import(&s, &format!("s{i}"), src)).await.expect("add source");
        let mut prog = action_program(&p, 9.0);
        prog.org = Some(w.to_string());
        store.add(&import(&p, &format!("p{i}"), prog)).await.expect("add program");
    }
    let touched = vec!["ctr0.txt".to_string()];
    let all = store.documents(None).await.expect("documents");
    let near = store.documents_near(&touched).await.expect("near");
    let want = theodoi_check::propose_links_touching(&all, Some(&touched));
    let names = near.iter().flat_map(|d| d.extraction.targets.iter().map(|t| t.name.as_str()));
    let (n, df) = store.name_counts(names).await.expect("counts");
    let got = theodoi_check::propose_links_counted(&near, &touched, n, df);
    assert!(!want.is_empty(), "the ledger links the program");
    assert_eq!(got, want, "the same links and confidences, bit for bit");
}

both!(status_reads_summaries_as_the_extractions_say, summaries);
async fn summaries(store: Store) {
    ledger(&store).await;
    for org in [None, Some("tan lac"), Some("Nam Đồng")] {
        let from_summaries = store.tracked(org).await.expect("tracked");
        let from_extractions = store.tracked_from_extractions(org).await.expect("from extractions");
        assert_eq!(from_summaries, from_extractions, "{org:?}");
        let full = store.documents(org).await.expect("documents");
        assert_eq!(full.len(), from_summaries.len());
        for (f, t) in full.iter().zip(&from_summaries) {
            assert_eq!((&f.file, f.version, &f.sha256, &f.date), (&t.file, t.version, &t.sha256, &t.date));
            assert_eq!(f.extraction.targets.len(), t.extraction.targets.len());
            assert!(t.extraction.targets.iter().all(|t| t.evidence.is_empty()), "no evidence in a summary");
            let names: Vec<&str> = f.extraction.targets.iter().map(|t| t.name.as_str()).collect();
            let kept: Vec<&str> = t.extraction.targets.iter().map(|t| t.name.as_str()).collect();
            assert_eq!(names, kept);
            assert!(t.extraction.citations.is_empty() && t.extraction.facts.is_empty());
        }
    }
    assert!(store.tracked(None).await.expect("tracked").iter().any(|d| d.version == 2), "the revision is current");
    // A ledger whose versions have no summary (made before them) is read from the extractions.
    let before = store.tracked(None).await.expect("tracked");
    sqlx::query("DELETE FROM version_summaries").execute(store.pool()).await.expect("delete");
    assert_eq!(store.tracked(None).await.expect("tracked"), before);
}

both!(a_document_and_its_text_are_stored_together, text_with_document);
async fn text_with_document(store: Store) {
    let lines = vec![
        TextLine { no: 1, text: "ĐẢNG BỘ PHƯỜNG NAM ĐỒNG".into(), original: None, confidence: None },
        TextLine { no: 2, text: "Ke\u{302}\u{301} hoạch".into(), original: None, confidence: None },
    ];
    store.add_with_text(&import("a.txt", "a1", action_program("a.txt", 8.0)), &lines).await.expect("add");
    let t = store.text("a.txt").await.expect("text").expect("kept with the document");
    assert_eq!(t.lines[1].text, "Kế hoạch", "NFC");
    // A new version and its text, together.
    let mut l2 = lines.clone();
    l2[1].text = "Kế hoạch số 2".into();
    store.add_with_text(&import("a.txt", "a2", action_program("a.txt", 9.0)), &l2).await.expect("v2");
    let t = store.text("a.txt").await.expect("text").expect("kept");
    assert_eq!((t.version, t.lines[1].text.as_str()), (2, "Kế hoạch số 2"));
    // A version stored without its text (an older ledger) gets it when its bytes come again.
    store.add(&import("b.txt", "b1", action_program("b.txt", 8.0))).await.expect("add b");
    assert!(store.text("b.txt").await.expect("text").is_none());
    store.add_with_text(&import("b.txt", "b1", action_program("b.txt", 8.0)), &lines).await.expect("again");
    assert!(store.text("b.txt").await.expect("text").is_some());
    // A text with a NUL is refused before anything is stored.
    let bad = vec![TextLine { no: 1, text: "a\0b".into(), original: None, confidence: None }];
    assert!(store.add_with_text(&import("c.txt", "c1", action_program("c.txt", 8.0)), &bad).await.is_err());
    assert!(store.documents(None).await.expect("docs").iter().all(|d| d.file != "c.txt"));
    // When keeping the text fails, the document is not stored either: one transaction.
    sqlx::query("DROP TABLE document_texts").execute(store.pool()).await.expect("drop");
    let r = store.add_with_text(&import("d.txt", "d1", action_program("d.txt", 8.0)), &lines).await;
    assert!(r.is_err(), "{r:?}");
    let names: Vec<String> = store.documents(None).await.expect("docs").into_iter().map(|d| d.file).collect();
    assert_eq!(names, ["a.txt", "b.txt"], "no document without its text");
    let audit = store.audit_log().await.expect("audit");
    assert!(audit.iter().all(|a| a.entity_id != "d.txt"), "nor its audit row");
}
