//! The department's record in memory, record by record, and every edit to it.
//!
//! A [`Store`] holds one signal per record ([`Records`]); pages read the records they show and call
//! the store's methods to change them. Each method applies a domain rule (no rule lives here or in a
//! component) and hands the records it changed to the store's [`Sink`], which writes them to
//! localStorage record by record (`persist`). A received department's file is shown through a store
//! without a sink: read only.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde_json::Value;

use super::records::Records;
use zrz_domain::plan::Template;
use zrz_domain::record::{
    Answer, Finding, LedgerEntry, OfficeReview, Profile, RecordKey, RecordKind, Task,
};
#[cfg(feature = "full")]
use zrz_domain::record::{Assessment, Person, Rating, RatingKey};
#[cfg(feature = "full")]
use zrz_domain::scoring::RatingSettings;
use zrz_exchange::extras::Extras;
#[cfg(feature = "full")]
use zrz_exchange::store::split;
use zrz_exchange::store::{read_record, read_with_echo, Meta};

/// Where a store's changes go. `None` for a read-only store.
pub trait Sink: Send + Sync {
    /// Writes these records (`None` deletes). Called after the signals were updated.
    fn write(&self, changes: Vec<(RecordKey, Option<Value>)>);
    /// Writes the meta record.
    fn write_meta(&self, meta: &Meta);
    /// Unknown fields of the stored records, to write back with them.
    fn extras(&self) -> Extras;
    /// Replaces the unknown fields of the records (a merge or a restore brought its own), before
    /// the records are written with them.
    fn set_extras(&self, extras: Extras);
    /// Nothing may be written (the stored data is a newer app's).
    fn read_only(&self) -> bool;
}

#[derive(Clone, Copy)]
pub struct Store {
    pub profile: RwSignal<Profile>,
    pub answers: Records<Answer>,
    pub ledger: Records<LedgerEntry>,
    pub tasks: Records<Task>,
    pub findings: Records<Finding>,
    /// What the office's last 核查意见 said beyond its findings (accountability, both scores).
    pub office_review: RwSignal<OfficeReview>,
    /// 德能勤绩廉: only the full app reads or writes these records; the first page leaves them
    /// untouched in storage.
    #[cfg(feature = "full")]
    pub settings: RwSignal<RatingSettings>,
    #[cfg(feature = "full")]
    pub people: Records<Person>,
    #[cfg(feature = "full")]
    pub ratings: Records<Rating>,
    pub meta: RwSignal<Meta>,
    /// The template the record is filled in with: its 年度方案's, else the shipped one. Derived from
    /// the stored meta, so another tab's import of a 年度方案 reaches this tab too.
    pub template: Memo<Arc<Template>>,
    sink: StoredValue<Option<Arc<dyn Sink>>>,
}

/// The template a record is filled in with: its imported 年度方案, else (none, or one that no longer
/// builds) the template shipped with the app.
pub fn template_of(template_json: Option<&Value>) -> Arc<Template> {
    let built = template_json.and_then(|v| Template::from_value(v).ok());
    Arc::new(built.unwrap_or_else(Template::shipped))
}

/// [`template_of`] the stored 年度方案 template, rebuilt only when that JSON changes (not on every
/// write of the meta, such as the time of an export). A rebuilt template is taken as changed
/// without comparing it with the one before, which would hash both (`plan::ContentHash`).
fn template_memo(meta: RwSignal<Meta>) -> Memo<Arc<Template>> {
    let json = Memo::new(move |_| meta.with(|m| m.template.clone()));
    Memo::new_with_compare(move |_| json.with(|j| template_of(j.as_ref())), |_, _| true)
}

/// The records a store starts with, of the kinds this build knows (see [`RecordSet::read`]).
#[derive(Debug, Clone, Default)]
pub struct RecordSet {
    pub profile: Profile,
    pub answers: BTreeMap<String, Answer>,
    pub ledger: Vec<LedgerEntry>,
    pub tasks: Vec<Task>,
    pub findings: Vec<Finding>,
    pub office_review: OfficeReview,
    #[cfg(feature = "full")]
    pub settings: Option<RatingSettings>,
    #[cfg(feature = "full")]
    pub people: Vec<Person>,
    #[cfg(feature = "full")]
    pub ratings: Vec<Rating>,
}

impl RecordSet {
    /// Whether this build reads records of `kind` (the first page leaves 德能勤绩廉's settings, people
    /// and ratings untouched in storage: only the full app reads or writes them).
    pub fn loads(kind: RecordKind) -> bool {
        cfg!(feature = "full")
            || !matches!(
                kind,
                RecordKind::RatingSettings | RecordKind::Person | RecordKind::Rating
            )
    }

    /// Reads one stored record into the set. Returns the record as its type writes it (to find the
    /// members this version does not know), `Ok(None)` for a kind this build does not load (the
    /// first page does not read ratings), or why the record cannot be read.
    pub fn read(&mut self, key: &RecordKey, value: &Value) -> Result<Option<Value>, String> {
        let back = match key.kind {
            RecordKind::Profile => {
                let (t, back) = read_with_echo(value)?;
                self.profile = t;
                back
            }
            RecordKind::Answer => {
                let (t, back) = read_with_echo(value)?;
                self.answers.insert(key.id.clone(), t);
                back
            }
            RecordKind::Entry => {
                let (t, back): (LedgerEntry, _) = read_with_echo(value)?;
                check_id(key, &t.id)?;
                self.ledger.push(t);
                back
            }
            RecordKind::Task => {
                let (t, back): (Task, _) = read_with_echo(value)?;
                check_id(key, &t.id)?;
                self.tasks.push(t);
                back
            }
            RecordKind::Finding => {
                let (t, back): (Finding, _) = read_with_echo(value)?;
                check_id(key, &t.id)?;
                self.findings.push(t);
                back
            }
            RecordKind::OfficeReview => {
                let (t, back) = read_with_echo(value)?;
                self.office_review = t;
                back
            }
            #[cfg(feature = "full")]
            RecordKind::RatingSettings => {
                let (t, back) = read_with_echo(value)?;
                self.settings = Some(t);
                back
            }
            #[cfg(feature = "full")]
            RecordKind::Person => {
                let (t, back): (Person, _) = read_with_echo(value)?;
                check_id(key, &t.id)?;
                self.people.push(t);
                back
            }
            #[cfg(feature = "full")]
            RecordKind::Rating => {
                let (t, back): (Rating, _) = read_with_echo(value)?;
                check_id(key, &t.key().to_id())?;
                self.ratings.push(t);
                back
            }
            #[cfg(not(feature = "full"))]
            RecordKind::RatingSettings | RecordKind::Person | RecordKind::Rating => {
                return Ok(None)
            }
        };
        Ok(Some(back))
    }

    #[cfg(feature = "full")]
    pub fn from_assessment(a: Assessment) -> RecordSet {
        RecordSet {
            profile: a.profile,
            answers: a.answers,
            ledger: a.ledger,
            tasks: a.tasks,
            findings: a.findings,
            office_review: a.office_review,
            settings: Some(a.rating_settings),
            people: a.people,
            ratings: a.ratings,
        }
    }
}

fn check_id(key: &RecordKey, id: &str) -> Result<(), String> {
    if key.id == id {
        Ok(())
    } else {
        Err(format!("stored under {} but its id is {id}", key.id))
    }
}

impl Store {
    pub fn new(records: RecordSet, meta: Meta, sink: Option<Arc<dyn Sink>>) -> Store {
        let meta = RwSignal::new(meta);
        Store {
            profile: RwSignal::new(records.profile),
            answers: Records::new(records.answers),
            ledger: Records::new(records.ledger.into_iter().map(|e| (e.id.clone(), e))),
            tasks: Records::new(records.tasks.into_iter().map(|t| (t.id.clone(), t))),
            findings: Records::new(records.findings.into_iter().map(|f| (f.id.clone(), f))),
            office_review: RwSignal::new(records.office_review),
            #[cfg(feature = "full")]
            settings: RwSignal::new(records.settings.unwrap_or_default()),
            #[cfg(feature = "full")]
            people: Records::new(records.people.into_iter().map(|p| (p.id.clone(), p))),
            #[cfg(feature = "full")]
            ratings: Records::new(records.ratings.into_iter().map(|r| (r.key().to_id(), r))),
            template: template_memo(meta),
            meta,
            sink: StoredValue::new(sink),
        }
    }

    /// A read-only store of a received department's record.
    #[cfg(feature = "full")]
    pub fn received(assessment: Assessment, meta: Meta) -> Store {
        Store::new(RecordSet::from_assessment(assessment), meta, None)
    }

    /// Whether edits are stored: false for a received department's file, and for data a newer app
    /// wrote (read only, so that nothing of it is damaged).
    pub fn writable(&self) -> bool {
        self.sink
            .with_value(|s| s.as_ref().is_some_and(|s| !s.read_only()))
    }

    #[cfg(feature = "full")]
    /// The whole record as one value, for an export or a backup. Not tracked.
    pub fn snapshot(&self) -> Assessment {
        let mut people: Vec<Person> = self
            .people
            .entries_untracked()
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        zrz_domain::order::sort_by(&mut people, |a, b| {
            a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id))
        });
        Assessment {
            profile: self.profile.get_untracked(),
            answers: self.answers.to_map_untracked(),
            people,
            ratings: values(&self.ratings),
            rating_settings: self.settings.get_untracked(),
            ledger: values(&self.ledger),
            tasks: values(&self.tasks),
            findings: values(&self.findings),
            office_review: self.office_review.get_untracked(),
        }
    }

    /// Unknown fields the stored records carry (empty for a read-only store).
    pub fn extras(&self) -> Extras {
        self.sink
            .with_value(|s| s.as_ref().map(|s| s.extras()))
            .unwrap_or_default()
    }

    fn emit(&self, changes: Vec<(RecordKey, Option<Value>)>) {
        if changes.is_empty() {
            return;
        }
        if let Some(sink) = self.sink.get_value() {
            sink.write(changes);
        }
    }

    fn emit_one(&self, key: RecordKey, value: Option<Value>) {
        self.emit(vec![(key, value)]);
    }

    pub fn set_profile(&self, profile: Profile) {
        if self.profile.with_untracked(|p| *p == profile) {
            return;
        }
        let json = to_json(&profile);
        self.profile.set(profile);
        self.emit_one(RecordKey::single(RecordKind::Profile), Some(json));
    }

    #[cfg(feature = "full")]
    pub fn set_settings(&self, settings: RatingSettings) {
        if self.settings.with_untracked(|s| *s == settings) {
            return;
        }
        let json = to_json(&settings);
        self.settings.set(settings);
        self.emit_one(RecordKey::single(RecordKind::RatingSettings), Some(json));
    }

    /// Stores an already validated answer, stamped `now`. Nothing happens when only the stamp
    /// would change.
    pub fn put_answer(&self, item_id: &str, mut answer: Answer, now: DateTime<Utc>) {
        let same = self
            .answers
            .with(item_id, |a| a.is_some_and(|a| a.same_content(&answer)));
        if same {
            return;
        }
        answer.updated_at = Some(now);
        let json = to_json(&answer);
        self.answers.put(item_id, answer);
        self.emit_one(RecordKey::new(RecordKind::Answer, item_id), Some(json));
    }

    #[cfg(feature = "full")]
    /// Puts (or with `None` clears) the rating of one cell.
    pub fn put_rating(&self, key: &RatingKey, rating: Option<Rating>) {
        let id = key.to_id();
        let record = RecordKey::new(RecordKind::Rating, id.as_str());
        match rating {
            Some(r) => {
                let json = to_json(&r);
                if self.ratings.put(&id, r) {
                    self.emit_one(record, Some(json));
                }
            }
            None => {
                if self.ratings.remove(&id) {
                    self.emit_one(record, None);
                }
            }
        }
    }

    pub fn put_entry(&self, entry: LedgerEntry) {
        let record = RecordKey::new(RecordKind::Entry, entry.id.as_str());
        let json = to_json(&entry);
        if self.ledger.put(&entry.id.clone(), entry) {
            self.emit_one(record, Some(json));
        }
    }

    /// Stores the office's word as a findings file gave it (or an earlier version kept it).
    pub fn set_office_review(&self, review: OfficeReview) {
        if self.office_review.with_untracked(|r| *r == review) {
            return;
        }
        let json = (!review.is_empty()).then(|| to_json(&review));
        self.office_review.set(review);
        self.emit_one(RecordKey::single(RecordKind::OfficeReview), json);
    }

    #[cfg(feature = "full")]
    /// Deletes a ledger entry with the domain's cascade (`Assessment::remove_entry`: tasks that named
    /// it lose the link), writing only the records it changes: unlike [`Store::update`] it neither
    /// copies nor compares the rest of the record.
    pub fn remove_entry(&self, entry_id: &str, now: DateTime<Utc>) {
        let Some(entry) = self.ledger.get_untracked(entry_id) else {
            return;
        };
        let mut part = Assessment {
            ledger: vec![entry],
            tasks: values(&self.tasks),
            ..Assessment::default()
        };
        let before = part.tasks.clone();
        if part.remove_entry(entry_id, now).is_err() {
            return;
        }
        self.ledger.remove(entry_id);
        let mut changes = vec![(RecordKey::new(RecordKind::Entry, entry_id), None)];
        for task in part.tasks.into_iter().filter(|t| !before.contains(t)) {
            changes.push((
                RecordKey::new(RecordKind::Task, task.id.as_str()),
                Some(to_json(&task)),
            ));
            self.tasks.put(&task.id.clone(), task);
        }
        self.emit(changes);
    }

    pub fn put_task(&self, task: Task) {
        let record = RecordKey::new(RecordKind::Task, task.id.as_str());
        let json = to_json(&task);
        if self.tasks.put(&task.id.clone(), task) {
            self.emit_one(record, Some(json));
        }
    }

    #[cfg(feature = "full")]
    /// Applies a domain operation on the whole record (adding a person, removing one with their
    /// ratings, deleting a ledger entry and its links, merging a file …) and stores the records it
    /// changed. For edits that touch one record, the direct methods above are cheaper.
    pub fn update(&self, f: impl FnOnce(&mut Assessment)) {
        let before = self.snapshot();
        let mut after = before.clone();
        f(&mut after);
        self.replace(&before, after, None);
    }

    #[cfg(feature = "full")]
    /// Makes the record `after` with the unknown fields `extras` (a merge's or a restore's result:
    /// the fields a colleague's newer app wrote are kept with the records they came with, and a
    /// record whose only change is such a field is written too).
    pub fn adopt(&self, after: Assessment, extras: Extras) {
        let before = self.snapshot();
        self.replace(&before, after, Some(extras));
    }

    #[cfg(feature = "full")]
    /// Makes the record equal to `after`, given that it is `before` now; with `extras`, those are
    /// the records' unknown fields from now on.
    fn replace(&self, before: &Assessment, after: Assessment, extras: Option<Extras>) {
        let current = self.extras();
        let old = zrz_domain::order::into_map(split(before, &current));
        let new = zrz_domain::order::into_map(split(&after, extras.as_ref().unwrap_or(&current)));
        if let (Some(extras), Some(sink)) = (extras, self.sink.get_value()) {
            sink.set_extras(extras);
        }
        let mut changes = Vec::new();
        for (key, value) in &new {
            if old.get(key) != Some(value) {
                changes.push((key.clone(), Some(value.clone())));
            }
        }
        for key in old.keys().filter(|k| !new.contains_key(*k)) {
            changes.push((key.clone(), None));
        }
        self.load(after);
        self.emit(changes);
    }

    #[cfg(feature = "full")]
    /// Replaces the record in memory (another tab's restore, an undo), storing nothing.
    pub fn load(&self, a: Assessment) {
        if self.profile.with_untracked(|p| *p != a.profile) {
            self.profile.set(a.profile);
        }
        if self.settings.with_untracked(|s| *s != a.rating_settings) {
            self.settings.set(a.rating_settings);
        }
        self.answers.replace_all(a.answers);
        self.people
            .replace_all(a.people.into_iter().map(|p| (p.id.clone(), p)).collect());
        self.ratings.replace_all(
            a.ratings
                .into_iter()
                .map(|r| (r.key().to_id(), r))
                .collect(),
        );
        self.ledger
            .replace_all(a.ledger.into_iter().map(|e| (e.id.clone(), e)).collect());
        self.tasks
            .replace_all(a.tasks.into_iter().map(|t| (t.id.clone(), t)).collect());
        self.findings
            .replace_all(a.findings.into_iter().map(|f| (f.id.clone(), f)).collect());
        if self.office_review.with_untracked(|r| *r != a.office_review) {
            self.office_review.set(a.office_review);
        }
    }

    /// Sets the 年度方案 template (`None`: the shipped one).
    pub fn set_template(&self, template: Option<Value>) {
        self.meta.update(|m| m.template = template);
        self.write_meta();
    }

    /// Records a hand-over: the department's file was exported now.
    pub fn mark_exported(&self, at: DateTime<Utc>) {
        self.meta.update(|m| m.last_export_at = Some(at));
        self.write_meta();
    }

    fn write_meta(&self) {
        if let Some(sink) = self.sink.get_value() {
            self.meta.with_untracked(|m| sink.write_meta(m));
        }
    }

    /// One record of another tab's, taken into memory (not written again). Kinds this build does not
    /// load are left alone.
    pub fn take(&self, key: &RecordKey, value: Option<&Value>) -> Result<(), String> {
        let id = key.id.as_str();
        match (key.kind, value) {
            (RecordKind::Profile, Some(v)) => self.profile.set(read_record(v)?),
            (RecordKind::Profile, None) => {}
            (RecordKind::Answer, v) => {
                put_or_remove(&self.answers, id, v.map(read_record).transpose()?)
            }
            #[cfg(feature = "full")]
            (RecordKind::RatingSettings, Some(v)) => self.settings.set(read_record(v)?),
            #[cfg(feature = "full")]
            (RecordKind::Person, v) => {
                put_or_remove(&self.people, id, v.map(read_record).transpose()?)
            }
            #[cfg(feature = "full")]
            (RecordKind::Rating, v) => {
                put_or_remove(&self.ratings, id, v.map(read_record).transpose()?)
            }
            #[cfg(feature = "full")]
            (RecordKind::RatingSettings, None) => {}
            #[cfg(not(feature = "full"))]
            (RecordKind::RatingSettings | RecordKind::Person | RecordKind::Rating, _) => {}
            (RecordKind::Entry, v) => {
                put_or_remove(&self.ledger, id, v.map(read_record).transpose()?)
            }
            (RecordKind::Task, v) => {
                put_or_remove(&self.tasks, id, v.map(read_record).transpose()?)
            }
            (RecordKind::Finding, v) => {
                put_or_remove(&self.findings, id, v.map(read_record).transpose()?)
            }
            (RecordKind::OfficeReview, v) => self
                .office_review
                .set(v.map(read_record).transpose()?.unwrap_or_default()),
        }
        Ok(())
    }

    /// The JSON of one record as held in memory (for comparing with another tab's version).
    pub fn record_json(&self, key: &RecordKey) -> Option<Value> {
        let id = key.id.as_str();
        match key.kind {
            RecordKind::Profile => Some(to_json(&self.profile.get_untracked())),
            RecordKind::Answer => self.answers.get_untracked(id).map(|v| to_json(&v)),
            #[cfg(feature = "full")]
            RecordKind::RatingSettings => Some(to_json(&self.settings.get_untracked())),
            #[cfg(feature = "full")]
            RecordKind::Person => self.people.get_untracked(id).map(|v| to_json(&v)),
            #[cfg(feature = "full")]
            RecordKind::Rating => self.ratings.get_untracked(id).map(|v| to_json(&v)),
            #[cfg(not(feature = "full"))]
            RecordKind::RatingSettings | RecordKind::Person | RecordKind::Rating => None,
            RecordKind::Entry => self.ledger.get_untracked(id).map(|v| to_json(&v)),
            RecordKind::Task => self.tasks.get_untracked(id).map(|v| to_json(&v)),
            RecordKind::Finding => self.findings.get_untracked(id).map(|v| to_json(&v)),
            RecordKind::OfficeReview => Some(self.office_review.get_untracked())
                .filter(|r| !r.is_empty())
                .map(|r| to_json(&r)),
        }
    }
}

fn put_or_remove<T: Clone + PartialEq + Send + Sync + 'static>(
    records: &Records<T>,
    id: &str,
    value: Option<T>,
) {
    match value {
        Some(v) => {
            records.put(id, v);
        }
        None => {
            records.remove(id);
        }
    }
}

#[cfg(feature = "full")]
fn values<T: Clone + PartialEq + Send + Sync + 'static>(records: &Records<T>) -> Vec<T> {
    records
        .entries_untracked()
        .into_iter()
        .map(|(_, v)| v)
        .collect()
}

fn to_json<T: serde::Serialize>(record: &T) -> Value {
    serde_json::to_value(record).expect("a record serialises")
}
