//! Why a file was refused, where in it, and what the user can do about it.
//!
//! One enum, [`ImportError`], one variant per step of the import pipeline that can fail. Every
//! variant carries its parameters as data (numbers, paths, ids, small enums such as [`ValueProblem`]),
//! never a finished sentence, so that the UI can word it in any language; the `Display` impls here
//! are today's Chinese wording: where (line/column, field path, item), what is wrong, what to do.
//! Everything that is *not* a reason to refuse a file (a checksum that does not match, a template of
//! another version, unknown fields) is reported on the result instead.

use std::fmt;

use chrono::NaiveDate;

use super::envelope::Kind;
use super::migrate::MigrationReason;
use super::path::ItemRef;
use super::state::StateError;
use zrz_domain::record::{Response, YEAR_RANGE};

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
    pub fn label(self) -> &'static str {
        match self {
            JsonType::Array => "数组",
            JsonType::String => "字符串",
            JsonType::Number => "数字",
            JsonType::Constant => "常量",
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

impl fmt::Display for LooksLike {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LooksLike::PlainText => f.write_str("文件内容是普通文字，不是 JSON。请选择本应用导出的 .json 文件"),
            LooksLike::NotAnObject(what) => write!(f, "文件内容是一个 JSON {}，而本应用的文件是带文件头的 JSON 对象", what.label()),
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

impl fmt::Display for SyntaxProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SyntaxProblem::ExpectedValue => "此处应有一个值",
            SyntaxProblem::ExpectedCommaOrBrace => "缺少逗号或右花括号 }",
            SyntaxProblem::ExpectedCommaOrBracket => "缺少逗号或右方括号 ]",
            SyntaxProblem::ExpectedColon => "键后面缺少冒号",
            SyntaxProblem::TrailingComma => "多了一个逗号",
            SyntaxProblem::KeyMustBeString => "键必须是带双引号的文字",
            SyntaxProblem::TrailingCharacters => "JSON 已经结束，后面还有多余内容",
            SyntaxProblem::InvalidEscape => "反斜杠 \\ 后的转义写法不对",
            SyntaxProblem::InvalidNumber => "数字写法不对",
            SyntaxProblem::NumberOutOfRange => "数字超出范围",
            SyntaxProblem::ExpectedIdent => "true、false 或 null 拼写不对",
            SyntaxProblem::ControlCharacter => "文字中有未转义的控制字符（如直接换行）",
            SyntaxProblem::EndOfFile => "文件意外结束",
            SyntaxProblem::Other(message) => message,
        })
    }
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
    /// `string "yes"`), which [`type_words`] puts in Chinese.
    WrongType { expected: String, found: String },
    /// A date or time that is not written `2025-03-14` / `2025-03-14T08:30:00Z`.
    DateSyntax,
    /// Any other serde message, in serde's English.
    Serde { message: String },
    /// 评估年度 outside [`YEAR_RANGE`] (0 means not filled in and is allowed).
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
    /// A real date outside the years [`YEAR_RANGE`].
    DateOutOfRange { date: NaiveDate },
    /// A time that is not RFC 3339.
    BadTimestamp { text: String },
    /// A score outside 0–100.
    ScoreOutOfRange { score: f64 },
    /// Rating settings that break a rule of the domain; `message` is the domain's sentence
    /// (`scoring::SettingsError`), not yet a code.
    RatingSettings { message: String },
    /// A backup whose state record is newer than this app.
    StateTooNew { found: u32, supported: u32 },
    /// A backup whose content is not a state record.
    NotAStateRecord(StateError),
}

/// serde's English type descriptions in Chinese: "a boolean" → "是/否（true 或 false）",
/// `string "yes"` → `文字 "yes"`; unknown ones as they are.
pub fn type_words(serde: &str) -> String {
    let names: &[(&str, &str)] = &[
        ("a boolean", "是/否（true 或 false）"),
        ("boolean", "是/否"),
        ("a string", "文字"),
        ("string", "文字"),
        ("a sequence", "列表 [...]"),
        ("sequence", "列表"),
        ("a map", "对象 {...}"),
        ("map", "对象"),
        ("struct ", "对象 {...}"),
        ("a formatted date string", "日期文字"),
        ("a formatted date and time string", "时间文字"),
        ("an RFC 3339 formatted date and time string", "时间文字"),
        ("integer", "整数"),
        ("i32", "整数"),
        ("u32", "非负整数"),
        ("u64", "非负整数"),
        ("f64", "数字"),
        ("floating point", "数字"),
        ("null", "null（空）"),
        ("unit value", "null（空）"),
    ];
    match names.iter().find(|(en, _)| serde.starts_with(en)) {
        Some((en, zh)) => format!(" {zh}{}", &serde[en.len()..])
            .trim_end()
            .to_string(),
        None => format!(" {serde}"),
    }
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (min, max) = (YEAR_RANGE.start(), YEAR_RANGE.end());
        match self {
            ValueProblem::MissingField { field } => write!(f, "缺少必填字段 {field}"),
            ValueProblem::UnknownVariant { found, expected } => {
                write!(f, "取值“{found}”无效，应为 {}", expected.join(", "))
            }
            ValueProblem::WrongType { expected, found } => write!(
                f,
                "类型不对：应为{}，实为{}",
                type_words(expected),
                type_words(found)
            ),
            ValueProblem::DateSyntax => f.write_str(
                "日期或时间写法不对，应为 2025-03-14 或 2025-03-14T08:30:00Z 这样的写法",
            ),
            ValueProblem::Serde { message } => write!(f, "取值无效（{message}）"),
            ValueProblem::YearOutOfRange { year } => {
                write!(f, "评估年度 {year} 无效，应在 {min} 到 {max} 之间")
            }
            ValueProblem::BadItemId => {
                write!(f, "检查项标识应为 1 到 {} 个字符", crate::MAX_ID_CHARS)
            }
            ValueProblem::BadRecordId => write!(
                f,
                "标识应为 1 到 {} 个字符（其他记录靠它找到这一条）",
                crate::MAX_ID_CHARS
            ),
            ValueProblem::UnknownResponse { found } => {
                let choices: Vec<String> = Response::FOR_TASKS
                    .iter()
                    .chain(&Response::FOR_RED_LINES)
                    .map(|r| format!("{}（{}）", r.key(), r.label()))
                    .collect();
                write!(f, "答复“{found}”无效，应为 {} 之一", choices.join("、"))
            }
            ValueProblem::BadDate { text } => {
                write!(f, "日期“{text}”无效，应为 YYYY-MM-DD 格式的真实日期")
            }
            ValueProblem::DateOutOfRange { date } => {
                write!(f, "日期 {date} 不在 {min} 至 {max} 年之间")
            }
            ValueProblem::BadTimestamp { text } => write!(
                f,
                "时间“{text}”无效，应为 RFC 3339 格式，如 2025-03-14T08:30:00Z"
            ),
            ValueProblem::ScoreOutOfRange { score } => {
                write!(f, "分数 {score} 超出范围，应在 0 到 100 之间")
            }
            ValueProblem::RatingSettings { message } => write!(f, "评分设置有误：{message}"),
            ValueProblem::StateTooNew { found, supported } => write!(
                f,
                "备份中的数据记录是第 {found} 版，本应用只支持到第 {supported} 版，请先更新本应用"
            ),
            ValueProblem::NotAStateRecord(e) => {
                write!(f, "备份内容不是本应用的数据记录（{e}）")
            }
        }
    }
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

impl fmt::Display for EnvelopeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeProblem::Missing => f.write_str("缺失"),
            EnvelopeProblem::NotPositiveInteger { found } => write!(f, "应为正整数，实为 {found}"),
            EnvelopeProblem::NoContent => f.write_str("缺失：文件里没有数据"),
            EnvelopeProblem::UnknownKind { found } => {
                let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
                write!(f, "为“{found}”，应为 {} 之一", kinds.join("、"))
            }
            EnvelopeProblem::Invalid(problem) => problem.fmt(f),
        }
    }
}

/// A file refused by the import pipeline. Locations are boxed so that `Result<_, ImportError>` stays
/// small on the happy path. Each variant is produced by one named step (see `import/`); the `Display`
/// text says where, what and what to do.
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
    /// `validate`: the template inside a 年度方案 breaks a template rule. `at` and `problem` are the
    /// domain's `plan::TemplateError` (its words, not yet a code).
    InvalidTemplate { at: String, problem: String },
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
            ImportError::NotUtf8 { line, byte_offset, encoding: Some(Encoding::Utf16) } => write!(
                f,
                "文件是 UTF-16 编码（记事本中的“Unicode”），从第 {line} 行（第 {byte_offset} 字节）起无法按 UTF-8 读取。请使用原始导出文件，或用记事本“另存为”并选择 UTF-8 编码"
            ),
            ImportError::NotUtf8 { line, byte_offset, encoding: Some(guess) } => write!(
                f,
                "文件第 {line} 行（第 {byte_offset} 字节）起不是 UTF-8 编码，看起来是 {} 编码，可能被记事本或 WPS 按 ANSI 另存过。请使用原始导出文件，或用记事本“另存为”并选择 UTF-8 编码",
                guess.name()
            ),
            ImportError::NotUtf8 { line, byte_offset, encoding: None } => write!(
                f,
                "文件第 {line} 行（第 {byte_offset} 字节）起不是 UTF-8 文本，可能不是 JSON 文件或已损坏。请选择本应用导出的 .json 文件"
            ),
            ImportError::NotJson { line, column, truncated: true, .. } => write!(
                f,
                "文件不完整：在第 {line} 行第 {column} 列意外结束，可能下载或拷贝时被截断。请重新拷贝或请对方重新导出"
            ),
            ImportError::NotJson { line, column, problem, truncated: false } => {
                write!(f, "文件不是有效的 JSON：第 {line} 行第 {column} 列附近有语法错误（{problem}）。{USE_ORIGINAL}")
            }
            ImportError::TooDeep { at, limit } => {
                write!(f, "{at}：数据嵌套超过 {limit} 层，不是本应用的数据结构。{USE_ORIGINAL}")
            }
            ImportError::DuplicateId { at, id } => write!(
                f,
                "{at}：标识“{id}”出现了两次，无法判断以哪一条为准。{USE_ORIGINAL}，或删除重复的一条后再导入"
            ),
            ImportError::NotOurFormat { looks_like: LooksLike::PlainText } => {
                write!(f, "这不是本应用导出的文件：{}", LooksLike::PlainText)
            }
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
            ImportError::PlanMismatch { file_id, file_version, local_id, local_version } => write!(
                f,
                "文件是按方案“{file_id}（{file_version} 版）”填写的，而本应用当前使用方案“{local_id}（{local_version} 版）”，两者不是同一个方案，无法导入。请先导入对应的年度方案，或确认选对了文件"
            ),
            ImportError::InReceivedFile { index, file_name, error } => write!(
                f,
                "汇总工作区中的第 {} 个科室文件（{file_name}）无法读取：{error}",
                index + 1
            ),
        }
    }
}

impl std::error::Error for ImportError {}
