//! Planning a merge: which file may be merged at all ([`plan_import`]), people matched across the
//! two copies ([`match_people`]), then every record compared ([`plan_merge`]).

use std::collections::{BTreeMap, BTreeSet};

use super::compare::{decide, default_is_empty, full_value, records, Records};
use super::{written_key, Input, MergeEntry, MergeError, MergePlan};
use crate::canonical::checksum;
use crate::envelope::Content;
use crate::extras::{record_path, Extras};
use crate::import::Imported;
use zrz_domain::record::{Assessment, RecordKey, RecordKind, Relation};

/// Plans merging an imported file into `local`: the file's assessment (or a backup's). Refused,
/// before anything is compared: a sanitised file (read-only), a file of another kind, and a file of
/// another unit, department or year than the local record (a fresh local record accepts any).
pub fn plan_import(
    local: Input,
    imported: &Imported,
    base: Option<Input>,
) -> Result<MergePlan, MergeError> {
    if imported.is_read_only() {
        return Err(MergeError::Sanitized);
    }
    let incoming = match &imported.content {
        Content::Assessment(a, extras) => Input::from((a.as_ref(), extras)),
        Content::Backup(state) => Input::from(state.as_ref()),
        other => return Err(MergeError::NotMergeable(other.kind())),
    };
    check_department(local.assessment, incoming.assessment)?;
    // The base is what this record and its colleagues last shared: only a base of the same
    // department's year counts (a record cleared and started again as another department keeps no
    // stale common ground, which would make the file's differences look like agreed changes).
    let base = base.filter(|b| {
        local.assessment.profile.relation_to(&b.assessment.profile) == Relation::SameDepartment
    });
    Ok(plan_merge(local, incoming, base))
}

/// Refuses `incoming` unless it is the same department's year as `local`, or `local` is fresh.
pub(crate) fn check_department(
    local: &Assessment,
    incoming: &Assessment,
) -> Result<(), MergeError> {
    match local.profile.relation_to(&incoming.profile) {
        Relation::SameDepartment | Relation::LocalEmpty => Ok(()),
        relation => Err(MergeError::OtherDepartment {
            relation,
            local: written_key(&local.profile),
            incoming: written_key(&incoming.profile),
        }),
    }
}

/// The people of `incoming` who are local people under another id: matched by trimmed name where
/// the id does not match (two colleagues who each added 张三 have one 张三). Incoming id → local id.
/// A name two local people share matches neither; a local person is matched at most once, and
/// never away from an incoming person who has that person's id.
pub fn match_people(local: &Assessment, incoming: &Assessment) -> BTreeMap<String, String> {
    let local_ids: BTreeSet<&str> = local.people.iter().map(|p| p.id.as_str()).collect();
    let mut by_name: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    for p in &local.people {
        let name = p.name.trim();
        if !name.is_empty() {
            by_name
                .entry(name)
                .and_modify(|slot| *slot = None)
                .or_insert(Some(p.id.as_str()));
        }
    }
    let mut claimed: BTreeSet<&str> = incoming
        .people
        .iter()
        .map(|p| p.id.as_str())
        .filter(|id| local_ids.contains(id))
        .collect();
    let mut out = BTreeMap::new();
    for p in &incoming.people {
        if local_ids.contains(p.id.as_str()) {
            continue;
        }
        if let Some(Some(local_id)) = by_name.get(p.name.trim()) {
            if claimed.insert(local_id) {
                out.insert(p.id.clone(), local_id.to_string());
            }
        }
    }
    out
}

/// `input` with people's ids (and the ratings that name them, and their unknown parts) rewritten
/// by `map`.
fn renamed(input: Input, map: &BTreeMap<String, String>) -> (Assessment, Extras) {
    let mut a = input.assessment.clone();
    let mut extras = input.extras.clone();
    if map.is_empty() {
        return (a, extras);
    }
    let mut moves = Vec::new();
    for p in &mut a.people {
        if let Some(to) = map.get(&p.id) {
            moves.push((
                RecordKey::new(RecordKind::Person, p.id.clone()),
                RecordKey::new(RecordKind::Person, to.clone()),
            ));
            p.id = to.clone();
        }
    }
    for r in &mut a.ratings {
        if let Some(to) = map.get(&r.person_id) {
            let from = RecordKey::new(RecordKind::Rating, r.key().to_id());
            r.person_id = to.clone();
            moves.push((from, RecordKey::new(RecordKind::Rating, r.key().to_id())));
        }
    }
    for (from, to) in moves {
        if let Some(u) = extras.records.remove(&record_path(&from)) {
            extras.set_record(&to, Some(u));
        }
    }
    (a, extras)
}

/// Compares `local` and `incoming` record by record (see the module doc for the rule), after
/// matching the file's people to local people ([`match_people`]). `base`, when known, is what both
/// started from; its people are matched to local people the same way.
pub fn plan_merge<'a>(
    local: impl Into<Input<'a>>,
    incoming: impl Into<Input<'a>>,
    base: Option<Input<'a>>,
) -> MergePlan {
    let (local, incoming) = (local.into(), incoming.into());
    let people_matched = match_people(local.assessment, incoming.assessment);
    let (incoming_a, incoming_x) = renamed(incoming, &people_matched);
    let local_v = full_value(local);
    let incoming_v = full_value(Input::from((&incoming_a, &incoming_x)));
    let base_v = base.map(|b| {
        let map = match_people(local.assessment, b.assessment);
        let (a, x) = renamed(b, &map);
        full_value(Input::from((&a, &x)))
    });
    let base_records = base_v.as_ref().map(records);
    let mut entries = Vec::new();
    for ((kind, l), (_, i)) in records(&local_v).into_iter().zip(records(&incoming_v)) {
        let b: Option<&Records> = base_records
            .as_ref()
            .and_then(|all| all.iter().find(|(k, _)| *k == kind).map(|(_, r)| r));
        let default_empty = default_is_empty(kind, b);
        let mut ids: Vec<&String> = l.order.iter().collect();
        ids.extend(i.order.iter().filter(|id| !l.contains(id)));
        for id in ids {
            let change = decide(
                kind,
                l.get(id),
                i.get(id),
                b.map(|b| b.get(id)),
                default_empty,
            );
            entries.push(MergeEntry {
                key: RecordKey::new(kind, id.clone()),
                change,
            });
        }
    }
    MergePlan {
        entries,
        with_base: base.is_some(),
        people_matched,
        local_fingerprint: checksum(&local_v),
        incoming_root: incoming.extras.root.clone(),
        incoming_envelope: incoming.extras.envelope.clone(),
    }
}
