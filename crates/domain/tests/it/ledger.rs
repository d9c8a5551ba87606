//! The ledger entry form, the operations on the ledger and its search (`zrz_domain::ledger`).

use proptest::prelude::*;
use zrz_domain::ledger::{
    entry_flags, months, parse_entry, search, sorted_by_date, EntryDraft, EntryField, EntryFlag,
    EntryProblem, EvidenceLoss, LedgerError, LedgerQuery, YearMonth,
};
use zrz_domain::record::LedgerEntry;

use crate::support::*;

fn draft(date: &str, activity: &str, title: &str, count: &str) -> EntryDraft {
    EntryDraft {
        date: date.into(),
        activity: activity.into(),
        title: title.into(),
        participant_count: count.into(),
        ..EntryDraft::default()
    }
}

fn parse(draft: &EntryDraft) -> Result<zrz_domain::ledger::ParsedEntry, Vec<EntryProblem>> {
    parse_entry(
        draft,
        "e-1",
        shipped(),
        2025,
        date(2025, 12, 31),
        at(2025, 6, 1, 9),
    )
}

#[test]
fn the_form_refuses_what_cannot_be_and_names_each_field() {
    let t = |s: &str| s.to_string();
    let cases: Vec<(EntryDraft, Vec<EntryProblem>)> = vec![
        (
            draft("2025-02-30", "party_group_meeting", "会议", ""),
            vec![EntryProblem::DateNotADate {
                text: t("2025-02-30"),
            }],
        ),
        (
            draft("不是日期", "party_group_meeting", "会议", ""),
            vec![EntryProblem::DateNotADate {
                text: t("不是日期"),
            }],
        ),
        (
            draft("", "party_group_meeting", "会议", ""),
            vec![EntryProblem::DateRequired],
        ),
        (
            draft("0025-03-01", "party_group_meeting", "会议", ""),
            vec![EntryProblem::DateYearOutOfRange {
                text: t("0025-03-01"),
                year: 25,
            }],
        ),
        (
            draft("2025-03-01", "party_group_meeting", "  ", ""),
            vec![EntryProblem::TitleRequired],
        ),
        (
            draft("2025-03-01", "party_group_meeting", "会议", "-3"),
            vec![EntryProblem::CountNegative { text: t("-3") }],
        ),
        (
            draft("2025-03-01", "party_group_meeting", "会议", "十二"),
            vec![EntryProblem::CountNotANumber { text: t("十二") }],
        ),
        (
            draft("2025-03-01", "party_group_meeting", "会议", "99999999999"),
            vec![EntryProblem::CountTooLarge {
                text: t("99999999999"),
            }],
        ),
        (
            draft("2025-03-01", "banquet", "会议", ""),
            vec![EntryProblem::UnknownActivity {
                activity: t("banquet"),
            }],
        ),
        (
            draft("2025-03-01", "", "会议", ""),
            vec![EntryProblem::ActivityRequired],
        ),
        (
            draft("2025-02-29", "", "", "x"),
            vec![
                EntryProblem::DateNotADate {
                    text: t("2025-02-29"),
                },
                EntryProblem::ActivityRequired,
                EntryProblem::TitleRequired,
                EntryProblem::CountNotANumber { text: t("x") },
            ],
        ),
    ];
    for (draft, expected) in cases {
        assert_eq!(parse(&draft).unwrap_err(), expected, "{draft:?}");
    }
    let fields: Vec<EntryField> = [
        EntryProblem::DateRequired,
        EntryProblem::ActivityRequired,
        EntryProblem::TitleRequired,
        EntryProblem::CountNegative { text: t("-1") },
    ]
    .iter()
    .map(EntryProblem::field)
    .collect();
    assert_eq!(
        fields,
        [
            EntryField::Date,
            EntryField::Activity,
            EntryField::Title,
            EntryField::ParticipantCount
        ]
    );
}

#[test]
fn an_accepted_form_is_trimmed_and_an_empty_count_is_not_recorded() {
    let mut form = draft(
        " 2025-03-01 ",
        " party_group_meeting ",
        "  第一次专题研究 ",
        "",
    );
    form.place = " 三楼会议室 ".into();
    form.items = vec!["4.1.1".into(), " 4.1.1".into(), "4.1.4".into(), "".into()];
    let parsed = parse(&form).unwrap();
    let e = parsed.entry;
    assert_eq!(e.id, "e-1");
    assert_eq!(e.date, date(2025, 3, 1));
    assert_eq!(e.activity, "party_group_meeting");
    assert_eq!(e.title, "第一次专题研究");
    assert_eq!(e.place, "三楼会议室");
    assert_eq!(e.participant_count, None);
    assert_eq!(e.items, ["4.1.1", "4.1.4"], "order kept, repeats removed");
    assert_eq!(e.updated_at, Some(at(2025, 6, 1, 9)));
    assert!(parsed.flags.is_empty(), "{:?}", parsed.flags);
    form.participant_count = "０".into();
    assert_eq!(parse(&form).unwrap().entry.participant_count, Some(0));
    form.participant_count = "15".into();
    assert_eq!(parse(&form).unwrap().entry.participant_count, Some(15));
}

#[test]
fn dates_outside_the_year_and_unknown_items_are_kept_with_a_flag() {
    let mut form = draft("2024-12-31", "party_group_meeting", "会议", "");
    form.items = vec!["4.1.1".into(), "9.9".into()];
    let parsed = parse(&form).unwrap();
    assert_eq!(parsed.entry.items, ["4.1.1", "9.9"], "never dropped");
    assert_eq!(
        parsed.flags,
        [
            EntryFlag::OutsideYear {
                date: date(2024, 12, 31),
                year: 2025
            },
            EntryFlag::UnknownItem {
                item_id: "9.9".into()
            }
        ]
    );
    for (text, outside) in [
        ("2025-01-01", false),
        ("2025-12-31", false),
        ("2026-01-01", true),
    ] {
        let flags = parse(&draft(text, "training", "培训", "")).unwrap().flags;
        assert_eq!(
            flags
                .iter()
                .any(|f| matches!(f, EntryFlag::OutsideYear { .. })),
            outside,
            "{text}"
        );
    }
}

#[test]
fn a_stored_entry_is_flagged_for_a_future_date_and_an_unknown_activity() {
    let e = entry("e", "2025-07-01", "old_kind");
    let flags = entry_flags(&e, shipped(), 2025, date(2025, 6, 30));
    assert_eq!(
        flags,
        [
            EntryFlag::InFuture {
                date: date(2025, 7, 1)
            },
            EntryFlag::UnknownActivity {
                activity: "old_kind".into()
            }
        ]
    );
    assert!(entry_flags(&e, shipped(), 2025, date(2025, 7, 1))
        .iter()
        .all(|f| !matches!(f, EntryFlag::InFuture { .. })));
    assert_eq!(flags[0].field(), EntryField::Date);
}

#[test]
fn every_code_is_snake_case_and_distinct() {
    let t = String::new;
    assert_codes(
        &[
            EntryProblem::DateRequired,
            EntryProblem::DateNotADate { text: t() },
            EntryProblem::DateYearOutOfRange { text: t(), year: 0 },
            EntryProblem::ActivityRequired,
            EntryProblem::UnknownActivity { activity: t() },
            EntryProblem::TitleRequired,
            EntryProblem::CountNotANumber { text: t() },
            EntryProblem::CountNegative { text: t() },
            EntryProblem::CountTooLarge { text: t() },
        ]
        .iter()
        .map(EntryProblem::code)
        .collect::<Vec<_>>(),
    );
    let day = date(2025, 1, 1);
    assert_codes(
        &[
            EntryFlag::OutsideYear { date: day, year: 1 },
            EntryFlag::InFuture { date: day },
            EntryFlag::UnknownItem { item_id: t() },
            EntryFlag::UnknownActivity { activity: t() },
        ]
        .iter()
        .map(EntryFlag::code)
        .collect::<Vec<_>>(),
    );
    assert_codes(
        &[
            EntryField::Date,
            EntryField::Activity,
            EntryField::Title,
            EntryField::ParticipantCount,
            EntryField::Items,
        ]
        .map(EntryField::code),
    );
    assert_codes(&[
        LedgerError::DuplicateId { entry_id: t() }.code(),
        LedgerError::NotFound { entry_id: t() }.code(),
    ]);
}

fn linked(id: &str, date: &str, items: &[&str]) -> LedgerEntry {
    LedgerEntry {
        items: items.iter().map(|i| i.to_string()).collect(),
        ..entry(id, date, "party_group_meeting")
    }
}

#[test]
fn removing_an_entry_names_the_items_and_tasks_that_lose_their_evidence() {
    let mut a = Dept::new("办公室", 2025)
        .entry(linked("e1", "2025-03-01", &["4.1.1", "4.1.4"]))
        .entry(linked("e2", "2025-08-01", &["4.1.1"]))
        .task(zrz_domain::record::Task {
            evidence_entry: Some("e1".into()),
            ..task("t1", "4.1.4")
        })
        .task(task("t2", "4.1.4"))
        .build();
    let expected = EvidenceLoss {
        items: vec!["4.1.4".into()],
        tasks: vec!["t1".into()],
    };
    assert_eq!(
        a.entry_removal("e1").unwrap(),
        expected,
        "before, unchanged"
    );
    assert!(!expected.is_empty());
    for loss in [
        EvidenceLoss {
            items: vec![],
            ..expected.clone()
        },
        EvidenceLoss {
            tasks: vec![],
            ..expected.clone()
        },
    ] {
        assert!(!loss.is_empty(), "{loss:?}");
    }
    assert!(EvidenceLoss::default().is_empty());
    assert_eq!(a.ledger.len(), 2);
    let now = at(2025, 9, 1, 8);
    assert_eq!(a.remove_entry("e1", now).unwrap(), expected);
    assert_eq!(a.ledger.len(), 1);
    assert_eq!(a.tasks[0].evidence_entry, None, "no dangling link");
    assert_eq!(a.tasks[0].updated_at, Some(now));
    assert_eq!(a.tasks[1].updated_at, None, "other tasks untouched");
    assert_eq!(
        a.remove_entry("e1", now),
        Err(LedgerError::NotFound {
            entry_id: "e1".into()
        })
    );
    assert_eq!(
        a.remove_entry("e2", now).unwrap().items,
        ["4.1.1"],
        "the last evidence of 4.1.1"
    );
}

#[test]
fn adding_editing_and_linking() {
    let now = at(2025, 5, 1, 8);
    let mut a = Dept::new("办公室", 2025).build();
    a.add_entry(linked("e1", "2025-03-01", &["4.1.1", "4.1.4"]))
        .unwrap();
    a.add_entry(linked("e2", "2025-04-01", &["4.1.4"])).unwrap();
    assert_eq!(
        a.add_entry(linked("e1", "2025-05-01", &[])),
        Err(LedgerError::DuplicateId {
            entry_id: "e1".into()
        })
    );
    // The edit unlinks 4.1.1 (no other evidence) and 4.1.4 (still evidenced by e2).
    let loss = a
        .update_entry(linked("e1", "2025-03-02", &["4.1.9"]))
        .unwrap();
    assert_eq!(loss.items, ["4.1.1"]);
    assert!(loss.tasks.is_empty());
    assert_eq!(a.entry("e1").unwrap().date, date(2025, 3, 2));
    assert!(matches!(
        a.update_entry(linked("e9", "2025-03-02", &[])),
        Err(LedgerError::NotFound { .. })
    ));

    assert_eq!(a.link_item("e1", "4.1.1", now), Ok(true));
    assert_eq!(a.link_item("e1", "4.1.1", now), Ok(false), "already linked");
    assert_eq!(a.entry("e1").unwrap().items, ["4.1.9", "4.1.1"]);
    assert_eq!(a.entry("e1").unwrap().updated_at, Some(now));
    assert_eq!(a.evidence_of("4.1.4"), ["e2"]);

    assert_eq!(a.unlink_item("e2", "4.1.4", now).unwrap().items, ["4.1.4"]);
    assert!(
        a.unlink_item("e2", "4.1.4", now).unwrap().is_empty(),
        "not linked"
    );
    a.link_item("e2", "4.1.9", now).unwrap();
    assert!(
        a.unlink_item("e1", "4.1.9", now).unwrap().is_empty(),
        "e2 still has it"
    );
    assert!(matches!(
        a.link_item("e9", "4.1.1", now),
        Err(LedgerError::NotFound { .. })
    ));
}

fn described(id: &str, date: &str, activity: &str, title: &str) -> LedgerEntry {
    LedgerEntry {
        title: title.into(),
        ..entry(id, date, activity)
    }
}

fn ids(entries: Vec<&LedgerEntry>) -> Vec<&str> {
    entries.into_iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn search_filters_and_order() {
    let mut entries = vec![
        described("a", "2025-03-05", "training", "Xi Thought 培训"),
        described("b", "2025-03-01", "party_group_meeting", "专题会议"),
        described("c", "2025-03-01", "party_group_meeting", "专题会议"),
        described("d", "2025-01-20", "training", "保密培训"),
        described("e", "2025-03-01", "central_group_study", "中心组学习"),
    ];
    entries[1].place = "三楼会议室".into();
    entries[2].participants = "王五、赵六".into();
    entries[3].summary = "网络意识形态安全".into();
    entries[4].doc_no = "文广〔2025〕3号".into();
    entries[0].kept_at = "档案室 A 柜".into();
    entries[1].items = vec!["4.1.1".into()];

    // Date, then title; b and c are equal in both and keep their stored order.
    assert_eq!(ids(sorted_by_date(&entries)), ["d", "b", "c", "e", "a"]);

    let q = |text: &str| LedgerQuery {
        text: text.into(),
        ..LedgerQuery::default()
    };
    for (text, expected) in [
        ("", vec!["d", "b", "c", "e", "a"]),
        ("  ", vec!["d", "b", "c", "e", "a"]),
        ("xi thought", vec!["a"]),
        ("XI", vec!["a"]),
        ("三楼", vec!["b"]),
        ("赵六", vec!["c"]),
        ("网络", vec!["d"]),
        ("〔2025〕3", vec!["e"]),
        ("a 柜", vec!["a"]),
        (" 培训 ", vec!["d", "a"]),
        ("无此词", vec![]),
    ] {
        assert_eq!(ids(search(&entries, &q(text))), expected, "{text:?}");
    }
    let by = |activity: Option<&str>, month: Option<&str>, item: Option<&str>| LedgerQuery {
        activity: activity.map(String::from),
        month: month.map(|m| m.parse().unwrap()),
        item: item.map(String::from),
        ..LedgerQuery::default()
    };
    assert_eq!(
        ids(search(&entries, &by(Some("training"), None, None))),
        ["d", "a"]
    );
    assert_eq!(
        ids(search(&entries, &by(None, Some("2025-03"), None))),
        ["b", "c", "e", "a"]
    );
    assert_eq!(ids(search(&entries, &by(None, None, Some("4.1.1")))), ["b"]);
    assert_eq!(
        ids(search(
            &entries,
            &by(Some("training"), Some("2025-01"), None)
        )),
        ["d"]
    );
    let mut both = by(Some("training"), Some("2025-03"), None);
    both.text = "保密".into();
    assert!(search(&entries, &both).is_empty(), "all filters apply");

    assert_eq!(
        months(&entries)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["2025-01", "2025-03"]
    );
}

#[test]
fn months_are_read_as_typed_or_refused() {
    for (text, expected) in [
        ("2025-03", Some((2025, 3))),
        ("2025-3", Some((2025, 3))),
        (" 2025-12 ", Some((2025, 12))),
        ("2025-13", None),
        ("2025-00", None),
        ("2025", None),
        ("2025-03-01", None),
        ("abcd-01", None),
        ("20255-03", None),
        ("2025-+3", None),
        ("2025-003", None),
        ("-03", None),
        ("2025-", None),
    ] {
        let parsed = text.parse::<YearMonth>().ok().map(|m| (m.year, m.month));
        assert_eq!(parsed, expected, "{text:?}");
    }
    assert_eq!(
        YearMonth {
            year: 2025,
            month: 3
        }
        .to_string(),
        "2025-03"
    );
}

fn any_entry() -> impl Strategy<Value = LedgerEntry> {
    let activities = shipped()
        .activities
        .iter()
        .map(|a| a.id.clone())
        .collect::<Vec<_>>();
    (
        (2000i32..2100, 1u32..=12, 1u32..=28),
        proptest::sample::select(activities),
        "[a-z 会议]{0,8}[a-z会]",
        proptest::option::of(0u32..10_000),
        "[ -~]{0,10}",
        proptest::collection::vec("4\\.[1-8]\\.[1-9]", 0..4),
    )
        .prop_map(|((y, m, day), activity, title, count, text, items)| {
            let mut items = items;
            items.dedup();
            let mut seen = std::collections::BTreeSet::new();
            items.retain(|i| seen.insert(i.clone()));
            LedgerEntry {
                id: "e-1".into(),
                date: date(y, m, day),
                activity,
                title: title.trim().to_string(),
                place: text.trim().to_string(),
                participant_count: count,
                participants: String::new(),
                summary: text.trim().to_string(),
                doc_no: String::new(),
                kept_at: String::new(),
                items,
                updated_at: Some(at(2025, 6, 1, 9)),
            }
        })
}

proptest! {
    /// Editing an entry and saving it unchanged gives the same entry back.
    #[test]
    fn a_stored_entry_round_trips_through_its_form(e in any_entry()) {
        let parsed = parse(&EntryDraft::from_entry(&e)).expect("a stored entry is a valid form");
        prop_assert_eq!(parsed.entry, e);
    }
}

/// The item card links and unlinks one entry at a time (`LedgerEntry::linked` / `unlinked`), and
/// lists the entries of an item (`evidencing`) and those it could link (`linkable`).
#[test]
fn one_entry_is_linked_and_unlinked_and_an_items_entries_are_listed() {
    use zrz_domain::ledger::{evidencing, linkable};
    let now = at(2025, 6, 1, 9);
    let mut a = entry("a", "2025-03-01", "party_group_meeting");
    a.items = vec!["4.1.1".into()];
    let b = entry("b", "2025-01-15", "training");
    let c = {
        let mut c = entry("c", "2025-02-01", "training");
        c.items = vec!["4.1.3".into(), "4.1.1".into()];
        c
    };
    assert_eq!(
        a.linked("4.1.1", now),
        None,
        "already linked: nothing to do"
    );
    let linked = a.linked("4.1.3", now).unwrap();
    assert_eq!(linked.items, ["4.1.1", "4.1.3"], "appended in link order");
    assert_eq!(linked.updated_at, Some(now));
    assert_eq!(a.unlinked("9.9", now), None);
    let unlinked = c.unlinked("4.1.3", now).unwrap();
    assert_eq!(unlinked.items, ["4.1.1"]);
    assert_eq!(unlinked.updated_at, Some(now));
    let ledger = vec![a, b, c];
    let ids = |v: Vec<&LedgerEntry>| v.into_iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(evidencing(&ledger, "4.1.1")), ["c", "a"], "by date");
    assert_eq!(ids(linkable(&ledger, "4.1.3")), ["a", "b"], "latest first");
    assert!(evidencing(&ledger, "7.1").is_empty());
}

/// The checklist's quota line reads the parts of the record, not the whole: the same status.
#[test]
fn the_quota_status_from_its_parts_is_the_quota_status() {
    use zrz_domain::ledger::{quota_status, quota_status_of};
    use zrz_domain::record::Response;
    let a = Dept::new("办公室", 2025)
        .answer("4.1.1", Response::Implemented)
        .entry(entry("x", "2025-03-01", "party_group_meeting"))
        .entry(entry("y", "2024-12-31", "party_group_meeting"))
        .build();
    let item = shipped().item("4.1.1").unwrap();
    let today = date(2025, 7, 1);
    let whole = quota_status(item, &a, today).unwrap();
    let parts = quota_status_of(item, 2025, &a.ledger, a.answer("4.1.1"), today).unwrap();
    assert_eq!(whole, parts);
    assert_eq!(parts.done, 1);
    assert!(parts.needs_review);
}

// ---- the entry forms' one rule for what is unsaved, long summaries, lists in slices ----

#[test]
fn a_form_is_unsaved_when_a_field_differs_from_what_it_opened_with() {
    use zrz_domain::ledger::EntryDraft;
    let opened = EntryDraft {
        activity: "party_group_meeting".into(),
        ..EntryDraft::default()
    };
    // Unchanged, or changed only by spaces around the text: nothing to keep.
    assert!(!opened.unsaved(&opened));
    let spaces = EntryDraft {
        title: "   ".into(),
        date: " ".into(),
        ..opened.clone()
    };
    assert!(!spaces.unsaved(&opened));
    // Any typed field, another type, other links: unsaved.
    let cases: Vec<(&str, EntryDraft)> = vec![
        (
            "date",
            EntryDraft {
                date: "2025-03-10".into(),
                ..opened.clone()
            },
        ),
        (
            "title",
            EntryDraft {
                title: "专题研究".into(),
                ..opened.clone()
            },
        ),
        (
            "summary",
            EntryDraft {
                summary: "内容".into(),
                ..opened.clone()
            },
        ),
        (
            "count",
            EntryDraft {
                participant_count: "十二".into(),
                ..opened.clone()
            },
        ),
        (
            "activity",
            EntryDraft {
                activity: "training".into(),
                ..opened.clone()
            },
        ),
        (
            "items",
            EntryDraft {
                items: vec!["4.1.1".into()],
                ..opened.clone()
            },
        ),
    ];
    for (what, d) in cases {
        assert!(d.unsaved(&opened), "{what}");
    }
    // The same links in another order are the same.
    let a = EntryDraft {
        items: vec!["4.1.1".into(), "4.1.3".into()],
        ..opened.clone()
    };
    let b = EntryDraft {
        items: vec!["4.1.3".into(), "4.1.1".into()],
        ..opened.clone()
    };
    assert!(!a.unsaved(&b));
}

#[test]
fn a_kept_draft_reads_back_as_typed_and_a_short_one_still_reads() {
    use zrz_domain::ledger::EntryDraft;
    let d = EntryDraft {
        date: "2025-02-30".into(),
        title: "未写完".into(),
        participant_count: "-3".into(),
        summary: "第一行\n第二行".into(),
        items: vec!["4.1.1".into(), "4.1.3".into()],
        ..EntryDraft::default()
    };
    assert_eq!(EntryDraft::from_texts(&d.to_texts()), d);
    assert_eq!(
        EntryDraft::from_texts(&EntryDraft::default().to_texts()),
        EntryDraft::default()
    );
    let partial = EntryDraft::from_texts(&["2025-01-01".to_string()]);
    assert_eq!(partial.date, "2025-01-01");
    assert!(partial.title.is_empty() && partial.items.is_empty());
}

#[test]
fn long_summaries_show_their_opening_short_ones_show_whole() {
    use zrz_domain::ledger::{summary_preview, SUMMARY_PREVIEW_CHARS};
    assert_eq!(summary_preview(""), None);
    assert_eq!(summary_preview("督查各科室意识形态阵地管理"), None);
    // Up to a tenth over the preview is shown whole (no "…" hiding three characters).
    let just_over = "字".repeat(SUMMARY_PREVIEW_CHARS + SUMMARY_PREVIEW_CHARS / 10);
    assert_eq!(summary_preview(&just_over), None);
    let long = "研判意识形态领域形势。".repeat(50);
    let preview = summary_preview(&long).unwrap();
    assert!(preview.ends_with('…'));
    assert_eq!(preview.chars().count(), SUMMARY_PREVIEW_CHARS + 1);
    assert!(long.starts_with(preview.trim_end_matches('…')));
    // Counted in characters, not bytes; spaces before the cut are not kept.
    let spaced = format!(
        "{} {}",
        "a".repeat(SUMMARY_PREVIEW_CHARS - 1),
        "b".repeat(100)
    );
    assert_eq!(
        summary_preview(&spaced).unwrap(),
        format!("{}…", "a".repeat(SUMMARY_PREVIEW_CHARS - 1))
    );
}

#[test]
fn a_long_list_shows_in_slices() {
    use zrz_domain::ledger::{Window, CARD_PAGE, LIST_PAGE};
    let p = LIST_PAGE;
    let first = Window::first(p);
    let cases = [
        // total → (start, end, before, after, next)
        (0, (0, 0, 0, 0, 0)),
        (3, (0, 3, 0, 0, 0)),
        (p, (0, p, 0, 0, 0)),
        (p + 1, (0, p, 0, 1, 1)),
        (1000, (0, p, 0, 1000 - p, p)),
    ];
    for (total, (start, end, before, after, next)) in cases {
        let s = first.of(total);
        assert_eq!(
            (s.start, s.end, s.before, s.after, s.next, s.total),
            (start, end, before, after, next, total),
            "{total}"
        );
        assert_eq!(s.shown(), end - start);
    }
    // "显示更多" adds a page below, "全部显示" shows every row.
    let two = first.more(1000, false);
    assert_eq!((two.of(1000).start, two.of(1000).end), (0, 2 * p));
    let all = two.more(1000, true).of(1000);
    assert_eq!((all.start, all.end, all.before, all.after), (0, 1000, 0, 0));
    // Showing a row beyond the window: the page that holds it, with the rows above it behind
    // "显示前面"; a row already shown keeps the window.
    let last = first.showing(1000, 1001).of(1001);
    assert_eq!(
        (last.start, last.end, last.before, last.after, last.earlier),
        (1000, 1001, 1000, 0, p)
    );
    let middle = first.showing(2 * p + 20, 1000).of(1000);
    assert_eq!((middle.start, middle.end), (2 * p, 3 * p));
    assert_eq!(two.showing(p + 20, 1000), two);
    let up = first.showing(2 * p + 20, 1000).earlier(1000).of(1000);
    assert_eq!((up.start, up.end, up.earlier), (p, 3 * p, p));
    assert_eq!(Window::first(p).earlier(1000), Window::first(p));
    // A list that shrank under its window (entries deleted, a filter) shows what is left.
    let past = first.showing(900, 1000).of(120);
    let last_page = 119 / p * p;
    assert_eq!(
        (past.start, past.end, past.before),
        (last_page, 120, last_page)
    );
    // Cards list ten at a time.
    let card = Window::first(CARD_PAGE).of(25);
    assert_eq!((card.shown(), card.after, card.next), (10, 15, 10));
}
