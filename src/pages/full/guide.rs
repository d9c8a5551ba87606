//! 使用说明: what the tool is for, the department's and the office's steps (each linked to its
//! page), where the data is kept, and 示例数据 — a demo department loaded into an empty record and
//! removed in one click. The rules (what a demo is, when it may be loaded) are `zrz_domain::demo`'s.

use chrono::Datelike;
use leptos::prelude::*;

use crate::browser::storage;
use crate::i18n::guide::Step;
use crate::i18n::t;
use crate::route::Route;
use crate::state::{use_app, use_store};
use zrz_domain::demo;
use zrz_domain::record::{Assessment, Profile, YEAR_RANGE};

/// The profile from before the demo was loaded, given back when it is removed.
const PROFILE_BEFORE_DEMO: &str = "zrz.demo.profile-before";

#[component]
pub fn GuidePage() -> impl IntoView {
    let g = &t().guide;
    let checklist = Route::Checklist {
        chapter: None,
        item: None,
    };
    let department = [
        Route::Settings,
        checklist,
        Route::Ledger { entry: None },
        Route::Rating,
        Route::Exchange,
    ];
    let office = [
        Route::Summary,
        Route::Summary,
        Route::Summary,
        Route::Summary,
    ];
    view! {
        <section class="page guide" data-testid="guide">
            <h1>{g.title}</h1>
            <p class="lead">{g.lead}</p>
            <h2>{g.department_title}</h2>
            <Steps steps=g.department_steps.to_vec() routes=department.to_vec()/>
            <h2>{g.office_title}</h2>
            <Steps steps=g.office_steps.to_vec() routes=office.to_vec()/>
            <h2>{g.data_title}</h2>
            <ul>{g.data_points.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
            <h2>{g.offline_title}</h2>
            <ul>{g.offline_points.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
            <DemoSection/>
            <OfficeDemoSection/>
        </section>
    }
}

#[component]
fn Steps(steps: Vec<Step>, routes: Vec<Route>) -> impl IntoView {
    view! {
        <ol class="guide-steps">
            {steps
                .into_iter()
                .zip(routes)
                .map(|((name, what), route)| {
                    view! {
                        <li>
                            <a href=route.href()><strong>{name}</strong></a>
                            {t().common.colon}
                            {what}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn DemoSection() -> impl IntoView {
    let app = use_app();
    let store = use_store();
    let g = &t().guide;
    let message = RwSignal::new(None::<&'static str>);
    let confirming = RwSignal::new(false);
    // What the record holds decides what is offered; read through the store's signals, so another
    // tab's edit updates it too.
    let is_demo = Memo::new(move |_| store.profile.with(demo::is_demo));
    let can_load = Memo::new(move |_| {
        // Tracks every list the rule reads; the rule itself is the domain's.
        let _ = (store.answers.len(), store.ledger.len(), store.tasks.len());
        let _ = (
            store.findings.len(),
            store.people.len(),
            store.ratings.len(),
        );
        demo::can_load_into(&store.snapshot())
    });
    let load = move |_| {
        let current = store.snapshot();
        if !store.writable() || !demo::can_load_into(&current) {
            return;
        }
        let profile = current.profile.clone();
        let year = if YEAR_RANGE.contains(&profile.year) {
            profile.year
        } else {
            app.today.year()
        };
        // Kept before anything changes: a failed write leaves the record as it was.
        let before = serde_json::to_string(&profile).unwrap_or_default();
        if storage::write_verified(PROFILE_BEFORE_DEMO, &before).is_err() {
            return;
        }
        let demo = demo::department(&store.template.get_untracked(), year, 0);
        store.update(move |a| *a = demo);
        message.set(Some(g.demo_loaded));
    };
    let remove = move |_| {
        confirming.set(false);
        if !store.writable() || !store.profile.with_untracked(demo::is_demo) {
            return;
        }
        let before: Profile = storage::read(PROFILE_BEFORE_DEMO)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        store.update(move |a| {
            *a = Assessment {
                profile: before,
                ..Assessment::default()
            }
        });
        let _ = storage::remove(PROFILE_BEFORE_DEMO);
        message.set(Some(g.demo_removed));
    };
    view! {
        <section class="demo" aria-labelledby="demo-title" data-testid="demo">
            <h2 id="demo-title">{g.demo_title}</h2>
            <p>{g.demo_lead}</p>
            {move || {
                if !store.writable() {
                    view! { <p class="notice notice-warn">{g.demo_read_only}</p> }.into_any()
                } else if is_demo.get() {
                    view! {
                        <p class="notice notice-info" data-testid="demo-active">{g.demo_is_loaded}</p>
                        <p class="toolbar">
                            <button type="button" on:click=move |_| confirming.set(true)
                                data-testid="demo-remove">{g.demo_remove}</button>
                        </p>
                        <Show when=move || confirming.get()>
                            <div class="confirm" role="alertdialog" aria-labelledby="demo-confirm">
                                <p id="demo-confirm">{g.demo_confirm_remove}</p>
                                <button type="button" class="danger" on:click=remove
                                    data-testid="demo-remove-confirm">{g.demo_remove}</button>
                                " "
                                <button type="button" on:click=move |_| confirming.set(false)>
                                    {t().common.cancel}
                                </button>
                            </div>
                        </Show>
                    }
                    .into_any()
                } else if can_load.get() {
                    view! {
                        <p class="toolbar">
                            <button type="button" on:click=load data-testid="demo-load">
                                {g.demo_load}
                            </button>
                        </p>
                    }
                    .into_any()
                } else {
                    view! { <p class="hint" data-testid="demo-unavailable">{g.demo_not_empty}</p> }
                        .into_any()
                }
            }}
            {move || message.get().map(|m| view! {
                <p role="status" data-testid="demo-message">
                    {m}" "<a href=Route::Overview.href()>{g.demo_see}</a>
                </p>
            })}
        </section>
    }
}

/// 示例汇总: five demo departments' files received into the office's workspace, through the same
/// path as any file (exported, then received), marked as demo by their names; removed together.
#[component]
fn OfficeDemoSection() -> impl IntoView {
    use crate::browser::clock;
    use crate::state::workspace::{use_workspace, WorkspaceStatus};
    use zrz_exchange::envelope::ExportMeta;
    let app = use_app();
    let ws = use_workspace();
    let g = &t().guide;
    let message = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let ready = move || ws.status.get() == WorkspaceStatus::Ready;
    let demo_keys = move || {
        ws.digests().with(|v| {
            v.iter()
                .filter(|d| d.department.department.starts_with(demo::DEMO_MARK))
                .map(|d| d.store_key.clone())
                .collect::<Vec<_>>()
        })
    };
    let load = move |_| {
        if busy.get_untracked() || !ready() {
            return;
        }
        busy.set(true);
        let template = app.store.template.get_untracked();
        let year = app.today.year();
        let meta = ExportMeta {
            exported_at: clock::now(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            sanitized: false,
            local_offset: ExportMeta::china(),
        };
        let files: Vec<(String, Vec<u8>)> = (0..5)
            .map(|i| {
                let a = demo::department(&template, year, i);
                let name = format!("{}-{year}.json", a.profile.department);
                let text =
                    zrz_exchange::export_assessment(&a, &Default::default(), &template, &meta);
                (name, text.into_bytes())
            })
            .collect();
        leptos::task::spawn_local(async move {
            let out = ws.receive(files, |_| ()).await;
            let added = out.iter().filter(|o| o.result.is_ok()).count();
            busy.set(false);
            message.set(Some((g.office_demo_loaded)(added)));
        });
    };
    let remove = move |_| {
        confirming.set(false);
        for key in demo_keys() {
            ws.remove(&key);
        }
        message.set(Some(g.office_demo_removed.to_string()));
    };
    view! {
        <section class="demo" aria-labelledby="office-demo-title" data-testid="office-demo">
            <h2 id="office-demo-title">{g.office_demo_title}</h2>
            <p>{g.office_demo_lead}</p>
            {move || (!ready()).then(|| view! { <p role="status">{g.office_demo_wait}</p> })}
            <p class="toolbar">
                <button type="button" on:click=load data-testid="office-demo-load"
                    disabled=move || !ready() || busy.get()>{g.office_demo_load}</button>
                " "
                {move || (!demo_keys().is_empty()).then(|| view! {
                    <button type="button" data-testid="office-demo-remove" disabled=move || !ready()
                        on:click=move |_| confirming.set(true)>{g.office_demo_remove}</button>
                })}
            </p>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="office-demo-confirm">
                    <p id="office-demo-confirm">{g.office_demo_confirm}</p>
                    <button type="button" class="danger" on:click=remove
                        data-testid="office-demo-remove-confirm">{g.office_demo_remove}</button>
                    " "
                    <button type="button" on:click=move |_| confirming.set(false)>{t().common.cancel}</button>
                </div>
            </Show>
            {move || message.get().map(|m| view! {
                <p role="status" data-testid="office-demo-message">
                    {m}" "<a href=Route::Summary.href()>{g.office_demo_see}</a>
                </p>
            })}
        </section>
    }
}
