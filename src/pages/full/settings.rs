//! 设置: the unit's details, the 德能勤绩廉 settings, who uses this browser, the interface language,
//! and where the data is kept (whether the browser keeps it, how much of its storage is used, and
//! the records kept aside as unreadable, each to download).

use leptos::prelude::*;

use super::rating::RatingSettingsSection;
use crate::browser::{download, storage};
use crate::components::{text, ProgressBar};
use crate::i18n::{self, t, Lang};
use crate::pages::welcome::ProfileForm;
use crate::state::{use_app, Role};
use zrz_domain::number::fmt1;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let s = &t().settings;
    view! {
        <section class="page settings" data-testid="settings">
            <h1>{s.title}</h1>
            <h2>{s.profile_title}</h2>
            <ProfileForm submit_label=s.profile_save/>
            <RatingSettingsSection/>
            <RoleSection/>
            <LanguageSection/>
            <StorageSection/>
        </section>
    }
}

/// Who uses this browser: decides the navigation; nothing is deleted by a change.
#[component]
fn RoleSection() -> impl IntoView {
    let app = use_app();
    let s = &t().settings;
    let w = &t().welcome;
    let message = RwSignal::new(None::<Result<(), String>>);
    let choose = move |role: Role| match role.store() {
        Ok(()) => {
            app.role.set(Some(role));
            message.set(Some(Ok(())));
        }
        Err(fault) => message.set(Some(Err((w.role_store_failed)(
            &(t().shell.storage_fault)(&fault),
        )))),
    };
    let option = move |role: Role, label: &'static str, hint: &'static str| {
        view! {
            <label class="check role-option">
                <input
                    type="radio"
                    name="role"
                    value=role.key()
                    prop:checked=move || app.role.get() == Some(role)
                    on:change=move |_| choose(role)
                    data-testid=format!("settings-role-{}", role.key())
                />
                <span><strong>{label}</strong> " " <span class="hint">{hint}</span></span>
            </label>
        }
    };
    view! {
        <h2 id="settings-role">{s.role_title}</h2>
        <p class="hint">{s.role_hint}</p>
        <fieldset class="settings-group" aria-labelledby="settings-role">
            {option(Role::Department, w.role_department, w.role_department_hint)}
            {option(Role::Office, w.role_office, w.role_office_hint)}
            {option(Role::Both, w.role_both, w.role_both_hint)}
        </fieldset>
        {move || message.get().map(|m| match m {
            Ok(()) => view! { <p class="field-ok" role="status">{s.role_saved}</p> }.into_any(),
            Err(e) => view! { <p class="field-error" role="alert">{e}</p> }.into_any(),
        })}
    }
}

#[component]
fn LanguageSection() -> impl IntoView {
    let s = &t().settings;
    let current = i18n::lang();
    let choose = move |ev: leptos::ev::Event| {
        if let Some(lang) = Lang::from_key(&event_target_value(&ev)) {
            crate::shell::switch_language(lang);
        }
    };
    view! {
        <h2 id="settings-language">{t().shell.language}</h2>
        <p class="hint">{s.language_hint}</p>
        <select class="language-choice" on:change=choose aria-labelledby="settings-language" data-testid="settings-language">
            {Lang::ALL.into_iter().map(|l| view! {
                <option value=l.key() lang=l.html_lang() selected=l == current>{(t().shell.language_name)(l)}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn StorageSection() -> impl IntoView {
    let app = use_app();
    let s = &t().settings;
    // Recounted after every save: the figure follows what was just written.
    let used = Memo::new(move |_| {
        app.save.track();
        storage::used_chars()
    });
    let percent = Signal::derive(move || 100.0 * used.get() as f64 / storage::QUOTA_CHARS as f64);
    let usage = text(move || (s.usage)(used.get(), &fmt1(percent.get())));
    let quarantined = storage::quarantined_keys();
    let failed = RwSignal::new(None::<String>);
    view! {
        <h2>{s.storage_title}</h2>
        <p>{s.storage_intro}</p>
        <p data-testid="persistence">{move || (s.persisted)(app.persisted.get())}</p>
        <p data-testid="storage-usage">{usage}</p>
        <ProgressBar percent=percent label=s.usage_bar/>
        {(!quarantined.is_empty()).then(|| view! {
            <div class="notice notice-error" data-testid="quarantined">
                <p>{s.quarantined}</p>
                <ul>
                    {quarantined.into_iter().map(|key| {
                        let file_name = format!("{}.json", key.replace([':', '.'], "_"));
                        let download_key = key.clone();
                        let download = move |_| {
                            let result = match storage::read(&download_key) {
                                Ok(Some(text)) => download::download_text(&file_name, &text, "application/json")
                                    .map_err(|e| (t().errors.download)(&e)),
                                Ok(None) => Ok(()),
                                Err(fault) => Err((t().shell.storage_fault)(&fault)),
                            };
                            failed.set(result.err().map(|e| (s.download_failed)(&e)));
                        };
                        view! {
                            <li>
                                <code>{key.clone()}</code> " "
                                <button type="button" on:click=download>{s.download_raw}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || failed.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
        })}
    }
}
