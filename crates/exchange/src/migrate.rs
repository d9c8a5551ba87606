//! Migrations: pure functions that bring an old JSON layout up to the next version, one version at a
//! time. Both versioned layouts use this: the exchange file (`MIGRATIONS`, versions in
//! `format_version`) and the localStorage record (`state::STATE_MIGRATIONS`, versions in `version`).
//!
//! **Architecture Invariant:** a migration works on `serde_json::Value` with literals, never on today's
//! Rust types or shipped data, because those describe only the latest layout: a v1 → v2 step written
//! against today's types would silently change meaning the day v3 changes them.

use std::fmt;

use serde_json::Value;

use zrz_domain::plan::TemplateRef;

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

/// Why a migration could not run: the old file is damaged in a way the step cannot repair. A small
/// code with its parameters, worded by `Display` (and by the UI in other languages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrationReason {
    /// The value at `at` (`file`, `content`, `assessment` …) is not a JSON object.
    NotAnObject { at: &'static str },
    /// The file has no `content`.
    MissingContent,
    /// A `kind` that did not exist in the version being read.
    UnknownKind { version: u32, kind: String },
    /// No step reads this version (a gap in the registry: a bug).
    NoStep { from: u32 },
    /// A step returned something that is not a JSON object (a bug).
    NotAnObjectAfter,
    /// The state record has no `state` member.
    NoState,
    /// The state record inside a 备份 could not be migrated; the state layer's reason.
    StateRecord {
        from: u32,
        reason: Box<MigrationReason>,
    },
}

/// A migration step's refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationError {
    pub reason: MigrationReason,
}

impl MigrationError {
    pub fn of(reason: MigrationReason) -> MigrationError {
        MigrationError { reason }
    }
}

/// For logs and tests: the reason as `Debug` shows it (the app words it for users).
impl fmt::Display for MigrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "migration failed: {:?}", self.reason)
    }
}

impl std::error::Error for MigrationError {}

/// The exchange file's registry. Entry `n` turns `format_version` n into n + 1; the runner writes the
/// new version number, a step only changes the layout. See `super::FORMAT_VERSION` before adding one.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        title: "增加人员、评分、评分设置和脱敏标记",
        description: "第 1 版的自评内容只有 profile 和 answers。第 2 版在自评内容（以及备份中的自评）里增加 \
                      people 和 ratings（升级时为空列表）与 rating_settings（缺省即本应用自带的评分设置，与第 1 版 \
                      时各科室实际使用的相同），在年度方案里增加 rating_settings（升级时为 null，即不改动各科室的设置），\
                      并在文件头增加 sanitized 标记（升级时为 false）。",
        apply: v1_to_v2,
    },
    Migration {
        from: 2,
        title: "人员标识全局唯一，增加台账、整改任务、核查意见，方案哈希改用成文规则",
        description: "第 2 版的人员标识按科室编号（p1、p2……），不同科室的文件会撞号；第 3 版改为由单位、科室、\
                      年度和原标识算出的唯一标识（p- 开头），评分中的 person_id 随之改写（自评文件和备份中的自评都改）。\
                      自评内容增加 ledger（台账）、tasks（整改任务）、findings（核查意见），升级时为空列表。\
                      方案哈希改为 docs/format.md 中成文的规则（方案 JSON 去掉空值成员后的 RFC 8785 规范形式的 SHA-256）：\
                      随应用发布的方案按对照表改写为新哈希，年度方案按文件中的方案内容重新计算并附上各检查项的摘要；\
                      其他文件的旧哈希原样保留（没有检查项摘要的文件只按方案标识和版本比较）。新增的“核查意见”\
                      和“汇总工作区”两种文件只在第 3 版中存在。",
        apply: v2_to_v3,
    },
];

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
                MigrationError::of(MigrationReason::NoStep { from: version }),
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
                    MigrationError::of(MigrationReason::NotAnObjectAfter),
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
fn add_assessment_fields(assessment: &mut Value, at: &'static str) -> Result<(), MigrationError> {
    let map = assessment
        .as_object_mut()
        .ok_or(MigrationError::of(MigrationReason::NotAnObject { at }))?;
    map.entry("people")
        .or_insert_with(|| Value::Array(Vec::new()));
    map.entry("ratings")
        .or_insert_with(|| Value::Array(Vec::new()));
    Ok(())
}

fn v1_to_v2(mut file: Value) -> Result<Value, MigrationError> {
    let envelope =
        file.as_object_mut()
            .ok_or(MigrationError::of(MigrationReason::NotAnObject {
                at: "file",
            }))?;
    envelope.entry("sanitized").or_insert(Value::Bool(false));
    let kind = envelope
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let content = envelope
        .get_mut("content")
        .ok_or(MigrationError::of(MigrationReason::MissingContent))?;
    match kind.as_str() {
        "assessment" => add_assessment_fields(content, "content")?,
        "backup" => {
            if let Some(assessment) = content.pointer_mut("/state/assessment") {
                add_assessment_fields(assessment, "content.state.assessment")?;
            }
        }
        "annual_plan" => {
            let map = content.as_object_mut().ok_or(MigrationError::of(
                MigrationReason::NotAnObject { at: "content" },
            ))?;
            map.entry("rating_settings").or_insert(Value::Null);
        }
        other => {
            return Err(MigrationError::of(MigrationReason::UnknownKind {
                version: 1,
                kind: other.to_string(),
            }))
        }
    }
    Ok(file)
}

/// The hashes format 2 wrote for the templates shipped with the app (SHA-256 of the app's own
/// re-serialisation of the template), and the same templates' hashes by the format-3 rule. Literals:
/// the old rule cannot be recomputed from a file that does not carry its template.
const V2_SHIPPED_TEMPLATE_HASHES: &[(&str, &str)] = &[(
    // wenguang-ideology-responsibility 2024.1, shipped from the first release to format 3.
    "e1fb6778ddd8ee8be0255aca59c0caec2bc1f945394508e42433cfd5733c2bd4",
    "806f88986d88cad5232abf150569ef30b605e900458346480cb9e8ed5d81bec6",
)];

/// The item digests (format 3's rule) of the shipped template 2024.1, for the format-2 files made
/// with it: such a file names no digests, and without them the office could not tell that its items
/// are the ones of a later template version with the same items. Literals, like the hashes above;
/// `tests/fixtures/templates/2024.1.json` is that template, and a test recomputes the table from it.
pub(crate) const V2_SHIPPED_TEMPLATE_ITEMS: &[(&str, &str)] = &[
    ("3.1", "eff604043ee1"),
    ("3.2", "ca774ab35613"),
    ("3.3", "4fb3b44688ed"),
    ("3.4", "507ffc8e5ee8"),
    ("4.1.1", "65ec84fc8c31"),
    ("4.1.2", "1d2baf846d24"),
    ("4.1.3", "9a9c4540acaa"),
    ("4.1.4", "738482ecea33"),
    ("4.1.5", "7581445f01d8"),
    ("4.1.6", "eb74fe6909df"),
    ("4.1.7", "a4c81d7e8c5d"),
    ("4.1.8", "d30a7eb28160"),
    ("4.1.9", "9ee49115cedb"),
    ("4.2.1", "2944af2ed1f0"),
    ("4.2.2", "d424fe20ff95"),
    ("4.2.3", "047877789be5"),
    ("4.3.1", "37301d160d71"),
    ("4.3.2", "7fa382f78132"),
    ("4.3.3", "36e717bd2bd6"),
    ("4.3.4", "3905f078c2d3"),
    ("4.4.1", "9ac52f829334"),
    ("4.4.2", "ff62add88a1d"),
    ("4.4.4", "fcd43152617b"),
    ("4.4.5", "1b0f2a893083"),
    ("4.5.1", "e8edbd3d5717"),
    ("4.5.2", "d8f075fd2814"),
    ("4.5.3", "b15ca41d404f"),
    ("4.6.1", "d09ce93342c2"),
    ("4.6.2", "830eed3d2268"),
    ("4.6.3", "29b705104a5b"),
    ("4.6.4", "4b7cda48786c"),
    ("4.6.5", "fd0980cca184"),
    ("4.6.6", "e48da5f73166"),
    ("4.7.1", "ddbaf064ec4f"),
    ("4.7.2", "5ebab70a1455"),
    ("4.8.1", "5a08207ec89a"),
    ("4.8.2", "1131b6603ef7"),
    ("4.8.3", "586c0991c7d0"),
    ("6.1", "d6149a014630"),
    ("6.2", "6b70a19ea942"),
    ("6.3", "8090e1f13cde"),
    ("6.4", "9f19096dacba"),
    ("6.5", "2e1c9c8030ec"),
    ("7.1", "7b658a47e09d"),
    ("7.2", "73d0d5fde9ce"),
    ("7.3", "b96387ae8522"),
    ("7.4", "e69cf0d2df16"),
    ("7.5", "1c4afd01af63"),
    ("7.6", "dcd042945261"),
    ("7.7", "b66287548569"),
    ("7.8", "b25ec027b2ba"),
    ("7.9", "eb7370d65569"),
    ("7.10", "d9442ea60bb1"),
];

/// What format 3 adds to an assessment, as literals, and its people's ids made unique.
fn upgrade_assessment(assessment: &mut Value, at: &'static str) -> Result<(), MigrationError> {
    let map = assessment
        .as_object_mut()
        .ok_or(MigrationError::of(MigrationReason::NotAnObject { at }))?;
    for list in ["ledger", "tasks", "findings"] {
        map.entry(list).or_insert_with(|| Value::Array(Vec::new()));
    }
    make_person_ids_unique(assessment)
}

fn v2_to_v3(mut file: Value) -> Result<Value, MigrationError> {
    let envelope =
        file.as_object_mut()
            .ok_or(MigrationError::of(MigrationReason::NotAnObject {
                at: "file",
            }))?;
    let kind = envelope
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let content = envelope
        .get_mut("content")
        .ok_or(MigrationError::of(MigrationReason::MissingContent))?;
    let mut reference = None;
    match kind.as_str() {
        "assessment" => upgrade_assessment(content, "content")?,
        "backup" => {
            if let Some(assessment) = content.pointer_mut("/state/assessment") {
                upgrade_assessment(assessment, "content.state.assessment")?;
            }
        }
        // The hash of the template the file carries, by the format-3 rule (which is fixed for this
        // step: a later rule would be a new function), with its items' digests.
        "annual_plan" => {
            reference = content.get("template").filter(|t| t.is_object()).map(|t| {
                serde_json::to_value(TemplateRef::of_json(t))
                    .expect("a template reference serialises")
            });
        }
        other => {
            return Err(MigrationError::of(MigrationReason::UnknownKind {
                version: 2,
                kind: other.to_string(),
            }))
        }
    }
    match (reference, envelope.get_mut("template")) {
        (Some(reference), _) => {
            envelope.insert("template".into(), reference);
        }
        (None, Some(Value::Object(template))) => {
            let old = template.get("hash").and_then(Value::as_str).unwrap_or("");
            if let Some((_, new)) = V2_SHIPPED_TEMPLATE_HASHES.iter().find(|(o, _)| *o == old) {
                template.insert("hash".into(), Value::from(*new));
                let items: serde_json::Map<String, Value> = V2_SHIPPED_TEMPLATE_ITEMS
                    .iter()
                    .map(|(id, digest)| (id.to_string(), Value::from(*digest)))
                    .collect();
                template.entry("items").or_insert(Value::Object(items));
            }
        }
        (None, _) => {}
    }
    Ok(file)
}

/// Gives every person of an assessment (a JSON object with `profile`, `people`, `ratings`) an id no
/// other department's file can share, and rewrites the ratings' `person_id` to match. Until format 3
/// ids were numbered per department (`p1`, `p2` …), so two departments' files collided. The new id
/// is derived from the department and the old id (`p-` and 13 characters of SHA-256 over
/// `unit|department|year|old id`), so two colleagues' copies of one department's file still agree,
/// and running the step twice changes nothing (an id that already starts with `p-` is kept). Each
/// person also gets `order`, their place in the list, where they have none.
pub(crate) fn make_person_ids_unique(assessment: &mut Value) -> Result<(), MigrationError> {
    use sha2::{Digest, Sha256};
    let Some(map) = assessment.as_object_mut() else {
        return Err(MigrationError::of(MigrationReason::NotAnObject {
            at: "assessment",
        }));
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
        for (position, person) in people.iter_mut().enumerate() {
            // Format 3 keeps the order people were entered in a field of their own (ids no
            // longer sort that way); before, it was their place in the list.
            if let Some(person) = person.as_object_mut() {
                person.entry("order").or_insert(Value::from(position));
            }
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

    #[test]
    fn the_literal_tables_of_template_2024_1_follow_the_format_3_rules() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/templates/2024.1.json"
        ))
        .unwrap();
        let template: Value = serde_json::from_str(&text).unwrap();
        let reference = TemplateRef::of_json(&template);
        assert_eq!(reference.hash, V2_SHIPPED_TEMPLATE_HASHES[0].1);
        let table: std::collections::BTreeMap<String, String> = V2_SHIPPED_TEMPLATE_ITEMS
            .iter()
            .map(|(id, d)| (id.to_string(), d.to_string()))
            .collect();
        assert_eq!(reference.items, table);
    }

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
        assert_eq!(v.get("sanitized"), Some(&Value::Bool(false)));
        // Inserted as null, not merely absent (indexing would read both as null).
        assert_eq!(v["content"].get("rating_settings"), Some(&Value::Null));
        assert_eq!(applied.len(), 1);
    }

    #[test]
    fn v1_to_v2_refuses_unknown_kinds_and_missing_content() {
        assert!(v1_to_v2(serde_json::json!({"kind": "photo", "content": {}})).is_err());
        assert!(v1_to_v2(serde_json::json!({"kind": "assessment"})).is_err());
        assert!(v1_to_v2(serde_json::json!([1])).is_err());
    }

    #[test]
    fn v1_to_v2_refusals_name_their_reason() {
        let err = |v: Value| v1_to_v2(v).unwrap_err().reason;
        assert_eq!(
            err(serde_json::json!({"kind": "photo", "content": {}})),
            MigrationReason::UnknownKind {
                version: 1,
                kind: "photo".into()
            }
        );
        assert_eq!(
            err(serde_json::json!({"kind": "assessment"})),
            MigrationReason::MissingContent
        );
        assert_eq!(
            err(serde_json::json!({"kind": "assessment", "content": [1]})),
            MigrationReason::NotAnObject { at: "content" }
        );
    }

    fn v2_file(kind: &str, content: Value) -> Value {
        serde_json::json!({
            "format": "zrz-exchange", "format_version": 2, "kind": kind,
            "template": {"id": "wenguang-ideology-responsibility", "version": "2024.1",
                         "hash": "e1fb6778ddd8ee8be0255aca59c0caec2bc1f945394508e42433cfd5733c2bd4"},
            "content": content
        })
    }

    #[test]
    fn v2_to_v3_makes_ids_unique_adds_the_new_lists_and_rewrites_the_shipped_hash() {
        let v2 = v2_file(
            "assessment",
            serde_json::json!({
                "profile": {"unit": "县文化广播影视局", "department": "办公室", "year": 2025},
                "people": [{"id": "p1", "name": "李四"}],
                "ratings": [{"person_id": "p1", "dimension": "de", "role": "self", "value": {"score": 90}}],
                "ledger": [{"id": "e-kept"}]
            }),
        );
        let v3 = v2_to_v3(v2).unwrap();
        let content = &v3["content"];
        let id = content["people"][0]["id"].as_str().unwrap();
        assert!(id.starts_with("p-") && id.len() == 15, "{id}");
        assert_eq!(content["ratings"][0]["person_id"], id);
        assert_eq!(content["ledger"], serde_json::json!([{"id": "e-kept"}]));
        assert_eq!(content.get("tasks"), Some(&serde_json::json!([])));
        assert_eq!(content.get("findings"), Some(&serde_json::json!([])));
        assert_eq!(
            v3["template"]["hash"],
            "806f88986d88cad5232abf150569ef30b605e900458346480cb9e8ed5d81bec6"
        );
        // The shipped template's items, from the literal table: compared item by item later.
        assert_eq!(v3["template"]["items"]["3.1"], "eff604043ee1");
        assert_eq!(
            v3["template"]["items"].as_object().unwrap().len(),
            V2_SHIPPED_TEMPLATE_ITEMS.len()
        );
        // Twice is the same as once.
        assert_eq!(v2_to_v3(v3.clone()).unwrap(), v3);
    }

    #[test]
    fn v2_to_v3_keeps_unknown_hashes_and_reaches_into_backups() {
        let mut v2 = v2_file(
            "backup",
            serde_json::json!({"format": "zrz-state", "version": 1, "state": {"assessment": {
                "profile": {"unit": "u", "department": "d", "year": 2025},
                "people": [{"id": "p1"}], "ratings": []}}}),
        );
        v2["template"]["hash"] = "abc".into();
        let v3 = v2_to_v3(v2).unwrap();
        assert_eq!(v3["template"]["hash"], "abc");
        let assessment = &v3["content"]["state"]["assessment"];
        assert!(assessment["people"][0]["id"]
            .as_str()
            .unwrap()
            .starts_with("p-"));
        assert_eq!(assessment.get("ledger"), Some(&serde_json::json!([])));
    }

    #[test]
    fn v2_to_v3_hashes_an_annual_plans_template_from_its_content() {
        let template = serde_json::json!({"id": "t", "version": "1", "parts": [{"chapters": [{"items": [
            {"id": "1.1", "text": "原文", "kind": "task", "dimension": "de", "points": 100}]}]}]});
        let v3 = v2_to_v3(v2_file(
            "annual_plan",
            serde_json::json!({"template": template, "rating_settings": null}),
        ))
        .unwrap();
        assert_eq!(v3["template"]["id"], "t");
        assert_eq!(
            v3["template"]["hash"],
            zrz_domain::plan::template_hash(&template)
        );
        assert_eq!(
            v3["template"]["items"]["1.1"],
            zrz_domain::plan::item_digest(&template["parts"][0]["chapters"][0]["items"][0])
        );
    }

    #[test]
    fn v2_to_v3_refuses_kinds_that_format_2_did_not_have() {
        for kind in ["findings", "workspace", ""] {
            assert!(matches!(
                v2_to_v3(v2_file(kind, serde_json::json!({})))
                    .unwrap_err()
                    .reason,
                MigrationReason::UnknownKind { version: 2, .. }
            ));
        }
        assert_eq!(
            v2_to_v3(serde_json::json!({"kind": "assessment"}))
                .unwrap_err()
                .reason,
            MigrationReason::MissingContent
        );
        assert_eq!(
            v2_to_v3(v2_file("assessment", serde_json::json!("x")))
                .unwrap_err()
                .reason,
            MigrationReason::NotAnObject { at: "content" }
        );
    }
}
