//! Bringing another copy of a department's data into the local one: a department's file imported by
//! the office, or colleagues who filled in different chapters of the same department.
//!
//! Two steps, so nothing is applied before the user has seen it: [`plan_merge`] compares record by
//! record and lists every entry ([`Change::Added`] / [`Change::Changed`] / [`Change::Unchanged`] /
//! [`Change::Conflict`]); [`apply_merge`] applies the plan with the user's choice for every conflict,
//! and refuses while any conflict is undecided.
//!
//! Records are compared as JSON (`serde_json::Value`), so the merge works on every part of an
//! assessment, including parts added later, without knowing their types:
//! - `profile`: field by field;
//! - `answers`: by item id; `people` and `ratings`: by `id` (a map by key, or a list of objects
//!   with an `id` field);
//! - any other top-level field (e.g. `rating_settings`): as one record.
//!
//! The rule for one record, local `L`, incoming `I`, base `B` (the state at the last export or
//! import, `StoredState::sync_base`). A record that is absent or blank (no response, no text) counts
//! as empty; `updated_at` alone never makes two records differ.
//! 1. `L` = `I`: unchanged.
//! 2. `I` empty: unchanged (keep local). A merge never deletes.
//! 3. with a base, `I` = `B`: unchanged (only the local side changed it).
//! 4. `L` empty: added (take incoming).
//! 5. with a base, `L` = `B`: changed (only the incoming side changed it; take incoming) — unless
//!    the incoming record's `updated_at` is older than the local one's: then the file is staler than
//!    the local data (a colleague who never saw a third colleague's edit), and it is a conflict.
//! 6. otherwise: conflict; the user chooses; both sides' `updated_at` are shown, the newer suggested.
//!
//! The base is one assessment: after an export the app records what it exported, after an import
//! what it imported ([`StoredState::mark_synced`]). Merging the same file twice then changes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::canonical::checksum;
use super::envelope::{AnnualPlan, Content, Kind};
use super::error::ImportError;
use super::import::Imported;
use super::path::{record_id, ItemRef, Section};
use super::state::StoredState;
use zrz_domain::plan::{Template, TemplateRef};
use zrz_domain::record::Assessment;

/// Which side of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    Local,
    Incoming,
}

/// One record in a merge: its section and id (`Section::Profile` ids are field names).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryKey {
    pub section: Section,
    pub id: String,
}

impl fmt::Display for EntryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.section {
            Section::Profile => write!(f, "基本信息 {}", profile_field_label(&self.id)),
            Section::Field(_) => f.write_str(self.section.label()),
            section => ItemRef {
                section: section.clone(),
                id: self.id.clone(),
            }
            .fmt(f),
        }
    }
}

fn profile_field_label(field: &str) -> &str {
    match field {
        "unit" => "单位名称",
        "department" => "科室/直属单位",
        "filled_by" => "填报人",
        "year" => "评估年度",
        other => other,
    }
}

/// One side of a record, as JSON (an `Answer` for `Section::Answers`; see [`Version::answer`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub value: Value,
    /// The record's `updated_at`, when it has one.
    pub updated_at: Option<DateTime<Utc>>,
}

impl Version {
    fn of(value: &Value) -> Version {
        let updated_at = value
            .get("updated_at")
            .and_then(Value::as_str)
            .and_then(|s| s.parse().ok());
        Version {
            value: value.clone(),
            updated_at,
        }
    }

    /// The record read as an answer, for showing a `Section::Answers` entry side by side.
    pub fn answer(&self) -> Option<zrz_domain::record::Answer> {
        serde_json::from_value(self.value.clone()).ok()
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
    pub key: EntryKey,
    pub change: Change,
}

impl MergeEntry {
    pub fn is_conflict(&self) -> bool {
        matches!(self.change, Change::Conflict { .. })
    }
}

/// The user's choice for each conflict.
pub type Choices = BTreeMap<EntryKey, Side>;

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
    /// Every record present on either side, in section order (profile, answers, people, ratings,
    /// other fields) and, within a section, local order then new incoming records.
    pub entries: Vec<MergeEntry>,
    /// Whether a base was available (three-way rules) or not (two-way rules).
    pub with_base: bool,
    /// The local assessment the plan was made against: applying to anything else is refused.
    local_fingerprint: String,
    /// Sections that are JSON lists in the incoming file (the rest are maps by key).
    list_sections: BTreeSet<String>,
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

    /// A choice for every conflict: the newer side where known, else local. For a "全部选较新的"
    /// button; the user can still change any of them.
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

    /// Both sides name the same unit, department and year (or the local side has none yet). The UI
    /// warns loudly when this is false: merging two departments is almost always a wrong file.
    pub fn same_department(&self) -> bool {
        self.entries.iter().all(|e| {
            e.key.section != Section::Profile
                || e.key.id == "filled_by"
                || !matches!(e.change, Change::Conflict { .. })
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// Conflicts without a choice; nothing was applied.
    Undecided { entries: Vec<EntryKey> },
    /// The local data changed after the plan was made; plan again.
    LocalChanged,
    /// A sanitised file has its names and text blanked; merging it would look like deleting them.
    Sanitized,
    /// Only assessments (and the assessment in a backup) merge; a 年度方案 is applied instead.
    NotMergeable(Kind),
    /// The merged data could not be read back: a bug.
    Internal(String),
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::Undecided { entries } => {
                let names: Vec<String> = entries.iter().take(5).map(EntryKey::to_string).collect();
                let more = if entries.len() > 5 { " 等" } else { "" };
                write!(f, "还有 {} 处冲突没有选择（{}{more}），请逐项选择保留哪一方后再合并", entries.len(), names.join("、"))
            }
            MergeError::LocalChanged => f.write_str("预览之后本地数据又有修改，请重新预览合并"),
            MergeError::Sanitized => f.write_str("这是脱敏文件，姓名和文字说明已被清空，不能合并到本地数据。请向对方索取未脱敏的原始文件"),
            MergeError::NotMergeable(kind) => write!(f, "“{}”文件不能合并。{}", kind.label(), kind.where_to_import()),
            MergeError::Internal(e) => write!(f, "合并结果无法读取（{e}）。这是本应用的错误，请导出备份并联系管理员"),
        }
    }
}

impl std::error::Error for MergeError {}

/// Plans merging an imported file into `local`: the file's assessment (or a backup's), refusing
/// sanitised files and 年度方案.
pub fn plan_import(
    local: &Assessment,
    imported: &Imported,
    base: Option<&Assessment>,
) -> Result<MergePlan, MergeError> {
    if imported.header.sanitized {
        return Err(MergeError::Sanitized);
    }
    match &imported.content {
        Content::Assessment(incoming) => Ok(plan_merge(local, incoming, base)),
        Content::Backup(state) => Ok(plan_merge(local, &state.assessment, base)),
        Content::AnnualPlan(_) => Err(MergeError::NotMergeable(Kind::AnnualPlan)),
    }
}

/// Compares `local` and `incoming` record by record (see the module doc for the rule).
pub fn plan_merge(
    local: &Assessment,
    incoming: &Assessment,
    base: Option<&Assessment>,
) -> MergePlan {
    let local_v = to_value(local);
    let incoming_v = to_value(incoming);
    let base_v = base.map(to_value);
    let mut entries = Vec::new();
    for section in sections(&local_v, &incoming_v, base_v.as_ref()) {
        let l = records(&local_v, &section);
        let i = records(&incoming_v, &section);
        let b = base_v.as_ref().map(|b| records(b, &section));
        let mut ids: Vec<&String> = l.keys_in_order();
        ids.extend(i.keys_in_order().into_iter().filter(|id| !l.contains(id)));
        for id in ids {
            let base_record = b.as_ref().map(|b| b.get(id));
            let change = decide(&section, l.get(id), i.get(id), base_record);
            entries.push(MergeEntry {
                key: EntryKey {
                    section: section.clone(),
                    id: id.clone(),
                },
                change,
            });
        }
    }
    let list_sections = incoming_v
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(_, v)| v.is_array())
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    MergePlan {
        entries,
        with_base: base.is_some(),
        local_fingerprint: checksum(&local_v),
        list_sections,
    }
}

/// Applies `plan` to `local`, taking each conflict's side from `choices`. Refuses while a conflict
/// has no choice, and if `local` is not the assessment the plan was made from.
pub fn apply_merge(
    local: &Assessment,
    plan: &MergePlan,
    choices: &Choices,
) -> Result<Assessment, MergeError> {
    let mut out = to_value(local);
    if checksum(&out) != plan.local_fingerprint {
        return Err(MergeError::LocalChanged);
    }
    let undecided: Vec<EntryKey> = plan
        .conflicts()
        .filter(|e| !choices.contains_key(&e.key))
        .map(|e| e.key.clone())
        .collect();
    if !undecided.is_empty() {
        return Err(MergeError::Undecided { entries: undecided });
    }
    for entry in &plan.entries {
        let take = match &entry.change {
            Change::Added { incoming } | Change::Changed { incoming, .. } => Some(incoming),
            Change::Conflict { incoming, .. }
                if choices.get(&entry.key) == Some(&Side::Incoming) =>
            {
                Some(incoming)
            }
            _ => None,
        };
        if let Some(version) = take {
            set_record(
                &mut out,
                &entry.key,
                version.value.clone(),
                plan.list_sections.contains(entry.key.section.key()),
            );
        }
    }
    serde_json::from_value(out).map_err(|e| MergeError::Internal(e.to_string()))
}

fn to_value(a: &Assessment) -> Value {
    serde_json::to_value(a).expect("an assessment serialises")
}

/// Profile, answers, people, ratings, then every other top-level field in name order.
fn sections(local: &Value, incoming: &Value, base: Option<&Value>) -> Vec<Section> {
    let mut out = vec![
        Section::Profile,
        Section::Answers,
        Section::People,
        Section::Ratings,
    ];
    let mut others = BTreeSet::new();
    for v in [Some(local), Some(incoming), base].into_iter().flatten() {
        if let Some(map) = v.as_object() {
            others.extend(
                map.keys()
                    .filter(|k| {
                        !matches!(
                            Section::from_key(k),
                            Section::Profile
                                | Section::Answers
                                | Section::People
                                | Section::Ratings
                        )
                    })
                    .cloned(),
            );
        }
    }
    out.extend(others.into_iter().map(Section::Field));
    out
}

/// A section's records by id, keeping their order.
struct Records {
    order: Vec<String>,
    by_id: BTreeMap<String, Value>,
}

impl Records {
    fn keys_in_order(&self) -> Vec<&String> {
        self.order.iter().collect()
    }
    fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }
    fn get(&self, id: &str) -> Option<&Value> {
        self.by_id.get(id)
    }
    fn push(&mut self, id: String, value: Value) {
        if self.by_id.insert(id.clone(), value).is_none() {
            self.order.push(id);
        }
    }
}

fn records(assessment: &Value, section: &Section) -> Records {
    let mut out = Records {
        order: Vec::new(),
        by_id: BTreeMap::new(),
    };
    let Some(value) = assessment.get(section.key()) else {
        return out;
    };
    match section {
        Section::Field(name) => out.push(name.clone(), value.clone()),
        _ => match value {
            Value::Object(map) => map.iter().for_each(|(k, v)| out.push(k.clone(), v.clone())),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    out.push(record_id(section, item, i), item.clone());
                }
            }
            _ => {}
        },
    }
    out
}

/// Writes one record into an assessment value.
fn set_record(assessment: &mut Value, key: &EntryKey, value: Value, incoming_is_list: bool) {
    let Some(root) = assessment.as_object_mut() else {
        return;
    };
    if let Section::Field(name) = &key.section {
        root.insert(name.clone(), value);
        return;
    }
    let slot = root
        .entry(key.section.key().to_string())
        .or_insert(Value::Null);
    if slot.is_null() {
        *slot = if incoming_is_list {
            Value::Array(Vec::new())
        } else {
            Value::Object(Map::new())
        };
    }
    match slot {
        Value::Object(map) => {
            map.insert(key.id.clone(), value);
        }
        Value::Array(items) => {
            let position = items
                .iter()
                .enumerate()
                .position(|(i, item)| record_id(&key.section, item, i) == key.id);
            match position {
                Some(p) => items[p] = value,
                None => items.push(value),
            }
        }
        _ => {}
    }
}

/// Nothing worth keeping: null, empty text, no items, false, or an object of such. In the profile a
/// year of 0 (not filled in) is empty too.
fn is_blank(v: &Value, zero_is_blank: bool) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.iter().all(|i| is_blank(i, false)),
        Value::Object(map) => map.values().all(|i| is_blank(i, false)),
        Value::Number(n) => zero_is_blank && n.as_f64() == Some(0.0),
    }
}

/// A record for comparison: `None` if empty, and without its `updated_at`.
fn normalised(v: Option<&Value>, section: &Section) -> Option<Value> {
    let v = v?;
    if is_blank(v, *section == Section::Profile) {
        return None;
    }
    let mut v = v.clone();
    if let Value::Object(map) = &mut v {
        map.remove("updated_at");
        if map.values().all(|i| is_blank(i, false)) {
            return None;
        }
    }
    Some(v)
}

fn decide(
    section: &Section,
    local: Option<&Value>,
    incoming: Option<&Value>,
    base: Option<Option<&Value>>,
) -> Change {
    let l = normalised(local, section);
    let i = normalised(incoming, section);
    let b = base.map(|b| normalised(b, section));
    if l == i || i.is_none() {
        return Change::Unchanged;
    }
    if let Some(b) = &b {
        if &i == b {
            return Change::Unchanged;
        }
    }
    let incoming = Version::of(incoming.expect("a non-empty record is present"));
    let Some(local) = local.filter(|_| l.is_some()) else {
        return Change::Added { incoming };
    };
    let local = Version::of(local);
    let newer = match (local.updated_at, incoming.updated_at) {
        (Some(a), Some(b)) if a > b => Some(Side::Local),
        (Some(a), Some(b)) if b > a => Some(Side::Incoming),
        _ => None,
    };
    if b.as_ref() == Some(&l) && newer != Some(Side::Local) {
        return Change::Changed { local, incoming };
    }
    Change::Conflict {
        local,
        incoming,
        newer,
    }
}

/// What importing a 年度方案 does, for the preview and the report afterwards.
#[derive(Debug, Clone)]
pub struct AnnualPlanUpdate {
    /// The state to save once the user confirms: new template and settings, every answer kept.
    pub state: StoredState,
    pub previous: TemplateRef,
    pub next: TemplateRef,
    /// Answers whose item the new template still has.
    pub kept: Vec<String>,
    /// Answers whose item the new template no longer has: still in `answers`, kept aside (shown as
    /// such, and used again if a later template brings the item back). Never deleted.
    pub set_aside: Vec<String>,
    /// The plan carried rating settings and they replaced the local ones.
    pub settings_replaced: bool,
}

/// Applies a 年度方案 to the local state: template and rating settings replaced, answers untouched.
pub fn apply_annual_plan(
    state: &StoredState,
    current: &Template,
    plan: &AnnualPlan,
) -> Result<AnnualPlanUpdate, ImportError> {
    let template =
        Template::from_value(&plan.template).map_err(|e| ImportError::InvalidTemplate {
            at: e.at,
            problem: e.problem,
        })?;
    let next = template.reference();
    let mut new_state = state.clone();
    new_state.template = Some(plan.template.clone());
    let mut settings_replaced = false;
    if let Some(settings) = &plan.rating_settings {
        settings_replaced = *settings != state.assessment.rating_settings;
        new_state.assessment.rating_settings = settings.clone();
    }
    let (kept, set_aside) = state
        .assessment
        .answers
        .keys()
        .cloned()
        .partition(|id| template.item(id).is_some());
    Ok(AnnualPlanUpdate {
        state: new_state,
        previous: current.reference(),
        next,
        kept,
        set_aside,
        settings_replaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use zrz_domain::record::{Answer, Response};

    fn answer(response: Response, note: &str) -> Answer {
        Answer {
            response: Some(response),
            note: note.into(),
            ..Answer::default()
        }
    }

    fn with(answers: &[(&str, Answer)]) -> Assessment {
        let mut a = Assessment::default();
        for (id, ans) in answers {
            a.answers.insert(id.to_string(), ans.clone());
        }
        a
    }

    fn change_of<'p>(plan: &'p MergePlan, id: &str) -> &'p Change {
        &plan
            .entries
            .iter()
            .find(|e| e.key.section == Section::Answers && e.key.id == id)
            .unwrap()
            .change
    }

    #[test]
    fn two_way_rules() {
        let local = with(&[
            ("a", answer(Response::Implemented, "")),
            ("b", answer(Response::Partial, "x")),
            ("c", Answer::default()),
        ]);
        let incoming = with(&[
            ("a", answer(Response::Implemented, "")),
            ("b", answer(Response::Partial, "y")),
            ("c", answer(Response::Partial, "")),
            ("d", answer(Response::NotApplicable, "r")),
        ]);
        let plan = plan_merge(&local, &incoming, None);
        assert_eq!(change_of(&plan, "a"), &Change::Unchanged);
        assert!(matches!(
            change_of(&plan, "b"),
            Change::Conflict { newer: None, .. }
        ));
        assert!(matches!(change_of(&plan, "c"), Change::Added { .. }));
        assert!(matches!(change_of(&plan, "d"), Change::Added { .. }));
        assert_eq!(
            plan.counts(),
            MergeCounts {
                added: 2,
                changed: 0,
                // a; four profile fields; rating_settings, ledger, tasks, findings (each one record).
                unchanged: 9,
                conflicts: 1
            }
        );
    }

    #[test]
    fn three_way_takes_one_sided_changes_and_never_deletes() {
        let base = with(&[
            ("a", answer(Response::Partial, "")),
            ("b", answer(Response::Partial, "")),
            ("c", answer(Response::Partial, "")),
        ]);
        let local = with(&[
            ("a", answer(Response::Implemented, "")),
            ("b", answer(Response::Partial, "")),
            ("c", answer(Response::Partial, "")),
        ]);
        let incoming = with(&[
            ("a", answer(Response::Partial, "")),
            ("b", answer(Response::NotImplemented, "r")),
        ]);
        let plan = plan_merge(&local, &incoming, Some(&base));
        assert_eq!(change_of(&plan, "a"), &Change::Unchanged);
        assert!(matches!(change_of(&plan, "b"), Change::Changed { .. }));
        assert_eq!(change_of(&plan, "c"), &Change::Unchanged);
        let merged = apply_merge(&local, &plan, &Choices::new()).unwrap();
        assert_eq!(merged.answers["a"].response, Some(Response::Implemented));
        let t = |h| {
            Some(
                DateTime::parse_from_rfc3339(&format!("2025-03-01T{h:02}:00:00Z"))
                    .unwrap()
                    .with_timezone(&Utc),
            )
        };
        let base = with(&[(
            "a",
            Answer {
                updated_at: t(9),
                ..answer(Response::Partial, "")
            },
        )]);
        let stale = with(&[(
            "a",
            Answer {
                updated_at: t(8),
                ..answer(Response::NotImplemented, "旧")
            },
        )]);
        let plan = plan_merge(&base, &stale, Some(&base));
        assert!(
            matches!(
                change_of(&plan, "a"),
                Change::Conflict {
                    newer: Some(Side::Local),
                    ..
                }
            ),
            "a staler file never silently wins"
        );
        assert_eq!(merged.answers["b"].response, Some(Response::NotImplemented));
        assert!(merged.answers.contains_key("c"));
    }

    #[test]
    fn conflicts_must_be_decided_and_the_newer_side_is_suggested() {
        let t = |h| {
            Some(
                DateTime::parse_from_rfc3339(&format!("2025-03-01T{h:02}:00:00Z"))
                    .unwrap()
                    .with_timezone(&Utc),
            )
        };
        let local = with(&[(
            "a",
            Answer {
                updated_at: t(9),
                ..answer(Response::Partial, "本地")
            },
        )]);
        let incoming = with(&[(
            "a",
            Answer {
                updated_at: t(10),
                ..answer(Response::Partial, "对方")
            },
        )]);
        let plan = plan_merge(&local, &incoming, None);
        let Err(MergeError::Undecided { entries }) = apply_merge(&local, &plan, &Choices::new())
        else {
            panic!("must refuse")
        };
        assert_eq!(entries[0].to_string(), "检查项 a");
        let choices = plan.suggested_choices();
        assert_eq!(choices.values().collect::<Vec<_>>(), [&Side::Incoming]);
        assert_eq!(
            apply_merge(&local, &plan, &choices).unwrap().answers["a"].note,
            "对方"
        );
        let mut edited = local.clone();
        edited.profile.unit = "改了".into();
        assert_eq!(
            apply_merge(&edited, &plan, &choices).unwrap_err(),
            MergeError::LocalChanged
        );
    }

    #[test]
    fn updated_at_alone_is_not_a_difference_and_profile_year_zero_is_empty() {
        let t = DateTime::parse_from_rfc3339("2025-03-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let local = with(&[("a", answer(Response::Partial, "x"))]);
        let mut incoming = with(&[(
            "a",
            Answer {
                updated_at: Some(t),
                ..answer(Response::Partial, "x")
            },
        )]);
        incoming.profile.year = 2025;
        let plan = plan_merge(&local, &incoming, None);
        assert_eq!(change_of(&plan, "a"), &Change::Unchanged);
        let year = plan.entries.iter().find(|e| e.key.id == "year").unwrap();
        assert!(matches!(year.change, Change::Added { .. }));
        assert!(plan.same_department());
    }

    #[test]
    fn an_annual_plan_keeps_every_answer_and_reports_the_removed_items() {
        let mut raw: Value = serde_json::from_str(zrz_domain::plan::SHIPPED_TEMPLATE_JSON).unwrap();
        raw["version"] = "2026.1".into();
        let mut state = StoredState::default();
        state
            .assessment
            .answers
            .insert("3.1".into(), answer(Response::Implemented, ""));
        state
            .assessment
            .answers
            .insert("9.9".into(), answer(Response::Partial, "旧方案的项"));
        let update = apply_annual_plan(
            &state,
            &Template::shipped(),
            &AnnualPlan {
                template: raw,
                rating_settings: None,
            },
        )
        .unwrap();
        assert_eq!(update.kept, ["3.1"]);
        assert_eq!(update.set_aside, ["9.9"]);
        assert_eq!(update.state.assessment.answers.len(), 2);
        assert_eq!(update.next.version, "2026.1");
        assert!(update.state.template.is_some());
    }
}
