//! The reader worker's answers (`zrz_exchange::reader`): what the page gets from the worker is what
//! reading the same file in-thread gives, for every format version, and nothing for what does not
//! read as a 科室自评.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use serde_json::Value;

use super::props::assessment;
use super::support::{at, fixture, fixture_text, meta};
use zrz_domain::plan::Template;
use zrz_exchange::office::Workspace;
use zrz_exchange::reader::{answer, parse_answer, Opened, Request};
use zrz_exchange::{export_assessment, ChecksumStatus, Extras};

fn in_thread(text: &str) -> Opened {
    Opened::read_value(serde_json::from_str(text).unwrap()).expect("a 科室自评")
}

#[test]
fn a_file_read_by_the_worker_is_the_file_read_in_thread_for_every_version() {
    for name in ["v1_assessment", "v2_assessment", "v3_assessment"] {
        let text = fixture_text(name);
        let answered = answer(Request::File.name(), &text).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(parse_answer(&answered), Some(in_thread(&text)), "{name}");
    }
}

#[test]
fn a_record_of_the_store_is_read_at_its_file_in_force() {
    let mut ws = Workspace::default();
    ws.receive("old.json", at(21, 9), fixture("v2_assessment"))
        .unwrap();
    ws.receive("new.json", at(22, 9), fixture("v3_assessment"))
        .unwrap();
    for record in &ws.received {
        let text = serde_json::to_string(record).unwrap();
        let answered = answer(Request::Record.name(), &text).unwrap();
        let expected = Opened::read_value(record.current.file.clone()).unwrap();
        assert_eq!(parse_answer(&answered), Some(expected));
    }
}

#[test]
fn what_does_not_read_as_a_department_file_gets_no_answer() {
    let plan = fixture_text("v3_annual_plan");
    let workspace = fixture_text("v3_workspace");
    let cases: [(&str, &str); 8] = [
        ("file", "not json"),
        ("file", "[1, 2]"),
        (
            "file",
            r#"{"format": "zrz-exchange", "format_version": 99}"#,
        ),
        ("file", &plan),
        ("file", &workspace),
        ("record", "{}"),
        ("record", &plan),
        ("sideways", &plan),
    ];
    for (request, text) in cases {
        assert_eq!(answer(request, text), None, "{request}: {:.40}", text);
    }
    assert_eq!(parse_answer("null"), None);
    assert_eq!(parse_answer("{\"assessment\": 1}"), None);
}

#[test]
fn request_names_round_trip() {
    for r in [Request::File, Request::Record] {
        assert_eq!(Request::from_name(r.name()), Some(r));
    }
    assert_eq!(Request::from_name(""), None);
}

#[test]
fn a_damaged_checksum_and_a_sanitised_file_keep_what_the_header_said() {
    let mut v: Value = fixture("v3_assessment");
    v["content"]["profile"]["filled_by"] = Value::from("改过");
    let text = serde_json::to_string(&v).unwrap();
    let opened = parse_answer(&answer("file", &text).unwrap()).unwrap();
    assert!(matches!(opened.checksum, ChecksumStatus::Mismatch { .. }));
    assert_eq!(opened, in_thread(&text));

    let a = in_thread(&fixture_text("v3_assessment")).assessment;
    let sanitized = export_assessment(
        &a,
        &Extras::default(),
        &Template::shipped(),
        &meta().sanitized(),
    );
    let opened = parse_answer(&answer("file", &sanitized).unwrap()).unwrap();
    assert!(opened.sanitized);
    assert_eq!(opened.checksum, ChecksumStatus::Valid);
    assert_eq!(
        opened.exported_at,
        Some(Utc.with_ymd_and_hms(2025, 3, 14, 8, 30, 0).unwrap())
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_exported_record_comes_back_from_the_worker_unchanged(a in assessment()) {
        let text = export_assessment(&a, &Extras::default(), &Template::shipped(), &meta());
        let opened = parse_answer(&answer("file", &text).expect("an answer")).expect("an opened file");
        prop_assert_eq!(&opened.assessment, &a);
        prop_assert_eq!(opened, in_thread(&text));
    }
}
