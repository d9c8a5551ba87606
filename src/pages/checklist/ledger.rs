//! The ledger on an item card: a quota item's count from the ledger ("已完成 1/2 次", its pace, the
//! answer it suggests), and the entries that evidence the item, with linking an existing entry and
//! adding one without leaving the item. Every rule is the domain's (`zrz_domain::ledger`).

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::{clock, dom, random};
use crate::components::{Icon, IconKind, PLAN_LANG};
use crate::i18n::t;
use crate::route::Route;
use crate::state::{use_app, use_store, Store};
use zrz_domain::ledger::{evidencing, linkable, parse_entry, quota_status_of, EntryDraft, Pace};
use zrz_domain::plan::{Item, ItemKind, Template};
use zrz_domain::record::LedgerEntry;

/// Every ledger entry, cloned once per change for all the cards of a page (not once per card).
#[derive(Clone, Copy)]
pub struct LedgerList(pub Memo<Arc<Vec<LedgerEntry>>>);

impl LedgerList {
    pub fn new(store: Store) -> LedgerList {
        LedgerList(Memo::new(move |_| Arc::new(store.ledger.values())))
    }

    /// The page's list, or a new one where no page provided it.
    pub fn use_list() -> LedgerList {
        use_context::<LedgerList>().unwrap_or_else(|| LedgerList::new(use_store()))
    }
}

/// "2025-03-14 党组会议专题研究：标题"
pub fn entry_label(template: &Template, e: &LedgerEntry) -> String {
    let activity = template
        .activity(&e.activity)
        .map_or(e.activity.as_str(), |a| a.name.as_str());
    format!("{} {activity}：{}", e.date, e.title)
}

fn entry_link(template: &Template, e: &LedgerEntry) -> impl IntoView {
    let href = Route::Ledger {
        entry: Some(e.id.clone()),
    }
    .href();
    view! { <a href=href lang=PLAN_LANG>{entry_label(template, e)}</a> }
}

/// The quota line of a quota item: the count, the pace, the suggestion and the review mark.
#[component]
pub fn QuotaLine(item: Item) -> impl IntoView {
    let store = use_store();
    let app = use_app();
    let list = LedgerList::use_list();
    let l = &t().ledger;
    let item = StoredValue::new(item);
    let status = Memo::new(move |_| {
        let year = store.profile.with(|p| p.year);
        let answer = item.with_value(|i| store.answers.get(&i.id));
        list.0.with(|ledger| {
            item.with_value(|i| quota_status_of(i, year, ledger, answer.as_ref(), app.today))
        })
    });
    move || {
        let s = status.get()?;
        let template = store.template.get_untracked();
        let ledger = list.0.get_untracked();
        let behind = matches!(s.pace, Pace::Behind { .. } | Pace::Missed);
        let counted: Vec<&LedgerEntry> = s
            .entries
            .iter()
            .filter_map(|id| ledger.iter().find(|e| &e.id == id))
            .collect();
        Some(view! {
            <div class="quota-status" data-testid="quota-status">
                <p>
                    {if s.is_met() { view! { <Icon kind=IconKind::Done/> }.into_any() } else if behind { view! { <Icon kind=IconKind::Overdue/> }.into_any() } else { ().into_any() }}
                    " " <strong data-testid="quota-count">{(l.quota_done)(s.done, s.required)}</strong>
                    " · " <span class:pace-behind=behind data-testid="quota-pace">{(l.pace)(&s.pace)}</span>
                    {s.suggestion.map(|r| view! { " · " <span data-testid="quota-suggestion">{(l.quota_suggest)((t().common.response)(r))}</span> })}
                </p>
                {s.needs_review.then(|| view! {
                    <p class="badge review" data-testid="quota-review"><Icon kind=IconKind::Warning/> " " {l.quota_review}</p>
                })}
                {(!s.planned.is_empty()).then(|| view! { <p class="hint">{(l.quota_planned)(s.planned.len())}</p> })}
                {(!counted.is_empty()).then(|| view! {
                    <ul class="quota-entries">
                        {counted.into_iter().map(|e| view! { <li>{entry_link(&template, e)}</li> }).collect_view()}
                    </ul>
                })}
            </div>
        })
    }
}

/// 台账佐证: the entries evidencing the item, each with 取消关联.
#[component]
pub fn ItemLedger(item_id: String, writable: bool) -> impl IntoView {
    let store = use_store();
    let list = LedgerList::use_list();
    let l = &t().ledger;
    let dom_prefix = format!("ledger-{item_id}");
    let prefix = StoredValue::new(dom_prefix.clone());
    let item_id = StoredValue::new(item_id);
    let linked = Memo::new(move |_| {
        list.0.with(|ledger| {
            item_id.with_value(|id| {
                evidencing(ledger, id)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let unlink = move |entry_id: String| {
        if let Some(entry) = store.ledger.get_untracked(&entry_id) {
            if let Some(changed) = item_id.with_value(|i| entry.unlinked(i, clock::now())) {
                store.put_entry(changed);
                dom::focus_soon(prefix.with_value(|p| format!("{p}-h")));
            }
        }
    };
    view! {
        <section class="item-ledger" aria-labelledby=format!("{dom_prefix}-h") data-testid="item-ledger">
            <h3 id=format!("{dom_prefix}-h") class="item-ledger-title" tabindex="-1">{l.evidence_entries}</h3>
            {move || {
                let entries = linked.get();
                let template = store.template.get_untracked();
                if entries.is_empty() {
                    return view! { <p class="hint" data-testid="item-ledger-none">{l.evidence_none}</p> }.into_any();
                }
                view! {
                    <ul class="item-ledger-list" data-testid="item-ledger-list">
                        {entries.into_iter().map(|e| {
                            let entry_id = e.id.clone();
                            let title = e.title.clone();
                            view! {
                                <li id=prefix.with_value(|p| format!("{p}-entry-{}", e.id)) tabindex="-1">
                                    {entry_link(&template, &e)}
                                    {writable.then(|| view! {
                                        " " <button type="button" class="link no-print" aria-label=(l.unlink_label)(&title)
                                            on:click=move |_| unlink(entry_id.clone())>{l.unlink}</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// 关联已有台账 and 新增台账条目, inside the item's 佐证材料 details: the new entry evidences the item.
#[component]
pub fn ItemLedgerEdit(item: Item) -> impl IntoView {
    let store = use_store();
    let app = use_app();
    let list = LedgerList::use_list();
    let l = &t().ledger;
    let item_id = StoredValue::new(item.id.clone());
    let default_activity = match &item.kind {
        ItemKind::Quota { activity, .. } => activity.clone(),
        _ => String::new(),
    };
    let choices = Memo::new(move |_| {
        list.0.with(|ledger| {
            item_id.with_value(|id| {
                linkable(ledger, id)
                    .into_iter()
                    .map(|e| (e.id.clone(), e.date, e.activity.clone(), e.title.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let prefix = StoredValue::new(format!("ledger-{}", item.id));
    let chosen = RwSignal::new(String::new());
    let link = move |_| {
        let id = chosen.get_untracked();
        let Some(entry) = store.ledger.get_untracked(&id) else {
            return;
        };
        if let Some(changed) = item_id.with_value(|i| entry.linked(i, clock::now())) {
            store.put_entry(changed);
            chosen.set(String::new());
            dom::focus_soon(prefix.with_value(|p| format!("{p}-entry-{id}")));
        }
    };
    // The new entry's form: as typed, kept on screen until it is valid.
    let draft = RwSignal::new(EntryDraft {
        activity: default_activity.clone(),
        ..EntryDraft::default()
    });
    let problems = RwSignal::new(Vec::<(String, String)>::new());
    let flags = RwSignal::new(Vec::<String>::new());
    let saved = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut d = draft.get_untracked();
        d.items = vec![item_id.get_value()];
        let template = store.template.get_untracked();
        let year = store.profile.with_untracked(|p| p.year);
        let id = random::id("e");
        match parse_entry(&d, &id, &template, year, app.today, clock::now()) {
            Ok(parsed) => {
                let l = &t().ledger;
                problems.set(Vec::new());
                flags.set(parsed.flags.iter().map(|f| (l.flag)(f)).collect());
                saved.set(Some((l.entry_saved)(&parsed.entry.title)));
                store.put_entry(parsed.entry);
                draft.set(EntryDraft {
                    activity: d.activity,
                    ..EntryDraft::default()
                });
                dom::focus_soon(prefix.with_value(|p| format!("{p}-entry-{id}")));
            }
            Err(list) => {
                let l = &t().ledger;
                saved.set(None);
                flags.set(Vec::new());
                problems.set(
                    list.iter()
                        .map(|p| (p.field().code().to_string(), (l.problem)(p)))
                        .collect(),
                );
                if let Some(first) = list.first() {
                    dom::focus_soon(prefix.with_value(|p| format!("{p}-{}", first.field().code())));
                }
            }
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            problems
                .with(|p| p.iter().any(|(f, _)| f == field))
                .then_some("true")
        }
    };
    let field_id = move |field: &str| prefix.with_value(|p| format!("{p}-{field}"));
    let activities: Vec<(String, String)> = store.template.with_untracked(|t| {
        t.activities
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect()
    });
    let text_input = move |field: &'static str,
                           label: &'static str,
                           get: fn(&EntryDraft) -> String,
                           set: fn(&mut EntryDraft, String)| {
        view! {
            <div>
                <label for=field_id(field)>{label}</label>
                <input id=field_id(field) type="text" prop:value=move || draft.with(get)
                    aria-invalid=invalid(field)
                    placeholder=(field == "date").then_some(t().ledger.date_hint)
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| set(d, v)) }/>
            </div>
        }
    };
    view! {
        <div class="item-ledger-edit no-print" data-testid="item-ledger-edit">
                    <div class="item-ledger-link">
                        <label for=field_id("link")>{l.link_existing}</label>
                        <select id=field_id("link") prop:value=move || chosen.get()
                            on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="">{move || if choices.with(Vec::is_empty) { l.link_nothing } else { l.choose }}</option>
                            {move || {
                                let template = store.template.get_untracked();
                                choices.get().into_iter().map(|(id, date, activity, title)| {
                                    let name = template.activity(&activity).map_or(activity.clone(), |a| a.name.clone());
                                    view! { <option value=id lang=PLAN_LANG>{format!("{date} {name}：{title}")}</option> }
                                }).collect_view()
                            }}
                        </select>
                        <button type="button" on:click=link disabled=move || chosen.with(String::is_empty)>{l.link_button}</button>
                    </div>
                    <form class="item-ledger-add" aria-label=(l.add_entry_form)(&item.id) on:submit=add novalidate=true>
                        <div class="grid-3">
                            {text_input("date", l.date, |d| d.date.clone(), |d, v| d.date = v)}
                            <div>
                                <label for=field_id("activity")>{l.activity}</label>
                                <select id=field_id("activity") aria-invalid=invalid("activity")
                                    on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.activity = v) }>
                                    <option value="" selected=default_activity.is_empty()>{l.choose}</option>
                                    {activities.into_iter().map(|(id, name)| {
                                        let selected = id == default_activity;
                                        view! { <option value=id.clone() lang=PLAN_LANG selected=selected prop:selected=move || draft.with(|d| d.activity == id)>{name}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            {text_input("title", l.title, |d| d.title.clone(), |d, v| d.title = v)}
                        </div>
                        {move || {
                            let p = problems.get();
                            (!p.is_empty()).then(|| view! {
                                <div class="field-error" role="alert" data-testid="entry-problems">
                                    <ul>{p.into_iter().map(|(_, m)| view! { <li>{m}</li> }).collect_view()}</ul>
                                    <p>{t().common.not_saved}</p>
                                </div>
                            })
                        }}
                        <p class="hint">{l.more_fields}</p>
                        <button type="submit" class="primary">{l.save_entry}</button>
                    </form>
            <div role="status" class="item-ledger-status">
                {move || saved.get().map(|m| view! { <p class="field-ok">{m}</p> })}
                {move || flags.get().into_iter().map(|f| view! { <p class="hint"><Icon kind=IconKind::Info/> " " {f}</p> }).collect_view()}
            </div>
        </div>
    }
}
