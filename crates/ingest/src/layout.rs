//! Lines → structure: blocks (headings, paragraphs, list items), footnotes, tables.
//!
//! Works on the text of any reader; the rules come from how Party documents are laid
//! out and how PDF/DOCX extraction damages them, never from particular documents.

use crate::footnotes::{self, ends_sentence, line_no, norm_ws};
use crate::numbering::{self, Style};
use theodoi_core::{Block, BlockKind, Document, Footnote, Heading, LineSpan, Table};

/// What a line is, before structure is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineClass {
    /// Empty.
    Blank,
    /// Whitespace only, long: where the footnote rule of a page stood.
    Rule,
    /// Decoration: "*", "-----", "___".
    Debris,
    /// Anything else.
    Text,
}

/// The lines of a document with what layout analysis needs to know about them.
pub(crate) struct Lines<'a> {
    pub text: Vec<&'a str>,
    pub class: Vec<LineClass>,
    /// Characters, trailing whitespace excluded.
    pub chars: Vec<usize>,
    /// Lines longer than this are likely in a smaller font (footnotes).
    pub long_threshold: usize,
    /// Typical length of a full line of running text (75th percentile).
    pub body_width: usize,
    /// Every text line is followed by a blank one (some PDF extractions): blank lines
    /// then say nothing about paragraphs.
    pub double_spaced: bool,
    /// Paragraphs are separated by blank lines (so a line ending a sentence does not end one).
    pub blank_separated: bool,
    /// Each line is a paragraph (readers that know paragraphs, like DOCX).
    pub paragraph_per_line: bool,
    /// First line of a page (paginated sources): footnote zones end there, and a
    /// paragraph may go on across it.
    pub page_start: Vec<bool>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: Vec<&'a str>) -> Self {
        let class: Vec<LineClass> = text.iter().map(|t| classify(t)).collect();
        let chars: Vec<usize> = text.iter().map(|t| t.trim_end().chars().count()).collect();
        let mut lens: Vec<usize> = (0..text.len()).filter(|&i| class[i] == LineClass::Text).map(|i| chars[i]).collect();
        lens.sort_unstable();
        let p75 = lens.get(lens.len() * 3 / 4).copied().unwrap_or(80);
        let long_threshold = (p75 + p75 / 8).max(p75 + 8);
        let body_width = p75;
        // Double spacing: almost no two text lines are adjacent.
        let mut adjacent = 0usize;
        let mut texts = 0usize;
        for i in 0..text.len() {
            if class[i] == LineClass::Text {
                texts += 1;
                if i > 0 && class[i - 1] == LineClass::Text {
                    adjacent += 1;
                }
            }
        }
        let double_spaced = texts >= 4 && adjacent * 5 < texts;
        let blanks = class.iter().filter(|c| **c != LineClass::Text).count();
        let blank_separated = !double_spaced && blanks * 20 >= texts;
        let page_start = vec![false; text.len()];
        Lines {
            text,
            class,
            chars,
            long_threshold,
            body_width,
            double_spaced,
            blank_separated,
            paragraph_per_line: false,
            page_start,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }
}

fn classify(t: &str) -> LineClass {
    let tt = t.trim();
    if tt.is_empty() {
        return if t.chars().count() >= 10 { LineClass::Rule } else { LineClass::Blank };
    }
    if tt.chars().all(|c| matches!(c, '*' | '-' | '_' | '=' | '–' | '—' | '·' | '.' | '~' | ' '))
        && tt.chars().count() <= 80
    {
        // "*" under the committee name, "-----" under a title; "…" alone is still debris.
        return LineClass::Debris;
    }
    LineClass::Text
}

/// A lone page number: 1-3 digits on a line of their own.
pub(crate) fn is_page_number(t: &str) -> bool {
    let tt = t.trim();
    !tt.is_empty() && tt.len() <= 3 && tt.bytes().all(|b| b.is_ascii_digit())
}

/// What is known about lines before blocks are built (tables, footnotes).
pub(crate) struct Claimed {
    /// Footnote index owning each line.
    pub footnote: Vec<Option<usize>>,
    /// Table index owning each line.
    pub table: Vec<Option<usize>>,
    /// Byte ranges to cut from a line's running text (linked footnote marks).
    pub cut: Vec<Vec<(usize, usize)>>,
    /// Header, title and closing lines.
    pub front: Vec<Option<BlockKind>>,
}

/// Structure a reader already knows (DOCX tables and footnotes): used instead of
/// reading it from the text.
#[derive(Default)]
pub(crate) struct Known {
    pub tables: Vec<Table>,
    pub footnotes: Vec<Footnote>,
    /// Footnote marks in the running text: (line index, byte start, byte end).
    pub marks: Vec<(usize, usize, usize)>,
    /// Every line is a paragraph of its own (DOCX).
    pub paragraph_per_line: bool,
}

/// Build blocks for the whole document; `doc.lines` must be set.
pub(crate) fn analyse(doc: &mut Document, known: Option<Known>) {
    let (blocks, footnotes, tables, front) = structure(&doc.lines, known);
    doc.blocks = blocks;
    doc.footnotes = footnotes;
    doc.tables = tables;
    doc.parts = front.parts;
    doc.meta = front.meta;
}

type Structure = (Vec<Block>, Vec<Footnote>, Vec<Table>, crate::meta::Front);

fn structure(doc_lines: &[theodoi_core::Line], known: Option<Known>) -> Structure {
    let mut lines = Lines::new(doc_lines.iter().map(|l| l.text.as_str()).collect());
    for (i, w) in doc_lines.windows(2).enumerate() {
        if w[1].page.is_some() && w[1].page != w[0].page {
            lines.page_start[i + 1] = true;
        }
    }
    let (found, tables) = match known {
        Some(k) => {
            lines.paragraph_per_line = k.paragraph_per_line;
            let mut owner = vec![None; lines.len()];
            for (fi, f) in k.footnotes.iter().enumerate() {
                for n in f.span.start..=f.span.end {
                    if let Some(o) = owner.get_mut(n as usize - 1) {
                        *o = Some(fi);
                    }
                }
            }
            let linked = k
                .marks
                .iter()
                .map(|&(line, start, end)| footnotes::Mark { line, start, end, n: 0, weak: false })
                .collect();
            // a table pasted as paragraphs, one cell each (text copied from a PDF into Word)
            let mut tables = k.tables;
            let pasted = crate::cell_tables::find(&lines, &owner, &tables);
            tables.extend(pasted);
            (footnotes::Found { footnotes: k.footnotes, owner, linked }, tables)
        }
        None => {
            let found = footnotes::find(&lines);
            // delimited rows ("| … |", tabs) first: the space-run reader would cut them wrong
            let delimited = crate::delimited::find(&lines, &found.owner, &[]);
            let mut tables: Vec<_> = crate::tables::find(&lines, &found.owner)
                .into_iter()
                .filter(|t| !delimited.iter().any(|d| d.span.start <= t.span.end && t.span.start <= d.span.end))
                .collect();
            tables.extend(delimited);
            let more = crate::cell_tables::find(&lines, &found.owner, &tables);
            tables.extend(more);
            (found, tables)
        }
    };
    let mut cut: Vec<Vec<(usize, usize)>> = vec![Vec::new(); lines.len()];
    for m in &found.linked {
        if let Some(c) = cut.get_mut(m.line) {
            c.push((m.start, m.end));
        }
    }
    let mut table_owner = vec![None; lines.len()];
    for (ti, t) in tables.iter().enumerate() {
        for n in t.span.start..=t.span.end {
            if let Some(o) = table_owner.get_mut(n as usize - 1) {
                if found.owner[n as usize - 1].is_none() {
                    *o = Some(ti);
                }
            }
        }
    }
    let taken: Vec<bool> = (0..lines.len()).map(|i| found.owner[i].is_some() || table_owner[i].is_some()).collect();
    let mut front = crate::meta::analyse(&lines, &taken);
    let claimed = Claimed { footnote: found.owner, table: table_owner, cut, front: std::mem::take(&mut front.kind) };
    let table_titles: Vec<Option<String>> = tables.iter().map(|t| t.title.clone()).collect();
    let (mut blocks, styles) = build_blocks(&lines, &claimed, &found.footnotes, &table_titles);
    set_levels(&mut blocks, &styles);
    for b in &mut blocks {
        b.part = front.parts.iter().rposition(|p| p.span.start <= b.span.start).unwrap_or(0);
    }
    (blocks, found.footnotes, tables, front)
}

struct Open<'a> {
    kind: BlockKind,
    start: usize,
    end: usize,
    text: String,
    style: Option<Style>,
    numbering: String,
    /// Heading text after the numbering.
    title: String,
    /// The last line taken, trimmed (what a following line is judged against).
    last_line: &'a str,
}

/// Heading levels: the styles used, in nesting order, numbered from 1.
fn set_levels(blocks: &mut [Block], styles: &[Option<Style>]) {
    let mut used: Vec<Style> = styles.iter().flatten().copied().collect();
    used.sort();
    used.dedup();
    for (b, st) in blocks.iter_mut().zip(styles) {
        if let (Some(h), Some(st)) = (b.heading.as_mut(), st) {
            let level = used.iter().position(|s| s == st).map_or(1, |p| p + 1);
            h.level = u8::try_from(level).unwrap_or(u8::MAX);
        }
    }
}

fn build_blocks(
    lines: &Lines<'_>,
    claimed: &Claimed,
    notes: &[theodoi_core::Footnote],
    table_titles: &[Option<String>],
) -> (Vec<Block>, Vec<Option<Style>>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut styles: Vec<Option<Style>> = Vec::new();
    let mut open: Option<Open> = None;
    let mut gap = false; // a blank line since the open block's last line
    let mut emitted_fn = vec![false; notes.len()];
    let mut emitted_tb: Vec<bool> = Vec::new();
    let mut pending_fn: Vec<usize> = Vec::new();
    let mut page_break = false;
    let push_notes = |pending: &mut Vec<usize>, blocks: &mut Vec<Block>, styles: &mut Vec<Option<Style>>| {
        for fi in pending.drain(..) {
            let f = &notes[fi];
            styles.push(None);
            blocks.push(Block {
                kind: BlockKind::Footnote,
                span: f.span,
                text: f.text.clone(),
                heading: None,
                part: 0,
                index: Some(fi),
            });
        }
    };

    let flush = |open: &mut Option<Open<'_>>, blocks: &mut Vec<Block>, styles: &mut Vec<Option<Style>>| {
        if let Some(o) = open.take() {
            styles.push(o.style);
            blocks.push(finish(o));
        }
    };

    for i in 0..lines.len() {
        if lines.page_start[i] {
            gap = false;
            page_break = true;
        }
        if let Some(fi) = claimed.footnote[i] {
            if !emitted_fn[fi] {
                emitted_fn[fi] = true;
                // Emitted once the paragraph it interrupts is finished, so the
                // sentence split by the footnote is joined again.
                pending_fn.push(fi);
            }
            // Blank lines around a page's footnotes are not paragraph breaks.
            gap = false;
            page_break = true;
            continue;
        }
        if let Some(ti) = claimed.table[i] {
            if emitted_tb.len() <= ti {
                emitted_tb.resize(ti + 1, false);
            }
            if !emitted_tb[ti] {
                emitted_tb[ti] = true;
                flush(&mut open, &mut blocks, &mut styles);
                push_notes(&mut pending_fn, &mut blocks, &mut styles);
                styles.push(None);
                blocks.push(Block {
                    kind: BlockKind::Table,
                    span: LineSpan::line(line_no(i)),
                    text: table_titles.get(ti).cloned().flatten().unwrap_or_default(),
                    heading: None,
                    part: 0,
                    index: Some(ti),
                });
            }
            if let Some(b) = blocks.iter_mut().rev().find(|b| b.kind == BlockKind::Table && b.index == Some(ti)) {
                b.span = b.span.join(LineSpan::line(line_no(i)));
            }
            continue;
        }
        if let (Some(fk), LineClass::Text) = (claimed.front[i], lines.class[i]) {
            let t = norm_ws(lines.text[i]);
            match open.as_mut() {
                Some(o) if o.kind == fk => {
                    push_words(&mut o.text, &t);
                    o.end = i;
                }
                _ => {
                    flush(&mut open, &mut blocks, &mut styles);
                    push_notes(&mut pending_fn, &mut blocks, &mut styles);
                    open = Some(Open {
                        kind: fk,
                        start: i,
                        end: i,
                        text: t.clone(),
                        style: None,
                        numbering: String::new(),
                        title: String::new(),
                        last_line: lines.text[i].trim(),
                    });
                }
            }
            gap = false;
            continue;
        }
        match lines.class[i] {
            LineClass::Blank | LineClass::Rule => {
                if !lines.double_spaced && !page_break {
                    gap = true;
                }
                continue;
            }
            LineClass::Debris => {
                gap = true;
                continue;
            }
            LineClass::Text => {}
        }
        let raw = lines.text[i];
        if is_page_number(raw) {
            gap = false;
            page_break = true;
            continue;
        }
        page_break = false;
        let text = cut_marks(raw, &claimed.cut[i]);
        let t = text.trim();
        if t.is_empty() {
            continue;
        }
        let mut numbered = numbering::parse(t);
        // "nhiệm kỳ 2025" / "– 2030. Đại hội …": a dash before a figure that continues a
        // figure is a range, not a list item.
        if let (Some(nb), Some(o)) = (&numbered, &open) {
            let ends_digit = o.last_line.trim_end().ends_with(|c: char| c.is_ascii_digit());
            if nb.style == Style::Dash && ends_digit && nb.rest.starts_with(|c: char| c.is_ascii_digit()) {
                numbered = None;
            }
            // "… các tổ chức chính trị" / "- xã hội …": a compound broken at its hyphen.
            let open_sentence = !ends_sentence(&o.last_line) && !o.last_line.trim_end().ends_with([';', ':', ',']);
            if numbered.as_ref().is_some_and(|nb| nb.style == Style::Dash && nb.rest.starts_with(char::is_lowercase))
                && open_sentence
            {
                numbered = None;
            }
        }
        let wrapped = i > 0 && open.as_ref().is_some_and(|o| lines.chars[o.end] * 100 >= lines.body_width * 85);
        let continues = match (&open, &numbered) {
            (None, _) => false,
            (Some(_), Some(_)) => false,
            (Some(_), None) if gap => false,
            // Paragraphs known (DOCX): only a visibly unfinished sentence goes on to the next
            // paragraph (text pasted with hard line breaks).
            (Some(o), None) if lines.paragraph_per_line => {
                matches!(o.kind, BlockKind::Paragraph | BlockKind::ListItem)
                    && t.starts_with(char::is_lowercase)
                    && !ends_sentence(&o.last_line)
                    && !o.last_line.trim_end().ends_with([';', ','])
            }
            (Some(o), None) => continues(o, t, lines.blank_separated, wrapped),
        };
        gap = false;
        if continues {
            if let Some(o) = open.as_mut() {
                push_words(&mut o.text, t);
                if o.kind == BlockKind::Heading || o.style.is_some() {
                    push_words(&mut o.title, t);
                }
                o.end = i;
                o.last_line = lines.text[i].trim();
            }
            continue;
        }
        flush(&mut open, &mut blocks, &mut styles);
        push_notes(&mut pending_fn, &mut blocks, &mut styles);
        let (kind, style, numbering, title) = match numbered {
            Some(nb) => {
                let kind = if nb.style.is_heading() { BlockKind::Heading } else { BlockKind::ListItem };
                (kind, Some(nb.style), nb.numbering.to_string(), norm_ws(nb.rest))
            }
            None if is_upper_heading(t) => (BlockKind::Heading, None, String::new(), norm_ws(t)),
            None => (BlockKind::Paragraph, None, String::new(), String::new()),
        };
        open = Some(Open {
            kind,
            start: i,
            end: i,
            text: norm_ws(t),
            style,
            numbering,
            title,
            last_line: lines.text[i].trim(),
        });
    }
    flush(&mut open, &mut blocks, &mut styles);
    push_notes(&mut pending_fn, &mut blocks, &mut styles);
    (blocks, styles)
}

/// Whether line `t` continues the open block.
fn continues(o: &Open<'_>, t: &str, blank_separated: bool, wrapped: bool) -> bool {
    let first = t.chars().next().unwrap_or(' ');
    let starts_lower = first.is_lowercase();
    let upper_line = is_upper_heading(t);
    match o.kind {
        BlockKind::Header | BlockKind::Title | BlockKind::Closing => false,
        BlockKind::Heading => {
            let title_upper = o.title.is_empty() || is_upper_heading(&o.title);
            if o.style == Some(Style::Part) && o.title.is_empty() {
                return true; // "PHẦN I" / "ĐÁNH GIÁ TÌNH HÌNH …": the part's title
            }
            if title_upper {
                upper_line && !ends_sentence(&o.last_line)
            } else {
                // A numbered line that filled the width goes on ("1. Đảng ủy phường đã … các" /
                // "Nhân dân …"); a short one was a heading.
                !ends_sentence(&o.last_line)
                    && (starts_lower || (wrapped && matches!(o.style, Some(Style::Arabic(_))) && !upper_line))
            }
        }
        _ => {
            if upper_line && !is_upper_heading(&o.text) {
                return false;
            }
            if o.text.starts_with('(') && o.text.ends_with(')') && !starts_lower {
                return false; // "(Báo cáo chính trị trình Đại hội …)" stands alone
            }
            blank_separated || !(ends_sentence(&o.last_line) && !starts_lower)
        }
    }
}

/// An upper-case line that reads as a heading ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025").
fn is_upper_heading(t: &str) -> bool {
    theodoi_text::is_upper_text(t, 4)
}

fn finish(o: Open<'_>) -> Block {
    let mut kind = o.kind;
    let heading = match o.style {
        Some(st) => {
            // A long numbered paragraph is a list item, not a heading.
            if kind == BlockKind::Heading
                && matches!(st, Style::Arabic(_))
                && (o.text.chars().count() > 200 || o.text.ends_with(['.', ';']))
            {
                kind = BlockKind::ListItem;
            }
            let _ = st;
            Some(Heading { numbering: o.numbering, level: 1, title: o.title })
        }
        None if kind == BlockKind::Heading => Some(Heading { numbering: String::new(), level: 1, title: o.title }),
        None => None,
    };
    Block { kind, span: LineSpan::new(line_no(o.start), line_no(o.end)), text: o.text, heading, part: 0, index: None }
}

/// Whether `b` holds whitespace other than ASCII space (tab, NBSP, thin spaces …).
fn has_other_space(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, &c)| match c {
        b'\t' | b'\r' | b'\n' | 0x0b | 0x0c => true,
        0xC2 => b.get(i + 1) == Some(&0xA0),
        0xE2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(x)) => matches!(x, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            (Some(0x81), Some(0x9F)) => true,
            _ => false,
        },
        0xE3 => b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80),
        _ => false,
    })
}

/// Append the words of `t` to `buf`, one space between words. Splitting on the
/// ASCII space uses memchr; other whitespace (rare) takes `split_whitespace`.
fn push_words(buf: &mut String, t: &str) {
    let mut push = |w: &str| {
        if !buf.is_empty() {
            buf.push(' ');
        }
        buf.push_str(w);
    };
    if has_other_space(t.as_bytes()) {
        t.split_whitespace().for_each(&mut push);
    } else {
        t.split(' ').filter(|w| !w.is_empty()).for_each(&mut push);
    }
}

/// The line without the footnote marks linked to footnotes.
fn cut_marks<'a>(line: &'a str, cuts: &[(usize, usize)]) -> std::borrow::Cow<'a, str> {
    if cuts.is_empty() {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut cuts = cuts.to_vec();
    cuts.sort_unstable();
    let mut out = String::with_capacity(line.len());
    let mut pos = 0;
    for (s, e) in cuts {
        if s >= pos && e <= line.len() && line.is_char_boundary(s) && line.is_char_boundary(e) {
            out.push_str(&line[pos..s]);
            pos = e;
        }
    }
    out.push_str(&line[pos..]);
    std::borrow::Cow::Owned(out)
}
