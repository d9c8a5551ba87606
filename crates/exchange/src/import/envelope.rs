//! Steps 4 to 7: is this one of our files, is its version one we read, bring it up to date, and
//! does its checksum match.

use serde_json::Value;

use crate::canonical::checksum;
use crate::envelope::Kind;
use crate::error::{EnvelopeProblem, ImportError, JsonType, LooksLike};
use crate::migrate::{self, Migration, MIGRATIONS};
use crate::state::STATE_FORMAT;
use crate::{FORMAT, FORMAT_VERSION};

use super::ChecksumStatus;

/// Step 4: is this one of our files? Returns the raw envelope with its format version and the
/// checksum of its content as written (taken before any migration, which is what the sender summed).
pub fn parse_envelope(value: Value) -> Result<RawFile, ImportError> {
    let Value::Object(map) = &value else {
        let what = match value {
            Value::Array(_) => JsonType::Array,
            Value::String(_) => JsonType::String,
            Value::Number(_) => JsonType::Number,
            _ => JsonType::Constant,
        };
        return Err(ImportError::NotOurFormat {
            looks_like: LooksLike::NotAnObject(what),
        });
    };
    let format = map.get("format").and_then(Value::as_str);
    if format != Some(FORMAT) {
        let looks_like = match format {
            Some(STATE_FORMAT) => LooksLike::StateRecord,
            Some(other) => LooksLike::OtherFormat(other.to_string()),
            None if map.contains_key("parts") && map.contains_key("credit") => {
                LooksLike::TemplateFile
            }
            None if map.contains_key("profile") || map.contains_key("answers") => {
                LooksLike::BareAssessment
            }
            None => LooksLike::UnknownObject(map.keys().take(5).cloned().collect()),
        };
        return Err(ImportError::NotOurFormat { looks_like });
    }
    let format_version = match map.get("format_version") {
        None => return Err(bad_envelope("format_version", EnvelopeProblem::Missing)),
        Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n >= 1 => n,
            _ => {
                let found = v.to_string();
                return Err(bad_envelope(
                    "format_version",
                    EnvelopeProblem::NotPositiveInteger { found },
                ));
            }
        },
    };
    let content_checksum = match map.get("content") {
        Some(content) => checksum(content),
        None => return Err(bad_envelope("content", EnvelopeProblem::NoContent)),
    };
    Ok(RawFile {
        format_version,
        value,
        content_checksum,
    })
}

pub(crate) fn bad_envelope(field: &str, problem: EnvelopeProblem) -> ImportError {
    ImportError::BadEnvelope {
        field: field.into(),
        problem,
    }
}

/// An exchange file recognised by its format tag, not yet checked further.
#[derive(Debug, Clone)]
pub struct RawFile {
    pub format_version: u32,
    /// The whole envelope.
    pub value: Value,
    /// Checksum of `content` as it stands in the file.
    pub content_checksum: String,
}

/// Step 5: refuse files from a newer version, naming both versions.
pub fn check_version(file: RawFile) -> Result<RawFile, ImportError> {
    if file.format_version > FORMAT_VERSION {
        let app_version = file
            .value
            .get("app_version")
            .and_then(Value::as_str)
            .map(str::to_string);
        return Err(ImportError::TooNew {
            found: file.format_version,
            supported: FORMAT_VERSION,
            app_version,
        });
    }
    Ok(file)
}

/// A file brought up to [`FORMAT_VERSION`].
#[derive(Debug, Clone)]
pub struct Migrated {
    /// The version the file was written in.
    pub from_version: u32,
    pub value: Value,
    pub applied: Vec<&'static Migration>,
    pub content_checksum: String,
}

impl Migrated {
    pub(crate) fn kind(&self) -> Option<Kind> {
        self.value
            .get("kind")
            .and_then(Value::as_str)
            .and_then(Kind::from_key)
    }
}

/// Step 6: run the registry's steps from the file's version to the current one.
pub fn migrate(file: RawFile) -> Result<Migrated, ImportError> {
    let from = file.format_version;
    let (value, applied) = migrate::run(
        MIGRATIONS,
        file.value,
        "format_version",
        from,
        FORMAT_VERSION,
    )
    .map_err(|(at, e)| ImportError::MigrationFailed {
        from: at,
        to: at + 1,
        reason: e.reason,
    })?;
    Ok(Migrated {
        from_version: from,
        value,
        applied,
        content_checksum: file.content_checksum,
    })
}

/// Step 7: compare the declared checksum with the content as written. Never an error.
pub fn verify_checksum(file: &Migrated) -> ChecksumStatus {
    match file.value.get("checksum").and_then(Value::as_str) {
        None | Some("") => ChecksumStatus::Missing,
        Some(declared) if declared == file.content_checksum => ChecksumStatus::Valid,
        Some(declared) => ChecksumStatus::Mismatch {
            declared: declared.to_string(),
            actual: file.content_checksum.clone(),
        },
    }
}
