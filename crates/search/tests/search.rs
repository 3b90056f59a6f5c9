//! Search over lines: folded and exact matching, exact hits first, codes by their words, snippets,
//! line numbers, keeping the index in step, and a damaged directory rebuilt.

use theodoi_search::{DocText, SearchIndex};

fn doc(name: &str, version: u32, lines: &[&str]) -> DocText {
    DocText {
        doc: name.into(),
        version,
        org: Some("Phường Nam Đồng".into()),
        lines: lines.iter().enumerate().map(|(i, l)| (i as u32 + 1, l.to_string())).collect(),
    }
}

fn sample() -> Vec<DocText> {
    vec![
        doc(
            "nghi-quyet.txt",
            1,
            &[
                "ĐẢNG BỘ PHƯỜNG NAM ĐỒNG",
                "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
                "Đường giao thông nông thôn được bê tông hóa 100%.",
                "Dương Văn Bình, Bí thư Đảng ủy.",
            ],
        ),
        doc(
            "ke-hoach.txt",
            2,
            &[
                "Thực hiện Kế hoạch số 36-KH/ĐU ngày 05/3/2025 của Đảng ủy phường,",
                "dang bo phuong tổ chức quán triệt (văn bản gõ không dấu)",
                "Duong noi bo khu dan cu so 3",
            ],
        ),
    ]
}

fn index() -> SearchIndex {
    let i = SearchIndex::in_memory().expect("index");
    i.apply(&[], &sample()).expect("apply");
    i
}

#[test]
fn unmarked_words_find_marked_text_and_exact_hits_rank_first() {
    let i = index();
    let hits = i.search("dang bo phuong", 10).expect("search");
    let found: Vec<(&str, u32, bool)> = hits.iter().map(|h| (h.doc.as_str(), h.line, h.exact)).collect();
    // The unmarked line has the words exactly as typed: it comes first.
    assert_eq!(found, [("ke-hoach.txt", 2, true), ("nghi-quyet.txt", 1, false)]);
    let hits = i.search("Đảng bộ phường", 10).expect("search");
    assert_eq!((hits[0].doc.as_str(), hits[0].line, hits[0].exact), ("nghi-quyet.txt", 1, true));
    assert!(!hits[1].exact);
}

#[test]
fn folding_merges_words_but_the_marked_one_ranks_first() {
    let i = index();
    let hits = i.search("đường", 10).expect("search");
    assert_eq!(hits.len(), 3, "{hits:?}"); // Đường, Dương, Duong all fold to duong
    assert_eq!((hits[0].doc.as_str(), hits[0].line), ("nghi-quyet.txt", 3));
    assert!(hits[0].exact && !hits[1].exact && !hits[2].exact);
}

#[test]
fn codes_are_found_by_their_words() {
    let i = index();
    let hits = i.search("nghi quyet 57", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].doc.as_str(), hits[0].line, hits[0].version), ("nghi-quyet.txt", 2, 1));
    let hits = i.search("ke hoach 36", 10).expect("search");
    assert_eq!((hits[0].doc.as_str(), hits[0].line, hits[0].version), ("ke-hoach.txt", 1, 2));
    // Every group must match: a number not in the line finds nothing.
    assert!(i.search("ke hoach 37", 10).expect("search").is_empty());
    assert_eq!(i.search("57-NQ/TW", 10).expect("search").len(), 1);
}

#[test]
fn snippets_mark_the_matching_words() {
    let i = index();
    let hits = i.search("nghi quyet 57", 10).expect("search");
    let marked: Vec<&str> = hits[0].snippet.iter().filter(|f| f.mark).map(|f| f.text.as_str()).collect();
    assert_eq!(marked, ["Nghị", "quyết", "57", "NQ"]);
    let whole: String = hits[0].snippet.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(whole, "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;");
}

#[test]
fn odd_queries_find_nothing_and_never_fail() {
    let i = index();
    for q in ["", "   ", "\"", "AND OR NOT", "*", "<script>alert(1)</script>", "a\u{0}b", "đ\u{301}", &"x".repeat(5000)]
    {
        let hits = i.search(q, 10).expect("search never fails");
        assert!(hits.len() <= 10);
    }
    // NFD input is normalised like the index.
    assert_eq!(i.search("Đa\u{309}ng bô\u{323} phươ\u{300}ng", 10).expect("nfd")[0].line, 1);
}

#[test]
fn the_index_follows_the_ledger() {
    let i = index();
    let current = vec![("nghi-quyet.txt".to_string(), 1), ("ke-hoach.txt".to_string(), 3), ("moi.txt".to_string(), 1)];
    let plan = i.plan(&current).expect("plan");
    assert_eq!(plan.add, ["ke-hoach.txt", "moi.txt"]);
    assert!(plan.remove.is_empty());
    // ke-hoach.txt's version 3 drops its plan line; moi.txt has no kept text.
    i.apply(&[], &[doc("ke-hoach.txt", 3, &["Báo cáo sơ kết"]), doc("moi.txt", 1, &[])]).expect("apply");
    assert!(i.plan(&current).expect("plan").is_empty());
    assert!(i.search("ke hoach 36", 10).expect("search").is_empty());
    let current = vec![("ke-hoach.txt".to_string(), 3)];
    let plan = i.plan(&current).expect("plan");
    assert_eq!(plan.remove, ["moi.txt", "nghi-quyet.txt"]);
    i.apply(&plan.remove, &[]).expect("remove");
    assert!(i.search("nghi quyet 57", 10).expect("search").is_empty());
    assert_eq!(i.indexed().expect("indexed").len(), 1);
}

#[test]
fn an_index_on_disk_survives_reopening_and_a_damaged_one_is_rebuilt() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("ledger.db.search");
    {
        let i = SearchIndex::open(&dir).expect("create");
        i.apply(&[], &sample()).expect("apply");
    }
    let i = SearchIndex::open(&dir).expect("reopen");
    assert_eq!(i.indexed().expect("indexed").len(), 2);
    drop(i);
    std::fs::write(dir.join("meta.json"), b"not json").expect("damage");
    let i = SearchIndex::open(&dir).expect("rebuilt");
    assert!(i.indexed().expect("indexed").is_empty());
    // A directory that is not an index is never wiped.
    let other = tmp.path().join("photos");
    std::fs::create_dir(&other).expect("dir");
    std::fs::write(other.join("a.jpg"), b"x").expect("file");
    assert!(SearchIndex::open(&other).is_err());
    assert!(other.join("a.jpg").exists());
}

/// A ward's search is restricted inside the query: its one line is found even when another ward's
/// document holds more, better-scoring lines than the candidates a filter after the search reads.
#[test]
fn a_search_over_some_documents_finds_their_lines_however_many_others_hold() {
    let i = SearchIndex::in_memory().expect("index");
    let many: Vec<String> = (0..400).map(|n| format!("Kế hoạch kế hoạch số {n}-KH/ĐU")).collect();
    let big = doc("thanh-pho.txt", 1, &many.iter().map(String::as_str).collect::<Vec<_>>());
    let small = doc("phuong.txt", 1, &["Mở đầu", "Xây dựng kế hoạch năm 2026 của phường"]);
    i.apply(&[], &[big, small]).expect("apply");
    let hits = i.search_in("ke hoach", 10, &["phuong.txt".to_string()]).expect("search");
    let found: Vec<(&str, u32)> = hits.iter().map(|h| (h.doc.as_str(), h.line)).collect();
    assert_eq!(found, [("phuong.txt", 2)]);
    assert!(i.search_in("ke hoach", 10, &[]).expect("none").is_empty(), "no documents, no hits");
}

#[test]
fn an_exact_line_ranks_first_however_many_folded_lines_score_higher() {
    // 400 short unmarked lines score higher than the one long line holding the word as typed;
    // the exact line is still the first hit (it was lost past the first 200 candidates).
    let mut lines: Vec<String> = (0..400).map(|i| format!("duong {i}")).collect();
    lines.push(format!("Tuyến đường liên phường {} được nâng cấp", "và các tuyến nhánh ".repeat(8)));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let i = SearchIndex::in_memory().expect("index");
    i.apply(&[], &[doc("many.txt", 1, &refs)]).expect("apply");
    let hits = i.search("đường", 5).expect("search");
    assert_eq!(hits.len(), 5);
    assert_eq!((hits[0].line, hits[0].exact), (401, true), "{:?}", hits[0]);
    assert!(hits[1..].iter().all(|h| !h.exact && h.score >= hits[1].score - 1e-3));
    // A filter turning most candidates down still fills the limit from further down.
    let other = doc("other.txt", 1, &refs[..300]);
    i.apply(&[], &[other]).expect("apply");
    let hits = i.search_where("duong", 10, |d| d == "many.txt").expect("search");
    assert_eq!(hits.len(), 10);
    assert!(hits.iter().all(|h| h.doc == "many.txt"));
}

#[test]
fn updates_leave_few_segments() {
    let i = SearchIndex::in_memory().expect("index");
    for n in 0..6 {
        i.apply(&[], &[doc(&format!("d{n}.txt"), 1, &["Đảng bộ phường"])]).expect("apply");
        assert!(i.segments() <= 2, "{} segments after {n}", i.segments());
    }
    assert_eq!(i.search("dang bo", 10).expect("search").len(), 6);
}
