//! Pages only the full app (`full.html`) has.

mod exchange;
mod guide;
mod ledger;
mod rating;
pub mod rectification;
mod report;
mod settings;
pub mod summary;
mod verify;

use leptos::prelude::*;

use crate::route::Route;

/// The page for a route the first page does not have.
pub fn full_page(route: Route) -> AnyView {
    match route {
        Route::Ledger { entry } => view! { <ledger::LedgerPage entry=entry/> }.into_any(),
        Route::Rating => view! { <rating::RatingPage/> }.into_any(),
        Route::Rectification => view! { <rectification::RectificationPage/> }.into_any(),
        Route::Report => view! { <report::ReportPage/> }.into_any(),
        Route::Verify { id, item } => view! { <verify::VerifyPage id=id item=item/> }.into_any(),
        Route::Exchange => view! { <exchange::ExchangePage/> }.into_any(),
        Route::Settings => view! { <settings::SettingsPage/> }.into_any(),
        Route::Guide => view! { <guide::GuidePage/> }.into_any(),
        Route::Summary => view! { <summary::SummaryPage/> }.into_any(),
        Route::Received { id, page } => {
            view! { <summary::received::ReceivedPage id=id page=*page/> }.into_any()
        }
        other => {
            let name = format!("{other:?}");
            view! { <section class="page" data-testid="todo-page"><p>{name}</p></section> }
                .into_any()
        }
    }
}
