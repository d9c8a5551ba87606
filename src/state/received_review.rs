//! What the office's last 核查意见 file said beyond the findings (its accountability decisions and
//! both scores), kept beside the department's record in localStorage: the record itself holds only
//! the findings. Written by 整改's import; read by 整改, 自查报告 and 总览.

use serde::{Deserialize, Serialize};

use crate::browser::storage;
use zrz_domain::review::AccountabilityRecord;
use zrz_exchange::Scores;

/// Where the office's accountability decisions and scores of the last findings file are kept.
pub const RECEIVED_KEY: &str = "zrz.findings-received";

/// What a findings file says beyond the findings, kept for the department to read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReceivedReview {
    pub accountability: Vec<AccountabilityRecord>,
    pub scores: Scores,
}

impl ReceivedReview {
    pub fn stored() -> ReceivedReview {
        storage::read(RECEIVED_KEY)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }
}
