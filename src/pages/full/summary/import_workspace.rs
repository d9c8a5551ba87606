//! Bringing in a 汇总工作区 file (the whole workspace, exported here or on another computer): read,
//! then a preview department by department (added, files added, review kept, taken, or the user's
//! choice where both sides changed it); nothing changes until the user confirms, and nothing held is
//! dropped (`zrz_exchange::merge::apply_workspace` only adds).

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::files;
use crate::components::{Icon, IconKind};
use crate::i18n::t;
use crate::state::workspace::{use_workspace, WorkspaceStatus, WORKSPACE_FILE_LIMIT};
use zrz_exchange::merge::{ReviewChange, Side, WorkspacePlan};
use zrz_exchange::Workspace;

#[derive(Clone)]
struct Pending {
    file_name: String,
    incoming: Arc<Workspace>,
    plan: Arc<WorkspacePlan>,
}

#[component]
pub fn ImportWorkspace() -> impl IntoView {
    let ws = use_workspace();
    let x = &t().summary;
    let pending = RwSignal::new(None::<Pending>);
    let choices = RwSignal::new(BTreeMap::<String, Side>::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    let ready = move || ws.status.get() == WorkspaceStatus::Ready;
    let chosen = move |ev: leptos::ev::Event| {
        let Some(file) = files::from_input_event(&ev) else {
            return;
        };
        message.set(None);
        pending.set(None);
        choices.set(BTreeMap::new());
        leptos::task::spawn_local(async move {
            let name = file.name();
            let bytes = match files::read_bytes(&file, WORKSPACE_FILE_LIMIT).await {
                Ok(b) => b,
                Err(e) => return message.set(Some((false, (t().errors.read)(&e)))),
            };
            match ws.plan_import(&bytes) {
                Ok((incoming, plan)) => pending.set(Some(Pending {
                    file_name: name,
                    incoming: Arc::new(incoming),
                    plan: Arc::new(plan),
                })),
                Err(e) => message.set(Some((false, (t().errors.import)(&e)))),
            }
        });
    };
    let apply = move |_| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        busy.set(true);
        let picked = choices.get_untracked();
        leptos::task::spawn_local(async move {
            let failed = ws.apply_import(&p.incoming, &p.plan, &picked).await;
            busy.set(false);
            pending.set(None);
            let added = p.plan.entries.iter().filter(|e| e.new_department).count();
            let files: usize = p.plan.entries.iter().map(|e| e.files_added).sum();
            message.set(Some(if failed.is_empty() {
                (true, (x.ws_import_done)(added, files))
            } else {
                (false, (x.ws_import_failed)(failed.len()))
            }));
        });
    };
    view! {
        <section class="summary-section no-print" aria-labelledby="ws-import-title" data-testid="workspace-import">
            <h2 id="ws-import-title">{x.ws_import_title}</h2>
            <p class="hint">{x.ws_import_lead}</p>
            <label class="button" for="ws-import-file">{x.ws_import_choose}</label>
            <input id="ws-import-file" class="visually-hidden" type="file" accept=".json,application/json"
                data-testid="workspace-import-file" disabled=move || !ready() on:change=chosen/>
            {move || message.get().map(|(ok, m)| if ok {
                view! { <p role="status" class="field-ok" data-testid="workspace-import-result"><Icon kind=IconKind::Done/>" "{m}</p> }.into_any()
            } else {
                view! { <p role="alert" class="field-error" data-testid="workspace-import-result"><Icon kind=IconKind::Warning/>" "{m}</p> }.into_any()
            })}
            {move || pending.get().map(|p| {
                let rows = p.plan.entries.iter().enumerate().map(|(i, e)| {
                    let d = &e.department;
                    let name = format!("{} {} {}", d.unit, d.department, d.year);
                    let what = if e.new_department {
                        (x.ws_import_new)(e.files_added)
                    } else if e.files_added > 0 {
                        (x.ws_import_files)(e.files_added)
                    } else {
                        x.ws_import_nothing.to_string()
                    };
                    let review = match e.review {
                        ReviewChange::Same => view! { <span>{x.ws_review_same}</span> }.into_any(),
                        ReviewChange::Taken => view! { <span>{x.ws_review_taken}</span> }.into_any(),
                        ReviewChange::Conflict => {
                            let key = e.store_key.clone();
                            let key2 = key.clone();
                            let group = format!("ws-review-{i}");
                            view! {
                                <fieldset class="inline-choice">
                                    <legend><Icon kind=IconKind::Warning/>" "{x.ws_review_conflict}</legend>
                                    <label><input type="radio" name=group.clone() checked=true
                                        on:change=move |_| choices.update(|c| { c.insert(key.clone(), Side::Local); })/>
                                        {x.ws_review_keep}</label>" "
                                    <label><input type="radio" name=group data-testid="take-incoming-review"
                                        on:change=move |_| choices.update(|c| { c.insert(key2.clone(), Side::Incoming); })/>
                                        {x.ws_review_take}</label>
                                </fieldset>
                            }.into_any()
                        }
                    };
                    view! {
                        <tr data-testid="workspace-import-row">
                            <th scope="row">{name}</th>
                            <td>{what}</td>
                            <td>{review}</td>
                        </tr>
                    }
                }).collect_view();
                view! {
                    <div data-testid="workspace-import-preview">
                        <p><strong>{(x.ws_import_preview)(&p.file_name, p.plan.entries.len())}</strong></p>
                        <table>
                            <thead><tr>
                                <th scope="col">{x.col_department}</th>
                                <th scope="col">{x.ws_col_files}</th>
                                <th scope="col">{x.ws_col_review}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                        <p class="hint">{x.ws_import_keeps}</p>
                        <div class="button-row">
                            <button type="button" data-testid="workspace-import-apply" disabled=move || busy.get() on:click=apply>{x.ws_import_apply}</button>
                            <button type="button" on:click=move |_| pending.set(None)>{x.cancel}</button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}
