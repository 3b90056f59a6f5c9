use serde::{Deserialize, Serialize};

use crate::{Evidence, Extraction};

/// A document as the ledger holds it (văn bản trong sổ theo dõi): its latest extraction and header facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LedgerDocument {
    /// File name, the document id.
    pub file: String,
    /// Version number, 1 for the first import.
    pub version: u32,
    /// SHA-256 of the imported bytes, hex.
    pub sha256: String,
    /// Date of issue, ISO `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// Whether its text was restored from damaged OCR (khôi phục): findings on it are less certain.
    #[serde(default)]
    pub restored: bool,
    /// The items read from it.
    pub extraction: Extraction,
    /// The key the ledger groups its organisation by — `unit:CODE`, or the name as written, folded —
    /// with a clerk's decision on the name applied (`theodoi org map`); `None` where the ledger
    /// gives none: then it is read from the extraction's organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_key: Option<String>,
}

/// Which kind of item a progress update or link points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A target (chỉ tiêu).
    Target,
    /// A task (nhiệm vụ).
    Task,
}

/// A reference to one item of one document: `("004_….txt", Target, "T10")`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ItemRef {
    /// Document id (file name).
    pub doc: String,
    /// Target or task.
    pub kind: ItemKind,
    /// The item's id within its extraction ("T10", "K3").
    pub id: String,
}

/// A progress update (cập nhật tiến độ): a value or a completion for a target or task at a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressUpdate {
    /// The item measured.
    pub item: ItemRef,
    /// Value reached, in the target's unit.
    pub value: Option<f64>,
    /// Whether the task (or a qualitative target) is done.
    pub done: bool,
    /// Date the value holds at, ISO `YYYY-MM-DD`.
    pub date: String,
    /// Free note.
    pub note: Option<String>,
    /// Who entered it; `None` when it came from a document.
    pub user: Option<String>,
    /// The document span it came from, when read from a later document.
    pub evidence: Option<Evidence>,
}

/// Status of a target against its deadline (tình trạng chỉ tiêu).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// Đạt — the last value meets the target.
    Achieved,
    /// Đúng tiến độ — at or ahead of the trajectory to the deadline.
    OnTrack,
    /// Có nguy cơ — slightly behind the trajectory.
    AtRisk,
    /// Chậm tiến độ — well behind the trajectory.
    OffTrack,
    /// Quá hạn — deadline passed without meeting the target.
    Overdue,
    /// Chưa có số liệu — no progress recorded yet.
    NoData,
}

/// Status of a task (tình trạng nhiệm vụ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Đang thực hiện.
    Open,
    /// Hoàn thành.
    Done,
    /// Quá hạn — deadline passed, no completion recorded.
    Overdue,
}

/// How two items of different documents relate (liên kết).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkRelation {
    /// The `from` item implements the `to` item (action program → resolution).
    Implements,
    /// The `from` item reports a result on the `to` target (year-end report → congress target).
    ReportsOn,
    /// Both state the same target.
    SameAs,
}

/// Whether a link has been reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    /// Proposed by matching, not reviewed.
    Proposed,
    /// Confirmed by a user.
    Confirmed,
    /// Rejected by a user.
    Rejected,
}

/// A relation between items of two documents, proposed with a confidence and confirmed or rejected by a user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The later or lower-level item.
    pub from: ItemRef,
    /// The item it relates to.
    pub to: ItemRef,
    /// How.
    pub relation: LinkRelation,
    /// Match confidence 0–1.
    pub confidence: f64,
    /// Review state.
    pub state: LinkState,
}
