//! What makes two files one document: the organisation plus the content.
//!
//! - `text_sha256`: SHA-256 of the normalised text (folded words joined by one space), so the same
//!   words re-encoded, re-wrapped or re-saved hash the same;
//! - `sketch`: a bottom-k sketch of the folded 3-word shingles, whose overlap estimates the Jaccard
//!   similarity of two texts. Measured on the corpus: a restored OCR scan against its original 0.75,
//!   unrelated documents of one ward ≤ 0.12 (3-word shingles on folded words).
//!
//! Hand-written: a bottom-k sketch is a dozen lines, and a stored sketch must hash the same in every
//! build, which `std`'s hasher does not promise (FNV-1a here).

use theodoi_core::Document;

/// Shingles kept in a sketch.
pub const SKETCH_K: usize = 256;
/// Texts at least this similar (estimated Jaccard of 3-word shingles) are one document's text.
pub const SAME_TEXT: f64 = 0.5;
/// A restored OCR text whose organisation does not match must be at least this similar to be the same
/// document (its organisation may be misread, but two wards' reports on one template reach ~0.5).
pub const SAME_TEXT_OTHER_ORG: f64 = 0.65;

fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= u64::from(b' ');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The folded words of a text, in order.
pub fn words<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out = Vec::new();
    for l in lines {
        let f = theodoi_text::fold_fast(l);
        out.extend(f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string));
    }
    out
}

/// SHA-256 (hex) of the normalised text.
pub fn text_sha256(words: &[String]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            h.update(b" ");
        }
        h.update(w.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The `SKETCH_K` smallest hashes of the text's 3-word shingles, ascending.
pub fn sketch(words: &[String]) -> Vec<u64> {
    let mut hs: Vec<u64> = if words.len() < 3 {
        if words.is_empty() {
            Vec::new()
        } else {
            let w: Vec<&str> = words.iter().map(String::as_str).collect();
            vec![fnv1a(&w)]
        }
    } else {
        words.windows(3).map(|w| fnv1a(&[&w[0], &w[1], &w[2]])).collect()
    };
    hs.sort_unstable();
    hs.dedup();
    hs.truncate(SKETCH_K);
    hs
}

/// Estimated Jaccard similarity of two texts from their sketches; `None` when either has none.
pub fn similarity(a: &[u64], b: &[u64]) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    // The k smallest of the union, and how many of them both sketches hold.
    let k = SKETCH_K.min(a.len().max(b.len()));
    let (mut i, mut j, mut taken, mut both) = (0, 0, 0, 0);
    while taken < k && (i < a.len() || j < b.len()) {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), Some(_)) => j += 1,
            (Some(_), None) => i += 1,
            (None, _) => j += 1,
        }
        taken += 1;
    }
    Some(both as f64 / taken.max(1) as f64)
}

/// Text identity of a read document: (normalised-text hash, sketch).
pub fn of_document(doc: &Document) -> (String, Vec<u64>) {
    let w = words(doc.lines.iter().map(|l| l.text.as_str()));
    (text_sha256(&w), sketch(&w))
}

/// An organisation's key: folded, without "Đảng bộ"/"Đảng ủy" ("Đảng bộ phường X" = "Phường X").
pub fn org_key(org: Option<&str>) -> Option<String> {
    org_key_near(org, None)
}

/// An organisation's key, its parent (as written) naming the province: `unit:CODE` when it is
/// on the official list ("P. Lê Ích Mộc" = "Phường Lê Ích Mộc" = `unit:11506`), else as
/// [`org_key`] has it.
pub fn org_key_near(org: Option<&str>, parent: Option<&str>) -> Option<String> {
    let o = org?.trim();
    if o.is_empty() {
        return None;
    }
    Some(theodoi_units::org_key(o, parent))
}

/// A document number's key: folded, no spaces ("125 - BC/ĐU" = "125-BC/DU").
pub fn number_key(n: Option<&str>) -> Option<String> {
    let k: String = theodoi_text::fold(n?).chars().filter(|c| !c.is_whitespace()).collect();
    (!k.is_empty()).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(s: &str) -> Vec<String> {
        words(s.lines())
    }

    #[test]
    fn rewrapped_and_recased_text_is_the_same_text() {
        let a = ws("Đại hội Đảng bộ phường Hòa Xuân\nlần thứ nhất, nhiệm kỳ 2025 - 2030");
        let b = ws("ĐẠI HỘI ĐẢNG BỘ PHƯỜNG HÒA XUÂN LẦN THỨ NHẤT,\nnhiệm kỳ 2025-2030");
        assert_eq!(text_sha256(&a), text_sha256(&b));
        assert_eq!(similarity(&sketch(&a), &sketch(&b)), Some(1.0));
    }

    #[test]
    fn similarity_separates_a_revision_from_another_text() {
        let base: String = (0..400).map(|i| format!("câu thứ {i} nói về chỉ tiêu số {} của phường\n", i * 7)).collect();
        let revised = base.replace("câu thứ 17 nói", "câu thứ mười bảy được sửa, nói");
        let other: String = (0..400).map(|i| format!("đoạn {i} bàn việc khác hẳn, mục {}\n", i * 3)).collect();
        let (a, b, c) = (sketch(&ws(&base)), sketch(&ws(&revised)), sketch(&ws(&other)));
        assert!(similarity(&a, &b).is_some_and(|s| s > 0.9), "{:?}", similarity(&a, &b));
        assert!(similarity(&a, &c).is_some_and(|s| s < 0.1), "{:?}", similarity(&a, &c));
        assert_eq!(similarity(&a, &[]), None);
    }

    #[test]
    fn org_keys_ignore_party_prefix_and_marks() {
        assert_eq!(org_key(Some("Đảng bộ phường Nam Đồng")), org_key(Some("Phường Nam Đồng")));
        assert_ne!(org_key(Some("Phường Kiến An")), org_key(Some("Phường Nam Đồng")));
        assert_eq!(org_key(Some("  ")), None);
        assert_eq!(number_key(Some("125 - BC/ĐU")), number_key(Some("125-BC/DU")));
    }

    #[test]
    fn org_keys_of_a_listed_unit_are_its_code() {
        let hp = Some("Thành phố Hải Phòng");
        assert_eq!(org_key_near(Some("P. Lê Ích Mộc"), hp).as_deref(), Some("unit:11506"));
        assert_eq!(org_key_near(Some("ĐẢNG UỶ PHƯỜNG LÊ ÍCH MỘC"), None).as_deref(), Some("unit:11506"));
        assert_eq!(org_key_near(Some("Phường Thủy Nguyên"), hp), org_key_near(Some("Phường Thuỷ Nguyên"), hp));
        // Not on the list (or under a parent that is not): the folded name, as before.
        assert_eq!(
            org_key_near(Some("Phường Đông Sơn Hà"), Some("Thành phố Bắc Lâm")).as_deref(),
            Some("phuong dong son ha")
        );
        assert_eq!(org_key_near(Some("Phường Hòa Xuân"), hp).as_deref(), Some("phuong hoa xuan"));
    }
}
