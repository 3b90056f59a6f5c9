//! Errors a request can end in, each with its HTTP status and a Vietnamese message — as JSON
//! `{"error": …}` on the API, as a page elsewhere.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use theodoi_store::StoreError;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Not logged in.
    #[error("Bạn cần đăng nhập.")]
    Unauthenticated,
    /// Wrong name or password.
    #[error("Tên đăng nhập hoặc mật khẩu không đúng.")]
    WrongLogin,
    /// Too many wrong passwords.
    #[error("{0}")]
    Limited(String),
    /// A change without the CSRF token, or from another site.
    #[error(
        "Yêu cầu bị từ chối: thiếu mã xác thực biểu mẫu (CSRF) hoặc gửi từ trang khác. Hãy tải lại trang rồi thử lại."
    )]
    Csrf,
    /// The user may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// No such thing.
    #[error("{0}")]
    NotFound(String),
    /// What the user sent cannot be taken.
    #[error("{0}")]
    BadInput(String),
    /// A file larger than the server takes.
    #[error("{0}")]
    TooLarge(String),
    /// Someone changed the item since the user's page was shown.
    #[error("{0}")]
    Stale(String),
    /// Something broke on the server.
    #[error("Lỗi máy chủ: {0}")]
    Internal(String),
}

impl AppError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated | AppError::WrongLogin => StatusCode::UNAUTHORIZED,
            AppError::Limited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Csrf | AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadInput(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Stale(_) => StatusCode::CONFLICT,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// As JSON (`api`) or as a small page.
    pub fn respond(&self, api: bool) -> Response {
        if let AppError::Internal(e) = self {
            tracing::error!("{e}");
        }
        let msg = self.to_string();
        if api {
            (self.status(), axum::Json(serde_json::json!({"error": msg}))).into_response()
        } else {
            let page = format!(
                "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
                 content=\"width=device-width, initial-scale=1\"><title>Lỗi — theodoi</title>\
                 <link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><main class=\"narrow\">\
                 <h1>Không thực hiện được</h1><p class=\"error\">{}</p><p><a href=\"javascript:history.back()\">Quay lại</a> · \
                 <a href=\"/\">Trang chủ</a></p></main></body></html>",
                crate::pages::escape(&msg)
            );
            (self.status(), Html(page)).into_response()
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(m) => AppError::NotFound(format!("Không tìm thấy: {m}")),
            StoreError::Invalid(m) | StoreError::Ambiguous(m) => AppError::BadInput(m),
            StoreError::AlreadyRecorded { item, date } => AppError::BadInput(format!(
                "{item} đã có tiến độ ngày {}; muốn sửa thì chọn \"Sửa giá trị đã ghi\".",
                crate::fmt::date(&date)
            )),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<std::convert::Infallible> for AppError {
    fn from(e: std::convert::Infallible) -> Self {
        match e {}
    }
}

impl From<theodoi_search::SyncError> for AppError {
    fn from(e: theodoi_search::SyncError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<theodoi_search::SearchError> for AppError {
    fn from(e: theodoi_search::SearchError) -> Self {
        AppError::Internal(e.to_string())
    }
}

/// An error on the JSON API.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.respond(true)
    }
}

/// An error on a page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.respond(false)
    }
}

macro_rules! wrap {
    ($($from:ty),*) => {$(
        impl From<$from> for ApiError {
            fn from(e: $from) -> Self {
                ApiError(e.into())
            }
        }
        impl From<$from> for PageError {
            fn from(e: $from) -> Self {
                PageError(e.into())
            }
        }
    )*};
}
wrap!(AppError, StoreError, theodoi_search::SyncError, theodoi_search::SearchError);
