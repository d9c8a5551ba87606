//! Browser-module tests, run in headless Chromium (`make test-wasm`, see scripts/test-wasm.sh).
//! Each test starts from an empty localStorage (`reset`) and asserts what the user would rely on.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use zrz::browser::crypto::{self, CryptoFault};
use zrz::browser::idb::{self, stores};
use zrz::browser::storage::{self, StorageFault};
use zrz_exchange::store::{Meta, LEGACY_KEY, META_KEY};

wasm_bindgen_test_configure!(run_in_browser);

fn reset() {
    window().local_storage().unwrap().unwrap().clear().unwrap();
}

fn set(key: &str, value: &str) {
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(key, value)
        .unwrap();
}

/// Resolves in a task after this one (after a `setTimeout(0)` set before now).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Mounts the app on 总览 into a fresh element, as a department's browser; returns its text after
/// the first render, and a way to take it down.
async fn start_app() -> (String, web_sys::Element, impl FnOnce()) {
    set("zrz.role", "department");
    // The test runner's page carries a fragment of its own; start on 总览 as a user would.
    window().location().set_hash("#/overview").unwrap();
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), || {
        zrz::shell::provide_state();
        zrz::shell::Shell()
    });
    // The page is drawn in the task after the frame's.
    next_task().await;
    leptos::task::tick().await;
    let text = host.text_content().unwrap_or_default();
    let el = host.clone();
    (text, el, move || {
        drop(handle);
        host.remove();
    })
}

#[wasm_bindgen_test]
fn first_run_reads_nothing() {
    reset();
    assert_eq!(
        storage::read(META_KEY),
        Ok(None),
        "an empty storage is a first run, not an error"
    );
}

#[wasm_bindgen_test]
fn a_verified_write_reads_back_through_gloo_and_raw_storage() {
    reset();
    let text = Meta::default().encode();
    storage::write_verified(META_KEY, &text).expect("a small write succeeds");
    let back = storage::read(META_KEY).unwrap().expect("just written");
    assert_eq!(back, text);
    let via_gloo: serde_json::Value =
        <gloo_storage::LocalStorage as gloo_storage::Storage>::get(META_KEY)
            .expect("gloo reads our JSON");
    assert_eq!(via_gloo["format"], "zrz-store");
    assert_eq!(Meta::decode(&back), Ok(Meta::default()));
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_quota_and_keeps_the_last_good_value() {
    reset();
    let key = "zrz3.r.answers/3.1";
    storage::write_verified(key, "last good").unwrap();
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
    let result = storage::write_verified(key, &"y".repeat(2 * 1024 * 1024));
    assert_eq!(result, Err(StorageFault::QuotaExceeded));
    assert_eq!(
        storage::read(key).unwrap().as_deref(),
        Some("last good"),
        "a failed write changes nothing"
    );
    assert!(
        storage::used_chars() > 4_000_000,
        "the usage counts what is stored"
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
async fn one_damaged_record_is_kept_aside_and_the_rest_loads() {
    reset();
    set(META_KEY, &Meta::default().encode());
    let stamp = r#"{"at":"2025-03-01T00:00:00Z","by":"tab-x"}"#;
    set(
        "zrz3.r.profile/",
        &format!(
            r#"{{"rev":{stamp},"data":{{"unit":"县文化广播影视局","department":"办公室","filled_by":"张三","year":2025}}}}"#
        ),
    );
    set("zrz3.r.answers/3.1", "{broken");
    let (text, _, stop) = start_app().await;
    assert!(text.contains("办公室"), "the profile loaded: {text}");
    assert!(text.contains("无法读取"), "the user is told: {text}");
    let kept = storage::quarantined_keys();
    assert_eq!(
        kept.len(),
        1,
        "the unreadable text is kept under its own key"
    );
    assert_eq!(storage::read(&kept[0]).unwrap().as_deref(), Some("{broken"));
    assert_eq!(
        storage::read("zrz3.r.answers/3.1").unwrap().as_deref(),
        Some("{broken"),
        "and left where it was"
    );
    stop();
    reset();
}

#[wasm_bindgen_test]
async fn the_single_key_record_of_earlier_versions_is_split_into_records_and_kept() {
    reset();
    let legacy = include_str!("fixtures/state/v1.json");
    set(LEGACY_KEY, legacy);
    let (text, _, stop) = start_app().await;
    assert!(
        text.contains("县文化广播影视局"),
        "the old data shows: {text}"
    );
    assert!(storage::read(META_KEY).unwrap().is_some());
    let answer = storage::read("zrz3.r.answers/4.1.1")
        .unwrap()
        .expect("records written");
    assert!(answer.contains("上半年已召开"), "{answer}");
    assert_eq!(storage::read(LEGACY_KEY).unwrap(), None);
    assert_eq!(
        storage::read(zrz::state::persist::LEGACY_KEPT_KEY)
            .unwrap()
            .as_deref(),
        Some(legacy),
        "the old text is kept as it was"
    );
    stop();
    reset();
}

#[wasm_bindgen_test]
async fn data_from_a_newer_app_is_read_only_and_untouched() {
    reset();
    let newer = r#"{"format":"zrz-store","version":99}"#;
    set(META_KEY, newer);
    let (text, _, stop) = start_app().await;
    assert!(text.contains("只读"), "the header says read only: {text}");
    assert_eq!(storage::read(META_KEY).unwrap().as_deref(), Some(newer));
    assert_eq!(
        storage::keys_with_prefix("zrz3.r.").len(),
        0,
        "nothing written"
    );
    stop();
    reset();
}

#[wasm_bindgen_test]
async fn indexeddb_writes_are_read_back_and_listed() {
    let db = idb::open().await.expect("IndexedDB opens");
    for key in db.keys(stores::UNDO).await.unwrap() {
        db.delete(stores::UNDO, &key).await.unwrap();
    }
    db.put(stores::UNDO, "b", "二").await.unwrap();
    db.put(stores::UNDO, "a", "一").await.unwrap();
    assert_eq!(
        db.get(stores::UNDO, "a").await.unwrap().as_deref(),
        Some("一")
    );
    assert_eq!(db.get(stores::UNDO, "missing").await.unwrap(), None);
    assert_eq!(
        db.all(stores::UNDO).await.unwrap(),
        vec![
            ("a".to_string(), "一".to_string()),
            ("b".to_string(), "二".to_string())
        ]
    );
    db.delete(stores::UNDO, "a").await.unwrap();
    assert_eq!(db.keys(stores::UNDO).await.unwrap(), vec!["b".to_string()]);
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

/// A made-up dropped tree for `files::walk`.
struct Fake {
    path: &'static str,
    children: Option<Vec<Fake>>,
    fails: bool,
}

fn file(path: &'static str) -> Fake {
    Fake {
        path,
        children: None,
        fails: false,
    }
}

fn folder(path: &'static str, children: Vec<Fake>) -> Fake {
    Fake {
        path,
        children: Some(children),
        fails: false,
    }
}

impl zrz::browser::files::DropEntry for Fake {
    type File = &'static str;
    fn path(&self) -> String {
        self.path.into()
    }
    fn is_directory(&self) -> bool {
        self.children.is_some()
    }
    async fn children(&self) -> Result<Vec<Fake>, String> {
        leptos::task::tick().await;
        if self.fails {
            return Err("NotReadableError".into());
        }
        Ok(self
            .children
            .as_ref()
            .unwrap()
            .iter()
            .map(|c| Fake {
                path: c.path,
                children: c.children.as_ref().map(|v| {
                    v.iter()
                        .map(|g| Fake {
                            path: g.path,
                            children: None,
                            fails: g.fails,
                        })
                        .collect()
                }),
                fails: c.fails,
            })
            .collect())
    }
    async fn file(&self) -> Result<&'static str, String> {
        if self.fails {
            return Err("NotFoundError".into());
        }
        Ok(self.path)
    }
}

/// A dropped folder: every .json file at any depth, in path order; the rest skipped with a reason.
#[wasm_bindgen_test]
async fn a_dropped_folder_is_walked_for_json_files_only() {
    use zrz::browser::files::{walk, SkipWhy, Skipped};
    let mut locked = folder("/各科室/锁定", vec![]);
    locked.fails = true;
    let mut gone = file("/各科室/已删除.json");
    gone.fails = true;
    let tree = vec![
        folder(
            "/各科室",
            vec![
                file("/各科室/办公室.json"),
                file("/各科室/说明.txt"),
                folder(
                    "/各科室/二级",
                    vec![
                        file("/各科室/二级/宣传科.JSON"),
                        file("/各科室/二级/照片.jpg"),
                    ],
                ),
                locked,
                gone,
            ],
        ),
        file("/单独.json"),
    ];
    let (found, skipped) = walk(tree).await;
    assert_eq!(
        found,
        [
            "/单独.json",
            "/各科室/二级/宣传科.JSON",
            "/各科室/办公室.json"
        ]
    );
    let skip = |path: &str, why: SkipWhy| Skipped {
        path: path.into(),
        why,
    };
    assert_eq!(
        skipped,
        [
            skip("/各科室/二级/照片.jpg", SkipWhy::NotJson),
            skip(
                "/各科室/已删除.json",
                SkipWhy::Unreadable("NotFoundError".into())
            ),
            skip("/各科室/说明.txt", SkipWhy::NotJson),
            skip(
                "/各科室/锁定",
                SkipWhy::Unreadable("NotReadableError".into())
            ),
        ]
    );
}

/// A worker from JavaScript source (a Blob URL), for `browser::worker`'s protocol.
fn worker_url(source: &str) -> String {
    let parts = js_sys::Array::of1(&source.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

#[wasm_bindgen_test]
async fn a_worker_answers_each_request_with_its_own_answer_even_out_of_order() {
    use zrz::browser::worker::Worker;
    // Answers later requests first (shorter delays), and "null" for an empty text.
    let w = Worker::start(
        &worker_url(
            "postMessage({ ready: 'w/1' });
             onmessage = (e) => setTimeout(() => postMessage({ id: e.data.id,
               answer: e.data.text ? e.data.request + ':' + e.data.text.toUpperCase() : null }),
               e.data.text.length * 20);",
        ),
        "w/1",
    );
    let slow = w.send("file", "abcdef");
    let fast = w.send("record", "x");
    let none = w.send("file", "");
    assert_eq!(none.answer().await, Ok(None));
    assert_eq!(fast.answer().await, Ok(Some("record:X".into())));
    assert_eq!(slow.answer().await, Ok(Some("file:ABCDEF".into())));
    assert!(!w.is_unavailable());
}

#[wasm_bindgen_test]
async fn a_worker_of_another_wire_or_that_fails_to_load_is_unavailable() {
    use zrz::browser::worker::{Unavailable, Worker};
    let other = Worker::start(
        &worker_url(
            "postMessage({ ready: 'w/0' }); onmessage = (e) => postMessage({ id: e.data.id, answer: 'wrong' });",
        ),
        "w/1",
    );
    assert_eq!(other.send("file", "a").answer().await, Err(Unavailable));
    assert!(other.is_unavailable());
    // Unavailable at once from then on.
    assert_eq!(other.send("file", "b").answer().await, Err(Unavailable));

    let broken = Worker::start(&worker_url("this is not javascript ("), "w/1");
    assert_eq!(broken.send("file", "a").answer().await, Err(Unavailable));
    assert!(broken.is_unavailable());

    // A worker that fails while answering: the request waiting for it is answered "unavailable".
    let failing = Worker::start(
        &worker_url(
            "postMessage({ ready: 'w/1' }); onmessage = () => { throw new Error('trap'); };",
        ),
        "w/1",
    );
    assert_eq!(failing.send("file", "a").answer().await, Err(Unavailable));
}
