//! The web app against a running server on loopback: login and sessions, pages, the document
//! viewer, recording progress, search, the OpenAPI document, and the security rules (another
//! ward's items, CSRF, script strings, wrong passwords).
//!
//! One server for the whole file (a SQLite ledger in a temp dir holding the project's example
//! documents of ward Đông Sơn Hà and a copy rewritten as ward Tây Hòa), statuses as of 15/07/2026.

use std::sync::OnceLock;

use reqwest::header;
use reqwest::StatusCode;
use serde_json::Value;
use theodoi_store::{Role, Store};

const TODAY: (i32, u32, u32) = (2026, 7, 15);
const PW: &str = "mật khẩu thử 123";

struct Server {
    base: String,
    /// A target of Đông Sơn Hà, and the document it is read from.
    dsh_target: String,
    /// Another, for the tests that record beside the progress test (its stale-page check counts entries).
    dsh_target2: String,
    dsh_doc: String,
    /// A task of Đông Sơn Hà.
    dsh_task: String,
    tay_doc: String,
}

fn examples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

async fn add(store: &Store, path: &std::path::Path) {
    let doc = theodoi_ingest::read_path(path).expect("example reads");
    let x = theodoi_extract::extract(&doc);
    let lines = theodoi_store::text_lines(&doc);
    let import = theodoi_store::Import::from_document(&doc, x, "test");
    let out = store.add(&import).await.expect("add");
    store.save_text(out.document(), 1, &lines).await.expect("text");
}

fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("rt");
            rt.block_on(async move {
                let dir = tempfile::tempdir().expect("tmp");
                let db = dir.path().join("ledger.db");
                let store = Store::open(db.to_str().expect("utf-8")).await.expect("open");
                for f in ["nghi-quyet-dai-hoi.txt", "chuong-trinh-hanh-dong.txt", "bao-cao-6-thang.txt"] {
                    add(&store, &examples().join(f)).await;
                }
                // The same action programme as another ward of the city.
                let text = std::fs::read_to_string(examples().join("chuong-trinh-hanh-dong.txt")).expect("read");
                let other = dir.path().join("tay-hoa.txt");
                std::fs::write(&other, text.replace("ĐÔNG SƠN HÀ", "TÂY HÒA").replace("Đông Sơn Hà", "Tây Hòa"))
                    .expect("write");
                add(&store, &other).await;
                let hash = theodoi_web::auth::hash_password(PW).expect("hash");
                for (name, role, org) in [
                    ("quan-tri", Role::Admin, None),
                    ("bien-tap-dsh", Role::Editor, Some("Phường Đông Sơn Hà")),
                    ("bien-tap-th", Role::Editor, Some("Tây Hòa")),
                    ("xem-dsh", Role::Viewer, Some("Đông Sơn Hà")),
                    ("thanh-pho", Role::City, Some("Thành phố Bắc Lâm")),
                    ("doan-mo", Role::Editor, Some("Tây Hòa")),
                ] {
                    store.add_user(name, role, org, &hash, "test").await.expect("user");
                }
                let index = theodoi_search::SearchIndex::in_memory().expect("index");
                let today = chrono::NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2);
                let state = theodoi_web::state(store, index, theodoi_web::Options { insecure_cookies: false, today });
                let (addr, server) = theodoi_web::start(state, "127.0.0.1:0").await.expect("start");
                let found = discover(format!("http://{addr}")).await;
                tx.send(found).expect("send");
                let _keep = dir;
                let _ = server.await;
            });
        });
        rx.recv().expect("server started")
    })
}

/// The ids the tests use, read through the API as a client would.
async fn discover(base: String) -> Server {
    let admin = Client::login(&base, "quan-tri").await;
    let targets = admin.json("/api/targets").await;
    let docs = admin.json("/api/documents").await;
    let doc_of = |ward: &str| {
        docs.as_array()
            .expect("docs")
            .iter()
            .find(|d| d["org"].as_str().is_some_and(|o| o.contains(ward)) && d["tasks"].as_u64() > Some(0))
            .and_then(|d| d["doc"].as_str())
            .expect("a document of the ward")
            .to_string()
    };
    let tay_doc = doc_of("Tây Hòa");
    let dsh = |v: &Value| v["org"].as_str().is_some_and(|o| o.contains("Đông Sơn Hà"));
    let numeric: Vec<&Value> = targets
        .as_array()
        .expect("targets")
        .iter()
        .filter(|t| dsh(t) && t["kind"] == "target" && t["goal"].is_number() && t["goal"].as_f64() > Some(0.0))
        .collect();
    assert!(numeric.len() >= 2, "two numeric targets of Đông Sơn Hà");
    let t = numeric[0];
    let dsh_doc = t["doc"].as_str().expect("doc").to_string();
    let tasks = admin.json("/api/tasks").await;
    let k = tasks.as_array().expect("tasks").iter().find(|k| dsh(k)).expect("a task");
    Server {
        base,
        dsh_target: t["code"].as_str().expect("code").to_string(),
        dsh_target2: numeric[1]["code"].as_str().expect("code").to_string(),
        dsh_doc,
        dsh_task: k["code"].as_str().expect("code").to_string(),
        tay_doc,
    }
}

/// A logged-in client: the session cookie and CSRF token kept by hand, so each test says exactly
/// what it sends.
struct Client {
    http: reqwest::Client,
    base: String,
    cookie: String,
    csrf: String,
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

impl Client {
    async fn login(base: &str, name: &str) -> Client {
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

    async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self.http.get(format!("{}{path}", self.base)).header(header::COOKIE, &self.cookie).send().await;
        let r = r.expect("get");
        (r.status(), r.text().await.expect("body"))
    }

    async fn json(&self, path: &str) -> Value {
        let (s, body) = self.get(path).await;
        assert_eq!(s, StatusCode::OK, "{path}: {body}");
        serde_json::from_str(&body).expect("json")
    }

    async fn form(&self, path: &str, fields: &[(&str, &str)], csrf: bool) -> (StatusCode, String) {
        let mut f: Vec<(&str, &str)> = fields.to_vec();
        if csrf {
            f.push(("csrf", &self.csrf));
        }
        let r =
            self.http.post(format!("{}{path}", self.base)).header(header::COOKIE, &self.cookie).form(&f).send().await;
        let r = r.expect("post");
        (r.status(), r.text().await.expect("body"))
    }

    async fn post_json(
        &self,
        path: &str,
        body: &Value,
        csrf: Option<&str>,
        origin: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut rq = self.http.post(format!("{}{path}", self.base)).header(header::COOKIE, &self.cookie).json(body);
        if let Some(t) = csrf {
            rq = rq.header("X-CSRF-Token", t);
        }
        if let Some(o) = origin {
            rq = rq.header(header::ORIGIN, o);
        }
        let r = rq.send().await.expect("post");
        let s = r.status();
        (s, r.json().await.unwrap_or(Value::Null))
    }
}

#[tokio::test]
async fn login_sets_a_safe_cookie_and_wrong_passwords_are_limited() {
    let s = server();
    let r = http()
        .post(format!("{}/api/session", s.base))
        .json(&serde_json::json!({"name": "quan-tri", "password": PW}))
        .send()
        .await
        .expect("login");
    let cookie = r.headers()[header::SET_COOKIE].to_str().expect("cookie").to_string();
    for flag in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    let wrong = |pw: &'static str| {
        http()
            .post(format!("{}/api/session", s.base))
            .json(&serde_json::json!({"name": "doan-mo", "password": pw}))
            .send()
    };
    let r = wrong("sai").await.expect("wrong");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["error"], "Tên đăng nhập hoặc mật khẩu không đúng.");
    for _ in 1..theodoi_web::auth::MAX_FAILS {
        assert_eq!(wrong("sai").await.expect("wrong").status(), StatusCode::UNAUTHORIZED);
    }
    // Now even the right password is refused for a while.
    let r = http()
        .post(format!("{}/api/session", s.base))
        .json(&serde_json::json!({"name": "doan-mo", "password": PW}))
        .send()
        .await
        .expect("limited");
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: Value = r.json().await.expect("json");
    assert!(body["error"].as_str().expect("msg").contains("thử lại sau"), "{body}");
    // The page form says the same in Vietnamese.
    let r = http()
        .post(format!("{}/dang-nhap", s.base))
        .form(&[("name", "doan-mo"), ("password", PW)])
        .send()
        .await
        .expect("page");
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.expect("body").contains("Vui lòng thử lại sau"));
    // An unknown name is told apart from nothing.
    let r = http()
        .post(format!("{}/api/session", s.base))
        .json(&serde_json::json!({"name": "không-có", "password": PW}))
        .send()
        .await
        .expect("unknown");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn pages_need_a_login_and_speak_vietnamese() {
    let s = server();
    let r = http().get(format!("{}/chi-tieu", s.base)).send().await.expect("get");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[header::LOCATION], "/dang-nhap?tiep=%2Fchi-tieu");
    let r = http().get(format!("{}/api/targets", s.base)).send().await.expect("get");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let admin = Client::login(&s.base, "quan-tri").await;
    let (st, html) = admin.get("/").await;
    assert_eq!(st, StatusCode::OK, "{html}");
    for label in [
        "Tổng quan",
        "Chỉ tiêu theo tình trạng",
        "Nhiệm vụ quá hạn",
        "Phát hiện chưa xử lý",
        "Tính đến ngày 15&#x2f;07&#x2f;2026",
    ] {
        assert!(html.contains(label), "overview lacks {label}");
    }
    let (st, html) = admin.get("/nhiem-vu").await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("Rõ người (chủ trì)"));
    let (st, html) = admin.get(&format!("/nhiem-vu/{}", s.dsh_task)).await;
    assert_eq!(st, StatusCode::OK);
    for label in ["Rõ việc", "Rõ người", "Rõ thời gian", "Rõ kết quả", "Phối hợp"] {
        assert!(html.contains(label), "task page lacks {label}");
    }
    assert_eq!(admin.get("/chi-tieu/CT999999").await.0, StatusCode::NOT_FOUND);
    assert_eq!(admin.get("/chi-tieu/thu%20ngan%20sach").await.0, StatusCode::NOT_FOUND, "ids only, no name guessing");
}

#[tokio::test]
async fn the_viewer_highlights_an_item_at_its_lines() {
    let s = server();
    let admin = Client::login(&s.base, "quan-tri").await;
    let t = admin.json(&format!("/api/targets/{}", s.dsh_target)).await;
    let (a, b) = (t["target"]["lines"][0].as_u64().expect("start"), t["target"]["lines"][1].as_u64().expect("end"));
    let view = admin.json(&format!("/api/documents/{}", s.dsh_doc)).await;
    assert_eq!(view["has_text"], true);
    let line = &view["lines"][(a - 1) as usize];
    assert_eq!(line["no"].as_u64(), Some(a));
    // The evidence text is what the document has at those lines.
    let ev = t["target"]["evidence"][0]["text"].as_str().expect("text");
    let first_words: String = ev.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert!(line["text"].as_str().expect("line").contains(&first_words), "{line} vs {ev}");
    let (st, html) = admin.get(&format!("/van-ban/{}?muc={}", s.dsh_doc, s.dsh_target)).await;
    assert_eq!(st, StatusCode::OK);
    for n in a..=b {
        assert!(html.contains(&format!("id=\"L{n}\" class=\"line hl sel\"")), "line {n} is not highlighted");
    }
    assert!(html.contains(&format!("chỉ tiêu {}</a>", s.dsh_target)), "the badge links to the item");
    assert!(!html.contains(&format!("id=\"L{}\" class=\"line hl sel\"", b + 1)) || b + 1 > a + 50);
}

#[tokio::test]
async fn progress_is_recorded_with_the_cli_rules_and_audited() {
    let s = server();
    let ed = Client::login(&s.base, "bien-tap-dsh").await;
    let code = &s.dsh_target;
    let path = format!("/chi-tieu/{code}/tien-do");
    let before = ed.json(&format!("/api/targets/{code}")).await;
    let seen = before["history"].as_array().expect("history").len().to_string();
    // No CSRF token: refused, nothing stored.
    let (st, body) = ed.form(&path, &[("value", "1"), ("date", "01/07/2026"), ("seen", &seen)], false).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("CSRF"));
    // Bad value, future date: refused with the reason.
    let (st, body) = ed.form(&path, &[("value", "mười"), ("date", "01/07/2026"), ("seen", &seen)], true).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("không phải là số"), "{body}");
    let (st, body) = ed.form(&path, &[("value", "1"), ("date", "01/08/2026"), ("seen", &seen)], true).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("ở tương lai"), "{body}");
    // A value with a decimal comma and a script in the note.
    let goal = before["target"]["goal"].as_f64().expect("goal");
    let half = theodoi_web::fmt::num(goal / 2.0);
    let note = "<script>alert('x')</script>";
    let (st, body) =
        ed.form(&path, &[("value", &half), ("date", "01/07/2026"), ("note", note), ("seen", &seen)], true).await;
    assert_eq!(st, StatusCode::SEE_OTHER, "{body}");
    let after = ed.json(&format!("/api/targets/{code}")).await;
    assert_eq!(after["target"]["latest"].as_f64(), Some(theodoi_web::fmt::parse_value(&half).expect("v")));
    // The bar moves: half the goal is half way (or all the way for an upper bound such as "dưới 1%").
    let pct = after["target"]["percent"].as_f64().expect("percent");
    assert!((pct - 50.0).abs() < 1.0 || (pct - 100.0).abs() < 1e-9, "{pct}");
    assert_ne!(before["target"]["percent"], after["target"]["percent"]);
    let (_, html) = ed.get(&format!("/chi-tieu/{code}")).await;
    assert!(html.contains(&half), "the history shows the value as typed");
    assert!(html.contains("&lt;script&gt;"), "the note is escaped");
    assert!(!html.contains(note), "no script reaches the page");
    assert!(html.contains("id=\"progress-bar\""));
    // The same date again: refused unless it says it corrects.
    let seen2 = after["history"].as_array().expect("history").len().to_string();
    let (st, body) = ed.form(&path, &[("value", "2"), ("date", "01/07/2026"), ("seen", &seen2)], true).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("đã có tiến độ ngày 01&#x2f;07&#x2f;2026"), "{body}");
    // A page opened before that entry is stale: refused with a clear message.
    let (st, body) = ed.form(&path, &[("value", "2"), ("date", "02/07/2026"), ("seen", &seen)], true).await;
    assert_eq!(st, StatusCode::CONFLICT);
    assert!(body.contains("tải lại trang"), "{body}");
    // A correction supersedes; both stay in the history.
    let (st, _) =
        ed.form(&path, &[("value", "2"), ("date", "01/07/2026"), ("replace", "1"), ("seen", &seen2)], true).await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let corrected = ed.json(&format!("/api/targets/{code}")).await;
    let h = corrected["history"].as_array().expect("history");
    assert_eq!(h.iter().filter(|e| e["superseded"] == true).count(), 1, "{h:?}");
    assert_eq!(corrected["target"]["latest"].as_f64(), Some(2.0));
    // Tasks: marked done through the API with the CSRF header.
    let (st, body) = ed
        .post_json(
            &format!("/api/items/{}/progress", s.dsh_task),
            &serde_json::json!({"done": true, "date": "10/07/2026", "note": "đã xong"}),
            Some(&ed.csrf),
            None,
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    assert!(body["item"]["task"]["status"].as_str().expect("status").starts_with("done"), "{body}");
    let (st, body) = ed
        .post_json(
            &format!("/api/items/{}/progress", s.dsh_task),
            &serde_json::json!({"value": "3", "date": "10/07/2026"}),
            Some(&ed.csrf),
            None,
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

#[tokio::test]
async fn the_history_names_who_recorded_what() {
    let s = server();
    let ed = Client::login(&s.base, "bien-tap-dsh").await;
    let (st, body) = ed
        .post_json(
            &format!("/api/items/{}/progress", s.dsh_target2),
            &serde_json::json!({"value": "1,5", "date": "03/07/2026"}),
            Some(&ed.csrf),
            None,
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{body}");
    let h = body["item"]["history"].as_array().expect("history");
    let e = h.iter().find(|e| e["date"] == "2026-07-03").expect("entry");
    assert_eq!(e["user"], "bien-tap-dsh");
    assert_eq!(e["value_shown"], "1,5");
}

#[tokio::test]
async fn a_ward_cannot_read_or_change_another_wards_items() {
    let s = server();
    let other = Client::login(&s.base, "bien-tap-th").await;
    let code = &s.dsh_target;
    assert_eq!(other.get(&format!("/chi-tieu/{code}")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(other.get(&format!("/api/targets/{code}")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(other.get(&format!("/api/tasks/{}", s.dsh_task)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(other.get(&format!("/van-ban/{}", s.dsh_doc)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(other.get(&format!("/api/documents/{}", s.dsh_doc)).await.0, StatusCode::FORBIDDEN);
    let (st, _) =
        other.form(&format!("/chi-tieu/{code}/tien-do"), &[("value", "1"), ("date", "01/07/2026")], true).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _) = other
        .post_json(
            &format!("/api/items/{code}/progress"),
            &serde_json::json!({"value": "1", "date": "01/07/2026"}),
            Some(&other.csrf),
            None,
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // Its lists hold its own ward only; its search too.
    let docs: Vec<String> = other
        .json("/api/documents")
        .await
        .as_array()
        .expect("docs")
        .iter()
        .map(|d| d["doc"].as_str().unwrap_or("").to_string())
        .collect();
    let all = Client::login(&s.base, "quan-tri").await.json("/api/documents").await;
    assert_eq!(docs, [s.tay_doc.clone()], "{all}");
    assert!(other.json("/api/targets").await.as_array().expect("t").iter().all(|t| t["doc"] == s.tay_doc.as_str()));
    let hits = other.json("/api/search?q=dong%20son%20ha").await;
    assert!(hits.as_array().expect("hits").iter().all(|h| h["doc"] == s.tay_doc.as_str()), "{hits}");
    // A viewer of the ward reads but cannot change; the city reads both wards and changes nothing.
    let viewer = Client::login(&s.base, "xem-dsh").await;
    assert_eq!(viewer.get(&format!("/chi-tieu/{code}")).await.0, StatusCode::OK);
    let (st, _) =
        viewer.form(&format!("/chi-tieu/{code}/tien-do"), &[("value", "1"), ("date", "01/07/2026")], true).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let city = Client::login(&s.base, "thanh-pho").await;
    let docs = city.json("/api/documents").await;
    let docs: Vec<&str> = docs.as_array().expect("docs").iter().filter_map(|d| d["doc"].as_str()).collect();
    assert!(docs.contains(&s.dsh_doc.as_str()) && docs.contains(&s.tay_doc.as_str()), "{docs:?}");
    let (st, _) = city
        .post_json(
            &format!("/api/items/{code}/progress"),
            &serde_json::json!({"value": "1", "date": "01/07/2026"}),
            Some(&city.csrf),
            None,
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_change_without_a_token_or_from_another_origin_is_refused() {
    let s = server();
    let ed = Client::login(&s.base, "bien-tap-dsh").await;
    let path = format!("/api/items/{}/progress", s.dsh_target2);
    let body = serde_json::json!({"value": "1", "date": "04/07/2026"});
    let (st, b) = ed.post_json(&path, &body, None, None).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{b}");
    let (st, _) = ed.post_json(&path, &body, Some("0000"), None).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _) = ed.post_json(&path, &body, Some(&ed.csrf), Some("http://evil.example")).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // From the app's own origin a browser's form needs no token.
    let (st, b) = ed.post_json(&path, &body, None, Some(&s.base)).await;
    assert_eq!(st, StatusCode::OK, "{b}");
    // Logging out needs the token too.
    let r =
        ed.http.post(format!("{}/dang-xuat", s.base)).header(header::COOKIE, &ed.cookie).send().await.expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn search_finds_words_without_diacritics_and_links_to_the_line() {
    let s = server();
    let admin = Client::login(&s.base, "quan-tri").await;
    let hits = admin.json("/api/search?q=nghi%20quyet%2001").await;
    let h = hits.as_array().expect("hits");
    assert!(!h.is_empty());
    let first = &h[0];
    let marked: Vec<&str> = first["snippet"]
        .as_array()
        .expect("snippet")
        .iter()
        .filter(|f| f["mark"] == true)
        .filter_map(|f| f["text"].as_str())
        .collect();
    assert!(marked.contains(&"01") && (marked.contains(&"Nghị") || marked.contains(&"NQ")), "{first}");
    let href = first["href"].as_str().expect("href");
    assert!(href.starts_with("/van-ban/") && href.contains("#L"), "{href}");
    let (st, html) = admin.get("/tim-kiem?q=dang+bo+phuong").await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        html.contains("<mark>Đảng</mark> <mark>bộ</mark> <mark>phường</mark>") || html.contains("<mark>ĐẢNG</mark>"),
        "no highlight"
    );
    let (_, html) = admin.get("/tim-kiem?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert!(!html.contains("<script>alert(1)</script>"));
}

#[tokio::test]
async fn the_openapi_document_and_the_routes_agree() {
    let s = server();
    let admin = Client::login(&s.base, "quan-tri").await;
    let doc = admin.json("/api/openapi.json").await;
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("item").keys() {
            documented.push((method.to_uppercase(), path.clone()));
        }
    }
    documented.sort();
    // Every route the API serves is documented (both come from `api::router`), and the list is the
    // one the pages need.
    let expected = [
        ("DELETE", "/api/session"),
        ("GET", "/api/documents"),
        ("GET", "/api/documents/{doc}"),
        ("GET", "/api/overview"),
        ("GET", "/api/search"),
        ("GET", "/api/targets"),
        ("GET", "/api/targets/{code}"),
        ("GET", "/api/tasks"),
        ("GET", "/api/tasks/{code}"),
        ("POST", "/api/items/{code}/progress"),
        ("POST", "/api/session"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    assert_eq!(documented, expected);
    // And every documented route answers (never 404/405 for a real id).
    for (method, path) in &documented {
        let p = path
            .replace("{doc}", &s.dsh_doc)
            .replace("{code}", if path.contains("tasks") { &s.dsh_task } else { &s.dsh_target });
        let p = if p == "/api/search" { format!("{p}?q=dang") } else { p };
        let url = format!("{}{p}", s.base);
        let rq = match method.as_str() {
            "GET" => admin.http.get(&url),
            "POST" => admin.http.post(&url).json(&serde_json::json!({})),
            "DELETE" => admin.http.delete(&url),
            m => panic!("method {m}"),
        };
        let r =
            rq.header(header::COOKIE, &admin.cookie).header("X-CSRF-Token", &admin.csrf).send().await.expect("send");
        assert!(
            r.status() != StatusCode::NOT_FOUND && r.status() != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {p}: {}",
            r.status()
        );
    }
}
