//! The Excel workbook (bảng tính): one sheet per kind of item, Vietnamese headers, frozen header row,
//! filters, figures as numbers shown with a decimal comma, rows coloured by status.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::{category_vi, target_status_vi, task_status_vi, verdict_vi, vi_date, ReportError, Rows, Shade, Snapshot};

/// Sheet names, in order.
pub const SHEETS: [&str; 5] = ["Chỉ tiêu", "Kết quả", "Nhiệm vụ", "Văn bản dẫn", "Phát hiện"];

/// Figures stay numbers (sums and filters work); the format is tagged Vietnamese (`[$-42A]`, LCID
/// 0x042A) so a reader whose Excel or LibreOffice honours the tag sees "1.100" and "13,7"; whole numbers
/// show no decimals, others up to two.
const WHOLE: &str = "[$-42A]#,##0";
const DECIMAL: &str = "[$-42A]#,##0.0#";

/// Write the workbook of `snap` to `path`.
pub fn write(snap: &Snapshot, path: &std::path::Path) -> Result<(), ReportError> {
    let rows = snap.rows();
    let mut wb = Workbook::new();
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new().set_title("Sổ theo dõi chỉ tiêu, nhiệm vụ").set_author("theodoi"),
    );
    targets(wb.add_worksheet(), &rows)?;
    results(wb.add_worksheet(), &rows)?;
    tasks(wb.add_worksheet(), &rows)?;
    citations(wb.add_worksheet(), &rows)?;
    findings(wb.add_worksheet(), &rows)?;
    wb.save(path)?;
    Ok(())
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    cols: u16,
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0x1F4E79))
        .set_font_color(Color::White)
        .set_border(FormatBorder::Thin)
}

fn cell(shade: Option<Shade>) -> Format {
    let f = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    match shade {
        Some(s) => f.set_background_color(Color::RGB(s.rgb())),
        None => f,
    }
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, name: &str, headers: &[(&str, f64)]) -> Result<Sheet<'a>, XlsxError> {
        ws.set_name(name)?;
        let h = header_format();
        for (i, (title, width)) in headers.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, *title, &h)?;
            ws.set_column_width(i as u16, *width)?;
        }
        ws.set_row_height(0, 32)?;
        ws.set_freeze_panes(1, 0)?;
        // Printed: A4 landscape, one page wide, the header row on every page.
        ws.set_paper_size(9);
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0)?;
        Ok(Sheet { ws, row: 0, cols: headers.len() as u16 })
    }

    fn next(&mut self) {
        self.row += 1;
    }

    fn text(&mut self, col: u16, s: &str, shade: Option<Shade>) -> Result<(), XlsxError> {
        self.ws.write_string_with_format(self.row, col, s, &cell(shade))?;
        Ok(())
    }

    fn num(&mut self, col: u16, v: Option<f64>, shade: Option<Shade>) -> Result<(), XlsxError> {
        let whole = v.is_none_or(|v| v.fract() == 0.0);
        let f = cell(shade).set_num_format(if whole { WHOLE } else { DECIMAL }).set_align(FormatAlign::Right);
        match v.filter(|v| v.is_finite()) {
            Some(v) => self.ws.write_number_with_format(self.row, col, v, &f)?,
            None => self.ws.write_blank(self.row, col, &f)?,
        };
        Ok(())
    }

    fn finish(self) -> Result<(), XlsxError> {
        self.ws.autofilter(0, 0, self.row.max(1), self.cols - 1)?;
        Ok(())
    }
}

fn opt_date(d: &Option<String>) -> String {
    d.as_deref().map(vi_date).unwrap_or_default()
}

fn targets(ws: &mut Worksheet, rows: &Rows) -> Result<(), XlsxError> {
    let mut s = Sheet::new(
        ws,
        SHEETS[0],
        &[
            ("Mã", 8.0),
            ("Chỉ tiêu", 48.0),
            ("Lĩnh vực", 18.0),
            ("Mục tiêu", 18.0),
            ("Giá trị mục tiêu", 12.0),
            ("Đơn vị", 10.0),
            ("Thời hạn", 12.0),
            ("Tình trạng", 16.0),
            ("Giá trị mới nhất", 12.0),
            ("Ngày số liệu", 12.0),
            ("Tiến độ (%)", 10.0),
            ("Văn bản nguồn", 28.0),
            ("Dòng", 10.0),
            ("Nguyên văn", 45.0),
        ],
    )?;
    for t in &rows.targets {
        s.next();
        let sh = Some(t.shade);
        s.text(0, &t.code, None)?;
        s.text(1, &t.name, None)?;
        s.text(2, category_vi(&t.category), None)?;
        s.text(3, &t.target_text, None)?;
        s.num(4, t.value, None)?;
        s.text(5, &t.unit, None)?;
        s.text(6, &opt_date(&t.deadline), None)?;
        s.text(7, target_status_vi(t.status), sh)?;
        s.num(8, t.latest.as_ref().map(|l| l.0), None)?;
        s.text(9, &t.latest.as_ref().map(|l| vi_date(&l.1)).unwrap_or_default(), None)?;
        s.num(10, t.progress, sh)?;
        s.text(11, &t.source.doc, None)?;
        s.text(12, &t.source.lines(), None)?;
        s.text(13, t.source.text(), None)?;
    }
    s.finish()
}

fn results(ws: &mut Worksheet, rows: &Rows) -> Result<(), XlsxError> {
    let mut s = Sheet::new(
        ws,
        SHEETS[1],
        &[
            ("Mã", 8.0),
            ("Chỉ tiêu", 48.0),
            ("Lĩnh vực", 18.0),
            ("Kế hoạch", 12.0),
            ("Thực hiện", 12.0),
            ("Đơn vị", 10.0),
            ("Đánh giá của văn bản", 14.0),
            ("Đánh giá theo số liệu", 14.0),
            ("Văn bản nguồn", 28.0),
            ("Dòng", 10.0),
            ("Nguyên văn", 45.0),
        ],
    )?;
    for r in &rows.results {
        s.next();
        s.text(0, &r.code, None)?;
        s.text(1, &r.name, None)?;
        s.text(2, category_vi(&r.category), None)?;
        s.num(3, r.value, None)?;
        s.num(4, r.achieved, None)?;
        s.text(5, &r.unit, None)?;
        s.text(6, r.verdict.map(verdict_vi).unwrap_or(""), Some(r.shade))?;
        let disagree = matches!((r.verdict, r.implied), (Some(a), Some(b)) if (a == crate::Verdict::NotMet) != (b == crate::Verdict::NotMet));
        s.text(7, r.implied.map(verdict_vi).unwrap_or(""), disagree.then_some(Shade::Overdue))?;
        s.text(8, &r.source.doc, None)?;
        s.text(9, &r.source.lines(), None)?;
        s.text(10, r.source.text(), None)?;
    }
    s.finish()
}

fn tasks(ws: &mut Worksheet, rows: &Rows) -> Result<(), XlsxError> {
    let mut s = Sheet::new(
        ws,
        SHEETS[2],
        &[
            ("Mã", 8.0),
            ("Rõ việc (nội dung)", 50.0),
            ("Rõ người (chủ trì)", 24.0),
            ("Rõ trách nhiệm (phối hợp)", 24.0),
            ("Rõ thời gian (thời hạn)", 14.0),
            ("Thời gian ghi trong văn bản", 18.0),
            ("Rõ kết quả (sản phẩm)", 28.0),
            ("Tình trạng", 16.0),
            ("Ngày hoàn thành", 12.0),
            ("Văn bản nguồn", 28.0),
            ("Dòng", 10.0),
            ("Nguyên văn", 45.0),
        ],
    )?;
    for k in &rows.tasks {
        s.next();
        s.text(0, &k.code, None)?;
        s.text(1, &k.what, None)?;
        s.text(2, &k.lead, None)?;
        s.text(3, &k.partners, None)?;
        s.text(4, &opt_date(&k.deadline), None)?;
        s.text(5, &k.deadline_text, None)?;
        s.text(6, &k.product, None)?;
        s.text(7, task_status_vi(k.status), Some(k.shade))?;
        s.text(8, &opt_date(&k.done_on), None)?;
        s.text(9, &k.source.doc, None)?;
        s.text(10, &k.source.lines(), None)?;
        s.text(11, k.source.text(), None)?;
    }
    s.finish()
}

fn citations(ws: &mut Worksheet, rows: &Rows) -> Result<(), XlsxError> {
    let mut s = Sheet::new(
        ws,
        SHEETS[3],
        &[
            ("Số, ký hiệu", 18.0),
            ("Loại văn bản", 16.0),
            ("Ngày ban hành", 14.0),
            ("Cơ quan ban hành", 30.0),
            ("Văn bản dẫn", 28.0),
            ("Dòng", 10.0),
            ("Nguyên văn", 45.0),
        ],
    )?;
    for c in &rows.citations {
        s.next();
        s.text(0, &c.number, None)?;
        s.text(1, &c.kind, None)?;
        s.text(2, &opt_date(&c.date), None)?;
        s.text(3, &c.issuer, None)?;
        s.text(4, &c.source.doc, None)?;
        s.text(5, &c.source.lines(), None)?;
        s.text(6, c.source.text(), None)?;
    }
    s.finish()
}

fn findings(ws: &mut Worksheet, rows: &Rows) -> Result<(), XlsxError> {
    let mut s = Sheet::new(
        ws,
        SHEETS[4],
        &[
            ("Mã", 8.0),
            ("Mức độ", 12.0),
            ("Nội dung", 70.0),
            ("Tình trạng xem xét", 16.0),
            ("Người xem xét, ghi chú", 24.0),
            ("Loại", 22.0),
            ("Văn bản, dòng", 40.0),
        ],
    )?;
    for f in &rows.findings {
        s.next();
        let shade = if f.open { Shade::Overdue } else { Shade::NoData };
        s.text(0, &f.code, None)?;
        s.text(1, f.severity, None)?;
        s.text(2, &f.message, None)?;
        s.text(3, f.state, Some(shade))?;
        s.text(4, &f.review, None)?;
        s.text(5, &f.kind, None)?;
        let places = f
            .evidence
            .iter()
            .map(|e| format!("{}: {}–{}", e.doc, e.span.start, e.span.end))
            .collect::<Vec<_>>()
            .join("\n");
        s.text(6, &places, None)?;
    }
    s.finish()
}
