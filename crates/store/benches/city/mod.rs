//! Generated city ledgers for benchmarks (shared: `benches/check.rs`' generator, made public so other
//! benches — `crates/report/benches/export.rs` — build the same ledgers; include it with
//! `#[path = "…/store/benches/city/mod.rs"] mod city;`; a directory, so cargo does not take it for a bench of its own).
//!
//! The documents are the corpus's extractions (000, 001, 003, 004; read once) re-issued for 114
//! invented wards, a ward's later issues of one kind being later years' (own term, shifted figures).
#![allow(dead_code)]

use theodoi_core::{Evidence, Extraction, ItemKind, ItemRef, ProgressUpdate};
use theodoi_store::{Import, Store};

/// How many wards the generated city has.
pub const WARDS: usize = 114;
const SYL: &[&str] = &["An", "Bình", "Hòa", "Tân", "Phú", "Long", "Thịnh", "Xuân", "Mỹ", "Hưng", "Lạc"];

/// The name of ward `i`.
pub fn ward(i: usize) -> String {
    format!("Phường {} {} {}", SYL[i % SYL.len()], SYL[(i / SYL.len()) % SYL.len()], i)
}

/// The corpus's extractions the generated documents copy; `None` where the corpus is absent
/// (`THEODOI_BENCH_CORPUS` names it when `../shared` is not beside the repository).
pub fn base() -> Option<Vec<(String, Extraction, Option<String>)>> {
    let dir = std::env::var("THEODOI_BENCH_CORPUS")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus").to_string());
    let entries: Vec<std::path::PathBuf> = std::fs::read_dir(&dir).ok()?.flatten().map(|e| e.path()).collect();
    let mut out = Vec::new();
    for p in ["000", "001", "003", "004"] {
        let path = entries.iter().find(|p2| {
            p2.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(p) && n.ends_with(".txt"))
        })?;
        let doc = theodoi_ingest::read_path_with(path, &theodoi_ingest::Options::default()).ok()?;
        let x = theodoi_extract::extract(&doc);
        out.push((p.to_string(), x, doc.meta.date.clone()));
    }
    Some(out)
}

/// Every evidence span of `x` renamed to document `to`.
pub fn rename(x: &mut Extraction, to: &str) {
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
pub fn generated(base: &[(String, Extraction, Option<String>)], i: usize) -> Import {
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

/// Store documents `0..n` in `store`, with one progress value per document on its first target.
/// The documents go a few dozen per transaction (`Store::add_batch`: each stored as `add` stores
/// it, one commit per batch — not hundreds: PostgreSQL keeps every version of the name-feature
/// counts a transaction updates, and longer batches slowed down), so a 5,000-document ledger fills
/// in minutes, not a quarter of an hour; the progress values go one by one, as users enter them.
/// On PostgreSQL the tables are analysed at the end, as autovacuum does within a minute of such a
/// load (a measurement right after it would otherwise run on plans made for empty tables).
pub async fn fill(store: &Store, base: &[(String, Extraction, Option<String>)], n: usize) {
    let imports: Vec<Import> = (0..n).map(|i| generated(base, i)).collect();
    let t = std::time::Instant::now();
    for chunk in imports.chunks(25) {
        store.add_batch(chunk).await.expect("add batch");
    }
    let stored = t.elapsed().as_secs_f64();
    for (i, imp) in imports.iter().enumerate() {
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
    store.analyze().await.expect("analyze");
    if std::env::var_os("THEODOI_BENCH_VERBOSE").is_some() {
        eprintln!("fill {n}: documents {stored:.1} s, progress {:.1} s", t.elapsed().as_secs_f64() - stored);
    }
}
