//! 台账: the rules around a department's dated ledger (the entry types are in `record::ledger`).
//!
//! The plan asks for things that can only be shown by a dated record: meetings twice a year, a study
//! session, a visit to the red memorial, an inspection, an analysis before each key date. This module
//! holds every rule that reads or changes that record, so the ledger page, the quota cards, the
//! key-date calendar and 我的待办 only render what it returns:
//! - [`entry`]: reading the entry form, and the flags of a stored entry;
//! - [`ops`]: adding, editing, deleting and linking entries, and what loses evidence;
//! - [`search`]: search, filters and the ledger's order;
//! - [`quota`]: counting the entries of a quota item's activity in the assessment year, and the pace;
//! - [`keydates`]: whether each key date of duty 4.1.8 has its analysis beforehand;
//! - [`todo`]: every open duty of the department in one list.
//!
//! An entry dated after `today` is a plan, not a record: it is kept and shown, but it counts for no
//! quota and covers no key date until its day has come.

pub mod entry;
pub mod keydates;
pub mod ops;
pub mod quota;
pub mod search;
pub mod todo;

use chrono::NaiveDate;

pub use entry::*;
pub use keydates::*;
pub use ops::*;
pub use quota::*;
pub use search::*;
pub use todo::*;

/// The activity whose entries cover key dates (节点前瞻性专题分析, duty 4.1.8).
pub const HOLIDAY_ANALYSIS: &str = "holiday_analysis";

/// 1 January and 31 December of `year`; `None` for a year chrono cannot represent.
pub fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}
