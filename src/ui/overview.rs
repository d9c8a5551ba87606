//! 总览: progress per chapter, the checklist score, red lines, overdue items.

use leptos::prelude::*;

use super::state::use_app;
use crate::browser::clock;
use crate::route::Route;
use zrz_domain::backup::backup_advice;
use zrz_domain::checklist::summarize;

#[component]
pub fn Overview() -> impl IntoView {
    let app = use_app();
    let summary = Memo::new(move |_| {
        let template = app.template.get();
        app.data
            .with(|d| summarize(&template, &d.assessment.answers, app.today))
    });
    let profile = move || app.data.with(|d| d.assessment.profile.clone());
    let item_link = move |id: String| {
        let template = app.template.get_untracked();
        let chapter = template.chapter_of(&id).map(|c| c.id.clone());
        let label = template
            .item(&id)
            .map(|i| format!("{} {}", i.id, short(&i.text)))
            .unwrap_or(id.clone());
        view! { <li><a href=Route::Checklist { chapter, item: Some(id) }.href()>{label}</a></li> }
    };
    view! {
        <section class="page overview" data-testid="overview">
            <h1>"总览"</h1>
            <p class="who">
                {move || { let p = profile(); format!("{} · {} · {} 年度 · 填报人 {}", p.unit, p.department, p.year, p.filled_by) }}
            </p>
            <div class="cards">
                <div class="card score-card">
                    <div class="card-label">"自查得分（百分制）"</div>
                    <div class="card-value" data-testid="checklist-score">
                        {move || summary.with(|s| s.score.map_or("—".to_string(), |v| format!("{v:.1}")))}
                    </div>
                    <div class="card-hint">"不适用的检查项不计入分母；未填的检查项按 0 分计。"</div>
                </div>
                <div class="card">
                    <div class="card-label">"填报进度"</div>
                    <div class="card-value" data-testid="answered-count">
                        {move || summary.with(|s| format!("{} / {}", s.answered, s.total))}
                    </div>
                    <div class="card-hint">"已作答检查项 / 全部检查项"</div>
                </div>
                <div class="card" class:danger=move || summary.with(|s| !s.red_lines_occurred.is_empty())>
                    <div class="card-label">"责任追究红线"</div>
                    <div class="card-value" data-testid="red-line-status">
                        {move || summary.with(|s| if s.red_lines_occurred.is_empty() { "未发生".to_string() } else { format!("已发生 {} 项", s.red_lines_occurred.len()) })}
                    </div>
                    <div class="card-hint" data-testid="red-line-unanswered">
                        {move || match summary.with(|s| s.red_lines_unanswered) {
                            0 => "各项均已作答".to_string(),
                            open => format!("尚有 {open} 项未作答"),
                        }}
                    </div>
                </div>
            </div>
            {move || summary.with(|s| (!s.red_lines_occurred.is_empty()).then(|| s.red_lines_occurred.clone())).map(|ids| view! {
                <div class="notice notice-error red-line-warning" role="alert" data-testid="red-line-warning">
                    <strong>"警告：本单位存在已发生的责任追究情形。"</strong>
                    <ul>{ids.into_iter().map(item_link).collect_view()}</ul>
                </div>
            })}
            <BackupReminder/>
            <h2>"各章进度"</h2>
            <table class="progress-table">
                <thead><tr><th scope="col">"章节"</th><th scope="col">"进度"</th><th scope="col">"已填"</th><th scope="col">"得分/应得"</th></tr></thead>
                <tbody>
                    {move || {
                        let template = app.template.get();
                        summary.with(|s| s.chapters.iter().map(|c| {
                            let chapter = template.chapter(&c.chapter_id).expect("summary chapters come from the template");
                            let part = template.part_of(&c.chapter_id).expect("every chapter has a part");
                            let percent = c.percent_answered();
                            view! {
                                <tr data-testid=format!("progress-{}", c.chapter_id)>
                                    <th scope="row"><a href=Route::Checklist { chapter: Some(c.chapter_id.clone()), item: None }.href()>{chapter.label(part)}</a></th>
                                    <td><div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent.to_string()><div class="bar-fill" style:width=format!("{percent}%")></div></div></td>
                                    <td class="num">{format!("{}/{}", c.answered, c.total)}</td>
                                    <td class="num">{format!("{:.1}/{:.1}", c.earned_points, c.applicable_points)}</td>
                                </tr>
                            }
                        }).collect_view())
                    }}
                </tbody>
            </table>
            {move || summary.with(|s| (!s.overdue.is_empty()).then(|| s.overdue.clone())).map(|ids| view! {
                <h2>"已逾期事项"</h2>
                <ul class="overdue" data-testid="overdue-list">{ids.into_iter().map(item_link).collect_view()}</ul>
            })}
        </section>
    }
}

/// The first sentence-ish of an item's text, for lists.
pub fn short(text: &str) -> String {
    let cut: String = text.chars().take(24).collect();
    if cut.chars().count() < text.chars().count() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// When the data was last exported, and an urging notice when that was too long or too many
/// changes ago (`domain::backup`).
#[component]
fn BackupReminder() -> impl IntoView {
    let app = use_app();
    let now = clock::now();
    let last = move || {
        app.data.with(|d| match d.last_export_at {
            Some(at) => format!(
                "上次导出：{}（{} 天前）；此后修改 {} 次。",
                clock::local_datetime(at),
                (now - at).num_days(),
                d.changes_since_export
            ),
            None => "尚未导出过。".to_string(),
        })
    };
    let advice = move || {
        app.data
            .with(|d| backup_advice(d.last_export_at, d.changes_since_export, now).message())
    };
    view! {
        <p class="backup-status" data-testid="backup-status">{last}</p>
        {move || advice().map(|message| view! {
            <div class="notice notice-warn" role="status" data-testid="backup-reminder">
                {message} " " <a href=Route::Exchange.href()>"去导出"</a>
            </div>
        })}
    }
}
