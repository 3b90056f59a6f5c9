//! Each check on hand-built extractions, and on the answer key of 004 (the real document's items).

use theodoi_check::{run, target_status, task_status, Input};
use theodoi_core::*;

/// `../shared` (corpus, gold, scorers) is beside the repository in CI but not in a fresh clone:
/// there the tests that read it say so on the terminal (past the test harness's capture) and pass
/// without checking anything.
fn skip_without_shared(test: &str) -> bool {
    let present = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus")).is_dir();
    if !present {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "SKIPPED {test}: ../shared is absent (a fresh clone); CI runs it");
    }
    !present
}

fn ev(doc: &str, a: u32, b: u32) -> Evidence {
    Evidence { doc: doc.into(), span: LineSpan::new(a, b), text: String::new() }
}

fn t(id: &str, kind: TargetKind, name: &str, cmp: Comparator, value: f64, unit: &str, line: u32) -> Target {
    Target {
        id: id.into(),
        kind,
        name: name.into(),
        comparator: cmp,
        value: Some(value),
        unit: Some(unit.into()),
        term: Some("2020-2025".into()),
        evidence: vec![ev("000.txt", line, line)],
        ..Target::default()
    }
}

fn result(id: &str, name: &str, target: f64, achieved: f64, unit: &str, verdict: Verdict, line: u32) -> Target {
    let mut r = t(id, TargetKind::Result, name, Comparator::Eq, target, unit, line);
    r.achieved = Some(achieved);
    r.verdict = Some(verdict);
    r.section = Some("PHỤ LỤC 01".into());
    r
}

fn doc(file: &str, x: Extraction) -> LedgerDocument {
    LedgerDocument {
        file: file.into(),
        version: 1,
        sha256: String::new(),
        date: Some("2025-08-01".into()),
        restored: false,
        extraction: x,
        org_key: None,
    }
}

/// Every finding over these documents alone (no progress, no links, no date).
fn run_docs(docs: &[LedgerDocument]) -> Vec<Finding> {
    run(&Input { docs, progress: &[], links: &[], today: None })
}

fn kinds(f: &[Finding]) -> Vec<&str> {
    f.iter().map(|f| f.kind.as_str()).collect()
}

/// A political report in the manner of 000: "21/23 … 06/21 vượt" in the body, verdicts in PHỤ LỤC 01.
fn report() -> Extraction {
    let results = vec![
        result("R1", "Chỉ tiêu phát triển đảng", 149.0, 163.0, "Đảng viên", Verdict::Exceeded, 1930),
        result("R2", "Năng suất lúa", 391.0, 392.2, "tạ/ha/năm", Verdict::Met, 1942),
        result("R3", "Tổng thu ngân sách", 403.29, 407.1, "Tỷ đồng", Verdict::Exceeded, 1944),
        result("R4", "Tỷ lệ hộ dân dùng nước sạch", 100.0, 100.0, "%", Verdict::Met, 1950),
        result("R5", "Tỷ lệ hộ nghèo (chuẩn nghèo GĐ 2021-2025)", 0.0, 0.0, "%", Verdict::Exceeded, 1956),
        result("R6", "Hoàn thành cụm CN làng nghề", 2.0, 0.0, "cụm", Verdict::NotYetMet, 2020),
    ];
    Extraction {
        doc: "000.txt".into(),
        doc_type: DocType::BaoCaoChinhTri,
        targets: results,
        declared_counts: vec![
            DeclaredCount {
                what: "results_met_2020_2025".into(),
                value: 21.0,
                of: Some(23.0),
                evidence: ev("000.txt", 99, 101),
            },
            DeclaredCount {
                what: "results_exceeded_2020_2025".into(),
                value: 6.0,
                of: Some(21.0),
                evidence: ev("000.txt", 101, 101),
            },
        ],
        ..Default::default()
    }
}

#[test]
fn declared_counts_against_the_verdicts() {
    let docs = [doc("000.txt", report())];
    let f = run_docs(&docs);
    let dc: Vec<&Finding> = f.iter().filter(|f| f.kind == "declared_count_mismatch").collect();
    assert_eq!(dc.len(), 2, "{f:#?}");
    assert!(
        dc[0].message_vi.contains("21/23") && dc[0].message_vi.contains("6 chỉ tiêu được đánh giá"),
        "{}",
        dc[0].message_vi
    );
    assert!(dc[0].evidence.iter().any(|e| e.span.start == 99), "evidence includes the declaration");
    assert!(dc[0].evidence.iter().any(|e| e.span.start == 1942), "and the results counted");
    assert!(dc[1].message_en.contains("3 \"exceeded\" out of 5"), "{}", dc[1].message_en);
}

#[test]
fn verdicts_against_numbers() {
    let docs = [doc("000.txt", report())];
    let f = run_docs(&docs);
    let v: Vec<&Finding> = f.iter().filter(|f| f.kind == "verdict_contradicts_numbers").collect();
    // 392,2 vs 391 "Đạt" (should be Vượt) and 0 vs 0 poverty "Vượt" (should be Đạt); the rest agree.
    assert_eq!(v.len(), 2, "{v:#?}");
    assert!(v.iter().any(|f| f.message_vi.contains("392,2")
        && f.message_vi.contains("phải là \"Vượt\"")
        && f.severity == Severity::Warning));
    assert!(v.iter().any(|f| f.message_vi.contains("hộ nghèo") && f.message_vi.contains("phải là \"Đạt\"")));
    // Achieved below target marked "Đạt" is an error.
    let mut x = report();
    x.declared_counts.clear();
    x.targets = vec![result("R9", "Giải quyết việc làm", 3000.0, 2900.0, "người", Verdict::Met, 1990)];
    let docs = [doc("000.txt", x)];
    let f = run_docs(&docs);
    assert_eq!(kinds(&f), ["verdict_contradicts_numbers"]);
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn body_appendix_and_self_review_figures_differ() {
    let mut body = result("R1", "Tổng thu ngân sách", 403.29, 407.1, "tỷ đồng", Verdict::Exceeded, 120);
    body.section = Some("PHẦN I > 1. Kinh tế".into());
    let appendix = result("R2", "Tổng thu ngân sách", 403.29, 417.1, "tỷ đồng", Verdict::Exceeded, 1944);
    let x = Extraction { doc: "000.txt".into(), targets: vec![body, appendix], ..Default::default() };
    let docs = [doc("000.txt", x)];
    let f = run_docs(&docs);
    assert_eq!(kinds(&f), ["same_indicator_different_value"], "{f:#?}");
    assert!(f[0].message_vi.contains("phần nội dung") && f[0].message_vi.contains("phụ lục"), "{}", f[0].message_vi);
    assert_eq!(f[0].evidence.len(), 2);
    // Same figures: nothing to say.
    let mut same = docs[0].extraction.clone();
    same.targets[1].achieved = Some(407.1);
    let docs = [doc("000.txt", same)];
    assert!(run_docs(&docs).is_empty());
}

#[test]
fn citations_conflicting_and_after_the_document() {
    let c = |date: &str, issuer: &str, line| Citation {
        number: "57-NQ/TW".into(),
        kind: Some("Nghị quyết".into()),
        date: Some(date.into()),
        issuer: Some(issuer.into()),
        evidence: vec![ev("a.txt", line, line)],
    };
    let x = Extraction {
        citations: vec![
            c("2024-12-22", "Bộ Chính trị", 10),
            c("2024-12-23", "Bộ Chính trị", 20),
            c("2025-09-01", "Bộ Chính trị", 30),
        ],
        ..Default::default()
    };
    let docs = [doc("a.txt", x)];
    let f = run_docs(&docs);
    assert_eq!(f.iter().filter(|f| f.kind == "citation_after_document").count(), 1, "{f:#?}");
    assert_eq!(f.iter().filter(|f| f.kind == "citation_conflict").count(), 1);
}

#[test]
fn org_facts_differ_across_documents() {
    let fact = |file: &str, v| Extraction {
        org: Some("Phường Kiến An".into()),
        facts: vec![Fact {
            fact: "party_members".into(),
            value: v,
            as_of: None,
            unit_org: None,
            evidence: ev(file, 40, 40),
        }],
        ..Default::default()
    };
    let docs = [doc("a.txt", fact("a.txt", 2150.0)), doc("b.txt", fact("b.txt", 2105.0))];
    let f = run_docs(&docs);
    assert_eq!(kinds(&f), ["fact_conflict"]);
    assert!(f[0].message_vi.contains("2150") && f[0].message_vi.contains("2105"));
    assert_eq!(f[0].evidence.len(), 2);
}

/// One organisation's documents must agree on a goal; other organisations' documents are never compared
/// ("Đảng bộ phường X" is the ward X).
#[test]
fn a_goal_differs_only_between_documents_of_one_organisation() {
    let program = |file: &str, org: &str, value: f64| {
        let mut goal = t("T1", TargetKind::Target, "Tỷ lệ hộ gia đình văn hóa", Comparator::Ge, value, "%", 12);
        goal.evidence = vec![ev(file, 12, 12)];
        let mut other = t("T2", TargetKind::Target, "Thu ngân sách nhà nước", Comparator::Gt, 8.0 + value, "%/năm", 14);
        other.evidence = vec![ev(file, 14, 14)];
        Extraction { org: Some(org.into()), targets: vec![goal, other], ..Default::default() }
    };
    let docs = [
        doc("nq.txt", program("nq.txt", "Đảng bộ phường Hòa Xuân", 90.0)),
        doc("ctr.txt", program("ctr.txt", "Phường Hòa Xuân", 92.0)),
        doc("bc.txt", program("bc.txt", "Phường Tân Lập", 85.0)),
    ];
    let f: Vec<Finding> = run_docs(&docs).into_iter().filter(|f| f.kind == "same_indicator_different_value").collect();
    let pairs: Vec<Vec<&str>> = f.iter().map(|f| f.evidence.iter().map(|e| e.doc.as_str()).collect()).collect();
    assert_eq!(pairs, [["nq.txt", "ctr.txt"], ["nq.txt", "ctr.txt"]], "{f:#?}");
}

/// Organisations on the official list of administrative units are compared as units: two spellings
/// of one ward are one organisation, one ward name in two provinces is two.
#[test]
fn spellings_of_one_listed_ward_are_one_organisation_for_the_checks() {
    let program = |file: &str, org: &str, parent: Option<&str>, value: f64| {
        let mut goal = t("T1", TargetKind::Target, "Tỷ lệ hộ gia đình văn hóa", Comparator::Ge, value, "%", 12);
        goal.evidence = vec![ev(file, 12, 12)];
        Extraction {
            org: Some(org.into()),
            parent_org: parent.map(str::to_string),
            targets: vec![goal],
            ..Default::default()
        }
    };
    let docs = [
        doc("nq.txt", program("nq.txt", "P. Lê Ích Mộc", Some("Thành phố Hải Phòng"), 90.0)),
        doc("ctr.txt", program("ctr.txt", "ĐẢNG UỶ PHƯỜNG LÊ ÍCH MỘC", None, 92.0)),
        doc("bm1.txt", program("bm1.txt", "Xã Bình Minh", Some("Tỉnh Nghệ An"), 80.0)),
        doc("bm2.txt", program("bm2.txt", "Xã Bình Minh", Some("Tỉnh Ninh Bình"), 70.0)),
    ];
    let f: Vec<Finding> = run_docs(&docs).into_iter().filter(|f| f.kind == "same_indicator_different_value").collect();
    let pairs: Vec<Vec<&str>> = f.iter().map(|f| f.evidence.iter().map(|e| e.doc.as_str()).collect()).collect();
    assert_eq!(pairs, [["nq.txt", "ctr.txt"]], "{f:#?}");
}

#[test]
fn overdue_tasks_and_off_track_targets() {
    let task = Task {
        id: "K1".into(),
        what: "Xây dựng kế hoạch".into(),
        section: None,
        lead: Some("Ban xây dựng Đảng".into()),
        partners: vec![],
        deadline: Some("2025-12-15".into()),
        deadline_text: None,
        product: None,
        evidence: vec![ev("p.txt", 141, 143)],
    };
    let mut goal = t("T1", TargetKind::Target, "Tỷ lệ thu gom chất thải rắn", Comparator::Eq, 100.0, "%", 356);
    goal.deadline = Some("2030".into());
    goal.term = Some("2025-2030".into());
    let x = Extraction { tasks: vec![task], targets: vec![goal], ..Default::default() };
    let docs = [doc("p.txt", x)];
    let up = |v, d: &str| ProgressUpdate {
        item: ItemRef { doc: "p.txt".into(), kind: ItemKind::Target, id: "T1".into() },
        value: Some(v),
        done: false,
        date: d.into(),
        note: None,
        user: Some("an".into()),
        evidence: None,
    };
    let progress = [up(60.0, "2025-01-01"), up(61.0, "2028-01-01")];
    let f = run(&Input { docs: &docs, progress: &progress, links: &[], today: Some("2028-02-01") });
    assert_eq!(kinds(&f), ["target_off_track", "task_overdue"], "{f:#?}");
    // Before the deadline the task is open and nothing is reported.
    let f = run(&Input { docs: &docs, progress: &[], links: &[], today: Some("2025-12-15") });
    assert!(f.is_empty(), "{f:#?}");
    // Done is done.
    let done = ProgressUpdate {
        item: ItemRef { doc: "p.txt".into(), kind: ItemKind::Task, id: "K1".into() },
        done: true,
        value: None,
        ..up(0.0, "2025-12-10")
    };
    assert_eq!(
        task_status(Some("2025-12-15"), &[&done], chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")),
        TaskStatus::Done
    );
    let _ = target_status;
}

// ---- The answer key of 004: its recorded inconsistencies must be found. ----

fn gold_004() -> Option<Extraction> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/gold/004_b4f7ce02ed2c6c24.json");
    let text = std::fs::read_to_string(path).expect("read gold 004 (../shared/gold)");
    let g: serde_json::Value = serde_json::from_str(&text).expect("gold JSON");
    let doc = g["doc"].as_str()?.to_string();
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let mut targets = Vec::new();
    for x in g["targets"].as_array()? {
        let lines: Vec<u32> = x["lines"].as_array()?.iter().filter_map(|l| l.as_u64()).map(|l| l as u32).collect();
        let cmp: Comparator = serde_json::from_value(x["comparator"].clone()).ok()?;
        targets.push(Target {
            id: s(&x["id"])?,
            kind: serde_json::from_value(x["kind"].clone()).ok()?,
            name: s(&x["name"])?,
            section: s(&x["section"]),
            category: s(&x["category"]),
            unit_org: s(&x["unit_org"]),
            comparator: cmp,
            value: x["value"].as_f64(),
            value_max: x["value_max"].as_f64(),
            unit: s(&x["unit"]),
            frequency: serde_json::from_value(x["frequency"].clone()).ok(),
            deadline: s(&x["deadline"]),
            term: s(&x["term"]),
            target_text: s(&x["target_text"]),
            achieved: x["achieved"].as_f64(),
            achieved_text: s(&x["achieved_text"]),
            verdict: serde_json::from_value(x["verdict"].clone()).ok(),
            evidence: vec![ev(&doc, *lines.first()?, *lines.last()?)],
        });
    }
    Some(Extraction {
        doc,
        doc_type: DocType::ChuongTrinhHanhDong,
        org: Some("Phường Nam Đồng".into()),
        targets,
        ..Default::default()
    })
}

#[test]
fn gold_004_poverty_and_online_dossier_conflicts_are_found() {
    if skip_without_shared("check::gold_004_poverty_and_online_dossier_conflicts_are_found") {
        return;
    }
    let x = gold_004().expect("gold 004 converts");
    let docs = [doc(&x.doc.clone(), x)];
    let f = run_docs(&docs);
    let conflicts: Vec<&Finding> = f.iter().filter(|f| f.kind == "conflicting_targets").collect();
    let spans = |f: &Finding| f.evidence.iter().map(|e| e.span.start).collect::<Vec<_>>();
    assert!(
        conflicts.iter().any(|f| spans(f) == [338, 339] && f.message_vi.contains("hộ nghèo")),
        "poverty: {conflicts:#?}"
    );
    assert!(conflicts.iter().any(|f| spans(f) == [358, 361]), "online dossiers: {conflicts:#?}");
    // Nothing else in 004 is flagged: the other targets are consistent.
    assert_eq!(f.len(), 2, "unexpected findings: {f:#?}");
}

#[test]
fn action_program_and_report_link_to_the_congress_targets() {
    let mut budget = t(
        "T3",
        TargetKind::Target,
        "Thu ngân sách nhà nước trên địa bàn tăng bình quân hằng năm",
        Comparator::Gt,
        8.0,
        "%/năm",
        1190,
    );
    budget.term = Some("2025-2030".into());
    budget.category = Some("economy".into());
    let mut water = t("T4", TargetKind::Target, "Tỷ lệ hộ dân dùng nước sạch", Comparator::Eq, 100.0, "%", 1195);
    water.category = Some("culture_society".into());
    let resolution = Extraction {
        doc: "nq.txt".into(),
        doc_type: DocType::NghiQuyet,
        org: Some("Phường Nam Đồng".into()),
        targets: vec![budget, water],
        ..Default::default()
    };
    let mut program_budget = t(
        "T1",
        TargetKind::Target,
        "Hằng năm, thu ngân sách nhà nước trên địa bàn tăng bình quân",
        Comparator::Gt,
        8.0,
        "%/năm",
        318,
    );
    program_budget.category = Some("economy".into());
    let program = Extraction {
        doc: "ctr.txt".into(),
        doc_type: DocType::ChuongTrinhHanhDong,
        org: Some("Đảng bộ phường Nam Đồng".into()),
        targets: vec![program_budget],
        ..Default::default()
    };
    let mut reported =
        t("R1", TargetKind::Result, "Thu ngân sách nhà nước trên địa bàn tăng", Comparator::Gt, 8.0, "%/năm", 40);
    reported.category = Some("economy".into());
    reported.achieved = Some(9.2);
    let report = Extraction {
        doc: "bc.txt".into(),
        doc_type: DocType::BaoCaoTongKet,
        org: Some("Phường Nam Đồng".into()),
        targets: vec![reported],
        ..Default::default()
    };
    let other_ward = Extraction { doc: "x.txt".into(), org: Some("Phường Kiến An".into()), ..program.clone() };
    let mut docs =
        vec![doc("nq.txt", resolution), doc("ctr.txt", program), doc("bc.txt", report), doc("x.txt", other_ward)];
    docs[2].date = Some("2026-12-20".into());
    let links = theodoi_check::propose_links(&docs);
    // After an import, only pairs involving the new documents are compared.
    assert!(theodoi_check::propose_links_touching(&docs, Some(&[])).is_empty());
    let only_report = theodoi_check::propose_links_touching(&docs, Some(&["bc.txt".to_string()]));
    assert_eq!(only_report.len(), 1);
    assert_eq!(only_report[0].from.doc, "bc.txt");
    assert_eq!(links.len(), 2, "{links:#?}");
    let imp = links.iter().find(|l| l.from.doc == "ctr.txt").expect("program → resolution");
    assert_eq!((imp.to.doc.as_str(), imp.to.id.as_str(), imp.relation), ("nq.txt", "T3", LinkRelation::Implements));
    assert!(imp.confidence >= 0.8, "{}", imp.confidence);
    let rep = links.iter().find(|l| l.from.doc == "bc.txt").expect("report → resolution");
    assert_eq!(rep.relation, LinkRelation::ReportsOn);
    // The report's figure becomes progress on the resolution's target, with its evidence.
    let progress = theodoi_check::progress_from_links(&docs, &links);
    assert_eq!(progress.len(), 1);
    assert_eq!(
        (progress[0].item.id.as_str(), progress[0].value, progress[0].date.as_str()),
        ("T3", Some(9.2), "2026-12-20")
    );
    assert!(progress[0].evidence.is_some());
    // A rejected link feeds nothing.
    let rejected: Vec<Link> = links
        .into_iter()
        .map(|mut l| {
            l.state = LinkState::Rejected;
            l
        })
        .collect();
    assert!(theodoi_check::progress_from_links(&docs, &rejected).is_empty());
}

#[test]
fn one_orgs_documents_disagree_on_a_target() {
    let mk = |file: &str, value: f64, line| {
        let mut g =
            t("T1", TargetKind::Target, "Tỷ lệ dân số tham gia bảo hiểm y tế", Comparator::Eq, value, "%", line);
        g.term = Some("2025-2030".into());
        g.deadline = Some("2030".into());
        g.evidence[0].doc = file.into();
        g.evidence[0].text = format!("Tỷ lệ dân số tham gia bảo hiểm y tế đạt {value}%");
        Extraction {
            doc: file.into(), org: Some("Phường Nam Đồng".into()), targets: vec![g], ..Default::default()
        }
    };
    let docs = [doc("bcct.txt", mk("bcct.txt", 97.0, 2127)), doc("ctr.txt", mk("ctr.txt", 100.0, 349))];
    let f = run_docs(&docs);
    assert_eq!(kinds(&f), ["same_indicator_different_value"], "{f:#?}");
    assert!(f[0].message_vi.contains("bcct.txt") && f[0].message_vi.contains("ctr.txt"));
    // Another ward's figure is no contradiction.
    let mut other = mk("x.txt", 100.0, 349);
    other.org = Some("Phường Kiến An".into());
    let docs = [doc("bcct.txt", mk("bcct.txt", 97.0, 2127)), doc("x.txt", other)];
    assert!(run_docs(&docs).is_empty());
}

#[test]
fn findings_on_restored_ocr_text_are_softened() {
    let mut d = doc("000.txt", report());
    d.restored = true;
    let f = run(&Input { docs: &[d], progress: &[], links: &[], today: None });
    let dc: Vec<&Finding> = f.iter().filter(|f| f.kind == "declared_count_mismatch").collect();
    assert_eq!(dc.len(), 2);
    assert!(dc.iter().all(|f| f.severity == Severity::Warning && f.message_en.contains("restored from damaged OCR")));
}

#[test]
fn a_body_target_missing_from_the_appendix_list() {
    let goal = |id: &str, name: &str, value: f64, line: u32, appendix: bool| {
        let mut g = t(id, TargetKind::Target, name, Comparator::Eq, value, "%", line);
        g.term = Some("2025-2030".into());
        g.section = Some(if appendix { "PHỤ LỤC 02 > IV" } else { "PHẦN II > 3." }.into());
        g
    };
    let names = [
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "Tỷ lệ thu gom chất thải rắn sinh hoạt",
        "Tỷ lệ dân số được sử dụng nước sạch",
        "Tỷ lệ giải quyết thủ tục hành chính đúng hạn",
        "Tỷ lệ điều tra khám phá án",
    ];
    let mut targets: Vec<Target> =
        names.iter().enumerate().map(|(i, n)| goal(&format!("A{i}"), n, 90.0, 2120 + i as u32, true)).collect();
    targets.push(goal("B1", "Người dân có tài khoản định danh điện tử", 95.0, 1806, false));
    targets.push(goal("B2", "Tỷ lệ dân số tham gia bảo hiểm y tế", 90.0, 700, false));
    let x = Extraction { doc: "000.txt".into(), targets, ..Default::default() };
    let docs = [doc("000.txt", x)];
    let f = run_docs(&docs);
    let missing: Vec<&Finding> = f.iter().filter(|f| f.kind == "target_missing_in_appendix").collect();
    assert_eq!(missing.len(), 1, "{f:#?}");
    assert_eq!(missing[0].evidence[0].span.start, 1806);
    assert_eq!(missing[0].severity, Severity::Info);
}
