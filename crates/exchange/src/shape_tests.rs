//! The unknown-field walks against a [`Shape`] give what they gave against a whole `Value`, and what
//! the walks before shapes gave (kept below as `before`): on records of the benchmark's generator
//! and the format fixture, on random JSON, each with random fields added, removed, retyped and
//! nulled on the file's side.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::*;
use crate::extras::{Extras, Unknown};
use crate::path::{path_string, unknown_fields_in, Seg};
use zrz_domain::plan::Template;
use zrz_domain::record::Assessment;

#[path = "../examples/bench_data/year.rs"]
#[allow(dead_code)]
mod year;

/// The walks as they were before `Typed` (commit 144a4f2): the oracle.
mod before {
    use std::collections::BTreeMap;

    use serde_json::Value;

    // The kinds of record are the walks' data, not their logic: the live lists.
    use crate::extras::{record_path, Extras, Unknown, LISTS, SINGLES};
    use crate::path::{path_string, record_id, Seg};
    use zrz_domain::record::{RecordKey, RecordKind};

    pub fn unknown_fields(input: &Value, typed: &Value, prefix: &[Seg]) -> Vec<String> {
        let mut out = Vec::new();
        let mut segs = prefix.to_vec();
        walk_unknown(input, typed, &mut segs, &mut out);
        out
    }

    fn walk_unknown(input: &Value, typed: &Value, segs: &mut Vec<Seg>, out: &mut Vec<String>) {
        match (input, typed) {
            (Value::Object(a), Value::Object(b)) => {
                for (key, x) in a {
                    segs.push(Seg::Key(key.clone()));
                    match b.get(key) {
                        Some(y) => walk_unknown(x, y, segs, out),
                        None if x.is_null() => {}
                        None => out.push(path_string(segs)),
                    }
                    segs.pop();
                }
            }
            (Value::Array(a), Value::Array(b)) => {
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    segs.push(Seg::Index(i));
                    walk_unknown(x, y, segs, out);
                    segs.pop();
                }
            }
            _ => {}
        }
    }

    pub fn between(raw: &Value, typed: &Value) -> Unknown {
        let mut out = Unknown::default();
        let (Value::Object(raw), Value::Object(typed)) = (raw, typed) else {
            return out;
        };
        for (key, r) in raw {
            match (r, typed.get(key)) {
                (_, None) => {
                    out.fields.insert(key.clone(), r.clone());
                }
                (Value::Object(_), Some(t @ Value::Object(_))) => {
                    let inner = between(r, t);
                    if !inner.is_empty() {
                        out.objects.insert(key.clone(), inner);
                    }
                }
                (Value::Array(rs), Some(Value::Array(ts))) => {
                    let inner: BTreeMap<usize, Unknown> = rs
                        .iter()
                        .zip(ts)
                        .enumerate()
                        .map(|(i, (r, t))| (i, between(r, t)))
                        .filter(|(_, u)| !u.is_empty())
                        .collect();
                    if !inner.is_empty() {
                        out.lists.insert(key.clone(), inner);
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn set_record(out: &mut Extras, key: &RecordKey, extras: Option<Unknown>) {
        match extras {
            Some(u) if !u.is_empty() => {
                out.records.insert(record_path(key), u);
            }
            _ => {
                out.records.remove(&record_path(key));
            }
        }
    }

    pub fn extract(raw: &Value, typed: &Value) -> Extras {
        let mut out = Extras::default();
        let (Value::Object(r), Value::Object(t)) = (raw, typed) else {
            return out;
        };
        for (key, v) in r {
            if !t.contains_key(key) {
                out.root.insert(key.clone(), v.clone());
            }
        }
        for kind in SINGLES {
            if let (Some(r), Some(t)) = (r.get(kind.key()), t.get(kind.key())) {
                set_record(&mut out, &RecordKey::single(kind), Some(between(r, t)));
            }
        }
        if let (Some(Value::Object(ra)), Some(Value::Object(ta))) =
            (r.get("answers"), t.get("answers"))
        {
            for (id, answer) in ra {
                if let Some(typed) = ta.get(id) {
                    let key = RecordKey::new(RecordKind::Answer, id.clone());
                    set_record(&mut out, &key, Some(between(answer, typed)));
                }
            }
        }
        for kind in LISTS {
            let (Some(Value::Array(rs)), Some(Value::Array(ts))) =
                (r.get(kind.key()), t.get(kind.key()))
            else {
                continue;
            };
            for (i, (raw, typed)) in rs.iter().zip(ts).enumerate() {
                let key = RecordKey::new(kind, record_id(kind, typed, i));
                let found = between(raw, typed);
                if !found.is_empty() {
                    set_record(&mut out, &key, Some(found));
                }
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------------
// Inputs.

/// The assessments compared: the format fixture's (findings, a task, an office review) and the
/// benchmark generator's for three departments, cut to a size a debug build walks quickly.
fn records() -> Vec<Assessment> {
    let fixture: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/exchange/v3_assessment.json"
    ))
    .unwrap();
    let mut out = vec![serde_json::from_value(fixture["content"].clone()).unwrap()];
    let template = Template::shipped();
    for department in 0..3 {
        let mut a = year::department_year(&template, 1, department);
        a.ratings.truncate(40);
        a.ledger.truncate(6);
        a.people.truncate(8);
        a.answers = a.answers.into_iter().take(12).collect();
        out.push(a);
    }
    out
}

/// Member names a file might have: the records' own (some of them id members, some collections of
/// records), and new ones.
const NAMES: [&str; 20] = [
    "id",
    "person_id",
    "dimension",
    "role",
    "rater",
    "note",
    "evidence",
    "response",
    "value",
    "year",
    "name",
    "x_future",
    "a",
    "",
    "长",
    "\u{1f600}",
    "profile",
    "answers",
    "people",
    "ratings",
];

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        prop::sample::select(vec!["", "de", "self", "p-1", "长文本"]).prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(prop::sample::select(NAMES.to_vec()), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.into(), v)).collect())),
        ]
    })
}

/// One change on the file's side, at the `at`-th object or list of the value.
#[derive(Debug, Clone)]
enum Edit {
    /// A member added (or, under a name it has, replaced), perhaps by `null`.
    Set(prop::sample::Index, &'static str, Value),
    /// A member taken away (the typed side has it and the file not).
    Remove(prop::sample::Index, prop::sample::Index),
    /// An element added to, or taken from the end of, a list.
    Push(prop::sample::Index, Value),
    Pop(prop::sample::Index),
    /// An object or list replaced by another value.
    Replace(prop::sample::Index, Value),
}

fn edit() -> impl Strategy<Value = Edit> {
    let name = prop::sample::select(NAMES.to_vec());
    let at = any::<prop::sample::Index>;
    prop_oneof![
        4 => (at(), name, json()).prop_map(|(a, n, v)| Edit::Set(a, n, v)),
        1 => (at(), at()).prop_map(|(a, k)| Edit::Remove(a, k)),
        1 => (at(), json()).prop_map(|(a, v)| Edit::Push(a, v)),
        1 => at().prop_map(Edit::Pop),
        1 => (at(), json()).prop_map(|(a, v)| Edit::Replace(a, v)),
    ]
}

/// Pointers to every object and list in `v`.
fn containers(v: &Value, pointer: String, out: &mut Vec<String>) {
    let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
    match v {
        Value::Object(map) => {
            out.push(pointer.clone());
            for (k, x) in map {
                containers(x, format!("{pointer}/{}", escape(k)), out);
            }
        }
        Value::Array(items) => {
            out.push(pointer.clone());
            for (i, x) in items.iter().enumerate() {
                containers(x, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn apply(v: &mut Value, edit: &Edit) {
    let mut all = Vec::new();
    containers(v, String::new(), &mut all);
    if all.is_empty() {
        return;
    }
    let at = match edit {
        Edit::Set(a, ..) | Edit::Remove(a, _) | Edit::Push(a, _) | Edit::Pop(a) => a,
        Edit::Replace(a, _) => a,
    };
    let node = v.pointer_mut(&all[at.index(all.len())]).unwrap();
    match (edit, node) {
        (Edit::Set(_, name, x), Value::Object(map)) => {
            map.insert(name.to_string(), x.clone());
        }
        (Edit::Remove(_, k), Value::Object(map)) if !map.is_empty() => {
            let key = map.keys().nth(k.index(map.len())).unwrap().clone();
            map.remove(&key);
        }
        (Edit::Push(_, x), Value::Array(items)) => items.push(x.clone()),
        (Edit::Pop(_), Value::Array(items)) => {
            items.pop();
        }
        (Edit::Replace(_, x), node) => *node = x.clone(),
        _ => {}
    }
}

fn edited(typed: &Value, edits: &[Edit]) -> Value {
    let mut raw = typed.clone();
    for e in edits {
        apply(&mut raw, e);
    }
    raw
}

/// Every walk, against the `Value`, against the `Shape`, and as before: the same.
fn assert_walks_agree(raw: &Value, typed: &Value, shape: &Shape) -> Result<(), TestCaseError> {
    let prefix = [Seg::Key("content".into())];
    let expected = before::unknown_fields(raw, typed, &prefix);
    prop_assert_eq!(
        &unknown_fields_in(raw, Typed::Value(typed), &prefix),
        &expected
    );
    prop_assert_eq!(
        &unknown_fields_in(raw, Typed::Shape(shape), &prefix),
        &expected
    );
    let expected = before::between(raw, typed);
    prop_assert_eq!(&Unknown::between_in(raw, Typed::Value(typed)), &expected);
    prop_assert_eq!(&Unknown::between_in(raw, Typed::Shape(shape)), &expected);
    let expected = before::extract(raw, typed);
    prop_assert_eq!(&Extras::extract_in(raw, Typed::Value(typed)), &expected);
    prop_assert_eq!(&Extras::extract_in(raw, Typed::Shape(shape)), &expected);
    Ok(())
}

/// The shape has what the value has: the same objects, names and lists, the id members whole.
fn assert_shape_of(shape: &Shape, v: &Value) {
    match (shape, v) {
        (Shape::Object(members), Value::Object(map)) => {
            let names: Vec<&str> = members.iter().map(|(k, _)| k.as_ref()).collect();
            let keys: Vec<&str> = map.keys().map(String::as_str).collect();
            assert_eq!(names, keys);
            for (k, s) in members {
                if ID_KEYS.contains(&k.as_ref()) {
                    assert_eq!(s, &Shape::Exact(map[k.as_ref()].clone()), "{k}");
                } else {
                    assert_shape_of(s, &map[k.as_ref()]);
                }
            }
        }
        (Shape::Array(items), Value::Array(values)) => {
            assert_eq!(items.len(), values.len());
            for (s, v) in items.iter().zip(values) {
                assert_shape_of(s, v);
            }
        }
        (Shape::Scalar, v) => assert!(!v.is_object() && !v.is_array(), "{v}"),
        (s, v) => panic!("{s:?} for {v}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_walks_agree_on_records_with_changed_fields(
        which in 0usize..4,
        edits in prop::collection::vec(edit(), 0..8),
    ) {
        let a = &records()[which];
        let typed = serde_json::to_value(a).unwrap();
        let shape = Shape::of(a).expect("an assessment has a shape");
        assert_walks_agree(&edited(&typed, &edits), &typed, &shape)?;
    }

    #[test]
    fn the_walks_agree_on_any_json(
        typed in json(),
        edits in prop::collection::vec(edit(), 0..6),
    ) {
        let shape = Shape::of(&typed).expect("JSON has a shape");
        assert_shape_of(&shape, &typed);
        assert_walks_agree(&edited(&typed, &edits), &typed, &shape)?;
    }

    #[test]
    fn members_asked_in_any_order_are_found_as_get_finds_them(
        typed in json(),
        asked in prop::collection::vec(prop::sample::select(NAMES.to_vec()), 0..12),
    ) {
        let shape = Shape::of(&typed).unwrap();
        let mut members = Typed::Shape(&shape).members();
        for name in asked {
            let found = members.get(name).map(|t| format!("{t:?}"));
            prop_assert_eq!(found, Typed::Shape(&shape).get(name).map(|t| format!("{t:?}")));
        }
    }
}

#[test]
fn every_record_has_a_shape_like_its_value() {
    for a in records() {
        let typed = serde_json::to_value(&a).unwrap();
        assert_shape_of(&Shape::of(&a).unwrap(), &typed);
    }
    let mut full = year::department_year(&Template::shipped(), 1, 0);
    full.office_review = serde_json::from_value(json!({"scores": {"self_score": 80.0}})).unwrap();
    assert_shape_of(
        &Shape::of(&full).unwrap(),
        &serde_json::to_value(&full).unwrap(),
    );
}

#[test]
fn what_serde_json_writes_otherwise_has_no_shape() {
    #[derive(Serialize)]
    enum Variant {
        #[serde(rename = "id")]
        Newtype(u8),
        #[serde(rename = "role")]
        Tuple(u8, u8),
        #[serde(rename = "rater")]
        Struct {
            x: u8,
        },
        Fine {
            x: u8,
        },
    }
    #[derive(Serialize)]
    #[serde(rename = "$serde_json::private::Number")]
    struct Token {
        n: u8,
    }
    assert!(
        Shape::of(&BTreeMap::from([(1u32, 2u8)])).is_none(),
        "a number key"
    );
    assert!(Shape::of(&BTreeMap::from([(true, 2u8)])).is_none());
    assert!(Shape::of(&BTreeMap::from([(Some("k"), 2u8)])).is_none());
    assert!(Shape::of(&1u128).is_none());
    assert!(Shape::of(&-1i128).is_none());
    assert!(Shape::of(&Variant::Newtype(1)).is_none());
    assert!(Shape::of(&Variant::Tuple(1, 2)).is_none());
    assert!(Shape::of(&Variant::Struct { x: 1 }).is_none());
    assert!(Shape::of(&Token { n: 1 }).is_none());
    assert_eq!(
        Shape::of(&Variant::Fine { x: 1 }),
        Some(Shape::Object(vec![(
            "Fine".into(),
            Shape::Object(vec![("x".into(), Shape::Scalar)])
        )]))
    );
}

#[test]
fn scalars_bytes_variants_and_keys_are_shaped_as_serde_json_writes_them() {
    #[derive(Serialize)]
    struct Unit;
    #[derive(Serialize)]
    struct Wrapped(String);
    #[derive(Serialize)]
    enum E {
        A,
        B(u8),
        C(u8, u8),
    }
    #[derive(Serialize)]
    struct All<'a> {
        b: bool,
        i: (i8, i16, i32, i64),
        u: (u8, u16, u32, u64),
        f: (f32, f64),
        c: char,
        s: &'a str,
        #[serde(with = "bytes")]
        bytes: &'a [u8],
        none: Option<u8>,
        some: Option<u8>,
        unit: (),
        unit_struct: Unit,
        newtype: Wrapped,
        variants: Vec<E>,
        map: BTreeMap<Wrapped, u8>,
        id: Vec<u8>,
        at: chrono::DateTime<chrono::Utc>,
    }
    mod bytes {
        pub fn serialize<S: serde::Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(b)
        }
    }
    impl Ord for Wrapped {
        fn cmp(&self, other: &Self) -> std::cmp::Ordering {
            self.0.cmp(&other.0)
        }
    }
    impl PartialOrd for Wrapped {
        fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl PartialEq for Wrapped {
        fn eq(&self, other: &Self) -> bool {
            self.0 == other.0
        }
    }
    impl Eq for Wrapped {}
    let all = All {
        b: true,
        i: (-1, -2, -3, -4),
        u: (1, 2, 3, 4),
        f: (0.5, f64::NAN),
        c: '长',
        s: "text",
        bytes: &[1, 2, 3],
        none: None,
        some: Some(1),
        unit: (),
        unit_struct: Unit,
        newtype: Wrapped("w".into()),
        variants: vec![E::A, E::B(1), E::C(1, 2)],
        map: BTreeMap::from([(Wrapped("k".into()), 1), (Wrapped("j".into()), 2)]),
        id: vec![7, 8],
        at: year::now(),
    };
    let value = serde_json::to_value(&all).unwrap();
    assert_shape_of(&Shape::of(&all).unwrap(), &value);
}

#[test]
fn of_two_members_of_one_name_the_later_is_kept() {
    let shape = object(vec![
        ("b".into(), Shape::Scalar),
        ("a".into(), Shape::Array(vec![])),
        ("b".into(), Shape::Exact(json!(1))),
        ("a".into(), Shape::Exact(json!(2))),
        ("c".into(), Shape::Scalar),
    ]);
    assert_eq!(
        shape,
        Shape::Object(vec![
            ("a".into(), Shape::Exact(json!(2))),
            ("b".into(), Shape::Exact(json!(1))),
            ("c".into(), Shape::Scalar),
        ])
    );
    // A map's members come sorted and stay as they are.
    let sorted = vec![("a".into(), Shape::Scalar), ("b".into(), Shape::Scalar)];
    assert_eq!(object(sorted.clone()), Shape::Object(sorted));
}

#[test]
fn members_are_found_before_and_after_the_last_one_found() {
    let shape = Shape::of(&json!({"a": 1, "b": [], "c": {}, "d": null})).unwrap();
    let mut members = Typed::Shape(&shape).members();
    for name in ["d", "a", "c", "c", "b", "x", "a", "d", ""] {
        assert_eq!(
            members.get(name).is_some(),
            !matches!(name, "x" | ""),
            "{name}"
        );
    }
    let b = Typed::Shape(&shape).get("b").unwrap();
    assert!(b.items().is_some() && !b.is_object() && b.exact().is_none());
    assert!(Typed::Shape(&shape).get("c").unwrap().is_object());
    assert!(Typed::Shape(&Shape::Scalar).members().get("a").is_none());
    let exact = Shape::Exact(json!({"k": [1]}));
    let t = Typed::Shape(&exact);
    assert!(t.is_object());
    assert_eq!(t.get("k").and_then(Typed::exact), Some(&json!([1])));
    assert!(t.get("k").unwrap().items().is_some());
    assert_eq!(
        path_string(&[Seg::Key("content".into())]),
        "content",
        "the prefix the walks are given"
    );
    let _ = Map::<String, Value>::new();
}
