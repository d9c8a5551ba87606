//! CSV that Excel and WPS open with Chinese intact and cannot be turned into formulas.
//!
//! - UTF-8 with a byte-order mark: without it Excel on a Chinese Windows reads the file as GBK
//!   and shows mojibake.
//! - CRLF after every record, including the last (RFC 4180).
//! - A field holding `,` `"` CR or LF is quoted, and `"` inside it doubled (RFC 4180).
//! - Formula injection: a spreadsheet runs a field that starts with `=`, `+`, `-` or `@` (and,
//!   in some, tab or CR) as a formula, so a department's note "=HYPERLINK(…)" could become a
//!   link or worse on the office's machine. Such a *text* field gets a leading `'`, which the
//!   reader sees and which marks the cell as text. Numbers are passed as [`Field::Number`] so
//!   that `-3.5` stays a number: it is never guarded, because a number cannot be a formula.
//! - A number is written as [`crate`]'s number rule says: the value given, in its shortest exact
//!   form (`90`, `85.5`); non-finite values as an empty field.

/// One field of a record.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// Text, written as given except for quoting and the formula guard.
    Text(String),
    /// A number, written in its shortest exact form; NaN and infinities as an empty field.
    Number(f64),
}

impl From<&str> for Field {
    fn from(s: &str) -> Self {
        Field::Text(s.to_owned())
    }
}

impl From<String> for Field {
    fn from(s: String) -> Self {
        Field::Text(s)
    }
}

impl From<f64> for Field {
    fn from(x: f64) -> Self {
        Field::Number(x)
    }
}

/// The byte-order mark that tells Excel the file is UTF-8.
const BOM: char = '\u{FEFF}';

/// The whole file: a byte-order mark, then each row as a CRLF-terminated record.
pub fn to_csv(rows: &[Vec<Field>]) -> String {
    let mut out = String::from(BOM);
    for row in rows {
        for (i, field) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_field(&mut out, field);
        }
        out.push_str("\r\n");
    }
    out
}

fn write_field(out: &mut String, field: &Field) {
    match field {
        Field::Number(x) => out.push_str(&crate::number_text(*x).unwrap_or_default()),
        Field::Text(s) => write_text(out, s),
    }
}

fn write_text(out: &mut String, s: &str) {
    let guard = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = s.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(field: Field) -> String {
        let csv = to_csv(&[vec![field]]);
        let body = csv.strip_prefix(BOM).expect("a BOM");
        body.strip_suffix("\r\n").expect("CRLF").to_owned()
    }

    fn text(s: &str) -> String {
        one(Field::from(s))
    }

    #[test]
    fn the_file_starts_with_a_bom_and_every_record_ends_with_crlf() {
        let rows = vec![
            vec![Field::from("部门"), Field::from("得分")],
            vec![Field::from("办公室"), Field::Number(85.5)],
        ];
        assert_eq!(
            to_csv(&rows).as_bytes(),
            "\u{FEFF}部门,得分\r\n办公室,85.5\r\n".as_bytes()
        );
        assert_eq!(&to_csv(&rows).as_bytes()[..3], b"\xEF\xBB\xBF");
        assert_eq!(to_csv(&[]), "\u{FEFF}");
        assert_eq!(to_csv(&[vec![]]), "\u{FEFF}\r\n");
    }

    #[test]
    fn rfc4180_quoting() {
        assert_eq!(text("plain 文本"), "plain 文本");
        assert_eq!(text("a,b"), "\"a,b\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text("line1\nline2"), "\"line1\nline2\"");
        assert_eq!(text("line1\r\nline2"), "\"line1\r\nline2\"");
        assert_eq!(text(""), "");
        // Only the four characters force quotes.
        assert_eq!(text(" lead;tab\there'"), " lead;tab\there'");
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_is_guarded() {
        assert_eq!(text("=1+1"), "'=1+1");
        assert_eq!(text("+86 123"), "'+86 123");
        assert_eq!(text("-3.5"), "'-3.5");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("\tx"), "'\tx");
        assert_eq!(text("\rx"), "\"'\rx\"", "guarded inside the quotes");
        assert_eq!(
            text("=HYPERLINK(\"http://x\",\"点击\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\""
        );
        // Not at the start: nothing to guard.
        assert_eq!(text("a=b"), "a=b");
        assert_eq!(text("'quoted"), "'quoted");
    }

    #[test]
    fn numbers_are_never_guarded_and_are_shortest() {
        assert_eq!(one(Field::Number(-3.5)), "-3.5");
        assert_eq!(one(Field::Number(90.0)), "90");
        assert_eq!(one(Field::Number(85.5)), "85.5");
        assert_eq!(one(Field::Number(0.0)), "0");
        assert_eq!(one(Field::Number(-0.0)), "0");
        assert_eq!(one(Field::Number(f64::NAN)), "");
        assert_eq!(one(Field::Number(f64::INFINITY)), "");
        assert_eq!(one(Field::Number(f64::NEG_INFINITY)), "");
    }
}
