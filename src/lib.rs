//! 意识形态工作责任制 — a browser-only app for a county Party organisation's ideological-work
//! responsibility plan. See ARCHITECTURE.md for the code map.

pub mod browser;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod route;
pub mod shell;
pub mod state;
