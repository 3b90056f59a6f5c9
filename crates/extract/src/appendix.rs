//! Appendix tables (PHỤ LỤC) of targets ("HỆ THỐNG CÁC CHỈ TIÊU …": name | target) and
//! of results ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU …": name | unit | target | achieved |
//! verdict), read from text where PDF/DOCX conversion flattened the cells into lines.
//!
//! Local reader: ingest's rebuilt [`theodoi_core::Table`]s are not available for text
//! files yet, and the row grammar here (sequential STT, indented sub-rows, group rows
//! naming the unit, verdict last) is what these appendices share.

use theodoi_core::{Comparator, Document, Evidence, Frequency, LineSpan, Target, TargetKind, Verdict};
use theodoi_text::{find_deadline, find_quantities, find_term, fold_fast as fold, parse_number, Cmp};

use crate::targets::category_of;

/// One appendix: where it is and what kind of table it holds.
pub(crate) struct Appendix {
    /// Lines it covers (title to last row).
    pub span: LineSpan,
}

#[derive(Debug)]
struct Row {
    lines: Vec<u32>,
    text: String,
    group: Option<String>,
    unit_org: Option<String>,
    parent: Option<String>,
    /// Index of the numbered row a sub-row belongs to.
    pidx: Option<usize>,
    /// Set when the row's last cell is empty ("name   ").
    open_cell: bool,
}

fn is_doc_header(f: &str) -> bool {
    f.starts_with("dang cong san viet nam") || f == "bao cao" || f.starts_with("bao cao ") && f.len() < 20
}

fn verdict_tail(f: &str) -> Option<(Verdict, usize)> {
    for (w, v) in [
        ("khong dat", Verdict::NotMet),
        ("chua dat", Verdict::NotYetMet),
        ("co ban dat", Verdict::Met),
        ("vuot", Verdict::Exceeded),
        ("dat", Verdict::Met),
        // OCR reads "Đạt" as "Pát"/"Pa" (Đ→P); only ever taken as the last cell of a results row
        ("pat", Verdict::Met),
        ("pa", Verdict::Met),
    ] {
        if f.ends_with(w) && (f.len() == w.len() || f.as_bytes()[f.len() - w.len() - 1] == b' ') {
            return Some((v, w.len()));
        }
    }
    None
}

fn num_token(t: &str) -> Option<(f64, bool)> {
    let (gt, t) = match t.strip_prefix('>') {
        Some(r) => (true, r),
        None => (false, t),
    };
    parse_number(t.trim_end_matches('%')).map(|v| (v, gt))
}

/// Whether a results row is complete: a verdict, or two figures, at its end.
fn result_complete(text: &str) -> bool {
    let f = fold(text.trim());
    if verdict_tail(&f).is_some() {
        return true;
    }
    let toks: Vec<&str> = text.split_whitespace().rev().take(2).collect();
    toks.len() == 2 && toks.iter().all(|t| num_token(t).is_some())
}

/// Whether a targets row is complete: a figure (or "trở lên") at its end.
fn target_complete(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    let f = fold(t);
    f.ends_with("tro len")
        || f.ends_with('%')
        || f.ends_with("/nam")
        || t.split_whitespace().last().is_some_and(|w| num_token(w).is_some())
        || find_quantities(t).last().is_some_and(|q| q.end >= t.len())
}

/// The row number at the start of a line, when it is the next expected one.
fn row_number(t: &str, last: u32) -> Option<(u32, &str)> {
    let n: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if n.is_empty() || n.len() > 2 {
        return None;
    }
    let rest = &t[n.len()..];
    let v: u32 = n.parse().ok()?;
    // the next number, or a little further when OCR lost a row's number
    if !(v == 1 || (last + 1..=last + 3).contains(&v)) {
        return None;
    }
    let rt = rest.trim_start();
    if rest.is_empty() || rt.is_empty() {
        return Some((v, ""));
    }
    // a name cell starts with a capital; OCR may lower it, so a long cell counts too
    // (a short one, "3 trở lên", is a value cell)
    if rest.starts_with(' ')
        && rt
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_alphabetic() && v > last && rt.chars().count() > 25)
    {
        return Some((v, rt));
    }
    None
}

/// A line with OCR's cell bars ("1 | Chỉ tiêu … | 149") read as plain cells.
fn cells(t: &str) -> String {
    if !t.contains('|') {
        return t.to_string();
    }
    t.split('|').map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ")
}

fn roman_group(t: &str) -> Option<&str> {
    let r: String = t.chars().take_while(|c| "IVX".contains(*c)).collect();
    if r.is_empty() {
        return None;
    }
    let rest = &t[r.len()..];
    let rt = rest.trim_start();
    (rest.starts_with(' ') && rt.chars().next().is_some_and(|c| c.is_uppercase())).then_some(t)
}

/// Read every target/result appendix of the document.
pub(crate) fn appendices(doc: &Document, term: Option<&str>) -> (Vec<Target>, Vec<Appendix>) {
    let mut out = Vec::new();
    let mut found = Vec::new();
    let lines = &doc.lines;
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].text.trim_start().starts_with(['P', 'p']) {
            i += 1;
            continue;
        }
        let f = fold(crate::units::slice_chars(lines[i].text.trim_start(), 0, 24));
        if !f.starts_with("phu luc") {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while j < lines.len() {
            let g = fold(crate::units::slice_chars(lines[j].text.trim_start(), 0, 48));
            if g.starts_with("phu luc") || is_doc_header(&g) {
                break;
            }
            j += 1;
        }
        read_one(doc, start, j, term, &mut out);
        found.push(Appendix { span: LineSpan::new(lines[start].no, lines[j - 1].no) });
        i = j;
    }
    (out, found)
}

fn read_one(doc: &Document, start: usize, end: usize, term: Option<&str>, out: &mut Vec<Target>) {
    let lines = &doc.lines[start..end];
    let label = lines[0].text.trim().to_string();
    // title: the upper-case lines before the header row ("STT TÊN CHỈ TIÊU …", "TT Chỉ tiêu …");
    // OCR may garble the "STT", so a line naming the columns also ends the title
    let mut k = 1;
    let mut title = String::new();
    while k < lines.len() {
        let t = lines[k].text.trim();
        let f = fold(t);
        let header = f.starts_with("stt")
            || f.starts_with("tt ")
            || f == "tt"
            || (f.contains("chi tieu") && (f.contains("muc tieu") || f.contains("thuc hien") || f.contains("don vi")))
                && !title.is_empty();
        let data = !title.is_empty() && (row_number(&cells(t), 0).is_some() || roman_group(&cells(t)).is_some());
        if header || data {
            break;
        }
        if !t.is_empty() {
            title.push_str(t);
            title.push(' ');
        }
        k += 1;
        if k > 12 {
            return;
        }
    }
    let tf = fold(&title);
    if !tf.contains("chi tieu") {
        return;
    }
    let results = tf.contains("ket qua");
    let term = find_term(&title).map(|(a, b)| format!("{a}-{b}")).or(term.map(str::to_string));
    // skip header cells: until a group row or row 1
    while k < lines.len() {
        let raw = &lines[k].text;
        let t = cells(raw.trim());
        let f = fold(&t);
        let caps_group =
            !t.is_empty() && !t.chars().any(|c| c.is_lowercase() || c.is_ascii_digit()) && f.contains("chi tieu");
        if !t.is_empty()
            && (row_number(&t, 0).is_some()
                || roman_group(&t).is_some()
                || caps_group
                || raw.starts_with("  ") && t.chars().next().is_some_and(|c| c.is_uppercase()))
        {
            break;
        }
        k += 1;
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut last = 0u32;
    let mut group: Option<String> = None;
    let mut unit_org: Option<String> = None;
    let mut parent: Option<String> = None;
    let mut pidx: Option<usize> = None;
    for line in &lines[k..] {
        let raw = &line.text;
        let tc = cells(raw.trim());
        let t = tc.as_str();
        if t.is_empty() {
            continue;
        }
        let f = fold(t);
        let indented = raw.starts_with("  ") || raw.starts_with("\t");
        let has_digit = t.chars().any(|c| c.is_ascii_digit());
        let upper = t.chars().next().is_some_and(|c| c.is_uppercase());
        // group rows: "I Các chỉ tiêu về …", "  CÁC CHỈ TIÊU KHÁC", "  Đảng bộ xã Quang Trung"
        let named_group =
            f.find("cac chi tieu ve").is_some_and(|p| !f[p..].chars().any(|c| c.is_ascii_digit())) && f.len() < 90;
        if let Some(g) = roman_group(t).filter(|_| !has_digit || f.contains("chi tieu")).or(named_group.then_some(t)) {
            group = Some(g.trim().to_string());
            parent = None;
            continue;
        }
        let all_caps = t.chars().filter(|c| c.is_lowercase()).count() == 0;
        let names_unit = f.starts_with("dang bo") || f.starts_with("chi bo");
        if upper
            && !has_digit
            && (all_caps || names_unit)
            && (indented || all_caps && f.contains("chi tieu") || names_unit && results && verdict_tail(&f).is_none())
            && (results || names_unit || all_caps)
        {
            if f.starts_with("dang bo") || f.starts_with("chi bo") {
                unit_org = Some(t.to_string());
            } else {
                group = Some(t.to_string());
                unit_org = None;
            }
            last = 0;
            parent = None;
            continue;
        }
        let complete =
            |r: &Row| if results { result_complete(&r.text) } else { target_complete(&r.text) || r.open_cell };
        let open_cell = raw.ends_with("  ");
        if let Some((n, rest)) = row_number(t, last).filter(|_| !indented || !results) {
            last = n;
            parent = Some(rest.to_string());
            pidx = Some(rows.len());
            rows.push(Row {
                lines: vec![line.no],
                text: rest.to_string(),
                group: group.clone(),
                unit_org: unit_org.clone(),
                parent: None,
                pidx: None,
                open_cell,
            });
            continue;
        }
        // in a results table a line that is a whole row by itself (figures and verdict)
        // after a complete row is a row, whatever OCR did to its first letter
        let whole_row = results && result_complete(t) && t.chars().filter(|c| c.is_alphabetic()).count() > 6;
        let new_sub =
            (indented && (upper || t.starts_with("- "))) || ((upper || whole_row) && rows.last().is_some_and(complete));
        if new_sub || rows.is_empty() {
            if f == "trong do" || f == "trong do:" {
                continue;
            }
            let text = t.trim_start_matches("- ").to_string();
            rows.push(Row {
                lines: vec![line.no],
                text,
                group: group.clone(),
                unit_org: unit_org.clone(),
                parent: parent.clone(),
                pidx: parent.as_ref().and(pidx),
                open_cell,
            });
            continue;
        }
        if let Some(r) = rows.last_mut() {
            r.lines.push(line.no);
            r.text.push(' ');
            r.text.push_str(t);
            r.open_cell = open_cell;
        }
    }
    let section = |r: &Row| {
        let mut s = label.clone();
        if let Some(g) = &r.group {
            s.push_str(" > ");
            s.push_str(g);
        }
        if let Some(u) = &r.unit_org {
            s.push_str(" > ");
            s.push_str(u);
        }
        s
    };
    // a results row with sub-indicators and no figure of its own ("Cơ cấu kinh tế … Đạt")
    // is their heading: its verdict goes to them, it is not a result itself
    let mut head_verdict: Vec<Option<Option<Verdict>>> = vec![None; rows.len()];
    if results {
        for (i, r) in rows.iter().enumerate() {
            if rows.iter().any(|c| c.pidx == Some(i)) {
                let text = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(h) = result_row(&text).filter(|h| h.value.is_none() && h.achieved.is_none()) {
                    head_verdict[i] = Some(h.verdict);
                }
            }
        }
    }
    for (i, r) in rows.iter().enumerate() {
        if head_verdict.get(i).is_some_and(Option::is_some) {
            continue;
        }
        let span = LineSpan::new(r.lines[0], *r.lines.last().unwrap_or(&r.lines[0]));
        let ev = Evidence { doc: doc.id.clone(), span, text: doc.span_text(span) };
        let text = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = text.trim_end_matches('.').trim().to_string();
        if text.is_empty() {
            continue;
        }
        let gf = r.group.as_deref().map(fold).unwrap_or_default();
        let t = if results { result_row(&text) } else { target_row(&text) };
        let Some(mut t) = t else { continue };
        let nf = fold(&t.name);
        t.category = category_of(&gf)
            .or_else(|| category_of(&nf))
            .or_else(|| r.parent.as_deref().and_then(|p| category_of(&fold(p))))
            .map(str::to_string);
        t.section = Some(section(r));
        t.unit_org = r.unit_org.clone();
        t.term = term.clone();
        t.evidence = vec![ev];
        if t.verdict.is_none() {
            if let Some(Some(v)) = r.pidx.and_then(|p| head_verdict.get(p).copied().flatten()) {
                t.verdict = Some(v);
            }
        }
        if let Some(p) = &r.parent {
            let figure_cell = t.target_text.as_deref().is_none_or(|tt| text.ends_with(tt.trim_end()));
            if !p.is_empty() && !results && t.name.len() < 60 && p != &text && figure_cell {
                let pn = target_row(p).map(|x| x.name).unwrap_or_else(|| p.clone());
                t.name = format!("{pn} - {}", t.name);
            }
        }
        out.push(t);
    }
}

/// A bare figure in the target cell counts what its name counts: "Số doanh nghiệp …
/// 1.100" → doanh nghiệp, "thành lập tổ chức cơ sở đảng … 3 trở lên" → tổ chức cơ sở đảng.
fn unit_in_name(name: &str) -> Option<String> {
    let mut at = 0;
    for w in name.split(' ') {
        if let Some((u, _)) = theodoi_text::unit_at(&name[at..]) {
            if !matches!(u.as_str(), "%" | "năm" | "tháng" | "ngày" | "%/năm") {
                return Some(u);
            }
        }
        at += w.len() + 1;
        if at >= name.len() {
            break;
        }
    }
    None
}

fn blank(kind: TargetKind, name: String) -> Target {
    Target { kind, name, ..Target::default() }
}

/// Whether the figure chosen is the lone percentage of a row with no figure cell at its end.
fn at_end_none_and(lone: &Option<theodoi_text::Quantity>, q: &Option<theodoi_text::Quantity>, inside: bool) -> bool {
    inside && matches!((lone, q), (Some(l), Some(q)) if l.start == q.start && l.cmp == Cmp::Eq)
}

fn target_row(text: &str) -> Option<Target> {
    let f = fold(text);
    let qs = find_quantities(text);
    // the figure cell is the last figure, at the end of the row
    let at_end =
        qs.iter().rev().find(|q| text[q.end..].trim().is_empty() || fold(&text[q.end..]).trim() == "tro len").cloned();
    // else a bounded figure inside the name: "Xây dựng ít nhất 01 nhà đa năng mỗi cấp học"
    let inside = at_end.is_none();
    // a row's only percentage, wherever the flattening put it: the figure cell lands between
    // the wrapped lines of the name ("… nghĩa 100% vụ công an nhân dân")
    let lone_pct = {
        let pcts: Vec<&theodoi_text::Quantity> =
            qs.iter().filter(|q| q.unit.as_deref().is_some_and(|u| u.starts_with('%'))).collect();
        (pcts.len() == 1 && qs.len() == 1).then(|| pcts[0].clone())
    };
    let q = at_end
        .or_else(|| qs.iter().find(|q| q.cmp != Cmp::Eq && q.cmp != Cmp::Range && q.unit.is_some()).cloned())
        .or(lone_pct.clone());
    let lone = at_end_none_and(&lone_pct, &q, inside);
    let mut t = blank(TargetKind::Target, text.to_string());
    let deadline = find_deadline(text).map(|d| d.iso);
    match q {
        Some(q) => {
            let mut end = q.end;
            let mut cmp = q.cmp;
            if fold(&text[q.end..]).trim() == "tro len" {
                cmp = Cmp::Ge;
                end = text.len();
            }
            // a figure inside the statement is part of it; a figure cell at the end is not
            // ("Xây dựng ít nhất 01 nhà đa năng …": too few words before it to name the row)
            let before = text[..q.start].trim().trim_end_matches([',', ':']).trim();
            t.name = if lone {
                // the name is what is left around the figure cell
                format!("{} {}", before, text[q.end..].trim()).trim().to_string()
            } else if inside && before.split_whitespace().count() <= 3 {
                text.trim().to_string()
            } else {
                before.to_string()
            };
            t.comparator = match cmp {
                Cmp::Gt => Comparator::Gt,
                Cmp::Ge => Comparator::Ge,
                Cmp::Eq => Comparator::Eq,
                Cmp::Le => Comparator::Le,
                Cmp::Lt => Comparator::Lt,
                Cmp::Range => Comparator::Range,
            };
            t.value = Some(q.value);
            t.value_max = q.value_max;
            t.unit = q.unit.clone().or_else(|| unit_in_name(&t.name));
            t.target_text = Some(text[q.start..end].to_string());
        }
        None => {
            t.target_text = Some(text.to_string());
        }
    }
    let annual = f.contains("hang nam")
        || crate::targets::per_year_average(&f)
        || t.unit.as_deref().is_some_and(|u| u.ends_with("/năm"));
    t.frequency = if annual {
        Some(Frequency::Annual)
    } else if deadline.is_some() {
        Some(Frequency::ByDeadline)
    } else if f.contains("nhiem ky") || f.contains("nhiem ki") || t.unit.as_deref().is_some_and(|u| !u.contains('%')) {
        Some(Frequency::TermTotal)
    } else {
        None
    };
    t.deadline = deadline;
    if t.name.is_empty() {
        return None;
    }
    Some(t)
}

fn result_row(text: &str) -> Option<Target> {
    let mut rest = text.trim().to_string();
    let f = fold(&rest);
    let mut verdict = None;
    if let Some((v, n)) = verdict_tail(&f) {
        verdict = Some(v);
        let keep = f.len() - n;
        let chars = f[..keep].chars().count();
        rest = rest.chars().take(chars).collect::<String>().trim().to_string();
    }
    let mut nums: Vec<(f64, bool, String)> = Vec::new();
    while nums.len() < 2 {
        let Some(last) = rest.split_whitespace().last().map(str::to_string) else { break };
        match num_token(&last) {
            Some((v, gt)) => {
                nums.insert(0, (v, gt, last.clone()));
                rest = rest[..rest.len() - last.len()].trim_end().to_string();
            }
            None => break,
        }
    }
    // unit cell at the end of the name
    let rf = fold(&rest);
    let mut unit = None;
    for u in [
        "%",
        "tỷ đồng",
        "triệu đồng",
        "tạ/ha/năm",
        "tấn",
        "đảng viên",
        "lượt người",
        "người",
        "trường",
        "hộ",
        "ha",
        "km",
        "doanh nghiệp",
        "cơ sở",
        "công trình",
    ] {
        let fu = fold(u);
        if rf.ends_with(&fu)
            && (rf.len() == fu.len() || !rf.as_bytes()[rf.len() - fu.len() - 1].is_ascii_alphanumeric())
        {
            unit = Some(u.to_string());
            let chars = rf[..rf.len() - fu.len()].chars().count();
            rest = rest.chars().take(chars).collect::<String>().trim().to_string();
            break;
        }
    }
    if rest.is_empty() {
        return None;
    }
    let mut t = blank(TargetKind::Result, rest);
    t.unit = unit;
    t.verdict = verdict;
    match nums.as_slice() {
        [(goal, gt, gs), (done, _, ds)] => {
            t.comparator = if *gt { Comparator::Gt } else { Comparator::Eq };
            t.value = Some(*goal);
            t.target_text = Some(gs.clone());
            t.achieved = Some(*done);
            t.achieved_text = Some(ds.clone());
        }
        [(v, _, s)] if v.fract() == 0.0 && (1990.0..=2100.0).contains(v) => {
            // a lone year ("kiểu mẫu     2024 Đạt") says when, not how much
            t.achieved_text = Some(s.clone());
        }
        [(v, gt, s)] => {
            t.comparator = if *gt { Comparator::Gt } else { Comparator::Eq };
            t.value = Some(*v);
            t.target_text = Some(s.clone());
        }
        _ => {}
    }
    if t.verdict.is_none() && t.value.is_none() {
        return None;
    }
    Some(t)
}

/// Header words of a table's columns (folded), as results and targets tables title them:
/// the indicator, its unit, the plan figure, what was done, and the comparison or verdict
/// ("Chỉ tiêu | ĐVT | Kế hoạch 2025 | Thực hiện | So sánh (%)", "Nghị quyết | Thực hiện |
/// Đánh giá", "Kế hoạch năm | Thực hiện 6 tháng | Tỷ lệ %").
const NAME_COLUMN: &[&str] = &["chi tieu", "ten", "noi dung"];
/// See [`NAME_COLUMN`].
const UNIT_COLUMN: &[&str] = &["don vi", "dvt"];
/// See [`NAME_COLUMN`].
const PLAN_COLUMN: &[&str] = &["muc tieu", "ke hoach", "chi tieu", "nghi quyet", "du toan", "kh", "nq"];
/// See [`NAME_COLUMN`].
const DONE_COLUMN: &[&str] = &["thuc hien", "ket qua", "dat duoc", "uoc", "th"];
/// See [`NAME_COLUMN`].
const VERDICT_COLUMN: &[&str] = &["danh gia", "so sanh", "ty le"];

/// A results row from its cells: plan and achieved figures each read by the value grammar
/// ("≥ 90", "< 1,5"), the unit cell normalised, a verdict only where the cell says one
/// (a comparison percentage is not a verdict).
fn result_cells(name: &str, unit: &str, plan: &str, done: &str, verdict: &str) -> Option<Target> {
    let name = name.trim().trim_end_matches(['.', ':']).trim();
    if name.is_empty() {
        return None;
    }
    let mut t = blank(TargetKind::Result, name.to_string());
    let lower = unit.trim().to_lowercase();
    t.unit = (!lower.is_empty())
        .then(|| theodoi_text::unit_at(&lower).filter(|(_, n)| *n >= lower.len()).map(|(u, _)| u).unwrap_or(lower));
    if let Some(q) = theodoi_text::parse_value(plan) {
        t.comparator = crate::targets::comparator(q.cmp);
        t.value = Some(q.value);
        t.value_max = q.value_max;
        t.target_text = Some(plan.trim().to_string());
        if t.unit.is_none() {
            t.unit = q.unit.clone();
        }
    } else if !plan.trim().is_empty() {
        t.target_text = Some(plan.trim().to_string());
    }
    if let Some(q) = theodoi_text::parse_value(done) {
        t.achieved = Some(q.value);
        t.achieved_text = Some(done.trim().to_string());
    }
    t.verdict = verdict_tail(&fold(verdict.trim())).map(|(v, _)| v).filter(|_| !verdict.trim().is_empty());
    if t.value.is_none() && t.achieved.is_none() && t.verdict.is_none() {
        return None;
    }
    Some(t)
}

/// Target and result tables that ingest rebuilt (DOCX tables, or text the line reader
/// above did not claim): cells are joined in the column order the line reader expects
/// and read by the same row grammar.
pub(crate) fn table_targets(doc: &Document, covered: &[Appendix], term: Option<&str>) -> (Vec<Target>, Vec<Appendix>) {
    let mut out = Vec::new();
    let mut read = Vec::new();
    for t in &doc.tables {
        if covered.iter().any(|a| a.span.contains(t.span.start) || a.span.contains(t.span.end)) {
            continue;
        }
        let hf: Vec<String> = t.header.iter().map(|h| fold(h)).collect();
        let col = |keys: &[&str], skip: &[Option<usize>]| {
            hf.iter().enumerate().position(|(i, h)| {
                let h = format!(" {} ", h.split_whitespace().collect::<Vec<_>>().join(" "));
                !skip.contains(&Some(i)) && keys.iter().any(|k| h.contains(&format!(" {k} ")))
            })
        };
        let name_c = col(NAME_COLUMN, &[]);
        let Some(name_c) = name_c else { continue };
        let unit_c = col(UNIT_COLUMN, &[Some(name_c)]);
        let goal_c = col(PLAN_COLUMN, &[Some(name_c), unit_c]);
        let done_c = col(DONE_COLUMN, &[Some(name_c), unit_c, goal_c]);
        // the verdict where a column says it in words ("Đánh giá") before a share ("Tỷ lệ %")
        let verdict_c = VERDICT_COLUMN.iter().find_map(|k| col(&[k], &[Some(name_c), unit_c, goal_c, done_c]));
        let Some(goal_c) = goal_c else { continue };
        if hf.iter().any(|h| h.contains("chu tri")) {
            continue; // a table of assignments
        }
        let results = done_c.is_some();
        read.push(Appendix { span: t.span });
        let title = t.title.clone().unwrap_or_default();
        let term = find_term(&title).map(|(a, b)| format!("{a}-{b}")).or(term.map(str::to_string));
        let mut unit_org = None;
        for r in &t.rows {
            let cell = |c: Option<usize>| {
                c.and_then(|c| r.cells.get(c))
                    .map(|x| x.text.split_whitespace().collect::<Vec<_>>().join(" "))
                    .unwrap_or_default()
            };
            let name = cell(Some(name_c));
            if r.is_group {
                let f = fold(&name);
                unit_org = (f.starts_with("dang bo") || f.starts_with("chi bo"))
                    .then(|| name.clone())
                    .or(unit_org.filter(|_| false));
                continue;
            }
            if name.is_empty() {
                continue;
            }
            if results {
                let Some(mut x) =
                    result_cells(&name, &cell(unit_c), &cell(Some(goal_c)), &cell(done_c), &cell(verdict_c))
                else {
                    continue;
                };
                let gf = r.group.as_deref().map(fold).unwrap_or_default();
                x.category = category_of(&fold(&x.name)).or_else(|| category_of(&gf)).map(str::to_string);
                x.section = Some(match &r.group {
                    Some(g) if !title.is_empty() => format!("{title} > {g}"),
                    Some(g) => g.clone(),
                    None => title.clone(),
                })
                .filter(|s| !s.is_empty());
                x.unit_org = unit_org.clone();
                x.term = term.clone();
                x.evidence = vec![Evidence { doc: doc.id.clone(), span: r.span, text: doc.span_text(r.span) }];
                out.push(x);
                continue;
            }
            let row_text = if results {
                [name.clone(), cell(unit_c), cell(Some(goal_c)), cell(done_c), cell(verdict_c)].join(" ")
            } else {
                [name.clone(), cell(Some(goal_c))].join(" ")
            };
            let row_text = row_text.split_whitespace().collect::<Vec<_>>().join(" ");
            let parsed = if results { result_row(&row_text) } else { target_row(&row_text) };
            let Some(mut x) = parsed else { continue };
            let gf = r.group.as_deref().map(fold).unwrap_or_default();
            x.category = category_of(&gf).or_else(|| category_of(&fold(&x.name))).map(str::to_string);
            x.section = Some(match &r.group {
                Some(g) => format!("{title} > {g}"),
                None => title.clone(),
            });
            x.unit_org = unit_org.clone();
            x.term = term.clone();
            x.evidence = vec![Evidence { doc: doc.id.clone(), span: r.span, text: doc.span_text(r.span) }];
            out.push(x);
        }
    }
    (out, read)
}
