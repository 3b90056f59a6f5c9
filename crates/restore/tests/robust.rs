//! No input makes the restorer panic, and lines stay one to one.
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn any_text_keeps_line_count(s in "\\PC{0,80}(\n\\PC{0,40}){0,3}") {
        let out = theodoi_restore::restore_text(&s);
        prop_assert_eq!(out.split('\n').count(), s.split('\n').count());
        let _ = theodoi_restore::damage(&s);
    }

    #[test]
    fn any_bytes_lossy(b in proptest::collection::vec(any::<u8>(), 0..200)) {
        let s = String::from_utf8_lossy(&b);
        let out = theodoi_restore::restore_text(&s);
        prop_assert_eq!(out.split('\n').count(), s.split('\n').count());
    }
}

#[test]
fn long_tokens_and_lines_are_cheap() {
    let long_word = "a".repeat(5000);
    let text = format!("{long_word} ctia dang bo\n{}", "Pang bo ".repeat(3000));
    let t = std::time::Instant::now();
    let out = theodoi_restore::restore_text(&text);
    assert_eq!(out.split('\n').count(), 2);
    assert!(out.starts_with(&long_word));
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}

#[test]
fn document_with_a_break_inside_a_line_keeps_its_lines() {
    let mut doc = theodoi_core::Document::default();
    for (i, t) in
        ["Pang bo phuong ctia", "nhiém ky\nXVI Pang bo", "thanh 1ap theo Nghi quyét s6 57-NQ/TW"].iter().enumerate()
    {
        doc.lines.push(theodoi_core::Line { no: i as u32 + 1, text: t.to_string(), ..Default::default() });
    }
    let r = theodoi_restore::restore_document(&mut doc);
    assert!(r.is_some());
    assert_eq!(doc.lines.len(), 3);
    assert!(doc.lines[2].text.contains("57-NQ/TW"), "{}", doc.lines[2].text);
    assert_eq!(doc.lines[0].original.as_deref(), Some("Pang bo phuong ctia"));
}
