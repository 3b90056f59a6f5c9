//! Interpolated Kneser-Ney bigram model over lower-case words (syllables and abbreviations),
//! with an absolute-discounting trigram layer on top.
//!
//! Written by hand: the crates that exist are either whole toolkits or need ARPA files built
//! elsewhere; this is a hundred lines and keeps the model one small file.

use rustc_hash::FxHashMap;

/// Word id of the sentence start.
pub const BOS: u32 = 0;
/// Word id for anything not in the vocabulary.
pub const UNK: u32 = 1;
/// The word standing for any number written in digits ("đạt <num>", "năm <num>"): a class the
/// language model reads so that words before and after figures are predicted too.
pub const NUM_WORD: &str = "<num>";

const DISCOUNT: f64 = 0.9;
// Domain texts are counted three times, so trigram singletons need a larger discount (tuned on held-out pairs).
const TRIGRAM_DISCOUNT: f64 = 1.5;

/// A bigram Kneser-Ney language model; costs are negative natural logs.
#[derive(Debug, Default, Clone)]
pub struct Lm {
    bigrams: FxHashMap<u64, u32>,
    hist: Vec<u32>,
    n1_after: Vec<u32>,
    cont_p: Vec<f64>,
    uni_cost: Vec<f32>,
    trigrams: FxHashMap<u64, u32>,
    hist2: FxHashMap<u64, (u32, u32)>,
}

fn key3(a: u32, b: u32, c: u32) -> u64 {
    (u64::from(a & 0x1F_FFFF) << 42) | (u64::from(b & 0x1F_FFFF) << 21) | u64::from(c & 0x1F_FFFF)
}

fn key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl Lm {
    /// Build from bigram counts over a vocabulary of `n` ids.
    pub fn from_counts(n: usize, counts: impl IntoIterator<Item = (u32, u32, u32)>) -> Lm {
        let mut bigrams = FxHashMap::default();
        let mut hist = vec![0u32; n];
        let mut n1_after = vec![0u32; n];
        let mut n1_before = vec![0u32; n];
        let mut distinct = 0u64;
        let mut uni = vec![0u64; n];
        for (a, b, c) in counts {
            let (ai, bi) = (a as usize, b as usize);
            if ai >= n || bi >= n || c == 0 {
                continue;
            }
            let e = bigrams.entry(key(a, b)).or_insert(0u32);
            if *e == 0 {
                n1_after[ai] += 1;
                n1_before[bi] += 1;
                distinct += 1;
            }
            *e = e.saturating_add(c);
            hist[ai] = hist[ai].saturating_add(c);
            uni[bi] += u64::from(c);
        }
        let denom = distinct as f64 + 0.5 * n as f64;
        let cont_p: Vec<f64> = n1_before.iter().map(|&k| ((k as f64) + 0.5) / denom).collect();
        let total: u64 = uni.iter().sum();
        let uni_cost =
            uni.iter().map(|&k| -(((k as f64) + 0.1) / (total as f64 + 0.1 * n as f64)).ln() as f32).collect();
        Lm { bigrams, hist, n1_after, cont_p, uni_cost, trigrams: FxHashMap::default(), hist2: FxHashMap::default() }
    }

    /// Add trigram counts (ids below 2^21).
    pub fn set_trigrams(&mut self, counts: impl IntoIterator<Item = (u32, u32, u32, u32)>) {
        for (a, b, c, k) in counts {
            if k == 0 || a >= 1 << 21 || b >= 1 << 21 || c >= 1 << 21 {
                continue;
            }
            let e = self.trigrams.entry(key3(a, b, c)).or_insert(0);
            let h = self.hist2.entry(key(a, b)).or_insert((0, 0));
            if *e == 0 {
                h.1 += 1;
            }
            *e = e.saturating_add(k);
            h.0 = h.0.saturating_add(k);
        }
    }

    /// The trigram history statistics of `u v`, looked up once per decoder state.
    pub fn history(&self, u: u32, v: u32) -> Option<(u32, u32)> {
        self.hist2.get(&key(u, v)).copied()
    }

    /// [`Lm::cost3`] with the history and the bigram probability `p2(v, w)` already known.
    pub fn cost3_with(&self, hist: Option<(u32, u32)>, u: u32, v: u32, w: u32, lower: f64) -> f32 {
        let p = match hist {
            Some((h, n1)) if w != UNK => {
                let h = f64::from(h);
                let c = self.trigrams.get(&key3(u, v, w)).copied().unwrap_or(0);
                (f64::from(c) - TRIGRAM_DISCOUNT).max(0.0) / h + TRIGRAM_DISCOUNT * f64::from(n1) / h * lower
            }
            _ => lower,
        };
        -(p as f32).ln()
    }

    /// Unigram cost of `w` (for ranking candidates before decoding).
    pub fn unigram(&self, w: u32) -> f32 {
        self.uni_cost.get(w as usize).copied().unwrap_or(30.0)
    }

    /// Bigram probability of `w` after `v`.
    pub fn p2(&self, v: u32, w: u32) -> f64 {
        let cont = self.cont_p.get(w as usize).copied().unwrap_or(1e-13);
        let h = self.hist.get(v as usize).copied().unwrap_or(0);
        if h == 0 || w == UNK {
            return cont;
        }
        let h = f64::from(h);
        let c = self.bigrams.get(&key(v, w)).copied().unwrap_or(0);
        let lambda = DISCOUNT * f64::from(self.n1_after[v as usize]) / h;
        (f64::from(c) - DISCOUNT).max(0.0) / h + lambda * cont
    }

    /// Cost of `w` after `v`.
    pub fn cost(&self, v: u32, w: u32) -> f32 {
        -(self.p2(v, w).ln() as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_bigram_is_cheaper() {
        let lm = Lm::from_counts(5, [(2, 3, 10), (2, 4, 1), (3, 4, 5)]);
        assert!(lm.cost(2, 3) < lm.cost(2, 4));
        assert!(lm.cost(3, 4) < lm.cost(3, 2));
        assert!(lm.cost(4, 3).is_finite());
        let mut lm = lm;
        lm.set_trigrams([(2, 3, 4, 5), (2, 3, 2, 1)]);
        let c3 = |u, v, w| lm.cost3_with(lm.history(u, v), u, v, w, lm.p2(v, w));
        assert!(c3(2, 3, 4) < c3(2, 3, 2));
        assert!(c3(2, 3, 4) < lm.cost(3, 4));
    }
}
