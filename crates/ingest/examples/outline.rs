//! Print the blocks of documents, one per line: `cargo run -p theodoi-ingest --example outline -- FILE…`.
fn main() {
    for p in std::env::args().skip(1) {
        match theodoi_ingest::read_path(std::path::Path::new(&p)) {
            Ok(doc) => {
                println!(
                    "# {} lines={} blocks={} footnotes={} tables={} parts={}",
                    doc.id,
                    doc.lines.len(),
                    doc.blocks.len(),
                    doc.footnotes.len(),
                    doc.tables.len(),
                    doc.parts.len()
                );
                println!("META {:?}", doc.meta);
                for p in &doc.parts {
                    println!("PART {:?}", p);
                }
                for b in &doc.blocks {
                    let h = b.heading.as_ref().map(|h| format!("L{} {:?} ", h.level, h.numbering)).unwrap_or_default();
                    let t: String = b.text.chars().take(110).collect();
                    println!("{:>5}-{:<5} {:<9} {h}{t}", b.span.start, b.span.end, format!("{:?}", b.kind));
                }
                for t in &doc.tables {
                    println!("TABLE {:?} {:?} header={:?}", t.title, t.span, t.header);
                    for (ri, r) in t.rows.iter().enumerate() {
                        let cells: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
                        println!(
                            "  R{ri:<3} {:>5}-{:<5} n={:<4} g={} p={:<4} {:?} grp={:?}",
                            r.span.start,
                            r.span.end,
                            r.number.as_deref().unwrap_or("-"),
                            if r.is_group { "G" } else { " " },
                            r.parent.map(|p| p.to_string()).unwrap_or("-".into()),
                            cells,
                            r.group.as_deref().map(|g| g.chars().take(25).collect::<String>())
                        );
                    }
                }
                for f in &doc.footnotes {
                    let t: String = f.text.chars().take(90).collect();
                    println!(
                        "FN {:>3} {:>5}-{:<5} refs={:?} {t}",
                        f.mark,
                        f.span.start,
                        f.span.end,
                        f.refs.iter().map(|r| r.line).collect::<Vec<_>>()
                    );
                }
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
