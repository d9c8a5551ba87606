//! The preview of restoring a backup: the whole local record is replaced by the backup's, so every
//! record is listed as added, changed, unchanged or removed (kept by the undo point), with the fields
//! that change. Built on the same record-by-record comparison as the merge.

use super::compare::{changed_fields, comparable, full_value, records};
use super::{Input, Version};
use zrz_domain::record::RecordKey;

/// What restoring does to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreChange {
    /// Only the backup has it.
    Added,
    /// Both have it, differently: the backup's replaces the local one.
    Changed,
    Unchanged,
    /// Only the local record has it: restoring drops it (the undo point keeps it).
    Removed,
}

/// One record in a restore preview.
#[derive(Debug, Clone, PartialEq)]
pub struct RestoreRow {
    pub key: RecordKey,
    pub change: RestoreChange,
    /// The fields that differ ([`super::MergeEntry::changed_fields`]'s rule).
    pub changed_fields: Vec<String>,
    pub local: Option<Version>,
    pub backup: Option<Version>,
}

/// Every record of either side, in the merge's order.
#[derive(Debug, Clone, PartialEq)]
pub struct RestorePlan {
    pub rows: Vec<RestoreRow>,
}

impl RestorePlan {
    /// Rows that change something (everything but [`RestoreChange::Unchanged`]).
    pub fn changes(&self) -> impl Iterator<Item = &RestoreRow> {
        self.rows
            .iter()
            .filter(|r| r.change != RestoreChange::Unchanged)
    }

    /// Records the local side would lose (kept by the undo point).
    pub fn removed(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.change == RestoreChange::Removed)
            .count()
    }
}

/// Compares the local record with a backup's, record by record.
pub fn plan_restore<'a>(local: impl Into<Input<'a>>, backup: impl Into<Input<'a>>) -> RestorePlan {
    let local_v = full_value(local.into());
    let backup_v = full_value(backup.into());
    let mut rows = Vec::new();
    for ((kind, l), (_, b)) in records(&local_v).into_iter().zip(records(&backup_v)) {
        let mut ids: Vec<&String> = l.order.iter().collect();
        ids.extend(b.order.iter().filter(|id| !l.contains(id)));
        for id in ids {
            let (lv, bv) = (l.get(id), b.get(id));
            let change = match (comparable(kind, lv, false), comparable(kind, bv, false)) {
                (None, None) => continue,
                (None, Some(_)) => RestoreChange::Added,
                (Some(_), None) => RestoreChange::Removed,
                (Some(x), Some(y)) if x == y => RestoreChange::Unchanged,
                _ => RestoreChange::Changed,
            };
            rows.push(RestoreRow {
                key: RecordKey::new(kind, id.clone()),
                change,
                changed_fields: changed_fields(kind, lv, bv)
                    .into_iter()
                    .map(|f| if f.is_empty() { id.clone() } else { f })
                    .collect(),
                local: lv.map(Version::of),
                backup: bv.map(Version::of),
            });
        }
    }
    RestorePlan { rows }
}
