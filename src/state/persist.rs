//! Keeping the department's record in localStorage, record by record, and in step with other tabs.
//!
//! Every edit writes the records it changed, each under its own key, and reads each back
//! (`browser::storage::write_verified`). Just before writing, the key is read: if another tab wrote
//! it since this tab last looked (its `storage` event not handled yet), this tab's edit still wins —
//! it is the later — and the user is told and offered the other version. Another tab's writes arrive
//! as `storage` events and are resolved by `zrz_exchange::sync::resolve`, record by record.
//!
//! A write that fails (storage full, disabled) leaves the record in memory and in a list of unsaved
//! keys, retried with the next write; the header says so until it succeeds. Nothing is ever lost
//! without a word.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use serde_json::Value;

use super::store::{RecordSet, Sink, Store};
use crate::browser::{clock, storage};
use zrz_domain::record::RecordKey;
use zrz_exchange::extras::{Extras, Unknown};
use zrz_exchange::merge::same_record;
#[cfg(feature = "full")]
use zrz_exchange::state::StoredState;
#[cfg(feature = "full")]
use zrz_exchange::store::from_state;
use zrz_exchange::store::{
    parse_storage_key, storage_key, Meta, MetaError, Rev, Stored, LEGACY_KEY, META_KEY, PREFIX,
};
use zrz_exchange::sync::{resolve, Ours, Outcome};

/// Where the legacy single-key record is kept after it was split into records, until the full app
/// moves it into the undo history.
pub const LEGACY_KEPT_KEY: &str = "zrz.legacy.v1";
/// Unfinished edits (a 不适用 without its reason …) are kept here, per record, so a reload or a
/// chapter switch never loses what was clicked or typed.
const DRAFT_PREFIX: &str = "zrz3.draft.";
/// Records deleted longer ago than this are forgotten: every tab has long seen the deletion.
const TOMBSTONE_DAYS: i64 = 30;

/// How the last save went; shown in the header on every page.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing changed since the page loaded.
    Loaded,
    Saved(DateTime<Utc>),
    /// Edits are waiting to be written with the ones that follow (at most [`COALESCE_MS`]).
    Saving,
    /// Records that could not be written; they are still in memory.
    Failed {
        fault: storage::StorageFault,
        unsaved: usize,
    },
    /// Stored data was written by a newer app version: nothing is written, so nothing is damaged.
    ReadOnly {
        found: u32,
        supported: u32,
    },
}

/// What happened when the stored data was read at start-up, when it needs saying.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadNotice {
    /// A record could not be read; its text was copied aside under `kept_as`, the rest loaded.
    Unreadable {
        key: String,
        reason: String,
        kept_as: Option<String>,
    },
    /// The single-key record of an earlier version was split into records.
    Upgraded,
    /// An earlier version's record is waiting for the full app to upgrade it (first page only).
    NeedsUpgrade,
    /// localStorage cannot be read at all.
    NoStorage(storage::StorageFault),
}

/// Another tab changed a record at the same time as this one.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncNotice {
    pub key: RecordKey,
    /// Whose version stands now.
    pub kept: Kept,
    /// The version that did not stand (`None`: it was a deletion), for the user to take back.
    pub other: Option<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// This tab's edit stood (it was later, or the user was typing in it).
    Ours,
    /// The other tab's stood.
    Theirs,
}

/// The record read from localStorage at start-up.
pub struct Loaded {
    pub records: RecordSet,
    pub meta: Meta,
    pub status: SaveStatus,
    pub notices: Vec<LoadNotice>,
    pub drafts: BTreeMap<String, Value>,
    persist: Inner,
}

/// What the sink knows beyond the store's signals.
#[derive(Default)]
struct Inner {
    /// The revision of every record as this tab last wrote or took it, by storage key.
    revs: HashMap<String, Rev>,
    extras: Extras,
    /// Records whose last write failed: written again with the next one.
    unsaved: BTreeSet<RecordKey>,
    /// The time of this tab's latest version: the next is stamped later still.
    last_at: Option<DateTime<Utc>>,
    read_only: bool,
    /// Edits not written yet (the latest value of each record), while a burst of edits is being
    /// coalesced: see [`COALESCE_MS`].
    pending: Vec<(RecordKey, Option<Value>)>,
    /// A write of `pending` is scheduled.
    scheduled: bool,
    /// When records were last written.
    last_write: Option<DateTime<Utc>>,
}

/// Edits within one frame of the last write are written together when the frame is over: the
/// first edit after a pause is written at once (a click is stored before the user can close the
/// tab), and a burst (several records changed by one action in steps, input events faster than a
/// frame) costs one write. Kept at one frame so that keystroke → stored stays within a frame too
/// (issue 14's goal); per-record writes already made each write small. Anything pending is written
/// before another tab's version is looked at, before an export is recorded, and when the page is
/// hidden or left (`browser::dom::on_page_leaving`), so nothing typed is lost.
pub const COALESCE_MS: i64 = 16;

/// A random id for this page load, for the revisions it writes.
pub fn tab_id() -> String {
    crate::browser::random::id("tab")
}

/// Reads the record: the meta, then every record key; splits a legacy single-key record first.
pub fn load() -> Loaded {
    let mut notices = Vec::new();
    let mut inner = Inner::default();
    let meta_text = match storage::read(META_KEY) {
        Ok(text) => text,
        Err(fault) => {
            notices.push(LoadNotice::NoStorage(fault.clone()));
            return Loaded {
                records: RecordSet::default(),
                meta: Meta::default(),
                status: SaveStatus::Failed { fault, unsaved: 0 },
                notices,
                drafts: BTreeMap::new(),
                persist: inner,
            };
        }
    };
    let mut meta = Meta::default();
    let mut status = SaveStatus::Loaded;
    match meta_text.as_deref().map(Meta::decode) {
        Some(Ok(m)) => meta = m,
        Some(Err(MetaError::TooNew { found, supported })) => {
            inner.read_only = true;
            status = SaveStatus::ReadOnly { found, supported };
        }
        Some(Err(MetaError::Unreadable(reason))) => {
            notices.push(keep_aside(
                META_KEY,
                meta_text.as_deref().unwrap_or(""),
                reason,
            ));
        }
        #[cfg(feature = "full")]
        None => {
            if let Some(notice) = upgrade_legacy(&mut meta) {
                notices.push(notice);
            }
        }
        // The first page leaves an earlier version's record to the full app, which upgrades it:
        // reading it needs the whole record's types and migrations, too much for the first page.
        #[cfg(not(feature = "full"))]
        None => {
            if storage::read(LEGACY_KEY).ok().flatten().is_some() {
                notices.push(LoadNotice::NeedsUpgrade);
            }
        }
    }
    let now = clock::now();
    let mut records = RecordSet::default();
    let entries = storage::entries_with_prefix(PREFIX).unwrap_or_default();
    let mut drafts = BTreeMap::new();
    for (key, text) in entries {
        if let Some(id) = key.strip_prefix(DRAFT_PREFIX) {
            if let Ok(v) = serde_json::from_str(&text) {
                drafts.insert(id.to_string(), v);
            }
            continue;
        }
        let Some(record) = parse_storage_key(&key) else {
            continue;
        };
        // A kind this build does not show (the first page and a year's 1,050 ratings): only its
        // revision is read (for the backup reminder and the tombstone clean-up), not its data.
        let stored = if RecordSet::loads(record.kind) {
            Stored::decode(&text)
        } else {
            RevOnly::decode(&text)
        };
        let stored = match stored {
            Ok(stored) => stored,
            Err(reason) => {
                notices.push(keep_aside(&key, &text, reason));
                continue;
            }
        };
        if stored.data.is_none() && now - stored.rev.at > Duration::days(TOMBSTONE_DAYS) {
            if !inner.read_only {
                let _ = storage::remove(&key);
            }
            continue;
        }
        if let Some(data) = &stored.data {
            match records.read(&record, data) {
                Ok(Some(known)) => inner
                    .extras
                    .set_record(&record, Some(Unknown::between(data, &known))),
                Ok(None) => {}
                Err(reason) => {
                    notices.push(keep_aside(&key, &text, reason));
                    continue;
                }
            }
        }
        inner.revs.insert(key, stored.rev);
    }
    Loaded {
        records,
        meta,
        status,
        notices,
        drafts,
        persist: inner,
    }
}

/// A stored record read for its revision only: its data is checked to be JSON and skipped, not
/// built into a value (kinds this build does not load, see [`RecordSet::loads`]).
#[derive(serde::Deserialize)]
struct RevOnly {
    rev: Rev,
    #[serde(default)]
    data: Option<serde::de::IgnoredAny>,
}

impl RevOnly {
    /// As a [`Stored`] whose data, if any, is `{}` (never written back: this build does not write
    /// records of these kinds).
    fn decode(text: &str) -> Result<Stored, String> {
        let r: RevOnly = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(Stored {
            rev: r.rev,
            data: r.data.map(|_| Value::Object(Default::default())),
        })
    }
}

/// Copies unreadable stored text to a key of its own (never deleted) and says so.
fn keep_aside(key: &str, text: &str, reason: String) -> LoadNotice {
    let stamp = format!("{}.{key}", clock::stamp(clock::now()));
    let kept_as = storage::quarantine(text, &stamp).ok();
    LoadNotice::Unreadable {
        key: key.to_string(),
        reason,
        kept_as,
    }
}

#[cfg(feature = "full")]
/// Splits the single-key record of versions before the per-record layout into records, and keeps
/// the old text under [`LEGACY_KEPT_KEY`] (the full app moves it into the undo history).
fn upgrade_legacy(meta: &mut Meta) -> Option<LoadNotice> {
    let text = storage::read(LEGACY_KEY).ok().flatten()?;
    let state = match StoredState::from_json(&text) {
        Ok(state) => state,
        Err(e) => {
            let reason = (crate::i18n::t().errors.state)(&e);
            return Some(keep_aside(LEGACY_KEY, &text, reason));
        }
    };
    let (new_meta, records) = from_state(&state);
    let me = "upgrade";
    let at = clock::now();
    for (key, data) in records {
        let stored = Stored {
            rev: Rev {
                at,
                by: me.into(),
                base: None,
            },
            data: Some(data),
        };
        if storage::write_verified(&storage_key(&key), &stored.encode()).is_err() {
            // Leave the old record where it is: nothing is lost, the next start tries again.
            return None;
        }
    }
    if storage::write_verified(META_KEY, &new_meta.encode()).is_err() {
        return None;
    }
    if storage::write_verified(LEGACY_KEPT_KEY, &text).is_ok() {
        let _ = storage::remove(LEGACY_KEY);
    }
    *meta = new_meta;
    Some(LoadNotice::Upgraded)
}

/// The sink of the department's own store: writes to localStorage, resolves other tabs' writes.
pub struct Persist {
    me: String,
    inner: Mutex<Inner>,
    pub status: RwSignal<SaveStatus>,
    pub sync: RwSignal<Vec<SyncNotice>>,
    /// Records changed since the last export, for the backup reminder.
    pub changes: RwSignal<usize>,
    /// The record whose editor has the focus: another tab's version does not replace what is typed.
    pub editing: RwSignal<Option<RecordKey>>,
    last_export_at: Mutex<Option<DateTime<Utc>>>,
}

impl Persist {
    pub fn new(loaded: &mut Loaded, me: String) -> Arc<Persist> {
        let inner = std::mem::take(&mut loaded.persist);
        let persist = Persist {
            me,
            inner: Mutex::new(inner),
            status: RwSignal::new(loaded.status.clone()),
            sync: RwSignal::new(Vec::new()),
            changes: RwSignal::new(0),
            editing: RwSignal::new(None),
            last_export_at: Mutex::new(loaded.meta.last_export_at),
        };
        persist.count_changes();
        Arc::new(persist)
    }

    pub fn read_only(&self) -> bool {
        self.inner.lock().expect("one thread").read_only
    }

    fn count_changes(&self) {
        let since = *self.last_export_at.lock().expect("one thread");
        let n = self
            .inner
            .lock()
            .expect("one thread")
            .revs
            .values()
            .filter(|r| since.is_none_or(|s| r.at > s))
            .count();
        if self.changes.get_untracked() != n {
            self.changes.set(n);
        }
    }

    /// A stamp later than now, than this tab's last and than the versions it replaces.
    fn stamp(inner: &mut Inner, after: &[Option<DateTime<Utc>>]) -> DateTime<Utc> {
        let mut at = clock::now();
        for t in after.iter().flatten().chain(inner.last_at.as_ref()) {
            if at <= *t {
                at = *t + Duration::milliseconds(1);
            }
        }
        inner.last_at = Some(at);
        at
    }

    fn with_extras(inner: &Inner, key: &RecordKey, data: Option<Value>) -> Option<Value> {
        let mut data = data?;
        if let Some(unknown) = inner.extras.of_record(key) {
            unknown.apply(&mut data);
        }
        Some(data)
    }

    /// Writes one record as a new version; returns a notice when another tab's unseen version was
    /// in the store.
    fn write_one(
        &self,
        inner: &mut Inner,
        key: &RecordKey,
        data: Option<Value>,
    ) -> Result<Option<SyncNotice>, storage::StorageFault> {
        let skey = storage_key(key);
        let held = inner.revs.get(&skey).cloned();
        let in_store = storage::read(&skey)?.and_then(|t| Stored::decode(&t).ok());
        let data = Self::with_extras(inner, key, data);
        let mut notice = None;
        if let Some(s) = &in_store {
            let unseen = held.as_ref().map(Rev::id) != Some(s.rev.id());
            if unseen
                && s.rev.by != self.me
                && !same_record(key.kind, s.data.as_ref(), data.as_ref())
            {
                notice = Some(SyncNotice {
                    key: key.clone(),
                    kept: Kept::Ours,
                    other: s.data.clone(),
                });
            }
        }
        let at = Self::stamp(
            inner,
            &[
                held.as_ref().map(|r| r.at),
                in_store.as_ref().map(|s| s.rev.at),
            ],
        );
        let stored = Stored {
            rev: Rev {
                at,
                by: self.me.clone(),
                base: held.as_ref().map(Rev::id),
            },
            data,
        };
        storage::write_verified(&skey, &stored.encode())?;
        inner.revs.insert(skey, stored.rev);
        Ok(notice)
    }

    /// Takes edits to write: at once after a pause, else with the others when the window closes.
    /// Returns how long to wait before calling [`Persist::flush`], when a write was put off and
    /// none is scheduled yet.
    fn queue(
        &self,
        changes: Vec<(RecordKey, Option<Value>)>,
        store: Option<&Store>,
    ) -> Option<i32> {
        let mut inner = self.inner.lock().expect("one thread");
        if inner.read_only {
            return None;
        }
        for (key, value) in changes {
            inner.pending.retain(|(k, _)| *k != key);
            inner.pending.push((key, value));
        }
        let now = clock::now();
        let since = inner.last_write.map(|t| (now - t).num_milliseconds());
        let wait = since.map_or(0, |ms| COALESCE_MS - ms.max(0));
        if wait <= 0 && !inner.scheduled {
            drop(inner);
            self.flush(store);
            return None;
        }
        if inner.scheduled {
            return None;
        }
        inner.scheduled = true;
        drop(inner);
        if !matches!(self.status.get_untracked(), SaveStatus::Failed { .. }) {
            self.status.set(SaveStatus::Saving);
        }
        Some(wait.clamp(1, COALESCE_MS) as i32)
    }

    /// Writes every pending edit now.
    pub fn flush(&self, store: Option<&Store>) {
        let pending = {
            let mut inner = self.inner.lock().expect("one thread");
            inner.scheduled = false;
            std::mem::take(&mut inner.pending)
        };
        if !pending.is_empty() {
            self.write_all(pending, store);
        }
    }

    fn write_all(&self, changes: Vec<(RecordKey, Option<Value>)>, store: Option<&Store>) {
        let mut inner = self.inner.lock().expect("one thread");
        if inner.read_only {
            return;
        }
        // Earlier failures first, with their current value from memory.
        let mut pending: Vec<(RecordKey, Option<Value>)> = Vec::new();
        if let Some(store) = store {
            let retry: Vec<RecordKey> = inner.unsaved.iter().cloned().collect();
            for key in retry {
                if !changes.iter().any(|(k, _)| *k == key) {
                    pending.push((key.clone(), store.record_json(&key)));
                }
            }
        }
        pending.extend(changes);
        let mut notices = Vec::new();
        let mut fault = None;
        let mut written = Vec::new();
        for (key, data) in pending {
            match self.write_one(&mut inner, &key, data.clone()) {
                Ok(notice) => {
                    inner.unsaved.remove(&key);
                    notices.extend(notice);
                    written.push((key, data));
                }
                Err(f) => {
                    inner.unsaved.insert(key);
                    fault = Some(f);
                }
            }
        }
        inner.last_write = Some(clock::now());
        let unsaved = inner.unsaved.len();
        let settled: Vec<(RecordKey, Option<Value>)> = written
            .into_iter()
            .map(|(key, data)| {
                let current = Self::with_extras(&inner, &key, data);
                (key, current)
            })
            .collect();
        drop(inner);
        self.status.set(match fault {
            Some(fault) => SaveStatus::Failed { fault, unsaved },
            None => SaveStatus::Saved(clock::now()),
        });
        for (key, current) in &settled {
            self.settle_notices(key, current.as_ref());
        }
        for notice in notices {
            self.offer(notice);
        }
        self.count_changes();
    }

    /// Drops the notices about `key` that offer what it now holds (apart from the save stamp): what
    /// they offered is no longer "the version that did not stand" (a later version brought the same
    /// content), and taking it back would change nothing the user can see.
    fn settle_notices(&self, key: &RecordKey, current: Option<&Value>) {
        let stale = self.sync.with_untracked(|n| {
            n.iter()
                .any(|x| x.key == *key && same_record(key.kind, x.other.as_ref(), current))
        });
        if stale {
            self.sync.update(|n| {
                n.retain(|x| !(x.key == *key && same_record(key.kind, x.other.as_ref(), current)))
            });
        }
    }

    /// Shows a notice, replacing an earlier one about the same record: only the latest version
    /// that did not stand is offered (the earlier was itself replaced, and taking it back would
    /// undo a later edit without a word).
    fn offer(&self, notice: SyncNotice) {
        self.sync.update(|n| {
            n.retain(|x| x.key != notice.key);
            n.push(notice);
        });
    }

    /// Another tab wrote `key` (a `storage` event): resolve it against this tab's version.
    pub fn on_storage_event(&self, store: &Store, key: &str, new_value: Option<String>) {
        // This tab's own edits come first: they were made before this event was seen, and are
        // resolved against what the store holds now (the other tab's version) when written.
        self.flush(Some(store));
        if key == META_KEY {
            match new_value.as_deref().map(Meta::decode) {
                Some(Ok(meta)) => {
                    *self.last_export_at.lock().expect("one thread") = meta.last_export_at;
                    store.meta.set(meta);
                    self.count_changes();
                }
                Some(Err(MetaError::TooNew { found, supported })) => {
                    self.inner.lock().expect("one thread").read_only = true;
                    self.status.set(SaveStatus::ReadOnly { found, supported });
                }
                _ => {}
            }
            return;
        }
        let Some(record) = parse_storage_key(key) else {
            return;
        };
        let Some(theirs) = new_value.as_deref().and_then(|t| Stored::decode(t).ok()) else {
            return;
        };
        let mut inner = self.inner.lock().expect("one thread");
        let held = inner.revs.get(key).cloned();
        let ours_data = Self::with_extras(&inner, &record, store.record_json(&record));
        let ours = held.map(|rev| Stored {
            rev,
            data: ours_data.clone(),
        });
        let editing = self.editing.with_untracked(|e| e.as_ref() == Some(&record));
        let outcome = resolve(
            Ours {
                kind: record.kind,
                version: ours.as_ref(),
                me: &self.me,
                editing,
            },
            &theirs,
        );
        match outcome {
            Outcome::Adopt | Outcome::AdoptOverOurs | Outcome::KeepTyping => {
                if store.take(&record, theirs.data.as_ref()).is_err() {
                    return;
                }
                let unknown = theirs
                    .data
                    .as_ref()
                    .and_then(|d| unknown_of(&record, d, store));
                inner.extras.set_record(&record, unknown);
                inner.revs.insert(key.to_string(), theirs.rev.clone());
                if inner.last_at.is_none_or(|t| theirs.rev.at > t) {
                    inner.last_at = Some(theirs.rev.at);
                }
                let current = Self::with_extras(&inner, &record, store.record_json(&record));
                drop(inner);
                self.settle_notices(&record, current.as_ref());
                let notice = match outcome {
                    Outcome::AdoptOverOurs => Some(SyncNotice {
                        key: record,
                        kept: Kept::Theirs,
                        other: ours_data,
                    }),
                    // The editor keeps what is being typed; the other version is offered.
                    Outcome::KeepTyping => Some(SyncNotice {
                        key: record,
                        kept: Kept::Ours,
                        other: theirs.data,
                    }),
                    _ => None,
                };
                if let Some(notice) = notice {
                    self.offer(notice);
                }
                self.count_changes();
            }
            Outcome::Ignore => {
                // A late event: make sure the store still holds ours.
                if let Some(ours) = ours {
                    let held_in_store = storage::read(key)
                        .ok()
                        .flatten()
                        .and_then(|t| Stored::decode(&t).ok())
                        .map(|s| s.rev.id());
                    if held_in_store.as_ref() != Some(&ours.rev.id()) {
                        let _ = storage::write_verified(key, &ours.encode());
                    }
                }
            }
        }
    }

    /// Takes back the version a notice offers, as a new edit.
    pub fn take_back(&self, store: &Store, notice: &SyncNotice) {
        self.flush(Some(store));
        if store.take(&notice.key, notice.other.as_ref()).is_ok() {
            self.write_all(
                vec![(notice.key.clone(), notice.other.clone())],
                Some(store),
            );
        }
        self.sync.update(|n| n.retain(|x| x != notice));
    }

    pub fn save_draft(&self, id: &str, draft: &Value) {
        let _ = storage::write_verified(&format!("{DRAFT_PREFIX}{id}"), &draft.to_string());
    }

    pub fn clear_draft(&self, id: &str) {
        let _ = storage::remove(&format!("{DRAFT_PREFIX}{id}"));
    }
}

/// The parts of another tab's record JSON that this version's type does not know.
fn unknown_of(key: &RecordKey, data: &Value, store: &Store) -> Option<Unknown> {
    Some(Unknown::between(data, &store.record_json(key)?))
}

/// The sink handed to the store: the store passes itself back so failed records can be retried
/// with their current value.
pub struct PersistSink {
    pub persist: Arc<Persist>,
    pub store: StoredValue<Option<Store>>,
}

impl PersistSink {
    /// Writes what is pending when the page is hidden or left.
    pub fn flush_when_leaving(&self) {
        let persist = self.persist.clone();
        let store = self.store;
        crate::browser::dom::on_page_leaving(move || {
            persist.flush(store.try_get_value().flatten().as_ref());
        });
    }
}

impl Sink for PersistSink {
    fn write(&self, changes: Vec<(RecordKey, Option<Value>)>) {
        let store = self.store.get_value();
        if let Some(wait) = self.persist.queue(changes, store.as_ref()) {
            let persist = self.persist.clone();
            let holder = self.store;
            crate::browser::dom::after(wait, move || {
                persist.flush(holder.try_get_value().flatten().as_ref());
            });
        }
    }

    fn write_meta(&self, meta: &Meta) {
        if self.persist.read_only() {
            return;
        }
        // The records first: an export is recorded after what it carries is stored.
        self.persist.flush(self.store.get_value().as_ref());
        *self.persist.last_export_at.lock().expect("one thread") = meta.last_export_at;
        match storage::write_verified(META_KEY, &meta.encode()) {
            Ok(()) => self.persist.status.set(SaveStatus::Saved(clock::now())),
            Err(fault) => self
                .persist
                .status
                .set(SaveStatus::Failed { fault, unsaved: 0 }),
        }
        self.persist.count_changes();
    }

    fn read_only(&self) -> bool {
        self.persist.read_only()
    }

    fn set_extras(&self, extras: Extras) {
        self.persist.inner.lock().expect("one thread").extras = extras;
    }

    fn extras(&self) -> Extras {
        self.persist
            .inner
            .lock()
            .expect("one thread")
            .extras
            .clone()
    }
}
