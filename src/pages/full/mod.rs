//! Pages only the full app (`full.html`) has.

mod ledger;
mod rating;
mod settings;

use leptos::prelude::*;

use crate::route::Route;

/// The page for a route the first page does not have.
pub fn full_page(route: Route) -> AnyView {
    match route {
        Route::Ledger { entry } => view! { <ledger::LedgerPage entry=entry/> }.into_any(),
        Route::Rating => view! { <rating::RatingPage/> }.into_any(),
        Route::Settings => view! { <settings::SettingsPage/> }.into_any(),
        other => {
            let name = format!("{other:?}");
            view! { <section class="page" data-testid="todo-page"><p>{name}</p></section> }
                .into_any()
        }
    }
}
