//! Small pieces the pages share: derived text and flags, error lines, icons, progress bars, fields,
//! the line a printed page starts with.

pub mod derived;
pub mod fields;
pub mod icon;
pub mod print;

pub use derived::{flag, invalid_if, text, ErrorLine};
pub use fields::{date_text, ProgressBar};
pub use icon::{Icon, IconKind};
pub use print::PrintHeader;

/// The language of the plan's own text (titles, chapters, items), whatever the interface's: marked
/// on the elements that show it, so that a screen reader in the English interface reads it as
/// Chinese (WCAG 3.1.2).
pub const PLAN_LANG: &str = "zh-CN";

/// A sentence of the interface that quotes the plan (`填写“四（一）…”的自查`, `Self-check of "四（一）…"`):
/// the quoted part marked as the plan's language.
pub fn quoting_plan(sentence: String, quoted: String) -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    match sentence.find(&quoted).filter(|_| !quoted.is_empty()) {
        Some(i) => {
            let before = sentence[..i].to_string();
            let after = sentence[i + quoted.len()..].to_string();
            view! { {before}<span lang=PLAN_LANG>{quoted}</span>{after} }.into_any()
        }
        None => view! { {sentence} }.into_any(),
    }
}
