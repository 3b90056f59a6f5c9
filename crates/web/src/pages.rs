//! The pages: server-rendered, Vietnamese, usable without JavaScript.

use std::collections::BTreeMap;

use axum::extract::{Form, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use minijinja::{context, Environment, Value};
use serde::{Deserialize, Serialize};
use theodoi_core::ItemKind;

use crate::api::{self, ProgressInput};
use crate::auth::{self, Auth, Scope};
use crate::error::{AppError, PageError};
use crate::{fmt, Shared};

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("login.html", include_str!("../templates/login.html")),
    ("overview.html", include_str!("../templates/overview.html")),
    ("targets.html", include_str!("../templates/targets.html")),
    ("target.html", include_str!("../templates/target.html")),
    ("tasks.html", include_str!("../templates/tasks.html")),
    ("task.html", include_str!("../templates/task.html")),
    ("documents.html", include_str!("../templates/documents.html")),
    ("document.html", include_str!("../templates/document.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("city.html", include_str!("../templates/city.html")),
    ("findings.html", include_str!("../templates/findings.html")),
    ("links.html", include_str!("../templates/links.html")),
];

const STYLE: &str = include_str!("../static/style.css");

/// The templates, auto-escaping HTML, with the Vietnamese number filter `num` and `url`.
pub fn templates() -> Environment<'static> {
    let mut env = Environment::new();
    for (name, src) in TEMPLATES {
        if let Err(e) = env.add_template(name, src) {
            // The templates are part of the binary: a broken one is a build mistake, caught by the tests.
            tracing::error!("template {name}: {e}");
        }
    }
    env.add_filter("num", |v: f64| fmt::num(v));
    env.add_filter("url", |s: String| url_encode(&s));
    env
}

/// The page routes.
pub fn router() -> Router<Shared> {
    Router::new()
        .route("/", get(overview))
        .route("/dang-nhap", get(login_form).post(login))
        .route("/dang-xuat", post(logout))
        .route("/chi-tieu", get(targets))
        .route("/chi-tieu/{code}", get(target))
        .route("/chi-tieu/{code}/tien-do", post(record_target))
        .route("/nhiem-vu", get(tasks))
        .route("/nhiem-vu/{code}", get(task))
        .route("/nhiem-vu/{code}/hoan-thanh", post(record_task))
        .route("/van-ban", get(documents))
        .route("/van-ban/{doc}", get(document))
        .route("/tim-kiem", get(search))
        .route("/thanh-pho", get(city))
        .route("/phat-hien", get(findings))
        .route("/phat-hien/{code}", post(review_finding))
        .route("/lien-ket", get(links))
        .route("/lien-ket/{id}", post(decide_link))
        .route("/tai-ve/{format}", get(export))
        .route("/static/style.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE) }))
}

/// Percent-encode everything but unreserved characters (for paths and query values).
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// HTML-escape text written outside templates.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

pub(crate) fn render(
    state: &Shared,
    name: &str,
    session: Option<&auth::Session>,
    ctx: Value,
) -> Result<Html<String>, PageError> {
    let tmpl = state.templates.get_template(name).map_err(|e| AppError::Internal(e.to_string()))?;
    let me = session.map(|s| {
        context! { name => s.user.name.clone(), role => s.user.role.as_str(), role_label => role_label(s.user.role),
        org => s.user.org.clone(), csrf => s.csrf.clone() }
    });
    let html = tmpl.render(context! { me => me, ..ctx }).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Html(html))
}

fn role_label(r: theodoi_store::Role) -> &'static str {
    match r {
        theodoi_store::Role::Admin => "quản trị",
        theodoi_store::Role::City => "giám sát thành phố",
        theodoi_store::Role::Editor => "biên tập",
        theodoi_store::Role::Viewer => "xem",
    }
}

#[derive(Deserialize)]
struct LoginQuery {
    tiep: Option<String>,
}

async fn login_form(State(state): State<Shared>, Query(q): Query<LoginQuery>) -> Result<Html<String>, PageError> {
    render(&state, "login.html", None, context! { next => safe_next(q.tiep.as_deref()), error => None::<String> })
}

/// Only a local path is a place to go after login (no open redirect to another site).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".into(),
    }
}

#[derive(Deserialize)]
struct LoginForm {
    name: String,
    password: String,
    next: Option<String>,
}

async fn login(State(state): State<Shared>, Form(f): Form<LoginForm>) -> Response {
    let next = safe_next(f.next.as_deref());
    match auth::login(&state, &f.name, &f.password).await {
        Ok(s) => (
            [(header::SET_COOKIE, auth::session_cookie(&s.token, !state.options.insecure_cookies))],
            Redirect::to(&next),
        )
            .into_response(),
        Err(e) => {
            let status = e.status();
            match render(&state, "login.html", None, context! { next => next, error => e.to_string(), name => f.name })
            {
                Ok(html) => (status, html).into_response(),
                Err(e) => e.into_response(),
            }
        }
    }
}

async fn logout(State(state): State<Shared>, Auth(s): Auth) -> Response {
    auth::end(&state, &s.token).await;
    ([(header::SET_COOKIE, auth::clear_cookie(!state.options.insecure_cookies))], Redirect::to("/dang-nhap"))
        .into_response()
}

#[derive(Deserialize)]
struct OverviewQuery {
    ngay: Option<i64>,
    /// One ward or commune only (its official code, or its name as a key): the city view links here.
    #[serde(rename = "don-vi")]
    unit: Option<String>,
}

async fn overview(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(q): Query<OverviewQuery>,
) -> Result<Html<String>, PageError> {
    let scope = Scope::of(&state, &s.user).await?;
    let days = q.ngay.unwrap_or(30).clamp(1, 3650);
    let data = crate::model::overview(&state, &scope, days, q.unit.as_deref()).await?;
    let (ov, findings, orgs) = (&data.ov, &data.findings, &data.orgs);
    render(
        &state,
        "overview.html",
        Some(&s),
        context! { ov => ov, findings => findings, orgs => orgs, unit => q.unit, period => half_year(state.today()),
        page => "overview" },
    )
}

#[derive(Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    #[serde(rename = "trang-thai")]
    status: Option<String>,
    #[serde(rename = "van-ban")]
    doc: Option<String>,
    loai: Option<String>,
}

impl ListQuery {
    fn keep(&self, doc: &str, text: &str, status: &str, kind: &str) -> bool {
        let q = self.q.as_deref().map(theodoi_text::fold).unwrap_or_default();
        (q.is_empty() || theodoi_text::fold(text).contains(&q))
            && self.status.as_deref().is_none_or(|s| s.is_empty() || s == status)
            && self.doc.as_deref().is_none_or(|d| d.is_empty() || d == doc)
            && self.loai.as_deref().is_none_or(|k| k.is_empty() || k == kind)
    }

    fn ctx(&self) -> Value {
        context! { q => self.q, status => self.status, doc => self.doc, loai => self.loai }
    }
}

async fn targets(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, PageError> {
    let scope = Scope::of(&state, &s.user).await?;
    let all = crate::model::target_rows(&state, &scope).await?;
    let rows: Vec<_> = all.iter().filter(|t| q.keep(&t.doc, &t.name, &t.status, &t.kind)).collect();
    let docs = readable_docs(&state, &scope).await?;
    render(&state, "targets.html", Some(&s), context! { rows => rows, docs => docs, f => q.ctx(), page => "targets" })
}

async fn tasks(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, PageError> {
    let scope = Scope::of(&state, &s.user).await?;
    let all = crate::model::task_rows(&state, &scope).await?;
    let rows: Vec<_> = all.iter().filter(|k| q.keep(&k.doc, &k.what, &k.status, "task")).collect();
    let docs = readable_docs(&state, &scope).await?;
    render(&state, "tasks.html", Some(&s), context! { rows => rows, docs => docs, f => q.ctx(), page => "tasks" })
}

/// The names of the documents the user may read (a list's filter).
async fn readable_docs(state: &Shared, scope: &Scope) -> Result<Vec<String>, AppError> {
    Ok(crate::model::doc_rows(state, scope).await?.iter().map(|d| d.doc.clone()).collect())
}

#[derive(Deserialize, Default)]
struct Flash {
    ok: Option<String>,
}

async fn target(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(code): Path<String>,
    Query(flash): Query<Flash>,
) -> Result<Html<String>, PageError> {
    item_page(&state, &s, &code, ItemKind::Target, flash.ok, None, None).await
}

async fn task(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(code): Path<String>,
    Query(flash): Query<Flash>,
) -> Result<Html<String>, PageError> {
    item_page(&state, &s, &code, ItemKind::Task, flash.ok, None, None).await
}

/// A target's or task's page; `error` and `form` re-show a refused form with its message.
async fn item_page(
    state: &Shared,
    s: &auth::Session,
    code: &str,
    kind: ItemKind,
    ok: Option<String>,
    error: Option<String>,
    form: Option<&ProgressForm>,
) -> Result<Html<String>, PageError> {
    let scope = Scope::of(state, &s.user).await?;
    let detail = api::item_detail(state, &scope, code, kind).await?;
    let can_write = scope.can_write(&detail.doc);
    let template = if kind == ItemKind::Target { "target.html" } else { "task.html" };
    let chart = detail.target.as_ref().map(|t| chart(&detail.history, t.goal)).unwrap_or_default();
    let page = if kind == ItemKind::Target { "targets" } else { "tasks" };
    let empty = ProgressForm::default();
    let form = form.unwrap_or(&empty);
    render(
        state,
        template,
        Some(s),
        context! { d => detail, can_write => can_write, ok => ok, error => error, form => form, chart => chart,
        today => state.today().format("%d/%m/%Y").to_string(), page => page },
    )
}

/// The progress form of a target's page, or the "done" form of a task's.
#[derive(Debug, Deserialize, Serialize, Default)]
pub struct ProgressForm {
    value: Option<String>,
    date: Option<String>,
    note: Option<String>,
    replace: Option<String>,
    seen: Option<usize>,
}

async fn record_target(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(code): Path<String>,
    Form(f): Form<ProgressForm>,
) -> Response {
    record_page(&state, &s, &code, ItemKind::Target, f).await
}

async fn record_task(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(code): Path<String>,
    Form(f): Form<ProgressForm>,
) -> Response {
    record_page(&state, &s, &code, ItemKind::Task, f).await
}

async fn record_page(state: &Shared, s: &auth::Session, code: &str, kind: ItemKind, f: ProgressForm) -> Response {
    let input = ProgressInput {
        value: if kind == ItemKind::Target { f.value.clone().filter(|v| !v.trim().is_empty()) } else { None },
        done: kind == ItemKind::Task,
        date: f.date.clone().unwrap_or_default(),
        note: f.note.clone().filter(|n| !n.trim().is_empty()),
        replace: f.replace.is_some(),
        seen: f.seen,
    };
    let base = if kind == ItemKind::Target { "/chi-tieu" } else { "/nhiem-vu" };
    match api::record(state, &s.user, code, kind, &input).await {
        Ok(_) => Redirect::to(&format!("{base}/{}?ok=1", url_encode(code))).into_response(),
        Err(e @ (AppError::BadInput(_) | AppError::Stale(_))) => {
            let status = e.status();
            match item_page(state, s, code, kind, None, Some(e.to_string()), Some(&f)).await {
                Ok(html) => (status, html).into_response(),
                Err(e) => e.into_response(),
            }
        }
        Err(e) => PageError(e).into_response(),
    }
}

/// An SVG line of the recorded values over time, with the goal as a dashed line (no JavaScript).
fn chart(history: &[api::HistoryRow], goal: Option<f64>) -> String {
    let pts: Vec<(chrono::NaiveDate, f64)> =
        history.iter().filter(|h| !h.superseded).filter_map(|h| Some((fmt::parse_date(&h.date)?, h.value?))).collect();
    if pts.is_empty() {
        return String::new();
    }
    let (w, h, pad) = (560.0, 180.0, 36.0);
    let t0 = pts.iter().map(|p| p.0).min().unwrap_or(pts[0].0);
    let t1 = pts.iter().map(|p| p.0).max().unwrap_or(pts[0].0);
    let span = ((t1 - t0).num_days() as f64).max(1.0);
    let vmax = pts.iter().map(|p| p.1).chain(goal).fold(f64::MIN, f64::max).max(1.0) * 1.1;
    let vmin = pts.iter().map(|p| p.1).fold(0.0_f64, f64::min);
    let x = |d: chrono::NaiveDate| pad + ((d - t0).num_days() as f64 / span) * (w - 2.0 * pad);
    let y = |v: f64| h - pad / 2.0 - (v - vmin) / (vmax - vmin) * (h - pad);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Biểu đồ giá trị đã ghi theo thời gian\">"
    );
    if let Some(g) = goal {
        svg += &format!(
            "<line x1=\"{pad}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"goal\"/><text x=\"{}\" y=\"{:.1}\" class=\"lbl\" text-anchor=\"middle\">mục tiêu {}</text>",
            w - pad,
            w / 2.0,
            y(g) - 4.0,
            escape(&fmt::num(g)),
            y = y(g)
        );
    }
    let line: Vec<String> = pts.iter().map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v))).collect();
    svg += &format!("<polyline points=\"{}\" class=\"series\"/>", line.join(" "));
    for (n, (d, v)) in pts.iter().enumerate() {
        // Labels stay inside the picture: the first date starts at its point, the last ends at it.
        let anchor = match n {
            0 if pts.len() > 1 => "start",
            _ if n + 1 == pts.len() && pts.len() > 1 => "end",
            _ => "middle",
        };
        svg += &format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\"><title>{}: {}</title></circle>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"lbl\" text-anchor=\"middle\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"lbl\" text-anchor=\"{anchor}\">{}</text>",
            x(*d),
            y(*v),
            d.format("%d/%m/%Y"),
            escape(&fmt::num(*v)),
            x(*d),
            (y(*v) - 8.0).max(10.0),
            escape(&fmt::num(*v)),
            x(*d),
            h - 2.0,
            d.format("%d/%m/%Y")
        );
    }
    svg + "</svg>"
}

async fn documents(State(state): State<Shared>, Auth(s): Auth) -> Result<Html<String>, PageError> {
    let scope = Scope::of(&state, &s.user).await?;
    let rows = crate::model::doc_rows(&state, &scope).await?;
    render(&state, "documents.html", Some(&s), context! { rows => rows.as_slice(), page => "documents" })
}

#[derive(Deserialize)]
struct DocQuery {
    muc: Option<String>,
}

async fn document(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(doc): Path<String>,
    Query(q): Query<DocQuery>,
) -> Result<Html<String>, PageError> {
    let scope = Scope::of(&state, &s.user).await?;
    let view = api::document_view(&state, &scope, &doc).await?;
    let selected: Option<&api::ViewItem> = q.muc.as_deref().and_then(|m| view.items.iter().find(|i| i.code == m));
    let sel_lines = selected.map(|i| (i.start, i.end));
    // line number → the items read there, for the highlights.
    let mut at: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (n, i) in view.items.iter().enumerate() {
        for l in i.start..=i.end.min(i.start.saturating_add(200)) {
            at.entry(l).or_default().push(n);
        }
    }
    let lines: Vec<Value> = view
        .lines
        .iter()
        .map(|l| {
            let items = at.get(&l.no).cloned().unwrap_or_default();
            let first: Vec<usize> = items.iter().copied().filter(|n| view.items[*n].start == l.no).collect();
            context! { no => l.no, text => l.text, original => l.original, doubtful => l.doubtful, items => items, first => first,
            sel => sel_lines.is_some_and(|(a, b)| (a..=b).contains(&l.no)) }
        })
        .collect();
    render(
        &state,
        "document.html",
        Some(&s),
        context! { v => view, lines => lines, selected => selected, page => "documents" },
    )
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
}

async fn search(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(q): Query<SearchQuery>,
) -> Result<Html<String>, PageError> {
    let scope = Scope::of(&state, &s.user).await?;
    let query = q.q.unwrap_or_default();
    let hits = if query.trim().is_empty() { Vec::new() } else { api::search_hits(&state, &scope, &query, 50).await? };
    render(&state, "search.html", Some(&s), context! { q => query, hits => hits, page => "search" })
}

#[derive(Deserialize)]
struct CityQuery {
    tp: Option<String>,
    sort: Option<String>,
    csort: Option<String>,
    #[serde(rename = "chi-so")]
    indicator: Option<String>,
}

async fn city(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(q): Query<CityQuery>,
) -> Result<Html<String>, PageError> {
    let scope = Scope::of(&state, &s.user).await?;
    let p = api::CityParams { city: q.tp.clone(), sort: q.sort, compare_sort: q.csort, indicator: q.indicator };
    let v = api::city_view(&state, &scope, &p).await?;
    // The query each table's header links keep (the other table's order, the city, the indicator).
    let mut keep = Vec::new();
    if let Some(tp) = q.tp.as_deref().filter(|t| !t.is_empty()) {
        keep.push(format!("tp={}", url_encode(tp)));
    }
    let ind = v.selected.as_ref().map(|i| format!("chi-so={}", url_encode(&i.key)));
    let ward_qs = keep.iter().cloned().chain(ind.clone()).chain([format!("csort={}", url_encode(&v.compare_sort))]);
    let cmp_qs = keep.iter().cloned().chain(ind).chain([format!("sort={}", url_encode(&v.sort))]);
    let ind_qs = keep.iter().cloned().chain([format!("sort={}", url_encode(&v.sort))]);
    render(
        &state,
        "city.html",
        Some(&s),
        context! { v => &*v, columns => crate::city::columns(), ward_qs => ward_qs.collect::<Vec<_>>().join("&"),
        cmp_qs => cmp_qs.collect::<Vec<_>>().join("&"), ind_qs => ind_qs.collect::<Vec<_>>().join("&"), page => "city" },
    )
}

#[derive(Deserialize, Default)]
struct ReviewQuery {
    #[serde(rename = "trang-thai")]
    state: Option<String>,
    ok: Option<String>,
}

impl ReviewQuery {
    /// The state asked for (the first of `each` when none) and the states it lists: one of `each`,
    /// or all of them for "all"; anything else lists the first.
    fn states<'a>(&self, each: &[&'a str]) -> (String, Vec<&'a str>) {
        let first = each[0];
        let asked = self.state.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| first.into());
        let states = match each.iter().find(|s| **s == asked) {
            Some(one) => vec![*one],
            None if asked == "all" => each.to_vec(),
            None => vec![first],
        };
        (asked, states)
    }
}

async fn findings(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(q): Query<ReviewQuery>,
) -> Result<Html<String>, PageError> {
    findings_page(&state, &s, q, None).await
}

async fn findings_page(
    state: &Shared,
    s: &auth::Session,
    q: ReviewQuery,
    error: Option<(String, String)>,
) -> Result<Html<String>, PageError> {
    let scope = Scope::of(state, &s.user).await?;
    let (asked, states) = q.states(&["open", "confirmed", "dismissed", "resolved"]);
    let rows = api::finding_rows(state, &scope, &states).await?;
    let (err_code, err) = error.unzip();
    render(
        state,
        "findings.html",
        Some(s),
        context! { rows => rows, state => asked, ok => q.ok, error => err, error_code => err_code, page => "findings" },
    )
}

#[derive(Deserialize)]
struct ReviewForm {
    state: String,
    note: Option<String>,
    seen: Option<String>,
}

async fn review_finding(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(code): Path<String>,
    Form(f): Form<ReviewForm>,
) -> Response {
    let input = api::ReviewInput { state: f.state, note: f.note, seen: f.seen };
    match api::review(&state, &s.user, &code, &input).await {
        Ok(r) => {
            Redirect::to(&format!("/phat-hien?ok={}#{}", url_encode(&r.code), url_encode(&r.code))).into_response()
        }
        Err(e @ (AppError::BadInput(_) | AppError::Stale(_))) => {
            let status = e.status();
            match findings_page(&state, &s, ReviewQuery::default(), Some((code.clone(), e.to_string()))).await {
                Ok(html) => (status, html).into_response(),
                Err(e) => e.into_response(),
            }
        }
        Err(e) => PageError(e).into_response(),
    }
}

async fn links(
    State(state): State<Shared>,
    Auth(s): Auth,
    Query(q): Query<ReviewQuery>,
) -> Result<Html<String>, PageError> {
    links_page(&state, &s, q, None).await
}

async fn links_page(
    state: &Shared,
    s: &auth::Session,
    q: ReviewQuery,
    error: Option<(i64, String)>,
) -> Result<Html<String>, PageError> {
    let scope = Scope::of(state, &s.user).await?;
    let (asked, states) = q.states(&["proposed", "confirmed", "rejected"]);
    let rows = api::link_rows(state, &scope, &states).await?;
    let (err_id, err) = error.unzip();
    render(
        state,
        "links.html",
        Some(s),
        context! { rows => rows, state => asked, ok => q.ok, error => err, error_id => err_id, page => "links" },
    )
}

#[derive(Deserialize)]
struct DecisionForm {
    state: String,
    seen: Option<String>,
}

async fn decide_link(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(id): Path<String>,
    Form(f): Form<DecisionForm>,
) -> Response {
    let Ok(id) = id.trim().parse::<i64>() else {
        return PageError(AppError::NotFound(format!("Không có liên kết {id}."))).into_response();
    };
    let input = api::LinkDecision { state: f.state, seen: f.seen };
    match api::decide(&state, &s.user, id, &input).await {
        Ok(_) => Redirect::to(&format!("/lien-ket?ok={id}#lk{id}")).into_response(),
        Err(e @ (AppError::BadInput(_) | AppError::Stale(_))) => {
            let status = e.status();
            match links_page(&state, &s, ReviewQuery::default(), Some((id, e.to_string()))).await {
                Ok(html) => (status, html).into_response(),
                Err(e) => e.into_response(),
            }
        }
        Err(e) => PageError(e).into_response(),
    }
}

/// The half-year a day falls in, as the report's period is written ("2026-H2").
fn half_year(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}-H{}", d.year(), if d.month() <= 6 { 1 } else { 2 })
}

#[derive(Deserialize)]
struct ExportQuery {
    #[serde(rename = "don-vi")]
    unit: Option<String>,
    ky: Option<String>,
}

async fn export(
    State(state): State<Shared>,
    Auth(s): Auth,
    Path(format): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, PageError> {
    let Some(f) = crate::export::Format::parse(&format) else {
        return Err(AppError::NotFound(format!("Không có định dạng {format}; chọn xlsx, csv, ics hoặc docx.")).into());
    };
    let scope = Scope::of(&state, &s.user).await?;
    let p = crate::export::ExportParams { unit: q.unit, period: q.ky };
    Ok(api::download(crate::export::make(&state, &scope, f, &p).await?))
}

/// 404 for pages.
pub async fn not_found() -> impl IntoResponse {
    (StatusCode::NOT_FOUND, Html("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Không tìm thấy</title><p>Không tìm thấy trang này. <a href=\"/\">Trang chủ</a></p></html>"))
}
