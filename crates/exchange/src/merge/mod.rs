//! Bringing another copy of a department's data into the local one, and the other imports that
//! change local data: a department's file imported by the office, colleagues who filled in
//! different chapters of the same department, a backup restored, a new 年度方案, the office's 核查意见,
//! another copy of the office's workspace.
//!
//! One comparison, record by record (`compare`), under all of them. Records are the domain's
//! identities ([`RecordKey`]): the profile field by field, answers by item id, people by id (else by
//! name: `plan`), ratings by `RatingKey::to_id`, ledger entries, tasks and findings by id, the
//! rating settings as one record. A record is compared as it would be written, unknown fields
//! included; `updated_at` alone never makes two records differ, nor does how a 自评's or 上级评价's
//! rater is spelled. Absent, blank and (for a single record nobody changed) default count as empty.
//!
//! Merging is two steps, so nothing is applied before the user has seen it: [`plan_import`] /
//! [`plan_merge`] list every entry ([`Change::Added`] / [`Change::Changed`] / [`Change::Unchanged`] /
//! [`Change::Conflict`]); [`apply_merge`] applies the plan with the user's choice for every conflict,
//! and refuses while any conflict is undecided. The rule for one record, local `L`, incoming `I`,
//! base `B` (what both sides started from: the state at the last export or import):
//! 1. `L` = `I`: unchanged.
//! 2. `I` empty: unchanged (keep local). A merge never deletes.
//! 3. with a base, `I` = `B`: unchanged (only the local side changed it).
//! 4. `L` empty: added (take incoming).
//! 5. with a base, `L` = `B`: changed (only the incoming side changed it; take incoming) — unless
//!    the incoming record's `updated_at` is older than the local one's: then the file is staler than
//!    the local data (a colleague who never saw a third colleague's edit), and it is a conflict.
//! 6. otherwise: conflict; the user chooses; both sides' `updated_at` are shown, the newer suggested.

mod annual_plan;
mod apply;
mod compare;
mod fields;
mod findings;
mod plan;
mod restore;
mod workspace;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::envelope::Kind;
use super::extras::Extras;
use super::state::StoredState;
use zrz_domain::record::{Assessment, DepartmentKey, RecordKey, RecordKind, Relation};

pub use annual_plan::{apply_annual_plan, AnnualPlanUpdate};
pub use apply::apply_merge;
pub use compare::{changed_fields, same_answer, same_record};
pub use fields::{fields_decided, with_field_choices, FieldChoices};
pub use findings::{apply_findings, findings_fit_template, FindingsUpdate, OfficeReviewChange};
pub use plan::{match_people, plan_import, plan_merge};
pub use restore::{plan_restore, RestoreChange, RestorePlan, RestoreRow};
pub use workspace::{
    apply_workspace, plan_workspace, Receipt, ReceiveError, ReviewChange, WorkspaceEntry,
    WorkspacePlan,
};

/// One copy of a department's record: the typed assessment and the unknown fields that travel with
/// it. `From` a bare `&Assessment` (no unknown fields) or a `&StoredState`.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub assessment: &'a Assessment,
    pub extras: &'a Extras,
}

fn no_extras() -> &'static Extras {
    static EMPTY: OnceLock<Extras> = OnceLock::new();
    EMPTY.get_or_init(Extras::default)
}

impl<'a> From<&'a Assessment> for Input<'a> {
    fn from(assessment: &'a Assessment) -> Input<'a> {
        Input {
            assessment,
            extras: no_extras(),
        }
    }
}

impl<'a> From<&'a StoredState> for Input<'a> {
    fn from(state: &'a StoredState) -> Input<'a> {
        Input {
            assessment: &state.assessment,
            extras: &state.extras,
        }
    }
}

impl<'a> From<(&'a Assessment, &'a Extras)> for Input<'a> {
    fn from((assessment, extras): (&'a Assessment, &'a Extras)) -> Input<'a> {
        Input { assessment, extras }
    }
}

/// The result of a merge: the record and its unknown fields, to store together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merged {
    pub assessment: Assessment,
    pub extras: Extras,
}

/// Which side of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    Local,
    Incoming,
}

/// One side of a record, as it would be written (unknown fields included).
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub value: Value,
    /// The record's `updated_at`, when it has one.
    pub updated_at: Option<DateTime<Utc>>,
}

impl Version {
    pub(crate) fn of(value: &Value) -> Version {
        let updated_at = value
            .get("updated_at")
            .and_then(Value::as_str)
            .and_then(|s| s.parse().ok());
        Version {
            value: value.clone(),
            updated_at,
        }
    }

    /// The record read as `T` (an `Answer`, a `Person`, a `Rating`, a `LedgerEntry` …), for showing it.
    pub fn typed<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_value(self.value.clone()).ok()
    }

    /// The record read as an answer (entries of [`RecordKind::Answer`]).
    pub fn answer(&self) -> Option<zrz_domain::record::Answer> {
        self.typed()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Only the incoming side has it: taken.
    Added { incoming: Version },
    /// Changed on the incoming side only: taken.
    Changed { local: Version, incoming: Version },
    /// Equal on both sides, changed on the local side only, or empty in the file: local kept.
    Unchanged,
    /// Different on both sides: the user chooses. `newer` is the side with the later `updated_at`,
    /// when both have one, as a suggestion.
    Conflict {
        local: Version,
        incoming: Version,
        newer: Option<Side>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct MergeEntry {
    /// The record: its kind and identity (for the profile, the field's name).
    pub key: RecordKey,
    pub change: Change,
}

impl MergeEntry {
    pub fn is_conflict(&self) -> bool {
        matches!(self.change, Change::Conflict { .. })
    }

    /// The members of the record that differ between the two sides (for an added record: the
    /// members it fills in), `updated_at` aside; for a profile entry, the field itself. So the
    /// preview shows "检查项 4.1.1：答复、说明" instead of two blobs of JSON.
    pub fn changed_fields(&self) -> Vec<String> {
        match &self.change {
            Change::Unchanged => Vec::new(),
            Change::Added { incoming } => {
                compare::changed_fields(self.key.kind, None, Some(&incoming.value))
            }
            Change::Changed { local, incoming }
            | Change::Conflict {
                local, incoming, ..
            } => compare::changed_fields(self.key.kind, Some(&local.value), Some(&incoming.value)),
        }
        .into_iter()
        .map(|f| {
            if self.key.kind == RecordKind::Profile {
                self.key.id.clone()
            } else {
                f
            }
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
    }

    /// Both sides carry an `updated_at`, so "the newer side" means something for this entry.
    pub fn both_dated(&self) -> bool {
        match &self.change {
            Change::Changed { local, incoming }
            | Change::Conflict {
                local, incoming, ..
            } => local.updated_at.is_some() && incoming.updated_at.is_some(),
            _ => false,
        }
    }
}

/// The user's choice for each conflict.
pub type Choices = BTreeMap<RecordKey, Side>;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub conflicts: usize,
}

/// What merging would do, entry by entry; nothing has been applied yet.
#[derive(Debug, Clone, PartialEq)]
pub struct MergePlan {
    /// Every record present on either side, in kind order (profile, answers, people, ratings,
    /// ledger, tasks, findings, rating settings) and, within a kind, local order then new incoming
    /// records.
    pub entries: Vec<MergeEntry>,
    /// Whether a base was available (three-way rules) or not (two-way rules).
    pub with_base: bool,
    /// People of the file matched to local people by name (their ids differed): incoming id →
    /// local id. Their ratings were rewritten to the local id before comparing.
    pub people_matched: BTreeMap<String, String>,
    /// The local record the plan was made against: applying to anything else is refused.
    pub(crate) local_fingerprint: String,
    /// Unknown top-level members of the incoming assessment: added where the local one has none.
    pub(crate) incoming_root: Map<String, Value>,
    /// Unknown envelope members of the incoming file: kept with the record likewise.
    pub(crate) incoming_envelope: Map<String, Value>,
}

impl MergePlan {
    pub fn conflicts(&self) -> impl Iterator<Item = &MergeEntry> {
        self.entries.iter().filter(|e| e.is_conflict())
    }

    pub fn counts(&self) -> MergeCounts {
        let mut c = MergeCounts::default();
        for e in &self.entries {
            match e.change {
                Change::Added { .. } => c.added += 1,
                Change::Changed { .. } => c.changed += 1,
                Change::Unchanged => c.unchanged += 1,
                Change::Conflict { .. } => c.conflicts += 1,
            }
        }
        c
    }

    /// Applying would change nothing.
    pub fn is_noop(&self) -> bool {
        self.entries.iter().all(|e| e.change == Change::Unchanged)
    }

    /// Every conflict has an `updated_at` on both sides, so a "全部采用较新的一方" button can decide
    /// them all; when this is false the UI offers choices per entry only.
    pub fn newer_side_known(&self) -> bool {
        self.conflicts().all(MergeEntry::both_dated)
    }

    /// A choice for every conflict: the newer side where known, else local. For a "全部采用较新的一方"
    /// button (see [`MergePlan::newer_side_known`]); the user can still change any of them.
    pub fn suggested_choices(&self) -> Choices {
        self.entries
            .iter()
            .filter_map(|e| match &e.change {
                Change::Conflict { newer, .. } => {
                    Some((e.key.clone(), newer.unwrap_or(Side::Local)))
                }
                _ => None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// Conflicts without a choice; nothing was applied.
    Undecided { entries: Vec<RecordKey> },
    /// The local data changed after the plan was made; plan again.
    LocalChanged,
    /// A sanitised file has its names and text blanked; merging it would look like deleting them.
    Sanitized,
    /// This kind of file does not merge into a department's record.
    NotMergeable(Kind),
    /// The file is another unit's, department's or year's record (or, for a 核查意见, addressed to
    /// another department): never merged as if it were a colleague's. Both sides as written.
    OtherDepartment {
        relation: Relation,
        local: DepartmentKey,
        incoming: DepartmentKey,
    },
    /// The merged data could not be read back: a bug.
    Internal(String),
}

/// For logs and tests, in neutral form (the app words it for users).
impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "merge refused: {self:?}")
    }
}

impl std::error::Error for MergeError {}

/// A profile's department as written (names not normalised), for messages.
pub(crate) fn written_key(p: &zrz_domain::record::Profile) -> DepartmentKey {
    DepartmentKey {
        unit: p.unit.clone(),
        department: p.department.clone(),
        year: p.year,
    }
}

#[cfg(test)]
mod tests;
