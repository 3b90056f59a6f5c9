//! Tasks (nhiệm vụ) by the "5 rõ" rule: what, lead (chủ trì), partners (phối hợp),
//! deadline, section.
//!
//! Each unit is read clause by clause from its own words; the heading path and the
//! document kind only decide whether an unmarked subject-led sentence is a directive
//! (a plan, a conclusion) or a report of what was done. Forms read:
//! - assignments: "Giao X chủ trì, phối hợp với Y …", "X chủ trì, phối hợp Y …",
//!   "Đảng ủy giao X tham mưu …", "Đề nghị / Yêu cầu X …", "… do X chủ trì", "Đồng chí …
//!   chỉ đạo …", a sentence whose subject is a unit ("Văn phòng Đảng ủy theo dõi, đôn đốc");
//! - field blocks, on dash lines, in brackets or inside the sentence: "Cơ quan tham mưu: …;
//!   Cơ quan phối hợp: …", "Trách nhiệm thực hiện: …", "Đơn vị thực hiện: … / Hạn hoàn
//!   thành: …", "Thời gian: …", inspection items ("Đối tượng / Nội dung / Thời gian /
//!   Đoàn kiểm tra do đồng chí … làm Trưởng đoàn");
//! - subjectless bullets under "Giao X:", points under a unit's sub-heading in "TỔ CHỨC
//!   THỰC HIỆN";
//! - a deliverable with a due date and no unit ("Sơ kết … vào tháng 6/2026").
//!
//! A task needs a lead or a due date: generic aspirations are not tasks. Never read from
//! "Nơi nhận" lists and signatures. Deadlines come from `theodoi_text::task_deadline` /
//! `time_cell`, with the year a group heading sets ("Năm 2026", "… cuối năm 2026").

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use theodoi_core::{DocType, Document, Evidence, LineSpan, Task};

use theodoi_text::{fold_fast as fold, recurring_time, task_deadline, task_deadlines, time_cell};

use crate::units::{body, fold_map, Kind, Unit};

/// Heads of a lead that names every member of a body ("từng đảng viên", "mỗi hội viên"): after
/// the body's own clause in one sentence, the members' work is part of the body's task.
const MEMBERS: &[&str] = &["tung ", "moi "];

/// Verbs (and verb-like words) that end a lead's name: "X chủ trì", "X xây dựng kế hoạch".
/// Folded, with a leading space. From the assignment sentences of the genre.
pub(crate) const VERBS: &[&str] = &[
    " chu tri",
    // a conclusion's acknowledgements ([`NOT_DIRECTIVE`]) end the subject's name too
    " danh gia",
    " ghi nhan",
    " bieu duong",
    " nhat tri",
    " thong nhat",
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
    " day nhanh",
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
    " cu the hoa",
    " tuyen truyen",
    " giup ",
    " xem xet",
    " tong hop",
    " dua ",
    " hoan thien",
    " hoan thanh",
    " tien hanh",
    " truc tiep",
    " co doi tuong",
    " theo linh vuc",
    " theo dia ban",
    " thong bao",
    " quan triet",
    " van dong",
    " rasoat",
    " cung co",
    " sap xep",
    " bao cao",
    " trinh ",
    " so ket",
    " tong ket",
    " lap ",
    " ho tro",
    " giai quyet",
    " chuan bi",
    " phu trach",
    " ra quan",
    // adverbs and verbs of a request to another body ("Đề nghị X sớm phân bổ …")
    " som ",
    " phan bo",
    " nghiem tuc",
    " quyet liet",
    " la co quan",
    // a year-end review and its paperwork ("Ban Thường vụ kiểm điểm tập thể …", "từng đảng viên
    // viết bản tự kiểm điểm, nộp …"), folding one plan into another, records kept up to date
    " kiem diem",
    " viet ban",
    " viet bai",
    " nop ",
    " long ghep",
    " cap nhat",
    " doi chieu",
    " lay y kien",
    " cho y kien",
    // drafting a document ("Văn phòng … soạn thảo Tờ trình …, trình …"), digitising records
    " soan thao",
    " du thao",
    " so hoa",
];

/// Names of bodies that contain a verb of [`VERBS`] ("Ủy ban Kiểm tra", "Ban Xây dựng
/// Đảng", "Ban Chỉ đạo"): a verb inside one of them does not end the lead.
const NAMES_WITH_VERBS: &[&str] = &[
    "uy ban kiem tra",
    "ban kiem tra",
    "ban xay dung dang",
    "ban chi dao",
    "ban chi huy",
    "to chuc chinh tri",
    "cac to chuc",
    "to chuc dang",
    "to chuc co so dang",
    "co quan tham muu",
    "doan kiem tra, giam sat",
    "doan kiem tra",
    "doan giam sat",
    "to giam sat",
    "to kiem tra",
    "thuong truc",
    "ban quan ly du an dau tu xay dung",
    "so xay dung",
    "phong kinh te, ha tang",
    "ban to chuc",
    "tham muu, giup viec",
    "trung tam chinh tri",
    "trung tam giao duc",
    // the commune's service centre of the 2025 structure ("Trung tâm Dịch vụ tổng hợp xã")
    "trung tam dich vu tong hop",
    // a drafting team ("Tổ soạn thảo văn kiện")
    "to soan thao",
    "to bien tap",
    "co quan, don vi",
    // nouns holding a verb: "các công trình trọng điểm", "Tờ trình"
    "cong trinh",
    "to trinh",
];

/// Openings of a sentence before its subject: "Thực hiện Kết luận …, các chi bộ …", "Trong
/// quá trình thực hiện, nếu có vấn đề phát sinh, Ban Thường vụ …".
const INTRO: &[&str] = &[
    "thuc hien ",
    "can cu ",
    "de ",
    "tren co so ",
    "trong qua trinh ",
    "qua trinh ",
    "neu ",
    "khi ",
    // a conclusion's topic before the speaker: "Về công tác …, đồng chí yêu cầu X …"; news of a
    // meeting: "Kết luận hội nghị, đồng chí đề nghị X …" (a guest's "Phát biểu chỉ đạo, …" gives
    // directions, not assignments)
    "ve ",
    "ket luan ",
    // the chair's closing words: "Phát biểu kết luận cuộc họp, đồng chí Bí thư đề nghị X …"
    "phat bieu ket luan ",
    // "Tại hội nghị, Chủ tịch UBND xã giao X chủ trì …"
    "tai ",
];

/// Words of a request in a conclusion told by its speaker ("đồng chí đề nghị …"): after "Đối
/// với X, …" the body asked is X.
const ASK: &[&str] = &[" de nghi ", " yeu cau ", " giao ", " chi dao "];

/// Words after a body's name that head the list of its duties: "Điều 2. Tổ công tác có nhiệm
/// vụ:", "Ban Chỉ đạo có trách nhiệm:".
const DUTY_HEADS: &[&str] =
    &[" co nhiem vu", " co trach nhiem", " chiu trach nhiem", " thuc hien cac nhiem vu", " thuc hien mot so nhiem vu"];

/// A unit named after the work: (word before its name, verbs that end the name).
/// From plans that state the work first ("…, do Văn phòng chịu trách nhiệm").
const LATE_LEAD: &[(&str, &[&str])] = &[
    (" do ", &[" chu tri", " chiu trach nhiem", " thuc hien", " phu trach", " la co quan thuong truc"]),
    (", giao cho ", &[" thuc hien", " chu tri", " chiu trach nhiem", " theo doi", " phu trach"]),
    (", giao ", &[" thuc hien", " chu tri", " chiu trach nhiem", " theo doi", " phu trach"]),
    (", ", &[" chiu trach nhiem", " la co quan thuong truc"]),
];

/// Words opening an assignment ("Giao X …", "Đề nghị X …"), folded, longest first.
const ASSIGN: &[&str] = &["giao cho ", "giao ", "phan cong ", "yeu cau ", "de nghi ", "chi dao "];

/// Verbs of a sentence that is not a directive although its subject is a unit: a
/// conclusion's acknowledgements and decisions, the closing formulae.
const NOT_DIRECTIVE: &[&str] = &[
    "ghi nhan",
    "thong nhat",
    "dong y",
    "bieu duong",
    "danh gia cao",
    "nhat tri",
    "ket luan",
    "keu goi",
    "hop thuong le",
    "chu tri hoi nghi",
    "chu tri cuoc hop",
    "chu tri phien hop",
    "chu toa",
    "sau khi nghe",
    "sau khi xem xet",
    "du hoi nghi",
    "tai hoi nghi",
    "hop dinh ky",
    "giao ban hang",
    // a meeting's opinions on a report ("Ban Thường vụ cho ý kiến về tiến độ …"): told, not assigned
    "cho y kien",
];

/// Closing formulae anywhere in a sentence: never a task.
const BOILERPLATE: &[&str] = &[
    "thong bao de",
    "thi hanh quyet dinh",
    "thi hanh nghi quyet nay",
    "chiu trach nhiem thi hanh",
    "co hieu luc",
    "de biet, thuc hien",
    "nhu sau",
    "neu co vuong mac",
    "neu co kho khan",
    "co kho khan, vuong mac",
    // a letter's or a notice's opening and closing requests ("đề nghị các cơ quan, đơn vị
    // thực hiện một số nội dung sau:", "… quan tâm thực hiện đúng thời gian quy định",
    // "yêu cầu … nghiêm túc triển khai thực hiện")
    "noi dung sau",
    "quan tam thuc hien",
    "nghiem tuc trien khai thuc hien",
];

/// Verbs that open an imperative clause without a subject ("Sơ kết … vào tháng 6/2026",
/// "Hoàn thành kè … trước ngày …"): with a due date and no unit, a deliverable.
const IMPERATIVE: &[&str] = &[
    "hoan thanh",
    "xay dung",
    "to chuc",
    "trien khai",
    "so ket",
    "tong ket",
    "ban hanh",
    "chinh trang",
    "chuyen doi",
    "ra soat",
    "kiem tra",
    "giam sat",
    "tham muu",
    "chi dao",
    "lanh dao",
    "tap trung",
    "day manh",
    "day nhanh",
    "thuc hien",
    "tuyen truyen",
    "quan triet",
    "hoan thien",
    "bo tri",
    "cung co",
    "lap ",
    "trinh ",
    "dang ky",
    "giai ngan",
    "khoi cong",
    "nghiem thu",
    "sap xep",
    "sua doi",
    "bo sung",
    "dieu chinh",
    "cho y kien",
    "danh gia",
    "kiem diem",
    "phe duyet",
    "nang cap",
    "nhua hoa",
    "be tong hoa",
    "cai tao",
    "lap dat",
    "phu song",
    "khao sat",
    "dao tao",
    "tap huan",
    "boi duong",
    "ket nap",
    "hoi nghi",
    "chuan bi",
    "bao cao",
    "huong dan",
    "cap nhat",
    "van dong",
    "tham hoi",
    "tham, tang",
    "tang qua",
];

/// Field labels of an assignment block (followed by ":"), folded, longest first within a
/// prefix, with their role.
const FIELDS: &[(&str, Field)] = &[
    ("co quan, don vi chu tri", Field::Lead),
    ("co quan chu tri", Field::Lead),
    ("don vi chu tri", Field::Lead),
    ("chu tri", Field::Lead),
    ("chu the thuc hien", Field::Lead),
    ("chu the kiem tra", Field::Lead),
    ("chu the giam sat", Field::Lead),
    ("co quan tham muu", Field::Staff),
    // a work programme's "Cơ quan chuẩn bị: …" (who prepares the item for the meeting)
    ("co quan chuan bi", Field::Staff),
    ("don vi chuan bi", Field::Staff),
    ("don vi tham muu", Field::Staff),
    ("co quan thuong truc", Field::Staff),
    ("don vi thuc hien", Field::Staff),
    ("co quan thuc hien", Field::Staff),
    ("trach nhiem thuc hien", Field::Staff),
    ("trach nhiem", Field::Staff),
    ("phan cong thuc hien", Field::Staff),
    ("phan cong chi dao", Field::Staff),
    ("phan cong", Field::Staff),
    ("nguoi thuc hien", Field::Staff),
    ("luc luong", Field::Team),
    ("co quan, don vi phoi hop", Field::Partner),
    ("co quan phoi hop", Field::Partner),
    ("don vi phoi hop", Field::Partner),
    ("phoi hop", Field::Partner),
    ("thoi gian thuc hien", Field::Time),
    ("thoi gian hoan thanh", Field::Time),
    ("thoi gian", Field::Time),
    ("thoi han hoan thanh", Field::Time),
    ("thoi han", Field::Time),
    ("han hoan thanh", Field::Time),
    ("tien do", Field::Time),
    ("doi tuong", Field::Other),
    ("noi dung", Field::Other),
    // what the task delivers (the fifth "rõ"); a "kết quả" label only right before its colon
    ("san pham dau ra", Field::Product),
    ("san pham du kien", Field::Product),
    ("san pham", Field::Product),
    ("hinh thuc van ban", Field::Product),
    ("ket qua, san pham", Field::Product),
    ("ket qua/san pham", Field::Product),
    ("ket qua can dat", Field::Product),
    ("ket qua du kien", Field::Product),
    ("ket qua", Field::Product),
    ("truong ban chi dao", Field::Other),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Lead,
    Staff,
    Team,
    Partner,
    Time,
    /// Sản phẩm / kết quả cần đạt.
    Product,
    Other,
}

/// Heading words of sections that set work to do, and of sections that report.
const FORWARD_HEADINGS: &[&str] = &[
    "phuong huong",
    "nhiem vu",
    "giai phap",
    "bien phap",
    "to chuc thuc hien",
    "phan cong",
    "noi dung kiem tra",
    "noi dung giam sat",
    "chuong trinh",
    "ke hoach",
    "de xuat",
];
/// In a report, the headings of its forward part only.
const REVIEW_FORWARD_HEADINGS: &[&str] = &[
    "phuong huong",
    "giai phap",
    "bien phap",
    "to chuc thuc hien",
    "nhiem vu trong tam",
    "nhiem vu nam",
    "nhiem vu 6 thang",
    "nhiem vu, giai phap",
    "de xuat",
    "kien nghi",
];
const BACKWARD_HEADINGS: &[&str] = &[
    "ket qua",
    "tinh hinh",
    "danh gia",
    "kiem diem",
    "han che",
    "nguyen nhan",
    "bai hoc",
    "uu diem",
    "khuyet diem",
    "thanh tuu",
    "dac diem",
];

fn strip_bullet(f: &str) -> &str {
    f.trim_start_matches(['*', '-', '+', '•', ' '])
}

/// A label at byte `p` of folded `f`: its role and the byte after its ':'.
fn label_at(f: &str, p: usize) -> Option<(Field, usize)> {
    let rest = &f[p..];
    for (k, role) in FIELDS {
        if let Some(r) = rest.strip_prefix(k) {
            if r.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                continue;
            }
            // "Cơ quan tham mưu xây dựng đề án và tổ chức thực hiện: …": a few more words before the colon
            let c = r.find(':')?;
            let between = &r[..c];
            // "Kết quả cụ thể như sau:" is no label: a product's label is right before its colon
            if *role == Field::Product && !between.trim().is_empty() {
                continue;
            }
            let words = between.split_whitespace().count();
            if words <= 8 && !between.contains(". ") && !between.contains([';', '(', ')']) {
                return Some((*role, f.len() - r.len() + c + 1));
            }
        }
    }
    None
}

/// The label a unit starts with ("- Thời gian: …").
fn field_of(u: &Unit) -> Option<Field> {
    let f = strip_bullet(&u.folded);
    // "Kết quả: …" opens no block (a report's lines say it too); it ends one ([`in_block`])
    label_at(f, 0).map(|x| x.0).filter(|_| !f.starts_with("ket qua"))
}

/// Whether a unit goes on with the field block above it: a field line, or a "Kết quả: …" line.
fn in_block(u: &Unit) -> bool {
    field_of(u).is_some() || label_at(strip_bullet(&u.folded), 0).is_some_and(|x| x.0 == Field::Product)
}

/// Every "Label: value" inside `s` (a label starts the text or follows "(", ";", ". ", ", ").
/// Returns (role, label start, value start, value end) in bytes of `s`.
fn inline_fields(s: &str) -> Vec<(Field, usize, usize, usize)> {
    let (f, map) = fold_map(s);
    let src = |fi: usize| map.get(fi).copied().unwrap_or(s.len());
    let fb = f.as_bytes();
    let mut hits: Vec<(Field, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < f.len() {
        let ok_start = i == 0 || {
            let prev = f[..i].trim_end_matches(' ');
            prev.is_empty() || prev.ends_with(['(', ';', '.', ',', '-', '*', '+', ':'])
        };
        if ok_start && fb[i].is_ascii_lowercase() {
            if let Some((role, after)) = label_at(&f, i) {
                hits.push((role, i, after));
                i = after;
                continue;
            }
        }
        i += 1;
        while i < f.len() && !f.is_char_boundary(i) {
            i += 1;
        }
    }
    let mut out = Vec::new();
    for (k, &(role, ls, vs)) in hits.iter().enumerate() {
        let next = hits.get(k + 1).map(|h| h.1).unwrap_or(f.len());
        // a value ends at the next label, a ";", a closing bracket or a sentence end
        let seg = &f[vs..next];
        let mut end = seg.len();
        // a product runs to the next label ("Hội nghị; báo cáo kết quả" is one)
        let stops: &[&str] = if role == Field::Product { &[")", ". "] } else { &["; ", ";", ")", ". "] };
        for stop in stops {
            // a bracket the value opens is the value's own ("Ủy ban nhân dân xã (Phòng Kinh tế)"):
            // only a ")" that closes what was open before the label ends it
            let p = if *stop == ")" { unmatched_close(seg) } else { seg.find(stop) };
            if let Some(p) = p {
                // "Phòng Kinh tế; Phòng Văn hóa": a ";" inside a lead/partner list is kept when the next label is right after
                end = end.min(p);
            }
        }
        if matches!(role, Field::Lead | Field::Staff | Field::Partner | Field::Team) {
            // a list "X; Y" before the next label stays in one value
            let tail: &[char] = &[' ', ';', '.', '(', ','];
            let mut upto = seg.trim_end_matches(tail);
            // a closing bracket at the end is trimmed unless the value opened it
            while upto.ends_with(')') && unmatched_close(upto).is_some() {
                upto = upto[..upto.len() - 1].trim_end_matches(tail);
            }
            if !upto.contains(". ") && unmatched_close(upto).is_none() && next < f.len() {
                end = upto.len();
            }
        }
        out.push((role, src(ls), src(vs), src(vs + end)));
    }
    out
}

/// Byte of the first ")" in `s` that closes no "(" of `s`.
fn unmatched_close(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn clean(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .trim_start_matches([',', ';', ':', '(', ' '])
        .trim_end_matches(['.', ',', ';', ':', '(', ' '])
        .trim()
        .to_string()
}

/// [`VERBS`] and [`NAMES_WITH_VERBS`] as automata, built once: every clause of every unit is
/// scanned for them.
static VERB_AC: LazyLock<AhoCorasick> = LazyLock::new(|| AhoCorasick::new(VERBS).expect("static patterns"));
static NAME_AC: LazyLock<AhoCorasick> = LazyLock::new(|| AhoCorasick::new(NAMES_WITH_VERBS).expect("static patterns"));

/// Protected byte ranges of folded `f`: names of bodies that contain a verb.
fn protected(f: &str) -> Vec<(usize, usize)> {
    NAME_AC.find_overlapping_iter(f).map(|m| (m.start(), m.end())).collect()
}

/// The first verb of [`VERBS`] after byte `from` of folded `f` (not inside a name).
fn first_verb(f: &str, from: usize) -> Option<usize> {
    let prot = protected(f);
    let mut verbs: Vec<usize> = VERB_AC
        .find_overlapping_iter(f)
        .map(|m| m.start())
        .filter(|&at| at > from && !prot.iter().any(|&(a, b)| at + 1 >= a && at < b))
        .collect();
    verbs.sort_unstable();
    verbs.dedup();
    // "đồng chí Phó Bí thư Đoàn xã phụ trách công tác xây dựng Đoàn chỉ đạo …": what a person
    // is in charge of is part of the name; after a comma ("đồng chí X, đảng viên, phụ trách
    // công tác an ninh, nắm tình hình …") it is the work
    let charge = |at: usize, next: Option<&usize>| {
        let lead = f.get(from..at).unwrap_or("");
        let obj = next.and_then(|&n| f.get(at + " phu trach ".len()..n)).unwrap_or("");
        f[at..].starts_with(" phu trach ")
            && (lead.contains("dong chi") || lead.contains("d/c"))
            && !lead.trim_end().ends_with(',')
            && !obj.contains(',')
            && (1..=8).contains(&obj.split_whitespace().count())
    };
    verbs.iter().enumerate().find(|&(i, &at)| !charge(at, verbs.get(i + 1))).map(|(_, &at)| at)
}

fn starts_org(f: &str) -> bool {
    // the genre's one lexicon of bodies (theodoi_text::lexicon), as a task's lead
    theodoi_text::starts_body(f, theodoi_text::BodyRole::Lead)
}

/// A lead's name is short, names a body or a person, and holds no figure or quote.
fn name_like(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let last = s.split_whitespace().last().map(fold).unwrap_or_default();
    let upper_words =
        s.split_whitespace().filter(|w| w.chars().count() > 1 && !w.chars().any(|c| c.is_lowercase())).count();
    // "Tổ công tác tự giải thể sau khi (hoàn thành …)": a clause, not a name
    !["va", "cua", "voi", "cac", "cho", "trong", "tai", "ve", "viec", "khi", "sau", "neu"].contains(&last.as_str())
        && !s.split_whitespace().any(|w| ["được", "đã", "là", "đang", "sẽ"].contains(&w))
        && upper_words < 4
        && (1..=30).contains(&words)
        && !s.contains([':', '“', '"', ';', '”'])
        && !s.chars().any(|c| c.is_ascii_digit())
}

/// Drop "(…)" asides that are not part of a name: "Ủy ban nhân dân xã (đồng chí Chủ tịch …
/// trực tiếp chỉ đạo)" → "Ủy ban nhân dân xã"; "(Phòng Kinh tế)" stays.
fn drop_asides(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(a) = rest.find('(') {
        let Some(b) = rest[a..].find(')') else { break };
        let inner = fold(&rest[a + 1..a + b]);
        out.push_str(&rest[..a]);
        if !(inner.contains("chi dao") || inner.contains("truc tiep") || inner.contains("qua ")) {
            out.push_str(&rest[a..a + b + 1]);
        }
        rest = &rest[a + b + 1..];
    }
    out.push_str(rest);
    clean(&out)
}

/// How a clause names its lead.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Subject {
    lead: String,
    /// "Giao …", "… chủ trì", "do … chủ trì", "Đề nghị …": an explicit assignment.
    explicit: bool,
    /// "Chỉ đạo X …": X is directed by the sentence's (unwritten) subject.
    directed: bool,
    /// Byte in the clause where the work begins (after the lead and its verb).
    work: usize,
}

/// The lead a clause names at its start (or in "do X chủ trì"), if any.
fn subject(clause: &str) -> Option<Subject> {
    let (f, map) = fold_map(clause);
    let src = |fi: usize| map.get(fi).copied().unwrap_or(clause.len());
    // leading bullets, and "Thực hiện Kết luận …, các chi bộ …": the subject after the comma
    let lead_ws = f.len() - f.trim_start_matches(['-', '+', '*', '•', ' ']).len();
    if let Some(s) = asked_body(clause, &f, &map, lead_ws) {
        return Some(s);
    }
    let mut start = lead_ws;
    // "Trong quá trình thực hiện, nếu có vấn đề phát sinh, Ban Thường vụ xem xét …"
    if INTRO.iter().any(|w| f[start..].starts_with(w)) {
        let mut from = start;
        for _ in 0..3 {
            let Some(c) = f[from..].find(", ") else { break };
            let after = from + c + 2;
            if starts_org(&f[after..]) || ASSIGN.iter().any(|w| f[after..].starts_with(w)) {
                start = after;
                break;
            }
            from = after;
        }
    }
    // "Các cơ quan được phân công chuẩn bị nội dung gửi tài liệu …": the bodies given the work
    // ("được giao / được phân công" + its work) are named by it; the clause's own verb comes after
    if let Some(s) = assigned_body(clause, &f, &map, start) {
        return Some(s);
    }
    let mut explicit = false;
    let mut at = start;
    // "Đảng ủy giao X …", "Đại hội giao X …", "Ban Thường vụ phân công đồng chí …"
    for w in [" giao ", " phan cong ", " yeu cau ", " de nghi "] {
        if let Some(p) = f[at..].find(w) {
            let head = &f[at..at + p];
            // "Đảng ủy giao X": a short name before "giao", no verb ("… tổ chức tốt Lễ giao nhận quân")
            if p <= 60
                && !head.contains(',')
                // a meeting asks too ("Hội nghị yêu cầu X …"); "Hội nghị giao ban" is a meeting's name
                && (starts_org(head) || head.starts_with("dai hoi") || head == "hoi nghi" && w != " giao ")
                && !head.ends_with("tuyen") // "Ban Tuyên giáo …" is a name
                && first_verb(&f[..at + p + 1], at).is_none()
            {
                at = at + p + w.len();
                explicit = true;
                break;
            }
        }
    }
    let mut directed = false;
    if !explicit {
        for w in ASSIGN {
            if f[at..].starts_with(w) {
                at += w.len();
                // "Chỉ đạo X …" names who is directed; the directive itself needs a forward context
                directed = *w == "chi dao ";
                explicit = !directed;
                break;
            }
        }
    }
    if !starts_org(&f[at..]) {
        // the unit named after the work: "Đề án … do Ủy ban nhân dân xã chủ trì xây dựng",
        // "Chuẩn bị …, do X chịu trách nhiệm", "…, giao cho X thực hiện", "…, X là cơ quan thường trực"
        for (open, verbs) in LATE_LEAD {
            let mut from = at;
            while let Some(p) = f[from..].find(open) {
                let s = from + p + open.len();
                from = s;
                if !starts_org(&f[s..]) {
                    continue;
                }
                let Some(q) = verbs.iter().filter_map(|v| f[s..].find(v)).min() else { continue };
                if q >= 90 {
                    continue;
                }
                let lead = drop_asides(&clause[src(s)..src(s + q)]);
                if name_like(&lead) && first_verb(&f[..s + q + 1], s).is_none() {
                    // the work is the whole clause
                    return Some(Subject { lead, explicit: true, directed: false, work: 0 });
                }
            }
        }
        return None;
    }
    let v = first_verb(&f, at)?;
    let lead = drop_asides(&clause[src(at)..src(v)]);
    if !name_like(&lead) || lead.is_empty() {
        return None;
    }
    let verb_f = &f[v..];
    // "Ủy ban nhân dân xã chỉ đạo Phòng Kinh tế hướng dẫn …": the body's office directed does
    // the work; a person directing ("Đồng chí Phó Bí thư chỉ đạo Ban …") and a unit asked or given
    // the work ("giao X chỉ đạo Y …") are in charge of it and keep it
    let person = f[at..].starts_with("dong chi") || f[at..].starts_with("d/c");
    if !explicit && !person && verb_f.starts_with(" chi dao ") {
        let y = v + " chi dao ".len();
        if starts_org(&f[y..]) {
            if let Some(v2) = first_verb(&f, y).filter(|&v2| v2 - y <= 60) {
                let doer = drop_asides(&clause[src(y)..src(v2)]);
                if name_like(&doer) && !doer.contains(',') {
                    return Some(Subject { lead: doer, explicit: false, directed: false, work: src(v2 + 1) });
                }
            }
        }
    }
    let explicit = explicit || verb_f.starts_with(" chu tri") || verb_f.starts_with(" tham muu");
    Some(Subject { lead, explicit, directed, work: src(v + 1) })
}

/// "Các cơ quan được phân công chuẩn bị nội dung gửi tài liệu …", "Các chi bộ được giao chỉ tiêu
/// vận động …": a body named by the work it was given (a passive "được giao / được phân công" and
/// that work) leads the verb after it. `None` unless the body's head opens the clause.
fn assigned_body(clause: &str, f: &str, map: &[usize], from: usize) -> Option<Subject> {
    let src = |fi: usize| map.get(fi).copied().unwrap_or(clause.len());
    if !starts_org(&f[from..]) {
        return None;
    }
    let (p, w) = [" duoc phan cong ", " duoc giao "].iter().filter_map(|w| f[from..].find(w).map(|p| (p, *w))).min()?;
    let head = &f[from..from + p];
    // a short name, no clause before it ("Văn phòng Đảng ủy được giao …", not "…, X tổ chức …")
    if p > 60 || head.contains(',') || first_verb(&f[..from + p + 1], from).is_some() {
        return None;
    }
    let given = from + p + w.len() - 1;
    // the work given has its verb ("chuẩn bị nội dung", "nhiệm vụ tổ chức hội nghị"); the
    // clause's own verb is the next one ("… | gửi tài liệu …"), else the work is the clause's
    let first = first_verb(f, given.saturating_sub(1))?;
    let v = first_verb(f, first + 1).filter(|&v| v - from <= 90).unwrap_or(first);
    if v - from > 90 {
        return None;
    }
    let body = drop_asides(&clause[src(from)..src(from + p)]);
    let lead = drop_asides(&clause[src(from)..src(v)]);
    // the body is a name; the work given it may hold what a name may not ("được")
    (name_like(&body) && !lead.contains([':', ';', '“', '"'])).then(|| Subject {
        lead,
        explicit: true,
        directed: false,
        work: src(v + 1),
    })
}

/// "Đối với Ủy ban Mặt trận Tổ quốc xã, đồng chí đề nghị tiếp tục vận động …": the body named
/// after "Đối với" is asked, when the request that follows names no other body.
fn asked_body(clause: &str, f: &str, map: &[usize], from: usize) -> Option<Subject> {
    let src = |fi: usize| map.get(fi).copied().unwrap_or(clause.len());
    let r = f[from..].strip_prefix("doi voi ")?;
    let s0 = f.len() - r.len();
    if !starts_org(r) {
        return None;
    }
    let c = r.find(", ")?;
    let name = drop_asides(&clause[src(s0)..src(s0 + c)]);
    let after = &f[s0 + c + 1..];
    let q = ASK.iter().filter_map(|w| after.find(w).map(|p| (p, p + w.len()))).min()?;
    let speaker = after[..q.0].trim();
    let ok_speaker = speaker.is_empty() || starts_org(speaker) && speaker.len() <= 60;
    (ok_speaker && !starts_org(&after[q.1..]) && name_like(&name)).then(|| Subject {
        lead: name,
        explicit: true,
        directed: false,
        work: src(s0 + c + 1 + q.1),
    })
}

/// A point of a list: an item, or a numbered sentence read as a sub-heading where nothing
/// above structures the text ("1. Xây dựng kế hoạch …, trình … trước ngày …").
fn point_like(u: &Unit) -> bool {
    u.kind == Kind::Item || u.kind == Kind::Heading && u.level >= 2 && u.text.trim_end().ends_with(['.', ';'])
}

/// The body whose duties a line heads ("Điều 2. Tổ công tác có nhiệm vụ:"), if any.
fn duty_head(b: &str) -> Option<String> {
    // the last sentence: "Điều 1. … làm Tổ trưởng. Điều 2. Tổ công tác có nhiệm vụ:" run together
    let b = sentences(b).last().map(|&(a, e)| &b[a..e]).unwrap_or(b);
    let t = b.trim().strip_suffix(':')?;
    let (f, map) = fold_map(t);
    // "Điều 2." before the name
    let from = match f.strip_prefix("dieu ") {
        Some(r) => {
            let n = r.bytes().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            f.len() - r[n..].trim_start_matches(['.', ':', ' ']).len()
        }
        None => 0,
    };
    let (p, w) = DUTY_HEADS.iter().filter_map(|w| f.find(w).map(|p| (p, *w))).min()?;
    let rest = f[p + w.len()..].trim();
    if p < from || !["", "sau", "nhu sau", "sau day", "cu the", "cu the nhu sau"].contains(&rest) {
        return None;
    }
    let lead = clean(&t[map.get(from).copied().unwrap_or(0)..map.get(p).copied().unwrap_or(t.len())]);
    (starts_org(&fold(&lead)) && name_like(&lead)).then_some(lead)
}

/// A line that sets the time of the items below it in a programme ("Tháng 1:", "Quý II",
/// "2. Quý III/2026"): its due date and text. Nothing but the time may stand on it.
fn group_time(u: &Unit, year: Option<i32>) -> Option<(String, String)> {
    let (b, _) = body(u);
    let t = b.trim().trim_end_matches(':').trim();
    let f = fold(t);
    if t.chars().count() > 24 || !(f.starts_with("thang ") || f.starts_with("quy ")) {
        return None;
    }
    let only_time = f.split(|c: char| !c.is_ascii_alphanumeric()).all(|w| {
        w.is_empty()
            || ["thang", "quy", "nam", "i", "ii", "iii", "iv"].contains(&w)
            || w.bytes().all(|c| c.is_ascii_digit())
    });
    if !only_time {
        return None;
    }
    Some((time_cell(t, year)?, t.to_string()))
}

/// The first subject among a text's clauses, also after a topic's colon ("Giám sát thường
/// xuyên: các đồng chí Ủy viên … dự sinh hoạt …").
fn find_subject(t: &str) -> Option<Subject> {
    clauses(t).iter().find_map(|&(a, z)| {
        let c = &t[a..z];
        subject(c).or_else(|| c.find(": ").and_then(|p| subject(&c[p + 2..])))
    })
}

/// The head of an inspection team: "Đoàn kiểm tra do đồng chí X, Phó Chủ nhiệm … làm
/// Trưởng đoàn", "Tổ giám sát do đồng chí X làm Tổ trưởng".
fn team_lead(s: &str) -> Option<String> {
    let (f, map) = fold_map(s);
    let src = |fi: usize| map.get(fi).copied().unwrap_or(s.len());
    let p = f.find(" do dong chi ").map(|p| p + 4).or_else(|| f.find("do dong chi ").filter(|&p| p == 0))?;
    let rest = &f[p..];
    let e = ["lam truong doan", "lam to truong", "lam truong to", "lam truong nhom"]
        .iter()
        .filter_map(|k| rest.find(k))
        .min()?;
    let lead = clean(&s[src(p)..src(p + e)]);
    name_like(&lead).then_some(lead)
}

/// Partners after "phối hợp (chặt chẽ) (với)".
fn partners_of(s: &str) -> Vec<String> {
    partners_span(s).map(|(a, e)| split_list(&s[a..e])).unwrap_or_default()
}

/// Where the partners after "phối hợp với" stand in `s` (bytes).
fn partners_span(s: &str) -> Option<(usize, usize)> {
    let (f, map) = fold_map(s);
    let p = f.find("phoi hop")?;
    let after = p + "phoi hop".len();
    let rest = &f[after..];
    let skip = ["chat che voi ", "voi ", "cung "].iter().find_map(|w| rest.trim_start().strip_prefix(w).map(|r| r));
    let start_f = f.len() - skip?.len();
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
        " huong dan",
        " van dong",
        " tham dinh",
        " khan truong",
        " ra soat",
        " so ket",
        " chuan bi",
        " tang cuong",
        " kiem tra",
        " giam sat",
        " tuyen truyen",
        " lap ",
        " cu the",
        " hoan thien",
        " bo tri",
    ]
    .iter()
    .filter_map(|k| rest_f.find(k))
    .filter(|&k| !protected(rest_f).iter().any(|&(a, b)| k + 1 >= a && k < b))
    // a partner's name ends where the clause's verb begins ("… với Ban Chỉ huy Quân sự xã bảo đảm …")
    .chain(first_verb(rest_f, 0))
    .min()
    .unwrap_or_else(|| crate::units::floor_char(rest_f, 160));
    let a = map.get(start_f).copied().unwrap_or(s.len());
    let e = map.get(start_f + end_rel).copied().unwrap_or(s.len()).max(a);
    Some((a, e))
}

/// The work of an assignment after its lead: "chủ trì, phối hợp với Y tham mưu ban hành …" →
/// "tham mưu ban hành …".
fn work_of(w: &str) -> &str {
    let wf = fold(w);
    let t = wf.trim_start();
    if !t.starts_with("chu tri") {
        return w;
    }
    let lead_ws = wf.len() - t.len();
    // "chủ trì" is 7 folded bytes and 10 source bytes ("chủ trì"): find it in the source
    let Some(cut) = w.char_indices().nth(lead_ws + 7).map(|(i, _)| i) else { return w };
    let rest = w[cut..].trim_start_matches([',', ' ']);
    if fold(rest).starts_with("phoi hop") {
        if let Some((_, e)) = partners_span(rest) {
            let r = rest[e..].trim_start_matches([',', ' ']);
            if !r.is_empty() {
                return r;
            }
        }
    }
    if rest.is_empty() {
        w
    } else {
        rest
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';']).flat_map(|x| x.split(" và ")).map(clean).filter(|x| x.chars().count() > 2 && x != "-").collect()
}

/// Sentences of `s`: byte ranges split after ". " before a capital (or "./.").
fn sentences(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut st = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'.' && i + 1 < b.len() && b[i + 1] == b' ' {
            let next = s[i + 1..].trim_start().chars().next();
            let prev_word: String = s[..i].chars().rev().take_while(|c| c.is_alphanumeric()).collect();
            let abbrev = prev_word.chars().count() <= 2 && prev_word.chars().all(|c| c.is_uppercase());
            if next.is_some_and(|c| c.is_uppercase() || c == '“' || c == '"') && !abbrev {
                out.push((st, i + 1));
                st = i + 2;
            }
        }
        i += 1;
    }
    if st < s.len() {
        out.push((st, s.len()));
    }
    out.into_iter().filter(|(a, b)| s[*a..*b].trim().len() > 1).collect()
}

/// Clauses of a sentence: split at "; " (byte ranges relative to the sentence).
fn clauses(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut st = 0;
    // not inside brackets
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth <= 0 => {
                out.push((st, i));
                st = i + 1;
            }
            _ => {}
        }
    }
    out.push((st, s.len()));
    out.into_iter().filter(|(a, b)| s[*a..*b].trim().len() > 1).collect()
}

/// Whether a section reads forward (work to do) or backward (a report), innermost first.
fn forward(u: &Unit, doc_type: DocType) -> bool {
    // the headings above decide; a point's own words ("… khắc phục hạn chế") do not
    let path: Vec<&str> = u.path_folded().collect();
    let dt = if u.doc_type != DocType::Other { u.doc_type } else { doc_type };
    // a news page tells what was done ("Hội phối hợp tổ chức 14 lớp …", past without "đã");
    // only a request it reports ("đồng chí yêu cầu X …", "giao X …") assigns
    if dt == DocType::TinBai {
        return false;
    }
    let review = matches!(
        dt,
        DocType::BaoCaoChinhTri
            | DocType::BaoCaoKiemDiem
            | DocType::BaoCaoTongKet
            | DocType::BaoCaoSoKet
            | DocType::BaoCao
            | DocType::ThongTinKetQuaDaiHoi
    );
    // a report's headings name "nhiệm vụ" in what was done; only its directions look forward
    let fwd_words: &[&str] = if review { REVIEW_FORWARD_HEADINGS } else { FORWARD_HEADINGS };
    for t in path {
        // a numbered sentence read as a heading ("2. Các chi bộ tổ chức họp kiểm điểm …, hoàn
        // thành trước ngày …") is a point, not a title that sets the section's direction
        if t.trim_end().ends_with(['.', ';']) {
            continue;
        }
        // "Mục đích, yêu cầu" states aims and requirements, not assignments
        let title = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ' || "ivx".contains(c));
        if t.contains("muc dich") || title.starts_with("yeu cau") {
            return false;
        }
        let fw = fwd_words.iter().filter_map(|k| t.find(k)).min();
        let bw = BACKWARD_HEADINGS.iter().filter_map(|k| t.find(k)).min();
        match (fw, bw) {
            // "Kết quả … và phương hướng": the first word of the title decides
            (Some(a), Some(b)) => return a < b,
            (Some(_), None) => return true,
            (None, Some(_)) => return false,
            _ => {}
        }
    }
    !review
}

/// A page number standing alone ("3", "- 2 -").
fn page_number(u: &Unit) -> bool {
    let t = u.text.trim().trim_matches(['-', ' ']);
    !t.is_empty() && t.len() <= 3 && t.bytes().all(|c| c.is_ascii_digit())
}

/// The single year a heading title names ("NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2026"), not a term.
fn title_year(t: &str) -> Option<i32> {
    // "… năm 2026", not "… nhiệm kỳ 2025" (a point read as a heading)
    let f = fold(t);
    let years: Vec<i32> = f
        .match_indices("nam ")
        .filter(|(p, _)| *p == 0 || !f.as_bytes()[p - 1].is_ascii_alphanumeric())
        .filter_map(|(p, _)| f.get(p + 4..p + 8))
        .filter_map(|y| y.parse().ok())
        .filter(|y| (1950..=2100).contains(y))
        .collect();
    match years.as_slice() {
        [y] => Some(*y),
        _ => None,
    }
}

/// A group line that sets the year of the items below it: "Năm 2026", "Năm 2025 (quý IV)".
fn group_year(u: &Unit) -> Option<i32> {
    let f = strip_bullet(&u.folded);
    let r = f.strip_prefix("nam ")?;
    let y: String = r.chars().take_while(|c| c.is_ascii_digit()).collect();
    let tail = r[y.len()..].trim();
    (y.len() == 4 && (tail.is_empty() || tail.starts_with('(')) && u.text.len() < 40).then(|| y.parse().ok()).flatten()
}

/// A task under construction: where it was read and what it says.
struct Cand {
    /// (unit index, start byte in unit text)
    from: (usize, usize),
    /// (unit index, end byte in unit text)
    to: (usize, usize),
    what: String,
    lead: Option<String>,
    partners: Vec<String>,
    deadline: Option<String>,
    deadline_text: Option<String>,
    /// The result or product expected, where the text states one.
    product: Option<String>,
}

struct Cx<'a> {
    doc: &'a Document,
    units: &'a [Unit],
    /// The year of the document's own date ([`own_year`]).
    own_year: Option<i32>,
}

/// The year of the document's date ("Bảo Yên Trung, ngày 15 tháng 5 năm 2026", read by ingest),
/// so "xong trước 30/6" falls in the plan's year.
fn own_year(doc: &Document) -> Option<i32> {
    doc.meta.date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

impl Cx<'_> {
    fn year(&self, i: usize, group: Option<i32>) -> Option<i32> {
        group.or_else(|| self.units[i].path.iter().rev().find_map(|(_, t)| title_year(t))).or(self.own_year)
    }

    fn task(&self, c: Cand) -> Task {
        let (ua, ub) = (&self.units[c.from.0], &self.units[c.to.0]);
        let ev = if c.from.0 == c.to.0 {
            ua.evidence(self.doc, c.from.1, c.to.1)
        } else {
            let a = ua.evidence(self.doc, c.from.1, ua.text.len());
            let b = ub.evidence(self.doc, 0, c.to.1.max(1));
            let span = a.span.join(b.span);
            Evidence { doc: self.doc.id.clone(), span, text: self.doc.span_text(span) }
        };
        let mut what = c.what;
        let product = product_of(&mut what, c.product);
        Task {
            id: String::new(),
            what,
            section: ua.section(),
            lead: c.lead.filter(|l| !l.is_empty()),
            partners: c.partners,
            deadline: c.deadline,
            deadline_text: c.deadline_text.filter(|t| !t.is_empty()),
            product,
            evidence: vec![ev],
        }
    }
}

/// Verbs that make or issue a document, right before its kind ("tham mưu ban hành Chương trình …").
const MAKE_VERBS: &[&str] = &["ban hanh", "xay dung", "tham muu", "lap", "soan thao", "hoan thien", "du thao"];
/// Verbs that hand a made document over, after it in the same clause: then it is what the task
/// delivers ("xây dựng kế hoạch …, gửi về Đảng ủy"); a plan made and not sent names no product.
const HAND_OVER: &[&str] = &["trinh", "gui"];
/// A product's text ends at a comma before one of these (folded; "kế hoạch kiểm tra, giám sát"
/// keeps its comma), at ";", ". ", a bracket, a hand-over verb or a time phrase.
const PRODUCT_ENDS: &[&str] = &[
    "trinh",
    "gui",
    "hoan thanh",
    "xong",
    "trong",
    "truoc",
    "cham nhat",
    "bao cao",
    "to chuc",
    "trien khai",
    "dong thoi",
    "bao dam",
    "dam bao",
    "thuc hien",
    "de",
    "sau do",
    "tham muu",
    "nop",
    "ket thuc",
    "thoi gian",
    "phan dau",
    "tap trung",
    "giao",
    "hoan thien",
    "xay dung",
    "ban hanh",
    "lap",
    "phe duyet",
    "cong khai",
    "tuyen truyen",
    "cu the hoa",
];
/// "…, sản phẩm là 02 hợp đồng liên kết …": the product stated in the sentence (folded openings).
const PRODUCT_IS: &[&str] = &["san pham la ", "san pham dau ra la ", "ket qua can dat la ", "san pham cuoi cung la "];

/// Whether the word at byte `p` of folded `f` hands a document over: "trình" after "chương",
/// "tờ", "quá" or "lộ" is part of a noun.
fn hands_over(f: &str, p: usize) -> bool {
    let w = &f[p..];
    let word = w.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let prev = f[..p].trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    HAND_OVER.contains(&word) && !(word == "trinh" && ["chuong", "to", "qua", "lo"].contains(&prev))
}

/// Bytes of `v` its opening product takes (see [`PRODUCT_ENDS`]).
fn product_end(v: &str) -> usize {
    let (f, map) = fold_map(v);
    let mut end = f.len();
    for stop in ["; ", ";", ". ", "(", ")", ":"] {
        if let Some(p) = f.find(stop) {
            end = end.min(p);
        }
    }
    for (p, _) in f.match_indices(", ") {
        let rest = &f[p + 2..];
        let at_word = |w: &&str| rest.starts_with(*w) && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric());
        if PRODUCT_ENDS.iter().any(at_word) && (!rest.starts_with("trinh") || hands_over(&f, p + 2)) {
            end = end.min(p);
            break;
        }
    }
    if let Some(p) = f.match_indices(' ').map(|m| m.0 + 1).find(|&p| hands_over(&f, p)) {
        end = end.min(p - 1);
    }
    if let Some(t) = task_deadline(v, None) {
        end = end.min(f.len().min(map.iter().position(|&b| b >= t.start).unwrap_or(f.len())));
    } else if let Some((a, _)) = recurring_time(v) {
        end = end.min(map.iter().position(|&b| b >= a).unwrap_or(f.len()));
    }
    map.get(end).copied().unwrap_or(v.len())
}

/// A product stated in the task's text ("…, sản phẩm là X"): (byte where the statement opens, X).
fn stated_product(s: &str) -> Option<(usize, String)> {
    let (f, map) = fold_map(s);
    let (p, k) = PRODUCT_IS.iter().filter_map(|k| f.find(k).map(|p| (p, k.len()))).min()?;
    let vs = map.get(p + k).copied()?;
    let v = clean(&s[vs..vs + product_end(&s[vs..])]);
    let open = map.get(p).copied()?;
    (!v.is_empty()).then_some((open, v))
}

/// The document a task makes and hands over or issues: "Tham mưu ban hành Chương trình kiểm tra
/// năm 2027" → "Chương trình kiểm tra năm 2027"; "xây dựng kế hoạch X, trình UBND xã" → "kế hoạch X".
fn document_product(s: &str) -> Option<String> {
    let (f, map) = fold_map(s);
    let word_at = |p: usize, w: &str| {
        f[p..].starts_with(w)
            && (p == 0 || !f[..p].ends_with(|c: char| c.is_alphanumeric()))
            && !f[p + w.len()..].starts_with(|c: char| c.is_alphanumeric())
    };
    for p in (0..f.len()).filter(|&p| f.is_char_boundary(p)) {
        // kinds of document a task makes ("xây dựng kế hoạch …, trình …" delivers the plan)
        let Some(kind) = theodoi_text::doc_kinds_folded(theodoi_text::KindRole::Made).iter().find(|k| word_at(p, k))
        else {
            continue;
        };
        let before = f[..p].trim_end();
        let verb = |b: &str| {
            MAKE_VERBS
                .iter()
                .copied()
                .find(|v| b.ends_with(v) && !b[..b.len() - v.len()].ends_with(char::is_alphanumeric))
        };
        // "xây dựng dự thảo báo cáo …": the draft is the product
        let (start, verb_f) = match verb(before) {
            Some("du thao") => {
                let b2 = before[..before.len() - "du thao".len()].trim_end();
                (before.len() - "du thao".len(), verb(b2))
            }
            v => (p, v),
        };
        let Some(verb_f) = verb_f else { continue };
        let src = map.get(start).copied()?;
        let len = product_end(&s[src..]);
        let product = clean(&s[src..src + len]);
        let pf = fold(&product);
        // "Kế hoạch này" is the document itself; "báo cáo" alone is a verb
        if pf.ends_with(" nay") || pf == *kind && *kind == "bao cao" {
            continue;
        }
        // the clause the document is made in, and a next one that opens by handing it over
        // ("xây dựng báo cáo …, trong đó đánh giá rõ …; gửi về Đảng ủy …")
        let mut clause_end = s[src + len..].find(';').map(|e| src + len + e).unwrap_or(s.len());
        if clause_end < s.len() {
            let next = fold(s[clause_end + 1..].trim_start());
            if HAND_OVER.iter().any(|w| next.starts_with(w) && !next[w.len()..].starts_with(char::is_alphanumeric)) {
                clause_end = s[clause_end + 1..].find(';').map(|e| clause_end + 1 + e).unwrap_or(s.len());
            }
        }
        let handed = {
            let rest = fold(&s[src + len..clause_end]);
            let rest = format!(" {rest}");
            rest.char_indices()
                .filter(|(_, c)| !c.is_alphanumeric())
                .any(|(p, c)| p + c.len_utf8() < rest.len() && hands_over(&rest, p + c.len_utf8()))
        };
        if verb_f == "ban hanh" || handed {
            return Some(product);
        }
    }
    None
}

/// The product of a task: as its label or column gives it, else as its text states it ("sản
/// phẩm là …", cut off `what`), else the document it makes and hands over.
fn product_of(what: &mut String, given: Option<String>) -> Option<String> {
    if let Some(p) = given.filter(|p| !p.is_empty()) {
        return Some(p);
    }
    if let Some((open, p)) = stated_product(what) {
        // "…, sản phẩm là X, hoàn thành …": the work ends before the statement
        let head = clean(&what[..open]);
        if !head.is_empty() {
            *what = head;
        }
        return Some(p);
    }
    document_product(what)
}

/// The due date a "Thời gian: …" value gives: a completion phrase ("Hoàn thành xây dựng
/// trong tháng 12/2025 và triển khai từ …") first, else the value read as a time cell.
fn field_time(v: &str, year: Option<i32>) -> Option<String> {
    match task_deadline(v, year) {
        Some(t) if t.rank == 1 => t.iso,
        _ => time_cell(v, year),
    }
}

/// Deadline and its text for a clause (or recurring time, with no date).
fn clause_time(s: &str, year: Option<i32>) -> (Option<String>, Option<String>) {
    if let Some(t) = task_deadline(s, year) {
        // "hoàn thành trong quý IV/2025": keep the verb that governs the time
        let phrase = |t: &theodoi_text::TaskTime| {
            let from = crate::units::floor_char(s, t.start.saturating_sub(30));
            let start = ["Hoàn thành", "hoàn thành", "xong"]
                .iter()
                .filter_map(|w| s[from..t.start].rfind(w).map(|p| from + p))
                .max()
                .unwrap_or(t.start);
            clean(&s[start..t.end])
        };
        // several milestones: the due date is the strongest, the text keeps them all
        let all: Vec<String> =
            task_deadlines(s, year).iter().filter(|m| m.rank <= 2 || m.start == t.start).map(phrase).collect();
        let text = if all.len() > 1 { all.join("; ") } else { phrase(&t) };
        return (t.iso, Some(text));
    }
    match recurring_time(s) {
        Some((a, b)) => (None, Some(clean(&s[a..b]))),
        None => (None, None),
    }
}

/// Whether a clause reports the past ("đã …") rather than assigns.
fn past(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric()).any(|w| w == "đã" || w == "Đã")
}

fn imperative(f: &str) -> bool {
    let f = strip_bullet(f);
    let f = f.strip_prefix("tap trung ").unwrap_or(f);
    IMPERATIVE.iter().any(|v| f.starts_with(v))
}

/// Tasks read from one unit's text `t` (bytes `off..` of the unit), sentence by sentence.
/// `inherited`: the lead a header or sub-heading gives to subjectless points.
#[allow(clippy::too_many_arguments)]
fn read_text(
    i: usize,
    t: &str,
    off: usize,
    inherited: Option<&str>,
    point: bool,
    fwd: bool,
    year: Option<i32>,
    out: &mut Vec<Cand>,
) {
    // a group of clauses sharing a subject: (start, end, subject)
    struct Group {
        a: usize,
        b: usize,
        subj: Option<Subject>,
        clauses: Vec<(usize, usize)>,
    }
    let mut groups: Vec<Group> = Vec::new();
    let sents = sentences(t);
    for (k, &(sa, sb)) in sents.iter().enumerate() {
        let s = &t[sa..sb];
        let mut cur: Option<Group> = None;
        for (ca, cb) in clauses(s) {
            let c = &s[ca..cb];
            let cf = fold(c);
            // "Đối với đảng viên: từng đảng viên viết bản tự kiểm điểm …": the subject after a topic
            let mut subj = subject(c).or_else(|| {
                let p = c.find(": ").filter(|&p| p < 80)?;
                let mut s = subject(&c[p + 2..])?;
                s.work += p + 2;
                Some(s)
            });
            // "đồng chí Chủ tịch … chịu trách nhiệm trước …": accountability, not a new task
            if subj.is_some() && cf.contains("chiu trach nhiem truoc") {
                subj = None;
            }
            let (a, b) = (sa + ca, sa + cb);
            match cur.as_mut() {
                Some(g) if subj.is_some() && g.subj.is_some() => {
                    // a new unit as subject opens a new task; its members ("Các chi hội xây dựng
                    // kế hoạch; mỗi hội viên đăng ký …, gửi danh sách … trước ngày …") go on with it
                    let members = subj.as_ref().is_some_and(|s| MEMBERS.iter().any(|m| fold(&s.lead).starts_with(m)));
                    if !cf.trim_start().starts_with("phan cong ") && !members {
                        let done = cur.take();
                        groups.extend(done);
                        cur = Some(Group { a, b, subj, clauses: vec![(a, b)] });
                    } else if let Some(g) = cur.as_mut() {
                        g.b = b;
                        g.clauses.push((a, b));
                    }
                }
                Some(g) => {
                    if g.subj.is_none() && subj.is_some() {
                        let head_f = fold(&t[g.a..g.b]);
                        let head_f = head_f.trim_start_matches(['-', '+', '*', ' ']);
                        if NOT_DIRECTIVE.iter().any(|w| head_f.starts_with(w)) {
                            // "Đồng ý chủ trương …; giao X chủ trì …": the task is the assignment
                            g.a = a;
                            g.clauses.clear();
                        }
                        g.subj = subj;
                    }
                    g.b = b;
                    g.clauses.push((a, b));
                }
                None => cur = Some(Group { a, b, subj, clauses: vec![(a, b)] }),
            }
        }
        groups.extend(cur);
        // in a numbered point, a sentence without a subject joins the next one that has it
        let _ = k;
    }
    // a point's subjectless first sentence and a later sentence naming the lead are one task
    if point && groups.len() > 1 && groups[0].subj.is_none() && inherited.is_none() {
        if let Some(j) = groups.iter().position(|g| g.subj.is_some()) {
            if j == 1 && groups.iter().skip(2).all(|g| g.subj.is_none()) {
                let first_a = groups[0].a;
                let mut cl = std::mem::take(&mut groups[0].clauses);
                cl.extend(groups[1].clauses.iter().copied());
                groups[1].a = first_a;
                groups[1].clauses = cl;
                groups.remove(0);
            }
        }
    }
    // in a point, a subjectless sentence continues the task before it
    if point || inherited.is_some() {
        let mut merged: Vec<Group> = Vec::new();
        for g in groups {
            match merged.last_mut() {
                Some(p) if g.subj.is_none() && (p.subj.is_some() || inherited.is_some()) => {
                    p.b = g.b;
                    p.clauses.extend(g.clauses);
                }
                _ => merged.push(g),
            }
        }
        groups = merged;
    }
    for mut g in groups {
        if inherited.is_some() && g.subj.as_ref().is_some_and(|s| s.directed) {
            g.subj = None;
        }
        let text = &t[g.a..g.b];
        let tf = fold(text);
        // "Ban Thường vụ ghi nhận …", "Thống nhất thành lập …": the verb after the subject decides
        let verb_f = match g.subj.as_ref() {
            Some(s) => fold(text.get(s.work..).unwrap_or("")),
            None => tf.clone(),
        };
        let verb_f = verb_f.trim_start_matches(['-', '+', '*', ' ']);
        let tf_s = tf.trim_start_matches(['-', '+', '*', ' ']);
        if BOILERPLATE.iter().any(|w| tf.contains(w)) {
            continue;
        }
        // "Kết luận hội nghị, đồng chí đề nghị X …": an opening before an explicit request is no verb
        let asked = g.subj.as_ref().is_some_and(|s| s.explicit);
        if g.subj.is_some() && NOT_DIRECTIVE.iter().any(|w| verb_f.starts_with(w) || !asked && tf_s.starts_with(w)) {
            continue;
        }
        let lead = g.subj.as_ref().map(|s| s.lead.clone()).or_else(|| inherited.map(str::to_string));
        match lead {
            Some(lead) => {
                let explicit = g.subj.as_ref().is_some_and(|s| s.explicit) || inherited.is_some();
                let (dl, dt) = clause_time(text, year);
                // "X đã …" reports; "… quần chúng đã qua lớp …" later in the clause does not
                let after = g.subj.as_ref().and_then(|s| text.get(s.work.saturating_sub(1)..)).unwrap_or(text);
                let head: String = after.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
                if past(&head) && !explicit {
                    continue;
                }
                // a subject-led sentence is a directive only where the text looks forward
                if !(explicit || fwd) {
                    continue;
                }
                let what = match g.subj.as_ref() {
                    Some(s) if s.work > 0 && s.work <= text.len() && g.clauses.len() == 1 => {
                        let w = clean(work_of(&text[s.work..]));
                        let mut cs = w.chars();
                        // a task reads as a sentence: "Tham mưu ban hành …"
                        cs.next().map(|c| c.to_uppercase().collect::<String>() + cs.as_str()).unwrap_or(w)
                    }
                    _ => clean(text),
                };
                let mut partners = partners_of(text);
                partners.retain(|p| p != &lead);
                out.push(Cand {
                    from: (i, off + g.a),
                    to: (i, off + g.b),
                    what,
                    lead: Some(lead),
                    partners,
                    deadline: dl,
                    deadline_text: dt,
                    product: None,
                });
            }
            None => {
                if !fwd {
                    continue;
                }
                // subjectless deliverables with their own due date, clause by clause
                for (a, b) in g.clauses {
                    let c = &t[a..b];
                    // "Bảo tồn …: khôi phục …": the work after a topic's colon
                    let (c, a) = match c.find(": ") {
                        Some(p) if p < 200 => (&c[p + 2..], a + p + 2),
                        _ => (c, a),
                    };
                    let cf = fold(c);
                    let cf = cf.trim_start_matches([' ', ',']);
                    if !imperative(cf) || past(c) {
                        continue;
                    }
                    let Some(tt) = task_deadline(c, year) else { continue };
                    // "đến năm 2030" with no unit is a goal's horizon, not a deliverable's due date
                    let within_year = fold(&c[tt.start..]).starts_with("trong nam");
                    if tt.rank > 2 || tt.iso.as_ref().is_none_or(|d| d.len() <= 4 && !within_year) {
                        continue;
                    }
                    let (dl, dt) = clause_time(c, year);
                    out.push(Cand {
                        from: (i, off + a + (c.len() - c.trim_start().len())),
                        to: (i, off + b),
                        what: clean(c),
                        lead: None,
                        partners: vec![],
                        deadline: dl,
                        deadline_text: dt,
                        product: None,
                    });
                }
            }
        }
    }
}

/// The line of a news page's headline: its first line of text once the frame (trail, date
/// line) is cleared, when it reads as a title (no full stop). The headline repeats what the
/// article tells ("Bí thư yêu cầu …" told again below), so it is never a task of its own.
fn news_headline(doc: &Document, doc_type: DocType) -> Option<u32> {
    if doc_type != DocType::TinBai {
        return None;
    }
    let l = doc.lines.iter().find(|l| !l.text.trim().is_empty())?;
    let t = l.text.trim_end();
    (!t.ends_with(['.', ';', ':']) && t.chars().count() <= 250).then_some(l.no)
}

/// All tasks of a document's running text.
pub(crate) fn tasks(doc: &Document, units: &[Unit], doc_type: DocType) -> Vec<Task> {
    let cx = Cx { doc, units, own_year: own_year(doc) };
    let mut cands: Vec<Cand> = Vec::new();
    let mut used = vec![false; units.len()];
    let mut closing = false;
    let mut year_group: Option<i32> = None;
    // "Giao Ủy ban nhân dân xã (…):" gives its lead to the bullets below
    let mut header_lead: Option<String> = None;
    // "Tháng 1:", "2. Quý II": the time a programme's items below fall in, per unit
    let mut time_group: Option<(String, String)> = None;
    let mut unit_time: Vec<Option<(String, String)>> = vec![None; units.len()];
    let headline = news_headline(doc, doc_type);
    let lists = staff_lists(units);
    for i in 0..units.len() {
        let u = &units[i];
        if headline == Some(u.start()) {
            continue;
        }
        let fb = strip_bullet(&u.folded);
        if u.kind == Kind::Heading && u.level <= 1 {
            closing = false;
            year_group = None;
        }
        if fb.starts_with("noi nhan") || fb.starts_with("tren day la") || fb.starts_with("t/m ") {
            closing = true;
        }
        // the "Nơi nhận:" list and the signature block are no units: a name printed under them
        // ("Trương Minh Khang") still closes the document
        let gap =
            i.checked_sub(1).map(|p| units[p].end() as usize..(u.start() as usize).saturating_sub(1)).unwrap_or(0..0);
        // (a heading after them opens the next part of the file)
        if u.kind != Kind::Heading
            && doc.lines.get(gap).is_some_and(|ls| {
                ls.iter().any(|l| {
                    let f = fold(crate::units::slice_chars(l.text.trim_start(), 0, 16));
                    f.starts_with("noi nhan") || f.starts_with("t/m ") || f.starts_with("tm. ")
                })
            })
        {
            closing = true;
        }
        if closing || used[i] || page_number(u) {
            continue;
        }
        if let Some(y) = group_year(u) {
            year_group = Some(y);
            continue;
        }
        if header_lead.is_some() && !point_like(u) {
            header_lead = None;
        }
        if u.kind == Kind::Heading {
            time_group = None;
        }
        if let Some(g) = group_time(u, cx.year(i, year_group)) {
            time_group = Some(g);
            continue;
        }
        unit_time[i] = time_group.clone();
        // "Điều 2. Tổ công tác có nhiệm vụ:" gives its lead to the points below
        if let Some(l) = duty_head(body(u).0) {
            header_lead = Some(l);
            used[i] = true;
            continue;
        }
        let year = cx.year(i, year_group);
        let fwd = forward(u, doc_type);
        // (a) a field block: the head line (and its "-" points) with the "Label: value" lines below
        if field_of(u).is_some() {
            let mut s = i;
            let mut k = i;
            while k > 0 && i - k < 6 {
                k -= 1;
                let p = &units[k];
                if page_number(p) {
                    continue;
                }
                if p.kind == Kind::Heading {
                    // a numbered point read as a heading heads its own block
                    if p.level >= 2 {
                        s = k;
                    }
                    break;
                }
                if field_of(p).is_some() {
                    s = k;
                    continue;
                }
                if used[k] && !cands.iter().any(|c| c.from.0 == k) {
                    break;
                }
                s = k;
                if p.marker.as_deref() == Some("*") || p.marker.is_none() || p.marker.as_deref() != Some("-") {
                    break;
                }
            }
            let mut e = i;
            while e + 1 < units.len() && (in_block(&units[e + 1]) || page_number(&units[e + 1])) {
                e += 1;
            }
            while e > i && page_number(&units[e]) {
                e -= 1;
            }
            cands.retain(|c| c.from.0 < s || c.from.0 > e);
            let mut lead: Option<String> = None;
            let mut staff: Vec<String> = Vec::new();
            let mut partners: Vec<String> = Vec::new();
            let mut time: Option<String> = None;
            let mut product: Option<String> = None;
            let mut what_parts = Vec::new();
            let mut subj_lead = None;
            for b in &units[s..=e] {
                if page_number(b) {
                    continue;
                }
                let bt = &b.text;
                let fields = inline_fields(bt);
                let first = fields.first().map(|f| f.1).unwrap_or(bt.len());
                if !in_block(b) {
                    let head = &bt[..first];
                    let (hb, _) = body_of(head, b);
                    if !hb.is_empty() {
                        if subj_lead.is_none() {
                            subj_lead = find_subject(hb).map(|s| s.lead);
                        }
                        what_parts.push(clean(hb));
                    }
                }
                for (role, _, vs, ve) in fields {
                    absorb(role, &bt[vs..ve], lists, &mut lead, &mut staff, &mut partners, &mut time, &mut product);
                }
                if let Some(t) = team_lead(bt) {
                    staff.insert(0, t);
                }
            }
            let lead = lead.or_else(|| (!staff.is_empty()).then(|| staff.remove(0))).or(subj_lead);
            for st in staff {
                if lead.as_deref() != Some(st.as_str()) && !partners.contains(&st) {
                    partners.insert(0, st);
                }
            }
            let all: String = units[s..=e].iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join(" ");
            let (deadline, deadline_text) = match &time {
                Some(t) => (field_time(t, year), Some(clean(t))),
                None => clause_time(&all, year),
            };
            for x in used.iter_mut().take(e + 1).skip(s) {
                *x = true;
            }
            cands.push(Cand {
                from: (s, 0),
                to: (e, units[e].text.len()),
                what: what_parts.join("; "),
                lead,
                partners,
                deadline,
                deadline_text,
                product,
            });
            continue;
        }
        if u.kind == Kind::Heading && u.level <= 1 {
            continue;
        }
        let (b, boff) = body(u);
        // (b) "Giao X (…):" — its bullets are X's tasks
        let bt = b.trim_end();
        if bt.ends_with(':') && u.kind != Kind::Heading {
            let f = fold(bt);
            let giao = f.starts_with("giao ") || subject(bt).is_some_and(|s| s.explicit) && f.contains(" giao ");
            if giao {
                let inner = drop_asides(bt.trim_end_matches(':'));
                let lead = subject(&format!("{inner} thực hiện")).map(|s| s.lead);
                if let Some(l) = lead {
                    header_lead = Some(l);
                    used[i] = true;
                    continue;
                }
            }
        }
        // the lead a header or the sub-heading of a section sharing out the work gives
        let in_tcth = u.path_f.iter().any(|t| t.contains("to chuc thuc hien"));
        let mut inherited = header_lead.clone().filter(|_| point_like(u));
        // sections that share out the work: "TỔ CHỨC THỰC HIỆN", "PHÂN CÔNG NHIỆM VỤ", "TRÁCH NHIỆM …"
        let assigning = in_tcth || u.path_f.iter().any(|t| t.contains("phan cong") || t.contains("trach nhiem"));
        if inherited.is_none() && assigning {
            // "1. Văn phòng Đảng ủy" over its "-" points
            let sub = u.path.last().filter(|(lv, t)| *lv >= 2 && !fold(t).contains("to chuc thuc hien"));
            inherited = sub.map(|(_, t)| t.split_once(' ').map(|x| x.1.to_string()).unwrap_or_default()).filter(|t| {
                let f = fold(t);
                starts_org(&f) && !t.contains(':') && name_like(t) && first_verb(&f, 0).is_none()
            });
        }
        // (c) a unit with inline fields ("…; Cơ quan tham mưu: X.", "(Thời gian: …; Cơ quan tham mưu: …)",
        // "Trách nhiệm thực hiện: X chủ trì, phối hợp với Y; hoàn thành …", "thời gian: …")
        let fields = inline_fields(b);
        let useful = fields.iter().any(|f| !matches!(f.0, Field::Other | Field::Product));
        if useful {
            let first = fields[0].1;
            // the task is the sentence the first label belongs to (or the one before it)
            let sents = sentences(b);
            let si = sents.iter().rposition(|&(a, _)| a <= first).unwrap_or(0);
            let (mut sa, _) = sents.get(si).copied().unwrap_or((0, b.len()));
            if b[sa..first].trim().trim_start_matches(['(', ' ']).is_empty() && si > 0 {
                sa = sents[si - 1].0;
            }
            // earlier sentences are read on their own
            if sa > 0 {
                read_text(i, &b[..sa], boff, header_lead.as_deref(), false, fwd, year, &mut cands);
            }
            let head = &b[sa..first];
            let mut lead = None;
            let mut staff = Vec::new();
            let mut partners = partners_of(head);
            let mut time = None;
            let mut product = None;
            for &(role, _, vs, ve) in &fields {
                absorb(role, &b[vs..ve], lists, &mut lead, &mut staff, &mut partners, &mut time, &mut product);
            }
            let subj = find_subject(head);
            let lead = lead
                .or_else(|| (!staff.is_empty()).then(|| staff.remove(0)))
                .or_else(|| team_lead(b))
                .or_else(|| subj.as_ref().map(|s| s.lead.clone()))
                // "2.4. Ban Xây dựng Đảng:" over "- Hướng dẫn …; thời gian hoàn thành: …"
                .or_else(|| inherited.clone());
            for st in staff {
                if lead.as_deref() != Some(st.as_str()) && !partners.contains(&st) {
                    partners.insert(0, st);
                }
            }
            let (deadline, deadline_text) = match &time {
                Some(t) => (field_time(t, year), Some(clean(t))),
                None => clause_time(&b[sa..], year),
            };
            if lead.is_some() || deadline.is_some() {
                used[i] = true;
                let what = clean(head.trim_end_matches(['(', ' ']));
                cands.push(Cand {
                    from: (i, boff + sa),
                    to: (i, u.text.len()),
                    what: if what.is_empty() { clean(b) } else { what },
                    lead,
                    partners,
                    deadline,
                    deadline_text,
                    product,
                });
                continue;
            }
        }
        // (d) "Ngày 15/01 hằng năm, … gửi …": a recurring date heads the sentence
        let bfold = strip_bullet(&u.folded);
        let recurring = (bfold.starts_with("ngay ")
            || bfold.starts_with("truoc ngay ")
            || bfold.starts_with("hang nam, truoc ngay "))
            && bfold.split(',').next().is_some_and(|h| h.contains("hang nam") || bfold.starts_with("hang nam"));
        if recurring && fwd {
            let head_end = b.find(',').unwrap_or(0);
            let rest = b[head_end..].trim_start_matches([',', ' ']);
            let rest = rest.strip_prefix("bắt đầu từ ").unwrap_or(rest);
            let lead = legacy_lead(rest);
            used[i] = true;
            cands.push(Cand {
                from: (i, 0),
                to: (i, u.text.len()),
                what: clean(b),
                lead,
                partners: partners_of(b),
                deadline: None,
                deadline_text: Some(clean(&b[..head_end])),
                product: None,
            });
            continue;
        }
        // (e) points and sentences: subject-led, assigned, or deliverables with a date
        let point = u.marker.is_some();
        let before = cands.len();
        // a political report's directions are aims; its assignments are explicit or in TỔ CHỨC THỰC HIỆN
        let dt = if u.doc_type != DocType::Other { u.doc_type } else { doc_type };
        let fwd = if dt == DocType::BaoCaoChinhTri { in_tcth } else { fwd || in_tcth };
        // a sentence cut by the line splitter ("… nhiệm kỳ 2025" | "- 2030, trong tháng 7/2026."):
        // read on into the short unit that ends it
        let cont = units.get(i + 1).filter(|n| {
            let open = !b.trim_end().ends_with(['.', ';', ':', '!', '?', ')']) && subject(b).is_some();
            open && n.kind != Kind::Heading && n.text.len() < 140 && n.text.trim_end().ends_with('.') && !used[i + 1]
        });
        let joined;
        let text = match cont {
            Some(n) => {
                joined = format!("{} {}", u.text, n.text);
                &joined[boff..]
            }
            None => b,
        };
        read_text(i, text, boff, inherited.as_deref(), point, fwd, year, &mut cands);
        if cands.len() > before {
            used[i] = true;
            if cont.is_some() {
                used[i + 1] = true;
                // offsets past this unit's text fall in the next unit
                let len = u.text.len();
                for c in cands.iter_mut().skip(before) {
                    for end in [&mut c.from, &mut c.to] {
                        if end.0 == i && end.1 > len {
                            *end = (i + 1, (end.1 - len - 1).min(units[i + 1].text.len()));
                        }
                    }
                }
            }
        }
    }
    // "- Kết quả: …" / "- Sản phẩm: …" right under a task read from prose (no field block took it):
    // the expected result of that task
    for (i, u) in units.iter().enumerate().skip(1) {
        let Some((Field::Product, _)) = label_at(strip_bullet(&u.folded), 0) else { continue };
        let Some(c) = cands.iter_mut().find(|c| c.to.0 == i - 1 && c.product.is_none()) else { continue };
        let Some(&(_, _, vs, ve)) = inline_fields(&u.text).iter().find(|f| f.0 == Field::Product) else { continue };
        let v = clean(&u.text[vs..ve]);
        if !v.is_empty() {
            c.product = Some(v);
            c.to = (i, u.text.len());
        }
    }
    // an item with no time of its own falls in its group's month or quarter
    for c in cands.iter_mut().filter(|c| c.deadline.is_none() && c.deadline_text.is_none()) {
        if let Some((iso, text)) = unit_time.get(c.from.0).cloned().flatten() {
            c.deadline = Some(iso);
            c.deadline_text = Some(text);
        }
    }
    let mut out: Vec<Task> = cands.into_iter().map(|c| cx.task(c)).collect();
    out.sort_by_key(|t| t.evidence.first().map(|e| e.span.start).unwrap_or(0));
    for (i, t) in out.iter_mut().enumerate() {
        t.id = format!("K{}", i + 1);
    }
    out
}

/// The body of a head text (without the unit's marker).
fn body_of<'a>(head: &'a str, u: &Unit) -> (&'a str, usize) {
    let mk = u.marker.as_deref().unwrap_or("");
    let off = if head.starts_with(mk) { mk.len() } else { 0 };
    let rest = &head[off..];
    let t = rest.trim_start_matches([' ', '.', ':']);
    (t.trim_end_matches(['(', ' ', ';']), head.len() - t.len())
}

/// The lead at the start of free text (recurring-date sentences): words before the first verb.
fn legacy_lead(s: &str) -> Option<String> {
    let (f, map) = fold_map(s);
    let v = first_verb(&f, 0)?;
    let lead = clean(&s[..map.get(v).copied().unwrap_or(s.len())]);
    (!lead.is_empty() && name_like(&lead)).then_some(lead)
}

/// How a document's staff field ("Cơ quan tham mưu: A, B") reads a list of bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StaffList {
    /// The form has a partner field of its own ("Cơ quan phối hợp: …"): the bodies listed as
    /// staff lead together, one lead "A, B".
    CoLeads,
    /// No partner field: the first named prepares, the others join it.
    FirstLeads,
}

/// [`StaffList`] of a document's blocks: a form that gives partners a field of their own
/// anywhere keeps its staff lists whole everywhere (a block may leave its partner field out).
fn staff_lists(units: &[Unit]) -> StaffList {
    let partner_field = units.iter().any(|u| {
        let f = u.folded.as_str();
        f.contains("phoi hop:") && inline_fields(&u.text).iter().any(|x| x.0 == Field::Partner)
    });
    if partner_field {
        StaffList::CoLeads
    } else {
        StaffList::FirstLeads
    }
}

/// Fill lead / staff / partners / time from one field value.
#[allow(clippy::too_many_arguments)]
fn absorb(
    role: Field,
    v: &str,
    lists: StaffList,
    lead: &mut Option<String>,
    staff: &mut Vec<String>,
    partners: &mut Vec<String>,
    time: &mut Option<String>,
    product: &mut Option<String>,
) {
    let v = clean(v);
    if v.is_empty() {
        return;
    }
    match role {
        Field::Lead => {
            if let Some(old) = lead.take() {
                partners.insert(0, old);
            }
            *lead = Some(v);
        }
        Field::Staff => {
            // "Trách nhiệm thực hiện: X chủ trì, phối hợp với Y"
            let s = subject(&v);
            match s {
                Some(s) => {
                    partners.extend(partners_of(&v));
                    staff.push(s.lead);
                }
                None => {
                    // "Ban Xây dựng Đảng, Ủy ban Kiểm tra Đảng ủy": the first named prepares, the
                    // others join ("và" stays inside a name: "Văn phòng HĐND và UBND xã")
                    let names: Vec<String> = v.split([',', ';']).map(clean).filter(|n| !n.is_empty()).collect();
                    if lists == StaffList::FirstLeads
                        && names.len() > 1
                        && names.iter().all(|n| starts_org(&fold(n)) && name_like(n))
                    {
                        staff.push(names[0].clone());
                        partners.extend(names[1..].iter().cloned());
                    } else {
                        staff.push(drop_asides(&v))
                    }
                }
            }
        }
        Field::Team => {
            if let Some(t) = team_lead(&format!(" {v}")) {
                staff.insert(0, t);
            }
        }
        Field::Partner => partners.extend(split_list(&v)),
        Field::Time => {
            if time.is_none() {
                *time = Some(v);
            }
        }
        Field::Product => {
            // "Sản phẩm: Hội nghị; báo cáo kết quả" on two lines of a block: both
            *product = Some(match product.take() {
                Some(p) => format!("{p}; {v}"),
                None => v,
            });
        }
        Field::Other => {}
    }
}

/// Tasks from a table of assignments (Kế hoạch tables: Nội dung | Cơ quan chủ trì |
/// Cơ quan phối hợp | Thời gian hoàn thành), as ingest rebuilt it. Returns the tasks
/// and the spans of the tables read, so their lines are not read again as prose.
pub(crate) fn table_tasks(doc: &Document) -> (Vec<Task>, Vec<LineSpan>) {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    let year = own_year(doc);
    for t in &doc.tables {
        let hf: Vec<String> = t.header.iter().map(|h| fold(h)).collect();
        let col = |keys: &[&str]| hf.iter().position(|h| keys.iter().any(|k| h.contains(k)));
        // "Cơ quan chủ trì", else "Đơn vị thực hiện" / "Trách nhiệm" (a results table's "Thực hiện" is a value)
        let Some(lead_c) = col(&["chu tri"])
            .or_else(|| {
                col(&["don vi thuc hien", "co quan thuc hien", "bo phan thuc hien", "trach nhiem", "phan cong"])
            })
            .filter(|&c| !hf[c].contains("thoi gian") && !hf[c].contains("ket qua"))
        else {
            continue;
        };
        let what_c = col(&["noi dung", "nhiem vu", "cong viec", "ten "]).or_else(|| col(&["ten"]));
        let Some(what_c) = what_c.filter(|&c| c != lead_c) else { continue };
        let partner_c = col(&["phoi hop"]).filter(|&c| c != lead_c);
        let time_c = col(&["thoi gian", "thoi han", "tien do", "hoan thanh"]).filter(|&c| c != lead_c && c != what_c);
        // "Sản phẩm", "Kết quả, sản phẩm", "Hình thức văn bản"; a bare "Kết quả" column only if it
        // is not a report of progress ("Kết quả thực hiện", "Kết quả đạt được")
        let product_c = col(&["san pham", "hinh thuc van ban", "hinh thuc san pham"])
            .or_else(|| col(&["ket qua"]).filter(|&c| !hf[c].contains("thuc hien") && !hf[c].contains("dat duoc")))
            .filter(|&c| c != lead_c && c != what_c && Some(c) != partner_c && Some(c) != time_c);
        spans.push(t.span);
        for r in t.rows.iter().filter(|r| !r.is_group) {
            let cell = |c: usize| r.cells.get(c).map(|x| clean(&x.text)).unwrap_or_default();
            let mut what = cell(what_c);
            if what.is_empty() {
                continue;
            }
            let product = product_of(&mut what, product_c.map(cell).filter(|p| p != "-"));
            let time = time_c.map(cell).unwrap_or_default();
            let deadline = time_cell(&time, year);
            let span = r.span;
            out.push(Task {
                id: String::new(),
                what,
                section: t.title.clone(),
                lead: Some(cell(lead_c)).filter(|l| !l.is_empty() && l != "-"),
                partners: partner_c.map(|c| split_list(&cell(c))).unwrap_or_default(),
                deadline,
                deadline_text: Some(time).filter(|x| !x.is_empty()),
                product,
                evidence: vec![Evidence { doc: doc.id.clone(), span, text: doc.span_text(span) }],
            });
        }
    }
    (out, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects() {
        let s = |t: &str| subject(t).map(|s| (s.lead, s.explicit));
        let cases: &[(&str, Option<(&str, bool)>)] = &[
            (
                "Giao Ban Dân vận Đảng ủy chủ trì, phối hợp với Hội Nông dân xã khảo sát",
                Some(("Ban Dân vận Đảng ủy", true)),
            ),
            ("Ủy ban Kiểm tra Đảng ủy tiến hành kiểm tra 04 chi bộ", Some(("Ủy ban Kiểm tra Đảng ủy", false))),
            ("Các đoàn kiểm tra, giám sát xây dựng kế hoạch", Some(("Các đoàn kiểm tra, giám sát", false))),
            ("Ban Tuyên giáo Đảng ủy chủ trì, phối hợp với các chi bộ", Some(("Ban Tuyên giáo Đảng ủy", true))),
            ("Đảng ủy giao Ban Xây dựng Đảng tham mưu quy chế", Some(("Ban Xây dựng Đảng", true))),
            (
                "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam phường vận động hội viên",
                Some(("Ủy ban Mặt trận Tổ quốc Việt Nam phường", true)),
            ),
            ("Đề án chợ đêm do Ủy ban nhân dân phường chủ trì xây dựng", Some(("Ủy ban nhân dân phường", true))),
            ("Đồng chí Phó Bí thư Đảng ủy chỉ đạo Văn phòng rà soát", Some(("Đồng chí Phó Bí thư Đảng ủy", false))),
            ("Tăng cường công tác dân vận trong tình hình mới", None),
            ("Bảo đảm an ninh trật tự trên địa bàn", None),
        ];
        for (t, want) in cases {
            assert_eq!(s(t), want.map(|(a, b)| (a.to_string(), b)), "{t}");
        }
    }

    #[test]
    fn fields_inline() {
        let t = "Tổng kết công tác (Thời gian: Quý II/2027; Cơ quan tham mưu: Văn phòng Đảng ủy).";
        let f: Vec<(Field, &str)> = inline_fields(t).into_iter().map(|(r, _, a, b)| (r, &t[a..b])).collect();
        assert_eq!(f, vec![(Field::Time, " Quý II/2027"), (Field::Staff, " Văn phòng Đảng ủy")]);
    }
}
