#![cfg(not(target_arch = "wasm32"))]
//! Scoring, progress, filters and "下一项未填" (`domain::checklist`), and the form checks of
//! `domain::assessment`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::json;
use zrz_domain::checklist::{next_unanswered, summarize, From, ItemFilter};
use zrz_domain::plan::{ItemKind, Template};
use zrz_domain::record::{Answer, Assessment, FieldError, FieldProblem, Profile, Response};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2024, 6, 15)
}

/// A small template: chapter c1 has tasks t1 (40) and t2 (30) and quota q1 (10); chapter c2 has
/// red lines r1 and r2 (10 each).
fn mini() -> Template {
    mini_with_credit(
        json!({"implemented": 1.0, "partial": 0.5, "not_implemented": 0.0, "not_occurred": 1.0, "occurred": 0.0}),
    )
}

fn mini_with_credit(credit: serde_json::Value) -> Template {
    let item = |id: &str, kind: &str, points: f64| {
        let mut i = json!({"id": id, "number": "1", "text": format!("检查项{id}"), "kind": kind, "dimension": "de", "points": points});
        if kind == "quota" {
            i["quota"] = json!({"per_year": 2, "activity": "meeting"});
        }
        i
    };
    let t = json!({
        "id": "mini", "version": "1", "title": "小方案", "credit": credit,
        "activities": [{"id": "meeting", "name": "会议"}],
        "parts": [
            {"id": "1", "number": "一", "title": "读", "paragraphs": ["只读"]},
            {"id": "2", "number": "二", "title": "任务", "chapters": [
                {"id": "c1", "title": "任务", "weight": 80, "items": [item("t1", "task", 40.0), item("t2", "task", 30.0), item("q1", "quota", 10.0)]},
                {"id": "c2", "title": "红线", "weight": 20, "items": [item("r1", "red_line", 10.0), item("r2", "red_line", 10.0)]}
            ]}
        ]
    });
    Template::parse(&t.to_string()).expect("mini template is valid")
}

/// One chapter of four tasks, 25 points each.
fn tasks_only() -> Template {
    let items: Vec<_> = (1..=4)
        .map(|k| json!({"id": format!("t{k}"), "number": k.to_string(), "text": "任务", "kind": "task", "dimension": "qin", "points": 25}))
        .collect();
    let t = json!({
        "id": "tasks", "version": "1", "title": "任务",
        "credit": {"implemented": 1.0, "partial": 0.5, "not_implemented": 0.0, "not_occurred": 1.0, "occurred": 0.0},
        "parts": [{"id": "1", "number": "一", "title": "任务", "chapters": [{"id": "c", "title": "任务", "weight": 100, "items": items}]}]
    });
    Template::parse(&t.to_string()).expect("tasks-only template is valid")
}

fn answered(response: Response) -> Answer {
    Answer {
        response: Some(response),
        ..Answer::default()
    }
}

fn answers(rows: &[(&str, Response)]) -> BTreeMap<String, Answer> {
    rows.iter()
        .map(|(id, r)| (id.to_string(), answered(*r)))
        .collect()
}

/// Every item of `t` answered as a fully compliant department would.
fn all_good(t: &Template) -> BTreeMap<String, Answer> {
    t.items()
        .map(|i| {
            let r = if i.kind.is_red_line() {
                Response::NotOccurred
            } else {
                Response::Implemented
            };
            (i.id.clone(), answered(r))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Scoring

#[test]
fn scoring_table() {
    use Response::*;
    struct Row {
        name: &'static str,
        answers: &'static [(&'static str, Response)],
        score: Option<f64>,
        applicable: f64,
        earned: f64,
        red_lines: &'static [&'static str],
    }
    let rows = [
        Row {
            name: "all implemented, no red line occurred",
            answers: &[
                ("t1", Implemented),
                ("t2", Implemented),
                ("q1", Implemented),
                ("r1", NotOccurred),
                ("r2", NotOccurred),
            ],
            score: Some(100.0),
            applicable: 100.0,
            earned: 100.0,
            red_lines: &[],
        },
        Row {
            name: "nothing answered counts 0",
            answers: &[],
            score: Some(0.0),
            applicable: 100.0,
            earned: 0.0,
            red_lines: &[],
        },
        Row {
            name: "unanswered items count 0",
            answers: &[("t1", Implemented)],
            score: Some(40.0),
            applicable: 100.0,
            earned: 40.0,
            red_lines: &[],
        },
        Row {
            name: "partial counts half",
            answers: &[
                ("t1", Partial),
                ("t2", Implemented),
                ("q1", Implemented),
                ("r1", NotOccurred),
                ("r2", NotOccurred),
            ],
            score: Some(80.0),
            applicable: 100.0,
            earned: 80.0,
            red_lines: &[],
        },
        Row {
            name: "not implemented earns nothing",
            answers: &[
                ("t1", Implemented),
                ("t2", NotImplemented),
                ("q1", Partial),
                ("r1", NotOccurred),
                ("r2", NotOccurred),
            ],
            score: Some(65.0),
            applicable: 100.0,
            earned: 65.0,
            red_lines: &[],
        },
        Row {
            name: "不适用 leaves the denominator",
            answers: &[
                ("t1", NotApplicable),
                ("t2", Implemented),
                ("q1", Implemented),
                ("r1", NotOccurred),
                ("r2", NotOccurred),
            ],
            score: Some(100.0),
            applicable: 60.0,
            earned: 60.0,
            red_lines: &[],
        },
        Row {
            name: "不适用 beside 未落实",
            answers: &[
                ("t1", NotApplicable),
                ("t2", NotImplemented),
                ("q1", Implemented),
                ("r1", NotOccurred),
                ("r2", NotOccurred),
            ],
            score: Some(50.0),
            applicable: 60.0,
            earned: 30.0,
            red_lines: &[],
        },
        Row {
            name: "red line 已发生 earns 0 and is listed",
            answers: &[
                ("t1", Implemented),
                ("t2", Implemented),
                ("q1", Implemented),
                ("r1", Occurred),
                ("r2", NotOccurred),
            ],
            score: Some(90.0),
            applicable: 100.0,
            earned: 90.0,
            red_lines: &["r1"],
        },
        Row {
            name: "both red lines occurred, listed in template order",
            answers: &[("r2", Occurred), ("r1", Occurred)],
            score: Some(0.0),
            applicable: 100.0,
            earned: 0.0,
            red_lines: &["r1", "r2"],
        },
        Row {
            name: "rounds 66.666… to one decimal",
            answers: &[
                ("t1", NotApplicable),
                ("t2", Implemented),
                ("q1", NotImplemented),
                ("r1", Occurred),
                ("r2", NotOccurred),
            ],
            score: Some(66.7),
            applicable: 60.0,
            earned: 40.0,
            red_lines: &["r1"],
        },
        Row {
            name: "rounds 71.428… to one decimal",
            answers: &[
                ("t1", Partial),
                ("t2", NotApplicable),
                ("q1", Implemented),
                ("r1", NotOccurred),
                ("r2", NotOccurred),
            ],
            score: Some(71.4),
            applicable: 70.0,
            earned: 50.0,
            red_lines: &[],
        },
        Row {
            name: "rounds 15/90 = 16.666… up",
            answers: &[
                ("t1", NotImplemented),
                ("t2", Partial),
                ("q1", NotApplicable),
                ("r1", Occurred),
                ("r2", Occurred),
            ],
            score: Some(16.7),
            applicable: 90.0,
            earned: 15.0,
            red_lines: &["r1", "r2"],
        },
        Row {
            name: "answers to items the template lacks are ignored",
            answers: &[
                ("t1", Implemented),
                ("gone", Implemented),
                ("4.1.1", Implemented),
            ],
            score: Some(40.0),
            applicable: 100.0,
            earned: 40.0,
            red_lines: &[],
        },
    ];
    let t = mini();
    for row in rows {
        let s = summarize(&t, &answers(row.answers), today());
        assert_eq!(s.score, row.score, "{}", row.name);
        assert!(
            (s.applicable_points - row.applicable).abs() < 1e-9,
            "{}: applicable {}",
            row.name,
            s.applicable_points
        );
        assert!(
            (s.earned_points - row.earned).abs() < 1e-9,
            "{}: earned {}",
            row.name,
            s.earned_points
        );
        assert_eq!(s.red_lines_occurred, row.red_lines, "{}", row.name);
        assert_eq!(s.total, 5, "{}", row.name);
    }
}

#[test]
fn all_not_applicable_has_no_score() {
    let t = tasks_only();
    let all_na: BTreeMap<String, Answer> = t
        .items()
        .map(|i| (i.id.clone(), answered(Response::NotApplicable)))
        .collect();
    let s = summarize(&t, &all_na, today());
    assert_eq!(s.score, None);
    assert_eq!(s.applicable_points, 0.0);
    assert_eq!(s.answered, 4);

    // One applicable item is enough for a score again.
    let mut one = all_na.clone();
    one.insert("t3".into(), answered(Response::Partial));
    assert_eq!(summarize(&t, &one, today()).score, Some(50.0));
}

#[test]
fn credit_comes_from_the_template() {
    let t = mini_with_credit(
        json!({"implemented": 1.0, "partial": 0.25, "not_implemented": 0.1, "not_occurred": 1.0, "occurred": 0.0}),
    );
    let a = answers(&[
        ("t1", Response::Partial),
        ("t2", Response::NotImplemented),
        ("q1", Response::Implemented),
    ]);
    let s = summarize(&t, &a, today());
    // 40×0.25 + 30×0.1 + 10 = 23 of 100.
    assert_eq!(s.score, Some(23.0));
}

#[test]
fn shipped_template_all_good_scores_100_chapter_by_chapter() {
    let t = Template::shipped();
    let s = summarize(&t, &all_good(&t), today());
    assert_eq!(s.score, Some(100.0));
    assert_eq!(
        (s.total, s.answered),
        (t.items().count(), t.items().count())
    );
    assert_eq!(s.chapters.len(), t.chapters().count());
    for (p, c) in s.chapters.iter().zip(t.chapters()) {
        assert_eq!(p.chapter_id, c.id);
        assert_eq!((p.total, p.answered), (c.items.len(), c.items.len()));
        assert_eq!(p.applicable_points, c.weight);
        assert_eq!(p.earned_points, c.weight);
        assert_eq!(p.percent_answered(), 100.0);
    }
    assert!(s.red_lines_occurred.is_empty() && s.overdue.is_empty() && s.flagged.is_empty());
    assert_eq!(s.red_lines_unanswered, 0);
    assert_eq!(
        summarize(&t, &BTreeMap::new(), today()).red_lines_unanswered,
        10,
        "nothing answered"
    );

    // All red lines occurred and every task 不适用: only red lines remain, and they earn nothing.
    let worst: BTreeMap<String, Answer> = t
        .items()
        .map(|i| {
            let r = if i.kind.is_red_line() {
                Response::Occurred
            } else {
                Response::NotApplicable
            };
            (i.id.clone(), answered(r))
        })
        .collect();
    let s = summarize(&t, &worst, today());
    assert_eq!(s.score, Some(0.0));
    assert_eq!(s.applicable_points, 20.0);
    assert_eq!(s.red_lines_occurred.len(), 10);
}

#[test]
fn chapter_progress_counts_answers() {
    let t = mini();
    let mut a = answers(&[
        ("t1", Response::Implemented),
        ("q1", Response::NotApplicable),
    ]);
    a.insert(
        "t2".into(),
        Answer {
            note: "只写了说明".into(),
            ..Answer::default()
        },
    );
    let s = summarize(&t, &a, today());
    let c1 = &s.chapters[0];
    assert_eq!(
        (c1.chapter_id.as_str(), c1.total, c1.answered),
        ("c1", 3, 2)
    );
    assert_eq!(c1.percent_answered(), 66.7);
    assert_eq!((c1.applicable_points, c1.earned_points), (70.0, 40.0));
    let c2 = &s.chapters[1];
    assert_eq!((c2.total, c2.answered, c2.percent_answered()), (2, 0, 0.0));
    assert_eq!((s.total, s.answered), (5, 2));
}

// ---------------------------------------------------------------------------------------------
// Overdue, flags and filters

#[test]
fn overdue_table() {
    use Response::*;
    let due = |d: NaiveDate| Answer {
        due: Some(d),
        ..Answer::default()
    };
    let rows: Vec<(&str, Answer, bool)> = vec![
        ("no due date", Answer::default(), false),
        ("due yesterday, unanswered", due(date(2024, 6, 14)), true),
        (
            "due today is not yet overdue",
            due(date(2024, 6, 15)),
            false,
        ),
        ("due tomorrow", due(date(2024, 6, 16)), false),
        (
            "due yesterday, partial",
            Answer {
                response: Some(Partial),
                ..due(date(2024, 6, 1))
            },
            true,
        ),
        (
            "due yesterday, not implemented",
            Answer {
                response: Some(NotImplemented),
                ..due(date(2024, 6, 1))
            },
            true,
        ),
        (
            "due yesterday, implemented",
            Answer {
                response: Some(Implemented),
                ..due(date(2024, 6, 1))
            },
            false,
        ),
        (
            "due yesterday, not applicable",
            Answer {
                response: Some(NotApplicable),
                ..due(date(2024, 6, 1))
            },
            false,
        ),
        (
            "due yesterday, red line not occurred",
            Answer {
                response: Some(NotOccurred),
                ..due(date(2024, 6, 1))
            },
            false,
        ),
        (
            "due yesterday, red line occurred",
            Answer {
                response: Some(Occurred),
                ..due(date(2024, 6, 1))
            },
            false,
        ),
        (
            "due yesterday but done",
            Answer {
                done: Some(date(2024, 6, 2)),
                ..due(date(2024, 6, 1))
            },
            false,
        ),
        (
            "done without due date",
            Answer {
                done: Some(date(2024, 6, 2)),
                ..Answer::default()
            },
            false,
        ),
    ];
    for (name, answer, overdue) in rows {
        assert_eq!(answer.is_overdue(today()), overdue, "{name}");
        assert_eq!(
            ItemFilter::Overdue.matches(Some(&answer), today()),
            overdue,
            "filter: {name}"
        );
    }
}

#[test]
fn summary_lists_overdue_and_flagged_in_template_order() {
    let t = mini();
    let mut a = BTreeMap::new();
    a.insert(
        "r2".to_string(),
        Answer {
            flagged: true,
            ..answered(Response::NotOccurred)
        },
    );
    a.insert(
        "t2".to_string(),
        Answer {
            due: Some(date(2024, 1, 31)),
            ..answered(Response::Partial)
        },
    );
    a.insert(
        "t1".to_string(),
        Answer {
            due: Some(date(2024, 5, 1)),
            flagged: true,
            ..Answer::default()
        },
    );
    a.insert(
        "q1".to_string(),
        Answer {
            due: Some(date(2024, 5, 1)),
            ..answered(Response::Implemented)
        },
    );
    let s = summarize(&t, &a, today());
    assert_eq!(s.overdue, ["t1", "t2"]);
    assert_eq!(s.flagged, ["t1", "r2"]);
    // On the due date itself nothing is overdue yet.
    assert!(summarize(&t, &a, date(2024, 1, 31)).overdue.is_empty());
}

#[test]
fn every_item_filter() {
    let overdue = Answer {
        due: Some(date(2024, 1, 1)),
        ..Answer::default()
    };
    let cases: Vec<(&str, Option<Answer>)> = vec![
        ("no answer", None),
        ("empty answer", Some(Answer::default())),
        ("implemented", Some(answered(Response::Implemented))),
        ("partial", Some(answered(Response::Partial))),
        (
            "flagged implemented",
            Some(Answer {
                flagged: true,
                ..answered(Response::Implemented)
            }),
        ),
        ("overdue unanswered", Some(overdue.clone())),
        (
            "overdue partial, flagged",
            Some(Answer {
                flagged: true,
                response: Some(Response::Partial),
                ..overdue
            }),
        ),
        ("not applicable", Some(answered(Response::NotApplicable))),
    ];
    // Expected matches per case, in the order of `ItemFilter::ALL`: 全部, 未填, 部分落实, 待核实, 已逾期.
    let expected = [
        [true, true, false, false, false],
        [true, true, false, false, false],
        [true, false, false, false, false],
        [true, false, true, false, false],
        [true, false, false, true, false],
        [true, true, false, false, true],
        [true, false, true, true, true],
        [true, false, false, false, false],
    ];
    assert_eq!(
        ItemFilter::ALL,
        [
            ItemFilter::All,
            ItemFilter::Unanswered,
            ItemFilter::Partial,
            ItemFilter::Flagged,
            ItemFilter::Overdue
        ]
    );
    for ((name, answer), row) in cases.iter().zip(expected) {
        for (filter, want) in ItemFilter::ALL.into_iter().zip(row) {
            assert_eq!(
                filter.matches(answer.as_ref(), today()),
                want,
                "{:?} on {name}",
                filter
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 下一项未填

#[test]
fn next_unanswered_table() {
    use Response::*;
    let t = mini();
    // Template order: t1 t2 q1 r1 r2. Rows: (name, answers, where to start, expected next).
    type Row = (
        &'static str,
        Vec<(&'static str, Response)>,
        From<'static>,
        Option<&'static str>,
    );
    let rows: Vec<Row> = vec![
        (
            "nothing answered, from the start",
            vec![],
            From::At("t1"),
            Some("t1"),
        ),
        (
            "nothing answered, after t1",
            vec![],
            From::After("t1"),
            Some("t2"),
        ),
        (
            "skips answered items",
            vec![("t2", Implemented), ("q1", NotApplicable)],
            From::After("t1"),
            Some("r1"),
        ),
        (
            "wraps around past the end",
            vec![
                ("t2", Implemented),
                ("r1", NotOccurred),
                ("r2", NotOccurred),
            ],
            From::After("r1"),
            Some("t1"),
        ),
        (
            "wraps from the last item",
            vec![],
            From::After("r2"),
            Some("t1"),
        ),
        (
            "unknown current item starts at the beginning",
            vec![("t1", Implemented)],
            From::After("gone"),
            Some("t2"),
        ),
        (
            "only the current item is left",
            vec![
                ("t1", Implemented),
                ("q1", Implemented),
                ("r1", NotOccurred),
                ("r2", Occurred),
            ],
            From::After("t2"),
            Some("t2"),
        ),
        (
            "none left",
            vec![
                ("t1", Implemented),
                ("t2", Partial),
                ("q1", NotImplemented),
                ("r1", NotOccurred),
                ("r2", Occurred),
            ],
            From::After("t2"),
            None,
        ),
        (
            "from a chapter's first item, that item included",
            vec![("t1", Implemented)],
            From::At("q1"),
            Some("q1"),
        ),
        (
            "from a chapter's first item, answered: the next after it, not the plan's first",
            vec![("q1", Implemented)],
            From::At("q1"),
            Some("r1"),
        ),
        (
            "none left, from the start",
            vec![
                ("t1", Implemented),
                ("t2", Partial),
                ("q1", NotImplemented),
                ("r1", NotOccurred),
                ("r2", Occurred),
            ],
            From::At("t1"),
            None,
        ),
    ];
    for (name, given, after, want) in rows {
        let got = next_unanswered(&t, &answers(&given), after).map(|i| i.id.as_str());
        assert_eq!(got, want, "{name}");
    }

    // An answer without a response is still unanswered.
    let mut a = answers(&[("t1", Implemented)]);
    a.insert(
        "t2".into(),
        Answer {
            note: "草稿".into(),
            ..Answer::default()
        },
    );
    assert_eq!(
        next_unanswered(&t, &a, From::After("t1")).map(|i| i.id.as_str()),
        Some("t2")
    );
}

// ---------------------------------------------------------------------------------------------
// Answer::validate and Profile::validate

#[test]
fn answer_validation_table() {
    use Response::*;
    let task = ItemKind::Task;
    let quota = ItemKind::Quota {
        per_year: 1,
        activity: "other".into(),
    };
    let red = ItemKind::RedLine;
    let with = |response: Response| answered(response);
    let reason = |response: Response, reason: &str| Answer {
        reason: reason.into(),
        ..answered(response)
    };
    let occurred = |note: &str, on: Option<NaiveDate>| Answer {
        note: note.into(),
        occurred_on: on,
        ..answered(Occurred)
    };

    let rows: Vec<(&str, &ItemKind, Answer, Result<(), &str>)> = vec![
        ("empty answer", &task, Answer::default(), Ok(())),
        ("implemented task", &task, with(Implemented), Ok(())),
        ("partial task needs no reason", &task, with(Partial), Ok(())),
        ("implemented quota", &quota, with(Implemented), Ok(())),
        (
            "不适用 without reason",
            &task,
            with(NotApplicable),
            Err("reason"),
        ),
        (
            "不适用 with blank reason",
            &task,
            reason(NotApplicable, "  \n"),
            Err("reason"),
        ),
        (
            "不适用 with reason",
            &task,
            reason(NotApplicable, "本单位无下级党组织"),
            Ok(()),
        ),
        (
            "未落实 without reason",
            &task,
            with(NotImplemented),
            Err("reason"),
        ),
        (
            "未落实 on a quota without reason",
            &quota,
            with(NotImplemented),
            Err("reason"),
        ),
        (
            "未落实 with reason",
            &task,
            reason(NotImplemented, "经费未到位"),
            Ok(()),
        ),
        (
            "未发生 on a task",
            &task,
            with(NotOccurred),
            Err("response"),
        ),
        (
            "已发生 on a task",
            &task,
            occurred("情况", Some(date(2024, 6, 1))),
            Err("response"),
        ),
        (
            "未发生 on a quota",
            &quota,
            with(NotOccurred),
            Err("response"),
        ),
        (
            "已落实 on a red line",
            &red,
            with(Implemented),
            Err("response"),
        ),
        (
            "部分落实 on a red line",
            &red,
            with(Partial),
            Err("response"),
        ),
        (
            "不适用 on a red line, even with reason",
            &red,
            reason(NotApplicable, "无"),
            Err("response"),
        ),
        (
            "未落实 on a red line",
            &red,
            reason(NotImplemented, "无"),
            Err("response"),
        ),
        ("未发生", &red, with(NotOccurred), Ok(())),
        (
            "已发生 without note",
            &red,
            occurred("", Some(date(2024, 6, 1))),
            Err("note"),
        ),
        (
            "已发生 with blank note",
            &red,
            occurred(" ", Some(date(2024, 6, 1))),
            Err("note"),
        ),
        (
            "已发生 without date",
            &red,
            occurred("某网站转载错误言论", None),
            Err("occurred_on"),
        ),
        (
            "已发生 tomorrow",
            &red,
            occurred("某网站转载错误言论", Some(date(2024, 6, 16))),
            Err("occurred_on"),
        ),
        (
            "已发生 today",
            &red,
            occurred("某网站转载错误言论", Some(date(2024, 6, 15))),
            Ok(()),
        ),
        (
            "已发生 in 1999",
            &red,
            occurred("旧事", Some(date(1999, 12, 31))),
            Err("occurred_on"),
        ),
        (
            "done tomorrow",
            &task,
            Answer {
                done: Some(date(2024, 6, 16)),
                ..with(Implemented)
            },
            Err("done"),
        ),
        (
            "done today",
            &task,
            Answer {
                done: Some(date(2024, 6, 15)),
                ..with(Implemented)
            },
            Ok(()),
        ),
        (
            "due next year is fine",
            &task,
            Answer {
                due: Some(date(2025, 3, 1)),
                ..Answer::default()
            },
            Ok(()),
        ),
        (
            "due in 2100",
            &task,
            Answer {
                due: Some(date(2100, 12, 31)),
                ..Answer::default()
            },
            Ok(()),
        ),
        (
            "due in 2000",
            &task,
            Answer {
                due: Some(date(2000, 1, 1)),
                ..Answer::default()
            },
            Ok(()),
        ),
        (
            "due in 1999",
            &task,
            Answer {
                due: Some(date(1999, 12, 31)),
                ..Answer::default()
            },
            Err("due"),
        ),
        (
            "due in 2101",
            &task,
            Answer {
                due: Some(date(2101, 1, 1)),
                ..Answer::default()
            },
            Err("due"),
        ),
        (
            "done in 1999",
            &task,
            Answer {
                done: Some(date(1999, 1, 1)),
                ..with(Implemented)
            },
            Err("done"),
        ),
        (
            "done in 2124",
            &task,
            Answer {
                done: Some(date(2124, 1, 1)),
                ..with(Implemented)
            },
            Err("done"),
        ),
        (
            "stray occurrence date in 2101",
            &red,
            Answer {
                occurred_on: Some(date(2101, 1, 1)),
                ..with(NotOccurred)
            },
            Err("occurred_on"),
        ),
    ];
    for (name, kind, answer, want) in rows {
        let got = answer.validate(kind, today());
        match (got, want) {
            (Ok(()), Ok(())) => {}
            (Err(e), Err(field)) => {
                assert_eq!(e.field, field, "{name}: {e:?}");
                assert_eq!(e.to_string(), format!("{field}: {}", e.problem.code()));
            }
            (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn answer_errors_name_what_to_fix() {
    let na = answered(Response::NotApplicable)
        .validate(&ItemKind::Task, today())
        .unwrap_err();
    assert_eq!(
        na,
        FieldError::new(
            "reason",
            FieldProblem::ReasonRequired {
                response: Response::NotApplicable
            }
        )
    );
    let wrong = answered(Response::Implemented)
        .validate(&ItemKind::RedLine, today())
        .unwrap_err();
    assert_eq!(
        wrong,
        FieldError::new(
            "response",
            FieldProblem::ResponseDoesNotFit {
                response: Response::Implemented
            }
        )
    );
    let future = Answer {
        done: Some(date(2024, 7, 1)),
        ..Answer::default()
    }
    .validate(&ItemKind::Task, today())
    .unwrap_err();
    assert_eq!(
        future,
        FieldError::new(
            "done",
            FieldProblem::AfterToday {
                date: date(2024, 7, 1)
            }
        )
    );
}

#[test]
fn responses_fit_their_kind() {
    assert_eq!(Response::choices_for(&ItemKind::Task), Response::FOR_TASKS);
    assert_eq!(
        Response::choices_for(&ItemKind::Quota {
            per_year: 2,
            activity: "x".into()
        }),
        Response::FOR_TASKS
    );
    assert_eq!(
        Response::choices_for(&ItemKind::RedLine),
        Response::FOR_RED_LINES
    );
    for r in Response::FOR_TASKS
        .into_iter()
        .chain(Response::FOR_RED_LINES)
    {
        assert_eq!(Response::from_key(r.key()), Some(r));
        assert_eq!(serde_json::to_value(r).unwrap(), json!(r.key()));
        assert_eq!(
            r.needs_reason(),
            matches!(r, Response::NotApplicable | Response::NotImplemented)
        );
    }
    assert_eq!(Response::from_key("done"), None);
}

#[test]
fn profile_validation_table() {
    let good = Profile {
        unit: "县文化广播影视局".into(),
        department: "办公室".into(),
        filled_by: "张三".into(),
        year: 2024,
    };
    let rows: Vec<(&str, Profile, Result<(), &str>)> = vec![
        ("complete", good.clone(), Ok(())),
        (
            "year 2000",
            Profile {
                year: 2000,
                ..good.clone()
            },
            Ok(()),
        ),
        (
            "year 2100",
            Profile {
                year: 2100,
                ..good.clone()
            },
            Ok(()),
        ),
        (
            "missing unit",
            Profile {
                unit: String::new(),
                ..good.clone()
            },
            Err("unit"),
        ),
        (
            "blank department",
            Profile {
                department: " \t".into(),
                ..good.clone()
            },
            Err("department"),
        ),
        (
            "missing filler",
            Profile {
                filled_by: String::new(),
                ..good.clone()
            },
            Err("filled_by"),
        ),
        (
            "year 1999",
            Profile {
                year: 1999,
                ..good.clone()
            },
            Err("year"),
        ),
        (
            "year 2101",
            Profile {
                year: 2101,
                ..good.clone()
            },
            Err("year"),
        ),
        (
            "year unset",
            Profile {
                year: 0,
                ..good.clone()
            },
            Err("year"),
        ),
        (
            "everything missing names the first field",
            Profile::default(),
            Err("unit"),
        ),
    ];
    for (name, profile, want) in rows {
        let got = profile.validate();
        assert_eq!(
            profile.is_complete(),
            got.is_ok(),
            "{name}: is_complete agrees with validate"
        );
        match (got, want) {
            (Ok(()), Ok(())) => {}
            (Err(e), Err(field)) => {
                assert_eq!(e.field, field, "{name}: {e:?}");
            }
            (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
        }
    }
    assert_eq!(
        Profile {
            year: 1999,
            ..good.clone()
        }
        .validate()
        .unwrap_err()
        .problem,
        FieldProblem::YearOutOfRange { year: 1999 }
    );
    assert_eq!(Profile::for_year_of(date(2025, 1, 1)).year, 2025);
    assert!(!Profile::for_year_of(date(2025, 1, 1)).is_complete());
}

#[test]
fn orphaned_answers_are_kept_aside() {
    let t = mini();
    let assessment = Assessment {
        answers: answers(&[
            ("t1", Response::Implemented),
            ("old-3.5", Response::Partial),
        ]),
        ..Assessment::default()
    };
    assert_eq!(
        assessment.orphaned_answers(&t).collect::<Vec<_>>(),
        ["old-3.5"]
    );
    assert_eq!(
        assessment.answer("t1").and_then(|a| a.response),
        Some(Response::Implemented)
    );
}

// ---------------------------------------------------------------------------------------------
// Properties over the shipped template

/// For each item of the shipped template: no answer, or one of the responses that fit its kind.
fn arbitrary_answers() -> impl Strategy<Value = BTreeMap<String, Answer>> {
    let t = Template::shipped();
    let kinds: Vec<(String, bool)> = t
        .items()
        .map(|i| (i.id.clone(), i.kind.is_red_line()))
        .collect();
    proptest::collection::vec(proptest::option::of(0usize..4), kinds.len()).prop_map(move |picks| {
        kinds
            .iter()
            .zip(picks)
            .filter_map(|((id, red), pick)| {
                let choices: &[Response] = if *red {
                    &Response::FOR_RED_LINES
                } else {
                    &Response::FOR_TASKS
                };
                pick.map(|p| (id.clone(), answered(choices[p % choices.len()])))
            })
            .collect()
    })
}

/// Any response at all, fitting or not: summarize must not care.
fn any_answers() -> impl Strategy<Value = BTreeMap<String, Answer>> {
    let ids: Vec<String> = Template::shipped().items().map(|i| i.id.clone()).collect();
    let all = [
        Response::Implemented,
        Response::Partial,
        Response::NotImplemented,
        Response::NotApplicable,
        Response::NotOccurred,
        Response::Occurred,
    ];
    proptest::collection::vec(proptest::option::of(0usize..6), ids.len()).prop_map(move |picks| {
        ids.iter()
            .zip(picks)
            .filter_map(|(id, pick)| pick.map(|p| (id.clone(), answered(all[p]))))
            .collect()
    })
}

proptest! {
    #[test]
    fn score_is_none_or_between_0_and_100(answers in any_answers()) {
        let s = summarize(&Template::shipped(), &answers, today());
        match s.score {
            None => prop_assert_eq!(s.applicable_points, 0.0),
            Some(score) => {
                prop_assert!((0.0..=100.0).contains(&score), "score {}", score);
                prop_assert_eq!(score, (score * 10.0).round() / 10.0);
            }
        }
        prop_assert!(s.earned_points <= s.applicable_points + 1e-9);
    }

    #[test]
    fn marking_an_unanswered_item_implemented_never_lowers_the_score(answers in arbitrary_answers(), pick in any::<proptest::sample::Index>()) {
        let t = Template::shipped();
        let unanswered: Vec<&str> = t.items().filter(|i| !answers.contains_key(&i.id)).map(|i| i.id.as_str()).collect();
        prop_assume!(!unanswered.is_empty());
        let id = unanswered[pick.index(unanswered.len())];
        let before = summarize(&t, &answers, today()).score;
        let mut more = answers.clone();
        // 已落实 for tasks and quotas, its red-line counterpart 未发生 for red lines.
        let response = if t.item(id).unwrap().kind.is_red_line() { Response::NotOccurred } else { Response::Implemented };
        more.insert(id.to_string(), answered(response));
        let after = summarize(&t, &more, today()).score;
        // Every item is applicable while unanswered, so neither side can be None here.
        let (before, after) = (before.unwrap(), after.unwrap());
        prop_assert!(after >= before, "{} → {} after answering {}", before, after, id);
    }

    #[test]
    fn answered_never_exceeds_total(answers in any_answers()) {
        let t = Template::shipped();
        let s = summarize(&t, &answers, today());
        for (p, c) in s.chapters.iter().zip(t.chapters()) {
            prop_assert!(p.answered <= p.total);
            prop_assert_eq!(p.total, c.items.len());
            prop_assert!((0.0..=100.0).contains(&p.percent_answered()));
        }
        prop_assert_eq!(s.answered, answers.len());
        prop_assert_eq!(s.total, s.chapters.iter().map(|p| p.total).sum::<usize>());
        prop_assert_eq!(s.answered, s.chapters.iter().map(|p| p.answered).sum::<usize>());
    }
}
