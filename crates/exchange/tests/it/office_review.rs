//! 核查结论 (`office_review`): what a findings file says beyond its findings is part of the
//! department's record, so an export, a backup, a restore, a colleague's merge and the per-record
//! store carry it; a newer findings file is never undone by an older one; what an earlier version
//! kept outside the record moves in without loss.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

use super::support::*;
use zrz_domain::plan::Template;
use zrz_domain::record::{Assessment, OfficeReview, RecordKey, RecordKind, Scores};
use zrz_domain::review::{AccountabilityRecord, Decision};
use zrz_exchange::state::StoredState;
use zrz_exchange::store::{
    assemble, old_office_review, split, storage_key, OldOfficeReview, OLD_OFFICE_REVIEW_KEY,
};
use zrz_exchange::{
    apply_findings, export_assessment, export_backup, export_findings, import, plan_merge,
    read_file, Change, Content, ExportMeta, FindingsFile, Imported, Kind, OfficeReviewChange,
};

fn findings_file() -> FindingsFile {
    match read_file(fixture_text("v3_findings").as_bytes())
        .unwrap()
        .content
    {
        Content::Findings(f) => *f,
        _ => panic!("v3_findings is a findings file"),
    }
}

/// The findings file exported on `day` of March 2025, with this verified score.
fn findings_on(day: u32, verified: f64) -> Imported {
    let mut file = findings_file();
    file.scores.verified_score = Some(verified);
    let meta = ExportMeta::new(
        Utc.with_ymd_and_hms(2025, 3, day, 9, 0, 0).unwrap(),
        "0.3.0",
    );
    let text = export_findings(&file, &meta);
    import(text.as_bytes(), &Template::shipped(), Some(Kind::Findings)).unwrap()
}

fn decision(note: &str) -> AccountabilityRecord {
    AccountabilityRecord {
        item_id: "7.1".into(),
        decision: Decision::Criticism,
        decided_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap(),
        decided_by: "局党组".into(),
        note: note.into(),
    }
}

fn reviewed() -> Assessment {
    let mut a = sample();
    a.office_review = OfficeReview {
        accountability: vec![decision("批评教育谈话")],
        scores: Scores {
            self_score: Some(5.0),
            verified_score: Some(3.0),
        },
        issued_at: Some(Utc.with_ymd_and_hms(2025, 3, 25, 3, 0, 0).unwrap()),
    };
    a
}

#[test]
fn a_findings_file_brings_its_decisions_and_scores_into_the_record() {
    let file = findings_on(25, 3.0);
    let update = apply_findings(&sample(), &file).unwrap();
    assert_eq!(update.office_review, OfficeReviewChange::Taken);
    let review = &update.assessment.office_review;
    assert_eq!(review.accountability, findings_file().accountability);
    assert_eq!(review.scores.verified_score, Some(3.0));
    assert_eq!(review.scores.self_score, Some(5.0));
    assert_eq!(review.issued_at, Some(file.header.exported_at));
    // Twice changes nothing, decisions included.
    let again = apply_findings(&update.assessment, &file).unwrap();
    assert_eq!(again.office_review, OfficeReviewChange::Same);
    assert!(again.is_noop());
    assert_eq!(again.assessment, update.assessment);
}

#[test]
fn an_older_findings_file_does_not_undo_a_newer_one_and_a_newer_one_replaces_it() {
    let newer = apply_findings(&sample(), &findings_on(25, 3.0))
        .unwrap()
        .assessment;
    let older = apply_findings(&newer, &findings_on(20, 4.0)).unwrap();
    assert_eq!(older.office_review, OfficeReviewChange::KeptNewer);
    assert_eq!(older.assessment.office_review, newer.office_review);
    assert!(
        older.is_noop(),
        "only the office's older word, nothing taken"
    );
    let later = apply_findings(&newer, &findings_on(28, 4.5)).unwrap();
    assert_eq!(later.office_review, OfficeReviewChange::Taken);
    assert_eq!(
        later.assessment.office_review.scores.verified_score,
        Some(4.5)
    );
    // What an earlier version moved in has no date: any findings file replaces it.
    let mut undated = reviewed();
    undated.office_review.issued_at = None;
    let update = apply_findings(&undated, &findings_on(1, 4.0)).unwrap();
    assert_eq!(update.office_review, OfficeReviewChange::Taken);
}

#[test]
fn the_rule_of_which_word_stands() {
    let at = |d| Some(Utc.with_ymd_and_hms(2025, 3, d, 0, 0, 0).unwrap());
    let dated = |d| OfficeReview {
        issued_at: at(d),
        ..OfficeReview::default()
    };
    for (held, incoming, replaced) in [
        (dated(10), dated(11), true),
        (dated(10), dated(10), true),
        (dated(11), dated(10), false),
        (OfficeReview::default(), dated(1), true),
        (dated(10), OfficeReview::default(), true),
    ] {
        assert_eq!(
            held.replaced_by(&incoming),
            replaced,
            "{held:?} {incoming:?}"
        );
    }
    assert!(OfficeReview::default().is_empty());
    for filled in [
        reviewed().office_review,
        dated(1),
        OfficeReview {
            scores: Scores {
                self_score: Some(1.0),
                verified_score: None,
            },
            ..OfficeReview::default()
        },
        OfficeReview {
            scores: Scores {
                self_score: None,
                verified_score: Some(1.0),
            },
            ..OfficeReview::default()
        },
        OfficeReview {
            accountability: vec![decision("")],
            ..OfficeReview::default()
        },
    ] {
        assert!(!filled.is_empty(), "{filled:?}");
    }
}

#[test]
fn an_export_and_a_backup_carry_it_and_read_it_back() {
    let a = reviewed();
    let text = export_assessment(&a, &no_extras(), &Template::shipped(), &meta());
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["content"]["office_review"]["scores"]["verified_score"],
        json!(3.0)
    );
    assert_eq!(
        v["content"]["office_review"]["accountability"][0]["decision"],
        json!("criticism")
    );
    assert_eq!(import_ok(text.as_bytes()).assessment(), Some(&a));

    let state = StoredState {
        assessment: a.clone(),
        ..StoredState::default()
    };
    let backup = export_backup(&state, &Template::shipped(), &meta());
    let restored = import_ok(backup.as_bytes());
    let Content::Backup(back) = &restored.content else {
        panic!("a backup")
    };
    assert_eq!(back.assessment.office_review, a.office_review);

    // Without one, nothing is written: files read and write as before the field existed.
    let plain = export_assessment(&sample(), &no_extras(), &Template::shipped(), &meta());
    assert!(!plain.contains("office_review"));
}

#[test]
fn a_sanitised_export_drops_who_decided_and_the_notes() {
    let text = export_assessment(
        &reviewed(),
        &no_extras(),
        &Template::shipped(),
        &meta().sanitized(),
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    let record = &v["content"]["office_review"]["accountability"][0];
    assert_eq!(record["decided_by"], json!(""));
    assert_eq!(record["note"], json!(""));
    assert_eq!(record["decision"], json!("criticism"));
    assert_eq!(
        v["content"]["office_review"]["scores"]["verified_score"],
        json!(3.0)
    );
}

#[test]
fn the_store_keeps_it_as_one_record_with_its_unknown_members() {
    let a = reviewed();
    let records: BTreeMap<RecordKey, Value> = split(&a, &no_extras()).into_iter().collect();
    let key = RecordKey::single(RecordKind::OfficeReview);
    assert_eq!(storage_key(&key), "zrz3.r.office_review/");
    assert_eq!(
        zrz_exchange::store::parse_storage_key("zrz3.r.office_review/"),
        Some(key.clone())
    );
    let mut records = records;
    records
        .get_mut(&key)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .insert("from_a_newer_app".into(), json!({"x": 1}));
    let (back, extras, unreadable) = assemble(&records);
    assert!(unreadable.is_empty());
    assert_eq!(back.office_review, a.office_review);
    let again: BTreeMap<RecordKey, Value> = split(&back, &extras).into_iter().collect();
    assert_eq!(again[&key]["from_a_newer_app"], json!({"x": 1}));
    // No record while there is nothing from the office.
    assert!(split(&sample(), &no_extras())
        .iter()
        .all(|(k, _)| k.kind != RecordKind::OfficeReview));
}

#[test]
fn unknown_members_of_it_in_a_file_are_written_back() {
    let text = export_assessment(&reviewed(), &no_extras(), &Template::shipped(), &meta());
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["content"]["office_review"]["appeal"] = json!("申诉中");
    v["content"]["office_review"]["accountability"][0]["appeal_by"] = json!("李四");
    let imported = import_ok(&serde_json::to_vec(&v).unwrap());
    let (a, extras) = imported.record().unwrap();
    let again = export_assessment(a, extras, &Template::shipped(), &meta());
    let again: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again["content"]["office_review"]["appeal"], json!("申诉中"));
    assert_eq!(
        again["content"]["office_review"]["accountability"][0]["appeal_by"],
        json!("李四")
    );
}

#[test]
fn a_bad_score_or_date_in_it_is_refused_with_its_place() {
    let text = export_assessment(&reviewed(), &no_extras(), &Template::shipped(), &meta());
    let v: Value = serde_json::from_str(&text).unwrap();
    for (change, path) in [
        (
            json!({"scores": {"verified_score": 130.0}}),
            "content.office_review.scores.verified_score",
        ),
        (
            json!({"accountability": [{"item_id": "7.1", "decision": "reminder", "decided_on": "2025-02-30", "decided_by": "x"}]}),
            "content.office_review.accountability[0].decided_on",
        ),
    ] {
        let mut bad = v.clone();
        bad["content"]["office_review"] = change;
        // The checksum no longer matches either; the value problem is what is reported.
        let e = import_err(&serde_json::to_vec(&bad).unwrap());
        assert!(format!("{e:?}").contains(path), "{path}: {e:?}");
    }
}

#[test]
fn a_colleagues_file_brings_it_like_any_record() {
    let plan = plan_merge(&sample(), &reviewed(), None);
    let entry = plan
        .entries
        .iter()
        .find(|e| e.key.kind == RecordKind::OfficeReview)
        .expect("an entry for the office's conclusions");
    assert!(matches!(entry.change, Change::Added { .. }));
    let same = plan_merge(&reviewed(), &reviewed(), None);
    assert!(same
        .entries
        .iter()
        .filter(|e| e.key.kind == RecordKind::OfficeReview)
        .all(|e| e.change == Change::Unchanged));
}

#[test]
fn what_an_earlier_version_kept_outside_the_record_moves_in_without_loss() {
    assert_eq!(OLD_OFFICE_REVIEW_KEY, "zrz.findings-received");
    // The layout the earlier version wrote (`ReceivedReview`): accountability and scores.
    let old = json!({
        "accountability": [{"item_id": "7.1", "decision": "criticism", "decided_on": "2025-03-20",
                            "decided_by": "局党组", "note": "批评教育谈话"}],
        "scores": {"self_score": 5.0, "verified_score": 3.0}
    })
    .to_string();
    let none = OfficeReview::default();
    let expected = OfficeReview {
        issued_at: None,
        ..reviewed().office_review
    };
    assert_eq!(
        old_office_review(&old, &none),
        OldOfficeReview::Adopt(expected.clone())
    );
    // Already moved (by another tab), dated or not.
    assert_eq!(
        old_office_review(&old, &expected),
        OldOfficeReview::AlreadyHeld
    );
    assert_eq!(
        old_office_review(&old, &reviewed().office_review),
        OldOfficeReview::AlreadyHeld
    );
    // A later findings file's word is in the record: the old text is kept aside, not taken.
    let mut later = reviewed().office_review;
    later.scores.verified_score = Some(4.0);
    assert!(matches!(
        old_office_review(&old, &later),
        OldOfficeReview::KeepAside(_)
    ));
    // Unreadable text is kept aside; an empty one is nothing to keep.
    assert!(matches!(
        old_office_review("{not json", &none),
        OldOfficeReview::KeepAside(_)
    ));
    assert!(matches!(
        old_office_review(r#"{"scores": {"verified_score": "x"}}"#, &none),
        OldOfficeReview::KeepAside(_)
    ));
    assert_eq!(
        old_office_review(r#"{"accountability": [], "scores": {}}"#, &none),
        OldOfficeReview::Empty
    );
    assert_eq!(old_office_review("{}", &expected), OldOfficeReview::Empty);
}
