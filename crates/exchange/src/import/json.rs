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
    if !text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .starts_with(['{', '['])
    {
        return Err(ImportError::NotOurFormat {
            looks_like: LooksLike::PlainText,
        });
    }
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

/// serde_json's syntax messages in Chinese; rare ones stay as they are.
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
    fn duplicate_keys_are_found_with_their_path() {
        let (segs, key, line, _) = find_duplicate_key("{\"a\": {\"x\": 1,\n \"x\": 2}}").unwrap();
        assert_eq!(
            (path_string(&segs), key.as_str(), line),
            ("a".to_string(), "x", 2)
        );
        assert!(find_duplicate_key("{\"a\": [{\"x\": 1}, {\"x\": 2}]}").is_none());
    }
}
