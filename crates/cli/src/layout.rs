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
    textwrap::wrap(
        &s,
        textwrap::Options::new(max.max(1)).break_words(true).word_splitter(textwrap::WordSplitter::NoHyphenation),
    )
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

/// How a column lines up.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Figures.
    Right,
}

/// A table of `rows` under `headers` in at most `width` columns: column `flex` (the name) takes
/// the room left and wraps at word boundaries; other cells wider than `cap` are cut at a word.
/// When even that is too wide, the widest other columns are narrowed (cut at a word), never
/// those listed in `keep` (short ones such as a status).
pub fn table(
    headers: &[&str],
    align: &[Align],
    rows: &[Vec<String>],
    flex: usize,
    width: usize,
    cap: usize,
    keep: &[usize],
) -> String {
    const GAP: &str = "  ";
    let n = headers.len();
    let cell = |r: &Vec<String>, i: usize| r.get(i).map(|c| one_line(c)).unwrap_or_default();
    let mut w: Vec<usize> = (0..n)
        .map(|i| rows.iter().map(|r| width_of(&cell(r, i))).chain([width_of(headers[i])]).max().unwrap_or(0))
        .collect();
    for (i, x) in w.iter_mut().enumerate() {
        if i != flex {
            *x = (*x).min(cap.max(width_of(headers[i])));
        }
    }
    const MIN_FLEX: usize = 16;
    let fixed = |w: &[usize]| {
        w.iter().enumerate().filter(|(i, _)| *i != flex).map(|(_, x)| x).sum::<usize>() + GAP.len() * (n - 1)
    };
    // Too wide: narrow the widest other column (the first, the id, last), down to its header.
    while fixed(&w) + MIN_FLEX > width {
        let shrinkable = |i: usize| i != flex && !keep.contains(&i) && w[i] > width_of(headers[i]).max(6);
        let pick = (1..n).filter(|&i| shrinkable(i)).max_by_key(|&i| w[i]).or(Some(0).filter(|&i| shrinkable(i)));
        match pick {
            Some(i) => w[i] -= 1,
            None => break,
        }
    }
    if flex < n {
        w[flex] = w[flex].min(width.saturating_sub(fixed(&w)).max(MIN_FLEX));
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String]| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                l.push_str(GAP);
            }
            let a = align.get(i).copied().unwrap_or(Align::Left);
            l.push_str(&if a == Align::Right { pad_left(c, w[i]) } else { pad(c, w[i]) });
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&mut out, &headers.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    line(&mut out, &w.iter().map(|x| "─".repeat(*x)).collect::<Vec<_>>());
    for r in rows {
        let wrapped = if flex < n { wrap(&cell(r, flex), w[flex]) } else { vec![] };
        let first: Vec<String> = (0..n)
            .map(|i| if i == flex { wrapped.first().cloned().unwrap_or_default() } else { cut(&cell(r, i), w[i]) })
            .collect();
        line(&mut out, &first);
        for more in wrapped.iter().skip(1) {
            let cells: Vec<String> = (0..n).map(|i| if i == flex { more.clone() } else { String::new() }).collect();
            line(&mut out, &cells);
        }
    }
    out
}

fn width_of(s: &str) -> usize {
    width(s)
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
    fn table_fits_the_width() {
        let rows = vec![
            vec!["CT1".to_string(), "Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa".into(), "92,5".into()],
            vec!["CT12".to_string(), "Thu ngân sách".into(), "1.100".into()],
        ];
        let t = table(&["MÃ", "CHỈ TIÊU", "GIÁ TRỊ"], &[Align::Left, Align::Left, Align::Right], &rows, 1, 40, 20, &[]);
        assert!(t.lines().all(|l| width(l) <= 40), "{t}");
        let want = "\
MÃ    CHỈ TIÊU                   GIÁ TRỊ
────  ─────────────────────────  ───────
CT1   Tỷ lệ hộ gia đình đạt         92,5
      danh hiệu gia đình văn
      hóa
CT12  Thu ngân sách                1.100
";
        assert_eq!(t, want);
    }

    #[test]
    fn wrap_keeps_words_whole() {
        let lines = wrap("Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa trên 95%", 20);
        assert_eq!(lines, ["Tỷ lệ hộ gia đình", "đạt danh hiệu gia", "đình văn hóa trên", "95%"]);
        assert!(lines.iter().all(|l| width(l) <= 20));
    }
}
