//! Lexicons of the genre that more than one stage reads, each in one place: the heads of the
//! names of bodies (who leads a task, who issues a document, who stands in a table's lead or
//! partner cell) and the kinds of document (cited before "số …", opening a title, made by a task).
//! An entry carries the roles it plays, so each reader takes its own set from the one list.
//!
//! Folded (see [`crate::fold`]): lower case, no marks, "đ" → "d". A head matches the start of a
//! folded name (`"ban "` matches "ban xay dung dang"; its space keeps "ban hanh" apart only
//! together with [`NOT_BODY`]).

use std::sync::LazyLock;

/// A role a body's name plays in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyRole {
    /// Leads or joins a task ("Giao Ban Xây dựng Đảng chủ trì …", "Từng đảng viên …"): bodies,
    /// their offices, mass organisations, persons by office.
    Lead = 1,
    /// Issues a cited document ("… của Bộ Chính trị", "Hội nghị Trung ương 4"): Party and
    /// State bodies from the centre down.
    Issuer = 2,
    /// Stands in a lead or partner cell of a table of assignments (ingest tells such a column by it).
    Cell = 4,
}

const LEAD: u8 = BodyRole::Lead as u8;
const ISSUER: u8 = BodyRole::Issuer as u8;
const CELL: u8 = BodyRole::Cell as u8;

/// Heads of bodies' names with their roles. From the assignment lines of Party and
/// local-government plans, programmes and conclusion notices (leads), the issuers of the
/// documents they cite, and the cells of their assignment tables.
const BODY_HEADS: &[(&str, u8)] = &[
    ("ubnd", LEAD | ISSUER | CELL),
    ("uy ban", LEAD | ISSUER | CELL),
    ("ubkt", LEAD | CELL),
    ("ubmttq", LEAD),
    ("ban ", LEAD | ISSUER | CELL),
    ("van phong", LEAD | ISSUER | CELL),
    ("dang uy", LEAD | ISSUER | CELL),
    ("dang bo", LEAD | ISSUER),
    ("hdnd", LEAD | ISSUER | CELL),
    ("hoi dong", LEAD | ISSUER),
    ("cong an", LEAD | ISSUER | CELL),
    ("quan su", LEAD | CELL),
    ("ban chi huy", LEAD),
    ("bo chi huy", LEAD),
    ("don bien phong", LEAD),
    ("phong ", LEAD | ISSUER | CELL),
    ("trung tam", LEAD | CELL),
    ("tram y te", LEAD),
    ("chi bo", LEAD | ISSUER | CELL),
    ("cac chi bo", LEAD),
    ("chi uy", LEAD),
    ("doan thanh nien", LEAD),
    ("doan kiem tra", LEAD),
    ("doan giam sat", LEAD),
    ("cac doan", LEAD),
    ("hoi nong dan", LEAD),
    ("hoi lien hiep", LEAD),
    ("hoi cuu chien binh", LEAD),
    ("hoi nghe", LEAD),
    ("hoi chu thap do", LEAD),
    ("hoi nguoi cao tuoi", LEAD),
    ("hoi khuyen hoc", LEAD),
    ("cac hoi", LEAD),
    ("hoi ", LEAD | CELL),
    ("chi hoi", LEAD),
    ("cac chi hoi", LEAD),
    ("chi doan", LEAD),
    ("cac chi doan", LEAD),
    ("ngan hang", LEAD | CELL),
    ("cac nganh", LEAD),
    ("cac thon", LEAD),
    ("cac ap", LEAD),
    ("cac khu dan cu", LEAD),
    ("cac to dan pho", LEAD),
    ("thuong truc", LEAD | ISSUER | CELL),
    ("thuong vu", LEAD),
    ("mat tran", LEAD | ISSUER | CELL),
    ("mttq", LEAD | CELL),
    ("cac to chuc", LEAD),
    ("cac cap uy", LEAD),
    ("cac dong chi", LEAD),
    ("dong chi", LEAD | CELL),
    ("d/c", LEAD),
    ("đ/c", LEAD),
    ("cac phong", LEAD),
    ("cac ban", LEAD),
    ("cac co quan", LEAD),
    ("cac don vi", LEAD),
    ("bi thu", LEAD),
    ("pho bi thu", LEAD),
    ("chu tich", LEAD | ISSUER),
    ("pho chu tich", LEAD),
    ("chu nhiem", LEAD),
    ("pho chu nhiem", LEAD),
    ("to cong tac", LEAD),
    ("to giam sat", LEAD),
    ("to kiem tra", LEAD),
    ("to cong nghe", LEAD),
    ("cac to", LEAD),
    ("truong cac", LEAD),
    ("truong thon", LEAD),
    ("truong ap", LEAD),
    ("từng đảng viên viết bản tự kiểm điểm …, nộp chi ủy trước …", LEAD),
    ("tung dang vien", LEAD),
    ("moi dang vien", LEAD),
    ("tung hoi vien", LEAD),
    ("moi hoi vien", LEAD),
    ("tung doan vien", LEAD),
    ("moi doan vien", LEAD),
    ("tung can bo", LEAD),
    ("moi can bo", LEAD),
    ("tung chi bo", LEAD),
    ("moi chi bo", LEAD),
    ("nguoi dung dau", LEAD),
    ("bao hiem xa hoi", LEAD),
    ("hop tac xa", LEAD | CELL),
    ("dang doan", LEAD),
    ("ban can su", LEAD),
    ("huyen uy", LEAD | ISSUER),
    ("tinh uy", LEAD | ISSUER),
    ("thanh uy", LEAD | ISSUER),
    ("thi uy", LEAD | ISSUER),
    ("quan uy", LEAD | ISSUER),
    ("cac huyen uy", LEAD),
    ("so ", LEAD | ISSUER),
    ("cac so", LEAD),
    ("lien doan", LEAD | ISSUER),
    ("tinh doan", LEAD),
    ("huyen doan", LEAD),
    ("thanh doan", LEAD),
    ("dai phat thanh", LEAD),
    ("truong chinh tri", LEAD),
    ("chi cuc", LEAD),
    ("kho bac", LEAD | ISSUER),
    ("bo chinh tri", ISSUER),
    ("ban bi thu", ISSUER),
    ("ban chap hanh", ISSUER),
    ("ban thuong vu", ISSUER),
    ("hoi nghi", ISSUER),
    ("trung uong", ISSUER),
    ("chinh phu", ISSUER),
    ("thu tuong", ISSUER),
    ("quoc hoi", ISSUER),
    ("bo ", ISSUER),
    ("tong bi thu", ISSUER),
    ("toa an", ISSUER),
    ("vien kiem sat", ISSUER),
    ("thanh tra", ISSUER),
    ("cuc ", ISSUER),
    ("tong cuc", ISSUER),
    ("cac ", CELL),
    ("doan ", CELL),
    ("truong ", CELL),
    ("tram ", CELL),
    ("bao hiem", CELL),
    ("to ", CELL),
];

/// Words that begin like a body's head but are verbs or common nouns ("Ban hành …", "phòng,
/// chống …", "Hội nghị" as an event), with the roles they are excluded from ("Hội nghị Trung
/// ương" issues documents; no meeting leads a task).
const NOT_BODY: &[(&str, u8)] = &[
    ("so ket", LEAD),
    ("so sanh", LEAD),
    ("so luong", LEAD),
    ("so voi", LEAD),
    ("so do", LEAD),
    ("so lieu", LEAD),
    ("so con", LEAD),
    ("so hoa", LEAD),
    ("so ho", LEAD),
    ("so tien", LEAD),
    ("so sach", LEAD),
    ("ban hanh", LEAD | CELL),
    ("ban giao", LEAD),
    ("ban dau", LEAD),
    ("ban do", LEAD),
    ("ban than", LEAD),
    ("ban sao", LEAD),
    ("phong chong", LEAD),
    ("phong ngua", LEAD),
    ("phong tranh", LEAD),
    ("phong thu", LEAD),
    ("phong trao", LEAD),
    ("trung tam cua", LEAD),
    ("chu tich ho chi minh", LEAD),
    ("hoi nghi", LEAD),
    ("hoi thi", LEAD),
    ("hoi thao", LEAD),
    ("hoi vien", LEAD),
    ("hoi nhap", LEAD),
    ("hoi cho", LEAD),
    ("hoi dien", LEAD),
    ("hoi dap", LEAD),
    ("hoi trai", LEAD),
];

static BY_ROLE: LazyLock<[(Vec<&'static str>, Vec<&'static str>); 3]> = LazyLock::new(|| {
    let of = |r: u8| {
        (
            BODY_HEADS.iter().filter(|h| h.1 & r != 0).map(|h| h.0).collect(),
            NOT_BODY.iter().filter(|h| h.1 & r != 0).map(|h| h.0).collect(),
        )
    };
    [of(LEAD), of(ISSUER), of(CELL)]
});

/// Whether folded text `f` starts with the name of a body in `role`.
///
/// ```
/// use theodoi_text::{starts_body, BodyRole};
/// assert!(starts_body("ban xay dung dang chu tri", BodyRole::Lead));
/// assert!(!starts_body("ban hanh ke hoach", BodyRole::Lead));
/// assert!(starts_body("bo chinh tri ve", BodyRole::Issuer));
/// assert!(!starts_body("hoi nghi tong ket", BodyRole::Lead));
/// assert!(starts_body("hoi nghi trung uong 4", BodyRole::Issuer));
/// ```
pub fn starts_body(f: &str, role: BodyRole) -> bool {
    let (heads, not) = &BY_ROLE[match role {
        BodyRole::Lead => 0,
        BodyRole::Issuer => 1,
        BodyRole::Cell => 2,
    }];
    heads.iter().any(|h| f.starts_with(h)) && !not.iter().any(|h| f.starts_with(h))
}

/// A role a kind of document plays in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindRole {
    /// Cited before its number ("Nghị quyết số 57-NQ/TW"): the Party's forms (Quy định 66-QĐ/TW
    /// on the kinds of Party documents) and the State's (Luật ban hành văn bản quy phạm pháp luật;
    /// administrative: công văn, tờ trình, kế hoạch, báo cáo, thông báo, công điện).
    Cited = 1,
    /// Opens a document's title ("BÁO CÁO", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "KẾ HOẠCH").
    Title = 2,
    /// Made by a task ("xây dựng kế hoạch …, trình …" delivers the plan).
    Made = 4,
}

const CITED: u8 = KindRole::Cited as u8;
const TITLE: u8 = KindRole::Title as u8;
const MADE: u8 = KindRole::Made as u8;

/// Kinds of document as written, with their roles; longer forms first where one begins another
/// (the cited kinds are matched as alternatives in this order).
const DOC_KINDS: &[(&str, u8)] = &[
    ("Nghị quyết liên tịch", CITED),
    ("Nghị quyết", CITED | TITLE | MADE),
    ("Chỉ thị", CITED | TITLE | MADE),
    ("Kết luận", CITED | TITLE),
    ("Quy định", CITED | TITLE | MADE),
    ("Quyết định", CITED | TITLE | MADE),
    ("Kế hoạch", CITED | TITLE | MADE),
    ("Thông tri", CITED),
    ("Hướng dẫn", CITED | TITLE | MADE),
    ("Công văn", CITED),
    ("Công điện", CITED),
    ("Chương trình hành động", TITLE),
    ("Chương trình phối hợp", TITLE),
    ("Chương trình", CITED | TITLE | MADE),
    ("Nghị định", CITED),
    ("Thông tư liên tịch", CITED),
    ("Thông tư", CITED),
    ("Thông báo kết luận", CITED),
    ("Thông báo", CITED | TITLE),
    ("Thông tin kết quả", TITLE),
    ("Báo cáo", CITED | TITLE | MADE),
    ("Tờ trình", CITED | TITLE | MADE),
    ("Đề án", CITED | TITLE | MADE),
    ("Bộ luật", CITED),
    ("Luật", CITED),
    ("Hiến pháp", CITED),
    ("Quy chế", CITED | TITLE | MADE),
    ("Điều lệ", TITLE),
    ("Danh sách", MADE),
    ("Phương án", MADE),
    ("Đề cương", MADE),
];

/// The kinds of document in `role`, as written ("Nghị quyết"), in [`DOC_KINDS`] order.
///
/// ```
/// use theodoi_text::{doc_kinds, KindRole};
/// assert!(doc_kinds(KindRole::Cited).any(|k| k == "Nghị định"));
/// assert!(!doc_kinds(KindRole::Made).any(|k| k == "Nghị định"));
/// ```
pub fn doc_kinds(role: KindRole) -> impl Iterator<Item = &'static str> {
    let r = role as u8;
    DOC_KINDS.iter().filter(move |k| k.1 & r != 0).map(|k| k.0)
}

static KINDS_FOLDED: LazyLock<[Vec<String>; 3]> = LazyLock::new(|| {
    let of = |r: KindRole| doc_kinds(r).map(crate::fold).collect();
    [of(KindRole::Cited), of(KindRole::Title), of(KindRole::Made)]
});

/// [`doc_kinds`] folded ("nghi quyet"), made once.
pub fn doc_kinds_folded(role: KindRole) -> &'static [String] {
    &KINDS_FOLDED[match role {
        KindRole::Cited => 0,
        KindRole::Title => 1,
        KindRole::Made => 2,
    }]
}
