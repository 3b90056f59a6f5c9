//! Targets and results decided clause by clause from their own words, one row per written
//! form (sentences written for these tests; names and figures invented). Each row is put in
//! a small document of the given kind and must give the expected item.

use theodoi_core::{Comparator, Extraction, TargetKind, Verdict};
use theodoi_extract::{document_from_text, extract};
use theodoi_text::fold;

/// A review: its figures report unless a clause says it sets a goal.
const REVIEW: &str = "BÁO CÁO\nkết quả thực hiện nhiệm vụ năm 2025\n\nI. KẾT QUẢ ĐẠT ĐƯỢC\n\n";
/// A plan: its figures are goals unless a clause says it reports.
const PLAN: &str = "KẾ HOẠCH\nphát triển kinh tế - xã hội năm 2026\n\nI. CÁC CHỈ TIÊU CHỦ YẾU\n\n";
/// A decision whose headings say neither.
const OTHER: &str = "QUYẾT ĐỊNH\nban hành Kế hoạch kiểm tra năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n";

/// Expected: kind, comparator (None = not checked), plan value, achieved, unit, verdict
/// (None = not checked; Some(None) = none given).
type Want = (TargetKind, Option<Comparator>, Option<f64>, Option<f64>, Option<&'static str>, Option<Option<Verdict>>);

fn ex(head: &str, text: &str) -> Extraction {
    // read as the CLI reads it: ingest owns the header (type, date), extract consumes it
    extract(&theodoi_ingest::from_text("t.txt", Default::default(), &format!("{head}{text}\n")))
}

fn check(head: &str, rows: &[(&str, Want)]) {
    let mut failures = Vec::new();
    for (text, (kind, cmp, value, achieved, unit, verdict)) in rows {
        let e = ex(head, text);
        let hit = e.targets.iter().any(|t| {
            t.kind == *kind
                && cmp.is_none_or(|c| t.comparator == c)
                && t.value == *value
                && t.achieved == *achieved
                && t.unit.as_deref() == *unit
                && verdict.is_none_or(|v| t.verdict == v)
        });
        if !hit {
            let got: Vec<_> = e
                .targets
                .iter()
                .map(|t| (t.kind, t.comparator, t.value, t.achieved, t.unit.clone(), t.verdict))
                .collect();
            failures.push(format!("{text}\n  want {:?}\n  got  {got:?}", (kind, cmp, value, achieved, unit, verdict)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const R: TargetKind = TargetKind::Result;
const T: TargetKind = TargetKind::Target;

#[test]
fn results_in_their_written_forms() {
    use Verdict::*;
    check(
        REVIEW,
        &[
            // share of the plan after the figure
            (
                "Sản lượng chè búp tươi ước đạt 2.340 tấn, đạt 104,5% kế hoạch, tăng 3,1% so với cùng kỳ.",
                (R, None, None, Some(2340.0), Some("tấn"), None),
            ),
            (
                "Trong năm kết nạp được 9 đảng viên, đạt 45% chỉ tiêu năm.",
                (R, None, None, Some(9.0), Some("đảng viên"), None),
            ),
            // the plan in brackets
            (
                "Kết nạp 31 đảng viên, đạt 103% chỉ tiêu (30 đảng viên).",
                (R, None, Some(30.0), Some(31.0), Some("đảng viên"), None),
            ),
            (
                "Chi ngân sách ước thực hiện 52,3 tỷ đồng, bằng 96,1% dự toán (54,4 tỷ đồng).",
                (R, None, Some(54.4), Some(52.3), Some("tỷ đồng"), Some(None)),
            ),
            (
                "Giải quyết việc làm cho 310 lao động (kế hoạch năm 600 lao động).",
                (R, None, Some(600.0), Some(310.0), Some("lao động"), None),
            ),
            (
                "Tỷ lệ hộ nghèo giảm còn 1,3% (chỉ tiêu dưới 2%).",
                (R, Some(Comparator::Lt), Some(2.0), Some(1.3), Some("%"), None),
            ),
            (
                "Tổng giá trị sản xuất tăng 7,9% so với năm 2024 (Nghị quyết: 7,5%).",
                (R, None, Some(7.5), Some(7.9), Some("%"), None),
            ),
            ("Tỷ lệ tiêm chủng mở rộng đạt 97,4%/chỉ tiêu 98%.", (R, None, Some(98.0), Some(97.4), Some("%"), None)),
            // the verdict the text gives
            (
                "Tỷ lệ hộ dùng nước hợp vệ sinh đạt 97,2%, vượt chỉ tiêu (95%).",
                (R, None, Some(95.0), Some(97.2), Some("%"), Some(Some(Exceeded))),
            ),
            (
                "Tỷ lệ tham gia bảo hiểm y tế đạt 89,5%, chưa đạt chỉ tiêu Nghị quyết (92%).",
                (R, None, Some(92.0), Some(89.5), Some("%"), Some(Some(NotYetMet))),
            ),
            (
                "Tỷ lệ hồ sơ giải quyết trực tuyến đạt 71%, thấp hơn chỉ tiêu đề ra (75%).",
                (R, None, Some(75.0), Some(71.0), Some("%"), Some(Some(NotYetMet))),
            ),
            (
                "Tỷ lệ thanh toán không dùng tiền mặt mới đạt 28%, thấp so với kế hoạch đề ra (40%).",
                (R, None, Some(40.0), Some(28.0), Some("%"), Some(Some(NotYetMet))),
            ),
            // done/planned counts
            ("Đã có 6/8 ấp đạt chuẩn ấp văn hóa.", (R, None, Some(8.0), Some(6.0), Some("ấp"), None)),
            (
                "Hoàn thành 100% chỉ tiêu giao quân (28/28 thanh niên).",
                (R, None, Some(28.0), Some(28.0), Some("thanh niên"), Some(Some(Met))),
            ),
            // only the share is given (a plain rate with none is no result: see below)
            ("Thu ngân sách 6 tháng đạt 51,7% dự toán.", (R, None, None, Some(51.7), Some("%"), None)),
        ],
    );
}

#[test]
fn goals_by_their_words_wherever_they_stand() {
    check(
        OTHER,
        &[(
            "2. Phấn đấu trong năm 2026 kiểm tra ít nhất 25% chi bộ trực thuộc; 100% đơn thư được giải quyết đúng hạn.",
            (T, Some(Comparator::Ge), Some(25.0), None, Some("%"), None),
        )],
    );
    check(
        PLAN,
        &[
            // a short numbered sentence is a point of the list, not a heading
            (
                "3. Thu ngân sách trên địa bàn đạt 38 tỷ đồng trở lên.",
                (T, Some(Comparator::Ge), Some(38.0), None, Some("tỷ đồng"), None),
            ),
            // two goals in one point
            (
                "5. Tỷ lệ hồ sơ trực tuyến trên 85%; giải quyết việc làm cho 900 lao động.",
                (T, Some(Comparator::Gt), Some(85.0), None, Some("%"), None),
            ),
            (
                "5. Tỷ lệ hồ sơ trực tuyến trên 85%; giải quyết việc làm cho 900 lao động.",
                (T, Some(Comparator::Eq), Some(900.0), None, Some("lao động"), None),
            ),
            // a report inside a plan is a result
            (
                "Năm 2025 đã kết nạp 18 đảng viên, đạt 90% chỉ tiêu.",
                (R, None, None, Some(18.0), Some("đảng viên"), None),
            ),
            // a share of the plan with no past marker is a plan's goal
            ("(9) Gọi công dân nhập ngũ: đạt 100% chỉ tiêu trên giao.", (T, None, Some(100.0), None, Some("%"), None)),
        ],
    );
    // a goal stated in a review; "phấn đấu" wins over a share of the plan
    check(
        REVIEW,
        &[
            (
                "Phấn đấu đến năm 2026 tỷ lệ hộ nghèo giảm xuống dưới 1%.",
                (T, Some(Comparator::Lt), Some(1.0), None, Some("%"), None),
            ),
            (
                "Khẩn trương thanh toán khối lượng, phấn đấu đến ngày 31/3/2026 giải ngân đạt 100% kế hoạch vốn.",
                (T, None, Some(100.0), None, Some("%"), None),
            ),
        ],
    );
    // a run-in list of chỉ tiêu in a report, and a figure set after its name and a colon
    check(
        REVIEW,
        &[(
            "Đại hội thông qua một số chỉ tiêu chủ yếu: thu ngân sách tăng bình quân 9%/năm; phát triển mới 04 sản phẩm OCOP.",
            (T, None, Some(9.0), None, Some("%/năm"), None),
        )],
    );
    check(
        OTHER,
        &[(
            "b) Bổ sung cân đối từ ngân sách cấp trên: 61.250 triệu đồng.",
            (T, None, Some(61250.0), None, Some("triệu đồng"), None),
        )],
    );
    // a page number printed inside the sentence is no part of it
    check(
        REVIEW,
        &[(
            "Tỷ lệ người lao động tham gia bảo hiểm xã hội\n7\nđạt 31,5%, chưa đạt chỉ tiêu (35%).",
            (R, None, Some(35.0), Some(31.5), Some("%"), None),
        )],
    );
}

#[test]
fn neither_growth_on_last_year_nor_a_bare_count_is_a_result() {
    for text in [
        "Tổng mức bán lẻ hàng hóa ước đạt 1.950 tỷ đồng, tăng 10,4% so với cùng kỳ.",
        "Ra quân dọn vệ sinh môi trường (có 12/12 tổ dân phố tham gia).",
        "Lũ cuối tháng 10/2025 làm hư hỏng nhiều công trình.",
        "Xã có 15 tiêu chí đạt; còn 02 tiêu chí chưa đạt.",
        "Các đại biểu trúng cử đều đạt tỷ lệ phiếu bầu cao, từ 81,2% đến 98,7%.",
        // a rate with no plan, share or verdict is a figure of the year (a reading), not a result
        "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 94,6%.",
        "Tỷ lệ chi bộ thu, nộp đảng phí đúng quy định đạt 100%.",
        // the counts of a vote
        "Nghị quyết đã được 19/19 đảng viên dự họp nhất trí thông qua.",
    ] {
        let e = ex(REVIEW, text);
        assert!(e.targets.iter().all(|t| t.kind == TargetKind::Reading), "{text}: {:?}", e.targets);
    }
}

#[test]
fn a_value_of_an_indicator_with_no_plan_is_a_reading() {
    let reading = |text: &str| {
        ex(REVIEW, text)
            .targets
            .iter()
            .filter(|t| t.kind == TargetKind::Reading)
            .map(|t| (t.name.clone(), t.achieved, t.unit.clone(), t.value, t.evidence.len()))
            .collect::<Vec<_>>()
    };
    for (text, name, achieved, unit) in [
        ("Tỷ lệ người dân tham gia bảo hiểm y tế đạt 94,6%.", "Tỷ lệ người dân tham gia bảo hiểm y tế", 94.6, "%"),
        ("Năm 2025, tỷ lệ hộ nghèo còn 1,8%.", "tỷ lệ hộ nghèo", 1.8, "%"),
        ("Thu nhập bình quân đầu người là 71,5 triệu đồng.", "Thu nhập bình quân đầu người", 71.5, "triệu đồng"),
    ] {
        let got = reading(text);
        assert!(
            got.iter().any(|(n, a, u, v, ev)| fold(n) == fold(name)
                && *a == Some(achieved)
                && u.as_deref() == Some(unit)
                && v.is_none()
                && *ev == 1),
            "{text}: {got:?}"
        );
    }
    // a deed with no plan is neither a result nor a reading; readings are not in the keys' form
    assert!(reading("Trao 1.250 suất quà Tết cho hộ nghèo.").is_empty());
    let e = ex(REVIEW, "Tỷ lệ lao động qua đào tạo đạt 72%.");
    assert_eq!(theodoi_extract::to_eval(&e)["targets"], serde_json::json!([]));
}

#[test]
fn a_results_table_flattened_one_cell_per_line() {
    // pdftotext without layout: one cell per line, a page number between rows and another
    // inside a row's figures, a name wrapped over two lines, a unit over two
    let text = "BÁO CÁO\nkết quả năm 2025\n\n1. Sản xuất\n\nSản lượng ngô ước đạt 4.120 tấn, đạt 103% kế hoạch.\n\n\
BIỂU KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2025\n\nTT\nChỉ tiêu\nĐVT\nKế hoạch\nThực hiện\nSo sánh\n(%)\n\
A\nCHỈ TIÊU KINH TẾ\n1\nSản lượng ngô\ntấn\n4.000\n4.120\n103,0\n3\n2\nCông trình hoàn thành đưa vào\nsử dụng\ncông\ntrình\n\
10\n8\n80,0\n3\nTỷ lệ hộ nghèo\n%\n4\n< 2\n1,6\nĐạt\n";
    let doc = theodoi_ingest::read_bytes("b.txt", text.as_bytes()).expect("text reads");
    let table = doc.tables.first().expect("the table is rebuilt");
    let rows: Vec<Vec<&str>> =
        table.rows.iter().filter(|r| !r.is_group).map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
    assert_eq!(
        rows,
        vec![
            vec!["1", "Sản lượng ngô", "tấn", "4.000", "4.120", "103,0"],
            vec!["2", "Công trình hoàn thành đưa vào sử dụng", "công trình", "10", "8", "80,0"],
            vec!["3", "Tỷ lệ hộ nghèo", "%", "< 2", "1,6", "Đạt"],
        ]
    );
    let e = extract(&doc);
    let r: Vec<_> =
        e.targets.iter().map(|t| (t.kind, t.value, t.achieved, t.unit.as_deref(), t.evidence.len())).collect();
    // the row told in the text too is one result with both evidences
    assert!(r.contains(&(R, Some(4000.0), Some(4120.0), Some("tấn"), 2)), "{r:?}");
    assert!(r.contains(&(R, Some(10.0), Some(8.0), Some("công trình"), 1)), "{r:?}");
    assert!(r.contains(&(R, Some(2.0), Some(1.6), Some("%"), 1)), "{r:?}");
    let poor = e.targets.iter().find(|t| t.value == Some(2.0)).map(|t| (t.comparator, t.verdict));
    assert_eq!(poor, Some((Comparator::Lt, Some(Verdict::Met))));
}

#[test]
fn a_figure_inside_its_clause_and_counts_done_of_planned() {
    // (text, name, plan, achieved, unit, verdict)
    let rows: &[(&str, &str, Option<f64>, f64, &str, Option<Verdict>)] = &[
        // the figure is the verb's object: the name is the clause without the number
        (
            "Kết nạp được 7 đảng viên mới, đạt 35% chỉ tiêu năm (chỉ tiêu 20 đảng viên).",
            "Kết nạp đảng viên mới",
            Some(20.0),
            7.0,
            "đảng viên",
            None,
        ),
        // whom the work served is not its name (the keys name it "Giải quyết việc làm")
        (
            "Giải quyết việc làm cho 318 lao động, vượt 6% kế hoạch (kế hoạch 300 lao động).",
            "Giải quyết việc làm",
            Some(300.0),
            318.0,
            "lao động",
            Some(Verdict::Exceeded),
        ),
        // done of planned opening with "Có", no verdict word
        (
            "Có 5/9 thôn được công nhận đạt chuẩn văn hóa.",
            "Thôn được công nhận đạt chuẩn văn hóa",
            Some(9.0),
            5.0,
            "thôn",
            None,
        ),
        // done of planned with its own share after it
        (
            "Đã tiến hành giám sát 4/7 chi bộ theo chương trình, đạt 57,1%.",
            "Tiến hành giám sát chi bộ theo chương trình",
            Some(7.0),
            4.0,
            "chi bộ",
            None,
        ),
        // a rate with its plan named after it and no verdict word: none is given (as the keys)
        (
            "Tỷ lệ hộ dùng nước hợp vệ sinh đạt 88,4%, chỉ tiêu Nghị quyết là 90%.",
            "Tỷ lệ hộ dùng nước hợp vệ sinh",
            Some(90.0),
            88.4,
            "%",
            None,
        ),
    ];
    let mut failures = Vec::new();
    for (text, name, value, achieved, unit, verdict) in rows {
        let e = ex(REVIEW, text);
        let hit = e.targets.iter().any(|t| {
            t.kind == R
                && t.name == *name
                && t.value == *value
                && t.achieved == Some(*achieved)
                && t.unit.as_deref() == Some(*unit)
                && t.verdict == *verdict
        });
        if !hit {
            let got: Vec<_> =
                e.targets.iter().map(|t| (t.name.clone(), t.value, t.achieved, t.unit.clone(), t.verdict)).collect();
            failures.push(format!("{text}\n  got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Counts of things no list of units names ("hội viên", "giấy chứng nhận", "học viên"): the
/// counted noun after the number makes it the figure done, and the share after it stays a share.
#[test]
fn counted_nouns_are_what_was_done() {
    use Verdict::*;
    check(
        REVIEW,
        &[
            (
                "Cấp mới 52 giấy chứng nhận quyền sử dụng đất, đạt 65% kế hoạch năm.",
                (R, None, None, Some(52.0), Some("giấy chứng nhận"), None),
            ),
            (
                "Trong năm kết nạp 21 hội viên mới, đạt 84% kế hoạch.",
                (R, None, None, Some(21.0), Some("hội viên"), None),
            ),
            (
                "Hỗ trợ 27 hộ hội viên phát triển kinh tế, đạt 90% kế hoạch năm (30 hộ).",
                (R, None, Some(30.0), Some(27.0), Some("hộ"), None),
            ),
            // a noun in no list at all
            (
                "Mở 04 lớp dạy nghề cho 96 học viên, đạt 80% kế hoạch (120 học viên).",
                (R, None, Some(120.0), Some(96.0), Some("học viên"), None),
            ),
            (
                "Xây dựng 3 điểm sinh hoạt cộng đồng, đạt 75% kế hoạch (4 điểm).",
                (R, None, Some(4.0), Some(3.0), Some("điểm"), None),
            ),
            (
                "Kết nạp 46 đoàn viên, vượt 15% so với chỉ tiêu (40 đoàn viên).",
                (R, None, Some(40.0), Some(46.0), Some("đoàn viên"), Some(Some(Exceeded))),
            ),
            (
                "Thu nhập bình quân đầu người đạt 62 triệu đồng/người/năm, vượt chỉ tiêu Nghị quyết đề ra (60 triệu đồng).",
                (R, None, Some(60.0), Some(62.0), Some("triệu đồng"), Some(Some(Exceeded))),
            ),
            // the plan names the head of what the figure counts
            (
                "Đón 41.000 lượt khách, đạt 82% kế hoạch (50.000 lượt).",
                (R, None, Some(50000.0), Some(41000.0), Some("lượt khách"), None),
            ),
        ],
    );
    check(
        PLAN,
        &[
            (
                "- Kết nạp từ 60 hội viên mới trở lên.",
                (T, Some(Comparator::Ge), Some(60.0), None, Some("hội viên"), None),
            ),
            (
                "2. Phấn đấu có 85% chi hội trở lên xếp loại vững mạnh.",
                (T, Some(Comparator::Ge), Some(85.0), None, Some("%"), None),
            ),
            (
                "- Hỗ trợ ít nhất 25 hội viên nghèo phát triển kinh tế.",
                (T, Some(Comparator::Ge), Some(25.0), None, Some("hội viên"), None),
            ),
            (
                "Đến năm 2030, thành lập mới bình quân 12 hợp tác xã mỗi năm.",
                (T, Some(Comparator::Eq), Some(12.0), None, Some("hợp tác xã"), None),
            ),
        ],
    );
}

/// Progress a plan or a conclusion reports: a share below the plan ("bằng 71,2% dự toán
/// năm"), "mới đạt", "thấp hơn chỉ tiêu" — a goal never sets less than its plan.
#[test]
fn progress_reported_inside_a_plan_is_a_result() {
    check(
        PLAN,
        &[
            (
                "Thu ngân sách đến ngày 30/9/2026 đạt 6,1 tỷ đồng, bằng 71,2% dự toán năm.",
                (R, None, None, Some(6.1), Some("tỷ đồng"), None),
            ),
            (
                "Tỷ lệ hồ sơ trực tuyến mới đạt 38%, thấp hơn chỉ tiêu tỉnh giao (55%).",
                (R, None, Some(55.0), Some(38.0), Some("%"), None),
            ),
            (
                "Giải ngân vốn đầu tư công đạt 61,5% kế hoạch vốn được giao.",
                (R, None, None, Some(61.5), Some("%"), None),
            ),
        ],
    );
}

/// A number that qualifies a noun without counting it, and points that assign work, set no goal.
#[test]
fn numbers_in_names_and_assignments_are_no_goals() {
    for text in [
        "2. Tiếp tục thực hiện Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng.",
        "3. Phấn đấu tăng trưởng kinh tế 2 con số.",
        "4. Phấn đấu tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi giảm.",
        "5. Phấn đấu có thêm sản phẩm OCOP đạt từ 3 sao.",
    ] {
        let e = ex(PLAN, text);
        assert!(e.targets.iter().all(|t| t.value.is_none_or(|v| v > 5.0)), "{text}: {:?}", e.targets);
    }
    let e = ex(
        "KẾ HOẠCH\nvận động Quỹ Vì người nghèo năm 2027\n\nIII. PHÂN CÔNG NHIỆM VỤ\n\n",
        "1. Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã: chủ trì xây dựng kế hoạch, tổ chức lễ phát động trong tháng 3/2027.",
    );
    assert!(e.targets.is_empty(), "{:?}", e.targets);
    assert_eq!(e.tasks.len(), 1);
}

/// Forms the second batch of the genre set showed: a plan named beside a done/whole fraction, a
/// share over the plan as verdict, the numbered points of a resolution, "thêm", a goal with no
/// figure but "không còn".
#[test]
fn plans_beside_fractions_resolutions_and_goals_without_figures() {
    use Verdict::*;
    check(
        REVIEW,
        &[
            (
                "Có 9/11 chi đoàn xếp loại vững mạnh (kế hoạch 10 chi đoàn).",
                (R, None, Some(10.0), Some(9.0), Some("chi đoàn"), None),
            ),
            (
                "Làm mới 3,2 km đường bê tông, vượt 28% so với kế hoạch (2,5 km).",
                (R, None, Some(2.5), Some(3.2), Some("km"), Some(Some(Exceeded))),
            ),
            // a share of the plan beside a fraction of another unit keeps the fraction's plan
            (
                "Kết nạp được 14/20 đảng viên theo chỉ tiêu năm (đạt 70%).",
                (R, None, Some(20.0), Some(14.0), Some("đảng viên"), None),
            ),
        ],
    );
    check(
        "NGHỊ QUYẾT\nvề đầu tư công năm 2027\n\nĐiều 1. Thông qua các nội dung chủ yếu sau:\n",
        &[("2. Khởi công mới 04 công trình.", (T, Some(Comparator::Eq), Some(4.0), None, Some("công trình"), None))],
    );
    check(
        OTHER,
        &[(
            "Bê tông hóa thêm 12 km đường giao thông nông thôn.",
            (T, Some(Comparator::Eq), Some(12.0), None, Some("km"), None),
        )],
    );
    check(
        "KẾ HOẠCH\nnăm 2026\n\nII. NHIỆM VỤ NĂM 2026\n\n",
        &[("2. Phấn đấu không còn hộ nghèo.", (T, Some(Comparator::Eq), Some(0.0), None, Some("hộ nghèo"), None))],
    );
}

/// Text pasted one paragraph per line with no blank line between (a web page, a word
/// processor): each line is a paragraph, so a results heading governs the lines under it and a
/// "… chỉ tiêu chủ yếu:" line does not make the report's lines goals.
#[test]
fn paragraphs_one_per_line_without_blank_lines() {
    let text = "BÁO CÁO\nTổng kết công tác Hội năm 2025 và phương hướng, nhiệm vụ năm 2026\nI. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2025\nToàn Hội có 14 chi hội với 612 hội viên. Trong năm, Hội vận động hội viên giúp nhau phát triển kinh tế, giảm 09 hộ hội viên nghèo, đạt 112% so với kế hoạch (08 hộ).\nKết quả thực hiện một số chỉ tiêu chủ yếu:\nTrong năm kết nạp 31 hội viên mới, vượt 24% so với chỉ tiêu (25 hội viên); xây dựng 03 căn nhà nghĩa tình đồng đội, đạt 100% kế hoạch.\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\n1. Kết nạp từ 25 hội viên mới trở lên.\n";
    let e = extract(&document_from_text("p.txt", text));
    let got: Vec<_> = e.targets.iter().map(|t| (t.kind, t.value, t.achieved, t.evidence[0].span.start)).collect();
    for want in [(R, Some(8.0), Some(9.0), 4), (R, Some(25.0), Some(31.0), 6), (T, Some(25.0), None, 8)] {
        assert!(got.contains(&want), "want {want:?}\ngot {got:?}");
    }
    assert!(got.iter().all(|g| g.0 == R || g.3 >= 8), "no goal among the results: {got:?}");
}

/// In a review, an outspoken goal ("phấn đấu …") opens a run of goals its sentence goes on with
/// after semicolons; a "Tổng số đảng viên: N" label counts what there is, in a resolution too.
#[test]
fn a_goal_run_in_a_review_and_totals_that_are_no_goals() {
    let text = "Năm 2027, Đảng bộ xã phấn đấu kết nạp từ 12 đảng viên mới trở lên; tỷ lệ chi bộ hoàn thành tốt nhiệm vụ trở lên đạt trên 85%; thu ngân sách trên địa bàn tăng bình quân từ 8% trở lên.";
    check(
        REVIEW,
        &[
            (text, (T, Some(Comparator::Ge), Some(12.0), None, Some("đảng viên"), None)),
            (text, (T, Some(Comparator::Gt), Some(85.0), None, Some("%"), None)),
            (text, (T, Some(Comparator::Ge), Some(8.0), None, Some("%"), None)),
        ],
    );
    // "đủ N" is the full number to reach, a goal in a conclusion's assignment
    check(
        "THÔNG BÁO KẾT LUẬN\n\n2. Nhiệm vụ trọng tâm\n\n",
        &[(
            "- Tham mưu Ban Thường vụ chỉ đạo công tác phát triển đảng viên, bảo đảm kết nạp đủ 14 đảng viên mới trong năm 2027.",
            (T, Some(Comparator::Eq), Some(14.0), None, Some("đảng viên"), None),
        )],
    );
    // the run ends with its sentence: a figure reported after it is no goal
    let e = ex(REVIEW, &format!("{text} Tỷ lệ hộ nghèo còn 2,1%."));
    assert!(e.targets.iter().all(|t| t.value != Some(2.1)), "{:?}", e.targets);
    let e = ex(
        "NGHỊ QUYẾT\nphiên họp chi bộ thường kỳ tháng 5 năm 2027\n\n",
        "Tổng số đảng viên của chi bộ: 31 đồng chí; có mặt 29 đồng chí.",
    );
    assert!(e.targets.is_empty(), "{:?}", e.targets);
}

#[test]
fn results_as_held_out_reports_word_them() {
    use Verdict::*;
    check(
        REVIEW,
        &[
            // done/planned with its own share: "119/116 đạt 102,6%"
            (
                "Trong năm kết nạp được 27/25 đảng viên mới, đạt 108%.",
                (R, Some(Comparator::Eq), Some(25.0), Some(27.0), Some("đảng viên"), None),
            ),
            // the plan in the next clause
            (
                "Tỷ lệ hộ cận nghèo còn 3,4%; chỉ tiêu cả năm là dưới 3%.",
                (R, Some(Comparator::Lt), Some(3.0), Some(3.4), Some("%"), None),
            ),
            (
                "Vận động Nhân dân hiến 2.400 m2 đất, góp 900 ngày công làm đường; kế hoạch năm là 2.000 m2 đất.",
                (R, Some(Comparator::Eq), Some(2000.0), Some(2400.0), Some("m2"), None),
            ),
            // the plan in the clause or sentence before
            (
                "Chỉ tiêu giao năm 2025 là 30 hội viên; đến nay đã kết nạp 21 hội viên, đạt 70%.",
                (R, Some(Comparator::Eq), Some(30.0), Some(21.0), Some("hội viên"), None),
            ),
            (
                "Huyện giao dự toán thu ngân sách năm 2025 là 18,4 tỷ đồng. Đến hết tháng 6 thu được 9,7 tỷ đồng, đạt 52,7% dự toán.",
                (R, Some(Comparator::Eq), Some(18.4), Some(9.7), Some("tỷ đồng"), None),
            ),
            (
                "Mục tiêu năm 2025 là 90% hộ gia đình được dùng nước sạch; đến ngày 30/6 đạt 86,2%.",
                (R, Some(Comparator::Eq), Some(90.0), Some(86.2), Some("%"), None),
            ),
            // verdicts as written: higher than the plan, as much as the plan, lower than a ceiling
            (
                "Tỷ lệ người cao tuổi được khám sức khỏe định kỳ đạt 88%, cao hơn kế hoạch 3% (kế hoạch 85%).",
                (R, Some(Comparator::Eq), Some(85.0), Some(88.0), Some("%"), Some(Some(Exceeded))),
            ),
            (
                "Tỷ lệ hộ nghèo còn 0,9%, thấp hơn mục tiêu Nghị quyết (dưới 1,5%).",
                (R, Some(Comparator::Lt), Some(1.5), Some(0.9), Some("%"), Some(Some(Met))),
            ),
            (
                "Sửa chữa 9 căn nhà Đại đoàn kết, bằng với kế hoạch năm.",
                (R, None, None, Some(9.0), Some("căn"), Some(Some(Met))),
            ),
            (
                "Tỷ lệ sinh con thứ 3 trở lên là 6,8%, chưa đạt chỉ tiêu giao (dưới 6%).",
                (R, Some(Comparator::Lt), Some(6.0), Some(6.8), Some("%"), Some(Some(NotYetMet))),
            ),
            // a share of the plan written against its abbreviation
            (
                "Vận động Quỹ Vì người nghèo được 286 triệu đồng, đạt 119,2%KH.",
                (R, None, None, Some(286.0), Some("triệu đồng"), None),
            ),
        ],
    );
}

#[test]
fn a_results_table_headed_by_the_resolution_it_answers() {
    let text = "BÁO CÁO\nkết quả năm 2025\n\nI. BIỂU TỔNG HỢP KẾT QUẢ\n\n\
TT  Tên chỉ tiêu                       Đơn vị tính   NQ giao   Thực hiện   Tỷ lệ %   Đánh giá\n\
1   Diện tích lúa gieo cấy             ha            1.200     1.180       98,3      Không đạt\n\
2   Kết nạp đảng viên mới              đảng viên     12        14          116,7     Vượt\n";
    let doc = theodoi_ingest::read_bytes("b.txt", text.as_bytes()).expect("text reads");
    let e = extract(&doc);
    let r: Vec<_> = e.targets.iter().map(|t| (t.kind, t.value, t.achieved, t.unit.as_deref(), t.verdict)).collect();
    assert!(r.contains(&(R, Some(1200.0), Some(1180.0), Some("ha"), Some(Verdict::NotMet))), "{r:?}");
    assert!(r.contains(&(R, Some(12.0), Some(14.0), Some("đảng viên"), Some(Verdict::Exceeded))), "{r:?}");
}

#[test]
fn a_goal_run_in_the_forward_part_of_a_report() {
    // plain counts after an outspoken goal, in the sentence it opened, are goals too
    let text = "Phấn đấu thu ngân sách trên địa bàn đạt 20 tỷ đồng trở lên; trồng mới 350 ha rừng sản xuất; kết nạp 18 đảng viên mới.";
    check(
        "BÁO CÁO\nkết quả năm 2025\n\nIII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\n\n",
        &[
            (text, (T, Some(Comparator::Ge), Some(20.0), None, Some("tỷ đồng"), None)),
            (text, (T, Some(Comparator::Eq), Some(350.0), None, Some("ha"), None)),
            (text, (T, Some(Comparator::Eq), Some(18.0), None, Some("đảng viên"), None)),
        ],
    );
}

/// Forms of batch 6 of the genre set (news of congresses and reviews, mid-term reviews, a
/// commune's year report): how far a count stands from its plan with the plan unwritten, per-mille
/// rates, a plan phrase long before its figure, the plan stated after the figure, "N trong số M".
#[test]
fn results_as_news_and_mid_term_reviews_word_them() {
    use Verdict::*;
    check(
        REVIEW,
        &[
            // the gap to the plan, the plan itself not written
            (
                "Thu nhập bình quân đầu người đạt 54 triệu đồng, vượt 4 triệu đồng so với kế hoạch.",
                (R, None, None, Some(54.0), Some("triệu đồng"), Some(Some(Exceeded))),
            ),
            (
                "Có 7/10 tổ dân phố đạt chuẩn văn minh đô thị, vượt 1 tổ dân phố so với kế hoạch năm.",
                (R, None, None, Some(7.0), Some("tổ dân phố"), Some(Some(Exceeded))),
            ),
            (
                "Hỗ trợ xây mới 12 căn nhà đại đoàn kết, thấp hơn 3 căn so với chỉ tiêu.",
                (R, None, None, Some(12.0), Some("căn"), Some(Some(NotYetMet))),
            ),
            // done of the whole, in words
            ("Đã có 5 trong số 8 thôn đạt chuẩn thôn văn hóa.", (R, None, Some(8.0), Some(5.0), Some("thôn"), None)),
            // per mille, "‰" or typed "%0"; a change the text says met its plan is what was achieved
            (
                "Tỷ suất sinh thô giảm bình quân 0,25‰/năm, đạt kế hoạch đề ra.",
                (R, None, None, Some(0.25), Some("‰/năm"), Some(Some(Met))),
            ),
            (
                "Tỷ suất sinh thô giảm 0,2%0 so với năm 2025, đạt chỉ tiêu giao.",
                (R, None, None, Some(0.2), Some("‰"), Some(Some(Met))),
            ),
            // a plan phrase long before its figure, closed by a bracket or "là"
            (
                "Sản lượng cá nuôi ước đạt 640 tấn, vượt kế hoạch Ủy ban nhân dân xã giao cho các hợp tác xã trong năm 2026 (600 tấn).",
                (R, None, Some(600.0), Some(640.0), Some("tấn"), Some(Some(Exceeded))),
            ),
            (
                "Trồng mới 35 ha rừng sản xuất; so với kế hoạch Ban Chỉ đạo xã giao cho cả giai đoạn 2026 - 2030 là 120 ha, đạt 29,2%.",
                (R, None, Some(120.0), Some(35.0), Some("ha"), None),
            ),
            // the plan stated after the figure, its bound the plan's
            (
                "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ hằng năm đạt 84%, Nghị quyết đề ra từ 85% trở lên.",
                (R, Some(Comparator::Ge), Some(85.0), Some(84.0), Some("%"), None),
            ),
            // the whole plan met
            ("Huấn luyện dân quân năm thứ nhất đạt 100% kế hoạch.", (R, None, None, Some(100.0), Some("%"), Some(Some(Met)))),
        ],
    );
    // "…, vượt 1 ấp so với kế hoạch": the fraction's whole is what there is, not the plan
    let e = ex(REVIEW, "Có 7/10 tổ dân phố đạt chuẩn văn minh đô thị, vượt 1 tổ dân phố so với kế hoạch năm.");
    assert!(e.targets.iter().all(|t| t.value != Some(10.0)), "{:?}", e.targets);
    // the plan named by "là" is no result of its own
    let e = ex(REVIEW, "Trồng mới 35 ha rừng sản xuất; so với kế hoạch Ban Chỉ đạo xã giao cho cả giai đoạn 2026 - 2030 là 120 ha, đạt 29,2%.");
    assert_eq!(e.targets.len(), 1, "{:?}", e.targets);
    // a plan restated beside the figure reported against it is neither a second result nor a goal
    let e = ex(
        REVIEW,
        "Quỹ Hỗ trợ nông dân đạt 1,9 tỷ đồng, tăng 300 triệu đồng so với đầu nhiệm kỳ; mục tiêu Nghị quyết đến năm 2028 là 2,5 tỷ đồng.",
    );
    let got: Vec<_> = e.targets.iter().map(|t| (t.kind, t.value, t.achieved)).collect();
    assert_eq!(got, [(R, Some(2.5), Some(1.9))], "{:?}", e.targets);
}

/// Goals a review or a news page states after "phấn đấu": the clauses of its run that say
/// neither goal nor report are goals too, and the run's deadline is theirs.
#[test]
fn a_goal_run_in_a_review_with_its_deadline() {
    let e = ex(
        REVIEW,
        "Năm 2027, phấn đấu tổng thu ngân sách đạt 20 tỷ đồng; tỷ lệ hộ nghèo giảm bình quân 0,5%/năm; có thêm 2 thôn đạt chuẩn văn hóa.",
    );
    let t: Vec<_> = e.targets.iter().map(|t| (t.kind, t.value, t.unit.as_deref())).collect();
    for want in [(T, Some(20.0), Some("tỷ đồng")), (T, Some(0.5), Some("%/năm")), (T, Some(2.0), Some("thôn"))] {
        assert!(t.contains(&want), "{want:?} in {t:?}");
    }
    let e = ex(
        REVIEW,
        "Đảng bộ xã phấn đấu đến cuối năm 2026 thu ngân sách đạt 105% dự toán trở lên; kết nạp đủ 20 đảng viên mới.",
    );
    let t: Vec<_> = e.targets.iter().map(|t| (t.kind, t.value, t.deadline.as_deref())).collect();
    assert_eq!(t, [(T, Some(105.0), Some("2026-12")), (T, Some(20.0), Some("2026-12"))], "{:?}", e.targets);
    // a report after the run's sentence is not in it
    let e = ex(REVIEW, "Phấn đấu thu ngân sách đạt 20 tỷ đồng. Thu nhập bình quân đầu người là 60 triệu đồng.");
    assert!(e.targets.iter().all(|t| t.value != Some(60.0) || t.kind != T), "{:?}", e.targets);
}

/// Whom a dated duty reaches is its scope ("tổ chức cho 100% đảng viên học tập …, hoàn thành
/// trước ngày …"), not a figure to reach; a goal with a date stays one.
#[test]
fn the_scope_of_a_dated_duty_is_no_goal() {
    for text in [
        "Yêu cầu các chi bộ tổ chức cho 100% đảng viên học tập chuyên đề năm 2026, hoàn thành trước ngày 30/9/2026.",
        "1. Rà soát, đối chiếu hồ sơ của 100% đảng viên với dữ liệu quản lý, hoàn thành trước ngày 15/10/2026.",
    ] {
        let e = ex(PLAN, text);
        assert!(e.targets.iter().all(|t| t.value != Some(100.0)), "{text}: {:?}", e.targets);
    }
    // the product of a task is what it hands over, in its sentence or as its field
    let e = ex(
        PLAN,
        "4. Tổ chức hội chợ nông sản cuối năm.\n- Đơn vị chủ trì: Phòng Kinh tế.\n- Kết quả cần đạt: 40 gian hàng, trong đó ít nhất 12 gian hàng sản phẩm OCOP.",
    );
    assert!(e.targets.is_empty(), "{:?}", e.targets);
    let e = ex(PLAN, "5. Hội Nông dân xã chủ trì xây dựng chuỗi liên kết tiêu thụ cam, sản phẩm là 03 hợp đồng liên kết được ký kết, hoàn thành trong năm 2026.");
    assert!(e.targets.iter().all(|t| t.value != Some(3.0)), "{:?}", e.targets);
    for text in [
        "Phấn đấu đến ngày 31/12/2026 có 100% chi bộ sinh hoạt chuyên đề hằng quý.",
        "Văn phòng bố trí kinh phí; bảo đảm đến ngày 31/12/2026 giải quyết xong chế độ cho 100% người nghỉ việc.",
    ] {
        let e = ex(PLAN, text);
        assert!(e.targets.iter().any(|t| t.kind == T && t.value == Some(100.0)), "{text}: {:?}", e.targets);
    }
}

/// "II. MỤC TIÊU ĐẾN NĂM 2028": the goals listed under it are due then; a yearly goal and an
/// addition over the term are not.
#[test]
fn goals_under_a_heading_with_a_deadline() {
    let e = ex(
        "CHƯƠNG TRÌNH PHỐI HỢP\ngiữa Ủy ban nhân dân xã và Hội Nông dân xã giai đoạn 2026 - 2028\n\nII. MỤC TIÊU ĐẾN NĂM 2028\n\n",
        "1. Xây dựng mới 04 mô hình kinh tế tập thể.\n2. Hằng năm có từ 70% hộ nông dân đăng ký thi đua sản xuất giỏi.\n3. Có thêm 03 sản phẩm đạt chuẩn OCOP.",
    );
    assert_eq!(e.doc_type, theodoi_core::DocType::ChuongTrinhPhoiHop);
    let t: Vec<_> = e.targets.iter().map(|t| (t.value, t.deadline.as_deref())).collect();
    assert_eq!(t, [(Some(4.0), Some("2028")), (Some(70.0), None), (Some(3.0), None)], "{:?}", e.targets);
}

/// Offices abbreviate the plan word: "đạt 108% KH năm", "đạt 92%KH", "bằng 97% DT", "đạt 105%
/// CT giao", "đạt 104% NQ"; a growth clause may stand between the figure and its share. A
/// document code ("Kế hoạch số 12-KH/ĐU") and a word that only starts with the letters
/// ("khá", "khu") are no plan.
#[test]
fn a_share_of_the_plan_written_against_its_abbreviation() {
    check(
        REVIEW,
        &[
            (
                "Tổng diện tích gieo trồng đạt 731 ha, tăng 12% so với cùng kỳ, đạt 108% KH năm.",
                (R, None, None, Some(731.0), Some("ha"), None),
            ),
            (
                "Sản lượng lương thực đạt 1.520 tấn, giảm 3% so với cùng kỳ, đạt 92%KH.",
                (R, None, None, Some(1520.0), Some("tấn"), None),
            ),
            (
                "Thu ngân sách trên địa bàn được 6,3 tỷ đồng, tăng 8% so với cùng kỳ, bằng 97% DT năm.",
                (R, None, None, Some(6.3), Some("tỷ đồng"), None),
            ),
            (
                "Kết nạp 14 đảng viên mới, tăng 17% so với cùng kỳ, đạt 104% NQ.",
                (R, None, None, Some(14.0), Some("đảng viên"), None),
            ),
            (
                "Trồng mới 42 ha rừng sản xuất, tăng 5% so với cùng kỳ, đạt 105% CT giao.",
                (R, None, None, Some(42.0), Some("ha"), None),
            ),
        ],
    );
    // letters that only begin a word, and a document's code, are no plan
    for text in [
        "Diện tích lúa đạt 315 ha, tăng 13% so với cùng kỳ, đạt 90% khá tốt.",
        "Số hộ dùng nước sạch đạt 1.204 hộ, tăng 6% so với cùng kỳ, đạt 95% khu dân cư.",
        "Diện tích ngô đạt 48 ha, giảm 4% so với cùng kỳ, theo 100% Kế hoạch số 12-KH/ĐU.",
    ] {
        let e = ex(REVIEW, text);
        assert!(e.targets.iter().all(|t| t.kind != R || t.value.is_some()), "{text}\n{:?}", e.targets);
    }
}

/// One figure against two plans ("đạt 120% kế hoạch huyện giao và 99% kế hoạch xã giao"):
/// one result of the same indicator per plan, each with its plan's words, both named by the
/// words before the first share.
#[test]
fn a_figure_against_two_plans_is_a_result_per_plan() {
    for (text, name) in [
        (
            "Các nhiệm vụ kinh tế, xã hội được giữ vững, thu ngân sách đạt 118% kế hoạch HĐND huyện giao và 97% kế hoạch HĐND xã giao.",
            "Thu ngân sách",
        ),
        (
            "Thu ngân sách trên địa bàn đạt 124% dự toán huyện giao và 103% dự toán HĐND xã giao.",
            "Thu ngân sách trên địa bàn",
        ),
    ] {
        let e = ex(REVIEW, text);
        let got: Vec<_> =
            e.targets.iter().map(|t| (t.kind, t.achieved, t.unit.as_deref(), t.name.as_str())).collect();
        let (a, b) = if text.contains("118%") { (118.0, 97.0) } else { (124.0, 103.0) };
        assert_eq!(got, [(R, Some(a), Some("%"), name), (R, Some(b), Some("%"), name)], "{text}\n{:?}", e.targets);
        let plans: Vec<_> = e.targets.iter().map(|t| fold(t.target_text.as_deref().unwrap_or(""))).collect();
        assert!(plans[0].contains("huyen giao") && plans[1].contains("xa giao"), "{plans:?}");
    }
    // the figure counted, then its shares of two plans: the figure against each
    let e = ex(REVIEW, "Thu ngân sách được 12,4 tỷ đồng, đạt 118% dự toán huyện giao và 97% dự toán xã giao.");
    let got: Vec<_> = e
        .targets
        .iter()
        .map(|t| (t.kind, t.achieved, t.unit.as_deref(), fold(t.target_text.as_deref().unwrap_or(""))))
        .collect();
    assert!(got.len() == 2 && got.iter().all(|g| g.1 == Some(12.4) && g.2 == Some("tỷ đồng")), "{got:?}");
    assert!(got[0].3.contains("huyen") && got[1].3.contains("xa giao"), "{got:?}");
    // one plan named twice is still one result
    let e = ex(REVIEW, "Thu ngân sách đạt 112% kế hoạch, tăng 9% so với cùng kỳ và 15% so với năm 2023.");
    assert_eq!(e.targets.iter().filter(|t| t.kind == R).count(), 1, "{:?}", e.targets);
}

#[test]
fn a_change_on_last_year_between_the_count_and_its_share() {
    use Verdict::*;
    // the count, its change on another period, then its share of the plan: the count is what
    // was done, the change is not
    check(
        REVIEW,
        &[
            (
                "Kết nạp 17 đảng viên, tăng 3 đảng viên so với cùng kỳ, đạt 106% kế hoạch năm.",
                (R, None, None, Some(17.0), Some("đảng viên"), Some(Some(Exceeded))),
            ),
            (
                "Diện tích gieo trồng 2.340 ha, giảm 15 ha so với năm trước, đạt 97,5% kế hoạch.",
                (R, None, None, Some(2340.0), Some("ha"), None),
            ),
            (
                "Diện tích nuôi trồng thủy sản 410 ha, tăng 12 ha so với cùng kỳ, vượt 4% kế hoạch.",
                (R, None, None, Some(410.0), Some("ha"), Some(Some(Exceeded))),
            ),
            // the share right after the count, the change after it: as before
            (
                "Kết nạp 17 đảng viên, đạt 106% kế hoạch năm, tăng 3 đảng viên so với cùng kỳ.",
                (R, None, None, Some(17.0), Some("đảng viên"), Some(Some(Exceeded))),
            ),
        ],
    );
    // no count before the change: the change is still not what was done
    let e = ex(REVIEW, "Năm nay tăng 3 đảng viên so với cùng kỳ, đạt 106% kế hoạch năm.");
    assert!(e.targets.iter().all(|t| t.achieved != Some(3.0)), "{:?}", e.targets);
}
