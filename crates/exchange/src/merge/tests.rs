//! The merge rule, record by record, on small hand-made records.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::*;
use zrz_domain::plan::Template;
use zrz_domain::record::{Answer, Response};

fn answer(response: Response, note: &str) -> Answer {
    Answer {
        response: Some(response),
        note: note.into(),
        ..Answer::default()
    }
}

fn with(answers: &[(&str, Answer)]) -> Assessment {
    let mut a = Assessment::default();
    for (id, ans) in answers {
        a.answers.insert(id.to_string(), ans.clone());
    }
    a
}

fn change_of<'p>(plan: &'p MergePlan, id: &str) -> &'p Change {
    &plan
        .entries
        .iter()
        .find(|e| e.key.kind == RecordKind::Answer && e.key.id == id)
        .unwrap()
        .change
}

#[test]
fn two_way_rules() {
    let local = with(&[
        ("a", answer(Response::Implemented, "")),
        ("b", answer(Response::Partial, "x")),
        ("c", Answer::default()),
    ]);
    let incoming = with(&[
        ("a", answer(Response::Implemented, "")),
        ("b", answer(Response::Partial, "y")),
        ("c", answer(Response::Partial, "")),
        ("d", answer(Response::NotApplicable, "r")),
    ]);
    let plan = plan_merge(&local, &incoming, None);
    assert_eq!(change_of(&plan, "a"), &Change::Unchanged);
    assert!(matches!(
        change_of(&plan, "b"),
        Change::Conflict { newer: None, .. }
    ));
    assert!(matches!(change_of(&plan, "c"), Change::Added { .. }));
    assert!(matches!(change_of(&plan, "d"), Change::Added { .. }));
    assert_eq!(
        plan.counts(),
        MergeCounts {
            added: 2,
            changed: 0,
            // a; the four profile fields; the rating settings.
            unchanged: 6,
            conflicts: 1
        }
    );
}

#[test]
fn three_way_takes_one_sided_changes_and_never_deletes() {
    let base = with(&[
        ("a", answer(Response::Partial, "")),
        ("b", answer(Response::Partial, "")),
        ("c", answer(Response::Partial, "")),
    ]);
    let local = with(&[
        ("a", answer(Response::Implemented, "")),
        ("b", answer(Response::Partial, "")),
        ("c", answer(Response::Partial, "")),
    ]);
    let incoming = with(&[
        ("a", answer(Response::Partial, "")),
        ("b", answer(Response::NotImplemented, "r")),
    ]);
    let plan = plan_merge(&local, &incoming, Some((&base).into()));
    assert_eq!(change_of(&plan, "a"), &Change::Unchanged);
    assert!(matches!(change_of(&plan, "b"), Change::Changed { .. }));
    assert_eq!(change_of(&plan, "c"), &Change::Unchanged);
    let merged = apply_merge(&local, &plan, &Choices::new())
        .unwrap()
        .assessment;
    assert_eq!(merged.answers["a"].response, Some(Response::Implemented));
    let t = |h| {
        Some(
            DateTime::parse_from_rfc3339(&format!("2025-03-01T{h:02}:00:00Z"))
                .unwrap()
                .with_timezone(&Utc),
        )
    };
    let base = with(&[(
        "a",
        Answer {
            updated_at: t(9),
            ..answer(Response::Partial, "")
        },
    )]);
    let stale = with(&[(
        "a",
        Answer {
            updated_at: t(8),
            ..answer(Response::NotImplemented, "旧")
        },
    )]);
    let plan = plan_merge(&base, &stale, Some((&base).into()));
    assert!(
        matches!(
            change_of(&plan, "a"),
            Change::Conflict {
                newer: Some(Side::Local),
                ..
            }
        ),
        "a staler file never silently wins"
    );
    assert_eq!(merged.answers["b"].response, Some(Response::NotImplemented));
    assert!(merged.answers.contains_key("c"));
}

#[test]
fn conflicts_must_be_decided_and_the_newer_side_is_suggested() {
    let t = |h| {
        Some(
            DateTime::parse_from_rfc3339(&format!("2025-03-01T{h:02}:00:00Z"))
                .unwrap()
                .with_timezone(&Utc),
        )
    };
    let local = with(&[(
        "a",
        Answer {
            updated_at: t(9),
            ..answer(Response::Partial, "本地")
        },
    )]);
    let incoming = with(&[(
        "a",
        Answer {
            updated_at: t(10),
            ..answer(Response::Partial, "对方")
        },
    )]);
    let plan = plan_merge(&local, &incoming, None);
    let Err(MergeError::Undecided { entries }) = apply_merge(&local, &plan, &Choices::new()) else {
        panic!("must refuse")
    };
    assert_eq!(entries, [RecordKey::new(RecordKind::Answer, "a")]);
    let choices = plan.suggested_choices();
    assert_eq!(choices.values().collect::<Vec<_>>(), [&Side::Incoming]);
    assert_eq!(
        apply_merge(&local, &plan, &choices)
            .unwrap()
            .assessment
            .answers["a"]
            .note,
        "对方"
    );
    let mut edited = local.clone();
    edited.profile.unit = "改了".into();
    assert_eq!(
        apply_merge(&edited, &plan, &choices).unwrap_err(),
        MergeError::LocalChanged
    );
}

#[test]
fn updated_at_alone_is_not_a_difference_and_profile_year_zero_is_empty() {
    let t = DateTime::parse_from_rfc3339("2025-03-01T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let local = with(&[("a", answer(Response::Partial, "x"))]);
    let mut incoming = with(&[(
        "a",
        Answer {
            updated_at: Some(t),
            ..answer(Response::Partial, "x")
        },
    )]);
    incoming.profile.year = 2025;
    let plan = plan_merge(&local, &incoming, None);
    assert_eq!(change_of(&plan, "a"), &Change::Unchanged);
    let year = plan.entries.iter().find(|e| e.key.id == "year").unwrap();
    assert!(matches!(year.change, Change::Added { .. }));
}

#[test]
fn an_annual_plan_keeps_every_answer_and_reports_the_removed_items() {
    let mut raw: Value = serde_json::from_str(zrz_domain::plan::SHIPPED_TEMPLATE_JSON).unwrap();
    raw["version"] = "2026.1".into();
    let mut state = StoredState::default();
    state
        .assessment
        .answers
        .insert("3.1".into(), answer(Response::Implemented, ""));
    state
        .assessment
        .answers
        .insert("9.9".into(), answer(Response::Partial, "旧方案的项"));
    let update = apply_annual_plan(
        &state,
        &Template::shipped(),
        &crate::envelope::AnnualPlan {
            template: raw,
            rating_settings: None,
            extras: Default::default(),
        },
    )
    .unwrap();
    assert_eq!(update.kept, ["3.1"]);
    assert_eq!(update.set_aside, ["9.9"]);
    assert_eq!(update.state.assessment.answers.len(), 2);
    assert_eq!(update.next.version, "2026.1");
    assert!(update.state.template.is_some());
}

#[test]
fn an_annual_plan_sets_the_rules_but_keeps_the_departments_own_names() {
    let mut state = StoredState::default();
    state.assessment.rating_settings.superior_rater = Some("科室负责人".into());
    state.assessment.rating_settings.peer_raters = vec!["小王".into()];
    let rules = zrz_domain::scoring::RatingSettings {
        excellent_share_max: 10.0,
        superior_rater: Some("党组".into()),
        ..Default::default()
    };
    let raw: Value = serde_json::from_str(zrz_domain::plan::SHIPPED_TEMPLATE_JSON).unwrap();
    let update = apply_annual_plan(
        &state,
        &Template::shipped(),
        &crate::envelope::AnnualPlan {
            template: raw,
            rating_settings: Some(rules),
            extras: Default::default(),
        },
    )
    .unwrap();
    let settings = &update.state.assessment.rating_settings;
    assert!(update.settings_replaced);
    assert_eq!(settings.excellent_share_max, 10.0, "the office's rule");
    assert_eq!(
        settings.superior_rater.as_deref(),
        Some("科室负责人"),
        "the department's name"
    );
    assert_eq!(settings.peer_raters, ["小王"]);
}
