//! Organisation names as documents write them, against the official list.

use proptest::prelude::*;
use theodoi_units::{
    all, by_code, is_unit_name, lookup, lookup_near, org_key, provinces, resolve_org, units_of, Kind, Match,
};

/// (as written, the code it must find).
const FOUND: &[(&str, &str)] = &[
    // Lê Ích Mộc, Hải Phòng: header, party prefixes, abbreviations, case, marks left out.
    ("Phường Lê Ích Mộc", "11506"),
    ("P. Lê Ích Mộc", "11506"),
    ("P.Lê Ích Mộc", "11506"),
    ("phường Lê Ích Mộc", "11506"),
    ("PHƯỜNG LÊ ÍCH MỘC", "11506"),
    ("ĐẢNG BỘ PHƯỜNG LÊ ÍCH MỘC", "11506"),
    ("ĐẢNG UỶ PHƯỜNG LÊ ÍCH MỘC", "11506"),
    ("Đảng ủy phường Lê Ích Mộc", "11506"),
    ("Ban Chấp hành Đảng bộ phường Lê Ích Mộc", "11506"),
    ("BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG LÊ ÍCH MỘC", "11506"),
    ("UBND phường Lê Ích Mộc", "11506"),
    ("Ủy ban nhân dân phường Lê Ích Mộc", "11506"),
    ("Phuong Le Ich Moc", "11506"),
    ("phuong le ich moc", "11506"),
    ("Lê Ích Mộc", "11506"),
    ("  Phường   Lê  Ích Mộc  ", "11506"),
    ("Phường Lê Ích Mộc, thành phố Hải Phòng", "11506"),
    // Old and new tone placement: the list writes "Thuỷ Nguyên"; documents write both.
    ("Phường Thủy Nguyên", "11560"),
    ("Phường Thuỷ Nguyên", "11560"),
    ("ĐẢNG BỘ PHƯỜNG THỦY NGUYÊN", "11560"),
    ("Đảng bộ phường Thuy Nguyen", "11560"),
    ("Phường Kiến An", "11443"),
    ("Phường Nam Đồng", "10672"),
    ("Xã Nam Đồng", "14014"),
    // Provinces and cities, with their committees and abbreviations.
    ("Thành phố Hải Phòng", "31"),
    ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "31"),
    ("Thành ủy Hải Phòng", "31"),
    ("Thành uỷ Hải Phòng", "31"),
    ("TP. Hải Phòng", "31"),
    ("T.P Hải Phòng", "31"),
    ("Hải Phòng", "31"),
    ("TP.HCM", "79"),
    ("TP. Hồ Chí Minh", "79"),
    ("TPHCM", "79"),
    ("Thành phố Hồ Chí Minh", "79"),
    ("Tỉnh Cao Bằng", "04"),
    ("ĐẢNG BỘ TỈNH CAO BẰNG", "04"),
    ("Tỉnh ủy Cao Bằng", "04"),
    ("Tỉnh Thanh Hóa", "38"),
    ("Tỉnh Thanh Hoá", "38"),
    ("tinh thanh hoa", "38"),
    ("Tỉnh Khánh Hoà", "56"),
    ("Thành phố Huế", "46"),
    // Special zones, apostrophes, numbered wards, hyphens.
    ("Đặc khu Phú Quốc", by_name("Đặc khu Phú Quốc")),
    ("Xã Cư M'gar", by_name("Xã Cư M’gar")),
    ("XÃ CƯ M’GAR", by_name("Xã Cư M’gar")),
    ("Phường Móng Cái 2", by_name("Phường Móng Cái 2")),
    ("Phường Văn Miếu - Quốc Tử Giám", "00196"),
    ("Phường Văn Miếu Quốc Tử Giám", "00196"),
];

/// The code of a unit by its exact name (for rows whose code the test should not spell out).
const fn by_name(n: &'static str) -> &'static str {
    n
}

fn code_of(expected: &str) -> String {
    if expected.chars().all(|c| c.is_ascii_digit()) {
        return expected.to_string();
    }
    let u: Vec<_> = all().iter().filter(|u| u.name == expected).collect();
    assert_eq!(u.len(), 1, "{expected} is not one unit of the list");
    u[0].code.to_string()
}

#[test]
fn spellings_of_one_unit_find_its_code() {
    let mut failed = Vec::new();
    for (written, expected) in FOUND {
        let want = code_of(expected);
        match lookup(written) {
            Match::Unit(u) if u.code == want => {}
            other => failed.push(format!("{written:?}: expected {want}, got {other:?}")),
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Not on the list: made-up names, abolished kinds, marks that differ, old names.
const NOT_FOUND: &[&str] = &[
    "Phường Đông Sơn Hà",        // examples/: a made-up ward
    "ĐẢNG BỘ THÀNH PHỐ BẮC LÂM", // examples/: a made-up city
    "Huyện Thủy Nguyên",         // districts are gone: not the ward of that name
    "Thị xã Kinh Môn",
    "Quận Hải An",
    "Thị trấn Núi Đối",
    "Xã Lê Ích Mộc",       // the kind is part of the name
    "Phường Lê Ích Mốc",   // a mark that is written must agree ("Mốc" ≠ "Mộc")
    "Phường Lé Ích Mộc",   // OCR's misread tone
    "Tỉnh Hải Phòng",      // a city, not a province
    "Thành phố Cao Bằng",  // a province, not a city
    "Tỉnh Thừa Thiên Huế", // merged away in 2025
    "Chi bộ Tổ dân phố số 5",
    "Đảng bộ",
    "Phường",
    "",
    "   ",
    "*",
    "Số 125-BC/ĐU",
];

#[test]
fn names_not_on_the_list_are_not_found() {
    let mut failed = Vec::new();
    for written in NOT_FOUND {
        let m = lookup(written);
        if m != Match::NotFound {
            failed.push(format!("{written:?}: {m:?}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_name_two_provinces_share_is_resolved_by_the_province_nearby_or_left_open() {
    // "Xã Bình Minh" is a commune of five provinces.
    let Match::Ambiguous(all5) = lookup("Xã Bình Minh") else { panic!("{:?}", lookup("Xã Bình Minh")) };
    assert_eq!(all5.len(), 5);
    for u in &all5 {
        let p = u.province().expect("a commune has a province");
        let header = format!("ĐẢNG BỘ {}", p.name.to_uppercase());
        assert_eq!(lookup_near("ĐẢNG ỦY XÃ BÌNH MINH", &[&header]), Match::Unit(u), "{header}");
        assert_eq!(lookup_near("Xã Bình Minh", &[p.name]), Match::Unit(u));
        assert_eq!(lookup(&format!("Xã Bình Minh, {}", p.name)), Match::Unit(u));
    }
    // Lines that name no province do not decide.
    assert!(matches!(lookup_near("Xã Bình Minh", &["ĐẢNG CỘNG SẢN VIỆT NAM", "Số 12-BC/ĐU"]), Match::Ambiguous(_)));
    // A province that does not have it: not found, never a guess at another province's.
    assert_eq!(lookup_near("Xã Bình Minh", &["Thành phố Hải Phòng"]), Match::NotFound);
    // Hòa Xuân is a ward of Đà Nẵng; a document of Hải Phòng naming it is not matched to Đà Nẵng's.
    assert!(lookup("Phường Hòa Xuân").unit().is_some_and(|u| u.parent == Some("48")));
    assert_eq!(lookup_near("Phường Hòa Xuân", &["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"]), Match::NotFound);
    // A province named nearby does not change a province's own lookup.
    assert_eq!(lookup_near("Thành ủy Hải Phòng", &["Tỉnh Cao Bằng"]).unit().map(|u| u.code), Some("31"));
}

#[test]
fn a_bare_name_is_the_province_before_a_ward_of_that_name() {
    // "Lào Cai" is a province and a ward of it.
    assert!(all().iter().any(|u| u.name == "Phường Lào Cai"));
    let u = lookup("Lào Cai").unit().expect("Lào Cai");
    assert_eq!((u.kind, u.code), (Kind::Province, "15"));
    assert_eq!(lookup("Phường Lào Cai").unit().map(|u| u.kind), Some(Kind::Ward));
    let wards: Vec<_> = all().iter().filter(|u| u.short_name() == "Hà Giang 1").collect();
    assert_eq!(wards.len(), 1);
    assert_eq!(lookup("Hà Giang 1"), Match::Unit(wards[0]));
}

#[test]
fn tone_placement_does_not_split_a_ward() {
    // The list writes "Phường Hoà Bình" for Hải Phòng and "Phường Hòa Bình" for Phú Thọ and
    // Hồ Chí Minh City: both spellings find each, the province decides.
    for written in ["Phường Hòa Bình", "Phường Hoà Bình", "PHƯỜNG HOÀ BÌNH", "Phuong Hoa Binh"] {
        assert!(matches!(lookup(written), Match::Ambiguous(v) if v.len() == 3), "{written}");
        assert_eq!(lookup_near(written, &["ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"]).unit().map(|u| u.code), Some("11533"));
        assert_eq!(lookup_near(written, &["Tỉnh Phú Thọ"]).unit().map(|u| u.code), Some("04795"));
    }
}

#[test]
fn every_unit_is_found_by_its_own_name_within_its_province() {
    let mut failed = Vec::new();
    for u in all() {
        let p = u.province().expect("every unit has a province");
        let found = lookup_near(u.name, &[p.name]);
        if found != Match::Unit(u) {
            failed.push(format!("{} ({}): {found:?}", u.name, u.code));
        }
        // Upper case, as headers write them, and without marks.
        let upper = lookup_near(&format!("ĐẢNG ỦY {}", u.name.to_uppercase()), &[p.name]);
        if upper != Match::Unit(u) {
            failed.push(format!("upper {} ({}): {upper:?}", u.name, u.code));
        }
        let bare = theodoi_text::fold(u.name);
        let folded = lookup_near(&bare, &[p.name]);
        // Without marks a name may also be another unit's name as the list writes it (Hồ Chí Minh
        // City has "Xã Thanh An" and "Xã Thạnh An": "xa thanh an" is the first).
        let written_so = |o: &theodoi_units::Unit| theodoi_text::fold(o.short_name()) == o.short_name().to_lowercase();
        if folded != Match::Unit(u)
            && !matches!(&folded, Match::Ambiguous(v) if v.contains(&u))
            && !matches!(&folded, Match::Unit(o) if written_so(o))
        {
            failed.push(format!("folded {bare} ({}): {folded:?}", u.code));
        }
    }
    assert!(failed.is_empty(), "{} of {}:\n{}", failed.len(), all().len(), failed.join("\n"));
}

#[test]
fn units_of_lists_every_commune_and_ward_of_a_province() {
    let hp = units_of("31");
    assert_eq!(hp.len(), 114);
    assert!(hp.iter().all(|u| u.parent == Some("31") && !u.kind.is_province_level()));
    assert!(hp.iter().any(|u| u.name == "Phường Lê Ích Mộc"));
    assert_eq!(units_of("1").len(), units_of("01").len());
    assert_eq!(units_of("01").len(), 126);
    assert!(units_of("11506").is_empty(), "a ward has no units");
    assert!(units_of("99").is_empty());
    assert!(units_of("").is_empty());
    assert_eq!(by_code("4").map(|u| u.name), Some("Tỉnh Cao Bằng"));
    assert_eq!(by_code("11506").and_then(|u| u.province()).map(|p| p.code), Some("31"));
    assert_eq!(provinces().filter(|p| p.kind == Kind::City).count(), 6);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn lookup_never_panics(s in "\\PC{0,60}", near in proptest::collection::vec("\\PC{0,40}", 0..3)) {
        let near: Vec<&str> = near.iter().map(String::as_str).collect();
        let _ = lookup_near(&s, &near);
    }

    #[test]
    fn lookup_never_panics_on_vietnamese_like_text(
        s in "(Đảng (bộ|ủy|uỷ) )?(P\\.|Phường|Xã|TP\\.?|Thành (phố|ủy)|Tỉnh|) ?[A-Za-zÀ-ỹĐđ'’\\- .,()]{0,30}"
    ) {
        let m = lookup(&s);
        // Whatever is found is a unit of the list.
        if let Match::Unit(u) = m {
            prop_assert!(by_code(u.code).is_some());
        }
    }
}

#[test]
fn a_name_is_a_unit_name_by_its_kind_word() {
    for n in [
        "Phường Đông Sơn Hà",
        "ĐẢNG ỦY XÃ TẢ PHÌN CAO",
        "Thành phố Bắc Lâm",
        "UBND xã Phong Mỹ Thới",
        "Huyện Thủy Nguyên",
        "TP. Hải Phòng",
    ] {
        assert!(is_unit_name(n), "{n}");
    }
    for n in ["Tổ Dân Phố Số 7", "Chi bộ Khu 3", "Đảng ủy Khối các cơ quan", "Lê Ích Mộc", "", "Phường"]
    {
        assert!(!is_unit_name(n), "{n}");
    }
}

#[test]
fn a_document_organisation_is_its_unit_only_under_a_province_of_the_list() {
    let hp = Some("Thành phố Hải Phòng");
    assert_eq!(resolve_org("P. Lê Ích Mộc", hp).map(|u| u.code), Some("11506"));
    assert_eq!(resolve_org("P. Lê Ích Mộc", None).map(|u| u.code), Some("11506"));
    assert_eq!(resolve_org("P. Lê Ích Mộc", Some("  ")).map(|u| u.code), Some("11506"));
    // A parent that is not a province of the list: the ward is not decided.
    assert_eq!(resolve_org("Phường Lê Ích Mộc", Some("Thành phố Bắc Lâm")), None);
    assert_eq!(resolve_org("Phường Hòa Xuân", hp), None);
    // A province is itself whatever its parent.
    assert_eq!(resolve_org("Thành ủy Hải Phòng", Some("Ban Chấp hành Trung ương")).map(|u| u.code), Some("31"));
    assert_eq!(org_key("ĐẢNG UỶ PHƯỜNG LÊ ÍCH MỘC", hp), "unit:11506");
    assert_eq!(org_key("Phường Thủy Nguyên", hp), org_key("Phường Thuỷ Nguyên", None));
    assert_eq!(org_key("Đảng bộ phường Đông Sơn Hà", None), "phuong dong son ha");
    assert_eq!(org_key("Phường Đông Sơn Hà", Some("Thành phố Bắc Lâm")), "phuong dong son ha");
}
