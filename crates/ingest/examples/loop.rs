//! Ingest a file many times (for profiling): `cargo run --release -p theodoi-ingest --example loop -- FILE N`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let bytes = std::fs::read(&path).unwrap_or_default();
    for _ in 0..n {
        let _ = std::hint::black_box(theodoi_ingest::read_bytes("x.txt", &bytes));
    }
}
