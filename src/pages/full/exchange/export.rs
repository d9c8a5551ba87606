//! 导出: the department's 自评 file (optionally 脱敏, optionally passphrase-protected) and a full
//! backup. Every file is read back through the importer before it is offered; the 自评 file, unless
//! sanitised, is a hand-over: the export time is recorded and the file becomes the merge base.

use leptos::prelude::*;

use super::history::{current_state, History};
use crate::browser::crypto;
use crate::browser::{clock, download};
use crate::i18n::t;
use crate::state::use_app;
use zrz_exchange::encrypted::check_passphrase;
use zrz_exchange::{
    assessment_file_name, backup_file_name, export_assessment, export_backup, verify_export,
    Content, Difference, ExportMeta, Kind,
};

/// What an export check found, for the message: the first few differences.
fn describe_differences(differences: &[Difference]) -> String {
    let x = &t().exchange;
    let mut parts: Vec<String> = differences
        .iter()
        .take(5)
        .map(|d| (x.difference)(&d.path, &d.expected, &d.found))
        .collect();
    if differences.len() > 5 {
        parts.push((x.more_differences)(differences.len()));
    }
    parts.join(t().common.clause_sep)
}

/// The name of the encrypted variant of a file: `…_加密.json`.
fn encrypted_name(name: &str) -> String {
    format!(
        "{}{}.json",
        name.trim_end_matches(".json"),
        t().exchange.encrypted_suffix
    )
}

#[component]
fn ExportOption(
    id: &'static str,
    checked: RwSignal<bool>,
    label: &'static str,
    hint: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <p class="export-option">
            <input
                id=id
                type="checkbox"
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))
                aria-describedby=hint_id.clone()
            />
            <label for=id>{label}</label>
            " "
            <span class="hint" id=hint_id>{hint}</span>
        </p>
    }
}

#[component]
pub fn ExportSection(history: History) -> impl IntoView {
    let app = use_app();
    let x = &t().exchange;
    let sanitized = RwSignal::new(false);
    let protect = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let export = move |kind: Kind| {
        if protect.get_untracked() {
            let (p, r) = (passphrase.get_untracked(), repeat.get_untracked());
            if check_passphrase(&p).is_err() {
                outcome.set(Some(Err(x.passphrase_too_short.to_string())));
                return;
            }
            if p != r {
                outcome.set(Some(Err(x.passphrase_mismatch.to_string())));
                return;
            }
        }
        let store = app.store;
        let now = clock::now();
        let meta = ExportMeta::new(now, env!("CARGO_PKG_VERSION"));
        let meta = if sanitized.get_untracked() {
            meta.sanitized()
        } else {
            meta
        };
        let template = store.template.get_untracked();
        let state = current_state(&app);
        // A sanitised file is for reading only (it never merges back), so it is not a hand-over.
        let hand_over = kind == Kind::Assessment && !meta.sanitized;
        let (text, content, name) = match kind {
            Kind::Backup => (
                export_backup(&state, &template, &meta),
                Content::Backup(Box::new(state.clone())),
                backup_file_name(&meta),
            ),
            _ => (
                export_assessment(&state.assessment, &state.extras, &template, &meta),
                Content::Assessment(Box::new(state.assessment.clone()), state.extras.clone()),
                assessment_file_name(&state.assessment.profile, &meta),
            ),
        };
        // An export that cannot be read back is a bug: no file rather than a bad one.
        if let Err(differences) = verify_export(&text, &content) {
            outcome.set(Some(Err((x.verify_failed)(&describe_differences(
                &differences,
            )))));
            return;
        }
        let record = move || {
            if hand_over {
                store.mark_exported(now);
                history.set_base(state.assessment.clone());
            }
        };
        if protect.get_untracked() {
            let name = encrypted_name(&name);
            let passphrase = passphrase.get_untracked();
            outcome.set(Some(Ok(x.encrypting.to_string())));
            leptos::task::spawn_local(async move {
                let sealed = match crypto::encrypt(&passphrase, &text).await {
                    Ok(sealed) => sealed,
                    Err(fault) => return outcome.set(Some(Err((t().errors.crypto)(&fault)))),
                };
                // Read the sealed file back too: a file nobody can open is worse than none.
                if crypto::decrypt(&passphrase, &sealed).await.as_deref() != Ok(text.as_str()) {
                    return outcome.set(Some(Err(x.encrypt_verify_failed.to_string())));
                }
                match download::download_text(&name, &sealed, "application/json") {
                    Ok(()) => {
                        record();
                        outcome.set(Some(Ok((x.exported_encrypted)(&name))));
                    }
                    Err(fault) => outcome.set(Some(Err(fault.into()))),
                }
            });
            return;
        }
        if let Err(fault) = download::download_text(&name, &text, "application/json") {
            outcome.set(Some(Err(fault.into())));
            return;
        }
        record();
        outcome.set(Some(Ok((x.exported)(&name))));
    };
    let last_export = move || {
        let at = app.store.meta.with(|m| m.last_export_at);
        match at {
            Some(at) => (x.last_export)(&clock::local_datetime(at), app.changes.get()),
            None => x.never_exported.to_string(),
        }
    };
    view! {
        <h2>{x.export_title}</h2>
        <p class="hint" data-testid="last-export">{last_export}</p>
        <div class="export-actions">
            <button type="button" class="primary" on:click=move |_| export(Kind::Assessment)>{x.export_assessment}</button>
            <button type="button" on:click=move |_| export(Kind::Backup)>{x.export_backup}</button>
        </div>
        <ExportOption id="export-sanitized" checked=sanitized label=x.option_sanitized hint=x.option_sanitized_hint/>
        <ExportOption id="export-protect" checked=protect label=x.option_protect hint=x.option_protect_hint/>
        <Show when=move || protect.get()>
            <div class="form passphrase-form">
                <label for="export-passphrase">{x.passphrase}</label>
                <input id="export-passphrase" type="password" autocomplete="new-password"
                    prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                <label for="export-passphrase-repeat">{x.passphrase_repeat}</label>
                <input id="export-passphrase-repeat" type="password" autocomplete="new-password"
                    prop:value=move || repeat.get() on:input=move |ev| repeat.set(event_target_value(&ev))/>
            </div>
        </Show>
        <ul class="hint">
            <li>{x.about_assessment}</li>
            <li>{x.about_backup}</li>
        </ul>
        {move || outcome.get().map(|result| match result {
            Ok(message) => view! { <p class="field-ok" role="status" data-testid="export-result">{message}</p> }.into_any(),
            Err(message) => view! { <p class="field-error" role="alert" data-testid="export-result">{message}</p> }.into_any(),
        })}
    }
}
