//! The bar: on the answer keys of 001 and 004, `score_extract.py` gives
//! F1 ≥ 0.90 for every list and attribute agreement ≥ 0.90 for value, unit,
//! deadline, lead and date. Runs the shared scorer itself, so what is measured is
//! exactly what the project is judged by.

mod common;

use std::path::PathBuf;

use common::{extract_eval, run_scorer, shared};

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

fn corpus_file(prefix: &str) -> PathBuf {
    let dir = shared().join("corpus");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus {} unreadable: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix) && n.to_string_lossy().ends_with(".txt"))
        })
        .unwrap_or_else(|| panic!("no corpus file {prefix}_*.txt in {}", dir.display()))
}

fn score(prefix: &str) -> serde_json::Value {
    let path = corpus_file(prefix);
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let gold = shared().join("gold").join(name.replace(".txt", ".json"));
    run_scorer(&extract_eval(&path), &gold)
}

fn check(prefix: &str) {
    let r = score(prefix);
    let mut failures = Vec::new();
    for field in ["targets", "tasks", "references", "org_facts", "declared_counts"] {
        let Some(f) = r.get(field) else { continue };
        let f1 = f["f1"].as_f64().unwrap_or(0.0);
        if f1 < 0.90 {
            failures.push(format!("{field} F1 {f1:.3} < 0.90"));
        }
        for attr in ["value", "unit", "deadline", "lead", "date"] {
            if let Some(a) = f["attributes"].get(attr).and_then(|v| v.as_f64()) {
                if a < 0.90 {
                    failures.push(format!("{field}.{attr} agreement {a:.3} < 0.90"));
                }
            }
        }
    }
    assert_eq!(r.get("doc_type"), Some(&serde_json::Value::Bool(true)), "doc_type wrong for {prefix}");
    assert!(failures.is_empty(), "{prefix}: {}\nfull report: {r}", failures.join("; "));
}

#[test]
fn scores_001_congress_results() {
    if skip_without_shared("extract::scores_001_congress_results") {
        return;
    }
    check("001");
}

#[test]
fn scores_004_action_programme() {
    if skip_without_shared("extract::scores_004_action_programme") {
        return;
    }
    check("004");
}
