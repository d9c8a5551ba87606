//! The template file as written, read leniently (strings for kinds and dimensions), and the checks that
//! turn it into a [`Template`]: every rule, with an error that names the item at fault.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{
    Activity, Chapter, ContentHash, Credit, Item, ItemKind, Part, Template, TemplateError,
    TemplatePlace, TemplateProblem,
};
use crate::Dimension;

/// Points are compared with this slack: weights are written with at most one decimal.
const POINT_EPSILON: f64 = 1e-6;

impl Template {
    /// Checks a raw template and builds it with `hash`, the hash of the JSON the raw template was
    /// read from ([`ContentHash::of`]; see [`Template::from_value`]).
    pub fn from_raw(raw: RawTemplate, hash: ContentHash) -> Result<Template, TemplateError> {
        use TemplatePlace as At;
        use TemplateProblem as P;
        let fail = |at: TemplatePlace, problem: TemplateProblem| Err(TemplateError { at, problem });
        if raw.id.trim().is_empty() {
            return fail(At::Template, P::MissingId);
        }
        if raw.version.trim().is_empty() {
            return fail(At::Template, P::MissingVersion);
        }
        let credit = raw.credit;
        for (name, value) in [
            ("implemented", credit.implemented),
            ("partial", credit.partial),
            ("not_implemented", credit.not_implemented),
            ("not_occurred", credit.not_occurred),
            ("occurred", credit.occurred),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return fail(
                    At::Credit,
                    P::CreditOutOfRange {
                        name: name.into(),
                        value,
                    },
                );
            }
        }
        let mut activity_ids = BTreeSet::new();
        let mut activities = Vec::new();
        for a in raw.activities {
            if !activity_ids.insert(a.id.clone()) {
                return fail(At::Activity(a.id), P::DuplicateActivity);
            }
            activities.push(Activity {
                id: a.id,
                name: a.name,
            });
        }

        let mut seen_ids = BTreeSet::new();
        let mut total_weight = 0.0;
        let mut parts = Vec::new();
        for raw_part in raw.parts {
            if !seen_ids.insert(format!("part:{}", raw_part.id)) {
                return fail(
                    At::Part(raw_part.number),
                    P::DuplicatePart { id: raw_part.id },
                );
            }
            let mut chapters = Vec::new();
            for raw_chapter in raw_part.chapters {
                let at_chapter = || At::Chapter(raw_chapter.id.clone());
                if !seen_ids.insert(format!("chapter:{}", raw_chapter.id)) {
                    return fail(at_chapter(), P::DuplicateChapter);
                }
                if raw_chapter.items.is_empty() {
                    return fail(at_chapter(), P::EmptyChapter);
                }
                let mut items = Vec::new();
                let mut chapter_points = 0.0;
                for raw_item in raw_chapter.items {
                    let at_item = || At::Item(raw_item.id.clone());
                    if raw_item.id.trim().is_empty() {
                        return fail(at_chapter(), P::ItemWithoutId);
                    }
                    if !seen_ids.insert(format!("item:{}", raw_item.id)) {
                        return fail(at_item(), P::DuplicateItem);
                    }
                    if raw_item.text.trim().is_empty() {
                        return fail(at_item(), P::ItemWithoutText);
                    }
                    let Some(dimension) = Dimension::from_key(&raw_item.dimension) else {
                        return fail(
                            at_item(),
                            P::UnknownDimension {
                                found: raw_item.dimension.clone(),
                            },
                        );
                    };
                    if !raw_item.points.is_finite() || raw_item.points < 0.0 {
                        return fail(
                            at_item(),
                            P::BadPoints {
                                points: raw_item.points,
                            },
                        );
                    }
                    let kind = match (raw_item.kind.as_str(), raw_item.quota) {
                        ("task", None) => ItemKind::Task,
                        ("red_line", None) => ItemKind::RedLine,
                        ("quota", Some(q)) => {
                            if q.per_year == 0 {
                                return fail(at_item(), P::QuotaZero);
                            }
                            if !activity_ids.contains(&q.activity) {
                                return fail(
                                    at_item(),
                                    P::UnknownActivity {
                                        activity: q.activity.clone(),
                                    },
                                );
                            }
                            ItemKind::Quota {
                                per_year: q.per_year,
                                activity: q.activity,
                            }
                        }
                        ("quota", None) => return fail(at_item(), P::QuotaMissing),
                        ("task" | "red_line", Some(_)) => {
                            return fail(at_item(), P::QuotaNotAllowed)
                        }
                        (other, _) => {
                            return fail(
                                at_item(),
                                P::UnknownKind {
                                    found: other.to_string(),
                                },
                            )
                        }
                    };
                    chapter_points += raw_item.points;
                    items.push(Item {
                        id: raw_item.id,
                        number: raw_item.number,
                        text: raw_item.text,
                        kind,
                        dimension,
                        points: raw_item.points,
                    });
                }
                if (chapter_points - raw_chapter.weight).abs() > POINT_EPSILON {
                    return fail(
                        at_chapter(),
                        P::ChapterWeight {
                            weight: raw_chapter.weight,
                            points: chapter_points,
                        },
                    );
                }
                total_weight += raw_chapter.weight;
                chapters.push(Chapter {
                    id: raw_chapter.id,
                    number: raw_chapter.number,
                    title: raw_chapter.title,
                    intro: raw_chapter.intro,
                    weight: raw_chapter.weight,
                    items,
                });
            }
            parts.push(Part {
                id: raw_part.id,
                number: raw_part.number,
                title: raw_part.title,
                paragraphs: raw_part.paragraphs,
                chapters,
            });
        }
        if (total_weight - 100.0).abs() > POINT_EPSILON {
            return fail(
                At::Template,
                P::WeightsSum {
                    total: total_weight,
                },
            );
        }
        Ok(Template {
            id: raw.id,
            version: raw.version,
            hash,
            title: raw.title,
            preamble: raw.preamble,
            parts,
            activities,
            credit,
        })
    }
}

/// The template file as written: lenient mirror types, checked by [`Template::from_raw`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawTemplate {
    pub id: String,
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub preamble: String,
    pub credit: Credit,
    #[serde(default)]
    pub activities: Vec<RawActivity>,
    pub parts: Vec<RawPart>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawActivity {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawPart {
    pub id: String,
    pub number: String,
    pub title: String,
    #[serde(default)]
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub chapters: Vec<RawChapter>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawChapter {
    pub id: String,
    #[serde(default)]
    pub number: String,
    pub title: String,
    #[serde(default)]
    pub intro: String,
    pub weight: f64,
    pub items: Vec<RawItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawItem {
    pub id: String,
    pub number: String,
    pub text: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<RawQuota>,
    pub dimension: String,
    pub points: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawQuota {
    pub per_year: u32,
    pub activity: String,
}
