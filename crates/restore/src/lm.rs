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
    /// Successors of each word, sorted by id, with their counts (`succ[start[v]..start[v + 1]]`):
    /// the decoder looks up a handful of candidates after the same word, and a short sorted run
    /// beats hashing into the whole table.
    start: Vec<u32>,
    succ: Vec<(u32, u32)>,
    hist: Vec<u32>,
    n1_after: Vec<u32>,
    cont_p: Vec<f64>,
    /// `-ln cont_p[w]` and `-ln λ(v)`: a bigram never seen costs their sum, with no logarithm.
    cont_cost: Vec<f32>,
    lambda_cost: Vec<f32>,
    uni_cost: Vec<f32>,
    /// Trigram histories `u v`: (count, distinct successors, start, end) into `succ3`.
    hist2: FxHashMap<u64, History>,
    succ3: Vec<(u32, u32)>,
}

/// What the decoder needs of a trigram history `u v`, looked up once per decoder state.
#[derive(Debug, Clone, Copy)]
pub struct History {
    count: u32,
    n1: u32,
    start: u32,
    end: u32,
    /// Cost of backing off to the bigram (`-ln(D · n1 / count)`).
    backoff: f32,
}

fn key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// The count of `w` in a run of successors sorted by id (0 when absent).
#[inline]
fn count_in(run: &[(u32, u32)], w: u32) -> u32 {
    // Most runs are a few entries long: a scan; long ones (after "của", "và") are searched.
    if run.len() <= 8 {
        return run.iter().find(|e| e.0 == w).map_or(0, |e| e.1);
    }
    run.binary_search_by_key(&w, |e| e.0).map_or(0, |i| run[i].1)
}

/// Sorted, merged (a, b, count) rows as runs: per `a`, its `b`s in order.
fn merge_rows(mut rows: Vec<(u64, u32, u32)>) -> Vec<(u64, u32, u32)> {
    // The model file writes them in order: only an unordered source pays for the sort.
    if !rows.is_sorted_by_key(|r| (r.0, r.1)) {
        rows.sort_unstable_by_key(|r| (r.0, r.1));
    }
    let mut out: Vec<(u64, u32, u32)> = Vec::with_capacity(rows.len());
    for r in rows {
        match out.last_mut() {
            Some(l) if l.0 == r.0 && l.1 == r.1 => l.2 = l.2.saturating_add(r.2),
            _ => out.push(r),
        }
    }
    out
}

impl Lm {
    /// Build from bigram counts over a vocabulary of `n` ids.
    pub fn from_counts(n: usize, counts: impl IntoIterator<Item = (u32, u32, u32)>) -> Lm {
        let rows: Vec<(u64, u32, u32)> = counts
            .into_iter()
            .filter(|&(a, b, c)| (a as usize) < n && (b as usize) < n && c > 0)
            .map(|(a, b, c)| (u64::from(a), b, c))
            .collect();
        let rows = merge_rows(rows);
        let mut hist = vec![0u32; n];
        let mut n1_after = vec![0u32; n];
        let mut n1_before = vec![0u32; n];
        let mut uni = vec![0u64; n];
        let mut start = vec![0u32; n + 1];
        let mut succ = Vec::with_capacity(rows.len());
        for &(a, b, c) in &rows {
            let (ai, bi) = (a as usize, b as usize);
            n1_after[ai] += 1;
            n1_before[bi] += 1;
            hist[ai] = hist[ai].saturating_add(c);
            uni[bi] += u64::from(c);
            start[ai + 1] += 1;
            succ.push((b, c));
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let distinct = rows.len() as f64;
        let denom = distinct + 0.5 * n as f64;
        let cont_p: Vec<f64> = n1_before.iter().map(|&k| ((k as f64) + 0.5) / denom).collect();
        let total: u64 = uni.iter().sum();
        let uni_cost =
            uni.iter().map(|&k| -(((k as f64) + 0.1) / (total as f64 + 0.1 * n as f64)).ln() as f32).collect();
        let cont_cost = cont_p.iter().map(|&p| -(p.ln() as f32)).collect();
        let lambda_cost = (0..n)
            .map(|v| {
                if hist[v] == 0 {
                    0.0
                } else {
                    -((DISCOUNT * f64::from(n1_after[v]) / f64::from(hist[v])).ln() as f32)
                }
            })
            .collect();
        Lm {
            start,
            succ,
            hist,
            n1_after,
            cont_p,
            cont_cost,
            lambda_cost,
            uni_cost,
            hist2: FxHashMap::default(),
            succ3: Vec::new(),
        }
    }

    /// Add trigram counts (ids below 2^21).
    pub fn set_trigrams(&mut self, counts: impl IntoIterator<Item = (u32, u32, u32, u32)>) {
        let rows: Vec<(u64, u32, u32)> = counts
            .into_iter()
            .filter(|&(a, b, c, k)| k > 0 && a < 1 << 21 && b < 1 << 21 && c < 1 << 21)
            .map(|(a, b, c, k)| (key(a, b), c, k))
            .collect();
        let rows = merge_rows(rows);
        self.succ3 = Vec::with_capacity(rows.len());
        self.hist2 = FxHashMap::default();
        let mut i = 0;
        while i < rows.len() {
            let h = rows[i].0;
            let s = self.succ3.len() as u32;
            let mut count = 0u32;
            while i < rows.len() && rows[i].0 == h {
                self.succ3.push((rows[i].1, rows[i].2));
                count = count.saturating_add(rows[i].2);
                i += 1;
            }
            let e = self.succ3.len() as u32;
            let n1 = e - s;
            let backoff = -((TRIGRAM_DISCOUNT * f64::from(n1) / f64::from(count.max(1))).ln() as f32);
            self.hist2.insert(h, History { count, n1, start: s, end: e, backoff });
        }
    }

    /// The trigram history of `u v`, looked up once per decoder state.
    pub fn history(&self, u: u32, v: u32) -> Option<History> {
        self.hist2.get(&key(u, v)).copied()
    }

    /// Cost of `w` after the history `hist` (of `u v`), given `p2(v, w)` as `lower` and its cost
    /// `lower_cost`: a trigram never seen costs the back-off plus the bigram, with no logarithm.
    #[inline]
    pub fn cost3_with(&self, hist: Option<History>, w: u32, lower: f64, lower_cost: f32) -> f32 {
        let Some(h) = hist else { return lower_cost };
        if w == UNK {
            return lower_cost;
        }
        let run = self.succ3.get(h.start as usize..h.end as usize).unwrap_or(&[]);
        let c = count_in(run, w);
        if f64::from(c) <= TRIGRAM_DISCOUNT {
            return h.backoff + lower_cost;
        }
        let n = f64::from(h.count);
        let p = (f64::from(c) - TRIGRAM_DISCOUNT) / n + TRIGRAM_DISCOUNT * f64::from(h.n1) / n * lower;
        -(p as f32).ln()
    }

    /// Unigram cost of `w` (for ranking candidates before decoding).
    pub fn unigram(&self, w: u32) -> f32 {
        self.uni_cost.get(w as usize).copied().unwrap_or(30.0)
    }

    /// Bigram probability of `w` after `v`.
    #[inline]
    pub fn p2(&self, v: u32, w: u32) -> f64 {
        let cont = self.cont_p.get(w as usize).copied().unwrap_or(1e-13);
        let h = self.hist.get(v as usize).copied().unwrap_or(0);
        if h == 0 || w == UNK {
            return cont;
        }
        let h = f64::from(h);
        let (s, e) = (self.start[v as usize] as usize, self.start[v as usize + 1] as usize);
        let c = count_in(self.succ.get(s..e).unwrap_or(&[]), w);
        let lambda = DISCOUNT * f64::from(self.n1_after[v as usize]) / h;
        (f64::from(c) - DISCOUNT).max(0.0) / h + lambda * cont
    }

    /// [`Lm::p2`] and its cost together; a pair never seen needs no logarithm.
    #[inline]
    pub fn p2_cost(&self, v: u32, w: u32) -> (f64, f32) {
        let (vi, wi) = (v as usize, w as usize);
        let (Some(&cont), Some(&cont_cost)) = (self.cont_p.get(wi), self.cont_cost.get(wi)) else {
            return (1e-13, 30.0);
        };
        let h = self.hist.get(vi).copied().unwrap_or(0);
        if h == 0 || w == UNK {
            return (cont, cont_cost);
        }
        let (s, e) = (self.start[vi] as usize, self.start[vi + 1] as usize);
        let c = count_in(self.succ.get(s..e).unwrap_or(&[]), w);
        let h = f64::from(h);
        let lambda = DISCOUNT * f64::from(self.n1_after[vi]) / h;
        if f64::from(c) <= DISCOUNT {
            return (lambda * cont, self.lambda_cost[vi] + cont_cost);
        }
        let p = (f64::from(c) - DISCOUNT) / h + lambda * cont;
        (p, -(p as f32).ln())
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
        let c3 = |u, v, w| lm.cost3_with(lm.history(u, v), w, lm.p2(v, w), lm.cost(v, w));
        assert!(c3(2, 3, 4) < c3(2, 3, 2));
        assert!(c3(2, 3, 4) < lm.cost(3, 4));
    }
}
