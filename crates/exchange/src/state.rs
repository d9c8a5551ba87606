//! The record kept in localStorage: the department's data plus bookkeeping, in a versioned envelope.
//!
//! `{"format": "zrz-state", "version": 1, "state": {…}}`. A 备份 exchange file carries exactly this
//! record as its `content`, so restoring a backup and loading localStorage share one path
//! ([`StoredState::from_value`]) and the same migrations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::migrate::{self, Migration};
use zrz_domain::plan::RawTemplate;
use zrz_domain::record::Assessment;

pub const STATE_FORMAT: &str = "zrz-state";

/// The layout version of the localStorage record.
///
/// To bump it: (1) add a `Migration { from: STATE_VERSION, .. }` to [`STATE_MIGRATIONS`] that turns
/// the old record (a `serde_json::Value`) into the new one; (2) copy a record written by the old
/// version to `tests/fixtures/state/v{old}.json` (never edit or delete old fixtures); (3) add a line to
/// the history in `docs/format.md`. Adding a field with `#[serde(default)]` needs no bump.
pub const STATE_VERSION: u32 = 1;

/// Steps from each old record layout to the next; empty while there is only version 1. The test
/// `state_registry_is_contiguous` keeps it in step with [`STATE_VERSION`].
pub const STATE_MIGRATIONS: &[Migration] = &[];

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredState {
    pub assessment: Assessment,
    /// A 年度方案 imported from the office; `None` means the template shipped with the app.
    #[serde(default)]
    pub template: Option<RawTemplate>,
    #[serde(default)]
    pub last_export_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub changes_since_export: u32,
    #[serde(default)]
    pub saved_at: Option<DateTime<Utc>>,
    /// The assessment as it was at the last export or import: the common ancestor that
    /// `merge::plan_merge` compares both sides with. Set it with [`StoredState::mark_synced`];
    /// `None` (first use, or data from before this field) makes merging fall back to two-way rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_base: Option<Assessment>,
}

/// The record as written: `{"format": "zrz-state", "version": …, "state": …}`.
#[derive(Serialize)]
pub(crate) struct Record<'a> {
    format: &'a str,
    version: u32,
    state: &'a StoredState,
}

impl<'a> Record<'a> {
    pub(crate) fn new(state: &'a StoredState) -> Record<'a> {
        Record {
            format: STATE_FORMAT,
            version: STATE_VERSION,
            state,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateError {
    NotJson(String),
    NotOurs,
    TooNew {
        found: u32,
        supported: u32,
    },
    /// A migration step refused the record: `from` is the version it was reading.
    MigrationFailed {
        from: u32,
        reason: String,
    },
    Invalid(String),
}

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StateError::NotJson(e) => write!(f, "本地数据不是有效的 JSON：{e}"),
            StateError::NotOurs => write!(f, "本地数据不是本应用的格式"),
            StateError::TooNew { found, supported } => {
                write!(f, "本地数据由更新版本的应用写入（数据版本 {found}，本应用支持到 {supported}），为避免损坏数据，本页只读")
            }
            StateError::MigrationFailed { from, reason } => {
                write!(f, "本地数据（数据版本 {from}）无法升级到当前版本：{reason}。请先导出备份，再联系管理员")
            }
            StateError::Invalid(e) => write!(f, "本地数据内容无效：{e}"),
        }
    }
}

impl std::error::Error for StateError {}

impl StoredState {
    pub fn to_json(&self) -> String {
        serde_json::to_string(&Record::new(self)).expect("stored state always serialises")
    }

    /// The record as a JSON value (what a 备份 file carries as `content`).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(Record::new(self)).expect("stored state always serialises")
    }

    pub fn from_json(text: &str) -> Result<StoredState, StateError> {
        let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| StateError::NotJson(e.to_string()))?;
        StoredState::from_value(value)
    }

    /// Checks the tag, refuses newer records, runs [`STATE_MIGRATIONS`], then reads the state.
    pub fn from_value(value: Value) -> Result<StoredState, StateError> {
        let state = migrate_record(value)?;
        serde_path_to_error::deserialize(&state).map_err(|e| {
            let path = e.path().to_string();
            StateError::Invalid(format!("{path}：{}", e.into_inner()))
        })
    }

    /// Records that `assessment` is now shared with the other side (just exported, or just merged
    /// from an imported file): the next merge compares against it.
    pub fn mark_synced(&mut self, assessment: &Assessment) {
        self.sync_base = Some(assessment.clone());
    }
}

/// The record's `state` member, brought up to [`STATE_VERSION`]: tag checked, newer records refused,
/// [`STATE_MIGRATIONS`] run. Not yet read into `StoredState` (the importer does that with its own paths).
pub(crate) fn migrate_record(value: Value) -> Result<Value, StateError> {
    if value.get("format").and_then(Value::as_str) != Some(STATE_FORMAT) {
        return Err(StateError::NotOurs);
    }
    let version = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(StateError::NotOurs)?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > STATE_VERSION {
        return Err(StateError::TooNew {
            found: version,
            supported: STATE_VERSION,
        });
    }
    if version == 0 {
        return Err(StateError::NotOurs);
    }
    let (mut value, _) = migrate::run(STATE_MIGRATIONS, value, "version", version, STATE_VERSION)
        .map_err(|(from, e)| StateError::MigrationFailed {
        from,
        reason: e.reason,
    })?;
    value
        .get_mut("state")
        .map(Value::take)
        .ok_or(StateError::NotOurs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_registry_is_contiguous() {
        assert_eq!(
            migrate::check_registry(STATE_MIGRATIONS, STATE_VERSION),
            Ok(())
        );
    }

    #[test]
    fn a_record_round_trips_and_a_newer_one_is_refused() {
        let mut state = StoredState {
            changes_since_export: 3,
            ..StoredState::default()
        };
        state.assessment.profile.unit = "县文广局".into();
        state.mark_synced(&state.assessment.clone());
        let back = StoredState::from_json(&state.to_json()).unwrap();
        assert_eq!(back.to_value(), state.to_value());
        let newer = state.to_json().replace("\"version\":1", "\"version\":9");
        assert_eq!(
            StoredState::from_json(&newer).unwrap_err(),
            StateError::TooNew {
                found: 9,
                supported: 1
            }
        );
        assert_eq!(
            StoredState::from_json("{\"format\":\"x\"}").unwrap_err(),
            StateError::NotOurs
        );
    }

    #[test]
    fn invalid_values_name_their_path() {
        let text = r#"{"format":"zrz-state","version":1,"state":{"assessment":{"answers":{"4.1.1":{"due":"2025-13-01"}}}}}"#;
        let StateError::Invalid(message) = StoredState::from_json(text).unwrap_err() else {
            panic!("expected Invalid")
        };
        assert!(
            message.contains("assessment.answers.4.1.1.due"),
            "{message}"
        );
    }
}
