//! Deadlines as Party documents write them: "trước ngày 15/12/2025", "trong tháng 11/2025",
//! "Quý I/2026", "đến năm 2030".

use crate::fast::fold_map;
use crate::value::find_dates;

fn roman(s: &str) -> Option<u32> {
    Some(match s.to_ascii_uppercase().as_str() {
        "I" | "1" => 1,
        "II" | "2" => 2,
        "III" | "3" => 3,
        "IV" | "4" => 4,
        _ => return None,
    })
}

/// A deadline found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// ISO: "2025-12-15", "2025-11", "2026-03" (the last month of a quarter), "2030".
    pub iso: String,
    /// Byte range of the phrase ("trước ngày 15/12/2025", "trong tháng 11/2025").
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// The first deadline in `s`: "trước ngày 15/12/2025", "trong tháng 11/2025",
/// "tháng 01/2026", "Quý I/2026", "đến năm 2030", "vào năm 2030", "trong năm 2026".
pub fn find_deadline(s: &str) -> Option<Deadline> {
    find_deadlines(s).into_iter().next()
}

/// Every deadline phrase in `s`, in order.
pub fn find_deadlines(s: &str) -> Vec<Deadline> {
    let (f, map) = fold_map(s);
    let src = |fi: usize| map.get(fi).copied().unwrap_or(s.len());
    let mut out = Vec::new();
    let fb = f.as_bytes();
    let mut k = 0;
    while k < f.len() {
        if !f.is_char_boundary(k) {
            k += 1;
            continue;
        }
        let rest = &f[k..];
        let boundary = k == 0 || !fb[k - 1].is_ascii_alphanumeric();
        if !boundary {
            k += 1;
            continue;
        }
        // phrase prefixes we keep in the evidence
        // bare "ngày …", "tháng …" and "năm …" are dates or start points, not deadlines
        let prefixes = [
            "hoan thanh truoc ngay ",
            "truoc ngay ",
            "cham nhat ngay ",
            "den ngay ",
            "trong thang ",
            "truoc thang ",
            "den thang ",
            "trong quy ",
            "quy ",
            "den het nam ",
            "het nam ",
            // "phấn đấu đến cuối năm 2026 …": the year's last month
            "den cuoi nam ",
            "vao cuoi nam ",
            "den nam ",
            "vao nam ",
            "trong nam ",
            "truoc nam ",
            "hoan thanh nam ",
            // the bare forms last, after the longer ones they begin
            "cham nhat ",
            "truoc ",
        ];
        let mut hit = None;
        for p in prefixes {
            if let Some(r) = rest.strip_prefix(p) {
                hit = Some((p, r));
                break;
            }
        }
        let Some((p, r)) = hit else {
            k += 1;
            continue;
        };
        let base = k + p.len();
        let digits_end =
            |t: &str| t.bytes().take_while(|c| c.is_ascii_digit() || matches!(c, b'/' | b'-' | b'.')).count();
        // "trước 31/12/2025", "chậm nhất 15/01/2026": a full date right after
        // "… 6 năm 2026", "… II năm 2026": a month or quarter written long
        let long_year = |from: usize| -> Option<(u32, usize)> {
            let t = r.get(from..)?.strip_prefix(" nam ")?;
            let n = t.bytes().take_while(|c| c.is_ascii_digit()).count();
            let y: u32 = t[..n].parse().ok().filter(|_| n == 4)?;
            Some((y, from + " nam ".len() + n))
        };
        let found: Option<(String, usize)> = if p.ends_with("ngay ") || p == "truoc " || p == "cham nhat " {
            // "31/12/2025", or long "31 tháng 01 năm 2027" (folded here)
            let head = &r[..r.len().min(24)];
            let head = &head[..(0..=head.len()).rev().find(|&i| head.is_char_boundary(i)).unwrap_or(0)];
            find_dates(head).first().filter(|d| d.start == 0).map(|d| (d.iso.clone(), base + d.end))
        } else if p.ends_with("thang ") {
            let n = digits_end(r);
            let t = &r[..n];
            t.split_once('/')
                .and_then(|(m, y)| {
                    let m: u32 = m.parse().ok()?;
                    let y: u32 = y.trim_end_matches(['.', '-']).parse().ok()?;
                    ((1..=12).contains(&m) && (1900..=2200).contains(&y) && y.to_string().len() == 4)
                        .then(|| (format!("{y:04}-{m:02}"), base + t.trim_end_matches(['.', '-']).len()))
                })
                .or_else(|| {
                    let m: u32 = t.parse().ok().filter(|m| (1..=12).contains(m))?;
                    long_year(n).map(|(y, e)| (format!("{y:04}-{m:02}"), base + e))
                })
        } else if p.ends_with("quy ") {
            let n = r.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'/').count();
            r[..n]
                .split_once('/')
                .and_then(|(q, y)| {
                    let q = roman(q)?;
                    let y: i32 = y.parse().ok()?;
                    // a quarter is due by its last month ("Quý I/2026" → "2026-03")
                    (1900..=2200).contains(&y).then(|| (format!("{y:04}-{:02}", q * 3), base + n))
                })
                .or_else(|| {
                    let q = roman(&r[..n])?;
                    long_year(n).map(|(y, e)| (format!("{y:04}-{:02}", q * 3), base + e))
                })
        } else {
            let n = r.bytes().take_while(|c| c.is_ascii_digit()).count();
            let y: Option<u32> = r[..n].parse().ok();
            // "giai đoạn 2026 - 2030" / "năm 2025 - 2030" is a term, not a deadline
            let after = r[n..].trim_start();
            let month = if p.ends_with("cuoi nam ") { "-12" } else { "" };
            y.filter(|y| n == 4 && (1945..=2100).contains(y) && !after.starts_with('-'))
                .map(|y| (format!("{y:04}{month}"), base + n))
        };
        if let Some((iso, fe)) = found {
            // bare "năm 2025" is a deadline only when led by đến/vào/trong/trước
            out.push(Deadline { iso, start: src(k), end: src(fe) });
            k = fe;
        } else {
            k += 1;
        }
    }
    out
}

/// Words that make a time recurring or open-ended: no single deadline ("Tháng 12 hằng
/// năm", "Thường xuyên", "định kỳ 6 tháng", "trong thời hạn 12 tháng kể từ …").
/// Folded; from the work programmes and plans of Party committees and People's Committees.
pub const RECURRING: &[&str] = &[
    "hang nam",
    "hang quy",
    "hang thang",
    "hang tuan",
    "hang ngay",
    "moi nam",
    "moi quy",
    "dinh ky",
    "thuong xuyen",
    "ca nam",
    "ke tu",
    "truoc khi",
    "sau khi",
    "khi co",
    "theo chuong trinh",
    "theo ke hoach",
    "cac nam tiep theo",
];

/// Meetings named before a time ("tại kỳ họp cuối năm 2026", "tại hội nghị cuối năm"), folded:
/// the time is when the work is due.
const MEETINGS: &[&str] = &["ky hop", "hoi nghi", "phien hop", "buoi sinh hoat"];

/// A time read for a task: the due date (None for a recurring or open time) and where
/// the phrase stands in the source (byte range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTime {
    /// ISO due date: "2025-12-15", "2026-03" (Quý I/2026), "2026-12" (6 tháng cuối năm), "2027".
    pub iso: Option<String>,
    /// Start byte of the phrase in the source.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// Strength of the phrase: 1 = "hoàn thành/xong …", 2 = "trước ngày/trong quý …", 3 = weak
    /// ("vào cuối năm", a bare "tháng 5/2026").
    pub rank: u8,
}

/// One time expression in folded text.
#[derive(Debug, Clone)]
struct Atom {
    iso: Option<String>,
    /// folded byte range
    a: usize,
    b: usize,
    kind: AtomKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtomKind {
    Date,
    Month,
    Quarter,
    Half,
    YearEnd,
    Year,
    BareYear,
}

/// The time grammar over folded text (one regex, alternatives named by kind).
static ATOMS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?x)
        (?P<date>\b(?P<d_d>\d{1,2})[/.-](?P<d_m>\d{1,2})[/.-](?P<d_y>\d{4})\b)
        |(?P<dm>\b(?P<dm_d>\d{1,2})/(?P<dm_m>\d{1,2})\b)
        |(?P<half>\b6\sthang\s(?P<h_w>dau|cuoi)\snam(?:\s(?P<h_y>\d{4})\b)?)
        |(?P<month>\bthang\s(?P<m_m>\d{1,2})(?:\s*[-–]\s*(?P<m_m2>\d{1,2})\s*/\s*(?P<m_y3>\d{4})\b|\s*/\s*(?P<m_y>\d{4})\b|\snam\s(?P<m_y2>\d{4})\b)?)
        |(?P<quarter>\bquy\s(?P<q_q>iv|iii|ii|i|[1-4])\b(?:\s*/\s*(?P<q_y>\d{4})\b|\snam\s(?P<q_y2>\d{4})\b)?)
        |(?P<yearend>\bcuoi\snam(?:\s(?P<ye_y>\d{4})\b)?)
        |(?P<year>\bnam\s(?P<y_y>\d{4})\b)
        |(?P<bare>\b(?P<b_y>(?:19|20)\d{2})\b)
        ",
    )
    .expect("static regex")
});

fn quarter_no(q: &str) -> Option<u32> {
    match q {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

fn atoms(f: &str, year: Option<i32>) -> Vec<Atom> {
    let num = |c: &regex::Captures, n: &str| c.name(n).and_then(|m| m.as_str().parse::<i32>().ok());
    let ok_year = |y: i32| (1900..=2200).contains(&y);
    let mut out = Vec::new();
    // dates written long ("ngày 31 tháng 01 năm 2027") come from the one date reader,
    // `find_dates`; the short forms and every other time from the regex below
    let long: Vec<(usize, usize)> = find_dates(f)
        .into_iter()
        .filter(|d| f[d.start..d.end].contains("thang"))
        .map(|d| {
            let a = if f[..d.start].ends_with("ngay ") { d.start - "ngay ".len() } else { d.start };
            out.push(Atom { iso: Some(d.iso), a, b: d.end, kind: AtomKind::Date });
            (a, d.end)
        })
        .collect();
    for c in ATOMS.captures_iter(f) {
        let Some(m) = c.get(0) else { continue };
        let (a, b) = (m.start(), m.end());
        if long.iter().any(|&(la, lb)| a < lb && la < b) {
            continue;
        }
        let (iso, kind) = if c.name("date").is_some() {
            let (d, mo, y) = (num(&c, "d_d"), num(&c, "d_m"), num(&c, "d_y"));
            let (Some(d), Some(mo), Some(y)) = (d, mo, y) else { continue };
            if !crate::value::valid_date(y, mo as u32, d as u32) {
                continue;
            }
            (Some(format!("{y:04}-{mo:02}-{d:02}")), AtomKind::Date)
        } else if c.name("dm").is_some() {
            // "15/12" without a year: a date of every year, or a fraction; where the context
            // sets the year (a plan's own date) "xong trước 30/6" is due that year (a fraction
            // or a recurring date never reaches the lead words a due date needs)
            let (d, mo) = (num(&c, "dm_d"), num(&c, "dm_m"));
            let iso = match (d, mo, year) {
                (Some(d), Some(mo), Some(y)) if crate::value::valid_date(y, mo as u32, d as u32) => {
                    Some(format!("{y:04}-{mo:02}-{d:02}"))
                }
                _ => None,
            };
            (iso, AtomKind::Date)
        } else if c.name("half").is_some() {
            let y = num(&c, "h_y").or(year).filter(|&y| ok_year(y));
            let m = if c.name("h_w").is_some_and(|w| w.as_str() == "dau") { 6 } else { 12 };
            (y.map(|y| format!("{y:04}-{m:02}")), AtomKind::Half)
        } else if c.name("month").is_some() {
            // "tháng 7-8/2026": a range of months is due at its end
            let Some(mo) = num(&c, "m_m2").or(num(&c, "m_m")).filter(|m| (1..=12).contains(m)) else { continue };
            let y = num(&c, "m_y").or(num(&c, "m_y2")).or(num(&c, "m_y3"));
            let explicit = y.is_some();
            let y = y.or(year).filter(|&y| ok_year(y));
            let iso = y.map(|y| format!("{y:04}-{mo:02}"));
            (iso.filter(|_| explicit || year.is_some()), AtomKind::Month)
        } else if c.name("quarter").is_some() {
            let Some(q) = c.name("q_q").and_then(|q| quarter_no(q.as_str())) else { continue };
            let y = num(&c, "q_y").or(num(&c, "q_y2")).or(year).filter(|&y| ok_year(y));
            (y.map(|y| format!("{y:04}-{:02}", q * 3)), AtomKind::Quarter)
        } else if c.name("yearend").is_some() {
            let y = num(&c, "ye_y").or(year).filter(|&y| ok_year(y));
            (y.map(|y| format!("{y:04}-12")), AtomKind::YearEnd)
        } else if c.name("year").is_some() {
            let Some(y) = num(&c, "y_y").filter(|&y| ok_year(y)) else { continue };
            (Some(format!("{y:04}")), AtomKind::Year)
        } else {
            let Some(y) = num(&c, "b_y").filter(|&y| ok_year(y)) else { continue };
            (Some(format!("{y:04}")), AtomKind::BareYear)
        };
        out.push(Atom { iso, a, b, kind });
    }
    out.sort_by_key(|at| at.a);
    out
}

/// The folded words just before byte `a` (at most `n` bytes, cut at a char boundary).
fn before(f: &str, a: usize, n: usize) -> &str {
    let mut s = a.saturating_sub(n);
    while !f.is_char_boundary(s) {
        s += 1;
    }
    &f[s..a]
}

fn recurring_after(f: &str, b: usize) -> bool {
    let rest = f[b..].trim_start_matches([' ', ',']);
    ["hang nam", "hang quy", "hang thang", "moi nam", "cac nam tiep theo", "va cac nam"]
        .iter()
        .any(|w| rest.starts_with(w))
}

/// A year range "2026 - 2027" / "năm 2025 - 2030" starting or ending at this atom.
fn in_year_range(f: &str, a: usize, b: usize) -> bool {
    let after = f[b..].trim_start();
    let bef = f[..a].trim_end();
    (after.starts_with('-') || after.starts_with('–'))
        && after[1..].trim_start().bytes().take_while(|c| c.is_ascii_digit()).count() == 4
        || (bef.ends_with('-') || bef.ends_with('–'))
            && bef[..bef.len() - 1].trim_end().bytes().rev().take_while(|c| c.is_ascii_digit()).count() == 4
}

/// The deadline of a task clause: "hoàn thành trước ngày 15/12/2025", "trong quý IV/2026"
/// (→ "2026-12"), "6 tháng cuối năm" (→ year from `year`), "từ tháng 02 đến tháng 3/2026"
/// (→ the end), "vào cuối năm", "(dự kiến ngày 04/3/2026)". A start ("từ quý III/2029"), a
/// recurring time ("trước ngày 15/12 hằng năm"), a term ("giai đoạn 2026 - 2030") and a
/// cited document's date ("Kết luận số 206-KL/TW ngày 10/11/2025") are no deadline.
/// Of several, the strongest phrase wins, then the latest. `year`: the year the context
/// sets (a group heading "Năm 2026", "6 tháng cuối năm 2026").
pub fn task_deadline(s: &str, year: Option<i32>) -> Option<TaskTime> {
    let all = task_deadlines(s, year);
    let best = all.iter().map(|t| t.rank).min()?;
    let strong: Vec<TaskTime> = all.into_iter().filter(|t| t.rank == best).collect();
    // a series of the same work, each time with its own date ("báo cáo kết quả 6 tháng trước
    // ngày 10/6/2026, báo cáo năm trước ngày 10/11/2026"): the first is owed first
    if series(s, &strong) {
        return strong.into_iter().reduce(|a, b| if b.iso < a.iso { b } else { a });
    }
    // of equally strong times the latest: "báo cáo trước ngày 20/6/2027 và trước ngày
    // 15/12/2027" is done when its last report is in (ISO text orders by date; a month
    // "2027-06" sorts before its days, a year before its months)
    strong.into_iter().reduce(|a, b| if b.iso > a.iso { b } else { a })
}

/// Whether the times `ts` (in text order) each follow the same work said again: the words
/// opening the text between two of them ("…, báo cáo năm trước ngày …") were said before the
/// first. Times of one work ("… và trước ngày …") and milestones of different work ("hoàn thành
/// dự thảo trong tháng 9, trình Ban Thường vụ trước ngày …") are no series.
fn series(s: &str, ts: &[TaskTime]) -> bool {
    const TIME_OPENERS: &[&str] = &["truoc", "cham nhat", "den ", "trong ", "vao ", "ngay ", "hoan thanh", "xong"];
    let Some(first) = ts.first().filter(|_| ts.len() > 1) else { return false };
    let said = format!(" {} ", crate::fold(s.get(..first.start).unwrap_or("")));
    ts.windows(2).all(|w| {
        let gap = crate::fold(s.get(w[0].end..w[1].start).unwrap_or(""));
        let gap = gap.trim_start_matches([' ', ',', ';']);
        let gap = gap.strip_prefix("va ").unwrap_or(gap);
        let opener: Vec<&str> = gap.split_whitespace().take(2).collect();
        let opener = opener.join(" ");
        opener.contains(' ')
            && !TIME_OPENERS.iter().any(|t| opener.starts_with(t))
            && said.contains(&format!(" {opener} "))
    })
}

/// Every due date of a task clause, in order (the milestones of "hoàn thành dự thảo trong
/// tháng 9/2027, trình Ban Thường vụ trước ngày 15/10/2027"); see [`task_deadline`].
pub fn task_deadlines(s: &str, year: Option<i32>) -> Vec<TaskTime> {
    let (f, map) = crate::fast::fold_map(s);
    let src = |fi: usize| map.get(fi).copied().unwrap_or(s.len());
    let mut all: Vec<TaskTime> = Vec::new();
    for at in atoms(&f, year) {
        let Some(iso) = at.iso.clone() else { continue };
        if recurring_after(&f, at.b) {
            continue;
        }
        let bf = before(&f, at.a, 40);
        let lead = bf.trim_end();
        let ends = |w: &str| lead.ends_with(w);
        let done = {
            let near = before(&f, at.a, 28);
            near.contains("hoan thanh") || near.contains("xong")
        };
        let rank = match at.kind {
            AtomKind::Date => {
                if ends("truoc ngay")
                    || ends("truoc")
                    || ends("cham nhat")
                    || ends("cham nhat ngay")
                    || ends("den ngay")
                    || ends("den het ngay")
                    || ends("du kien ngay")
                    || ends("trong ngay")
                {
                    2
                } else {
                    continue;
                }
            }
            AtomKind::Month | AtomKind::Quarter | AtomKind::Half => {
                if ends("tu") || ends("bat dau tu") {
                    continue;
                }
                if at.kind == AtomKind::Month && ends("ngay") {
                    continue;
                }
                // "(tháng 6)" alone in brackets: a programme item's own time
                let bracketed = ends("(") && f[at.b..].trim_start().starts_with(')');
                if ends("trong")
                    || ends("truoc")
                    || ends("den")
                    || ends("vao")
                    || ends("den het")
                    || ends(":")
                    || bracketed
                {
                    2
                } else {
                    3
                }
            }
            AtomKind::YearEnd => {
                // "báo cáo … tại kỳ họp cuối năm 2026": the meeting at the year's end
                if ends("den")
                    || ends("vao")
                    || ends("truoc")
                    || ends("trong")
                    || ends("den het")
                    || MEETINGS.iter().any(|&w| ends(w))
                {
                    3
                } else {
                    continue;
                }
            }
            AtomKind::Year => {
                if in_year_range(&f, at.a, at.b) {
                    continue;
                }
                if ends("den") || ends("den het") || ends("trong") || ends("vao") || ends("truoc") {
                    2
                } else {
                    continue;
                }
            }
            AtomKind::BareYear => continue,
        };
        let rank = if done { 1 } else { rank };
        // the phrase starts at its lead-in word ("trước ngày", "trong", "đến")
        let lead_words = [
            "tai ky hop ",
            "tai hoi nghi ",
            "hoan thanh truoc ngay ",
            "truoc ngay ",
            "cham nhat ngay ",
            "den het ngay ",
            "den ngay ",
            "du kien ngay ",
            "den het ",
            "trong ",
            "truoc ",
            "den ",
            "vao ",
        ];
        let mut a = at.a;
        for w in lead_words {
            if f[..at.a].ends_with(w) {
                a = at.a - w.len();
                break;
            }
        }
        // "năm 2026" atoms keep their "năm"; "đến năm" / "trong năm" lead-ins
        all.push(TaskTime { iso: Some(iso), start: src(a), end: src(at.b), rank });
    }
    all
}

/// The first recurring or open time phrase of a clause ("thường xuyên", "định kỳ hằng
/// năm", "hằng quý"), for the deadline text of a task that has no due date.
pub fn recurring_time(s: &str) -> Option<(usize, usize)> {
    let (f, map) = crate::fast::fold_map(s);
    let src = |fi: usize| map.get(fi).copied().unwrap_or(s.len());
    let p = RECURRING
        .iter()
        .filter(|w| !matches!(**w, "ke tu" | "truoc khi" | "sau khi" | "khi co" | "theo ke hoach"))
        .filter_map(|w| {
            let mut from = 0;
            while let Some(q) = f[from..].find(w) {
                let at = from + q;
                let ok_l = at == 0 || !f.as_bytes()[at - 1].is_ascii_alphanumeric();
                let ok_r = f.as_bytes().get(at + w.len()).is_none_or(|c| !c.is_ascii_alphanumeric());
                if ok_l && ok_r {
                    return Some((at, at + w.len()));
                }
                from = at + w.len();
            }
            None
        })
        .min()?;
    // "định kỳ 6 tháng", "định kỳ hằng năm": keep the period after "định kỳ"
    let mut e = p.1;
    if f[p.0..].starts_with("dinh ky") {
        let rest = &f[e..];
        let n = rest
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == ' ' || *c == ',' || c.is_ascii_lowercase())
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        let words: Vec<&str> = rest[..n].split(' ').collect();
        let keep: usize = words
            .iter()
            .take_while(|w| {
                w.is_empty()
                    || w.chars().all(|c| c.is_ascii_digit() || c == ',')
                    || ["thang", "nam", "hang", "quy"].contains(&w.trim_end_matches(','))
            })
            .map(|w| w.len() + 1)
            .sum();
        e += keep.min(rest.len());
        e = e.min(f.len());
        while e > p.1 && (f.as_bytes()[e - 1] == b' ' || f.as_bytes()[e - 1] == b',') {
            e -= 1;
        }
    }
    Some((src(p.0), src(e)))
}

/// A time written as a whole cell or field value ("Quý IV/2025", "Năm 2026", "2026 - 2027",
/// "Giai đoạn 2026 - 2030", "Trước 30/6/2026", "Quý IV/2029 - quý I/2030", "Tháng 12
/// hằng năm", "Thường xuyên"): the due date, or None for a recurring, open or starting
/// time. A range is due at its end; a time without a year takes `year`.
pub fn time_cell(s: &str, year: Option<i32>) -> Option<String> {
    let f = crate::fast::fold_fast(s);
    let f = f.trim();
    if RECURRING.iter().any(|w| f.contains(w)) {
        return None;
    }
    let ats = atoms(f, year);
    // "Từ quý III/2029", "từ tháng 12/2025": a start with no end
    if (f.starts_with("tu ") || f.starts_with("bat dau")) && !f.contains(" den ") {
        return None;
    }
    let last = ats.iter().rev().find(|a| a.iso.is_some())?;
    last.iso.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines() {
        let d = |s: &str| find_deadline(s).map(|d| (d.iso, s[d.start..d.end].to_string()));
        assert_eq!(
            d("Hoàn thành trước ngày 15/12/2025."),
            Some(("2025-12-15".into(), "Hoàn thành trước ngày 15/12/2025".into()))
        );
        assert_eq!(d("Hoàn thành trong tháng 11/2025.").unwrap().0, "2025-11");
        assert_eq!(d("trong tháng 01/2026").unwrap().0, "2026-01");
        assert_eq!(d("Quý I/2026").unwrap().0, "2026-03");
        assert_eq!(d("quý IV/2025").unwrap().0, "2025-12");
        assert_eq!(d("Đến năm 2030, tỷ lệ").unwrap().0, "2030");
        assert_eq!(d("giai đoạn 2026 - 2030"), None);
        assert_eq!(d("Thời hạn: trước 31/12/2025.").unwrap().0, "2025-12-31");
        assert_eq!(d("chậm nhất ngày 15/01/2026").unwrap().0, "2026-01-15");
        assert_eq!(d("Thời gian hoàn thành: trong Quý II/2026").unwrap().0, "2026-06");
        assert_eq!(d("trước tháng 6/2026").unwrap().0, "2026-06");
        assert_eq!(d("Từ tháng 12/2025 và các năm tiếp theo"), None, "a start is not a deadline");
        assert_eq!(d("trước ngày 31/02/2025"), None);
        // written long, as pasted text and resolutions write them
        assert_eq!(
            d("hoàn thành trước ngày 31 tháng 01 năm 2027."),
            Some(("2027-01-31".into(), "hoàn thành trước ngày 31 tháng 01 năm 2027".into()))
        );
        assert_eq!(d("Đến hết năm 2026, 100% văn bản").unwrap().0, "2026");
        assert_eq!(d("hoàn thành trong Quý III năm 2026").unwrap().0, "2026-09");
        assert_eq!(d("trong tháng 8 năm 2026").unwrap().0, "2026-08");
        // the year's end, as goals of a conference word it
        assert_eq!(
            d("phấn đấu đến cuối năm 2026 thu ngân sách đạt 110% dự toán"),
            Some(("2026-12".into(), "đến cuối năm 2026".into()))
        );
        assert_eq!(d("vào cuối năm 2027 có 95% hộ"), Some(("2027-12".into(), "vào cuối năm 2027".into())));
        assert_eq!(d("đến cuối năm, tỷ lệ"), None, "no year written: the reader's year decides");
    }

    #[test]
    fn task_deadline_phrases() {
        let d = |s: &str| task_deadline(s, Some(2026)).and_then(|t| t.iso);
        let cases: &[(&str, Option<&str>)] = &[
            ("lập hồ sơ, hoàn thành trước ngày 20/11/2027.", Some("2027-11-20")),
            ("trình Ban Thường vụ trong quý III/2027", Some("2027-09")),
            ("xong trong Quý I năm 2028", Some("2028-03")),
            ("tổ chức hội nghị vào tháng 8/2027", Some("2027-08")),
            ("phấn đấu đến cuối năm kết nạp 12 đảng viên", Some("2026-12")),
            ("báo cáo trong 6 tháng đầu năm", Some("2026-06")),
            ("giám sát từ tháng 4 đến tháng 6/2027", Some("2027-06")),
            ("bắt đầu từ quý II/2027", None),
            ("trước ngày 10/01 hằng năm", None),
            ("thực hiện Chỉ thị số 09-CT/TU ngày 12/3/2024 của Tỉnh ủy", None),
            ("xây dựng đề án giai đoạn 2026 - 2030", None),
            ("hoàn thành trước Lễ ra quân (dự kiến ngày 15/2/2027)", Some("2027-02-15")),
            ("phấn đấu đến cuối năm đạt 90%; hoàn thành trước ngày 30/8/2027", Some("2027-08-30")),
            ("ban hành kế hoạch ngày 12 tháng 5 năm 2027 của Ban Thường vụ", None),
            ("hoàn thành trong tháng 10 năm 2027", Some("2027-10")),
            ("đến hết năm 2028", Some("2028")),
            // a meeting at the year's end
            ("báo cáo kết quả tại kỳ họp cuối năm 2027 của Hội đồng nhân dân xã", Some("2027-12")),
            ("tổng hợp, báo cáo tại hội nghị cuối năm", Some("2026-12")),
            ("đánh giá tại kỳ họp thứ ba", None),
            // two times of one strength: the work is done at the later
            ("báo cáo trước ngày 20/6/2027 và trước ngày 15/12/2027", Some("2027-12-15")),
            ("sơ kết trong quý II/2027, tổng kết trong quý IV/2027", Some("2027-12")),
            // written long, through the one date reader
            ("gửi về Đảng ủy trước ngày 05 tháng 3 năm 2027", Some("2027-03-05")),
            ("Kế hoạch ngày 12 tháng 5 năm 2027, hoàn thành trước ngày 30/6/2027", Some("2027-06-30")),
            // a day without its year takes the context's year; a range of months ends at its last
            ("bảo đảm an ninh tại các chợ, xong trước 30/6.", Some("2026-06-30")),
            ("gửi danh sách chậm nhất ngày 15/9", Some("2026-09-15")),
            ("đạt 17/19 tiêu chí", None),
            ("rà soát, cấp mã số vùng trồng trong tháng 7-8/2027", Some("2027-08")),
            // a programme item's own time in brackets, beside a period it names
            ("Sơ kết 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2026 (tháng 6)", Some("2026-06")),
        ];
        for (s, want) in cases {
            assert_eq!(d(s).as_deref(), *want, "{s}");
        }
        assert_eq!(task_deadline("vào cuối năm", None), None, "no year to place it in");
        let m: Vec<String> =
            task_deadlines("hoàn thành dự thảo trong tháng 9/2027, trình Ban Thường vụ trước ngày 15/10/2027", None)
                .into_iter()
                .filter_map(|t| t.iso)
                .collect();
        assert_eq!(m, ["2027-09", "2027-10-15"], "every milestone");
    }

    #[test]
    fn time_cells() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Quý II/2027", Some("2027-06")),
            ("Trong quý\nIV/2027", Some("2027-12")),
            ("Năm 2028", Some("2028")),
            ("2027 - 2028", Some("2028")),
            ("Giai đoạn 2026 -\n2030", Some("2030")),
            ("Trước 15/7/2027", Some("2027-07-15")),
            ("Đến hết năm 2029", Some("2029")),
            ("Quý III/2028 - quý II/2029", Some("2029-06")),
            ("6 tháng cuối năm 2027", Some("2027-12")),
            ("Tháng 3", Some("2026-03")),
            ("Trong tháng 9 - 10/2027", Some("2027-10")),
            ("Từ ngày 12/5 đến ngày 20/5/2027", Some("2027-05-20")),
            ("Tháng 11 hằng năm", None),
            ("Thường xuyên", None),
            ("Hằng năm", None),
            ("Từ quý IV/2028", None),
            ("Quý I, quý II hằng năm", None),
            ("Theo chương trình công tác hằng năm", None),
        ];
        for (s, want) in cases {
            assert_eq!(time_cell(s, Some(2026)).as_deref(), *want, "{s}");
        }
    }

    #[test]
    fn recurring_phrases() {
        let r = |s: &str| recurring_time(s).map(|(a, b)| s[a..b].to_string());
        assert_eq!(r("giám sát thường xuyên việc khắc phục").as_deref(), Some("thường xuyên"));
        assert_eq!(r("định kỳ 6 tháng, 01 năm báo cáo").as_deref(), Some("định kỳ 6 tháng, 01 năm"));
        assert_eq!(r("triển khai kế hoạch"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = find_deadlines(&s);
            let _ = task_deadline(&s, Some(2026));
            let _ = time_cell(&s, None);
            let _ = recurring_time(&s);
        }

        #[test]
        fn never_panics_on_number_soup(s in "[0-9.,/ %()-]{0,30}(trên|dưới|từ|ngày|tháng|Quý|năm)?[0-9.,/ %]{0,12}") {
            let _ = find_deadlines(&s);
        }
    }
}
