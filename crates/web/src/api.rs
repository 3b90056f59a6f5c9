//! The JSON API: everything the pages show and change. Each route is registered through
//! `utoipa_axum::routes!`, so the router and `/api/openapi.json` come from one list.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use theodoi_core::{ItemKind, ProgressUpdate};

use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{self, Auth, Scope};
use crate::city::CityView;
use crate::error::{ApiError, AppError};
use crate::model::{DocRow, Overview, Snapshot, TargetRow, TaskRow};
use crate::{fmt, Shared};

#[derive(OpenApi)]
#[openapi(
    info(title = "theodoi", description = "Sổ theo dõi chỉ tiêu, nhiệm vụ và văn bản — API JSON của ứng dụng web."),
    tags((name = "theodoi"))
)]
struct ApiDoc;

/// The API routes with their OpenAPI description.
pub fn router() -> OpenApiRouter<Shared> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(login, logout))
        .routes(routes!(overview))
        .routes(routes!(targets))
        .routes(routes!(target))
        .routes(routes!(tasks))
        .routes(routes!(task))
        .routes(routes!(record_progress))
        .routes(routes!(documents))
        .routes(routes!(document))
        .routes(routes!(search))
        .routes(routes!(city))
        .routes(routes!(findings))
        .routes(routes!(review_finding))
        .routes(routes!(links))
        .routes(routes!(decide_link))
        .routes(routes!(export))
}

/// Name and password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginBody {
    /// Login name.
    pub name: String,
    /// Password.
    pub password: String,
}

/// The logged-in user and the CSRF token its changes must send (`X-CSRF-Token`).
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionInfo {
    /// Login name.
    pub name: String,
    /// admin, city, editor, viewer.
    pub role: String,
    /// The user's ward or city.
    pub org: Option<String>,
    /// The CSRF token.
    pub csrf: String,
}

/// An error: `{"error": "…"}` in Vietnamese.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: String,
}

/// Log in: sets the session cookie and returns the CSRF token.
#[utoipa::path(post, path = "/api/session", request_body = LoginBody,
    responses((status = 200, body = SessionInfo), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn login(State(state): State<Shared>, Json(b): Json<LoginBody>) -> Result<Response, ApiError> {
    let s = auth::login(&state, &b.name, &b.password).await?;
    let info = SessionInfo {
        name: s.user.name.clone(),
        role: s.user.role.as_str().into(),
        org: s.user.org.clone(),
        csrf: s.csrf.clone(),
    };
    let cookie = auth::session_cookie(&s.token, !state.options.insecure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Json(info)).into_response())
}

/// Log out.
#[utoipa::path(delete, path = "/api/session", responses((status = 204), (status = 401, body = ErrorBody)))]
async fn logout(State(state): State<Shared>, Auth(s): Auth) -> Response {
    auth::end(&state, &s.token).await;
    (axum::http::StatusCode::NO_CONTENT, [(header::SET_COOKIE, auth::clear_cookie(!state.options.insecure_cookies))])
        .into_response()
}

/// How far ahead "due soon" looks.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OverviewParams {
    /// Days (default 30).
    pub days: Option<i64>,
    /// One ward or commune only: its official code ("11443"), or its name as a key.
    pub unit: Option<String>,
}

/// Targets by status, tasks due soon and overdue, documents — of what the user may read.
#[utoipa::path(get, path = "/api/overview", params(OverviewParams),
    responses((status = 200, body = Overview), (status = 401, body = ErrorBody)))]
async fn overview(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(p): Query<OverviewParams>,
) -> Result<Response, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    let days = p.days.unwrap_or(30).clamp(1, 3650);
    let unit = p.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let key = format!("overview|{days}|{}", unit.unwrap_or(""));
    Ok(cached_json(&state, &scope, key, || async {
        to_json(&crate::model::overview(&state, &scope, days, unit).await?.ov)
    })
    .await?)
}

/// A view as JSON, serialised (by `make`, with [`to_json`]) once per change of the ledger, scope
/// and `key`.
async fn cached_json<F: std::future::Future<Output = Result<Vec<u8>, AppError>>>(
    state: &Shared,
    scope: &Scope,
    key: String,
    make: impl FnOnce() -> F,
) -> Result<Response, AppError> {
    let key = format!("json|{key}|{}", scope.key());
    let bytes = state
        .cache
        .view(scope.ledger(), state.today(), key, || async { Ok(axum::body::Bytes::from(make().await?)) })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], axum::body::Bytes::clone(&bytes)).into_response())
}

fn to_json<T: Serialize + ?Sized>(v: &T) -> Result<Vec<u8>, AppError> {
    serde_json::to_vec(v).map_err(|e| AppError::Internal(e.to_string()))
}

/// Every target and result the user may read.
#[utoipa::path(get, path = "/api/targets", responses((status = 200, body = [TargetRow]), (status = 401, body = ErrorBody)))]
async fn targets(State(state): State<Shared>, Auth(s): Auth) -> Result<Response, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    Ok(cached_json(&state, &scope, "targets".into(), || async {
        to_json(crate::model::target_rows(&state, &scope).await?.as_slice())
    })
    .await?)
}

/// Every task the user may read.
#[utoipa::path(get, path = "/api/tasks", responses((status = 200, body = [TaskRow]), (status = 401, body = ErrorBody)))]
async fn tasks(State(state): State<Shared>, Auth(s): Auth) -> Result<Response, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    Ok(cached_json(&state, &scope, "tasks".into(), || async {
        to_json(crate::model::task_rows(&state, &scope).await?.as_slice())
    })
    .await?)
}

/// One recorded progress entry.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryRow {
    /// Date (ISO).
    pub date: String,
    /// Date as shown (dd/mm/yyyy).
    pub date_shown: String,
    /// Value, if one was recorded.
    pub value: Option<f64>,
    /// Value in Vietnamese notation.
    pub value_shown: Option<String>,
    /// Marked done.
    pub done: bool,
    /// Note.
    pub note: Option<String>,
    /// Who recorded it.
    pub user: Option<String>,
    /// Replaced by a later correction of the same date.
    pub superseded: bool,
}

/// A target or task in full: its row, its history, its links.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemDetail {
    /// The stable id.
    pub code: String,
    /// The document.
    pub doc: String,
    /// The target's row (targets and results).
    pub target: Option<TargetRow>,
    /// The task's row (tasks).
    pub task: Option<TaskRow>,
    /// Every progress entry, oldest first (corrections keep what they replace).
    pub history: Vec<HistoryRow>,
    /// Items of other documents linked to it.
    pub links: Vec<LinkRow>,
}

/// A link to an item of another document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkRow {
    /// implements, reports_on, same_as.
    pub relation: String,
    /// proposed, confirmed, rejected.
    pub state: String,
    /// The other document.
    pub doc: String,
    /// The other item's position.
    pub position: String,
}

/// Load an item by its stable id, refusing what the user may not read.
pub async fn item_detail(state: &Shared, scope: &Scope, code: &str, kind: ItemKind) -> Result<ItemDetail, AppError> {
    let not_found = || AppError::NotFound(format!("Không có mục {code}."));
    match theodoi_store::parse_item_code(code) {
        Some((k, _)) if k == kind => {}
        _ => return Err(not_found()),
    }
    let item = state.store.find_item(code).await.map_err(|_| not_found())?;
    scope.read(&item.doc)?;
    let snap = Snapshot::load_one(state, scope, &item.doc).await?;
    let d = snap.docs.iter().find(|d| d.file == item.doc).ok_or_else(not_found)?;
    let pos = item.position.clone().ok_or_else(|| {
        AppError::NotFound(format!("{code} đã bị bỏ ở phiên bản {} của văn bản.", item.removed_in.unwrap_or(0)))
    })?;
    let (target, task) = match kind {
        ItemKind::Target => (d.extraction.targets.iter().find(|t| t.id == pos).map(|t| snap.target_row(d, t)), None),
        ItemKind::Task => (None, d.extraction.tasks.iter().find(|t| t.id == pos).map(|t| snap.task_row(d, t))),
    };
    if target.is_none() && task.is_none() {
        return Err(not_found());
    }
    let history = history(state, code).await?;
    let links = scope
        .ledger()
        .links
        .iter()
        .filter_map(|l| {
            let l = l.link.clone();
            let other = if l.from.doc == item.doc && l.from.id == pos {
                l.to.clone()
            } else if l.to.doc == item.doc && l.to.id == pos {
                l.from.clone()
            } else {
                return None;
            };
            scope.can_read(&other.doc).then(|| LinkRow {
                relation: enum_name(&l.relation),
                state: enum_name(&l.state),
                doc: other.doc,
                position: other.id,
            })
        })
        .collect();
    Ok(ItemDetail { code: item.code, doc: item.doc, target, task, history, links })
}

fn enum_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Every progress entry of an item, oldest first, with whether a correction replaced it.
async fn history(state: &Shared, code: &str) -> Result<Vec<HistoryRow>, AppError> {
    Ok(state
        .store
        .progress_entries(code)
        .await?
        .into_iter()
        .map(|u| HistoryRow {
            date_shown: fmt::date(&u.date),
            date: u.date,
            value_shown: u.value_text.clone().or_else(|| u.value.map(fmt::num)),
            value: u.value,
            done: u.done,
            note: u.note,
            user: u.user,
            superseded: u.superseded_by.is_some(),
        })
        .collect())
}

/// A target or result in full.
#[utoipa::path(get, path = "/api/targets/{code}", params(("code" = String, Path, description = "Stable id, e.g. CT12")),
    responses((status = 200, body = ItemDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn target(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(code): Path<String>,
) -> Result<Json<ItemDetail>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    Ok(Json(item_detail(&state, &scope, &code, ItemKind::Target).await?))
}

/// A task in full.
#[utoipa::path(get, path = "/api/tasks/{code}", params(("code" = String, Path, description = "Stable id, e.g. NV7")),
    responses((status = 200, body = ItemDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn task(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(code): Path<String>,
) -> Result<Json<ItemDetail>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    Ok(Json(item_detail(&state, &scope, &code, ItemKind::Task).await?))
}

/// Progress to record, under the CLI's rules: a value (targets) or done (tasks), a date not in the
/// future, one entry per date unless `replace`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ProgressInput {
    /// The value as typed ("13,7", "1.100"); targets only.
    pub value: Option<String>,
    /// Mark done (tasks, or qualitative targets).
    #[serde(default)]
    pub done: bool,
    /// The date (dd/mm/yyyy or yyyy-mm-dd).
    pub date: String,
    /// A note.
    pub note: Option<String>,
    /// Correct the entry already recorded for this date (it stays in the history).
    #[serde(default)]
    pub replace: bool,
    /// How many history entries the client saw: if someone recorded since, the change is refused.
    pub seen: Option<usize>,
}

/// What was recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    /// The progress entry's id.
    pub id: i64,
    /// The item's new state.
    pub item: ItemDetail,
}

/// Record progress on an item, checked and audited, as the user.
pub async fn record(
    state: &Shared,
    user: &theodoi_store::User,
    code: &str,
    kind: ItemKind,
    input: &ProgressInput,
) -> Result<i64, AppError> {
    let scope = Scope::of(state, user).await?;
    let detail = item_detail(state, &scope, code, kind).await?;
    scope.write(&detail.doc)?;
    let value = match input.value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => Some(fmt::parse_value(v).ok_or_else(|| {
            AppError::BadInput(format!("Giá trị \"{v}\" không phải là số (viết như 13,7 hoặc 1.100)."))
        })?),
        None => None,
    };
    if value.is_none() && !input.done {
        return Err(AppError::BadInput("Cần nhập giá trị đạt được, hoặc đánh dấu hoàn thành.".into()));
    }
    if value.is_some() && input.done {
        return Err(AppError::BadInput("Nhập giá trị hoặc đánh dấu hoàn thành, không cả hai.".into()));
    }
    if kind == ItemKind::Task && value.is_some() {
        return Err(AppError::BadInput(format!("{code} là nhiệm vụ: chỉ đánh dấu hoàn thành.")));
    }
    let date = fmt::parse_date(&input.date).ok_or_else(|| {
        AppError::BadInput(format!("Ngày \"{}\" không hợp lệ (viết như 30/06/2026).", input.date.trim()))
    })?;
    if date > state.today() {
        return Err(AppError::BadInput(format!(
            "Ngày {} ở tương lai: tiến độ được ghi khi đã có.",
            date.format("%d/%m/%Y")
        )));
    }
    let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 2000) {
        return Err(AppError::BadInput("Ghi chú dài quá 2.000 ký tự.".into()));
    }
    if let Some(seen) = input.seen {
        if seen != detail.history.len() {
            return Err(AppError::Stale(format!(
                "Đã có người ghi tiến độ cho {code} sau khi bạn mở trang; thay đổi của bạn chưa được lưu. \
                 Hãy tải lại trang để xem số liệu mới rồi ghi lại."
            )));
        }
    }
    let item = state.store.resolve_item(&detail.code).await?;
    let p = ProgressUpdate {
        item,
        value,
        done: input.done,
        date: date.format("%Y-%m-%d").to_string(),
        note: note.map(str::to_string),
        user: Some(user.name.clone()),
        evidence: None,
    };
    let typed = input.value.as_deref().map(str::trim);
    Ok(state.store.add_progress_with(&p, typed, Some(input.replace)).await?)
}

/// Record progress on a target (`CT…`) or task (`NV…`).
#[utoipa::path(post, path = "/api/items/{code}/progress", request_body = ProgressInput,
    params(("code" = String, Path, description = "Stable id, e.g. CT12 or NV7")),
    responses((status = 200, body = Recorded), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn record_progress(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(code): Path<String>,
    Json(input): Json<ProgressInput>,
) -> Result<Json<Recorded>, ApiError> {
    let kind = match theodoi_store::parse_item_code(&code) {
        Some((k, _)) => k,
        None => return Err(AppError::NotFound(format!("Không có mục {code}.")).into()),
    };
    let id = record(&state, &s.user, &code, kind, &input).await?;
    let scope = Scope::of(&state, &s.user).await?;
    Ok(Json(Recorded { id, item: item_detail(&state, &scope, &code, kind).await? }))
}

/// Every document the user may read.
#[utoipa::path(get, path = "/api/documents", responses((status = 200, body = [DocRow]), (status = 401, body = ErrorBody)))]
async fn documents(State(state): State<Shared>, Auth(s): Auth) -> Result<Response, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    Ok(cached_json(&state, &scope, "documents".into(), || async {
        to_json(crate::model::doc_rows(&state, &scope).await?.as_slice())
    })
    .await?)
}

/// One line of a document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ViewLine {
    /// Line number.
    pub no: u32,
    /// Text (restored where OCR was damaged).
    pub text: String,
    /// What OCR read, where restoration changed the line.
    pub original: Option<String>,
    /// The restorer's confidence in the line (0–1), where the document was restored.
    pub confidence: Option<f32>,
    /// Restored with a confidence under `theodoi_core::LOW_CONFIDENCE`: to check against the scan.
    pub doubtful: bool,
}

/// An item read from a document, with its lines.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ViewItem {
    /// target, result, task, citation, fact.
    pub kind: String,
    /// In Vietnamese.
    pub kind_label: String,
    /// Stable id where the item has one (`CT12`, `NV7`), else `L<line>`.
    pub code: String,
    /// What it says.
    pub title: String,
    /// First line.
    pub start: u32,
    /// Last line.
    pub end: u32,
    /// Its page, if it has one.
    pub href: Option<String>,
}

/// A document's text with every extracted item at its lines.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentView {
    /// The document.
    pub doc: DocRow,
    /// Whether the ledger kept its text (documents added before it did show their items only).
    pub has_text: bool,
    /// Whether some line was restored from damaged OCR (then `original` is set on those lines).
    pub restored_lines: bool,
    /// Lines restored with a low confidence (marked in the viewer).
    pub doubtful_lines: usize,
    /// Its lines.
    pub lines: Vec<ViewLine>,
    /// Its items, in order of lines.
    pub items: Vec<ViewItem>,
}

/// Load a document's view, refusing what the user may not read.
pub async fn document_view(state: &Shared, scope: &Scope, doc: &str) -> Result<DocumentView, AppError> {
    let snap = Snapshot::load_one(state, scope, doc).await?;
    let Some(d) = snap.docs.iter().find(|d| d.file == doc) else {
        // Tell "not yours" from "not there" only to whom may know it exists.
        return Err(if state.store.document_orgs().await?.iter().any(|(n, _, _)| n == doc) {
            AppError::Forbidden("Bạn không có quyền xem văn bản này.".into())
        } else {
            AppError::NotFound(format!("Không có văn bản {doc}."))
        });
    };
    scope.read(&d.file)?;
    let text = state.store.text(doc).await?;
    let lines: Vec<ViewLine> = text
        .as_ref()
        .map(|t| {
            t.lines
                .iter()
                .map(|l| ViewLine {
                    no: l.no,
                    text: l.text.clone(),
                    original: l.original.clone(),
                    confidence: l.confidence,
                    doubtful: l.is_doubtful(),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut items = Vec::new();
    let x = &d.extraction;
    for t in &x.targets {
        let code = snap.code_of(&d.file, ItemKind::Target, &t.id);
        // a reading (no plan) shows as a result does
        let result = t.kind != theodoi_core::TargetKind::Target;
        for e in t.evidence.iter().filter(|e| e.doc == d.file || x.doc == e.doc).take(1) {
            items.push(ViewItem {
                kind: if result { "result" } else { "target" }.into(),
                kind_label: crate::model::kind_label(t.kind).into(),
                href: code.as_ref().map(|c| format!("/chi-tieu/{c}")),
                code: code.clone().unwrap_or_else(|| format!("L{}", e.span.start)),
                title: t.name.clone(),
                start: e.span.start,
                end: e.span.end,
            });
        }
    }
    for k in &x.tasks {
        let code = snap.code_of(&d.file, ItemKind::Task, &k.id);
        for e in k.evidence.iter().take(1) {
            items.push(ViewItem {
                kind: "task".into(),
                kind_label: "nhiệm vụ".into(),
                href: code.as_ref().map(|c| format!("/nhiem-vu/{c}")),
                code: code.clone().unwrap_or_else(|| format!("L{}", e.span.start)),
                title: k.what.clone(),
                start: e.span.start,
                end: e.span.end,
            });
        }
    }
    for c in &x.citations {
        for e in c.evidence.iter().take(1) {
            items.push(ViewItem {
                kind: "citation".into(),
                kind_label: "văn bản dẫn".into(),
                href: None,
                code: format!("L{}", e.span.start),
                title: format!("{} {}", c.kind.as_deref().unwrap_or(""), c.number).trim().to_string(),
                start: e.span.start,
                end: e.span.end,
            });
        }
    }
    for f in &x.facts {
        items.push(ViewItem {
            kind: "fact".into(),
            kind_label: "số liệu".into(),
            href: None,
            code: format!("L{}", f.evidence.span.start),
            title: f.evidence.text.clone(),
            start: f.evidence.span.start,
            end: f.evidence.span.end,
        });
    }
    items.sort_by_key(|i| (i.start, i.end));
    Ok(DocumentView {
        doc: DocRow::from(&**d),
        has_text: text.is_some(),
        restored_lines: lines.iter().any(|l| l.original.is_some()),
        doubtful_lines: lines.iter().filter(|l| l.doubtful).count(),
        lines,
        items,
    })
}

/// A document's text with its items.
#[utoipa::path(get, path = "/api/documents/{doc}", params(("doc" = String, Path, description = "The document's name in the ledger")),
    responses((status = 200, body = DocumentView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn document(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(doc): Path<String>,
) -> Result<Json<DocumentView>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    Ok(Json(document_view(&state, &scope, &doc).await?))
}

/// A search.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words, diacritics optional.
    pub q: String,
    /// Most hits (default 50).
    pub limit: Option<usize>,
}

/// One line found.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchHit {
    /// The document.
    pub doc: String,
    /// Its organisation.
    pub org: Option<String>,
    /// The line.
    pub line: u32,
    /// Whether the words appear exactly as typed.
    pub exact: bool,
    /// The line in pieces; `mark` pieces matched.
    pub snippet: Vec<Fragment>,
    /// The viewer at that line.
    pub href: String,
}

/// A piece of a snippet.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Fragment {
    /// Text.
    pub text: String,
    /// Matched.
    pub mark: bool,
}

/// Search the documents the user may read, the index brought in step with the ledger first.
pub async fn search_hits(state: &Shared, scope: &Scope, q: &str, limit: usize) -> Result<Vec<SearchHit>, AppError> {
    state.cache.sync_search(state, scope.ledger().clock).await?;
    // A ward's or a city's documents are part of the query (its best lines, however many lines
    // other wards hold); an admin's search is the whole index.
    let hits = match scope.readable() {
        Some(docs) => state.index.search_in(q, limit, &docs)?,
        None => state.index.search_where(q, limit, |d| scope.can_read(d))?,
    };
    Ok(hits
        .into_iter()
        .map(|h| SearchHit {
            href: format!("/van-ban/{}#L{}", crate::pages::url_encode(&h.doc), h.line),
            doc: h.doc,
            org: h.org,
            line: h.line,
            exact: h.exact,
            snippet: h.snippet.into_iter().map(|f| Fragment { text: f.text, mark: f.mark }).collect(),
        })
        .collect())
}

/// Search every document the user may read; exact-diacritic hits first.
#[utoipa::path(get, path = "/api/search", params(SearchParams),
    responses((status = 200, body = [SearchHit]), (status = 401, body = ErrorBody)))]
async fn search(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(p): Query<SearchParams>,
) -> Result<Json<Vec<SearchHit>>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    Ok(Json(search_hits(&state, &scope, &p.q, p.limit.unwrap_or(50)).await?))
}

/// What the city view is asked.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CityParams {
    /// The city (name or official code); an admin's choice, a city user's own city otherwise.
    pub city: Option<String>,
    /// The ward table's order: name, documents, achieved, on_track, at_risk, off_track, overdue,
    /// no_data, tasks_overdue, findings; `-` first for descending.
    pub sort: Option<String>,
    /// The comparison's order: ward, goal, latest, percent, status; `-` first for descending.
    pub compare_sort: Option<String>,
    /// The indicator to compare (its `key`); the one most wards set by default.
    pub indicator: Option<String>,
}

/// The city view for the user: its own city (a city user), the city asked or the one most of the
/// ledger's documents belong to (an admin); refused to a ward's users.
pub async fn city_view(state: &Shared, scope: &Scope, p: &CityParams) -> Result<std::sync::Arc<CityView>, AppError> {
    let asked = scope.city(p.city.as_deref())?;
    let key = format!("city|{}|{:?}|{:?}|{:?}|{:?}", scope.key(), p.city, p.sort, p.compare_sort, p.indicator);
    state.cache.view(scope.ledger(), state.today(), key, || city_of(state, scope, asked, p)).await
}

async fn city_of(
    state: &Shared,
    scope: &Scope,
    asked: Option<crate::city::City>,
    p: &CityParams,
) -> Result<CityView, AppError> {
    let snap = Snapshot::load(state, scope).await?;
    // The cities the user's documents belong to, most documents first (an admin's choices).
    let mut counts: std::collections::HashMap<String, (usize, crate::city::City)> = std::collections::HashMap::new();
    for c in snap.docs.iter().filter_map(|d| crate::city::city_of(d)) {
        let key = c.code.clone().unwrap_or_else(|| c.key.clone());
        counts.entry(key).or_insert((0, c)).0 += 1;
    }
    let mut cities: Vec<(usize, crate::city::City)> = counts.into_values().collect();
    cities.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    let city = match asked.or_else(|| cities.first().map(|c| c.1.clone())) {
        Some(c) => c,
        None => return Err(AppError::NotFound("Sổ chưa có văn bản của thành phố nào.".into())),
    };
    let units = match &city.code {
        Some(code) => state.store.units_of_city(code).await?,
        None => Vec::new(),
    };
    let findings = snap.open_findings();
    let q = crate::city::CityQuery {
        sort: p.sort.as_deref(),
        compare_sort: p.compare_sort.as_deref(),
        indicator: p.indicator.as_deref(),
    };
    let mut v = crate::city::view(&city, &units, &snap, &findings, &q);
    if scope.user().role == theodoi_store::Role::Admin {
        v.cities = cities.into_iter().map(|c| c.1.code.unwrap_or(c.1.name)).collect();
    }
    Ok(v)
}

/// Every commune and ward of a city side by side (targets by status, overdue tasks, open
/// findings) and one indicator compared across them; wards that sent no document are listed too.
#[utoipa::path(get, path = "/api/city", params(CityParams),
    responses((status = 200, body = CityView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn city(State(state): State<Shared>, Auth(s): Auth, Query(p): Query<CityParams>) -> Result<Response, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    let key = format!("city|{:?}|{:?}|{:?}|{:?}", p.city, p.sort, p.compare_sort, p.indicator);
    Ok(cached_json(&state, &scope, key, || async { to_json(&*city_view(&state, &scope, &p).await?) }).await?)
}

/// One side of a finding: the lines of a document it points at.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FindingSide {
    /// The document.
    pub doc: String,
    /// Its organisation.
    pub org: Option<String>,
    /// First line.
    pub start: u32,
    /// Last line.
    pub end: u32,
    /// The lines, verbatim.
    pub text: String,
    /// The viewer at those lines.
    pub href: String,
}

/// A finding of the checks, with its evidence side by side.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FindingRow {
    /// Stable id (`PH12`).
    pub code: String,
    /// The check that produced it.
    pub kind: String,
    /// error, warning, info.
    pub severity: String,
    /// open, confirmed, dismissed, resolved.
    pub state: String,
    /// The state in Vietnamese.
    pub state_label: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// The same in English.
    pub message_en: String,
    /// First produced (dd/mm/yyyy).
    pub first_seen: String,
    /// Who reviewed it last.
    pub reviewed_by: Option<String>,
    /// The reviewer's note.
    pub note: Option<String>,
    /// The evidence the user may read, side by side.
    pub sides: Vec<FindingSide>,
    /// Evidence in documents the user may not read (not shown).
    pub hidden: usize,
    /// Whether the user may confirm or dismiss it.
    pub can_review: bool,
}

fn finding_state_label(s: &str) -> &'static str {
    match s {
        "open" => "chưa xử lý",
        "confirmed" => "đã xác nhận",
        "dismissed" => "đã bác bỏ",
        "resolved" => "đã hết",
        _ => "—",
    }
}

/// A finding is the user's to read when one of its documents is, to review when all are theirs to
/// change (a ward never settles what another ward's document says).
fn finding_row(
    scope: &Scope,
    f: theodoi_store::StoredFinding,
    orgs: &std::collections::HashMap<String, Option<String>>,
) -> Option<FindingRow> {
    let ev = &f.finding.evidence;
    if !ev.iter().any(|e| scope.can_read(&e.doc)) {
        return None;
    }
    let can_review = ev.iter().all(|e| scope.can_write(&e.doc));
    let sides: Vec<FindingSide> = ev
        .iter()
        .filter(|e| scope.can_read(&e.doc))
        .map(|e| FindingSide {
            org: orgs.get(&e.doc).cloned().flatten(),
            href: format!("/van-ban/{}#L{}", crate::pages::url_encode(&e.doc), e.span.start),
            doc: e.doc.clone(),
            start: e.span.start,
            end: e.span.end,
            text: e.text.clone(),
        })
        .collect();
    Some(FindingRow {
        hidden: ev.len() - sides.len(),
        sides,
        can_review,
        severity: enum_name(&f.finding.severity),
        state_label: finding_state_label(&f.state).into(),
        first_seen: fmt::date(f.first_seen.get(..10).unwrap_or(&f.first_seen)),
        code: f.code,
        kind: f.finding.kind,
        state: f.state,
        message: f.finding.message_vi,
        message_en: f.finding.message_en,
        reviewed_by: f.reviewed_by,
        note: f.note,
    })
}

/// The findings of these states the user may read, most severe first.
pub async fn finding_rows(state: &Shared, scope: &Scope, states: &[&str]) -> Result<Vec<FindingRow>, AppError> {
    let orgs = doc_orgs(state).await?;
    Ok(state.store.findings_in(states, None).await?.into_iter().filter_map(|f| finding_row(scope, f, &orgs)).collect())
}

async fn doc_orgs(state: &Shared) -> Result<std::collections::HashMap<String, Option<String>>, AppError> {
    Ok(state.store.document_orgs().await?.into_iter().map(|(d, o, _)| (d, o)).collect())
}

/// The states a list may ask for.
fn finding_states(asked: Option<&str>) -> Result<Vec<&'static str>, AppError> {
    match asked.map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("open") => Ok(vec!["open"]),
        Some("confirmed") => Ok(vec!["confirmed"]),
        Some("dismissed") => Ok(vec!["dismissed"]),
        Some("resolved") => Ok(vec!["resolved"]),
        Some("all") => Ok(vec!["open", "confirmed", "dismissed", "resolved"]),
        Some(s) => Err(AppError::BadInput(format!(
            "Tình trạng \"{s}\" không có; chọn open, confirmed, dismissed, resolved hoặc all."
        ))),
    }
}

/// Which findings.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FindingParams {
    /// open (default), confirmed, dismissed, resolved, all.
    pub state: Option<String>,
}

/// The findings the user may read, with their evidence side by side.
#[utoipa::path(get, path = "/api/findings", params(FindingParams),
    responses((status = 200, body = [FindingRow]), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn findings(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(p): Query<FindingParams>,
) -> Result<Json<Vec<FindingRow>>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    let states = finding_states(p.state.as_deref())?;
    Ok(Json(finding_rows(&state, &scope, &states).await?))
}

/// A review of a finding.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ReviewInput {
    /// confirmed (xác nhận) or dismissed (bác bỏ).
    pub state: String,
    /// Why (required to dismiss).
    pub note: Option<String>,
    /// The state the client saw (`open` …): if someone reviewed it since, the review is refused.
    pub seen: Option<String>,
}

/// Review a finding as the user, with the CLI's store call (`theodoi finding review`): the
/// reviewer and the note go to the audit log.
pub async fn review(
    state: &Shared,
    user: &theodoi_store::User,
    code: &str,
    input: &ReviewInput,
) -> Result<FindingRow, AppError> {
    let scope = Scope::of(state, user).await?;
    let all = finding_rows(state, &scope, &["open", "confirmed", "dismissed", "resolved"]).await?;
    let code = code.trim().to_uppercase();
    let Some(f) = all.into_iter().find(|f| f.code == code) else {
        // Not there, or not the user's: the same answer, so codes of other wards tell nothing.
        return Err(AppError::NotFound(format!("Không có phát hiện {code}.")));
    };
    if !f.can_review {
        return Err(AppError::Forbidden("Bạn không có quyền xử lý phát hiện này.".into()));
    }
    let to = match input.state.trim() {
        "confirmed" => "confirmed",
        "dismissed" => "dismissed",
        s => {
            return Err(AppError::BadInput(format!(
                "Chọn \"xác nhận\" (confirmed) hoặc \"bác bỏ\" (dismissed), không phải \"{s}\"."
            )))
        }
    };
    let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if to == "dismissed" && note.is_none() {
        return Err(AppError::BadInput("Bác bỏ một phát hiện cần ghi lý do.".into()));
    }
    if note.is_some_and(|n| n.chars().count() > 2000) {
        return Err(AppError::BadInput("Ghi chú dài quá 2.000 ký tự.".into()));
    }
    if let Some(seen) = input.seen.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        if seen != f.state {
            return Err(AppError::Stale(format!(
                "{code} đã được {} ({}) sau khi bạn mở trang; thay đổi của bạn chưa được lưu. Hãy tải lại trang.",
                finding_state_label(&f.state),
                f.reviewed_by.as_deref().unwrap_or("—")
            )));
        }
    }
    let stored = state.store.review_finding(&code, to, note, &user.name).await?;
    let orgs = doc_orgs(state).await?;
    finding_row(&scope, stored, &orgs).ok_or_else(|| AppError::NotFound(format!("Không có phát hiện {code}.")))
}

/// Confirm or dismiss a finding (`PH12`).
#[utoipa::path(post, path = "/api/findings/{code}/review", request_body = ReviewInput,
    params(("code" = String, Path, description = "Stable id, e.g. PH12")),
    responses((status = 200, body = FindingRow), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn review_finding(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(code): Path<String>,
    Json(input): Json<ReviewInput>,
) -> Result<Json<FindingRow>, ApiError> {
    Ok(Json(review(&state, &s.user, &code, &input).await?))
}

/// One end of a link: an item of a document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkEnd {
    /// The document.
    pub doc: String,
    /// Its organisation.
    pub org: Option<String>,
    /// The item's stable id (`CT12`), or its position.
    pub code: String,
    /// The item's name.
    pub name: String,
    /// Its figure as written.
    pub figure: Option<String>,
    /// Its first line.
    pub line: Option<u32>,
    /// Its lines, verbatim.
    pub text: Option<String>,
    /// The viewer at the item.
    pub href: String,
}

/// A link between items of two documents, for review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkReview {
    /// The link's id.
    pub id: i64,
    /// implements, reports_on, same_as.
    pub relation: String,
    /// In Vietnamese.
    pub relation_label: String,
    /// proposed, confirmed, rejected.
    pub state: String,
    /// How alike the names are, 0–1.
    pub confidence: f64,
    /// The later item (the programme's, the report's).
    pub from: LinkEnd,
    /// The item it implements or reports on.
    pub to: LinkEnd,
    /// Who confirmed or rejected it.
    pub decided_by: Option<String>,
    /// Whether the user may confirm or reject it.
    pub can_decide: bool,
}

fn link_end(snap: &Snapshot, r: &theodoi_core::ItemRef) -> LinkEnd {
    let d = snap.docs.iter().find(|d| d.file == r.doc);
    let t = d.and_then(|d| d.extraction.targets.iter().find(|t| t.id == r.id));
    let code = snap.code_of(&r.doc, r.kind, &r.id).unwrap_or_else(|| r.id.clone());
    let ev = t.and_then(|t| t.evidence.first());
    let line = ev.map(|e| e.span.start);
    LinkEnd {
        org: d.and_then(|d| d.extraction.org.clone()),
        href: match line {
            Some(l) => {
                format!("/van-ban/{}?muc={}#L{l}", crate::pages::url_encode(&r.doc), crate::pages::url_encode(&code))
            }
            None => format!("/van-ban/{}", crate::pages::url_encode(&r.doc)),
        },
        name: t.map(|t| t.name.clone()).unwrap_or_default(),
        figure: t.and_then(|t| t.target_text.clone().or_else(|| t.achieved.or(t.value).map(fmt::num))),
        text: ev.map(|e| e.text.clone()),
        line,
        doc: r.doc.clone(),
        code,
    }
}

/// The links the user may read (both ends in documents they may read), of these states.
pub async fn link_rows(state: &Shared, scope: &Scope, states: &[&str]) -> Result<Vec<LinkReview>, AppError> {
    let snap = Snapshot::load(state, scope).await?;
    Ok(state
        .store
        .links()
        .await?
        .into_iter()
        .filter(|l| scope.can_read(&l.link.from.doc) && scope.can_read(&l.link.to.doc))
        .filter(|l| states.contains(&enum_name(&l.link.state).as_str()))
        .map(|l| {
            let k = &l.link;
            LinkReview {
                id: l.id,
                relation: enum_name(&k.relation),
                relation_label: match k.relation {
                    theodoi_core::LinkRelation::Implements => "thực hiện",
                    theodoi_core::LinkRelation::ReportsOn => "báo cáo kết quả",
                    theodoi_core::LinkRelation::SameAs => "cùng chỉ tiêu",
                }
                .into(),
                state: enum_name(&k.state),
                confidence: k.confidence,
                from: link_end(&snap, &k.from),
                to: link_end(&snap, &k.to),
                decided_by: l.decided_by.clone(),
                can_decide: scope.can_write(&k.from.doc) && scope.can_write(&k.to.doc),
            }
        })
        .collect())
}

fn link_states(asked: Option<&str>) -> Result<Vec<&'static str>, AppError> {
    match asked.map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("proposed") => Ok(vec!["proposed"]),
        Some("confirmed") => Ok(vec!["confirmed"]),
        Some("rejected") => Ok(vec!["rejected"]),
        Some("all") => Ok(vec!["proposed", "confirmed", "rejected"]),
        Some(s) => Err(AppError::BadInput(format!(
            "Tình trạng \"{s}\" không có; chọn proposed, confirmed, rejected hoặc all."
        ))),
    }
}

/// Which links.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LinkParams {
    /// proposed (default), confirmed, rejected, all.
    pub state: Option<String>,
}

/// Links between items of documents the user may read.
#[utoipa::path(get, path = "/api/links", params(LinkParams),
    responses((status = 200, body = [LinkReview]), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn links(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(p): Query<LinkParams>,
) -> Result<Json<Vec<LinkReview>>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    let states = link_states(p.state.as_deref())?;
    Ok(Json(link_rows(&state, &scope, &states).await?))
}

/// A decision on a proposed link.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct LinkDecision {
    /// confirmed or rejected.
    pub state: String,
    /// The state the client saw (`proposed` …): if someone decided since, refused.
    pub seen: Option<String>,
}

/// Confirm or reject a link as the user, with the CLI's store call (`theodoi link confirm|reject`).
pub async fn decide(
    state: &Shared,
    user: &theodoi_store::User,
    id: i64,
    input: &LinkDecision,
) -> Result<LinkReview, AppError> {
    let scope = Scope::of(state, user).await?;
    let all = link_rows(state, &scope, &["proposed", "confirmed", "rejected"]).await?;
    let Some(l) = all.into_iter().find(|l| l.id == id) else {
        return Err(AppError::NotFound(format!("Không có liên kết {id}.")));
    };
    if !l.can_decide {
        return Err(AppError::Forbidden("Bạn không có quyền xác nhận liên kết này.".into()));
    }
    let to = match input.state.trim() {
        "confirmed" => theodoi_core::LinkState::Confirmed,
        "rejected" => theodoi_core::LinkState::Rejected,
        s => {
            return Err(AppError::BadInput(format!(
                "Chọn \"xác nhận\" (confirmed) hoặc \"bác bỏ\" (rejected), không phải \"{s}\"."
            )))
        }
    };
    if let Some(seen) = input.seen.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        if seen != l.state {
            return Err(AppError::Stale(format!(
                "Liên kết {id} đã được xử lý ({}) sau khi bạn mở trang; thay đổi của bạn chưa được lưu. Hãy tải lại trang.",
                l.decided_by.as_deref().unwrap_or("—")
            )));
        }
    }
    state.store.decide_link(id, to, &user.name).await?;
    link_rows(state, &scope, &["proposed", "confirmed", "rejected"])
        .await?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| AppError::NotFound(format!("Không có liên kết {id}.")))
}

/// Confirm or reject a proposed link.
#[utoipa::path(post, path = "/api/links/{id}/decision", request_body = LinkDecision,
    params(("id" = i64, Path, description = "The link's id")),
    responses((status = 200, body = LinkReview), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn decide_link(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(id): Path<i64>,
    Json(input): Json<LinkDecision>,
) -> Result<Json<LinkReview>, ApiError> {
    Ok(Json(decide(&state, &s.user, id, &input).await?))
}

/// A file's bytes (OpenAPI: a binary string).
#[derive(Debug, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBody(pub Vec<u8>);

/// A download as an HTTP response: its type, and offered as a file.
pub fn download(d: crate::export::Download) -> Response {
    (
        [
            (header::CONTENT_TYPE, d.content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", d.name)),
        ],
        d.bytes,
    )
        .into_response()
}

/// Download what the user may read (of one ward when `unit` is given) as an Excel workbook
/// (`xlsx`), CSV (`csv`), a calendar of task deadlines (`ics`) or the draft review report of a
/// period (`docx`).
#[utoipa::path(get, path = "/api/export/{format}", params(("format" = String, Path, description = "xlsx, csv, ics or docx"), crate::export::ExportParams),
    responses((status = 200, description = "The file, offered for download (Content-Disposition: attachment)", content(
            (FileBody = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (FileBody = "text/csv"),
            (FileBody = "text/calendar"), (FileBody = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn export(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(format): Path<String>,
    Query(p): Query<crate::export::ExportParams>,
) -> Result<Response, ApiError> {
    let Some(f) = crate::export::Format::parse(&format) else {
        return Err(AppError::NotFound(format!("Không có định dạng {format}; chọn xlsx, csv, ics hoặc docx.")).into());
    };
    let scope = Scope::of(&state, &s.user).await?;
    Ok(download(crate::export::make(&state, &scope, f, &p).await?))
}
