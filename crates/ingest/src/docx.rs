//! DOCX (Office Open XML) reader: paragraphs in order, tables as rows and cells,
//! footnotes as footnotes, list numbering regenerated from `numbering.xml`.
//!
//! Lines of the resulting document: one per paragraph (soft line breaks split it),
//! one per table row (cells joined by " | "), then the footnotes after a blank line,
//! one line per footnote paragraph. Footnote marks are written into the text where
//! they stand ("Nhân dân1;"), as a printed page shows them.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use theodoi_core::{Cell, Footnote, FootnoteRef, LineSpan, Row, Table};

use crate::{Error, Result};

/// Largest XML part read (decompressed), against zip bombs.
const MAX_PART: u64 = 256 * 1024 * 1024;

/// What the DOCX holds, as lines plus the structure known from the XML.
pub(crate) struct Parsed {
    pub lines: Vec<String>,
    pub tables: Vec<Table>,
    pub footnotes: Vec<Footnote>,
    /// Footnote marks: (line index, byte start, byte end).
    pub marks: Vec<(usize, usize, usize)>,
}

fn err(file: &str, detail: impl Into<String>) -> Error {
    Error::Docx { file: file.into(), detail: detail.into() }
}

fn read_part(file: &str, zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(err(file, format!("cannot open {name}: {e}"))),
    };
    if f.size() > MAX_PART {
        return Err(err(file, format!("{name} is {} bytes uncompressed, over the {MAX_PART}-byte limit", f.size())));
    }
    let mut s = String::new();
    f.by_ref()
        .take(MAX_PART)
        .read_to_string(&mut s)
        .map_err(|e| err(file, format!("{name} is truncated or not UTF-8 XML: {e}")))?;
    Ok(Some(s))
}

/// Whether the bytes are a ZIP archive holding a Word document.
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && memchr::memmem::find(bytes, b"word/").is_some()
}

pub(crate) fn parse(file: &str, bytes: &[u8]) -> Result<Parsed> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| err(file, format!("not a readable ZIP archive ({e}); the file may be truncated")))?;
    let document =
        read_part(file, &mut zip, "word/document.xml")?.ok_or_else(|| err(file, "word/document.xml is missing"))?;
    let numbering = read_part(file, &mut zip, "word/numbering.xml")?.map(|x| Numbering::parse(&x)).unwrap_or_default();
    let footnote_xml = read_part(file, &mut zip, "word/footnotes.xml")?;
    let notes = match &footnote_xml {
        Some(x) => parse_footnotes(x).map_err(|e| err(file, format!("word/footnotes.xml: {e}")))?,
        None => HashMap::new(),
    };
    let body = parse_body(&document, numbering).map_err(|e| err(file, format!("word/document.xml: {e}")))?;

    let mut lines = body.lines;
    let mut footnotes = Vec::new();
    let mut marks = Vec::new();
    if !body.refs.is_empty() {
        lines.push(String::new());
    }
    for (k, r) in body.refs.iter().enumerate() {
        let mark = (k + 1).to_string();
        let text = notes.get(&r.id).cloned().unwrap_or_default();
        let start = lines.len();
        for (j, para) in text.iter().enumerate() {
            lines.push(if j == 0 { format!("{mark} {para}") } else { para.clone() });
        }
        if text.is_empty() {
            lines.push(mark.clone());
        }
        let end = lines.len() - 1;
        footnotes.push(Footnote {
            mark,
            span: LineSpan::new(line_no(start), line_no(end)),
            text: crate::footnotes::norm_ws(&text.join(" ")),
            refs: vec![FootnoteRef { line: line_no(r.line), byte: r.start }],
        });
        marks.push((r.line, r.start, r.end));
    }
    Ok(Parsed { lines, tables: body.tables, footnotes, marks })
}

fn line_no(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

struct NoteRef {
    id: String,
    line: usize,
    start: usize,
    end: usize,
}

struct Body {
    lines: Vec<String>,
    tables: Vec<Table>,
    refs: Vec<NoteRef>,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The characters of a `w:t` run (text and entity references) appended to the open paragraph:
/// the body and the footnotes read runs the same way.
fn append_run_text(para: &mut Option<String>, ev: &Event<'_>) {
    let Some(p) = para.as_mut() else { return };
    match ev {
        Event::Text(t) => p.push_str(&t.xml_content(XmlVersion::Implicit1_0)),
        Event::GeneralRef(r) => push_ref(p, r),
        _ => {}
    }
}

fn push_ref(buf: &mut String, r: &quick_xml::events::BytesRef<'_>) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        buf.push(c);
    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(r) {
        buf.push_str(s);
    }
}

#[derive(Default)]
struct TableBuild {
    /// Rows of cells; a cell is its paragraphs.
    rows: Vec<Vec<Vec<String>>>,
    row: Option<Vec<Vec<String>>>,
    cell: Option<Vec<String>>,
}

fn parse_body(xml: &str, mut numbering: Numbering) -> std::result::Result<Body, String> {
    let mut reader = Reader::from_str(xml);
    let mut lines: Vec<String> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut refs: Vec<NoteRef> = Vec::new();
    let mut stack: Vec<TableBuild> = Vec::new();
    let mut para: Option<String> = None;
    let mut in_text = false;
    let mut num: (Option<String>, usize) = (None, 0);
    // Footnote refs seen in the current paragraph: (id, byte start, byte end).
    let mut para_refs: Vec<(String, usize, usize)> = Vec::new();
    let mut in_ppr = false;
    // Paragraphs inside a paragraph (text boxes): the outer one waits here.
    type Pending = (Option<String>, Vec<(String, usize, usize)>, (Option<String>, usize));
    let mut outer: Vec<Pending> = Vec::new();
    // `mc:Fallback` repeats `mc:Choice` (text boxes for old readers): skipped.
    let mut fallback = 0usize;
    loop {
        let ev = reader.read_event().map_err(|e| format!("malformed XML at byte {}: {e}", reader.buffer_position()))?;
        if fallback > 0 {
            match &ev {
                Event::Start(e) if e.local_name().as_ref() == "Fallback" => fallback += 1,
                Event::End(e) if e.local_name().as_ref() == "Fallback" => fallback -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Start(e) if e.local_name().as_ref() == "Fallback" => fallback = 1,
            Event::Start(e) => match e.local_name().as_ref() {
                "p" => {
                    if para.is_some() {
                        outer.push((para.take(), std::mem::take(&mut para_refs), num.clone()));
                    }
                    para = Some(String::new());
                    para_refs.clear();
                    num = (None, 0);
                }
                "t" => in_text = true,
                "pPr" => in_ppr = true,
                "tbl" => stack.push(TableBuild::default()),
                "tr" => {
                    if let Some(t) = stack.last_mut() {
                        t.row = Some(Vec::new());
                    }
                }
                "tc" => {
                    if let Some(t) = stack.last_mut() {
                        t.cell = Some(Vec::new());
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" if !in_ppr => {
                    if let Some(p) = para.as_mut() {
                        p.push(' ');
                    }
                }
                "br" | "cr" => {
                    if let Some(p) = para.as_mut() {
                        p.push('\n');
                    }
                }
                "noBreakHyphen" => {
                    if let Some(p) = para.as_mut() {
                        p.push('-');
                    }
                }
                "footnoteReference" => {
                    if let (Some(p), Some(id)) = (para.as_mut(), attr(&e, "id")) {
                        let k = refs.len() + para_refs.len() + 1;
                        let start = p.len();
                        p.push_str(&k.to_string());
                        para_refs.push((id, start, p.len()));
                    }
                }
                "numId" if in_ppr => num.0 = attr(&e, "val"),
                "ilvl" if in_ppr => num.1 = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(0),
                "p" => {
                    // An empty paragraph: an empty line.
                    emit_para(String::new(), &mut stack, &mut lines, &mut refs, &mut Vec::new());
                }
                _ => {}
            },
            ev @ (Event::Text(_) | Event::GeneralRef(_)) if in_text => append_run_text(&mut para, &ev),
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "pPr" => in_ppr = false,
                "p" => {
                    if let Some(mut text) = para.take() {
                        if let Some(id) = num.0.take() {
                            let prefix = numbering.next(&id, num.1);
                            if !prefix.is_empty() {
                                let shift = prefix.len() + 1;
                                text = format!("{prefix} {text}");
                                for r in &mut para_refs {
                                    r.1 += shift;
                                    r.2 += shift;
                                }
                            }
                        }
                        emit_para(text, &mut stack, &mut lines, &mut refs, &mut para_refs);
                    }
                    if let Some((p, r, n)) = outer.pop() {
                        para = p;
                        para_refs = r;
                        num = n;
                    }
                }
                "tc" => {
                    if let Some(t) = stack.last_mut() {
                        if let (Some(c), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                            row.push(c);
                        }
                    }
                }
                "tr" => {
                    if let Some(t) = stack.last_mut() {
                        if let Some(r) = t.row.take() {
                            t.rows.push(r);
                        }
                    }
                }
                "tbl" => {
                    if let Some(t) = stack.pop() {
                        match stack.last_mut() {
                            // A table in a cell: its text joins the cell.
                            Some(outer) => {
                                if let Some(c) = outer.cell.as_mut() {
                                    for r in &t.rows {
                                        c.push(r.iter().map(|cell| cell.join(" ")).collect::<Vec<_>>().join(" "));
                                    }
                                }
                            }
                            None if is_layout_table(&t.rows) => {
                                // The header or signature laid out in a borderless table:
                                // its paragraphs are lines, column by column.
                                let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
                                for c in 0..cols {
                                    for r in &t.rows {
                                        for p in r.get(c).into_iter().flatten() {
                                            lines.push(p.clone());
                                        }
                                    }
                                }
                            }
                            None => {
                                let rows = t
                                    .rows
                                    .into_iter()
                                    .map(|r| r.into_iter().map(|c| crate::footnotes::norm_ws(&c.join(" "))).collect())
                                    .collect();
                                tables.push(build_table(rows, &mut lines));
                            }
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err("the document ends inside a table (truncated XML)".into());
    }
    Ok(Body { lines, tables, refs })
}

fn emit_para(
    text: String,
    stack: &mut [TableBuild],
    lines: &mut Vec<String>,
    refs: &mut Vec<NoteRef>,
    para_refs: &mut Vec<(String, usize, usize)>,
) {
    if let Some(t) = stack.last_mut() {
        if let Some(c) = t.cell.as_mut() {
            c.push(text.replace('\n', " "));
            // Marks inside table cells stay in the text; the note is still listed.
            for (id, _, _) in para_refs.drain(..) {
                refs.push(NoteRef { id, line: lines.len(), start: 0, end: 0 });
            }
            return;
        }
    }
    let mut offset = 0;
    for (k, part) in text.split('\n').enumerate() {
        let idx = lines.len();
        for (id, s, e) in para_refs.iter() {
            if *s >= offset && *e <= offset + part.len() {
                refs.push(NoteRef { id: id.clone(), line: idx, start: s - offset, end: e - offset });
            }
        }
        let _ = k;
        lines.push(part.to_string());
        offset += part.len() + 1;
    }
    para_refs.clear();
}

/// A table used for layout, not data: it holds the motto, the document number, the
/// place and date, "Nơi nhận" or "T/M …".
fn is_layout_table(rows: &[Vec<Vec<String>>]) -> bool {
    rows.len() <= 8
        && rows.iter().flatten().flatten().any(|p| {
            let f = theodoi_text::fold(p);
            f == "dang cong san viet nam"
                || f == "cong hoa xa hoi chu nghia viet nam"
                || f.starts_with("noi nhan")
                || f.starts_with("t/m ")
                || (f.starts_with("so ") || f.starts_with("so:")) && f.len() < 30
                || f.contains(", ngay ") && f.contains(" thang ")
        })
}

fn is_roman(s: &str) -> bool {
    const R: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
    R.contains(&s.trim_end_matches('.'))
}

/// A table's rows become lines; numbered rows, groups ("I", upper-case) and sub-rows are read.
fn build_table(rows: Vec<Vec<String>>, lines: &mut Vec<String>) -> Table {
    let start = lines.len();
    let mut out_rows = Vec::new();
    let first_is_header = rows.first().is_some_and(|r| {
        let f = theodoi_text::fold(r.first().map_or("", String::as_str));
        f == "stt" || f == "tt" || r.iter().all(|c| !c.chars().any(|ch| ch.is_ascii_digit()))
    });
    let mut header = Vec::new();
    let mut group: Option<String> = None;
    let mut parent: Option<usize> = None;
    for (k, cells) in rows.into_iter().enumerate() {
        let li = lines.len();
        lines.push(cells.join(" | "));
        if k == 0 && first_is_header {
            header = cells;
            continue;
        }
        let first = cells.first().cloned().unwrap_or_default();
        let rest_empty = cells.iter().skip(2).all(String::is_empty);
        let is_group = is_roman(&first)
            || (first.is_empty()
                && rest_empty
                && cells.get(1).is_some_and(|c| !c.is_empty() && !c.chars().any(char::is_lowercase)));
        let numbered = !first.is_empty() && first.chars().all(|c| c.is_ascii_digit() || c == '.');
        let row_group = if is_group { None } else { group.clone() };
        let row_parent = if numbered || is_group { None } else { parent };
        if is_group {
            group = Some(crate::footnotes::norm_ws(
                &cells.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(" "),
            ));
            parent = None;
        }
        let span = LineSpan::line(line_no(li));
        if numbered {
            parent = Some(out_rows.len());
        }
        out_rows.push(Row {
            span,
            number: (!first.is_empty()).then(|| first.trim_end_matches('.').to_string()),
            group: row_group,
            parent: row_parent,
            is_group,
            cells: cells.into_iter().map(|text| Cell { text, span }).collect(),
        });
    }
    let end = lines.len().saturating_sub(1).max(start);
    Table { title: None, span: LineSpan::new(line_no(start), line_no(end)), header, rows: out_rows }
}

fn parse_footnotes(xml: &str) -> std::result::Result<HashMap<String, Vec<String>>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = HashMap::new();
    let mut cur: Option<(String, Vec<String>)> = None;
    let mut para: Option<String> = None;
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(|e| format!("malformed XML: {e}"))? {
            Event::Start(e) => match e.local_name().as_ref() {
                "footnote" => {
                    let separator = attr(&e, "type").is_some_and(|t| t != "normal");
                    cur = if separator { None } else { attr(&e, "id").map(|id| (id, Vec::new())) };
                }
                "p" => para = Some(String::new()),
                "t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "tab" => {
                if let Some(p) = para.as_mut() {
                    p.push(' ');
                }
            }
            ev @ (Event::Text(_) | Event::GeneralRef(_)) if in_text => append_run_text(&mut para, &ev),
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    if let (Some(p), Some((_, paras))) = (para.take(), cur.as_mut()) {
                        let p = p.trim().to_string();
                        if !p.is_empty() {
                            paras.push(p);
                        }
                    }
                }
                "footnote" => {
                    if let Some((id, paras)) = cur.take() {
                        out.insert(id, paras);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// List numbering (`numbering.xml`): the numbers Word draws but does not store in the text.
#[derive(Default)]
struct Numbering {
    /// abstractNumId → levels (numFmt, lvlText, start).
    abstracts: HashMap<String, Vec<(String, String, u32)>>,
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// Counters per numId.
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    fn parse(xml: &str) -> Self {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abs: Option<String> = None;
        let mut lvl: Option<usize> = None;
        let mut num: Option<String> = None;
        loop {
            let ev = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abs = attr(&e, "abstractNumId"),
                    "lvl" => {
                        lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok());
                        if let (Some(a), Some(l)) = (&abs, lvl) {
                            let levels = n.abstracts.entry(a.clone()).or_default();
                            if levels.len() <= l && l < 9 {
                                levels.resize(l + 1, ("decimal".into(), String::new(), 1));
                            }
                        }
                    }
                    "numFmt" | "lvlText" | "start" => {
                        if let (Some(a), Some(l), Some(v)) = (&abs, lvl, attr(&e, "val")) {
                            if let Some(entry) = n.abstracts.get_mut(a).and_then(|ls| ls.get_mut(l)) {
                                match e.local_name().as_ref() {
                                    "numFmt" => entry.0 = v,
                                    "lvlText" => entry.1 = v,
                                    _ => entry.2 = v.parse().unwrap_or(1),
                                }
                            }
                        }
                    }
                    "num" => num = attr(&e, "numId"),
                    "abstractNumId" => {
                        if let (Some(id), Some(v)) = (&num, attr(&e, "val")) {
                            n.nums.insert(id.clone(), v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "abstractNum" => abs = None,
                    "lvl" => lvl = None,
                    "num" => num = None,
                    _ => {}
                },
                _ => {}
            }
        }
        n
    }

    /// The number text of the next paragraph in list `id` at level `ilvl`.
    fn next(&mut self, id: &str, ilvl: usize) -> String {
        let Some(levels) = self.nums.get(id).and_then(|a| self.abstracts.get(a)) else {
            return String::new();
        };
        let Some((fmt, text, _)) = levels.get(ilvl).cloned() else {
            return String::new();
        };
        let counters = self
            .counters
            .entry(id.to_string())
            .or_insert_with(|| levels.iter().map(|l| l.2.saturating_sub(1)).collect());
        if counters.len() <= ilvl {
            counters.resize(ilvl + 1, 0);
        }
        counters[ilvl] += 1;
        for k in ilvl + 1..counters.len() {
            counters[k] = levels.get(k).map_or(0, |l| l.2.saturating_sub(1));
        }
        if fmt == "bullet" {
            return if text.trim().is_empty() || !text.is_ascii() { "-".into() } else { text };
        }
        if fmt == "none" {
            return text;
        }
        let mut out = text.clone();
        for (k, level) in levels.iter().enumerate().take(ilvl + 1) {
            let v = counters.get(k).copied().unwrap_or(1);
            out = out.replace(&format!("%{}", k + 1), &format_number(v, &level.0));
        }
        out
    }
}

fn format_number(v: u32, fmt: &str) -> String {
    match fmt {
        "lowerLetter" => char::from_u32(u32::from(b'a') + (v.max(1) - 1) % 26).map(String::from).unwrap_or_default(),
        "upperLetter" => char::from_u32(u32::from(b'A') + (v.max(1) - 1) % 26).map(String::from).unwrap_or_default(),
        "upperRoman" => roman(v),
        "lowerRoman" => roman(v).to_lowercase(),
        _ => v.to_string(),
    }
}

fn roman(mut v: u32) -> String {
    const T: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (n, r) in T {
        while v >= *n {
            s.push_str(r);
            v -= n;
        }
    }
    s
}
