//! The office's two kinds of file: 核查意见 ([`FindingsFile`], sent back to one department) and
//! 汇总工作区 ([`Workspace`], the office's whole workspace as one file, to move it to another computer
//! or keep a copy). The office's IndexedDB store holds exactly the [`Received`] records of a
//! workspace, one per department and year.
//!
//! **Architecture Invariant:** a department's file is kept *whole, as received* (its envelope at its
//! own format version, unknown fields and checksum included): nothing the department sent is lost
//! or rewritten by the office, and the checksum can still be verified years later. It is read through
//! the import pipeline whenever it is used (`ReceivedFile::read`), and filed by
//! `Workspace::receive`; both live with the workspace merge (`merge::workspace`), so that this
//! module, data only, depends on nothing but the domain.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use zrz_domain::plan::TemplateRef;
use zrz_domain::record::{DepartmentKey, Finding, Profile};
use zrz_domain::review::{AccountabilityRecord, Review};

/// Which export of a department's file something is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// The name it was received under.
    #[serde(default)]
    pub file_name: String,
    /// Its `exported_at`.
    #[serde(with = "zrz_domain::iso::time")]
    pub exported_at: DateTime<Utc>,
    /// Its `checksum` as written (`sha256:…`; empty if it had none).
    #[serde(default)]
    pub checksum: String,
}

pub use zrz_domain::record::Scores;

/// 核查意见: what the office found checking one department's file, sent back to that department.
/// Imported by the department ([`crate::merge::apply_findings`]); the department never edits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingsFile {
    /// The department and year, as the office received them (the names as the department typed
    /// them; compared after `record::normalize_name`).
    pub department: DepartmentKey,
    /// The template the department's file was made with: the findings' item ids are its items.
    pub template: TemplateRef,
    /// The department's file that was checked.
    #[serde(default)]
    pub about: Option<FileRef>,
    /// One per item the office did not confirm; ids made by the office, so importing the same
    /// findings twice changes nothing.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// The office's accountability decisions on this department's red lines (plan 七).
    #[serde(default)]
    pub accountability: Vec<AccountabilityRecord>,
    #[serde(default)]
    pub scores: Scores,
    /// Members of the content this version does not know, written back as they came.
    #[serde(flatten)]
    pub extras: Map<String, Value>,
}

impl FindingsFile {
    /// The addressee as a profile, for `Profile::relation_to`.
    pub fn addressee(&self) -> Profile {
        Profile {
            unit: self.department.unit.clone(),
            department: self.department.department.clone(),
            filled_by: String::new(),
            year: self.department.year,
        }
    }
}

/// One department file as the office received it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceivedFile {
    /// The name the file had (shown in lists; the department's export names it by unit and date).
    pub file_name: String,
    #[serde(with = "zrz_domain::iso::time")]
    pub received_at: DateTime<Utc>,
    /// The department's exchange file, whole, as received (see the module doc).
    pub file: Value,
}

impl ReceivedFile {
    /// Its `exported_at`, as written (`None` if missing or not a time).
    pub fn exported_at(&self) -> Option<DateTime<Utc>> {
        exported_at_of(&self.file)
    }

    /// Its `checksum`, as written.
    pub fn checksum(&self) -> &str {
        checksum_of(&self.file)
    }

    pub fn file_ref(&self) -> Option<FileRef> {
        Some(FileRef {
            file_name: self.file_name.clone(),
            exported_at: self.exported_at()?,
            checksum: self.checksum().to_string(),
        })
    }
}

/// A department file's `exported_at`, as written (`None` if missing or not a time).
pub fn exported_at_of(file: &Value) -> Option<DateTime<Utc>> {
    file.get("exported_at")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
}

/// A department file's `checksum`, as written (empty if it has none).
pub fn checksum_of(file: &Value) -> &str {
    file.get("checksum").and_then(Value::as_str).unwrap_or("")
}

/// Everything the office holds about one department's year: the file in force, the older exports it
/// replaced, and the office's review. One record of the office's IndexedDB store, under
/// [`Received::store_key`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    /// The department and year, as its file names them (its profile).
    pub department: DepartmentKey,
    /// The file in force: what consolidation and verification read.
    pub current: ReceivedFile,
    /// Older exports of the same department and year, newest first. Kept, listed, and
    /// [`Received::switch_to`] makes one of them current again; never deleted by the app.
    #[serde(default)]
    pub older: Vec<ReceivedFile>,
    /// The office's verification and accountability for this department's year.
    #[serde(default)]
    pub review: Review,
}

impl Received {
    /// The key in the office's store: the department key with names normalised
    /// (`DepartmentKey::to_id` of `Profile::department_key`), so "办公室 " and "办公室" are one.
    pub fn store_key(&self) -> String {
        store_key(&self.department)
    }

    /// Every file held, current first.
    pub fn files(&self) -> impl Iterator<Item = &ReceivedFile> {
        std::iter::once(&self.current).chain(&self.older)
    }

    /// Makes `older[index]` the file in force; the current one joins the older ones (nothing is
    /// dropped). Returns `false` (and changes nothing) for an index out of range.
    pub fn switch_to(&mut self, index: usize) -> bool {
        if index >= self.older.len() {
            return false;
        }
        let chosen = self.older.remove(index);
        let previous = std::mem::replace(&mut self.current, chosen);
        self.older.insert(0, previous);
        sort_newest_first(&mut self.older);
        true
    }
}

pub(crate) fn store_key(department: &DepartmentKey) -> String {
    Profile {
        unit: department.unit.clone(),
        department: department.department.clone(),
        filled_by: String::new(),
        year: department.year,
    }
    .department_key()
    .to_id()
}

pub(crate) fn sort_newest_first(files: &mut [ReceivedFile]) {
    zrz_domain::order::sort_by_key(files, |f| std::cmp::Reverse(f.exported_at()));
}

/// 汇总工作区: every department file the office received, with its review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// One per department and year, in the order they were first received.
    #[serde(default)]
    pub received: Vec<Received>,
    /// Members of the content this version does not know, written back as they came.
    #[serde(flatten)]
    pub extras: Map<String, Value>,
}

impl Workspace {
    /// The record of a department and year, by [`Received::store_key`].
    pub fn find(&self, store_key: &str) -> Option<&Received> {
        self.received.iter().find(|r| r.store_key() == store_key)
    }
}
