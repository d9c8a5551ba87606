#![cfg(not(target_arch = "wasm32"))]
//! The office's two kinds: 核查意见 sent back to a department, and the 汇总工作区 that keeps every
//! department file whole.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::support::*;
use zrz_domain::plan::Template;
use zrz_domain::record::{Relation, Verdict};
use zrz_domain::review::Review;
use zrz_exchange::merge::{apply_findings, findings_fit_template};
use zrz_exchange::{
    apply_workspace, export_assessment, import, plan_workspace, read_file, Content, Kind,
    MergeError, Receipt, ReceiveError, Side, Workspace,
};

fn findings_file() -> zrz_exchange::Imported {
    import(
        fixture_text("v3_findings").as_bytes(),
        &Template::shipped(),
        Some(Kind::Findings),
    )
    .unwrap()
}

#[test]
fn a_department_takes_in_the_offices_findings_by_id() {
    let local = sample();
    let update = apply_findings(&local, &findings_file()).unwrap();
    // The fixture's department already holds the first finding; the second is new.
    assert_eq!(update.unchanged, [local.findings[0].id.clone()]);
    assert_eq!(update.added.len(), 1);
    let new = update
        .assessment
        .findings
        .iter()
        .find(|f| f.id == update.added[0])
        .unwrap();
    assert_eq!(
        (new.item_id.as_str(), new.verdict),
        ("7.1", Verdict::NotAsReported)
    );
    assert_eq!(
        update.assessment.answers, local.answers,
        "answers untouched"
    );
    // Twice changes nothing; the office closing a finding replaces the held one.
    let again = apply_findings(&update.assessment, &findings_file()).unwrap();
    assert!(again.is_noop());
    let closed = import(
        &mutate("v3_findings", |v| {
            v["content"]["findings"][0]["closed"] = json!(true)
        }),
        &Template::shipped(),
        None,
    )
    .unwrap();
    let update = apply_findings(&update.assessment, &closed).unwrap();
    assert_eq!(update.updated, [local.findings[0].id.clone()]);
    assert!(update.assessment.findings[0].closed);
    assert_eq!(update.assessment.findings.len(), 2, "nothing dropped");
}

#[test]
fn findings_fit_the_template_they_name_and_not_another_plan_or_changed_items() {
    let imported = findings_file();
    let Content::Findings(file) = &imported.content else {
        panic!("a findings file")
    };
    assert!(!file.findings.is_empty());
    let shipped = Template::shipped().reference();
    assert!(findings_fit_template(file, &shipped));
    // Another plan altogether.
    let mut other = shipped.clone();
    other.id = "another-plan".into();
    other.hash = "0".repeat(64);
    assert!(!findings_fit_template(file, &other));
    // The same plan in another version whose item a finding names reads differently.
    let mut changed = shipped.clone();
    changed.hash = "1".repeat(64);
    changed.version = "2099.1".into();
    let item = &file.findings[0].item_id;
    changed.items.insert(item.clone(), "ffffffffffff".into());
    assert!(!findings_fit_template(file, &changed));
    // … and one whose named items read the same.
    let mut same_items = shipped.clone();
    same_items.hash = "2".repeat(64);
    same_items.version = "2099.2".into();
    assert!(findings_fit_template(file, &same_items));
}

#[test]
fn findings_for_another_department_or_a_fresh_browser_are_refused() {
    let mut other = sample();
    other.profile.department = "宣传科".into();
    let err = apply_findings(&other, &findings_file()).unwrap_err();
    assert!(matches!(
        err,
        MergeError::OtherDepartment {
            relation: Relation::OtherDepartment,
            ..
        }
    ));
    assert!(
        err.to_string().contains("办公室") && err.to_string().contains("宣传科"),
        "{err}"
    );
    let err = apply_findings(&Default::default(), &findings_file()).unwrap_err();
    assert!(matches!(
        err,
        MergeError::OtherDepartment {
            relation: Relation::LocalEmpty,
            ..
        }
    ));
    let assessment = import_ok(fixture_text("v3_assessment").as_bytes());
    assert_eq!(
        apply_findings(&sample(), &assessment).unwrap_err(),
        MergeError::NotMergeable(Kind::Assessment)
    );
}

#[test]
fn the_workspace_keeps_every_department_file_whole_and_switchable() {
    let Content::Workspace(ws) = read_file(fixture_text("v3_workspace").as_bytes())
        .unwrap()
        .content
    else {
        panic!("a workspace")
    };
    let received = &ws.received[0];
    // The v2 file stays a v2 file, byte for byte in content, checksum and all.
    assert_eq!(received.older[0].file, fixture("v2_assessment"));
    assert_eq!(received.current.file, fixture("v3_assessment"));
    assert_eq!(received.older[0].read().unwrap().header.format_version, 2);
    assert_eq!(received.store_key(), "县文化广播影视局|办公室|2025");
    let mut switched = received.clone();
    assert!(switched.switch_to(0));
    assert_eq!(switched.current.file, fixture("v2_assessment"));
    assert_eq!(switched.older[0].file, fixture("v3_assessment"));
    assert!(!switched.switch_to(5));
    assert_eq!(switched.files().count(), 2);
}

#[test]
fn receiving_files_files_them_by_department_and_year_and_never_drops_one() {
    let mut ws = Workspace::default();
    let v2 = fixture("v2_assessment");
    let v3 = fixture("v3_assessment");
    assert_eq!(
        ws.receive("a.json", at(21, 9), v3.clone()).unwrap(),
        Receipt::New
    );
    assert_eq!(
        ws.receive("a.json", at(21, 10), v3.clone()).unwrap(),
        Receipt::AlreadyHeld
    );
    assert_eq!(
        ws.receive("old.json", at(22, 9), v2.clone()).unwrap(),
        Receipt::KeptAsOlder
    );
    assert_eq!(ws.received.len(), 1);
    assert_eq!(ws.received[0].current.file, v3);
    let mut later = v3.clone();
    later["exported_at"] = json!("2025-03-30T08:00:00Z");
    assert_eq!(
        ws.receive("later.json", at(30, 9), later.clone()).unwrap(),
        Receipt::Replaced
    );
    let files: Vec<&Value> = ws.received[0].files().map(|f| &f.file).collect();
    assert_eq!(
        files,
        [&later, &v3, &v2],
        "newest in force, every other kept, newest first"
    );
    let mut other = v3.clone();
    other["content"]["profile"]["department"] = json!("宣传科");
    assert_eq!(
        ws.receive("b.json", at(21, 9), other).unwrap(),
        Receipt::New
    );
    assert_eq!(ws.received.len(), 2);
    assert!(matches!(
        ws.receive("plan.json", at(21, 9), fixture("v3_annual_plan")),
        Err(ReceiveError::NotAnAssessment(Kind::AnnualPlan))
    ));
    assert!(matches!(
        ws.receive("x.json", at(21, 9), json!([1])),
        Err(ReceiveError::Unreadable(_))
    ));
}

#[test]
fn a_file_with_the_same_export_time_but_another_checksum_is_another_file() {
    let mut ws = Workspace::default();
    let v3 = fixture("v3_assessment");
    ws.receive("a.json", at(21, 9), v3.clone()).unwrap();
    // Edited after export (its checksum no longer matches, and differs): kept, not taken as held.
    let mut edited = v3.clone();
    edited["checksum"] = json!("sha256:0000");
    assert_eq!(
        ws.receive("a-edited.json", at(21, 10), edited.clone())
            .unwrap(),
        Receipt::KeptAsOlder
    );
    assert_eq!(ws.received[0].older[0].file, edited);
    assert_eq!(ws.received[0].older[0].checksum(), "sha256:0000");
    // What a 核查意见 says it was about: the name, the time and the checksum of the file in force.
    let about = ws.received[0].current.file_ref().unwrap();
    assert_eq!(about.file_name, "a.json");
    assert_eq!(about.checksum, v3["checksum"].as_str().unwrap());
    assert_eq!(
        Some(about.exported_at),
        ws.received[0].current.exported_at()
    );
    let mut undated = v3.clone();
    undated["exported_at"] = json!("not a time");
    assert_eq!(
        zrz_exchange::office::exported_at_of(&undated),
        None,
        "no time, no file ref"
    );
}

#[test]
fn two_copies_of_a_workspace_merge_by_department_keeping_every_file() {
    let Content::Workspace(theirs) = read_file(fixture_text("v3_workspace").as_bytes())
        .unwrap()
        .content
    else {
        panic!("a workspace")
    };
    let mut mine = Workspace::default();
    mine.receive("a.json", at(21, 9), fixture("v3_assessment"))
        .unwrap();
    let mut second = sample();
    second.profile.department = "宣传科".into();
    let text = export_assessment(&second, &no_extras(), &Template::shipped(), &meta());
    mine.receive("b.json", at(21, 9), serde_json::from_str(&text).unwrap())
        .unwrap();
    let plan = plan_workspace(&mine, &theirs);
    assert_eq!(plan.entries.len(), 1);
    let entry = &plan.entries[0];
    assert!(!entry.new_department);
    assert_eq!(entry.files_added, 1, "the v2 file");
    assert_eq!(entry.review, zrz_exchange::merge::ReviewChange::Taken);
    let merged = apply_workspace(&mine, &theirs, &plan, &BTreeMap::new());
    assert_eq!(merged.received.len(), 2);
    assert_eq!(merged.received[0].files().count(), 2);
    assert_eq!(merged.received[0].review, theirs.received[0].review);
    // Both reviewed differently: the user's choice, local by default.
    let mut mine = merged.clone();
    mine.received[0].review = Review::default();
    mine.received[0].review.closed_findings.push("f-x".into());
    let plan = plan_workspace(&mine, &theirs);
    assert_eq!(plan.conflicts().count(), 1);
    let kept = apply_workspace(&mine, &theirs, &plan, &BTreeMap::new());
    assert_eq!(kept.received[0].review.closed_findings, ["f-x"]);
    let choices = BTreeMap::from([(plan.entries[0].store_key.clone(), Side::Incoming)]);
    let taken = apply_workspace(&mine, &theirs, &plan, &choices);
    assert_eq!(taken.received[0].review, theirs.received[0].review);
}
