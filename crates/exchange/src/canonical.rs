//! The checksum of an exchange file: SHA-256 over the RFC 8785 (JSON Canonicalization Scheme, "JCS")
//! form of the envelope's `content` member.
//!
//! JCS is what `JSON.stringify` writes once every object's keys are sorted: no whitespace, keys in
//! UTF-16 code-unit order, numbers in ECMAScript's shortest form (`1`, `0.5`, `1e+21`), strings with
//! only `"`, `\` and control characters escaped. It is chosen so that a department's IT staff can check
//! a file with any JCS library, and so that key order, indentation and `2.0` vs `2` never change the sum.

use serde_json::Value;
use sha2::{Digest, Sha256};

use zrz_domain::plan::hex;

/// The prefix of the `checksum` field; names the rule, so a later rule can use another prefix.
pub const CHECKSUM_PREFIX: &str = "sha256:";

/// `sha256:` followed by 64 lowercase hex digits.
pub fn checksum(content: &Value) -> String {
    format!(
        "{CHECKSUM_PREFIX}{}",
        hex(&Sha256::digest(canonical_json(content).as_bytes()))
    )
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
    fn whitespace_key_order_and_integer_spelling_do_not_change_the_checksum() {
        let a: Value = serde_json::from_str("{\"x\": 2.0, \"y\": [1, 2]}").unwrap();
        let b: Value = serde_json::from_str("{\"y\":[1,2],\"x\":2}").unwrap();
        assert_eq!(checksum(&a), checksum(&b));
        assert!(checksum(&a).starts_with(CHECKSUM_PREFIX));
        assert_eq!(checksum(&a).len(), CHECKSUM_PREFIX.len() + 64);
    }
}
