//! OCR with Tesseract's Vietnamese model (`tesseract … -l vie tsv`): text and the
//! mean word confidence of each page.

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use crate::{Error, Result};

/// Text of one OCR'd page, as lines, and its mean word confidence (0–100).
pub(crate) struct OcrPage {
    pub lines: Vec<String>,
    pub confidence: Option<f32>,
}

const LIMIT: Duration = Duration::from_secs(300);

/// OCR one image file.
pub(crate) fn image(file: &str, img: &Path) -> Result<OcrPage> {
    let dir = tempfile::tempdir().map_err(|e| Error::Tool {
        file: file.into(),
        tool: "tesseract".into(),
        detail: e.to_string(),
    })?;
    let base = dir.path().join("out");
    // `--psm 3`: automatic page segmentation, the default for whole pages; `vie` is LSTM-only.
    crate::tools::run(
        file,
        "tesseract",
        &[
            img.as_os_str(),
            base.as_os_str(),
            OsStr::new("-l"),
            OsStr::new("vie"),
            OsStr::new("--psm"),
            OsStr::new("3"),
            OsStr::new("tsv"),
        ],
        None,
        LIMIT,
    )?;
    let tsv = std::fs::read_to_string(base.with_extension("tsv")).map_err(|e| Error::Tool {
        file: file.into(),
        tool: "tesseract".into(),
        detail: format!("no TSV output: {e}"),
    })?;
    Ok(parse_tsv(&tsv))
}

/// Tesseract TSV: level page_num block_num par_num line_num word_num left top width height conf text.
fn parse_tsv(tsv: &str) -> OcrPage {
    let mut lines: Vec<String> = Vec::new();
    let mut key: Option<(u32, u32, u32)> = None;
    let mut par: Option<(u32, u32)> = None;
    let (mut sum, mut n) = (0f64, 0u32);
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let word = f[11].trim();
        if word.is_empty() {
            continue;
        }
        let num = |i: usize| f[i].parse::<u32>().unwrap_or(0);
        let k = (num(2), num(3), num(4));
        if let Ok(c) = f[10].parse::<f64>() {
            if c >= 0.0 {
                sum += c;
                n += 1;
            }
        }
        if key != Some(k) {
            // A new paragraph gets a blank line before it, as in a text file.
            if par.is_some_and(|p| p != (k.0, k.1)) {
                lines.push(String::new());
            }
            lines.push(String::new());
            key = Some(k);
            par = Some((k.0, k.1));
        }
        if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    #[allow(clippy::cast_possible_truncation)] // a mean of values in 0..=100
    let confidence = (n > 0).then(|| (sum / f64::from(n)) as f32);
    OcrPage { lines, confidence }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tsv_lines_and_confidence() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tĐảng\n\
5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\tbộ\n\
5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t70\tphường\n\
5\t1\t1\t2\t1\t1\t0\t0\t1\t1\t60\tmới\n";
        let p = super::parse_tsv(tsv);
        assert_eq!(p.lines, ["Đảng bộ", "phường", "", "mới"]);
        assert_eq!(p.confidence, Some(75.0));
    }
}
