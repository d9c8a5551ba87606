//! The shipped template as a static table, generated at build time from `template.json` by the
//! crate's `build.rs`: [`Template::shipped`] builds the template from string constants, with no JSON
//! parsed and no serde deserialiser instantiated for it (the first page's download and start-up).
//! The table is not checked at run time: `tests` below prove that it builds exactly the template
//! that `template.json` reads as through [`Template::from_raw`], which checks every rule.

use super::{
    Activity, Chapter, ContentHash, Credit, Item, ItemKind, Part, Template, SHIPPED_TEMPLATE_HASH,
};
use crate::Dimension;

pub(super) struct StaticTemplate {
    id: &'static str,
    version: &'static str,
    title: &'static str,
    preamble: &'static str,
    credit: Credit,
    activities: &'static [(&'static str, &'static str)],
    parts: &'static [StaticPart],
}

struct StaticPart {
    id: &'static str,
    number: &'static str,
    title: &'static str,
    paragraphs: &'static [&'static str],
    chapters: &'static [StaticChapter],
}

struct StaticChapter {
    id: &'static str,
    number: &'static str,
    title: &'static str,
    intro: &'static str,
    weight: f64,
    items: &'static [StaticItem],
}

struct StaticItem {
    id: &'static str,
    number: &'static str,
    text: &'static str,
    /// "task", "quota" or "red_line", as in the JSON.
    kind: &'static str,
    quota: Option<(u32, &'static str)>,
    dimension: &'static str,
    points: f64,
}

include!(concat!(env!("OUT_DIR"), "/shipped_template.rs"));

impl StaticItem {
    fn build(&self) -> Item {
        let kind = match (self.kind, self.quota) {
            ("quota", Some((per_year, activity))) => ItemKind::Quota {
                per_year,
                activity: activity.into(),
            },
            ("red_line", _) => ItemKind::RedLine,
            _ => ItemKind::Task,
        };
        Item {
            id: self.id.into(),
            number: self.number.into(),
            text: self.text.into(),
            kind,
            dimension: Dimension::from_key(self.dimension).unwrap_or(Dimension::De),
            points: self.points,
        }
    }
}

/// The shipped template, from the table.
pub(super) fn shipped() -> Template {
    let t = &SHIPPED;
    Template {
        id: t.id.into(),
        version: t.version.into(),
        hash: ContentHash::known(SHIPPED_TEMPLATE_HASH),
        title: t.title.into(),
        preamble: t.preamble.into(),
        parts: t
            .parts
            .iter()
            .map(|p| Part {
                id: p.id.into(),
                number: p.number.into(),
                title: p.title.into(),
                paragraphs: p.paragraphs.iter().map(|s| s.to_string()).collect(),
                chapters: p
                    .chapters
                    .iter()
                    .map(|c| Chapter {
                        id: c.id.into(),
                        number: c.number.into(),
                        title: c.title.into(),
                        intro: c.intro.into(),
                        weight: c.weight,
                        items: c.items.iter().map(StaticItem::build).collect(),
                    })
                    .collect(),
            })
            .collect(),
        activities: t
            .activities
            .iter()
            .map(|(id, name)| Activity {
                id: id.to_string(),
                name: name.to_string(),
            })
            .collect(),
        credit: t.credit,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{RawTemplate, SHIPPED_TEMPLATE_JSON};
    use super::*;

    /// The table builds exactly the template that the JSON reads as, every rule checked.
    #[test]
    fn the_table_is_the_shipped_json() {
        let raw: RawTemplate = serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap();
        let json: serde_json::Value = serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap();
        // The hash too: the table's is the constant, the JSON's is computed from it.
        let from_json = Template::from_raw(raw, ContentHash::of(&json)).unwrap();
        assert_eq!(shipped(), from_json);
    }
}
