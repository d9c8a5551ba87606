//! The frame around every page: skip link, header with the plan's title, save status and language,
//! navigation, notices, the red-line banner; and which page a route shows.

use leptos::prelude::*;

use crate::browser::{clock, dom, location, storage};
use crate::components::{Icon, IconKind, PLAN_LANG};
use crate::i18n::{self, t, Lang};
use crate::pages;
use crate::route::Route;
use crate::state::{use_app, App, LoadNotice, Role, SaveStatus, SyncNotice};
use zrz_domain::checklist::occurred_red_lines;

/// The language chosen before (`zrz.lang`), else Chinese.
pub fn stored_lang() -> Lang {
    storage::read(LANG_KEY)
        .ok()
        .flatten()
        .and_then(|k| Lang::from_key(&k))
        .unwrap_or(Lang::Zh)
}

const LANG_KEY: &str = "zrz.lang";

/// Replaces the loading message with the app.
pub fn mount() {
    let lang = stored_lang();
    if !lang.is_built_in() {
        // The first page has Chinese only (its English would be about a tenth of its download):
        // the English interface is the full app's, at the same page.
        location::replace_with_full_app(&location::current_route());
        return;
    }
    i18n::init(lang);
    dom::set_document_lang(lang.html_lang());
    // Start-up in four tasks rather than one: the wasm is compiled as it first runs, and one task for
    // all of it (instantiating, reading the stored record, drawing the frame and the page) blocked
    // input for a few hundred milliseconds on a slow phone (Lighthouse's total blocking time).
    // Here: the record is read in a task of its own, the frame in the next, the page after it.
    dom::after(0, || {
        let _ = any_spawner::Executor::init_wasm_bindgen();
        // The owner of the app's state; the mounted view's owner is its child (mount_to_body makes
        // it under the current one), so `use_app()` finds the context. Kept for the page's life.
        let owner = Owner::new();
        owner.with(provide_state);
        dom::after(0, move || {
            owner.with(|| {
                if let Some(boot) = document().get_element_by_id("boot") {
                    boot.remove();
                }
                leptos::mount::mount_to_body(Shell);
            });
            std::mem::forget(owner);
        });
    });
}

/// The app's state as context for [`Shell`]: the stored record (and, in the full app, the office's
/// workspace).
pub fn provide_state() {
    App::provide();
    #[cfg(feature = "full")]
    crate::state::workspace::WorkspaceState::provide();
}

/// The frame and the page; [`provide_state`] must have run under an owner above it.
#[component]
pub fn Shell() -> impl IntoView {
    let app = use_app();
    let route = location::use_route();
    // The page in the task after the frame's (see `mount`).
    let frame_drawn = RwSignal::new(false);
    dom::after(0, move || frame_drawn.set(true));
    let title = move || app.store.template.with(|t| t.title.clone());
    dom::open_details_while_printing();
    // A link followed inside the app replaces the page, and the link with it: the focus goes to the
    // new page's start instead of being lost (an item named in the address takes it itself).
    Effect::new(move |first: Option<()>| {
        let to_item = route.with(|r| matches!(r, Route::Checklist { item: Some(_), .. }));
        if first.is_some() && !to_item {
            dom::focus_soon("main".into());
        }
    });
    view! {
        <a class="skip-link" href="#main" on:click=|ev| { ev.prevent_default(); dom::focus_soon("main".into()) }>
            {t().shell.skip_to_main}
        </a>
        <header class="app-header">
            <div class="app-title">
                <span class="app-title-plan" lang=PLAN_LANG>{title}</span>
                <span class="app-title-sub">{t().shell.app_title_sub}</span>
            </div>
            <div class="app-header-tools">
                <SaveIndicator/>
                <LanguageSwitch/>
            </div>
        </header>
        <Nav route=route/>
        <Notices/>
        <RedLineBanner/>
        <main id="main" class="app-main" tabindex="-1">
            {move || frame_drawn.get().then(|| page(route.get()))}
        </main>
    }
}

/// The page for `route`. A first visit asks who uses this browser; a department's pages need its
/// profile first. 方案原文, 使用说明 and an address that names no page need neither; 导入导出 needs no profile (on a new computer the
/// data comes in through it).
fn page(route: Route) -> AnyView {
    let app = use_app();
    let needs_upgrade = app
        .load_notices
        .with_untracked(|n| n.contains(&LoadNotice::NeedsUpgrade));
    if (needs_upgrade || !route.in_first_page()) && !crate::route::FULL {
        location::replace_with_full_app(&route);
        return view! { <p class="boot">{t().shell.loading_full}</p> }.into_any();
    }
    let role = app.role.get();
    let needs_role =
        role.is_none() && !matches!(route, Route::Plan | Route::Guide | Route::NotFound(_));
    if needs_role && !app.read_only() {
        return view! { <pages::welcome::Welcome/> }.into_any();
    }
    let needs_profile = Memo::new(move |_| !app.store.profile.with(|p| p.is_complete()));
    let own_record = matches!(
        route,
        Route::Overview
            | Route::Checklist { .. }
            | Route::Ledger { .. }
            | Route::Rating
            | Route::Rectification
            | Route::Report
    );
    if own_record && needs_profile.get() && !app.read_only() {
        return view! { <pages::welcome::Setup/> }.into_any();
    }
    match route {
        Route::Overview => view! { <pages::overview::Overview/> }.into_any(),
        Route::Checklist { chapter, item } => {
            view! { <pages::checklist::ChecklistPage chapter=chapter item=item/> }.into_any()
        }
        Route::Plan => view! { <pages::plan::PlanText/> }.into_any(),
        Route::NotFound(path) => not_found(&path),
        #[cfg(feature = "full")]
        other => pages::full_page(other),
        #[cfg(not(feature = "full"))]
        _ => not_found(""),
    }
}

fn not_found(path: &str) -> AnyView {
    let s = &t().shell;
    view! {
        <section class="page">
            <h1>{s.not_found_title}</h1>
            <p>{(s.not_found)(&format!("#/{path}"))}</p>
            <p><a href=Route::Overview.href()>{s.back_to_overview}</a></p>
        </section>
    }
    .into_any()
}

/// The navigation entries for a role, in order: the office's lead with 汇总.
fn nav_entries(role: Option<Role>) -> Vec<(Route, &'static str)> {
    let s = &t().shell;
    let department = [
        (Route::Overview, s.nav_overview),
        (
            Route::Checklist {
                chapter: None,
                item: None,
            },
            s.nav_checklist,
        ),
        (Route::Ledger { entry: None }, s.nav_ledger),
        (Route::Rating, s.nav_rating),
        (Route::Rectification, s.nav_rectification),
        (Route::Report, t().rect.to_report),
    ];
    let mut out = Vec::new();
    let role = role.unwrap_or(Role::Department);
    if role.receives_files() {
        out.push((Route::Summary, s.nav_summary));
    }
    if role.keeps_own_record() {
        out.extend(department);
    }
    out.extend([
        (Route::Exchange, s.nav_exchange),
        (Route::Plan, s.nav_plan),
        (Route::Settings, s.nav_settings),
        (Route::Guide, s.nav_guide),
    ]);
    out
}

#[component]
fn Nav(route: ReadSignal<Route>) -> impl IntoView {
    let app = use_app();
    let s = &t().shell;
    view! {
        <nav class="app-nav" aria-label=s.main_nav>
            <ul>
                {move || nav_entries(app.role.get())
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
            <span class="nav-scrolls" aria-hidden="true">{s.nav_scrolls}</span>
        </nav>
    }
}

#[component]
fn SaveIndicator() -> impl IntoView {
    let app = use_app();
    move || {
        let s = &t().shell;
        let (class, text) = match app.save.get() {
            SaveStatus::Loaded => ("save-status ok", s.saved_locally.to_string()),
            SaveStatus::Saved(at) => ("save-status ok", (s.saved_at)(&clock::local_hhmm(at))),
            SaveStatus::Saving => ("save-status ok", s.saving.to_string()),
            SaveStatus::Failed { .. } => ("save-status failed", s.save_failed.to_string()),
            SaveStatus::ReadOnly { .. } => ("save-status failed", s.read_only.to_string()),
        };
        view! { <span class=class data-testid="save-status" role="status">{text}</span> }
    }
}

/// Stores the interface language and reloads the page in it (every answer is in storage). Nothing
/// happens for the language already in use, or when the choice cannot be stored.
pub fn switch_language(lang: Lang) {
    if lang != i18n::lang() && storage::write_verified(LANG_KEY, lang.key()).is_ok() {
        dom::reload();
    }
}

/// 中文 / English: stores the choice and reloads, keeping every answer (they are in storage).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let s = &t().shell;
    let current = i18n::lang();
    let choose = move |ev: leptos::ev::Event| {
        if let Some(lang) = Lang::from_key(&event_target_value(&ev)) {
            switch_language(lang);
        }
    };
    view! {
        <label class="language">
            <span class="visually-hidden">{s.language}</span>
            <select on:change=choose data-testid="language">
                {Lang::ALL.into_iter().map(|l| view! {
                    <option value=l.key() lang=l.html_lang() selected=l == current>{(s.language_name)(l)}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// Persistent warnings: a failed save, read-only mode, stored data kept aside, another tab's edits.
#[component]
fn Notices() -> impl IntoView {
    let app = use_app();
    let errors = move || {
        let s = &t().shell;
        let save = match app.save.get() {
            SaveStatus::Failed { fault, unsaved } => {
                Some((s.save_failed_detail)(&(s.storage_fault)(&fault), unsaved))
            }
            SaveStatus::ReadOnly { found, supported } => {
                Some((s.read_only_detail)(found, supported))
            }
            _ => None,
        };
        let load = app.load_notices.get().into_iter().filter_map(|n| match n {
            LoadNotice::Unreadable {
                key,
                reason,
                kept_as,
            } => Some((s.unreadable_kept)(&key, &reason, kept_as.as_deref())),
            LoadNotice::NoStorage(fault) => Some((s.storage_fault)(&fault)),
            LoadNotice::Upgraded | LoadNotice::NeedsUpgrade => None,
        });
        save.into_iter()
            .chain(load)
            .map(|message| {
                view! {
                    <div class="notice notice-error no-print" role="alert">
                        <Icon kind=IconKind::Warning/> " " {message}
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        {errors}
        <SyncNotices/>
    }
}

/// Edits another tab made to the same records at the same time: which version stands, and the other
/// one to take instead.
#[component]
fn SyncNotices() -> impl IntoView {
    let app = use_app();
    move || {
        let notes = app.sync.get();
        (!notes.is_empty()).then(|| {
            let s = &t().shell;
            view! {
                <div class="notice notice-info no-print" role="status" data-testid="sync-notes">
                    <strong>{s.sync_title}</strong>
                    <ul>
                        {notes.into_iter().map(|n| view! { <SyncNoticeLine notice=n/> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

#[component]
fn SyncNoticeLine(notice: SyncNotice) -> impl IntoView {
    let app = use_app();
    let s = &t().shell;
    let what = (s.record_name)(&notice.key);
    let text = match notice.kept {
        crate::state::Kept::Ours => (s.sync_kept_ours)(&what),
        crate::state::Kept::Theirs => (s.sync_kept_theirs)(&what),
    };
    let take = notice.clone();
    let dismiss = notice;
    view! {
        <li>
            {text} " "
            <button type="button" on:click=move |_| app.take_back(&take)>{s.sync_take_other}</button>
            " "
            <button type="button" on:click=move |_| app.dismiss(&dismiss)>{s.sync_dismiss}</button>
        </li>
    }
}

/// 责任追究 circumstances that occurred: shown above every page of the department, since they decide
/// the result.
#[component]
fn RedLineBanner() -> impl IntoView {
    let app = use_app();
    let occurred = Memo::new(move |_| {
        let template = app.store.template.get();
        let answers = app.store.answers.to_map();
        occurred_red_lines(&template, &answers)
            .map(|(id, _owner)| id.to_string())
            .collect::<Vec<_>>()
    });
    move || {
        let ids = occurred.get();
        let own = app.role.get().is_none_or(Role::keeps_own_record);
        (own && !ids.is_empty()).then(|| {
            let s = &t().shell;
            let chapter = app.store.template.with_untracked(|t| {
                ids.first()
                    .and_then(|id| t.chapter_of(id))
                    .map(|c| c.id.clone())
            });
            view! {
                <div class="notice notice-error red-line-banner" role="alert" data-testid="red-line-banner">
                    <Icon kind=IconKind::Warning/>
                    <strong>{s.red_line_banner_lead}</strong>
                    {(s.red_line_banner)(ids.len(), &ids.join("、"))}
                    " "
                    <a class="no-print" href=Route::Checklist { chapter, item: None }.href()>{s.view}</a>
                </div>
            }
        })
    }
}
