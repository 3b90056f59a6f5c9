use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Normalise to NFC, the one form text takes inside the system.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Fold one character: drop Vietnamese marks, `đ`→`d`, keep case.
///
/// Works on precomposed (NFC) characters; a bare combining mark folds to `None`.
pub fn fold_char(c: char) -> Option<char> {
    match c {
        'đ' => return Some('d'),
        'Đ' => return Some('D'),
        c if c.is_ascii() => return Some(c),
        c if is_combining_mark(c) => return None,
        _ => {}
    }
    // Decompose and keep the base letter (the first non-mark).
    let mut base = None;
    for d in std::iter::once(c).nfd() {
        if !is_combining_mark(d) {
            base = Some(d);
            break;
        }
    }
    base
}

/// Fold diacritics away but keep case: "Đảng Bộ" → "Dang Bo".
pub fn fold_keep_case(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// The matching key: folded (đ→d, marks dropped), lower case, whitespace collapsed.
///
/// "Đảng  bộ" → "dang bo". Folding merges real words (đường/dương → duong),
/// so rank exact matches above folded ones.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().filter_map(fold_char) {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Đảng ủy phường Nam Đồng"), "dang uy phuong nam dong");
        assert_eq!(fold("NGHỊ QUYẾT"), "nghi quyet");
        assert_eq!(fold("  ưu   tiên "), "uu tien");
        assert_eq!(fold_keep_case("Đường"), "Duong");
    }

    #[test]
    fn folds_decomposed_input_like_composed() {
        let nfd: String = "Thành ủy".nfd().collect();
        assert_eq!(fold(&nfd), "thanh uy");
    }

    proptest! {
        #[test]
        fn fold_is_idempotent_and_ascii_for_vietnamese(s in "[a-zA-Zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ ĐƯƠ]{0,40}") {
            let f = fold(&s);
            prop_assert!(f.is_ascii());
            prop_assert_eq!(fold(&f), f.clone());
        }

        #[test]
        fn nfc_never_panics(s in any::<String>()) {
            let _ = fold(&s);
            prop_assert_eq!(nfc(&nfc(&s)), nfc(&s));
        }
    }
}
