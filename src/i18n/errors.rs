//! The words for what the domain and the importer report as codes with parameters: why a file was
//! refused ([`ImportError`]) and where in it, what a form value lacks ([`FieldError`]), the
//! checksum and template notes and warnings of an accepted file, why a merge or an encrypted file
//! was refused, why the stored record could not be read. One function per kind of value, in both
//! languages; the tests word a sample of every variant (`errors/samples.rs`, exhaustive by `match`)
//! in both and hold the English free of Chinese outside quoted user data and plan numbers.
//!
//! Parameters that came from a file or a user (names, ids, field paths, serde's English) are
//! quoted as they are, never translated.

// The first page words only form errors: the rest is the full app's (it never imports there).
#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]

#[cfg(test)]
mod samples;
#[cfg(test)]
mod tests;

use zrz_domain::record::{FieldError, FieldProblem, RecordKey, RecordKind, Response, YEAR_RANGE};
use zrz_domain::Dimension;
use zrz_exchange::encrypted::{Damage, EncryptedError, PassphraseError, Unsupported};
use zrz_exchange::{
    ChecksumStatus, Encoding, EnvelopeProblem, HeaderField, ImportError, ImportWarning, ItemRef,
    JsonType, Kind, Location, LooksLike, MergeError, MigrationReason, ReceiveError, StateError,
    SyntaxProblem, TemplateMatch, ValueProblem,
};

#[cfg(feature = "full")]
use crate::browser::crypto::CryptoFault;
use crate::browser::download::DownloadFault;
use crate::browser::files::ReadFault;

pub struct ErrorTexts {
    /// Why a file was refused: where, what, and what to do.
    #[cfg(feature = "full")]
    pub import: fn(&ImportError) -> String,
    /// A message about one of several files: "科室甲.json：……".
    #[cfg(feature = "full")]
    pub in_file: fn(&str, &str) -> String,
    /// A form value refused by the domain.
    pub field: fn(&FieldError) -> String,
    /// What the user must confirm about the checksum; `None` when it matches.
    #[cfg(feature = "full")]
    pub checksum: fn(&ChecksumStatus) -> Option<&'static str>,
    /// Something worth telling about an accepted file.
    #[cfg(feature = "full")]
    pub warning: fn(&ImportWarning) -> String,
    /// How the file's template differs from the local one; `None` when it is the same.
    #[cfg(feature = "full")]
    pub template_match: fn(&TemplateMatch) -> Option<String>,
    /// A kind of exchange file: "科室自评", "备份" …
    #[cfg(feature = "full")]
    pub kind: fn(Kind) -> &'static str,
    /// A record in messages and the merge preview: "检查项 4.1.1", "基本信息 填报人" …
    #[cfg(feature = "full")]
    pub record: fn(&RecordKey) -> String,
    #[cfg(feature = "full")]
    pub merge: fn(&MergeError) -> String,
    /// Why the office's 汇总 could not take in a file.
    #[cfg(feature = "full")]
    pub receive: fn(&ReceiveError) -> String,
    #[cfg(feature = "full")]
    pub encrypted: fn(&EncryptedError) -> String,
    #[cfg(feature = "full")]
    pub passphrase: fn(&PassphraseError) -> String,
    /// Why WebCrypto could not encrypt or decrypt (the full app only).
    #[cfg(feature = "full")]
    pub crypto: fn(&CryptoFault) -> String,
    /// Why the record stored in this browser could not be read.
    #[cfg(feature = "full")]
    pub state: fn(&StateError) -> String,
    /// Why a chosen file could not be read.
    #[cfg(feature = "full")]
    pub read: fn(&ReadFault) -> String,
    /// Why a download could not be offered.
    #[cfg(feature = "full")]
    pub download: fn(&DownloadFault) -> String,
}

pub const ZH: ErrorTexts = ErrorTexts {
    #[cfg(feature = "full")]
    import: zh::import,
    #[cfg(feature = "full")]
    in_file: |file, message| format!("{file}：{message}"),
    field: zh::field,
    #[cfg(feature = "full")]
    checksum: zh::checksum,
    #[cfg(feature = "full")]
    warning: zh::warning,
    #[cfg(feature = "full")]
    template_match: zh::template_match,
    #[cfg(feature = "full")]
    kind: zh::kind,
    #[cfg(feature = "full")]
    record: zh::record,
    #[cfg(feature = "full")]
    merge: zh::merge,
    #[cfg(feature = "full")]
    receive: zh::receive,
    #[cfg(feature = "full")]
    encrypted: zh::encrypted,
    #[cfg(feature = "full")]
    passphrase: |e| match e {
        PassphraseError::TooShort { min } => format!("口令至少需要 {min} 个字符"),
    },
    #[cfg(feature = "full")]
    crypto: zh::crypto,
    #[cfg(feature = "full")]
    state: zh::state,
    #[cfg(feature = "full")]
    read: |e| match e {
        ReadFault::TooLarge { size, limit } => {
            format!("文件有 {size} 字节，超过 {limit} 字节的上限，未读取")
        }
        ReadFault::Failed(e) => format!(
            "浏览器无法读取此文件（{e}）。请确认文件仍在原处、没有被其他程序占用，然后重新选择"
        ),
    },
    #[cfg(feature = "full")]
    download: |e| format!("无法生成下载文件（{}）", e.0),
};

pub const EN: ErrorTexts = ErrorTexts {
    #[cfg(feature = "full")]
    import: en::import,
    #[cfg(feature = "full")]
    in_file: |file, message| format!("{file}: {message}"),
    field: en::field,
    #[cfg(feature = "full")]
    checksum: en::checksum,
    #[cfg(feature = "full")]
    warning: en::warning,
    #[cfg(feature = "full")]
    template_match: en::template_match,
    #[cfg(feature = "full")]
    kind: en::kind,
    #[cfg(feature = "full")]
    record: en::record,
    #[cfg(feature = "full")]
    merge: en::merge,
    #[cfg(feature = "full")]
    receive: en::receive,
    #[cfg(feature = "full")]
    encrypted: en::encrypted,
    #[cfg(feature = "full")]
    passphrase: |e| match e {
        PassphraseError::TooShort { min } => {
            format!("The passphrase needs at least {min} characters.")
        }
    },
    #[cfg(feature = "full")]
    crypto: en::crypto,
    #[cfg(feature = "full")]
    state: en::state,
    #[cfg(feature = "full")]
    read: |e| {
        match e {
        ReadFault::TooLarge { size, limit } => {
            format!("The file has {size} bytes, over the limit of {limit} bytes, and was not read.")
        }
        ReadFault::Failed(e) => format!(
            "The browser cannot read this file ({e}). Make sure it is still where it was and no other program holds it, then choose it again."
        ),
    }
    },
    #[cfg(feature = "full")]
    download: |e| format!("The download file could not be made ({}).", e.0),
};

/// Sizes for messages: "5.0 MB", "812 KB".
fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn years() -> (i32, i32) {
    (*YEAR_RANGE.start(), *YEAR_RANGE.end())
}

/// The responses a file may hold, each with its name in this language.
fn responses(label: fn(Response) -> &'static str, open: &str, close: &str) -> Vec<String> {
    Response::FOR_TASKS
        .iter()
        .chain(&Response::FOR_RED_LINES)
        .map(|r| format!("{}{open}{}{close}", r.key(), label(*r)))
        .collect()
}

fn kind_keys() -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| k.key()).collect()
}

mod zh {
    use super::*;

    const USE_ORIGINAL: &str = "请使用对方导出的原始文件，不要手工编辑";

    fn dimension(d: Dimension) -> &'static str {
        (crate::i18n::Lang::Zh.texts().common.dimension)(d)
    }

    fn response(r: Response) -> &'static str {
        (crate::i18n::Lang::Zh.texts().common.response)(r)
    }

    fn kind_label(kind: RecordKind) -> &'static str {
        match kind {
            RecordKind::Profile => "基本信息",
            RecordKind::RatingSettings => "评分设置",
            RecordKind::Answer => "检查项",
            RecordKind::Person => "人员",
            RecordKind::Rating => "评分",
            RecordKind::Entry => "台账",
            RecordKind::Task => "整改任务",
            RecordKind::Finding => "核查意见",
            RecordKind::OfficeReview => "核查结论",
        }
    }

    fn item(item: &ItemRef) -> String {
        match (item.kind, zrz_domain::record::RatingKey::parse(&item.id)) {
            (RecordKind::Rating, Some(key)) => {
                let by = if key.rater.is_empty() {
                    String::new()
                } else {
                    format!("，评价人 {}", key.rater)
                };
                format!(
                    "评分（人员 {}，{}，{}{by}）",
                    key.person_id,
                    dimension(key.dimension),
                    (crate::i18n::Lang::Zh.texts().common.role)(key.role)
                )
            }
            (kind, _) if kind.is_single() => kind_label(kind).to_string(),
            (kind, _) => format!("{} {}", kind_label(kind), item.id),
        }
    }

    pub fn record(key: &RecordKey) -> String {
        match key.kind {
            RecordKind::Profile => format!("基本信息 {}", profile_field(&key.id)),
            RecordKind::RatingSettings | RecordKind::OfficeReview => {
                kind_label(key.kind).to_string()
            }
            kind => item(&ItemRef {
                kind,
                id: key.id.clone(),
            }),
        }
    }

    fn profile_field(field: &str) -> &str {
        match field {
            "unit" => "单位名称",
            "department" => "科室/直属单位",
            "filled_by" => "填报人",
            "year" => "评估年度",
            other => other,
        }
    }

    pub(super) fn location(l: &Location) -> String {
        let mut parts = Vec::new();
        if let Some(line) = l.line {
            match l.column {
                Some(column) => parts.push(format!("第 {line} 行第 {column} 列")),
                None => parts.push(format!("第 {line} 行")),
            }
        }
        if let Some(i) = &l.item {
            parts.push(item(i));
        }
        if let Some(path) = &l.path {
            if path.is_empty() {
                parts.push("文件顶层".into());
            } else {
                parts.push(format!("字段 {path}"));
            }
        }
        if parts.is_empty() {
            "文件".into()
        } else {
            parts.join("，")
        }
    }

    fn json_type(t: JsonType) -> &'static str {
        match t {
            JsonType::Array => "数组",
            JsonType::String => "字符串",
            JsonType::Number => "数字",
            JsonType::Constant => "常量",
        }
    }

    fn looks_like(l: &LooksLike) -> String {
        match l {
            LooksLike::PlainText => "文件内容是普通文字，不是 JSON。请选择本应用导出的 .json 文件".into(),
            LooksLike::NotAnObject(what) => format!("文件内容是一个 JSON {}，而本应用的文件是带文件头的 JSON 对象", json_type(*what)),
            LooksLike::StateRecord => "这是浏览器内部保存的数据记录，不是导出文件。请在本应用中用“导出备份”生成备份文件".into(),
            LooksLike::TemplateFile => "这是方案模板文件本身，不是交换文件。更新方案请导入党组办公室下发的“年度方案”文件".into(),
            LooksLike::BareAssessment => "内容像是自评数据，但缺少文件头（format、format_version 等），可能被手工拼接过。请使用本应用“导出自评”生成的原始文件".into(),
            LooksLike::OtherFormat(name) => format!("这是其他软件的文件（格式“{name}”）。请选择本应用导出的文件"),
            LooksLike::UnknownObject(keys) if keys.is_empty() => "这是一个空的 JSON 对象。请选择本应用导出的文件".into(),
            LooksLike::UnknownObject(keys) => format!("这是其他软件的 JSON 文件（包含 {} 等字段）。请选择本应用导出的文件", keys.join("、")),
        }
    }

    fn syntax(p: &SyntaxProblem) -> &str {
        match p {
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
        }
    }

    /// serde's English type descriptions in Chinese: "a boolean" → "是/否（true 或 false）",
    /// `string "yes"` → `文字 "yes"`; unknown ones as they are.
    pub(super) fn type_words(serde: &str) -> String {
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

    fn value(p: &ValueProblem) -> String {
        let (min, max) = years();
        match p {
            ValueProblem::MissingField { field } => format!("缺少必填字段 {field}"),
            ValueProblem::UnknownVariant { found, expected } => {
                format!("取值“{found}”无效，应为 {}", expected.join(", "))
            }
            ValueProblem::WrongType { expected, found } => format!(
                "类型不对：应为{}，实为{}",
                type_words(expected),
                type_words(found)
            ),
            ValueProblem::DateSyntax => {
                "日期或时间写法不对，应为 2025-03-14 或 2025-03-14T08:30:00Z 这样的写法".into()
            }
            ValueProblem::Serde { message } => format!("取值无效（{message}）"),
            ValueProblem::YearOutOfRange { year } => {
                format!("评估年度 {year} 无效，应在 {min} 到 {max} 之间")
            }
            ValueProblem::BadItemId => {
                format!("检查项标识应为 1 到 {} 个字符", zrz_exchange::MAX_ID_CHARS)
            }
            ValueProblem::BadRecordId => format!(
                "标识应为 1 到 {} 个字符（其他记录靠它找到这一条）",
                zrz_exchange::MAX_ID_CHARS
            ),
            ValueProblem::UnknownResponse { found } => format!(
                "答复“{found}”无效，应为 {} 之一",
                responses(response, "（", "）").join("、")
            ),
            ValueProblem::BadDate { text } => {
                format!("日期“{text}”无效，应为 YYYY-MM-DD 格式的真实日期")
            }
            ValueProblem::DateOutOfRange { date } => {
                format!("日期 {date} 不在 {min} 至 {max} 年之间")
            }
            ValueProblem::BadTimestamp { text } => {
                format!("时间“{text}”无效，应为 RFC 3339 格式，如 2025-03-14T08:30:00Z")
            }
            ValueProblem::ScoreOutOfRange { score } => {
                format!("分数 {score} 超出范围，应在 0 到 100 之间")
            }
            ValueProblem::RatingSettings(p) => {
                format!("评分设置有误：{}", crate::i18n::scoring::zh::settings(p))
            }
            ValueProblem::StateTooNew { found, supported } => format!(
                "备份中的数据记录是第 {found} 版，本应用只支持到第 {supported} 版，请先更新本应用"
            ),
            ValueProblem::NotAStateRecord(e) => {
                format!("备份内容不是本应用的数据记录（{}）", state(e))
            }
        }
    }

    fn envelope(p: &EnvelopeProblem) -> String {
        match p {
            EnvelopeProblem::Missing => "缺失".into(),
            EnvelopeProblem::NotPositiveInteger { found } => format!("应为正整数，实为 {found}"),
            EnvelopeProblem::NoContent => "缺失：文件里没有数据".into(),
            EnvelopeProblem::UnknownKind { found } => {
                format!("为“{found}”，应为 {} 之一", kind_keys().join("、"))
            }
            EnvelopeProblem::Invalid(problem) => value(problem),
        }
    }

    fn migration(r: &MigrationReason) -> String {
        match r {
            MigrationReason::NotAnObject { at } => {
                let at = match *at {
                    "file" => "文件",
                    "assessment" => "自评内容",
                    other => other,
                };
                format!("{at} 不是 JSON 对象")
            }
            MigrationReason::MissingContent => "文件缺少 content".into(),
            MigrationReason::UnknownKind { version, kind } => {
                format!("第 {version} 版文件没有“{kind}”这种内容")
            }
            MigrationReason::NoStep { from } => format!("没有从第 {from} 版升级的方法"),
            MigrationReason::NotAnObjectAfter => "升级后的内容不是 JSON 对象".into(),
            MigrationReason::NoState => "数据记录缺少 state".into(),
            MigrationReason::StateRecord { from, reason } => {
                format!(
                    "备份中的数据记录（数据版本 {from}）无法升级：{}",
                    migration(reason)
                )
            }
        }
    }

    pub fn kind(k: Kind) -> &'static str {
        match k {
            Kind::Assessment => "科室自评",
            Kind::AnnualPlan => "年度方案",
            Kind::Backup => "备份",
            Kind::Findings => "核查意见",
            Kind::Workspace => "汇总工作区",
        }
    }

    /// Where in the app a file of this kind is imported, for the wrong-kind message.
    fn where_to_import(k: Kind) -> &'static str {
        match k {
            Kind::Assessment => "在“导入导出”页导入科室自评文件时，会先显示逐项合并预览",
            Kind::AnnualPlan => "在“导入导出”页导入年度方案时，会更新方案并保留全部答复",
            Kind::Backup => "在“导入导出”页导入备份时，会在确认后恢复全部数据",
            Kind::Findings => "科室在“核查与整改”页导入党组办公室发回的核查意见",
            Kind::Workspace => "党组办公室在“汇总”页导入汇总工作区，会先列出各科室文件再合并",
        }
    }

    pub fn import(e: &ImportError) -> String {
        match e {
            ImportError::TooLarge { size: s, limit } => format!(
                "文件太大（{}），超过 {} MB 的上限，未读取。本应用导出的文件通常不到 1 MB，请确认选择的是本应用导出的 .json 文件",
                size(*s),
                limit / (1024 * 1024)
            ),
            ImportError::Empty => "文件是空的。请重新导出，或确认拷贝时文件没有损坏".into(),
            ImportError::NotUtf8 { line, byte_offset, encoding: Some(Encoding::Utf16) } => format!(
                "文件是 UTF-16 编码（记事本中的“Unicode”），从第 {line} 行（第 {byte_offset} 字节）起无法按 UTF-8 读取。请使用原始导出文件，或用记事本“另存为”并选择 UTF-8 编码"
            ),
            ImportError::NotUtf8 { line, byte_offset, encoding: Some(guess) } => format!(
                "文件第 {line} 行（第 {byte_offset} 字节）起不是 UTF-8 编码，看起来是 {} 编码，可能被记事本或 WPS 按 ANSI 另存过。请使用原始导出文件，或用记事本“另存为”并选择 UTF-8 编码",
                guess.name()
            ),
            ImportError::NotUtf8 { line, byte_offset, encoding: None } => format!(
                "文件第 {line} 行（第 {byte_offset} 字节）起不是 UTF-8 文本，可能不是 JSON 文件或已损坏。请选择本应用导出的 .json 文件"
            ),
            ImportError::NotJson { line, column, truncated: true, .. } => format!(
                "文件不完整：在第 {line} 行第 {column} 列意外结束，可能下载或拷贝时被截断。请重新拷贝或请对方重新导出"
            ),
            ImportError::NotJson { line, column, problem, truncated: false } => format!(
                "文件不是有效的 JSON：第 {line} 行第 {column} 列附近有语法错误（{}）。{USE_ORIGINAL}",
                syntax(problem)
            ),
            ImportError::TooDeep { at, limit } => format!(
                "{}：数据嵌套超过 {limit} 层，不是本应用的数据结构。{USE_ORIGINAL}",
                location(at)
            ),
            ImportError::DuplicateId { at, id } => format!(
                "{}：标识“{id}”出现了两次，无法判断以哪一条为准。{USE_ORIGINAL}，或删除重复的一条后再导入",
                location(at)
            ),
            ImportError::NotOurFormat { looks_like: l @ LooksLike::PlainText } => {
                format!("这不是本应用导出的文件：{}", looks_like(l))
            }
            ImportError::NotOurFormat { looks_like: l } => {
                format!("这不是本应用的交换文件：{}", looks_like(l))
            }
            ImportError::BadEnvelope { field, problem } => format!(
                "文件头的 {field} {}。文件可能被手工改动过，{USE_ORIGINAL}",
                envelope(problem)
            ),
            ImportError::TooNew { found, supported, app_version } => {
                let by = app_version.as_ref().map(|v| format!("，导出程序版本 {v}")).unwrap_or_default();
                format!(
                    "此文件由更新版本的应用导出（文件格式第 {found} 版{by}），本应用只能读取到第 {supported} 版。请先更新本应用（刷新页面，或向党组办公室索取新版）后再导入"
                )
            }
            ImportError::MigrationFailed { from, to, reason } => format!(
                "此文件是第 {from} 版格式，升级到第 {to} 版时出错：{}。请对方用新版应用重新导出",
                migration(reason)
            ),
            ImportError::WrongKind { expected, found } => format!(
                "这是一个“{}”文件，不是“{}”文件。{}",
                kind(*found),
                kind(*expected),
                where_to_import(*found)
            ),
            ImportError::InvalidValue { at, problem } => format!(
                "{}：{}。请在导出方的应用中改正后重新导出",
                location(at),
                value(problem)
            ),
            ImportError::TooLong { at, chars, limit } => format!(
                "{}：文字长达 {chars} 字，超过 {limit} 字的上限，可能粘贴了整篇文档。请在导出方精简后重新导出",
                location(at)
            ),
            ImportError::TooMany { at, count, limit } => format!(
                "{}：共有 {count} 项，超过 {limit} 项的上限，不像是正常的填报数据。{USE_ORIGINAL}",
                location(at)
            ),
            ImportError::InvalidTemplate(e) => format!(
                "年度方案中的方案模板有误（{}）。请联系党组办公室重新下发",
                crate::i18n::scoring::zh::template(e)
            ),
            ImportError::PlanMismatch { file_id, file_version, local_id, local_version } => format!(
                "文件是按方案“{file_id}（{file_version} 版）”填写的，而本应用当前使用方案“{local_id}（{local_version} 版）”，两者不是同一个方案，无法导入。请先导入对应的年度方案，或确认选对了文件"
            ),
            ImportError::InReceivedFile { index, file_name, error } => format!(
                "汇总工作区中的第 {} 个科室文件（{file_name}）无法读取：{}",
                index + 1,
                import(error)
            ),
        }
    }

    fn date_field(field: &str) -> &'static str {
        match field {
            "due" => "完成时限",
            "done" => "完成日期",
            _ => "发生日期",
        }
    }

    pub fn field(e: &FieldError) -> String {
        let (min, max) = years();
        match &e.problem {
            FieldProblem::Required => match e.field {
                "unit" => "请填写单位名称".into(),
                "department" => "请填写科室/直属单位".into(),
                "filled_by" => "请填写填报人".into(),
                "name" => "请填写姓名".into(),
                "id" => "缺少人员标识".into(),
                _ => "请填写此项".into(),
            },
            FieldProblem::YearOutOfRange { year } => {
                format!("评估年度 {year} 无效，应在 {min} 到 {max} 之间")
            }
            FieldProblem::ResponseDoesNotFit { response: r } => {
                format!("“{}”不适用于此类检查项", response(*r))
            }
            FieldProblem::ReasonRequired { response: r } => {
                format!("选择“{}”时必须填写原因", response(*r))
            }
            FieldProblem::OccurredNoteRequired => "红线情形“已发生”必须说明具体情况".into(),
            FieldProblem::OccurredDateRequired => "红线情形“已发生”必须填写发生日期".into(),
            FieldProblem::AfterToday { date } => {
                format!("{} {date} 晚于今天，请核对", date_field(e.field))
            }
            FieldProblem::DateOutOfRange { date } => {
                format!("{} {date} 不在 {min} 至 {max} 年之间", date_field(e.field))
            }
            FieldProblem::ScoreOutOfRange { score } => {
                format!("分数 {score} 超出范围，请填写 0 到 100 之间的分数")
            }
            FieldProblem::PeerRaterRequired => "互评须填写评价人姓名".into(),
            FieldProblem::DuplicateId { id } => format!("人员标识 {id} 重复"),
            FieldProblem::DuplicateName { name } => {
                format!("姓名“{name}”重复；同名人员请加以区分（如“{name}（办公室）”）")
            }
        }
    }

    pub fn checksum(c: &ChecksumStatus) -> Option<&'static str> {
        match c {
            ChecksumStatus::Valid => None,
            ChecksumStatus::Mismatch { .. } => Some("文件内容与导出时的校验值不一致：文件在导出后被修改过或已损坏。确认内容无误后才可继续导入"),
            ChecksumStatus::Missing => Some("文件没有校验值，无法确认导出后是否被修改过。确认内容无误后才可继续导入"),
        }
    }

    fn header_field(f: HeaderField) -> &'static str {
        match f {
            HeaderField::Unit => "单位",
            HeaderField::Department => "科室",
            HeaderField::Year => "年度",
        }
    }

    pub fn warning(w: &ImportWarning) -> String {
        match w {
            ImportWarning::UnknownField { path } => {
                format!("文件中的字段 {path} 本应用不认识，已原样保留（可能来自更新版本的应用）")
            }
            ImportWarning::HeaderDisagrees {
                field,
                header,
                content,
            } => format!(
                "文件头的{}是“{header}”，内容中是“{content}”，以内容为准",
                header_field(*field)
            ),
            ImportWarning::ResponseDoesNotFit {
                item_id,
                response: r,
            } => {
                format!(
                    "检查项 {item_id} 的答复“{}”不适用于此类检查项，请核对",
                    response(*r)
                )
            }
        }
    }

    pub fn template_match(m: &TemplateMatch) -> Option<String> {
        if m.is_exact() {
            return None;
        }
        let mut out = if m.file.version == m.local.version {
            format!(
                "文件所用方案（{} 版）与本机的方案版本号相同但内容不同",
                m.file.version
            )
        } else {
            format!(
                "文件按方案 {} 版填写，本机使用 {} 版",
                m.file.version, m.local.version
            )
        };
        let mut items: Vec<String> = Vec::new();
        items.extend(m.changed.iter().map(|id| format!("{id} 原文或分值不同")));
        items.extend(m.only_in_file.iter().map(|id| format!("{id} 本机没有")));
        items.extend(
            m.only_local
                .iter()
                .map(|id| format!("{id} 文件所用方案没有")),
        );
        if !items.is_empty() {
            out.push_str(&format!("：{}", items.join("、")));
        } else if m.items_agree() {
            out.push_str("，各检查项相同");
        }
        if !m.unknown_items.is_empty() {
            out.push_str(&format!(
                "；文件中有 {} 项本方案没有的检查项的答复（{}），将单独保留",
                m.unknown_items.len(),
                m.unknown_items.join("、")
            ));
        }
        if !m.missing_items.is_empty() {
            out.push_str(&format!(
                "；本方案有 {} 项在文件中没有答复",
                m.missing_items.len()
            ));
        }
        Some(out)
    }

    fn department(key: &zrz_domain::record::DepartmentKey) -> String {
        let year = if key.year == 0 {
            "未填年度".to_string()
        } else {
            format!("{} 年度", key.year)
        };
        let name = |s: &str, empty: &str| {
            if s.trim().is_empty() {
                empty.to_string()
            } else {
                s.trim().to_string()
            }
        };
        format!(
            "{} {} {year}",
            name(&key.unit, "未填单位"),
            name(&key.department, "未填科室")
        )
    }

    pub fn merge(e: &MergeError) -> String {
        use zrz_domain::record::Relation;
        match e {
            MergeError::Undecided { entries } => {
                let names: Vec<String> = entries.iter().take(5).map(record).collect();
                let more = if entries.len() > 5 { " 等" } else { "" };
                format!("还有 {} 处冲突没有选择（{}{more}），请逐项选择保留哪一方后再合并", entries.len(), names.join("、"))
            }
            MergeError::LocalChanged => "预览之后本地数据又有修改，请重新预览合并".into(),
            MergeError::Sanitized => "这是脱敏文件，姓名和文字说明已被清空，不能合并到本地数据，只能查看。请向对方索取未脱敏的原始文件".into(),
            MergeError::NotMergeable(k) => format!("“{}”文件不能合并。{}", kind(*k), where_to_import(*k)),
            MergeError::OtherDepartment { relation, local, incoming } => {
                let what = match relation {
                    Relation::OtherUnit => "另一个单位",
                    Relation::OtherDepartment => "另一个科室",
                    Relation::OtherYear => "另一个年度",
                    Relation::LocalEmpty => "本机尚未填写单位和科室时收到的",
                    Relation::SameDepartment => "同一科室",
                };
                format!(
                    "文件是{what}的数据（{}），本机是（{}），不能合并到一起。请确认选对了文件；党组办公室汇总各科室文件请在“汇总”页导入",
                    department(incoming),
                    department(local)
                )
            }
            MergeError::Internal(e) => format!("合并结果无法读取（{e}）。这是本应用的错误，请导出备份并联系管理员"),
        }
    }

    pub fn receive(e: &ReceiveError) -> String {
        match e {
            ReceiveError::Unreadable(e) => import(e),
            ReceiveError::NotAnAssessment(k) => format!(
                "这是一个“{}”文件，汇总只接收科室自评文件。{}",
                kind(*k),
                where_to_import(*k)
            ),
        }
    }

    pub fn encrypted(e: &EncryptedError) -> String {
        match e {
            EncryptedError::NotEncrypted => "不是加密文件".into(),
            EncryptedError::Unsupported(what) => {
                let what = match what {
                    Unsupported::FormatVersion(v) => format!("加密格式第 {v} 版"),
                    Unsupported::Kdf { name, hash } => format!("密钥派生 {name}-{hash}"),
                    Unsupported::Cipher { name, key_bits } => format!("加密算法 {name}-{key_bits}"),
                    Unsupported::Iterations(n) => format!("迭代次数 {n}"),
                };
                format!("此加密文件使用了本应用不支持的设置（{what}），可能来自更新版本的应用。请更新本应用后再导入")
            }
            EncryptedError::Damaged(what) => {
                let what = match what {
                    Damage::Structure(e) => format!("结构不完整：{e}"),
                    Damage::NotBase64(member) => format!("{member} 不是有效的 Base64"),
                    Damage::WrongLength => "salt 或 iv 长度不对".into(),
                    Damage::TooShort => "密文过短".into(),
                };
                format!("加密文件已损坏（{what}）。请重新拷贝，或请对方重新导出")
            }
        }
    }

    #[cfg(feature = "full")]
    pub fn crypto(e: &CryptoFault) -> String {
        match e {
            CryptoFault::Unavailable => "此浏览器不支持加密功能（WebCrypto）。请使用新版 Chrome、Edge 或 Firefox，并通过 http(s) 地址打开本应用".into(),
            CryptoFault::WrongPassphrase => "口令不正确，或文件在加密后被修改过。请核对口令（注意大小写和输入法）后重试".into(),
            CryptoFault::File(e) => encrypted(e),
            CryptoFault::Other(e) => format!("加密处理失败：{e}"),
        }
    }

    pub fn state(e: &StateError) -> String {
        match e {
            StateError::NotJson(e) => format!("本地数据不是有效的 JSON：{e}"),
            StateError::NotOurs => "本地数据不是本应用的格式".into(),
            StateError::TooNew { found, supported } => format!("本地数据由更新版本的应用写入（数据版本 {found}，本应用支持到 {supported}），为避免损坏数据，本页只读"),
            StateError::MigrationFailed { from, reason } => format!(
                "本地数据（数据版本 {from}）无法升级到当前版本：{}。请先导出备份，再联系管理员",
                migration(reason)
            ),
            StateError::Invalid(e) => format!("本地数据内容无效：{e}"),
        }
    }
}

mod en {
    use super::*;

    const USE_ORIGINAL: &str =
        "Use the original file as the sender exported it; do not edit it by hand.";

    fn dimension(d: Dimension) -> &'static str {
        (crate::i18n::Lang::En.texts().common.dimension)(d)
    }

    fn response(r: Response) -> &'static str {
        (crate::i18n::Lang::En.texts().common.response)(r)
    }

    fn kind_label(kind: RecordKind) -> &'static str {
        match kind {
            RecordKind::Profile => "Unit details",
            RecordKind::RatingSettings => "Rating settings",
            RecordKind::Answer => "Item",
            RecordKind::Person => "Cadre",
            RecordKind::Rating => "Rating",
            RecordKind::Entry => "Ledger entry",
            RecordKind::Task => "Rectification task",
            RecordKind::Finding => "Finding",
            RecordKind::OfficeReview => "Office's conclusions",
        }
    }

    fn item(item: &ItemRef) -> String {
        match (item.kind, zrz_domain::record::RatingKey::parse(&item.id)) {
            (RecordKind::Rating, Some(key)) => {
                let by = if key.rater.is_empty() {
                    String::new()
                } else {
                    format!(", rater {}", key.rater)
                };
                format!(
                    "Rating (cadre {}, {}, {}{by})",
                    key.person_id,
                    dimension(key.dimension),
                    (crate::i18n::Lang::En.texts().common.role)(key.role)
                )
            }
            (kind, _) if kind.is_single() => kind_label(kind).to_string(),
            (kind, _) => format!("{} {}", kind_label(kind), item.id),
        }
    }

    pub fn record(key: &RecordKey) -> String {
        match key.kind {
            RecordKind::Profile => format!("Unit details: {}", profile_field(&key.id)),
            RecordKind::RatingSettings | RecordKind::OfficeReview => {
                kind_label(key.kind).to_string()
            }
            kind => item(&ItemRef {
                kind,
                id: key.id.clone(),
            }),
        }
    }

    fn profile_field(field: &str) -> &str {
        match field {
            "unit" => "unit",
            "department" => "department or directly affiliated unit",
            "filled_by" => "filled in by",
            "year" => "year assessed",
            other => other,
        }
    }

    pub(super) fn location(l: &Location) -> String {
        let mut parts = Vec::new();
        if let Some(line) = l.line {
            match l.column {
                Some(column) => parts.push(format!("line {line}, column {column}")),
                None => parts.push(format!("line {line}")),
            }
        }
        if let Some(i) = &l.item {
            parts.push(item(i));
        }
        if let Some(path) = &l.path {
            if path.is_empty() {
                parts.push("the top of the file".into());
            } else {
                parts.push(format!("field {path}"));
            }
        }
        if parts.is_empty() {
            "The file".into()
        } else {
            let text = parts.join(", ");
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => text,
            }
        }
    }

    fn json_type(t: JsonType) -> &'static str {
        match t {
            JsonType::Array => "an array",
            JsonType::String => "a string",
            JsonType::Number => "a number",
            JsonType::Constant => "a constant",
        }
    }

    fn looks_like(l: &LooksLike) -> String {
        match l {
            LooksLike::PlainText => "the content is plain text, not JSON. Choose a .json file exported by this app.".into(),
            LooksLike::NotAnObject(what) => format!("the content is {} in JSON, while this app's files are JSON objects with a header.", json_type(*what)),
            LooksLike::StateRecord => "this is the data record the browser keeps internally, not an exported file. Make a backup file with \"Export backup\" in this app.".into(),
            LooksLike::TemplateFile => "this is the plan template file itself, not an exchange file. To update the plan, import the \"annual plan\" file sent by the Party group office.".into(),
            LooksLike::BareAssessment => "the content looks like self-check data but lacks the header (format, format_version …); it may have been put together by hand. Use the original file made by \"Export self-check\" in this app.".into(),
            LooksLike::OtherFormat(name) => format!("this is another program's file (format \"{name}\"). Choose a file exported by this app."),
            LooksLike::UnknownObject(keys) if keys.is_empty() => "this is an empty JSON object. Choose a file exported by this app.".into(),
            LooksLike::UnknownObject(keys) => format!("this is another program's JSON file (with fields such as {}). Choose a file exported by this app.", keys.join(", ")),
        }
    }

    fn syntax(p: &SyntaxProblem) -> &str {
        match p {
            SyntaxProblem::ExpectedValue => "a value is expected here",
            SyntaxProblem::ExpectedCommaOrBrace => "a comma or a closing brace } is missing",
            SyntaxProblem::ExpectedCommaOrBracket => "a comma or a closing bracket ] is missing",
            SyntaxProblem::ExpectedColon => "a colon is missing after a key",
            SyntaxProblem::TrailingComma => "there is one comma too many",
            SyntaxProblem::KeyMustBeString => "keys must be text in double quotes",
            SyntaxProblem::TrailingCharacters => "the JSON has ended but more follows",
            SyntaxProblem::InvalidEscape => "an escape after a backslash \\ is wrong",
            SyntaxProblem::InvalidNumber => "a number is written wrongly",
            SyntaxProblem::NumberOutOfRange => "a number is out of range",
            SyntaxProblem::ExpectedIdent => "true, false or null is misspelt",
            SyntaxProblem::ControlCharacter => {
                "a text holds an unescaped control character (such as a line break)"
            }
            SyntaxProblem::EndOfFile => "the file ends unexpectedly",
            SyntaxProblem::Other(message) => message,
        }
    }

    /// serde's English type descriptions in plain words: "a boolean" → "yes/no (true or false)".
    fn type_words(serde: &str) -> String {
        let names: &[(&str, &str)] = &[
            ("a boolean", "yes/no (true or false)"),
            ("boolean", "yes/no"),
            ("a string", "text"),
            ("string", "text"),
            ("a sequence", "a list [...]"),
            ("sequence", "a list"),
            ("a map", "an object {...}"),
            ("map", "an object"),
            ("struct ", "an object {...}"),
            ("a formatted date string", "a date"),
            ("a formatted date and time string", "a time"),
            ("an RFC 3339 formatted date and time string", "a time"),
            ("integer", "a whole number"),
            ("i32", "a whole number"),
            ("u32", "a non-negative whole number"),
            ("u64", "a non-negative whole number"),
            ("f64", "a number"),
            ("floating point", "a number"),
            ("null", "null (empty)"),
            ("unit value", "null (empty)"),
        ];
        match names.iter().find(|(en, _)| serde.starts_with(en)) {
            Some((en, words)) => format!("{words}{}", &serde[en.len()..])
                .trim_end()
                .to_string(),
            None => serde.to_string(),
        }
    }

    fn value(p: &ValueProblem) -> String {
        let (min, max) = years();
        match p {
            ValueProblem::MissingField { field } => {
                format!("the required field {field} is missing")
            }
            ValueProblem::UnknownVariant { found, expected } => {
                format!(
                    "the value \"{found}\" is not valid; it should be {}",
                    expected.join(", ")
                )
            }
            ValueProblem::WrongType { expected, found } => format!(
                "wrong type: expected {}, found {}",
                type_words(expected),
                type_words(found)
            ),
            ValueProblem::DateSyntax => {
                "a date or time is written wrongly; write it like 2025-03-14 or 2025-03-14T08:30:00Z"
                    .into()
            }
            ValueProblem::Serde { message } => format!("the value is not valid ({message})"),
            ValueProblem::YearOutOfRange { year } => {
                format!("the year assessed {year} is not valid; it should be between {min} and {max}")
            }
            ValueProblem::BadItemId => format!(
                "an item id should have 1 to {} characters",
                zrz_exchange::MAX_ID_CHARS
            ),
            ValueProblem::BadRecordId => format!(
                "an id should have 1 to {} characters (other records find this one by it)",
                zrz_exchange::MAX_ID_CHARS
            ),
            ValueProblem::UnknownResponse { found } => format!(
                "the response \"{found}\" is not valid; it should be one of {}",
                responses(response, " (", ")").join(", ")
            ),
            ValueProblem::BadDate { text } => {
                format!("the date \"{text}\" is not valid; it should be a real date written YYYY-MM-DD")
            }
            ValueProblem::DateOutOfRange { date } => {
                format!("the date {date} is not between the years {min} and {max}")
            }
            ValueProblem::BadTimestamp { text } => format!(
                "the time \"{text}\" is not valid; it should be RFC 3339, like 2025-03-14T08:30:00Z"
            ),
            ValueProblem::ScoreOutOfRange { score } => {
                format!("the score {score} is out of range; it should be between 0 and 100")
            }
            ValueProblem::RatingSettings(p) => format!(
                "the rating settings are wrong: {}",
                crate::i18n::scoring::en::settings(p)
            ),
            ValueProblem::StateTooNew { found, supported } => format!(
                "the data record in the backup is version {found}, and this app supports up to version {supported}; update this app first"
            ),
            ValueProblem::NotAStateRecord(e) => {
                format!("the backup's content is not this app's data record ({})", state(e))
            }
        }
    }

    fn envelope(p: &EnvelopeProblem) -> String {
        match p {
            EnvelopeProblem::Missing => "is missing".into(),
            EnvelopeProblem::NotPositiveInteger { found } => {
                format!("should be a positive whole number, but is {found}")
            }
            EnvelopeProblem::NoContent => "is missing: the file holds no data".into(),
            EnvelopeProblem::UnknownKind { found } => format!(
                "is \"{found}\", but should be one of {}",
                kind_keys().join(", ")
            ),
            EnvelopeProblem::Invalid(problem) => format!("is wrong: {}", value(problem)),
        }
    }

    fn migration(r: &MigrationReason) -> String {
        match r {
            MigrationReason::NotAnObject { at } => {
                let at = match *at {
                    "file" => "the file",
                    "assessment" => "the self-check content",
                    other => other,
                };
                format!("{at} is not a JSON object")
            }
            MigrationReason::MissingContent => "the file has no content".into(),
            MigrationReason::UnknownKind { version, kind } => {
                format!("files of version {version} have no content of kind \"{kind}\"")
            }
            MigrationReason::NoStep { from } => {
                format!("there is no way to upgrade from version {from}")
            }
            MigrationReason::NotAnObjectAfter => "the upgraded content is not a JSON object".into(),
            MigrationReason::NoState => "the data record has no state".into(),
            MigrationReason::StateRecord { from, reason } => format!(
                "the data record in the backup (data version {from}) cannot be upgraded: {}",
                migration(reason)
            ),
        }
    }

    pub fn kind(k: Kind) -> &'static str {
        match k {
            Kind::Assessment => "department self-check",
            Kind::AnnualPlan => "annual plan",
            Kind::Backup => "backup",
            Kind::Findings => "findings",
            Kind::Workspace => "consolidation workspace",
        }
    }

    fn where_to_import(k: Kind) -> &'static str {
        match k {
            Kind::Assessment => "A department self-check file is imported on the Import/Export page, which first shows a preview of the merge, item by item.",
            Kind::AnnualPlan => "An annual plan is imported on the Import/Export page; it updates the plan and keeps every answer.",
            Kind::Backup => "A backup is imported on the Import/Export page; it restores all data after you confirm.",
            Kind::Findings => "A department imports the findings sent back by the Party group office on the Rectification page.",
            Kind::Workspace => "The Party group office imports a consolidation workspace on the Consolidation page, which first lists each department's files before merging.",
        }
    }

    pub fn import(e: &ImportError) -> String {
        match e {
            ImportError::TooLarge { size: s, limit } => format!(
                "The file is too large ({}), over the limit of {} MB, and was not read. Files exported by this app are usually under 1 MB; make sure you chose a .json file exported by this app.",
                size(*s),
                limit / (1024 * 1024)
            ),
            ImportError::Empty => "The file is empty. Export it again, or make sure it was not damaged when copied.".into(),
            ImportError::NotUtf8 { line, byte_offset, encoding: Some(Encoding::Utf16) } => format!(
                "The file is encoded in UTF-16 (Notepad's \"Unicode\") and cannot be read as UTF-8 from line {line} (byte {byte_offset}). Use the original exported file, or open it in Notepad, choose \"Save as\" and pick the UTF-8 encoding."
            ),
            ImportError::NotUtf8 { line, byte_offset, encoding: Some(guess) } => format!(
                "From line {line} (byte {byte_offset}) the file is not UTF-8; it looks like {}, perhaps saved as ANSI by Notepad or WPS. Use the original exported file, or open it in Notepad, choose \"Save as\" and pick the UTF-8 encoding.",
                guess.name()
            ),
            ImportError::NotUtf8 { line, byte_offset, encoding: None } => format!(
                "From line {line} (byte {byte_offset}) the file is not UTF-8 text; it may not be a JSON file, or it is damaged. Choose a .json file exported by this app."
            ),
            ImportError::NotJson { line, column, truncated: true, .. } => format!(
                "The file is incomplete: it ends unexpectedly at line {line}, column {column}, perhaps cut off while downloading or copying. Copy it again, or ask the sender to export it again."
            ),
            ImportError::NotJson { line, column, problem, truncated: false } => format!(
                "The file is not valid JSON: there is a syntax error near line {line}, column {column} ({}). {USE_ORIGINAL}",
                syntax(problem)
            ),
            ImportError::TooDeep { at, limit } => format!(
                "{}: the data is nested more than {limit} levels deep, which is not this app's data structure. {USE_ORIGINAL}",
                location(at)
            ),
            ImportError::DuplicateId { at, id } => format!(
                "{}: the id \"{id}\" appears twice, so it cannot be told which one stands. {USE_ORIGINAL} Or delete the repeated one and import again.",
                location(at)
            ),
            ImportError::NotOurFormat { looks_like: l @ LooksLike::PlainText } => {
                format!("This is not a file exported by this app: {}", looks_like(l))
            }
            ImportError::NotOurFormat { looks_like: l } => {
                format!("This is not an exchange file of this app: {}", looks_like(l))
            }
            ImportError::BadEnvelope { field, problem } => format!(
                "The header field {field} {}. The file may have been changed by hand. {USE_ORIGINAL}",
                envelope(problem)
            ),
            ImportError::TooNew { found, supported, app_version } => {
                let by = app_version.as_ref().map(|v| format!(", exported by app version {v}")).unwrap_or_default();
                format!(
                    "This file was exported by a newer version of the app (file format version {found}{by}); this app reads up to version {supported}. Update this app first (reload the page, or ask the Party group office for the new version), then import it."
                )
            }
            ImportError::MigrationFailed { from, to, reason } => format!(
                "This file is in format version {from}, and upgrading it to version {to} failed: {}. Ask the sender to export it again with the new version of the app.",
                migration(reason)
            ),
            ImportError::WrongKind { expected, found } => format!(
                "This is a file of the kind \"{}\", not \"{}\". {}",
                kind(*found),
                kind(*expected),
                where_to_import(*found)
            ),
            ImportError::InvalidValue { at, problem } => format!(
                "{}: {}. Correct it in the sender's app and export again.",
                location(at),
                value(problem)
            ),
            ImportError::TooLong { at, chars, limit } => format!(
                "{}: a text of {chars} characters, over the limit of {limit}; perhaps a whole document was pasted. Shorten it at the sender's and export again.",
                location(at)
            ),
            ImportError::TooMany { at, count, limit } => format!(
                "{}: {count} entries, over the limit of {limit}, which does not look like ordinary data. {USE_ORIGINAL}",
                location(at)
            ),
            ImportError::InvalidTemplate(e) => format!(
                "The plan template in the annual plan is wrong (at {}). Ask the Party group office to send it again.",
                crate::i18n::scoring::en::template(e)
            ),
            ImportError::PlanMismatch { file_id, file_version, local_id, local_version } => format!(
                "The file was filled in for the plan \"{file_id}\" (version {file_version}), while this app uses the plan \"{local_id}\" (version {local_version}). They are not the same plan, so the file cannot be imported. Import the matching annual plan first, or make sure you chose the right file."
            ),
            ImportError::InReceivedFile { index, file_name, error } => format!(
                "Department file no. {} of the consolidation workspace ({file_name}) cannot be read: {}",
                index + 1,
                import(error)
            ),
        }
    }

    fn date_field(field: &str) -> &'static str {
        match field {
            "due" => "The deadline",
            "done" => "The completion date",
            _ => "The date it occurred",
        }
    }

    pub fn field(e: &FieldError) -> String {
        let (min, max) = years();
        match &e.problem {
            FieldProblem::Required => match e.field {
                "unit" => "Enter the unit.".into(),
                "department" => "Enter the department or directly affiliated unit.".into(),
                "filled_by" => "Enter who fills this in.".into(),
                "name" => "Enter the name.".into(),
                "id" => "A cadre has no id.".into(),
                _ => "Fill this in.".into(),
            },
            FieldProblem::YearOutOfRange { year } => {
                format!("The year {year} is not valid; it should be between {min} and {max}.")
            }
            FieldProblem::ResponseDoesNotFit { response: r } => {
                format!("\"{}\" does not apply to this kind of item.", response(*r))
            }
            FieldProblem::ReasonRequired { response: r } => {
                format!("With \"{}\", a reason must be given.", response(*r))
            }
            FieldProblem::OccurredNoteRequired => {
                "An accountability case that occurred needs a description of what happened.".into()
            }
            FieldProblem::OccurredDateRequired => {
                "An accountability case that occurred needs the date it occurred.".into()
            }
            FieldProblem::AfterToday { date } => {
                format!("{} ({date}) is later than today; please check it.", date_field(e.field))
            }
            FieldProblem::DateOutOfRange { date } => format!(
                "{} ({date}) is not between the years {min} and {max}.",
                date_field(e.field)
            ),
            FieldProblem::ScoreOutOfRange { score } => {
                format!("The score {score} is out of range; enter a score from 0 to 100.")
            }
            FieldProblem::PeerRaterRequired => "A peer rating needs the rater's name.".into(),
            FieldProblem::DuplicateId { id } => format!("The cadre id {id} appears twice."),
            FieldProblem::DuplicateName { name } => format!(
                "The name {name} appears twice; tell people of the same name apart (for example \"{name} (office)\")."
            ),
        }
    }

    pub fn checksum(c: &ChecksumStatus) -> Option<&'static str> {
        match c {
            ChecksumStatus::Valid => None,
            ChecksumStatus::Mismatch { .. } => Some("The file's content does not match the checksum it was exported with: it was changed after export, or it is damaged. Continue the import only after confirming that the content is right."),
            ChecksumStatus::Missing => Some("The file has no checksum, so it cannot be confirmed that it was not changed after export. Continue the import only after confirming that the content is right."),
        }
    }

    fn header_field(f: HeaderField) -> &'static str {
        match f {
            HeaderField::Unit => "unit",
            HeaderField::Department => "department",
            HeaderField::Year => "year",
        }
    }

    pub fn warning(w: &ImportWarning) -> String {
        match w {
            ImportWarning::UnknownField { path } => format!(
                "This app does not know the field {path} of the file; it was kept as it is (it may come from a newer version of the app)."
            ),
            ImportWarning::HeaderDisagrees {
                field,
                header,
                content,
            } => format!(
                "The header's {} is \"{header}\" and the content's is \"{content}\"; the content's stands.",
                header_field(*field)
            ),
            ImportWarning::ResponseDoesNotFit { item_id, response: r } => format!(
                "The response \"{}\" of item {item_id} does not apply to this kind of item; please check it.",
                response(*r)
            ),
        }
    }

    pub fn template_match(m: &TemplateMatch) -> Option<String> {
        if m.is_exact() {
            return None;
        }
        let mut out = if m.file.version == m.local.version {
            format!(
                "The file's plan (version {}) has the same version number as this computer's but differs in content",
                m.file.version
            )
        } else {
            format!(
                "The file was filled in for version {} of the plan; this computer uses version {}",
                m.file.version, m.local.version
            )
        };
        let mut items: Vec<String> = Vec::new();
        items.extend(
            m.changed
                .iter()
                .map(|id| format!("{id} differs in text or points")),
        );
        items.extend(m.only_in_file.iter().map(|id| format!("{id} is not here")));
        items.extend(
            m.only_local
                .iter()
                .map(|id| format!("{id} is not in the file's plan")),
        );
        if !items.is_empty() {
            out.push_str(&format!(": {}", items.join(", ")));
        } else if m.items_agree() {
            out.push_str(", with every item the same");
        }
        if !m.unknown_items.is_empty() {
            out.push_str(&format!(
                "; the file answers {} items this plan does not have ({}), which are kept aside",
                m.unknown_items.len(),
                m.unknown_items.join(", ")
            ));
        }
        if !m.missing_items.is_empty() {
            out.push_str(&format!(
                "; {} items of this plan have no answer in the file",
                m.missing_items.len()
            ));
        }
        out.push('.');
        Some(out)
    }

    fn department(key: &zrz_domain::record::DepartmentKey) -> String {
        let year = if key.year == 0 {
            "no year".to_string()
        } else {
            key.year.to_string()
        };
        let name = |s: &str, empty: &str| {
            if s.trim().is_empty() {
                empty.to_string()
            } else {
                s.trim().to_string()
            }
        };
        format!(
            "{}, {}, {year}",
            name(&key.unit, "no unit"),
            name(&key.department, "no department")
        )
    }

    pub fn merge(e: &MergeError) -> String {
        use zrz_domain::record::Relation;
        match e {
            MergeError::Undecided { entries } => {
                let names: Vec<String> = entries.iter().take(5).map(record).collect();
                let more = if entries.len() > 5 { " …" } else { "" };
                format!("Conflicts without a choice: {} ({}{more}). Choose which side to keep for each, then merge.", entries.len(), names.join(", "))
            }
            MergeError::LocalChanged => "The local data changed after the preview. Preview the merge again.".into(),
            MergeError::Sanitized => "This is a sanitised file: its names and texts were blanked, so it cannot be merged into the local data, only viewed. Ask the sender for the original, unsanitised file.".into(),
            MergeError::NotMergeable(k) => format!("A file of the kind \"{}\" does not merge. {}", kind(*k), where_to_import(*k)),
            MergeError::OtherDepartment { relation, local, incoming } => {
                let what = match relation {
                    Relation::OtherUnit => "another unit",
                    Relation::OtherDepartment => "another department",
                    Relation::OtherYear => "another year",
                    Relation::LocalEmpty => "a department received before this computer had its unit and department filled in",
                    Relation::SameDepartment => "the same department",
                };
                format!(
                    "The file holds the data of {what} ({}); this computer's is ({}). They cannot be merged. Make sure you chose the right file; the Party group office consolidates departments' files on the Consolidation page.",
                    department(incoming),
                    department(local)
                )
            }
            MergeError::Internal(e) => format!("The merged data cannot be read back ({e}). This is a fault of the app: export a backup and contact the administrator."),
        }
    }

    pub fn receive(e: &ReceiveError) -> String {
        match e {
            ReceiveError::Unreadable(e) => import(e),
            ReceiveError::NotAnAssessment(k) => format!(
                "This is a file of the kind \"{}\"; consolidation takes department self-check files only. {}",
                kind(*k),
                where_to_import(*k)
            ),
        }
    }

    pub fn encrypted(e: &EncryptedError) -> String {
        match e {
            EncryptedError::NotEncrypted => "Not an encrypted file.".into(),
            EncryptedError::Unsupported(what) => {
                let what = match what {
                    Unsupported::FormatVersion(v) => format!("encryption format version {v}"),
                    Unsupported::Kdf { name, hash } => format!("key derivation {name}-{hash}"),
                    Unsupported::Cipher { name, key_bits } => format!("cipher {name}-{key_bits}"),
                    Unsupported::Iterations(n) => format!("{n} iterations"),
                };
                format!("This encrypted file uses a setting this app does not support ({what}); it may come from a newer version of the app. Update this app, then import it.")
            }
            EncryptedError::Damaged(what) => {
                let what = match what {
                    Damage::Structure(e) => format!("incomplete structure: {e}"),
                    Damage::NotBase64(member) => format!("{member} is not valid Base64"),
                    Damage::WrongLength => "salt or iv has the wrong length".into(),
                    Damage::TooShort => "the ciphertext is too short".into(),
                };
                format!("The encrypted file is damaged ({what}). Copy it again, or ask the sender to export it again.")
            }
        }
    }

    #[cfg(feature = "full")]
    pub fn crypto(e: &CryptoFault) -> String {
        match e {
            CryptoFault::Unavailable => "This browser does not support encryption (WebCrypto). Use a recent Chrome, Edge or Firefox, and open the app from an http(s) address.".into(),
            CryptoFault::WrongPassphrase => "The passphrase is wrong, or the file was changed after it was encrypted. Check the passphrase (mind upper and lower case and the input method) and try again.".into(),
            CryptoFault::File(e) => encrypted(e),
            CryptoFault::Other(e) => format!("Encryption failed: {e}"),
        }
    }

    pub fn state(e: &StateError) -> String {
        match e {
            StateError::NotJson(e) => format!("The local data is not valid JSON: {e}"),
            StateError::NotOurs => "The local data is not in this app's format".into(),
            StateError::TooNew { found, supported } => format!("The local data was written by a newer version of the app (data version {found}; this app supports up to {supported}); to avoid damaging it, this page is read only"),
            StateError::MigrationFailed { from, reason } => format!(
                "The local data (data version {from}) cannot be upgraded to the current version: {}. Export a backup first, then contact the administrator",
                migration(reason)
            ),
            StateError::Invalid(e) => format!("The local data is not valid: {e}"),
        }
    }
}

/// A download that could not be offered, as the words the user reads (so that `?` words it).
#[cfg(feature = "full")]
impl From<crate::browser::download::DownloadFault> for String {
    fn from(fault: crate::browser::download::DownloadFault) -> String {
        (super::t().errors.download)(&fault)
    }
}
