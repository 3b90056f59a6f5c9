//! Messages to users: Vietnamese first, English on request, one language at a time.
//!
//! The language is chosen once, before the flags are parsed (so `--help` is in it too):
//! `--lang vi|en` on the command line, else an English `LC_ALL` / `LC_MESSAGES` / `LANG`
//! (`en_US.UTF-8`, `en`), else Vietnamese — the users are Vietnamese offices.
//!
//! Every message is written in both languages where it is used:
//!
//! ```ignore
//! use crate::msg;
//! let n = 3;
//! println!("{}", msg!(vi: "Đã thêm {n} văn bản", en: "added {}", msg::count(n, "document", "documents")));
//! let help: &'static str = msg::tr("Chỉ in lỗi.", "Print only errors.");
//! ```
//!
//! Vietnamese nouns do not inflect ("1 văn bản", "3 văn bản"); English ones go through [`count`].

use std::sync::atomic::{AtomicU8, Ordering};

/// The language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Tiếng Việt (the default).
    Vi,
    /// English.
    En,
}

static LANG: AtomicU8 = AtomicU8::new(0);
static QUIET: AtomicU8 = AtomicU8::new(0);

/// The language in force.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Vi,
    }
}

/// Set the language (done once in `main`, and by tests).
pub fn set_lang(l: Lang) {
    LANG.store(if l == Lang::En { 1 } else { 0 }, Ordering::Relaxed);
}

/// `-q`: print nothing but errors.
pub fn set_quiet(q: bool) {
    QUIET.store(q as u8, Ordering::Relaxed);
}

/// Whether `-q` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed) == 1
}

/// One of the two texts, in the language in force. For `&'static str` uses (clap help, labels).
pub fn tr(vi: &'static str, en: &'static str) -> &'static str {
    pick(lang(), vi, en)
}

/// One of the two texts, in the language `l`.
pub fn pick(l: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match l {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A message in the language in force: `msg!(vi: "… {x} …", en: "… {x} …")`, arguments as in `format!`
/// (shared trailing arguments after the two texts go to both).
#[macro_export]
macro_rules! msg {
    (vi: $vi:literal, en: $en:literal $(,)?) => {
        match $crate::msg::lang() {
            $crate::msg::Lang::Vi => format!($vi),
            $crate::msg::Lang::En => format!($en),
        }
    };
    (vi: $vi:literal, en: $en:literal, $($arg:tt)+) => {
        match $crate::msg::lang() {
            $crate::msg::Lang::Vi => format!($vi, $($arg)+),
            $crate::msg::Lang::En => format!($en, $($arg)+),
        }
    };
}

/// `n` with its noun for English ("1 document", "3 documents"); Vietnamese takes the noun as is.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `n` and a noun in the language in force: `counted(n, "văn bản", "document", "documents")`.
pub fn counted(n: usize, vi: &str, en_one: &str, en_many: &str) -> String {
    match lang() {
        Lang::Vi => format!("{} {vi}", num(n as f64)),
        Lang::En => count(n, en_one, en_many),
    }
}

/// The language the process asks for: `--lang X` / `--lang=X` among `args`, else the locale variables.
pub fn detect(args: &[std::ffi::OsString], env: impl Fn(&str) -> Option<String>) -> Lang {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let v = if a == "--lang" { it.next() } else { a.strip_prefix("--lang=") };
        if let Some(v) = v {
            return parse_lang(v).unwrap_or(Lang::Vi);
        }
    }
    // POSIX order: LC_ALL overrides LC_MESSAGES overrides LANG; the first one set decides.
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env(var).filter(|v| !v.trim().is_empty()) {
            return if v.to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Vi };
        }
    }
    Lang::Vi
}

/// `vi`, `en`, `en_US.UTF-8`, `tieng-viet`… → a language.
pub fn parse_lang(s: &str) -> Option<Lang> {
    let s = s.trim().to_ascii_lowercase();
    if s.starts_with("en") {
        Some(Lang::En)
    } else if s.starts_with("vi") {
        Some(Lang::Vi)
    } else {
        None
    }
}

/// A number as the language writes it: Vietnamese "13,7" and "1.100"; English "13.7" and "1,100".
/// At most two decimals, trailing zeros dropped.
pub fn num(v: f64) -> String {
    let (dec, group) = match lang() {
        Lang::Vi => (',', '.'),
        Lang::En => ('.', ','),
    };
    theodoi_text::format_number(v, dec, group)
}

/// An ISO date (`2026-06-30`, or `2026-06`, `2026`) as dd/mm/yyyy (`30/06/2026`, `06/2026`, `2026`);
/// anything else is returned as it is.
pub fn date(iso: &str) -> String {
    theodoi_text::vi_date(iso)
}

/// The words for a target's status.
pub fn target_status(s: theodoi_core::TargetStatus) -> &'static str {
    target_status_in(lang(), s)
}

/// The words for a target's status in the language `l`.
pub fn target_status_in(l: Lang, s: theodoi_core::TargetStatus) -> &'static str {
    use theodoi_core::TargetStatus as S;
    match s {
        S::Achieved => pick(l, "đạt", "achieved"),
        S::OnTrack => pick(l, "đúng tiến độ", "on track"),
        S::AtRisk => pick(l, "có nguy cơ", "at risk"),
        S::OffTrack => pick(l, "chậm", "off track"),
        S::Overdue => pick(l, "quá hạn", "overdue"),
        S::NoData => pick(l, "chưa có số liệu", "no data"),
    }
}

/// The words for a task's status.
#[allow(dead_code)] // the other commands' labels: kept beside target_status
pub fn task_status(s: theodoi_core::TaskStatus) -> &'static str {
    task_status_in(lang(), s)
}

/// The words for a task's status in the language `l`.
pub fn task_status_in(l: Lang, s: theodoi_core::TaskStatus) -> &'static str {
    use theodoi_core::TaskStatus as S;
    match s {
        S::Open => pick(l, "đang thực hiện", "open"),
        S::Done => pick(l, "hoàn thành", "done"),
        S::Overdue => pick(l, "quá hạn", "overdue"),
    }
}

/// The words for a finding's severity.
pub fn severity(s: theodoi_core::Severity) -> &'static str {
    use theodoi_core::Severity as S;
    match s {
        S::Error => tr("LỖI", "ERROR"),
        S::Warning => tr("CẢNH BÁO", "WARNING"),
        S::Info => tr("THÔNG TIN", "INFO"),
    }
}

/// A finding's message in the language in force.
pub fn finding(f: &theodoi_core::Finding) -> &str {
    match lang() {
        Lang::Vi => &f.message_vi,
        Lang::En => &f.message_en,
    }
}

/// clap's own texts (usage, errors) in Vietnamese: clap has no catalogue, so its few fixed phrases
/// are replaced in the rendered text. Longest phrases first.
pub fn clap_vi(s: &str) -> String {
    const PHRASES: &[(&str, &str)] = &[
        ("For more information, try '--help'.", "Xem thêm: '--help'."),
        ("the following required arguments were not provided:", "thiếu các tham số bắt buộc sau:"),
        ("unexpected argument", "tham số không hợp lệ"),
        ("unrecognized subcommand", "không có lệnh"),
        ("invalid value", "giá trị không hợp lệ"),
        ("for '", "cho '"),
        ("a value is required for", "cần một giá trị cho"),
        ("but none was supplied", "nhưng chưa có"),
        ("cannot be used with", "không dùng cùng với"),
        ("the argument", "tham số"),
        ("found", ""),
        ("to pass", "để truyền"),
        ("as a value, use", "như một giá trị, dùng"),
        ("a similar argument exists:", "có tham số gần giống:"),
        ("a similar subcommand exists:", "có lệnh gần giống:"),
        ("some similar subcommands exist:", "có các lệnh gần giống:"),
        ("invalid digit found in string", "có ký tự không phải chữ số"),
        ("Usage:", "Cách dùng:"),
        ("Options:", "Tùy chọn:"),
        ("Arguments:", "Tham số:"),
        ("Commands:", "Lệnh:"),
        ("[default: ", "[mặc định: "),
        ("[possible values: ", "[giá trị: "),
        ("possible values:", "các giá trị:"),
        ("[OPTIONS]", "[TÙY CHỌN]"),
        ("<COMMAND>", "<LỆNH>"),
        ("error:", "lỗi:"),
        ("tip:", "gợi ý:"),
    ];
    let mut out = s.to_string();
    for (en, vi) in PHRASES {
        out = out.replace(en, vi);
    }
    out.replace("  '", " '").replace("' \n", "'\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn language_from_flag_then_locale() {
        let a = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        let cases: &[(&[&str], &[(&str, &str)], Lang)] = &[
            (&["theodoi", "status"], &[], Lang::Vi),
            (&["theodoi", "status"], &[("LANG", "en_US.UTF-8")], Lang::En),
            (&["theodoi", "status"], &[("LANG", "vi_VN.UTF-8")], Lang::Vi),
            (&["theodoi", "status"], &[("LANG", "C.UTF-8")], Lang::Vi),
            (&["theodoi", "status"], &[("LC_ALL", "vi_VN"), ("LANG", "en_GB")], Lang::Vi),
            (&["theodoi", "status"], &[("LC_ALL", ""), ("LANG", "en_GB")], Lang::En),
            (&["theodoi", "--lang", "en", "status"], &[("LANG", "vi_VN")], Lang::En),
            (&["theodoi", "status", "--lang=vi"], &[("LANG", "en_US")], Lang::Vi),
            (&["theodoi", "--", "--lang", "en"], &[], Lang::Vi),
        ];
        for (args, vars, want) in cases {
            assert_eq!(detect(&a(args), env(vars)), *want, "{args:?} {vars:?}");
        }
    }

    #[test]
    fn numbers_and_dates_as_written() {
        set_lang(Lang::Vi);
        let cases = [(13.7, "13,7"), (1100.0, "1.100"), (51855.0, "51.855"), (0.5, "0,5"), (-2.25, "-2,25")];
        for (v, want) in cases {
            assert_eq!(num(v), want);
        }
        assert_eq!(num(1234567.0), "1.234.567");
        assert_eq!(date("2026-06-30"), "30/06/2026");
        assert_eq!(date("2030"), "2030");
        assert_eq!(date("2026-12"), "12/2026");
        assert_eq!(counted(1, "văn bản", "document", "documents"), "1 văn bản");
        assert_eq!(count(1, "document", "documents"), "1 document");
        assert_eq!(count(2, "change", "changes"), "2 changes");
        assert_eq!(msg!(vi: "có {} mục", en: "{} items", 3), "có 3 mục");
    }
}
