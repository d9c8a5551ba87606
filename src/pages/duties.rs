//! 总览's ledger parts: the yearly quotas counted from the ledger (滞后 ones with the months left),
//! the key dates of the next 30 days (duty 4.1.8) and 我的待办. Every list is a domain function
//! (`zrz_domain::ledger`) over the record.

use leptos::prelude::*;

use super::overview::item_link;
use crate::components::{Icon, IconKind};
use crate::i18n::{self, t};
use crate::route::Route;
use crate::state::{use_app, use_store};
use zrz_domain::calendar::{occasion, KeyDate};
use zrz_domain::ledger::{
    quota_statuses, todos, upcoming_key_dates, Coverage, KeyDateStatus, Pace, Todo,
};
use zrz_domain::record::Assessment;

/// The parts of the record the ledger's rules read, as one value (no ratings: the first page does
/// not load them, and none of these rules reads them).
fn record() -> Memo<Assessment> {
    let store = use_store();
    Memo::new(move |_| Assessment {
        profile: store.profile.get(),
        answers: store.answers.to_map(),
        ledger: store.ledger.values(),
        tasks: store.tasks.values(),
        findings: store.findings.values(),
        ..Assessment::default()
    })
}

fn key_date_name(k: &KeyDate) -> &'static str {
    match i18n::lang() {
        i18n::Lang::Zh => k.name,
        i18n::Lang::En => k.en,
    }
}

/// Quotas, key dates and 我的待办, for 总览.
#[component]
pub fn Duties() -> impl IntoView {
    let store = use_store();
    let app = use_app();
    let l = &t().ledger;
    let record = record();
    let quotas = Memo::new(move |_| {
        let template = store.template.get();
        record.with(|a| quota_statuses(&template, a, app.today))
    });
    let soon = Memo::new(move |_| record.with(|a| upcoming_key_dates(a, app.today)));
    let list = Memo::new(move |_| {
        let template = store.template.get();
        record.with(|a| todos(&template, a, app.today))
    });
    view! {
        <h2>{l.quotas_title}</h2>
        <ul class="quota-list" data-testid="quota-list">
            {move || {
                let template = store.template.get_untracked();
                quotas.get().into_iter().map(|q| {
                    let behind = matches!(q.pace, Pace::Behind { .. } | Pace::Missed);
                    view! {
                        <li data-testid=format!("quota-{}", q.item_id) class:behind=behind>
                            {if q.is_met() { view! { <Icon kind=IconKind::Done/> }.into_any() } else if behind { view! { <Icon kind=IconKind::Overdue/> }.into_any() } else { ().into_any() }}
                            " " {item_link(&template, &q.item_id)} " "
                            <strong>{(l.quota_done)(q.done, q.required)}</strong> " · "
                            {behind.then(|| view! { <span class="badge overdue">{l.quotas_behind}</span> " " })}
                            <span>{(l.pace)(&q.pace)}</span>
                            {q.needs_review.then(|| view! { " · " <span class="badge review"><Icon kind=IconKind::Warning/> " " {l.quota_review}</span> })}
                        </li>
                    }
                }).collect_view()
            }}
        </ul>
        <h2>{l.key_dates_title}</h2>
        {move || {
            let dates = soon.get();
            if dates.is_empty() {
                return view! { <p class="hint" data-testid="key-dates-none">{l.key_dates_none}</p> }.into_any();
            }
            view! {
                <ul class="key-dates" data-testid="key-dates-soon">
                    {dates.into_iter().map(|s| view! { <KeyDateRow status=s/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>{l.todo_title}</h2>
        {move || {
            let items = list.get();
            if items.is_empty() {
                return view! { <p class="hint" data-testid="todo-none">{l.todo_none}</p> }.into_any();
            }
            let template = store.template.get_untracked();
            view! {
                <ol class="todo-list" data-testid="todo-list">
                    {items.into_iter().map(|entry| {
                        let what = match &entry.todo {
                            Todo::KeyDate { key_date_id, .. } => {
                                let name = occasion(key_date_id).map_or(*key_date_id, |o| match i18n::lang() {
                                    i18n::Lang::Zh => o.name,
                                    i18n::Lang::En => o.en,
                                });
                                view! { <a href=Route::Ledger { entry: None }.href()>{name}</a> }.into_any()
                            }
                            Todo::Item { item_id, .. } | Todo::Quota { item_id, .. } => item_link(&template, item_id).into_any(),
                            Todo::Task { item_id, .. } | Todo::Finding { item_id, .. } => {
                                view! { <a href=Route::Rectification.href()>{item_id.clone()}</a> }.into_any()
                            }
                        };
                        view! {
                            <li class:overdue=entry.overdue data-testid=format!("todo-{}", entry.todo.code())>
                                {entry.overdue.then(|| view! { <span class="badge overdue"><Icon kind=IconKind::Overdue/> " " {l.todo_overdue}</span> " " })}
                                {what} " " <span class="overdue-detail">{(l.todo)(&entry.todo)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}

#[component]
fn KeyDateRow(status: KeyDateStatus) -> impl IntoView {
    let l = &t().ledger;
    let k = status.key_date;
    let (icon, state) = match &status.coverage {
        Coverage::Covered { .. } => (IconKind::Done, l.key_date_covered),
        Coverage::Passed => (IconKind::Warning, l.key_date_passed),
        _ => (IconKind::Overdue, l.key_date_due),
    };
    let days = (k.first_day - use_app().today).num_days().max(0) as u32;
    view! {
        <li data-testid=format!("key-date-{}", k.id)>
            <Icon kind=icon/> " "
            <strong>{key_date_name(&k)}</strong> " " {k.date.to_string()}
            {k.estimated.then(|| view! { " " <span class="badge">{l.estimated}</span> })}
            " · " {(l.key_date_when)(days, k.estimated)} " · " <span>{state}</span>
        </li>
    }
}
