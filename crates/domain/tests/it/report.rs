//! The 自查报告 draft (`zrz_domain::report`): sections and paragraphs from a known record.

use zrz_domain::consolidate::GradeCounts;
use zrz_domain::record::{Answer, LedgerEntry, Response, ResponsibilityLevel, Task, TaskStatus};
use zrz_domain::report::{has_material, self_report, DoneItem, EntryFact, Paragraph, SectionKind};
use zrz_domain::review::TaskNeed;

use crate::support::*;

fn fact(id: &str, date: &str, activity: &str) -> EntryFact {
    EntryFact {
        entry_id: id.into(),
        date: d(date),
        activity: activity.into(),
        title: format!("{activity} {date}"),
    }
}

#[test]
fn the_draft_from_a_known_record() {
    let a = Dept::new("办公室", 2025)
        .answer_with(
            "4.1.1",
            Answer {
                response: Some(Response::Implemented),
                note: " 两次专题研究 ".into(),
                ..Answer::default()
            },
        )
        .answer("4.1.3", Response::Implemented)
        .answer("6.1", Response::Implemented)
        .answer_with(
            "4.1.2",
            Answer {
                response: Some(Response::NotImplemented),
                reason: "未安排".into(),
                ..Answer::default()
            },
        )
        .answer("4.2.1", Response::Partial)
        .answer("4.2.2", Response::NotApplicable)
        .red_line("7.3", "2025-05-10", "发生群体性事件")
        .entry(entry("m2", "2025-09-01", "party_group_meeting"))
        .entry(entry("m1", "2025-03-01", "party_group_meeting"))
        .entry(LedgerEntry {
            items: vec!["4.1.3".into(), "4.1.1".into()],
            ..entry("x", "2025-02-01", "training")
        })
        .entry(entry("old", "2024-12-01", "training"))
        .cadre("王五", ResponsibilityLevel::Leadership, 95.0)
        .task(Task {
            measure: " 补开中心组学习 ".into(),
            owner: "王五".into(),
            deadline: Some(d("2025-12-31")),
            ..task("t1", "4.1.2")
        })
        .task(Task {
            status: TaskStatus::InProgress,
            ..task("t0", "7.3")
        })
        .build();
    let report = self_report(shipped(), &a, date(2025, 12, 1));
    let kinds: Vec<SectionKind> = report.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, SectionKind::ALL);
    let codes = |k: SectionKind| {
        report
            .section(k)
            .paragraphs
            .iter()
            .map(Paragraph::code)
            .collect::<Vec<_>>()
    };

    // 一、基本情况
    assert_eq!(codes(SectionKind::Basics), ["overview", "ledger", "cadres"]);
    let basics = &report.section(SectionKind::Basics).paragraphs;
    assert_eq!(
        basics[0],
        Paragraph::Overview {
            unit: UNIT.into(),
            department: "办公室".into(),
            year: 2025,
            items_total: 53,
            items_answered: 7,
            completion: 13.2,
            implemented: 3,
            partial: 1,
            not_implemented: 1,
            not_applicable: 1,
            // 4.1.1, 4.1.3, 6.1 (6) + 4.2.1 half (1) of 98.
            score: Some(zrz_domain::round1(700.0 / 98.0)),
        }
    );
    assert_eq!(
        basics[1],
        Paragraph::Ledger {
            entries: 3,
            by_activity: vec![("party_group_meeting".into(), 2), ("training".into(), 1)],
        }
    );
    assert_eq!(
        basics[2],
        Paragraph::Cadres {
            people: 1,
            grades: GradeCounts {
                excellent: 1,
                ..GradeCounts::default()
            }
        }
    );

    // 二、主要做法和成效: by chapter, each item with its evidence by date.
    let practices = &report.section(SectionKind::Practices).paragraphs;
    assert_eq!(
        practices[0],
        Paragraph::Practice {
            chapter_id: "4.1".into(),
            items: vec![
                DoneItem {
                    item_id: "4.1.1".into(),
                    note: "两次专题研究".into(),
                    entries: vec![
                        fact("x", "2025-02-01", "training"),
                        fact("m1", "2025-03-01", "party_group_meeting"),
                        fact("m2", "2025-09-01", "party_group_meeting"),
                    ],
                },
                DoneItem {
                    item_id: "4.1.3".into(),
                    note: String::new(),
                    entries: vec![fact("x", "2025-02-01", "training")],
                },
            ],
        }
    );
    assert!(
        matches!(&practices[1], Paragraph::Practice { chapter_id, items } if chapter_id == "6" && items[0].entries.is_empty())
    );
    assert_eq!(practices.len(), 2);

    // 三、存在的问题
    assert_eq!(
        codes(SectionKind::Problems),
        ["shortfall", "shortfall", "red_line", "unanswered"]
    );
    let problems = &report.section(SectionKind::Problems).paragraphs;
    assert_eq!(
        problems[0],
        Paragraph::Shortfall {
            item_id: "4.1.2".into(),
            response: Response::NotImplemented,
            reason: "未安排".into(),
            note: String::new(),
            quota: Some((1, 0)),
        }
    );
    assert!(
        matches!(&problems[1], Paragraph::Shortfall { item_id, quota: None, .. } if item_id == "4.2.1")
    );
    assert_eq!(
        problems[2],
        Paragraph::RedLine {
            item_id: "7.3".into(),
            occurred_on: Some(date(2025, 5, 10)),
            note: "发生群体性事件".into(),
        }
    );
    let Paragraph::Unanswered { item_ids } = &problems[3] else {
        panic!("{:?}", problems[3]);
    };
    assert_eq!(item_ids.len(), 53 - 7);
    assert_eq!(item_ids[0], "3.1");

    // 四、下一步工作打算: tasks by deadline (undated last), then what still needs one.
    let next = &report.section(SectionKind::NextSteps).paragraphs;
    assert_eq!(
        codes(SectionKind::NextSteps),
        ["measure", "measure", "measures_to_set"]
    );
    assert_eq!(
        next[0],
        Paragraph::Measure {
            task_id: "t1".into(),
            item_id: "4.1.2".into(),
            finding_id: None,
            measure: "补开中心组学习".into(),
            owner: "王五".into(),
            deadline: Some(date(2025, 12, 31)),
            status: TaskStatus::NotStarted,
        }
    );
    assert!(matches!(&next[1], Paragraph::Measure { task_id, .. } if task_id == "t0"));
    assert_eq!(
        next[2],
        Paragraph::MeasuresToSet {
            needs: vec![TaskNeed::Item {
                item_id: "4.2.1".into(),
                response: Response::Partial
            }]
        }
    );
}

#[test]
fn an_empty_record_still_has_its_four_sections() {
    let a = Dept::new("文物科", 2025).build();
    let report = self_report(shipped(), &a, date(2025, 12, 1));
    let codes: Vec<Vec<&str>> = report
        .sections
        .iter()
        .map(|s| s.paragraphs.iter().map(Paragraph::code).collect())
        .collect();
    assert_eq!(
        codes,
        [
            vec!["overview", "ledger"],
            vec!["nothing_done"],
            vec!["unanswered"],
            vec!["no_measures"],
        ]
    );
    assert!(
        !has_material(&a),
        "an empty record: the page says what to do first"
    );
    let good = Dept::new("办公室", 2025).all_good().build();
    assert!(has_material(&good));
    let mut blank_answer = a.clone();
    blank_answer.answers.insert("3.1".into(), Answer::default());
    assert!(
        !has_material(&blank_answer),
        "an answer with nothing in it is no material"
    );
    let report = self_report(shipped(), &good, date(2025, 12, 1));
    assert_eq!(
        report
            .section(SectionKind::Problems)
            .paragraphs
            .iter()
            .map(Paragraph::code)
            .collect::<Vec<_>>(),
        ["no_problems"]
    );
    assert_codes(&SectionKind::ALL.map(SectionKind::code));
}
