//! 我的待办 (`zrz_domain::ledger::todo`): what is on the list, and its order.

use zrz_domain::ledger::{todos, Target, Todo};
use zrz_domain::record::{Answer, Response, Task, TaskStatus};

use crate::support::*;

fn owned(owner: &str, due: &str, response: Option<Response>) -> Answer {
    Answer {
        response,
        owner: owner.into(),
        due: Some(d(due)),
        ..Answer::default()
    }
}

#[test]
fn every_open_duty_soonest_first_overdue_first() {
    let today = date(2025, 12, 20);
    let a = Dept::new("办公室", 2025)
        // Items with an owner and a deadline.
        .answer_with(
            "4.1.3",
            owned("王五", "2025-12-25", Some(Response::Partial)),
        )
        .answer_with("4.1.4", owned("赵六", "2025-11-30", None))
        .answer_with(
            "4.1.5",
            owned("赵六", "2025-11-01", Some(Response::Implemented)),
        )
        .answer_with("4.1.6", owned(" ", "2025-11-01", None))
        .answer_with(
            "4.1.7",
            Answer {
                done: Some(d("2025-10-01")),
                ..owned("王五", "2025-10-30", Some(Response::Partial))
            },
        )
        .answer_with(
            "4.1.9",
            owned("王五", "2026-02-01", Some(Response::NotImplemented)),
        )
        // Due on 31 December like the quotas: items come first on the same day.
        .answer_with("4.6.1", owned("王五", "2025-12-31", None))
        // Quotas: 4.1.1 has one of two (behind), 4.1.2 none (behind), 4.3.4 and 6.5 met.
        .entry(entry("m1", "2025-03-01", "party_group_meeting"))
        .entry(entry("r1", "2025-05-01", "red_education"))
        .entry(entry("s1", "2025-06-01", "special_inspection"))
        // Tasks.
        .task(Task {
            deadline: Some(d("2025-12-01")),
            owner: "王五".into(),
            ..task("t-late", "4.2.1")
        })
        .task(Task {
            deadline: Some(d("2025-12-28")),
            ..task("t-soon", "4.2.2")
        })
        .task(task("t-undated", "4.2.3"))
        .task(Task {
            status: TaskStatus::Done,
            deadline: Some(d("2025-11-01")),
            ..task("t-done", "4.3.1")
        })
        .task(Task {
            finding_id: Some("f-answered".into()),
            status: TaskStatus::Done,
            ..task("t-f", "4.4.1")
        })
        // Findings.
        .finding(finding("f-open", "4.5.1"))
        .finding(finding("f-answered", "4.4.1"))
        .finding(zrz_domain::record::Finding {
            closed: true,
            ..finding("f-closed", "4.5.2")
        })
        .build();
    let list = todos(shipped(), &a, today);
    let summary: Vec<(&str, String, bool)> = list
        .iter()
        .map(|t| {
            let id = match &t.target {
                Target::Item { item_id } => item_id.clone(),
                Target::KeyDate { key_date_id, .. } => key_date_id.to_string(),
                Target::Task { task_id } => task_id.clone(),
                Target::Finding { finding_id } => finding_id.clone(),
            };
            (t.todo.code(), id, t.overdue)
        })
        .collect();
    let s = String::from;
    assert_eq!(
        summary,
        [
            ("item_due", s("4.1.4"), true),          // 30 Nov
            ("task_open", s("t-late"), true),        // 1 Dec
            ("item_due", s("4.1.3"), false),         // 25 Dec
            ("key_date_due", s("christmas"), false), // 25 Dec, after the item on the same day
            ("task_open", s("t-soon"), false),       // 28 Dec
            ("item_due", s("4.6.1"), false),         // 31 Dec
            ("quota_behind", s("4.1.1"), false),     // 31 Dec
            ("quota_behind", s("4.1.2"), false),
            ("key_date_due", s("new_year"), false), // 1 Jan 2026
            ("finding_without_task", s("f-open"), false), // issued 10 Jan 2026
            ("item_due", s("4.1.9"), false),        // 1 Feb 2026
            ("task_open", s("t-undated"), false),
        ]
    );
    let quota = list
        .iter()
        .find(|t| matches!(&t.todo, Todo::Quota { item_id, .. } if item_id == "4.1.1"))
        .unwrap();
    assert_eq!(
        quota.todo,
        Todo::Quota {
            item_id: "4.1.1".into(),
            required: 2,
            done: 1,
            months_left: 1,
            days_left: 12
        }
    );
    assert_eq!(quota.date, Some(date(2025, 12, 31)));
    let key = list
        .iter()
        .find(|t| {
            matches!(
                t.todo,
                Todo::KeyDate {
                    key_date_id: "new_year",
                    ..
                }
            )
        })
        .unwrap();
    assert_eq!(
        key.target,
        Target::KeyDate {
            key_date_id: "new_year",
            date: date(2026, 1, 1)
        }
    );
    assert!(matches!(
        key.todo,
        Todo::KeyDate {
            days_until: 12,
            estimated: false,
            ..
        }
    ));
    let late = &list[0];
    assert_eq!(
        late.todo,
        Todo::Item {
            item_id: "4.1.4".into(),
            owner: "赵六".into(),
            due: date(2025, 11, 30)
        }
    );
}

#[test]
fn a_covered_key_date_and_a_met_quota_are_not_on_the_list() {
    let today = date(2025, 12, 20);
    let a = Dept::new("办公室", 2025)
        .entry(entry("n", "2025-12-15", "holiday_analysis"))
        .entry(entry("m1", "2025-03-01", "party_group_meeting"))
        .entry(entry("m2", "2025-09-01", "party_group_meeting"))
        .entry(entry("c", "2025-03-01", "central_group_study"))
        .entry(entry("r", "2025-03-01", "red_education"))
        .entry(entry("s", "2025-03-01", "special_inspection"))
        .build();
    let list = todos(shipped(), &a, today);
    assert!(
        list.iter().all(|t| !matches!(
            t.todo,
            Todo::KeyDate {
                key_date_id: "new_year",
                ..
            }
        )),
        "{list:?}"
    );
    assert!(
        list.iter().all(|t| t.todo.code() != "quota_behind"),
        "{list:?}"
    );
    let day = date(2025, 1, 1);
    let s = String::new;
    assert_eq!(
        [
            Target::Item { item_id: s() },
            Target::KeyDate {
                key_date_id: "x",
                date: day
            },
            Target::Task { task_id: s() },
            Target::Finding { finding_id: s() },
        ]
        .map(|t| t.code()),
        ["item", "key_date", "task", "finding"]
    );
    assert_codes(
        &[
            Todo::Item {
                item_id: s(),
                owner: s(),
                due: day,
            },
            Todo::Quota {
                item_id: s(),
                required: 1,
                done: 0,
                months_left: 1,
                days_left: 1,
            },
            Todo::KeyDate {
                key_date_id: "x",
                first_day: day,
                days_until: 1,
                estimated: false,
            },
            Todo::Task {
                task_id: s(),
                item_id: s(),
                finding_id: None,
                owner: s(),
                deadline: None,
            },
            Todo::Finding {
                finding_id: s(),
                item_id: s(),
                issued_on: day,
            },
        ]
        .iter()
        .map(Todo::code)
        .collect::<Vec<_>>(),
    );
}
