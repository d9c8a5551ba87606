#![cfg(not(target_arch = "wasm32"))]
//! Merging as the app does it, through real files: colleagues on different chapters, the office
//! importing a department's file twice, a new 年度方案, and undoing an import.

use chrono::{DateTime, TimeZone, Utc};

use serde_json::Value;
use zrz_domain::plan::{Template, SHIPPED_TEMPLATE_JSON};
use zrz_domain::record::{Answer, Assessment, Response};
use zrz_domain::record::{Person, RaterRole, Rating, RatingValue};
use zrz_domain::Dimension;
use zrz_exchange::merge::{plan_import, Choices};
use zrz_exchange::{
    apply_annual_plan, apply_merge, export_annual_plan, export_assessment, import, plan_merge,
    AnnualPlan, Change, Content, ExportMeta, Kind, MergeError, Section, Side, StoredState,
    UndoPoint,
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
        id: "p1".into(),
        name: "李四".into(),
        ..Person::default()
    });
    a
}

/// Sends `a` as a file and reads it back as the receiving screen would.
fn send(a: &Assessment, day: u32) -> Assessment {
    let text = export_assessment(a, &Template::shipped(), &meta(day));
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

fn entry<'p>(plan: &'p zrz_exchange::MergePlan, section: Section, id: &str) -> &'p Change {
    &plan
        .entries
        .iter()
        .find(|e| e.key.section == section && e.key.id == id)
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
        person_id: "p1".into(),
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
    let plan = plan_merge(&zhang.assessment, &incoming, Some(&zhang_base));
    assert_eq!(
        plan.conflicts().count(),
        0,
        "{:#?}",
        plan.conflicts().collect::<Vec<_>>()
    );
    assert!(matches!(
        entry(&plan, Section::Answers, "4.1.1"),
        Change::Changed { .. }
    ));
    assert!(matches!(
        entry(&plan, Section::Answers, "4.2.1"),
        Change::Added { .. }
    ));
    assert_eq!(
        entry(&plan, Section::Answers, "3.1"),
        &Change::Unchanged,
        "only 张三 changed 3.1: his answer stays"
    );
    assert!(matches!(
        entry(&plan, Section::Ratings, "p1/qin/peer/王五"),
        Change::Added { .. }
    ));
    let merged = apply_merge(&zhang.assessment, &plan, &Choices::new()).unwrap();
    assert_eq!(merged.answers["3.1"].note, "班子会议已研究");
    assert_eq!(merged.answers["4.1.1"].note, "已召开两次专题会议");
    assert_eq!(merged.ratings.len(), 1);
    assert_eq!(merged.people, start().people);

    // The app records what it imported; importing the same file again changes nothing.
    zhang.assessment = merged.clone();
    zhang_base = incoming.clone();
    let again = plan_merge(&zhang.assessment, &send(&wang, 5), Some(&zhang_base));
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
        apply_merge(&zhang.assessment, &again, &Choices::new()).unwrap(),
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

    let plan = plan_merge(&local, &send(&theirs, 5), Some(&base));
    let Change::Conflict {
        local: mine,
        incoming,
        newer,
    } = entry(&plan, Section::Answers, "3.1")
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
        entry(&plan, Section::Profile, "filled_by"),
        Change::Changed { .. }
    ));
    assert!(plan.same_department());

    let err = apply_merge(&local, &plan, &Choices::new()).unwrap_err();
    assert!(matches!(&err, MergeError::Undecided { entries } if entries.len() == 1));
    assert!(err.to_string().contains("检查项 3.1"), "{err}");

    let keep_mine: Choices = plan
        .conflicts()
        .map(|e| (e.key.clone(), Side::Local))
        .collect();
    let merged = apply_merge(&local, &plan, &keep_mine).unwrap();
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
    let merged = apply_merge(&office, &plan, &Choices::new()).unwrap();
    assert_eq!(merged, dept);

    let mut other_dept = dept.clone();
    other_dept.profile.department = "宣传科".into();
    let plan = plan_merge(&merged, &other_dept, None);
    assert!(
        !plan.same_department(),
        "a file of another department is flagged"
    );
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
    let err = plan_import(&local, &annual, None).unwrap_err();
    assert_eq!(err, MergeError::NotMergeable(Kind::AnnualPlan));
    assert!(err.to_string().contains("导入年度方案"), "{err}");
    let backup = import(
        std::fs::read(crate::fixture("exchange/v1_backup.json"))
            .unwrap()
            .as_slice(),
        &Template::shipped(),
        None,
    )
    .unwrap();
    assert!(plan_import(&local, &backup, None).is_ok());
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
    state.assessment = apply_merge(&state.assessment, &plan, &Choices::new()).unwrap();
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
    assert!(err.to_string().contains("重新预览"));
}
