//! 总览: progress per chapter, the checklist score, red lines, overdue items, unfinished edits and
//! the backup reminder. Every figure comes from a domain function over the record.

use leptos::prelude::*;

use crate::browser::clock;
use crate::components::{Icon, IconKind, PrintHeader, ProgressBar, PLAN_LANG};
use crate::i18n::t;
use crate::route::Route;
use crate::state::{use_app, use_store};
use zrz_domain::backup::{backup_advice, BackupAdvice};
use zrz_domain::checklist::summarize;
use zrz_domain::number::{fmt0, fmt1};
use zrz_domain::plan::{ItemKind, Template};

/// The first characters of an item's text, for lists.
pub fn short(text: &str) -> String {
    let cut: String = text.chars().take(24).collect();
    if cut.chars().count() < text.chars().count() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// A link to an item: its number and the start of its text.
pub fn item_link(template: &Template, id: &str) -> impl IntoView {
    let chapter = template.chapter_of(id).map(|c| c.id.clone());
    let label = template
        .item(id)
        .map(|i| format!("{} {}", i.id, short(&i.text)))
        .unwrap_or_else(|| id.to_string());
    let href = Route::Checklist {
        chapter,
        item: Some(id.to_string()),
    }
    .href();
    view! { <a href=href lang=PLAN_LANG>{label}</a> }
}

#[component]
pub fn Overview() -> impl IntoView {
    let store = use_store();
    let app = use_app();
    let o = &t().overview;
    let answers = Memo::new(move |_| store.answers.to_map());
    let summary = Memo::new(move |_| {
        let template = store.template.get();
        answers.with(|a| summarize(&template, a, app.today))
    });
    let red_line_total = Memo::new(move |_| {
        store
            .template
            .with(|t| t.items().filter(|i| i.kind == ItemKind::RedLine).count())
    });
    let who = move || {
        store
            .profile
            .with(|p| (o.who)(&p.unit, &p.department, p.year, &p.filled_by))
    };
    let red_value = move || {
        summary.with(|s| {
            let total = red_line_total.get();
            if !s.red_lines_occurred.is_empty() {
                (o.red_lines_occurred)(s.red_lines_occurred.len())
            } else if s.red_lines_unanswered == total {
                o.red_lines_none_answered.to_string()
            } else if s.red_lines_unanswered > 0 {
                (o.red_lines_open)(total - s.red_lines_unanswered, s.red_lines_unanswered)
            } else {
                o.red_lines_clear.to_string()
            }
        })
    };
    view! {
        <section class="page overview" data-testid="overview">
            <PrintHeader/>
            <h1>{o.title}</h1>
            <p class="who">{who}</p>
            <div class="cards">
                <div class="card score-card">
                    <div class="card-label">{o.score_label}</div>
                    <div class="card-value" data-testid="checklist-score">
                        {move || summary.with(|s| s.score.map_or("—".to_string(), fmt1))}
                    </div>
                    <div class="card-hint">{o.score_hint}</div>
                    {move || store.office_review.with(|r| r.scores.verified_score).map(|v| view! {
                        <div class="card-hint" data-testid="overview-verified-score">{(t().rect.verified_score)(&fmt1(v))}</div>
                    })}
                </div>
                <div class="card">
                    <div class="card-label">{o.progress_label}</div>
                    <div class="card-value" data-testid="answered-count">
                        {move || summary.with(|s| format!("{} / {}", s.answered, s.total))}
                    </div>
                    <div class="card-hint">{o.progress_hint}</div>
                </div>
                <div class="card" class:danger=move || summary.with(|s| !s.red_lines_occurred.is_empty())>
                    <div class="card-label">{o.red_lines_label}</div>
                    <div class="card-value" data-testid="red-line-status">
                        {move || summary.with(|s| (!s.red_lines_occurred.is_empty()).then(|| view! { <Icon kind=IconKind::Warning/> }))}
                        {red_value}
                    </div>
                    <div class="card-hint" data-testid="red-line-unanswered">
                        {move || match summary.with(|s| s.red_lines_unanswered) {
                            0 => o.red_lines_all_answered.to_string(),
                            open => (o.red_lines_open)(red_line_total.get() - open, open),
                        }}
                    </div>
                </div>
            </div>
            {move || summary.with(|s| (!s.red_lines_occurred.is_empty()).then(|| s.red_lines_occurred.clone())).map(|ids| {
                let template = store.template.get_untracked();
                view! {
                    <div class="notice notice-error red-line-warning" role="alert" data-testid="red-line-warning">
                        <Icon kind=IconKind::Warning/>
                        <strong>{o.red_line_warning}</strong>
                        <ul>{ids.iter().map(|id| draft_link(&template, id)).collect_view()}</ul>
                    </div>
                }
            })}
            <Drafts/>
            <BackupReminder/>
            <h2>{o.chapters_title}</h2>
            <table class="progress-table">
                <thead><tr>
                    <th scope="col">{o.col_chapter}</th>
                    <th scope="col">{o.col_progress}</th>
                    <th scope="col" class="num">{o.col_answered}</th>
                    <th scope="col" class="num">{o.col_points}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let template = store.template.get();
                        summary.with(|s| s.chapters.iter().map(|c| {
                            let chapter = template.chapter(&c.chapter_id).expect("summary chapters come from the template");
                            let part = template.part_of(&c.chapter_id).expect("every chapter has a part");
                            let percent = c.percent_answered();
                            let label = chapter.label(part);
                            view! {
                                <tr data-testid=format!("progress-{}", c.chapter_id)>
                                    <th scope="row"><a href=Route::Checklist { chapter: Some(c.chapter_id.clone()), item: None }.href() lang=PLAN_LANG>{label.clone()}</a></th>
                                    <td><ProgressBar percent=percent label=label/></td>
                                    <td class="num">{format!("{}/{} ({}%)", c.answered, c.total, fmt0(percent))}</td>
                                    <td class="num">{format!("{}/{}", fmt1(c.earned_points), fmt1(c.applicable_points))}</td>
                                </tr>
                            }
                        }).collect_view())
                    }}
                </tbody>
            </table>
            <Overdue/>
            <OpenTasks/>
            <super::duties::Duties/>
        </section>
    }
}

/// Items past their 完成时限, each with its due date and owner.
#[component]
fn Overdue() -> impl IntoView {
    let store = use_store();
    let app = use_app();
    let o = &t().overview;
    let rows = Memo::new(move |_| {
        let template = store.template.get();
        let mut rows: Vec<(String, String, String)> = template
            .items()
            .filter_map(|item| {
                store.answers.with(&item.id, |a| {
                    let a = a?;
                    a.is_overdue(app.today).then(|| {
                        (
                            item.id.clone(),
                            a.due.map(|d| d.to_string()).unwrap_or_default(),
                            a.owner.clone(),
                        )
                    })
                })
            })
            .collect();
        zrz_domain::order::sort_by(&mut rows, |a, b| a.1.cmp(&b.1));
        rows
    });
    move || {
        let rows = rows.get();
        (!rows.is_empty()).then(|| {
            let template = store.template.get_untracked();
            view! {
                <h2>{o.overdue_title}</h2>
                <ul class="overdue" data-testid="overdue-list">
                    {rows.into_iter().map(|(id, due, owner)| view! {
                        <li>
                            <Icon kind=IconKind::Overdue/> " "
                            {item_link(&template, &id)} " "
                            <span class="overdue-detail">{(o.overdue_row)(&id, &due, &owner)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }
        })
    }
}

/// Edits that were not valid yet (a 不适用 without its reason …): kept, and listed so none is
/// forgotten.
#[component]
fn Drafts() -> impl IntoView {
    let app = use_app();
    let store = use_store();
    let o = &t().overview;
    move || {
        let ids: Vec<String> = app.drafts.with(|d| d.keys().cloned().collect());
        (!ids.is_empty() && store.writable()).then(|| {
            let template = store.template.get_untracked();
            view! {
                <div class="notice notice-warn no-print" role="status" data-testid="drafts">
                    <Icon kind=IconKind::Warning/>
                    <strong>{o.drafts_title}</strong> " " {o.drafts_hint}
                    <ul>{ids.iter().map(|id| draft_link(&template, id)).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// Where a kept draft is: an item's answer (kept under the item id), an item card's new ledger
/// entry, or the 台账 page's form.
fn draft_link(template: &Template, key: &str) -> impl IntoView {
    use crate::pages::checklist::ledger::{ITEM_DRAFT, PAGE_DRAFT};
    let (item, label) = match key.strip_prefix(ITEM_DRAFT) {
        Some(item) => (Some(item), None),
        None if key.starts_with(PAGE_DRAFT) => (None, Some(t().ledger.draft_on_page.to_string())),
        None => (Some(key), None),
    };
    let href = match item {
        Some(item) => Route::Checklist {
            chapter: template.chapter_of(item).map(|c| c.id.clone()),
            item: Some(item.to_string()),
        },
        None => Route::Ledger { entry: None },
    }
    .href();
    let label = label.unwrap_or_else(|| {
        let item = item.unwrap_or_default();
        let name = template
            .item(item)
            .map(|i| format!("{} {}", i.id, short(&i.text)))
            .unwrap_or_else(|| item.to_string());
        if key.starts_with(ITEM_DRAFT) {
            (t().ledger.draft_of_item)(&name)
        } else {
            name
        }
    });
    view! { <li><a href=href lang=PLAN_LANG>{label}</a></li> }
}

/// When the data was last exported, and an urging notice when that was too long or too many
/// changes ago (`domain::backup`).
#[component]
fn BackupReminder() -> impl IntoView {
    let app = use_app();
    let store = use_store();
    let o = &t().overview;
    let now = clock::now();
    let last = move || match store.meta.with(|m| m.last_export_at) {
        Some(at) => (o.last_export)(
            &clock::local_datetime(at),
            (now - at).num_days(),
            app.changes.get(),
        ),
        None => o.never_exported.to_string(),
    };
    let advice = move || {
        let changes = u32::try_from(app.changes.get()).unwrap_or(u32::MAX);
        match backup_advice(store.meta.with(|m| m.last_export_at), changes, now) {
            BackupAdvice::UpToDate => None,
            BackupAdvice::NeverExported { changes } => Some((o.backup_never)(changes)),
            BackupAdvice::Overdue { days, changes } => Some((o.backup_overdue)(days, changes)),
        }
    };
    move || {
        store.writable().then(|| {
            view! {
                <p class="backup-status no-print" data-testid="backup-status">{last}</p>
                {move || advice().map(|message| view! {
                    <div class="notice notice-warn no-print" role="status" data-testid="backup-reminder">
                        <Icon kind=IconKind::Info/>
                        {message} " " <a href=Route::Exchange.href()>{o.go_export}</a>
                    </div>
                })}
            }
        })
    }
}

/// Rectification tasks not done, and how many are overdue, with the way to 整改.
#[component]
fn OpenTasks() -> impl IntoView {
    let store = use_store();
    let app = use_app();
    let n = &t().rect;
    move || {
        let tasks = store.tasks.values();
        let open = tasks
            .iter()
            .filter(|t| t.status != zrz_domain::record::TaskStatus::Done)
            .count();
        let overdue = tasks
            .iter()
            .filter(|t| zrz_domain::review::task_overdue(t, app.today))
            .count();
        (open > 0).then(|| {
            view! {
                <p class="open-tasks" class:danger={overdue > 0} data-testid="open-tasks">
                    {(overdue > 0).then(|| view! { <Icon kind=IconKind::Overdue/> })}
                    " " {(n.open_tasks)(open, overdue)} " "
                    <a href=Route::Rectification.href()>{n.to_rectification}</a>
                </p>
            }
        })
    }
}
