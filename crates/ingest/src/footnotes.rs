//! Footnotes (chú thích) that PDF/DOCX extraction left inline where a page ended.
//!
//! Real debris looks like this: a whitespace-only rule, then "(53) Nghị quyết số …"
//! in a smaller font (longer lines), then the next page resumes with a line that
//! starts with one space; or "1 Kế hoạch số 05-KH/ĐU …" with no rule at all, the
//! footnote's text continued on the next page. Marks stand glued in the running
//! text ("Nhân dân1;", "sáp nhập(1)", "2030.5").
//!
//! Rules (no corpus strings): footnotes are numbered 1, 2, 3 … in order, and a
//! definition only counts when its mark was seen earlier in the text; so a numbered
//! list "(1) …" is never taken for a footnote.

use crate::layout::{is_page_number, LineClass, Lines};
use theodoi_core::{Footnote, FootnoteRef, LineSpan};

/// A footnote mark candidate in the running text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub n: u32,
    /// A spaced figure ("02/9 21."), taken only when no glued mark fits.
    pub weak: bool,
}

/// The footnotes found, and for each line whether it belongs to one.
pub(crate) struct Found {
    pub footnotes: Vec<Footnote>,
    /// `owner[i]` = index of the footnote line `i` belongs to.
    pub owner: Vec<Option<usize>>,
    /// Marks linked to a footnote (to strip from running text).
    pub linked: Vec<Mark>,
}

/// Most lines one footnote may take, so a missed page resume cannot swallow the text.
const MAX_FOOTNOTE_LINES: usize = 30;
/// How far back (lines) a mark may stand from its footnote.
const MAX_MARK_DISTANCE: usize = 160;

/// A footnote definition at the start of a line: number and byte offset of its text.
fn definition(line: &str) -> Option<(u32, usize)> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    if lead > 2 {
        return None;
    }
    let b = t.as_bytes();
    let (digits_start, paren) = if b.first() == Some(&b'(') { (1, true) } else { (0, false) };
    let mut i = digits_start;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let nd = i - digits_start;
    if nd == 0 || nd > 3 {
        return None;
    }
    let n: u32 = t[digits_start..i].parse().ok()?;
    if paren {
        if b.get(i) != Some(&b')') {
            return None;
        }
        i += 1;
    }
    let rest = &t[i..];
    let text = rest.trim_start();
    let first = text.chars().next()?;
    // "1 Kế hoạch", "8Tiếp nhận", "(53) Nghị quyết"; not "2025 đề ra", "10%", "1.552".
    if !paren && !(first.is_alphabetic() || matches!(first, '“' | '"' | '(')) {
        return None;
    }
    if !paren && rest.len() == text.len() && !first.is_uppercase() {
        return None;
    }
    Some((n, lead + i + (rest.len() - text.len())))
}

const UNITS: &[&str] = &["km", "cm", "mm", "dm", "hm", "ha"];

/// Candidate marks in one line of running text.
pub(crate) fn scan_marks(line_idx: usize, text: &str, out: &mut Vec<Mark>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'(' && i > 0 {
            // "(12)" after a word, quote or space — not at line start (a list item).
            let mut j = i + 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j > i + 1 && j - i - 1 <= 3 && b.get(j) == Some(&b')') && !text[..i].trim().is_empty() {
                if let Ok(n) = text[i + 1..j].parse() {
                    out.push(Mark { line: line_idx, start: i, end: j + 1, n, weak: false });
                }
                i = j + 1;
                continue;
            }
        }
        if c.is_ascii_digit() && i > 0 {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let after_ok = match text[j..].chars().next() {
                None => true,
                Some(a) => a.is_whitespace() || matches!(a, '.' | ',' | ';' | ':' | ')' | '”' | '"' | '’' | '…'),
            };
            // "1.552" / "13,7": digits after a separator are a number, not a mark.
            let after_num = matches!(b.get(j), Some(b'.' | b',')) && b.get(j + 1).is_some_and(|d| d.is_ascii_digit());
            if j - i <= 3 && after_ok && !after_num {
                let before = &text[..i];
                let prev = before.chars().next_back();
                let glued = match prev {
                    Some(p) if p.is_alphabetic() => {
                        let word: &str = before.rsplit(|ch: char| !ch.is_alphabetic()).next().unwrap_or("");
                        word.chars().count() >= 2
                            && word.chars().any(|ch| ch.is_lowercase())
                            && !UNITS.contains(&word.to_lowercase().as_str())
                    }
                    Some(p) if matches!(p, '.' | ';' | ',' | ':' | '”' | '"' | '’' | ')') => {
                        // "2030.5 ", "vụ số”4": the punctuation must close a word or a figure;
                        // after "8," or "2.", digits are a list of numbers or a decimal.
                        let pp = before[..before.len() - p.len_utf8()].chars().next_back();
                        match pp {
                            Some(q) if q.is_alphabetic() => true,
                            Some(q) if q.is_ascii_digit() => {
                                !matches!(p, '.' | ',') || (p == '.' && text[j..].trim().is_empty())
                            }
                            _ => false,
                        }
                    }
                    Some(' ') => {
                        // "Quốc khánh 02/9 21. Tổ chức": a spaced number closing a clause.
                        let closes = matches!(text[j..].chars().next(), Some('.' | ';' | ',' | ':'))
                            && text[j + 1..].chars().next().is_none_or(char::is_whitespace);
                        let token_before = before.trim_end().rsplit(' ').next().unwrap_or("");
                        if closes && !token_before.is_empty() && j - i <= 2 && !text[..i].trim().is_empty() {
                            if let Ok(n) = text[i..j].parse() {
                                out.push(Mark { line: line_idx, start: i - 1, end: j, n, weak: true });
                            }
                        }
                        false
                    }
                    _ => false,
                };
                if glued {
                    if let Ok(n) = text[i..j].parse() {
                        out.push(Mark { line: line_idx, start: i, end: j, n, weak: false });
                    }
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
}

/// Find the footnotes of a document.
pub(crate) fn find(lines: &Lines<'_>) -> Found {
    let n = lines.len();
    let mut owner: Vec<Option<usize>> = vec![None; n];
    let mut footnotes: Vec<Footnote> = Vec::new();
    let mut marks = Vec::new();
    for i in 0..n {
        if lines.class[i] == LineClass::Text {
            scan_marks(i, lines.text[i], &mut marks);
        }
    }
    let mut used = vec![false; marks.len()];
    let mut linked = Vec::new();
    let mut expected: u32 = 1;
    let mut in_zone = false; // after a rule or a definition, until the page resumes
    let mut current: Option<usize> = None;
    let mut cur_lines = 0usize;
    let long = lines.long_threshold;
    // A page break or footnote rule since the last footnote; the last footnote's line.
    let mut new_page = false;
    let mut last_end: Option<usize> = None;

    for i in 0..n {
        if lines.page_start[i] {
            // Footnotes stand at the foot of their page.
            in_zone = false;
            current = None;
            new_page = true;
        }
        match lines.class[i] {
            LineClass::Rule => {
                in_zone = true;
                current = None;
                new_page = true;
                continue;
            }
            LineClass::Blank | LineClass::Debris => continue,
            LineClass::Text => {}
        }
        let text = lines.text[i];
        // A definition of the next footnote (allow one or two numbers skipped).
        if let Some((num, off)) = definition(text) {
            // Numbering that restarts on each page (a Word option): a "1" on a new page
            // whose mark stands after the last footnote.
            let restart = num == 1 && expected > 1 && new_page;
            if (num >= expected && num <= expected + 2) || restart {
                let found = nearest_mark(&marks, &used, &owner, num, i)
                    .filter(|&m| !restart || last_end.is_none_or(|e| marks[m].line > e));
                if let Some(m) = found {
                    used[m] = true;
                    let mark = marks[m];
                    // Other unused candidates of the same number before this footnote are
                    // not marks of a later footnote; leave them.
                    let fi = footnotes.len();
                    footnotes.push(Footnote {
                        mark: num.to_string(),
                        span: LineSpan::line(line_no(i)),
                        text: norm_ws(&text[off..]),
                        refs: vec![FootnoteRef { line: line_no(mark.line), byte: mark.start }],
                    });
                    linked.push(mark);
                    owner[i] = Some(fi);
                    current = Some(fi);
                    cur_lines = 1;
                    expected = num + 1;
                    in_zone = true;
                    new_page = false;
                    last_end = Some(i);
                    continue;
                }
            }
        }
        if in_zone {
            if resumes_page(text) || is_page_number(text) {
                in_zone = false;
                current = None;
                continue;
            }
            if let Some(fi) = current {
                if cur_lines < MAX_FOOTNOTE_LINES
                    && crate::numbering::parse(text).is_none_or(|nb| !nb.style.is_heading())
                {
                    extend(&mut footnotes[fi], i, text);
                    owner[i] = Some(fi);
                    cur_lines += 1;
                    continue;
                }
            }
            in_zone = false;
            current = None;
            continue;
        }
        // A footnote continued on the next page: long (small-font) lines after a blank,
        // while the last footnote's text is unfinished.
        if let Some(last) = footnotes.len().checked_sub(1) {
            let prev_blank = i > 0 && lines.class[i - 1] != LineClass::Text;
            if prev_blank
                && lines.chars[i] > long
                && !ends_sentence(&footnotes[last].text)
                && continues_to_zone(lines, i, expected)
            {
                extend(&mut footnotes[last], i, text);
                owner[i] = Some(last);
                current = Some(last);
                cur_lines = 1;
                in_zone = true;
            }
        }
    }
    Found { footnotes, owner, linked }
}

/// Whether the long-line run starting at `i` ends in a footnote zone (a definition of
/// the expected footnote or a page resume) rather than in running text.
fn continues_to_zone(lines: &Lines<'_>, i: usize, expected: u32) -> bool {
    let n = lines.len();
    let (mut k, mut long, mut total) = (i, 0usize, 0usize);
    while k < n && lines.class[k] == LineClass::Text && total < 3 * MAX_FOOTNOTE_LINES {
        if lines.chars[k] > lines.long_threshold {
            long += 1;
        }
        total += 1;
        k += 1;
    }
    if long * 3 < total * 2 {
        return false;
    }
    while k < n && lines.class[k] != LineClass::Text {
        k += 1;
    }
    k == n || {
        let t = lines.text[k];
        definition(t).is_some_and(|(d, _)| d >= expected && d <= expected + 2) || resumes_page(t) || is_page_number(t)
    }
}

fn extend(f: &mut Footnote, i: usize, text: &str) {
    let t = norm_ws(text);
    if !t.is_empty() {
        if !f.text.is_empty() {
            f.text.push(' ');
        }
        f.text.push_str(&t);
    }
    f.span = f.span.join(LineSpan::line(line_no(i)));
}

/// A page resumes with a line indented by exactly one space (PDF extraction debris).
fn resumes_page(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() > 1 && b[0] == b' ' && b[1] != b' '
}

pub(crate) fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end().trim_end_matches([')', '”', '"', '’', '»']);
    t.ends_with(['.', '!', '?', ':', '…'])
}

fn nearest_mark(marks: &[Mark], used: &[bool], owner: &[Option<usize>], num: u32, line: usize) -> Option<usize> {
    let pick = |weak: bool| {
        marks
            .iter()
            .enumerate()
            .rev()
            .filter(|(k, m)| {
                !used[*k]
                    && m.weak == weak
                    && m.n == num
                    && m.line < line
                    && line - m.line <= MAX_MARK_DISTANCE
                    && owner[m.line].is_none()
            })
            .map(|(k, _)| k)
            .next()
    };
    pick(false).or_else(|| pick(true))
}

pub(crate) fn line_no(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// Trim and collapse runs of whitespace to one space.
pub(crate) fn norm_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
