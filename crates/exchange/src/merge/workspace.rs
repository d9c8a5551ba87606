//! Another copy of the office's 汇总工作区 (from another computer, or a copy kept earlier) brought
//! into the local one: every department file either side holds is kept; the office's reviews are
//! compared department by department and a review both sides changed is the user's choice.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Side;
use crate::error::ImportError;
use crate::import::{read_value, Imported};
use crate::office::{sort_newest_first, store_key, Received, ReceivedFile, Workspace};
use zrz_domain::record::{Assessment, DepartmentKey};
use zrz_domain::review::Review;

impl ReceivedFile {
    /// The file through the import pipeline (migrated, checked): what the office reads.
    pub fn read(&self) -> Result<Imported, ImportError> {
        read_value(self.file.clone())
    }
}

/// What receiving a department's file did to the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receipt {
    /// The first file of this department and year.
    New,
    /// A later export than the one in force: it is in force now; the other is kept as older.
    Replaced,
    /// An export no later than the one in force: kept among the older ones, nothing else changes.
    KeptAsOlder,
    /// This very file (same checksum and export time) is already held: nothing changes.
    AlreadyHeld,
}

/// Why a file could not be received.
#[derive(Debug, Clone, PartialEq)]
pub enum ReceiveError {
    /// The file does not import (see the error).
    Unreadable(ImportError),
    /// Not a 科室自评 (a workspace holds department files only).
    NotAnAssessment(crate::envelope::Kind),
}

/// For logs and tests, in neutral form (the app words it for users).
impl std::fmt::Display for ReceiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReceiveError::Unreadable(e) => e.fmt(f),
            ReceiveError::NotAnAssessment(kind) => {
                write!(f, "not_an_assessment: a {} file", kind.key())
            }
        }
    }
}

impl std::error::Error for ReceiveError {}

impl Workspace {
    /// Takes in a department's file (its JSON as received): checked through the import pipeline,
    /// then filed under its department and year, the latest export in force and every other one
    /// kept (see [`Receipt`]). Nothing held is ever dropped.
    pub fn receive(
        &mut self,
        file_name: &str,
        received_at: DateTime<Utc>,
        file: Value,
    ) -> Result<Receipt, ReceiveError> {
        let imported = read_value(file.clone()).map_err(ReceiveError::Unreadable)?;
        let Some(assessment) = imported.assessment() else {
            return Err(ReceiveError::NotAnAssessment(imported.header.kind));
        };
        Ok(self.receive_read(file_name, received_at, file, assessment))
    }

    /// [`Workspace::receive`] of a file already read through the import pipeline (`assessment` is
    /// what `read_value(file)` holds, read here or by the reader worker), so that it is not read
    /// twice.
    pub fn receive_read(
        &mut self,
        file_name: &str,
        received_at: DateTime<Utc>,
        file: Value,
        assessment: &Assessment,
    ) -> Receipt {
        let p = &assessment.profile;
        let department = DepartmentKey {
            unit: p.unit.clone(),
            department: p.department.clone(),
            year: p.year,
        };
        let incoming = ReceivedFile {
            file_name: file_name.to_string(),
            received_at,
            file,
        };
        let key = store_key(&department);
        let Some(held) = self.received.iter_mut().find(|r| r.store_key() == key) else {
            self.received.push(Received {
                department,
                current: incoming,
                older: Vec::new(),
                review: Review::default(),
            });
            return Receipt::New;
        };
        let same = |f: &ReceivedFile| {
            f.checksum() == incoming.checksum() && f.exported_at() == incoming.exported_at()
        };
        if held.files().any(same) {
            return Receipt::AlreadyHeld;
        }
        if incoming.exported_at() > held.current.exported_at() {
            let previous = std::mem::replace(&mut held.current, incoming);
            held.department = department;
            held.older.push(previous);
            sort_newest_first(&mut held.older);
            Receipt::Replaced
        } else {
            held.older.push(incoming);
            sort_newest_first(&mut held.older);
            Receipt::KeptAsOlder
        }
    }
}

/// What happens to one department's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewChange {
    /// Equal, or the file's is empty: local kept.
    Same,
    /// Only the file has one (the local one is empty): taken.
    Taken,
    /// Both have different reviews: the user chooses.
    Conflict,
}

/// One department and year in a workspace merge.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkspaceEntry {
    /// [`Received::store_key`].
    pub store_key: String,
    pub department: DepartmentKey,
    /// The local workspace has nothing of this department and year yet.
    pub new_department: bool,
    /// Department files of the incoming workspace the local one does not hold (all are kept).
    pub files_added: usize,
    pub review: ReviewChange,
}

/// What merging a workspace would do, department by department.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkspacePlan {
    pub entries: Vec<WorkspaceEntry>,
}

impl WorkspacePlan {
    pub fn conflicts(&self) -> impl Iterator<Item = &WorkspaceEntry> {
        self.entries
            .iter()
            .filter(|e| e.review == ReviewChange::Conflict)
    }
}

fn same_file(a: &ReceivedFile, b: &ReceivedFile) -> bool {
    a.checksum() == b.checksum() && a.exported_at() == b.exported_at()
}

fn is_empty(review: &Review) -> bool {
    *review == Review::default()
}

/// Compares two workspaces by department and year.
pub fn plan_workspace(local: &Workspace, incoming: &Workspace) -> WorkspacePlan {
    let entries = incoming
        .received
        .iter()
        .map(|theirs| {
            let key = theirs.store_key();
            let held = local.find(&key);
            let files_added = theirs
                .files()
                .filter(|f| !held.is_some_and(|h| h.files().any(|g| same_file(f, g))))
                .count();
            let review = match held {
                _ if is_empty(&theirs.review) => ReviewChange::Same,
                None => ReviewChange::Taken,
                Some(h) if h.review == theirs.review => ReviewChange::Same,
                Some(h) if is_empty(&h.review) => ReviewChange::Taken,
                Some(_) => ReviewChange::Conflict,
            };
            WorkspaceEntry {
                store_key: key,
                department: theirs.department.clone(),
                new_department: held.is_none(),
                files_added,
                review,
            }
        })
        .collect();
    WorkspacePlan { entries }
}

/// Applies a workspace merge: every file of `incoming` the local workspace lacks is added (the
/// latest export of each department in force, the rest kept as older), reviews taken where the plan
/// says so and, for conflicts, where `choices` (by store key) says [`Side::Incoming`]. A conflict
/// without a choice keeps the local review.
pub fn apply_workspace(
    local: &Workspace,
    incoming: &Workspace,
    plan: &WorkspacePlan,
    choices: &BTreeMap<String, Side>,
) -> Workspace {
    let mut out = local.clone();
    for theirs in &incoming.received {
        let key = theirs.store_key();
        let Some(entry) = plan.entries.iter().find(|e| e.store_key == key) else {
            continue;
        };
        let take_review = match entry.review {
            ReviewChange::Taken => true,
            ReviewChange::Conflict => choices.get(&key) == Some(&Side::Incoming),
            ReviewChange::Same => false,
        };
        match out.received.iter_mut().find(|r| r.store_key() == key) {
            None => out.received.push(theirs.clone()),
            Some(held) => {
                for file in theirs.files() {
                    if !held.files().any(|g| same_file(file, g)) {
                        hold(held, file.clone());
                    }
                }
                if take_review {
                    held.review = theirs.review.clone();
                }
            }
        }
    }
    out
}

/// Files `file` under `held`: in force if it is a later export, else among the older ones.
fn hold(held: &mut Received, file: ReceivedFile) {
    if file.exported_at() > held.current.exported_at() {
        let previous = std::mem::replace(&mut held.current, file);
        held.older.push(previous);
    } else {
        held.older.push(file);
    }
    sort_newest_first(&mut held.older);
}
