//! The domain: the plan's template, a department's answers and the scores derived from them.
//!
//! **Architecture Invariant:** nothing under `domain` knows about the browser. No leptos, web-sys,
//! gloo or wasm-bindgen; the crate builds and tests it with `--no-default-features`, where those
//! crates are not even compiled. The domain never reads the clock either: callers pass `today`/`now`.

pub mod assessment;
pub mod backup;
pub mod checklist;
pub mod rating;
pub mod template;

use serde::{Deserialize, Serialize};

/// The five dimensions of the 德能勤绩廉 cadre assessment (plan 四（一）5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    De,
    Neng,
    Qin,
    Ji,
    Lian,
}

impl Dimension {
    pub const ALL: [Dimension; 5] = [
        Dimension::De,
        Dimension::Neng,
        Dimension::Qin,
        Dimension::Ji,
        Dimension::Lian,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Dimension::De => "de",
            Dimension::Neng => "neng",
            Dimension::Qin => "qin",
            Dimension::Ji => "ji",
            Dimension::Lian => "lian",
        }
    }

    pub fn from_key(key: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Dimension::De => "德",
            Dimension::Neng => "能",
            Dimension::Qin => "勤",
            Dimension::Ji => "绩",
            Dimension::Lian => "廉",
        }
    }
}

/// Rounds to one decimal, half away from zero. Every score shown or exported goes through this one
/// function so the same number never reads differently on two screens.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
