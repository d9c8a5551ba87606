//! The envelope every exchange file has, and the three kinds of content it can carry.
//!
//! Written strictly (`ExportEnvelope`, every field, fixed order) and read leniently (`EnvelopeIn`,
//! after migration, unknown fields reported as warnings), as Excalidraw keeps `ExportedDataState` and
//! `ImportedDataState` apart.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::state::StoredState;
use zrz_domain::plan::TemplateRef;
use zrz_domain::record::Assessment;
use zrz_domain::scoring::RatingSettings;

/// What a file carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 科室自评: one department's assessment, sent up to the office.
    Assessment,
    /// 年度方案: the plan template and scoring settings, sent down by the office.
    AnnualPlan,
    /// 备份: everything the browser keeps (the localStorage record).
    Backup,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Assessment, Kind::AnnualPlan, Kind::Backup];

    pub fn key(self) -> &'static str {
        match self {
            Kind::Assessment => "assessment",
            Kind::AnnualPlan => "annual_plan",
            Kind::Backup => "backup",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Assessment => "科室自评",
            Kind::AnnualPlan => "年度方案",
            Kind::Backup => "备份",
        }
    }

    /// Where in the app a file of this kind is imported, for the wrong-kind message.
    pub fn where_to_import(self) -> &'static str {
        match self {
            Kind::Assessment => "在“导入导出”页导入科室自评文件时，会先显示逐项合并预览",
            Kind::AnnualPlan => "在“导入导出”页导入年度方案时，会更新方案并保留全部答复",
            Kind::Backup => "在“导入导出”页导入备份时，会在确认后恢复全部数据",
        }
    }
}

/// A 年度方案: the template the office sends down, with the scoring settings for the year.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnnualPlan {
    /// The template's JSON as the office distributes it, kept as received (not re-serialised), so
    /// that fields this version does not know and the template's hash survive.
    pub template: Value,
    /// The 德能勤绩廉 rating settings for the year; `None` leaves each department's settings as they are.
    #[serde(default)]
    pub rating_settings: Option<RatingSettings>,
}

impl AnnualPlan {
    /// The plan the office sends: its template plus the rating settings of its own assessment.
    pub fn from_office(template: Value, office: &Assessment) -> AnnualPlan {
        AnnualPlan {
            template,
            rating_settings: Some(office.rating_settings.clone()),
        }
    }
}

/// The content of a file, by kind.
#[derive(Debug, Clone)]
pub enum Content {
    Assessment(Assessment),
    AnnualPlan(AnnualPlan),
    /// Boxed: a backup holds two assessments and a template, the other kinds much less.
    Backup(Box<StoredState>),
}

impl Content {
    pub fn kind(&self) -> Kind {
        match self {
            Content::Assessment(_) => Kind::Assessment,
            Content::AnnualPlan(_) => Kind::AnnualPlan,
            Content::Backup(_) => Kind::Backup,
        }
    }

    /// The `content` member as written: a backup carries the whole localStorage record.
    pub fn to_value(&self) -> Value {
        match self {
            Content::Assessment(a) => serde_json::to_value(a).expect("an assessment serialises"),
            Content::AnnualPlan(p) => serde_json::to_value(p).expect("an annual plan serialises"),
            Content::Backup(s) => s.to_value(),
        }
    }
}

/// Written in the types' own field order (profile, answers, people …), which reads better than the
/// alphabetical order of a `Value`; the checksum does not depend on order.
impl Serialize for Content {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Content::Assessment(a) => a.serialize(serializer),
            Content::AnnualPlan(p) => p.serialize(serializer),
            Content::Backup(s) => super::state::Record::new(s).serialize(serializer),
        }
    }
}

/// What the caller supplies for an export; the domain never reads the clock or its own version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportMeta {
    pub exported_at: DateTime<Utc>,
    /// The app's version (`env!("CARGO_PKG_VERSION")` in the app), written for support.
    pub app_version: String,
    /// Leave out names and free text (see `export::sanitize`), for sharing outside the office.
    pub sanitized: bool,
    /// The user's UTC offset, for the date in file names; China Standard Time by default.
    pub local_offset: FixedOffset,
}

impl ExportMeta {
    /// China Standard Time, UTC+8: the offset every user of this app is in.
    pub fn china() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
    }

    pub fn new(exported_at: DateTime<Utc>, app_version: impl Into<String>) -> ExportMeta {
        ExportMeta {
            exported_at,
            app_version: app_version.into(),
            sanitized: false,
            local_offset: ExportMeta::china(),
        }
    }

    pub fn sanitized(self) -> ExportMeta {
        ExportMeta {
            sanitized: true,
            ..self
        }
    }

    /// The export time on the user's clock, for file names.
    pub fn local_time(&self) -> DateTime<FixedOffset> {
        self.exported_at.with_timezone(&self.local_offset)
    }
}

/// The envelope's fields as read from a file (after migration to the current version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The version the file was written in, before any migration.
    pub format_version: u32,
    pub kind: Kind,
    pub template: TemplateRef,
    pub unit: String,
    pub department: String,
    pub year: i32,
    pub exported_at: DateTime<Utc>,
    pub app_version: String,
    pub sanitized: bool,
    /// As written in the file (`sha256:…`); empty if the file had none.
    pub checksum: String,
}

/// The envelope as written. Field order is the order in the file.
#[derive(Serialize)]
pub(crate) struct ExportEnvelope<'a> {
    pub format: &'a str,
    pub format_version: u32,
    pub kind: Kind,
    pub unit: &'a str,
    pub department: &'a str,
    pub year: i32,
    pub template: &'a TemplateRef,
    pub exported_at: DateTime<Utc>,
    pub app_version: &'a str,
    pub sanitized: bool,
    pub checksum: String,
    pub content: &'a Content,
}

/// The envelope as read, after migration. `kind` stays a string so an unknown kind gets our message.
#[derive(Deserialize)]
pub(crate) struct EnvelopeIn {
    pub kind: String,
    pub unit: String,
    pub department: String,
    pub year: i32,
    pub template: TemplateRef,
    pub exported_at: DateTime<Utc>,
    pub app_version: String,
    pub sanitized: bool,
    #[serde(default)]
    pub checksum: Option<String>,
}

/// The header keys of the current version, for unknown-field warnings.
pub(crate) const ENVELOPE_KEYS: [&str; 12] = [
    "format",
    "format_version",
    "kind",
    "unit",
    "department",
    "year",
    "template",
    "exported_at",
    "app_version",
    "sanitized",
    "checksum",
    "content",
];
