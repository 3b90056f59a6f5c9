//! Restore: turn badly OCR'd Vietnamese back into correct Vietnamese.
//!
//! Text OCR'd with the wrong language model loses its marks and confuses letters
//! ("Pang bo" for "Đảng bộ", "ctia" for "của"). The restorer decodes each run of word
//! tokens with a syllable bigram language model and a character channel learned from
//! rendered-and-OCR'd pairs (see `scripts/restore-build.sh`), keeping lines one to one,
//! numbers, document numbers and punctuation as they are.
#![deny(missing_docs)]

mod channel;
mod lm;
mod model;
pub mod score;
mod syllable;
mod tokens;
pub mod train;

use std::sync::OnceLock;

pub use model::{Mode, Model, ModelError, Params, DOUBT_MARGIN, LOW_CONFIDENCE, SURE_SPELLING};
pub use syllable::{fold_lower, is_syllable};

/// The model shipped with the crate (built by `scripts/restore-build.sh`).
pub const DEFAULT_MODEL: &str = include_str!("../../../data/restore/model.txt");

/// The shipped model, parsed once.
pub fn default_model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| match Model::parse(DEFAULT_MODEL) {
        Ok(m) => m,
        // The file is compiled in and checked by the tests; an empty model restores nothing.
        Err(_) => Model::parse(model::MAGIC).unwrap_or_else(|_| unreachable!("the magic line parses")),
    })
}

/// How damaged a text looks.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Damage {
    /// Word tokens of letters only.
    pub tokens: usize,
    /// Share of those that are not well-formed Vietnamese syllables (abbreviations in
    /// capitals are not counted against the text).
    pub invalid_share: f64,
    /// Share of the well-formed syllables that carry no mark and no `đ` at all (clean
    /// documents ≈ 0.1, wrong-language OCR ≈ 0.8, text typed without marks 1.0).
    pub missing_diacritic_ratio: f64,
}

impl Damage {
    /// Whether restoration should run: many invalid tokens, or marks mostly missing.
    pub fn is_damaged(&self) -> bool {
        self.tokens >= 5 && (self.invalid_share > 0.12 || self.missing_diacritic_ratio > 0.6)
    }
}

/// Measure the damage of a text.
pub fn damage(text: &str) -> Damage {
    count_tokens(text.lines()).damage(false)
}

/// Word tokens of a text by what they say about damage.
struct TokenCounts {
    /// Tokens with letters that are counted (syllables, invalid words, abbreviations).
    tokens: usize,
    /// Not well-formed syllables.
    invalid: usize,
    /// Of those, words of ASCII letters only ("script", "targets"): another language, or OCR
    /// that spelt Vietnamese without marks.
    ascii_invalid: usize,
    syllables: usize,
    /// Syllables with no mark and no `đ`.
    bare: usize,
}

impl TokenCounts {
    /// The damage measured, with the ASCII words that are no syllable left out of the count
    /// altogether when `foreign_ok` (see [`assess_document`]).
    fn damage(&self, foreign_ok: bool) -> Damage {
        let left_out = if foreign_ok { self.ascii_invalid } else { 0 };
        let n = self.tokens - left_out;
        Damage {
            tokens: n,
            invalid_share: (self.invalid - left_out) as f64 / n.max(1) as f64,
            missing_diacritic_ratio: self.bare as f64 / self.syllables.max(1) as f64,
        }
    }
}

fn count_tokens<'a>(lines: impl Iterator<Item = &'a str>) -> TokenCounts {
    // Ingest asks this of every document, and a document repeats a few thousand distinct
    // syllables many times: classify each distinct token once.
    let mut seen: rustc_hash::FxHashMap<&str, TokenClass> = rustc_hash::FxHashMap::default();
    let mut c = TokenCounts { tokens: 0, invalid: 0, ascii_invalid: 0, syllables: 0, bare: 0 };
    for line in lines {
        for t in tokens::word_tokens(line) {
            let s = &line[t.start..t.end];
            match *seen.entry(s).or_insert_with(|| classify(s)) {
                TokenClass::NoLetters => continue,
                TokenClass::Syllable { marked } => {
                    c.syllables += 1;
                    c.bare += usize::from(!marked);
                }
                TokenClass::Invalid => {
                    c.invalid += 1;
                    c.ascii_invalid += usize::from(s.bytes().all(|b| b.is_ascii_alphabetic()));
                }
                TokenClass::Abbreviation => {}
            }
            c.tokens += 1;
        }
    }
    c
}

/// What one word token says about damage.
#[derive(Clone, Copy)]
enum TokenClass {
    /// No letters (numbers, codes): not counted.
    NoLetters,
    /// A well-formed syllable (tones aside), with or without marks.
    Syllable { marked: bool },
    /// Capitals only ("THPT"): not held against the text.
    Abbreviation,
    /// Not a Vietnamese syllable.
    Invalid,
}

fn classify(s: &str) -> TokenClass {
    if !s.chars().any(char::is_alphabetic) {
        return TokenClass::NoLetters;
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let all_upper = s.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let lower = model::token_key(s);
    let lower: String = unicode_normalization::UnicodeNormalization::nfc(lower.chars()).collect();
    if syllable::is_syllable_shape(&lower) {
        TokenClass::Syllable { marked: lower.chars().any(syllable::is_marked) }
    } else if all_upper && letters >= 2 && s.chars().all(|c| c.is_alphabetic() || c == '&') {
        TokenClass::Abbreviation
    } else {
        TokenClass::Invalid
    }
}

/// Share of a text's letter tokens (two letters or more) that read as Vietnamese: a syllable
/// carrying a Vietnamese mark or `đ`, or a token whose spelling without marks is a syllable of the
/// shipped vocabulary. Damaged OCR of Vietnamese keeps most of its letters (002: see the tests),
/// text in another language or program code does not; used by ingest to refuse such files
/// rather than "restore" them. Reads the first 64 KiB.
pub fn vietnamese_share(text: &str) -> f64 {
    let m = default_model();
    let head = match text.char_indices().nth(1 << 16) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let mut seen: rustc_hash::FxHashMap<&str, bool> = rustc_hash::FxHashMap::default();
    let (mut n, mut viet) = (0usize, 0usize);
    for line in head.lines() {
        for t in tokens::word_tokens(line) {
            let s = &line[t.start..t.end];
            if s.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                continue;
            }
            n += 1;
            viet += usize::from(*seen.entry(s).or_insert_with(|| m.reads_vietnamese(s)));
        }
    }
    viet as f64 / n.max(1) as f64
}

/// Below this [`vietnamese_share`] a text is not Vietnamese, however damaged (measured: damaged
/// OCR 002 and text typed without marks read well above it; shell scripts, Rust code and English
/// prose below — see tests/language.rs).
pub const MIN_VIETNAMESE_SHARE: f64 = 0.5;

/// Restore a text with the shipped model; lines stay one to one.
pub fn restore_text(text: &str) -> String {
    default_model().restore_text(text)
}

/// What [`restore_document`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct RestoreReport {
    /// The damage that triggered restoration.
    pub damage: Damage,
    /// How the text was decoded.
    pub mode: Mode,
    /// Lines whose text changed.
    pub lines_changed: usize,
    /// Word tokens that changed.
    pub words_changed: usize,
}

/// What a read document's text looks like to the restorer (see [`assess_document`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Assessment {
    /// Clean Vietnamese: left alone.
    Clean,
    /// Damaged Vietnamese (wrong-language OCR, marks lost): worth restoring.
    Damaged(Damage),
    /// Not Vietnamese at all (another language, program code): nothing to restore; its
    /// [`vietnamese_share`] is below [`MIN_VIETNAMESE_SHARE`].
    NotVietnamese {
        /// The damage measured.
        damage: Damage,
        /// Its share of tokens that read as Vietnamese.
        share: f64,
    },
}

/// Whether a document is clean, damaged Vietnamese, or no Vietnamese at all. Only text that
/// reads as damaged is weighed for its language (clean Vietnamese needs no vocabulary look-up).
pub fn assess_document(doc: &theodoi_core::Document) -> Assessment {
    // Measured on the lines themselves: clean documents (most of them) are never copied.
    let counts = count_tokens(doc.lines.iter().flat_map(|l| l.text.lines()));
    let d = counts.damage(false);
    if !d.is_damaged() {
        return Assessment::Clean;
    }
    // Vietnamese that keeps its marks, with words of another language or code in it ("DROP TABLE
    // targets; <script>alert"), is clean: restoring it rewrote those words (web upload test:
    // "DROP" became "RỢP"). Damaged OCR either loses the marks (counted apart) or mangles letters
    // into non-ASCII or digits; only plain ASCII words are let off, and only in marked text.
    if d.missing_diacritic_ratio <= FOREIGN_WORDS_MAX_BARE && !counts.damage(true).is_damaged() {
        return Assessment::Clean;
    }
    let text = doc.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
    let share = vietnamese_share(&text);
    if share < MIN_VIETNAMESE_SHARE {
        Assessment::NotVietnamese { damage: d, share }
    } else {
        Assessment::Damaged(d)
    }
}

/// Above this share of unmarked syllables, ASCII words that are no syllable count as damage (text
/// OCR'd without Vietnamese loses its marks and spells words in ASCII); at or below it they are
/// taken for words of another language (clean documents ≈ 0.1).
const FOREIGN_WORDS_MAX_BARE: f64 = 0.25;

/// Restore a document in place when it is damaged Vietnamese; returns `None` when it was left
/// alone (clean, or not Vietnamese at all — see [`assess_document`]).
///
/// Rewrites `lines[i].text`, keeps the old text in `lines[i].original`, and sets
/// `doc.source.restored`. Blocks are not rebuilt here.
pub fn restore_document(doc: &mut theodoi_core::Document) -> Option<RestoreReport> {
    match assess_document(doc) {
        Assessment::Damaged(d) => Some(restore_damaged(doc, d)),
        Assessment::Clean | Assessment::NotVietnamese { .. } => None,
    }
}

/// Restore a document [`assess_document`] found damaged (`d` is the damage it measured).
pub fn restore_damaged(doc: &mut theodoi_core::Document, d: Damage) -> RestoreReport {
    let text = doc.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
    let m = default_model();
    let mode = m.mode_for(&text);
    let (restored, conf) = m.restore_scored(&text, mode);
    // A line holding a line break itself would shift the others: restore such documents line by line.
    let (new_lines, conf): (Vec<String>, Vec<f32>) = if restored.split('\n').count() == doc.lines.len() {
        (restored.split('\n').map(str::to_string).collect(), conf)
    } else {
        doc.lines
            .iter()
            .map(|l| {
                let (t, c) = m.restore_scored(&l.text, mode);
                (t, c.iter().copied().fold(1.0, f32::min))
            })
            .unzip()
    };
    let mut lines_changed = 0;
    let mut words_changed = 0;
    for (line, c) in doc.lines.iter_mut().zip(&conf) {
        line.confidence = Some(*c);
    }
    for (line, new) in doc.lines.iter_mut().zip(new_lines.iter()) {
        if &line.text != new {
            lines_changed += 1;
            let old: Vec<&str> = line.text.split_whitespace().collect();
            let nw: Vec<&str> = new.split_whitespace().collect();
            words_changed += old.iter().zip(&nw).filter(|(a, b)| a != b).count();
            let prev = std::mem::replace(&mut line.text, new.clone());
            if line.original.is_none() {
                line.original = Some(prev);
            }
        }
    }
    doc.source.restored = true;
    RestoreReport { damage: d, mode, lines_changed, words_changed }
}
