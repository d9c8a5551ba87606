//! A received department's whole assessment, read only, in the same pages the department sees:
//! the received file is put into a `Store` without a sink (`Store::received`) and provided as the
//! store of the pages below, which read `use_store()`. A banner says whose file it is and that it
//! is read only.

use leptos::context::Provider;
use leptos::prelude::*;

use crate::browser::{clock, dom, location};
use crate::i18n::t;
use crate::pages;
use crate::route::Route;
use crate::state::workspace::{use_workspace, WorkspaceStatus};
use crate::state::Store;
use zrz_exchange::store::Meta;

#[component]
pub fn ReceivedPage(id: String, page: Route) -> impl IntoView {
    let ws = use_workspace();
    let x = &t().summary;
    let s = &t().shell;
    let key = id.clone();
    // Shown as soon as its record has been read (the others may still be being read).
    let opened = Memo::new(move |_| {
        ws.opened(&key, None)
            .map(crate::pages::full::summary::OpenedRef)
    });
    let links = [
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
        (Route::Report, x.nav_report),
    ];
    let nav_id = id.clone();
    let current = page.clone();
    view! {
        {move || match (ws.status.get(), opened.get()) {
            (WorkspaceStatus::Ready, None) => view! {
                <section class="page">
                    <p class="field-error" role="alert">{x.received_missing}</p>
                    <p><a href=Route::Summary.href()>{x.back_to_summary}</a></p>
                </section>
            }.into_any(),
            (_, None) => view! { <p role="status">{x.loading}</p> }.into_any(),
            (_, Some(o)) => {
                let o = o.0;
                let p = &o.assessment.profile;
                let at = o.exported_at.map(clock::local_datetime).unwrap_or_default();
                let banner = (x.received_banner)(&p.unit, &p.department, p.year, &at);
                let store = Store::received(o.assessment.clone(), Meta::default());
                let page = current.clone();
                let id = nav_id.clone();
                let stay_id = id.clone();
                let nav = links.clone().into_iter().map(|(target, label)| {
                    let is_current = std::mem::discriminant(&target) == std::mem::discriminant(&page);
                    let href = Route::Received { id: id.clone(), page: Box::new(target) }.href();
                    view! {
                        <li><a href=href aria-current=is_current.then_some("page") class:current=is_current>{label}</a></li>
                    }
                }).collect_view();
                view! {
                    <div class="received-banner" role="note" data-testid="received-banner">
                        <p><strong>{banner}</strong></p>
                        <nav aria-label=x.received_pages class="received-nav no-print">
                            <ul>
                                <li><a href=Route::Summary.href()>{x.back_to_summary}</a></li>
                                <li><a href=Route::Verify { id: id.clone(), item: None }.href() data-testid="to-verify">{t().review.verify_title}</a></li>
                                {nav}
                            </ul>
                        </nav>
                    </div>
                    // Links inside the department's pages (the checklist's chapter tabs, an
                    // item's ledger evidence …) stay in this received view instead of leading to
                    // the office's own record.
                    <div class="received-pages" on:click=move |ev: web_sys::MouseEvent| {
                        let Some(hash) = dom::clicked_app_link(&ev) else { return };
                        let target = Route::parse(&hash);
                        if target.can_be_received() {
                            ev.prevent_default();
                            location::navigate(&Route::Received { id: stay_id.clone(), page: Box::new(target) });
                        }
                    }>
                        <Provider value=store>
                            {inner(page)}
                        </Provider>
                    </div>
                }.into_any()
            }
        }}
    }
}

/// The department's page for `route`, reading the provided (received) store.
fn inner(route: Route) -> AnyView {
    match route {
        Route::Overview => view! { <pages::overview::Overview/> }.into_any(),
        Route::Checklist { chapter, item } => {
            view! { <pages::checklist::ChecklistPage chapter=chapter item=item/> }.into_any()
        }
        other => pages::full_page(other),
    }
}
