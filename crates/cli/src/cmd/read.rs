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
            progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            restore: !self.no_restore,
        }
    }
}
