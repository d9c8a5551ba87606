//! 核查与整改 on the department's side: the office's findings it has received (read-only), and the
//! rectification tasks (整改任务) it keeps for each finding and for each item it marked 未落实 or
//! 部分落实 itself. The office's own verification of a received file is `crate::review`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::answer::Response;
use crate::review::AccountabilityRecord;

/// 核实 / 存疑 / 不属实: the office's verdict on one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 核实: the answer is as reported.
    Confirmed,
    /// 存疑: doubtful; material is needed.
    Doubtful,
    /// 不属实: not as reported.
    NotAsReported,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [
        Verdict::Confirmed,
        Verdict::Doubtful,
        Verdict::NotAsReported,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Doubtful => "doubtful",
            Verdict::NotAsReported => "not_as_reported",
        }
    }
}

/// How the office checked (plan 六: 听取汇报、查阅资料、实地检查、列席有关会议).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 听取汇报
    Report,
    /// 查阅资料
    Documents,
    /// 实地检查
    OnSite,
    /// 列席有关会议
    Meeting,
}

impl Method {
    pub const ALL: [Method; 4] = [
        Method::Report,
        Method::Documents,
        Method::OnSite,
        Method::Meeting,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Method::Report => "report",
            Method::Documents => "documents",
            Method::OnSite => "on_site",
            Method::Meeting => "meeting",
        }
    }
}

/// A finding the office sent: one item it did not confirm, with what it found. Kept as received;
/// the department answers it with a [`Task`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Made by the office (`record::new_id("f", …)`); importing the same findings twice changes
    /// nothing because they keep their ids.
    pub id: String,
    pub item_id: String,
    pub verdict: Verdict,
    /// The status the office finds (for 存疑 and 不属实).
    #[serde(default)]
    pub found: Option<Response>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub method: Option<Method>,
    /// When the office verified the item.
    #[serde(with = "crate::iso::time")]
    pub issued_at: DateTime<Utc>,
    /// The office closed the finding after seeing the rectification.
    #[serde(default)]
    pub closed: bool,
    /// Digest of the department's answer as the office verified it (`review::answer_digest`), so
    /// the department can tell a finding about an answer it has changed since. Empty in findings
    /// made before the field existed: then nothing is known about a change.
    #[serde(default)]
    pub answer_digest: String,
}

/// 未开始 / 进行中 / 已完成.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 3] = [
        TaskStatus::NotStarted,
        TaskStatus::InProgress,
        TaskStatus::Done,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
        }
    }
}

/// 整改任务: what the department does about a finding, or about an item it marked 未落实 / 部分落实.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// Made once by `record::new_id("t", …)`.
    pub id: String,
    pub item_id: String,
    /// The finding this task answers; `None` for a task the department set itself.
    #[serde(default)]
    pub finding_id: Option<String>,
    /// 整改措施
    #[serde(default)]
    pub measure: String,
    /// 责任人
    #[serde(default)]
    pub owner: String,
    /// 完成时限
    #[serde(default)]
    #[serde(with = "crate::iso::opt_date")]
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub status: TaskStatus,
    /// 完成日期 (已完成 only).
    #[serde(default)]
    #[serde(with = "crate::iso::opt_date")]
    pub completed_on: Option<NaiveDate>,
    /// The ledger entry that shows the task done.
    #[serde(default)]
    pub evidence_entry: Option<String>,
    /// Or a document: its name, number or where it is kept.
    #[serde(default)]
    pub evidence_document: String,
    #[serde(default)]
    #[serde(with = "crate::iso::opt_time")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// The checklist score (百分制) of a department's year as figures, as the office sent them: the
/// office does not send its working, and the department's app does not recompute the office's side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scores {
    /// As the department's own answers give it (自评分).
    pub self_score: Option<f64>,
    /// After the office's verification (核定分: 存疑 / 不属实 items scored as the office found them).
    pub verified_score: Option<f64>,
}

/// What the office's last 核查意见 said beyond its findings: its accountability decisions on the
/// department's red lines (plan 七) and both scores. One record of the department's year, replaced
/// whole by each findings file the department imports, unless the record holds a newer one
/// ([`OfficeReview::replaced_by`]). Like the findings, the department never edits it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OfficeReview {
    pub accountability: Vec<AccountabilityRecord>,
    pub scores: Scores,
    /// When the office exported the findings file this came from (`None` for what an earlier
    /// version kept outside the record, which had no date).
    #[serde(default, with = "crate::iso::opt_time")]
    pub issued_at: Option<DateTime<Utc>>,
}

impl OfficeReview {
    /// Nothing from the office yet.
    pub fn is_empty(&self) -> bool {
        self.accountability.is_empty()
            && self.scores.self_score.is_none()
            && self.scores.verified_score.is_none()
            && self.issued_at.is_none()
    }

    /// Whether a findings file's `incoming` takes this record's place: always, unless both are
    /// dated and this one is the later (an older findings file imported after a newer one does
    /// not undo the newer decisions).
    pub fn replaced_by(&self, incoming: &OfficeReview) -> bool {
        match (self.issued_at, incoming.issued_at) {
            (Some(held), Some(new)) => new >= held,
            _ => true,
        }
    }
}
