//! 示例数据: marked, valid, varied across departments, and loaded only into an empty record.

use chrono::NaiveDate;
use zrz_domain::checklist::occurred_red_lines;
use zrz_domain::demo::{can_load_into, department, is_demo, DEMO_MARK};
use zrz_domain::plan::{ItemKind, Template};
use zrz_domain::record::{Assessment, Profile, Response};

fn demo(index: usize) -> Assessment {
    department(&Template::shipped(), 2026, index)
}

#[test]
fn a_demo_department_is_marked_complete_and_of_the_year_asked() {
    for index in 0..7 {
        let a = demo(index);
        assert!(is_demo(&a.profile), "{:?}", a.profile);
        assert!(a.profile.department.starts_with(DEMO_MARK));
        assert_eq!(a.profile.year, 2026);
        assert_eq!(a.profile.validate(), Ok(()));
        assert_eq!(
            department(&Template::shipped(), 2024, index).profile.year,
            2024
        );
    }
    let real = Profile {
        department: "办公室".into(),
        ..demo(0).profile
    };
    assert!(!is_demo(&real));
    let marked_later = Profile {
        department: format!("办公室{DEMO_MARK}"),
        ..real
    };
    assert!(!is_demo(&marked_later), "the mark leads the name");
}

#[test]
fn every_demo_answer_is_one_the_checklist_accepts() {
    let template = Template::shipped();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    for index in 0..5 {
        let a = demo(index);
        assert!(!a.answers.is_empty());
        for (id, answer) in &a.answers {
            let item = template
                .item(id)
                .unwrap_or_else(|| panic!("{id} is not in the template"));
            assert_eq!(answer.validate(&item.kind, today), Ok(()), "{index} {id}");
        }
        for entry in &a.ledger {
            assert_eq!(entry.date.format("%Y").to_string(), "2026", "{entry:?}");
            assert!(entry.items.iter().all(|i| template.item(i).is_some()));
        }
        for rating in &a.ratings {
            assert!(a.people.iter().any(|p| p.id == rating.person_id));
            assert_eq!(rating.validate(), Ok(()));
        }
        for task in &a.tasks {
            assert_eq!(
                a.answers[&task.item_id].response,
                Some(Response::NotImplemented)
            );
        }
    }
}

#[test]
fn the_departments_differ_so_the_summary_has_something_to_show() {
    let template = Template::shipped();
    let first = demo(0);
    assert_eq!(
        first.answers.len(),
        template.items().count(),
        "the first has answered all"
    );
    assert_eq!(occurred_red_lines(&template, &first.answers).count(), 0);
    let second = demo(1);
    assert_eq!(
        occurred_red_lines(&template, &second.answers).count(),
        1,
        "a red line"
    );
    assert!(second.answers.len() < first.answers.len());
    // The second is behind on its quotas: one entry where two are due.
    let quota = template
        .items()
        .find(|i| matches!(i.kind, ItemKind::Quota { per_year: 2, .. }))
        .expect("a quota of two");
    assert_eq!(second.answers[&quota.id].response, Some(Response::Partial));
    assert_eq!(
        first.answers[&quota.id].response,
        Some(Response::Implemented)
    );
    let linked = |a: &Assessment| {
        a.ledger
            .iter()
            .filter(|e| e.items.contains(&quota.id))
            .count()
    };
    assert_eq!((linked(&first), linked(&second)), (2, 1));
    assert_eq!(first.people.len(), 4);
    assert_eq!(first.ratings.len(), 4 * 5 * (1 + 3 + 1));
    assert_ne!(demo(0).profile.department, demo(1).profile.department);
    assert_eq!(demo(2), demo(2), "deterministic");
    let ids = |a: &Assessment| a.people.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    assert!(
        ids(&demo(0)).iter().all(|id| !ids(&demo(1)).contains(id)),
        "ids differ"
    );
}

#[test]
fn demo_data_is_loaded_only_into_an_empty_record() {
    assert!(can_load_into(&Assessment::default()));
    let full = demo(0);
    let with_profile_only = Assessment {
        profile: full.profile.clone(),
        ..Assessment::default()
    };
    assert!(
        can_load_into(&with_profile_only),
        "a profile alone is not work to lose"
    );
    let one_of_each: [fn(&Assessment, &mut Assessment); 6] = [
        |f, a| a.answers = f.answers.clone(),
        |f, a| a.ledger = f.ledger.clone(),
        |f, a| a.people = f.people.clone(),
        |f, a| a.ratings = f.ratings.clone(),
        |f, a| a.tasks = f.tasks.clone(),
        |_, a| {
            a.findings = vec![serde_json::from_value(serde_json::json!({
            "id": "f1", "item_id": "4.1.1", "verdict": "doubtful", "issued_at": "2026-11-01T00:00:00Z"
        })).unwrap_or_else(|e| panic!("a finding: {e}"))]
        },
    ];
    for (n, fill) in one_of_each.iter().enumerate() {
        let mut a = Assessment::default();
        fill(&full, &mut a);
        assert!(!can_load_into(&a), "case {n}");
    }
}
