//! Splitting lines into word tokens and the text between them.

/// Whether a character belongs to a word token. OCR damage puts symbols inside words
/// ("c¢6", "s§"), so any non-ASCII symbol that is not typographic punctuation counts too.
pub fn is_word_char(c: char) -> bool {
    // Vietnamese letters sit in Latin-1/Extended-A/B and Latin Extended Additional, where every
    // character is a word character (× and ÷ too, as non-ASCII symbols): answered without the
    // slow Unicode table look-up (pinned by a test against the classes).
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1EA0}'..='\u{1EFF}') || is_word_char_by_class(c)
}

fn is_word_char_by_class(c: char) -> bool {
    if c.is_alphanumeric() {
        return true;
    }
    if c.is_whitespace() || c.is_control() {
        return false;
    }
    if c.is_ascii() {
        // OCR reads "ơ"/"ớ"/"ể" as "&" inside words ("s&" for "sở", "v&i" for "với"); "R&D"
        // stays one protected chunk (see `protected_chunks`).
        return matches!(c, '$' | '@' | '&');
    }
    !matches!(
        c,
        '“' | '”'
            | '‘'
            | '’'
            | '…'
            | '–'
            | '—'
            | '•'
            | '·'
            | '«'
            | '»'
            | '„'
            | '‚'
            | '′'
            | '″'
            | '\u{feff}'
            | '\u{200b}'
    ) && !is_combining(c)
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// A word token: byte range in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
}

/// Word tokens of a line, in order.
pub fn word_tokens(line: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in line.char_indices() {
        // Combining marks (NFD input) stay with their word.
        let w = is_word_char(c) || (start.is_some() && is_combining(c));
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Tok { start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Tok { start: s, end: line.len() });
    }
    out
}

/// Case evidence of a word token: `Some(true)` for a capitalised word inside a sentence,
/// `Some(false)` for a lower-case one, `None` when case says nothing (sentence or line start,
/// all capitals, no letter first). `gap` is the text since the previous token on the line.
pub fn case_of(token: &str, gap: &str, first_in_line: bool) -> Option<bool> {
    if first_in_line || gap.contains(['.', ':', ';', '!', '?', '(', '"', '“', '-', '–', '•', '+', '*']) {
        return None;
    }
    let mut cs = token.chars();
    let first = cs.next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let rest_upper = cs.clone().any(char::is_uppercase);
    if first.is_uppercase() {
        if rest_upper {
            return None;
        }
        return Some(true);
    }
    if rest_upper {
        return None;
    }
    Some(false)
}

/// Byte ranges of whitespace-separated chunks that must not be touched: document numbers
/// ("57-NQ/TW", "1915/NQ-UBTVQH15"), dates ("16/6/2025"), addresses with `@`, web links.
pub fn protected_chunks(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for chunk in line.split(char::is_whitespace) {
        let start = pos;
        pos += chunk.len() + line[pos + chunk.len()..].chars().next().map_or(0, char::len_utf8);
        // Most chunks are plain words: none of the marks of a code, a link or an address.
        if chunk.is_empty() || !chunk.bytes().any(|b| matches!(b, b'/' | b'&' | b'-' | b'@' | b'.')) {
            continue;
        }
        let digit = chunk.chars().any(|c| c.is_ascii_digit());
        let upper = chunk.chars().any(|c| c.is_uppercase());
        let _ = digit;
        let slash = chunk.contains('/');
        let hyphen_code = chunk.contains('-') && upper && digit;
        let link = chunk.contains("://") || chunk.contains("www.") || (chunk.contains('@') && chunk.contains('.'));
        // "đ/c", "R&D": abbreviations joined by a slash or an ampersand between capitals are
        // codes too ("s&", "1&", "v&i" are OCR'd letters).
        if slash || capital_ampersand(chunk) || hyphen_code || link {
            out.push((start, start + chunk.len()));
        }
    }
    out
}

/// "R&D", "Q&A": an ampersand with capitals on both sides.
fn capital_ampersand(chunk: &str) -> bool {
    let cs: Vec<char> = chunk.chars().collect();
    cs.windows(3).any(|w| w[1] == '&' && w[0].is_uppercase() && w[2].is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_and_protects_codes() {
        let l = "Nghị quyết số 57-NQ/TW, ngày 22/12/2024 c¢6 km?";
        let t: Vec<&str> = word_tokens(l).iter().map(|t| &l[t.start..t.end]).collect();
        assert_eq!(t, ["Nghị", "quyết", "số", "57", "NQ", "TW", "ngày", "22", "12", "2024", "c¢6", "km"]);
        let p: Vec<&str> = protected_chunks(l).iter().map(|&(a, b)| &l[a..b]).collect();
        assert_eq!(p, ["57-NQ/TW,", "22/12/2024"]);
        let l = "trên co s& R&D, v&i";
        let t: Vec<&str> = word_tokens(l).iter().map(|t| &l[t.start..t.end]).collect();
        assert_eq!(t, ["trên", "co", "s&", "R&D", "v&i"]);
        let p: Vec<&str> = protected_chunks(l).iter().map(|&(a, b)| &l[a..b]).collect();
        assert_eq!(p, ["R&D,"]);
    }

    #[test]
    fn latin_fast_path_agrees_with_unicode() {
        for c in ('\u{C0}'..='\u{24F}').chain('\u{1EA0}'..='\u{1EFF}') {
            assert_eq!(is_word_char(c), is_word_char_by_class(c), "{c:?}");
        }
    }
}
