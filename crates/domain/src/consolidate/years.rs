//! Year over year: each department's row this year beside its row of the year before, matched by
//! unit and department as compared (`record::normalize_name`), so a department that renamed
//! "办公室 " to "办公室" is still one department. Changes are this year minus last year.

use std::collections::BTreeMap;

use super::row::DepartmentRow;
use crate::number::round1;

/// One department in both years.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow<'r> {
    pub this: &'r DepartmentRow,
    pub last: &'r DepartmentRow,
    /// Self score change, when both years have one.
    pub self_score_change: Option<f64>,
    /// Verified score change, when both years were verified.
    pub verified_score_change: Option<f64>,
    /// Completion change, percentage points.
    pub completion_change: f64,
    /// Red lines occurred, this year minus last.
    pub red_lines_change: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearOverYear<'r> {
    pub year: i32,
    /// By department key.
    pub rows: Vec<YearRow<'r>>,
    /// This year's departments with no file last year.
    pub new_this_year: Vec<&'r DepartmentRow>,
    /// Last year's departments with no file this year.
    pub missing_this_year: Vec<&'r DepartmentRow>,
}

fn change(this: Option<f64>, last: Option<f64>) -> Option<f64> {
    Some(round1(this? - last?))
}

/// Compares `year` with `year − 1` over `rows` (one row per department and year, as
/// `select_current` gives; rows of other years are ignored; of two rows of one department and year,
/// the first counts).
pub fn year_over_year(rows: &[DepartmentRow], year: i32) -> YearOverYear<'_> {
    let index = |y: i32| {
        let mut by_key: BTreeMap<(&str, &str), &DepartmentRow> = BTreeMap::new();
        for r in rows.iter().filter(|r| r.year == y) {
            by_key
                .entry((r.key.unit.as_str(), r.key.department.as_str()))
                .or_insert(r);
        }
        by_key
    };
    let (this_year, last_year) = (index(year), index(year - 1));
    let mut result = YearOverYear {
        year,
        rows: Vec::new(),
        new_this_year: Vec::new(),
        missing_this_year: Vec::new(),
    };
    for (key, this) in &this_year {
        match last_year.get(key) {
            Some(last) => result.rows.push(YearRow {
                this,
                last,
                self_score_change: change(this.self_score, last.self_score),
                verified_score_change: change(this.verified_score, last.verified_score),
                completion_change: round1(this.completion - last.completion),
                red_lines_change: this.red_lines.len() as i64 - last.red_lines.len() as i64,
            }),
            None => result.new_this_year.push(this),
        }
    }
    result.missing_this_year = last_year
        .iter()
        .filter(|(key, _)| !this_year.contains_key(*key))
        .map(|(_, r)| *r)
        .collect();
    result
}
