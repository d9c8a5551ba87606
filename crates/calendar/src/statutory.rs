//! 法定节假日: the break of each statutory holiday, from the year's notice or else by the rule.
//!
//! The 放假办法 fixes which days are holidays; each year a 国务院办公厅关于某年部分节假日安排的通知
//! fixes the actual break, joining weekends and swapping working days (调休). Only the notice says
//! when the break starts, and the analysis is due before that, so a year with a notice uses it and
//! a year without one shows the holiday by the rule as 预计 (`estimated`). The notices below are
//! typed in from their published text; `tests/notices.rs` checks each break against the holiday
//! data of tyme4rs, kept independently. A new notice comes out each autumn: add it to `NOTICES`,
//! and its year to `NOTICE_YEARS` in `tests/api.rs`; `tests/notices.rs` then needs a tyme4rs that
//! has that year (bump its pin in `Cargo.toml` and regenerate the table, whose header names it).

use chrono::NaiveDate;

/// A year's notice: its citation and the break of each of the seven holidays.
struct Notice {
    year: i32,
    document: &'static str,
    breaks: [Break; 7],
}

/// One holiday's break in a notice: from `first_day`, `days_off` days in a row.
struct Break {
    id: &'static str,
    first_day: NaiveDate,
    days_off: u8,
    note: Option<&'static str>,
}

const fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("not a date"),
    }
}

const fn holiday(id: &'static str, first_day: NaiveDate, days_off: u8) -> Break {
    Break {
        id,
        first_day,
        days_off,
        note: None,
    }
}

const fn noted(id: &'static str, first_day: NaiveDate, days_off: u8, note: &'static str) -> Break {
    Break {
        id,
        first_day,
        days_off,
        note: Some(note),
    }
}

const MERGED: &str = "国庆节、中秋节合并放假调休";

const NOTICES: &[Notice] = &[
    Notice {
        year: 2020,
        document: "国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号）；\
                   国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）",
        breaks: [
            holiday("new_year", day(2020, 1, 1), 1),
            noted(
                "spring_festival",
                day(2020, 1, 24),
                10,
                "原定1月24日至30日共7天，为防控新冠肺炎疫情延长至2月2日",
            ),
            holiday("qingming", day(2020, 4, 4), 3),
            holiday("labour_day", day(2020, 5, 1), 5),
            holiday("dragon_boat", day(2020, 6, 25), 3),
            noted("mid_autumn", day(2020, 10, 1), 8, MERGED),
            noted("national_day", day(2020, 10, 1), 8, MERGED),
        ],
    },
    Notice {
        year: 2021,
        document: "国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号）",
        breaks: [
            holiday("new_year", day(2021, 1, 1), 3),
            holiday("spring_festival", day(2021, 2, 11), 7),
            holiday("qingming", day(2021, 4, 3), 3),
            holiday("labour_day", day(2021, 5, 1), 5),
            holiday("dragon_boat", day(2021, 6, 12), 3),
            holiday("mid_autumn", day(2021, 9, 19), 3),
            holiday("national_day", day(2021, 10, 1), 7),
        ],
    },
    Notice {
        year: 2022,
        document: "国务院办公厅关于2022年部分节假日安排的通知（国办发明电〔2021〕11号）",
        breaks: [
            holiday("new_year", day(2022, 1, 1), 3),
            holiday("spring_festival", day(2022, 1, 31), 7),
            holiday("qingming", day(2022, 4, 3), 3),
            holiday("labour_day", day(2022, 4, 30), 5),
            holiday("dragon_boat", day(2022, 6, 3), 3),
            holiday("mid_autumn", day(2022, 9, 10), 3),
            holiday("national_day", day(2022, 10, 1), 7),
        ],
    },
    Notice {
        year: 2023,
        document: "国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）",
        breaks: [
            holiday("new_year", day(2022, 12, 31), 3),
            holiday("spring_festival", day(2023, 1, 21), 7),
            holiday("qingming", day(2023, 4, 5), 1),
            holiday("labour_day", day(2023, 4, 29), 5),
            holiday("dragon_boat", day(2023, 6, 22), 3),
            noted("mid_autumn", day(2023, 9, 29), 8, MERGED),
            noted("national_day", day(2023, 9, 29), 8, MERGED),
        ],
    },
    Notice {
        year: 2024,
        document: "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）",
        breaks: [
            noted(
                "new_year",
                day(2023, 12, 30),
                3,
                "通知原文：1月1日放假，与周末连休",
            ),
            noted(
                "spring_festival",
                day(2024, 2, 10),
                8,
                "通知鼓励安排职工在除夕（2月9日）休息",
            ),
            holiday("qingming", day(2024, 4, 4), 3),
            holiday("labour_day", day(2024, 5, 1), 5),
            noted(
                "dragon_boat",
                day(2024, 6, 8),
                3,
                "通知原文：6月10日放假，与周末连休",
            ),
            holiday("mid_autumn", day(2024, 9, 15), 3),
            holiday("national_day", day(2024, 10, 1), 7),
        ],
    },
    Notice {
        year: 2025,
        document: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
        breaks: [
            holiday("new_year", day(2025, 1, 1), 1),
            holiday("spring_festival", day(2025, 1, 28), 8),
            holiday("qingming", day(2025, 4, 4), 3),
            holiday("labour_day", day(2025, 5, 1), 5),
            holiday("dragon_boat", day(2025, 5, 31), 3),
            noted("mid_autumn", day(2025, 10, 1), 8, MERGED),
            noted("national_day", day(2025, 10, 1), 8, MERGED),
        ],
    },
    Notice {
        year: 2026,
        document: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
        breaks: [
            holiday("new_year", day(2026, 1, 1), 3),
            noted(
                "spring_festival",
                day(2026, 2, 15),
                9,
                "自腊月二十八起放假调休",
            ),
            holiday("qingming", day(2026, 4, 4), 3),
            holiday("labour_day", day(2026, 5, 1), 5),
            holiday("dragon_boat", day(2026, 6, 19), 3),
            holiday("mid_autumn", day(2026, 9, 25), 3),
            holiday("national_day", day(2026, 10, 1), 7),
        ],
    },
];

/// For a year without a notice: how many days before the holiday its first day by rule is
/// (春节 begins on 除夕), and what the UI should say about it.
const RULES: [(&str, u64, &str); 7] = [
    (
        "new_year",
        0,
        "放假安排待当年通知；按放假办法元旦放假1天（1月1日）",
    ),
    (
        "spring_festival",
        1,
        "放假安排待当年通知；按放假办法春节放假4天（除夕至正月初三），\
         2025年起通常自除夕起放假调休8天",
    ),
    (
        "qingming",
        0,
        "放假安排待当年通知；按放假办法清明节放假1天（清明当日）",
    ),
    (
        "labour_day",
        0,
        "放假安排待当年通知；按放假办法劳动节放假2天（5月1日、2日），通常放假调休5天",
    ),
    (
        "dragon_boat",
        0,
        "放假安排待当年通知；按放假办法端午节放假1天，通常放假调休或连休3天",
    ),
    (
        "mid_autumn",
        0,
        "放假安排待当年通知；按放假办法中秋节放假1天，通常放假调休或连休3天，逢国庆节合并放假",
    ),
    (
        "national_day",
        0,
        "放假安排待当年通知；按放假办法国庆节放假3天（10月1日至3日），通常自10月1日起放假调休7天",
    ),
];

/// The citation of the State Council General Office's holiday notice for `year`, if this crate
/// has it; a year without one has its statutory breaks [`estimated`](crate::KeyDate::estimated).
pub fn notice(year: i32) -> Option<&'static str> {
    NOTICES
        .iter()
        .find(|notice| notice.year == year)
        .map(|notice| notice.document)
}

/// The break of a statutory holiday that falls on `date` in `year`.
pub(crate) struct HolidayBreak {
    pub(crate) first_day: NaiveDate,
    pub(crate) days_off: Option<u8>,
    pub(crate) estimated: bool,
    pub(crate) note: Option<&'static str>,
}

/// The break of the statutory holiday `id` on `date`: the notice's, else by the rule (estimated).
pub(crate) fn holiday_break(id: &str, year: i32, date: NaiveDate) -> HolidayBreak {
    let published = NOTICES
        .iter()
        .filter(|notice| notice.year == year)
        .flat_map(|notice| notice.breaks.iter())
        .find(|holiday| holiday.id == id);
    if let Some(holiday) = published {
        return HolidayBreak {
            first_day: holiday.first_day,
            days_off: Some(holiday.days_off),
            estimated: false,
            note: holiday.note,
        };
    }
    let (lead, note) = RULES
        .iter()
        .find(|(rule, _, _)| *rule == id)
        .map_or((0, None), |&(_, lead, note)| (lead, Some(note)));
    HolidayBreak {
        first_day: date
            .checked_sub_days(chrono::Days::new(lead))
            .unwrap_or(date),
        days_off: None,
        estimated: true,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{OCCASIONS, YEARS};

    #[test]
    fn every_notice_has_each_statutory_holiday_once_and_a_rule_for_each() {
        let mut statutory: Vec<&str> = OCCASIONS
            .iter()
            .filter(|o| o.kind == crate::KeyDateKind::Statutory)
            .map(|o| o.id)
            .collect();
        statutory.sort_unstable();
        for notice in NOTICES {
            let mut ids: Vec<&str> = notice.breaks.iter().map(|b| b.id).collect();
            ids.sort_unstable();
            assert_eq!(ids, statutory, "{}", notice.year);
            assert!(notice.document.contains(&notice.year.to_string()));
            assert!(YEARS.contains(&notice.year));
        }
        let mut ruled: Vec<&str> = RULES.iter().map(|(id, _, _)| *id).collect();
        ruled.sort_unstable();
        assert_eq!(ruled, statutory);
        assert!(NOTICES.windows(2).all(|w| w[0].year + 1 == w[1].year));
    }
}
