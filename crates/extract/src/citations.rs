//! Citations (văn bản được viện dẫn): "Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị",
//! "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025",
//! "Kết luận 126-KL/TW, 127-KL/TW của Bộ Chính trị".
//!
//! The lexicons (kinds of document, kind codes, issuer codes, words that end an issuer) are
//! the tables below; each says where its entries come from.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use theodoi_core::{Citation, Document};
use theodoi_text::{doc_kinds, fold_fast as fold, parse_date, starts_body, BodyRole, KindRole};

use crate::units::Unit;

/// Party form "57-NQ/TW", state forms "1669/NQ-UBTVQH15", "178/2024/NĐ-CP", a law
/// "72/2025/QH15"; spaces and line breaks may sit around the separators ("21 - KL/TW",
/// "1669/NQ-\nUBTVQH15", "1450/UBND- VP").
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<num>
          \d{1,5}\s?-\s?[A-ZĐ][A-Za-zĐđ]{0,5}\s?/\s?[A-ZĐ][A-Za-zĐđ0-9]{0,10}(?:-[A-ZĐ][A-Za-zĐđ0-9]{0,10})?
        | \d{1,5}\s?/\s?(?:\d{4}\s?/\s?)?[A-ZĐ][A-Za-zĐđ]{0,5}\s?-\s?[A-ZĐ][A-Za-zĐđ0-9]{0,12}(?:\s?-\s?[A-ZĐ][A-Za-zĐđ0-9]{1,12})*
        | \d{1,5}\s?/\s?\d{4}\s?/\s?[A-ZĐ][A-Za-zĐđ]{0,8}\d{0,3}\b
        | \d{1,5}\s?-\s?(?:NQ|CT|KL|QĐ|KH|HD|TB|BC|CV|TT)\s?-\s?(?:TW|TU|ĐU|DU)\b
        )",
    )
    .expect("static regex")
});

/// Any kind word (case-insensitive), to find the last one before a number.
static KIND_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:{})\b", doc_kinds(KindRole::Cited).collect::<Vec<_>>().join("|")))
        .expect("static regex")
});

/// What may stand between a kind and its number: nothing, "số", or the document's name
/// before "số" ("Luật Ngân sách nhà nước số", "Báo cáo thẩm tra số", "Quy chế làm việc số").
static KIND_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s*(?:số\s*)?|(?:\s+[^\s,;.:()\d“”]+){1,8}\s+số\s*)$").expect("static regex")
});

/// "Số: 24/NQ-HĐND" on a header line (alone, or beside the place and date): the document's
/// own number, not a citation.
static OWN_NUMBER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:Số|SỐ)\s*[:.]?\s*(\d[^\s]*)(\s{3,}|\s*$)").expect("static regex"));

/// A date right after a number: ", ngày 22/12/2024", "22 /12/2024" (OCR spaces). The long form
/// ("ngày 16 tháng 6 năm 2025") is read by the one date reader, `theodoi_text::find_dates`,
/// after [`DATE_LEAD`].
static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,]*(?:ngày\s*)?(?P<d>\d{1,2})\s*[/.-](?P<m>\d{1,2})\s*[/.-](?P<y>\d{4})\b")
        .expect("static regex")
});

/// What may stand between a number and its date: ", ngày ".
static DATE_LEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^[\s,]*(?:ngày\s*)?").expect("static regex"));

/// "…, cùng ngày": the date of the citation before.
static SAME_DAY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^[\s,]*cùng ngày\b").expect("static regex"));

/// Between two numbers of one list: ", ", " và ", ", và " (nothing else).
static LIST_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:,|và|,\s*và)\s*(?:số\s*)?$").expect("static regex"));

/// Kind codes of numbers ("NQ" in 57-NQ/TW or 24/NQ-HĐND): Quy định 66-QĐ/TW (Party) and
/// Nghị định 30/2020/NĐ-CP on văn thư (State). `TT` is Thông tri in the Party form and
/// Thông tư in the State form.
const KIND_CODES: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("CT", "Chỉ thị"),
    ("KL", "Kết luận"),
    ("QĐ", "Quyết định"),
    ("QD", "Quyết định"),
    ("KH", "Kế hoạch"),
    ("HD", "Hướng dẫn"),
    ("HĐ", "Hướng dẫn"),
    ("CV", "Công văn"),
    ("CTR", "Chương trình"),
    ("NĐ", "Nghị định"),
    ("ND", "Nghị định"),
    ("TB", "Thông báo"),
    ("BC", "Báo cáo"),
    ("ĐA", "Đề án"),
    ("DA", "Đề án"),
    ("QC", "Quy chế"),
    ("TTR", "Tờ trình"),
    ("CĐ", "Công điện"),
];

/// Issuers named by the code alone where the code names exactly one body (Nghị định
/// 30/2020/NĐ-CP, appendix of body abbreviations; Party central bodies as they sign).
/// Used only when the text names no issuer. "TW", "TU", "ĐU" name no single body
/// (Bộ Chính trị, Ban Bí thư, Ban Chấp hành …) and are left out on purpose.
const ISSUER_CODES: &[(&str, &str)] = &[
    ("CP", "Chính phủ"),
    ("TTg", "Thủ tướng Chính phủ"),
    ("BNV", "Bộ Nội vụ"),
    ("BTC", "Bộ Tài chính"),
    ("BCA", "Bộ Công an"),
    ("BQP", "Bộ Quốc phòng"),
    ("BYT", "Bộ Y tế"),
    ("BTP", "Bộ Tư pháp"),
    ("BXD", "Bộ Xây dựng"),
    ("BCT", "Bộ Công Thương"),
    ("BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("BKHCN", "Bộ Khoa học và Công nghệ"),
    ("BNNMT", "Bộ Nông nghiệp và Môi trường"),
    ("BTNMT", "Bộ Tài nguyên và Môi trường"),
    ("BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("BKHĐT", "Bộ Kế hoạch và Đầu tư"),
    ("BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
    ("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("BTTTT", "Bộ Thông tin và Truyền thông"),
    ("BGTVT", "Bộ Giao thông vận tải"),
    ("NHNN", "Ngân hàng Nhà nước Việt Nam"),
    ("BTCTW", "Ban Tổ chức Trung ương"),
    ("BTGTW", "Ban Tuyên giáo Trung ương"),
    ("BDVTW", "Ban Dân vận Trung ương"),
    ("BNCTW", "Ban Nội chính Trung ương"),
    ("BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương"),
    ("UBKTTW", "Ủy ban Kiểm tra Trung ương"),
    ("VPTW", "Văn phòng Trung ương Đảng"),
];

/// Codes known to be right as written, for the OCR repair of restored text only.
const KNOWN_CODES: &[&str] = &[
    "NQ", "CT", "KL", "KH", "TT", "HD", "CV", "CTr", "TTr", "TB", "BC", "QC", "TW", "TU", "DU", "CP", "TTg", "UBND",
    "BTC", "BCH", "MTTQ", "BTT", "QĐ", "ĐU", "NĐ", "HĐND", "BCĐ", "ĐA", "HĐ", "BCĐTW", "BCSĐ", "BCS", "HU", "QU",
    "ĐUK", "VPTW", "BTGTW", "BDVTW", "BTCTW", "BNCTW", "TTHĐND", "ĐTN", "LĐLĐ", "UBKTTW",
];

/// Is the number in the Party form ("57-NQ/TW": the kind before the slash)?
fn party_form(num: &str) -> bool {
    matches!((num.find('-'), num.find('/')), (Some(h), Some(s)) if h < s)
}

/// The kind code of a number: "NQ" in 57-NQ/TW and in 24/NQ-HĐND, "QH" in 72/2025/QH15.
fn kind_code(num: &str) -> &str {
    if party_form(num) {
        num.split_once('-').map(|(_, r)| r.split('/').next().unwrap_or("")).unwrap_or("")
    } else {
        num.rsplit('/').next().and_then(|s| s.split('-').next()).unwrap_or("")
    }
}

/// Kind from the number's code when the text does not name it.
fn kind_from_code(num: &str) -> Option<&'static str> {
    let code = kind_code(num).to_uppercase();
    if code == "TT" {
        return Some(if party_form(num) { "Thông tri" } else { "Thông tư" });
    }
    // "72/2025/QH15": the National Assembly numbers its laws by year and term
    if !party_form(num) && is_assembly(&code) && num.matches('/').count() == 2 {
        return Some("Luật");
    }
    KIND_CODES.iter().find(|(c, _)| *c == code).map(|(_, k)| *k)
}

/// "QH15", "QH14": the National Assembly of a term.
fn is_assembly(code: &str) -> bool {
    code.strip_prefix("QH").is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()))
}

/// Issuer from the number's issuing code when that code names one body.
fn issuer_from_code(num: &str) -> Option<&'static str> {
    if party_form(num) {
        let body = num.rsplit('/').next()?;
        return ISSUER_CODES.iter().find(|(c, _)| *c == body).map(|(_, i)| *i);
    }
    let last = num.rsplit('/').next()?;
    let parts: Vec<&str> = last.split('-').collect();
    // "72/2025/QH15" (a law), "1669/NQ-UBTVQH15", "178/2024/NĐ-CP", "01/2025/TT-BNV"
    let body = if parts.len() == 1 { parts[0] } else { parts.get(1).copied()? };
    if is_assembly(body) {
        return Some("Quốc hội");
    }
    if body.strip_prefix("UBTVQH").is_some_and(|r| r.chars().all(|c| c.is_ascii_digit())) {
        return Some("Ủy ban Thường vụ Quốc hội");
    }
    ISSUER_CODES.iter().find(|(c, _)| *c == body).map(|(_, i)| *i)
}

/// Normalise a number: drop spaces ("21 - KL/TW" → "21-KL/TW"), "34-KH-ĐU" → "34-KH/ĐU".
/// Codes are kept as written (an unknown code is the issuer's own), except in text restored
/// from OCR, where a code one misread letter away from a known one is repaired ("144-QB/TW"
/// → "144-QĐ/TW", "02-KH/PU" → "02-KH/ĐU", "21-KL/ITW" → "21-KL/TW").
fn normalise(num: &str, ocr: bool) -> String {
    let mut n: String = num.chars().filter(|c| !c.is_whitespace()).collect();
    // "34-KH-ĐU": the party form typed with "-" for "/"
    if !n.contains('/') {
        if let Some(p) = n.rfind('-') {
            n.replace_range(p..p + 1, "/");
        }
    }
    if !ocr {
        return n;
    }
    let known = |c: &str| KNOWN_CODES.contains(&c) || c.starts_with("UB");
    // one misread "Đ" → "B"/"P"/"D"
    let with_dd = |code: &str| -> Option<String> {
        code.char_indices().filter(|(_, c)| matches!(c, 'B' | 'P' | 'D')).find_map(|(i, c)| {
            let cand = format!("{}Đ{}", &code[..i], &code[i + c.len_utf8()..]);
            (KNOWN_CODES.contains(&cand.as_str()) && cand.contains('Đ')).then_some(cand)
        })
    };
    let fix = |code: &str| -> String {
        if known(code) {
            return code.to_string();
        }
        if let Some(c) = with_dd(code) {
            return c;
        }
        // OCR's lower case ("Qb") and one stray letter ("QPB", "ITW")
        let up = code.to_uppercase();
        if let Some(c) = Some(up.clone()).filter(|u| known(u)).or_else(|| with_dd(&up)) {
            return c;
        }
        if up.chars().count() >= 3 {
            for (i, ch) in up.char_indices() {
                let cand = format!("{}{}", &up[..i], &up[i + ch.len_utf8()..]);
                if let Some(c) =
                    Some(cand.clone()).filter(|c| known(c) && c.chars().count() >= 2).or_else(|| with_dd(&cand))
                {
                    return c;
                }
            }
        }
        code.to_string()
    };
    // split into code words and separators, fix each word
    let mut out = String::new();
    let mut word = String::new();
    for c in n.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            if !word.is_empty() {
                out.push_str(&fix(&word));
                word.clear();
            }
            out.push(c);
        }
    }
    if !word.is_empty() {
        out.push_str(&fix(&word));
    }
    out
}

/// Canonical case for a kind as written ("Nghị Quyết" → "Nghị quyết").
fn canon_kind(k: &str) -> String {
    let f = fold(k);
    doc_kinds(KindRole::Cited).find(|kind| fold(kind) == f).map(|k| k.to_string()).unwrap_or_else(|| k.to_string())
}

/// The kind written before a number and where it starts in `before`: the last kind word
/// from which only "số" or the document's name leads to the number.
fn kind_before(before: &str) -> Option<(usize, String)> {
    let from = crate::units::floor_char(before, before.len().saturating_sub(160));
    let w = &before[from..];
    KIND_WORD
        .find_iter(w)
        .filter(|m| KIND_TAIL.is_match(&w[m.end()..]))
        .last()
        .map(|m| (from + m.start(), canon_kind(m.as_str())))
}

/// Where an issuer ends: its subject ("về …"), a date, a clause break, or the verb of the
/// clause it opens ("của Ban Thường vụ Tỉnh ủy chỉ định Ban Chấp hành …", "của Chính phủ
/// quy định về …"). Verbs collected from the preambles and bodies of Party resolutions,
/// plans, decisions and State decrees.
/// Names of bodies with "và" inside (folded heads): the "và" of [`ISSUER_ENDS`] does not end them.
const JOINED_NAMES: &[&str] =
    &["ban tuyen giao va dan van", "van phong hdnd va ubnd", "van phong hoi dong nhan dan va uy ban nhan dan"];

const ISSUER_ENDS: &[&str] = &[
    " về ",
    " V/v",
    " v/v",
    ",",
    ";",
    ".",
    ":",
    " ngày ",
    " trọng tâm",
    " gắn ",
    " đã ",
    " được ",
    " theo ",
    " và ",
    " nhằm",
    " để ",
    "(",
    ")",
    "“",
    "\"",
    " bằng ",
    " quy định",
    " phối hợp",
    " chỉ đạo",
    " bảo đảm",
    " đảm bảo",
    " hướng dẫn",
    " tại ",
    " trên ",
    " cho ",
    " thực hiện",
    " triển khai",
    " chỉ định",
    " ban hành",
    " phê duyệt",
    " công nhận",
    " quyết định",
    " thông qua",
    " sửa đổi",
    " giao ",
    " yêu cầu",
    " kết luận",
    " đề ra",
    " xác định",
];

/// A page number left inside a wrapped name ("Ban Thường vụ Tỉnh 5 ủy"): a bare number
/// between a capitalised word and a lower-case one.
fn drop_page_number(s: &str) -> String {
    let w: Vec<&str> = s.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::with_capacity(w.len());
    for (i, x) in w.iter().enumerate() {
        let bare = x.chars().all(|c| c.is_ascii_digit());
        let prev_cap = i > 0 && w[i - 1].chars().next().is_some_and(char::is_uppercase);
        let next_low = w.get(i + 1).and_then(|n| n.chars().next()).is_some_and(char::is_lowercase);
        if bare && prev_cap && next_low {
            continue;
        }
        out.push(x);
    }
    out.join(" ")
}

/// The issuer named after a number (and its date), and where it ends in `rest`.
fn issuer_after(rest: &str) -> Option<(String, usize)> {
    // an issuer is a few words: look no further than 160 chars
    let rest = crate::units::slice_chars(rest, 0, 160);
    let r = rest.trim_start_matches([',', ' ']);
    let f = fold(r);
    // after a comma only "của …" names the issuer: ", Ban Thường vụ … chỉ đạo" starts a new clause
    if rest.trim_start().starts_with(',') && !f.starts_with("cua ") {
        return None;
    }
    let cua = f.starts_with("cua ");
    let (r, f) = if cua {
        let cut = r.char_indices().nth(4).map(|(i, _)| i).unwrap_or(r.len());
        (&r[cut..], f[4..].to_string())
    } else {
        (r, f)
    };
    // after "của" a capitalised name is the issuer ("của Huyện ủy", "của Liên đoàn Lao động");
    // without it, only a body's name
    let named =
        r.starts_with(char::is_uppercase) && r.split_whitespace().next().is_some_and(|w| w.chars().count() >= 2);
    // an issuer opens with a body's name (the genre's one lexicon of bodies, as an issuer)
    if !starts_body(&f, BodyRole::Issuer) && !(cua && named) {
        return None;
    }
    let end = crate::units::floor_char(r, 120);
    // a body named with "và" inside ("Ban Tuyên giáo và Dân vận Tỉnh ủy"): ends are looked for after it
    let inner = JOINED_NAMES
        .iter()
        .find(|h| f.starts_with(*h))
        .and_then(|h| r.char_indices().nth(h.chars().count()).map(|(i, _)| i))
        .unwrap_or(0)
        .min(end);
    let end = ISSUER_ENDS
        .iter()
        .filter_map(|s| r[inner..end].find(s).map(|p| p + inner))
        .filter(|&p| p > 0)
        .min()
        .unwrap_or(end);
    let mut end = end;
    // "của Bộ Chính trị, Ban Bí thư": two central organs issuing jointly
    const JOINT: &[&str] = &["bo chinh tri", "ban bi thu", "ban chap hanh trung uong"];
    if r[end..].starts_with(", ") && JOINT.iter().any(|h| fold(&r[..end]).starts_with(h)) {
        let next = &r[end + 2..];
        if let Some(h) = JOINT.iter().find(|h| fold(next).starts_with(*h)) {
            let n = h.chars().count();
            let cut = next.char_indices().nth(n).map(|(i, _)| i).unwrap_or(next.len());
            end += 2 + cut;
        }
    }
    let mut iss = drop_page_number(r[..end].trim().trim_end_matches([',', ';', ':', ')']).trim());
    // a plenum is named with its term: "Hội nghị Trung ương 4 (khoá XIII)"
    if fold(&iss).starts_with("hoi nghi") {
        let after = r[end..].trim_start();
        if fold(after).starts_with("(khoa") {
            if let Some(close) = after.find(')') {
                iss = format!("{} {}", iss, &after[..=close]);
            }
        }
    }
    let at = r.as_ptr() as usize - rest.as_ptr() as usize + end;
    (iss.chars().count() >= 3).then_some((iss, at))
}

/// How a citation is tied to the one before it in a list.
#[derive(Clone, Copy, PartialEq)]
enum Link {
    /// Starts a new list.
    None,
    /// "Chỉ thị số 11-CT/TW và Chỉ thị số 12-CT/TW … của Ban Bí thư": the issuer is shared.
    Kind,
    /// "145-QĐ/ĐU, 146-QĐ/ĐU ngày …": bare numbers share kind, date and issuer.
    Bare,
}

/// A date right after a number; `last` is the date of the citation before ("cùng ngày").
fn date_after(after: &str, last: Option<&str>) -> Option<(String, usize)> {
    let head = crate::units::slice_chars(after, 0, 48);
    if let Some(c) = DATE_AFTER.captures(head) {
        let all = c.get(0)?;
        let iso = parse_date(&format!("{}/{}/{}", &c["d"], &c["m"], &c["y"]));
        // an impossible date is no date, but it is still consumed
        return Some((iso.unwrap_or_default(), all.end()));
    }
    let lead = DATE_LEAD.find(head).map_or(0, |m| m.end());
    if let Some(d) = theodoi_text::find_dates(&head[lead..]).into_iter().next().filter(|d| d.start == 0) {
        return Some((d.iso, lead + d.end));
    }
    let m = SAME_DAY.find(head)?;
    last.map(|d| (d.to_string(), m.end()))
}

/// The numbers of the documents held in the file: its header's "Số …" lines (one per part)
/// and the number ingest read.
fn own_numbers(doc: &Document) -> Vec<String> {
    let key = |n: &str| fold(&normalise(n, doc.source.restored)).replace('.', "").to_uppercase();
    let mut own: Vec<String> = doc.meta.number.iter().map(|n| key(n)).collect();
    for l in &doc.lines {
        if !l.text.trim_start().starts_with(['S', 's']) {
            continue;
        }
        if let Some(c) = OWN_NUMBER_LINE.captures(&l.text) {
            if let Some(m) = c.get(1).and_then(|g| NUMBER.find(g.as_str())) {
                own.push(key(m.as_str()));
            }
        }
    }
    own
}

/// Every numbered citation, one per distinct number, all occurrences as evidence.
pub(crate) fn citations(doc: &Document, units: &[Unit]) -> Vec<Citation> {
    let ocr = doc.source.restored;
    let own = own_numbers(doc);
    let mut out: Vec<Citation> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for u in units {
        let t = &u.text;
        // the list the current citation belongs to: (index in `out`, link to the one before)
        let mut list: Vec<(usize, Link)> = Vec::new();
        // end of the previous citation's number and date, and whether it had its own issuer
        let mut prev_end: Option<usize> = None;
        let mut prev_closed = true;
        let mut prev_kind: Option<String> = None;
        let mut last_date: Option<String> = None;
        for m in NUMBER.captures_iter(t) {
            let Some(g) = m.name("num") else { continue };
            // glued to letters on the left ("ABC12-NQ/TW") → not a number
            if t[..g.start()].chars().last().is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let num = normalise(g.as_str(), ocr);
            let key = fold(&num).replace('.', "").to_uppercase();
            // the document's own number, in its header or "(Kèm theo Kế hoạch số …)"
            if own.contains(&key) {
                continue;
            }
            let before = &t[..g.start()];
            let written = kind_before(before);
            let ev_start = written.as_ref().map(|(p, _)| *p).unwrap_or(g.start());
            // tied to the citation before? only through a bare list separator
            let link = match prev_end {
                Some(pe) if !prev_closed && pe <= ev_start => {
                    if LIST_GAP.is_match(&t[pe..ev_start]) {
                        if written.is_some() {
                            Link::Kind
                        } else {
                            Link::Bare
                        }
                    } else {
                        Link::None
                    }
                }
                _ => Link::None,
            };
            // "Thông báo kết luận số 176-KL/TW" cites the Kết luận, "… số 45-TB/TW" the Thông báo
            let kind_written = written.map(|(_, k)| k).map(|k| {
                if k == "Thông báo kết luận" {
                    kind_from_code(&num).unwrap_or("Thông báo").to_string()
                } else {
                    k
                }
            });
            let kind = kind_written
                .clone()
                .or_else(|| if link == Link::Bare { prev_kind.clone() } else { None })
                .or_else(|| kind_from_code(&num).map(str::to_string));
            // need a kind word before or a known code
            if kind.is_none() {
                continue;
            }
            let after = &t[g.end()..];
            let (date, consumed) = match date_after(after, last_date.as_deref()) {
                Some((d, n)) => ((!d.is_empty()).then_some(d), n),
                None => (None, 0),
            };
            let (issuer, date, consumed) = match issuer_after(&after[consumed..]) {
                // "… của Bộ Chính trị ngày 14/4/2025": the date may follow the issuer
                Some((iss, at)) => {
                    let tail = &after[consumed + at..];
                    match date_after(tail, None)
                        .filter(|_| date.is_none() && fold(tail.trim_start()).starts_with("ngay"))
                    {
                        Some((d, n)) => (Some(iss), (!d.is_empty()).then_some(d), consumed + at + n),
                        None => (Some(iss), date, consumed),
                    }
                }
                None => (None, date, consumed),
            };
            let ev_end = (g.end() + consumed).min(t.len());
            let ev = u.evidence(doc, ev_start, ev_end);
            let this = match index.get(&key) {
                Some(&i) => {
                    let c = &mut out[i];
                    if c.date.is_none() {
                        c.date = date.clone();
                    }
                    if c.issuer.is_none() {
                        c.issuer = issuer.clone();
                    }
                    if c.kind.is_none() {
                        c.kind = kind.clone();
                    }
                    c.evidence.push(ev);
                    i
                }
                None => {
                    index.insert(key, out.len());
                    out.push(Citation {
                        number: num.clone(),
                        kind: kind.clone(),
                        date: date.clone(),
                        issuer: issuer.clone(),
                        evidence: vec![ev],
                    });
                    out.len() - 1
                }
            };
            if link == Link::None {
                list.clear();
            }
            list.push((this, link));
            // a date read after the last of bare numbers is theirs too
            if let Some(d) = &date {
                for k in (1..list.len()).rev() {
                    if list[k].1 != Link::Bare {
                        break;
                    }
                    let (i, _) = list[k - 1];
                    if out[i].date.is_some() {
                        break;
                    }
                    out[i].date = Some(d.clone());
                }
                last_date = Some(d.clone());
            }
            // an issuer read after the last of a list is the whole list's
            if let Some(iss) = &issuer {
                for &(i, _) in &list {
                    if out[i].issuer.is_none() {
                        out[i].issuer = Some(iss.clone());
                    }
                }
                list.clear();
            }
            prev_end = Some(ev_end);
            // an issuer closes a list; the next number decides by the gap before it
            prev_closed = issuer.is_some();
            prev_kind = kind;
        }
    }
    // the code names the issuer where the text does not ("Nghị định số 67/2025/NĐ-CP")
    for c in out.iter_mut() {
        if c.issuer.is_none() {
            c.issuer = issuer_from_code(&c.number).map(str::to_string);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// `input` → one line per citation: "number | kind | date | issuer" ("-" for none).
    fn check(input: &str, expect: &str) {
        check_doc(crate::document_from_text("t.txt", input), input, expect);
    }

    fn check_doc(doc: Document, input: &str, expect: &str) {
        let ex = crate::extract(&doc);
        let got: Vec<String> = ex
            .citations
            .iter()
            .map(|c| {
                let o = |x: &Option<String>| x.clone().unwrap_or_else(|| "-".into());
                format!("{} | {} | {} | {}", c.number, o(&c.kind), o(&c.date), o(&c.issuer))
            })
            .collect();
        let want: Vec<&str> = expect.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(got, want, "input: {input}");
    }

    use theodoi_core::Document;

    #[test]
    fn numbers_dates_and_issuers() {
        for (input, expect) in [
            // party form, numeric date, issuer ended by the subject
            (
                "Thực hiện Nghị quyết số 31-NQ/TW ngày 14/3/2023 của Bộ Chính trị về phát triển vùng.",
                "31-NQ/TW | Nghị quyết | 2023-03-14 | Bộ Chính trị",
            ),
            // long date, state form
            (
                "Căn cứ Quyết định số 4127/QĐ-UBND ngày 09 tháng 11 năm 2024 của Ủy ban nhân dân tỉnh về giao dự toán;",
                "4127/QĐ-UBND | Quyết định | 2024-11-09 | Ủy ban nhân dân tỉnh",
            ),
            // a law: named between kind and number, year and digit-bearing code, issuer from the code
            (
                "Căn cứ Luật Quản lý chợ số 47/2023/QH15 ngày 20 tháng 5 năm 2023;",
                "47/2023/QH15 | Luật | 2023-05-20 | Quốc hội",
            ),
            ("Thực hiện Luật số 47/2023/QH15 về quản lý chợ.", "47/2023/QH15 | Luật | - | Quốc hội"),
            // a decree and a circular: the issuer is the code's when the text names none
            (
                "Thực hiện Nghị định số 45/2025/NĐ-CP ngày 02/3/2025 về tinh giản biên chế; Thông tư số 07/2025/TT-BNV hướng dẫn thi hành.",
                "45/2025/NĐ-CP | Nghị định | 2025-03-02 | Chính phủ
                 07/2025/TT-BNV | Thông tư | - | Bộ Nội vụ",
            ),
            // the issuer ends where the clause's verb begins
            (
                "Đại hội nghe Quyết định số 905-QĐ/TU ngày 12/7/2025 của Ban Thường vụ Tỉnh ủy chỉ định Ban Chấp hành lâm thời.",
                "905-QĐ/TU | Quyết định | 2025-07-12 | Ban Thường vụ Tỉnh ủy",
            ),
            (
                "Nghị định số 52/2025/NĐ-CP ngày 01/4/2025 của Chính phủ quy định về chế độ phụ cấp.",
                "52/2025/NĐ-CP | Nghị định | 2025-04-01 | Chính phủ",
            ),
            (
                "Theo Nghị quyết số 11/NQ-HĐND ngày 20/12/2025 của Hội đồng nhân dân xã: 18,4 tỷ đồng.",
                "11/NQ-HĐND | Nghị quyết | 2025-12-20 | Hội đồng nhân dân xã",
            ),
            // Tờ trình, and a report named before its number
            (
                "Xét Tờ trình số 96/TTr-UBND ngày 01 tháng 12 năm 2025 của Ủy ban nhân dân xã; Báo cáo thẩm tra số 08/BC-HĐND ngày 03/12/2025 của Ban Pháp chế Hội đồng nhân dân xã;",
                "96/TTr-UBND | Tờ trình | 2025-12-01 | Ủy ban nhân dân xã
                 08/BC-HĐND | Báo cáo | 2025-12-03 | Ban Pháp chế Hội đồng nhân dân xã",
            ),
            // an unknown issuer code is kept as written
            (
                "Công văn số 318/PKT-NN ngày 04/6/2025 của Phòng Kinh tế về rà soát; Hướng dẫn số 09-HD/BTGDVTU.",
                "318/PKT-NN | Công văn | 2025-06-04 | Phòng Kinh tế
                 09-HD/BTGDVTU | Hướng dẫn | - | -",
            ),
            // a number split at its hyphen by a line break
            (
                "Thực hiện Công văn số 2210/UBND-\nVP ngày 15/8/2025 của Ủy ban nhân dân phường về kiểm kê.",
                "2210/UBND-VP | Công văn | 2025-08-15 | Ủy ban nhân dân phường",
            ),
            // a date after the issuer; a capitalised name after "của"
            (
                "Quán triệt Kết luận số 61-KL/TW của Ban Bí thư ngày 03/12/2024 về công tác dân vận.",
                "61-KL/TW | Kết luận | 2024-12-03 | Ban Bí thư",
            ),
            (
                "Triển khai Chương trình số 12-CTr/LĐLĐ ngày 04/4/2025 của Liên đoàn Lao động tỉnh về an toàn lao động.",
                "12-CTr/LĐLĐ | Chương trình | 2025-04-04 | Liên đoàn Lao động tỉnh",
            ),
            // a conclusion notice is a Thông báo
            ("Thực hiện Thông báo kết luận số 45-TB/TW của Bộ Chính trị.", "45-TB/TW | Thông báo | - | Bộ Chính trị"),
            ("Triển khai Thông báo Kết luận số 92-KL/TW của Bộ Chính trị.", "92-KL/TW | Kết luận | - | Bộ Chính trị"),
            // a page number left inside the issuer's name
            (
                "Căn cứ Kế hoạch số 77-KH/TU ngày 02/6/2025 của Ban Thường vụ Tỉnh\n7\nủy về chuyển đổi số.",
                "77-KH/TU | Kế hoạch | 2025-06-02 | Ban Thường vụ Tỉnh ủy",
            ),
        ] {
            check(input, expect);
        }
    }

    #[test]
    fn lists_share_kind_date_and_issuer() {
        for (input, expect) in [
            // bare numbers share the issuer that follows the last
            (
                "Quán triệt Kết luận 141-KL/TW, 142-KL/TW của Bộ Chính trị về công tác cán bộ.",
                "141-KL/TW | Kết luận | - | Bộ Chính trị
                 142-KL/TW | Kết luận | - | Bộ Chính trị",
            ),
            // … and the date, and the kind written before the first
            (
                "Ban hành Quy định số 211-QĐ/ĐU, 212-QĐ/ĐU ngày 05/02/2025 về lề lối làm việc.",
                "211-QĐ/ĐU | Quy định | 2025-02-05 | -
                 212-QĐ/ĐU | Quy định | 2025-02-05 | -",
            ),
            // "cùng ngày": the date of the one before; kind-led items joined by "và" share the issuer only
            (
                "Kế hoạch số 14-KH/ĐU ngày 03/4/2025 và Kế hoạch số 15-KH/ĐU cùng ngày của Ban Thường vụ Đảng ủy phường về kiểm tra.",
                "14-KH/ĐU | Kế hoạch | 2025-04-03 | Ban Thường vụ Đảng ủy phường
                 15-KH/ĐU | Kế hoạch | 2025-04-03 | Ban Thường vụ Đảng ủy phường",
            ),
            (
                "Thực hiện Chỉ thị số 21-CT/TW và Chỉ thị số 22-CT/TW ngày 06/5/2024 của Ban Bí thư.",
                "21-CT/TW | Chỉ thị | - | Ban Bí thư
                 22-CT/TW | Chỉ thị | 2024-05-06 | Ban Bí thư",
            ),
            // "… và số 319-KL/TW …": the kind of the first, one issuer for both
            (
                "Thực hiện Kết luận số 318-KL/TW ngày 14/02/2025 và số 319-KL/TW ngày 28/02/2025 của Bộ Chính trị.",
                "318-KL/TW | Kết luận | 2025-02-14 | Bộ Chính trị
                 319-KL/TW | Kết luận | 2025-02-28 | Bộ Chính trị",
            ),
            // text between two citations ends the list
            (
                "Kế hoạch số 05-KH/ĐU về học tập; Kế hoạch số 06-KH/ĐU ngày 10/3/2025 của Đảng ủy phường.",
                "05-KH/ĐU | Kế hoạch | - | -
                 06-KH/ĐU | Kế hoạch | 2025-03-10 | Đảng ủy phường",
            ),
        ] {
            check(input, expect);
        }
    }

    #[test]
    fn the_documents_own_number_is_no_citation() {
        check(
            "ĐẢNG ỦY XÃ AN KHÊ\n*\nSố 17-BC/ĐU\n\nBÁO CÁO\nkết quả năm 2025\n\n\
Thực hiện Chỉ thị số 08-CT/TU ngày 02/01/2025 của Ban Thường vụ Tỉnh ủy.\n\n\
PHỤ LỤC\n(Kèm theo Báo cáo số 17-BC/ĐU ngày 12/12/2025 của Ban Thường vụ Đảng ủy xã)\n",
            "08-CT/TU | Chỉ thị | 2025-01-02 | Ban Thường vụ Tỉnh ủy",
        );
        // the number beside the place and date in a two-column header
        check(
            "UỶ BAN NHÂN DÂN XÃ AN KHÊ\n Số: 221/BC-UBND            An Khê, ngày 10 tháng 12 năm 2025\n\nBÁO CÁO\n\n\
Căn cứ Kế hoạch số 40/KH-UBND ngày 15/01/2025 của Ủy ban nhân dân xã.\n",
            "40/KH-UBND | Kế hoạch | 2025-01-15 | Ủy ban nhân dân xã",
        );
    }

    #[test]
    fn issuer_codes_are_repaired_in_restored_text_only() {
        let text = "Thực hiện Quy định số 144-Qb/TW, Quyết định số 81-QPB/TU và Kết luận số 21-KL/ITW.";
        check(text, "144-Qb/TW | Quy định | - | -\n81-QPB/TU | Quyết định | - | -\n21-KL/ITW | Kết luận | - | -");
        let mut doc = crate::document_from_text("t.txt", text);
        doc.source.restored = true;
        check_doc(
            doc,
            text,
            "144-QĐ/TW | Quy định | - | -\n81-QĐ/TU | Quyết định | - | -\n21-KL/TW | Kết luận | - | -",
        );
    }
}
