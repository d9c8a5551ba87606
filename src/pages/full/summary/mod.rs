//! 汇总: the office receives departments' files into its workspace (`state::workspace`), sees
//! one row per department, the views across departments and years, and takes the workbook, CSV,
//! long table and reports away. A click opens a department's whole assessment read only
//! ([`received::ReceivedPage`]). Every figure comes from `zrz_domain::consolidate`.

mod import_workspace;
mod outputs;
mod receive;
pub mod received;

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::{clock, dom, download};
use crate::components::{Icon, IconKind};
use crate::i18n::t;
use crate::route::Route;
use crate::state::use_app;
use crate::state::workspace::{use_workspace, Opened, WorkspaceStatus};
use outputs::Figures;
use zrz_domain::consolidate::{
    cadre_rows, combine_grades, combine_red_lines, combine_weak_items, department_rows,
    grade_distribution, item_rows, red_line_cases, scores_by_department, totals_and_averages,
    weak_items, year_over_year, DepartmentFile, DepartmentRow, FileFigures,
};
use zrz_domain::number::fmt1;
use zrz_domain::plan::Template;
use zrz_domain::record::Grade;
use zrz_exchange::office::Received;

/// The figures of the files in force (kept beside them, `state::workspace::Digest`), taken once
/// per change of the workspace. The files themselves are read only for the outputs.
#[derive(Clone)]
pub(crate) struct Data {
    /// By store key; records whose file does not read are left out.
    figures: Vec<(String, FileFigures)>,
    template: Arc<Template>,
}

#[derive(Clone)]
pub(crate) struct Shared(Arc<Data>);

/// A read file, compared by identity (for memos).
#[derive(Clone)]
pub(crate) struct OpenedRef(pub Arc<Opened>);

impl PartialEq for OpenedRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Data {
    fn of_year(&self, year: Option<i32>) -> impl Iterator<Item = &(String, FileFigures)> {
        self.figures
            .iter()
            .filter(move |(_, f)| year.is_none_or(|y| f.row.year == y))
    }

    fn rows_of_year(&self, year: Option<i32>) -> Vec<(String, DepartmentRow)> {
        self.of_year(year)
            .map(|(k, f)| (k.clone(), f.row.clone()))
            .collect()
    }

    fn rows(&self) -> Vec<DepartmentRow> {
        self.figures.iter().map(|(_, f)| f.row.clone()).collect()
    }

    fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.figures.iter().map(|(_, f)| f.row.year).collect();
        zrz_domain::order::sort(&mut years);
        years.dedup();
        years
    }
}

/// Every file in force of `year`, read (for the outputs, which need the whole records).
fn files_of_year(files: &[(Received, Arc<Opened>)], year: Option<i32>) -> Vec<DepartmentFile<'_>> {
    files
        .iter()
        .filter(|(_, o)| year.is_none_or(|y| o.assessment.profile.year == y))
        .map(|(r, o)| o.file(&r.review))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Department,
    Completion,
    Score,
    Verified,
    Quotas,
    Overdue,
    RedLines,
    Excellent,
    Exported,
}

#[component]
pub fn SummaryPage() -> impl IntoView {
    let ws = use_workspace();
    let app = use_app();
    let x = &t().summary;
    let data = Memo::new(move |_| {
        let template = app.store.template.get();
        let figures = ws.digests().with(|v| {
            v.iter()
                .filter_map(|d| Some((d.store_key.clone(), d.figures.clone()?)))
                .collect()
        });
        Shared(Arc::new(Data { figures, template }))
    });
    // The year shown: chosen, else the latest held.
    let chosen_year = RwSignal::new(None::<i32>);
    let year = Memo::new(move |_| {
        chosen_year
            .get()
            .or_else(|| data.with(|d| d.0.years().last().copied()))
    });
    let status = move || match ws.status.get() {
        WorkspaceStatus::Idle | WorkspaceStatus::Loading => {
            (!ws.summary_ready.get()).then(|| view! { <p role="status">{x.loading}</p> }.into_any())
        }
        WorkspaceStatus::Unavailable(e) => Some(
            view! { <p class="field-error" role="alert">{(x.unavailable)(&e.to_string())}</p> }
                .into_any(),
        ),
        WorkspaceStatus::Ready => None,
    };
    let ready = move || ws.status.get() == WorkspaceStatus::Ready;
    let summary_ready = move || {
        ws.summary_ready.get() && !matches!(ws.status.get(), WorkspaceStatus::Unavailable(_))
    };
    view! {
        <section class="page summary" data-testid="summary">
            <div class="print-only report-title-page">
                <p class="report-title">{move || {
                    let unit = app.store.profile.with(|p| p.unit.clone());
                    (x.report_title)(&unit, year.get().unwrap_or(chrono::Datelike::year(&app.today)))
                }}</p>
                <p>{x.report_subtitle}</p>
                <p>{clock::local_datetime(clock::now())}</p>
            </div>
            <h1>{x.title}</h1>
            <p class="hint no-print">{x.intro}</p>
            {status}
            <StorageNotices/>
            <Show when=summary_ready>
                <Show when=ready fallback=move || view! {
                    <p role="status" data-testid="workspace-loading">{move || {
                        let (done, total) = ws.loading.get().unwrap_or_default();
                        (x.reading_records)(done, total)
                    }}</p>
                }>
                    <receive::ReceiveSection/>
                </Show>
                <HeldFiles/>
                <Show when=move || !ws.digests().with(Vec::is_empty)>
                    <YearChoice data=data chosen=chosen_year year=year/>
                    <SummaryTable data=data year=year/>
                    <Across data=data year=year/>
                    <Years data=data year=year/>
                    <Outputs data=data year=year/>
                </Show>
                <import_workspace::ImportWorkspace/>
            </Show>
        </section>
    }
}

#[component]
fn StorageNotices() -> impl IntoView {
    let ws = use_workspace();
    let x = &t().summary;
    view! {
        {move || ws.fault.get().map(|f| {
            let text = if f == crate::browser::idb::IdbFault::QuotaExceeded {
                x.storage_full.to_string()
            } else {
                (x.storage_failed)(&f.to_string())
            };
            view! { <p class="field-error" role="alert" data-testid="workspace-fault"><Icon kind=IconKind::Warning/>" "{text}</p> }
        })}
        {move || {
            let n = ws.unsaved.with(|u| u.len());
            (n > 0).then(|| view! {
                <p class="field-error" role="alert">{(x.unsaved)(n)}" "
                    <button type="button" on:click=move |_| ws.retry()>{x.retry}</button></p>
            })
        }}
        {move || {
            let n = ws.unreadable.with(|u| u.len());
            (n > 0).then(|| view! { <p class="field-error" role="alert">{(x.unreadable_records)(n)}</p> })
        }}
    }
}

fn department_name(d: &zrz_domain::record::DepartmentKey) -> String {
    format!("{} {} {}", d.unit, d.department, d.year)
}

/// Every department year held, its file in force, its older exports (switchable), and removal
/// (asked first). Drawn from the digests, so it is shown before the records are read.
#[component]
fn HeldFiles() -> impl IntoView {
    let ws = use_workspace();
    let x = &t().summary;
    let confirming = RwSignal::new(None::<String>);
    let removed = RwSignal::new(None::<String>);
    let count = move || ws.digests().with(Vec::len);
    let files = move || {
        ws.digests()
            .with(|v| v.iter().map(|d| 1 + d.older.len()).sum::<usize>())
    };
    let ready = move || ws.status.get() == WorkspaceStatus::Ready;
    view! {
        <section class="summary-held no-print" aria-labelledby="held-title">
            <h2 id="held-title">{move || (x.held_title)(count(), files())}</h2>
            {move || removed.get().map(|d| view! { <p role="status" class="field-ok">{(x.removed)(&d)}</p> })}
            {move || (count() == 0 && ready()).then(|| view! { <p data-testid="summary-empty">{x.empty}</p> })}
            <details open=move || count() <= 12>
                <summary>{move || (x.held_title)(count(), files())}</summary>
                <ul class="held-list">
                    {move || ws.digests().get().into_iter().map(|d| {
                        let key = d.store_key.clone();
                        let name = department_name(&d.department);
                        let key_remove = key.clone();
                        let key_confirm = key.clone();
                        let key_error = key.clone();
                        let name_removed = name.clone();
                        let unreadable = d.figures.is_none();
                        let error = move || {
                            unreadable
                                .then(|| ws.read_error(&key_error))
                                .flatten()
                                .map(|e| (x.unreadable_file)(&(t().errors.import)(&e)))
                        };
                        let older = d.older.iter().enumerate().map(|(i, f)| {
                            let key = key.clone();
                            let at = f.exported_at.map(clock::local_datetime).unwrap_or_default();
                            view! {
                                <li>
                                    {(x.older_exported)(&f.file_name, &at)}" "
                                    <button type="button" data-testid="switch-older" disabled=move || !ready()
                                        on:click=move |_| ws.switch_to(&key, i)>{x.switch_back}</button>
                                </li>
                            }
                        }).collect_view();
                        let current_at = d.current.exported_at.map(clock::local_datetime).unwrap_or_default();
                        view! {
                            <li data-testid="held" data-key=key.clone()>
                                <strong>{name.clone()}</strong>" · "{x.in_force}": "
                                {(x.older_exported)(&d.current.file_name, &current_at)}
                                {move || error().map(|e| view! { <span class="field-error"><Icon kind=IconKind::Warning/>" "{e}</span> })}
                                {(!d.older.is_empty()).then(|| view! {
                                    <p>{(x.older_files)(d.older.len())}</p>
                                    <ul class="older-list">{older}</ul>
                                })}
                                {move || if confirming.get().as_deref() == Some(key_confirm.as_str()) {
                                    let key = key_remove.clone();
                                    let name = name_removed.clone();
                                    view! {
                                        <div class="confirm" role="alertdialog" aria-label=x.remove>
                                            <p>{(x.remove_confirm)(&name)}</p>
                                            <button type="button" class="danger" data-testid="remove-yes"
                                                on:click=move |_| {
                                                    ws.remove(&key);
                                                    confirming.set(None);
                                                    removed.set(Some(name.clone()));
                                                }>{x.remove_yes}</button>" "
                                            <button type="button" on:click=move |_| confirming.set(None)>{x.cancel}</button>
                                        </div>
                                    }.into_any()
                                } else {
                                    let key = key_remove.clone();
                                    view! {
                                        <button type="button" data-testid="remove" aria-label=format!("{} {}", x.remove, name_removed)
                                            disabled=move || !ready()
                                            on:click=move |_| confirming.set(Some(key.clone()))>{x.remove}</button>
                                    }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        </section>
    }
}

#[component]
fn YearChoice(
    data: Memo<Shared>,
    chosen: RwSignal<Option<i32>>,
    year: Memo<Option<i32>>,
) -> impl IntoView {
    let x = &t().summary;
    view! {
        <p class="no-print">
            <label for="summary-year">{x.year_label}</label>" "
            <select id="summary-year" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                {move || data.with(|d| d.0.years()).into_iter().rev().map(|y| view! {
                    <option value=y.to_string() selected=move || year.get() == Some(y)>{y.to_string()}</option>
                }).collect_view()}
            </select>
        </p>
    }
}

fn fmt_opt(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), fmt1)
}

#[component]
fn SummaryTable(data: Memo<Shared>, year: Memo<Option<i32>>) -> impl IntoView {
    let x = &t().summary;
    let filter = RwSignal::new(String::new());
    let only_red = RwSignal::new(false);
    let sort = RwSignal::new((SortBy::Department, true));
    let all = Memo::new(move |_| data.with(|d| d.0.rows_of_year(year.get())));
    let shown = Memo::new(move |_| {
        let needle = filter.get().trim().to_lowercase();
        let (by, ascending) = sort.get();
        let mut rows: Vec<(String, DepartmentRow)> = all
            .get()
            .into_iter()
            .filter(|(_, r)| {
                needle.is_empty()
                    || r.department.to_lowercase().contains(&needle)
                    || r.unit.to_lowercase().contains(&needle)
            })
            .filter(|(_, r)| !only_red.get() || !r.red_lines.is_empty())
            .collect();
        let num = |r: &DepartmentRow| -> f64 {
            match by {
                SortBy::Department => 0.0,
                SortBy::Completion => r.completion,
                SortBy::Score => r.self_score.unwrap_or(-1.0),
                SortBy::Verified => r.verified_score.unwrap_or(-1.0),
                SortBy::Quotas => r.quotas_met as f64,
                SortBy::Overdue => r.overdue as f64,
                SortBy::RedLines => r.red_lines.len() as f64,
                SortBy::Excellent => r.grades.excellent as f64,
                SortBy::Exported => r.exported_at.map_or(0.0, |t| t.timestamp() as f64),
            }
        };
        zrz_domain::order::sort_by(&mut rows, |(_, a), (_, b)| {
            let o = if by == SortBy::Department {
                (&a.unit, &a.department).cmp(&(&b.unit, &b.department))
            } else {
                num(a).total_cmp(&num(b))
            };
            if ascending {
                o
            } else {
                o.reverse()
            }
        });
        rows
    });
    let totals = Memo::new(move |_| {
        let rows: Vec<DepartmentRow> = shown.get().into_iter().map(|(_, r)| r).collect();
        totals_and_averages(&rows)
    });
    let header = move |by: SortBy, label: &'static str| {
        let aria = move || {
            let (b, asc) = sort.get();
            if b == by {
                if asc {
                    "ascending"
                } else {
                    "descending"
                }
            } else {
                "none"
            }
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" title=(x.sort_by)(label)
                    on:click=move |_| sort.update(|(b, asc)| {
                        if *b == by { *asc = !*asc } else { *b = by; *asc = by == SortBy::Department }
                    })>
                    {label}

                </button>
            </th>
        }
    };
    let g = t().common.grade;
    view! {
        <section class="summary-section" aria-labelledby="summary-table-title">
            <h2 id="summary-table-title">{x.table_title}</h2>
            <div class="summary-filters no-print">
                <label for="summary-filter">{x.filter_label}</label>" "
                <input id="summary-filter" type="search" placeholder=x.filter_placeholder
                    prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
                " "
                <label class="check">
                    <input type="checkbox" prop:checked=move || only_red.get()
                        on:change=move |ev| only_red.set(event_target_checked(&ev))/>
                    {x.only_red_lines}
                </label>
            </div>
            <p role="status" data-testid="summary-shown">{move || (x.shown)(shown.with(Vec::len), all.with(Vec::len))}</p>
            <div class="table-scroll">
            <table class="summary-table" data-testid="summary-table">
                <thead>
                    <tr>
                        {header(SortBy::Department, x.col_department)}
                        {header(SortBy::Completion, x.col_completion)}
                        {header(SortBy::Score, x.col_score)}
                        {header(SortBy::Verified, x.col_verified)}
                        {header(SortBy::Quotas, x.col_quotas)}
                        {header(SortBy::Overdue, x.col_overdue)}
                        {header(SortBy::RedLines, x.col_red_lines)}
                        {header(SortBy::Excellent, x.col_grades)}
                        {header(SortBy::Exported, x.col_exported)}
                    </tr>
                </thead>
                <tbody>
                    {move || shown.get().into_iter().map(|(key, r)| {
                        let name = format!("{} {}", r.unit, r.department);
                        let href = Route::Received { id: key.clone(), page: Box::new(Route::Overview) }.href();
                        let red = r.red_lines.len();
                        let gr = r.grades;
                        view! {
                            <tr data-testid="summary-row" data-department=r.department.clone()>
                                <th scope="row">
                                    <a href=href aria-label=(x.open_label)(&name)>{r.department.clone()}</a>
                                    " " <a class="no-print" data-testid="summary-verify" href=Route::Verify { id: key.clone(), item: None }.href()
                                        aria-label=(t().review.summary_verify_label)(&name)>{t().review.summary_verify}</a>
                                    <br/><span class="hint">{r.unit.clone()}</span>
                                    {r.sanitized.then(|| view! { " " <span class="tag">{x.sanitized_tag}</span> })}
                                </th>
                                <td class="num" data-col="completion">{format!("{}%", fmt1(r.completion))}</td>
                                <td class="num" data-col="score">{fmt_opt(r.self_score)}</td>
                                <td class="num" data-col="verified">{fmt_opt(r.verified_score)}</td>
                                <td class="num" data-col="quotas">{format!("{} / {}", r.quotas_met, r.quotas_total)}</td>
                                <td class="num" data-col="overdue">{r.overdue}</td>
                                <td data-col="red-lines" class:red-line={red > 0}>
                                    {if red > 0 {
                                        view! { <span class="red-line-occurred"><Icon kind=IconKind::Warning/>" "{(x.red_line_count)(red)}</span> }.into_any()
                                    } else {
                                        view! { <span>{x.none}</span> }.into_any()
                                    }}
                                </td>
                                <td data-col="grades">{format!("{} / {} / {} / {} / {}", gr.excellent, gr.competent, gr.basically_competent, gr.incompetent, gr.pending)}</td>
                                <td data-col="exported">{r.exported_at.map(clock::local_datetime).unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot>
                    {move || {
                        let tt = totals.get();
                        let gr = tt.grades;
                        view! {
                            <tr data-testid="summary-totals">
                                <th scope="row">{x.totals}" ("{tt.departments}")"</th>
                                <td class="num">{format!("{} / {}", tt.items_answered, tt.items_total)}</td>
                                <td></td>
                                <td></td>
                                <td class="num">{format!("{} / {}", tt.quotas_met, tt.quotas_total)}</td>
                                <td class="num">{tt.overdue}</td>
                                <td>{tt.red_lines}</td>
                                <td>{format!("{} / {} / {} / {} / {}", gr.excellent, gr.competent, gr.basically_competent, gr.incompetent, gr.pending)}</td>
                                <td></td>
                            </tr>
                            <tr data-testid="summary-averages">
                                <th scope="row">{x.averages}</th>
                                <td class="num">{format!("{}%", fmt1(tt.completion_average))}</td>
                                <td class="num">{fmt_opt(tt.self_score_average)}</td>
                                <td class="num">{fmt_opt(tt.verified_score_average)}</td>
                                <td></td><td></td><td></td><td></td><td></td>
                            </tr>
                        }
                    }}
                </tfoot>
            </table>
            </div>
            <p class="hint">{format!("{}: {} / {} / {} / {} / {}", x.col_grades, g(Grade::Excellent), g(Grade::Competent), g(Grade::BasicallyCompetent), g(Grade::Incompetent), x.pending_grade)}</p>
        </section>
    }
}

#[component]
fn Across(data: Memo<Shared>, year: Memo<Option<i32>>) -> impl IntoView {
    let x = &t().summary;
    let app = use_app();
    view! {
        <section class="summary-section" aria-labelledby="across-title">
            <h2 id="across-title">{x.across_title}</h2>
            {move || data.with(|d| {
                let d = &d.0;
                let y = year.get();
                let rows: Vec<DepartmentRow> = d.rows_of_year(y).into_iter().map(|(_, r)| r).collect();
                let bars = scores_by_department(&rows);
                let grades = combine_grades(&rows, &app.store.settings.get());
                let cases = combine_red_lines(d.of_year(y).map(|(_, f)| f.red_lines.as_slice()), &d.template);
                let weak = combine_weak_items(d.of_year(y).map(|(_, f)| f.weak.as_slice()), rows.len(), &d.template);
                let height = 22 * bars.len().max(1) + 10;
                let chart = bars.iter().enumerate().map(|(i, b)| {
                    let score = b.shown().unwrap_or(0.0);
                    let yy = 22 * i + 5;
                    let w = (score.clamp(0.0, 100.0) * 4.0) as i64;
                    let label = format!("{} {}", b.department, fmt_opt(b.shown()));
                    view! {
                        <g>
                            <title>{label.clone()}</title>
                            <text x="0" y=(yy + 14).to_string() class="bar-label">{b.department.clone()}</text>
                            <rect x="160" y=yy.to_string() width=w.to_string() height="16" class="bar-rect"></rect>
                            <text x=(166 + w).to_string() y=(yy + 14).to_string() class="bar-value">{fmt_opt(b.shown())}</text>
                        </g>
                    }
                }).collect_view();
                let gc = grades.counts;
                let g = t().common.grade;
                let share = &grades.excellent;
                let share_text = (x.excellent_share)(&format!("{}%", fmt1(share.share)), &format!("{}%", zrz_domain::number::fmt_num(share.allowed_share)), share.exceeded);
                view! {
                    <h3 id="chart-title">{x.chart_title}</h3>
                    <p class="hint" id="chart-desc">{x.chart_desc}</p>
                    <svg class="score-chart" role="img" aria-labelledby="chart-title chart-desc" data-testid="score-chart"
                        viewBox=format!("0 0 620 {height}") width="620" height=height.to_string()>
                        {chart}
                    </svg>
                    <h3>{x.grades_title}</h3>
                    <table class="grade-table" data-testid="grade-distribution">
                        <thead><tr>
                            <th scope="col">{g(Grade::Excellent)}</th><th scope="col">{g(Grade::Competent)}</th>
                            <th scope="col">{g(Grade::BasicallyCompetent)}</th><th scope="col">{g(Grade::Incompetent)}</th>
                            <th scope="col">{x.pending_grade}</th>
                        </tr></thead>
                        <tbody><tr>
                            <td class="num">{gc.excellent}</td><td class="num">{gc.competent}</td>
                            <td class="num">{gc.basically_competent}</td><td class="num">{gc.incompetent}</td>
                            <td class="num">{gc.pending}</td>
                        </tr></tbody>
                    </table>
                    <p data-testid="excellent-share" class:field-error=share.exceeded>
                        {share.exceeded.then(|| view! { <Icon kind=IconKind::Warning/>" " })}{share_text}
                    </p>
                    <h3>{x.red_lines_title}</h3>
                    {if cases.is_empty() {
                        view! { <p>{x.no_red_lines}</p> }.into_any()
                    } else {
                        view! {
                            <table data-testid="red-line-list">
                                <thead><tr>
                                    <th scope="col">{x.col_department}</th><th scope="col">{x.col_item}</th>
                                    <th scope="col">{x.col_date}</th><th scope="col">{x.col_description}</th>
                                    <th scope="col">{t().review.accountability_title}</th>
                                </tr></thead>
                                <tbody>
                                    {cases.iter().map(|c| view! {
                                        <tr>
                                            <td><span class="red-line-occurred"><Icon kind=IconKind::Warning/>" "</span>{format!("{} {}", c.unit, c.department_name)}</td>
                                            <td lang="zh-CN">{outputs::item_label(&d.template, &c.item_id)}</td>
                                            <td>{c.occurred_on.map(|d| d.to_string()).unwrap_or_default()}</td>
                                            <td>{c.note.clone()}</td>
                                            <td class:pending=c.is_pending() data-testid="red-line-accountability">{outputs::decisions_text(c)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <h3>{x.weak_title}</h3>
                    {if weak.is_empty() {
                        view! { <p>{x.no_weak}</p> }.into_any()
                    } else {
                        view! {
                            <table data-testid="weak-items">
                                <thead><tr>
                                    <th scope="col">{x.col_item}</th><th scope="col">{x.col_shortfall}</th>
                                    <th scope="col">{x.col_not_implemented}</th><th scope="col">{x.col_partial}</th>
                                    <th scope="col">{x.col_unanswered}</th>
                                </tr></thead>
                                <tbody>
                                    {weak.iter().take(10).map(|w| view! {
                                        <tr>
                                            <td lang="zh-CN">{outputs::item_label(&d.template, &w.item_id)}</td>
                                            <td class="num">{format!("{} / {}", w.shortfall(), w.departments)}</td>
                                            <td class="num">{w.not_implemented}</td>
                                            <td class="num">{w.partial}</td>
                                            <td class="num">{w.unanswered}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                }
            })}
        </section>
    }
}

#[component]
fn Years(data: Memo<Shared>, year: Memo<Option<i32>>) -> impl IntoView {
    let x = &t().summary;
    view! {
        <section class="summary-section" aria-labelledby="years-title">
            {move || data.with(|d| {
                let Some(y) = year.get() else { return ().into_any() };
                let all = d.0.rows();
                let yoy = year_over_year(&all, y);
                let title = (x.years_title)(y, y - 1);
                if yoy.rows.is_empty() && yoy.missing_this_year.is_empty() {
                    return view! { <h2 id="years-title">{title}</h2><p>{x.years_none}</p> }.into_any();
                }
                view! {
                    <h2 id="years-title">{title}</h2>
                    <table data-testid="year-over-year">
                        <thead><tr>
                            <th scope="col">{x.col_department}</th>
                            <th scope="col">{x.col_score_change}</th>
                            <th scope="col">{x.col_completion_change}</th>
                            <th scope="col">{x.col_red_line_change}</th>
                        </tr></thead>
                        <tbody>
                            {yoy.rows.iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{format!("{} {}", r.this.unit, r.this.department)}</th>
                                    <td class="num">{signed(r.self_score_change)}</td>
                                    <td class="num">{signed(Some(r.completion_change))}</td>
                                    <td class="num">{format!("{:+}", r.red_lines_change)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <ul>
                        {yoy.new_this_year.iter().map(|r| view! { <li>{(x.new_this_year)(&r.department)}</li> }).collect_view()}
                        {yoy.missing_this_year.iter().map(|r| view! { <li>{(x.missing_this_year)(&r.department)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

fn signed(x: Option<f64>) -> String {
    match x {
        None => "—".into(),
        Some(v) if v > 0.0 => format!("+{}", fmt1(v)),
        Some(v) => fmt1(v),
    }
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[component]
fn Outputs(data: Memo<Shared>, year: Memo<Option<i32>>) -> impl IntoView {
    let x = &t().summary;
    let app = use_app();
    let ws = use_workspace();
    let message = RwSignal::new(None::<String>);
    // The outputs read the whole files: once every file in force has been read (in the worker).
    let ready = move || ws.status.get() == WorkspaceStatus::Ready && ws.preparing.get().is_none();
    let offer = move |result: Result<(), String>| {
        message.set(result.err().map(|e| (x.download_failed)(&e)));
    };
    // Making a file of hundreds of departments takes a moment: the page says so first (after a
    // paint), and the buttons wait.
    let busy = RwSignal::new(false);
    let run = move |job: Box<dyn FnOnce() -> Result<(), String>>| {
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            dom::next_paint().await;
            let result = job();
            busy.set(false);
            offer(result);
        });
    };
    let stem = move || {
        let y = year
            .get_untracked()
            .map(|y| y.to_string())
            .unwrap_or_default();
        format!("汇总-{y}-{}", clock::stamp(clock::now()))
    };
    // Builds the figures of the year shown and hands them to `f`.
    let with_figures = move |f: &dyn Fn(&Figures<'_>) -> Result<(), String>| {
        data.with_untracked(|d| {
            let d = &d.0;
            let y = year.get_untracked();
            let held = ws.current_untracked();
            let files = files_of_year(&held, y);
            let rows = department_rows(&files, &d.template, app.today);
            let totals = totals_and_averages(&rows);
            let bars = scores_by_department(&rows);
            let grades =
                grade_distribution(&files, &d.template, &app.store.settings.get_untracked());
            let red_lines = red_line_cases(&files, &d.template);
            let weak = weak_items(&files, &d.template);
            let figures = Figures {
                unit: app.store.profile.with_untracked(|p| p.unit.clone()),
                year: y,
                rows: &rows,
                totals: &totals,
                bars: &bars,
                grades: &grades,
                red_lines: &red_lines,
                weak: &weak,
                records: files.iter().map(|f| f.assessment).collect(),
                template: &d.template,
            };
            f(&figures)
        })
    };
    let xlsx = move |_| {
        run(Box::new(move || {
            with_figures(&|f| {
                let bytes = outputs::workbook(f).map_err(|e| e.to_string())?;
                download::download_bytes(&format!("{}.xlsx", stem()), &bytes, XLSX)
                    .map_err(String::from)
            })
        }))
    };
    let csv = move |_| {
        run(Box::new(move || {
            with_figures(&|f| {
                download::download_text(
                    &format!("{}.csv", stem()),
                    &outputs::summary_csv(f.rows, f.totals),
                    "text/csv;charset=utf-8",
                )
                .map_err(String::from)
            })
        }))
    };
    let docx = move |_| {
        run(Box::new(move || {
            with_figures(&|f| {
                let bytes = outputs::report(f).to_docx().map_err(|e| e.to_string())?;
                download::download_bytes(&format!("{}.docx", stem()), &bytes, DOCX)
                    .map_err(String::from)
            })
        }))
    };
    let long = move |kind: &'static str| {
        run(Box::new(move || {
            data.with_untracked(|d| {
                let d = &d.0;
                let held = ws.current_untracked();
                let files = files_of_year(&held, year.get_untracked());
                let name = format!("{}-{kind}", stem());
                match kind {
                    "items.csv" => download::download_text(
                        &name,
                        &outputs::items_csv(&item_rows(&files, &d.template, app.today)),
                        "text/csv;charset=utf-8",
                    )
                    .map_err(String::from),
                    "items.jsonl" => download::download_text(
                        &name,
                        &outputs::items_jsonl(&item_rows(&files, &d.template, app.today)),
                        "application/jsonl",
                    )
                    .map_err(String::from),
                    _ => download::download_text(
                        &name,
                        &outputs::cadres_csv(&cadre_rows(&files, &d.template)),
                        "text/csv;charset=utf-8",
                    )
                    .map_err(String::from),
                }
            })
        }))
    };
    let export = move |_| {
        run(Box::new(move || {
            let office = app.store.profile.get_untracked();
            let text = ws.export(&office);
            download::download_text(
                &format!("汇总工作区-{}.json", clock::stamp(clock::now())),
                &text,
                "application/json",
            )
            .map_err(String::from)
        }))
    };
    view! {
        <section class="summary-section no-print" aria-labelledby="outputs-title">
            <h2 id="outputs-title">{x.outputs_title}</h2>
            <div class="button-row">
                <button type="button" data-testid="download-xlsx" disabled=move || !ready() || busy.get() on:click=xlsx>{x.download_xlsx}</button>
                <button type="button" data-testid="download-csv" disabled=move || !ready() || busy.get() on:click=csv>{x.download_csv}</button>
                <button type="button" data-testid="download-docx" disabled=move || !ready() || busy.get() on:click=docx>{x.download_docx}</button>
                <button type="button" data-testid="print-report" on:click=move |_| dom::print()>{x.print_report}</button>
            </div>
            <div class="button-row">
                <button type="button" data-testid="download-items-csv" disabled=move || !ready() || busy.get() on:click=move |_| long("items.csv")>{x.download_long_csv}</button>
                <button type="button" data-testid="download-items-jsonl" disabled=move || !ready() || busy.get() on:click=move |_| long("items.jsonl")>{x.download_long_jsonl}</button>
                <button type="button" data-testid="download-cadres-csv" disabled=move || !ready() || busy.get() on:click=move |_| long("cadres.csv")>{x.download_cadres_csv}</button>
                <button type="button" data-testid="export-workspace" disabled=move || !ready() || busy.get() on:click=export>{x.export_workspace}</button>
            </div>
            {move || busy.get().then(|| view! { <p role="status" data-testid="outputs-busy">{x.making_file}</p> })}
            {move || ws.preparing.get().map(|(done, total)| view! {
                <p role="status" data-testid="outputs-preparing">{(x.preparing_outputs)(done, total)}</p>
            })}
            {move || message.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </section>
    }
}
