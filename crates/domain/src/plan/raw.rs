//! The template file as written, read leniently (strings for kinds and dimensions), and the checks that
//! turn it into a [`Template`]: every rule, with an error that names the item at fault.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Activity, Chapter, Credit, Item, ItemKind, Part, Template, TemplateError};
use crate::Dimension;

/// Points are compared with this slack: weights are written with at most one decimal.
const POINT_EPSILON: f64 = 1e-6;

impl Template {
    /// Checks a raw template and builds it with `content_hash`, which the caller computed from the
    /// JSON the raw template was read from ([`super::template_hash`]; see [`Template::from_value`]).
    pub fn from_raw(raw: RawTemplate, content_hash: String) -> Result<Template, TemplateError> {
        let fail = |at: &str, problem: String| {
            Err(TemplateError {
                at: at.to_string(),
                problem,
            })
        };
        if raw.id.trim().is_empty() {
            return fail("模板", "缺少模板标识 id".into());
        }
        if raw.version.trim().is_empty() {
            return fail("模板", "缺少模板版本 version".into());
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
                    "credit",
                    format!("得分系数 {name} 为 {value}，应在 0 到 1 之间"),
                );
            }
        }
        let mut activity_ids = BTreeSet::new();
        let mut activities = Vec::new();
        for a in raw.activities {
            if !activity_ids.insert(a.id.clone()) {
                return fail(&format!("活动类型 {}", a.id), "活动类型标识重复".into());
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
                    &format!("第{}部分", raw_part.number),
                    format!("部分标识 {} 重复", raw_part.id),
                );
            }
            let mut chapters = Vec::new();
            for raw_chapter in raw_part.chapters {
                let at_chapter = format!("章节 {}", raw_chapter.id);
                if !seen_ids.insert(format!("chapter:{}", raw_chapter.id)) {
                    return fail(&at_chapter, "章节标识重复".into());
                }
                if raw_chapter.items.is_empty() {
                    return fail(&at_chapter, "章节没有任何检查项".into());
                }
                let mut items = Vec::new();
                let mut chapter_points = 0.0;
                for raw_item in raw_chapter.items {
                    let at_item = format!("检查项 {}", raw_item.id);
                    if raw_item.id.trim().is_empty() {
                        return fail(&at_chapter, "有检查项缺少标识 id".into());
                    }
                    if !seen_ids.insert(format!("item:{}", raw_item.id)) {
                        return fail(&at_item, "检查项标识重复".into());
                    }
                    if raw_item.text.trim().is_empty() {
                        return fail(&at_item, "检查项缺少原文".into());
                    }
                    let Some(dimension) = Dimension::from_key(&raw_item.dimension) else {
                        return fail(
                            &at_item,
                            format!(
                                "未知的考核维度“{}”，应为 de/neng/qin/ji/lian 之一",
                                raw_item.dimension
                            ),
                        );
                    };
                    if !raw_item.points.is_finite() || raw_item.points < 0.0 {
                        return fail(
                            &at_item,
                            format!("分值 {} 无效，应为非负数", raw_item.points),
                        );
                    }
                    let kind = match (raw_item.kind.as_str(), raw_item.quota) {
                        ("task", None) => ItemKind::Task,
                        ("red_line", None) => ItemKind::RedLine,
                        ("quota", Some(q)) => {
                            if q.per_year == 0 {
                                return fail(&at_item, "年度次数要求应至少为 1".into());
                            }
                            if !activity_ids.contains(&q.activity) {
                                return fail(
                                    &at_item,
                                    format!("计数的活动类型“{}”未在 activities 中定义", q.activity),
                                );
                            }
                            ItemKind::Quota {
                                per_year: q.per_year,
                                activity: q.activity,
                            }
                        }
                        ("quota", None) => {
                            return fail(&at_item, "类型为 quota 的检查项缺少 quota 设置".into())
                        }
                        ("task" | "red_line", Some(_)) => {
                            return fail(
                                &at_item,
                                "只有类型为 quota 的检查项才能有 quota 设置".into(),
                            )
                        }
                        (other, _) => {
                            return fail(
                                &at_item,
                                format!("未知的检查项类型“{other}”，应为 task/quota/red_line 之一"),
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
                        &at_chapter,
                        format!(
                            "章节权重 {} 与各检查项分值之和 {} 不一致",
                            raw_chapter.weight, chapter_points
                        ),
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
            return fail("模板", format!("各章节权重之和为 {total_weight}，应为 100"));
        }
        Ok(Template {
            id: raw.id,
            version: raw.version,
            content_hash,
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
