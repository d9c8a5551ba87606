//! Quota items (党组每年至少两次专题研究 …): how many entries of the item's activity the ledger has
//! in the assessment year, what answer that suggests, and whether the department is keeping pace.
//!
//! **Counting.** An entry counts for a quota item when its activity is the item's activity and its
//! date is in the assessment year, 1 January to 31 December, both included, and not after today (an
//! entry dated later is a plan: it is listed in `planned` and counts once its day has come).
//!
//! **Suggested answer.** From the count: as many as required or more → 已落实; some but fewer →
//! 部分落实; none → 未落实. It is only a suggestion: the department still answers the item itself,
//! and an answer of 已落实 with fewer entries than required is marked for review.
//!
//! **Pace** (the rule the quota card shows), for a quota of N a year, on a given day:
//! - before the year begins: not started;
//! - when N entries are counted: met;
//! - after the year has ended with fewer than N: missed;
//! - during the year, behind when fewer entries are counted than the parts of the year already
//!   ended require — the year is split into N equal parts by months (for N = 2, January–June and
//!   July–December, so 0 of 2 is behind from 1 July), each part ended asks for one more — or when the
//!   last quarter (from 1 October) has begun and the quota is not met (so 0 of 1 is behind from
//!   1 October); otherwise on track.

use chrono::{Datelike, Days, NaiveDate};

use super::year_bounds;
use crate::plan::{Item, ItemKind, Template};
use crate::record::{Answer, Assessment, LedgerEntry, Response};

/// Whether the department is keeping pace with a quota (see the module doc for the rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Met,
    OnTrack,
    /// `months_left` counts this month to December, this month included; `days_left` counts today
    /// to 31 December, both included.
    Behind {
        months_left: u32,
        days_left: u32,
    },
    Missed,
    NotStarted,
}

impl Pace {
    pub fn code(&self) -> &'static str {
        match self {
            Pace::Met => "met",
            Pace::OnTrack => "on_track",
            Pace::Behind { .. } => "behind",
            Pace::Missed => "missed",
            Pace::NotStarted => "not_started",
        }
    }
}

/// One quota item's count, pace and suggested answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaStatus {
    pub item_id: String,
    pub activity: String,
    pub required: u32,
    /// Ids of the entries counted, by date (then title).
    pub entries: Vec<String>,
    /// `entries.len()`.
    pub done: usize,
    /// Entries of the activity in the year but dated after today, by date.
    pub planned: Vec<String>,
    pub pace: Pace,
    /// The answer the count suggests; `None` before the year begins.
    pub suggestion: Option<Response>,
    /// The stored answer is 已落实 but fewer entries than required are counted.
    pub needs_review: bool,
}

impl QuotaStatus {
    pub fn is_met(&self) -> bool {
        self.done >= self.required as usize
    }
}

/// The first day of part `k` (0 ≤ `k` < `parts`) of the year split into `parts` equal parts by
/// months (`k` = 0 is 1 January). Parts that do not fall on a month boundary (N = 5, 7 …) start
/// inside a month, in proportion to its days.
fn part_start(year: i32, parts: u32, k: u32) -> Option<NaiveDate> {
    let twelfths = 12 * k;
    let (whole, rest) = (twelfths / parts, twelfths % parts);
    let first = NaiveDate::from_ymd_opt(year, whole + 1, 1)?;
    if rest == 0 {
        return Some(first);
    }
    let next = first.checked_add_months(chrono::Months::new(1))?;
    let month_days = (next - first).num_days() as u32;
    let offset = (rest * month_days).div_ceil(parts);
    first.checked_add_days(Days::new(offset.into()))
}

/// The pace of a quota of `required` a year with `done` counted, on `today` (module doc).
pub fn pace(required: u32, done: usize, year: i32, today: NaiveDate) -> Pace {
    let Some((first, last)) = year_bounds(year) else {
        return Pace::NotStarted;
    };
    if today < first {
        return Pace::NotStarted;
    }
    if done >= required as usize {
        return Pace::Met;
    }
    if today > last {
        return Pace::Missed;
    }
    let parts_ended = (1..required)
        .filter(|&k| part_start(year, required, k).is_some_and(|start| start <= today))
        .count();
    let last_quarter = NaiveDate::from_ymd_opt(year, 10, 1).is_some_and(|oct| today >= oct);
    if done < parts_ended || last_quarter {
        Pace::Behind {
            months_left: 12 - today.month() + 1,
            days_left: ((last - today).num_days() + 1) as u32,
        }
    } else {
        Pace::OnTrack
    }
}

/// The answer a count suggests (module doc).
pub fn suggested_response(required: u32, done: usize) -> Response {
    if done >= required as usize {
        Response::Implemented
    } else if done > 0 {
        Response::Partial
    } else {
        Response::NotImplemented
    }
}

/// The status of one quota item; `None` if the item is not a quota.
pub fn quota_status(item: &Item, assessment: &Assessment, today: NaiveDate) -> Option<QuotaStatus> {
    quota_status_of(
        item,
        assessment.profile.year,
        &assessment.ledger,
        assessment.answer(&item.id),
        today,
    )
}

/// [`quota_status`] from the parts it reads: the assessment year, the ledger and the item's answer
/// (for a page that does not hold the whole record).
pub fn quota_status_of(
    item: &Item,
    year: i32,
    ledger: &[LedgerEntry],
    answer: Option<&Answer>,
    today: NaiveDate,
) -> Option<QuotaStatus> {
    let ItemKind::Quota { per_year, activity } = &item.kind else {
        return None;
    };
    let mut in_year: Vec<&LedgerEntry> = ledger
        .iter()
        .filter(|e| &e.activity == activity && e.date.year() == year)
        .collect();
    crate::order::sort_by(&mut in_year, |a, b| {
        a.date.cmp(&b.date).then_with(|| a.title.cmp(&b.title))
    });
    let (counted, planned): (Vec<&LedgerEntry>, Vec<&LedgerEntry>) =
        in_year.into_iter().partition(|e| e.date <= today);
    let done = counted.len();
    let pace = pace(*per_year, done, year, today);
    let answered_done = answer.is_some_and(|a| a.response == Some(Response::Implemented));
    Some(QuotaStatus {
        item_id: item.id.clone(),
        activity: activity.clone(),
        required: *per_year,
        entries: counted.iter().map(|e| e.id.clone()).collect(),
        done,
        planned: planned.iter().map(|e| e.id.clone()).collect(),
        pace,
        suggestion: (pace != Pace::NotStarted).then(|| suggested_response(*per_year, done)),
        needs_review: answered_done && done < *per_year as usize,
    })
}

/// Every quota item's status, in template order.
pub fn quota_statuses(
    template: &Template,
    assessment: &Assessment,
    today: NaiveDate,
) -> Vec<QuotaStatus> {
    template
        .items()
        .filter_map(|item| quota_status(item, assessment, today))
        .collect()
}
