#![cfg(not(target_arch = "wasm32"))]
//! Merging as the app does it, through real files: colleagues on different chapters, the office
//! importing a department's file twice, a new 年度方案, undoing an import, and the defects users hit
//! (another department's file, the same person twice, default settings as a conflict, raw JSON in
//! the preview, a third diff engine for backups).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use serde_json::Value;
use zrz_domain::plan::{Template, SHIPPED_TEMPLATE_JSON};
use zrz_domain::record::{Answer, Assessment, Relation, Response};
use zrz_domain::record::{Finding, LedgerEntry, Method, Task, TaskStatus, Verdict};
use zrz_domain::record::{Person, RaterRole, Rating, RatingValue, RecordKey, RecordKind};
use zrz_domain::Dimension;
use zrz_exchange::merge::{plan_import, same_answer, Choices};
use zrz_exchange::{
    apply_annual_plan, apply_merge, export_annual_plan, export_assessment, import, plan_merge,
    plan_restore, AnnualPlan, Change, Content, ExportMeta, Extras, Kind, MergeError, RestoreChange,
    Side, StoredState, UndoPoint,
};

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, day, hour, 0, 0).unwrap()
}

fn meta(day: u32) -> ExportMeta {
    ExportMeta::new(at(day, 9), "0.1.0")
}

fn answered(response: Response, note: &str, when: DateTime<Utc>) -> Answer {
    Answer {
        response: Some(response),
        note: note.into(),
        updated_at: Some(when),
        ..Answer::default()
    }
}

fn start() -> Assessment {
    let mut a = Assessment::default();
    a.profile.unit = "县文化广播影视局".into();
    a.profile.department = "办公室".into();
    a.profile.filled_by = "张三".into();
    a.profile.year = 2025;
    a.answers
        .insert("3.1".into(), answered(Response::Partial, "", at(1, 8)));
    a.answers
        .insert("4.1.1".into(), answered(Response::Partial, "", at(1, 8)));
    a.people.push(Person {
        id: "p-1".into(),
        name: "李四".into(),
        ..Person::default()
    });
    a
}

/// Sends `a` as a file and reads it back as the receiving screen would.
fn send(a: &Assessment, day: u32) -> Assessment {
    let text = export_assessment(a, &Extras::default(), &Template::shipped(), &meta(day));
    import(
        text.as_bytes(),
        &Template::shipped(),
        Some(Kind::Assessment),
    )
    .unwrap()
    .assessment()
    .unwrap()
    .clone()
}

fn entry<'p>(plan: &'p zrz_exchange::MergePlan, kind: RecordKind, id: &str) -> &'p Change {
    &plan
        .entries
        .iter()
        .find(|e| e.key.kind == kind && e.key.id == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
        .change
}

#[test]
fn colleagues_on_different_chapters_merge_without_conflicts() {
    // 张三 exports the shared start; 王五 imports it. Both remember it as their base.
    let base = send(&start(), 1);
    // The merge base (what the sync layer keeps per department): what was last exported or imported.
    let mut zhang = StoredState {
        assessment: start(),
        ..StoredState::default()
    };
    let mut zhang_base = base.clone();

    let mut wang = base.clone();
    wang.answers.insert(
        "4.1.1".into(),
        answered(Response::Implemented, "已召开两次专题会议", at(3, 10)),
    );
    wang.answers.insert(
        "4.2.1".into(),
        answered(Response::Implemented, "", at(3, 11)),
    );
    wang.ratings.push(Rating {
        person_id: "p-1".into(),
        dimension: Dimension::Qin,
        role: RaterRole::Peer,
        rater: "王五".into(),
        value: RatingValue::Score(86.5),
        updated_at: Some(at(3, 12)),
    });
    zhang.assessment.answers.insert(
        "3.1".into(),
        answered(Response::Implemented, "班子会议已研究", at(4, 9)),
    );

    let incoming = send(&wang, 5);
    let plan = plan_merge(&zhang.assessment, &incoming, Some((&zhang_base).into()));
    assert_eq!(
        plan.conflicts().count(),
        0,
        "{:#?}",
        plan.conflicts().collect::<Vec<_>>()
    );
    assert!(matches!(
        entry(&plan, RecordKind::Answer, "4.1.1"),
        Change::Changed { .. }
    ));
    assert!(matches!(
        entry(&plan, RecordKind::Answer, "4.2.1"),
        Change::Added { .. }
    ));
    assert_eq!(
        entry(&plan, RecordKind::Answer, "3.1"),
        &Change::Unchanged,
        "only 张三 changed 3.1: his answer stays"
    );
    assert!(matches!(
        entry(&plan, RecordKind::Rating, "p-1/qin/peer/王五"),
        Change::Added { .. }
    ));
    let merged = apply_merge(&zhang.assessment, &plan, &Choices::new())
        .unwrap()
        .assessment;
    assert_eq!(merged.answers["3.1"].note, "班子会议已研究");
    assert_eq!(merged.answers["4.1.1"].note, "已召开两次专题会议");
    assert_eq!(merged.ratings.len(), 1);
    assert_eq!(merged.people, start().people);

    // The app records what it imported; importing the same file again changes nothing.
    zhang.assessment = merged.clone();
    zhang_base = incoming.clone();
    let again = plan_merge(
        &zhang.assessment,
        &send(&wang, 5),
        Some((&zhang_base).into()),
    );
    assert!(
        again.is_noop(),
        "{:#?}",
        again
            .entries
            .iter()
            .filter(|e| e.change != Change::Unchanged)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        apply_merge(&zhang.assessment, &again, &Choices::new())
            .unwrap()
            .assessment,
        merged
    );
}

#[test]
fn both_sides_changing_one_item_is_a_conflict_decided_item_by_item() {
    let base = start();
    let mut local = base.clone();
    local.answers.insert(
        "3.1".into(),
        answered(Response::Implemented, "本地说明", at(4, 9)),
    );
    let mut theirs = base.clone();
    theirs.answers.insert(
        "3.1".into(),
        answered(Response::NotImplemented, "对方说明", at(4, 10)),
    );
    theirs.profile.filled_by = "王五".into();

    let plan = plan_merge(&local, &send(&theirs, 5), Some((&base).into()));
    let Change::Conflict {
        local: mine,
        incoming,
        newer,
    } = entry(&plan, RecordKind::Answer, "3.1")
    else {
        panic!("a conflict")
    };
    assert_eq!(mine.answer().unwrap().note, "本地说明");
    assert_eq!(incoming.answer().unwrap().note, "对方说明");
    assert_eq!(
        (mine.updated_at, incoming.updated_at, *newer),
        (Some(at(4, 9)), Some(at(4, 10)), Some(Side::Incoming))
    );
    assert!(matches!(
        entry(&plan, RecordKind::Profile, "filled_by"),
        Change::Changed { .. }
    ));
    assert!(plan.newer_side_known());

    let err = apply_merge(&local, &plan, &Choices::new()).unwrap_err();
    assert!(matches!(&err, MergeError::Undecided { entries } if entries.len() == 1));
    assert_eq!(
        err,
        MergeError::Undecided {
            entries: vec![RecordKey::new(RecordKind::Answer, "3.1")]
        }
    );

    let keep_mine: Choices = plan
        .conflicts()
        .map(|e| (e.key.clone(), Side::Local))
        .collect();
    let merged = apply_merge(&local, &plan, &keep_mine).unwrap().assessment;
    assert_eq!(merged.answers["3.1"].note, "本地说明");
    assert_eq!(merged.profile.filled_by, "王五");
}

#[test]
fn without_a_base_one_sided_and_empty_records_are_taken_and_differences_conflict() {
    let mut office = Assessment::default();
    office.profile.year = 2025;
    let dept = start();
    let plan = plan_merge(&office, &send(&dept, 5), None);
    assert!(!plan.with_base);
    assert_eq!(
        plan.conflicts().count(),
        0,
        "an empty office copy takes everything"
    );
    let merged = apply_merge(&office, &plan, &Choices::new())
        .unwrap()
        .assessment;
    assert_eq!(merged, dept);
}

#[test]
fn a_new_annual_plan_replaces_template_and_settings_and_keeps_every_answer() {
    let mut raw: Value = serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap();
    raw["version"] = "2026.1".into();
    // The new plan drops item 3.1 (its points move to 3.2 so the chapter still weighs the same).
    let chapter = raw["parts"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|p| p["chapters"].as_array_mut().unwrap().iter_mut())
        .find(|c| c["id"] == "3")
        .unwrap();
    let items = chapter["items"].as_array_mut().unwrap();
    let dropped = items.remove(0);
    let points = items[0]["points"].as_f64().unwrap() + dropped["points"].as_f64().unwrap();
    items[0]["points"] = points.into();
    let mut office = start();
    office.rating_settings.excellent_share_max = 10.0;
    let text = export_annual_plan(
        &AnnualPlan::from_office(raw, &office),
        &office.profile,
        &meta(2),
    );
    let Content::AnnualPlan(plan) = import(
        text.as_bytes(),
        &Template::shipped(),
        Some(Kind::AnnualPlan),
    )
    .unwrap()
    .content
    else {
        panic!("an annual plan")
    };

    let state = StoredState {
        assessment: start(),
        ..StoredState::default()
    };
    let update = apply_annual_plan(&state, &Template::shipped(), &plan).unwrap();
    assert_eq!(update.set_aside, ["3.1"]);
    assert_eq!(update.kept, ["4.1.1"]);
    assert_eq!(
        update.state.assessment.answers, state.assessment.answers,
        "no answer is deleted"
    );
    assert!(update.settings_replaced);
    assert_eq!(
        update.state.assessment.rating_settings.excellent_share_max,
        10.0
    );
    assert_eq!(update.previous, Template::shipped().reference());
    assert_eq!(update.next.version, "2026.1");
    let template =
        Template::parse(&serde_json::to_string(update.state.template.as_ref().unwrap()).unwrap())
            .unwrap();
    assert_eq!(template.reference(), update.next);
}

#[test]
fn plan_import_merges_assessments_and_backups_only() {
    let local = start();
    let annual = import(
        std::fs::read(crate::fixture("exchange/v1_annual_plan.json"))
            .unwrap()
            .as_slice(),
        &Template::shipped(),
        None,
    )
    .unwrap();
    let err = plan_import((&local).into(), &annual, None).unwrap_err();
    assert_eq!(err, MergeError::NotMergeable(Kind::AnnualPlan));
    let backup = import(
        std::fs::read(crate::fixture("exchange/v1_backup.json"))
            .unwrap()
            .as_slice(),
        &Template::shipped(),
        None,
    )
    .unwrap();
    // A backup is another copy of a department's record: it merges into a fresh record (or into
    // the same department's), like a colleague's file.
    assert!(plan_import((&Assessment::default()).into(), &backup, None).is_ok());
    let findings = import(
        std::fs::read(crate::fixture("exchange/v3_findings.json"))
            .unwrap()
            .as_slice(),
        &Template::shipped(),
        None,
    )
    .unwrap();
    assert_eq!(
        plan_import((&local).into(), &findings, None).unwrap_err(),
        MergeError::NotMergeable(Kind::Findings)
    );
}

#[test]
fn an_import_can_be_undone() {
    let mut state = StoredState {
        assessment: start(),
        last_export_at: Some(at(2, 9)),
        ..StoredState::default()
    };
    let undo = UndoPoint::before_import(
        &state,
        "意识形态责任制自评_县文化广播影视局_办公室_2025_20250305.json",
        at(5, 9),
    );
    let stored = undo.to_json();

    let mut theirs = start();
    theirs.answers.insert(
        "4.2.1".into(),
        answered(Response::Implemented, "", at(3, 11)),
    );
    let plan = plan_merge(&state.assessment, &theirs, None);
    state.assessment = apply_merge(&state.assessment, &plan, &Choices::new())
        .unwrap()
        .assessment;
    assert!(state.assessment.answers.contains_key("4.2.1"));

    let restored = UndoPoint::from_json(&stored).unwrap().restore().unwrap();
    assert_eq!(restored.assessment, start());
    assert_eq!(restored.last_export_at, Some(at(2, 9)));
    assert!(undo.label.contains("之前"));
    let backup = undo.to_backup_file(&Template::shipped(), &meta(5)).unwrap();
    assert!(backup.contains("\"kind\": \"backup\""));
}

#[test]
fn applying_to_changed_local_data_is_refused() {
    let local = start();
    let mut theirs = start();
    theirs.answers.insert(
        "4.2.1".into(),
        answered(Response::Implemented, "", at(3, 11)),
    );
    let plan = plan_merge(&local, &theirs, None);
    let mut edited = local.clone();
    edited
        .answers
        .insert("6.1".into(), answered(Response::Partial, "", at(6, 9)));
    let err = apply_merge(&edited, &plan, &Choices::new()).unwrap_err();
    assert_eq!(err, MergeError::LocalChanged);
}

// ---------------------------------------------------------------------------------------------------
// The defects users hit

fn imported(a: &Assessment) -> zrz_exchange::Imported {
    let text = export_assessment(a, &Extras::default(), &Template::shipped(), &meta(5));
    import(
        text.as_bytes(),
        &Template::shipped(),
        Some(Kind::Assessment),
    )
    .unwrap()
}

#[test]
fn a_file_of_another_unit_department_or_year_is_refused_naming_both_sides() {
    let local = start();
    for (change, relation, (unit, department, year)) in [
        (
            (|a: &mut Assessment| a.profile.department = "宣传科".into()) as fn(&mut Assessment),
            Relation::OtherDepartment,
            ("县文化广播影视局", "宣传科", 2025),
        ),
        (
            |a: &mut Assessment| a.profile.year = 2024,
            Relation::OtherYear,
            ("县文化广播影视局", "办公室", 2024),
        ),
        (
            |a: &mut Assessment| a.profile.unit = "市文旅局".into(),
            Relation::OtherUnit,
            ("市文旅局", "办公室", 2025),
        ),
    ] {
        let mut theirs = start();
        change(&mut theirs);
        theirs.answers.insert(
            "4.2.1".into(),
            answered(Response::Implemented, "对方", at(3, 11)),
        );
        let err = plan_import((&local).into(), &imported(&theirs), None).unwrap_err();
        let MergeError::OtherDepartment {
            relation: found,
            local: l,
            incoming,
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(*found, relation);
        assert_eq!((l.department.as_str(), l.year), ("办公室", 2025));
        assert_eq!(incoming.unit, theirs.profile.unit);
        assert_eq!(
            (
                incoming.unit.as_str(),
                incoming.department.as_str(),
                incoming.year
            ),
            (unit, department, year),
            "both sides are named as written"
        );
        assert_eq!(l.unit, "县文化广播影视局");
    }
    // A base left from another department's year is not common ground: the colleague's differing
    // answer is a conflict to decide, not a change agreed on.
    let local_answered = {
        let mut a = start();
        a.answers.insert(
            "4.2.1".into(),
            answered(Response::Implemented, "本科室", at(3, 11)),
        );
        a
    };
    let mut colleague = start();
    colleague.answers.insert(
        "4.2.1".into(),
        answered(Response::Partial, "同事", at(3, 12)),
    );
    let mut stale_base = local_answered.clone();
    stale_base.profile.department = "宣传科".into();
    let plan = plan_import(
        (&local_answered).into(),
        &imported(&colleague),
        Some((&stale_base).into()),
    )
    .unwrap();
    assert!(matches!(
        entry(&plan, RecordKind::Answer, "4.2.1"),
        Change::Conflict { .. }
    ));
    let plan = plan_import(
        (&local_answered).into(),
        &imported(&colleague),
        Some((&local_answered).into()),
    )
    .unwrap();
    assert!(
        matches!(
            entry(&plan, RecordKind::Answer, "4.2.1"),
            Change::Changed { .. }
        ),
        "with the same department's base, the colleague's edit is a change"
    );
    // A fresh local record takes any department's file; a colleague's copy merges as before, even
    // with the names typed a little differently.
    let theirs = imported(&start());
    assert!(plan_import((&Assessment::default()).into(), &theirs, None).is_ok());
    let mut spaced = start();
    spaced.profile.department = " 办公室 ".into();
    assert!(plan_import((&spaced).into(), &theirs, None).is_ok());
}

#[test]
fn colleagues_who_each_added_the_same_person_get_one_person() {
    let mut zhang = start();
    zhang.people = vec![Person {
        id: "p-zhang".into(),
        name: "张三".into(),
        post: "科长".into(),
        ..Person::default()
    }];
    let rating = |person: &str, dimension, value| Rating {
        person_id: person.into(),
        dimension,
        role: RaterRole::SelfReview,
        rater: "张三".into(),
        value: RatingValue::Score(value),
        updated_at: Some(at(3, 9)),
    };
    zhang.ratings = vec![rating("p-zhang", Dimension::De, 90.0)];
    let mut wang = start();
    wang.people = vec![Person {
        id: "p-wang".into(),
        name: " 张三".into(),
        post: "科长".into(),
        ..Person::default()
    }];
    wang.ratings = vec![rating("p-wang", Dimension::Qin, 85.0)];
    let plan = plan_import((&zhang).into(), &imported(&wang), None).unwrap();
    assert_eq!(
        plan.people_matched.get("p-wang").map(String::as_str),
        Some("p-zhang")
    );
    assert_eq!(
        entry(&plan, RecordKind::Person, "p-zhang"),
        &Change::Unchanged,
        "one 张三, the same on both sides"
    );
    assert!(matches!(
        entry(&plan, RecordKind::Rating, "p-zhang/qin/self/"),
        Change::Added { .. }
    ));
    let merged = apply_merge(&zhang, &plan, &Choices::new())
        .unwrap()
        .assessment;
    assert_eq!(merged.people.len(), 1);
    assert_eq!(merged.ratings.len(), 2);
    assert!(merged.ratings.iter().all(|r| r.person_id == "p-zhang"));
}

#[test]
fn a_sanitised_file_imports_read_only_and_never_merges() {
    let text = export_assessment(
        &start(),
        &Extras::default(),
        &Template::shipped(),
        &meta(5).sanitized(),
    );
    let file = import(
        text.as_bytes(),
        &Template::shipped(),
        Some(Kind::Assessment),
    )
    .unwrap();
    assert!(file.is_read_only());
    assert_eq!(file.assessment().unwrap().people[0].name, "人员1");
    for local in [start(), Assessment::default()] {
        let err = plan_import((&local).into(), &file, None).unwrap_err();
        assert_eq!(err, MergeError::Sanitized);
    }
}

#[test]
fn a_fresh_profiles_default_settings_are_not_a_side_of_a_conflict() {
    // The office's fresh record: a profile of its own, settings never touched.
    let mut office = Assessment::default();
    office.profile.year = 2025;
    let mut dept = start();
    dept.rating_settings.excellent_share_max = 10.0;
    let plan = plan_merge(&office, &send(&dept, 5), None);
    assert_eq!(
        plan.conflicts().count(),
        0,
        "{:#?}",
        plan.conflicts().collect::<Vec<_>>()
    );
    assert!(matches!(
        entry(&plan, RecordKind::RatingSettings, ""),
        Change::Added { .. }
    ));
    assert_eq!(
        apply_merge(&office, &plan, &Choices::new())
            .unwrap()
            .assessment
            .rating_settings
            .excellent_share_max,
        10.0
    );
    // A colleague who never touched the settings does not undo the local ones.
    let plan = plan_merge(&dept, &send(&start(), 5), None);
    assert_eq!(
        entry(&plan, RecordKind::RatingSettings, ""),
        &Change::Unchanged
    );
    // But with a base of other settings, going back to the defaults is a change like any other.
    let plan = plan_merge(&dept, &send(&start(), 5), Some((&dept).into()));
    assert!(matches!(
        entry(&plan, RecordKind::RatingSettings, ""),
        Change::Changed { .. }
    ));
}

#[test]
fn entries_name_the_fields_that_changed_for_every_kind_of_record() {
    let mut local = start();
    local.ledger.push(LedgerEntry {
        id: "e-1".into(),
        date: NaiveDate::from_ymd_opt(2025, 3, 10).unwrap(),
        activity: "party_group_meeting".into(),
        title: "专题会议".into(),
        place: String::new(),
        participant_count: Some(7),
        participants: String::new(),
        summary: String::new(),
        doc_no: String::new(),
        kept_at: String::new(),
        items: vec!["3.1".into()],
        updated_at: Some(at(3, 9)),
    });
    local.tasks.push(Task {
        id: "t-1".into(),
        item_id: "4.1.1".into(),
        finding_id: None,
        measure: "下半年再开一次".into(),
        owner: "李四".into(),
        deadline: None,
        status: TaskStatus::NotStarted,
        completed_on: None,
        evidence_entry: None,
        evidence_document: String::new(),
        updated_at: Some(at(3, 9)),
    });
    local.ratings.push(Rating {
        person_id: "p-1".into(),
        dimension: Dimension::De,
        role: RaterRole::Peer,
        rater: "王五".into(),
        value: RatingValue::Score(80.0),
        updated_at: Some(at(3, 9)),
    });
    let mut theirs = local.clone();
    theirs.answers.get_mut("3.1").unwrap().note = "补充说明".into();
    theirs.answers.get_mut("3.1").unwrap().owner = "李四".into();
    theirs.people[0].post = "党组书记".into();
    theirs.ratings[0].value = RatingValue::Score(85.0);
    theirs.ledger[0].place = "三楼会议室".into();
    theirs.ledger[0].participant_count = Some(8);
    theirs.tasks[0].status = TaskStatus::InProgress;
    theirs.findings.push(Finding {
        id: "f-1".into(),
        item_id: "4.1.1".into(),
        verdict: Verdict::Doubtful,
        found: None,
        note: "待补材料".into(),
        method: Some(Method::Documents),
        issued_at: at(4, 9),
        closed: false,
        answer_digest: String::new(),
    });
    let plan = plan_merge(&local, &send(&theirs, 5), Some((&local).into()));
    let fields = |kind, id: &str| {
        plan.entries
            .iter()
            .find(|e| e.key == RecordKey::new(kind, id))
            .unwrap()
            .changed_fields()
    };
    assert_eq!(fields(RecordKind::Answer, "3.1"), ["note", "owner"]);
    assert_eq!(fields(RecordKind::Person, "p-1"), ["post"]);
    assert_eq!(fields(RecordKind::Rating, "p-1/de/peer/王五"), ["value"]);
    assert_eq!(
        fields(RecordKind::Entry, "e-1"),
        ["participant_count", "place"]
    );
    assert_eq!(fields(RecordKind::Task, "t-1"), ["status"]);
    // An added record: the members it fills in (not its identity, not its empty ones).
    assert_eq!(
        fields(RecordKind::Finding, "f-1"),
        ["issued_at", "item_id", "method", "note", "verdict"]
    );
    assert_eq!(plan.counts().conflicts, 0, "only one side changed anything");
    let keys: Vec<RecordKey> = plan
        .entries
        .iter()
        .filter(|e| e.change != Change::Unchanged)
        .map(|e| e.key.clone())
        .collect();
    for key in [
        RecordKey::new(RecordKind::Answer, "3.1"),
        RecordKey::new(RecordKind::Entry, "e-1"),
        RecordKey::new(RecordKind::Rating, "p-1/de/peer/王五"),
    ] {
        assert!(keys.contains(&key), "{keys:?}");
    }
    let merged = apply_merge(&local, &plan, &Choices::new())
        .unwrap()
        .assessment;
    assert_eq!(
        merged,
        send(&theirs, 5),
        "ledger, tasks and findings merge by id"
    );
}

#[test]
fn taking_the_newer_side_is_offered_only_when_every_conflict_is_dated() {
    let mut local = start();
    local.people[0].post = "局长".into();
    let mut theirs = start();
    theirs.people[0].post = "副局长".into();
    let plan = plan_merge(&local, &send(&theirs, 5), None);
    let conflict = plan.conflicts().next().unwrap();
    assert_eq!(conflict.key, RecordKey::new(RecordKind::Person, "p-1"));
    assert!(!conflict.both_dated(), "people carry no edit time");
    assert!(!plan.newer_side_known());
    local
        .answers
        .insert("6.1".into(), answered(Response::Partial, "本地", at(4, 9)));
    theirs.answers.insert(
        "6.1".into(),
        answered(Response::Implemented, "对方", at(4, 10)),
    );
    theirs.people[0].post = "局长".into();
    let plan = plan_merge(&local, &send(&theirs, 5), None);
    assert!(plan.newer_side_known());
    assert_eq!(
        plan.suggested_choices().values().collect::<Vec<_>>(),
        [&Side::Incoming]
    );
}

#[test]
fn restoring_a_backup_is_previewed_record_by_record_with_the_merges_rules() {
    let mut local = start();
    local.answers.insert(
        "6.1".into(),
        answered(Response::Partial, "只在本机", at(4, 9)),
    );
    let mut backup = start();
    backup.answers.get_mut("3.1").unwrap().note = "备份中的说明".into();
    // Equal apart from the edit time: unchanged, by the one rule.
    backup.answers.get_mut("4.1.1").unwrap().updated_at = Some(at(2, 8));
    assert!(same_answer(
        &local.answers["4.1.1"],
        &backup.answers["4.1.1"]
    ));
    backup.people.push(Person {
        id: "p-2".into(),
        name: "王五".into(),
        ..Person::default()
    });
    let state = StoredState {
        assessment: backup,
        ..StoredState::default()
    };
    let plan = plan_restore(&local, &state);
    let row = |kind, id: &str| {
        plan.rows
            .iter()
            .find(|r| r.key == RecordKey::new(kind, id))
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(
        row(RecordKind::Answer, "3.1").change,
        RestoreChange::Changed
    );
    assert_eq!(row(RecordKind::Answer, "3.1").changed_fields, ["note"]);
    assert_eq!(
        row(RecordKind::Answer, "4.1.1").change,
        RestoreChange::Unchanged
    );
    assert_eq!(
        row(RecordKind::Answer, "6.1").change,
        RestoreChange::Removed
    );
    assert_eq!(row(RecordKind::Person, "p-2").change, RestoreChange::Added);
    assert_eq!(
        row(RecordKind::Profile, "unit").change,
        RestoreChange::Unchanged
    );
    assert_eq!(plan.removed(), 1);
    assert_eq!(plan.changes().count(), 3);
}

// ---------------------------------------------------------------------------------------------------
// People matched by name: the edges

fn person(id: &str, name: &str, post: &str) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        post: post.into(),
        ..Person::default()
    }
}

fn with_people(people: Vec<Person>) -> Assessment {
    let mut a = start();
    a.people = people;
    a
}

#[test]
fn a_name_two_local_people_share_matches_neither() {
    let local = with_people(vec![
        person("p-a", "张三", "甲"),
        person("p-b", "张三", "乙"),
    ]);
    let incoming = with_people(vec![person("p-c", "张三", "甲")]);
    assert!(zrz_exchange::merge::match_people(&local, &incoming).is_empty());
    let plan = plan_merge(&local, &incoming, None);
    assert!(matches!(
        entry(&plan, RecordKind::Person, "p-c"),
        Change::Added { .. }
    ));
}

#[test]
fn a_local_person_is_matched_once_and_never_away_from_its_own_id() {
    // The file has the local 张三's id itself (under another name): that is the match; its other
    // 张三 is someone else.
    let local = with_people(vec![person("p-a", "张三", "")]);
    let incoming = with_people(vec![person("p-a", "张三丰", ""), person("p-b", "张三", "")]);
    assert!(zrz_exchange::merge::match_people(&local, &incoming).is_empty());
    // Two people of the file with the local person's name: only the first is matched.
    let incoming = with_people(vec![person("p-b", "张三", ""), person("p-c", "张三", "")]);
    let matched = zrz_exchange::merge::match_people(&local, &incoming);
    assert_eq!(
        matched.into_iter().collect::<Vec<_>>(),
        [("p-b".to_string(), "p-a".to_string())]
    );
    // Blank names match nothing.
    let local = with_people(vec![person("p-a", " ", "")]);
    let incoming = with_people(vec![person("p-b", "", "")]);
    assert!(zrz_exchange::merge::match_people(&local, &incoming).is_empty());
}

#[test]
fn a_person_matched_by_name_brings_its_unknown_fields_under_the_local_id() {
    let local = with_people(vec![person("p-a", "张三", "科长")]);
    let mut file: Value = serde_json::from_str(&export_assessment(
        &with_people(vec![person("p-b", "张三", "科长")]),
        &Extras::default(),
        &Template::shipped(),
        &meta(5),
    ))
    .unwrap();
    file["content"]["people"][0]["x_phone"] = "0000-1234567".into();
    file["content"]["ratings"] = serde_json::json!([{
        "person_id": "p-b", "dimension": "de", "role": "peer", "rater": "王五",
        "value": {"score": 80}, "updated_at": "2025-03-05T09:00:00Z", "x_comment": "好"
    }]);
    let imported = import(file.to_string().as_bytes(), &Template::shipped(), None).unwrap();
    let plan = plan_import((&local).into(), &imported, None).unwrap();
    let person_entry = plan
        .entries
        .iter()
        .find(|e| e.key == RecordKey::new(RecordKind::Person, "p-a"))
        .unwrap();
    assert_eq!(person_entry.changed_fields(), ["x_phone"]);
    let choices: Choices = [(person_entry.key.clone(), Side::Incoming)].into();
    let merged = apply_merge(&local, &plan, &choices).unwrap();
    assert_eq!(merged.assessment.people.len(), 1);
    assert_eq!(merged.assessment.ratings[0].person_id, "p-a");
    let out: Value = serde_json::from_str(&export_assessment(
        &merged.assessment,
        &merged.extras,
        &Template::shipped(),
        &meta(6),
    ))
    .unwrap();
    assert_eq!(out["content"]["people"][0]["x_phone"], "0000-1234567");
    assert_eq!(out["content"]["ratings"][0]["x_comment"], "好");
    assert_eq!(out["content"]["ratings"][0]["person_id"], "p-a");
}

#[test]
fn the_base_is_matched_by_name_too() {
    // 张三 (p-a here) was exported by a colleague as p-b and came back as the base; now the
    // colleague changed his post. Only the colleague changed it: taken, no conflict.
    let local = with_people(vec![person("p-a", "张三", "科长")]);
    let base = with_people(vec![person("p-b", "张三", "科长")]);
    let incoming = with_people(vec![person("p-b", "张三", "副科长")]);
    let plan = plan_merge(&local, &incoming, Some((&base).into()));
    assert!(
        matches!(
            entry(&plan, RecordKind::Person, "p-a"),
            Change::Changed { .. }
        ),
        "{:?}",
        entry(&plan, RecordKind::Person, "p-a")
    );
    assert_eq!(
        apply_merge(&local, &plan, &Choices::new())
            .unwrap()
            .assessment
            .people[0]
            .post,
        "副科长"
    );
}

#[test]
fn taking_a_rating_replaces_every_local_copy_of_its_cell() {
    // Files from before the identity rule could hold two 自评 for one cell, under two spellings.
    let mut local = start();
    let own = |rater: &str, score: f64, hour: u32| Rating {
        person_id: "p-1".into(),
        dimension: Dimension::De,
        role: RaterRole::SelfReview,
        rater: rater.into(),
        value: RatingValue::Score(score),
        updated_at: Some(at(3, hour)),
    };
    local.ratings = vec![own("李四", 80.0, 9), own("李四 ", 82.0, 10)];
    let mut theirs = start();
    theirs.ratings = vec![own("", 90.0, 11)];
    let plan = plan_merge(&local, &send(&theirs, 5), Some((&start()).into()));
    let merged = apply_merge(&local, &plan, &plan.suggested_choices())
        .unwrap()
        .assessment;
    assert_eq!(merged.ratings.len(), 1, "{:?}", merged.ratings);
    assert_eq!(merged.ratings[0].value, RatingValue::Score(90.0));
    // Kept local: the copy in force (the newer) is what the plan compared.
    let keep: Choices = plan
        .conflicts()
        .map(|e| (e.key.clone(), Side::Local))
        .collect();
    let kept = apply_merge(&local, &plan, &keep).unwrap().assessment;
    assert_eq!(
        kept.ratings, local.ratings,
        "nothing taken, nothing touched"
    );
    let (Change::Conflict { local: mine, .. } | Change::Changed { local: mine, .. }) =
        entry(&plan, RecordKind::Rating, "p-1/de/self/")
    else {
        panic!("the cell differs")
    };
    assert_eq!(mine.value["value"]["score"], 82.0);
}

#[test]
fn a_conflict_is_decided_field_by_field_taking_only_the_chosen_fields() {
    use zrz_exchange::merge::{fields_decided, with_field_choices, FieldChoices};
    let base = start();
    let mut local = base.clone();
    local.answers.insert(
        "3.1".into(),
        answered(Response::NotImplemented, "本机说明", at(3, 8)),
    );
    local.answers.get_mut("3.1").unwrap().reason = "本机原因".into();
    let mut theirs = base.clone();
    theirs.answers.insert(
        "3.1".into(),
        answered(Response::Implemented, "文件说明", at(2, 8)),
    );
    let plan = plan_merge(&local, &theirs, Some((&base).into()));
    let key = RecordKey::new(RecordKind::Answer, "3.1");
    let entry = plan.entries.iter().find(|e| e.key == key).unwrap();
    assert!(entry.is_conflict());
    let fields = entry.changed_fields();
    assert_eq!(fields, vec!["note", "reason", "response"]);

    // Undecided until every changed field has a side.
    let mut picks = FieldChoices::new();
    picks
        .entry(key.clone())
        .or_default()
        .insert("response".into(), Side::Incoming);
    assert_eq!(fields_decided(&plan, &picks), 1);
    let (p, c) = with_field_choices(&plan, &picks);
    assert!(matches!(
        apply_merge(&local, &p, &c),
        Err(MergeError::Undecided { .. })
    ));

    // The file's answer, this browser's note; the reason the file lacks goes with the file's side.
    let one = picks.get_mut(&key).unwrap();
    one.insert("note".into(), Side::Local);
    one.insert("reason".into(), Side::Incoming);
    assert_eq!(fields_decided(&plan, &picks), 0);
    let (p, c) = with_field_choices(&plan, &picks);
    let merged = apply_merge(&local, &p, &c).unwrap().assessment;
    let a = &merged.answers["3.1"];
    assert_eq!(a.response, Some(Response::Implemented));
    assert_eq!(a.note, "本机说明");
    assert_eq!(a.reason, "");

    // All on one side is that side's record as it is.
    for side in [Side::Local, Side::Incoming] {
        let all: FieldChoices = [(
            key.clone(),
            fields.iter().map(|f| (f.clone(), side)).collect(),
        )]
        .into_iter()
        .collect();
        let (p, c) = with_field_choices(&plan, &all);
        assert_eq!(c.get(&key), Some(&side));
        let merged = apply_merge(&local, &p, &c).unwrap().assessment;
        let expected = if side == Side::Local { &local } else { &theirs };
        assert!(same_answer(
            &merged.answers["3.1"],
            &expected.answers["3.1"]
        ));
    }
}
