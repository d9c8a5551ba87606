//! One rectification task: its row (status, overdue in red with icon and words) and its form.

use leptos::prelude::*;

use crate::browser::{clock, dom};
use crate::components::{Icon, IconKind};
use crate::i18n::t;
use crate::state::{use_app, use_store};
use zrz_domain::record::{Task, TaskStatus};
use zrz_domain::review::{build_task, task_overdue, TaskDraft, TaskProblem};

/// The element id of a task's row, to move the focus to a task just created.
pub fn row_id(task_id: &str) -> String {
    format!("task-{task_id}")
}

#[component]
pub fn TaskRow(task: Task, writable: bool) -> impl IntoView {
    let s = &t().review;
    let app = use_app();
    let overdue = task_overdue(&task, app.today);
    let kind = if task.finding_id.is_some() {
        s.task_for_finding
    } else {
        s.task_own
    };
    let deadline = task.deadline.map(|d| d.to_string()).unwrap_or_default();
    let summary = {
        let mut parts = vec![(s.task_status)(task.status).to_string()];
        if !task.owner.is_empty() {
            parts.push(format!(
                "{}{}{}",
                t().common.owner,
                t().common.colon,
                task.owner
            ));
        }
        if !deadline.is_empty() {
            parts.push((t().common.due_on)(&deadline));
        }
        if let Some(done) = task.completed_on {
            parts.push(format!("{} {done}", s.completed_on));
        }
        parts.join(t().common.clause_sep)
    };
    view! {
        <li class="task" class:task-overdue=overdue id=row_id(&task.id) tabindex="-1"
            data-testid=format!("task-{}", task.item_id) data-status=task.status.key()>
            <h3>{(s.task_heading)(&task.item_id)} " " <span class="hint">{kind}</span></h3>
            {overdue.then(|| view! {
                <p class="overdue-badge" data-testid="task-overdue"><Icon kind=IconKind::Overdue/> " " {(s.overdue_task)(&deadline)}</p>
            })}
            {(task.status == TaskStatus::Done).then(|| view! { <p data-testid="task-done"><Icon kind=IconKind::Done/> " " {(s.task_status)(TaskStatus::Done)}</p> })}
            <p class="task-measure">{task.measure.clone()}</p>
            <p class="hint" data-testid="task-summary">{summary}</p>
            {writable.then(|| view! {
                <details class="no-print">
                    <summary>{t().common.edit}</summary>
                    <TaskForm base=task.clone() is_new=false on_done=Callback::new(|_| {})/>
                </details>
            })}
        </li>
    }
}

/// The task form: `base` is the task edited, or a new one (`is_new`) not yet stored.
#[component]
pub fn TaskForm(base: Task, is_new: bool, on_done: Callback<()>) -> impl IntoView {
    let s = &t().review;
    let app = use_app();
    let store = use_store();
    let draft = TaskDraft::from_task(&base);
    let measure = RwSignal::new(draft.measure);
    let owner = RwSignal::new(draft.owner);
    let deadline = RwSignal::new(draft.deadline);
    let status = RwSignal::new(draft.status);
    let completed_on = RwSignal::new(draft.completed_on);
    let evidence_entry = RwSignal::new(draft.evidence_entry);
    let evidence_document = RwSignal::new(draft.evidence_document);
    let problems = RwSignal::new(Vec::<TaskProblem>::new());
    let saved = RwSignal::new(false);
    let prefix = if is_new {
        format!("new-{}", base.id)
    } else {
        format!("edit-{}", base.id)
    };
    let prefix = StoredValue::new(prefix);
    let id = move |field: &str| prefix.with_value(|p| format!("{p}-{field}"));
    let base = StoredValue::new(base);
    let entries = Memo::new(move |_| {
        let mut e = store.ledger.values();
        zrz_domain::order::sort_by(&mut e, |a, b| {
            b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title))
        });
        e
    });
    let error_of = move |field: &'static str| {
        move || {
            problems.with(|p| {
                p.iter()
                    .filter(|p| p.field() == field)
                    .map(
                        |p| view! { <p class="field-error" role="alert">{(s.task_problem)(p)}</p> },
                    )
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
        let draft = TaskDraft {
            measure: measure.get_untracked(),
            owner: owner.get_untracked(),
            deadline: deadline.get_untracked(),
            status: status.get_untracked(),
            completed_on: completed_on.get_untracked(),
            evidence_entry: evidence_entry.get_untracked(),
            evidence_document: evidence_document.get_untracked(),
        };
        let ledger = store
            .ledger
            .entries_untracked()
            .into_iter()
            .map(|(_, e)| e)
            .collect::<Vec<_>>();
        match base.with_value(|b| build_task(&draft, b, &ledger, app.today, clock::now())) {
            Ok(task) => {
                problems.set(Vec::new());
                saved.set(true);
                let row = row_id(&task.id);
                store.put_task(task);
                on_done.run(());
                dom::focus_soon(row);
            }
            Err(p) => {
                saved.set(false);
                problems.set(p);
            }
        }
    };
    let label = if is_new { s.new_task } else { s.save_task };
    view! {
        <form class="task-form" aria-label=label on:submit=submit data-testid=if is_new { "new-task-form" } else { "task-form" }>
            <label for=id("measure")>{s.measure}</label>
            <textarea id=id("measure") prop:value=move || measure.get() aria-invalid=invalid("measure")
                on:input=move |ev| measure.set(event_target_value(&ev))></textarea>
            {error_of("measure")}
            <label for=id("owner")>{t().common.owner}</label>
            <input id=id("owner") type="text" prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev))/>
            <label for=id("deadline")>{s.deadline}</label>
            <input id=id("deadline") type="date" prop:value=move || deadline.get() aria-invalid=invalid("deadline")
                on:input=move |ev| deadline.set(event_target_value(&ev))/>
            {error_of("deadline")}
            <label for=id("status")>{s.status}</label>
            <select id=id("status") on:change=move |ev| status.set(event_target_value(&ev))>
                {TaskStatus::ALL.into_iter().map(|st| view! {
                    <option value=st.key() selected=move || status.get() == st.key()>{(s.task_status)(st)}</option>
                }).collect_view()}
            </select>
            {error_of("status")}
            {move || (status.get() == TaskStatus::Done.key()).then(|| view! {
                <label for=id("completed_on")>{s.completed_on}</label>
                <input id=id("completed_on") type="date" prop:value=move || completed_on.get() aria-invalid=invalid("completed_on")
                    on:input=move |ev| completed_on.set(event_target_value(&ev))/>
                {error_of("completed_on")}
            })}
            <p class="hint">{s.evidence_hint}</p>
            <label for=id("evidence_entry")>{s.evidence_entry}</label>
            <select id=id("evidence_entry") aria-invalid=invalid("evidence") on:change=move |ev| evidence_entry.set(event_target_value(&ev))>
                <option value="" selected=move || evidence_entry.get().is_empty()>{s.evidence_none}</option>
                {move || entries.get().into_iter().map(|e| {
                    let value = e.id.clone();
                    let chosen = e.id.clone();
                    view! {
                        <option value=value selected=move || evidence_entry.get() == chosen>{format!("{} {}", e.date, e.title)}</option>
                    }
                }).collect_view()}
            </select>
            <label for=id("evidence_document")>{s.evidence_document}</label>
            <input id=id("evidence_document") type="text" prop:value=move || evidence_document.get()
                on:input=move |ev| evidence_document.set(event_target_value(&ev))/>
            {error_of("evidence")}
            <div class="form-actions">
                <button type="submit">{s.save_task}</button>
                {is_new.then(|| view! { <button type="button" on:click=move |_| on_done.run(())>{t().common.cancel}</button> })}
            </div>
            {move || saved.get().then(|| view! { <p class="field-ok" role="status">{s.task_saved}</p> })}
        </form>
    }
}
