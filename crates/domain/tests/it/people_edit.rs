#![cfg(not(target_arch = "wasm32"))]
//! Edits of the people rated and of the 互评 raters (`record::edit`): a person's place, removal with
//! their ratings, a new name carried into the ratings they gave, the department's list of raters.
//! Cases are tables over one small department; a proptest checks that no sequence of edits loses
//! an identity.

use std::collections::BTreeSet;

use proptest::prelude::*;
use zrz_domain::record::{
    check_people, next_person_order, peer_raters, peer_raters_of, ratings_given, ratings_of,
    sort_people, Assessment, EditError, Person, PersonSaved, RaterKind, RaterRole, Rating,
    RatingValue, ResponsibilityLevel,
};
use zrz_domain::Dimension;

fn person(id: &str, name: &str, order: u32) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        post: "副科长".into(),
        level: ResponsibilityLevel::Leadership,
        order,
    }
}

/// `"张三<李四 德 80"`: 李四's 互评 of 张三 (by name), or `"张三<自评 德 80"` / `"张三<上级 德 80"`.
fn rating(a: &Assessment, spec: &str) -> Rating {
    let (who, rest) = spec.split_once('<').expect("person<rater …");
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let person = a
        .people
        .iter()
        .find(|p| p.name == who)
        .map(|p| p.id.clone())
        .unwrap_or_else(|| who.to_string());
    let (role, rater) = match parts[0] {
        "自评" => (RaterRole::SelfReview, String::new()),
        "上级" => (RaterRole::Superior, "党组".to_string()),
        name => (RaterRole::Peer, name.to_string()),
    };
    Rating {
        person_id: person,
        dimension: Dimension::ALL
            .into_iter()
            .find(|d| d.label() == parts[1])
            .unwrap(),
        role,
        rater,
        value: RatingValue::Score(parts[2].parse().unwrap()),
        updated_at: None,
    }
}

/// 张三, 李四 and 王五 (in that order); 李四 and 王五 rated 张三, 张三 rated 李四, the listed rater 赵六
/// rated 李四, and 钱七 (neither a cadre nor listed, as an older file keeps raters) rated 王五.
fn department() -> Assessment {
    let mut a = Assessment {
        people: vec![
            person("p-b", "李四", 1),
            person("p-a", "张三", 0),
            person("p-c", "王五", 2),
        ],
        ..Assessment::default()
    };
    a.rating_settings.peer_raters = vec!["赵六".into()];
    let specs = [
        "张三<李四 德 80",
        "张三<王五 德 85",
        "张三<自评 德 90",
        "张三<上级 勤 88",
        "李四<张三 德 70",
        "李四<赵六 能 75",
        "王五<钱七 廉 60",
    ];
    a.ratings = specs.iter().map(|s| rating(&a, s)).collect();
    a
}

fn names(a: &Assessment) -> Vec<String> {
    let mut people = a.people.clone();
    sort_people(&mut people);
    people.into_iter().map(|p| p.name).collect()
}

fn raters(a: &Assessment) -> Vec<(String, RaterKind, usize)> {
    a.peer_raters()
        .into_iter()
        .map(|r| (r.name, r.kind, r.given))
        .collect()
}

#[test]
fn people_keep_their_place_and_a_new_one_goes_last() {
    let mut a = department();
    assert_eq!(names(&a), ["张三", "李四", "王五"]);
    assert_eq!(next_person_order(&a.people), 3);
    assert_eq!(next_person_order(&[]), 0);
    let saved = a
        .put_person(Person {
            order: 0,
            ..person("p-new", "  孙八 ", 0)
        })
        .unwrap();
    assert_eq!(
        saved,
        PersonSaved {
            id: "p-new".into(),
            added: true,
            renamed_ratings: 0
        }
    );
    assert_eq!(names(&a), ["张三", "李四", "王五", "孙八"], "trimmed, last");
    // Editing keeps the place, whatever order the form sends.
    a.put_person(Person {
        post: " 科长 ".into(),
        level: ResponsibilityLevel::First,
        ..person("p-a", "张三", 99)
    })
    .unwrap();
    assert_eq!(names(&a), ["张三", "李四", "王五", "孙八"]);
    let zhang = a.people.iter().find(|p| p.id == "p-a").unwrap();
    assert_eq!(
        (zhang.post.as_str(), zhang.level),
        ("科长", ResponsibilityLevel::First)
    );
    // People from before `order` (all 0) keep the order of their ids.
    let mut old = vec![person("b", "乙", 0), person("a", "甲", 0)];
    sort_people(&mut old);
    assert_eq!(old[0].id, "a");
}

#[test]
fn a_person_edit_is_refused_with_the_field_at_fault_and_changes_nothing() {
    let cases: [(Person, &str); 4] = [
        (person("p-new", " ", 0), "name"),
        (person("p-new", "李四", 0), "name"),
        (person("p-a", "王五", 0), "name"),
        // 钱七 gives ratings already: 张三 taking the name would merge two raters.
        (person("p-a", "钱七", 0), "name"),
    ];
    for (p, field) in cases {
        let mut a = department();
        let name = p.name.clone();
        let e = a.put_person(p).expect_err(&name);
        assert_eq!(e.field(), field, "{name}: {e:?}");
        assert_eq!(a, department(), "{name}: nothing changed");
    }
    let mut a = department();
    assert_eq!(
        a.put_person(person("p-a", "钱七", 0)),
        Err(EditError::NameGivesRatings {
            name: "钱七".into(),
            given: 1
        })
    );
}

#[test]
fn a_renamed_person_keeps_the_ratings_they_gave() {
    let mut a = department();
    let saved = a.put_person(person("p-a", "张三丰", 0)).unwrap();
    assert_eq!(saved.renamed_ratings, 1, "张三's 互评 of 李四");
    assert_eq!(ratings_given(&a.ratings, "张三丰"), 1);
    assert_eq!(ratings_given(&a.ratings, "张三"), 0);
    assert_eq!(
        ratings_of(&a.ratings, "p-a"),
        4,
        "ratings of 张三 follow the id"
    );
    // Renaming back gives the department as it was.
    a.put_person(person("p-a", "张三", 0)).unwrap();
    assert_eq!(a, department());
    // A listed rater who becomes a cadre leaves the list; the ratings they gave are theirs still.
    let mut a = department();
    a.put_person(person("p-new", "赵六", 0)).unwrap();
    assert!(a.rating_settings.peer_raters.is_empty());
    assert_eq!(ratings_given(&a.ratings, "赵六"), 1);
    assert_eq!(raters(&a)[3], ("赵六".into(), RaterKind::Person, 1));
}

#[test]
fn removing_a_person_takes_their_ratings_and_leaves_those_they_gave() {
    let mut a = department();
    assert_eq!(ratings_of(&a.ratings, "p-a"), 4);
    assert_eq!(a.remove_person("p-a"), 4);
    assert_eq!(names(&a), ["李四", "王五"]);
    assert_eq!(a.ratings.len(), 3);
    // 张三 rated 李四: the rating stays, and 张三 with it, as a rater known from ratings.
    assert!(raters(&a).contains(&("张三".into(), RaterKind::Unlisted, 1)));
    assert_eq!(a.remove_person("p-a"), 0, "twice is nothing");
    assert_eq!(a.remove_person("nobody"), 0);
}

#[test]
fn the_departments_raters_are_its_cadres_its_list_and_whoever_rated() {
    let a = department();
    assert_eq!(
        raters(&a),
        [
            ("张三".into(), RaterKind::Person, 1),
            ("李四".into(), RaterKind::Person, 1),
            ("王五".into(), RaterKind::Person, 1),
            ("赵六".into(), RaterKind::Listed, 1),
            ("钱七".into(), RaterKind::Unlisted, 1),
        ]
    );
    let all = peer_raters(&a.people, &a.ratings, &a.rating_settings);
    let zhang = a.people.iter().find(|p| p.name == "张三").unwrap();
    let of_zhang: Vec<&str> = peer_raters_of(&all, zhang)
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        of_zhang,
        ["李四", "王五", "赵六", "钱七"],
        "never the person"
    );
}

#[test]
fn raters_are_added_renamed_and_removed_or_refused() {
    // (edit, result, raters afterwards by name)
    type Edit = fn(&mut Assessment) -> Result<usize, EditError>;
    type Case = (
        &'static str,
        Edit,
        Result<usize, EditError>,
        Vec<&'static str>,
    );
    let cases: Vec<Case> = vec![
        (
            "add",
            |a| a.add_peer_rater(" 孙八 ").map(|_| 0),
            Ok(0),
            vec!["张三", "李四", "王五", "赵六", "孙八", "钱七"],
        ),
        (
            "add an unlisted rater lists them",
            |a| a.add_peer_rater("钱七").map(|_| 0),
            Ok(0),
            vec!["张三", "李四", "王五", "赵六", "钱七"],
        ),
        (
            "add blank",
            |a| a.add_peer_rater("  ").map(|_| 0),
            Err(EditError::RaterBlank),
            vec![],
        ),
        (
            "add a cadre",
            |a| a.add_peer_rater("李四").map(|_| 0),
            Err(EditError::RaterIsPerson {
                name: "李四".into(),
            }),
            vec![],
        ),
        (
            "add twice",
            |a| a.add_peer_rater("赵六").map(|_| 0),
            Err(EditError::RaterExists {
                name: "赵六".into(),
            }),
            vec![],
        ),
        (
            "rename listed",
            |a| a.rename_peer_rater("赵六", "赵六一"),
            Ok(1),
            vec!["张三", "李四", "王五", "赵六一", "钱七"],
        ),
        (
            "rename unlisted",
            |a| a.rename_peer_rater("钱七", "钱七七"),
            Ok(1),
            vec!["张三", "李四", "王五", "赵六", "钱七七"],
        ),
        (
            "rename to the same",
            |a| a.rename_peer_rater("赵六", " 赵六 "),
            Ok(0),
            vec!["张三", "李四", "王五", "赵六", "钱七"],
        ),
        (
            "rename onto another rater",
            |a| a.rename_peer_rater("赵六", "钱七"),
            Err(EditError::RaterExists {
                name: "钱七".into(),
            }),
            vec![],
        ),
        (
            "rename onto a cadre",
            |a| a.rename_peer_rater("赵六", "王五"),
            Err(EditError::RaterIsPerson {
                name: "王五".into(),
            }),
            vec![],
        ),
        (
            "rename a cadre",
            |a| a.rename_peer_rater("王五", "王五五"),
            Err(EditError::RaterIsPerson {
                name: "王五".into(),
            }),
            vec![],
        ),
        (
            "rename to blank",
            |a| a.rename_peer_rater("赵六", ""),
            Err(EditError::RaterBlank),
            vec![],
        ),
        (
            "rename nobody",
            |a| a.rename_peer_rater("孙八", "孙九"),
            Err(EditError::UnknownRater {
                name: "孙八".into(),
            }),
            vec![],
        ),
        (
            "remove listed with ratings",
            |a| a.remove_peer_rater("赵六"),
            Ok(1),
            vec!["张三", "李四", "王五", "钱七"],
        ),
        (
            "remove unlisted",
            |a| a.remove_peer_rater("钱七"),
            Ok(1),
            vec!["张三", "李四", "王五", "赵六"],
        ),
        (
            "remove a cadre",
            |a| a.remove_peer_rater("李四"),
            Err(EditError::RaterIsPerson {
                name: "李四".into(),
            }),
            vec![],
        ),
        (
            "remove nobody",
            |a| a.remove_peer_rater("孙八"),
            Err(EditError::UnknownRater {
                name: "孙八".into(),
            }),
            vec![],
        ),
    ];
    for (label, edit, expected, after) in cases {
        let mut a = department();
        let got = edit(&mut a);
        assert_eq!(got, expected, "{label}");
        if let Err(e) = got {
            assert_eq!(a, department(), "{label}: nothing changed");
            assert_eq!(e.field(), "rater");
        } else {
            let names: Vec<String> = raters(&a).into_iter().map(|r| r.0).collect();
            assert_eq!(names, after, "{label}");
            assert_eq!(a.rating_settings.validate(), Ok(()), "{label}");
        }
    }
    // A listed rater without ratings stays listed: it is in the settings record.
    let mut a = Assessment::default();
    a.add_peer_rater("孙八").unwrap();
    let stored = serde_json::to_string(&a).unwrap();
    let back: Assessment = serde_json::from_str(&stored).unwrap();
    assert_eq!(raters(&back), [("孙八".into(), RaterKind::Listed, 0)]);
}

// ---------------------------------------------------------------------------------------------
// No sequence of edits loses an identity
// ---------------------------------------------------------------------------------------------

const NAMES: [&str; 6] = ["甲", "乙", "丙", "丁", "戊", "己"];

#[derive(Debug, Clone)]
enum Op {
    Put { id: usize, name: usize },
    Remove { id: usize },
    AddRater { name: usize },
    RenameRater { old: usize, new: usize },
    RemoveRater { name: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..5, 0usize..6).prop_map(|(id, name)| Op::Put { id, name }),
        (0usize..5).prop_map(|id| Op::Remove { id }),
        (0usize..6).prop_map(|name| Op::AddRater { name }),
        (0usize..6, 0usize..6).prop_map(|(old, new)| Op::RenameRater { old, new }),
        (0usize..6).prop_map(|name| Op::RemoveRater { name }),
    ]
}

/// Up to four people (ids `p0` …, distinct names) and ratings of them by role and rater, each key
/// once, as the store holds them.
fn assessment() -> impl Strategy<Value = Assessment> {
    (
        proptest::sample::subsequence(NAMES.to_vec(), 0..=4),
        proptest::collection::vec(
            (0usize..4, 0usize..5, 0usize..3, 0usize..6, 0u32..=100),
            0..20,
        ),
    )
        .prop_map(|(names, ratings)| {
            let mut a = Assessment {
                people: names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| person(&format!("p{i}"), n, i as u32))
                    .collect(),
                ..Assessment::default()
            };
            for (who, dim, role, rater, score) in ratings {
                let r = Rating {
                    person_id: format!("p{who}"),
                    dimension: Dimension::ALL[dim],
                    role: RaterRole::ALL[role],
                    rater: NAMES[rater].into(),
                    value: RatingValue::Score(f64::from(score)),
                    updated_at: None,
                };
                zrz_domain::record::set_rating(&mut a.ratings, &r.key(), Some(r.clone()));
            }
            a
        })
}

fn keys(a: &Assessment) -> Vec<zrz_domain::record::RatingKey> {
    let mut k: Vec<_> = a.ratings.iter().map(Rating::key).collect();
    k.sort();
    k
}

/// A person's ratings without the rater's name: what a rename must not change.
fn received(a: &Assessment, id: &str) -> Vec<String> {
    let mut out: Vec<String> = a
        .ratings
        .iter()
        .filter(|r| r.person_id == id)
        .map(|r| format!("{:?}{:?}{:?}", r.dimension, r.role, r.value))
        .collect();
    out.sort();
    out
}

fn ids(a: &Assessment) -> BTreeSet<String> {
    a.people.iter().map(|p| p.id.clone()).collect()
}

proptest! {
    #[test]
    fn no_sequence_of_edits_loses_an_identity(start in assessment(), ops in proptest::collection::vec(op(), 1..12)) {
        let mut a = start;
        for op in ops {
            let before = a.clone();
            let removed: Result<usize, EditError> = match &op {
                Op::Put { id, name } => a.put_person(person(&format!("p{id}"), NAMES[*name], 0)).map(|_| 0),
                Op::Remove { id } => Ok(a.remove_person(&format!("p{id}"))),
                Op::AddRater { name } => a.add_peer_rater(NAMES[*name]).map(|_| 0),
                Op::RenameRater { old, new } => a.rename_peer_rater(NAMES[*old], NAMES[*new]).map(|_| 0),
                Op::RemoveRater { name } => a.remove_peer_rater(NAMES[*name]),
            };
            match removed {
                Err(_) => prop_assert_eq!(&a, &before, "{:?} refused: nothing changed", op),
                Ok(n) => {
                    prop_assert_eq!(before.ratings.len() - n, a.ratings.len(), "{:?}: the count it gave", op);
                }
            }
            // Every rating key once; the people list valid; listed raters valid.
            let k = keys(&a);
            let unique: BTreeSet<_> = k.iter().cloned().collect();
            prop_assert_eq!(k.len(), unique.len(), "{:?}: a key twice", op);
            prop_assert!(check_people(&a.people).is_ok(), "{:?}: {:?}", op, check_people(&a.people));
            prop_assert_eq!(a.rating_settings.validate(), Ok(()), "{:?}", op);
            // People keep their ids; what they received changes only by removal of a rater.
            let (was, now) = (ids(&before), ids(&a));
            match &op {
                Op::Put { id, .. } => {
                    let put = format!("p{}", id);
                    prop_assert!(now.is_superset(&was) && now.len() <= was.len() + 1 && (now.len() == was.len() || now.contains(&put)));
                }
                Op::Remove { id } => { let mut w = was.clone(); w.remove(&format!("p{id}")); prop_assert_eq!(&now, &w); }
                _ => prop_assert_eq!(&now, &was),
            }
            // A removed person's ratings went with them; a renamed person's given ratings followed.
            if let Op::Remove { id } = &op {
                prop_assert_eq!(ratings_of(&a.ratings, &format!("p{}", id)), 0);
            }
            if let Op::Put { id, name } = &op {
                let old = before.people.iter().find(|p| p.id == format!("p{}", id));
                if let Some(old) = old.filter(|o| a != before && o.name != NAMES[*name]) {
                    prop_assert_eq!(ratings_given(&a.ratings, NAMES[*name]), ratings_given(&before.ratings, &old.name));
                    prop_assert_eq!(ratings_given(&a.ratings, &old.name), 0);
                }
            }
            if !matches!(op, Op::RemoveRater { .. }) {
                for id in now.intersection(&was) {
                    prop_assert_eq!(received(&a, id), received(&before, id), "{:?}: ratings of {}", op, id);
                }
            }
            // A rater is never a cadre twice, and no cadre is their own 互评 rater by a rename.
            let raters = a.peer_raters();
            let names: BTreeSet<_> = raters.iter().map(|r| r.name.clone()).collect();
            prop_assert_eq!(names.len(), raters.len());
        }
    }

    #[test]
    fn renaming_a_rater_there_and_back_changes_nothing(start in assessment(), old in 0usize..6, new in 0usize..6) {
        let mut a = start.clone();
        if a.rename_peer_rater(NAMES[old], NAMES[new]).is_ok() {
            prop_assert!(a.rename_peer_rater(NAMES[new], NAMES[old]).is_ok());
            prop_assert_eq!(a, start);
        }
    }

    #[test]
    fn renaming_a_person_there_and_back_changes_nothing(start in assessment(), id in 0usize..4, name in 0usize..6) {
        let mut a = start.clone();
        let Some(old) = a.people.iter().find(|p| p.id == format!("p{id}")).map(|p| p.name.clone()) else {
            return Ok(());
        };
        if a.put_person(person(&format!("p{id}"), NAMES[name], 0)).is_ok() {
            prop_assert!(a.put_person(person(&format!("p{id}"), &old, 0)).is_ok(), "back to {}", old);
            prop_assert_eq!(a, start);
        }
    }
}
