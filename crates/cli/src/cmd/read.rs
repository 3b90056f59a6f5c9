//! Reading flags shared by every command that reads documents (`ingest`, `extract`, `add`).

/// How documents are read.
#[derive(clap::Args, Debug, Clone)]
pub struct ReadArgs {
    #[arg(long, default_value_t = 64, help = crate::msg::tr("Từ chối tệp lớn hơn số MiB này (kiểm tra trước khi đọc).", "Refuse files larger than this many MiB (checked before reading)."))]
    pub max_mib: u64,
    #[arg(long, help = crate::msg::tr(
        "Không khôi phục văn bản OCR hỏng (mặc định văn bản OCR sai ngôn ngữ hoặc gõ không dấu được \
         khôi phục trước khi đọc cấu trúc; số dòng giữ nguyên).",
        "Do not restore damaged OCR text (by default text that reads as wrong-language OCR or text \
         without marks is restored before its structure is read; line numbers are kept)."
    ))]
    pub no_restore: bool,
}

impl ReadArgs {
    /// The ingest options these flags ask for.
    pub fn options(&self) -> theodoi_ingest::Options {
        theodoi_ingest::Options {
            max_bytes: self.max_mib.saturating_mul(1024 * 1024),
            // Per-page OCR bar on a terminal; never with -q.
            progress: !crate::msg::quiet() && std::io::IsTerminal::is_terminal(&std::io::stderr()),
            restore: !self.no_restore,
        }
    }
}

/// Read one document; a long read (OCR, restoration) ends with a one-line summary on stderr
/// (unless `-q`), so work that took seconds is never silent, on a terminal or in a log.
pub fn read_document(
    path: &std::path::Path,
    opts: &theodoi_ingest::Options,
) -> Result<theodoi_core::Document, theodoi_ingest::Error> {
    let started = std::time::Instant::now();
    let doc = theodoi_ingest::read_path_with(path, opts)?;
    let secs = started.elapsed().as_secs_f64();
    let ocr: Vec<f32> = doc.source.pages.iter().filter_map(|p| p.ocr_confidence).collect();
    if !crate::msg::quiet() && (secs >= 2.0 || !ocr.is_empty() || doc.source.restored) {
        eprintln!("{}", summary(&doc.id, ocr.len(), mean(&ocr), doc.source.restored, secs));
    }
    Ok(doc)
}

fn mean(v: &[f32]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().map(|x| f64::from(*x)).sum::<f64>() / v.len() as f64)
}

/// "FILE: 3 trang OCR (độ tin cậy 91,2%), đã khôi phục, 23,1 s".
fn summary(file: &str, ocr_pages: usize, conf: Option<f64>, restored: bool, secs: f64) -> String {
    use crate::msg::{counted, num, tr};
    let mut parts = Vec::new();
    if ocr_pages > 0 {
        let pages = counted(ocr_pages, "trang", "page", "pages");
        let conf = conf.map(|c| format!(" ({} {}%)", tr("độ tin cậy", "confidence"), num((c * 10.0).round() / 10.0)));
        parts.push(format!("{pages} OCR{}", conf.unwrap_or_default()));
    }
    if restored {
        parts.push(tr("đã khôi phục văn bản OCR hỏng", "damaged OCR text restored").to_string());
    }
    parts.push(format!("{} s", num((secs * 10.0).round() / 10.0)));
    format!("theodoi: {file}: {}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    #[test]
    fn summary_in_one_line() {
        crate::msg::set_lang(crate::msg::Lang::Vi);
        assert_eq!(
            super::summary("quet.pdf", 3, Some(91.24), true, 23.06),
            "theodoi: quet.pdf: 3 trang OCR (độ tin cậy 91,2%), đã khôi phục văn bản OCR hỏng, 23,1 s"
        );
        assert_eq!(super::summary("a.txt", 0, None, false, 2.0), "theodoi: a.txt: 2 s");
    }
}
