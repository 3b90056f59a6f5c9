//! Tables of assignments flattened one cell per line (pdftotext of a "PHÂN CÔNG NHIỆM VỤ"
//! appendix: STT / Nội dung công việc / Đơn vị chủ trì / Đơn vị phối hợp / Thời gian, each
//! cell on its own line(s), long cells wrapped, page numbers in between).
//!
//! The row-per-line reader of `tables` cannot see these: nothing on a line says where a
//! cell ends. Rows are found by their STT numbers in sequence (1, 2, 3 …; a page number
//! out of sequence is skipped), and each row's lines are cut into the header's columns by
//! the cut that reads best: a cell starts on a capital (a wrapped line starts lower-case or
//! follows "và" / ";"), the lead and partner cells name units, the time cell reads as a time.

use theodoi_core::{Cell, LineSpan, Row, Table};
use theodoi_text::fold_fast as fold;

use crate::layout::{LineClass, Lines};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Content,
    Lead,
    Partner,
    Time,
    Note,
    /// "Kết quả, sản phẩm" / "Sản phẩm": what a row delivers (the fifth of the "5 rõ").
    Product,
}

/// Header cell words of task tables, folded, with the column they name.
const HEADER: &[(&str, Col)] = &[
    // before the content words: "Sản phẩm của nhiệm vụ" names the product
    ("san pham", Col::Product),
    ("ket qua", Col::Product),
    // "Hình thức văn bản" (Kế hoạch, Quyết định, Báo cáo): the document a row delivers
    ("hinh thuc", Col::Product),
    ("noi dung", Col::Content),
    ("nhiem vu", Col::Content),
    ("cong viec", Col::Content),
    ("chu tri", Col::Lead),
    ("don vi thuc hien", Col::Lead),
    ("co quan thuc hien", Col::Lead),
    ("trach nhiem", Col::Lead),
    ("phoi hop", Col::Partner),
    ("thoi gian", Col::Time),
    ("thoi han", Col::Time),
    ("tien do", Col::Time),
    ("ghi chu", Col::Note),
];

/// Words of a time cell ("Quý IV/2025", "Thường xuyên", "Hằng năm", "Giai đoạn 2026 - 2030").
const TIME_WORDS: &[&str] =
    &["quy ", "thang ", "nam ", "thuong xuyen", "hang nam", "hang quy", "giai doan", "truoc ", "den het", "dinh ky"];

fn is_unit(f: &str) -> bool {
    // a lead or partner cell starts with a body's name (the genre's one lexicon of bodies)
    theodoi_text::starts_body(f, theodoi_text::BodyRole::Cell)
}

fn is_time(f: &str) -> bool {
    let f = f.trim();
    theodoi_text::time_cell(f, None).is_some()
        || TIME_WORDS.iter().any(|w| f.starts_with(w.trim_end()) || f.contains(w))
            && (f.bytes().any(|c| c.is_ascii_digit()) || theodoi_text::RECURRING.iter().any(|w| f.contains(w)))
        || f.starts_with("theo ")
        || f.bytes().next().is_some_and(|c| c.is_ascii_digit()) && f.len() <= 12
}

/// A row number of one or two levels ("3", "1.2", "2.1."): (top, sub).
fn row_number(t: &str) -> Option<(u32, Option<u32>)> {
    let t = t.trim().trim_end_matches('.');
    match t.split_once('.') {
        None => bare_number(t).map(|n| (n, None)),
        Some((a, b)) => Some((bare_number(a)?, Some(bare_number(b)?))),
    }
}

/// Whether `n` may follow row number `prev` in a table numbered in sequence: the next top
/// number ("2" after "1" or "1.3"), the first point under a top number ("1.1" after "1"), or
/// the next point under it ("1.2" after "1.1").
fn follows(prev: Option<(u32, Option<u32>)>, n: (u32, Option<u32>)) -> bool {
    match (prev, n) {
        (None, (1, None)) => true,
        (Some((a, _)), (b, None)) => b == a + 1,
        (Some((a, None)), (b, Some(1))) => b == a,
        (Some((a, Some(x))), (b, Some(y))) => b == a && y == x + 1,
        _ => false,
    }
}

fn bare_number(t: &str) -> Option<u32> {
    let t = t.trim();
    (!t.is_empty() && t.len() <= 3 && t.bytes().all(|c| c.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

/// Columns of a header that stands one cell per line after "STT": (column, name).
fn header(lines: &Lines<'_>, from: usize) -> Option<(Vec<(Col, String)>, usize)> {
    let mut cols: Vec<(Col, String)> = Vec::new();
    let mut i = from;
    while i < lines.len() && i < from + 12 {
        let t = lines.text[i].trim();
        if bare_number(t) == Some(1) {
            break;
        }
        if t.is_empty() {
            i += 1;
            continue;
        }
        let f = fold(t);
        match HEADER.iter().find(|(k, _)| f.contains(k)) {
            // "Thời gian thực" | "hiện": a wrapped header cell
            Some((_, c))
                if !cols.last().is_some_and(|l| l.0 == *c && !l.1.ends_with(['.', ':'])) || cols.is_empty() =>
            {
                cols.push((*c, t.to_string()))
            }
            _ => match cols.last_mut() {
                Some(l) => {
                    l.1.push(' ');
                    l.1.push_str(t);
                }
                None => return None,
            },
        }
        i += 1;
    }
    let has = |c: Col| cols.iter().any(|x| x.0 == c);
    (has(Col::Content) && has(Col::Lead) && cols.len() >= 3 && bare_number(lines.text.get(i)?) == Some(1))
        .then_some((cols, i))
}

/// Score of a cell holding `text` (its lines) in column `col`, after the line `prev`.
fn cell_score(col: Col, cell: &[&str], prev: Option<&str>) -> i32 {
    let first = cell.first().map(|l| l.trim()).unwrap_or("");
    let joined = cell.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    let f = fold(&joined);
    let mut s = 0;
    let c0 = first.chars().next();
    if c0.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '“' || c == '"') {
        s += 1;
    } else {
        s -= 4;
    }
    if let Some(p) = prev {
        let pf = fold(p.trim());
        let last = pf.rsplit(' ').next().unwrap_or("");
        // a cell does not end on "và", ";" or the head word of a name ("Phòng Kinh tế; Phòng")
        if pf.ends_with([';', ',', '-', '–'])
            || ["va", "cua", "voi", "phong", "ban", "hoi", "so", "trung", "to", "doan", "cac", "quy"].contains(&last)
        {
            s -= 3;
        }
    }
    match col {
        Col::Lead => {
            if is_unit(&f) {
                s += 3;
            }
            if is_time(&f) {
                s -= 3;
            }
        }
        Col::Partner => {
            if is_unit(&f) || f == "-" {
                s += 2;
            }
            if is_time(&f) {
                s -= 3;
            }
        }
        Col::Time => {
            // "Trong quý" | "IV/2027": the first line already reads as a time
            if is_time(&f)
                && TIME_WORDS.iter().chain(&["trong", "tu ", "den"]).any(|w| fold(first).starts_with(w.trim_end()))
                || is_time(&fold(first))
            {
                s += 4;
            }
            if is_unit(&f) {
                s -= 3;
            }
        }
        Col::Content => {
            if is_unit(&f) {
                s -= 1;
            }
        }
        Col::Note | Col::Product => {}
    }
    s
}

/// The best cut of a row's lines into `cols.len()` cells (each at least one line).
fn cut(row: &[&str], cols: &[Col]) -> Option<Vec<(usize, usize)>> {
    let n = row.len();
    let k = cols.len();
    if n < k || n > 40 {
        return None;
    }
    // dynamic programming over (lines used, cells made): best score and back-pointer
    let neg = i32::MIN / 4;
    let mut best = vec![vec![(neg, 0usize); k + 1]; n + 1];
    best[0][0] = (0, 0);
    for c in 1..=k {
        for e in c..=n {
            for s in (c - 1)..e {
                let (prev, _) = best[s][c - 1];
                if prev == neg {
                    continue;
                }
                let before = if s > 0 { Some(row[s - 1]) } else { None };
                let v = prev + cell_score(cols[c - 1], &row[s..e], before);
                if v > best[e][c].0 {
                    best[e][c] = (v, s);
                }
            }
        }
    }
    let mut out = vec![(0, 0); k];
    let mut e = n;
    for c in (1..=k).rev() {
        let s = best[e][c].1;
        out[c - 1] = (s, e);
        e = s;
    }
    Some(out)
}

fn ends_table(t: &str) -> bool {
    let f = fold(t.trim());
    f.starts_with("noi nhan") || f.starts_with("phu luc") || f.starts_with("t/m ") || f.starts_with("tren day la")
}

/// A numbered point of running text after a blank line ("2. Các chi bộ trực thuộc …",
/// "IV. TỔ CHỨC THỰC HIỆN", "b) …"): the text goes on below the table, and its points are
/// not cells of the last row.
fn opens_point(t: &str) -> bool {
    static POINT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:\d{1,2}(?:\.\d{1,2})*\.|[IVX]{1,4}\.|[a-zđ]\)|\d{1,2}\))\s+\p{Lu}")
            .expect("static regex")
    });
    POINT.is_match(t.trim_start())
}

/// Task tables laid out one cell per line, outside the spans of `known` tables.
pub(crate) fn find(lines: &Lines<'_>, footnote: &[Option<usize>], known: &[Table]) -> Vec<Table> {
    let n = lines.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let t = lines.text[i].trim();
        let f = fold(t);
        let in_known = known.iter().any(|k| k.span.contains(i as u32 + 1));
        if !(f == "stt" || f == "tt") || in_known || footnote[i].is_some() {
            i += 1;
            continue;
        }
        let Some((cols, first_row)) = header(lines, i + 1) else {
            i += 1;
            continue;
        };
        let kinds: Vec<Col> = cols.iter().map(|c| c.0).collect();
        // rows by their numbers in sequence, one or two levels ("1" a group over "1.1", "1.2")
        let mut starts: Vec<usize> = Vec::new();
        let mut last_no: Option<(u32, Option<u32>)> = None;
        let mut end = first_row;
        let mut j = first_row;
        while j < n {
            let tj = lines.text[j].trim();
            if ends_table(tj) || lines.class[j] == LineClass::Rule {
                break;
            }
            // … or right after the last row's cells, when paragraphs stand one a line with no
            // blank line between them (a DOCX, a PDF): the last row has all its cells already
            let last_full = starts.last().is_some_and(|&s| {
                (s + 1..j).filter(|&x| !lines.text[x].trim().is_empty() && bare_number(lines.text[x]).is_none()).count()
                    >= kinds.len()
            });
            if !starts.is_empty() && j > 0 && (lines.text[j - 1].trim().is_empty() || last_full) && opens_point(tj) {
                break;
            }
            // a page's number heading the page, or centred on its line, even when it is the
            // next row's number: the row numbers stand at the margin mid-page
            let page_no = bare_number(tj).is_some() && (lines.page_start[j] || lines.text[j].starts_with("          "));
            if let Some(no) = row_number(tj).filter(|&no| !page_no && follows(last_no, no)) {
                starts.push(j);
                last_no = Some(no);
            }
            if !tj.is_empty() {
                end = j;
            }
            j += 1;
        }
        let mut rows = Vec::new();
        for (r, &s) in starts.iter().enumerate() {
            let e = starts.get(r + 1).map(|x| x - 1).unwrap_or(end);
            // the row's lines, without empty lines and page numbers out of sequence
            let idx: Vec<usize> = (s + 1..=e)
                .filter(|&x| !lines.text[x].trim().is_empty() && bare_number(lines.text[x]).is_none())
                .filter(|&x| footnote[x].is_none())
                .collect();
            let texts: Vec<&str> = idx.iter().map(|&x| lines.text[x]).collect();
            let number = match row_number(lines.text[s]) {
                Some((a, Some(b))) => format!("{a}.{b}"),
                Some((a, None)) => a.to_string(),
                None => (r + 1).to_string(),
            };
            let last = idx.last().copied().unwrap_or(s);
            // a top number whose next row is its first point ("1" | "Nâng cao nhận thức" | "1.1"):
            // a group row, its title the only cell
            let sub_next = starts.get(r + 1).and_then(|&x| row_number(lines.text[x])).is_some_and(|n| n.1 == Some(1));
            if sub_next && row_number(lines.text[s]).is_some_and(|n| n.1.is_none()) && texts.len() < kinds.len() {
                let text = texts.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
                let span = LineSpan::new(s as u32 + 1, last as u32 + 1);
                rows.push(Row {
                    span,
                    number: Some(number.clone()),
                    is_group: true,
                    cells: vec![Cell { text: number, span: LineSpan::line(s as u32 + 1) }, Cell { text, span }],
                    ..Default::default()
                });
                continue;
            }
            let Some(cells) = cut(&texts, &kinds) else { continue };
            let mut row_cells = vec![Cell { text: number.clone(), span: LineSpan::line(s as u32 + 1) }];
            for (a, b) in cells {
                let text = texts[a..b].iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
                let span = LineSpan::new(idx[a] as u32 + 1, idx[b - 1] as u32 + 1);
                row_cells.push(Cell { text, span });
            }
            rows.push(Row {
                span: LineSpan::new(s as u32 + 1, last as u32 + 1),
                number: Some(number),
                cells: row_cells,
                ..Default::default()
            });
        }
        if rows.len() >= 2 {
            let title =
                (i.saturating_sub(4)..i).find(|&x| fold(lines.text[x].trim()).starts_with("phu luc")).map(|x| {
                    let next = lines.text.get(x + 1).map(|l| l.trim()).unwrap_or("");
                    format!("{} {}", lines.text[x].trim(), next).trim().to_string()
                });
            let mut header = vec![t.to_string()];
            header.extend(cols.iter().map(|c| c.1.clone()));
            let last = rows.last().map(|r| r.span.end).unwrap_or(i as u32 + 1);
            out.push(Table { title, span: LineSpan::new(i as u32 + 1, last), header, rows });
            i = last as usize;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_table_one_cell_per_line() {
        let text = "PHỤ LỤC\nSTT\nNội dung\nĐơn vị chủ trì\nĐơn vị phối hợp\nThời gian\n1\nKhảo sát nhu cầu\nhọc nghề của thanh niên\nHội Nông dân xã\nĐoàn Thanh niên; Phòng\nVăn hóa - Xã hội\nQuý III/2027\n2\nSơ kết đề án\nVăn phòng Đảng ủy\n-\nThường xuyên\n 4 \n3\nLắp đặt camera\nCông an xã\nTrưởng các thôn\nTrong quý\nIV/2027\n";
        let lines = Lines::new(text.lines().collect());
        let fnote = vec![None; lines.len()];
        let t = find(&lines, &fnote, &[]);
        assert_eq!(t.len(), 1);
        let rows: Vec<Vec<&str>> =
            t[0].rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            rows,
            vec![
                vec![
                    "1",
                    "Khảo sát nhu cầu học nghề của thanh niên",
                    "Hội Nông dân xã",
                    "Đoàn Thanh niên; Phòng Văn hóa - Xã hội",
                    "Quý III/2027"
                ],
                vec!["2", "Sơ kết đề án", "Văn phòng Đảng ủy", "-", "Thường xuyên"],
                vec!["3", "Lắp đặt camera", "Công an xã", "Trưởng các thôn", "Trong quý IV/2027"],
            ]
        );
        assert_eq!((t[0].rows[1].span.start, t[0].rows[1].span.end), (14, 18));
    }

    #[test]
    fn group_rows_over_two_level_points_and_a_product_column() {
        let text = "TT\nNội dung\nĐơn vị chủ trì\nĐơn vị phối hợp\nThời hạn\nSản phẩm\n1\nCông tác tuyên truyền\n1.1\nBiên soạn tài liệu hỏi đáp\nBan Tuyên giáo Đảng ủy\nCác chi bộ\nQuý I/2028\nBộ tài liệu\n1.2\nThi tìm hiểu trực tuyến\nĐoàn Thanh niên xã\nHội Phụ nữ xã\nTháng 5/2028\nBáo cáo kết quả\n2\nSơ kết 01 năm\nVăn phòng Đảng ủy\nCác ban\nTháng 12/2028\nBáo cáo sơ kết\n";
        let lines = Lines::new(text.lines().collect());
        let fnote = vec![None; lines.len()];
        let t = find(&lines, &fnote, &[]);
        assert_eq!(t.len(), 1);
        let rows: Vec<(bool, Vec<&str>)> =
            t[0].rows.iter().map(|r| (r.is_group, r.cells.iter().map(|c| c.text.as_str()).collect())).collect();
        assert_eq!(
            rows,
            vec![
                (true, vec!["1", "Công tác tuyên truyền"]),
                (
                    false,
                    vec![
                        "1.1",
                        "Biên soạn tài liệu hỏi đáp",
                        "Ban Tuyên giáo Đảng ủy",
                        "Các chi bộ",
                        "Quý I/2028",
                        "Bộ tài liệu"
                    ]
                ),
                (
                    false,
                    vec![
                        "1.2",
                        "Thi tìm hiểu trực tuyến",
                        "Đoàn Thanh niên xã",
                        "Hội Phụ nữ xã",
                        "Tháng 5/2028",
                        "Báo cáo kết quả"
                    ]
                ),
                (false, vec!["2", "Sơ kết 01 năm", "Văn phòng Đảng ủy", "Các ban", "Tháng 12/2028", "Báo cáo sơ kết"]),
            ]
        );
        assert_eq!(t[0].header.last().map(String::as_str), Some("Sản phẩm"), "the product is a column of its own");
    }

    #[test]
    fn numbered_points_after_a_blank_line_are_text_below_the_table() {
        let text = "STT\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n1\nĐối thoại với doanh nghiệp\nỦy ban nhân dân xã\nPhòng Kinh tế\nHằng năm\n2\nSơ kết 02 năm\nVăn phòng Đảng ủy\nBan Xây dựng Đảng\nTháng 9/2027\n\n2. Các chi bộ trực thuộc xây dựng kế hoạch thực hiện,\ngửi về Văn phòng Đảng ủy trước ngày 31/10/2025.\n";
        let lines = Lines::new(text.lines().collect());
        let fnote = vec![None; lines.len()];
        let t = find(&lines, &fnote, &[]);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].span.end, 15, "the table ends with its last row's cells");
        let last: Vec<&str> = t[0].rows[1].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(last, vec!["2", "Sơ kết 02 năm", "Văn phòng Đảng ủy", "Ban Xây dựng Đảng", "Tháng 9/2027"]);
    }

    #[test]
    fn a_page_number_in_sequence_is_no_row() {
        // a PDF's page 2 starts inside row 1, its number centred: "2" is no row
        let text = "STT\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n1\nXây dựng kế hoạch hỗ trợ\nỦy ban nhân dân xã\n                                          2\nPhòng Kinh tế\nQuý IV/2025\n2\nSơ kết 02 năm\nVăn phòng Đảng ủy\nBan Xây dựng Đảng\nTháng 9/2027\n";
        let lines = Lines::new(text.lines().collect());
        let t = find(&lines, &vec![None; lines.len()], &[]);
        let rows: Vec<Vec<&str>> =
            t[0].rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            rows,
            vec![
                vec!["1", "Xây dựng kế hoạch hỗ trợ", "Ủy ban nhân dân xã", "Phòng Kinh tế", "Quý IV/2025"],
                vec!["2", "Sơ kết 02 năm", "Văn phòng Đảng ủy", "Ban Xây dựng Đảng", "Tháng 9/2027"],
            ]
        );
    }

    #[test]
    fn numbered_points_right_after_a_full_last_row_are_text_below_the_table() {
        // paragraphs one a line, no blank lines (a DOCX or PDF of the same table)
        let text = "STT\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n1\nĐối thoại với doanh nghiệp\nỦy ban nhân dân xã\nPhòng Kinh tế\nHằng năm\n2\nSơ kết 02 năm\nVăn phòng Đảng ủy\nBan Xây dựng Đảng\nTháng 9/2027\n2. Các chi bộ trực thuộc xây dựng kế hoạch thực hiện,\ngửi về Văn phòng Đảng ủy trước ngày 31/10/2025.\n";
        let lines = Lines::new(text.lines().collect());
        let fnote = vec![None; lines.len()];
        let t = find(&lines, &fnote, &[]);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].span.end, 15, "the table ends with its last row's cells");
        // a point inside a row whose cells are not all there yet stays in the row
        let text = "STT\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n1\nRà soát hộ nghèo:\n2. Các thôn vùng cao\nỦy ban nhân dân xã\nPhòng Kinh tế\nQuý I/2026\n2\nSơ kết 02 năm\nVăn phòng Đảng ủy\nBan Xây dựng Đảng\nTháng 9/2027\n";
        let lines = Lines::new(text.lines().collect());
        let t = find(&lines, &vec![None; lines.len()], &[]);
        assert_eq!(t.first().map(|t| (t.rows.len(), t.span.end)), Some((2, 16)), "{:?}", t.first().map(|t| &t.rows));
    }
}
