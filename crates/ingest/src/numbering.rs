//! Heading and list numbering: `PHẦN I`, `I.`, `1.`, `1.2.3.`, `(1).`, `a)`, `-`, `+`, `*`.

/// Numbering style, in the order styles nest in Party documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Style {
    /// `PHẦN I`, `Phần thứ nhất`.
    Part,
    /// `I.`, `II.`
    Roman,
    /// `1.`, `1.2.`, `1.2.3.` — the depth is the count of numbers.
    Arabic(u8),
    /// `a)`, `b/`.
    Letter,
    /// `(1).`, `(2)`, `1)`.
    Paren,
    /// `-`, `–`, `•`.
    Dash,
    /// `+`.
    Plus,
    /// `*`.
    Star,
}

impl Style {
    /// Whether blocks with this numbering are headings (else list items).
    pub(crate) fn is_heading(self) -> bool {
        matches!(self, Style::Part | Style::Roman | Style::Arabic(_))
    }
}

/// A numbering found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Numbered<'a> {
    pub style: Style,
    /// The numbering as written, trimmed (`I.`, `1.2.`, `(1).`, `-`).
    pub numbering: &'a str,
    /// The rest of the line, trimmed.
    pub rest: &'a str,
}

const ROMAN: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
    "XVIII", "XIX", "XX",
];

const PART_ORDINALS: &[&str] = &["nhất", "nhì", "hai", "ba", "tư", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"];

/// Parse the numbering at the start of `line` (leading spaces allowed).
pub(crate) fn parse(line: &str) -> Option<Numbered<'_>> {
    let t = line.trim_start();
    if t.is_empty() {
        return None;
    }
    part(t).or_else(|| roman(t)).or_else(|| arabic(t)).or_else(|| paren(t)).or_else(|| letter(t)).or_else(|| bullet(t))
}

fn part(t: &str) -> Option<Numbered<'_>> {
    if !t.starts_with(['P', 'p']) {
        return None;
    }
    // "PHẦN I", "PHẦN THỨ NHẤT", "Phần thứ hai" — alone on its line or followed by a title.
    let words = word_spans(t);
    let (s0, e0) = *words.first()?;
    if s0 != 0 || t[..e0].to_lowercase() != "phần" {
        return None;
    }
    let w = |k: usize| words.get(k).map(|&(s, e)| t[s..e].trim_end_matches(['.', ':', ',']));
    let w1 = w(1)?;
    let last = if ROMAN.contains(&w1) || (w1.len() <= 2 && w1.bytes().all(|b| b.is_ascii_digit())) {
        1
    } else if w1.to_lowercase() == "thứ" && PART_ORDINALS.contains(&w(2)?.to_lowercase().as_str()) {
        2
    } else {
        return None;
    };
    let end = words[last].1;
    let rest = t[end..].trim().trim_start_matches([':', '.', '-', '–']).trim();
    Some(Numbered { style: Style::Part, numbering: &t[..end], rest })
}

/// Byte spans of the whitespace-separated words of `t`.
fn word_spans(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        if out.len() > 3 {
            return out;
        }
    }
    if let Some(s) = start {
        out.push((s, t.len()));
    }
    out
}

fn roman(t: &str) -> Option<Numbered<'_>> {
    let end = t.find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L'))?;
    if end == 0 {
        return None;
    }
    if !ROMAN.contains(&&t[..end]) {
        return None;
    }
    let after = &t[end..];
    let sep = after.chars().next()?;
    if !matches!(sep, '.' | '/' | '-' | ')') {
        return None;
    }
    let rest = after[sep.len_utf8()..].trim_start();
    if rest.is_empty() {
        // "I." alone on its line: still a heading number.
        return Some(Numbered { style: Style::Roman, numbering: t[..end + 1].trim_end(), rest });
    }
    let first = rest.chars().next()?;
    if !first.is_alphabetic() && !matches!(first, '“' | '"') {
        return None;
    }
    if after.len() == 1 + rest.len() && after.as_bytes().get(1) != Some(&b' ') {
        // A space must follow "I.": "V.I. Lênin" and "X.Nguyễn" are initials, not headings.
        return None;
    }
    Some(Numbered { style: Style::Roman, numbering: &t[..end + 1], rest })
}

fn arabic(t: &str) -> Option<Numbered<'_>> {
    // 1-2 digit groups separated by dots: "1.", "1.2.", "1.2.3", "2.1."
    let b = t.as_bytes();
    let mut i = 0;
    let mut groups = 0u8;
    let mut trailing_dot = false;
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let len = i - start;
        if len == 0 || len > 2 {
            if len == 0 && groups > 0 {
                break;
            }
            return None;
        }
        groups += 1;
        if i < b.len() && b[i] == b'.' {
            i += 1;
            trailing_dot = true;
            if i < b.len() && b[i].is_ascii_digit() {
                trailing_dot = false;
                continue;
            }
        } else {
            trailing_dot = false;
        }
        break;
    }
    if groups == 1 && !trailing_dot {
        // "1)" is a paren-style item; a bare "1" starts a sentence with a figure.
        if i < b.len() && b[i] == b')' {
            let rest = t[i + 1..].trim();
            let first = rest.chars().next()?;
            if !first.is_alphabetic() {
                return None;
            }
            return Some(Numbered { style: Style::Paren, numbering: &t[..i + 1], rest });
        }
        return None;
    }
    let num = &t[..i];
    let rest_raw = &t[i..];
    let rest = rest_raw.trim_start();
    if rest.is_empty() {
        return None;
    }
    if rest.len() == rest_raw.len() && groups == 1 {
        return None; // "1.Kết" ambiguous with decimals: require a space after a one-level number
    }
    let first = rest.chars().next()?;
    if !(first.is_alphabetic() || matches!(first, '“' | '"' | '(')) {
        return None; // "51.855 người", "2.5%": a figure, not a number heading
    }
    Some(Numbered { style: Style::Arabic(groups), numbering: num, rest })
}

fn paren(t: &str) -> Option<Numbered<'_>> {
    let inner = t.strip_prefix('(')?;
    let close = inner.find(')')?;
    if close == 0 || close > 3 || !inner[..close].bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut end = 1 + close + 1;
    if t[end..].starts_with('.') {
        end += 1;
    }
    let rest = t[end..].trim();
    if rest.is_empty() {
        return None;
    }
    Some(Numbered { style: Style::Paren, numbering: &t[..end], rest })
}

fn letter(t: &str) -> Option<Numbered<'_>> {
    let mut cs = t.char_indices();
    let (_, c) = cs.next()?;
    if !(c.is_ascii_lowercase() || c == 'đ') {
        return None;
    }
    let (i, sep) = cs.next()?;
    if !matches!(sep, ')' | '/') {
        return None;
    }
    let end = i + 1;
    let rest = t[end..].trim();
    if rest.is_empty() || !t[end..].starts_with(' ') {
        return None;
    }
    Some(Numbered { style: Style::Letter, numbering: &t[..end], rest })
}

fn bullet(t: &str) -> Option<Numbered<'_>> {
    let c = t.chars().next()?;
    let style = match c {
        '-' | '–' | '—' | '•' | '·' | '\u{F0B7}' | '\u{F02D}' => Style::Dash,
        '+' => Style::Plus,
        '*' => Style::Star,
        _ => return None,
    };
    let n = c.len_utf8();
    let rest = t[n..].trim();
    let first = rest.chars().next()?;
    if first == c || first.is_ascii_digit() && c == '-' && !t[n..].starts_with(' ') {
        return None; // "-----" rule or "-5%" negative number
    }
    Some(Numbered { style, numbering: &t[..n], rest })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(line: &str) -> Option<(Style, String, String)> {
        parse(line).map(|n| (n.style, n.numbering.to_string(), n.rest.to_string()))
    }

    #[test]
    fn styles() {
        assert_eq!(s(" PHẦN I "), Some((Style::Part, "PHẦN I".into(), "".into())));
        assert_eq!(s("Phần thứ nhất"), Some((Style::Part, "Phần thứ nhất".into(), "".into())));
        assert_eq!(s("I. KẾT QUẢ ĐẠT ĐƯỢC"), Some((Style::Roman, "I.".into(), "KẾT QUẢ ĐẠT ĐƯỢC".into())));
        assert_eq!(s("1. Việc thực hiện"), Some((Style::Arabic(1), "1.".into(), "Việc thực hiện".into())));
        assert_eq!(s("1.2.1. Đổi mới"), Some((Style::Arabic(3), "1.2.1.".into(), "Đổi mới".into())));
        assert_eq!(s("2.1 Công tác"), Some((Style::Arabic(2), "2.1".into(), "Công tác".into())));
        assert_eq!(s("(1). Xây dựng"), Some((Style::Paren, "(1).".into(), "Xây dựng".into())));
        assert_eq!(s("(2)  Thành lập"), Some((Style::Paren, "(2)".into(), "Thành lập".into())));
        assert_eq!(s("a) Mục tiêu"), Some((Style::Letter, "a)".into(), "Mục tiêu".into())));
        assert_eq!(s("- Các cấp ủy"), Some((Style::Dash, "-".into(), "Các cấp ủy".into())));
        assert_eq!(s("+ Tỷ lệ"), Some((Style::Plus, "+".into(), "Tỷ lệ".into())));
        assert_eq!(s("* Phân công thực hiện:"), Some((Style::Star, "*".into(), "Phân công thực hiện:".into())));
    }

    #[test]
    fn not_numbering() {
        for l in [
            "51.855 người",
            "2025 đề ra; tạo",
            "-----",
            "13,7%",
            "Phầnmềm",
            "2.5%",
            "Việt Nam",
            "* ",
            "-5%",
            "1 Kế hoạch",
        ] {
            assert_eq!(s(l), None, "{l}");
        }
    }
}
