//! Targets (chỉ tiêu) and results (kết quả) from running text.
//!
//! A unit is read as *forward* (goals: "phương hướng", "mục tiêu", "nhiệm vụ",
//! "giải pháp", a programme of action) or *backward* (a report: "kết quả",
//! "đánh giá", "tình hình") from its heading path and the document type.
//! Forward units give one target per figure of a clause; backward units give
//! results only where the text sets a figure against a chỉ tiêu ("119/116 đạt 102,6%").

use std::sync::LazyLock;

use regex::Regex;
use theodoi_core::{Comparator, DocType, Document, Frequency, Target, TargetKind, Verdict};
use theodoi_text::{
    find_deadline, find_quantities, find_term, fold_fast as fold, fold_map, parse_number, parse_value, Cmp, Quantity,
};

use crate::units::{body, Kind, Unit};

/// Whether a unit sets goals or reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Forward,
    Backward,
}

const FORWARD: &[&str] = &[
    "phuong huong",
    "muc tieu",
    "chi tieu",
    "nhiem vu",
    "giai phap",
    "dot pha",
    "to chuc thuc hien",
    "noi dung chuong trinh",
    "ke hoach nam",
    "trong tam",
    "de xuat",
    "kien nghi",
];
const BACKWARD: &[&str] = &[
    "ket qua",
    "danh gia",
    "tinh hinh",
    "kiem diem",
    "han che",
    "nguyen nhan",
    "bai hoc",
    "viec thuc hien",
    "cong tac chuan bi",
    "thuc hien nghi quyet",
    "uu diem",
    "khuyet diem",
    "thanh tuu",
];

/// Mode of a unit from its heading path (innermost first), or the document default.
pub(crate) fn mode(u: &Unit, doc_type: DocType) -> Mode {
    let doc_type = if u.doc_type != DocType::Other { u.doc_type } else { doc_type };
    // a self-review looks back throughout, whatever its headings say
    if doc_type == DocType::BaoCaoKiemDiem {
        return Mode::Backward;
    }
    let mut path: Vec<&str> = u.path_folded().collect();
    if u.kind == Kind::Heading {
        path.insert(0, &u.folded);
    }
    for t in &path {
        if BACKWARD.iter().any(|k| t.contains(k)) {
            return Mode::Backward;
        }
        if FORWARD.iter().any(|k| t.contains(k)) {
            return Mode::Forward;
        }
    }
    match doc_type {
        DocType::ChuongTrinhHanhDong
        | DocType::NghiQuyet
        | DocType::KeHoach
        | DocType::ChuongTrinhCongTac
        | DocType::ChuongTrinhPhoiHop
        | DocType::ThongBaoKetLuan
        | DocType::QuyetDinh
        | DocType::CongVan => Mode::Forward,
        _ => Mode::Backward,
    }
}

/// Category from keywords (party, economy, urban, culture_society, admin_reform, defense_security).
pub(crate) fn category_of(folded: &str) -> Option<&'static str> {
    const CATS: &[(&str, &[&str])] = &[
        (
            "admin_reform",
            &[
                "thu tuc hanh chinh",
                "ho so truc tuyen",
                "dich vu cong",
                "cai cach hanh chinh",
                "chuyen doi so",
                "truc tuyen",
                "doi moi sang tao",
                "chinh quyen so",
                "hai long",
                "chinh quyen than thien",
                "tiep can phap luat",
                "iso ",
                "kpi",
            ],
        ),
        (
            "defense_security",
            &[
                "giao quan",
                "quan su",
                "cong an",
                "an ninh",
                "quoc phong",
                "ma tuy",
                "toi pham",
                "nghia vu",
                "nhap ngu",
                "dan quan",
                "anct",
                "ttatxh",
                "trat tu an toan",
            ],
        ),
        (
            "party",
            &[
                "dang vien",
                "chi bo",
                "to chuc dang",
                "cap uy",
                "ket nap",
                "co so dang",
                "dang bo",
                "kiem tra, giam sat",
                "xay dung dang",
                "hoan thanh tot nhiem vu",
                "httnv",
                "htnv",
                "phat trien dang",
                "trong sach vung manh",
            ],
        ),
        (
            "urban",
            &[
                "do thi",
                "chat thai",
                "rac",
                "moi truong",
                "dia chinh",
                "dat dai",
                "nuoc sach",
                "cay xanh",
                "chieu sang",
                "giao thong",
                "ve sinh",
                "vsmt",
            ],
        ),
        (
            "culture_society",
            &[
                "ho ngheo",
                "van hoa",
                "truong",
                "giao duc",
                "bao hiem",
                "y te",
                "dan so",
                "lao dong",
                "viec lam",
                "hoc",
                "an sinh",
                "the thao",
                "suc khoe",
                "ngheo",
                "bhyt",
                "bhxh",
                "dao tao nghe",
                "sinh con",
            ],
        ),
        (
            "economy",
            &[
                "ngan sach",
                "nsnn",
                "thu nhap",
                "gia tri san xuat",
                "doanh nghiep",
                "von dau tu",
                "tang truong",
                "nong nghiep",
                "chi thuong xuyen",
                "kinh te",
                "san pham",
                "nang suat",
                "dau tu",
                "thuong mai",
                "dich vu",
                "tiet kiem",
                "gia tri",
                "cum cong nghiep",
                "cum cn",
                "lang nghe",
                "rau mau",
                "thuy san",
                "chan nuoi",
            ],
        ),
    ];
    let mut best: Option<(&str, usize)> = None;
    for (cat, kws) in CATS {
        let hits = kws.iter().filter(|k| folded.contains(*k)).count();
        if hits > 0 && best.is_none_or(|(_, h)| hits > h) {
            best = Some((cat, hits));
        }
    }
    best.map(|(c, _)| c)
}

/// Whether clause `i` of `t` only restates the plan of a figure reported in the clause beside it
/// ("…, tăng 700 triệu đồng so với đầu nhiệm kỳ; mục tiêu Nghị quyết đến năm 2028 là 3,5 tỷ
/// đồng"): a plan clause ([`plan_clause`]) next to a clause with a figure in its unit that sets
/// no goal.
fn restates_plan(t: &str, cls: &[(usize, usize)], i: usize) -> bool {
    let Some(&(a, e)) = cls.get(i) else { return false };
    let Some(plan) = plan_clause(&t[a..e]) else { return false };
    [i.checked_sub(1), Some(i + 1)].into_iter().flatten().filter_map(|k| cls.get(k)).any(|&(x, y)| {
        let c = &t[x..y];
        lean(c) != Some(TargetKind::Target)
            && find_quantities(c).iter().any(|q| q.unit.is_some() && same_unit(q.unit.as_deref(), plan.unit.as_deref()))
    })
}

/// Category of the nearest heading that has one.
fn path_category(u: &Unit) -> Option<&'static str> {
    u.path_folded().find_map(category_of)
}

/// Clause boundaries inside a unit's text: "; ", ". ", " nhưng ", ": " after "Trong đó".
fn clauses(t: &str, from: usize) -> Vec<(usize, usize)> {
    let mut cuts = vec![from];
    let b = t.as_bytes();
    let mut depth = 0i32;
    for (i, c) in t.char_indices().skip_while(|(i, _)| *i < from) {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth <= 0 => cuts.push(i + 1),
            '.' if depth <= 0
                && b.get(i + 1) == Some(&b' ')
                && t[i + 2..].chars().next().is_some_and(|c| c.is_uppercase()) =>
            {
                cuts.push(i + 1)
            }
            _ => {}
        }
    }
    for pat in [" nhưng ", "trong đó:", "Trong đó:", "trong đó có", "Trong đó có"] {
        let mut k = from;
        while let Some(p) = t.get(k..).and_then(|s| s.find(pat)) {
            let at = k + p;
            cuts.push(at + pat.len());
            k = at + pat.len();
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.push(t.len());
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (mut a, e) = (w[0], w[1]);
        while a < e && t.as_bytes()[a] == b' ' {
            a += 1;
        }
        if e > a + 2 {
            out.push((a, e));
        }
    }
    out
}

fn paren_depth_at(t: &str, a: usize, b: usize) -> i32 {
    let s = &t[a..b];
    s.matches('(').count() as i32 - s.matches(')').count() as i32
}

/// Figures of a clause worth a target: with a unit, not a duration, not inside a parenthesis.
fn figures(t: &str, a: usize, b: usize) -> Vec<Quantity> {
    let c = &t[a..b];
    let mut out: Vec<Quantity> = find_quantities(c)
        .into_iter()
        .filter(|q| q.unit.as_deref().is_some_and(|u| !matches!(u, "năm" | "ngày" | "tháng")))
        .filter(|q| paren_depth_at(c, 0, q.num_start) <= 0)
        .map(|mut q| {
            q.start += a;
            q.end += a;
            q.num_start += a;
            q
        })
        .collect();
    // "từ 02 tổ chức … trở lên": "trở lên" far from the figure
    for q in out.iter_mut() {
        if q.cmp == Cmp::Eq {
            let before = fold(&t[a..q.num_start]);
            if before.trim_end().ends_with(" tu") || before.trim_end() == "tu" {
                if fold(&t[q.end..b]).contains("tro len") {
                    q.cmp = Cmp::Ge;
                }
            }
        }
    }
    if out.is_empty() {
        // "ít nhất một nhà đa năng"
        let orig = ["ít nhất ", "tối thiểu ", "Ít nhất ", "Tối thiểu "].iter().find_map(|w| c.find(w));
        if let Some(o) = orig {
            let tail = &c[o..];
            let end = tail.find([',', ';', '.']).unwrap_or(tail.len());
            let words: Vec<&str> = tail[..end].split_whitespace().take(6).collect();
            let phrase = words.join(" ");
            if let Some(mut q) = parse_value(&phrase) {
                // the figure ends where the parsed value does, not at the sixth word
                let plen = tail[..end].len().min(phrase.len()).min(q.end.max(1));
                q.start = a + o;
                q.end = crate::units::floor_char(t, a + o + plen).max(a + o);
                q.num_start = a + o;
                out.push(q);
            }
        }
        // "không còn hộ nghèo" → 0
        if let Some(o) = c.find("không còn ") {
            let tail = &c[o + "không còn ".len()..];
            let w: Vec<&str> = tail.split_whitespace().take(2).collect();
            if w.len() == 2 && !w[0].chars().any(|ch| ch.is_ascii_digit()) {
                let unit = w.join(" ").trim_end_matches(['.', ',', ';']).to_string();
                let end = a + o + "không còn ".len() + tail.find(w[1]).map(|p| p + w[1].len()).unwrap_or(0);
                out.push(Quantity {
                    cmp: Cmp::Eq,
                    value: 0.0,
                    value_max: None,
                    unit: Some(unit),
                    start: a + o,
                    end,
                    num_start: a + o,
                });
            }
        }
    }
    out
}

pub(crate) fn comparator(c: Cmp) -> Comparator {
    match c {
        Cmp::Gt => Comparator::Gt,
        Cmp::Ge => Comparator::Ge,
        Cmp::Eq => Comparator::Eq,
        Cmp::Le => Comparator::Le,
        Cmp::Lt => Comparator::Lt,
        Cmp::Range => Comparator::Range,
    }
}

/// Clean a clause into a target name: drop the figure, leading "phấn đấu", "Hằng năm,", "Đến năm 2030,".
fn name_of(t: &str, a: usize, b: usize, q: Option<&Quantity>) -> String {
    let s = match q {
        Some(q) if q.start >= a && q.end <= b => {
            // a counted noun no list holds is part of what is named ("Hỗ trợ sửa chữa ít nhất 5
            // nhà ở …" → "Hỗ trợ sửa chữa nhà ở …"); a listed unit is not
            let listed = q
                .unit
                .as_deref()
                .is_none_or(|u| u.contains("đồng") || theodoi_text::unit_at(u).is_some_and(|(_, n)| n == u.len()));
            let before = t[a..q.start].trim_end();
            let after = t[q.end..b].trim().trim_start_matches(['.', ',', ' ']);
            let noun = if listed {
                // a counted noun of the list stands in the name when the figure sat inside it
                // ("kết nạp từ 25 đảng viên mới trở lên" → "kết nạp đảng viên mới"); a measure
                // (%, đồng, ha, km) never does
                match q.unit.as_deref() {
                    Some(u)
                        if counted_unit(u)
                            && !before.is_empty()
                            && !fold(after).trim_start_matches("tro len").trim().is_empty() =>
                    {
                        u
                    }
                    _ => "",
                }
            } else {
                // after the last number ("từ 01 đến 02 nghị quyết" → "nghị quyết")
                let fig = &t[q.num_start.max(q.start)..q.end];
                fig[fig.rfind(|c: char| c.is_ascii_digit()).map(|p| p + 1).unwrap_or(0)..]
                    .trim_start_matches(['.', ',', ' ', '%'])
                    .trim_end()
                    .trim_end_matches("trở lên")
                    .trim_end()
            };
            // the comparator left before the gap goes with the figure ("đón khoảng … lượt khách")
            let before = if noun.is_empty() { &t[a..q.start] } else { crate::names::strip_comparator(before) };
            format!("{} {} {}", before, noun, &t[q.end..b])
        }
        _ => t[a..b].to_string(),
    };
    // the frame around the name is cut by names::tidy, once for every reader
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim().trim_end_matches(['.', ';', ',', ' ']).trim();
    cap(s)
}

/// Work whose figure counts what is done over the period (folded): jobs given, members
/// admitted, people trained add up year by year, so a goal of them is a total over the term.
pub(crate) const FLOWS: &[&str] = &["giai quyet viec lam", "tao viec lam", "ket nap", "dao tao nghe cho"];

/// A unit that counts people or things ("đảng viên", "hộ", "trường"), not a measure.
fn counted_unit(u: &str) -> bool {
    const MEASURES: &[&str] = &["km2", "km²", "m2", "m3", "km", "ha", "tấn", "tạ", "kg", "lít", "ngày công"];
    !(u.contains(['%', '/']) || u.contains("đồng") || MEASURES.contains(&u))
}

/// First letter upper-cased, as a name is written at the start of an item.
fn cap(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().collect::<String>() + cs.as_str(),
        None => String::new(),
    }
}

/// "tăng bình quân" is a yearly average; "bình quân đầu người" (per head) is not.
pub(crate) fn per_year_average(f: &str) -> bool {
    f.replace("binh quan dau nguoi", "").contains("binh quan")
}

/// Frequency: "hằng năm" said outright, then a deadline, then a per-year unit, then "trong nhiệm kỳ".
fn frequency(clause_f: &str, item_f: &str, deadline: bool, unit: Option<&str>) -> Option<Frequency> {
    let annual = |f: &str| f.contains("hang nam") || f.contains("moi nam") || per_year_average(f);
    if annual(clause_f) {
        return Some(Frequency::Annual);
    }
    if deadline {
        return Some(Frequency::ByDeadline);
    }
    if unit.is_some_and(|u| u.ends_with("/năm")) || annual(item_f) {
        return Some(Frequency::Annual);
    }
    // a count of things (not a rate) with no year and no deadline is a total over the term
    if clause_f.contains("nhiem ky") || unit.is_some_and(|u| !u.contains('%')) {
        return Some(Frequency::TermTotal);
    }
    None
}

static RESULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:[.,]\d+)?)/(\d+(?:[.,]\d+)?)(?: [^;.()]{0,30}?)?,? dat (\d+(?:[.,]\d+)?) ?%")
        .expect("static regex")
});

/// Context shared by the targets of one document.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Document,
    pub doc_type: DocType,
    pub term: Option<String>,
}

/// Targets and results from the running text.
pub(crate) fn targets(cx: &Ctx, units: &[Unit]) -> Vec<Target> {
    let mut out = Vec::new();
    for u in units {
        if u.kind == Kind::Heading {
            continue;
        }
        // each clause by its own words; the unit's mode only breaks ties
        let mut m = mode(u, cx.doc_type);
        // "… trong đó có một số chỉ tiêu chủ yếu: …": a run-in list of goals
        if ["chi tieu chu yeu:", "cac chi tieu:", "chi tieu cu the:"].iter().any(|k| u.folded.contains(k)) {
            m = Mode::Forward;
        }
        let n0 = out.len();
        if m == Mode::Backward {
            backward(cx, u, &mut out);
        }
        forward(cx, u, m, &mut out);
        clause_results(cx, u, m, n0, &mut out);
    }
    out
}

/// Results read clause by clause ([`clause_result`]) where a clause reports; a result the
/// unit's older readers already took from the same figure is completed, not repeated.
fn clause_results(cx: &Ctx, u: &Unit, m: Mode, n0: usize, out: &mut Vec<Target>) {
    let (b, off) = body(u);
    if !b.bytes().any(|c| c.is_ascii_digit()) || is_assignment(&fold(b)) {
        return;
    }
    let cs = clauses(&u.text, off);
    // clauses that only state a plan ("chỉ tiêu cả năm là dưới 1,5%", "Huyện giao dự toán …
    // 18,4 tỷ đồng."): the figure reported next to one is set against it
    let plans: Vec<Option<NearPlan>> =
        cs.iter().map(|&(a, e)| plan_clause(&u.text[a..e]).map(|q| NearPlan { q, a, e, after: false })).collect();
    for (i, &(a, e)) in cs.iter().enumerate() {
        if plans[i].is_some() || !reports(&u.text[a..e], m) {
            continue;
        }
        // the clause before first (a plan stated, then what was done), else the one after
        let near = (i > 0)
            .then(|| plans[i - 1].clone())
            .flatten()
            .or_else(|| plans.get(i + 1).cloned().flatten().map(|p| NearPlan { after: true, ..p }));
        // a clause setting its figure against a second plan gives a second result
        let others: Vec<Target> =
            (1..4).map_while(|nth| clause_result(cx, u, (a, e), m == Mode::Backward, near.as_ref(), nth)).collect();
        let Some(r) = clause_result(cx, u, (a, e), m == Mode::Backward, near.as_ref(), 0) else {
            out.extend(others);
            continue;
        };
        let span = r.evidence[0].span;
        // the same clause: the older reader's achieved figure is written in it
        let clause = &u.text[a..e];
        let same = out[n0..].iter_mut().find(|x| {
            x.kind == TargetKind::Result
                && x.evidence.first().is_some_and(|ev| ev.span.start <= span.end && span.start <= ev.span.end)
                && x.achieved_text.as_deref().is_some_and(|at| !at.is_empty() && clause.contains(at))
        });
        match same {
            // the older reader took another figure of the clause (the count of a share): the
            // one answering the quoted plan is the result
            Some(x) if x.achieved != r.achieved && x.achieved.is_some() => {
                if r.value.is_some() && (x.value.is_none() || x.unit != r.unit) {
                    *x = r;
                }
            }
            Some(x) => {
                // the older reader names by the words before the figure ("Kết nạp được"); the
                // clause's reading takes the figure's object in ("Kết nạp đảng viên mới")
                if r.name != x.name && fold(&r.name).starts_with(&fold(&clean_result_name(&x.name))) {
                    x.name = r.name.clone();
                }
                // beside a second plan's result, each keeps its own plan's words
                if !others.is_empty() && r.target_text.is_some() {
                    x.target_text = r.target_text.clone();
                }
                if x.value.is_none() && r.value.is_some() {
                    x.value = r.value;
                    x.value_max = r.value_max;
                    x.comparator = r.comparator;
                    x.target_text = r.target_text;
                    x.unit = x.unit.clone().or(r.unit);
                }
                x.verdict = x.verdict.or(r.verdict);
            }
            None => out.push(r),
        }
        out.extend(others);
    }
}

/// Word-set similarity of two names (folded syllables).
fn name_sim(a: &str, b: &str) -> f64 {
    let wa: std::collections::HashSet<String> = fold(a).split_whitespace().map(str::to_string).collect();
    let wb: std::collections::HashSet<String> = fold(b).split_whitespace().map(str::to_string).collect();
    let inter = wa.intersection(&wb).count() as f64;
    let min = wa.len().min(wb.len()).max(1) as f64;
    inter / min
}

/// Body targets and appendix targets: the same target stated in both (same kind,
/// value, unit, similar name) becomes one item with both evidences. Ids are assigned here.
pub(crate) fn merge(body: Vec<Target>, appendix: Vec<Target>) -> Vec<Target> {
    let mut out = body;
    let n_body = out.len();
    for t in appendix {
        let same = out[..n_body].iter().position(|b| {
            b.kind == t.kind
                && b.value == t.value
                && b.unit == t.unit
                && b.value_max == t.value_max
                && name_sim(&b.name, &t.name) >= 0.6
        });
        // a result told in the text and in a table: the same achieved figure (and plan,
        // where the text gives one) under a like name; the table row fills what the
        // sentence left out (the plan, the verdict) and names it
        let lenient = same.is_none();
        let same = same.or_else(|| {
            let mut best: Option<(usize, f64)> = None;
            for (k, b) in out[..n_body].iter().enumerate() {
                if b.kind != TargetKind::Result || t.kind != TargetKind::Result || b.achieved.is_none() {
                    continue;
                }
                let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
                    (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
                    _ => true,
                };
                // units written differently ("Tổ" / "tổ dân phố", "người" / "lao động") agree
                // when both figures do
                let first =
                    |u: &Option<String>| u.as_deref().and_then(|u| u.split_whitespace().next()).map(str::to_string);
                let both = b.value.is_some() && t.value.is_some() && close(b.value, t.value);
                let unit_ok = b.unit.is_none()
                    || t.unit.is_none()
                    || b.unit == t.unit
                    || first(&b.unit) == first(&t.unit)
                    || both;
                let s = name_sim(&b.name, &t.name);
                if b.achieved.is_some()
                    && close(b.achieved, t.achieved)
                    && close(b.value, t.value)
                    && unit_ok
                    && s >= 0.3
                {
                    if best.is_none_or(|(_, bs)| s > bs) {
                        best = Some((k, s));
                    }
                }
            }
            best.map(|(k, _)| k)
        });
        match same {
            Some(k) => {
                let b = &mut out[k];
                if lenient {
                    if b.value.is_none() {
                        b.value = t.value;
                        b.value_max = t.value_max;
                        b.comparator = t.comparator;
                        b.target_text = t.target_text.clone();
                    }
                    b.verdict = b.verdict.or(t.verdict);
                    b.unit = b.unit.clone().or(t.unit.clone());
                    if t.unit_org.is_none() && !t.name.is_empty() {
                        b.name = t.name.clone();
                    }
                    b.category = t.category.clone().or(b.category.clone());
                }
                b.evidence.extend(t.evidence)
            }
            None => out.push(t),
        }
    }
    out.sort_by_key(|t| t.evidence.first().map(|e| e.span.start).unwrap_or(0));
    for (i, t) in out.iter_mut().enumerate() {
        t.id = format!("T{}", i + 1);
    }
    out
}

/// Whether a unit assigns work rather than sets figures.
fn is_assignment(f: &str) -> bool {
    [
        "phan cong",
        "co quan chu tri",
        "co quan tham muu",
        "co quan phoi hop",
        "thoi gian trien khai",
        "truong ban chi dao",
        "co quan thuong truc",
        // an inspection's subject ("Đối tượng: 04 đồng chí …") is no figure to reach
        "doi tuong",
        // a task's expected result ("Kết quả cần đạt: 30 gian hàng, trong đó ít nhất 10 …",
        // "Sản phẩm: …") is what the task hands over
        "ket qua can dat",
        "san pham:",
        "san pham dau ra",
    ]
    .iter()
    .any(|k| f.starts_with(k) || f.starts_with(&format!("* {k}")) || f.starts_with(&format!("- {k}")))
}

fn forward(cx: &Ctx, u: &Unit, m: Mode, out: &mut Vec<Target>) {
    let (b, off) = body(u);
    let bf = fold(b);
    if is_assignment(&bf) {
        return;
    }
    let t = &u.text;
    let section_f0 = u.path_folded().next().unwrap_or_default();
    let listed = section_f0.contains("chi tieu") || section_f0.contains("nhiem vu") || section_f0.contains("muc tieu");
    // no figure, no figure word, not in a list of goals: nothing to read
    if !listed
        && !bf.bytes().any(|c| c.is_ascii_digit())
        && !["khong con", "it nhat", "toi thieu"].iter().any(|k| bf.contains(k))
    {
        return;
    }
    let cls = clauses(t, off);
    let first = cls.first().map(|&(a, e)| fold(&t[a..e])).unwrap_or_default();
    // item-level deadline stated up front ("Đến năm 2030, …")
    let item_deadline = cls.first().and_then(|&(a, e)| find_deadline(&t[a..e]).filter(|d| d.start < 20).map(|d| d.iso));
    let section_f: String = u.path_folded().next().unwrap_or_default().to_string();
    // "PHÂN CÔNG NHIỆM VỤ": its points assign work to units; only their figures are goals
    let assigning = section_f.contains("phan cong");
    // a numbered point under "Nhiệm vụ"/"Mục tiêu"/"Chỉ tiêu", or any point under "Chỉ tiêu"
    let target_list = !assigning
        && ((u.marker.as_deref().is_some_and(|m| m.starts_with('(') || m.ends_with('.'))
            && (section_f.contains("nhiem vu") || section_f.contains("chi tieu") || section_f.contains("muc tieu")))
            || (u.kind == Kind::Item && (section_f.contains("chi tieu") || section_f.contains("muc tieu")))
            // a resolution decides what its numbered points say ("Điều 1. Thông qua …: 1. Tổng
            // vốn …: 45.800 triệu đồng. 2. Khởi công mới 05 công trình …")
            || (m == Mode::Forward
                && u.marker.as_deref().is_some_and(|mk| mk.ends_with('.'))
                && [u.doc_type, cx.doc_type].contains(&DocType::NghiQuyet)));
    let term_of = |s: &str| find_term(s).map(|(a, b)| format!("{a}-{b}"));
    // a year plan ("NHIỆM VỤ TRỌNG TÂM NĂM 2026") sets the term of its targets
    let path_term = u.path.iter().rev().find_map(|(_, h)| {
        term_of(h).or_else(|| {
            let hf = fold(h);
            let p = hf.find("nam 20")?;
            let y: String = hf[p + 4..].chars().take_while(|c| c.is_ascii_digit()).collect();
            (y.len() == 4).then_some(y)
        })
    });
    let doc_term = path_term.or_else(|| cx.term.clone());
    let mut found = 0;
    // "II. MỤC TIÊU ĐẾN NĂM 2027": the goals listed under it are due then, unless yearly or an
    // addition over the term ("có thêm 02 sản phẩm")
    let heading_deadline = u.path.iter().rev().find_map(|(_, h)| {
        let hf = fold(h);
        (hf.contains("muc tieu") || hf.contains("chi tieu")).then(|| find_deadline(h)).flatten().map(|d| d.iso)
    });
    // "Phấn đấu đến năm 2030: trên 95% …; trên 90% …": a deadline before a colon
    // governs the clauses that follow it
    let mut lead_deadline: Option<String> = None;
    // "phấn đấu đến cuối năm 2026 thu ngân sách …; kết nạp đủ 25 đảng viên mới": the deadline
    // the run's opener sets governs the run
    let mut run_deadline: Option<String> = None;
    // in a review, "phấn đấu kết nạp từ 15 đảng viên trở lên; tỷ lệ … đạt trên 90%; thu ngân
    // sách tăng bình quân từ 10% trở lên.": the outspoken goal opens a run its sentence goes on
    let mut goal_run = false;
    for (ci, &(a, e)) in cls.iter().enumerate() {
        if t[..a].trim_end().ends_with(['.', ':']) {
            goal_run = false;
            run_deadline = None;
        }
        // a reporting clause in a plan is read as a result, a goal in a review as a target
        match (m, lean(&t[a..e])) {
            (Mode::Forward, _) if reports(&t[a..e], m) => continue,
            // in a review only an outspoken goal ("phấn đấu", "giảm xuống") is a target, or a
            // goal-leaning clause in the run one opened, or one that says neither goal nor
            // report there ("phấn đấu …; tỷ lệ hộ nghèo giảm bình quân 1%/năm; …")
            (Mode::Backward, l) => {
                let strong = STRONG_GOAL.iter().any(|w| fold(&t[a..e]).contains(w));
                let goes_on = goal_run && l.is_none() && !past_marker(&t[a..e]);
                if !(l == Some(TargetKind::Target) && (strong || goal_run) || goes_on) {
                    continue;
                }
                // "…, tăng 700 triệu đồng so với đầu nhiệm kỳ; mục tiêu Nghị quyết đến năm 2028
                // là 3,5 tỷ đồng": a plan restated beside the figure reported against it
                if !goal_run && restates_plan(t, &cls, ci) {
                    continue;
                }
                goal_run = true;
            }
            _ => {}
        }
        let cf = fold(&t[a..e]);
        // "Phấn đấu thu … đạt 18 tỷ đồng trở lên; trồng mới 400 ha rừng; kết nạp 22 đảng viên
        // mới.": a plain count in the run an outspoken goal opened is a goal too
        let in_run = goal_run && m == Mode::Forward;
        if cf.contains("phan dau") {
            goal_run = true;
        }
        let qs = figures(t, a, e);
        let own = find_deadline(&t[a..e]);
        if cf.contains("phan dau") {
            run_deadline = own.as_ref().map(|d| d.iso.clone());
        }
        // a yearly goal or an addition over the term has no deadline from its heading
        let yearly = ["hang nam", "moi nam"].iter().any(|w| cf.contains(w)) || per_year_average(&cf);
        // a count of what the period does ("giải quyết việc làm cho 350 - 400 lao động") adds up
        // over it as an addition does; a rate of it ("tỷ lệ … đạt 90%") is due by the heading's year
        let flow = FLOWS.iter().any(|w| cf.contains(w))
            && !qs.iter().any(|q| q.unit.as_deref().is_some_and(|u| u.contains('%')));
        let added = cf.contains(" them ") || cf.starts_with("them ") || flow;
        let deadline = own
            .as_ref()
            .map(|d| d.iso.clone())
            .or_else(|| lead_deadline.clone())
            .or_else(|| run_deadline.clone().filter(|_| goal_run))
            .or_else(|| item_deadline.clone())
            .or_else(|| heading_deadline.clone().filter(|_| !yearly && !added));
        if let Some(d) = &own {
            if t[a + d.end..e].trim_start().starts_with(':') {
                lead_deadline = Some(d.iso.clone());
            }
        }
        for q in qs.iter() {
            // "Đã tổ chức … 105 cuộc": a past figure is not a goal
            if t[a..q.num_start].split(|c: char| !c.is_alphanumeric()).any(|w| w == "đã" || w == "Đã") {
                continue;
            }
            // "tổ chức cho 100% đảng viên học tập …, hoàn thành trước ngày 31/8/2026", "đối chiếu
            // hồ sơ của 100% đảng viên …": whom a dated duty reaches is its scope, not a goal
            // "…, sản phẩm là 02 hợp đồng liên kết được ký kết": what a task hands over, not a goal
            let pre_f = fold(&t[a..q.num_start]);
            if ["san pham la", "san pham:", "san pham dau ra la"].iter().any(|w| pre_f.trim_end().ends_with(w)) {
                continue;
            }
            // ("bảo đảm đến ngày 31/12/2025 giải quyết xong chế độ cho 100% người …" promises it)
            let pre = t[a..q.num_start].trim_end();
            if (pre.ends_with(" cho") || pre.ends_with(" của"))
                && q.unit.as_deref() == Some("%")
                && !["bao dam", "dam bao", "phan dau"].iter().any(|w| cf.contains(w))
                && own.as_ref().is_some_and(|d| d.iso.len() > 7)
            {
                continue;
            }
            // outside a numbered list of goals, a plain count needs a goal word
            // "Bổ sung cân đối từ ngân sách tỉnh: 86.592 triệu đồng": a figure set against its name
            // ("Tổng số đảng viên của chi bộ: 23 đồng chí" counts what there is)
            let labelled = t[a..q.start].trim_end().ends_with(':')
                && !["tong so dang vien", "tong so dai bieu"].iter().any(|w| fold(&t[a..q.start]).starts_with(w));
            if !target_list
                && !labelled
                && !in_run
                && q.cmp == Cmp::Eq
                && !q.unit.as_deref().is_some_and(|u| u.starts_with('%'))
                && q.value != 0.0
                && ![
                    "phan dau",
                    "den nam",
                    "dat ",
                    "hoan thanh",
                    "hang nam",
                    "moi nam",
                    "binh quan",
                    " them ",
                ]
                    .iter()
                    .any(|k| cf.contains(k))
                // "bảo đảm kết nạp đủ 20 đảng viên mới": the full number is a goal ("đủ" as
                // written: folded it is also "dự")
                && !t[a..q.num_start].trim_end().ends_with(" đủ")
            {
                continue;
            }
            found += 1;
            let name = name_of(t, a, e, Some(q));
            let category = category_of(&cf).or_else(|| category_of(&first)).or_else(|| path_category(u));
            out.push(Target {
                kind: TargetKind::Target,
                name,
                section: u.section(),
                category: category.map(str::to_string),
                comparator: comparator(q.cmp),
                value: Some(q.value),
                value_max: q.value_max,
                unit: q.unit.clone(),
                // "không còn hộ nghèo" is a state to keep, not a count to add up over the term
                frequency: frequency(&cf, &first, deadline.is_some(), q.unit.as_deref())
                    .filter(|f| !(q.value == 0.0 && *f == Frequency::TermTotal && !cf.contains("nhiem ky"))),
                deadline: deadline.clone(),
                term: term_of(&t[a..e]).or_else(|| doc_term.clone()),
                target_text: Some(t[q.start..q.end].to_string()),
                evidence: vec![u.evidence(cx.doc, a, e)],
                ..Target::default()
            });
        }
        // "… từ 15% trở lên và có cán bộ nữ trong ban thường vụ": a further, figureless goal
        if target_list && !qs.is_empty() {
            let last_end = qs.iter().map(|q| q.end).max().unwrap_or(a);
            if let Some(p) = t[last_end..e].find(" và có ") {
                let s0 = last_end + p + " và ".len();
                let name = name_of(t, s0, e, None);
                out.push(Target {
                    kind: TargetKind::Target,
                    category: category_of(&cf).or_else(|| path_category(u)).map(str::to_string),
                    target_text: Some(t[s0..e].trim().trim_end_matches(['.', ';']).to_string()),
                    name,
                    section: u.section(),
                    term: doc_term.clone(),
                    evidence: vec![u.evidence(cx.doc, s0, e)],
                    ..Target::default()
                });
            }
        }
        // a numbered goal with a deadline and no figure ("Hoàn thành xây dựng kế hoạch trong tháng 11/2025")
        if qs.is_empty() && target_list {
            if let Some(d) = find_deadline(&t[a..e]).filter(|d| d.iso.len() > 4) {
                found += 1;
                let whole = (off, t.len());
                out.push(Target {
                    kind: TargetKind::Target,
                    name: name_of(t, off, cls.first().map(|c| c.1).unwrap_or(t.len()), None),
                    section: u.section(),
                    category: category_of(&bf).or_else(|| path_category(u)).map(str::to_string),
                    frequency: Some(Frequency::ByDeadline),
                    deadline: Some(d.iso),
                    term: doc_term.clone(),
                    target_text: Some(t[a + d.start..a + d.end].to_string()),
                    evidence: vec![u.evidence(cx.doc, whole.0, whole.1)],
                    ..Target::default()
                });
            }
        }
    }
    // a numbered chỉ tiêu with no figure at all ("Đến năm 2030, phấn đấu phường đạt chuẩn đô thị văn minh")
    // "a) Về kinh tế": the label of a group of chỉ tiêu, not one
    let group_label = (bf.starts_with("ve ") && b.chars().count() < 100) || b.trim_end().ends_with(':');
    if found == 0
        && m == Mode::Forward
        && !group_label
        && target_list
        && (u.marker.as_deref().is_some_and(|m| m.starts_with('(')) || section_f.contains("chi tieu"))
    {
        let deadline = find_deadline(b).map(|d| d.iso);
        if section_f.contains("chi tieu") || deadline.is_some() && bf.contains("dat chuan") {
            let name = name_of(t, off, t.len(), None);
            out.push(Target {
                kind: TargetKind::Target,
                category: category_of(&bf).or_else(|| path_category(u)).map(str::to_string),
                target_text: Some(name.clone()),
                name,
                section: u.section(),
                frequency: deadline.as_ref().map(|_| Frequency::ByDeadline),
                deadline,
                term: doc_term.clone(),
                evidence: vec![u.evidence_all(cx.doc)],
                ..Target::default()
            });
        }
    }
}

static PCT_OF_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:[.,]\d+)*) ?([a-z/ ]{1,24}?)\d{0,2},? \(?(dat|vuot|bang) (\d+(?:[.,]\d+)?) ?%\)?( (?:so voi )?(?:chi tieu|ke hoach|du toan))?").expect("static regex")
});

/// "11,3/7.8 tỷ đồng (đạt 144.8%)", "111/105 quân (105,7%)": done/goal with the share in brackets.
static FRACTION_PCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:[.,]\d+)?)/(\d+(?:[.,]\d+)?) ?([a-z/ ]{0,24}?) ?\((?:dat )?(\d+(?:[.,]\d+)?) ?%\)")
        .expect("static regex")
});

/// The period a result reports on: a period or year in its sentence or headings
/// ("KẾT QUẢ … NĂM 2025", "nhiệm kỳ 2020 - 2025"); else, in a report to a congress, the
/// term that ends where the document's begins.
fn result_term(cx: &Ctx, u: &Unit, sent: &str) -> Option<String> {
    let period = |s: &str| find_term(s).filter(|(a, b)| a < b).map(|(a, b)| format!("{a}-{b}"));
    let year = |s: &str| {
        let f = fold(s);
        let p = f.find("nam 20")?;
        let y: String = f[p + 4..].chars().take_while(|c| c.is_ascii_digit()).collect();
        (y.len() == 4).then_some(y)
    };
    if let Some(t) = period(sent) {
        return Some(t);
    }
    if let Some(t) = u.path.iter().rev().find_map(|(_, h)| period(h).or_else(|| year(h))) {
        return Some(t);
    }
    let doc_type = if u.doc_type != DocType::Other { u.doc_type } else { cx.doc_type };
    if matches!(doc_type, DocType::BaoCaoChinhTri | DocType::BaoCaoKiemDiem) {
        if let Some((a, b)) = cx.term.as_deref().and_then(|t| t.split_once('-')) {
            if let (Ok(a), Ok(b)) = (a.trim().parse::<u16>(), b.trim().parse::<u16>()) {
                if let Some(start) = b.checked_sub(a).and_then(|len| a.checked_sub(len)).filter(|_| b > a) {
                    return Some(format!("{start}-{a}"));
                }
            }
        }
    }
    cx.term.clone()
}

/// Verdict from the share of the goal reached; below 100 % the text has to say it.
fn verdict_of_pct(pct: f64) -> Option<Verdict> {
    if pct > 100.0 {
        Some(Verdict::Exceeded)
    } else if pct == 100.0 {
        Some(Verdict::Met)
    } else {
        None
    }
}

/// "Quảng Thanh: thu NSNN" → (Some("Quảng Thanh"), "thu NSNN"): a short capitalised label
/// before a colon names the unit the figure belongs to, not the figure.
fn split_label(lead: &str) -> (Option<String>, String) {
    if let Some((l, rest)) = lead.split_once(':') {
        let words: Vec<&str> = l.split_whitespace().collect();
        if (1..=4).contains(&words.len()) && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
            return (Some(words.join(" ")), rest.trim().to_string());
        }
    }
    (None, lead.to_string())
}

/// The organisation a short label stands for, as the document names it elsewhere
/// ("Quảng Thanh" → "Đảng bộ phường Quảng Thanh"), else the label itself.
fn unit_org_of(doc: &Document, label: &str) -> String {
    let Ok(re) =
        Regex::new(&format!(r"(?i)\b(?:đảng bộ|đảng uỷ|đảng ủy) (?:phường|xã|thị trấn) {}\b", regex::escape(label)))
    else {
        return label.to_string();
    };
    doc.lines.iter().find_map(|l| re.find(&l.text).map(|m| m.as_str().to_string())).unwrap_or_else(|| label.to_string())
}

/// The body clause a footnote "(37) …" hangs from: the text before the first "(37)" that
/// does not open a line, back to the previous ";", ". " or ":" (a footnote is read with it).
fn footnote_anchor(doc: &Document, mark: &str, before: u32) -> Option<String> {
    let at = doc
        .lines
        .iter()
        .take_while(|l| l.no < before)
        .position(|l| !l.text.trim_start().starts_with(mark) && l.text.contains(mark))?;
    let line = doc.lines.get(at)?;
    let mut text = line.text[..line.text.find(mark)?].to_string();
    // a clause runs over a few wrapped lines
    for l in doc.lines[..at].iter().rev().filter(|l| !l.text.trim().is_empty()).take(3) {
        text = format!("{} {}", l.text.trim_end(), text);
    }
    let start = [";", ". ", ":"].iter().filter_map(|p| text.rfind(p).map(|i| i + p.len())).max().unwrap_or(0);
    let clause = text[start..].split_whitespace().collect::<Vec<_>>().join(" ");
    (!clause.is_empty()).then_some(clause)
}

/// Done/goal figures with their share in brackets; the share must agree with the
/// fraction, so dates and scores written "a/b" are not taken for results.
fn fraction_pct(cx: &Ctx, u: &Unit, f: &str, map: &[usize], out: &mut Vec<Target>) {
    let t = &u.text;
    let mut prev_end = 0usize;
    for c in FRACTION_PCT.captures_iter(f) {
        let (Some(all), Some(n), Some(m), Some(p)) = (c.get(0), c.get(1), c.get(2), c.get(4)) else { continue };
        let (Some(done), Some(goal), Some(pct)) =
            (parse_number(n.as_str()), parse_number(m.as_str()), parse_number(p.as_str()))
        else {
            continue;
        };
        if goal <= 0.0 || (done / goal * 100.0 - pct).abs() > (0.02 * pct).max(1.5) {
            continue;
        }
        let a = map[all.start()];
        let e = map[all.end().min(map.len() - 1)];
        let sent = crate::facts::sentence_of(t, a);
        let sstart = sent.as_ptr() as usize - t.as_ptr() as usize;
        let from = sstart.max(prev_end);
        prev_end = e;
        let lead = crate::units::slice_chars(t, from, a)
            .trim()
            .trim_start_matches(['(', ')', ',', ' '])
            .trim_end_matches([' ', ',']);
        let lead = lead.strip_suffix(" đạt").unwrap_or(lead);
        let lead = match lead.split_once(") ") {
            Some((mk, rest)) if mk.trim_start_matches('(').chars().all(|c| c.is_ascii_digit()) => rest,
            _ => lead,
        };
        let lead = if split_label(lead).0.is_some() { lead } else { lead.trim_end_matches([':', ' ']) };
        let (label, name) = split_label(lead);
        // "(37) Quảng Thanh: 111/105 quân (105,7%)": the footnote names only the unit; the
        // body clause carrying the mark "(37)" names the figure
        let is_mark = |m: &&str| {
            m.len() > 2
                && m.starts_with('(')
                && m.ends_with(')')
                && m[1..m.len() - 1].chars().all(|c| c.is_ascii_digit())
        };
        let mark = u
            .marker
            .as_deref()
            .filter(is_mark)
            .or_else(|| u.text.trim_start().split_once(' ').map(|(m, _)| m).filter(is_mark));
        let anchor = mark.and_then(|m| footnote_anchor(cx.doc, m, u.evidence_all(cx.doc).span.start));
        let name = cap(if !name.is_empty() {
            &name
        } else if let Some(a) = anchor.as_deref() {
            a
        } else {
            label.as_deref().unwrap_or_default()
        });
        if name.is_empty() {
            continue;
        }
        let unit = theodoi_text::count_unit_at(&t[map[m.end()]..]).map(|(u, _)| u).filter(|u| u != "%");
        out.push(Target {
            kind: TargetKind::Result,
            category: category_of(&fold(&name))
                .or_else(|| category_of(&fold(sent)))
                .or_else(|| anchor.as_deref().and_then(|a| category_of(&fold(a))))
                .map(str::to_string),
            unit_org: label.map(|l| unit_org_of(cx.doc, &l)),
            name,
            section: u.section(),
            comparator: Comparator::Eq,
            value: Some(goal),
            unit,
            term: result_term(cx, u, sent),
            target_text: Some(m.as_str().to_string()),
            achieved: Some(done),
            achieved_text: Some(t[a..e].to_string()),
            verdict: verdict_of_pct(pct),
            evidence: vec![u.evidence(cx.doc, a, e)],
            ..Target::default()
        });
    }
}

/// "Năng suất lúa đạt 127.4 tạ/ha/năm, đạt 97.83% chỉ tiêu", "thành lập 02 tổ chức cơ sở
/// đảng, đạt 200% chỉ tiêu giao": an achieved figure measured against its chỉ tiêu.
fn pct_of_target(cx: &Ctx, u: &Unit, f: &str, map: &[usize], out: &mut Vec<Target>) {
    let t = &u.text;
    for c in PCT_OF_TARGET.captures_iter(f) {
        let (Some(all), Some(n), Some(verb), Some(p)) = (c.get(0), c.get(1), c.get(3), c.get(4)) else { continue };
        // "bằng 95%" compares with a goal only when it names one ("so với kế hoạch")
        if verb.as_str() == "bang" && c.get(5).is_none() {
            continue;
        }
        if f[..n.start()].ends_with('/') {
            continue; // "119/116 … đạt 102,6%" is read as a fraction
        }
        // "Kết nạp 14 đảng viên, tăng 2 đảng viên so với cùng kỳ, đạt 104% kế hoạch": the change
        // on another period is not what was done — the count before it is (none: no result)
        let pre = f[..n.start()].trim_end();
        let change = pre.rfind(' ').map_or(0, |i| i + 1);
        let growth =
            c.get(2).is_some_and(|w| w.as_str().contains("so voi")) && matches!(&pre[change..], "tang" | "giam");
        let before_change = growth.then(|| count_before_change(t, map[change]));
        if before_change.as_ref().is_some_and(|q| q.is_none()) {
            continue;
        }
        let before_change = before_change.flatten();
        // "phấn đấu đến cuối năm 2026 thu ngân sách đạt 105% dự toán": a year, not what was done
        if f[..n.start()].ends_with("nam ") && n.as_str().len() == 4 && n.as_str().starts_with("20") {
            continue;
        }
        let (Some(done), Some(pct)) = (parse_number(n.as_str()), parse_number(p.as_str())) else { continue };
        let done = before_change.as_ref().map_or(done, |(_, q)| q.value);
        let a = before_change.as_ref().map_or(map[n.start()], |(at, _)| *at);
        let e = map[all.end().min(map.len() - 1)];
        let sent = crate::facts::sentence_of(t, a);
        let sstart = sent.as_ptr() as usize - t.as_ptr() as usize;
        let lead = crate::units::slice_chars(t, sstart, a)
            .trim()
            .trim_start_matches(['(', ',', ' '])
            .trim_end_matches([' ', ',', ':']);
        // "so với chỉ tiêu … giao cho giai đoạn 2022 - 2027 là 30 thanh niên, đạt 70%": the figure
        // is the plan the share is of, what was done stands before it
        let lf = fold(lead);
        if lf.ends_with(" la") && PLAN_WORDS.iter().any(|w| lf.contains(w)) {
            continue;
        }
        let lead = lead.strip_suffix(" đạt").or_else(|| lead.strip_suffix(" là")).unwrap_or(lead);
        // a footnote's own mark "(18) …" is not part of the name
        let lead = match lead.split_once(") ") {
            Some((m, rest)) if m.trim_start_matches('(').chars().all(|c| c.is_ascii_digit()) => rest,
            _ => lead,
        }
        .to_string();
        let lead = cap(&lead);
        let unit = theodoi_text::find_quantities(&t[a..e]).first().and_then(|q| q.unit.clone()).filter(|u| u != "%");
        // a share with no plan word after a count of people ("có mặt 196 đồng chí, đạt
        // 98,9%") is attendance: only a listed unit makes that share a result's
        let listed = theodoi_text::unit_at(&t[map[n.end()]..]).is_some_and(|(u, _)| u != "%");
        // "6 tháng đạt 51,7% dự toán": a period, not the figure achieved
        if unit.as_deref().is_some_and(|u| matches!(u, "năm" | "tháng" | "ngày")) {
            continue;
        }
        // without "chỉ tiêu"/"kế hoạch" the share needs a counted figure before it
        // ("đạt 45,447 tỷ đồng, đạt 113,9 %"); a bare rate is not measured against a goal
        if c.get(5).is_none() && (unit.is_none() || !listed) {
            continue;
        }
        // "vượt 12% kế hoạch" is over the goal by that much
        let verdict = if verb.as_str() == "vuot" { Some(Verdict::Exceeded) } else { verdict_of_pct(pct) };
        out.push(Target {
            kind: TargetKind::Result,
            category: category_of(&fold(sent)).map(str::to_string),
            name: lead,
            section: u.section(),
            comparator: Comparator::Eq,
            unit,
            term: result_term(cx, u, sent),
            target_text: Some(t[map[p.start()]..e].to_string()),
            achieved: Some(done),
            achieved_text: Some(match &before_change {
                Some((at, q)) => t[*at..*at + (q.end - q.num_start)].trim().to_string(),
                None => t[a..map[c.get(2).map(|m| m.end()).unwrap_or(n.end())]].trim().to_string(),
            }),
            verdict,
            evidence: vec![u.evidence(cx.doc, a, e)],
            ..Target::default()
        });
    }
}

/// The count a sentence reports before the change on another period whose verb ("tăng/giảm N
/// so với …") stands at byte `at` of `t`: the last figure of a counted thing between the
/// sentence's start and the verb, with its byte offset in `t`.
fn count_before_change(t: &str, at: usize) -> Option<(usize, Quantity)> {
    let sent = crate::facts::sentence_of(t, at);
    let sstart = sent.as_ptr() as usize - t.as_ptr() as usize;
    let q = find_quantities(t.get(sstart..at)?)
        .into_iter()
        .rev()
        .find(|q| q.unit.as_deref().is_some_and(|u| u != "%" && !matches!(u, "năm" | "tháng" | "ngày")))?;
    Some((sstart + q.num_start, q))
}

fn backward(cx: &Ctx, u: &Unit, out: &mut Vec<Target>) {
    // every form states a share "N %": without one there is nothing to read
    if !u.text.contains('%') {
        return;
    }
    let t = &u.text;
    let (f, map) = fold_map(t);
    pct_of_target(cx, u, &f, &map, out);
    fraction_pct(cx, u, &f, &map, out);
    if !u.folded.contains("chi tieu") {
        return;
    }
    for c in RESULT.captures_iter(&f) {
        let (Some(all), Some(n), Some(m), Some(p)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else { continue };
        let a = map[all.start()];
        let e = map[all.end().min(map.len() - 1)];
        let sent = crate::facts::sentence_of(t, a);
        let sf = fold(sent);
        if !sf.contains("chi tieu") {
            continue;
        }
        let (Some(done), Some(goal), Some(pct)) =
            (parse_number(n.as_str()), parse_number(m.as_str()), parse_number(p.as_str()))
        else {
            continue;
        };
        // the words before the figure within the sentence name it
        let sstart = sent.as_ptr() as usize - t.as_ptr() as usize;
        let lead = &t[sstart..a];
        let lf = fold(lead);
        let verdict = if lf.contains("khong dat") || lf.contains("khong hoan thanh") {
            Some(Verdict::NotMet)
        } else if lf.contains("chua dat") {
            Some(Verdict::NotYetMet)
        } else if lf.contains("vuot") || pct > 100.0 {
            Some(Verdict::Exceeded)
        } else if pct >= 100.0 {
            Some(Verdict::Met)
        } else {
            None
        };
        // "hoàn thành vượt chỉ tiêu kết nạp đảng viên do thành phố giao (phát triển …": the
        // words after "chỉ tiêu" name it
        let named = lead.rfind("chỉ tiêu ").map(|p| &lead[p + "chỉ tiêu ".len()..]).unwrap_or(lead);
        let named = named.split('(').next().unwrap_or(named);
        let name = cap(named.trim().trim_start_matches(['(', ',', ' ']).trim_end_matches(['(', ' ', ',']));
        let unit = theodoi_text::count_unit_at(&t[map[m.end()]..]).map(|(u, _)| u).filter(|u| u != "%");
        out.push(Target {
            kind: TargetKind::Result,
            category: category_of(&sf).map(str::to_string),
            name,
            section: u.section(),
            comparator: Comparator::Eq,
            value: Some(goal),
            unit,
            term: result_term(cx, u, sent),
            target_text: Some(m.as_str().to_string()),
            achieved: Some(done),
            achieved_text: Some(t[a..e].to_string()),
            verdict,
            evidence: vec![u.evidence(cx.doc, sstart, e)],
            ..Target::default()
        });
    }
}

/// Plan words: a reported figure set against one of these is a result ("đạt 105% kế
/// hoạch", "bằng 94% dự toán", "vượt chỉ tiêu Nghị quyết (90%)", "(mục tiêu năm 2026: 9/9
/// thôn)"). From the review reports of the genre (báo cáo tổng kết, sơ kết, kiểm điểm).
const PLAN_WORDS: &[&str] = &["chi tieu", "ke hoach", "du toan", "nghi quyet", "muc tieu"];

/// [`PLAN_WORDS`] as offices abbreviate them in a share of the plan (folded): "đạt 109% KH
/// năm", "đạt 119,2%KH", "bằng 97% DT", "vượt 5% CT giao", "đạt 104% NQ". Read only right
/// after the share and as whole words: no Vietnamese word is spelt so, but "khá", "khu" begin
/// with the letters and a document's code ("12-KH/ĐU") holds them.
const PLAN_ABBREVS: &[&str] = &["kh", "nq", "ct", "dt"];

/// Whether folded `s` opens with a plan word, in full or abbreviated ([`PLAN_ABBREVS`]).
fn starts_with_plan_word(s: &str) -> bool {
    PLAN_WORDS.iter().any(|w| s.starts_with(w))
        || PLAN_ABBREVS.iter().any(|a| {
            s.strip_prefix(a).is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric() || c == '/' || c == '-'))
        })
}

/// The plan words of a share ("đạt N% …") as one regex group: [`PLAN_WORDS`] and
/// [`PLAN_ABBREVS`], the latter whole words not opening a document's code.
fn share_plan_group() -> String {
    let abbrevs = PLAN_ABBREVS.join("|");
    format!("(?:{}|(?:{abbrevs})(?:$|[^a-z0-9/-]))", PLAN_WORDS.join("|"))
}

/// Achieved language (folded): the clause reports what was done ("ước đạt", "thực hiện
/// được", "so với kế hoạch", "vượt chỉ tiêu", "chưa đạt"). "đã" is matched as written
/// ([`ACHIEVED_WRITTEN`]) because folding merges it with "đa", "dã".
const ACHIEVED_WORDS: &[&str] = &[
    "uoc dat",
    "uoc thuc hien",
    "uoc ca nam",
    "thuc hien duoc",
    "dat duoc",
    "ket nap duoc",
    "so voi ke hoach",
    "so voi du toan",
    "so voi chi tieu",
    "so voi nghi quyet",
    "vuot chi tieu",
    "vuot ke hoach",
    "vuot muc tieu",
    "chua dat",
    "khong dat",
    "thap hon chi tieu",
    "thap hon ke hoach",
    "dat chi tieu",
    "dat muc tieu",
    "hoan thanh vuot",
    "ket qua co",
];
/// See [`ACHIEVED_WORDS`]: the past and estimate markers as written ("đã", "ước").
const ACHIEVED_WRITTEN: &[&str] = &["đã ", "Đã ", "ước ", "Ước "];

/// Whether a clause says it reports on what was done ("đã", "ước đạt", "kết nạp được"):
/// what a plan's clause needs before it is read as a result (a share of the plan alone,
/// "đạt 100% chỉ tiêu trên giao", is a goal there).
fn past_marker(clause: &str) -> bool {
    let f = fold(clause);
    ACHIEVED_WRITTEN.iter().any(|w| clause.starts_with(*w) || clause.contains(&format!(" {w}")))
        || PAST_WORDS.iter().any(|w| f.contains(w))
        // a goal never sets less than its plan: "bằng 78,3% dự toán năm", "đạt 61,5% kế hoạch"
        || SHARE.captures_iter(&f).any(|c| c.get(1).and_then(|p| parse_number(p.as_str())).is_some_and(|p| p < 100.0))
}

/// Words (folded) that report progress even in a plan or a conclusion: estimates, what was
/// done, and how far a figure stands from its plan ("mới đạt 41%, thấp hơn chỉ tiêu").
const PAST_WORDS: &[&str] = &[
    "uoc dat",
    "uoc thuc hien",
    "thuc hien duoc",
    "dat duoc",
    "ket nap duoc",
    "giai ngan duoc",
    "moi dat",
    "chi dat",
    "thap hon chi tieu",
    "thap hon ke hoach",
    "chua dat",
    "khong dat",
];

/// Whether a clause of a unit read in mode `m` reports a result.
fn reports(clause: &str, m: Mode) -> bool {
    match lean(clause) {
        Some(TargetKind::Result) => m == Mode::Backward || past_marker(clause),
        None => m == Mode::Backward,
        Some(_) => false,
    }
}

/// Goal language (folded), read outside brackets: the clause sets a figure to reach
/// ("phấn đấu", "đến năm 2030", "giảm xuống còn", "bảo đảm", "ít nhất", "trở lên").
const GOAL_WORDS: &[&str] = &[
    "phan dau",
    "den nam 20",
    "giam xuong",
    "nang len",
    "bao dam",
    "dam bao",
    "hang nam",
    "moi nam",
    "tro len",
    "it nhat",
    "toi thieu",
    "khong duoi",
    "khong qua",
    "toi da",
    "co gang",
    "vao cuoi nam",
    "truoc ngay",
];

/// Goal words that make a target even inside a review (a plan stated in a report).
const STRONG_GOAL: &[&str] = &[
    "phan dau",
    "co gang",
    "giam xuong",
    "nang len",
    "vao cuoi nam",
    "bao dam den",
    "dam bao den",
    "muc tieu",
    "truoc ngay",
];

/// Verdict words of a result (folded), most specific first: what the text says of the figure.
const VERDICT_WORDS: &[(&str, Verdict)] = &[
    ("khong dat", Verdict::NotMet),
    ("khong hoan thanh", Verdict::NotMet),
    ("chua dat", Verdict::NotYetMet),
    ("chua hoan thanh", Verdict::NotYetMet),
    ("thap hon chi tieu", Verdict::NotYetMet),
    ("thap hon ke hoach", Verdict::NotYetMet),
    ("thap hon muc tieu", Verdict::NotYetMet),
    ("thap so voi ke hoach", Verdict::NotYetMet),
    ("thap so voi chi tieu", Verdict::NotYetMet),
    ("cao hon ke hoach", Verdict::Exceeded),
    ("cao hon chi tieu", Verdict::Exceeded),
    ("cao hon muc tieu", Verdict::Exceeded),
    ("bang voi ke hoach", Verdict::Met),
    ("bang voi chi tieu", Verdict::Met),
    ("vuot chi tieu", Verdict::Exceeded),
    ("vuot ke hoach", Verdict::Exceeded),
    ("vuot muc tieu", Verdict::Exceeded),
    ("hoan thanh vuot", Verdict::Exceeded),
    ("dat chi tieu", Verdict::Met),
    ("dat muc tieu", Verdict::Met),
    ("dat ke hoach", Verdict::Met),
    ("hoan thanh 100% chi tieu", Verdict::Met),
    ("hoan thanh chi tieu", Verdict::Met),
];

/// Whether a clause reports (Some(Result)) or sets a goal (Some(Target)) by its own words;
/// None when it says neither more than the other (the unit's mode decides).
pub(crate) fn lean(clause: &str) -> Option<TargetKind> {
    let f = fold(clause);
    // "… đạt 78%, Nghị quyết đề ra từ 80% trở lên": the plan stated after the figure reported;
    // its words are the plan's, like those in brackets
    let plan_after = PLAN_AFTER.captures(&f).and_then(|c| c.get(1)).map(|m| m.start());
    // goal words inside brackets belong to the plan a result quotes: "(chỉ tiêu từ 90% trở lên)"
    let mut outside = String::with_capacity(f.len());
    let mut depth = 0i32;
    for c in f[..plan_after.unwrap_or(f.len())].chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth <= 0 => outside.push(c),
            _ => {}
        }
    }
    let has = |hay: &str, w: &str| {
        hay.match_indices(w).any(|(i, _)| i == 0 || !hay.as_bytes()[i - 1].is_ascii_alphanumeric())
    };
    let mut ach = ACHIEVED_WORDS.iter().filter(|w| has(&f, w)).count();
    ach += ACHIEVED_WRITTEN.iter().filter(|w| clause.starts_with(*w) || clause.contains(&format!(" {w}"))).count();
    if SHARE.is_match(&f) || PLAN_IN_BRACKETS.is_match(&f) || plan_after.is_some() {
        ach += 1;
    }
    // "phấn đấu" (strive to) never reports
    if has(&outside, "phan dau") {
        return Some(TargetKind::Target);
    }
    let mut goal = GOAL_WORDS.iter().filter(|w| has(&outside, w)).count();
    // a bound on a figure outside brackets ("trên 85%", "dưới 1%") is a goal's
    if find_quantities(&outside).iter().any(|q| q.cmp != Cmp::Eq) {
        goal += 1;
    }
    match ach.cmp(&goal) {
        std::cmp::Ordering::Greater => Some(TargetKind::Result),
        std::cmp::Ordering::Less => Some(TargetKind::Target),
        std::cmp::Ordering::Equal => None,
    }
}

/// "đạt 101,2% kế hoạch", "bằng 48% dự toán", "vượt 28% so với kế hoạch": a share of the plan.
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    // "đạt 119,2%KH": the abbreviation may be glued to the sign
    Regex::new(&format!(r"\b(?:dat|bang|vuot)(?: duoc)? (\d+(?:[.,]\d+)?) ?% ?(?:so voi )?{}", share_plan_group()))
        .expect("static regex")
});

/// "đạt 92,7% (chỉ tiêu từ 90% trở lên)", "86,3% (kế hoạch 80%)": a figure with the plan it
/// answers in brackets.
static PLAN_IN_BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d ?%?[^()]{0,24}\((?:chi tieu|ke hoach|muc tieu|nghi quyet|du toan)").expect("static regex")
});

/// "đạt 78%, Nghị quyết đề ra từ 80% trở lên", "(đạt 58%, Nghị quyết đề ra 70%)" (folded): a
/// figure, then the plan it answers after a comma (group 1: from the plan word on).
static PLAN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\d ?%?[^()]{0,30}?, ((?:chi tieu|ke hoach|muc tieu|nghi quyet|du toan)[^,;()]{0,30}? (?:de ra|giao|dat ra) (?:la )?(?:tu |tren |duoi |it nhat |khong duoi |toi thieu )?\d)",
    )
    .expect("static regex")
});

/// "17/19 tiêu chí", "06/08 công trình", "4 trong số 6 ấp": done/planned with what is counted.
static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\d/.,])(\d+(?:[.,]\d+)?)(?:/| trong (?:tổng )?số )(\d+(?:[.,]\d+)?) ([^\d\s(),;.:][^(),;.:]{0,24})",
    )
    .expect("static regex")
});

/// "vượt 8 triệu đồng so với mục tiêu", "vượt 1 ấp so với kế hoạch năm", "thấp hơn 2 hộ so
/// với chỉ tiêu" (folded): how far a count stands from its plan, the plan itself unwritten (a
/// share of it, "vượt 4,3% so với …", is [`SHARE`]'s).
static DIFF_FROM_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(vuot|cao hon|thap hon|it hon|thieu|hut) (\d+(?:[.,]\d+)*)(?: [^\d%,;()]{1,24}?)? so voi (?:chi tieu|ke hoach|du toan|nghi quyet|muc tieu)",
    )
    .expect("static regex")
});

/// Two units of one thing: equal, or one is the other's head ("lượt" / "lượt khách",
/// "triệu đồng" / "triệu đồng/người/năm").
fn same_unit(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let head = |x: &str, y: &str| x.strip_prefix(y).is_some_and(|r| r.starts_with([' ', '/']));
            a == b || head(a, b) || head(b, a)
        }
        _ => a == b,
    }
}

/// Where the quantity before `q` ends (0 for the first).
fn prev_start_of(qs: &[Quantity], q: &Quantity) -> usize {
    qs.iter().filter(|p| p.end <= q.start).map(|p| p.end).max().unwrap_or(0)
}

/// One result from a clause that reports a figure: what was achieved, the plan it is set
/// against (a figure after a plan word: "vượt chỉ tiêu (90%)", "(chỉ tiêu dưới 1%)",
/// "kế hoạch (20 doanh nghiệp)", "/chỉ tiêu 94%", "(Nghị quyết: 8%)"), the share of the plan
/// ("đạt 93,3% chỉ tiêu"), a done/planned fraction ("17/19 tiêu chí"), and the verdict the
/// text gives. Growth on the same period ("tăng 8,2% so với cùng kỳ") is not the achieved
/// figure unless the plan is a growth rate too. A plain rate ("tỷ lệ … đạt 95,9%") counts
/// when `plain_rate` (a review).
/// Words of a vote (folded): its counts are no result.
const VOTE_WORDS: &[&str] = &["nhat tri thong qua", "tan thanh", "bieu quyet", "so phieu"];

/// A plan stated in a clause of its own, beside the clause that reports against it: the
/// figure (positions in its clause), the clause's byte range in the unit, and whether it
/// follows the reporting clause.
#[derive(Clone)]
struct NearPlan {
    q: Quantity,
    a: usize,
    e: usize,
    after: bool,
}

/// The plan a clause states and nothing else: a plan word ([`PLAN_WORDS`], "giao") and,
/// within a few words, a figure of a counted thing ("Chỉ tiêu … năm 2026 là 25 đồng chí",
/// "kế hoạch năm là 3.000 m2 đất", "Mục tiêu năm 2026 là 95% hồ sơ …", "tỉnh giao … dự toán
/// … 46,5 tỷ đồng"), with no word that reports ("đạt", "được", "đã", a share).
fn plan_clause(c: &str) -> Option<Quantity> {
    let (cf, cmap) = fold_map(c);
    let p = PLAN_WORDS.iter().filter_map(|w| cf.find(w)).min()?;
    let counted = |q: &Quantity| q.unit.as_deref().is_some_and(|u| !matches!(u, "năm" | "tháng" | "ngày"));
    let fpos = |i: usize| cmap.partition_point(|&b| b < i);
    let qs = find_quantities(c);
    // a figure before the plan word is what was done ("Kết nạp 21 …, kế hoạch 30 …", "Có
    // 9/11 chi đoàn … (kế hoạch 10 chi đoàn)"); a year may stand there ("Năm 2026, tỉnh giao")
    let year = |w: &str| {
        let d = w.trim_matches(|c: char| !c.is_ascii_digit());
        d.len() == 4 && (d.starts_with("19") || d.starts_with("20")) && !w.contains('/')
    };
    if qs.iter().any(|q| counted(q) && fpos(q.num_start) < p)
        || cf[..p].split_whitespace().any(|w| w.bytes().any(|b| b.is_ascii_digit()) && !year(w.trim_end_matches(',')))
    {
        return None;
    }
    // a plan phrase naming its figure by "là" may be long ("so với chỉ tiêu Ban Chấp hành Đoàn
    // xã giao cho giai đoạn 2022 - 2027 là 30 thanh niên")
    let q = qs.into_iter().find(|q| {
        let fs = fpos(q.num_start);
        let phrase = crate::units::slice_chars(&cf, p, fs);
        let limit = if phrase.trim_end().ends_with(" la") { 18 } else { 12 };
        fs > p && counted(q) && phrase.split_whitespace().count() <= limit
    })?;
    // up to the figure: no word that reports, no cited document ("Kế hoạch số 28-KH/ĐU"); a
    // comparison opening the clause ("so với chỉ tiêu … là …") and a plan "được giao" are the plan's
    let from = if cf[..p].trim() == "so voi" { p } else { 0 };
    let f = crate::units::slice_chars(&cf, from, fpos(q.end)).replace("duoc giao", "giao");
    let has = |w: &str| f.match_indices(w).any(|(i, _)| i == 0 || !f.as_bytes()[i - 1].is_ascii_alphanumeric());
    let reports = ["dat", "duoc", "thuc hien", "con", "so voi", "tang", "giam", "vuot", "so"].iter().any(|w| has(w))
        || c[cmap.get(from).copied().unwrap_or(0)..].contains("đã ")
        || c.contains("Đã ")
        || SHARE.is_match(&cf)
        || VOTE_WORDS.iter().any(|w| cf.contains(w));
    (!reports).then_some(q)
}

/// The result a clause reports, against the `nth` plan it names (more than one only where
/// it sets its figure against two plans: "đạt 120% kế hoạch huyện giao và 99% kế hoạch xã giao").
fn clause_result(
    cx: &Ctx,
    u: &Unit,
    (a, e): (usize, usize),
    plain_rate: bool,
    near: Option<&NearPlan>,
    nth: usize,
) -> Option<Target> {
    let t = &u.text;
    let c = &t[a..e];
    let (cf, cmap) = fold_map(c);
    let qs = find_quantities(c);
    if qs.is_empty() && !c.contains('/') {
        return None;
    }
    let depth = |i: usize| paren_depth_at(c, 0, i.min(c.len()));
    let fpos = |i: usize| cmap.partition_point(|&b| b < i);
    #[derive(PartialEq, Clone, Copy)]
    enum Role {
        Share,
        Plan,
        Yoy,
        /// how far from the plan: "cao hơn kế hoạch 1,6%"
        Diff,
        Other,
    }
    // figures that say how far the count stands from its plan, and which way
    let diffs: Vec<(usize, bool)> = DIFF_FROM_PLAN
        .captures_iter(&cf)
        .filter_map(|m| Some((m.get(2)?.start(), matches!(m.get(1)?.as_str(), "vuot" | "cao hon"))))
        .collect();
    let mut prev_end = 0usize;
    let mut shared = false;
    let roles: Vec<Role> = qs
        .iter()
        .map(|q| {
            if diffs.iter().any(|(s, _)| *s == fpos(q.num_start)) {
                return Role::Diff;
            }
            let fs = fpos(q.start);
            let fe = fpos(q.end);
            let before = crate::units::slice_chars(&cf, fpos(prev_end).min(fs), fs);
            prev_end = q.end;
            let rest = crate::units::slice_chars(&cf, fe, cf.len());
            let after = rest.trim_start();
            let after = after.strip_prefix("so voi ").unwrap_or(after);
            // the verb stands before the number (the phrase may have taken "đạt" in)
            let fnum = fpos(q.num_start);
            let lead = crate::units::slice_chars(&cf, fpos(prev_start_of(&qs, q)).min(fnum), fnum);
            let verb = lead.trim_end().rsplit(' ').next().unwrap_or("");
            // "đạt 120% kế hoạch huyện giao và 99% kế hoạch xã giao": a second share, of a second plan
            if q.unit.as_deref() == Some("%")
                && (matches!(verb, "dat" | "bang" | "vuot" | "thanh" | "duoc") || shared && verb == "va")
                && starts_with_plan_word(after)
            {
                shared = true;
                return Role::Share;
            }
            // a long plan phrase that names its figure by "là" or a bracket ("so với chỉ tiêu Ban
            // Chấp hành Đoàn xã giao cho giai đoạn 2022 - 2027 là 30 thanh niên", "vượt … so với
            // mục tiêu Đại hội đề ra cho cả nhiệm kỳ (1.000 hộ)"); the years in it are no figures
            let upto = crate::units::slice_chars(&cf, 0, fnum);
            let seg = upto[upto.rfind([',', ';']).map(|p| p + 1).unwrap_or(0)..].trim_end();
            if q.unit.is_some() && (seg.ends_with(" la") || seg.ends_with('(')) {
                if let Some(p) = PLAN_WORDS.iter().filter_map(|pw| seg.rfind(pw)).max() {
                    let words: Vec<&str> = seg[p..].split_whitespace().collect();
                    if words.len() <= 18 && !words.iter().any(|w| matches!(*w, "so" | "dat" | "vuot" | "bang")) {
                        return Role::Plan;
                    }
                }
            }
            // a plan word shortly before, with no comma between: "vượt chỉ tiêu (90%)"
            let w = before.trim_end_matches([' ', '(', ':', '/']);
            let tail = crate::units::slice_chars(w, w.len().saturating_sub(60), w.len());
            let tail = &tail[tail.rfind([',', ';']).map(|p| p + 1).unwrap_or(0)..];
            if let Some(p) = PLAN_WORDS.iter().filter_map(|pw| tail.rfind(pw)).max() {
                // "cao hơn kế hoạch 1,6% (kế hoạch 97%)": the gap, not the plan
                let gap = ["cao hon", "thap hon", "vuot", "hon"].iter().any(|g| tail[..p].trim_end().ends_with(g));
                if gap && depth(q.num_start) <= 0 && tail[p..].split_whitespace().count() <= 2 {
                    return Role::Diff;
                }
                // "Kế hoạch số 28-KH/ĐU" cites a document; a plan figure counts something
                let cites = tail[p..].split_whitespace().any(|w| w == "so");
                if tail[p..].split_whitespace().count() <= 8 && !cites && q.unit.is_some() {
                    return Role::Plan;
                }
            }
            if (after.starts_with("cung ky") || after.starts_with("nam") || after.starts_with("dau nam"))
                && rest.trim_start().starts_with("so voi ")
                && matches!(verb, "tang" | "giam")
            {
                return Role::Yoy;
            }
            Role::Other
        })
        .collect();
    let plan = qs.iter().zip(&roles).find(|(_, r)| **r == Role::Plan).map(|(q, _)| q);
    // one result per plan the clause sets the figure against; `nth` picks the plan
    let shares: Vec<&Quantity> = qs.iter().zip(&roles).filter(|(_, r)| **r == Role::Share).map(|(q, _)| q).collect();
    if nth > 0 && nth >= shares.len() {
        return None;
    }
    let share = shares.get(nth).copied();
    // the achieved figure: in the plan's unit when there is a plan
    let counted = |q: &Quantity| {
        q.unit.as_deref().is_some_and(|u| !matches!(u, "năm" | "tháng" | "ngày"))
            && !crate::units::slice_chars(&cf, fpos(q.end), cf.len()).trim_start().starts_with("chi tieu")
    };
    let pick = |r: Role, any_depth: bool| {
        qs.iter().zip(&roles).find(|(q, rr)| {
            **rr == r
                && counted(q)
                && (any_depth || depth(q.num_start) <= 0)
                && plan.is_none_or(|p| {
                    p.unit.is_none() || same_unit(q.unit.as_deref(), p.unit.as_deref()) || q.unit.is_none()
                })
        })
    };
    // "Tỷ suất sinh thô giảm 0,30‰ so với năm 2025, đạt chỉ tiêu kế hoạch giao": a change the
    // text says met its plan is what was achieved (the plan was a change too)
    let judged = VERDICT_WORDS.iter().any(|(w, _)| cf.contains(w));
    let mut achieved = pick(Role::Other, false)
        .or_else(|| pick(Role::Other, true).filter(|_| plan.is_some()))
        .or_else(|| pick(Role::Yoy, false).filter(|_| plan.is_some() || judged))
        .map(|(q, _)| q.clone());
    let mut value = plan.cloned();
    // "17/19 tiêu chí": done and planned counts
    let mut frac_unit = None;
    let mut frac_span = None;
    let mut frac_share = false;
    if achieved.is_none() || value.is_none() {
        for m in FRACTION.captures_iter(c) {
            let (Some(x), Some(y), Some(w)) = (m.get(1), m.get(2), m.get(3)) else { continue };
            let (Some(xv), Some(yv)) = (parse_number(x.as_str()), parse_number(y.as_str())) else { continue };
            // not a date ("10/2025", "15/3/2026") nor a count of chỉ tiêu (a declared count)
            let before = fold(&c[..x.start()]);
            let datey = (1900.0..=2100.0).contains(&yv)
                || ["ngay", "thang", "tu", "den"].iter().any(|w| before.trim_end().ends_with(w));
            if yv <= 0.0
                || xv > yv * 5.0
                || c[y.end()..].starts_with('/')
                || datey
                || fold(w.as_str()).starts_with("chi tieu")
            {
                continue;
            }
            let unit = theodoi_text::count_unit_at(w.as_str())
                .filter(|(u, _)| !matches!(u.as_str(), "năm" | "tháng" | "ngày"));
            let Some((unit, used)) = unit else { continue };
            let unit_end = crate::units::floor_char(c, w.start() + used);
            let unit = Some(unit);
            // "5/6 chi bộ …, đạt 83,3%": the share is the fraction's own, the counts are the result
            let own_share = |q: &Quantity| {
                q.unit.as_deref() == Some("%") && value.is_none() && (xv / yv * 100.0 - q.value).abs() <= 0.6
            };
            let fits = achieved.as_ref().is_none_or(|q| q.unit.is_none() || q.unit == unit || own_share(q));
            if !fits && achieved.is_some() {
                continue;
            }
            achieved = Some(Quantity {
                cmp: Cmp::Eq,
                value: xv,
                value_max: None,
                unit: unit.clone(),
                start: x.start(),
                end: unit_end,
                num_start: x.start(),
            });
            // "Có 9/11 chi đoàn … (kế hoạch 10 chi đoàn)": the plan named is the plan, the
            // fraction's whole is what there is
            // ("… 16/18 thôn …, vượt 1 thôn so với kế hoạch": the plan is not written)
            if plan.is_none_or(|p| !same_unit(p.unit.as_deref(), unit.as_deref())) && diffs.is_empty() {
                value = Some(Quantity {
                    cmp: Cmp::Eq,
                    value: yv,
                    value_max: None,
                    unit: unit.clone(),
                    start: y.start(),
                    end: y.end(),
                    num_start: y.start(),
                });
            }
            frac_unit = unit;
            frac_span = Some((x.start(), y.end()));
            // "kết nạp được 212/200 đảng viên mới, đạt 106%": the share of the whole written
            // beside the fraction sets the counts against a plan
            frac_share = qs.iter().any(|q| {
                q.unit.as_deref() == Some("%") && q.start > y.end() && (xv / yv * 100.0 - q.value).abs() <= 0.6
            }) && xv >= yv;
            break;
        }
    }
    // "còn 02 tiêu chí chưa đạt", "08 chỉ tiêu vượt": indicators counted by verdict (a
    // declared count), not a figure achieved
    if let Some(q) = achieved.as_ref().filter(|_| frac_span.is_none()) {
        let after = crate::units::slice_chars(&cf, fpos(q.end), cf.len()).trim_start();
        if ["chua dat", "khong dat", "dat va vuot", "vuot", "dat "].iter().any(|w| after.starts_with(w))
            && q.unit.as_deref().is_some_and(|u| u == "tiêu chí")
        {
            return None;
        }
    }
    // a plan stated in the clause beside: the figure in its unit nearest to it is the result
    let near = near.filter(|_| value.is_none() && frac_span.is_none());
    let mut near_used = None;
    if let Some(n) = near {
        let same = qs.iter().zip(&roles).filter(|(q, r)| {
            matches!(r, Role::Other | Role::Share)
                && depth(q.num_start) <= 0
                && same_unit(q.unit.as_deref(), n.q.unit.as_deref())
                && q.unit.is_some()
        });
        let q = if n.after { same.last() } else { same.into_iter().next() };
        if let Some((q, _)) = q {
            achieved = Some(q.clone());
            near_used = Some(n);
        }
    }
    let achieved = match (achieved, share) {
        (Some(q), _) => q,
        (None, Some(s)) => s.clone(),
        (None, None) => return None,
    };
    let verdict = VERDICT_WORDS
        .iter()
        .find(|(w, _)| cf.contains(w))
        .map(|(_, v)| *v)
        .or_else(|| {
            // "vượt 28% so với kế hoạch": over the plan by that much
            SHARE
                .captures_iter(&cf)
                .any(|m| m.get(0).is_some_and(|x| x.as_str().starts_with("vuot")))
                .then_some(Verdict::Exceeded)
        })
        // "vượt 1 ấp so với kế hoạch", "thấp hơn 2 hộ so với chỉ tiêu"
        .or_else(|| diffs.first().map(|(_, over)| if *over { Verdict::Exceeded } else { Verdict::NotYetMet }))
        // "đạt 100% kế hoạch": the plan met
        .or_else(|| share.filter(|s| s.value == 100.0).map(|_| Verdict::Met));
    // a bare done/planned fraction reports against a plan only where the clause says so
    // ("đã có 7/9 thôn", "06/08 công trình theo kế hoạch"), not "(có 43/43 tổ dân phố)"
    let reported =
        c.contains("đã ") || c.contains("Đã ") || PLAN_WORDS.iter().any(|w| cf.contains(w)) || share.is_some();
    // in a review, a clause opening "Có 6/8 tổ dân phố …" reports how many of the planned did it
    let counted_of = plain_rate
        && frac_span.is_some_and(|(s, _)| c[..s].trim().chars().count() <= 3)
        && (c.trim_start().starts_with("Có ") || c.trim_start().starts_with("có "));
    let reported = reported || counted_of || frac_share;
    let against_plan = (value.is_some() && (plan.is_some() || reported))
        || share.is_some()
        || verdict.is_some()
        || near_used.is_some();
    // a rate with no plan, share or verdict ("Tỷ lệ … tham gia bảo hiểm y tế đạt 95,1%") is a
    // figure of the year, not a result; a count of votes ("21/21 đảng viên dự họp nhất trí
    // thông qua") neither
    if VOTE_WORDS.iter().any(|w| cf.contains(w)) {
        return None;
    }
    // ... but where the figure completes its indicator ("Tỷ lệ … đạt 95,1%", "Thu nhập bình
    // quân đầu người là 72 triệu đồng", "Tỷ lệ hộ nghèo còn 2,1%"), it is that indicator's
    // reading: it feeds the progress of the target of the same indicator
    let reading = !against_plan && frac_span.is_none() && complement(&cf, fpos(achieved.num_start));
    if !against_plan && !reading {
        return None;
    }
    // the name: the words before the achieved figure, without the verb that reports it (a
    // later plan's share is named as the first: by the words before it)
    let lead_end = frac_span.map(|s| s.0).unwrap_or(achieved.start).min(achieved.start);
    let lead_end = shares.first().filter(|_| nth > 0).map_or(lead_end, |s| lead_end.min(s.start));
    let mut name = c[..lead_end].trim().to_string();
    if let Some(n) = object_name(c, lead_end, &achieved) {
        name = n;
    } else if name.split_whitespace().count() < 2 {
        // figure first ("Tái canh 126 ha cà phê"): the words after it name it too
        let rest = &c[achieved.end.min(c.len())..];
        let stop = rest.find([',', ';', '(']).unwrap_or(rest.len());
        name = format!("{} {}", name, rest[..stop].trim()).trim().to_string();
    }
    let mut name = clean_result_name(&name);
    // a reading is named by its indicator ("Năm 2025, tỷ lệ hộ nghèo" → "Tỷ lệ hộ nghèo"); so
    // is a share of the plan after a clause of its own ("Các nhiệm vụ … được giữ vững, thu ngân
    // sách đạt 120% kế hoạch" → "Thu ngân sách")
    let own_clause = |head: &str, tail: &str| {
        let (hf, tf) = (fold(head), fold(tail.trim()));
        [" duoc ", " dat ", " on dinh"].iter().any(|w| format!(" {hf} ").contains(w))
            && INDICATOR_HEADS.iter().chain(SHARE_HEADS).any(|h| tf.starts_with(h))
    };
    let by_share = share.is_some_and(|s| s.start == achieved.start);
    if let Some((head, tail)) = name.rsplit_once(',').filter(|(_, t)| !t.trim().is_empty()) {
        if reading || by_share && own_clause(head, tail) {
            name = cap(tail.trim());
        }
    }
    if name.is_empty() {
        return None;
    }
    let unit = value.as_ref().and_then(|v| v.unit.clone()).or(achieved.unit.clone()).or(frac_unit);
    let sent = crate::facts::sentence_of(t, a);
    let ev_end = [Some(achieved.end), value.as_ref().map(|v| v.end), share.map(|s| s.end)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(c.len());
    let ev_end = c[ev_end.min(c.len())..].find(')').filter(|p| *p < 3).map(|p| ev_end + p + 1).unwrap_or(ev_end);
    let (ev_a, ev_e, plan_text) = match near_used {
        Some(n) => {
            let pc = &t[n.a..n.e];
            let text = pc[n.q.start..n.q.end.min(pc.len())].to_string();
            (a.min(n.a), (a + ev_end.min(c.len())).max(n.a + n.q.end.min(pc.len())), Some(text))
        }
        None => (a, a + ev_end.min(c.len()), value.as_ref().map(|v| c[v.start..v.end.min(c.len())].to_string())),
    };
    // two plans: each result keeps the words of its own ("kế hoạch HĐND xã giao")
    let plan_text = plan_text.or_else(|| {
        let s = share.filter(|_| shares.len() > 1)?;
        let rest = c.get(s.end..)?;
        let stop =
            [rest.find(" và "), rest.find([',', ';', '(', '.'])].into_iter().flatten().min().unwrap_or(rest.len());
        Some(rest[..stop].trim().to_string()).filter(|p| !p.is_empty())
    });
    let value = value.or_else(|| near_used.map(|n| n.q.clone()));
    let mut verdict = verdict;
    // "thấp hơn mục tiêu (dưới 1,5%)": under a ceiling is the plan met
    if let (Some(v), Some(Verdict::NotYetMet)) = (value.as_ref(), verdict) {
        if matches!(v.cmp, Cmp::Lt | Cmp::Le) && cf.contains("thap hon") && achieved.value <= v.value {
            verdict = Some(Verdict::Met);
        }
    }
    Some(Target {
        kind: if reading { TargetKind::Reading } else { TargetKind::Result },
        category: category_of(&fold(&name))
            .or_else(|| category_of(&cf))
            .or_else(|| path_category(u))
            .map(str::to_string),
        name,
        section: u.section(),
        comparator: value.as_ref().map(|v| comparator(v.cmp)).unwrap_or(Comparator::Eq),
        value: value.as_ref().map(|v| v.value),
        value_max: value.as_ref().and_then(|v| v.value_max),
        unit,
        term: result_term(cx, u, sent),
        target_text: plan_text,
        achieved: Some(achieved.value),
        achieved_text: Some(c[achieved.start..achieved.end.min(c.len())].to_string()),
        verdict,
        evidence: vec![u.evidence(cx.doc, ev_a, ev_e)],
        ..Target::default()
    })
}

/// Whether the figure at folded position `at` completes a named indicator: the verb before it
/// is "đạt", "là" or "còn" and an indicator's words open the clause ("Tỷ lệ …", "Thu nhập …",
/// "Tổng …", "Số …"), not a deed ("Trao 1.250 suất quà").
fn complement(cf: &str, at: usize) -> bool {
    let lead = crate::units::slice_chars(cf, 0, at).trim_end();
    // the indicator opens the clause or follows its last comma ("Năm 2025, tỷ lệ …")
    let lead = lead.rsplit(',').next().unwrap_or(lead).trim();
    let verb = lead.rsplit(' ').next().unwrap_or("");
    let head = lead.trim_start_matches(|c: char| !c.is_alphanumeric());
    matches!(verb, "dat" | "la" | "con") && INDICATOR_HEADS.iter().any(|h| head.starts_with(h))
}

/// How an indicator's name opens (folded): what a reading must name.
const INDICATOR_HEADS: &[&str] = &["ty le", "thu nhap", "tong ", "so ", "gia tri", "toc do", "binh quan", "muc "];

/// Beside [`INDICATOR_HEADS`], how the name of what a share of the plan measures opens
/// (folded): "thu ngân sách đạt 120% kế hoạch", "sản lượng lương thực đạt 90% KH".
const SHARE_HEADS: &[&str] = &["thu ngan sach", "chi ngan sach", "san luong", "dien tich", "nang suat"];

/// Last words of a lead after which the figure is a complement, not an object ("Tỷ lệ … đạt
/// 93%", "Chi ngân sách là …", "giảm còn 0,6%"); after "cho" it counts whom the work served
/// ("Giải quyết việc làm cho 215 lao động": named "Giải quyết việc làm", as the keys do).
const COMPLEMENT_TAIL: &[&str] =
    &["dat", "duoc dat", "dat duoc", "uoc", "la", "con", "bang", "muc", "len", "xuong", "cho", "tang", "giam", "vuot"];

/// The name of a figure that is its verb's object ("Kết nạp được 9 đảng viên mới, …",
/// "Có 6/8 tổ dân phố được công nhận đạt chuẩn …", "Đã kiểm tra 5/6 chi bộ theo kế
/// hoạch"): the clause with the figure's number taken out ("Kết nạp đảng viên mới"), up to
/// the next comma or bracket. A measure ("tỷ đồng", "ha", "%") is no part of the name;
/// a counted noun is. None when the figure completes its lead or names nothing.
fn object_name(c: &str, lead_end: usize, achieved: &Quantity) -> Option<String> {
    let lead = c.get(..lead_end)?.trim();
    let lf = fold(lead);
    let last = lf.rsplit(' ').next().unwrap_or("");
    let last2 = lf.rsplitn(3, ' ').take(2).collect::<Vec<_>>();
    let last2 = last2.iter().rev().cloned().collect::<Vec<_>>().join(" ");
    if lead.is_empty() || COMPLEMENT_TAIL.iter().any(|w| *w == last || *w == last2) || lead.contains(['(', ')']) {
        return None;
    }
    // a share ("đạt 80% kế hoạch") is not what was done
    let unit = achieved.unit.as_deref().filter(|u| !u.contains('%'))?;
    let measure = unit.contains("đồng")
        || unit.contains('%')
        || unit.contains('/')
        || matches!(unit, "ha" | "km" | "km2" | "km²" | "m2" | "tấn" | "ngày" | "tháng" | "năm");
    let fig = c.get(achieved.num_start.max(lead_end)..achieved.end.min(c.len()))?;
    let words = fig.trim_start_matches(|ch: char| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '/' | ' '));
    let rest = c.get(achieved.end.min(c.len())..)?;
    let after = rest[..rest.find([',', ';', '(']).unwrap_or(rest.len())].trim();
    let after = after.trim_end_matches(['.', ' ']);
    if measure && after.is_empty() || !measure && words.is_empty() {
        return None;
    }
    // "Có 6/8 tổ dân phố …", "Đã có 7/9 thôn …": the existential names nothing
    let head = if matches!(lf.as_str(), "co" | "da co") { String::new() } else { clean_result_name(lead) };
    let mut parts = vec![head];
    if !measure {
        parts.push(words.trim().to_string());
    }
    parts.push(after.to_string());
    let name = parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join(" ");
    let name = clean_result_name(&name);
    (name.split_whitespace().count() >= 2).then_some(name)
}

/// A result's name from the words before its figure: [`crate::names::tidy`], the one cutter.
fn clean_result_name(s: &str) -> String {
    crate::names::tidy(s, None)
}
