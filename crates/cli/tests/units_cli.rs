//! Organisations against the official list of administrative units, through the CLI: two
//! spellings of a real ward are one unit in `list units`; a made-up ward is shown for review in
//! `status`. Built from the examples with their invented city and ward renamed, so it needs no
//! `../shared`.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_theodoi");

fn theodoi(args: &[&str], db: &str) -> String {
    let out = Command::new(BIN)
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("COLUMNS", "120")
        .output()
        .expect("run theodoi");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "theodoi {args:?} failed: {stdout}\n{stderr}");
    stdout.into_owned()
}

/// An example with its header renamed: `city` above `ward` (each as the header line writes it).
fn renamed(dir: &Path, example: &str, city: &str, ward: &str) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(example);
    let text = std::fs::read_to_string(&src).expect("read example");
    let text = text
        .replace("ĐẢNG BỘ THÀNH PHỐ BẮC LÂM", city)
        .replace("ĐẢNG ỦY PHƯỜNG ĐÔNG SƠN HÀ", ward)
        .replace("ĐẢNG BỘ PHƯỜNG ĐÔNG SƠN HÀ", ward);
    let out = dir.join(example);
    std::fs::write(&out, text).expect("write");
    out.display().to_string()
}

#[test]
fn two_spellings_are_one_unit_and_a_made_up_ward_is_flagged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = renamed(dir.path(), "bao-cao-6-thang.txt", "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY PHƯỜNG LÊ ÍCH MỘC");
    let b = renamed(dir.path(), "chuong-trinh-hanh-dong.txt", "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG UỶ P. LÊ ÍCH MỘC");
    let c = renamed(dir.path(), "nghi-quyet-dai-hoi.txt", "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG BỘ PHƯỜNG HOA SEN ĐỎ");
    let db = dir.path().join("l.db").display().to_string();
    theodoi(&["add", &a, &b, &c], &db);

    let units = theodoi(&["list", "units"], &db);
    assert!(
        units.starts_with("Thành phố Hải Phòng (31): 114 xã, phường, đặc khu — 1 đã gửi văn bản, 113 chưa gửi"),
        "{units}"
    );
    let row: Vec<&str> = units.lines().filter(|l| l.contains("Lê Ích Mộc")).collect();
    assert_eq!(row.len(), 1, "{units}");
    assert!(row[0].starts_with("11506") && row[0].trim_end().ends_with(" 2"), "{}", row[0]);
    assert!(units.contains("Phường Kiến An") && !units.contains("Hoa Sen Đỏ"), "{units}");

    // Both spellings select both documents.
    for q in ["P. Lê Ích Mộc", "Le Ich Moc"] {
        let docs = theodoi(&["list", "documents", "--org", q], &db);
        assert!(docs.contains("2 văn bản"), "{q}: {docs}");
    }

    let status = theodoi(&["status", "--today", "01/12/2025"], &db);
    let review = status.split("Tổ chức không có trong danh mục").nth(1).unwrap_or_else(|| panic!("{status}"));
    assert!(review.contains("Phường Hoa Sen Đỏ (thuộc Thành phố Hải Phòng), 1 văn bản"), "{review}");
    assert!(review.contains("không có trong danh mục đơn vị hành chính 2025"), "{review}");
    assert!(!review.contains("Lê Ích Mộc"), "{review}");

    let en = theodoi(&["--lang", "en", "list", "units", "--org", "TP. Hải Phòng", "--json"], &db);
    let js: serde_json::Value = serde_json::from_str(&en).expect("json");
    let list = js.as_array().expect("array");
    assert_eq!(list.len(), 114);
    let sent: Vec<&serde_json::Value> = list.iter().filter(|u| u["documents"].as_i64() > Some(0)).collect();
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0]["id"].as_str(), sent[0]["documents"].as_i64()), (Some("11506"), Some(2)));
}

/// A clerk maps a ward name not on the list to a unit, in Vietnamese: it leaves the names to review
/// and its document is counted with the unit.
#[test]
fn a_clerk_maps_a_name_not_on_the_list_to_a_unit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let c = renamed(dir.path(), "nghi-quyet-dai-hoi.txt", "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG BỘ PHƯỜNG HOA SEN ĐỎ");
    let db = dir.path().join("l.db").display().to_string();
    theodoi(&["add", &c], &db);
    let list = theodoi(&["org", "list", "--unmatched"], &db);
    assert!(list.contains("Hoa Sen Đỏ") && list.contains("theodoi org map"), "{list}");
    let json: serde_json::Value =
        serde_json::from_str(&theodoi(&["org", "list", "--unmatched", "--json"], &db)).expect("json");
    let name = json[0]["name"].as_str().expect("a name to review").to_string();
    let out = theodoi(&["org", "map", &name, "--unit", "11506", "--user", "Thu", "--note", "tên cũ"], &db);
    assert!(out.starts_with("đã ánh xạ") && out.contains("Phường Lê Ích Mộc") && out.contains("11506"), "{out}");
    let list = theodoi(&["org", "list", "--unmatched"], &db);
    assert!(list.starts_with("Không có tổ chức nào cần kiểm tra"), "{list}");
    let all = theodoi(&["org", "list", "--lang", "en"], &db);
    assert!(all.contains("→ Phường Lê Ích Mộc") && all.contains("Thu"), "{all}");
    let units = theodoi(&["list", "units"], &db);
    let row: Vec<&str> = units.lines().filter(|l| l.contains("Lê Ích Mộc")).collect();
    assert!(row.len() == 1 && row[0].trim_end().ends_with(" 1"), "{units}");
    // The document's unit is the clerk's decision, its name still as written.
    let docs: serde_json::Value = serde_json::from_str(&theodoi(&["list", "documents", "--json"], &db)).expect("json");
    assert_eq!(docs[0]["unit_code"].as_str(), Some("11506"), "{docs}");
    assert!(docs[0]["org"].as_str().is_some_and(|o| o.contains("Hoa Sen Đỏ")), "{docs}");
}
