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
    state.sessions.remove(&s.token);
    (axum::http::StatusCode::NO_CONTENT, [(header::SET_COOKIE, auth::clear_cookie(!state.options.insecure_cookies))])
        .into_response()
}

/// How far ahead "due soon" looks.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OverviewParams {
    /// Days (default 30).
    pub days: Option<i64>,
}

/// Targets by status, tasks due soon and overdue, documents — of what the user may read.
#[utoipa::path(get, path = "/api/overview", params(OverviewParams),
    responses((status = 200, body = Overview), (status = 401, body = ErrorBody)))]
async fn overview(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(p): Query<OverviewParams>,
) -> Result<Json<Overview>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    let snap = Snapshot::load(&state, &scope).await?;
    Ok(Json(snap.overview(p.days.unwrap_or(30).clamp(1, 3650))))
}

/// Every target and result the user may read.
#[utoipa::path(get, path = "/api/targets", responses((status = 200, body = [TargetRow]), (status = 401, body = ErrorBody)))]
async fn targets(State(state): State<Shared>, Auth(s): Auth) -> Result<Json<Vec<TargetRow>>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    Ok(Json(Snapshot::load(&state, &scope).await?.targets()))
}

/// Every task the user may read.
#[utoipa::path(get, path = "/api/tasks", responses((status = 200, body = [TaskRow]), (status = 401, body = ErrorBody)))]
async fn tasks(State(state): State<Shared>, Auth(s): Auth) -> Result<Json<Vec<TaskRow>>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    Ok(Json(Snapshot::load(&state, &scope).await?.tasks()))
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
    let snap = Snapshot::load(state, scope).await?;
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
    let links = state
        .store
        .links()
        .await?
        .into_iter()
        .filter_map(|l| {
            let l = l.link;
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
async fn documents(State(state): State<Shared>, Auth(s): Auth) -> Result<Json<Vec<DocRow>>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    let snap = Snapshot::load(&state, &scope).await?;
    Ok(Json(snap.docs.iter().map(Into::into).collect()))
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
    /// Its lines.
    pub lines: Vec<ViewLine>,
    /// Its items, in order of lines.
    pub items: Vec<ViewItem>,
}

/// Load a document's view, refusing what the user may not read.
pub async fn document_view(state: &Shared, scope: &Scope, doc: &str) -> Result<DocumentView, AppError> {
    let snap = Snapshot::load(state, scope).await?;
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
            t.lines.iter().map(|l| ViewLine { no: l.no, text: l.text.clone(), original: l.original.clone() }).collect()
        })
        .unwrap_or_default();
    let mut items = Vec::new();
    let x = &d.extraction;
    for t in &x.targets {
        let code = snap.codes.get(&(d.file.clone(), ItemKind::Target, t.id.clone())).cloned();
        let result = t.kind == theodoi_core::TargetKind::Result;
        for e in t.evidence.iter().filter(|e| e.doc == d.file || x.doc == e.doc).take(1) {
            items.push(ViewItem {
                kind: if result { "result" } else { "target" }.into(),
                kind_label: if result { "kết quả" } else { "chỉ tiêu" }.into(),
                href: code.as_ref().map(|c| format!("/chi-tieu/{c}")),
                code: code.clone().unwrap_or_else(|| format!("L{}", e.span.start)),
                title: t.name.clone(),
                start: e.span.start,
                end: e.span.end,
            });
        }
    }
    for k in &x.tasks {
        let code = snap.codes.get(&(d.file.clone(), ItemKind::Task, k.id.clone())).cloned();
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
        doc: d.into(),
        has_text: text.is_some(),
        restored_lines: lines.iter().any(|l| l.original.is_some()),
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
    match theodoi_search::sync(&state.index, &state.store).await {
        Ok(_) => {}
        // Another process is updating the index: search what it holds.
        Err(theodoi_search::SyncError::Search(theodoi_search::SearchError::Busy)) => {}
        Err(e) => return Err(e.into()),
    }
    let hits = state.index.search_where(q, limit, |d| scope.can_read(d))?;
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
