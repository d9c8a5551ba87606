//! 互评人: the department's 互评 raters — the rated cadres (who rate each other), the raters the
//! department listed, and anyone found giving 互评 ratings — with adding, renaming and removing
//! (removal asks first, naming how many ratings go). See `zrz_domain::record::edit`.

use leptos::prelude::*;

use super::ctx;
use crate::components::{invalid_if, text, ErrorLine};
use crate::i18n::t;
use zrz_domain::record::{EditError, PeerRater, RaterKind};

#[component]
pub fn RatersSection() -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<EditError>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let candidate = name.get_untracked();
        match ctx.edit(|a| a.add_peer_rater(&candidate)) {
            Ok(()) => {
                name.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let message = Signal::derive(move || error.with(|e| e.as_ref().map(|e| (r.edit_error)(e))));
    view! {
        <section class="peer-raters" aria-labelledby="peer-raters-title">
            <h2 id="peer-raters-title">{r.raters_title}</h2>
            <p class="hint">{r.raters_hint}</p>
            <ul class="peer-list" data-testid="peer-raters">
                <For each=move || ctx.raters.get() key=|p| (p.name.clone(), p.kind == RaterKind::Person) let:rater>
                    <RaterRow rater=rater/>
                </For>
            </ul>
            {ctx.writable.then(|| view! {
                <form class="inline-form no-print" on:submit=add aria-label=r.add_rater_form>
                    <label for="peer-new">{r.rater_name}</label>
                    <input
                        id="peer-new"
                        type="text"
                        prop:value=name
                        on:input=move |ev| name.set(event_target_value(&ev))
                        aria-invalid=invalid_if(move || error.with(Option::is_some))
                    />
                    <button type="submit">{r.add_rater}</button>
                    <ErrorLine message=message/>
                </form>
            })}
        </section>
    }
}

/// One rater: a cadre's name as text; a listed or unlisted rater's name as a field (renamed on
/// change, in every rating they gave), with removal that asks first when ratings would go.
#[component]
fn RaterRow(rater: PeerRater) -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let current = StoredValue::new(rater.name.clone());
    let given = move || {
        ctx.raters.with(|rs| {
            current.with_value(|c| rs.iter().find(|x| &x.name == c).map_or(0, |x| x.given))
        })
    };
    let count = text(move || (r.rater_given)(given()));
    if rater.kind == RaterKind::Person || !ctx.writable {
        let kind = match rater.kind {
            RaterKind::Person => Some(r.rater_is_person),
            RaterKind::Unlisted => Some(r.rater_unlisted),
            RaterKind::Listed => None,
        };
        return view! {
            <li class="peer-row">
                <span class="peer-name-text">{rater.name.clone()}</span>
                {kind.map(|k| view! { <span class="peer-kind">{k}</span> })}
                <span class="peer-count">{count}</span>
            </li>
        }
        .into_any();
    }
    let name = RwSignal::new(rater.name.clone());
    let error = RwSignal::new(None::<EditError>);
    let confirming = RwSignal::new(false);
    let rename = move |_| {
        let new = name.get_untracked();
        let old = current.get_value();
        match ctx.edit(|a| a.rename_peer_rater(&old, &new)) {
            // The list is keyed by name: the renamed rater comes back as a row of its own.
            Ok(_) => error.set(None),
            Err(e) => error.set(Some(e)),
        }
    };
    let remove = move || {
        confirming.set(false);
        if let Err(e) = ctx.edit(|a| a.remove_peer_rater(&current.get_value())) {
            error.set(Some(e));
        }
    };
    let input_id = format!("peer-{}", rater.name);
    let message = Signal::derive(move || error.with(|e| e.as_ref().map(|e| (r.edit_error)(e))));
    let unlisted = rater.kind == RaterKind::Unlisted;
    view! {
        <li class="peer-row">
            <label class="sr-only" for=input_id.clone()>{(r.rater_name_of)(&rater.name)}</label>
            <input
                id=input_id
                type="text"
                class="peer-name"
                prop:value=name
                on:input=move |ev| name.set(event_target_value(&ev))
                on:change=rename
                aria-invalid=invalid_if(move || error.with(Option::is_some))
            />
            {unlisted.then(|| view! { <span class="peer-kind">{r.rater_unlisted}</span> })}
            <span class="peer-count">{count}</span>
            {move || if confirming.get() {
                view! {
                    <span class="confirm" role="group" aria-label=r.confirm_group>
                        {current.with_value(|c| (r.confirm_remove_rater)(c, given()))}
                        <button type="button" class="danger" on:click=move |_| remove()>{r.confirm_delete}</button>
                        <button type="button" on:click=move |_| confirming.set(false)>{t().common.cancel}</button>
                    </span>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="link" on:click=move |_| { if given() > 0 { confirming.set(true) } else { remove() } }>
                        {current.with_value(|c| (r.remove_rater)(c))}
                    </button>
                }.into_any()
            }}
            <ErrorLine message=message/>
        </li>
    }
    .into_any()
}
