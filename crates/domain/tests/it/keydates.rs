//! Key-date coverage (`zrz_domain::ledger::keydates`): the 30-day window before a key date's first
//! day, statuses at each threshold, and the real calendar across the year's end.

use chrono::NaiveDate;
use zrz_calendar::{KeyDate, KeyDateKind};
use zrz_domain::ledger::{
    analysis_window, coverage, key_date_statuses, upcoming_key_dates, Coverage,
};
use zrz_domain::record::LedgerEntry;

use crate::support::*;

fn key_date(id: &'static str, day: &str, first_day: &str) -> KeyDate {
    KeyDate {
        id,
        date: d(day),
        name: "节日",
        en: "holiday",
        kind: KeyDateKind::Statutory,
        also: None,
        first_day: d(first_day),
        days_off: Some(3),
        estimated: false,
        note: None,
        source: "test",
    }
}

fn analysis(id: &str, date: &str) -> LedgerEntry {
    entry(id, date, "holiday_analysis")
}

fn covered(ids: &[&str]) -> Coverage {
    Coverage::Covered {
        entries: ids.iter().map(|s| s.to_string()).collect(),
    }
}

#[test]
fn the_window_is_the_30_days_before_the_first_day() {
    // Festival on 3 October, break from 1 October: the window is 1 to 30 September.
    let k = key_date("national_day", "2025-10-03", "2025-10-01");
    assert_eq!(
        analysis_window(&k),
        Some((d("2025-09-01"), d("2025-09-30")))
    );
    let late = date(2025, 12, 1);
    for (day, expected) in [
        ("2025-08-31", false), // day −31
        ("2025-09-01", true),  // day −30
        ("2025-09-30", true),  // day −1
        ("2025-10-01", false), // day 0: the break has begun
        ("2025-10-03", false), // the festival itself
    ] {
        let got = coverage(&k, &[analysis("a", day)], late);
        assert_eq!(
            matches!(got, Coverage::Covered { .. }),
            expected,
            "analysis on {day}: {got:?}"
        );
    }
    // Only 节点前瞻性专题分析 entries cover.
    let other = entry("m", "2025-09-15", "party_group_meeting");
    assert_eq!(coverage(&k, &[other], late), Coverage::Passed);
}

#[test]
fn statuses_at_each_threshold() {
    let k = key_date("x", "2025-10-03", "2025-10-01");
    for (today, expected) in [
        (date(2025, 8, 31), Coverage::Upcoming),
        (date(2025, 9, 1), Coverage::Due { days_until: 30 }),
        (date(2025, 9, 30), Coverage::Due { days_until: 1 }),
        (date(2025, 10, 1), Coverage::Passed),
        (date(2025, 10, 5), Coverage::Passed),
    ] {
        assert_eq!(coverage(&k, &[], today), expected, "{today}");
    }
    // An analysis dated later in the window is a plan until its day.
    let planned = [analysis("p", "2025-09-20")];
    assert_eq!(
        coverage(&k, &planned, date(2025, 9, 10)),
        Coverage::Due { days_until: 21 }
    );
    assert_eq!(coverage(&k, &planned, date(2025, 9, 20)), covered(&["p"]));
}

#[test]
fn one_analysis_covers_two_close_occasions_and_several_are_listed_by_date() {
    let mid_autumn = key_date("mid_autumn", "2026-09-25", "2026-09-25");
    let national = key_date("national_day", "2026-10-01", "2026-10-01");
    let ledger = [
        analysis("late", "2026-09-20"),
        analysis("early", "2026-09-02"),
    ];
    let today = date(2026, 10, 10);
    assert_eq!(
        coverage(&mid_autumn, &ledger, today),
        covered(&["early", "late"])
    );
    assert_eq!(
        coverage(&national, &ledger, today),
        covered(&["early", "late"])
    );
    assert_eq!(
        coverage(&national, &[analysis("x", "2026-09-01")], today),
        covered(&["x"])
    );
    assert_eq!(
        coverage(&mid_autumn, &[analysis("x", "2026-08-26")], today),
        covered(&["x"])
    );
    assert_eq!(
        coverage(&mid_autumn, &[analysis("x", "2026-08-25")], today),
        Coverage::Passed
    );
}

#[test]
fn the_year_from_the_calendar() {
    let a = Dept::new("办公室", 2025)
        .entry(analysis("autumn", "2025-09-15"))
        .build();
    let statuses = key_date_statuses(&a, date(2025, 9, 20));
    assert!(statuses.len() > 20, "{}", statuses.len());
    assert!(statuses
        .windows(2)
        .all(|w| w[0].key_date.date <= w[1].key_date.date));
    let of = |id: &str| {
        statuses
            .iter()
            .find(|s| s.key_date.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // 2025: 中秋 and 国庆 share the break from 1 October; one analysis covers both.
    assert_eq!(of("national_day").coverage, covered(&["autumn"]));
    assert_eq!(of("mid_autumn").coverage, covered(&["autumn"]));
    assert_eq!(of("spring_festival").coverage, Coverage::Passed);
    assert!(statuses
        .iter()
        .all(|s| !s.key_date.estimated || !s.key_date.is(KeyDateKind::Statutory)));
    // A year the calendar does not cover has nothing.
    assert!(key_date_statuses(&Dept::new("办公室", 1990).build(), date(1990, 1, 1)).is_empty());
    // The same from the parts a page holds.
    assert_eq!(
        zrz_domain::ledger::key_date_statuses_of(2025, &a.ledger, date(2025, 9, 20)),
        statuses
    );
}

#[test]
fn the_next_30_days_cross_into_the_next_year_and_say_when_dates_are_estimated() {
    let a = Dept::new("办公室", 2025).build();
    let soon = upcoming_key_dates(&a, date(2025, 12, 20));
    let new_year = soon
        .iter()
        .find(|s| s.key_date.id == "new_year")
        .expect("元旦 2026 is within 30 days");
    assert_eq!(new_year.key_date.first_day, date(2026, 1, 1));
    assert_eq!(new_year.coverage, Coverage::Due { days_until: 12 });
    // The window opens exactly 30 days ahead: shown on day −30, not on day −31.
    let first: NaiveDate = date(2026, 1, 1);
    let shown = |today: NaiveDate| {
        upcoming_key_dates(&a, today)
            .iter()
            .any(|s| s.key_date.id == "new_year" && s.key_date.first_day == first)
    };
    assert!(shown(date(2025, 12, 2)));
    assert!(!shown(date(2025, 12, 1)));
    // Years without a published notice are estimated.
    let later = upcoming_key_dates(&Dept::new("办公室", 2030).build(), date(2030, 9, 15));
    let national = later
        .iter()
        .find(|s| s.key_date.id == "national_day")
        .expect("国庆 2030");
    assert!(national.key_date.estimated);
    assert_codes(&[
        covered(&[]).code(),
        Coverage::Due { days_until: 1 }.code(),
        Coverage::Upcoming.code(),
        Coverage::Passed.code(),
    ]);
}
