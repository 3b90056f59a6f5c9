//! PDF with a text layer, scanned PDF and PNG: made in the test with the tools
//! `scripts/setup.sh` installs (pango-view, poppler-utils, tesseract-ocr-vie).

use std::path::Path;
use std::process::Command;

use theodoi_core::SourceFormat;

const TEXT: &str = "ĐẢNG BỘ PHƯỜNG NAM ĐỒNG\n\n\
I. MỤC ĐÍCH, YÊU CẦU\n\n\
Tổ chức quán triệt sâu sắc nội dung Nghị quyết Đại hội\n\
đại biểu Đảng bộ phường lần thứ nhất, nhiệm kỳ 2025 - 2030.\n\n\
Phấn đấu hằng năm kết nạp đảng viên mới đạt tỷ lệ ba phần trăm.\n";

fn sh(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e} (run scripts/setup.sh)"));
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn render(dir: &Path, ext: &str) -> std::path::PathBuf {
    let txt = dir.join("in.txt");
    std::fs::write(&txt, TEXT).expect("write text");
    let out = dir.join(format!("page.{ext}"));
    sh(Command::new("pango-view").args(["--font=Noto Serif 14", "--dpi=200", "-q", "-o"]).arg(&out).arg(&txt));
    out
}

/// Share of the words of TEXT found in `got` (OCR is allowed a few misreadings).
fn word_recall(got: &str) -> f64 {
    let got: std::collections::HashSet<&str> = got.split(|c: char| c.is_whitespace() || ",.;:".contains(c)).collect();
    let want: Vec<&str> =
        TEXT.split(|c: char| c.is_whitespace() || ",.;:".contains(c)).filter(|w| !w.is_empty()).collect();
    want.iter().filter(|w| got.contains(*w)).count() as f64 / want.len() as f64
}

fn all_text(doc: &theodoi_core::Document) -> String {
    doc.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
}

#[test]
fn pdf_text_layer() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render(dir.path(), "pdf");
    let doc = theodoi_ingest::read_path(&pdf).expect("read pdf");
    assert_eq!(doc.source.format, SourceFormat::Pdf);
    assert_eq!(doc.source.pages.len(), 1);
    assert!(doc.source.pages[0].ocr_confidence.is_none());
    assert!(doc.lines.iter().all(|l| l.page == Some(1)));
    let text = all_text(&doc);
    assert!(text.contains("Tổ chức quán triệt sâu sắc nội dung Nghị quyết Đại hội"), "{text}");
    assert_eq!(word_recall(&text), 1.0, "{text}");
    assert!(doc.blocks.iter().any(|b| b.heading.as_ref().is_some_and(|h| h.numbering == "I.")));
}

#[test]
fn png_is_ocrd_as_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let png = render(dir.path(), "png");
    let doc = theodoi_ingest::read_path(&png).expect("read png");
    assert_eq!(doc.source.format, SourceFormat::Image);
    let text = all_text(&doc);
    let recall = word_recall(&text);
    assert!(recall >= 0.9, "recall {recall}: {text}");
    let conf = doc.source.pages[0].ocr_confidence.expect("confidence");
    assert!(conf > 70.0 && conf <= 100.0, "{conf}");
}

/// A PDF holding only a JPEG of the page (no text layer), written by hand.
fn image_pdf(jpeg: &[u8]) -> Vec<u8> {
    // Size from the JPEG's SOF marker.
    let mut i = 2;
    let (mut w, mut h, mut comps) = (0u32, 0u32, 1u8);
    while i + 9 < jpeg.len() {
        if jpeg[i] == 0xFF && (0xC0..=0xC2).contains(&jpeg[i + 1]) {
            h = u32::from(u16::from_be_bytes([jpeg[i + 5], jpeg[i + 6]]));
            w = u32::from(u16::from_be_bytes([jpeg[i + 7], jpeg[i + 8]]));
            comps = jpeg[i + 9];
            break;
        }
        i += 1;
    }
    assert!(w > 0 && h > 0, "JPEG size");
    let (pw, ph) = (w * 72 / 150, h * 72 / 150);
    let content = format!("q {pw} 0 0 {ph} 0 0 cm /Im0 Do Q");
    let space = if comps == 3 { "DeviceRGB" } else { "DeviceGray" };
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw} {ph}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>").into_bytes(),
        {
            let mut o = format!("<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /{space} /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n", jpeg.len()).into_bytes();
            o.extend_from_slice(jpeg);
            o.extend_from_slice(b"\nendstream");
            o
        },
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()).into_bytes(),
    ];
    for (k, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", k + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).as_bytes(),
    );
    out
}

#[test]
fn scanned_pdf_is_ocrd_page_by_page() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render(dir.path(), "pdf");
    let prefix = dir.path().join("scan");
    sh(Command::new("pdftoppm").args(["-r", "150", "-gray", "-jpeg", "-singlefile"]).arg(&pdf).arg(&prefix));
    let jpeg = std::fs::read(prefix.with_extension("jpg")).expect("jpeg");
    let scanned = image_pdf(&jpeg);
    let doc = theodoi_ingest::read_bytes("scan.pdf", &scanned).expect("read scanned pdf");
    assert_eq!(doc.source.format, SourceFormat::ScannedPdf);
    assert_eq!(doc.source.pages.len(), 1);
    let conf = doc.source.pages[0].ocr_confidence.expect("OCR confidence kept per page");
    assert!(conf > 60.0, "{conf}");
    let recall = word_recall(&all_text(&doc));
    assert!(recall >= 0.85, "recall {recall}: {}", all_text(&doc));
}

#[test]
fn blank_image_has_no_text() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("blank.txt");
    std::fs::write(&txt, " \n").unwrap();
    let png = dir.path().join("blank.png");
    sh(Command::new("pango-view").args(["--font=Noto Serif 14", "-q", "-o"]).arg(&png).arg(&txt));
    let e = theodoi_ingest::read_path(&png).expect_err("no text");
    assert!(matches!(e, theodoi_ingest::Error::Ocr { .. }), "{e}");
    assert!(e.to_string().contains("blank.png") && e.to_string().contains("no text"), "{e}");
}

#[test]
fn truncated_pdf_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render(dir.path(), "pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    let e = theodoi_ingest::read_bytes("cut.pdf", &bytes[..bytes.len() / 3]).expect_err("truncated");
    assert!(matches!(e, theodoi_ingest::Error::Pdf { .. } | theodoi_ingest::Error::Ocr { .. }), "{e}");
    assert!(e.to_string().contains("cut.pdf"), "{e}");
}

/// A DOCX with footnotes on two pages, printed to PDF by LibreOffice: in the text layer
/// the notes stand at the foot of each page; they are detached and linked again.
#[test]
fn pdf_footnotes_at_page_feet() {
    use std::io::Write;
    let para = "Công tác xây dựng Đảng về chính trị được các cấp ủy coi trọng, chú trọng triển khai thực hiện có hiệu quả các văn bản hướng dẫn thi hành điều lệ Đảng. ";
    let mut body = String::new();
    let mut notes = String::from(
        r#"<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#,
    );
    for i in 1..=12 {
        body.push_str(&format!(
            r#"<w:p><w:r><w:t xml:space="preserve">{para}{para}Kết quả nổi bật</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{}"/></w:r><w:r><w:t xml:space="preserve">; tiếp tục đổi mới nội dung, phương thức lãnh đạo của cấp ủy trong tình hình mới.</w:t></w:r></w:p>"#,
            i + 1
        ));
        notes.push_str(&format!(
            r#"<w:footnote w:id="{}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Kế hoạch số {i:02}-KH/ĐU ngày 22/8/2025 của Ban Thường vụ Đảng ủy phường về triển khai nhiệm vụ.</w:t></w:r></w:p></w:footnote>"#,
            i + 1
        ));
    }
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/_rels/document.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>{body}</w:body></w:document>"#)),
        ("word/footnotes.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>{notes}</w:footnotes>"#)),
    ];
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("notes.docx");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&docx).unwrap());
        for (name, text) in &parts {
            z.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    // The DOCX itself: footnotes from footnotes.xml.
    let d = theodoi_ingest::read_path(&docx).expect("read docx");
    assert_eq!(d.footnotes.len(), 12);
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo").display());
    sh(Command::new("soffice")
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx));
    let doc = theodoi_ingest::read_path(&dir.path().join("notes.pdf")).expect("read pdf");
    assert!(doc.source.pages.len() >= 2, "the notes fall on more than one page");
    let marks: Vec<&str> = doc.footnotes.iter().map(|f| f.mark.as_str()).collect();
    assert_eq!(
        marks,
        (1..=12).map(|k| k.to_string()).collect::<Vec<_>>().iter().map(String::as_str).collect::<Vec<_>>()
    );
    for (k, f) in doc.footnotes.iter().enumerate() {
        assert!(f.text.contains(&format!("Kế hoạch số {:02}-KH/ĐU", k + 1)), "{}", f.text);
        assert!(f.text.ends_with("triển khai nhiệm vụ."), "note {} swallowed text: {}", f.mark, f.text);
        let line = doc.line(f.refs[0].line).unwrap();
        assert!(line[..f.refs[0].byte].ends_with("nổi bật"), "{line}");
    }
    // No paragraph holds a note, and every sentence is whole.
    for b in doc.blocks.iter().filter(|b| b.kind == theodoi_core::BlockKind::Paragraph) {
        assert!(!b.text.contains("Kế hoạch số"), "{}", b.text);
        assert!(b.text.ends_with("trong tình hình mới."), "{}", b.text);
    }
}

/// A table printed to PDF: `pdftotext -layout` keeps columns apart; cells are read by position.
#[test]
fn pdf_table_rows_by_column() {
    let rows: &[[&str; 6]] = &[
        ["STT", "Tên chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Thực hiện", "So sánh"],
        ["I", "Các chỉ tiêu về công tác xây dựng Đảng", "", "", "", ""],
        ["1", "Tỷ lệ kết nạp đảng viên mới hằng năm so với tổng số đảng viên", "%", "3", "3,2", "Vượt"],
        ["2", "Tổng thu ngân sách", "Tỷ đồng", "403,29", "407,1", "Vượt"],
        ["", "Trong đó: thu từ doanh nghiệp", "Tỷ đồng", "", "120", ""],
        ["3", "Tỷ lệ hộ nghèo", "%", "0", "0", "Đạt"],
    ];
    let cell = |t: &str| {
        docx_rs::TableCell::new().add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(t)))
    };
    let table =
        docx_rs::Table::new(rows.iter().map(|r| docx_rs::TableRow::new(r.iter().map(|c| cell(c)).collect())).collect());
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("bang.docx");
    docx_rs::Docx::new()
        .add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text("PHỤ LỤC 01")))
        .add_table(table)
        .build()
        .pack(std::fs::File::create(&docx).unwrap())
        .unwrap();
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo").display());
    sh(Command::new("soffice")
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx));
    let doc = theodoi_ingest::read_path(&dir.path().join("bang.pdf")).expect("read pdf");
    assert_eq!(doc.tables.len(), 1, "{:?}", doc.lines);
    let t = &doc.tables[0];
    assert_eq!(t.header, rows[0]);
    let got: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
    let want: Vec<Vec<&str>> = rows[1..].iter().map(|r| r.to_vec()).collect();
    assert_eq!(got, want);
    assert!(t.rows[0].is_group);
    assert_eq!(t.rows[3].parent, Some(2));
}
