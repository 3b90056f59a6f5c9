//! Builds the binary example documents of `examples/` from their UTF-8 sources in `examples/src/`:
//! the TCVN3 text (with the ingest crate's own encoder) and the DOCX (with docx-rs).
//! The scanned PNG is rendered by `examples/make.sh` (pango-view). Run: `examples/make.sh`.

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let src = std::fs::read_to_string(root.join("src/ke-hoach-tcvn3.txt"))?;
    let bytes = theodoi_ingest::legacy::encode_tcvn3(&src).ok_or("a character of the source has no TCVN3 code")?;
    std::fs::write(root.join("ke-hoach-tcvn3.txt"), bytes)?;
    std::fs::write(
        root.join("chuong-trinh-cong-tac.docx"),
        docx(&std::fs::read_to_string(root.join("src/chuong-trinh-cong-tac.txt"))?)?,
    )?;
    Ok(())
}

/// One paragraph per line; lines of `|`-separated cells make one table.
fn docx(text: &str) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let p = |t: &str| docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(t));
    let mut d = docx_rs::Docx::new();
    let mut rows: Vec<docx_rs::TableRow> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.contains('|') {
            let cells = line.split('|').map(|c| docx_rs::TableCell::new().add_paragraph(p(c.trim()))).collect();
            rows.push(docx_rs::TableRow::new(cells));
            continue;
        }
        if !rows.is_empty() {
            d = d.add_table(docx_rs::Table::new(std::mem::take(&mut rows)));
        }
        if !line.is_empty() {
            d = d.add_paragraph(p(line));
        }
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut buf)?;
    Ok(buf.into_inner())
}
