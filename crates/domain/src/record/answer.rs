//! The answer to one item of the plan: response, reason, notes, evidence, owner and dates.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::profile::YEAR_RANGE;
use crate::plan::ItemKind;

/// The response to one item. Which responses fit depends on the item's kind: red lines take
/// 未发生/已发生, tasks and quotas the other four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// 已落实
    Implemented,
    /// 部分落实
    Partial,
    /// 未落实
    NotImplemented,
    /// 不适用
    NotApplicable,
    /// 未发生
    NotOccurred,
    /// 已发生
    Occurred,
}

impl Response {
    pub const FOR_TASKS: [Response; 4] = [
        Response::Implemented,
        Response::Partial,
        Response::NotImplemented,
        Response::NotApplicable,
    ];
    pub const FOR_RED_LINES: [Response; 2] = [Response::NotOccurred, Response::Occurred];

    pub fn label(self) -> &'static str {
        match self {
            Response::Implemented => "已落实",
            Response::Partial => "部分落实",
            Response::NotImplemented => "未落实",
            Response::NotApplicable => "不适用",
            Response::NotOccurred => "未发生",
            Response::Occurred => "已发生",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Response::Implemented => "implemented",
            Response::Partial => "partial",
            Response::NotImplemented => "not_implemented",
            Response::NotApplicable => "not_applicable",
            Response::NotOccurred => "not_occurred",
            Response::Occurred => "occurred",
        }
    }

    pub fn from_key(key: &str) -> Option<Response> {
        Response::FOR_TASKS
            .into_iter()
            .chain(Response::FOR_RED_LINES)
            .find(|r| r.key() == key)
    }

    pub fn choices_for(kind: &ItemKind) -> &'static [Response] {
        if kind.is_red_line() {
            &Response::FOR_RED_LINES
        } else {
            &Response::FOR_TASKS
        }
    }

    /// 不适用 and 未落实 must be justified, as standards self-assessment tools require.
    pub fn needs_reason(self) -> bool {
        matches!(self, Response::NotApplicable | Response::NotImplemented)
    }
}

/// 佐证材料: what the evidence is, where it is kept, and its document number; optionally the ledger
/// entry (台账) it is. `entry` is left out of the JSON when unset, so older files and digests are
/// unchanged; an id whose entry is gone is kept (the link is shown as missing, never dropped).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    pub what: String,
    pub location: String,
    pub doc_no: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
}

impl Evidence {
    pub fn is_empty(&self) -> bool {
        self.what.trim().is_empty()
            && self.location.trim().is_empty()
            && self.doc_no.trim().is_empty()
            && self.entry.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answer {
    pub response: Option<Response>,
    /// Why 不适用 / 未落实.
    pub reason: String,
    /// 落实情况说明; for an 已发生 red line, what happened.
    pub note: String,
    pub evidence: Vec<Evidence>,
    /// 责任人
    pub owner: String,
    /// 完成时限
    pub due: Option<NaiveDate>,
    /// 完成日期
    pub done: Option<NaiveDate>,
    /// 待核实
    pub flagged: bool,
    /// When the red line occurred (已发生 only).
    pub occurred_on: Option<NaiveDate>,
    /// Last edit; merging keeps the newer side of a conflict by it.
    pub updated_at: Option<DateTime<Utc>>,
}

impl Answer {
    pub fn is_answered(&self) -> bool {
        self.response.is_some()
    }

    /// Past its 完成时限 on `today` and not yet done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        match (self.due, self.done, self.response) {
            (_, Some(_), _) => false,
            (
                _,
                _,
                Some(
                    Response::Implemented
                    | Response::NotApplicable
                    | Response::NotOccurred
                    | Response::Occurred,
                ),
            ) => false,
            (Some(due), None, _) => due < today,
            (None, _, _) => false,
        }
    }

    /// Checks an answer against its item's kind. The error names the field to fix.
    pub fn validate(&self, kind: &ItemKind, today: NaiveDate) -> Result<(), FieldError> {
        if let Some(response) = self.response {
            if !Response::choices_for(kind).contains(&response) {
                return Err(FieldError::new(
                    "response",
                    format!("“{}”不适用于此类检查项", response.label()),
                ));
            }
            if response.needs_reason() && self.reason.trim().is_empty() {
                return Err(FieldError::new(
                    "reason",
                    format!("选择“{}”时必须填写原因", response.label()),
                ));
            }
            if response == Response::Occurred {
                if self.note.trim().is_empty() {
                    return Err(FieldError::new(
                        "note",
                        "红线情形“已发生”必须说明具体情况".into(),
                    ));
                }
                match self.occurred_on {
                    None => {
                        return Err(FieldError::new(
                            "occurred_on",
                            "红线情形“已发生”必须填写发生日期".into(),
                        ))
                    }
                    Some(d) if d > today => {
                        return Err(FieldError::new(
                            "occurred_on",
                            format!("发生日期 {d} 晚于今天，请核对"),
                        ))
                    }
                    Some(_) => {}
                }
            }
        }
        for (field, label, date) in [
            ("due", "完成时限", self.due),
            ("done", "完成日期", self.done),
            ("occurred_on", "发生日期", self.occurred_on),
        ] {
            if let Some(d) = date {
                if !YEAR_RANGE.contains(&d.year()) {
                    return Err(FieldError::new(
                        field,
                        format!(
                            "{label} {d} 不在 {} 至 {} 年之间",
                            YEAR_RANGE.start(),
                            YEAR_RANGE.end()
                        ),
                    ));
                }
            }
        }
        if let Some(done) = self.done {
            if done > today {
                return Err(FieldError::new(
                    "done",
                    format!("完成日期 {done} 晚于今天，请核对"),
                ));
            }
        }
        Ok(())
    }
}

/// A form value refused: `field` is the form field's key, `message` says what to do, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: String) -> FieldError {
        FieldError { field, message }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

/// An answer's meaningful content: every field but `updated_at` (what [`Answer::same_content`]
/// compares and `review::answer_digest` digests). Destructured in full, so adding a
/// field to `Answer` fails to compile here until it is decided whether it is content.
#[allow(clippy::type_complexity)]
pub fn answer_content(
    answer: &Answer,
) -> (
    &Option<Response>,
    &str,
    &str,
    &[Evidence],
    &str,
    &Option<NaiveDate>,
    &Option<NaiveDate>,
    bool,
    &Option<NaiveDate>,
) {
    let Answer {
        response,
        reason,
        note,
        evidence,
        owner,
        due,
        done,
        flagged,
        occurred_on,
        updated_at: _,
    } = answer;
    (
        response,
        reason,
        note,
        evidence,
        owner,
        due,
        done,
        *flagged,
        occurred_on,
    )
}

impl Answer {
    /// Equal apart from `updated_at` (an edit that changed nothing, or the same answer saved twice):
    /// the one rule for "nothing changed".
    pub fn same_content(&self, other: &Answer) -> bool {
        answer_content(self) == answer_content(other)
    }
}
