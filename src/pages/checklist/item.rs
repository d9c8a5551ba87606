//! One item of the plan and its whole answer. Edits go to a draft; the draft is stored as soon as
//! it is valid. While it is not (a 不适用 without its reason …), the message says what is missing and
//! that it is not saved, and the draft itself is kept (across a reload or a chapter switch) until it
//! is finished or discarded: nothing clicked or typed is lost without a word.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::ledger::{
    entry_label, kept_entry_draft, ItemLedger, ItemLedgerEdit, LedgerList, QuotaLine, ITEM_DRAFT,
};
use super::CurrentItem;
use crate::browser::{clock, dom};
use crate::components::{date_text, quoting_plan, Icon, IconKind, PLAN_LANG};
use crate::i18n::t;
use crate::state::{use_app, use_store};
use zrz_domain::iso::parse_date;
use zrz_domain::plan::{Item, ItemKind};
use zrz_domain::record::{Answer, Evidence, RecordKey, RecordKind, Response};

pub fn item_dom_id(item_id: &str) -> String {
    format!("item-{item_id}")
}

#[component]
pub fn ItemCard(item: Item) -> impl IntoView {
    let app = use_app();
    let store = use_store();
    let c = &t().checklist;
    let writable = store.writable();
    let id = StoredValue::new(item.id.clone());
    let kind = StoredValue::new(item.kind.clone());
    let current_item = use_context::<CurrentItem>();
    let stored = move || {
        id.with_value(|id| store.answers.get(id))
            .unwrap_or_default()
    };
    let stored_untracked = move || {
        id.with_value(|id| store.answers.get_untracked(id))
            .unwrap_or_default()
    };
    let kept_draft: Option<Answer> = writable
        .then(|| {
            app.drafts
                .with_untracked(|d| d.get(&item.id).cloned())
                .and_then(|v| zrz_exchange::store::read_record(&v).ok())
        })
        .flatten();
    let has_draft = kept_draft.is_some();
    let draft = RwSignal::new(kept_draft.unwrap_or_else(|| {
        id.with_value(|id| store.answers.get_untracked(id))
            .unwrap_or_default()
    }));
    let error = RwSignal::new(None::<(String, String)>);
    let validate = move |candidate: &Answer| kind.with_value(|k| candidate.validate(k, app.today));
    if has_draft {
        if let Err(e) = draft.with_untracked(validate) {
            error.set(Some((e.field.to_string(), (t().errors.field)(&e))));
        }
    }
    let commit = move || {
        if !writable {
            return;
        }
        let candidate = draft.get_untracked();
        if let Some(CurrentItem(current)) = current_item {
            current.set(Some(id.get_value()));
        }
        match validate(&candidate) {
            Ok(()) => {
                error.set(None);
                id.with_value(|id| {
                    store.put_answer(id, candidate, clock::now());
                    app.set_draft(id, None);
                });
            }
            Err(e) => {
                error.set(Some((e.field.to_string(), (t().errors.field)(&e))));
                let json = serde_json::to_value(&candidate).expect("an answer serialises");
                id.with_value(|id| app.set_draft(id, Some(json)));
            }
        }
    };
    let discard = move |_| {
        id.with_value(|id| app.set_draft(id, None));
        error.set(None);
        draft.set(stored());
    };
    // Another tab (or an import) may change this item: show it, unless an unfinished edit is
    // pending here or the user is typing in it.
    Effect::new(move |_| {
        let stored = stored();
        let pending = error.with_untracked(Option::is_some);
        let typing = app.editing.with_untracked(|e| {
            e.as_ref()
                .is_some_and(|k| k.kind == RecordKind::Answer && id.with_value(|id| &k.id == id))
        });
        if !pending && !typing && !draft.with_untracked(|d| d.same_content(&stored)) {
            draft.set(stored);
        }
    });
    let edit = move |f: &dyn Fn(&mut Answer)| {
        draft.update(|d| f(d));
        commit();
    };
    let record = move || id.with_value(|id| RecordKey::new(RecordKind::Answer, id.as_str()));
    let on_focus = move |_| app.editing.set(Some(record()));
    // Another tab's version may have come in while the user typed (the editor kept the text): what
    // is in the field when it is left is the user's latest word, and is stored.
    // Leaving a field also happens when the card itself goes (another chapter opened while a field
    // has the focus): then the card's signals are gone and there is nothing left to store.
    let on_blur = move |_| {
        app.editing.set(None);
        let Some(typed) = draft.try_get_untracked() else {
            return;
        };
        if id.try_get_value().is_some() && !typed.same_content(&stored_untracked()) {
            commit();
        }
    };
    // 关联已有台账 and the new-entry form are drawn once the details are first opened (a chapter
    // of a busy ledger would otherwise draw every entry into each card's choice); open from the
    // start when a new entry typed here earlier is kept unsaved.
    let more_open =
        RwSignal::new(writable && kept_entry_draft(&format!("{ITEM_DRAFT}{}", item.id)).is_some());
    let item_for_edit = StoredValue::new(item.clone());
    let reveal = RwSignal::new(None::<String>);
    let dom_id = item_dom_id(&item.id);
    let is_red_line = item.kind.is_red_line();
    let is_quota = matches!(item.kind, ItemKind::Quota { .. });
    let quota = match &item.kind {
        ItemKind::Quota { per_year, activity } => {
            let name = store.template.with_untracked(|t| {
                t.activity(activity)
                    .map(|a| a.name.clone())
                    .unwrap_or_default()
            });
            Some(((c.quota)(*per_year, &name), name))
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
    let overdue = move || {
        id.with_value(|id| {
            store.answers.with(id, |a| {
                a.filter(|a| a.is_overdue(app.today))
                    .map(|a| a.due.map(|d| d.to_string()).unwrap_or_default())
            })
        })
    };
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
                disabled=!writable
                prop:value=move || date_text(draft.with(get))
                on:change=move |ev| { let v = parse_date(&event_target_value(&ev)); edit(&|d| set(d, v)) }
                aria-invalid=invalid(field)
            />
        }
    };
    let text_area = move |field: &'static str,
                          get: fn(&Answer) -> &String,
                          set: fn(&mut Answer, String)| {
        view! {
            <textarea
                id=field_id(field)
                rows="2"
                disabled=!writable
                prop:value=move || draft.with(|d| get(d).clone())
                on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| set(d, v.clone())) }
                on:focus=on_focus
                on:blur=on_blur
                aria-invalid=invalid(field)
            ></textarea>
        }
    };

    view! {
        <article id=dom_id class="item-card" class:red-line=is_red_line class:occurred=occurred class:is-overdue=move || overdue().is_some()
            tabindex="-1" data-testid=format!("item-{}", item.id)>
            <header class="item-head">
                <span class="item-id">{item.id.clone()}</span>
                <span class="item-number">{number}</span>
                <span class="item-dimension" title=c.dimension_title>{(t().common.dimension)(item.dimension)}</span>
                {is_red_line.then(|| view! { <span class="badge danger">{c.red_line_badge}</span> })}
                {move || occurred().then(|| view! {
                    <span class="badge occurred-badge" data-testid="occurred-badge">
                        <Icon kind=IconKind::Warning/> {(t().common.response)(Response::Occurred)}
                    </span>
                })}
                {move || overdue().map(|due| view! {
                    <span class="badge overdue" data-testid="overdue-badge"><Icon kind=IconKind::Overdue/> {(c.overdue_badge)(&due)}</span>
                })}
            </header>
            <p class="item-text" lang=PLAN_LANG>{item.text.clone()}</p>
            <ItemFindings item_id=item.id.clone()/>
            {quota.map(|(q, name)| view! { <p class="item-quota">{quoting_plan(q, name)}</p> })}
            {is_quota.then(|| view! { <QuotaLine item=item.clone()/> })}
            <fieldset class="responses" disabled=!writable>
                // The item's number too: every item has the same choices, and a screen reader reads
                // the group's name when the focus enters it.
                <legend>
                    {if is_red_line { c.legend_occurred } else { c.legend_response }}
                    <span class="visually-hidden">{format!(" {}", item.id)}</span>
                </legend>
                {choices.iter().copied().map(|r| view! {
                    <label class="response">
                        <input
                            type="radio"
                            name=field_id("response")
                            value=r.key()
                            prop:checked=move || response() == Some(r)
                            on:change=move |_| edit(&|d| d.response = Some(r))
                        />
                        {(t().common.response)(r)}
                    </label>
                }).collect_view()}
            </fieldset>
            <Show when=needs_reason>
                <label for=field_id("reason")>{c.reason}</label>
                {text_area("reason", |d| &d.reason, |d, v| d.reason = v)}
            </Show>
            <Show when=occurred>
                {date_field("occurred_on", c.occurred_on, |d| d.occurred_on, |d, v| d.occurred_on = v)}
            </Show>
            <label for=field_id("note")>{move || if occurred() { c.note_occurred } else { c.note }}</label>
            {text_area("note", |d| &d.note, |d, v| d.note = v)}
            {move || error.get().map(|(_, message)| view! {
                <div class="field-error" role="alert" data-testid="item-error">
                    <p>{message} {t().common.not_saved}</p>
                    <p class="draft-kept">{c.draft_kept} " "
                        <button type="button" class="link no-print" on:click=discard>{c.discard_draft}</button>
                    </p>
                </div>
            })}
            <ItemLedger item_id=item.id.clone() writable=writable reveal=reveal/>
            <details class="item-more" open=more_open.get_untracked() on:toggle=move |_| more_open.set(true)>
                <summary>{c.more}</summary>
                {move || (writable && more_open.get()).then(|| view! { <ItemLedgerEdit item=item_for_edit.get_value() reveal=reveal/> })}
                <EvidenceList draft=draft commit=Callback::new(move |_| commit()) writable=writable item_id=item.id.clone()/>
                <div class="grid-2">
                    <div>
                        <label for=field_id("owner")>{c.owner}</label>
                        <input
                            id=field_id("owner")
                            type="text"
                            disabled=!writable
                            prop:value=move || draft.with(|d| d.owner.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.owner = v.clone()) }
                            on:focus=on_focus
                            on:blur=on_blur
                        />
                    </div>
                    <div>{date_field("due", c.due, |d| d.due, |d, v| d.due = v)}</div>
                    <div>{date_field("done", c.done, |d| d.done, |d, v| d.done = v)}</div>
                    <div class="flag">
                        <label>
                            <input
                                type="checkbox"
                                disabled=!writable
                                prop:checked=move || draft.with(|d| d.flagged)
                                on:change=move |ev| { let v = event_target_checked(&ev); edit(&|d| d.flagged = v) }
                            />
                            {c.flagged}
                        </label>
                    </div>
                </div>
            </details>
        </article>
    }
}

/// 佐证材料: rows of name, place and document number. A new row takes the focus, so the next
/// keystrokes go into it.
#[component]
fn EvidenceList(
    draft: RwSignal<Answer>,
    commit: Callback<()>,
    writable: bool,
    item_id: String,
) -> impl IntoView {
    let c = &t().checklist;
    let count = Memo::new(move |_| draft.with(|d| d.evidence.len()));
    let prefix = StoredValue::new(format!("evidence-{item_id}"));
    let field = move |index: usize,
                      name: &'static str,
                      label: &'static str,
                      get: fn(&Evidence) -> &String,
                      set: fn(&mut Evidence, String)| {
        let id = prefix.with_value(|p| format!("{p}-{index}-{name}"));
        view! {
            <label class="evidence-field" for=id.clone()>
                <span>{label}</span>
            </label>
            <input
                id=id
                type="text"
                disabled=!writable
                prop:value=move || draft.with(|d| d.evidence.get(index).map(|e| get(e).clone()).unwrap_or_default())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|d| if let Some(e) = d.evidence.get_mut(index) { set(e, v) });
                    commit.run(());
                }
            />
        }
    };
    // Which ledger entry a row is: one of those evidencing the item (or the one it names already,
    // kept and shown as missing when it is gone).
    let store = use_store();
    let list = LedgerList::use_list();
    let item_key = StoredValue::new(item_id.clone());
    let entry_select = move |index: usize| {
        let id = prefix.with_value(|p| format!("{p}-{index}-entry"));
        let current = move || draft.with(|d| d.evidence.get(index).and_then(|e| e.entry.clone()));
        let options = move || {
            let template = store.template.get_untracked();
            let current = current();
            let mut options: Vec<(String, String)> = list.0.with(|ledger| {
                item_key.with_value(|item| {
                    zrz_domain::ledger::evidencing(ledger, item)
                        .into_iter()
                        .map(|e| (e.id.clone(), entry_label(&template, e)))
                        .collect()
                })
            });
            if let Some(cur) = current.filter(|c| !options.iter().any(|(id, _)| id == c)) {
                let label = store
                    .ledger
                    .with(&cur, |e| e.map(|e| entry_label(&template, e)))
                    .unwrap_or_else(|| (t().ledger.evidence_entry_missing)(&cur));
                options.push((cur, label));
            }
            options
        };
        view! {
            <label class="evidence-field" for=id.clone()><span>{(t().ledger.evidence_entry)(index + 1)}</span></label>
            <select id=id disabled=!writable
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|d| if let Some(e) = d.evidence.get_mut(index) { e.entry = (!v.is_empty()).then_some(v) });
                    commit.run(());
                }>
                <option value="" selected=move || current().is_none()>{t().ledger.evidence_entry_none}</option>
                {move || options().into_iter().map(|(value, label)| {
                    let v = value.clone();
                    view! { <option value=value lang=PLAN_LANG selected=move || current().as_deref() == Some(v.as_str())>{label}</option> }
                }).collect_view()}
            </select>
        }
    };
    let add = move |_| {
        draft.update(|d| d.evidence.push(Evidence::default()));
        commit.run(());
        let index = draft.with_untracked(|d| d.evidence.len() - 1);
        dom::focus_soon(prefix.with_value(|p| format!("{p}-{index}-what")));
    };
    // The removed row's button goes with it: the focus moves to the row now in its place (or the
    // one before), or to 添加佐证材料 when none is left.
    let remove = move |index: usize| {
        draft.update(|d| {
            d.evidence.remove(index);
        });
        commit.run(());
        let left = draft.with_untracked(|d| d.evidence.len());
        let target = match left {
            0 => prefix.with_value(|p| format!("{p}-add")),
            n => prefix.with_value(|p| format!("{p}-{}-what", index.min(n - 1))),
        };
        dom::focus_soon(target);
    };
    view! {
        <fieldset class="evidence">
            <legend>{c.evidence}</legend>
            {move || (0..count.get()).map(|index| view! {
                <div class="evidence-row">
                    {field(index, "what", c.evidence_what, |e| &e.what, |e, v| e.what = v)}
                    {field(index, "where", c.evidence_where, |e| &e.location, |e, v| e.location = v)}
                    {field(index, "doc", c.evidence_doc_no, |e| &e.doc_no, |e, v| e.doc_no = v)}
                    {entry_select(index)}
                    <button type="button" class="link no-print" disabled=!writable
                        aria-label=(c.evidence_remove)(index + 1)
                        on:click=move |_| remove(index)>
                        {t().common.delete}
                    </button>
                </div>
            }).collect_view()}
            {writable.then(|| view! {
                <button type="button" class="no-print" id=prefix.with_value(|p| format!("{p}-add")) on:click=add>{c.evidence_add}</button>
            })}
        </fieldset>
    }
}

/// The office's findings on this item (not closed), each with its verdict and note, and a link to
/// 整改 where the task for it is kept.
#[component]
fn ItemFindings(item_id: String) -> impl IntoView {
    let store = crate::state::use_store();
    let n = &t().rect;
    move || {
        let findings: Vec<_> = store
            .findings
            .values()
            .into_iter()
            .filter(|f| f.item_id == item_id && !f.closed)
            .collect();
        (!findings.is_empty()).then(|| {
            view! {
                <div class="notice notice-warn item-findings" data-testid="item-findings">
                    {findings.into_iter().map(|f| view! {
                        <p><Icon kind=IconKind::Warning/> " " {(n.finding_on_item)((n.verdict)(f.verdict), &f.note)}</p>
                    }).collect_view()}
                    <p><a href=crate::route::Route::Rectification.href()>{n.to_rectification}</a></p>
                </div>
            }
        })
    }
}
