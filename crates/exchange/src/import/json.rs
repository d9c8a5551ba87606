//! Step 3: text to JSON, with the line and column (in characters) of a syntax error, and a walk that
//! refuses the same key twice in one object (serde_json would silently keep the last).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::explain::explain_syntax;
use crate::error::{ImportError, Location, LooksLike, SyntaxProblem};
use crate::path::{item_of, path_string, Seg};
use crate::MAX_DEPTH;

/// Step 3: text to JSON, with line and column (in characters) on failure, and a check that no object
/// has the same key twice (serde_json would silently keep the last). Text that does not start like
/// JSON at all (`{` or `[` after whitespace) is not our file, whatever else is wrong with it.
pub fn parse_json(text: &str) -> Result<Value, ImportError> {
    if !starts_like_json(text) {
        return Err(ImportError::NotOurFormat {
            looks_like: LooksLike::PlainText,
        });
    }
    if let Some(value) = parse_unique(text) {
        return Ok(value);
    }
    parse_json_twice(text)
}

/// `{` or `[` after whitespace (and a byte-order mark).
fn starts_like_json(text: &str) -> bool {
    text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .starts_with(['{', '['])
}

/// [`parse_json`] for text that did not parse in one pass: parsed as serde_json does (keeping the
/// last of two equal keys), for the syntax error, then walked again for the first duplicate key.
/// Which error is reported, and where, is decided here.
fn parse_json_twice(text: &str) -> Result<Value, ImportError> {
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
            problem: if e.is_eof() {
                SyntaxProblem::EndOfFile
            } else {
                explain_syntax(detail)
            },
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

// ---------------------------------------------------------------------------------------------------
// One pass: the value serde_json builds, built by a visitor that stops at the first key an object
// already has. Any failure (syntax, depth, a duplicate, text before the JSON that is not
// whitespace) gives `None`, and [`parse_json_twice`] words it; so only good files take one pass.

/// The text's value, if it is JSON with no key twice in one object; `None` for anything else.
fn parse_unique(text: &str) -> Option<Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = UniqueValue.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

/// Builds a [`Value`] exactly as `Value`'s own `Deserialize` does, but refuses a repeated key.
struct UniqueValue;

impl<'de> DeserializeSeed<'de> for UniqueValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(UniqueValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = serde_json::Map::new();
        while let Some(k) = map.next_key::<String>()? {
            let v = map.next_value_seed(UniqueValue)?;
            match members.entry(k) {
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(v);
                }
                serde_json::map::Entry::Occupied(_) => {
                    return Err(de::Error::custom("duplicate key"));
                }
            }
        }
        Ok(Value::Object(members))
    }
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
    use proptest::prelude::*;

    /// `parse_json` as it was: the prefix check, then always two passes.
    fn before(text: &str) -> Result<Value, ImportError> {
        if !starts_like_json(text) {
            return Err(ImportError::NotOurFormat {
                looks_like: LooksLike::PlainText,
            });
        }
        parse_json_twice(text)
    }

    /// JSON text with the numbers, strings and nesting files have, and some that files do not: keys
    /// that repeat (often, from a small alphabet), numbers at serde_json's limits, escapes.
    fn json_text() -> impl Strategy<Value = String> {
        let good_number = prop::sample::select(vec![
            "0",
            "-0",
            "1",
            "-1",
            "2.0",
            "0.5",
            "1e3",
            "1E-7",
            "-2.5e+300",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "5e-324",
            "1.7976931348623157e308",
        ]);
        let bad_number = prop::sample::select(vec!["1e400", "-1e400", "01", "1.", ".5", "-"]);
        let number = prop_oneof![20 => good_number, 1 => bad_number];
        let good_string = prop::sample::select(vec![
            "\"\"",
            "\"a\"",
            "\"长\"",
            "\"\\u00e9\\n\\\"\"",
            "\"\\ud83d\\ude00\"",
        ]);
        let bad_string = prop::sample::select(vec!["\"\\ud800\"", "\"\\x\"", "\"open"]);
        let string = prop_oneof![20 => good_string, 1 => bad_string];
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            Just("false".to_string()),
            number.prop_map(str::to_string),
            string.clone().prop_map(str::to_string),
        ];
        let key = prop::sample::select(vec![
            "\"a\"",
            "\"b\"",
            "\"c\"",
            "\"d\"",
            "\"e\"",
            "\"f\"",
            "\"g\"",
            "\"\\u0061\"",
            "\"长\"",
        ]);
        leaf.prop_recursive(5, 48, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5)
                    .prop_map(|xs| format!("[{}]", xs.join(","))),
                prop::collection::vec((key.clone(), inner), 0..5).prop_map(|members| {
                    let members: Vec<String> = members
                        .into_iter()
                        .map(|(k, v)| format!("{k}: {v}"))
                        .collect();
                    format!("{{\n {}}}", members.join(",\n "))
                }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        /// One pass or two, the same value or the same error (line, column, path, item).
        #[test]
        fn one_pass_gives_what_two_passes_gave(
            text in json_text(),
            before_text in prop_oneof![
                8 => Just(""),
                1 => prop::sample::select(vec![" ", "\u{feff}", "x", "\n\t"]),
            ],
            after_text in prop_oneof![
                8 => Just(""),
                1 => prop::sample::select(vec![" \n", "x", "}", ",1"]),
            ],
            cut in any::<prop::sample::Index>(),
            cutting in prop::bool::weighted(0.2),
        ) {
            let mut text = format!("{before_text}{text}{after_text}");
            if cutting {
                let mut at = cut.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.truncate(at);
            }
            prop_assert_eq!(parse_json(&text), before(&text), "{}", text);
        }
    }

    #[test]
    fn one_pass_agrees_on_the_fixtures_and_their_edge_cases() {
        let dir = format!(
            "{}/../../tests/fixtures/exchange",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
            .collect();
        assert!(texts.len() >= 10, "the fixtures were found");
        texts.extend(
            [
                "[1, 2",
                "{\"a\": 1, \"a\": 2}",
                "{\"a\": {\"b\": 1, \"b\": [}",
                "{\"a\": 1, \"\\u0061\": 2}",
                "{\"a\": 1} x",
                "5",
                "\"text\"",
                "",
                "{\"a\": 1e999}",
            ]
            .map(str::to_string),
        );
        texts.push(format!("{}1{}", "[".repeat(200), "]".repeat(200)));
        texts.push(format!("{}1{}", "[".repeat(127), "]".repeat(127)));
        for text in &texts {
            let got = parse_json(text);
            assert_eq!(got, before(text), "{text}");
        }
        assert!(
            parse_unique(&texts[0]).is_some(),
            "a fixture takes one pass"
        );
        assert!(parse_unique("{\"a\": 1, \"a\": 2}").is_none());
        assert!(
            parse_unique("{\"a\": 1} x").is_none(),
            "text after the value"
        );
    }

    #[test]
    fn char_column_counts_characters() {
        assert_eq!(char_column("{\"单位\": x}", 1, 12), 8);
        assert_eq!(char_column("a\nb", 2, 1), 1);
        assert_eq!(char_column("", 5, 3), 3);
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
}
