//! A clerk's decisions on organisation names not on the official list — mapped to a unit, or
//! reviewed and kept as written — audited and kept across re-adds, revisions and imports, on SQLite
//! and PostgreSQL (`THEODOI_TEST_PG`).

#[macro_use]
mod common;

use common::*;
use theodoi_core::*;
use theodoi_store::Store;

fn doc_of(file: &str, org: &str, parent: Option<&str>) -> Extraction {
    let mut x = action_program(file, 8.0);
    x.org = Some(org.into());
    x.parent_org = parent.map(str::to_string);
    x
}

async fn add(store: &Store, file: &str, sha: &str, org: &str, parent: Option<&str>) {
    store.add(&import(file, sha, doc_of(file, org, parent))).await.expect("add");
}

fn flagged(list: &[theodoi_store::UnmatchedOrganisation]) -> Vec<&str> {
    list.iter().map(|u| u.name.as_str()).collect()
}

both!(a_clerk_maps_or_reviews_an_unmatched_name, decisions);
async fn decisions(store: Store) {
    // "Xã Bình Minh" (five provinces have one; no province named), a made-up ward under a made-up city,
    // and Phường Lê Ích Mộc (11506) as the list spells it.
    add(&store, "a.txt", "a1", "Xã Bình Minh", None).await;
    add(&store, "b.txt", "b1", "Phường Đông Sơn Hà", Some("Thành phố Bắc Lâm")).await;
    add(&store, "c.txt", "c1", "Phường Lê Ích Mộc", Some("Thành phố Hải Phòng")).await;
    let before = store.unmatched_organisations().await.expect("unmatched");
    assert_eq!(flagged(&before), ["Phường Đông Sơn Hà", "Thành phố Bắc Lâm", "Xã Bình Minh"]);

    // Nothing to decide about a name no document writes, nor a review of a name on the list.
    assert!(matches!(
        store.decide_organisation("Xã Không Có", Some("11506"), "thu", None).await,
        Err(theodoi_store::StoreError::NotFound(_))
    ));
    assert!(store.decide_organisation("Phường Lê Ích Mộc", None, "thu", None).await.is_err());
    assert!(store.decide_organisation("Xã Bình Minh", Some("99999999"), "thu", None).await.is_err());

    // Mapped: "xa binh minh" as typed without marks is the same name; the document becomes the unit's.
    let d =
        store.decide_organisation("xa binh minh", Some("11506"), "Nguyễn Thu", Some("xác minh qua điện thoại")).await;
    let d = d.expect("map");
    assert_eq!((d.unit_code.as_deref(), d.documents), (Some("11506"), 1));
    assert!(d.unit_name.as_deref().is_some_and(|n| n.contains("Lê Ích Mộc")), "{d:?}");
    assert_eq!(store.documents(Some("11506")).await.expect("docs").len(), 2, "a.txt is now Lê Ích Mộc's");
    assert_eq!(store.documents(Some("Le Ich Moc")).await.expect("docs").len(), 2);
    let hp = store.units_of_city("Hải Phòng").await.expect("units");
    assert_eq!(hp.iter().find(|u| u.code == "11506").map(|u| u.documents), Some(2));
    // Reviewed: kept as written, no longer asked about.
    store.decide_organisation("Thành phố Bắc Lâm", None, "Nguyễn Thu", None).await.expect("review city");
    store.decide_organisation("Phường Đông Sơn Hà", None, "Nguyễn Thu", Some("phường mới")).await.expect("review");
    assert!(store.unmatched_organisations().await.expect("unmatched").is_empty());
    let orgs = store.organisations().await.expect("orgs");
    let dsh = orgs.iter().find(|o| o.name == "Phường Đông Sơn Hà").expect("kept as written");
    assert_eq!(dsh.unit_code, None);

    // Audited, with the clerk and the note.
    let log = store.audit_log().await.expect("audit");
    let mapped: Vec<_> = log.iter().filter(|e| e.action == "org_mapped").collect();
    assert_eq!(mapped.len(), 1);
    assert_eq!(mapped[0].actor, "Nguyễn Thu");
    assert!(mapped[0].detail.contains("11506") && mapped[0].detail.contains("xác minh"), "{}", mapped[0].detail);
    assert_eq!(log.iter().filter(|e| e.action == "org_reviewed").count(), 2);

    // Survives: a revision of a.txt, a new document writing the name, bytes added again.
    let mut x = doc_of("a.txt", "Xã Bình Minh", None);
    x.targets[0].value = Some(9.0);
    store.add(&import("a.txt", "a2", x)).await.expect("revise");
    add(&store, "e.txt", "e1", "XÃ BÌNH MINH", None).await;
    add(&store, "a.txt", "a1", "Xã Bình Minh", None).await;
    add(&store, "f.txt", "f1", "Phường Đông Sơn Hà", Some("Thành phố Bắc Lâm")).await;
    assert_eq!(store.documents(Some("11506")).await.expect("docs").len(), 3, "a, c and e");
    assert!(store.unmatched_organisations().await.expect("unmatched").is_empty());
    let decisions = store.org_decisions().await.expect("decisions");
    let names: Vec<(&str, Option<&str>, usize)> =
        decisions.iter().map(|d| (d.name.as_str(), d.unit_code.as_deref(), d.documents)).collect();
    assert_eq!(
        names,
        [("Phường Đông Sơn Hà", None, 2), ("Thành phố Bắc Lâm", None, 2), ("xa binh minh", Some("11506"), 2)]
    );

    // ... and an export imported into an empty ledger.
    let dump = store.dump(None).await.expect("dump");
    let dir = tempfile::tempdir().expect("dir");
    let other = Store::open(dir.path().join("copy.db").to_str().expect("utf-8")).await.expect("open");
    other.load(&dump, "t").await.expect("load");
    assert_eq!(other.org_decisions().await.expect("decisions"), decisions);
    assert!(other.unmatched_organisations().await.expect("unmatched").is_empty());
    add(&other, "g.txt", "g1", "Xã Bình Minh", None).await;
    assert_eq!(other.documents(Some("11506")).await.expect("docs").len(), 4);

    // A second decision replaces the first: mapped elsewhere, the documents follow.
    store.decide_organisation("Xã Bình Minh", Some("11443"), "Lê Văn Hải", None).await.expect("remap");
    assert_eq!(store.documents(Some("11506")).await.expect("docs").len(), 1, "c only");
    assert_eq!(store.documents(Some("11443")).await.expect("docs").len(), 2, "a and e");
}

both!(a_mapped_name_is_checked_with_its_unit, checked_together);
async fn checked_together(store: Store) {
    // One goal with two figures: in Lê Ích Mộc's resolution, and in a plan whose header writes a
    // name not on the list that a clerk maps to Lê Ích Mộc.
    let mut c = doc_of("c.txt", "Phường Lê Ích Mộc", Some("Thành phố Hải Phòng"));
    c.targets.truncate(1);
    store.add(&import("c.txt", "c1", c)).await.expect("add c");
    let mut a = doc_of("a.txt", "Xã Bình Minh", None);
    a.targets.truncate(1);
    a.targets[0].value = Some(9.0);
    store.add(&import("a.txt", "a1", a)).await.expect("add a");
    let across = |docs: &[LedgerDocument]| {
        theodoi_check::run(&theodoi_check::Input { docs, progress: &[], links: &[], today: None })
            .into_iter()
            .filter(|f| f.kind == "same_indicator_different_value" && f.evidence.iter().any(|e| e.doc == "a.txt"))
            .count()
    };
    let docs = store.documents(None).await.expect("documents");
    assert_eq!(across(&docs), 0, "two organisations: nothing to compare");
    store.decide_organisation("Xã Bình Minh", Some("11506"), "thu", None).await.expect("map");
    let docs = store.documents(None).await.expect("documents");
    assert!(docs.iter().all(|d| d.org_key.as_deref() == Some("unit:11506")), "{docs:?}");
    assert_eq!(across(&docs), 1, "one organisation now: its two figures disagree");
    // After an add the re-check of the unit takes in the mapped document too, and status reads it.
    store.after_add(&["c.txt".to_string()], "t", "2026-06-30").await.expect("after add");
    let open = store.open_findings_for(Some("11506")).await.expect("open");
    assert!(open.iter().any(|f| f.finding.evidence.iter().any(|e| e.doc == "a.txt")), "{open:?}");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let report = store.status_report(Some("11506"), today, 15, 20).await.expect("status");
    assert_eq!(report.documents, 2);
}
