//! Tables whose rows stand one per line with their cells set apart by "|" or tabs: text
//! copied from a web page or a word processor ("| STT | Nội dung | Cơ quan chủ trì | … |",
//! "1\tThu ngân sách\tTỷ đồng\t12,0\t12,5"), Markdown pipe tables, and the lines the DOCX
//! reader itself writes for a table (cells joined by " | "), saved as text.
//!
//! The other readers cannot see these: `tables` cuts a row at runs of spaces, `cell_tables`
//! wants one cell per line. Here a table starts at a delimited header whose first cell is
//! "STT"/"TT" or whose cells name two known columns (results: "Chỉ tiêu", "ĐVT", "Kế hoạch",
//! "Thực hiện"; tasks: "Nội dung", "Cơ quan chủ trì", "Thời gian"); each following delimited
//! line is a row (a Markdown rule "|---|" is skipped), until a line without a delimiter.
//! Rows are classified as the DOCX reader classifies them: numbered, group ("I", an upper-case
//! name alone) or sub-row of the last numbered row.

use theodoi_core::{Cell, LineSpan, Row, Table};
use theodoi_text::fold_fast as fold;

use crate::layout::Lines;

/// Folded header words of the columns extraction reads (results and task tables); a header
/// line names some of them, whether its cells are set apart by "|", tabs or a PDF's word boxes.
pub(crate) const COLUMN_WORDS: &[&str] = &[
    "chi tieu",
    "dvt",
    "don vi tinh",
    "ke hoach",
    "thuc hien",
    "so sanh",
    "danh gia",
    "noi dung",
    "nhiem vu",
    "chu tri",
    "phoi hop",
    "thoi gian",
    "thoi han",
    "nghi quyet",
    "muc tieu",
    "san pham",
    "ghi chu",
];

/// The cells of a delimited line, or None when the line is not one: at least two "|" or a
/// tab between two non-empty cells.
fn cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let parts: Vec<&str> = if t.matches('|').count() >= 2 {
        t.trim_start_matches('|').trim_end_matches('|').split('|').collect()
    } else if t.contains('\t') {
        t.split('\t').collect()
    } else {
        return None;
    };
    let cells: Vec<String> = parts.iter().map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    (cells.iter().filter(|c| !c.is_empty()).count() >= 2).then_some(cells)
}

/// A Markdown rule row ("|---|:---:|").
fn is_rule(cells: &[String]) -> bool {
    cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | '=' | ' ')))
}

fn is_header(cells: &[String]) -> bool {
    let first = fold(cells.first().map_or("", String::as_str));
    let known = cells.iter().filter(|c| COLUMN_WORDS.iter().any(|k| fold(c).contains(k))).count();
    (first == "stt" || first == "tt" || first == "so tt") && known >= 1 || known >= 2
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Delimited tables outside the spans of `known` tables (lines owned by footnotes are skipped).
pub(crate) fn find(lines: &Lines<'_>, footnote: &[Option<usize>], known: &[Table]) -> Vec<Table> {
    let n = lines.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let free = |k: usize| footnote[k].is_none() && !known.iter().any(|t| t.span.contains(k as u32 + 1));
        let Some(header) = cells(lines.text[i]).filter(|c| free(i) && is_header(c)) else {
            i += 1;
            continue;
        };
        let width = header.len();
        let mut rows: Vec<Row> = Vec::new();
        let mut group: Option<String> = None;
        let mut parent: Option<usize> = None;
        let mut last = i;
        let mut j = i + 1;
        while j < n && free(j) {
            let t = lines.text[j];
            // a blank line inside the table when the next line goes on with it
            if t.trim().is_empty() {
                // … with the same delimiter, and not the header of another table
                let bar = |l: &str| l.matches('|').count() >= 2;
                let goes_on = lines
                    .text
                    .get(j + 1)
                    .is_some_and(|l| bar(l) == bar(lines.text[i]) && cells(l).is_some_and(|c| !is_header(&c)));
                if goes_on && !rows.is_empty() {
                    j += 1;
                    continue;
                }
                break;
            }
            let Some(mut cs) = cells(t) else { break };
            if is_rule(&cs) {
                j += 1;
                continue;
            }
            cs.resize(width.max(cs.len()), String::new());
            let first = cs[0].trim_end_matches('.').to_string();
            let rest_empty = cs.iter().skip(2).all(String::is_empty);
            let is_group = is_roman(&first)
                || (first.is_empty()
                    && rest_empty
                    && cs.get(1).is_some_and(|c| !c.is_empty() && !c.chars().any(char::is_lowercase)));
            let numbered = !first.is_empty() && first.chars().all(|c| c.is_ascii_digit() || c == '.');
            let span = LineSpan::line(j as u32 + 1);
            let row_group = if is_group { None } else { group.clone() };
            let row_parent = if numbered || is_group { None } else { parent };
            if is_group {
                group = Some(cs.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(" "));
                parent = None;
            }
            if numbered {
                parent = Some(rows.len());
            }
            rows.push(Row {
                span,
                number: (!first.is_empty()).then_some(first),
                group: row_group,
                parent: row_parent,
                is_group,
                cells: cs.into_iter().map(|text| Cell { text, span }).collect(),
            });
            last = j;
            j += 1;
        }
        if rows.iter().any(|r| r.number.is_some()) {
            let title =
                (i.saturating_sub(4)..i).find(|&x| fold(lines.text[x].trim()).starts_with("phu luc")).map(|x| {
                    let next = lines.text.get(x + 1).map(|l| l.trim()).unwrap_or("");
                    format!("{} {}", lines.text[x].trim(), next).trim().to_string()
                });
            out.push(Table { title, span: LineSpan::new(i as u32 + 1, last as u32 + 1), header, rows });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Table> {
        let lines = Lines::new(text.lines().collect());
        let fnote = vec![None; lines.len()];
        find(&lines, &fnote, &[])
    }

    #[test]
    fn pipe_and_tab_tables_of_tasks_and_results() {
        let t = read(
            "III. TỔ CHỨC THỰC HIỆN\n| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n|---|---|---|---|---|\n| 1 | Xây dựng kế hoạch | Văn phòng Đảng ủy | Các chi bộ | Quý I/2026 |\n| 2 | Tổng kết | Ban Xây dựng Đảng | | Tháng 12/2026 |\n\nSau bảng là văn bản.\n",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].header[2], "Cơ quan chủ trì");
        assert_eq!((t[0].span.start, t[0].span.end), (2, 5));
        let r: Vec<Vec<&str>> = t[0].rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(r[1], vec!["2", "Tổng kết", "Ban Xây dựng Đảng", "", "Tháng 12/2026"]);
        let t = read("STT\tChỉ tiêu\tĐVT\tKế hoạch\tThực hiện\n1\tThu ngân sách\tTỷ đồng\t12,0\t12,5\nI\tVĂN HÓA\t\t\t\n2\tTỷ lệ hộ nghèo\t%\t6,0\t6,8\nKết luận.\n");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 3);
        assert!(t[0].rows[1].is_group);
        assert_eq!(t[0].rows[2].group.as_deref(), Some("I VĂN HÓA"));
        assert_eq!(t[0].rows[2].span.start, 4);
    }

    #[test]
    fn two_tables_apart_by_a_blank_line_are_two() {
        let t = read("| STT | Nội dung | Cơ quan chủ trì |\n| 1 | Tổng kết | Văn phòng |\n\nSTT\tNội dung\tCơ quan chủ trì\n1\tKiểm tra\tCông an xã\n");
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].rows.len(), t[1].rows.len()), (1, 1));
    }

    #[test]
    fn prose_with_a_bar_or_a_tab_is_no_table() {
        assert!(read("Nội dung | chủ trì\nTheo dõi\tthực hiện\n").is_empty());
        assert!(read("| a | b |\n| 1 | 2 |\n").is_empty());
    }
}
