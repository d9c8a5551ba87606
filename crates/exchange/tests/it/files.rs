#![cfg(not(target_arch = "wasm32"))]
//! The exchange file format from the outside: round trips of every kind, every fixture of every
//! version, checksum flags, sanitised files, template matches, header warnings and file names.
//! (Every import error: `errors.rs`; docs and schema: `docs.rs`; unknown fields: `extras.rs`.)

use std::path::Path;

use serde_json::{json, Value};

use crate::support::*;
use zrz_domain::plan::{Template, SHIPPED_TEMPLATE_JSON};
use zrz_domain::record::{Assessment, RecordKind, Response};
use zrz_exchange::{
    self, annual_plan_file_name, assessment_file_name, backup_file_name, export_annual_plan,
    export_assessment, export_backup, export_findings, export_workspace, findings_file_name,
    import, read_file, verify_export, workspace_file_name, AnnualPlan, ChecksumStatus, Content,
    HeaderField, ImportWarning, Kind, StoredState, FORMAT_VERSION,
};

// ---------------------------------------------------------------------------------------------------
// Round trips

#[test]
fn an_exported_assessment_imports_to_the_identical_assessment() {
    let a = sample();
    let text = export_assessment(&a, &no_extras(), &Template::shipped(), &meta());
    let imported = import_ok(text.as_bytes());
    assert_eq!(imported.assessment(), Some(&a));
    assert_eq!(imported.checksum, ChecksumStatus::Valid);
    assert!(imported.migrations.is_empty());
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert!(imported.template_match.as_ref().unwrap().is_exact());
    assert!(!imported.needs_confirmation());
    assert!(!imported.is_read_only());
    assert_eq!(imported.header.kind, Kind::Assessment);
    assert_eq!(imported.header.format_version, FORMAT_VERSION);
    assert_eq!(
        (imported.header.unit.as_str(), imported.header.year),
        ("县文化广播影视局", 2025)
    );
    assert_eq!(verify_export(&text, &Content::assessment(a)), Ok(()));
}

/// Every kind: exported, verified, imported with the screen's kind, and the same content back.
#[test]
fn every_kind_round_trips() {
    let template = Template::shipped();
    let plan = AnnualPlan::from_office(
        serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap(),
        &sample(),
    );
    let state = StoredState {
        assessment: sample(),
        last_export_at: Some(at(14, 8)),
        template: Some(serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap()),
        ..StoredState::default()
    };
    let Content::Findings(findings) = read_file(fixture_text("v3_findings").as_bytes())
        .unwrap()
        .content
    else {
        panic!("findings")
    };
    let Content::Workspace(workspace) = read_file(fixture_text("v3_workspace").as_bytes())
        .unwrap()
        .content
    else {
        panic!("a workspace")
    };
    let office = &sample().profile;
    let cases: Vec<(Kind, String, Content)> = vec![
        (
            Kind::Assessment,
            export_assessment(&sample(), &no_extras(), &template, &meta()),
            Content::assessment(sample()),
        ),
        (
            Kind::AnnualPlan,
            export_annual_plan(&plan, office, &meta()),
            Content::AnnualPlan(Box::new(plan.clone())),
        ),
        (
            Kind::Backup,
            export_backup(&state, &template, &meta()),
            Content::Backup(Box::new(state.clone())),
        ),
        (
            Kind::Findings,
            export_findings(&findings, &meta()),
            Content::Findings(findings.clone()),
        ),
        (
            Kind::Workspace,
            export_workspace(&workspace, office, &template, &meta()),
            Content::Workspace(workspace.clone()),
        ),
    ];
    for (kind, text, content) in cases {
        assert_eq!(verify_export(&text, &content), Ok(()), "{kind:?}");
        let imported = import(text.as_bytes(), &template, Some(kind))
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(imported.header.kind, kind);
        assert_eq!(imported.checksum, ChecksumStatus::Valid, "{kind:?}");
        assert_eq!(imported.content, content, "{kind:?}");
        assert!(
            imported.warnings.is_empty(),
            "{kind:?}: {:?}",
            imported.warnings
        );
    }
}

#[test]
fn formatting_a_file_differently_keeps_its_checksum_valid() {
    let v = fixture("v3_assessment");
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
    let text = export_assessment(&a, &no_extras(), &Template::shipped(), &meta());
    let mut other = a.clone();
    other.answers.get_mut("3.1").unwrap().note = "另一段说明".into();
    let diffs = verify_export(&text, &Content::assessment(other)).unwrap_err();
    assert_eq!(diffs.len(), 1);
    assert_eq!(diffs[0].path, "content.answers[\"3.1\"].note");
    let diffs = verify_export("not json", &Content::assessment(a)).unwrap_err();
    assert!(diffs[0].found.starts_with("not_our_format"), "{}", diffs[0]);
}

/// If this fails, the JSON layout of the content changed: bump FORMAT_VERSION with a migration (see
/// its doc comment) instead of editing the fixture.
#[test]
fn the_current_layout_is_still_the_one_in_the_v3_fixtures() {
    let frozen = fixture("v3_assessment");
    let fresh: Value = serde_json::from_str(&export_assessment(
        &sample(),
        &no_extras(),
        &Template::shipped(),
        &zrz_exchange::ExportMeta::new(at(21, 8) + chrono::Duration::minutes(30), "0.3.0"),
    ))
    .unwrap();
    assert_eq!(fresh, frozen);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&fresh["content"]), keys(&frozen["content"]));
    // The text too: members in the types' order, two-space indentation, a final newline.
    assert_eq!(
        export_assessment(
            &sample(),
            &no_extras(),
            &Template::shipped(),
            &zrz_exchange::ExportMeta::new(at(21, 8) + chrono::Duration::minutes(30), "0.3.0"),
        ),
        fixture_text("v3_assessment")
    );
}

// ---------------------------------------------------------------------------------------------------
// Fixtures of every version

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_version_has_fixtures_of_its_kinds_and_they_all_import() {
    let names = fixture_names();
    let kinds_by_version: [(u32, &[&str]); 3] = [
        (1, &["assessment", "annual_plan", "backup"]),
        (2, &["assessment", "annual_plan", "backup"]),
        (
            3,
            &[
                "assessment",
                "annual_plan",
                "backup",
                "findings",
                "workspace",
            ],
        ),
    ];
    assert_eq!(kinds_by_version.len() as u32, FORMAT_VERSION);
    for (version, kinds) in kinds_by_version {
        for kind in kinds {
            assert!(
                names.contains(&format!("v{version}_{kind}.json")),
                "no fixture v{version}_{kind}.json"
            );
        }
    }
    for name in &names {
        let bytes = std::fs::read(Path::new(&fixtures()).join(name)).unwrap();
        let imported =
            import(&bytes, &Template::shipped(), None).unwrap_or_else(|e| panic!("{name}: {e}"));
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
        assert!(
            name.contains(&format!("_{}", imported.header.kind.key())),
            "{name} is a {:?}",
            imported.header.kind
        );
        // Made with template 2024.1, whose items the shipped template keeps: compatible.
        if let Some(m) = &imported.template_match {
            assert!(m.is_compatible(), "{name}: {m:?}");
            assert!(!imported.needs_confirmation(), "{name}");
        }
    }
}

#[test]
fn v1_assessment_gains_empty_people_ratings_and_the_default_settings() {
    let imported = import_ok(fixture_text("v1_assessment").as_bytes());
    let a = imported.assessment().unwrap();
    assert_eq!(imported.migrations[0].from, 1);
    assert!(!imported.header.sanitized);
    assert!(a.people.is_empty() && a.ratings.is_empty());
    assert!(a.ledger.is_empty() && a.tasks.is_empty() && a.findings.is_empty());
    assert_eq!(a.rating_settings, Assessment::default().rating_settings);
    assert_eq!(a.answers.len(), 3);
    assert_eq!(a.profile.year, 2024);
    assert_eq!(a.answers["4.1.1"].due.unwrap().to_string(), "2024-12-31");
}

#[test]
fn v2_files_get_unique_person_ids_and_the_new_hash() {
    let v2 = import_ok(fixture_text("v2_assessment").as_bytes());
    let a = v2.assessment().unwrap();
    let ids: Vec<&str> = a.people.iter().map(|p| p.id.as_str()).collect();
    // The v2→v3 rule: `p-` and 13 characters of SHA-256 over unit|department|year|old id.
    assert_eq!(ids, ["p-9g3bwhz3wdc8v", "p-716fhne7qej5p"]);
    assert!(a.ratings.iter().all(|r| r.person_id == ids[0]));
    assert_eq!(
        v2.header.template.hash,
        "806f88986d88cad5232abf150569ef30b605e900458346480cb9e8ed5d81bec6"
    );
    assert_eq!(v2.migrations.len(), 1);
    assert_eq!(v2.migrations[0].from, 2);

    // A backup of the released v2 app: a state record of version 1, whose merge base and change
    // counter go, and whose people get the same ids as the department's own file.
    let backup = import(
        fixture_text("v2_backup_state_v1").as_bytes(),
        &Template::shipped(),
        Some(Kind::Backup),
    )
    .unwrap();
    let Content::Backup(state) = &backup.content else {
        panic!("a backup")
    };
    let backup_ids: Vec<&str> = state
        .assessment
        .people
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(backup_ids, ids);
    assert_eq!(state.assessment.answers["7.1"].note, "导出后又补充的说明");

    // The v2 annual plan's header hash is recomputed from the template it carries.
    let plan = import_ok(fixture_text("v2_annual_plan").as_bytes());
    let template_2024_1: Value = serde_json::from_str(
        &std::fs::read_to_string(crate::fixture("templates/2024.1.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        plan.header.template,
        zrz_domain::plan::TemplateRef::of_json(&template_2024_1)
    );
    let Content::AnnualPlan(plan) = plan.content else {
        panic!("an annual plan")
    };
    assert_eq!(plan.rating_settings.unwrap().excellent_share_max, 20.0);
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
fn every_state_fixture_loads_and_so_does_every_backups_state_record() {
    let dir = crate::fixture("state");
    let mut versions = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let text = std::fs::read_to_string(Path::new(&dir).join(&name)).unwrap();
        let state = StoredState::from_json(&text).unwrap_or_else(|e| panic!("state {name}: {e}"));
        assert_eq!(state.assessment.profile.unit, "县文化广播影视局");
        versions.push(name);
    }
    assert!(versions.contains(&"v1.json".to_string()));
    // The state records inside backups, of every state version (1 in v2_backup_state_v1, 2 in the
    // others) load by the same path.
    for name in ["v2_backup", "v2_backup_state_v1", "v3_backup"] {
        let record = fixture(name)["content"].clone();
        StoredState::from_value(record).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

// ---------------------------------------------------------------------------------------------------
// What is reported, not refused

#[test]
fn an_edited_file_is_flagged_not_refused() {
    let mut edited = fixture("v3_assessment");
    edited["content"]["answers"]["3.1"]["note"] = json!("改过的说明");
    let imported = import_ok(&serde_json::to_vec(&edited).unwrap());
    let ChecksumStatus::Mismatch { declared, actual } = &imported.checksum else {
        panic!("{:?}", imported.checksum)
    };
    // Expectations of their own: the sum the fixture declares, and the sum of the edited content
    // by the documented rule.
    assert_eq!(
        declared,
        "sha256:0c38890197278e1035f39a1a17f3319bd917a432fa5f425dd91464bcb524b4b1"
    );
    assert_eq!(
        actual,
        &zrz_exchange::canonical::checksum(&edited["content"])
    );
    assert!(imported.needs_confirmation());
    assert!(matches!(imported.checksum, ChecksumStatus::Mismatch { .. }));
    assert_eq!(
        imported.assessment().unwrap().answers["3.1"].note,
        "改过的说明"
    );

    let unsummed = mutate("v3_assessment", |v| {
        drop(v.as_object_mut().unwrap().remove("checksum"))
    });
    assert_eq!(import_ok(&unsummed).checksum, ChecksumStatus::Missing);
}

#[test]
fn a_v2_file_of_another_template_version_is_compared_by_id_and_version() {
    // A template the app never shipped: its old hash is not in the migration's table either.
    let bytes = mutate("v2_assessment", |v| {
        v["template"]["version"] = json!("2023.1");
        v["template"]["hash"] = json!("1".repeat(64));
        v["content"]["answers"]["9.9"] = json!({"response": "implemented"});
    });
    let imported = import_ok(&bytes);
    let m = imported.template_match.as_ref().unwrap();
    assert!(!m.by_items && !m.is_exact());
    assert!(imported.needs_confirmation());
    assert_eq!(m.unknown_items, ["9.9"]);
    let template = Template::shipped();
    assert_eq!(m.missing_items.len(), template.items().count() - 3);
    assert!(!m.missing_items.contains(&"3.1".to_string()));
    assert_eq!(m.file.version, "2023.1");
    assert!(
        imported.assessment().unwrap().answers.contains_key("9.9"),
        "unknown items are kept aside, not dropped"
    );
    // Without digests, a hash the app cannot check is not a difference: same id and version match.
    let unknown_hash = mutate("v2_assessment", |v| {
        v["template"]["hash"] = json!("0".repeat(64));
        v["template"]["version"] = json!(Template::shipped().version);
    });
    assert!(import_ok(&unknown_hash).template_match.unwrap().is_exact());
}

#[test]
fn a_v3_file_names_the_items_made_against_other_text_or_points() {
    let bytes = mutate("v3_assessment", |v| {
        v["template"]["hash"] = json!("1".repeat(64));
        let items = v["template"]["items"].as_object_mut().unwrap();
        items.insert("4.1.1".into(), json!("000000000000"));
        items.remove("4.1.2");
        items.insert("4.9".into(), json!("abcdefabcdef"));
    });
    let imported = import_ok(&bytes);
    let m = imported.template_match.as_ref().unwrap();
    assert!(m.by_items && !m.is_exact() && !m.items_agree());
    assert_eq!(m.changed, ["4.1.1"]);
    assert_eq!(m.only_local, ["4.1.2"]);
    assert_eq!(m.only_in_file, ["4.9"]);
    // Other content, the same items: said so.
    let preamble = mutate("v3_assessment", |v| {
        v["template"]["hash"] = json!("2".repeat(64))
    });
    let m = import_ok(&preamble).template_match.unwrap();
    assert!(m.items_agree() && !m.is_exact());
    assert!(m.changed.is_empty() && m.only_in_file.is_empty() && m.only_local.is_empty());
}

#[test]
fn unknown_fields_and_disagreeing_headers_are_warnings() {
    let bytes = mutate("v3_assessment", |v| {
        v["colour"] = json!("red");
        v["content"]["answers"]["3.1"]["mood"] = json!("good");
        v["unit"] = json!("别的单位");
        v["year"] = json!(2024);
        v["content"]["answers"]["7.1"]["response"] = json!("implemented");
    });
    let imported = import_ok(&bytes);
    let w = &imported.warnings;
    for path in ["colour", "content.answers[\"3.1\"].mood"] {
        assert!(
            w.contains(&ImportWarning::UnknownField { path: path.into() }),
            "{w:?}"
        );
    }
    assert!(
        w.contains(&ImportWarning::HeaderDisagrees {
            field: HeaderField::Unit,
            header: "别的单位".into(),
            content: "县文化广播影视局".into()
        }),
        "{w:?}"
    );
    assert!(
        w.iter().any(|w| matches!(
            w,
            ImportWarning::HeaderDisagrees {
                field: HeaderField::Year,
                ..
            }
        )),
        "{w:?}"
    );
    assert!(
        w.iter().any(
            |w| matches!(w, ImportWarning::ResponseDoesNotFit { item_id, response: Response::Implemented } if item_id == "7.1")
        ),
        "{w:?}"
    );
}

// ---------------------------------------------------------------------------------------------------
// Sanitised files

/// Every name and free text of the v3 fixture, collected from the fixture itself by field (and
/// listed by hand as well, so the collection cannot quietly come up empty).
fn secrets_of(file: &Value) -> Vec<String> {
    const FREE_TEXT: [&str; 19] = [
        "by",
        "decided_by",
        "filled_by",
        "name",
        "post",
        "rater",
        "reason",
        "note",
        "owner",
        "what",
        "location",
        "doc_no",
        "title",
        "place",
        "participants",
        "summary",
        "kept_at",
        "measure",
        "evidence_document",
    ];
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    match x {
                        Value::String(s) if FREE_TEXT.contains(&k.as_str()) && !s.is_empty() => {
                            out.push(s.clone())
                        }
                        _ => walk(x, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&file["content"], &mut out);
    // Names may sit inside other text ("李四、王五"): each name on its own too.
    let names: Vec<String> = out
        .iter()
        .flat_map(|s| s.split('、').map(str::to_string).collect::<Vec<_>>())
        .collect();
    out.extend(names);
    out.sort();
    out.dedup();
    out
}

#[test]
fn a_sanitised_export_contains_no_name_and_no_free_text_of_the_input() {
    let secrets = secrets_of(&fixture("v3_assessment"));
    for expected in [
        "张三",
        "李四",
        "王五",
        "党组",
        "党组书记、局长",
        "副局长",
        "党组会议纪要",
        "局办公室档案柜",
        "文广党组〔2025〕3号",
        "上半年已召开 1 次专题会议，下半年待开",
        "党组会议专题研究意识形态工作",
        "局三楼会议室",
        "传达上级部署，研究本年度意识形态工作要点",
        "下半年召开第二次党组会议专题研究意识形态工作",
        "会议纪要中未见下半年专题研究的安排",
    ] {
        assert!(
            secrets.contains(&expected.to_string()),
            "{expected} not collected"
        );
    }
    let a = sample();
    let state = StoredState {
        assessment: a.clone(),
        ..StoredState::default()
    };
    let meta = meta().sanitized();
    for text in [
        export_assessment(&a, &no_extras(), &Template::shipped(), &meta),
        export_backup(&state, &Template::shipped(), &meta),
    ] {
        let content = serde_json::from_str::<Value>(&text).unwrap()["content"].to_string();
        for secret in &secrets {
            assert!(
                !content.contains(secret.as_str()),
                "the sanitised file still contains “{secret}”"
            );
        }
        let imported = import_ok(text.as_bytes());
        assert!(imported.header.sanitized && imported.is_read_only());
        assert_eq!(verify_export(&text, &imported.content), Ok(()));
    }
    let text = export_assessment(&a, &no_extras(), &Template::shipped(), &meta);
    let imported = import_ok(text.as_bytes());
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
    // Structure, dates, counts and links stay.
    assert_eq!(b.ledger[0].date, a.ledger[0].date);
    assert_eq!(b.ledger[0].participant_count, Some(7));
    assert_eq!(b.ledger[0].participants, "人员1、人员2");
    assert_eq!(b.ledger[0].items, a.ledger[0].items);
    assert_eq!(b.tasks[0].finding_id, a.tasks[0].finding_id);
    assert_eq!(b.tasks[0].owner, "人员1");
    assert_eq!(b.tasks[0].deadline, a.tasks[0].deadline);
    assert_eq!(b.findings[0].verdict, a.findings[0].verdict);
    assert_eq!(
        verify_export(&text, &Content::assessment(a.clone())),
        Ok(())
    );
    assert!(assessment_file_name(&a.profile, &meta).ends_with("_脱敏.json"));
    assert_eq!(
        zrz_exchange::merge::plan_import((&a).into(), &imported, None).unwrap_err(),
        zrz_exchange::MergeError::Sanitized
    );
}

#[test]
fn a_sanitised_workspace_and_findings_file_keep_no_name_or_note() {
    let ws_file = fixture("v3_workspace");
    let findings_file = fixture("v3_findings");
    let mut secrets = secrets_of(&ws_file);
    secrets.extend(secrets_of(&findings_file));
    for expected in [
        "纪要已查阅",
        "赵六",
        "局党组",
        "由党组书记对办公室负责人进行提醒谈话",
        "李四",
    ] {
        assert!(secrets.contains(&expected.to_string()), "{expected}");
    }
    let Content::Workspace(ws) = read_file(ws_file.to_string().as_bytes()).unwrap().content else {
        panic!()
    };
    let Content::Findings(f) = read_file(findings_file.to_string().as_bytes())
        .unwrap()
        .content
    else {
        panic!()
    };
    let meta = meta().sanitized();
    for text in [
        export_workspace(&ws, &sample().profile, &Template::shipped(), &meta),
        export_findings(&f, &meta),
    ] {
        let content = serde_json::from_str::<Value>(&text).unwrap()["content"].to_string();
        for secret in &secrets {
            assert!(
                !content.contains(secret.as_str()),
                "still contains “{secret}”"
            );
        }
        let imported = import(text.as_bytes(), &Template::shipped(), None).unwrap();
        assert!(imported.is_read_only());
        assert_eq!(verify_export(&text, &imported.content), Ok(()));
    }
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
    let key = a.profile.department_key();
    assert_eq!(
        findings_file_name(
            &zrz_domain::record::DepartmentKey {
                unit: a.profile.unit.clone(),
                ..key
            },
            &meta()
        ),
        "核查意见_县文化广播影视局_办公室_2025_20250314.json"
    );
    assert_eq!(
        workspace_file_name(&a.profile, &meta().sanitized()),
        "汇总工作区_县文化广播影视局_20250314-1630_脱敏.json"
    );
    let _ = RecordKind::Answer;
}

#[test]
fn a_sanitised_file_leaves_out_every_unknown_field_and_the_office_s_extras() {
    // Unknown fields could hold anything, names included: a sanitised file has none of them.
    let mut extras = zrz_exchange::Extras::default();
    extras
        .envelope
        .insert("x_signed_by".into(), json!("签发人赵六"));
    extras
        .root
        .insert("x_contacts".into(), json!(["联系人钱七"]));
    let mut unknown = zrz_exchange::Unknown::default();
    unknown
        .fields
        .insert("x_deputy".into(), json!("代理人孙八"));
    extras.set_record(
        &zrz_domain::record::RecordKey::new(RecordKind::Answer, "3.1"),
        Some(unknown),
    );
    let a = sample();
    let plain = export_assessment(&a, &extras, &Template::shipped(), &meta());
    for name in ["签发人赵六", "联系人钱七", "代理人孙八"] {
        assert!(plain.contains(name), "kept in an ordinary export: {name}");
    }
    let state = StoredState {
        assessment: a.clone(),
        extras: extras.clone(),
        ..StoredState::default()
    };
    let meta = meta().sanitized();
    for text in [
        export_assessment(&a, &extras, &Template::shipped(), &meta),
        export_backup(&state, &Template::shipped(), &meta),
    ] {
        for name in ["签发人赵六", "联系人钱七", "代理人孙八"] {
            assert!(!text.contains(name), "{name} in a sanitised file");
        }
    }
    let mut findings: Value = fixture("v3_findings");
    findings["content"]["x_cc"] = json!("抄送周九");
    let Content::Findings(f) = read_file(findings.to_string().as_bytes()).unwrap().content else {
        panic!()
    };
    assert!(export_findings(&f, &meta.clone().sanitized())
        .find("抄送周九")
        .is_none());
    assert!(export_findings(&f, &super::support::meta()).contains("抄送周九"));
    // A 年度方案 has nothing to leave out.
    let plan = AnnualPlan::from_office(serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap(), &a);
    let content = |text: String| serde_json::from_str::<Value>(&text).unwrap()["content"].clone();
    assert_eq!(
        content(export_annual_plan(&plan, &a.profile, &meta)),
        content(export_annual_plan(
            &plan,
            &a.profile,
            &super::support::meta()
        ))
    );
}

#[test]
fn a_sanitised_workspace_keeps_its_departments_files_and_their_counts() {
    let Content::Workspace(ws) = read_file(fixture_text("v3_workspace").as_bytes())
        .unwrap()
        .content
    else {
        panic!()
    };
    let text = export_workspace(
        &ws,
        &sample().profile,
        &Template::shipped(),
        &meta().sanitized(),
    );
    let Content::Workspace(out) = read_file(text.as_bytes()).unwrap().content else {
        panic!()
    };
    assert_eq!(out.received.len(), 1);
    let r = &out.received[0];
    assert_eq!(r.files().count(), 2, "the older v2 file too");
    for f in r.files() {
        let file = f.read().unwrap();
        assert!(
            file.is_read_only(),
            "each department file is itself sanitised"
        );
        assert_eq!(file.header.format_version, FORMAT_VERSION);
    }
    for (sanitised, original) in r.files().zip(ws.received[0].files()) {
        assert_eq!(
            sanitised.exported_at(),
            original.exported_at(),
            "written again at its own export time"
        );
        assert_eq!(
            sanitised.file["app_version"], original.file["app_version"],
            "and under its own app version"
        );
    }
    assert_eq!(r.review.verifications.len(), 2);
    assert!(r
        .review
        .verifications
        .values()
        .all(|v| v.note.is_empty() && v.by.is_empty()));
    assert_eq!(
        r.review.accountability[0].decision,
        ws.received[0].review.accountability[0].decision
    );
}

/// 示例数据 is what the app exports: every demo department's file imports with no warning and
/// gives the same record back (the office's demo set is received through the same importer).
#[test]
fn every_demo_department_exports_and_imports_cleanly() {
    let template = Template::shipped();
    for index in 0..5 {
        let a = zrz_domain::demo::department(&template, 2025, index);
        let text = export_assessment(&a, &no_extras(), &template, &meta());
        let imported = import_ok(text.as_bytes());
        assert_eq!(imported.assessment(), Some(&a), "demo {index}");
        assert!(
            imported.warnings.is_empty(),
            "{index}: {:?}",
            imported.warnings
        );
        assert!(!imported.needs_confirmation());
    }
}

/// Issue 11 (台账): format 3 carries the ledger — every field of an entry, links to several items,
/// a link to an item the template lacks (kept, for the ledger page to flag), and a 佐证材料 row that
/// points to an entry — through export and import on a fresh record unchanged.
#[test]
fn the_ledger_and_evidence_pointing_to_entries_travel_in_the_file() {
    use zrz_domain::ledger::{entry_flags, EntryFlag};
    use zrz_domain::record::{Evidence, LedgerEntry};
    let mut a = sample();
    let entry = LedgerEntry {
        id: "e-0000000000001".into(),
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
        activity: "party_group_meeting".into(),
        title: "党组会议专题研究意识形态工作".into(),
        place: "三楼会议室".into(),
        participant_count: Some(9),
        participants: "张三、李四".into(),
        summary: "研判上半年意识形态形势\n部署下半年工作".into(),
        doc_no: "文广党〔2025〕7号".into(),
        kept_at: "办公室档案柜".into(),
        items: vec!["4.1.1".into(), "4.1.3".into(), "9.9.9".into()],
        updated_at: Some(at(14, 9)),
    };
    a.ledger.push(entry.clone());
    a.answers
        .entry("4.1.1".into())
        .or_default()
        .evidence
        .push(Evidence {
            what: "会议记录".into(),
            entry: Some(entry.id.clone()),
            ..Evidence::default()
        });
    let text = export_assessment(&a, &no_extras(), &Template::shipped(), &meta());
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["format_version"], json!(FORMAT_VERSION));
    assert!(json["content"]["ledger"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == json!(entry.id) && e["kept_at"] == json!("办公室档案柜")));
    let imported = import_ok(text.as_bytes());
    let b = imported.assessment().unwrap();
    assert_eq!(b, &a);
    let back = b.entry(&entry.id).unwrap();
    assert_eq!(back, &entry);
    assert_eq!(
        b.answers["4.1.1"].evidence.last().unwrap().entry.as_deref(),
        Some(entry.id.as_str())
    );
    let flags = entry_flags(back, &Template::shipped(), 2025, at(31, 0).date_naive());
    assert!(flags.contains(&EntryFlag::UnknownItem {
        item_id: "9.9.9".into()
    }));
    // Evidence without an entry is written as before: no `entry` member.
    let plain = serde_json::to_value(Evidence::default()).unwrap();
    assert!(plain.get("entry").is_none());
}
