//! The task grammar, one row per form: a short document of our own (invented units,
//! names and dates) → the tasks read, as (lead, deadline). Precision rows expect none.

use theodoi_extract::{document_from_text, extract};

/// Tasks of `text` as (lead, deadline), in document order.
fn read(text: &str) -> Vec<(Option<String>, Option<String>)> {
    // read as the CLI reads it: ingest owns the header (type, date), extract consumes it
    let doc = theodoi_ingest::from_text("t.txt", Default::default(), text);
    extract(&doc).tasks.into_iter().map(|t| (t.lead, t.deadline)).collect()
}

fn check(name: &str, text: &str, expect: &[(Option<&str>, Option<&str>)]) {
    let got = read(text);
    let want: Vec<(Option<String>, Option<String>)> =
        expect.iter().map(|(l, d)| (l.map(String::from), d.map(String::from))).collect();
    assert_eq!(got, want, "{name}\n{text}");
}

const PLAN: &str = "KẾ HOẠCH\nthực hiện chương trình chuyển đổi số năm 2027\n\n";

#[test]
fn assignment_forms() {
    let rows: &[(&str, &str, &[(Option<&str>, Option<&str>)])] = &[
        (
            "Giao X chủ trì, phối hợp với Y",
            "II. NHIỆM VỤ\n\n1. Giao Ban Dân vận Đảng ủy chủ trì, phối hợp với Hội Nông dân xã khảo sát nhu cầu vay vốn của hội viên, hoàn thành trong quý III/2027.\n",
            &[(Some("Ban Dân vận Đảng ủy"), Some("2027-09"))],
        ),
        (
            "X chủ trì, phối hợp Y (no 'Giao')",
            "II. NHIỆM VỤ\n\n1. Phòng Văn hóa - Xã hội chủ trì, phối hợp Trạm Y tế xã tổ chức tập huấn cho cộng tác viên dân số trước ngày 15/8/2027.\n",
            &[(Some("Phòng Văn hóa - Xã hội"), Some("2027-08-15"))],
        ),
        (
            "issuer giao X tham mưu, xong trước …",
            "II. NHIỆM VỤ\n\nĐảng ủy giao Ban Xây dựng Đảng tham mưu quy chế làm việc của Ban Chấp hành khóa mới, xong trước 30/6/2027.\n",
            &[(Some("Ban Xây dựng Đảng"), Some("2027-06-30"))],
        ),
        (
            "Trách nhiệm: …; Thời gian: …",
            "II. NHIỆM VỤ\n\n1. Nâng cấp trang thông tin điện tử của xã. Trách nhiệm: Văn phòng HĐND và UBND xã; Thời gian: Quý II/2027.\n",
            &[(Some("Văn phòng HĐND và UBND xã"), Some("2027-06"))],
        ),
        (
            "Cơ quan tham mưu / phối hợp on dash lines",
            "II. NỘI DUNG\n\n1. Sơ kết 02 năm thực hiện quy chế dân chủ ở cơ sở.\n\n- Thời gian: Tháng 9/2027.\n- Cơ quan tham mưu: Ban Dân vận Đảng ủy; Cơ quan phối hợp: Ủy ban Mặt trận Tổ quốc Việt Nam xã.\n",
            &[(Some("Ban Dân vận Đảng ủy"), Some("2027-09"))],
        ),
        (
            "fields in brackets",
            "II. NỘI DUNG\n\n1. Ban hành quy định về tiếp xúc, đối thoại với Nhân dân (Thời gian: Quý IV/2027; Cơ quan tham mưu: Văn phòng Đảng ủy).\n",
            &[(Some("Văn phòng Đảng ủy"), Some("2027-12"))],
        ),
        (
            "field inside the sentence",
            "II. NỘI DUNG\n\n1. Ban hành quy chế quản lý tài sản công, hoàn thành trước ngày 31/10/2027; Cơ quan tham mưu: Văn phòng HĐND và UBND.\n",
            &[(Some("Văn phòng HĐND và UBND"), Some("2027-10-31"))],
        ),
        (
            "Đơn vị thực hiện / Hạn hoàn thành",
            "II. NHIỆM VỤ\n\n* Số hóa hồ sơ hộ tịch giai đoạn 2015 - 2020.\n\n- Đơn vị thực hiện: Công an xã.\n\n- Hạn hoàn thành: Trước 30/11/2027.\n",
            &[(Some("Công an xã"), Some("2027-11-30"))],
        ),
        (
            "Phân công: X chủ trì … / Thời hạn: …",
            "II. NHIỆM VỤ\n\n* Xây dựng đề án trường đạt chuẩn quốc gia.\n\n- Phân công: Phòng Văn hóa - Xã hội chủ trì, phối hợp với các trường học.\n\n- Thời hạn: Quý III/2027.\n",
            &[(Some("Phòng Văn hóa - Xã hội"), Some("2027-09"))],
        ),
        (
            "a sentence the line splitter cut at a dash ('… 2025' | '- 2030, …')",
            "II. NHIỆM VỤ\n\n4. Giao Ban Dân vận Đảng ủy chủ trì tổng kết phong trào dân vận khéo nhiệm kỳ 2025\n- 2030, trong tháng 8/2027.\n",
            &[(Some("Ban Dân vận Đảng ủy"), Some("2027-08"))],
        ),
        (
            "provincial bodies as leads (Sở, Đảng đoàn); 'Sơ kết' is a verb, not a unit",
            "II. NHIỆM VỤ\n\n1. Sở Nội vụ chủ trì hướng dẫn sắp xếp thôn, tổ dân phố, hoàn thành trước ngày 30/9/2027.\n\n2. Đề nghị Đảng đoàn Hội đồng nhân dân tỉnh lãnh đạo ban hành nghị quyết về chính sách cán bộ trong quý IV/2027.\n\n3. Sơ kết 01 năm thực hiện Đề án vào tháng 11/2027.\n",
            &[
                (Some("Sở Nội vụ"), Some("2027-09-30")),
                (Some("Đảng đoàn Hội đồng nhân dân tỉnh"), Some("2027-12")),
                (None, Some("2027-11")),
            ],
        ),
        (
            "do X chủ trì inside the sentence",
            "II. NHIỆM VỤ\n\nĐề án chợ nông sản do Ủy ban nhân dân xã chủ trì xây dựng, trình Ban Thường vụ trước ngày 20/9/2027.\n",
            &[(Some("Ủy ban nhân dân xã"), Some("2027-09-20"))],
        ),
    ];
    for (name, body, want) in rows {
        check(name, &format!("{PLAN}{body}"), want);
    }
}

#[test]
fn implementation_section_and_conclusions() {
    let rows: &[(&str, &str, &[(Option<&str>, Option<&str>)])] = &[
        (
            "numbered points of TỔ CHỨC THỰC HIỆN, subject as lead",
            "IV. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng Đảng ủy theo dõi, đôn đốc việc thực hiện Kế hoạch; định kỳ 6 tháng báo cáo Ban Thường vụ.\n\n2. Các chi bộ trực thuộc xây dựng kế hoạch thực hiện, hoàn thành trong tháng 02/2027.\n",
            &[(Some("Văn phòng Đảng ủy"), None), (Some("Các chi bộ trực thuộc"), Some("2027-02"))],
        ),
        (
            "lead from the sub-heading of TỔ CHỨC THỰC HIỆN",
            "III. TỔ CHỨC THỰC HIỆN\n\n1. Ban Dân vận Đảng ủy\n\n- Hướng dẫn các chi bộ tổ chức hội nghị đối thoại; hoàn thành trong tháng 5/2027.\n",
            &[(Some("Ban Dân vận Đảng ủy"), Some("2027-05"))],
        ),
        (
            "Giao …, báo cáo kết quả về Ban Thường vụ trước ngày …",
            "THÔNG BÁO KẾT LUẬN\n\n1. Về công tác giảm nghèo\n\nGiao các chi bộ ấp rà soát hộ cận nghèo, báo cáo kết quả về Ban Thường vụ trước ngày 10/12/2027.\n",
            &[(Some("các chi bộ ấp"), Some("2027-12-10"))],
        ),
        (
            "subjectless bullets under 'Giao X (…):'",
            "THÔNG BÁO KẾT LUẬN\n\n1. Về đầu tư công\n\nGiao Ủy ban nhân dân xã (đồng chí Chủ tịch trực tiếp chỉ đạo):\n\n- Đôn đốc nhà thầu hoàn thành cầu Suối Đá trước ngày 30/11/2027.\n- Rà soát các dự án chậm tiến độ.\n",
            &[(Some("Ủy ban nhân dân xã"), Some("2027-11-30")), (Some("Ủy ban nhân dân xã"), None)],
        ),
        (
            "Yêu cầu X …",
            "THÔNG BÁO KẾT LUẬN\n\n2. Một số nội dung khác\n\n- Yêu cầu Ủy ban Kiểm tra Đảng ủy xem xét đơn thư của đảng viên chi bộ ấp 3, báo cáo Ban Thường vụ trong tháng 12/2027.\n",
            &[(Some("Ủy ban Kiểm tra Đảng ủy"), Some("2027-12"))],
        ),
        (
            "Đồng chí … chỉ đạo …",
            "THÔNG BÁO KẾT LUẬN\n\n3. Về công tác cán bộ\n\nĐồng chí Phó Bí thư Thường trực Đảng ủy chỉ đạo Ban Xây dựng Đảng rà soát quy hoạch cán bộ, hoàn thành trước ngày 05/01/2028.\n",
            &[(Some("Đồng chí Phó Bí thư Thường trực Đảng ủy"), Some("2028-01-05"))],
        ),
        (
            "Văn phòng Đảng ủy theo dõi, đôn đốc (closing of a conclusion)",
            "THÔNG BÁO KẾT LUẬN\n\n4. Tổ chức thực hiện\n\nVăn phòng Đảng ủy theo dõi, đôn đốc việc thực hiện kết luận này, tổng hợp báo cáo Ban Thường vụ tại hội nghị tháng 01/2028.\n",
            &[(Some("Văn phòng Đảng ủy"), Some("2028-01"))],
        ),
        (
            "two assignments in one point, split at the new subject",
            "II. NHIỆM VỤ\n\n5. Công an xã chủ trì bảo đảm an ninh lễ hội; Ban Chỉ huy Quân sự xã tham mưu tổ chức huấn luyện dân quân.\n",
            &[(Some("Công an xã"), None), (Some("Ban Chỉ huy Quân sự xã"), None)],
        ),
    ];
    for (name, body, want) in rows {
        check(name, body, want);
    }
}

#[test]
fn inspection_plans_and_programmes_by_time() {
    let rows: &[(&str, &str, &[(Option<&str>, Option<&str>)])] = &[
        (
            "inspection item: the team head is the lead",
            "KẾ HOẠCH KIỂM TRA\n\nIII. NỘI DUNG KIỂM TRA, GIÁM SÁT\n\n1. Kiểm tra việc chấp hành Điều lệ Đảng\n\n- Đối tượng: Chi bộ ấp 2, Chi bộ ấp 5.\n- Thời gian: tháng 6/2027.\n- Lực lượng: Đoàn kiểm tra do đồng chí Lê Thị Mai, Phó Chủ nhiệm Ủy ban Kiểm tra làm Trưởng đoàn.\n",
            &[(Some("đồng chí Lê Thị Mai, Phó Chủ nhiệm Ủy ban Kiểm tra"), Some("2027-06"))],
        ),
        (
            "inspection item in one paragraph, a range of months",
            "KẾ HOẠCH KIỂM TRA\n\nIII. NỘI DUNG KIỂM TRA, GIÁM SÁT\n\na) Giám sát việc kê khai tài sản tại Chi bộ Trường Tiểu học. Thời gian: từ tháng 3 đến tháng 4/2027. Tổ giám sát do đồng chí Hà Văn Sơn làm Tổ trưởng.\n",
            &[(Some("đồng chí Hà Văn Sơn"), Some("2027-04"))],
        ),
        (
            "programme: recurring, quarter, half, range, start, thường xuyên",
            "CHƯƠNG TRÌNH CÔNG TÁC\n\nIII. NỘI DUNG\n\n1. Kiểm điểm tập thể Ban Thường vụ (Thời gian: Tháng 12 hằng năm; Cơ quan tham mưu: Ban Xây dựng Đảng).\n\n2. Tổng kết Nghị quyết về chuyển đổi số (Thời gian: Quý I/2028; Cơ quan tham mưu: Văn phòng Đảng ủy).\n\n3. Xây dựng đề án du lịch (Thời gian: 6 tháng cuối năm 2028; Cơ quan tham mưu: Ủy ban nhân dân xã).\n\n4. Lãnh đạo đại hội chi bộ (Thời gian: Quý IV/2029 - quý I/2030; Cơ quan tham mưu: Ban Xây dựng Đảng).\n\n5. Chuẩn bị nhân sự khóa mới (Thời gian: Từ quý II/2029; Cơ quan tham mưu: Ban Xây dựng Đảng).\n\n6. Lãnh đạo công tác dân vận (Thời gian: Thường xuyên; Cơ quan tham mưu: Ban Dân vận Đảng ủy).\n",
            &[
                (Some("Ban Xây dựng Đảng"), None),
                (Some("Văn phòng Đảng ủy"), Some("2028-03")),
                (Some("Ủy ban nhân dân xã"), Some("2028-12")),
                (Some("Ban Xây dựng Đảng"), Some("2030-03")),
                (Some("Ban Xây dựng Đảng"), None),
                (Some("Ban Dân vận Đảng ủy"), None),
            ],
        ),
        (
            "NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM: 'vào cuối năm' takes the heading's year",
            "BÁO CÁO SƠ KẾT\n\nII. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2027\n\n1. Văn phòng HĐND và UBND xã hướng dẫn người dân nộp hồ sơ trực tuyến, đạt trên 85% vào cuối năm.\n\n2. Hoàn thành xây dựng 02 nhà văn hóa ấp trong quý III/2027.\n",
            &[(Some("Văn phòng HĐND và UBND xã"), Some("2027-12")), (None, Some("2027-09"))],
        ),
        (
            "several deliverables without a unit: one task each",
            "IV. TỔ CHỨC THỰC HIỆN\n\n3. Sơ kết công tác 6 tháng đầu năm vào tháng 6/2027; tổng kết năm vào tháng 12/2027.\n",
            &[(None, Some("2027-06")), (None, Some("2027-12"))],
        ),
    ];
    for (name, body, want) in rows {
        check(name, body, want);
    }
}

#[test]
fn what_is_not_a_task() {
    let rows: &[(&str, &str)] = &[
        (
            "generic aspirations in prose",
            "II. NHIỆM VỤ, GIẢI PHÁP\n\n1. Tăng cường sự lãnh đạo của cấp ủy; nâng cao chất lượng sinh hoạt chi bộ, phát huy vai trò nêu gương của cán bộ, đảng viên.\n",
        ),
        (
            "a report of what was done",
            "BÁO CÁO TỔNG KẾT\n\nI. KẾT QUẢ THỰC HIỆN\n\nỦy ban nhân dân xã đã triển khai kế hoạch chuyển đổi số, hoàn thành trước ngày 30/11/2027.\n",
        ),
        (
            "recipients and signature",
            "II. NHIỆM VỤ\n\nNơi nhận:\n- Ban Thường vụ Huyện ủy (b/c),\n- Ủy ban nhân dân xã,\n- Các chi bộ trực thuộc,\n- Lưu Văn phòng Đảng ủy.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n",
        ),
        (
            "the signer's name printed under the recipients and the signature",
            "II. NHIỆM VỤ\n\nNơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c);\n- Lưu Văn phòng Đảng ủy.\n                      T/M BAN THƯỜNG VỤ\n                      BÍ THƯ\n\n                      Đoàn Văn Phụng\n",
        ),
        (
            "the execution clause of a decision",
            "QUYẾT ĐỊNH\n\nĐiều 3. Văn phòng Đảng ủy, các chi bộ trực thuộc và các đồng chí có liên quan chịu trách nhiệm thi hành Quyết định này.\n",
        ),
        (
            "a decision and a chair are not assignments",
            "THÔNG BÁO KẾT LUẬN\n\nĐồng chí Bí thư Đảng ủy xã chủ trì hội nghị. Ban Thường vụ ghi nhận sự cố gắng của Ủy ban nhân dân xã trong năm 2027.\n",
        ),
        (
            "a conclusion's acknowledgement with a figure as of a date",
            "THÔNG BÁO KẾT LUẬN\n\n1. Ban Thường vụ Đảng ủy xã đánh giá cao sự chủ động của Ủy ban nhân dân xã; thu ngân sách đến ngày 30/9/2027 đạt 5,2 tỷ đồng.\n",
        ),
        (
            "a letter's opening and closing requests",
            "CÔNG VĂN\n\nBan Thường vụ Đảng ủy xã đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:\n\nĐề nghị các cơ quan, đơn vị quan tâm thực hiện đúng thời gian quy định./.\n",
        ),
        (
            "a goal's horizon is not a deliverable's due date",
            "II. PHƯƠNG HƯỚNG\n\nXây dựng đội ngũ cán bộ chuyên nghiệp, đến năm 2030 có 100% cán bộ đạt chuẩn.\n",
        ),
    ];
    for (name, body) in rows {
        check(name, body, &[]);
    }
}

#[test]
fn units_named_after_the_work_and_clean_names() {
    let rows: &[(&str, &str, &[(Option<&str>, Option<&str>)])] = &[
        (
            "…, do X chịu trách nhiệm, hoàn thành trước …",
            "III. NHIỆM VỤ\n\n2. In ấn tài liệu hội nghị tổng kết, do Văn phòng HĐND và UBND xã chịu trách nhiệm, hoàn thành trước ngày 20/8/2027.\n",
            &[(Some("Văn phòng HĐND và UBND xã"), Some("2027-08-20"))],
        ),
        (
            "…, giao cho X thực hiện",
            "III. NHIỆM VỤ\n\n3. Lắp đặt camera tại các ngã ba ấp Bến Gỗ trong quý II/2027, giao cho Công an xã thực hiện.\n",
            &[(Some("Công an xã"), Some("2027-06"))],
        ),
        (
            "…, X là cơ quan thường trực",
            "III. NHIỆM VỤ\n\n4. Tổng kết phong trào khuyến học giai đoạn 2022 - 2027 vào tháng 10/2027, Hội Khuyến học xã là cơ quan thường trực.\n",
            &[(Some("Hội Khuyến học xã"), Some("2027-10"))],
        ),
        (
            "inline fields after the work, the point wrapped after 'tại'; a place is no subject",
            "III. NHIỆM VỤ\n\n5. Tập huấn nghiệp vụ công tác đảng cho bí thư chi bộ và tổ chức lớp điểm tại\n   Chi bộ ấp Rạch Sậy; thời gian: tháng 6 - tháng 7/2027; cơ quan chủ trì:\n   Ban Tuyên giáo Đảng ủy.\n",
            &[(Some("Ban Tuyên giáo Đảng ủy"), Some("2027-07"))],
        ),
        (
            "a request to the upper level: the lead ends before 'sớm'",
            "BÁO CÁO SƠ KẾT\n\nIII. KIẾN NGHỊ, ĐỀ XUẤT\n\nĐề nghị Ủy ban nhân dân huyện sớm bố trí vốn nâng cấp tuyến đường liên ấp Bà Ký.\n",
            &[(Some("Ủy ban nhân dân huyện"), None)],
        ),
    ];
    for (name, body, want) in rows {
        check(name, &format!("{PLAN}{body}"), want);
    }
}

#[test]
fn partners_end_at_the_verb() {
    let cases: &[(&str, &[&str])] = &[
        (
            "II. NHIỆM VỤ\n\n3. Giao Trạm Y tế xã phối hợp với Hội Liên hiệp Phụ nữ xã bảo đảm tiêm chủng đầy đủ cho trẻ em dưới 1 tuổi.\n",
            &["Hội Liên hiệp Phụ nữ xã"],
        ),
        (
            "II. NHIỆM VỤ\n\n4. Giao Đoàn Thanh niên xã phối hợp với Ban Chỉ huy Quân sự xã vận động thanh niên lên đường nhập ngũ.\n",
            &["Ban Chỉ huy Quân sự xã"],
        ),
    ];
    for (text, want) in cases {
        let doc = document_from_text("t.txt", &format!("{PLAN}{text}"));
        let t = extract(&doc).tasks;
        assert_eq!(t.len(), 1, "{text}\n{t:#?}");
        assert_eq!(t[0].partners, want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{text}");
    }
}

#[test]
fn milestones_are_kept_in_the_deadline_text() {
    let doc = document_from_text(
        "t.txt",
        "II. NHIỆM VỤ\n\n1. Ban Dân vận Đảng ủy chủ trì xây dựng quy chế, hoàn thành dự thảo trong tháng 9/2027, trình Ban Thường vụ trước ngày 15/10/2027.\n",
    );
    let t = &extract(&doc).tasks;
    assert_eq!(t.len(), 1, "{t:#?}");
    // the due date is the strongest phrase ("hoàn thành …"); the text keeps both milestones
    assert_eq!(t[0].deadline.as_deref(), Some("2027-09"));
    let text = t[0].deadline_text.as_deref().unwrap_or("");
    assert!(text.contains("tháng 9/2027") && text.contains("15/10/2027"), "{text}");
}

#[test]
fn mass_organisations_and_inspection_fields() {
    let rows: &[(&str, &str, &[(Option<&str>, Option<&str>)])] = &[
        (
            "'Unit: work' points of a Front plan, the union's own branches",
            "III. PHÂN CÔNG NHIỆM VỤ\n\n1. Hội Cựu chiến binh xã: vận động hội viên tham gia tự quản đường làng, thực hiện thường xuyên.\n\n2. Các chi hội rà soát danh sách hội viên, hoàn thành trong quý II/2027.\n",
            &[(Some("Hội Cựu chiến binh xã"), None), (Some("Các chi hội"), Some("2027-06"))],
        ),
        (
            "Chủ thể thực hiện: of an inspection item",
            "II. NỘI DUNG\n\n1. Kiểm tra việc thu, nộp đảng phí\n\n- Đối tượng: 03 chi bộ trực thuộc.\n- Thời gian: Quý III/2027.\n- Chủ thể thực hiện: Ủy ban Kiểm tra Đảng ủy.\n",
            &[(Some("Ủy ban Kiểm tra Đảng ủy"), Some("2027-09"))],
        ),
    ];
    for (name, body, expect) in rows {
        check(name, &format!("{PLAN}{body}"), expect);
    }
}

/// A Word document saved as text: its numbering lost, a paragraph per line, no blank lines.
/// The bare heading "Nhiệm vụ, giải pháp thời gian tới" still says the lines under it are work
/// to do; "tại kỳ họp cuối năm" and two report dates give the due date.
#[test]
fn headings_without_numbers_and_times_of_meetings() {
    let text = "BÁO CÁO\nSơ kết 01 năm thực hiện Nghị quyết số 09-NQ/ĐU ngày 10/01/2027 của Ban Chấp hành Đảng bộ xã về phát triển du lịch cộng đồng\nKết quả đạt được\nĐón 12.400 lượt khách du lịch, đạt 103% kế hoạch năm; doanh thu từ du lịch đạt 8,6 tỷ đồng.\nNhiệm vụ, giải pháp thời gian tới\nPhòng Văn hóa - Xã hội phối hợp với Hội Nông dân xã tổ chức 02 lớp tập huấn kỹ năng làm du lịch cho các hộ trong tháng 9/2027.\nVăn phòng Đảng ủy theo dõi, tổng hợp, báo cáo Ban Thường vụ tại kỳ họp cuối năm 2027.\nỦy ban nhân dân xã chủ trì tổng hợp kết quả, báo cáo trước ngày 20/6/2028 và trước ngày 15/12/2028.\n";
    check(
        "Word text",
        text,
        &[
            (Some("Phòng Văn hóa - Xã hội"), Some("2027-09")),
            (Some("Văn phòng Đảng ủy"), Some("2027-12")),
            (Some("Ủy ban nhân dân xã"), Some("2028-12-15")),
        ],
    );
}

/// What a person is in charge of is part of the lead's name ("đồng chí Phó Chủ nhiệm … phụ trách
/// công tác tài chính đảng chủ trì …"); after a comma it is the work itself.
#[test]
fn a_person_in_charge_of_a_field() {
    check(
        "in charge of a field",
        "II. NHIỆM VỤ NĂM 2028\n\n1. Đồng chí Phó Bí thư Đoàn xã phụ trách công tác thanh niên chỉ đạo các chi đoàn củng cố tổ chức, báo cáo trước ngày 30/10/2028.\n\n2. Phân công đồng chí Vi Văn Sáng, đảng viên, phụ trách công tác an ninh trật tự, báo cáo chi ủy trước ngày 25/10/2028.\n",
        &[
            (Some("Đồng chí Phó Bí thư Đoàn xã phụ trách công tác thanh niên"), Some("2028-10-30")),
            (Some("đồng chí Vi Văn Sáng, đảng viên"), Some("2028-10-25")),
        ],
    );
}

/// A year's work programme: items under a month or quarter line fall in it; "Cơ quan chuẩn bị:"
/// names who prepares the item, the first of several named prepares and the others join.
#[test]
fn work_programmes_by_month_and_quarter() {
    check(
        "programme by month",
        "CHƯƠNG TRÌNH CÔNG TÁC\n\nII. NỘI DUNG CỤ THỂ NĂM 2028\n\n1. Quý I\n\nTháng 2:\n- Ban hành Chương trình kiểm tra, giám sát năm 2028. Cơ quan chuẩn bị: Ủy ban Kiểm tra Đảng ủy.\n- Hội nghị sơ kết công tác dân vận (tháng 3). Cơ quan chuẩn bị: Ban Dân vận Đảng ủy chủ trì, phối hợp với Ủy ban Mặt trận Tổ quốc xã.\n\n2. Quý II\n\n- Cho ý kiến về quy hoạch chợ trung tâm. Cơ quan chuẩn bị: Đảng ủy Ủy ban nhân dân xã, Văn phòng Đảng ủy.\nTháng 5:\n- Sơ kết công tác tiếp công dân. Cơ quan chuẩn bị: Ủy ban Kiểm tra Đảng ủy.\n",
        &[
            (Some("Ủy ban Kiểm tra Đảng ủy"), Some("2028-02")),
            (Some("Ban Dân vận Đảng ủy"), Some("2028-03")),
            (Some("Đảng ủy Ủy ban nhân dân xã"), Some("2028-06")),
            // a month's line right after an item, no blank line between
            (Some("Ủy ban Kiểm tra Đảng ủy"), Some("2028-05")),
        ],
    );
}

/// Duties listed under the body that has them, and work every member does.
#[test]
fn duties_under_a_body_and_work_of_each_member() {
    check(
        "a decision's working group",
        "QUYẾT ĐỊNH\n\nĐiều 1. Thành lập Ban Chỉ đạo chuyển đổi số của xã gồm 07 đồng chí.\n\nĐiều 2. Ban Chỉ đạo có nhiệm vụ:\n\n1. Xây dựng kế hoạch chuyển đổi số của xã, trình Ban Thường vụ trước ngày 15/3/2028.\n\n2. Đôn đốc các thôn cập nhật dữ liệu dân cư hằng tháng.\n\n3. Báo cáo kết quả với Ban Thường vụ trước ngày 20/12/2028.\nBan Chỉ đạo tự giải thể sau khi hoàn thành nhiệm vụ.\n",
        &[
            (Some("Ban Chỉ đạo"), Some("2028-03-15")),
            (Some("Ban Chỉ đạo"), None),
            (Some("Ban Chỉ đạo"), Some("2028-12-20")),
        ],
    );
    check(
        "each member",
        "KẾ HOẠCH\n\nII. NỘI DUNG\n\n1. Đối với hội viên: mỗi hội viên đăng ký một mô hình sản xuất, gửi chi hội trước ngày 10/4/2028.\n\n2. Chuẩn bị hồ sơ kiểm điểm cuối năm; từng đảng viên viết bản cam kết tu dưỡng, rèn luyện, nộp chi ủy trước ngày 05/01/2029.\n\n3. Ban Chấp hành Hội kiểm điểm tập thể trong tháng 12/2028.\n",
        &[
            (Some("mỗi hội viên"), Some("2028-04-10")),
            (Some("từng đảng viên"), Some("2029-01-05")),
            (Some("Ban Chấp hành Hội"), Some("2028-12")),
        ],
    );
    check(
        "the members' work goes on with their body's task",
        "KẾ HOẠCH\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Các chi đoàn xây dựng kế hoạch hưởng ứng; từng đoàn viên đăng ký một công trình thanh niên, gửi danh sách về Đoàn xã trước ngày 20/3/2028.\n",
        &[(Some("Các chi đoàn"), Some("2028-03-20"))],
    );
}

/// A conclusion told as news: the speaker's requests name the body asked ("Đối với X, đồng chí
/// đề nghị …", "Về …, đồng chí yêu cầu X …"); a point with a day to meet is a task whatever
/// its verb; a day without its year falls in the year of the plan.
#[test]
fn conclusions_told_as_news_and_dated_points() {
    check(
        "news",
        "THÔNG BÁO KẾT LUẬN\n\nVề công tác phòng cháy, đồng chí yêu cầu Công an phường kiểm tra các cơ sở kinh doanh karaoke, hoàn thành trước ngày 30/4/2028.\n\nĐối với Hội Cựu chiến binh phường, đồng chí đề nghị vận động hội viên tham gia tổ an ninh tự quản trong quý II/2028.\n",
        &[(Some("Công an phường"), Some("2028-04-30")), (Some("Hội Cựu chiến binh phường"), Some("2028-06"))],
    );
    check(
        "dated points, a day without a year, a range of months",
        "II. NHIỆM VỤ NĂM 2028\n\n1. Thăm, tặng quà các gia đình chính sách trước ngày 25/7/2028.\n\n2. Công an xã chủ trì bảo đảm an ninh tại các chợ phiên, xong trước 30/6.\n\n3. Khảo sát nhu cầu học nghề (Chủ trì: Phòng Văn hóa - Xã hội; thời gian: trong tháng 9-10/2028; sản phẩm: báo cáo khảo sát).\n",
        &[(None, Some("2028-07-25")), (Some("Công an xã"), Some("2028-06-30")), (Some("Phòng Văn hóa - Xã hội"), Some("2028-10"))],
    );
}

/// A Word file saved as text has no blank line before the signature block: a task's evidence
/// ends with its own lines, not the signer's.
#[test]
fn evidence_ends_before_the_signature() {
    let doc = document_from_text(
        "t.txt",
        "CHƯƠNG TRÌNH CÔNG TÁC\nII. NHIỆM VỤ\n1. Tổ chức hội nghị đối thoại với thanh niên.\n* Phân công thực hiện: Bí thư Chi đoàn chủ trì, phối hợp với Tổ trưởng tổ dân phố.\n* Thời gian: Hoàn thành trong Quý III/2028.\nT/M CHI BỘ\nBÍ THƯ\nLê Văn Hòa\n",
    );
    let t = extract(&doc).tasks;
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!((t[0].evidence[0].span.start, t[0].evidence[0].span.end), (3, 5), "{:?}", t[0].evidence[0].text);
}

/// Numbered points read as sub-headings do not turn the points below them into a report:
/// "kiểm điểm" in a point's sentence is work to do, not a review's heading.
#[test]
fn points_read_as_headings_set_no_direction() {
    check(
        "points of a year-end review plan",
        "KẾ HOẠCH\n\nII. NỘI DUNG, THỜI GIAN\n1. Các chi bộ tổ chức họp kiểm điểm tập thể chi ủy, hoàn thành trước ngày 10/12/2028.\n2. Ban Thường vụ Đảng ủy kiểm điểm tập thể và cá nhân trong tháng 12/2028; lấy ý kiến góp ý của 02 tổ chức: Hội Nông dân xã, Đoàn Thanh niên xã.\n",
        &[(Some("Các chi bộ"), Some("2028-12-10")), (Some("Ban Thường vụ Đảng ủy"), Some("2028-12"))],
    );
}

/// A news page's headline: the meeting's opinions and its chair are told, not assigned; "công
/// trình" holds no verb.
#[test]
fn a_news_headline_is_no_task() {
    check(
        "headline, update line and the opening sentence",
        "Trang chủ > Tin tức > Xây dựng Đảng\nBan Thường vụ Đảng ủy phường Tây Hồ Nam cho ý kiến về tiến độ các công trình trọng điểm\nCập nhật: 12/8/2028 09:10 | Lượt xem: 120\nSáng ngày 11/8/2028, Ban Thường vụ Đảng ủy phường tổ chức hội nghị thường kỳ tháng 8 để nghe báo cáo tiến độ các công trình trọng điểm và công tác chuẩn bị năm học mới. Đồng chí Bí thư Đảng ủy phường chủ trì hội nghị.\nKết luận hội nghị, đồng chí đề nghị Ủy ban nhân dân phường chỉ đạo nhà thầu hoàn thành nhà văn hóa khu phố 2 trước ngày 30/9/2028, bảo đảm chất lượng công trình.\nTại hội nghị, Chủ tịch Ủy ban nhân dân phường giao Phòng Văn hóa - Xã hội chủ trì, phối hợp các khu phố rà soát hộ cận nghèo, báo cáo trước ngày 15/9/2028.\nKhánh Linh\n",
        &[(Some("Ủy ban nhân dân phường"), Some("2028-09-30")), (Some("Phòng Văn hóa - Xã hội"), Some("2028-09-15"))],
    );
}

/// A news page tells what was done: a body's deed with its figures ("Hội phối hợp tổ chức 12
/// lớp …", in the past without "đã") is a result; only a request it reports assigns. The same
/// sentence in a plan is a task.
#[test]
fn a_news_page_reports_deeds_and_keeps_its_requests() {
    let page = "Trang chủ > Tin tức > Mặt trận - Đoàn thể\nHội Cựu chiến binh xã Phú Lâm Đông sơ kết 6 tháng đầu năm 2028\nCập nhật: 8/7/2028 10:05 | Lượt xem: 76\nNgày 7/7/2028, Hội Cựu chiến binh xã Phú Lâm Đông tổ chức hội nghị sơ kết công tác 6 tháng đầu năm.\nHội phối hợp tổ chức 12 lớp tập huấn kỹ thuật chăn nuôi cho 310 lượt hội viên trong tháng 5/2028.\nCác chi hội vận động hội viên đóng góp 48 triệu đồng xây nhà tình nghĩa.\nHội nghị yêu cầu các chi hội rà soát hội viên thuộc hộ cận nghèo, báo cáo trước ngày 20/8/2028.\nTin, ảnh: Hoàng Vy\n";
    check("deeds told as news, a request kept", page, &[(Some("các chi hội"), Some("2028-08-20"))]);
    check(
        "the same deed in a plan is a task",
        &format!("{PLAN}II. NHIỆM VỤ\n\n1. Hội Cựu chiến binh xã phối hợp tổ chức 12 lớp tập huấn kỹ thuật chăn nuôi cho hội viên trong tháng 5/2028.\n"),
        &[(Some("Hội Cựu chiến binh xã"), Some("2028-05"))],
    );
    check(
        "a congress's request told as news",
        "Trang chủ > Tin tức > Xây dựng Đảng\nĐại hội Đảng bộ xã Hòa Thạnh Nam lần thứ I\nNgày đăng: 20/8/2028 | Lượt xem: 410\nĐại hội đã bầu Ban Chấp hành Đảng bộ xã gồm 25 đồng chí. Đại hội yêu cầu Ban Chấp hành khóa mới ban hành chương trình hành động thực hiện Nghị quyết Đại hội trong tháng 10/2028.\n",
        &[(Some("Ban Chấp hành khóa mới"), Some("2028-10"))],
    );
}

/// A news page's headline repeats what the article tells: a request in the headline and again
/// in the text is one task, read from the text.
#[test]
fn a_news_headline_that_asks_is_told_again_below() {
    check(
        "request in the headline and in the article",
        "Trang chủ > Tin tức > Xây dựng Đảng\nBan Thường vụ Đảng ủy xã Tân Lợi Bắc yêu cầu các chi bộ hoàn thành kết nạp đảng viên trước ngày 30/9/2028\nCập nhật: 3/8/2028 14:20 | Lượt xem: 95\nChiều 2/8/2028, Ban Thường vụ Đảng ủy xã Tân Lợi Bắc họp thường kỳ tháng 8. Kết luận hội nghị, đồng chí Bí thư yêu cầu các chi bộ hoàn thành kết nạp đảng viên trước ngày 30/9/2028.\n",
        &[(Some("các chi bộ"), Some("2028-09-30"))],
    );
}

/// "X chỉ đạo Y làm …": Y does the work, X directs it; a unit given the work ("Giao X chỉ đạo
/// Y …") keeps it. A point with its own time field under "2.4. Ban …:" takes that lead too.
#[test]
fn the_unit_directed_and_a_heading_lead_over_fielded_points() {
    check(
        "X chỉ đạo Y verb / Giao X chỉ đạo Y verb",
        &format!("{PLAN}II. NỘI DUNG PHỐI HỢP\n\n1. Ủy ban nhân dân xã chỉ đạo Phòng Văn hóa - Xã hội hướng dẫn Đoàn Thanh niên tổ chức ngày hội đọc sách, hoàn thành trước ngày 20/4/2028.\n\n2. Giao Ban Dân vận Đảng ủy chỉ đạo các chi hội rà soát hội viên nghèo trong tháng 5/2028.\n"),
        &[(Some("Phòng Văn hóa - Xã hội"), Some("2028-04-20")), (Some("Ban Dân vận Đảng ủy"), Some("2028-05"))],
    );
    check(
        "a fielded point under a unit's sub-heading",
        "THÔNG BÁO KẾT LUẬN\n\n2. Phân công thực hiện\n\n2.1. Văn phòng Đảng ủy xã:\n- Tham mưu tổ chức hội nghị sơ kết công tác dân vận trong tháng 7/2028.\n- Tổng hợp ý kiến của các chi bộ về dự thảo quy chế; thời gian hoàn thành: trước ngày 15/8/2028.\n",
        &[(Some("Văn phòng Đảng ủy xã"), Some("2028-07")), (Some("Văn phòng Đảng ủy xã"), Some("2028-08-15"))],
    );
}

/// A State header ingest did not read: the plan's own date still gives the year of "xong trước 30/6".
#[test]
fn the_year_of_the_plan_from_its_place_and_date_line() {
    check(
        "place and date beside the number",
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ TÂN LẬP ĐÔNG                           Độc lập - Tự do - Hạnh phúc\nSố: 41/KH-UBND                      Tân Lập Đông, ngày 02 tháng 3 năm 2028\n\nKẾ HOẠCH\nphòng, chống cháy rừng\n\nII. NHIỆM VỤ\n1. Công an xã chủ trì kiểm tra các điểm có nguy cơ cháy cao, xong trước 30/4.\n",
        &[(Some("Công an xã"), Some("2028-04-30"))],
    );
}

/// Tasks of `text`, read as the CLI reads a file (ingest rebuilds its tables), as (lead, product).
fn products(text: &str) -> Vec<(Option<String>, Option<String>)> {
    let doc = theodoi_ingest::read_bytes("t.txt", text.as_bytes()).expect("plain text reads");
    extract(&doc).tasks.into_iter().map(|t| (t.lead, t.product)).collect()
}

fn check_products(name: &str, text: &str, expect: &[(Option<&str>, Option<&str>)]) {
    let want: Vec<(Option<String>, Option<String>)> =
        expect.iter().map(|(l, p)| (l.map(String::from), p.map(String::from))).collect();
    assert_eq!(products(text), want, "{name}\n{text}");
}

/// The expected result (sản phẩm, the fifth "rõ") in every form a plan writes it.
#[test]
fn the_product_of_a_task() {
    let rows: &[(&str, &str, &[(Option<&str>, Option<&str>)])] = &[
        (
            "a table one cell per line with a 'Hình thức văn bản' column",
            "III. NHIỆM VỤ\nTT\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian\nHình thức văn bản\n1\nKiện toàn Ban Chỉ đạo chuyển đổi số\nVăn phòng Đảng ủy\nBan Xây dựng Đảng\nQuý I/2028\nQuyết định\n2\nSơ kết việc thực hiện\nỦy ban nhân dân xã\nCác thôn\nTháng 11/2028\nBáo cáo\n\nIV. TỔ CHỨC THỰC HIỆN\n",
            &[(Some("Văn phòng Đảng ủy"), Some("Quyết định")), (Some("Ủy ban nhân dân xã"), Some("Báo cáo"))],
        ),
        (
            "a pipe table with 'Sản phẩm đầu ra'",
            "II. PHÂN CÔNG\n| STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn | Sản phẩm đầu ra |\n|---|---|---|---|---|---|\n| 1 | Số hóa hồ sơ hộ tịch | Công an xã | Các thôn | Quý III/2028 | Kho dữ liệu hộ tịch số |\n",
            &[(Some("Công an xã"), Some("Kho dữ liệu hộ tịch số"))],
        ),
        (
            "a tab table whose product cell is '-'",
            "II. PHÂN CÔNG\nSTT\tNội dung\tCơ quan chủ trì\tThời gian\tKết quả/sản phẩm\n1\tTập huấn kỹ năng số\tĐoàn Thanh niên xã\tTháng 6/2028\t-\n2\tRà soát hộ nghèo\tỦy ban nhân dân xã\tTháng 10/2028\tDanh sách hộ nghèo\n",
            &[(Some("Đoàn Thanh niên xã"), None), (Some("Ủy ban nhân dân xã"), Some("Danh sách hộ nghèo"))],
        ),
        (
            "a progress column is no product ('Kết quả thực hiện')",
            "II. PHÂN CÔNG\nSTT\tNội dung\tCơ quan chủ trì\tKết quả thực hiện\n1\tLắp đặt đèn đường\tỦy ban nhân dân xã\tĐã hoàn thành 80%\n",
            &[(Some("Ủy ban nhân dân xã"), None)],
        ),
        (
            "'- Sản phẩm:' and '- Kết quả:' lines under a point",
            "II. NHIỆM VỤ\n1. Tổ chức hội thi dân vận khéo.\n- Cơ quan chủ trì: Ban Dân vận Đảng ủy.\n- Thời gian: Tháng 9/2028.\n- Sản phẩm: Hội thi cấp xã; 05 mô hình được khen.\n2. Cấp mã số vùng trồng chè.\n- Cơ quan chủ trì: Phòng Kinh tế.\n- Thời hạn: Quý IV/2028.\n- Kết quả: 40 ha chè được cấp mã số.\n",
            &[
                (Some("Ban Dân vận Đảng ủy"), Some("Hội thi cấp xã; 05 mô hình được khen")),
                (Some("Phòng Kinh tế"), Some("40 ha chè được cấp mã số")),
            ],
        ),
        (
            "fields in brackets with 'sản phẩm'",
            "II. NHIỆM VỤ\n1. Mở lớp bồi dưỡng đảng viên mới (Chủ trì: Ban Xây dựng Đảng; thời gian: tháng 4/2028; sản phẩm: 01 lớp, 35 học viên).\n",
            &[(Some("Ban Xây dựng Đảng"), Some("01 lớp, 35 học viên"))],
        ),
        (
            "'…, sản phẩm là …' inside the sentence",
            "II. NHIỆM VỤ\n1. Hội Phụ nữ xã chủ trì xây dựng mô hình tổ hợp tác may mặc, sản phẩm là 01 tổ hợp tác được thành lập, hoàn thành trong năm 2028.\n",
            &[(Some("Hội Phụ nữ xã"), Some("01 tổ hợp tác được thành lập"))],
        ),
        (
            "a document made and submitted or issued",
            "II. NHIỆM VỤ\n1. Giao Văn phòng Đảng ủy tham mưu ban hành Quy chế làm việc của Ban Chấp hành khóa mới, hoàn thành trong tháng 3/2028.\n2. Giao Ủy ban nhân dân xã xây dựng Đề án chợ nông sản giai đoạn 2028 - 2030, trình Ban Thường vụ trước ngày 30/6/2028.\n3. Các chi bộ căn cứ Kế hoạch này xây dựng chương trình hành động của chi bộ, gửi về Đảng ủy trước ngày 15/4/2028.\n",
            &[
                (Some("Văn phòng Đảng ủy"), Some("Quy chế làm việc của Ban Chấp hành khóa mới")),
                (Some("Ủy ban nhân dân xã"), Some("Đề án chợ nông sản giai đoạn 2028 - 2030")),
                (Some("Các chi bộ"), Some("chương trình hành động của chi bộ")),
            ],
        ),
        (
            "a document drafted ('soạn thảo' ends the lead) and submitted; a service centre named with 'tổng hợp'",
            "II. NHIỆM VỤ\n1. Văn phòng HĐND và UBND xã soạn thảo Tờ trình về chính sách hỗ trợ hộ nghèo, trình Hội đồng nhân dân xã tại kỳ họp cuối năm 2028.\n2. Trung tâm Dịch vụ tổng hợp xã chủ trì rà soát diện tích chè, sản phẩm đầu ra là bản đồ vùng chè, hoàn thành trong quý III/2028.\n",
            &[
                (Some("Văn phòng HĐND và UBND xã"), Some("Tờ trình về chính sách hỗ trợ hộ nghèo")),
                (Some("Trung tâm Dịch vụ tổng hợp xã"), Some("bản đồ vùng chè")),
            ],
        ),
        (
            "'- Kết quả:' / '- Sản phẩm:' right under a point read from prose",
            "II. NHIỆM VỤ\n1. Giao Văn phòng Đảng ủy số hóa hồ sơ đảng viên, hoàn thành trong quý II/2028.\n- Kết quả: Cơ sở dữ liệu đảng viên của Đảng bộ.\n2. Công an xã chủ trì rà soát dân cư, xong trước 30/9/2028.\n- Sản phẩm: Báo cáo rà soát.\n3. Đoàn Thanh niên xã tổ chức ngày hội việc làm trong tháng 5/2028.\n",
            &[
                (Some("Văn phòng Đảng ủy"), Some("Cơ sở dữ liệu đảng viên của Đảng bộ")),
                (Some("Công an xã"), Some("Báo cáo rà soát")),
                (Some("Đoàn Thanh niên xã"), None),
            ],
        ),
        (
            "a report made, then '; gửi về …' in the next clause",
            "II. NHIỆM VỤ\n1. Các chi bộ trực thuộc xây dựng báo cáo tổng kết công tác năm 2028, trong đó đánh giá rõ từng chỉ tiêu; gửi về Đảng ủy trước ngày 05/12/2028.\n",
            &[(Some("Các chi bộ trực thuộc"), Some("báo cáo tổng kết công tác năm 2028"))],
        ),
        (
            "no product where none is stated: a plan made and not sent, a report told by its verb",
            "II. NHIỆM VỤ\n1. Ủy ban Mặt trận Tổ quốc Việt Nam xã chủ trì xây dựng kế hoạch vận động Quỹ Vì người nghèo, tổ chức lễ phát động trong tháng 3/2028.\n2. Giao Văn phòng Đảng ủy theo dõi, báo cáo kết quả về Ban Thường vụ trước ngày 20/12/2028.\n",
            &[(Some("Ủy ban Mặt trận Tổ quốc Việt Nam xã"), None), (Some("Văn phòng Đảng ủy"), None)],
        ),
    ];
    for (name, body, want) in rows {
        check_products(name, &format!("{PLAN}{body}"), want);
    }
}

/// "Kết quả cụ thể như sau:" and "Kết quả: …" lines of a report are neither labels nor tasks.
#[test]
fn a_result_line_of_a_report_is_no_product_and_no_task() {
    let text = "BÁO CÁO\nkết quả công tác năm 2027\n\nI. KẾT QUẢ THỰC HIỆN\nKết quả cụ thể như sau:\n- Kết quả: kết nạp 12 đảng viên mới.\n- Kết quả: 95% hộ gia đình đạt danh hiệu gia đình văn hóa.\n";
    assert_eq!(products(text), vec![], "{text}");
}

/// A task table with no blank line around it (paragraphs one a line, as a DOCX or a PDF gives
/// them), read through ingest (which rebuilds the table): the heading above is no task holding
/// the table, the rows are, and the point below is text again.
#[test]
fn a_task_table_without_blank_lines_around_it() {
    let text = "KẾ HOẠCH\nthực hiện chương trình chuyển đổi số năm 2027\nIII. TỔ CHỨC THỰC HIỆN\n1. Phân công thực hiện các nhiệm vụ cụ thể:\nSTT\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n1\nKhảo sát hạ tầng mạng tại các thôn\nPhòng Kinh tế\nCác thôn\nQuý I/2027\n2\nTập huấn kỹ năng số cho cán bộ\nVăn phòng Đảng ủy\nBan Xây dựng Đảng\nTháng 6/2027\n2. Giao Ủy ban Kiểm tra Đảng ủy giám sát việc thực hiện Kế hoạch, báo cáo Ban Thường vụ trước ngày 15/12/2027.\n";
    let doc = theodoi_ingest::read_bytes("t.txt", text.as_bytes()).expect("ingest");
    let got: Vec<(Option<String>, Option<String>)> =
        extract(&doc).tasks.into_iter().map(|t| (t.lead, t.deadline)).collect();
    let want =
        [("Phòng Kinh tế", "2027-03"), ("Văn phòng Đảng ủy", "2027-06"), ("Ủy ban Kiểm tra Đảng ủy", "2027-12-15")];
    let want: Vec<(Option<String>, Option<String>)> =
        want.iter().map(|(l, d)| (Some(l.to_string()), Some(d.to_string()))).collect();
    assert_eq!(got, want);
}

/// Paragraphs printed without a blank line between them (a PDF): a point that ends its sentence
/// is not continued by the closing paragraph under it, which ingest reads as a paragraph of its own.
#[test]
fn a_point_ends_where_ingest_starts_the_next_paragraph() {
    check(
        "the closing paragraph of a resolution right under its last point",
        "NGHỊ QUYẾT\nvề kế hoạch đầu tư công năm 2026\nĐiều 2. Tổ chức thực hiện\n1. Giao Ủy ban nhân dân xã tổ chức triển khai thực hiện Nghị quyết; báo cáo kết quả thực\nhiện tại kỳ họp cuối năm 2026 của Hội đồng nhân dân xã.\n2. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân và đại biểu Hội\nđồng nhân dân xã giám sát việc thực hiện Nghị quyết.\nNghị quyết này đã được Hội đồng nhân dân xã Nà Tấu Bắc khóa I, kỳ họp thứ năm\nthông qua ngày 18 tháng 12 năm 2025 và có hiệu lực từ ngày thông qua./.\nNơi nhận:\n- Thường trực Đảng ủy xã;\n",
        &[
            (Some("Ủy ban nhân dân xã"), Some("2026-12")),
            (Some("Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân và đại biểu Hội đồng nhân dân xã"), None),
        ],
    );
}

/// A staff field's list ("Cơ quan tham mưu: A, B"): where the form gives partners a field of
/// their own ("Cơ quan phối hợp: …"), the bodies listed as staff lead together — also in an item
/// that leaves its partner field out; where it gives none, the first named prepares and the
/// others join. A unit in brackets inside a lead ("Ủy ban nhân dân xã (Phòng Kinh tế)") is
/// part of its name, before a ";" or at the end of a bracketed field list.
#[test]
fn staff_lists_and_units_in_brackets() {
    check(
        "co-leads in a form with a partner field",
        &format!("{PLAN}II. NHIỆM VỤ\n\n1. Xây dựng Đề án chuyển đổi số của xã.\n\n- Thời gian: Quý II/2027.\n- Cơ quan tham mưu: Văn phòng Đảng ủy, Văn phòng HĐND và UBND; Cơ quan phối hợp: Công an xã.\n\n2. Tổng kết mô hình dân vận khéo (Thời gian: Tháng 9/2027; Cơ quan tham mưu: Ban Xây dựng Đảng, Văn phòng Đảng ủy).\n"),
        &[
            (Some("Văn phòng Đảng ủy, Văn phòng HĐND và UBND"), Some("2027-06")),
            (Some("Ban Xây dựng Đảng, Văn phòng Đảng ủy"), Some("2027-09")),
        ],
    );
    check(
        "first named prepares where partners have no field",
        &format!("{PLAN}II. NHIỆM VỤ\n\n1. Tổng kết mô hình dân vận khéo (Thời gian: Tháng 9/2027; Cơ quan tham mưu: Ban Xây dựng Đảng, Văn phòng Đảng ủy).\n"),
        &[(Some("Ban Xây dựng Đảng"), Some("2027-09"))],
    );
    check(
        "a unit in brackets inside a lead",
        &format!("{PLAN}II. NHIỆM VỤ\n\n1. Xây dựng Đề án phát triển vùng chè giai đoạn 2027 - 2030.\n\n- Thời gian: Quý II/2027.\n- Cơ quan tham mưu: Ủy ban nhân dân xã (Phòng Kinh tế); Cơ quan phối hợp: Hội \nNông dân xã.\n\n2. Tổng kết mô hình chuyển đổi số (Thời gian: Tháng 5/2027; Cơ quan tham mưu: Ủy ban nhân dân xã (Phòng Văn hóa - Xã hội)).\n"),
        &[
            (Some("Ủy ban nhân dân xã (Phòng Kinh tế)"), Some("2027-06")),
            (Some("Ủy ban nhân dân xã (Phòng Văn hóa - Xã hội)"), Some("2027-05")),
        ],
    );
}

/// A body named by the work it was given ("Các cơ quan được phân công chuẩn bị nội dung …") leads
/// the verb after that work ("… gửi tài liệu …"): "được phân công" is not the body assigning.
#[test]
fn a_body_named_by_the_work_given_it() {
    check(
        "được phân công + its work, then the clause's verb",
        "CHƯƠNG TRÌNH CÔNG TÁC\nnăm 2027\n\nIII. TỔ CHỨC THỰC HIỆN\n1. Các cơ quan được phân công chuẩn bị nội dung gửi tài liệu về Văn phòng Đảng ủy trước phiên họp ít nhất 05 ngày làm việc.\n2. Các chi bộ được giao nhiệm vụ tổ chức hội nghị báo cáo kết quả về Văn phòng Đảng ủy trước ngày 15/3/2027.\n3. Văn phòng Đảng ủy giúp Ban Thường vụ theo dõi, đôn đốc thực hiện Chương trình.\n",
        &[
            (Some("Các cơ quan được phân công chuẩn bị nội dung"), None),
            (Some("Các chi bộ được giao nhiệm vụ tổ chức hội nghị"), Some("2027-03-15")),
            (Some("Văn phòng Đảng ủy"), None),
        ],
    );
}

/// Two dates in one task: the same work said again with each ("báo cáo 6 tháng trước ngày …,
/// báo cáo năm trước ngày …", a reporting regime) is owed first at the first; one work with two
/// dates ("… trước ngày … và trước ngày …") and milestones of different work ("xây dựng dự
/// thảo …, trình … trước ngày …") are done at the last.
#[test]
fn a_series_of_reports_is_owed_at_its_first_date() {
    check(
        "series, one work twice, milestones",
        &format!("{PLAN}IV. CHẾ ĐỘ BÁO CÁO\n\nCác chi hội báo cáo kết quả 6 tháng trước ngày 12/6/2027, báo cáo năm trước ngày 12/11/2027 về Ban Thường vụ Hội (qua Văn phòng).\n\nV. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng Đảng ủy tổng hợp kết quả, báo cáo Ban Thường vụ trước ngày 20/6/2027 và trước ngày 15/12/2027.\n\n2. Ban Xây dựng Đảng xây dựng dự thảo trong tháng 9/2027, trình Ban Thường vụ trước ngày 15/10/2027.\n"),
        &[
            (Some("Các chi hội"), Some("2027-06-12")),
            (Some("Văn phòng Đảng ủy"), Some("2027-12-15")),
            (Some("Ban Xây dựng Đảng"), Some("2027-10-15")),
        ],
    );
}

/// News of a meeting closed by its chair: "Phát biểu kết luận cuộc họp, đồng chí X - Bí thư …
/// đề nghị Y …" asks Y, as "Kết luận hội nghị, …" does.
#[test]
fn the_chairs_closing_words_told_as_news() {
    check(
        "Phát biểu kết luận cuộc họp, đồng chí … đề nghị X sớm …",
        "Ngày 06/9/2026, Đảng ủy xã Tân Phú Nam tổ chức triển khai kế hoạch Đại hội chi bộ trực thuộc.\nPhát biểu kết luận cuộc họp, đồng chí Lò Thị Mai - Bí thư Đảng ủy xã đề nghị các chi bộ sớm chuẩn bị văn kiện, nhân sự, hoàn thành trước ngày 30/10/2026.\n",
        &[(Some("các chi bộ"), Some("2026-10-30"))],
    );
}
