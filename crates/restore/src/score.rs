//! Syllable accuracy of a restoration against the true text, as `ocr_score.py` measures it
//! (NFC, lower case, `\w+` tokens; share of true syllables reproduced in an alignment).
//! Uses an LCS alignment (the `similar` crate), which can count a few more matches than
//! the Levenshtein alignment of the Python scorer.

use similar::{capture_diff_slices, Algorithm, DiffOp};
use unicode_normalization::UnicodeNormalization;

/// Tokens as the scorer sees them.
pub fn tokens(text: &str) -> Vec<String> {
    let t: String = text.nfc().collect::<String>().to_lowercase();
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in t.chars() {
        if c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Scores of a candidate against gold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Gold syllables.
    pub gold: usize,
    /// Share reproduced exactly.
    pub syllable_accuracy: f64,
    /// Share reproduced with marks folded away.
    pub folded_accuracy: f64,
}

fn matched(a: &[String], b: &[String]) -> usize {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum::<usize>()
        .min({
            let _ = deadline;
            usize::MAX
        })
}

/// Score `cand` against `gold`.
pub fn score(cand: &str, gold: &str) -> Score {
    let c = tokens(cand);
    let g = tokens(gold);
    let cf: Vec<String> = c.iter().map(|t| theodoi_text::fold(t)).collect();
    let gf: Vec<String> = g.iter().map(|t| theodoi_text::fold(t)).collect();
    let n = g.len().max(1) as f64;
    Score {
        gold: g.len(),
        syllable_accuracy: matched(&c, &g) as f64 / n,
        folded_accuracy: matched(&cf, &gf) as f64 / n,
    }
}
