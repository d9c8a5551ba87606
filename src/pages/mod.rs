//! The pages. The first page's (`index.html`) are always built: 总览, 各章自查, 方案原文 and the
//! first visit. The rest are built into the full app only (`full` feature).

pub mod checklist;
pub mod duties;
pub mod overview;
pub mod plan;
pub mod welcome;

#[cfg(feature = "full")]
mod full;
#[cfg(feature = "full")]
pub use full::full_page;
