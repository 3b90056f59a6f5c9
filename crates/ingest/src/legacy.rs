//! Legacy Vietnamese 8-bit encodings, still common in ward offices: TCVN3 (ABC,
//! `.VnTime` fonts), VNI-Windows (`VNI-Times` fonts) and Windows-1258.
//!
//! No maintained crate converts TCVN3 or VNI (encoding_rs knows only Windows-1258),
//! so the tables are written here from the standards: TCVN 5712:1993 (the VN1 table,
//! of which TCVN3/ABC is the subset without upper-case toned letters) and the
//! VNI-Windows layout (base letter + a mark byte of the VNI font). Which encoding a
//! file is in is decided by reading it as each and scoring how Vietnamese the
//! words look (valid letters, at most one tone mark per syllable).

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// TCVN 5712:1993 (VN1), bytes 0x80..=0xFF. 0xA0 is a no-break space.
const TCVN_HIGH: [u16; 128] = [
    // 0x80
    0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8, 0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC,
    0x1EC8, 0x0128, // 0x90
    0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8, 0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9,
    0x1EE6, 0x0168, // 0xA0
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, 0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0,
    0x0111, 0x1EB0, // 0xB0
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3, 0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5,
    0x1EAF, 0x1EB4, // 0xC0
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2,
    0x1EBB, 0x1EBD, // 0xD0
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, 0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED,
    0x1ECB, 0x00F2, // 0xE0
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB,
    0x1EE3, 0x00F9, // 0xF0
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD,
    0x1EF5, 0x1ED0,
];

/// TCVN 5712 (VN1) puts upper-case letters that did not fit above 0x80 on unused
/// control codes.
const TCVN_LOW: [(u8, char); 11] = [
    (0x01, 'Ú'),
    (0x02, 'Ụ'),
    (0x04, 'Ừ'),
    (0x05, 'Ử'),
    (0x06, 'Ữ'),
    (0x11, 'Ứ'),
    (0x12, 'Ự'),
    (0x13, 'Ỳ'),
    (0x14, 'Ỷ'),
    (0x15, 'Ỹ'),
    (0x16, 'Ý'),
];

fn tcvn_char(b: u8) -> char {
    if b >= 0x80 {
        return char::from_u32(u32::from(TCVN_HIGH[usize::from(b - 0x80)])).unwrap_or('\u{FFFD}');
    }
    if b == 0x17 {
        return 'Ỵ';
    }
    TCVN_LOW.iter().find(|(k, _)| *k == b).map_or(char::from(b), |(_, c)| *c)
}

/// Decode TCVN3/TCVN 5712 bytes.
///
/// TCVN3 (ABC) has no upper-case toned letters: headings are set in `.VnTimeH` fonts that
/// draw the lower-case codes as capitals. A line whose ASCII letters are all capitals
/// (at least three) is therefore written in capitals.
pub fn decode_tcvn3(bytes: &[u8]) -> String {
    let s: String = bytes.iter().map(|&b| tcvn_char(b)).collect();
    let s: String = s.nfc().collect();
    let mut out = String::with_capacity(s.len());
    for (k, line) in s.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let upper = line.chars().filter(char::is_ascii_uppercase).count();
        let lower = line.chars().any(|c| c.is_ascii_lowercase());
        if upper >= 3 && !lower {
            out.push_str(&line.to_uppercase());
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Encode Unicode text as TCVN3; `None` if a character has no TCVN3 code.
pub fn encode_tcvn3(text: &str) -> Option<Vec<u8>> {
    static REV: LazyLock<HashMap<char, u8>> = LazyLock::new(|| {
        let mut m: HashMap<char, u8> = TCVN_LOW.iter().map(|(b, c)| (*c, *b)).collect();
        m.insert('Ỵ', 0x17);
        for (i, &u) in TCVN_HIGH.iter().enumerate() {
            if let (Some(c), Ok(b)) = (char::from_u32(u32::from(u)), u8::try_from(0x80 + i)) {
                m.entry(c).or_insert(b);
            }
        }
        m
    });
    let mut out = Vec::with_capacity(text.len());
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
        } else {
            out.push(*REV.get(&c)?);
        }
    }
    Some(out)
}

// VNI-Windows: the mark bytes of the VNI fonts, as Windows-1252 characters.
// Tones in the order sắc, huyền, hỏi, ngã, nặng.
const VNI_TONE: [char; 5] = ['ù', 'ø', 'û', 'õ', 'ï'];
const VNI_CIRC: char = 'â';
const VNI_CIRC_TONE: [char; 5] = ['á', 'à', 'å', 'ã', 'ä'];
const VNI_BREVE: char = 'ê';
const VNI_BREVE_TONE: [char; 5] = ['é', 'è', 'ú', 'ü', 'ë'];
const VNI_I: [char; 5] = ['í', 'ì', 'æ', 'ó', 'ò'];
const TONE_MARKS: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

fn upper_latin1(c: char) -> char {
    // The upper-case mark bytes are the Latin-1 upper-case letters (0x20 lower).
    char::from_u32(c as u32 - 0x20).unwrap_or(c)
}

/// Every Vietnamese letter with its VNI spelling (lower case, upper case).
fn vni_pairs() -> Vec<(char, String)> {
    let mut v: Vec<(String, String)> = Vec::new(); // (NFD unicode, vni)
    for base in ['a', 'e', 'o', 'u', 'y'] {
        v.push((base.to_string(), base.to_string()));
        for (t, m) in TONE_MARKS.iter().enumerate() {
            if base == 'y' && t == 4 {
                v.push((format!("y{m}"), "î".into()));
            } else {
                v.push((format!("{base}{m}"), format!("{base}{}", VNI_TONE[t])));
            }
        }
    }
    for base in ['a', 'e', 'o'] {
        v.push((format!("{base}\u{302}"), format!("{base}{VNI_CIRC}")));
        for (t, m) in TONE_MARKS.iter().enumerate() {
            v.push((format!("{base}\u{302}{m}"), format!("{base}{}", VNI_CIRC_TONE[t])));
        }
    }
    v.push(("a\u{306}".into(), format!("a{VNI_BREVE}")));
    for (t, m) in TONE_MARKS.iter().enumerate() {
        v.push((format!("a\u{306}{m}"), format!("a{}", VNI_BREVE_TONE[t])));
    }
    for (base, horn) in [('o', 'ô'), ('u', 'ö')] {
        v.push((format!("{base}\u{31B}"), horn.to_string()));
        for (t, m) in TONE_MARKS.iter().enumerate() {
            v.push((format!("{base}\u{31B}{m}"), format!("{horn}{}", VNI_TONE[t])));
        }
    }
    for (t, m) in TONE_MARKS.iter().enumerate() {
        v.push((format!("i{m}"), VNI_I[t].to_string()));
    }
    v.push(("đ".into(), "ñ".into()));
    let mut out = Vec::new();
    for (u, vni) in v {
        let lower: String = u.nfc().collect();
        let Some(lc) = lower.chars().next() else { continue };
        if lower.chars().count() != 1 || lc.is_ascii() {
            continue;
        }
        out.push((lc, vni.clone()));
        let uc = lc.to_uppercase().next().unwrap_or(lc);
        let mut chars = vni.chars();
        let up: String = match (chars.next(), chars.next()) {
            (Some(a), Some(b)) => {
                let a = if a.is_ascii() { a.to_ascii_uppercase() } else { upper_latin1(a) };
                format!("{a}{}", upper_latin1(b))
            }
            (Some(a), None) => upper_latin1(a).to_string(),
            _ => continue,
        };
        out.push((uc, up));
    }
    out
}

static VNI_DECODE: LazyLock<HashMap<String, char>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (c, s) in vni_pairs() {
        m.insert(s.clone(), c);
        // Upper-case base with a lower-case mark ("Aù") is common in titles typed by hand.
        let mut cs = s.chars();
        if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
            if a.is_ascii_uppercase() {
                let lower_mark: String = b.to_lowercase().collect();
                m.entry(format!("{a}{lower_mark}")).or_insert(c);
            }
        }
    }
    m
});

/// Decode VNI-Windows bytes.
pub fn decode_vni(bytes: &[u8]) -> String {
    let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    let chars: Vec<char> = latin.chars().collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if i + 1 < chars.len() && !chars[i + 1].is_ascii() {
            let two: String = [chars[i], chars[i + 1]].iter().collect();
            if let Some(&c) = VNI_DECODE.get(&two) {
                out.push(c);
                i += 2;
                continue;
            }
        }
        if !chars[i].is_ascii() {
            if let Some(&c) = VNI_DECODE.get(&chars[i].to_string()) {
                out.push(c);
                i += 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out.nfc().collect()
}

/// Encode Unicode text as VNI-Windows; `None` if a character cannot be written.
pub fn encode_vni(text: &str) -> Option<Vec<u8>> {
    static ENC: LazyLock<HashMap<char, String>> = LazyLock::new(|| vni_pairs().into_iter().collect());
    let mut s = String::with_capacity(text.len() * 2);
    for c in text.nfc() {
        match ENC.get(&c) {
            Some(v) => s.push_str(v),
            None => s.push(c),
        }
    }
    let (bytes, _, had_errors) = encoding_rs::WINDOWS_1252.encode(&s);
    if had_errors {
        return None;
    }
    Some(bytes.into_owned())
}

/// How Vietnamese a text reads: (words with a valid Vietnamese marked letter, words
/// that no Vietnamese spelling allows).
pub(crate) fn score(text: &str) -> (usize, usize) {
    let mut good = 0;
    let mut bad = 0;
    for word in text.split(|c: char| !c.is_alphabetic() && !is_mark(c)) {
        if word.is_empty() || word.is_ascii() {
            continue;
        }
        let mut tones = 0;
        let mut ok = true;
        let mut prev_base: Option<char> = None;
        for d in word.nfd() {
            match d {
                '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => tones += 1,
                '\u{302}' => ok &= prev_base.is_some_and(|b| matches!(b.to_ascii_lowercase(), 'a' | 'e' | 'o')),
                '\u{306}' => ok &= prev_base.is_some_and(|b| b.eq_ignore_ascii_case(&'a')),
                '\u{31B}' => ok &= prev_base.is_some_and(|b| matches!(b.to_ascii_lowercase(), 'o' | 'u')),
                'đ' | 'Đ' => prev_base = Some('d'),
                c if c.is_ascii_alphabetic() => prev_base = Some(c),
                _ => ok = false,
            }
        }
        if ok && tones <= 1 {
            good += 1;
        } else {
            bad += 1;
        }
    }
    (good, bad)
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Read bytes that are not UTF-8 as the legacy encoding that reads best, if one reads
/// as Vietnamese at all.
pub(crate) fn detect_and_decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    let mut best: Option<(i64, String, &'static str)> = None;
    let w1258 = {
        let (t, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
        t.nfc().collect::<String>()
    };
    for (text, name) in [(decode_tcvn3(bytes), "tcvn3"), (decode_vni(bytes), "vni"), (w1258, "windows-1258")] {
        let (good, bad) = score(&text);
        let s = i64::try_from(good).unwrap_or(i64::MAX) - 4 * i64::try_from(bad).unwrap_or(i64::MAX / 8);
        if good > 0 && bad * 10 <= good && best.as_ref().is_none_or(|b| s > b.0) {
            best = Some((s, text, name));
        }
    }
    best.map(|(_, t, n)| (t, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "Đảng bộ phường Nam Đồng phấn đấu thu ngân sách tăng bình quân trên 08%/năm; Ủy ban nhân dân, Mặt trận Tổ quốc Việt Nam.";

    #[test]
    fn tcvn3_known_bytes() {
        // "Việt Nam": V i ệ(0xD6) t; "Đảng": Đ(0xA7) ả(0xB6) n g
        assert_eq!(decode_tcvn3(b"Vi\xD6t Nam \xA7\xB6ng"), "Việt Nam Đảng");
    }

    #[test]
    fn vni_known_bytes() {
        // "Vieät Nam Ñaûng": ệ = e + ä, Đ = Ñ, ả = a + û
        assert_eq!(decode_vni(b"Vie\xE4t Nam \xD1a\xFBng"), "Việt Nam Đảng");
        // ơ is one byte (ô), ư is ö: "Phöôøng" = Phường
        assert_eq!(decode_vni(b"Ph\xF6\xF4\xF8ng"), "Phường");
    }

    #[test]
    fn round_trips() {
        let t = encode_tcvn3(SENTENCE).expect("tcvn3");
        assert_eq!(decode_tcvn3(&t), SENTENCE);
        let v = encode_vni(SENTENCE).expect("vni");
        assert_eq!(decode_vni(&v), SENTENCE);
        assert_eq!(detect_and_decode(&t).map(|d| d.1), Some("tcvn3"));
        assert_eq!(detect_and_decode(&v).map(|d| d.1), Some("vni"));
    }
}
