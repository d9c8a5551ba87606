//! The office's review (`zrz_domain::review`): digests, the verification form, 核定分, carry-over,
//! findings and their import, rectification tasks, accountability.
#![allow(clippy::type_complexity)] // tables of expected tuples

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use zrz_domain::checklist::summarize;
use zrz_domain::record::{
    Answer, Assessment, Evidence, Finding, Method, Response, Task, TaskStatus, Verdict,
};
use zrz_domain::review::{
    accountability_problems, answer_digest, build_accountability, build_task, build_verification,
    carry_over, compare_item_ids, finding_id, findings_for, import_findings, task_overdue,
    task_problems, tasks_needed, verification_state, verified_score, AccountabilityDraft,
    AccountabilityProblem, AccountabilityRecord, Decision, Review, TaskDraft, TaskNeed,
    TaskProblem, VerificationDraft, VerificationProblem, VerificationState,
};

use crate::support::*;

// ---------------------------------------------------------------------------------------------
// Digest
// ---------------------------------------------------------------------------------------------

#[test]
fn the_digest_ignores_only_the_edit_time() {
    let base = Answer {
        response: Some(Response::Partial),
        reason: "经费不足".into(),
        note: "已开展一次".into(),
        evidence: vec![Evidence {
            what: "会议记录".into(),
            location: "档案室".into(),
            doc_no: "1号".into(),
            entry: None,
        }],
        owner: "王五".into(),
        due: Some(date(2025, 12, 1)),
        done: None,
        flagged: false,
        occurred_on: None,
        updated_at: Some(at(2025, 3, 1, 8)),
    };
    let touched = Answer {
        updated_at: Some(at(2025, 4, 1, 8)),
        ..base.clone()
    };
    assert!(base.same_content(&touched));
    assert_eq!(answer_digest(&base), answer_digest(&touched));
    assert_eq!(answer_digest(&base).len(), 64);
    let changes: Vec<(&str, fn(&mut Answer))> = vec![
        ("response", |a| a.response = Some(Response::Implemented)),
        ("reason", |a| a.reason.push('。')),
        ("note", |a| a.note.clear()),
        ("evidence", |a| a.evidence[0].doc_no = "2号".into()),
        ("evidence count", |a| a.evidence.push(Evidence::default())),
        ("owner", |a| a.owner = "赵六".into()),
        ("due", |a| a.due = None),
        ("done", |a| a.done = Some(date(2025, 5, 1))),
        ("flagged", |a| a.flagged = true),
        ("occurred_on", |a| a.occurred_on = Some(date(2025, 5, 1))),
    ];
    for (field, change) in changes {
        let mut other = base.clone();
        change(&mut other);
        assert!(!base.same_content(&other), "{field}");
        assert_ne!(answer_digest(&base), answer_digest(&other), "{field}");
    }
    let unanswered = Dept::new("办公室", 2025).build();
    assert_eq!(
        unanswered.answer_digest("4.1.3"),
        answer_digest(&Answer::default())
    );
    assert_eq!(
        Dept::new("办公室", 2025)
            .answer_with("4.1.3", base.clone())
            .build()
            .answer_digest("4.1.3"),
        answer_digest(&touched)
    );
    // Text fields are not confused with one another.
    let a = Answer {
        reason: "x".into(),
        ..Answer::default()
    };
    let b = Answer {
        note: "x".into(),
        ..Answer::default()
    };
    assert_ne!(answer_digest(&a), answer_digest(&b));
}

// ---------------------------------------------------------------------------------------------
// The verification form
// ---------------------------------------------------------------------------------------------

fn form(verdict: &str, found: &str, method: &str) -> VerificationDraft {
    VerificationDraft {
        verdict: verdict.into(),
        found: found.into(),
        method: method.into(),
        note: " 缺会议记录 ".into(),
        by: " 李四 ".into(),
    }
}

#[test]
fn the_verification_form() {
    let task_item = shipped().item("4.1.3").unwrap();
    let red_line = shipped().item("7.1").unwrap();
    let implemented = answered(Response::Implemented);
    let now = at(2026, 1, 5, 9);
    let t = String::from;
    for (draft, item, expected) in [
        (
            form("", "", ""),
            task_item,
            vec![VerificationProblem::VerdictRequired],
        ),
        (
            form("maybe", "", ""),
            task_item,
            vec![VerificationProblem::UnknownVerdict { text: t("maybe") }],
        ),
        (
            form("doubtful", "", ""),
            task_item,
            vec![VerificationProblem::FoundRequired {
                verdict: Verdict::Doubtful,
            }],
        ),
        (
            form("not_as_reported", "", "phone"),
            task_item,
            vec![
                VerificationProblem::FoundRequired {
                    verdict: Verdict::NotAsReported,
                },
                VerificationProblem::UnknownMethod { text: t("phone") },
            ],
        ),
        (
            form("not_as_reported", "half", ""),
            task_item,
            vec![VerificationProblem::UnknownFound { text: t("half") }],
        ),
        (
            form("doubtful", "occurred", ""),
            task_item,
            vec![VerificationProblem::FoundNotForItem {
                found: Response::Occurred,
            }],
        ),
        (
            form("not_as_reported", "partial", ""),
            red_line,
            vec![VerificationProblem::FoundNotForItem {
                found: Response::Partial,
            }],
        ),
        (
            form("not_as_reported", "implemented", ""),
            task_item,
            vec![VerificationProblem::FoundSameAsAnswer {
                found: Response::Implemented,
            }],
        ),
    ] {
        assert_eq!(
            build_verification(&draft, item, Some(&implemented), now).unwrap_err(),
            expected,
            "{draft:?}"
        );
    }
    // 存疑 may find the status the department gave (the doubt is about the material).
    let doubtful = build_verification(
        &form("doubtful", "implemented", "documents"),
        task_item,
        Some(&implemented),
        now,
    )
    .unwrap();
    assert_eq!(doubtful.found, Some(Response::Implemented));
    assert_eq!(doubtful.method, Some(Method::Documents));
    assert_eq!(
        (doubtful.note.as_str(), doubtful.by.as_str()),
        ("缺会议记录", "李四")
    );
    assert_eq!(doubtful.answer_digest, answer_digest(&implemented));
    assert_eq!(doubtful.verified_at, now);
    // 核实 takes the department's answer: a found status given with it is dropped.
    let confirmed = build_verification(
        &form("confirmed", "partial", ""),
        task_item,
        Some(&implemented),
        now,
    )
    .unwrap();
    assert_eq!(
        (confirmed.verdict, confirmed.found, confirmed.method),
        (Verdict::Confirmed, None, None)
    );
    // An unanswered item can be verified too.
    let found = build_verification(
        &form("not_as_reported", "partial", "on_site"),
        task_item,
        None,
        now,
    )
    .unwrap();
    assert_eq!(found.answer_digest, answer_digest(&Answer::default()));
    let red = build_verification(
        &form("not_as_reported", "occurred", "meeting"),
        red_line,
        None,
        now,
    )
    .unwrap();
    assert_eq!(red.method, Some(Method::Meeting));
    let fields: Vec<&str> = [
        VerificationProblem::VerdictRequired,
        VerificationProblem::FoundSameAsAnswer {
            found: Response::Partial,
        },
        VerificationProblem::UnknownMethod { text: t("x") },
    ]
    .iter()
    .map(VerificationProblem::field)
    .collect();
    assert_eq!(fields, ["verdict", "found", "method"]);
    assert_eq!(
        VerificationDraft::from_verification(&doubtful),
        VerificationDraft {
            note: "缺会议记录".into(),
            by: "李四".into(),
            ..form("doubtful", "implemented", "documents")
        }
    );
}

// ---------------------------------------------------------------------------------------------
// 核定分 and carry-over
// ---------------------------------------------------------------------------------------------

fn verify(
    review: &mut Review,
    a: &Assessment,
    item: &str,
    verdict: &str,
    found: &str,
    when: DateTime<Utc>,
) {
    let v = build_verification(
        &form(verdict, found, ""),
        shipped().item(item).unwrap(),
        a.answer(item),
        when,
    )
    .unwrap_or_else(|p| panic!("{item}: {p:?}"));
    review.verifications.insert(item.into(), v);
}

fn reviewed() -> (Assessment, Review) {
    let a = Dept::new("办公室", 2025).all_good().build();
    let mut r = Review::default();
    let when = at(2026, 1, 5, 9);
    verify(
        &mut r,
        &a,
        "4.1.3",
        "not_as_reported",
        "not_implemented",
        when,
    );
    verify(&mut r, &a, "4.1.4", "doubtful", "partial", when);
    verify(&mut r, &a, "4.2.1", "confirmed", "", when);
    verify(&mut r, &a, "6.5", "not_as_reported", "not_applicable", when);
    verify(&mut r, &a, "7.2", "not_as_reported", "occurred", when);
    (a, r)
}

#[test]
fn the_verified_score_replaces_each_unconfirmed_answer_by_what_was_found() {
    let (a, r) = reviewed();
    let today = date(2026, 1, 6);
    let s = verified_score(shipped(), &a, &r, today);
    assert_eq!(s.self_score(), Some(100.0));
    // 4.1.3 loses 2, 4.1.4 loses 1, 6.5 leaves the base (2 points), 7.2 loses 2: 93 of 98.
    assert_eq!(
        s.verified_score(),
        Some(zrz_domain::round1(100.0 * 93.0 / 98.0))
    );
    assert_eq!(s.verified_summary.applicable_points, 98.0);
    assert_eq!(s.verified_summary.red_lines_occurred, ["7.2"]);
    let diffs: Vec<(&str, Option<Response>, Option<Response>, Verdict, f64, f64)> = s
        .differences
        .iter()
        .map(|d| {
            (
                d.item_id.as_str(),
                d.self_response,
                d.found,
                d.verdict,
                d.self_points,
                d.verified_points,
            )
        })
        .collect();
    use Response::*;
    assert_eq!(
        diffs,
        [
            (
                "4.1.3",
                Some(Implemented),
                Some(NotImplemented),
                Verdict::NotAsReported,
                2.0,
                0.0
            ),
            (
                "4.1.4",
                Some(Implemented),
                Some(Partial),
                Verdict::Doubtful,
                2.0,
                1.0
            ),
            (
                "6.5",
                Some(Implemented),
                Some(NotApplicable),
                Verdict::NotAsReported,
                2.0,
                0.0
            ),
            (
                "7.2",
                Some(NotOccurred),
                Some(Occurred),
                Verdict::NotAsReported,
                2.0,
                0.0
            ),
        ]
    );
    assert_eq!(s.differences[0].note, "缺会议记录");
    assert_eq!(s.confirmed, ["4.2.1"]);
    assert!(s.recheck.is_empty());
    assert_eq!(s.not_verified, shipped().items().count() - 5);
    assert!(s.is_reviewed());
    // The department's own answers are untouched.
    assert_eq!(a.answer("4.1.3").unwrap().response, Some(Implemented));
}

#[test]
fn a_newer_export_keeps_the_verdicts_of_unchanged_answers_and_asks_to_recheck_the_others() {
    let (old, r) = reviewed();
    let mut newer = old.clone();
    // Saved again without change (only the edit time moved): still verified.
    newer.answers.get_mut("4.1.4").unwrap().updated_at = Some(at(2026, 2, 1, 8));
    // Changed: the department now says 部分落实 itself.
    newer.answers.get_mut("4.1.3").unwrap().response = Some(Response::Partial);
    // Removed altogether.
    newer.answers.remove("4.2.1");
    let carried = carry_over(&r, &newer);
    assert_eq!(carried.kept, ["4.1.4", "6.5", "7.2"]);
    assert_eq!(carried.recheck, ["4.1.3", "4.2.1"]);
    assert!(matches!(
        verification_state(&r, &newer, "4.1.3"),
        VerificationState::Stale(v) if v.verdict == Verdict::NotAsReported
    ));
    assert_eq!(
        verification_state(&r, &newer, "4.1.5"),
        VerificationState::NotVerified
    );
    assert_eq!(verification_state(&r, &newer, "4.1.3").current(), None);
    assert!(verification_state(&r, &newer, "4.1.4").current().is_some());
    // A stale verdict no longer moves the score: 4.1.3 counts as the department answers now.
    let s = verified_score(shipped(), &newer, &r, date(2026, 2, 2));
    assert_eq!(s.recheck, ["4.1.3", "4.2.1"]);
    assert!(s.differences.iter().all(|d| d.item_id != "4.1.3"));
    assert!(s.confirmed.is_empty());
    // 4.1.3 partial (−1), 4.2.1 unanswered (−2) for the department; the office adds 4.1.4 (−1),
    // 6.5 (out of the base) and 7.2 (−2).
    assert_eq!(s.self_score(), Some(97.0));
    assert_eq!(
        s.verified_score(),
        Some(zrz_domain::round1(100.0 * 92.0 / 98.0))
    );
    assert_codes(&[
        VerificationState::NotVerified.code(),
        verification_state(&r, &newer, "4.1.4").code(),
        verification_state(&r, &newer, "4.1.3").code(),
    ]);
}

fn any_answers() -> impl Strategy<Value = BTreeMap<String, Answer>> {
    let items: Vec<(String, bool)> = shipped()
        .items()
        .map(|i| (i.id.clone(), i.kind.is_red_line()))
        .collect();
    proptest::collection::vec(0usize..6, items.len()).prop_map(move |choices| {
        items
            .iter()
            .zip(choices)
            .filter_map(|((id, red), c)| {
                let options: &[Response] = if *red {
                    &Response::FOR_RED_LINES
                } else {
                    &Response::FOR_TASKS
                };
                options.get(c).map(|r| (id.clone(), answered(*r)))
            })
            .collect()
    })
}

proptest! {
    /// With no verdict, or only 核实, the verified score is the department's score.
    #[test]
    fn no_verdict_means_the_same_score(answers in any_answers(), confirm in proptest::collection::vec(any::<bool>(), 60)) {
        let today = date(2025, 12, 1);
        let a = Assessment { answers, ..Dept::new("办公室", 2025).build() };
        let expected = summarize(shipped(), &a.answers, today);
        let none = verified_score(shipped(), &a, &Review::default(), today);
        prop_assert_eq!(&none.verified_summary, &expected);
        prop_assert_eq!(&none.self_summary, &expected);
        prop_assert!(none.differences.is_empty() && !none.is_reviewed());
        let mut r = Review::default();
        for (item, yes) in shipped().items().zip(confirm) {
            if yes {
                verify(&mut r, &a, &item.id, "confirmed", "", at(2026, 1, 1, 1));
            }
        }
        let confirmed = verified_score(shipped(), &a, &r, today);
        prop_assert_eq!(confirmed.verified_score(), expected.score);
    }

    /// Findings never raise what an item earns above what the office found, and the verified
    /// score is the summary of the answers with the found statuses.
    #[test]
    fn the_verified_score_is_the_summary_of_the_found_answers(answers in any_answers(), pick in 0usize..49, found in 0usize..4) {
        let today = date(2025, 12, 1);
        let a = Assessment { answers, ..Dept::new("办公室", 2025).build() };
        let item = shipped().items().nth(pick).unwrap();
        let choices = Response::choices_for(&item.kind);
        let f = choices[found % choices.len()];
        let mut r = Review::default();
        verify(&mut r, &a, &item.id, "doubtful", f.key(), at(2026, 1, 1, 1));
        let mut expected = a.answers.clone();
        expected.entry(item.id.clone()).or_default().response = Some(f);
        let s = verified_score(shipped(), &a, &r, today);
        prop_assert_eq!(&s.verified_summary, &summarize(shipped(), &expected, today));
        prop_assert_eq!(s.differences.len(), 1);
    }
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

#[test]
fn findings_have_ids_derived_from_department_item_and_time() {
    let (a, r) = reviewed();
    let issued = at(2026, 1, 8, 10);
    let findings = findings_for(&r, &a, shipped(), issued);
    let items: Vec<&str> = findings.iter().map(|f| f.item_id.as_str()).collect();
    assert_eq!(
        items,
        ["4.1.3", "4.1.4", "6.5", "7.2"],
        "not the confirmed 4.2.1"
    );
    let again = findings_for(&r, &a, shipped(), at(2026, 3, 1, 10));
    let ids = |fs: &[Finding]| fs.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&findings), ids(&again), "exported again: same ids");
    assert_eq!(findings[0].issued_at, issued);
    assert_eq!(findings[0].found, Some(Response::NotImplemented));
    assert_eq!(findings[0].answer_digest, a.answer_digest("4.1.3"));
    assert!(findings[0].id.starts_with("f-") && findings[0].id.len() == 15);
    let key = a.profile.department_key();
    let when = at(2026, 1, 5, 9);
    let base = finding_id(&key, "4.1.3", when);
    assert_eq!(findings[0].id, base);
    let mut other = key.clone();
    other.department = "宣传科".into();
    for different in [
        finding_id(&other, "4.1.3", when),
        finding_id(&key, "4.1.4", when),
        finding_id(&key, "4.1.3", at(2026, 1, 5, 10)),
    ] {
        assert_ne!(different, base);
    }
    // Closed findings go out closed; a stale verdict makes no finding.
    let mut r = r;
    r.closed_findings.push(findings[1].id.clone());
    let mut changed = a.clone();
    changed.answers.get_mut("6.5").unwrap().response = Some(Response::Partial);
    let out = findings_for(&r, &changed, shipped(), issued);
    assert_eq!(
        out.iter()
            .map(|f| (f.item_id.as_str(), f.closed))
            .collect::<Vec<_>>(),
        [("4.1.3", false), ("4.1.4", true), ("7.2", false)]
    );
}

#[test]
fn importing_findings_twice_changes_nothing_and_changed_items_are_reported() {
    let (a, r) = reviewed();
    let findings = findings_for(&r, &a, shipped(), at(2026, 1, 8, 10));
    let mut dept = a.clone();
    // The department has meanwhile changed 4.1.4.
    dept.answers.get_mut("4.1.4").unwrap().note = "补充了材料".into();
    let first = import_findings(&mut dept, &findings);
    assert_eq!(first.added.len(), 4);
    assert!(first.updated.is_empty() && first.unchanged.is_empty());
    assert_eq!(first.for_changed_items, [findings[1].id.clone()]);
    let after_first = dept.clone();

    // The same findings again, issued another day: nothing changes.
    let reissued = findings_for(&r, &a, shipped(), at(2026, 2, 1, 10));
    let second = import_findings(&mut dept, &reissued);
    assert_eq!(dept, after_first);
    assert!(second.added.is_empty() && second.updated.is_empty());
    assert_eq!(second.unchanged.len(), 4);
    assert_eq!(
        second.for_changed_items,
        [findings[1].id.clone()],
        "still reported, not dropped"
    );

    // The office closes one: it is updated in place.
    let mut r = r;
    r.closed_findings.push(findings[0].id.clone());
    let closed = findings_for(&r, &a, shipped(), at(2026, 3, 1, 10));
    let third = import_findings(&mut dept, &closed);
    assert_eq!(third.updated, [findings[0].id.clone()]);
    assert_eq!(dept.findings.len(), 4);
    assert!(dept.findings[0].closed);
    // A finding made before digests existed says nothing about changes.
    let mut old = finding("f-old", "4.1.4");
    old.answer_digest.clear();
    assert!(import_findings(&mut dept, &[old])
        .for_changed_items
        .is_empty());
}

// ---------------------------------------------------------------------------------------------
// Rectification tasks
// ---------------------------------------------------------------------------------------------

#[test]
fn tasks_are_needed_for_open_findings_and_own_shortfalls_without_one() {
    let a = Dept::new("办公室", 2025)
        .answer("4.1.10", Response::NotImplemented)
        .answer("4.1.9", Response::Partial)
        .answer("4.1.3", Response::Implemented)
        .answer("4.2.1", Response::Partial)
        .answer("7.1", Response::Occurred)
        .task(task("t1", "4.2.1"))
        .task(Task {
            finding_id: Some("f-answered".into()),
            ..task("t2", "4.4.1")
        })
        .finding(finding("f-open", "4.5.1"))
        .finding(finding("f-answered", "4.4.1"))
        .finding(Finding {
            closed: true,
            ..finding("f-closed", "4.5.2")
        })
        .build();
    let needs = tasks_needed(&a);
    assert_eq!(
        needs,
        [
            TaskNeed::Finding {
                finding_id: "f-open".into(),
                item_id: "4.5.1".into()
            },
            TaskNeed::Item {
                item_id: "4.1.9".into(),
                response: Response::Partial
            },
            TaskNeed::Item {
                item_id: "4.1.10".into(),
                response: Response::NotImplemented
            },
        ]
    );
    let new = needs[0].new_task("t-new".into());
    assert_eq!(
        (new.item_id.as_str(), new.finding_id.as_deref(), new.status),
        ("4.5.1", Some("f-open"), TaskStatus::NotStarted)
    );
    assert_eq!(needs[1].new_task("t".into()).finding_id, None);
    assert_codes(&[needs[0].code(), needs[1].code()]);
    for (a, b) in [
        ("4.1.9", "4.1.10"),
        ("3.4", "4.1.1"),
        ("7.2", "7.10"),
        ("4.1", "4.1.1"),
    ] {
        assert_eq!(
            compare_item_ids(a, b),
            std::cmp::Ordering::Less,
            "{a} < {b}"
        );
        assert_eq!(
            compare_item_ids(b, a),
            std::cmp::Ordering::Greater,
            "{b} > {a}"
        );
    }
}

fn task_form(status: &str, completed_on: &str, entry: &str, document: &str) -> TaskDraft {
    TaskDraft {
        measure: " 补开专题会议 ".into(),
        owner: " 王五 ".into(),
        deadline: "2025-12-31".into(),
        status: status.into(),
        completed_on: completed_on.into(),
        evidence_entry: entry.into(),
        evidence_document: document.into(),
    }
}

#[test]
fn task_status_rules() {
    let ledger = [entry("e1", "2025-11-01", "party_group_meeting")];
    let today = date(2025, 11, 20);
    let now = at(2025, 11, 20, 9);
    let base = task("t1", "4.1.1");
    let t = String::from;
    for (draft, expected) in [
        (
            task_form("done", "", "e1", ""),
            vec![TaskProblem::CompletedOnRequired],
        ),
        (
            task_form("done", "2025-11-21", "e1", ""),
            vec![TaskProblem::CompletedInFuture {
                date: date(2025, 11, 21),
            }],
        ),
        (
            task_form("done", "2025-11-20", "", " "),
            vec![TaskProblem::EvidenceRequired],
        ),
        (
            task_form("done", "2025-11-20", "e9", ""),
            vec![TaskProblem::EvidenceEntryNotFound { entry_id: t("e9") }],
        ),
        (
            task_form("in_progress", "", "e9", ""),
            vec![TaskProblem::EvidenceEntryNotFound { entry_id: t("e9") }],
        ),
        (
            task_form("done", "2025-02-30", "e1", ""),
            vec![TaskProblem::CompletedOnNotADate {
                text: t("2025-02-30"),
            }],
        ),
        (
            task_form("finished", "", "", ""),
            vec![TaskProblem::UnknownStatus {
                text: t("finished"),
            }],
        ),
        (
            TaskDraft {
                measure: " ".into(),
                deadline: "明年".into(),
                ..task_form("", "", "", "")
            },
            vec![
                TaskProblem::DeadlineNotADate { text: t("明年") },
                TaskProblem::MeasureRequired,
            ],
        ),
    ] {
        assert_eq!(
            build_task(&draft, &base, &ledger, today, now).unwrap_err(),
            expected,
            "{draft:?}"
        );
    }
    // Done today with an entry, or with a document.
    let done = build_task(
        &task_form("done", "2025-11-20", "e1", ""),
        &base,
        &ledger,
        today,
        now,
    )
    .unwrap();
    assert_eq!(
        (
            done.status,
            done.completed_on,
            done.evidence_entry.as_deref()
        ),
        (TaskStatus::Done, Some(date(2025, 11, 20)), Some("e1"))
    );
    assert_eq!(
        (done.measure.as_str(), done.owner.as_str()),
        ("补开专题会议", "王五")
    );
    assert_eq!(done.updated_at, Some(now));
    assert_eq!(done.id, "t1");
    let by_document = build_task(
        &task_form("done", "2025-11-01", "", "文广〔2025〕9号"),
        &base,
        &ledger,
        today,
        now,
    )
    .unwrap();
    assert_eq!(by_document.evidence_document, "文广〔2025〕9号");
    // 未开始 and 进行中 need nothing, and do not keep a 完成日期.
    for status in ["", "not_started", "in_progress"] {
        let t = build_task(
            &task_form(status, "2025-13-01", "", ""),
            &base,
            &ledger,
            today,
            now,
        )
        .unwrap_or_else(|p| panic!("{status}: {p:?}"));
        assert_eq!(t.completed_on, None, "{status}");
    }
    assert_eq!(
        TaskDraft::from_task(&done),
        TaskDraft {
            measure: "补开专题会议".into(),
            owner: "王五".into(),
            ..task_form("done", "2025-11-20", "e1", "")
        }
    );
    // The same rules for a stored task.
    let stored = Task {
        status: TaskStatus::Done,
        measure: String::new(),
        ..base.clone()
    };
    assert_eq!(
        task_problems(&stored, &ledger, today),
        [
            TaskProblem::MeasureRequired,
            TaskProblem::CompletedOnRequired,
            TaskProblem::EvidenceRequired
        ]
    );
}

#[test]
fn a_task_is_overdue_after_its_deadline_unless_done() {
    let deadline = date(2025, 6, 30);
    let t = Task {
        deadline: Some(deadline),
        ..task("t", "4.1.1")
    };
    for (status, today, overdue) in [
        (TaskStatus::NotStarted, date(2025, 6, 30), false),
        (TaskStatus::NotStarted, date(2025, 7, 1), true),
        (TaskStatus::InProgress, date(2025, 7, 1), true),
        (TaskStatus::Done, date(2025, 7, 1), false),
    ] {
        let t = Task {
            status,
            ..t.clone()
        };
        assert_eq!(task_overdue(&t, today), overdue, "{status:?} on {today}");
    }
    assert!(
        !task_overdue(&task("t", "4.1.1"), date(2030, 1, 1)),
        "no deadline"
    );
    let t = String::new;
    assert_codes(
        &[
            TaskProblem::MeasureRequired,
            TaskProblem::DeadlineNotADate { text: t() },
            TaskProblem::UnknownStatus { text: t() },
            TaskProblem::CompletedOnRequired,
            TaskProblem::CompletedOnNotADate { text: t() },
            TaskProblem::CompletedInFuture { date: deadline },
            TaskProblem::EvidenceRequired,
            TaskProblem::EvidenceEntryNotFound { entry_id: t() },
        ]
        .iter()
        .map(TaskProblem::code)
        .collect::<Vec<_>>(),
    );
}

// ---------------------------------------------------------------------------------------------
// Accountability
// ---------------------------------------------------------------------------------------------

fn decision(item: &str, key: &str, on: &str, by: &str) -> AccountabilityDraft {
    AccountabilityDraft {
        item_id: item.into(),
        decision: key.into(),
        decided_on: on.into(),
        decided_by: by.into(),
        note: " 通报全局 ".into(),
    }
}

#[test]
fn accountability_decisions_are_checked_against_the_departments_answers() {
    let a = Dept::new("办公室", 2025)
        .red_line("7.3", "2025-05-10", "发生群体性事件")
        .answer("7.4", Response::NotOccurred)
        .build();
    let today = date(2025, 6, 1);
    let t = String::from;
    for (draft, expected) in [
        (
            decision("4.1.1", "reminder", "2025-05-20", "局党组"),
            vec![AccountabilityProblem::NotARedLine {
                item_id: t("4.1.1"),
            }],
        ),
        (
            decision("7.4", "reminder", "2025-05-20", "局党组"),
            vec![AccountabilityProblem::RedLineNotOccurred { item_id: t("7.4") }],
        ),
        (
            decision("7.5", "reminder", "2025-05-20", "局党组"),
            vec![AccountabilityProblem::RedLineNotOccurred { item_id: t("7.5") }],
        ),
        (
            decision("7.3", "reminder", "2025-06-02", "局党组"),
            vec![AccountabilityProblem::DateInFuture {
                date: date(2025, 6, 2),
            }],
        ),
        (
            decision("7.3", "reminder", "2025-05-09", "局党组"),
            vec![AccountabilityProblem::DecidedBeforeOccurred {
                decided_on: date(2025, 5, 9),
                occurred_on: date(2025, 5, 10),
            }],
        ),
        (
            decision("7.3", "", "", " "),
            vec![
                AccountabilityProblem::DecisionRequired,
                AccountabilityProblem::DateRequired,
                AccountabilityProblem::DecidedByRequired,
            ],
        ),
        (
            decision("7.3", "fine", "2025-5-32", "局党组"),
            vec![
                AccountabilityProblem::UnknownDecision { text: t("fine") },
                AccountabilityProblem::DateNotADate {
                    text: t("2025-5-32"),
                },
            ],
        ),
    ] {
        assert_eq!(
            build_accountability(&draft, shipped(), &a, today).unwrap_err(),
            expected,
            "{draft:?}"
        );
    }
    for (on, key, expected) in [
        (
            "2025-05-10",
            "circular_criticism",
            Decision::CircularCriticism,
        ),
        (
            "2025-06-01",
            "disciplinary_sanction",
            Decision::DisciplinarySanction,
        ),
    ] {
        let ok = build_accountability(&decision("7.3", key, on, " 局党组 "), shipped(), &a, today)
            .unwrap();
        assert_eq!(
            ok,
            AccountabilityRecord {
                item_id: "7.3".into(),
                decision: expected,
                decided_on: d(on),
                decided_by: "局党组".into(),
                note: "通报全局".into(),
            }
        );
        assert!(accountability_problems(&ok, shipped(), &a, today).is_empty());
    }
    let stored = AccountabilityRecord {
        item_id: "7.4".into(),
        decision: Decision::Reminder,
        decided_on: date(2025, 7, 1),
        decided_by: "".into(),
        note: String::new(),
    };
    assert_eq!(
        accountability_problems(&stored, shipped(), &a, today),
        [
            AccountabilityProblem::RedLineNotOccurred { item_id: t("7.4") },
            AccountabilityProblem::DateInFuture {
                date: date(2025, 7, 1)
            },
            AccountabilityProblem::DecidedByRequired,
        ]
    );
    let day = today;
    assert_codes(
        &[
            AccountabilityProblem::NotARedLine { item_id: t("") },
            AccountabilityProblem::RedLineNotOccurred { item_id: t("") },
            AccountabilityProblem::DecisionRequired,
            AccountabilityProblem::UnknownDecision { text: t("") },
            AccountabilityProblem::DateRequired,
            AccountabilityProblem::DateNotADate { text: t("") },
            AccountabilityProblem::DateInFuture { date: day },
            AccountabilityProblem::DecidedBeforeOccurred {
                decided_on: day,
                occurred_on: day,
            },
            AccountabilityProblem::DecidedByRequired,
        ]
        .iter()
        .map(AccountabilityProblem::code)
        .collect::<Vec<_>>(),
    );
    let fields: Vec<&str> = [
        AccountabilityProblem::NotARedLine { item_id: t("") },
        AccountabilityProblem::DecisionRequired,
        AccountabilityProblem::DateInFuture { date: day },
        AccountabilityProblem::DecidedByRequired,
    ]
    .iter()
    .map(AccountabilityProblem::field)
    .collect();
    assert_eq!(fields, ["item_id", "decision", "decided_on", "decided_by"]);
}

#[test]
fn verification_problem_codes() {
    let t = String::new;
    let r = Response::Partial;
    assert_codes(
        &[
            VerificationProblem::VerdictRequired,
            VerificationProblem::UnknownVerdict { text: t() },
            VerificationProblem::FoundRequired {
                verdict: Verdict::Doubtful,
            },
            VerificationProblem::UnknownFound { text: t() },
            VerificationProblem::FoundNotForItem { found: r },
            VerificationProblem::FoundSameAsAnswer { found: r },
            VerificationProblem::UnknownMethod { text: t() },
        ]
        .iter()
        .map(VerificationProblem::code)
        .collect::<Vec<_>>(),
    );
}
