//! The envelope every exchange file has, and the five kinds of content it can carry (the office's
//! two, 核查意见 and 汇总工作区, are in `office`).
//!
//! Written strictly (`ExportEnvelope`, every field, fixed order) and read leniently (`EnvelopeIn`,
//! after migration, unknown fields reported as warnings), as Excalidraw keeps `ExportedDataState` and
//! `ImportedDataState` apart.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::extras::Extras;
use super::office::{FindingsFile, Workspace};
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
    /// 核查意见: the office's findings on one department's file, sent back to that department.
    Findings,
    /// 汇总工作区: the office's whole workspace, every department file it received and its review.
    Workspace,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Assessment,
        Kind::AnnualPlan,
        Kind::Backup,
        Kind::Findings,
        Kind::Workspace,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Kind::Assessment => "assessment",
            Kind::AnnualPlan => "annual_plan",
            Kind::Backup => "backup",
            Kind::Findings => "findings",
            Kind::Workspace => "workspace",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// A 年度方案: the template the office sends down, with the scoring settings for the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnualPlan {
    /// The template's JSON as the office distributes it, kept as received (not re-serialised), so
    /// that fields this version does not know and the template's hash survive.
    pub template: Value,
    /// The 德能勤绩廉 rating settings for the year; `None` leaves each department's settings as they are.
    #[serde(default)]
    pub rating_settings: Option<RatingSettings>,
    /// Members of the content this version does not know, written back as they came.
    #[serde(flatten)]
    pub extras: Map<String, Value>,
}

impl AnnualPlan {
    /// The plan the office sends: its template (as distributed: the shipped `template.json`, or the
    /// one it received) plus the rating settings of its own assessment.
    pub fn from_office(template: Value, office: &Assessment) -> AnnualPlan {
        AnnualPlan {
            template,
            rating_settings: Some(office.rating_settings.clone()),
            extras: Map::new(),
        }
    }
}

/// The content of a file, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// A department's record and the fields of it this version does not know (kept, written back).
    Assessment(Box<Assessment>, Extras),
    /// Boxed: its rating settings are the largest part of any variant.
    AnnualPlan(Box<AnnualPlan>),
    /// Boxed: a backup holds an assessment, a template and its unknown fields.
    Backup(Box<StoredState>),
    Findings(Box<FindingsFile>),
    Workspace(Workspace),
}

impl Content {
    pub fn kind(&self) -> Kind {
        match self {
            Content::Assessment(..) => Kind::Assessment,
            Content::AnnualPlan(_) => Kind::AnnualPlan,
            Content::Backup(_) => Kind::Backup,
            Content::Findings(_) => Kind::Findings,
            Content::Workspace(_) => Kind::Workspace,
        }
    }

    /// A 科室自评 with no unknown fields.
    pub fn assessment(assessment: Assessment) -> Content {
        Content::Assessment(Box::new(assessment), Extras::default())
    }

    /// The `content` member as written: an assessment with its unknown fields put back, a backup as
    /// the whole localStorage record (its stored unknown fields put back into its assessment).
    pub fn to_value(&self) -> Value {
        match self {
            Content::Assessment(a, extras) => {
                let mut v = serde_json::to_value(a).expect("an assessment serialises");
                extras.apply(&mut v);
                v
            }
            Content::AnnualPlan(p) => serde_json::to_value(p).expect("an annual plan serialises"),
            Content::Backup(s) => {
                let mut v = s.to_value();
                if let Some(assessment) = v.pointer_mut("/state/assessment") {
                    s.extras.apply(assessment);
                }
                v
            }
            Content::Findings(f) => serde_json::to_value(f).expect("findings serialise"),
            Content::Workspace(w) => serde_json::to_value(w).expect("a workspace serialises"),
        }
    }

    /// The department this content is about: an assessment's or backup's profile, a 核查意见's
    /// addressee; `None` for a 年度方案 and a 汇总工作区.
    pub fn department(&self) -> Option<(String, String, i32)> {
        match self {
            Content::Assessment(a, _) => {
                let p = &a.profile;
                Some((p.unit.clone(), p.department.clone(), p.year))
            }
            Content::Backup(s) => {
                let p = &s.assessment.profile;
                Some((p.unit.clone(), p.department.clone(), p.year))
            }
            Content::Findings(f) => {
                let d = &f.department;
                Some((d.unit.clone(), d.department.clone(), d.year))
            }
            Content::AnnualPlan(_) | Content::Workspace(_) => None,
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

/// The envelope as read, after migration. `kind` stays a string so an unknown kind gets our message.
#[derive(Deserialize)]
pub(crate) struct EnvelopeIn {
    pub kind: String,
    pub unit: String,
    pub department: String,
    pub year: i32,
    pub template: TemplateRef,
    #[serde(with = "zrz_domain::iso::time")]
    pub exported_at: DateTime<Utc>,
    pub app_version: String,
    pub sanitized: bool,
    #[serde(default)]
    pub checksum: Option<String>,
}

/// The header keys of the current version; any other member is a field from the future.
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
