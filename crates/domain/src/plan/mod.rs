//! The plan as data: the 实施方案 text, its numbering, and what each duty is worth.
//!
//! The shipped template lives in `plan/template.json` (compiled into a static table by `build.rs`,
//! see `compact`; the JSON is kept with `include_str!` for the tests and the hash). A template is read in
//! two steps, "read lenient, accept strict": serde reads it into the `Raw*` mirror types, where kinds and
//! dimensions are plain strings, and [`Template::from_raw`] checks every rule and builds the typed
//! [`Template`]. That way a bad template is refused with a message that names the item at fault rather
//! than a serde position.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Dimension;

mod compact;
mod hash;
mod raw;
pub use crate::canonical::hex;
pub use hash::*;
pub use raw::*;

/// The template compiled into the app. `tests/template_plan.rs` proves it reproduces the plan verbatim.
pub const SHIPPED_TEMPLATE_JSON: &str = include_str!("template.json");

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: String,
    pub version: String,
    /// The template hash ([`template_hash`]: SHA-256 of the pruned JCS form of the JSON as
    /// distributed), read with [`Template::content_hash`].
    hash: ContentHash,
    pub title: String,
    pub preamble: String,
    pub parts: Vec<Part>,
    /// Kinds of ledger activity the plan asks for; quota items count entries of one of these.
    pub activities: Vec<Activity>,
    pub credit: Credit,
}

/// A numbered top-level part of the plan (一、指导思想 … 七、责任追究). Parts without chapters are
/// reading only; the plan has no part 五, and the template keeps that gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub id: String,
    /// The plan's own numeral, "一" … "七".
    pub number: String,
    pub title: String,
    /// Text shown as reading, verbatim, in the plan's order.
    pub paragraphs: Vec<String>,
    pub chapters: Vec<Chapter>,
}

/// A unit of the self-check with its own page: part 三, each sub-chapter （一）…（八） of part 四,
/// part 六 and part 七.
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    pub id: String,
    /// "（一）" for sub-chapters of 四; empty where the part is the chapter.
    pub number: String,
    pub title: String,
    /// The chapter's own lead-in text, verbatim (may be empty).
    pub intro: String,
    /// Share of the 100-point checklist score; equals the sum of the items' points.
    pub weight: f64,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Stable id, e.g. "4.1.1"; answers, ledger links and exchange files refer to items by it.
    pub id: String,
    /// The plan's own number for the item ("1", "2" …), kept even where the plan skips one.
    pub number: String,
    /// The plan's text, verbatim.
    pub text: String,
    pub kind: ItemKind,
    pub dimension: Dimension,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// Carried out or not.
    Task,
    /// A counted annual minimum read from the plan's text.
    Quota { per_year: u32, activity: String },
    /// A 责任追究 circumstance: 未发生 / 已发生.
    RedLine,
}

impl ItemKind {
    pub fn is_red_line(&self) -> bool {
        matches!(self, ItemKind::RedLine)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub id: String,
    pub name: String,
}

/// How much of an item's points each response earns (0.0 ..= 1.0). Configuration, not code.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Credit {
    pub implemented: f64,
    pub partial: f64,
    pub not_implemented: f64,
    pub not_occurred: f64,
    pub occurred: f64,
}

impl Template {
    /// The template compiled into the app, with its hash [`SHIPPED_TEMPLATE_HASH`] (checked against
    /// the rule by a test, so nothing is hashed at start-up). Built from the static table that
    /// `build.rs` generates from `template.json` (`compact`): no JSON is parsed at start-up; a test
    /// proves the table equals the JSON read and checked by [`Template::from_raw`].
    pub fn shipped() -> Template {
        compact::shipped()
    }

    /// Reads a template from its JSON text (e.g. a stored 年度方案 template).
    pub fn parse(json: &str) -> Result<Template, TemplateError> {
        let at_position = |e: serde_json::Error| TemplateError {
            at: TemplatePlace::Position {
                line: e.line(),
                column: e.column(),
            },
            problem: TemplateProblem::NotJson {
                error: e.to_string(),
            },
        };
        // Read twice: the typed read names the line of a wrong value, the hash needs the JSON.
        let value: Value = serde_json::from_str(json).map_err(at_position)?;
        let raw: RawTemplate = serde_json::from_str(json).map_err(at_position)?;
        Template::from_raw(raw, ContentHash::of(&value))
    }

    /// Reads a template from its JSON as distributed; its hash is [`template_hash`] of exactly that
    /// JSON, unknown fields included.
    pub fn from_value(value: &Value) -> Result<Template, TemplateError> {
        let raw = RawTemplate::deserialize(value).map_err(|e| TemplateError {
            at: TemplatePlace::Template,
            problem: TemplateProblem::NotJson {
                error: e.to_string(),
            },
        })?;
        Template::from_raw(raw, ContentHash::of(value))
    }

    /// The template hash: lets a file made with this template be recognised later even when id and
    /// version were not bumped, and does not change when the app learns a field with an empty
    /// default. Computed on first use (see [`ContentHash`]).
    pub fn content_hash(&self) -> &str {
        self.hash.get()
    }

    pub fn chapters(&self) -> impl Iterator<Item = &Chapter> {
        self.parts.iter().flat_map(|p| p.chapters.iter())
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.chapters().flat_map(|c| c.items.iter())
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    pub fn chapter(&self, id: &str) -> Option<&Chapter> {
        self.chapters().find(|c| c.id == id)
    }

    /// The chapter an item belongs to.
    pub fn chapter_of(&self, item_id: &str) -> Option<&Chapter> {
        self.chapters()
            .find(|c| c.items.iter().any(|i| i.id == item_id))
    }

    /// The part a chapter belongs to.
    pub fn part_of(&self, chapter_id: &str) -> Option<&Part> {
        self.parts
            .iter()
            .find(|p| p.chapters.iter().any(|c| c.id == chapter_id))
    }

    pub fn activity(&self, id: &str) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }

    /// Identifies the template in exchange files and stored data, with every item's digest.
    pub fn reference(&self) -> TemplateRef {
        TemplateRef {
            id: self.id.clone(),
            version: self.version.clone(),
            hash: self.content_hash().to_string(),
            items: self.items().map(|i| (i.id.clone(), i.digest())).collect(),
        }
    }
}

impl Chapter {
    /// "四（一） 把意识形态工作摆在极端重要的位置" style label, built from the plan's own numbering.
    /// The title keeps the plan's own punctuation (for verbatim display); a label drops its final
    /// "。", which reads oddly in navigation and headings.
    pub fn label(&self, part: &Part) -> String {
        let title = self.title.trim_end_matches('。');
        if self.number.is_empty() {
            format!("{}、{}", part.number, title)
        } else {
            format!("{}{} {}", part.number, self.number, title)
        }
    }
}

/// Which template a piece of data was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRef {
    pub id: String,
    pub version: String,
    /// [`template_hash`] of the template (format 3 on; older files are migrated).
    pub hash: String,
    /// Each item's [`item_digest`] by item id (format 3 on), so that a file can be compared item by
    /// item with a template the reader holds; empty in files of format 2 and before.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<String, String>,
}

impl TemplateRef {
    /// The same template: id, version and hash agree (the digests follow from the hash).
    pub fn same_template(&self, other: &TemplateRef) -> bool {
        self.id == other.id && self.version == other.version && self.hash == other.hash
    }

    /// The reference of a template's JSON as distributed, without building the template: its `id`
    /// and `version` as written (empty if missing), [`template_hash`] and [`item_digests`].
    pub fn of_json(template: &Value) -> TemplateRef {
        let text = |k: &str| {
            template
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        TemplateRef {
            id: text("id"),
            version: text("version"),
            hash: template_hash(template),
            items: item_digests(template),
        }
    }
}

/// A template refused at load time: `at` names the item, chapter or place at fault, `problem` what
/// is wrong (worded by the app).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateError {
    pub at: TemplatePlace,
    pub problem: TemplateProblem,
}

/// Where in a template a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePlace {
    /// A place in the JSON text.
    Position {
        line: usize,
        column: usize,
    },
    /// The template as a whole.
    Template,
    /// The `credit` table.
    Credit,
    /// The activity type with this id.
    Activity(String),
    /// The part with this number.
    Part(String),
    Chapter(String),
    Item(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplateProblem {
    /// Not a template's JSON; `error` is serde's (English) message.
    NotJson {
        error: String,
    },
    MissingId,
    MissingVersion,
    /// A credit factor (`name`: implemented …) outside 0–1.
    CreditOutOfRange {
        name: String,
        value: f64,
    },
    DuplicateActivity,
    DuplicatePart {
        id: String,
    },
    DuplicateChapter,
    EmptyChapter,
    ItemWithoutId,
    DuplicateItem,
    ItemWithoutText,
    UnknownDimension {
        found: String,
    },
    /// Points negative or not a number.
    BadPoints {
        points: f64,
    },
    /// A quota of zero a year.
    QuotaZero,
    /// A quota counting an activity type the template does not define.
    UnknownActivity {
        activity: String,
    },
    /// A quota item without its quota.
    QuotaMissing,
    /// A quota on an item that is not of kind quota.
    QuotaNotAllowed,
    UnknownKind {
        found: String,
    },
    /// A chapter whose weight is not the sum of its items' points.
    ChapterWeight {
        weight: f64,
        points: f64,
    },
    /// Chapter weights not summing to 100.
    WeightsSum {
        total: f64,
    },
}

impl fmt::Display for TemplateError {
    /// For logs and tests; the app words the problem.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {:?}", self.at, self.problem)
    }
}

impl std::error::Error for TemplateError {}
