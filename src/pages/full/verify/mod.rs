//! 核查: the office verifies a received department's file item by item (核实 / 存疑 / 不属实, the
//! status found, the method, a note, who), sees 自评分 beside 核定分 with every difference and why,
//! follows up each red line 已发生 with an accountability decision, sees the department's
//! rectification tasks (and closes a finding whose task is done), and exports the findings for one
//! department or for all (one file each).
//!
//! The department's answers are never changed: everything the office records goes into the
//! received record's `review`. Verdicts are measured against the file in force each time
//! (`review::verification_state`), so a newer export keeps the verdicts of unchanged items and asks
//! for the changed ones to be checked again.

mod form;

use leptos::prelude::*;

use crate::browser::{clock, download};
use crate::components::{Icon, IconKind, PrintHeader, PLAN_LANG};
use crate::i18n::t;
use crate::pages::overview::short;
use crate::route::Route;
use crate::state::use_store;
use crate::state::workspace::{use_workspace, WorkspaceState, WorkspaceStatus};
use form::{AccountabilityForm, VerificationForm};
use zrz_domain::number::fmt1;
use zrz_domain::record::{Assessment, Response, TaskStatus, Verdict};
use zrz_domain::review::{findings_for, verification_state, verified_score, VerificationState};
use zrz_exchange::{
    export_findings, findings_file_name, ExportMeta, FindingsFile, Received, Scores,
};

/// The 核查意见 file for one received department, issued now: its findings, the accountability
/// decisions and both scores.
fn findings_file(
    ws: WorkspaceState,
    received: &Received,
    template: &zrz_domain::plan::Template,
) -> Option<(String, String)> {
    let opened = ws.opened(&received.store_key(), None)?;
    let assessment = &opened.assessment;
    let now = clock::now();
    let score = verified_score(template, assessment, &received.review, clock::today());
    let file = FindingsFile {
        department: received.department.clone(),
        template: opened.template.clone(),
        about: received.current.file_ref(),
        findings: findings_for(&received.review, assessment, template, now),
        accountability: received.review.accountability.clone(),
        scores: Scores {
            self_score: score.self_score(),
            verified_score: if score.is_reviewed() {
                score.verified_score()
            } else {
                None
            },
        },
        extras: Default::default(),
    };
    let meta = ExportMeta::new(now, env!("CARGO_PKG_VERSION"));
    Some((
        findings_file_name(&received.department, &meta),
        export_findings(&file, &meta),
    ))
}

fn department_name(r: &Received) -> String {
    format!(
        "{} {} {}",
        r.department.unit, r.department.department, r.department.year
    )
}

#[component]
pub fn VerifyPage(id: String, item: Option<String>) -> impl IntoView {
    let s = &t().review;
    let ws = use_workspace();
    let id = StoredValue::new(id);
    let item = StoredValue::new(item);
    let message = RwSignal::new(None::<String>);
    let store = use_store();
    let export_all = move |_| {
        let template = store.template.get_untracked();
        let mut names = Vec::new();
        for r in ws.received().get_untracked() {
            if let Some((name, text)) = findings_file(ws, &r, &template) {
                if download::download_text(&name, &text, "application/json").is_ok() {
                    names.push(name);
                }
            }
        }
        message.set(Some((s.exported)(&names.join(t().common.list_sep))));
    };
    view! {
        <section class="page verify" data-testid="verify">
            <PrintHeader/>
            <h1>{s.verify_title}</h1>
            <p class="lead">{s.verify_lead}</p>
            <p class="no-print"><a href=Route::Summary.href()>{s.verify_receive_hint}</a></p>
            {move || message.get().map(|m| view! { <p class="field-ok" role="status" data-testid="verify-message">{m}</p> })}
            <nav class="no-print" aria-label=s.verify_pick>
                <ul class="received-list" data-testid="received-list">
                    {move || ws.received().get().into_iter().map(|r| {
                        let key = r.store_key();
                        let current = id.with_value(|i| *i == key);
                        view! {
                            <li><a href=Route::Verify { id: key.clone(), item: None }.href()
                                aria-current=current.then_some("page")>{department_name(&r)}</a></li>
                        }
                    }).collect_view()}
                </ul>
                {move || (!ws.is_empty()).then(|| view! {
                    <button type="button" on:click=export_all data-testid="export-all-findings">{s.export_all_findings}</button>
                })}
            </nav>
            {move || (ws.status.get() == WorkspaceStatus::Ready && ws.is_empty()).then(|| view! {
                <p class="notice notice-info" role="status" data-testid="verify-empty">
                    {s.verify_empty} " " <a href=Route::Summary.href()>{t().shell.nav_summary}</a>
                </p>
            })}
            {move || {
                if ws.status.get() != WorkspaceStatus::Ready {
                    return ().into_any();
                }
                match id.with_value(|i| ws.get(i)) {
                    Some(r) => view! { <Department ws=ws received=r item=item.get_value()/> }.into_any(),
                    None => id.with_value(|i| !i.is_empty() && i != "-").then(|| view! {
                        <p data-testid="verify-not-found">{s.verify_not_found}</p>
                    }).into_any(),
                }
            }}
        </section>
    }
}

/// One department's file: scores, items, red lines, tasks, export.
#[component]
fn Department(ws: WorkspaceState, received: Received, item: Option<String>) -> impl IntoView {
    let s = &t().review;
    let store = use_store();
    let template = store.template.get_untracked();
    let key = received.store_key();
    let Some(opened) = ws.opened(&key, None) else {
        return view! { <p class="field-error" role="alert">{s.verify_not_found}</p> }.into_any();
    };
    let assessment = opened.assessment.clone();
    let review = received.review.clone();
    let today = clock::today();
    let score = verified_score(&template, &assessment, &review, today);
    let f = |v: Option<f64>| v.map(fmt1).unwrap_or_else(|| "—".into());
    let verified_text = if score.is_reviewed() {
        f(score.verified_score())
    } else {
        "—".into()
    };
    let export_one = {
        let received = received.clone();
        let template = template.clone();
        move |_| {
            if let Some((name, text)) = findings_file(ws, &received, &template) {
                let _ = download::download_text(&name, &text, "application/json");
            }
        }
    };
    let red_lines: Vec<String> = template
        .items()
        .filter(|i| i.kind.is_red_line())
        .filter(|i| assessment.answer(&i.id).and_then(|a| a.response) == Some(Response::Occurred))
        .map(|i| i.id.clone())
        .collect();
    let selected = item.and_then(|i| template.item(&i).cloned());
    let r = t().common.response;
    view! {
        <h2 data-testid="verify-department">{department_name(&received)}</h2>
        <p class="hint">{received.current.file_name.clone()}</p>
        <dl class="score-pair" data-testid="verify-scores">
            <dt>{s.self_score}</dt><dd data-testid="self-score">{f(score.self_score())}</dd>
            <dt>{s.verified_score}</dt><dd data-testid="verified-score">{verified_text}</dd>
        </dl>
        <h3>{s.differences_title}</h3>
        {if score.differences.is_empty() {
            view! { <p>{s.no_differences}</p> }.into_any()
        } else {
            view! {
                <table class="differences" data-testid="differences">
                    <thead><tr>
                        <th scope="col">{s.col_item}</th>
                        <th scope="col">{s.col_self}</th>
                        <th scope="col">{s.col_found}</th>
                        <th scope="col" class="num">{s.col_points}</th>
                        <th scope="col">{s.col_why}</th>
                    </tr></thead>
                    <tbody>
                        {score.differences.iter().map(|d| view! {
                            <tr data-testid=format!("difference-{}", d.item_id)>
                                <th scope="row">{d.item_id.clone()}</th>
                                <td>{d.self_response.map(r).unwrap_or(s.not_answered)}</td>
                                <td>{d.found.map(r).unwrap_or("—")}</td>
                                <td class="num">{format!("{} → {}", fmt1(d.self_points), fmt1(d.verified_points))}</td>
                                <td>{(s.verdict)(d.verdict)}{d.method.map(|m| format!("（{}）", (s.method)(m)))}{(!d.note.is_empty()).then(|| format!(" {}", d.note))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <p class="no-print">
            <button type="button" on:click=export_one data-testid="export-findings">{s.export_findings}</button>
        </p>
        {selected.map(|item| {
            let answer = assessment.answer(&item.id).cloned();
            let existing = review.verifications.get(&item.id).cloned();
            view! { <VerificationForm ws=ws store_key=key.clone() item=item answer=answer existing=existing/> }
        })}
        {(!red_lines.is_empty()).then(|| view! {
            <h3>{s.decision_title}</h3>
            <ul class="accountability" data-testid="verify-accountability">
                {review.accountability.iter().map(|a| view! {
                    <li><Icon kind=IconKind::Warning/> " " {(s.accountability_row)(&a.item_id, a.decision, &a.decided_on.to_string(), &a.decided_by, &a.note)}</li>
                }).collect_view()}
            </ul>
            <AccountabilityForm ws=ws store_key=key.clone() red_lines=red_lines.clone() assessment=assessment.clone()/>
        })}
        <Tasks ws=ws store_key=key.clone() assessment=assessment.clone() review=review.clone()/>
        <h3>{s.col_item}</h3>
        <ul class="verify-items" data-testid="verify-items">
            {template.items().map(|i| {
                let answer = assessment.answer(&i.id);
                let state = verification_state(&review, &assessment, &i.id);
                let response = answer.and_then(|a| a.response).map(r).unwrap_or(s.not_answered);
                let status = match state {
                    VerificationState::NotVerified => view! { <span class="hint">{s.verdict_none}</span> }.into_any(),
                    VerificationState::Current(v) => view! {
                        <span class=if v.verdict == Verdict::Confirmed { "verdict ok" } else { "verdict bad" } data-testid="verdict">
                            <Icon kind=if v.verdict == Verdict::Confirmed { IconKind::Done } else { IconKind::Warning }/>
                            " " {(s.verdict)(v.verdict)}
                        </span>
                    }.into_any(),
                    VerificationState::Stale(v) => view! {
                        <span class="verdict stale" data-testid="verdict-stale">
                            <Icon kind=IconKind::Info/> " " {(s.verdict)(v.verdict)} " · " {s.recheck}
                        </span>
                    }.into_any(),
                };
                view! {
                    <li data-testid=format!("verify-item-{}", i.id)>
                        <a href=Route::Verify { id: key.clone(), item: Some(i.id.clone()) }.href()>{i.id.clone()}</a> " "
                        <span lang=PLAN_LANG>{short(&i.text)}</span> " · "
                        <span>{(s.department_answer)(response)}</span> " · "
                        {status}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The department's rectification tasks as its file carries them; a finding whose task is done
/// can be closed (销号), and is sent closed in the next findings file.
#[component]
fn Tasks(
    ws: WorkspaceState,
    store_key: String,
    assessment: Assessment,
    review: zrz_domain::review::Review,
) -> impl IntoView {
    let s = &t().review;
    if assessment.tasks.is_empty() {
        return ().into_any();
    }
    let key = StoredValue::new(store_key);
    view! {
        <h3>{s.tasks_of_department}</h3>
        <ul class="tasks" data-testid="department-tasks">
            {assessment.tasks.iter().map(|task| {
                let finding = task.finding_id.clone();
                let closed = finding.as_ref().is_some_and(|f| review.closed_findings.contains(f));
                let can_close = task.status == TaskStatus::Done && finding.is_some() && !closed;
                let close = move |_| {
                    if let Some(f) = finding.clone() {
                        key.with_value(|k| ws.update_review(k, |r| if !r.closed_findings.contains(&f) { r.closed_findings.push(f) }));
                    }
                };
                view! {
                    <li data-testid=format!("department-task-{}", task.item_id) data-status=task.status.key()>
                        {(task.status == TaskStatus::Done).then(|| view! { <Icon kind=IconKind::Done/> })}
                        " " {(s.task_heading)(&task.item_id)} {t().common.colon} {task.measure.clone()} " · "
                        <span data-testid="department-task-status">{(s.task_status)(task.status)}</span>
                        {task.completed_on.map(|d| format!(" · {} {d}", s.completed_on))}
                        {closed.then(|| view! { " · " <span>{s.closed}</span> })}
                        {can_close.then(|| view! { " " <button type="button" class="no-print" on:click=close>{s.close_finding}</button> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
