//! The web app (ứng dụng web): server-rendered Vietnamese pages and a JSON API over the ledger.
//!
//! Thin handlers over the same library calls as the CLI: `theodoi_store` for the ledger,
//! `theodoi_check` for statuses, `theodoi_search` for search. Pages are rendered on the server
//! (minijinja templates embedded in the binary, no JavaScript needed), so the app works without
//! internet. The API is described at `/api/openapi.json` (utoipa), generated from the same route
//! list that serves it.
//!
//! Security: argon2 password hashes; sessions in HttpOnly, SameSite=Strict cookies (Secure unless
//! [`Options::insecure_cookies`]); a change needs the session's CSRF token or a same-origin
//! `Origin`; wrong passwords are rate-limited per name; every route asks [`auth::Scope`] whether
//! the user may read or change the document it touches; every change goes to the audit log.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let store = theodoi_store::Store::open("theodoi.db").await?;
//! let index = theodoi_search::SearchIndex::in_memory()?;
//! let state = theodoi_web::state(store, index, theodoi_web::Options::default());
//! let (addr, server) = theodoi_web::start(state, "127.0.0.1:8080").await?;
//! println!("http://{addr}/");
//! server.await?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod api;
pub mod auth;
pub mod cache;
pub mod city;
mod error;
pub mod export;
pub mod fmt;
pub mod model;
pub mod pages;
pub mod upload;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use chrono::NaiveDate;
use theodoi_search::SearchIndex;
use theodoi_store::{Role, Store};

pub use error::{ApiError, AppError, PageError};

/// How the server runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Send cookies without `Secure` (only for clients that refuse Secure cookies over plain
    /// HTTP on loopback; browsers accept them on localhost).
    pub insecure_cookies: bool,
    /// Compute statuses as of this date instead of today (tests, demos).
    pub today: Option<NaiveDate>,
    /// The largest upload taken, bytes (`None`: ingest's default, 64 MiB).
    pub max_upload: Option<u64>,
}

impl Options {
    /// The largest upload taken, bytes.
    pub fn max_upload(&self) -> u64 {
        self.max_upload.unwrap_or(theodoi_ingest::DEFAULT_MAX_BYTES)
    }
}

/// What every request shares.
pub struct AppState {
    /// The ledger.
    pub store: Store,
    /// The search index, kept in step with the ledger before each search.
    pub index: SearchIndex,
    /// Logged-in sessions.
    pub sessions: auth::Sessions,
    /// Wrong-password counts.
    pub limiter: auth::Limiter,
    /// Uploads being read or waiting for review.
    pub uploads: upload::Jobs,
    /// The ledger read once per change, and views computed from it.
    pub cache: cache::Cache,
    templates: minijinja::Environment<'static>,
    options: Options,
}

impl AppState {
    /// The date statuses are computed at.
    pub fn today(&self) -> NaiveDate {
        self.options.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// The shared state handle.
pub type Shared = Arc<AppState>;

/// The state of a server over `store` and `index`.
pub fn state(store: Store, index: SearchIndex, options: Options) -> Shared {
    Arc::new(AppState {
        store,
        index,
        sessions: auth::Sessions::default(),
        limiter: auth::Limiter::default(),
        uploads: upload::Jobs::default(),
        cache: cache::Cache::default(),
        templates: {
            let mut t = pages::templates();
            upload::add_templates(&mut t);
            t
        },
        options,
    })
}

/// The whole app: pages, the API and its OpenAPI document, behind the session/CSRF guard.
pub fn app(state: Shared) -> Router {
    let (api, doc) = api::router().merge(upload::api_router()).split_for_parts();
    let doc = Arc::new(doc);
    Router::new()
        .merge(pages::router())
        .merge(upload::router())
        .merge(api)
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let doc = doc.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::guard))
        .with_state(state)
}

/// Bind `addr` and serve the app; returns the bound address and the running server.
pub async fn start(
    state: Shared,
    addr: &str,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>)> {
    // Bring the search index in step once before the first request.
    if let Err(e) = theodoi_search::sync(&state.index, &state.store).await {
        tracing::warn!("search index: {e}");
    }
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let app = app(state);
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    Ok((bound, server))
}

/// When nobody can log in yet, create the user `admin` with a random password and return it
/// (to be shown once); otherwise `None`.
pub async fn ensure_admin(store: &Store) -> Result<Option<(String, String)>, AppError> {
    if !store.users().await?.is_empty() {
        return Ok(None);
    }
    let password = auth::random_token(9);
    let hash = auth::hash_password(&password)?;
    let user = store.add_user("admin", Role::Admin, None, &hash, "theodoi serve").await?;
    Ok(Some((user.name, password)))
}
