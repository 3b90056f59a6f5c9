use serde::{Deserialize, Serialize};

use crate::{DocType, Evidence, Part, Severity};

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Document id.
    pub doc: String,
    /// Kind of the document.
    pub doc_type: DocType,
    /// Documents held in the file.
    pub parts: Vec<Part>,
    /// Issuing organisation ("Phường Nam Đồng").
    pub org: Option<String>,
    /// Its parent ("Thành phố Hải Phòng").
    pub parent_org: Option<String>,
    /// Targets and results.
    pub targets: Vec<Target>,
    /// Tasks.
    pub tasks: Vec<Task>,
    /// Cited documents.
    pub citations: Vec<Citation>,
    /// Organisation facts.
    pub facts: Vec<Fact>,
    /// Declared counts.
    pub declared_counts: Vec<DeclaredCount>,
}

/// Whether a [`Target`] sets a goal, reports a result against one, or reads an indicator's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// Chỉ tiêu — a goal for a period.
    #[default]
    Target,
    /// Kết quả — a reported figure against a goal.
    Result,
    /// Số liệu thực hiện — a reported value of an indicator with no plan beside it ("Tỷ lệ
    /// người dân tham gia bảo hiểm y tế đạt 93,5%"): no result (a result has a plan), but an
    /// observation of the target of the same indicator, whose progress it feeds.
    Reading,
}

/// How a target's value is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// "trên", ">".
    Gt,
    /// "từ … trở lên", "ít nhất", "tối thiểu".
    Ge,
    /// "đạt", "còn", plain figure.
    Eq,
    /// "không quá", "tối đa".
    Le,
    /// "dưới".
    Lt,
    /// "3 - 5 (%)".
    Range,
    /// A listed chỉ tiêu with no figure.
    Qualitative,
}

/// How often a target applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// "hằng năm", "/năm", "bình quân … /năm".
    Annual,
    /// "đến năm 2030".
    ByDeadline,
    /// A total over the term ("trong nhiệm kỳ").
    TermTotal,
}

/// The verdict a document gives a result (đánh giá).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// Đạt — met.
    #[serde(rename = "đạt")]
    Met,
    /// Vượt — exceeded.
    #[serde(rename = "vượt")]
    Exceeded,
    /// Không đạt — not met.
    #[serde(rename = "không đạt")]
    NotMet,
    /// Chưa đạt — not yet met.
    #[serde(rename = "chưa đạt")]
    NotYetMet,
}

/// A target (chỉ tiêu) or a result (kết quả) against one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Id unique within the extraction ("T1").
    pub id: String,
    /// Goal or result.
    pub kind: TargetKind,
    /// What is measured, as written.
    pub name: String,
    /// Heading path, e.g. "PHỤ LỤC 02 > I Các chỉ tiêu về công tác xây dựng Đảng".
    pub section: Option<String>,
    /// party | economy | urban | culture_society | admin_reform | defense_security | other.
    pub category: Option<String>,
    /// The unit the figure belongs to, when not the document's own org ("Đảng bộ xã Quang Trung").
    pub unit_org: Option<String>,
    /// Comparator.
    pub comparator: Comparator,
    /// Target value (lower bound for ranges).
    pub value: Option<f64>,
    /// Upper bound of a range.
    pub value_max: Option<f64>,
    /// Unit ("%", "%/năm", "tỷ đồng" …).
    pub unit: Option<String>,
    /// Frequency.
    pub frequency: Option<Frequency>,
    /// Deadline: "2030", "2025-12", "2025-12-15".
    pub deadline: Option<String>,
    /// Term: "2025-2030", "2020-2025", "2026".
    pub term: Option<String>,
    /// The target figure as written ("trên 3%").
    pub target_text: Option<String>,
    /// Achieved value, for results.
    pub achieved: Option<f64>,
    /// Achieved as written.
    pub achieved_text: Option<String>,
    /// Verdict given by the document.
    pub verdict: Option<Verdict>,
    /// Where it was read; several when stated in body and appendix.
    pub evidence: Vec<Evidence>,
}

impl Default for Target {
    /// A qualitative target with nothing filled in: the base that readers fill field by field.
    fn default() -> Self {
        Target {
            id: String::new(),
            kind: TargetKind::Target,
            name: String::new(),
            section: None,
            category: None,
            unit_org: None,
            comparator: Comparator::Qualitative,
            value: None,
            value_max: None,
            unit: None,
            frequency: None,
            deadline: None,
            term: None,
            target_text: None,
            achieved: None,
            achieved_text: None,
            verdict: None,
            evidence: Vec::new(),
        }
    }
}

/// A task (nhiệm vụ) assigned by the "5 rõ" rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Id unique within the extraction ("K1").
    pub id: String,
    /// What must be done or produced.
    pub what: String,
    /// Heading path.
    pub section: Option<String>,
    /// Lead unit (chủ trì).
    pub lead: Option<String>,
    /// Partners (phối hợp).
    pub partners: Vec<String>,
    /// Deadline, ISO ("2025-12-15", "2025-11", "2026-03" for Quý I/2026).
    pub deadline: Option<String>,
    /// Deadline as written ("Hoàn thành trước ngày 15/12/2025").
    pub deadline_text: Option<String>,
    /// The result or product expected (sản phẩm / kết quả cần đạt — the fifth "rõ"), as written:
    /// "Báo cáo sơ kết", "Kế hoạch của Ban Thường vụ", "01 cuộc tọa đàm, 80 người tham dự".
    /// Absent in extractions stored before it was read, hence `serde(default)`.
    #[serde(default)]
    pub product: Option<String>,
    /// Where it was read.
    pub evidence: Vec<Evidence>,
}

/// A cited numbered document (văn bản được viện dẫn).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// Normalised number: "57-NQ/TW", "36-KH/ĐU", "178/2024/NĐ-CP".
    pub number: String,
    /// Kind: "Nghị quyết", "Kế hoạch" …
    pub kind: Option<String>,
    /// Date, ISO.
    pub date: Option<String>,
    /// Issuer: "Bộ Chính trị", "Thành ủy" …
    pub issuer: Option<String>,
    /// Every occurrence, first one first.
    pub evidence: Vec<Evidence>,
}

/// An organisation fact (diện tích, dân số, số đảng viên …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Key: area_km2, population, party_members, delegates … (see gold/SCHEMA.md).
    pub fact: String,
    /// Value.
    pub value: f64,
    /// As of, "YYYY-MM" or "YYYY-MM-DD".
    pub as_of: Option<String>,
    /// The unit the fact is about, when not the document's org.
    pub unit_org: Option<String>,
    /// Where it was read.
    pub evidence: Evidence,
}

/// A count the document declares about itself ("27 chỉ tiêu, trong đó … 5 chỉ tiêu", "21/23").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclaredCount {
    /// What is counted: targets_2025_2030, results_met_2020_2025 …
    pub what: String,
    /// The count.
    pub value: f64,
    /// The total it is out of ("21/23" → 23).
    pub of: Option<f64>,
    /// Where it was read.
    pub evidence: Evidence,
}

/// The result of a check (phát hiện).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Check that produced it, e.g. "declared_count_mismatch".
    pub kind: String,
    /// How serious.
    pub severity: Severity,
    /// Explanation in Vietnamese.
    pub message_vi: String,
    /// Explanation in English.
    pub message_en: String,
    /// The spans involved.
    pub evidence: Vec<Evidence>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A task as ledgers stored it before the product was read: it still loads, with no product.
    #[test]
    fn a_task_stored_without_a_product_loads() {
        let old = r#"{"id":"K1","what":"Xây dựng kế hoạch","section":null,"lead":"Văn phòng Đảng ủy",
            "partners":["Các chi bộ"],"deadline":"2026-03","deadline_text":"Quý I/2026",
            "evidence":[{"doc":"a.txt","span":{"start":3,"end":4},"text":"Xây dựng kế hoạch"}]}"#;
        let k: Task = serde_json::from_str(old).expect("an old task loads");
        assert_eq!(k.product, None);
        assert_eq!(k.lead.as_deref(), Some("Văn phòng Đảng ủy"));
        let x: Extraction = serde_json::from_str(&format!(
            r#"{{"doc":"a.txt","doc_type":"ke_hoach","parts":[],"org":null,"parent_org":null,"targets":[],
                "tasks":[{old}],"citations":[],"facts":[],"declared_counts":[]}}"#
        ))
        .expect("an old extraction loads");
        assert_eq!(x.tasks.len(), 1);
        // and a product written now reads back
        let mut k = k;
        k.product = Some("Báo cáo sơ kết".into());
        let back: Task = serde_json::from_str(&serde_json::to_string(&k).expect("json")).expect("reads back");
        assert_eq!(back.product.as_deref(), Some("Báo cáo sơ kết"));
    }
}
