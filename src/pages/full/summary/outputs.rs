//! The office's outputs laid out from the domain's figures: the summary workbook (summary sheet,
//! red-line sheet, a sheet per department), the summary CSV, the analysts' long table (CSV and
//! JSON Lines, columns from `consolidate::long_table`), and the editable Word report. Layout only:
//! every figure comes computed from `zrz_domain::consolidate`. Column headings are the interface's
//! (Chinese by default). The columns are documented in `docs/summary.md`.

use chrono::{DateTime, FixedOffset, Utc};

use crate::i18n::t;
use zrz_domain::consolidate::{
    CadreRow, Cell as LongCell, Column, DepartmentRow, GradeDistribution, ItemRow, RedLineCase,
    ScoreBar, Totals, WeakItem,
};
use zrz_domain::number::fmt1;
use zrz_domain::plan::Template;
use zrz_domain::record::{Assessment, Grade};
use zrz_writers::csv::{to_csv, Field};
use zrz_writers::docx::{Block, Document, Run, Table};
use zrz_writers::xlsx::{Cell, Row, Sheet, Workbook};

/// One value of a table row, for both the workbook and the CSV.
#[derive(Debug, Clone, PartialEq)]
pub enum V {
    Text(String),
    Number(f64),
    Empty,
}

impl V {
    fn xlsx(&self) -> Cell {
        match self {
            V::Text(s) => Cell::Text(s.clone()),
            V::Number(x) => Cell::Number(*x),
            V::Empty => Cell::Empty,
        }
    }
    fn csv(&self) -> Field {
        match self {
            V::Text(s) => Field::Text(s.clone()),
            V::Number(x) => Field::Number(*x),
            V::Empty => Field::Text(String::new()),
        }
    }
    fn text(&self) -> String {
        match self {
            V::Text(s) => s.clone(),
            V::Number(x) => zrz_domain::number::fmt_num(*x),
            V::Empty => String::new(),
        }
    }
}

fn s(x: impl Into<String>) -> V {
    V::Text(x.into())
}
fn n(x: usize) -> V {
    V::Number(x as f64)
}
fn o(x: Option<f64>) -> V {
    x.map_or(V::Empty, V::Number)
}

/// China Standard Time, as the office reads export times.
fn local(at: DateTime<Utc>) -> String {
    let cst = FixedOffset::east_opt(8 * 3600).expect("UTC+8");
    at.with_timezone(&cst).format("%Y-%m-%d %H:%M").to_string()
}

/// The summary table's headings, in column order (documented in docs/summary.md).
pub fn summary_header() -> Vec<String> {
    let x = &t().summary;
    let g = t().common.grade;
    [
        x.col_unit.to_string(),
        x.col_department.into(),
        x.col_year.into(),
        format!("{}(%)", x.col_completion),
        x.col_score.into(),
        x.col_verified.into(),
        x.col_quotas.into(),
        x.col_quotas_total.into(),
        x.col_overdue.into(),
        x.col_red_lines.into(),
        g(Grade::Excellent).into(),
        g(Grade::Competent).into(),
        g(Grade::BasicallyCompetent).into(),
        g(Grade::Incompetent).into(),
        x.pending_grade.into(),
        x.sanitized_tag.into(),
        x.col_exported.into(),
    ]
    .into_iter()
    .collect()
}

/// One row per department, then the totals and the averages.
pub fn summary_body(rows: &[DepartmentRow], totals: &Totals) -> Vec<Vec<V>> {
    let x = &t().summary;
    let mut out: Vec<Vec<V>> = rows
        .iter()
        .map(|r| {
            vec![
                s(&r.unit),
                s(&r.department),
                V::Number(r.year as f64),
                V::Number(r.completion),
                o(r.self_score),
                o(r.verified_score),
                n(r.quotas_met),
                n(r.quotas_total),
                n(r.overdue),
                n(r.red_lines.len()),
                n(r.grades.excellent),
                n(r.grades.competent),
                n(r.grades.basically_competent),
                n(r.grades.incompetent),
                n(r.grades.pending),
                s(if r.sanitized { x.sanitized_tag } else { "" }),
                r.exported_at.map_or(V::Empty, |at| s(local(at))),
            ]
        })
        .collect();
    let g = &totals.grades;
    out.push(vec![
        s(x.totals),
        n(totals.departments),
        V::Empty,
        V::Empty,
        V::Empty,
        V::Empty,
        n(totals.quotas_met),
        n(totals.quotas_total),
        n(totals.overdue),
        n(totals.red_lines),
        n(g.excellent),
        n(g.competent),
        n(g.basically_competent),
        n(g.incompetent),
        n(g.pending),
        V::Empty,
        V::Empty,
    ]);
    out.push(vec![
        s(x.averages),
        V::Empty,
        V::Empty,
        V::Number(totals.completion_average),
        o(totals.self_score_average),
        o(totals.verified_score_average),
        V::Empty,
        V::Empty,
        V::Empty,
        V::Empty,
        V::Empty,
        V::Empty,
        V::Empty,
        V::Empty,
        V::Empty,
        V::Empty,
        V::Empty,
    ]);
    out
}

fn red_line_header() -> Vec<String> {
    let x = &t().summary;
    vec![
        x.col_unit.into(),
        x.col_department.into(),
        x.col_item.into(),
        x.col_date.into(),
        x.col_description.into(),
        t().review.accountability_title.into(),
    ]
}

/// The office's decisions on one red line, mildest first as decided, or that none was made yet: the
/// same words on screen, in the workbook and in the report.
pub(super) fn decisions_text(case: &RedLineCase) -> String {
    let r = &t().review;
    if case.is_pending() {
        return r.accountability_pending.to_string();
    }
    case.decisions
        .iter()
        .map(|d| {
            (r.accountability_cell)(
                d.decision,
                &d.decided_on.to_string(),
                &d.decided_by,
                &d.note,
            )
        })
        .collect::<Vec<_>>()
        .join(r.accountability_separator)
}

fn red_line_body(cases: &[RedLineCase], template: &Template) -> Vec<Vec<V>> {
    cases
        .iter()
        .map(|c| {
            vec![
                s(&c.unit),
                s(&c.department_name),
                s(item_label(template, &c.item_id)),
                c.occurred_on.map_or(V::Empty, |d| s(d.to_string())),
                s(&c.note),
                s(decisions_text(c)),
            ]
        })
        .collect()
}

/// "4.1.1 " and the first words of the plan's text.
pub fn item_label(template: &Template, id: &str) -> String {
    match template.item(id) {
        Some(item) => {
            let text: String = item.text.chars().take(40).collect();
            let more = if item.text.chars().count() > 40 {
                "…"
            } else {
                ""
            };
            format!("{id} {text}{more}")
        }
        None => id.to_string(),
    }
}

/// A department's sheet: one row per item with its answer.
fn department_body(a: &Assessment, template: &Template) -> (Vec<String>, Vec<Vec<V>>) {
    let header = t().summary.sheet_headers.map(String::from).to_vec();
    let response = t().common.response;
    let body = template
        .items()
        .map(|item| {
            let answer = a.answer(&item.id);
            vec![
                s(&item.id),
                s(&item.text),
                V::Number(item.points),
                answer
                    .and_then(|a| a.response)
                    .map_or(V::Empty, |r| s(response(r))),
                answer.map_or(V::Empty, |a| s(&a.owner)),
                answer
                    .and_then(|a| a.due)
                    .map_or(V::Empty, |d| s(d.to_string())),
                answer
                    .and_then(|a| a.done)
                    .map_or(V::Empty, |d| s(d.to_string())),
                n(answer.map_or(0, |a| a.evidence.len())),
                answer.map_or(V::Empty, |a| s(&a.note)),
            ]
        })
        .collect();
    (header, body)
}

fn sheet(name: &str, columns: Vec<f64>, header: Vec<String>, body: Vec<Vec<V>>) -> Sheet {
    let mut rows = vec![Row::header(header.into_iter().map(Cell::Text).collect())];
    rows.extend(
        body.iter()
            .map(|r| Row::new(r.iter().map(V::xlsx).collect())),
    );
    Sheet {
        name: name.into(),
        columns,
        rows,
        freeze_header_rows: 1,
        autofilter: true,
    }
}

/// Everything the outputs need, computed once by the page.
pub struct Figures<'a> {
    pub unit: String,
    pub year: Option<i32>,
    pub rows: &'a [DepartmentRow],
    pub totals: &'a Totals,
    pub bars: &'a [ScoreBar],
    pub grades: &'a GradeDistribution,
    pub red_lines: &'a [RedLineCase],
    pub weak: &'a [WeakItem],
    /// The departments' records, in the rows' order.
    pub records: Vec<&'a Assessment>,
    pub template: &'a Template,
}

/// The workbook: 汇总, 红线, then a sheet per department.
pub fn workbook(f: &Figures<'_>) -> Result<Vec<u8>, zrz_writers::Error> {
    let x = &t().summary;
    let mut sheets = vec![
        sheet(
            x.sheet_summary,
            vec![
                24.0, 16.0, 7.0, 9.0, 9.0, 9.0, 8.0, 8.0, 8.0, 7.0, 6.0, 6.0, 8.0, 7.0, 6.0, 6.0,
                17.0,
            ],
            summary_header(),
            summary_body(f.rows, f.totals),
        ),
        sheet(
            x.sheet_red_lines,
            vec![24.0, 16.0, 40.0, 12.0, 50.0, 50.0],
            red_line_header(),
            red_line_body(f.red_lines, f.template),
        ),
    ];
    for a in &f.records {
        let (header, body) = department_body(a, f.template);
        sheets.push(sheet(
            &a.profile.department,
            vec![8.0, 60.0, 6.0, 10.0, 10.0, 11.0, 11.0, 8.0, 40.0],
            header,
            body,
        ));
    }
    Workbook { sheets }.to_xlsx()
}

/// The summary table as CSV (UTF-8 with a byte-order mark).
pub fn summary_csv(rows: &[DepartmentRow], totals: &Totals) -> String {
    let mut out = vec![summary_header().into_iter().map(Field::Text).collect()];
    out.extend(
        summary_body(rows, totals)
            .iter()
            .map(|r| r.iter().map(V::csv).collect()),
    );
    to_csv(&out)
}

fn long_field(c: &LongCell) -> Field {
    match c {
        LongCell::Null => Field::Text(String::new()),
        LongCell::Text(s) => Field::Text(s.clone()),
        LongCell::Integer(i) => Field::Number(*i as f64),
        LongCell::Decimal(x) => Field::Number(*x),
        LongCell::Boolean(b) => Field::Text(if *b { "true" } else { "false" }.into()),
        LongCell::Date(d) => Field::Text(d.to_string()),
        LongCell::DateTime(t) => Field::Text(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
    }
}

fn long_csv(columns: &[Column], rows: impl Iterator<Item = Vec<LongCell>>) -> String {
    let mut out = vec![columns.iter().map(|c| Field::Text(c.0.into())).collect()];
    out.extend(rows.map(|r| r.iter().map(long_field).collect()));
    to_csv(&out)
}

/// The long table, a row per department × item, as CSV (column names in the first record).
pub fn items_csv(rows: &[ItemRow]) -> String {
    long_csv(ItemRow::COLUMNS, rows.iter().map(ItemRow::cells))
}

/// The cadre table, a row per department × cadre, as CSV.
pub fn cadres_csv(rows: &[CadreRow]) -> String {
    long_csv(CadreRow::COLUMNS, rows.iter().map(CadreRow::cells))
}

/// The long table as JSON Lines: one object per line, the same names as the CSV's columns.
pub fn items_jsonl<T: serde::Serialize>(rows: &[T]) -> String {
    let mut out = String::new();
    for r in rows {
        out.push_str(&serde_json::to_string(r).expect("a row serialises"));
        out.push('\n');
    }
    out
}

fn table(header: Vec<String>, body: Vec<Vec<V>>) -> Block {
    Block::Table(Table {
        header,
        rows: body
            .iter()
            .map(|r| r.iter().map(V::text).collect())
            .collect(),
        widths: Vec::new(),
    })
}

/// The report as an editable Word document: title page, then 一 基本情况, 二 得分, 三 红线,
/// 四 干部等次, 五 薄弱环节, each on a new page.
pub fn report(f: &Figures<'_>) -> Document {
    let x = &t().summary;
    let year = f.year.unwrap_or_default();
    let title = (x.report_title)(&f.unit, year);
    let mut blocks = vec![
        Block::paragraph(x.report_subtitle),
        Block::PageBreak,
        Block::heading(1, x.report_sections[0]),
        Block::Paragraph(vec![Run::plain((x.report_basic)(
            f.totals.departments,
            &fmt1(f.totals.completion_average),
            &f.totals.self_score_average.map_or("—".into(), fmt1),
            f.totals.overdue,
            f.totals.red_lines,
            f.totals.departments_with_red_lines,
        ))]),
        table(summary_header(), summary_body(f.rows, f.totals)),
        Block::PageBreak,
        Block::heading(1, x.report_sections[1]),
        table(
            vec![
                x.col_department.into(),
                x.col_score.into(),
                x.col_verified.into(),
            ],
            f.bars
                .iter()
                .map(|b| vec![s(&b.department), o(b.self_score), o(b.verified_score)])
                .collect(),
        ),
        Block::PageBreak,
        Block::heading(1, x.report_sections[2]),
    ];
    if f.red_lines.is_empty() {
        blocks.push(Block::paragraph(x.no_red_lines));
    } else {
        blocks.push(table(
            red_line_header(),
            red_line_body(f.red_lines, f.template),
        ));
    }
    blocks.push(Block::heading(1, x.report_sections[3]));
    let g = &f.grades.counts;
    let grade = t().common.grade;
    blocks.push(table(
        vec![
            grade(Grade::Excellent).into(),
            grade(Grade::Competent).into(),
            grade(Grade::BasicallyCompetent).into(),
            grade(Grade::Incompetent).into(),
            x.pending_grade.into(),
        ],
        vec![vec![
            n(g.excellent),
            n(g.competent),
            n(g.basically_competent),
            n(g.incompetent),
            n(g.pending),
        ]],
    ));
    blocks.push(Block::paragraph((t().rating.share)(&f.grades.excellent)));
    blocks.push(Block::heading(1, x.report_sections[4]));
    if f.weak.is_empty() {
        blocks.push(Block::paragraph(x.no_weak));
    } else {
        blocks.push(table(
            vec![
                x.col_item.into(),
                x.col_shortfall.into(),
                x.col_not_implemented.into(),
                x.col_partial.into(),
                x.col_unanswered.into(),
            ],
            f.weak
                .iter()
                .take(10)
                .map(|w| {
                    vec![
                        s(item_label(f.template, &w.item_id)),
                        n(w.shortfall()),
                        n(w.not_implemented),
                        n(w.partial),
                        n(w.unanswered),
                    ]
                })
                .collect(),
        ));
    }
    Document { title, blocks }
}

// Native only: the tests run LibreOffice and DuckDB on files written to disk.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
