//! Citations (văn bản được viện dẫn): "Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị".

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use theodoi_core::{Citation, Document};
use theodoi_text::{find_dates, fold_fast as fold};

use crate::units::Unit;

const KINDS: &str = "Nghị quyết|Nghị Quyết|Chỉ thị|Kết luận|Quy định|Quyết định|Kế hoạch|Thông tri|Hướng dẫn|Công văn|Chương trình|Nghị định|Thông tư|Thông báo|Báo cáo|Đề án|Luật|Hiến pháp|Quy chế";

/// Party form "57-NQ/TW", state forms "1669/NQ-UBTVQH15", "178/2024/NĐ-CP"; spaces
/// and line breaks may sit around the separators ("21 - KL/TW", "1669/NQ-\nUBTVQH15").
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<num>
          \d{1,5}\s?-\s?[A-ZĐ][A-Za-zĐđ]{0,5}\s?/\s?[A-ZĐ][A-Za-zĐđ0-9]{0,10}(?:-[A-ZĐ][A-Za-zĐđ0-9]{0,10})?
        | \d{1,5}\s?/\s?(?:\d{4}\s?/\s?)?[A-ZĐ][A-Za-zĐđ]{0,5}\s?-\s?[A-ZĐ][A-Za-zĐđ0-9]{0,12}(?:\s?-\s?[A-ZĐ][A-Za-zĐđ0-9]{1,12})*
        | \d{1,5}\s?-\s?(?:NQ|CT|KL|QĐ|KH|HD|TB|BC|CV|TT)\s?-\s?(?:TW|TU|ĐU|DU)\b
        )",
    )
    .expect("static regex")
});

static KIND_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)({KINDS})\s*(?:số\s*)?$")).expect("static regex"));

/// Kind from the number's code when the text does not name it.
fn kind_from_code(num: &str) -> Option<&'static str> {
    let code = if let Some((_, r)) = num.split_once('-') {
        // party: 57-NQ/TW → NQ ; state: 1669/NQ-UBTVQH15 handled below
        if num.find('-') < num.find('/') {
            r.split('/').next().unwrap_or("")
        } else {
            num.rsplit('/').next().and_then(|s| s.split('-').next()).unwrap_or("")
        }
    } else {
        ""
    };
    Some(match code.to_uppercase().as_str() {
        "NQ" => "Nghị quyết",
        "CT" => "Chỉ thị",
        "KL" => "Kết luận",
        "QĐ" | "QD" => "Quyết định",
        "KH" => "Kế hoạch",
        "TT" => "Thông tri",
        "HD" | "HĐ" => "Hướng dẫn",
        "CV" => "Công văn",
        "CTR" => "Chương trình",
        "NĐ" | "ND" => "Nghị định",
        "TB" => "Thông báo",
        "BC" => "Báo cáo",
        "ĐA" | "DA" => "Đề án",
        "QC" => "Quy chế",
        _ => return None,
    })
}

/// Normalise a number: drop spaces ("21 - KL/TW" → "21-KL/TW"), and undo OCR's
/// reading of "Đ" as "B"/"P"/"D" in a code that is otherwise unknown ("144-QB/TW" →
/// "144-QĐ/TW", "02-KH/PU" → "02-KH/ĐU").
fn normalise(num: &str) -> String {
    let mut n: String = num.chars().filter(|c| !c.is_whitespace()).collect();
    // "34-KH-ĐU": the party form typed with "-" for "/"
    if !n.contains('/') {
        if let Some(p) = n.rfind('-') {
            n.replace_range(p..p + 1, "/");
        }
    }
    const KNOWN: &[&str] = &[
        "QĐ", "ĐU", "NĐ", "HĐND", "BCĐ", "ĐA", "HĐ", "BCĐTW", "BCSĐ", "BCS", "HU", "QU", "ĐUK", "VPTW", "BTGTW",
        "BDVTW", "BTCTW", "BNCTW", "TTHĐND", "ĐTN", "LĐLĐ", "TTg",
    ];
    let known = |c: &str| KNOWN.contains(&c) || kind_code_known(c);
    // one misread "Đ" → "B"/"P"/"D"
    let with_dd = |code: &str| -> Option<String> {
        code.char_indices().filter(|(_, c)| matches!(c, 'B' | 'P' | 'D')).find_map(|(i, c)| {
            let cand = format!("{}Đ{}", &code[..i], &code[i + c.len_utf8()..]);
            KNOWN.contains(&cand.as_str()).then_some(cand)
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

fn kind_code_known(code: &str) -> bool {
    matches!(
        code,
        "NQ" | "CT"
            | "KL"
            | "KH"
            | "TT"
            | "HD"
            | "CV"
            | "CTr"
            | "TB"
            | "BC"
            | "QC"
            | "TW"
            | "TU"
            | "DU"
            | "CP"
            | "TTg"
            | "UBND"
            | "BTC"
            | "BCH"
            | "MTTQ"
            | "BTT"
    ) || code.starts_with("UB")
}

/// Canonical case for a kind as written ("Nghị Quyết" → "Nghị quyết").
fn canon_kind(k: &str) -> String {
    let f = fold(k);
    for kind in KINDS.split('|') {
        if fold(kind) == f {
            let mut c = kind.chars();
            let first: String = c.next().map(|x| x.to_uppercase().collect()).unwrap_or_default();
            return first + &c.as_str().to_lowercase();
        }
    }
    k.to_string()
}

/// Kind words (folded) that may follow "và" to chain two citations.
const KIND_AFTER_VA: &[&str] = &[
    "nghi quyet",
    "chi thi",
    "ket luan",
    "quy dinh",
    "quyet dinh",
    "ke hoach",
    "thong tri",
    "huong dan",
    "cong van",
    "chuong trinh",
    "nghi dinh",
    "thong bao",
];

/// Words that open an issuer ("của Bộ Chính trị", or directly "Hội nghị Trung ương 4").
const ISSUER_HEADS: &[&str] = &[
    "bo chinh tri",
    "ban bi thu",
    "ban chap hanh",
    "ban thuong vu",
    "thuong truc",
    "thanh uy",
    "tinh uy",
    "dang uy",
    "ban thuong vu",
    "hoi nghi",
    "trung uong",
    "chinh phu",
    "thu tuong",
    "quoc hoi",
    "uy ban",
    "hoi dong nhan dan",
    "hdnd",
    "ubnd",
    "bo ",
    "ban ",
    "so ",
    "tong bi thu",
    "chu tich",
    "van phong",
    "ban to chuc",
    "ban tuyen giao",
    "ban dan van",
    "ban noi chinh",
    "uy ban kiem tra",
    "dang bo",
    "chi bo",
];

fn issuer_after(rest: &str) -> Option<String> {
    // an issuer is a few words: look no further than 160 bytes
    let rest = crate::units::slice_chars(rest, 0, 160);
    let r = rest.trim_start_matches([',', ' ']);
    let f = fold(r);
    // after a comma only "của …" names the issuer: ", Ban Thường vụ … chỉ đạo" starts a new clause
    if rest.trim_start().starts_with(',') && !f.starts_with("cua ") {
        return None;
    }
    let (r, f) = if f.starts_with("cua ") {
        let cut = r.char_indices().nth(4).map(|(i, _)| i).unwrap_or(r.len());
        (&r[cut..], f[4..].to_string())
    } else {
        (r, f)
    };
    if !ISSUER_HEADS.iter().any(|h| f.starts_with(h)) {
        return None;
    }
    // stop at the subject ("về …"), a clause break, or another citation
    let stops = [
        " về ",
        " V/v",
        " v/v",
        ",",
        ";",
        ".",
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
        " quy định ",
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
    ];
    let mut end = r.len().min(120);
    while !r.is_char_boundary(end) {
        end -= 1;
    }
    for s in stops {
        if let Some(p) = r[..end].find(s) {
            if p > 0 {
                end = end.min(p);
            }
        }
    }
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
    let mut iss = r[..end].trim().trim_end_matches([',', ';', ':', ')']).trim().to_string();
    // a plenum is named with its term: "Hội nghị Trung ương 4 (khoá XIII)"
    if fold(&iss).starts_with("hoi nghi") {
        let after = r[end..].trim_start();
        if fold(after).starts_with("(khoa") {
            if let Some(close) = after.find(')') {
                iss = format!("{} {}", iss, &after[..=close]);
            }
        }
    }
    let iss = iss.as_str();
    if iss.chars().count() < 3 {
        None
    } else {
        Some(iss.to_string())
    }
}

/// Every numbered citation, one per distinct number, all occurrences as evidence.
pub(crate) fn citations(doc: &Document, units: &[Unit]) -> Vec<Citation> {
    let mut out: Vec<Citation> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for u in units {
        let t = &u.text;
        // "Quy định số 361-QĐ/TW và Quy định số 362-QĐ/TW … của Ban Bí thư": citations joined
        // by "và" before one "của …" share that issuer
        let mut pending: Vec<usize> = Vec::new();
        for m in NUMBER.captures_iter(t) {
            let Some(g) = m.name("num") else { continue };
            // glued to letters on the left ("ABC12-NQ/TW") → not a number
            if t[..g.start()].chars().last().is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let num = normalise(g.as_str());
            // need a kind word before, or "số" before, or a known code
            let before = &t[..g.start()];
            let bstart = before.char_indices().rev().nth(24).map(|(i, _)| i).unwrap_or(0);
            let kind_written =
                KIND_BEFORE.captures(&before[bstart..]).and_then(|c| c.get(1)).map(|k| canon_kind(k.as_str()));
            let kind = kind_written.clone().or_else(|| kind_from_code(&num).map(str::to_string));
            if kind.is_none() {
                continue;
            }
            let ev_start = match KIND_BEFORE.find(&before[bstart..]) {
                Some(k) => bstart + k.start(),
                None => g.start(),
            };
            let after = &t[g.end()..];
            // date: ", ngày 22/12/2024" right after the number
            let mut date = None;
            let mut consumed = 0;
            let head: String = after.chars().take(24).collect();
            if let Some(d) = find_dates(&head).into_iter().next() {
                let pre = fold(&head[..d.start]);
                let pre = pre.trim().trim_start_matches(',').trim();
                if pre.is_empty() || pre == "ngay" || pre == ", ngay" {
                    date = Some(d.iso);
                    consumed = d.end;
                }
            }
            let issuer = issuer_after(&after[consumed..]);
            let chained = {
                let f = fold(crate::units::slice_chars(after, consumed, consumed + 40));
                let f = f.trim_start_matches([',', ' ']);
                f.starts_with("va ") && KIND_AFTER_VA.iter().any(|k| f[3..].starts_with(k))
            };
            let ev_end = (g.end() + consumed).min(t.len());
            let ev = u.evidence(doc, ev_start, ev_end);
            let key = fold(&num).replace('.', "").to_uppercase();
            let this = index.get(&key).copied().unwrap_or(out.len());
            if let Some(iss) = &issuer {
                for &i in &pending {
                    if let Some(c) = out.get_mut(i) {
                        if c.issuer.is_none() {
                            c.issuer = Some(iss.clone());
                        }
                    }
                }
                pending.clear();
            } else if !chained {
                pending.clear();
            }
            if issuer.is_none() && chained {
                pending.push(this);
            }
            match index.get(&key) {
                Some(&i) => {
                    let c = &mut out[i];
                    if c.date.is_none() {
                        c.date = date;
                    }
                    if c.issuer.is_none() {
                        c.issuer = issuer;
                    }
                    if c.kind.is_none() {
                        c.kind = kind;
                    }
                    c.evidence.push(ev);
                }
                None => {
                    index.insert(key, out.len());
                    out.push(Citation { number: num, kind, date, issuer, evidence: vec![ev] });
                }
            }
        }
    }
    out
}
