#![cfg(not(target_arch = "wasm32"))]
//! Properties over generated assessments: export → import is the identity; no input makes the
//! importer panic; merging is idempotent, never loses a record changed on one side only (answers,
//! ratings, ledger entries, tasks), and follows the one identity rule.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Value};

use zrz_domain::plan::Template;
use zrz_domain::record::{Answer, Assessment, Evidence, Profile, Response};
use zrz_domain::record::{Grade, Person, RaterRole, Rating, RatingValue, ResponsibilityLevel};
use zrz_domain::record::{LedgerEntry, Task, TaskStatus};
use zrz_domain::Dimension;
use zrz_exchange::merge::Choices;
use zrz_exchange::{
    apply_merge, export_assessment, import, plan_merge, read_file, verify_export, ChecksumStatus,
    Content, ExportMeta, Extras, Side,
};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        3 => "[a-z0-9 ]{1,8}",
        3 => select(vec!["县文化广播影视局", "办公室", "张三", " 李四 ", "“引号”\"ASCII\"", "反斜杠\\路径", "换行\n第二行", "😀表情", "\t\u{1}\u{1f}控制", "</script>"])
            .prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    proptest::option::of(
        (2000i32..=2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
    )
}

fn instant() -> impl Strategy<Value = Option<DateTime<Utc>>> {
    proptest::option::of(
        (946_684_800i64..4_102_444_800, 0u32..1_000_000_000)
            .prop_map(|(s, n)| Utc.timestamp_opt(s, n).unwrap()),
    )
}

fn response() -> impl Strategy<Value = Option<Response>> {
    let all: Vec<Response> = Response::FOR_TASKS
        .iter()
        .chain(&Response::FOR_RED_LINES)
        .copied()
        .collect();
    proptest::option::of(select(all))
}

fn answer() -> impl Strategy<Value = Answer> {
    let evidence = (text(), text(), text()).prop_map(|(what, location, doc_no)| Evidence {
        what,
        location,
        doc_no,
        entry: None,
    });
    (
        response(),
        text(),
        text(),
        proptest::collection::vec(evidence, 0..3),
        text(),
        (date(), date(), date()),
        any::<bool>(),
        instant(),
    )
        .prop_map(
            |(
                response,
                reason,
                note,
                evidence,
                owner,
                (due, done, occurred_on),
                flagged,
                updated_at,
            )| Answer {
                response,
                reason,
                note,
                evidence,
                owner,
                due,
                done,
                flagged,
                occurred_on,
                updated_at,
            },
        )
}

fn item_id() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "3.1", "3.2", "4.1.1", "4.1.2", "4.3.4", "6.5", "7.1", "7.10"
        ])
        .prop_map(str::to_string),
        "[1-9]\\.[0-9]{1,2}"
    ]
}

fn person_id() -> impl Strategy<Value = String> {
    select(vec!["p-1", "p-2", "p-3", "p-4"]).prop_map(str::to_string)
}

/// Names of people: unique within one record, as the domain requires (`check_people`).
const NAMES: [&str; 6] = ["李四", "王五", "赵六", "钱七", "孙八", "周九"];

fn ledger_entry() -> impl Strategy<Value = LedgerEntry> {
    (
        select(vec!["e-1", "e-2", "e-3"]),
        (2000i32..=2100, 1u32..=12, 1u32..=28),
        text(),
        proptest::option::of(0u32..200),
        proptest::collection::vec(item_id(), 0..3),
        instant(),
    )
        .prop_map(
            |(id, (y, m, d), title, participant_count, items, updated_at)| LedgerEntry {
                id: id.into(),
                date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
                activity: "party_group_meeting".into(),
                title,
                place: String::new(),
                participant_count,
                participants: String::new(),
                summary: String::new(),
                doc_no: String::new(),
                kept_at: String::new(),
                items,
                updated_at,
            },
        )
}

fn task() -> impl Strategy<Value = Task> {
    (
        select(vec!["t-1", "t-2", "t-3"]),
        item_id(),
        text(),
        date(),
        select(TaskStatus::ALL.to_vec()),
        instant(),
    )
        .prop_map(
            |(id, item_id, measure, deadline, status, updated_at)| Task {
                id: id.into(),
                item_id,
                finding_id: None,
                measure,
                owner: String::new(),
                deadline,
                status,
                completed_on: None,
                evidence_entry: None,
                evidence_document: String::new(),
                updated_at,
            },
        )
}

fn by_id<T: Clone>(items: Vec<T>, id: impl Fn(&T) -> String) -> Vec<T> {
    let mut seen = BTreeSet::new();
    items.into_iter().filter(|i| seen.insert(id(i))).collect()
}

fn rating() -> impl Strategy<Value = Rating> {
    let value = prop_oneof![
        (0u32..=1000).prop_map(|tenths| RatingValue::Score(f64::from(tenths) / 10.0)),
        select(Grade::ALL.to_vec()).prop_map(RatingValue::Grade),
    ];
    (
        person_id(),
        select(Dimension::ALL.to_vec()),
        select(RaterRole::ALL.to_vec()),
        text(),
        value,
        instant(),
    )
        .prop_map(
            |(person_id, dimension, role, rater, value, updated_at)| Rating {
                person_id,
                dimension,
                role,
                rater,
                value,
                updated_at,
            },
        )
}

pub(crate) fn assessment() -> impl Strategy<Value = Assessment> {
    let year = prop_oneof![Just(0), 2000i32..=2100];
    let profile =
        (text(), text(), text(), year).prop_map(|(unit, department, filled_by, year)| Profile {
            unit,
            department,
            filled_by,
            year,
        });
    let people = (
        proptest::collection::btree_map(
            person_id(),
            (text(), select(ResponsibilityLevel::ALL.to_vec())),
            0..4,
        ),
        proptest::sample::subsequence(NAMES.to_vec(), 4),
    )
        .prop_map(|(m, names)| {
            m.into_iter()
                .zip(names)
                .enumerate()
                .map(|(i, ((id, (post, level)), name))| Person {
                    id,
                    name: name.into(),
                    post,
                    level,
                    order: i as u32,
                })
                .collect::<Vec<_>>()
        });
    (
        profile,
        proptest::collection::btree_map(item_id(), answer(), 0..8),
        people,
        proptest::collection::vec(rating(), 0..5),
        proptest::collection::vec(ledger_entry(), 0..3),
        proptest::collection::vec(task(), 0..3),
    )
        .prop_map(
            |(profile, answers, people, ratings, ledger, tasks)| Assessment {
                profile,
                answers,
                people,
                ratings,
                ledger: by_id(ledger, |e| e.id.clone()),
                tasks: by_id(tasks, |t| t.id.clone()),
                ..Assessment::default()
            },
        )
}

fn meta() -> ExportMeta {
    ExportMeta::new(
        Utc.with_ymd_and_hms(2025, 3, 14, 8, 30, 0).unwrap(),
        "0.1.0",
    )
}

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    select(vec![
                        "profile",
                        "answers",
                        "people",
                        "ratings",
                        "rating_settings",
                        "response",
                        "due",
                        "id",
                        "3.1"
                    ])
                    .prop_map(str::to_string),
                    "[a-z]{1,4}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn export_then_import_gives_the_identical_assessment(a in assessment()) {
        let text = export_assessment(&a, &Extras::default(), &Template::shipped(), &meta());
        let imported = import(text.as_bytes(), &Template::shipped(), None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(imported.assessment(), Some(&a));
        prop_assert_eq!(&imported.checksum, &ChecksumStatus::Valid);
        prop_assert_eq!(verify_export(&text, &Content::assessment(a.clone())), Ok(()));
        let sanitized = export_assessment(&a, &Extras::default(), &Template::shipped(), &meta().sanitized());
        prop_assert_eq!(verify_export(&sanitized, &Content::assessment(a.clone())), Ok(()));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = read_file(&bytes);
        let _ = import(&bytes, &Template::shipped(), None);
    }

    #[test]
    fn damaged_files_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)) {
        let mut bytes = std::fs::read(crate::fixture("exchange/v3_assessment.json")).unwrap();
        for (at, byte, how) in edits {
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => { bytes.remove(i); }
            }
        }
        let _ = import(&bytes, &Template::shipped(), None);
    }

    #[test]
    fn arbitrary_content_in_a_valid_envelope_never_panics(content in json_value(), kind in select(vec!["assessment", "annual_plan", "backup", "findings", "workspace", "x"]), version in 0u64..5) {
        let mut file: Value = serde_json::from_str(&std::fs::read_to_string(crate::fixture("exchange/v3_assessment.json")).unwrap()).unwrap();
        file["content"] = content;
        file["kind"] = json!(kind);
        file["format_version"] = json!(version);
        let _ = import(&serde_json::to_vec(&file).unwrap(), &Template::shipped(), None);
    }

    #[test]
    fn merging_the_same_file_twice_changes_nothing_the_second_time(
        local in assessment(),
        incoming in assessment(),
        base in proptest::option::of(assessment()),
    ) {
        let base = base.as_ref().map(Into::into);
        let plan = plan_merge(&local, &incoming, base);
        let choices = plan.suggested_choices();
        let merged = apply_merge(&local, &plan, &choices).map_err(|e| TestCaseError::fail(e.to_string()))?.assessment;
        // The same plan rules and the same choices again: nothing changes.
        let again = plan_merge(&merged, &incoming, base);
        prop_assert_eq!(apply_merge(&merged, &again, &choices).map_err(|e| TestCaseError::fail(e.to_string()))?.assessment, merged.clone());
        // As the app does it: the imported file becomes the base, and a second import is a no-op.
        prop_assert!(plan_merge(&merged, &incoming, Some((&incoming).into())).is_noop());
        // Without a base, taking the file's side of every conflict leaves nothing to do the second time.
        let two_way = plan_merge(&local, &incoming, None);
        let take_theirs: Choices = two_way.conflicts().map(|e| (e.key.clone(), Side::Incoming)).collect();
        let theirs = apply_merge(&local, &two_way, &take_theirs).unwrap().assessment;
        prop_assert!(plan_merge(&theirs, &incoming, None).is_noop());
    }

    #[test]
    fn a_record_changed_on_one_side_only_is_never_dropped(
        base in assessment(),
        ids in proptest::collection::btree_set(item_id(), 0..8),
        sides in proptest::collection::vec(any::<bool>(), 8),
        new_ratings in proptest::collection::vec((rating(), any::<bool>()), 0..4),
        new_entry in ledger_entry(),
        entry_sides in proptest::collection::vec(any::<bool>(), 0..3),
        task_sides in proptest::collection::vec(any::<bool>(), 3),
    ) {
        let later = Utc.with_ymd_and_hms(2101, 1, 1, 0, 0, 0).unwrap();
        let (mut local, mut incoming) = (base.clone(), base.clone());
        let mut changed: BTreeMap<String, bool> = BTreeMap::new();
        for (id, on_local) in ids.iter().zip(sides) {
            let side = if on_local { "本地" } else { "对方" };
            let answer = Answer { response: Some(Response::Partial), note: format!("{side}修改 {id}"), updated_at: Some(later), ..Answer::default() };
            if on_local { &mut local } else { &mut incoming }.answers.insert(id.clone(), answer);
            changed.insert(id.clone(), on_local);
        }
        let existing: BTreeSet<String> = base.ratings.iter().map(slot).collect();
        let mut changed_entries: BTreeMap<String, bool> = BTreeMap::new();
        for (i, on_local) in entry_sides.iter().enumerate() {
            let id = format!("e-new{i}");
            let mut entry = new_entry.clone();
            entry.id = id.clone();
            entry.updated_at = Some(later);
            if *on_local { &mut local } else { &mut incoming }.ledger.push(entry);
            changed_entries.insert(id, *on_local);
        }
        for (i, t) in base.tasks.iter().enumerate() {
            if let Some(&on_local) = task_sides.get(i) {
                let side = if on_local { &mut local } else { &mut incoming };
                let task = side.tasks.iter_mut().find(|x| x.id == t.id).unwrap();
                task.measure = format!("{}修改的措施", if on_local { "本地" } else { "对方" });
                task.updated_at = Some(later);
            }
        }
        let mut added_ratings = Vec::new();
        for (mut r, on_local) in new_ratings {
            r.rater = format!("新评价人{}", added_ratings.len());
            r.updated_at = Some(later);
            // One new rating per key (a 自评's rater is not part of its key).
            if existing.contains(&slot(&r)) || added_ratings.iter().any(|a: &Rating| slot(a) == slot(&r)) { continue; }
            if on_local { &mut local } else { &mut incoming }.ratings.push(r.clone());
            added_ratings.push(r);
        }
        let plan = plan_merge(&local, &incoming, Some((&base).into()));
        prop_assert_eq!(plan.conflicts().count(), 0);
        let merged = apply_merge(&local, &plan, &Choices::new()).unwrap().assessment;
        for (id, on_local) in &changed_entries {
            let want = if *on_local { &local } else { &incoming }.ledger.iter().find(|e| &e.id == id).unwrap();
            prop_assert_eq!(merged.ledger.iter().find(|e| &e.id == id), Some(want), "entry {}", id);
        }
        for (i, t) in base.tasks.iter().enumerate() {
            let held = merged.tasks.iter().find(|x| x.id == t.id).unwrap();
            match task_sides.get(i) {
                Some(&on_local) => prop_assert_eq!(held, if on_local { &local } else { &incoming }.tasks.iter().find(|x| x.id == t.id).unwrap()),
                None => prop_assert_eq!(held, t),
            }
        }
        prop_assert!(merged.ledger.len() >= base.ledger.len());
        for (id, on_local) in &changed {
            let want = if *on_local { &local.answers[id] } else { &incoming.answers[id] };
            prop_assert_eq!(&merged.answers[id], want, "answer {}", id);
        }
        for (id, answer) in &base.answers {
            if !changed.contains_key(id) {
                prop_assert_eq!(&merged.answers[id], answer, "untouched answer {}", id);
            }
        }
        let merged_slots: BTreeSet<String> = merged.ratings.iter().map(slot).collect();
        for r in &added_ratings {
            prop_assert!(merged_slots.contains(&slot(r)), "rating {} dropped", slot(r));
        }
        prop_assert!(merged.ratings.len() >= base.ratings.len());
    }
}

/// The rating's identity: the domain's rule, not one of the test's own.
fn slot(r: &Rating) -> String {
    r.key().to_id()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Two files that differ only in how a 自评's (or 上级评价's) rater is spelled hold one rating:
    /// merged in either direction, with or without a base, nothing changes and no conflict arises.
    #[test]
    fn the_identity_rule_holds_across_merge(
        a in assessment(),
        spellings in proptest::collection::vec(text(), 5),
    ) {
        let mut respelled = a.clone();
        for (r, spelling) in respelled.ratings.iter_mut().zip(spellings.iter().cycle()) {
            if r.role != RaterRole::Peer {
                r.rater = spelling.clone();
            }
        }
        for (local, incoming) in [(&a, &respelled), (&respelled, &a)] {
            for base in [None, Some(local.into())] {
                let plan = plan_merge(local, incoming, base);
                prop_assert_eq!(plan.conflicts().count(), 0);
                prop_assert!(plan.is_noop(), "{:?}", plan.entries.iter().filter(|e| e.change != zrz_exchange::Change::Unchanged).collect::<Vec<_>>());
                let merged = apply_merge(local, &plan, &Choices::new()).unwrap().assessment;
                let keys: BTreeSet<String> = merged.ratings.iter().map(slot).collect();
                let before: BTreeSet<String> = local.ratings.iter().map(slot).collect();
                prop_assert_eq!(keys, before, "one rating per key, whatever the spelling");
            }
        }
    }
}
