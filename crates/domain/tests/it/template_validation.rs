#![cfg(not(target_arch = "wasm32"))]
//! `Template::parse` refuses a bad template with an error that names the item, chapter or place at
//! fault. Each row starts from the shipped template and breaks exactly one rule.

use serde_json::{json, Value};
use zrz_domain::plan::{Template, TemplateError, SHIPPED_TEMPLATE_JSON};

fn shipped_value() -> Value {
    serde_json::from_str(SHIPPED_TEMPLATE_JSON).expect("shipped template is JSON")
}

fn chapters_mut(v: &mut Value) -> impl Iterator<Item = &mut Value> {
    v["parts"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|p| p["chapters"].as_array_mut().unwrap().iter_mut())
}

fn chapter_mut<'v>(v: &'v mut Value, id: &str) -> &'v mut Value {
    chapters_mut(v)
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no chapter {id}"))
}

fn item_mut<'v>(v: &'v mut Value, id: &str) -> &'v mut Value {
    chapters_mut(v)
        .flat_map(|c| c["items"].as_array_mut().unwrap().iter_mut())
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn parse(v: &Value) -> Result<Template, TemplateError> {
    Template::parse(&serde_json::to_string(v).unwrap())
}

#[test]
fn the_shipped_template_passes_unmutated() {
    parse(&shipped_value()).expect("shipped template is valid");
}

/// The place and the problem a broken rule is refused with (the app words them: its
/// `i18n::scoring` tests hold a row for every rule, in Chinese).
#[test]
fn a_broken_rule_names_its_place_and_problem() {
    use zrz_domain::plan::{TemplatePlace as At, TemplateProblem as P};
    type Mutate = fn(&mut Value);
    let cases: Vec<(Mutate, At, P)> = vec![
        (
            |v| item_mut(v, "4.1.2")["id"] = json!("4.1.1"),
            At::Item("4.1.1".into()),
            P::DuplicateItem,
        ),
        (
            |v| chapter_mut(v, "4.2")["id"] = json!("4.1"),
            At::Chapter("4.1".into()),
            P::DuplicateChapter,
        ),
        (
            |v| item_mut(v, "4.6.1")["points"] = json!(-1),
            At::Item("4.6.1".into()),
            P::BadPoints { points: -1.0 },
        ),
        (
            |v| v["credit"]["partial"] = json!(1.5),
            At::Credit,
            P::CreditOutOfRange {
                name: "partial".into(),
                value: 1.5,
            },
        ),
        (
            |v| item_mut(v, "4.6.3")["points"] = json!(1.5),
            At::Chapter("4.6".into()),
            P::ChapterWeight {
                weight: 6.0,
                points: 6.5,
            },
        ),
    ];
    for (mutate, at, problem) in cases {
        let mut v = shipped_value();
        mutate(&mut v);
        let err = parse(&v).expect_err("refused");
        assert_eq!((err.at, err.problem), (at, problem));
    }
}

#[test]
fn content_hash_is_stable_under_whitespace_and_key_order() {
    let original = Template::shipped().content_hash().to_string();
    let v = shipped_value();
    let compact = serde_json::to_string(&v).unwrap();
    let pretty = serde_json::to_string_pretty(&v).unwrap();
    let reordered = write_reversed(&v, 0);
    assert_ne!(compact, SHIPPED_TEMPLATE_JSON);
    assert!(
        reordered.starts_with("{\n  \"version\" :"),
        "keys really are reordered"
    );
    for (name, json) in [
        ("compact", compact),
        ("pretty", pretty),
        ("reordered", reordered),
    ] {
        assert_eq!(
            Template::parse(&json).unwrap().content_hash().to_string(),
            original,
            "{name}"
        );
    }
    // Integers written as floats (and an absent optional written as null) are the same template.
    let mut floats = shipped_value();
    item_mut(&mut floats, "3.1")["points"] = json!(2.0);
    item_mut(&mut floats, "3.2")["quota"] = Value::Null;
    assert_eq!(parse(&floats).unwrap().content_hash().to_string(), original);
}

#[test]
fn content_hash_changes_when_any_item_text_changes() {
    let shipped = Template::shipped();
    let mut hashes = std::collections::BTreeSet::from([shipped.content_hash().to_string()]);
    for item in shipped.items() {
        for edit in [
            format!("{}。", item.text),
            item.text.replacen(|_| true, "", 1),
        ] {
            let mut v = shipped_value();
            item_mut(&mut v, &item.id)["text"] = json!(edit);
            let hash = parse(&v).unwrap().content_hash().to_string();
            assert!(
                hashes.insert(hash),
                "editing {} left the hash unchanged or colliding",
                item.id
            );
        }
    }
    // Other content is covered too.
    let mut v = shipped_value();
    v["preamble"] = json!("");
    assert!(hashes.insert(parse(&v).unwrap().content_hash().to_string()));
}

/// Serialises a JSON value with every object's keys in reverse order and odd whitespace.
fn write_reversed(v: &Value, depth: usize) -> String {
    let pad = "\t ".repeat(depth);
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            keys.reverse();
            let fields: Vec<String> = keys
                .into_iter()
                .map(|k| {
                    format!(
                        "\n{pad}  {} :  {}",
                        Value::String(k.clone()),
                        write_reversed(&map[k], depth + 1)
                    )
                })
                .collect();
            format!("{{{}\r\n{pad}}}", fields.join(" ,"))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|i| write_reversed(i, depth + 1)).collect();
            format!("[ {} ]", items.join(",\n"))
        }
        other => other.to_string(),
    }
}
