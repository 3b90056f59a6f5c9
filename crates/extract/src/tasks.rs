//! Tasks (nhiệm vụ) by the "5 rõ" rule: what, lead (chủ trì), partners (phối hợp),
//! deadline, section.
//!
//! Four forms are read: "* Phân công thực hiện: X chủ trì, phối hợp với Y … Hoàn thành
//! trước ngày …"; blocks of fields ("Cơ quan chủ trì: …", "Cơ quan tham mưu: …",
//! "Thời gian …") under a "* Xây dựng …" line; every point of a "TỔ CHỨC THỰC HIỆN"
//! section, led by its sub-heading's unit; and a paragraph whose subject is a unit
//! ("UBND phường xây dựng kế hoạch …") or that names a deliverable with a deadline.

use theodoi_core::{DocType, Document, Task};

use theodoi_text::{find_deadline, fold_fast as fold};

use crate::targets::{mode, Mode};
use crate::units::{body, fold_map, Kind, Unit};

/// Folded heads of unit names that can lead a task.
const ORG_HEADS: &[&str] = &[
    "ubnd",
    "uy ban",
    "ban ",
    "van phong",
    "dang uy",
    "hdnd",
    "hoi dong nhan dan",
    "cong an",
    "quan su",
    "ban chi huy",
    "phong ",
    "trung tam",
    "chi bo",
    "cac chi bo",
    "doan thanh nien",
    "hoi ",
    "thuong truc",
    "mat tran",
    "mttq",
    "cac to chuc",
    "cac cap uy",
    "cac dong chi",
    "dong chi",
    "d/c",
    "đ/c",
    "cac phong",
    "cac co quan",
    "bi thu",
    "pho bi thu",
    "chu tich",
    "to cong tac",
];

/// Verbs that end the lead's name: "X chủ trì", "X xây dựng kế hoạch".
const VERBS: &[&str] = &[
    " chu tri",
    " chi dao",
    " can cu",
    " co trach nhiem",
    " tham muu",
    " phoi hop",
    " thuc hien",
    " xay dung",
    " trien khai",
    " to chuc ",
    " ra soat",
    " huong dan",
    " ban hanh",
    " tiep tuc",
    " chiu trach nhiem",
    " theo doi",
    " kiem tra",
    " tang cuong",
    " day manh",
    " chu dong",
    " khan truong",
    " tich cuc",
    " phan dau",
    " nang cao",
    " tap trung",
    " lanh dao",
    " duy tri",
    " bao dam",
    " dam bao",
    " thuong xuyen",
    " kip thoi",
    " quan tam",
    " nghien cuu",
    " de xuat",
    " bo tri",
    " phat huy",
    " giam sat",
    " gui ",
    " dang ky",
];

/// Field labels of an assignment block, folded.
const FIELDS: &[&str] = &[
    "co quan chu tri",
    "don vi chu tri",
    "co quan, don vi chu tri",
    "chu tri:",
    "co quan tham muu",
    "co quan thuong truc",
    "co quan phoi hop",
    "don vi phoi hop",
    "co quan, don vi phoi hop",
    "phoi hop:",
    "don vi thuc hien",
    "co quan thuc hien",
    "thoi gian",
    "thoi han",
    "tien do",
    "truong ban chi dao",
    "san pham",
];

/// The folded text of a unit without its numbering ("4.3. phan cong …" → "phan cong …").
fn body_f(u: &Unit) -> &str {
    u.folded.trim_start_matches(|c: char| c.is_ascii_digit() || ".()*-+•: ".contains(c))
}

fn strip_bullet(f: &str) -> &str {
    f.trim_start_matches(['*', '-', '+', '•', ' '])
}

fn field_of(u: &Unit) -> Option<&'static str> {
    let f = strip_bullet(&u.folded);
    FIELDS.iter().copied().find(|k| f.starts_with(k))
}

/// Value of a "Label: value" unit.
fn field_value(u: &Unit) -> String {
    let t = &u.text;
    let v = t.split_once(':').map(|x| x.1).unwrap_or("");
    clean(v)
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").trim().trim_end_matches(['.', ',', ';', ':']).trim().to_string()
}

/// The words of `s` before the folded byte `fb` (of `fold_map(s)`).
fn cut_at(s: &str, map: &[usize], fb: usize) -> String {
    clean(&s[..map.get(fb).copied().unwrap_or(s.len())])
}

/// The lead named at the start of `s`: the words before "chủ trì" (if early) or the first verb.
fn lead_of(s: &str) -> Option<String> {
    let s = s.trim();
    let (f, map) = fold_map(s);
    if let Some(p) = f.find(" chu tri") {
        if p < 90 {
            return Some(cut_at(s, &map, p)).filter(|x| !x.is_empty());
        }
    }
    if let Some(p) = f.find(" chi dao") {
        if p < 60 {
            return Some(cut_at(s, &map, p)).filter(|x| !x.is_empty());
        }
    }
    let p = VERBS.iter().filter_map(|v| f.find(v)).filter(|&p| p > 0).min()?;
    Some(cut_at(s, &map, p)).filter(|x| !x.is_empty())
}

/// Partners after "phối hợp (chặt chẽ) với".
fn partners_of(s: &str) -> Vec<String> {
    let (f, map) = fold_map(s);
    let Some(p) = f.find("phoi hop") else { return vec![] };
    let after_f = &f[p..];
    let Some(v) = after_f.find(" voi ") else { return vec![] };
    let start_f = p + v + " voi ".len();
    let rest_f = &f[start_f..];
    let end_rel = [
        " tham muu",
        " de ",
        ". ",
        "; ",
        " xay dung",
        " thuc hien",
        " trong ",
        " to chuc",
        " theo doi",
        " trien khai",
        " tren dia ban",
        " nham ",
        " tien hanh",
    ]
    .iter()
    .filter_map(|k| rest_f.find(k))
    .min()
    .unwrap_or_else(|| crate::units::floor_char(rest_f, 160));
    let a = map.get(start_f).copied().unwrap_or(s.len());
    let e = map.get(start_f + end_rel).copied().unwrap_or(s.len()).max(a);
    split_list(&s[a..e])
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';']).flat_map(|x| x.split(" và ")).map(clean).filter(|x| x.chars().count() > 2).collect()
}

fn new_task(doc: &Document, units: &[&Unit], what: String, lead: Option<String>, partners: Vec<String>) -> Task {
    let text: String = units.iter().map(|u| u.text.as_str()).collect::<Vec<_>>().join(" ");
    let dl = find_deadline(&text);
    // "Hoàn thành xây dựng kế hoạch trong tháng 11/2025": keep the verb that governs the date
    let deadline_text = dl.as_ref().map(|d| {
        let from = crate::units::floor_char(&text, d.start.saturating_sub(60));
        let start = ["Hoàn thành", "hoàn thành"]
            .iter()
            .filter_map(|w| text[from..d.start].rfind(w).map(|p| from + p))
            .max()
            .unwrap_or(d.start);
        text[start..d.end].to_string()
    });
    let evidence = units.iter().map(|u| u.evidence_all(doc)).collect::<Vec<_>>();
    // one evidence per task: the whole block
    let ev = match (evidence.first(), evidence.last()) {
        (Some(a), Some(b)) if evidence.len() > 1 => {
            let span = a.span.join(b.span);
            theodoi_core::Evidence { doc: doc.id.clone(), span, text: doc.span_text(span) }
        }
        (Some(a), _) => a.clone(),
        _ => theodoi_core::Evidence { doc: doc.id.clone(), span: theodoi_core::LineSpan::line(1), text: String::new() },
    };
    Task {
        id: String::new(),
        what,
        section: units.first().and_then(|u| {
            // an assignment glued onto its heading ("4.3. Phân công …: Đồng chí …") sits under that heading
            if u.kind == crate::units::Kind::Heading {
                let title = crate::units::heading_title(u);
                let title = title.split(':').next().unwrap_or(&title).trim().to_string();
                Some(match u.section() {
                    Some(s) => format!("{s} > {title}"),
                    None => title,
                })
            } else {
                u.section()
            }
        }),
        lead: lead.filter(|l| !l.is_empty()),
        partners,
        deadline: dl.map(|d| d.iso),
        deadline_text,
        evidence: vec![ev],
    }
}

/// All tasks of a document.
pub(crate) fn tasks(doc: &Document, units: &[Unit], doc_type: DocType) -> Vec<Task> {
    let mut out: Vec<Task> = Vec::new();
    let mut used = vec![false; units.len()];
    let mut closing = false;
    let assigned_sections: std::collections::HashSet<Option<String>> = units
        .iter()
        .filter(|u| field_of(u).is_some() || body_f(u).starts_with("phan cong"))
        .map(|u| u.section())
        .collect();
    for i in 0..units.len() {
        let u = &units[i];
        let fb = strip_bullet(&u.folded);
        if u.kind == Kind::Heading && u.level <= 1 {
            closing = false;
        }
        if fb.starts_with("noi nhan") || fb.starts_with("tren day la") || fb.starts_with("t/m ") {
            closing = true;
        }
        if closing || used[i] {
            continue;
        }
        // (a) "Phân công …: X chủ trì, phối hợp với Y …"
        if body_f(u).starts_with("phan cong") {
            let after = u.text.split_once(':').map(|x| x.1).unwrap_or("");
            if !after.trim().is_empty() {
                let mut block: Vec<&Unit> = vec![u];
                used[i] = true;
                let mut lead = lead_of(after).or_else(|| Some(clean(after)));
                let mut partners = partners_of(after);
                let mut j = i + 1;
                while j < units.len() && field_of(&units[j]).is_some() {
                    absorb(&units[j], &mut lead, &mut partners);
                    block.push(&units[j]);
                    used[j] = true;
                    j += 1;
                }
                let what = clean(after);
                out.push(new_task(doc, &block, what, lead, partners));
                continue;
            }
        }
        // (b) a block of fields: attach to the "*" line (and its "-" points) before it
        if field_of(u).is_some() {
            let mut s = i;
            // walk back over "-" points to a "*" starter, at most 6 units
            let mut k = i;
            while k > 0 && i - k < 6 {
                k -= 1;
                if units[k].kind == Kind::Heading {
                    break;
                }
                if field_of(&units[k]).is_some() {
                    s = k;
                    continue;
                }
                s = k;
                if units[k].marker.as_deref() == Some("*") || units[k].marker.is_none() {
                    break;
                }
            }
            let mut e = i;
            while e + 1 < units.len() && field_of(&units[e + 1]).is_some() {
                e += 1;
            }
            let block: Vec<&Unit> = units[s..=e].iter().collect();
            let mut lead = None;
            let mut partners = vec![];
            let mut what_parts = vec![];
            for (k, b) in block.iter().enumerate() {
                if field_of(b).is_some() {
                    absorb(b, &mut lead, &mut partners);
                } else {
                    what_parts.push(clean(body(b).0));
                }
                used[s + k] = true;
            }
            // drop tasks already made from the starter lines
            out.retain(|t| {
                t.evidence.first().is_none_or(|ev| ev.span.start < units[s].start() || ev.span.start > units[e].end())
            });
            out.push(new_task(doc, &block, what_parts.join("; "), lead, partners));
            continue;
        }
        if mode(u, doc_type) != Mode::Forward {
            continue;
        }
        // (c) points of "TỔ CHỨC THỰC HIỆN", led by their sub-heading
        let in_tcth = u.path_f.iter().any(|t| t.contains("to chuc thuc hien"));
        if in_tcth && u.kind != Kind::Heading {
            let sub = u.path.last().filter(|(_, t)| !fold(t).contains("to chuc thuc hien"));
            let (b, _) = body(u);
            let mut lead = sub.map(|(_, t)| t.split_once(' ').map(|x| x.1.to_string()).unwrap_or_default());
            let (bf, bmap) = fold_map(b);
            // "Ban X chủ trì …" / "Các cấp uỷ … phối hợp …" names its own lead
            if let Some(p) = bf.find(" chu tri").or_else(|| bf.find(" phoi hop")) {
                if p < 110 && ORG_HEADS.iter().any(|h| bf.starts_with(h)) {
                    lead = Some(cut_at(b, &bmap, p));
                }
            }
            let partners = partners_of(b);
            used[i] = true;
            out.push(new_task(doc, &[u], clean(b), lead, partners));
            continue;
        }
        if u.kind == Kind::Heading {
            continue;
        }
        // A section that assigns its work in explicit blocks: its prose is content, not tasks.
        if assigned_sections.contains(&u.section()) {
            continue;
        }
        // (d) "UBND phường xây dựng kế hoạch …": a unit as the subject of a directive
        let (b, _) = body(u);
        let bf = fold(b);
        // "đã" marks a past action (folded text cannot tell "đã" from "đa")
        let first_clause = b.split(['.', ';']).next().unwrap_or("");
        let past = first_clause.split(|c: char| !c.is_alphanumeric()).any(|w| w == "đã" || w == "Đã");
        if ORG_HEADS.iter().any(|h| bf.starts_with(h)) && !past {
            if let Some(lead) = lead_of(b) {
                // a unit's name: no quotes, no figures, no clause break
                let name_like = !lead.contains([':', '“', '"', ';']) && !lead.chars().any(|c| c.is_ascii_digit());
                if lead.split_whitespace().count() <= 20 && name_like {
                    used[i] = true;
                    let partners = partners_of(b);
                    out.push(new_task(doc, &[u], clean(b), Some(lead), partners));
                    continue;
                }
            }
        }
        // (f) a recurring date: "Ngày 15/01 hằng năm, … gửi …", "Trước ngày 15/12 hằng năm …"
        let (b, _) = body(u);
        let bfold = &u.folded;
        let recurring = (bfold.starts_with("ngay ")
            || bfold.starts_with("truoc ngay ")
            || bfold.starts_with("hang nam, truoc ngay "))
            && bfold.split(',').next().is_some_and(|h| h.contains("hang nam") || bfold.starts_with("hang nam"));
        if recurring {
            let head_end = b.find(',').unwrap_or(0);
            let rest = b[head_end..].trim_start_matches([',', ' ']);
            let rest = rest.strip_prefix("bắt đầu từ ").unwrap_or(rest);
            used[i] = true;
            let mut k = new_task(doc, &[u], clean(b), lead_of(rest), partners_of(b));
            k.deadline = None;
            k.deadline_text = Some(clean(&b[..head_end]));
            out.push(k);
            continue;
        }
        // (e) a deliverable with a month or day deadline: "Hoàn thành xây dựng kế hoạch trong tháng 11/2025"
        if bf.contains("hoan thanh") {
            if find_deadline(b).is_some_and(|d| d.iso.len() > 4) {
                used[i] = true;
                out.push(new_task(doc, &[u], clean(b), None, vec![]));
            }
        }
    }
    out.sort_by_key(|t| t.evidence.first().map(|e| e.span.start).unwrap_or(0));
    for (i, t) in out.iter_mut().enumerate() {
        t.id = format!("K{}", i + 1);
    }
    out
}

/// Fill lead/partners from one "Label: value" field.
fn absorb(u: &Unit, lead: &mut Option<String>, partners: &mut Vec<String>) {
    let Some(k) = field_of(u) else { return };
    let v = field_value(u);
    if v.is_empty() {
        return;
    }
    match k {
        "co quan chu tri" | "don vi chu tri" | "co quan, don vi chu tri" | "chu tri:" => {
            if let Some(old) = lead.take() {
                partners.insert(0, old);
            }
            *lead = Some(v);
        }
        "co quan tham muu" | "co quan thuong truc" | "don vi thuc hien" | "co quan thuc hien" => {
            if lead.is_none() {
                *lead = Some(v);
            } else if lead.as_deref() != Some(v.as_str()) && !partners.contains(&v) {
                partners.insert(0, v);
            }
        }
        "co quan phoi hop" | "don vi phoi hop" | "co quan, don vi phoi hop" | "phoi hop:" => {
            partners.extend(split_list(&v))
        }
        _ => {}
    }
}

/// Tasks from a table of assignments (Kế hoạch tables: Nội dung | Cơ quan chủ trì |
/// Cơ quan phối hợp | Thời gian hoàn thành), as ingest rebuilt it. Returns the tasks
/// and the spans of the tables read, so their lines are not read again as prose.
pub(crate) fn table_tasks(doc: &Document) -> (Vec<Task>, Vec<theodoi_core::LineSpan>) {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    for t in &doc.tables {
        let hf: Vec<String> = t.header.iter().map(|h| fold(h)).collect();
        let col = |keys: &[&str]| hf.iter().position(|h| keys.iter().any(|k| h.contains(k)));
        let Some(lead_c) = col(&["chu tri"]) else { continue };
        let what_c = col(&["noi dung", "nhiem vu", "cong viec", "ten "]).or_else(|| col(&["ten"]));
        let Some(what_c) = what_c.filter(|&c| c != lead_c) else { continue };
        let partner_c = col(&["phoi hop"]).filter(|&c| c != lead_c);
        let time_c = col(&["thoi gian", "thoi han", "tien do", "hoan thanh"]).filter(|&c| c != lead_c && c != what_c);
        spans.push(t.span);
        for r in t.rows.iter().filter(|r| !r.is_group) {
            let cell = |c: usize| r.cells.get(c).map(|x| clean(&x.text)).unwrap_or_default();
            let what = cell(what_c);
            if what.is_empty() {
                continue;
            }
            let time = time_c.map(cell).unwrap_or_default();
            // a time cell is itself the deadline: "Tháng 12/2025", "Quý I/2026", "31/12/2025"
            let deadline = find_deadline(&time)
                .or_else(|| find_deadline(&format!("trong {time}")))
                .or_else(|| find_deadline(&format!("trước ngày {time}")))
                .map(|d| d.iso);
            let span = r.span;
            out.push(Task {
                id: String::new(),
                what,
                section: t.title.clone(),
                lead: Some(cell(lead_c)).filter(|l| !l.is_empty()),
                partners: partner_c.map(|c| split_list(&cell(c))).unwrap_or_default(),
                deadline,
                deadline_text: Some(time).filter(|x| !x.is_empty()),
                evidence: vec![theodoi_core::Evidence { doc: doc.id.clone(), span, text: doc.span_text(span) }],
            });
        }
    }
    (out, spans)
}
