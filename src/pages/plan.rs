//! 方案原文: the whole plan as the template holds it, in the plan's own order and numbering.

use leptos::prelude::*;

use crate::components::{quoting_plan, PrintHeader, PLAN_LANG};
use crate::i18n::{self, t};
use crate::route::Route;
use crate::state::use_store;

#[component]
pub fn PlanText() -> impl IntoView {
    let template = use_store().template.get_untracked();
    let parts = template.parts.clone();
    view! {
        <section class="page plan-text" data-testid="plan-text" lang=PLAN_LANG>
            <PrintHeader/>
            <h1>{template.title.clone()}</h1>
            <p>{template.preamble.clone()}</p>
            {parts.into_iter().map(|part| {
                view! {
                    <h2>{format!("{}、{}", part.number, part.title)}</h2>
                    {part.paragraphs.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
                    {part.chapters.iter().map(|chapter| {
                        let heading = (!chapter.number.is_empty()).then(|| format!("{}{}{}", chapter.number, chapter.title, chapter.intro));
                        let intro = (chapter.number.is_empty() && !chapter.intro.is_empty()).then(|| chapter.intro.clone());
                        let href = Route::Checklist { chapter: Some(chapter.id.clone()), item: None }.href();
                        view! {
                            {heading.map(|h| view! { <h3>{h}</h3> })}
                            {intro.map(|i| view! { <p>{i}</p> })}
                            <ol class="plan-items">
                                {chapter.items.iter().map(|item| {
                                    let number = if item.number.is_empty() { String::new() } else { format!("{}.", item.number) };
                                    view! { <li><span class="item-number">{number}</span>{item.text.clone()}</li> }
                                }).collect_view()}
                            </ol>
                            // Named after the chapter it leads to, so that the links read differently.
                            <p class="to-checklist" lang=i18n::lang().html_lang()>
                                <a href=href>{
                                    let label = chapter.label(&part);
                                    quoting_plan((t().plan.to_checklist)(&label), label)
                                }</a>
                            </p>
                        }
                    }).collect_view()}
                }
            }).collect_view()}
        </section>
    }
}
