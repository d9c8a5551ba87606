//! Migrations: pure functions that bring an old JSON layout up to the next version, one version at a
//! time. Both versioned layouts use this: the exchange file (`MIGRATIONS`, versions in
//! `format_version`) and the localStorage record (`state::STATE_MIGRATIONS`, versions in `version`).
//!
//! **Architecture Invariant:** a migration works on `serde_json::Value` with literals, never on today's
//! Rust types or shipped data, because those describe only the latest layout: a v1 → v2 step written
//! against today's types would silently change meaning the day v3 changes them.

use std::fmt;

use serde_json::Value;

/// One step in a registry: turns a layout of version `from` into version `from + 1`.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version this step reads; it writes `from + 1`.
    pub from: u32,
    /// A few words, shown in the import report ("升级自第 1 版：增加人员、评分").
    pub title: &'static str,
    /// What changed and why, in plain words; required, like Excalidraw's registry.
    pub description: &'static str,
    /// Pure: no clock, no storage, no today's-type deserialisation (see the module doc).
    pub apply: fn(Value) -> Result<Value, MigrationError>,
}

/// Why a migration could not run: the old file is damaged in a way the step cannot repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationError {
    pub reason: String,
}

impl MigrationError {
    pub fn new(reason: impl Into<String>) -> MigrationError {
        MigrationError {
            reason: reason.into(),
        }
    }
}

impl fmt::Display for MigrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for MigrationError {}

/// The exchange file's registry. Entry `n` turns `format_version` n into n + 1; the runner writes the
/// new version number, a step only changes the layout. See `super::FORMAT_VERSION` before adding one.
pub const MIGRATIONS: &[Migration] = &[Migration {
    from: 1,
    title: "增加人员、评分、评分设置和脱敏标记",
    description: "第 1 版的自评内容只有 profile 和 answers。第 2 版在自评内容（以及备份中的自评）里增加 \
                  people 和 ratings（升级时为空列表）与 rating_settings（缺省即本应用自带的评分设置，与第 1 版 \
                  时各科室实际使用的相同），在年度方案里增加 rating_settings（升级时为 null，即不改动各科室的设置），\
                  并在文件头增加 sanitized 标记（升级时为 false）。",
    apply: v1_to_v2,
}];

/// Checks a registry the way Excalidraw's `schema.ts` does at load time (here in a test): steps start
/// at version 1, go up by one, end at `latest`, and each says what it does.
pub fn check_registry(migrations: &[Migration], latest: u32) -> Result<(), String> {
    let mut expected = 1;
    for m in migrations {
        if m.from != expected {
            return Err(format!(
                "migration from {} found where one from {expected} was expected",
                m.from
            ));
        }
        if m.title.trim().is_empty() || m.description.trim().is_empty() {
            return Err(format!(
                "migration from {} needs a title and a description",
                m.from
            ));
        }
        expected += 1;
    }
    if expected != latest {
        return Err(format!(
            "migrations end at version {expected} but the latest version is {latest}"
        ));
    }
    Ok(())
}

/// Runs every step from `from` up to `to` and writes the new number into `version_key` after each.
/// Returns the migrated value and the steps applied; on failure, the step's `from` and its error.
pub fn run(
    migrations: &'static [Migration],
    mut value: Value,
    version_key: &str,
    from: u32,
    to: u32,
) -> Result<(Value, Vec<&'static Migration>), (u32, MigrationError)> {
    let mut applied = Vec::new();
    let mut version = from;
    while version < to {
        let Some(step) = migrations.iter().find(|m| m.from == version) else {
            return Err((
                version,
                MigrationError::new(format!("没有从第 {version} 版升级的方法")),
            ));
        };
        value = (step.apply)(value).map_err(|e| (version, e))?;
        version += 1;
        match value.as_object_mut() {
            Some(map) => {
                map.insert(version_key.to_string(), Value::from(version));
            }
            None => {
                return Err((
                    version - 1,
                    MigrationError::new("升级后的内容不是 JSON 对象"),
                ))
            }
        }
        applied.push(step);
    }
    Ok((value, applied))
}

/// What v2 added to an assessment, as literals (a migration never reads today's types).
/// `rating_settings` is left out on purpose: in v2, as today, a missing `rating_settings` reads as the
/// app's shipped defaults, which is what a v1 department was using.
fn add_assessment_fields(assessment: &mut Value, at: &str) -> Result<(), MigrationError> {
    let map = assessment
        .as_object_mut()
        .ok_or_else(|| MigrationError::new(format!("{at} 不是 JSON 对象")))?;
    map.entry("people")
        .or_insert_with(|| Value::Array(Vec::new()));
    map.entry("ratings")
        .or_insert_with(|| Value::Array(Vec::new()));
    Ok(())
}

fn v1_to_v2(mut file: Value) -> Result<Value, MigrationError> {
    let envelope = file
        .as_object_mut()
        .ok_or_else(|| MigrationError::new("文件不是 JSON 对象"))?;
    envelope.entry("sanitized").or_insert(Value::Bool(false));
    let kind = envelope
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let content = envelope
        .get_mut("content")
        .ok_or_else(|| MigrationError::new("文件缺少 content"))?;
    match kind.as_str() {
        "assessment" => add_assessment_fields(content, "content")?,
        "backup" => {
            if let Some(assessment) = content.pointer_mut("/state/assessment") {
                add_assessment_fields(assessment, "content.state.assessment")?;
            }
        }
        "annual_plan" => {
            let map = content
                .as_object_mut()
                .ok_or_else(|| MigrationError::new("content 不是 JSON 对象"))?;
            map.entry("rating_settings").or_insert(Value::Null);
        }
        other => {
            return Err(MigrationError::new(format!(
                "第 1 版文件没有“{other}”这种内容"
            )))
        }
    }
    Ok(file)
}

/// Gives every person of an assessment (a JSON object with `profile`, `people`, `ratings`) an id no
/// other department's file can share, and rewrites the ratings' `person_id` to match. Until format 3
/// ids were numbered per department (`p1`, `p2` …), so two departments' files collided. The new id
/// is derived from the department and the old id (`p-` and 13 characters of SHA-256 over
/// `unit|department|year|old id`), so two colleagues' copies of one department's file still agree,
/// and running the step twice changes nothing (an id that already starts with `p-` is kept).
pub(crate) fn make_person_ids_unique(assessment: &mut Value) -> Result<(), MigrationError> {
    use sha2::{Digest, Sha256};
    let Some(map) = assessment.as_object_mut() else {
        return Err(MigrationError::new("自评内容不是 JSON 对象"));
    };
    let profile = map.get("profile").cloned().unwrap_or(Value::Null);
    let text = |k: &str| {
        profile
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let year = profile.get("year").and_then(Value::as_i64).unwrap_or(0);
    let department = format!("{}|{}|{year}", text("unit"), text("department"));
    let new_id = |old: &str| -> String {
        if old.starts_with("p-") {
            return old.to_string();
        }
        let digest = Sha256::digest(format!("{department}|{old}").as_bytes());
        let entropy = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        // Written out here rather than calling `record::new_id`: a migration is frozen (module
        // doc), and this is the v3 id layout, whatever later versions make new ids look like.
        const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
        let tail: String = (0..13)
            .rev()
            .map(|i| ALPHABET[((entropy >> (i * 5)) & 31) as usize] as char)
            .collect();
        format!("p-{tail}")
    };
    let mut renamed = std::collections::BTreeMap::new();
    if let Some(Value::Array(people)) = map.get_mut("people") {
        for person in people.iter_mut() {
            if let Some(Value::String(id)) = person.get_mut("id") {
                let fresh = new_id(id);
                renamed.insert(id.clone(), fresh.clone());
                *id = fresh;
            }
        }
    }
    if let Some(Value::Array(ratings)) = map.get_mut("ratings") {
        for rating in ratings.iter_mut() {
            if let Some(Value::String(id)) = rating.get_mut("person_id") {
                // A rating of nobody in the list keeps pointing at nobody, under a new name that
                // cannot attach to a real person either.
                *id = renamed
                    .get(id.as_str())
                    .cloned()
                    .unwrap_or_else(|| new_id(id));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noop(v: Value) -> Result<Value, MigrationError> {
        Ok(v)
    }

    const fn step(from: u32) -> Migration {
        Migration {
            from,
            title: "t",
            description: "d",
            apply: noop,
        }
    }

    #[test]
    fn the_exchange_registry_is_contiguous_and_ends_at_the_format_version() {
        assert_eq!(check_registry(MIGRATIONS, crate::FORMAT_VERSION), Ok(()));
    }

    #[test]
    fn registry_check_catches_gaps_wrong_ends_and_missing_descriptions() {
        assert_eq!(check_registry(&[], 1), Ok(()));
        assert!(check_registry(&[step(1), step(3)], 4).is_err());
        assert!(check_registry(&[step(2)], 3).is_err());
        assert!(check_registry(&[step(1)], 3).is_err());
        let blank = Migration {
            description: " ",
            ..step(1)
        };
        assert!(check_registry(&[blank], 2).is_err());
    }

    #[test]
    fn run_writes_each_new_version_number() {
        let (v, applied) = run(
            MIGRATIONS,
            serde_json::json!({"format_version": 1, "kind": "annual_plan", "content": {}}),
            "format_version",
            1,
            2,
        )
        .unwrap();
        assert_eq!(v["format_version"], 2);
        assert_eq!(v["sanitized"], false);
        assert_eq!(v["content"]["rating_settings"], Value::Null);
        assert_eq!(applied.len(), 1);
    }

    #[test]
    fn v1_to_v2_refuses_unknown_kinds_and_missing_content() {
        assert!(v1_to_v2(serde_json::json!({"kind": "photo", "content": {}})).is_err());
        assert!(v1_to_v2(serde_json::json!({"kind": "assessment"})).is_err());
        assert!(v1_to_v2(serde_json::json!([1])).is_err());
    }
}
