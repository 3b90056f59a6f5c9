//! Text laid out for a terminal: cut or wrapped at word boundaries, columns aligned by display width.

use unicode_width::UnicodeWidthStr;

/// Display width (Vietnamese letters in NFC are one column each).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The terminal's width, `COLUMNS` when set (tests, pipes), else 100 when not on a terminal.
pub fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()) {
        return n.clamp(40, 400);
    }
    let (_, cols) = console::Term::stdout().size_checked().unwrap_or((0, 100));
    (cols as usize).clamp(40, 400)
}

/// `s` in at most `max` columns, cut at a word boundary with "…" when it does not fit
/// (never inside a word, unless the first word alone is wider than `max`).
pub fn cut(s: &str, max: usize) -> String {
    let s = one_line(s);
    if width(&s) <= max {
        return s;
    }
    let room = max.saturating_sub(1);
    let mut out = String::new();
    for w in s.split(' ') {
        let next = if out.is_empty() { w.to_string() } else { format!("{out} {w}") };
        if width(&next) > room {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        // One very long word: cut it by characters (the only place a word is split).
        for c in s.chars() {
            if width(&out) + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > room {
                break;
            }
            out.push(c);
        }
    }
    let out = out.trim_end_matches([',', ';', ':', ' ']).to_string();
    format!("{out}…")
}

/// `s` wrapped into lines of at most `max` columns at word boundaries.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let s = one_line(s);
    if s.is_empty() {
        return vec![String::new()];
    }
    textwrap::wrap(&s, textwrap::Options::new(max.max(1)).break_words(true))
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// Runs of whitespace (line breaks of the source) as one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` padded with spaces to `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let n = width(s);
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// `s` right-aligned in `w` columns.
pub fn pad_left(s: &str, w: usize) -> String {
    let n = width(s);
    if n >= w {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(w - n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_at_word_boundaries() {
        let cases = [
            ("Xây dựng phường văn minh", 40, "Xây dựng phường văn minh"),
            ("Phát triển kinh tế xã hội chủ nghĩa bền vững", 30, "Phát triển kinh tế xã hội chủ…"),
            ("Thu ngân sách: tăng bình quân", 16, "Thu ngân sách…"),
            ("Siêuuuuuuuuuudàiiiiii", 8, "Siêuuuu…"),
            ("dòng\nmột   hai", 20, "dòng một hai"),
        ];
        for (s, max, want) in cases {
            let got = cut(s, max);
            assert_eq!(got, want, "{s:?} in {max}");
            assert!(width(&got) <= max, "{got:?} wider than {max}");
        }
    }

    #[test]
    fn wrap_keeps_words_whole() {
        let lines = wrap("Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa trên 95%", 20);
        assert_eq!(lines, ["Tỷ lệ hộ gia đình", "đạt danh hiệu gia", "đình văn hóa trên", "95%"]);
        assert!(lines.iter().all(|l| width(l) <= 20));
    }
}
