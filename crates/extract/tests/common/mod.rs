//! What the scoring tests share: where `../shared` is, and running the shared scorer.
// Each test binary uses a part of this module; the rest would warn as dead code in the others.
#![allow(dead_code)]

pub mod genre;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// `../shared` of the project root (corpus, gold keys, scorers).
pub fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// Read a corpus text as decoded UTF-8 (ingest's structure, no restoration) and extract it into
/// the answer-key form.
pub fn extract_eval(path: &Path) -> Value {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = theodoi_ingest::from_text(&name, Default::default(), &text);
    theodoi_extract::to_eval(&theodoi_extract::extract(&doc))
}

/// Read a file as the CLI reads it (ingest: structure, tables, restoration where needed) and
/// extract it into the answer-key form.
pub fn read_eval(path: &Path) -> Value {
    let doc = theodoi_ingest::read_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    theodoi_extract::to_eval(&theodoi_extract::extract(&doc))
}

/// Score a candidate against a key with `score_extract.py --json`, exactly as the project is judged.
pub fn run_scorer(cand: &Value, key: &Path) -> Value {
    let stem = key.file_stem().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let out = std::env::temp_dir().join(format!("theodoi-extract-score-{}-{stem}.json", std::process::id()));
    std::fs::write(&out, cand.to_string()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    let res = Command::new("python3")
        .arg(shared().join("tools/score_extract.py"))
        .arg(&out)
        .arg(key)
        .arg("--json")
        .output()
        .unwrap_or_else(|e| panic!("python3 (needed to run score_extract.py) did not start: {e}"));
    let _ = std::fs::remove_file(&out);
    assert!(res.status.success(), "score_extract.py failed: {}", String::from_utf8_lossy(&res.stderr));
    serde_json::from_slice(&res.stdout).unwrap_or_else(|e| panic!("scorer output is not JSON: {e}"))
}

/// Folded words of a text value (names and products are compared as words, never as strings).
pub fn words(v: &Value) -> Vec<String> {
    theodoi_text::fold(v.as_str().unwrap_or(""))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Token F1 of two texts' folded words (0 when either is empty).
pub fn token_f1(a: &Value, b: &Value) -> f64 {
    let (a, mut b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (la, lb) = (a.len() as f64, b.len() as f64);
    let mut common = 0.0;
    for w in &a {
        if let Some(i) = b.iter().position(|x| x == w) {
            b.swap_remove(i);
            common += 1.0;
        }
    }
    if common == 0.0 {
        return 0.0;
    }
    let (p, r) = (common / la, common / lb);
    2.0 * p * r / (p + r)
}
