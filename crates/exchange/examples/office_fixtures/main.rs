//! The office's e2e fixture set (`tests/fixtures/office/`), written through the exchange crate's
//! public API so the files are exactly what the app exports, and `expected.json`, the summary
//! figures the domain computes for them (what the 汇总 table must show).
//!
//! ```sh
//! cargo run -p zrz-exchange --example office_fixtures -- tests/fixtures/office
//! ```
//!
//! Batch 1 (received at once): 办公室, 宣传股 (a red line occurred), 文物股 (sanitised), 图书馆
//! (another template version, one item differing), a 核查意见 (refused) and broken JSON (refused).
//! Batch 2: a later 办公室 export (replaces), a copy of 宣传股 (already held), an earlier 办公室
//! export (kept as older), and 办公室 2024 (year over year).

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};

use zrz_domain::consolidate::{department_row, DepartmentFile};
use zrz_domain::number::fmt1;
use zrz_domain::plan::Template;
use zrz_domain::record::{Answer, Assessment, Response};
use zrz_exchange::import::read_file;
use zrz_exchange::{export_assessment, ExportMeta};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("a time")
}

fn meta(exported: &str, sanitized: bool) -> ExportMeta {
    ExportMeta {
        exported_at: at(exported),
        app_version: "0.2.0".into(),
        sanitized,
        local_offset: ExportMeta::china(),
    }
}

fn main() {
    let out: PathBuf = std::env::args().nth(1).expect("the output folder").into();
    std::fs::create_dir_all(out.join("batch1")).unwrap();
    std::fs::create_dir_all(out.join("batch2")).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/exchange");
    let bytes = std::fs::read(root.join("v3_assessment.json")).unwrap();
    let base: Assessment = read_file(&bytes).unwrap().assessment().unwrap().clone();
    let template = Template::shipped();
    let today = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    let named = |department: &str, year: i32| {
        let mut a = base.clone();
        a.profile.department = department.into();
        a.profile.year = year;
        a
    };
    let write = |name: &str, a: &Assessment, m: &ExportMeta| {
        let text = export_assessment(a, &Default::default(), &template, m);
        std::fs::write(out.join(name), &text).unwrap();
        text
    };

    let office = named("办公室", 2025);
    let mut publicity = named("宣传股", 2025);
    let done = base.answers.get("3.1").cloned().unwrap_or_default();
    for item in template.items() {
        let answer = if item.kind.is_red_line() {
            Answer {
                response: Some(Response::NotOccurred),
                ..Answer::default()
            }
        } else {
            Answer {
                response: Some(Response::Implemented),
                ..done.clone()
            }
        };
        publicity.answers.insert(item.id.clone(), answer);
    }
    let red = template
        .items()
        .find(|i| i.kind.is_red_line())
        .expect("the plan has red lines");
    publicity.answers.insert(
        red.id.clone(),
        Answer {
            response: Some(Response::Occurred),
            occurred_on: NaiveDate::from_ymd_opt(2025, 5, 1),
            note: "某微信公众号转发不当言论，已删除并约谈".into(),
            ..Answer::default()
        },
    );
    let relics = named("文物股", 2025);
    let library = named("图书馆", 2025);
    let mut office_later = office.clone();
    office_later.answers.insert(
        "4.1.2".into(),
        Answer {
            response: Some(Response::Implemented),
            ..done.clone()
        },
    );
    let office_2024 = named("办公室", 2024);

    write(
        "batch1/01-办公室-2025.json",
        &office,
        &meta("2025-06-01T02:00:00Z", false),
    );
    let publicity_text = write(
        "batch1/02-宣传股-2025.json",
        &publicity,
        &meta("2025-06-02T02:00:00Z", false),
    );
    write(
        "batch1/03-文物股-2025-脱敏.json",
        &relics,
        &meta("2025-06-03T02:00:00Z", true),
    );
    // Another template version: the header names 2024.1 and one item's digest differs.
    let library_text = export_assessment(
        &library,
        &Default::default(),
        &template,
        &meta("2025-06-04T02:00:00Z", false),
    );
    let mut v: Value = serde_json::from_str(&library_text).unwrap();
    v["template"]["version"] = json!("2024.1");
    v["template"]["hash"] =
        json!("0000000000000000000000000000000000000000000000000000000000000000");
    v["template"]["items"]["4.1.1"] = json!("000000000000");
    std::fs::write(
        out.join("batch1/04-图书馆-2025-旧版方案.json"),
        serde_json::to_string_pretty(&v).unwrap(),
    )
    .unwrap();
    std::fs::copy(
        root.join("v3_findings.json"),
        out.join("batch1/05-核查意见.json"),
    )
    .unwrap();
    std::fs::write(
        out.join("batch1/06-损坏.json"),
        "{ \"format\": \"zrz-exchange\", ",
    )
    .unwrap();

    write(
        "batch2/07-办公室-2025-更新.json",
        &office_later,
        &meta("2025-07-01T02:00:00Z", false),
    );
    std::fs::write(out.join("batch2/08-宣传股-2025-副本.json"), &publicity_text).unwrap();
    write(
        "batch2/09-办公室-2025-较早.json",
        &office,
        &meta("2025-05-01T02:00:00Z", false),
    );
    write(
        "batch2/10-办公室-2024.json",
        &office_2024,
        &meta("2024-12-20T02:00:00Z", false),
    );

    // What the table shows after both batches (year 2025).
    let row = |a: &Assessment, sanitized: bool| {
        let f = DepartmentFile {
            assessment: a,
            review: None,
            exported_at: None,
            sanitized,
        };
        let r = department_row(&f, &template, today);
        json!({
            "department": a.profile.department,
            "completion": format!("{}%", fmt1(r.completion)),
            "score": r.self_score.map_or("—".into(), fmt1),
            "red_lines": r.red_lines.len(),
            "overdue": r.overdue,
            "excellent": r.grades.excellent,
        })
    };
    let expected = json!({
        "after_batch2": [
            row(&office_later, false),
            row(&publicity, false),
            row(&relics, true),
            row(&library, false),
        ],
        "red_line_item": red.id,
    });
    std::fs::write(
        out.join("expected.json"),
        serde_json::to_string_pretty(&expected).unwrap(),
    )
    .unwrap();
}
