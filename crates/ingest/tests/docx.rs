//! DOCX: built in the test with a DOCX writer (docx-rs) and by hand (footnotes, numbering).

use std::io::Write;

use theodoi_core::{BlockKind, SourceFormat};

fn p(text: &str) -> docx_rs::Paragraph {
    docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(text))
}

fn cell(text: &str) -> docx_rs::TableCell {
    docx_rs::TableCell::new().add_paragraph(p(text))
}

const ROWS: &[[&str; 3]] = &[
    ["STT", "Tên chỉ tiêu", "Mục tiêu"],
    ["I", "Các chỉ tiêu về công tác xây dựng Đảng", ""],
    ["1", "Tỷ lệ kết nạp đảng viên mới hằng năm", "trên 3%"],
    ["2", "Tỷ lệ tổ chức đảng hoàn thành tốt nhiệm vụ", "trên 90%"],
    ["", "Trong đó: tổ chức đảng trong doanh nghiệp", "80%"],
    ["II", "Các chỉ tiêu về kinh tế", ""],
    ["3", "Tổng thu ngân sách tăng bình quân", "12%/năm"],
];

fn build() -> Vec<u8> {
    let rows = ROWS.iter().map(|r| docx_rs::TableRow::new(r.iter().map(|c| cell(c)).collect())).collect();
    let mut buf = std::io::Cursor::new(Vec::new());
    docx_rs::Docx::new()
        .add_paragraph(p("ĐẢNG BỘ PHƯỜNG NAM ĐỒNG"))
        .add_paragraph(p("CHƯƠNG TRÌNH HÀNH ĐỘNG"))
        .add_paragraph(p("thực hiện Nghị quyết Đại hội Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030"))
        .add_paragraph(p("I. MỤC ĐÍCH, YÊU CẦU"))
        .add_paragraph(p("- Tổ chức quán triệt sâu sắc nội dung Nghị quyết."))
        .add_table(docx_rs::Table::new(rows))
        .add_paragraph(p("Trên đây là Chương trình hành động của Ban Chấp hành Đảng bộ phường."))
        .build()
        .pack(&mut buf)
        .expect("pack docx");
    buf.into_inner()
}

#[test]
fn docx_table_comes_back_with_the_same_rows() {
    let doc = theodoi_ingest::read_bytes("ctr.docx", &build()).expect("read docx");
    assert_eq!(doc.source.format, SourceFormat::Docx);
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(t.header, ["STT", "Tên chỉ tiêu", "Mục tiêu"]);
    let got: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
    let want: Vec<Vec<&str>> = ROWS[1..].iter().map(|r| r.to_vec()).collect();
    assert_eq!(got, want);
    // Groups, numbers, sub-rows.
    assert!(t.rows[0].is_group && t.rows[4].is_group);
    assert_eq!(t.rows[1].group.as_deref(), Some("I Các chỉ tiêu về công tác xây dựng Đảng"));
    assert_eq!(t.rows[3].parent, Some(2), "the unnumbered row belongs to row 2");
    // Each row is a line of the document, and the cell spans point at it.
    for r in &t.rows {
        let line = doc.line(r.span.start).expect("row line");
        assert!(line.contains(&r.cells[1].text), "{line}");
    }
    assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::Table && b.index == Some(0)));
    // Paragraph structure and metadata are read as for text.
    assert!(doc
        .blocks
        .iter()
        .any(|b| b.kind == BlockKind::Heading && b.heading.as_ref().is_some_and(|h| h.numbering == "I.")));
    assert_eq!(doc.meta.doc_type, theodoi_core::DocType::ChuongTrinhHanhDong);
}

/// A minimal DOCX written by hand: a footnote, an automatically numbered list, an entity.
fn hand_made() -> Vec<u8> {
    let document = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Chỉ đạo tổ chức đối thoại trực tiếp với Nhân dân</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve">; kịp thời lắng nghe &amp; giải quyết.</w:t></w:r></w:p>
<w:p/>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>Công tác xây dựng Đảng</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>Nhiệm vụ</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>Công tác kinh tế</w:t></w:r></w:p>
</w:body></w:document>"#;
    let footnotes = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Kế hoạch số 05-KH/ĐU ngày 29/8/2025.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"#;
    let numbering = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default();
        for (name, body) in [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
            ),
            ("word/document.xml", document),
            ("word/footnotes.xml", footnotes),
            ("word/numbering.xml", numbering),
        ] {
            z.start_file(name, o).expect("zip entry");
            z.write_all(body.as_bytes()).expect("zip write");
        }
        z.finish().expect("zip finish");
    }
    buf.into_inner()
}

#[test]
fn docx_footnotes_and_numbering() {
    let doc = theodoi_ingest::read_bytes("hand.docx", &hand_made()).expect("read");
    assert_eq!(
        doc.lines[0].text,
        "Chỉ đạo tổ chức đối thoại trực tiếp với Nhân dân1; kịp thời lắng nghe & giải quyết."
    );
    assert_eq!(doc.footnotes.len(), 1);
    let f = &doc.footnotes[0];
    assert_eq!(f.text, "Kế hoạch số 05-KH/ĐU ngày 29/8/2025.");
    assert_eq!((f.refs[0].line, f.refs[0].byte), (1, "Chỉ đạo tổ chức đối thoại trực tiếp với Nhân dân".len()));
    let para = doc.blocks.iter().find(|b| b.kind == BlockKind::Paragraph).expect("paragraph");
    assert_eq!(para.text, "Chỉ đạo tổ chức đối thoại trực tiếp với Nhân dân; kịp thời lắng nghe & giải quyết.");
    let numbers: Vec<&str> =
        doc.blocks.iter().filter_map(|b| b.heading.as_ref()).map(|h| h.numbering.as_str()).collect();
    assert_eq!(numbers, ["1.", "1.1.", "2."]);
}

#[test]
fn damaged_docx_is_an_error() {
    let bytes = build();
    let cut = &bytes[..bytes.len() / 2];
    let e = theodoi_ingest::read_bytes("cut.docx", cut).expect_err("truncated docx");
    assert!(matches!(e, theodoi_ingest::Error::Docx { .. } | theodoi_ingest::Error::Unrecognised { .. }), "{e}");
    assert!(e.to_string().contains("cut.docx"));
}

fn multi(paras: &[&str]) -> docx_rs::TableCell {
    paras.iter().fold(docx_rs::TableCell::new(), |c, t| c.add_paragraph(p(t)))
}

#[test]
fn docx_header_and_signature_tables_are_read_as_blocks() {
    let header = docx_rs::Table::new(vec![docx_rs::TableRow::new(vec![
        multi(&["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY PHƯỜNG NAM ĐỒNG", "*", "Số 12-CTr/ĐU"]),
        multi(&["ĐẢNG CỘNG SẢN VIỆT NAM", "Nam Đồng, ngày 15 tháng 10 năm 2025"]),
    ])]);
    let signature = docx_rs::Table::new(vec![docx_rs::TableRow::new(vec![
        multi(&["Nơi nhận:", "- Thường trực Thành ủy,", "- Lưu Văn phòng Đảng ủy."]),
        multi(&["T/M BAN CHẤP HÀNH", "BÍ THƯ", "Nguyễn Văn An"]),
    ])]);
    let mut buf = std::io::Cursor::new(Vec::new());
    docx_rs::Docx::new()
        .add_table(header)
        .add_paragraph(p("CHƯƠNG TRÌNH HÀNH ĐỘNG"))
        .add_paragraph(p("thực hiện Nghị quyết Đại hội Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030"))
        .add_paragraph(p("I. MỤC ĐÍCH, YÊU CẦU"))
        .add_paragraph(p("Tổ chức quán triệt sâu sắc nội dung Nghị quyết."))
        .add_table(signature)
        .build()
        .pack(&mut buf)
        .expect("pack");
    let doc = theodoi_ingest::read_bytes("ctr.docx", &buf.into_inner()).expect("read");
    assert!(doc.tables.is_empty(), "layout tables are not data tables");
    let m = &doc.meta;
    assert_eq!(m.org.as_deref(), Some("Phường Nam Đồng"));
    assert_eq!(m.parent_org.as_deref(), Some("Thành phố Hải Phòng"));
    assert_eq!(m.number.as_deref(), Some("12-CTr/ĐU"));
    assert_eq!(m.date.as_deref(), Some("2025-10-15"));
    assert_eq!(m.signer.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(m.doc_type, theodoi_core::DocType::ChuongTrinhHanhDong);
    assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::Header));
    assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::Closing));
}

#[test]
fn docx_text_boxes_read_once_and_outer_text_kept() {
    let document = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>
<w:p><w:r><w:t xml:space="preserve">Phường Nam Đồng, ngày 15 tháng 10 năm 2025</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>(Dự thảo)</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>(Dự thảo)</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> – bản trình Đại hội</w:t></w:r></w:p>
</w:body></w:document>"#;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(document.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    let doc = theodoi_ingest::read_bytes("box.docx", &buf.into_inner()).expect("read");
    let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["(Dự thảo)", "Phường Nam Đồng, ngày 15 tháng 10 năm 2025 – bản trình Đại hội"]);
}
