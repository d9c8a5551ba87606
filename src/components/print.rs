//! The line a printed page starts with: whose record it is (unit, department, year) and when it was
//! printed. Hidden on screen; the time is taken again just before the browser prints.

use leptos::prelude::*;

use crate::browser::clock;
use crate::i18n::{self, t};
use crate::state::use_store;

#[component]
pub fn PrintHeader() -> impl IntoView {
    let store = use_store();
    let printed = RwSignal::new(clock::now());
    let handle = window_event_listener(leptos::ev::beforeprint, move |_| printed.set(clock::now()));
    on_cleanup(move || handle.remove());
    let text = move || {
        let at = clock::local_datetime(printed.get());
        store.profile.with(|p| {
            let c = &t().common;
            if p.is_complete() {
                (c.printed_for)(&p.unit, &p.department, p.year, &at)
            } else {
                (c.printed_at)(&at)
            }
        })
    };
    // In the interface's language, also inside 方案原文 (marked as Chinese as a whole).
    view! { <p class="print-only print-header" lang=i18n::lang().html_lang() data-testid="print-header">{text}</p> }
}
