//! Derived values for views, as signals of a few shared types.
//!
//! Leptos renders every distinct closure type with its own copy of the rendering code, so a page
//! with many small `move || …` figures grows the wasm by a few hundred bytes per closure. Wrapped in
//! a `Signal<String>` (or `Signal<bool>`, …) they all share one copy. The rating pages, with a figure
//! in nearly every cell, use these; the behaviour is the same as the closure's.

use leptos::prelude::*;

/// Text that follows the signals `f` reads.
pub fn text(f: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(f)
}

/// A flag for `class:`, `prop:checked`, `prop:selected`.
pub fn flag(f: impl Fn() -> bool + Send + Sync + 'static) -> Signal<bool> {
    Signal::derive(f)
}

/// `aria-invalid="true"` while `f` holds, no attribute otherwise.
pub fn invalid_if(f: impl Fn() -> bool + Send + Sync + 'static) -> Signal<Option<&'static str>> {
    Signal::derive(move || f().then_some("true"))
}

/// A field's error message, when there is one: announced, and said in words what to fix.
#[component]
pub fn ErrorLine(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|m| view! { <p class="field-error" role="alert">{m}</p> })
    }
}
