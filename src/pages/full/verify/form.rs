//! The verification form of one item, and the accountability decision form of a red line.

use leptos::prelude::*;

use crate::browser::{clock, dom};
use crate::components::PLAN_LANG;
use crate::i18n::t;
use crate::state::workspace::WorkspaceState;
use zrz_domain::plan::Item;
use zrz_domain::record::{Answer, Assessment, Method, Response, Verdict};
use zrz_domain::review::{
    build_accountability, build_verification, AccountabilityDraft, Decision, Verification,
    VerificationDraft, VerificationProblem,
};

#[component]
pub fn VerificationForm(
    ws: WorkspaceState,
    store_key: String,
    item: Item,
    answer: Option<Answer>,
    existing: Option<Verification>,
) -> impl IntoView {
    let s = &t().review;
    let r = t().common.response;
    let draft = existing
        .as_ref()
        .map(VerificationDraft::from_verification)
        .unwrap_or_default();
    let verdict = RwSignal::new(draft.verdict);
    let found = RwSignal::new(draft.found);
    let method = RwSignal::new(draft.method);
    let note = RwSignal::new(draft.note);
    let by = RwSignal::new(draft.by);
    let problems = RwSignal::new(Vec::<VerificationProblem>::new());
    let saved = RwSignal::new(false);
    let key = StoredValue::new(store_key);
    let item_v = StoredValue::new(item.clone());
    let answer_v = StoredValue::new(answer.clone());
    let error_of = move |field: &'static str| {
        move || {
            problems.with(|p| {
                p.iter()
                    .filter(|p| p.field() == field)
                    .map(|p| view! { <p class="field-error" role="alert">{(s.verification_problem)(p)}</p> })
                    .collect_view()
            })
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            problems
                .with(|p| p.iter().any(|p| p.field() == field))
                .then_some("true")
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = VerificationDraft {
            verdict: verdict.get_untracked(),
            found: found.get_untracked(),
            method: method.get_untracked(),
            note: note.get_untracked(),
            by: by.get_untracked(),
        };
        let built = item_v.with_value(|item| {
            answer_v.with_value(|a| build_verification(&draft, item, a.as_ref(), clock::now()))
        });
        match built {
            Ok(v) => {
                let id = item_v.with_value(|i| i.id.clone());
                key.with_value(|k| {
                    ws.update_review(k, |r| {
                        r.verifications.insert(id, v);
                    })
                });
                problems.set(Vec::new());
                saved.set(true);
                dom::focus_soon("verify-item-heading".into());
            }
            Err(p) => {
                saved.set(false);
                problems.set(p);
            }
        }
    };
    let self_text = answer
        .as_ref()
        .and_then(|a| a.response)
        .map(r)
        .unwrap_or(s.not_answered);
    let choices: Vec<Response> = Response::choices_for(&item.kind).to_vec();
    view! {
        <form class="verify-form" aria-label=s.save_verification on:submit=submit data-testid="verify-form">
            <h3 id="verify-item-heading" tabindex="-1">{item.id.clone()}</h3>
            <p lang=PLAN_LANG>{item.text.clone()}</p>
            <p data-testid="department-answer">{(s.department_answer)(self_text)}</p>
            {answer.as_ref().filter(|a| !a.note.is_empty()).map(|a| view! { <p class="hint">{a.note.clone()}</p> })}
            {existing.as_ref().map(|v| view! {
                <p class="hint">{(s.verified_by)(&clock::local_datetime(v.verified_at), &v.by)}</p>
            })}
            <label for="verify-verdict">{s.verdict_label}</label>
            <select id="verify-verdict" aria-invalid=invalid("verdict") on:change=move |ev| verdict.set(event_target_value(&ev))>
                <option value="" selected=move || verdict.get().is_empty()>{s.verdict_none}</option>
                {Verdict::ALL.into_iter().map(|v| view! {
                    <option value=v.key() selected=move || verdict.get() == v.key()>{(s.verdict)(v)}</option>
                }).collect_view()}
            </select>
            {error_of("verdict")}
            <label for="verify-found">{s.found_label}</label>
            <select id="verify-found" aria-invalid=invalid("found") on:change=move |ev| found.set(event_target_value(&ev))>
                <option value="" selected=move || found.get().is_empty()>{s.evidence_none}</option>
                {choices.into_iter().map(|c| view! {
                    <option value=c.key() selected=move || found.get() == c.key()>{r(c)}</option>
                }).collect_view()}
            </select>
            {error_of("found")}
            <label for="verify-method">{s.method_label}</label>
            <select id="verify-method" aria-invalid=invalid("method") on:change=move |ev| method.set(event_target_value(&ev))>
                <option value="" selected=move || method.get().is_empty()>{s.evidence_none}</option>
                {Method::ALL.into_iter().map(|m| view! {
                    <option value=m.key() selected=move || method.get() == m.key()>{(s.method)(m)}</option>
                }).collect_view()}
            </select>
            {error_of("method")}
            <label for="verify-note">{s.note_label}</label>
            <textarea id="verify-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            <label for="verify-by">{s.by_label}</label>
            <input id="verify-by" type="text" prop:value=move || by.get() on:input=move |ev| by.set(event_target_value(&ev))/>
            <div class="form-actions"><button type="submit">{s.save_verification}</button></div>
            {move || saved.get().then(|| view! { <p class="field-ok" role="status" id="verify-saved" tabindex="-1">{s.verification_saved}</p> })}
        </form>
    }
}

/// Records what was decided on a red line that occurred (plan 七's six measures).
#[component]
pub fn AccountabilityForm(
    ws: WorkspaceState,
    store_key: String,
    red_lines: Vec<String>,
    assessment: Assessment,
) -> impl IntoView {
    let s = &t().review;
    let first = red_lines.first().cloned().unwrap_or_default();
    let item_id = RwSignal::new(first);
    let decision = RwSignal::new(String::new());
    let decided_on = RwSignal::new(String::new());
    let decided_by = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<&'static str>::new());
    let key = StoredValue::new(store_key);
    let assessment = StoredValue::new(assessment);
    let store = crate::state::use_store();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = AccountabilityDraft {
            item_id: item_id.get_untracked(),
            decision: decision.get_untracked(),
            decided_on: decided_on.get_untracked(),
            decided_by: decided_by.get_untracked(),
            note: note.get_untracked(),
        };
        let template = store.template.get_untracked();
        match assessment.with_value(|a| build_accountability(&draft, &template, a, clock::today()))
        {
            Ok(record) => {
                key.with_value(|k| ws.update_review(k, |r| r.accountability.push(record)));
                problems.set(Vec::new());
            }
            Err(p) => problems.set(p.iter().map(|p| p.code()).collect()),
        }
    };
    view! {
        <form class="accountability-form" aria-label=s.add_decision on:submit=submit data-testid="accountability-form">
            <label for="decision-item">{s.col_item}</label>
            <select id="decision-item" on:change=move |ev| item_id.set(event_target_value(&ev))>
                {red_lines.into_iter().map(|id| {
                    let chosen = id.clone();
                    let value = id.clone();
                    view! { <option value=value selected=move || item_id.get() == chosen>{id}</option> }
                }).collect_view()}
            </select>
            <label for="decision-kind">{s.decision_label}</label>
            <select id="decision-kind" on:change=move |ev| decision.set(event_target_value(&ev))>
                <option value="" selected=move || decision.get().is_empty()>{s.evidence_none}</option>
                {Decision::ALL.into_iter().map(|d| view! {
                    <option value=d.key() selected=move || decision.get() == d.key()>{(s.decision)(d)}</option>
                }).collect_view()}
            </select>
            <label for="decision-on">{s.decided_on}</label>
            <input id="decision-on" type="date" prop:value=move || decided_on.get() on:input=move |ev| decided_on.set(event_target_value(&ev))/>
            <label for="decision-by">{s.decided_by}</label>
            <input id="decision-by" type="text" prop:value=move || decided_by.get() on:input=move |ev| decided_by.set(event_target_value(&ev))/>
            <label for="decision-note">{s.note_label}</label>
            <input id="decision-note" type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
            <div class="form-actions"><button type="submit">{s.add_decision}</button></div>
            {move || problems.get().into_iter().map(|code| view! { <p class="field-error" role="alert">{(s.decision_problem)(code)}</p> }).collect_view()}
        </form>
    }
}
