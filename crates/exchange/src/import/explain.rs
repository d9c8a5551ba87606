//! serde's and serde_json's English messages as typed problems ([`SyntaxProblem`],
//! [`ValueProblem`]), which the UI words.

use crate::error::{SyntaxProblem, ValueProblem};

/// serde_json's syntax messages by what the parser expected; rare ones stay as they are.
pub(crate) fn explain_syntax(detail: &str) -> SyntaxProblem {
    let known: &[(&str, SyntaxProblem)] = &[
        ("expected value", SyntaxProblem::ExpectedValue),
        ("expected `,` or `}`", SyntaxProblem::ExpectedCommaOrBrace),
        ("expected `,` or `]`", SyntaxProblem::ExpectedCommaOrBracket),
        ("expected `:`", SyntaxProblem::ExpectedColon),
        ("trailing comma", SyntaxProblem::TrailingComma),
        ("key must be a string", SyntaxProblem::KeyMustBeString),
        ("trailing characters", SyntaxProblem::TrailingCharacters),
        ("invalid escape", SyntaxProblem::InvalidEscape),
        ("invalid number", SyntaxProblem::InvalidNumber),
        ("number out of range", SyntaxProblem::NumberOutOfRange),
        ("expected ident", SyntaxProblem::ExpectedIdent),
        ("control character", SyntaxProblem::ControlCharacter),
    ];
    match known.iter().find(|(en, _)| detail.starts_with(en)) {
        Some((_, problem)) => problem.clone(),
        None => SyntaxProblem::Other(detail.to_string()),
    }
}

/// serde's messages about a value, by what went wrong.
pub(crate) fn explain(message: &str) -> ValueProblem {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or_default().to_string();
    if message.starts_with("missing field") {
        ValueProblem::MissingField {
            field: quoted(message),
        }
    } else if message.starts_with("unknown variant") {
        let expected = message
            .split("expected ")
            .nth(1)
            .unwrap_or_default()
            .split(", ")
            .flat_map(|part| part.split(" or "))
            .map(|choice| choice.trim().trim_start_matches("one of ").replace('`', ""))
            .filter(|choice| !choice.is_empty())
            .collect();
        ValueProblem::UnknownVariant {
            found: quoted(message),
            expected,
        }
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        ValueProblem::WrongType {
            expected: expected.to_string(),
            found: found.to_string(),
        }
    } else if is_iso_refusal(message)
        || [
            "input contains invalid characters",
            "premature end of input",
            "input is out of range",
            "trailing input",
            "input is not enough",
        ]
        .iter()
        .any(|m| message.starts_with(m))
    {
        ValueProblem::DateSyntax
    } else {
        ValueProblem::Serde {
            message: message.to_string(),
        }
    }
}

/// A date or time field's own refusal (`zrz_domain::iso`); the other messages of the same
/// condition above are chrono's, from fields it reads itself.
fn is_iso_refusal(message: &str) -> bool {
    message.starts_with("invalid value: ")
        && [zrz_domain::iso::DATE, zrz_domain::iso::TIME]
            .iter()
            .any(|what| message.ends_with(&format!("expected {what}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_are_typed() {
        let e = explain("missing field `unit`");
        assert_eq!(
            e,
            ValueProblem::MissingField {
                field: "unit".into()
            }
        );
        assert_eq!(
            explain("invalid type: string \"x\", expected i32"),
            ValueProblem::WrongType {
                expected: "i32".into(),
                found: "string \"x\"".into()
            }
        );
        assert_eq!(
            explain("invalid type: integer `3`, expected a boolean"),
            ValueProblem::WrongType {
                expected: "a boolean".into(),
                found: "integer `3`".into()
            }
        );
        assert_eq!(
            explain_syntax("expected `,` or `}`"),
            SyntaxProblem::ExpectedCommaOrBrace
        );
        let e = explain("unknown variant `done`, expected one of `a`, `b`, `c`");
        assert_eq!(
            e,
            ValueProblem::UnknownVariant {
                found: "done".into(),
                expected: vec!["a".into(), "b".into(), "c".into()]
            }
        );
        let e = explain("unknown variant `x`, expected `a` or `b`");
        assert!(
            matches!(e, ValueProblem::UnknownVariant { expected, .. } if expected == ["a", "b"])
        );
        assert_eq!(explain("premature end of input"), ValueProblem::DateSyntax);
        for what in [zrz_domain::iso::DATE, zrz_domain::iso::TIME] {
            let message = format!("invalid value: string \"昨天\", expected {what}");
            assert_eq!(explain(&message), ValueProblem::DateSyntax, "{message}");
        }
        assert_eq!(
            explain("something else"),
            ValueProblem::Serde {
                message: "something else".into()
            }
        );
        assert_eq!(
            explain_syntax("oddity"),
            SyntaxProblem::Other("oddity".into())
        );
        assert_eq!(
            explain_syntax("control character (\\u0000-\\u001F) found"),
            SyntaxProblem::ControlCharacter
        );
    }
}
