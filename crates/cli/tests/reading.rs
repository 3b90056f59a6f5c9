//! The reading commands on the project's examples: `list`, `show`, `status` and `check`, in both
//! languages. The snapshots (tests/snapshots/) pin what a clerk sees; they move when extraction
//! improves (other work is improving it now). Review a change with `cargo insta review`, or accept
//! all with `INSTA_UPDATE=always cargo test -p theodoi --test reading` and read the diff in git.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_theodoi");
/// Statuses as of a fixed day, tables at a fixed width: the snapshots do not depend on the clock or terminal.
const TODAY: &str = "15/07/2026";

fn examples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut v: Vec<String> = std::fs::read_dir(&dir)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| ["txt", "docx", "png"].iter().any(|e| x == *e)))
        .map(|p| p.display().to_string())
        .collect();
    v.sort();
    v
}

struct Ledger {
    _dir: tempfile::TempDir,
    db: String,
}

impl Ledger {
    fn new() -> Ledger {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("so.db").display().to_string();
        let l = Ledger { _dir: dir, db };
        let mut args = vec!["add".to_string(), "-q".into()];
        args.extend(examples());
        let (ok, out, err) = l.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(ok, "add: {out}{err}");
        assert!(out.is_empty(), "-q prints nothing but errors: {out}");
        l
    }

    /// Runs theodoi on this ledger with no locale from the machine; (ok, stdout, stderr).
    fn run(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new(BIN)
            .args(args)
            .args(["--db", &self.db])
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env("COLUMNS", "100")
            .output()
            .expect("run theodoi");
        let clean = |b: &[u8]| String::from_utf8_lossy(b).replace(&self.db, "[SỔ]");
        (out.status.success(), clean(&out.stdout), clean(&out.stderr))
    }

    fn ok(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.run(args);
        assert!(ok, "{args:?}: {err}");
        out
    }
}

#[test]
fn list_show_status_check_in_both_languages() {
    let l = Ledger::new();
    l.ok(&["check", "--today", TODAY]);
    for lang in ["vi", "en"] {
        let with = |a: &[&str]| -> Vec<String> {
            a.iter()
                .map(|s| s.to_string())
                .chain(["--lang".into(), lang.into(), "--today".into(), TODAY.into()])
                .collect()
        };
        let snap = |name: &str, args: &[&str]| {
            let args = with(args);
            let out = l.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
            insta::assert_snapshot!(format!("{name}_{lang}"), out, &args.join(" "));
        };
        snap("list_targets", &["list", "targets"]);
        snap("list_tasks", &["list", "tasks"]);
        snap("list_documents", &["list", "documents"]);
        snap("show_target", &["show", "ngan sach nha nuoc tren dia ban tang"]);
        snap("show_task", &["show", "chuong-trinh-hanh-dong:K1"]);
        snap("status", &["status"]);
        snap("check", &["check"]);
    }
}

#[test]
fn tables_fit_and_numbers_are_vietnamese() {
    let l = Ledger::new();
    l.ok(&["progress", "thu nhap binh quan", "--value", "80,5", "--date", "31/12/2025"]);
    let out = l.ok(&["list", "targets", "--today", TODAY]);
    assert!(out.lines().all(|x| crate_width(x) <= 100), "wider than COLUMNS=100:\n{out}");
    assert!(out.contains(" 80,5 ") && out.contains("MỤC TIÊU"), "{out}");
    assert!(!out.contains("targets") && !out.contains("TARGET"), "one language: {out}");
    let en = l.ok(&["list", "targets", "--lang", "en", "--today", TODAY]);
    assert!(en.contains(" 80.5 ") && en.contains("GOAL") && !en.contains("MỤC TIÊU"), "{en}");
}

fn crate_width(s: &str) -> usize {
    s.chars().count()
}

#[test]
fn json_has_the_documented_fields() {
    let l = Ledger::new();
    l.ok(&["progress", "thu nhap binh quan", "--value", "80,5", "--date", "31/12/2025"]);
    for what in ["targets", "tasks", "citations", "findings", "documents"] {
        let out = l.ok(&["list", what, "--json", "--today", TODAY]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{what}: {e}\n{out}"));
        let arr = v.as_array().unwrap_or_else(|| panic!("{what}: not an array"));
        for o in arr {
            for k in ["id", "name", "value", "unit", "deadline", "status", "latest_value", "document", "lines"] {
                assert!(o.get(k).is_some(), "{what}: `{k}` missing in {o}");
            }
        }
        if what == "targets" || what == "tasks" {
            assert!(!arr.is_empty(), "{what}: the examples have some");
        }
    }
    let out = l.ok(&["list", "targets", "--json", "--today", TODAY]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let income = v.as_array().into_iter().flatten().find(|o| o["latest_value"].as_f64() == Some(80.5));
    let income = income.unwrap_or_else(|| panic!("the recorded 80,5 is the latest value: {out}"));
    assert_eq!(income["value"].as_f64(), Some(95.0), "{income}");
    assert_eq!(income["unit"], "triệu đồng");
    assert_eq!(income["deadline"], "2030");
}

#[test]
fn filters_and_item_references() {
    let l = Ledger::new();
    let json = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut a = vec!["list"];
        a.extend_from_slice(args);
        a.extend(["--json", "--today", TODAY]);
        serde_json::from_str::<serde_json::Value>(&l.ok(&a)).expect("json").as_array().cloned().unwrap_or_default()
    };
    // (args, what every listed item must satisfy)
    type Check = fn(&serde_json::Value) -> bool;
    let cases: &[(&[&str], Check)] = &[
        (&["tasks", "--status", "qua han"], |o| o["status"] == "overdue"),
        (&["tasks", "--status", "overdue"], |o| o["status"] == "overdue"),
        (&["targets", "--category", "kinh tế"], |o| o["category"] == "economy"),
        (&["tasks", "--due-within", "90d"], |o| {
            o["deadline"].as_str().is_some_and(|d| d >= "2026-07-15" && d <= "2026-10-13")
        }),
        // The ward's own documents and those of its units (the store matches the org or its parent).
        (&["targets", "--org", "Dong Son Ha"], |o| o["org"].is_string()),
    ];
    for (args, ok) in cases {
        let got = json(args);
        assert!(!got.is_empty(), "{args:?}: the examples have some");
        for o in &got {
            assert!(ok(o), "{args:?}: {o}");
        }
    }
    assert!(json(&["targets", "--org", "Phường Không Có"]).is_empty());
    // By a unique part of the name, without diacritics; an ambiguous part lists the candidates.
    let out = l.ok(&["show", "NGÂN SÁCH nha nuoc tren dia ban tang", "--today", TODAY]);
    assert!(out.contains("Tổng thu ngân sách nhà nước") && out.contains("│"), "{out}");
    let (ok, _, err) = l.run(&["show", "ty le"]);
    assert!(!ok && err.contains("khớp") && err.matches("\n  CT").count() >= 2, "candidates listed: {err}");
    let (ok, _, err) = l.run(&["show", "khong co muc nay"]);
    assert!(!ok && err.contains("không có chỉ tiêu hay nhiệm vụ"), "{err}");
    let (ok, _, err) = l.run(&["list", "tasks", "--due-within", "soon"]);
    assert!(!ok && err.contains("30d"), "{err}");
}

#[test]
fn ledger_location_default_env_flag() {
    let home = tempfile::tempdir().expect("temp home");
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/nghi-quyet-dai-hoi.txt");
    let doc = doc.display().to_string();
    let run = |args: &[&str], env: &[(&str, String)]| {
        let mut c = Command::new(BIN);
        c.args(args).current_dir(home.path()).env("HOME", home.path()).env_remove("XDG_DATA_HOME");
        c.env_remove("THEODOI_DB").env_remove("LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES");
        for (k, v) in env {
            c.env(k, v);
        }
        let o = c.output().expect("run theodoi");
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let default = home.path().join(".local/share/theodoi/theodoi.db");
    // Reading commands never create a ledger.
    let (ok, _, err) = run(&["list", "documents"], &[]);
    assert!(!ok && err.contains("không có sổ theo dõi"), "{err}");
    // The first add creates the per-user ledger and says where, once.
    let (ok, _, err) = run(&["add", &doc], &[]);
    assert!(ok && default.exists(), "{err}");
    assert!(err.contains(&default.display().to_string()), "first use names the ledger: {err}");
    let (ok, _, err) = run(&["add", &doc], &[]);
    assert!(ok && !err.contains("đã tạo"), "only on first use: {err}");
    assert!(!home.path().join("theodoi.db").exists(), "nothing in the working directory");
    // THEODOI_DB, then --db over it.
    let other = home.path().join("khac.db").display().to_string();
    let (ok, _, err) = run(&["add", "-q", &doc], &[("THEODOI_DB", other.clone())]);
    assert!(ok && Path::new(&other).exists() && err.is_empty(), "-q and THEODOI_DB: {err}");
    let third = home.path().join("ba.db").display().to_string();
    let (ok, _, _) = run(&["add", "-q", &doc, "--db", &third], &[("THEODOI_DB", other)]);
    assert!(ok && Path::new(&third).exists(), "--db wins");
}

#[test]
fn a_reading_feeds_the_progress_of_its_target() {
    // the six-month report reads "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 93,5%" (no plan: a
    // reading, not a result); the congress resolution's 2030 goal of the same indicator takes it
    // as its latest value and has a status again
    let l = Ledger::new();
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&l.ok(&["list", "targets", "--json", "--today", TODAY])).expect("json");
    let bhyt = |kind: &str| {
        all.iter()
            .find(|o| o["kind"] == kind && o["name"].as_str().is_some_and(|n| n.contains("bảo hiểm y tế")))
            .cloned()
            .unwrap_or_else(|| panic!("a {kind} on health insurance in {all:?}"))
    };
    let reading = bhyt("reading");
    assert_eq!(reading["latest_value"], 93.5, "{reading}");
    assert_eq!(reading["status"], "reading", "{reading}");
    let target = bhyt("target");
    assert_eq!(target["value"], 97.0, "{target}");
    assert_eq!(target["latest_value"], 93.5, "{target}");
    assert_ne!(target["status"], "no_data", "{target}");
    let shown = l.ok(&["show", target["id"].as_str().expect("id"), "--today", TODAY]);
    assert!(shown.contains("93,5"), "{shown}");
}

/// The expected result of a task (kết quả/sản phẩm, the fifth "rõ") in `list tasks`, `show` and
/// their JSON: the example programme's plan to be submitted ("Xây dựng kế hoạch thu ngân sách …
/// trình Hội đồng nhân dân phường") has one, the conference has none.
#[test]
fn a_task_shows_its_expected_result() {
    let l = Ledger::new();
    let product = "kế hoạch thu ngân sách nhà nước năm 2026";
    let list = l.ok(&["list", "tasks", "--today", TODAY]);
    let words = list.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(&format!("→ sản phẩm: {product}")), "{list}");
    let show = l.ok(&["show", "chuong-trinh-hanh-dong:K3", "--today", TODAY]);
    assert!(show.contains("Kết quả/sản phẩm:") && show.contains(product), "{show}");
    let en = l.ok(&["show", "chuong-trinh-hanh-dong:K3", "--lang", "en", "--today", TODAY]);
    assert!(en.contains("Expected result:") && !en.contains("Kết quả/sản phẩm"), "{en}");
    let js: serde_json::Value =
        serde_json::from_str(&l.ok(&["show", "chuong-trinh-hanh-dong:K3", "--json", "--today", TODAY])).expect("json");
    assert_eq!(js["product"], product, "{js}");
    let all: serde_json::Value =
        serde_json::from_str(&l.ok(&["list", "tasks", "--json", "--today", TODAY])).expect("json");
    let first = all
        .as_array()
        .and_then(|a| a.iter().find(|k| k["document"] == "chuong-trinh-hanh-dong.txt" && k["position"] == "K1"))
        .cloned();
    assert_eq!(first.map(|k| k["product"].clone()), Some(serde_json::Value::Null), "{all}");
}
