#![cfg(not(target_arch = "wasm32"))]
//! Property: whatever two tabs do to different items, the merge keeps every edit of both.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use zrz_domain::plan::Template;
use zrz_domain::record::{Answer, Response};
use zrz_exchange::state::StoredState;
use zrz_exchange::tabs::merge_tabs;

fn answer(pick: u8, minute: u32) -> Answer {
    let response = Response::FOR_TASKS[pick as usize % 4];
    Answer {
        response: Some(response),
        reason: if response.needs_reason() {
            "原因".into()
        } else {
            String::new()
        },
        note: format!("note {pick} {minute}"),
        updated_at: Some(Utc.with_ymd_and_hms(2024, 1, 1, 0, minute % 60, 0).unwrap()),
        ..Answer::default()
    }
}

proptest! {
    #[test]
    fn disjoint_edits_from_two_tabs_all_survive(
        base_picks in proptest::collection::vec(any::<u8>(), 53),
        edits in proptest::collection::vec((0usize..53, any::<u8>(), any::<bool>()), 0..30),
    ) {
        let template = Template::shipped();
        let ids: Vec<String> = template.items().map(|i| i.id.clone()).collect();
        let mut base = StoredState::default();
        for (i, pick) in base_picks.iter().enumerate().filter(|(_, p)| **p % 3 == 0) {
            base.assessment.answers.insert(ids[i % ids.len()].clone(), answer(*pick, 0));
        }
        let (mut mine, mut theirs) = (base.clone(), base.clone());
        let mut expected = base.assessment.answers.clone();
        let mut touched = std::collections::BTreeSet::new();
        for (n, (index, pick, in_mine)) in edits.iter().enumerate() {
            let id = ids[index % ids.len()].clone();
            if !touched.insert(id.clone()) { continue; }
            let a = answer(*pick, n as u32 + 1);
            if *in_mine { mine.assessment.answers.insert(id.clone(), a.clone()); } else { theirs.assessment.answers.insert(id.clone(), a.clone()); }
            expected.insert(id, a);
        }
        let merged = merge_tabs(&base, &mine, &theirs).unwrap();
        prop_assert!(merged.conflicts.is_empty());
        prop_assert_eq!(&merged.state.assessment.answers, &expected);
        // Merging again with the result as the new base changes nothing.
        let again = merge_tabs(&merged.state, &merged.state, &merged.state).unwrap();
        prop_assert_eq!(again.state.to_json(), merged.state.to_json());
    }
}
