//! Text into XML, shared by the xlsx and docx writers.
//!
//! Everything a department typed or pasted passes through [`text`] or [`attr`] on its way into a
//! part, so no input can make a package unreadable: the five markup characters are escaped and
//! the characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) are
//! dropped. Dropping rather than replacing them is deliberate: they are invisible in every
//! editor the text came from (a NUL or a vertical tab from a pasted PDF), so nothing the reader
//! could see is lost.

/// Whether XML 1.0 allows `c` anywhere in a document (`Char` production, section 2.2).
///
/// Rust's `char` already excludes the surrogates, so only the C0 controls and the two
/// non-characters at the top of the basic plane remain to refuse.
pub(crate) fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `s` to `out` as element content: `&`, `<` and `>` escaped, forbidden characters
/// dropped.
pub(crate) fn text(out: &mut String, s: &str) {
    escape(out, s, false);
}

/// Appends `s` to `out` as the value of an attribute quoted with `"`: as [`text`], and `"` and
/// `'` escaped too.
pub(crate) fn attr(out: &mut String, s: &str) {
    escape(out, s, true);
}

fn escape(out: &mut String, s: &str, in_attr: bool) {
    for c in s.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attr => out.push_str("&quot;"),
            '\'' if in_attr => out.push_str("&apos;"),
            // A parser turns a literal tab, LF or CR in an attribute into a space.
            '\t' if in_attr => out.push_str("&#9;"),
            '\n' if in_attr => out.push_str("&#10;"),
            '\r' if in_attr => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// The declaration every part starts with.
pub(crate) const DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// A small well-formedness check for the tests: enough of XML 1.0 to catch what an escaping bug
/// would produce (a stray `<` or `&`, an unknown entity, a forbidden character, unbalanced or
/// crossed tags, an unquoted or duplicated attribute, text outside the root).
#[cfg(test)]
pub(crate) fn check_well_formed(doc: &str) -> Result<(), String> {
    wellformed::check(doc)
}

#[cfg(test)]
mod wellformed {
    use super::allowed;

    pub(super) fn check(doc: &str) -> Result<(), String> {
        if let Some(c) = doc.chars().find(|&c| !allowed(c)) {
            return Err(format!("forbidden character U+{:04X}", u32::from(c)));
        }
        let mut rest = doc.strip_prefix("<?xml ").map_or(doc, |after| {
            after.find("?>").map_or(after, |end| &after[end + 2..])
        });
        let mut open: Vec<&str> = Vec::new();
        let mut roots = 0;
        while !rest.is_empty() {
            let lt = rest.find('<').unwrap_or(rest.len());
            let (chars, after) = rest.split_at(lt);
            if open.is_empty() && !chars.trim().is_empty() {
                return Err(format!("text outside the root: {chars:?}"));
            }
            check_chars(chars)?;
            if after.is_empty() {
                break;
            }
            let gt = after.find('>').ok_or("unclosed tag")?;
            let tag = &after[1..gt];
            rest = &after[gt + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                match open.pop() {
                    Some(top) if top == name => {}
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
                continue;
            }
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let name = check_start_tag(tag)?;
            if open.is_empty() {
                roots += 1;
            }
            if !empty {
                open.push(name);
            }
        }
        match (open.last(), roots) {
            (Some(name), _) => Err(format!("<{name}> never closed")),
            (None, 1) => Ok(()),
            (None, n) => Err(format!("{n} root elements")),
        }
    }

    fn check_start_tag(tag: &str) -> Result<&str, String> {
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let (name, mut attrs) = tag.split_at(name_end);
        check_name(name)?;
        let mut seen = Vec::new();
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() {
                return Ok(name);
            }
            let eq = attrs
                .find('=')
                .ok_or_else(|| format!("attribute without value in <{tag}>"))?;
            let attr_name = attrs[..eq].trim_end();
            check_name(attr_name)?;
            if seen.contains(&attr_name) {
                return Err(format!("duplicate attribute {attr_name}"));
            }
            seen.push(attr_name);
            let value = attrs[eq + 1..].trim_start();
            let quote = value.chars().next().filter(|q| matches!(q, '"' | '\''));
            let quote = quote.ok_or_else(|| format!("unquoted attribute {attr_name}"))?;
            let close = value[1..]
                .find(quote)
                .ok_or("unterminated attribute value")?;
            let inner = &value[1..1 + close];
            if inner.contains('<') {
                return Err(format!("'<' in attribute {attr_name}"));
            }
            check_chars(inner)?;
            attrs = &value[close + 2..];
            if !attrs.is_empty() && !attrs.starts_with(char::is_whitespace) {
                return Err(format!("no space after attribute {attr_name}"));
            }
        }
    }

    fn check_name(name: &str) -> Result<(), String> {
        let mut chars = name.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_');
        let rest_ok = chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'));
        if first_ok && rest_ok {
            Ok(())
        } else {
            Err(format!("bad name {name:?}"))
        }
    }

    /// Character data: every `&` starts a known entity or a character reference to an allowed
    /// character; `>` is allowed (only `]]>` is not, and we never write it unescaped).
    fn check_chars(s: &str) -> Result<(), String> {
        if s.contains("]]>") {
            return Err("]]> in character data".into());
        }
        let mut rest = s;
        while let Some(amp) = rest.find('&') {
            let after = &rest[amp + 1..];
            let semi = after.find(';').ok_or("'&' without ';'")?;
            let entity = &after[..semi];
            let known = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos");
            let code = entity
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse));
            let reference_ok =
                matches!(code, Some(Ok(n)) if char::from_u32(n).is_some_and(allowed));
            if !known && !reference_ok {
                return Err(format!("bad entity &{entity};"));
            }
            rest = &after[semi + 1..];
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_text(s: &str) -> String {
        let mut out = String::new();
        text(&mut out, s);
        out
    }

    fn as_attr(s: &str) -> String {
        let mut out = String::new();
        attr(&mut out, s);
        out
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(as_text(r#"a<b>&"c'"#), r#"a&lt;b&gt;&amp;"c'"#);
        assert_eq!(as_attr(r#"a<b>&"c'"#), "a&lt;b&gt;&amp;&quot;c&apos;");
    }

    #[test]
    fn whitespace_in_attributes_survives_normalisation() {
        assert_eq!(as_attr("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
        assert_eq!(as_text("a\tb\nc"), "a\tb\nc");
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        let pasted = "自查\u{0}报告\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}完成\u{7F}";
        // U+007F is allowed by XML 1.0 (discouraged, not forbidden) and kept.
        assert_eq!(as_text(pasted), "自查报告完成\u{7F}");
    }

    #[test]
    fn allowed_matches_the_char_production() {
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            '\u{D7FF}',
            '\u{E000}',
            '\u{FFFD}',
            '\u{10000}',
            '😀',
        ] {
            assert!(allowed(c), "{c:?}");
        }
        for c in [
            '\u{0}', '\u{8}', '\u{B}', '\u{C}', '\u{E}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
        ] {
            assert!(!allowed(c), "{c:?}");
        }
    }

    #[test]
    fn the_checker_refuses_what_a_parser_refuses() {
        let bad = [
            "<a>x<b</a>",
            "<a>&</a>",
            "<a>&nbsp;</a>",
            "<a>&#0;</a>",
            "<a b=c/>",
            "<a b=\"1\" b=\"2\"/>",
            "<a><b></a></b>",
            "<a>",
            "<a/><b/>",
            "text<a/>",
            "<a>\u{1}</a>",
            "<a b=\"<\"/>",
        ];
        for doc in bad {
            assert!(check_well_formed(doc).is_err(), "accepted {doc:?}");
        }
        let good = "<?xml version=\"1.0\"?>\n<a x=\"1\" y='2'><b/>t &amp; &#x4E2D;&#20013;</a>\n";
        assert_eq!(check_well_formed(good), Ok(()));
    }
}
