//! The frame around every page: header with the plan's title and save status, navigation, notices.

use leptos::prelude::*;

use super::state::{use_app, AppState, LoadNotice, SaveStatus};
use super::{checklist, exchange, overview, plan, profile, rating};
use crate::browser::{clock, location};
use crate::route::{nav, Route};
use zrz_domain::scoring::occurred_red_lines;

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::provide();
    let route = location::use_route();
    // A memo, so that edits re-render the page only when setup completeness itself changes.
    let needs_setup = Memo::new(move |_| !app.data.with(|d| d.assessment.profile.is_complete()));
    // Follows the template: importing a 年度方案 can retitle the plan.
    let title = move || app.template.with(|t| t.title.clone());
    view! {
        <header class="app-header">
            <div class="app-title">
                <span class="app-title-plan">{title}</span>
                <span class="app-title-sub">"自查 · 台账 · 考核"</span>
            </div>
            <SaveIndicator/>
        </header>
        <Nav route=route/>
        <Notices/>
        <RedLineBanner/>
        <main id="main" class="app-main" tabindex="-1">
            {move || page(route.get(), needs_setup)}
        </main>
    }
}

/// The page for `route`. Until the first-run setup is done, pages that need a profile show the setup.
/// 导入导出 needs none: on a new computer the data comes in through it. `needs_setup` is read only
/// for the pages it guards, so that finishing the setup (or importing a profile) does not rebuild the
/// other pages and lose what they show.
fn page(route: Route, needs_setup: Memo<bool>) -> AnyView {
    let app = use_app();
    match route {
        Route::Plan => view! { <plan::PlanText/> }.into_any(),
        Route::Settings => view! { <profile::SettingsPage/> }.into_any(),
        Route::Exchange => view! { <exchange::ExchangePage/> }.into_any(),
        Route::NotFound(path) => view! {
            <section class="page">
                <h1>"页面不存在"</h1>
                <p>"地址 " <code>{format!("#/{path}")}</code> " 不对应任何页面。"</p>
                <p><a href=Route::Overview.href()>"返回总览"</a></p>
            </section>
        }
        .into_any(),
        _ if needs_setup.get() && !app.read_only() => view! { <profile::Setup/> }.into_any(),
        Route::Overview => view! { <overview::Overview/> }.into_any(),
        Route::Checklist { chapter, item } => view! { <checklist::ChecklistPage chapter=chapter item=item/> }.into_any(),
        Route::Ledger => placeholder("台账", "按日期记录方案要求的党组会议专题研究、中心组专题学习、红色教育、专题督查、舆情研判等活动，作为各检查项的佐证，并统计年度次数要求的完成情况；附关键日期日历。"),
        Route::Rating => view! { <rating::RatingPage/> }.into_any(),
        Route::Summary => placeholder("汇总", "局党组办公室导入各科室、直属单位报送的文件，汇总比较完成情况、得分和责任追究情形，并打印或导出汇总表。"),
    }
}

fn placeholder(title: &'static str, what: &'static str) -> AnyView {
    view! {
        <section class="page" data-testid="placeholder">
            <h1>{title}</h1>
            <p class="placeholder">"此功能正在建设中。它将用于：" {what}</p>
        </section>
    }
    .into_any()
}

#[component]
fn Nav(route: ReadSignal<Route>) -> impl IntoView {
    view! {
        <nav class="app-nav" aria-label="主导航">
            <ul>
                {nav()
                    .into_iter()
                    .map(|(target, label)| {
                        let href = target.href();
                        let current = Memo::new(move |_| route.with(|r| target.is_section_of(r)));
                        view! {
                            <li>
                                <a href=href class:current=current aria-current=move || current.get().then_some("page")>
                                    {label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn SaveIndicator() -> impl IntoView {
    let app = use_app();
    move || {
        let (class, text) = match app.save.get() {
            SaveStatus::Loaded => ("save-status ok", "数据保存在本浏览器中".to_string()),
            SaveStatus::Saved(at) => (
                "save-status ok",
                format!("已保存 {}", clock::local_hhmm(at)),
            ),
            SaveStatus::Failed(_) => ("save-status failed", "保存失败".to_string()),
            SaveStatus::ReadOnly(_) => ("save-status failed", "只读".to_string()),
        };
        view! { <span class=class data-testid="save-status" role="status">{text}</span> }
    }
}

/// Persistent warnings: a failed save, read-only mode, stored data that had to be kept aside.
#[component]
fn Notices() -> impl IntoView {
    let app = use_app();
    move || {
        let save = match app.save.get() {
            SaveStatus::Failed(message) | SaveStatus::ReadOnly(message) => Some(message),
            _ => None,
        };
        let load = app.notice.get().map(|n| match n {
            LoadNotice::Quarantined { key, reason } => {
                format!("本浏览器中保存的数据无法读取（{reason}）。原数据未删除，已另存为“{key}”，可在“设置”中下载。应用已从空白开始。")
            }
            LoadNotice::Unreadable { reason } => format!("本浏览器中保存的数据无法读取：{reason}"),
        });
        let errors = save
            .into_iter()
            .chain(load)
            .map(|message| view! { <div class="notice notice-error" role="alert">{message}</div> })
            .collect_view();
        let notes = app.sync_notes.get();
        let sync = (!notes.is_empty()).then(|| {
            view! {
                <div class="notice notice-info" role="status" data-testid="sync-notes">
                    <strong>"已合并另一窗口中的修改："</strong>
                    <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    <button type="button" on:click=move |_| app.sync_notes.set(Vec::new())>"知道了"</button>
                </div>
            }
        });
        (errors, sync)
    }
}

/// 责任追究 circumstances that occurred: shown above every page, since they decide the result.
#[component]
fn RedLineBanner() -> impl IntoView {
    let app = use_app();
    let occurred = Memo::new(move |_| {
        let template = app.template.get();
        app.data
            .with(|d| occurred_red_lines(&d.assessment, &template))
            .into_iter()
            .map(|(id, _owner)| id)
            .collect::<Vec<_>>()
    });
    move || {
        let ids = occurred.get();
        (!ids.is_empty()).then(|| {
            let chapter = app.template.with_untracked(|t| ids.first().and_then(|id| t.chapter_of(id)).map(|c| c.id.clone()));
            view! {
                <div class="notice notice-error red-line-banner" role="alert" data-testid="red-line-banner">
                    <strong>"责任追究："</strong>
                    {format!("本单位有 {} 项责任追究情形已发生（{}）。", ids.len(), ids.join("、"))}
                    <a href=Route::Checklist { chapter, item: None }.href()>"查看"</a>
                </div>
            }
        })
    }
}
