//! PDF: the text layer with `pdftotext -layout` (poppler-utils; exact for Vietnamese,
//! unlike lopdf's extractor), page by page; pages without text are rendered with
//! `pdftoppm -r 300` and OCR'd with Tesseract `vie`.

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use crate::{Error, Result};

const LIMIT: Duration = Duration::from_secs(300);

/// Whether the bytes are a PDF (the header may follow a little junk).
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// One page of text: its lines, and the OCR confidence when it was OCR'd.
pub(crate) struct PdfPage {
    pub lines: Vec<String>,
    pub ocr_confidence: Option<f32>,
}

/// Read a PDF's pages; `progress` shows a bar while OCR'ing.
pub(crate) fn read(file: &str, bytes: &[u8], progress: bool) -> Result<(Vec<PdfPage>, bool)> {
    let dir = tempfile::tempdir()
        .map_err(|e| Error::Pdf { file: file.into(), detail: format!("cannot create a temporary directory: {e}") })?;
    let pdf = dir.path().join("in.pdf");
    std::fs::write(&pdf, bytes).map_err(|e| Error::Pdf { file: file.into(), detail: e.to_string() })?;
    // `-layout` for the lines, `-bbox-layout` for the word boxes of tables printed in columns
    let pdftotext = |mode: &str, out: &std::path::Path| {
        let args = [OsStr::new(mode), OsStr::new("-enc"), OsStr::new("UTF-8"), pdf.as_os_str(), out.as_os_str()];
        crate::tools::run(file, "pdftotext", &args, None, LIMIT)
    };
    let txt = dir.path().join("out.txt");
    let r = pdftotext("-layout", &txt);
    if let Err(Error::Tool { detail, .. }) = &r {
        if !detail.contains("not installed") {
            return Err(Error::Pdf {
                file: file.into(),
                detail: format!("pdftotext cannot read it ({detail}); it may be truncated or encrypted"),
            });
        }
    }
    r?;
    let text = std::fs::read(&txt).map_err(|e| Error::Pdf { file: file.into(), detail: e.to_string() })?;
    let text = String::from_utf8_lossy(&text);
    // pdftotext ends every page with a form feed.
    let mut pages: Vec<PdfPage> = text
        .split('\x0c')
        .map(|p| PdfPage { lines: p.lines().map(|l| l.trim_end().to_string()).collect(), ocr_confidence: None })
        .collect();
    if pages.last().is_some_and(|p| p.lines.iter().all(|l| l.trim().is_empty())) && pages.len() > 1 {
        pages.pop();
    }
    // Tables printed in columns are read again from the word boxes (see `pdf_grid`); without
    // them (an old poppler, a failure) the pages keep `-layout`'s lines.
    let bbox = dir.path().join("bbox.html");
    let boxed = pdftotext("-bbox-layout", &bbox);
    if let Some(words) =
        boxed.ok().and_then(|_| std::fs::read_to_string(&bbox).ok()).and_then(|x| crate::pdf_grid::parse_bbox(&x))
    {
        let mut lines: Vec<Vec<String>> = pages.iter_mut().map(|p| std::mem::take(&mut p.lines)).collect();
        crate::pdf_grid::rebuild(&mut lines, &words);
        for (page, l) in pages.iter_mut().zip(lines) {
            page.lines = l;
        }
    }
    let empty: Vec<usize> = pages.iter().enumerate().filter(|(_, p)| chars(&p.lines) < 10).map(|(i, _)| i).collect();
    let scanned = !empty.is_empty() && empty.len() == pages.len();
    if !empty.is_empty() {
        let bar = progress_bar(progress, empty.len());
        for &i in &empty {
            let no = (i + 1).to_string();
            let prefix = dir.path().join(format!("p{no}"));
            crate::tools::run(
                file,
                "pdftoppm",
                &[
                    OsStr::new("-r"),
                    OsStr::new("300"),
                    OsStr::new("-f"),
                    OsStr::new(&no),
                    OsStr::new("-l"),
                    OsStr::new(&no),
                    OsStr::new("-png"),
                    OsStr::new("-singlefile"),
                    pdf.as_os_str(),
                    prefix.as_os_str(),
                ],
                None,
                LIMIT,
            )?;
            let png = prefix.with_extension("png");
            let page = crate::ocr::image(file, Path::new(&png)).map_err(|e| match e {
                Error::Tool { tool, detail, .. } => Error::Ocr {
                    file: file.into(),
                    page: u32::try_from(i + 1).ok(),
                    detail: format!("{tool}: {detail}"),
                },
                e => e,
            })?;
            pages[i] = PdfPage { lines: page.lines, ocr_confidence: page.confidence };
            if let Some(b) = &bar {
                b.inc(1);
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
    }
    Ok((pages, scanned))
}

fn chars(lines: &[String]) -> usize {
    lines.iter().map(|l| l.chars().filter(|c| !c.is_whitespace()).count()).sum()
}

/// A progress bar on stderr (indicatif draws nothing when stderr is not a terminal).
pub(crate) fn progress_bar(show: bool, n: usize) -> Option<indicatif::ProgressBar> {
    if !show {
        return None;
    }
    let b = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("OCR {bar:30} {pos}/{len} pages {elapsed}") {
        b.set_style(style);
    }
    Some(b)
}
