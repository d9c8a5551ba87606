//! The template hash rule and the per-item digests (exchange format 3). Written out in
//! `docs/format.md`, with a Python recipe the tests run, so that an IT person can reproduce both.
//!
//! **The rule.** Take the template JSON *as distributed* (the `template.json` shipped with the app,
//! or the `template` member of a 年度方案 exactly as received). Remove, bottom-up, every object member
//! whose value is `null`, `false`, `""`, `[]` or `{}` (an object emptied by the removal goes too;
//! list elements are never removed, their position is their meaning). Write the rest in RFC 8785
//! (JCS) form, encode it as UTF-8 and take SHA-256, in 64 lowercase hex digits.
//!
//! **The convention it implies.** A field added to the template later must default to one of those
//! empty values (`Option` → `null`, `bool` → `false`, text → `""`, list → `[]`); a template written
//! before the field existed then keeps its hash, and the files made with it keep matching. A field
//! whose default is anything else (a number, `true`) changes every hash and needs a format version.
//!
//! **Item digests.** For each item (`parts[].chapters[].items[]`), the members `text`, `kind`,
//! `quota` (only its `per_year` and `activity`), `dimension` and `points`, pruned as above, in JCS
//! form; SHA-256; the first 12 hex digits. An envelope carries them beside the hash, so that the
//! office, holding only its own template, can name the items a department's file was made against
//! in other words or for other points.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};

use super::{Item, ItemKind};
use crate::canonical::sha256_of;

/// The hash of `template.json` as shipped, by the rule above. A test recomputes it (in Rust and with
/// the documented Python) so the app never hashes the template at start-up; changing the shipped
/// template means updating this constant, which the failing test prints.
pub const SHIPPED_TEMPLATE_HASH: &str =
    "80d5d8c0697e3d18cbe29af475bcb9845f4240367f41c13421e9052fc1c8d11b";

/// A template's hash by the rule above, computed the first time it is asked for. The department's
/// first page shows an imported 年度方案 but never names its hash, so the hashing (JCS and SHA-256)
/// stays out of its download.
#[derive(Debug, Clone)]
pub struct ContentHash {
    hash: OnceLock<String>,
    template: Option<Arc<Value>>,
}

impl ContentHash {
    /// A hash already known (the shipped template's, [`SHIPPED_TEMPLATE_HASH`]).
    pub fn known(hash: &str) -> ContentHash {
        ContentHash {
            hash: OnceLock::from(hash.to_string()),
            template: None,
        }
    }

    /// The hash of `template` (the JSON as distributed), when asked for.
    pub fn of(template: &Value) -> ContentHash {
        ContentHash {
            hash: OnceLock::new(),
            template: Some(Arc::new(template.clone())),
        }
    }

    pub fn get(&self) -> &str {
        self.hash.get_or_init(|| {
            template_hash(
                self.template
                    .as_deref()
                    .expect("a hash is either known or has its template"),
            )
        })
    }
}

/// Two hashes are equal when their values are (computing them if need be).
impl PartialEq for ContentHash {
    fn eq(&self, other: &ContentHash) -> bool {
        self.get() == other.get()
    }
}

/// Hex digits of an item digest.
pub const ITEM_DIGEST_LEN: usize = 12;

/// The members of an item that its digest covers.
const ITEM_FIELDS: [&str; 5] = ["text", "kind", "quota", "dimension", "points"];
/// The members of a quota that an item digest covers.
const QUOTA_FIELDS: [&str; 2] = ["per_year", "activity"];

/// `true` for the values the rule removes: `null`, `false`, `""`, `[]`, `{}`.
pub fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        Value::Bool(true) | Value::Number(_) => false,
    }
}

/// `value` with every object member whose (pruned) value is empty removed; list elements stay.
pub fn prune(value: &Value) -> Value {
    match value {
        // Inserted one by one: collecting into the map sorts (a stable sort instantiated for this
        // one call, about 3.5 KB of the first page's wasm), and the members are in order already.
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let v = prune(v);
                if !is_empty_value(&v) {
                    out.insert(k.clone(), v);
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(prune).collect()),
        other => other.clone(),
    }
}

/// The template hash of a template's JSON, as distributed (see the module doc).
pub fn template_hash(template: &Value) -> String {
    sha256_of(&prune(template))
}

/// The digest of one item's JSON object (see the module doc).
pub fn item_digest(item: &Value) -> String {
    let mut covered = Map::new();
    for field in ITEM_FIELDS {
        let Some(v) = item.get(field) else { continue };
        let v = match (field, v) {
            ("quota", Value::Object(quota)) => Value::Object(
                quota
                    .iter()
                    .filter(|(k, _)| QUOTA_FIELDS.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
            _ => v.clone(),
        };
        covered.insert(field.to_string(), v);
    }
    let mut digest = sha256_of(&prune(&Value::Object(covered)));
    digest.truncate(ITEM_DIGEST_LEN);
    digest
}

/// Every item's digest by item id, read from a template's JSON. Items without a text id are left out
/// (such a template is refused by `Template::from_value` anyway).
pub fn item_digests(template: &Value) -> BTreeMap<String, String> {
    let list = |v: &Value, key: &str| -> Vec<Value> {
        v.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let mut out = BTreeMap::new();
    for part in list(template, "parts") {
        for chapter in list(&part, "chapters") {
            for item in list(&chapter, "items") {
                if let Some(id) = item.get("id").and_then(Value::as_str) {
                    out.insert(id.to_string(), item_digest(&item));
                }
            }
        }
    }
    out
}

impl Item {
    /// The item's members as they stand in a valid template's JSON: what its digest covers.
    pub fn digest_input(&self) -> Value {
        let mut map = Map::new();
        map.insert("text".into(), Value::from(self.text.clone()));
        match &self.kind {
            ItemKind::Task => {
                map.insert("kind".into(), "task".into());
            }
            ItemKind::RedLine => {
                map.insert("kind".into(), "red_line".into());
            }
            ItemKind::Quota { per_year, activity } => {
                map.insert("kind".into(), "quota".into());
                let mut quota = Map::new();
                quota.insert("per_year".into(), Value::from(*per_year));
                quota.insert("activity".into(), Value::from(activity.clone()));
                map.insert("quota".into(), Value::Object(quota));
            }
        }
        map.insert("dimension".into(), self.dimension.key().into());
        map.insert("points".into(), Value::from(self.points));
        Value::Object(map)
    }

    /// This item's digest (the same as [`item_digest`] of its JSON in the template it came from).
    pub fn digest(&self) -> String {
        item_digest(&self.digest_input())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_members_are_removed_bottom_up_and_list_elements_stay() {
        let v = json!({"a": null, "b": false, "c": "", "d": [], "e": {}, "f": {"g": {"h": null}},
                       "i": [null, "", {}], "j": 0, "k": true, "l": "x"});
        assert_eq!(
            prune(&v),
            json!({"i": [null, "", {}], "j": 0, "k": true, "l": "x"})
        );
    }

    #[test]
    fn a_new_field_with_an_empty_default_keeps_the_hash_and_a_real_value_changes_it() {
        let t = json!({"id": "x", "parts": [{"id": "1", "chapters": []}]});
        let h = template_hash(&t);
        let mut later = t.clone();
        later["note"] = json!("");
        later["parts"][0]["tags"] = json!([]);
        later["parts"][0]["optional"] = json!(false);
        assert_eq!(template_hash(&later), h);
        later["note"] = json!("新");
        assert_ne!(template_hash(&later), h);
        let mut zero = t.clone();
        zero["count"] = json!(0);
        assert_ne!(
            template_hash(&zero),
            h,
            "0 is a value, not an empty default"
        );
    }

    #[test]
    fn item_digests_cover_text_kind_quota_dimension_and_points_only() {
        let item = json!({"id": "4.1.1", "number": "1", "text": "原文", "kind": "quota",
                          "quota": {"per_year": 2, "activity": "a"}, "dimension": "ji", "points": 2.0});
        let d = item_digest(&item);
        assert_eq!(d.len(), ITEM_DIGEST_LEN);
        let mut renumbered = item.clone();
        renumbered["number"] = json!("9");
        renumbered["id"] = json!("x");
        renumbered["quota"]["note"] = json!("not covered");
        assert_eq!(item_digest(&renumbered), d);
        for (field, value) in [
            ("text", json!("原文。")),
            ("kind", json!("task")),
            ("dimension", json!("de")),
            ("points", json!(2.5)),
        ] {
            let mut changed = item.clone();
            changed[field] = value;
            assert_ne!(item_digest(&changed), d, "{field}");
        }
        let mut quota = item.clone();
        quota["quota"]["per_year"] = json!(3);
        assert_ne!(item_digest(&quota), d);
    }
}

#[cfg(test)]
mod shipped {
    use super::*;
    use crate::plan::{Template, SHIPPED_TEMPLATE_JSON};

    fn shipped_json() -> Value {
        serde_json::from_str(SHIPPED_TEMPLATE_JSON).unwrap()
    }

    #[test]
    fn the_shipped_hash_constant_follows_the_rule() {
        assert_eq!(
            template_hash(&shipped_json()),
            SHIPPED_TEMPLATE_HASH,
            "template.json changed: update SHIPPED_TEMPLATE_HASH"
        );
        assert_eq!(Template::shipped().content_hash(), SHIPPED_TEMPLATE_HASH);
    }

    #[test]
    fn a_lazy_hash_is_the_rule_s_and_compares_by_value() {
        let json = shipped_json();
        let lazy = ContentHash::of(&json);
        assert_eq!(lazy, ContentHash::known(SHIPPED_TEMPLATE_HASH));
        assert_eq!(lazy.get(), SHIPPED_TEMPLATE_HASH);
        let mut other = json;
        other["title"] = "另一个方案".into();
        assert_ne!(ContentHash::of(&other), lazy);
        assert_ne!(ContentHash::of(&other).get(), SHIPPED_TEMPLATE_HASH);
    }

    #[test]
    fn typed_items_digest_as_their_json_does() {
        let from_json = item_digests(&shipped_json());
        let reference = Template::shipped().reference();
        assert_eq!(from_json.len(), Template::shipped().items().count());
        assert_eq!(reference.items, from_json);
        assert_eq!(TemplateRef::of_json(&shipped_json()), reference);
    }

    use crate::plan::TemplateRef;
}
