//! Browser-module tests, run in headless Chromium (`make test-wasm`, see scripts/test-wasm.sh).
//! Each test starts from an empty localStorage (`reset`) and asserts what the user would rely on.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use zrz::browser::crypto::{self, CryptoFault};
use zrz::browser::storage::{self, StorageFault, STATE_KEY};
use zrz_exchange::state::StoredState;

wasm_bindgen_test_configure!(run_in_browser);

fn reset() {
    window().local_storage().unwrap().unwrap().clear().unwrap();
}

#[wasm_bindgen_test]
fn first_run_reads_nothing() {
    reset();
    assert_eq!(
        storage::read(STATE_KEY),
        Ok(None),
        "an empty storage is a first run, not an error"
    );
}

#[wasm_bindgen_test]
fn a_verified_write_reads_back_through_gloo_and_raw_storage() {
    reset();
    let mut state = StoredState::default();
    state.assessment.profile.unit = "县文化广播影视局".into();
    state.assessment.profile.year = 2024;
    let text = state.to_json();
    storage::write_verified(STATE_KEY, &text).expect("a small write succeeds");
    let back = storage::read(STATE_KEY).unwrap().expect("just written");
    assert_eq!(back, text);
    let via_gloo: serde_json::Value =
        <gloo_storage::LocalStorage as gloo_storage::Storage>::get(STATE_KEY)
            .expect("gloo reads our JSON");
    assert_eq!(via_gloo["format"], "zrz-state");
    let restored = StoredState::from_json(&back).expect("what we wrote we can read");
    assert_eq!(restored.assessment.profile.unit, "县文化广播影视局");
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_quota_and_keeps_the_last_good_value() {
    reset();
    storage::write_verified(STATE_KEY, "last good").unwrap();
    // Fill localStorage until the browser refuses (Chromium allows about 5 MB per origin).
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    while storage::write_verified(&format!("filler.{filled}"), &chunk).is_ok() {
        filled += 1;
        assert!(
            filled < 200,
            "the browser never refused: no quota to test against"
        );
    }
    let result = storage::write_verified(STATE_KEY, &"y".repeat(2 * 1024 * 1024));
    assert_eq!(result, Err(StorageFault::QuotaExceeded));
    assert_eq!(
        storage::read(STATE_KEY).unwrap().as_deref(),
        Some("last good"),
        "a failed write changes nothing"
    );
    reset();
}

#[wasm_bindgen_test]
fn unreadable_data_is_kept_aside_not_discarded() {
    reset();
    let key = storage::quarantine("{not json", "20240101T000000").unwrap();
    assert_eq!(storage::quarantined_keys(), vec![key.clone()]);
    assert_eq!(storage::read(&key).unwrap().as_deref(), Some("{not json"));
    reset();
}

#[wasm_bindgen_test]
async fn the_app_starts_with_setup_and_keeps_corrupt_data_aside() {
    reset();
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(STATE_KEY, "{broken")
        .unwrap();
    // The test runner's page carries a fragment of its own; start on 总览 as a user would.
    window().location().set_hash("#/overview").unwrap();
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), zrz::ui::App);
    leptos::task::tick().await;
    let text = host.text_content().unwrap_or_default();
    assert!(
        text.contains("开始使用"),
        "a first run shows the setup form, got: {text}"
    );
    assert!(
        text.contains("无法读取"),
        "the user is told the stored data could not be read"
    );
    let kept = storage::quarantined_keys();
    assert_eq!(
        kept.len(),
        1,
        "the unreadable text is kept under its own key"
    );
    assert_eq!(storage::read(&kept[0]).unwrap().as_deref(), Some("{broken"));
    drop(handle);
    host.remove();
    reset();
}

#[wasm_bindgen_test]
async fn a_passphrase_protected_file_opens_only_with_its_passphrase() {
    let plaintext = r#"{"format":"zrz-exchange","note":"县文化广播影视局 机密"}"#;
    let sealed = crypto::encrypt("正确的口令 2024", plaintext)
        .await
        .expect("WebCrypto is available");
    assert!(
        !sealed.contains("机密") && !sealed.contains("zrz-exchange\""),
        "the content does not show through"
    );
    assert!(
        sealed.contains("\"iterations\": 600000"),
        "PBKDF2 with 600,000 iterations: {sealed}"
    );
    assert_eq!(
        crypto::decrypt("正确的口令 2024", &sealed).await.as_deref(),
        Ok(plaintext)
    );
    assert_eq!(
        crypto::decrypt("错误的口令 2024", &sealed).await,
        Err(CryptoFault::WrongPassphrase)
    );
    let again = crypto::encrypt("正确的口令 2024", plaintext).await.unwrap();
    assert_ne!(again, sealed, "salt and nonce are random per file");
    // A flipped bit in the ciphertext is caught by the GCM tag, never returned as garbage.
    let mut file: serde_json::Value = serde_json::from_str(&sealed).unwrap();
    let ct = file["ciphertext"].as_str().unwrap().to_string();
    let flipped = if ct.starts_with('A') {
        ct.replacen('A', "B", 1)
    } else {
        format!("A{}", &ct[1..])
    };
    file["ciphertext"] = flipped.into();
    assert_eq!(
        crypto::decrypt("正确的口令 2024", &file.to_string()).await,
        Err(CryptoFault::WrongPassphrase)
    );
}
