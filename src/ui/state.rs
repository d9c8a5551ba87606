//! The app's one root value, shared through context, and the effect that persists it.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use crate::browser::{clock, storage};
use crate::domain::assessment::{Answer, Profile};
use crate::domain::template::Template;
use crate::exchange::state::{StateError, StoredState};

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

#[derive(Clone, Copy)]
pub struct AppState {
    pub data: RwSignal<StoredState>,
    pub template: RwSignal<Arc<Template>>,
    pub save: RwSignal<SaveStatus>,
    pub notice: RwSignal<Option<LoadNotice>>,
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
        let template = template_of(&stored);
        let app = AppState {
            data: RwSignal::new(stored),
            template: RwSignal::new(template),
            save: RwSignal::new(save),
            notice: RwSignal::new(notice),
            today,
        };
        provide_context(app);
        app.persist_on_change();
        app
    }

    fn persist_on_change(self) {
        let data = self.data;
        let save = self.save;
        Effect::new(move |first_run: Option<()>| {
            let text = data.with(StoredState::to_json);
            // The first run only subscribes: what was just loaded needs no writing back.
            if first_run.is_none() || matches!(save.get_untracked(), SaveStatus::ReadOnly(_)) {
                return;
            }
            save.set(match storage::write_verified(storage::STATE_KEY, &text) {
                Ok(()) => SaveStatus::Saved(clock::now()),
                Err(fault) => SaveStatus::Failed(fault.to_string()),
            });
        });
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
        Err(StateError::TooNew { found, supported }) => {
            // Show nothing rather than guess: the newer app's data stays exactly as it is.
            let message = StateError::TooNew { found, supported }.to_string();
            (StoredState::default(), SaveStatus::ReadOnly(message), None)
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
