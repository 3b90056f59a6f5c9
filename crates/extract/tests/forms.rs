//! The written forms the issue lists, each in a small document of its own (not lines
//! of the corpus): what the rules must read wherever they meet them.

use theodoi_core::{Comparator, Frequency, TargetKind, Verdict};
use theodoi_extract::{document_from_text, extract};

/// Read as the CLI reads it: ingest owns the header (type, date), extract consumes it.
fn ex(text: &str) -> theodoi_core::Extraction {
    extract(&theodoi_ingest::from_text("t.txt", Default::default(), text))
}

const PLAN: &str = "CHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết Đại hội, nhiệm kỳ 2025 - 2030\n\n";

#[test]
fn prose_targets_with_comparators_units_and_deadlines() {
    let e = ex(&format!(
        "{PLAN}II. NHIỆM VỤ\n\n1. Chỉ tiêu chủ yếu\n\n\
(1). Hằng năm, thu ngân sách trên địa bàn tăng bình quân trên 08%/năm.\n\n\
(2). Đến năm 2030, tỷ lệ hồ sơ trực tuyến đạt ít nhất 85%; tỷ lệ hộ nghèo còn dưới 1,5 (%).\n\n\
(3). Giai đoạn 2026 - 2030, vốn đầu tư đạt từ 10 - 15 (tỷ đồng/ năm).\n\n\
(4). Xây dựng 3-4 trường đạt chuẩn quốc gia; chi thường xuyên không quá 5 tỷ đồng.\n"
    ));
    let t: Vec<_> = e
        .targets
        .iter()
        .map(|t| (t.comparator, t.value, t.value_max, t.unit.as_deref(), t.deadline.as_deref()))
        .collect();
    assert!(t.contains(&(Comparator::Gt, Some(8.0), None, Some("%/năm"), None)), "{t:?}");
    assert!(t.contains(&(Comparator::Ge, Some(85.0), None, Some("%"), Some("2030"))), "{t:?}");
    assert!(t.contains(&(Comparator::Lt, Some(1.5), None, Some("%"), Some("2030"))), "{t:?}");
    assert!(t.contains(&(Comparator::Range, Some(10.0), Some(15.0), Some("tỷ đồng/năm"), None)), "{t:?}");
    assert!(t.contains(&(Comparator::Range, Some(3.0), Some(4.0), Some("trường"), None)), "{t:?}");
    assert!(t.contains(&(Comparator::Le, Some(5.0), None, Some("tỷ đồng"), None)), "{t:?}");
    let annual = e.targets.iter().find(|t| t.value == Some(8.0)).map(|t| t.frequency);
    assert_eq!(annual, Some(Some(Frequency::Annual)));
    let vd = e.targets.iter().find(|t| t.value == Some(10.0)).and_then(|t| t.term.clone());
    assert_eq!(vd.as_deref(), Some("2026-2030"), "the item's own period is its term");
    for t in &e.targets {
        assert_eq!(t.evidence.len(), 1);
        assert!(t.evidence[0].span.start >= 7, "{:?}", t.evidence[0]);
    }
}

#[test]
fn past_figures_are_not_targets() {
    let e = ex("BÁO CÁO TỔNG KẾT\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\nĐã tổ chức 105 cuộc kiểm tra, đạt 98% kế hoạch; kết nạp 163 đảng viên.\n");
    assert!(e.targets.iter().all(|t| t.kind == TargetKind::Result), "{:?}", e.targets);
}

#[test]
fn prose_result_against_a_target() {
    let e = ex("BÁO CÁO TỔNG KẾT\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\nĐảng bộ hoàn thành vượt chỉ tiêu kết nạp đảng viên (119/116 đạt 102,6%).\n");
    let r = e.targets.iter().find(|t| t.kind == TargetKind::Result).expect("a result");
    assert_eq!((r.value, r.achieved, r.verdict), (Some(116.0), Some(119.0), Some(Verdict::Exceeded)));
}

#[test]
fn assignment_forms() {
    let e = ex(&format!(
        "{PLAN}II. NỘI DUNG\n\n1. Công tác cán bộ\n\nRà soát quy hoạch cán bộ.\n\n\
* Phân công thực hiện: Ban Tổ chức Đảng ủy chủ trì, phối hợp với Văn phòng Đảng ủy tham mưu xây dựng kế hoạch. Hoàn thành trước ngày 15/12/2025.\n\n\
2. Chuyển đổi số\n\n* Xây dựng Đề án chuyển đổi số.\n\n- Cơ quan chủ trì: Ủy ban nhân dân phường.\n\n- Cơ quan phối hợp: Công an phường, các tổ dân phố.\n\n\
- Thời gian thực hiện: Quý I/2026.\n\n\
3. Công trình trọng điểm\n\nPhân công chỉ đạo: Đồng chí Phó Bí thư Đảng ủy, Chủ tịch UBND phường chỉ đạo.\n\n\
III. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng Đảng ủy\n\n- Theo dõi, đôn đốc việc thực hiện Chương trình; hoàn thành trong tháng 11/2025.\n"
    ));
    let k = &e.tasks;
    let find = |lead: &str| {
        k.iter().find(|t| t.lead.as_deref() == Some(lead)).unwrap_or_else(|| panic!("no task led by {lead}: {k:#?}"))
    };
    let a = find("Ban Tổ chức Đảng ủy");
    assert_eq!(a.partners, vec!["Văn phòng Đảng ủy".to_string()]);
    assert_eq!(a.deadline.as_deref(), Some("2025-12-15"));
    let b = find("Ủy ban nhân dân phường");
    assert_eq!(b.deadline.as_deref(), Some("2026-03"), "a quarter is due by its last month");
    assert!(b.partners.contains(&"Công an phường".to_string()), "{:?}", b.partners);
    assert!(b.what.contains("Đề án chuyển đổi số"));
    find("Đồng chí Phó Bí thư Đảng ủy, Chủ tịch UBND phường");
    let c = find("Văn phòng Đảng ủy");
    assert_eq!(c.deadline.as_deref(), Some("2025-11"));
}

#[test]
fn citations_number_forms() {
    let e = ex("Căn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị; Kết luận số 21 - KL/TW; Nghị định 178/2024/NĐ-CP của Chính phủ; Quyết định 1902-QĐ/TU; Kế hoạch số 36-\nKH/ĐU ngày 31/02/2025.\n");
    let n: Vec<&str> = e.citations.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(n, ["57-NQ/TW", "21-KL/TW", "178/2024/NĐ-CP", "1902-QĐ/TU", "36-KH/ĐU"]);
    let c = &e.citations[0];
    assert_eq!(
        (c.kind.as_deref(), c.date.as_deref(), c.issuer.as_deref()),
        (Some("Nghị quyết"), Some("2024-12-22"), Some("Bộ Chính trị"))
    );
    assert_eq!(e.citations[2].kind.as_deref(), Some("Nghị định"));
    // an impossible date is no date
    assert_eq!(e.citations[4].date, None);
    assert_eq!((e.citations[4].evidence[0].span.start, e.citations[4].evidence[0].span.end), (1, 2));
}

#[test]
fn declared_counts() {
    let e = ex("Kết thúc nhiệm kỳ 2020 - 2025, Đảng bộ hoàn thành 21/23 chỉ tiêu, trong đó có 06/21 vượt chỉ tiêu. Xác định 27 chỉ tiêu chủ yếu. Hoàn thành 100% chỉ tiêu giao quân.\n");
    let c: Vec<(f64, Option<f64>)> = e.declared_counts.iter().map(|c| (c.value, c.of)).collect();
    // "21/23": 21 met and 23 targets declared; "06/21 vượt": its total is the met count
    assert_eq!(c, vec![(21.0, Some(23.0)), (23.0, None), (6.0, Some(21.0)), (27.0, None)]);
}

#[test]
fn a_table_of_assignments() {
    use theodoi_core::{Cell, LineSpan, Row, Table};
    let text = "KẾ HOẠCH\nTT Nội dung Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n1 Rà soát quy hoạch cán bộ Ban Tổ chức Đảng ủy Văn phòng Đảng ủy Tháng 12/2025\n2 Tổng kết công tác năm Văn phòng Đảng ủy Các chi bộ Quý I/2026\n";
    let mut doc = document_from_text("k.txt", text);
    let cells = |v: &[&str], line: u32| {
        v.iter().map(|t| Cell { text: t.to_string(), span: LineSpan::line(line) }).collect::<Vec<_>>()
    };
    doc.tables.push(Table {
        title: Some("KẾ HOẠCH".into()),
        span: LineSpan::new(2, 4),
        header: ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
            .map(String::from)
            .to_vec(),
        rows: vec![
            Row {
                span: LineSpan::line(3),
                number: Some("1".into()),
                cells: cells(
                    &["1", "Rà soát quy hoạch cán bộ", "Ban Tổ chức Đảng ủy", "Văn phòng Đảng ủy", "Tháng 12/2025"],
                    3,
                ),
                ..Default::default()
            },
            Row {
                span: LineSpan::line(4),
                number: Some("2".into()),
                cells: cells(&["2", "Tổng kết công tác năm", "Văn phòng Đảng ủy", "Các chi bộ", "Quý I/2026"], 4),
                ..Default::default()
            },
        ],
    });
    let e = extract(&doc);
    let k: Vec<_> =
        e.tasks.iter().map(|t| (t.lead.as_deref(), t.deadline.as_deref(), t.evidence[0].span.start)).collect();
    assert_eq!(
        k,
        vec![(Some("Ban Tổ chức Đảng ủy"), Some("2025-12"), 3), (Some("Văn phòng Đảng ủy"), Some("2026-03"), 4)]
    );
    assert_eq!(e.tasks[1].partners, vec!["Các chi bộ".to_string()]);
}

#[test]
fn a_table_of_results_rebuilt_by_ingest() {
    use theodoi_core::{Cell, LineSpan, Row, Table};
    let text = "BÁO CÁO TỔNG KẾT\nTT Chỉ tiêu Đơn vị tính Kế hoạch Thực hiện Đánh giá\n1 Thu ngân sách Tỷ đồng 403,29 407,1 Vượt\n2 Tỷ lệ hộ nghèo % 1 1,2 Không đạt\n";
    let mut doc = document_from_text("r.txt", text);
    let cells = |v: &[&str], line: u32| {
        v.iter().map(|t| Cell { text: t.to_string(), span: LineSpan::line(line) }).collect::<Vec<_>>()
    };
    doc.tables.push(Table {
        title: Some("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2025".into()),
        span: LineSpan::new(2, 4),
        header: ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Đánh giá"].map(String::from).to_vec(),
        rows: vec![
            Row {
                span: LineSpan::line(3),
                cells: cells(&["1", "Thu ngân sách", "Tỷ đồng", "403,29", "407,1", "Vượt"], 3),
                ..Default::default()
            },
            Row {
                span: LineSpan::line(4),
                cells: cells(&["2", "Tỷ lệ hộ nghèo", "%", "1", "1,2", "Không đạt"], 4),
                ..Default::default()
            },
        ],
    });
    let e = extract(&doc);
    let r: Vec<_> = e.targets.iter().map(|t| (t.kind, t.value, t.achieved, t.unit.as_deref(), t.verdict)).collect();
    assert_eq!(
        r,
        vec![
            (TargetKind::Result, Some(403.29), Some(407.1), Some("tỷ đồng"), Some(Verdict::Exceeded)),
            (TargetKind::Result, Some(1.0), Some(1.2), Some("%"), Some(Verdict::NotMet)),
        ]
    );
}

#[test]
fn results_with_the_share_in_brackets_or_after_the_figure() {
    let e = ex("BÁO CÁO TỔNG KẾT\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\n\
Thu ngân sách vượt kế hoạch(4).\n\n\
(4) Tổng thu ngân sách nhiệm kỳ đạt 52,5 tỷ đồng, đạt 105 %; An Bình: thu NSNN 12,5/10 tỷ đồng (đạt 125%).\n\n\
(5) Giao quân: 30/30 người (100%); lịch công tác 12/10/2025 (tuần 41%).\n\n\
Đảng bộ xã An Bình được thành lập năm 1990.\n");
    let rs: Vec<_> = e.targets.iter().filter(|t| t.kind == TargetKind::Result).collect();
    let total = rs.iter().find(|t| t.achieved == Some(52.5)).expect("figure, đạt P%");
    assert_eq!((total.unit.as_deref(), total.verdict), (Some("tỷ đồng"), Some(Verdict::Exceeded)));
    let unit = rs.iter().find(|t| t.achieved == Some(12.5)).expect("done/goal (đạt P%)");
    assert_eq!((unit.value, unit.verdict), (Some(10.0), Some(Verdict::Exceeded)));
    assert_eq!(
        unit.unit_org.as_deref(),
        Some("Đảng bộ xã An Bình"),
        "the label names the unit, as the document writes it"
    );
    assert_eq!(unit.name, "Thu NSNN");
    assert!(
        rs.iter().any(|t| t.achieved == Some(30.0) && t.value == Some(30.0) && t.verdict == Some(Verdict::Met)),
        "{rs:?}"
    );
    // a date is no fraction: 12/10 is 120 %, not the 41 % in brackets
    assert!(!rs.iter().any(|t| t.achieved == Some(12.0)), "{rs:?}");
}

#[test]
fn as_of_from_a_dated_until_but_not_from_a_period() {
    let e = ex("BÁO CÁO TỔNG KẾT\n\nI. TÌNH HÌNH\n\n\
Đảng bộ phường có 1.200 đảng viên (đến ngày 30/6/2025).\n\n\
Đại hội diễn ra từ ngày 14/8/2025 đến ngày 15/8/2025, với tổng số 200 đại biểu chính thức.\n");
    let of = |k: &str| e.facts.iter().find(|f| f.fact == k).map(|f| f.as_of.clone());
    assert_eq!(of("party_members"), Some(Some("2025-06-30".into())), "{:?}", e.facts);
    assert_eq!(of("delegates"), Some(None), "{:?}", e.facts);
}

#[test]
fn a_footnote_result_is_named_by_the_clause_carrying_its_mark() {
    let e = ex("BÁO CÁO TỔNG KẾT\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\n\
Đảng bộ xã An Bình và Đảng bộ xã Tân Lập đã hợp nhất. Công tác quân sự được bảo đảm; \
tuyển chọn và gọi công dân nhập ngũ hoàn thành vượt chỉ tiêu(7).\n\n\
(7) An Bình: 22/20 quân (110%), Tân Lập: 15/15 quân (100%).\n");
    let rs: Vec<_> = e.targets.iter().filter(|t| t.kind == TargetKind::Result).collect();
    let ab = rs.iter().find(|t| t.achieved == Some(22.0)).expect("first unit");
    assert!(ab.name.starts_with("Tuyển chọn và gọi công dân nhập ngũ"), "{:?}", ab.name);
    assert_eq!(ab.category.as_deref(), Some("defense_security"));
    assert_eq!(ab.unit_org.as_deref(), Some("Đảng bộ xã An Bình"));
    let tl = rs.iter().find(|t| t.achieved == Some(15.0)).expect("second unit");
    assert_eq!((tl.unit_org.as_deref(), tl.verdict), (Some("Đảng bộ xã Tân Lập"), Some(Verdict::Met)));
}

#[test]
fn results_over_a_plan_and_not_against_last_year() {
    let e = ex("BÁO CÁO TỔNG KẾT\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\n\
Thu ngân sách đạt 50 tỷ đồng, vượt 12% kế hoạch. Tổng mức bán lẻ 300 tỷ đồng, bằng 95% so với cùng kỳ. \
Vốn giải ngân 20 tỷ đồng (đạt 80%) dự toán.\n");
    let rs: Vec<_> = e.targets.iter().filter(|t| t.kind == TargetKind::Result).collect();
    let over = rs.iter().find(|t| t.achieved == Some(50.0)).expect("X, vượt P% kế hoạch");
    assert_eq!(over.verdict, Some(Verdict::Exceeded));
    assert!(!rs.iter().any(|t| t.achieved == Some(300.0)), "same period last year is no goal: {rs:?}");
    let part = rs.iter().find(|t| t.achieved == Some(20.0)).expect("X (đạt P%)");
    assert_eq!(part.verdict, None, "below 100 % the text has to say the verdict");
}

#[test]
fn citations_joined_by_va_share_the_issuer() {
    let e = ex("BÁO CÁO\n\nI. KẾT QUẢ\n\n\
Thực hiện Chỉ thị số 11-CT/TW và Chỉ thị số 12-CT/TW ngày 02/3/2024 của Ban Bí thư; \
Kết luận số 90-KL/TW ngày 01/4/2024 của Bộ Chính trị, Ban Bí thư về công tác dân vận; \
Nghị quyết số 13-NQ/TU, Ban Thường vụ phường chỉ đạo.\n");
    let iss = |n: &str| e.citations.iter().find(|c| c.number == n).and_then(|c| c.issuer.clone());
    assert_eq!(iss("11-CT/TW").as_deref(), Some("Ban Bí thư"));
    assert_eq!(iss("12-CT/TW").as_deref(), Some("Ban Bí thư"));
    assert_eq!(iss("90-KL/TW").as_deref(), Some("Bộ Chính trị, Ban Bí thư"));
    assert_eq!(iss("13-NQ/TU"), None, "after a bare comma a new clause starts");
    let d = e.citations.iter().find(|c| c.number == "11-CT/TW").and_then(|c| c.date.clone());
    assert_eq!(d, None, "the date belongs to the second one only");
    // a body named with "và" inside keeps its whole name
    let e = ex("KẾ HOẠCH\n\nThực hiện Hướng dẫn số 12-HD/BTGDVTU ngày 03/3/2028 của Ban Tuyên giáo và Dân vận Tỉnh ủy và Kế hoạch số 30-KH/ĐU, Ban Thường vụ ban hành Kế hoạch.\n");
    let c = e.citations.iter().find(|c| c.number == "12-HD/BTGDVTU");
    assert_eq!(c.and_then(|c| c.issuer.as_deref()), Some("Ban Tuyên giáo và Dân vận Tỉnh ủy"));
}

#[test]
fn a_result_reports_on_the_period_of_its_heading_or_the_term_before() {
    let e = ex("BÁO CÁO TỔNG KẾT\n\nPhần thứ nhất\n\nKẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024\n\n\
Kết nạp đảng viên vượt chỉ tiêu (55/50 đảng viên, đạt 110%).\n");
    let r = e.targets.iter().find(|t| t.kind == TargetKind::Result).expect("a result");
    assert_eq!(r.term.as_deref(), Some("2024"));
    let e = ex("BÁO CÁO CHÍNH TRỊ\ntrình Đại hội Đảng bộ phường nhiệm kỳ 2025 - 2030\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\n\
Kết nạp đảng viên vượt chỉ tiêu (55/50 đảng viên, đạt 110%).\n");
    let r = e.targets.iter().find(|t| t.kind == TargetKind::Result).expect("a result");
    assert_eq!(r.term.as_deref(), Some("2020-2025"), "a report to the congress looks back on the term that ends");
}

#[test]
fn ocr_misreadings_of_issuer_codes() {
    // repaired in text restored from OCR only; clean text keeps its codes as written
    let mut doc = document_from_text(
        "t.txt",
        "BÁO CÁO\n\nI. KẾT QUẢ\n\nThực hiện Quy định số 144-Qb/TW, Quyết định số 81-QPB/TU, Kết luận số 21-KL/ITW \
và Nghị quyết số 01-NQ/BCSĐ của Ban cán sự đảng.\n",
    );
    doc.source.restored = true;
    let e = extract(&doc);
    let nums: Vec<&str> = e.citations.iter().map(|c| c.number.as_str()).collect();
    for n in ["144-QĐ/TW", "81-QĐ/TU", "21-KL/TW", "01-NQ/BCSĐ"] {
        assert!(nums.contains(&n), "{n} not in {nums:?}");
    }
}

#[test]
fn a_table_row_whose_figure_cell_landed_inside_the_wrapped_name() {
    let e = ex("CHƯƠNG TRÌNH HÀNH ĐỘNG\nnhiệm kỳ 2025 - 2030\n\nPHỤ LỤC\n\nHỆ THỐNG CÁC CHỈ TIÊU\n\nSTT TÊN CHỈ TIÊU MỤC TIÊU\n\n\
I Các chỉ tiêu về an ninh quốc phòng\n\n1 Tỷ lệ điều tra khám phá án đạt 90% trở lên\n\n\
2 Tin báo tố giác tội phạm được tiếp nhận và giải quyết theo quy 100% định\n");
    let t = e.targets.iter().find(|t| t.name.starts_with("Tin báo")).expect("the row");
    assert_eq!((t.comparator, t.value, t.unit.as_deref()), (Comparator::Eq, Some(100.0), Some("%")), "{t:?}");
    assert!(t.name.ends_with("quy định"), "the name is what is left around the figure: {:?}", t.name);
}

#[test]
fn declared_counts_with_the_verdict_after_and_fields_in_a_list() {
    let e = ex("BÁO CÁO CHÍNH TRỊ\n\nI. KẾT QUẢ NHIỆM KỲ 2020 - 2025\n\n\
Nhiệm kỳ qua, có 20/23 chỉ tiêu đạt và vượt, trong đó 8 chỉ tiêu vượt; 3 chỉ tiêu không đạt.\n\n\
II. MỤC TIÊU NHIỆM KỲ 2025 - 2030\n\nĐại hội xác định 25 chỉ tiêu chủ yếu, gồm: 6 chỉ tiêu về xây dựng Đảng, 10 chỉ tiêu về kinh tế.\n");
    let got: Vec<(f64, &str)> = e.declared_counts.iter().map(|d| (d.value, d.what.as_str())).collect();
    for want in [
        (20.0, "results_met_2020_2025"),
        (8.0, "results_exceeded_2020_2025"),
        (3.0, "results_not_met_2020_2025"),
        (25.0, "targets_2025_2030"),
        (6.0, "targets_2025_2030_party"),
        (10.0, "targets_2025_2030_economy"),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
}

#[test]
fn org_facts_in_other_words() {
    let e =
        ex("BÁO CÁO\n\nI. TÌNH HÌNH\n\nToàn Đảng bộ có 1.552 đảng viên sinh hoạt tại 69 chi, đảng bộ trực thuộc.\n\n\
Ủy ban MTTQ phường có 45 ủy viên. Đại hội triệu tập 200 đại biểu, có mặt 198 đại biểu.\n\n\
Đại hội Hội Nông dân có mặt 90 đại biểu.\n");
    let v = |k: &str| e.facts.iter().filter(|f| f.fact == k).map(|f| f.value).collect::<Vec<_>>();
    assert_eq!(v("party_orgs"), vec![69.0]);
    assert_eq!(v("mttq_committee_members"), vec![45.0]);
    assert_eq!(v("delegates_present"), vec![198.0], "a mass organisation's congress is not the Party's");
}

#[test]
fn per_capita_is_not_per_year() {
    let e = ex(&format!(
        "{PLAN}II. NHIỆM VỤ\n\n1. Chỉ tiêu chủ yếu\n\n\
(1) Thu nhập bình quân đầu người đến năm 2030 đạt 150 triệu đồng/người.\n\n\
(2) Tổng giá trị sản xuất tăng bình quân 12%/năm.\n"
    ));
    let f = |v: f64| e.targets.iter().find(|t| t.value == Some(v)).map(|t| t.frequency);
    assert_eq!(f(150.0), Some(Some(Frequency::ByDeadline)));
    assert_eq!(f(12.0), Some(Some(Frequency::Annual)));
}

/// Tables whose rows stand one per line with "|" or tab between cells (text copied from a web
/// page or a word processor, a Markdown table): ingest rebuilds them, extract reads them by
/// their headers like any other table.
#[test]
fn pipe_and_tab_tables_read_through_ingest() {
    let text = "KẾ HOẠCH\nthực hiện nhiệm vụ năm 2027\n\nIII. TỔ CHỨC THỰC HIỆN\n\n| STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n| 1 | Xây dựng kế hoạch chuyển đổi số | Văn phòng HĐND và UBND xã | Công an xã | Quý I/2027 |\n| 2 | Tổ chức đối thoại với Nhân dân | Thường trực Đảng ủy | Ủy ban Mặt trận Tổ quốc Việt Nam xã | Tháng 8/2027 |\n\n- Đoàn Thanh niên xã chủ trì tổ chức Tháng Thanh niên trong tháng 3/2027.\n";
    let doc = theodoi_ingest::read_bytes("k.txt", text.as_bytes()).expect("read");
    let e = extract(&doc);
    let k: Vec<_> =
        e.tasks.iter().map(|t| (t.lead.as_deref(), t.deadline.as_deref(), t.evidence[0].span.start)).collect();
    assert_eq!(
        k,
        vec![
            (Some("Văn phòng HĐND và UBND xã"), Some("2027-03"), 8),
            (Some("Thường trực Đảng ủy"), Some("2027-08"), 9),
            (Some("Đoàn Thanh niên xã"), Some("2027-03"), 11)
        ]
    );
    let text = "BÁO CÁO\nkết quả thực hiện nhiệm vụ năm 2026\n\nI. KẾT QUẢ\n\nSTT\tChỉ tiêu\tĐVT\tKế hoạch\tThực hiện\tSo sánh (%)\n1\tThu ngân sách nhà nước\tTỷ đồng\t12,0\t12,5\t104,2\n2\tTỷ lệ hộ nghèo\t%\t6,0\t6,8\t88,2\n";
    let doc = theodoi_ingest::read_bytes("r.txt", text.as_bytes()).expect("read");
    let e = extract(&doc);
    let r: Vec<_> = e.targets.iter().map(|t| (t.kind, t.value, t.achieved, t.evidence[0].span.start)).collect();
    assert_eq!(
        r,
        vec![
            (theodoi_core::TargetKind::Result, Some(12.0), Some(12.5), 7),
            (theodoi_core::TargetKind::Result, Some(6.0), Some(6.8), 8)
        ]
    );
}

/// The issuing commune under a State header: the motto beside it ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA") and
/// a cooperative ("Hợp tác xã …") name no commune.
#[test]
fn the_issuing_commune_not_the_motto() {
    let e = ex("ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ TÂN LẬP ĐÔNG                           Độc lập - Tự do - Hạnh phúc\n\nKẾ HOẠCH\nhỗ trợ Hợp tác xã Chè Tân Phú năm 2027\n\nGiao Phòng Kinh tế phối hợp với Hợp tác xã Chè Tân Phú xây dựng thương hiệu trong quý III/2027.\n");
    assert_eq!(e.org.as_deref(), Some("Xã Tân Lập Đông"));
    // a mass organisation's header beside the motto; the parent's name ends with its column
    let e = ex("HỘI NÔNG DÂN TỈNH NINH BÌNH            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHỘI NÔNG DÂN XÃ GIA TƯỜNG                Độc lập - Tự do - Hạnh phúc\n\nKẾ HOẠCH\ntập huấn kỹ thuật năm 2027\n\nCác chi hội vận động hội viên tham gia.\n");
    assert_eq!((e.org.as_deref(), e.parent_org.as_deref()), (Some("Xã Gia Tường"), Some("Tỉnh Ninh Bình")));
}

/// A decision's "Nơi nhận:" list ("- Như Điều 3;", "- Lưu VT.") closes the document: no target.
#[test]
fn the_recipients_of_a_decision_are_no_targets() {
    let e = ex("QUYẾT ĐỊNH\n\nĐiều 1. Giao chỉ tiêu năm 2028 cho các thôn:\n- Thu quỹ phòng, chống thiên tai đạt 100% kế hoạch.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nNơi nhận:\n- Như Điều 2;\n- UBND tỉnh (b/c);\n- Lưu VT.\n");
    let names: Vec<&str> = e.targets.iter().map(|t| t.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("Điều") || n.contains("Lưu") || n.contains("b/c")), "{names:?}");
}

/// A news page (tin bài): typed so by its frame, its past figures read as results (with a plan)
/// or readings (without one), its stated goals as targets; the frame (trail, date line,
/// caption, byline, related links) gives nothing.
#[test]
fn a_news_page_reports_and_states_goals() {
    let e = ex("Trang chủ > Tin tức > Xây dựng Đảng\n\
Đảng bộ xã Bình Minh Tây tổng kết công tác năm 2026\n\
Cập nhật: 28/12/2026 | Lượt xem: 205\n\
Ngày 27/12, Đảng bộ xã Bình Minh Tây tổ chức hội nghị tổng kết công tác năm 2026. Theo báo cáo, năm 2026 xã kết nạp 21 đảng viên mới, đạt 105% chỉ tiêu; tỷ lệ hộ nghèo còn 1,2%.\n\
Ảnh: Quang cảnh hội nghị.\n\
Năm 2027, Đảng bộ xã phấn đấu thu ngân sách đạt 30 tỷ đồng trở lên.\n\
Tin, ảnh: Thu Hà\n\
Tin liên quan:\n\
- Xã Bình Minh Đông tổ chức Đại hội lần thứ I\n");
    assert_eq!(e.doc_type, theodoi_core::DocType::TinBai);
    let t: Vec<_> = e.targets.iter().map(|t| (t.kind, t.value, t.achieved)).collect();
    assert!(t.contains(&(TargetKind::Result, None, Some(21.0))), "{t:?}");
    assert!(t.contains(&(TargetKind::Reading, None, Some(1.2))), "{t:?}");
    assert!(t.contains(&(TargetKind::Target, Some(30.0), None)), "{t:?}");
    assert_eq!(t.len(), 3, "{t:?}");
    assert!(e.tasks.iter().all(|k| k.evidence[0].span.start < 10), "the related links give no task: {:?}", e.tasks);
}

/// Under "Chỉ tiêu cụ thể đến năm 2030", a count of what the period does (jobs given, members
/// admitted, people trained) adds up over the term and takes no deadline from the heading; a
/// stock to reach ("40 hộ … đạt tiêu chuẩn") and a rate of the same work are due in 2030.
#[test]
fn work_counted_over_the_period_takes_no_deadline_from_its_heading() {
    let e = ex("KẾ HOẠCH\nphát triển du lịch cộng đồng giai đoạn 2026 - 2030\n\nII. MỤC TIÊU\n\n2. Chỉ tiêu cụ thể đến năm 2030\n\n\
- Giải quyết việc làm cho 250 - 300 lao động trong lĩnh vực dịch vụ; tỷ lệ lao động được giải quyết việc làm đạt trên 90%.\n\n\
- Có ít nhất 30 hộ kinh doanh lưu trú đạt tiêu chuẩn phục vụ khách.\n\n\
- Kết nạp 120 hội viên mới.\n");
    let t: Vec<_> = e.targets.iter().map(|t| (t.value, t.deadline.as_deref(), t.frequency)).collect();
    assert_eq!(
        t,
        vec![
            (Some(250.0), None, Some(Frequency::TermTotal)),
            (Some(90.0), Some("2030"), Some(Frequency::ByDeadline)),
            (Some(30.0), Some("2030"), Some(Frequency::ByDeadline)),
            (Some(120.0), None, Some(Frequency::TermTotal)),
        ]
    );
}

/// A commune's page listing its congress targets under a title of its own, with no document
/// title above: the title makes them goals ("(N) Tên: giá trị").
#[test]
fn a_list_of_targets_under_its_own_title() {
    let e = ex("ĐẢNG BỘ XÃ NẬM KHÁNH\nCác chỉ tiêu chủ yếu (nhiệm kỳ 2025-2030)\n- Về kinh tế:\n(1) Thu nhập bình quân đầu người đến năm 2030: 62 triệu đồng/năm.\n(2) Tỷ lệ lao động qua đào tạo: trên 45%.\n- Về xây dựng Đảng:\n(3) Bình quân hằng năm kết nạp đảng viên mới: trên 5%.\n");
    let t: Vec<_> = e.targets.iter().map(|t| (t.kind, t.value, t.comparator)).collect();
    assert_eq!(
        t,
        vec![
            (TargetKind::Target, Some(62.0), Comparator::Eq),
            (TargetKind::Target, Some(45.0), Comparator::Gt),
            (TargetKind::Target, Some(5.0), Comparator::Gt),
        ]
    );
    // a sentence that reports on the indicators is no title
    let e = ex("ĐẢNG BỘ XÃ NẬM KHÁNH\nCác chỉ tiêu chủ yếu đạt được như sau:\n- Thu nhập bình quân đầu người năm 2025 đạt 58 triệu đồng.\n");
    assert!(e.targets.iter().all(|t| t.kind != TargetKind::Target), "{:?}", e.targets);
}

/// The documents a file holds are ingest's to read (its parts, each with its kind); extract reads
/// each unit with its own part's kind: a self-review after a political report reports.
#[test]
fn the_parts_of_a_file_are_ingests() {
    let text = "ĐẢNG BỘ TỈNH AN GIANG\nĐẢNG ỦY XÃ BÌNH MINH\n*\nSố 01-BC/ĐU\n\nBÁO CÁO CHÍNH TRỊ\ntrình Đại hội Đảng bộ xã nhiệm kỳ 2025 - 2030\n\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ\n\n1. Chỉ tiêu chủ yếu\n\n(1). Hằng năm kết nạp từ 20 đảng viên mới trở lên.\n\nNơi nhận:\n- Lưu VP.\n\nT/M BAN CHẤP HÀNH\nBÍ THƯ\nNguyễn Văn An\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nĐẢNG BỘ TỈNH AN GIANG\nĐẢNG ỦY XÃ BÌNH MINH\n*\nSố 02-BC/ĐU\n\nBÁO CÁO\nKIỂM ĐIỂM SỰ LÃNH ĐẠO, CHỈ ĐẠO CỦA BAN CHẤP HÀNH\nnhiệm kỳ 2020 - 2025\n\nI. KẾT QUẢ\n\nKết nạp đảng viên vượt chỉ tiêu (110/100 đảng viên, đạt 110%).\n";
    let doc = theodoi_ingest::from_text("p.txt", Default::default(), text);
    let e = extract(&doc);
    assert_eq!(e.parts, doc.parts, "extract's parts are ingest's");
    let kinds: Vec<_> = e.parts.iter().map(|p| p.doc_type).collect();
    assert_eq!(kinds, [theodoi_core::DocType::BaoCaoChinhTri, theodoi_core::DocType::BaoCaoKiemDiem]);
    let t: Vec<_> = e.targets.iter().map(|t| (t.kind, t.value, t.achieved)).collect();
    assert!(t.contains(&(TargetKind::Target, Some(20.0), None)), "{t:?}");
    assert!(t.contains(&(TargetKind::Result, Some(100.0), Some(110.0))), "{t:?}");
}
