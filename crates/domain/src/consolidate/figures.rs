//! The figures of one received file, kept beside it so that the office's summary of hundreds of
//! files is drawn from them without reading every file again: its row of the summary table, its
//! red lines with the office's decisions, and the duties it has not carried out. The views across
//! departments are combined from these ([`combine_grades`], [`combine_weak_items`]) and equal what
//! the functions over whole files give ([`super::grade_distribution`], [`super::weak_items`],
//! [`super::red_line_cases`]).
//!
//! A row depends on `today` (overdue items, ledger entries counted towards a quota), so figures
//! computed on one day hold until the first later day on which a due date passes or a ledger entry
//! comes due ([`FileFigures::holds_on`]); the caller keys them by everything else they depend on
//! (the file, the office's review of it, the template).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::across::{red_line_cases, weak_items, GradeDistribution, RedLineCase, WeakItem};
use super::row::{department_row, DepartmentRow, GradeCounts};
use super::DepartmentFile;
use crate::plan::Template;
use crate::scoring::{excellent_share_of, RatingSettings};

/// What the summary needs of one file (see the module doc).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileFigures {
    pub row: DepartmentRow,
    /// [`red_line_cases`] of this file alone.
    pub red_lines: Vec<RedLineCase>,
    /// [`weak_items`] of this file alone.
    pub weak: Vec<WeakItem>,
    /// The day they were computed for.
    #[serde(with = "crate::iso::date")]
    pub computed_on: NaiveDate,
    /// The first later day on which they may read differently; `None`: never.
    #[serde(default, with = "crate::iso::opt_date")]
    pub valid_until: Option<NaiveDate>,
}

impl FileFigures {
    pub fn of(file: &DepartmentFile<'_>, template: &Template, today: NaiveDate) -> FileFigures {
        let one = std::slice::from_ref(file);
        FileFigures {
            row: department_row(file, template, today),
            red_lines: red_line_cases(one, template),
            weak: weak_items(one, template),
            computed_on: today,
            valid_until: changes_after(file, today),
        }
    }

    /// Whether these figures are the file's figures on `today` too.
    pub fn holds_on(&self, today: NaiveDate) -> bool {
        today >= self.computed_on && self.valid_until.is_none_or(|d| today < d)
    }
}

/// The first day after `today` on which a row of `file` may change: the day after an item's
/// 完成时限 (it becomes overdue), or a ledger entry's date (it counts towards its quota).
/// Conservative: every due date and every entry counts, done or not.
fn changes_after(file: &DepartmentFile<'_>, today: NaiveDate) -> Option<NaiveDate> {
    let a = file.assessment;
    let due = a.answers.values().filter_map(|x| x.due?.succ_opt());
    let entries = a.ledger.iter().map(|e| e.date);
    due.chain(entries).filter(|&d| d > today).min()
}

/// [`super::grade_distribution`] from the rows' grade counts: every department's cadres rated with
/// its own settings, the cap for the whole the office's (`settings`).
pub fn combine_grades<'a>(
    rows: impl IntoIterator<Item = &'a DepartmentRow>,
    settings: &RatingSettings,
) -> GradeDistribution {
    let mut counts = GradeCounts::default();
    for r in rows {
        counts.add(&r.grades);
    }
    let people = counts.people();
    GradeDistribution {
        counts,
        excellent: excellent_share_of(people, people - counts.pending, counts.excellent, settings),
    }
}

/// [`super::weak_items`] of many files from each file's own: summed by item over `departments`
/// files, in the same order (most departments short first, then by 未落实, then the plan's order).
pub fn combine_weak_items<'a>(
    parts: impl IntoIterator<Item = &'a [WeakItem]>,
    departments: usize,
    template: &Template,
) -> Vec<WeakItem> {
    let mut by_id: std::collections::HashMap<&str, WeakItem> = Default::default();
    for part in parts {
        for w in part {
            let sum = by_id.entry(&w.item_id).or_insert_with(|| WeakItem {
                item_id: w.item_id.clone(),
                not_implemented: 0,
                partial: 0,
                unanswered: 0,
                departments,
            });
            sum.not_implemented += w.not_implemented;
            sum.partial += w.partial;
            sum.unanswered += w.unanswered;
        }
    }
    let mut items: Vec<(usize, WeakItem)> = template
        .items()
        .filter(|i| !i.kind.is_red_line())
        .enumerate()
        .filter_map(|(position, item)| Some((position, by_id.remove(item.id.as_str())?)))
        .collect();
    crate::order::sort_by(&mut items, |(pa, a), (pb, b)| {
        b.shortfall()
            .cmp(&a.shortfall())
            .then_with(|| b.not_implemented.cmp(&a.not_implemented))
            .then_with(|| pa.cmp(pb))
    });
    items.into_iter().map(|(_, w)| w).collect()
}

/// [`super::red_line_cases`] of many files from each file's own, in the same order.
pub fn combine_red_lines<'a>(
    parts: impl IntoIterator<Item = &'a [RedLineCase]>,
    template: &Template,
) -> Vec<RedLineCase> {
    let position: std::collections::HashMap<&str, usize> = template
        .items()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();
    let mut cases: Vec<RedLineCase> = parts.into_iter().flatten().cloned().collect();
    let at = |c: &RedLineCase| position.get(c.item_id.as_str()).copied();
    crate::order::sort_by(&mut cases, |a, b| {
        (a.occurred_on.is_none(), a.occurred_on, &a.department, at(a)).cmp(&(
            b.occurred_on.is_none(),
            b.occurred_on,
            &b.department,
            at(b),
        ))
    });
    cases
}
