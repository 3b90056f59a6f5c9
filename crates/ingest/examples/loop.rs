//! Ingest a file many times (for profiling): `cargo run --release -p theodoi-ingest --example loop -- FILE N [--no-restore]`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().cloned().unwrap_or_default();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let opts = theodoi_ingest::Options { restore: !args.iter().any(|a| a == "--no-restore"), ..Default::default() };
    let bytes = std::fs::read(&path).unwrap_or_default();
    for _ in 0..n {
        let _ = std::hint::black_box(theodoi_ingest::read_bytes_with("x.txt", &bytes, &opts));
    }
}
