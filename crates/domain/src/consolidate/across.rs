//! Across departments, for the Party group meeting: scores ranked for a bar chart, the grades of all
//! cadres against the 优秀 cap, every red line with its department and the office's decisions, and
//! the duties most departments have not carried out — where the bureau as a whole is weak.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::row::{DepartmentRow, GradeCounts};
use super::DepartmentFile;
use crate::plan::Template;
use crate::record::{DepartmentKey, Response};
use crate::review::AccountabilityRecord;
use crate::scoring::{excellent_share, rate_department, ExcellentShare, RatingSettings};

/// One bar: a department and its scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreBar {
    pub key: DepartmentKey,
    pub department: String,
    pub self_score: Option<f64>,
    pub verified_score: Option<f64>,
}

impl ScoreBar {
    /// The score the bar shows: verified where the office verified, else the department's own.
    pub fn shown(&self) -> Option<f64> {
        self.verified_score.or(self.self_score)
    }
}

/// The bars, highest shown score first; departments without a score last; ties by key.
pub fn scores_by_department(rows: &[DepartmentRow]) -> Vec<ScoreBar> {
    let mut bars: Vec<ScoreBar> = rows
        .iter()
        .map(|r| ScoreBar {
            key: r.key.clone(),
            department: r.department.clone(),
            self_score: r.self_score,
            verified_score: r.verified_score,
        })
        .collect();
    crate::order::sort_by(&mut bars, |a, b| {
        match (a.shown(), b.shown()) {
            (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then_with(|| a.key.cmp(&b.key))
    });
    bars
}

/// The grades of every cadre of the departments, and 优秀 against the cap for all together.
#[derive(Debug, Clone, PartialEq)]
pub struct GradeDistribution {
    pub counts: GradeCounts,
    /// All cadres as one group, against `settings.excellent_share_max` (the office's settings).
    pub excellent: ExcellentShare,
}

/// Each department's cadres are rated with that department's settings; the cap for the whole is the
/// office's (`settings`).
pub fn grade_distribution(
    files: &[DepartmentFile<'_>],
    template: &Template,
    settings: &RatingSettings,
) -> GradeDistribution {
    let results: Vec<_> = files
        .iter()
        .flat_map(|f| rate_department(f.assessment, template))
        .collect();
    GradeDistribution {
        counts: GradeCounts::of(&results),
        excellent: excellent_share(&results, settings),
    }
}

/// How many departments have not carried out one duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeakItem {
    pub item_id: String,
    pub not_implemented: usize,
    pub partial: usize,
    pub unanswered: usize,
    /// Departments counted (the files given).
    pub departments: usize,
}

impl WeakItem {
    /// Departments that have not fully carried it out: 未落实 + 部分落实 + unanswered.
    pub fn shortfall(&self) -> usize {
        self.not_implemented + self.partial + self.unanswered
    }
}

/// Every duty (red lines aside) that at least one department has not fully carried out, most
/// departments first, then by 未落实, then in the plan's order.
pub fn weak_items(files: &[DepartmentFile<'_>], template: &Template) -> Vec<WeakItem> {
    let mut items: Vec<(usize, WeakItem)> = template
        .items()
        .filter(|i| !i.kind.is_red_line())
        .enumerate()
        .map(|(position, item)| {
            let mut w = WeakItem {
                item_id: item.id.clone(),
                not_implemented: 0,
                partial: 0,
                unanswered: 0,
                departments: files.len(),
            };
            for f in files {
                match f.assessment.answer(&item.id).and_then(|a| a.response) {
                    Some(Response::NotImplemented) => w.not_implemented += 1,
                    Some(Response::Partial) => w.partial += 1,
                    None => w.unanswered += 1,
                    Some(_) => {}
                }
            }
            (position, w)
        })
        .filter(|(_, w)| w.shortfall() > 0)
        .collect();
    crate::order::sort_by(&mut items, |(pa, a), (pb, b)| {
        b.shortfall()
            .cmp(&a.shortfall())
            .then_with(|| b.not_implemented.cmp(&a.not_implemented))
            .then_with(|| pa.cmp(pb))
    });
    items.into_iter().map(|(_, w)| w).collect()
}

/// One red line that occurred in one department, with what the office decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedLineCase {
    pub department: DepartmentKey,
    /// Unit and department as the file spells them.
    pub unit: String,
    pub department_name: String,
    pub item_id: String,
    #[serde(default, with = "crate::iso::opt_date")]
    pub occurred_on: Option<NaiveDate>,
    /// What happened, as the department wrote it (empty in a sanitised file).
    pub note: String,
    pub owner: String,
    /// The office's decisions on it, by date.
    pub decisions: Vec<AccountabilityRecord>,
}

impl RedLineCase {
    /// No decision recorded yet.
    pub fn is_pending(&self) -> bool {
        self.decisions.is_empty()
    }
}

/// Every red line answered 已发生 in `files` (the current file of each department), by date of
/// occurrence (undated last), then department, then the plan's order.
pub fn red_line_cases(files: &[DepartmentFile<'_>], template: &Template) -> Vec<RedLineCase> {
    let mut cases = Vec::new();
    for file in files {
        let a = file.assessment;
        for (position, item) in template.items().enumerate() {
            if !item.kind.is_red_line() {
                continue;
            }
            let Some(answer) = a.answer(&item.id) else {
                continue;
            };
            if answer.response != Some(Response::Occurred) {
                continue;
            }
            let mut decisions: Vec<AccountabilityRecord> = file
                .review
                .map(|r| {
                    r.accountability
                        .iter()
                        .filter(|d| d.item_id == item.id)
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            crate::order::sort_by_key(&mut decisions, |d| d.decided_on);
            cases.push((
                position,
                RedLineCase {
                    department: a.profile.department_key(),
                    unit: a.profile.unit.clone(),
                    department_name: a.profile.department.clone(),
                    item_id: item.id.clone(),
                    occurred_on: answer.occurred_on,
                    note: answer.note.clone(),
                    owner: answer.owner.clone(),
                    decisions,
                },
            ));
        }
    }
    crate::order::sort_by(&mut cases, |(pa, a), (pb, b)| {
        (a.occurred_on.is_none(), a.occurred_on, &a.department, pa).cmp(&(
            b.occurred_on.is_none(),
            b.occurred_on,
            &b.department,
            pb,
        ))
    });
    cases.into_iter().map(|(_, c)| c).collect()
}
