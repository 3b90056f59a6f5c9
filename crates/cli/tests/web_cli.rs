//! `theodoi search`, `theodoi user add` and `theodoi serve` through the binary, on the project's
//! examples (no ../shared needed).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_theodoi");

fn examples(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name).display().to_string()
}

fn theodoi(args: &[&str], db: &str, stdin: Option<&str>) -> (bool, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run theodoi");
    if let Some(s) = stdin {
        child.stdin.take().expect("stdin").write_all(s.as_bytes()).expect("write");
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("wait");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn search_finds_lines_without_diacritics_and_follows_the_ledger() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("l.db").display().to_string();
    let (ok, _, err) = theodoi(&["add", &examples("nghi-quyet-dai-hoi.txt")], &db, None);
    assert!(ok, "{err}");
    let (ok, out, err) = theodoi(&["search", "cu the hoa nghi quyet"], &db, None);
    assert!(ok, "{err}");
    assert!(out.contains("không tìm thấy"), "the action programme is not added yet: {out}");
    let (ok, _, err) = theodoi(&["add", &examples("chuong-trinh-hanh-dong.txt")], &db, None);
    assert!(ok, "{err}");
    // The index takes the new document by itself.
    let (ok, out, err) = theodoi(&["search", "cu the hoa nghi quyet"], &db, None);
    assert!(ok, "{err}");
    assert!(out.lines().next().is_some_and(|l| l.starts_with("chuong-trinh-hanh-dong.txt:17  ")), "{out}");
    // A code is found by its words, in both documents.
    let (ok, out, _) = theodoi(&["search", "nghi quyet 01"], &db, None);
    assert!(
        ok && out.contains("chuong-trinh-hanh-dong.txt:12  ") && out.contains("nghi-quyet-dai-hoi.txt:4  "),
        "{out}"
    );
    let (ok, out, _) = theodoi(&["search", "dang bo phuong", "--json"], &db, None);
    assert!(ok);
    let hits: serde_json::Value = serde_json::from_str(&out).expect("json");
    let first = &hits[0];
    assert!(
        first["line"].as_u64().is_some()
            && first["snippet"].as_array().is_some_and(|s| s.iter().any(|f| f["mark"] == true))
    );
    let (ok, _, err) = theodoi(&["search", "--reindex"], &db, None);
    assert!(ok && err.contains("đã dựng lại chỉ mục"), "{err}");
    assert!(Path::new(&format!("{db}.search")).is_dir());
}

#[test]
fn users_are_added_with_a_password_from_stdin_and_serve_prints_the_first_admin_once() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("l.db").display().to_string();
    let (ok, _, err) = theodoi(&["add", &examples("chuong-trinh-hanh-dong.txt")], &db, None);
    assert!(ok, "{err}");
    let (ok, _, err) =
        theodoi(&["user", "add", "an", "--role", "editor", "--password-stdin"], &db, Some("mật khẩu dài\n"));
    assert!(!ok && err.contains("--org"), "a ward role needs its ward: {err}");
    let (ok, _, err) = theodoi(&["user", "add", "an", "--role", "editor", "--password-stdin"], &db, Some("ngắn\n"));
    assert!(!ok && err.contains("ít nhất 8"), "{err}");
    let (ok, out, err) = theodoi(
        &["user", "add", "an", "--role", "editor", "--org", "Phường Đông Sơn Hà", "--password-stdin"],
        &db,
        Some("mật khẩu dài\n"),
    );
    assert!(ok, "{err}");
    assert!(out.contains("đã thêm người dùng an"), "{out}");
    let (ok, out, _) = theodoi(&["user", "list"], &db, None);
    assert!(ok && out.contains("an\teditor\tPhường Đông Sơn Hà"), "{out}");

    // A fresh ledger: serve creates `admin`, prints its password once, and that password logs in.
    let db2 = tmp.path().join("m.db").display().to_string();
    let (ok, _, err) = theodoi(&["add", &examples("chuong-trinh-hanh-dong.txt")], &db2, None);
    assert!(ok, "{err}");
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db", &db2])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("a line").expect("utf-8");
    let second = lines.next().expect("a line").expect("utf-8");
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.contains("tên `admin`, mật khẩu `"), "{first}");
    assert!(second.contains("http://127.0.0.1:"), "{second}");
    let password = first.split("mật khẩu `").nth(1).and_then(|r| r.split('`').next()).expect("password");
    assert!(password.len() >= 12);
    let (ok, out, _) = theodoi(&["user", "list"], &db2, None);
    assert!(ok && out.starts_with("admin\tadmin"), "{out}");
    // Started again, it creates nobody and prints no password.
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db", &db2])
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("a line").expect("utf-8");
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.contains("đang chạy tại http://127.0.0.1:") && !first.contains("mật khẩu"), "{first}");
}
