//! Tables printed in columns, read again from the PDF's word boxes (`pdftotext -bbox-layout`).
//!
//! A Word table printed to PDF reaches `pdftotext -layout` as columns of wrapped cell text: a
//! row is several printed lines, the STT number often on the middle one, and two cells of a
//! narrow table stand one space apart on the character grid, so no reader of the text can tell
//! where a cell ends. The word boxes can: words of one cell are a space apart (about a quarter
//! of the font size), cells are set apart by their padding; rows are set apart by more than a
//! line's height (the row's padding and border), lines inside a row by less. So a table is
//! rebuilt from the boxes — its header (an "STT"/"TT" cell, or two column names of the
//! genre's tables), its rows, each column's words in reading order — and written back as the
//! DOCX reader writes a table, one row a line with cells joined by " | ", in place of its
//! printed lines. `delimited` then reads it as it reads a DOCX's table. A page without such a
//! table keeps `pdftotext -layout`'s lines untouched; so does a table whose printed lines
//! cannot be found in them.
//!
//! Hand-written: no crate reads table cells from a PDF's text layer without rendering it
//! (the PDF crates extract text runs, not cells), and poppler already gives the word boxes.

use quick_xml::events::Event;
use quick_xml::Reader;
use theodoi_text::fold_fast as fold;

use crate::delimited::COLUMN_WORDS;

/// A word with its box (points, origin top left).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub text: String,
}

/// Words of each page of `pdftotext -bbox-layout`'s XHTML (None when it is not that).
pub(crate) fn parse_bbox(xml: &str) -> Option<Vec<Vec<Word>>> {
    let mut reader = Reader::from_str(xml);
    let mut pages: Vec<Vec<Word>> = Vec::new();
    let mut word: Option<Word> = None;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "page" => pages.push(Vec::new()),
                "word" => {
                    let num = |k: &str| -> Option<f32> {
                        e.attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == k)
                            .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()?.parse().ok())
                    };
                    word = Some(Word {
                        x0: num("xMin")?,
                        y0: num("yMin")?,
                        x1: num("xMax")?,
                        y1: num("yMax")?,
                        text: String::new(),
                    });
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(w) = word.as_mut() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        w.text.push(c);
                    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                        w.text.push_str(s);
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "word" => {
                if let (Some(w), Some(p)) = (word.take(), pages.last_mut()) {
                    if !w.text.trim().is_empty() {
                        p.push(w);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Some(pages)
}

/// A printed line: words at one height, left to right, cut into fragments where the gap
/// between two words is wider than a space.
struct VLine {
    y: f32,
    words: Vec<Word>,
    /// Word index ranges of the fragments.
    frags: Vec<(usize, usize)>,
}

impl VLine {
    fn text(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    fn frag_text(&self, f: (usize, usize)) -> String {
        self.words[f.0..f.1].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    fn frag_x(&self, f: (usize, usize)) -> (f32, f32) {
        (self.words[f.0].x0, self.words[f.1 - 1].x1)
    }
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied()
}

/// Printed lines of a page, top to bottom.
fn vlines(words: &[Word]) -> Vec<VLine> {
    let mut ws: Vec<Word> = words.to_vec();
    ws.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<VLine> = Vec::new();
    for w in ws {
        match out.last_mut() {
            Some(l) if (w.y0 - l.y).abs() <= 2.0 => l.words.push(w),
            _ => out.push(VLine { y: w.y0, words: vec![w], frags: Vec::new() }),
        }
    }
    // a space: the median gap between words of a line (justified lines stretch some)
    let gaps: Vec<f32> = out
        .iter()
        .flat_map(|l| {
            let mut s = l.words.clone();
            s.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            s.windows(2).map(|p| p[1].x0 - p[0].x1).filter(|g| *g > 0.0).collect::<Vec<_>>()
        })
        .collect();
    let space = median(gaps).unwrap_or(3.3).max(1.0);
    for l in &mut out {
        l.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let g: Vec<f32> = l.words.windows(2).map(|p| p[1].x0 - p[0].x1).collect();
        // a justified line spreads its spaces evenly: one fragment however wide they are
        let even = g.len() >= 3
            && g.iter().copied().fold(f32::MIN, f32::max) - g.iter().copied().fold(f32::MAX, f32::min) < 1.0;
        let mut start = 0;
        for (i, gap) in g.iter().enumerate() {
            if !even && *gap > space * 1.45 {
                l.frags.push((start, i + 1));
                start = i + 1;
            }
        }
        l.frags.push((start, l.words.len()));
    }
    out
}

/// A header line: three cells or more, short ones, the first "STT"/"TT" or two naming columns.
fn is_header(l: &VLine) -> bool {
    if l.frags.len() < 3 || l.frags.iter().any(|f| f.1 - f.0 > 6) {
        return false;
    }
    let first = fold(&l.words[0].text).to_lowercase();
    let known = l.frags.iter().filter(|f| COLUMN_WORDS.iter().any(|k| fold(&l.frag_text(**f)).contains(k))).count();
    (first == "stt" || first == "tt") && known >= 1 || known >= 2
}

/// A line that is no row of a table: a numbered or closing heading, or running text as wide
/// as the page's text.
fn ends_table(l: &VLine, width: f32) -> bool {
    if l.frags.len() > 1 {
        return false;
    }
    let t = l.text();
    let f = fold(&t).to_lowercase();
    let (x0, x1) = l.frag_x(l.frags[0]);
    x1 - x0 > width * 0.6
        || f.starts_with("noi nhan")
        || f.starts_with("t/m")
        || f.starts_with("tm.")
        || crate::numbering::parse(&t)
            .is_some_and(|nb| nb.numbering.ends_with('.') || matches!(nb.style, crate::numbering::Style::Part))
}

/// A table found: its written lines (header, then one a row), each with the first and last
/// printed line (index in the stream of lines) it was read from.
struct Found {
    parts: Vec<(usize, usize, String)>,
}

/// Tables of a document's printed lines (pages one after the other, page numbers left out).
fn tables(ls: &[VLine]) -> Vec<Found> {
    let heights: Vec<f32> = ls.iter().flat_map(|l| l.words.iter().map(|w| w.y1 - w.y0)).collect();
    let Some(h) = median(heights) else { return Vec::new() };
    let left = ls.iter().flat_map(|l| l.words.first().map(|w| w.x0)).fold(f32::MAX, f32::min);
    let right = ls.iter().flat_map(|l| l.words.last().map(|w| w.x1)).fold(f32::MIN, f32::max);
    let width = (right - left).max(1.0);
    // lines closer than this belong to one row
    let near = h * 1.25;
    let mut out = Vec::new();
    let mut i = 0;
    while i < ls.len() {
        if !is_header(&ls[i]) {
            i += 1;
            continue;
        }
        // the header row: the lines around the header line, closer than a row's gap
        let mut a = i;
        while a > 0 && ls[a].y - ls[a - 1].y <= near && !ends_table(&ls[a - 1], width)
            // header cells wrapped above the header line ("Đơn vị" over "tính"): short ones
            && ls[a - 1].frags.iter().all(|f| f.1 - f.0 <= 4)
        {
            a -= 1;
        }
        let mut b = i;
        while b + 1 < ls.len() && ls[b + 1].y - ls[b].y <= near {
            b += 1;
        }
        // rows: bands of lines closer than a row's gap, until a line that is no row
        let mut bands: Vec<(usize, usize)> = Vec::new();
        let mut k = b + 1;
        'rows: while k < ls.len() {
            let s = k;
            while k + 1 < ls.len() && ls[k + 1].y - ls[k].y <= near {
                k += 1;
            }
            if (s..=k).any(|j| ends_table(&ls[j], width)) {
                break 'rows;
            }
            bands.push((s, k));
            k += 1;
        }
        let Some(&(_, last)) = bands.last() else {
            i = b + 1;
            continue;
        };
        if let Some(lines) = write(ls, (a, b), &bands) {
            let spans = std::iter::once((a, b)).chain(bands.iter().copied());
            out.push(Found { parts: spans.zip(lines).map(|((s, e), l)| (s, e, l)).collect() });
        }
        i = last + 1;
    }
    out
}

/// Columns from the rows' fragments (x ranges that overlap are one column), then every word
/// of the header and the rows in its column; None when fewer than three columns stand apart.
fn write(ls: &[VLine], header: (usize, usize), bands: &[(usize, usize)]) -> Option<Vec<String>> {
    let frags: Vec<(usize, (usize, usize))> =
        bands.iter().flat_map(|&(s, e)| (s..=e).flat_map(|j| ls[j].frags.iter().map(move |f| (j, *f)))).collect();
    // Cells are set left: where two fragments or more start at one x, a column starts, and a
    // fragment running over that x (a cell filled to its edge, a space from the next) is cut
    // there.
    let starts: Vec<f32> = frags.iter().map(|(j, f)| ls[*j].words[f.0].x0).collect();
    let edge = |x: f32| starts.iter().filter(|s| (**s - x).abs() <= 0.6).count() >= 2;
    let mut spans: Vec<(f32, f32)> = Vec::new();
    for (j, (a, b)) in &frags {
        let ws = &ls[*j].words;
        let mut from = *a;
        for k in a + 1..*b {
            if edge(ws[k].x0) {
                spans.push((ws[from].x0, ws[k - 1].x1));
                from = k;
            }
        }
        spans.push((ws[from].x0, ws[b - 1].x1));
    }
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cols: Vec<(f32, f32)> = Vec::new();
    for (x0, x1) in spans {
        match cols.last_mut() {
            Some(c) if x0 < c.1 - 0.5 => c.1 = c.1.max(x1),
            _ => cols.push((x0, x1)),
        }
    }
    if cols.len() < 3 {
        return None;
    }
    let col_of = |w: &Word| -> usize {
        let c = (w.x0 + w.x1) / 2.0;
        cols.iter()
            .position(|(a, b)| c >= *a - 1.0 && c <= *b + 1.0)
            .or_else(|| cols.iter().position(|(a, _)| w.x0 < *a).map(|k| k.saturating_sub(1)))
            .unwrap_or(cols.len() - 1)
    };
    let row = |s: usize, e: usize| -> String {
        let mut cells = vec![String::new(); cols.len()];
        for l in &ls[s..=e] {
            for w in &l.words {
                let c = &mut cells[col_of(w)];
                if !c.is_empty() {
                    c.push(' ');
                }
                c.push_str(&w.text);
            }
        }
        cells.join(" | ")
    };
    let mut out = vec![row(header.0, header.1)];
    out.extend(bands.iter().map(|&(s, e)| row(s, e)));
    Some(out)
}

fn words_of(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page number printed as the first or last line of a page: left out of the stream, so a
/// table goes on across it.
fn is_furniture(l: &VLine, first_or_last: bool) -> bool {
    let t = l.text();
    first_or_last && !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
}

/// Put the tables rebuilt from the word boxes in place of their printed lines: `pages` are
/// the `-layout` lines of each page, `words` the boxes of the same pages. A row stands on the
/// page where it starts; a page number between a table's rows is left out.
pub(crate) fn rebuild(pages: &mut [Vec<String>], words: &[Vec<Word>]) {
    // the stream: every page's printed lines, one page below the other
    let mut stream: Vec<VLine> = Vec::new();
    let mut page_of: Vec<usize> = Vec::new();
    for (p, ws) in words.iter().enumerate().take(pages.len()) {
        let ls = vlines(ws);
        let n = ls.len();
        for (k, mut l) in ls.into_iter().enumerate() {
            if is_furniture(&l, k == 0 || k + 1 == n) {
                continue;
            }
            l.y += 100_000.0 * p as f32;
            stream.push(l);
            page_of.push(p);
        }
    }
    for t in tables(&stream) {
        let Some(&(first, _, _)) = t.parts.first() else { continue };
        for p in page_of[first]..=t.parts.last().map_or(page_of[first], |x| page_of[x.0]) {
            let parts: Vec<&(usize, usize, String)> = t.parts.iter().filter(|x| page_of[x.0] == p).collect();
            let (Some(a), Some(b)) = (parts.first(), parts.last()) else { continue };
            let lines = &mut pages[p];
            let (top, bottom) = (words_of(&stream[a.0].text()), words_of(&stream[b.1].text()));
            let Some(mut s) = (0..lines.len()).find(|&k| words_of(&lines[k]) == top) else { continue };
            let Some(e) = (s..lines.len()).find(|&k| words_of(&lines[k]) == bottom) else { continue };
            // a table going on from the page before: the page number above its rows goes
            let goes_on = a.0 != first;
            if goes_on
                && lines[..s].iter().all(|l| {
                    let t = l.trim();
                    t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
                })
            {
                s = 0;
            }
            lines.splice(s..=e, parts.iter().map(|x| x.2.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of a line at height `y`: (x, text) pairs, each word 6 points a letter.
    fn line(y: f32, cells: &[(f32, &str)]) -> Vec<Word> {
        let mut out = Vec::new();
        for (x, text) in cells {
            let mut x = *x;
            for w in text.split_whitespace() {
                let x1 = x + 6.0 * w.chars().count() as f32;
                out.push(Word { x0: x, y0: y, x1, y1: y + 15.0, text: w.to_string() });
                x = x1 + 3.3;
            }
        }
        out
    }

    #[test]
    fn a_task_table_with_wrapped_cells_becomes_one_line_a_row() {
        let mut words = Vec::new();
        words.extend(line(50.0, &[(85.0, "III. PHÂN CÔNG THỰC HIỆN")]));
        words.extend(line(80.0, &[(400.0, "Thời gian")]));
        words.extend(line(87.0, &[(87.0, "STT Nội dung"), (200.0, "Cơ quan chủ trì"), (300.0, "Phối hợp")]));
        words.extend(line(94.0, &[(400.0, "hoàn thành")]));
        // row 1: the number on the middle line
        words.extend(line(
            130.0,
            &[(110.0, "Tập huấn kỹ"), (200.0, "Văn phòng"), (300.0, "Các chi bộ"), (400.0, "Tháng")],
        ));
        words.extend(line(137.0, &[(87.0, "1"), (110.0, "năng số"), (200.0, "Đảng ủy"), (400.0, "10/2026")]));
        // row 2
        words.extend(line(175.0, &[(87.0, "2"), (110.0, "Sơ kết"), (200.0, "Văn phòng"), (400.0, "Quý IV/2026")]));
        words.extend(line(210.0, &[(85.0, "IV. TỔ CHỨC THỰC HIỆN")]));
        let printed: Vec<String> = vec![
            "III. PHÂN CÔNG THỰC HIỆN".into(),
            "".into(),
            "                          Thời gian".into(),
            "STT Nội dung   Cơ quan chủ trì   Phối hợp".into(),
            "                          hoàn thành".into(),
            "".into(),
            "    Tập huấn kỹ   Văn phòng   Các chi bộ   Tháng".into(),
            "1   năng số       Đảng ủy                  10/2026".into(),
            "".into(),
            "2   Sơ kết        Văn phòng                Quý IV/2026".into(),
            "".into(),
            "IV. TỔ CHỨC THỰC HIỆN".into(),
        ];
        let mut pages = vec![printed];
        rebuild(&mut pages, &[words]);
        assert_eq!(
            pages[0],
            vec![
                "III. PHÂN CÔNG THỰC HIỆN",
                "",
                "STT | Nội dung | Cơ quan chủ trì | Phối hợp | Thời gian hoàn thành",
                "1 | Tập huấn kỹ năng số | Văn phòng Đảng ủy | Các chi bộ | Tháng 10/2026",
                "2 | Sơ kết | Văn phòng |  | Quý IV/2026",
                "",
                "IV. TỔ CHỨC THỰC HIỆN",
            ]
        );
    }

    #[test]
    fn running_text_and_a_justified_line_are_left_alone() {
        let mut words = line(50.0, &[(85.0, "Thu ngân sách đạt 12,5 tỷ đồng, bằng 104,2% dự toán.")]);
        // a justified line: wide gaps, all equal
        let mut x = 85.0;
        for w in ["Kế", "hoạch", "chỉ", "tiêu", "đạt"] {
            words.push(Word { x0: x, y0: 70.0, x1: x + 20.0, y1: 85.0, text: w.into() });
            x += 32.0;
        }
        let before: Vec<String> =
            vec!["Thu ngân sách đạt 12,5 tỷ đồng, bằng 104,2% dự toán.".into(), "Kế hoạch chỉ tiêu đạt".into()];
        let mut pages = vec![before.clone()];
        rebuild(&mut pages, &[words]);
        assert_eq!(pages[0], before);
    }

    #[test]
    fn a_cell_filled_to_its_edge_is_cut_where_its_column_starts() {
        let mut words =
            line(80.0, &[(87.0, "STT"), (110.0, "Nội dung"), (220.0, "Cơ quan chủ trì"), (330.0, "Phối hợp")]);
        words.extend(line(
            110.0,
            &[(87.0, "1"), (110.0, "Sắp xếp tổ"), (220.0, "Ban Tuyên giáo"), (330.0, "Ủy ban Mặt trận")],
        ));
        // "và Dân vận Đảng" ends 3.6 points before the partner column: one fragment by its gaps
        let mut row2 = line(125.0, &[(110.0, "dân vận"), (220.0, "và Dân vận Đảng")]);
        let end = row2.last().map_or(0.0, |w| w.x1);
        row2.extend(line(125.0, &[(end + 3.6, "Tổ quốc")]).into_iter().map(|mut w| {
            let d = 330.0 - (end + 3.6);
            w.x0 += d;
            w.x1 += d;
            w
        }));
        words.extend(row2);
        words.extend(line(160.0, &[(87.0, "2"), (110.0, "Sơ kết"), (220.0, "Văn phòng"), (330.0, "Các ban")]));
        let printed: Vec<String> = vec![
            "STT Nội dung  Cơ quan chủ trì  Phối hợp".into(),
            "1  Sắp xếp tổ  Ban Tuyên giáo  Ủy ban Mặt trận".into(),
            "   dân vận     và Dân vận Đảng Tổ quốc".into(),
            "2  Sơ kết  Văn phòng  Các ban".into(),
        ];
        let mut pages = vec![printed];
        rebuild(&mut pages, &[words]);
        assert_eq!(pages[0][1], "1 | Sắp xếp tổ dân vận | Ban Tuyên giáo và Dân vận Đảng | Ủy ban Mặt trận Tổ quốc");
    }

    #[test]
    fn header_cells_wrapped_above_the_header_line_are_kept() {
        // running text above: what a space is
        let mut words =
            line(40.0, &[(85.0, "Kết quả thực hiện các chỉ tiêu chủ yếu năm 2026 của Đảng bộ xã như sau:")]);
        words.extend(line(80.0, &[(200.0, "Đơn vị"), (260.0, "NQ"), (320.0, "Thực"), (380.0, "Tỷ lệ")]));
        words.extend(line(
            88.0,
            &[(87.0, "TT"), (110.0, "Tên chỉ tiêu"), (200.0, "tính"), (260.0, "giao"), (320.0, "hiện"), (380.0, "%")],
        ));
        words.extend(line(
            120.0,
            &[(87.0, "1"), (110.0, "Trồng rừng"), (200.0, "ha"), (260.0, "350"), (320.0, "420"), (380.0, "120,0")],
        ));
        words.extend(line(
            150.0,
            &[
                (87.0, "2"),
                (110.0, "Thu ngân sách"),
                (200.0, "tỷ đồng"),
                (260.0, "15,0"),
                (320.0, "17,3"),
                (380.0, "115,3"),
            ],
        ));
        let printed: Vec<String> = vec![
            "Kết quả thực hiện các chỉ tiêu chủ yếu năm 2026 của Đảng bộ xã như sau:".into(),
            "                 Đơn vị  NQ    Thực  Tỷ lệ".into(),
            "TT Tên chỉ tiêu  tính    giao  hiện  %".into(),
            "1  Trồng rừng    ha      350   420   120,0".into(),
            "2  Thu ngân sách tỷ đồng 15,0  17,3  115,3".into(),
        ];
        let mut pages = vec![printed];
        rebuild(&mut pages, &[words]);
        assert_eq!(pages[0][1], "TT | Tên chỉ tiêu | Đơn vị tính | NQ giao | Thực hiện | Tỷ lệ %");
        assert_eq!(pages[0].len(), 4);
    }

    #[test]
    fn a_table_goes_on_across_a_page_and_its_number() {
        let mut p1 = line(700.0, &[(87.0, "STT"), (110.0, "Chỉ tiêu"), (300.0, "ĐVT"), (400.0, "Kế hoạch")]);
        p1.extend(line(740.0, &[(87.0, "1"), (110.0, "Sản lượng lương thực"), (300.0, "tấn"), (400.0, "11.000")]));
        let mut p2 = line(56.0, &[(300.0, "2")]);
        p2.extend(line(90.0, &[(87.0, "2"), (110.0, "Thu ngân sách"), (300.0, "tỷ đồng"), (400.0, "30,0")]));
        p2.extend(line(130.0, &[(85.0, "III. NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM")]));
        let mut pages = vec![
            vec![
                "STT  Chỉ tiêu      ĐVT   Kế hoạch".to_string(),
                "".into(),
                "1    Sản lượng lương thực   tấn   11.000".into(),
            ],
            vec![
                "                2".to_string(),
                "2    Thu ngân sách   tỷ đồng   30,0".into(),
                "".into(),
                "III. NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM".into(),
            ],
        ];
        rebuild(&mut pages, &[p1, p2]);
        assert_eq!(pages[0], vec!["STT | Chỉ tiêu | ĐVT | Kế hoạch", "1 | Sản lượng lương thực | tấn | 11.000"]);
        assert_eq!(
            pages[1],
            vec!["2 | Thu ngân sách | tỷ đồng | 30,0", "", "III. NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM"]
        );
    }

    #[test]
    fn bbox_xml_is_read_and_junk_is_refused() {
        let xml = r#"<html><body><doc><page width="595" height="842"><flow><block><line>
<word xMin="85.0" yMin="79.7" xMax="120.5" yMax="96.6">Đảng</word>
<word xMin="123.0" yMin="79.7" xMax="140.0" yMax="96.6">&amp;</word>
</line></block></flow></page></doc></body></html>"#;
        let pages = parse_bbox(xml).expect("bbox");
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].iter().map(|w| w.text.as_str()).collect::<Vec<_>>(), vec!["Đảng", "&"]);
        assert!(parse_bbox("<page><word xMin=\"x\">a</word></page>").is_none());
    }
}
