//! Reading exchange files: a pipeline of small named steps, each with its own errors.
//!
//! `check_size` → `decode_text` (`decode`) → `parse_json` (`json`) → `parse_envelope` →
//! `check_version` → `migrate` → `verify_checksum` (`envelope`) → `validate` (`content`, one
//! function per kind) → (`import` only) kind check and `check_template` (`template_match`).
//! `explain` turns serde's English into typed problems.
//!
//! Only what makes a file unusable is an [`ImportError`]. A checksum that does not match, another
//! version of the template, unknown fields and header/content disagreements are reported on the
//! [`Imported`] result, for the preview screen to show and the user to confirm.
//!
//! **Architecture Invariant:** every step is a pure function of its input. Reading the `File` into
//! bytes is the browser's business; nothing here knows where the bytes came from.

mod checks;
mod content;
mod decode;
mod envelope;
mod explain;
mod json;
mod template_match;

use serde_json::Value;

use super::envelope::{Content, Header, Kind};
use super::error::ImportError;
use super::extras::Extras;
use super::migrate::Migration;
use zrz_domain::plan::Template;
use zrz_domain::record::{Assessment, Response};

pub use content::validate;
pub use decode::{check_size, check_size_within, decode_text};
pub use envelope::{check_version, migrate, parse_envelope, verify_checksum, Migrated, RawFile};
pub use json::parse_json;
pub use template_match::{check_template, compare_templates, TemplateMatch};

/// A file read, checked and brought up to the current version.
#[derive(Debug, Clone)]
pub struct Imported {
    pub header: Header,
    pub content: Content,
    pub checksum: ChecksumStatus,
    /// Migration steps applied, oldest first; empty for a file of the current version.
    pub migrations: Vec<&'static Migration>,
    pub warnings: Vec<ImportWarning>,
    /// For a 科室自评 checked against the local template by [`import`]; `None` otherwise.
    pub template_match: Option<TemplateMatch>,
}

impl Imported {
    /// The user must confirm before the content is used: the checksum does not match, or the file was
    /// made with another version of the template.
    pub fn needs_confirmation(&self) -> bool {
        self.checksum != ChecksumStatus::Valid
            || self
                .template_match
                .as_ref()
                .is_some_and(|m| !m.is_compatible())
    }

    /// A 科室自评's assessment (not a backup's: see [`Imported::record`]).
    pub fn assessment(&self) -> Option<&Assessment> {
        match &self.content {
            Content::Assessment(a, _) => Some(a),
            _ => None,
        }
    }

    /// The department record the file carries, with its unknown fields: a 科室自评's, or the one
    /// inside a 备份.
    pub fn record(&self) -> Option<(&Assessment, &Extras)> {
        match &self.content {
            Content::Assessment(a, extras) => Some((a, extras)),
            Content::Backup(state) => Some((&state.assessment, &state.extras)),
            _ => None,
        }
    }

    /// A sanitised (脱敏) file: it imports for viewing, read-only, and never merges (names and free
    /// text were left out; merging would look like deleting them).
    pub fn is_read_only(&self) -> bool {
        self.header.sanitized
    }
}

/// Whether the content is what was exported. A mismatch is not an error: the file may have been
/// edited on purpose; the UI asks (its words: the app's `i18n::errors`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ChecksumStatus {
    Valid,
    /// The content was changed after export (hand-edited, or damaged in transit).
    Mismatch {
        declared: String,
        actual: String,
    },
    /// The file has no checksum.
    Missing,
}

/// Something worth telling the user that does not stop the import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportWarning {
    /// A field this version does not know (e.g. from a newer app): kept as it is and written back
    /// on export (see `extras`), but not shown or used.
    UnknownField { path: String },
    /// The header names another unit, department or year than the content.
    HeaderDisagrees {
        field: HeaderField,
        header: String,
        content: String,
    },
    /// A response that does not fit its item's kind in the local template (e.g. 已落实 on a red line).
    ResponseDoesNotFit { item_id: String, response: Response },
}

/// A header field that can disagree with the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderField {
    Unit,
    Department,
    Year,
}

impl HeaderField {
    pub fn key(self) -> &'static str {
        match self {
            HeaderField::Unit => "unit",
            HeaderField::Department => "department",
            HeaderField::Year => "year",
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// The pipeline.

/// Everything up to and including `validate`, without a template: what `verify_export` uses.
pub fn read_file(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = decode_text(check_size(bytes)?)?;
    read_value(parse_json(text)?)
}

/// The pipeline from step 4 on, for a file already held as JSON (a department file kept whole in
/// the office's workspace).
pub fn read_value(value: Value) -> Result<Imported, ImportError> {
    let file = migrate(check_version(parse_envelope(value)?)?)?;
    let checksum = verify_checksum(&file);
    validate(file, checksum)
}

/// The whole pipeline, as the import screens call it: `expect` is the kind the screen imports
/// (`None` accepts any), `template` the one in use.
pub fn import(
    bytes: &[u8],
    template: &Template,
    expect: Option<Kind>,
) -> Result<Imported, ImportError> {
    let limit = match expect {
        Some(Kind::Workspace) => crate::MAX_WORKSPACE_BYTES,
        _ => crate::MAX_FILE_BYTES,
    };
    let text = decode_text(check_size_within(bytes, limit)?)?;
    let file = migrate(check_version(parse_envelope(parse_json(text)?)?)?)?;
    if let (Some(expected), Some(found)) = (expect, file.kind()) {
        if expected != found {
            return Err(ImportError::WrongKind { expected, found });
        }
    }
    let checksum = verify_checksum(&file);
    let mut imported = validate(file, checksum)?;
    check_template(&mut imported, template)?;
    Ok(imported)
}
