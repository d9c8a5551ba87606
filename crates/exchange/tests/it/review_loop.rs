//! The whole 核查与整改 loop through real files, as the 整改 and 核查 pages run it: a department's
//! export received by the office, verified, findings exported and imported by the department, a
//! task done, the next export received — verdicts kept, the changed item to re-check, both scores.

use chrono::{NaiveDate, TimeZone, Utc};

use super::support::no_extras;
use zrz_domain::plan::Template;
use zrz_domain::record::{Answer, Assessment, Profile, Response, TaskStatus, Verdict};
use zrz_domain::review::{
    build_task, build_verification, carry_over, findings_for, tasks_needed, verified_score,
    TaskDraft, VerificationDraft,
};
use zrz_exchange::{
    apply_findings, export_assessment, export_findings, import, ExportMeta, FindingsFile, Kind,
    Receipt, Scores, Workspace,
};

fn department() -> Assessment {
    let mut a = Assessment {
        profile: Profile {
            unit: "县文化广播影视局".into(),
            department: "办公室".into(),
            filled_by: "张三".into(),
            year: 2025,
        },
        ..Assessment::default()
    };
    for (id, r) in [
        ("4.1.1", Response::Implemented),
        ("4.1.3", Response::Implemented),
    ] {
        a.answers.insert(
            id.into(),
            Answer {
                response: Some(r),
                ..Answer::default()
            },
        );
    }
    a
}

fn exported(a: &Assessment, day: u32) -> serde_json::Value {
    let meta = ExportMeta::new(
        Utc.with_ymd_and_hms(2025, 11, day, 8, 0, 0).unwrap(),
        "0.3.0",
    );
    let text = export_assessment(a, &no_extras(), &Template::shipped(), &meta);
    serde_json::from_str(&text).unwrap()
}

#[test]
fn verify_send_findings_rectify_and_receive_again() {
    let template = Template::shipped();
    let today = NaiveDate::from_ymd_opt(2025, 11, 30).unwrap();
    let mut local = department();

    // The office receives the department's first export and verifies two items.
    let mut ws = Workspace::default();
    let first = ws.receive(
        "a.json",
        Utc.with_ymd_and_hms(2025, 11, 2, 9, 0, 0).unwrap(),
        exported(&local, 1),
    );
    assert_eq!(first, Ok(Receipt::New));
    let received = &mut ws.received[0];
    let held = received
        .current
        .read()
        .unwrap()
        .assessment()
        .unwrap()
        .clone();
    let verify = |item: &str, verdict: &str, found: &str| {
        let draft = VerificationDraft {
            verdict: verdict.into(),
            found: found.into(),
            method: "documents".into(),
            note: "未见会议记录".into(),
            by: "王主任".into(),
        };
        build_verification(
            &draft,
            template.item(item).unwrap(),
            held.answer(item),
            Utc.with_ymd_and_hms(2025, 11, 3, 9, 0, 0).unwrap(),
        )
        .unwrap()
    };
    received.review.verifications.insert(
        "4.1.1".into(),
        verify("4.1.1", "not_as_reported", "not_implemented"),
    );
    received
        .review
        .verifications
        .insert("4.1.3".into(), verify("4.1.3", "confirmed", ""));
    let score = verified_score(&template, &held, &received.review, today);
    assert!(score.verified_score().unwrap() < score.self_score().unwrap());
    assert_eq!(score.differences.len(), 1);

    // The findings file, as 核查 writes it, imported by the department.
    let issued = Utc.with_ymd_and_hms(2025, 11, 4, 9, 0, 0).unwrap();
    let imported_file = received.current.read().unwrap();
    let file = FindingsFile {
        department: received.department.clone(),
        template: imported_file.header.template.clone(),
        about: received.current.file_ref(),
        findings: findings_for(&received.review, &held, &template, issued),
        accountability: Vec::new(),
        scores: Scores {
            self_score: score.self_score(),
            verified_score: score.verified_score(),
        },
        extras: Default::default(),
    };
    assert_eq!(
        file.findings.len(),
        1,
        "only the 不属实 item becomes a finding"
    );
    let text = export_findings(&file, &ExportMeta::new(issued, "0.3.0"));
    let findings = import(text.as_bytes(), &template, Some(Kind::Findings)).unwrap();
    assert!(findings.template_match.as_ref().unwrap().is_compatible());
    let update = apply_findings(&local, &findings).unwrap();
    assert_eq!(update.added.len(), 1);
    local = update.assessment;
    assert!(
        apply_findings(&local, &findings).unwrap().is_noop(),
        "twice changes nothing"
    );
    assert_eq!(local.findings[0].verdict, Verdict::NotAsReported);

    // A task for the finding, done with a document as evidence.
    let need = tasks_needed(&local).into_iter().next().unwrap();
    let draft = TaskDraft {
        measure: "补开专题会议".into(),
        status: "done".into(),
        completed_on: "2025-11-20".into(),
        evidence_document: "党组会议记录".into(),
        ..TaskDraft::default()
    };
    let task = build_task(&draft, &need.new_task("t-1".into()), &[], today, issued).unwrap();
    local.tasks.push(task);
    assert!(tasks_needed(&local).is_empty());

    // The next export replaces the first; the verdicts of unchanged answers are kept.
    let second = ws.receive(
        "b.json",
        Utc.with_ymd_and_hms(2025, 11, 22, 9, 0, 0).unwrap(),
        exported(&local, 21),
    );
    assert_eq!(second, Ok(Receipt::Replaced));
    let received = &ws.received[0];
    let newer = received
        .current
        .read()
        .unwrap()
        .assessment()
        .unwrap()
        .clone();
    assert_eq!(newer.tasks[0].status, TaskStatus::Done);
    let kept = carry_over(&received.review, &newer);
    assert_eq!(kept.kept, vec!["4.1.1".to_string(), "4.1.3".to_string()]);
    assert!(kept.recheck.is_empty());
    assert_eq!(received.older.len(), 1, "the first file is kept");

    // Had the department changed 4.1.3, it would be re-checked instead.
    local.answers.get_mut("4.1.3").unwrap().response = Some(Response::Partial);
    let changed = carry_over(&received.review, &local);
    assert_eq!(changed.recheck, vec!["4.1.3".to_string()]);
}
