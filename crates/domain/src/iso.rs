//! Dates and times as records store them and files carry them: `2025-03-14` and RFC 3339
//! (`2025-03-14T08:30:00Z`). One reading for the date input, the importer's checks and every
//! record's serde fields.
//!
//! Why not chrono's `FromStr` (what its serde impls call): it goes through chrono's general format
//! parser, about 13 KB of the department's first page, which reads nothing but these two forms.
//! Writing stays chrono's (`Display` / `Serialize`), which is already these forms. RFC 3339 is read
//! by chrono's own strict reader, which is small.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date `YYYY-MM-DD` (month and day may have one digit; spaces around are ignored), if
/// it is one that exists.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some()
        || !digits(year, 4..=4)
        || !digits(month, 1..=2)
        || !digits(day, 1..=2)
    {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// A moment in RFC 3339 (any offset; `T`, `t` or a space between date and time), in UTC.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

struct Text<T>(fn(&str) -> Option<T>, &'static str);

impl<T> Visitor<'_> for Text<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        (self.0)(s).ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
    }
}

struct OrNull<T>(Text<T>);

impl<'de, T> Visitor<'de> for OrNull<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} or null", self.0 .1)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_str(self.0).map(Some)
    }
}

/// What a serde error says was expected of a date field (`importer::explain` types it by this).
pub const DATE: &str = "a date YYYY-MM-DD";
/// What a serde error says was expected of a time field.
pub const TIME: &str = "a time in RFC 3339";

/// `#[serde(with = "iso::date")]` for a `NaiveDate`.
pub mod date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        d.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(Text(parse_date, DATE))
    }
}

/// `#[serde(default, with = "iso::opt_date")]` for an `Option<NaiveDate>` (`null` or absent: none).
pub mod opt_date {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        d.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_option(OrNull(Text(parse_date, DATE)))
    }
}

/// `#[serde(with = "iso::time")]` for a `DateTime<Utc>`.
pub mod time {
    use super::*;

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        t.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(Text(parse_time, TIME))
    }
}

/// `#[serde(default, with = "iso::opt_time")]` for an `Option<DateTime<Utc>>`.
pub mod opt_time {
    use super::*;

    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        t.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        d.deserialize_option(OrNull(Text(parse_time, TIME)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let cases = [
            ("2025-03-14", d(2025, 3, 14)),
            (" 2025-03-14 ", d(2025, 3, 14)),
            ("2025-3-1", d(2025, 3, 1)),
            ("2024-02-29", d(2024, 2, 29)),
            ("2025-02-29", None),
            ("2025-13-01", None),
            ("2025-00-01", None),
            ("2025-03-00", None),
            ("25-03-14", None),
            ("02025-03-14", None),
            ("+2025-03-14", None),
            ("2025-03-14T00:00:00Z", None),
            ("2025-03-014", None),
            ("2025-+3-14", None),
            ("2025/03/14", None),
            ("2025-03", None),
            ("2025-03-14-", None),
            ("", None),
            ("２０２５-03-14", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_date(text), expected, "{text:?}");
        }
    }

    #[test]
    fn times() {
        let utc = |h, m, s| Utc.with_ymd_and_hms(2025, 3, 14, h, m, s).single();
        let cases = [
            ("2025-03-14T08:30:00Z", utc(8, 30, 0)),
            ("2025-03-14t08:30:00z", utc(8, 30, 0)),
            ("2025-03-14 08:30:00Z", utc(8, 30, 0)),
            ("2025-03-14T16:30:00+08:00", utc(8, 30, 0)),
            ("2025-03-14T08:30:00", None),
            ("2025-03-14", None),
            ("2025-03-14T25:00:00Z", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_time(text), expected, "{text:?}");
        }
        let frac = parse_time("2025-03-14T08:30:00.123456789Z").unwrap();
        assert_eq!(frac.timestamp_subsec_nanos(), 123_456_789);
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Dated {
        #[serde(with = "date")]
        on: NaiveDate,
        #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDate>,
        #[serde(with = "time")]
        at: DateTime<Utc>,
        #[serde(default, with = "opt_time")]
        seen: Option<DateTime<Utc>>,
    }

    #[test]
    fn serde_fields_read_what_chrono_writes_and_refuse_the_rest() {
        let v = Dated {
            on: NaiveDate::from_ymd_opt(2025, 3, 14).unwrap(),
            due: None,
            at: Utc.with_ymd_and_hms(2025, 3, 14, 8, 30, 0).unwrap(),
            seen: Some(Utc.timestamp_opt(1_741_941_000, 5_000_000).unwrap()),
        };
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["on"], "2025-03-14");
        assert_eq!(json["at"], "2025-03-14T08:30:00Z");
        assert_eq!(serde_json::from_value::<Dated>(json.clone()).unwrap(), v);
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<Dated>(&text).unwrap(), v);
        // Absent and null options are none.
        let mut bare = json.clone();
        bare.as_object_mut().unwrap().remove("seen");
        assert_eq!(serde_json::from_value::<Dated>(bare).unwrap().seen, None);
        let mut null = json.clone();
        null["seen"] = serde_json::Value::Null;
        null["due"] = serde_json::Value::Null;
        assert_eq!(serde_json::from_value::<Dated>(null).unwrap().seen, None);
        for (field, bad) in [
            ("on", "2025-02-30"),
            ("due", "soon"),
            ("at", "2025-03-14"),
            ("seen", "x"),
        ] {
            let mut wrong = json.clone();
            wrong[field] = bad.into();
            let err = serde_json::from_value::<Dated>(wrong)
                .unwrap_err()
                .to_string();
            assert!(err.contains(bad), "{field}: {err}");
        }
        // Not text at all: the error says what was expected (of an option's value: its type's, as
        // serde_json hands anything but null to the inner reader).
        for (field, expected) in [("on", DATE), ("seen", TIME)] {
            let mut number = json.clone();
            number[field] = 20250314.into();
            let err = serde_json::from_value::<Dated>(number)
                .unwrap_err()
                .to_string();
            assert!(
                err.ends_with(&format!("expected {expected}")),
                "{field}: {err}"
            );
        }
    }

    proptest! {
        /// Whatever this reads as a date, chrono's own reading (what the app used before) reads
        /// the same; and the forms a date input or chrono writes are read.
        #[test]
        fn dates_agree_with_chrono(y in 0i32..10000, m in 0u32..14, d in 0u32..33,
                                   pad_m in any::<bool>(), pad_d in any::<bool>(), space in any::<bool>()) {
            let text = format!(
                "{}{y:04}-{}-{}",
                if space { " " } else { "" },
                if pad_m { format!("{m:02}") } else { m.to_string() },
                if pad_d { format!("{d:02}") } else { d.to_string() },
            );
            let ours = parse_date(&text);
            prop_assert_eq!(ours, text.parse::<NaiveDate>().ok(), "{}", text);
            if let Some(date) = ours {
                prop_assert_eq!(parse_date(&date.to_string()), Some(date));
            }
        }

        #[test]
        fn dates_never_read_what_chrono_refuses(text in "[ 0-9+-]{0,12}") {
            if let Some(date) = parse_date(&text) {
                prop_assert_eq!(text.parse::<NaiveDate>().ok(), Some(date), "{}", text);
            }
        }

        /// What chrono writes of any moment reads back as that moment.
        #[test]
        fn times_round_trip(secs in 0i64..4_102_444_800, nanos in 0u32..1_000_000_000) {
            let t = Utc.timestamp_opt(secs, nanos).unwrap();
            let written = serde_json::to_value(t).unwrap();
            prop_assert_eq!(parse_time(written.as_str().unwrap()), Some(t));
        }
    }
}
