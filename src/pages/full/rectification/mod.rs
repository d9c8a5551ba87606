//! 整改: the office's findings received (each on the item it concerns, marked where the department
//! changed the item since it was verified), the rectification tasks for them and for the items the
//! department marked 未落实 / 部分落实, the office's accountability decisions (read only), and the
//! import of a 核查意见 file.
//!
//! Rules are the domain's: `review::tasks_needed`, `review::build_task`, `review::task_overdue`,
//! `merge::apply_findings`. The 核查意见 import sits here (not on 导入导出) so the loop closes on one
//! page; the office's accountability decisions and scores, which a department's record does not
//! hold, are kept beside the record under [`RECEIVED_KEY`] as the last findings file gave them.

mod task;

use leptos::prelude::*;

use crate::browser::{files, storage};
use crate::components::{Icon, IconKind, PrintHeader};
use crate::i18n::t;
use crate::pages::overview::item_link;
use crate::state::{use_app, use_store, Store};
use task::{TaskForm, TaskRow};
use zrz_domain::number::fmt1;
use zrz_domain::record::{Assessment, Finding, Task};
use zrz_domain::review::{tasks_needed, TaskNeed};
use zrz_exchange::{apply_findings, import, Content, Kind};

pub use crate::state::received_review::{ReceivedReview, RECEIVED_KEY};

/// The record as one value, as the domain's task rules read it.
fn assessment(store: Store) -> Assessment {
    Assessment {
        profile: store.profile.get(),
        answers: store.answers.entries().into_iter().collect(),
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
    // The office's decisions kept beside the department's own record (not a received one's).
    let received = RwSignal::new(if writable {
        ReceivedReview::stored()
    } else {
        ReceivedReview::default()
    });
    let record = Memo::new(move |_| assessment(store));
    let needs = Memo::new(move |_| record.with(tasks_needed));
    let findings_sorted = Memo::new(move |_| {
        let mut f = store.findings.values();
        f.sort_by(|a, b| {
            zrz_domain::review::compare_item_ids(&a.item_id, &b.item_id)
                .then_with(|| a.id.cmp(&b.id))
        });
        f
    });
    let tasks_sorted = Memo::new(move |_| {
        let mut tasks = store.tasks.values();
        tasks.sort_by(|a, b| {
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
            {writable.then(|| view! { <FindingsImport received=received/> <ExportOwn/> })}
            <Scores received=received/>
            <Accountability received=received/>
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
fn Scores(received: RwSignal<ReceivedReview>) -> impl IntoView {
    let s = &t().review;
    move || {
        let scores = received.with(|r| r.scores);
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
fn Accountability(received: RwSignal<ReceivedReview>) -> impl IntoView {
    let s = &t().review;
    move || {
        let records = received.with(|r| r.accountability.clone());
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

/// Imports a 核查意见 file: refused with the reason when it is another department's, another year's
/// or made with another plan; importing it twice changes nothing.
#[component]
fn FindingsImport(received: RwSignal<ReceivedReview>) -> impl IntoView {
    let s = &t().review;
    let store = use_store();
    let message = RwSignal::new(None::<Result<String, String>>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(file) = files::from_input_event(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = match files::read_bytes(&file, zrz_exchange::MAX_FILE_BYTES).await {
                Err(fault) => Err((t().errors.read)(&fault)),
                Ok(bytes) => read_findings(store, &bytes, received),
            };
            message.set(Some(result.map_err(|e| (s.import_refused)(&e))));
        });
    };
    view! {
        <h2>{s.import_title}</h2>
        <p class="hint" id="findings-import-hint">{s.import_hint}</p>
        <label class="file-pick no-print">
            {s.import_label} " "
            <input type="file" accept=".json,application/json" aria-describedby="findings-import-hint"
                data-testid="findings-file" on:change=on_change/>
        </label>
        {move || message.get().map(|m| match m {
            Ok(text) => view! { <p class="field-ok" role="status" data-testid="findings-imported">{text}</p> }.into_any(),
            Err(text) => view! { <p class="field-error" role="alert" data-testid="findings-refused">{text}</p> }.into_any(),
        })}
    }
}

fn read_findings(
    store: Store,
    bytes: &[u8],
    received: RwSignal<ReceivedReview>,
) -> Result<String, String> {
    let s = &t().review;
    let template = store.template.get_untracked();
    let imported =
        import(bytes, &template, Some(Kind::Findings)).map_err(|e| (t().errors.import)(&e))?;
    // Findings are the office's word: a file changed after export is not taken in (there is no
    // preview here to confirm it on).
    if let Some(problem) = (t().errors.checksum)(&imported.checksum) {
        return Err(problem.to_string());
    }
    if imported
        .template_match
        .as_ref()
        .is_some_and(|m| !m.is_compatible())
    {
        return Err(s.import_other_template.to_string());
    }
    let before = store.snapshot();
    let update = apply_findings(&before, &imported).map_err(|e| (t().errors.merge)(&e))?;
    let Content::Findings(file) = &imported.content else {
        return Err(s.import_other_template.to_string());
    };
    let changed = file
        .findings
        .iter()
        .filter(|f| {
            !f.answer_digest.is_empty() && f.answer_digest != before.answer_digest(&f.item_id)
        })
        .count();
    let review = ReceivedReview {
        accountability: file.accountability.clone(),
        scores: file.scores,
    };
    if let Ok(text) = serde_json::to_string(&review) {
        storage::write_verified(RECEIVED_KEY, &text)
            .map_err(|fault| (t().shell.storage_fault)(&fault))?;
    }
    received.set(review);
    let counts = (
        update.added.len(),
        update.updated.len(),
        update.unchanged.len(),
    );
    if !update.is_noop() {
        let after = update.assessment;
        store.update(move |a| *a = after);
    }
    Ok((s.imported)(counts.0, counts.1, counts.2, changed))
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
