//! 方案原文: the whole plan as the template holds it, in the plan's own order and numbering.

use leptos::prelude::*;

use super::state::use_app;
use crate::route::Route;

#[component]
pub fn PlanText() -> impl IntoView {
    let template = use_app().template.get_untracked();
    let parts = template.parts.clone();
    view! {
        <section class="page plan-text" data-testid="plan-text">
            <h1>{template.title.clone()}</h1>
            <p>{template.preamble.clone()}</p>
            {parts.into_iter().map(|part| {
                let part_number = part.number.clone();
                view! {
                    <h2>{format!("{}、{}", part.number, part.title)}</h2>
                    {part.paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                    {part.chapters.into_iter().map(|chapter| {
                        let heading = (!chapter.number.is_empty()).then(|| format!("{}{}{}", chapter.number, chapter.title, chapter.intro));
                        let intro = (chapter.number.is_empty() && !chapter.intro.is_empty()).then(|| chapter.intro.clone());
                        let href = Route::Checklist { chapter: Some(chapter.id.clone()), item: None }.href();
                        view! {
                            {heading.map(|h| view! { <h3>{h}</h3> })}
                            {intro.map(|i| view! { <p>{i}</p> })}
                            <ol class="plan-items">
                                {chapter.items.into_iter().map(|item| {
                                    let number = if item.number.is_empty() { String::new() } else { format!("{}.", item.number) };
                                    view! { <li><span class="item-number">{number}</span>{item.text}</li> }
                                }).collect_view()}
                            </ol>
                            <p class="to-checklist"><a href=href>{format!("填写第{}部分此章自查", part_number)}</a></p>
                        }
                    }).collect_view()}
                }
            }).collect_view()}
        </section>
    }
}
