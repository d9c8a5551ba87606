//! Step 8: limits, header fields, then the content of each kind read into today's types with every
//! value checked.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate};
use serde_json::Value;

use super::envelope::{bad_envelope, Migrated};
use super::explain::explain;
use super::{ChecksumStatus, ImportWarning, Imported};
use crate::envelope::{AnnualPlan, Content, EnvelopeIn, Header, Kind, ENVELOPE_KEYS};
use crate::error::{ImportError, Location};
use crate::path::{
    find_excess, id_string, item_of, path_string, unknown_fields, Excess, ItemRef, Limits, Section,
    Seg,
};
use crate::state::{self, StateError, StoredState};
use crate::{MAX_DEPTH, MAX_ENTRIES, MAX_ID_CHARS, MAX_STRING_CHARS};
use zrz_domain::plan::Template;
use zrz_domain::record::{Assessment, RatingValue, Response, YEAR_RANGE};
use zrz_domain::scoring::RatingSettings;

/// Step 8: limits, header fields, then the content read into today's types with every value checked.
pub fn validate(file: Migrated, checksum: ChecksumStatus) -> Result<Imported, ImportError> {
    let Migrated {
        from_version,
        mut value,
        applied,
        ..
    } = file;
    check_limits(&value)?;
    let mut warnings = Vec::new();
    let header_in: EnvelopeIn = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        bad_envelope(&path, &explain(&e.into_inner().to_string()))
    })?;
    let Some(kind) = Kind::from_key(&header_in.kind) else {
        let problem = format!(
            "为“{}”，应为 assessment、annual_plan 或 backup 之一",
            header_in.kind
        );
        return Err(bad_envelope("kind", &problem));
    };
    if let Value::Object(map) = &value {
        for key in map.keys().filter(|k| !ENVELOPE_KEYS.contains(&k.as_str())) {
            warnings.push(ImportWarning::UnknownField {
                path: path_string(&[Seg::Key(key.clone())]),
            });
        }
    }
    let raw_content = value
        .get_mut("content")
        .map(Value::take)
        .unwrap_or(Value::Null);
    let content = read_content(kind, &raw_content, &mut warnings)?;
    let header = Header {
        format_version: from_version,
        kind,
        template: header_in.template,
        unit: header_in.unit,
        department: header_in.department,
        year: header_in.year,
        exported_at: header_in.exported_at,
        app_version: header_in.app_version,
        sanitized: header_in.sanitized,
        checksum: header_in.checksum.unwrap_or_default(),
    };
    let profile = match &content {
        Content::Assessment(a) => Some(&a.profile),
        Content::Backup(s) => Some(&s.assessment.profile),
        Content::AnnualPlan(_) => None,
    };
    if let Some(p) = profile {
        for (field, in_header, in_content) in [
            ("单位", &header.unit, &p.unit),
            ("科室", &header.department, &p.department),
        ] {
            if in_header != in_content {
                warnings.push(ImportWarning::HeaderDisagrees {
                    field,
                    header: in_header.clone(),
                    content: in_content.clone(),
                });
            }
        }
        if header.year != p.year {
            warnings.push(ImportWarning::HeaderDisagrees {
                field: "年度",
                header: header.year.to_string(),
                content: p.year.to_string(),
            });
        }
    }
    Ok(Imported {
        header,
        content,
        checksum,
        migrations: applied,
        warnings,
        template_match: None,
    })
}

fn check_limits(value: &Value) -> Result<(), ImportError> {
    let limits = Limits {
        depth: MAX_DEPTH,
        string_chars: MAX_STRING_CHARS,
        count: MAX_ENTRIES,
    };
    let Some(found) = find_excess(value, &limits) else {
        return Ok(());
    };
    let mut path = path_string(&found.segs[..found.segs.len().min(6)]);
    if found.segs.len() > 6 {
        path.push('…');
    }
    let at = Location::field(path, item_of(&found.segs, Some(value)));
    Err(match found.what {
        Excess::Depth { limit } => ImportError::TooDeep {
            at: at.boxed(),
            limit,
        },
        Excess::String { chars, limit } => ImportError::TooLong {
            at: at.boxed(),
            chars,
            limit,
        },
        Excess::Count { count, limit } => ImportError::TooMany {
            at: at.boxed(),
            count,
            limit,
        },
    })
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

fn read_content(
    kind: Kind,
    raw: &Value,
    warnings: &mut Vec<ImportWarning>,
) -> Result<Content, ImportError> {
    let root = [key("content")];
    match kind {
        Kind::Assessment => {
            check_assessment(raw, &root)?;
            let assessment: Assessment = typed(raw, &root)?;
            check_ratings(&assessment, raw, &root)?;
            let back = serde_json::to_value(&assessment).expect("an assessment serialises");
            warnings.extend(
                unknown_fields(raw, &back, &root)
                    .into_iter()
                    .map(|path| ImportWarning::UnknownField { path }),
            );
            Ok(Content::Assessment(assessment))
        }
        Kind::AnnualPlan => {
            let plan: AnnualPlan = typed(raw, &root)?;
            if let Some(settings) = &plan.rating_settings {
                check_settings(settings, &[key("content"), key("rating_settings")])?;
            }
            Template::from_value(&plan.template).map_err(|e| ImportError::InvalidTemplate {
                at: e.at,
                problem: e.problem,
            })?;
            let back = serde_json::to_value(&plan).expect("an annual plan serialises");
            warnings.extend(
                unknown_fields(raw, &back, &root)
                    .into_iter()
                    .map(|path| ImportWarning::UnknownField { path }),
            );
            Ok(Content::AnnualPlan(plan))
        }
        Kind::Backup => {
            let state_value =
                state::migrate_record(raw.clone()).map_err(|e| state_error(e, &root))?;
            let at = [key("content"), key("state")];
            let assessment_at = [key("content"), key("state"), key("assessment")];
            if let Some(a) = state_value.get("assessment").filter(|v| !v.is_null()) {
                check_assessment(a, &assessment_at)?;
            }
            let stored: StoredState = typed(&state_value, &at)?;
            if let Some(raw) = state_value.get("assessment") {
                check_ratings(&stored.assessment, raw, &assessment_at)?;
            }
            let back = serde_json::to_value(&stored).expect("a stored state serialises");
            warnings.extend(
                unknown_fields(&state_value, &back, &at)
                    .into_iter()
                    .map(|path| ImportWarning::UnknownField { path }),
            );
            Ok(Content::Backup(Box::new(stored)))
        }
    }
}

fn state_error(e: StateError, root: &[Seg]) -> ImportError {
    let at = |field: &str| {
        let mut segs = root.to_vec();
        if !field.is_empty() {
            segs.push(key(field));
        }
        Location::field(path_string(&segs), None)
    };
    match e {
        StateError::TooNew { found, supported } => ImportError::InvalidValue {
            at: at("version").boxed(),
            problem: format!(
                "备份中的数据记录是第 {found} 版，本应用只支持到第 {supported} 版，请先更新本应用"
            ),
        },
        StateError::MigrationFailed { from, reason } => ImportError::MigrationFailed {
            from,
            to: from + 1,
            reason,
        },
        other => ImportError::InvalidValue {
            at: at("").boxed(),
            problem: format!("备份内容不是本应用的数据记录（{other}）"),
        },
    }
}

/// Reads `raw` into `T`; a failure names the field path from the file's root.
fn typed<T: serde::de::DeserializeOwned>(raw: &Value, root: &[Seg]) -> Result<T, ImportError> {
    serde_path_to_error::deserialize(raw).map_err(|e| {
        let mut segs = root.to_vec();
        for seg in e.path().iter() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => segs.push(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => segs.push(Seg::Key(key.clone())),
                serde_path_to_error::Segment::Enum { variant } => {
                    segs.push(Seg::Key(variant.clone()))
                }
                serde_path_to_error::Segment::Unknown => {}
            }
        }
        let item = item_of(&segs[root.len()..], Some(raw));
        ImportError::InvalidValue {
            at: Location::field(path_string(&segs), item).boxed(),
            problem: explain(&e.into_inner().to_string()),
        }
    })
}

/// The checks serde cannot say well: responses, dates, years, ids, duplicate ids in lists.
fn check_assessment(raw: &Value, root: &[Seg]) -> Result<(), ImportError> {
    let at = |rest: &[Seg]| {
        let mut segs = root.to_vec();
        segs.extend_from_slice(rest);
        Location::field(path_string(&segs), item_of(rest, Some(raw)))
    };
    let invalid = |rest: &[Seg], problem: String| ImportError::InvalidValue {
        at: at(rest).boxed(),
        problem,
    };
    if let Some(year) = raw.pointer("/profile/year").and_then(Value::as_i64) {
        if year != 0 && !YEAR_RANGE.contains(&(year as i32)) {
            let problem = format!(
                "评估年度 {year} 无效，应在 {} 到 {} 之间",
                YEAR_RANGE.start(),
                YEAR_RANGE.end()
            );
            return Err(invalid(&[key("profile"), key("year")], problem));
        }
    }
    if let Some(Value::Object(answers)) = raw.get("answers") {
        for (id, answer) in answers {
            let item = |field: &str| [key("answers"), key(id), key(field)];
            if id.trim().is_empty() || id.chars().count() > MAX_ID_CHARS {
                let problem = format!("检查项标识应为 1 到 {MAX_ID_CHARS} 个字符");
                return Err(invalid(&[key("answers"), key(id)], problem));
            }
            if let Some(Value::String(r)) = answer.get("response") {
                if Response::from_key(r).is_none() {
                    let choices: Vec<String> = Response::FOR_TASKS
                        .iter()
                        .chain(&Response::FOR_RED_LINES)
                        .map(|r| format!("{}（{}）", r.key(), r.label()))
                        .collect();
                    return Err(invalid(
                        &item("response"),
                        format!("答复“{r}”无效，应为 {} 之一", choices.join("、")),
                    ));
                }
            }
            for field in ["due", "done", "occurred_on"] {
                if let Some(Value::String(s)) = answer.get(field) {
                    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                        Err(_) => {
                            return Err(invalid(
                                &item(field),
                                format!("日期“{s}”无效，应为 YYYY-MM-DD 格式的真实日期"),
                            ))
                        }
                        Ok(d) if !YEAR_RANGE.contains(&d.year()) => {
                            let problem = format!(
                                "日期 {d} 不在 {} 至 {} 年之间",
                                YEAR_RANGE.start(),
                                YEAR_RANGE.end()
                            );
                            return Err(invalid(&item(field), problem));
                        }
                        Ok(_) => {}
                    }
                }
            }
            if let Some(Value::String(s)) = answer.get("updated_at") {
                if DateTime::parse_from_rfc3339(s).is_err() {
                    let problem =
                        format!("时间“{s}”无效，应为 RFC 3339 格式，如 2025-03-14T08:30:00Z");
                    return Err(invalid(&item("updated_at"), problem));
                }
            }
        }
    }
    if let Some(Value::Array(people)) = raw.get("people") {
        let section = Section::People;
        let mut seen = BTreeSet::new();
        for (i, element) in people.iter().enumerate() {
            let id = element.get("id").map(id_string).unwrap_or_default();
            if id.trim().is_empty() || id.chars().count() > MAX_ID_CHARS {
                let problem =
                    format!("人员标识应为 1 到 {MAX_ID_CHARS} 个字符（评分记录靠它找到人员）");
                return Err(invalid(&[key("people"), Seg::Index(i), key("id")], problem));
            }
            if !seen.insert(id.clone()) {
                let mut segs = root.to_vec();
                segs.extend([key(section.key()), Seg::Index(i)]);
                let at = Location::field(
                    path_string(&segs),
                    Some(ItemRef {
                        section: section.clone(),
                        id: id.clone(),
                    }),
                );
                return Err(ImportError::DuplicateId { at: at.boxed(), id });
            }
        }
    }
    Ok(())
}

/// Checks on the typed ratings: scores within 0–100, and settings that pass the domain's rules.
fn check_ratings(a: &Assessment, raw: &Value, root: &[Seg]) -> Result<(), ImportError> {
    for (i, rating) in a.ratings.iter().enumerate() {
        if let RatingValue::Score(score) = rating.value {
            if !(0.0..=100.0).contains(&score) {
                let rest = [key("ratings"), Seg::Index(i), key("value"), key("score")];
                let mut segs = root.to_vec();
                segs.extend_from_slice(&rest);
                let at = Location::field(path_string(&segs), item_of(&rest, Some(raw)));
                return Err(ImportError::InvalidValue {
                    at: at.boxed(),
                    problem: format!("分数 {score} 超出范围，应在 0 到 100 之间"),
                });
            }
        }
    }
    let mut segs = root.to_vec();
    segs.push(key("rating_settings"));
    check_settings(&a.rating_settings, &segs)
}

fn check_settings(settings: &RatingSettings, at: &[Seg]) -> Result<(), ImportError> {
    settings.validate().map_err(|e| {
        let path = format!("{}.{}", path_string(at), e.field);
        ImportError::InvalidValue {
            at: Location::field(path, None).boxed(),
            problem: format!("评分设置有误：{}", e.message),
        }
    })
}
