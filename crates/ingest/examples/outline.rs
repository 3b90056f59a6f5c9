//! Print the blocks of documents, one per line: `cargo run -p theodoi-ingest --example outline -- FILE…`.
fn main() {
    for p in std::env::args().skip(1) {
        match theodoi_ingest::read_path(std::path::Path::new(&p)) {
            Ok(doc) => {
                println!("# {} lines={} blocks={} footnotes={} tables={} parts={}", doc.id, doc.lines.len(), doc.blocks.len(), doc.footnotes.len(), doc.tables.len(), doc.parts.len());
                for b in &doc.blocks {
                    let h = b.heading.as_ref().map(|h| format!("L{} {:?} ", h.level, h.numbering)).unwrap_or_default();
                    let t: String = b.text.chars().take(110).collect();
                    println!("{:>5}-{:<5} {:<9} {h}{t}", b.span.start, b.span.end, format!("{:?}", b.kind));
                }
                for f in &doc.footnotes {
                    let t: String = f.text.chars().take(90).collect();
                    println!("FN {:>3} {:>5}-{:<5} refs={:?} {t}", f.mark, f.span.start, f.span.end, f.refs.iter().map(|r| r.line).collect::<Vec<_>>());
                }
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
