//! Which documents ingest restores: clean Vietnamese holding words of another language or code
//! is left exactly as written; every OCR'd page of the project's pairs still reads as damaged.

/// A clean plan with SQL and HTML in it, as the web's upload test sends (its "DROP" was restored
/// to "RỢP" when the foreign words alone made the text look like damaged OCR).
const CLEAN_WITH_CODE: &str = "ĐẢNG BỘ THÀNH PHỐ BẮC LÂM\nĐẢNG ỦY PHƯỜNG HÒA BÌNH\n*\nSố 12-KH/ĐU\n\nKẾ HOẠCH\n\
    thực hiện nhiệm vụ năm 2026 <script>alert('tieu-de')</script>\n\n\
    1. Phấn đấu kết nạp 15 đảng viên mới trong năm 2026 '; DROP TABLE targets; -- <img src=x onerror=alert(1)>.\n\
    2. Giao Văn phòng Đảng ủy <script>alert('nv')</script> chủ trì, hoàn thành trước ngày 30/9/2026.\n";

#[test]
fn clean_text_with_foreign_words_is_not_restored() {
    let doc = theodoi_ingest::read_bytes("ke-hoach.txt", CLEAN_WITH_CODE.as_bytes()).expect("reads");
    assert!(!doc.source.restored, "{:?}", doc.diagnostics);
    let text: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    assert!(text.iter().any(|l| l.contains("'; DROP TABLE targets; -- <img src=x onerror=alert(1)>")), "{text:?}");
    assert!(doc.lines.iter().all(|l| l.original.is_none() && l.confidence.is_none()));
}

#[test]
fn every_ocr_page_of_the_pairs_is_still_restored() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/restore/pairs");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).expect("data/restore/pairs") {
        let p = e.expect("entry").path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let bytes = std::fs::read(&p).expect("read");
        let doc = theodoi_core::Document {
            lines: String::from_utf8_lossy(&bytes)
                .lines()
                .enumerate()
                .map(|(i, l)| theodoi_core::Line { no: i as u32 + 1, text: l.into(), ..Default::default() })
                .collect(),
            ..Default::default()
        };
        let a = theodoi_restore::assess_document(&doc);
        if name.ends_with(".ocr.txt") {
            n += 1;
            // Pages too short to judge (fewer than 5 words) were never restored either.
            let d = theodoi_restore::damage(&String::from_utf8_lossy(&bytes));
            if d.is_damaged() {
                assert!(matches!(a, theodoi_restore::Assessment::Damaged(_)), "{name}: {d:?}");
            }
        } else if name.ends_with(".truth.txt") {
            assert!(matches!(a, theodoi_restore::Assessment::Clean), "{name}");
        }
    }
    assert!(n > 100, "{n} OCR pages");
}
