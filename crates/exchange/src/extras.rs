//! Fields this version of the app does not know, kept so that they are written back.
//!
//! A file exported by a newer app may carry fields this version cannot read into its types. Like
//! Excalidraw's `restore`, which keeps unknown properties, the importer keeps them beside the typed
//! record, per record ([`Extras::extract`]), the merge carries a taken record's unknown parts with
//! it, and the exporter puts them back ([`Extras::apply`]): a file passed through an older app comes
//! out with those fields intact, byte for byte in their canonical form.
//!
//! What is kept, and where:
//! - [`Extras::envelope`]: unknown members of the file's envelope (beside `format`, `kind` …);
//! - [`Extras::root`]: unknown top-level members of the assessment;
//! - [`Extras::records`]: per record ([`RecordKey`], as [`record_path`] writes it), an [`Unknown`]:
//!   the record's unknown members, and inside its known objects and lists the unknown parts there.
//!   Records of a list are matched by their identity (`id`; a rating's `RatingKey`), elements of a
//!   list inside a record (an answer's evidence rows) by their index.
//!
//! A record deleted locally takes its unknown parts with it; everything else is written back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zrz_domain::record::{Assessment, RecordKey, RecordKind};

use super::path::{record_id, record_id_in};
use super::shape::Typed;

/// The unknown parts of one JSON object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Unknown {
    /// Members the typed record does not have, verbatim.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub fields: Map<String, Value>,
    /// Known members that are objects with unknown parts inside, by member name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub objects: BTreeMap<String, Unknown>,
    /// Known members that are lists whose elements have unknown parts: by member name, then by the
    /// element's index.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub lists: BTreeMap<String, BTreeMap<usize, Unknown>>,
}

impl Unknown {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.objects.is_empty() && self.lists.is_empty()
    }

    /// What `raw` (an object as read from a file) has that `typed` (the same object after a trip
    /// through today's types) does not.
    pub fn between(raw: &Value, typed: &Value) -> Unknown {
        Unknown::between_in(raw, Typed::Value(typed))
    }

    /// [`Unknown::between`] against a typed `Value` or `Shape`.
    pub(crate) fn between_in(raw: &Value, typed: Typed) -> Unknown {
        let mut out = Unknown::default();
        let Value::Object(raw) = raw else {
            return out;
        };
        if !typed.is_object() {
            return out;
        }
        let mut members = typed.members();
        for (key, r) in raw {
            let Some(t) = members.get(key) else {
                out.fields.insert(key.clone(), r.clone());
                continue;
            };
            match r {
                Value::Object(_) if t.is_object() => {
                    let inner = Unknown::between_in(r, t);
                    if !inner.is_empty() {
                        out.objects.insert(key.clone(), inner);
                    }
                }
                Value::Array(rs) => {
                    let Some(ts) = t.items() else { continue };
                    let inner: BTreeMap<usize, Unknown> = zrz_domain::order::into_map(
                        rs.iter()
                            .zip(ts)
                            .enumerate()
                            .map(|(i, (r, t))| (i, Unknown::between_in(r, t)))
                            .filter(|(_, u)| !u.is_empty()),
                    );
                    if !inner.is_empty() {
                        out.lists.insert(key.clone(), inner);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// Puts the unknown parts back into `out` (the same object as written by today's types). A
    /// member `out` already has is never overwritten: what the app knows wins.
    pub fn apply(&self, out: &mut Value) {
        let Value::Object(map) = out else { return };
        for (key, v) in &self.fields {
            map.entry(key.clone()).or_insert_with(|| v.clone());
        }
        for (key, inner) in &self.objects {
            if let Some(v) = map.get_mut(key) {
                inner.apply(v);
            }
        }
        for (key, elements) in &self.lists {
            if let Some(Value::Array(items)) = map.get_mut(key) {
                for (i, inner) in elements {
                    if let Some(item) = items.get_mut(*i) {
                        inner.apply(item);
                    }
                }
            }
        }
    }
}

/// Unknown fields of a department's record, per record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Extras {
    /// Unknown members of the envelope of the file the record came in.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub envelope: Map<String, Value>,
    /// Unknown top-level members of the assessment.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub root: Map<String, Value>,
    /// Unknown parts of each record, by `kind/id` (see [`record_path`]).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub records: BTreeMap<String, Unknown>,
}

/// `answers/4.1.1`, `people/p-…`, `ratings/p-…/de/self/`, `profile/`: a record's place in
/// [`Extras::records`].
pub fn record_path(key: &RecordKey) -> String {
    format!("{}/{}", key.kind.key(), key.id)
}

/// The kinds of record that are one object.
pub(crate) const SINGLES: [RecordKind; 3] = [
    RecordKind::Profile,
    RecordKind::RatingSettings,
    RecordKind::OfficeReview,
];

/// The kinds of record held in lists, matched by identity.
pub(crate) const LISTS: [RecordKind; 5] = [
    RecordKind::Person,
    RecordKind::Rating,
    RecordKind::Entry,
    RecordKind::Task,
    RecordKind::Finding,
];

impl Extras {
    pub fn is_empty(&self) -> bool {
        self.envelope.is_empty() && self.root.is_empty() && self.records.is_empty()
    }

    /// The unknown parts of one record, if it has any.
    pub fn of_record(&self, key: &RecordKey) -> Option<&Unknown> {
        self.records.get(&record_path(key))
    }

    /// Sets (or with `None` or an empty value forgets) the unknown parts of one record.
    pub fn set_record(&mut self, key: &RecordKey, extras: Option<Unknown>) {
        match extras {
            Some(u) if !u.is_empty() => {
                self.records.insert(record_path(key), u);
            }
            _ => {
                self.records.remove(&record_path(key));
            }
        }
    }

    /// The records that have unknown parts.
    pub fn keys(&self) -> impl Iterator<Item = RecordKey> + '_ {
        self.records.keys().filter_map(|path| {
            let (kind, id) = path.split_once('/')?;
            Some(RecordKey::new(RecordKind::from_key(kind)?, id))
        })
    }

    /// What `raw` (an assessment's JSON as read from a file) has that `typed` (the same read into
    /// today's types) does not, record by record.
    pub fn extract(raw: &Value, typed: &Assessment) -> Extras {
        let typed = serde_json::to_value(typed).expect("an assessment serialises");
        Extras::extract_from(raw, &typed)
    }

    /// [`Extras::extract`] with the typed assessment already serialised (`typed` is
    /// `serde_json::to_value` of it), for a caller that needs that value for something else too.
    pub fn extract_from(raw: &Value, typed: &Value) -> Extras {
        Extras::extract_in(raw, Typed::Value(typed))
    }

    /// [`Extras::extract`] against the typed assessment as a `Value` or a `Shape`.
    pub(crate) fn extract_in(raw: &Value, typed: Typed) -> Extras {
        let mut out = Extras::default();
        let Value::Object(r) = raw else {
            return out;
        };
        if !typed.is_object() {
            return out;
        }
        for (key, v) in r {
            if typed.get(key).is_none() {
                out.root.insert(key.clone(), v.clone());
            }
        }
        // A record's place is worked out only when it has unknown parts; an empty part is never
        // stored (and each place below is visited once, so there is nothing stored to forget).
        let mut keep = |key: &dyn Fn() -> RecordKey, found: Unknown| {
            if !found.is_empty() {
                out.records.insert(record_path(&key()), found);
            }
        };
        for kind in SINGLES {
            if let (Some(r), Some(t)) = (r.get(kind.key()), typed.get(kind.key())) {
                keep(&|| RecordKey::single(kind), Unknown::between_in(r, t));
            }
        }
        if let (Some(Value::Object(ra)), Some(ta)) = (r.get("answers"), typed.get("answers")) {
            if ta.is_object() {
                let mut members = ta.members();
                for (id, answer) in ra {
                    if let Some(typed) = members.get(id) {
                        let found = Unknown::between_in(answer, typed);
                        keep(&|| RecordKey::new(RecordKind::Answer, id.clone()), found);
                    }
                }
            }
        }
        for kind in LISTS {
            let (Some(Value::Array(rs)), Some(ts)) = (r.get(kind.key()), typed.get(kind.key()))
            else {
                continue;
            };
            let Some(ts) = ts.items() else { continue };
            for (i, (raw, typed)) in rs.iter().zip(ts).enumerate() {
                let found = Unknown::between_in(raw, typed);
                keep(
                    &|| RecordKey::new(kind, record_id_in(kind, typed, i)),
                    found,
                );
            }
        }
        out
    }

    /// Puts every unknown part back into `out`, an assessment as today's types write it. Members
    /// `out` already has are never overwritten; a record `out` no longer has takes its unknown parts
    /// with it.
    pub fn apply(&self, out: &mut Value) {
        let Value::Object(map) = out else { return };
        for (key, v) in &self.root {
            map.entry(key.clone()).or_insert_with(|| v.clone());
        }
        for kind in SINGLES {
            if let (Some(u), Some(v)) = (
                self.of_record(&RecordKey::single(kind)),
                map.get_mut(kind.key()),
            ) {
                u.apply(v);
            }
        }
        if let Some(Value::Object(answers)) = map.get_mut("answers") {
            for (id, answer) in answers.iter_mut() {
                if let Some(u) = self.of_record(&RecordKey::new(RecordKind::Answer, id.clone())) {
                    u.apply(answer);
                }
            }
        }
        for kind in LISTS {
            let Some(Value::Array(items)) = map.get_mut(kind.key()) else {
                continue;
            };
            for (i, item) in items.iter_mut().enumerate() {
                let key = RecordKey::new(kind, record_id(kind, item, i));
                if let Some(u) = self.of_record(&key) {
                    u.apply(item);
                }
            }
        }
    }

    /// Puts the envelope's unknown members back into `envelope` (a file's top-level object), never
    /// over a member it has.
    pub fn apply_envelope(&self, envelope: &mut Value) {
        if let Value::Object(map) = envelope {
            for (key, v) in &self.envelope {
                map.entry(key.clone()).or_insert_with(|| v.clone());
            }
        }
    }

    /// These extras with `other`'s added where these have none for the same place.
    pub fn union(mut self, other: &Extras) -> Extras {
        for (k, v) in &other.envelope {
            self.envelope.entry(k.clone()).or_insert_with(|| v.clone());
        }
        for (k, v) in &other.root {
            self.root.entry(k.clone()).or_insert_with(|| v.clone());
        }
        for (k, v) in &other.records {
            self.records.entry(k.clone()).or_insert_with(|| v.clone());
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_parts_are_found_inside_known_objects_and_lists_and_put_back() {
        let raw = json!({"a": 1, "x": {"deep": [1]}, "o": {"k": 1, "y": null},
                         "l": [{"k": 1}, {"k": 2, "z": "future"}]});
        let typed = json!({"a": 1, "o": {"k": 1}, "l": [{"k": 1}, {"k": 2}]});
        let u = Unknown::between(&raw, &typed);
        assert_eq!(
            u.fields,
            json!({"x": {"deep": [1]}}).as_object().unwrap().clone()
        );
        assert_eq!(
            u.objects["o"].fields["y"],
            Value::Null,
            "an unknown null is kept too"
        );
        assert_eq!(u.lists["l"].keys().collect::<Vec<_>>(), [&1]);
        let mut back = typed.clone();
        u.apply(&mut back);
        assert_eq!(back, raw);
        // Known members win over unknown parts of the same name.
        let mut known = json!({"a": 1, "x": "known now", "o": {"k": 1}, "l": []});
        u.apply(&mut known);
        assert_eq!(known["x"], "known now");
        assert_eq!(known["o"]["y"], Value::Null);
        assert_eq!(
            known["l"],
            json!([]),
            "an element gone takes its unknown parts"
        );
    }

    #[test]
    fn record_paths_round_trip_through_keys() {
        let mut e = Extras::default();
        let key = RecordKey::new(RecordKind::Rating, "p-1/de/self/");
        let mut u = Unknown::default();
        u.fields.insert("x".into(), json!(1));
        e.set_record(&key, Some(u.clone()));
        assert_eq!(e.keys().collect::<Vec<_>>(), std::slice::from_ref(&key));
        assert_eq!(e.of_record(&key), Some(&u));
        e.set_record(&key, Some(Unknown::default()));
        assert!(e.is_empty(), "an empty unknown part is forgotten");
    }
}
