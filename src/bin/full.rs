//! The full app (`full.html`): every page, for the department and the office.
fn main() {
    console_error_panic_hook::set_once();
    zrz::shell::mount();
}
