//! The OCR channel: how likely an OCR engine turns a true letter into another (or drops it,
//! or inserts one), learned from rendered-and-OCR'd pairs. A weighted edit distance over these
//! costs scores how well a candidate syllable explains a damaged token.

use rustc_hash::FxHashMap;

use crate::syllable::fold_lower;

/// Index of the empty symbol (insertion/deletion).
pub const EPS: u16 = 0;
/// Index of any character the channel never saw.
pub const OTHER: u16 = 1;

/// Events of a symbol in the pairs at which the letters it stands for count as learned (half
/// of the floor for an unseen symbol is left).
const NOVEL_SYMBOL: f64 = 20.0;

/// Character confusion costs (negative natural logs).
#[derive(Debug, Clone)]
pub struct Channel {
    alphabet: FxHashMap<char, u16>,
    chars: Vec<char>,
    cost: Vec<f32>,
    counts: Vec<(Option<char>, Option<char>, u32)>,
    /// Events with each symbol as the OCR side (true letters only).
    seen_as: Vec<f64>,
}

impl Channel {
    /// Build from counts of (true char, OCR char) events; `None` is the empty symbol.
    pub fn from_counts(counts: &[(Option<char>, Option<char>, u32)]) -> Channel {
        let mut alphabet = FxHashMap::default();
        let mut chars = vec!['\0', '\u{FFFD}'];
        for (a, b, _) in counts {
            for c in [a, b].into_iter().flatten() {
                if !alphabet.contains_key(c) {
                    alphabet.insert(*c, chars.len() as u16);
                    chars.push(*c);
                }
            }
        }
        let n = chars.len();
        let idx = |c: &Option<char>| c.map_or(EPS, |c| alphabet.get(&c).copied().unwrap_or(OTHER)) as usize;
        let mut m = vec![0f64; n * n];
        for (a, b, k) in counts {
            m[idx(a) * n + idx(b)] += f64::from(*k);
        }
        // Back-off pool: events of all true letters that fold alike (ế, ệ, ê, e → e).
        let fold_of = |c: char| fold_lower(&c.to_string()).chars().next().unwrap_or(c);
        let mut pool: FxHashMap<(char, usize), f64> = FxHashMap::default();
        let mut pool_tot: FxHashMap<char, f64> = FxHashMap::default();
        for a in 2..n {
            let f = fold_of(chars[a]);
            for b in 0..n {
                let k = m[a * n + b];
                if k > 0.0 {
                    *pool.entry((f, b)).or_insert(0.0) += k;
                    *pool_tot.entry(f).or_insert(0.0) += k;
                }
            }
        }
        let mut cost = vec![0f32; n * n];
        for a in 0..n {
            let row: f64 = (0..n).map(|b| m[a * n + b]).sum();
            let fa = if a >= 2 { Some(fold_of(chars[a])) } else { None };
            for b in 0..n {
                if a == 0 && b == 0 {
                    continue;
                }
                // Prior: identity likely, fold-equal plausible, anything else rare.
                let base = if a == b {
                    0.9
                } else if a >= 2 && b >= 2 && fold_of(chars[a]) == fold_of(chars[b]) {
                    0.02
                } else {
                    2e-4
                };
                let backoff = match fa {
                    Some(f) => {
                        let tot = pool_tot.get(&f).copied().unwrap_or(0.0);
                        let k = pool.get(&(f, b)).copied().unwrap_or(0.0);
                        (k + 5.0 * base) / (tot + 5.0)
                    }
                    None => base,
                };
                // Interpolate with the fold-class pool so that rare toned letters (ử, ẫ) borrow
                // the confusions of their class.
                let ml = if row > 0.0 { m[a * n + b] / row } else { 0.0 };
                let mu0 = 0.1;
                let mu = mu0 + (1.0 - mu0) * (5.0 / (row + 5.0));
                let p = (1.0 - mu) * ml + mu * backoff;
                cost[a * n + b] = -(p.max(1e-9).ln()) as f32;
            }
        }
        // A letter read as a digit or symbol: the English model has no shape for a marked
        // letter of some fonts and puts whatever glyph is nearest ("1&", "1€", "18" for "lệ"; "13"
        // for "là"), and which glyph depends on the font. The pairs show how often each letter
        // goes to *some* non-letter, not to every one: a symbol never seen from a letter costs
        // the share of non-letter readings spread over the symbols seen, not the rate of
        // an unrelated letter (which made "3" for "à" cost 18 nats, out of the decoder's reach).
        let symbols: Vec<usize> =
            (1..n).filter(|&b| b == OTHER as usize || (b >= 2 && !chars[b].is_alphabetic())).collect();
        let n_sym = symbols.iter().filter(|&&b| b >= 2).count().max(1) as f64;
        // Events per OCR character (true letters only), row by row.
        let mut col = vec![0f64; n];
        for a in 2..n {
            for (c, k) in col.iter_mut().zip(&m[a * n..(a + 1) * n]) {
                *c += k;
            }
        }
        let all: f64 = col.iter().sum();
        let sym_all: f64 = symbols.iter().map(|&b| col[b]).sum();
        let global = (sym_all + 1.0) / (all + 100.0);
        // Which letter the font's odd glyph was depends on the font, not the letter the pairs
        // happened to show: every letter gets the overall rate. A symbol the pairs show often
        // ("6" for ô/ộ/ổ) has its letters learned; one seldom or never seen could be any letter.
        let floors: Vec<(usize, f32)> = symbols
            .iter()
            .map(|&b| (b, -((global / n_sym * NOVEL_SYMBOL / (col[b] + NOVEL_SYMBOL)).ln()) as f32))
            .collect();
        for a in (2..n).filter(|&a| chars[a].is_alphabetic()) {
            for &(b, floor) in &floors {
                let c = &mut cost[a * n + b];
                *c = c.min(floor);
            }
        }
        Channel { alphabet, chars, cost, counts: counts.to_vec(), seen_as: col }
    }

    /// This channel with more counts added (the alphabet keeps its order, so encodings made
    /// with this channel stay valid for characters it knew).
    pub fn adapted(&self, extra: &[(Option<char>, Option<char>, u32)]) -> Channel {
        let mut all = self.counts.clone();
        all.extend_from_slice(extra);
        Channel::from_counts(&all)
    }

    /// Whether `c` is a digit or symbol (no letter) that the pairs showed too seldom to say which
    /// letters it stands for (see [`NOVEL_SYMBOL`]).
    pub fn is_novel_symbol(&self, c: char) -> bool {
        !c.is_alphabetic() && self.alphabet.get(&c).map_or(0.0, |&b| self.seen_as[b as usize]) < NOVEL_SYMBOL
    }

    /// Map a string to channel symbols.
    pub fn encode(&self, s: &str) -> Vec<u16> {
        s.chars().map(|c| self.alphabet.get(&c).copied().unwrap_or(OTHER)).collect()
    }

    fn c(&self, a: u16, b: u16) -> f32 {
        let n = self.chars.len();
        self.cost.get(a as usize * n + b as usize).copied().unwrap_or(20.0)
    }

    /// Cost of OCR output `ocr` given the true word `truth` (both encoded).
    #[cfg(test)]
    pub fn distance(&self, truth: &[u16], ocr: &[u16]) -> f32 {
        self.distance_within(truth, ocr, f32::INFINITY).unwrap_or(f32::INFINITY)
    }

    /// [`Channel::distance`], or `None` as soon as it must exceed `bound`.
    pub fn distance_within(&self, truth: &[u16], ocr: &[u16], bound: f32) -> Option<f32> {
        const MAX: usize = 24; // tokens over MAX_WORD (16) letters get no candidates; short rows are cheap to clear
        let m = ocr.len();
        if m + 1 > MAX {
            return None;
        }
        // Two rows on the stack: this runs for every candidate of every distinct token (the rows
        // trade places by reference: swapping the arrays themselves copied them).
        let mut rows = [[0f32; MAX]; 2];
        let [a_row, b_row] = &mut rows;
        let (mut prev, mut cur) = (a_row, b_row);
        // The cost of inserting each OCR character, looked up once rather than once per cell.
        let mut ins_at = [0f32; MAX];
        for j in 0..m {
            ins_at[j] = self.c(EPS, ocr[j]);
            prev[j + 1] = prev[j] + ins_at[j];
        }
        let n = self.chars.len();
        let ins_row = &self.cost[..n];
        for &a in truth {
            // One row of the cost table per true letter: no index arithmetic in the inner loop.
            let row = self.cost.get(a as usize * n..(a as usize + 1) * n).unwrap_or(ins_row);
            let del_a = row[EPS as usize];
            cur[0] = prev[0] + del_a;
            let mut row_min = cur[0];
            for j in 0..m {
                let b = ocr[j] as usize;
                let sub = prev[j] + row.get(b).copied().unwrap_or(20.0);
                let del = prev[j + 1] + del_a;
                let ins = cur[j] + ins_at[j];
                cur[j + 1] = sub.min(del).min(ins);
                row_min = row_min.min(cur[j + 1]);
            }
            if row_min > bound {
                return None;
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        (prev[m] <= bound).then_some(prev[m])
    }

    /// Align `truth` to `ocr` under the current costs; returns the edit events.
    pub fn align(&self, truth: &str, ocr: &str) -> Vec<(Option<char>, Option<char>)> {
        let t: Vec<char> = truth.chars().collect();
        let o: Vec<char> = ocr.chars().collect();
        let te = self.encode(truth);
        let oe = self.encode(ocr);
        let (n, m) = (t.len(), o.len());
        let mut d = vec![0f32; (n + 1) * (m + 1)];
        let w = m + 1;
        for j in 1..=m {
            d[j] = d[j - 1] + self.c(EPS, oe[j - 1]);
        }
        for i in 1..=n {
            d[i * w] = d[(i - 1) * w] + self.c(te[i - 1], EPS);
            for j in 1..=m {
                let sub = d[(i - 1) * w + j - 1] + self.c(te[i - 1], oe[j - 1]);
                let del = d[(i - 1) * w + j] + self.c(te[i - 1], EPS);
                let ins = d[i * w + j - 1] + self.c(EPS, oe[j - 1]);
                d[i * w + j] = sub.min(del).min(ins);
            }
        }
        let (mut i, mut j) = (n, m);
        let mut out = Vec::new();
        while i > 0 || j > 0 {
            let here = d[i * w + j];
            if i > 0 && j > 0 && (here - (d[(i - 1) * w + j - 1] + self.c(te[i - 1], oe[j - 1]))).abs() < 1e-4 {
                out.push((Some(t[i - 1]), Some(o[j - 1])));
                i -= 1;
                j -= 1;
            } else if i > 0 && (here - (d[(i - 1) * w + j] + self.c(te[i - 1], EPS))).abs() < 1e-4 {
                out.push((Some(t[i - 1]), None));
                i -= 1;
            } else if j > 0 {
                out.push((None, Some(o[j - 1])));
                j -= 1;
            } else {
                out.push((Some(t[i - 1]), None));
                i -= 1;
            }
        }
        out.reverse();
        out
    }

    /// Serialise the counts a channel was built from.
    pub fn write_counts(counts: &[(Option<char>, Option<char>, u32)], out: &mut String) {
        for (a, b, k) in counts {
            let s = |c: &Option<char>| c.map_or_else(|| "\u{2205}".to_string(), |c| c.to_string());
            out.push_str(&format!("{}\t{}\t{}\n", s(a), s(b), k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learned_confusion_is_cheaper_than_unseen() {
        let counts = vec![(Some('đ'), Some('p'), 50), (Some('đ'), Some('đ'), 5), (Some('a'), Some('a'), 100)];
        let ch = Channel::from_counts(&counts);
        let d1 = ch.distance(&ch.encode("đa"), &ch.encode("pa"));
        let d2 = ch.distance(&ch.encode("đa"), &ch.encode("xa"));
        assert!(d1 < d2, "{d1} {d2}");
        let al = ch.align("đa", "pa");
        assert_eq!(al, vec![(Some('đ'), Some('p')), (Some('a'), Some('a'))]);
    }

    /// A symbol no pair showed ("€", "3") may stand for any letter at one moderate cost, far below
    /// an unrelated letter's; a symbol seen often keeps what it was seen for.
    #[test]
    fn unseen_symbols_may_be_any_letter() {
        let mut counts = vec![(Some('a'), Some('a'), 1000), (Some('e'), Some('e'), 1000), (Some('l'), Some('l'), 1000)];
        counts.extend([(Some('ộ'), Some('6'), 300), (Some('ộ'), Some('ộ'), 300), (Some('ê'), Some('ê'), 300)]);
        counts.extend([(Some('ệ'), Some('ệ'), 100), (Some('à'), Some('à'), 100), (Some('o'), Some('o'), 500)]);
        let ch = Channel::from_counts(&counts);
        let d = |t: &str, o: &str| ch.distance(&ch.encode(t), &ch.encode(o));
        // "€" never seen: "lệ" and "là" cost alike, and much less than a letter read as another.
        assert!((d("lệ", "l€") - d("là", "l€")).abs() < 0.5, "{} {}", d("lệ", "l€"), d("là", "l€"));
        assert!(d("lệ", "l€") + 3.0 < d("lệ", "lo"), "{} {}", d("lệ", "l€"), d("lệ", "lo"));
        // "6" was seen for "ộ": still far cheaper there than for "à".
        assert!(d("lộ", "l6") + 3.0 < d("là", "l6"), "{} {}", d("lộ", "l6"), d("là", "l6"));
        assert!(ch.is_novel_symbol('€') && ch.is_novel_symbol('3') && !ch.is_novel_symbol('6'));
        assert!(!ch.is_novel_symbol('x'), "letters are never symbols");
    }
}
