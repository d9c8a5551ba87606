//! The statutory breaks typed in from the State Council notices, checked against the holiday data
//! tyme4rs keeps (a separate transcription of the same notices): each break is a run of days off
//! with a working day on either side, and every day off tyme4rs lists belongs to one of the breaks.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use tyme4rs::tyme::solar::SolarDay;
use zrz_calendar::{key_dates, notice, KeyDate, KeyDateKind};

fn solar(date: NaiveDate) -> SolarDay {
    SolarDay::from_ymd(
        date.year().try_into().unwrap(),
        date.month().try_into().unwrap(),
        date.day().try_into().unwrap(),
    )
}

/// Whether tyme4rs has `date` as a day off: a holiday, or a weekend not swapped for work.
fn off(date: NaiveDate) -> bool {
    match solar(date).get_legal_holiday() {
        Some(holiday) => !holiday.is_work(),
        None => matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
    }
}

fn published_breaks() -> Vec<KeyDate> {
    (2020..)
        .take_while(|&year| notice(year).is_some())
        .flat_map(key_dates)
        .filter(|k| k.kind == KeyDateKind::Statutory)
        .collect()
}

fn days_of(k: &KeyDate) -> impl Iterator<Item = NaiveDate> + '_ {
    (0..k.days_off.unwrap()).map(|i| k.first_day + Days::new(i.into()))
}

#[test]
fn each_break_is_a_whole_run_of_days_off_in_tyme4rs() {
    let breaks = published_breaks();
    assert_eq!(
        breaks.len(),
        7 * 7,
        "seven holidays in each of the notices 2020–2026"
    );
    for k in &breaks {
        for date in days_of(k) {
            assert!(
                off(date),
                "{} {}: {date} is a working day in tyme4rs",
                k.id,
                k.date
            );
        }
        let before = k.first_day.pred_opt().unwrap();
        let after = k.first_day + Days::new(k.days_off.unwrap().into());
        assert!(
            !off(before),
            "{} {}: the break starts before {}",
            k.id,
            k.date,
            k.first_day
        );
        assert!(
            !off(after),
            "{} {}: the break goes on past {after}",
            k.id,
            k.date
        );
    }
}

#[test]
fn every_holiday_tyme4rs_lists_is_in_a_break() {
    let breaks = published_breaks();
    let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let mut checked = 0;
    for date in first.iter_days().take_while(|d| *d <= last) {
        match solar(date).get_legal_holiday() {
            Some(holiday) if !holiday.is_work() => {}
            _ => continue,
        }
        checked += 1;
        assert!(
            breaks.iter().any(|k| days_of(k).any(|d| d == date)),
            "{date} is a holiday in tyme4rs but in no break"
        );
    }
    assert!(checked > 150, "{checked}");
}
