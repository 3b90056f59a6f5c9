//! Building a model file from word lists, clean running text and OCR pairs.
//!
//! Used by the `build_model` example (`scripts/restore-build.sh`); nothing here runs at
//! restoration time.

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::channel::Channel;
use crate::model::{token_key, MAGIC};
use crate::syllable::{fold_lower, is_syllable, tone_key};
use crate::tokens::word_tokens;

/// Collects training material and writes a model file.
#[derive(Debug, Default)]
pub struct Builder {
    segments: Vec<(Vec<String>, u32)>,
    list_words: Vec<Vec<String>>,
    pairs: Vec<(String, String)>,
    case: FxHashMap<String, (u32, u32)>,
    /// Letter parts of tokens glued to digits ("km" of "km2", "m" of "m2").
    glued: FxHashMap<String, u32>,
    /// Count weight of a word-list entry (its within-word bigrams).
    pub list_weight: u32,
    /// Minimum count for a non-syllable token of running text (an abbreviation) to join the vocabulary.
    pub min_abbrev: u32,
}

/// Runs of lower-case word tokens of a text that the LM reads as one context.
pub fn segments(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for line in text.lines() {
        let line: String = line.nfc().collect();
        let mut last = 0;
        for t in word_tokens(&line) {
            let gap = &line[last..t.start];
            if !gap.chars().all(char::is_whitespace) && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            let w = token_key(&line[t.start..t.end]);
            if w.chars().all(|c| c.is_ascii_digit()) {
                // A figure is one class word: the words around it are context too.
                cur.push(crate::lm::NUM_WORD.to_string());
            } else if w.chars().any(|c| c.is_ascii_digit()) {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            } else {
                cur.push(w);
            }
            last = t.end;
        }
        if !line[last..].chars().all(char::is_whitespace) && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn lev(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            cur[j] = (prev[j - 1] + usize::from(a[i - 1] != b[j - 1])).min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Align the word tokens of a true text and its OCR; returns (true, OCR) token pairs that
/// plausibly are the same word.
pub fn align_tokens(truth: &str, ocr: &str) -> Vec<(String, String)> {
    let toks = |s: &str| -> Vec<String> {
        s.lines()
            .flat_map(|l| {
                let l: String = l.nfc().collect();
                word_tokens(&l).into_iter().map(|t| token_key(&l[t.start..t.end])).collect::<Vec<_>>()
            })
            .collect()
    };
    let t = toks(truth);
    let o = toks(ocr);
    let tf: Vec<Vec<char>> = t.iter().map(|w| fold_lower(w).chars().collect()).collect();
    let of: Vec<Vec<char>> = o.iter().map(|w| fold_lower(w).chars().collect()).collect();
    let (n, m) = (t.len(), o.len());
    let w = m + 1;
    let gap = 0.7f32;
    let mut d = vec![0f32; (n + 1) * w];
    let mut bp = vec![0u8; (n + 1) * w];
    for j in 1..=m {
        d[j] = j as f32 * gap;
        bp[j] = 2;
    }
    for i in 1..=n {
        d[i * w] = i as f32 * gap;
        bp[i * w] = 1;
        for j in 1..=m {
            let dist = lev(&tf[i - 1], &of[j - 1]) as f32 / tf[i - 1].len().max(of[j - 1].len()).max(1) as f32;
            let s = d[(i - 1) * w + j - 1] + dist;
            let dl = d[(i - 1) * w + j] + gap;
            let ins = d[i * w + j - 1] + gap;
            let (v, b) = if s <= dl && s <= ins {
                (s, 0)
            } else if dl <= ins {
                (dl, 1)
            } else {
                (ins, 2)
            };
            d[i * w + j] = v;
            bp[i * w + j] = b;
        }
    }
    let (mut i, mut j) = (n, m);
    let mut out = Vec::new();
    while i > 0 && j > 0 {
        match bp[i * w + j] {
            0 => {
                let dist = lev(&tf[i - 1], &of[j - 1]) as f32 / tf[i - 1].len().max(of[j - 1].len()).max(1) as f32;
                if dist <= 0.6 {
                    out.push((t[i - 1].clone(), o[j - 1].clone()));
                }
                i -= 1;
                j -= 1;
            }
            1 => i -= 1,
            _ => j -= 1,
        }
    }
    out.reverse();
    out
}

impl Builder {
    /// A builder with the default settings.
    pub fn new() -> Builder {
        Builder { min_abbrev: 2, list_weight: 1, ..Builder::default() }
    }

    /// Add a word list, one entry per line (hunspell `/flags` and a leading count line are ignored).
    /// Entries whose every part is a well-formed syllable join the vocabulary and the bigram counts.
    pub fn add_word_list(&mut self, text: &str) {
        for line in text.lines() {
            let entry = line.split(['/', '\t']).next().unwrap_or("");
            let e: String = entry.nfc().collect::<String>().to_lowercase();
            let parts: Vec<String> = e.split_whitespace().map(str::to_string).collect();
            if !parts.is_empty() && parts.iter().all(|p| is_syllable(p)) {
                self.list_words.push(parts);
            }
        }
    }

    /// Add clean running text with a count weight.
    pub fn add_running_text(&mut self, text: &str, weight: u32) {
        for s in segments(text) {
            self.segments.push((s, weight));
        }
        for line in text.lines() {
            let line: String = line.nfc().collect();
            let mut last = 0;
            for (i, t) in word_tokens(&line).into_iter().enumerate() {
                let tok = &line[t.start..t.end];
                if tok.chars().any(|c| c.is_ascii_digit()) {
                    let letters: String = token_key(tok).chars().filter(|c| c.is_alphabetic()).collect();
                    if letters.chars().count() >= 2 && !tok.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                        *self.glued.entry(letters).or_insert(0) += 1;
                    }
                }
                if let Some(title) = crate::tokens::case_of(tok, &line[last..t.start], i == 0) {
                    let e = self.case.entry(token_key(tok)).or_insert((0, 0));
                    if title {
                        e.0 += weight;
                    } else {
                        e.1 += weight;
                    }
                }
                last = t.end;
            }
        }
    }

    /// Add a (true text, OCR output) pair; returns how many token pairs were kept.
    pub fn add_ocr_pair(&mut self, truth: &str, ocr: &str) -> usize {
        let p: Vec<(String, String)> = align_tokens(truth, ocr).into_iter().filter(|(t, _)| is_syllable(t)).collect();
        let n = p.len();
        self.pairs.extend(p);
        n
    }

    /// Learn channel counts from the OCR pairs (a few rounds of hard EM over character alignments).
    pub fn channel_counts(&self) -> Vec<(Option<char>, Option<char>, u32)> {
        let mut seed: FxHashMap<(Option<char>, Option<char>), u32> = FxHashMap::default();
        for (t, o) in &self.pairs {
            for c in t.chars().chain(o.chars()) {
                seed.insert((Some(c), Some(c)), 1);
            }
        }
        let mut counts: Vec<(Option<char>, Option<char>, u32)> =
            seed.into_iter().map(|((a, b), k)| (a, b, k)).collect();
        for _round in 0..3 {
            let ch = Channel::from_counts(&counts);
            let mut acc: FxHashMap<(Option<char>, Option<char>), u32> = FxHashMap::default();
            for (t, o) in &self.pairs {
                for ev in ch.align(t, o) {
                    *acc.entry(ev).or_insert(0) += 1;
                }
            }
            counts = acc.into_iter().map(|((a, b), k)| (a, b, k)).collect();
        }
        counts.sort();
        counts
    }

    /// Write the model file.
    pub fn build(&self) -> String {
        let mut freq: FxHashMap<&str, u32> = FxHashMap::default();
        for (s, _) in &self.segments {
            for w in s {
                *freq.entry(w.as_str()).or_insert(0) += 1;
            }
        }
        // One spelling per word: old and new tone placement ("uỷ"/"ủy") are merged into the form
        // the running text (the domain documents weigh most) uses most.
        let mut wfreq: FxHashMap<&str, u64> = FxHashMap::default();
        for (s, wgt) in &self.segments {
            for w in s {
                // Texts given weight > 1 are the domain's own documents: their spelling wins.
                *wfreq.entry(w.as_str()).or_insert(0) += if *wgt > 1 { 1000 } else { 1 };
            }
        }
        let mut best: FxHashMap<String, (u64, String)> = FxHashMap::default();
        let all_words = self.segments.iter().flat_map(|(s, _)| s.iter()).chain(self.list_words.iter().flatten());
        for w in all_words {
            if !is_syllable(w) {
                continue;
            }
            let f = wfreq.get(w.as_str()).copied().unwrap_or(0);
            let e = best.entry(tone_key(w)).or_insert((0, w.clone()));
            if f > e.0 || (f == e.0 && *w < e.1) {
                *e = (f, w.clone());
            }
        }
        let rep = |w: &str| -> String {
            if is_syllable(w) {
                if let Some((_, r)) = best.get(&tone_key(w)) {
                    return r.clone();
                }
            }
            w.to_string()
        };
        let keep = |w: &str, f: &FxHashMap<&str, u32>| {
            w == crate::lm::NUM_WORD
                || is_syllable(w)
                || (f.get(w).copied().unwrap_or(0) >= self.min_abbrev
                    && w.chars().count() >= 2
                    && w.chars().all(char::is_alphabetic))
        };
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut words: Vec<String> = Vec::new();
        let id_of = |w: &str, ids: &mut FxHashMap<String, u32>, words: &mut Vec<String>| -> u32 {
            if let Some(&i) = ids.get(w) {
                return i;
            }
            let i = words.len() as u32 + 2;
            ids.insert(w.to_string(), i);
            words.push(w.to_string());
            i
        };
        let mut big: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut tri: FxHashMap<(u32, u32, u32), u32> = FxHashMap::default();
        let mut add_seq = |seq: &[String], weight: u32, ids: &mut FxHashMap<String, u32>, words: &mut Vec<String>| {
            let (mut pp, mut prev) = (crate::lm::BOS, crate::lm::BOS);
            for w in seq {
                let w = &rep(w);
                let cur = if keep(w, &freq) { id_of(w, ids, words) } else { crate::lm::UNK };
                *big.entry((prev, cur)).or_insert(0) += weight;
                *tri.entry((pp, prev, cur)).or_insert(0) += weight;
                pp = prev;
                prev = cur;
            }
        };
        for (s, wgt) in &self.segments {
            add_seq(s, *wgt, &mut ids, &mut words);
        }
        // Units and codes seen only next to digits ("km2", "COVID-19") are words too.
        let mut glued: Vec<(&String, &u32)> = self.glued.iter().filter(|(_, &k)| k >= self.min_abbrev).collect();
        glued.sort();
        for (w, _) in glued {
            if !is_syllable(w) {
                id_of(w, &mut ids, &mut words);
            }
        }
        for s in &self.list_words {
            if self.list_weight == 0 {
                // Vocabulary only.
                for w in s {
                    id_of(&rep(w), &mut ids, &mut words);
                }
            } else {
                add_seq(s, self.list_weight, &mut ids, &mut words);
            }
        }
        let mut out = String::new();
        out.push_str(MAGIC);
        out.push('\n');
        for w in &words {
            out.push_str("W\t");
            out.push_str(w);
            out.push('\n');
        }
        let mut bl: Vec<_> = big.into_iter().collect();
        bl.sort();
        for ((a, b), k) in bl {
            out.push_str(&format!("B\t{a}\t{b}\t{k}\n"));
        }
        let mut tl: Vec<_> = tri.into_iter().collect();
        tl.sort();
        for ((a, b, c), k) in tl {
            out.push_str(&format!("T\t{a}\t{b}\t{c}\t{k}\n"));
        }
        let mut case: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
        for (w, &(t, l)) in &self.case {
            if let Some(&id) = ids.get(&rep(w)) {
                let e = case.entry(id).or_insert((0, 0));
                e.0 += t;
                e.1 += l;
            }
        }
        let mut cl: Vec<_> = case.into_iter().collect();
        cl.sort();
        for (id, (t, l)) in cl {
            out.push_str(&format!("K\t{id}\t{t}\t{l}\n"));
        }
        let mut ch = String::new();
        Channel::write_counts(&self.channel_counts(), &mut ch);
        for l in ch.lines() {
            out.push_str("C\t");
            out.push_str(l);
            out.push('\n');
        }
        out
    }
}
