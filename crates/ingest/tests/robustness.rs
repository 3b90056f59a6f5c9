//! Bad input gets a clear error naming the file; no reader panics on any bytes.

use proptest::prelude::*;
use theodoi_ingest::{read_bytes, read_path, read_path_with, Error, Options};

#[test]
fn nonexistent_path() {
    let e = read_path(std::path::Path::new("/no/such/dir/bao_cao.txt")).expect_err("missing");
    assert!(matches!(e, Error::NotFound { .. }));
    assert_eq!(e.to_string(), "/no/such/dir/bao_cao.txt: no such file");
}

#[test]
fn empty_and_blank_files() {
    for bytes in [&b""[..], b"   \n\n \t\n"] {
        let e = read_bytes("trong.txt", bytes).expect_err("empty");
        assert!(matches!(e, Error::Empty { .. }), "{e}");
        assert!(e.to_string().starts_with("trong.txt: the file is empty"));
    }
}

#[test]
fn binary_junk() {
    let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let e = read_bytes("rac.bin", &junk).expect_err("junk");
    assert!(matches!(e, Error::Unrecognised { .. } | Error::Encoding { .. }), "{e}");
    assert!(e.to_string().contains("rac.bin"));
    // A ZIP that is not a DOCX.
    let e = read_bytes("a.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00junk").expect_err("zip");
    assert!(e.to_string().contains("not a DOCX") || matches!(e, Error::Docx { .. }), "{e}");
}

#[test]
fn invalid_text_names_the_line() {
    // Valid UTF-8 lines, then bytes that fit no encoding well.
    let mut bytes = "Dòng một\nDòng hai\n".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE, 0x80, 0x81, b'\n']);
    match read_bytes("hong.txt", &bytes) {
        Err(Error::Encoding { line, .. }) => assert_eq!(line, 3),
        Err(e) => panic!("unexpected error {e}"),
        Ok(doc) => assert!(!doc.diagnostics.is_empty(), "damaged bytes must be reported"),
    }
}

#[test]
fn huge_file_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lon.txt");
    let f = std::fs::File::create(&path).unwrap();
    // 200 MB, sparse: no disk or memory is used unless someone reads it.
    f.set_len(200 * 1024 * 1024).unwrap();
    let e = read_path(&path).expect_err("too large");
    assert!(matches!(e, Error::TooLarge { size, .. } if size == 200 * 1024 * 1024), "{e}");
    assert!(e.to_string().contains("lon.txt") && e.to_string().contains("limit"), "{e}");
    // The limit is an option.
    let small = Options { max_bytes: 10, ..Options::default() };
    std::fs::write(&path, "Đảng bộ phường Nam Đồng").unwrap();
    assert!(matches!(read_path_with(&path, &small), Err(Error::TooLarge { .. })));
}

#[test]
fn directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let e = read_path(dir.path()).expect_err("dir");
    assert!(e.to_string().contains("directory"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn text_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_bytes("x.txt", &bytes);
    }

    #[test]
    fn layout_never_panics_on_text(text in "(\\PC{0,60}\n){0,40}") {
        if let Ok(doc) = read_bytes("x.txt", text.as_bytes()) {
            for (i, l) in doc.lines.iter().enumerate() {
                prop_assert_eq!(l.no as usize, i + 1);
            }
            for b in &doc.blocks {
                prop_assert!(b.span.start >= 1 && b.span.end as usize <= doc.lines.len().max(1));
            }
        }
    }

    #[test]
    fn layout_never_panics_on_document_like_text(lines in proptest::collection::vec(
        prop_oneof![
            Just(String::new()), Just(" ".repeat(43)), Just("  ".into()),
            "(PHẦN|Phần thứ) (I|II|nhất)", "[IVX]{1,3}\\. [A-ZĐ ]{3,20}", "[0-9]{1,2}(\\.[0-9]{1,2}){0,2}\\. [A-Za-zđ ]{1,30}",
            "\\([0-9]{1,2}\\)\\.? [A-Za-zĐđ ]{1,40}", "[0-9]{1,2} ?[A-ZĐ][a-zđ ]{0,40}", "[-+*] [A-Za-z ]{0,30}",
            "(STT|TT) (TÊN CHỈ TIÊU|Chỉ tiêu) (MỤC TIÊU|Đơn vị tính Thực hiện So sánh)", " PHỤ LỤC 0[1-3]",
            "[A-Za-zđ ]{0,20}(\\([0-9]{1,2}\\)|[a-z][0-9]{1,2}[;.,])[ a-z]{0,20}", "Nơi nhận:", "T/M BAN CHẤP HÀNH", "BÁO CÁO",
            "[a-zà-ỹ ,.;:0-9%/()\\-]{0,90}", "(trên|đạt) [0-9]{1,3}(,[0-9])?%( trở lên)?", " {1,9}[0-9]{1,3} {1,7}(Đạt|Vượt|Không đạt) ?",
            "(STT|TT) {2,9}Tên chỉ tiêu {2,9}(Đơn vị tính {2,9})?Mục tiêu {2,9}Thực hiện( {2,9}So sánh)?",
            " {0,3}[0-9IVX]{0,2} {2,14}[A-Za-zđ ]{0,25}( {2,9}[0-9,%]{1,6}){0,3}( {2,6}(Đạt|Vượt))?",
        ], 0..80)) {
        let text = lines.join("\n");
        let _ = read_bytes("doc.txt", text.as_bytes());
    }

    #[test]
    fn docx_reader_never_panics(tail in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let mut bytes = b"PK\x03\x04word/document.xml".to_vec();
        bytes.extend(tail);
        let _ = read_bytes("x.docx", &bytes);
    }
}

proptest! {
    // These start external programs: fewer cases.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn pdf_reader_never_panics(tail in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.extend(tail);
        let r = read_bytes("x.pdf", &bytes);
        prop_assert!(r.is_err());
    }

    #[test]
    fn image_reader_never_panics(tail in proptest::collection::vec(any::<u8>(), 0..256)) {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend(tail);
        let r = read_bytes("x.png", &bytes);
        prop_assert!(r.is_err());
    }
}

#[test]
fn legacy_office_formats_get_a_hint() {
    let e = read_bytes("cu.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0").expect_err("doc");
    assert!(e.to_string().contains("cu.doc") && e.to_string().contains("--convert-to docx"), "{e}");
    let e = read_bytes("cu.rtf", br"{\rtf1\ansi Dang bo}").expect_err("rtf");
    assert!(e.to_string().contains("RTF"), "{e}");
}

/// Text with no Vietnamese in it is refused, not "restored" into made-up Vietnamese; damaged
/// OCR of Vietnamese and Vietnamese typed without marks are still read (and restored).
#[test]
fn text_that_is_not_vietnamese_is_refused() {
    let script = "#!/usr/bin/env bash\nset -euo pipefail\ncd \"$(dirname \"$0\")/..\"\nfor f in target/*.txt; do\n  echo \"checking $f\"\n  grep -q pattern \"$f\" || exit 1\ndone\ncargo build --release --workspace\n";
    let english = "The committee met on Monday to review the budget for next year. Members agreed that \
                   spending on schools should rise, and asked the treasurer to prepare a revised plan \
                   before the end of the month.\n";
    let rust =
        "fn main() {\n    let args: Vec<String> = std::env::args().collect();\n    println!(\"{:?}\", args);\n}\n";
    for (name, text) in [("build.sh", script), ("minutes.txt", english), ("main.rs", rust)] {
        let e = read_bytes(name, text.as_bytes()).expect_err(name);
        assert!(matches!(e, Error::NotVietnamese { .. }), "{name}: {e}");
        let msg = e.to_string();
        assert!(
            msg.starts_with(&format!("{name}: not Vietnamese text")) && msg.contains("expected a Vietnamese document"),
            "{msg}"
        );
    }
    // Vietnamese typed without marks: read and restored.
    let unmarked = "Dang bo phuong Nam Dong lanh dao thuc hien thang loi cac chi tieu kinh te xa hoi nam 2025.\n\
                    Thu ngan sach tren dia ban dat 102% du toan, ty le ho ngheo giam con 0,5%.\n";
    let doc = read_bytes("khongdau.txt", unmarked.as_bytes()).expect("unmarked Vietnamese");
    assert!(doc.source.restored);
    assert!(doc.lines[0].text.starts_with("Đảng bộ phường"), "{}", doc.lines[0].text);
    // Wrong-language OCR of Vietnamese (a generated pair the repository keeps).
    let ocr = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/restore/pairs/d004-lib.003.ocr.txt"))
        .expect("OCR pair in data/restore/pairs");
    let doc = read_bytes("scan.txt", &ocr).expect("damaged Vietnamese OCR");
    assert!(doc.source.restored);
}
