//! The domain: the plan's template, a department's record and everything derived from it.
//!
//! **Architecture Invariant:** nothing here knows about the browser. No leptos, web-sys, gloo or
//! wasm-bindgen are dependencies of this crate, so a stray import fails the build. The domain never
//! reads the clock either: callers pass `today`/`now`.

/// The key-date calendar of duty 4.1.8, for callers that name its dates.
pub use zrz_calendar as calendar;

pub mod backup;
pub mod canonical;
pub mod checklist;
pub mod consolidate;
pub mod demo;
pub mod form;
pub mod iso;
pub mod ledger;
pub mod number;
pub mod order;
pub mod plan;
pub mod record;
pub mod report;
pub mod review;
pub mod scoring;

pub use number::round1;

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
