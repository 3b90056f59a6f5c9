//! Setup shared by the web test binaries: the project's example documents read into a ledger as
//! `theodoi add` reads them, the copy of the action programme sent as ward Tây Hòa, the checks'
//! findings and proposed links as `theodoi check` records them, the users, a server on loopback
//! and a logged-in client.
// Each test binary uses a part of this module.
#![allow(dead_code)]

use std::future::Future;
use std::path::{Path, PathBuf};

use reqwest::header;
use reqwest::StatusCode;
use serde_json::Value;
use theodoi_store::{Role, Store};

/// Every test user's password.
pub const PW: &str = "mật khẩu thử 123";

/// The tests' today: 15/07/2026.
pub const TODAY: (i32, u32, u32) = (2026, 7, 15);

/// The users most servers have: an admin, an editor of Đông Sơn Hà, an editor of Tây Hòa and a
/// viewer of Đông Sơn Hà.
pub const USERS: [(&str, Role, Option<&str>); 4] = [
    ("quan-tri", Role::Admin, None),
    ("bien-tap-dsh", Role::Editor, Some("Phường Đông Sơn Hà")),
    ("bien-tap-th", Role::Editor, Some("Tây Hòa")),
    ("xem-dsh", Role::Viewer, Some("Đông Sơn Hà")),
];

pub fn today() -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2)
}

pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Read, extract and store a file with its text, as `theodoi add` does.
pub async fn add_file(store: &Store, path: &Path) {
    let doc = theodoi_ingest::read_path(path).expect("document reads");
    let import = theodoi_store::Import::from_document(&doc, theodoi_extract::extract(&doc), "test");
    store.add_with_text(&import, &theodoi_store::text_lines(&doc)).await.expect("add");
}

/// Store the named files of `examples/`.
pub async fn add_examples(store: &Store, names: &[&str]) {
    for f in names {
        add_file(store, &examples().join(f)).await;
    }
}

/// The example action programme as ward Tây Hòa of the same city would send it, written into `dir`
/// and stored.
pub async fn add_tay_hoa(store: &Store, dir: &Path) {
    let text = std::fs::read_to_string(examples().join("chuong-trinh-hanh-dong.txt")).expect("read");
    let other = dir.join("tay-hoa.txt");
    std::fs::write(&other, text.replace("ĐÔNG SƠN HÀ", "TÂY HÒA").replace("Đông Sơn Hà", "Tây Hòa")).expect("write");
    add_file(store, &other).await;
}

/// The checks' findings (as of [`TODAY`]) and the proposed links, as `theodoi check` records them.
pub async fn record_checks(store: &Store) {
    let docs = store.documents(None).await.expect("docs");
    let progress = store.progress().await.expect("progress");
    let findings = theodoi_check::run(&theodoi_check::Input {
        docs: &docs,
        progress: &progress,
        links: &[],
        today: Some("2026-07-15"),
    });
    store.record_findings(&findings, None, "test").await.expect("findings");
    store.propose_links(&theodoi_check::propose_links(&docs), "test").await.expect("links");
}

/// Add users, each with the password [`PW`].
pub async fn add_users(store: &Store, users: &[(&str, Role, Option<&str>)]) {
    let hash = theodoi_web::auth::hash_password(PW).expect("hash");
    for &(name, role, org) in users {
        store.add_user(name, role, org, &hash, "test").await.expect("user");
    }
}

/// Serve the ledger on loopback with an in-memory search index: the base URL and the server task.
pub async fn start(
    store: Store,
    options: theodoi_web::Options,
) -> (String, tokio::task::JoinHandle<std::io::Result<()>>) {
    let index = theodoi_search::SearchIndex::in_memory().expect("index");
    let state = theodoi_web::state(store, index, options);
    let (addr, server) = theodoi_web::start(state, "127.0.0.1:0").await.expect("start");
    (format!("http://{addr}"), server)
}

/// Run `body` on a runtime of its own thread, which lives as long as the test binary (so a server
/// made once serves every test, whatever runtime each test has), and return what it sends.
pub fn in_background<T, F, Fut>(body: F) -> T
where
    T: Send + 'static,
    F: FnOnce(std::sync::mpsc::Sender<T>) -> Fut + Send + 'static,
    Fut: Future<Output = ()>,
{
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("rt");
        rt.block_on(body(tx));
    });
    rx.recv().expect("server started")
}

/// An HTTP client that does not follow redirects, so tests see them.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// A logged-in client: the session cookie and CSRF token kept by hand, so each test says exactly
/// what it sends.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub cookie: String,
    pub csrf: String,
}

impl Client {
    pub async fn login(base: &str, name: &str) -> Client {
        let r = http()
            .post(format!("{base}/api/session"))
            .json(&serde_json::json!({"name": name, "password": PW}))
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), StatusCode::OK, "login of {name}");
        let cookie = r.headers()[header::SET_COOKIE].to_str().expect("cookie").to_string();
        let cookie = cookie.split(';').next().expect("pair").to_string();
        let body: Value = r.json().await.expect("json");
        Client { http: http(), base: base.into(), cookie, csrf: body["csrf"].as_str().expect("csrf").into() }
    }

    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self.http.get(format!("{}{path}", self.base)).header(header::COOKIE, &self.cookie).send().await;
        let r = r.expect("get");
        (r.status(), r.text().await.expect("body"))
    }

    pub async fn json(&self, path: &str) -> Value {
        let (s, body) = self.get(path).await;
        assert_eq!(s, StatusCode::OK, "{path}: {body}");
        serde_json::from_str(&body).expect("json")
    }
}
