//! Organisations matched against the official list of administrative units (issue 11), on SQLite
//! and PostgreSQL (`THEODOI_TEST_PG`).

#[macro_use]
mod common;

use common::*;
use theodoi_core::*;
use theodoi_store::{AddOutcome, Store};

/// A document of `org` under `parent`, named `file`.
fn doc_of(file: &str, org: &str, parent: Option<&str>) -> Extraction {
    let mut x = action_program(file, 8.0);
    x.org = Some(org.into());
    x.parent_org = parent.map(str::to_string);
    x
}

async fn add(store: &Store, file: &str, org: &str, parent: Option<&str>) -> AddOutcome {
    store.add(&import(file, file, doc_of(file, org, parent))).await.expect("add")
}

both!(two_spellings_of_a_ward_are_one_organisation, two_spellings);
async fn two_spellings(store: Store) {
    add(&store, "a.txt", "Phường Lê Ích Mộc", Some("Thành phố Hải Phòng")).await;
    add(&store, "b.txt", "P. Lê Ích Mộc", Some("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG")).await;
    add(&store, "c.txt", "ĐẢNG UỶ PHƯỜNG LÊ ÍCH MỘC", None).await;
    add(&store, "d.txt", "phuong le ich moc", Some("Thanh pho Hai Phong")).await;
    let orgs = store.organisations().await.expect("organisations");
    let wards: Vec<_> = orgs.iter().filter(|o| o.level == "ward").collect();
    assert_eq!(wards.len(), 1, "{orgs:?}");
    assert_eq!(wards[0].name, "Phường Lê Ích Mộc");
    assert_eq!(wards[0].unit_code.as_deref(), Some("11506"));
    assert_eq!(wards[0].parent.as_deref(), Some("Thành phố Hải Phòng"));
    let cities: Vec<_> = orgs.iter().filter(|o| o.level == "city").collect();
    assert_eq!(cities.len(), 1, "{orgs:?}");
    assert_eq!(cities[0].unit_code.as_deref(), Some("31"));
    // Every spelling selects the four documents.
    for q in ["P. Lê Ích Mộc", "Le Ich Moc", "Phường Lê Ích Mộc", "Hải Phòng", "TP. Hải Phòng", "11506"]
    {
        assert_eq!(store.documents(Some(q)).await.expect("documents").len(), 4, "{q}");
    }
    assert!(store.unmatched_organisations().await.expect("unmatched").is_empty());
}

both!(a_revision_spelled_otherwise_is_a_version, revision_spelled_otherwise);
async fn revision_spelled_otherwise(store: Store) {
    let text = |edit: bool| -> String {
        (0..120)
            .map(|i| {
                if edit && i == 7 {
                    "Đoạn này đã được sửa lại sau khi lấy ý kiến.\n".to_string()
                } else {
                    format!("Đoạn {i}: phường thực hiện nhiệm vụ số {} trong năm 2025.\n", i * 11 % 89)
                }
            })
            .collect()
    };
    let with_text = |file: &str, org: &str, t: &str| {
        let mut im = import(file, file, doc_of(file, org, Some("Thành phố Hải Phòng")));
        let w = theodoi_store::identity::words(t.lines());
        im.text_sha256 = Some(theodoi_store::identity::text_sha256(&w));
        im.sketch = theodoi_store::identity::sketch(&w);
        im
    };
    store.add(&with_text("bao-cao.txt", "Phường Lê Ích Mộc", &text(false))).await.expect("first");
    let second = store.add(&with_text("bao-cao-sua.docx", "P. Lê Ích Mộc", &text(true))).await.expect("second");
    assert!(
        matches!(&second, AddOutcome::NewVersion { document, version: 2, .. } if document == "bao-cao.txt"),
        "{second:?}"
    );
}

both!(tone_placement_is_one_ward, tone_placement);
async fn tone_placement(store: Store) {
    add(&store, "a.txt", "Phường Thủy Nguyên", Some("Thành phố Hải Phòng")).await;
    add(&store, "b.txt", "Phường Thuỷ Nguyên", Some("Thành phố Hải Phòng")).await;
    add(&store, "c.txt", "Phường Hoà Bình", Some("Thành phố Hải Phòng")).await;
    add(&store, "d.txt", "Phường Hòa Bình", Some("Thành phố Hải Phòng")).await;
    let orgs = store.organisations().await.expect("organisations");
    let wards: Vec<_> = orgs.iter().filter(|o| o.level == "ward").collect();
    assert_eq!(wards.len(), 2, "{orgs:?}");
    // Named as the list names them.
    assert!(
        wards.iter().any(|o| o.name == "Phường Thuỷ Nguyên" && o.unit_code.as_deref() == Some("11560")),
        "{orgs:?}"
    );
    assert!(wards.iter().any(|o| o.name == "Phường Hoà Bình" && o.unit_code.as_deref() == Some("11533")), "{orgs:?}");
}

both!(a_name_not_on_the_list_is_kept_and_flagged, not_on_the_list);
async fn not_on_the_list(store: Store) {
    // examples/: a made-up city and ward.
    add(&store, "a.txt", "Phường Đông Sơn Hà", Some("Thành phố Bắc Lâm")).await;
    // A real ward of another city, under Hải Phòng: not matched to Đà Nẵng's.
    add(&store, "b.txt", "Phường Hòa Xuân", Some("Thành phố Hải Phòng")).await;
    // A commune five provinces have, no province named.
    add(&store, "c.txt", "Xã Bình Minh", None).await;
    let orgs = store.organisations().await.expect("organisations");
    let get = |n: &str| orgs.iter().find(|o| o.name == n).unwrap_or_else(|| panic!("{n} in {orgs:?}"));
    assert_eq!(get("Phường Đông Sơn Hà").unit_code, None);
    assert_eq!(get("Phường Đông Sơn Hà").parent.as_deref(), Some("Thành phố Bắc Lâm"));
    assert_eq!(get("Thành phố Bắc Lâm").unit_code, None);
    assert_eq!(get("Phường Hòa Xuân").unit_code, None);
    assert_eq!(get("Phường Hòa Xuân").parent.as_deref(), Some("Thành phố Hải Phòng"));
    assert_eq!(get("Thành phố Hải Phòng").unit_code.as_deref(), Some("31"));
    assert_eq!(get("Xã Bình Minh").unit_code, None);

    let flagged = store.unmatched_organisations().await.expect("unmatched");
    let names: Vec<&str> = flagged.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Phường Đông Sơn Hà", "Phường Hòa Xuân", "Thành phố Bắc Lâm", "Xã Bình Minh"]);
    let why = |n: &str| flagged.iter().find(|f| f.name == n).map(|f| f.reason_vi.clone()).unwrap_or_default();
    assert!(why("Phường Đông Sơn Hà").contains("không có trong danh mục"), "{}", why("Phường Đông Sơn Hà"));
    assert!(why("Phường Hòa Xuân").contains("Thành phố Hải Phòng"), "{}", why("Phường Hòa Xuân"));
    assert!(why("Phường Hòa Xuân").contains("Đà Nẵng"), "{}", why("Phường Hòa Xuân"));
    assert!(why("Xã Bình Minh").contains("trùng tên 5"), "{}", why("Xã Bình Minh"));
    assert_eq!(flagged.iter().find(|f| f.name == "Phường Đông Sơn Hà").map(|f| f.documents), Some(1));
    // The same made-up ward again is still one organisation.
    add(&store, "d.txt", "Phường Đông Sơn Hà", Some("Thành phố Bắc Lâm")).await;
    assert_eq!(store.organisations().await.expect("organisations").len(), orgs.len());
}

both!(every_unit_of_a_city_including_those_that_sent_nothing, units_of_city);
async fn units_of_city(store: Store) {
    add(&store, "a.txt", "Phường Lê Ích Mộc", Some("Thành phố Hải Phòng")).await;
    add(&store, "b.txt", "P. Lê Ích Mộc", Some("Thành phố Hải Phòng")).await;
    add(&store, "c.txt", "Phường Kiến An", Some("Thành phố Hải Phòng")).await;
    add(&store, "d.txt", "Phường Đông Sơn Hà", Some("Thành phố Hải Phòng")).await;
    let units = store.units_of_city("TP. Hải Phòng").await.expect("Hải Phòng");
    assert_eq!(units.len(), 114);
    let sent: Vec<(&str, i64)> =
        units.iter().filter(|u| u.documents > 0).map(|u| (u.name.as_str(), u.documents)).collect();
    assert_eq!(sent, [("Phường Kiến An", 1), ("Phường Lê Ích Mộc", 2)]);
    assert_eq!(units.iter().filter(|u| u.organisation.is_none()).count(), 112);
    assert_eq!(store.units_of_city("31").await.expect("by code"), units);
    assert!(store.units_of_city("Thành phố Bắc Lâm").await.is_err());
    assert!(store.units_of_city("Phường Kiến An").await.is_err(), "a ward is not a city");
}

/// A ledger of schema 4 (before the list): two spellings of one ward as two organisations.
async fn old_ledger(location: &str, url: &str) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let store = Store::open(location).await.expect("fresh");
    store.close().await;
    let mut c = sqlx::AnyConnection::connect(url).await.expect("connect");
    for sql in [
        "DROP INDEX organisations_unit_code",
        "ALTER TABLE organisations DROP COLUMN unit_code",
        "DELETE FROM schema_migrations WHERE version = 5",
        "INSERT INTO organisations (id, name, name_folded, level, parent_id) VALUES (1, 'Thành phố Hải Phòng', 'thanh pho hai phong', 'city', NULL)",
        "INSERT INTO organisations (id, name, name_folded, level, parent_id) VALUES (2, 'Phường Lê Ích Mộc', 'phuong le ich moc', 'ward', 1)",
        "INSERT INTO organisations (id, name, name_folded, level, parent_id) VALUES (3, 'P. Lê Ích Mộc', 'p. le ich moc', 'unit', 1)",
        "INSERT INTO organisations (id, name, name_folded, level, parent_id) VALUES (4, 'Chi bộ Tổ dân phố 5', 'chi bo to dan pho 5', 'unit', 3)",
        "INSERT INTO organisations (id, name, name_folded, level, parent_id) VALUES (5, 'Phường Đông Sơn Hà', 'phuong dong son ha', 'ward', 1)",
    ] {
        sqlx::raw_sql(sql).execute(&mut c).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    for (id, file, org, key) in [
        (1, "a.txt", "Phường Lê Ích Mộc", "phuong le ich moc"),
        (2, "b.txt", "P. Lê Ích Mộc", "p. le ich moc"),
        (3, "c.txt", "Phường Đông Sơn Hà", "phuong dong son ha"),
    ] {
        let x = serde_json::to_string(&doc_of(file, org, Some("Thành phố Hải Phòng"))).expect("json");
        let org_id = if id == 3 { 5 } else { id + 1 };
        sqlx::query("INSERT INTO documents (id, file_name, org_id, doc_type, current_version, org_key) VALUES ($1, $2, $3, 'chuong_trinh_hanh_dong', 1, $4)")
            .bind(id)
            .bind(file)
            .bind(org_id)
            .bind(key)
            .execute(&mut c)
            .await
            .expect("doc");
        sqlx::query(
            "INSERT INTO document_versions (document_id, version, sha256, bytes, doc_type, extraction_json, created_at) \
             VALUES ($1, 1, $2, 10, 'chuong_trinh_hanh_dong', $3, 'x')",
        )
        .bind(id)
        .bind(file)
        .bind(x)
        .execute(&mut c)
        .await
        .expect("version");
    }
    if url.starts_with("postgres") {
        // Ids were given: move the sequences past them as a real ledger's would be.
        for t in ["organisations", "documents"] {
            sqlx::raw_sql(&format!("SELECT setval(pg_get_serial_sequence('{t}', 'id'), 100)"))
                .execute(&mut c)
                .await
                .expect("seq");
        }
    }
    c.close().await.expect("close");
}

async fn backfill_on(location: &str, url: &str) {
    old_ledger(location, url).await;
    let store = Store::open(location).await.expect("the old ledger opens");
    let orgs = store.organisations().await.expect("organisations");
    let get = |n: &str| orgs.iter().find(|o| o.name == n).unwrap_or_else(|| panic!("{n} in {orgs:?}"));
    // The two spellings are one organisation now, named as the list names it, with its code.
    assert!(!orgs.iter().any(|o| o.name == "P. Lê Ích Mộc"), "{orgs:?}");
    assert_eq!(get("Phường Lê Ích Mộc").unit_code.as_deref(), Some("11506"));
    assert_eq!(get("Thành phố Hải Phòng").unit_code.as_deref(), Some("31"));
    assert_eq!(get("Phường Lê Ích Mộc").parent.as_deref(), Some("Thành phố Hải Phòng"));
    // The merged row's child moved with it; the made-up ward stays as written.
    assert_eq!(get("Chi bộ Tổ dân phố 5").parent.as_deref(), Some("Phường Lê Ích Mộc"));
    assert_eq!(get("Chi bộ Tổ dân phố 5").unit_code, None);
    assert_eq!(get("Phường Đông Sơn Hà").unit_code, None);
    assert_eq!(orgs.len(), 4, "{orgs:?}");
    assert_eq!(store.documents(Some("P. Lê Ích Mộc")).await.expect("docs").len(), 2);
    let units = store.units_of_city("Hải Phòng").await.expect("units");
    assert_eq!(units.iter().find(|u| u.code == "11506").map(|u| u.documents), Some(2));
    let flagged = store.unmatched_organisations().await.expect("unmatched");
    assert_eq!(flagged.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["Phường Đông Sơn Hà"]);
    // New documents find the merged row: no third spelling.
    store
        .add(&import("e.txt", "e", doc_of("e.txt", "Đảng bộ phường Lê Ích Mộc", Some("Thành phố Hải Phòng"))))
        .await
        .expect("add");
    assert_eq!(store.organisations().await.expect("organisations").len(), 4);
    assert_eq!(store.documents(Some("Lê Ích Mộc")).await.expect("docs").len(), 3);
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ledger_before_the_list_is_matched_on_open_sqlite() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.db");
    let location = path.to_str().expect("utf-8");
    backfill_on(location, &format!("sqlite://{location}?mode=rwc")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ledger_before_the_list_is_matched_on_open_postgres() {
    let Some(base) = pg_url() else { return };
    let name = format!("theodoi_units_{}", std::process::id());
    let url = theodoi_store::create_postgres_database(&base, &name).await.expect("create database");
    backfill_on(&url, &url).await;
}
