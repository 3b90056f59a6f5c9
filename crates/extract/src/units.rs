//! Logical units (headings, list items, paragraphs) re-joined from the lines, with
//! a byte map back to the lines so every match can be grounded.
//!
//! Local stand-in for ingest's blocks: extraction needs the joined text *and* the
//! exact offset of every character in its source line, which blocks do not carry.

use theodoi_core::{Document, Evidence, LineSpan};
use theodoi_text::fold_fast as fold;

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Heading,
    Item,
    Para,
}

/// One logical unit of running text.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub kind: Kind,
    /// Numbering as written ("1.2.", "(3)", "-", "*").
    pub marker: Option<String>,
    /// Heading depth (0 = PHẦN / PHỤ LỤC, 1 = I., 2 = 1., 3 = 1.1. …).
    pub level: u8,
    /// Text with lines joined by one space (marker included).
    pub text: String,
    /// (byte in `text`, line no, byte in line) at the start of each line's piece.
    pieces: Vec<(usize, u32, usize)>,
    /// Heading path above this unit: (level, "1.1 Nhiệm vụ").
    pub path: Vec<(u8, String)>,
    /// Kind of the document part the unit belongs to.
    pub doc_type: theodoi_core::DocType,
    /// `fold(text)`, computed once (matching is on folded text throughout).
    pub folded: String,
    /// `fold` of each title in `path`, same order.
    pub path_f: Vec<String>,
}

impl Unit {
    /// First line.
    pub fn start(&self) -> u32 {
        self.pieces.first().map(|p| p.1).unwrap_or(1)
    }
    /// Last line.
    #[allow(dead_code)]
    pub fn end(&self) -> u32 {
        self.pieces.last().map(|p| p.1).unwrap_or(1)
    }
    /// Line and in-line byte of a byte of `text`.
    fn locate(&self, byte: usize) -> (u32, usize) {
        let k = self.pieces.partition_point(|p| p.0 <= byte).saturating_sub(1);
        match self.pieces.get(k) {
            Some(&(tb, line, lb)) => (line, lb + byte.saturating_sub(tb)),
            None => (1, 0),
        }
    }
    /// The line span of a byte range of `text`.
    #[allow(dead_code)]
    pub fn span(&self, a: usize, b: usize) -> LineSpan {
        let (la, _) = self.locate(a);
        let (lb, _) = self.locate(b.saturating_sub(1).max(a));
        LineSpan::new(la, lb)
    }
    /// Evidence for a byte range of `text`: the verbatim source text it came from.
    pub fn evidence(&self, doc: &Document, a: usize, b: usize) -> Evidence {
        let b = b.max(a + 1).min(self.text.len());
        let (la, ba) = self.locate(a);
        let (lb, bb) = self.locate(b.saturating_sub(1));
        let span = LineSpan::new(la, lb);
        let whole = doc.span_text(span);
        // offset of line lb's start within `whole`
        let mut off = 0usize;
        for n in span.start..lb {
            off += doc.line(n).map(|l| l.len()).unwrap_or(0) + 1;
        }
        let end = off + bb + 1;
        let text = whole
            .get(ba..end)
            .or_else(|| whole.get(ba..))
            .map(|s| s.to_string())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(whole);
        Evidence { doc: doc.id.clone(), span, text }
    }
    /// Evidence for the whole unit.
    pub fn evidence_all(&self, doc: &Document) -> Evidence {
        self.evidence(doc, 0, self.text.len())
    }
    /// Folded title of the deepest heading above, then the next … (innermost first).
    pub fn path_folded(&self) -> impl Iterator<Item = &str> + '_ {
        self.path_f.iter().rev().map(String::as_str)
    }
    /// "II NỘI DUNG CHƯƠNG TRÌNH > 1 Công tác … > 1.1 Nhiệm vụ".
    pub fn section(&self) -> Option<String> {
        if self.path.is_empty() {
            None
        } else {
            Some(self.path.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" > "))
        }
    }
}

pub(crate) use theodoi_text::fold_map;

/// The largest char boundary of `s` at or below `i`.
pub(crate) fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `s[a..b]` with both ends moved down to char boundaries (never panics).
pub(crate) fn slice_chars(s: &str, a: usize, b: usize) -> &str {
    let a = floor_char(s, a);
    let b = floor_char(s, b).max(a);
    &s[a..b]
}

/// A heading or list marker at the start of a (trimmed) line: (marker, level, is_heading_style).
pub(crate) fn marker(t: &str) -> Option<(String, u8, bool)> {
    let b = t.as_bytes();
    // most lines continue a sentence: a lower-case start is only a marker as "a)"
    let mut cs = t.chars();
    if let (Some(c0), c1) = (cs.next(), cs.next()) {
        if c0.is_lowercase() && c1 != Some(')') {
            return None;
        }
    }
    let head = slice_chars(t, 0, 24);
    let f = fold(head);
    let fl = &f;
    if (fl.starts_with("phan thu ") || fl.starts_with("phan mo dau") || fl.starts_with("phan ket luan")) && t.len() < 80
    {
        let w: Vec<&str> = t.split_whitespace().take(if fl.starts_with("phan thu ") { 3 } else { 2 }).collect();
        return Some((w.join(" "), 0, true));
    }
    if f.starts_with("phan ") && t.split_whitespace().nth(1).is_some_and(|w| w.chars().all(|c| "IVXLC".contains(c))) {
        let w: Vec<&str> = t.split_whitespace().take(2).collect();
        return Some((w.join(" "), 0, true));
    }
    if f.starts_with("phu luc") {
        let w: Vec<&str> = t.split_whitespace().take(3).collect();
        let m = if w.get(2).is_some_and(|x| x.chars().all(|c| c.is_ascii_digit())) {
            w.join(" ")
        } else {
            w[..2.min(w.len())].join(" ")
        };
        return Some((m, 0, true));
    }
    // Roman "II." / "IV."
    let r: String = t.chars().take_while(|c| "IVX".contains(*c)).collect();
    if !r.is_empty() && t[r.len()..].starts_with('.') {
        return Some((format!("{r}."), 1, true));
    }
    // "1.", "1.2.", "1.2.3." (also "1.1 " without the last dot when followed by more numbering)
    let mut i = 0;
    let mut dots = 0;
    while i < b.len() && (b[i].is_ascii_digit() || (b[i] == b'.' && i > 0 && b[i - 1].is_ascii_digit())) {
        if b[i] == b'.' {
            dots += 1;
        }
        i += 1;
    }
    if i > 0 && dots > 0 && b[i - 1] == b'.' && i < b.len() && b[i] == b' ' {
        let digits = t[..i].chars().filter(|c| c.is_ascii_digit()).count();
        if digits <= 6 {
            return Some((t[..i].to_string(), 1 + dots as u8, true));
        }
    }
    // "(1).", "(2)", "1)"
    if let Some(rest) = t.strip_prefix('(') {
        let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !n.is_empty() && n.len() <= 2 && rest[n.len()..].starts_with(')') {
            let mut m = format!("({n})");
            if rest[n.len() + 1..].starts_with('.') {
                m.push('.');
            }
            return Some((m, 9, false));
        }
    }
    // "a)" list items
    let mut cs = t.chars();
    if let (Some(c), Some(')')) = (cs.next(), cs.next()) {
        if c.is_lowercase() {
            return Some((format!("{c})"), 9, false));
        }
    }
    for m in ["- ", "+ ", "* ", "• ", "– "] {
        if t.starts_with(m) {
            return Some((m.trim().to_string(), 9, false));
        }
    }
    None
}

/// A one-line numbered heading in mixed case ("2. Phát triển kinh tế") with a sentence
/// starting on the next line and no blank between: the sentence is a paragraph of its own.
fn heading_then_text(u: &Unit, next: &str) -> bool {
    u.kind == Kind::Heading
        && u.level >= 1
        && u.pieces.len() == 1
        && u.text.chars().count() < 80
        && !u.text.trim_end().ends_with([',', ';', '-', '–', '('])
        && !ends_open(&u.text)
        && starts_upper(next)
        && next.chars().any(char::is_lowercase)
}

/// A line ending in a word that cannot end a title ("… tổ chức đại hội điểm tại" | "Chi bộ thôn …"):
/// the next line continues it. Prepositions and conjunctions of Vietnamese administrative prose.
fn ends_open(t: &str) -> bool {
    // unfolded: "chợ", "đỏ" fold to the same letters as "cho", "do"
    // "…; cơ quan chủ trì:" | "Ban …": a label inside a sentence, not a title's colon
    if t.trim_end().ends_with(':') && t.contains("; ") {
        return true;
    }
    let last = t.split_whitespace().last().map(str::to_lowercase).unwrap_or_default();
    ["tại", "và", "của", "với", "cho", "trong", "về", "các", "những", "đến", "từ", "theo", "do", "ở"]
        .contains(&last.as_str())
}

/// The first line of a signature block: "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH".
pub(crate) fn signature(t: &str) -> bool {
    let f = fold(slice_chars(t, 0, 12));
    ["t/m ", "tm. ", "kt. ", "tl. ", "kt/"].iter().any(|w| f.starts_with(w))
}

/// A title line with its number lost: short, capitalised, mixed case, no figure, no end
/// punctuation, not running on into the next line.
fn bare_title(t: &str) -> bool {
    let n = t.chars().count();
    (3..=60).contains(&n)
        && starts_upper(t)
        && t.chars().any(char::is_lowercase)
        && !t.bytes().any(|b| b.is_ascii_digit())
        && !ends_sentence(t)
        && !t.trim_end().ends_with([',', '-', '–', '('])
        && !ends_open(t)
}

/// A short line that names a list of targets and says nothing of them: "Các chỉ tiêu chủ yếu
/// (nhiệm kỳ 2020-2025)", "Một số chỉ tiêu cụ thể" — not "Các chỉ tiêu chủ yếu đạt được như sau:".
fn list_title(t: &str) -> bool {
    const HEADS: &[&str] =
        &["cac chi tieu", "mot so chi tieu", "chi tieu chu yeu", "he thong cac chi tieu", "muc tieu cu the"];
    let f = fold(t).to_lowercase();
    t.chars().count() <= 80
        && t.split_whitespace().count() <= 12
        && HEADS.iter().any(|h| f.starts_with(h))
        && !t.trim_end().ends_with(['.', ':', ';', ','])
        && !["dat ", "dat,", "thuc hien", "ket qua", "nhu sau", "hoan thanh"].iter().any(|v| f.contains(v))
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end().chars().last().is_some_and(|c| ".:;!?…\"”)".contains(c))
}

fn starts_upper(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_uppercase() || c == '“' || c == '"')
}

/// Split the document into units.
pub(crate) fn units(doc: &Document) -> Vec<Unit> {
    let n = doc.lines.len();
    let blanks = doc.lines.iter().filter(|l| l.text.trim().is_empty()).count();
    // Converted files that put a blank after every line: blanks do not separate paragraphs.
    let double = n > 20 && blanks * 100 >= n * 35;
    // Text pasted from a web page or a word processor: a paragraph per line and (almost) no
    // blank line between; a sentence end then a capital opens a new unit, as in `double`.
    let nonblank = n - blanks;
    let long = doc.lines.iter().filter(|l| l.text.chars().count() > 110).count();
    let per_line = nonblank > 5 && blanks * 100 < nonblank * 10 && long * 100 >= nonblank * 10;
    let loose = double || per_line;
    let mut out: Vec<Unit> = Vec::new();
    let mut path: Vec<(u8, String)> = Vec::new();
    let mut cur: Option<Unit> = None;
    let mut prev_text = String::new();
    let mut blank_run = 0usize;
    let finish = |u: Unit, out: &mut Vec<Unit>, path: &mut Vec<(u8, String)>| {
        if u.kind == Kind::Heading {
            let title = heading_title(&u);
            while path.last().is_some_and(|(l, _)| *l >= u.level) {
                path.pop();
            }
            let mut u = u;
            u.path = path.clone();
            path.push((u.level, title));
            out.push(u);
        } else {
            out.push(u);
        }
    };
    // first lines of ingest's paragraphs and headings (none for a document built from text alone)
    let block_starts: std::collections::HashSet<u32> = doc.blocks.iter().map(|b| b.span.start).collect();
    let starts_block = |no: u32| block_starts.contains(&no);
    // inside a "Nơi nhận:" list (up to the next blank line): recipients, not content
    let mut recipients = false;
    for line in &doc.lines {
        let t = line.text.trim();
        if t.is_empty() {
            blank_run += 1;
            recipients = false;
            continue;
        }
        // (bytes: "Nơi nhận" is 12 bytes in NFC)
        if t.starts_with(['N', 'n']) && fold(slice_chars(t, 0, 16)).starts_with("noi nhan") {
            // the list closes the document: no section above governs it ("Điều 1. Giao chỉ
            // tiêu …" made its dash lines goals)
            if let Some(u) = cur.take() {
                finish(u, &mut out, &mut path);
            }
            path.clear();
            recipients = true;
            continue;
        }
        if recipients {
            continue;
        }
        // a page number printed inside a sentence ("… tỷ lệ người" / "2" / "lao động …") is
        // layout debris, not text of the sentence
        let page_no = {
            let d = t.trim_matches(|c: char| c == '-' || c == '–' || c == ' ');
            !d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit())
        };
        if page_no && cur.is_some() && !ends_sentence(&prev_text) {
            continue;
        }
        let m = marker(t);
        let new_unit = match &cur {
            None => true,
            Some(u) => {
                // Without blank-line separation (double-spaced conversions, or a page
                // break that ate the blank: the line then starts with a space) a sentence
                // end followed by a capital opens a new unit.
                let page_break = line.text.starts_with(' ');
                // a row of a delimited table ("| … |", tabs) ends where the text goes on
                let row = |x: &str| x.contains('\t') || x.starts_with('|');
                let after_row = row(&prev_text) != row(t)
                    // nor does running text go on into or out of a table ingest read (a Word file
                    // or a PDF has no blank line around it)
                    || doc.tables.iter().any(|tb| tb.span.start == line.no || tb.span.end + 1 == line.no)
                    // a paragraph ingest read starts here after a finished sentence (a PDF's
                    // paragraphs have no blank line between them; ingest tells them by the width
                    // of their last line)
                    || (starts_block(line.no) && ends_sentence(&prev_text) && !ends_open(&prev_text));
                // a bare "Phần thứ hai" takes the next line as its title
                let bare_part = u.kind == Kind::Heading && u.level == 0 && u.text.chars().count() < 25 && m.is_none();
                !bare_part
                    && (m.is_some()
                        || (blank_run > 0 && !double)
                        || after_row
                        || (ends_sentence(&prev_text)
                            && !ends_open(&prev_text)
                            && starts_upper(t)
                            && (loose || page_break))
                        || (u.kind == Kind::Heading && starts_upper(t) && (loose || page_break) && !ends_open(&u.text))
                        // the signature block ("T/M CHI BỘ", "KT. CHỦ TỊCH") is never part of the
                        // text above it (a Word file has no blank line before it)
                        || signature(t)
                        // a short label line after a finished sentence ("Tháng 3:", "Giao Công an xã:")
                        // heads what follows, whatever the spacing
                        || (ends_sentence(&prev_text)
                            && !ends_open(&prev_text)
                            && starts_upper(t)
                            && t.ends_with(':')
                            && t.chars().count() <= 40)
                        || heading_then_text(u, t)
                        || list_title(t))
            }
        };
        blank_run = 0;
        if new_unit {
            if let Some(u) = cur.take() {
                finish(u, &mut out, &mut path);
            }
            let (kind, marker, level) = match &m {
                Some((mk, lv, true)) => (Kind::Heading, Some(mk.clone()), *lv),
                Some((mk, lv, false)) => (Kind::Item, Some(mk.clone()), *lv),
                // a Word document saved as text loses its numbering: a short unpunctuated line
                // between paragraphs ("Nhiệm vụ, giải pháp thời gian tới") is still a heading
                None if per_line && bare_title(t) => (Kind::Heading, None, 8),
                // a title naming the list below ("Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)" on a
                // commune's page), however the text is laid out
                None if list_title(t) => (Kind::Heading, None, 8),
                None => (Kind::Para, None, 9),
            };
            let lead = line.text.len() - line.text.trim_start().len();
            cur = Some(Unit {
                kind,
                marker,
                level,
                text: t.to_string(),
                pieces: vec![(0, line.no, lead)],
                path: path.clone(),
                doc_type: theodoi_core::DocType::Other,
                folded: String::new(),
                path_f: Vec::new(),
            });
        } else if let Some(u) = cur.as_mut() {
            let lead = line.text.len() - line.text.trim_start().len();
            u.text.push(' ');
            u.pieces.push((u.text.len(), line.no, lead));
            u.text.push_str(t);
        }
        prev_text = t.to_string();
    }
    if let Some(u) = cur.take() {
        finish(u, &mut out, &mut path);
    }
    // A numbered "heading" that reads as running text (long, several sentences) is an item.
    for u in out.iter_mut() {
        // the marker's own ". " ("3.3. Tiếp tục …") says nothing about sentences
        let rest = u.marker.as_deref().and_then(|m| u.text.strip_prefix(m)).unwrap_or(&u.text);
        let reads_as_text = rest.trim_end().ends_with(['.', ';']) || rest.trim_start_matches('.').contains(". ");
        // a short numbered sentence that states a figure ("3. Thu ngân sách đạt 40 tỷ đồng trở
        // lên.") is a point of a list, not a section title: titles state no quantities
        let states_figure = || {
            rest.trim_end().ends_with(['.', ';'])
                && (theodoi_text::find_quantities(rest)
                    .iter()
                    .any(|q| q.unit.as_deref().is_some_and(|u| !matches!(u, "năm" | "tháng" | "ngày")))
                    // "2. Phấn đấu không còn hộ nghèo vào cuối năm 2026.": a goal with no figure
                    || fold(rest).contains("khong con "))
        };
        if u.kind == Kind::Heading && u.level >= 2 && (u.text.len() > 320 && reads_as_text || states_figure()) {
            u.kind = Kind::Item;
        }
    }
    // Recompute paths now that long "headings" are items; each title is folded once.
    let mut path: Vec<(u8, String)> = Vec::new();
    let mut path_f: Vec<String> = Vec::new();
    for u in out.iter_mut() {
        u.folded = fold(&u.text);
        if u.kind == Kind::Heading {
            while path.last().is_some_and(|(l, _)| *l >= u.level) {
                path.pop();
                path_f.pop();
            }
            u.path = path.clone();
            u.path_f = path_f.clone();
            let title = heading_title(u);
            path_f.push(fold(&title));
            path.push((u.level, title));
        } else {
            u.path = path.clone();
            u.path_f = path_f.clone();
        }
    }
    out
}

/// "1.1. Nhiệm vụ" → "1.1 Nhiệm vụ"; "II. NỘI DUNG" → "II NỘI DUNG".
pub(crate) fn heading_title(u: &Unit) -> String {
    let mk = u.marker.clone().unwrap_or_default();
    let rest = u.text.get(mk.len()..).unwrap_or("").trim();
    let num = mk.trim_end_matches('.');
    let rest = rest.trim_end_matches([' ', ':']);
    format!("{num} {rest}").trim().to_string()
}

/// The unit's text without its marker.
pub(crate) fn body(u: &Unit) -> (&str, usize) {
    let mk = u.marker.as_deref().unwrap_or("");
    let off = if u.text.starts_with(mk) { mk.len() } else { 0 };
    let rest = &u.text[off..];
    let trimmed = rest.trim_start_matches([' ', '.', ':']);
    (trimmed, u.text.len() - trimmed.len())
}
