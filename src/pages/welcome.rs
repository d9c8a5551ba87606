//! The first visit: what the tool is for, who uses this browser (a department, the office, or both),
//! and the department's profile. The profile form is also the 单位信息 part of 设置.

use leptos::prelude::*;

use crate::browser::dom;
use crate::i18n::t;
use crate::route::Route;
use crate::state::{use_app, Role};
use zrz_domain::record::Profile;

#[component]
pub fn Welcome() -> impl IntoView {
    let app = use_app();
    let w = &t().welcome;
    let error = RwSignal::new(None::<String>);
    let choose = move |role: Role| match role.store() {
        Ok(()) => {
            app.role.set(Some(role));
            let start = if role.keeps_own_record() {
                Route::Overview
            } else {
                Route::Summary
            };
            crate::browser::location::navigate(&start);
        }
        Err(fault) => error.set(Some((w.role_store_failed)(&(t().shell.storage_fault)(
            &fault,
        )))),
    };
    let option = move |role: Role, label: &'static str, hint: &'static str| {
        view! {
            <li>
                <button type="button" class="role-choice" on:click=move |_| choose(role)
                    data-testid=format!("role-{}", role.key())>
                    <strong>{label}</strong>
                    <span>{hint}</span>
                </button>
            </li>
        }
    };
    view! {
        <section class="page welcome" data-testid="welcome">
            <h1>{w.title}</h1>
            <p class="lead">{w.lead}</p>
            <h2>{w.who_title}</h2>
            <ul class="role-choices">
                {option(Role::Department, w.role_department, w.role_department_hint)}
                {option(Role::Office, w.role_office, w.role_office_hint)}
                {option(Role::Both, w.role_both, w.role_both_hint)}
            </ul>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <h2>{w.steps_title}</h2>
            // Each list under the name of whom it is for, so that a screen reader tells them apart.
            <div class="welcome-steps">
                <section>
                    <h3>{w.role_department}</h3>
                    <ol>{w.department_steps.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ol>
                </section>
                <section>
                    <h3>{w.role_office}</h3>
                    <ol>{w.office_steps.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}</ol>
                </section>
            </div>
            <p><a href=Route::Guide.href()>{t().shell.nav_guide}</a></p>
        </section>
    }
}

#[component]
pub fn Setup() -> impl IntoView {
    let w = &t().welcome;
    // Once the profile is saved this form gives way to 总览: the focus goes to the page, not lost.
    on_cleanup(|| dom::focus_soon("main".into()));
    view! {
        <section class="page setup" data-testid="setup">
            <h1>{w.setup_title}</h1>
            <p>{w.setup_lead}</p>
            <ProfileForm submit_label=w.start/>
        </section>
    }
}

/// The form shared by setup and 设置. Saves only a valid profile; otherwise says which field to fix.
#[component]
pub fn ProfileForm(#[prop(into)] submit_label: String) -> impl IntoView {
    let app = use_app();
    let w = &t().welcome;
    let current = app.store.profile.get_untracked();
    let initial_year = if current.year == 0 {
        Profile::for_year_of(app.today).year
    } else {
        current.year
    };
    let unit = RwSignal::new(current.unit);
    let department = RwSignal::new(current.department);
    let filled_by = RwSignal::new(current.filled_by);
    let year = RwSignal::new(initial_year.to_string());
    let error = RwSignal::new(None::<(String, String)>);
    let saved = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let Ok(year_value) = year.get_untracked().trim().parse::<i32>() else {
            error.set(Some(("year".into(), w.year_not_a_number.into())));
            return;
        };
        let profile = Profile {
            unit: unit.get_untracked().trim().to_string(),
            department: department.get_untracked().trim().to_string(),
            filled_by: filled_by.get_untracked().trim().to_string(),
            year: year_value,
        };
        match profile.validate() {
            Ok(()) => {
                error.set(None);
                app.store.set_profile(profile);
                saved.set(true);
            }
            Err(e) => error.set(Some((e.field.to_string(), (t().errors.field)(&e)))),
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            error
                .with(|e| e.as_ref().is_some_and(|(f, _)| f == field))
                .then_some("true")
        }
    };
    let text_field = move |id: &'static str,
                           label: &'static str,
                           value: RwSignal<String>,
                           hint: &'static str| {
        view! {
            <label for=format!("profile-{id}")>{label}</label>
            <input
                id=format!("profile-{id}")
                name=id
                type="text"
                placeholder=hint
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=invalid(id)
            />
        }
    };
    view! {
        <form class="form profile-form" on:submit=submit novalidate>
            {text_field("unit", w.unit, unit, w.unit_hint)}
            {text_field("department", w.department, department, w.department_hint)}
            {text_field("filled_by", w.filled_by, filled_by, w.filled_by_hint)}
            <label for="profile-year">{w.year}</label>
            <input
                id="profile-year"
                name="year"
                type="number"
                min="2000"
                max="2100"
                prop:value=move || year.get()
                on:input=move |ev| year.set(event_target_value(&ev))
                aria-invalid=invalid("year")
            />
            <div class="form-actions">
                <button type="submit" class="primary no-print">{submit_label}</button>
            </div>
            {move || error.get().map(|(_, message)| view! { <p class="field-error" role="alert">{message}</p> })}
            {move || saved.get().then(|| view! { <p class="field-ok" role="status">{w.saved}</p> })}
        </form>
    }
}
