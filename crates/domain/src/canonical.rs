//! RFC 8785, the JSON Canonicalization Scheme ("JCS"): one byte sequence per JSON value, whatever
//! the whitespace, key order or number spelling of the text it was read from. Two rules of the
//! exchange format are SHA-256 over it: the file's checksum (`zrz_exchange::canonical`) and the
//! template's hash ([`crate::plan::template_hash`]); both are written out in `docs/format.md`.
//!
//! JCS is what `JSON.stringify` writes once every object's keys are sorted: no whitespace, keys in
//! UTF-16 code-unit order, numbers in ECMAScript's shortest form (`1`, `0.5`, `1e+21`), strings with
//! only `"`, `\` and control characters escaped. It is chosen so that a department's IT staff can
//! reproduce either rule with any JCS library (or the Python of `docs/format.md`).

use serde_json::Value;
use sha2::{Digest, Sha256};

/// Lowercase hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of the JCS form of `value`, in lowercase hex (64 digits).
pub fn sha256_of(value: &Value) -> String {
    hex(&Sha256::digest(canonical_json(value).as_bytes()))
}

/// The RFC 8785 serialisation of `value`.
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
            // Arbitrary-precision numbers are not enabled; this arm only keeps the match total.
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
