//! Assertions on the real corpus documents (../shared/corpus).

use theodoi_core::{BlockKind, Document};

fn corpus(name: &str) -> Document {
    let path = format!("{}/../../../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    match theodoi_ingest::read_path(std::path::Path::new(&path)) {
        Ok(d) => d,
        Err(e) => panic!("{path}: {e}"),
    }
}

const D000: &str = "000_833fb06171799308.txt";
const D001: &str = "001_64546df3e81a90e8.txt";
const D003: &str = "003_3e9ea53f03890cc0.txt";
const D004: &str = "004_b4f7ce02ed2c6c24.txt";

#[test]
fn lines_keep_file_numbering() {
    for name in [D000, D001, D003, D004] {
        let path = format!("{}/../../../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
        let raw = std::fs::read_to_string(&path).expect("corpus file");
        let doc = corpus(name);
        assert_eq!(doc.id, name);
        assert_eq!(doc.lines.len(), raw.lines().count(), "{name}");
        for (i, (l, r)) in doc.lines.iter().zip(raw.lines()).enumerate() {
            assert_eq!(l.no as usize, i + 1);
            assert_eq!(l.text, r, "{name}:{}", i + 1);
        }
    }
}

/// Every footnote 1..=n is found once, in order, its mark linked to a line before it
/// whose text holds the mark.
fn assert_footnotes(doc: &Document, n: usize) {
    let marks: Vec<&str> = doc.footnotes.iter().map(|f| f.mark.as_str()).collect();
    let want: Vec<String> = (1..=n).map(|k| k.to_string()).collect();
    assert_eq!(marks, want, "{}", doc.id);
    for f in &doc.footnotes {
        assert_eq!(f.refs.len(), 1, "{} footnote {}", doc.id, f.mark);
        let r = &f.refs[0];
        assert!(r.line < f.span.start, "{} footnote {}: mark after the note", doc.id, f.mark);
        let line = doc.line(r.line).expect("mark line");
        let at = &line[r.byte..];
        assert!(at.trim_start_matches(['(', ' ']).starts_with(&f.mark), "{} footnote {}: line {} at {} is {at:?}", doc.id, f.mark, r.line, r.byte);
        assert!(!f.text.is_empty());
        // The footnote's lines are not in any paragraph.
        for b in doc.blocks.iter().filter(|b| b.kind != BlockKind::Footnote) {
            assert!(!b.text.contains(&f.text), "{} footnote {} left in block {:?}", doc.id, f.mark, b.span);
        }
    }
    let fn_blocks = doc.blocks.iter().filter(|b| b.kind == BlockKind::Footnote).count();
    assert_eq!(fn_blocks, n);
}

#[test]
fn footnotes_000_detached_and_linked() {
    let doc = corpus(D000);
    assert_footnotes(&doc, 53);
    let f1 = &doc.footnotes[0];
    assert!(f1.text.starts_with("Đảng bộ Xã Quang Trung hợp nhất"), "{}", f1.text);
    assert!(f1.text.ends_with("khóa XXIV."), "{}", f1.text);
    // "sáp nhập(1)" → footnote 1
    let l = doc.line(f1.refs[0].line).unwrap();
    assert!(l[..f1.refs[0].byte].ends_with("sáp nhập"), "{l}");
}

#[test]
fn footnotes_003_detached_and_linked() {
    let doc = corpus(D003);
    assert_footnotes(&doc, 21);
    // "Nhân dân1;" → footnote 1
    let f1 = &doc.footnotes[0];
    let l = doc.line(f1.refs[0].line).unwrap();
    assert!(l[..f1.refs[0].byte].ends_with("Nhân dân"), "{l}");
    assert!(f1.text.starts_with("Kế hoạch số 05-KH/ĐU"));
    // Footnote 3 runs on to the next page: its continuation is attached to it.
    assert!(doc.footnotes[2].text.contains("Giải báo chí toàn quốc về xây dựng Đảng"), "{}", doc.footnotes[2].text);
}

#[test]
fn sentence_split_by_footnotes_is_joined() {
    let doc = corpus(D003);
    // "… triển khai phong trào “Bình dân học vụ số”4. Kế hoạch" / footnotes / " tuyên truyền Đại hội …"
    let b = doc
        .blocks
        .iter()
        .find(|b| b.text.contains("Bình dân học vụ số”. Kế hoạch tuyên truyền Đại hội đại biểu Đảng bộ Thành phố"))
        .unwrap_or_else(|| panic!("joined sentence not found"));
    assert!(!b.text.contains("Hướng dẫn về nội dung tuyên truyền"), "footnote text left in the paragraph");
    assert!(b.text.contains("Nhà nước; Chỉ đạo quán triệt"), "mark 2 not removed: {}", b.text);

    let doc = corpus(D000);
    // A sentence broken by the page's footnotes: "… việc thực hiện Chỉ thị" ... " gắn với tăng cường …"
    assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::Paragraph && b.text.contains("trong Nhân dân. Công tác xây dựng Đảng về đạo đức") || b.text.contains("kiến nghị được chỉ đạo giải quyết tạo sự ổn định và đồng thuận cao trong Nhân dân.")));
    let p = doc.blocks.iter().find(|b| b.text.contains("đánh giá kết quả thực hiện các chỉ thị, nghị quyết, chủ trương, nhiệm vụ của cấp ủy gắn với tăng cường kiểm tra"));
    assert!(p.is_some(), "paragraph across footnote 40 not joined");
}

#[test]
fn headings_with_numbering_and_levels() {
    let doc = corpus(D000);
    let h = |num: &str| doc.blocks.iter().find(|b| b.kind == BlockKind::Heading && b.heading.as_ref().is_some_and(|h| h.numbering == num));
    let part = h("PHẦN I").expect("PHẦN I");
    let ph = part.heading.as_ref().unwrap();
    assert!(ph.title.starts_with("ĐÁNH GIÁ TÌNH HÌNH, KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2020 - 2025"), "{}", ph.title);
    let roman = h("I.").expect("I.");
    let arabic = h("1.").expect("1.");
    let two = h("2.1.").expect("2.1.");
    let (lp, lr, la, l2) = (ph.level, roman.heading.as_ref().unwrap().level, arabic.heading.as_ref().unwrap().level, two.heading.as_ref().unwrap().level);
    assert!(lp < lr && lr < la && la < l2, "{lp} {lr} {la} {l2}");
    assert_eq!(lp, 1);

    let doc = corpus(D004);
    let items: Vec<_> = doc.blocks.iter().filter(|b| b.kind == BlockKind::ListItem).collect();
    assert!(items.iter().any(|b| b.heading.as_ref().is_some_and(|h| h.numbering == "(1).")));
    assert!(items.iter().any(|b| b.heading.as_ref().is_some_and(|h| h.numbering == "-")));
    assert!(items.iter().any(|b| b.heading.as_ref().is_some_and(|h| h.numbering == "*")));
    let h3 = doc.blocks.iter().find(|b| b.heading.as_ref().is_some_and(|h| h.numbering == "1.2.1.")).expect("1.2.1.");
    // A heading broken across two lines is one block.
    assert_eq!(h3.heading.as_ref().unwrap().title, "Đổi mới phương thức lãnh đạo, chỉ đạo điều hành của Đảng uỷ và cấp uỷ Đảng");
}

#[test]
fn paragraphs_rejoined_across_hard_breaks() {
    let doc = corpus(D000);
    let p = doc.blocks.iter().find(|b| b.text.starts_with("Phường Lê Ích Mộc được thành lập theo Nghị quyết số 1915/NQ-UBTVQH15")).expect("first paragraph");
    assert_eq!(p.kind, BlockKind::Paragraph);
    assert!(p.text.ends_with("với 1.552 đảng viên."), "{}", p.text);
    assert_eq!((p.span.start, p.span.end), (29, 43));
    assert!(!p.text.contains("  "));
    // Blocks never contain whitespace-only rule lines or lone page numbers.
    assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::Table || !b.text.trim().is_empty()));
}
