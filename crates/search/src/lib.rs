//! Search (tìm kiếm) across every document of the ledger, with or without diacritics.
//!
//! One index entry per line, so every hit names its document and line and the viewer can jump to
//! it. Each line is indexed twice: as written (NFC, lower case: the `exact` field) and folded
//! (`theodoi_text::fold`: đ→d, marks dropped: the `folded` field). A query matches on the folded
//! field — "dang bo phuong" finds "Đảng bộ phường" — and hits whose words appear exactly as typed
//! rank first, since folding merges real words (đường/dương → duong).
//!
//! Document-number codes are searched by their words too: "nghi quyet 57" finds "57-NQ/TW",
//! "ke hoach 36" finds "36-KH/ĐU" ([`ABBREVIATIONS`]).
//!
//! The index is a cache of the ledger's texts: [`SearchIndex::plan`] compares it with the ledger's
//! current versions, [`SearchIndex::apply`] brings it in step, and a damaged or outdated index
//! directory is rebuilt from scratch.
//!
//! ```
//! use theodoi_search::{DocText, SearchIndex};
//! let index = SearchIndex::in_memory().unwrap();
//! let doc = DocText { doc: "004.txt".into(), version: 1, org: None,
//!     lines: vec![(1, "ĐẢNG BỘ PHƯỜNG NAM ĐỒNG".into()), (2, "Thực hiện Nghị quyết số 57-NQ/TW".into())] };
//! index.apply(&[], &[doc]).unwrap();
//! let hits = index.search("nghi quyet 57", 10).unwrap();
//! assert_eq!((hits[0].doc.as_str(), hits[0].line), ("004.txt", 2));
//! ```
#![deny(missing_docs)]

mod ledger;
pub use ledger::{default_dir, sync, SyncError};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery, TermSetQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};
use theodoi_text::{fold, nfc};

/// Codes of Party and State document numbers and the words they stand for (folded). A query
/// naming either finds both: "nghi quyet 57" finds "57-NQ/TW", "nq 57" finds "Nghị quyết 57".
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("nghi quyet", "nq"),
    ("ke hoach", "kh"),
    ("chi thi", "ct"),
    ("chuong trinh", "ctr"),
    ("quyet dinh", "qd"),
    ("thong bao", "tb"),
    ("bao cao", "bc"),
    ("ket luan", "kl"),
    ("huong dan", "hd"),
    ("to trinh", "ttr"),
    ("cong van", "cv"),
    ("quy dinh", "qdi"),
];

/// The most lines a query returns.
pub const MAX_LIMIT: usize = 500;
/// Queries are cut to this many characters, and to [`MAX_WORDS`] words.
const MAX_QUERY_CHARS: usize = 200;
const MAX_WORDS: usize = 16;
/// Snippets longer than this are cut around the first match.
const SNIPPET_CHARS: usize = 220;
/// Past this many segments an update merges the index into one.
const MAX_SEGMENTS: usize = 2;
/// Marks a directory as this crate's index, so only such a directory is ever wiped and rebuilt.
const MARKER: &str = "THEODOI_SEARCH_INDEX";
/// Index layout version: a directory written by another layout is rebuilt.
const LAYOUT: &str = "1";

/// What went wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index directory could not be made or read.
    #[error("search index directory {path}: {source}")]
    Io {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A directory that is not a theodoi index is in the way.
    #[error("{0} exists and is not a theodoi search index; remove it or choose another ledger location")]
    NotAnIndex(PathBuf),
    /// Another process holds the index for writing.
    #[error("the search index is being updated by another process (theodoi serve?); try again")]
    Busy,
}

/// The text of one document's version, as the index takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocText {
    /// The document's name in the ledger.
    pub doc: String,
    /// Its current version.
    pub version: u32,
    /// Its organisation, if known (shown with hits, used to limit a user's search to its ward).
    pub org: Option<String>,
    /// (line number, text) of every line; empty when the ledger kept no text for it.
    pub lines: Vec<(u32, String)>,
}

/// One piece of a snippet: text, and whether it is a match to highlight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fragment {
    /// The text.
    pub text: String,
    /// Whether it matched the query.
    pub mark: bool,
}

/// One line that matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The document's name in the ledger.
    pub doc: String,
    /// Its version.
    pub version: u32,
    /// The document's organisation, if known.
    pub org: Option<String>,
    /// The line number.
    pub line: u32,
    /// Whether every word of the query appears in the line exactly as typed (diacritics included).
    pub exact: bool,
    /// tantivy's score (BM25 with the exact-word boost).
    pub score: f32,
    /// The line (cut around the match when long), in pieces.
    pub snippet: Vec<Fragment>,
}

/// What [`SearchIndex::apply`] must do to bring the index in step with the ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Documents to (re)index: not in the index, or at another version.
    pub add: Vec<String>,
    /// Documents no longer in the ledger.
    pub remove: Vec<String>,
}

impl Plan {
    /// Whether the index is already in step.
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }
}

#[derive(Clone, Copy)]
struct Fields {
    doc: Field,
    version: Field,
    line: Field,
    org: Field,
    text: Field,
    exact: Field,
    folded: Field,
    header: Field,
}

/// The index of every document's lines.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
    dir: Option<PathBuf>,
    // One writer at a time within the process; tantivy's lock file guards across processes.
    write: Mutex<()>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("dir", &self.dir).finish()
    }
}

const ANALYZER: &str = "theodoi_vi";

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let f = Fields {
        doc: b.add_text_field("doc", STRING | STORED),
        version: b.add_u64_field("version", STORED),
        line: b.add_u64_field("line", STORED | FAST),
        org: b.add_text_field("org", STORED),
        text: b.add_text_field("text", STORED),
        exact: b.add_text_field("exact", text_opts.clone()),
        folded: b.add_text_field("folded", text_opts),
        header: b.add_u64_field("header", INDEXED),
    };
    (b.build(), f)
}

/// Words as the index splits them: runs of letters and digits (Vietnamese letters are
/// alphanumeric in NFC; an NFD combining mark is not, hence NFC first everywhere).
fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).map(move |w| {
        // Offsets from the slice pointers: `split` yields sub-slices of `s`.
        (w.as_ptr() as usize - s.as_ptr() as usize, w)
    })
}

/// `char::is_alphanumeric`, answered without its table look-up for the letters Vietnamese is
/// written in (Latin-1 and Extended-A/B letters, Latin Extended Additional): that look-up was a
/// fifth of a search's time, spent cutting snippets.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{D7}' | '\u{F7}' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphanumeric(),
    }
}

impl SearchIndex {
    /// A throw-away index in memory (tests; the web app for small ledgers).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, f) = schema();
        let index = Index::create_in_ram(schema);
        Self::wrap(index, f, None)
    }

    /// Open the index in `dir`, creating it when missing and rebuilding it (empty) when it was
    /// written by another layout or is damaged: it is only a cache of the ledger's texts.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let io = |source| SearchError::Io { path: dir.to_path_buf(), source };
        let marker = dir.join(MARKER);
        if dir.exists() {
            let is_ours = marker.is_file();
            let empty = std::fs::read_dir(dir).map_err(io)?.next().is_none();
            if !is_ours && !empty {
                return Err(SearchError::NotAnIndex(dir.to_path_buf()));
            }
            if is_ours && std::fs::read_to_string(&marker).map_err(io)?.trim() == LAYOUT {
                if let Ok(index) = Index::open_in_dir(dir) {
                    let (_, f) = schema();
                    if let Ok(s) = Self::wrap(index, f, Some(dir.to_path_buf())) {
                        return Ok(s);
                    }
                }
            }
            std::fs::remove_dir_all(dir).map_err(io)?;
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        std::fs::write(&marker, LAYOUT).map_err(io)?;
        let (schema, f) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        Self::wrap(index, f, Some(dir.to_path_buf()))
    }

    fn wrap(index: Index, f: Fields, dir: Option<PathBuf>) -> Result<SearchIndex, SearchError> {
        let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(60))
            .filter(LowerCaser)
            .build();
        index.tokenizers().register(ANALYZER, analyzer);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, reader, f, dir, write: Mutex::new(()) })
    }

    /// Where the index lives (`None` in memory).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// (document, version) of every document in the index.
    pub fn indexed(&self) -> Result<BTreeMap<String, u32>, SearchError> {
        let searcher = self.reader.searcher();
        let q = TermQuery::new(Term::from_field_u64(self.f.header, 1), IndexRecordOption::Basic);
        let mut out = BTreeMap::new();
        for addr in searcher.search(&q, &DocSetCollector)? {
            let d: TantivyDocument = searcher.doc(addr)?;
            let name = d.get_first(self.f.doc).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let version = d.get_first(self.f.version).and_then(|v| v.as_u64()).unwrap_or(0);
            out.insert(name, u32::try_from(version).unwrap_or(0));
        }
        Ok(out)
    }

    /// What must change for the index to hold exactly `current` (document, version) pairs.
    pub fn plan(&self, current: &[(String, u32)]) -> Result<Plan, SearchError> {
        let have = self.indexed()?;
        let want: BTreeMap<&str, u32> = current.iter().map(|(d, v)| (d.as_str(), *v)).collect();
        Ok(Plan {
            add: current.iter().filter(|(d, v)| have.get(d) != Some(v)).map(|(d, _)| d.clone()).collect(),
            remove: have.keys().filter(|d| !want.contains_key(String::as_str(d))).cloned().collect(),
        })
    }

    /// Remove documents `remove` and (re)index `add`, in one commit. A document given in `add`
    /// replaces whatever the index held for it.
    pub fn apply(&self, remove: &[String], add: &[DocText]) -> Result<(), SearchError> {
        if remove.is_empty() && add.is_empty() {
            return Ok(());
        }
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let mut writer = match self.index.writer_with_num_threads::<TantivyDocument>(1, 20_000_000) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => return Err(SearchError::Busy),
            Err(e) => return Err(e.into()),
        };
        for d in remove.iter().chain(add.iter().map(|d| &d.doc)) {
            writer.delete_term(Term::from_field_text(self.f.doc, d));
        }
        for d in add {
            let mut head = TantivyDocument::default();
            head.add_text(self.f.doc, &d.doc);
            head.add_u64(self.f.version, u64::from(d.version));
            head.add_u64(self.f.header, 1);
            writer.add_document(head)?;
            for (no, text) in &d.lines {
                let text = nfc(text);
                if text.trim().is_empty() {
                    continue;
                }
                let mut row = TantivyDocument::default();
                row.add_text(self.f.doc, &d.doc);
                row.add_u64(self.f.version, u64::from(d.version));
                row.add_u64(self.f.line, u64::from(*no));
                if let Some(o) = &d.org {
                    row.add_text(self.f.org, o);
                }
                row.add_text(self.f.exact, &text);
                row.add_text(self.f.folded, fold(&text));
                row.add_text(self.f.text, &text);
                writer.add_document(row)?;
            }
        }
        writer.commit()?;
        // One segment: a query builds its scorers' buffers once per segment (a union scorer's
        // 4,096-slot window each), and a ledger filled in one pass left several.
        let segments = self.index.searchable_segment_ids()?;
        if segments.len() > MAX_SEGMENTS {
            writer.merge(&segments).wait()?;
        }
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    /// How many segments the index has (merged into one past [`MAX_SEGMENTS`]).
    pub fn segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Empty the index (then [`SearchIndex::plan`] asks for every document again).
    pub fn clear(&self) -> Result<(), SearchError> {
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let mut writer = match self.index.writer_with_num_threads::<TantivyDocument>(1, 20_000_000) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => return Err(SearchError::Busy),
            Err(e) => return Err(e.into()),
        };
        writer.delete_all_documents()?;
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// The lines matching `query`, best first: lines with every word exactly as typed, then the
    /// rest by score. At most `limit` (capped at [`MAX_LIMIT`]); an empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
        self.search_where(query, limit, |_| true)
    }

    /// Like [`SearchIndex::search`], keeping only hits of documents `keep` accepts (a ward user
    /// sees its own ward's documents only). Filtering happens before the limit.
    pub fn search_where(
        &self,
        query: &str,
        limit: usize,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Vec<Hit>, SearchError> {
        self.search_with(query, limit, None, keep)
    }

    /// Like [`SearchIndex::search`], over the lines of the documents named `docs` only. The
    /// restriction is part of the query (a term set on the document's name): the best lines of
    /// those documents are found however many better-scoring lines other documents hold, and only
    /// the candidates are read from the store — what a ward user's search asks of a city's index.
    pub fn search_in(&self, query: &str, limit: usize, docs: &[String]) -> Result<Vec<Hit>, SearchError> {
        self.search_with(query, limit, Some(docs), |_| true)
    }

    fn search_with(
        &self,
        query: &str,
        limit: usize,
        docs: Option<&[String]>,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Vec<Hit>, SearchError> {
        let parsed = Parsed::new(query);
        let limit = limit.clamp(1, MAX_LIMIT);
        let Some(q) = parsed.query(&self.f) else {
            return Ok(Vec::new());
        };
        let q: Box<dyn Query> = match docs {
            None => q,
            Some(names) => {
                let names = TermSetQuery::new(names.iter().map(|n| Term::from_field_text(self.f.doc, n)));
                Box::new(BooleanQuery::new(vec![(Occur::Must, q), (Occur::Must, Box::new(names) as Box<dyn Query>)]))
            }
        };
        let searcher = self.reader.searcher();
        // Lines with every word exactly as typed rank first: asked for on their own, then the rest,
        // so only the lines shown are read from the store and cut into snippets (taking a few
        // hundred candidates by score and checking each line's words cost more than the query:
        // 95 searches/s over 1,000 documents).
        let exact = parsed.exact_query(&self.f);
        let mut hits = Vec::new();
        let first: Box<dyn Query> =
            Box::new(BooleanQuery::new(vec![(Occur::Must, q.box_clone()), (Occur::Must, exact.box_clone())]));
        self.collect(&searcher, &*first, limit, true, &parsed, &keep, &mut hits)?;
        if hits.len() < limit {
            let rest: Box<dyn Query> = Box::new(BooleanQuery::new(vec![(Occur::Must, q), (Occur::MustNot, exact)]));
            self.collect(&searcher, &*rest, limit - hits.len(), false, &parsed, &keep, &mut hits)?;
        }
        hits.sort_by(|a, b| {
            b.exact
                .cmp(&a.exact)
                .then(b.score.total_cmp(&a.score))
                .then_with(|| a.doc.cmp(&b.doc))
                .then(a.line.cmp(&b.line))
        });
        Ok(hits)
    }

    /// The best `n` lines `q` finds whose document `keep` accepts, as hits (`exact`: found by the
    /// exact query). Asks for more candidates only when `keep` turned some down.
    #[allow(clippy::too_many_arguments)]
    fn collect(
        &self,
        searcher: &tantivy::Searcher,
        q: &dyn Query,
        n: usize,
        exact: bool,
        parsed: &Parsed,
        keep: &impl Fn(&str) -> bool,
        out: &mut Vec<Hit>,
    ) -> Result<(), SearchError> {
        let (mut want, mut seen, mut kept) = (n, 0, 0);
        loop {
            let top = searcher.search(q, &TopDocs::with_limit(want).and_offset(seen).order_by_score())?;
            let got = top.len();
            for (score, addr) in top {
                if kept == n {
                    break;
                }
                let d: TantivyDocument = searcher.doc(addr)?;
                let doc = d.get_first(self.f.doc).and_then(|v| v.as_str()).unwrap_or_default();
                if !keep(doc) {
                    continue;
                }
                kept += 1;
                let text = d.get_first(self.f.text).and_then(|v| v.as_str()).unwrap_or_default();
                let num =
                    |f: Field| d.get_first(f).and_then(|v| v.as_u64()).and_then(|v| v.try_into().ok()).unwrap_or(0);
                out.push(Hit {
                    version: num(self.f.version),
                    line: num(self.f.line),
                    org: d.get_first(self.f.org).and_then(|v| v.as_str()).map(str::to_string),
                    exact,
                    score,
                    snippet: parsed.snippet(text),
                    doc: doc.to_string(),
                });
            }
            seen += got;
            // Enough kept, or no candidates left; else look further, four times as far.
            if kept == n || got < want {
                return Ok(());
            }
            want = want.saturating_mul(4);
        }
    }
}

/// A query split into groups of alternatives; every group must match a line.
struct Parsed {
    /// Words as typed (NFC, lower case).
    exact: Vec<String>,
    /// Each group: its alternatives, each a run of folded words.
    groups: Vec<Vec<Vec<String>>>,
    /// Every folded word that counts as a match (for snippets).
    marks: BTreeSet<String>,
}

impl Parsed {
    fn new(query: &str) -> Parsed {
        let q: String = nfc(query).chars().take(MAX_QUERY_CHARS).collect();
        let lower = q.to_lowercase();
        let exact: Vec<String> = words(&lower).map(|(_, w)| w.to_string()).take(MAX_WORDS).collect();
        let folded: Vec<String> = exact.iter().map(|w| fold(w)).filter(|w| !w.is_empty()).collect();
        let mut groups = Vec::new();
        let mut i = 0;
        while i < folded.len() {
            let two = folded.get(i + 1).map(|n| format!("{} {n}", folded[i]));
            if let Some((phrase, code)) = two.as_deref().and_then(|t| ABBREVIATIONS.iter().find(|(p, _)| *p == t)) {
                groups.push(vec![phrase.split(' ').map(str::to_string).collect(), vec![code.to_string()]]);
                i += 2;
                continue;
            }
            if let Some((phrase, code)) = ABBREVIATIONS.iter().find(|(_, c)| *c == folded[i]) {
                groups.push(vec![vec![code.to_string()], phrase.split(' ').map(str::to_string).collect()]);
            } else {
                groups.push(vec![vec![folded[i].clone()]]);
            }
            i += 1;
        }
        let marks = groups.iter().flatten().flatten().cloned().collect();
        Parsed { exact, groups, marks }
    }

    fn query(&self, f: &Fields) -> Option<Box<dyn Query>> {
        if self.groups.is_empty() {
            return None;
        }
        let term = |field: Field, w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, w), IndexRecordOption::WithFreqs))
        };
        let alt = |words: &[String]| -> Box<dyn Query> {
            if words.len() == 1 {
                term(f.folded, &words[0])
            } else {
                Box::new(PhraseQuery::new(words.iter().map(|w| Term::from_field_text(f.folded, w)).collect()))
            }
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .groups
            .iter()
            .map(|g| {
                let q: Box<dyn Query> = if g.len() == 1 {
                    alt(&g[0])
                } else {
                    Box::new(BooleanQuery::new(g.iter().map(|a| (Occur::Should, alt(a))).collect()))
                };
                (Occur::Must, q)
            })
            .collect();
        // Words exactly as typed score higher; so does the whole query as a phrase.
        for w in &self.exact {
            clauses.push((Occur::Should, Box::new(BoostQuery::new(term(f.exact, w), 3.0))));
        }
        let folded: Vec<&String> = self.groups.iter().map(|g| &g[0]).flatten().collect();
        if folded.len() > 1 {
            let phrase = PhraseQuery::new(folded.iter().map(|w| Term::from_field_text(f.folded, w)).collect());
            clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(phrase), 2.0))));
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// The lines holding every word of the query exactly as typed (case aside), adding nothing
    /// to a line's score: among them the main query's score orders.
    fn exact_query(&self, f: &Fields) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            self.exact
                .iter()
                .map(|w| {
                    let t = TermQuery::new(Term::from_field_text(f.exact, w), IndexRecordOption::Basic);
                    (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(t), 0.0)) as Box<dyn Query>)
                })
                .collect(),
        ))
    }

    /// `text` in pieces with the matching words marked, cut around the first match when long.
    fn snippet(&self, text: &str) -> Vec<Fragment> {
        let spans: Vec<(usize, usize)> =
            words(text).filter(|(_, w)| self.marks.contains(&fold(w))).map(|(at, w)| (at, at + w.len())).collect();
        let (from, to) = window(text, spans.first().map(|s| s.0).unwrap_or(0));
        let mut out = Vec::new();
        let mut at = from;
        let push = |out: &mut Vec<Fragment>, s: &str, mark: bool| {
            if !s.is_empty() {
                out.push(Fragment { text: s.to_string(), mark });
            }
        };
        if from > 0 {
            push(&mut out, "…", false);
        }
        for (a, b) in spans.into_iter().filter(|(a, b)| *a >= from && *b <= to) {
            push(&mut out, &text[at..a], false);
            push(&mut out, &text[a..b], true);
            at = b;
        }
        push(&mut out, &text[at..to], false);
        if to < text.len() {
            push(&mut out, "…", false);
        }
        out
    }
}

/// A window of about [`SNIPPET_CHARS`] characters of `text` around byte `at`, on char boundaries.
fn window(text: &str, at: usize) -> (usize, usize) {
    let n = text.chars().count();
    if n <= SNIPPET_CHARS {
        return (0, text.len());
    }
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    let at_char = bounds.iter().position(|b| *b >= at).unwrap_or(0);
    let start = at_char.saturating_sub(SNIPPET_CHARS / 4);
    let end = (start + SNIPPET_CHARS).min(n);
    (bounds[start], bounds[end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_their_byte_offsets() {
        let s = "Số 57-NQ/TW, ngày";
        let w: Vec<_> = words(s).collect();
        assert_eq!(w, [(0, "Số"), (5, "57"), (8, "NQ"), (11, "TW"), (15, "ngày")]);
    }

    #[test]
    fn word_chars_are_the_alphanumerics() {
        // The fast path agrees with the tokenizer's `char::is_alphanumeric` where it answers.
        for c in ('\0'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn abbreviations_pair_both_ways() {
        let p = Parsed::new("Nghị quyết 57");
        assert_eq!(p.groups[0], vec![vec!["nghi".to_string(), "quyet".to_string()], vec!["nq".to_string()]]);
        assert_eq!(p.groups[1], vec![vec!["57".to_string()]]);
        let p = Parsed::new("KH 36");
        assert_eq!(p.groups[0][1], vec!["ke".to_string(), "hoach".to_string()]);
    }

    #[test]
    fn a_long_line_is_cut_around_its_match() {
        let p = Parsed::new("mục tiêu");
        let text = format!("{} mục tiêu {}", "Đảng bộ ".repeat(60), "phường ".repeat(60));
        let s = p.snippet(&text);
        assert_eq!(s.first().map(|f| f.text.as_str()), Some("…"));
        assert!(s.iter().any(|f| f.mark && f.text == "mục"));
        let len: usize = s.iter().map(|f| f.text.chars().count()).sum();
        assert!(len <= SNIPPET_CHARS + 2, "{len}");
    }
}
