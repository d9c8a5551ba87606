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

use zrz_domain::ledger::{
    evidencing, linkable, parse_entry, quota_status_of, EntryDraft, Pace, Slice, Window, CARD_PAGE,
};
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

/// Where an item card's unsaved new entry is kept (`App::set_draft`): this prefix and the item id.
pub const ITEM_DRAFT: &str = "ledger-new:";
/// Where the 台账 page's unsaved form is kept: this prefix and `new` or the entry's id.
pub const PAGE_DRAFT: &str = "ledger-entry:";

/// The kept draft under `key`, if any (and readable).
pub fn kept_entry_draft(key: &str) -> Option<EntryDraft> {
    use_app().drafts.with_untracked(|d| {
        let texts: Vec<String> = d
            .get(key)?
            .as_array()?
            .iter()
            .map(|t| t.as_str().unwrap_or_default().to_string())
            .collect();
        Some(EntryDraft::from_texts(&texts))
    })
}

/// The one rule of every entry form (the 台账 page's, an item card's), [`EntryDraft::unsaved`]:
/// while the form holds something unsaved it is kept in this browser under `key`, so leaving the
/// page, the chapter or the browser and coming back finds it, marked 未保存 (nothing to ask before
/// leaving: nothing is lost); once it is saved, discarded or back as it opened, it is forgotten.
pub fn keep_entry_draft(key: String, draft: RwSignal<EntryDraft>, initial: EntryDraft) {
    let app = use_app();
    Effect::new(move |_| {
        let kept = draft
            .with(|d| d.unsaved(&initial))
            .then(|| serde_json::Value::from(draft.with_untracked(EntryDraft::to_texts)));
        app.set_draft(&key, kept);
    });
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

/// What the control under a list shown in slices asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum More {
    Next,
    Earlier,
    All,
}

/// Under a list shown in slices: which rows are listed of how many, "显示前面的 n 条",
/// "显示更多" and "全部显示" (each only when it would add rows). The page moves the focus to the
/// first row added. Ids start with `prefix`.
#[component]
pub fn MoreRows(slice: Slice, on_more: Callback<More>, prefix: String) -> impl IntoView {
    let l = &t().ledger;
    let status = format!("{prefix}-more-status");
    let button = |what: More, label: String, status: String| {
        view! { " " <button type="button" class="no-print" aria-describedby=status on:click=move |_| on_more.run(what)>{label}</button> }
    };
    view! {
        <div class="more-rows" role="group" aria-labelledby=status.clone() data-testid=format!("{prefix}-more")>
            <span id=status.clone()>{(l.list_status)(slice.start + 1, slice.end, slice.total)}</span>
            {(slice.earlier > 0).then(|| button(More::Earlier, (l.list_earlier)(slice.earlier), status.clone()))}
            {(slice.next > 0).then(|| button(More::Next, (l.list_more)(slice.next), status.clone()))}
            {button(More::All, (l.list_all)(slice.total), status.clone())}
        </div>
    }
}

/// Applies a [`More`] to a window over `ids`; returns the id of the first row it adds (for the
/// focus).
pub fn show_more(window: RwSignal<Window>, ids: &[String], what: More) -> Option<String> {
    let total = ids.len();
    let before = window.get_untracked().of(total);
    let after = window.get_untracked();
    let after = match what {
        More::Next => after.more(total, false),
        More::All => after.more(total, true),
        More::Earlier => after.earlier(total),
    };
    window.set(after);
    let now = after.of(total);
    let first_new = if now.start < before.start {
        now.start
    } else {
        before.end
    };
    ids.get(first_new).cloned()
}

/// Draws one entry of a card's list.
type Row = Arc<dyn Fn(LedgerEntry) -> AnyView + Send + Sync>;
/// The DOM id of an entry's row in a card's list.
type RowId = Arc<dyn Fn(&str) -> String + Send + Sync>;

/// A card's list of entries in slices of [`CARD_PAGE`]: the rows on screen, and the control under
/// them when some are not. At most a slice is drawn, so it is redrawn whole (one function for
/// every card list: the first page stays small).
fn entries_in_slices(
    ids: Memo<Vec<String>>,
    reveal: Option<RwSignal<Option<String>>>,
    prefix: String,
    class: &'static str,
    row: Row,
    dom_id: RowId,
) -> AnyView {
    let store = use_store();
    let window = RwSignal::new(Window::first(CARD_PAGE));
    let slice = Memo::new(move |_| window.get().of(ids.with(Vec::len)));
    // An entry just added or linked here is listed, whatever its place.
    if let Some(reveal) = reveal {
        Effect::new(move |_| {
            let Some(id) = reveal.get() else { return };
            ids.with(|i| {
                if let Some(index) = i.iter().position(|x| *x == id) {
                    window.update(|w| *w = w.showing(index, i.len()));
                }
            });
        });
    }
    let on_more = Callback::new(move |what: More| {
        if let Some(id) = ids.with_untracked(|i| show_more(window, i, what)) {
            dom::focus_soon(dom_id(&id));
        }
    });
    let rows = move || {
        let s = slice.get();
        ids.with(|i| {
            i[s.start..s.end]
                .iter()
                .filter_map(|id| store.ledger.get(id))
                .map(|e| row(e))
                .collect_view()
        })
    };
    view! {
        <ul class=class data-testid=class>{rows}</ul>
        {move || {
            let s = slice.get();
            (s.shown() < s.total).then(|| view! { <MoreRows slice=s on_more=on_more prefix=prefix.clone()/> })
        }}
    }
    .into_any()
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
    let counted = Memo::new(move |_| {
        status.with(|s| s.as_ref().map(|s| s.entries.clone()).unwrap_or_default())
    });
    let prefix = item.with_value(|i| format!("quota-{}", i.id));
    let lines = move || {
        let s = status.get()?;
        let behind = matches!(s.pace, Pace::Behind { .. } | Pace::Missed);
        Some(view! {
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
        })
    };
    let row_id: RowId = {
        let prefix = prefix.clone();
        Arc::new(move |id: &str| format!("{prefix}-entry-{id}"))
    };
    let row: Row = {
        let row_id = row_id.clone();
        Arc::new(move |e: LedgerEntry| {
            let template = store.template.get_untracked();
            view! { <li id=row_id(&e.id) tabindex="-1">{entry_link(&template, &e)}</li> }.into_any()
        })
    };
    let is_quota = item.with_value(|i| matches!(i.kind, ItemKind::Quota { .. }));
    is_quota.then(|| {
        view! {
            <div class="quota-status" data-testid="quota-status">
                {lines}
                {entries_in_slices(counted, None, prefix, "quota-entries", row, row_id)}
            </div>
        }
    })
}

/// 台账佐证: the entries evidencing the item, each with 取消关联.
#[component]
pub fn ItemLedger(
    item_id: String,
    writable: bool,
    /// Set to an entry just added or linked from this card: it is listed, whatever its place.
    reveal: RwSignal<Option<String>>,
) -> impl IntoView {
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
                    .map(|e| e.id.clone())
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
    let row_id: RowId = Arc::new(move |id: &str| prefix.with_value(|p| format!("{p}-entry-{id}")));
    let row_dom_id = row_id.clone();
    let row: Row = Arc::new(move |e: LedgerEntry| {
        let template = store.template.get_untracked();
        let entry_id = e.id.clone();
        view! {
            <li id=row_dom_id(&e.id) tabindex="-1">
                {entry_link(&template, &e)}
                {writable.then(|| view! {
                    " " <button type="button" class="link no-print" aria-label=(l.unlink_label)(&e.title)
                        on:click=move |_| unlink(entry_id.clone())>{l.unlink}</button>
                })}
            </li>
        }
        .into_any()
    });
    view! {
        <section class="item-ledger" aria-labelledby=format!("{dom_prefix}-h") data-testid="item-ledger">
            <h3 id=format!("{dom_prefix}-h") class="item-ledger-title" tabindex="-1">{l.evidence_entries}</h3>
            <Show when=move || linked.with(Vec::is_empty)>
                <p class="hint" data-testid="item-ledger-none">{l.evidence_none}</p>
            </Show>
            <div hidden=move || linked.with(Vec::is_empty)>
                {entries_in_slices(linked, Some(reveal), dom_prefix.clone(), "item-ledger-list", row, row_id)}
            </div>
        </section>
    }
}

/// 关联已有台账 and 新增台账条目, inside the item's 佐证材料 details: the new entry evidences the item.
#[component]
pub fn ItemLedgerEdit(item: Item, reveal: RwSignal<Option<String>>) -> impl IntoView {
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
            reveal.set(Some(id.clone()));
            dom::focus_soon(prefix.with_value(|p| format!("{p}-entry-{id}")));
        }
    };
    // The new entry's form: as typed, kept on screen until it is valid, and kept in the browser
    // while unsaved (leaving the chapter and coming back finds it).
    let blank = EntryDraft {
        activity: default_activity.clone(),
        ..EntryDraft::default()
    };
    let problems = RwSignal::new(Vec::<(String, String)>::new());
    let problems_reset = move || problems.set(Vec::new());
    let draft_key = format!("{ITEM_DRAFT}{}", item.id);
    let kept = kept_entry_draft(&draft_key);
    let restored = RwSignal::new(kept.is_some());
    let draft = RwSignal::new(kept.unwrap_or_else(|| blank.clone()));
    keep_entry_draft(draft_key, draft, blank.clone());
    let blank_after_save = StoredValue::new(blank.clone());
    let discard = {
        let blank = blank.clone();
        move |_| {
            draft.set(blank.clone());
            restored.set(false);
            problems_reset();
        }
    };
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
                restored.set(false);
                // Back to the blank form: nothing unsaved, nothing kept.
                draft.set(blank_after_save.get_value());
                reveal.set(Some(id.clone()));
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
                        {move || (restored.get() && draft.with(|d| d.unsaved(&blank))).then(|| view! {
                            <p class="draft-kept" data-testid="entry-draft-kept">
                                <Icon kind=IconKind::Warning/> " " {l.draft_kept} " "
                                <button type="button" class="link" on:click=discard.clone()>{l.draft_discard}</button>
                            </p>
                        })}
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
