//! 责任追究 (plan 七): the office records what follows each red line that occurred in a department
//! (the list of every red line of all departments with its decisions is
//! `consolidate::red_line_cases`).
//!
//! Rules for a decision: the item must be a red line (七 1–10) that the department answered 已发生;
//! a decision (one of the plan's six, mildest first) is required; the date is required, not after
//! today and not before the red line occurred; who decided is required.

use chrono::NaiveDate;

use super::AccountabilityRecord;
use super::Decision;
use crate::form::parse_date;
use crate::plan::Template;
use crate::record::{Assessment, Response};

impl Decision {
    pub fn from_key(key: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.key() == key)
    }
}

/// The decision form as typed (decision as its key).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountabilityDraft {
    pub item_id: String,
    pub decision: String,
    pub decided_on: String,
    pub decided_by: String,
    pub note: String,
}

/// Why a decision (form or stored) is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountabilityProblem {
    /// The item is not a red line of the template.
    NotARedLine {
        item_id: String,
    },
    /// The department did not answer the red line 已发生.
    RedLineNotOccurred {
        item_id: String,
    },
    DecisionRequired,
    UnknownDecision {
        text: String,
    },
    DateRequired,
    DateNotADate {
        text: String,
    },
    DateInFuture {
        date: NaiveDate,
    },
    /// Decided before the red line occurred.
    DecidedBeforeOccurred {
        decided_on: NaiveDate,
        occurred_on: NaiveDate,
    },
    DecidedByRequired,
}

impl AccountabilityProblem {
    pub fn code(&self) -> &'static str {
        match self {
            AccountabilityProblem::NotARedLine { .. } => "not_a_red_line",
            AccountabilityProblem::RedLineNotOccurred { .. } => "red_line_not_occurred",
            AccountabilityProblem::DecisionRequired => "decision_required",
            AccountabilityProblem::UnknownDecision { .. } => "unknown_decision",
            AccountabilityProblem::DateRequired => "date_required",
            AccountabilityProblem::DateNotADate { .. } => "date_not_a_date",
            AccountabilityProblem::DateInFuture { .. } => "date_in_future",
            AccountabilityProblem::DecidedBeforeOccurred { .. } => "decided_before_occurred",
            AccountabilityProblem::DecidedByRequired => "decided_by_required",
        }
    }

    pub fn field(&self) -> &'static str {
        match self {
            AccountabilityProblem::NotARedLine { .. }
            | AccountabilityProblem::RedLineNotOccurred { .. } => "item_id",
            AccountabilityProblem::DecisionRequired
            | AccountabilityProblem::UnknownDecision { .. } => "decision",
            AccountabilityProblem::DateRequired
            | AccountabilityProblem::DateNotADate { .. }
            | AccountabilityProblem::DateInFuture { .. }
            | AccountabilityProblem::DecidedBeforeOccurred { .. } => "decided_on",
            AccountabilityProblem::DecidedByRequired => "decided_by",
        }
    }
}

/// The problems of the item and the date, shared by the form and a stored record.
fn item_and_date_problems(
    item_id: &str,
    decided_on: Option<NaiveDate>,
    template: &Template,
    assessment: &Assessment,
    today: NaiveDate,
) -> Vec<AccountabilityProblem> {
    let mut problems = Vec::new();
    let answer = assessment.answer(item_id);
    if !template.item(item_id).is_some_and(|i| i.kind.is_red_line()) {
        problems.push(AccountabilityProblem::NotARedLine {
            item_id: item_id.to_string(),
        });
    } else if answer.and_then(|a| a.response) != Some(Response::Occurred) {
        problems.push(AccountabilityProblem::RedLineNotOccurred {
            item_id: item_id.to_string(),
        });
    }
    if let Some(date) = decided_on {
        if date > today {
            problems.push(AccountabilityProblem::DateInFuture { date });
        }
        if let Some(occurred_on) = answer.and_then(|a| a.occurred_on) {
            if date < occurred_on {
                problems.push(AccountabilityProblem::DecidedBeforeOccurred {
                    decided_on: date,
                    occurred_on,
                });
            }
        }
    }
    problems
}

/// The rules (module doc) applied to a stored record of `assessment`'s department.
pub fn accountability_problems(
    record: &AccountabilityRecord,
    template: &Template,
    assessment: &Assessment,
    today: NaiveDate,
) -> Vec<AccountabilityProblem> {
    let mut problems = item_and_date_problems(
        &record.item_id,
        Some(record.decided_on),
        template,
        assessment,
        today,
    );
    if record.decided_by.trim().is_empty() {
        problems.push(AccountabilityProblem::DecidedByRequired);
    }
    problems
}

/// Reads the form for `assessment`'s department. Every problem is returned.
pub fn build_accountability(
    draft: &AccountabilityDraft,
    template: &Template,
    assessment: &Assessment,
    today: NaiveDate,
) -> Result<AccountabilityRecord, Vec<AccountabilityProblem>> {
    let item_id = draft.item_id.trim();
    let decision_text = draft.decision.trim();
    let mut problems = Vec::new();
    let decision = if decision_text.is_empty() {
        problems.push(AccountabilityProblem::DecisionRequired);
        None
    } else {
        let d = Decision::from_key(decision_text);
        if d.is_none() {
            problems.push(AccountabilityProblem::UnknownDecision {
                text: decision_text.to_string(),
            });
        }
        d
    };
    let decided_on = match parse_date(&draft.decided_on) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            problems.push(AccountabilityProblem::DateRequired);
            None
        }
        Err(_) => {
            problems.push(AccountabilityProblem::DateNotADate {
                text: draft.decided_on.trim().to_string(),
            });
            None
        }
    };
    let mut all = item_and_date_problems(item_id, decided_on, template, assessment, today);
    all.append(&mut problems);
    let decided_by = draft.decided_by.trim();
    if decided_by.is_empty() {
        all.push(AccountabilityProblem::DecidedByRequired);
    }
    match (decision, decided_on) {
        (Some(decision), Some(decided_on)) if all.is_empty() => Ok(AccountabilityRecord {
            item_id: item_id.to_string(),
            decision,
            decided_on,
            decided_by: decided_by.to_string(),
            note: draft.note.trim().to_string(),
        }),
        _ => Err(all),
    }
}
