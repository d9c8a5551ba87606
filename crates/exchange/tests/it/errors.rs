#![cfg(not(target_arch = "wasm32"))]
//! Every `ImportError`, from a real file changed in one place: the variant with its parameters and
//! its place. The sentences users read (where, what and what to do) are the app's, worded from these
//! and tested in `src/i18n/errors/tests.rs`.

use serde_json::{json, Value};

use crate::support::*;
use zrz_domain::plan::{Template, SHIPPED_TEMPLATE_JSON};
use zrz_exchange::{
    import, Encoding, EnvelopeProblem, ImportError, JsonType, Kind, LooksLike, MigrationReason,
    SyntaxProblem, ValueProblem, MAX_FILE_BYTES,
};

fn deep(levels: usize) -> Value {
    (0..levels).fold(json!(1), |inner, _| json!([inner]))
}

fn gbk_file() -> Vec<u8> {
    // "县文广局" in GBK, inside otherwise plain JSON: what Notepad's "ANSI" writes on Chinese Windows.
    let mut bytes = b"{\n  \"unit\": \"".to_vec();
    bytes.extend([0xCF, 0xD8, 0xCE, 0xC4, 0xB9, 0xE3, 0xBE, 0xD6]);
    bytes.extend(b"\"\n}");
    bytes
}

fn utf16_file() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        "{\"format\": \"zrz-exchange\"}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    bytes
}

/// The v3 fixture cut inside a Chinese character: the UTF-8 sequence is incomplete at the end.
fn cut_mid_character() -> Vec<u8> {
    let text = fixture_text("v3_assessment");
    let at = text.find("党组会议纪要已归档").unwrap() + 1;
    text.as_bytes()[..at].to_vec()
}

type Case = (
    &'static str,
    Vec<u8>,
    fn(&ImportError) -> bool,
    &'static [&'static str],
);

const PERSON: &str = "p-9g3bwhz3wdc8v";

/// (what, file, the variant expected, fragments its neutral form must contain: paths, ids, limits)
fn cases() -> Vec<Case> {
    let answer = |id: &'static str, field: &'static str, value: Value| {
        mutate("v3_assessment", move |v| {
            v["content"]["answers"][id][field] = value
        })
    };
    let content = |change: fn(&mut Value)| mutate("v3_assessment", |v| change(&mut v["content"]));
    vec![
        (
            "too large",
            vec![b' '; MAX_FILE_BYTES + 1],
            |e| matches!(e, ImportError::TooLarge { .. }),
            &[],
        ),
        (
            "empty",
            b" \n\t".to_vec(),
            |e| *e == ImportError::Empty,
            &[],
        ),
        (
            "gbk",
            gbk_file(),
            |e| {
                matches!(
                    e,
                    ImportError::NotUtf8 {
                        line: 2,
                        encoding: Some(Encoding::Gbk),
                        ..
                    }
                )
            },
            &[],
        ),
        (
            "utf-16",
            utf16_file(),
            |e| {
                matches!(
                    e,
                    ImportError::NotUtf8 {
                        encoding: Some(Encoding::Utf16),
                        ..
                    }
                )
            },
            &[],
        ),
        (
            "binary",
            b"{\"a\": \"\xC3\x28\"}".to_vec(),
            |e| {
                matches!(
                    e,
                    ImportError::NotUtf8 {
                        encoding: None,
                        byte_offset: 7,
                        ..
                    }
                )
            },
            &[],
        ),
        (
            "utf-8 cut in the middle of a character",
            cut_mid_character(),
            |e| {
                matches!(
                    e,
                    ImportError::NotJson {
                        truncated: true,
                        problem: SyntaxProblem::EndOfFile,
                        ..
                    }
                )
            },
            &[],
        ),
        (
            "plain text",
            "  这不是 JSON 文件，而是一段文字。\n{\"a\": 1}"
                .as_bytes()
                .to_vec(),
            |e| {
                matches!(
                    e,
                    ImportError::NotOurFormat {
                        looks_like: LooksLike::PlainText
                    }
                )
            },
            &[],
        ),
        (
            "syntax error",
            "{\n  \"单位\": \"县文广局\",\n  \"x\": }"
                .as_bytes()
                .to_vec(),
            |e| {
                matches!(
                    e,
                    ImportError::NotJson {
                        line: 3,
                        column: 8,
                        truncated: false,
                        problem: SyntaxProblem::ExpectedValue
                    }
                )
            },
            &[],
        ),
        (
            "truncated",
            fixture_text("v3_assessment").as_bytes()[..900].to_vec(),
            |e| {
                matches!(
                    e,
                    ImportError::NotJson {
                        truncated: true,
                        ..
                    }
                )
            },
            &[],
        ),
        (
            "nesting beyond the parser",
            format!("{}{}", "[".repeat(200), "]".repeat(200)).into_bytes(),
            |e| matches!(e, ImportError::TooDeep { at, .. } if at.line == Some(1)),
            &[],
        ),
        (
            "nesting beyond the format",
            mutate("v3_assessment", |v| v["content"]["extra"] = deep(40)),
            |e| matches!(e, ImportError::TooDeep { at, .. } if at.path.as_deref().is_some_and(|p| p.starts_with("content.extra"))),
            &[],
        ),
        (
            "duplicate answer key",
            fixture_text("v3_assessment")
                .replacen(
                    "\"4.1.1\": {\n        \"response\"",
                    "\"3.1\": {\n        \"response\"",
                    1,
                )
                .into_bytes(),
            |e| matches!(e, ImportError::DuplicateId { id, at } if id == "3.1" && at.line.is_some()),
            &[],
        ),
        (
            "duplicate person id",
            mutate("v3_assessment", |v| {
                v["content"]["people"][1]["id"] = json!(PERSON)
            }),
            |e| matches!(e, ImportError::DuplicateId { id, .. } if id == PERSON),
            &["content.people[1]"],
        ),
        (
            "duplicate ledger entry",
            content(|c| {
                let entry = c["ledger"][0].clone();
                c["ledger"].as_array_mut().unwrap().push(entry);
            }),
            |e| matches!(e, ImportError::DuplicateId { at, .. } if at.path.as_deref() == Some("content.ledger[1]")),
            &[],
        ),
        (
            "an array",
            b"[1, 2]".to_vec(),
            |e| {
                matches!(
                    e,
                    ImportError::NotOurFormat {
                        looks_like: LooksLike::NotAnObject(JsonType::Array)
                    }
                )
            },
            &[],
        ),
        (
            "the localStorage record",
            std::fs::read(crate::fixture("state/v1.json")).unwrap(),
            |e| {
                matches!(
                    e,
                    ImportError::NotOurFormat {
                        looks_like: LooksLike::StateRecord
                    }
                )
            },
            &[],
        ),
        (
            "the template file",
            SHIPPED_TEMPLATE_JSON.as_bytes().to_vec(),
            |e| {
                matches!(
                    e,
                    ImportError::NotOurFormat {
                        looks_like: LooksLike::TemplateFile
                    }
                )
            },
            &[],
        ),
        (
            "bare assessment",
            serde_json::to_vec(&fixture("v3_assessment")["content"]).unwrap(),
            |e| {
                matches!(
                    e,
                    ImportError::NotOurFormat {
                        looks_like: LooksLike::BareAssessment
                    }
                )
            },
            &[],
        ),
        (
            "another app's JSON",
            br#"{"type": "excalidraw", "version": 2, "elements": []}"#.to_vec(),
            |e| {
                matches!(
                    e,
                    ImportError::NotOurFormat {
                        looks_like: LooksLike::UnknownObject(_)
                    }
                )
            },
            &["type"],
        ),
        (
            "another format tag",
            br#"{"format": "wps-form"}"#.to_vec(),
            |e| {
                matches!(
                    e,
                    ImportError::NotOurFormat {
                        looks_like: LooksLike::OtherFormat(_)
                    }
                )
            },
            &["wps-form"],
        ),
        (
            "no format version",
            mutate("v3_assessment", |v| {
                drop(v.as_object_mut().unwrap().remove("format_version"))
            }),
            |e| matches!(e, ImportError::BadEnvelope { field, problem: EnvelopeProblem::Missing } if field == "format_version"),
            &[],
        ),
        (
            "format version zero",
            mutate("v3_assessment", |v| v["format_version"] = json!(0)),
            |e| matches!(e, ImportError::BadEnvelope { problem: EnvelopeProblem::NotPositiveInteger { found }, .. } if found == "0"),
            &[],
        ),
        (
            "no content",
            mutate("v3_assessment", |v| {
                drop(v.as_object_mut().unwrap().remove("content"))
            }),
            |e| {
                matches!(
                    e,
                    ImportError::BadEnvelope {
                        problem: EnvelopeProblem::NoContent,
                        ..
                    }
                )
            },
            &[],
        ),
        (
            "unknown kind",
            mutate("v3_assessment", |v| v["kind"] = json!("photo")),
            |e| matches!(e, ImportError::BadEnvelope { field, problem: EnvelopeProblem::UnknownKind { found } } if field == "kind" && found == "photo"),
            &[],
        ),
        (
            "bad export time",
            mutate("v3_assessment", |v| v["exported_at"] = json!("昨天")),
            |e| matches!(e, ImportError::BadEnvelope { field, problem: EnvelopeProblem::Invalid(ValueProblem::DateSyntax) } if field == "exported_at"),
            &["exported_at"],
        ),
        (
            "too new",
            mutate("v3_assessment", |v| {
                v["format_version"] = json!(4);
                v["app_version"] = json!("0.5.0")
            }),
            |e| {
                matches!(
                    e,
                    ImportError::TooNew {
                        found: 4,
                        supported: 3,
                        ..
                    }
                )
            },
            &["0.5.0"],
        ),
        (
            "migration failure",
            mutate("v1_assessment", |v| v["kind"] = json!("photo")),
            |e| {
                matches!(
                    e,
                    ImportError::MigrationFailed {
                        from: 1,
                        to: 2,
                        reason: MigrationReason::UnknownKind { version: 1, .. }
                    }
                )
            },
            &["photo"],
        ),
        (
            "a kind format 2 did not have",
            mutate("v2_assessment", |v| v["kind"] = json!("findings")),
            |e| matches!(e, ImportError::MigrationFailed { from: 2, to: 3, .. }),
            &[],
        ),
        (
            "impossible date",
            answer("4.1.1", "due", json!("2025-13-01")),
            |e| matches!(e, ImportError::InvalidValue { at, problem: ValueProblem::BadDate { .. } } if at.item.as_ref().is_some_and(|i| i.id == "4.1.1")),
            &["2025-13-01"],
        ),
        (
            "date before the range",
            answer("3.1", "done", json!("1899-01-01")),
            |e| {
                matches!(
                    e,
                    ImportError::InvalidValue {
                        problem: ValueProblem::DateOutOfRange { .. },
                        ..
                    }
                )
            },
            &[],
        ),
        (
            "date after the range",
            answer("3.1", "done", json!("2101-01-01")),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::DateOutOfRange { date }, .. } if date.to_string() == "2101-01-01"),
            &[],
        ),
        (
            "ledger date after the range",
            content(|c| c["ledger"][0]["date"] = json!("2101-01-01")),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::DateOutOfRange { .. }, at } if at.path.as_deref() == Some("content.ledger[0].date")),
            &["2101-01-01"],
        ),
        (
            "task deadline impossible",
            content(|c| c["tasks"][0]["deadline"] = json!("2025-02-30")),
            |e| {
                matches!(
                    e,
                    ImportError::InvalidValue {
                        problem: ValueProblem::BadDate { .. },
                        ..
                    }
                )
            },
            &["2025-02-30"],
        ),
        (
            "finding issued at no time",
            content(|c| c["findings"][0]["issued_at"] = json!("3月20日")),
            |e| {
                matches!(
                    e,
                    ImportError::InvalidValue {
                        problem: ValueProblem::BadTimestamp { .. },
                        ..
                    }
                )
            },
            &["3月20日"],
        ),
        (
            "ledger entry without an id",
            content(|c| c["ledger"][0]["id"] = json!("")),
            |e| {
                matches!(
                    e,
                    ImportError::InvalidValue {
                        problem: ValueProblem::BadRecordId,
                        ..
                    }
                )
            },
            &["content.ledger[0].id"],
        ),
        (
            "an item id too long in a task",
            content(|c| c["tasks"][0]["item_id"] = json!("4".repeat(65))),
            |e| {
                matches!(
                    e,
                    ImportError::InvalidValue {
                        problem: ValueProblem::BadItemId,
                        ..
                    }
                )
            },
            &["content.tasks[0].item_id"],
        ),
        (
            "unknown response",
            answer("3.1", "response", json!("done")),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::UnknownResponse { found }, .. } if found == "done"),
            &[],
        ),
        (
            "bad updated_at",
            answer("3.1", "updated_at", json!("3月12日")),
            |e| {
                matches!(
                    e,
                    ImportError::InvalidValue {
                        problem: ValueProblem::BadTimestamp { .. },
                        ..
                    }
                )
            },
            &["3月12日"],
        ),
        (
            "wrong type",
            answer("3.1", "flagged", json!("yes")),
            |e| {
                matches!(
                    e,
                    ImportError::InvalidValue {
                        problem: ValueProblem::WrongType { .. },
                        ..
                    }
                )
            },
            &["content.answers[\"3.1\"].flagged"],
        ),
        (
            "missing field",
            content(|c| drop(c["ledger"][0].as_object_mut().unwrap().remove("activity"))),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::MissingField { field }, .. } if field == "activity"),
            &[],
        ),
        (
            "unknown task status",
            content(|c| c["tasks"][0]["status"] = json!("half")),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::UnknownVariant { found, expected }, .. } if found == "half" && expected.contains(&"in_progress".to_string())),
            &["not_started"],
        ),
        (
            "year",
            content(|c| c["profile"]["year"] = json!(1900)),
            |e| {
                matches!(
                    e,
                    ImportError::InvalidValue {
                        problem: ValueProblem::YearOutOfRange { year: 1900 },
                        ..
                    }
                )
            },
            &["content.profile.year"],
        ),
        (
            "score out of range",
            content(|c| c["ratings"][0]["value"] = json!({"score": 150})),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::ScoreOutOfRange { score }, .. } if *score == 150.0),
            &["content.ratings[0].value.score", "150"],
        ),
        (
            "rating settings",
            content(|c| c["rating_settings"]["dimension_weights"]["de"] = json!(50)),
            |e| {
                matches!(
                    e,
                    ImportError::InvalidValue {
                        problem: ValueProblem::RatingSettings(_),
                        ..
                    }
                )
            },
            &["content.rating_settings"],
        ),
        (
            "enormous text",
            answer("3.1", "note", json!("很".repeat(30_000))),
            |e| {
                matches!(
                    e,
                    ImportError::TooLong {
                        chars: 30_000,
                        limit: 20_000,
                        ..
                    }
                )
            },
            &[],
        ),
        (
            "huge list",
            answer("3.1", "evidence", Value::Array(vec![json!({}); 6_000])),
            |e| matches!(e, ImportError::TooMany { count: 6_000, .. }),
            &["content.answers[\"3.1\"].evidence"],
        ),
        (
            "broken template in a plan",
            mutate("v3_annual_plan", |v| {
                v["content"]["template"]["parts"][2]["chapters"][0]["weight"] = json!(99)
            }),
            |e| matches!(e, ImportError::InvalidTemplate(_)),
            &[],
        ),
        (
            "another plan",
            mutate("v3_assessment", |v| {
                v["template"]["id"] = json!("another-plan")
            }),
            |e| matches!(e, ImportError::PlanMismatch { file_id, local_version, .. } if file_id == "another-plan" && local_version == "2024.2"),
            &["wenguang-ideology-responsibility"],
        ),
        (
            "a findings file of another plan",
            mutate("v3_findings", |v| {
                v["content"]["template"]["id"] = json!("another-plan")
            }),
            |e| matches!(e, ImportError::PlanMismatch { .. }),
            &["another-plan"],
        ),
        (
            "findings scores out of range",
            mutate("v3_findings", |v| {
                v["content"]["scores"]["verified_score"] = json!(101)
            }),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::ScoreOutOfRange { .. }, at } if at.path.as_deref() == Some("content.scores.verified_score")),
            &[],
        ),
        (
            "a workspace holding a broken department file",
            mutate("v3_workspace", |v| {
                v["content"]["received"][0]["older"][0]["file"]["content"]["answers"]["3.1"]
                    ["done"] = json!("2025-02-30")
            }),
            |e| matches!(e, ImportError::InReceivedFile { index: 0, error, .. } if matches!(**error, ImportError::InvalidValue { .. })),
            &["2025-02-30"],
        ),
        (
            "a workspace holding a year plan instead of a department file",
            mutate("v3_workspace", |v| {
                v["content"]["received"][0]["older"][0]["file"] = fixture("v3_annual_plan")
            }),
            |e| matches!(e, ImportError::InReceivedFile { error, .. } if matches!(**error, ImportError::WrongKind { expected: Kind::Assessment, found: Kind::AnnualPlan })),
            &[],
        ),
    ]
}

#[test]
fn every_import_error_carries_its_place_and_parameters() {
    let mut seen = std::collections::BTreeSet::new();
    let mut missing = Vec::new();
    for (what, bytes, expected, fragments) in cases() {
        let error = import_err(&bytes);
        assert!(expected(&error), "{what}: unexpected error {error:?}");
        // The neutral form (code, place, parameters); the wording is the app's, tested there
        // (`src/i18n/errors/tests.rs`).
        let message = error.to_string();
        assert!(message.starts_with(error.code()), "{what}: {message}");
        for fragment in fragments {
            if !message.contains(fragment) {
                missing.push(format!("{what}: message lacks “{fragment}”: {message}"));
            }
        }
        seen.insert(
            format!("{error:?}")
                .split([' ', '('])
                .next()
                .unwrap()
                .to_string(),
        );
    }
    assert!(missing.is_empty(), "{missing:#?}");
    let wrong_kind = import(
        fixture_text("v1_annual_plan").as_bytes(),
        &Template::shipped(),
        Some(Kind::Assessment),
    )
    .unwrap_err();
    assert_eq!(
        wrong_kind,
        ImportError::WrongKind {
            expected: Kind::Assessment,
            found: Kind::AnnualPlan
        }
    );
    seen.insert("WrongKind".into());
    let all = [
        "TooLarge",
        "Empty",
        "NotUtf8",
        "NotJson",
        "TooDeep",
        "DuplicateId",
        "NotOurFormat",
        "BadEnvelope",
        "TooNew",
        "MigrationFailed",
        "WrongKind",
        "InvalidValue",
        "TooLong",
        "TooMany",
        "InvalidTemplate",
        "PlanMismatch",
        "InReceivedFile",
    ];
    for variant in all {
        assert!(
            seen.contains(variant),
            "no case produces ImportError::{variant}"
        );
    }
}

#[test]
fn errors_expose_their_location() {
    let e = import_err(&mutate("v3_assessment", |v| {
        v["content"]["answers"]["4.1.1"]["due"] = json!("2025-02-30")
    }));
    assert_eq!(
        e.location().unwrap().item.map(|i| i.key()),
        Some(zrz_exchange::RecordKey::new(
            zrz_exchange::RecordKind::Answer,
            "4.1.1"
        ))
    );
    let at = e.location().unwrap();
    assert_eq!(at.path.as_deref(), Some("content.answers[\"4.1.1\"].due"));
}

#[test]
fn an_encoding_or_syntax_error_is_placed_at_its_line_and_column() {
    let at = import_err(&gbk_file()).location().unwrap();
    assert_eq!((at.line, at.column, at.path), (Some(2), None, None));
    let syntax = "{\n  \"单位\": \"县文广局\",\n  \"x\": }".as_bytes();
    let at = import_err(syntax).location().unwrap();
    assert_eq!((at.line, at.column, at.path), (Some(3), Some(8), None));
}

#[test]
fn a_workspace_may_be_larger_than_a_department_file() {
    let mut big = fixture_text("v3_workspace").into_bytes();
    let pad = MAX_FILE_BYTES + 10 - big.len();
    big.extend(std::iter::repeat_n(b' ', pad));
    assert!(matches!(import_err(&big), ImportError::TooLarge { .. }));
    let imported = import(&big, &Template::shipped(), Some(Kind::Workspace)).unwrap();
    assert_eq!(imported.header.kind, Kind::Workspace);
}

// ---------------------------------------------------------------------------------------------------
// The edges of every check: the last value accepted and the first refused.

fn problem_of(bytes: &[u8]) -> (Option<String>, ValueProblem) {
    match import_err(bytes) {
        ImportError::InvalidValue { at, problem } => (at.path.clone(), problem),
        other => panic!("expected InvalidValue, got {other:?}"),
    }
}

fn edited(name: &str, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    mutate(name, change)
}

#[test]
fn ids_may_have_64_characters_and_not_65() {
    let long = |n: usize| "长".repeat(n);
    import_ok(&edited("v3_assessment", |v| {
        v["content"]["people"][0]["id"] = json!(long(64))
    }));
    let (path, problem) = problem_of(&edited("v3_assessment", |v| {
        v["content"]["people"][0]["id"] = json!(long(65))
    }));
    assert_eq!(
        (path.as_deref(), problem),
        (Some("content.people[0].id"), ValueProblem::BadRecordId)
    );
    let (_, problem) = problem_of(&edited("v3_assessment", |v| {
        v["content"]["people"][0]["id"] = json!("  ")
    }));
    assert_eq!(problem, ValueProblem::BadRecordId, "blank is no id");
    let answer = fixture("v3_assessment")["content"]["answers"]["3.1"].clone();
    import_ok(&edited("v3_assessment", |v| {
        v["content"]["answers"][long(64)] = answer.clone()
    }));
    let (path, problem) = problem_of(&edited("v3_assessment", |v| {
        v["content"]["answers"][long(65)] = answer.clone()
    }));
    assert_eq!(problem, ValueProblem::BadItemId);
    assert!(path.unwrap().starts_with("content.answers[\"长"));
    for id in ["", &long(65)] {
        let id = id.to_string();
        let (path, problem) = problem_of(&edited("v3_assessment", |v| {
            v["content"]["ledger"][0]["items"] = json!(["3.1", id])
        }));
        assert_eq!(
            (path.as_deref(), problem),
            (Some("content.ledger[0].items[1]"), ValueProblem::BadItemId)
        );
    }
    let (path, problem) = problem_of(&edited("v3_assessment", |v| {
        v["content"]["findings"][0]["item_id"] = json!(long(65))
    }));
    assert_eq!(
        (path.as_deref(), problem),
        (Some("content.findings[0].item_id"), ValueProblem::BadItemId)
    );
}

#[test]
fn dates_and_times_run_from_2000_to_2100_inclusive() {
    for (date, ok) in [
        ("1999-12-31", false),
        ("2000-01-01", true),
        ("2100-12-31", true),
        ("2101-01-01", false),
    ] {
        for (field, bytes) in [
            (
                "due",
                edited("v3_assessment", |v| {
                    v["content"]["answers"]["3.1"]["due"] = json!(date)
                }),
            ),
            (
                "ledger",
                edited("v3_assessment", |v| {
                    v["content"]["ledger"][0]["date"] = json!(date)
                }),
            ),
            (
                "task",
                edited("v3_assessment", |v| {
                    v["content"]["tasks"][0]["completed_on"] = json!(date)
                }),
            ),
        ] {
            if ok {
                import_ok(&bytes);
            } else {
                let (_, problem) = problem_of(&bytes);
                assert!(
                    matches!(problem, ValueProblem::DateOutOfRange { date: d } if d.to_string() == date),
                    "{field} {date}: {problem:?}"
                );
            }
        }
    }
    for (time, ok) in [
        ("1999-12-31T23:59:59Z", false),
        ("2000-01-01T00:00:00Z", true),
        ("2100-12-31T23:59:59Z", true),
        ("2101-01-01T00:00:00Z", false),
    ] {
        for pointer in [
            ("answers", "/content/answers/3.1"),
            ("ratings", "/content/ratings/0"),
            ("ledger", "/content/ledger/0"),
            ("tasks", "/content/tasks/0"),
        ] {
            let bytes = edited("v3_assessment", |v| {
                v.pointer_mut(pointer.1).unwrap()["updated_at"] = json!(time)
            });
            if ok {
                import_ok(&bytes);
            } else {
                let (path, problem) = problem_of(&bytes);
                assert!(
                    matches!(problem, ValueProblem::DateOutOfRange { .. }),
                    "{pointer:?} {time}"
                );
                assert!(path.unwrap().ends_with("updated_at"));
            }
        }
    }
    let (path, problem) = problem_of(&edited("v3_assessment", |v| {
        v["content"]["ratings"][0]["updated_at"] = json!("昨天")
    }));
    assert_eq!(path.as_deref(), Some("content.ratings[0].updated_at"));
    assert!(matches!(problem, ValueProblem::BadTimestamp { .. }));
}

#[test]
fn years_and_scores_have_their_ranges() {
    for (year, ok) in [
        (0, true),
        (1999, false),
        (2000, true),
        (2100, true),
        (2101, false),
    ] {
        let bytes = edited("v3_assessment", |v| {
            v["content"]["profile"]["year"] = json!(year)
        });
        if ok {
            import_ok(&bytes);
        } else {
            assert_eq!(problem_of(&bytes).1, ValueProblem::YearOutOfRange { year });
        }
    }
    let beyond_i32 = 1_i64 << 33;
    let bytes = edited("v3_assessment", |v| {
        v["content"]["profile"]["year"] = json!(beyond_i32)
    });
    assert_eq!(
        problem_of(&bytes).1,
        ValueProblem::YearOutOfRange { year: beyond_i32 }
    );
    for (score, ok) in [(-0.1, false), (0.0, true), (100.0, true), (100.1, false)] {
        let bytes = edited("v3_assessment", |v| {
            v["content"]["ratings"][0]["value"] = json!({"score": score})
        });
        if ok {
            import_ok(&bytes);
        } else {
            assert_eq!(
                problem_of(&bytes).1,
                ValueProblem::ScoreOutOfRange { score }
            );
        }
        let bytes = edited("v3_findings", |v| {
            v["content"]["scores"]["self_score"] = json!(score)
        });
        if ok {
            import_ok(&bytes);
        } else {
            let (path, problem) = problem_of(&bytes);
            assert_eq!(path.as_deref(), Some("content.scores.self_score"));
            assert_eq!(problem, ValueProblem::ScoreOutOfRange { score });
        }
    }
}

#[test]
fn a_findings_files_department_accountability_and_findings_are_checked() {
    for (year, ok) in [(0, true), (1999, false), (2100, true), (2101, false)] {
        let bytes = edited("v3_findings", |v| {
            v["content"]["department"]["year"] = json!(year)
        });
        if ok {
            import(&bytes, &Template::shipped(), None).unwrap();
        } else {
            let (path, problem) = problem_of(&bytes);
            assert_eq!(path.as_deref(), Some("content.department.year"));
            assert_eq!(problem, ValueProblem::YearOutOfRange { year });
        }
    }
    let (path, problem) = problem_of(&edited("v3_findings", |v| {
        v["content"]["accountability"][0]["item_id"] = json!("")
    }));
    assert_eq!(
        (path.as_deref(), problem),
        (
            Some("content.accountability[0].item_id"),
            ValueProblem::BadItemId
        )
    );
    let (path, problem) = problem_of(&edited("v3_findings", |v| {
        v["content"]["accountability"][0]["decided_on"] = json!("2101-01-01")
    }));
    assert_eq!(
        path.as_deref(),
        Some("content.accountability[0].decided_on")
    );
    assert!(matches!(problem, ValueProblem::DateOutOfRange { .. }));
    let (path, problem) = problem_of(&edited("v3_findings", |v| {
        v["content"]["findings"][1]["issued_at"] = json!("今天")
    }));
    assert_eq!(path.as_deref(), Some("content.findings[1].issued_at"));
    assert!(matches!(problem, ValueProblem::BadTimestamp { .. }));
    let duplicate = edited("v3_findings", |v| {
        let f = v["content"]["findings"][0].clone();
        v["content"]["findings"].as_array_mut().unwrap().push(f);
    });
    assert!(matches!(
        import_err(&duplicate),
        ImportError::DuplicateId { .. }
    ));
}

#[test]
fn a_backups_state_record_is_checked_as_the_state_layer_does() {
    let (path, problem) = problem_of(&edited("v3_backup", |v| v["content"]["version"] = json!(9)));
    assert_eq!(path.as_deref(), Some("content.version"));
    assert_eq!(
        problem,
        ValueProblem::StateTooNew {
            found: 9,
            supported: 2
        }
    );
    let (path, problem) = problem_of(&edited("v3_backup", |v| {
        v["content"]["format"] = json!("x")
    }));
    assert_eq!(path.as_deref(), Some("content"));
    assert!(matches!(problem, ValueProblem::NotAStateRecord(_)));
    // A version-1 state record (in a version-3 file) whose assessment cannot be migrated.
    let err = import_err(&edited("v3_backup", |v| {
        v["content"]["version"] = json!(1);
        v["content"]["state"]["assessment"] = json!([1]);
    }));
    assert!(
        matches!(
            &err,
            ImportError::MigrationFailed {
                from: 1,
                to: 2,
                reason: MigrationReason::StateRecord { from: 1, .. }
            }
        ),
        "{err:?}"
    );
    // The assessment inside is checked like a department's file.
    let (path, problem) = problem_of(&edited("v3_backup", |v| {
        v["content"]["state"]["assessment"]["answers"]["3.1"]["due"] = json!("2025-02-30")
    }));
    assert_eq!(
        path.as_deref(),
        Some("content.state.assessment.answers[\"3.1\"].due")
    );
    assert!(matches!(problem, ValueProblem::BadDate { .. }));
    let (path, _) = problem_of(&edited("v3_backup", |v| {
        v["content"]["state"]["assessment"]["ratings"][0]["value"] = json!({"score": 101})
    }));
    assert_eq!(
        path.as_deref(),
        Some("content.state.assessment.ratings[0].value.score")
    );
}

#[test]
fn a_workspace_holds_each_department_and_year_once() {
    let bytes = edited("v3_workspace", |v| {
        let first = v["content"]["received"][0].clone();
        v["content"]["received"].as_array_mut().unwrap().push(first);
    });
    let ImportError::DuplicateId { at, id } = import_err(&bytes) else {
        panic!("a duplicate")
    };
    assert_eq!(id, "县文化广播影视局|办公室|2025");
    assert_eq!(at.path.as_deref(), Some("content.received[1]"));
    // The current file of a department is checked too, not only the older ones.
    let bytes = edited("v3_workspace", |v| {
        v["content"]["received"][0]["current"]["file"]["format_version"] = json!(9)
    });
    assert!(matches!(
        import_err(&bytes),
        ImportError::InReceivedFile { index: 0, error, .. } if matches!(*error, ImportError::TooNew { .. })
    ));
}

#[test]
fn a_deep_location_is_cut_after_six_steps() {
    let bytes = edited("v3_assessment", |v| {
        v["content"]["x"] = json!({"a": {"b": {"c": {"d": "很".repeat(20_001)}}}})
    });
    let ImportError::TooLong { at, .. } = import_err(&bytes) else {
        panic!("too long")
    };
    assert_eq!(
        at.path.as_deref(),
        Some("content.x.a.b.c.d"),
        "six steps: whole"
    );
    let bytes = edited("v3_assessment", |v| {
        v["content"]["x"] = json!({"a": {"b": {"c": {"d": {"e": "很".repeat(20_001)}}}}})
    });
    let ImportError::TooLong { at, .. } = import_err(&bytes) else {
        panic!("too long")
    };
    assert_eq!(at.path.as_deref(), Some("content.x.a.b.c.d…"));
}
