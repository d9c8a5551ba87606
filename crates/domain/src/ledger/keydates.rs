//! Duty 4.1.8 on the calendar: each key date (zrz-calendar) and whether its 节点前瞻性专题分析 is in
//! the ledger *before* it.
//!
//! **Rule.** A key date is covered by every `holiday_analysis` entry dated in the 30 days before its
//! first day (the first day off of a statutory break, else the day itself): from `first_day − 30` to
//! `first_day − 1`, both included, and not after today. One analysis can so cover two close
//! occasions (中秋 and 国庆). Not covered, a key date is due from 30 days before its first day, and
//! passed from its first day on. Dates of years whose holiday notice is not published yet are
//! `estimated` (the calendar says so; the UI shows 预计).

use chrono::{Days, NaiveDate};
use zrz_calendar::KeyDate;

use super::HOLIDAY_ANALYSIS;
use crate::record::{Assessment, LedgerEntry};

/// How many days before a key date's first day its analysis may be made, and how far ahead the
/// overview looks.
pub const ANALYSIS_WINDOW_DAYS: u32 = 30;

/// Whether a key date has its analysis (module doc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// By these entries, by date.
    Covered { entries: Vec<String> },
    /// Not covered, and its first day is `days_until` days away (1 ..= 30).
    Due { days_until: u32 },
    /// Not covered, more than 30 days away.
    Upcoming,
    /// Not covered, and its first day has come.
    Passed,
}

impl Coverage {
    pub fn code(&self) -> &'static str {
        match self {
            Coverage::Covered { .. } => "covered",
            Coverage::Due { .. } => "due",
            Coverage::Upcoming => "upcoming",
            Coverage::Passed => "passed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDateStatus {
    pub key_date: KeyDate,
    pub coverage: Coverage,
}

/// The window of days whose analysis covers `key_date`: `first_day − 30 ..= first_day − 1`.
pub fn analysis_window(key_date: &KeyDate) -> Option<(NaiveDate, NaiveDate)> {
    let first_day = key_date.first_day;
    Some((
        first_day.checked_sub_days(Days::new(ANALYSIS_WINDOW_DAYS.into()))?,
        first_day.checked_sub_days(Days::new(1))?,
    ))
}

/// The coverage of one key date by `ledger` on `today`.
pub fn coverage(key_date: &KeyDate, ledger: &[LedgerEntry], today: NaiveDate) -> Coverage {
    if let Some((from, to)) = analysis_window(key_date) {
        let mut covering: Vec<&LedgerEntry> = ledger
            .iter()
            .filter(|e| {
                e.activity == HOLIDAY_ANALYSIS && from <= e.date && e.date <= to && e.date <= today
            })
            .collect();
        if !covering.is_empty() {
            crate::order::sort_by(&mut covering, |a, b| {
                a.date.cmp(&b.date).then_with(|| a.title.cmp(&b.title))
            });
            return Coverage::Covered {
                entries: covering.iter().map(|e| e.id.clone()).collect(),
            };
        }
    }
    let days_until = (key_date.first_day - today).num_days();
    if days_until <= 0 {
        Coverage::Passed
    } else if days_until <= i64::from(ANALYSIS_WINDOW_DAYS) {
        Coverage::Due {
            days_until: days_until as u32,
        }
    } else {
        Coverage::Upcoming
    }
}

fn statuses(dates: Vec<KeyDate>, ledger: &[LedgerEntry], today: NaiveDate) -> Vec<KeyDateStatus> {
    dates
        .into_iter()
        .map(|key_date| KeyDateStatus {
            coverage: coverage(&key_date, ledger, today),
            key_date,
        })
        .collect()
}

/// Every key date of the assessment year with its coverage, by date. Empty for a year the calendar
/// does not cover.
pub fn key_date_statuses(assessment: &Assessment, today: NaiveDate) -> Vec<KeyDateStatus> {
    key_date_statuses_of(assessment.profile.year, &assessment.ledger, today)
}

/// [`key_date_statuses`] from the parts it reads (for a page that holds the ledger, not the record).
pub fn key_date_statuses_of(
    year: i32,
    ledger: &[LedgerEntry],
    today: NaiveDate,
) -> Vec<KeyDateStatus> {
    statuses(zrz_calendar::key_dates(year), ledger, today)
}

/// The key dates of the next 30 days (crossing into the next year), for the overview and 我的待办:
/// those whose analysis window has opened (first day at most 30 days away) and whose day is not past
/// (a break that has begun shows until its festival; see `zrz_calendar::upcoming`). By date.
pub fn upcoming_key_dates(assessment: &Assessment, today: NaiveDate) -> Vec<KeyDateStatus> {
    // `upcoming(from, n)` takes first days before `from + n`; the window opens 30 days before.
    statuses(
        zrz_calendar::upcoming(today, ANALYSIS_WINDOW_DAYS + 1),
        &assessment.ledger,
        today,
    )
}
