//! Finding entries on the ledger page: a text search, three filters and one order, as pure
//! functions over the entries, so the list, its count and an export of "what is shown" agree.
//!
//! - Search: the words typed, trimmed, found case-insensitively as a substring of the title, place,
//!   participants, summary, document number or where the material is kept. Empty text matches all.
//! - Filters: by activity id, by month (`YYYY-MM`), by linked item id; all given filters apply.
//! - Order: by date, then by title; entries equal in both keep their stored order.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::record::LedgerEntry;

/// A calendar month, read from and written as `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        YearMonth::of(date) == self
    }
}

impl FromStr for YearMonth {
    type Err = ();

    /// `2025-03` (and `2025-3`); anything else is refused.
    fn from_str(text: &str) -> Result<YearMonth, ()> {
        let (y, m) = text.trim().split_once('-').ok_or(())?;
        fn digits(s: &str, n: usize) -> Result<u32, ()> {
            // Digits only (`str::parse` would take a sign); an empty part fails to parse.
            if s.len() > n || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(());
            }
            s.parse().map_err(|_| ())
        }
        let year = digits(y, 4)? as i32;
        let month = digits(m, 2)?;
        if !(1..=12).contains(&month) {
            return Err(());
        }
        Ok(YearMonth { year, month })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The ledger page's search box and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerQuery {
    pub text: String,
    pub activity: Option<String>,
    pub month: Option<YearMonth>,
    pub item: Option<String>,
}

/// Whether `entry` contains `text` (see the module doc). `text` is compared trimmed.
pub fn matches_text(entry: &LedgerEntry, text: &str) -> bool {
    let needle = text.trim().to_lowercase();
    if needle.is_empty() {
        return true;
    }
    [
        &entry.title,
        &entry.place,
        &entry.participants,
        &entry.summary,
        &entry.doc_no,
        &entry.kept_at,
    ]
    .iter()
    .any(|field| field.to_lowercase().contains(&needle))
}

impl LedgerQuery {
    pub fn matches(&self, entry: &LedgerEntry) -> bool {
        matches_text(entry, &self.text)
            && self.activity.as_ref().is_none_or(|a| &entry.activity == a)
            && self.month.is_none_or(|m| m.contains(entry.date))
            && self.item.as_ref().is_none_or(|i| entry.evidences(i))
    }
}

/// The entries in ledger order: by date, then title; ties keep their stored order.
pub fn sorted_by_date(entries: &[LedgerEntry]) -> Vec<&LedgerEntry> {
    let mut sorted: Vec<&LedgerEntry> = entries.iter().collect();
    crate::order::sort_by(&mut sorted, |a, b| {
        a.date.cmp(&b.date).then_with(|| a.title.cmp(&b.title))
    });
    sorted
}

/// The entries the query matches, in ledger order.
pub fn search<'a>(entries: &'a [LedgerEntry], query: &LedgerQuery) -> Vec<&'a LedgerEntry> {
    sorted_by_date(entries)
        .into_iter()
        .filter(|e| query.matches(e))
        .collect()
}

/// The months that have entries, earliest first: the choices of the month filter.
pub fn months(entries: &[LedgerEntry]) -> Vec<YearMonth> {
    let mut months: Vec<YearMonth> = entries.iter().map(|e| YearMonth::of(e.date)).collect();
    crate::order::sort(&mut months);
    months.dedup();
    months
}

/// The entries that evidence `item_id`, in ledger order (the item card's list).
pub fn evidencing<'a>(entries: &'a [LedgerEntry], item_id: &str) -> Vec<&'a LedgerEntry> {
    sorted_by_date(entries)
        .into_iter()
        .filter(|e| e.evidences(item_id))
        .collect()
}

/// The entries that could be linked to `item_id` (those not yet evidencing it), latest first: the
/// choices of the item card's 关联已有台账.
pub fn linkable<'a>(entries: &'a [LedgerEntry], item_id: &str) -> Vec<&'a LedgerEntry> {
    let mut list: Vec<&LedgerEntry> = sorted_by_date(entries)
        .into_iter()
        .filter(|e| !e.evidences(item_id))
        .collect();
    list.reverse();
    list
}

/// How many rows the ledger page's list shows at first, and how many more each "显示更多" adds.
pub const LIST_PAGE: usize = 25;
/// The same on an item card (its evidencing entries, a quota's counted entries).
pub const CARD_PAGE: usize = 10;

/// The rows of a long list asked to be on screen: from `start` (0-based, included) to `end`
/// (excluded; `usize::MAX` for all), in slices of `page`. [`Window::of`] clamps it to a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
    pub page: usize,
}

/// What a [`Window`] shows of a list of `total` rows: rows `start..end`, `before` rows above them
/// and `after` rows below not shown; "显示更多" would add `next`, "显示前面" `earlier`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    pub start: usize,
    pub end: usize,
    pub total: usize,
    pub before: usize,
    pub after: usize,
    pub next: usize,
    pub earlier: usize,
}

impl Slice {
    pub fn shown(&self) -> usize {
        self.end - self.start
    }
}

impl Window {
    /// The first page.
    pub fn first(page: usize) -> Window {
        Window {
            start: 0,
            end: page,
            page: page.max(1),
        }
    }

    /// What it shows of a list of `total` rows. A window past the end of a list that shrank (an
    /// entry deleted) shows the page holding the last row.
    pub fn of(&self, total: usize) -> Slice {
        let start = if self.start >= total && total > 0 {
            (total - 1) / self.page * self.page
        } else {
            self.start.min(total)
        };
        let end = self.end.max(start + self.page).clamp(start, total);
        let after = total - end;
        Slice {
            start,
            end,
            total,
            before: start,
            after,
            next: after.min(self.page),
            earlier: start.min(self.page),
        }
    }

    /// One page more below (`all`: every row, above and below).
    pub fn more(&self, total: usize, all: bool) -> Window {
        if all {
            return Window {
                start: 0,
                end: usize::MAX,
                page: self.page,
            };
        }
        let s = self.of(total);
        Window {
            start: s.start,
            end: s.end + self.page,
            page: self.page,
        }
    }

    /// One page more above.
    pub fn earlier(&self, total: usize) -> Window {
        let s = self.of(total);
        Window {
            start: s.start.saturating_sub(self.page),
            end: s.end,
            page: self.page,
        }
    }

    /// A window that shows row `index` of a list of `total`: this one if it does, else the page
    /// that holds it.
    pub fn showing(&self, index: usize, total: usize) -> Window {
        let s = self.of(total);
        if (s.start..s.end).contains(&index) {
            return *self;
        }
        let start = index / self.page * self.page;
        Window {
            start,
            end: start + self.page,
            page: self.page,
        }
    }
}
