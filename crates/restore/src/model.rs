//! The restoration model: vocabulary, language model, OCR channel, and the decoder.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::channel::Channel;
use crate::lm::{Lm, BOS, NUM_WORD, UNK};
use crate::syllable::{fold_lower, is_marked, is_syllable};
use crate::tokens::{protected_chunks, word_tokens};

/// First line of a model file.
pub const MAGIC: &str = "theodoi-restore-model v1";

/// How the decoder treats tokens, chosen from the damage of the whole input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Clean Vietnamese: valid syllables stay; only invalid tokens are repaired.
    Clean,
    /// Typed without marks: letters are trusted, marks are restored.
    Unmarked,
    /// Wrong-language OCR: letters and marks are both suspect.
    Ocr,
}

/// Tunable decoding weights.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Weight of the channel cost against the language model.
    pub channel_weight: f32,
    /// Cost of leaving an out-of-vocabulary token as it is.
    pub keep_cost: f32,
    /// Candidates kept per token.
    pub beam: usize,
    /// Channel cost per letter changed in [`Mode::Unmarked`] (marks are free).
    pub unmarked_letter_cost: f32,
    /// Weight of the unigram cost when pruning candidates to the beam.
    pub unigram_weight: f32,
    /// Decoder states (two-word histories) kept per token.
    pub states: usize,
    /// Weight of the case evidence (a capital inside a sentence points to names and "Đảng").
    pub case_weight: f32,
    /// Weight of the text's own confusions when the channel adapts to it (0: no adaptation).
    pub adapt_weight: f32,
    /// Bonus (per log count) for words the adaptation pass chose: the text's own vocabulary.
    pub cache_weight: f32,
    /// Tokens decoded in the adaptation pass.
    pub adapt_sample: usize,
    /// Cost of keeping a lone digit that could be a misread letter.
    pub digit_keep_cost: f32,
    /// Candidates ranked this much (nats) behind a token's best are dropped before decoding.
    pub rank_margin: f32,
    /// A token no spelling explains well (its best channel cost above [`Params::wide_above`]
    /// nats, in [`Mode::Ocr`]: "ti€u", "dbi", "s&") keeps more candidates, so that the context
    /// can pick a word the channel alone ranks low: this many … (measured on 002 against 000:
    /// 0.9364 → 0.9400 for a few per cent of the time; every token kept 24 cost half as much
    /// again, 0.9442)
    pub wide_beam: usize,
    /// … within this margin.
    pub wide_margin: f32,
    /// See [`Params::wide_beam`].
    pub wide_above: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            channel_weight: 1.0,
            keep_cost: 14.0,
            beam: 12,
            unmarked_letter_cost: 20.0,
            unigram_weight: 1.0,
            states: 16,
            rank_margin: 6.0,
            digit_keep_cost: 4.0,
            case_weight: 0.7,
            adapt_weight: 1.0,
            adapt_sample: 2500,
            cache_weight: 0.25,
            wide_beam: 24,
            wide_margin: 10.0,
            wide_above: 2.0,
        }
    }
}

/// A loaded restoration model.
#[derive(Debug)]
pub struct Model {
    words: Vec<String>,
    ids: FxHashMap<String, u32>,
    enc: Vec<Vec<u16>>,
    by_fold: FxHashMap<String, Vec<u32>>,
    folds: Vec<String>,
    fold_chars: Vec<Vec<char>>,
    fold_ids: Vec<Vec<u32>>,
    deletes: FxHashMap<String, Vec<u32>>,
    lm: Lm,
    channel: Channel,
    /// Cost of seeing each word capitalised / in lower case inside a sentence.
    case_cost: Vec<[f32; 2]>,
    /// Id of the number class ([`NUM_WORD`]), when the model has one.
    num: Option<u32>,
    /// Words whose tone mark may sit on either vowel ("hoá"/"hóa", "uỷ"/"ủy"): the other
    /// placement, which the model does not keep, and its encoding (see [`PLACEMENT_MARGIN`]).
    twins: FxHashMap<u32, (String, Vec<u16>)>,
    /// Decoding weights.
    pub params: Params,
}

/// Errors reading a model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file does not start with [`MAGIC`].
    #[error("not a theodoi restore model (first line must be `{MAGIC}`)")]
    Magic,
    /// A line could not be read.
    #[error("model line {0}: {1}")]
    Line(usize, String),
}

/// Candidate words per folded spelling (channel-free, shared by both passes), and per token the
/// shortlist the first pass found (the second pass rescores only those).
#[derive(Default)]
struct Hoods {
    by_fold: FxHashMap<String, Rc<Vec<Near>>>,
    short: FxHashMap<String, Rc<Vec<Near>>>,
    record: bool,
    /// Words the first pass chose, with counts (a cache of the text's own vocabulary).
    seen: FxHashMap<u32, u32>,
    /// Per line of the last pass: how sure the decoder was (see [`Model::restore_scored`]).
    confidence: Vec<f32>,
}

type Hood = RefCell<Hoods>;

/// A decoder state: the last two words, the cost so far, the candidate index at this token
/// and the index of the previous state.
type State = (u32, u32, f32, usize, usize);

/// Candidates a token keeps from the first pass for the second.
const SHORTLIST: usize = 32;
/// How much further behind the best (nats) the first pass looks for its shortlist.
const SHORTLIST_MARGIN: f32 = 4.0;

/// A vocabulary word near a token's folded spelling.
#[derive(Clone, Copy)]
struct Near {
    id: u32,
    /// Folds like the token (only marks differ).
    same: bool,
}

#[derive(Clone, Copy)]
struct Cand {
    id: u32,
    cost: f32,
    /// Folds like the token (only marks differ).
    same: bool,
}

fn deletes_of(s: &str, max: usize, out: &mut Vec<String>) {
    let chars: Vec<char> = s.chars().collect();
    out.push(s.to_string());
    let mut frontier = vec![chars];
    for _ in 0..max {
        let mut next = Vec::new();
        for w in &frontier {
            for i in 0..w.len() {
                let mut v = w.clone();
                v.remove(i);
                let st: String = v.iter().collect();
                if !out.contains(&st) {
                    out.push(st);
                    next.push(v);
                }
            }
        }
        frontier = next;
    }
}

/// How far (nats) a decoder state may trail the best one and stay (tuned on held-out pairs).
const STATE_MARGIN: f32 = 12.0;

/// A decoded word is sure when its spelling-and-frequency rank beats every other candidate's by
/// this much (nats), or when its spelling is this close to the token ([`SURE_SPELLING`]);
/// otherwise the context alone chose it, or nothing fitted. Tuned on 002 against 000 (measuring
/// only): lines under [`LOW_CONFIDENCE`] are 114 of 1,701 and hold 14.7 % wrong syllables, the
/// others 5.6 %.
pub const DOUBT_MARGIN: f32 = 1.0;
/// Channel cost (nats) under which a decoded word's spelling is taken as read.
pub const SURE_SPELLING: f32 = 2.0;
/// Lines whose confidence is below this are worth a look against the scan (one value for the
/// whole pipeline: [`theodoi_core::LOW_CONFIDENCE`]).
pub const LOW_CONFIDENCE: f32 = theodoi_core::LOW_CONFIDENCE;

/// How much better (nats) the other tone placement must explain a token to be written instead of
/// the model's: the log of the model's preference for the placement it keeps, the one its
/// running text uses most (ủy : uỷ ≈ 7 : 1 as weighted; ln 7 ≈ 2). The scan alone cannot tell a
/// document's habit from its font's ("ủy" comes out "uy" in one font, "ty" in another), so only
/// clear evidence ("hod" for "hoá") overrides it.
const PLACEMENT_MARGIN: f32 = 2.0;

/// Longest run of digits alone that may stand for a misread syllable in [`Mode::Ocr`].
const MAX_DIGITS_AS_LETTERS: usize = 2;

/// Longest token (in characters) that gets candidates; longer ones are kept as they are.
const MAX_WORD: usize = 16;

/// How much worse than the best spelling a candidate's channel cost may be (nats).
const CHANNEL_MARGIN: f32 = 10.0;

fn max_edits(n: usize) -> usize {
    if n <= 2 {
        1
    } else {
        2
    }
}

impl Model {
    /// Parse a model file (see `scripts/restore-build.sh`).
    pub fn parse(text: &str) -> Result<Model, ModelError> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, l)) if l.trim() == MAGIC => {}
            _ => return Err(ModelError::Magic),
        }
        let mut words = vec!["<s>".to_string(), "<unk>".to_string()];
        let mut bigrams = Vec::new();
        let mut trigrams = Vec::new();
        let mut case = Vec::new();
        let mut counts = Vec::new();
        let err = |i: usize, m: &str| ModelError::Line(i + 1, m.to_string());
        for (i, l) in lines {
            let mut f = l.split('\t');
            match f.next() {
                Some("W") => words.push(f.next().ok_or_else(|| err(i, "word"))?.to_string()),
                Some("B") => {
                    let mut n = || -> Result<u32, ModelError> {
                        f.next().and_then(|x| x.parse().ok()).ok_or_else(|| err(i, "bigram"))
                    };
                    bigrams.push((n()?, n()?, n()?));
                }
                Some("T") => {
                    let mut n = || -> Result<u32, ModelError> {
                        f.next().and_then(|x| x.parse().ok()).ok_or_else(|| err(i, "trigram"))
                    };
                    trigrams.push((n()?, n()?, n()?, n()?));
                }
                Some("K") => {
                    let mut n = || -> Result<u32, ModelError> {
                        f.next().and_then(|x| x.parse().ok()).ok_or_else(|| err(i, "case"))
                    };
                    case.push((n()?, n()?, n()?));
                }
                Some("C") => {
                    let mut c = || -> Result<Option<char>, ModelError> {
                        let s = f.next().ok_or_else(|| err(i, "channel"))?;
                        Ok(if s == "\u{2205}" { None } else { s.chars().next() })
                    };
                    let (a, b) = (c()?, c()?);
                    let k = f.next().and_then(|x| x.parse().ok()).ok_or_else(|| err(i, "channel count"))?;
                    counts.push((a, b, k));
                }
                Some("") | None => {}
                Some(_) => return Err(err(i, "unknown record")),
            }
        }
        let channel = Channel::from_counts(&counts);
        let mut lm = Lm::from_counts(words.len(), bigrams);
        lm.set_trigrams(trigrams);
        let mut m = Model::assemble(words, lm, channel);
        m.set_case(&case);
        Ok(m)
    }

    fn assemble(words: Vec<String>, lm: Lm, channel: Channel) -> Model {
        let mut ids = FxHashMap::default();
        let mut by_fold: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut enc = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            ids.insert(w.clone(), i as u32);
            enc.push(channel.encode(w));
            // The number class is no spelling of anything.
            if i as u32 > UNK && w != NUM_WORD {
                by_fold.entry(fold_lower(w)).or_default().push(i as u32);
            }
        }
        let mut folds: Vec<String> = by_fold.keys().cloned().collect();
        folds.sort();
        let mut deletes: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut buf = Vec::new();
        for (fi, f) in folds.iter().enumerate() {
            buf.clear();
            deletes_of(f, max_edits(f.chars().count()).max(2), &mut buf);
            for d in &buf {
                deletes.entry(d.clone()).or_default().push(fi as u32);
            }
        }
        let fold_chars = folds.iter().map(|f| f.chars().collect()).collect();
        let fold_ids = folds.iter().map(|f| by_fold.get(f).cloned().unwrap_or_default()).collect();
        let case_cost = vec![[0.0, 0.0]; words.len()];
        let num = ids.get(NUM_WORD).copied();
        let twins = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                let t = crate::syllable::placement_twin(w)?;
                let e = channel.encode(&t);
                Some((i as u32, (t, e)))
            })
            .collect();
        Model {
            twins,
            num,
            words,
            ids,
            enc,
            by_fold,
            folds,
            fold_chars,
            fold_ids,
            deletes,
            lm,
            channel,
            case_cost,
            params: Params::default(),
        }
    }

    fn set_case(&mut self, counts: &[(u32, u32, u32)]) {
        let (tt, tl) = counts.iter().fold((0f64, 0f64), |a, c| (a.0 + f64::from(c.1), a.1 + f64::from(c.2)));
        let prior = if tt + tl > 0.0 { tt / (tt + tl) } else { 0.1 };
        let alpha = 2.0;
        // Words never seen inside a sentence get the overall rates.
        let default = [-(prior.ln() as f32), -((1.0 - prior).ln() as f32)];
        for c in self.case_cost.iter_mut() {
            *c = default;
        }
        for &(id, t, l) in counts {
            if let Some(c) = self.case_cost.get_mut(id as usize) {
                let (t, l) = (f64::from(t), f64::from(l));
                let pt = (t + alpha * prior) / (t + l + alpha);
                *c = [-(pt.ln() as f32), -((1.0 - pt).ln() as f32)];
            }
        }
    }

    /// Number of vocabulary entries.
    pub fn vocab_len(&self) -> usize {
        self.words.len()
    }

    /// Whether a lower-case word is in the vocabulary.
    pub fn knows(&self, w: &str) -> bool {
        self.ids.contains_key(w)
    }

    /// Whether a token reads as Vietnamese: a well-formed syllable with a mark or `đ`, or its
    /// spelling without marks is that of a vocabulary word (see [`crate::vietnamese_share`]).
    pub fn reads_vietnamese(&self, token: &str) -> bool {
        let key: String = token_key(token).nfc().collect();
        if !key.chars().all(char::is_alphabetic) {
            return false;
        }
        (key.chars().any(is_marked) && is_syllable(&key)) || self.by_fold.contains_key(&fold_lower(&key))
    }

    /// The candidates the decoder weighs for one token, with their channel costs (for debugging).
    pub fn explain(&self, token: &str, mode: Mode) -> Vec<(String, f32)> {
        let key = token_key(token);
        self.candidates(&key, mode)
            .into_iter()
            .map(|c| (self.words.get(c.id as usize).cloned().unwrap_or_default(), c.cost))
            .collect()
    }

    /// Where `truth` stands for `token` (debugging): in the vocabulary, within the edit
    /// neighbourhood, its channel cost, unigram cost and rank among the neighbourhood.
    #[doc(hidden)]
    pub fn explain_truth(&self, token: &str, truth: &str) -> String {
        let key = token_key(token);
        let Some(&tid) = self.ids.get(truth) else { return "oov".into() };
        let hood = RefCell::new(Hoods::default());
        let nb = self.neighbourhood(&fold_lower(&key), &hood);
        if !nb.iter().any(|x| x.id == tid) {
            return "far".into();
        }
        let oenc = self.channel.encode(&key);
        let rank = |id: u32| {
            self.channel.distance_within(&self.enc[id as usize], &oenc, f32::INFINITY).unwrap_or(99.0)
                + self.params.unigram_weight * self.lm.unigram(id)
        };
        let tr = rank(tid);
        let better = nb.iter().filter(|x| rank(x.id) < tr).count();
        let best = nb.iter().map(|x| rank(x.id)).fold(f32::INFINITY, f32::min);
        format!("near rank {better} of {} behind {:.1}", nb.len(), tr - best)
    }

    /// LM cost of `w` after `v` (for debugging).
    pub fn lm_cost(&self, v: &str, w: &str) -> f32 {
        let id = |x: &str| self.ids.get(x).copied().unwrap_or(UNK);
        self.lm.cost(if v.is_empty() { BOS } else { id(v) }, id(w))
    }

    #[inline(never)]
    fn candidates(&self, lower: &str, mode: Mode) -> Vec<Cand> {
        self.candidates_with(lower, mode, &self.channel, &RefCell::new(Hoods::default()))
    }

    /// Vocabulary words whose folded spelling is within a few edits of `f` (whether it is `f`
    /// itself), found with a deletion index (SymSpell); the channel does not enter, so both
    /// decoding passes share them.
    fn neighbourhood(&self, f: &str, hood: &Hood) -> Rc<Vec<Near>> {
        if let Some(v) = hood.borrow().by_fold.get(f) {
            return v.clone();
        }
        let n = f.chars().count();
        // No Vietnamese word is this long; the deletion variants of a long token would be many.
        if n > MAX_WORD {
            return Rc::new(Vec::new());
        }
        let max_e = max_edits(n);
        let fchars: Vec<char> = f.chars().collect();
        // One bit per folded spelling: cheaper than hashing the thousands of ids a short token reaches.
        let mut seen = vec![0u64; self.folds.len().div_ceil(64)];
        let mut buf = Vec::new();
        let mut out = Vec::new();
        deletes_of(f, max_e, &mut buf);
        // Digits and symbols inside a word are letters the OCR misread ("1&" and "1€" for "lệ",
        // "13" for "là"): the fonts' glyphs for marked vowels have no shape an English model
        // knows, so which vowel stands behind them is for the channel and the context to say, not
        // the spelling. Such a character matches any vowel; the words that
        // match this way are found through the spelling with those characters left out (its
        // deletion variants reach words up to two letters longer, hence at most two of them).
        // Only symbols the pairs seldom or never showed count so: those they showed often ("6"
        // for ô/ộ/ổ, "1" for l) have their letters learned and are reached as ordinary edits.
        // A token of two characters and no letter ("13" for "là", "1¢" for "lệ") has one edit
        // to go on: any symbol in it may stand for a vowel (few such tokens, so few searches).
        let short = n <= 2 && !fchars.iter().any(char::is_ascii_lowercase);
        let wild: Vec<bool> =
            fchars.iter().map(|&c| !c.is_ascii_lowercase() && (short || self.channel.is_novel_symbol(c))).collect();
        let n_wild = wild.iter().filter(|&&w| w).count();
        if n_wild > 0 && n_wild <= 2 {
            let letters: String = fchars.iter().zip(&wild).filter(|(_, &w)| !w).map(|(c, _)| *c).collect();
            deletes_of(&letters, max_e.min(letters.chars().count()), &mut buf);
        }
        for d in &buf {
            for &fi in self.deletes.get(d).map(Vec::as_slice).unwrap_or(&[]) {
                let (word, bit) = (fi as usize / 64, 1u64 << (fi % 64));
                match seen.get_mut(word) {
                    Some(w) if *w & bit == 0 => *w |= bit,
                    _ => continue,
                }
                let (Some(fw), Some(fc)) = (self.folds.get(fi as usize), self.fold_chars.get(fi as usize)) else {
                    continue;
                };
                let dist = if n_wild > 0 {
                    edits_within::<true>(fc, &fchars, &wild, max_e)
                } else {
                    edits_within::<false>(fc, &fchars, &wild, max_e)
                };
                let Some(dist) = dist else {
                    continue;
                };
                let same = fw == f;
                let ids = self.fold_ids.get(fi as usize).map(Vec::as_slice).unwrap_or(&[]);
                out.extend(ids.iter().map(|&id| (dist, id, same)));
            }
        }
        // Closest spellings first, frequent words first among them: the best candidate is found
        // early, and the rank bound in `candidates_with` skips the rest sooner.
        // (Costs are positive, so their bits sort as the numbers do; the keys are made once, as
        // computed inside the comparisons they cost a tenth of the whole run.)
        let mut keyed: Vec<(u64, u32, bool)> = out
            .into_iter()
            .map(|(d, id, same)| {
                ((u64::from(d as u32) << 32) | u64::from(self.lm.unigram(id).max(0.0).to_bits()), id, same)
            })
            .collect();
        keyed.sort_unstable_by_key(|x| x.0);
        let v: Rc<Vec<Near>> = Rc::new(keyed.into_iter().map(|(_, id, same)| Near { id, same }).collect());
        hood.borrow_mut().by_fold.insert(f.to_string(), v.clone());
        v
    }

    #[inline(never)]
    fn candidates_with(&self, lower: &str, mode: Mode, ch: &Channel, hood: &Hood) -> Vec<Cand> {
        let own = self.ids.get(lower).copied();
        let marked = lower.chars().any(is_marked);
        if let Some(id) = own {
            if mode == Mode::Clean || (mode == Mode::Unmarked && marked) {
                return vec![Cand { id, cost: 0.0, same: true }];
            }
        }
        let f = fold_lower(lower);
        let mut out: Vec<Cand> = Vec::new();
        let mut best_channel = f32::INFINITY;
        if mode == Mode::Unmarked {
            if let Some(v) = self.by_fold.get(&f) {
                // Letters trusted: any spelling that folds alike, marks free.
                out.extend(v.iter().map(|&id| Cand { id, cost: 0.0, same: true }));
            }
        }
        if out.is_empty() {
            let oenc = ch.encode(lower);
            // Candidates far worse than the best so far cannot reach the beam.
            let mut bound = f32::INFINITY;
            let short = hood.borrow().short.get(lower).cloned();
            let nb = short.unwrap_or_else(|| self.neighbourhood(&f, hood));
            // A candidate is kept only within `rank_margin` of the best rank (channel + unigram,
            // less the cache bonus): once a good one is found, the channel distance of the others
            // needs computing only as far as they could still come within that margin. The first
            // pass keeps a wider margin, since its shortlist is rescored with the adapted channel.
            let (cw, uw) = (self.params.channel_weight, self.params.unigram_weight);
            let extra = if hood.borrow().record { SHORTLIST_MARGIN } else { 0.0 };
            let (narrow, wide) =
                (self.params.rank_margin + extra, self.params.wide_margin.max(self.params.rank_margin) + extra);
            let mut best_rank = f32::INFINITY;
            let h = hood.borrow();
            let bonus = |id: u32| -> f32 {
                if self.params.cache_weight > 0.0 && !h.seen.is_empty() {
                    self.params.cache_weight * (1.0 + h.seen.get(&id).copied().unwrap_or(0) as f32).ln()
                } else {
                    0.0
                }
            };
            for &Near { id, same: same_fold } in nb.iter() {
                let uni = uw * self.lm.unigram(id);
                // The best spelling so far only gets better: a token once found well explained stays so.
                let margin = if mode == Mode::Ocr && best_channel > self.params.wide_above { wide } else { narrow };
                let rank_bound = if cw > 0.0 { (best_rank + margin + bonus(id) - uni) / cw } else { f32::INFINITY };
                let Some(mut cost) = ch.distance_within(&self.enc[id as usize], &oenc, bound.min(rank_bound)) else {
                    continue;
                };
                bound = bound.min(cost + CHANNEL_MARGIN);
                best_channel = best_channel.min(cost);
                if mode == Mode::Unmarked && !same_fold {
                    cost += self.params.unmarked_letter_cost;
                }
                best_rank = best_rank.min(cost * cw - bonus(id) + uni);
                out.push(Cand { id, cost: cost * cw, same: same_fold });
            }
            drop(h);
        }
        if self.params.cache_weight > 0.0 {
            let h = hood.borrow();
            if !h.seen.is_empty() {
                for c in out.iter_mut() {
                    let k = h.seen.get(&c.id).copied().unwrap_or(0);
                    c.cost -= self.params.cache_weight * (1.0 + k as f32).ln();
                }
            }
        }
        // Rank by channel and word frequency so that the beam keeps likely words, not only
        // close spellings (marks are nearly free in OCR output).
        let rank = |c: &Cand| c.cost + self.params.unigram_weight * self.lm.unigram(c.id);
        if hood.borrow().record && !out.is_empty() {
            let mut all = out.clone();
            if all.len() > SHORTLIST {
                all.select_nth_unstable_by(SHORTLIST, |a, b| rank(a).total_cmp(&rank(b)));
                all.truncate(SHORTLIST);
            }
            let list = all.iter().map(|c| Near { id: c.id, same: c.same }).collect();
            hood.borrow_mut().short.insert(lower.to_string(), Rc::new(list));
        }
        let noisy = mode == Mode::Ocr && best_channel > self.params.wide_above;
        let beam = if noisy { self.params.wide_beam.max(self.params.beam) } else { self.params.beam };
        if out.len() > beam {
            out.select_nth_unstable_by(beam, |a, b| rank(a).total_cmp(&rank(b)));
            out.truncate(beam);
        }
        out.sort_by(|a, b| rank(a).total_cmp(&rank(b)));
        // Candidates far behind the best on spelling and frequency together lose anyway.
        if let Some(best) = out.first().map(rank) {
            let margin =
                if noisy { self.params.wide_margin.max(self.params.rank_margin) } else { self.params.rank_margin };
            out.retain(|c| rank(c) <= best + margin);
        }
        if own.is_none() {
            let digits = lower.chars().all(|c| c.is_ascii_digit());
            let keep = if digits { self.params.digit_keep_cost } else { self.params.keep_cost };
            // A digit kept is a figure: the language model weighs it as one.
            let id = if digits { self.num.unwrap_or(UNK) } else { UNK };
            out.push(Cand { id, cost: keep, same: false });
        }
        out
    }

    /// Beam search with the trigram model; states are the last two words.
    #[inline(never)]
    fn decode_segment(&self, cands: &[Rc<Vec<Cand>>], case: &[Option<bool>]) -> Vec<u32> {
        if cands.is_empty() {
            return Vec::new();
        }
        // Per position: (u, v, cost, candidate index, previous state index).
        let mut steps: Vec<Vec<State>> = Vec::with_capacity(cands.len());
        let mut prev: Vec<State> = vec![(BOS, BOS, 0.0, 0, 0)];
        let mut hists: Vec<Option<crate::lm::History>> = Vec::new();
        for (pos, cs) in cands.iter().enumerate() {
            let case_at = case.get(pos).copied().flatten();
            // States that end in the same word lead to the same new states: group them by that
            // word, share the bigram probabilities, keep the best per (word, candidate).
            prev.sort_unstable_by_key(|s| s.1);
            let mut cur: Vec<State> = Vec::with_capacity(prev.len() * cs.len());
            let mut g = 0;
            while g < prev.len() {
                let v = prev[g].1;
                let mut e = g + 1;
                while e < prev.len() && prev[e].1 == v {
                    e += 1;
                }
                let base = cur.len();
                hists.clear();
                hists.extend(prev[g..e].iter().map(|&(u, _, _, _, _)| self.lm.history(u, v)));
                for (ci, c) in cs.iter().enumerate() {
                    let (p2, c2) = self.lm.p2_cost(v, c.id);
                    let mut best = (f32::INFINITY, 0usize);
                    for (k, &(_, _, pc, _, _)) in prev[g..e].iter().enumerate() {
                        let pi = g + k;
                        let t = pc + self.lm.cost3_with(hists[k], c.id, p2, c2);
                        if t < best.0 {
                            best = (t, pi);
                        }
                    }
                    let cc = match case_at {
                        Some(title) => self
                            .case_cost
                            .get(c.id as usize)
                            .map_or(0.0, |k| k[usize::from(!title)] * self.params.case_weight),
                        None => 0.0,
                    };
                    cur.push((v, c.id, best.0 + c.cost + cc, ci, best.1));
                }
                let _ = base;
                g = e;
            }
            if cur.len() > self.params.states {
                cur.select_nth_unstable_by(self.params.states, |a, b| a.2.total_cmp(&b.2));
                cur.truncate(self.params.states);
            }
            // States far behind the best one will not come back.
            let best = cur.iter().map(|s| s.2).fold(f32::INFINITY, f32::min);
            cur.retain(|s| s.2 <= best + STATE_MARGIN);
            steps.push(std::mem::replace(&mut prev, cur));
        }
        // steps[0] is the start state; steps[i + 1] the states after token i.
        let mut k = prev.iter().enumerate().min_by(|a, b| a.1 .2.total_cmp(&b.1 .2)).map_or(0, |x| x.0);
        steps.push(prev);
        let mut out = vec![UNK; cands.len()];
        for i in (0..cands.len()).rev() {
            let Some(&(_, _, _, ci, pi)) = steps[i + 1].get(k) else { break };
            out[i] = cands[i].get(ci).map_or(UNK, |c| c.id);
            k = pi;
        }
        out
    }

    /// The baseline the benchmark compares against: each unknown token is replaced by the most
    /// frequent vocabulary word with the same folded spelling; no channel, no context.
    pub fn restore_lookup_only(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let mut pos = 0;
            for t in word_tokens(line) {
                let s = &line[t.start..t.end];
                out.push_str(&line[pos..t.start]);
                pos = t.end;
                let key = token_key(s);
                if self.ids.contains_key(&key) {
                    out.push_str(s);
                    continue;
                }
                let best = self
                    .by_fold
                    .get(&fold_lower(&key))
                    .and_then(|v| v.iter().min_by(|a, b| self.lm.unigram(**a).total_cmp(&self.lm.unigram(**b))));
                match best.and_then(|&id| self.words.get(id as usize)) {
                    Some(w) => out.push_str(&apply_case(s, w)),
                    None => out.push_str(s),
                }
            }
            out.push_str(&line[pos..]);
        }
        out
    }

    /// Choose how to treat a text from its damage.
    pub fn mode_for(&self, text: &str) -> Mode {
        let d = crate::damage(text);
        // Measured: clean documents 0.4–0.7 % invalid, ~10 % unmarked; text typed without marks
        // 0.6 % invalid, 100 % unmarked; 002 (wrong-language OCR) 18 % invalid, 81 % unmarked.
        if d.invalid_share > 0.12 || (d.missing_diacritic_ratio > 0.6 && d.invalid_share > 0.04) {
            Mode::Ocr
        } else if d.missing_diacritic_ratio > 0.6 {
            Mode::Unmarked
        } else {
            Mode::Clean
        }
    }

    /// Restore a text, keeping its lines one to one. Chooses the mode from the text's damage.
    pub fn restore_text(&self, text: &str) -> String {
        self.restore_text_as(text, self.mode_for(text))
    }

    /// Restore a text in a given mode.
    ///
    /// In [`Mode::Ocr`] the channel is first adapted to the text: a first pass decodes it, the
    /// confusions between its tokens and the chosen words are counted, and a second pass decodes
    /// with the shipped counts plus these (unsupervised EM, one round; every scan has its own
    /// font and noise).
    pub fn restore_text_as(&self, text: &str, mode: Mode) -> String {
        self.restore_scored(text, mode).0
    }

    /// [`Model::restore_text_as`], with a confidence per line: the share of the line's decoded
    /// words that won clearly — by at least [`DOUBT_MARGIN`] nats of spelling and frequency over
    /// the next candidate or spelled within [`SURE_SPELLING`], and not an unknown token kept as it
    /// was. Lines with no decoded word (figures, codes, clean text left alone) are 1.0.
    pub fn restore_scored(&self, text: &str, mode: Mode) -> (String, Vec<f32>) {
        let hood: Hood = RefCell::new(Hoods::default());
        let out = self.restore_passes(text, mode, &hood);
        let conf = std::mem::take(&mut hood.borrow_mut().confidence);
        (out, conf)
    }

    fn restore_passes(&self, text: &str, mode: Mode, hood: &Hood) -> String {
        let cache_only = mode == Mode::Unmarked && self.params.cache_weight > 0.0;
        if !cache_only && (mode != Mode::Ocr || self.params.adapt_weight <= 0.0) {
            return self.run(text, mode, &self.channel, hood, None);
        }
        let mut pairs = Vec::new();
        // A sample of the text is enough to see its confusions and keeps the cost near one pass.
        hood.borrow_mut().record = true;
        let first = self.run(text, mode, &self.channel, hood, Some((&mut pairs, self.params.adapt_sample)));
        hood.borrow_mut().record = false;
        if pairs.len() < 200 {
            return first;
        }
        if cache_only {
            // Letters are trusted here: only the text's own vocabulary is learned.
            let mut h = hood.borrow_mut();
            for (id, _) in &pairs {
                *h.seen.entry(*id).or_insert(0) += 1;
            }
            drop(h);
            return self.run(text, mode, &self.channel, hood, None);
        }
        let mut acc: FxHashMap<(Option<char>, Option<char>), f64> = FxHashMap::default();
        for (id, key) in &pairs {
            let Some(w) = self.words.get(*id as usize) else { continue };
            for ev in self.channel.align(w, key) {
                *acc.entry(ev).or_insert(0.0) += 1.0;
            }
        }
        // The sample stands for the whole text: its counts weigh as much as the text would.
        let total: usize = text.split('\n').map(|l| word_tokens(l).len()).sum();
        let scale = f64::from(self.params.adapt_weight) * (total as f64 / pairs.len() as f64).max(1.0);
        let extra: Vec<(Option<char>, Option<char>, u32)> =
            acc.into_iter().map(|((a, b), k)| (a, b, (k * scale).round() as u32)).filter(|e| e.2 > 0).collect();
        let adapted = self.channel.adapted(&extra);
        if self.params.cache_weight > 0.0 {
            let mut h = hood.borrow_mut();
            for (id, _) in &pairs {
                *h.seen.entry(*id).or_insert(0) += 1;
            }
        }
        self.run(text, mode, &adapted, hood, None)
    }

    /// Decode `text`; with `sample`, collect (word, token) pairs and stop after about that many tokens.
    fn run(
        &self,
        text: &str,
        mode: Mode,
        ch: &Channel,
        hood: &Hood,
        mut sample: Option<(&mut Vec<(u32, String)>, usize)>,
    ) -> String {
        let lines: Vec<String> = text.split('\n').map(|l| l.nfc().collect()).collect();
        // Word tokens of the whole text, with whether the LM context runs on from the previous one.
        struct W {
            line: usize,
            start: usize,
            end: usize,
            fixed: bool,
            /// A figure in digits, decoded as the number class (never rewritten).
            num: bool,
            joins: bool,
            case: Option<bool>,
            /// Capitals with no vowel that fold like a known abbreviation.
            abbrev: bool,
        }
        let mut ws: Vec<W> = Vec::new();
        for (li, l) in lines.iter().enumerate() {
            let prot = protected_chunks(l);
            let mut last_end = 0;
            for (ti, t) in word_tokens(l).into_iter().enumerate() {
                let s = &l[t.start..t.end];
                // In OCR output a lone digit between words is often a letter ("6" for "ở"), and
                // so are two ("13" for "là", "16" for "lệ"): the context weighs them against a figure.
                let lone_digit =
                    mode == Mode::Ocr && s.len() <= MAX_DIGITS_AS_LETTERS && s.bytes().all(|b| b.is_ascii_digit());
                // Capitals with no vowel ("THPT", "HS", "GCN") are abbreviations, never a syllable:
                // spelled as a known one when it folds alike ("HDND" → "HĐND"), else kept.
                let abbrev = mode != Mode::Clean && is_vowelless_capitals(s);
                let abbrev_known = abbrev && self.by_fold.contains_key(&fold_lower(&token_key(s)));
                let fixed = prot.iter().any(|&(a, b)| t.start >= a && t.end <= b)
                    || (is_fixed(s) && !lone_digit)
                    || (abbrev && !abbrev_known)
                    || (mode == Mode::Clean && (!is_plain_word(s) || is_syllable(&token_key(s))))
                    || (mode == Mode::Unmarked && s.chars().any(is_marked) && is_syllable(&token_key(s)));
                let gap_ok = |g: &str| g.chars().all(char::is_whitespace);
                let joins = match ws.last() {
                    Some(p) if p.line == li => gap_ok(&l[p.end..t.start]),
                    Some(p) => gap_ok(&lines[p.line][p.end..]) && gap_ok(&l[..t.start]) && p.line + 1 == li,
                    None => false,
                };
                let case = crate::tokens::case_of(s, &l[last_end..t.start], ti == 0);
                let num = fixed
                    && mode != Mode::Clean
                    && self.num.is_some()
                    && s.bytes().all(|b| b.is_ascii_digit())
                    && !prot.iter().any(|&(a, b)| t.start >= a && t.end <= b);
                ws.push(W { line: li, start: t.start, end: t.end, fixed, num, joins, case, abbrev: abbrev_known });
                last_end = t.end;
            }
            let _ = last_end;
        }
        let cache: RefCell<FxHashMap<String, Rc<Vec<Cand>>>> = RefCell::new(FxHashMap::default());
        // Per line: decoded words, and those the decoder was not sure of.
        let mut decoded = vec![0u32; lines.len()];
        let mut doubtful = vec![0u32; lines.len()];
        let rank = |c: &Cand| c.cost + self.params.unigram_weight * self.lm.unigram(c.id);
        let mut out_words: Vec<Option<String>> = vec![None; ws.len()];
        let mut i = 0;
        while i < ws.len() {
            if ws[i].fixed && !ws[i].num {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < ws.len() && (!ws[j].fixed || ws[j].num) && ws[j].joins {
                j += 1;
            }
            if ws[i..j].iter().all(|w| w.num) {
                i = j;
                continue;
            }
            // A sample is spread over the whole text: decode a segment only while the sample
            // is behind its share of the text read so far.
            if let Some((p, limit)) = sample.as_ref() {
                if (p.len() as f64) > (*limit as f64) * (i as f64) / (ws.len() as f64) {
                    i = j;
                    continue;
                }
            }
            let mut cands = Vec::with_capacity(j - i);
            let mut keys = Vec::with_capacity(j - i);
            for w in &ws[i..j] {
                let key = token_key(&lines[w.line][w.start..w.end]);
                if let (true, Some(num)) = (w.num, self.num) {
                    cands.push(Rc::new(vec![Cand { id: num, cost: 0.0, same: true }]));
                    keys.push(key);
                    continue;
                }
                if w.abbrev {
                    let ids = self.by_fold.get(&fold_lower(&key)).map(Vec::as_slice).unwrap_or(&[]);
                    cands.push(Rc::new(ids.iter().map(|&id| Cand { id, cost: 0.0, same: true }).collect()));
                    keys.push(key);
                    continue;
                }
                let c = {
                    let mut cache = cache.borrow_mut();
                    match cache.get(&key) {
                        Some(c) => c.clone(),
                        None => {
                            let c = Rc::new(self.candidates_with(&key, mode, ch, hood));
                            cache.insert(key.clone(), c.clone());
                            c
                        }
                    }
                };
                cands.push(c);
                keys.push(key);
            }
            let case: Vec<Option<bool>> =
                ws[i..j].iter().map(|w| if mode == Mode::Clean { None } else { w.case }).collect();
            let best = self.decode_segment(&cands, &case);
            for (k, id) in best.into_iter().enumerate() {
                let w = &ws[i + k];
                let orig = &lines[w.line][w.start..w.end];
                if !w.num {
                    decoded[w.line] += 1;
                    let cs = &cands[k];
                    let sure = cs.iter().find(|c| c.id == id).is_some_and(|c| {
                        let alt = cs.iter().filter(|o| o.id != id).map(rank).fold(f32::INFINITY, f32::min);
                        id != UNK && (alt - rank(c) >= DOUBT_MARGIN || c.cost <= SURE_SPELLING)
                    });
                    doubtful[w.line] += u32::from(!sure);
                }
                if id == UNK || Some(id) == self.num {
                    continue;
                }
                if let Some((p, _)) = sample.as_mut() {
                    p.push((id, keys[k].clone()));
                }
                let Some(mut word) = self.words.get(id as usize).map(String::as_str) else { continue };
                // The scan may show where the document put the tone mark ("hod" is "hoá", "héa"
                // "hóa", "ty" "ủy"): the placement the model does not keep is written when it
                // explains the token better by more than the model's preference for its own.
                if let (Mode::Ocr, Some((twin, tenc))) = (mode, self.twins.get(&id)) {
                    let oenc = ch.encode(&keys[k]);
                    let dw = ch.distance_within(&self.enc[id as usize], &oenc, f32::INFINITY);
                    let dt = ch.distance_within(tenc, &oenc, f32::INFINITY);
                    if let (Some(dw), Some(dt)) = (dw, dt) {
                        if dt + PLACEMENT_MARGIN < dw {
                            word = twin;
                        }
                    }
                }
                if word != keys[k] {
                    out_words[i + k] = Some(apply_case(orig, word));
                }
            }
            i = j;
        }
        hood.borrow_mut().confidence = decoded
            .iter()
            .zip(&doubtful)
            .map(|(&n, &d)| if n == 0 { 1.0 } else { 1.0 - d as f32 / n as f32 })
            .collect();
        // Rebuild the lines with the replacements.
        let mut out_lines = lines.clone();
        let mut per_line: Vec<Vec<(usize, usize, String)>> = vec![Vec::new(); lines.len()];
        for (w, r) in ws.iter().zip(out_words) {
            if let Some(r) = r {
                per_line[w.line].push((w.start, w.end, r));
            }
        }
        for (li, reps) in per_line.into_iter().enumerate() {
            if reps.is_empty() {
                continue;
            }
            let l = &lines[li];
            let mut s = String::with_capacity(l.len() + 16);
            let mut pos = 0;
            for (a, b, r) in reps {
                s.push_str(&l[pos..a]);
                s.push_str(&r);
                pos = b;
            }
            s.push_str(&l[pos..]);
            out_lines[li] = s;
        }
        out_lines.join("\n")
    }
}

/// The Levenshtein distance of two short strings, if it is at most `k`; a character of `b`
/// marked `wild` matches any vowel of `a` (folded: marks are what the OCR could not read).
/// (`WILD` false: no character is wild, and the inner loop does not ask — it is the hottest
/// loop of the candidate search.)
fn edits_within<const WILD: bool>(a: &[char], b: &[char], wild: &[bool], k: usize) -> Option<usize> {
    const MAX: usize = 24; // tokens over MAX_WORD (16) letters get no candidates; short rows are cheap to clear
    if a.len().abs_diff(b.len()) > k || b.len() + 1 > MAX {
        return None;
    }
    let mut rows = [[0usize; MAX]; 2];
    let [a_row, b_row] = &mut rows;
    let (mut prev, mut cur) = (a_row, b_row);
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let s = prev[j - 1]
                + usize::from(a[i - 1] != b[j - 1] && !(WILD && wild.get(j - 1) == Some(&true) && is_vowel(a[i - 1])));
            cur[j] = s.min(prev[j] + 1).min(cur[j - 1] + 1);
            row_min = row_min.min(cur[j]);
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= k).then_some(prev[b.len()])
}

/// A vowel of a folded spelling.
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// The lookup key of a token: lower case, ligatures spelled out.
pub(crate) fn token_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬀ' => out.push_str("ff"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A word of letters only in lower or title case: what clean text may need repaired.
/// Capitals ("THPT"), single letters and tokens with digits (footnote marks: "dân1") stay.
fn is_plain_word(s: &str) -> bool {
    let mut cs = s.chars();
    let Some(first) = cs.next() else { return false };
    first.is_alphabetic() && cs.clone().next().is_some() && cs.all(|c| c.is_alphabetic() && !c.is_uppercase())
}

/// Two or more capitals and no vowel: an abbreviation ("THPT", "GCN"), not a damaged syllable
/// (every Vietnamese syllable has a vowel).
fn is_vowelless_capitals(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if !c.is_alphabetic() || !c.is_uppercase() {
            return false;
        }
        let f = fold_lower(&c.to_lowercase().to_string());
        if f.chars().any(|x| "aeiouy".contains(x)) {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// Tokens left alone whatever the mode: numbers, Roman numerals, codes with digits in upper case.
fn is_fixed(s: &str) -> bool {
    if s.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // A lone capital is a list label or a Roman numeral ("X", "A.").
    let mut cs = s.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    if letters >= 2 && upper == letters && s.chars().all(|c| "IVXLCM".contains(c)) {
        return true;
    }
    // "UBTVQH15", "COVID19": upper-case letters with digits.
    letters >= 2 && upper == letters && s.chars().any(|c| c.is_ascii_digit())
}

fn apply_case(orig: &str, word: &str) -> String {
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in orig.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    if letters >= 2 && upper == letters {
        return word.to_uppercase();
    }
    if orig.chars().next().is_some_and(char::is_uppercase) {
        let mut cs = word.chars();
        return match cs.next() {
            Some(f) => f.to_uppercase().chain(cs).collect(),
            None => String::new(),
        };
    }
    word.to_string()
}
