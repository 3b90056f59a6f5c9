//! The document viewer marks the lines of a restored scan that the restorer was unsure of
//! (class `doubt`, a title saying to check the scan, and a note with their count), and only those.
//!
//! One server: a SQLite ledger in a temp dir holding one generated OCR scan (data/restore/pairs)
//! with a target on a line of misread letters and unknown words.

mod common;

use common::Client;
use reqwest::StatusCode;
use theodoi_store::{Role, Store};

/// The scan's text and the number of its doubtful target line.
fn scan() -> (String, usize) {
    let pairs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/restore/pairs");
    let mut text = String::new();
    for chunk in ["d004-lib.000.ocr.txt", "d004-lib.001.ocr.txt"] {
        text.push_str(&std::fs::read_to_string(pairs.join(chunk)).expect("OCR pair in data/restore/pairs"));
    }
    text.push_str("- Phan d4u thu ng4n s4ch trén dja ban dat 102% dy toan nam 2026 (xqzvwk jjqqx vvkkz wqxz zzxq).\n");
    let n = text.lines().count();
    (text, n)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn viewer_marks_low_confidence_lines() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("ledger.db").to_str().expect("utf-8").to_string();
    let store = Store::open(&db).await.expect("open");
    let (text, line) = scan();
    let doc = theodoi_ingest::read_bytes("scan.txt", text.as_bytes()).expect("scan reads");
    assert!(doc.source.restored);
    let doubtful: Vec<u32> = doc.lines.iter().filter(|l| l.is_doubtful()).map(|l| l.no).collect();
    assert!(doubtful.contains(&(line as u32)), "{doubtful:?}");
    let x = theodoi_extract::extract(&doc);
    let import = theodoi_store::Import::from_document(&doc, x, "test");
    store.add_with_text(&import, &theodoi_store::text_lines(&doc)).await.expect("add");
    common::add_users(&store, &[("quan-tri", Role::Admin, None)]).await;
    let options = theodoi_web::Options { insecure_cookies: false, today: None, max_upload: None };
    let (base, server) = common::start(store, options).await;
    tokio::spawn(server);
    let (status, html) = Client::login(&base, "quan-tri").await.get("/van-ban/scan.txt").await;
    assert_eq!(status, StatusCode::OK);
    // The doubtful line is marked, with a title to say why; the count is said once above the text.
    let at = html.find(&format!("id=\"L{line}\"")).expect("the target's line");
    let tag = &html[at..at + html[at..].find('>').expect("tag end")];
    assert!(tag.contains(" doubt\"") && tag.contains("độ tin cậy thấp"), "{tag}");
    let marked = html.matches(" doubt\"").count();
    assert_eq!(marked, doubtful.len(), "every doubtful line and only those");
    assert!(html.contains(&format!("{} dòng khôi phục từ OCR với độ tin cậy thấp", doubtful.len())), "note");
    // A line restored with confidence is not marked.
    let at = html.find("id=\"L1\"").expect("line 1");
    let tag = &html[at..at + html[at..].find('>').expect("tag end")];
    assert!(!tag.contains("doubt") || doubtful.contains(&1), "{tag}");
    drop(dir);
}
