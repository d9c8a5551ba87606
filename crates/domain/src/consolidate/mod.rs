//! 汇总: the office's figures over the files of tens to hundreds of departments, for its tables and
//! the Party group meeting. Everything is computed from the files (and the office's reviews of
//! them) every time, like every other figure of the app.
//!
//! - this module: [`DepartmentFile`], what the office holds of one received file, and
//!   [`select_current`], which keeps one file per department and year (the newest export);
//! - [`row`]: one summary row per department, totals and averages;
//! - [`across`]: scores for the bar chart, grades against the 优秀 cap, red lines, weak duties;
//! - [`years`]: this year against last year, by department;
//! - [`long_table`]: the analysts' long table, its columns described once.

pub mod across;
pub mod figures;
pub mod long_table;
pub mod row;
pub mod years;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

pub use across::*;
pub use figures::*;
pub use long_table::*;
pub use row::*;
pub use years::*;

use crate::record::{Assessment, DepartmentKey};
use crate::review::Review;

/// One department file as the office holds it: the record received, the office's review of it if
/// any, and what the file's header said.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DepartmentFile<'a> {
    pub assessment: &'a Assessment,
    pub review: Option<&'a Review>,
    /// When the department exported it (the file header); `None` when unknown.
    pub exported_at: Option<DateTime<Utc>>,
    /// A sanitised file (names aliased, free text cleared).
    pub sanitized: bool,
}

impl<'a> DepartmentFile<'a> {
    pub fn new(assessment: &'a Assessment) -> DepartmentFile<'a> {
        DepartmentFile {
            assessment,
            review: None,
            exported_at: None,
            sanitized: false,
        }
    }

    pub fn key(&self) -> DepartmentKey {
        self.assessment.profile.department_key()
    }
}

/// Why a file is not the one counted for its department.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupersededWhy {
    /// The same record as the one counted (received twice, or exported again unchanged).
    Duplicate,
    /// Exported before the one counted.
    Older,
    /// A sanitised copy of an export whose full file is counted.
    SanitisedCopy,
    /// Exported at the same time (or both without a time) but different: the later received is
    /// counted; the office should ask which is right.
    SameTimeDifferent,
}

impl SupersededWhy {
    pub fn code(self) -> &'static str {
        match self {
            SupersededWhy::Duplicate => "duplicate",
            SupersededWhy::Older => "older",
            SupersededWhy::SanitisedCopy => "sanitised_copy",
            SupersededWhy::SameTimeDifferent => "same_time_different",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Superseded {
    /// Index of the file set aside.
    pub index: usize,
    /// Index of the file counted instead.
    pub by: usize,
    pub why: SupersededWhy,
}

/// Which of the files received count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Indices of the files counted, one per department key (unit, department, year), by key.
    pub current: Vec<usize>,
    /// The others, by index.
    pub superseded: Vec<Superseded>,
}

impl Selection {
    /// The files counted, by department key.
    pub fn files<'a>(&self, files: &[DepartmentFile<'a>]) -> Vec<DepartmentFile<'a>> {
        self.current.iter().map(|&i| files[i]).collect()
    }
}

/// Keeps one file per department and year: the newest export (a file without export time counts
/// as the oldest); of two exported at the same time the full one before a sanitised copy, else the
/// later received (later in `files`).
pub fn select_current(files: &[DepartmentFile<'_>]) -> Selection {
    let mut groups: BTreeMap<DepartmentKey, Vec<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        groups.entry(f.key()).or_default().push(i);
    }
    let mut selection = Selection::default();
    for indices in groups.values() {
        let rank = |&i: &usize| (files[i].exported_at, !files[i].sanitized, i);
        let best = *indices
            .iter()
            .max_by_key(|i| rank(i))
            .expect("a group is never empty");
        selection.current.push(best);
        let chosen = &files[best];
        for &i in indices.iter().filter(|&&i| i != best) {
            let f = &files[i];
            let why = if f.assessment == chosen.assessment && f.sanitized == chosen.sanitized {
                SupersededWhy::Duplicate
            } else if f.exported_at < chosen.exported_at {
                SupersededWhy::Older
            } else if f.sanitized && !chosen.sanitized {
                SupersededWhy::SanitisedCopy
            } else {
                SupersededWhy::SameTimeDifferent
            };
            selection.superseded.push(Superseded {
                index: i,
                by: best,
                why,
            });
        }
    }
    crate::order::sort_by_key(&mut selection.superseded, |s| s.index);
    selection
}
