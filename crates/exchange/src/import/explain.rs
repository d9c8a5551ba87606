//! serde's and serde_json's English messages, in words office staff can act on.

/// serde_json's syntax messages in Chinese; rare ones stay as they are.
pub(crate) fn explain_syntax(detail: &str) -> String {
    let known: &[(&str, &str)] = &[
        ("expected value", "此处应有一个值"),
        ("expected `,` or `}`", "缺少逗号或右花括号 }"),
        ("expected `,` or `]`", "缺少逗号或右方括号 ]"),
        ("expected `:`", "键后面缺少冒号"),
        ("trailing comma", "多了一个逗号"),
        ("key must be a string", "键必须是带双引号的文字"),
        ("trailing characters", "JSON 已经结束，后面还有多余内容"),
        ("invalid escape", "反斜杠 \\ 后的转义写法不对"),
        ("invalid number", "数字写法不对"),
        ("number out of range", "数字超出范围"),
        ("expected ident", "true、false 或 null 拼写不对"),
    ];
    match known.iter().find(|(en, _)| detail.starts_with(en)) {
        Some((_, zh)) => (*zh).to_string(),
        None if detail.starts_with("control character") => {
            "文字中有未转义的控制字符（如直接换行）".into()
        }
        None => detail.to_string(),
    }
}

/// serde's English messages, in words office staff can act on.
pub(crate) fn explain(message: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or_default().to_string();
    if message.starts_with("missing field") {
        format!("缺少必填字段 {}", quoted(message))
    } else if message.starts_with("unknown variant") {
        let choices = message
            .split("expected ")
            .nth(1)
            .unwrap_or_default()
            .replace('`', "");
        format!("取值“{}”无效，应为 {choices}", quoted(message))
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        format!(
            "类型不对：应为{}，实为{}",
            type_name(expected),
            type_name(found)
        )
    } else if [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "trailing input",
        "input is not enough",
    ]
    .iter()
    .any(|m| message.starts_with(m))
    {
        "日期或时间写法不对，应为 2025-03-14 或 2025-03-14T08:30:00Z 这样的写法".into()
    } else {
        format!("取值无效（{message}）")
    }
}

/// "a boolean" → "是/否（true 或 false）", "string \"yes\"" → "文字 \"yes\"".
fn type_name(serde: &str) -> String {
    let names: &[(&str, &str)] = &[
        ("a boolean", "是/否（true 或 false）"),
        ("boolean", "是/否"),
        ("a string", "文字"),
        ("string", "文字"),
        ("a sequence", "列表 [...]"),
        ("sequence", "列表"),
        ("a map", "对象 {...}"),
        ("map", "对象"),
        ("struct ", "对象 {...}"),
        ("a formatted date string", "日期文字"),
        ("a formatted date and time string", "时间文字"),
        ("an RFC 3339 formatted date and time string", "时间文字"),
        ("integer", "整数"),
        ("i32", "整数"),
        ("u32", "非负整数"),
        ("u64", "非负整数"),
        ("f64", "数字"),
        ("floating point", "数字"),
        ("null", "null（空）"),
        ("unit value", "null（空）"),
    ];
    match names.iter().find(|(en, _)| serde.starts_with(en)) {
        Some((en, zh)) => format!(" {zh}{}", &serde[en.len()..])
            .trim_end()
            .to_string(),
        None => format!(" {serde}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_are_explained() {
        assert_eq!(explain("missing field `unit`"), "缺少必填字段 unit");
        assert_eq!(
            explain("invalid type: string \"x\", expected i32"),
            "类型不对：应为 整数，实为 文字 \"x\""
        );
        assert_eq!(
            explain("invalid type: integer `3`, expected a boolean"),
            "类型不对：应为 是/否（true 或 false），实为 整数 `3`"
        );
        assert_eq!(
            explain_syntax("expected `,` or `}`"),
            "缺少逗号或右花括号 }"
        );
        assert!(
            explain("unknown variant `done`, expected `a` or `b`").starts_with("取值“done”无效")
        );
    }
}
