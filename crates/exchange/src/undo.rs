//! Undoing an import: before an import (merge, 年度方案 or restore from backup) changes anything, the
//! app takes an [`UndoPoint`] of the whole state and keeps it under its own localStorage key,
//! [`UndoPoint::STORAGE_KEY`]. "撤销导入" restores it; the next import replaces it. It can also be
//! downloaded as an ordinary 备份 file ([`UndoPoint::to_backup_file`]).
//!
//! The state is kept as its localStorage record (`StoredState::to_value`), so restoring goes through
//! the same version check and migrations as loading, even if the app was updated in between.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::envelope::ExportMeta;
use super::export::export_backup;
use super::state::{StateError, StoredState};
use zrz_domain::plan::Template;

const UNDO_FORMAT: &str = "zrz-undo";

/// The state as it was before an import, with what it was taken for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndoPoint {
    format: String,
    #[serde(with = "zrz_domain::iso::time")]
    pub taken_at: DateTime<Utc>,
    /// Shown on the undo button: "导入 意识形态责任制自评_….json 之前".
    pub label: String,
    /// The localStorage record of the state (`{"format": "zrz-state", …}`).
    record: Value,
}

impl UndoPoint {
    /// The localStorage key the browser keeps the one undo point under.
    pub const STORAGE_KEY: &'static str = "zrz.undo";

    /// Takes a snapshot of `state` before importing `file_name`.
    pub fn before_import(state: &StoredState, file_name: &str, now: DateTime<Utc>) -> UndoPoint {
        UndoPoint::new(state, format!("导入 {file_name} 之前"), now)
    }

    pub fn new(state: &StoredState, label: impl Into<String>, now: DateTime<Utc>) -> UndoPoint {
        UndoPoint {
            format: UNDO_FORMAT.into(),
            taken_at: now,
            label: label.into(),
            record: state.to_value(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an undo point serialises")
    }

    pub fn from_json(text: &str) -> Result<UndoPoint, StateError> {
        let point: UndoPoint =
            serde_json::from_str(text).map_err(|e| StateError::NotJson(e.to_string()))?;
        if point.format != UNDO_FORMAT {
            return Err(StateError::NotOurs);
        }
        Ok(point)
    }

    /// The state to put back.
    pub fn restore(&self) -> Result<StoredState, StateError> {
        StoredState::from_value(self.record.clone())
    }

    /// The snapshot as a 备份 file, for a user who wants to keep it beyond the next import.
    pub fn to_backup_file(
        &self,
        template: &Template,
        meta: &ExportMeta,
    ) -> Result<String, StateError> {
        Ok(export_backup(&self.restore()?, template, meta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_undo_point_restores_the_state_it_was_taken_from() {
        let mut state = StoredState::default();
        state.assessment.profile.unit = "县文广局".into();
        let now = Utc.with_ymd_and_hms(2025, 3, 14, 8, 30, 0).unwrap();
        let point = UndoPoint::before_import(&state, "a.json", now);
        let back = UndoPoint::from_json(&point.to_json()).unwrap();
        assert_eq!(back, point);
        assert_eq!(back.label, "导入 a.json 之前");
        assert_eq!(back.restore().unwrap().to_value(), state.to_value());
        assert!(
            UndoPoint::from_json(&state.to_json()).is_err(),
            "a state record is not an undo point"
        );
    }
}
