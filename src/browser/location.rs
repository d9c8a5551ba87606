//! The URL fragment that carries the current page (see `route`).

use leptos::prelude::*;

use crate::route::Route;

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The page the URL names now.
pub fn current_route() -> Route {
    Route::parse(&current_hash())
}

/// The current page, updated on every `hashchange` (links, back/forward, typed URLs).
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::parse(&current_hash()))
    });
    on_cleanup(move || handle.remove());
    route
}

/// Moves to `route` as if a link had been followed (adds a history entry). A page only the full app
/// has is opened there.
pub fn navigate(route: &Route) {
    let href = route.href();
    let location = window().location();
    let _ = match href.strip_prefix('#') {
        Some(hash) => location.set_hash(hash),
        None => location.assign(&href),
    };
}

/// Opens the full app at this page instead of the first page (the URL was typed or bookmarked).
pub fn replace_with_full_app(route: &Route) {
    let _ = window()
        .location()
        .replace(&format!("full.html{}", route_hash(route)));
}

fn route_hash(route: &Route) -> String {
    let href = route.href();
    match href.find('#') {
        Some(i) => href[i..].to_string(),
        None => href,
    }
}

/// Scrolls the element with `id` into view and focuses it, once it exists.
pub fn reveal(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        el.scroll_into_view();
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
        }
    }
}
