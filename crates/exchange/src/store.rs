//! The department's record as the browser keeps it: one localStorage key per record.
//!
//! A click or a keystroke changes one record (an answer, a rating, a ledger entry), so it writes and
//! reads back one small value, whatever the size of the rest: edits take the same time with a full
//! year's data as with none. Two tabs editing different records never touch the same key. The record
//! as a whole ([`StoredState`]) is assembled only to export it.
//!
//! Keys (all under [`PREFIX`]):
//! - `zrz3.meta`: [`Meta`] — the layout version, the 年度方案 template as received, the last export;
//! - `zrz3.r.<kind>/<id>`: one record, e.g. `zrz3.r.answers/4.1.1`, `zrz3.r.profile/` (see
//!   [`storage_key`]), its value a [`Stored`]: the record's JSON (unknown fields included) with its
//!   revision.
//!
//! A revision ([`Rev`]) names who wrote a version (`by`, the tab) and when (`at`), and which version it
//! replaced (`base`). That is what [`crate::sync`] needs to tell a successor from a concurrent edit.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zrz_domain::record::{Assessment, OfficeReview, RecordKey, RecordKind};

use super::extras::{Extras, Unknown};
use super::state::StoredState;

/// Every key of the layout starts with this.
pub const PREFIX: &str = "zrz3.";
/// The key of [`Meta`].
pub const META_KEY: &str = "zrz3.meta";
/// Records are `zrz3.r.<kind>/<id>`.
const RECORD_PREFIX: &str = "zrz3.r.";
/// The single-key record of versions before this layout (`zrz-state` version 1).
pub const LEGACY_KEY: &str = "zrz.state";

pub const STORE_FORMAT: &str = "zrz-store";
/// The layout version. Bump it with a step in the app's loader for any change an older app would
/// misread; a record's fields follow the exchange format's own rules (new fields with defaults).
pub const STORE_VERSION: u32 = 1;

/// The localStorage key of a record.
pub fn storage_key(key: &RecordKey) -> String {
    format!("{RECORD_PREFIX}{}/{}", key.kind.key(), key.id)
}

/// The record a localStorage key holds, if it is one of ours.
pub fn parse_storage_key(storage_key: &str) -> Option<RecordKey> {
    let rest = storage_key.strip_prefix(RECORD_PREFIX)?;
    let (kind, id) = rest.split_once('/')?;
    let kind = RecordKind::from_key(kind)?;
    (kind.is_single() == id.is_empty()).then(|| RecordKey::new(kind, id))
}

/// Who wrote a version and when. Two revisions are the same version exactly when both parts agree,
/// so a tab stamps its successive versions with strictly later times (a millisecond apart at least).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RevId {
    #[serde(with = "zrz_domain::iso::time")]
    pub at: DateTime<Utc>,
    /// The writing tab's id (random per page load).
    pub by: String,
}

/// A version's revision: its own id and the id of the version it replaced, as its writer saw it
/// (`None` for a record's first version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rev {
    #[serde(with = "zrz_domain::iso::time")]
    pub at: DateTime<Utc>,
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<RevId>,
}

impl Rev {
    pub fn id(&self) -> RevId {
        RevId {
            at: self.at,
            by: self.by.clone(),
        }
    }
}

/// One stored version of a record: its JSON, or the fact that it was deleted (kept as a tombstone
/// so that a tab which still holds the record learns of the deletion, and so that a deletion only
/// deletes the version it saw: see `sync`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    pub rev: Rev,
    /// The record's JSON, unknown fields included; `None` for a deletion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

impl Stored {
    pub fn is_deleted(&self) -> bool {
        self.data.is_none()
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("a stored record serialises")
    }

    pub fn decode(text: &str) -> Result<Stored, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// `zrz3.meta`: what belongs to the whole record rather than to one of its records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub format: String,
    pub version: u32,
    /// The 年度方案 template as received; `None` for the shipped one.
    #[serde(default)]
    pub template: Option<Value>,
    #[serde(default)]
    #[serde(with = "zrz_domain::iso::opt_time")]
    pub last_export_at: Option<DateTime<Utc>>,
}

impl Default for Meta {
    fn default() -> Meta {
        Meta {
            format: STORE_FORMAT.into(),
            version: STORE_VERSION,
            template: None,
            last_export_at: None,
        }
    }
}

/// Why `zrz3.meta` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetaError {
    /// Written by a newer app: read only, touch nothing.
    TooNew {
        found: u32,
        supported: u32,
    },
    Unreadable(String),
}

impl Meta {
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("meta serialises")
    }

    pub fn decode(text: &str) -> Result<Meta, MetaError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| MetaError::Unreadable(e.to_string()))?;
        if value.get("format").and_then(Value::as_str) != Some(STORE_FORMAT) {
            return Err(MetaError::Unreadable("not a zrz-store meta record".into()));
        }
        let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
        if version > u64::from(STORE_VERSION) {
            return Err(MetaError::TooNew {
                found: u32::try_from(version).unwrap_or(u32::MAX),
                supported: STORE_VERSION,
            });
        }
        Meta::deserialize(&value).map_err(|e| MetaError::Unreadable(e.to_string()))
    }
}

/// The records of an assessment as `(key, JSON)`, each JSON with its unknown fields put back from
/// `extras`: what the store writes, one key each.
pub fn split(assessment: &Assessment, extras: &Extras) -> Vec<(RecordKey, Value)> {
    let mut out = Vec::new();
    let mut push = |key: RecordKey, mut value: Value| {
        if let Some(unknown) = extras.of_record(&key) {
            unknown.apply(&mut value);
        }
        out.push((key, value));
    };
    push(
        RecordKey::single(RecordKind::Profile),
        json(&assessment.profile),
    );
    push(
        RecordKey::single(RecordKind::RatingSettings),
        json(&assessment.rating_settings),
    );
    for (id, answer) in &assessment.answers {
        push(
            RecordKey::new(RecordKind::Answer, id.as_str()),
            json(answer),
        );
    }
    for person in &assessment.people {
        push(
            RecordKey::new(RecordKind::Person, person.id.as_str()),
            json(person),
        );
    }
    for rating in &assessment.ratings {
        push(
            RecordKey::new(RecordKind::Rating, rating.key().to_id()),
            json(rating),
        );
    }
    for entry in &assessment.ledger {
        push(
            RecordKey::new(RecordKind::Entry, entry.id.as_str()),
            json(entry),
        );
    }
    for task in &assessment.tasks {
        push(
            RecordKey::new(RecordKind::Task, task.id.as_str()),
            json(task),
        );
    }
    for finding in &assessment.findings {
        push(
            RecordKey::new(RecordKind::Finding, finding.id.as_str()),
            json(finding),
        );
    }
    if !assessment.office_review.is_empty() {
        push(
            RecordKey::single(RecordKind::OfficeReview),
            json(&assessment.office_review),
        );
    }
    out
}

/// Where versions before the `office_review` record kept the office's accountability decisions and
/// scores: one localStorage key beside the record, `{"accountability": […], "scores": {…}}`.
pub const OLD_OFFICE_REVIEW_KEY: &str = "zrz.findings-received";

/// What to do with the text found under [`OLD_OFFICE_REVIEW_KEY`] at start-up, given the record's
/// `office_review` as loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum OldOfficeReview {
    /// The record has none: write this into it, and remove the old key once the write is read back.
    Adopt(OfficeReview),
    /// The record already holds the same (another tab migrated it): remove the old key.
    AlreadyHeld,
    /// Nothing in it: remove the old key.
    Empty,
    /// The record holds another one, from a findings file imported since (the later word), or the
    /// text cannot be read: keep the text aside (never deleted), then remove the old key.
    KeepAside(String),
}

/// The rule of [`OldOfficeReview`].
pub fn old_office_review(text: &str, held: &OfficeReview) -> OldOfficeReview {
    let old: OfficeReview = match serde_json::from_str(text) {
        Ok(old) => old,
        Err(e) => return OldOfficeReview::KeepAside(e.to_string()),
    };
    let undated = |r: &OfficeReview| OfficeReview {
        issued_at: None,
        ..r.clone()
    };
    if old.is_empty() {
        OldOfficeReview::Empty
    } else if held.is_empty() {
        OldOfficeReview::Adopt(old)
    } else if undated(held) == old {
        OldOfficeReview::AlreadyHeld
    } else {
        OldOfficeReview::KeepAside("superseded by a later findings file".into())
    }
}

/// A record that could not be read, for the user to be told and the text kept aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub key: RecordKey,
    pub reason: String,
}

/// Builds the assessment back from its records (the inverse of [`split`]): each record read into its
/// type, its unknown fields into the returned [`Extras`]. A record that cannot be read is left out
/// and listed, never fatal: one damaged key must not hide the rest of the department's work.
pub fn assemble(records: &BTreeMap<RecordKey, Value>) -> (Assessment, Extras, Vec<Unreadable>) {
    let mut a = Assessment::default();
    let mut extras = Extras::default();
    let mut unreadable = Vec::new();
    for (key, value) in records {
        let read = read_into(&mut a, key, value);
        match read {
            Ok(known) => {
                extras.set_record(key, Some(Unknown::between(value, &known)));
            }
            Err(reason) => unreadable.push(Unreadable {
                key: key.clone(),
                reason,
            }),
        }
    }
    (a, extras, unreadable)
}

/// Reads a record of type `T` from its stored JSON. By reference, never from an owned `Value`: the
/// first page then compiles one `Value` reader per record type, not two (about 4 KB of its
/// download), and nothing is copied.
pub fn read_record<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    T::deserialize(value).map_err(|e| e.to_string())
}

/// [`read_record`], and the record as its type writes it back: what [`crate::extras`] compares
/// with the stored JSON to find the members this version does not know.
pub fn read_with_echo<T: serde::de::DeserializeOwned + Serialize>(
    value: &Value,
) -> Result<(T, Value), String> {
    let record: T = read_record(value)?;
    let echo = serde_json::to_value(&record).map_err(|e| e.to_string())?;
    Ok((record, echo))
}

/// Reads one record into `a`; returns the record as the typed value writes it, for finding the
/// members the type does not know.
fn read_into(a: &mut Assessment, key: &RecordKey, value: &Value) -> Result<Value, String> {
    let back = match key.kind {
        RecordKind::Profile => {
            let (t, back) = read_with_echo(value)?;
            a.profile = t;
            back
        }
        RecordKind::RatingSettings => {
            let (t, back) = read_with_echo(value)?;
            a.rating_settings = t;
            back
        }
        RecordKind::Answer => {
            let (t, back) = read_with_echo(value)?;
            a.answers.insert(key.id.clone(), t);
            back
        }
        RecordKind::Person => {
            let (t, back): (zrz_domain::record::Person, Value) = read_with_echo(value)?;
            if t.id != key.id {
                return Err(format!("stored under {} but its id is {}", key.id, t.id));
            }
            a.people.push(t);
            back
        }
        RecordKind::Rating => {
            let (t, back): (zrz_domain::record::Rating, Value) = read_with_echo(value)?;
            if t.key().to_id() != key.id {
                return Err(format!(
                    "stored under {} but its key is {}",
                    key.id,
                    t.key()
                ));
            }
            a.ratings.push(t);
            back
        }
        RecordKind::Entry => {
            let (t, back): (zrz_domain::record::LedgerEntry, Value) = read_with_echo(value)?;
            a.ledger.push(t);
            back
        }
        RecordKind::Task => {
            let (t, back): (zrz_domain::record::Task, Value) = read_with_echo(value)?;
            a.tasks.push(t);
            back
        }
        RecordKind::Finding => {
            let (t, back): (zrz_domain::record::Finding, Value) = read_with_echo(value)?;
            a.findings.push(t);
            back
        }
        RecordKind::OfficeReview => {
            let (t, back) = read_with_echo(value)?;
            a.office_review = t;
            back
        }
    };
    Ok(back)
}

/// Turns a [`StoredState`] (a restored backup, or the legacy single-key record) into what the store
/// keeps: its meta and its records.
pub fn from_state(state: &StoredState) -> (Meta, Vec<(RecordKey, Value)>) {
    let meta = Meta {
        template: state.template.clone(),
        last_export_at: state.last_export_at,
        ..Meta::default()
    };
    (meta, split(&state.assessment, &state.extras))
}

/// The whole record, for an export or a backup.
pub fn to_state(meta: &Meta, assessment: Assessment, extras: Extras) -> StoredState {
    StoredState {
        assessment,
        template: meta.template.clone(),
        last_export_at: meta.last_export_at,
        saved_at: None,
        extras,
    }
}

fn json<T: Serialize>(record: &T) -> Value {
    serde_json::to_value(record).expect("a record serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use zrz_domain::record::{Answer, Person, RaterRole, Rating, RatingValue, Response};
    use zrz_domain::Dimension;

    fn sample() -> Assessment {
        let mut a = Assessment::default();
        a.profile.unit = "县文化广播影视局".into();
        a.profile.department = "办公室".into();
        a.answers.insert(
            "3.1".into(),
            Answer {
                response: Some(Response::Implemented),
                note: "已落实".into(),
                ..Answer::default()
            },
        );
        a.people.push(Person {
            id: "p-1".into(),
            name: "李四".into(),
            ..Person::default()
        });
        a.ratings.push(Rating {
            person_id: "p-1".into(),
            dimension: Dimension::De,
            role: RaterRole::Peer,
            rater: "王五".into(),
            value: RatingValue::Score(88.0),
            updated_at: None,
        });
        a
    }

    #[test]
    fn keys_round_trip_and_foreign_keys_are_not_ours() {
        for key in [
            RecordKey::single(RecordKind::Profile),
            RecordKey::new(RecordKind::Answer, "4.1.1"),
            RecordKey::new(RecordKind::Rating, "p-1/de/peer/王五"),
        ] {
            assert_eq!(parse_storage_key(&storage_key(&key)), Some(key));
        }
        assert_eq!(
            storage_key(&RecordKey::new(RecordKind::Answer, "4.1.1")),
            "zrz3.r.answers/4.1.1"
        );
        for foreign in [
            "zrz.state",
            "zrz3.meta",
            "zrz3.r.nope/x",
            "zrz3.r.answers/",
            "zrz3.r.profile/x",
        ] {
            assert_eq!(parse_storage_key(foreign), None, "{foreign}");
        }
    }

    #[test]
    fn split_and_assemble_are_inverse_and_keep_unknown_members() {
        let a = sample();
        let mut extras = Extras::default();
        let mut unknown = Unknown::default();
        unknown
            .fields
            .insert("from_the_future".into(), serde_json::json!([1, 2]));
        extras.set_record(&RecordKey::new(RecordKind::Answer, "3.1"), Some(unknown));
        let records: BTreeMap<RecordKey, Value> = split(&a, &extras).into_iter().collect();
        assert_eq!(
            records[&RecordKey::new(RecordKind::Answer, "3.1")]["from_the_future"],
            serde_json::json!([1, 2])
        );
        let (back, back_extras, unreadable) = assemble(&records);
        assert_eq!(back, a);
        assert_eq!(back_extras, extras);
        assert!(unreadable.is_empty());
    }

    #[test]
    fn a_damaged_record_is_left_out_and_listed_and_the_rest_loads() {
        let mut records: BTreeMap<RecordKey, Value> =
            split(&sample(), &Extras::default()).into_iter().collect();
        let bad = RecordKey::new(RecordKind::Answer, "3.1");
        records.insert(bad.clone(), serde_json::json!({"response": "maybe"}));
        let moved = RecordKey::new(RecordKind::Person, "p-2");
        records.insert(moved.clone(), serde_json::json!({"id": "p-9", "name": "x"}));
        let (a, _, unreadable) = assemble(&records);
        assert!(a.answers.is_empty());
        assert_eq!(a.people.len(), 1);
        let keys: Vec<&RecordKey> = unreadable.iter().map(|u| &u.key).collect();
        assert_eq!(keys, [&bad, &moved]);
    }

    #[test]
    fn a_backup_restored_keeps_its_annual_plan_and_last_export_and_gives_them_back() {
        let state = StoredState {
            assessment: sample(),
            template: Some(serde_json::json!({"id": "annual-2026", "chapters": []})),
            last_export_at: Some("2026-11-30T08:00:00Z".parse().unwrap()),
            saved_at: None,
            extras: Extras::default(),
        };
        let (meta, records) = from_state(&state);
        assert_eq!(meta.template, state.template);
        assert_eq!(meta.last_export_at, state.last_export_at);
        assert_eq!(
            (meta.format.as_str(), meta.version),
            (STORE_FORMAT, STORE_VERSION)
        );
        let records: BTreeMap<RecordKey, Value> = records.into_iter().collect();
        let (assessment, extras, _) = assemble(&records);
        assert_eq!(to_state(&meta, assessment, extras), state);
    }

    #[test]
    fn a_record_is_read_from_its_json_and_echoed_as_its_type_writes_it() {
        let json = serde_json::json!({"response": "implemented", "note": "已落实", "later": 1});
        let (answer, echo): (Answer, Value) = read_with_echo(&json).unwrap();
        assert_eq!(answer.response, Some(Response::Implemented));
        assert_eq!(echo, serde_json::to_value(&answer).unwrap());
        assert!(
            echo.get("later").is_none(),
            "the echo has only the members the type knows"
        );
        let refused = read_record::<Answer>(&serde_json::json!({"response": "maybe"})).unwrap_err();
        assert!(refused.contains("maybe"), "{refused}");
    }

    #[test]
    fn meta_refuses_a_newer_layout() {
        let newer = Meta {
            version: STORE_VERSION + 1,
            ..Meta::default()
        };
        assert_eq!(
            Meta::decode(&newer.encode()),
            Err(MetaError::TooNew {
                found: STORE_VERSION + 1,
                supported: STORE_VERSION
            })
        );
        assert_eq!(Meta::decode(&Meta::default().encode()), Ok(Meta::default()));
        assert!(matches!(Meta::decode("{}"), Err(MetaError::Unreadable(_))));
    }
}
