//! 意识形态工作责任制 — a browser-only app for a county Party organisation's ideological-work
//! responsibility plan. See ARCHITECTURE.md for the code map.

pub mod browser;
pub mod route;
pub mod ui;
