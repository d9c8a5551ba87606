//! The calendar of key dates (节点) that each need a 节点前瞻性专题分析 beforehand.
//!
//! Duty 4.1.8 of the 意识形态工作责任制实施方案 reads: "对重要时间节点、法定节假日、传统节日、
//! 宗教节日、重大节庆活动需注意问题，进行前瞻性专题分析判断。" For an assessment year the app shows
//! those dates, and on the overview the ones coming up, so that each department does its analysis
//! *before* the day: before [`KeyDate::first_day`], which for a statutory holiday is the first day
//! of the official break, not the festival itself (春节 2026 is on 2月17日, the break starts 2月15日).
//!
//! # What is on the calendar
//! The occasions are a fixed, documented list ([`OCCASIONS`]; each names the source of its date):
//! - 法定节假日 ([`KeyDateKind::Statutory`]): the seven holidays of 国务院《全国年节及纪念日放假办法》
//!   (as amended with effect from 2025). For a year whose 国务院办公厅关于某年部分节假日安排的通知
//!   is published ([`notice`]), the break (first day, days off) is the notice's; for other years it
//!   is the holiday by the rule (春节 from 除夕, 劳动节 5月1日, 国庆 10月1日 …), `days_off` is `None`
//!   and the entry is [`estimated`](KeyDate::estimated) — the UI shows it as 预计.
//! - 传统节日 ([`KeyDateKind::Traditional`]): 除夕, 春节, 元宵, 清明 (a solar term), 端午, 七夕,
//!   中秋, 重阳 — from the embedded table.
//! - 宗教节日 ([`KeyDateKind::Religious`]): one or two public festivals of each religion with a large
//!   following in China: 佛诞 (汉传佛教, lunar table), 复活节 (computed here), 圣诞节 (fixed),
//!   开斋节 and 古尔邦节 (tabular Islamic calendar: always `estimated`, the real day follows the moon
//!   sighting). 道教 has no single nationwide public festival of that weight and is left out.
//! - 重要时间节点、纪念日 ([`KeyDateKind::Anniversary`]): fixed days set by law, by decision of the
//!   NPC Standing Committee or by the Party (七一). Others (e.g. 毛泽东同志诞辰 12月26日, local
//!   anniversaries, 全国两会) are not on it: they have no such source or no fixed date.
//!
//! One day and occasion is one entry. An occasion that is two things at once — 春节 is a statutory
//! holiday and a traditional festival, 国庆节 a statutory holiday and an anniversary — has its first
//! kind in [`KeyDate::kind`] (法定节假日 before the others, because the break is what planning needs)
//! and the other in [`KeyDate::also`]; [`KeyDate::is`] asks for either.
//!
//! # Where the data comes from
//! No calendar crate runs in the browser: the small one (chinese-lunisolar-calendar, ~4.5 KB of
//! gzipped wasm) has no solar terms, those that have them cost 56–330 KB, and none has holiday data
//! past the published notices anyway. The Chinese-calendar dates (lunar festivals, 除夕 on the 29th
//! or 30th, the solar term 清明) and the tabular Islamic dates are in `table.rs`, generated once
//! with tyme4rs (a dev-dependency only); a native test checks every row of it against tyme4rs
//! again. The years covered, [`YEARS`], are those the generator wrote. When the table was made,
//! tyme4rs, chinese-lunisolar-calendar 0.2.5 (table-based, from a different source) and lunar-rs
//! 1.0.0-rc1 agreed on every lunar date for 2018–2040, and 清明 also agreed with a separate
//! solar-longitude computation, the solar term never falling within an hour of midnight in the
//! covered years. The statutory notices are typed in by hand in `statutory.rs` from their
//! published text and checked against tyme4rs' own holiday data. When a new notice is published
//! (usually in November), add it there.
//!
//! # Example
//! ```
//! use chrono::NaiveDate;
//! use zrz_calendar::{key_dates, KeyDateKind};
//!
//! let year = key_dates(2026);
//! let spring = year.iter().find(|k| k.id == "spring_festival").unwrap();
//! assert_eq!(spring.date, NaiveDate::from_ymd_opt(2026, 2, 17).unwrap());
//! // The analysis is due before the break: 2月15日 to 23日, 9 days.
//! assert_eq!(spring.first_day, NaiveDate::from_ymd_opt(2026, 2, 15).unwrap());
//! assert_eq!(spring.days_off, Some(9));
//! assert!(spring.is(KeyDateKind::Traditional) && !spring.estimated);
//!
//! // Without a published notice the break is the rule's, shown as 预计.
//! let later = key_dates(2030);
//! let national_day = later.iter().find(|k| k.id == "national_day").unwrap();
//! assert!(national_day.estimated && national_day.days_off.is_none());
//! ```

use std::ops::RangeInclusive;

use chrono::{Datelike, Days, NaiveDate};

mod occasions;
mod statutory;
mod table;

#[cfg(test)]
mod generate;

pub use occasions::{occasion, Occasion, OCCASIONS};
pub use statutory::notice;

/// The years [`key_dates`] covers; outside them it returns nothing.
pub const YEARS: RangeInclusive<i32> = table::FIRST_YEAR..=table::LAST_YEAR;

/// Whether [`key_dates`] has data for `year`.
pub fn covers(year: i32) -> bool {
    YEARS.contains(&year)
}

/// The four kinds of occasion that duty 4.1.8 names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyDateKind {
    /// 法定节假日
    Statutory,
    /// 传统节日
    Traditional,
    /// 宗教节日
    Religious,
    /// 重要时间节点、纪念日
    Anniversary,
}

impl KeyDateKind {
    /// The Chinese label the plan uses for this kind.
    pub fn label(self) -> &'static str {
        match self {
            KeyDateKind::Statutory => "法定节假日",
            KeyDateKind::Traditional => "传统节日",
            KeyDateKind::Religious => "宗教节日",
            KeyDateKind::Anniversary => "重要时间节点",
        }
    }
}

/// One occasion on one day of one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyDate {
    /// Stable ASCII identifier of the occasion ("spring_festival"), the same every year.
    pub id: &'static str,
    /// The day itself: 春节 is 正月初一, 国庆节 is 10月1日.
    pub date: NaiveDate,
    /// Chinese name, e.g. "春节".
    pub name: &'static str,
    /// English name, e.g. "Spring Festival".
    pub en: &'static str,
    pub kind: KeyDateKind,
    /// The occasion's second kind, if it has one (春节: also [`KeyDateKind::Traditional`]).
    pub also: Option<KeyDateKind>,
    /// The first day the occasion takes: the first day off of a statutory break (possibly in the
    /// year before: 元旦 2023 started on 2022-12-31), otherwise `date`. The analysis is due before it.
    pub first_day: NaiveDate,
    /// Days of the official break starting at `first_day`, as the year's notice gives them
    /// (weekends joined to the holiday included). `None` for other occasions, and for statutory
    /// holidays of a year without a published notice.
    pub days_off: Option<u8>,
    /// Not fixed yet by the authority that fixes it: a statutory break before its notice is
    /// published (then `first_day` is the first holiday by rule), or an Islamic festival (moon
    /// sighting). The UI shows such a date as 预计.
    pub estimated: bool,
    /// What is particular about this year's entry (a merged break, an extension, the 预计 rule).
    pub note: Option<&'static str>,
    /// Where the occasion and its date come from (law, decision, calendar rule).
    pub source: &'static str,
}

impl KeyDate {
    /// Whether the occasion is of `kind`, as its first or its second kind.
    pub fn is(&self, kind: KeyDateKind) -> bool {
        self.kind == kind || self.also == Some(kind)
    }
}

/// Every key date of `year`, sorted by date (occasions on the same day in [`OCCASIONS`] order).
/// Empty when the year is not [covered](covers).
pub fn key_dates(year: i32) -> Vec<KeyDate> {
    if !covers(year) {
        return Vec::new();
    }
    let mut dates: Vec<KeyDate> = OCCASIONS
        .iter()
        .flat_map(|occasion| {
            occasion
                .dates(year)
                .into_iter()
                .map(move |date| entry(occasion, year, date))
        })
        .collect();
    // Insertion sort, stable: some 30 entries, nearly in order already, and the standard sort
    // would add kilobytes of wasm for this one type.
    for i in 1..dates.len() {
        let mut j = i;
        while j > 0 && dates[j - 1].date > dates[j].date {
            dates.swap(j - 1, j);
            j -= 1;
        }
    }
    dates
}

/// The entry of `occasion` on `date` of `year`, with its statutory break if it is a holiday.
fn entry(occasion: &'static Occasion, year: i32, date: NaiveDate) -> KeyDate {
    let forecast = occasion.always_estimated();
    let mut key_date = KeyDate {
        id: occasion.id,
        date,
        name: occasion.name,
        en: occasion.en,
        kind: occasion.kind,
        also: occasion.also,
        first_day: date,
        days_off: None,
        estimated: forecast,
        note: forecast.then_some(occasions::ISLAMIC_NOTE),
        source: occasion.source,
    };
    if occasion.kind == KeyDateKind::Statutory {
        let holiday = statutory::holiday_break(occasion.id, year, date);
        key_date.first_day = holiday.first_day;
        key_date.days_off = holiday.days_off;
        key_date.estimated = holiday.estimated;
        key_date.note = holiday.note;
    }
    key_date
}

/// The key dates of the `days` days starting at `from` (`from` itself included): those whose
/// [`first_day`](KeyDate::first_day) falls before the window ends and whose `date` is not past.
/// So a break that has begun still shows until its festival, and one that begins inside the window
/// shows even when the festival is after it. Crosses into the next year's table; sorted by date.
pub fn upcoming(from: NaiveDate, days: u32) -> Vec<KeyDate> {
    if days == 0 {
        return Vec::new();
    }
    let end = from
        .checked_add_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MAX);
    // A year's dates are all in that year, and a break starts at most days before its festival,
    // so only these years can hold a date of the window.
    let first = from.year().max(*YEARS.start());
    let last = end.year().saturating_add(1).min(*YEARS.end());
    (first..=last)
        .flat_map(key_dates)
        .filter(|key_date| key_date.date >= from && key_date.first_day < end)
        .collect()
}
