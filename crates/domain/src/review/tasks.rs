//! 整改任务 (the `Task` records of `record::rectification`): which tasks are needed, the form, the
//! status rules and when a task is overdue.
//!
//! Rules:
//! - a task is needed for every finding received that is not closed and that no task answers
//!   (`finding_id`), and for every item the department itself answered 未落实 or 部分落实 on which no
//!   task exists yet (of either kind);
//! - 整改措施 is required; 责任人 and 完成时限 are optional;
//! - 已完成 requires a 完成日期 not after today and evidence: a ledger entry that exists, or a
//!   document (its name, number or where it is kept); 未开始 and 进行中 need neither, and drop a
//!   完成日期 (it belongs to 已完成 only);
//! - a named evidence entry must exist, whatever the status;
//! - a task is overdue when its 完成时限 is before today and it is not 已完成.

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate, Utc};

use crate::form::parse_date;
use crate::record::{Assessment, LedgerEntry, Response, Task, TaskStatus};

impl TaskStatus {
    pub fn from_key(key: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Past its 完成时限 on `today` and not done.
pub fn task_overdue(task: &Task, today: NaiveDate) -> bool {
    task.status != TaskStatus::Done && task.deadline.is_some_and(|d| d < today)
}

/// Something that needs a rectification task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskNeed {
    /// A finding received, not closed, with no task.
    Finding { finding_id: String, item_id: String },
    /// An item the department answered 未落实 or 部分落实, with no task.
    Item { item_id: String, response: Response },
}

impl TaskNeed {
    pub fn code(&self) -> &'static str {
        match self {
            TaskNeed::Finding { .. } => "finding",
            TaskNeed::Item { .. } => "item",
        }
    }

    pub fn item_id(&self) -> &str {
        match self {
            TaskNeed::Finding { item_id, .. } | TaskNeed::Item { item_id, .. } => item_id,
        }
    }

    /// A new, empty task (未开始) for this need, with id `id` (from `record::new_id("t", …)`).
    pub fn new_task(&self, id: String) -> Task {
        Task {
            id,
            item_id: self.item_id().to_string(),
            finding_id: match self {
                TaskNeed::Finding { finding_id, .. } => Some(finding_id.clone()),
                TaskNeed::Item { .. } => None,
            },
            measure: String::new(),
            owner: String::new(),
            deadline: None,
            status: TaskStatus::NotStarted,
            completed_on: None,
            evidence_entry: None,
            evidence_document: String::new(),
            updated_at: None,
        }
    }
}

/// Item ids in the plan's order: "4.1.9" before "4.1.10" (numbers compared as numbers).
pub fn compare_item_ids(a: &str, b: &str) -> Ordering {
    let parts = |s: &str| -> Vec<(u64, String)> {
        s.split('.')
            .map(|p| (p.parse().unwrap_or(u64::MAX), p.to_string()))
            .collect()
    };
    parts(a).cmp(&parts(b))
}

/// What still needs a task: findings in the order received, then items in the plan's order.
pub fn tasks_needed(assessment: &Assessment) -> Vec<TaskNeed> {
    let mut needs: Vec<TaskNeed> = assessment
        .findings
        .iter()
        .filter(|f| {
            !f.closed
                && !assessment
                    .tasks
                    .iter()
                    .any(|t| t.finding_id.as_deref() == Some(f.id.as_str()))
        })
        .map(|f| TaskNeed::Finding {
            finding_id: f.id.clone(),
            item_id: f.item_id.clone(),
        })
        .collect();
    let mut items: Vec<(&String, Response)> = assessment
        .answers
        .iter()
        .filter_map(|(id, a)| match a.response {
            Some(r @ (Response::NotImplemented | Response::Partial)) => Some((id, r)),
            _ => None,
        })
        .filter(|(id, _)| !assessment.tasks.iter().any(|t| &t.item_id == *id))
        .collect();
    crate::order::sort_by(&mut items, |a, b| compare_item_ids(a.0, b.0));
    needs.extend(items.into_iter().map(|(id, response)| TaskNeed::Item {
        item_id: id.clone(),
        response,
    }));
    needs
}

/// The task form as typed (status as its key; evidence entry as an entry id, empty for none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskDraft {
    pub measure: String,
    pub owner: String,
    pub deadline: String,
    pub status: String,
    pub completed_on: String,
    pub evidence_entry: String,
    pub evidence_document: String,
}

impl TaskDraft {
    pub fn from_task(task: &Task) -> TaskDraft {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        TaskDraft {
            measure: task.measure.clone(),
            owner: task.owner.clone(),
            deadline: date(task.deadline),
            status: task.status.key().to_string(),
            completed_on: date(task.completed_on),
            evidence_entry: task.evidence_entry.clone().unwrap_or_default(),
            evidence_document: task.evidence_document.clone(),
        }
    }
}

/// Why a task form (or a stored task) is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskProblem {
    MeasureRequired,
    DeadlineNotADate {
        text: String,
    },
    UnknownStatus {
        text: String,
    },
    /// 已完成 without a 完成日期.
    CompletedOnRequired,
    CompletedOnNotADate {
        text: String,
    },
    CompletedInFuture {
        date: NaiveDate,
    },
    /// 已完成 without a ledger entry or a document.
    EvidenceRequired,
    /// The evidence entry is not in the ledger.
    EvidenceEntryNotFound {
        entry_id: String,
    },
}

impl TaskProblem {
    pub fn code(&self) -> &'static str {
        match self {
            TaskProblem::MeasureRequired => "measure_required",
            TaskProblem::DeadlineNotADate { .. } => "deadline_not_a_date",
            TaskProblem::UnknownStatus { .. } => "unknown_status",
            TaskProblem::CompletedOnRequired => "completed_on_required",
            TaskProblem::CompletedOnNotADate { .. } => "completed_on_not_a_date",
            TaskProblem::CompletedInFuture { .. } => "completed_in_future",
            TaskProblem::EvidenceRequired => "evidence_required",
            TaskProblem::EvidenceEntryNotFound { .. } => "evidence_entry_not_found",
        }
    }

    /// The form field to mark.
    pub fn field(&self) -> &'static str {
        match self {
            TaskProblem::MeasureRequired => "measure",
            TaskProblem::DeadlineNotADate { .. } => "deadline",
            TaskProblem::UnknownStatus { .. } => "status",
            TaskProblem::CompletedOnRequired
            | TaskProblem::CompletedOnNotADate { .. }
            | TaskProblem::CompletedInFuture { .. } => "completed_on",
            TaskProblem::EvidenceRequired | TaskProblem::EvidenceEntryNotFound { .. } => "evidence",
        }
    }
}

fn date_field(
    text: &str,
    not_a_date: impl Fn(String) -> TaskProblem,
    problems: &mut Vec<TaskProblem>,
) -> Option<NaiveDate> {
    match parse_date(text) {
        Ok(date) => date,
        Err(_) => {
            problems.push(not_a_date(text.trim().to_string()));
            None
        }
    }
}

/// The status rules of a task (module doc), for a stored task as for a form.
pub fn task_problems(task: &Task, ledger: &[LedgerEntry], today: NaiveDate) -> Vec<TaskProblem> {
    let mut problems = Vec::new();
    if task.measure.trim().is_empty() {
        problems.push(TaskProblem::MeasureRequired);
    }
    if task.status == TaskStatus::Done {
        match task.completed_on {
            None => problems.push(TaskProblem::CompletedOnRequired),
            Some(date) if date > today => problems.push(TaskProblem::CompletedInFuture { date }),
            Some(_) => {}
        }
    }
    let entry = task
        .evidence_entry
        .as_deref()
        .filter(|e| !e.trim().is_empty());
    match entry {
        Some(id) if !ledger.iter().any(|e| e.id == id) => {
            problems.push(TaskProblem::EvidenceEntryNotFound {
                entry_id: id.to_string(),
            })
        }
        None if task.status == TaskStatus::Done && task.evidence_document.trim().is_empty() => {
            problems.push(TaskProblem::EvidenceRequired)
        }
        _ => {}
    }
    problems
}

/// Reads the form into `base` (the task edited, or a new one from [`TaskNeed::new_task`]); `now`
/// becomes `updated_at`. Every problem is returned.
pub fn build_task(
    draft: &TaskDraft,
    base: &Task,
    ledger: &[LedgerEntry],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Task, Vec<TaskProblem>> {
    let mut problems = Vec::new();
    let deadline = date_field(
        &draft.deadline,
        |text| TaskProblem::DeadlineNotADate { text },
        &mut problems,
    );
    let status_text = draft.status.trim();
    let status = if status_text.is_empty() {
        TaskStatus::NotStarted
    } else {
        TaskStatus::from_key(status_text).unwrap_or_else(|| {
            problems.push(TaskProblem::UnknownStatus {
                text: status_text.to_string(),
            });
            base.status
        })
    };
    // A 完成日期 belongs to 已完成 only; for another status it is not read (the form hides it).
    let completed_on = if status == TaskStatus::Done {
        date_field(
            &draft.completed_on,
            |text| TaskProblem::CompletedOnNotADate { text },
            &mut problems,
        )
    } else {
        None
    };
    let evidence_entry = Some(draft.evidence_entry.trim().to_string()).filter(|e| !e.is_empty());
    let task = Task {
        measure: draft.measure.trim().to_string(),
        owner: draft.owner.trim().to_string(),
        deadline,
        status,
        completed_on,
        evidence_entry,
        evidence_document: draft.evidence_document.trim().to_string(),
        updated_at: Some(now),
        ..base.clone()
    };
    let completed_typed_but_unread = problems
        .iter()
        .any(|p| matches!(p, TaskProblem::CompletedOnNotADate { .. }));
    problems.extend(
        task_problems(&task, ledger, today)
            .into_iter()
            .filter(|p| !(completed_typed_but_unread && *p == TaskProblem::CompletedOnRequired)),
    );
    if problems.is_empty() {
        Ok(task)
    } else {
        Err(problems)
    }
}
