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

/// Names indexed for similarity: document frequencies of their features.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    df: HashMap<String, usize>,
    n: usize,
}

impl NameIndex {
    /// Index a set of names (the population rare features are judged against).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut df = HashMap::new();
        let mut n = 0;
        for name in names {
            n += 1;
            for f in features(name) {
                *df.entry(f).or_insert(0) += 1;
            }
        }
        NameIndex { df, n }
    }

    fn weight(&self, f: &str) -> f64 {
        let df = self.df.get(f).copied().unwrap_or(0) as f64;
        let pair = if f.contains(' ') { 1.5 } else { 1.0 };
        pair * ((self.n as f64 + 1.0) / (df + 0.5)).ln().max(0.05)
    }

    /// Weighted overlap 0–1 of two names, relative to the shorter one.
    pub fn similarity(&self, a: &str, b: &str) -> f64 {
        let (fa, fb) = (features(a), features(b));
        let wa: f64 = fa.iter().map(|f| self.weight(f)).sum();
        let wb: f64 = fb.iter().map(|f| self.weight(f)).sum();
        let shared: f64 = fa.intersection(&fb).map(|f| self.weight(f)).sum();
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
        let (fa, fb) = (features(a), features(b));
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
}
