//! Vietnamese values: numbers (decimal comma, thousands dot), ranges, comparators,
//! units, fractions, dates, deadlines and terms, as Party documents write them.
//!
//! Hand-written rather than a crate: no crate reads Vietnamese number and date
//! conventions ("13,7", "1.100", "Quý I/2026", "từ 10 - 15 (tỷ đồng/ năm)").
//!
//! ```
//! use theodoi_text::{parse_number, parse_value, Cmp};
//! assert_eq!(parse_number("13,7"), Some(13.7));
//! assert_eq!(parse_number("1.100"), Some(1100.0));
//! let v = parse_value("từ 15% trở lên").unwrap();
//! assert_eq!((v.cmp, v.value, v.unit.as_deref()), (Cmp::Ge, 15.0, Some("%")));
//! ```

use crate::fast::fold_fast as fold;

/// How a figure is compared (so sánh).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cmp {
    /// "trên", "hơn", ">".
    Gt,
    /// "từ … trở lên", "ít nhất", "tối thiểu", "không dưới".
    Ge,
    /// "đạt", "còn", a plain figure.
    Eq,
    /// "không quá", "tối đa", "≤".
    Le,
    /// "dưới", "<".
    Lt,
    /// "3 - 5 (%)".
    Range,
}

/// A figure found in text: comparator, value(s), unit and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Comparator read from the words around the figure.
    pub cmp: Cmp,
    /// The value (lower bound of a range).
    pub value: f64,
    /// Upper bound of a range.
    pub value_max: Option<f64>,
    /// Unit, normalised ("%", "%/năm", "tỷ đồng/năm", "đảng viên" …).
    pub unit: Option<String>,
    /// Byte range of the whole phrase (comparator words to unit) in the input.
    pub start: usize,
    /// End of the phrase (exclusive).
    pub end: usize,
    /// Byte range of the number itself.
    pub num_start: usize,
}

impl Quantity {
    /// The phrase as written in `src` (the string it was found in).
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
}

/// Parse a Vietnamese number: decimal comma, thousands dot, leading zeros.
///
/// "13,7" → 13.7, "1.100" → 1100, "51.855" → 51855, "08" → 8, "44.3" → 44.3
/// (a dot not followed by exactly three digits is a decimal point, as in tables),
/// "1.234.567,5" → 1234567.5. Anything else (empty, "12,,5", "1,2,3") → `None`.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return None;
    }
    if !s.as_bytes()[0].is_ascii_digit() || !s.as_bytes()[s.len() - 1].is_ascii_digit() {
        return None;
    }
    let commas = s.matches(',').count();
    if commas > 1 || s.contains(",,") || s.contains("..") || s.contains(".,") || s.contains(",.") {
        return None;
    }
    let (int_part, frac) = match s.split_once(',') {
        Some((i, f)) => {
            if f.contains('.') {
                return None;
            }
            (i, Some(f))
        }
        None => (s, None),
    };
    let groups: Vec<&str> = int_part.split('.').collect();
    let int_digits: String = if groups.len() == 1 {
        groups[0].to_string()
    } else if groups[1..].iter().all(|g| g.len() == 3) && groups[0].len() <= 3 {
        groups.concat()
    } else if groups.len() == 2 && frac.is_none() {
        // "44.3", "97.83": a decimal point (tables written with an English layout).
        return format!("{}.{}", groups[0], groups[1]).parse().ok();
    } else {
        return None;
    };
    let text = match frac {
        Some(f) => format!("{int_digits}.{f}"),
        None => int_digits,
    };
    text.parse().ok()
}

/// Numbers written as words ("một nhà đa năng", "hai lần").
fn word_number(folded: &str) -> Option<f64> {
    Some(match folded {
        "mot" => 1.0,
        "hai" => 2.0,
        "ba" => 3.0,
        "bon" => 4.0,
        "nam" => 5.0,
        "sau" => 6.0,
        "bay" => 7.0,
        "tam" => 8.0,
        "chin" => 9.0,
        "muoi" => 10.0,
        _ => return None,
    })
}

/// Units whose folded form is another common word ("căn"/"cán", "ấp"/"áp", "thôn"/"thọn"):
/// matched only as written.
const WRITTEN_UNITS: &[&str] = &["căn", "ấp", "thôn"];

/// Units, longest first; matched on the folded text, reported in NFC as listed.
/// Entries are the counted nouns and measures of the genre's chỉ tiêu and results tables.
const UNITS: &[&str] = &[
    "triệu đồng/ha/năm",
    "triệu đồng/người/năm",
    "triệu đồng/người",
    "tỷ đồng/năm",
    "tạ/ha/năm",
    "tấn/ha/năm",
    "tạ/ha",
    "tấn/ha",
    // per mille (‰), also typed "%0" ("giảm 0,30%0"): birth rates of the population work
    "‰/năm",
    "%0/năm",
    "‰",
    "%0",
    "%/năm",
    "%",
    "nghìn tỷ đồng",
    "tỷ đồng",
    "triệu đồng",
    "nghìn đồng",
    "km2",
    "km²",
    "m2",
    "km",
    "ha",
    "lượt người",
    "lượt khách",
    "lượt",
    "giấy chứng nhận",
    "hội viên",
    "đoàn viên",
    "chi hội",
    "chi đoàn",
    "ngày công",
    "người",
    "đảng viên",
    "tổ chức cơ sở đảng",
    "tổ chức đảng",
    "chi bộ",
    "đảng bộ",
    "trường",
    "doanh nghiệp",
    "hợp tác xã",
    "cơ sở",
    "hộ nghèo",
    "hộ",
    "tiêu chí",
    "thanh niên",
    "công dân",
    "thôn",
    "ấp",
    "căn",
    "tuyến đường",
    "tuyến",
    "cuộc",
    "lần",
    "nhà đa năng",
    "phòng học",
    "công trình",
    "dự án",
    "mô hình",
    "câu lạc bộ",
    "quần chúng",
    "hoạt động",
    "tổ dân phố",
    "lao động",
    "việc làm",
    "học sinh",
    "giường bệnh",
    "bác sĩ",
    "tấn",
    "ngày",
    "tháng",
    "năm",
];

use crate::fast::fold_map;

/// Read a unit at the start of `rest` (source text after a number). Returns the
/// unit and the bytes consumed. Handles "(%)", " %/năm", "(tỷ đồng/ năm)".
fn read_unit(rest: &str) -> Option<(String, usize)> {
    let trimmed = rest.trim_start();
    let lead = rest.len() - trimmed.len();
    if lead > 1 {
        return None;
    }
    let (inner, paren) = if let Some(p) = trimmed.strip_prefix('(') {
        let close = p.find(')')?;
        if close > 30 {
            return None;
        }
        (&p[..close], true)
    } else {
        (trimmed, false)
    };
    // Normalise "tỷ đồng/ năm" → "tỷ đồng/năm" for matching, tracking consumed bytes.
    let (folded, map) = fold_map(inner);
    let squeezed: String = folded.replace("/ ", "/").replace(" /", "/");
    for u in UNITS {
        let fu = fold(u);
        if squeezed.starts_with(&fu) {
            // word boundary after the unit
            // a footnote mark may be glued on ("đảng10"), a letter may not
            let next = squeezed[fu.len()..].chars().next();
            if matches!(next, Some(c) if c.is_alphabetic()) && !fu.ends_with('%') {
                continue;
            }
            if WRITTEN_UNITS.contains(u) && !inner.to_lowercase().starts_with(u) {
                continue;
            }
            // find how many source bytes the squeezed prefix covers
            let mut fi = 0usize; // index in folded
            let mut si = 0usize; // index in squeezed
            let fb = folded.as_bytes();
            let target = fu.len();
            while si < target && fi < fb.len() {
                if (fb[fi] == b' ' && fi + 1 < fb.len() && fb[fi + 1] == b'/')
                    || (fb[fi] == b' ' && fi > 0 && fb[fi - 1] == b'/')
                {
                    fi += 1;
                    continue;
                }
                fi += 1;
                si += 1;
            }
            let src_end = map.get(fi).copied().unwrap_or(inner.len());
            let consumed = if paren {
                // "(" + whole inner + ")" only when the unit fills the parentheses
                if inner[src_end..].trim().is_empty() {
                    lead + 1 + inner.len() + 1
                } else {
                    return None;
                }
            } else {
                lead + src_end
            };
            let unit = match *u {
                "km²" => "km2".to_string(),
                // "%0" is how a keyboard without ‰ writes it
                x if x.starts_with("%0") => x.replacen("%0", "‰", 1),
                x => x.to_string(),
            };
            return Some((unit, consumed));
        }
    }
    None
}

/// The unit written at the start of `s` ("đảng viên mới" → "đảng viên", " (%)" → "%"),
/// with the bytes it takes.
pub fn unit_at(s: &str) -> Option<(String, usize)> {
    read_unit(s)
}

/// What a count counts, at the start of `s`: a listed unit ([`unit_at`]) or else a counted
/// noun ([`counted_noun`]: "hội viên mới" → "hội viên", "lớp tập huấn" → "lớp"). For the
/// words after a whole number or a fraction ("16/18 chi hội").
pub fn count_unit_at(s: &str) -> Option<(String, usize)> {
    read_unit(s).or_else(|| counted_noun(s))
}

/// Words that end a counted noun or show there is none: function words, the verbs that report
/// or compare a figure, time words. Matched as written in lower case, since folding merges
/// "có"/"cơ", "mới"/"mỗi", "đã"/"đa".
const NOT_NOUN: &[&str] = &[
    "của", "cho", "trong", "tại", "với", "và", "là", "có", "đã", "để", "theo", "trên", "dưới", "từ", "đến", "so", "về",
    "ở", "thuộc", "này", "đó", "do", "như", "gồm", "còn", "chưa", "không", "đều", "mới", "mỗi", "hoặc", "hay", "cũng",
    "nhưng", "thì", "mà", "sẽ", "đang", "vào", "ra", "lên", "xuống", "trở", "qua", "sau", "trước", "khi", "nếu", "bị",
    "bởi", "các", "những", "một", "đạt", "được", "bằng", "vượt", "tăng", "giảm", "năm", "tháng", "ngày", "quý", "tuần",
    "giờ", "tỷ", "triệu", "nghìn", "ngàn", "trăm", "chục", "lần", "thứ", "số", "hơn", "khoảng", "gần", "nữa", "thêm",
    "tất", "toàn", "cả", "nay", "hiện",
    // what a number qualifies without counting it: "3 chỉ tiêu" (a declared count), "5 tuổi",
    // "Trung ương 4 khóa XII", "3 sao" (a rating), "2 bên", "2 con số"
    "chỉ", "tuổi", "khóa", "khoá", "sao", "bên",
];

/// Counted nouns of one syllable that stand whole: the next word is their modifier ("06 lớp
/// tập huấn", "5 xã tham gia", "764 hộ vay").
const ONE_SYLLABLE_NOUNS: &[&str] = &[
    "hộ",
    "căn",
    "con",
    "cây",
    "lớp",
    "buổi",
    "suất",
    "phần",
    "xe",
    "vụ",
    "thửa",
    "bộ",
    "chiếc",
    "ngôi",
    "tàu",
    "em",
    "cháu",
    "trẻ",
    "xã",
    "phường",
    "thôn",
    "bản",
    "làng",
    "ấp",
    "tổ",
    "nhóm",
    "điểm",
    "bài",
    "tin",
    "cuốn",
    "tờ",
    "tấm",
    "gói",
    "lô",
    "nhà",
    "phòng",
    "trạm",
    "cầu",
    "cống",
    "giếng",
    "chuyến",
    "đợt",
    "đoàn",
    "trang",
];

/// A counted noun after a whole number, when no listed unit is written: one or two lower-case
/// syllables ("hội viên", "cán bộ", "quần chúng"), one where the first is a noun that stands
/// whole ([`ONE_SYLLABLE_NOUNS`]), ending before a function word or reporting verb
/// ([`NOT_NOUN`]). Documents count far more things than any list of units holds ("Kết nạp 15
/// hội viên mới", "Cấp mới 64 giấy chứng nhận", "có 18 chi hội"); without the noun the count
/// is not known to be a count, and a share after it ("đạt 80% kế hoạch") is taken for it.
/// Needs exactly one space before the noun: a noun glued to the figure or after a line break
/// inside a cell is not read.
fn counted_noun(rest: &str) -> Option<(String, usize)> {
    let r = rest.strip_prefix(' ')?;
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() && !c.is_uppercase());
    // a word, without the punctuation that may close it ("học viên)", "hội viên,")
    let bare = |w: &'_ str| -> String {
        let end = w.find(|c: char| !c.is_alphabetic()).unwrap_or(w.len());
        let (head, tail) = w.split_at(end);
        if tail.chars().all(|c| matches!(c, ')' | ',' | ';' | '.' | ':')) {
            head.to_string()
        } else {
            w.to_string()
        }
    };
    let mut words = r.split(' ');
    let first_w = words.next().map(bare).unwrap_or_default();
    let first = Some(first_w.as_str()).filter(|w| is_word(w))?;
    let closed = r.split(' ').next().is_some_and(|w| w.len() > first.len());
    if NOT_NOUN.contains(&first) {
        return None;
    }
    let mut unit = first.to_string();
    let next = if closed { String::new() } else { words.next().map(bare).unwrap_or_default() };
    let next = next.as_str();
    let second = Some(next).filter(|w| is_word(w) && !NOT_NOUN.contains(w));
    // "2 con số": digits, not animals
    if first == "con" && next.starts_with("số") {
        return None;
    }
    if let Some(second) = second.filter(|_| !ONE_SYLLABLE_NOUNS.contains(&first)) {
        unit = format!("{first} {second}");
    }
    let used = 1 + unit.len();
    Some((unit, used))
}

/// Words before a number that make it part of a name or an ordinal, not a count ("số 15",
/// "khu phố 3", "khóa 12", "lần thứ 3", "Điều 2"), folded.
const NUMBER_IN_NAME: &[&str] = &[
    "so", "pho", "to", "thon", "ap", "ban", "xom", "lang", "khu", "doi", "khoa", "thu", "dieu", "khoan", "diem", "muc",
    "chuong", "phan", "quy", "ky", "dot", "buoc", "cap", "do", "lop", "phong", "tuyen", "bo", "doan", "xa", "phuong",
    "nhom", "lan", "hang", "ngay", "thang", "nam", "tap", "tram", "can", "nha", "duong", "uong",
];

/// A number token at `i` in `s`: its value and end. Rejects tokens glued to
/// other digits or separators ("12,,5").
fn number_at(s: &str, i: usize, after_dash: bool) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    if i > 0 && !after_dash {
        let p = b[i - 1];
        if p.is_ascii_digit()
            || p == b','
            || p == b'.'
            || p == b'/'
            || p.is_ascii_alphabetic()
            || p == b'-' && i > 1 && b[i - 2].is_ascii_digit()
        {
            return None;
        }
    }
    let mut j = i;
    while j < b.len()
        && (b[j].is_ascii_digit() || ((b[j] == b'.' || b[j] == b',') && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
    {
        j += 1;
    }
    if j == i {
        return None;
    }
    if j < b.len() && (b[j] == b',' || b[j] == b'.') && j + 1 < b.len() && (b[j + 1] == b',' || b[j + 1] == b'.') {
        return None;
    }
    // a date or fraction ("15/12", "21/23") is not a plain number
    if j < b.len() && b[j] == b'/' && j + 1 < b.len() && b[j + 1].is_ascii_digit() {
        return None;
    }
    parse_number(&s[i..j]).map(|v| (v, j))
}

/// Comparator from the (folded) words just before a figure and just after it.
fn comparator(before: &str, after: &str) -> Cmp {
    // "(dưới 1,5%)": a bracket opens the plan, the bound is still its own
    let words: Vec<&str> = before.split_whitespace().map(|w| w.trim_start_matches('(')).collect();
    let tail = |n: usize| words[words.len().saturating_sub(n)..].join(" ");
    let t3 = tail(3);
    let t2 = tail(2);
    let t1 = tail(1);
    if t3.ends_with("khong vuot qua") || t2 == "khong qua" || t2 == "toi da" || t1 == "<=" || t1 == "≤" {
        return Cmp::Le;
    }
    if t2 == "khong duoi" || t2 == "it nhat" || t2 == "toi thieu" || t1 == ">=" || t1 == "≥" {
        return Cmp::Ge;
    }
    let after = after.trim_start();
    let after = after.strip_prefix(')').unwrap_or(after).trim_start();
    if after.starts_with("tro len") {
        return Cmp::Ge;
    }
    // "80% chi hội trở lên", "05 hội viên mới trở lên": the bound after what is counted
    let head = after.split([',', ';', '.', '(', ')', ':']).next().unwrap_or("");
    let ws: Vec<&str> = head.split_whitespace().take(5).collect();
    if ws.windows(2).position(|w| w == ["tro", "len"]).is_some_and(|p| p <= 3) {
        return Cmp::Ge;
    }
    if t1 == "duoi" || t1 == "<" {
        return Cmp::Lt;
    }
    if t1 == "tren" || t1 == "hon" || t1 == ">" || t2 == "nhieu hon" || t2 == "cao hon" {
        return Cmp::Gt;
    }
    if t1 == "tu" && after.starts_with("tro len") {
        return Cmp::Ge;
    }
    Cmp::Eq
}

/// Every figure in free text, with its comparator, range and unit.
///
/// Dates ("15/12/2025"), fractions ("21/23") and years ("năm 2030") are skipped;
/// use [`find_dates`], [`parse_fraction`] and [`find_deadline`] for those.
pub fn find_quantities(s: &str) -> Vec<Quantity> {
    let (folded, fmap) = fold_map(s);
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let Some((v, mut j)) = number_at(s, i, false) else {
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',' || b[i] == b'/') {
                i += 1;
            }
            continue;
        };
        let num_start = i;
        let mut value_max = None;
        // range: "3 - 5", "10 - \n15", "2 - 2,5", "3-4"
        let rest = &s[j..];
        let rt = rest.trim_start();
        if let Some(r2) = rt.strip_prefix('-').or_else(|| rt.strip_prefix('–')) {
            let r2t = r2.trim_start();
            let k = s.len() - r2t.len();
            if r2t.as_bytes().first().is_some_and(|c| c.is_ascii_digit()) && rest.len() - rt.len() <= 2 {
                if let Some((v2, j2)) = number_at(s, k, true) {
                    if v2 > v && !is_year(v) {
                        value_max = Some(v2);
                        j = j2;
                    }
                }
            }
        }
        // "từ 01 đến 02 tổ chức": a range written with words
        if value_max.is_none() {
            let rf = &folded[byte_to_folded(&fmap, j)..];
            if let Some(r) = rf.strip_prefix(" den ") {
                let fb0 = byte_to_folded(&fmap, num_start);
                if folded[..fb0].trim_end().ends_with(" tu") || folded[..fb0].trim_end() == "tu" {
                    let digits = r.bytes().take_while(|c| c.is_ascii_digit() || *c == b',' || *c == b'.').count();
                    if digits > 0 {
                        // " đến " is 6 bytes in NFC (đ is 2 bytes) + the space
                        let k = j + " đến ".len();
                        if s.get(k..).is_some_and(|x| x.as_bytes().first().is_some_and(|c| c.is_ascii_digit())) {
                            if let Some((v2, j2)) = number_at(s, k, true) {
                                if v2 > v && !is_year(v2) {
                                    value_max = Some(v2);
                                    j = j2;
                                }
                            }
                        }
                    }
                }
            }
        }
        // a year or term is not a quantity
        let fb = byte_to_folded(&fmap, num_start);
        let before_f = &folded[..fb];
        let bw: Vec<&str> = before_f.split_whitespace().collect();
        let last = bw.last().copied().unwrap_or("");
        if is_year(v) && value_max.is_none() && s[j..].trim_start().chars().next().is_none_or(|c| c != '%') {
            let yearish = matches!(last, "nam" | "ky" | "doan" | "khoa" | "den" | "tu" | "-" | "–" | "quy" | "thang")
                || s[j..].trim_start().starts_with('-')
                || s[j..].trim_start().starts_with('–');
            if yearish || !matches!(read_unit(&s[j..]), Some((ref u, _)) if u != "năm") {
                i = j;
                continue;
            }
        }
        let whole = v.fract() == 0.0 && !s[i..j].contains(',');
        let (unit, consumed) = match read_unit(&s[j..]).or_else(|| {
            (whole && !is_year(v) && !NUMBER_IN_NAME.contains(&last)).then(|| counted_noun(&s[j..])).flatten()
        }) {
            Some((u, c)) => (Some(u), c),
            None => (None, 0),
        };
        let end = j + consumed;
        let after_f = &folded[byte_to_folded(&fmap, end)..];
        let mut cmp = if value_max.is_some() { Cmp::Range } else { comparator(before_f, after_f) };
        // phrase start: include the comparator words
        let mut start = num_start;
        let lead_words: &[&str] = &[
            "khong vuot qua",
            "khong qua",
            "toi da",
            "khong duoi",
            "it nhat",
            "toi thieu",
            "nhieu hon",
            "cao hon",
            "tren",
            "hon",
            "duoi",
            "tu",
            "dat",
            "con",
        ];
        let bf = before_f.trim_end();
        for w in lead_words {
            if bf.ends_with(w) {
                let wstart_f = bf.len() - w.len();
                if wstart_f == 0 || bf.as_bytes()[wstart_f - 1] == b' ' || bf.as_bytes()[wstart_f - 1] == b'(' {
                    start = fmap.get(wstart_f).copied().unwrap_or(num_start);
                    break;
                }
            }
        }
        let mut end = end;
        let af = after_f.trim_start();
        if af.starts_with("tro len") && cmp == Cmp::Ge {
            let skip = after_f.len() - af.len() + "tro len".len();
            let fe = byte_to_folded(&fmap, j + consumed) + skip;
            end = fmap.get(fe).copied().unwrap_or(end);
        }
        if value_max.is_some() && cmp != Cmp::Range {
            cmp = Cmp::Range;
        }
        out.push(Quantity { cmp, value: v, value_max, unit, start, end, num_start });
        i = end.max(j).max(i + 1);
    }
    out
}

fn byte_to_folded(fmap: &[usize], byte: usize) -> usize {
    // first folded index whose source byte is >= byte
    fmap.partition_point(|&b| b < byte)
}

fn is_year(v: f64) -> bool {
    v.fract() == 0.0 && (1945.0..=2100.0).contains(&v)
}

/// Parse a whole phrase that states one figure: "trên 3%", "từ 15% trở lên",
/// "3 - 5 (%)", "ít nhất một nhà đa năng", "không quá 5 cuộc".
/// Malformed figures ("12,,5%", "trên %") → `None`.
pub fn parse_value(s: &str) -> Option<Quantity> {
    if let Some(q) = find_quantities(s).into_iter().next() {
        // the phrase must be the figure: nothing but comparator words around it
        let rest = s[q.end..].trim();
        let rest_f = fold(rest);
        if rest.is_empty() || rest_f == "tro len" || rest_f.starts_with("tro len") {
            return Some(q);
        }
        let before = fold(s[..q.start].trim());
        if before.is_empty() && rest.len() < 40 {
            return Some(q);
        }
        return None;
    }
    // a number word: "ít nhất một nhà đa năng"
    let f = fold(s);
    let words: Vec<&str> = f.split_whitespace().collect();
    for (k, w) in words.iter().enumerate() {
        if let Some(v) = word_number(w) {
            let before = words[..k].join(" ");
            let after = words[k + 1..].join(" ");
            if before.is_empty()
                || before.ends_with("it nhat")
                || before.ends_with("toi thieu")
                || before.ends_with("tren")
                || before.ends_with("duoi")
            {
                let unit = read_unit(&s[nth_word_end(s, k)..]).map(|(u, _)| u);
                return Some(Quantity {
                    cmp: comparator(&before, &after),
                    value: v,
                    value_max: None,
                    unit,
                    start: 0,
                    end: s.len(),
                    num_start: 0,
                });
            }
        }
    }
    None
}

fn nth_word_end(s: &str, k: usize) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_word {
                if n == k {
                    return i;
                }
                n += 1;
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    s.len()
}

/// A fraction "21/23", "119/116", "06/21" → (21, 23). Not a date ("15/12/2025").
pub fn parse_fraction(s: &str) -> Option<(f64, f64)> {
    let s = s.trim();
    let (a, b) = s.split_once('/')?;
    if b.contains('/') {
        return None;
    }
    let a = parse_number(a.trim())?;
    let b = parse_number(b.trim())?;
    if b == 0.0 {
        return None;
    }
    Some((a, b))
}

/// Whether a (year, month, day) is a real calendar date.
pub fn valid_date(y: i32, m: u32, d: u32) -> bool {
    if !(1..=12).contains(&m) || d == 0 || !(1900..=2200).contains(&y) {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if leap => 29,
        _ => 28,
    };
    d <= dim
}

/// A date found in text: ISO form and byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub iso: String,
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
}

/// After byte `k` of `s`: one or more spaces, one of `words`, one or more spaces; the byte
/// after them.
fn long_word(s: &str, k: usize, words: &[&str]) -> Option<usize> {
    let rest = s.get(k..)?;
    let t = rest.trim_start_matches(' ');
    if t.len() == rest.len() {
        return None;
    }
    let w = words.iter().find(|w| t.starts_with(**w))?;
    let after = &t[w.len()..];
    let u = after.trim_start_matches(' ');
    (u.len() < after.len()).then(|| s.len() - u.len())
}

/// Every full date "d/m/yyyy" (also "d-m-yyyy", "d.m.yyyy", and the long form "16 tháng 6
/// năm 2025", as written or folded) in `s`, validated.
pub fn find_dates(s: &str) -> Vec<DateMatch> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit())) {
            i += 1;
            continue;
        }
        let read = |mut k: usize, max: usize| -> Option<(u32, usize)> {
            let st = k;
            while k < b.len() && b[k].is_ascii_digit() && k - st < max {
                k += 1;
            }
            if k == st || (k < b.len() && b[k].is_ascii_digit()) {
                return None;
            }
            s[st..k].parse().ok().map(|v| (v, k))
        };
        let parsed = (|| {
            let (d, k) = read(i, 2)?;
            let sep = *b.get(k)?;
            if !matches!(sep, b'/' | b'-' | b'.') {
                return None;
            }
            let (m, k2) = read(k + 1, 2)?;
            if *b.get(k2)? != sep {
                return None;
            }
            let (y, k3) = read(k2 + 1, 4)?;
            if k3 - (k2 + 1) != 4 {
                return None;
            }
            Some((d, m, y as i32, k3))
        })();
        // the long form "16 tháng 6 năm 2025" (also folded: "16 thang 6 nam 2025")
        let parsed = parsed.or_else(|| {
            let (d, k) = read(i, 2)?;
            let k = long_word(s, k, &["tháng", "Tháng", "thang"])?;
            let (m, k2) = read(k, 2)?;
            let k2 = long_word(s, k2, &["năm", "Năm", "nam"])?;
            let (y, k3) = read(k2, 4)?;
            (k3 - k2 == 4).then_some((d, m, y as i32, k3))
        });
        if let Some((d, m, y, end)) = parsed {
            if valid_date(y, m, d) {
                out.push(DateMatch { iso: format!("{y:04}-{m:02}-{d:02}"), start: i, end });
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Parse one date phrase: "ngày 22/12/2024", "22/12/2024" → "2024-12-22";
/// impossible dates ("ngày 31/02/2025") → `None`.
pub fn parse_date(s: &str) -> Option<String> {
    let f = fold(s);
    let t = f.trim();
    let t = t.strip_prefix("ngay").unwrap_or(t).trim();
    if !t.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'/' | b'-' | b'.')) {
        return None;
    }
    let ds = find_dates(t);
    match ds.as_slice() {
        [d] if d.start == 0 && d.end == t.len() => Some(d.iso.clone()),
        _ => None,
    }
}

/// A term or period: "nhiệm kỳ 2025 - 2030", "giai đoạn 2026 - 2030" → (2026, 2030).
pub fn find_term(s: &str) -> Option<(u16, u16)> {
    let f = fold(s);
    for key in ["giai doan", "nhiem ky", "nam"] {
        let mut from = 0;
        while let Some(p) = f[from..].find(key) {
            let at = from + p + key.len();
            let r = f[at..].trim_start();
            let y1: String = r.chars().take_while(|c| c.is_ascii_digit()).collect();
            let r2 = r[y1.len()..].trim_start();
            if let Some(r3) = r2.strip_prefix('-').or_else(|| r2.strip_prefix('–')) {
                let y2: String = r3.trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
                if let (Ok(a), Ok(b)) = (y1.parse::<u16>(), y2.parse::<u16>()) {
                    if y1.len() == 4 && y2.len() == 4 && a < b && b - a <= 10 {
                        return Some((a, b));
                    }
                }
            }
            from = at;
        }
    }
    None
}

/// Whether the text says the figure applies every year ("hằng năm", "hàng năm", "/năm").
pub fn is_annual(s: &str) -> bool {
    let f = fold(s);
    f.contains("hang nam")
        || f.contains("moi nam")
        || f.contains("/nam")
        || f.contains("binh quan") && f.contains("nam")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> (Cmp, f64, Option<f64>, Option<String>) {
        let v = parse_value(s).unwrap_or_else(|| panic!("no value in {s:?}"));
        (v.cmp, v.value, v.value_max, v.unit)
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("13,7"), Some(13.7));
        assert_eq!(parse_number("1.100"), Some(1100.0));
        assert_eq!(parse_number("08"), Some(8.0));
        assert_eq!(parse_number("51.855"), Some(51855.0));
        assert_eq!(parse_number("44.3"), Some(44.3));
        assert_eq!(parse_number("4203"), Some(4203.0));
        assert_eq!(parse_number("1.234.567,5"), Some(1234567.5));
        assert_eq!(parse_number("12,,5"), None);
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("1.23.4"), None);
    }

    #[test]
    fn comparators_and_units() {
        assert_eq!(q("08%"), (Cmp::Eq, 8.0, None, Some("%".into())));
        assert_eq!(q("giảm 0,30‰"), (Cmp::Eq, 0.3, None, Some("‰".into())));
        assert_eq!(q("giảm 0,30%0"), (Cmp::Eq, 0.3, None, Some("‰".into())));
        let fq = find_quantities("Tỷ suất sinh thô giảm 0,30%0 so với năm 2025, đạt chỉ tiêu");
        assert_eq!((fq[0].value, fq[0].unit.as_deref()), (0.3, Some("‰")));
        assert_eq!(q("giảm bình quân 0,2‰/năm"), (Cmp::Eq, 0.2, None, Some("‰/năm".into())));
        assert_eq!(q("trên 08%/năm"), (Cmp::Gt, 8.0, None, Some("%/năm".into())));
        assert_eq!(q("12 %/năm trở lên"), (Cmp::Ge, 12.0, None, Some("%/năm".into())));
        assert_eq!(q("từ 15% trở lên"), (Cmp::Ge, 15.0, None, Some("%".into())));
        assert_eq!(q("ít nhất 85%"), (Cmp::Ge, 85.0, None, Some("%".into())));
        assert_eq!(q("không quá 5 cuộc"), (Cmp::Le, 5.0, None, Some("cuộc".into())));
        assert_eq!(q("dưới 1,5 (%)"), (Cmp::Lt, 1.5, None, Some("%".into())));
        assert_eq!(q("đạt 97%"), (Cmp::Eq, 97.0, None, Some("%".into())));
        assert_eq!(q("còn 0%"), (Cmp::Eq, 0.0, None, Some("%".into())));
        assert_eq!(q("> 90%"), (Cmp::Gt, 90.0, None, Some("%".into())));
        assert_eq!(q("hơn 85%"), (Cmp::Gt, 85.0, None, Some("%".into())));
        assert_eq!(q("3 - 5 (%)"), (Cmp::Range, 3.0, Some(5.0), Some("%".into())));
        assert_eq!(q("3-4 trường"), (Cmp::Range, 3.0, Some(4.0), Some("trường".into())));
        assert_eq!(q("10 - 15 (tỷ đồng/ năm)"), (Cmp::Range, 10.0, Some(15.0), Some("tỷ đồng/năm".into())));
        assert_eq!(q("từ 01 đến 02 tổ chức đảng"), (Cmp::Range, 1.0, Some(2.0), Some("tổ chức đảng".into())));
        assert_eq!(q("2 - 2,5 lần"), (Cmp::Range, 2.0, Some(2.5), Some("lần".into())));
        assert_eq!(q("275 triệu đồng/ha/năm"), (Cmp::Eq, 275.0, None, Some("triệu đồng/ha/năm".into())));
        assert_eq!(q("127,4 tạ/ha/năm"), (Cmp::Eq, 127.4, None, Some("tạ/ha/năm".into())));
        assert_eq!(q("25,94 km2"), (Cmp::Eq, 25.94, None, Some("km2".into())));
        assert_eq!(q("71.731 người"), (Cmp::Eq, 71731.0, None, Some("người".into())));
        assert_eq!(q("2.846 đảng viên"), (Cmp::Eq, 2846.0, None, Some("đảng viên".into())));
        assert_eq!(q("02 doanh nghiệp"), (Cmp::Eq, 2.0, None, Some("doanh nghiệp".into())));
        assert_eq!(q("05 cơ sở"), (Cmp::Eq, 5.0, None, Some("cơ sở".into())));
        assert_eq!(q("1.200 lượt người"), (Cmp::Eq, 1200.0, None, Some("lượt người".into())));
        assert_eq!(q("403,29 tỷ đồng"), (Cmp::Eq, 403.29, None, Some("tỷ đồng".into())));
        assert_eq!(q("106,7 triệu đồng"), (Cmp::Eq, 106.7, None, Some("triệu đồng".into())));
        assert_eq!(q("ít nhất một nhà đa năng"), (Cmp::Ge, 1.0, None, Some("nhà đa năng".into())));
    }

    #[test]
    fn counted_nouns() {
        // listed nouns of two or three syllables, read whole
        assert_eq!(q("64 giấy chứng nhận quyền sử dụng đất"), (Cmp::Eq, 64.0, None, Some("giấy chứng nhận".into())));
        assert_eq!(q("15 hội viên mới"), (Cmp::Eq, 15.0, None, Some("hội viên".into())));
        // any counted noun: two syllables, or one that stands whole
        assert_eq!(q("20 cán bộ trẻ"), (Cmp::Eq, 20.0, None, Some("cán bộ".into())));
        assert_eq!(q("06 lớp tập huấn"), (Cmp::Eq, 6.0, None, Some("lớp".into())));
        assert_eq!(q("5 xã tham gia"), (Cmp::Eq, 5.0, None, Some("xã".into())));
        assert_eq!(q("12 tình nguyện viên"), (Cmp::Eq, 12.0, None, Some("tình nguyện".into())));
        // the bound after what is counted
        assert_eq!(q("05 hội viên mới trở lên"), (Cmp::Ge, 5.0, None, Some("hội viên".into())));
        assert_eq!(q("80% chi hội trở lên"), (Cmp::Ge, 80.0, None, Some("%".into())));
        // not a count: a function word after it, a decimal, a number in a name
        assert_eq!(q("15 của"), (Cmp::Eq, 15.0, None, None));
        assert_eq!(q("12,5 người"), (Cmp::Eq, 12.5, None, Some("người".into())));
        assert_eq!(q("12,5 hecta"), (Cmp::Eq, 12.5, None, None));
        let s = "Chi bộ Khu phố 3 tổ chức; Nghị quyết số 15 chuyên đề; lần thứ 2 đại hội";
        assert!(find_quantities(s).iter().all(|q| q.unit.is_none()), "{:?}", find_quantities(s));
        assert_eq!(count_unit_at(" chi hội tổ chức"), Some(("chi hội".to_string(), " chi hội".len())));
        assert_eq!(count_unit_at(" Phòng Kinh tế"), None);
        assert_eq!(count_unit_at(" học viên)."), Some(("học viên".to_string(), " học viên".len())));
        assert_eq!(count_unit_at(" điểm) và"), Some(("điểm".to_string(), " điểm".len())));
        for s in
            ["trẻ 6 tuổi", "Trung ương 4 khóa XII", "đạt từ 3 sao trở lên", "2 bên đường", "2 con số", "22 chỉ tiêu"]
        {
            assert!(find_quantities(s).iter().all(|q| q.unit.is_none()), "{s}: {:?}", find_quantities(s));
        }
    }

    #[test]
    fn malformed_values_are_none() {
        assert!(parse_value("12,,5%").is_none());
        assert!(parse_value("trên %").is_none());
        assert!(parse_value("").is_none());
        assert!(parse_value("không có số").is_none());
    }

    #[test]
    fn free_text() {
        let s = "Hằng năm, thu ngân sách nhà nước trên địa bàn tăng bình quân trên 08%/năm.";
        let v = find_quantities(s);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].text(s), "trên 08%/năm");
        let s = "khu vực nông, lâm, thủy sản tăng 3 - 5 (%); khu vực dịch vụ tăng 15%.";
        let v = find_quantities(s);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].text(s), "3 - 5 (%)");
        // years and dates are not quantities
        assert!(find_quantities("đến năm 2030, ngày 15/12/2025").is_empty());
        assert!(find_quantities("nhiệm kỳ 2025 - 2030").is_empty());
    }

    #[test]
    fn fractions() {
        assert_eq!(parse_fraction("21/23"), Some((21.0, 23.0)));
        assert_eq!(parse_fraction("119/116"), Some((119.0, 116.0)));
        assert_eq!(parse_fraction("06/21"), Some((6.0, 21.0)));
        assert_eq!(parse_fraction("15/12/2025"), None);
        // "119/116 đạt 102,6%": the fraction, then the share as a figure
        let s = "(119/116 đạt 102,6%)";
        let q = find_quantities(s);
        assert_eq!(q.len(), 1, "the fraction is not read as plain numbers");
        assert_eq!((q[0].value, q[0].unit.as_deref(), q[0].text(s)), (102.6, Some("%"), "đạt 102,6%"));
        assert_eq!(parse_fraction(&s[1..8]), Some((119.0, 116.0)));
        assert_eq!(parse_fraction("3/0"), None);
    }

    #[test]
    fn long_dates() {
        let d = |s: &str| find_dates(s).into_iter().map(|d| (d.iso, s[d.start..d.end].to_string())).collect::<Vec<_>>();
        assert_eq!(d("ngày 16 tháng 6 năm 2025 của"), vec![("2025-06-16".into(), "16 tháng 6 năm 2025".into())]);
        assert_eq!(d("ngay 05 thang 12 nam 2025"), vec![("2025-12-05".into(), "05 thang 12 nam 2025".into())]);
        assert!(d("16 tháng 13 năm 2025; 6 tháng đầu năm 2026").is_empty());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("ngày 22/12/2024").as_deref(), Some("2024-12-22"));
        assert_eq!(parse_date("14/4/2025").as_deref(), Some("2025-04-14"));
        assert_eq!(parse_date("ngày 29/02/2024").as_deref(), Some("2024-02-29"));
        assert_eq!(parse_date("ngày 31/02/2025"), None);
        assert_eq!(parse_date("ngày 29/02/2025"), None);
        assert_eq!(parse_date("ngày 32/1/2025"), None);
        assert_eq!(parse_date("ngày 1/13/2025"), None);
        assert_eq!(parse_date("ngày"), None);
    }

    #[test]
    fn terms() {
        assert_eq!(find_term("giai đoạn 2026 - 2030"), Some((2026, 2030)));
        assert_eq!(find_term("nhiệm kỳ 2025-2030"), Some((2025, 2030)));
        assert!(is_annual("hằng năm"));
        assert!(is_annual("tăng 8%/năm"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_number(&s);
            let _ = parse_value(&s);
            let _ = find_quantities(&s);
            let _ = find_dates(&s);
            let _ = parse_date(&s);
            let _ = find_term(&s);
            let _ = parse_fraction(&s);
        }

        #[test]
        fn never_panics_on_number_soup(s in "[0-9.,/ %()-]{0,30}(trên|dưới|từ|ngày|tháng|Quý|năm)?[0-9.,/ %]{0,12}") {
            let _ = find_quantities(&s);
            let _ = parse_value(&s);
        }

        #[test]
        fn decimal_comma_roundtrip(int in 0u32..100000, frac in 1u32..99) {
            let s = format!("{int},{frac}");
            let v = parse_number(&s).unwrap();
            let want: f64 = format!("{int}.{frac}").parse().unwrap();
            proptest::prop_assert!((v - want).abs() < 1e-9);
        }

        #[test]
        fn thousands_dot_roundtrip(n in 1000u64..10_000_000) {
            let digits = n.to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 { grouped.push('.'); }
                grouped.push(c);
            }
            proptest::prop_assert_eq!(parse_number(&grouped), Some(n as f64));
        }
    }
}
