//! RFC 8785, the JSON Canonicalization Scheme ("JCS"): one byte sequence per JSON value, whatever
//! the whitespace, key order or number spelling of the text it was read from. Two rules of the
//! exchange format are SHA-256 over it: the file's checksum (`zrz_exchange::canonical`) and the
//! template's hash ([`crate::plan::template_hash`]); both are written out in `docs/format.md`.
//!
//! JCS is what `JSON.stringify` writes once every object's keys are sorted: no whitespace, keys in
//! UTF-16 code-unit order, numbers in ECMAScript's shortest form (`1`, `0.5`, `1e+21`), strings with
//! only `"`, `\` and control characters escaped. It is chosen so that a department's IT staff can
//! reproduce either rule with any JCS library (or the Python of `docs/format.md`).

use std::fmt::Write as _;

use serde_json::{Number, Value};
use sha2::{Digest, Sha256};

/// Lowercase hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

/// SHA-256 of the JCS form of `value`, in lowercase hex (64 digits). The form is written into the
/// hash a block of text at a time, never held whole.
pub fn sha256_of(value: &Value) -> String {
    let mut sink = Hashing {
        hasher: Sha256::new(),
        buf: String::with_capacity(HASH_CHUNK + 256),
    };
    write_value(value, &mut sink);
    sink.hasher.update(sink.buf.as_bytes());
    hex(&sink.hasher.finalize())
}

/// The RFC 8785 serialisation of `value`.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

/// Where the canonical form goes: a `String`, or a hash fed in chunks.
trait Sink {
    /// The text under construction; [`Sink::written`] is called after each piece.
    fn buf(&mut self) -> &mut String;
    fn written(&mut self) {}
}

impl Sink for String {
    fn buf(&mut self) -> &mut String {
        self
    }
}

/// Bytes gathered before they are hashed.
const HASH_CHUNK: usize = 16 * 1024;

struct Hashing {
    hasher: Sha256,
    buf: String,
}

impl Sink for Hashing {
    fn buf(&mut self) -> &mut String {
        &mut self.buf
    }
    fn written(&mut self) {
        if self.buf.len() >= HASH_CHUNK {
            self.hasher.update(self.buf.as_bytes());
            self.buf.clear();
        }
    }
}

fn write_value(value: &Value, out: &mut impl Sink) {
    match value {
        Value::Null => out.buf().push_str("null"),
        Value::Bool(b) => out.buf().push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out.buf()),
        Value::String(s) => write_string(s, out.buf()),
        Value::Array(items) => {
            out.buf().push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.buf().push(',');
                }
                write_value(item, out);
            }
            out.buf().push(']');
        }
        Value::Object(map) => {
            out.buf().push('{');
            if keys_in_utf16_order(map.keys()) {
                write_members(map.iter(), out);
            } else {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                crate::order::sort_by(&mut entries, |a, b| utf16_cmp(a.0, b.0));
                write_members(entries.into_iter(), out);
            }
            out.buf().push('}');
        }
    }
    out.written();
}

fn write_members<'v>(members: impl Iterator<Item = (&'v String, &'v Value)>, out: &mut impl Sink) {
    for (i, (key, item)) in members.enumerate() {
        if i > 0 {
            out.buf().push(',');
        }
        write_string(key, out.buf());
        out.buf().push(':');
        write_value(item, out);
    }
}

/// Whether `keys` come in UTF-16 code-unit order already (serde_json's map iterates in byte order,
/// which is the same unless a key has a character from U+E000 on).
fn keys_in_utf16_order<'k>(keys: impl Iterator<Item = &'k String>) -> bool {
    let mut previous: Option<(&str, bool)> = None;
    for key in keys {
        let low = below_e000(key);
        if let Some((before, before_low)) = previous {
            let order = if low && before_low {
                before.as_bytes().cmp(key.as_bytes())
            } else {
                before.encode_utf16().cmp(key.encode_utf16())
            };
            if order != std::cmp::Ordering::Less {
                return false;
            }
        }
        previous = Some((key, low));
    }
    true
}

/// Strings compared by their UTF-16 code units, as JCS orders keys.
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    if below_e000(a) && below_e000(b) {
        a.as_bytes().cmp(b.as_bytes())
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// No character from U+E000 on (no UTF-8 lead byte of 0xEE or more). Between two such strings byte
/// order (code-point order) is UTF-16 order: below U+E000 every character is one code unit of its
/// own value.
fn below_e000(s: &str) -> bool {
    s.bytes().all(|b| b < 0xEE)
}

/// Integers of magnitude below 10^15 are written as they are (exactly what [`es_number`] gives them,
/// without its formatting); every other number through [`es_number`].
fn write_number(n: &Number, out: &mut String) {
    const EXACT: u64 = 1_000_000_000_000_000;
    if let Some(u) = n.as_u64().filter(|u| *u < EXACT) {
        write_integer(false, u, out);
    } else if let Some(i) = n.as_i64().filter(|i| i.unsigned_abs() < EXACT) {
        write_integer(i < 0, i.unsigned_abs(), out);
    } else {
        match n.as_f64() {
            Some(f) => out.push_str(&es_number(f)),
            // Arbitrary-precision numbers are not enabled; this arm only keeps the match total.
            None => out.push_str(&n.to_string()),
        }
    }
}

/// Decimal digits, `-` first if `negative`.
fn write_integer(negative: bool, mut n: u64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if negative {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
}

/// Whether `b` is escaped in a JCS string: `"`, `\` and the control characters.
fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether none of eight bytes (little-endian in `chunk`) is [`escaped`]: the classic word tests for
/// a zero byte and a byte below a bound, which are exact for "is there one".
fn clean_chunk(chunk: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let has_control = chunk.wrapping_sub(ONES * 0x20) & !chunk & HIGH != 0;
    !(has_control
        || has_zero(chunk ^ (ONES * u64::from(b'"')))
        || has_zero(chunk ^ (ONES * u64::from(b'\\'))))
}

/// A string with only `"`, `\` and control characters escaped; the runs between are copied whole,
/// and found eight bytes at a time.
fn write_string(s: &str, out: &mut String) {
    out.push('"');
    let bytes = s.as_bytes();
    let (mut from, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if clean_chunk(chunk) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        if escaped(b) {
            out.push_str(&s[from..i]);
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                0x08 => out.push_str("\\b"),
                b'\t' => out.push_str("\\t"),
                b'\n' => out.push_str("\\n"),
                0x0c => out.push_str("\\f"),
                b'\r' => out.push_str("\\r"),
                _ => write!(out, "\\u{b:04x}").expect("writing to a String cannot fail"),
            }
            from = i + 1;
        }
        i += 1;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// ECMAScript `Number.prototype.toString()` of a finite double (ECMA-262 §6.1.6.1.20), which JCS
/// prescribes. Rust's `{:e}` gives the same shortest round-trip digits; only the layout differs.
fn es_number(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    let sci = format!("{:e}", f.abs());
    let (mantissa, exponent) = sci
        .split_once('e')
        .expect("`{:e}` always writes an exponent");
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let exponent: i32 = exponent.parse().expect("`{:e}` writes an integer exponent");
    let k = digits.len() as i32;
    let n = exponent + 1;
    let mut out = String::new();
    if f < 0.0 {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if n >= 1 { '+' } else { '-' });
        out.push_str(&(n - 1).abs().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn numbers_follow_ecmascript() {
        // The number examples of RFC 8785 appendix B, plus the values this app writes.
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (5e-324, "5e-324"),
            (-5e-324, "-5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (9007199254740992.0, "9007199254740992"),
            (-9007199254740992.0, "-9007199254740992"),
            (295147905179352830000.0, "295147905179352830000"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (333333333.3333332, "333333333.3333332"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (2.0, "2"),
            (0.5, "0.5"),
            (12.5, "12.5"),
            (-3.0, "-3"),
        ];
        for (f, want) in cases {
            assert_eq!(es_number(*f), *want, "number {f:e}");
        }
    }

    #[test]
    fn keys_are_sorted_by_utf16_and_strings_escaped_minimally() {
        let v =
            json!({"b": 1, "a": [true, null, "x\"\\\n\u{1f}/é"], "\u{e000}": 1, "\u{1f600}": 2});
        // U+1F600 is a surrogate pair (D83D…), which sorts before U+E000 in UTF-16 order.
        assert_eq!(
            canonical_json(&v),
            "{\"a\":[true,null,\"x\\\"\\\\\\n\\u001f/é\"],\"b\":1,\"\u{1f600}\":2,\"\u{e000}\":1}"
        );
    }

    /// The writer as it was before it streamed into the hash, sorted every object's keys and
    /// formatted every number: the oracle for the one in use.
    mod before {
        use super::super::es_number;
        use serde_json::Value;

        pub fn canonical_json(value: &Value) -> String {
            let mut out = String::new();
            write_value(value, &mut out);
            out
        }

        fn write_value(value: &Value, out: &mut String) {
            match value {
                Value::Null => out.push_str("null"),
                Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Value::Number(n) => match n.as_f64() {
                    Some(f) => out.push_str(&es_number(f)),
                    None => out.push_str(&n.to_string()),
                },
                Value::String(s) => write_string(s, out),
                Value::Array(items) => {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        write_value(item, out);
                    }
                    out.push(']');
                }
                Value::Object(map) => {
                    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                    entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
                    out.push('{');
                    for (i, (key, item)) in entries.into_iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        write_string(key, out);
                        out.push(':');
                        write_value(item, out);
                    }
                    out.push('}');
                }
            }
        }

        fn write_string(s: &str, out: &mut String) {
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\u{08}' => out.push_str("\\b"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\u{0c}' => out.push_str("\\f"),
                    '\r' => out.push_str("\\r"),
                    c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
        }
    }

    /// Text with what JCS treats specially: quotes, backslashes, every control character, DEL,
    /// characters on either side of the surrogates and beyond the BMP, Chinese.
    fn text() -> impl Strategy<Value = String> {
        let chars = prop_oneof![
            proptest::char::range('\u{0}', '\u{7f}'),
            proptest::sample::select(vec![
                '"',
                '\\',
                '/',
                'é',
                '中',
                '文',
                '\u{2028}',
                '\u{d7ff}',
                '\u{e000}',
                '\u{fb01}',
                '\u{ffff}',
                '\u{10000}',
                '\u{1f600}',
                '\u{10ffff}',
            ]),
            any::<char>(),
        ];
        proptest::collection::vec(chars, 0..40).prop_map(|cs| cs.into_iter().collect())
    }

    fn number() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<u64>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            (-2_000_000_000_000_000i64..2_000_000_000_000_000).prop_map(Value::from),
            (-1_000_000_000_000_001i64..=-999_999_999_999_999).prop_map(Value::from),
            (999_999_999_999_999u64..=1_000_000_000_000_001).prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            (-1e16f64..1e16).prop_map(Value::from),
            (-1000i32..1000).prop_map(|i| Value::from(f64::from(i))),
        ]
    }

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            number(),
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map(text(), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn the_canonical_form_and_its_hash_are_the_same_as_before(v in json()) {
            let expected = before::canonical_json(&v);
            prop_assert_eq!(&canonical_json(&v), &expected);
            prop_assert_eq!(sha256_of(&v), hex(&Sha256::digest(expected.as_bytes())));
        }
    }

    #[test]
    fn a_word_of_eight_bytes_is_clean_unless_one_of_them_is_escaped() {
        for filler in [b'a', 0x7f, 0xe4, 0xff, 0x20] {
            for at in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [filler; 8];
                    bytes[at] = b;
                    let word = u64::from_le_bytes(bytes);
                    assert_eq!(
                        clean_chunk(word),
                        !escaped(b),
                        "{b:#x} at {at} in {filler:#x}"
                    );
                }
            }
        }
        assert!(!clean_chunk(u64::from_le_bytes(*b"\"\\\n\0abcd")));
        assert!(clean_chunk(u64::from_le_bytes(*b"abcdefgh")));
    }

    #[test]
    fn integers_are_written_as_es_number_writes_them() {
        for n in [
            0u64,
            1,
            9,
            10,
            99,
            100,
            12345,
            999_999_999_999_999,
            u64::from(u32::MAX),
        ] {
            let mut out = String::new();
            write_number(&Number::from(n), &mut out);
            assert_eq!(out, es_number(n as f64));
            let mut out = String::new();
            write_number(&Number::from(-(n as i64)), &mut out);
            assert_eq!(out, es_number(-(n as f64)));
        }
        for n in [1_000_000_000_000_000u64, 1 << 60, u64::MAX] {
            let mut out = String::new();
            write_number(&Number::from(n), &mut out);
            assert_eq!(out, es_number(n as f64), "{n}");
        }
    }

    #[test]
    fn a_form_longer_than_one_chunk_hashes_as_a_whole() {
        // Several chunks, and a string alone longer than one.
        let long = "长".repeat(HASH_CHUNK);
        let v = json!({"a": [long.clone(), {"b": long, "c": (0..5000).collect::<Vec<_>>()}]});
        let text = canonical_json(&v);
        assert!(text.len() > 3 * HASH_CHUNK);
        assert_eq!(sha256_of(&v), hex(&Sha256::digest(text.as_bytes())));
    }

    #[test]
    fn keys_out_of_utf16_order_in_byte_order_are_sorted() {
        let keys = ["\u{e000}", "\u{1f600}", "a", "\u{ffff}x", "\u{10000}"];
        let v = Value::Object(keys.iter().map(|k| (k.to_string(), json!(1))).collect());
        assert_eq!(canonical_json(&v), before::canonical_json(&v));
        assert!(
            canonical_json(&v).starts_with("{\"a\":1,\"\u{10000}\":1,\"\u{1f600}\":1,\"\u{e000}\"")
        );
        assert!(keys_in_utf16_order(
            ["a".to_string(), "b".to_string()].iter()
        ));
        assert!(!keys_in_utf16_order(
            ["b".to_string(), "a".to_string()].iter()
        ));
        assert!(!keys_in_utf16_order(
            ["a".to_string(), "a".to_string()].iter()
        ));
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    }

    #[test]
    fn whitespace_key_order_and_integer_spelling_do_not_change_the_sum() {
        let a: Value = serde_json::from_str("{\"x\": 2.0, \"y\": [1, 2]}").unwrap();
        let b: Value = serde_json::from_str("{\"y\":[1,2],\"x\":2}").unwrap();
        assert_eq!(canonical_json(&a), "{\"x\":2,\"y\":[1,2]}");
        assert_eq!(canonical_json(&b), "{\"x\":2,\"y\":[1,2]}");
        // `printf '{"x":2,"y":[1,2]}' | sha256sum`
        assert_eq!(
            sha256_of(&a),
            "8b3489695ceb48b1ce4c210869f580fb2b316e7273a3796f4e70299209582c7b"
        );
    }
}
