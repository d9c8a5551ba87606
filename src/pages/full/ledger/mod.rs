//! 台账: the department's dated ledger. Add, edit and delete entries (the confirmation names the
//! items that lose their evidence), search and filter them by type, month and item, in date order;
//! print them by year or by type; and the year's key dates of duty 4.1.8 with their analyses.
//! Every rule is `zrz_domain::ledger`'s; this page shows what it returns.

mod form;

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::browser::{clock, dom, location, random};
use crate::components::{quoting_plan, Icon, IconKind, PrintHeader, PLAN_LANG};
use crate::i18n::{self, t};
use crate::pages::checklist::ledger::entry_label;
use crate::state::{use_app, use_store};
use form::EntryForm;
use zrz_domain::ledger::{
    entry_flags, key_date_statuses, months, search, Coverage, EntryDraft, EntryFlag, LedgerQuery,
    YearMonth, HOLIDAY_ANALYSIS,
};
use zrz_domain::plan::Template;
use zrz_domain::record::{Assessment, LedgerEntry};

/// What the form is for.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    New(String, Box<EntryDraft>),
    Edit(String),
}

/// How the list (and the printed ledger) is arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrange {
    ByDate,
    ByType,
}

#[component]
pub fn LedgerPage(entry: Option<String>) -> impl IntoView {
    let store = use_store();
    let p = &t().ledger_page;
    let writable = store.writable();
    let editing = RwSignal::new(None::<Editing>);
    let confirming = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<(String, Vec<String>)>);
    let arrange = RwSignal::new(Arrange::ByDate);
    let query = RwSignal::new(LedgerQuery::default());
    let entries = Memo::new(move |_| store.ledger.values());
    if let Some(id) = entry {
        if store.ledger.get_untracked(&id).is_some() {
            if writable {
                editing.set(Some(Editing::Edit(id.clone())));
            }
            request_animation_frame(move || location::reveal(&format!("entry-{id}")));
        }
    }
    let open_new = move |draft: EntryDraft| {
        confirming.set(None);
        editing.set(Some(Editing::New(random::id("e"), Box::new(draft))));
        dom::focus_soon("entry-date".into());
    };
    let on_saved = Callback::new(move |(id, flags): (String, Vec<EntryFlag>)| {
        editing.set(None);
        let title = store
            .ledger
            .get_untracked(&id)
            .map(|e| e.title)
            .unwrap_or_default();
        notice.set(Some((
            (t().ledger.entry_saved)(&title),
            flags.iter().map(|f| (t().ledger.flag)(f)).collect(),
        )));
        dom::focus_soon(format!("entry-{id}"));
    });
    let on_cancel = Callback::new(move |_| {
        editing.set(None);
        dom::focus_soon("ledger-new".into());
    });
    let year = move || store.profile.with(|p| p.year);
    view! {
        <section class="page ledger" data-testid="ledger" class:by-type=move || arrange.get() == Arrange::ByType>
            <PrintHeader/>
            <h1>{p.heading}</h1>
            <p class="print-only ledger-print-title">{move || (p.print_title)(year())}</p>
            <p class="hint no-print">{p.lead}</p>
            {(!writable).then(|| view! { <p class="notice notice-warn">{p.read_only}</p> })}
            <div class="toolbar no-print">
                {writable.then(|| view! {
                    <button type="button" class="primary" id="ledger-new" data-testid="ledger-new"
                        on:click=move |_| open_new(EntryDraft::default())>{p.new_entry}</button>
                })}
                <fieldset class="inline-choice">
                    <legend>{p.print_by}</legend>
                    <label><input type="radio" name="arrange" prop:checked=move || arrange.get() == Arrange::ByDate
                        on:change=move |_| arrange.set(Arrange::ByDate)/> " " {p.print_by_date}</label>
                    <label><input type="radio" name="arrange" prop:checked=move || arrange.get() == Arrange::ByType
                        on:change=move |_| arrange.set(Arrange::ByType)/> " " {p.print_by_type}</label>
                </fieldset>
                <button type="button" on:click=move |_| dom::print() data-testid="ledger-print">{p.print}</button>
            </div>
            <div role="status" class="no-print" data-testid="ledger-notice">
                {move || notice.get().map(|(m, flags)| view! {
                    <p class="field-ok"><Icon kind=IconKind::Done/> " " {m}</p>
                    {flags.into_iter().map(|f| view! { <p class="hint"><Icon kind=IconKind::Info/> " " {f}</p> }).collect_view()}
                })}
            </div>
            {move || match editing.get() {
                Some(Editing::New(id, draft)) => view! {
                    <EntryForm id=id draft=*draft label=p.new_form on_saved=on_saved on_cancel=on_cancel/>
                }.into_any(),
                Some(Editing::Edit(id)) => match store.ledger.get_untracked(&id) {
                    Some(e) => view! {
                        <EntryForm id=id draft=EntryDraft::from_entry(&e) label=(p.edit_form)(&e.title) on_saved=on_saved on_cancel=on_cancel/>
                    }.into_any(),
                    None => ().into_any(),
                },
                None => ().into_any(),
            }}
            <Filters query=query entries=entries/>
            <EntryList query=query entries=entries arrange=arrange editing=editing confirming=confirming notice=notice writable=writable/>
            <KeyDates open_new=Callback::new(open_new) writable=writable/>
        </section>
    }
}

#[component]
fn Filters(query: RwSignal<LedgerQuery>, entries: Memo<Vec<LedgerEntry>>) -> impl IntoView {
    let store = use_store();
    let p = &t().ledger_page;
    let activities: Vec<(String, String)> = store.template.with_untracked(|t| {
        t.activities
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect()
    });
    let month_choices = Memo::new(move |_| entries.with(|e| months(e)));
    let item_choices = Memo::new(move |_| {
        let template = store.template.get();
        let linked: BTreeSet<String> = entries.with(|e| {
            e.iter()
                .flat_map(|e| e.items.iter().cloned())
                .collect::<BTreeSet<_>>()
        });
        let mut ordered: Vec<String> = template
            .items()
            .filter(|i| linked.contains(&i.id))
            .map(|i| i.id.clone())
            .collect();
        ordered.extend(linked.into_iter().filter(|i| template.item(i).is_none()));
        ordered
    });
    view! {
        <div class="ledger-filters no-print" role="search">
            <div class="field">
                <label for="ledger-search">{p.search}</label>
                <input id="ledger-search" type="search" prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); query.update(|q| q.text = v) }/>
            </div>
            <div class="field">
                <label for="ledger-filter-activity">{p.filter_activity}</label>
                <select id="ledger-filter-activity"
                    on:change=move |ev| { let v = event_target_value(&ev); query.update(|q| q.activity = (!v.is_empty()).then_some(v)) }>
                    <option value="" selected=move || query.with(|q| q.activity.is_none())>{p.all}</option>
                    {activities.into_iter().map(|(id, name)| {
                        let a = id.clone();
                        view! { <option value=id lang=PLAN_LANG selected=move || query.with(|q| q.activity.as_deref() == Some(a.as_str()))>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="ledger-filter-month">{p.filter_month}</label>
                <select id="ledger-filter-month"
                    on:change=move |ev| { let v = event_target_value(&ev); query.update(|q| q.month = v.parse::<YearMonth>().ok()) }>
                    <option value="" selected=move || query.with(|q| q.month.is_none())>{p.all}</option>
                    {move || month_choices.get().into_iter().map(|m| view! {
                        <option value=m.to_string() selected=move || query.with(|q| q.month == Some(m))>{m.to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="ledger-filter-item">{p.filter_item}</label>
                <select id="ledger-filter-item"
                    on:change=move |ev| { let v = event_target_value(&ev); query.update(|q| q.item = (!v.is_empty()).then_some(v)) }>
                    <option value="" selected=move || query.with(|q| q.item.is_none())>{p.all}</option>
                    {move || item_choices.get().into_iter().map(|i| {
                        let (a, label) = (i.clone(), i.clone());
                        view! { <option value=i selected=move || query.with(|q| q.item.as_deref() == Some(a.as_str()))>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="button" on:click=move |_| query.set(LedgerQuery::default())>{p.clear_filters}</button>
        </div>
    }
}

#[component]
fn EntryList(
    query: RwSignal<LedgerQuery>,
    entries: Memo<Vec<LedgerEntry>>,
    arrange: RwSignal<Arrange>,
    editing: RwSignal<Option<Editing>>,
    confirming: RwSignal<Option<String>>,
    notice: RwSignal<Option<(String, Vec<String>)>>,
    writable: bool,
) -> impl IntoView {
    let store = use_store();
    let p = &t().ledger_page;
    let shown = Memo::new(move |_| {
        entries.with(|all| {
            query.with(|q| {
                search(all, q)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<LedgerEntry>>()
            })
        })
    });
    let count = move || (p.shown)(shown.with(Vec::len), entries.with(Vec::len));
    let remove = Callback::new(move |id: String| {
        let title = store
            .ledger
            .get_untracked(&id)
            .map(|e| e.title)
            .unwrap_or_default();
        store.update(|a| {
            let _ = a.remove_entry(&id, clock::now());
        });
        confirming.set(None);
        notice.set(Some(((p.deleted)(&title), Vec::new())));
        dom::focus_soon("ledger-list".into());
    });
    view! {
        <p class="no-print" data-testid="ledger-count">{count}</p>
        <div id="ledger-list" tabindex="-1" data-testid="ledger-list">
            {move || {
                let list = shown.get();
                if list.is_empty() {
                    let message = if entries.with(Vec::is_empty) { p.empty } else { p.none_match };
                    return view! { <p class="empty" data-testid="ledger-empty">{message}</p> }.into_any();
                }
                let template = store.template.get();
                let row = |e: LedgerEntry| view! {
                    <EntryRow entry=e editing=editing confirming=confirming remove=remove writable=writable/>
                };
                match arrange.get() {
                    Arrange::ByDate => view! { <ol class="ledger-entries">{list.into_iter().map(row).collect_view()}</ol> }.into_any(),
                    Arrange::ByType => {
                        let mut groups: Vec<(String, Vec<LedgerEntry>)> = template.activities.iter()
                            .map(|a| (a.id.clone(), Vec::new()))
                            .collect();
                        for e in list {
                            match groups.iter_mut().find(|(id, _)| *id == e.activity) {
                                Some((_, g)) => g.push(e),
                                None => groups.push((e.activity.clone(), vec![e])),
                            }
                        }
                        groups.into_iter().filter(|(_, g)| !g.is_empty()).map(|(id, g)| {
                            let name = template.activity(&id).map_or(id.clone(), |a| a.name.clone());
                            view! {
                                <h2 class="ledger-group" lang=PLAN_LANG>{format!("{name}（{}）", g.len())}</h2>
                                <ol class="ledger-entries">{g.into_iter().map(row).collect_view()}</ol>
                            }
                        }).collect_view().into_any()
                    }
                }
            }}
        </div>
    }
}

fn item_name(template: &Template, id: &str) -> String {
    template
        .item(id)
        .map(|i| format!("{} {}", i.id, crate::pages::overview::short(&i.text)))
        .unwrap_or_else(|| (t().ledger_page.unknown_item)(id))
}

#[component]
fn EntryRow(
    entry: LedgerEntry,
    editing: RwSignal<Option<Editing>>,
    confirming: RwSignal<Option<String>>,
    remove: Callback<String>,
    writable: bool,
) -> impl IntoView {
    let store = use_store();
    let app = use_app();
    let l = &t().ledger;
    let p = &t().ledger_page;
    let template = store.template.get_untracked();
    let year = store.profile.with_untracked(|p| p.year);
    let flags = entry_flags(&entry, &template, year, app.today);
    let id = StoredValue::new(entry.id.clone());
    let title = StoredValue::new(entry.title.clone());
    let activity = template
        .activity(&entry.activity)
        .map_or(entry.activity.clone(), |a| a.name.clone());
    let items: Vec<AnyView> = entry
        .items
        .iter()
        .map(|i| match template.item(i) {
            Some(_) => crate::pages::overview::item_link(&template, i).into_any(),
            None => view! { <span>{item_name(&template, i)}</span> }.into_any(),
        })
        .collect();
    let field = |label: &'static str, value: String| {
        (!value.trim().is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> })
    };
    let confirm = move || {
        let eid = id.get_value();
        if confirming.get().as_deref() != Some(eid.as_str()) {
            return ().into_any();
        }
        let a: Assessment = store.snapshot();
        let loss = a.entry_removal(&eid).unwrap_or_default();
        let template = store.template.get_untracked();
        let sep = t().common.list_sep;
        let names: Vec<String> = loss.items.iter().map(|i| item_name(&template, i)).collect();
        let cancel_id = format!("entry-{eid}-cancel");
        dom::focus_soon(cancel_id.clone());
        view! {
            <div class="confirm notice notice-warn" role="alertdialog" aria-labelledby=format!("entry-{eid}-q") data-testid="delete-confirm">
                <p id=format!("entry-{eid}-q")><Icon kind=IconKind::Warning/> " " <strong>{(p.confirm_delete)(&title.get_value())}</strong></p>
                {if names.is_empty() && loss.tasks.is_empty() {
                    view! { <p>{p.confirm_loses_nothing}</p> }.into_any()
                } else {
                    view! {
                        {(!names.is_empty()).then(|| {
                            let joined = names.join(sep);
                            view! { <p data-testid="delete-loses">{quoting_plan((p.confirm_loses)(&joined), joined)}</p> }
                        })}
                        {(!loss.tasks.is_empty()).then(|| view! { <p>{(p.confirm_loses_tasks)(loss.tasks.len())}</p> })}
                    }.into_any()
                }}
                <button type="button" class="danger" on:click=move |_| remove.run(id.get_value())>{p.confirm_yes}</button>
                " "
                <button type="button" id=cancel_id on:click=move |_| {
                    confirming.set(None);
                    dom::focus_soon(format!("entry-{}-delete", id.get_value()));
                }>{t().common.cancel}</button>
            </div>
        }.into_any()
    };
    let eid = entry.id.clone();
    view! {
        <li class="ledger-entry" id=format!("entry-{eid}") tabindex="-1" data-testid=format!("entry-{eid}")>
            <header class="ledger-entry-head">
                <span class="ledger-date">{entry.date.to_string()}</span>
                " " <span class="ledger-type" lang=PLAN_LANG>{activity}</span>
                " " <strong class="ledger-title">{entry.title.clone()}</strong>
            </header>
            {(!flags.is_empty()).then(|| view! {
                <ul class="ledger-flags">
                    {flags.iter().map(|f| view! { <li><Icon kind=IconKind::Info/> " " {(l.flag)(f)}</li> }).collect_view()}
                </ul>
            })}
            <dl class="ledger-fields">
                {field(p.place, entry.place.clone())}
                {field(p.count, entry.participant_count.map(|n| n.to_string()).unwrap_or_default())}
                {field(p.participants, entry.participants.clone())}
                {field(p.summary, entry.summary.clone())}
                {field(p.doc_no, entry.doc_no.clone())}
                {field(p.kept_at, entry.kept_at.clone())}
                {(!items.is_empty()).then(|| view! { <dt>{p.items}</dt><dd class="ledger-items">{items}</dd> })}
            </dl>
            {writable.then(|| view! {
                <div class="ledger-actions no-print">
                    <button type="button" class="link" aria-label=(p.edit_label)(&title.get_value())
                        on:click=move |_| {
                            confirming.set(None);
                            editing.set(Some(Editing::Edit(id.get_value())));
                            dom::focus_soon("entry-date".into());
                        }>{t().common.edit}</button>
                    " "
                    <button type="button" class="link" id=format!("entry-{}-delete", id.get_value())
                        aria-label=(p.delete_label)(&title.get_value())
                        on:click=move |_| confirming.set(Some(id.get_value()))>{t().common.delete}</button>
                </div>
            })}
            {confirm}
        </li>
    }
}

/// The assessment year's key dates, each with whether its analysis exists before it.
#[component]
fn KeyDates(open_new: Callback<EntryDraft>, writable: bool) -> impl IntoView {
    let store = use_store();
    let app = use_app();
    let l = &t().ledger;
    let p = &t().ledger_page;
    let statuses = Memo::new(move |_| {
        let a = Assessment {
            profile: store.profile.get(),
            ledger: store.ledger.values(),
            ..Assessment::default()
        };
        key_date_statuses(&a, app.today)
    });
    let year = move || store.profile.with(|p| p.year);
    view! {
        <section class="key-date-calendar" aria-labelledby="key-dates-h" data-testid="key-date-calendar">
            <h2 id="key-dates-h">{move || (p.calendar_title)(year())}</h2>
            <p class="hint">{p.calendar_lead}</p>
            {move || {
                let list = statuses.get();
                if list.is_empty() {
                    return view! { <p class="empty">{p.calendar_none}</p> }.into_any();
                }
                let entries = store.ledger.values();
                let template = store.template.get_untracked();
                view! {
                    <div class="table-wrap">
                    <table class="key-date-table">
                        <thead><tr>
                            <th scope="col">{p.col_date}</th>
                            <th scope="col">{p.col_name}</th>
                            <th scope="col">{p.col_kind}</th>
                            <th scope="col">{p.col_analysis}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|s| {
                                let k = s.key_date;
                                let name = match i18n::lang() { i18n::Lang::Zh => k.name, i18n::Lang::En => k.en };
                                let when = match k.days_off {
                                    Some(n) => format!("{} ({})", k.date, (p.days_off)(n, &k.first_day.to_string())),
                                    None => k.date.to_string(),
                                };
                                let (icon, state) = match &s.coverage {
                                    Coverage::Covered { .. } => (IconKind::Done, l.key_date_covered),
                                    Coverage::Passed => (IconKind::Warning, l.key_date_passed),
                                    _ => (IconKind::Overdue, l.key_date_due),
                                };
                                let covering: Vec<String> = match &s.coverage {
                                    Coverage::Covered { entries: ids } => ids.iter()
                                        .filter_map(|id| entries.iter().find(|e| &e.id == id))
                                        .map(|e| entry_label(&template, e))
                                        .collect(),
                                    _ => Vec::new(),
                                };
                                let needs = !matches!(s.coverage, Coverage::Covered { .. } | Coverage::Passed);
                                let draft = EntryDraft {
                                    activity: HOLIDAY_ANALYSIS.to_string(),
                                    title: (p.analysis_title)(k.name),
                                    items: vec!["4.1.8".to_string()],
                                    ..EntryDraft::default()
                                };
                                view! {
                                    <tr data-testid=format!("key-date-{}-{}", k.id, k.date)>
                                        <td>{when}{k.estimated.then(|| view! { " " <span class="badge">{l.estimated}</span> })}</td>
                                        <th scope="row">{name}</th>
                                        <td>{(p.key_date_kind)(k.kind)}</td>
                                        <td>
                                            <Icon kind=icon/> " " {state}
                                            {covering.into_iter().map(|c| view! { <br/><span lang=PLAN_LANG>{c}</span> }).collect_view()}
                                            {(needs && writable).then(|| view! {
                                                " " <button type="button" class="link no-print" on:click=move |_| open_new.run(draft.clone())>
                                                    {(p.add_analysis)(name)}
                                                </button>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
