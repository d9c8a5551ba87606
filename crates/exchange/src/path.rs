//! Where something is in a file: field paths such as `content.answers["4.1.1"].due`, the item an error
//! belongs to, and the JSON-value walks (limits, differences, unknown fields) that report them.

use std::fmt;

use serde_json::Value;

use crate::shape::Typed;
use zrz_domain::record::{RaterRole, RatingKey, RecordKind};
use zrz_domain::Dimension;

/// The kind of record held under `key` in an assessment, when it is a collection (answers by item
/// id; people, ratings, ledger entries, tasks and findings in a list).
pub fn collection_of(key: &str) -> Option<RecordKind> {
    RecordKind::from_key(key).filter(|k| !k.is_single())
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// `content.answers["4.1.1"].evidence[0].what`: keys that are plain identifiers follow a dot, others
/// are quoted in brackets (item ids contain dots), indexes are in brackets.
pub fn path_string(segs: &[Seg]) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) if is_identifier(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Key(k) => {
                out.push('[');
                out.push_str(&serde_json::to_string(k).expect("a string serialises"));
                out.push(']');
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn is_identifier(k: &str) -> bool {
    let mut chars = k.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The record a path points into, if it points into a collection of an assessment: the segment after
/// `answers`/`people`/`ratings`/`ledger`/`tasks`/`findings` names it (a key) or indexes it (a list
/// whose element's identity is looked up in `root`).
pub fn item_of(segs: &[Seg], root: Option<&Value>) -> Option<ItemRef> {
    for (i, seg) in segs.iter().enumerate() {
        let Seg::Key(key) = seg else { continue };
        let Some(kind) = collection_of(key) else {
            continue;
        };
        match segs.get(i + 1) {
            Some(Seg::Key(id)) => {
                return Some(ItemRef {
                    kind,
                    id: id.clone(),
                })
            }
            Some(Seg::Index(index)) => {
                let element = root.and_then(|r| value_at(r, &segs[..i + 2]));
                let id = match element {
                    Some(e) => record_id(kind, e, *index),
                    None => format!("#{index}"),
                };
                return Some(ItemRef { kind, id });
            }
            None => {}
        }
    }
    None
}

/// The identity of the `index`-th record of a list, read from its JSON: a rating's is its
/// [`RatingKey::to_id`] (the domain's one rule: 自评 and 上级评价 whatever the rater is called);
/// everything else has an `id`. A record without either is `#index`.
pub fn record_id(kind: RecordKind, element: &Value, index: usize) -> String {
    record_id_in(kind, Typed::Value(element), index)
}

/// [`record_id`] of a typed element, a `Value` or a `Shape` (whose id members are kept exactly).
pub(crate) fn record_id_in(kind: RecordKind, element: Typed, index: usize) -> String {
    if kind == RecordKind::Rating {
        if let Some(key) = rating_key_in(element) {
            return key.to_id();
        }
    }
    if let Some(id) = element
        .get("id")
        .and_then(Typed::exact)
        .filter(|v| !v.is_null())
    {
        return id_string(id);
    }
    format!("#{index}")
}

/// A rating's key from its JSON, when its dimension and role are ones this version knows.
pub fn rating_key_of(element: &Value) -> Option<RatingKey> {
    rating_key_in(Typed::Value(element))
}

fn rating_key_in(element: Typed) -> Option<RatingKey> {
    let text = |k: &str| {
        element
            .get(k)
            .and_then(Typed::exact)
            .and_then(Value::as_str)
    };
    Some(RatingKey::new(
        text("person_id")?,
        Dimension::from_key(text("dimension")?)?,
        RaterRole::from_key(text("role")?)?,
        text("rater").unwrap_or_default(),
    ))
}

/// An `id` value as text: strings as they are, numbers written out.
pub fn id_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn value_at<'v>(root: &'v Value, segs: &[Seg]) -> Option<&'v Value> {
    segs.iter().try_fold(root, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(*i),
    })
}

/// A record named in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef {
    pub kind: RecordKind,
    pub id: String,
}

impl ItemRef {
    /// The record's key, which the app words ("检查项 4.1.1", "评分（人员 p-1，德，自评）").
    pub fn key(&self) -> zrz_domain::record::RecordKey {
        zrz_domain::record::RecordKey::new(self.kind, self.id.clone())
    }
}

/// The first thing found by a walk, with its path.
pub(crate) struct Found<T> {
    pub segs: Vec<Seg>,
    pub what: T,
}

/// Depth, string-length and count limits, checked in one walk, first offence wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Excess {
    Depth { limit: usize },
    String { chars: usize, limit: usize },
    Count { count: usize, limit: usize },
}

pub(crate) struct Limits {
    pub depth: usize,
    pub string_chars: usize,
    pub count: usize,
}

pub(crate) fn find_excess(value: &Value, limits: &Limits) -> Option<Found<Excess>> {
    let mut segs = Vec::new();
    walk_excess(value, limits, 1, &mut segs).map(|what| Found {
        segs: owned(&segs),
        what,
    })
}

/// A path step borrowed from the value being walked: walks push one per member, and only a walk
/// that finds something makes [`Seg`]s of them.
#[derive(Clone, Copy)]
enum SegRef<'v> {
    Key(&'v str),
    Index(usize),
}

fn owned(segs: &[SegRef]) -> Vec<Seg> {
    segs.iter()
        .map(|seg| match *seg {
            SegRef::Key(k) => Seg::Key(k.to_string()),
            SegRef::Index(i) => Seg::Index(i),
        })
        .collect()
}

/// More than `limit` characters; a text of at most `limit` bytes is not counted.
fn chars_over(s: &str, limit: usize) -> Option<usize> {
    if s.len() <= limit {
        return None;
    }
    let chars = s.chars().count();
    (chars > limit).then_some(chars)
}

fn walk_excess<'v>(
    value: &'v Value,
    limits: &Limits,
    depth: usize,
    segs: &mut Vec<SegRef<'v>>,
) -> Option<Excess> {
    if depth > limits.depth {
        return Some(Excess::Depth {
            limit: limits.depth,
        });
    }
    match value {
        Value::String(s) => chars_over(s, limits.string_chars).map(|chars| Excess::String {
            chars,
            limit: limits.string_chars,
        }),
        Value::Array(items) => {
            if items.len() > limits.count {
                return Some(Excess::Count {
                    count: items.len(),
                    limit: limits.count,
                });
            }
            for (i, item) in items.iter().enumerate() {
                segs.push(SegRef::Index(i));
                if let Some(e) = walk_excess(item, limits, depth + 1, segs) {
                    return Some(e);
                }
                segs.pop();
            }
            None
        }
        Value::Object(map) => {
            if map.len() > limits.count {
                return Some(Excess::Count {
                    count: map.len(),
                    limit: limits.count,
                });
            }
            for (key, item) in map {
                segs.push(SegRef::Key(key));
                if let Some(chars) = chars_over(key, limits.string_chars) {
                    return Some(Excess::String {
                        chars,
                        limit: limits.string_chars,
                    });
                }
                if let Some(e) = walk_excess(item, limits, depth + 1, segs) {
                    return Some(e);
                }
                segs.pop();
            }
            None
        }
        _ => None,
    }
}

/// A value that differs between what was written and what was read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// Where, e.g. `content.answers["4.1.1"].note`; empty for the file as a whole.
    pub path: String,
    /// What should be there (compact JSON, or a description).
    pub expected: String,
    /// What is there.
    pub found: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() {
            "(file)"
        } else {
            &self.path
        };
        write!(f, "{at}: expected {}, found {}", self.expected, self.found)
    }
}

/// Every difference between two values, up to `max`. Numbers compare by value (`2` equals `2.0`).
pub fn differences(expected: &Value, found: &Value, prefix: &[Seg], max: usize) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut segs = prefix.to_vec();
    walk_diff(expected, found, &mut segs, &mut out, max);
    out
}

fn show(v: Option<&Value>) -> String {
    match v {
        None => "(none)".into(),
        Some(v) => {
            let s = v.to_string();
            if s.chars().count() > 80 {
                format!("{}…", s.chars().take(80).collect::<String>())
            } else {
                s
            }
        }
    }
}

fn walk_diff(
    expected: &Value,
    found: &Value,
    segs: &mut Vec<Seg>,
    out: &mut Vec<Difference>,
    max: usize,
) {
    if out.len() >= max {
        return;
    }
    match (expected, found) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            zrz_domain::order::sort(&mut keys);
            keys.dedup();
            for key in keys {
                segs.push(Seg::Key(key.clone()));
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => walk_diff(x, y, segs, out, max),
                    (x, y) => {
                        if out.len() < max {
                            out.push(Difference {
                                path: path_string(segs),
                                expected: show(x),
                                found: show(y),
                            })
                        }
                    }
                }
                segs.pop();
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                segs.push(Seg::Index(i));
                walk_diff(x, y, segs, out, max);
                segs.pop();
            }
        }
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => {}
        (x, y) if x == y => {}
        (x, y) => out.push(Difference {
            path: path_string(segs),
            expected: show(Some(x)),
            found: show(Some(y)),
        }),
    }
}

/// Paths of fields present (and not `null`) in `input` but absent from `typed`, the same data after a
/// trip through today's Rust types: the fields this version does not know.
pub fn unknown_fields(input: &Value, typed: &Value, prefix: &[Seg]) -> Vec<String> {
    unknown_fields_in(input, Typed::Value(typed), prefix)
}

/// [`unknown_fields`] against a typed `Value` or `Shape`.
pub(crate) fn unknown_fields_in(input: &Value, typed: Typed, prefix: &[Seg]) -> Vec<String> {
    let mut out = Vec::new();
    walk_unknown(input, typed, prefix, &mut Vec::new(), &mut out);
    out
}

fn walk_unknown<'v>(
    input: &'v Value,
    typed: Typed,
    prefix: &[Seg],
    segs: &mut Vec<SegRef<'v>>,
    out: &mut Vec<String>,
) {
    match input {
        Value::Object(a) if typed.is_object() => {
            let mut members = typed.members();
            for (key, x) in a {
                match members.get(key) {
                    Some(y) => {
                        segs.push(SegRef::Key(key));
                        walk_unknown(x, y, prefix, segs, out);
                        segs.pop();
                    }
                    None if x.is_null() => {}
                    None => {
                        let mut path = prefix.to_vec();
                        path.extend(owned(segs));
                        path.push(Seg::Key(key.clone()));
                        out.push(path_string(&path));
                    }
                }
            }
        }
        Value::Array(a) => {
            if let Some(b) = typed.items() {
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    segs.push(SegRef::Index(i));
                    walk_unknown(x, y, prefix, segs, out);
                    segs.pop();
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(k: &str) -> Seg {
        Seg::Key(k.into())
    }

    #[test]
    fn paths_quote_keys_that_are_not_identifiers() {
        assert_eq!(path_string(&[]), "");
        assert_eq!(
            path_string(&[key("content"), key("answers"), key("4.1.1"), key("due")]),
            "content.answers[\"4.1.1\"].due"
        );
        assert_eq!(
            path_string(&[key("content"), key("people"), Seg::Index(2), key("name")]),
            "content.people[2].name"
        );
    }

    #[test]
    fn items_are_found_by_key_or_by_the_id_of_an_array_element() {
        let root = json!({"content": {"people": [{"id": "p1"}, {"id": 7}]}});
        let by_key = item_of(
            &[key("content"), key("answers"), key("4.1.1"), key("due")],
            None,
        )
        .unwrap();
        assert_eq!(
            by_key,
            ItemRef {
                kind: RecordKind::Answer,
                id: "4.1.1".into()
            }
        );
        let by_index = item_of(
            &[key("content"), key("people"), Seg::Index(1), key("name")],
            Some(&root),
        )
        .unwrap();
        assert_eq!(
            by_index,
            ItemRef {
                kind: RecordKind::Person,
                id: "7".into()
            }
        );
        assert_eq!(
            item_of(&[key("content"), key("profile"), key("year")], Some(&root)),
            None
        );
        let rating =
            json!({"person_id": "p1", "dimension": "de", "role": "peer", "rater": "王五 "});
        let id = record_id(RecordKind::Rating, &rating, 3);
        assert_eq!(id, "p1/de/peer/王五");
        let own = json!({"person_id": "p1", "dimension": "de", "role": "self", "rater": "李四"});
        let id = record_id(RecordKind::Rating, &own, 0);
        assert_eq!(id, "p1/de/self/", "one 自评 per person and dimension");
        assert_eq!(
            record_id(RecordKind::Person, &json!({"name": "x"}), 3),
            "#3"
        );
        let entry = item_of(
            &[key("content"), key("ledger"), Seg::Index(0), key("date")],
            Some(&json!({"content": {"ledger": [{"id": "e-1"}]}})),
        )
        .unwrap();
        assert_eq!(
            entry.key(),
            zrz_domain::record::RecordKey::new(RecordKind::Entry, "e-1")
        );
    }

    #[test]
    fn limits_report_the_first_offence_with_its_path() {
        let limits = Limits {
            depth: 3,
            string_chars: 5,
            count: 2,
        };
        let found = find_excess(&json!({"a": {"b": "123456"}}), &limits).unwrap();
        assert_eq!(
            (path_string(&found.segs), found.what),
            ("a.b".into(), Excess::String { chars: 6, limit: 5 })
        );
        let found = find_excess(&json!({"a": [1, 2, 3]}), &limits).unwrap();
        assert_eq!(
            (path_string(&found.segs), found.what),
            ("a".into(), Excess::Count { count: 3, limit: 2 })
        );
        let found = find_excess(&json!({"a": {"b": {"c": 1}}}), &limits).unwrap();
        assert_eq!(path_string(&found.segs), "a.b.c");
        assert!(find_excess(&json!({"a": {"b": "ok"}}), &limits).is_none());
    }

    #[test]
    fn limits_are_reached_not_passed_at_their_value() {
        let limits = Limits {
            depth: 3,
            string_chars: 5,
            count: 2,
        };
        // Five characters of three bytes each: 15 bytes, within the limit; six are not.
        assert!(find_excess(&json!({"a": ["长长长长长"]}), &limits).is_none());
        let found = find_excess(&json!({"a": ["长长长长长长"]}), &limits).unwrap();
        assert_eq!(found.what, Excess::String { chars: 6, limit: 5 });
        assert_eq!(path_string(&found.segs), "a[0]");
        assert!(find_excess(&json!({"长长长长长": 1}), &limits).is_none());
        let found = find_excess(&json!({"长长长长长长": 1}), &limits).unwrap();
        assert_eq!(found.what, Excess::String { chars: 6, limit: 5 });
        assert!(find_excess(&json!({"a": [1, 2], "b": {"c": 1, "d": 2}}), &limits).is_none());
        assert!(
            find_excess(&json!({"a": {"b": 1}}), &limits).is_none(),
            "depth 3"
        );
        let found = find_excess(&json!([[[1]]]), &limits).unwrap();
        assert_eq!(found.what, Excess::Depth { limit: 3 });
        assert_eq!(path_string(&found.segs), "[0][0][0]");
        assert_eq!(chars_over("长长", 2), None);
        assert_eq!(chars_over("长长长", 2), Some(3));
        assert_eq!(chars_over("ab", 2), None);
    }

    #[test]
    fn differences_and_unknown_fields() {
        let a = json!({"x": 2, "y": [1, {"z": "a"}], "gone": true});
        let b = json!({"x": 2.0, "y": [1, {"z": "b"}], "new": null});
        let d = differences(&a, &b, &[], 10);
        let paths: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["gone", "new", "y[1].z"]);
        assert_eq!(
            unknown_fields(
                &json!({"a": 1, "b": {"c": 1, "d": null}}),
                &json!({"b": {}}),
                &[key("content")]
            ),
            ["content.a", "content.b.c"]
        );
    }
}
