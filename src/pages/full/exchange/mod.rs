//! 导入导出: the department's files out (`export`), files in (`importer`: read, unlock, confirm,
//! preview, apply; `preview`: what the clerk sees before anything is applied; `received`: a
//! sanitised file opened read only), and every applied import undone step by step (`history`,
//! kept in IndexedDB). The page is also the drop zone for files.

mod export;
mod history;
mod importer;
mod preview;
mod received;

use leptos::prelude::*;

use crate::browser::files;
use crate::i18n::t;
use importer::{ImportSection, Importer};
use zrz_exchange::ImportError;

/// The one place an import error becomes the sentence a user reads (the lead swaps in the i18n
/// wording here).
pub fn import_error_text(e: &ImportError) -> String {
    (t().errors.import)(e)
}

/// An import error of a named file: "文件 a.json：…".
pub fn import_error_in_file(e: &ImportError, name: &str) -> String {
    (t().exchange.in_file)(name, &import_error_text(e))
}

#[component]
pub fn ExchangePage() -> impl IntoView {
    let x = &t().exchange;
    let history = history::History::new();
    let importer = Importer::new(history);
    // dragenter/dragleave fire for every child crossed; counting them tells when the drag has
    // really left the page.
    let drag_depth = RwSignal::new(0u32);
    // A file dropped beside the zone would otherwise replace the app with the file's text.
    let over = window_event_listener(leptos::ev::dragover, |ev| {
        if files::drag_has_files(&ev) {
            ev.prevent_default();
        }
    });
    let dropped = window_event_listener(leptos::ev::drop, |ev| {
        if files::drag_has_files(&ev) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || {
        over.remove();
        dropped.remove();
    });
    let accepts =
        move |ev: &leptos::ev::DragEvent| files::drag_has_files(ev) && !importer.disabled();
    let on_enter = move |ev: leptos::ev::DragEvent| {
        if accepts(&ev) {
            ev.prevent_default();
            drag_depth.update(|d| *d += 1);
        }
    };
    let on_over = move |ev: leptos::ev::DragEvent| {
        if accepts(&ev) {
            ev.prevent_default();
            files::show_copy_cursor(&ev);
        }
    };
    let on_leave = move |ev: leptos::ev::DragEvent| {
        if accepts(&ev) {
            drag_depth.update(|d| *d = d.saturating_sub(1));
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        drag_depth.set(0);
        if importer.disabled() {
            return;
        }
        if let Some(file) = files::from_drop_event(&ev) {
            importer.start(file);
        }
    };
    view! {
        <section
            class="page exchange"
            class:dragging=move || drag_depth.get() != 0
            data-testid="exchange"
            on:dragenter=on_enter
            on:dragover=on_over
            on:dragleave=on_leave
            on:drop=on_drop
        >
            <h1>{x.title}</h1>
            <p class="lead">{x.lead}</p>
            <export::ExportSection history=history/>
            <ImportSection importer=importer/>
            <history::UndoSection importer=importer/>
            <div class="drop-overlay" aria-hidden="true">{x.drop_here}</div>
        </section>
    }
}
