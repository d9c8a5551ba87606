//! **API Boundary:** the only place that knows the JSON layouts that leave the app's memory: the
//! exchange file format and the localStorage record. Both are versioned; see `docs/format.md`.

pub mod state;
