//! Two tabs of the app open on the same browser profile share one localStorage record. When one tab
//! learns that the other wrote it, it merges the other's record into its own instead of letting the
//! later write win wholesale: edits to different items in both tabs all survive, and an edit to the
//! same item in both keeps the newer one (by `updated_at`) and says so.
//!
//! The merge is three-way over the records' JSON: `base` is the record this tab last wrote or read
//! (what both sides started from), `mine` is this tab's state, `theirs` the record now stored.
//! - a value changed on one side only takes that side;
//! - objects changed on both sides are merged key by key; so are arrays whose elements all carry an
//!   identity (`id`, or a rating's person/dimension/role/rater);
//! - anything else changed differently on both sides is a conflict: a record with `updated_at`
//!   (an answer, a rating) keeps the newer; other values keep `theirs`, the later write.

use serde_json::{Map, Value};

use super::state::{StateError, StoredState};

/// One value that both tabs changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabConflict {
    /// Dotted JSON path inside the record, e.g. `assessment.answers.4.1.1`.
    pub path: String,
    /// Whether this tab's version was kept (it was newer).
    pub kept_mine: bool,
}

impl TabConflict {
    /// What the user is told, in Chinese.
    pub fn describe(&self) -> String {
        let what = match self.path.strip_prefix("assessment.answers.") {
            Some(item) => format!("检查项 {item}"),
            None if self.path.starts_with("assessment.ratings") => "评分".to_string(),
            None if self.path.starts_with("assessment.people") => "人员信息".to_string(),
            None if self.path.starts_with("assessment.profile") => "单位信息".to_string(),
            None => self.path.clone(),
        };
        let kept = if self.kept_mine {
            "本窗口"
        } else {
            "另一窗口"
        };
        format!("{what}在两个窗口中都被修改，已保留较新的修改（{kept}）")
    }
}

#[derive(Debug, Clone)]
pub struct TabMerge {
    pub state: StoredState,
    pub conflicts: Vec<TabConflict>,
}

pub fn merge_tabs(
    base: &StoredState,
    mine: &StoredState,
    theirs: &StoredState,
) -> Result<TabMerge, StateError> {
    let mut conflicts = Vec::new();
    let merged = merge_value(
        Some(&base.to_value_plain()),
        Some(&mine.to_value_plain()),
        Some(&theirs.to_value_plain()),
        "",
        &mut conflicts,
    )
    .unwrap_or(Value::Null);
    let state = serde_json::from_value(merged).map_err(|e| StateError::Invalid(e.to_string()))?;
    Ok(TabMerge { state, conflicts })
}

impl StoredState {
    fn to_value_plain(&self) -> Value {
        serde_json::to_value(self).expect("stored state always serialises")
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn merge_value(
    base: Option<&Value>,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    path: &str,
    conflicts: &mut Vec<TabConflict>,
) -> Option<Value> {
    if mine == theirs || theirs == base {
        return mine.cloned();
    }
    if mine == base {
        return theirs.cloned();
    }
    match (mine, theirs) {
        (Some(Value::Object(m)), Some(Value::Object(t))) if !(is_record(m) && is_record(t)) => {
            let empty = Map::new();
            let b = match base {
                Some(Value::Object(b)) => b,
                _ => &empty,
            };
            let mut out = Map::new();
            let keys = m.keys().chain(t.keys().filter(|k| !m.contains_key(*k)));
            for key in keys {
                if let Some(v) = merge_value(
                    b.get(key),
                    m.get(key),
                    t.get(key),
                    &join(path, key),
                    conflicts,
                ) {
                    out.insert(key.clone(), v);
                }
            }
            Some(Value::Object(out))
        }
        (Some(Value::Array(m)), Some(Value::Array(t))) if keyed(m) && keyed(t) => {
            let empty = Vec::new();
            let b = match base {
                Some(Value::Array(b)) if keyed(b) => b,
                _ => &empty,
            };
            let find = |list: &'_ [Value], key: &str| {
                list.iter()
                    .find(|v| identity(v).as_deref() == Some(key))
                    .cloned()
            };
            let mut keys: Vec<String> = m.iter().filter_map(identity).collect();
            keys.extend(
                t.iter()
                    .filter_map(identity)
                    .filter(|k| !keys.contains(k))
                    .collect::<Vec<_>>(),
            );
            let out = keys
                .iter()
                .filter_map(|key| {
                    merge_value(
                        find(b, key).as_ref(),
                        find(m, key).as_ref(),
                        find(t, key).as_ref(),
                        &join(path, key),
                        conflicts,
                    )
                })
                .collect();
            Some(Value::Array(out))
        }
        _ => {
            let kept_mine = match (mine, theirs) {
                (Some(Value::Object(m)), Some(Value::Object(t))) => updated_at(m) > updated_at(t),
                // Deleted here and edited there (or the reverse): keep the edit, lose nothing.
                (None, Some(_)) => false,
                (Some(_), None) => true,
                _ => false,
            };
            conflicts.push(TabConflict {
                path: path.to_string(),
                kept_mine,
            });
            if kept_mine {
                mine.cloned()
            } else {
                theirs.cloned()
            }
        }
    }
}

fn is_record(object: &Map<String, Value>) -> bool {
    object.contains_key("updated_at")
}

fn updated_at(object: &Map<String, Value>) -> Option<chrono::DateTime<chrono::Utc>> {
    object
        .get("updated_at")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
}

/// An element's identity inside a list, when it has one.
fn identity(value: &Value) -> Option<String> {
    let object = value.as_object()?;
    if let Some(id) = object.get("id").and_then(Value::as_str) {
        return Some(id.to_string());
    }
    let part = |k: &str| object.get(k).map(|v| v.to_string());
    Some(format!(
        "{}|{}|{}|{}",
        part("person_id")?,
        part("dimension")?,
        part("role")?,
        part("rater")?
    ))
}

fn keyed(list: &[Value]) -> bool {
    let ids: Vec<_> = list.iter().map(identity).collect();
    ids.iter().all(Option::is_some) && {
        let mut sorted: Vec<_> = ids.iter().flatten().collect();
        sorted.sort();
        sorted.windows(2).all(|w| w[0] != w[1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use zrz_domain::record::{Answer, Response};

    fn answer(response: Response, note: &str, minute: u32) -> Answer {
        Answer {
            response: Some(response),
            note: note.into(),
            updated_at: Some(Utc.with_ymd_and_hms(2024, 5, 1, 9, minute, 0).unwrap()),
            ..Answer::default()
        }
    }

    fn with(answers: &[(&str, Answer)]) -> StoredState {
        let mut s = StoredState::default();
        s.assessment.profile.unit = "县文化广播影视局".into();
        for (id, a) in answers {
            s.assessment.answers.insert(id.to_string(), a.clone());
        }
        s
    }

    #[test]
    fn edits_to_different_items_in_both_tabs_all_survive() {
        let base = with(&[("3.1", answer(Response::Partial, "", 0))]);
        let mine = with(&[
            ("3.1", answer(Response::Partial, "", 0)),
            ("4.1.1", answer(Response::Implemented, "本窗口", 5)),
        ]);
        let theirs = with(&[
            ("3.1", answer(Response::Implemented, "另一窗口", 6)),
            ("7.1", answer(Response::NotOccurred, "", 7)),
        ]);
        let merged = merge_tabs(&base, &mine, &theirs).unwrap();
        let answers = &merged.state.assessment.answers;
        assert_eq!(answers["3.1"].note, "另一窗口");
        assert_eq!(answers["4.1.1"].note, "本窗口");
        assert_eq!(answers["7.1"].response, Some(Response::NotOccurred));
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn the_same_item_edited_in_both_keeps_the_newer_and_says_so() {
        let base = with(&[("3.1", answer(Response::Partial, "", 0))]);
        for (mine_minute, theirs_minute, expect_mine) in [(9, 8, true), (8, 9, false)] {
            let mine = with(&[("3.1", answer(Response::Implemented, "本窗口", mine_minute))]);
            let theirs = with(&[(
                "3.1",
                answer(Response::NotImplemented, "另一窗口", theirs_minute),
            )]);
            let merged = merge_tabs(&base, &mine, &theirs).unwrap();
            let kept = &merged.state.assessment.answers["3.1"].note;
            assert_eq!(
                kept,
                if expect_mine {
                    "本窗口"
                } else {
                    "另一窗口"
                }
            );
            assert_eq!(
                merged.conflicts,
                vec![TabConflict {
                    path: "assessment.answers.3.1".into(),
                    kept_mine: expect_mine
                }]
            );
            assert!(merged.conflicts[0]
                .describe()
                .starts_with("检查项 3.1在两个窗口中都被修改"));
        }
    }

    #[test]
    fn identical_states_merge_to_themselves_without_conflict() {
        let s = with(&[("3.1", answer(Response::Partial, "x", 0))]);
        let merged = merge_tabs(&StoredState::default(), &s, &s).unwrap();
        assert_eq!(merged.state.to_json(), s.to_json());
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn an_item_deleted_here_but_edited_there_is_kept() {
        let base = with(&[("3.1", answer(Response::Partial, "", 0))]);
        let mine = with(&[]);
        let theirs = with(&[("3.1", answer(Response::Implemented, "改了", 3))]);
        let merged = merge_tabs(&base, &mine, &theirs).unwrap();
        assert_eq!(merged.state.assessment.answers["3.1"].note, "改了");
    }
}
