//! A template refused names the place at fault in words a clerk reads (moved from the domain's
//! `template_validation` tests when its errors became codes: the domain says which place and which
//! problem, these rows check the Chinese that names them). Each row starts from the shipped template
//! and breaks exactly one rule.

use serde_json::{json, Value};
use zrz_domain::plan::{Template, TemplateError, SHIPPED_TEMPLATE_JSON};

struct Worded {
    at: String,
    problem: String,
}

impl std::fmt::Display for Worded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}：{}", self.at, self.problem)
    }
}

fn worded(e: TemplateError) -> Worded {
    use super::super::zh;
    let w = Worded {
        at: zh::template_place(&e.at),
        problem: zh::template_problem(&e.problem),
    };
    let en = super::super::en::template(&e);
    assert!(!en.trim().is_empty());
    w
}

fn shipped_value() -> Value {
    serde_json::from_str(SHIPPED_TEMPLATE_JSON).expect("shipped template is JSON")
}

fn chapters_mut(v: &mut Value) -> impl Iterator<Item = &mut Value> {
    v["parts"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|p| p["chapters"].as_array_mut().unwrap().iter_mut())
}

fn chapter_mut<'v>(v: &'v mut Value, id: &str) -> &'v mut Value {
    chapters_mut(v)
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no chapter {id}"))
}

fn item_mut<'v>(v: &'v mut Value, id: &str) -> &'v mut Value {
    chapters_mut(v)
        .flat_map(|c| c["items"].as_array_mut().unwrap().iter_mut())
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn parse(v: &Value) -> Result<Template, Worded> {
    Template::parse(&serde_json::to_string(v).unwrap()).map_err(worded)
}

struct Row {
    name: &'static str,
    mutate: fn(&mut Value),
    at: &'static str,
    problem: &'static [&'static str],
}

const ROWS: &[Row] = &[
    Row {
        name: "duplicate item id",
        mutate: |v| item_mut(v, "4.1.2")["id"] = json!("4.1.1"),
        at: "检查项 4.1.1",
        problem: &["标识重复"],
    },
    Row {
        name: "duplicate item id across chapters",
        mutate: |v| item_mut(v, "7.1")["id"] = json!("3.1"),
        at: "检查项 3.1",
        problem: &["标识重复"],
    },
    Row {
        name: "item without id",
        mutate: |v| item_mut(v, "4.5.2")["id"] = json!(" "),
        at: "章节 4.5",
        problem: &["缺少标识"],
    },
    Row {
        name: "duplicate chapter id",
        mutate: |v| chapter_mut(v, "4.2")["id"] = json!("4.1"),
        at: "章节 4.1",
        problem: &["章节标识重复"],
    },
    Row {
        name: "duplicate part id",
        mutate: |v| v["parts"][5]["id"] = json!("6"),
        at: "第七部分",
        problem: &["部分标识 6 重复"],
    },
    Row {
        name: "chapter without items",
        mutate: |v| {
            let c = chapter_mut(v, "4.7");
            c["items"] = json!([]);
            c["weight"] = json!(0);
        },
        at: "章节 4.7",
        problem: &["没有任何检查项"],
    },
    Row {
        name: "chapter weight not matching its points",
        mutate: |v| chapter_mut(v, "4.2")["weight"] = json!(7),
        at: "章节 4.2",
        problem: &["章节权重 7", "分值之和 6", "不一致"],
    },
    Row {
        name: "item points not matching the chapter weight",
        mutate: |v| item_mut(v, "4.6.3")["points"] = json!(1.5),
        at: "章节 4.6",
        problem: &["章节权重 6", "分值之和 6.5", "不一致"],
    },
    Row {
        name: "total not 100",
        mutate: |v| {
            item_mut(v, "4.2.1")["points"] = json!(3);
            chapter_mut(v, "4.2")["weight"] = json!(7);
        },
        at: "模板",
        problem: &["权重之和为 101", "应为 100"],
    },
    Row {
        name: "unknown kind",
        mutate: |v| item_mut(v, "3.1")["kind"] = json!("duty"),
        at: "检查项 3.1",
        problem: &["未知的检查项类型", "“duty”", "task/quota/red_line"],
    },
    Row {
        name: "unknown kind carrying quota settings",
        mutate: |v| item_mut(v, "4.1.1")["kind"] = json!("count"),
        at: "检查项 4.1.1",
        problem: &["未知的检查项类型", "“count”"],
    },
    Row {
        name: "unknown dimension",
        mutate: |v| item_mut(v, "4.3.2")["dimension"] = json!("zhi"),
        at: "检查项 4.3.2",
        problem: &["未知的考核维度", "“zhi”", "de/neng/qin/ji/lian"],
    },
    Row {
        name: "dimension given as its label",
        mutate: |v| item_mut(v, "4.3.2")["dimension"] = json!("绩"),
        at: "检查项 4.3.2",
        problem: &["未知的考核维度", "“绩”"],
    },
    Row {
        name: "quota without quota settings",
        mutate: |v| {
            item_mut(v, "4.1.1")
                .as_object_mut()
                .unwrap()
                .remove("quota");
        },
        at: "检查项 4.1.1",
        problem: &["quota", "缺少 quota 设置"],
    },
    Row {
        name: "quota with null quota settings",
        mutate: |v| item_mut(v, "6.5")["quota"] = Value::Null,
        at: "检查项 6.5",
        problem: &["缺少 quota 设置"],
    },
    Row {
        name: "quota naming an undeclared activity",
        mutate: |v| item_mut(v, "4.1.2")["quota"]["activity"] = json!("banquet"),
        at: "检查项 4.1.2",
        problem: &["“banquet”", "未在 activities 中定义"],
    },
    Row {
        name: "quota whose activity was removed from the declarations",
        mutate: |v| {
            let acts = v["activities"].as_array_mut().unwrap();
            acts.retain(|a| a["id"] != "red_education");
        },
        at: "检查项 4.3.4",
        problem: &["“red_education”", "未在 activities 中定义"],
    },
    Row {
        name: "quota of zero per year",
        mutate: |v| item_mut(v, "4.1.1")["quota"]["per_year"] = json!(0),
        at: "检查项 4.1.1",
        problem: &["至少为 1"],
    },
    Row {
        name: "task with quota settings",
        mutate: |v| item_mut(v, "4.2.3")["quota"] = json!({"per_year": 1, "activity": "other"}),
        at: "检查项 4.2.3",
        problem: &["只有类型为 quota 的检查项才能有 quota 设置"],
    },
    Row {
        name: "red line with quota settings",
        mutate: |v| item_mut(v, "7.9")["quota"] = json!({"per_year": 1, "activity": "other"}),
        at: "检查项 7.9",
        problem: &["只有类型为 quota 的检查项才能有 quota 设置"],
    },
    Row {
        name: "empty text",
        mutate: |v| item_mut(v, "4.5.2")["text"] = json!(""),
        at: "检查项 4.5.2",
        problem: &["缺少原文"],
    },
    Row {
        name: "blank text",
        mutate: |v| item_mut(v, "6.3")["text"] = json!(" \n\t"),
        at: "检查项 6.3",
        problem: &["缺少原文"],
    },
    Row {
        name: "negative points",
        mutate: |v| item_mut(v, "4.6.1")["points"] = json!(-1),
        at: "检查项 4.6.1",
        problem: &["分值 -1 无效", "非负数"],
    },
    Row {
        name: "credit above 1",
        mutate: |v| v["credit"]["partial"] = json!(1.5),
        at: "credit",
        problem: &["partial", "1.5", "0 到 1"],
    },
    Row {
        name: "credit below 0",
        mutate: |v| v["credit"]["occurred"] = json!(-0.5),
        at: "credit",
        problem: &["occurred", "-0.5", "0 到 1"],
    },
    Row {
        name: "duplicate activity",
        mutate: |v| {
            v["activities"]
                .as_array_mut()
                .unwrap()
                .push(json!({"id": "training", "name": "培训"}))
        },
        at: "活动类型 training",
        problem: &["活动类型标识重复"],
    },
    Row {
        name: "missing template id",
        mutate: |v| v["id"] = json!(""),
        at: "模板",
        problem: &["缺少模板标识"],
    },
    Row {
        name: "missing template version",
        mutate: |v| v["version"] = json!("  "),
        at: "模板",
        problem: &["缺少模板版本"],
    },
];

#[test]
fn each_broken_rule_is_refused_naming_the_place_at_fault() {
    for row in ROWS {
        let mut v = shipped_value();
        (row.mutate)(&mut v);
        let err = match parse(&v) {
            Ok(_) => panic!("row {:?}: mutated template was accepted", row.name),
            Err(e) => e,
        };
        assert_eq!(err.at, row.at, "row {:?}: wrong place ({err})", row.name);
        for needle in row.problem {
            assert!(
                err.problem.contains(needle),
                "row {:?}: problem {:?} should mention {needle:?}",
                row.name,
                err.problem
            );
        }
        assert_eq!(err.to_string(), format!("{}：{}", err.at, err.problem));
    }
}

#[test]
fn malformed_json_is_refused_with_its_position() {
    let broken =
        SHIPPED_TEMPLATE_JSON.replacen("\"version\": \"2024.2\",", "\"version\": \"2024.2\"", 1);
    let err = Template::parse(&broken).map_err(worded).unwrap_err();
    assert_eq!(
        err.at, "第 4 行第 3 列",
        "the missing comma is noticed where the next key starts"
    );
    assert!(
        err.problem.contains("不是有效的方案模板 JSON"),
        "{}",
        err.problem
    );

    let mut v = shipped_value();
    item_mut(&mut v, "3.1")["points"] = json!("2");
    let err = parse(&v).unwrap_err();
    assert!(err.at.starts_with("第 1 行第 "), "{}", err.at);
}
