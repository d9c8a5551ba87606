//! 我的待办: every open duty of the department in one list, so nobody has to visit five pages to
//! know what is late. Each [`TodoEntry`] says what is open ([`Todo`]), the date it is about, whether
//! it is overdue, and where to go ([`Target`]).
//!
//! What is on the list:
//! - an item with a 责任人 and a 完成时限 that is not done (no 完成日期, and not answered 已落实,
//!   不适用 or as a red line); dated by its 完成时限, overdue after it;
//! - a quota behind pace ([`super::quota`]); dated 31 December of the assessment year;
//! - a key date whose analysis is due, i.e. within 30 days and not covered ([`super::keydates`]),
//!   including those of the next year; dated by its first day;
//! - a rectification task not done; dated by its 完成时限 (none: undated), overdue after it;
//! - a finding received and not closed that has no task yet; dated the day it was issued.
//!
//! Order: overdue first, then by date, earliest first, undated last; on the same day in the order of
//! the list above, then by id.

use chrono::NaiveDate;

use super::keydates::{upcoming_key_dates, Coverage};
use super::quota::{quota_statuses, Pace};
use crate::plan::Template;
use crate::record::{Answer, Assessment, Response};
use crate::review::task_overdue;

/// One open duty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Todo {
    /// An item with an owner and a deadline, not done.
    Item {
        item_id: String,
        owner: String,
        due: NaiveDate,
    },
    /// A quota behind pace.
    Quota {
        item_id: String,
        required: u32,
        done: usize,
        months_left: u32,
        days_left: u32,
    },
    /// A key date's analysis due.
    KeyDate {
        key_date_id: &'static str,
        first_day: NaiveDate,
        days_until: u32,
        /// The date is 预计 (see `zrz_calendar::KeyDate::estimated`).
        estimated: bool,
    },
    /// A rectification task not done.
    Task {
        task_id: String,
        item_id: String,
        finding_id: Option<String>,
        owner: String,
        deadline: Option<NaiveDate>,
    },
    /// A finding received that has no task.
    Finding {
        finding_id: String,
        item_id: String,
        issued_on: NaiveDate,
    },
}

impl Todo {
    pub fn code(&self) -> &'static str {
        match self {
            Todo::Item { .. } => "item_due",
            Todo::Quota { .. } => "quota_behind",
            Todo::KeyDate { .. } => "key_date_due",
            Todo::Task { .. } => "task_open",
            Todo::Finding { .. } => "finding_without_task",
        }
    }

    /// Position in the module doc's list, for ties.
    fn rank(&self) -> u8 {
        match self {
            Todo::Item { .. } => 0,
            Todo::Quota { .. } => 1,
            Todo::KeyDate { .. } => 2,
            Todo::Task { .. } => 3,
            Todo::Finding { .. } => 4,
        }
    }
}

/// Where a to-do leads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// The item's page (its answer, or its quota card).
    Item {
        item_id: String,
    },
    /// A new 节点前瞻性专题分析 entry for the key date.
    KeyDate {
        key_date_id: &'static str,
        date: NaiveDate,
    },
    Task {
        task_id: String,
    },
    Finding {
        finding_id: String,
    },
}

impl Target {
    pub fn code(&self) -> &'static str {
        match self {
            Target::Item { .. } => "item",
            Target::KeyDate { .. } => "key_date",
            Target::Task { .. } => "task",
            Target::Finding { .. } => "finding",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoEntry {
    pub todo: Todo,
    /// The date it is about; `None` for a task without a deadline.
    pub date: Option<NaiveDate>,
    pub overdue: bool,
    pub target: Target,
}

/// An item not done yet: no 完成日期 and not answered in a way that closes it.
fn is_open(answer: &Answer) -> bool {
    answer.done.is_none()
        && !matches!(
            answer.response,
            Some(
                Response::Implemented
                    | Response::NotApplicable
                    | Response::NotOccurred
                    | Response::Occurred
            )
        )
}

/// 我的待办 on `today`, in the module doc's order.
pub fn todos(template: &Template, assessment: &Assessment, today: NaiveDate) -> Vec<TodoEntry> {
    let mut list = Vec::new();
    for item in template.items() {
        let Some(answer) = assessment.answer(&item.id) else {
            continue;
        };
        let (Some(due), owner) = (answer.due, answer.owner.trim()) else {
            continue;
        };
        if owner.is_empty() || !is_open(answer) {
            continue;
        }
        list.push(TodoEntry {
            todo: Todo::Item {
                item_id: item.id.clone(),
                owner: owner.to_string(),
                due,
            },
            date: Some(due),
            overdue: answer.is_overdue(today),
            target: Target::Item {
                item_id: item.id.clone(),
            },
        });
    }
    let year_end = NaiveDate::from_ymd_opt(assessment.profile.year, 12, 31);
    for quota in quota_statuses(template, assessment, today) {
        if let Pace::Behind {
            months_left,
            days_left,
        } = quota.pace
        {
            list.push(TodoEntry {
                target: Target::Item {
                    item_id: quota.item_id.clone(),
                },
                todo: Todo::Quota {
                    item_id: quota.item_id,
                    required: quota.required,
                    done: quota.done,
                    months_left,
                    days_left,
                },
                date: year_end,
                overdue: false,
            });
        }
    }
    for status in upcoming_key_dates(assessment, today) {
        if let Coverage::Due { days_until } = status.coverage {
            let k = status.key_date;
            list.push(TodoEntry {
                todo: Todo::KeyDate {
                    key_date_id: k.id,
                    first_day: k.first_day,
                    days_until,
                    estimated: k.estimated,
                },
                date: Some(k.first_day),
                overdue: false,
                target: Target::KeyDate {
                    key_date_id: k.id,
                    date: k.date,
                },
            });
        }
    }
    for task in &assessment.tasks {
        if task.status == crate::record::TaskStatus::Done {
            continue;
        }
        list.push(TodoEntry {
            todo: Todo::Task {
                task_id: task.id.clone(),
                item_id: task.item_id.clone(),
                finding_id: task.finding_id.clone(),
                owner: task.owner.trim().to_string(),
                deadline: task.deadline,
            },
            date: task.deadline,
            overdue: task_overdue(task, today),
            target: Target::Task {
                task_id: task.id.clone(),
            },
        });
    }
    for finding in &assessment.findings {
        let answered = assessment
            .tasks
            .iter()
            .any(|t| t.finding_id.as_deref() == Some(finding.id.as_str()));
        if finding.closed || answered {
            continue;
        }
        let issued_on = finding.issued_at.date_naive();
        list.push(TodoEntry {
            todo: Todo::Finding {
                finding_id: finding.id.clone(),
                item_id: finding.item_id.clone(),
                issued_on,
            },
            date: Some(issued_on),
            overdue: false,
            target: Target::Finding {
                finding_id: finding.id.clone(),
            },
        });
    }
    crate::order::sort_by(&mut list, |a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then_with(|| match (a.date, b.date) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.todo.rank().cmp(&b.todo.rank()))
            .then_with(|| a.target.cmp(&b.target))
    });
    list
}
