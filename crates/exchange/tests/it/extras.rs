#![cfg(not(target_arch = "wasm32"))]
//! Fields from the future survive this version: imported, merged into a fresh record, exported, they
//! come out byte-equal (in canonical form) at every level where they were.

use serde_json::{json, Value};

use crate::support::*;
use zrz_domain::plan::Template;
use zrz_domain::record::Assessment;
use zrz_exchange::canonical::canonical_json;
use zrz_exchange::merge::{apply_merge, plan_import};
use zrz_exchange::{export_assessment, export_backup, Content, ImportWarning, StoredState};

/// Where the future fields are put, as JSON pointers, and what they hold.
fn future_fields() -> Vec<(&'static str, Value)> {
    vec![
        (
            "/x_signature",
            json!({"by": "县委宣传部", "alg": ["ed25519"]}),
        ),
        ("/content/x_section", json!([{"id": 1, "text": "新版块"}])),
        ("/content/profile/x_org_code", json!("11330000MB0000000X")),
        ("/content/answers/3.1/x_confidence", json!(0.75)),
        (
            "/content/answers/3.1/evidence/0/x_scan",
            json!({"pages": 3, "sha": "ab12"}),
        ),
        (
            "/content/answers/9.9/note",
            json!("方案已没有此项，答复保留"),
        ),
        ("/content/answers/9.9/x_origin", json!("2023 版方案")),
        ("/content/people/1/x_phone", json!("0000-1234567")),
        (
            "/content/ratings/1/x_comment",
            json!({"text": "表现突出", "tags": [null, true]}),
        ),
        ("/content/ledger/0/x_photos", json!(["a.jpg", "b.jpg"])),
        ("/content/tasks/0/x_priority", json!(2)),
        ("/content/findings/0/x_round", json!("第二轮")),
        ("/content/rating_settings/vetoes/x_new_veto", json!(false)),
    ]
}

fn set(v: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = if parent.is_empty() {
        v
    } else {
        // `/content/answers/9.9` may not exist yet: made as an object.
        let (grand, last) = parent.rsplit_once('/').unwrap();
        if v.pointer(parent).is_none() {
            v.pointer_mut(grand).unwrap()[last] = json!({});
        }
        v.pointer_mut(parent).unwrap()
    };
    match parent {
        Value::Object(map) => {
            map.insert(key.to_string(), value);
        }
        _ => panic!("{pointer}"),
    }
}

fn file_from_the_future() -> Value {
    let mut v = fixture("v3_assessment");
    for (pointer, value) in future_fields() {
        set(&mut v, pointer, value);
    }
    v
}

fn assert_kept(original: &Value, exported: &Value) {
    for (pointer, _) in future_fields() {
        let (a, b) = (original.pointer(pointer), exported.pointer(pointer));
        assert!(b.is_some(), "{pointer} was dropped");
        assert_eq!(
            canonical_json(a.unwrap()),
            canonical_json(b.unwrap()),
            "{pointer}"
        );
    }
}

#[test]
fn future_fields_at_every_level_survive_import_merge_and_export() {
    let original = file_from_the_future();
    let imported = import_ok(&serde_json::to_vec(&original).unwrap());
    assert!(imported
        .warnings
        .iter()
        .any(|w| matches!(w, ImportWarning::UnknownField { path } if path == "x_signature")));
    let Content::Assessment(a, extras) = &imported.content else {
        panic!("an assessment")
    };
    assert!(a.answers.contains_key("9.9"), "the orphaned answer is kept");

    // Exported straight away.
    let text = export_assessment(a, extras, &Template::shipped(), &meta());
    assert_kept(&original, &serde_json::from_str(&text).unwrap());

    // Merged into a fresh record (everything is taken), then exported.
    let fresh = StoredState::default();
    let plan = plan_import((&fresh).into(), &imported, None).unwrap();
    assert_eq!(plan.conflicts().count(), 0);
    let merged = apply_merge(&fresh, &plan, &plan.suggested_choices()).unwrap();
    assert_eq!(&merged.assessment, a.as_ref());
    let text = export_assessment(
        &merged.assessment,
        &merged.extras,
        &Template::shipped(),
        &meta(),
    );
    let exported: Value = serde_json::from_str(&text).unwrap();
    assert_kept(&original, &exported);
    // And only those: the known fields are the app's own.
    assert_eq!(
        exported["content"]["answers"]["3.1"]["note"],
        original["content"]["answers"]["3.1"]["note"]
    );

    // Kept in the stored record, they go into a backup and come back from it.
    let state = StoredState {
        assessment: merged.assessment.clone(),
        extras: merged.extras.clone(),
        ..StoredState::default()
    };
    let backup = import_ok(export_backup(&state, &Template::shipped(), &meta()).as_bytes());
    let Content::Backup(restored) = backup.content else {
        panic!("a backup")
    };
    let text = export_assessment(
        &restored.assessment,
        &restored.extras,
        &Template::shipped(),
        &meta(),
    );
    assert_kept(&original, &serde_json::from_str(&text).unwrap());
}

#[test]
fn a_record_taken_from_a_file_brings_its_unknown_fields_and_a_kept_one_keeps_its_own() {
    let original = file_from_the_future();
    let imported = import_ok(&serde_json::to_vec(&original).unwrap());
    // The local record is the same department with a different note on 3.1 (a conflict) and the
    // people of the file.
    let mut local: Assessment = sample();
    local.answers.get_mut("3.1").unwrap().note = "本地说明".into();
    let plan = plan_import((&local).into(), &imported, None).unwrap();
    let key = zrz_exchange::RecordKey::new(zrz_exchange::RecordKind::Answer, "3.1");
    let entry = plan.entries.iter().find(|e| e.key == key).unwrap();
    assert!(entry.is_conflict());
    assert!(entry.changed_fields().contains(&"x_confidence".to_string()));
    assert!(entry.changed_fields().contains(&"note".to_string()));
    // Same people on both sides but for the file's unknown phone field: a difference the user
    // decides like any other (nothing unseen is taken or dropped silently).
    let person = plan
        .entries
        .iter()
        .find(|e| {
            e.key.kind == zrz_exchange::RecordKind::Person && e.changed_fields() == ["x_phone"]
        })
        .expect("the person with a phone number differs")
        .key
        .clone();
    let mut choices = plan.suggested_choices();
    choices.insert(key.clone(), zrz_exchange::Side::Local);
    choices.insert(person, zrz_exchange::Side::Incoming);
    let merged = apply_merge(&local, &plan, &choices).unwrap();
    let out: Value = serde_json::from_str(&export_assessment(
        &merged.assessment,
        &merged.extras,
        &Template::shipped(),
        &meta(),
    ))
    .unwrap();
    assert_eq!(out["content"]["answers"]["3.1"]["note"], "本地说明");
    assert!(
        out.pointer("/content/answers/3.1/x_confidence").is_none(),
        "the local answer was kept, without the file's unknown fields"
    );
    assert!(
        out.pointer("/content/people/1/x_phone").is_some(),
        "a taken person brings its own"
    );
    choices.insert(key, zrz_exchange::Side::Incoming);
    let merged = apply_merge(&local, &plan, &choices).unwrap();
    assert!(merged
        .extras
        .of_record(&zrz_exchange::RecordKey::new(
            zrz_exchange::RecordKind::Answer,
            "3.1"
        ))
        .is_some());
}
