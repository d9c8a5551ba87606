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

use std::fmt;

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
/// edited on purpose; the UI asks.
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl ChecksumStatus {
    /// For the confirmation dialog; `None` when there is nothing to confirm.
    pub fn message(&self) -> Option<&'static str> {
        match self {
            ChecksumStatus::Valid => None,
            ChecksumStatus::Mismatch { .. } => Some("文件内容与导出时的校验值不一致：文件在导出后被修改过或已损坏。确认内容无误后才可继续导入"),
            ChecksumStatus::Missing => Some("文件没有校验值，无法确认导出后是否被修改过。确认内容无误后才可继续导入"),
        }
    }
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

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportWarning::UnknownField { path } => {
                write!(
                    f,
                    "文件中的字段 {path} 本应用不认识，已原样保留（可能来自更新版本的应用）"
                )
            }
            ImportWarning::HeaderDisagrees {
                field,
                header,
                content,
            } => {
                write!(
                    f,
                    "文件头的{}是“{header}”，内容中是“{content}”，以内容为准",
                    field.label()
                )
            }
            ImportWarning::ResponseDoesNotFit { item_id, response } => {
                write!(
                    f,
                    "检查项 {item_id} 的答复“{}”不适用于此类检查项，请核对",
                    response.label()
                )
            }
        }
    }
}

/// A header field that can disagree with the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderField {
    Unit,
    Department,
    Year,
}

impl HeaderField {
    pub fn label(self) -> &'static str {
        match self {
            HeaderField::Unit => "单位",
            HeaderField::Department => "科室",
            HeaderField::Year => "年度",
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
