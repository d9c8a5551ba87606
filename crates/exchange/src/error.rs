//! Why a file was refused, where in it, and what the user can do about it.
//!
//! One enum, [`ImportError`], one variant per step of the import pipeline that can fail. Every
//! variant carries its parameters as data (numbers, paths, ids, small enums such as [`ValueProblem`]),
//! never a finished sentence, so that the UI can word it in any language (the app's
//! `i18n::errors`: where — line/column, field path, item —, what is wrong, what to do). `Display`
//! is for logs and tests only: the code and the parameters, in neutral form.
//! Everything that is *not* a reason to refuse a file (a checksum that does not match, a template of
//! another version, unknown fields) is reported on the result instead.

use std::fmt;

use chrono::NaiveDate;

use super::envelope::Kind;
use super::migrate::MigrationReason;
use super::path::ItemRef;
use super::state::StateError;

/// A place in a file. Any of the parts may be known: a syntax error has a line and column, a bad value
/// a field path and often the item it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// 1-based line, as text editors count.
    pub line: Option<usize>,
    /// 1-based column in characters (a Chinese character counts one), as text editors count.
    pub column: Option<usize>,
    /// Field path from the file's root, e.g. `content.answers["4.1.1"].due`.
    pub path: Option<String>,
    /// The record the path points into.
    pub item: Option<ItemRef>,
}

impl Location {
    pub fn text(line: usize, column: usize) -> Location {
        Location {
            line: Some(line),
            column: Some(column),
            ..Location::default()
        }
    }

    pub fn field(path: impl Into<String>, item: Option<ItemRef>) -> Location {
        Location {
            path: Some(path.into()),
            item,
            ..Location::default()
        }
    }

    /// Boxed, as the error variants hold it (keeps `Result<_, ImportError>` small).
    pub fn boxed(self) -> Box<Location> {
        Box::new(self)
    }
}

/// A JSON value's type, as named in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Array,
    String,
    Number,
    /// `true`, `false` or `null`.
    Constant,
}

impl JsonType {
    pub fn key(self) -> &'static str {
        match self {
            JsonType::Array => "array",
            JsonType::String => "string",
            JsonType::Number => "number",
            JsonType::Constant => "constant",
        }
    }
}

/// What a file that is not one of ours appears to be, so the message can say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LooksLike {
    /// Text that does not even start like JSON (`{` or `[`): a note, a Word file saved as text.
    PlainText,
    /// A JSON array, string or number at the top.
    NotAnObject(JsonType),
    /// The app's own localStorage record (`zrz-state`), e.g. copied out of the browser.
    StateRecord,
    /// A plan template file (`template.json`), not wrapped in an exchange envelope.
    TemplateFile,
    /// Profile and answers without the envelope: hand-assembled or another tool's output.
    BareAssessment,
    /// Another application's file that names its format.
    OtherFormat(String),
    /// Some other JSON object; its first few keys.
    UnknownObject(Vec<String>),
}

/// The text encoding a file that is not UTF-8 appears to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Notepad's "Unicode".
    Utf16,
    /// Notepad's and WPS's "ANSI" on Chinese Windows.
    Gbk,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf16 => "UTF-16",
            Encoding::Gbk => "GBK/GB18030",
        }
    }
}

/// serde_json's syntax errors, by what the parser expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxProblem {
    ExpectedValue,
    ExpectedCommaOrBrace,
    ExpectedCommaOrBracket,
    ExpectedColon,
    TrailingComma,
    KeyMustBeString,
    TrailingCharacters,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    ExpectedIdent,
    ControlCharacter,
    /// The text ends early (the file was cut off).
    EndOfFile,
    /// Anything else: serde_json's English message, as it is.
    Other(String),
}

/// A value that is not allowed, with what is needed to say so.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueProblem {
    /// A required field is absent.
    MissingField { field: String },
    /// A value not among the allowed ones; `expected` lists them as serde names them.
    UnknownVariant {
        found: String,
        expected: Vec<String>,
    },
    /// Another JSON type than the field takes; both in serde's English words (`a boolean`,
    /// `string "yes"`), which the app puts in its words.
    WrongType { expected: String, found: String },
    /// A date or time that is not written `2025-03-14` / `2025-03-14T08:30:00Z`.
    DateSyntax,
    /// Any other serde message, in serde's English.
    Serde { message: String },
    /// 评估年度 outside [`YEAR_RANGE`](zrz_domain::record::YEAR_RANGE) (0 means not filled in and is allowed).
    YearOutOfRange { year: i64 },
    /// An item id that is empty or longer than [`crate::MAX_ID_CHARS`].
    BadItemId,
    /// A record id (person, ledger entry, task, finding) that is empty or longer than
    /// [`crate::MAX_ID_CHARS`].
    BadRecordId,
    /// A response key this version does not know.
    UnknownResponse { found: String },
    /// A date that is not a real `YYYY-MM-DD` date.
    BadDate { text: String },
    /// A real date outside the years [`YEAR_RANGE`](zrz_domain::record::YEAR_RANGE).
    DateOutOfRange { date: NaiveDate },
    /// A time that is not RFC 3339.
    BadTimestamp { text: String },
    /// A score outside 0–100.
    ScoreOutOfRange { score: f64 },
    /// Rating settings that break a rule of the domain (its field path is the location's).
    RatingSettings(zrz_domain::scoring::SettingsProblem),
    /// A backup whose state record is newer than this app.
    StateTooNew { found: u32, supported: u32 },
    /// A backup whose content is not a state record.
    NotAStateRecord(StateError),
}

/// A header field that is missing or invalid.
#[derive(Debug, Clone, PartialEq)]
pub enum EnvelopeProblem {
    Missing,
    /// `format_version` that is not a positive integer; the value as written.
    NotPositiveInteger {
        found: String,
    },
    /// No `content` member: the file has no data.
    NoContent,
    /// A `kind` this version does not know.
    UnknownKind {
        found: String,
    },
    /// A header value of the wrong type or form.
    Invalid(ValueProblem),
}

/// A file refused by the import pipeline. Locations are boxed so that `Result<_, ImportError>` stays
/// small on the happy path. Each variant is produced by one named step (see `import/`); the app words
/// it from its parameters (where, what and what to do).
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// `check_size`: larger than [`super::MAX_FILE_BYTES`]; nothing was read.
    TooLarge { size: usize, limit: usize },
    /// `decode_text`: no content, or only whitespace.
    Empty,
    /// `decode_text`: not UTF-8; `encoding` is a guess when there is one.
    NotUtf8 {
        line: usize,
        byte_offset: usize,
        encoding: Option<Encoding>,
    },
    /// `parse_json` (and `decode_text`, for UTF-8 cut off mid-character): a syntax error, or
    /// `truncated` when the text ends early.
    NotJson {
        line: usize,
        column: usize,
        problem: SyntaxProblem,
        truncated: bool,
    },
    /// `parse_json`/`validate`: nested deeper than the format ever goes.
    TooDeep { at: Box<Location>, limit: usize },
    /// `parse_json`/`validate`: the same key or id twice in one object or list.
    DuplicateId { at: Box<Location>, id: String },
    /// `parse_json`/`parse_envelope`: not one of our files.
    NotOurFormat { looks_like: LooksLike },
    /// `parse_envelope`/`validate`: our format tag, but a header field is missing or invalid.
    BadEnvelope {
        field: String,
        problem: EnvelopeProblem,
    },
    /// `check_version`: written by a newer version of the app.
    TooNew {
        found: u32,
        supported: u32,
        app_version: Option<String>,
    },
    /// `migrate`: an old file a migration step could not bring up to date.
    MigrationFailed {
        from: u32,
        to: u32,
        reason: MigrationReason,
    },
    /// `import`: a valid file of another kind than the screen imports.
    WrongKind { expected: Kind, found: Kind },
    /// `validate`: a value that is not allowed (bad date, unknown response, year out of range …).
    InvalidValue {
        at: Box<Location>,
        problem: ValueProblem,
    },
    /// `validate`: a text longer than [`super::MAX_STRING_CHARS`].
    TooLong {
        at: Box<Location>,
        chars: usize,
        limit: usize,
    },
    /// `validate`: a list or map with more entries than [`super::MAX_ENTRIES`].
    TooMany {
        at: Box<Location>,
        count: usize,
        limit: usize,
    },
    /// `validate`: the template inside a 年度方案 breaks a template rule.
    InvalidTemplate(zrz_domain::plan::TemplateError),
    /// `check_template`: the file was made for another plan altogether.
    PlanMismatch {
        file_id: String,
        file_version: String,
        local_id: String,
        local_version: String,
    },
    /// `validate` of a 汇总工作区: one of the department files it holds is refused.
    InReceivedFile {
        /// Its place in `content.received`.
        index: usize,
        file_name: String,
        error: Box<ImportError>,
    },
}

impl ImportError {
    /// The place in the file, for variants that have one.
    pub fn location(&self) -> Option<Location> {
        match self {
            ImportError::NotUtf8 { line, .. } => Some(Location {
                line: Some(*line),
                ..Location::default()
            }),
            ImportError::NotJson { line, column, .. } => Some(Location::text(*line, *column)),
            ImportError::TooDeep { at, .. }
            | ImportError::DuplicateId { at, .. }
            | ImportError::InvalidValue { at, .. }
            | ImportError::TooLong { at, .. }
            | ImportError::TooMany { at, .. } => Some(Location::clone(at)),
            ImportError::BadEnvelope { field, .. } => Some(Location::field(field.clone(), None)),
            ImportError::InReceivedFile { error, .. } => error.location(),
            _ => None,
        }
    }

    /// A stable name of the variant, for logs, tests and the bad-file corpus's expectations
    /// (`tests/fixtures/bad/expectations.json`); the sentence a user reads is worded by the app.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::TooLarge { .. } => "too_large",
            ImportError::Empty => "empty",
            ImportError::NotUtf8 { .. } => "not_utf8",
            ImportError::NotJson {
                truncated: true, ..
            } => "truncated",
            ImportError::NotJson { .. } => "not_json",
            ImportError::TooDeep { .. } => "too_deep",
            ImportError::DuplicateId { .. } => "duplicate_id",
            ImportError::NotOurFormat { .. } => "not_our_format",
            ImportError::BadEnvelope { .. } => "bad_envelope",
            ImportError::TooNew { .. } => "too_new",
            ImportError::MigrationFailed { .. } => "migration_failed",
            ImportError::WrongKind { .. } => "wrong_kind",
            ImportError::InvalidValue { .. } => "invalid_value",
            ImportError::TooLong { .. } => "too_long",
            ImportError::TooMany { .. } => "too_many",
            ImportError::InvalidTemplate(_) => "invalid_template",
            ImportError::PlanMismatch { .. } => "plan_mismatch",
            ImportError::InReceivedFile { .. } => "in_received_file",
        }
    }
}

/// For logs and test failures only, in neutral form: the code, where, and the parameters as
/// `Debug` shows them (`invalid_value at content.profile.year: YearOutOfRange { year: 99999 }`).
impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())?;
        if let Some(at) = self.location() {
            match (&at.path, at.line, at.column) {
                (Some(path), _, _) => write!(f, " at {path}")?,
                (None, Some(line), Some(column)) => write!(f, " at {line}:{column}")?,
                (None, Some(line), None) => write!(f, " at line {line}")?,
                _ => {}
            }
        }
        write!(f, ": {self:?}")
    }
}

impl std::error::Error for ImportError {}
