//! The organisations the examples, the corpus and the dev set name, read as `theodoi add` reads
//! them, against the official list: real wards find their code, made-up ones stay unmatched, and
//! none is matched to a unit of another province than the one its header names.

use std::path::{Path, PathBuf};

/// The document's organisation and parent as extracted, and the unit they resolve to.
fn unit_of(path: &Path) -> Option<(Option<String>, Option<String>, Option<&'static theodoi_units::Unit>)> {
    // Images need tesseract; the other tests read them. Here only the text formats.
    let doc = theodoi_ingest::read_path_with(path, &theodoi_ingest::Options::default()).ok()?;
    let x = theodoi_extract::extract(&doc);
    let u = x.org.as_deref().and_then(|o| theodoi_store::resolve_unit(o, x.parent_org.as_deref()));
    Some((x.org, x.parent_org, u))
}

fn files(dir: &Path, ext: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    v.retain(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| ext.contains(&e)));
    v.sort();
    v
}

/// A matched unit lies in the province its document's header names.
fn in_named_province(file: &Path, parent: Option<&str>, u: &theodoi_units::Unit) {
    let p = parent.and_then(|p| theodoi_units::lookup(p).unit()).map(|p| p.code);
    assert!(p.is_none() || p == u.parent, "{}: {} is not in {parent:?}", file.display(), u.name);
}

#[test]
fn the_examples_name_a_made_up_ward_that_stays_unmatched() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let all = files(&dir, &["txt", "docx"]);
    assert!(all.len() >= 5, "{all:?}");
    for f in all {
        let Some((org, parent, u)) = unit_of(&f) else { continue };
        assert!(org.is_some(), "{}: no organisation", f.display());
        assert_eq!(u, None, "{}: {org:?} under {parent:?} is invented", f.display());
    }
}

#[test]
fn the_corpus_wards_find_their_codes() {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus"));
    if !shared.is_dir() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the_corpus_wards_find_their_codes: ../shared is absent (a fresh clone); CI runs it"
        );
        return;
    }
    // (file prefix, the code its organisation must find; None = not on the list, as written).
    let expected: &[(&str, Option<&str>)] = &[
        ("000_", Some("11506")), // Phường Lê Ích Mộc, Hải Phòng
        ("001_", Some("11560")), // Phường Thủy Nguyên: the list writes "Thuỷ"
        ("003_", Some("11443")), // Phường Kiến An
        ("004_", Some("10672")), // Phường Nam Đồng
        // The dev set: two real units; the others are real names with a word added (Xã Tả Phìn
        // Cao, Phường Bình Lợi Đông …), which must not match the real one.
        ("d01", None),
        ("d02", None),
        ("d03", None),
        ("d04", None),
        ("d05", None),
        ("d06", Some("24065")), // Xã Ia Rbol, Gia Lai
        ("d07", Some("19351")), // Phường Nam Đông Hà, Quảng Trị
        ("d08", None),
        ("d09", None),
        ("d10", None),
        ("e01", None),
        ("e02", None),
        ("e03", None),
        ("e04", None),
    ];
    let mut all = files(shared, &["txt"]);
    all.extend(files(&shared.join("dev"), &["txt"]));
    let mut seen = 0;
    for f in &all {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let Some((org, parent, u)) = unit_of(f) else { continue };
        if let Some(u) = u {
            in_named_province(f, parent.as_deref(), u);
        }
        match expected.iter().find(|(p, _)| name.starts_with(p)) {
            Some((_, want)) => {
                seen += 1;
                assert_eq!(u.map(|u| u.code), *want, "{name}: {org:?} under {parent:?}");
            }
            // 002 is the OCR scan of 000: its restored header may or may not read right, but it
            // is never another unit.
            None => assert!(u.is_none() || u.is_some_and(|u| u.code == "11506"), "{name}: {org:?} → {u:?}"),
        }
    }
    assert_eq!(seen, expected.len(), "every expected file was read");
}
