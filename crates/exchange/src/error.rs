//! Why a file was refused, where in it, and what the user can do about it.
//!
//! One enum, [`ImportError`], one variant per step of the import pipeline that can fail. Its `Display`
//! is the sentence shown to office staff: where (line/column, field path, item), what is wrong, and
//! what to do next. Everything that is *not* a reason to refuse a file (a checksum that does not match,
//! a template of another version, unknown fields) is reported on the result instead.

use std::fmt;

use super::envelope::Kind;
use super::path::ItemRef;

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
}

impl Location {
    /// Boxed, as the error variants hold it (keeps `Result<_, ImportError>` small).
    pub fn boxed(self) -> Box<Location> {
        Box::new(self)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(line) = self.line {
            match self.column {
                Some(column) => parts.push(format!("第 {line} 行第 {column} 列")),
                None => parts.push(format!("第 {line} 行")),
            }
        }
        if let Some(item) = &self.item {
            parts.push(item.to_string());
        }
        if let Some(path) = &self.path {
            if path.is_empty() {
                parts.push("文件顶层".into());
            } else {
                parts.push(format!("字段 {path}"));
            }
        }
        if parts.is_empty() {
            f.write_str("文件")
        } else {
            f.write_str(&parts.join("，"))
        }
    }
}

/// What a JSON file that is not one of ours appears to be, so the message can say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LooksLike {
    /// A JSON array, string or number at the top.
    NotAnObject(&'static str),
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

impl fmt::Display for LooksLike {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LooksLike::NotAnObject(what) => write!(f, "文件内容是一个 JSON {what}，而本应用的文件是带文件头的 JSON 对象"),
            LooksLike::StateRecord => f.write_str("这是浏览器内部保存的数据记录，不是导出文件。请在本应用中用“导出备份”生成备份文件"),
            LooksLike::TemplateFile => f.write_str("这是方案模板文件本身，不是交换文件。更新方案请导入党组办公室下发的“年度方案”文件"),
            LooksLike::BareAssessment => f.write_str("内容像是自评数据，但缺少文件头（format、format_version 等），可能被手工拼接过。请使用本应用“导出自评”生成的原始文件"),
            LooksLike::OtherFormat(name) => write!(f, "这是其他软件的文件（格式“{name}”）。请选择本应用导出的文件"),
            LooksLike::UnknownObject(keys) if keys.is_empty() => f.write_str("这是一个空的 JSON 对象。请选择本应用导出的文件"),
            LooksLike::UnknownObject(keys) => {
                write!(f, "这是其他软件的 JSON 文件（包含 {} 等字段）。请选择本应用导出的文件", keys.join("、"))
            }
        }
    }
}

/// A file refused by the import pipeline. Locations are boxed so that `Result<_, ImportError>` stays
/// small on the happy path. Each variant is produced by one named step (see
/// `import.rs`); the `Display` text says where, what and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// `check_size`: larger than [`super::MAX_FILE_BYTES`]; nothing was read.
    TooLarge { size: usize, limit: usize },
    /// `decode_text`: no content, or only whitespace.
    Empty,
    /// `decode_text`: not UTF-8; `encoding` is a guess ("GBK/GB18030", "UTF-16") when there is one.
    NotUtf8 {
        line: usize,
        byte_offset: usize,
        encoding: Option<&'static str>,
    },
    /// `parse_json`: a syntax error, or `truncated` when the text ends early.
    NotJson {
        line: usize,
        column: usize,
        detail: String,
        truncated: bool,
    },
    /// `parse_json`/`validate`: nested deeper than the format ever goes.
    TooDeep { at: Box<Location>, limit: usize },
    /// `parse_json`/`validate`: the same key or id twice in one object or list.
    DuplicateId { at: Box<Location>, id: String },
    /// `parse_envelope`: JSON, but not one of our files.
    NotOurFormat { looks_like: LooksLike },
    /// `parse_envelope`/`validate`: our format tag, but a header field is missing or invalid.
    BadEnvelope { field: String, problem: String },
    /// `check_version`: written by a newer version of the app.
    TooNew {
        found: u32,
        supported: u32,
        app_version: Option<String>,
    },
    /// `migrate`: an old file a migration step could not bring up to date.
    MigrationFailed { from: u32, to: u32, reason: String },
    /// `import`: a valid file of another kind than the screen imports.
    WrongKind { expected: Kind, found: Kind },
    /// `validate`: a value that is not allowed (bad date, unknown response, year out of range …).
    InvalidValue { at: Box<Location>, problem: String },
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
    InvalidTemplate { at: String, problem: String },
    /// `check_template`: the file was made for another plan altogether.
    PlanMismatch {
        file_plan: String,
        local_plan: String,
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
            _ => None,
        }
    }

    /// The message prefixed with the file's name, for a list of several files:
    /// `科室甲.json：第 3 行第 5 列附近……`.
    pub fn in_file(&self, file_name: &str) -> String {
        format!("{file_name}：{self}")
    }
}

/// Sizes for messages: "5.0 MB", "812 KB".
fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

const USE_ORIGINAL: &str = "请使用对方导出的原始文件，不要手工编辑";

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { size: s, limit } => write!(
                f,
                "文件太大（{}），超过 {} MB 的上限，未读取。本应用导出的文件通常不到 1 MB，请确认选择的是本应用导出的 .json 文件",
                size(*s),
                limit / (1024 * 1024)
            ),
            ImportError::Empty => f.write_str("文件是空的。请重新导出，或确认拷贝时文件没有损坏"),
            ImportError::NotUtf8 { line, byte_offset, encoding: Some("UTF-16") } => write!(
                f,
                "文件是 UTF-16 编码（记事本中的“Unicode”），从第 {line} 行（第 {byte_offset} 字节）起无法按 UTF-8 读取。请使用原始导出文件，或用记事本“另存为”并选择 UTF-8 编码"
            ),
            ImportError::NotUtf8 { line, byte_offset, encoding: Some(guess) } => write!(
                f,
                "文件第 {line} 行（第 {byte_offset} 字节）起不是 UTF-8 编码，看起来是 {guess} 编码，可能被记事本或 WPS 按 ANSI 另存过。请使用原始导出文件，或用记事本“另存为”并选择 UTF-8 编码"
            ),
            ImportError::NotUtf8 { line, byte_offset, encoding: None } => write!(
                f,
                "文件第 {line} 行（第 {byte_offset} 字节）起不是 UTF-8 文本，可能不是 JSON 文件或已损坏。请选择本应用导出的 .json 文件"
            ),
            ImportError::NotJson { line, column, truncated: true, .. } => write!(
                f,
                "文件不完整：在第 {line} 行第 {column} 列意外结束，可能下载或拷贝时被截断。请重新拷贝或请对方重新导出"
            ),
            ImportError::NotJson { line, column, detail, truncated: false } => {
                write!(f, "文件不是有效的 JSON：第 {line} 行第 {column} 列附近有语法错误（{detail}）。{USE_ORIGINAL}")
            }
            ImportError::TooDeep { at, limit } => {
                write!(f, "{at}：数据嵌套超过 {limit} 层，不是本应用的数据结构。{USE_ORIGINAL}")
            }
            ImportError::DuplicateId { at, id } => write!(
                f,
                "{at}：标识“{id}”出现了两次，无法判断以哪一条为准。{USE_ORIGINAL}，或删除重复的一条后再导入"
            ),
            ImportError::NotOurFormat { looks_like } => write!(f, "这不是本应用的交换文件：{looks_like}"),
            ImportError::BadEnvelope { field, problem } => {
                write!(f, "文件头的 {field} {problem}。文件可能被手工改动过，{USE_ORIGINAL}")
            }
            ImportError::TooNew { found, supported, app_version } => {
                let by = app_version.as_ref().map(|v| format!("，导出程序版本 {v}")).unwrap_or_default();
                write!(
                    f,
                    "此文件由更新版本的应用导出（文件格式第 {found} 版{by}），本应用只能读取到第 {supported} 版。请先更新本应用（刷新页面，或向党组办公室索取新版）后再导入"
                )
            }
            ImportError::MigrationFailed { from, to, reason } => write!(
                f,
                "此文件是第 {from} 版格式，升级到第 {to} 版时出错：{reason}。请对方用新版应用重新导出"
            ),
            ImportError::WrongKind { expected, found } => write!(
                f,
                "这是一个“{}”文件，不是“{}”文件。{}",
                found.label(),
                expected.label(),
                found.where_to_import()
            ),
            ImportError::InvalidValue { at, problem } => {
                write!(f, "{at}：{problem}。请在导出方的应用中改正后重新导出")
            }
            ImportError::TooLong { at, chars, limit } => write!(
                f,
                "{at}：文字长达 {chars} 字，超过 {limit} 字的上限，可能粘贴了整篇文档。请在导出方精简后重新导出"
            ),
            ImportError::TooMany { at, count, limit } => write!(
                f,
                "{at}：共有 {count} 项，超过 {limit} 项的上限，不像是正常的填报数据。{USE_ORIGINAL}"
            ),
            ImportError::InvalidTemplate { at, problem } => {
                write!(f, "年度方案中的方案模板有误（{at}：{problem}）。请联系党组办公室重新下发")
            }
            ImportError::PlanMismatch { file_plan, local_plan } => write!(
                f,
                "文件是按方案“{file_plan}”填写的，而本应用当前使用方案“{local_plan}”，两者不是同一个方案，无法导入。请先导入对应的年度方案，或确认选对了文件"
            ),
        }
    }
}

impl std::error::Error for ImportError {}
