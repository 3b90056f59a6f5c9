//! Front matter and closing: header, title, "Nơi nhận" / "T/M …" / signer; parts,
//! document types, organisation, parent, number, place, date, term, draft.
//!
//! The patterns are those of the Party's rules for document layout (Hướng dẫn thể
//! thức văn bản của Đảng): the issuing committee and its parent top left, "ĐẢNG
//! CỘNG SẢN VIỆT NAM" top right, "Số …-BC/ĐU", "…, ngày … tháng … năm …", the
//! type word (BÁO CÁO, CHƯƠNG TRÌNH HÀNH ĐỘNG …) and the title; at the end "Nơi
//! nhận:", "T/M BAN CHẤP HÀNH", the signer's role and name.

use crate::footnotes::norm_ws;
use crate::layout::{LineClass, Lines};
use std::sync::LazyLock;
use theodoi_core::{BlockKind, DocType, DocumentMeta, LineSpan, Part};
use theodoi_text::fold;

/// Front matter and closing found in the lines.
pub(crate) struct Front {
    /// Header/Title/Closing for lines that belong to them.
    pub kind: Vec<Option<BlockKind>>,
    /// The documents in the file, in order.
    pub parts: Vec<Part>,
    /// Metadata of the first document (the file's).
    pub meta: DocumentMeta,
}

/// Words that open a document title, folded: the kinds of document of the genre's one lexicon
/// (theodoi_text::lexicon) that title a document.
fn type_words() -> &'static [String] {
    theodoi_text::doc_kinds_folded(theodoi_text::KindRole::Title)
}

fn is_upper(t: &str) -> bool {
    theodoi_text::is_upper_text(t, 2)
}

/// "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG UỶ PHƯỜNG LÊ ÍCH MỘC".
/// Parts of a line separated by wide gaps (4+ spaces) or " | " (columns laid side by side).
fn segments(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in t.split(" | ") {
        let mut rest = part;
        while let Some(at) = rest.find("    ") {
            let seg = rest[..at].trim();
            if !seg.is_empty() {
                out.push(seg);
            }
            rest = rest[at..].trim_start();
        }
        let seg = rest.trim();
        if !seg.is_empty() {
            out.push(seg);
        }
    }
    out
}

fn org_line(t: &str) -> Option<String> {
    if !is_upper(t) || t.chars().count() > 70 {
        return None;
    }
    let f = fold(t);
    for p in [
        // the committee's inspection commission issues its own reports
        "uy ban kiem tra dang uy ",
        "uy ban kiem tra dang bo ",
        "ban chap hanh dang bo ",
        "ban thuong vu dang uy ",
        "dang bo ",
        "dang uy ",
        "chi bo ",
        "ban chap hanh ",
        "ban thuong vu ",
    ] {
        if let Some(rest) = f.strip_prefix(p) {
            // Keep the original letters of the rest: count the words of the prefix.
            let skip = p.split_whitespace().count();
            let words: Vec<&str> = t.split_whitespace().skip(skip).collect();
            if words.is_empty() || rest.trim().is_empty() {
                return None;
            }
            return Some(unit_case(&words.join(" ")));
        }
    }
    None
}

/// Administrative-unit words, folded, longest first.
const UNITS: &[&str] = &["thanh pho", "thi tran", "thi xa", "dac khu", "phuong", "tinh", "quan", "huyen", "xa"];

/// "PHƯỜNG LÊ ÍCH MỘC" → "Phường Lê Ích Mộc"; "THÀNH PHỐ HẢI PHÒNG" → "Thành phố Hải Phòng".
pub(crate) fn unit_case(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let f = fold(s);
    let unit_len =
        UNITS.iter().find(|u| f == **u || f.starts_with(&format!("{u} "))).map_or(0, |u| u.split(' ').count());
    let mut out = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if k > 0 && k < unit_len {
            out.push(lower);
        } else {
            let mut cs = lower.chars();
            let cap: String = cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default();
            out.push(cap);
        }
    }
    out.join(" ")
}

fn number_line(t: &str) -> Option<Option<String>> {
    let rest = t.strip_prefix("Số").or_else(|| t.strip_prefix("SỐ"))?;
    let c = rest.chars().next()?;
    if c.is_alphabetic() || t.chars().count() > 40 {
        return None;
    }
    let n = rest.trim_start_matches([' ', ':', '.', '…']).trim();
    let n: String = n.chars().filter(|c| !matches!(c, '…')).collect::<String>().trim_matches('.').trim().to_string();
    // "Số.........-BC/ĐU": no number yet (a draft); keep None.
    Some(if n.starts_with(|c: char| c.is_ascii_digit()) { Some(n) } else { None })
}

fn is_draft(t: &str) -> bool {
    let f = fold(t);
    let f = f.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
    f == "du thao" || f == "du thao lan 1" || f.starts_with("du thao ")
}

fn is_motto(t: &str) -> bool {
    let f = fold(t);
    f == "dang cong san viet nam" || f == "cong hoa xa hoi chu nghia viet nam"
}

/// "Phường Lê Ích Mộc, ngày .... tháng 8 năm 2025" → (place, ISO date or year-month).
fn place_date(t: &str) -> Option<(Option<String>, Option<String>)> {
    if t.chars().count() > 90 {
        return None;
    }
    let f = fold(t);
    let at = f.find("ngay")?;
    let tail = &f[at..];
    let words: Vec<&str> = tail.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    // ngay D thang M nam Y (D and M may be dots)
    let pos = |w: &str| words.iter().position(|x| *x == w);
    let (ti, ni) = (pos("thang")?, pos("nam")?);
    if ti > 2 || ni <= ti || ni > ti + 3 {
        return None;
    }
    let num = |s: &str| -> Option<u32> {
        let d: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
        d.parse().ok()
    };
    let day = words.get(1).filter(|_| ti == 2).and_then(|w| num(w));
    let month = words.get(ti + 1).and_then(|w| num(w));
    let year = words.get(ni + 1).and_then(|w| num(w)).filter(|y| (1900..=2200).contains(y))?;
    let date = match (day, month) {
        (Some(d), Some(m)) if (1..=31).contains(&d) && (1..=12).contains(&m) => {
            Some(format!("{year:04}-{m:02}-{d:02}"))
        }
        (None, Some(m)) if (1..=12).contains(&m) => Some(format!("{year:04}-{m:02}")),
        _ => Some(format!("{year:04}")),
    };
    // The place is what stands before ", ngày" in the original text.
    let place =
        t.find(", ngày").or_else(|| t.find(",ngày")).map(|i| t[..i].trim().to_string()).filter(|p| !p.is_empty());
    Some((place, date))
}

pub(crate) fn type_word(t: &str) -> bool {
    if !is_upper(t) || t.chars().count() > 90 {
        return false;
    }
    let f = fold(t);
    type_words().iter().any(|w| f == *w || f.starts_with(&format!("{w} ")))
}

fn is_dash_rule(t: &str) -> bool {
    let tt = t.trim();
    tt.chars().count() >= 3 && tt.chars().all(|c| matches!(c, '-' | '–' | '—' | '_' | '='))
}

/// The document type a title or a phrase names, if any.
/// Periods shorter than a year in a report's title (folded): its review is a sơ kết.
const PART_OF_YEAR: &[&str] = &["6 thang", "sau thang", "9 thang", "chin thang", " quy "];

pub(crate) fn doc_type_of(text: &str) -> Option<DocType> {
    let f = fold(text);
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric());
    if f.contains("bao cao chinh tri") {
        return Some(DocType::BaoCaoChinhTri);
    }
    // "THÔNG BÁO / KẾT LUẬN CỦA BAN THƯỜNG VỤ …", "THÔNG BÁO / Kết quả Đại hội …"
    if f.starts_with("thong bao ket luan") || f.starts_with("thong bao") && f.contains("ket luan cua") {
        return Some(DocType::ThongBaoKetLuan);
    }
    if f.starts_with("thong bao") && f.contains("ket qua dai hoi") {
        return Some(DocType::ThongTinKetQuaDaiHoi);
    }
    if f.starts_with("chuong trinh cong tac") {
        return Some(DocType::ChuongTrinhCongTac);
    }
    if f.starts_with("chuong trinh phoi hop") {
        return Some(DocType::ChuongTrinhPhoiHop);
    }
    if f.starts_with("quyet dinh") {
        return Some(DocType::QuyetDinh);
    }
    if f.starts_with("cong van") {
        return Some(DocType::CongVan);
    }
    if f.contains("bao cao kiem diem") || (f.starts_with("kiem diem") && f.contains("lanh dao")) {
        return Some(DocType::BaoCaoKiemDiem);
    }
    if f.starts_with("thong tin ket qua") || f.contains("thong tin ket qua dai hoi") {
        return Some(DocType::ThongTinKetQuaDaiHoi);
    }
    if f.starts_with("chuong trinh hanh dong") {
        return Some(DocType::ChuongTrinhHanhDong);
    }
    if f.starts_with("bao cao tong ket") || f.starts_with("tong ket") {
        return Some(DocType::BaoCaoTongKet);
    }
    if f.starts_with("bao cao so ket") || f.starts_with("so ket") {
        return Some(DocType::BaoCaoSoKet);
    }
    if f.starts_with("nghi quyet") {
        return Some(DocType::NghiQuyet);
    }
    if f.starts_with("ke hoach") {
        return Some(DocType::KeHoach);
    }
    if f.starts_with("bao cao") {
        // "BÁO CÁO kết quả thực hiện Nghị quyết năm 2025 …", "… 6 tháng đầu năm 2026 …": a review
        // of a year is a tổng kết, of part of one a sơ kết
        let review =
            ["ket qua thuc hien", "tinh hinh thuc hien", "ket qua cong tac", "ket qua lanh dao", "tinh hinh kinh te"];
        if review.iter().any(|r| f.contains(r)) {
            let head = f.split(&[';', '('][..]).next().unwrap_or("");
            if PART_OF_YEAR.iter().any(|w| head.contains(w)) {
                return Some(DocType::BaoCaoSoKet);
            }
            if head.contains("nam 20") {
                return Some(DocType::BaoCaoTongKet);
            }
        }
        return Some(DocType::BaoCao);
    }
    None
}

/// The type of a part whose front matter was not recognised (a State header beside the motto,
/// two columns run together, a TCVN3 text whose capitals were lost): the first upper-case line
/// that opens with a type word ("NGHỊ QUYẾT", "CHƯƠNG TRÌNH CÔNG TÁC"), or a type word alone after
/// a break in any case ("Kế hoạch"), read with the subtitle under it; else a part that opens with its type in brackets ("(Báo cáo chính trị trình
/// Đại hội …)", the subtitle of a draft whose title was lost); else a "V/v …" line: a công văn.
fn loose_title_type(lines: &Lines<'_>, start: usize, end: usize) -> Option<DocType> {
    let stop = end.min(start + 40);
    for k in start..stop {
        let t = lines.text[k].trim();
        // TCVN3 writes capitals in another font of the same codes: decoded, "KẾ HOẠCH" reads
        // "Kế hoạch"; a line that is the type word alone after a break is still the title
        // an upper-case title may run on ("CHƯƠNG TRÌNH CÔNG TÁC" on a PDF line of its own)
        let titled = type_word(t) || t.starts_with(char::is_uppercase) && prev_is_break(lines, k);
        if !(titled && (is_upper(t) || type_words().contains(&fold(t)))) {
            continue;
        }
        let mut title = t.to_string();
        // the subtitle ends where the text begins: a numbered heading, a sentence, a long line
        // after the first ("Thực hiện Nghị quyết … 6 tháng cuối năm 2025, …" cites another period)
        let short = lines.long_threshold * 3 / 4;
        for (i, x) in (k + 1..stop).filter(|&x| lines.class[x] == LineClass::Text).take(3).enumerate() {
            let s = lines.text[x].trim();
            if crate::numbering::parse(s).is_some() || s.ends_with(['.', ':']) || i > 0 && s.chars().count() > short {
                break;
            }
            title.push(' ');
            title.push_str(s);
        }
        if let Some(ty) = doc_type_of(&title) {
            return Some(ty);
        }
    }
    let opening = (start..stop).find(|&k| lines.class[k] == LineClass::Text).map(|k| lines.text[k].trim());
    if let Some(inner) = opening.and_then(|t| t.strip_prefix('(')) {
        let f = fold(inner);
        if type_words().iter().any(|w| f.starts_with(&format!("{w} "))) {
            if let Some(ty) = doc_type_of(inner) {
                return Some(ty);
            }
        }
    }
    (start..end.min(start + 15)).any(|k| fold(lines.text[k].trim()).starts_with("v/v ")).then_some(DocType::CongVan)
}

struct FrontMatter {
    end: usize,
    title: Vec<usize>,
    header: Vec<usize>,
}

/// Read front matter from line `s` on; `None` if none is there.
fn front_matter(lines: &Lines<'_>, taken: &[bool], s: usize, doc_start: bool) -> Option<FrontMatter> {
    let n = lines.len();
    let short = lines.long_threshold * 3 / 4;
    let mut fm = FrontMatter { end: s, title: Vec::new(), header: Vec::new() };
    // A dash rule close below means: everything above it is header or title.
    let mut rule_at = None;
    let mut seen = 0;
    for k in s..n.min(s + 40) {
        if lines.class[k] == LineClass::Text {
            seen += 1;
            if seen > 12 {
                break;
            }
        } else if lines.class[k] == LineClass::Debris && is_dash_rule(lines.text[k]) {
            rule_at = Some(k);
            break;
        }
    }
    let mut after_type = 0usize; // short mixed-case lines allowed after a type word
    let mut i = s;
    while i < n && i < s + 60 {
        if taken[i] {
            break;
        }
        match lines.class[i] {
            LineClass::Blank | LineClass::Rule => {
                i += 1;
                continue;
            }
            LineClass::Debris => {
                if Some(i) == rule_at || (is_dash_rule(lines.text[i]) && !fm.title.is_empty()) {
                    fm.end = i + 1;
                    break;
                }
                i += 1;
                continue;
            }
            LineClass::Text => {}
        }
        let t = lines.text[i].trim();
        let any = !fm.title.is_empty() || !fm.header.is_empty();
        let header_follows = || {
            (i + 1..n.min(i + 16)).any(|k| {
                lines.class[k] == LineClass::Text
                    && segments(lines.text[k])
                        .iter()
                        .any(|u| is_motto(u) || number_line(u).is_some() || place_date(u).is_some())
            })
        };
        // Two columns side by side ("ĐẢNG BỘ …      ĐẢNG CỘNG SẢN VIỆT NAM" in PDF layout):
        // each column is read on its own.
        let segs = segments(lines.text[i]);
        let org_here = segs.iter().any(|u| org_line(u).is_some()) && (fm.title.is_empty() || header_follows());
        let header_seg = |u: &&str| {
            number_line(u).is_some() || is_draft(u) || is_motto(u) || (place_date(u).is_some() && (any || doc_start))
        };
        if org_here || segs.iter().any(header_seg) {
            fm.header.push(i);
            after_type = 0;
        } else if type_word(t) {
            fm.title.push(i);
            after_type = 4;
        } else if rule_at.is_some_and(|r| i < r) && (any || doc_start) {
            fm.title.push(i);
        } else if any
            && crate::numbering::parse(t).is_none()
            && (is_upper(t) || (t.starts_with('(') && t.ends_with(')')))
        {
            fm.title.push(i);
        } else if after_type > 0
            // the line right under the type word is its subject however long ("BÁO CÁO / Sơ kết 01
            // năm thực hiện Nghị quyết số 68-NQ/TW … về phát triển kinh tế tư nhân")
            && (lines.chars[i] <= short
                || after_type == 4 && lines.chars[i] <= 2 * lines.long_threshold && !t.ends_with(':'))
            && !t.ends_with('.')
            && crate::numbering::parse(t).is_none()
        {
            fm.title.push(i);
            after_type -= 1;
        } else {
            break;
        }
        fm.end = i + 1;
        i += 1;
    }
    if fm.title.is_empty() && fm.header.is_empty() {
        return None;
    }
    Some(fm)
}

/// Find parts, header/title/closing lines and metadata. `taken` marks lines owned by
/// footnotes or tables.
pub(crate) fn analyse(lines: &Lines<'_>, taken: &[bool]) -> Front {
    let n = lines.len();
    let mut kind: Vec<Option<BlockKind>> = vec![None; n];
    let first = (0..n).find(|&i| lines.class[i] == LineClass::Text && !taken[i]).unwrap_or(0);
    let mut starts: Vec<(usize, Option<FrontMatter>)> = vec![(0, front_matter(lines, taken, first, true))];
    // Later documents: a type word standing alone, or a committee name above the motto.
    let mut i = starts[0].1.as_ref().map_or(first + 1, |f| f.end);
    while i < n {
        if lines.class[i] != LineClass::Text || taken[i] {
            i += 1;
            continue;
        }
        let t = lines.text[i].trim();
        let opens = (type_word(t) && prev_is_break(lines, i) && !prev_text_upper(lines, i))
            || (org_line(t).is_some()
                && (i + 1..n.min(i + 14)).any(|k| lines.class[k] == LineClass::Text && is_motto(lines.text[k].trim())));
        if opens && i >= starts.last().map_or(0, |s| s.0) + 40 {
            if let Some(fm) = front_matter(lines, taken, i, false) {
                if !fm.title.is_empty() && fm.title.iter().any(|&k| type_word(lines.text[k].trim())) {
                    let end = fm.end;
                    starts.push((i, Some(fm)));
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }

    let mut parts = Vec::new();
    let mut meta = DocumentMeta::default();
    for (pi, (start, fm)) in starts.iter().enumerate() {
        let end = starts.get(pi + 1).map_or(n, |s| s.0); // exclusive
                                                         // A part runs to the line before the next part; the last one to the end of the file.
        let end_line = end.saturating_sub(1).max(*start);
        let mut title = String::new();
        let mut pmeta = DocumentMeta::default();
        if let Some(fm) = fm {
            for &k in &fm.header {
                kind[k] = Some(BlockKind::Header);
                for seg in segments(lines.text[k]) {
                    header_fields(seg, &mut pmeta);
                }
            }
            // The title: the first run of title lines (a title repeated after the header is not doubled).
            for &k in &fm.title {
                kind[k] = Some(BlockKind::Title);
            }
            // The title: the first run of title lines (a title repeated after the header is not doubled).
            for (j, &k) in fm.title.iter().enumerate() {
                if j > 0 && fm.header.iter().any(|&h| h > fm.title[j - 1] && h < k) {
                    break;
                }
                if !title.is_empty() {
                    title.push(' ');
                }
                title.push_str(lines.text[k].trim());
            }
        }
        title = norm_ws(&title);
        closing(lines, taken, *start, end, &mut kind, &mut pmeta);
        // Type: from the title; else from the text ("Trên đây là Chương trình hành động …").
        let mut doc_type = doc_type_of(&title).or_else(|| title_lines_type(lines, fm.as_ref()));
        let summary = closing_sentence(lines, *start, end);
        if doc_type.is_none() || doc_type == Some(DocType::BaoCao) {
            if let Some(s) = &summary {
                if let Some(t) = doc_type_of(s).filter(|t| *t != DocType::BaoCao) {
                    doc_type = Some(t);
                }
            }
        }
        if doc_type.is_none() {
            doc_type = body_type(lines, *start, end);
        }
        if doc_type.is_none() {
            doc_type = loose_title_type(lines, *start, end);
        }
        // a news page is news whatever its lead cites ("Theo Báo cáo chính trị, …"), unless a
        // document published on the site stands under its own type word ("KẾ HOẠCH")
        let titled = fm.as_ref().is_some_and(|f| f.title.iter().any(|&k| type_word(lines.text[k].trim())));
        if pi == 0 && !titled && theodoi_text::news_page(lines.text[*start..end].iter().copied()) {
            doc_type = Some(DocType::TinBai);
        }
        // "Số: 24/NQ-HĐND" in a header the front matter did not take (beside the place and date)
        if pmeta.number.is_none() {
            pmeta.number = (*start..end.min(start + 15))
                .flat_map(|k| segments(lines.text[k]))
                .find_map(|seg| number_line(seg.trim()).flatten());
        }
        // "Đông Sơn Hà, ngày 06 tháng 10 năm 2025" in a header the front matter did not take (a
        // TCVN3 text whose capitals were lost, a State header beside the motto): the document's
        // own date, which extract reads deadlines and years against
        if pmeta.date.is_none() {
            if let Some((place, date)) = (*start..end.min(start + 15))
                .filter(|&k| lines.class[k] == LineClass::Text && !taken[k])
                .flat_map(|k| segments(lines.text[k]))
                .find_map(|seg| place_date(seg.trim()).filter(|(_, d)| d.is_some()))
            {
                pmeta.place = pmeta.place.or(place);
                pmeta.date = date;
            }
        }
        if title.is_empty()
            || !fm.as_ref().is_some_and(|f| f.title.iter().any(|&k| type_word(lines.text[k].trim())))
                && summary.is_some()
                && doc_type_of(&title).is_none()
        {
            if let Some(s) = summary {
                title = s;
            }
        }
        if pmeta.term.is_none() {
            pmeta.term = term_in(&title).or_else(|| (*start..end.min(start + 80)).find_map(|k| term_in(lines.text[k])));
        }
        let doc_type = doc_type.unwrap_or_default();
        if pi == 0 {
            meta = pmeta;
            meta.doc_type = doc_type;
            meta.title = Some(title.clone()).filter(|t| !t.is_empty());
        }
        parts.push(Part { title, span: LineSpan::new(line_no(*start), line_no(end_line)), doc_type });
    }
    if meta.org.is_none() {
        meta.org = body_org(lines, taken);
    }
    if meta.parent_org.is_none() {
        // Footnotes name the parent too ("Thành ủy Hải Phòng"); search every line.
        meta.parent_org = body_parent(lines, &vec![false; lines.len()]);
    }
    Front { kind, parts, meta }
}

fn title_lines_type(lines: &Lines<'_>, fm: Option<&FrontMatter>) -> Option<DocType> {
    let fm = fm?;
    let all: String = fm.title.iter().map(|&k| lines.text[k].trim()).collect::<Vec<_>>().join(" ");
    doc_type_of(&all).or_else(|| {
        // "(Báo cáo chính trị trình Đại hội …)": a subtitle names the type.
        fm.title.iter().find_map(|&k| {
            let t = lines.text[k].trim();
            t.strip_prefix('(').and_then(doc_type_of)
        })
    })
}

fn prev_is_break(lines: &Lines<'_>, i: usize) -> bool {
    // The type word starts a page or follows a blank line (not a wrapped sentence).
    i == 0 || lines.class[i - 1] != LineClass::Text || lines.text[i].starts_with(' ')
}

/// The previous text line is upper case: `t` continues a heading ("… CHỈ TIÊU CHỦ YẾU" / "NGHỊ QUYẾT …").
fn prev_text_upper(lines: &Lines<'_>, i: usize) -> bool {
    (0..i).rev().find(|&k| lines.class[k] == LineClass::Text).is_some_and(|k| is_upper(lines.text[k]))
}

fn line_no(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

fn header_fields(t: &str, m: &mut DocumentMeta) {
    if let Some(org) = org_line(t) {
        // The first committee named is the parent when a second follows.
        match (&m.org, &m.parent_org) {
            (None, _) => m.org = Some(org),
            (Some(first), None) => {
                m.parent_org = Some(first.clone());
                m.org = Some(org);
            }
            _ => {}
        }
    } else if let Some(num) = number_line(t) {
        m.number = num;
    } else if is_draft(t) {
        m.draft = true;
    } else if let Some((place, date)) = place_date(t) {
        m.place = place;
        m.date = date;
    }
}

/// "nhiệm kỳ 2025 - 2030" → "2025-2030".
fn term_in(t: &str) -> Option<String> {
    if !(t.contains("kỳ") || t.contains("KỲ") || t.contains("kì") || t.contains("KÌ")) {
        return None;
    }
    let f = fold(t);
    let at = f.find("nhiem ky")?;
    let rest = &f[at + "nhiem ky".len()..];
    let digits: Vec<String> =
        rest.split(|c: char| !c.is_ascii_digit()).filter(|w| !w.is_empty()).take(2).map(str::to_string).collect();
    let head: String = rest.chars().take(16).collect();
    match digits.as_slice() {
        [a, b] if a.len() == 4 && b.len() == 4 && head.contains(a.as_str()) => Some(format!("{a}-{b}")),
        _ => None,
    }
}

/// The closing block: from "Nơi nhận:" or "T/M …" to the end of the part.
fn closing(
    lines: &Lines<'_>,
    taken: &[bool],
    start: usize,
    end: usize,
    kind: &mut [Option<BlockKind>],
    m: &mut DocumentMeta,
) {
    let text_at = |k: usize| lines.class[k] == LineClass::Text && !taken[k];
    let is_tm = |t: &str| {
        // "T/M", "TM.", "TM BAN …", "K/T": ASCII prefixes, no folding needed.
        let b = t.as_bytes();
        b.len() >= 3
            && (b[..3].eq_ignore_ascii_case(b"t/m")
                || b[..3].eq_ignore_ascii_case(b"k/t")
                || b[..3].eq_ignore_ascii_case(b"tm.")
                || t.starts_with("TM BAN"))
    };
    let is_noi_nhan =
        |t: &str| t.starts_with(['N', 'n']) && t.chars().take(8).flat_map(char::to_lowercase).eq("nơi nhận".chars());
    let noi_nhan = (start..end).rev().find(|&k| text_at(k) && is_noi_nhan(lines.text[k].trim_start()));
    let tm = (start..end).rev().find(|&k| text_at(k) && is_tm(lines.text[k].trim_start()));
    let Some(c0) = (match (noi_nhan, tm) {
        (Some(a), Some(b)) if b > a && b - a > 60 => Some(b),
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }) else {
        return;
    };
    let mut after_tm = false;
    let mut role_seen = false;
    for k in c0..end {
        if lines.class[k] != LineClass::Text || taken[k] {
            continue;
        }
        let t = lines.text[k].trim();
        // Stop at an appendix or a new heading after the signature.
        if after_tm
            && (fold(t).starts_with("phu luc") || crate::numbering::parse(t).is_some_and(|nb| nb.style.is_heading()))
        {
            break;
        }
        if fold(t).starts_with("phu luc") {
            break;
        }
        kind[k] = Some(BlockKind::Closing);
        let f = fold(t);
        if f.starts_with("t/m ") || f.starts_with("tm. ") || f.starts_with("tm ban") || f.starts_with("k/t ") {
            after_tm = true;
            continue;
        }
        if after_tm && is_upper(t) && !role_seen {
            role_seen = true; // "BÍ THƯ", "PHÓ BÍ THƯ"
            continue;
        }
        if after_tm && m.signer.is_none() && person_name(t) {
            m.signer = Some(norm_ws(t));
        }
    }
}

/// "Nguyễn Việt Dũng": 2-6 capitalised words, no digits or punctuation.
fn person_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
        })
}

/// "Trên đây là Chương trình hành động thực hiện …, nhiệm kỳ 2025 - 2030." → the named document.
fn closing_sentence(lines: &Lines<'_>, start: usize, end: usize) -> Option<String> {
    let from = end.saturating_sub(120).max(start);
    for k in (from..end).rev() {
        let t = lines.text[k];
        if !(t.contains("rên đây") || t.contains("RÊN ĐÂY")) {
            continue;
        }
        let f = fold(t);
        if let Some(at) = f.find("tren day la ") {
            // Collect text from here to the first full stop, over up to 4 lines.
            let mut s = String::new();
            let byte = char_to_byte(t, f[..at + "tren day la ".len()].chars().count());
            s.push_str(&t[byte..]);
            let mut j = k + 1;
            while !s.contains('.') && j < end.min(k + 6) {
                if lines.class[j] == LineClass::Text {
                    s.push(' ');
                    s.push_str(lines.text[j].trim());
                }
                j += 1;
            }
            let s = s.split('.').next().unwrap_or("").trim().to_string();
            let s = norm_ws(&s);
            let mut cs = s.chars();
            let s: String = cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default();
            return Some(s).filter(|s| !s.is_empty());
        }
    }
    None
}

fn char_to_byte(t: &str, chars: usize) -> usize {
    t.char_indices().nth(chars).map_or(t.len(), |(b, _)| b)
}

/// "… xây dựng Chương trình hành động thực hiện Nghị quyết Đại hội như sau:" in the opening.
fn body_type(lines: &Lines<'_>, start: usize, end: usize) -> Option<DocType> {
    let mut text = String::new();
    for k in start..end.min(start + 40) {
        if lines.class[k] == LineClass::Text {
            text.push(' ');
            text.push_str(lines.text[k].trim());
        }
    }
    let f = fold(&text);
    for cue in ["xay dung ", "ban hanh ", "bao cao "] {
        let mut from = 0;
        while let Some(at) = f[from..].find(cue) {
            let rest = &f[from + at + cue.len()..];
            if let Some(t) = doc_type_of(rest).filter(|t| *t != DocType::BaoCao) {
                if rest.find("nhu sau").is_some_and(|p| p < 200) {
                    return Some(t);
                }
            }
            from += at + cue.len();
        }
    }
    None
}

/// The committee named most often: "Đảng bộ phường Nam Đồng" → "Phường Nam Đồng".
fn body_org(lines: &Lines<'_>, taken: &[bool]) -> Option<String> {
    most_frequent(
        lines,
        taken,
        true,
        &[&["phường"], &["xã"], &["thị", "trấn"], &["đặc", "khu"], &["quận"], &["huyện"], &["thị", "xã"]],
    )
}

/// The parent named most often: "thành phố Hải Phòng", "tỉnh …".
fn body_parent(lines: &Lines<'_>, taken: &[bool]) -> Option<String> {
    most_frequent(lines, taken, false, &[&["thành", "phố"], &["tỉnh"]])
}

/// `w` (punctuation trimmed) is `lower` in any case. Compared without allocating:
/// this runs over every word of the document.
fn word_is(w: &str, lower: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    let mut a = w.chars();
    let mut b = lower.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) => {
                let mut l = x.to_lowercase();
                if l.next() != Some(y) || l.next().is_some() {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// "ủy" and "uỷ": the same word with the mark on a different letter.
fn is_uy(w: &str) -> bool {
    matches!(w.trim_matches(|c: char| !c.is_alphanumeric()), "ủy" | "uỷ" | "Ủy" | "Uỷ" | "ỦY" | "UỶ")
}

fn most_frequent(lines: &Lines<'_>, taken: &[bool], need_lead: bool, units: &[&[&str]]) -> Option<String> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    let mut words: Vec<&str> = Vec::with_capacity(40);
    // where a column of the header starts ("TỈNH THANH HÓA      CỘNG HÒA …", "… | …")
    let mut columns: Vec<usize> = Vec::with_capacity(4);
    let punct: &[char] = &[',', '.', ';', ':', ')', '”'];
    // A cheap byte search first: only lines with the lead ("Đảng bộ/ủy") or the unit
    // word ("thành phố", "tỉnh") are read word by word.
    static LEAD: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        ["ảng b", "ảng ủ", "ảng u", "ẢNG B", "ẢNG Ủ", "ẢNG U"]
            .iter()
            .map(|f| memchr::memmem::Finder::new(f.as_bytes()))
            .collect()
    });
    static UNIT: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        ["hành phố", "HÀNH PHỐ", "tỉnh", "Tỉnh", "TỈNH"]
            .iter()
            .map(|f| memchr::memmem::Finder::new(f.as_bytes()))
            .collect()
    });
    let cues: &[memchr::memmem::Finder<'static>] = if need_lead { &LEAD } else { &UNIT };
    for k in 0..lines.len() {
        if lines.class[k] != LineClass::Text
            || taken[k]
            || !cues.iter().any(|f| f.find(lines.text[k].as_bytes()).is_some())
        {
            continue;
        }
        words.clear();
        columns.clear();
        for seg in segments(lines.text[k]) {
            columns.push(words.len());
            words.extend(seg.split_whitespace());
        }
        let first_len = words.len();
        // Names broken across lines: look at the start of the next text line too.
        if let Some(j) = (k + 1..lines.len().min(k + 3)).find(|&j| lines.class[j] == LineClass::Text) {
            words.extend(lines.text[j].split_whitespace().take(5));
        }
        for s in 0..first_len {
            // Cheap first-letter checks before comparing words.
            if need_lead && !(s >= 2 && words[s - 2].starts_with(['Đ', 'đ'])) {
                continue;
            }
            let Some(c0) = words[s].chars().next() else { continue };
            if !units
                .iter()
                .any(|u| u[0].starts_with(c0) || c0.to_lowercase().next().is_some_and(|l| u[0].starts_with(l)))
            {
                continue;
            }
            for unit in units {
                let n = unit.len();
                if s + n > words.len() || !unit.iter().enumerate().all(|(i, u)| word_is(words[s + i], u)) {
                    continue;
                }
                if need_lead
                    && !(s >= 2
                        && word_is(words[s - 2], "đảng")
                        && (word_is(words[s - 1], "bộ") || is_uy(words[s - 1])))
                {
                    continue;
                }
                // "… các sở, ngành của tỉnh, Ban Chấp hành …": the unit word ends its clause,
                // what follows is no name
                if words[s + n - 1].ends_with(punct) {
                    continue;
                }
                let name_start = s + n;
                let mut e = name_start;
                while e < words.len() && e - name_start < 4 {
                    // a name ends with its column, and the next line's committee ("Đảng bộ thành
                    // phố Bắc Lâm" | "Đảng ủy phường …") is not part of it
                    if e > name_start
                        && (columns.contains(&e)
                            || e == first_len
                                && ["dang", "uy", "ban", "chi", "cong", "doc", "hoi"]
                                    .contains(&fold(words[e]).as_str()))
                    {
                        break;
                    }
                    let w = words[e].trim_end_matches(punct);
                    let acronym = w.chars().count() > 1 && w.chars().all(char::is_uppercase);
                    if !w.chars().next().is_some_and(char::is_uppercase)
                        || w.chars().any(|c| c.is_ascii_digit())
                        || acronym
                    {
                        break;
                    }
                    e += 1;
                    if words[e - 1].ends_with(punct) {
                        break;
                    }
                }
                if e > name_start {
                    let joined: Vec<&str> = words[s..e].iter().map(|w| w.trim_end_matches(punct)).collect();
                    let full = unit_case(&joined.join(" "));
                    match counts.iter_mut().find(|c| c.0 == full) {
                        Some(c) => c.1 += 1,
                        None => counts.push((full, 1, k)),
                    }
                }
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    counts.into_iter().next().map(|c| c.0)
}

#[cfg(test)]
mod doc_type_tests {
    use theodoi_core::DocType;

    /// A header and title written for the test → the document's type and number.
    fn check(text: &str, want: DocType, number: Option<&str>) {
        let doc = crate::read_bytes("t.txt", text.as_bytes()).expect("text reads");
        assert_eq!(doc.meta.doc_type, want, "{text}");
        assert_eq!(doc.meta.number.as_deref(), number, "{text}");
    }

    #[test]
    fn types_from_titles() {
        for (text, want, number) in [
            (
                "ĐẢNG BỘ TỈNH AN GIANG\nĐẢNG ỦY XÃ BÌNH MINH\n*\nSố 21-TB/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nBình Minh, ngày 02 tháng 3 năm 2026\n\nTHÔNG BÁO\nKẾT LUẬN CỦA BAN THƯỜNG VỤ ĐẢNG ỦY XÃ\ntại hội nghị tháng 3 năm 2026\n-----\nNgày 01/3/2026, Ban Thường vụ họp.\n",
                DocType::ThongBaoKetLuan,
                Some("21-TB/ĐU"),
            ),
            (
                "ĐẢNG BỘ TỈNH AN GIANG\nĐẢNG ỦY XÃ BÌNH MINH\n*\nSố 09-TB/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nBình Minh, ngày 20 tháng 8 năm 2025\n\nTHÔNG BÁO\nKết quả Đại hội đại biểu Đảng bộ xã Bình Minh lần thứ I\n-----\nĐại hội đã thành công.\n",
                DocType::ThongTinKetQuaDaiHoi,
                Some("09-TB/ĐU"),
            ),
            (
                "ĐẢNG BỘ TỈNH AN GIANG\nĐẢNG ỦY XÃ BÌNH MINH\n*\nSố 04-CTr/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nBình Minh, ngày 10 tháng 9 năm 2025\n\nCHƯƠNG TRÌNH\ncông tác toàn khóa của Ban Chấp hành Đảng bộ xã\n-----\nI. NỘI DUNG\n",
                DocType::ChuongTrinhCongTac,
                Some("04-CTr/ĐU"),
            ),
            (
                "ĐẢNG ỦY XÃ BÌNH MINH\nỦY BAN KIỂM TRA\n*\nSố 03-QĐ/UBKT\nĐẢNG CỘNG SẢN VIỆT NAM\nBình Minh, ngày 22 tháng 12 năm 2025\n\nQUYẾT ĐỊNH\nban hành Kế hoạch kiểm tra năm 2026\n-----\nĐiều 1. Ban hành kèm theo Quyết định này.\n",
                DocType::QuyetDinh,
                Some("03-QĐ/UBKT"),
            ),
            // a State header beside the motto; the title found by its type word
            (
                "HỘI ĐỒNG NHÂN DÂN\nXÃ BÌNH MINH\n\nSố: 31/NQ-HĐND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBình Minh, ngày 18 tháng 12 năm 2025\n\nNGHỊ QUYẾT\nVề kế hoạch phát triển kinh tế - xã hội năm 2026\n\nCăn cứ Luật số 72/2025/QH15;\n",
                DocType::NghiQuyet,
                Some("31/NQ-HĐND"),
            ),
            // a year under review is a tổng kết, half a year a sơ kết
            (
                "  ỦY BAN NHÂN DÂN                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n  XÃ BÌNH MINH                            Độc lập - Tự do - Hạnh phúc\n\n Số: 140/BC-UBND                     Bình Minh, ngày 05 tháng 12 năm 2025\n\n                                    BÁO CÁO\n       Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2025;\n                   phương hướng, nhiệm vụ năm 2026\n\nNăm 2025, xã đạt nhiều kết quả.\n",
                DocType::BaoCaoTongKet,
                Some("140/BC-UBND"),
            ),
            (
                "ĐẢNG BỘ TỈNH AN GIANG\nĐẢNG ỦY XÃ BÌNH MINH\n*\nSố 30-BC/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nBình Minh, ngày 30 tháng 6 năm 2026\n\nBÁO CÁO\nkết quả thực hiện nhiệm vụ 6 tháng đầu năm 2026\n-----\nSáu tháng qua …\n",
                DocType::BaoCaoSoKet,
                Some("30-BC/ĐU"),
            ),
            // a State header beside the motto (front matter not recognised): the subtitle ends
            // before the opening sentence, whose "6 tháng cuối năm" is another document's period
            (
                "ỦY BAN NHÂN DÂN                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ BÌNH MINH                            Độc lập - Tự do - Hạnh phúc\n\nSố: 150/BC-UBND                Bình Minh, ngày 04 tháng 12 năm 2025\n\nBÁO CÁO\nTình hình kinh tế - xã hội năm 2025, phương hướng nhiệm vụ năm 2026\n\nThực hiện Nghị quyết số 09/NQ-HĐND ngày 20/7/2025 của Hội đồng nhân dân xã về nhiệm vụ 6 tháng cuối năm 2025, Ủy ban nhân dân xã báo cáo như sau:\n\nI. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025\n",
                DocType::BaoCaoTongKet,
                Some("150/BC-UBND"),
            ),
            // nine months are part of a year too
            (
                "ỦY BAN NHÂN DÂN\nXÃ BÌNH MINH\n\nSố: 201/BC-UBND\n\nBÁO CÁO\nTình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 9 tháng đầu năm,\nnhiệm vụ trọng tâm 3 tháng cuối năm 2026\n\nChín tháng qua …\n",
                DocType::BaoCaoSoKet,
                Some("201/BC-UBND"),
            ),
            // no title: a letter "V/v …"
            (
                "ĐẢNG BỘ TỈNH AN GIANG\nĐẢNG ỦY XÃ BÌNH MINH\n*\nSố 112-CV/ĐU\nV/v triển khai kê khai tài sản\nĐẢNG CỘNG SẢN VIỆT NAM\nBình Minh, ngày 08 tháng 10 năm 2025\nKính gửi: Các chi bộ trực thuộc\n\nThực hiện hướng dẫn của cấp trên, Đảng ủy xã đề nghị các chi bộ triển khai.\n",
                DocType::CongVan,
                Some("112-CV/ĐU"),
            ),
            // a joint programme of two bodies, their headers side by side
            (
                "ỦY BAN NHÂN DÂN XÃ BÌNH MINH          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHỘI LIÊN HIỆP PHỤ NỮ XÃ BÌNH MINH         Độc lập - Tự do - Hạnh phúc\nSố: 02/CTPH-UBND-HPN          Bình Minh, ngày 05 tháng 3 năm 2026\n\nCHƯƠNG TRÌNH PHỐI HỢP\nthực hiện công tác bình đẳng giới giai đoạn 2026 - 2028\n\nI. MỤC ĐÍCH, YÊU CẦU\n",
                DocType::ChuongTrinhPhoiHop,
                Some("02/CTPH-UBND-HPN"),
            ),
            // the capitals of a TCVN3 text lost in decoding: the type word alone after a break
            (
                "Đảng bộ thành phố Bắc Lâm\nĐảng ủy phường Tân Phú\n*\nSố 11-KH/ĐU\n\nĐảng Cộng sản Việt Nam\nTân Phú, ngày 06 tháng 10 năm 2025\n\nKế hoạch\ntriển khai công tác giảm nghèo năm 2026\n\nI. Mục đích, yêu cầu\n",
                DocType::KeHoach,
                Some("11-KH/ĐU"),
            ),
            // a PDF's header columns run together: the upper-case title line opens with its type
            (
                "                                          1\n\nĐẢNG BỘ TỈNH AN GIANG                    ĐẢNG CỘNG SẢN VIỆT NAM\n\nĐẢNG ỦY XÃ BÌNH MINH\n\n*    Bình Minh, ngày 08 tháng 01 năm 2026\n\nSố 05-CTr/ĐU\nCHƯƠNG TRÌNH CÔNG TÁC\ncủa Ban Chấp hành Đảng ủy xã năm 2026\nI. NHỮNG NỘI DUNG CHỦ YẾU\nTập trung lãnh đạo hoàn thành các chỉ tiêu.\n",
                DocType::ChuongTrinhCongTac,
                Some("05-CTr/ĐU"),
            ),
            // a draft whose title was lost opens with its subtitle in brackets
            (
                "(Báo cáo chính trị trình Đại hội Đảng bộ xã nhiệm kỳ 2025 - 2030)\n\nXã Bình Minh được thành lập năm 2025 trên cơ sở hợp nhất ba xã.\n\nPHẦN I\nKẾT QUẢ THỰC HIỆN NGHỊ QUYẾT\n",
                DocType::BaoCaoChinhTri,
                None,
            ),
            // …but a bracketed line that only cites a report is no title
            (
                "(Kèm theo Báo cáo chính trị trình Đại hội)\n\nDanh sách các chi bộ.\n",
                DocType::Other,
                None,
            ),
            // a news page is news whatever its lead cites ("Theo Báo cáo chính trị, …")
            (
                "Trang chủ > Tin tức > Xây dựng Đảng\nĐại hội Đảng bộ xã Bình Minh lần thứ I\nNgày đăng: 20/8/2025 | Lượt xem: 410\nTheo Báo cáo chính trị, nhiệm kỳ qua xã hoàn thành 15/17 chỉ tiêu Nghị quyết.\n",
                DocType::TinBai,
                None,
            ),
            (
                "Xã Bình Minh tổng kết năm 2025\n\nThứ Hai, 29/12/2025 - 10:05\n\n(AGO) - Ngày 28/12, UBND xã Bình Minh tổ chức hội nghị tổng kết năm 2025.\n",
                DocType::TinBai,
                None,
            ),
        ] {
            check(text, want, number);
        }
    }

    /// The document's own date and place from its place-and-date line, also where the front
    /// matter was not recognised (a State header beside the motto, capitals lost in TCVN3).
    #[test]
    fn own_date_from_the_place_and_date_line() {
        for (text, date, place) in [
            (
                "ĐẢNG BỘ TỈNH AN GIANG\nĐẢNG ỦY XÃ BÌNH MINH\n*\nSố 30-BC/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nBình Minh, ngày 30 tháng 6 năm 2026\n\nBÁO CÁO\nkết quả 6 tháng đầu năm 2026\n-----\nSáu tháng qua …\n",
                Some("2026-06-30"),
                Some("Bình Minh"),
            ),
            (
                "Đảng bộ thành phố Bắc Lâm\nĐảng ủy phường Tân Phú\n*\nSố 11-KH/ĐU\n\nĐảng Cộng sản Việt Nam\nTân Phú, ngày 06 tháng 10 năm 2025\n\nKế hoạch\ntriển khai công tác giảm nghèo năm 2026\n\nI. Mục đích, yêu cầu\n",
                Some("2025-10-06"),
                Some("Tân Phú"),
            ),
            (
                "ỦY BAN NHÂN DÂN                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ BẢO YÊN                            Độc lập - Tự do - Hạnh phúc\n\nSố: 96/KH-UBND          Bảo Yên, ngày 15 tháng 5 năm 2026\n\nKẾ HOẠCH\nchuyển đổi số năm 2026\n\nI. MỤC ĐÍCH\n",
                Some("2026-05-15"),
                Some("Bảo Yên"),
            ),
            // a date in the body is no date of the document
            ("KẾ HOẠCH\ntập huấn năm 2027\n\nNgày 01/3/2027, các chi bộ tổ chức hội nghị.\n", None, None),
        ] {
            let doc = crate::read_bytes("t.txt", text.as_bytes()).expect("text reads");
            assert_eq!((doc.meta.date.as_deref(), doc.meta.place.as_deref()), (date, place), "{text}");
        }
    }

    /// The parent read from the body where the header names none: "… của tỉnh, Ban Chấp hành …"
    /// ends the clause at "tỉnh", no name follows it.
    #[test]
    fn parent_from_the_body() {
        for (text, want) in [
            (
                "ĐẢNG ỦY XÃ BÌNH MINH\n\nBÁO CÁO\nkết quả năm 2026\n\nĐược sự phối hợp của các sở, ngành của tỉnh, Ban Chấp hành Đảng bộ xã đã lãnh đạo hoàn thành nhiệm vụ. Xã Bình Minh, tỉnh An Giang có 12 ấp.\n",
                Some("Tỉnh An Giang"),
            ),
            ("ĐẢNG ỦY XÃ BÌNH MINH\n\nBÁO CÁO\nkết quả năm 2026\n\nCác sở, ngành của tỉnh, Ban Chấp hành Đảng bộ xã cùng thực hiện.\n", None),
            // the committee named on the next line is not part of the parent's name
            (
                "Đảng bộ tỉnh Gia Lai\nĐảng ủy xã Ia Púch\n\nKẾ HOẠCH\ntập huấn năm 2027\n\nCác chi bộ thực hiện.\n",
                Some("Tỉnh Gia Lai"),
            ),
        ] {
            let doc = crate::read_bytes("t.txt", text.as_bytes()).expect("text reads");
            assert_eq!(doc.meta.parent_org.as_deref(), want, "{text}");
        }
    }
}
