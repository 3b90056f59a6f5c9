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

use std::time::Instant;

use theodoi_core::{Evidence, Extraction, ItemKind, ItemRef, LedgerDocument, ProgressUpdate};
use theodoi_store::{Import, Store};

const WARDS: usize = 114;
const SYL: &[&str] = &["An", "Bình", "Hòa", "Tân", "Phú", "Long", "Thịnh", "Xuân", "Mỹ", "Hưng", "Lạc"];

fn ward(i: usize) -> String {
    format!("Phường {} {} {}", SYL[i % SYL.len()], SYL[(i / SYL.len()) % SYL.len()], i)
}

fn base() -> Vec<(String, Extraction, Option<String>)> {
    // THEODOI_BENCH_CORPUS names the corpus when `../shared` is not beside the repository (a worktree).
    let dir = std::env::var("THEODOI_BENCH_CORPUS")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus").to_string());
    let dir = dir.as_str();
    let mut out = Vec::new();
    for p in ["000", "001", "003", "004"] {
        let path = std::fs::read_dir(dir)
            .expect("read ../shared/corpus")
            .flatten()
            .map(|e| e.path())
            .find(|p2| p2.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(p) && n.ends_with(".txt")))
            .expect("corpus file");
        let doc = theodoi_ingest::read_path_with(&path, &theodoi_ingest::Options::default()).expect("ingest");
        let x = theodoi_extract::extract(&doc);
        out.push((p.to_string(), x, doc.meta.date.clone()));
    }
    out
}

fn rename(x: &mut Extraction, to: &str) {
    let fix = |e: &mut Evidence| e.doc = to.to_string();
    x.doc = to.to_string();
    x.targets.iter_mut().flat_map(|t| t.evidence.iter_mut()).for_each(fix);
    x.tasks.iter_mut().flat_map(|t| t.evidence.iter_mut()).for_each(fix);
    x.citations.iter_mut().flat_map(|t| t.evidence.iter_mut()).for_each(fix);
    x.facts.iter_mut().map(|f| &mut f.evidence).for_each(fix);
    x.declared_counts.iter_mut().map(|f| &mut f.evidence).for_each(fix);
}

/// Document `i`: base `i % 4` for ward `i % 114`. A ward's later issues of the same kind are the
/// next years' documents (their own term and figures), as a ward's yearly reports and plans are.
fn generated(base: &[(String, Extraction, Option<String>)], i: usize) -> Import {
    let (stem, x0, date) = &base[i % base.len()];
    let w = i % WARDS;
    let issue = i / WARDS / base.len();
    let file = format!("{stem}_w{w:03}_{i:05}.txt");
    let mut x = x0.clone();
    x.org = Some(ward(w));
    rename(&mut x, &file);
    let shift = (issue % 7) as f64 * 0.5;
    for t in &mut x.targets {
        t.value = t.value.map(|v| v + shift);
        if issue > 0 {
            t.term = Some(format!("{}", 2025 + issue));
        }
    }
    Import {
        file,
        sha256: format!("bench-{i}"),
        bytes: 100_000,
        date: date.clone(),
        number: None,
        title: None,
        extraction: x,
        restored: false,
        actor: "bench".into(),
        text_sha256: None,
        sketch: Vec::new(),
        format: "text".into(),
    }
}

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
    for i in 0..n {
        let imp = generated(base, i);
        store.add(&imp).await.expect("add");
        // One progress value per document, on its first target.
        if let Some(t0) = imp.extraction.targets.first() {
            let p = ProgressUpdate {
                item: ItemRef { doc: imp.file.clone(), kind: ItemKind::Target, id: t0.id.clone() },
                value: Some(1.0 + (i % 10) as f64),
                done: false,
                date: "2026-06-30".into(),
                note: None,
                user: Some("bench".into()),
                evidence: None,
            };
            store.add_progress(&p).await.expect("progress");
        }
    }
    let build = t.elapsed().as_secs_f64();
    let (docs, floor) = read_floor(store).await;
    let targets: usize = docs.iter().map(|d| d.extraction.targets.len()).sum();
    let (found, first, run1) = check(store).await;
    let (_, again, run2) = check(store).await;
    let one = add_one(store, &generated(base, n)).await;
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
    let base = base();
    println!("generated ledgers over {WARDS} wards from {} corpus extractions", base.len());
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
