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
