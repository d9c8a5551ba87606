//! 核查与整改 on the office's side (plan 六、监督考核 and 七、责任追究): the office checks each received
//! department file item by item against its ledger, and follows up every red line that occurred.
//! The department's answers are never altered: verdicts sit beside them. The department's side of
//! the loop (findings received, rectification tasks) is in `crate::record`; its rules are here.
//!
//! - [`digest`]: "changed since verified" and what carries over to a newer file;
//! - [`verify`]: the verification form;
//! - [`score`]: 核定分, the score as verified, and the list of differences;
//! - [`findings`]: findings with derived ids, and their import on the department's side;
//! - [`tasks`]: which rectification tasks are needed, their form and status rules;
//! - [`accountability`]: 责任追究 decisions and the red lines of all departments.

pub mod accountability;
pub mod digest;
pub mod findings;
pub mod score;
pub mod tasks;
pub mod verify;

pub use accountability::*;
pub use digest::*;
pub use findings::*;
pub use score::*;
pub use tasks::*;
pub use verify::*;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::record::{Method, Response, Verdict};

/// The office's verification of one item of one department's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub verdict: Verdict,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub method: Option<Method>,
    /// The status the office finds, where it did not confirm the answer.
    #[serde(default)]
    pub found: Option<Response>,
    /// A digest of the department's answer as it was verified ([`answer_digest`]): a newer export
    /// whose answer differs needs checking again ([`VerificationState::Stale`]).
    pub answer_digest: String,
    #[serde(with = "crate::iso::time")]
    pub verified_at: DateTime<Utc>,
    /// Who verified (a name, as typed).
    #[serde(default)]
    pub by: String,
}

/// 责任追究的处理方式 (plan 七): what follows a red line, mildest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 提醒
    Reminder,
    /// 批评教育
    Criticism,
    /// 责令作出书面检查
    WrittenSelfCriticism,
    /// 通报批评
    CircularCriticism,
    /// 组织处理
    OrganisationalHandling,
    /// 纪律处分
    DisciplinarySanction,
}

impl Decision {
    pub const ALL: [Decision; 6] = [
        Decision::Reminder,
        Decision::Criticism,
        Decision::WrittenSelfCriticism,
        Decision::CircularCriticism,
        Decision::OrganisationalHandling,
        Decision::DisciplinarySanction,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Decision::Reminder => "reminder",
            Decision::Criticism => "criticism",
            Decision::WrittenSelfCriticism => "written_self_criticism",
            Decision::CircularCriticism => "circular_criticism",
            Decision::OrganisationalHandling => "organisational_handling",
            Decision::DisciplinarySanction => "disciplinary_sanction",
        }
    }
}

/// One accountability decision on a red line that occurred in a department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountabilityRecord {
    /// The red-line item (七 1–10).
    pub item_id: String,
    pub decision: Decision,
    #[serde(with = "crate::iso::date")]
    pub decided_on: NaiveDate,
    /// Who decided (e.g. 局党组).
    pub decided_by: String,
    #[serde(default)]
    pub note: String,
}

/// Everything the office records about one received department file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    /// By item id.
    pub verifications: BTreeMap<String, Verification>,
    pub accountability: Vec<AccountabilityRecord>,
    /// Findings the office closed after seeing the rectification, by finding id.
    pub closed_findings: Vec<String>,
}
