//! Organisation facts (diện tích, dân số, tổ chức đảng, đảng viên, đại biểu, cấp ủy)
//! and declared counts ("27 chỉ tiêu", "hoàn thành 21/23 chỉ tiêu … 06/21 vượt").

use std::sync::LazyLock;

use regex::Regex;
use theodoi_core::{DeclaredCount, Document, Fact};
use theodoi_text::{find_dates, fold_fast as fold, fold_map, parse_number};

use crate::units::Unit;

const N: &str = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)";

/// (fact key, pattern); group `n` is the number. Patterns are matched on the
/// folded, lower-cased unit text (đ→d, marks dropped) so "Uỷ/Ủy", "đảng/Đảng" agree.
static RULES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    let r = |key: &'static str, p: &str| (key, Regex::new(&p.replace("N", N)).expect("static regex"));
    vec![
        r("area_km2", r"dien tich(?: tu nhien)?(?: (?:la|khoang|hon|gan|rong))? ?:? ?N ?km"),
        r("population", r"dan so[^.;:]{0,40}?(?: la| khoang| hon| gan| co)? ?:? N (?:nguoi|nhan khau)"),
        r("population", r"dan so[^.;:]{0,40}? N nhan khau"),
        r("residential_groups", r"\bN to dan pho\b"),
        r("party_orgs", r"(?:gom|co|voi|la|tong so|tai) N (?:to chuc (?:co so )?dang|chi,? dang bo) truc thuoc"),
        r("grassroots_party_committees", r"(?:\(|, |: |gom |co )N dang bo co so"),
        r("grassroots_party_cells", r"(?:\(|, |gom |co )N chi bo co so"),
        r("subordinate_party_cells", r"(?:\(|, |gom |co |va )N chi bo truc thuoc"),
        r("party_members", r"(?:voi|co|gom|tong so|tong so dang vien(?: la)?:?|la) N dang vien"),
        // "… tổ chức đảng trực thuộc với 1.552 đảng viên", whatever OCR made of "với"
        r("party_members", r"truc thuoc,? (?:\w+ )?N dang vien"),
        r("party_members", r"to chuc dang, N dang vien"),
        r("delegates", r"tong so dai bieu[^:;.]{0,80}: N dai bieu"),
        r("delegates", r"(?:trieu tap|tham du) N dai bieu"),
        r("delegates", r"tong so N dai bieu chinh thuc"),
        r("population", r"tong so dan(?: la)?:? N (?:nguoi|nhan khau)"),
        r("party_orgs", r"(?:gom|co|voi|la|tong so) N (?:dang bo, chi bo|chi bo, dang bo)"),
        r("delegates_ex_officio", r"N dai bieu duong nhien"),
        r("delegates_appointed", r"N dai bieu (?:duoc )?chi dinh"),
        r("executive_committee_size", r"(?:chi dinh|bau) ban chap hanh[^.;:]{0,40}? N dong chi"),
        r("standing_committee_size", r"(?:chi dinh|bau|,) ban thuong vu[^.;:]{0,40}? N dong chi"),
        r("delegates_to_city_congress", r"N dai bieu chinh thuc"),
        r("alternate_delegates_to_city_congress", r"N dai bieu du khuyet"),
        r("delegates_ex_officio", r"dai bieu duong nhien:? N"),
        r("delegates_appointed", r"dai bieu (?:duoc )?chi dinh:? N"),
        r("delegates_present", r"dai bieu[^.;]{0,40}co mat[^.;]{0,60}?N/N dai bieu"),
        r("delegates_present", r"co mat:? N dai bieu"),
        r("delegates_present", r"N dai bieu co mat"),
        r("executive_committee_size", r"N dong chi (?:tham gia|vao) ban chap hanh"),
        r("executive_committee_size", r"ban chap hanh[^.;]{0,40}(?:gom|co|la) N dong chi"),
        r("standing_committee_size", r"N dong chi (?:la )?uy vien ban thuong vu"),
        r("standing_committee_size", r"ban thuong vu[^.;]{0,40}(?:gom|co|la) N dong chi"),
        r("deputy_secretaries", r"N (?:dong chi )?pho bi thu"),
        r("delegates_to_city_congress", r"N dong chi dai bieu chinh thuc"),
        r("alternate_delegates_to_city_congress", r"N dong chi dai bieu du khuyet"),
        r("hdnd_delegates", r"N dai bieu (?:hdnd|hoi dong nhan dan)"),
        r("hdnd_delegates", r"(?:hdnd|hoi dong nhan dan) (?:phuong|xa)[^.;:]{0,60}?(?:tong so|gom|co) N dai bieu"),
        r("mttq_committee_members", r"uy ban (?:mttq|mat tran)[^.;]{0,40}(?:gom|co) N (?:thanh vien|uy vien)"),
        r("mttq_committee_members", r"N uy vien uy ban (?:mttq|mat tran)"),
    ]
});

/// "tính đến ngày 30/6/2025", "tính đến tháng 12/2025", "(đến 01/7/2025)" in the sentence.
fn as_of(sentence: &str) -> Option<String> {
    let f = fold(sentence);
    // "tính đến", else a dated "đến ngày …" / "(đến tháng …)" ("từ … đến nay" has no date and gives none)
    let p = [
        "tinh den",
        "tinh toi",
        "thoi diem",
        "den ngay ",
        "(den ",
        "den thang ",
        "den dau thang ",
        "den cuoi thang ",
        "den het thang ",
        "den het ngay ",
    ]
    .iter()
    .filter_map(|k| {
        let p = f.find(k)?;
        // "từ ngày 14/8 đến ngày 15/8" is a period, not the date of a figure
        let before = crate::units::slice_chars(&f, p.saturating_sub(30), p);
        (k.starts_with("tinh") || *k == "thoi diem" || !(before.contains("tu ngay") || before.contains("tu ")))
            .then_some(p)
    })
    .min()?;
    let rest: String = sentence.chars().skip(p).take(60).collect();
    if let Some(d) = find_dates(&rest).into_iter().next() {
        return Some(d.iso);
    }
    let fr = fold(&rest);
    let t = fr.find("thang ")?;
    let tail = &fr[t + 6..];
    let digits: String = tail.chars().take_while(|c| c.is_ascii_digit() || *c == '/').collect();
    let (m, y) = digits.split_once('/')?;
    let m: u32 = m.parse().ok()?;
    let y: u32 = y.parse().ok()?;
    ((1..=12).contains(&m) && y > 1900).then(|| format!("{y:04}-{m:02}"))
}

/// The sentence around a byte offset: from the last ". "/"; " before it to the next
/// one after it (a thousands dot "2.846" has no space after it, so it is not an end).
pub(crate) fn sentence_of(t: &str, a: usize) -> &str {
    let a = a.min(t.len());
    let s = [". ", "; "].iter().filter_map(|p| t[..a].rfind(p).map(|x| x + 2)).max().unwrap_or(0);
    let e = [". ", "; "].iter().filter_map(|p| t[a..].find(p).map(|x| a + x)).min().unwrap_or(t.len());
    t.get(s..e.max(s)).unwrap_or("")
}

/// Organisation facts, one per (fact, value).
pub(crate) fn facts(doc: &Document, units: &[Unit]) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    for u in units {
        // most units state no figure about the organisation: skip them cheaply
        let uf = &u.folded;
        if !uf.bytes().any(|b| b.is_ascii_digit())
            || ![
                "dan so",
                "so dan",
                "dien tich",
                "to dan pho",
                "dang vien",
                "dai bieu",
                "dong chi",
                "chi bo",
                "dang bo",
                "to chuc",
                "uy vien",
                "pho bi thu",
            ]
            .iter()
            .any(|k| uf.contains(k))
        {
            continue;
        }
        let (f, map) = fold_map(&u.text);
        for (key, re) in RULES.iter() {
            for c in re.captures_iter(&f) {
                let (Some(all), Some(g)) = (c.get(0), c.get(1)) else { continue };
                let Some(v) = parse_number(g.as_str()) else { continue };
                let a = map[all.start()];
                let b = map[all.end().min(map.len() - 1)];
                let sent = sentence_of(&u.text, a);
                let fs = fold(sent);
                // congress-held counts, admissions and the like are not the org's size
                if matches!(
                    *key,
                    "subordinate_party_cells"
                        | "grassroots_party_cells"
                        | "grassroots_party_committees"
                        | "party_orgs"
                        | "residential_groups"
                ) && (fs.contains("dai hoi") || fs.contains("ket nap"))
                {
                    continue;
                }
                if *key == "party_members"
                    && (fs.contains("ket nap") || fs.contains("phat trien") || fs.contains("dang vien moi"))
                {
                    continue;
                }
                // "xây dựng từ 26 tổ dân phố trở lên …" is a goal, not a count
                let around = crate::units::slice_chars(&f, all.start().saturating_sub(4), all.end() + 9);
                if *key == "residential_groups"
                    && (around.starts_with("tu ") || around.contains(" tu ") || around.ends_with("tro len"))
                {
                    continue;
                }
                // committees of the Youth Union, Women's Union … are not the Party committee's
                const MASS_ORGS: &[&str] = &[
                    "doan tncs",
                    "thanh doan",
                    "doan thanh nien",
                    "hoi lien hiep",
                    "hoi lhpn",
                    "hoi phu nu",
                    "hoi cuu chien binh",
                    "hoi nong dan",
                    "cong doan",
                    "mat tran",
                    "mttq",
                    "doan phuong",
                ];
                // the delegation to the city congress is named with the city's congress
                if matches!(*key, "delegates_to_city_congress" | "alternate_delegates_to_city_congress")
                    && !(fs.contains("thanh pho") || fs.contains("cap tren") || fs.contains("tinh"))
                {
                    continue;
                }
                if *key == "delegates_to_city_congress" && f[..all.start()].trim_end().ends_with("tong so") {
                    continue;
                }
                if matches!(
                    *key,
                    "executive_committee_size"
                        | "standing_committee_size"
                        | "deputy_secretaries"
                        | "delegates_to_city_congress"
                        | "alternate_delegates_to_city_congress"
                        | "delegates"
                        | "delegates_ex_officio"
                        | "delegates_appointed"
                        | "delegates_present"
                ) && MASS_ORGS.iter().any(|m| fs.contains(m))
                {
                    continue;
                }
                if out.iter().any(|x| x.fact == *key && (x.value - v).abs() < 1e-9) {
                    continue;
                }
                out.push(Fact {
                    fact: key.to_string(),
                    value: v,
                    as_of: as_of(sent),
                    unit_org: None,
                    evidence: u.evidence(doc, a, b),
                });
            }
        }
    }
    out
}

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(la|gom|co|hoan thanh|dat|vuot|trong do(?: co)?|voi|xac dinh):? )?(\d{1,3})(?:/(\d{1,3}))? ?(vuot |dat |khong dat |chua dat )?chi tieu").expect("static regex")
});

/// Counts the document declares about its own targets.
pub(crate) fn declared_counts(doc: &Document, units: &[Unit]) -> Vec<DeclaredCount> {
    let mut out = Vec::new();
    // the term last named before a count ("Nhiệm kỳ 2020 - 2025, … hoàn thành 21/23 chỉ tiêu")
    let mut last_term: Option<(u16, u16)> = None;
    for u in units {
        if u.folded.contains("nhiem ky") || u.folded.contains("giai doan") {
            if let Some(t) = theodoi_text::find_term(&u.text) {
                last_term = Some(t);
            }
        }
        if !u.folded.contains("chi tieu") {
            continue;
        }
        let (f, map) = fold_map(&u.text);
        for c in COUNT.captures_iter(&f) {
            let (Some(all), Some(n)) = (c.get(0), c.get(2)) else { continue };
            let mut lead = c.get(1).map(|m| m.as_str());
            let of = c.get(3).and_then(|m| parse_number(m.as_str()));
            let follows = f[all.end()..].trim_start();
            // the verdict may follow: "20/23 chỉ tiêu đạt và vượt", "3 chỉ tiêu không đạt"
            let after = [
                ("dat va vuot", "dat"),
                ("khong dat", "khong dat"),
                ("chua dat", "chua dat"),
                ("khong hoan thanh", "khong dat"),
                ("dat", "dat"),
                ("vuot", "vuot"),
            ]
            .iter()
            .find(|(w, _)| {
                follows.starts_with(w) && follows[w.len()..].chars().next().is_none_or(|ch| !ch.is_alphanumeric())
            })
            .map(|(_, v)| *v);
            let verdict = c.get(4).map(|m| m.as_str().trim()).or(after);
            // "đạt và vượt 18/20 chỉ tiêu": met or better
            if lead == Some("vuot") && f[..all.start()].trim_end().ends_with("dat va") {
                lead = Some("dat");
            }
            // a bare "5 chỉ tiêu" needs a counting word; "100% chỉ tiêu" never matches (no %)
            // … or a breakdown right after it ("27 chỉ tiêu, trong đó: …"), or a field ("6 chỉ tiêu về kinh tế")
            let breakdown =
                follows.starts_with(", trong do") || follows.starts_with("trong do") || follows.starts_with(':');
            let field = follows.starts_with("ve ") && f[..all.start()].trim_end().ends_with([',', ':', ';']);
            if lead.is_none() && of.is_none() && verdict.is_none() && !breakdown && !field {
                continue;
            }
            // "N chỉ tiêu" inside a sentence about giving targets to units is not a declaration
            let Some(v) = parse_number(n.as_str()) else { continue };
            let a = map[all.start()];
            let b = map[all.end().min(map.len() - 1)];
            // the field of a count is named in its own clause ("…, 6 chỉ tiêu về kinh tế"),
            // not in the breakdown that follows it
            let clause_start = f[..all.start()].rfind([',', ':', ';']).map(|p| p + 1).unwrap_or(0);
            let clause_end = f[all.end()..].find([',', ':', ';']).map(|p| all.end() + p).unwrap_or(f.len());
            let sent = {
                let clause = crate::units::slice_chars(&f, clause_start, clause_end);
                let whole = sentence_of(&u.text, a);
                let ws = whole.as_ptr() as usize - u.text.as_ptr() as usize;
                // else the sentence up to the count ("Các chỉ tiêu về cải cách hành chính, đổi mới … gồm 4 chỉ tiêu")
                let upto = fold(crate::units::slice_chars(&u.text, ws, b));
                if clause.contains(" ve ") && crate::targets::category_of(clause).is_some() {
                    clause.to_string()
                } else {
                    upto
                }
            };
            let term = theodoi_text::find_term(&u.text).or(last_term);
            let term = term.map(|(x, y)| format!("_{x}_{y}")).unwrap_or_default();
            let what = match (lead, verdict, of) {
                (_, Some("vuot"), _) | (Some("vuot"), None, _) => format!("results_exceeded{term}"),
                (_, Some("khong dat" | "chua dat"), _) => format!("results_not_met{term}"),
                (Some("hoan thanh" | "dat"), _, _) | (_, Some("dat"), _) => format!("results_met{term}"),
                _ => {
                    let cat = crate::targets::category_of(&sent);
                    if sent.contains(" ve ") && cat.is_some() {
                        format!("targets{term}_{}", cat.unwrap_or("other"))
                    } else {
                        format!("targets{term}")
                    }
                }
            };
            out.push(DeclaredCount { what, value: v, of, evidence: u.evidence(doc, a, b) });
        }
    }
    out
}
