//! 导入导出: export files, import with preview and merge, undo the last import.

use leptos::prelude::*;

#[component]
pub fn ExchangePage() -> impl IntoView {
    view! {
        <section class="page" data-testid="placeholder">
            <h1>"导入导出"</h1>
            <p class="placeholder">"此功能正在建设中。"</p>
        </section>
    }
}
