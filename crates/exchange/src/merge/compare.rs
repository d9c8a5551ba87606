//! The one record-by-record comparison every import preview is built on: a department's record cut
//! into its records (by the domain's identity rule), each as it would be written, and the rules that
//! say when two versions of a record are the same ([`same_record`]), which of their fields differ
//! ([`changed_fields`]) and what a merge does with them (`decide`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::{Change, Input, Side, Version};
use crate::path::record_id;
use zrz_domain::record::{Answer, RaterRole, RecordKind};
use zrz_domain::scoring::RatingSettings;

/// The order kinds are listed in, in plans and previews.
pub(crate) const KINDS: [RecordKind; 9] = [
    RecordKind::Profile,
    RecordKind::Answer,
    RecordKind::Person,
    RecordKind::Rating,
    RecordKind::Entry,
    RecordKind::Task,
    RecordKind::Finding,
    RecordKind::OfficeReview,
    RecordKind::RatingSettings,
];

/// One kind's records by identity, in their order.
#[derive(Debug, Default)]
pub(crate) struct Records {
    pub order: Vec<String>,
    pub by_id: BTreeMap<String, Value>,
}

impl Records {
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.by_id.get(id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    fn push(&mut self, id: String, value: Value) {
        if self.by_id.insert(id.clone(), value).is_none() {
            self.order.push(id);
        }
    }
}

/// The record as it would be written: typed fields with the unknown parts put back.
pub(crate) fn full_value(input: Input) -> Value {
    let mut v = serde_json::to_value(input.assessment).expect("an assessment serialises");
    input.extras.apply(&mut v);
    v
}

/// Every record of `full` (an assessment as [`full_value`] writes it), kind by kind in [`KINDS`]
/// order. Of two ratings with one key (files from before the identity rule), the one in force
/// counts: the newer by `updated_at`, on a tie the later.
pub(crate) fn records(full: &Value) -> Vec<(RecordKind, Records)> {
    KINDS
        .iter()
        .map(|&kind| (kind, records_of(full, kind)))
        .collect()
}

pub(crate) fn records_of(full: &Value, kind: RecordKind) -> Records {
    let mut out = Records::default();
    let Some(value) = full.get(kind.key()) else {
        return out;
    };
    match (kind, value) {
        (RecordKind::RatingSettings | RecordKind::OfficeReview, v) => {
            out.push(String::new(), v.clone())
        }
        (RecordKind::Profile, Value::Object(fields))
        | (RecordKind::Answer, Value::Object(fields)) => fields
            .iter()
            .for_each(|(k, v)| out.push(k.clone(), v.clone())),
        (_, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let id = record_id(kind, item, i);
                match out.by_id.get(&id) {
                    Some(held) if updated_at(held) > updated_at(item) => {}
                    _ => out.push(id, item.clone()),
                }
            }
        }
        _ => {}
    }
    out
}

fn updated_at(v: &Value) -> Option<chrono::DateTime<chrono::Utc>> {
    v.get("updated_at")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
}

/// Nothing worth keeping: null, empty text, no items, false, or an object of such. In the profile a
/// year of 0 (not filled in) is empty too.
fn is_blank(v: &Value, zero_is_blank: bool) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.iter().all(|i| is_blank(i, false)),
        Value::Object(map) => map.values().all(|i| is_blank(i, false)),
        Value::Number(n) => zero_is_blank && n.as_f64() == Some(0.0),
    }
}

/// The shipped rating settings as written: a single record equal to them was never changed.
fn default_settings() -> Value {
    serde_json::to_value(RatingSettings::default()).expect("rating settings serialise")
}

/// A record for comparison: `None` if empty; without its `updated_at`; a 自评 or 上级评价 without its
/// rater's name (the identity rule: one cell whatever the rater is called). With `default_is_empty`,
/// a single record equal to the shipped default counts as empty.
pub(crate) fn comparable(
    kind: RecordKind,
    v: Option<&Value>,
    default_is_empty: bool,
) -> Option<Value> {
    let v = v?;
    if is_blank(v, kind == RecordKind::Profile) {
        return None;
    }
    if default_is_empty
        && kind == RecordKind::RatingSettings
        && same_numbers(v, &default_settings())
    {
        return None;
    }
    let mut v = v.clone();
    if let Value::Object(map) = &mut v {
        map.remove("updated_at");
        if kind == RecordKind::Person {
            // Names are matched trimmed (`match_people`), so they compare trimmed too.
            if let Some(Value::String(name)) = map.get_mut("name") {
                *name = name.trim().to_string();
            }
        }
        if kind == RecordKind::Rating {
            let role = map
                .get("role")
                .and_then(Value::as_str)
                .and_then(RaterRole::from_key);
            if role.is_some_and(|r| r != RaterRole::Peer) {
                map.remove("rater");
            }
        }
        if map.values().all(|i| is_blank(i, false)) {
            return None;
        }
    }
    Some(normalise_numbers(v))
}

/// Numbers written as floats and integers compare by value (`2` = `2.0`).
fn normalise_numbers(v: Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(normalise_numbers).collect()),
        Value::Object(map) => Value::Object(zrz_domain::order::into_object(
            map.into_iter().map(|(k, v)| (k, normalise_numbers(v))),
        )),
        other => other,
    }
}

fn same_numbers(a: &Value, b: &Value) -> bool {
    normalise_numbers(a.clone()) == normalise_numbers(b.clone())
}

/// Two versions of a record of `kind` are the same: equal apart from when they were last edited
/// and, for a 自评 or 上级评价, how the rater's name is written; both empty counts as the same.
pub fn same_record(kind: RecordKind, a: Option<&Value>, b: Option<&Value>) -> bool {
    comparable(kind, a, false) == comparable(kind, b, false)
}

/// Two answers are the same apart from `updated_at`: the one rule every preview uses.
pub fn same_answer(a: &Answer, b: &Answer) -> bool {
    let v = |a: &Answer| serde_json::to_value(a).expect("an answer serialises");
    same_record(RecordKind::Answer, Some(&v(a)), Some(&v(b)))
}

/// Members that make up a record's identity: equal in two versions of one record by definition, so
/// never listed as changed.
fn identity_members(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Rating => &["person_id", "dimension", "role"],
        RecordKind::Person | RecordKind::Entry | RecordKind::Task | RecordKind::Finding => &["id"],
        RecordKind::Profile
        | RecordKind::RatingSettings
        | RecordKind::OfficeReview
        | RecordKind::Answer => &[],
    }
}

/// The top-level members that differ between two versions of a record (`updated_at` and identity
/// aside; for an added record, the members it fills in). A record that is a single value (a profile
/// field) gives one empty name when it differs.
pub fn changed_fields(kind: RecordKind, a: Option<&Value>, b: Option<&Value>) -> Vec<String> {
    let a = comparable(kind, a, false);
    let b = comparable(kind, b, false);
    if a == b {
        return Vec::new();
    }
    let empty = Map::new();
    let members = |v: &Option<Value>| -> Option<Map<String, Value>> {
        match v {
            Some(Value::Object(m)) => Some(m.clone()),
            None => Some(empty.clone()),
            Some(_) => None,
        }
    };
    match (members(&a), members(&b)) {
        (Some(x), Some(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter()
                .filter(|k| !identity_members(kind).contains(&k.as_str()))
                .filter(|k| {
                    let (p, q) = (x.get(*k), y.get(*k));
                    let blank = |v: Option<&Value>| v.is_none_or(|v| is_blank(v, false));
                    !(p == q || blank(p) && blank(q))
                })
                .cloned()
                .collect()
        }
        _ => vec![String::new()],
    }
}

/// What a merge does with one record (the rule in the module doc of `merge`). `default_is_empty`:
/// a single record equal to the default counts as empty (no base, or the base has the default too).
pub(crate) fn decide(
    kind: RecordKind,
    local: Option<&Value>,
    incoming: Option<&Value>,
    base: Option<Option<&Value>>,
    default_is_empty: bool,
) -> Change {
    let l = comparable(kind, local, default_is_empty);
    let i = comparable(kind, incoming, default_is_empty);
    let b = base.map(|b| comparable(kind, b, default_is_empty));
    if l == i || i.is_none() {
        return Change::Unchanged;
    }
    if b.as_ref() == Some(&i) {
        return Change::Unchanged;
    }
    let incoming = Version::of(incoming.expect("a non-empty record is present"));
    let Some(local) = local.filter(|_| l.is_some()) else {
        return Change::Added { incoming };
    };
    let local = Version::of(local);
    let newer = match (local.updated_at, incoming.updated_at) {
        (Some(a), Some(b)) if a > b => Some(Side::Local),
        (Some(a), Some(b)) if b > a => Some(Side::Incoming),
        _ => None,
    };
    if b.as_ref() == Some(&l) && newer != Some(Side::Local) {
        return Change::Changed { local, incoming };
    }
    Change::Conflict {
        local,
        incoming,
        newer,
    }
}

/// Whether a single record's default counts as empty: always without a base, and with one only if
/// the base had the default too (then a move back to the default is nobody's change).
pub(crate) fn default_is_empty(kind: RecordKind, base: Option<&Records>) -> bool {
    if kind != RecordKind::RatingSettings {
        return false;
    }
    match base.and_then(|b| b.get("")) {
        None => true,
        Some(v) => same_numbers(v, &default_settings()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn updated_at_and_a_self_raters_spelling_are_not_differences() {
        let a = json!({"response": "partial", "note": "x", "updated_at": "2025-03-01T09:00:00Z"});
        let b = json!({"response": "partial", "note": "x", "updated_at": null});
        assert!(same_record(RecordKind::Answer, Some(&a), Some(&b)));
        let own = |rater: &str| json!({"person_id": "p", "dimension": "de", "role": "self", "rater": rater, "value": {"score": 90.0}});
        assert!(same_record(
            RecordKind::Rating,
            Some(&own("李四")),
            Some(&own(" 李四 "))
        ));
        assert!(same_record(
            RecordKind::Rating,
            Some(&own("李四")),
            Some(&own(""))
        ));
        let peer = |rater: &str| json!({"person_id": "p", "dimension": "de", "role": "peer", "rater": rater, "value": {"score": 90}});
        assert!(!same_record(
            RecordKind::Rating,
            Some(&peer("王五")),
            Some(&peer("赵六"))
        ));
        assert!(
            same_record(
                RecordKind::Rating,
                Some(&peer("王五")),
                Some(
                    &json!({"person_id": "p", "dimension": "de", "role": "peer", "rater": "王五", "value": {"score": 90.0}})
                )
            ),
            "90 = 90.0"
        );
        assert!(
            same_record(RecordKind::Answer, Some(&json!({"note": ""})), None),
            "blank is absent"
        );
    }

    #[test]
    fn changed_fields_name_the_members_that_differ() {
        let a = json!({"response": "partial", "note": "x", "owner": "", "updated_at": "2025-03-01T09:00:00Z"});
        let b = json!({"response": "implemented", "note": "x", "owner": "李四", "updated_at": "2025-03-02T09:00:00Z"});
        assert_eq!(
            changed_fields(RecordKind::Answer, Some(&a), Some(&b)),
            ["owner", "response"]
        );
        assert_eq!(
            changed_fields(RecordKind::Answer, None, Some(&b)),
            ["note", "owner", "response"]
        );
        assert!(changed_fields(RecordKind::Answer, Some(&a), Some(&a)).is_empty());
        assert_eq!(
            changed_fields(RecordKind::Profile, Some(&json!("甲")), Some(&json!("乙"))),
            [""]
        );
    }

    #[test]
    fn the_shipped_settings_are_empty_unless_the_base_had_others() {
        let default = default_settings();
        assert_eq!(
            comparable(RecordKind::RatingSettings, Some(&default), true),
            None
        );
        assert!(comparable(RecordKind::RatingSettings, Some(&default), false).is_some());
        assert!(default_is_empty(RecordKind::RatingSettings, None));
        let mut custom = default.clone();
        custom["excellent_share_max"] = json!(10.0);
        let mut base = Records::default();
        base.push(String::new(), custom);
        assert!(!default_is_empty(RecordKind::RatingSettings, Some(&base)));
        assert!(!default_is_empty(RecordKind::Answer, None));
    }
}

#[cfg(test)]
mod edge_tests {
    use super::*;
    use serde_json::json;

    fn full(ratings: Value) -> Value {
        json!({"ratings": ratings})
    }

    #[test]
    fn of_two_ratings_with_one_key_the_newer_counts_and_on_a_tie_the_later() {
        let r = |score: f64, at: &str| json!({"person_id": "p", "dimension": "de", "role": "self", "rater": "", "value": {"score": score}, "updated_at": at});
        let newer_first = full(json!([
            r(1.0, "2025-03-02T00:00:00Z"),
            r(2.0, "2025-03-01T00:00:00Z")
        ]));
        let got = records_of(&newer_first, RecordKind::Rating);
        assert_eq!(got.order.len(), 1);
        assert_eq!(got.get("p/de/self/").unwrap()["value"]["score"], 1.0);
        let tie = full(json!([
            r(1.0, "2025-03-01T00:00:00Z"),
            r(2.0, "2025-03-01T00:00:00Z")
        ]));
        assert_eq!(
            records_of(&tie, RecordKind::Rating)
                .get("p/de/self/")
                .unwrap()["value"]["score"],
            2.0
        );
        let newer_last = full(json!([
            r(1.0, "2025-03-01T00:00:00Z"),
            r(2.0, "2025-03-02T00:00:00Z")
        ]));
        assert_eq!(
            records_of(&newer_last, RecordKind::Rating)
                .get("p/de/self/")
                .unwrap()["value"]["score"],
            2.0
        );
    }

    #[test]
    fn numbers_compare_by_value_and_fractions_stay_fractions() {
        let v = |x: Value| json!({"value": {"score": x}, "person_id": "p", "dimension": "de", "role": "peer", "rater": "a"});
        assert!(same_record(
            RecordKind::Rating,
            Some(&v(json!(90))),
            Some(&v(json!(90.0)))
        ));
        assert!(!same_record(
            RecordKind::Rating,
            Some(&v(json!(90.5))),
            Some(&v(json!(90.4)))
        ));
        assert!(!same_record(
            RecordKind::Rating,
            Some(&v(json!(90.5))),
            Some(&v(json!(90)))
        ));
        let big = 1.0e16;
        assert!(!same_record(
            RecordKind::Rating,
            Some(&v(json!(big))),
            Some(&v(json!(big + 2.0)))
        ));
    }

    #[test]
    fn what_counts_as_empty() {
        let answer = |v: Value| comparable(RecordKind::Answer, Some(&v), false);
        assert_eq!(
            answer(json!({"flagged": false, "note": " ", "evidence": [{"what": ""}]})),
            None
        );
        assert!(answer(json!({"flagged": true})).is_some());
        assert!(answer(json!({"done": "2025-03-01"})).is_some());
        // 0 is empty only in the profile (year 0: not filled in).
        assert_eq!(
            comparable(RecordKind::Profile, Some(&json!(0)), false),
            None
        );
        assert!(comparable(RecordKind::Profile, Some(&json!(2025)), false).is_some());
        let zero = json!({"person_id": "p", "dimension": "de", "role": "peer", "rater": "a", "value": {"score": 0.0}});
        assert!(
            comparable(RecordKind::Rating, Some(&zero), false).is_some(),
            "a score of 0 is a score"
        );
        assert_eq!(comparable(RecordKind::Answer, None, false), None);
        // A record with nothing but its edit time is empty.
        assert_eq!(answer(json!({"updated_at": "2025-03-01T00:00:00Z"})), None);
    }

    #[test]
    fn changed_fields_skip_identity_and_blank_on_both_sides() {
        let a = json!({"note": "x", "owner": ""});
        let b = json!({"note": "x"});
        assert!(changed_fields(RecordKind::Answer, Some(&a), Some(&b)).is_empty());
        let peer = json!({"person_id": "p", "dimension": "de", "role": "peer", "rater": "王五", "value": {"score": 80}, "updated_at": "2025-03-01T00:00:00Z"});
        assert_eq!(
            changed_fields(RecordKind::Rating, None, Some(&peer)),
            ["rater", "value"]
        );
        let own = json!({"person_id": "p", "dimension": "de", "role": "self", "rater": "李四", "value": {"score": 80}});
        assert_eq!(
            changed_fields(RecordKind::Rating, None, Some(&own)),
            ["value"]
        );
        let entry = json!({"id": "e-1", "title": "会", "date": "2025-03-01"});
        assert_eq!(
            changed_fields(RecordKind::Entry, None, Some(&entry)),
            ["date", "title"]
        );
        assert_eq!(
            changed_fields(
                RecordKind::Person,
                None,
                Some(&json!({"id": "p", "name": "甲"}))
            ),
            ["name"]
        );
    }

    #[test]
    fn a_base_with_the_default_settings_keeps_the_default_empty() {
        let mut base = Records::default();
        base.push(String::new(), default_settings());
        assert!(default_is_empty(RecordKind::RatingSettings, Some(&base)));
        let mut written_as_floats = default_settings();
        written_as_floats["excellent_share_max"] = json!(15);
        let mut base = Records::default();
        base.push(String::new(), written_as_floats);
        assert!(
            default_is_empty(RecordKind::RatingSettings, Some(&base)),
            "15 = 15.0"
        );
        assert!(!default_is_empty(RecordKind::Profile, Some(&base)));
    }
}
