//! The entry form: every field of a ledger entry as typed ([`EntryDraft`]), read by
//! `zrz_domain::ledger::parse_entry`. A refused form names each wrong field and stays on screen as
//! typed; while it holds unsaved text it is kept in the browser and brought back marked 未保存.

use leptos::prelude::*;

use crate::browser::{clock, dom};
use crate::components::{Icon, IconKind, PLAN_LANG};
use crate::i18n::t;
use crate::pages::checklist::ledger::keep_entry_draft;
use crate::pages::overview::short;
use crate::state::{use_app, use_store};
use zrz_domain::ledger::{parse_entry, EntryDraft, EntryFlag};

/// The form for a new entry (`id` freshly made) or an existing one. `on_saved` gets the entry's
/// id and the flags of what was saved.
#[component]
pub fn EntryForm(
    id: String,
    /// The form as it opens (a kept draft brought back, or `initial`).
    draft: EntryDraft,
    /// What the form holds before anything is typed: an entry's fields, or a new one's defaults.
    initial: EntryDraft,
    /// `draft` is a kept unsaved draft brought back: marked so.
    restored: bool,
    /// Where the form is kept while unsaved (`keep_entry_draft`).
    key: String,
    #[prop(into)] label: String,
    on_saved: Callback<(String, Vec<EntryFlag>)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let store = use_store();
    let app = use_app();
    let l = &t().ledger;
    let p = &t().ledger_page;
    let draft = RwSignal::new(draft);
    let problems = RwSignal::new(Vec::<(String, String)>::new());
    let id = StoredValue::new(id);
    // The one rule of entry forms: kept while unsaved, brought back marked 未保存.
    keep_entry_draft(key.clone(), draft, initial.clone());
    let key = StoredValue::new(key);
    let forget = move || key.with_value(|k| app.set_draft(k, None));
    let restored = RwSignal::new(restored);
    let unsaved = move || draft.with(|d| d.unsaved(&initial));
    let field_id = |f: &str| format!("entry-{f}");
    let invalid = move |field: &'static str| {
        move || {
            problems
                .with(|p| p.iter().any(|(f, _)| f == field))
                .then_some("true")
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        let template = store.template.get_untracked();
        let year = store.profile.with_untracked(|p| p.year);
        let entry_id = id.get_value();
        match parse_entry(&d, &entry_id, &template, year, app.today, clock::now()) {
            Ok(parsed) => {
                problems.set(Vec::new());
                store.put_entry(parsed.entry);
                forget();
                on_saved.run((entry_id, parsed.flags));
            }
            Err(list) => {
                problems.set(
                    list.iter()
                        .map(|e| (e.field().code().to_string(), (t().ledger.problem)(e)))
                        .collect(),
                );
                if let Some(first) = list.first() {
                    dom::focus_soon(format!("entry-{}", first.field().code()));
                }
            }
        }
    };
    let text = move |field: &'static str,
                     label: &'static str,
                     get: fn(&EntryDraft) -> String,
                     set: fn(&mut EntryDraft, String)| {
        view! {
            <div class=format!("field field-{field}")>
                <label for=field_id(field)>{label}</label>
                <input id=field_id(field) type="text" prop:value=move || draft.with(get)
                    aria-invalid=invalid(field)
                    placeholder=match field { "date" => Some(l.date_hint), "participant_count" => Some(p.count_hint), _ => None }
                    inputmode=(field == "participant_count").then_some("numeric")
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| set(d, v)) }/>
            </div>
        }
    };
    let template = store.template.get_untracked();
    let activities: Vec<(String, String)> = template
        .activities
        .iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    let mut items: Vec<(String, String)> = template
        .items()
        .map(|i| (i.id.clone(), format!("{} {}", i.id, short(&i.text))))
        .collect();
    // Links to items this template lacks (an entry made with another plan) stay listed and kept.
    for item in draft.with_untracked(|d| d.items.clone()) {
        if template.item(&item).is_none() {
            items.push((item.clone(), (p.unknown_item)(&item)));
        }
    }
    let chosen = move || draft.with(|d| d.items.len());
    view! {
        <form class="entry-form" aria-label=label on:submit=save novalidate=true data-testid="entry-form">
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <div class="field-error" role="alert" data-testid="entry-problems">
                        <p>{p.not_saved}</p>
                        <ul>{list.into_iter().map(|(_, m)| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || (restored.get() && unsaved()).then(|| view! {
                <p class="draft-kept" data-testid="entry-draft-kept"><Icon kind=IconKind::Warning/> " " {p.draft_kept}</p>
            })}
            <div class="grid-3">
                {text("date", l.date, |d| d.date.clone(), |d, v| d.date = v)}
                <div class="field">
                    <label for=field_id("activity")>{l.activity}</label>
                    <select id=field_id("activity") aria-invalid=invalid("activity")
                        on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.activity = v) }>
                        <option value="" selected=move || draft.with(|d| d.activity.is_empty())>{l.choose}</option>
                        {activities.into_iter().map(|(aid, name)| {
                            let a = aid.clone();
                            view! { <option value=aid lang=PLAN_LANG selected=move || draft.with(|d| d.activity == a)>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {text("title", l.title, |d| d.title.clone(), |d, v| d.title = v)}
                {text("place", p.place, |d| d.place.clone(), |d, v| d.place = v)}
                {text("participant_count", p.count, |d| d.participant_count.clone(), |d, v| d.participant_count = v)}
                {text("participants", p.participants, |d| d.participants.clone(), |d, v| d.participants = v)}
                {text("doc_no", p.doc_no, |d| d.doc_no.clone(), |d, v| d.doc_no = v)}
                {text("kept_at", p.kept_at, |d| d.kept_at.clone(), |d, v| d.kept_at = v)}
            </div>
            <label for=field_id("summary")>{p.summary}</label>
            <textarea id=field_id("summary") rows="3" prop:value=move || draft.with(|d| d.summary.clone())
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.summary = v) }></textarea>
            <details class="entry-items">
                <summary>{move || (p.items_chosen)(chosen())}</summary>
                <fieldset>
                    <legend class="visually-hidden">{p.items}</legend>
                    <div class="entry-items-grid">
                        {items.into_iter().map(|(item, label)| {
                            let (a, b) = (item.clone(), item.clone());
                            view! {
                                <label class="entry-item">
                                    <input type="checkbox" value=item
                                        prop:checked=move || draft.with(|d| d.items.contains(&a))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let item = b.clone();
                                            draft.update(|d| {
                                                d.items.retain(|i| *i != item);
                                                if on { d.items.push(item) }
                                            });
                                        }/>
                                    " " <span lang=PLAN_LANG>{label}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </details>
            <div class="form-actions">
                <button type="submit" class="primary" data-testid="entry-save">{l.save_entry}</button>
                <button type="button" on:click=move |_| { forget(); on_cancel.run(()) }>{t().common.cancel}</button>
            </div>
        </form>
    }
}
