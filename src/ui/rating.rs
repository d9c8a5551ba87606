//! 德能勤绩廉评分: people, ratings by role, the combined scores and "如何计算".

use leptos::prelude::*;

#[component]
pub fn RatingPage() -> impl IntoView {
    view! {
        <section class="page" data-testid="placeholder">
            <h1>"德能勤绩廉评分"</h1>
            <p class="placeholder">"此功能正在建设中。"</p>
        </section>
    }
}

/// The rating settings block of 设置.
#[component]
pub fn RatingSettingsSection() -> impl IntoView {}
