//! Icons beside words, so that colour is never the only signal: a red line that occurred, an item
//! past its deadline, something done. Inline SVG (no icon font, nothing fetched), hidden from screen
//! readers because the words beside it say the same.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconKind {
    /// A triangle with "!": a red line that occurred, a failure.
    Warning,
    /// A clock: past its deadline, or behind its pace.
    Overdue,
    /// A tick: done, confirmed.
    Done,
    /// An "i" in a circle: for information.
    Info,
}

#[component]
pub fn Icon(kind: IconKind) -> impl IntoView {
    let path = match kind {
        IconKind::Warning => "M8 1.5 15 14.5H1Z M8 6v4 M8 11.6v.8",
        IconKind::Overdue => "M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13Z M8 4.5V8l2.5 2",
        IconKind::Done => "M2.5 8.5 6.5 12 13.5 4",
        IconKind::Info => "M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13Z M8 7v4.5 M8 4.6v.8",
    };
    view! {
        <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d=path fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>
        </svg>
    }
}
