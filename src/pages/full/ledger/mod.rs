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
use crate::pages::checklist::ledger::{
    entry_label, kept_entry_draft, show_more, LedgerList, More, MoreRows, PAGE_DRAFT,
};
use crate::state::{use_app, use_store};
use form::EntryForm;
use zrz_domain::ledger::{
    entry_flags, key_date_statuses_of, months, search, summary_preview, Coverage, EntryDraft,
    EntryFlag, LedgerQuery, Window, YearMonth, HOLIDAY_ANALYSIS, LIST_PAGE,
};
use zrz_domain::plan::Template;
use zrz_domain::record::{Assessment, LedgerEntry};

/// What the form is for.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    /// A new entry's id and the form as it opens; whether it is a kept draft brought back.
    New(String, Box<EntryDraft>, bool),
    /// An entry's id, and its kept unsaved edit if one was brought back.
    Edit(String, Option<Box<EntryDraft>>),
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
    // Every entry, copied once per change for the whole page (list, filters, key dates).
    let entries = LedgerList::new(store);
    provide_context(entries);
    // The list in the order shown, as (id, activity): the rows themselves read their own records.
    let arranged = Memo::new(move |_| {
        entries.0.with(|all| {
            query.with(|q| {
                let mut list: Vec<(String, String)> = search(all, q)
                    .into_iter()
                    .map(|e| (e.id.clone(), e.activity.clone()))
                    .collect();
                if arrange.get() == Arrange::ByType {
                    let template = store.template.get();
                    let rank = |a: &str| {
                        template
                            .activities
                            .iter()
                            .position(|x| x.id == a)
                            .unwrap_or(usize::MAX)
                    };
                    // Stable: within a type the ledger's date order stays.
                    zrz_domain::order::sort_by_key(&mut list, |(_, a)| rank(a));
                }
                list
            })
        })
    });
    // Which rows are on screen: the first page at first and after each new search or filter.
    let window = RwSignal::new(Window::first(LIST_PAGE));
    Effect::new(move |seen: Option<()>| {
        query.track();
        arrange.track();
        if seen.is_some() {
            window.set(Window::first(LIST_PAGE));
        }
    });
    let all_rows = Window::first(LIST_PAGE).more(0, true);
    // Paper gets every row: the print button shows them all first; the browser's own print
    // command is caught too (and if it prints before they are drawn, the paper says so).
    dom::on_before_print(move || window.set(all_rows));
    // Brings a row into the list (beyond the rows shown: the page that holds it) and then to view.
    let reveal = move |id: String, focus: bool| {
        arranged.with_untracked(|a| {
            if let Some(index) = a.iter().position(|(e, _)| *e == id) {
                window.update(|w| *w = w.showing(index, a.len()));
            }
        });
        if focus {
            dom::focus_soon(format!("entry-{id}"));
        } else {
            request_animation_frame(move || location::reveal(&format!("entry-{id}")));
        }
    };
    // A form left unsaved comes back as it was, marked 未保存 (the address's entry first).
    let kept = |id: &str| kept_entry_draft(&format!("{PAGE_DRAFT}{id}")).map(Box::new);
    if let Some(id) = entry {
        if store.ledger.get_untracked(&id).is_some() {
            if writable {
                editing.set(Some(Editing::Edit(id.clone(), kept(&id))));
            }
            reveal(id, false);
        }
    }
    if writable && editing.with_untracked(Option::is_none) {
        if let Some(draft) = kept("new") {
            editing.set(Some(Editing::New(random::id("e"), draft, true)));
        } else {
            let edited = use_app().drafts.with_untracked(|d| {
                d.keys()
                    .filter_map(|k| k.strip_prefix(PAGE_DRAFT))
                    .find(|id| *id != "new" && store.ledger.get_untracked(id).is_some())
                    .map(str::to_string)
            });
            if let Some(id) = edited {
                editing.set(Some(Editing::Edit(id.clone(), kept(&id))));
                reveal(id, false);
            }
        }
    }
    let open_new = move |draft: EntryDraft| {
        confirming.set(None);
        editing.set(Some(Editing::New(random::id("e"), Box::new(draft), false)));
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
        reveal(id, true);
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
                <button type="button" data-testid="ledger-print"
                    on:click=move |_| { window.set(all_rows); dom::print_after_render() }>{p.print}</button>
            </div>
            <div role="status" class="no-print" data-testid="ledger-notice">
                {move || notice.get().map(|(m, flags)| view! {
                    <p class="field-ok"><Icon kind=IconKind::Done/> " " {m}</p>
                    {flags.into_iter().map(|f| view! { <p class="hint"><Icon kind=IconKind::Info/> " " {f}</p> }).collect_view()}
                })}
            </div>
            {move || match editing.get() {
                Some(Editing::New(id, draft, restored)) => {
                    let initial = if restored { EntryDraft::default() } else { (*draft).clone() };
                    view! {
                        <EntryForm id=id draft=*draft initial=initial restored=restored key=format!("{PAGE_DRAFT}new")
                            label=p.new_form on_saved=on_saved on_cancel=on_cancel/>
                    }.into_any()
                }
                Some(Editing::Edit(id, kept)) => match store.ledger.get_untracked(&id) {
                    Some(e) => {
                        let initial = EntryDraft::from_entry(&e);
                        let restored = kept.as_ref().is_some_and(|k| k.unsaved(&initial));
                        let draft = kept.map_or_else(|| initial.clone(), |k| *k);
                        view! {
                            <EntryForm id=id.clone() draft=draft initial=initial restored=restored key=format!("{PAGE_DRAFT}{id}")
                                label=(p.edit_form)(&e.title) on_saved=on_saved on_cancel=on_cancel/>
                        }.into_any()
                    }
                    None => ().into_any(),
                },
                None => ().into_any(),
            }}
            <Filters query=query entries=entries/>
            <EntryList arranged=arranged window=window entries=entries arrange=arrange editing=editing confirming=confirming notice=notice writable=writable/>
            <KeyDates open_new=Callback::new(open_new) writable=writable/>
        </section>
    }
}

#[component]
fn Filters(query: RwSignal<LedgerQuery>, entries: LedgerList) -> impl IntoView {
    let store = use_store();
    let p = &t().ledger_page;
    let activities: Vec<(String, String)> = store.template.with_untracked(|t| {
        t.activities
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect()
    });
    let month_choices = Memo::new(move |_| entries.0.with(|e| months(e)));
    let item_choices = Memo::new(move |_| {
        let template = store.template.get();
        let linked: BTreeSet<String> = entries.0.with(|e| {
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
    arranged: Memo<Vec<(String, String)>>,
    window: RwSignal<Window>,
    entries: LedgerList,
    arrange: RwSignal<Arrange>,
    editing: RwSignal<Option<Editing>>,
    confirming: RwSignal<Option<String>>,
    notice: RwSignal<Option<(String, Vec<String>)>>,
    writable: bool,
) -> impl IntoView {
    let store = use_store();
    let p = &t().ledger_page;
    let total = Memo::new(move |_| entries.0.with(|e| e.len()));
    let slice = Memo::new(move |_| window.get().of(arranged.with(Vec::len)));
    let count = move || (p.shown)(slice.get().total, total.get());
    // The rows on screen, grouped by type when arranged so (one group when by date).
    let groups = Memo::new(move |_| {
        let s = slice.get();
        let by_type = arrange.get() == Arrange::ByType;
        arranged.with(|list| {
            let mut groups: Vec<(String, Vec<String>)> = Vec::new();
            for (id, activity) in &list[s.start..s.end] {
                let key = if by_type { activity.as_str() } else { "" };
                match groups.last_mut() {
                    Some((k, ids)) if k == key => ids.push(id.clone()),
                    _ => groups.push((key.to_string(), vec![id.clone()])),
                }
            }
            groups
        })
    });
    let remove = Callback::new(move |id: String| {
        let title = store
            .ledger
            .get_untracked(&id)
            .map(|e| e.title)
            .unwrap_or_default();
        store.remove_entry(&id, clock::now());
        confirming.set(None);
        notice.set(Some(((p.deleted)(&title), Vec::new())));
        dom::focus_soon("ledger-list".into());
    });
    let group_view = move |key: String| {
        let of_group = {
            let key = key.clone();
            move || {
                groups.with(|g| {
                    g.iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, ids)| ids.clone())
                        .unwrap_or_default()
                })
            }
        };
        let heading = (!key.is_empty()).then(|| {
            let name = store
                .template
                .with_untracked(|t| t.activity(&key).map_or(key.clone(), |a| a.name.clone()));
            let key = key.clone();
            let n = move || {
                arranged.with(|a| a.iter().filter(|(_, act)| *act == key).count())
            };
            view! { <h2 class="ledger-group" lang=PLAN_LANG>{move || format!("{name}（{}）", n())}</h2> }
        });
        view! {
            {heading}
            <ol class="ledger-entries">
                <For each=of_group key=|id| id.clone() let:id>
                    <EntryRow id=id editing=editing confirming=confirming remove=remove writable=writable/>
                </For>
            </ol>
        }
    };
    let more = Callback::new(move |what: More| {
        let ids: Vec<String> =
            arranged.with_untracked(|a| a.iter().map(|(id, _)| id.clone()).collect());
        if let Some(id) = show_more(window, &ids, what) {
            dom::focus_soon(format!("entry-{id}"));
        }
    });
    view! {
        <p class="no-print" data-testid="ledger-count" aria-live="polite">{count}</p>
        <div id="ledger-list" tabindex="-1" data-testid="ledger-list">
            {move || {
                if slice.with(|s| s.total == 0) {
                    let message = if total.get() == 0 { p.empty } else { p.none_match };
                    return view! { <p class="empty" data-testid="ledger-empty">{message}</p> }.into_any();
                }
                view! {
                    <For each=move || groups.with(|g| g.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()) key=|k| k.clone() let:key>
                        {group_view(key)}
                    </For>
                }.into_any()
            }}
        </div>
        {move || {
            let s = slice.get();
            (s.shown() < s.total).then(|| view! {
                <p class="print-only">{(p.print_partial)(s.shown(), s.total)}</p>
                <MoreRows slice=s on_more=more prefix="ledger".to_string()/>
            })
        }}
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
    id: String,
    editing: RwSignal<Option<Editing>>,
    confirming: RwSignal<Option<String>>,
    remove: Callback<String>,
    writable: bool,
) -> impl IntoView {
    let store = use_store();
    // The row follows its own record (an edit redraws this row only).
    let record = store.ledger.signal(&id);
    move || {
        let entry = record?.try_get()?;
        Some(
            view! { <EntryView entry=entry editing=editing confirming=confirming remove=remove writable=writable/> },
        )
    }
}

#[component]
fn EntryView(
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
    let list = LedgerList::use_list();
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
    // A long summary shows its opening; the rest on demand (and always on paper).
    let summary = move |text: String| -> Option<AnyView> {
        let Some(preview) = summary_preview(&text) else {
            return field(p.summary, text).map(IntoAny::into_any);
        };
        let n = text.trim().chars().count();
        Some(view! {
            <dt>{p.summary}</dt>
            <dd>
                <details class="ledger-summary">
                    <summary><span class="ledger-summary-preview">{preview}</span> " " <span class="link">{(p.summary_more)(n)}</span></summary>
                    <p>{text}</p>
                </details>
            </dd>
        }.into_any())
    };
    let confirm = move || {
        let eid = id.get_value();
        if confirming.get().as_deref() != Some(eid.as_str()) {
            return ().into_any();
        }
        // The ledger and the tasks are all a deletion reads.
        let a = Assessment {
            ledger: list.0.with_untracked(|l| l.to_vec()),
            tasks: store
                .tasks
                .entries_untracked()
                .into_iter()
                .map(|(_, t)| t)
                .collect(),
            ..Assessment::default()
        };
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
                {summary(entry.summary.clone())}
                {field(p.doc_no, entry.doc_no.clone())}
                {field(p.kept_at, entry.kept_at.clone())}
                {(!items.is_empty()).then(|| view! { <dt>{p.items}</dt><dd class="ledger-items">{items}</dd> })}
            </dl>
            {writable.then(|| view! {
                <div class="ledger-actions no-print">
                    <button type="button" class="link" aria-label=(p.edit_label)(&title.get_value())
                        on:click=move |_| {
                            confirming.set(None);
                            editing.set(Some(Editing::Edit(id.get_value(), None)));
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
    let ledger = LedgerList::use_list();
    let statuses = Memo::new(move |_| {
        let year = store.profile.with(|p| p.year);
        ledger.0.with(|l| key_date_statuses_of(year, l, app.today))
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
                let entries = ledger.0.get_untracked();
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
