//! 汇总 (`zrz_domain::consolidate`) over a fixture set of department files: duplicates, an older
//! export of the same department, a sanitised record, last year's files.
#![allow(clippy::type_complexity)] // tables of expected tuples

use std::collections::BTreeSet;

use zrz_domain::consolidate::{
    cadre_rows, department_rows, grade_distribution, item_rows, red_line_cases,
    scores_by_department, select_current, totals_and_averages, weak_items, year_over_year,
    CadreRow, Cell, ColumnType, DepartmentFile, DepartmentRow, GradeCounts, ItemRow, Superseded,
    SupersededWhy,
};
use zrz_domain::record::{Answer, Assessment, Response, ResponsibilityLevel, Task, TaskStatus};
use zrz_domain::review::{
    build_verification, AccountabilityRecord, Decision, Review, VerificationDraft,
};
use zrz_domain::scoring::RatingSettings;

use crate::support::*;

/// 办公室 2025, as exported on 5 January 2026.
fn office() -> Assessment {
    Dept::new("办公室", 2025)
        .all_good()
        .answer_with(
            "4.1.3",
            Answer {
                response: Some(Response::Partial),
                owner: "王五".into(),
                due: Some(d("2025-11-30")),
                ..Answer::default()
            },
        )
        .red_line("7.3", "2025-05-10", "发生群体性事件")
        .answer_with(
            "4.1.6",
            Answer {
                response: Some(Response::Implemented),
                done: Some(d("2025-10-01")),
                ..Answer::default()
            },
        )
        .entry(entry("m1", "2025-03-01", "party_group_meeting"))
        .entry(entry("m2", "2025-09-01", "party_group_meeting"))
        .entry(entry("c1", "2025-04-01", "central_group_study"))
        .entry(entry("r0", "2024-12-31", "red_education"))
        .cadre("王五", ResponsibilityLevel::Leadership, 95.0)
        .cadre("赵六", ResponsibilityLevel::Leadership, 85.0)
        .task(task("t1", "4.1.3"))
        .task(Task {
            status: TaskStatus::Done,
            ..task("t2", "4.1.3")
        })
        .build()
}

/// The office's review of 办公室: 4.1.5 not as reported, and a decision on 7.3.
fn office_review(a: &Assessment) -> Review {
    let mut r = Review::default();
    let v = build_verification(
        &VerificationDraft {
            verdict: "not_as_reported".into(),
            found: "not_implemented".into(),
            ..VerificationDraft::default()
        },
        shipped().item("4.1.5").unwrap(),
        a.answer("4.1.5"),
        at(2026, 1, 8, 9),
    )
    .unwrap();
    r.verifications.insert("4.1.5".into(), v);
    r.accountability.push(AccountabilityRecord {
        item_id: "7.3".into(),
        decision: Decision::CircularCriticism,
        decided_on: d("2025-06-01"),
        decided_by: "局党组".into(),
        note: String::new(),
    });
    r
}

/// 宣传科 2025, sanitised: names aliased, notes cleared.
fn publicity() -> Assessment {
    let mut b = Dept::new("宣传科", 2025)
        .answer("4.1.1", Response::NotImplemented)
        .answer("4.1.2", Response::Partial)
        .answer("4.1.3", Response::NotImplemented)
        .red_line("7.1", "2025-08-01", "")
        .unrated("人员1");
    for i in 2..=10 {
        b = b.answer(&format!("7.{i}"), Response::NotOccurred);
    }
    let mut a = b.build();
    a.profile.filled_by.clear();
    a
}

/// 文物科 2025: nothing answered yet.
fn heritage() -> Assessment {
    Dept::new("文物科", 2025).unrated("钱七").build()
}

struct Fixture {
    files: Vec<(
        Assessment,
        Option<Review>,
        Option<chrono::DateTime<chrono::Utc>>,
        bool,
    )>,
}

impl Fixture {
    fn new() -> Fixture {
        let a = office();
        let review = office_review(&a);
        let mut older = a.clone();
        older
            .answers
            .insert("7.3".into(), answered(Response::NotOccurred));
        let mut last_year = Dept::new("办公室 ", 2024)
            .all_good()
            .red_line("7.1", "2024-03-01", "宣传任务组织不力")
            .red_line("7.2", "2024-04-01", "未站在第一线")
            .build();
        last_year.profile.unit = format!("{UNIT}\u{3000}");
        Fixture {
            files: vec![
                (older, None, Some(at(2025, 12, 20, 9)), false), // 0: older export
                (
                    a.clone(),
                    Some(review.clone()),
                    Some(at(2026, 1, 5, 10)),
                    false,
                ), // 1
                (a, Some(review), Some(at(2026, 1, 5, 10)), false), // 2: received twice
                (publicity(), None, Some(at(2026, 1, 6, 10)), true), // 3: sanitised
                (heritage(), None, None, false),                 // 4: no export time
                (last_year, None, Some(at(2025, 1, 6, 10)), false), // 5: 办公室 2024
                (
                    Dept::new("财务科", 2024).all_good().build(),
                    None,
                    None,
                    false,
                ), // 6
            ],
        }
    }

    fn files(&self) -> Vec<DepartmentFile<'_>> {
        self.files
            .iter()
            .map(|(a, r, exported_at, sanitized)| DepartmentFile {
                assessment: a,
                review: r.as_ref(),
                exported_at: *exported_at,
                sanitized: *sanitized,
            })
            .collect()
    }
}

fn today() -> chrono::NaiveDate {
    date(2026, 1, 10)
}

#[test]
fn one_file_per_department_and_year_counts() {
    let fx = Fixture::new();
    let files = fx.files();
    let selection = select_current(&files);
    let mut counted: Vec<usize> = selection.current.clone();
    counted.sort();
    assert_eq!(counted, [2, 3, 4, 5, 6]);
    assert_eq!(
        selection.superseded,
        [
            Superseded {
                index: 0,
                by: 2,
                why: SupersededWhy::Older
            },
            Superseded {
                index: 1,
                by: 2,
                why: SupersededWhy::Duplicate
            },
        ]
    );
    // By department key: unit, department, year.
    let keys: Vec<(String, i32)> = selection
        .files(&files)
        .iter()
        .map(|f| (f.key().department, f.key().year))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn a_full_file_beats_its_sanitised_copy_and_same_time_differences_are_named() {
    let full = publicity();
    let mut sanitised = full.clone();
    sanitised.people[0].name = "人员1".into();
    let mut different = full.clone();
    different.answers.remove("4.1.1");
    let when = Some(at(2026, 1, 6, 10));
    let file = |a, sanitized| DepartmentFile {
        assessment: a,
        review: None,
        exported_at: when,
        sanitized,
    };
    let s = select_current(&[file(&full, false), file(&sanitised, true)]);
    assert_eq!(s.current, [0]);
    assert_eq!(s.superseded[0].why, SupersededWhy::SanitisedCopy);
    let s = select_current(&[file(&sanitised, true), file(&full, false)]);
    assert_eq!(
        (s.current.as_slice(), s.superseded[0].why),
        (&[1][..], SupersededWhy::SanitisedCopy)
    );
    let s = select_current(&[file(&full, false), file(&different, false)]);
    assert_eq!(s.current, [1], "the later received");
    assert_eq!(s.superseded[0].why, SupersededWhy::SameTimeDifferent);
    // Without an export time a file counts as the oldest.
    let undated = DepartmentFile::new(&different);
    let s = select_current(&[file(&full, false), undated]);
    assert_eq!(
        (s.current.as_slice(), s.superseded[0].why),
        (&[0][..], SupersededWhy::Older)
    );
    assert_codes(&[
        SupersededWhy::Duplicate.code(),
        SupersededWhy::Older.code(),
        SupersededWhy::SanitisedCopy.code(),
        SupersededWhy::SameTimeDifferent.code(),
    ]);
}

fn current_rows(fx: &Fixture) -> Vec<DepartmentRow> {
    let files = fx.files();
    let selection = select_current(&files);
    department_rows(&selection.files(&files), shipped(), today())
}

fn row<'r>(rows: &'r [DepartmentRow], department: &str, year: i32) -> &'r DepartmentRow {
    rows.iter()
        .find(|r| r.key.department == department && r.year == year)
        .unwrap_or_else(|| panic!("{department} {year}"))
}

#[test]
fn the_summary_rows() {
    let fx = Fixture::new();
    let rows = current_rows(&fx);
    assert_eq!(rows.len(), 5);
    let a = row(&rows, "办公室", 2025);
    assert_eq!(
        (a.items_answered, a.items_total, a.completion),
        (53, 53, 100.0)
    );
    // 4.1.3 部分落实 (−1), 7.3 已发生 (−2); the office found 4.1.5 not implemented (−2).
    assert_eq!((a.self_score, a.verified_score), (Some(97.0), Some(95.0)));
    // 4.1.1 two meetings, 4.1.2 one study; no red education in 2025, no inspection.
    assert_eq!((a.quotas_met, a.quotas_total), (2, 4));
    assert_eq!(a.overdue, 1);
    assert_eq!(a.red_lines.len(), 1);
    assert_eq!(
        (
            a.red_lines[0].item_id.as_str(),
            a.red_lines[0].occurred_on,
            a.red_lines[0].note.as_str()
        ),
        ("7.3", Some(date(2025, 5, 10)), "发生群体性事件")
    );
    assert_eq!(
        a.grades,
        GradeCounts {
            excellent: 1,
            competent: 1,
            ..GradeCounts::default()
        }
    );
    // 2 × 15 % = 0.3 people: rounded to the nearest it is 0, and at least one where the cap is above
    // zero, so 1 may be 优秀 (the default cap rule).
    assert!(!a.excellent.exceeded, "1 of 2 is within the cap");
    assert_eq!((a.excellent.allowed, a.excellent.share), (1, 50.0));
    assert_eq!(a.open_tasks, 1);
    assert_eq!(a.exported_at, Some(at(2026, 1, 5, 10)));
    assert!(!a.sanitized);

    let b = row(&rows, "宣传科", 2025);
    assert!(b.sanitized);
    assert_eq!((b.items_answered, b.completion), (13, 24.5));
    // 4.1.2 部分落实 (1) and nine red lines not occurred (18) of 100.
    assert_eq!((b.self_score, b.verified_score), (Some(19.0), None));
    assert_eq!(b.red_lines[0].note, "", "a sanitised file has no text");
    assert_eq!(b.grades.pending, 1);
    assert!(!b.excellent.exceeded);
    assert_eq!((b.quotas_met, b.quotas_total), (0, 4));

    let c = row(&rows, "文物科", 2025);
    assert_eq!(
        (c.items_answered, c.completion, c.self_score),
        (0, 0.0, Some(0.0))
    );
    assert_eq!(c.exported_at, None);

    let t = totals_and_averages(
        &rows[..]
            .iter()
            .filter(|r| r.year == 2025)
            .cloned()
            .collect::<Vec<_>>(),
    );
    assert_eq!(t.departments, 3);
    assert_eq!(t.completion_average, 41.5);
    assert_eq!((t.self_score_average, t.self_scored), (Some(38.7), 3));
    assert_eq!((t.verified_score_average, t.verified), (Some(95.0), 1));
    assert_eq!((t.quotas_met, t.quotas_total), (2, 12));
    assert_eq!(
        (t.overdue, t.red_lines, t.departments_with_red_lines),
        (1, 2, 2)
    );
    assert_eq!((t.items_answered, t.items_total), (66, 159));
    assert_eq!(
        t.grades,
        GradeCounts {
            excellent: 1,
            competent: 1,
            pending: 2,
            ..GradeCounts::default()
        }
    );
    assert_eq!(t.grades.people(), 4);
    assert_eq!((t.excellent_exceeded, t.open_tasks), (0, 1));
    let empty = totals_and_averages(&[]);
    assert_eq!(
        (
            empty.departments,
            empty.completion_average,
            empty.self_score_average
        ),
        (0, 0.0, None)
    );
}

#[test]
fn across_departments() {
    let fx = Fixture::new();
    let files = fx.files();
    let selection = select_current(&files);
    let current: Vec<DepartmentFile> = selection
        .files(&files)
        .into_iter()
        .filter(|f| f.assessment.profile.year == 2025)
        .collect();
    let rows = department_rows(&current, shipped(), today());

    let bars: Vec<(String, Option<f64>)> = scores_by_department(&rows)
        .iter()
        .map(|b| (b.department.clone(), b.shown()))
        .collect();
    let s = String::from;
    assert_eq!(
        bars,
        [
            (s("办公室"), Some(95.0)),
            (s("宣传科"), Some(19.0)),
            (s("文物科"), Some(0.0))
        ]
    );

    let grades = grade_distribution(&current, shipped(), &RatingSettings::default());
    assert_eq!(grades.counts.people(), 4);
    assert_eq!(
        (grades.excellent.excellent, grades.excellent.share),
        (1, 25.0)
    );
    // 4 × 15 % = 0.6 people: 1 may be 优秀 across the four.
    assert_eq!(grades.excellent.allowed, 1);
    assert!(!grades.excellent.exceeded);

    let cases = red_line_cases(&current, shipped());
    let summary: Vec<(&str, &str, Option<chrono::NaiveDate>, usize)> = cases
        .iter()
        .map(|c| {
            (
                c.department_name.as_str(),
                c.item_id.as_str(),
                c.occurred_on,
                c.decisions.len(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("办公室", "7.3", Some(date(2025, 5, 10)), 1),
            ("宣传科", "7.1", Some(date(2025, 8, 1)), 0),
        ]
    );
    assert_eq!(cases[0].note, "发生群体性事件");
    assert_eq!(cases[0].decisions[0].decision, Decision::CircularCriticism);
    assert!(!cases[0].is_pending() && cases[1].is_pending());

    let weak = weak_items(&current, shipped());
    let top: Vec<(&str, usize, usize, usize)> = weak
        .iter()
        .take(3)
        .map(|w| {
            (
                w.item_id.as_str(),
                w.not_implemented,
                w.partial,
                w.unanswered,
            )
        })
        .collect();
    assert_eq!(
        top,
        [("4.1.3", 1, 1, 1), ("4.1.1", 1, 0, 1), ("3.1", 0, 0, 2)]
    );
    assert_eq!(weak[0].shortfall(), 3);
    assert_eq!(weak[0].departments, 3);
    assert!(
        weak.iter().all(|w| !w.item_id.starts_with("7.")),
        "red lines are not duties"
    );
    assert_eq!(
        weak.len(),
        43,
        "every duty is short somewhere: 文物科 answered none"
    );
}

#[test]
fn year_over_year_by_department() {
    let fx = Fixture::new();
    let rows = current_rows(&fx);
    let y = year_over_year(&rows, 2025);
    assert_eq!(
        y.rows.len(),
        1,
        "办公室, despite the spaces in last year's names"
    );
    let office = &y.rows[0];
    assert_eq!(office.this.year, 2025);
    assert_eq!(office.last.year, 2024);
    // 97 this year; 96 last year (two red lines).
    assert_eq!(office.self_score_change, Some(1.0));
    assert_eq!(
        office.verified_score_change, None,
        "last year was not verified"
    );
    assert_eq!(office.completion_change, 0.0);
    assert_eq!(office.red_lines_change, -1);
    let names = |rows: &[&DepartmentRow]| {
        rows.iter()
            .map(|r| r.key.department.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&y.new_this_year), ["宣传科", "文物科"]);
    assert_eq!(names(&y.missing_this_year), ["财务科"]);
    let earlier = year_over_year(&rows, 2024);
    assert!(earlier.rows.is_empty());
    assert_eq!(earlier.new_this_year.len(), 2);
}

/// The JSON form of a cell, as serde writes the row's field.
fn json_of(cell: &Cell) -> serde_json::Value {
    match cell {
        Cell::Null => serde_json::Value::Null,
        Cell::Text(s) => s.clone().into(),
        Cell::Integer(n) => (*n).into(),
        Cell::Decimal(x) => (*x).into(),
        Cell::Boolean(b) => (*b).into(),
        Cell::Date(d) => d.to_string().into(),
        Cell::DateTime(t) => serde_json::to_value(t).unwrap(),
    }
}

fn check_columns<R: serde::Serialize>(
    columns: &[(&str, ColumnType, &str)],
    rows: &[R],
    cells: impl Fn(&R) -> Vec<Cell>,
) {
    let names: Vec<&str> = columns.iter().map(|c| c.0).collect();
    assert_codes(&names);
    assert!(
        columns.iter().all(|c| !c.2.trim().is_empty()),
        "every column is described"
    );
    assert!(!rows.is_empty());
    let mut types_seen = BTreeSet::new();
    for row in rows {
        let json = serde_json::to_value(row).unwrap();
        let fields: BTreeSet<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            fields,
            names.iter().copied().collect(),
            "every field is a column and back"
        );
        let cells = cells(row);
        assert_eq!(cells.len(), columns.len());
        for ((name, ty, _), cell) in columns.iter().zip(&cells) {
            if let Some(t) = cell.column_type() {
                assert_eq!(t, *ty, "{name}");
                types_seen.insert(*name);
            }
            let expected = &json[*name];
            let got = json_of(cell);
            let same = match (got.as_f64(), expected.as_f64()) {
                (Some(a), Some(b)) => a == b,
                _ => &got == expected,
            };
            assert!(same, "{name}: cell {got} but field {expected}");
        }
    }
    for (name, ..) in columns {
        assert!(
            types_seen.contains(name),
            "column {name} never had a value in the fixture"
        );
    }
}

#[test]
fn the_long_table_lists_every_field_as_a_column() {
    let fx = Fixture::new();
    let files = fx.files();
    let selection = select_current(&files);
    let current = selection.files(&files);
    let items = item_rows(&current, shipped(), today());
    assert_eq!(items.len(), 5 * 53);
    check_columns(ItemRow::COLUMNS, &items, ItemRow::cells);
    let cadres = cadre_rows(&current, shipped());
    assert_eq!(cadres.len(), 4);
    check_columns(CadreRow::COLUMNS, &cadres, CadreRow::cells);

    let office = items
        .iter()
        .find(|r| r.department == "办公室" && r.year == 2025 && r.item_id == "4.1.5")
        .unwrap();
    assert_eq!(
        (
            office.response,
            office.verdict,
            office.found,
            office.verification_stale
        ),
        (
            Some("implemented"),
            Some("not_as_reported"),
            Some("not_implemented"),
            false
        )
    );
    let quota = items
        .iter()
        .find(|r| r.department == "办公室" && r.year == 2025 && r.item_id == "4.1.1")
        .unwrap();
    assert_eq!(
        (quota.kind, quota.quota_required, quota.quota_done),
        ("quota", Some(2), Some(2))
    );
    let partial = items
        .iter()
        .find(|r| r.department == "办公室" && r.year == 2025 && r.item_id == "4.1.3")
        .unwrap();
    assert_eq!(
        (partial.earned_points, partial.overdue, partial.open_tasks),
        (1.0, true, 1)
    );
    let wang = cadres.iter().find(|c| c.name == "王五").unwrap();
    assert_eq!(
        (wang.total, wang.grade, wang.level),
        (Some(95.0), Some("excellent"), "leadership")
    );
    assert_codes(&[
        ColumnType::Text.code(),
        ColumnType::Integer.code(),
        ColumnType::Decimal.code(),
        ColumnType::Boolean.code(),
        ColumnType::Date.code(),
        ColumnType::DateTime.code(),
    ]);
}

/// A department with a cadre at every grade, an item 不适用 and more open tasks than done ones:
/// the figures the main fixture has no case for.
fn every_grade() -> Assessment {
    Dept::new("艺术科", 2025)
        .all_good()
        .answer("4.2.2", Response::NotApplicable)
        .cadre("甲", ResponsibilityLevel::Leadership, 95.0)
        .cadre("乙", ResponsibilityLevel::Leadership, 85.0)
        .cadre("丙", ResponsibilityLevel::Leadership, 70.0)
        .cadre("丁", ResponsibilityLevel::Leadership, 50.0)
        .cadre("戊", ResponsibilityLevel::Leadership, 72.0)
        .unrated("己")
        .task(task("t1", "4.1.3"))
        .task(Task {
            status: TaskStatus::InProgress,
            ..task("t2", "4.1.3")
        })
        .task(Task {
            status: TaskStatus::Done,
            ..task("t3", "4.1.3")
        })
        .build()
}

#[test]
fn grades_tasks_and_not_applicable_items_are_counted() {
    let a = every_grade();
    let file = DepartmentFile::new(&a);
    let row = zrz_domain::consolidate::department_row(&file, shipped(), today());
    let expected = GradeCounts {
        excellent: 1,
        competent: 1,
        basically_competent: 2,
        incompetent: 1,
        pending: 1,
    };
    assert_eq!(row.grades, expected);
    assert_eq!(expected.people(), 6);
    use zrz_domain::record::Grade;
    let by_grade: Vec<usize> = Grade::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(|g| expected.get(g))
        .collect();
    assert_eq!(by_grade, [1, 1, 2, 1, 1]);
    assert_eq!(row.open_tasks, 2);
    // 4.2.2 leaves the base: 98 of 98.
    assert_eq!(row.self_score, Some(100.0));
    let mut twice = expected;
    twice.add(&expected);
    assert_eq!(
        twice,
        GradeCounts {
            excellent: 2,
            competent: 2,
            basically_competent: 4,
            incompetent: 2,
            pending: 2,
        }
    );
    let rows = item_rows(&[file], shipped(), today());
    let of = |id: &str| rows.iter().find(|r| r.item_id == id).unwrap();
    assert_eq!(
        (
            of("4.2.2").applicable,
            of("4.2.2").earned_points,
            of("4.2.2").response
        ),
        (false, 0.0, Some("not_applicable"))
    );
    assert!(of("4.2.1").applicable);
    assert_eq!(of("4.1.3").open_tasks, 2);
    assert_eq!(of("4.1.4").open_tasks, 0);
    // Departments where every duty is done have no weak items.
    let good = Dept::new("办公室", 2025).all_good().build();
    let files = [DepartmentFile::new(&good), DepartmentFile::new(&a)];
    assert!(
        weak_items(&files, shipped()).is_empty(),
        "不适用 is no shortfall"
    );
}

/// The figures kept beside each received file give what the functions over whole files give: the
/// row, the grades against the cap, the red lines and the weak duties; and they hold, day by day,
/// exactly until the day they say.
#[test]
fn kept_figures_equal_the_figures_of_the_whole_files() {
    use zrz_domain::consolidate::{
        combine_grades, combine_red_lines, combine_weak_items, department_row, FileFigures,
    };
    let fx = Fixture::new();
    let files = fx.files();
    let current: Vec<DepartmentFile> = select_current(&files).files(&files);
    let figures: Vec<FileFigures> = current
        .iter()
        .map(|f| FileFigures::of(f, shipped(), today()))
        .collect();
    let rows: Vec<DepartmentRow> = figures.iter().map(|f| f.row.clone()).collect();
    assert_eq!(rows, department_rows(&current, shipped(), today()));
    let settings = RatingSettings::default();
    assert_eq!(
        combine_grades(&rows, &settings),
        grade_distribution(&current, shipped(), &settings)
    );
    assert_eq!(
        combine_weak_items(
            figures.iter().map(|f| f.weak.as_slice()),
            current.len(),
            shipped()
        ),
        weak_items(&current, shipped())
    );
    assert_eq!(
        combine_red_lines(figures.iter().map(|f| f.red_lines.as_slice()), shipped()),
        red_line_cases(&current, shipped())
    );
    // Through JSON and back (they are stored as JSON).
    let text = serde_json::to_string(&figures).unwrap();
    assert_eq!(
        serde_json::from_str::<Vec<FileFigures>>(&text).unwrap(),
        figures
    );

    // Day by day over two years: while the figures say they hold, the row is the same.
    for (f, kept) in current.iter().zip(&figures) {
        let mut day = date(2025, 1, 1);
        let mut held = 0;
        while day < date(2027, 1, 1) {
            if kept.holds_on(day) {
                held += 1;
                assert_eq!(department_row(f, shipped(), day), kept.row, "{day}");
            }
            day = day.succ_opt().unwrap();
        }
        assert!(held >= 1, "they hold on the day computed");
        assert!(!kept.holds_on(today().pred_opt().unwrap()), "not before");
    }
}
