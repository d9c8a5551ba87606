//! 参评人员: the people rated, their level of responsibility as the department calls it, and
//! adding, editing and removing them (removal asks first, naming how many ratings go).

use leptos::prelude::*;

use super::{ctx, level_holder, level_label};
use crate::browser::random;
use crate::components::{flag, invalid_if, text, ErrorLine};
use crate::i18n::t;
use zrz_domain::record::{ratings_given, ratings_of, EditError, Person, ResponsibilityLevel};

#[component]
pub fn PeopleSection() -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let editing = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<String>);
    let add = Callback::new(move |person: Person| -> Result<(), EditError> {
        let person = Person {
            id: random::id("p"),
            ..person
        };
        let saved = ctx.edit(|a| a.put_person(person))?;
        ctx.selected.set(Some(saved.id));
        Ok(())
    });
    let rows = move || {
        ctx.people
            .get()
            .into_iter()
            .map(|p| {
                let is_editing = editing.with(|e| e.as_deref() == Some(p.id.as_str()));
                if is_editing {
                    let save = Callback::new(move |person: Person| -> Result<(), EditError> {
                        ctx.edit(|a| a.put_person(person))?;
                        editing.set(None);
                        Ok(())
                    });
                    let label = (r.edit_person_form)(&p.name);
                    view! {
                        <tr class="editing">
                            <td colspan="5">
                                <PersonForm form_label=label submit_label=t().common.save person=p
                                    on_save=save on_cancel=Callback::new(move |_| editing.set(None))/>
                            </td>
                        </tr>
                    }
                    .into_any()
                } else {
                    view! { <PersonRow person=p editing=editing confirming=confirming/> }.into_any()
                }
            })
            .collect_view()
    };
    view! {
        <h2>{r.people_title}</h2>
        <p class="hint">{r.people_hint}</p>
        <div class="table-wrap">
            <table class="people-table">
                <thead>
                    <tr>
                        <th scope="col">{r.col_name}</th>
                        <th scope="col">{r.col_post}</th>
                        <th scope="col">{r.col_level}</th>
                        <th scope="col" class="num">{r.col_ratings}</th>
                        <th scope="col" class="no-print">{r.col_actions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {ctx.writable.then(|| view! {
            <PersonForm form_label=r.add_person_form submit_label=r.add_person person=Person::default() on_save=add/>
        })}
    }
}

#[component]
fn PersonRow(
    person: Person,
    editing: RwSignal<Option<String>>,
    confirming: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let id = StoredValue::new(person.id.clone());
    let name = StoredValue::new(person.name.clone());
    let count = move || {
        ctx.ratings
            .with(|rs| id.with_value(|id| ratings_of(rs, id)))
    };
    let given = move || {
        ctx.ratings
            .with(|rs| name.with_value(|n| ratings_given(rs, n)))
    };
    let level = text(move || ctx.store.settings.with(|s| level_label(s, person.level)));
    let remove = move || {
        confirming.set(None);
        let _ = ctx.edit(|a| {
            a.remove_person(&id.get_value());
            Ok(())
        });
    };
    let actions = move || {
        if !ctx.writable {
            return ().into_any();
        }
        if confirming.get().as_deref() == Some(id.get_value().as_str()) {
            view! {
                <span class="confirm" role="group" aria-label=r.confirm_group>
                    {name.with_value(|n| (r.confirm_remove_person)(n, count(), given()))}
                    <button type="button" class="danger" on:click=move |_| remove()>{r.confirm_delete}</button>
                    <button type="button" on:click=move |_| confirming.set(None)>{t().common.cancel}</button>
                </span>
            }
            .into_any()
        } else {
            view! {
                <button type="button" on:click=move |_| { confirming.set(None); editing.set(Some(id.get_value())) }>
                    {t().common.edit}
                </button>
                <button type="button" on:click=move |_| {
                    if count() > 0 { confirming.set(Some(id.get_value())) } else { remove() }
                }>{t().common.delete}</button>
            }
            .into_any()
        }
    };
    view! {
        <tr data-testid=format!("person-{}", person.name)>
            <th scope="row">{person.name.clone()}</th>
            <td>{person.post.clone()}</td>
            <td>{level}</td>
            <td class="num">{text(move || (r.rating_count)(count()))}</td>
            <td class="actions no-print">{actions}</td>
        </tr>
    }
}

/// Name, post and level of one person; `on_save` stores them or says what to fix.
#[component]
fn PersonForm(
    #[prop(into)] form_label: String,
    #[prop(into)] submit_label: String,
    person: Person,
    on_save: Callback<Person, Result<(), EditError>>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let ctx = ctx();
    let r = &t().rating;
    let is_new = person.id.is_empty();
    let prefix = if is_new {
        "person-new".to_string()
    } else {
        format!("person-{}", person.id)
    };
    let original = StoredValue::new(person.clone());
    let name = RwSignal::new(person.name.clone());
    let post = RwSignal::new(person.post.clone());
    let level = RwSignal::new(person.level);
    let error = RwSignal::new(None::<EditError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let candidate = Person {
            name: name.get_untracked(),
            post: post.get_untracked(),
            level: level.get_untracked(),
            ..original.get_value()
        };
        match on_save.run(candidate) {
            Ok(()) => {
                error.set(None);
                if is_new {
                    name.set(String::new());
                    post.set(String::new());
                    level.set(ResponsibilityLevel::default());
                }
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let name_invalid =
        invalid_if(move || error.with(|e| e.as_ref().is_some_and(|e| e.field() == "name")));
    let message = Signal::derive(move || error.with(|e| e.as_ref().map(|e| (r.edit_error)(e))));
    let option_text = move |l: ResponsibilityLevel| {
        text(move || {
            ctx.store
                .settings
                .with(|s| (r.level_option)(&level_label(s, l), &level_holder(s, l)))
        })
    };
    view! {
        <form class="person-form no-print" on:submit=submit novalidate aria-label=form_label>
            <label for=format!("{prefix}-name")>{r.col_name}</label>
            <input id=format!("{prefix}-name") type="text" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) aria-invalid=name_invalid/>
            <label for=format!("{prefix}-post")>{r.col_post}</label>
            <input id=format!("{prefix}-post") type="text" placeholder=r.post_hint prop:value=post on:input=move |ev| post.set(event_target_value(&ev))/>
            <label for=format!("{prefix}-level")>{r.col_level}</label>
            <select id=format!("{prefix}-level") on:change=move |ev| {
                if let Some(l) = ResponsibilityLevel::from_key(&event_target_value(&ev)) { level.set(l) }
            }>
                {ResponsibilityLevel::ALL.into_iter().map(|l| view! {
                    <option value=l.key() prop:selected=flag(move || level.get() == l)>{option_text(l)}</option>
                }).collect_view()}
            </select>
            <div class="form-actions">
                <button type="submit" class="primary">{submit_label}</button>
                {on_cancel.map(|cancel| view! { <button type="button" on:click=move |_| cancel.run(())>{t().common.cancel}</button> })}
            </div>
            <ErrorLine message=message/>
        </form>
    }
}
