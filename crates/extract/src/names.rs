//! What a target is called. The readers cut a name out of the clause that holds the figure; the
//! clause also carries the frame it was written in — a time ("Trong 6 tháng đầu năm, …"), a
//! topic ("Về công tác xây dựng Đảng, …"), the one who strives ("Đảng bộ xã phấn đấu …"), a
//! deadline written again ("… vào năm 2030"), a second point ("…, trong đó …", "…, hoàn thành
//! trước ngày …"). The name is what the clerk reads in every list and what wards are compared
//! and items matched by, so the frame is taken off here, once, for every reader's targets.
//! Rules of the genre's wording, by folded words (or as written where folding merges two words:
//! "đạt"/"đất", "có"/"cơ"); measured by `tests/names.rs`. This is the only place a name is cut:
//! the readers hand over the clause with its figure taken out, and every lexicon of the cut
//! (comparators, reporting verbs, frame words) is here, once.

use std::sync::LazyLock;

use theodoi_text::fold;

/// A word as written and folded without the punctuation around it.
struct Word<'a> {
    text: &'a str,
    key: String,
}

fn words(s: &str) -> Vec<Word<'_>> {
    s.split_whitespace()
        .map(|w| Word { text: w, key: fold(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '/')) })
        .collect()
}

fn join(ws: &[Word]) -> String {
    ws.iter().map(|w| w.text).collect::<Vec<_>>().join(" ")
}

/// Words that compare a figure (written, lower case): left before the figure's gap or at the
/// name's end they belong to the figure ("Đón khoảng lượt khách", "Hộ nghèo còn dưới").
pub(crate) const COMPARATORS: &[&str] =
    &["không dưới", "không quá", "ít nhất", "tối thiểu", "tối đa", "khoảng", "trên", "dưới", "từ", "hơn", "gần", "đủ"];

/// Words that report or introduce a figure (written, lower case), dangling at a name's end once
/// the figure is out: "Tỷ lệ … đạt", "Kết nạp được", "Thu ngân sách ước đạt", "Giải quyết việc
/// làm cho".
const REPORTING: &[&str] = &[
    "ước đạt",
    "mới đạt",
    "đạt được",
    "đạt tỷ lệ",
    "giảm còn",
    "thực hiện",
    "ở mức",
    "được",
    "đạt",
    "ước",
    "là",
    "còn",
    "lên",
    "xuống",
    "cho",
    "có",
];

/// Words that introduced or compared the figure, left dangling at a name's end: "trở lên",
/// "chỉ tiêu", the reporting verbs and the comparators, with their word counts, longest first.
static DANGLING: LazyLock<Vec<(&str, usize)>> = LazyLock::new(|| {
    let mut d: Vec<(&str, usize)> = ["trở lên", "chỉ tiêu"]
        .into_iter()
        .chain(REPORTING.iter().copied())
        .chain(COMPARATORS.iter().copied())
        .map(|w| (w, w.split_whitespace().count()))
        .collect();
    d.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    d
});

/// Frame words opening a name (written, lower case): a list's lead-in, a report's connective, a
/// year's habit, the past marker, the existential ("Trong đó: …", "Kết quả: …", "Hằng năm, …",
/// "Đã …", "Có 6/8 …" once the figure is out, "Đạt …", "Và …").
const LEAD_WORDS: &[&str] =
    &["trong đó:", "trong đó,", "kết quả:", "kết quả,", "kết quả có", "hằng năm,", "hằng năm", "đã", "có", "đạt", "và"];

/// `s` without a comparator word at its end ("Đón khoảng" → "Đón"): where a counted noun goes
/// back into the name, the comparator before the figure goes with the figure.
pub(crate) fn strip_comparator(s: &str) -> &str {
    let t = s.trim_end();
    let lower = t.to_lowercase();
    COMPARATORS
        .iter()
        .find(|c| lower.ends_with(*c) && lower[..lower.len() - c.len()].ends_with(' '))
        .map(|c| t[..t.len() - c.len()].trim_end())
        .unwrap_or(s)
}

/// Whether the words `ws` end with `phrase` as written (lower case, punctuation trimmed).
fn ends_written(ws: &[Word], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split_whitespace().collect();
    ws.len() >= p.len()
        && ws[ws.len() - p.len()..]
            .iter()
            .zip(&p)
            .all(|(w, x)| w.text.trim_matches(|c: char| !c.is_alphanumeric() && c != '%').to_lowercase() == *x)
}

/// How many words a frame word opening the name takes (0: none).
fn lead_word(ws: &[Word]) -> usize {
    LEAD_WORDS
        .iter()
        .find_map(|l| {
            let p: Vec<&str> = l.split_whitespace().collect();
            let hit = ws.len() > p.len() + 1
                && ws.iter().zip(&p).all(|(w, x)| {
                    let t = w.text.to_lowercase();
                    // "trong đó:" and "hằng năm," carry their punctuation; a bare word is whole
                    if x.ends_with([':', ',']) {
                        t == *x
                    } else {
                        t.trim_end_matches([',', ':']) == *x && !t.ends_with(':')
                    }
                });
            // "Đạt chuẩn đô thị văn minh": the standard reached is the goal
            let keeps = *l == "đạt" && ws.get(1).is_some_and(|w| w.key == "chuan");
            (hit && !keeps).then_some(p.len())
        })
        .unwrap_or(0)
}

/// Words that make up a time phrase ("Trong 6 tháng đầu năm", "Đến ngày 30/11/2025", "Năm 2027").
fn is_time_word(k: &str) -> bool {
    const TIME: &[&str] = &[
        "trong", "nam", "thang", "dau", "cuoi", "quy", "den", "ngay", "tinh", "het", "giai", "doan", "nhiem", "ky",
        "qua", "vua", "nay", "hien", "luy", "ke", "nua", "i", "ii", "iii", "iv",
    ];
    TIME.contains(&k) || (!k.is_empty() && k.chars().all(|c| c.is_ascii_digit() || c == '/' || c == '-'))
}

fn ends_with_comma(w: &Word) -> bool {
    w.text.ends_with(',')
}

/// How many words at the start are frame, not name (0: none).
fn lead(ws: &[Word]) -> usize {
    let k = |i: usize| ws.get(i).map(|w| w.key.as_str()).unwrap_or("");
    // a phrase closed by a comma: a time, a topic ("Về …,"), a discourse word ("Tuy nhiên,")
    if let Some(c) = ws.iter().take(7).position(ends_with_comma) {
        let phrase = &ws[..=c];
        let time = phrase.iter().all(|w| is_time_word(&w.key)) && phrase.iter().any(|w| w.key != "trong");
        let topic = k(0) == "ve" && c >= 1;
        let discourse = matches!((k(0), k(1)), ("tuy", "nhien") | ("ngoai", "ra") | ("ben", "canh") | ("dong", "thoi"))
            // the source: "Theo báo cáo tại hội nghị, …" ("theo dõi" is a verb)
            || k(0) == "theo" && k(1) != "doi";
        if (time || topic || discourse) && ws.len() > c + 2 {
            return c + 1;
        }
    }
    // a time with no comma before the verb: "trong năm [2026]", "năm 2026", "6 tháng [đầu năm]",
    // "đến ngày 31/12/2026", "đến cuối năm [2026]", "đến năm 2030"
    let year = |i: usize| k(i).len() == 4 && k(i).chars().all(|c| c.is_ascii_digit());
    let n = match (k(0), k(1), k(2)) {
        ("trong", "nam", _) => 2 + usize::from(year(2)),
        ("nam", _, _) if year(1) => 2,
        ("den", "ngay", _) | ("truoc", "ngay", _) => 3,
        ("den", "cuoi", "nam") => 3 + usize::from(year(3)),
        ("den", "nam", _) if year(2) => 3,
        // "Lũy kế đến nay hộ đạt …", "Lũy kế từ đầu nhiệm kỳ …": the time words that follow
        ("luy", "ke", _) => 2 + ws[2..].iter().take_while(|w| is_time_word(&w.key) || w.key == "tu").count(),
        // "Giai đoạn 2026 - 2030 vốn đầu tư …"
        ("giai", "doan", _) if year(2) => {
            3 + if ws.get(3).is_some_and(|w| matches!(w.text, "-" | "–")) && year(4) { 2 } else { 0 }
        }
        (d, "thang", _) if d.chars().all(|c| c.is_ascii_digit()) && !d.is_empty() => {
            2 + if matches!(k(2), "dau" | "cuoi") && k(3) == "nam" { 2 } else { 0 }
        }
        _ => 0,
    };
    if n > 0 && ws.len() > n + 1 {
        return n;
    }
    // the doer before the past marker: "Hội đã kết nạp hội viên mới", "các cơ sở Đoàn đã kết nạp …"
    // ("đã" as written: folded it is also "đa")
    // ("các trường đã đạt chuẩn", "đã được công nhận": a state, not a deed, stays)
    if let Some(i) = ws
        .iter()
        .take(6)
        .position(|w| w.text == "đã")
        .filter(|&i| i >= 1 && ws.len() >= i + 3 && !matches!(ws[i + 1].text, "đạt" | "được" | "có"))
    {
        return i + 1;
    }
    // the doer before a deed the figure counts: "[toàn] Đảng bộ kết nạp đảng viên", "Hội kết nạp
    // hội viên mới" (a body of the genre's one lexicon, then a verb of [`crate::targets::FLOWS`])
    let from = usize::from(k(0) == "toan");
    for n in from + 1..=(from + 5).min(ws.len().saturating_sub(2)) {
        let body = ws[from..n].iter().map(|w| w.key.as_str()).collect::<Vec<_>>().join(" ");
        let rest = ws[n..].iter().take(4).map(|w| w.key.as_str()).collect::<Vec<_>>().join(" ");
        if theodoi_text::starts_body(&format!("{body} "), theodoi_text::BodyRole::Lead)
            && crate::targets::FLOWS.iter().any(|f| rest == *f || rest.starts_with(&format!("{f} ")))
        {
            return n;
        }
    }
    // a figure standing first ("8/8 tổ dân phố …", "450 lao động …") is a figure, not the name
    let number = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | ','));
    if number(k(0)) && ws.len() >= 3 {
        return 1;
    }
    0
}

/// How many words at the start are an assignment's frame: "[Giao] X chủ trì, phối hợp với Y
/// <verb> …" is named from the verb on; "…, bảo đảm <name>" from what is ensured.
fn assignment(ws: &[Word]) -> usize {
    let key = |i: usize| ws.get(i).map(|w| w.key.as_str()).unwrap_or("");
    if let Some(i) = (1..ws.len())
        .rev()
        .find(|&i| matches!((key(i), key(i + 1)), ("bao", "dam") | ("dam", "bao")) && ends_with_comma(&ws[i - 1]))
        // "…, bảo đảm hoàn thành chỉ tiêu cả nhiệm kỳ" is the goal's purpose, not what is ensured
        .filter(|&i| !(key(i + 2) == "hoan" && key(i + 3) == "thanh"))
    {
        if ws.len() >= i + 4 {
            return i + 2;
        }
    }
    let Some(j) = (0..ws.len()).find(|&i| key(i) == "phoi" && key(i + 1) == "hop" && key(i + 2) == "voi") else {
        return 0;
    };
    // the first task verb after the partners (the verbs that end a lead's name in tasks.rs)
    let rest: Vec<&str> = ws.iter().map(|w| w.key.as_str()).collect();
    for i in j + 4..ws.len().saturating_sub(1) {
        let tail = format!(" {}", rest[i..].join(" "));
        let verb = crate::tasks::VERBS
            .iter()
            .filter(|v| {
                !matches!(v.trim(), "chu tri" | "phoi hop" | "danh gia" | "ghi nhan" | "can cu" | "co trach nhiem")
            })
            .any(|v| tail.starts_with(v.trim_end()));
        // "các tổ chức …" is a partner, not the verb
        if verb && !matches!(rest[i - 1], "cac" | "nhung" | "voi") {
            return i;
        }
    }
    0
}

/// A run-in list names each figure after the one before it: "… văn hóa 85% trở lên, tổ văn
/// hóa …" names the second figure from the comma on. The item's own figure is already out of
/// its name, so a figure closed by a comma or a full stop belongs to another item.
fn after_other_figure(ws: &[Word]) -> usize {
    let figure =
        |w: &Word| w.key.contains(|c: char| c.is_ascii_digit()) && !(w.key.len() == 4 && w.key.starts_with("20"));
    (1..ws.len())
        .rev()
        .find(|&i| {
            let w = &ws[i - 1];
            w.text.ends_with([',', ';', '.']) && ws[i.saturating_sub(3)..i].iter().any(figure) && ws.len() >= i + 2
        })
        // "… đạt từ 3,5 tỷ đồng trở lên và chi hội được xếp loại …": joined by "và"
        .or_else(|| {
            (1..ws.len().saturating_sub(2))
                .rev()
                .find(|&i| ws[i].key == "va" && ws[i.saturating_sub(5)..i].iter().any(figure) && ws.len() >= i + 3)
                .map(|i| i + 1)
        })
        .unwrap_or(0)
}

/// "… với một số chỉ tiêu chủ yếu <name>": the list's introduction is no part of its first item.
fn after_list_intro(ws: &[Word]) -> usize {
    let k: Vec<&str> = ws.iter().map(|w| w.key.as_str()).collect();
    (0..k.len().saturating_sub(2))
        .find(|&i| {
            k[i] == "chi"
                && k[i + 1] == "tieu"
                && matches!(k[i + 2], "chu" | "cu")
                && k.get(i + 3).is_some_and(|w| matches!(*w, "yeu" | "the"))
        })
        .map(|i| {
            let mut j = i + 4;
            while k.get(j).is_some_and(|w| matches!(*w, "la" | "gom" | "nhu" | "sau")) {
                j += 1;
            }
            j
        })
        .filter(|&j| k.len() >= j + 2)
        // "còn 2 chỉ tiêu chưa đạt là tỷ lệ hộ nghèo", "2/9 chỉ tiêu khó đạt là chỉ tiêu phát
        // triển chi hội …": the indicators counted by verdict introduce the one named after "là"
        .or_else(|| {
            (0..k.len().saturating_sub(3))
                .find(|&i| {
                    k[i] == "chi"
                        && k[i + 1] == "tieu"
                        && k[i + 2..]
                            .iter()
                            .take(4)
                            .position(|w| *w == "la")
                            .is_some_and(|p| k[i + 2..i + 2 + p].iter().any(|w| matches!(*w, "dat" | "vuot" | "hoan")))
                })
                .and_then(|i| k[i + 2..].iter().position(|w| *w == "la").map(|p| i + 3 + p))
                .filter(|&j| k.len() >= j + 2)
        })
        .unwrap_or(0)
}

/// Where the name ends (the number of words kept).
fn tail(ws: &[Word], deadline_year: Option<&str>) -> usize {
    let mut end = ws.len();
    for i in 1..ws.len() {
        let prev = &ws[i - 1];
        let (k, k1) = (ws[i].key.as_str(), ws.get(i + 1).map(|w| w.key.as_str()).unwrap_or(""));
        // a second point after a comma: "…, trong đó …", "…, hoàn thành trước ngày …", another figure
        if ends_with_comma(prev)
            && ((k == "trong" && k1 == "do")
                || (k == "hoan" && k1 == "thanh")
                || (matches!((k, k1), ("bao", "dam") | ("dam", "bao"))
                    && ws.get(i + 2).is_some_and(|w| w.key == "hoan")
                    && ws.get(i + 3).is_some_and(|w| w.key == "thanh"))
                || ws[i..].iter().take(6).any(|w| w.key.starts_with(|c: char| c.is_ascii_digit())))
        {
            end = i;
            break;
        }
        // a second figure joined by "và" after this one's gap ("Quỹ … đạt và 100% chi hội …")
        if k == "va" && ws[i + 1..].iter().take(2).any(|w| w.key.starts_with(|c: char| c.is_ascii_digit())) {
            end = i;
            break;
        }
        // the gap a figure left ("đạt khoảng , giá trị …")
        if ws[i].text.starts_with([',', '.', ';']) {
            end = i;
            break;
        }
        // the deadline written again: "… vào năm 2030", "… đến năm 2030"
        if matches!(prev.key.as_str(), "vao" | "den")
            && k == "nam"
            && deadline_year.is_some_and(|y| k1 == y)
            && i + 2 >= ws.len()
        {
            end = i - 1;
            break;
        }
        // a bracket left open at the end: "… chi hội nghề nghiệp (mới thành lập" (the rest held a figure)
        if ws[i].text.starts_with('(') && !ws[i..].iter().any(|w| w.text.contains(')')) && i >= 2 {
            end = i;
            break;
        }
        // a citation in brackets: "(dự toán giao tại Quyết định số 3187/QĐ-UBND …)"
        if ws[i].text.starts_with('(')
            && ws[i..].iter().any(|w| w.key == "so" || w.key == "ngay")
            && ws[i..].iter().any(|w| w.text.contains('/'))
        {
            end = i;
            break;
        }
    }
    let mut ws = &ws[..end];
    // a page number run in at the end ("… năm 2025. 2")
    if let [rest @ .., last] = ws {
        if !rest.is_empty()
            && last.key.chars().all(|c| c.is_ascii_digit())
            && rest.last().is_some_and(|w| w.text.ends_with('.'))
        {
            ws = rest;
        }
    }
    loop {
        let keys: Vec<&str> = ws.iter().map(|w| w.key.as_str()).collect();
        let cut = DANGLING
            .iter()
            .copied()
            .find(|(d, n)| keys.len() > n + 1 && ends_written(ws, d))
            // "hoàn thành tốt nhiệm vụ trở lên", "loại khá trở lên": a grade and better, kept
            .filter(|(d, _)| !(*d == "trở lên" && matches!(keys[keys.len() - 3], "vu" | "kha" | "tot" | "sac")))
            // "hoàn thành chỉ tiêu", "vượt chỉ tiêu" name what is done; "… đạt 100% chỉ tiêu" left "chỉ tiêu" alone
            .filter(|(d, _)| !(*d == "chỉ tiêu" && matches!(keys[keys.len() - 3], "thanh" | "vuot" | "giao" | "cac")))
            // "việc thực hiện" names a deed
            .filter(|(d, _)| !(*d == "thực hiện" && keys[keys.len() - 3] == "viec"))
            .map(|(_, n)| n);
        match cut {
            Some(n) => ws = &ws[..ws.len() - n],
            None => break,
        }
    }
    ws.len()
}

/// "Label: figure" keeps the label; "… gồm: name" keeps what follows.
fn colon(s: &str) -> &str {
    let Some(p) = s.find(':') else { return s };
    let (before, after) = (s[..p].trim(), s[p + 1..].trim());
    let fb = fold(before);
    let lead_in = ["gom", "la", "sau", "cu the", "nhu", "tap trung", "trong do", "ket qua"].iter().any(|w| fb.ends_with(w))
        // a numbered label: "Chỉ tiêu 3: …"
        || fb.strip_prefix("chi tieu").is_some_and(|n| n.trim().chars().all(|c| c.is_ascii_digit()))
        // "Phấn đấu đến năm 2030: trên 95% hồ sơ …", "Đến năm 2030: …": a goal's frame, not a label
        || fb.starts_with("phan dau")
        || words(before).iter().all(|w| is_time_word(&w.key));
    if lead_in {
        if after.split_whitespace().count() >= 2 {
            return after;
        }
        return s;
    }
    if before.split_whitespace().count() >= 2 {
        before
    } else {
        s
    }
}

/// The name without the frame it was written in. Idempotent; never returns an empty name for a
/// non-empty one.
pub(crate) fn tidy(name: &str, deadline: Option<&str>) -> String {
    let year = deadline.and_then(|d| d.get(..4)).filter(|y| y.chars().all(|c| c.is_ascii_digit()));
    let mut s = name.split_whitespace().collect::<Vec<_>>().join(" ");
    for _ in 0..4 {
        let before = s.clone();
        s = colon(&s).to_string();
        let ws = words(&s);
        // "… phấn đấu <name>": the name is what is striven for
        let from = ws
            .windows(2)
            .rposition(|p| p[0].key == "phan" && p[1].key == "dau")
            .map(|i| i + 2)
            .filter(|i| ws.len() >= i + 2)
            .unwrap_or(0);
        let ws = &ws[from..];
        let ws = &ws[lead_word(ws)..];
        let ws = &ws[after_other_figure(ws)..];
        let ws = &ws[after_list_intro(ws)..];
        let ws = &ws[lead(ws)..];
        let ws = &ws[assignment(ws)..];
        let end = tail(ws, year);
        let kept = join(&ws[..end]);
        let kept = kept.trim_end_matches([',', ';', ':', '.', ' ', '(']).trim_start_matches([',', ';', ':', ' ']);
        if !kept.is_empty() {
            s = kept.to_string();
        }
        if s == before {
            break;
        }
    }
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().collect::<String>() + cs.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::tidy;

    /// (name as cut from the clause, deadline, the name).
    const ROWS: &[(&str, Option<&str>, &str)] = &[
        ("Trong 6 tháng đầu năm, Đảng bộ kết nạp đảng viên", None, "Kết nạp đảng viên"),
        ("Toàn Đảng bộ kết nạp đảng viên theo chỉ tiêu năm", None, "Kết nạp đảng viên theo chỉ tiêu năm"),
        ("Hội kết nạp hội viên mới", None, "Kết nạp hội viên mới"),
        // a body counted, not a doer, stays ("chi bộ" is what reaches the state)
        ("Chi bộ đạt trong sạch, vững mạnh", None, "Chi bộ đạt trong sạch, vững mạnh"),
        ("Năm 2026 phấn đấu kết nạp đảng viên mới trở lên", None, "Kết nạp đảng viên mới"),
        ("Về công tác xây dựng Đảng, trong năm kết nạp đảng viên mới", None, "Kết nạp đảng viên mới"),
        ("Về văn hóa - xã hội, tỷ lệ hộ nghèo cuối năm", None, "Tỷ lệ hộ nghèo cuối năm"),
        ("Thu nhập bình quân đầu người đến năm 2030", Some("2030"), "Thu nhập bình quân đầu người"),
        ("Tỷ lệ người dân tham gia bảo hiểm y tế vào năm 2030", Some("2030-12"), "Tỷ lệ người dân tham gia bảo hiểm y tế"),
        // a year that is not the deadline is part of the name
        ("Tổng thu ngân sách nhà nước trên địa bàn đến năm 2030", None, "Tổng thu ngân sách nhà nước trên địa bàn đến năm 2030"),
        ("Tỷ lệ điều tra, khám phá án hình sự đạt , trong đó án rất nghiêm trọng đạt 100%", None, "Tỷ lệ điều tra, khám phá án hình sự"),
        ("Tổng chi ngân sách xã: (Một trăm mười tám tỷ đồng)", None, "Tổng chi ngân sách xã"),
        ("Tổng giá trị sản xuất (giá so sánh 2010): 3.250 tỷ đồng, tăng 8,5% so với năm 2025. 2", None, "Tổng giá trị sản xuất (giá so sánh 2010)"),
        ("Tuyển quân: chỉ tiêu trên giao", None, "Tuyển quân"),
        ("Chỉ tiêu 3: Tỷ lệ hộ nghèo", None, "Tỷ lệ hộ nghèo"),
        ("Các chỉ tiêu chưa đạt gồm: tỷ lệ trường đạt chuẩn quốc gia mức độ 2", None, "Tỷ lệ trường đạt chuẩn quốc gia mức độ 2"),
        (
            "Ủy ban Mặt trận Tổ quốc vận động Nhân dân tham gia bảo hiểm y tế, phấn đấu đến ngày 31/12/2026 tỷ lệ tham gia",
            None,
            "Tỷ lệ tham gia",
        ),
        ("Chủ trì, phối hợp với các tổ chức chính trị - xã hội vận động xây dựng nhà Đại đoàn kết, hoàn thành trước ngày 30/11/2026", None, "Vận động xây dựng nhà Đại đoàn kết"),
        ("Ban Xây dựng Đảng chủ trì, phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam xã tổ chức quán triệt Nghị quyết đến chi bộ", None, "Tổ chức quán triệt Nghị quyết đến chi bộ"),
        ("Tham mưu Ban Thường vụ chỉ đạo công tác phát triển đảng viên, bảo đảm kết nạp đảng viên mới trong năm 2026", None, "Kết nạp đảng viên mới trong năm 2026"),
        (
            "Phấn đấu thu ngân sách năm 2026 đạt dự toán trở lên (dự toán giao tại Quyết định số 3187/QĐ-UBND ngày 19/12/2025)",
            None,
            "Thu ngân sách năm 2026 đạt dự toán",
        ),
        ("Diện tích cam, chè tập trung đạt khoảng , giá trị sản phẩm trên 1 ha đạt từ 150 triệu đồng", None, "Diện tích cam, chè tập trung"),
        ("Tuy nhiên, công tác cải cách hành chính còn hạn chế, tỷ lệ hồ sơ trực tuyến toàn trình mới", None, "Công tác cải cách hành chính còn hạn chế, tỷ lệ hồ sơ trực tuyến toàn trình mới"),
        // names that are already names stay as they are
        ("Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa", None, "Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa"),
        ("Tổng thu ngân sách nhà nước trên địa bàn", None, "Tổng thu ngân sách nhà nước trên địa bàn"),
        ("Hoàn thành dự toán thu ngân sách năm 2025", None, "Hoàn thành dự toán thu ngân sách năm 2025"),
        ("Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", None, "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ"),
        ("Giảm số hộ cận nghèo xuống còn", None, "Giảm số hộ cận nghèo"),
        ("Giảm số hộ cận nghèo xuống", Some("2027"), "Giảm số hộ cận nghèo"),
        ("Giảm số hộ cận nghèo xuống  ", Some("2027"), "Giảm số hộ cận nghèo"),
        ("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", None, "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên"),
        ("Hộ gia đình đạt tiêu chuẩn văn hóa 85% trở lên, tổ văn hóa", None, "Tổ văn hóa"),
        ("Tỷ lệ gia đình văn hóa bình quân đạt 94,54%. 8/8 tổ dân phố văn hóa, đạt tỷ lệ", None, "Tổ dân phố văn hóa"),
        (
            "Đại hội thông qua nghị quyết nhiệm kỳ mới với một số chỉ tiêu chủ yếu thương mại - dịch vụ tăng bình quân hằng năm",
            None,
            "Thương mại - dịch vụ tăng bình quân hằng năm",
        ),
        // a year or an ordinal closed by a comma is no figure of another item
        ("Tổng sản phẩm năm 2025, tính theo giá so sánh", None, "Tổng sản phẩm năm 2025, tính theo giá so sánh"),
        // its own figure's "trở lên" is no other figure
        ("Kết nạp thêm hội viên mới trở lên, hoàn thành chỉ tiêu cả năm", None, "Kết nạp thêm hội viên mới"),
        ("Gọi công dân nhập ngũ hằng năm chỉ tiêu", None, "Gọi công dân nhập ngũ hằng năm"),
        ("Phấn đấu hoàn thành chỉ tiêu", None, "Hoàn thành chỉ tiêu"),
        ("Tỷ lệ gia đình văn hóa bình quân . 8/8 tổ dân phố văn hóa", None, "Tỷ lệ gia đình văn hóa bình quân"),
        // batch 6's frames: the source, half a term, the doer before "đã", "lũy kế", "và"
        ("Theo báo cáo tại hội nghị, 6 tháng đầu năm, tổng thu ngân sách nhà nước trên địa bàn", None, "Tổng thu ngân sách nhà nước trên địa bàn"),
        ("Trong nửa đầu nhiệm kỳ, các cơ sở Đoàn đã kết nạp đoàn viên mới", None, "Kết nạp đoàn viên mới"),
        ("Đảng ủy đã kết nạp đảng viên mới", None, "Kết nạp đảng viên mới"),
        ("Lũy kế đến nay hộ đạt danh hiệu sản xuất, kinh doanh giỏi", None, "Hộ đạt danh hiệu sản xuất, kinh doanh giỏi"),
        ("Quỹ Hỗ trợ nông dân đạt và 100% chi hội được xếp loại vững mạnh", Some("2028"), "Quỹ Hỗ trợ nông dân"),
        ("Quỹ Hỗ trợ nông dân đạt từ 3,5 tỷ đồng trở lên và chi hội được xếp loại vững mạnh", Some("2028"), "Chi hội được xếp loại vững mạnh"),
        ("Theo dõi, đôn đốc việc thực hiện", None, "Theo dõi, đôn đốc việc thực hiện"),
        ("Giai đoạn 2026 - 2030, thu nhập bình quân đầu người tăng hằng năm", None, "Thu nhập bình quân đầu người tăng hằng năm"),
        ("Duy trì các trường đã đạt chuẩn", None, "Duy trì các trường đã đạt chuẩn"),
        ("Đạt chuẩn đô thị văn minh", None, "Đạt chuẩn đô thị văn minh"),
        ("Hoàn thành 100% chỉ tiêu giao quân (", None, "Hoàn thành 100% chỉ tiêu giao quân"),
        ("Phấn đấu đến năm 2030: hồ sơ thủ tục hành chính xử lý trực tuyến", Some("2030"), "Hồ sơ thủ tục hành chính xử lý trực tuyến"),
        // written, not folded: "đất" is no "đạt", "cơ" no "có"
        ("Diện tích đất", None, "Diện tích đất"),
        ("Sản xuất nông nghiệp hữu cơ", None, "Sản xuất nông nghiệp hữu cơ"),
        ("Tỷ lệ hộ nghèo còn dưới", None, "Tỷ lệ hộ nghèo"),
        ("Tuy nhiên, còn 2 chỉ tiêu chưa đạt là tỷ lệ hộ nghèo", None, "Tỷ lệ hộ nghèo"),
        ("Còn 2/9 chỉ tiêu khó đạt là chỉ tiêu phát triển chi hội nghề nghiệp (mới thành lập", None, "Chỉ tiêu phát triển chi hội nghề nghiệp"),
        ("Phấn đấu đến năm 2027 kết nạp thêm đoàn viên mới, bảo đảm hoàn thành chỉ tiêu cả nhiệm kỳ", Some("2027"), "Kết nạp thêm đoàn viên mới"),
        ("Năm 2026", None, "Năm 2026"),
        ("Phấn đấu", None, "Phấn đấu"),
        ("", None, ""),
    ];

    #[test]
    fn names_lose_their_frame() {
        let mut bad = Vec::new();
        for (input, deadline, want) in ROWS {
            let got = tidy(input, *deadline);
            if got != *want {
                bad.push(format!("{input:?}\n   got  {got:?}\n   want {want:?}"));
            }
            assert_eq!(tidy(&got, *deadline), got, "tidy is idempotent on {input:?}");
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
