/// Whether `t` is written in capitals ("KẾT QUẢ THỰC HIỆN", "PHỤ LỤC 01") with at least
/// `min_letters` letters: no lower-case letter at all. Headings, titles and header blocks of
/// Party documents are set in capitals, so layout analysis asks this often.
pub fn is_upper_text(t: &str, min_letters: usize) -> bool {
    let mut letters = 0;
    for c in t.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= min_letters
}

#[cfg(test)]
mod tests {
    use super::is_upper_text;

    #[test]
    fn capitals_with_enough_letters() {
        assert!(is_upper_text("KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025", 4));
        assert!(is_upper_text("I. ĐẢNG", 4));
        assert!(!is_upper_text("Đảng bộ", 2));
        assert!(!is_upper_text("12 - 15", 1));
        assert!(is_upper_text("ĐU", 2));
        assert!(!is_upper_text("ĐU", 3));
    }
}
