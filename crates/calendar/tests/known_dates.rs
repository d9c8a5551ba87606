//! Dates known from sources other than the calendar crate the table was generated with: the
//! State Council holiday notices (which name 除夕, 正月初一, 端午, 中秋 for 2020–2026) and printed
//! calendars. A wrong table row, a wrong column or a wrong decoding fails here.

use chrono::NaiveDate;
use zrz_calendar::key_dates;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The dates of `id` in the year of `date`.
fn dates_of(id: &str, date: NaiveDate) -> Vec<NaiveDate> {
    use chrono::Datelike;
    key_dates(date.year())
        .into_iter()
        .filter(|k| k.id == id)
        .map(|k| k.date)
        .collect()
}

const KNOWN: &[(&str, &str)] = &[
    ("spring_festival", "2020-01-25"),
    ("spring_festival", "2021-02-12"),
    ("spring_festival", "2022-02-01"),
    ("spring_festival", "2023-01-22"),
    ("spring_festival", "2024-02-10"),
    ("spring_festival", "2025-01-29"),
    ("spring_festival", "2026-02-17"),
    ("new_years_eve", "2022-01-31"), // 腊月二十九: the twelfth month had 29 days
    ("new_years_eve", "2024-02-09"),
    ("new_years_eve", "2025-01-28"), // 腊月二十九
    ("new_years_eve", "2026-02-16"), // 腊月二十九
    ("lantern_festival", "2024-02-24"),
    ("lantern_festival", "2025-02-12"),
    ("qingming", "2023-04-05"),
    ("qingming", "2024-04-04"),
    ("qingming", "2025-04-04"),
    ("qingming", "2026-04-05"),
    ("buddha_birthday", "2024-05-15"),
    ("buddha_birthday", "2025-05-05"),
    ("dragon_boat", "2020-06-25"),
    ("dragon_boat", "2023-06-22"),
    ("dragon_boat", "2024-06-10"),
    ("dragon_boat", "2025-05-31"),
    ("dragon_boat", "2026-06-19"),
    ("qixi", "2024-08-10"),
    ("qixi", "2025-08-29"),
    ("mid_autumn", "2020-10-01"),
    ("mid_autumn", "2023-09-29"),
    ("mid_autumn", "2024-09-17"),
    ("mid_autumn", "2025-10-06"),
    ("mid_autumn", "2026-09-25"),
    ("mid_autumn", "2033-09-08"),
    ("double_ninth", "2024-10-11"),
    ("double_ninth", "2025-10-29"),
    ("easter", "2020-04-12"),
    ("easter", "2021-04-04"),
    ("easter", "2022-04-17"),
    ("easter", "2023-04-09"),
    ("easter", "2024-03-31"),
    ("easter", "2025-04-20"),
    ("easter", "2026-04-05"),
    ("easter", "2027-03-28"),
    ("easter", "2028-04-16"),
    ("easter", "2029-04-01"),
    ("easter", "2030-04-21"),
    ("easter", "2031-04-13"),
    ("easter", "2032-03-28"),
    ("easter", "2033-04-17"),
    ("easter", "2034-04-09"),
    ("easter", "2035-03-25"),
    ("christmas", "2030-12-25"),
    ("nanjing_memorial", "2035-12-13"),
];

#[test]
fn known_dates_from_independent_sources() {
    for &(id, date) in KNOWN {
        let date = day(date);
        assert_eq!(dates_of(id, date), [date], "{id}");
    }
}

/// Breaks as the notices state them: first day and days off.
const KNOWN_BREAKS: &[(&str, i32, &str, u8)] = &[
    ("spring_festival", 2020, "2020-01-24", 10), // extended to 2月2日
    ("new_year", 2023, "2022-12-31", 3),         // starts in the year before
    ("qingming", 2023, "2023-04-05", 1),
    ("new_year", 2024, "2023-12-30", 3), // "1月1日放假，与周末连休"
    ("spring_festival", 2024, "2024-02-10", 8), // 除夕 not in the break
    ("spring_festival", 2025, "2025-01-28", 8),
    ("national_day", 2025, "2025-10-01", 8),
    ("mid_autumn", 2025, "2025-10-01", 8),
    ("new_year", 2026, "2026-01-01", 3),
    ("spring_festival", 2026, "2026-02-15", 9),
    ("labour_day", 2026, "2026-05-01", 5),
    ("dragon_boat", 2026, "2026-06-19", 3),
    ("mid_autumn", 2026, "2026-09-25", 3),
    ("national_day", 2026, "2026-10-01", 7),
];

#[test]
fn known_breaks_from_the_notices() {
    for &(id, year, first_day, days_off) in KNOWN_BREAKS {
        let entry = key_dates(year).into_iter().find(|k| k.id == id).unwrap();
        assert_eq!(
            (entry.first_day, entry.days_off, entry.estimated),
            (day(first_day), Some(days_off), false),
            "{id} {year}"
        );
    }
}
