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

    // ingest only
    let mut docs = Vec::new();
    let (mut n_i, t0) = (0u32, Instant::now());
    while t0.elapsed() < budget || n_i == 0 {
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
        n_i += 1;
    }
    let t_ingest = t0.elapsed().as_secs_f64() / n_i as f64;

    // extract only, on the ingested documents
    let (mut n_e, t0) = (0u32, Instant::now());
    let mut items = 0usize;
    while t0.elapsed() < budget || n_e == 0 {
        items = 0;
        for d in &docs {
            let ex = theodoi_extract::extract(d);
            items += ex.targets.len() + ex.tasks.len() + ex.citations.len() + ex.facts.len() + ex.declared_counts.len();
        }
        n_e += 1;
    }
    let t_extract = t0.elapsed().as_secs_f64() / n_e as f64;

    println!("corpus: {} files, {:.3} MB, {items} items extracted", files.len(), mb);
    println!("ingest only : {:8.2} MB/s  ({:.2} ms per corpus pass, {n_i} passes)", mb / t_ingest, t_ingest * 1e3);
    println!("extract only: {:8.2} MB/s  ({:.2} ms per corpus pass, {n_e} passes)", mb / t_extract, t_extract * 1e3);
    println!("ingest+extract: {:6.2} MB/s", mb / (t_ingest + t_extract));
    println!("ratio extract/ingest cost: {:.2}x (aim <= 3x)", t_extract / t_ingest);
}
