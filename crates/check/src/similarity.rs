//! Name similarity of indicators.
//!
//! Hand-written because what is needed is small and specific: Vietnamese names are compared on
//! lower-cased NFC syllables — not folded, since folding merges "hộ" (household) and "hồ" (dossier) —
//! with rare syllable pairs weighted up by inverse document frequency over the names being compared.

use std::collections::{BTreeSet, HashMap};

/// Syllables that carry no meaning for matching indicator names.
const STOP: &[&str] = &[
    "tỷ",
    "tỉ",
    "lệ",
    "của",
    "các",
    "và",
    "có",
    "được",
    "trên",
    "địa",
    "bàn",
    "theo",
    "đạt",
    "phấn",
    "đấu",
    "hằng",
    "hàng",
    "năm",
    "đến",
    "trong",
    "đó",
    "là",
    "với",
    "cho",
    "số",
    "phường",
    "xã",
    "bình",
    "quân",
    "trở",
    "lên",
    "từ",
    "dưới",
    "tăng",
    "giảm",
    "mỗi",
    "một",
    "những",
    "này",
    "toàn",
    "tổng",
    "không",
    "còn",
    "hơn",
    "ít",
    "nhất",
    "tối",
    "thiểu",
    "đa",
    "quá",
];

/// The name without explanatory parentheticals ("Không còn hộ nghèo (theo chỉ tiêu …)").
fn strip_parens(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn syllables(name: &str) -> Vec<String> {
    theodoi_text::nfc(&strip_parens(name))
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Unigrams and adjacent pairs of content syllables.
fn features(name: &str) -> BTreeSet<String> {
    let s = syllables(name);
    let mut f: BTreeSet<String> = s.iter().cloned().collect();
    for w in s.windows(2) {
        f.insert(format!("{} {}", w[0], w[1]));
    }
    f
}

/// Names indexed for similarity: document frequencies of their features, and the features of every
/// name (and text) indexed, computed once — a check compares each name many times.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    df: HashMap<String, usize>,
    n: usize,
    cache: HashMap<String, BTreeSet<String>>,
}

impl NameIndex {
    /// Index a set of names (the population rare features are judged against).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Self::with_texts(names, std::iter::empty())
    }

    /// Index `names`, and keep the features of `texts` too (texts compared later, not counted).
    pub fn with_texts<'a>(names: impl IntoIterator<Item = &'a str>, texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut idx = NameIndex::default();
        for name in names {
            idx.n += 1;
            let f = idx.cache.entry(name.to_string()).or_insert_with(|| features(name));
            for x in f.iter() {
                *idx.df.entry(x.clone()).or_insert(0) += 1;
            }
        }
        for t in texts {
            if !idx.cache.contains_key(t) {
                idx.cache.insert(t.to_string(), features(t));
            }
        }
        idx
    }

    fn feats<'s>(&'s self, other: Option<&'s NameIndex>, s: &str) -> std::borrow::Cow<'s, BTreeSet<String>> {
        match self.cache.get(s).or_else(|| other.and_then(|o| o.cache.get(s))) {
            Some(f) => std::borrow::Cow::Borrowed(f),
            None => std::borrow::Cow::Owned(features(s)),
        }
    }

    fn weight(&self, other: Option<&NameIndex>, f: &str) -> f64 {
        let df = self.df.get(f).copied().unwrap_or(0) + other.and_then(|o| o.df.get(f).copied()).unwrap_or(0);
        let n = self.n + other.map_or(0, |o| o.n);
        let pair = if f.contains(' ') { 1.5 } else { 1.0 };
        pair * ((n as f64 + 1.0) / (df as f64 + 0.5)).ln().max(0.05)
    }

    /// Weighted overlap 0–1 of two names, relative to the shorter one.
    pub fn similarity(&self, a: &str, b: &str) -> f64 {
        self.similarity_with(None, a, b)
    }

    /// [`NameIndex::similarity`] over the union of this index and `other` (two documents' names
    /// compared without building a third index: document frequencies add up).
    pub fn similarity_with(&self, other: Option<&NameIndex>, a: &str, b: &str) -> f64 {
        let (fa, fb) = (self.feats(other, a), self.feats(other, b));
        let wa: f64 = fa.iter().map(|f| self.weight(other, f)).sum();
        let wb: f64 = fb.iter().map(|f| self.weight(other, f)).sum();
        let shared: f64 = fa.intersection(&fb).map(|f| self.weight(other, f)).sum();
        let denom = wa.min(wb);
        if denom <= 0.0 {
            0.0
        } else {
            (shared / denom).min(1.0)
        }
    }

    /// The rarest pair of syllables both names share: the key phrase ("hộ nghèo", "trực tuyến")
    /// that marks the same indicator.
    pub fn key_pair(&self, a: &str, b: &str) -> Option<String> {
        let (fa, fb) = (self.feats(None, a), self.feats(None, b));
        let mut shared: Vec<&String> = fa.intersection(&fb).filter(|f| f.contains(' ')).collect();
        shared.sort_by_key(|f| (self.df.get(f.as_str()).copied().unwrap_or(0), f.to_string()));
        shared.first().map(|f| f.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn household_and_dossier_are_not_merged() {
        let idx = NameIndex::new(["Tỷ lệ hộ nghèo", "Tỷ lệ hồ sơ trực tuyến", "Không còn hộ nghèo"]);
        assert_eq!(
            idx.key_pair("Tỷ lệ hộ nghèo", "Không còn hộ nghèo (theo chỉ tiêu của thành phố)").as_deref(),
            Some("hộ nghèo")
        );
        assert!(idx.similarity("Tỷ lệ hộ nghèo", "Không còn hộ nghèo (theo chỉ tiêu của thành phố)") > 0.9);
        assert!(idx.key_pair("Tỷ lệ hộ nghèo", "Tỷ lệ hồ sơ trực tuyến").is_none());
        assert!(idx.similarity("Tỷ lệ hộ nghèo", "Tỷ lệ hồ sơ trực tuyến") < 0.2);
    }

    #[test]
    fn same_name_is_fully_similar() {
        let idx = NameIndex::new(["Năng suất lúa", "Tổng thu ngân sách"]);
        assert!((idx.similarity("Năng suất lúa", "năng suất lúa") - 1.0).abs() < 1e-9);
    }

    #[test]
    fn two_indexes_compare_as_their_union() {
        let a = ["Tỷ lệ hộ nghèo", "Thu ngân sách nhà nước", "Số hộ dùng nước sạch"];
        let b = ["Không còn hộ nghèo", "Thu ngân sách trên địa bàn"];
        let union = NameIndex::new(a.iter().chain(&b).copied());
        let (ia, ib) = (NameIndex::new(a), NameIndex::new(b));
        for (x, y) in [(a[0], b[0]), (a[1], b[1]), (a[2], b[0]), (a[1], "chưa gặp tên này")] {
            assert!((union.similarity(x, y) - ia.similarity_with(Some(&ib), x, y)).abs() < 1e-12, "{x} / {y}");
        }
    }
}
