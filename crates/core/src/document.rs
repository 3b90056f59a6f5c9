use serde::{Deserialize, Serialize};

use crate::LineSpan;

/// One ingested file (văn bản): every original line, and the structure read from them.
///
/// Line numbers are those of the file as ingested (1-based, blank lines count);
/// for DOCX/PDF/scans they are the lines of the extracted text, which is kept in
/// `lines` so evidence can always be shown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the file name (e.g. `004_b4f7ce02ed2c6c24.txt`).
    pub id: String,
    /// Where the bytes came from and how they were read.
    pub source: Source,
    /// Every line, in order; `lines[i].no == i + 1`.
    pub lines: Vec<Line>,
    /// Structure: headings, paragraphs, tables, footnotes, header and closing blocks, in reading order.
    pub blocks: Vec<Block>,
    /// Footnotes detached from the running text.
    pub footnotes: Vec<Footnote>,
    /// Tables, from DOCX tables or rebuilt from flattened text.
    pub tables: Vec<Table>,
    /// Documents held in this file (one file may hold several).
    pub parts: Vec<Part>,
    /// What the document is, who issued it, when.
    pub meta: DocumentMeta,
    /// Problems met while reading that did not stop it.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// The text of a line by its 1-based number.
    pub fn line(&self, no: u32) -> Option<&str> {
        let i = usize::try_from(no).ok()?.checked_sub(1)?;
        self.lines.get(i).map(|l| l.text.as_str())
    }

    /// The lines of a span joined with `\n` (what [`crate::Evidence::text`] is cut from).
    pub fn span_text(&self, span: LineSpan) -> String {
        (span.start..=span.end).filter_map(|n| self.line(n)).collect::<Vec<_>>().join("\n")
    }
}

/// The file behind a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Path as given.
    pub path: String,
    /// The reader that was used.
    pub format: SourceFormat,
    /// Text encoding detected (e.g. `utf-8`, `utf-16le`, `windows-1258`, `tcvn3`, `vni`), when text.
    pub encoding: Option<String>,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Pages, for paginated sources (PDF, scans).
    pub pages: Vec<Page>,
    /// Set when the text was restored from damaged OCR (see the restore stage).
    pub restored: bool,
}

/// A page of a paginated source.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based page number.
    pub no: u32,
    /// Lines of the document text that came from this page.
    pub span: Option<LineSpan>,
    /// OCR mean confidence 0–100, when the page was OCR'd.
    pub ocr_confidence: Option<f32>,
}

/// How the bytes were read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Plain text in any supported encoding.
    #[default]
    Text,
    /// Office Open XML word document.
    Docx,
    /// PDF with a text layer.
    Pdf,
    /// PDF without text, OCR'd page by page.
    ScannedPdf,
    /// PNG/JPEG/TIFF image, OCR'd.
    Image,
}

/// One line of the source with its original 1-based number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// 1-based line number in the file as ingested.
    pub no: u32,
    /// The text (NFC), without the line break.
    pub text: String,
    /// The text before restoration, when restoration changed this line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// Page the line came from, for paginated sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// How sure the restorer was of this line (0–1: the share of its decoded words that won
    /// clearly), when the document was restored from damaged OCR; see [`LOW_CONFIDENCE`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

impl Line {
    /// Whether the line was restored with a confidence under [`LOW_CONFIDENCE`]: worth a look
    /// against the scan.
    pub fn is_doubtful(&self) -> bool {
        is_doubtful(self.confidence)
    }
}

/// A restored line whose confidence is under this is marked for checking against the scan
/// (`theodoi show`, the web viewer). Measured on 002 against 000: such lines hold 14.7 % wrong
/// syllables, the others 5.6 % (crates/restore README).
pub const LOW_CONFIDENCE: f32 = 0.8;

/// Whether a restoration confidence is under [`LOW_CONFIDENCE`] (`None`: not restored).
pub fn is_doubtful(confidence: Option<f32>) -> bool {
    confidence.is_some_and(|c| c < LOW_CONFIDENCE)
}

/// A unit of structure in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What kind of block.
    pub kind: BlockKind,
    /// The source lines it spans.
    pub span: LineSpan,
    /// Its text: hard line breaks re-joined, footnotes detached, page debris removed.
    pub text: String,
    /// Numbering and level, for headings and list items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Heading>,
    /// Index into [`Document::parts`].
    pub part: usize,
    /// Index into [`Document::tables`] for table blocks, [`Document::footnotes`] for footnotes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
}

/// Kinds of [`Block`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The header block: committee, number, place and date, title.
    Header,
    /// The document title ("BÁO CÁO CHÍNH TRỊ …").
    Title,
    /// A numbered or upper-case heading (`PHẦN I`, `I.`, `1.2.`).
    Heading,
    /// Running text.
    Paragraph,
    /// An item of a list (`-`, `+`, `*`, `a)`, `(1).`).
    ListItem,
    /// A table; `index` points into [`Document::tables`].
    Table,
    /// A footnote; `index` points into [`Document::footnotes`].
    Footnote,
    /// The closing block: "Nơi nhận", "T/M BAN CHẤP HÀNH", signer.
    Closing,
}

/// Numbering of a heading or list item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// The numbering as written: `PHẦN I`, `I.`, `1.2.3.`, `(1).`, `a)`, `-`.
    pub numbering: String,
    /// Depth, 1 = top.
    pub level: u8,
    /// The heading text without its numbering.
    pub title: String,
}

/// A footnote (chú thích) detached from the text, linked to its marks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    /// The mark as written ("1", "53").
    pub mark: String,
    /// Lines the footnote occupies.
    pub span: LineSpan,
    /// Footnote text, without its mark.
    pub text: String,
    /// Where the mark stands in the running text.
    pub refs: Vec<FootnoteRef>,
}

/// A footnote mark in the running text ("Nhân dân1;", "sáp nhập(1)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FootnoteRef {
    /// Line of the mark.
    pub line: u32,
    /// Byte offset of the mark in that line.
    pub byte: usize,
}

/// A table, with group headers and sub-rows attached.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Title, e.g. "PHỤ LỤC 02 …".
    pub title: Option<String>,
    /// Lines the table spans.
    pub span: LineSpan,
    /// Column names (STT, Chỉ tiêu, Đơn vị tính, Chỉ tiêu, Thực hiện, Đánh giá …).
    pub header: Vec<String>,
    /// Rows in order.
    pub rows: Vec<Row>,
}

impl Default for LineSpan {
    fn default() -> Self {
        LineSpan { start: 1, end: 1 }
    }
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Lines of the row.
    pub span: LineSpan,
    /// The row number as written in the STT column ("1", "I"), if any.
    pub number: Option<String>,
    /// The group header this row belongs to ("I Các chỉ tiêu về công tác xây dựng Đảng").
    pub group: Option<String>,
    /// Index of the parent row for sub-rows ("Trong đó", unnumbered rows).
    pub parent: Option<usize>,
    /// Whether this row is itself a group header.
    pub is_group: bool,
    /// Cells, in column order.
    pub cells: Vec<Cell>,
}

/// A table cell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Cell text (NFC, trimmed).
    pub text: String,
    /// Lines the cell text came from.
    pub span: LineSpan,
}

/// One document held in a file (a file may hold several: 000 holds a political report and a self-review).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// Title as written.
    pub title: String,
    /// Lines.
    pub span: LineSpan,
    /// Kind of document.
    pub doc_type: DocType,
}

/// Document kinds (loại văn bản); serialised with the answer keys' names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// Báo cáo chính trị — political report to a congress.
    BaoCaoChinhTri,
    /// Báo cáo kiểm điểm — the committee's self-review.
    BaoCaoKiemDiem,
    /// Báo cáo tổng kết — year-end / final report.
    BaoCaoTongKet,
    /// Báo cáo sơ kết — mid-period report.
    BaoCaoSoKet,
    /// Chương trình hành động — action program.
    ChuongTrinhHanhDong,
    /// Thông tin kết quả Đại hội — congress results.
    ThongTinKetQuaDaiHoi,
    /// Nghị quyết — resolution.
    NghiQuyet,
    /// Kế hoạch — plan.
    KeHoach,
    /// Báo cáo — other report.
    BaoCao,
    /// Thông báo kết luận — conclusions of a standing-committee meeting.
    ThongBaoKetLuan,
    /// Chương trình công tác — a committee's work programme (toàn khóa, năm).
    ChuongTrinhCongTac,
    /// Quyết định — decision.
    QuyetDinh,
    /// Công văn — official letter ("V/v …").
    CongVan,
    /// Chương trình phối hợp — a joint programme of two bodies (a plan of work they share).
    ChuongTrinhPhoiHop,
    /// Tin bài — a news article saved from a website (a congress, a review conference, a
    /// conclusion told by a reporter): its past figures report, its stated goals are goals.
    TinBai,
    /// Not recognised.
    #[default]
    Other,
}

/// Header and metadata of a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// Kind of the (first) document.
    pub doc_type: DocType,
    /// Title as written.
    pub title: Option<String>,
    /// Issuing organisation, e.g. "Phường Nam Đồng" (Đảng bộ phường …).
    pub org: Option<String>,
    /// Its parent, e.g. "Thành phố Hải Phòng".
    pub parent_org: Option<String>,
    /// Document number, e.g. "125-BC/ĐU".
    pub number: Option<String>,
    /// Place of issue.
    pub place: Option<String>,
    /// Date of issue, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// "(Dự thảo)".
    pub draft: bool,
    /// Term (nhiệm kỳ), e.g. "2025-2030".
    pub term: Option<String>,
    /// Signer, e.g. "Nguyễn Văn A" under "T/M BAN CHẤP HÀNH".
    pub signer: Option<String>,
}

/// Severity of a diagnostic or finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For information.
    Info,
    /// Worth a look.
    Warning,
    /// Wrong.
    Error,
}

/// A problem met while reading that did not stop it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How bad.
    pub severity: Severity,
    /// Line, when it concerns one.
    pub line: Option<u32>,
    /// What happened, and what was expected.
    pub message: String,
}
