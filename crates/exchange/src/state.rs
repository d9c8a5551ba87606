//! The department's record as one value: what a 备份 file carries and what the browser stores (the
//! browser stores it record by record, see `store`).
//!
//! `{"format": "zrz-state", "version": 2, "state": {…}}`. Restoring a backup and loading an old
//! single-key localStorage record share one path ([`StoredState::from_value`]) and the same
//! migrations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::extras::Extras;
use super::migrate::{self, Migration, MigrationError, MigrationReason};
use zrz_domain::record::Assessment;

pub const STATE_FORMAT: &str = "zrz-state";

/// The layout version of the state record.
///
/// To bump it: (1) add a `Migration { from: STATE_VERSION, .. }` to [`STATE_MIGRATIONS`] that turns
/// the old record (a `serde_json::Value`) into the new one; (2) copy a record written by the old
/// version to `tests/fixtures/state/v{old}.json` (never edit or delete old fixtures); (3) add a line to
/// the history in `docs/format.md`. Adding a field with `#[serde(default)]` needs no bump.
pub const STATE_VERSION: u32 = 2;

/// Steps from each old record layout to the next. The test `state_registry_is_contiguous` keeps it
/// in step with [`STATE_VERSION`].
pub const STATE_MIGRATIONS: &[Migration] = &[Migration {
    from: 1,
    title: "人员标识全局唯一，不再保存修改计数和合并基准",
    description: "第 1 版的人员标识按科室编号（p1、p2……），不同科室的文件会撞号；第 2 版改为由单位、科室、\
                  年度和原标识算出的唯一标识，评分中的 person_id 随之改写。修改次数 changes_since_export \
                  改为由各条记录的修改时间算出，不再保存；合并基准 sync_base 改存在浏览器的 IndexedDB 中，\
                  不再随记录保存（升级后第一次合并同事的文件按两方比较，冲突逐项询问）。",
    apply: state_v1_to_v2,
}];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredState {
    pub assessment: Assessment,
    /// The 年度方案's template as received (its JSON, unknown fields and all, so its hash stays
    /// the office's); `None` means the template shipped with the app.
    #[serde(default)]
    pub template: Option<Value>,
    /// When the department last exported its 自评 file (a hand-over).
    #[serde(default)]
    #[serde(with = "zrz_domain::iso::opt_time")]
    pub last_export_at: Option<DateTime<Utc>>,
    #[serde(default)]
    #[serde(with = "zrz_domain::iso::opt_time")]
    pub saved_at: Option<DateTime<Utc>>,
    /// Fields of the assessment this version does not know, written back on export.
    #[serde(default, skip_serializing_if = "Extras::is_empty")]
    pub extras: Extras,
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
        reason: MigrationReason,
    },
    Invalid(String),
}

/// For logs and tests, in neutral form (the app words it for users).
impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "state record refused: {self:?}")
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
    /// Plain serde, without field paths: this runs at the first page's start-up (a legacy record),
    /// where every KB counts; a 备份 file goes through the importer, which names the path.
    pub fn from_value(value: Value) -> Result<StoredState, StateError> {
        let state = migrate_record(value)?;
        serde_json::from_value(state).map_err(|e| StateError::Invalid(e.to_string()))
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

fn state_v1_to_v2(mut record: Value) -> Result<Value, MigrationError> {
    let state = record
        .get_mut("state")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| MigrationError::of(MigrationReason::NoState))?;
    state.remove("changes_since_export");
    state.remove("sync_base");
    if let Some(assessment) = state.get_mut("assessment") {
        migrate::make_person_ids_unique(assessment)?;
    }
    Ok(record)
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
        let mut state = StoredState::default();
        state.assessment.profile.unit = "县文广局".into();
        state.template = Some(serde_json::json!({"id": "x", "future": [1]}));
        let back = StoredState::from_json(&state.to_json()).unwrap();
        assert_eq!(back, state);
        let newer = state.to_json().replace("\"version\":2", "\"version\":9");
        assert_eq!(
            StoredState::from_json(&newer).unwrap_err(),
            StateError::TooNew {
                found: 9,
                supported: 2
            }
        );
        assert_eq!(
            StoredState::from_json("{\"format\":\"x\"}").unwrap_err(),
            StateError::NotOurs
        );
    }

    #[test]
    fn invalid_values_are_refused() {
        let text = r#"{"format":"zrz-state","version":2,"state":{"assessment":{"answers":{"4.1.1":{"due":"2025-13-01"}}}}}"#;
        assert!(matches!(
            StoredState::from_json(text),
            Err(StateError::Invalid(_))
        ));
    }

    #[test]
    fn version_1_gets_unique_person_ids_and_drops_the_counter_and_the_base() {
        let v1 = serde_json::json!({"format": "zrz-state", "version": 1, "state": {
            "assessment": {
                "profile": {"unit": "县文广局", "department": "办公室", "filled_by": "张三", "year": 2025},
                "people": [{"id": "p1", "name": "李四"}, {"id": "p2", "name": "王五"}],
                "ratings": [
                    {"person_id": "p1", "dimension": "de", "role": "self", "value": {"score": 90.0}},
                    {"person_id": "p9", "dimension": "de", "role": "self", "value": {"score": 80.0}}
                ]
            },
            "changes_since_export": 3,
            "sync_base": {"profile": {}}
        }});
        let state = StoredState::from_value(v1.clone()).unwrap();
        let a = &state.assessment;
        assert!(a
            .people
            .iter()
            .all(|p| p.id.starts_with("p-") && p.id.len() == 15));
        assert_ne!(a.people[0].id, a.people[1].id);
        assert_eq!(a.ratings[0].person_id, a.people[0].id);
        assert!(a.people.iter().all(|p| p.id != a.ratings[1].person_id));
        // Another department's p1 is another person.
        let mut other = v1.clone();
        other["state"]["assessment"]["profile"]["department"] = "宣传科".into();
        let other = StoredState::from_value(other).unwrap();
        assert_ne!(other.assessment.people[0].id, a.people[0].id);
        // The same department migrated twice (two colleagues' copies) agrees.
        assert_eq!(
            StoredState::from_value(v1).unwrap().assessment.people,
            a.people
        );
    }
}
