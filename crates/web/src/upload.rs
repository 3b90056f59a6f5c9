//! Upload (tải văn bản lên): a DOCX, PDF, text file or scan sent from the browser is read by the
//! same library calls as `theodoi add` (ingest, which restores damaged OCR text, then extract),
//! shown for review, and stored only when the user presses "Ghi vào sổ" — then exactly as `add`
//! stores it ([`theodoi_store::Store::add_with_text`] and [`theodoi_store::Store::after_add`]).
//!
//! Reading runs as a background job (OCR takes seconds a page): the page polls the job's status
//! with a meta refresh (no JavaScript), the API with `GET /api/uploads/{id}`. Jobs live in memory
//! for [`JOB_TTL`], visible only to the user who started them; at most [`READERS`] read at once so
//! scans do not take every core from the pages.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use minijinja::{context, Environment};
use serde::Serialize;
use theodoi_core::{Evidence, TargetKind};
use theodoi_store::{AddOutcome, Import, TextLine};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::ErrorBody;
use crate::auth::{self, Auth, Scope};
use crate::error::{ApiError, AppError, PageError};
use crate::{fmt, Shared};

/// How long a finished job is kept for review.
pub const JOB_TTL: Duration = Duration::from_secs(2 * 3600);
/// Files read at once; more wait their turn (their status says so).
pub const READERS: usize = 2;

const TEMPLATES: &[(&str, &str)] = &[
    ("upload.html", include_str!("../templates/upload.html")),
    ("upload_job.html", include_str!("../templates/upload_job.html")),
];

/// Add the upload pages' templates to `env`.
pub fn add_templates(env: &mut Environment<'static>) {
    for (name, src) in TEMPLATES {
        if let Err(e) = env.add_template(name, src) {
            tracing::error!("template {name}: {e}");
        }
    }
}

/// The upload pages. The body limit is [`crate::Options::max_upload`], counted while the file
/// streams in (axum's default 2 MB limit is lifted so the message can name the real limit).
pub fn router() -> Router<Shared> {
    Router::new()
        .route("/tai-len", get(form_page).post(upload_page))
        .route("/tai-len/{id}", get(job_page))
        .route("/tai-len/{id}/ghi", post(store_page))
        .layer(DefaultBodyLimit::disable())
}

/// The upload API routes with their OpenAPI description.
pub fn api_router() -> OpenApiRouter<Shared> {
    OpenApiRouter::new()
        .routes(routes!(upload_api))
        .routes(routes!(status_api))
        .routes(routes!(store_api))
        .layer(DefaultBodyLimit::disable())
}

/// Upload jobs in memory.
#[derive(Debug)]
pub struct Jobs {
    map: Mutex<HashMap<String, Job>>,
    readers: Arc<tokio::sync::Semaphore>,
}

impl Default for Jobs {
    fn default() -> Self {
        Jobs { map: Mutex::default(), readers: Arc::new(tokio::sync::Semaphore::new(READERS)) }
    }
}

#[derive(Debug, Clone)]
struct Job {
    owner: String,
    file: String,
    started: Instant,
    state: JobState,
}

#[derive(Debug, Clone)]
enum JobState {
    Waiting,
    Reading,
    Ready(Arc<Read>),
    Failed(String),
    Storing(Arc<Read>),
    Stored(Arc<Read>, StoredInfo),
}

/// A file read and extracted, not stored yet.
#[derive(Debug)]
struct Read {
    import: Import,
    lines: Vec<TextLine>,
    ocr_pages: usize,
    seconds: f64,
}

impl Jobs {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Job>> {
        self.map.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn insert(&self, owner: &str, file: &str) -> String {
        let id = auth::random_token(8);
        let mut map = self.lock();
        map.retain(|_, j| j.started.elapsed() < JOB_TTL);
        map.insert(
            id.clone(),
            Job { owner: owner.into(), file: file.into(), started: Instant::now(), state: JobState::Waiting },
        );
        id
    }

    fn set(&self, id: &str, state: JobState) {
        if let Some(j) = self.lock().get_mut(id) {
            j.state = state;
        }
    }

    /// The job `id` of `owner` (another user's job is as good as absent).
    fn get(&self, id: &str, owner: &str) -> Result<Job, AppError> {
        self.lock().get(id).filter(|j| j.owner == owner && j.started.elapsed() < JOB_TTL).cloned().ok_or_else(|| {
            AppError::NotFound("Không tìm thấy lượt tải lên này (đã quá 2 giờ hoặc của người khác).".into())
        })
    }
}

/// A multipart upload: the file in the field `file`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // documents the request body only
pub struct UploadForm {
    /// The document: txt (any Vietnamese encoding), DOCX, PDF, PNG, JPEG or TIFF.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// An upload: reading, ready for review, failed, or stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct UploadStatus {
    /// The job's id.
    pub id: String,
    /// The file's name.
    pub file: String,
    /// waiting, reading, ready, failed, storing, stored.
    pub state: String,
    /// Seconds since the upload.
    pub seconds: u64,
    /// Why it failed (Vietnamese).
    pub error: Option<String>,
    /// What was read, for review (ready and stored).
    pub preview: Option<Preview>,
    /// Whether this user may store it ("Ghi vào sổ").
    pub can_store: bool,
    /// Why not, when not.
    pub cannot_store: Option<String>,
    /// What storing did.
    pub stored: Option<StoredInfo>,
}

/// What a file holds, as `add` would store it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Preview {
    /// Issuing organisation.
    pub org: Option<String>,
    /// Its parent.
    pub parent_org: Option<String>,
    /// Document kind (snake_case).
    pub doc_type: String,
    /// Number ("125-BC/ĐU").
    pub number: Option<String>,
    /// Date of issue (dd/mm/yyyy).
    pub date: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// How it was read: text, docx, pdf, scanned_pdf, image.
    pub format: String,
    /// Pages read by OCR.
    pub ocr_pages: usize,
    /// Whether damaged OCR text was restored.
    pub restored: bool,
    /// Seconds the reading took.
    pub seconds: f64,
    /// Lines of text.
    pub lines: usize,
    /// Targets and results.
    pub targets: Vec<PreviewItem>,
    /// Tasks.
    pub tasks: Vec<PreviewItem>,
    /// Cited documents.
    pub citations: Vec<PreviewItem>,
    /// Organisation facts (counted).
    pub facts: usize,
}

/// One extracted item with its source lines.
#[derive(Debug, Serialize, ToSchema)]
pub struct PreviewItem {
    /// target, result, task, citation (a reading is a result here).
    pub kind: String,
    /// The kind in Vietnamese (chỉ tiêu, kết quả, số liệu thực hiện, nhiệm vụ, văn bản dẫn).
    pub kind_label: String,
    /// What it says: the target's name, the task, the cited number.
    pub name: String,
    /// The figure, who leads, or the citation's kind and date.
    pub detail: Option<String>,
    /// Deadline as written or shown.
    pub deadline: Option<String>,
    /// First line.
    pub start: u32,
    /// Last line.
    pub end: u32,
    /// The lines, verbatim.
    pub text: String,
}

/// What "Ghi vào sổ" did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StoredInfo {
    /// The document's name in the ledger.
    pub document: String,
    /// added, new_version, unchanged, source.
    pub outcome: String,
    /// In Vietnamese.
    pub message: String,
    /// Links proposed to other documents.
    pub links: usize,
}

/// Read the multipart body's `file` field, refusing more than `limit` bytes.
async fn receive(mut mp: Multipart, limit: u64) -> Result<(String, Vec<u8>), AppError> {
    let too_large = || {
        AppError::TooLarge(format!(
            "Tệp lớn hơn giới hạn {} của máy chủ. Hãy tách tệp thành nhiều phần, hoặc nhờ quản trị viên thêm bằng lệnh `theodoi add`.",
            size(limit)
        ))
    };
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            AppError::BadInput(format!("Không nhận được tệp: {}", e.body_text()))
        }
    };
    while let Some(mut field) = mp.next_field().await.map_err(bad)? {
        if field.name() != Some("file") {
            continue;
        }
        let name = clean_name(field.file_name().unwrap_or(""));
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(bad)? {
            if (bytes.len() + chunk.len()) as u64 > limit {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        if name.is_empty() && bytes.is_empty() {
            break;
        }
        return Ok((if name.is_empty() { "tai-len.txt".into() } else { name }, bytes));
    }
    Err(AppError::BadInput(
        "Chưa chọn tệp: hãy chọn một văn bản (txt, DOCX, PDF hoặc ảnh quét) rồi bấm \"Tải lên\".".into(),
    ))
}

/// "64 MiB", "200 KiB".
fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", fmt::num((bytes as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0))
    } else {
        format!("{} KiB", fmt::num((bytes as f64 / 1024.0).round()))
    }
}

/// The file's own name, without any folder a browser sent, NFC, at most 120 characters.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let base: String = theodoi_text::nfc(base.trim()).chars().filter(|c| !c.is_control()).take(120).collect();
    base.trim_start_matches('.').trim().to_string()
}

/// Start reading `bytes` in the background; returns the job's id.
fn start(state: &Shared, owner: &str, file: String, bytes: Vec<u8>) -> String {
    let id = state.uploads.insert(owner, &file);
    let (state, job, owner) = (state.clone(), id.clone(), owner.to_string());
    let max_bytes = state.options.max_upload();
    tokio::spawn(async move {
        let permit = state.uploads.readers.clone().acquire_owned().await;
        state.uploads.set(&job, JobState::Reading);
        let started = Instant::now();
        let result = tokio::task::spawn_blocking(move || {
            let opts = theodoi_ingest::Options { max_bytes, progress: false, restore: true };
            let doc = theodoi_ingest::read_bytes_with(&file, &bytes, &opts).map_err(|e| ingest_message(&e))?;
            let extraction = theodoi_extract::extract(&doc);
            let lines = theodoi_store::text_lines(&doc);
            let ocr_pages = doc.source.pages.iter().filter(|p| p.ocr_confidence.is_some()).count();
            Ok::<_, String>((Import::from_document(&doc, extraction, &owner), lines, ocr_pages))
        })
        .await;
        drop(permit);
        let seconds = started.elapsed().as_secs_f64();
        let next = match result {
            Ok(Ok((import, lines, ocr_pages))) => JobState::Ready(Arc::new(Read { import, lines, ocr_pages, seconds })),
            Ok(Err(msg)) => JobState::Failed(msg),
            Err(e) => JobState::Failed(format!("Lỗi máy chủ khi đọc tệp: {e}")),
        };
        state.uploads.set(&job, next);
    });
    id
}

/// A reading error as the user can act on it, in Vietnamese (the CLI's messages, for a browser).
pub fn ingest_message(e: &theodoi_ingest::Error) -> String {
    use theodoi_ingest::Error as E;
    let mib = |b: u64| fmt::num((b as f64 / (1024.0 * 1024.0) * 10.0).ceil() / 10.0);
    match e {
        E::TooLarge { file, size, limit } => format!(
            "{file}: tệp {} MiB lớn hơn giới hạn {} MiB (hãy tách tệp thành nhiều phần)",
            mib(*size),
            mib(*limit)
        ),
        E::Empty { file } => format!("{file}: tệp rỗng (cần một văn bản: txt, DOCX, PDF hoặc ảnh)"),
        E::Unrecognised { file, detail } => format!(
            "{file}: không phải văn bản đọc được ({detail}); cần văn bản txt (UTF-8, UTF-16, Windows-1258, TCVN3, VNI), DOCX, PDF, PNG, JPEG hoặc TIFF"
        ),
        E::NotVietnamese { file, share_percent } => format!(
            "{file}: không phải văn bản tiếng Việt (chỉ {share_percent}% số từ đọc được là âm tiết tiếng Việt, kể cả khi bỏ dấu); cần một văn bản tiếng Việt: txt, DOCX, PDF hoặc ảnh quét"
        ),
        E::Encoding { file, line, detail } => format!("{file}, dòng {line}: bảng mã không đọc được ({detail})"),
        E::Docx { file, detail } => format!("{file}: tệp DOCX hỏng ({detail}); hãy mở bằng Word/LibreOffice và lưu lại"),
        E::Pdf { file, detail } => {
            format!("{file}: tệp PDF hỏng hoặc bị khóa ({detail}); hãy xuất lại PDF không đặt mật khẩu")
        }
        E::Ocr { file, page, detail } => {
            let page = page.map(|p| format!(", trang {p}")).unwrap_or_default();
            format!("{file}{page}: không nhận dạng được chữ ({detail}); hãy quét lại rõ hơn (300 dpi)")
        }
        E::Tool { file, tool, detail } => {
            format!("{file}: máy chủ thiếu chương trình `{tool}` ({detail}); quản trị viên cần chạy scripts/setup.sh")
        }
        other => other.to_string(),
    }
}

fn span_of(ev: &[Evidence]) -> (u32, u32, String) {
    match ev.first() {
        Some(e) => (e.span.start, e.span.end, e.text.clone()),
        None => (0, 0, String::new()),
    }
}

fn preview(r: &Read) -> Preview {
    let i = &r.import;
    let x = &i.extraction;
    let targets = x
        .targets
        .iter()
        .map(|t| {
            let (start, end, text) = span_of(&t.evidence);
            // a reading (no plan) shows as a result does
            let result = t.kind != TargetKind::Target;
            let detail = if result { t.achieved_text.clone().or(t.target_text.clone()) } else { t.target_text.clone() };
            PreviewItem {
                kind: if result { "result" } else { "target" }.into(),
                kind_label: crate::model::kind_label(t.kind).into(),
                name: t.name.clone(),
                detail,
                deadline: t.deadline.as_deref().map(fmt::date),
                start,
                end,
                text,
            }
        })
        .collect();
    let tasks = x
        .tasks
        .iter()
        .map(|k| {
            let (start, end, text) = span_of(&k.evidence);
            PreviewItem {
                kind: "task".into(),
                kind_label: "nhiệm vụ".into(),
                name: k.what.clone(),
                detail: k.lead.clone(),
                deadline: k.deadline_text.clone().or_else(|| k.deadline.as_deref().map(fmt::date)),
                start,
                end,
                text,
            }
        })
        .collect();
    let citations = x
        .citations
        .iter()
        .map(|c| {
            let (start, end, text) = span_of(&c.evidence);
            let detail = [c.kind.clone(), c.issuer.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
            PreviewItem {
                kind: "citation".into(),
                kind_label: "văn bản dẫn".into(),
                name: c.number.clone(),
                detail: (!detail.is_empty()).then_some(detail),
                deadline: c.date.as_deref().map(fmt::date),
                start,
                end,
                text,
            }
        })
        .collect();
    Preview {
        org: x.org.clone(),
        parent_org: x.parent_org.clone(),
        doc_type: serde_json::to_value(x.doc_type)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        number: i.number.clone(),
        date: i.date.as_deref().map(fmt::date),
        title: i.title.clone(),
        format: i.format.clone(),
        ocr_pages: r.ocr_pages,
        restored: i.restored,
        seconds: (r.seconds * 10.0).round() / 10.0,
        lines: r.lines.len(),
        targets,
        tasks,
        citations,
        facts: x.facts.len(),
    }
}

fn status(id: &str, job: &Job, scope: &Scope) -> UploadStatus {
    let (state, error, read, stored) = match &job.state {
        JobState::Waiting => ("waiting", None, None, None),
        JobState::Reading => ("reading", None, None, None),
        JobState::Ready(r) => ("ready", None, Some(r), None),
        JobState::Failed(m) => ("failed", Some(m.clone()), None, None),
        JobState::Storing(r) => ("storing", None, Some(r), None),
        JobState::Stored(r, s) => ("stored", None, Some(r), Some(s.clone())),
    };
    let verdict = read.map(|r| scope.add(r.import.extraction.org.as_deref()));
    let cannot_store = match &verdict {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    UploadStatus {
        id: id.into(),
        file: job.file.clone(),
        state: state.into(),
        seconds: job.started.elapsed().as_secs(),
        error,
        preview: read.map(|r| preview(r)),
        can_store: state == "ready" && matches!(verdict, Some(Ok(()))),
        cannot_store,
        stored,
    }
}

/// Store a ready job as `theodoi add` would, audited as the user.
async fn store_job(state: &Shared, scope: &Scope, id: &str) -> Result<StoredInfo, AppError> {
    let user = &scope.user().name;
    let read = {
        let mut map = state.uploads.lock();
        let job = map
            .get_mut(id)
            .filter(|j| &j.owner == user)
            .ok_or_else(|| AppError::NotFound("Không tìm thấy lượt tải lên này.".into()))?;
        let read = match &job.state {
            JobState::Ready(r) => r.clone(),
            JobState::Stored(_, s) => {
                return Err(AppError::Stale(format!("Văn bản này đã được ghi vào sổ ({}).", s.document)))
            }
            JobState::Storing(_) => return Err(AppError::Stale("Văn bản này đang được ghi vào sổ.".into())),
            _ => return Err(AppError::BadInput("Tệp chưa đọc xong hoặc không đọc được.".into())),
        };
        // The one place that decides who may add a document of this organisation.
        scope.add(read.import.extraction.org.as_deref())?;
        job.state = JobState::Storing(read.clone());
        read
    };
    let mut import = read.import.clone();
    import.actor = user.clone();
    let result = async {
        let outcome = state.store.add_with_text(&import, &read.lines).await?;
        let touched: Vec<String> = match &outcome {
            AddOutcome::Added { document, .. } | AddOutcome::NewVersion { document, .. } => vec![document.clone()],
            _ => Vec::new(),
        };
        let links = state.store.after_add(&touched, user, &state.today().format("%Y-%m-%d").to_string()).await?;
        Ok::<_, AppError>(stored_info(&import.file, &outcome, links))
    }
    .await;
    match result {
        Ok(info) => {
            state.uploads.set(id, JobState::Stored(read, info.clone()));
            Ok(info)
        }
        Err(e) => {
            state.uploads.set(id, JobState::Ready(read));
            Err(e)
        }
    }
}

fn stored_info(file: &str, outcome: &AddOutcome, links: usize) -> StoredInfo {
    let (kind, message) = match outcome {
        AddOutcome::Added { document, .. } if document == file => ("added", format!("Đã ghi {document} vào sổ.")),
        AddOutcome::Added { document, .. } => {
            ("added", format!("Đã ghi vào sổ với tên {document} (văn bản của tổ chức khác đã mang tên {file})."))
        }
        AddOutcome::NewVersion { document, version, changes } => {
            ("new_version", format!("Đã ghi thành phiên bản {version} của {document} ({} thay đổi).", changes.len()))
        }
        AddOutcome::Unchanged { document, version } => {
            ("unchanged", format!("Sổ đã có đúng tệp này: {document}, phiên bản {version}; không ghi thêm."))
        }
        AddOutcome::Source { document, version, .. } => (
            "source",
            format!("Cùng văn bản với {document} (phiên bản {version}) từ một nguồn khác: các mục không ghi lần nữa."),
        ),
    };
    StoredInfo { document: outcome.document().to_string(), outcome: kind.into(), message, links }
}

// ---- pages ----

async fn form_page(State(state): State<Shared>, Auth(s): Auth) -> Result<Response, PageError> {
    let scope = Scope::of(&state, &s.user).await?;
    Ok(form_with(&state, &s, &scope, StatusCode::OK, None)?.into_response())
}

fn form_with(
    state: &Shared,
    s: &auth::Session,
    scope: &Scope,
    code: StatusCode,
    error: Option<String>,
) -> Result<(StatusCode, Html<String>), PageError> {
    let limit = size(state.options.max_upload());
    let html = crate::pages::render(
        state,
        "upload.html",
        Some(s),
        context! { error => error, limit => limit, can_upload => scope.can_upload(), page => "upload" },
    )?;
    Ok((code, html))
}

async fn upload_page(State(state): State<Shared>, Auth(s): Auth, mp: Multipart) -> Result<Response, PageError> {
    let scope = Scope::of(&state, &s.user).await?;
    let received = match scope.upload() {
        Ok(()) => receive(mp, state.options.max_upload()).await,
        Err(e) => Err(e),
    };
    match received {
        Ok((file, bytes)) => {
            let id = start(&state, &s.user.name, file, bytes);
            Ok(Redirect::to(&format!("/tai-len/{id}")).into_response())
        }
        Err(e) => Ok(form_with(&state, &s, &scope, e.status(), Some(e.to_string()))?.into_response()),
    }
}

async fn job_page(State(state): State<Shared>, Auth(s): Auth, Path(id): Path<String>) -> Result<Response, PageError> {
    let job = state.uploads.get(&id, &s.user.name)?;
    let scope = Scope::of(&state, &s.user).await?;
    let st = status(&id, &job, &scope);
    job_html(&state, &s, &st, StatusCode::OK, None)
}

fn job_html(
    state: &Shared,
    s: &auth::Session,
    st: &UploadStatus,
    code: StatusCode,
    error: Option<String>,
) -> Result<Response, PageError> {
    let busy = matches!(st.state.as_str(), "waiting" | "reading" | "storing");
    let html = crate::pages::render(
        state,
        "upload_job.html",
        Some(s),
        context! { j => st, busy => busy, error => error, page => "upload" },
    )?;
    Ok((code, html).into_response())
}

async fn store_page(State(state): State<Shared>, Auth(s): Auth, Path(id): Path<String>) -> Result<Response, PageError> {
    let scope = Scope::of(&state, &s.user).await?;
    match store_job(&state, &scope, &id).await {
        Ok(_) => Ok(Redirect::to(&format!("/tai-len/{id}")).into_response()),
        Err(e @ AppError::NotFound(_)) => Err(e.into()),
        Err(e) => {
            let job = state.uploads.get(&id, &s.user.name)?;
            let scope = Scope::of(&state, &s.user).await?;
            job_html(&state, &s, &status(&id, &job, &scope), e.status(), Some(e.to_string()))
        }
    }
}

// ---- API ----

/// Upload a document to read (not stored yet): 202 with the job, whose status `GET
/// /api/uploads/{id}` reports until it is `ready` (or `failed`).
#[utoipa::path(post, path = "/api/uploads",
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 202, body = UploadStatus), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn upload_api(State(state): State<Shared>, Auth(s): Auth, mp: Multipart) -> Result<Response, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    scope.upload()?;
    let (file, bytes) = receive(mp, state.options.max_upload()).await?;
    let id = start(&state, &s.user.name, file, bytes);
    let job = state.uploads.get(&id, &s.user.name)?;
    Ok((StatusCode::ACCEPTED, Json(status(&id, &job, &scope))).into_response())
}

/// An upload's state; when `ready`, the items read for review.
#[utoipa::path(get, path = "/api/uploads/{id}", params(("id" = String, Path, description = "The upload's id")),
    responses((status = 200, body = UploadStatus), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn status_api(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(id): Path<String>,
) -> Result<Json<UploadStatus>, ApiError> {
    let job = state.uploads.get(&id, &s.user.name)?;
    let scope = Scope::of(&state, &s.user).await?;
    Ok(Json(status(&id, &job, &scope)))
}

/// Store a ready upload in the ledger as `theodoi add` does ("Ghi vào sổ"); editors of the
/// document's organisation and admins only.
#[utoipa::path(post, path = "/api/uploads/{id}/store", params(("id" = String, Path, description = "The upload's id")),
    responses((status = 200, body = UploadStatus), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn store_api(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(id): Path<String>,
) -> Result<Json<UploadStatus>, ApiError> {
    let scope = Scope::of(&state, &s.user).await?;
    store_job(&state, &scope, &id).await?;
    let job = state.uploads.get(&id, &s.user.name)?;
    Ok(Json(status(&id, &job, &scope)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_folders() {
        assert_eq!(clean_name("C:\\Users\\a\\Báo cáo.docx"), "Báo cáo.docx");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("..hidden"), "hidden");
        assert_eq!(clean_name(""), "");
    }
}
