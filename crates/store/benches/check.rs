//! `check` at city scale: generated ledgers of 100 / 1,000 / 5,000 documents across 114 wards
//! (`THEODOI_BENCH_SIZES=100,1000` to choose), on SQLite (and PostgreSQL when `THEODOI_BENCH_PG`
//! names a server). For each size, in one run, it prints:
//! - `read`: reading the rows a check needs (every current extraction, progress, links) — the floor;
//! - `check`: read + every check + recording the findings (first run, then a re-run);
//! - `add one`: one more document stored, linked and its organisation re-checked, as `theodoi add` does;
//! - `status`: targets and tasks (from their tables), progress, links and the open findings' count,
//!   as `theodoi status` reads them.
//!
//! The documents are the corpus's extractions (000, 001, 003, 004; read once) re-issued for 114
//! invented wards, a ward's later issues of one kind being later years' (own term, shifted figures) —
//! what a city ledger holds, without re-reading text each time.
//! Run: `cargo bench -p theodoi-store --bench check`.

mod city;

use std::time::Instant;

use theodoi_core::{Extraction, LedgerDocument};
use theodoi_store::{Import, Store};

async fn read_floor(store: &Store) -> (Vec<LedgerDocument>, f64) {
    let t = Instant::now();
    let docs = store.documents(None).await.expect("documents");
    let _ = store.progress().await.expect("progress");
    let _ = store.links().await.expect("links");
    (docs, t.elapsed().as_secs_f64())
}

async fn check(store: &Store) -> (usize, f64, f64) {
    let t = Instant::now();
    let docs = store.documents(None).await.expect("documents");
    let links: Vec<_> = store.links().await.expect("links").into_iter().map(|l| l.link).collect();
    let mut progress = store.progress().await.expect("progress");
    progress.extend(theodoi_check::progress_from_links(&docs, &links));
    let t_run = Instant::now();
    let found = theodoi_check::run(&theodoi_check::Input {
        docs: &docs,
        progress: &progress,
        links: &links,
        today: Some("2026-06-30"),
    });
    let run = t_run.elapsed().as_secs_f64();
    store.record_findings(&found, None, "bench").await.expect("record");
    // THEODOI_BENCH_DUMP=DIR: each size's findings as JSON, to compare two builds' findings.
    if let Ok(dir) = std::env::var("THEODOI_BENCH_DUMP") {
        let path = format!("{dir}/findings-{}.json", docs.len());
        std::fs::write(&path, serde_json::to_string_pretty(&found).expect("json")).expect("write dump");
    }
    (found.len(), t.elapsed().as_secs_f64(), run)
}

async fn add_one(store: &Store, imp: &Import) -> f64 {
    let t = Instant::now();
    let out = store.add(imp).await.expect("add one");
    let touched = vec![out.document().to_string()];
    let docs = store.documents_near(&touched).await.expect("documents near");
    let names = store.target_names().await.expect("names");
    let links = theodoi_check::propose_links_near(&docs, &touched, names.iter().map(String::as_str));
    store.propose_links(&links, "bench").await.expect("links");
    let key = theodoi_store::identity::org_key(imp.extraction.org.as_deref());
    let scope: Vec<LedgerDocument> =
        docs.into_iter().filter(|d| theodoi_store::identity::org_key(d.extraction.org.as_deref()) == key).collect();
    // As `theodoi add` re-checks: with the progress users recorded and the progress links read.
    let links: Vec<_> = store.links().await.expect("links").into_iter().map(|l| l.link).collect();
    let mut progress = store.progress().await.expect("progress");
    progress.extend(theodoi_check::progress_from_links(&scope, &links));
    let found = theodoi_check::run(&theodoi_check::Input {
        docs: &scope,
        progress: &progress,
        links: &links,
        today: Some("2026-06-30"),
    });
    let names: Vec<String> = scope.iter().map(|d| d.file.clone()).collect();
    store.record_findings(&found, Some(&names), "bench").await.expect("record");
    t.elapsed().as_secs_f64()
}

async fn run_size(store: &Store, base: &[(String, Extraction, Option<String>)], n: usize) {
    let t = Instant::now();
    city::fill(store, base, n).await;
    let build = t.elapsed().as_secs_f64();
    let (docs, floor) = read_floor(store).await;
    let targets: usize = docs.iter().map(|d| d.extraction.targets.len()).sum();
    let (found, first, run1) = check(store).await;
    let (_, again, run2) = check(store).await;
    let one = add_one(store, &city::generated(base, n)).await;
    let t = Instant::now();
    let docs = store.tracked(None).await.expect("tracked");
    let links: Vec<_> = store.links().await.expect("links").into_iter().map(|l| l.link).collect();
    let mut progress = store.progress().await.expect("progress");
    progress.extend(theodoi_check::progress_from_links(&docs, &links));
    let (open, _) = store.open_finding_counts(None).await.expect("open");
    let status = t.elapsed().as_secs_f64();
    println!(
        "{n:>5} docs ({targets} targets; built in {build:.1} s): read {floor:.2} s | check {first:.2} s (checks {run1:.2} s; {found} findings) | re-check {again:.2} s (checks {run2:.2} s) | add one {one:.2} s | status {status:.2} s ({open} open)"
    );
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("THEODOI_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1000, 5000]);
    let Some(base) = city::base() else {
        println!("SKIPPED check bench: no corpus (../shared or THEODOI_BENCH_CORPUS)");
        return;
    };
    println!("generated ledgers over {} wards from {} corpus extractions", city::WARDS, base.len());
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    for &n in &sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bench.db");
        rt.block_on(async {
            let store = Store::open(path.to_str().expect("utf-8 path")).await.expect("open sqlite");
            print!("SQLite      ");
            run_size(&store, &base, n).await;
            store.close().await;
        });
        if let Ok(pg) = std::env::var("THEODOI_BENCH_PG") {
            let name = format!("theodoi_bench_check_{n}_{}", std::process::id());
            rt.block_on(async {
                theodoi_store::create_postgres_database(&pg, &name).await.expect("create bench database");
                let url = match pg.rfind('/') {
                    Some(i) if i > pg.find("://").map(|s| s + 2).unwrap_or(0) => format!("{}/{name}", &pg[..i]),
                    _ => format!("{pg}/{name}"),
                };
                let store = Store::open(&url).await.expect("open postgres");
                print!("PostgreSQL  ");
                run_size(&store, &base, n).await;
                store.close().await;
            });
        }
    }
}
