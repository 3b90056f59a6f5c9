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
        DocType::ChuongTrinhHanhDong | DocType::NghiQuyet | DocType::KeHoach => Mode::Forward,
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
                let unit = w.join(" ");
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

fn comparator(c: Cmp) -> Comparator {
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
    let mut s = match q {
        Some(q) if q.start >= a && q.end <= b => format!("{} {}", &t[a..q.start], &t[q.end..b]),
        _ => t[a..b].to_string(),
    };
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let f = fold(&s);
        let mut cut = None;
        // folding merges "có"/"cơ" and "đạt"/"đất": those two are matched as written
        let written = |w: &str| s.starts_with(w) || s.to_lowercase().starts_with(w);
        for p in ["phan dau ", "hang nam, ", "hang nam ", "den nam ", "giai doan ", "trong do: ", "co ", "dat ", "va "]
        {
            let ok = match p {
                "co " => written("có "),
                "dat " => written("đạt "),
                _ => true,
            };
            if ok && f.starts_with(p) {
                let mut n = p.len();
                if p == "den nam " || p == "giai doan " {
                    // skip the year(s) and a comma
                    let rest = &f[n..];
                    let k = rest
                        .find(|c: char| !(c.is_ascii_digit() || c == ' ' || c == '-' || c == ','))
                        .unwrap_or(rest.len());
                    n += k;
                }
                cut = Some(s.char_indices().nth(f[..n].chars().count()).map(|(i, _)| i).unwrap_or(s.len()));
                break;
            }
        }
        match cut {
            Some(c) if c < s.len() => s = s[c..].trim_start_matches([',', ' ', ':']).to_string(),
            _ => break,
        }
    }
    let s = s.trim().trim_end_matches(['.', ';', ',', ' ']).trim();
    // the verb that introduced the figure is not part of the name ("Tỷ lệ … đạt")
    let s = [" đạt", " là", " ở mức"].iter().find_map(|v| s.strip_suffix(v)).unwrap_or(s).trim_end_matches([',', ' ']);
    cap(s)
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
        match mode(u, cx.doc_type) {
            Mode::Forward => forward(cx, u, &mut out),
            Mode::Backward => backward(cx, u, &mut out),
        }
    }
    out
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
        let same = out[..n_body].iter_mut().find(|b| {
            b.kind == t.kind
                && b.value == t.value
                && b.unit == t.unit
                && b.value_max == t.value_max
                && name_sim(&b.name, &t.name) >= 0.6
        });
        match same {
            Some(b) => b.evidence.extend(t.evidence),
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
    ]
    .iter()
    .any(|k| f.starts_with(k) || f.starts_with(&format!("* {k}")) || f.starts_with(&format!("- {k}")))
}

fn forward(cx: &Ctx, u: &Unit, out: &mut Vec<Target>) {
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
    // a numbered point under "Nhiệm vụ"/"Mục tiêu"/"Chỉ tiêu", or any point under "Chỉ tiêu"
    let target_list = (u.marker.as_deref().is_some_and(|m| m.starts_with('(') || m.ends_with('.'))
        && (section_f.contains("nhiem vu") || section_f.contains("chi tieu") || section_f.contains("muc tieu")))
        || (u.kind == Kind::Item && section_f.contains("chi tieu"));
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
    // "Phấn đấu đến năm 2030: trên 95% …; trên 90% …": a deadline before a colon
    // governs the clauses that follow it
    let mut lead_deadline: Option<String> = None;
    for &(a, e) in &cls {
        let cf = fold(&t[a..e]);
        let qs = figures(t, a, e);
        let own = find_deadline(&t[a..e]);
        let deadline =
            own.as_ref().map(|d| d.iso.clone()).or_else(|| lead_deadline.clone()).or_else(|| item_deadline.clone());
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
            // outside a numbered list of goals, a plain count needs a goal word
            if !target_list
                && q.cmp == Cmp::Eq
                && q.unit.as_deref() != Some("%")
                && q.value != 0.0
                && !["phan dau", "den nam", "dat ", "hoan thanh", "hang nam"].iter().any(|k| cf.contains(k))
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
    if found == 0
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
        let unit = theodoi_text::unit_at(&t[map[m.end()]..]).map(|(u, _)| u).filter(|u| u != "%");
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
        let (Some(done), Some(pct)) = (parse_number(n.as_str()), parse_number(p.as_str())) else { continue };
        let a = map[n.start()];
        let e = map[all.end().min(map.len() - 1)];
        let sent = crate::facts::sentence_of(t, a);
        let sstart = sent.as_ptr() as usize - t.as_ptr() as usize;
        let lead = crate::units::slice_chars(t, sstart, a)
            .trim()
            .trim_start_matches(['(', ',', ' '])
            .trim_end_matches([' ', ',', ':']);
        let lead = lead.strip_suffix(" đạt").or_else(|| lead.strip_suffix(" là")).unwrap_or(lead);
        // a footnote's own mark "(18) …" is not part of the name
        let lead = match lead.split_once(") ") {
            Some((m, rest)) if m.trim_start_matches('(').chars().all(|c| c.is_ascii_digit()) => rest,
            _ => lead,
        }
        .to_string();
        let lead = cap(&lead);
        let unit = theodoi_text::find_quantities(&t[a..e]).first().and_then(|q| q.unit.clone()).filter(|u| u != "%");
        // without "chỉ tiêu"/"kế hoạch" the share needs a counted figure before it
        // ("đạt 45,447 tỷ đồng, đạt 113,9 %"); a bare rate is not measured against a goal
        if c.get(5).is_none() && unit.is_none() {
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
            achieved_text: Some(t[a..map[c.get(2).map(|m| m.end()).unwrap_or(n.end())]].trim().to_string()),
            verdict,
            evidence: vec![u.evidence(cx.doc, a, e)],
            ..Target::default()
        });
    }
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
        let unit = theodoi_text::unit_at(&t[map[m.end()]..]).map(|(u, _)| u).filter(|u| u != "%");
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
