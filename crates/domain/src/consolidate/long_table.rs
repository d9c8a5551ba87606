//! The analysts' long table ("tidy" data): one row per department × item ([`ItemRow`]) and one per
//! department × cadre ([`CadreRow`]), for statistics software. Column names are stable snake_case
//! and each row type lists its columns once ([`ItemRow::COLUMNS`]: name, type, description), so the
//! CSV writer, the JSON Lines writer (serde, same names) and the documentation read one source.
//! A test checks that every field is a column, in order, with its type.
//!
//! Values: codes, not labels (`implemented`, `de`, `excellent`), so the table reads the same in
//! every language; empty (CSV) / null (JSON) where a value does not exist.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::DepartmentFile;
use crate::checklist::credit_of;
use crate::ledger::quota_statuses;
use crate::plan::{ItemKind, Template};
use crate::record::{Response, TaskStatus};
use crate::review::{verification_state, Review, VerificationState};
use crate::scoring::rate_department;
use crate::Dimension;

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Integer,
    /// A number with at most one decimal, as shown.
    Decimal,
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// RFC 3339, UTC.
    DateTime,
}

impl ColumnType {
    pub fn code(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Integer => "integer",
            ColumnType::Decimal => "decimal",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
            ColumnType::DateTime => "date_time",
        }
    }
}

/// A column: name, type, description (English, for the documentation).
pub type Column = (&'static str, ColumnType, &'static str);

/// One value of a row, in column order; `Null` where the value does not exist.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Text(String),
    Integer(i64),
    Decimal(f64),
    Boolean(bool),
    Date(NaiveDate),
    DateTime(DateTime<Utc>),
}

impl Cell {
    /// The value's type; `None` for `Null`, which fits every column.
    pub fn column_type(&self) -> Option<ColumnType> {
        match self {
            Cell::Null => None,
            Cell::Text(_) => Some(ColumnType::Text),
            Cell::Integer(_) => Some(ColumnType::Integer),
            Cell::Decimal(_) => Some(ColumnType::Decimal),
            Cell::Boolean(_) => Some(ColumnType::Boolean),
            Cell::Date(_) => Some(ColumnType::Date),
            Cell::DateTime(_) => Some(ColumnType::DateTime),
        }
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}
fn opt<T>(value: Option<T>, cell: impl FnOnce(T) -> Cell) -> Cell {
    value.map_or(Cell::Null, cell)
}
fn int(n: usize) -> Cell {
    Cell::Integer(n as i64)
}

/// One department × item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRow {
    pub unit: String,
    pub department: String,
    pub year: i32,
    pub exported_at: Option<DateTime<Utc>>,
    pub sanitized: bool,
    pub item_id: String,
    pub chapter_id: String,
    pub kind: &'static str,
    pub dimension: &'static str,
    pub points: f64,
    pub response: Option<&'static str>,
    pub applicable: bool,
    pub earned_points: f64,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub overdue: bool,
    pub flagged: bool,
    pub occurred_on: Option<NaiveDate>,
    pub evidence_count: usize,
    pub ledger_entries: usize,
    pub quota_required: Option<u32>,
    pub quota_done: Option<usize>,
    pub verdict: Option<&'static str>,
    pub found: Option<&'static str>,
    pub verification_stale: bool,
    pub open_tasks: usize,
}

impl ItemRow {
    pub const COLUMNS: &'static [Column] = &[
        ("unit", ColumnType::Text, "unit name as the file spells it"),
        (
            "department",
            ColumnType::Text,
            "department name as the file spells it",
        ),
        ("year", ColumnType::Integer, "assessment year"),
        (
            "exported_at",
            ColumnType::DateTime,
            "when the department exported the file",
        ),
        (
            "sanitized",
            ColumnType::Boolean,
            "the file is sanitised (names aliased, text cleared)",
        ),
        (
            "item_id",
            ColumnType::Text,
            "item id of the plan, e.g. 4.1.1",
        ),
        ("chapter_id", ColumnType::Text, "chapter id, e.g. 4.1"),
        ("kind", ColumnType::Text, "task, quota or red_line"),
        ("dimension", ColumnType::Text, "de, neng, qin, ji or lian"),
        (
            "points",
            ColumnType::Decimal,
            "the item's points in the 100-point checklist",
        ),
        (
            "response",
            ColumnType::Text,
            "the department's response code; empty when unanswered",
        ),
        (
            "applicable",
            ColumnType::Boolean,
            "the item counts in the score base (not not_applicable)",
        ),
        (
            "earned_points",
            ColumnType::Decimal,
            "points earned with the department's response",
        ),
        ("owner", ColumnType::Text, "责任人 as typed"),
        ("due", ColumnType::Date, "完成时限"),
        ("done", ColumnType::Date, "完成日期"),
        (
            "overdue",
            ColumnType::Boolean,
            "past its 完成时限 and not done, on the day of the table",
        ),
        (
            "flagged",
            ColumnType::Boolean,
            "marked 待核实 by the department",
        ),
        ("occurred_on", ColumnType::Date, "when a red line occurred"),
        (
            "evidence_count",
            ColumnType::Integer,
            "pieces of evidence listed in the answer",
        ),
        (
            "ledger_entries",
            ColumnType::Integer,
            "ledger entries linked to the item",
        ),
        (
            "quota_required",
            ColumnType::Integer,
            "required a year (quota items only)",
        ),
        (
            "quota_done",
            ColumnType::Integer,
            "entries counted in the year (quota items only)",
        ),
        (
            "verdict",
            ColumnType::Text,
            "the office's current verdict code; empty when not verified",
        ),
        (
            "found",
            ColumnType::Text,
            "the status the office found (verdicts other than confirmed)",
        ),
        (
            "verification_stale",
            ColumnType::Boolean,
            "verified, but the answer changed since",
        ),
        (
            "open_tasks",
            ColumnType::Integer,
            "rectification tasks on the item not done",
        ),
    ];

    /// The values in [`ItemRow::COLUMNS`] order.
    pub fn cells(&self) -> Vec<Cell> {
        vec![
            text(&self.unit),
            text(&self.department),
            Cell::Integer(self.year.into()),
            opt(self.exported_at, Cell::DateTime),
            Cell::Boolean(self.sanitized),
            text(&self.item_id),
            text(&self.chapter_id),
            text(self.kind),
            text(self.dimension),
            Cell::Decimal(self.points),
            opt(self.response, text),
            Cell::Boolean(self.applicable),
            Cell::Decimal(self.earned_points),
            text(&self.owner),
            opt(self.due, Cell::Date),
            opt(self.done, Cell::Date),
            Cell::Boolean(self.overdue),
            Cell::Boolean(self.flagged),
            opt(self.occurred_on, Cell::Date),
            int(self.evidence_count),
            int(self.ledger_entries),
            opt(self.quota_required, |n| Cell::Integer(n.into())),
            opt(self.quota_done, int),
            opt(self.verdict, text),
            opt(self.found, text),
            Cell::Boolean(self.verification_stale),
            int(self.open_tasks),
        ]
    }
}

/// One department × cadre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CadreRow {
    pub unit: String,
    pub department: String,
    pub year: i32,
    pub exported_at: Option<DateTime<Utc>>,
    pub sanitized: bool,
    pub person_id: String,
    pub name: String,
    pub post: String,
    pub level: &'static str,
    pub score_de: Option<f64>,
    pub score_neng: Option<f64>,
    pub score_qin: Option<f64>,
    pub score_ji: Option<f64>,
    pub score_lian: Option<f64>,
    pub total: Option<f64>,
    pub grade_before_vetoes: Option<&'static str>,
    pub grade: Option<&'static str>,
    pub vetoes: usize,
    pub missing_dimensions: usize,
}

impl CadreRow {
    pub const COLUMNS: &'static [Column] = &[
        ("unit", ColumnType::Text, "unit name as the file spells it"),
        (
            "department",
            ColumnType::Text,
            "department name as the file spells it",
        ),
        ("year", ColumnType::Integer, "assessment year"),
        (
            "exported_at",
            ColumnType::DateTime,
            "when the department exported the file",
        ),
        (
            "sanitized",
            ColumnType::Boolean,
            "the file is sanitised (names aliased, text cleared)",
        ),
        ("person_id", ColumnType::Text, "the cadre's id in the file"),
        (
            "name",
            ColumnType::Text,
            "name (an alias such as 人员1 in a sanitised file)",
        ),
        ("post", ColumnType::Text, "职务"),
        (
            "level",
            ColumnType::Text,
            "responsibility level: principal, first, direct or leadership",
        ),
        ("score_de", ColumnType::Decimal, "德 dimension score"),
        ("score_neng", ColumnType::Decimal, "能 dimension score"),
        ("score_qin", ColumnType::Decimal, "勤 dimension score"),
        ("score_ji", ColumnType::Decimal, "绩 dimension score"),
        ("score_lian", ColumnType::Decimal, "廉 dimension score"),
        (
            "total",
            ColumnType::Decimal,
            "weighted total; empty while a dimension is missing",
        ),
        (
            "grade_before_vetoes",
            ColumnType::Text,
            "grade code of the total's band",
        ),
        (
            "grade",
            ColumnType::Text,
            "final grade code; empty while open",
        ),
        ("vetoes", ColumnType::Integer, "一票否决 applied"),
        (
            "missing_dimensions",
            ColumnType::Integer,
            "dimensions without a usable rating",
        ),
    ];

    /// The values in [`CadreRow::COLUMNS`] order.
    pub fn cells(&self) -> Vec<Cell> {
        let dec = |x: Option<f64>| opt(x, Cell::Decimal);
        vec![
            text(&self.unit),
            text(&self.department),
            Cell::Integer(self.year.into()),
            opt(self.exported_at, Cell::DateTime),
            Cell::Boolean(self.sanitized),
            text(&self.person_id),
            text(&self.name),
            text(&self.post),
            text(self.level),
            dec(self.score_de),
            dec(self.score_neng),
            dec(self.score_qin),
            dec(self.score_ji),
            dec(self.score_lian),
            dec(self.total),
            opt(self.grade_before_vetoes, text),
            opt(self.grade, text),
            int(self.vetoes),
            int(self.missing_dimensions),
        ]
    }
}

fn kind_code(kind: &ItemKind) -> &'static str {
    match kind {
        ItemKind::Task => "task",
        ItemKind::Quota { .. } => "quota",
        ItemKind::RedLine => "red_line",
    }
}

/// Every item of every file, files in their order, items in the plan's order.
pub fn item_rows(
    files: &[DepartmentFile<'_>],
    template: &Template,
    today: NaiveDate,
) -> Vec<ItemRow> {
    let no_review = Review::default();
    let mut rows = Vec::new();
    for file in files {
        let a = file.assessment;
        let review = file.review.unwrap_or(&no_review);
        let quotas = quota_statuses(template, a, today);
        for chapter in template.chapters() {
            for item in &chapter.items {
                let answer = a.answer(&item.id);
                let response = answer.and_then(|a| a.response);
                let quota = quotas.iter().find(|q| q.item_id == item.id);
                let state = verification_state(review, a, &item.id);
                let current = state.current();
                rows.push(ItemRow {
                    unit: a.profile.unit.clone(),
                    department: a.profile.department.clone(),
                    year: a.profile.year,
                    exported_at: file.exported_at,
                    sanitized: file.sanitized,
                    item_id: item.id.clone(),
                    chapter_id: chapter.id.clone(),
                    kind: kind_code(&item.kind),
                    dimension: item.dimension.key(),
                    points: item.points,
                    response: response.map(Response::key),
                    applicable: response != Some(Response::NotApplicable),
                    earned_points: match response {
                        None | Some(Response::NotApplicable) => 0.0,
                        Some(r) => crate::round1(item.points * credit_of(&template.credit, r)),
                    },
                    owner: answer.map(|a| a.owner.clone()).unwrap_or_default(),
                    due: answer.and_then(|a| a.due),
                    done: answer.and_then(|a| a.done),
                    overdue: answer.is_some_and(|a| a.is_overdue(today)),
                    flagged: answer.is_some_and(|a| a.flagged),
                    occurred_on: answer.and_then(|a| a.occurred_on),
                    evidence_count: answer.map_or(0, |a| a.evidence.len()),
                    ledger_entries: a.ledger.iter().filter(|e| e.evidences(&item.id)).count(),
                    quota_required: quota.map(|q| q.required),
                    quota_done: quota.map(|q| q.done),
                    verdict: current.map(|v| v.verdict.key()),
                    found: current.and_then(|v| v.found).map(Response::key),
                    verification_stale: matches!(state, VerificationState::Stale(_)),
                    open_tasks: a
                        .tasks
                        .iter()
                        .filter(|t| t.item_id == item.id && t.status != TaskStatus::Done)
                        .count(),
                });
            }
        }
    }
    rows
}

/// Every cadre of every file, files in their order, cadres in the file's order.
pub fn cadre_rows(files: &[DepartmentFile<'_>], template: &Template) -> Vec<CadreRow> {
    let mut rows = Vec::new();
    for file in files {
        let a = file.assessment;
        for r in rate_department(a, template) {
            let score = |d: Dimension| r.dimension(d).score;
            rows.push(CadreRow {
                unit: a.profile.unit.clone(),
                department: a.profile.department.clone(),
                year: a.profile.year,
                exported_at: file.exported_at,
                sanitized: file.sanitized,
                score_de: score(Dimension::De),
                score_neng: score(Dimension::Neng),
                score_qin: score(Dimension::Qin),
                score_ji: score(Dimension::Ji),
                score_lian: score(Dimension::Lian),
                total: r.total,
                grade_before_vetoes: r.grade_before_vetoes.map(|g| g.key()),
                grade: r.grade.map(|g| g.key()),
                vetoes: r.vetoes.len(),
                missing_dimensions: r.missing_dimensions.len(),
                level: r.level.key(),
                person_id: r.person_id,
                name: r.name,
                post: r.post,
            });
        }
    }
    rows
}
