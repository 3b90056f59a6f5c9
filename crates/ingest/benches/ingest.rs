//! `cargo bench -p theodoi-ingest`: ingest throughput (MB/s) on the five corpus files,
//! beside `wc -l` over the same bytes as the floor (in this process, and the real
//! `wc -l` program for reference). Not a timed test: it only prints.

use std::hint::black_box;
use std::time::{Duration, Instant};

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).expect("read")))
        .collect()
}

/// CPU time of this thread in seconds (Linux `schedstat`), to report throughput per
/// core on a machine shared with other jobs; `None` elsewhere.
fn cpu_time() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Run `f` repeatedly for about `budget`; seconds per run (wall clock, CPU time).
fn time<F: FnMut()>(budget: Duration, mut f: F) -> (f64, Option<f64>) {
    f();
    let start = Instant::now();
    let cpu0 = cpu_time();
    let mut n = 0u32;
    while start.elapsed() < budget || n < 3 {
        f();
        n += 1;
    }
    let wall = start.elapsed().as_secs_f64() / f64::from(n);
    let cpu = match (cpu0, cpu_time()) {
        (Some(a), Some(b)) => Some((b - a) / f64::from(n)),
        _ => None,
    };
    (wall, cpu)
}

/// What `wc -l` does: count newline bytes.
fn wc_l(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn main() {
    let files = corpus();
    // `cargo test --all-targets` runs this binary without `--bench`: one pass as a smoke test.
    if !std::env::args().any(|a| a == "--bench") {
        for (name, bytes) in &files {
            theodoi_ingest::read_bytes(name, bytes).expect("ingest");
        }
        println!("bench smoke test: {} files ingested (run `cargo bench -p theodoi-ingest` to measure)", files.len());
        return;
    }
    let total: usize = files.iter().map(|f| f.1.len()).sum();
    let mb = total as f64 / 1e6;
    println!("corpus: {} files, {} bytes", files.len(), total);
    let budget = Duration::from_secs(3);
    for (name, bytes) in &files {
        let (s, cpu) = time(Duration::from_millis(600), || {
            black_box(theodoi_ingest::read_bytes(name, black_box(bytes)).expect("ingest"));
        });
        let per_core =
            cpu.map(|c| format!("{:>8.1} MB/s per core (CPU time)", bytes.len() as f64 / 1e6 / c)).unwrap_or_default();
        println!("  {name:<28} {:>8} bytes  {:>8.1} MB/s wall  {per_core}", bytes.len(), bytes.len() as f64 / 1e6 / s);
    }
    let (ingest, ingest_cpu) = time(budget, || {
        for (name, bytes) in &files {
            black_box(theodoi_ingest::read_bytes(name, black_box(bytes)).expect("ingest"));
        }
    });
    let (floor, floor_cpu) = time(budget, || {
        for (_, bytes) in &files {
            black_box(wc_l(black_box(bytes)));
        }
    });
    // The `wc -l` program over the same bytes (process start-up included).
    let dir = tempfile::tempdir().expect("tmp");
    let all = dir.path().join("all.txt");
    std::fs::write(&all, files.iter().flat_map(|f| f.1.iter().copied()).collect::<Vec<u8>>()).expect("write");
    let (wc_prog, _) = time(budget, || {
        let out = std::process::Command::new("wc").arg("-l").arg(&all).output().expect("wc");
        black_box(out);
    });
    println!("ingest (text, all 5 files):        {:>9.1} MB/s  ({:.2} ms per pass)", mb / ingest, ingest * 1e3);
    if let Some(c) = ingest_cpu {
        println!("ingest per core (CPU time):        {:>9.1} MB/s  ({:.2} ms CPU per pass)", mb / c, c * 1e3);
    }
    println!("wc -l floor, in process:           {:>9.1} MB/s  ({:.3} ms per pass)", mb / floor, floor * 1e3);
    if let (Some(i), Some(f)) = (ingest_cpu, floor_cpu) {
        println!("ratio ingest / wc -l, CPU time:    {:>9.4}", f / i);
    }
    println!("wc -l program (incl. process start): {:>7.1} MB/s  ({:.2} ms per pass)", mb / wc_prog, wc_prog * 1e3);
    println!("ratio ingest / wc -l in process:   {:>9.4}", floor / ingest);
    println!("ratio ingest / wc -l program:      {:>9.4}", wc_prog / ingest);
}
