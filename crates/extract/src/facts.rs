//! Organisation facts (diện tích, dân số, tổ chức đảng, đảng viên, đại biểu, cấp ủy)
//! and declared counts ("27 chỉ tiêu", "hoàn thành 21/23 chỉ tiêu … 06/21 vượt").

use std::sync::LazyLock;

use regex::Regex;
use theodoi_core::{DeclaredCount, Document, Fact};
use theodoi_text::{find_dates, fold_fast as fold, fold_map, parse_number};

use crate::units::Unit;

const N: &str = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)";

/// "27 (hai mươi bảy) đồng chí": a figure may be restated in words before its noun.
const DC: &str = r"(?:\([^)]{1,40}\) ?)?dong chi";

/// Residential units of a commune or ward (Luật Tổ chức chính quyền địa phương and the
/// Ministry of Home Affairs' rules on thôn, tổ dân phố): thôn, ấp, bản, buôn, làng, sóc,
/// khóm, tổ dân phố, khu phố, khu dân cư.
const RES: &str = r"(?:thon|ap|ban|buon|lang|soc|khom|to dan pho|khu pho|khu dan cu)\b(?:, (?:ban|lang|buon|ap)\b)?";

/// (fact key, pattern, group of the value). Patterns are matched on the folded, lower-cased
/// unit text (đ→d, marks dropped) so "Uỷ/Ủy", "đảng/Đảng" agree; `N` is a number, `DC` is
/// "đồng chí" with an optional figure in words before it, `RES` a residential unit. The
/// phrases are those of congress reports, political reports and results notices.
static RULES: LazyLock<Vec<(&'static str, Regex, usize)>> = LazyLock::new(|| {
    let g = |key: &'static str, p: &str, group: usize| {
        (key, Regex::new(&p.replace("DC", DC).replace("RES", RES).replace("N", N)).expect("static regex"), group)
    };
    let r = |key: &'static str, p: &str| g(key, p, 1);
    vec![
        r("area_km2", r"dien tich(?: tu nhien)?(?: (?:la|khoang|hon|gan|rong))? ?:? ?N ?km"),
        r("population", r"dan so[^.;:]{0,40}?(?: la| khoang| hon| gan| co)? ?:? N (?:nguoi|nhan khau)"),
        r("population", r"dan so[^.;:]{0,40}? N nhan khau"),
        r("population", r"(?:voi|,|gom|co) N (?:nhan )?khau\b"),
        r("residential_groups", r"\bN to dan pho\b"),
        r("residential_groups", r"(?:gom|co|chia thanh|tai|voi|,) N RES"),
        r("party_orgs", r"(?:gom|co|voi|la|tong so|tai|cua) N (?:to chuc (?:co so )?dang|chi,? dang bo) truc thuoc"),
        r("party_orgs", r"(?:\bco|gom|tong so|voi) N to chuc (?:co so )?dang\b"),
        r("grassroots_party_committees", r"(?:\(|, |: |gom |co )N dang bo co so"),
        r("grassroots_party_cells", r"(?:\(|, |gom |co )N chi bo co so"),
        r("subordinate_party_cells", r"(?:\(|, |gom |co |va )N chi bo truc thuoc"),
        r(
            "party_members",
            r"(?:voi|co|gom|tong so|tong so dang vien(?: la)?:?|la|thay mat cho|dai dien cho) N dang vien",
        ),
        // "… tổ chức đảng trực thuộc với 1.552 đảng viên", whatever OCR made of "với"
        r("party_members", r"truc thuoc,? (?:\w+ )?N dang vien"),
        r("party_members", r"to chuc dang, N dang vien"),
        r("party_members", r"tong so dang vien(?: hien nay| cua dang bo| cua chi bo| toan dang bo)?(?: la|:) N\b"),
        r("delegates", r"tong so dai bieu[^:;.]{0,80}: N dai bieu"),
        r("delegates", r"tong so dai bieu (?:chinh thuc )?(?:duoc )?(?:trieu tap|tham du)(?: dai hoi)?(?: la|:) N"),
        r("delegates", r"(?:trieu tap|tham du) N dai bieu"),
        r("delegates", r"N dai bieu (?:chinh thuc )?(?:duoc )?trieu tap"),
        r("delegates", r"tong so N dai bieu chinh thuc"),
        r("delegates", r"du dai hoi (?:co|gom) N dai bieu"),
        r("delegates", r"dai bieu (?:duoc )?trieu tap(?: la|:)? N\b"),
        // "Đại hội … có 198 đại biểu chính thức" (not a delegation it elects: see the checks below)
        r("delegates", r"dai hoi[^.;]{0,60}? co N dai bieu(?: chinh thuc)?\b"),
        r("population", r"tong so dan(?: la)?:? N (?:nguoi|nhan khau)"),
        r("party_orgs", r"(?:gom|co|voi|la|tong so|cua) N (?:dang bo, chi bo|chi bo, dang bo)"),
        r("delegates_ex_officio", r"N dai bieu duong nhien"),
        r("delegates_appointed", r"N dai bieu (?:duoc )?chi dinh"),
        // "bầu Ban Chấp hành Đảng bộ phường khóa I, nhiệm kỳ 2025 - 2030 gồm 31 đồng chí": the
        // committee's name and term may run long before its size
        r("executive_committee_size", r"(?:chi dinh|bau) ban chap hanh[^.;:]{0,60}? N DC"),
        r("standing_committee_size", r"(?:chi dinh|bau|,) ban thuong vu[^.;:]{0,40}? N DC"),
        r("delegates_to_city_congress", r"N dai bieu chinh thuc"),
        r("alternate_delegates_to_city_congress", r"N dai bieu du khuyet"),
        r("delegates_ex_officio", r"dai bieu duong nhien:? N"),
        r("delegates_ex_officio", r"dai bieu duong nhien[^.;:\d]{0,80}?N DC"),
        r("delegates_appointed", r"dai bieu (?:duoc )?chi dinh:? N"),
        r("delegates_present", r"dai bieu[^.;]{0,40}co mat[^.;]{0,60}?N/N dai bieu"),
        r("delegates_present", r"dai bieu co mat(?: la)?:? N(?:/N)? (?:dai bieu|DC)"),
        r("delegates_present", r"co mat:? N (?:dai bieu|DC)"),
        r("delegates_present", r"co mat:? N/N (?:dai bieu|DC)"),
        r("delegates_present", r"N dai bieu co mat"),
        r("delegates_present", r"N/N dai bieu co mat"),
        r("executive_committee_size", r"N DC (?:tham gia|vao) ban chap hanh"),
        r("executive_committee_size", r"ban chap hanh[^.;]{0,60}(?:gom|co|la) N (?:DC|uy vien)"),
        r("standing_committee_size", r"N DC (?:la )?uy vien ban thuong vu"),
        r("standing_committee_size", r"ban thuong vu[^.;]{0,40}(?:gom|co|la) N (?:DC|uy vien)"),
        // "dự hội nghị có 10/11 đồng chí Ủy viên Ban Thường vụ": the committee's size is the second
        g("standing_committee_size", r"N/N DC (?:la )?uy vien ban thuong vu", 2),
        r("deputy_secretaries", r"N (?:dong chi )?pho bi thu"),
        r("deputy_secretaries", r"pho bi thu[^.;:()]{0,30}\(N dong chi\)"),
        r("delegates_to_city_congress", r"N dong chi dai bieu chinh thuc"),
        r("alternate_delegates_to_city_congress", r"N dong chi dai bieu du khuyet"),
        r("hdnd_delegates", r"N dai bieu (?:hdnd|hoi dong nhan dan)"),
        r("hdnd_delegates", r"(?:hdnd|hoi dong nhan dan) (?:phuong|xa)[^.;:]{0,60}?(?:tong so|gom|co) N dai bieu"),
        // "thông qua … với 39/41 đại biểu tán thành": the council's size is the second figure
        g("hdnd_delegates", r"N/N dai bieu (?:tan thanh|nhat tri|bieu quyet tan thanh)", 2),
        r("mttq_committee_members", r"uy ban (?:mttq|mat tran)[^.;]{0,40}(?:gom|co) N (?:thanh vien|uy vien)"),
        r("mttq_committee_members", r"N uy vien uy ban (?:mttq|mat tran)"),
    ]
});

/// The nouns every fact rule needs one of, as whole words ("thôn", not the "thon" of "thông"):
/// a unit without any is skipped before the rules run.
static FACT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:dan so|so dan|dien tich|to dan pho|khau|thon|ap|ban|khu pho|buon|lang|soc|khom|dang vien|dai bieu|dong chi|chi bo|dang bo|to chuc|uy vien|pho bi thu)\b",
    )
    .expect("static regex")
});

/// A residential count is the unit's make-up only in a sentence that describes the unit
/// (area, population, households) or lists it ("gồm", "chia thành"); "7/9 thôn đạt chuẩn",
/// "có thêm 04 tổ dân phố đạt chuẩn" are results.
const RES_CONTEXT: &[&str] = &["dien tich", "dan so", "nhan khau", " ho", "chia thanh", "gom ", "sinh song", "dia ban"];

/// Words after a count of party organisations that make it a result ("38 chi bộ trực thuộc
/// được xếp loại …", "12 tổ chức đảng đã tổ chức đại hội"), not the party's make-up.
const ORG_NOT_AFTER: &[&str] =
    &["duoc", "dat ", "hoan thanh", "xep loai", "bi ", "chua", "khong", "da ", "vi pham", "trong sach", "tham gia"];

/// Words after a residential count that make it a result or a goal, not the unit's make-up.
const RES_NOT_AFTER: &[&str] =
    &["dat", "duoc", "da ", "hoan thanh", "xay dung", "van hoa", "kieu mau", "nong thon", "tro len", "co "];

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
        if !uf.bytes().any(|b| b.is_ascii_digit()) || !FACT_WORDS.is_match(uf) {
            continue;
        }
        let (f, map) = fold_map(&u.text);
        for (key, re, group) in RULES.iter() {
            for c in re.captures_iter(&f) {
                let (Some(all), Some(g)) = (c.get(0), c.get(*group)) else { continue };
                let Some(v) = parse_number(g.as_str()) else { continue };
                let a = map[all.start()];
                let b = map[all.end().min(map.len() - 1)];
                let sent = sentence_of(&u.text, a);
                let fs = fold(sent);
                // congress-held counts ("45 chi bộ trực thuộc đã tổ chức đại hội"), admissions and
                // the like are not the org's size
                let after = crate::units::slice_chars(&f, all.end(), all.end() + 60);
                let before = f[..all.start()].trim_end();
                // attendance of a cell's regular meeting ("có mặt 21 đồng chí") is no congress's
                if *key == "delegates_present" && !(fs.contains("dai hoi") || fs.contains("dai bieu")) {
                    continue;
                }
                // "kiểm tra … đối với 02 đảng viên", "giám sát đối với 05 tổ chức đảng": whom the work
                // reached, not the unit's make-up
                if before.ends_with("doi") && f[all.start()..].starts_with("voi ") {
                    continue;
                }
                // "10/11 đồng chí": the first figure is a part of the second (rules that read the
                // second say so with their group)
                if *group == 1 && f[..g.start()].ends_with('/') {
                    continue;
                }
                if matches!(
                    *key,
                    "subordinate_party_cells" | "grassroots_party_cells" | "grassroots_party_committees" | "party_orgs"
                ) && ORG_NOT_AFTER.iter().any(|w| after.trim_start().starts_with(w))
                {
                    continue;
                }
                if matches!(
                    *key,
                    "subordinate_party_cells"
                        | "grassroots_party_cells"
                        | "grassroots_party_committees"
                        | "party_orgs"
                        | "residential_groups"
                ) && (after.contains("dai hoi") || fs.contains("ket nap"))
                {
                    continue;
                }
                // "…, trong đó có 05 đảng viên là đoàn viên": a part, not the whole
                if *key == "party_members"
                    && (fs.contains("ket nap")
                        || fs.contains("phat trien")
                        || fs.contains("dang vien moi")
                        || before.ends_with("trong do")
                        || before.ends_with("trong do co"))
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
                // "5/7 tổ dân phố đạt chuẩn", "có thêm 04 thôn": results, not the make-up
                if *key == "residential_groups" {
                    let lead = f[..g.start()].trim_end();
                    let next = after.trim_start();
                    if lead.ends_with('/')
                        || lead.ends_with("them")
                        || RES_NOT_AFTER.iter().any(|w| next.starts_with(w))
                        || !RES_CONTEXT.iter().any(|w| fs.contains(w))
                    {
                        continue;
                    }
                }
                // a delegation the congress elects or sends is not the congress's own delegates
                if *key == "delegates" {
                    let m = &f[all.start()..all.end()];
                    if m.contains(" bau ") || m.contains("doan dai bieu") || after.trim_start().starts_with("du khuyet")
                    {
                        continue;
                    }
                }
                // the council's vote is counted in a council's resolution only
                if *key == "hdnd_delegates"
                    && !(fs.contains("hoi dong nhan dan") || fs.contains("hdnd") || fs.contains("ky hop"))
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
                    "doan xa",
                    "ban chap hanh doan",
                ];
                // the delegation to the city congress is named with the city's congress
                if matches!(*key, "delegates_to_city_congress" | "alternate_delegates_to_city_congress")
                    && !(fs.contains("thanh pho") || fs.contains("cap tren") || fs.contains("tinh"))
                {
                    continue;
                }
                if *key == "delegates_to_city_congress"
                    && (before.ends_with("tong so") || after.trim_start().starts_with("duoc trieu tap"))
                {
                    continue;
                }
                // the committee named right around the figure, not anywhere in the sentence
                let from = crate::units::floor_char(&f, all.start().saturating_sub(50));
                let from = f[from..all.start()].rfind([',', ';']).map_or(from, |p| from + p + 1);
                let to = crate::units::floor_char(&f, (all.end() + 30).min(f.len()));
                let to = f[all.end()..to].find([',', ';', '.']).map_or(to, |p| all.end() + p);
                let near = &f[from..to];
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
                ) && MASS_ORGS.iter().any(|m| near.contains(m))
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
    // "Đảng bộ xã có 28 chi bộ trực thuộc": where the party is made of subordinate cells only,
    // they are all its party organisations
    let has = |k: &str| out.iter().any(|x| x.fact == k);
    if !has("party_orgs") && !has("grassroots_party_committees") && !has("grassroots_party_cells") {
        if let Some(c) = out.iter().find(|x| x.fact == "subordinate_party_cells").cloned() {
            out.push(Fact { fact: "party_orgs".to_string(), ..c });
        }
    }
    out
}

/// A declared count: "xác định 26 chỉ tiêu", "hoàn thành 18/20 chỉ tiêu", "(09 chỉ tiêu)",
/// "gồm 3 nhóm chỉ tiêu", "45 chỉ tiêu thành phần", "có 5 mục tiêu". Groups: 1 counting word,
/// 2 an opening bracket, 3 the count, 4 its total, 5 a verdict before the noun, 6 the noun,
/// 7 "thành phần".
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(la|gom|co|hoan thanh|dat|vuot muc|vuot|trong do(?: co)?|trong|tong so|voi|xac dinh|de ra|dat ra|thong qua|he thong|con):? |(\())?(\d{1,3})(?:/(\d{1,3}))? ?(vuot |dat |khong dat |chua dat )?(nhom chi tieu|chi tieu|muc tieu)( thanh phan)?",
    )
    .expect("static regex")
});

/// " và 03 chỉ tiêu": where the next count of a list begins.
static NEXT_COUNT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" va \d").expect("static regex"));

/// ", 02 không đạt" after a count: the rest of the same list, its noun left out.
static COUNT_REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[^,;.:]{0,40}?)[,;] ?(?:con |va )?(\d{1,3}) (khong dat|chua dat|khong hoan thanh|vuot|dat)\b")
        .expect("static regex")
});

/// Verdict words after a count, longest first (folded) → the verdict they give.
const VERDICT_AFTER: &[(&str, &str)] = &[
    ("dat va vuot", "dat"),
    ("khong dat", "khong dat"),
    ("chua dat", "chua dat"),
    ("khong hoan thanh", "khong dat"),
    ("chua hoan thanh", "chua dat"),
    ("hoan thanh", "dat"),
    ("dat", "dat"),
    ("vuot", "vuot"),
];

fn verdict_at(follows: &str) -> Option<&'static str> {
    let follows = follows.strip_prefix("da ").unwrap_or(follows);
    VERDICT_AFTER
        .iter()
        .find(|(w, _)| {
            follows.starts_with(w) && follows[w.len()..].chars().next().is_none_or(|ch| !ch.is_alphanumeric())
        })
        .map(|(_, v)| *v)
}

/// "năm 2025" in a sentence that names no term: the count is of that year.
fn year_of(sentence: &str) -> Option<u16> {
    let p = sentence.find("nam ")?;
    let y: String = sentence[p + 4..].chars().take_while(|c| c.is_ascii_digit()).collect();
    (y.len() == 4).then(|| y.parse::<u16>().ok()).flatten().filter(|y| (1990..2100).contains(y))
}

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
        if !u.folded.contains("chi tieu") && !u.folded.contains("muc tieu") {
            continue;
        }
        let (f, map) = fold_map(&u.text);
        for c in COUNT.captures_iter(&f) {
            let (Some(all), Some(n)) = (c.get(0), c.get(3)) else { continue };
            // "2025 chỉ tiêu" is no count; "1,5 chỉ tiêu" neither
            if f[..n.start()].ends_with(|ch: char| ch.is_ascii_digit() || ch == ',' || ch == '.') {
                continue;
            }
            let mut lead = c.get(1).map(|m| m.as_str());
            let bracket = c.get(2).is_some();
            let of = c.get(4).and_then(|m| parse_number(m.as_str()));
            let noun = c.get(6).map(|m| m.as_str()).unwrap_or("chi tieu");
            let parts = c.get(7).is_some();
            let follows = f[all.end()..].trim_start();
            // the verdict may follow: "20/23 chỉ tiêu đạt và vượt", "05 chỉ tiêu đã đạt", "3 chỉ tiêu không đạt"
            let verdict = c.get(5).map(|m| m.as_str().trim()).or_else(|| verdict_at(follows));
            // "đạt và vượt 18/20 chỉ tiêu", "hoàn thành vượt mức 22/25 chỉ tiêu": met or better
            if matches!(lead, Some("vuot" | "vuot muc"))
                && (f[..all.start()].trim_end().ends_with("dat va") || of.is_some())
            {
                lead = Some("dat");
            }
            // a bare "5 chỉ tiêu" needs a counting word; "100% chỉ tiêu" never matches (no %)
            // … or a breakdown right after it ("27 chỉ tiêu, trong đó: …"), or a field ("6 chỉ tiêu về kinh tế"),
            // or a heading's "(09 chỉ tiêu)"
            let breakdown =
                follows.starts_with(", trong do") || follows.starts_with("trong do") || follows.starts_with(':');
            let prev = f[..all.start()].trim_end();
            let field = follows.starts_with("ve ") && (prev.ends_with([',', ':', ';']) || prev.ends_with(" va"));
            let bracketed = bracket && follows.starts_with([')', ',', ':']);
            if bracket && !bracketed {
                continue;
            }
            // "mục tiêu" is counted only with a counting word ("gồm 3 mục tiêu"), never from a verdict
            if noun == "muc tieu" && lead.is_none() && !bracketed {
                continue;
            }
            if lead.is_none() && of.is_none() && verdict.is_none() && !breakdown && !field && !bracketed {
                continue;
            }
            let Some(v) = parse_number(n.as_str()) else { continue };
            let a = map[all.start()];
            let b = map[all.end().min(map.len() - 1)];
            // the field of a count is named in its own clause ("…, 6 chỉ tiêu về kinh tế"),
            // not in the breakdown that follows it
            let clause_start = f[..all.start()].rfind([',', ':', ';']).map(|p| p + 1).unwrap_or(0);
            // "05 chỉ tiêu về kinh tế và 03 chỉ tiêu về …": the next count ends the clause too
            let clause_end = f[all.end()..]
                .find([',', ':', ';'])
                .into_iter()
                .chain(NEXT_COUNT.find(&f[all.end()..]).map(|m| m.start()))
                .min()
                .map(|p| all.end() + p)
                .unwrap_or(f.len());
            let whole = fold(sentence_of(&u.text, a));
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
            // the term of the unit, else the year of the sentence ("Trong 22 chỉ tiêu … năm 2025"),
            // else the term named before
            let term = theodoi_text::find_term(&u.text)
                .map(|(x, y)| format!("_{x}_{y}"))
                .or_else(|| year_of(&whole).map(|y| format!("_{y}")))
                .or_else(|| last_term.map(|(x, y)| format!("_{x}_{y}")))
                .unwrap_or_default();
            let targets = || {
                let base = match (noun, parts) {
                    ("nhom chi tieu", _) => "target_groups",
                    (_, true) => "sub_targets",
                    ("muc tieu", _) => "objectives",
                    _ => "targets",
                };
                let cat = crate::targets::category_of(&sent);
                match cat {
                    Some(cat) if sent.contains(" ve ") && base == "targets" => format!("{base}{term}_{cat}"),
                    _ => format!("{base}{term}"),
                }
            };
            let what = match (lead, verdict, of) {
                (_, Some("vuot"), _) | (Some("vuot"), None, _) => format!("results_exceeded{term}"),
                (_, Some("khong dat" | "chua dat"), _) => format!("results_not_met{term}"),
                (Some("hoan thanh" | "dat"), _, _) | (_, Some("dat"), _) | (_, None, Some(_)) => {
                    format!("results_met{term}")
                }
                _ => targets(),
            };
            let met_of_all = what.starts_with("results_met");
            out.push(DeclaredCount { what, value: v, of, evidence: u.evidence(doc, a, b) });
            // "18/20 chỉ tiêu": 20 targets were set, 18 met (of an exceeded count, the total is the met)
            if let (Some(total), true) = (of, met_of_all) {
                let ev = u.evidence(doc, map[n.start()], b);
                out.push(DeclaredCount { what: targets(), value: total, of: None, evidence: ev });
            }
            // "15/17 chỉ tiêu đạt và vượt, 02 không đạt": the rest of the list without its noun
            if verdict.is_some() || of.is_some() {
                if let Some(r) = COUNT_REST.captures(&f[all.end()..]) {
                    let (Some(k), Some(w)) = (r.get(1), r.get(2)) else { continue };
                    // "…, 02 chỉ tiêu không đạt" is read by COUNT itself
                    if let Some(v) = parse_number(k.as_str()) {
                        let what = match verdict_at(w.as_str()) {
                            Some("vuot") => format!("results_exceeded{term}"),
                            Some("dat") => format!("results_met{term}"),
                            _ => format!("results_not_met{term}"),
                        };
                        let (ka, kb) = (all.end() + k.start(), all.end() + w.end());
                        out.push(DeclaredCount {
                            what,
                            value: v,
                            of: None,
                            evidence: u.evidence(doc, map[ka], map[kb.min(map.len() - 1)]),
                        });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// `input` → its core org facts, "fact=value" or "fact=value@as_of", sorted.
    fn facts(input: &str, expect: &[&str]) {
        let ex = crate::extract(&crate::document_from_text("t.txt", input));
        let mut got: Vec<String> = ex
            .facts
            .iter()
            .map(|f| match &f.as_of {
                Some(d) => format!("{}={}@{d}", f.fact, f.value),
                None => format!("{}={}", f.fact, f.value),
            })
            .collect();
        got.sort();
        let mut want: Vec<String> = expect.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "input: {input}");
    }

    /// `input` → its declared counts, "what=value", in order.
    fn counts(input: &str, expect: &[&str]) {
        let ex = crate::extract(&crate::document_from_text("t.txt", input));
        let got: Vec<String> = ex.declared_counts.iter().map(|d| format!("{}={}", d.what, d.value)).collect();
        assert_eq!(got, expect, "input: {input}");
    }

    #[test]
    fn congress_and_committee_facts() {
        for (input, expect) in [
            (
                "Về dự Đại hội có 187 đại biểu chính thức được triệu tập, thay mặt cho 2.415 đảng viên sinh hoạt tại 63 tổ chức đảng trực thuộc Đảng bộ phường.",
                &["delegates=187", "party_members=2415", "party_orgs=63"][..],
            ),
            (
                "Tổng số đại biểu được triệu tập là 176, có mặt 172 đồng chí (đạt 97,7%), vắng 04 đồng chí có lý do.",
                &["delegates=176", "delegates_present=172"],
            ),
            ("Số đại biểu có mặt là 150/152 đồng chí.", &["delegates_present=150"]),
            (
                "Trong đó, đại biểu đương nhiên là Ủy viên Ban Chấp hành lâm thời 21 đồng chí.",
                &["delegates_ex_officio=21"],
            ),
            ("Ban Chấp hành Đảng bộ xã nhiệm kỳ 2025 - 2030 gồm 25 (hai mươi lăm) đồng chí.", &["executive_committee_size=25"]),
            ("Ban Thường vụ Đảng ủy xã gồm 07 (bảy) đồng chí.", &["standing_committee_size=7"]),
            // news of a congress: the committee named with its term, the members represented
            (
                "Đại hội đã bầu Ban Chấp hành Đảng bộ xã khóa I, nhiệm kỳ 2025 - 2030 gồm 27 đồng chí.",
                &["executive_committee_size=27"],
            ),
            (
                "Dự Đại hội có 140 đại biểu chính thức, đại diện cho 1.210 đảng viên của 41 tổ chức cơ sở đảng trực thuộc.",
                &["delegates=140", "party_members=1210", "party_orgs=41"],
            ),
            ("Các Phó Bí thư Đảng ủy phường (02 đồng chí): đồng chí Lò Văn Tám, đồng chí Hà Thị Chín.", &["deputy_secretaries=2"]),
            (
                "Đại hội bầu Đoàn đại biểu dự Đại hội Đảng bộ tỉnh gồm 12 đại biểu chính thức, 02 đại biểu dự khuyết.",
                &["delegates_to_city_congress=12", "alternate_delegates_to_city_congress=2"],
            ),
            (
                "Dự hội nghị có 12/13 đồng chí Ủy viên Ban Thường vụ, đại diện Ủy ban MTTQ xã.",
                &["standing_committee_size=13"],
            ),
            (
                "Nghị quyết được Hội đồng nhân dân xã khóa I, kỳ họp thứ ba thông qua với 27/29 đại biểu tán thành.",
                &["hdnd_delegates=29"],
            ),
            ("Đại hội có 198/200 đại biểu có mặt.", &["delegates_present=198"]),
            ("Về dự Đại hội có 240 đại biểu, thay mặt cho 3.020 đảng viên.", &["delegates=240", "party_members=3020"]),
            ("Ban Thường vụ Đảng ủy phường gồm 11 ủy viên.", &["standing_committee_size=11"]),
            (
                "Đại hội đại biểu Đảng bộ xã lần thứ I có 164 đại biểu chính thức; số đại biểu triệu tập: 164, có mặt 160 đồng chí.",
                &["delegates=164", "delegates_present=160"],
            ),
            (
                "Đại hội đã bầu Đoàn đại biểu đi dự Đại hội Đảng bộ tỉnh có 9 đại biểu chính thức.",
                &["delegates_to_city_congress=9"],
            ),
            ("Tổng số đảng viên của Đảng bộ là 2.207 đồng chí.", &["party_members=2207"]),
            // a youth union's committee is not the Party committee
            ("Ban Chấp hành Đoàn xã gồm 15 đồng chí.", &[]),
        ] {
            facts(input, expect);
        }
    }

    #[test]
    fn the_unit_and_its_party_organisation() {
        for (input, expect) in [
            (
                "Xã có diện tích tự nhiên 95,3 km2, dân số 12.410 người, gồm 18 thôn, bản.",
                &["area_km2=95.3", "population=12410", "residential_groups=18"][..],
            ),
            ("Phường gồm 21 khu phố với 30.120 nhân khẩu.", &["residential_groups=21", "population=30120"]),
            ("Xã được chia thành 11 ấp với 4.020 hộ.", &["residential_groups=11"]),
            ("Xã có 14 bản với 2.310 hộ, 11.420 khẩu.", &["residential_groups=14", "population=11420"]),
            // cells only: they are all the party's organisations; the date governs the sentence
            (
                "Tính đến ngày 30/9/2025, Đảng bộ xã có 33 chi bộ trực thuộc với 905 đảng viên.",
                &[
                    "subordinate_party_cells=33@2025-09-30",
                    "party_orgs=33@2025-09-30",
                    "party_members=905@2025-09-30",
                ],
            ),
            (
                "Đảng bộ phường có 40 tổ chức đảng trực thuộc, gồm 03 đảng bộ cơ sở, 05 chi bộ cơ sở và 32 chi bộ trực thuộc, với 1.210 đảng viên (trong đó có 40 đảng viên dự bị).",
                &[
                    "party_orgs=40",
                    "grassroots_party_committees=3",
                    "grassroots_party_cells=5",
                    "subordinate_party_cells=32",
                    "party_members=1210",
                ],
            ),
            ("Đảng bộ phường có 57 tổ chức đảng, 1.650 đảng viên.", &["party_orgs=57", "party_members=1650"]),
            // results and parts are not the make-up
            ("Năm 2025 có 36 chi bộ trực thuộc được xếp loại hoàn thành tốt nhiệm vụ.", &[]),
            ("Ủy ban Kiểm tra đã kiểm tra 08 tổ chức đảng.", &[]),
            ("Có 6/8 thôn đạt chuẩn nông thôn mới, có thêm 03 tổ dân phố đạt chuẩn văn minh đô thị.", &[]),
            ("Kết nạp được 15 đảng viên, trong đó có 06 đảng viên là đoàn viên thanh niên.", &[]),
            ("Phấn đấu đến năm 2030 xây dựng từ 9 thôn trở lên đạt thôn kiểu mẫu.", &[]),
            // whom an inspection reached; a cell's meeting (no congress): its size, not delegates
            ("Ủy ban Kiểm tra kiểm tra khi có dấu hiệu vi phạm đối với 03 đảng viên.", &[]),
            ("Giám sát chuyên đề đối với 04 tổ chức đảng và 06 đảng viên.", &[]),
            (
                "Tổng số đảng viên của chi bộ: 19 đồng chí; có mặt 17 đồng chí, vắng 02 đồng chí có lý do.",
                &["party_members=19"],
            ),
        ] {
            facts(input, expect);
        }
    }

    #[test]
    fn declared_counts() {
        for (input, expect) in [
            // both sides of X/Y, and the rest of the list
            (
                "Nhiệm kỳ 2020 - 2025, Đảng bộ hoàn thành 19/21 chỉ tiêu, còn 02 chỉ tiêu chưa đạt.",
                &["results_met_2020_2025=19", "targets_2020_2025=21", "results_not_met_2020_2025=2"][..],
            ),
            (
                "Năm 2025 có 12/14 chỉ tiêu đạt và vượt, 02 không đạt.",
                &["results_met_2025=12", "targets_2025=14", "results_not_met_2025=2"],
            ),
            ("Hoàn thành vượt mức 17/20 chỉ tiêu Nghị quyết đề ra.", &["results_met=17", "targets=20"]),
            // of an exceeded count, the total is the met count, not the targets
            (
                "Nhiệm kỳ 2020 - 2025 hoàn thành 20/22 chỉ tiêu, trong đó 07/20 vượt chỉ tiêu.",
                &["results_met_2020_2025=20", "targets_2020_2025=22", "results_exceeded_2020_2025=7"],
            ),
            ("Đại hội đề ra 24 chỉ tiêu chủ yếu; đến nay còn 3 chỉ tiêu chưa hoàn thành.", &["targets=24", "results_not_met=3"]),
            // a heading's count
            ("2. Các chỉ tiêu chủ yếu (16 chỉ tiêu)\n", &["targets=16"]),
            (
                "Trong 20 chỉ tiêu chủ yếu năm 2026, có 08 chỉ tiêu đã đạt và vượt kế hoạch.",
                &["targets_2026=20", "results_met_2026=8"],
            ),
            // groups, components, objectives
            ("Đại hội xác định 4 nhóm chỉ tiêu với 24 chỉ tiêu thành phần.", &["target_groups=4", "sub_targets=24"]),
            ("Kế hoạch gồm 3 mục tiêu cụ thể.", &["objectives=3"]),
            // fields in a list, the last after "và"
            (
                "Nhiệm kỳ 2025 - 2030 xác định 12 chỉ tiêu, gồm: 05 chỉ tiêu về kinh tế và 03 chỉ tiêu về quốc phòng, an ninh.",
                &["targets_2025_2030=12", "targets_2025_2030_economy=5", "targets_2025_2030_defense_security=3"],
            ),
            // a share of a target, a bare mention, a goal: no count
            ("Hoàn thành 100% chỉ tiêu giao quân; thực hiện tốt các mục tiêu đề ra.", &[]),
        ] {
            counts(input, expect);
        }
    }
}
