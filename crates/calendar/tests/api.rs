//! What the app relies on: every covered year is complete, sorted and without duplicates; the
//! 预计 flag is set exactly where no notice is published; `upcoming` crosses year boundaries.

use std::collections::HashSet;

use chrono::{Datelike, Days, NaiveDate};
use zrz_calendar::{
    covers, key_dates, notice, occasion, upcoming, KeyDate, KeyDateKind, OCCASIONS, YEARS,
};

/// The years whose 国务院办公厅 holiday notice is encoded. Add a year here with its notice.
const NOTICE_YEARS: std::ops::RangeInclusive<i32> = 2020..=2026;

const TRADITIONAL: [&str; 8] = [
    "new_years_eve",
    "spring_festival",
    "lantern_festival",
    "qingming",
    "dragon_boat",
    "qixi",
    "mid_autumn",
    "double_ninth",
];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ids(dates: &[KeyDate]) -> Vec<&'static str> {
    dates.iter().map(|k| k.id).collect()
}

#[test]
fn covers_at_least_2020_to_2035_and_nothing_outside() {
    assert!(*YEARS.start() <= 2020 && *YEARS.end() >= 2035);
    for year in YEARS {
        assert!(covers(year));
        assert!(!key_dates(year).is_empty());
    }
    for year in [*YEARS.start() - 1, *YEARS.end() + 1, 1900, i32::MAX] {
        assert!(!covers(year));
        assert!(key_dates(year).is_empty(), "{year}");
    }
}

#[test]
fn every_year_is_sorted_in_its_year_and_without_duplicates() {
    for year in YEARS {
        let dates = key_dates(year);
        assert!(dates.windows(2).all(|w| w[0].date <= w[1].date), "{year}");
        assert!(dates.iter().all(|k| k.date.year() == year), "{year}");
        let unique: HashSet<(NaiveDate, &str)> = dates.iter().map(|k| (k.date, k.id)).collect();
        assert_eq!(unique.len(), dates.len(), "{year}");
    }
}

#[test]
fn every_year_has_each_occasion_once_and_the_islamic_ones_once_or_twice() {
    for year in YEARS {
        let dates = key_dates(year);
        for o in OCCASIONS {
            let n = dates.iter().filter(|k| k.id == o.id).count();
            let islamic = ["eid_al_fitr", "eid_al_adha"].contains(&o.id);
            assert!(
                if islamic {
                    (1..=2).contains(&n)
                } else {
                    n == 1
                },
                "{} {year}: {n}",
                o.id
            );
        }
        let traditional: Vec<&str> = dates
            .iter()
            .filter(|k| k.is(KeyDateKind::Traditional))
            .map(|k| k.id)
            .collect();
        let mut expected = TRADITIONAL.to_vec();
        let mut got = traditional.clone();
        expected.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, expected, "{year}");
    }
    // The tabular Islamic year is 11 days shorter: 开斋节 falls twice in 2033.
    let fitr: Vec<NaiveDate> = key_dates(2033)
        .into_iter()
        .filter(|k| k.id == "eid_al_fitr")
        .map(|k| k.date)
        .collect();
    assert_eq!(fitr, [day(2033, 1, 3), day(2033, 12, 23)]);
}

#[test]
fn statutory_breaks_are_estimated_exactly_in_years_without_a_notice() {
    for year in YEARS {
        let published = NOTICE_YEARS.contains(&year);
        assert_eq!(notice(year).is_some(), published, "{year}");
        let dates = key_dates(year);
        let statutory: Vec<&KeyDate> = dates
            .iter()
            .filter(|k| k.kind == KeyDateKind::Statutory)
            .collect();
        assert_eq!(statutory.len(), 7, "{year}");
        for k in statutory {
            assert_eq!(k.estimated, !published, "{} {year}", k.id);
            assert_eq!(k.days_off.is_some(), published, "{} {year}", k.id);
            assert!(k.note.is_some() || published, "{} {year}", k.id);
            match k.days_off {
                // The break holds the festival: first_day <= date < first_day + days_off.
                Some(days) => {
                    assert!(k.first_day <= k.date, "{} {year}", k.id);
                    let end = k.first_day + Days::new(days.into());
                    assert!(k.date < end, "{} {year}", k.id);
                }
                // By the rule 春节 starts on 除夕, the others on the day.
                None => {
                    let lead = if k.id == "spring_festival" { 1 } else { 0 };
                    assert_eq!((k.date - k.first_day).num_days(), lead, "{} {year}", k.id);
                }
            }
        }
        for k in dates.iter().filter(|k| k.kind != KeyDateKind::Statutory) {
            assert_eq!(k.first_day, k.date, "{} {year}", k.id);
            assert_eq!(k.days_off, None, "{} {year}", k.id);
            let islamic = k.id.starts_with("eid_");
            assert_eq!(k.estimated, islamic, "{} {year}", k.id);
            assert_eq!(k.note.is_some(), islamic, "{} {year}", k.id);
        }
    }
}

#[test]
fn spring_festival_by_rule_starts_on_new_years_eve() {
    let dates = key_dates(2030);
    let eve = dates.iter().find(|k| k.id == "new_years_eve").unwrap();
    let spring = dates.iter().find(|k| k.id == "spring_festival").unwrap();
    assert_eq!((eve.date, spring.date), (day(2030, 2, 2), day(2030, 2, 3)));
    assert_eq!(spring.first_day, eve.date);
    assert!(spring.estimated);
}

#[test]
fn one_entry_carries_both_kinds() {
    let dates = key_dates(2026);
    let get = |id| *dates.iter().find(|k| k.id == id).unwrap();
    for (id, second) in [
        ("new_year", KeyDateKind::Anniversary),
        ("labour_day", KeyDateKind::Anniversary),
        ("national_day", KeyDateKind::Anniversary),
        ("spring_festival", KeyDateKind::Traditional),
        ("qingming", KeyDateKind::Traditional),
    ] {
        let k = get(id);
        assert_eq!((k.kind, k.also), (KeyDateKind::Statutory, Some(second)));
        assert!(k.is(KeyDateKind::Statutory) && k.is(second));
        assert!(!k.is(KeyDateKind::Religious));
    }
    assert_eq!(
        dates.iter().filter(|k| k.date == day(2026, 1, 1)).count(),
        1
    );
    assert_eq!(
        dates.iter().filter(|k| k.date == day(2026, 10, 1)).count(),
        1
    );
    assert_eq!(KeyDateKind::Statutory.label(), "法定节假日");
}

#[test]
fn entries_carry_the_occasions_names() {
    for k in key_dates(2027) {
        let o = occasion(k.id).unwrap();
        assert_eq!(
            (k.name, k.en, k.kind, k.also, k.source),
            (o.name, o.en, o.kind, o.also, o.source)
        );
    }
    assert_eq!(occasion("spring_festival").unwrap().en, "Spring Festival");
    assert_eq!(occasion("mid_autumn").unwrap().name, "中秋节");
}

#[test]
fn upcoming_crosses_into_the_next_year() {
    let next = upcoming(day(2025, 12, 20), 30);
    let new_year: Vec<NaiveDate> = next
        .iter()
        .filter(|k| k.id == "new_year")
        .map(|k| k.date)
        .collect();
    assert_eq!(new_year, [day(2026, 1, 1)]);
    assert!(ids(&next).contains(&"christmas"));
    assert!(!ids(&next).contains(&"nanjing_memorial")); // 12月13日 is past
    assert!(next.windows(2).all(|w| w[0].date <= w[1].date));
    assert!(next
        .iter()
        .all(|k| k.date >= day(2025, 12, 20) && k.first_day < day(2026, 1, 19)));
}

#[test]
fn upcoming_counts_a_break_from_its_first_day() {
    // 2026: the break starts 2月15日, 除夕 is 2月16日, 春节 2月17日.
    let six_days = ids(&upcoming(day(2026, 2, 10), 6)); // 10th to 15th
    assert!(six_days.contains(&"spring_festival"));
    assert!(!six_days.contains(&"new_years_eve"));
    assert_eq!(
        ids(&upcoming(day(2026, 2, 16), 1)),
        ["new_years_eve", "spring_festival"]
    );
    // 元旦 2023 is in the 2023 table but its break starts on 2022-12-31.
    assert_eq!(ids(&upcoming(day(2022, 12, 31), 1)), ["new_year"]);
    assert_eq!(upcoming(day(2022, 12, 31), 1)[0].date, day(2023, 1, 1));
}

#[test]
fn upcoming_edges() {
    assert!(upcoming(day(2026, 2, 16), 0).is_empty());
    assert!(upcoming(day(2010, 1, 1), 30).is_empty());
    assert!(upcoming(day(2036, 1, 1), 400).is_empty());
    let rest = upcoming(day(2035, 12, 1), u32::MAX);
    assert!(!rest.is_empty() && rest.iter().all(|k| k.date.year() == 2035));
    let all_2035 = key_dates(2035);
    let whole_year = upcoming(day(2035, 1, 1), 365);
    assert_eq!(whole_year, all_2035);
}
