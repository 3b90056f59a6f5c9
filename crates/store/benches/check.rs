//! `check` at city scale: generated ledgers of 100 / 1,000 / 5,000 documents across 114 wards
//! (`THEODOI_BENCH_SIZES=100,1000` to choose), on SQLite (and PostgreSQL when `THEODOI_BENCH_PG`
//! names a server). For each size, in one run, it prints:
//! - `read`: reading the rows a check needs (every current extraction, progress, links) — the floor;
//! - `check`: `theodoi check` — every check over the ledger read one organisation at a time
//!   (`Store::run_checks`) + recording the findings (first run, then a re-run);
//! - `peak`: the process's peak resident memory during the first check (VmHWM, reset before it),
//!   beside it (last, as the allocator keeps what it took) the checks over every document held at
//!   once, as `check` ran before — its time, peak, and whether its findings are the same;
//! - `add one`: one more document stored, linked and its organisation re-checked, as `theodoi add` does
//!   (its parts; beside it the same with names weighed by reading every target name — the way before
//!   the feature counts were stored);
//! - `status`: what `theodoi status` reads (`Store::status_report`: counts by deadline, only the items
//!   with progress and those listed; the open findings' count; the names to review); beside it the
//!   reads status made before — every target and task from the versions' summaries, or from the whole
//!   extractions — with progress and links.
//!
//! The documents are the corpus's extractions (000, 001, 003, 004; read once) re-issued for 114
//! invented wards, a ward's later issues of one kind being later years' (own term, shifted figures) —
//! what a city ledger holds, without re-reading text each time.
//! Run: `cargo bench -p theodoi-store --bench check` (`THEODOI_BENCH_SQLITE=0`: PostgreSQL only).

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

/// `theodoi check`: every check over the ledger read one organisation at a time
/// (`Store::run_checks`), then the findings recorded. Returns the findings' count, the total and
/// the time of `run_checks` (its reads and the checks).
async fn check(store: &Store) -> (usize, f64, f64) {
    let t = Instant::now();
    let run = store.run_checks(None, "2026-06-30").await.expect("run checks");
    let checks = t.elapsed().as_secs_f64();
    if std::env::var_os("THEODOI_BENCH_VERBOSE").is_some() {
        eprintln!("peak after the checks, before recording: {:?} MiB", peak_mib());
    }
    store.record_findings(&run.findings, None, "bench").await.expect("record");
    // THEODOI_BENCH_DUMP=DIR: each size's findings as JSON, to compare two builds' findings.
    if let Ok(dir) = std::env::var("THEODOI_BENCH_DUMP") {
        let path = format!("{dir}/findings-{}.json", run.documents.len());
        std::fs::write(&path, serde_json::to_string_pretty(&run.findings).expect("json")).expect("write dump");
    }
    (run.findings.len(), t.elapsed().as_secs_f64(), checks)
}

/// The baseline for memory: the checks over every document held at once (as `check` ran before),
/// not recorded; the time, the findings' count, and whether they are those of `run_checks`.
async fn check_whole(store: &Store) -> (f64, usize, bool) {
    let t = Instant::now();
    let docs = store.documents(None).await.expect("documents");
    let (progress, links) = store.all_progress(&docs).await.expect("progress");
    let found = theodoi_check::run(&theodoi_check::Input {
        docs: &docs,
        progress: &progress,
        links: &links,
        today: Some("2026-06-30"),
    });
    let took = t.elapsed().as_secs_f64();
    drop(docs);
    let same = store.run_checks(None, "2026-06-30").await.expect("run checks").findings == found;
    (took, found.len(), same)
}

/// How `add` weighs names for links: from the stored feature counts (now), or from every target
/// name of the ledger read and tokenised (before the counts were stored: the baseline).
#[derive(Clone, Copy, PartialEq)]
enum Weights {
    Counts,
    Names,
}

/// One more document stored, linked and its organisation re-checked, as `theodoi add` does; the
/// total and its parts (store, read near, weights + links, re-check).
async fn add_one(store: &Store, imp: &Import, weights: Weights) -> (f64, [f64; 4]) {
    let t = Instant::now();
    let out = store.add(imp).await.expect("add one");
    let t_store = t.elapsed().as_secs_f64();
    let touched = vec![out.document().to_string()];
    let docs = store.documents_near(&touched).await.expect("documents near");
    let t_near = t.elapsed().as_secs_f64();
    let links = match weights {
        Weights::Counts => {
            let names = docs.iter().flat_map(|d| d.extraction.targets.iter().map(|t| t.name.as_str()));
            let (n, df) = store.name_counts(names).await.expect("counts");
            theodoi_check::propose_links_counted(&docs, &touched, n, df)
        }
        Weights::Names => {
            let names = store.target_names().await.expect("names");
            theodoi_check::propose_links_near(&docs, &touched, names.iter().map(String::as_str))
        }
    };
    store.propose_links(&links, "bench").await.expect("links");
    let t_links = t.elapsed().as_secs_f64();
    // As `Store::after_add` groups them: the ledger's organisation key (a clerk's decision applied).
    let group = |d: &LedgerDocument| {
        d.org_key.clone().or_else(|| theodoi_store::identity::org_key(d.extraction.org.as_deref()))
    };
    let key = docs.iter().find(|d| touched.contains(&d.file)).and_then(group);
    let scope: Vec<LedgerDocument> = docs.into_iter().filter(|d| group(d) == key).collect();
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
    let total = t.elapsed().as_secs_f64();
    (total, [t_store, t_near - t_store, t_links - t_near, total - t_links])
}

/// What `theodoi status` reads now: the report's figures and the items it lists by queries
/// (`Store::status_report`), the open findings' count and the names to review.
async fn status(store: &Store) -> (f64, [f64; 3], usize) {
    let t = Instant::now();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let report = store.status_report(None, today, 15, 20).await.expect("status");
    let t_report = t.elapsed().as_secs_f64();
    let (open, _) = store.open_finding_counts(None).await.expect("open");
    let t_open = t.elapsed().as_secs_f64();
    let _ = store.unmatched_organisations().await.expect("unmatched");
    assert!(report.documents > 0);
    let total = t.elapsed().as_secs_f64();
    (total, [t_report, t_open - t_report, total - t_open], open)
}

/// The baselines: what `status` read before — targets and tasks from the versions' summaries (the
/// previous session), or from their whole extractions (before summaries), then progress, links
/// and the open findings' count (reads only: the statuses of every target, computed after these
/// reads, are not timed).
async fn status_before(store: &Store, from_summaries: bool) -> f64 {
    let t = Instant::now();
    let docs = if from_summaries {
        store.tracked(None).await.expect("tracked")
    } else {
        store.tracked_from_extractions(None).await.expect("tracked")
    };
    let links: Vec<_> = store.links().await.expect("links").into_iter().map(|l| l.link).collect();
    let mut progress = store.progress().await.expect("progress");
    progress.extend(theodoi_check::progress_from_links(&docs, &links));
    let _ = store.open_finding_counts(None).await.expect("open");
    t.elapsed().as_secs_f64()
}

/// Peak resident memory since the last [`reset_peak`], in MiB (Linux: VmHWM of /proc/self/status).
fn peak_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Start measuring peak memory afresh (Linux ≥ 4.0: writing 5 to clear_refs resets VmHWM), after
/// handing the heap that earlier steps freed back to the OS: glibc keeps it resident otherwise,
/// and the peak would start from what the fill and the read before took, not from what is live.
fn reset_peak() {
    // SAFETY: malloc_trim only releases free memory of the allocator; nothing is live in it.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::malloc_trim(0);
    }
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// One size's figures, for the summary printed at the end of the run.
struct Row {
    backend: &'static str,
    n: usize,
    floor: f64,
    check: f64,
    run: f64,
    recheck: f64,
    add_one: f64,
    status: f64,
    peak: Option<f64>,
}

async fn run_size(
    store: &Store,
    base: &[(String, Extraction, Option<String>)],
    n: usize,
    backend: &'static str,
) -> Row {
    let t = Instant::now();
    city::fill(store, base, n).await;
    let build = t.elapsed().as_secs_f64();
    let (docs, floor) = read_floor(store).await;
    let targets: usize = docs.iter().map(|d| d.extraction.targets.len()).sum();
    drop(docs);
    reset_peak();
    let (found, first, run1) = check(store).await;
    let peak_m = peak_mib();
    let peak = peak_m.map(|m| format!("{m:.0} MiB")).unwrap_or_else(|| "?".into());
    let (_, again, run2) = check(store).await;
    let (old_add, _) = add_one(store, &city::generated(base, n), Weights::Names).await;
    let (one, parts) = add_one(store, &city::generated(base, n + 1), Weights::Counts).await;
    let old_status = status_before(store, false).await;
    let summaries_status = status_before(store, true).await;
    let (now_status, sparts, open) = status(store).await;
    // Last: the allocator keeps what the whole ledger took, which would inflate later peaks.
    reset_peak();
    let (whole, whole_found, same) = check_whole(store).await;
    let whole_peak = peak_mib().map(|m| format!("{m:.0} MiB")).unwrap_or_else(|| "?".into());
    println!(
        "{n:>5} docs ({targets} targets; built in {build:.1} s): read {floor:.2} s | check {first:.2} s (read + checks {run1:.2} s; {found} findings; peak {peak}) | re-check {again:.2} s (read + checks {run2:.2} s)"
    );
    println!(
        "             every document held at once (before): checks {whole:.2} s, peak {whole_peak}, {whole_found} findings, the same as one organisation at a time: {same}"
    );
    println!(
        "             add one {one:.2} s (store {:.2}, read near {:.2}, links {:.2}, re-check {:.2}; weighing every name instead: {old_add:.2} s) | status {now_status:.2} s (report {:.2}, findings {:.2}, names to review {:.2}; reads before: from summaries {summaries_status:.2} s, from whole extractions {old_status:.2} s; {open} open)",
        parts[0], parts[1], parts[2], parts[3], sparts[0], sparts[1], sparts[2]
    );
    Row { backend, n, floor, check: first, run: run1, recheck: again, add_one: one, status: now_status, peak: peak_m }
}

/// The run's figures side by side: check against the floor measured in the same run (reading
/// the same ledger's rows), and every figure per document, so growth faster than the ledger shows
/// as a per-document figure that rises from size to size.
fn summary(rows: &[Row]) {
    println!();
    println!("baseline: read = reading the ledger's rows a check needs (every current extraction, progress, links), same run");
    println!("check/rd: check (read + checks + findings recorded) over read, the same ledger in the same run; ms/doc: per document");
    println!(
        "{:<11} {:>6} | {:>8} {:>8} {:>8} | {:>12} {:>12} {:>12} | {:>10} {:>10} {:>10} | {:>8}",
        "backend",
        "docs",
        "read s",
        "check s",
        "check/rd",
        "read ms/doc",
        "check ms/doc",
        "rd+chk ms/doc",
        "recheck/rd",
        "add one s",
        "status s",
        "peak MiB"
    );
    for r in rows {
        let per = |x: f64| 1000.0 * x / r.n as f64;
        println!(
            "{:<11} {:>6} | {:>8.2} {:>8.2} {:>8.2} | {:>12.2} {:>12.2} {:>12.2} | {:>10.2} {:>10.3} {:>10.3} | {:>8}",
            r.backend,
            r.n,
            r.floor,
            r.check,
            r.check / r.floor,
            per(r.floor),
            per(r.check),
            per(r.run),
            r.recheck / r.floor,
            r.add_one,
            r.status,
            r.peak.map(|m| format!("{m:.0}")).unwrap_or_else(|| "?".into())
        );
    }
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
    let mut rows = Vec::new();
    for &n in &sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bench.db");
        // THEODOI_BENCH_SQLITE=0: PostgreSQL only (its runs are the long ones).
        let sqlite = std::env::var("THEODOI_BENCH_SQLITE").map_or(true, |v| v != "0");
        rt.block_on(async {
            if !sqlite {
                return;
            }
            let store = Store::open(path.to_str().expect("utf-8 path")).await.expect("open sqlite");
            print!("SQLite      ");
            rows.push(run_size(&store, &base, n, "SQLite").await);
            store.close().await;
        });
        if let Ok(pg) = std::env::var("THEODOI_BENCH_PG") {
            let name = format!("theodoi_bench_check_{n}_{}", std::process::id());
            rt.block_on(async {
                let url = theodoi_store::create_postgres_database(&pg, &name).await.expect("create bench database");
                let store = Store::open(&url).await.expect("open postgres");
                print!("PostgreSQL  ");
                rows.push(run_size(&store, &base, n, "PostgreSQL").await);
                store.close().await;
            });
        }
    }
    rows.sort_by_key(|r| (r.backend, r.n));
    summary(&rows);
}
