//! The app's one root value, shared through context, and the effect that persists it.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use crate::browser::{clock, storage};
use zrz_domain::plan::Template;
use zrz_domain::record::{Answer, Profile};
use zrz_exchange::state::{StateError, StoredState};
use zrz_exchange::tabs;

/// How the last save went; shown in the header on every page.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing changed since the page loaded.
    Loaded,
    Saved(DateTime<Utc>),
    Failed(String),
    /// Stored data was written by a newer app version: nothing is written, so nothing is damaged.
    ReadOnly(String),
}

/// What happened when the stored data was read at start-up, when it needs saying.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadNotice {
    /// Stored data could not be read; it was kept aside under `key` and the app started empty.
    Quarantined { key: String, reason: String },
    /// Could not even keep it aside.
    Unreadable { reason: String },
}

/// The record this tab last wrote to or read from localStorage: the merge base for tab sync.
struct Synced {
    text: String,
    state: StoredState,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub data: RwSignal<StoredState>,
    pub template: RwSignal<Arc<Template>>,
    pub save: RwSignal<SaveStatus>,
    pub notice: RwSignal<Option<LoadNotice>>,
    /// Conflicts resolved while merging another tab's edits, for the user to read.
    pub sync_notes: RwSignal<Vec<String>>,
    /// The browser's answer to `navigator.storage.persist()`; `None` until it answers, or if it can't.
    pub persisted: RwSignal<Option<bool>>,
    pub today: NaiveDate,
}

/// The template `state` is filled in with: its imported 年度方案, else (none, or one that no longer
/// builds) the template shipped with the app.
pub fn template_of(state: &StoredState) -> Arc<Template> {
    let template = state
        .template
        .clone()
        .and_then(|raw| Template::build(raw).ok())
        .unwrap_or_else(Template::shipped);
    Arc::new(template)
}

pub fn use_app() -> AppState {
    use_context::<AppState>().expect("AppState is provided by App at the root")
}

impl AppState {
    /// Reads localStorage and provides the state to the whole tree.
    pub fn provide() -> AppState {
        let today = clock::today();
        let (stored, save, notice) = load();
        let synced = StoredValue::new(Synced {
            text: stored.to_json(),
            state: stored.clone(),
        });
        let template = template_of(&stored);
        let app = AppState {
            data: RwSignal::new(stored),
            template: RwSignal::new(template),
            save: RwSignal::new(save),
            notice: RwSignal::new(notice),
            sync_notes: RwSignal::new(Vec::new()),
            persisted: RwSignal::new(None),
            today,
        };
        provide_context(app);
        app.persist_on_change(synced);
        leptos::task::spawn_local(async move {
            app.persisted.set(storage::request_persistence().await)
        });
        app
    }

    /// Saves after every change, and keeps two tabs of the app in step: before writing, and whenever
    /// the other tab writes (`storage` event), the other tab's record is merged in three-way against
    /// `synced`, the record this tab last wrote or read (see `exchange::tabs`).
    fn persist_on_change(self, synced: StoredValue<Synced>) {
        let AppState { data, save, .. } = self;
        Effect::new(move |first_run: Option<()>| {
            let text = data.with(StoredState::to_json);
            // The first run only subscribes: what was just loaded needs no writing back.
            if first_run.is_none() || matches!(save.get_untracked(), SaveStatus::ReadOnly(_)) {
                return;
            }
            if synced.with_value(|s| s.text == text) {
                return;
            }
            // Another tab may have written since we last looked, its event not yet delivered.
            if let Ok(Some(stored)) = storage::read(storage::STATE_KEY) {
                if synced.with_value(|s| s.text != stored) {
                    if let Some(merged) = self.merge_from_other_tab(synced, &stored) {
                        data.set(merged); // runs this effect again, which writes the merge
                        return;
                    }
                }
            }
            save.set(match storage::write_verified(storage::STATE_KEY, &text) {
                Ok(()) => {
                    synced.set_value(Synced {
                        state: data.get_untracked(),
                        text,
                    });
                    SaveStatus::Saved(clock::now())
                }
                Err(fault) => SaveStatus::Failed(fault.to_string()),
            });
        });
        let handle = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() != Some(storage::STATE_KEY) {
                return;
            }
            let Some(stored) = event.new_value() else {
                return;
            };
            if synced.with_value(|s| s.text == stored) {
                return;
            }
            if let Some(merged) = self.merge_from_other_tab(synced, &stored) {
                data.set(merged);
            }
        });
        on_cleanup(move || handle.remove());
    }

    /// Merges the record another tab stored into this tab's state. Returns `None` (and changes
    /// nothing) when that record cannot be used; a newer app's record makes this tab read-only.
    fn merge_from_other_tab(
        self,
        synced: StoredValue<Synced>,
        stored: &str,
    ) -> Option<StoredState> {
        let theirs = match StoredState::from_json(stored) {
            Ok(theirs) => theirs,
            Err(err @ StateError::TooNew { .. }) => {
                self.save.set(SaveStatus::ReadOnly(err.to_string()));
                return None;
            }
            Err(_) => return None,
        };
        let base = synced.with_value(|s| s.state.clone());
        let mine = self.data.get_untracked();
        let merged = tabs::merge_tabs(&base, &mine, &theirs).ok()?;
        if !merged.conflicts.is_empty() {
            self.sync_notes
                .update(|notes| notes.extend(merged.conflicts.iter().map(|c| c.describe())));
        }
        synced.set_value(Synced {
            state: theirs,
            text: stored.to_string(),
        });
        Some(merged.state)
    }

    pub fn read_only(&self) -> bool {
        matches!(self.save.get(), SaveStatus::ReadOnly(_))
    }

    pub fn profile(&self) -> Profile {
        self.data.with(|d| d.assessment.profile.clone())
    }

    pub fn set_profile(&self, profile: Profile) {
        self.data.update(|d| {
            d.assessment.profile = profile;
            d.changes_since_export += 1;
        });
    }

    pub fn answer(&self, item_id: &str) -> Option<Answer> {
        self.data
            .with(|d| d.assessment.answers.get(item_id).cloned())
    }

    /// Stores an already validated answer, stamped with the time of the edit. No-op if unchanged.
    pub fn put_answer(&self, item_id: &str, mut answer: Answer) {
        let current = self
            .data
            .with_untracked(|d| d.assessment.answers.get(item_id).cloned());
        if let Some(current) = &current {
            answer.updated_at = current.updated_at;
            if *current == answer {
                return;
            }
        }
        answer.updated_at = Some(clock::now());
        self.data.update(|d| {
            d.assessment.answers.insert(item_id.to_string(), answer);
            d.changes_since_export += 1;
        });
    }
}

fn load() -> (StoredState, SaveStatus, Option<LoadNotice>) {
    let text = match storage::read(storage::STATE_KEY) {
        Ok(None) => return (StoredState::default(), SaveStatus::Loaded, None),
        Ok(Some(text)) => text,
        Err(fault) => {
            return (
                StoredState::default(),
                SaveStatus::Failed(fault.to_string()),
                None,
            )
        }
    };
    match StoredState::from_json(&text) {
        Ok(state) => (state, SaveStatus::Loaded, None),
        Err(err @ StateError::TooNew { .. }) => {
            // Show nothing rather than guess: the newer app's data stays exactly as it is.
            (
                StoredState::default(),
                SaveStatus::ReadOnly(err.to_string()),
                None,
            )
        }
        Err(err) => {
            let stamp = clock::now().format("%Y%m%dT%H%M%S").to_string();
            let notice = match storage::quarantine(&text, &stamp) {
                Ok(key) => LoadNotice::Quarantined {
                    key,
                    reason: err.to_string(),
                },
                Err(fault) => LoadNotice::Unreadable {
                    reason: format!("{err}；另存失败：{fault}"),
                },
            };
            let save = if matches!(notice, LoadNotice::Quarantined { .. }) {
                SaveStatus::Loaded
            } else {
                // Keep the original text in place: writing would destroy the only copy.
                SaveStatus::ReadOnly(err.to_string())
            };
            (StoredState::default(), save, Some(notice))
        }
    }
}
