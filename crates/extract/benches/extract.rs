//! Extraction throughput over the corpus, beside ingest-only throughput measured in
//! the same run: `cargo bench -p theodoi-extract`. Prints MB/s of both and the
//! ratio extract/ingest (the aim: extraction costs at most 3× ingest).
//!
//! harness = false and a plain timing loop: criterion's statistics are not needed
//! for a ratio reported beside a throughput, and this keeps CI's bench build light.

use std::time::{Duration, Instant};

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
    let mut files: Vec<(String, Vec<u8>)> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter_map(|p| {
                let name = p.file_name()?.to_string_lossy().to_string();
                std::fs::read(&p).ok().map(|b| (name, b))
            })
            .collect(),
        Err(e) => {
            eprintln!("corpus {dir}: {e}");
            std::process::exit(1);
        }
    };
    files.sort();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let mb = bytes as f64 / 1e6;
    let budget = Duration::from_secs(3);

    // Ingest passes and extract passes alternate, so both see the same machine load
    // (the machine is shared): the ratio stays fair even when the load changes.
    let mut docs = Vec::new();
    let (mut t_i, mut t_e, mut rounds, mut items) = (Duration::ZERO, Duration::ZERO, 0u32, 0usize);
    let t0 = Instant::now();
    while t0.elapsed() < budget * 2 || rounds < 3 {
        let s = Instant::now();
        docs.clear();
        for (name, b) in &files {
            match theodoi_ingest::read_bytes(name, b) {
                Ok(d) => docs.push(d),
                Err(e) => {
                    eprintln!("{name}: {e}");
                    std::process::exit(1);
                }
            }
        }
        t_i += s.elapsed();
        let s = Instant::now();
        items = 0;
        for d in &docs {
            let ex = theodoi_extract::extract(d);
            items += ex.targets.len() + ex.tasks.len() + ex.citations.len() + ex.facts.len() + ex.declared_counts.len();
        }
        t_e += s.elapsed();
        rounds += 1;
    }
    let (n_i, n_e) = (rounds, rounds);
    let t_ingest = t_i.as_secs_f64() / rounds as f64;
    let t_extract = t_e.as_secs_f64() / rounds as f64;

    println!("corpus: {} files, {:.3} MB, {items} items extracted", files.len(), mb);
    println!("ingest only : {:8.2} MB/s  ({:.2} ms per corpus pass, {n_i} passes)", mb / t_ingest, t_ingest * 1e3);
    println!("extract only: {:8.2} MB/s  ({:.2} ms per corpus pass, {n_e} passes)", mb / t_extract, t_extract * 1e3);
    println!("ingest+extract: {:6.2} MB/s", mb / (t_ingest + t_extract));
    println!("ratio extract/ingest cost: {:.2}x (aim <= 3x)", t_extract / t_ingest);
}
