//! Ingest: any document a ward office has becomes one [`theodoi_core::Document`].
//!
//! ```no_run
//! let doc = theodoi_ingest::read_path(std::path::Path::new("../shared/corpus/004_b4f7ce02ed2c6c24.txt"))?;
//! assert_eq!(doc.lines[0].no, 1);
//! # Ok::<(), theodoi_ingest::Error>(())
//! ```
//!
//! Readers are chosen by sniffing the bytes, not by the extension: plain text in
//! UTF-8/UTF-16/Windows-1258/TCVN3/VNI, DOCX, PDF (text layer or scanned), PNG/JPEG/TIFF.
//! Every reader produces lines; layout analysis then reads blocks, footnotes,
//! tables, parts and metadata from them. `lines` keep the numbering of the text as
//! read (blank lines count), which is what evidence spans point at.
//!
//! The JSON output of `theodoi ingest --json` is the serde form of [`Document`]; its
//! fields and conventions (what `Block.text` holds, how DOCX/PDF lines are laid out, how
//! tables are rebuilt) are described in this crate's `README.md`.
#![deny(missing_docs)]

mod cell_tables;
mod decode;
mod delimited;
mod docx;
mod error;
mod footnotes;
mod layout;
pub mod legacy;
mod meta;
mod numbering;
mod ocr;
mod pdf;
mod pdf_grid;
mod tables;
mod tools;

use std::io::Read;
use std::path::Path;

pub use error::{Error, Result};
use sha2::Digest;
use theodoi_core::{Document, Line, Source, SourceFormat};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Largest file read by default (bytes); larger files are refused before reading.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Options of a read.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files larger than this are refused before any byte is read.
    pub max_bytes: u64,
    /// Show a progress bar while OCR'ing (only shown on a terminal).
    pub progress: bool,
    /// Restore text that reads as OCR damage (wrong-language OCR, marks lost) before
    /// reading its structure; clean text is left alone. Lines stay one to one.
    pub restore: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_bytes: DEFAULT_MAX_BYTES, progress: false, restore: true }
    }
}

/// Read a file into a [`Document`]; the format is sniffed from its content.
pub fn read_path(path: &Path) -> Result<Document> {
    read_path_with(path, &Options::default())
}

/// [`read_path`] with options.
pub fn read_path_with(path: &Path, opts: &Options) -> Result<Document> {
    let name = file_name(path);
    let meta = std::fs::metadata(path).map_err(|e| io_err(path, e))?;
    if meta.is_dir() {
        return Err(Error::Unrecognised { file: name, detail: "is a directory".into() });
    }
    if meta.len() > opts.max_bytes {
        return Err(Error::TooLarge { file: name, size: meta.len(), limit: opts.max_bytes });
    }
    let f = std::fs::File::open(path).map_err(|e| io_err(path, e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // `take` keeps memory bounded even if the file grows while being read.
    f.take(opts.max_bytes + 1).read_to_end(&mut bytes).map_err(|e| io_err(path, e))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(Error::TooLarge { file: name, size: bytes.len() as u64, limit: opts.max_bytes });
    }
    let mut doc = read_bytes_with(&name, &bytes, opts)?;
    doc.source.path = path.display().to_string();
    Ok(doc)
}

/// Read bytes into a [`Document`]; `name` becomes [`Document::id`]. The format is sniffed from content.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Document> {
    read_bytes_with(name, bytes, &Options::default())
}

/// [`read_bytes`] with options.
pub fn read_bytes_with(name: &str, bytes: &[u8], opts: &Options) -> Result<Document> {
    let mut doc = read_any(name, bytes, opts)?;
    match theodoi_restore::assess_document(&doc) {
        theodoi_restore::Assessment::Clean => {}
        // Text in no Vietnamese at all (a script, English prose) is not damaged OCR: restoring it
        // would make up Vietnamese words from it.
        theodoi_restore::Assessment::NotVietnamese { share, .. } => {
            return Err(Error::NotVietnamese { file: name.into(), share_percent: (share * 100.0).round() as u32 });
        }
        theodoi_restore::Assessment::Damaged(d) => {
            if opts.restore {
                restore_damaged(&mut doc, d);
            }
        }
    }
    Ok(doc)
}

/// Restore OCR damage in place and read the structure again from the restored lines
/// (headings and parts cannot be recognised in the damaged text).
fn restore_damaged(doc: &mut Document, d: theodoi_restore::Damage) {
    let report = theodoi_restore::restore_damaged(doc, d);
    let diagnostics = std::mem::take(&mut doc.diagnostics);
    restructure(doc);
    doc.diagnostics = diagnostics;
    doc.diagnostics.push(theodoi_core::Diagnostic {
        severity: theodoi_core::Severity::Warning,
        line: None,
        message: format!(
            "text read as OCR damage ({:.0}% of words not Vietnamese syllables, {:.0}% without marks): \
                 restored {} of {} lines; the text before restoration is kept in each line's `original`",
            report.damage.invalid_share * 100.0,
            report.damage.missing_diacritic_ratio * 100.0,
            report.lines_changed,
            doc.lines.len()
        ),
    });
}

fn read_any(name: &str, bytes: &[u8], opts: &Options) -> Result<Document> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(Error::TooLarge { file: name.into(), size: bytes.len() as u64, limit: opts.max_bytes });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty { file: name.into() });
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(Error::Unrecognised {
            file: name.into(),
            detail: "a legacy Word .doc (OLE2) file; convert it first: soffice --headless --convert-to docx FILE"
                .into(),
        });
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(Error::Unrecognised {
            file: name.into(),
            detail: "an RTF file; convert it first: soffice --headless --convert-to docx FILE".into(),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if !docx::is_docx(bytes) {
            return Err(Error::Unrecognised {
                file: name.into(),
                detail: "a ZIP archive without word/document.xml (not a DOCX)".into(),
            });
        }
        return read_docx(name, bytes);
    }
    if pdf::is_pdf(bytes) {
        return read_pdf(name, bytes, opts);
    }
    if let Some(ext) = image_kind(bytes) {
        return read_image(name, bytes, ext);
    }
    let decoded = decode::decode(name, bytes)?;
    check_text(name, &decoded.text)?;
    let source = Source {
        path: name.to_string(),
        format: SourceFormat::Text,
        encoding: Some(decoded.encoding.to_string()),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        pages: Vec::new(),
        restored: false,
    };
    let mut doc = from_text(name, source, &decoded.text);
    for (line, message) in decoded.warnings {
        doc.diagnostics.push(theodoi_core::Diagnostic {
            severity: theodoi_core::Severity::Warning,
            line: Some(line),
            message,
        });
    }
    Ok(doc)
}

/// PNG, JPEG or TIFF by their magic numbers.
fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some("jpg")
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some("tif")
    } else {
        None
    }
}

fn source(name: &str, bytes: &[u8], format: SourceFormat) -> Source {
    Source {
        path: name.to_string(),
        format,
        encoding: None,
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        pages: Vec::new(),
        restored: false,
    }
}

/// Lines of paginated text, each line knowing its page.
fn paged_document(name: &str, mut src: Source, pages: Vec<(Vec<String>, Option<f32>)>) -> Document {
    let mut lines = Vec::new();
    for (pi, (page_lines, conf)) in pages.into_iter().enumerate() {
        let no = u32::try_from(pi + 1).unwrap_or(u32::MAX);
        let start = lines.len();
        for t in page_lines {
            let n = u32::try_from(lines.len() + 1).unwrap_or(u32::MAX);
            lines.push(Line { no: n, text: to_nfc(&t), original: None, page: Some(no), confidence: None });
        }
        let span = (lines.len() > start).then(|| {
            theodoi_core::LineSpan::new(
                u32::try_from(start + 1).unwrap_or(u32::MAX),
                u32::try_from(lines.len()).unwrap_or(u32::MAX),
            )
        });
        src.pages.push(theodoi_core::Page { no, span, ocr_confidence: conf });
    }
    let mut doc = Document { id: name.to_string(), source: src, lines, ..Default::default() };
    layout::analyse(&mut doc, None);
    doc
}

fn read_pdf(name: &str, bytes: &[u8], opts: &Options) -> Result<Document> {
    let (pages, scanned) = pdf::read(name, bytes, opts.progress)?;
    let text_chars: usize = pages.iter().flat_map(|p| &p.lines).map(|l| l.trim().len()).sum();
    if text_chars == 0 {
        return Err(Error::Ocr {
            file: name.into(),
            page: None,
            detail: "no text found: the PDF has no text layer and OCR read nothing (blank or unreadable scan)".into(),
        });
    }
    let format = if scanned { SourceFormat::ScannedPdf } else { SourceFormat::Pdf };
    let mut doc = paged_document(
        name,
        source(name, bytes, format),
        pages.into_iter().map(|p| (p.lines, p.ocr_confidence)).collect(),
    );
    for pg in &doc.source.pages {
        if let Some(c) = pg.ocr_confidence.filter(|c| *c < 60.0) {
            doc.diagnostics.push(theodoi_core::Diagnostic {
                severity: theodoi_core::Severity::Warning,
                line: pg.span.map(|s| s.start),
                message: format!(
                    "page {} was OCR'd with low confidence ({c:.0}%); check the text or restore it",
                    pg.no
                ),
            });
        }
    }
    Ok(doc)
}

fn read_image(name: &str, bytes: &[u8], ext: &str) -> Result<Document> {
    let dir = tempfile::tempdir().map_err(|e| Error::Tool {
        file: name.into(),
        tool: "tesseract".into(),
        detail: e.to_string(),
    })?;
    let img = dir.path().join(format!("page.{ext}"));
    std::fs::write(&img, bytes).map_err(|e| Error::Tool {
        file: name.into(),
        tool: "tesseract".into(),
        detail: e.to_string(),
    })?;
    let page = ocr::image(name, &img).map_err(|e| match e {
        Error::Tool { tool, detail, .. } if !detail.contains("not installed") => Error::Ocr {
            file: name.into(),
            page: None,
            detail: format!("{tool} cannot read the image ({detail}); it may be damaged"),
        },
        e => e,
    })?;
    if page.lines.iter().all(|l| l.trim().is_empty()) {
        return Err(Error::Ocr {
            file: name.into(),
            page: None,
            detail: "no text found in the image (blank, too small or not a document)".into(),
        });
    }
    Ok(paged_document(name, source(name, bytes, SourceFormat::Image), vec![(page.lines, page.confidence)]))
}

fn read_docx(name: &str, bytes: &[u8]) -> Result<Document> {
    let parsed = docx::parse(name, bytes)?;
    if parsed.lines.iter().all(|l| l.trim().is_empty()) {
        return Err(Error::Empty { file: name.into() });
    }
    let source = Source {
        path: name.to_string(),
        format: SourceFormat::Docx,
        encoding: None,
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        pages: Vec::new(),
        restored: false,
    };
    let lines = parsed
        .lines
        .iter()
        .enumerate()
        .map(|(i, t)| Line {
            no: u32::try_from(i + 1).unwrap_or(u32::MAX),
            text: to_nfc(t),
            original: None,
            page: None,
            confidence: None,
        })
        .collect();
    let mut doc = Document { id: name.to_string(), source, lines, ..Default::default() };
    // Text pasted with hard line breaks (one short "paragraph" per printed line) is laid
    // out like a text file; real Word paragraphs are mostly longer than a line.
    let in_table = |i: usize| parsed.tables.iter().any(|t| t.span.contains(u32::try_from(i + 1).unwrap_or(u32::MAX)));
    let paras: Vec<usize> = parsed
        .lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !l.trim().is_empty() && !in_table(*i))
        .map(|(_, l)| l.chars().count())
        .collect();
    let short = paras.iter().filter(|&&n| n <= 100).count();
    let hard_wrapped = paras.len() >= 20 && short * 10 >= paras.len() * 8;
    let known = layout::Known {
        tables: parsed.tables,
        footnotes: parsed.footnotes,
        marks: parsed.marks,
        paragraph_per_line: !hard_wrapped,
    };
    layout::analyse(&mut doc, Some(known));
    Ok(doc)
}

/// Read the structure again from `doc.lines` (blocks, footnotes, tables, parts, meta),
/// keeping `id`, `source` and the lines: for stages that change line text in place,
/// such as the restorer of OCR-damaged text.
pub fn restructure(doc: &mut Document) {
    layout::analyse(doc, None);
}

/// Build a document from text that is already decoded (lines split on `\n`, `\r\n` or `\r`).
pub fn from_text(id: &str, source: Source, text: &str) -> Document {
    let mut doc = Document { id: id.to_string(), source, lines: split_lines(text), ..Default::default() };
    layout::analyse(&mut doc, None);
    doc
}

/// Split into NFC lines numbered from 1, as a text editor numbers them.
fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
            Some(i) => {
                let skip =
                    if rest.as_bytes()[i] == b'\r' && rest.as_bytes().get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        let no = u32::try_from(out.len() + 1).unwrap_or(u32::MAX);
        out.push(Line { no, text: to_nfc(line), original: None, page: None, confidence: None });
        rest = next;
    }
    out
}

fn to_nfc(s: &str) -> String {
    if surely_nfc(s.as_bytes()) {
        return s.to_string();
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// A fast NFC check for Vietnamese text: characters below U+0300, in Latin Extended
/// Additional (U+1E00–U+1EFF, the precomposed Vietnamese letters) and in General
/// Punctuation are all NFC; anything else goes to the full quick check.
fn surely_nfc(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        // Skip ASCII eight bytes at a time.
        if let Some(chunk) = b.get(i..i + 8) {
            let w =
                u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
            if w & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        let c = b[i];
        if c < 0x80 {
            i += 1;
        } else if (0xC2..0xCC).contains(&c) {
            i += 2;
        } else if c == 0xE1 && matches!(b.get(i + 1), Some(0xB8..=0xBB))
            || c == 0xE2 && matches!(b.get(i + 1), Some(0x80 | 0x81))
        {
            i += 3;
        } else {
            return false;
        }
    }
    true
}

/// Refuse decoded text that is mostly control characters (binary junk that happened to decode).
fn check_text(name: &str, text: &str) -> Result<()> {
    // Bytes, not chars: control characters are ASCII, U+FFFD is EF BF BD.
    let head = &text.as_bytes()[..text.len().min(1 << 16)];
    let total = head.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let controls =
        head.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7F).count();
    let bad = controls + memchr::memmem::find_iter(head, "\u{FFFD}".as_bytes()).count();
    if total > 0 && bad * 20 > total {
        return Err(Error::Unrecognised {
            file: name.into(),
            detail: format!("{bad} of the first {total} characters are control characters — binary data, not text"),
        });
    }
    if text.trim().is_empty() {
        return Err(Error::Empty { file: name.into() });
    }
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    let d = sha2::Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in d {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn io_err(path: &Path, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        Error::NotFound { path: path.to_path_buf() }
    } else {
        Error::Io { path: path.to_path_buf(), source: e }
    }
}
