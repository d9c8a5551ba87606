//! Quota counting and pace (`zrz_domain::ledger::quota`): year boundaries, leap days, every
//! threshold date of the pace rule.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use zrz_domain::ledger::{pace, quota_status, quota_statuses, suggested_response, Pace};
use zrz_domain::record::{Assessment, Response};

use crate::support::*;

fn status(a: &Assessment, item: &str, today: NaiveDate) -> zrz_domain::ledger::QuotaStatus {
    quota_status(shipped().item(item).unwrap(), a, today).expect("a quota item")
}

#[test]
fn only_quota_items_have_a_status_in_template_order() {
    let a = Dept::new("办公室", 2025).build();
    let items: Vec<(String, u32, String)> = quota_statuses(shipped(), &a, date(2025, 6, 1))
        .into_iter()
        .map(|q| (q.item_id, q.required, q.activity))
        .collect();
    let s = String::from;
    assert_eq!(
        items,
        [
            (s("4.1.1"), 2, s("party_group_meeting")),
            (s("4.1.2"), 1, s("central_group_study")),
            (s("4.3.4"), 1, s("red_education")),
            (s("6.5"), 1, s("special_inspection")),
        ]
    );
    assert!(quota_status(shipped().item("4.1.3").unwrap(), &a, date(2025, 6, 1)).is_none());
}

#[test]
fn the_year_is_counted_from_1_january_to_31_december_inclusive() {
    let a = Dept::new("办公室", 2024)
        .entry(entry("before", "2023-12-31", "party_group_meeting"))
        .entry(entry("first", "2024-01-01", "party_group_meeting"))
        .entry(entry("leap", "2024-02-29", "party_group_meeting"))
        .entry(entry("last", "2024-12-31", "party_group_meeting"))
        .entry(entry("after", "2025-01-01", "party_group_meeting"))
        .entry(entry("other", "2024-06-01", "central_group_study"))
        .build();
    let q = status(&a, "4.1.1", date(2025, 3, 1));
    assert_eq!(q.entries, ["first", "leap", "last"], "by date");
    assert_eq!(q.done, 3);
    assert!(q.planned.is_empty());
    assert_eq!(q.pace, Pace::Met);
    assert_eq!(q.suggestion, Some(Response::Implemented));
    let study = status(&a, "4.1.2", date(2025, 3, 1));
    assert_eq!(study.entries, ["other"]);
}

#[test]
fn entries_dated_after_today_are_planned_not_counted() {
    let a = Dept::new("办公室", 2025)
        .entry(entry("done", "2025-03-01", "party_group_meeting"))
        .entry(entry("today", "2025-06-30", "party_group_meeting"))
        .entry(entry("plan", "2025-11-01", "party_group_meeting"))
        .build();
    let q = status(&a, "4.1.1", date(2025, 6, 30));
    assert_eq!(q.entries, ["done", "today"], "today's entry counts");
    assert_eq!(q.planned, ["plan"]);
    assert_eq!(q.pace, Pace::Met);
    let q = status(&a, "4.1.1", date(2025, 6, 29));
    assert_eq!((q.done, q.planned.len()), (1, 2));
}

fn behind(months_left: u32, days_left: u32) -> Pace {
    Pace::Behind {
        months_left,
        days_left,
    }
}

#[test]
fn pace_at_each_threshold_date() {
    let y = 2025;
    for (required, done, today, expected) in [
        // Before the year, and on its first day.
        (2, 0, date(2024, 12, 31), Pace::NotStarted),
        (2, 0, date(2025, 1, 1), Pace::OnTrack),
        // 0 of 2: behind once the second half has begun.
        (2, 0, date(2025, 6, 30), Pace::OnTrack),
        (2, 0, date(2025, 7, 1), behind(6, 184)),
        // 1 of 2: on track until the last quarter.
        (2, 1, date(2025, 7, 1), Pace::OnTrack),
        (2, 1, date(2025, 9, 30), Pace::OnTrack),
        (2, 1, date(2025, 10, 1), behind(3, 92)),
        (2, 2, date(2025, 10, 1), Pace::Met),
        // 0 of 1: behind in the last quarter only.
        (1, 0, date(2025, 9, 30), Pace::OnTrack),
        (1, 0, date(2025, 10, 1), behind(3, 92)),
        (1, 0, date(2025, 12, 31), behind(1, 1)),
        (1, 1, date(2025, 3, 1), Pace::Met),
        // After the year.
        (1, 0, date(2026, 1, 1), Pace::Missed),
        (2, 1, date(2026, 1, 1), Pace::Missed),
        (2, 3, date(2026, 1, 1), Pace::Met),
        // 0 of 3: parts of four months.
        (3, 0, date(2025, 4, 30), Pace::OnTrack),
        (3, 0, date(2025, 5, 1), behind(8, 245)),
        (3, 1, date(2025, 8, 31), Pace::OnTrack),
        (3, 1, date(2025, 9, 1), behind(4, 122)),
        // 1 of 5: parts of 2.4 months, the second ending inside May (4.8 months: 26 May).
        (5, 1, date(2025, 3, 13), Pace::OnTrack),
        (5, 1, date(2025, 5, 25), Pace::OnTrack),
        (5, 1, date(2025, 5, 26), behind(8, 220)),
    ] {
        assert_eq!(
            pace(required, done, y, today),
            expected,
            "{done} of {required} on {today}"
        );
    }
    // In a leap year the days left count 29 February.
    assert_eq!(pace(2, 0, 2024, date(2024, 7, 1)), behind(6, 184));
    assert_eq!(pace(2, 0, 2024, date(2024, 2, 29)), Pace::OnTrack);
    assert_eq!(pace(1, 0, 2024, date(2024, 10, 1)), behind(3, 92));
    assert_eq!(pace(3, 0, 2024, date(2024, 5, 1)), behind(8, 245));
    assert_eq!(pace(5, 0, 2025, date(2025, 3, 14)), behind(10, 293));
    assert_eq!(pace(5, 0, 2025, date(2025, 3, 13)), Pace::OnTrack);
}

#[test]
fn the_count_suggests_an_answer_and_an_unbacked_implemented_needs_review() {
    for (required, done, expected) in [
        (2, 0, Response::NotImplemented),
        (2, 1, Response::Partial),
        (2, 2, Response::Implemented),
        (2, 3, Response::Implemented),
        (1, 0, Response::NotImplemented),
        (1, 1, Response::Implemented),
    ] {
        assert_eq!(
            suggested_response(required, done),
            expected,
            "{done}/{required}"
        );
    }
    let one = Dept::new("办公室", 2025).entry(entry("e", "2025-03-01", "party_group_meeting"));
    let today = date(2025, 11, 1);
    let claimed = one.clone().answer("4.1.1", Response::Implemented).build();
    let q = status(&claimed, "4.1.1", today);
    assert_eq!(q.suggestion, Some(Response::Partial));
    assert!(q.needs_review);
    assert!(
        !status(
            &one.clone().answer("4.1.1", Response::Partial).build(),
            "4.1.1",
            today
        )
        .needs_review
    );
    let met = one
        .entry(entry("f", "2025-09-01", "party_group_meeting"))
        .answer("4.1.1", Response::Implemented)
        .build();
    assert!(!status(&met, "4.1.1", today).needs_review);
    // Before the year nothing is suggested.
    let early = Dept::new("办公室", 2026).build();
    assert_eq!(status(&early, "4.1.1", date(2025, 12, 1)).suggestion, None);
    assert_eq!(
        status(&early, "4.1.1", date(2025, 12, 1)).pace,
        Pace::NotStarted
    );
    assert_eq!(
        status(&early, "4.1.1", date(2026, 1, 1)).suggestion,
        Some(Response::NotImplemented)
    );
}

#[test]
fn pace_codes() {
    assert_codes(&[
        Pace::Met.code(),
        Pace::OnTrack.code(),
        behind(1, 1).code(),
        Pace::Missed.code(),
        Pace::NotStarted.code(),
    ]);
}

proptest! {
    /// Enough entries are met on any day of or after the year; before it, never started; a count
    /// never falls behind on a day when a smaller count is on track.
    #[test]
    fn pace_is_consistent(required in 1u32..7, done in 0usize..8, offset in -40i64..420) {
        let today = date(2025, 1, 1) + chrono::Duration::days(offset);
        let p = pace(required, done, 2025, today);
        if offset < 0 {
            prop_assert_eq!(p, Pace::NotStarted);
        } else if done >= required as usize {
            prop_assert_eq!(p, Pace::Met);
        } else if today.year() > 2025 {
            prop_assert_eq!(p, Pace::Missed);
        }
        if done > 0 && matches!(pace(required, done, 2025, today), Pace::Behind { .. }) {
            let fewer = pace(required, done - 1, 2025, today);
            prop_assert!(matches!(fewer, Pace::Behind { .. }), "{:?}", fewer);
        }
        // Once behind during the year, one day later is not better.
        if matches!(p, Pace::Behind { .. }) && today < date(2025, 12, 31) {
            let next = pace(required, done, 2025, today.succ_opt().unwrap());
            prop_assert!(matches!(next, Pace::Behind { .. }), "{:?}", next);
        }
    }
}
