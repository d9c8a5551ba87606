//! The components. They stay thin: they read the root [`state::AppState`], call domain functions for
//! anything computed, and call `browser` for anything the browser does.

mod checklist;
mod derived;
mod exchange;
mod import_file;
mod import_preview;
mod overview;
mod plan;
mod profile;
mod radar;
mod rating;
mod rating_entry;
mod rating_settings;
mod shell;
pub mod state;

pub use shell::App;

/// Replaces the loading message with the app.
pub fn mount() {
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}
