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

/// Unigrams and adjacent pairs of content syllables: what name similarity weighs (public so the
/// ledger can keep the document frequencies of its names' features, [`NameIndex::with_counts`]).
pub fn features(name: &str) -> BTreeSet<String> {
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

    /// An index whose population is `population` (every name the ledger holds, each counted as often
    /// as it occurs: the document frequencies [`NameIndex::new`] would count over them), keeping the
    /// features of `names` only — the names about to be compared. Each distinct population name is
    /// tokenised once.
    pub fn with_population<'p, 'n>(
        population: impl IntoIterator<Item = &'p str>,
        names: impl IntoIterator<Item = &'n str>,
    ) -> Self {
        let mut times: HashMap<&str, usize> = HashMap::new();
        let mut idx = NameIndex::default();
        for name in population {
            idx.n += 1;
            *times.entry(name).or_insert(0) += 1;
        }
        for (name, k) in times {
            for x in features(name) {
                *idx.df.entry(x).or_insert(0) += k;
            }
        }
        for name in names {
            if !idx.cache.contains_key(name) {
                idx.cache.insert(name.to_string(), features(name));
            }
        }
        idx
    }

    /// An index whose population is given by its counts — `n` names, `df[f]` of them holding feature
    /// `f` (what [`NameIndex::with_population`] counts over the names; the ledger keeps these counts
    /// up to date as documents are added) — keeping the features of `names` only. The same figures
    /// as [`NameIndex::with_population`] over the names counted, bit for bit, without reading them.
    pub fn with_counts<'n>(n: usize, df: HashMap<String, usize>, names: impl IntoIterator<Item = &'n str>) -> Self {
        let mut idx = NameIndex { df, n, cache: HashMap::new() };
        for name in names {
            if !idx.cache.contains_key(name) {
                idx.cache.insert(name.to_string(), features(name));
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

/// Every name and text of a check run tokenised once, each distinct string once, their features
/// interned as ids numbered in string order: a sorted id list iterates as [`features`]' set does, so
/// the sums below add up in the same order and give the same figures as [`NameIndex`], bit for bit.
#[derive(Debug, Default)]
pub(crate) struct Vocab<'a> {
    strings: Vec<String>,
    pair: Vec<bool>,
    lists: Vec<Vec<u32>>,
    of: HashMap<&'a str, usize>,
    /// Each feature's weight in the population last asked for ([`Vocab::population`]), computed once
    /// per population: `stamp` says which population `w` holds it for.
    cache: std::cell::RefCell<WeightCache>,
}

#[derive(Debug, Default)]
struct WeightCache {
    w: Vec<f64>,
    stamp: Vec<u32>,
    generation: u32,
}

/// Similarity over one population (one document's names, or two documents' together), each
/// feature's weight computed once for it.
pub(crate) struct Population<'v, 'a> {
    v: &'v Vocab<'a>,
    a: &'v Df,
    b: Option<&'v Df>,
    generation: u32,
}

impl Population<'_, '_> {
    fn weight(&self, f: u32) -> f64 {
        let mut c = self.v.cache.borrow_mut();
        let i = f as usize;
        if c.stamp[i] == self.generation {
            return c.w[i];
        }
        let w = self.v.weight(self.a, self.b, f);
        c.stamp[i] = self.generation;
        c.w[i] = w;
        w
    }

    /// [`NameIndex::similarity_with`] of two feature lists over this population.
    pub(crate) fn similarity(&self, fa: &[u32], fb: &[u32]) -> f64 {
        let wa: f64 = fa.iter().map(|&f| self.weight(f)).sum();
        let wb: f64 = fb.iter().map(|&f| self.weight(f)).sum();
        let shared: f64 = intersection(fa, fb).map(|f| self.weight(f)).sum();
        let denom = wa.min(wb);
        if denom <= 0.0 {
            0.0
        } else {
            (shared / denom).min(1.0)
        }
    }
}

/// Names of one document (or of several, [`Df::add`]) as a population: how many, and in how many of
/// them each feature occurs — what [`NameIndex`] counts.
#[derive(Debug, Default, Clone)]
pub(crate) struct Df {
    n: usize,
    df: HashMap<u32, usize>,
}

impl Df {
    fn get(&self, f: u32) -> usize {
        self.df.get(&f).copied().unwrap_or(0)
    }
}

impl<'a> Vocab<'a> {
    /// Tokenise `strings` (names and texts; repeats are tokenised once).
    pub(crate) fn new(strings: impl IntoIterator<Item = &'a str>) -> Self {
        let mut v = Vocab::default();
        let mut provisional: HashMap<String, u32> = HashMap::new();
        for s in strings {
            if v.of.contains_key(s) {
                continue;
            }
            let list: Vec<u32> = features(s)
                .into_iter()
                .map(|f| {
                    let next = provisional.len() as u32;
                    *provisional.entry(f).or_insert(next)
                })
                .collect();
            v.of.insert(s, v.lists.len());
            v.lists.push(list);
        }
        // Renumber in string order.
        let mut words: Vec<(String, u32)> = provisional.into_iter().collect();
        words.sort_unstable();
        let mut rank = vec![0u32; words.len()];
        for (i, (_, p)) in words.iter().enumerate() {
            rank[*p as usize] = i as u32;
        }
        for l in &mut v.lists {
            for f in l.iter_mut() {
                *f = rank[*f as usize];
            }
            l.sort_unstable();
        }
        v.pair = words.iter().map(|(w, _)| w.contains(' ')).collect();
        v.cache = std::cell::RefCell::new(WeightCache {
            w: vec![0.0; words.len()],
            stamp: vec![0; words.len()],
            generation: 0,
        });
        v.strings = words.into_iter().map(|(w, _)| w).collect();
        v
    }

    /// The features of a string given to [`Vocab::new`] (none for any other).
    pub(crate) fn feats(&self, s: &str) -> &[u32] {
        self.of.get(s).map_or(&[], |&i| self.lists[i].as_slice())
    }

    /// The population of `names` (each counted as often as it occurs).
    pub(crate) fn df<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> Df {
        let mut d = Df::default();
        for name in names {
            d.n += 1;
            for &f in self.feats(name) {
                *d.df.entry(f).or_insert(0) += 1;
            }
        }
        d
    }

    /// The population of `a`'s names (and `b`'s), to compare names over.
    pub(crate) fn population<'v>(&'v self, a: &'v Df, b: Option<&'v Df>) -> Population<'v, 'a> {
        let mut c = self.cache.borrow_mut();
        c.generation = c.generation.wrapping_add(1);
        if c.generation == 0 {
            c.stamp.iter_mut().for_each(|s| *s = 0);
            c.generation = 1;
        }
        Population { v: self, a, b, generation: c.generation }
    }

    fn weight(&self, a: &Df, b: Option<&Df>, f: u32) -> f64 {
        let df = a.get(f) + b.map_or(0, |o| o.get(f));
        let n = a.n + b.map_or(0, |o| o.n);
        let pair = if self.pair[f as usize] { 1.5 } else { 1.0 };
        pair * ((n as f64 + 1.0) / (df as f64 + 0.5)).ln().max(0.05)
    }

    /// [`NameIndex::key_pair`] of two feature lists over the population `a`.
    pub(crate) fn key_pair(&self, a: &Df, fa: &[u32], fb: &[u32]) -> Option<&str> {
        intersection(fa, fb)
            .filter(|&f| self.pair[f as usize])
            .min_by_key(|&f| (a.get(f), f))
            .map(|f| self.strings[f as usize].as_str())
    }
}

/// The ids both sorted lists hold, ascending.
fn intersection<'s>(a: &'s [u32], b: &'s [u32]) -> impl Iterator<Item = u32> + 's {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let f = a[i];
                    i += 1;
                    j += 1;
                    return Some(f);
                }
            }
        }
        None
    })
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

    #[test]
    fn a_population_counts_as_the_index_over_it() {
        let all = ["Tỷ lệ hộ nghèo", "Thu ngân sách nhà nước", "Tỷ lệ hộ nghèo", "Không còn hộ nghèo", "Thu ngân sách"];
        let full = NameIndex::new(all);
        let part = NameIndex::with_population(all, ["Tỷ lệ hộ nghèo", "Thu ngân sách"]);
        for (x, y) in [(all[0], all[3]), (all[1], all[4]), (all[0], "chưa gặp tên này")] {
            assert_eq!(full.similarity(x, y).to_bits(), part.similarity(x, y).to_bits(), "{x} / {y}");
        }
    }

    #[test]
    fn interned_features_give_the_index_figures_bit_for_bit() {
        let a = ["Tỷ lệ hộ nghèo", "Thu ngân sách nhà nước", "Số hộ dùng nước sạch", "Thu ngân sách nhà nước"];
        let b = ["Không còn hộ nghèo (theo chỉ tiêu)", "Thu ngân sách trên địa bàn", "hộ nghèo giảm"];
        let texts = ["Tỷ lệ hộ nghèo giảm còn 1,5%", "thu ngân sách đạt 400 tỷ đồng"];
        let v = Vocab::new(a.iter().chain(&b).chain(&texts).copied());
        let (da, db) = (v.df(a), v.df(b));
        let (ia, ib) = (NameIndex::new(a), NameIndex::new(b));
        let all: Vec<&str> = a.iter().chain(&b).chain(&texts).copied().collect();
        for x in &all {
            for y in &all {
                let (fx, fy) = (v.feats(x), v.feats(y));
                let (one, two) = (v.population(&da, None), v.population(&da, Some(&db)));
                assert_eq!(ia.similarity(x, y).to_bits(), one.similarity(fx, fy).to_bits(), "{x} / {y}");
                assert_eq!(
                    ia.similarity_with(Some(&ib), x, y).to_bits(),
                    two.similarity(fx, fy).to_bits(),
                    "{x} / {y}"
                );
                // Asked again, from the weights computed once per population.
                assert_eq!(ia.similarity(x, y).to_bits(), one.similarity(fx, fy).to_bits(), "{x} / {y}");
                assert_eq!(ia.key_pair(x, y).as_deref(), v.key_pair(&da, fx, fy), "{x} / {y}");
            }
        }
    }
}
