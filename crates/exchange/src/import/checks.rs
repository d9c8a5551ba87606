//! The checks serde cannot word well, run on the raw JSON before it is typed (so they can name the
//! text as written) or on the typed values after: responses, dates and times, years, ids and
//! duplicate ids, scores, rating settings.

use std::collections::BTreeSet;

use chrono::Datelike;
use serde_json::Value;

use crate::error::{ImportError, Location, ValueProblem};
use crate::path::{id_string, item_of, path_string, ItemRef, Seg};
use crate::MAX_ID_CHARS;
use zrz_domain::record::{Assessment, RatingValue, RecordKind, Response, YEAR_RANGE};
use zrz_domain::scoring::RatingSettings;

pub(super) fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

/// The value being checked and where it sits in the file.
struct CheckAt<'a> {
    pub raw: &'a Value,
    pub root: &'a [Seg],
}

impl CheckAt<'_> {
    /// The location of `rest` (a path below the checked value's root).
    fn at(&self, rest: &[Seg]) -> Location {
        let mut segs = self.root.to_vec();
        segs.extend_from_slice(rest);
        Location::field(path_string(&segs), item_of(rest, Some(self.raw)))
    }

    /// The location of a list element, named by its identity.
    fn element(&self, kind: RecordKind, index: usize, id: &str) -> Location {
        let mut segs = self.root.to_vec();
        segs.extend([key(kind.key()), Seg::Index(index)]);
        Location::field(
            path_string(&segs),
            Some(ItemRef {
                kind,
                id: id.to_string(),
            }),
        )
    }

    fn invalid(&self, rest: &[Seg], problem: ValueProblem) -> ImportError {
        ImportError::InvalidValue {
            at: self.at(rest).boxed(),
            problem,
        }
    }
}

fn id_is_valid(id: &str) -> bool {
    !id.trim().is_empty() && id.chars().count() <= MAX_ID_CHARS
}

/// A `YYYY-MM-DD` date within [`YEAR_RANGE`]; `null` and absent are fine.
fn check_date(c: &CheckAt, value: Option<&Value>, rest: &[Seg]) -> Result<(), ImportError> {
    let Some(Value::String(s)) = value else {
        return Ok(());
    };
    match zrz_domain::iso::parse_date(s) {
        None => Err(c.invalid(rest, ValueProblem::BadDate { text: s.clone() })),
        Some(date) if !YEAR_RANGE.contains(&date.year()) => {
            Err(c.invalid(rest, ValueProblem::DateOutOfRange { date }))
        }
        Some(_) => Ok(()),
    }
}

/// An RFC 3339 time within [`YEAR_RANGE`]; `null` and absent are fine.
fn check_time(c: &CheckAt, value: Option<&Value>, rest: &[Seg]) -> Result<(), ImportError> {
    let Some(Value::String(s)) = value else {
        return Ok(());
    };
    match zrz_domain::iso::parse_time(s) {
        None => Err(c.invalid(rest, ValueProblem::BadTimestamp { text: s.clone() })),
        Some(t) if !YEAR_RANGE.contains(&t.year()) => Err(c.invalid(
            rest,
            ValueProblem::DateOutOfRange {
                date: t.date_naive(),
            },
        )),
        Some(_) => Ok(()),
    }
}

/// An item id (a key, or a member such as `item_id`) of 1 to [`MAX_ID_CHARS`] characters.
fn check_item_id(c: &CheckAt, value: Option<&Value>, rest: &[Seg]) -> Result<(), ImportError> {
    match value {
        Some(Value::String(id)) if !id_is_valid(id) => {
            Err(c.invalid(rest, ValueProblem::BadItemId))
        }
        _ => Ok(()),
    }
}

/// The records of a list (`people`, `ledger`, `tasks`, `findings`): each has an id of 1 to
/// [`MAX_ID_CHARS`] characters, no two the same; `each` checks the rest of one element.
fn check_list(
    c: &CheckAt,
    kind: RecordKind,
    each: impl Fn(&Value, &[Seg]) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let Some(Value::Array(items)) = c.raw.get(kind.key()) else {
        return Ok(());
    };
    let mut seen = BTreeSet::new();
    for (i, element) in items.iter().enumerate() {
        let id = element.get("id").map(id_string).unwrap_or_default();
        let here = [key(kind.key()), Seg::Index(i)];
        if !id_is_valid(&id) {
            return Err(c.invalid(
                &[key(kind.key()), Seg::Index(i), key("id")],
                ValueProblem::BadRecordId,
            ));
        }
        if !seen.insert(id.clone()) {
            return Err(ImportError::DuplicateId {
                at: c.element(kind, i, &id).boxed(),
                id,
            });
        }
        each(element, &here)?;
    }
    Ok(())
}

fn join(here: &[Seg], field: &str) -> Vec<Seg> {
    let mut out = here.to_vec();
    out.push(key(field));
    out
}

/// An assessment's JSON (a 科室自评's content, or a backup's `state.assessment`).
pub(super) fn check_assessment(raw: &Value, root: &[Seg]) -> Result<(), ImportError> {
    let c = CheckAt { raw, root };
    if let Some(year) = raw.pointer("/profile/year").and_then(Value::as_i64) {
        if year != 0 && !i32::try_from(year).is_ok_and(|y| YEAR_RANGE.contains(&y)) {
            return Err(c.invalid(
                &[key("profile"), key("year")],
                ValueProblem::YearOutOfRange { year },
            ));
        }
    }
    if let Some(Value::Object(answers)) = raw.get("answers") {
        for (id, answer) in answers {
            let here = [key("answers"), key(id)];
            if !id_is_valid(id) {
                return Err(c.invalid(&here, ValueProblem::BadItemId));
            }
            if let Some(Value::String(r)) = answer.get("response") {
                if Response::from_key(r).is_none() {
                    let found = r.clone();
                    return Err(c.invalid(
                        &join(&here, "response"),
                        ValueProblem::UnknownResponse { found },
                    ));
                }
            }
            for field in ["due", "done", "occurred_on"] {
                check_date(&c, answer.get(field), &join(&here, field))?;
            }
            check_time(&c, answer.get("updated_at"), &join(&here, "updated_at"))?;
        }
    }
    check_list(&c, RecordKind::Person, |_, _| Ok(()))?;
    if let Some(Value::Array(ratings)) = raw.get("ratings") {
        for (i, rating) in ratings.iter().enumerate() {
            let here = [key("ratings"), Seg::Index(i), key("updated_at")];
            check_time(&c, rating.get("updated_at"), &here)?;
        }
    }
    check_list(&c, RecordKind::Entry, |entry, here| {
        check_date(&c, entry.get("date"), &join(here, "date"))?;
        check_time(&c, entry.get("updated_at"), &join(here, "updated_at"))?;
        if let Some(Value::Array(items)) = entry.get("items") {
            for (j, item) in items.iter().enumerate() {
                let mut at = join(here, "items");
                at.push(Seg::Index(j));
                check_item_id(&c, Some(item), &at)?;
            }
        }
        Ok(())
    })?;
    check_list(&c, RecordKind::Task, |task, here| {
        check_item_id(&c, task.get("item_id"), &join(here, "item_id"))?;
        for field in ["deadline", "completed_on"] {
            check_date(&c, task.get(field), &join(here, field))?;
        }
        check_time(&c, task.get("updated_at"), &join(here, "updated_at"))
    })?;
    check_findings(&c)?;
    check_office_word(&c, &[key(RecordKind::OfficeReview.key())])
}

fn check_findings(c: &CheckAt) -> Result<(), ImportError> {
    check_list(c, RecordKind::Finding, |finding, here| {
        check_item_id(c, finding.get("item_id"), &join(here, "item_id"))?;
        check_time(c, finding.get("issued_at"), &join(here, "issued_at"))
    })
}

/// Checks on the typed ratings: scores within 0–100, and settings that pass the domain's rules.
pub(super) fn check_ratings(a: &Assessment, raw: &Value, root: &[Seg]) -> Result<(), ImportError> {
    let c = CheckAt { raw, root };
    for (i, rating) in a.ratings.iter().enumerate() {
        if let RatingValue::Score(score) = rating.value {
            if !(0.0..=100.0).contains(&score) {
                let rest = [key("ratings"), Seg::Index(i), key("value"), key("score")];
                return Err(c.invalid(&rest, ValueProblem::ScoreOutOfRange { score }));
            }
        }
    }
    let mut segs = root.to_vec();
    segs.push(key("rating_settings"));
    check_settings(&a.rating_settings, &segs)
}

pub(super) fn check_settings(settings: &RatingSettings, at: &[Seg]) -> Result<(), ImportError> {
    settings.validate().map_err(|e| {
        let path = format!("{}.{}", path_string(at), e.field);
        ImportError::InvalidValue {
            at: Location::field(path, None).boxed(),
            problem: ValueProblem::RatingSettings(e.problem),
        }
    })
}

/// A 核查意见 file's JSON (checked before it is typed, so the text as written can be named): its
/// findings as in an assessment, accountability on real items and dates, scores within 0–100, and
/// the department's year.
pub(super) fn check_findings_file(raw: &Value, root: &[Seg]) -> Result<(), ImportError> {
    let c = CheckAt { raw, root };
    if let Some(year) = raw.pointer("/department/year").and_then(Value::as_i64) {
        if year != 0 && !i32::try_from(year).is_ok_and(|y| YEAR_RANGE.contains(&y)) {
            return Err(c.invalid(
                &[key("department"), key("year")],
                ValueProblem::YearOutOfRange { year },
            ));
        }
    }
    check_findings(&c)?;
    check_office_word(&c, &[])
}

/// The office's accountability decisions (on real items and dates) and its scores (within 0–100),
/// under `at`: at the top of a 核查意见, or in an assessment's `office_review`.
fn check_office_word(c: &CheckAt, at: &[Seg]) -> Result<(), ImportError> {
    let here_raw = at.iter().try_fold(c.raw, |v, seg| match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.get(i),
    });
    let Some(raw) = here_raw else { return Ok(()) };
    let under =
        |rest: &[Seg]| -> Vec<Seg> { at.iter().cloned().chain(rest.iter().cloned()).collect() };
    if let Some(Value::Array(records)) = raw.get("accountability") {
        for (i, record) in records.iter().enumerate() {
            let here = under(&[key("accountability"), Seg::Index(i)]);
            check_item_id(c, record.get("item_id"), &join(&here, "item_id"))?;
            check_date(c, record.get("decided_on"), &join(&here, "decided_on"))?;
        }
    }
    for field in ["self_score", "verified_score"] {
        let score = raw
            .get("scores")
            .and_then(|s| s.get(field))
            .and_then(Value::as_f64);
        if let Some(score) = score.filter(|s| !(0.0..=100.0).contains(s)) {
            return Err(c.invalid(
                &under(&[key("scores"), key(field)]),
                ValueProblem::ScoreOutOfRange { score },
            ));
        }
    }
    Ok(())
}
