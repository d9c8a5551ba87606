//! 各章自查: a page per chapter, an editor per item (`item`), filters and "下一项未填".

mod item;
pub mod ledger;

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::location;
use crate::components::{PrintHeader, PLAN_LANG};
use crate::i18n::t;
use crate::route::Route;
use crate::state::{use_app, use_store};
use item::ItemCard;
use zrz_domain::checklist::{next_unanswered, From, ItemFilter};
use zrz_domain::plan::{Item, Template};

pub use item::item_dom_id;

#[component]
pub fn ChecklistPage(chapter: Option<String>, item: Option<String>) -> impl IntoView {
    let store = use_store();
    let c = &t().checklist;
    let template = store.template.get_untracked();
    let chapter_id = chapter
        .filter(|id| template.chapter(id).is_some())
        .or_else(|| template.chapters().next().map(|c| c.id.clone()))
        .expect("a template has at least one chapter");
    let filter = RwSignal::new(ItemFilter::All);
    // The item in hand: the one in the address, then whichever the user last changed.
    let current = RwSignal::new(item.clone());
    provide_context(CurrentItem(current));
    provide_context(ledger::LedgerList::new(store));
    let all_answered = RwSignal::new(false);
    if let Some(id) = item {
        request_animation_frame(move || location::reveal(&item_dom_id(&id)));
    }
    let first_of_chapter = template
        .chapter(&chapter_id)
        .and_then(|ch| ch.items.first())
        .map(|i| i.id.clone())
        .unwrap_or_default();
    let next = move |_| {
        let template = store.template.get_untracked();
        let answers = store.answers.to_map_untracked();
        let here = current.get_untracked();
        let from = match &here {
            Some(id) => From::After(id),
            None => From::At(&first_of_chapter),
        };
        match next_unanswered(&template, &answers, from).map(|i| i.id.clone()) {
            Some(id) => {
                all_answered.set(false);
                let chapter = template.chapter_of(&id).map(|c| c.id.clone());
                location::navigate(&Route::Checklist {
                    chapter,
                    item: Some(id),
                });
            }
            None => all_answered.set(true),
        }
    };
    let template_for_nav = template.clone();
    let chapter_for_nav = chapter_id.clone();
    view! {
        <div class="checklist-layout">
            <ChapterNav template=template_for_nav current=chapter_for_nav/>
            <section class="page checklist" data-testid="checklist">
                <PrintHeader/>
                <div class="toolbar">
                    <button type="button" class="primary" on:click=next data-testid="next-unanswered">{c.next_unanswered}</button>
                    <div class="filters" role="group" aria-label=c.filters>
                        {ItemFilter::ALL.into_iter().map(|f| view! {
                            <button
                                type="button"
                                class="filter"
                                aria-pressed=move || (filter.get() == f).to_string()
                                on:click=move |_| filter.set(f)
                            >
                                {(c.filter)(f)}
                            </button>
                        }).collect_view()}
                    </div>
                </div>
                {move || all_answered.get().then(|| view! { <p class="field-ok" role="status" data-testid="all-answered">{c.all_answered}</p> })}
                {move || {
                    let template = store.template.get();
                    if filter.get() == ItemFilter::All {
                        view! { <ChapterItems template=template chapter_id=chapter_id.clone()/> }.into_any()
                    } else {
                        view! { <FilteredItems template=template filter=filter.get()/> }.into_any()
                    }
                }}
            </section>
        </div>
    }
}

/// The item the user is on, for "下一项未填": set by the address and by editing an item.
#[derive(Clone, Copy)]
pub struct CurrentItem(pub RwSignal<Option<String>>);

#[component]
fn ChapterNav(template: Arc<Template>, current: String) -> impl IntoView {
    let store = use_store();
    let entries: Vec<(String, String, Vec<String>)> = template
        .parts
        .iter()
        .flat_map(|p| {
            p.chapters.iter().map(move |c| {
                (
                    c.id.clone(),
                    c.label(p),
                    c.items.iter().map(|i| i.id.clone()).collect(),
                )
            })
        })
        .collect();
    view! {
        <nav class="chapter-nav" aria-label=t().checklist.chapters>
            <ol>
                {entries.into_iter().map(|(id, label, items)| {
                    let total = items.len();
                    let answered = move || items.iter().filter(|i| store.answers.with(i, |a| a.is_some_and(|a| a.is_answered()))).count();
                    let is_current = id == current;
                    view! {
                        <li class:current=is_current>
                            <a href=Route::Checklist { chapter: Some(id.clone()), item: None }.href() aria-current=is_current.then_some("page")>
                                <span class="chapter-label" lang=PLAN_LANG>{label}</span>
                                <span class="chapter-count" data-testid=format!("count-{id}")>{move || format!("{}/{}", answered(), total)}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn ChapterItems(template: Arc<Template>, chapter_id: String) -> impl IntoView {
    let chapter = template
        .chapter(&chapter_id)
        .expect("checked by ChecklistPage")
        .clone();
    let part = template
        .part_of(&chapter_id)
        .expect("every chapter has a part");
    let heading = chapter.label(part);
    view! {
        <h1 lang=PLAN_LANG>{heading}</h1>
        {(!chapter.intro.is_empty()).then(|| view! { <p class="chapter-intro" lang=PLAN_LANG>{chapter.intro.clone()}</p> })}
        {chapter.items.into_iter().map(|item| view! { <ItemCard item=item/> }).collect_view()}
    }
}

#[component]
fn FilteredItems(template: Arc<Template>, filter: ItemFilter) -> impl IntoView {
    let store = use_store();
    let app = use_app();
    let c = &t().checklist;
    let items: Vec<Item> = template
        .items()
        .filter(|i| store.answers.with(&i.id, |a| filter.matches(a, app.today)))
        .cloned()
        .collect();
    let empty = items.is_empty();
    view! {
        <h1>{(c.filtered_title)((c.filter)(filter))}</h1>
        {empty.then(|| view! { <p class="empty" data-testid="filter-empty">{c.filter_empty}</p> })}
        {items.into_iter().map(|item| view! { <ItemCard item=item/> }).collect_view()}
    }
}
