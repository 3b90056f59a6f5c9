//! What `list`, `show` and `status` read: the ledger's targets, results and tasks with their
//! status, latest progress and a reference a person can type.

use chrono::NaiveDate;
use theodoi_core::{ItemKind, LedgerDocument, ProgressUpdate, Target, TargetKind, TargetStatus, Task, TaskStatus};

use crate::msg::{self, pick, tr, Lang};
use theodoi_text::fold;

/// A target, a result or a task of the ledger.
pub struct Item<'a> {
    /// What a person types to name it: the ledger's stable id (`CT12`, `NV7`), or the file's stem
    /// and the item's position (`nghi-quyet:T3`) where the ledger has none.
    pub id: String,
    /// The document it is read from.
    pub doc: &'a LedgerDocument,
    /// The target or result, or the task.
    pub what: What<'a>,
    /// Recorded progress, oldest first.
    pub updates: Vec<&'a ProgressUpdate>,
}

/// The item itself.
pub enum What<'a> {
    /// A target or a result.
    Target(&'a Target),
    /// A task.
    Task(&'a Task),
}

/// Where an item stands, for display and for `--status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A target's status against its deadline.
    Target(TargetStatus),
    /// A result, with the document's verdict if it gives one.
    Result(Option<theodoi_core::Verdict>),
    /// A reading (số liệu thực hiện): a reported value with no plan.
    Reading,
    /// A task's status.
    Task(TaskStatus),
}

impl Status {
    /// In the language in force.
    pub fn label(self) -> &'static str {
        self.label_in(msg::lang())
    }

    /// Stable machine name (JSON, `--status` in any language).
    pub fn key(self) -> &'static str {
        use TargetStatus as S;
        match self {
            Status::Target(S::Achieved) => "achieved",
            Status::Target(S::OnTrack) => "on_track",
            Status::Target(S::AtRisk) => "at_risk",
            Status::Target(S::OffTrack) => "off_track",
            Status::Target(S::Overdue) | Status::Task(TaskStatus::Overdue) => "overdue",
            Status::Target(S::NoData) => "no_data",
            Status::Task(TaskStatus::Open) => "open",
            Status::Task(TaskStatus::Done) => "done",
            Status::Result(_) => "result",
            Status::Reading => "reading",
        }
    }

    /// Whether what the user typed after `--status` names this status ("qua han", "quá hạn", "overdue").
    pub fn matches(self, wanted: &str) -> bool {
        let w = fold(wanted).replace(['_', '-'], " ");
        let w = w.trim();
        let names = [self.key().replace('_', " "), fold(self.label_in(Lang::Vi)), fold(self.label_in(Lang::En))];
        names.iter().any(|n| n == w)
    }

    fn label_in(self, l: Lang) -> &'static str {
        match self {
            Status::Target(s) => msg::target_status_in(l, s),
            Status::Task(s) => msg::task_status_in(l, s),
            Status::Result(Some(v)) => verdict_in(l, v),
            Status::Result(None) => pick(l, "kết quả", "result"),
            Status::Reading => pick(l, "số liệu", "reading"),
        }
    }
}

/// A document's verdict on a result, in the language `l`.
pub fn verdict_in(l: Lang, v: theodoi_core::Verdict) -> &'static str {
    use theodoi_core::Verdict as V;
    match v {
        V::Met => pick(l, "đạt", "met"),
        V::Exceeded => pick(l, "vượt", "exceeded"),
        V::NotMet => pick(l, "không đạt", "not met"),
        V::NotYetMet => pick(l, "chưa đạt", "not yet met"),
    }
}

/// How a target's figure is compared, in words.
pub fn comparator(c: theodoi_core::Comparator) -> &'static str {
    use theodoi_core::Comparator as C;
    match c {
        C::Gt => tr("trên (>)", "above (>)"),
        C::Ge => tr("từ … trở lên (≥)", "at least (≥)"),
        C::Eq => tr("đạt (=)", "equal (=)"),
        C::Le => tr("không quá (≤)", "at most (≤)"),
        C::Lt => tr("dưới (<)", "below (<)"),
        C::Range => tr("trong khoảng", "within a range"),
        C::Qualitative => tr("định tính", "qualitative"),
    }
}

/// A category code of the extraction in words.
pub fn category(code: &str) -> &'static str {
    category_in(msg::lang(), code)
}

/// A category code in words, in the language `l`.
pub fn category_in(l: Lang, code: &str) -> &'static str {
    match code {
        "party" => pick(l, "xây dựng Đảng", "Party building"),
        "economy" => pick(l, "kinh tế", "economy"),
        "urban" => pick(l, "đô thị", "urban"),
        "culture_society" => pick(l, "văn hóa - xã hội", "culture and society"),
        "admin_reform" => pick(l, "cải cách hành chính", "administrative reform"),
        "defense_security" => pick(l, "quốc phòng - an ninh", "defence and security"),
        _ => pick(l, "khác", "other"),
    }
}

/// Whether `--category X` names `code` (the code, or its words in either language, diacritics optional).
pub fn category_matches(code: Option<&str>, wanted: &str) -> bool {
    let code = code.unwrap_or("other");
    let norm = |s: &str| fold(s).replace(['-', '_'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
    let w = norm(wanted);
    let w = w.as_str();
    if w == code || w == code.replace('_', " ") {
        return true;
    }
    [Lang::Vi, Lang::En].iter().any(|l| norm(category_in(*l, code)).contains(w))
}

/// The file name without its extension.
pub fn stem(file: &str) -> &str {
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

impl<'a> Item<'a> {
    /// Its position in the document ("T3", "K2").
    pub fn position(&self) -> &str {
        match self.what {
            What::Target(t) => &t.id,
            What::Task(k) => &k.id,
        }
    }

    /// Its name (a target's) or what must be done (a task's).
    pub fn name(&self) -> &str {
        match self.what {
            What::Target(t) => &t.name,
            What::Task(k) => &k.what,
        }
    }

    /// Deadline, ISO ("2030", "2025-12", "2025-12-15").
    pub fn deadline(&self) -> Option<&str> {
        match self.what {
            What::Target(t) => t.deadline.as_deref(),
            What::Task(k) => k.deadline.as_deref(),
        }
    }

    /// Deadline as a day (the last day of a year or month).
    pub fn deadline_date(&self) -> Option<NaiveDate> {
        self.deadline().and_then(theodoi_check::deadline_date)
    }

    /// The evidence: every place it is read.
    pub fn evidence(&self) -> &'a [theodoi_core::Evidence] {
        match self.what {
            What::Target(t) => &t.evidence,
            What::Task(k) => &k.evidence,
        }
    }

    /// Lines of the first evidence (first, last).
    pub fn lines(&self) -> Option<(u32, u32)> {
        self.evidence().first().map(|e| (e.span.start, e.span.end))
    }

    /// Status as of `today`.
    pub fn status(&self, today: NaiveDate) -> Status {
        match self.what {
            What::Target(t) if t.kind == TargetKind::Result => Status::Result(t.verdict),
            What::Target(t) if t.kind == TargetKind::Reading => Status::Reading,
            What::Target(t) => Status::Target(theodoi_check::target_status(t, &self.updates, today).status),
            What::Task(k) => Status::Task(theodoi_check::task_status(k.deadline.as_deref(), &self.updates, today)),
        }
    }

    /// The latest value recorded (a result's achieved value when nothing was recorded).
    pub fn latest_value(&self) -> Option<f64> {
        let recorded = self.updates.iter().rev().find_map(|u| u.value);
        match self.what {
            What::Target(t) => recorded.or(t.achieved),
            What::Task(_) => recorded,
        }
    }
}

/// The ledger's stable ids by (document, kind, position in the current version).
pub type Codes = std::collections::HashMap<(String, ItemKind, String), String>;

/// The stable ids the store gives the living items.
pub async fn codes(store: &theodoi_store::Store) -> anyhow::Result<Codes> {
    Ok(store.items(None).await?.into_iter().filter_map(|i| Some(((i.doc, i.kind, i.position?), i.code))).collect())
}

/// Every target, result and task of `docs` with its progress, in document order.
pub fn items<'a>(docs: &'a [LedgerDocument], progress: &'a [ProgressUpdate], codes: &Codes) -> Vec<Item<'a>> {
    let mut by_item: std::collections::HashMap<(&str, ItemKind, &str), Vec<&ProgressUpdate>> =
        std::collections::HashMap::new();
    for u in progress {
        by_item.entry((u.item.doc.as_str(), u.item.kind, u.item.id.as_str())).or_default().push(u);
    }
    for ups in by_item.values_mut() {
        ups.sort_by(|a, b| a.date.cmp(&b.date));
    }
    let mut out = Vec::new();
    for d in docs {
        let mk = |what: What<'a>, kind: ItemKind, pos: &str| Item {
            id: codes
                .get(&(d.file.clone(), kind, pos.to_string()))
                .cloned()
                .unwrap_or_else(|| format!("{}:{pos}", stem(&d.file))),
            doc: d,
            updates: by_item.get(&(d.file.as_str(), kind, pos)).cloned().unwrap_or_default(),
            what,
        };
        for t in &d.extraction.targets {
            out.push(mk(What::Target(t), ItemKind::Target, &t.id));
        }
        for k in &d.extraction.tasks {
            out.push(mk(What::Task(k), ItemKind::Task, &k.id));
        }
    }
    out
}

/// `30d`, `30`, `30 ngày`, `2w`, `2 tuần`, `3m`, `3 tháng` → days.
pub fn parse_days(s: &str) -> anyhow::Result<i64> {
    let f = theodoi_text::fold(s);
    let t = f.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let unit = t[digits.len()..].trim();
    let n: i64 = digits.parse().map_err(|_| bad_days(s))?;
    let per = match unit {
        "" | "d" | "day" | "days" | "ngay" => 1,
        "w" | "week" | "weeks" | "tuan" => 7,
        "m" | "month" | "months" | "thang" => 30,
        _ => return Err(bad_days(s)),
    };
    Ok(n * per)
}

fn bad_days(s: &str) -> anyhow::Error {
    anyhow::anyhow!(crate::msg!(
        vi: "`{s}`: cần một khoảng thời gian như 30d, 30 ngày, 2 tuần, 3 tháng",
        en: "`{s}`: expected a period such as 30d, 2w, 3m"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_typed() {
        let cases = [("30d", 30), ("30", 30), ("30 ngày", 30), ("2w", 14), ("2 tuần", 14), ("3m", 90), ("3 tháng", 90)];
        for (s, want) in cases {
            assert_eq!(parse_days(s).ok(), Some(want), "{s}");
        }
        assert!(parse_days("soon").is_err() && parse_days("30x").is_err());
    }

    #[test]
    fn status_and_category_in_either_language() {
        let s = Status::Task(TaskStatus::Overdue);
        for w in ["overdue", "quá hạn", "qua han", "QUÁ HẠN"] {
            assert!(s.matches(w), "{w}");
        }
        assert!(!s.matches("done"));
        assert!(Status::Target(TargetStatus::NoData).matches("chua co so lieu"));
        for w in ["economy", "kinh tế", "kinh te"] {
            assert!(category_matches(Some("economy"), w), "{w}");
        }
        assert!(category_matches(Some("culture_society"), "van hoa"));
        assert!(
            category_matches(Some("economy"), "kinh-te")
                && category_matches(Some("culture_society"), "culture-society")
        );
        assert!(!category_matches(Some("party"), "kinh te"));
    }
}
