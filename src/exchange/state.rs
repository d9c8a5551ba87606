//! The record kept in localStorage: the department's data plus bookkeeping, in a versioned envelope.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::assessment::Assessment;
use crate::domain::template::RawTemplate;

pub const STATE_FORMAT: &str = "zrz-state";
/// Bump together with a migration in this module and a fixture under `tests/fixtures/state/`.
pub const STATE_VERSION: u32 = 1;

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
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    format: String,
    version: u32,
    state: T,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateError {
    NotJson(String),
    NotOurs,
    TooNew { found: u32, supported: u32 },
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
            StateError::Invalid(e) => write!(f, "本地数据内容无效：{e}"),
        }
    }
}

impl StoredState {
    pub fn to_json(&self) -> String {
        serde_json::to_string(&Envelope { format: STATE_FORMAT.into(), version: STATE_VERSION, state: self })
            .expect("stored state always serialises")
    }

    pub fn from_json(text: &str) -> Result<StoredState, StateError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| StateError::NotJson(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(STATE_FORMAT) {
            return Err(StateError::NotOurs);
        }
        let version = value.get("version").and_then(|v| v.as_u64()).ok_or(StateError::NotOurs)? as u32;
        if version > STATE_VERSION {
            return Err(StateError::TooNew { found: version, supported: STATE_VERSION });
        }
        let state = value.get("state").cloned().ok_or(StateError::NotOurs)?;
        serde_json::from_value(state).map_err(|e| StateError::Invalid(e.to_string()))
    }
}
