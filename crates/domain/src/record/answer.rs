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
    #[serde(default, with = "crate::iso::opt_date")]
    pub due: Option<NaiveDate>,
    /// 完成日期
    #[serde(default, with = "crate::iso::opt_date")]
    pub done: Option<NaiveDate>,
    /// 待核实
    pub flagged: bool,
    /// When the red line occurred (已发生 only).
    #[serde(default, with = "crate::iso::opt_date")]
    pub occurred_on: Option<NaiveDate>,
    /// Last edit; merging keeps the newer side of a conflict by it.
    #[serde(default, with = "crate::iso::opt_time")]
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
                    FieldProblem::ResponseDoesNotFit { response },
                ));
            }
            if response.needs_reason() && self.reason.trim().is_empty() {
                return Err(FieldError::new(
                    "reason",
                    FieldProblem::ReasonRequired { response },
                ));
            }
            if response == Response::Occurred {
                if self.note.trim().is_empty() {
                    return Err(FieldError::new("note", FieldProblem::OccurredNoteRequired));
                }
                match self.occurred_on {
                    None => {
                        return Err(FieldError::new(
                            "occurred_on",
                            FieldProblem::OccurredDateRequired,
                        ))
                    }
                    Some(d) if d > today => {
                        return Err(FieldError::new(
                            "occurred_on",
                            FieldProblem::AfterToday { date: d },
                        ))
                    }
                    Some(_) => {}
                }
            }
        }
        for (field, date) in [
            ("due", self.due),
            ("done", self.done),
            ("occurred_on", self.occurred_on),
        ] {
            if let Some(d) = date {
                if !YEAR_RANGE.contains(&d.year()) {
                    return Err(FieldError::new(
                        field,
                        FieldProblem::DateOutOfRange { date: d },
                    ));
                }
            }
        }
        if let Some(done) = self.done {
            if done > today {
                return Err(FieldError::new(
                    "done",
                    FieldProblem::AfterToday { date: done },
                ));
            }
        }
        Ok(())
    }
}

/// A form value refused: `field` is the form field's key, `problem` what is wrong with it. The
/// sentence a user reads is the app's (`i18n::errors`), worded from both.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: FieldProblem,
}

/// What is wrong with a form value; the field it is in is [`FieldError::field`].
#[derive(Debug, Clone, PartialEq)]
pub enum FieldProblem {
    /// A required value is blank (unit, department, filled_by, a person's name or id).
    Required,
    /// 评估年度 outside [`YEAR_RANGE`].
    YearOutOfRange { year: i32 },
    /// This response is not one of the item's kind (已落实 on a red line).
    ResponseDoesNotFit { response: Response },
    /// This response needs a reason (部分落实, 未落实, 不适用).
    ReasonRequired { response: Response },
    /// A red line that occurred needs its circumstances described.
    OccurredNoteRequired,
    /// A red line that occurred needs its date.
    OccurredDateRequired,
    /// A date (发生日期, 完成日期) later than today.
    AfterToday { date: NaiveDate },
    /// A date outside the years [`YEAR_RANGE`].
    DateOutOfRange { date: NaiveDate },
    /// A score outside 0–100 (or not a finite number).
    ScoreOutOfRange { score: f64 },
    /// A 互评 needs the rater's name.
    PeerRaterRequired,
    /// Two people with this id.
    DuplicateId { id: String },
    /// Two people with this name.
    DuplicateName { name: String },
}

impl FieldProblem {
    /// A stable name, for logs and tests.
    pub fn code(&self) -> &'static str {
        match self {
            FieldProblem::Required => "required",
            FieldProblem::YearOutOfRange { .. } => "year_out_of_range",
            FieldProblem::ResponseDoesNotFit { .. } => "response_does_not_fit",
            FieldProblem::ReasonRequired { .. } => "reason_required",
            FieldProblem::OccurredNoteRequired => "occurred_note_required",
            FieldProblem::OccurredDateRequired => "occurred_date_required",
            FieldProblem::AfterToday { .. } => "after_today",
            FieldProblem::DateOutOfRange { .. } => "date_out_of_range",
            FieldProblem::ScoreOutOfRange { .. } => "score_out_of_range",
            FieldProblem::PeerRaterRequired => "peer_rater_required",
            FieldProblem::DuplicateId { .. } => "duplicate_id",
            FieldProblem::DuplicateName { .. } => "duplicate_name",
        }
    }
}

impl FieldError {
    pub fn new(field: &'static str, problem: FieldProblem) -> FieldError {
        FieldError { field, problem }
    }
}

/// For logs and tests, in neutral form: `occurred_on: after_today`.
impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem.code())
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
