//! Which texts read as Vietnamese (`vietnamese_share`): damaged OCR and text typed without marks
//! keep their letters and pass; program code and prose in another language do not.

use theodoi_restore::{vietnamese_share, MIN_VIETNAMESE_SHARE};

fn pair(name: &str) -> String {
    let p = format!("{}/../../data/restore/pairs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn vietnamese_and_other_text() {
    let rows: Vec<(&str, String, bool)> = vec![
        ("clean", "Đảng bộ phường đã lãnh đạo hoàn thành 21/23 chỉ tiêu nhiệm kỳ 2020 - 2025.".into(), true),
        ("typed without marks", "Dang bo phuong da lanh dao hoan thanh cac chi tieu nhiem ky, thu ngan sach dat 102%.".into(), true),
        ("OCR, Liberation Serif", pair("d004-lib.001.ocr.txt"), true),
        ("OCR, DejaVu Serif", pair("d001-dejavu.002.ocr.txt"), true),
        ("shell script", "#!/usr/bin/env bash\nset -euo pipefail\nfor f in target/*.txt; do echo \"$f\"; grep -q x \"$f\" || exit 1; done\ncargo build --release\n".into(), false),
        ("Rust", "fn main() {\n    let args: Vec<String> = std::env::args().collect();\n    for a in &args { println!(\"{a}\"); }\n}\n".into(), false),
        ("English", "The committee met on Monday to review the budget for next year and asked the treasurer to prepare a revised plan.".into(), false),
        ("French", "Le comité s'est réuni lundi pour examiner le budget de l'année prochaine et préparer un plan révisé.".into(), false),
    ];
    for (what, text, viet) in rows {
        let s = vietnamese_share(&text);
        assert_eq!(s >= MIN_VIETNAMESE_SHARE, viet, "{what}: share {s:.3}");
    }
}

/// A restored document carries the restorer's confidence on every line; a line of words no
/// dictionary knows is doubtful, and a clean document gets none.
#[test]
fn restored_lines_carry_a_confidence() {
    let mut text = pair("d004-lib.000.ocr.txt");
    text.push_str("Phan d4u thu ng4n s4ch dat 102% dy toan (xqzvwk jjqqx vvkkz wqxz zzxq).\n");
    let lines = |t: &str| -> Vec<theodoi_core::Line> {
        t.lines()
            .enumerate()
            .map(|(i, l)| theodoi_core::Line { no: i as u32 + 1, text: l.into(), ..Default::default() })
            .collect()
    };
    let mut doc = theodoi_core::Document { lines: lines(&text), ..Default::default() };
    assert!(theodoi_restore::restore_document(&mut doc).is_some());
    assert!(doc.lines.iter().all(|l| l.confidence.is_some_and(|c| (0.0..=1.0).contains(&c))));
    let last = doc.lines.last().expect("lines");
    assert!(last.is_doubtful(), "{:?} {}", last.confidence, last.text);
    let sure = doc.lines.iter().filter(|l| !l.is_doubtful()).count();
    assert!(sure * 10 >= doc.lines.len() * 8, "most lines restored surely: {sure} of {}", doc.lines.len());
    let mut clean = theodoi_core::Document {
        lines: lines("Đảng bộ phường đã lãnh đạo hoàn thành 21/23 chỉ tiêu nhiệm kỳ 2020 - 2025, thu ngân sách đạt 102% dự toán."),
        ..Default::default()
    };
    assert!(theodoi_restore::restore_document(&mut clean).is_none());
    assert!(clean.lines.iter().all(|l| l.confidence.is_none()));
}

/// Capitals with no vowel are abbreviations, not damaged syllables: an OCR'd text keeps "THPT",
/// "GCN", "HS" (no vocabulary word needed) and spells a known one with its marks ("HDND" → "HĐND"),
/// while capitals that hold a vowel are still read as damaged words ("PANG" → "ĐẢNG").
#[test]
fn vowelless_capitals_are_abbreviations() {
    let text = "Pang bo phuong lanh dao 3 trudng THPT, cap GCN cho 120 h6 va 45 HS dat giai; \
                HDND phuong théng qua nghi quyét. PANG BO PHUONG";
    let m = theodoi_restore::default_model();
    let out = m.restore_text_as(text, theodoi_restore::Mode::Ocr);
    for keep in ["THPT", "GCN", "HS", "HĐND", "ĐẢNG BỘ"] {
        assert!(out.contains(keep), "{keep} not in {out}");
    }
}

/// A token no spelling explains well ("ti€u", a symbol for a letter) keeps more candidates than
/// one read cleanly, so that the context can still reach a word the channel ranks low ("tiêu").
#[test]
fn a_token_no_spelling_explains_keeps_more_candidates() {
    let m = theodoi_restore::default_model();
    let noisy = m.explain("ti€u", theodoi_restore::Mode::Ocr);
    let clear = m.explain("nhiem", theodoi_restore::Mode::Ocr);
    // The kept-as-is option (<unk>) comes on top of the beam.
    assert!(noisy.len() > m.params.beam + 1, "{noisy:?}");
    assert!(noisy.iter().any(|(w, _)| w == "tiêu"), "{noisy:?}");
    assert!(clear.len() <= m.params.beam + 1, "{clear:?}");
    assert!(clear.iter().any(|(w, _)| w == "nhiệm"), "{clear:?}");
}

/// Digits and odd symbols standing for marked vowels ("1&" and "1€" for "lệ", "13" for "là") are
/// read as the syllable the context asks for, while figures in the same text stay figures ("18
/// chỉ tiêu", "16 chỉ tiêu", "14 khâu").
#[test]
fn digits_and_symbols_for_letters() {
    let text = "Ty 1& ho ngheo cua phudng giam con 1,2%; ty 1€ bao phu bao hiém y té dat 95%.\n\
                Cong tac can bo, nhat 13 doi voi can bo chu chét, 14 khau then chét.\n\
                Nam 2025 c6 18 chi tiéu dat va vuot, 16 chi tiéu khong dat.";
    let m = theodoi_restore::default_model();
    let out = m.restore_text_as(text, theodoi_restore::Mode::Ocr);
    for want in
        ["Tỷ lệ hộ nghèo", "tỷ lệ bao phủ", "nhất là đối với", "14 khâu", "18 chỉ tiêu", "16 chỉ tiêu", "1,2%", "95%"]
    {
        assert!(out.contains(want), "{want} not in {out}");
    }
}

/// Tone placement follows the scan where it shows ("hod": the mark stood on the a, "hoá"; "héa":
/// on the o, "hóa"), and the model's own placement where it does not ("uy" → "ủy").
#[test]
fn tone_placement_follows_clear_evidence_of_the_scan() {
    let text = "Day manh chuyén déi sé, hién dai hod nén hanh chinh; cong nghiép hod, hién dai héa dat nudc.\n\
                Ban Thuong vu Dang uy phudng, Uy ban nhan dan phudng, dang uy vién.";
    let m = theodoi_restore::default_model();
    let out = m.restore_text_as(text, theodoi_restore::Mode::Ocr);
    for want in ["hiện đại hoá nền", "công nghiệp hoá", "hiện đại hóa đất nước", "Đảng ủy phường", "Ủy ban nhân dân"]
    {
        assert!(out.contains(want), "{want} not in {out}");
    }
}
