//! 各章自查: a page per chapter, an editor per item, filters and "下一项未填".

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::state::use_app;
use crate::browser::location;
use crate::route::Route;
use zrz_domain::checklist::{next_unanswered, ItemFilter};
use zrz_domain::plan::{Item, ItemKind, Template};
use zrz_domain::record::{Answer, Evidence, Response};

#[component]
pub fn ChecklistPage(chapter: Option<String>, item: Option<String>) -> impl IntoView {
    let app = use_app();
    let template = app.template.get_untracked();
    let chapter_id = chapter
        .filter(|id| template.chapter(id).is_some())
        .or_else(|| template.chapters().next().map(|c| c.id.clone()))
        .expect("a template has at least one chapter");
    let filter = RwSignal::new(ItemFilter::All);
    let focus = item.clone();
    // Reveal the requested item once it is in the DOM.
    Effect::new(move |_| {
        if let Some(id) = &focus {
            location::reveal(&item_dom_id(id));
        }
    });
    let next = {
        let current = item.clone();
        move |_| {
            let template = app.template.get_untracked();
            let target = app.data.with_untracked(|d| {
                next_unanswered(&template, &d.assessment.answers, current.as_deref())
                    .map(|i| i.id.clone())
            });
            match target {
                Some(id) => {
                    let chapter = template.chapter_of(&id).map(|c| c.id.clone());
                    location::navigate(&Route::Checklist {
                        chapter,
                        item: Some(id),
                    });
                }
                None => {
                    let _ = window().alert_with_message("所有检查项都已作答。");
                }
            }
        }
    };
    let template_for_nav = template.clone();
    let chapter_for_nav = chapter_id.clone();
    view! {
        <div class="checklist-layout">
            <ChapterNav template=template_for_nav current=chapter_for_nav/>
            <section class="page checklist" data-testid="checklist">
                <div class="toolbar">
                    <button type="button" class="primary" on:click=next data-testid="next-unanswered">"下一项未填"</button>
                    <div class="filters" role="group" aria-label="筛选">
                        {ItemFilter::ALL.into_iter().map(|f| view! {
                            <button
                                type="button"
                                class="filter"
                                aria-pressed=move || (filter.get() == f).to_string()
                                on:click=move |_| filter.set(f)
                            >
                                {f.label()}
                            </button>
                        }).collect_view()}
                    </div>
                </div>
                {move || {
                    let template = app.template.get();
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

#[component]
fn ChapterNav(template: Arc<Template>, current: String) -> impl IntoView {
    let app = use_app();
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
        <nav class="chapter-nav" aria-label="章节">
            <ol>
                {entries.into_iter().map(|(id, label, items)| {
                    let total = items.len();
                    let answered = move || app.data.with(|d| items.iter().filter(|i| d.assessment.answers.get(*i).is_some_and(Answer::is_answered)).count());
                    let is_current = id == current;
                    view! {
                        <li class:current=is_current>
                            <a href=Route::Checklist { chapter: Some(id.clone()), item: None }.href() aria-current=is_current.then_some("page")>
                                <span class="chapter-label">{label}</span>
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
        <h1>{heading}</h1>
        {(!chapter.intro.is_empty()).then(|| view! { <p class="chapter-intro">{chapter.intro.clone()}</p> })}
        {chapter.items.into_iter().map(|item| view! { <ItemCard item=item/> }).collect_view()}
    }
}

#[component]
fn FilteredItems(template: Arc<Template>, filter: ItemFilter) -> impl IntoView {
    let app = use_app();
    let items: Vec<Item> = app.data.with_untracked(|d| {
        template
            .items()
            .filter(|i| filter.matches(d.assessment.answers.get(&i.id), app.today))
            .cloned()
            .collect()
    });
    let empty = items.is_empty();
    view! {
        <h1>{format!("筛选：{}", filter.label())}</h1>
        {empty.then(|| view! { <p class="empty" data-testid="filter-empty">"没有符合条件的检查项。"</p> })}
        {items.into_iter().map(|item| view! { <ItemCard item=item/> }).collect_view()}
    }
}

pub fn item_dom_id(item_id: &str) -> String {
    format!("item-{item_id}")
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// One item: its text and the whole answer. Edits go to a local draft; the draft is stored as soon
/// as it is valid, and while it is not, the message says what is missing and nothing is stored.
#[component]
fn ItemCard(item: Item) -> impl IntoView {
    let app = use_app();
    let draft = RwSignal::new(app.answer(&item.id).unwrap_or_default());
    let error = RwSignal::new(None::<(String, String)>);
    let id = StoredValue::new(item.id.clone());
    let kind = StoredValue::new(item.kind.clone());
    let commit = move || {
        let candidate = draft.get_untracked();
        match kind.with_value(|k| candidate.validate(k, app.today)) {
            Ok(()) => {
                error.set(None);
                id.with_value(|id| app.put_answer(id, candidate));
            }
            Err(e) => error.set(Some((e.field.to_string(), e.message))),
        }
    };
    // Another tab (or an import) may change this item: show that, unless an edit here is pending.
    Effect::new(move |_| {
        let stored = id.with_value(|id| app.answer(id)).unwrap_or_default();
        let pending = error.with_untracked(Option::is_some);
        let same = draft.with_untracked(|d| {
            Answer {
                updated_at: None,
                ..d.clone()
            } == Answer {
                updated_at: None,
                ..stored.clone()
            }
        });
        if !pending && !same {
            draft.set(stored);
        }
    });
    let edit = move |f: &dyn Fn(&mut Answer)| {
        draft.update(|d| f(d));
        commit();
    };
    let dom_id = item_dom_id(&item.id);
    let is_red_line = item.kind.is_red_line();
    let quota = match &item.kind {
        ItemKind::Quota { per_year, activity } => {
            let name = app.template.with_untracked(|t| {
                t.activity(activity)
                    .map(|a| a.name.clone())
                    .unwrap_or_default()
            });
            Some(format!("年度次数要求：每年至少 {per_year} 次（{name}）"))
        }
        _ => None,
    };
    let number = if item.number.is_empty() {
        item.id.clone()
    } else {
        format!("{}.", item.number)
    };
    let field_id = move |field: &str| id.with_value(|id| format!("{field}-{id}"));
    let invalid = move |field: &'static str| {
        move || {
            error
                .with(|e| e.as_ref().is_some_and(|(f, _)| f == field))
                .then_some("true")
        }
    };
    let response = move || draft.with(|d| d.response);
    let needs_reason = move || response().is_some_and(Response::needs_reason);
    let occurred = move || response() == Some(Response::Occurred);
    let choices = Response::choices_for(&item.kind);
    // One date of the answer: a labelled date input that edits it and shows when it is refused.
    let date_field = move |field: &'static str,
                           label: &'static str,
                           get: fn(&Answer) -> Option<NaiveDate>,
                           set: fn(&mut Answer, Option<NaiveDate>)| {
        view! {
            <label for=field_id(field)>{label}</label>
            <input
                id=field_id(field)
                type="date"
                prop:value=move || date_text(draft.with(get))
                on:change=move |ev| { let v = parse_date(&event_target_value(&ev)); edit(&|d| set(d, v)) }
                aria-invalid=invalid(field)
            />
        }
    };

    view! {
        <article id=dom_id class="item-card" class:red-line=is_red_line class:occurred=occurred tabindex="-1" data-testid=format!("item-{}", item.id)>
            <header class="item-head">
                <span class="item-id">{item.id.clone()}</span>
                <span class="item-number">{number}</span>
                <span class="item-dimension" title="考核维度">{item.dimension.label()}</span>
                {is_red_line.then(|| view! { <span class="badge danger">"责任追究情形"</span> })}
            </header>
            <p class="item-text">{item.text.clone()}</p>
            {quota.map(|q| view! { <p class="item-quota">{q}</p> })}
            <fieldset class="responses">
                <legend>{if is_red_line { "是否发生" } else { "落实情况" }}</legend>
                {choices.iter().copied().map(|r| view! {
                    <label class="response">
                        <input
                            type="radio"
                            name=field_id("response")
                            value=r.key()
                            prop:checked=move || response() == Some(r)
                            on:change=move |_| edit(&|d| d.response = Some(r))
                        />
                        {r.label()}
                    </label>
                }).collect_view()}
            </fieldset>
            <Show when=needs_reason>
                <label for=field_id("reason")>"原因（必填）"</label>
                <textarea
                    id=field_id("reason")
                    rows="2"
                    prop:value=move || draft.with(|d| d.reason.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.reason = v.clone()) }
                    aria-invalid=invalid("reason")
                ></textarea>
            </Show>
            <Show when=occurred>
                {date_field("occurred_on", "发生日期（必填）", |d| d.occurred_on, |d, v| d.occurred_on = v)}
            </Show>
            <label for=field_id("note")>{move || if occurred() { "具体情况（必填）" } else { "落实情况说明" }}</label>
            <textarea
                id=field_id("note")
                rows="2"
                prop:value=move || draft.with(|d| d.note.clone())
                on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.note = v.clone()) }
                aria-invalid=invalid("note")
            ></textarea>
            {move || error.get().map(|(_, message)| view! {
                <p class="field-error" role="alert" data-testid="item-error">{message} "（尚未保存）"</p>
            })}
            <details class="item-more">
                <summary>"佐证材料、责任人与时限"</summary>
                <EvidenceList draft=draft commit=Callback::new(move |_| commit())/>
                <div class="grid-2">
                    <div>
                        <label for=field_id("owner")>"责任人"</label>
                        <input
                            id=field_id("owner")
                            type="text"
                            prop:value=move || draft.with(|d| d.owner.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.owner = v.clone()) }
                        />
                    </div>
                    <div>{date_field("due", "完成时限", |d| d.due, |d, v| d.due = v)}</div>
                    <div>{date_field("done", "完成日期", |d| d.done, |d, v| d.done = v)}</div>
                    <div class="flag">
                        <label>
                            <input
                                type="checkbox"
                                prop:checked=move || draft.with(|d| d.flagged)
                                on:change=move |ev| { let v = event_target_checked(&ev); edit(&|d| d.flagged = v) }
                            />
                            "待核实"
                        </label>
                    </div>
                </div>
            </details>
        </article>
    }
}

#[component]
fn EvidenceList(draft: RwSignal<Answer>, commit: Callback<()>) -> impl IntoView {
    let count = Memo::new(move |_| draft.with(|d| d.evidence.len()));
    let field = move |index: usize,
                      label: &'static str,
                      get: fn(&Evidence) -> &String,
                      set: fn(&mut Evidence, String)| {
        view! {
            <label class="evidence-field">
                <span>{label}</span>
                <input
                    type="text"
                    prop:value=move || draft.with(|d| d.evidence.get(index).map(|e| get(e).clone()).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| if let Some(e) = d.evidence.get_mut(index) { set(e, v) });
                        commit.run(());
                    }
                />
            </label>
        }
    };
    view! {
        <fieldset class="evidence">
            <legend>"佐证材料"</legend>
            {move || (0..count.get()).map(|index| view! {
                <div class="evidence-row">
                    {field(index, "材料名称", |e| &e.what, |e, v| e.what = v)}
                    {field(index, "存放位置", |e| &e.location, |e, v| e.location = v)}
                    {field(index, "文号", |e| &e.doc_no, |e, v| e.doc_no = v)}
                    <button type="button" class="link" on:click=move |_| { draft.update(|d| { d.evidence.remove(index); }); commit.run(()); }>"删除"</button>
                </div>
            }).collect_view()}
            <button type="button" on:click=move |_| { draft.update(|d| d.evidence.push(Evidence::default())); commit.run(()); }>"添加佐证材料"</button>
        </fieldset>
    }
}
