#![cfg(not(target_arch = "wasm32"))]
//! Every `ImportError`, from a real file changed in one place: the variant with its parameters, and
//! the message saying where, what and what to do.

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

/// (what, file, the variant expected, fragments its message must contain)
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
            &["文件太大", "超过 5 MB 的上限"],
        ),
        (
            "empty",
            b" \n\t".to_vec(),
            |e| *e == ImportError::Empty,
            &["文件是空的"],
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
            &["第 2 行", "GBK", "UTF-8"],
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
            &["UTF-16", "另存为"],
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
            &["不是 UTF-8 文本"],
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
            &["文件不完整", "截断"],
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
            &["这不是本应用导出的文件", "普通文字"],
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
            &["第 3 行第 8 列", "语法错误（此处应有一个值）"],
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
            &["文件不完整", "截断"],
        ),
        (
            "nesting beyond the parser",
            format!("{}{}", "[".repeat(200), "]".repeat(200)).into_bytes(),
            |e| matches!(e, ImportError::TooDeep { at, .. } if at.line == Some(1)),
            &["嵌套超过 32 层"],
        ),
        (
            "nesting beyond the format",
            mutate("v3_assessment", |v| v["content"]["extra"] = deep(40)),
            |e| matches!(e, ImportError::TooDeep { at, .. } if at.path.as_deref().is_some_and(|p| p.starts_with("content.extra"))),
            &["字段 content.extra", "嵌套超过 32 层"],
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
            &["检查项 3.1", "字段 content.answers[\"3.1\"]", "出现了两次"],
        ),
        (
            "duplicate person id",
            mutate("v3_assessment", |v| {
                v["content"]["people"][1]["id"] = json!(PERSON)
            }),
            |e| matches!(e, ImportError::DuplicateId { id, .. } if id == PERSON),
            &["人员 p-9g3bwhz3wdc8v", "content.people[1]"],
        ),
        (
            "duplicate ledger entry",
            content(|c| {
                let entry = c["ledger"][0].clone();
                c["ledger"].as_array_mut().unwrap().push(entry);
            }),
            |e| matches!(e, ImportError::DuplicateId { at, .. } if at.path.as_deref() == Some("content.ledger[1]")),
            &["台账 e-5xv8004g2a0rg", "出现了两次"],
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
            &["不是本应用的交换文件", "数组"],
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
            &["浏览器内部保存的数据", "导出备份"],
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
            &["方案模板文件", "年度方案"],
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
            &["缺少文件头"],
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
            &["其他软件的 JSON 文件", "type"],
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
            &["文件头的 format_version 缺失"],
        ),
        (
            "format version zero",
            mutate("v3_assessment", |v| v["format_version"] = json!(0)),
            |e| matches!(e, ImportError::BadEnvelope { problem: EnvelopeProblem::NotPositiveInteger { found }, .. } if found == "0"),
            &["应为正整数，实为 0"],
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
            &["文件头的 content 缺失：文件里没有数据"],
        ),
        (
            "unknown kind",
            mutate("v3_assessment", |v| v["kind"] = json!("photo")),
            |e| matches!(e, ImportError::BadEnvelope { field, problem: EnvelopeProblem::UnknownKind { found } } if field == "kind" && found == "photo"),
            &[
                "“photo”",
                "assessment、annual_plan、backup、findings、workspace",
            ],
        ),
        (
            "bad export time",
            mutate("v3_assessment", |v| v["exported_at"] = json!("昨天")),
            |e| matches!(e, ImportError::BadEnvelope { field, problem: EnvelopeProblem::Invalid(ValueProblem::DateSyntax) } if field == "exported_at"),
            &["exported_at", "2025-03-14T08:30:00Z"],
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
            &["第 4 版", "0.5.0", "只能读取到第 3 版", "更新本应用"],
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
            &["第 1 版格式", "升级到第 2 版", "photo"],
        ),
        (
            "a kind format 2 did not have",
            mutate("v2_assessment", |v| v["kind"] = json!("findings")),
            |e| matches!(e, ImportError::MigrationFailed { from: 2, to: 3, .. }),
            &["第 2 版文件没有“findings”这种内容"],
        ),
        (
            "impossible date",
            answer("4.1.1", "due", json!("2025-13-01")),
            |e| matches!(e, ImportError::InvalidValue { at, problem: ValueProblem::BadDate { .. } } if at.item.as_ref().is_some_and(|i| i.id == "4.1.1")),
            &[
                "检查项 4.1.1",
                "字段 content.answers[\"4.1.1\"].due",
                "2025-13-01",
                "YYYY-MM-DD",
            ],
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
            &["检查项 3.1", "不在 2000 至 2100 年之间"],
        ),
        (
            "date after the range",
            answer("3.1", "done", json!("2101-01-01")),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::DateOutOfRange { date }, .. } if date.to_string() == "2101-01-01"),
            &["检查项 3.1", "日期 2101-01-01 不在 2000 至 2100 年之间"],
        ),
        (
            "ledger date after the range",
            content(|c| c["ledger"][0]["date"] = json!("2101-01-01")),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::DateOutOfRange { .. }, at } if at.path.as_deref() == Some("content.ledger[0].date")),
            &["台账 e-5xv8004g2a0rg", "2101-01-01"],
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
            &["整改任务 t-7mq0004g2a0s1", "2025-02-30"],
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
            &["核查意见 f-0zwee00g2a0s0", "RFC 3339"],
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
            &["content.ledger[0].id", "标识应为 1 到 64 个字符"],
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
            &["content.tasks[0].item_id", "检查项标识应为 1 到 64 个字符"],
        ),
        (
            "unknown response",
            answer("3.1", "response", json!("done")),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::UnknownResponse { found }, .. } if found == "done"),
            &["检查项 3.1", "答复“done”无效", "implemented（已落实）"],
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
            &["RFC 3339"],
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
            &[
                "检查项 3.1",
                "content.answers[\"3.1\"].flagged",
                "类型不对：应为 是/否（true 或 false），实为 文字 \"yes\"",
            ],
        ),
        (
            "missing field",
            content(|c| drop(c["ledger"][0].as_object_mut().unwrap().remove("activity"))),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::MissingField { field }, .. } if field == "activity"),
            &["缺少必填字段 activity", "台账 e-5xv8004g2a0rg"],
        ),
        (
            "unknown task status",
            content(|c| c["tasks"][0]["status"] = json!("half")),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::UnknownVariant { found, expected }, .. } if found == "half" && expected.contains(&"in_progress".to_string())),
            &["取值“half”无效", "not_started"],
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
            &["content.profile.year", "评估年度 1900"],
        ),
        (
            "score out of range",
            content(|c| c["ratings"][0]["value"] = json!({"score": 150})),
            |e| matches!(e, ImportError::InvalidValue { problem: ValueProblem::ScoreOutOfRange { score }, .. } if *score == 150.0),
            &[
                "评分（人员 p-9g3bwhz3wdc8v，德，自评）",
                "content.ratings[0].value.score",
                "150",
            ],
        ),
        (
            "rating settings",
            content(|c| c["rating_settings"]["dimension_weights"]["de"] = json!(50)),
            |e| {
                matches!(
                    e,
                    ImportError::InvalidValue {
                        problem: ValueProblem::RatingSettings { .. },
                        ..
                    }
                )
            },
            &["content.rating_settings", "评分设置有误"],
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
            &["检查项 3.1", "30000 字", "20000 字"],
        ),
        (
            "huge list",
            answer("3.1", "evidence", Value::Array(vec![json!({}); 6_000])),
            |e| matches!(e, ImportError::TooMany { count: 6_000, .. }),
            &["检查项 3.1", "content.answers[\"3.1\"].evidence", "6000 项"],
        ),
        (
            "broken template in a plan",
            mutate("v3_annual_plan", |v| {
                v["content"]["template"]["parts"][2]["chapters"][0]["weight"] = json!(99)
            }),
            |e| matches!(e, ImportError::InvalidTemplate { .. }),
            &["年度方案中的方案模板有误", "章节权重 99"],
        ),
        (
            "another plan",
            mutate("v3_assessment", |v| {
                v["template"]["id"] = json!("another-plan")
            }),
            |e| matches!(e, ImportError::PlanMismatch { file_id, local_version, .. } if file_id == "another-plan" && local_version == "2024.2"),
            &[
                "another-plan（2024.2 版）",
                "wenguang-ideology-responsibility",
                "不是同一个方案",
            ],
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
            &["分数 101 超出范围"],
        ),
        (
            "a workspace holding a broken department file",
            mutate("v3_workspace", |v| {
                v["content"]["received"][0]["older"][0]["file"]["content"]["answers"]["3.1"]
                    ["done"] = json!("2025-02-30")
            }),
            |e| matches!(e, ImportError::InReceivedFile { index: 0, error, .. } if matches!(**error, ImportError::InvalidValue { .. })),
            &[
                "汇总工作区中的第 1 个科室文件",
                "意识形态责任制自评_县文化广播影视局_办公室_2025_20250314.json",
                "2025-02-30",
            ],
        ),
        (
            "a workspace holding a year plan instead of a department file",
            mutate("v3_workspace", |v| {
                v["content"]["received"][0]["older"][0]["file"] = fixture("v3_annual_plan")
            }),
            |e| matches!(e, ImportError::InReceivedFile { error, .. } if matches!(**error, ImportError::WrongKind { expected: Kind::Assessment, found: Kind::AnnualPlan })),
            &["汇总工作区中的第 1 个科室文件", "“年度方案”文件"],
        ),
    ]
}

#[test]
fn every_import_error_says_where_what_and_what_to_do() {
    let mut seen = std::collections::BTreeSet::new();
    for (what, bytes, expected, fragments) in cases() {
        let error = import_err(&bytes);
        assert!(expected(&error), "{what}: unexpected error {error:?}");
        let message = error.to_string();
        for fragment in fragments {
            assert!(
                message.contains(fragment),
                "{what}: message lacks “{fragment}”: {message}"
            );
        }
        assert!(!message.ends_with('。'), "{what}: {message}");
        seen.insert(
            format!("{error:?}")
                .split([' ', '('])
                .next()
                .unwrap()
                .to_string(),
        );
    }
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
    assert!(
        wrong_kind
            .to_string()
            .contains("这是一个“年度方案”文件，不是“科室自评”文件"),
        "{wrong_kind}"
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
fn errors_can_be_named_with_their_file_and_expose_their_location() {
    let e = import_err(&mutate("v3_assessment", |v| {
        v["content"]["answers"]["4.1.1"]["due"] = json!("2025-02-30")
    }));
    assert!(
        e.in_file("科室甲.json")
            .starts_with("科室甲.json：检查项 4.1.1"),
        "{}",
        e.in_file("科室甲.json")
    );
    let at = e.location().unwrap();
    assert_eq!(at.path.as_deref(), Some("content.answers[\"4.1.1\"].due"));
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
    assert!(
        err.to_string()
            .contains("备份中的数据记录（数据版本 1）无法升级"),
        "{err}"
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
