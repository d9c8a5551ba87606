//! IndexedDB, for what does not belong in localStorage's few megabytes: the undo history, the merge
//! base of the department's record, and the office's workspace of received files (hundreds of them).
//!
//! Values are JSON text under string keys, one object store per purpose. Like localStorage writes,
//! every write is read back and compared, and a full disk is told apart from other failures.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const NAME: &str = "zrz";
/// Bump with a new store in [`STORES`]; `onupgradeneeded` creates what is missing.
const VERSION: u32 = 2;

/// The object stores.
pub mod stores {
    /// Undo points: the department's record before each import, newest last.
    pub const UNDO: &str = "undo";
    /// Small values of the department's record: the merge base after an export or import.
    pub const BASES: &str = "bases";
    /// The office's received department files, one record per department and year.
    pub const RECEIVED: &str = "received";
    /// Beside each received record, under the same key, what the office's summary shows of it (a
    /// cache: computed again when missing).
    pub const FIGURES: &str = "figures";
}

const STORES: [&str; 4] = [
    stores::UNDO,
    stores::BASES,
    stores::RECEIVED,
    stores::FIGURES,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdbFault {
    /// The browser has no IndexedDB here (some private modes, file:// in old browsers).
    Unavailable,
    /// The disk or the site's quota is full.
    QuotaExceeded,
    /// A write read back differently.
    VerifyFailed,
    Other(String),
}

impl std::fmt::Display for IdbFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdbFault::Unavailable => f.write_str("IndexedDB is unavailable"),
            IdbFault::QuotaExceeded => f.write_str("IndexedDB quota exceeded"),
            IdbFault::VerifyFailed => f.write_str("IndexedDB write did not read back"),
            IdbFault::Other(e) => write!(f, "IndexedDB: {e}"),
        }
    }
}

fn fault(e: JsValue) -> IdbFault {
    let name = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.name()))
        .or_else(|| {
            e.dyn_ref::<web_sys::DomException>()
                .map(web_sys::DomException::name)
        })
        .unwrap_or_default();
    let message = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| {
            e.dyn_ref::<web_sys::DomException>()
                .map(web_sys::DomException::message)
        })
        .unwrap_or_default();
    if name == "QuotaExceededError" || message.to_lowercase().contains("quota") {
        IdbFault::QuotaExceeded
    } else {
        IdbFault::Other(format!("{name} {message}").trim().to_string())
    }
}

/// A promise that settles when `request` succeeds (with its result) or fails (with its error).
fn settle(request: &IdbRequest) -> Promise {
    let request = request.clone();
    Promise::new(&mut |resolve, reject| {
        let ok_request = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(
                &JsValue::NULL,
                &ok_request.result().unwrap_or(JsValue::NULL),
            );
        });
        let err_request = request.clone();
        let on_error = Closure::once_into_js(move || {
            let error = err_request
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    })
}

/// The open database. Cheap to clone.
#[derive(Clone)]
pub struct Db(IdbDatabase);

/// Opens (and on first use creates) the app's database.
pub async fn open() -> Result<Db, IdbFault> {
    let factory = leptos::prelude::window()
        .indexed_db()
        .ok()
        .flatten()
        .ok_or(IdbFault::Unavailable)?;
    let request: IdbOpenDbRequest = factory.open_with_u32(NAME, VERSION).map_err(fault)?;
    let upgrade_request = request.clone();
    let upgrade_error: Rc<RefCell<Option<IdbFault>>> = Rc::new(RefCell::new(None));
    let error_slot = upgrade_error.clone();
    let on_upgrade = Closure::<dyn FnMut()>::new(move || {
        let Ok(result) = upgrade_request.result() else {
            return;
        };
        let db: IdbDatabase = result.unchecked_into();
        let names = db.object_store_names();
        for store in STORES {
            if !names.contains(store) {
                if let Err(e) = db.create_object_store(store) {
                    *error_slot.borrow_mut() = Some(fault(e));
                }
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let result = JsFuture::from(settle(&request)).await.map_err(fault);
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    if let Some(e) = upgrade_error.borrow_mut().take() {
        return Err(e);
    }
    let db: IdbDatabase = result?.unchecked_into();
    // A newer version of the app opening the database (with a new store) waits until every
    // connection of an older one closes: this one closes when asked, and its next write reports.
    let closing = db.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || closing.close());
    db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    Ok(Db(db))
}

impl Db {
    fn store(
        &self,
        name: &str,
        mode: IdbTransactionMode,
    ) -> Result<web_sys::IdbObjectStore, IdbFault> {
        self.0
            .transaction_with_str_and_mode(name, mode)
            .and_then(|t| t.object_store(name))
            .map_err(fault)
    }

    pub async fn get(&self, store: &str, key: &str) -> Result<Option<String>, IdbFault> {
        let request = self
            .store(store, IdbTransactionMode::Readonly)?
            .get(&JsValue::from_str(key))
            .map_err(fault)?;
        let value = JsFuture::from(settle(&request)).await.map_err(fault)?;
        Ok(value.as_string())
    }

    /// Writes `value` under `key` and reads it back.
    pub async fn put(&self, store: &str, key: &str, value: &str) -> Result<(), IdbFault> {
        let request = self
            .store(store, IdbTransactionMode::Readwrite)?
            .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
            .map_err(fault)?;
        JsFuture::from(settle(&request)).await.map_err(fault)?;
        match self.get(store, key).await? {
            Some(back) if back == value => Ok(()),
            _ => Err(IdbFault::VerifyFailed),
        }
    }

    pub async fn delete(&self, store: &str, key: &str) -> Result<(), IdbFault> {
        let request = self
            .store(store, IdbTransactionMode::Readwrite)?
            .delete(&JsValue::from_str(key))
            .map_err(fault)?;
        JsFuture::from(settle(&request)).await.map_err(fault)?;
        Ok(())
    }

    /// Every key of a store, in key order.
    pub async fn keys(&self, store: &str) -> Result<Vec<String>, IdbFault> {
        let request = self
            .store(store, IdbTransactionMode::Readonly)?
            .get_all_keys()
            .map_err(fault)?;
        let keys = JsFuture::from(settle(&request)).await.map_err(fault)?;
        Ok(js_sys::Array::from(&keys)
            .iter()
            .filter_map(|k| k.as_string())
            .collect())
    }

    /// Every `(key, value)` of a store, in key order.
    pub async fn all(&self, store: &str) -> Result<Vec<(String, String)>, IdbFault> {
        let keys = self.keys(store).await?;
        let request = self
            .store(store, IdbTransactionMode::Readonly)?
            .get_all()
            .map_err(fault)?;
        let values = JsFuture::from(settle(&request)).await.map_err(fault)?;
        let values: Vec<String> = js_sys::Array::from(&values)
            .iter()
            .map(|v| v.as_string().unwrap_or_default())
            .collect();
        Ok(keys.into_iter().zip(values).collect())
    }
}
