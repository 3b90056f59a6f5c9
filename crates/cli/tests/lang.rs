//! One language at a time: Vietnamese by default, English with `--lang en` or an English locale,
//! for help, usage errors and input errors alike.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_theodoi");

/// Runs theodoi with only the locale variables given; returns (exit code, stdout + stderr).
fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut c = Command::new(BIN);
    c.args(args).env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("run theodoi");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

const SUBCOMMANDS: &[&str] = &["ingest", "restore", "extract", "add", "check", "status", "progress", "link"];

#[test]
fn help_is_in_one_language() {
    // (args, env, words that must appear, words that must not)
    let vi: &[&str] = &["Cách dùng:", "In trợ giúp."];
    let en: &[&str] = &["Usage:", "Print help."];
    let cases: &[(&[&str], &[(&str, &str)], &[&str], &[&str])] = &[
        (&["--help"], &[], vi, en),
        (&["--help"], &[("LANG", "vi_VN.UTF-8")], vi, en),
        (&["--help"], &[("LANG", "en_US.UTF-8")], en, vi),
        (&["--help"], &[("LC_ALL", "en_GB.UTF-8"), ("LANG", "vi_VN.UTF-8")], en, vi),
        (&["--lang", "en", "--help"], &[("LANG", "vi_VN.UTF-8")], en, vi),
        (&["--help", "--lang", "vi"], &[("LANG", "en_US.UTF-8")], vi, en),
    ];
    for (args, env, want, not) in cases {
        let (code, text) = run(args, env);
        assert_eq!(code, 0, "{args:?} {env:?}: {text}");
        for w in *want {
            assert!(text.contains(w), "{args:?} {env:?}: `{w}` missing:\n{text}");
        }
        for w in *not {
            assert!(!text.contains(w), "{args:?} {env:?}: `{w}` present:\n{text}");
        }
    }
    for sub in SUBCOMMANDS {
        let (code, text) = run(&[sub, "--help"], &[]);
        assert_eq!(code, 0, "{sub}: {text}");
        assert!(text.contains("Tùy chọn:") && !text.contains("Options:") && !text.contains("Print"), "{sub}:\n{text}");
        let (_, text) = run(&[sub, "--help"], &[("LANG", "en_US.UTF-8")]);
        assert!(text.contains("Options:") && !text.contains("Tùy chọn:"), "{sub}:\n{text}");
    }
}

#[test]
fn errors_are_in_one_language() {
    let cases: &[(&[&str], &[(&str, &str)], i32, &str, &str)] = &[
        (&["stat"], &[], 2, "không có lệnh 'stat'", "unrecognized"),
        (&["stat"], &[("LANG", "en_US.UTF-8")], 2, "unrecognized subcommand 'stat'", "không có lệnh"),
        (&["ingest", "/khong/co/tep.txt"], &[], 1, "không có tệp này", "no such file"),
        (&["--lang", "en", "ingest", "/khong/co/tep.txt"], &[], 1, "no such file", "không có tệp"),
    ];
    for (args, env, code, want, not) in cases {
        let (got, text) = run(args, env);
        assert_eq!(got, *code, "{args:?}: {text}");
        assert!(text.contains(want) && !text.contains(not), "{args:?} {env:?}:\n{text}");
    }
}

#[test]
fn oversized_file_names_the_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("lon.txt");
    std::fs::write(&f, "Nghị quyết phường Hòa Bình\n".repeat(60_000)).expect("write");
    let f = f.display().to_string();
    let (code, text) = run(&["ingest", "--max-mib", "1", &f], &[]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("--max-mib") && text.contains("giới hạn 1 MiB"), "{text}");
    let (code, text) = run(&["add", "--lang", "en", "--max-mib", "1", "--db", &format!("{f}.db"), &f], &[]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("--max-mib") && text.contains("1 MiB limit") && !text.contains("giới hạn"), "{text}");
}
