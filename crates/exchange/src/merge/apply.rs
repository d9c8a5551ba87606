//! Applying a merge plan: every record taken from the file written into the local record, unknown
//! parts and all, nothing ever removed.

use serde_json::{Map, Value};

use super::compare::full_value;
use super::{Change, Choices, Input, MergeError, MergePlan, Merged, Side};
use crate::canonical::checksum;
use crate::extras::Extras;
use crate::path::record_id;
use zrz_domain::record::{Assessment, RecordKey, RecordKind};

/// Applies `plan` to `local`, taking each conflict's side from `choices`. Refuses while a conflict
/// has no choice, and if `local` is not the record the plan was made from. A record taken from the
/// file brings its unknown fields; unknown top-level (and envelope) members of the file are added
/// where the local record has none.
pub fn apply_merge<'a>(
    local: impl Into<Input<'a>>,
    plan: &MergePlan,
    choices: &Choices,
) -> Result<Merged, MergeError> {
    let local = local.into();
    let mut out = full_value(local);
    if checksum(&out) != plan.local_fingerprint {
        return Err(MergeError::LocalChanged);
    }
    let undecided: Vec<RecordKey> = plan
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
            set_record(&mut out, &entry.key, version.value.clone());
        }
    }
    if let Value::Object(root) = &mut out {
        for (key, v) in &plan.incoming_root {
            root.entry(key.clone()).or_insert_with(|| v.clone());
        }
    }
    let assessment: Assessment =
        serde_json::from_value(out.clone()).map_err(|e| MergeError::Internal(e.to_string()))?;
    let mut extras = Extras::extract(&out, &assessment);
    extras.envelope = local.extras.envelope.clone();
    for (key, v) in &plan.incoming_envelope {
        extras
            .envelope
            .entry(key.clone())
            .or_insert_with(|| v.clone());
    }
    Ok(Merged { assessment, extras })
}

/// Writes one record into an assessment's JSON: a profile field, the rating settings, an answer by
/// item id, or a list record by identity (replacing the record with that identity, and any further
/// one with it, or added at the end).
pub(crate) fn set_record(assessment: &mut Value, key: &RecordKey, value: Value) {
    let Some(root) = assessment.as_object_mut() else {
        return;
    };
    if matches!(
        key.kind,
        RecordKind::RatingSettings | RecordKind::OfficeReview
    ) {
        root.insert(key.kind.key().into(), value);
        return;
    }
    let slot = root
        .entry(key.kind.key().to_string())
        .or_insert(Value::Null);
    match (key.kind, slot) {
        (RecordKind::Profile | RecordKind::Answer, slot) => {
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            if let Value::Object(map) = slot {
                map.insert(key.id.clone(), value);
            }
        }
        (kind, slot) => {
            if !slot.is_array() {
                *slot = Value::Array(Vec::new());
            }
            let Value::Array(items) = slot else { return };
            let mut placed = false;
            let mut i = 0;
            items.retain_mut(|item| {
                let same = record_id(kind, item, i) == key.id;
                i += 1;
                if !same {
                    return true;
                }
                if placed {
                    return false;
                }
                *item = value.clone();
                placed = true;
                true
            });
            if !placed {
                items.push(value);
            }
        }
    }
}
