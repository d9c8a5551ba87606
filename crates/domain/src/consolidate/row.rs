//! The summary table: one row per department file, and the totals and averages under it. Each
//! figure comes from the rule that owns it (`checklist::summarize`, `ledger::quota_statuses`,
//! `review::verified_score`, `scoring::rate_department`), so the table agrees with the pages.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::DepartmentFile;
use crate::ledger::quota_statuses;
use crate::number::round1;
use crate::plan::Template;
use crate::record::{DepartmentKey, Grade, Response, TaskStatus};
use crate::review::verified_score;
use crate::scoring::{excellent_share, rate_department, ExcellentShare, PersonResult};

/// A red line answered 已发生.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedLineOccurrence {
    pub item_id: String,
    #[serde(default, with = "crate::iso::opt_date")]
    pub occurred_on: Option<NaiveDate>,
    /// What happened (empty in a sanitised file).
    pub note: String,
}

/// Cadres per grade; `pending` have no grade yet (ratings missing).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeCounts {
    pub excellent: usize,
    pub competent: usize,
    pub basically_competent: usize,
    pub incompetent: usize,
    pub pending: usize,
}

impl GradeCounts {
    pub fn of(results: &[PersonResult]) -> GradeCounts {
        let mut counts = GradeCounts::default();
        for r in results {
            match r.grade {
                Some(Grade::Excellent) => counts.excellent += 1,
                Some(Grade::Competent) => counts.competent += 1,
                Some(Grade::BasicallyCompetent) => counts.basically_competent += 1,
                Some(Grade::Incompetent) => counts.incompetent += 1,
                None => counts.pending += 1,
            }
        }
        counts
    }

    pub fn get(&self, grade: Option<Grade>) -> usize {
        match grade {
            Some(Grade::Excellent) => self.excellent,
            Some(Grade::Competent) => self.competent,
            Some(Grade::BasicallyCompetent) => self.basically_competent,
            Some(Grade::Incompetent) => self.incompetent,
            None => self.pending,
        }
    }

    /// Everyone counted, graded or not.
    pub fn people(&self) -> usize {
        self.excellent + self.competent + self.basically_competent + self.incompetent + self.pending
    }

    pub fn add(&mut self, other: &GradeCounts) {
        self.excellent += other.excellent;
        self.competent += other.competent;
        self.basically_competent += other.basically_competent;
        self.incompetent += other.incompetent;
        self.pending += other.pending;
    }
}

/// One department file in the summary table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentRow {
    pub key: DepartmentKey,
    /// As the file spells them.
    pub unit: String,
    pub department: String,
    pub year: i32,
    pub items_total: usize,
    pub items_answered: usize,
    /// 100 × answered ÷ total, one decimal.
    pub completion: f64,
    /// The department's checklist score.
    pub self_score: Option<f64>,
    /// 核定分, when the office has verified at least one item (current verdicts).
    pub verified_score: Option<f64>,
    pub quotas_met: usize,
    pub quotas_total: usize,
    /// Items past their 完成时限 and not done.
    pub overdue: usize,
    pub red_lines: Vec<RedLineOccurrence>,
    pub grades: GradeCounts,
    /// The department's 优秀 against its own cap.
    pub excellent: ExcellentShare,
    /// Rectification tasks not done.
    pub open_tasks: usize,
    #[serde(default, with = "crate::iso::opt_time")]
    pub exported_at: Option<DateTime<Utc>>,
    pub sanitized: bool,
}

/// The row of one file on `today`.
pub fn department_row(
    file: &DepartmentFile<'_>,
    template: &Template,
    today: NaiveDate,
) -> DepartmentRow {
    let a = file.assessment;
    let scores = verified_score(
        template,
        a,
        file.review.unwrap_or(&Default::default()),
        today,
    );
    let summary = &scores.self_summary;
    let quotas = quota_statuses(template, a, today);
    let results = rate_department(a, template);
    let red_lines = summary
        .red_lines_occurred
        .iter()
        .map(|id| {
            let answer = a
                .answer(id)
                .filter(|a| a.response == Some(Response::Occurred));
            RedLineOccurrence {
                item_id: id.clone(),
                occurred_on: answer.and_then(|a| a.occurred_on),
                note: answer.map(|a| a.note.clone()).unwrap_or_default(),
            }
        })
        .collect();
    DepartmentRow {
        key: a.profile.department_key(),
        unit: a.profile.unit.clone(),
        department: a.profile.department.clone(),
        year: a.profile.year,
        items_total: summary.total,
        items_answered: summary.answered,
        completion: percent(summary.answered, summary.total),
        self_score: summary.score,
        verified_score: scores
            .is_reviewed()
            .then_some(scores.verified_summary.score)
            .flatten(),
        quotas_met: quotas.iter().filter(|q| q.is_met()).count(),
        quotas_total: quotas.len(),
        overdue: summary.overdue.len(),
        red_lines,
        grades: GradeCounts::of(&results),
        excellent: excellent_share(&results, &a.rating_settings),
        open_tasks: a
            .tasks
            .iter()
            .filter(|t| t.status != TaskStatus::Done)
            .count(),
        exported_at: file.exported_at,
        sanitized: file.sanitized,
    }
}

/// The rows of `files`, in their order.
pub fn department_rows(
    files: &[DepartmentFile<'_>],
    template: &Template,
    today: NaiveDate,
) -> Vec<DepartmentRow> {
    files
        .iter()
        .map(|f| department_row(f, template, today))
        .collect()
}

/// 100 × part ÷ whole, one decimal; 0 for an empty whole.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        round1(100.0 * part as f64 / whole as f64)
    }
}

/// The mean of the values present, one decimal; `None` when none is.
fn mean(values: impl Iterator<Item = Option<f64>>) -> (Option<f64>, usize) {
    let present: Vec<f64> = values.flatten().collect();
    if present.is_empty() {
        (None, 0)
    } else {
        let n = present.len();
        (Some(round1(present.iter().sum::<f64>() / n as f64)), n)
    }
}

/// The line under the table. Averages are over departments (each counts once, whatever its size),
/// of the departments that have the figure; sums are over all.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    pub departments: usize,
    pub items_answered: usize,
    pub items_total: usize,
    /// Mean of the rows' completion.
    pub completion_average: f64,
    pub self_score_average: Option<f64>,
    /// Rows with a self score.
    pub self_scored: usize,
    pub verified_score_average: Option<f64>,
    /// Rows with a verified score.
    pub verified: usize,
    pub quotas_met: usize,
    pub quotas_total: usize,
    pub overdue: usize,
    pub red_lines: usize,
    /// Departments with at least one red line.
    pub departments_with_red_lines: usize,
    pub grades: GradeCounts,
    /// Departments whose 优秀 exceed their cap.
    pub excellent_exceeded: usize,
    pub open_tasks: usize,
}

pub fn totals_and_averages(rows: &[DepartmentRow]) -> Totals {
    let mut grades = GradeCounts::default();
    for r in rows {
        grades.add(&r.grades);
    }
    let (self_score_average, self_scored) = mean(rows.iter().map(|r| r.self_score));
    let (verified_score_average, verified) = mean(rows.iter().map(|r| r.verified_score));
    let sum = |f: fn(&DepartmentRow) -> usize| rows.iter().map(f).sum::<usize>();
    Totals {
        departments: rows.len(),
        items_answered: sum(|r| r.items_answered),
        items_total: sum(|r| r.items_total),
        completion_average: mean(rows.iter().map(|r| Some(r.completion)))
            .0
            .unwrap_or(0.0),
        self_score_average,
        self_scored,
        verified_score_average,
        verified,
        quotas_met: sum(|r| r.quotas_met),
        quotas_total: sum(|r| r.quotas_total),
        overdue: sum(|r| r.overdue),
        red_lines: sum(|r| r.red_lines.len()),
        departments_with_red_lines: rows.iter().filter(|r| !r.red_lines.is_empty()).count(),
        grades,
        excellent_exceeded: rows.iter().filter(|r| r.excellent.exceeded).count(),
        open_tasks: sum(|r| r.open_tasks),
    }
}
