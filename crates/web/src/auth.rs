//! Who is asking, and what they may do: passwords (argon2), sessions, CSRF, the login rate limit,
//! and [`Scope`] — the one place each route asks whether a user may read or change a document.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, request::Parts, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use theodoi_store::{Role, User};

use crate::cache::Ledger;
use crate::error::AppError;
use crate::Shared;

/// The session cookie's name.
pub const COOKIE: &str = "theodoi_session";
/// The header an API client sends its CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field a page sends its CSRF token in.
pub const CSRF_FIELD: &str = "csrf";
/// A session lasts this long from login.
const SESSION_TTL: Duration = Duration::from_secs(12 * 3600);
/// Wrong passwords for one name within [`FAIL_WINDOW`] before logins of that name are refused.
pub const MAX_FAILS: usize = 5;
const FAIL_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The largest form body read to find its CSRF field.
const MAX_FORM: usize = 1 << 20;

/// An argon2id hash (PHC string) of `password`, with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("argon2: {e}")))
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// `n` random bytes from the OS, hex.
pub fn random_token(n: usize) -> String {
    let mut b = vec![0u8; n];
    OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// A logged-in user's session.
#[derive(Debug, Clone)]
pub struct Session {
    /// The user, as when they logged in.
    pub user: User,
    /// The token of the session cookie.
    pub token: String,
    /// The CSRF token every change must carry (form field `csrf` or header `X-CSRF-Token`).
    pub csrf: String,
    expires: Instant,
}

/// Sessions in memory, each also kept in the ledger (`Store::save_session`) so a restart logs
/// nobody out: a token the memory does not know is looked up there ([`session`]).
#[derive(Debug, Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// A new session for `user`.
    pub fn create(&self, user: User) -> Session {
        let s =
            Session { user, token: random_token(32), csrf: random_token(32), expires: Instant::now() + SESSION_TTL };
        self.insert(s.clone());
        s
    }

    fn insert(&self, s: Session) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        map.retain(|_, v| v.expires > now);
        map.insert(s.token.clone(), s);
    }

    /// The live session with this token.
    pub fn get(&self, token: &str) -> Option<Session> {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        map.get(token).filter(|s| s.expires > Instant::now()).cloned()
    }

    /// End a session.
    pub fn remove(&self, token: &str) {
        self.map.lock().unwrap_or_else(|p| p.into_inner()).remove(token);
    }
}

/// Wrong passwords per login name, to refuse guessing.
#[derive(Debug, Default)]
pub struct Limiter {
    fails: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Limiter {
    /// How long until `key` may try again, if it is blocked now.
    pub fn blocked(&self, key: &str) -> Option<Duration> {
        let mut map = self.fails.lock().unwrap_or_else(|p| p.into_inner());
        let list = map.entry(key.to_string()).or_default();
        list.retain(|t| t.elapsed() < FAIL_WINDOW);
        (list.len() >= MAX_FAILS).then(|| FAIL_WINDOW.saturating_sub(list[0].elapsed()))
    }

    /// Count a wrong password.
    pub fn fail(&self, key: &str) {
        self.fails.lock().unwrap_or_else(|p| p.into_inner()).entry(key.to_string()).or_default().push(Instant::now());
    }

    /// Forget the failures of `key` (a right password).
    pub fn clear(&self, key: &str) {
        self.fails.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

/// Check a name and password; on success a new session.
pub async fn login(state: &Shared, name: &str, password: &str) -> Result<Session, AppError> {
    let key = theodoi_text::fold(name.trim());
    if let Some(wait) = state.limiter.blocked(&key) {
        let minutes = wait.as_secs() / 60 + 1;
        return Err(AppError::Limited(format!(
            "Đã nhập sai mật khẩu {MAX_FAILS} lần. Vui lòng thử lại sau {minutes} phút."
        )));
    }
    let user = state.store.user(name).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let password = password.to_string();
    // A name without a login is checked against a throw-away hash, so both take the same time.
    let ok = tokio::task::spawn_blocking(move || match hash {
        Some(h) => verify_password(&h, &password),
        None => {
            let _ = verify_password(dummy_hash(), &password);
            false
        }
    })
    .await
    .unwrap_or(false);
    match user {
        Some(u) if ok => {
            state.limiter.clear(&key);
            let s = state.sessions.create(u);
            let until = chrono::Utc::now() + chrono::Duration::seconds(SESSION_TTL.as_secs() as i64);
            let until = until.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            if let Err(e) = state.store.save_session(&s.token, &s.user.name, &s.csrf, &until).await {
                // The session still holds until the server stops.
                tracing::warn!("session not kept in the ledger: {e}");
            }
            Ok(s)
        }
        _ => {
            state.limiter.fail(&key);
            Err(AppError::WrongLogin)
        }
    }
}

/// The live session of a token: in memory, else as the ledger kept it (the server restarted).
pub async fn session(state: &Shared, token: &str) -> Option<Session> {
    if let Some(s) = state.sessions.get(token) {
        return Some(s);
    }
    let stored = match state.store.session(token).await {
        Ok(s) => s?,
        Err(e) => {
            tracing::warn!("session lookup: {e}");
            return None;
        }
    };
    let until = chrono::DateTime::parse_from_rfc3339(&stored.expires_at).ok()?.with_timezone(&chrono::Utc);
    let left = (until - chrono::Utc::now()).to_std().ok()?;
    let s = Session { user: stored.user, token: token.to_string(), csrf: stored.csrf, expires: Instant::now() + left };
    state.sessions.insert(s.clone());
    Some(s)
}

/// End a session, in memory and in the ledger.
pub async fn end(state: &Shared, token: &str) {
    state.sessions.remove(token);
    if let Err(e) = state.store.end_session(token).await {
        tracing::warn!("session end: {e}");
    }
}

/// argon2id of a random string: what an unknown name's password is checked against.
fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password(&random_token(16)).unwrap_or_default())
}

/// The value of cookie `name`.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// The Set-Cookie value of a session: HttpOnly, SameSite=Strict, Secure where the server says so.
pub fn session_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}", SESSION_TTL.as_secs())
}

/// The Set-Cookie value that ends the session in the browser.
pub fn clear_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
}

/// `Some(true)` when the request's Origin is this server, `Some(false)` when it is another site,
/// `None` when the browser sent none.
fn same_origin(headers: &HeaderMap) -> Option<bool> {
    let origin = headers.get(header::ORIGIN)?.to_str().ok()?;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or("");
    Some(!host.is_empty() && origin_host == host)
}

fn same_token(a: &str, b: &str) -> bool {
    // Constant time in the token's length: no byte-by-byte timing of the comparison.
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Every request passes here: the session cookie becomes a [`Session`] in the request, and a
/// change (POST, PUT, PATCH, DELETE) by a cookie-authenticated client must carry the session's
/// CSRF token or come from this server's own origin; a change from another origin is refused.
pub async fn guard(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let session = match cookie(req.headers(), COOKIE) {
        Some(t) => session(&state, &t).await,
        None => None,
    };
    let api = req.uri().path().starts_with("/api/");
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut req = req;
    if changes {
        let origin = same_origin(req.headers());
        if origin == Some(false) {
            return AppError::Csrf.respond(api);
        }
        if let Some(s) = &session {
            let header_ok =
                req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok()).is_some_and(|v| same_token(v, &s.csrf));
            let mut form_ok = false;
            let is_form = req
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
            if !header_ok && is_form {
                let (parts, body) = req.into_parts();
                let bytes = match axum::body::to_bytes(body, MAX_FORM).await {
                    Ok(b) => b,
                    Err(_) => return AppError::BadInput("Biểu mẫu quá lớn.".into()).respond(api),
                };
                let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
                form_ok = fields.iter().any(|(k, v)| k == CSRF_FIELD && same_token(v, &s.csrf));
                req = Request::from_parts(parts, Body::from(bytes));
            }
            if !(header_ok || form_ok || origin == Some(true)) {
                return AppError::Csrf.respond(api);
            }
        }
    }
    if let Some(s) = session {
        req.extensions_mut().insert(s);
    }
    next.run(req).await
}

/// The logged-in user of a request; a request without one is refused (401 on the API, a
/// redirect to the login page on pages).
#[derive(Debug, Clone)]
pub struct Auth(pub Session);

impl<S: Send + Sync> FromRequestParts<S> for Auth {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Session>() {
            Some(s) => Ok(Auth(s.clone())),
            None if parts.uri.path().starts_with("/api/") => Err(AppError::Unauthenticated.respond(true)),
            None => {
                let next = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
                let to = format!("/dang-nhap?tiep={}", crate::pages::url_encode(next));
                Err(axum::response::Redirect::to(&to).into_response())
            }
        }
    }
}

/// A unit's name as a key: folded, without "Đảng bộ"/"Đảng ủy" and the level word ("phường",
/// "xã", "thành phố" …), so "Đảng ủy phường Đông Sơn Hà" and "Đông Sơn Hà" are one ward.
pub fn unit_key(name: &str) -> String {
    // Not identity::org_key: that one may name a ward by its official code, which a user's "Tây Hòa"
    // (no level word, ambiguous across provinces) would not get.
    let k = theodoi_text::fold(name.trim());
    const LEVELS: &[&str] = &["phuong ", "xa ", "thanh pho ", "tinh ", "dac khu ", "thi tran ", "quan ", "huyen "];
    let k = k.strip_prefix("dang bo ").or_else(|| k.strip_prefix("dang uy ")).unwrap_or(&k).to_string();
    LEVELS.iter().find_map(|l| k.strip_prefix(l)).unwrap_or(&k).trim().to_string()
}

/// What one user may read and change: each route asks here, once, about the document it touches.
#[derive(Clone)]
pub struct Scope {
    user: User,
    /// The user's organisation as a key (`unit_key`), and its code on the official list.
    mine: Option<(String, Option<String>)>,
    /// The ledger as read for this request (the documents' organisations among it).
    ledger: Arc<Ledger>,
}

impl std::fmt::Debug for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scope").field("user", &self.user).field("mine", &self.mine).finish_non_exhaustive()
    }
}

/// A document's organisation and parent, as keys (`unit_key`) and as codes on the official list.
#[derive(Debug, Clone)]
pub(crate) struct DocKeys {
    pub(crate) org: Option<String>,
    pub(crate) org_unit: Option<String>,
    pub(crate) parent: Option<String>,
    pub(crate) parent_unit: Option<String>,
}

impl Scope {
    /// The scope of `user` over the ledger as it is now (read once per change of the ledger,
    /// [`crate::cache`]): no document read here.
    pub async fn of(state: &Shared, user: &User) -> Result<Scope, AppError> {
        let ledger = state.cache.ledger(state).await?;
        // The user's organisation matches a document's by name, or by the unit both are on the list
        // as ("Phường Lê Ích Mộc" for a document headed "ĐẢNG UỶ PHƯỜNG LÊ ÍCH MỘC").
        let mine = user.org.as_deref().map(unit_key).filter(|k| !k.is_empty()).map(|k| {
            let code = user.org.as_deref().and_then(|o| theodoi_units::lookup(o).unit()).map(|u| u.code.to_string());
            (k, code)
        });
        Ok(Scope { user: user.clone(), mine, ledger })
    }

    /// The ledger this scope was taken over.
    pub fn ledger(&self) -> &Arc<Ledger> {
        &self.ledger
    }

    /// Who sees alike: users of one role and organisation read and change the same documents, so
    /// a view computed for one serves them all.
    pub fn key(&self) -> String {
        format!("{}|{}", self.user.role.as_str(), self.user.org.as_deref().unwrap_or_default())
    }

    fn own(&self, doc: &str, with_parent: bool) -> bool {
        let Some((key, code)) = &self.mine else {
            return false;
        };
        self.ledger.units.get(doc).is_some_and(|d| {
            let is = |k: &Option<String>, c: &Option<String>| {
                k.as_deref() == Some(key.as_str()) || (code.is_some() && c.as_deref() == code.as_deref())
            };
            is(&d.org, &d.org_unit) || (with_parent && is(&d.parent, &d.parent_unit))
        })
    }

    /// The documents the user may read, by name; `None` when that is every document (an admin).
    pub fn readable(&self) -> Option<Vec<String>> {
        if self.user.role == Role::Admin {
            return None;
        }
        let mut v: Vec<String> = self.ledger.units.keys().filter(|d| self.can_read(d)).cloned().collect();
        v.sort();
        Some(v)
    }

    /// Whether the user may read `doc` and its items.
    pub fn can_read(&self, doc: &str) -> bool {
        match self.user.role {
            Role::Admin => self.ledger.units.contains_key(doc),
            Role::City => self.own(doc, true),
            Role::Editor | Role::Viewer => self.own(doc, false),
        }
    }

    /// Whether the user may change `doc`'s items (record progress, review its findings).
    pub fn can_write(&self, doc: &str) -> bool {
        match self.user.role {
            Role::Admin => self.ledger.units.contains_key(doc),
            Role::Editor => self.own(doc, false),
            Role::City | Role::Viewer => false,
        }
    }

    /// Refuse unless the user may read `doc`.
    pub fn read(&self, doc: &str) -> Result<(), AppError> {
        if self.can_read(doc) {
            Ok(())
        } else {
            Err(AppError::Forbidden("Bạn không có quyền xem văn bản này.".into()))
        }
    }

    /// Refuse unless the user may change `doc`'s items.
    pub fn write(&self, doc: &str) -> Result<(), AppError> {
        if self.can_write(doc) {
            Ok(())
        } else {
            Err(AppError::Forbidden("Bạn không có quyền thay đổi mục của văn bản này.".into()))
        }
    }

    /// The city whose view the user may open: a city user its own city only (another city asked
    /// for is refused), an admin any (`asked`; `None` when none was asked), a ward's editor or
    /// viewer none.
    pub fn city(&self, asked: Option<&str>) -> Result<Option<crate::city::City>, AppError> {
        use crate::city::City;
        let asked = asked.map(str::trim).filter(|a| !a.is_empty()).map(City::of);
        match self.user.role {
            Role::Editor | Role::Viewer => {
                Err(AppError::Forbidden("Trang thành phố chỉ dành cho tài khoản giám sát thành phố.".into()))
            }
            Role::City => {
                let mine = City::of(self.user.org.as_deref().unwrap_or(""));
                match asked {
                    Some(a) if !a.same(&mine) => {
                        Err(AppError::Forbidden(format!("Bạn chỉ được xem {} của mình.", mine.name)))
                    }
                    _ => Ok(Some(mine)),
                }
            }
            Role::Admin => Ok(asked),
        }
    }

    /// Whether the user may upload documents to read (editors and admins: reading a scan is work
    /// done for the one who may then store it).
    pub fn can_upload(&self) -> bool {
        matches!(self.user.role, Role::Admin | Role::Editor)
    }

    /// Refuse unless the user may upload documents.
    pub fn upload(&self) -> Result<(), AppError> {
        if self.can_upload() {
            Ok(())
        } else {
            Err(AppError::Forbidden("Chỉ người biên tập của đơn vị hoặc quản trị viên mới tải văn bản lên.".into()))
        }
    }

    /// Refuse unless the user may add a document issued by `org` to the ledger (admin: any;
    /// editor: their own unit's).
    pub fn add(&self, org: Option<&str>) -> Result<(), AppError> {
        match self.user.role {
            Role::Admin => Ok(()),
            Role::Editor => {
                let mine = self.user.org.as_deref().map(unit_key).filter(|k| !k.is_empty());
                match org.map(unit_key) {
                    Some(k) if mine.as_deref() == Some(k.as_str()) => Ok(()),
                    Some(_) => Err(AppError::Forbidden(format!(
                        "Văn bản này của {}; bạn chỉ ghi được văn bản của {}.",
                        org.unwrap_or_default(),
                        self.user.org.as_deref().unwrap_or("đơn vị mình")
                    ))),
                    None => Err(AppError::Forbidden(
                        "Không đọc được tên đơn vị ban hành văn bản; chỉ quản trị viên mới ghi được văn bản này."
                            .into(),
                    )),
                }
            }
            Role::City | Role::Viewer => Err(AppError::Forbidden(
                "Chỉ người biên tập của đơn vị hoặc quản trị viên mới ghi văn bản vào sổ.".into(),
            )),
        }
    }

    /// The user.
    pub fn user(&self) -> &User {
        &self.user
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("mật khẩu đúng").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "mật khẩu đúng"));
        assert!(!verify_password(&h, "mat khau dung"));
        assert!(!verify_password("not a hash", "x"));
        assert!(dummy_hash().starts_with("$argon2id$") && !verify_password(dummy_hash(), ""));
    }

    #[test]
    fn ward_names_match_however_written() {
        assert_eq!(unit_key("Đảng ủy phường Đông Sơn Hà"), "dong son ha");
        assert_eq!(unit_key("Phường Đông Sơn Hà"), "dong son ha");
        assert_eq!(unit_key("dong son ha"), "dong son ha");
        assert_eq!(unit_key("Đảng bộ thành phố Bắc Lâm"), "bac lam");
        assert_ne!(unit_key("Phường Đông Sơn"), unit_key("Phường Đông Sơn Hà"));
    }

    #[test]
    fn the_limiter_blocks_after_five_failures() {
        let l = Limiter::default();
        for _ in 0..MAX_FAILS - 1 {
            l.fail("a");
        }
        assert!(l.blocked("a").is_none());
        l.fail("a");
        assert!(l.blocked("a").is_some());
        assert!(l.blocked("b").is_none());
        l.clear("a");
        assert!(l.blocked("a").is_none());
    }

    #[test]
    fn cookies_are_read_from_any_header() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, "a=1; theodoi_session=abc".parse().expect("header"));
        assert_eq!(cookie(&h, COOKIE).as_deref(), Some("abc"));
        assert!(session_cookie("t", true).contains("HttpOnly; SameSite=Strict"));
    }
}
