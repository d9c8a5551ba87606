#![cfg(not(target_arch = "wasm32"))]
//! The exchange file format from the outside: round trips, every fixture of every old version, every
//! import error with its message, checksum flags, sanitised files, template mismatches, unknown
//! fields, the example in docs/format.md and the JSON Schema.
//!
//! Most cases go through `fixture()` + `mutate()` (start from a real file, change one thing) and
//! `import_err()` / `import_ok()`, so they do not depend on the pipeline's inner signatures.

use std::path::Path;

use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

use zrz_domain::plan::{Template, SHIPPED_TEMPLATE_JSON};
use zrz_domain::record::Assessment;
use zrz_exchange::{
    self, annual_plan_file_name, assessment_file_name, backup_file_name, export_annual_plan,
    export_assessment, export_backup, import, read_file, verify_export, AnnualPlan, ChecksumStatus,
    Content, ExportMeta, ImportError, ImportWarning, Imported, Kind, LooksLike, StoredState,
    FORMAT_VERSION, MAX_FILE_BYTES,
};

fn fixtures() -> String {
    crate::fixture("exchange")
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(Path::new(&fixtures()).join(format!("{name}.json")))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn fixture(name: &str) -> Value {
    serde_json::from_str(&fixture_text(name)).unwrap()
}

fn mutate(name: &str, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v = fixture(name);
    change(&mut v);
    serde_json::to_vec_pretty(&v).unwrap()
}

fn meta() -> ExportMeta {
    ExportMeta::new(
        Utc.with_ymd_and_hms(2025, 3, 14, 8, 30, 0).unwrap(),
        "0.1.0",
    )
}

fn import_ok(bytes: &[u8]) -> Imported {
    import(bytes, &Template::shipped(), None)
        .unwrap_or_else(|e| panic!("expected the file to import, got: {e}"))
}

fn import_err(bytes: &[u8]) -> ImportError {
    match import(bytes, &Template::shipped(), None) {
        Ok(_) => panic!("expected the file to be refused"),
        Err(e) => e,
    }
}

/// The assessment of the current-version fixture: people, ratings, evidence, dates, Chinese text.
fn sample() -> Assessment {
    read_file(fixture_text("v2_assessment").as_bytes())
        .unwrap()
        .assessment()
        .unwrap()
        .clone()
}

// ---------------------------------------------------------------------------------------------------
// Round trips

#[test]
fn an_exported_assessment_imports_to_the_identical_assessment() {
    let a = sample();
    let text = export_assessment(&a, &Template::shipped(), &meta());
    let imported = import_ok(text.as_bytes());
    assert_eq!(imported.assessment(), Some(&a));
    assert_eq!(imported.checksum, ChecksumStatus::Valid);
    assert!(imported.migrations.is_empty());
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert!(imported.template_match.as_ref().unwrap().is_exact());
    assert!(!imported.needs_confirmation());
    assert_eq!(imported.header.kind, Kind::Assessment);
    assert_eq!(imported.header.format_version, FORMAT_VERSION);
    assert_eq!(
        (imported.header.unit.as_str(), imported.header.year),
        ("县文化广播影视局", 2025)
    );
    assert_eq!(verify_export(&text, &Content::Assessment(a)), Ok(()));
}

#[test]
fn annual_plans_and_backups_round_trip_too() {
    let raw: Value = serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap();
    let office = sample();
    let plan = AnnualPlan::from_office(raw, &office);
    let text = export_annual_plan(&plan, &office.profile, &meta());
    assert_eq!(
        verify_export(&text, &Content::AnnualPlan(plan.clone())),
        Ok(())
    );
    let imported = import(
        text.as_bytes(),
        &Template::shipped(),
        Some(Kind::AnnualPlan),
    )
    .unwrap();
    let Content::AnnualPlan(back) = imported.content else {
        panic!("an annual plan")
    };
    assert_eq!(back.rating_settings, plan.rating_settings);
    assert_eq!(
        back.template,
        serde_json::from_str::<Value>(SHIPPED_TEMPLATE_JSON).unwrap()
    );

    let state = StoredState {
        assessment: sample(),
        last_export_at: Some(Utc.with_ymd_and_hms(2025, 3, 14, 8, 30, 0).unwrap()),
        template: Some(serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap()),
        ..StoredState::default()
    };
    let text = export_backup(&state, &Template::shipped(), &meta());
    assert_eq!(
        verify_export(&text, &Content::Backup(Box::new(state.clone()))),
        Ok(())
    );
    let Content::Backup(back) = import(text.as_bytes(), &Template::shipped(), Some(Kind::Backup))
        .unwrap()
        .content
    else {
        panic!("a backup")
    };
    assert_eq!(back.to_value(), state.to_value());
}

#[test]
fn formatting_a_file_differently_keeps_its_checksum_valid() {
    let v = fixture("v2_assessment");
    for text in [
        serde_json::to_string(&v).unwrap(),
        format!("\u{feff}{}", serde_json::to_string_pretty(&v).unwrap()),
    ] {
        assert_eq!(import_ok(text.as_bytes()).checksum, ChecksumStatus::Valid);
    }
}

#[test]
fn verify_export_reports_what_reads_back_differently() {
    let a = sample();
    let text = export_assessment(&a, &Template::shipped(), &meta());
    let mut other = a.clone();
    other.answers.get_mut("3.1").unwrap().note = "另一段说明".into();
    let diffs = verify_export(&text, &Content::Assessment(other)).unwrap_err();
    assert_eq!(diffs.len(), 1);
    assert_eq!(diffs[0].path, "content.answers[\"3.1\"].note");
    let diffs = verify_export("not json", &Content::Assessment(a)).unwrap_err();
    assert!(diffs[0].found.contains("不是有效的 JSON"), "{}", diffs[0]);
}

/// If this fails, the JSON layout of the content changed: bump FORMAT_VERSION with a migration (see
/// its doc comment) instead of editing the fixture.
#[test]
fn the_current_layout_is_still_the_one_in_the_v2_fixture() {
    let fresh: Value =
        serde_json::from_str(&export_assessment(&sample(), &Template::shipped(), &meta())).unwrap();
    let frozen = fixture("v2_assessment");
    assert_eq!(fresh["content"], frozen["content"]);
    assert_eq!(fresh["checksum"], frozen["checksum"]);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&fresh), keys(&frozen));
}

// ---------------------------------------------------------------------------------------------------
// Fixtures of old versions

#[test]
fn every_old_version_has_fixtures_and_they_all_import() {
    let names: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    for version in 1..=FORMAT_VERSION {
        assert!(
            names.iter().any(|n| n.starts_with(&format!("v{version}_"))),
            "no fixture for format version {version}"
        );
    }
    for name in &names {
        let bytes = std::fs::read(Path::new(&fixtures()).join(name)).unwrap();
        let imported = read_file(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(imported.checksum, ChecksumStatus::Valid, "{name}");
        let version: u32 = name[1..name.find('_').unwrap()].parse().unwrap();
        assert_eq!(imported.header.format_version, version, "{name}");
        assert_eq!(
            imported.migrations.len() as u32,
            FORMAT_VERSION - version,
            "{name}"
        );
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:?}",
            imported.warnings
        );
    }
}

#[test]
fn v1_assessment_gains_empty_people_ratings_and_the_default_settings() {
    let imported = import_ok(fixture_text("v1_assessment").as_bytes());
    let a = imported.assessment().unwrap();
    assert_eq!(imported.migrations[0].from, 1);
    assert!(!imported.header.sanitized);
    assert!(a.people.is_empty() && a.ratings.is_empty());
    assert_eq!(a.rating_settings, Assessment::default().rating_settings);
    assert_eq!(a.answers.len(), 3);
    assert_eq!(a.profile.year, 2024);
    assert_eq!(a.answers["4.1.1"].due.unwrap().to_string(), "2024-12-31");
}

#[test]
fn v1_annual_plan_and_backup_migrate() {
    let plan = import(
        fixture_text("v1_annual_plan").as_bytes(),
        &Template::shipped(),
        Some(Kind::AnnualPlan),
    )
    .unwrap();
    let Content::AnnualPlan(plan) = plan.content else {
        panic!("an annual plan")
    };
    assert!(
        plan.rating_settings.is_none(),
        "a v1 plan leaves the departments' settings alone"
    );
    let backup = import(
        fixture_text("v1_backup").as_bytes(),
        &Template::shipped(),
        Some(Kind::Backup),
    )
    .unwrap();
    let Content::Backup(state) = backup.content else {
        panic!("a backup")
    };
    assert_eq!(state.assessment.answers.len(), 3);
    assert!(state.assessment.people.is_empty());
}

#[test]
fn every_state_version_has_a_fixture_that_loads() {
    for version in 1..=zrz_exchange::state::STATE_VERSION {
        let text = std::fs::read_to_string(crate::fixture(&format!("state/v{version}.json")))
            .expect("a fixture per state version");
        let state =
            StoredState::from_json(&text).unwrap_or_else(|e| panic!("state v{version}: {e}"));
        assert_eq!(state.assessment.profile.unit, "县文化广播影视局");
    }
}

// ---------------------------------------------------------------------------------------------------
// Every ImportError, with its message

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

type Case = (
    &'static str,
    Vec<u8>,
    fn(&ImportError) -> bool,
    &'static [&'static str],
);

/// (what, file, the variant expected, fragments its message must contain)
fn cases() -> Vec<Case> {
    let answer = |id: &'static str, field: &'static str, value: Value| {
        mutate("v2_assessment", move |v| {
            v["content"]["answers"][id][field] = value
        })
    };
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
                        encoding: Some("GBK/GB18030"),
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
                        encoding: Some("UTF-16"),
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
                        ..
                    }
                )
            },
            &["第 3 行第 8 列", "语法错误（此处应有一个值）"],
        ),
        (
            "truncated",
            fixture_text("v2_assessment").as_bytes()[..900].to_vec(),
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
            mutate("v2_assessment", |v| v["content"]["extra"] = deep(40)),
            |e| matches!(e, ImportError::TooDeep { at, .. } if at.path.as_deref().is_some_and(|p| p.starts_with("content.extra"))),
            &["字段 content.extra", "嵌套超过 32 层"],
        ),
        (
            "duplicate answer key",
            fixture_text("v2_assessment")
                .replacen("\"4.1.1\": {", "\"3.1\": {", 1)
                .into_bytes(),
            |e| matches!(e, ImportError::DuplicateId { id, at } if id == "3.1" && at.line.is_some()),
            &["检查项 3.1", "字段 content.answers[\"3.1\"]", "出现了两次"],
        ),
        (
            "duplicate person id",
            mutate("v2_assessment", |v| {
                v["content"]["people"][1]["id"] = json!("p1")
            }),
            |e| matches!(e, ImportError::DuplicateId { id, .. } if id == "p1"),
            &["人员 p1", "content.people[1]"],
        ),
        (
            "an array",
            b"[1, 2]".to_vec(),
            |e| {
                matches!(
                    e,
                    ImportError::NotOurFormat {
                        looks_like: LooksLike::NotAnObject("数组")
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
            serde_json::to_vec(&fixture("v2_assessment")["content"]).unwrap(),
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
            mutate("v2_assessment", |v| {
                drop(v.as_object_mut().unwrap().remove("format_version"))
            }),
            |e| matches!(e, ImportError::BadEnvelope { field, .. } if field == "format_version"),
            &["文件头的 format_version 缺失"],
        ),
        (
            "unknown kind",
            mutate("v2_assessment", |v| v["kind"] = json!("photo")),
            |e| matches!(e, ImportError::BadEnvelope { field, .. } if field == "kind"),
            &["“photo”", "assessment、annual_plan 或 backup"],
        ),
        (
            "bad export time",
            mutate("v2_assessment", |v| v["exported_at"] = json!("昨天")),
            |e| matches!(e, ImportError::BadEnvelope { field, .. } if field == "exported_at"),
            &["exported_at", "2025-03-14T08:30:00Z"],
        ),
        (
            "too new",
            mutate("v2_assessment", |v| {
                v["format_version"] = json!(3);
                v["app_version"] = json!("0.5.0")
            }),
            |e| {
                matches!(
                    e,
                    ImportError::TooNew {
                        found: 3,
                        supported: 2,
                        ..
                    }
                )
            },
            &["第 3 版", "0.5.0", "只能读取到第 2 版", "更新本应用"],
        ),
        (
            "migration failure",
            mutate("v1_assessment", |v| v["kind"] = json!("photo")),
            |e| matches!(e, ImportError::MigrationFailed { from: 1, to: 2, .. }),
            &["第 1 版格式", "升级到第 2 版", "photo"],
        ),
        (
            "impossible date",
            answer("4.1.1", "due", json!("2025-13-01")),
            |e| matches!(e, ImportError::InvalidValue { at, .. } if at.item.as_ref().is_some_and(|i| i.id == "4.1.1")),
            &[
                "检查项 4.1.1",
                "字段 content.answers[\"4.1.1\"].due",
                "2025-13-01",
                "YYYY-MM-DD",
            ],
        ),
        (
            "date out of range",
            answer("3.1", "done", json!("1899-01-01")),
            |e| matches!(e, ImportError::InvalidValue { .. }),
            &["检查项 3.1", "不在 2000 至 2100 年之间"],
        ),
        (
            "unknown response",
            answer("3.1", "response", json!("done")),
            |e| matches!(e, ImportError::InvalidValue { .. }),
            &["检查项 3.1", "答复“done”无效", "implemented（已落实）"],
        ),
        (
            "bad updated_at",
            answer("3.1", "updated_at", json!("3月12日")),
            |e| matches!(e, ImportError::InvalidValue { .. }),
            &["RFC 3339"],
        ),
        (
            "wrong type",
            answer("3.1", "flagged", json!("yes")),
            |e| matches!(e, ImportError::InvalidValue { .. }),
            &[
                "检查项 3.1",
                "content.answers[\"3.1\"].flagged",
                "类型不对：应为 是/否（true 或 false），实为 文字 \"yes\"",
            ],
        ),
        (
            "year",
            mutate("v2_assessment", |v| {
                v["content"]["profile"]["year"] = json!(1900)
            }),
            |e| matches!(e, ImportError::InvalidValue { .. }),
            &["content.profile.year", "评估年度 1900"],
        ),
        (
            "score out of range",
            mutate("v2_assessment", |v| {
                v["content"]["ratings"][0]["value"] = json!({"score": 150})
            }),
            |e| matches!(e, ImportError::InvalidValue { .. }),
            &[
                "评分（人员 p1，德，自评，评价人 李四）",
                "content.ratings[0].value.score",
                "150",
            ],
        ),
        (
            "rating settings",
            mutate("v2_assessment", |v| {
                v["content"]["rating_settings"]["dimension_weights"]["de"] = json!(50)
            }),
            |e| matches!(e, ImportError::InvalidValue { .. }),
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
            mutate("v1_annual_plan", |v| {
                v["content"]["template"]["parts"][2]["chapters"][0]["weight"] = json!(99)
            }),
            |e| matches!(e, ImportError::InvalidTemplate { .. }),
            &["年度方案中的方案模板有误", "章节权重 99"],
        ),
        (
            "another plan",
            mutate("v2_assessment", |v| {
                v["template"]["id"] = json!("another-plan")
            }),
            |e| matches!(e, ImportError::PlanMismatch { .. }),
            &[
                "another-plan（2024.1 版）",
                "wenguang-ideology-responsibility",
                "不是同一个方案",
            ],
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
    assert!(
        wrong_kind.to_string().contains("导入年度方案"),
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
    let e = import_err(&answer_due("2025-02-30"));
    assert!(
        e.in_file("科室甲.json")
            .starts_with("科室甲.json：检查项 4.1.1"),
        "{}",
        e.in_file("科室甲.json")
    );
    let at = e.location().unwrap();
    assert_eq!(at.path.as_deref(), Some("content.answers[\"4.1.1\"].due"));
}

fn answer_due(due: &str) -> Vec<u8> {
    let due = due.to_string();
    mutate("v2_assessment", move |v| {
        v["content"]["answers"]["4.1.1"]["due"] = json!(due)
    })
}

// ---------------------------------------------------------------------------------------------------
// What is reported, not refused

#[test]
fn an_edited_file_is_flagged_not_refused() {
    let edited = mutate("v2_assessment", |v| {
        v["content"]["answers"]["3.1"]["note"] = json!("改过的说明")
    });
    let imported = import_ok(&edited);
    let ChecksumStatus::Mismatch { declared, actual } = &imported.checksum else {
        panic!("{:?}", imported.checksum)
    };
    assert_ne!(declared, actual);
    assert!(imported.needs_confirmation());
    assert!(imported.checksum.message().unwrap().contains("被修改过"));
    assert_eq!(
        imported.assessment().unwrap().answers["3.1"].note,
        "改过的说明"
    );

    let unsummed = mutate("v2_assessment", |v| {
        drop(v.as_object_mut().unwrap().remove("checksum"))
    });
    assert_eq!(import_ok(&unsummed).checksum, ChecksumStatus::Missing);
}

#[test]
fn another_template_version_is_reported_with_unknown_and_missing_items() {
    let bytes = mutate("v2_assessment", |v| {
        v["template"]["version"] = json!("2023.1");
        v["content"]["answers"]["9.9"] = json!({"response": "implemented"});
    });
    let imported = import_ok(&bytes);
    let m = imported.template_match.as_ref().unwrap();
    assert!(!m.is_exact());
    assert!(imported.needs_confirmation());
    assert_eq!(m.unknown_items, ["9.9"]);
    let template = Template::shipped();
    assert_eq!(m.missing_items.len(), template.items().count() - 3);
    assert!(!m.missing_items.contains(&"3.1".to_string()));
    let text = m.describe().unwrap();
    assert!(text.contains("2023.1") && text.contains("9.9"), "{text}");
    assert!(
        imported.assessment().unwrap().answers.contains_key("9.9"),
        "unknown items are kept aside, not dropped"
    );
}

#[test]
fn unknown_fields_and_disagreeing_headers_are_warnings() {
    let bytes = mutate("v2_assessment", |v| {
        v["colour"] = json!("red");
        v["content"]["answers"]["3.1"]["mood"] = json!("good");
        v["unit"] = json!("别的单位");
        v["content"]["answers"]["7.1"]["response"] = json!("implemented");
    });
    let imported = import_ok(&bytes);
    let w = &imported.warnings;
    assert!(
        w.contains(&ImportWarning::UnknownField {
            path: "colour".into()
        }),
        "{w:?}"
    );
    assert!(
        w.contains(&ImportWarning::UnknownField {
            path: "content.answers[\"3.1\"].mood".into()
        }),
        "{w:?}"
    );
    assert!(
        w.iter().any(|w| matches!(
            w,
            ImportWarning::HeaderDisagrees {
                field: "单位", ..
            }
        )),
        "{w:?}"
    );
    assert!(
        w.iter().any(
            |w| matches!(w, ImportWarning::ResponseDoesNotFit { item_id, .. } if item_id == "7.1")
        ),
        "{w:?}"
    );
    for warning in w {
        assert!(!warning.to_string().is_empty());
    }
}

// ---------------------------------------------------------------------------------------------------
// Sanitised files

#[test]
fn a_sanitised_export_contains_no_names_and_no_free_text() {
    let a = sample();
    let meta = meta().sanitized();
    let text = export_assessment(&a, &Template::shipped(), &meta);
    let secrets = [
        "张三",
        "李四",
        "王五",
        "党组书记、局长",
        "副局长",
        "党组会议纪要",
        "局办公室档案柜",
        "文广党组〔2025〕3号",
        "上半年已召开",
    ];
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "the sanitised file still contains “{secret}”"
        );
    }
    let imported = import_ok(text.as_bytes());
    assert!(imported.header.sanitized);
    let b = imported.assessment().unwrap();
    assert_eq!(b.answers.len(), a.answers.len());
    for (id, answer) in &a.answers {
        assert_eq!(b.answers[id].response, answer.response, "responses stay");
        assert_eq!(
            b.answers[id].evidence.len(),
            answer.evidence.len(),
            "evidence count stays"
        );
    }
    let values = |x: &Assessment| x.ratings.iter().map(|r| r.value).collect::<Vec<_>>();
    assert_eq!(values(b), values(&a), "scores stay");
    assert_eq!(
        verify_export(&text, &Content::Assessment(a.clone())),
        Ok(())
    );
    assert!(assessment_file_name(&a.profile, &meta).ends_with("_脱敏.json"));
    let refused = zrz_exchange::merge::plan_import(&a, &imported, None).unwrap_err();
    assert_eq!(refused, zrz_exchange::MergeError::Sanitized);
}

#[test]
fn file_names_follow_the_patterns() {
    let a = sample();
    assert_eq!(
        assessment_file_name(&a.profile, &meta()),
        "意识形态责任制自评_县文化广播影视局_办公室_2025_20250314.json"
    );
    assert_eq!(
        annual_plan_file_name(2025, &meta()),
        "年度方案_2025_20250314.json"
    );
    assert_eq!(backup_file_name(&meta()), "备份_20250314-1630.json");
}

// ---------------------------------------------------------------------------------------------------
// docs/format.md and the JSON Schema

/// The first ```json block after the heading "完整示例".
fn doc_example() -> String {
    let doc = std::fs::read_to_string(crate::repo("docs/format.md")).unwrap();
    let after = &doc[doc
        .find("完整示例")
        .expect("docs/format.md has a 完整示例 section")..];
    let start = after.find("```json\n").unwrap() + "```json\n".len();
    after[start..start + after[start..].find("```").unwrap()].to_string()
}

#[test]
fn the_documented_example_is_a_valid_current_file() {
    let example = doc_example();
    let imported = import_ok(example.as_bytes());
    assert_eq!(
        imported.checksum,
        ChecksumStatus::Valid,
        "the example's checksum must be right"
    );
    assert_eq!(
        serde_json::from_str::<Value>(&example).unwrap(),
        fixture("v2_assessment"),
        "docs example = v2 fixture"
    );
}

#[test]
fn the_documented_checksum_rule_gives_the_declared_sum() {
    let v = fixture("v2_assessment");
    let canonical = zrz_exchange::canonical::canonical_json(&v["content"]);
    assert!(
        canonical.starts_with("{\"answers\":{\"3.1\":{\"done\":\"2025-03-10\""),
        "{}",
        &canonical[..60]
    );
    assert!(
        canonical.contains("\"de\":15,"),
        "numbers are written as JavaScript writes them"
    );
    assert_eq!(
        zrz_exchange::canonical::checksum(&v["content"]),
        v["checksum"].as_str().unwrap()
    );
}

mod schema {
    //! A small JSON Schema (2020-12) checker for the keywords our schema uses: `$ref` to `$defs`,
    //! `type`, `const`, `enum`, `required`, `properties`, `additionalProperties`, `propertyNames`,
    //! `items`, `minimum`/`maximum`, `minLength`/`maxLength`, `maxItems`, `maxProperties`, `allOf`,
    //! `anyOf`, `oneOf`, `if`/`then`. `pattern` and `format` are not checked. An unsupported keyword
    //! fails the test, so the checker cannot silently fall behind the schema.
    use serde_json::Value;

    const KNOWN: &[&str] = &[
        "$schema",
        "$id",
        "$defs",
        "$ref",
        "title",
        "description",
        "type",
        "const",
        "enum",
        "required",
        "properties",
        "additionalProperties",
        "propertyNames",
        "items",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "maxItems",
        "maxProperties",
        "allOf",
        "anyOf",
        "oneOf",
        "if",
        "then",
        "pattern",
        "format",
    ];

    pub fn check(root: &Value, schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
        let Some(s) = schema.as_object() else { return };
        for key in s.keys() {
            assert!(
                KNOWN.contains(&key.as_str()),
                "schema keyword {key} is not supported by the test's checker"
            );
        }
        if let Some(Value::String(r)) = s.get("$ref") {
            let name = r.strip_prefix("#/$defs/").expect("local refs only");
            check(root, &root["$defs"][name], v, path, errors);
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            let ok = types.iter().any(|t| match *t {
                "object" => v.is_object(),
                "array" => v.is_array(),
                "string" => v.is_string(),
                "integer" => {
                    v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0)
                }
                "number" => v.is_number(),
                "boolean" => v.is_boolean(),
                "null" => v.is_null(),
                other => panic!("type {other}"),
            });
            if !ok {
                errors.push(format!("{path}: expected {types:?}, found {v}"));
                return;
            }
        }
        if let Some(c) = s.get("const") {
            if !same(c, v) {
                errors.push(format!("{path}: expected {c}, found {v}"));
            }
        }
        if let Some(Value::Array(options)) = s.get("enum") {
            if !options.iter().any(|o| same(o, v)) {
                errors.push(format!("{path}: {v} is not one of {options:?}"));
            }
        }
        if let Some(n) = v.as_f64() {
            if s.get("minimum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n < m)
                || s.get("maximum")
                    .and_then(Value::as_f64)
                    .is_some_and(|m| n > m)
            {
                errors.push(format!("{path}: {n} out of range"));
            }
        }
        if let Some(text) = v.as_str() {
            let chars = text.chars().count() as u64;
            if s.get("minLength")
                .and_then(Value::as_u64)
                .is_some_and(|m| chars < m)
                || s.get("maxLength")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| chars > m)
            {
                errors.push(format!("{path}: length {chars} out of range"));
            }
        }
        if let Some(items) = v.as_array() {
            if s.get("maxItems")
                .and_then(Value::as_u64)
                .is_some_and(|m| items.len() as u64 > m)
            {
                errors.push(format!("{path}: too many items"));
            }
            if let Some(item_schema) = s.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(root, item_schema, item, &format!("{path}[{i}]"), errors);
                }
            }
        }
        if let Some(map) = v.as_object() {
            if let Some(Value::Array(required)) = s.get("required") {
                for r in required.iter().filter_map(Value::as_str) {
                    if !map.contains_key(r) {
                        errors.push(format!("{path}: missing required {r}"));
                    }
                }
            }
            if s.get("maxProperties")
                .and_then(Value::as_u64)
                .is_some_and(|m| map.len() as u64 > m)
            {
                errors.push(format!("{path}: too many properties"));
            }
            let props = s.get("properties").and_then(Value::as_object);
            for (k, item) in map {
                let sub = format!("{path}.{k}");
                if let Some(names) = s.get("propertyNames") {
                    check(root, names, &Value::String(k.clone()), &sub, errors);
                }
                match props.and_then(|p| p.get(k)) {
                    Some(p) => check(root, p, item, &sub, errors),
                    None => match s.get("additionalProperties") {
                        Some(Value::Bool(false)) => errors.push(format!("{sub}: not allowed")),
                        Some(extra @ Value::Object(_)) => check(root, extra, item, &sub, errors),
                        _ => {}
                    },
                }
            }
        }
        let passes = |sub: &Value| {
            let mut e = Vec::new();
            check(root, sub, v, path, &mut e);
            e.is_empty()
        };
        if let Some(Value::Array(all)) = s.get("allOf") {
            for sub in all {
                check(root, sub, v, path, errors);
            }
        }
        if let Some(Value::Array(any)) = s.get("anyOf") {
            if !any.iter().any(passes) {
                errors.push(format!("{path}: matches none of anyOf"));
            }
        }
        if let Some(Value::Array(one)) = s.get("oneOf") {
            if one.iter().filter(|sub| passes(sub)).count() != 1 {
                errors.push(format!("{path}: does not match exactly one of oneOf"));
            }
        }
        if let (Some(cond), Some(then)) = (s.get("if"), s.get("then")) {
            if passes(cond) {
                check(root, then, v, path, errors);
            }
        }
    }

    fn same(a: &Value, b: &Value) -> bool {
        match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        }
    }
}

fn schema_errors(file: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(crate::repo("public/schema/zrz-exchange-v2.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        schema["properties"]["format_version"]["const"],
        json!(FORMAT_VERSION),
        "the schema file is for the current version"
    );
    let mut errors = Vec::new();
    schema::check(&schema, &schema, file, "", &mut errors);
    errors
}

#[test]
fn the_example_fixtures_and_fresh_exports_validate_against_the_schema() {
    let raw: Value = serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap();
    let state = StoredState {
        assessment: sample(),
        ..StoredState::default()
    };
    let files = [
        ("docs example", doc_example()),
        ("v2 fixture", fixture_text("v2_assessment")),
        (
            "sanitised",
            export_assessment(&sample(), &Template::shipped(), &meta().sanitized()),
        ),
        (
            "annual plan",
            export_annual_plan(
                &AnnualPlan::from_office(raw, &sample()),
                &sample().profile,
                &meta(),
            ),
        ),
        (
            "backup",
            export_backup(&state, &Template::shipped(), &meta()),
        ),
        (
            "empty assessment",
            export_assessment(&Assessment::default(), &Template::shipped(), &meta()),
        ),
    ];
    for (what, text) in files {
        let errors = schema_errors(&serde_json::from_str(&text).unwrap());
        assert!(errors.is_empty(), "{what}: {errors:#?}");
    }
}

#[test]
fn the_schema_checker_does_check() {
    let errors = schema_errors(&mutate_value(|v| {
        v["kind"] = json!("photo");
        v["content"]["people"][0] = json!({"name": "no id"});
        drop(v.as_object_mut().unwrap().remove("checksum"));
    }));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing required checksum")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|e| e.contains(".kind")), "{errors:?}");
    let errors = schema_errors(&mutate_value(|v| {
        v["content"]["people"][0] = json!({"name": "no id"})
    }));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("content.people[0]: missing required id")),
        "{errors:?}"
    );
}

fn mutate_value(change: impl FnOnce(&mut Value)) -> Value {
    let mut v = fixture("v2_assessment");
    change(&mut v);
    v
}
