//! A small stand-in for the office's workspace (`state::workspace`, built on another branch): the
//! received department files, one [`Received`] per department and year, in IndexedDB's `received`
//! store under [`Received::store_key`] — the layout the workspace keeps — with the same verbs
//! (`received`, `get`, `update_review`, `receive`). When the workspace lands, the page takes it
//! instead and this file goes.

use leptos::prelude::*;

use crate::browser::idb::{self, stores};
use zrz_domain::review::Review;
use zrz_exchange::{Receipt, Received, Workspace};

#[derive(Clone, Copy)]
pub struct LocalWorkspace {
    received: RwSignal<Vec<Received>>,
    pub loaded: RwSignal<bool>,
    pub fault: RwSignal<Option<String>>,
}

impl LocalWorkspace {
    /// The page load's workspace: read from the store on first use, then shared by every page
    /// (so a route change does not read a store a write has not reached yet).
    pub fn load() -> LocalWorkspace {
        type Shared = (
            ArcRwSignal<Vec<Received>>,
            ArcRwSignal<bool>,
            ArcRwSignal<Option<String>>,
        );
        thread_local! {
            static SHARED: std::cell::RefCell<Option<Shared>> = const { std::cell::RefCell::new(None) };
        }
        let (received, loaded, fault) = SHARED.with(|cell| {
            cell.borrow_mut()
                .get_or_insert_with(|| {
                    let shared: Shared = (
                        ArcRwSignal::new(Vec::new()),
                        ArcRwSignal::new(false),
                        ArcRwSignal::new(None),
                    );
                    let (received, loaded, fault) = shared.clone();
                    leptos::task::spawn_local(async move {
                        match read_all().await {
                            Ok(list) => received.set(list),
                            Err(e) => fault.set(Some(e)),
                        }
                        loaded.set(true);
                    });
                    shared
                })
                .clone()
        });
        LocalWorkspace {
            received: received.into(),
            loaded: loaded.into(),
            fault: fault.into(),
        }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.get()
    }

    pub fn get(&self, store_key: &str) -> Option<Received> {
        self.received
            .with(|r| r.iter().find(|r| r.store_key() == store_key).cloned())
    }

    /// Changes the office's review of one department and stores the record.
    pub fn update_review(&self, store_key: &str, f: impl FnOnce(&mut Review)) {
        let mut changed = None;
        self.received.update(|list| {
            if let Some(r) = list.iter_mut().find(|r| r.store_key() == store_key) {
                f(&mut r.review);
                changed = Some(r.clone());
            }
        });
        if let Some(record) = changed {
            self.store(record);
        }
    }

    /// Receives a department's file (its bytes as read): filed by `Workspace::receive`.
    pub fn receive(&self, file_name: &str, bytes: &[u8]) -> Result<(Receipt, String), String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut ws = Workspace {
            received: self.received.get_untracked(),
            ..Workspace::default()
        };
        let receipt = ws
            .receive(file_name, crate::browser::clock::now(), value)
            .map_err(|e| e.to_string())?;
        let Some(record) = ws
            .received
            .iter()
            .find(|r| {
                r.current.file_name == file_name || r.older.iter().any(|o| o.file_name == file_name)
            })
            .cloned()
        else {
            return Ok((receipt, String::new()));
        };
        let key = record.store_key();
        self.received.set(ws.received);
        if receipt != Receipt::AlreadyHeld {
            self.store(record);
        }
        Ok((receipt, key))
    }

    fn store(&self, record: Received) {
        let fault = self.fault;
        leptos::task::spawn_local(async move {
            let result = async {
                let db = idb::open().await.map_err(|e| e.to_string())?;
                let text = serde_json::to_string(&record).map_err(|e| e.to_string())?;
                db.put(stores::RECEIVED, &record.store_key(), &text)
                    .await
                    .map_err(|e| e.to_string())
            }
            .await;
            fault.set(result.err());
        });
    }
}

async fn read_all() -> Result<Vec<Received>, String> {
    let db = idb::open().await.map_err(|e| e.to_string())?;
    let all = db.all(stores::RECEIVED).await.map_err(|e| e.to_string())?;
    Ok(all
        .into_iter()
        .filter_map(|(_, text)| serde_json::from_str(&text).ok())
        .collect())
}
