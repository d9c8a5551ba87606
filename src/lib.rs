//! 意识形态工作责任制 — a browser-only app for a county Party organisation's ideological-work
//! responsibility plan. See ARCHITECTURE.md for the code map.

pub mod domain;
pub mod exchange;
pub mod route;

#[cfg(feature = "web")]
pub mod browser;
#[cfg(feature = "web")]
pub mod ui;
