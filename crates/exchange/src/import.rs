//! Reading exchange files: a pipeline of small named steps, each with its own errors.
//!
//! `check_size` → `decode_text` → `parse_json` → `parse_envelope` → `check_version` → `migrate` →
//! `verify_checksum` → `validate` → (`import` only) kind check and `check_template`.
//!
//! Only what makes a file unusable is an [`ImportError`]. A checksum that does not match, another
//! version of the template, unknown fields and header/content disagreements are reported on the
//! [`Imported`] result, for the preview screen to show and the user to confirm.
//!
//! **Architecture Invariant:** every step is a pure function of its input. Reading the `File` into
//! bytes is the browser's business; nothing here knows where the bytes came from.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::canonical::checksum;
use super::envelope::{AnnualPlan, Content, EnvelopeIn, Header, Kind, ENVELOPE_KEYS};
use super::error::{ImportError, Location, LooksLike};
use super::migrate::{self, Migration, MIGRATIONS};
use super::path::{
    find_excess, id_string, item_of, path_string, unknown_fields, Excess, ItemRef, Limits, Section,
    Seg,
};
use super::state::{self, StateError, StoredState, STATE_FORMAT};
use super::{
    FORMAT, FORMAT_VERSION, MAX_DEPTH, MAX_ENTRIES, MAX_FILE_BYTES, MAX_ID_CHARS, MAX_STRING_CHARS,
};
use zrz_domain::plan::{Template, TemplateRef};
use zrz_domain::record::RatingValue;
use zrz_domain::record::{Assessment, Response, YEAR_RANGE};
use zrz_domain::scoring::RatingSettings;

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
            || self.template_match.as_ref().is_some_and(|m| !m.is_exact())
    }

    pub fn assessment(&self) -> Option<&Assessment> {
        match &self.content {
            Content::Assessment(a) => Some(a),
            _ => None,
        }
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
    /// A field this version does not know (kept out of the result, e.g. from a newer app).
    UnknownField { path: String },
    /// The header names another unit, department or year than the content's profile.
    HeaderDisagrees {
        field: &'static str,
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
                    "文件中的字段 {path} 本应用不认识，已忽略（可能来自更新版本的应用）"
                )
            }
            ImportWarning::HeaderDisagrees {
                field,
                header,
                content,
            } => {
                write!(
                    f,
                    "文件头的{field}是“{header}”，内容中是“{content}”，以内容为准"
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

/// How the file's template compares with the local one. Only a different plan id is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateMatch {
    pub file: TemplateRef,
    pub local: TemplateRef,
    /// Answered in the file, but not items of the local template (kept aside, never deleted).
    pub unknown_items: Vec<String>,
    /// Items of the local template the file has no answer for.
    pub missing_items: Vec<String>,
}

impl TemplateMatch {
    /// Same id, version and content hash.
    pub fn is_exact(&self) -> bool {
        self.file == self.local
    }

    /// A sentence for the preview screen; `None` when the templates are the same.
    pub fn describe(&self) -> Option<String> {
        if self.is_exact() {
            return None;
        }
        let what = if self.file.version == self.local.version {
            format!(
                "文件所用方案（{} 版）与本应用的方案版本号相同但内容不同",
                self.file.version
            )
        } else {
            format!(
                "文件按方案 {} 版填写，本应用使用 {} 版",
                self.file.version, self.local.version
            )
        };
        let mut out = what;
        if !self.unknown_items.is_empty() {
            out.push_str(&format!(
                "；文件中有 {} 项本方案没有的检查项（{}），将单独保留",
                self.unknown_items.len(),
                self.unknown_items.join("、")
            ));
        }
        if !self.missing_items.is_empty() {
            out.push_str(&format!(
                "；本方案有 {} 项在文件中没有答复",
                self.missing_items.len()
            ));
        }
        Some(out)
    }
}

// ---------------------------------------------------------------------------------------------------
// The pipeline.

/// Everything up to and including `validate`, without a template: what `verify_export` uses.
pub fn read_file(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = decode_text(check_size(bytes)?)?;
    let file = migrate(check_version(parse_envelope(parse_json(text)?)?)?)?;
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
    let text = decode_text(check_size(bytes)?)?;
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

/// Step 1: refuse anything over [`MAX_FILE_BYTES`] before looking at it.
pub fn check_size(bytes: &[u8]) -> Result<&[u8], ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Step 2: bytes to text. A UTF-8 byte-order mark (Notepad writes one) is skipped; UTF-16 and GBK
/// text (Notepad's "Unicode" and "ANSI" on Chinese Windows) get their own messages.
pub fn decode_text(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || looks_like_utf16(bytes) {
        return Err(ImportError::NotUtf8 {
            line: 1,
            byte_offset: 0,
            encoding: Some("UTF-16"),
        });
    }
    let skip = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let text = std::str::from_utf8(&bytes[skip..]).map_err(|e| {
        let offset = skip + e.valid_up_to();
        let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
        let encoding = looks_like_gbk(&bytes[offset..]).then_some("GBK/GB18030");
        ImportError::NotUtf8 {
            line,
            byte_offset: offset,
            encoding,
        }
    })?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(text)
}

/// UTF-16 without a byte-order mark: ASCII JSON with a zero byte after (LE) or before (BE) every
/// character, at least in the first 64 bytes.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 4 {
        return false;
    }
    let pairs = head.chunks_exact(2);
    let le = pairs.clone().filter(|p| p[0] != 0 && p[1] == 0).count();
    let be = pairs.filter(|p| p[0] == 0 && p[1] != 0).count();
    le.max(be) * 10 >= head.len() / 2 * 9
}

/// Every non-ASCII byte starts a valid GBK double-byte pair (lead 0x81–0xFE, trail 0x40–0xFE except
/// 0x7F). Plain Chinese text in GBK passes; random binary rarely does.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let mut i = 0;
    let mut pairs = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if (0x81..=0xFE).contains(&b) && (0x40..=0xFE).contains(&t) && t != 0x7F => {
                pairs += 1;
                i += 2;
            }
            _ => return false,
        }
    }
    pairs > 0
}

/// Step 3: text to JSON, with line and column (in characters) on failure, and a check that no object
/// has the same key twice (serde_json would silently keep the last).
pub fn parse_json(text: &str) -> Result<Value, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), char_column(text, e.line(), e.column()));
        let message = e.to_string();
        if message.contains("recursion limit exceeded") {
            return ImportError::TooDeep {
                at: Location::text(line, column).boxed(),
                limit: MAX_DEPTH,
            };
        }
        let detail = message.split(" at line ").next().unwrap_or(&message);
        ImportError::NotJson {
            line,
            column,
            detail: explain_syntax(detail),
            truncated: e.is_eof(),
        }
    })?;
    if let Some((segs, key, line, column)) = find_duplicate_key(text) {
        let mut path = segs;
        path.push(Seg::Key(key.clone()));
        let at = Location {
            line: Some(line),
            column: Some(char_column(text, line, column)),
            path: Some(path_string(&path)),
            item: item_of(&path, Some(&value)),
        };
        return Err(ImportError::DuplicateId {
            at: at.boxed(),
            id: key,
        });
    }
    Ok(value)
}

/// serde_json's syntax messages in Chinese; rare ones stay as they are.
fn explain_syntax(detail: &str) -> String {
    let known: &[(&str, &str)] = &[
        ("expected value", "此处应有一个值"),
        ("expected `,` or `}`", "缺少逗号或右花括号 }"),
        ("expected `,` or `]`", "缺少逗号或右方括号 ]"),
        ("expected `:`", "键后面缺少冒号"),
        ("trailing comma", "多了一个逗号"),
        ("key must be a string", "键必须是带双引号的文字"),
        ("trailing characters", "JSON 已经结束，后面还有多余内容"),
        ("invalid escape", "反斜杠 \\ 后的转义写法不对"),
        ("invalid number", "数字写法不对"),
        ("number out of range", "数字超出范围"),
        ("expected ident", "true、false 或 null 拼写不对"),
    ];
    match known.iter().find(|(en, _)| detail.starts_with(en)) {
        Some((_, zh)) => (*zh).to_string(),
        None if detail.starts_with("control character") => {
            "文字中有未转义的控制字符（如直接换行）".into()
        }
        None => detail.to_string(),
    }
}

/// serde_json counts columns in bytes; editors count characters.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let mut end = byte_column.min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    line_text[..end].chars().count().max(1)
}

/// Step 4: is this one of our files? Returns the raw envelope with its format version and the
/// checksum of its content as written (taken before any migration, which is what the sender summed).
pub fn parse_envelope(value: Value) -> Result<RawFile, ImportError> {
    let Value::Object(map) = &value else {
        let what = match value {
            Value::Array(_) => "数组",
            Value::String(_) => "字符串",
            Value::Number(_) => "数字",
            _ => "常量",
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
        None => return Err(bad_envelope("format_version", "缺失")),
        Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n >= 1 => n,
            _ => {
                return Err(bad_envelope(
                    "format_version",
                    &format!("应为正整数，实为 {v}"),
                ))
            }
        },
    };
    let content_checksum = match map.get("content") {
        Some(content) => checksum(content),
        None => return Err(bad_envelope("content", "缺失：文件里没有数据")),
    };
    Ok(RawFile {
        format_version,
        value,
        content_checksum,
    })
}

fn bad_envelope(field: &str, problem: &str) -> ImportError {
    ImportError::BadEnvelope {
        field: field.into(),
        problem: problem.into(),
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
    fn kind(&self) -> Option<Kind> {
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

/// serde's English messages, in words office staff can act on.
fn explain(message: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or_default().to_string();
    if message.starts_with("missing field") {
        format!("缺少必填字段 {}", quoted(message))
    } else if message.starts_with("unknown variant") {
        let choices = message
            .split("expected ")
            .nth(1)
            .unwrap_or_default()
            .replace('`', "");
        format!("取值“{}”无效，应为 {choices}", quoted(message))
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        format!(
            "类型不对：应为{}，实为{}",
            type_name(expected),
            type_name(found)
        )
    } else if [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "trailing input",
        "input is not enough",
    ]
    .iter()
    .any(|m| message.starts_with(m))
    {
        "日期或时间写法不对，应为 2025-03-14 或 2025-03-14T08:30:00Z 这样的写法".into()
    } else {
        format!("取值无效（{message}）")
    }
}

/// "a boolean" → "是/否（true 或 false）", "string \"yes\"" → "文字 \"yes\"".
fn type_name(serde: &str) -> String {
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

/// Step 9 (`import` only): compare a 科室自评 with the local template. A different plan id refuses
/// the file; another version or content is reported on the result with the item ids involved.
pub fn check_template(imported: &mut Imported, template: &Template) -> Result<(), ImportError> {
    let Content::Assessment(assessment) = &imported.content else {
        return Ok(());
    };
    let file = imported.header.template.clone();
    let local = template.reference();
    if file.id != local.id {
        return Err(ImportError::PlanMismatch {
            file_plan: format!("{}（{} 版）", file.id, file.version),
            local_plan: format!("{}（{} 版）", local.id, local.version),
        });
    }
    let unknown_items: Vec<String> = assessment
        .orphaned_answers(template)
        .map(str::to_string)
        .collect();
    let missing_items: Vec<String> = template
        .items()
        .filter(|i| !assessment.answers.contains_key(&i.id))
        .map(|i| i.id.clone())
        .collect();
    for item in template.items() {
        if let Some(response) = assessment.answers.get(&item.id).and_then(|a| a.response) {
            if !Response::choices_for(&item.kind).contains(&response) {
                imported.warnings.push(ImportWarning::ResponseDoesNotFit {
                    item_id: item.id.clone(),
                    response,
                });
            }
        }
    }
    imported.template_match = Some(TemplateMatch {
        file,
        local,
        unknown_items,
        missing_items,
    });
    Ok(())
}

// ---------------------------------------------------------------------------------------------------
// Duplicate keys: serde_json keeps the last of two equal keys; we want to refuse instead. One walk
// over the text with a visitor that remembers the path and the first key seen twice.

type DuplicateFound = (Vec<Seg>, String, usize, usize);

fn find_duplicate_key(text: &str) -> Option<DuplicateFound> {
    let segs = RefCell::new(Vec::new());
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = DupFinder {
        segs: &segs,
        found: &found,
    }
    .deserialize(&mut de);
    match (result, found.into_inner()) {
        (Err(e), Some((segs, key))) => Some((segs, key, e.line(), e.column())),
        _ => None,
    }
}

struct DupFinder<'a> {
    segs: &'a RefCell<Vec<Seg>>,
    found: &'a RefCell<Option<(Vec<Seg>, String)>>,
}

impl<'a> DupFinder<'a> {
    fn child(&self) -> DupFinder<'a> {
        DupFinder {
            segs: self.segs,
            found: self.found,
        }
    }
}

impl<'de> DeserializeSeed<'de> for DupFinder<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DupFinder<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            self.segs.borrow_mut().push(Seg::Index(index));
            let more = seq.next_element_seed(self.child())?;
            self.segs.borrow_mut().pop();
            if more.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(k) = map.next_key::<String>()? {
            if !seen.insert(k.clone()) {
                *self.found.borrow_mut() = Some((self.segs.borrow().clone(), k));
                return Err(de::Error::custom("duplicate key"));
            }
            self.segs.borrow_mut().push(Seg::Key(k));
            map.next_value_seed(self.child())?;
            self.segs.borrow_mut().pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_column_counts_characters() {
        assert_eq!(char_column("{\"单位\": x}", 1, 12), 8);
        assert_eq!(char_column("a\nb", 2, 1), 1);
        assert_eq!(char_column("", 5, 3), 3);
    }

    #[test]
    fn gbk_and_utf16_are_recognised() {
        assert!(looks_like_gbk(&[0xD5, 0xC5, b'a', 0xC8, 0xFD]));
        assert!(!looks_like_gbk(&[0xD5]));
        assert!(!looks_like_gbk(b"plain"));
        assert!(looks_like_utf16(&[b'{', 0, b'"', 0, b'a', 0, b'"', 0]));
        assert!(looks_like_utf16(&[0, b'{', 0, b'"', 0, b'a', 0, b'"']));
        assert!(!looks_like_utf16(b"{\"a\": 1}"));
        assert!(
            !looks_like_utf16(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00"),
            "a zip file is not UTF-16"
        );
    }

    #[test]
    fn duplicate_keys_are_found_with_their_path() {
        let (segs, key, line, _) = find_duplicate_key("{\"a\": {\"x\": 1,\n \"x\": 2}}").unwrap();
        assert_eq!(
            (path_string(&segs), key.as_str(), line),
            ("a".to_string(), "x", 2)
        );
        assert!(find_duplicate_key("{\"a\": [{\"x\": 1}, {\"x\": 2}]}").is_none());
    }

    #[test]
    fn serde_messages_are_explained() {
        assert_eq!(explain("missing field `unit`"), "缺少必填字段 unit");
        assert_eq!(
            explain("invalid type: string \"x\", expected i32"),
            "类型不对：应为 整数，实为 文字 \"x\""
        );
        assert_eq!(
            explain("invalid type: integer `3`, expected a boolean"),
            "类型不对：应为 是/否（true 或 false），实为 整数 `3`"
        );
        assert_eq!(
            explain_syntax("expected `,` or `}`"),
            "缺少逗号或右花括号 }"
        );
        assert!(
            explain("unknown variant `done`, expected `a` or `b`").starts_with("取值“done”无效")
        );
    }
}
