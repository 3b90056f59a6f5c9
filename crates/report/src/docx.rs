//! A draft periodic review report (dự thảo báo cáo sơ kết / tổng kết) in Word, in the documents' own
//! structure: the header block (committee, number left blank, place and date), the results per
//! category with a table and a chart, the tasks overdue with their lead units, the findings to
//! resolve, and an appendix listing every source a figure was read from. An office edits it rather
//! than writes it; each figure's `[n]` leads to its document and lines in the appendix.

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Pic, Run, RunFonts, Shading, Table, TableCell,
    TableRow, VAlignType, WidthType,
};

use crate::chart::{self, Bar, PARTS};
use crate::{
    category_vi, target_status_vi, task_status_vi, verdict_vi, vi_date, vi_num, Period, ReportError, Rows, Shade,
    Snapshot, Source,
};

/// Categories in the order the documents treat them.
const CATEGORIES: [&str; 7] =
    ["economy", "urban", "culture_society", "admin_reform", "defense_security", "party", "other"];

/// Text width of an A4 page with the usual margins (3 cm left, 2 cm right), in twips.
const TEXT_WIDTH: usize = 9070;

/// Write the report of `snap` for `period` to `path`.
pub fn write(snap: &Snapshot, period: Period, path: &std::path::Path) -> Result<(), ReportError> {
    let file =
        std::fs::File::create(path).map_err(|source| ReportError::Io { path: path.display().to_string(), source })?;
    build(snap, period)?.build().pack(file).map_err(|e| ReportError::Docx(e.to_string()))
}

/// Texts that are not allowed in XML (control characters) are dropped.
fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() || matches!(c, '\t' | '\n')).collect()
}

fn run(s: &str) -> Run {
    Run::new().add_text(clean(s))
}

fn para(s: &str) -> Paragraph {
    Paragraph::new().add_run(run(s)).align(AlignmentType::Both)
}

fn centered(s: &str, bold: bool) -> Paragraph {
    let r = if bold { run(s).bold() } else { run(s) };
    Paragraph::new().add_run(r).align(AlignmentType::Center)
}

fn heading(s: &str) -> Paragraph {
    Paragraph::new().add_run(run(s).bold()).keep_next(true)
}

fn cell(s: &str, width: usize, shade: Option<Shade>, bold: bool, size: usize) -> TableCell {
    let mut r = run(s).size(size);
    if bold {
        r = r.bold();
    }
    let mut c = TableCell::new().add_paragraph(Paragraph::new().add_run(r)).width(width, WidthType::Dxa);
    if let Some(sh) = shade {
        c = c.shading(Shading::new().fill(format!("{:06X}", sh.rgb())));
    }
    c.vertical_align(VAlignType::Center)
}

/// A table with a bold, shaded header row; `widths` in twips.
fn table(headers: &[&str], widths: &[usize], rows: Vec<Vec<(String, Option<Shade>)>>) -> Table {
    let head = TableRow::new(
        headers
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(h, *w, None, true, 22).shading(Shading::new().fill("D9E2F3")))
            .collect(),
    );
    let mut out = vec![head];
    for r in rows {
        out.push(TableRow::new(r.iter().zip(widths).map(|((s, sh), w)| cell(s, *w, *sh, false, 22)).collect()));
    }
    Table::new(out).set_grid(widths.to_vec()).width(widths.iter().sum(), WidthType::Dxa)
}

/// Sources cited in the report, numbered in order of first use (looked up by document and spans:
/// a city-wide report cites tens of thousands).
#[derive(Default)]
struct Sources {
    list: Vec<Source>,
    index: std::collections::HashMap<String, usize>,
}

impl Sources {
    fn cite(&mut self, s: &Source) -> String {
        let key = format!("{}\u{1f}{}\u{1f}{}", s.doc, s.lines(), s.text());
        let n = *self.index.entry(key).or_insert_with(|| {
            self.list.push(s.clone());
            self.list.len()
        });
        format!("[{n}]")
    }
}

/// The committee's name as the header prints it: "Đảng bộ phường Nam Đồng" → "ĐẢNG ỦY PHƯỜNG NAM ĐỒNG".
fn committee(org: &str) -> String {
    let t = org.trim();
    let lower = t.to_lowercase();
    let rest = ["đảng bộ ", "đảng ủy ", "đảng uỷ ", "ban chấp hành đảng bộ "]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| &t[p.len()..]))
        .unwrap_or(t);
    format!("ĐẢNG ỦY {}", rest.to_uppercase())
}

/// The upper level's name as the header prints it: "Thành phố Bắc Lâm" → "ĐẢNG BỘ THÀNH PHỐ BẮC LÂM".
fn upper_committee(parent: &str) -> String {
    let up = parent.trim().to_uppercase();
    if up.starts_with("ĐẢNG") {
        up
    } else {
        format!("ĐẢNG BỘ {up}")
    }
}

/// The place in the date line: the ward's or commune's own name ("Phường Nam Đồng" → "Nam Đồng").
fn place(org: &str) -> String {
    let lower = org.to_lowercase();
    for unit in ["phường ", "xã ", "thị trấn ", "quận ", "huyện ", "thành phố ", "tỉnh "] {
        if let Some(i) = lower.rfind(unit) {
            // Lower-casing keeps byte lengths for Vietnamese letters, so the index holds in `org`.
            if let Some(name) = org.get(i + unit.len()..) {
                return name.trim().to_string();
            }
        }
    }
    org.trim().to_string()
}

/// The organisation the report is about: the one most of the documents name.
fn organisation(snap: &Snapshot) -> (String, Option<String>) {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in &snap.docs {
        if let Some(o) = d.extraction.org.as_deref() {
            *counts.entry(o).or_default() += 1;
        }
    }
    let org = counts.iter().max_by_key(|(_, n)| **n).map(|(o, _)| o.to_string());
    let parent = org.as_deref().and_then(|o| {
        snap.docs.iter().find(|d| d.extraction.org.as_deref() == Some(o)).and_then(|d| d.extraction.parent_org.clone())
    });
    (org.or_else(|| snap.org.clone()).unwrap_or_else(|| "…".into()), parent)
}

fn build(snap: &Snapshot, period: Period) -> Result<Docx, ReportError> {
    let (_, end) = period.days();
    let made_on = snap.today;
    let as_of = snap.today.min(end);
    let snap = Snapshot { today: as_of, ..snap.clone() };
    let all = snap.rows();
    // Results are those the period's own documents report; targets and tasks are all in force.
    let in_period = snap.rows_where(|d| d.date.as_deref().is_some_and(|x| period.holds(x)));
    let rows = Rows { results: in_period.results, ..all };
    let (org, parent) = organisation(&snap);
    let mut sources = Sources::default();

    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(1134).bottom(1134).left(1701).right(1134).header(709).footer(709))
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman")
                .east_asia("Times New Roman"),
        )
        .default_size(28)
        .default_line_spacing(LineSpacing::new().after(120));

    // Header block: committee on the left, the Party's name on the right; number left blank.
    let left = TableCell::new()
        .add_paragraph(centered(&parent.as_deref().map(upper_committee).unwrap_or_default(), false))
        .add_paragraph(centered(&committee(&org), true))
        .add_paragraph(centered("*", false))
        .add_paragraph(centered("Số        -BC/ĐU", false))
        .width(4000, WidthType::Dxa)
        .clear_all_border();
    let date =
        format!("{}, ngày {} tháng {} năm {}", place(&org), as_of.format("%d"), as_of.format("%m"), as_of.format("%Y"));
    let right = TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(run("ĐẢNG CỘNG SẢN VIỆT NAM").bold().underline("single"))
                .align(AlignmentType::Center),
        )
        .add_paragraph(centered("", false))
        .add_paragraph(Paragraph::new().add_run(run(&date).italic()).align(AlignmentType::Center))
        .width(5070, WidthType::Dxa)
        .clear_all_border();
    doc = doc.add_table(Table::without_borders(vec![TableRow::new(vec![left, right])]).set_grid(vec![4000, 5070]));
    doc = doc
        .add_paragraph(Paragraph::new())
        .add_paragraph(Paragraph::new().add_run(run("BÁO CÁO").bold().size(32)).align(AlignmentType::Center))
        .add_paragraph(centered(&format!("{} thực hiện Nghị quyết, chương trình công tác", period.title()), true))
        .add_paragraph(centered("-----", false))
        .add_paragraph(
            Paragraph::new().add_run(
                run(&format!(
                    "(Dự thảo do theodoi lập từ sổ theo dõi ngày {}; mỗi số liệu có dẫn nguồn [n] ở Phụ lục. \
                 Văn phòng rà soát, bổ sung đánh giá trước khi trình.)",
                    made_on.format("%d/%m/%Y")
                ))
                .italic()
                .size(24),
            ),
        );

    // I. Results per category.
    doc = doc.add_paragraph(heading("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"));
    let mut bars = Vec::new();
    let mut n = 0;
    for cat in CATEGORIES {
        let targets: Vec<_> = rows.targets.iter().filter(|t| t.category == cat).collect();
        let results: Vec<_> = rows.results.iter().filter(|r| r.category == cat).collect();
        if targets.is_empty() && results.is_empty() {
            continue;
        }
        n += 1;
        let mut counts = [0usize; 5];
        for sh in targets.iter().map(|t| t.shade).chain(results.iter().map(|r| r.shade)) {
            if let Some(k) = PARTS.iter().position(|(s, _)| *s == sh) {
                counts[k] += 1;
            }
        }
        bars.push(Bar { label: category_vi(cat).to_string(), counts });
        doc = doc.add_paragraph(heading(&format!("{n}. {}", category_vi(cat))));
        let summary = PARTS
            .iter()
            .zip(counts)
            .filter(|(_, c)| *c > 0)
            .map(|((_, w), c)| format!("{} {}", c, w.to_lowercase()))
            .collect::<Vec<_>>()
            .join("; ");
        doc = doc.add_paragraph(para(&format!(
            "Lĩnh vực có {} chỉ tiêu và kết quả được theo dõi: {summary}.",
            targets.len() + results.len()
        )));
        let mut table_rows = Vec::new();
        for r in &results {
            let plan =
                if r.target_text.is_empty() { r.value.map(vi_num).unwrap_or_default() } else { r.target_text.clone() };
            let done = match r.achieved {
                Some(a) => format!("{} {}", vi_num(a), r.unit).trim().to_string(),
                None => r.achieved_text.clone(),
            };
            let verdict = r.verdict.or(r.implied).map(verdict_vi).unwrap_or("—");
            table_rows.push(vec![
                (format!("{}", table_rows.len() + 1), None),
                (r.name.clone(), None),
                (plan, None),
                (done, None),
                (verdict.to_string(), Some(r.shade)),
                (sources.cite(&r.source), None),
            ]);
        }
        for t in &targets {
            let value = match &t.latest {
                Some((v, d)) => format!("{} {} ({})", vi_num(*v), t.unit, vi_date(d)),
                None => "—".into(),
            };
            let mut goal = t.target_text.clone();
            if let Some(d) = &t.deadline {
                goal = format!("{goal} (hạn {})", vi_date(d)).trim().to_string();
            }
            table_rows.push(vec![
                (format!("{}", table_rows.len() + 1), None),
                (t.name.clone(), None),
                (goal, None),
                (value, None),
                (target_status_vi(t.status).to_string(), Some(t.shade)),
                (sources.cite(&t.source), None),
            ]);
        }
        doc = doc.add_table(table(
            &["TT", "Chỉ tiêu", "Mục tiêu", "Kết quả / giá trị mới nhất", "Tình trạng", "Nguồn"],
            &[600, 3070, 1600, 1600, 1300, 900],
            table_rows,
        ));
        doc = doc.add_paragraph(Paragraph::new());
    }
    if bars.is_empty() {
        doc = doc.add_paragraph(para("Sổ theo dõi chưa có chỉ tiêu nào của đơn vị."));
    } else {
        let (png, (w, h)) =
            chart::png(&format!("Tiến độ chỉ tiêu theo lĩnh vực đến {}", as_of.format("%d/%m/%Y")), &bars)?;
        // Scale to the text width: 1 twip = 635 EMU.
        let w_emu = (TEXT_WIDTH * 635) as u32;
        let h_emu = (w_emu as u64 * h as u64 / w.max(1) as u64) as u32;
        doc = doc.add_paragraph(heading("Biểu đồ: tiến độ chỉ tiêu theo lĩnh vực")).add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_image(Pic::new_with_dimensions(png, w, h).size(w_emu, h_emu)))
                .align(AlignmentType::Center),
        );
    }

    // II. Overdue tasks with their lead units.
    doc = doc.add_paragraph(heading("II. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH"));
    let overdue: Vec<_> = rows.tasks.iter().filter(|k| k.status == theodoi_core::TaskStatus::Overdue).collect();
    if overdue.is_empty() {
        doc = doc.add_paragraph(para("Không có nhiệm vụ quá hạn trong sổ theo dõi."));
    } else {
        doc = doc.add_paragraph(para(&format!(
            "Có {} nhiệm vụ đã quá thời hạn mà chưa ghi nhận hoàn thành, đề nghị các đơn vị chủ trì báo cáo tiến độ:",
            overdue.len()
        )));
        let mut table_rows = Vec::new();
        for k in overdue {
            table_rows.push(vec![
                (format!("{}", table_rows.len() + 1), None),
                (k.what.clone(), None),
                (if k.lead.is_empty() { "(chưa rõ)".into() } else { k.lead.clone() }, None),
                (k.product.clone(), None),
                (k.deadline.as_deref().map(vi_date).unwrap_or_default(), Some(k.shade)),
                (task_status_vi(k.status).to_string(), Some(k.shade)),
                (sources.cite(&k.source), None),
            ]);
        }
        doc = doc.add_table(table(
            &["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Kết quả/sản phẩm", "Thời hạn", "Tình trạng", "Nguồn"],
            &[500, 2870, 1600, 1500, 1100, 1000, 500],
            table_rows,
        ));
    }

    // III. Findings to resolve.
    doc = doc.add_paragraph(Paragraph::new()).add_paragraph(heading("III. NHỮNG VẤN ĐỀ CẦN RÀ SOÁT, XỬ LÝ"));
    let open: Vec<_> = rows.findings.iter().filter(|f| f.open).collect();
    if open.is_empty() {
        doc = doc.add_paragraph(para("Kiểm tra trên dữ liệu không còn phát hiện nào chưa xử lý."));
    }
    for (i, f) in open.iter().enumerate() {
        let cites: Vec<String> = f
            .evidence
            .iter()
            .map(|e| sources.cite(&Source { doc: e.doc.clone(), evidence: vec![e.clone()] }))
            .collect();
        doc = doc.add_paragraph(para(&format!(
            "{}. ({}, {}) {} {}",
            i + 1,
            f.code,
            f.severity,
            f.message,
            cites.join(" ")
        )));
    }

    // IV. Left for the office.
    doc = doc
        .add_paragraph(heading("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"))
        .add_paragraph(para("(Văn phòng bổ sung.)"))
        .add_paragraph(Paragraph::new());
    let sign = TableCell::new()
        .add_paragraph(centered("T/M ĐẢNG ỦY", true))
        .add_paragraph(centered("BÍ THƯ", true))
        .width(4535, WidthType::Dxa)
        .clear_all_border();
    let recipients = TableCell::new()
        .add_paragraph(Paragraph::new().add_run(run("Nơi nhận:").italic().underline("single").size(24)))
        .add_paragraph(Paragraph::new().add_run(run("- Như trên,").size(22)))
        .add_paragraph(Paragraph::new().add_run(run("- Lưu Văn phòng.").size(22)))
        .width(4535, WidthType::Dxa)
        .clear_all_border();
    doc = doc.add_table(Table::without_borders(vec![TableRow::new(vec![recipients, sign])]).set_grid(vec![4535, 4535]));

    // Appendix: every source.
    doc = doc
        .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
        .add_paragraph(centered("PHỤ LỤC", true))
        .add_paragraph(centered("Nguồn của các số liệu trong báo cáo (văn bản, dòng, nguyên văn)", false));
    let mut table_rows = Vec::new();
    for (i, s) in sources.list.iter().enumerate() {
        table_rows.push(vec![
            (format!("[{}]", i + 1), None),
            (s.doc.clone(), None),
            (s.lines(), None),
            (s.text().to_string(), None),
        ]);
    }
    if !table_rows.is_empty() {
        doc = doc.add_table(table(&["Số", "Văn bản", "Dòng", "Nguyên văn"], &[700, 2400, 900, 5070], table_rows));
    }
    doc = doc.add_paragraph(Paragraph::new()).add_paragraph(heading("Các văn bản trong sổ theo dõi"));
    for d in &snap.docs {
        let mut line = format!("- {} (bản {}", d.file, d.version);
        if let Some(date) = &d.date {
            line.push_str(&format!(", ngày {}", vi_date(date)));
        }
        line.push(')');
        doc = doc.add_paragraph(para(&line));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names() {
        assert_eq!(committee("Đảng bộ phường Nam Đồng"), "ĐẢNG ỦY PHƯỜNG NAM ĐỒNG");
        assert_eq!(place("Đảng bộ phường Nam Đồng"), "Nam Đồng");
        assert_eq!(place("Đảng bộ xã Tân Lập"), "Tân Lập");
        assert_eq!(clean("a\u{1}b\nc"), "ab\nc");
    }
}
