//! Tables rebuilt from flattened text (PDF/DOCX extraction put one cell, or several
//! cells separated by spaces, per line).
//!
//! A table starts at a header row whose first column is "STT"/"TT" (with the
//! "PHỤ LỤC NN" title above it, when there is one). Header words are split into
//! columns with a vocabulary of column names, each with a type (number, name, unit,
//! value, verdict). Rows are then read line by line:
//! - "I Các chỉ tiêu …", an upper-case line, or "Đảng bộ phường …" with no figures: a group;
//! - "12 Tên chỉ tiêu …" or "12" alone, numbered in sequence: a row;
//! - an indented line (empty STT cell) or a line after a whitespace-only line: a sub-row
//!   of the last numbered row ("Trong đó", unnumbered rows);
//! - anything else continues the current row.
//!
//! Cells of a row are read from the right by type: verdict ("Đạt", "Vượt"), values
//! ("trên 3%", "13,7%/năm", "403,29"), unit ("%", "Tỷ đồng", "tạ/ha/năm"); the rest is
//! the name. Runs of spaces mark empty cells (an empty cell is flattened to a space).

use std::sync::LazyLock;

use crate::layout::{LineClass, Lines};
use regex::Regex;
use theodoi_core::{Cell, LineSpan, Row, Table};
use theodoi_text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Number,
    Name,
    Unit,
    Value,
    Verdict,
    Text,
}

/// Column names, folded, longest first within a prefix.
const COLUMNS: &[(&str, Col)] = &[
    ("stt", Col::Number),
    ("tt", Col::Number),
    ("so tt", Col::Number),
    ("ten du an, cong trinh", Col::Name),
    ("ten du an", Col::Name),
    ("ten cong trinh", Col::Name),
    ("ten chi tieu", Col::Name),
    ("chi tieu dai hoi", Col::Name),
    ("chi tieu", Col::Name),
    ("noi dung", Col::Name),
    ("ten don vi", Col::Name),
    ("don vi tinh", Col::Unit),
    ("dvt", Col::Unit),
    ("muc tieu dai hoi", Col::Value),
    ("muc tieu", Col::Value),
    ("ke hoach", Col::Value),
    ("uoc thuc hien", Col::Value),
    ("thuc hien", Col::Value),
    ("ket qua", Col::Value),
    ("ty le", Col::Value),
    ("so sanh", Col::Verdict),
    ("danh gia", Col::Verdict),
    ("ghi chu", Col::Text),
    ("thoi gian", Col::Text),
    ("don vi chu tri", Col::Text),
    ("co quan chu tri", Col::Text),
];

const VERDICTS: &[&str] = &[
    "không hoàn thành",
    "chưa hoàn thành",
    "hoàn thành",
    "cơ bản đạt",
    "không đạt",
    "chưa đạt",
    "vượt chỉ tiêu",
    "vượt",
    "đạt",
];

const UNITS: &[&str] = &[
    "%",
    "‰",
    "%/năm",
    "đảng viên",
    "triệu đồng",
    "tỷ đồng",
    "nghìn đồng",
    "đồng",
    "lượt người",
    "người",
    "lượt",
    "trường",
    "hộ",
    "km",
    "km2",
    "ha",
    "tấn",
    "con",
    "doanh nghiệp",
    "cơ sở",
    "tổ chức",
    "cuộc",
    "lần",
    "tuyến",
    "công trình",
    "dự án",
    "nhà",
    "phòng",
    "chi bộ",
    "sản phẩm",
    "tổ dân phố",
    "năm",
    "giờ",
    "ngày",
    "m2",
    "m3",
    "tiêu chí",
    "thanh niên",
    "công dân",
    "lao động",
    "căn",
    "thôn",
    "tổ",
];

static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^
        (?:(?:trên|dưới|từ|đạt|còn|ít\ nhất|tối\ thiểu|tối\ đa|không\ quá|khoảng|gần|hơn|tăng|giảm)\s+)?
        [<>≥≤~]?\s*\d[\d.,]*
        (?:\s*[-–]\s*\d[\d.,]*)?
        \s*(?:%|‰)?
        (?:\s*/\s*năm)?
        (?:\s+(?:tỷ\ đồng|triệu\ đồng|nghìn\ đồng|đồng|cơ\ sở|trường|doanh\ nghiệp|lượt\ người|người|lượt|hộ|km|ha|tấn|con|đảng\ viên|tổ\ chức|lần|tuyến|cuộc|nhà|phòng|công\ trình|dự\ án)(?:\s*/\s*năm)?)?
        (?:\s+trở\ lên|\s+trở\ xuống)?
        \s*\.?$",
    )
    .expect("valid value pattern")
});

/// A value cell ("trên 3%", "13,7%/năm"); the regex runs only on text with a digit.
fn is_value(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit()) && VALUE.is_match(s)
}

/// A token of a row: a word with its line, or an empty cell.
#[derive(Debug, Clone)]
enum Tok {
    Word(String, usize),
    Empty(usize),
}

impl Tok {
    fn word(&self) -> Option<&str> {
        match self {
            Tok::Word(w, _) => Some(w),
            Tok::Empty(_) => None,
        }
    }
    fn line(&self) -> usize {
        match self {
            Tok::Word(_, l) | Tok::Empty(l) => *l,
        }
    }
}

/// Tokens of one line: words, and empty cells where runs of spaces stand.
fn tokens(text: &str, line: usize, out: &mut Vec<Tok>) {
    let body = text.trim_start();
    let b = body.as_bytes();
    let mut i = 0;
    let mut first = true;
    while i < b.len() {
        let s = i;
        while i < b.len() && b[i] != b' ' {
            i += 1;
        }
        if i > s {
            out.push(Tok::Word(body[s..i].to_string(), line));
        }
        let sp = i;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        let run = i - sp;
        let empties = if i == b.len() { run / 2 } else { run.saturating_sub(1) / 2 };
        for _ in 0..empties {
            out.push(Tok::Empty(line));
        }
        first = false;
    }
    if first && !text.is_empty() {
        // A whitespace-only line: an empty cell.
        for _ in 0..(text.len() / 2).max(1) {
            out.push(Tok::Empty(line));
        }
    }
}

fn is_roman(w: &str) -> bool {
    const R: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"];
    R.contains(&w.trim_end_matches(['.', ')']))
}

fn is_upper_text(t: &str) -> bool {
    theodoi_text::is_upper_text(t, 4)
}

/// Header text → columns (names as written, types).
fn header_columns(text: &str) -> Vec<(String, Col)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut cols: Vec<(String, Col)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut best: Option<(usize, Col)> = None;
        for (name, col) in COLUMNS {
            let n = name.split(' ').count();
            if i + n <= words.len() && folded[i..i + n].join(" ") == *name && best.is_none_or(|(bn, _)| n > bn) {
                best = Some((n, *col));
            }
        }
        match best {
            Some((n, col)) => {
                cols.push((words[i..i + n].join(" "), col));
                i += n;
            }
            None => {
                match cols.last_mut() {
                    Some(last) => {
                        last.0.push(' ');
                        last.0.push_str(words[i]);
                    }
                    None => cols.push((words[i].to_string(), Col::Text)),
                }
                i += 1;
            }
        }
    }
    // The first name-like column is the name; later ones hold values ("Chỉ tiêu | Thực hiện").
    let mut seen_name = false;
    for c in &mut cols {
        if c.1 == Col::Name {
            if seen_name {
                c.1 = Col::Value;
            }
            seen_name = true;
        }
    }
    cols
}

fn starts_header(t: &str) -> bool {
    let first = t.split_whitespace().next().unwrap_or("");
    if !(first.eq_ignore_ascii_case("stt") || first.eq_ignore_ascii_case("tt") || first.eq_ignore_ascii_case("số")) {
        return false;
    }
    let f = fold(t.trim());
    let first = f.split_whitespace().next().unwrap_or("");
    (first == "stt" || first == "tt") && header_columns(t).len() >= 2
}

/// Where a table ends: a new appendix, document, closing or footnote rule.
fn ends_table(lines: &Lines<'_>, i: usize) -> bool {
    if lines.class[i] == LineClass::Rule {
        return true;
    }
    let t = lines.text[i].trim();
    let f = fold(t);
    f.starts_with("phu luc") && t.chars().count() < 40
        || f.starts_with("noi nhan")
        || f.starts_with("t/m ")
        || crate::meta::type_word(t)
        || crate::numbering::parse(t).is_some_and(|nb| matches!(nb.style, crate::numbering::Style::Part))
}

/// Find tables in the lines (lines owned by footnotes are skipped).
pub(crate) fn find(lines: &Lines<'_>, footnote: &[Option<usize>]) -> Vec<Table> {
    let n = lines.len();
    let mut tables = Vec::new();
    let mut i = 0;
    while i < n {
        if lines.class[i] != LineClass::Text || footnote[i].is_some() {
            i += 1;
            continue;
        }
        if let Some(cols) = cell_header(lines, footnote, i) {
            let (table, end) = read_cell_table(lines, footnote, i, &cols);
            if !table.rows.is_empty() {
                tables.push(table);
            }
            i = end.max(i + 1);
            continue;
        }
        if !starts_header(lines.text[i]) {
            i += 1;
            continue;
        }
        let (table, end) = match layout_columns(lines.text[i]) {
            Some(cols) => read_layout_table(lines, footnote, i, &cols),
            None => read_table(lines, footnote, i),
        };
        tables.push(table);
        i = end.max(i + 1);
    }
    tables
}

/// Text lines after `i` (not blank, not footnotes), with their indexes.
fn next_texts<'a>(lines: &'a Lines<'_>, footnote: &'a [Option<usize>], i: usize) -> impl Iterator<Item = usize> + 'a {
    (i + 1..lines.len()).filter(move |&k| lines.class[k] == LineClass::Text && footnote[k].is_none())
}

/// A header flattened one cell per line ("TT" / "Chỉ tiêu" / "ĐVT" / "Kế hoạch" / "2025" /
/// "Thực hiện" …): "TT"/"STT" alone on its line, then short lines naming at least a name
/// and a value column, up to the first row marker ("A", "I", "1"). Only tables of figures
/// are read here (a value, unit or verdict column).
fn cell_header(lines: &Lines<'_>, footnote: &[Option<usize>], i: usize) -> Option<Vec<(String, Col)>> {
    let f = fold(lines.text[i].trim());
    if f != "tt" && f != "stt" {
        return None;
    }
    let mut text = lines.text[i].trim().to_string();
    let mut n = 0;
    for k in next_texts(lines, footnote, i) {
        let t = lines.text[k].trim();
        if is_row_marker(t) || t.chars().count() > 30 || n > 12 {
            break;
        }
        text.push(' ');
        text.push_str(t);
        n += 1;
    }
    // a table of assignments ("Chủ trì | Phối hợp | Thời gian") is `cell_tables`' to read
    let f = fold(&text);
    if ["chu tri", "phoi hop", "thoi gian", "thoi han"].iter().any(|w| f.contains(w)) {
        return None;
    }
    let cols = header_columns(&text);
    let has = |c: Col| cols.iter().any(|x| x.1 == c);
    (n >= 2 && has(Col::Name) && has(Col::Value) && cols.len() >= 3).then_some(cols)
}

/// A row or group marker alone on its line: "1", "12", "A", "IV".
fn is_row_marker(t: &str) -> bool {
    let t = t.trim().trim_end_matches('.');
    !t.is_empty()
        && (t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
            || t.len() == 1 && t.bytes().all(|b| b.is_ascii_uppercase())
            || is_roman(t))
}

/// A cell that holds a figure or a verdict ("18.450", "< 1,5", "101,2", "Đạt").
fn is_figure_cell(t: &str) -> bool {
    let l = t.trim().to_lowercase();
    VERDICTS.contains(&l.as_str())
        || l.bytes().any(|b| b.is_ascii_digit()) && l.chars().all(|c| c.is_ascii_digit() || " .,%<>≥≤-–".contains(c))
}

/// A table flattened one cell per line (pdftotext without layout): each row is its number,
/// the name (wrapped over lines), the unit, then one line per figure. Lone numbers that are
/// not the next row number where a row is open are page numbers; a row with more figures
/// than figure columns loses the one the comparison column ("So sánh (%)") disowns.
fn read_cell_table(
    lines: &Lines<'_>,
    footnote: &[Option<usize>],
    header: usize,
    cols: &[(String, Col)],
) -> (Table, usize) {
    // title: the upper-case lines above, skipping "(Kèm theo …)"
    let mut title_lines = Vec::new();
    let mut start = header;
    let mut k = header;
    while k > 0 && title_lines.len() < 4 {
        k -= 1;
        if lines.class[k] != LineClass::Text {
            if !title_lines.is_empty() || header - k > 2 {
                break;
            }
            continue;
        }
        let t = lines.text[k].trim();
        if t.starts_with('(') {
            continue;
        }
        if !is_upper_text(t) {
            break;
        }
        title_lines.push(t);
        start = k;
    }
    title_lines.reverse();
    let title = (!title_lines.is_empty()).then(|| crate::footnotes::norm_ws(&title_lines.join(" ")));
    let figure_cols: Vec<usize> =
        cols.iter().enumerate().filter(|(_, c)| matches!(c.1, Col::Value | Col::Verdict)).map(|(k, _)| k).collect();
    let unit_col = cols.iter().position(|c| c.1 == Col::Unit);
    let name_col = cols.iter().position(|c| c.1 == Col::Name).unwrap_or(1.min(cols.len() - 1));
    let number_col = cols.iter().position(|c| c.1 == Col::Number);
    // skip the header lines
    let mut i = header + 1;
    while i < lines.len() && !(lines.class[i] == LineClass::Text && is_row_marker(lines.text[i])) {
        i += 1;
    }
    struct Open {
        number: Option<String>,
        is_group: bool,
        parent: Option<usize>,
        /// (line, text) of each cell line
        parts: Vec<(usize, String)>,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut group: Option<String> = None;
    let mut parent: Option<usize> = None;
    let mut last_no = 0u32;
    let mut open: Option<Open> = None;
    let mut last_line = header;
    let close = |o: Open, rows: &mut Vec<Row>, group: &mut Option<String>| {
        let Some(first) = o.parts.first().map(|p| p.0).or(None) else {
            return;
        };
        let last = o.parts.last().map(|p| p.0).unwrap_or(first);
        let span = LineSpan::new(line_no(first), line_no(last));
        let mut cells: Vec<Cell> = cols.iter().map(|_| Cell { text: String::new(), span }).collect();
        if o.is_group {
            let text = crate::footnotes::norm_ws(&o.parts.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join(" "));
            *group = Some(text.clone());
            cells[name_col] = Cell { text, span };
            rows.push(Row { span, number: o.number, group: None, parent: None, is_group: true, cells });
            return;
        }
        // figures from the right, then the unit, then the name
        let mut parts = o.parts;
        let mut figs: Vec<(usize, String)> = Vec::new();
        while parts.last().is_some_and(|p| is_figure_cell(&p.1)) && parts.len() > 1 {
            if let Some(p) = parts.pop() {
                figs.insert(0, p);
            }
        }
        if figs.len() > figure_cols.len() {
            figs = drop_extra(figs, figure_cols.len());
        }
        let mut unit: Option<(usize, usize, String)> = None;
        if unit_col.is_some() && parts.len() > 1 {
            let n = parts.len();
            let one = &parts[n - 1];
            if is_unit(&one.1) {
                unit = Some((one.0, one.0, one.1.clone()));
                parts.pop();
            } else if n > 2 && is_unit(&format!("{} {}", parts[n - 2].1, one.1)) {
                unit = Some((parts[n - 2].0, one.0, format!("{} {}", parts[n - 2].1, one.1)));
                parts.truncate(n - 2);
            }
        }
        let name = crate::footnotes::norm_ws(&parts.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join(" "));
        if let (Some(f), Some(l)) = (parts.first(), parts.last()) {
            cells[name_col] = Cell { text: name, span: LineSpan::new(line_no(f.0), line_no(l.0)) };
        }
        if let (Some(uc), Some((a, b, t))) = (unit_col, unit) {
            cells[uc] = Cell { text: t, span: LineSpan::new(line_no(a), line_no(b)) };
        }
        // figures fill the figure columns from the left
        for (slot, (l, t)) in figure_cols.iter().zip(figs) {
            cells[*slot] = Cell { text: t, span: LineSpan::line(line_no(l)) };
        }
        if let (Some(nc), Some(num)) = (number_col, &o.number) {
            cells[nc] = Cell { text: num.clone(), span: LineSpan::line(line_no(first)) };
        }
        rows.push(Row { span, number: o.number, group: group.clone(), parent: o.parent, is_group: false, cells });
    };
    while i < lines.len() {
        if footnote[i].is_some() || lines.class[i] != LineClass::Text {
            i += 1;
            continue;
        }
        if ends_table(lines, i) {
            break;
        }
        let t = lines.text[i].trim();
        // running text after the table: a long sentence, or a numbered heading ("5. Đánh giá")
        let words = t.split_whitespace().count();
        if words >= 9 && t.ends_with(['.', ':', ';'])
            || crate::numbering::parse(t).is_some_and(|nb| nb.numbering.ends_with('.') && words > 1)
        {
            break;
        }
        let has_figures = open.as_ref().is_some_and(|o| o.parts.iter().any(|p| is_figure_cell(&p.1)));
        let has_name = open.as_ref().is_some_and(|o| o.parts.iter().any(|p| !is_figure_cell(&p.1)));
        let num: Option<u32> = t.parse().ok().filter(|_| t.len() <= 3);
        if is_row_marker(t) && num.is_none() {
            // "A", "II": a group row; its title follows
            if let Some(o) = open.take() {
                close(o, &mut rows, &mut group);
            }
            open = Some(Open { number: Some(t.to_string()), is_group: true, parent: None, parts: Vec::new() });
            parent = None;
        } else if let Some(k) = num {
            let next = (k == last_no + 1 || k == 1 && last_no == 0)
                && (open.is_none() || has_figures || open.as_ref().is_some_and(|o| o.is_group && has_name));
            if next {
                if let Some(o) = open.take() {
                    close(o, &mut rows, &mut group);
                }
                last_no = k;
                parent = Some(rows.len());
                open = Some(Open { number: Some(k.to_string()), is_group: false, parent: None, parts: Vec::new() });
            } else if has_name && open.as_ref().is_some_and(|o| !o.is_group) {
                // a figure cell (a page number here is sorted out by `drop_extra`)
                if let Some(o) = open.as_mut() {
                    o.parts.push((i, t.to_string()));
                }
            }
            // else a page number where a name is due
        } else {
            if has_figures && !is_figure_cell(t) && open.as_ref().is_some_and(|o| !o.is_group) {
                // words after a row's figures open an unnumbered sub-row ("- Thu …")
                if let Some(o) = open.take() {
                    close(o, &mut rows, &mut group);
                }
                open = Some(Open { number: None, is_group: false, parent, parts: Vec::new() });
            }
            let Some(o) = open.as_mut() else { break };
            let text = t.trim_start_matches("Trong đó:").trim().trim_start_matches("- ").trim().to_string();
            if !text.is_empty() {
                o.parts.push((i, text));
            }
        }
        last_line = i;
        i += 1;
    }
    if let Some(o) = open.take() {
        close(o, &mut rows, &mut group);
    }
    let span = LineSpan::new(line_no(start), line_no(last_line));
    let header_names = cols.iter().map(|c| c.0.clone()).collect();
    (Table { title, span, header: header_names, rows }, last_line + 1)
}

/// Keep `n` of a row's figure cells: when one more than the columns, drop the one whose
/// removal makes the last (a percentage comparison) agree with the two before it; else the
/// first small whole number (a page number flattened into the row).
fn drop_extra(figs: Vec<(usize, String)>, n: usize) -> Vec<(usize, String)> {
    let val = |s: &str| theodoi_text::parse_number(s.trim_start_matches(['<', '>', '≥', '≤', ' ']));
    if figs.len() == n + 1 && n >= 3 {
        // a small whole number (a page number) is the likelier intruder: tried first
        let small = |f: &(usize, String)| f.1.len() <= 2 && f.1.bytes().all(|b| b.is_ascii_digit());
        let mut order: Vec<usize> = (0..figs.len()).filter(|&k| small(&figs[k])).collect();
        order.extend((0..figs.len()).filter(|&k| !small(&figs[k])));
        for drop in order {
            let rest: Vec<&(usize, String)> =
                figs.iter().enumerate().filter(|(k, _)| *k != drop).map(|(_, f)| f).collect();
            let (Some(plan), Some(done), Some(pct)) = (val(&rest[n - 3].1), val(&rest[n - 2].1), val(&rest[n - 1].1))
            else {
                continue;
            };
            if plan > 0.0 && (done / plan * 100.0 - pct).abs() <= (0.002 * pct).max(0.1) {
                return rest.into_iter().cloned().collect();
            }
        }
    }
    let mut figs = figs;
    while figs.len() > n {
        let k = figs.iter().position(|f| f.1.len() <= 2 && f.1.bytes().all(|b| b.is_ascii_digit())).unwrap_or(0);
        figs.remove(k);
    }
    figs
}

/// Fragments of a line separated by gaps of two or more spaces: (first char, end char, text).
fn fragments(line: &str) -> Vec<(usize, usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while i < chars.len() {
            if chars[i] != ' ' {
                end = i + 1;
                i += 1;
            } else if chars.get(i + 1).is_some_and(|c| *c != ' ') {
                i += 1; // a single space inside the fragment
            } else {
                break;
            }
        }
        out.push((start, end, chars[start..end].iter().collect()));
    }
    out
}

/// Columns of a header laid out with wide gaps (`pdftotext -layout`): each known column
/// name with its character span, when there are at least three.
fn layout_columns(header: &str) -> Option<Vec<(usize, usize, String, Col)>> {
    let frags = fragments(header);
    if frags.len() < 3 {
        return None;
    }
    let mut cols = Vec::new();
    for (s, e, text) in frags {
        let c = header_columns(&text);
        let col = c.first().map_or(Col::Text, |c| c.1);
        cols.push((s, e, text, col));
    }
    let known = cols.iter().filter(|c| c.3 != Col::Text).count();
    (known * 2 >= cols.len() && cols.first().is_some_and(|c| c.3 == Col::Number)).then_some(cols)
}

/// The column a fragment belongs to: most overlap with the column's header span, else the
/// nearest header by centre.
fn column_of(cols: &[(usize, usize, String, Col)], s: usize, e: usize) -> usize {
    let mut best = (0usize, 0usize);
    for (k, c) in cols.iter().enumerate() {
        let overlap = e.min(c.1).saturating_sub(s.max(c.0));
        if overlap > best.1 {
            best = (k, overlap);
        }
    }
    if best.1 > 0 {
        return best.0;
    }
    let centre = (s + e) / 2;
    cols.iter().enumerate().min_by_key(|(_, c)| ((c.0 + c.1) / 2).abs_diff(centre)).map_or(0, |(k, _)| k)
}

/// A table whose columns stand apart (PDF layout): cells by column position; a line with
/// an empty STT column continues the row, unless it fills a column the row already has
/// (then it is a sub-row).
fn read_layout_table(
    lines: &Lines<'_>,
    footnote: &[Option<usize>],
    header: usize,
    cols: &[(usize, usize, String, Col)],
) -> (Table, usize) {
    let n = lines.len();
    let (title, start) = title_above(lines, header);
    let mut names: Vec<String> = cols.iter().map(|c| c.2.clone()).collect();
    let mut i = header + 1;
    // Header names broken over lines ("Đơn vị" / "tính").
    while i < n && i < header + 6 {
        if lines.class[i] != LineClass::Text {
            i += 1;
            continue;
        }
        let frags = fragments(lines.text[i]);
        let first = frags.first().map(|f| column_of(cols, f.0, f.1));
        if first == Some(0) || frags.iter().any(|f| f.2.chars().any(|c| c.is_ascii_digit())) {
            break;
        }
        for (s, e, t) in frags {
            let k = column_of(cols, s, e);
            names[k].push(' ');
            names[k].push_str(&t);
        }
        i += 1;
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut cur: Option<(Row, Vec<Vec<String>>)> = None;
    let mut group: Option<String> = None;
    let mut parent: Option<usize> = None;
    let mut last_line = header;
    let finish = |cur: &mut Option<(Row, Vec<Vec<String>>)>, rows: &mut Vec<Row>, group: &mut Option<String>| {
        if let Some((mut row, texts)) = cur.take() {
            for (k, t) in texts.iter().enumerate() {
                if let Some(c) = row.cells.get_mut(k) {
                    c.text = crate::footnotes::norm_ws(&t.join(" "));
                }
            }
            if row.is_group {
                *group =
                    Some(crate::footnotes::norm_ws(&texts.iter().flatten().cloned().collect::<Vec<_>>().join(" ")));
            }
            rows.push(row);
        }
    };
    while i < n {
        if footnote[i].is_some() || lines.class[i] != LineClass::Text {
            i += 1;
            continue;
        }
        if ends_table(lines, i) {
            break;
        }
        let frags = fragments(lines.text[i]);
        // running text after the table starts at the margin as one fragment: a numbered
        // heading ("5. Đánh giá chung") or a long sentence
        if let [(0, _, t)] = frags.as_slice() {
            let numbered = crate::numbering::parse(t).is_some_and(|nb| nb.numbering.ends_with('.'));
            if numbered || t.split_whitespace().count() >= 9 {
                break;
            }
        }
        let placed: Vec<(usize, String)> = frags.iter().map(|(s, e, t)| (column_of(cols, *s, *e), t.clone())).collect();
        let stt = placed.iter().find(|(k, _)| *k == 0).map(|(_, t)| t.clone());
        let fills_filled =
            cur.as_ref().is_some_and(|(_, texts)| placed.iter().any(|(k, _)| *k > 1 && !texts[*k].is_empty()));
        let span = LineSpan::line(line_no(i));
        if stt.is_some() || fills_filled || cur.is_none() {
            finish(&mut cur, &mut rows, &mut group);
            let number = stt.map(|t| t.trim_end_matches('.').to_string());
            let is_group = number.as_deref().is_some_and(is_roman);
            if is_group {
                parent = None;
            }
            let numbered = number.as_deref().is_some_and(|t| t.chars().all(|c| c.is_ascii_digit()));
            let row = Row {
                span,
                number: number.clone(),
                group: if is_group { None } else { group.clone() },
                parent: if numbered || is_group { None } else { parent },
                is_group,
                cells: cols.iter().map(|_| Cell { text: String::new(), span }).collect(),
            };
            if numbered {
                parent = Some(rows.len());
            }
            cur = Some((row, vec![Vec::new(); cols.len()]));
        }
        if let Some((row, texts)) = cur.as_mut() {
            row.span = row.span.join(span);
            for (k, t) in placed {
                texts[k].push(t);
                row.cells[k].span = if texts[k].len() == 1 { span } else { row.cells[k].span.join(span) };
            }
        }
        last_line = i;
        i += 1;
    }
    finish(&mut cur, &mut rows, &mut group);
    let span = LineSpan::new(line_no(start), line_no(last_line));
    (Table { title, span, header: names.iter().map(|s| crate::footnotes::norm_ws(s)).collect(), rows }, last_line + 1)
}

/// The "PHỤ LỤC NN" line and title lines above a header, if any.
fn title_above(lines: &Lines<'_>, header: usize) -> (Option<String>, usize) {
    let mut k = header;
    let mut title_lines = Vec::new();
    let mut steps = 0;
    while k > 0 && steps < 12 {
        k -= 1;
        if lines.class[k] != LineClass::Text {
            continue;
        }
        steps += 1;
        let t = lines.text[k].trim();
        title_lines.push(k);
        if fold(t).starts_with("phu luc") {
            title_lines.reverse();
            let title = title_lines.iter().map(|&j| lines.text[j].trim()).collect::<Vec<_>>().join(" ");
            return (Some(crate::footnotes::norm_ws(&title)), k);
        }
        if !is_upper_text(t) {
            break;
        }
    }
    (None, header)
}

struct Building {
    number: Option<String>,
    group: Option<String>,
    parent: Option<usize>,
    is_group: bool,
    start: usize,
    end: usize,
    toks: Vec<Tok>,
}

fn read_table(lines: &Lines<'_>, footnote: &[Option<usize>], header: usize) -> (Table, usize) {
    let n = lines.len();
    let (title, start) = title_above(lines, header);
    // Header: lines until the first row-like line.
    let mut head_text = String::new();
    let mut i = header;
    while i < n {
        if lines.class[i] == LineClass::Text {
            let raw = lines.text[i];
            let t = raw.trim();
            let row_like = i > header
                && (raw.starts_with("  ")
                    || t.split_whitespace()
                        .next()
                        .is_some_and(|w| is_roman(w) || w.chars().all(|c| c.is_ascii_digit())));
            if row_like {
                break;
            }
            head_text.push(' ');
            head_text.push_str(t);
        }
        i += 1;
        if i > header + 30 {
            break;
        }
    }
    let cols = header_columns(&head_text);
    let header_names: Vec<String> = cols.iter().map(|c| c.0.clone()).collect();

    let mut rows: Vec<Row> = Vec::new();
    let mut cur: Option<Building> = None;
    let mut last_no: u32 = 0;
    let mut group: Option<String> = None;
    let mut parent: Option<usize> = None;
    let mut after_blank_cell = false;
    let mut pending: Vec<Tok> = Vec::new();
    let mut last_line = header;
    let finish = |b: Building, rows: &mut Vec<Row>| {
        rows.push(make_row(b, &cols));
    };
    while i < n {
        if footnote[i].is_some() {
            i += 1;
            continue;
        }
        if ends_table(lines, i) {
            break;
        }
        let raw = lines.text[i];
        if lines.class[i] != LineClass::Text {
            // "  " (spaces only) inside a table is an empty cell; "" is nothing.
            if !raw.is_empty() && lines.class[i] == LineClass::Blank && raw.len() >= 2 {
                // Either the current row's last (empty) cell or the empty STT cell of a
                // sub-row; which one is known from the next line.
                pending.clear();
                tokens(raw, i, &mut pending);
                after_blank_cell = true;
            }
            i += 1;
            continue;
        }
        let t = raw.trim();
        let indented = raw.starts_with("  ");
        let first = t.split_whitespace().next().unwrap_or("");
        // Keep trailing spaces: they mark empty cells.
        let rest = raw.trim_start()[first.len()..].trim_start();
        let has_value = |s: &str| {
            let mut toks = Vec::new();
            tokens(s, i, &mut toks);
            trailing_typed(&toks)
        };
        // A group: "I Các chỉ tiêu …", an upper-case line, or a unit name with no figures.
        let roman_group = is_roman(first) && !rest.is_empty() && rest.chars().next().is_some_and(char::is_alphabetic);
        let unit_name = {
            let f = fold(t);
            ["dang bo ", "chi bo ", "dang uy ", "khu vuc "].iter().any(|p| f.starts_with(p))
        };
        let is_group = roman_group
            || (is_upper_text(t) && !has_value(t))
            || (indented && unit_name && !has_value(t) && t.chars().count() < 60);
        let num: Option<u32> =
            if first.len() <= 3 && first.chars().all(|c| c.is_ascii_digit()) { first.parse().ok() } else { None };
        // A line that is only a value completes the current row ("3 trở lên", "trên 3%").
        let value_only = !after_blank_cell
            && is_value(t)
            && cur.as_ref().is_some_and(|b| !b.is_group && !row_complete(&b.toks, &cols));
        let after_group = rows.last().is_some_and(|r| r.is_group) || cur.as_ref().is_some_and(|b| b.is_group);
        // A named row may follow a skipped number ("22 Tỷ lệ …" after 20).
        let named = rest.chars().next().is_some_and(char::is_alphabetic) && !is_value(t);
        let numbered = !value_only
            && num.is_some_and(|k| {
                k == last_no + 1
                    || (k == 1 && (last_no == 0 || after_group))
                    || (named && k > last_no && k <= last_no + 3)
            });
        if after_blank_cell && (numbered || (is_group && !value_only)) {
            // The spaces-only line was the current row's last, empty, cell.
            if let Some(b) = cur.as_mut() {
                b.toks.append(&mut pending);
            }
        }
        pending.clear();
        if is_group && !value_only {
            if let Some(b) = cur.take() {
                finish(b, &mut rows);
            }
            let text = crate::footnotes::norm_ws(t);
            group = Some(text.clone());
            parent = None;
            let mut b = Building {
                number: None,
                group: group.clone(),
                parent: None,
                is_group: true,
                start: i,
                end: i,
                toks: Vec::new(),
            };
            if roman_group {
                b.number = Some(first.trim_end_matches('.').to_string());
                tokens(rest, i, &mut b.toks);
            } else {
                tokens(raw, i, &mut b.toks);
            }
            cur = Some(b);
            last_no = if roman_group { last_no } else { 0 };
        } else if numbered {
            if let Some(b) = cur.take() {
                finish(b, &mut rows);
            }
            let k = num.unwrap_or(0);
            last_no = k;
            let mut b = Building {
                number: Some(k.to_string()),
                group: group.clone(),
                parent: None,
                is_group: false,
                start: i,
                end: i,
                toks: Vec::new(),
            };
            tokens(rest, i, &mut b.toks);
            parent = Some(rows.len());
            cur = Some(b);
        } else if (indented || after_blank_cell) && !value_only && parent.is_some() {
            if let Some(b) = cur.take() {
                finish(b, &mut rows);
            }
            let mut b = Building {
                number: None,
                group: group.clone(),
                parent,
                is_group: false,
                start: i,
                end: i,
                toks: Vec::new(),
            };
            tokens(raw, i, &mut b.toks);
            cur = Some(b);
        } else if let Some(b) = cur.as_mut() {
            tokens(raw, i, &mut b.toks);
            b.end = i;
        } else {
            // Text before any row: part of the header after all.
            i += 1;
            continue;
        }
        after_blank_cell = false;
        if let Some(b) = cur.as_mut() {
            b.end = i;
        }
        last_line = i;
        i += 1;
    }
    if let Some(b) = cur.take() {
        finish(b, &mut rows);
    }
    let span = LineSpan::new(line_no(start), line_no(last_line));
    (Table { title, span, header: header_names, rows }, last_line + 1)
}

fn line_no(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// Whether the tokens end with something a value, verdict or unit column would take.
fn trailing_typed(toks: &[Tok]) -> bool {
    let words: Vec<&str> = toks.iter().rev().take_while(|t| t.word().is_some()).filter_map(Tok::word).collect();
    if words.is_empty() {
        return false;
    }
    let w: Vec<&str> = words.into_iter().rev().collect();
    (1..=w.len().min(6)).any(|k| {
        let s = w[w.len() - k..].join(" ");
        is_value(&s) || VERDICTS.contains(&s.to_lowercase().as_str())
    })
}

/// Whether a row's tokens already fill its last column.
fn row_complete(toks: &[Tok], cols: &[(String, Col)]) -> bool {
    match cols.last().map(|c| c.1) {
        Some(Col::Value | Col::Verdict | Col::Unit) => trailing_typed(toks),
        _ => true,
    }
}

fn make_row(b: Building, cols: &[(String, Col)]) -> Row {
    let span = LineSpan::new(line_no(b.start), line_no(b.end));
    let mut cells: Vec<Cell> = vec![Cell { text: String::new(), span }; cols.len()];
    let number_col = cols.iter().position(|c| c.1 == Col::Number);
    let name_col = cols.iter().position(|c| c.1 == Col::Name).unwrap_or(usize::from(number_col == Some(0)));
    if let (Some(nc), Some(num)) = (number_col, &b.number) {
        cells[nc] = Cell { text: num.clone(), span: LineSpan::line(line_no(b.start)) };
    }
    let mut toks = b.toks;
    // Trailing empty cells after a verdict are the verdict cell's own trailing space.
    if cols.last().is_some_and(|c| c.1 == Col::Verdict) {
        while matches!(toks.last(), Some(Tok::Empty(_)))
            && toks
                .iter()
                .rev()
                .nth(1)
                .and_then(Tok::word)
                .is_some_and(|w| VERDICTS.iter().any(|v| v.ends_with(&w.to_lowercase())))
        {
            toks.pop();
        }
    }
    if !b.is_group {
        for ci in (0..cols.len()).rev() {
            if ci == name_col || Some(ci) == number_col || ci < name_col {
                continue;
            }
            let taken = match cols[ci].1 {
                Col::Verdict => take_suffix(&mut toks, 3, |s| VERDICTS.contains(&s.to_lowercase().as_str())),
                Col::Value => take_suffix(&mut toks, 7, is_value),
                Col::Unit => take_suffix(&mut toks, 3, is_unit),
                _ => take_suffix(&mut toks, 0, |_| false),
            };
            if let Some(c) = taken {
                cells[ci] = c;
            }
        }
    }
    let words: Vec<&Tok> = toks.iter().filter(|t| t.word().is_some()).collect();
    if let (Some(f), Some(l)) = (words.first(), words.last()) {
        let text = words.iter().filter_map(|t| t.word()).collect::<Vec<_>>().join(" ");
        let at = name_col.min(cells.len().saturating_sub(1));
        if let Some(c) = cells.get_mut(at) {
            *c = Cell { text, span: LineSpan::new(line_no(f.line()), line_no(l.line())) };
        }
    }
    Row {
        span,
        number: b.number,
        group: if b.is_group { None } else { b.group },
        parent: b.parent,
        is_group: b.is_group,
        cells,
    }
}

fn is_unit(s: &str) -> bool {
    let l = s.to_lowercase();
    UNITS.contains(&l.as_str()) || {
        // "tạ/ha/năm", "người/năm"
        l.contains('/') && l.split('/').all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphabetic() || c == '%'))
    }
}

/// Take the longest suffix of up to `max` words matching `ok` as a cell; an empty-cell
/// token at the end is taken as an empty cell.
fn take_suffix(toks: &mut Vec<Tok>, max: usize, ok: impl Fn(&str) -> bool) -> Option<Cell> {
    if let Some(Tok::Empty(l)) = toks.last() {
        let l = *l;
        toks.pop();
        return Some(Cell { text: String::new(), span: LineSpan::line(line_no(l)) });
    }
    let avail = toks.iter().rev().take_while(|t| t.word().is_some()).count();
    // Keep at least one word for the name, unless an empty cell stands before.
    let limit = if avail < toks.len() { max.min(avail) } else { max.min(avail.saturating_sub(1)) };
    for k in (1..=limit).rev() {
        let start = toks.len() - k;
        let s = toks[start..].iter().filter_map(Tok::word).collect::<Vec<_>>().join(" ");
        if ok(&s) {
            let span = LineSpan::new(line_no(toks[start].line()), line_no(toks[toks.len() - 1].line()));
            toks.truncate(start);
            return Some(Cell { text: s.trim_end_matches('.').to_string(), span });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_split() {
        let c = header_columns("TT Chỉ tiêu Đại hội Đơn vị tính Mục tiêu đại hội Thực hiện So sánh");
        let names: Vec<&str> = c.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(names, ["TT", "Chỉ tiêu Đại hội", "Đơn vị tính", "Mục tiêu đại hội", "Thực hiện", "So sánh"]);
        let c = header_columns("STT TÊN CHỈ TIÊU MỤC TIÊU");
        assert_eq!(c.iter().map(|c| c.1).collect::<Vec<_>>(), [Col::Number, Col::Name, Col::Value]);
    }

    #[test]
    fn values() {
        for v in [
            "trên 3%",
            "3 trở lên",
            "13,7%/năm",
            "200 tỷ đồng",
            "1.100",
            "3-4 trường",
            "đạt 56%",
            "ít nhất 85%",
            ">1",
            "98,5% trở lên",
            "trên 18,2%.",
        ] {
            assert!(VALUE.is_match(v), "{v}");
        }
        for v in ["Phường", "1/2000 Phường", "tổng số", "trên địa bàn"] {
            assert!(!VALUE.is_match(v), "{v}");
        }
    }

    #[test]
    fn empty_cells_from_space_runs() {
        let mut t = Vec::new();
        tokens("2 Cơ cấu kinh tế       Đạt ", 0, &mut t);
        let empties = t.iter().filter(|x| matches!(x, Tok::Empty(_))).count();
        assert_eq!(empties, 3);
    }
}
