//! What one page request costs on a city ledger of generated documents (default 1,000;
//! `THEODOI_BENCH_SIZES=100,1000` to choose): the scope check, the snapshot and the page's rows,
//! called as the handlers call them (no HTTP: the load benchmark measures the server), for an
//! admin (every document), a ward editor (one ward's) and the city view. The baseline, in the same
//! run, is `read`: `Store::documents(None)`, reading and parsing every current document once —
//! what the server did once per change of the ledger until it read per organisation
//! (`cache::Part`); the first of the runs reads the parts a scope needs, the median is a request's
//! own work after that (the views the server also keeps per clock and scope are not used here:
//! this is the work they save).
//! Run: `cargo bench -p theodoi-web --bench pages`. Needs the corpus (`../shared/corpus`, or
//! `THEODOI_BENCH_CORPUS`); prints SKIPPED without it.

#[path = "../../store/benches/city/mod.rs"]
mod city;

use std::time::Instant;

use theodoi_store::{Role, Store};
use theodoi_web::auth::Scope;
use theodoi_web::model::Snapshot;

const RUNS: usize = 5;

/// The median of `RUNS` timings of `f`, in milliseconds.
async fn time<F, Fut, T>(mut f: F) -> f64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut ms = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(f().await);
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    ms[RUNS / 2]
}

fn main() {
    let Some(base) = city::base() else {
        println!("SKIPPED pages bench: ../shared is absent (set THEODOI_BENCH_CORPUS to the corpus directory)");
        return;
    };
    let sizes: Vec<usize> = std::env::var("THEODOI_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1000]);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(async move {
        for n in sizes {
            let dir = tempfile::tempdir().expect("tmp");
            let store = Store::open(dir.path().join("bench.db").to_str().expect("utf-8")).await.expect("open");
            city::fill(&store, &base, n).await;
            let parent =
                city::generated(&base, 0).extraction.parent_org.unwrap_or_else(|| "Thành phố Hải Phòng".into());
            let admin = store.add_user("admin", Role::Admin, None, "x", "bench").await.expect("user");
            let ward = store.add_user("ward", Role::Editor, Some(&city::ward(0)), "x", "bench").await.expect("user");
            let cityu = store.add_user("city", Role::City, Some(&parent), "x", "bench").await.expect("user");
            let index = theodoi_search::SearchIndex::in_memory().expect("index");
            let today = chrono::NaiveDate::from_ymd_opt(2026, 7, 15);
            let state = theodoi_web::state(
                store,
                index,
                theodoi_web::Options { insecure_cookies: true, today, max_upload: None },
            );
            let read = time(|| state.store.documents(None)).await;
            let overview = |u: theodoi_store::User| {
                let state = state.clone();
                async move {
                    let scope = Scope::of(&state, &u).await.expect("scope");
                    let snap = Snapshot::load(&state, &scope).await.expect("snapshot");
                    snap.overview(30).documents.len()
                }
            };
            let t_admin = time(|| overview(admin.clone())).await;
            let t_ward = time(|| overview(ward.clone())).await;
            let t_city = time(|| {
                let state = state.clone();
                let u = cityu.clone();
                async move {
                    let scope = Scope::of(&state, &u).await.expect("scope");
                    theodoi_web::api::city_view(&state, &scope, &Default::default())
                        .await
                        .map(|v| v.wards.len())
                        .unwrap_or(0)
                }
            })
            .await;
            println!("{n} documents ({} wards), median of {RUNS}:", city::WARDS);
            println!("  read (baseline)      {read:8.1} ms  1.00×");
            for (name, t) in [("overview, admin", t_admin), ("overview, one ward", t_ward), ("city view", t_city)] {
                println!("  {name:<20} {t:8.1} ms  {:.2}×", t / read);
            }
        }
    });
}
