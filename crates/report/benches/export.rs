//! Exports of a generated city ledger (`crates/store/benches/city/mod.rs`: the corpus's extractions
//! re-issued for 114 wards), beside a plain JSON dump of the same rows in the same run.
//! `THEODOI_BENCH_DOCS` (default 1000) documents, one progress value each, findings recorded.
//!
//! Baseline — `plain dump`: the rows every export reads (current documents, progress, findings)
//! read and written as JSON with serde, nothing more. Then each export, with its ratio to the baseline:
//! `json` (every table, what `import` reads), `csv`, `xlsx`, `ics`, `docx` (the review report with its
//! chart), and `import` of the JSON into an empty ledger.
//! Run: `cargo bench -p theodoi-report` (needs the corpus: `../shared` or `THEODOI_BENCH_CORPUS`).

#[path = "../../store/benches/city/mod.rs"]
mod city;

use std::time::Instant;

use theodoi_store::Store;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let Some(base) = city::base() else {
        println!("SKIPPED export bench: no corpus (../shared or THEODOI_BENCH_CORPUS)");
        return;
    };
    let n: usize = std::env::var("THEODOI_BENCH_DOCS").ok().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    rt.block_on(async {
        let store = Store::open(path.to_str().expect("utf-8")).await.expect("open");
        let t = Instant::now();
        city::fill(&store, &base, n).await;
        let docs = store.documents(None).await.expect("docs");
        let found = theodoi_check::run(&theodoi_check::Input {
            docs: &docs,
            progress: &store.progress().await.expect("progress"),
            links: &[],
            today: Some("2026-06-30"),
        });
        store.record_findings(&found, None, "bench").await.expect("findings");
        drop(docs);
        println!("{n} documents, {} findings (built in {:.1} s)", found.len(), t.elapsed().as_secs_f64());
        let out = dir.path();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");

        let t = Instant::now();
        let docs = store.documents(None).await.expect("docs");
        let progress = store.progress().await.expect("progress");
        let findings = store.findings_in(&["open", "confirmed", "dismissed", "resolved"], None).await.expect("f");
        let f = std::io::BufWriter::new(std::fs::File::create(out.join("plain.json")).expect("file"));
        serde_json::to_writer(f, &(&docs, &progress, &findings)).expect("write");
        let base_s = t.elapsed().as_secs_f64();
        drop((docs, progress, findings));
        println!("plain dump  {base_s:>6.2} s  (baseline)");
        let line = |name: &str, s: f64, file: &str| {
            let size = std::fs::metadata(out.join(file)).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
            println!("{name:<11} {s:>6.2} s  ×{:.1} of the baseline  ({size:.1} MB)", s / base_s);
        };

        let t = Instant::now();
        let dump = store.dump(None).await.expect("dump");
        let f = std::io::BufWriter::new(std::fs::File::create(out.join("ledger.json")).expect("file"));
        serde_json::to_writer(f, &dump).expect("write");
        line("json", t.elapsed().as_secs_f64(), "ledger.json");

        let t = Instant::now();
        let snap = theodoi_report::Snapshot::load(&store, None, None, today).await.expect("snapshot");
        let snap_s = t.elapsed().as_secs_f64();
        println!("(snapshot   {snap_s:>6.2} s, included in each of csv, xlsx, ics, docx below)");
        let t = Instant::now();
        let f = std::io::BufWriter::new(std::fs::File::create(out.join("ledger.csv")).expect("file"));
        theodoi_report::csv::write_to(&snap, f).expect("csv");
        line("csv", snap_s + t.elapsed().as_secs_f64(), "ledger.csv");
        let t = Instant::now();
        theodoi_report::xlsx::write(&snap, &out.join("ledger.xlsx")).expect("xlsx");
        line("xlsx", snap_s + t.elapsed().as_secs_f64(), "ledger.xlsx");
        let t = Instant::now();
        theodoi_report::ics::write(&snap, &out.join("ledger.ics")).expect("ics");
        line("ics", snap_s + t.elapsed().as_secs_f64(), "ledger.ics");
        let t = Instant::now();
        let period = theodoi_report::Period::parse("2026-H1").expect("period");
        theodoi_report::docx::write(&snap, period, &out.join("report.docx")).expect("docx");
        line("docx", snap_s + t.elapsed().as_secs_f64(), "report.docx");

        let t = Instant::now();
        let fresh = Store::open(out.join("restored.db").to_str().expect("utf-8")).await.expect("open");
        let text = std::fs::read(out.join("ledger.json")).expect("read");
        let back: theodoi_store::LedgerDump = serde_json::from_slice(&text).expect("parse");
        fresh.load(&back, "bench").await.expect("load");
        line("import", t.elapsed().as_secs_f64(), "ledger.json");
        fresh.close().await;
        store.close().await;
    });
}
