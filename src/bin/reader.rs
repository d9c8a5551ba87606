//! The reader worker: reads department files through the import pipeline off the page's thread, for
//! the office's 汇总 (`zrz_exchange::reader`). `full.html` builds it as trunk's worker binary; the
//! page starts it on first use (`state::workspace`, through `browser::worker`).
fn main() {
    console_error_panic_hook::set_once();
    zrz::browser::worker::serve(zrz_exchange::reader::WIRE, zrz_exchange::reader::answer);
}
