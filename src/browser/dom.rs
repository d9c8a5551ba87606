//! The document itself: focus, the page's language, printing and reloading.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the element with `id` once it exists (after the next frame, when a view just added it).
pub fn focus_soon(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// Sets `<html lang>` so that screen readers and fonts follow the interface's language.
pub fn set_document_lang(lang: &str) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang);
    }
}

pub fn reload() {
    let _ = window().location().reload();
}

/// While the page is printed every closed `<details>` is open (佐证材料, 责任人与时限 belong on paper),
/// and the ones opened for it close again afterwards. Called once, at start.
pub fn open_details_while_printing() {
    thread_local! {
        static OPENED: std::cell::RefCell<Vec<web_sys::Element>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let before = window_event_listener(leptos::ev::beforeprint, |_| {
        let Ok(closed) = document().query_selector_all("details:not([open])") else {
            return;
        };
        OPENED.with_borrow_mut(|opened| {
            for i in 0..closed.length() {
                if let Some(el) = closed
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.set_attribute("open", "");
                    opened.push(el);
                }
            }
        });
    });
    let after = window_event_listener(leptos::ev::afterprint, |_| {
        OPENED.with_borrow_mut(|opened| {
            for el in opened.drain(..) {
                let _ = el.remove_attribute("open");
            }
        });
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
}

/// Opens the browser's print dialog (打印 → 另存为 PDF).
pub fn print() {
    let _ = window().print();
}

/// Calls `f` when the browser is about to print (its own print command too), for as long as the
/// calling component lives.
pub fn on_before_print(f: impl Fn() + 'static) {
    let handle = window_event_listener(leptos::ev::beforeprint, move |_| f());
    on_cleanup(move || handle.remove());
}

/// Prints once what the page shows now has been drawn: after a change made for the paper (every
/// row of a list shown), the next frame has it.
pub fn print_after_render() {
    request_animation_frame(move || request_animation_frame(print));
}

/// Asks the user to confirm leaving while something is unsaved (the browser words the question).
pub fn warn_before_leaving(when: impl Fn() -> bool + 'static) {
    let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if when() {
            ev.prevent_default();
            ev.set_return_value("unsaved");
        }
    });
    on_cleanup(move || handle.remove());
}

/// Resolves after the browser has had a turn (a `setTimeout` of 0): long work done in slices
/// awaits this between slices, so the page keeps answering and a progress bar repaints.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves once the browser has painted what the page shows now (the next frame, then a task): for
/// a status line that must be seen before a long piece of work.
pub async fn next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        request_animation_frame(move || {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` once after `ms` milliseconds.
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
}

/// Runs `f` whenever the page may be about to go (hidden, closed, reloaded, navigated away): the
/// last moment for work that must not be lost. `pagehide` alone is missed by some browsers when a
/// tab is closed from the task switcher; `visibilitychange` to hidden comes first there.
pub fn on_page_leaving(f: impl Fn() + Clone + 'static) {
    let g = f.clone();
    let hide = window_event_listener(leptos::ev::pagehide, move |_| f());
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            g();
        }
    });
    on_cleanup(move || {
        hide.remove();
        hidden.remove();
    });
}

/// The `#/…` fragment of the in-app link a plain click (no modifier key, main button) landed on,
/// if any: for a view that keeps its links inside itself (the office's read-only view of a
/// received file).
pub fn clicked_app_link(ev: &web_sys::MouseEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return None;
    }
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let link = target.closest("a[href]").ok()??;
    let href = link.get_attribute("href")?;
    let (page, fragment) = href.split_once('#')?;
    let same_app = page.is_empty() || page == "full.html" || page == "index.html";
    same_app.then(|| format!("#{fragment}"))
}

/// Whether the app runs as the one-file version (`scripts/make-single.py` marks the page): nothing
/// lies beside it to load, and no worker can start from `file://`.
pub fn is_one_file() -> bool {
    document()
        .query_selector(r#"meta[name="zrz-build"][content="one-file"]"#)
        .ok()
        .flatten()
        .is_some()
}
