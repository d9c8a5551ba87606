//! Step 8: limits, header fields, then the content of each kind read into today's types with every
//! value checked (the checks serde cannot word well are in `checks`), and what this version does not
//! know kept aside (`extras`) instead of dropped.

use serde::Deserialize;
use serde_json::Value;

use super::checks::{check_assessment, check_findings_file, check_ratings, check_settings, key};
use super::envelope::{bad_envelope, Migrated};
use super::explain::explain;
use super::{read_value, ChecksumStatus, HeaderField, ImportWarning, Imported};
use crate::envelope::{AnnualPlan, Content, EnvelopeIn, Header, Kind, ENVELOPE_KEYS};
use crate::error::{EnvelopeProblem, ImportError, Location, ValueProblem};
use crate::extras::Extras;
use crate::office::{FindingsFile, Workspace};
use crate::path::{find_excess, item_of, path_string, unknown_fields_in, Excess, Limits, Seg};
use crate::shape::{Shape, Typed};
use crate::state::{self, StateError, StoredState};
use crate::{MAX_DEPTH, MAX_ENTRIES, MAX_STRING_CHARS};
use zrz_domain::plan::Template;
use zrz_domain::record::Assessment;

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
    // Read without tracking the path; only a header that fails is read again to name where.
    let header_in: EnvelopeIn = match EnvelopeIn::deserialize(&value) {
        Ok(header) => header,
        Err(_) => serde_path_to_error::deserialize(&value).map_err(|e| {
            let path = e.path().to_string();
            let problem = explain(&e.into_inner().to_string());
            bad_envelope(&path, EnvelopeProblem::Invalid(problem))
        })?,
    };
    let Some(kind) = Kind::from_key(&header_in.kind) else {
        let found = header_in.kind.clone();
        return Err(bad_envelope("kind", EnvelopeProblem::UnknownKind { found }));
    };
    let mut envelope_extras = serde_json::Map::new();
    if let Value::Object(map) = &value {
        for (key, v) in map
            .iter()
            .filter(|(k, _)| !ENVELOPE_KEYS.contains(&k.as_str()))
        {
            warnings.push(ImportWarning::UnknownField {
                path: path_string(&[Seg::Key(key.clone())]),
            });
            envelope_extras.insert(key.clone(), v.clone());
        }
    }
    let raw_content = value
        .get_mut("content")
        .map(Value::take)
        .unwrap_or(Value::Null);
    let mut content = read_content(kind, &raw_content, &mut warnings)?;
    if let Content::Assessment(_, extras) = &mut content {
        extras.envelope = envelope_extras;
    }
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
    if let Some((unit, department, year)) = content.department() {
        for (field, in_header, in_content) in [
            (HeaderField::Unit, &header.unit, unit),
            (HeaderField::Department, &header.department, department),
            (
                HeaderField::Year,
                &header.year.to_string(),
                year.to_string(),
            ),
        ] {
            if *in_header != in_content {
                warnings.push(ImportWarning::HeaderDisagrees {
                    field,
                    header: in_header.clone(),
                    content: in_content,
                });
            }
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

fn read_content(
    kind: Kind,
    raw: &Value,
    warnings: &mut Vec<ImportWarning>,
) -> Result<Content, ImportError> {
    let root = [key("content")];
    match kind {
        Kind::Assessment => {
            let (assessment, extras) = read_assessment(raw, &root, warnings)?;
            Ok(Content::Assessment(Box::new(assessment), extras))
        }
        Kind::AnnualPlan => {
            read_annual_plan(raw, &root, warnings).map(|p| Content::AnnualPlan(Box::new(p)))
        }
        Kind::Backup => read_backup(raw, &root, warnings).map(|s| Content::Backup(Box::new(s))),
        Kind::Findings => {
            check_findings_file(raw, &root)?;
            let file: FindingsFile = typed(raw, &root)?;
            warn_unknown(raw, &file, &root, warnings);
            Ok(Content::Findings(Box::new(file)))
        }
        Kind::Workspace => read_workspace(raw, &root, warnings).map(Content::Workspace),
    }
}

/// A 科室自评 (or the assessment inside a backup): checked, typed, and its unknown parts kept.
fn read_assessment(
    raw: &Value,
    root: &[Seg],
    warnings: &mut Vec<ImportWarning>,
) -> Result<(Assessment, Extras), ImportError> {
    check_assessment(raw, root)?;
    let assessment: Assessment = typed(raw, root)?;
    check_ratings(&assessment, raw, root)?;
    // Serialised once, for both walks (the unknown fields warned about and those kept), and only
    // as far as they look (`shape`); as a whole `Value` if the shape cannot be sure.
    let shape = Shape::of(&assessment);
    let back;
    let typed = match &shape {
        Some(shape) => Typed::Shape(shape),
        None => {
            back = serde_json::to_value(&assessment).expect("an assessment serialises");
            Typed::Value(&back)
        }
    };
    warn_unknown_in(raw, typed, root, warnings);
    let extras = Extras::extract_in(raw, typed);
    Ok((assessment, extras))
}

fn read_annual_plan(
    raw: &Value,
    root: &[Seg],
    warnings: &mut Vec<ImportWarning>,
) -> Result<AnnualPlan, ImportError> {
    let plan: AnnualPlan = typed(raw, root)?;
    if let Some(settings) = &plan.rating_settings {
        check_settings(settings, &[key("content"), key("rating_settings")])?;
    }
    Template::from_value(&plan.template).map_err(ImportError::InvalidTemplate)?;
    warn_unknown(raw, &plan, root, warnings);
    Ok(plan)
}

fn read_backup(
    raw: &Value,
    root: &[Seg],
    warnings: &mut Vec<ImportWarning>,
) -> Result<StoredState, ImportError> {
    let state_value = state::migrate_record(raw.clone()).map_err(|e| state_error(e, root))?;
    let at = [key("content"), key("state")];
    let assessment_at = [key("content"), key("state"), key("assessment")];
    if let Some(a) = state_value.get("assessment").filter(|v| !v.is_null()) {
        check_assessment(a, &assessment_at)?;
    }
    let mut stored: StoredState = typed(&state_value, &at)?;
    if let Some(raw) = state_value.get("assessment") {
        check_ratings(&stored.assessment, raw, &assessment_at)?;
        // A newer app's backup may know fields of the assessment that this one does not: they
        // join the unknown fields the record already kept.
        let found = Extras::extract(raw, &stored.assessment);
        stored.extras = std::mem::take(&mut stored.extras).union(&found);
    }
    warn_unknown(&state_value, &stored, &at, warnings);
    Ok(stored)
}

fn read_workspace(
    raw: &Value,
    root: &[Seg],
    warnings: &mut Vec<ImportWarning>,
) -> Result<Workspace, ImportError> {
    let workspace: Workspace = typed(raw, root)?;
    let mut keys = std::collections::BTreeSet::new();
    for (index, received) in workspace.received.iter().enumerate() {
        for file in received.files() {
            let wrap = |error: ImportError| ImportError::InReceivedFile {
                index,
                file_name: file.file_name.clone(),
                error: Box::new(error),
            };
            let imported = read_value(file.file.clone()).map_err(wrap)?;
            if imported.header.kind != Kind::Assessment {
                return Err(wrap(ImportError::WrongKind {
                    expected: Kind::Assessment,
                    found: imported.header.kind,
                }));
            }
        }
        let store_key = received.store_key();
        if !keys.insert(store_key.clone()) {
            let at = Location::field(
                path_string(&[key("content"), key("received"), Seg::Index(index)]),
                None,
            );
            return Err(ImportError::DuplicateId {
                at: at.boxed(),
                id: store_key,
            });
        }
    }
    warn_unknown(raw, &workspace, root, warnings);
    Ok(workspace)
}

/// Every field of `raw` that `typed` does not have, as a warning (the field itself is kept: in
/// `Extras` for department records, in `extras` members for the other kinds).
fn warn_unknown<T: serde::Serialize>(
    raw: &Value,
    typed: &T,
    root: &[Seg],
    warnings: &mut Vec<ImportWarning>,
) {
    let back = serde_json::to_value(typed).expect("imported content serialises");
    warn_unknown_in(raw, Typed::Value(&back), root, warnings);
}

/// [`warn_unknown`] with the typed content already serialised (`typed`).
fn warn_unknown_in(raw: &Value, typed: Typed, root: &[Seg], warnings: &mut Vec<ImportWarning>) {
    warnings.extend(
        unknown_fields_in(raw, typed, root)
            .into_iter()
            .map(|path| ImportWarning::UnknownField { path }),
    );
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
            problem: ValueProblem::StateTooNew { found, supported },
        },
        StateError::MigrationFailed { from, reason } => ImportError::MigrationFailed {
            from,
            to: from + 1,
            reason: crate::migrate::MigrationReason::StateRecord {
                from,
                reason: Box::new(reason),
            },
        },
        other => ImportError::InvalidValue {
            at: at("").boxed(),
            problem: ValueProblem::NotAStateRecord(other),
        },
    }
}

/// Reads `raw` into `T`; a failure names the field path from the file's root.
///
/// Read first without tracking the path (serde_path_to_error's wrapper costs as much again as the
/// reading); a value that fails is read again with it, for the path, so the error is the same.
pub(super) fn typed<T: serde::de::DeserializeOwned>(
    raw: &Value,
    root: &[Seg],
) -> Result<T, ImportError> {
    match T::deserialize(raw) {
        Ok(t) => Ok(t),
        Err(_) => typed_with_path(raw, root),
    }
}

/// [`typed`]'s second reading, which names where it failed.
fn typed_with_path<T: serde::de::DeserializeOwned>(
    raw: &Value,
    root: &[Seg],
) -> Result<T, ImportError> {
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
