//! Compiles the shipped template (`src/plan/template.json`) into a static table
//! (`$OUT_DIR/shipped_template.rs`, read by `plan::compact`), so that the app builds
//! `Template::shipped()` from string constants instead of parsing JSON with serde at start-up.
//! The text is copied verbatim (Rust string literals); the JSON stays the source of truth and of the
//! template hash, and a test checks that the table builds exactly the template the JSON reads as.
//! Only what `RawTemplate` reads is copied; its defaults (`serde(default)`) are applied here too.
//!
//! The shipped rating settings (`src/plan/rating_settings.json`) are compiled the same way, into
//! `$OUT_DIR/shipped_rating_settings.rs` (`RatingSettings::default()`): parsing them at run time
//! put RatingSettings' whole deserialiser on the department's first page, which never reads them.

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

/// `"basically_competent"` → `BasicallyCompetent`: the Rust name of a snake_case serde variant.
fn variant(v: &Value, what: &str) -> String {
    let key = v
        .as_str()
        .unwrap_or_else(|| panic!("rating_settings.json: {what} must be text, is {v:?}"));
    key.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The members of `v` as Rust struct fields `name: f64`, refusing a member the struct lacks.
fn numbers(v: &Value, what: &str, fields: &[(&str, &str)]) -> String {
    let map = v
        .as_object()
        .unwrap_or_else(|| panic!("rating_settings.json: {what} must be an object"));
    for key in map.keys() {
        assert!(
            fields.iter().any(|(json, _)| json == key),
            "rating_settings.json: {what}.{key} is not copied by build.rs"
        );
    }
    fields
        .iter()
        .map(|(json, rust)| format!("{rust}: {},", number(v, json)))
        .collect()
}

fn rating_settings() {
    let src = "src/plan/rating_settings.json";
    println!("cargo:rerun-if-changed={src}");
    let json = std::fs::read_to_string(src).expect("reading rating_settings.json");
    let s: Value = serde_json::from_str(&json).expect("rating_settings.json is JSON");
    const COPIED: [&str; 8] = [
        "dimension_weights",
        "role_weights",
        "grade_scores",
        "grade_bands",
        "vetoes",
        "red_line_responsible_levels",
        "excellent_share_max",
        "excellent_cap_rounding",
    ];
    for key in s
        .as_object()
        .expect("rating_settings.json is an object")
        .keys()
    {
        assert!(
            COPIED.contains(&key.as_str()),
            "rating_settings.json: {key} is not copied by build.rs"
        );
    }
    let mut o = String::from("fn shipped_rating_settings() -> RatingSettings { RatingSettings {\n");
    let dims = [
        ("de", "de"),
        ("neng", "neng"),
        ("qin", "qin"),
        ("ji", "ji"),
        ("lian", "lian"),
    ];
    let roles = [
        ("self", "self_review"),
        ("peer", "peer"),
        ("superior", "superior"),
    ];
    let grades = [
        ("excellent", "excellent"),
        ("competent", "competent"),
        ("basically_competent", "basically_competent"),
        ("incompetent", "incompetent"),
    ];
    writeln!(
        o,
        "dimension_weights: DimensionWeights {{ {} }},",
        numbers(&s["dimension_weights"], "dimension_weights", &dims)
    )
    .unwrap();
    writeln!(
        o,
        "role_weights: RoleWeights {{ {} }},",
        numbers(&s["role_weights"], "role_weights", &roles)
    )
    .unwrap();
    writeln!(
        o,
        "grade_scores: GradeScores {{ {} }},",
        numbers(&s["grade_scores"], "grade_scores", &grades)
    )
    .unwrap();
    o.push_str("grade_bands: vec![");
    for b in list(&s, "grade_bands") {
        write!(
            o,
            "GradeBand {{ grade: Grade::{}, min: {}, max: {} }},",
            variant(&b["grade"], "grade_bands.grade"),
            number(b, "min"),
            number(b, "max")
        )
        .unwrap();
    }
    o.push_str("],\n");
    let vetoes = &s["vetoes"];
    let cap = match &vetoes["red_line_cap"] {
        Value::Null => "None".to_string(),
        g => format!("Some(Grade::{})", variant(g, "vetoes.red_line_cap")),
    };
    let lian = vetoes["lian_incompetent"]
        .as_bool()
        .expect("rating_settings.json: vetoes.lian_incompetent must be true or false");
    writeln!(
        o,
        "vetoes: Vetoes {{ lian_incompetent: {lian}, red_line_cap: {cap} }},"
    )
    .unwrap();
    o.push_str("red_line_responsible_levels: vec![");
    for l in list(&s, "red_line_responsible_levels") {
        write!(
            o,
            "ResponsibilityLevel::{},",
            variant(l, "red_line_responsible_levels")
        )
        .unwrap();
    }
    o.push_str("],\n");
    writeln!(
        o,
        "excellent_share_max: {},",
        number(&s, "excellent_share_max")
    )
    .unwrap();
    let rounding = match s.get("excellent_cap_rounding") {
        None => "Nearest".to_string(),
        Some(r) => variant(r, "excellent_cap_rounding"),
    };
    writeln!(o, "excellent_cap_rounding: CapRounding::{rounding},").unwrap();
    o.push_str(
        "level_names: LevelNames::default(), superior_rater: None, peer_raters: Vec::new(),\n} }\n",
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("shipped_rating_settings.rs");
    std::fs::write(out, o).expect("writing shipped_rating_settings.rs");
}

fn main() {
    rating_settings();
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
