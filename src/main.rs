//! The department's first page (`index.html`): 总览, 各章自查, 方案原文.
fn main() {
    console_error_panic_hook::set_once();
    zrz::shell::mount();
}
