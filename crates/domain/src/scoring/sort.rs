//! The order of a table of results (评分结果一览): by name, level, a dimension, the total or the
//! grade, either way round, a missing figure always last.

use std::cmp::Ordering;

use super::compute::PersonResult;
use crate::record::Grade;
use crate::Dimension;

/// A column a table of results is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultColumn {
    /// As the people were entered (the results' own order).
    Entered,
    Name,
    Level,
    Dimension(Dimension),
    Total,
    Grade,
}

impl ResultColumn {
    /// The direction a first click sorts in: names and levels A→Z (主体责任 first), figures and
    /// grades best first.
    pub fn starts_descending(self) -> bool {
        !matches!(
            self,
            ResultColumn::Entered | ResultColumn::Name | ResultColumn::Level
        )
    }
}

/// Compares two results by `column`; a missing figure or grade sorts last whichever way round.
pub fn compare_results(
    a: &PersonResult,
    b: &PersonResult,
    column: ResultColumn,
    descending: bool,
) -> Ordering {
    fn figures(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => {
                let o = x.total_cmp(&y);
                if descending {
                    o.reverse()
                } else {
                    o
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let plain = |o: Ordering| if descending { o.reverse() } else { o };
    match column {
        ResultColumn::Entered => Ordering::Equal,
        ResultColumn::Name => plain(a.name.cmp(&b.name)),
        ResultColumn::Level => plain(a.level.cmp(&b.level)),
        ResultColumn::Dimension(d) => {
            figures(a.dimension(d).score, b.dimension(d).score, descending)
        }
        ResultColumn::Total => figures(a.total, b.total, descending),
        ResultColumn::Grade => {
            let goodness = |g: Option<Grade>| g.map(|g| (Grade::ALL.len() - g.rank()) as f64);
            figures(goodness(a.grade), goodness(b.grade), descending)
        }
    }
}

/// Sorts `results` by `column` (stable: equal rows keep their order).
pub fn sort_results(results: &mut [PersonResult], column: ResultColumn, descending: bool) {
    crate::order::sort_by(results, |a, b| compare_results(a, b, column, descending));
}
