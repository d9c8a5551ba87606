//! Conflicts decided field by field: the user keeps, say, the file's 答复 and this browser's 说明 of
//! one item. [`with_field_choices`] turns those choices into an ordinary plan and record choices,
//! so [`super::apply_merge`] stays the one place that writes a merge.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Change, Choices, MergePlan, Side, Version};
use zrz_domain::record::RecordKey;

/// For each conflict, a side per changed field ([`super::MergeEntry::changed_fields`]).
pub type FieldChoices = BTreeMap<RecordKey, BTreeMap<String, Side>>;

/// Whether every changed field of every conflict has a side.
pub fn fields_decided(plan: &MergePlan, fields: &FieldChoices) -> usize {
    plan.conflicts()
        .filter(|e| {
            let picks = fields.get(&e.key);
            !e.changed_fields()
                .iter()
                .all(|f| picks.is_some_and(|p| p.contains_key(f)))
        })
        .count()
}

/// The plan and record choices that apply `fields`. A conflict whose fields all chose one side takes
/// that side; one with mixed sides takes a record made of the local one with the fields chosen from
/// the file put in (a field the file lacks is removed), so nothing of either side is invented. A
/// conflict with a field left undecided gets no choice, and `apply_merge` refuses it.
pub fn with_field_choices(plan: &MergePlan, fields: &FieldChoices) -> (MergePlan, Choices) {
    let mut out = plan.clone();
    let mut choices = Choices::new();
    for entry in &mut out.entries {
        let changed = entry.changed_fields();
        let Change::Conflict {
            local,
            incoming,
            newer,
        } = &entry.change
        else {
            continue;
        };
        let Some(picks) = fields.get(&entry.key) else {
            continue;
        };
        let sides: Vec<Side> = changed
            .iter()
            .filter_map(|f| picks.get(f).copied())
            .collect();
        if sides.len() != changed.len() || sides.is_empty() {
            continue;
        }
        if sides.iter().all(|s| *s == Side::Local) {
            choices.insert(entry.key.clone(), Side::Local);
            continue;
        }
        if sides.iter().all(|s| *s == Side::Incoming) {
            choices.insert(entry.key.clone(), Side::Incoming);
            continue;
        }
        let mut value = local.value.clone();
        if let (Value::Object(target), Value::Object(from)) = (&mut value, &incoming.value) {
            for (field, side) in changed.iter().zip(&sides) {
                if *side == Side::Incoming {
                    match from.get(field) {
                        Some(v) => {
                            target.insert(field.clone(), v.clone());
                        }
                        None => {
                            target.remove(field);
                        }
                    }
                }
            }
        }
        entry.change = Change::Conflict {
            local: local.clone(),
            incoming: Version {
                value,
                updated_at: local.updated_at.max(incoming.updated_at),
            },
            newer: *newer,
        };
        choices.insert(entry.key.clone(), Side::Incoming);
    }
    (out, choices)
}
