//! The app's state: the department's record ([`Store`], record by record), how it is kept
//! ([`persist`]), and the few things every page needs (today, the user's role) in one context value.

pub mod persist;
pub mod received_review;
mod records;
pub mod store;
#[cfg(feature = "full")]
pub mod workspace;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

pub use persist::{Kept, LoadNotice, SaveStatus, SyncNotice};
pub use records::Records;
pub use store::Store;

use crate::browser::{clock, storage};
use persist::{Persist, PersistSink};

/// Who uses this browser: a department keeps its own record; the office receives departments' files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Department,
    Office,
    Both,
}

impl Role {
    const KEY: &'static str = "zrz.role";

    pub fn key(self) -> &'static str {
        match self {
            Role::Department => "department",
            Role::Office => "office",
            Role::Both => "both",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        [Role::Department, Role::Office, Role::Both]
            .into_iter()
            .find(|r| r.key() == key)
    }

    /// The role chosen on the first visit, if any.
    pub fn stored() -> Option<Role> {
        storage::read(Role::KEY)
            .ok()
            .flatten()
            .and_then(|k| Role::from_key(&k))
    }

    pub fn store(self) -> Result<(), storage::StorageFault> {
        storage::write_verified(Role::KEY, self.key())
    }

    pub fn keeps_own_record(self) -> bool {
        matches!(self, Role::Department | Role::Both)
    }

    pub fn receives_files(self) -> bool {
        matches!(self, Role::Office | Role::Both)
    }
}

/// Everything the pages share. `Copy`: a handle to signals.
#[derive(Clone, Copy)]
pub struct App {
    /// The department's own record.
    pub store: Store,
    pub save: RwSignal<SaveStatus>,
    pub load_notices: RwSignal<Vec<LoadNotice>>,
    pub sync: RwSignal<Vec<SyncNotice>>,
    /// Records changed since the department's last export.
    pub changes: RwSignal<usize>,
    /// The record whose editor has the focus (see `persist`).
    pub editing: RwSignal<Option<zrz_domain::record::RecordKey>>,
    /// Unfinished edits kept across reloads, by item id.
    pub drafts: RwSignal<BTreeMap<String, Value>>,
    pub role: RwSignal<Option<Role>>,
    /// The browser's answer to `navigator.storage.persist()`; `None` until it answers, or if it can't.
    pub persisted: RwSignal<Option<bool>>,
    pub today: NaiveDate,
    persist: StoredValue<Arc<Persist>>,
}

pub fn use_app() -> App {
    use_context::<App>().expect("App is provided at the root")
}

/// The record the pages below show: the department's own, or a received one (read only) where the
/// office opened it. Pages read this, never `App::store` directly.
pub fn use_store() -> Store {
    use_context::<Store>().unwrap_or_else(|| use_app().store)
}

impl App {
    /// Reads localStorage, provides the state to the whole tree, and listens to other tabs.
    pub fn provide() -> App {
        let mut loaded = persist::load();
        let persist = Persist::new(&mut loaded, persist::tab_id());
        let holder = StoredValue::new(None);
        let persist_sink = PersistSink {
            persist: persist.clone(),
            store: holder,
        };
        persist_sink.flush_when_leaving();
        let sink: Arc<dyn store::Sink> = Arc::new(persist_sink);
        let records = std::mem::take(&mut loaded.records);
        let store = Store::new(records, loaded.meta.clone(), Some(sink));
        holder.set_value(Some(store));
        received_review::migrate(&store);
        let app = App {
            store,
            save: persist.status,
            load_notices: RwSignal::new(loaded.notices),
            sync: persist.sync,
            changes: persist.changes,
            editing: persist.editing,
            drafts: RwSignal::new(loaded.drafts),
            role: RwSignal::new(Role::stored()),
            persisted: RwSignal::new(None),
            today: clock::today(),
            persist: StoredValue::new(persist),
        };
        provide_context(app);
        let handle = window_event_listener(leptos::ev::storage, move |event| {
            let Some(key) = event.key() else { return };
            if key.starts_with(zrz_exchange::store::PREFIX) {
                app.persist
                    .with_value(|p| p.on_storage_event(&app.store, &key, event.new_value()));
            } else if key == "zrz.role" {
                app.role.set(Role::stored());
            }
        });
        on_cleanup(move || handle.remove());
        leptos::task::spawn_local(async move {
            app.persisted.set(storage::request_persistence().await)
        });
        app
    }

    pub fn read_only(&self) -> bool {
        matches!(self.save.get(), SaveStatus::ReadOnly { .. })
    }

    /// Takes back the version a sync notice offers.
    pub fn take_back(&self, notice: &SyncNotice) {
        self.persist
            .with_value(|p| p.take_back(&self.store, notice));
    }

    pub fn dismiss(&self, notice: &SyncNotice) {
        self.sync.update(|n| n.retain(|x| x != notice));
    }

    /// Keeps an unfinished edit of item `id` (or forgets it with `None`).
    pub fn set_draft(&self, id: &str, draft: Option<Value>) {
        let changed = self.drafts.with_untracked(|d| d.get(id) != draft.as_ref());
        if !changed {
            return;
        }
        self.persist.with_value(|p| match &draft {
            Some(v) => p.save_draft(id, v),
            None => p.clear_draft(id),
        });
        self.drafts.update(|d| match draft {
            Some(v) => {
                d.insert(id.to_string(), v);
            }
            None => {
                d.remove(id);
            }
        });
    }
}
