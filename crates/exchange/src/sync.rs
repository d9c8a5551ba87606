//! Two tabs of the app on one browser profile share the records in localStorage. When a tab learns of
//! another tab's version of a record (a `storage` event, or a different value found just before it
//! writes), [`resolve`] decides what to do, record by record, from the versions' revisions alone.
//!
//! The rule is "the latest version stands": versions are ordered by their revision id (time, then the
//! writing tab's id, so two tabs that stamp the same millisecond still agree). A tab stamps a new
//! version later than the one it replaces, so an edit made after seeing another tab's edit always
//! follows it. Every tab keeps the latest version it has seen and writes it back when the store holds
//! an older one, so once the events have gone round, every tab and the store hold the same version
//! (`tests::two_tabs_converge_and_no_own_edit_is_lost_silently`). A `storage` event that arrives
//! late (the standard allows it) carries an older version and is ignored: it never undoes a newer
//! edit.
//!
//! Nothing is lost without a word: when a version replaces this tab's own edit without having seen
//! it (both tabs edited the record at once), the user is told and offered the replaced version; and
//! while the user is typing in the record, the tab takes the other version too but its editor keeps
//! the text being typed (written again, as a later version, with the next keystroke or when the
//! field is left), and the other version is offered. No write happens on receiving a version, so two
//! tabs typing at once cannot send versions back and forth by themselves.

use super::merge::same_record;
use super::store::Stored;
use zrz_domain::record::RecordKind;

/// What this tab knows about one record.
#[derive(Debug, Clone, Copy)]
pub struct Ours<'a> {
    /// The record's kind: it says which differences are only when it was saved (`same_record`).
    pub kind: RecordKind,
    pub version: Option<&'a Stored>,
    /// This tab's id (a version with `by == me` is this tab's own edit).
    pub me: &'a str,
    /// The user is typing in this record's editor right now.
    pub editing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Theirs is later: take it; nothing of ours is lost (it followed ours, ours was not this tab's
    /// own edit, or the content is the same).
    Adopt,
    /// Ours is the later (or the same) version: keep it. If the store holds something else, write
    /// ours again.
    Ignore,
    /// Theirs is later and replaced this tab's own edit without having seen it: take it, tell the
    /// user and offer ours.
    AdoptOverOurs,
    /// Theirs is later, but the user is typing in this record: take it, leave the editor's text as
    /// it is (it is written as a later version when the user goes on), and offer theirs.
    KeepTyping,
}

pub fn resolve(ours: Ours, theirs: &Stored) -> Outcome {
    let Some(mine) = ours.version else {
        return Outcome::Adopt;
    };
    let mine_id = mine.rev.id();
    if theirs.rev.id() <= mine_id {
        return Outcome::Ignore;
    }
    if same_record(ours.kind, mine.data.as_ref(), theirs.data.as_ref()) {
        return Outcome::Adopt;
    }
    if ours.editing {
        return Outcome::KeepTyping;
    }
    if mine.rev.by == ours.me && theirs.rev.base.as_ref() != Some(&mine_id) {
        Outcome::AdoptOverOurs
    } else {
        Outcome::Adopt
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Rev;
    use chrono::{DateTime, TimeZone, Utc};
    use proptest::prelude::*;
    use serde_json::json;
    use std::collections::VecDeque;

    fn at(ms: i64) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(1_700_000_000_000 + ms).unwrap()
    }

    fn version(ms: i64, by: &str, base: Option<&Stored>, text: Option<&str>) -> Stored {
        Stored {
            rev: Rev {
                at: at(ms),
                by: by.into(),
                base: base.map(|b| b.rev.id()),
            },
            data: text.map(|t| json!({ "note": t })),
        }
    }

    fn ours<'a>(version: &'a Stored, me: &'a str) -> Ours<'a> {
        Ours {
            kind: RecordKind::Answer,
            version: Some(version),
            me,
            editing: false,
        }
    }

    #[test]
    fn the_rules_table() {
        let v0 = version(0, "c", None, Some("start"));
        let a1 = version(10, "a", Some(&v0), Some("A"));
        let b1 = version(20, "b", Some(&v0), Some("B"));
        let b2 = version(30, "b", Some(&a1), Some("B after A"));
        let tie = version(20, "a", Some(&v0), Some("A at B's millisecond"));
        let same_as_a = version(50, "b", Some(&v0), Some("A"));
        let none = Ours {
            kind: RecordKind::Answer,
            version: None,
            me: "a",
            editing: false,
        };
        assert_eq!(resolve(none, &b1), Outcome::Adopt, "nothing here");
        assert_eq!(
            resolve(ours(&a1, "a"), &a1),
            Outcome::Ignore,
            "the same version"
        );
        assert_eq!(
            resolve(ours(&b1, "a"), &a1),
            Outcome::Ignore,
            "a late, older version"
        );
        assert_eq!(
            resolve(ours(&a1, "a"), &b2),
            Outcome::Adopt,
            "made after seeing ours"
        );
        assert_eq!(
            resolve(ours(&v0, "a"), &b1),
            Outcome::Adopt,
            "ours was not our edit"
        );
        assert_eq!(
            resolve(ours(&a1, "a"), &b1),
            Outcome::AdoptOverOurs,
            "both edited at once"
        );
        assert_eq!(
            resolve(ours(&b1, "b"), &a1),
            Outcome::Ignore,
            "ours is the later"
        );
        assert_eq!(
            resolve(ours(&tie, "a"), &b1),
            Outcome::AdoptOverOurs,
            "a tie goes to the tab id"
        );
        assert_eq!(
            resolve(ours(&b1, "b"), &tie),
            Outcome::Ignore,
            "…on both sides"
        );
        assert_eq!(
            resolve(ours(&a1, "a"), &same_as_a),
            Outcome::Adopt,
            "equal content"
        );
        let typing = Ours {
            editing: true,
            ..ours(&a1, "a")
        };
        assert_eq!(resolve(typing, &b1), Outcome::KeepTyping, "being typed in");
        let deleted = version(60, "b", Some(&v0), None);
        assert_eq!(
            resolve(ours(&a1, "a"), &deleted),
            Outcome::AdoptOverOurs,
            "deleted there, edited here"
        );
    }

    #[test]
    fn a_version_differing_only_in_its_save_stamp_is_the_same() {
        // Both tabs saved at once, without seeing each other's version.
        let mut mine = version(0, "a", None, None);
        mine.data = Some(json!({ "note": "甲", "updated_at": "2026-01-01T00:00:00Z" }));
        let mut same = version(10, "b", None, None);
        same.data = Some(json!({ "note": "甲", "updated_at": "2026-01-02T00:00:00Z" }));
        assert_eq!(
            resolve(ours(&mine, "a"), &same),
            Outcome::Adopt,
            "the same text saved in both is taken without a notice"
        );
        let mut other = same.clone();
        other.data = Some(json!({ "note": "乙", "updated_at": "2026-01-02T00:00:00Z" }));
        assert_eq!(resolve(ours(&mine, "a"), &other), Outcome::AdoptOverOurs);
    }

    /// One tab in the model: its version, its clock, and what it told the user.
    #[derive(Debug, Default)]
    struct Tab {
        version: Option<Stored>,
        clock: i64,
        typing: bool,
        notices: usize,
        /// This tab's own edits replaced, by a version made without seeing them, without a notice.
        lost_silently: usize,
    }

    impl Tab {
        /// A tab stamps a new version later than its clock and than the version it replaces.
        fn stamp(&mut self, me: &str, data: Option<&str>) -> Stored {
            let base_at = self
                .version
                .as_ref()
                .map_or(0, |v| v.rev.at.timestamp_millis() - 1_700_000_000_000);
            self.clock = self.clock.max(base_at) + 1;
            let v = version(self.clock, me, self.version.as_ref(), data);
            self.version = Some(v.clone());
            v
        }
    }

    #[derive(Debug, Clone)]
    enum Step {
        /// Tab `tab` edits (or deletes, when `delete`).
        Edit { tab: usize, delete: bool },
        /// The user starts or stops typing in the record in tab `tab`.
        Typing { tab: usize, on: bool },
        /// Tab `tab` handles the next `storage` event waiting for it.
        Deliver { tab: usize },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            4 => (0..2usize, prop::bool::weighted(0.15)).prop_map(|(tab, delete)| Step::Edit { tab, delete }),
            1 => (0..2usize, any::<bool>()).prop_map(|(tab, on)| Step::Typing { tab, on }),
            4 => (0..2usize).prop_map(|tab| Step::Deliver { tab }),
        ]
    }

    fn names(i: usize) -> &'static str {
        ["a", "b"][i]
    }

    /// Applies `theirs` to `tab` (a `storage` event); returns what to write to the store, if
    /// anything.
    fn handle(tab: &mut Tab, me: &str, theirs: &Stored, store: &Option<Stored>) -> Option<Stored> {
        let outcome = resolve(
            Ours {
                kind: RecordKind::Answer,
                version: tab.version.as_ref(),
                me,
                editing: tab.typing,
            },
            theirs,
        );
        match outcome {
            Outcome::Adopt | Outcome::AdoptOverOurs => {
                if let Some(mine) = &tab.version {
                    let own_unseen = mine.rev.by == me
                        && theirs.rev.base != Some(mine.rev.id())
                        && mine.data != theirs.data;
                    if own_unseen && outcome == Outcome::Adopt {
                        tab.lost_silently += 1;
                    }
                }
                tab.notices += usize::from(outcome == Outcome::AdoptOverOurs);
                tab.version = Some(theirs.clone());
                tab.clock = tab
                    .clock
                    .max(theirs.rev.at.timestamp_millis() - 1_700_000_000_000);
                None
            }
            Outcome::KeepTyping => {
                // Taken; the editor's text comes back as an edit when the user goes on typing.
                tab.notices += 1;
                tab.version = Some(theirs.clone());
                tab.clock = tab
                    .clock
                    .max(theirs.rev.at.timestamp_millis() - 1_700_000_000_000);
                None
            }
            Outcome::Ignore => {
                let held = store.as_ref().map(|s| s.rev.id());
                let mine = tab.version.as_ref().map(|v| v.rev.id());
                (held < mine).then(|| tab.version.clone()).flatten()
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn two_tabs_converge_and_no_own_edit_is_lost_silently(steps in prop::collection::vec(step(), 1..40)) {
            let mut tabs = [Tab::default(), Tab::default()];
            let mut store: Option<Stored> = None;
            // Events each tab has yet to handle, in the store's order of writes.
            let mut queues: [VecDeque<Stored>; 2] = [VecDeque::new(), VecDeque::new()];
            let write = |store: &mut Option<Stored>, queues: &mut [VecDeque<Stored>; 2], from: usize, v: Stored| {
                *store = Some(v.clone());
                queues[1 - from].push_back(v);
            };
            let apply = |s: &Step, tabs: &mut [Tab; 2], store: &mut Option<Stored>, queues: &mut [VecDeque<Stored>; 2]| match s {
                Step::Edit { tab, delete } => {
                    let text = format!("{} {}", names(*tab), tabs[*tab].clock);
                    let v = tabs[*tab].stamp(names(*tab), (!delete).then_some(text.as_str()));
                    write(store, queues, *tab, v);
                }
                Step::Typing { tab, on } => tabs[*tab].typing = *on,
                Step::Deliver { tab } => {
                    if let Some(theirs) = queues[*tab].pop_front() {
                        if let Some(again) = handle(&mut tabs[*tab], names(*tab), &theirs, store) {
                            write(store, queues, *tab, again);
                        }
                    }
                }
            };
            for s in &steps {
                apply(s, &mut tabs, &mut store, &mut queues);
            }
            // The users stop typing, and every event goes round.
            tabs[0].typing = false;
            tabs[1].typing = false;
            let mut rounds = 0;
            while !(queues[0].is_empty() && queues[1].is_empty()) {
                rounds += 1;
                prop_assert!(rounds < 1000, "events never settle");
                apply(&Step::Deliver { tab: 0 }, &mut tabs, &mut store, &mut queues);
                apply(&Step::Deliver { tab: 1 }, &mut tabs, &mut store, &mut queues);
            }
            let held = store.as_ref().map(|s| s.rev.id());
            for (i, tab) in tabs.iter().enumerate() {
                prop_assert_eq!(tab.version.as_ref().map(|v| v.rev.id()), held.clone(), "tab {} holds the stored version", i);
                prop_assert_eq!(tab.lost_silently, 0, "tab {} lost an edit without a word", i);
            }
        }
    }
}
