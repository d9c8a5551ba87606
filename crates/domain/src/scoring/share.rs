//! Groups: the share of 优秀, the red lines that occurred, every person of a department rated.

use super::compute::{compute_person, PersonResult};
use super::settings::{CapRounding, RatingSettings};
use crate::number::round1;
use crate::plan::Template;
use crate::record::{Assessment, Grade};

/// The share of 优秀 in a group (one department, or all departments together).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExcellentShare {
    /// 参评人数: everyone in the group, graded or not.
    pub people: usize,
    /// People whose grade is settled.
    pub graded: usize,
    pub excellent: usize,
    /// 100 × excellent ÷ people, one decimal (0 for an empty group).
    pub share: f64,
    /// The configured maximum, percent.
    pub allowed_share: f64,
    /// people × allowed_share ÷ 100, unrounded (0.45 for 3 people at 15%).
    pub exact_allowed: f64,
    /// How `exact_allowed` was rounded.
    pub rounding: CapRounding,
    /// The most 优秀 the group may have: [`excellent_cap`] of the above.
    pub allowed: usize,
    pub exceeded: bool,
}

/// Counts 优秀 against the allowed share. The base is everyone in `results` (参评人数), so people
/// whose grade is still open count in the base; `graded` tells the UI to warn about them.
pub fn excellent_share(results: &[PersonResult], settings: &RatingSettings) -> ExcellentShare {
    let people = results.len();
    let graded = results.iter().filter(|r| r.grade.is_some()).count();
    let excellent = results
        .iter()
        .filter(|r| r.grade == Some(Grade::Excellent))
        .count();
    excellent_share_of(people, graded, excellent, settings)
}

/// [`excellent_share`] from the counts: `people` in the group, `graded` of them, `excellent` of
/// those (for figures kept without the people, e.g. the office's cached summary rows).
pub fn excellent_share_of(
    people: usize,
    graded: usize,
    excellent: usize,
    settings: &RatingSettings,
) -> ExcellentShare {
    let allowed_share = settings.excellent_share_max;
    let allowed = settings.excellent_cap(people);
    let share = if people == 0 {
        0.0
    } else {
        round1(100.0 * excellent as f64 / people as f64)
    };
    ExcellentShare {
        people,
        graded,
        excellent,
        share,
        allowed_share,
        exact_allowed: people as f64 * allowed_share / 100.0,
        rounding: settings.excellent_cap_rounding,
        allowed,
        exceeded: excellent > allowed,
    }
}

/// The red lines answered 已发生 in `assessment`, as `(item id, 责任人)` in template order. Answers
/// to items the template does not know as red lines are skipped.
pub fn occurred_red_lines(assessment: &Assessment, template: &Template) -> Vec<(String, String)> {
    crate::checklist::occurred_red_lines(template, &assessment.answers)
        .map(|(id, owner)| (id.to_string(), owner.to_string()))
        .collect()
}

/// Every person of the department, rated with the assessment's own settings and red lines.
pub fn rate_department(assessment: &Assessment, template: &Template) -> Vec<PersonResult> {
    let red_lines = occurred_red_lines(assessment, template);
    assessment
        .people
        .iter()
        .map(|p| {
            compute_person(
                p,
                &assessment.ratings,
                &assessment.rating_settings,
                &red_lines,
            )
        })
        .collect()
}
