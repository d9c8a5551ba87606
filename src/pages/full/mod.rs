//! Pages only the full app (`full.html`) has.

mod exchange;
mod rating;
mod settings;

use leptos::prelude::*;

use crate::route::Route;

/// The page for a route the first page does not have.
pub fn full_page(route: Route) -> AnyView {
    match route {
        Route::Rating => view! { <rating::RatingPage/> }.into_any(),
        Route::Exchange => view! { <exchange::ExchangePage/> }.into_any(),
        Route::Settings => view! { <settings::SettingsPage/> }.into_any(),
        other => {
            let name = format!("{other:?}");
            view! { <section class="page" data-testid="todo-page"><p>{name}</p></section> }
                .into_any()
        }
    }
}
