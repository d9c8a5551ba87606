//! Compiles the shipped template (`src/plan/template.json`) into a static table
//! (`$OUT_DIR/shipped_template.rs`, read by `plan::compact`), so that the app builds
//! `Template::shipped()` from string constants instead of parsing JSON with serde at start-up.
//! The text is copied verbatim (Rust string literals); the JSON stays the source of truth and of the
//! template hash, and a test checks that the table builds exactly the template the JSON reads as.
//! Only what `RawTemplate` reads is copied; its defaults (`serde(default)`) are applied here too.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Value;

fn text(v: &Value, key: &str, required: bool) -> String {
    match v.get(key) {
        Some(Value::String(s)) => format!("{s:?}"),
        None if !required => "\"\"".into(),
        other => panic!("template.json: {key} must be text, is {other:?}"),
    }
}

fn number(v: &Value, key: &str) -> String {
    let n = v
        .get(key)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("template.json: {key} must be a number"));
    format!("{n:?}")
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    match v.get(key) {
        Some(Value::Array(a)) => a,
        None => &[],
        other => panic!("template.json: {key} must be a list, is {other:?}"),
    }
}

fn main() {
    let src = "src/plan/template.json";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=build.rs");
    let json = std::fs::read_to_string(src).expect("reading template.json");
    let t: Value = serde_json::from_str(&json).expect("template.json is JSON");
    let mut o = String::new();
    let credit = &t["credit"];
    writeln!(
        o,
        "pub(super) static SHIPPED: StaticTemplate = StaticTemplate {{ id: {}, version: {}, title: {}, preamble: {},",
        text(&t, "id", true),
        text(&t, "version", true),
        text(&t, "title", true),
        text(&t, "preamble", false)
    )
    .unwrap();
    writeln!(
        o,
        "credit: Credit {{ implemented: {}, partial: {}, not_implemented: {}, not_occurred: {}, occurred: {} }},",
        number(credit, "implemented"),
        number(credit, "partial"),
        number(credit, "not_implemented"),
        number(credit, "not_occurred"),
        number(credit, "occurred")
    )
    .unwrap();
    o.push_str("activities: &[");
    for a in list(&t, "activities") {
        write!(o, "({}, {}),", text(a, "id", true), text(a, "name", true)).unwrap();
    }
    o.push_str("],\nparts: &[\n");
    for p in list(&t, "parts") {
        write!(
            o,
            "StaticPart {{ id: {}, number: {}, title: {}, paragraphs: &[",
            text(p, "id", true),
            text(p, "number", true),
            text(p, "title", true)
        )
        .unwrap();
        for para in list(p, "paragraphs") {
            write!(o, "{:?},", para.as_str().expect("paragraphs are text")).unwrap();
        }
        o.push_str("], chapters: &[\n");
        for c in list(p, "chapters") {
            writeln!(
                o,
                "StaticChapter {{ id: {}, number: {}, title: {}, intro: {}, weight: {}, items: &[",
                text(c, "id", true),
                text(c, "number", false),
                text(c, "title", true),
                text(c, "intro", false),
                number(c, "weight")
            )
            .unwrap();
            for i in list(c, "items") {
                let quota = match i.get("quota") {
                    None | Some(Value::Null) => "None".to_string(),
                    Some(q) => format!(
                        "Some(({}, {}))",
                        q["per_year"].as_u64().expect("per_year is a count"),
                        text(q, "activity", true)
                    ),
                };
                writeln!(
                    o,
                    "StaticItem {{ id: {}, number: {}, text: {}, kind: {}, quota: {quota}, dimension: {}, points: {} }},",
                    text(i, "id", true),
                    text(i, "number", true),
                    text(i, "text", true),
                    text(i, "kind", true),
                    text(i, "dimension", true),
                    number(i, "points")
                )
                .unwrap();
            }
            o.push_str("]},\n");
        }
        o.push_str("]},\n");
    }
    o.push_str("]};\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("shipped_template.rs");
    std::fs::write(out, o).expect("writing shipped_template.rs");
}
