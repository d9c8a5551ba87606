//! JSON written in the order of the types' fields (profile, answers, people …) rather than the
//! alphabetical order of a `serde_json::Value`, with the members this version does not know after
//! the known ones. Only the layout of the text: checksums and hashes are over the canonical form.

use std::collections::BTreeSet;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

/// A JSON value whose objects keep their members in order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ordered {
    Leaf(Value),
    Array(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    /// The member order serde writes `typed` in.
    pub fn layout_of<T: Serialize>(typed: &T) -> Ordered {
        let text = serde_json::to_string(typed).expect("exported content serialises");
        serde_json::from_str(&text).expect("serde_json reads what it writes")
    }

    /// Puts `child` as the layout of member `key` (added at the end if absent).
    pub fn set_member(&mut self, key: &str, child: Ordered) {
        if let Ordered::Object(members) = self {
            match members.iter_mut().find(|(k, _)| k == key) {
                Some((_, slot)) => *slot = child,
                None => members.push((key.to_string(), child)),
            }
        }
    }

    /// `value` with its object members in `layout`'s order, and members `layout` does not have
    /// after them (in `value`'s order). List elements follow the layout's element at the same index.
    pub fn of(value: &Value, layout: Option<&Ordered>) -> Ordered {
        match value {
            Value::Object(map) => {
                let mut out = Vec::with_capacity(map.len());
                let mut taken = BTreeSet::new();
                if let Some(Ordered::Object(members)) = layout {
                    for (key, child) in members {
                        if let Some(v) = map.get(key) {
                            if taken.insert(key.as_str()) {
                                out.push((key.clone(), Ordered::of(v, Some(child))));
                            }
                        }
                    }
                }
                for (key, v) in map {
                    if !taken.contains(key.as_str()) {
                        out.push((key.clone(), Ordered::of(v, None)));
                    }
                }
                Ordered::Object(out)
            }
            Value::Array(items) => {
                let elements = match layout {
                    Some(Ordered::Array(elements)) => elements.as_slice(),
                    _ => &[],
                };
                Ordered::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| Ordered::of(v, elements.get(i).or(elements.last())))
                        .collect(),
                )
            }
            leaf => Ordered::Leaf(leaf.clone()),
        }
    }
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Ordered::Leaf(v) => v.serialize(serializer),
            Ordered::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Ordered::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Ordered, D::Error> {
        deserializer.deserialize_any(OrderedVisitor)
    }
}

struct OrderedVisitor;

impl<'de> Visitor<'de> for OrderedVisitor {
    type Value = Ordered;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Ordered, E> {
        Ok(Ordered::Leaf(v.into()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Ordered, E> {
        Ok(Ordered::Leaf(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Ordered, E> {
        Ok(Ordered::Leaf(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Ordered, E> {
        Ok(Ordered::Leaf(v.into()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Ordered, E> {
        Ok(Ordered::Leaf(v.into()))
    }
    fn visit_unit<E>(self) -> Result<Ordered, E> {
        Ok(Ordered::Leaf(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Ordered::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
        let mut members = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Ordered>()? {
            members.push((k, v));
        }
        Ok(Ordered::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_follow_the_layout_and_unknown_ones_come_last() {
        let layout: Ordered = serde_json::from_str(r#"{"z": 1, "a": [{"y": 1, "b": 2}]}"#).unwrap();
        let value = json!({"a": [{"b": 2, "y": 1, "x": 0}, {"b": 3, "y": 4}], "m": true, "z": 1});
        let text = serde_json::to_string(&Ordered::of(&value, Some(&layout))).unwrap();
        assert_eq!(
            text,
            r#"{"z":1,"a":[{"y":1,"b":2,"x":0},{"y":4,"b":3}],"m":true}"#
        );
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap(),
            value,
            "only the order changes"
        );
    }
}
