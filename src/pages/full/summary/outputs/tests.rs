//! The outputs on the office's fixture set (tests/fixtures/office): the workbook and the report
//! open in LibreOffice (headless) with the departments' figures in them; the CSVs carry a byte-order
//! mark and the long table's columns.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;

use super::*;
use zrz_domain::consolidate::{
    cadre_rows, department_rows, grade_distribution, item_rows, red_line_cases,
    scores_by_department, select_current, totals_and_averages, weak_items, DepartmentFile,
};
use zrz_domain::number::fmt_num;
use zrz_domain::record::{Method, Response, Verdict};
use zrz_domain::review::{AccountabilityRecord, Decision, Review, Verification};
use zrz_domain::scoring::RatingSettings;
use zrz_exchange::import::read_file;

fn fixtures() -> Vec<(Assessment, bool)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/office");
    let mut out = Vec::new();
    for batch in ["batch1", "batch2"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(root.join(batch))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        for path in names {
            let Ok(imported) = read_file(&std::fs::read(&path).unwrap()) else {
                continue;
            };
            if let Some(a) = imported.assessment() {
                out.push((a.clone(), imported.header.sanitized));
            }
        }
    }
    out
}

/// The office's review of 宣传股's file: 4.1.1 found not implemented (so 核定分 < 自评分), and a
/// decision on its red line 7.1.
fn publicity_review(a: &Assessment) -> Review {
    let mut review = Review::default();
    review.verifications.insert(
        "4.1.1".into(),
        Verification {
            verdict: Verdict::NotAsReported,
            note: "未见会议记录".into(),
            method: Some(Method::Documents),
            found: Some(Response::NotImplemented),
            answer_digest: a.answer_digest("4.1.1"),
            verified_at: chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2025, 11, 3, 9, 0, 0)
                .unwrap(),
            by: "王主任".into(),
        },
    );
    review.accountability.push(AccountabilityRecord {
        item_id: "7.1".into(),
        decision: Decision::CircularCriticism,
        decided_on: NaiveDate::from_ymd_opt(2025, 11, 10).unwrap(),
        decided_by: "局党组".into(),
        note: "全局通报".into(),
    });
    review
}

fn soffice(input: &Path, to: &str, name: &str) -> String {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/summary-lo-{name}"));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let profile = format!("file:///tmp/lo-zrz-summary-{}-{name}", std::process::id());
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(&out)
        .arg(input)
        .output()
        .expect("soffice is needed (scripts/install-libreoffice.sh)");
    assert!(status.status.success(), "soffice failed: {status:?}");
    let written = std::fs::read_dir(&out).unwrap().next().unwrap().unwrap();
    std::fs::read_to_string(written.path()).unwrap()
}

#[test]
fn the_workbook_report_and_tables_of_the_fixture_set_open_with_their_figures() {
    let held = fixtures();
    let publicity_file = held
        .iter()
        .find(|(a, _)| a.profile.department == "宣传股" && a.profile.year == 2025)
        .map(|(a, _)| a)
        .unwrap();
    let review = publicity_review(publicity_file);
    let all: Vec<DepartmentFile<'_>> = held
        .iter()
        .map(|(a, sanitized)| DepartmentFile {
            sanitized: *sanitized,
            review: (a.profile.department == "宣传股").then_some(&review),
            ..DepartmentFile::new(a)
        })
        .collect();
    // Duplicates and older exports are left out (here without export times: the later received).
    let files: Vec<DepartmentFile<'_>> = select_current(&all)
        .files(&all)
        .into_iter()
        .filter(|f| f.assessment.profile.year == 2025)
        .collect();
    assert_eq!(files.len(), 4, "办公室, 宣传股, 文物股, 图书馆 in 2025");
    let template = Template::shipped();
    let today = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    let rows = department_rows(&files, &template, today);
    let totals = totals_and_averages(&rows);
    assert_eq!(totals.red_lines, 1);
    let bars = scores_by_department(&rows);
    assert_eq!(bars[0].department, "宣传股", "the highest score first");
    let grades = grade_distribution(&files, &template, &RatingSettings::default());
    let red_lines = red_line_cases(&files, &template);
    let weak = weak_items(&files, &template);
    let figures = Figures {
        unit: "县文化广播影视局".into(),
        year: Some(2025),
        rows: &rows,
        totals: &totals,
        bars: &bars,
        grades: &grades,
        red_lines: &red_lines,
        weak: &weak,
        records: files.iter().map(|f| f.assessment).collect(),
        template: &template,
    };

    let csv = summary_csv(&rows, &totals);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("宣传股"));
    assert_eq!(
        csv.lines().count(),
        1 + 4 + 2,
        "header, four rows, totals, averages"
    );

    let items = items_csv(&item_rows(&files, &template, today));
    assert!(items
        .lines()
        .next()
        .unwrap()
        .contains("unit,department,year"));
    assert_eq!(items.lines().count(), 1 + 4 * template.items().count());
    let cadres = cadres_csv(&cadre_rows(&files, &template));
    assert!(cadres.contains("score_de"));
    let jsonl = items_jsonl(&item_rows(&files, &template, today));
    assert!(jsonl
        .lines()
        .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/summary-samples");
    std::fs::create_dir_all(&dir).unwrap();
    let book = dir.join("汇总.xlsx");
    std::fs::write(&book, workbook(&figures).unwrap()).unwrap();
    let first_sheet = soffice(&book, "csv:Text - txt - csv (StarCalc):44,34,76,1", "xlsx");
    assert!(first_sheet.contains("宣传股"), "{first_sheet}");
    let publicity = rows.iter().find(|r| r.department == "宣传股").unwrap();
    let (own, verified) = (
        publicity.self_score.unwrap(),
        publicity.verified_score.expect("宣传股 is verified"),
    );
    assert!(verified < own, "4.1.1 found not implemented");
    // Both scores, side by side, in 宣传股's row of the first sheet.
    let row = first_sheet.lines().find(|l| l.contains("宣传股")).unwrap();
    assert!(
        row.contains(&format!(",{},{},", fmt_num(own), fmt_num(verified))),
        "{row}"
    );
    // The red-line sheet: the red line with the office's decision.
    let red_sheet = soffice(
        &book,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
        "xlsx-red",
    );
    let red_row = red_sheet.lines().find(|l| l.contains("7.1")).unwrap();
    assert!(red_row.contains("宣传股"), "{red_row}");
    assert!(
        red_row.contains("通报批评（2025-11-10，局党组）：全局通报"),
        "{red_row}"
    );
    assert!(red_sheet.lines().next().unwrap().contains("责任追究"));

    let doc = dir.join("汇总报告.docx");
    std::fs::write(&doc, report(&figures).to_docx().unwrap()).unwrap();
    let text = soffice(&doc, "txt:Text (encoded):UTF8", "docx");
    for part in t().summary.report_sections {
        assert!(text.contains(part), "{part} in the report");
    }
    assert!(text.contains("宣传股"));
    assert!(text.contains("某微信公众号"), "the red line's description");
    assert!(
        text.contains("通报批评（2025-11-10，局党组）：全局通报"),
        "the office's decision on it"
    );
    for score in [own, verified] {
        assert!(text.contains(&fmt_num(score)), "{score} in the report");
    }
    assert!(
        text.contains(t().summary.col_verified),
        "the 核定分 heading"
    );
}

/// The columns of a long table as the documentation's Markdown rows.
fn doc_rows(columns: &[Column]) -> Vec<String> {
    columns
        .iter()
        .map(|(name, ty, what)| format!("| `{name}` | {} | {what} |", ty.code()))
        .collect()
}

#[test]
fn the_documentation_lists_every_long_table_column_in_order() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/summary.md"))
            .unwrap();
    for rows in [doc_rows(ItemRow::COLUMNS), doc_rows(CadreRow::COLUMNS)] {
        if std::env::var_os("ZRZ_PRINT_COLUMNS").is_some() {
            println!("{}\n", rows.join("\n"));
        }
        let block = rows.join("\n");
        assert!(
            doc.contains(&block),
            "docs/summary.md must list, in order:\n{block}"
        );
    }
}

/// docs/summary.md's DuckDB example, run on the long table of the fixture set: the query the
/// documentation shows reads the files the app writes, and agrees with the summary's figures.
#[test]
fn the_documented_duckdb_query_reads_the_long_table() {
    let held = fixtures();
    let all: Vec<DepartmentFile<'_>> = held.iter().map(|(a, _)| DepartmentFile::new(a)).collect();
    let files = select_current(&all).files(&all);
    let template = Template::shipped();
    let today = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/summary-duckdb");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("items")).unwrap();
    for year in [2024, 2025] {
        let of_year: Vec<DepartmentFile<'_>> = files
            .iter()
            .copied()
            .filter(|f| f.assessment.profile.year == year)
            .collect();
        std::fs::write(
            dir.join(format!("items/汇总-{year}-items.csv")),
            items_csv(&item_rows(&of_year, &template, today)),
        )
        .unwrap();
    }
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/summary.md"))
            .unwrap();
    let start = doc.find("```sql\n").expect("the documented query") + 7;
    let sql = &doc[start..start + doc[start..].find("```").unwrap()];
    let output = Command::new("python3")
        .arg("-c")
        .arg("import duckdb, sys; print('\\n'.join('|'.join(str(c) for c in r) for r in duckdb.sql(sys.argv[1]).fetchall()))")
        .arg(sql)
        .current_dir(&dir)
        .output()
        .expect("python3 with duckdb (scripts/bootstrap.sh installs it)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out = String::from_utf8(output.stdout).unwrap();
    let rows = department_rows(&files, &template, today);
    assert_eq!(out.lines().count(), rows.len(), "{out}");
    let publicity = rows
        .iter()
        .find(|r| r.department == "宣传股")
        .expect("宣传股");
    let line = out
        .lines()
        .find(|l| l.contains("宣传股"))
        .expect("宣传股 in the query's result");
    assert!(line.starts_with("2025|宣传股|"), "{line}");
    assert!(line.ends_with("|1"), "one red line: {line}");
    assert!(
        line.contains(&format!("|{}|", fmt1(publicity.completion))),
        "completion: {line} vs {publicity:?}"
    );
}
