#![cfg(not(target_arch = "wasm32"))]
//! docs/format.md and public/schema/ against the code: the documented example is a fixture, the
//! documented Python recipes (checksum, template hash, item digests) give what the app gives, and
//! every fixture and fresh export of the current version validates against the published schema.

use std::process::Command;

use serde_json::{json, Value};

use crate::support::*;
use zrz_domain::plan::{Template, SHIPPED_TEMPLATE_HASH, SHIPPED_TEMPLATE_JSON};
use zrz_domain::record::Assessment;
use zrz_exchange::{
    export_annual_plan, export_assessment, export_backup, export_findings, export_workspace,
    read_file, AnnualPlan, ChecksumStatus, Content, StoredState, FORMAT_VERSION,
};

fn doc() -> String {
    std::fs::read_to_string(crate::repo("docs/format.md")).unwrap()
}

/// The first fenced block of `lang` after `heading` in docs/format.md.
fn block_after(heading: &str, lang: &str) -> String {
    let doc = doc();
    let after = &doc[doc
        .find(heading)
        .unwrap_or_else(|| panic!("docs/format.md has no “{heading}”"))..];
    let fence = format!("```{lang}\n");
    let start = after.find(&fence).unwrap() + fence.len();
    after[start..start + after[start..].find("```").unwrap()].to_string()
}

fn doc_example() -> String {
    block_after("## 完整示例", "json")
}

#[test]
fn the_documented_example_is_the_v3_fixture_and_a_valid_file() {
    let example = doc_example();
    let imported = import_ok(example.as_bytes());
    assert_eq!(imported.checksum, ChecksumStatus::Valid);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(
        serde_json::from_str::<Value>(&example).unwrap(),
        fixture("v3_assessment"),
        "docs example = v3 fixture"
    );
}

#[test]
fn the_documented_checksum_rule_gives_the_declared_sum() {
    let v = fixture("v3_assessment");
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

/// `python3`, or `None` (and a note) when this machine has none. On CI (`CI` set) it must exist.
fn python() -> Option<&'static str> {
    let found = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 is needed to check the recipes in docs/format.md"
        );
        eprintln!("python3 not found: the documented Python recipes are not run");
        return None;
    }
    Some("python3")
}

/// Runs a Python recipe of the doc on `file` and returns what it prints.
fn run_recipe(heading: &str, file: &str) -> Option<String> {
    let python = python()?;
    let dir = std::env::temp_dir().join(format!("zrz-recipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = heading
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    let script = dir.join(format!("{name:x}.py"));
    std::fs::write(&script, block_after(heading, "python")).unwrap();
    let out = Command::new(python)
        .arg(&script)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{heading}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn the_documented_python_checksum_recipe_agrees_with_every_fixture() {
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let Some(out) = run_recipe("用 Python 3 核对一个文件", path.to_str().unwrap())
        else {
            return;
        };
        assert_eq!(out.trim(), "一致", "{}", path.display());
    }
    let edited = std::env::temp_dir().join("zrz-edited.json");
    std::fs::write(
        &edited,
        mutate("v3_assessment", |v| {
            v["content"]["answers"]["3.1"]["note"] = json!("改")
        }),
    )
    .unwrap();
    let out = run_recipe("用 Python 3 核对一个文件", edited.to_str().unwrap()).unwrap();
    assert!(out.contains("不一致"), "{out}");
}

#[test]
fn the_documented_python_hash_recipe_gives_the_apps_hash_and_digests() {
    let template_json = crate::repo("crates/domain/src/plan/template.json");
    let Some(out) = run_recipe("用 Python 3 计算方案哈希", &template_json) else {
        return;
    };
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some(SHIPPED_TEMPLATE_HASH));
    let reference = Template::shipped().reference();
    let digests: Vec<(String, String)> = lines
        .map(|l| {
            let (id, d) = l.split_once(' ').unwrap();
            (id.to_string(), d.to_string())
        })
        .collect();
    assert_eq!(digests.len(), reference.items.len());
    for (id, digest) in digests {
        assert_eq!(reference.items.get(&id), Some(&digest), "item {id}");
    }
    // On a 年度方案 file the recipe reads the template inside it, as received.
    let plan = crate::fixture("exchange/v3_annual_plan.json");
    let out = run_recipe("用 Python 3 计算方案哈希", &plan).unwrap();
    assert_eq!(
        out.lines().next(),
        fixture("v3_annual_plan")["template"]["hash"].as_str()
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
        &std::fs::read_to_string(crate::repo(&format!(
            "public/schema/zrz-exchange-v{FORMAT_VERSION}.schema.json"
        )))
        .unwrap(),
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
fn every_current_fixture_and_fresh_export_validates_against_the_schema() {
    let template = Template::shipped();
    let shipped: Value = serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap();
    let state = StoredState {
        assessment: sample(),
        ..StoredState::default()
    };
    let Content::Findings(findings) = read_file(fixture_text("v3_findings").as_bytes())
        .unwrap()
        .content
    else {
        panic!()
    };
    let Content::Workspace(workspace) = read_file(fixture_text("v3_workspace").as_bytes())
        .unwrap()
        .content
    else {
        panic!()
    };
    let office = sample().profile;
    let mut files = vec![("docs example".to_string(), doc_example())];
    for kind in [
        "assessment",
        "annual_plan",
        "backup",
        "findings",
        "workspace",
    ] {
        files.push((format!("v3_{kind}"), fixture_text(&format!("v3_{kind}"))));
    }
    for sanitized in [false, true] {
        let meta = if sanitized {
            meta().sanitized()
        } else {
            meta()
        };
        files.extend([
            (
                format!("assessment {sanitized}"),
                export_assessment(&sample(), &no_extras(), &template, &meta),
            ),
            (
                format!("annual plan {sanitized}"),
                export_annual_plan(
                    &AnnualPlan::from_office(shipped.clone(), &sample()),
                    &office,
                    &meta,
                ),
            ),
            (
                format!("backup {sanitized}"),
                export_backup(&state, &template, &meta),
            ),
            (
                format!("findings {sanitized}"),
                export_findings(&findings, &meta),
            ),
            (
                format!("workspace {sanitized}"),
                export_workspace(&workspace, &office, &template, &meta),
            ),
            (
                format!("assessment with the office's conclusions {sanitized}"),
                export_assessment(&with_office_review(), &no_extras(), &template, &meta),
            ),
            (
                format!("empty assessment {sanitized}"),
                export_assessment(&Assessment::default(), &no_extras(), &template, &meta),
            ),
        ]);
    }
    for (what, text) in files {
        let errors = schema_errors(&serde_json::from_str(&text).unwrap());
        assert!(errors.is_empty(), "{what}: {errors:#?}");
    }
}

/// The sample with what a findings file brings beyond its findings.
fn with_office_review() -> Assessment {
    let Content::Findings(file) = read_file(fixture_text("v3_findings").as_bytes())
        .unwrap()
        .content
    else {
        panic!()
    };
    let mut a = sample();
    a.office_review = zrz_domain::record::OfficeReview {
        accountability: file.accountability.clone(),
        scores: file.scores,
        issued_at: Some(meta().exported_at),
    };
    a
}

fn mutate_value(change: impl FnOnce(&mut Value)) -> Value {
    let mut v = fixture("v3_assessment");
    change(&mut v);
    v
}

#[test]
fn the_schema_checker_does_check() {
    let errors = schema_errors(&mutate_value(|v| {
        v["kind"] = json!("photo");
        drop(v.as_object_mut().unwrap().remove("checksum"));
    }));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing required checksum")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|e| e.contains(".kind")), "{errors:?}");
    for (change, expected) in [
        (
            (|v: &mut Value| v["content"]["people"][0] = json!({"name": "no id"}))
                as fn(&mut Value),
            "content.people[0]: missing required id",
        ),
        (
            |v: &mut Value| v["content"]["ledger"][0]["date"] = json!(5),
            "content.ledger[0].date",
        ),
        (
            |v: &mut Value| v["content"]["tasks"][0]["status"] = json!("half"),
            "content.tasks[0].status",
        ),
        (
            |v: &mut Value| v["template"]["items"]["3.1"] = json!(5),
            "template.items.3.1",
        ),
    ] {
        let errors = schema_errors(&mutate_value(change));
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{expected}: {errors:?}"
        );
    }
}
