//! Shared builders: fixtures, export metadata, the sample record, importing helpers.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;

use zrz_domain::plan::Template;
use zrz_domain::record::Assessment;
use zrz_exchange::{import, read_file, ExportMeta, Extras, ImportError, Imported};

/// `tests/fixtures/exchange/`.
pub fn fixtures() -> String {
    crate::fixture("exchange")
}

pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(Path::new(&fixtures()).join(format!("{name}.json")))
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub fn fixture(name: &str) -> Value {
    serde_json::from_str(&fixture_text(name)).unwrap()
}

/// A fixture with one thing changed, as bytes.
pub fn mutate(name: &str, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v = fixture(name);
    change(&mut v);
    serde_json::to_vec_pretty(&v).unwrap()
}

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, day, hour, 0, 0).unwrap()
}

pub fn meta() -> ExportMeta {
    ExportMeta::new(
        Utc.with_ymd_and_hms(2025, 3, 14, 8, 30, 0).unwrap(),
        "0.3.0",
    )
}

pub fn import_ok(bytes: &[u8]) -> Imported {
    import(bytes, &Template::shipped(), None)
        .unwrap_or_else(|e| panic!("expected the file to import, got: {e}"))
}

pub fn import_err(bytes: &[u8]) -> ImportError {
    match import(bytes, &Template::shipped(), None) {
        Ok(_) => panic!("expected the file to be refused"),
        Err(e) => e,
    }
}

/// The assessment of the current-version fixture: people, ratings, ledger, a task and a finding,
/// evidence, dates, Chinese text.
pub fn sample() -> Assessment {
    read_file(fixture_text("v3_assessment").as_bytes())
        .unwrap()
        .assessment()
        .unwrap()
        .clone()
}

pub fn no_extras() -> Extras {
    Extras::default()
}
