//! Shared helpers: fresh ledgers on SQLite (temp file) and PostgreSQL (a fresh database per test),
//! and realistic hand-built extractions.
#![allow(dead_code)]

use theodoi_core::*;
use theodoi_store::{Import, Store};

/// The PostgreSQL server for tests: `THEODOI_TEST_PG` (set by CI). Unset → the PG tests print a
/// notice and return; set but unreachable → they fail.
pub fn pg_url() -> Option<String> {
    match std::env::var("THEODOI_TEST_PG") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ => {
            eprintln!("THEODOI_TEST_PG not set: PostgreSQL test skipped on this machine (CI sets it)");
            None
        }
    }
}

/// A fresh ledger. `pg` selects PostgreSQL (a new database on the test server).
pub async fn fresh(pg: bool, dir: &tempfile::TempDir) -> Option<Store> {
    if !pg {
        let path = dir.path().join("ledger.db");
        return Some(
            Store::open_with(path.to_str().expect("temp path is UTF-8"), 4).await.expect("open sqlite ledger"),
        );
    }
    let base = pg_url()?;
    let name = format!("theodoi_t_{}_{}", std::process::id(), unique());
    let url = theodoi_store::create_postgres_database(&base, &name)
        .await
        .expect("THEODOI_TEST_PG is set but the server is unreachable or refuses CREATE DATABASE");
    Some(Store::open_with(&url, 4).await.expect("open postgres ledger"))
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let t =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    (t % 1_000_000_000) * 1000 + N.fetch_add(1, Ordering::SeqCst)
}

pub fn ev(doc: &str, a: u32, b: u32, text: &str) -> Evidence {
    Evidence { doc: doc.into(), span: LineSpan::new(a, b), text: text.into() }
}

/// A conflict finding between the documents `docs` (evidence on line 2 of each).
pub fn conflict(docs: &[&str], severity: Severity) -> Finding {
    Finding {
        kind: "fact_conflict".into(),
        severity,
        message_vi: format!("khác nhau {docs:?}"),
        message_en: "differ".into(),
        evidence: docs.iter().map(|d| ev(d, 2, 2, "x")).collect(),
    }
}

/// A proposed link from target T10 of `from` to target T10 of `to`.
pub fn proposed_link(from: &str, to: &str, relation: LinkRelation) -> Link {
    Link {
        from: ItemRef { doc: from.into(), kind: ItemKind::Target, id: "T10".into() },
        to: ItemRef { doc: to.into(), kind: ItemKind::Target, id: "T10".into() },
        relation,
        confidence: 0.9,
        state: LinkState::Proposed,
    }
}

pub fn target(doc: &str, id: &str, name: &str, cmp: Comparator, value: Option<f64>, unit: &str, line: u32) -> Target {
    Target {
        id: id.into(),
        kind: TargetKind::Target,
        name: name.into(),
        section: Some("II. > 2.1. Nhiệm vụ".into()),
        category: Some("economy".into()),
        comparator: cmp,
        value,
        unit: Some(unit.into()),
        frequency: Some(Frequency::Annual),
        term: Some("2025-2030".into()),
        evidence: vec![ev(doc, line, line, name)],
        ..Target::default()
    }
}

/// An action program in the manner of 004: budget target, poverty, online dossiers, one task.
pub fn action_program(doc: &str, budget_growth: f64) -> Extraction {
    let mut t10 = target(
        doc,
        "T10",
        "Thu ngân sách nhà nước trên địa bàn tăng bình quân hằng năm",
        Comparator::Gt,
        Some(budget_growth),
        "%/năm",
        318,
    );
    t10.target_text = Some(format!("trên {budget_growth}%/năm"));
    let mut t20 = target(doc, "T20", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", Comparator::Lt, Some(1.5), "%", 338);
    t20.frequency = Some(Frequency::ByDeadline);
    t20.deadline = Some("2030".into());
    t20.category = Some("culture_society".into());
    Extraction {
        doc: doc.into(),
        doc_type: DocType::ChuongTrinhHanhDong,
        org: Some("Phường Nam Đồng".into()),
        parent_org: Some("Thành phố Hải Phòng".into()),
        targets: vec![t10, t20],
        tasks: vec![Task {
            id: "K1".into(),
            what: "Xây dựng Kế hoạch thực hiện Nghị quyết".into(),
            section: None,
            lead: Some("Ban xây dựng Đảng".into()),
            partners: vec!["Văn phòng Đảng uỷ".into()],
            deadline: Some("2025-12-15".into()),
            deadline_text: Some("Hoàn thành trước ngày 15/12/2025".into()),
            product: Some("Kế hoạch của Ban Thường vụ".into()),
            evidence: vec![ev(doc, 141, 143, "Ban xây dựng Đảng chủ trì")],
        }],
        citations: vec![Citation {
            number: "57-NQ/TW".into(),
            kind: Some("Nghị quyết".into()),
            date: Some("2024-12-22".into()),
            issuer: Some("Bộ Chính trị".into()),
            evidence: vec![ev(doc, 210, 210, "Nghị quyết số 57-NQ/TW")],
        }],
        facts: vec![Fact {
            fact: "party_members".into(),
            value: 1250.0,
            as_of: None,
            unit_org: None,
            evidence: ev(doc, 20, 20, "1.250 đảng viên"),
        }],
        declared_counts: vec![DeclaredCount {
            what: "targets_2025_2030".into(),
            value: 2.0,
            of: None,
            evidence: ev(doc, 30, 30, "02 chỉ tiêu"),
        }],
        ..Default::default()
    }
}

pub fn import(doc: &str, sha: &str, x: Extraction) -> Import {
    Import {
        file: doc.into(),
        sha256: sha.into(),
        bytes: 1000,
        date: Some("2025-10-20".into()),
        number: None,
        title: None,
        extraction: x,
        restored: false,
        actor: "test".into(),
        text_sha256: None,
        sketch: Vec::new(),
        format: "text".into(),
    }
}

/// One test body run twice: on a fresh SQLite ledger and, when `THEODOI_TEST_PG` is set, on PostgreSQL.
#[allow(unused_macros)]
macro_rules! both {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let dir = tempfile::tempdir().expect("temp dir");
                let store = super::fresh(false, &dir).await.expect("sqlite");
                super::$body(store).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let dir = tempfile::tempdir().expect("temp dir");
                let Some(store) = super::fresh(true, &dir).await else {
                    return;
                };
                super::$body(store).await;
            }
        }
    };
}
