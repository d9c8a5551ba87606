//! 整改: the office's findings received (each on the item it concerns, marked where the department
//! changed the item since it was verified), the rectification tasks for them and for the items the
//! department marked 未落实 / 部分落实, and the office's accountability decisions and both scores
//! (the record's `office_review`, read only). A 核查意见 file is imported on 导入导出, linked from here.
//!
//! Rules are the domain's: `review::tasks_needed`, `review::build_task`, `review::task_overdue`.

mod task;

use leptos::prelude::*;

use crate::components::{Icon, IconKind, PrintHeader};
use crate::i18n::t;
use crate::pages::overview::item_link;
use crate::state::{use_app, use_store, Store};
use task::{TaskForm, TaskRow};
use zrz_domain::number::fmt1;
use zrz_domain::record::{Assessment, Finding, Task};
use zrz_domain::review::{tasks_needed, TaskNeed};

/// The record as one value, as the domain's task rules read it.
fn assessment(store: Store) -> Assessment {
    Assessment {
        profile: store.profile.get(),
        answers: store.answers.to_map(),
        ledger: store.ledger.values(),
        tasks: store.tasks.values(),
        findings: store.findings.values(),
        ..Assessment::default()
    }
}

#[component]
pub fn RectificationPage() -> impl IntoView {
    let app = use_app();
    let store = use_store();
    let s = &t().review;
    let writable = store.writable() && !app.read_only();
    let record = Memo::new(move |_| assessment(store));
    let needs = Memo::new(move |_| record.with(tasks_needed));
    let findings_sorted = Memo::new(move |_| {
        let mut f = store.findings.values();
        zrz_domain::order::sort_by(&mut f, |a, b| {
            zrz_domain::review::compare_item_ids(&a.item_id, &b.item_id)
                .then_with(|| a.id.cmp(&b.id))
        });
        f
    });
    let tasks_sorted = Memo::new(move |_| {
        let mut tasks = store.tasks.values();
        zrz_domain::order::sort_by(&mut tasks, |a, b| {
            (a.deadline.is_none(), a.deadline, &a.item_id, &a.id).cmp(&(
                b.deadline.is_none(),
                b.deadline,
                &b.item_id,
                &b.id,
            ))
        });
        tasks
    });
    // The need whose new task is being written.
    let adding = RwSignal::new(None::<TaskNeed>);
    view! {
        <section class="page rectification" data-testid="rectification">
            <PrintHeader/>
            <h1>{s.title}</h1>
            <p class="lead">{s.lead}</p>
            <p class="no-print"><a href=crate::route::Route::Report.href() data-testid="to-report">{t().rect.to_report}</a></p>
            {writable.then(|| view! {
                <p class="hint no-print" data-testid="findings-import-link">
                    {s.import_on_exchange} " "
                    <a href=crate::route::Route::Exchange.href()>{s.to_exchange}</a>
                </p>
                <ExportOwn/>
            })}
            <Scores/>
            <Accountability/>
            <h2>{s.findings_title}</h2>
            {move || {
                let findings = findings_sorted.get();
                if findings.is_empty() {
                    return view! { <p data-testid="no-findings">{s.no_findings}</p> }.into_any();
                }
                view! {
                    <ul class="findings" data-testid="findings">
                        {findings.into_iter().map(|f| view! { <FindingCard finding=f record=record/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h2>{s.needs_title}</h2>
            {move || {
                let list = needs.get();
                if list.is_empty() {
                    return view! { <p data-testid="no-needs">{s.no_tasks}</p> }.into_any();
                }
                view! {
                    <ul class="task-needs" data-testid="task-needs">
                        {list.into_iter().map(|need| {
                            let key = format!("{}-{}", need.code(), need.item_id());
                            let line = (s.need_line)(&need);
                            let open = need.clone();
                            let is_open = {
                                let need = need.clone();
                                move || adding.with(|a| a.as_ref() == Some(&need))
                            };
                            let form_need = need.clone();
                            view! {
                                <li data-testid=format!("need-{key}")>
                                    <span>{line}</span> " "
                                    {writable.then(|| view! {
                                        <button type="button" class="no-print" on:click=move |_| adding.set(Some(open.clone()))>{s.add_task}</button>
                                    })}
                                    {move || is_open().then(|| {
                                        let base = form_need.new_task(crate::browser::random::id("t"));
                                        view! { <TaskForm base=base is_new=true on_done=Callback::new(move |_| adding.set(None))/> }
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h2>{s.tasks_title}</h2>
            {move || {
                let tasks = tasks_sorted.get();
                if tasks.is_empty() {
                    return view! { <p data-testid="no-tasks">{s.no_tasks}</p> }.into_any();
                }
                view! {
                    <ul class="tasks" data-testid="tasks">
                        {tasks.into_iter().map(|task: Task| view! { <TaskRow task=task writable=writable/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One finding on the item it concerns.
#[component]
fn FindingCard(finding: Finding, record: Memo<Assessment>) -> impl IntoView {
    let s = &t().review;
    let store = use_store();
    let template = store.template.get_untracked();
    let item_id = finding.item_id.clone();
    let digest = finding.answer_digest.clone();
    let changed = Memo::new(move |_| {
        !digest.is_empty() && record.with(|a| a.answer_digest(&item_id) != digest)
    });
    let found = finding
        .found
        .map(|r| (s.found_status)((t().common.response)(r)));
    let method = finding.method.map(|m| (s.method_line)((s.method)(m)));
    let issued = (s.issued_on)(&finding.issued_at.date_naive().to_string());
    view! {
        <li class="finding" class:finding-closed=finding.closed data-testid=format!("finding-{}", finding.item_id)>
            <h3>
                {(finding.verdict != zrz_domain::record::Verdict::Confirmed).then(|| view! { <Icon kind=IconKind::Warning/> })}
                " " {(s.finding_heading)(&finding.item_id, finding.verdict)}
            </h3>
            <p>{item_link(&template, &finding.item_id)}</p>
            {found.map(|f| view! { <p data-testid="finding-found">{f}</p> })}
            {(!finding.note.is_empty()).then(|| view! { <p class="finding-note">{finding.note.clone()}</p> })}
            {method.map(|m| view! { <p>{m}</p> })}
            <p class="hint">{issued}</p>
            {move || changed.get().then(|| view! {
                <p class="notice notice-warn" data-testid="finding-changed"><Icon kind=IconKind::Info/> " " {s.changed_since}</p>
            })}
            {finding.closed.then(|| view! { <p data-testid="finding-closed"><Icon kind=IconKind::Done/> " " {s.closed}</p> })}
        </li>
    }
}

/// 核定分 beside 自评分, as the office sent them.
#[component]
fn Scores() -> impl IntoView {
    let s = &t().review;
    let store = use_store();
    move || {
        let scores = store.office_review.with(|r| r.scores);
        (scores.verified_score.is_some() || scores.self_score.is_some()).then(|| {
            let f = |v: Option<f64>| v.map(fmt1).unwrap_or_else(|| "—".into());
            view! {
                <h2>{s.scores_title}</h2>
                <dl class="score-pair" data-testid="received-scores">
                    <dt>{s.self_score}</dt><dd data-testid="received-self-score">{f(scores.self_score)}</dd>
                    <dt>{s.verified_score}</dt><dd data-testid="received-verified-score">{f(scores.verified_score)}</dd>
                </dl>
            }
        })
    }
}

/// The office's accountability decisions on this department's red lines: read only.
#[component]
fn Accountability() -> impl IntoView {
    let s = &t().review;
    let store = use_store();
    move || {
        let records = store.office_review.with(|r| r.accountability.clone());
        (!records.is_empty()).then(|| {
            view! {
                <h2>{s.accountability_title}</h2>
                <ul class="accountability" data-testid="accountability">
                    {records.into_iter().map(|r| view! {
                        <li><Icon kind=IconKind::Warning/> " " {(s.accountability_row)(&r.item_id, r.decision, &r.decided_on.to_string(), &r.decided_by, &r.note)}</li>
                    }).collect_view()}
                </ul>
            }
        })
    }
}

/// The department's own file, with its tasks, for the office: the same export as 导入导出's.
#[component]
fn ExportOwn() -> impl IntoView {
    let s = &t().review;
    let store = use_store();
    let message = RwSignal::new(None::<Result<String, String>>);
    let export = move |_| {
        let now = crate::browser::clock::now();
        let meta = zrz_exchange::ExportMeta::new(now, env!("CARGO_PKG_VERSION"));
        let assessment = store.snapshot();
        let template = store.template.get_untracked();
        let text = zrz_exchange::export_assessment(&assessment, &store.extras(), &template, &meta);
        let name = zrz_exchange::assessment_file_name(&assessment.profile, &meta);
        let result = crate::browser::download::download_text(&name, &text, "application/json");
        if result.is_ok() {
            store.mark_exported(now);
        }
        message.set(Some(
            result.map(|_| (s.exported)(&name)).map_err(String::from),
        ));
    };
    view! {
        <p class="hint no-print">{s.export_own_hint}</p>
        <p class="no-print"><button type="button" on:click=export data-testid="export-own">{s.export_own}</button></p>
        {move || message.get().map(|m| match m {
            Ok(text) => view! { <p class="field-ok" role="status">{text}</p> }.into_any(),
            Err(text) => view! { <p class="field-error" role="alert">{text}</p> }.into_any(),
        })}
    }
}
