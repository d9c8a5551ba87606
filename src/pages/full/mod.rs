//! Pages only the full app (`full.html`) has.

use leptos::prelude::*;

use crate::route::Route;

/// The page for a route the first page does not have.
pub fn full_page(route: Route) -> AnyView {
    let name = format!("{route:?}");
    view! { <section class="page" data-testid="todo-page"><p>{name}</p></section> }.into_any()
}
