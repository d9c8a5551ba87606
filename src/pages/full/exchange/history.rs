//! The undo history: before an import changes anything, the record as it was is kept as an
//! [`UndoPoint`] in IndexedDB (`idb::stores::UNDO`, one key per point, sorted by time), so every
//! applied import can be undone, newest first, as many steps back as there are points. The merge base
//! (what the department and its colleagues last had in common: the file last exported or merged) is
//! kept beside it (`idb::stores::BASES`). A record left by the state upgrade under
//! [`LEGACY_KEPT_KEY`] is moved into the history on first use of this page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::importer::Importer;
use crate::browser::idb::{self, stores, IdbFault};
use crate::browser::{clock, download, storage};
use crate::i18n::t;
use crate::state::persist::LEGACY_KEPT_KEY;
use crate::state::{use_app, App};
use zrz_domain::record::Assessment;
use zrz_exchange::state::StoredState;
use zrz_exchange::store::to_state;
use zrz_exchange::{backup_file_name, ExportMeta, UndoPoint};

/// The merge base's key in [`stores::BASES`].
const BASE_KEY: &str = "department";

/// One point of the history, as the page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub key: String,
    pub point: UndoPoint,
}

/// What the history shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Loading,
    Ready,
    Unavailable(String),
}

#[derive(Clone, Copy)]
pub struct History {
    /// Oldest first.
    pub steps: RwSignal<Vec<Step>>,
    pub status: RwSignal<Status>,
    /// Imports undone on this page since it opened (so it never says "nothing was imported").
    pub undone: RwSignal<usize>,
    pub message: RwSignal<Option<Result<String, String>>>,
}

/// The state the page would keep as an undo point: the department's record as it is now.
pub fn current_state(app: &App) -> StoredState {
    let store = app.store;
    to_state(
        &store.meta.get_untracked(),
        store.snapshot(),
        store.extras(),
    )
}

fn key_of(point: &UndoPoint) -> String {
    // Milliseconds, zero-padded: keys sort by time.
    format!("{:015}", point.taken_at.timestamp_millis().max(0))
}

impl History {
    pub fn new() -> History {
        let history = History {
            steps: RwSignal::new(Vec::new()),
            status: RwSignal::new(Status::Loading),
            undone: RwSignal::new(0),
            message: RwSignal::new(None),
        };
        spawn_local(async move {
            history.adopt_legacy().await;
            history.reload().await;
        });
        history
    }

    /// Moves the legacy single-key record into the history (and only then out of localStorage).
    async fn adopt_legacy(self) {
        let Ok(Some(text)) = storage::read(LEGACY_KEPT_KEY) else {
            return;
        };
        let Ok(state) = StoredState::from_json(&text) else {
            // Unreadable: left where it is (nothing is deleted that cannot be read).
            return;
        };
        let at = state.saved_at.unwrap_or_else(clock::now);
        let point = UndoPoint::new(&state, t().exchange.legacy_label, at);
        if self.put(&point).await.is_ok() {
            let _ = storage::remove(LEGACY_KEPT_KEY);
        }
    }

    async fn reload(self) {
        let result = async {
            let db = idb::open().await?;
            db.all(stores::UNDO).await
        }
        .await;
        match result {
            Ok(all) => {
                let steps = all
                    .into_iter()
                    .filter_map(|(key, text)| {
                        UndoPoint::from_json(&text)
                            .ok()
                            .map(|point| Step { key, point })
                    })
                    .collect();
                let _ = self.steps.try_set(steps);
                let _ = self.status.try_set(Status::Ready);
            }
            Err(fault) => {
                let _ = self.status.try_set(Status::Unavailable(fault.to_string()));
            }
        }
    }

    /// Keeps `point`; the import goes ahead only when this succeeded.
    pub async fn put(self, point: &UndoPoint) -> Result<(), IdbFault> {
        let db = idb::open().await?;
        let key = key_of(point);
        db.put(stores::UNDO, &key, &point.to_json()).await?;
        let step = Step {
            key,
            point: point.clone(),
        };
        let _ = self.steps.try_update(|s| {
            s.retain(|x| x.key != step.key);
            s.push(step);
            zrz_domain::order::sort_by(s, |a, b| a.key.cmp(&b.key));
        });
        Ok(())
    }

    /// Forgets a point (an import that was not applied after all).
    pub async fn forget(self, point: &UndoPoint) {
        let key = key_of(point);
        if let Ok(db) = idb::open().await {
            let _ = db.delete(stores::UNDO, &key).await;
        }
        let _ = self.steps.try_update(|s| s.retain(|x| x.key != key));
    }

    /// The merge base, when one is kept.
    pub async fn base(self) -> Option<Assessment> {
        let db = idb::open().await.ok()?;
        let text = db.get(stores::BASES, BASE_KEY).await.ok()??;
        serde_json::from_str(&text).ok()
    }

    /// Keeps `base` as what the department and its colleagues now have in common.
    pub fn set_base(self, base: Assessment) {
        spawn_local(async move {
            if let (Ok(db), Ok(text)) = (idb::open().await, serde_json::to_string(&base)) {
                let _ = db.put(stores::BASES, BASE_KEY, &text).await;
            }
        });
    }

    fn clear_base(self) {
        spawn_local(async move {
            if let Ok(db) = idb::open().await {
                let _ = db.delete(stores::BASES, BASE_KEY).await;
            }
        });
    }

    /// Puts back the state before the newest import and forgets that point.
    pub fn undo_last(self, app: App, importer: Importer) {
        let x = &t().exchange;
        let Some(step) = self.steps.with_untracked(|s| s.last().cloned()) else {
            return;
        };
        let state = match step.point.restore() {
            Ok(state) => state,
            Err(e) => {
                self.message
                    .set(Some(Err((x.undo_unreadable)(&(t().errors.state)(&e)))));
                return;
            }
        };
        importer.reset();
        spawn_local(async move {
            let removed = async {
                let db = idb::open().await?;
                db.delete(stores::UNDO, &step.key).await
            }
            .await;
            if let Err(fault) = removed {
                let _ = self
                    .message
                    .try_set(Some(Err((x.undo_failed)(&fault.to_string()))));
                return;
            }
            restore_state(&app, state);
            // The base belonged to the undone import: the next merge compares two ways and asks.
            self.clear_base();
            let _ = self.steps.try_update(|s| s.retain(|x| x.key != step.key));
            let _ = self.undone.try_update(|n| *n += 1);
            let _ = self
                .message
                .try_set(Some(Ok((x.undone)(&step.point.label))));
        });
    }
}

/// Makes the department's record `state` (an undo, a restore): every record and the template.
pub fn restore_state(app: &App, state: StoredState) {
    let store = app.store;
    let template = state.template.clone();
    store.adopt(state.assessment, state.extras);
    if store.meta.with_untracked(|m| m.template != template) {
        store.set_template(template);
    }
}

#[component]
pub fn UndoSection(importer: Importer) -> impl IntoView {
    let app = use_app();
    let x = &t().exchange;
    let history = importer.history();
    let ready = move || {
        history.status.get() == Status::Ready
            && history.steps.with(|s| !s.is_empty())
            && !importer.disabled()
    };
    let status = move || match history.status.get() {
        Status::Loading => x.undo_loading.to_string(),
        Status::Unavailable(reason) => (x.undo_unavailable)(&reason),
        Status::Ready => {
            let steps = history.steps.with(Vec::len);
            match (steps, history.undone.get()) {
                (0, 0) => x.undo_none.to_string(),
                (0, undone) => (x.undo_all_undone)(undone),
                (n, _) => (x.undo_ready)(n),
            }
        }
    };
    let last_label = move || {
        history.steps.with(|s| {
            s.last().map(|step| {
                (x.undo_last_point)(
                    &step.point.label,
                    &clock::local_datetime(step.point.taken_at),
                )
            })
        })
    };
    let failed = RwSignal::new(None::<String>);
    let download_point = move |point: UndoPoint| {
        let store = app.store;
        let meta = ExportMeta::new(clock::now(), env!("CARGO_PKG_VERSION"));
        let template = store.template.get_untracked();
        let result = point
            .to_backup_file(&template, &meta)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                download::download_text(&backup_file_name(&meta), &text, "application/json")
                    .map_err(String::from)
            });
        failed.set(result.err());
    };
    view! {
        <h2 id="undo-title">{x.undo_title}</h2>
        <p id="undo-status" class="hint" data-testid="undo-status">{status}</p>
        <p class="hint" data-testid="undo-last">{last_label}</p>
        <button
            type="button"
            on:click=move |_| history.undo_last(app, importer)
            disabled=move || !ready()
            aria-describedby="undo-status"
            data-testid="undo-button"
        >
            {x.undo_button}
        </button>
        {move || history.message.get().map(|result| match result {
            Ok(message) => view! { <p class="field-ok" role="status" data-testid="undo-result">{message}</p> }.into_any(),
            Err(message) => view! { <p class="field-error" role="alert" data-testid="undo-result">{message}</p> }.into_any(),
        })}
        <Show when=move || history.steps.with(|s| !s.is_empty())>
            <details class="undo-history" data-testid="undo-history">
                <summary>{move || (x.undo_history)(history.steps.with(Vec::len))}</summary>
                <ol reversed=true>
                    {move || history.steps.get().into_iter().rev().map(|step| {
                        let when = clock::local_datetime(step.point.taken_at);
                        let label = step.point.label.clone();
                        let point = step.point.clone();
                        let aria = (x.undo_download_label)(&label);
                        view! {
                            <li>
                                <span>{format!("{when} {label}")}</span> " "
                                <button type="button" aria-label=aria on:click=move |_| download_point(point.clone())>
                                    {x.undo_download}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ol>
                {move || failed.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </details>
        </Show>
    }
}
