//! Text in the encodings ward offices use, converted to the right Unicode (NFC).

use theodoi_core::BlockKind;
use unicode_normalization::UnicodeNormalization;

/// Real sentences of the corpus style (not copied from any one document).
const TEXT: &str = "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG\n\n\
I. MỤC ĐÍCH, YÊU CẦU\n\n\
- Tổ chức quán triệt sâu sắc nội dung Nghị quyết Đại hội đại biểu Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030; \
phấn đấu hằng năm kết nạp đảng viên mới đạt tỉ lệ 3% tổng số đảng viên của Đảng bộ.\n\n\
- Ủy ban nhân dân phường chủ trì, phối hợp với Mặt trận Tổ quốc Việt Nam; hoàn thành trước ngày 15/12/2025.\n";

fn check(doc: &theodoi_core::Document, enc: &str) {
    assert_eq!(doc.source.encoding.as_deref(), Some(enc));
    let want: Vec<&str> = TEXT.lines().collect();
    let got: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(got, want, "{enc}");
    assert!(doc
        .blocks
        .iter()
        .any(|b| b.kind == BlockKind::Heading && b.heading.as_ref().is_some_and(|h| h.numbering == "I.")));
}

#[test]
fn tcvn3_file_converts() {
    let bytes = theodoi_ingest::legacy::encode_tcvn3(TEXT).expect("encodable");
    assert!(std::str::from_utf8(&bytes).is_err(), "TCVN3 bytes must not be UTF-8");
    let doc = theodoi_ingest::read_bytes("tcvn3.txt", &bytes).expect("read");
    check(&doc, "tcvn3");
}

#[test]
fn tcvn3_upper_case_in_vntimeh_style() {
    // .VnTimeH fonts show lower-case codes as capitals: "§¶NG Bé" is "ĐẢNG BỘ".
    let bytes = b"\xA7\xB6NG B\xE9 TH\xB5NH PH\xE8";
    let doc = theodoi_ingest::read_bytes("h.txt", bytes).expect("read");
    assert_eq!(doc.lines[0].text, "ĐẢNG BỘ THÀNH PHỐ");
}

#[test]
fn vni_file_converts() {
    let bytes = theodoi_ingest::legacy::encode_vni(TEXT).expect("encodable");
    // "Đảng" is written "Ñaûng" in VNI-Windows.
    assert!(bytes.windows(5).any(|w| w == b"\xD1a\xFBng"));
    let doc = theodoi_ingest::read_bytes("vni.txt", &bytes).expect("read");
    check(&doc, "vni");
}

#[test]
fn windows_1258_converts() {
    // Windows-1258 writes tones as combining marks after letters that carry only a
    // shape (â ê ô ơ ư ă đ are precomposed).
    let mut decomposed = String::new();
    for c in TEXT.chars() {
        let d: String = c.nfd().collect();
        let tones: String =
            d.chars().filter(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')).collect();
        let shape: String = d.chars().filter(|m| !tones.contains(*m)).collect::<String>().nfc().collect();
        decomposed.push_str(&shape);
        decomposed.push_str(&tones);
    }
    let (bytes, _, errors) = encoding_rs::WINDOWS_1258.encode(&decomposed);
    assert!(!errors, "all characters encodable");
    let doc = theodoi_ingest::read_bytes("cp1258.txt", &bytes).expect("read");
    check(&doc, "windows-1258");
}

#[test]
fn utf16_with_bom_converts() {
    for (bom, le) in [(&[0xFF, 0xFE][..], true), (&[0xFE, 0xFF][..], false)] {
        let mut bytes = bom.to_vec();
        for u in TEXT.encode_utf16() {
            bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let doc = theodoi_ingest::read_bytes("u16.txt", &bytes).expect("read");
        check(&doc, if le { "utf-16le" } else { "utf-16be" });
    }
}

#[test]
fn utf8_bom_and_nfd_become_nfc() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(TEXT.nfd().collect::<String>().as_bytes());
    let doc = theodoi_ingest::read_bytes("nfd.txt", &bytes).expect("read");
    check(&doc, "utf-8");
}

#[test]
fn two_column_header_as_pdftotext_layout_prints_it() {
    let text = "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG                 ĐẢNG CỘNG SẢN VIỆT NAM\n\
    ĐẢNG ỦY PHƯỜNG NAM ĐỒNG\n\
            *                        Nam Đồng, ngày 15 tháng 10 năm 2025\n\
      Số 12-CTr/ĐU\n\n\
                       CHƯƠNG TRÌNH HÀNH ĐỘNG\n\
     thực hiện Nghị quyết Đại hội Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030\n\n\
    Để thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ phường Nam Đồng lần thứ I, Ban Chấp hành xây dựng Chương trình hành động như sau:\n";
    let doc = theodoi_ingest::read_bytes("layout.txt", text.as_bytes()).expect("read");
    let m = &doc.meta;
    assert_eq!(m.org.as_deref(), Some("Phường Nam Đồng"));
    assert_eq!(m.parent_org.as_deref(), Some("Thành phố Hải Phòng"));
    assert_eq!(m.date.as_deref(), Some("2025-10-15"));
    assert_eq!(m.place.as_deref(), Some("Nam Đồng"));
    assert_eq!(m.number.as_deref(), Some("12-CTr/ĐU"));
    assert_eq!(m.doc_type, theodoi_core::DocType::ChuongTrinhHanhDong);
    assert_eq!(m.term.as_deref(), Some("2025-2030"));
}

#[test]
fn footnote_numbering_restarting_on_each_page() {
    let rule = " ".repeat(40);
    // (Built from pieces: a `\` line continuation would eat the leading space that
    // marks where a page resumes.)
    let text = [
        "Chỉ đạo tổ chức đối thoại trực tiếp giữa Bí thư Đảng ủy với Nhân dân1; kịp thời lắng nghe.",
        "",
        &rule,
        "1 Kế hoạch số 05-KH/ĐU ngày 29/8/2025 của Ban Thường vụ Đảng ủy phường.",
        " Tiếp tục triển khai phong trào thi đua trong toàn Đảng bộ phường2 và các chi bộ trực thuộc.",
        "",
        &rule,
        "2 Kế hoạch số 06-KH/ĐU ngày 30/8/2025.",
        " Trang sau: tăng cường công tác kiểm tra, giám sát của cấp ủy cơ sở1 theo quy định.",
        "",
        &rule,
        "1 Quyết định số 08-QĐ/ĐU ngày 29/8/2025 của Ban Thường vụ Đảng ủy phường.",
    ]
    .join("\n");
    let doc = theodoi_ingest::read_bytes("restart.txt", text.as_bytes()).expect("read");
    let marks: Vec<&str> = doc.footnotes.iter().map(|f| f.mark.as_str()).collect();
    assert_eq!(marks, ["1", "2", "1"]);
    assert!(doc.footnotes[2].text.starts_with("Quyết định số 08-QĐ/ĐU"));
    assert_eq!(doc.footnotes[2].refs[0].line, 9);
}
