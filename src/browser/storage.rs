//! localStorage, the app's only database. Every write is read back and compared; a failure is
//! classified so the UI can say what to do; nothing unreadable is ever thrown away.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

/// Prefix of keys holding stored data that could not be read, kept aside for the user to download.
pub const QUARANTINE_PREFIX: &str = "zrz.unreadable.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageFault {
    /// localStorage cannot be used at all (disabled, blocked, some private modes).
    Unavailable,
    /// The browser's quota is used up (every browser names this error differently).
    QuotaExceeded,
    /// The write "succeeded" but reading it back gave something else.
    VerifyFailed,
    Other(String),
}

/// For logs and tests, in neutral form; the interface words it with `i18n` (`shell.storage_fault`).
impl std::fmt::Display for StorageFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "storage failed: {self:?}")
    }
}

fn storage() -> Result<web_sys::Storage, StorageFault> {
    // `LocalStorage::raw` panics where `window.localStorage` throws (e.g. storage disabled by
    // policy), so ask the window directly first.
    match leptos::prelude::window().local_storage() {
        Ok(Some(_)) => Ok(LocalStorage::raw()),
        _ => Err(StorageFault::Unavailable),
    }
}

fn classify(err: wasm_bindgen::JsValue) -> StorageFault {
    let name = err
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.name()))
        .unwrap_or_default();
    let message = err
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default();
    match name.as_str() {
        // Chrome/Safari, old Firefox, old Safari/WebKit respectively.
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" | "QUOTA_EXCEEDED_ERR" => {
            StorageFault::QuotaExceeded
        }
        "SecurityError" => StorageFault::Unavailable,
        _ if message.to_lowercase().contains("quota") => StorageFault::QuotaExceeded,
        _ => StorageFault::Other(format!("{name} {message}").trim().to_string()),
    }
}

/// The raw text under `key`; `Ok(None)` on a first run.
pub fn read(key: &str) -> Result<Option<String>, StorageFault> {
    storage()?.get_item(key).map_err(classify)
}

/// Writes `text` under `key` and reads it back. On any failure the previous value is left as it was
/// (a failed `setItem` changes nothing).
pub fn write_verified(key: &str, text: &str) -> Result<(), StorageFault> {
    let storage = storage()?;
    storage.set_item(key, text).map_err(classify)?;
    match storage.get_item(key).map_err(classify)? {
        Some(back) if back == text => Ok(()),
        _ => Err(StorageFault::VerifyFailed),
    }
}

pub fn remove(key: &str) -> Result<(), StorageFault> {
    storage()?.remove_item(key).map_err(classify)
}

/// Keeps unreadable stored text under a key of its own, so it is never lost; returns that key.
pub fn quarantine(text: &str, stamp: &str) -> Result<String, StorageFault> {
    let key = format!("{QUARANTINE_PREFIX}{stamp}");
    write_verified(&key, text)?;
    Ok(key)
}

/// Keys of the texts kept aside by [`quarantine`].
pub fn quarantined_keys() -> Vec<String> {
    keys_with_prefix(QUARANTINE_PREFIX)
}

/// Every key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Ok(storage) = storage() else {
        return Vec::new();
    };
    let len = storage.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Every key that starts with `prefix`, with its value, in one pass.
pub fn entries_with_prefix(prefix: &str) -> Result<Vec<(String, String)>, StorageFault> {
    let storage = storage()?;
    let len = storage.length().map_err(classify)?;
    let mut out = Vec::new();
    for i in 0..len {
        let Some(key) = storage.key(i).map_err(classify)? else {
            continue;
        };
        if key.starts_with(prefix) {
            if let Some(value) = storage.get_item(&key).map_err(classify)? {
                out.push((key, value));
            }
        }
    }
    Ok(out)
}

/// About how many characters browsers let one site keep in localStorage (UTF-16 code units, keys
/// included): the figure [`used_chars`] is measured against.
pub const QUOTA_CHARS: usize = 5_000_000;

/// The characters stored under every key of this site, keys included: localStorage counts UTF-16
/// code units against a quota of about five million.
pub fn used_chars() -> usize {
    let Ok(storage) = storage() else {
        return 0;
    };
    let len = storage.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .map(|k| {
            let v = storage.get_item(&k).ok().flatten().unwrap_or_default();
            k.encode_utf16().count() + v.encode_utf16().count()
        })
        .sum()
}

/// Asks the browser not to evict this site's storage under pressure (`navigator.storage.persist()`).
/// `None` where the browser has no such API or refused to answer.
pub async fn request_persistence() -> Option<bool> {
    let manager = leptos::prelude::window().navigator().storage();
    let promise = manager.persist().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}
