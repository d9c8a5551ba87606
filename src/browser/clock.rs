//! The one place the app reads the clock; the domain gets `now`/`today` passed in.

use chrono::{DateTime, NaiveDate, Utc};

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today's date on the user's computer (local time zone): what "today" means for deadlines.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// `at` as a JS `Date`, whose getters give the user's local time zone.
fn local(at: DateTime<Utc>) -> js_sys::Date {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        at.timestamp_millis() as f64
    ))
}

/// `YYYYMMDDTHHMMSS` of `at` (UTC), for keys that sort by time.
pub fn stamp(at: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// "HH:MM" of `at` in the user's local time zone, for "已保存 时:分".
pub fn local_hhmm(at: DateTime<Utc>) -> String {
    let d = local(at);
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// "YYYY-MM-DD HH:MM" of `at` in the user's local time zone, for export and edit times.
pub fn local_datetime(at: DateTime<Utc>) -> String {
    let d = local(at);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
