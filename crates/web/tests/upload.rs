//! Uploads against a running server on loopback: a file is read in the background and shown for
//! review without touching the ledger, then stored as `theodoi add` stores it ("Ghi vào sổ") —
//! only by an editor of the document's ward or an admin, audited as that user. Bad files, files
//! over the limit and other users' uploads get clear Vietnamese refusals.
//!
//! One server for the file: a SQLite ledger in a temp dir holding two of the project's examples
//! (ward Đông Sơn Hà), an upload limit of 200 KiB.

mod common;

use std::sync::OnceLock;
use std::time::Duration;

use common::{examples, Client};
use reqwest::header;
use reqwest::StatusCode;
use serde_json::Value;
use theodoi_store::Store;

const LIMIT: u64 = 200 * 1024;

struct Server {
    base: String,
    db: String,
}

fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| {
        common::in_background(|tx| async move {
            let dir = tempfile::tempdir().expect("tmp");
            let db = dir.path().join("ledger.db").to_str().expect("utf-8").to_string();
            let store = Store::open(&db).await.expect("open");
            common::add_examples(&store, &["nghi-quyet-dai-hoi.txt", "chuong-trinh-hanh-dong.txt"]).await;
            common::add_users(&store, &common::USERS).await;
            let options =
                theodoi_web::Options { insecure_cookies: false, today: common::today(), max_upload: Some(LIMIT) };
            let (base, server) = common::start(store, options).await;
            tx.send(Server { base, db }).expect("send");
            let _keep = dir;
            let _ = server.await;
        })
    })
}

impl Client {
    fn form(name: &str, bytes: Vec<u8>) -> reqwest::multipart::Form {
        reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()))
    }

    /// POST a file to the API; (status, body).
    async fn upload_api(&self, name: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
        let r = self
            .http
            .post(format!("{}/api/uploads", self.base))
            .header(header::COOKIE, &self.cookie)
            .header("X-CSRF-Token", &self.csrf)
            .multipart(Self::form(name, bytes))
            .send()
            .await
            .expect("upload");
        let s = r.status();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    /// POST a file to the page as a browser does (same-origin `Origin`, no token header).
    async fn upload_page(&self, name: &str, bytes: Vec<u8>) -> (StatusCode, String, Option<String>) {
        let r = self
            .http
            .post(format!("{}/tai-len", self.base))
            .header(header::COOKIE, &self.cookie)
            .header(header::ORIGIN, &self.base)
            .multipart(Self::form(name, bytes))
            .send()
            .await
            .expect("upload");
        let s = r.status();
        let to = r.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string);
        (s, r.text().await.expect("body"), to)
    }

    async fn post(&self, path: &str) -> (StatusCode, Value) {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header(header::COOKIE, &self.cookie)
            .header("X-CSRF-Token", &self.csrf)
            .send()
            .await
            .expect("post");
        let s = r.status();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    /// Poll an upload until it is no longer being read.
    async fn wait(&self, id: &str) -> Value {
        for _ in 0..600 {
            let (s, body) = self.get(&format!("/api/uploads/{id}")).await;
            assert_eq!(s, StatusCode::OK, "{body}");
            let v: Value = serde_json::from_str(&body).expect("json");
            if !matches!(v["state"].as_str(), Some("waiting" | "reading")) {
                return v;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("upload {id} still reading after 30 s");
    }
}

async fn ledger_docs() -> Vec<String> {
    let store = Store::open(&server().db).await.expect("open");
    store.documents(None).await.expect("docs").into_iter().map(|d| d.file).collect()
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(examples().join(name)).expect("example")
}

/// The tests that store a document hold this, so one's "nothing stored yet" is not another's store.
async fn storing() -> tokio::sync::MutexGuard<'static, ()> {
    static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    LOCK.lock().await
}

/// Percent-encode a path segment.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn injection_strings_in_an_upload_its_name_and_a_search_stay_inert() {
    let _one = storing().await;
    let admin = Client::login(&server().base, "quan-tri").await;
    let before = ledger_docs().await;
    // No "/" in it: the name is cut to what follows a path separator.
    let name = "<b>x<b onmouseover=alert(2)>'; DROP TABLE documents;--.txt";
    let text = "ĐẢNG BỘ THÀNH PHỐ BẮC LÂM\nĐẢNG ỦY PHƯỜNG HÒA BÌNH\n*\nSố 12-KH/ĐU\n\nKẾ HOẠCH\n\
        thực hiện nhiệm vụ năm 2026 <script>alert('tieu-de')</script>\n\n\
        1. Phấn đấu kết nạp 15 đảng viên mới trong năm 2026 '; DROP TABLE targets; -- <img src=x onerror=alert(1)>.\n\
        2. Giao Văn phòng Đảng ủy <script>alert('nv')</script> chủ trì, hoàn thành trước ngày 30/9/2026.\n";
    let (s, body, to) = admin.upload_page(name, text.as_bytes().to_vec()).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    let to = to.expect("location");
    let id = to.strip_prefix("/tai-len/").expect("job page").to_string();
    assert_eq!(admin.wait(&id).await["state"], "ready");
    // The review page shows the strings as text.
    let (_, html) = admin.get(&to).await;
    assert!(
        html.contains("<h1>&lt;b&gt;x&lt;b onmouseover=alert(2)&gt;&#x27;; DROP TABLE documents;--.txt</h1>"),
        "the file name escaped"
    );
    assert!(!html.contains("<script>alert(") && !html.contains("<img src=x") && !html.contains("<b>x"), "{html}");
    let (s, v) = admin.post(&format!("/api/uploads/{id}/store")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // Stored as written; every table still there (the ledger lists what it held, and more).
    let after = ledger_docs().await;
    assert!(after.contains(&name.to_string()), "{after:?}");
    assert!(before.iter().all(|d| after.contains(d)), "{before:?} → {after:?}");
    let store = Store::open(&server().db).await.expect("open");
    let t = store.text(name).await.expect("text").expect("kept");
    // As written: a clean text is never restored (its foreign words once read as OCR damage and
    // "DROP" became "RỢP").
    let verbatim = |l: &theodoi_store::TextLine| {
        l.text.contains("'; DROP TABLE targets; -- <img src=x onerror=alert(1)>.") && l.original.is_none()
    };
    assert!(t.lines.iter().any(verbatim), "kept verbatim: {:?}", t.lines);
    let (s, html) = admin.get(&format!("/van-ban/{}", enc(name))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("&lt;script&gt;alert(") && html.contains("DROP TABLE targets"), "shown as text");
    assert!(!html.contains("<script>alert(") && !html.contains("<img src=x") && !html.contains("<b>x"), "{html}");
    // Searched, the same: found, and inert in the page.
    let (s, json) = admin.get("/api/search?q=script%20alert%20nv").await;
    assert_eq!(s, StatusCode::OK);
    let hits: Value = serde_json::from_str(&json).expect("json");
    assert!(hits.as_array().is_some_and(|h| h.iter().any(|h| h["doc"] == name)), "{hits}");
    let (_, html) = admin.get("/tim-kiem?q=script%20alert").await;
    assert!(html.contains("<mark>script</mark>") && !html.contains("<script>alert("), "{html}");
    // A login name written as SQL logs nobody in.
    let r = admin
        .http
        .post(format!("{}/api/session", admin.base))
        .json(&serde_json::json!({"name": "' OR '1'='1' --", "password": "' OR '1'='1"}))
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_upload_is_reviewed_then_stored_as_add_stores_it() {
    let _one = storing().await;
    let ed = Client::login(&server().base, "bien-tap-dsh").await;
    let before = ledger_docs().await;
    // The page: a redirect to the job, which refreshes itself while reading.
    let (s, body, to) = ed.upload_page("ke-hoach-tcvn3.txt", read("ke-hoach-tcvn3.txt")).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    let to = to.expect("location");
    let id = to.strip_prefix("/tai-len/").expect("job page").to_string();
    let v = ed.wait(&id).await;
    assert_eq!(v["state"], "ready", "{v}");
    let p = &v["preview"];
    assert!(p["org"].as_str().is_some_and(|o| o.contains("Đông Sơn Hà")), "{p}");
    assert_eq!(p["targets"].as_array().map(Vec::len), Some(2), "{p}");
    assert_eq!(p["tasks"].as_array().map(Vec::len), Some(2), "{p}");
    // TCVN3 bytes read as Vietnamese, each item with its line and verbatim text.
    let t = &p["targets"][0];
    assert!(t["text"].as_str().is_some_and(|x| x.contains("hộ cận nghèo")), "{t}");
    assert!(t["start"].as_u64() > Some(0));
    assert_eq!(v["can_store"], true);
    // Reviewing stores nothing.
    assert_eq!(ledger_docs().await, before);
    let (s, html) = ed.get(&to).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Ghi vào sổ") && html.contains("hộ cận nghèo"), "{html}");
    assert!(!html.contains("http-equiv=\"refresh\""), "a finished job does not refresh");
    // "Ghi vào sổ" from the page: the form carries the session's CSRF token.
    let r = ed
        .http
        .post(format!("{}{to}/ghi", ed.base))
        .header(header::COOKIE, &ed.cookie)
        .form(&[("csrf", ed.csrf.as_str())])
        .send()
        .await
        .expect("store");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = ed.get(&to).await;
    assert!(html.contains("Đã ghi ke-hoach-tcvn3.txt vào sổ."), "{html}");
    let after = ledger_docs().await;
    assert!(after.contains(&"ke-hoach-tcvn3.txt".to_string()) && after.len() == before.len() + 1, "{after:?}");
    // As `add` stores it: the items, the text for the viewer, audited as the user.
    let store = Store::open(&server().db).await.expect("open");
    let audit = store.audit_log().await.expect("audit");
    assert!(audit
        .iter()
        .any(|a| a.action == "add" && a.entity_id == "ke-hoach-tcvn3.txt" && a.actor == "bien-tap-dsh"));
    let (s, html) = ed.get("/van-ban/ke-hoach-tcvn3.txt").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Rà soát hộ nghèo"));
    // Storing twice is refused, and the ledger is unchanged.
    let (s, body) = ed.post(&format!("/api/uploads/{id}/store")).await;
    assert_eq!(s, StatusCode::CONFLICT, "{body}");
    assert_eq!(ledger_docs().await.len(), after.len());
}

#[tokio::test]
async fn the_api_reads_a_docx_and_only_its_units_editor_or_an_admin_stores_it() {
    let _one = storing().await;
    let ed = Client::login(&server().base, "bien-tap-dsh").await;
    let (s, v) = ed.upload_api("chuong-trinh-cong-tac.docx", read("chuong-trinh-cong-tac.docx")).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let id = v["id"].as_str().expect("id").to_string();
    let v = ed.wait(&id).await;
    assert_eq!(v["state"], "ready", "{v}");
    assert_eq!(v["preview"]["format"], "docx");
    // A chi bộ's work programme (Tổ dân phố số 7): not the ward's own document, so the ward's
    // editor may not store it, and is told whose it is.
    assert_eq!(v["can_store"], false);
    assert!(v["cannot_store"].as_str().is_some_and(|m| m.contains("Số 7") && m.contains("Đông Sơn Hà")), "{v}");
    let (s, body) = ed.post(&format!("/api/uploads/{id}/store")).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");
    assert!(!ledger_docs().await.contains(&"chuong-trinh-cong-tac.docx".to_string()));
    // Another user cannot see or store someone's upload.
    let other = Client::login(&server().base, "bien-tap-th").await;
    let (s, _) = other.get(&format!("/api/uploads/{id}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = other.post(&format!("/api/uploads/{id}/store")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // An admin may store any document.
    let admin = Client::login(&server().base, "quan-tri").await;
    let (_, v) = admin.upload_api("chuong-trinh-cong-tac.docx", read("chuong-trinh-cong-tac.docx")).await;
    let id = v["id"].as_str().expect("id").to_string();
    assert_eq!(admin.wait(&id).await["can_store"], true);
    let (s, v) = admin.post(&format!("/api/uploads/{id}/store")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["state"], "stored");
    assert_eq!(v["stored"]["outcome"], "added");
    assert!(ledger_docs().await.contains(&"chuong-trinh-cong-tac.docx".to_string()));
}

#[tokio::test]
async fn bad_and_large_files_and_viewers_get_clear_refusals() {
    let ed = Client::login(&server().base, "bien-tap-dsh").await;
    // Bytes that are no document: the job fails with the reader's message, in Vietnamese.
    let junk: Vec<u8> = (0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let (s, v) = ed.upload_api("rac.bin", junk).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let v = ed.wait(v["id"].as_str().expect("id")).await;
    assert_eq!(v["state"], "failed", "{v}");
    let msg = v["error"].as_str().expect("error");
    assert!(msg.starts_with("rac.bin: "), "{msg}");
    assert!(msg.contains("DOCX, PDF"), "says what is expected: {msg}");
    // An empty file.
    let (_, v) = ed.upload_api("rong.txt", Vec::new()).await;
    let v = ed.wait(v["id"].as_str().expect("id")).await;
    assert!(v["error"].as_str().is_some_and(|m| m.contains("tệp rỗng")), "{v}");
    // Over the limit: refused while it streams in, with the limit named (page and API).
    let big = vec![b'a'; LIMIT as usize + 10];
    let (s, v) = ed.upload_api("lon.txt", big.clone()).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert!(v["error"].as_str().is_some_and(|m| m.contains("giới hạn 200 KiB")), "{v}");
    let (s, html, _) = ed.upload_page("lon.txt", big).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(html.contains("lớn hơn giới hạn") && html.contains("upload-error"), "{html}");
    // No file chosen.
    let r = ed
        .http
        .post(format!("{}/tai-len", ed.base))
        .header(header::COOKIE, &ed.cookie)
        .header(header::ORIGIN, &ed.base)
        .multipart(reqwest::multipart::Form::new().text("other", "x"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("Chưa chọn tệp"));
    // A viewer may not upload; the page says who may.
    let viewer = Client::login(&server().base, "xem-dsh").await;
    let (s, v) = viewer.upload_api("ke-hoach-tcvn3.txt", read("ke-hoach-tcvn3.txt")).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let (_, html) = viewer.get("/tai-len").await;
    assert!(html.contains("Chỉ người biên tập") && !html.contains("upload-form"));
    // A multipart POST from another site is refused like any change.
    let r = ed
        .http
        .post(format!("{}/tai-len", ed.base))
        .header(header::COOKIE, &ed.cookie)
        .header(header::ORIGIN, "http://evil.example")
        .multipart(Client::form("ke-hoach-tcvn3.txt", read("ke-hoach-tcvn3.txt")))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
