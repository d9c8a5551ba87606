//! Progress and the 百分制 checklist score, derived from a template and a department's answers.
//!
//! The score is never stored: it is computed from the answers every time, so it cannot drift.
//!
//! Rule: an item's points count in the denominator unless it is answered 不适用; the numerator adds
//! `points × credit(response)`, where credit comes from the template (unanswered items earn 0).
//! The score is `100 × earned / applicable`, rounded once, at the end, to one decimal.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::number::round1;
use crate::plan::{Credit, Item, Template};
use crate::record::{Answer, Response};

#[derive(Debug, Clone, PartialEq)]
pub struct ChapterProgress {
    pub chapter_id: String,
    pub total: usize,
    pub answered: usize,
    pub applicable_points: f64,
    pub earned_points: f64,
}

impl ChapterProgress {
    /// Share answered, 0–100, for progress bars.
    pub fn percent_answered(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            round1(100.0 * self.answered as f64 / self.total as f64)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistSummary {
    pub chapters: Vec<ChapterProgress>,
    pub total: usize,
    pub answered: usize,
    /// 0–100 with one decimal; `None` when every item is 不适用 (nothing to score).
    pub score: Option<f64>,
    pub earned_points: f64,
    pub applicable_points: f64,
    /// Red-line items answered 已发生.
    pub red_lines_occurred: Vec<String>,
    /// Red-line items not answered yet.
    pub red_lines_unanswered: usize,
    /// Items past their 完成时限 and not done.
    pub overdue: Vec<String>,
    pub flagged: Vec<String>,
}

pub fn credit_of(credit: &Credit, response: Response) -> f64 {
    match response {
        Response::Implemented => credit.implemented,
        Response::Partial => credit.partial,
        Response::NotImplemented => credit.not_implemented,
        Response::NotApplicable => 0.0,
        Response::NotOccurred => credit.not_occurred,
        Response::Occurred => credit.occurred,
    }
}

/// (applicable points, earned points) of one item.
fn item_points(item: &Item, answer: Option<&Answer>, credit: &Credit) -> (f64, f64) {
    match answer.and_then(|a| a.response) {
        Some(Response::NotApplicable) => (0.0, 0.0),
        Some(r) => (item.points, item.points * credit_of(credit, r)),
        None => (item.points, 0.0),
    }
}

pub fn summarize(
    template: &Template,
    answers: &BTreeMap<String, Answer>,
    today: NaiveDate,
) -> ChecklistSummary {
    let mut chapters = Vec::new();
    let (mut total, mut answered, mut applicable, mut earned) = (0, 0, 0.0, 0.0);
    let (mut red_lines_occurred, mut overdue, mut flagged) = (Vec::new(), Vec::new(), Vec::new());
    let mut red_lines_unanswered = 0;
    for chapter in template.chapters() {
        let mut progress = ChapterProgress {
            chapter_id: chapter.id.clone(),
            total: chapter.items.len(),
            answered: 0,
            applicable_points: 0.0,
            earned_points: 0.0,
        };
        for item in &chapter.items {
            let answer = answers.get(&item.id);
            if item.kind.is_red_line() && answer.is_none_or(|a| !a.is_answered()) {
                red_lines_unanswered += 1;
            }
            let (a, e) = item_points(item, answer, &template.credit);
            progress.applicable_points += a;
            progress.earned_points += e;
            if let Some(answer) = answer {
                if answer.is_answered() {
                    progress.answered += 1;
                }
                if answer.response == Some(Response::Occurred) {
                    red_lines_occurred.push(item.id.clone());
                }
                if answer.is_overdue(today) {
                    overdue.push(item.id.clone());
                }
                if answer.flagged {
                    flagged.push(item.id.clone());
                }
            }
        }
        total += progress.total;
        answered += progress.answered;
        applicable += progress.applicable_points;
        earned += progress.earned_points;
        chapters.push(progress);
    }
    let score = (applicable > 0.0).then(|| round1(100.0 * earned / applicable));
    ChecklistSummary {
        chapters,
        total,
        answered,
        score,
        earned_points: earned,
        applicable_points: applicable,
        red_lines_occurred,
        red_lines_unanswered,
        overdue,
        flagged,
    }
}

/// The red-line items answered 已发生, in template order, each with its 责任人.
pub fn occurred_red_lines<'a>(
    template: &'a Template,
    answers: &'a BTreeMap<String, Answer>,
) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    template
        .items()
        .filter(|i| i.kind.is_red_line())
        .filter_map(|i| {
            let a = answers.get(&i.id)?;
            (a.response == Some(Response::Occurred)).then_some((i.id.as_str(), a.owner.as_str()))
        })
}

/// The filters of the self-check list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemFilter {
    All,
    Unanswered,
    Partial,
    Flagged,
    Overdue,
}

impl ItemFilter {
    pub const ALL: [ItemFilter; 5] = [
        ItemFilter::All,
        ItemFilter::Unanswered,
        ItemFilter::Partial,
        ItemFilter::Flagged,
        ItemFilter::Overdue,
    ];

    pub fn matches(self, answer: Option<&Answer>, today: NaiveDate) -> bool {
        match self {
            ItemFilter::All => true,
            ItemFilter::Unanswered => answer.is_none_or(|a| !a.is_answered()),
            ItemFilter::Partial => answer.is_some_and(|a| a.response == Some(Response::Partial)),
            ItemFilter::Flagged => answer.is_some_and(|a| a.flagged),
            ItemFilter::Overdue => answer.is_some_and(|a| a.is_overdue(today)),
        }
    }
}

/// Where "下一项未填" starts looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From<'a> {
    /// After this item (the one the user is on).
    After(&'a str),
    /// At this item, itself included (the first item of the chapter the user is reading, when no
    /// item of it is selected yet).
    At(&'a str),
}

/// The next unanswered item from `from` in template order, wrapping round at the end, for
/// "下一项未填". An unknown item id starts at the beginning.
pub fn next_unanswered<'t>(
    template: &'t Template,
    answers: &BTreeMap<String, Answer>,
    from: From,
) -> Option<&'t Item> {
    let items: Vec<&Item> = template.items().collect();
    let start = match from {
        From::After(id) => items.iter().position(|i| i.id == id).map_or(0, |p| p + 1),
        From::At(id) => items.iter().position(|i| i.id == id).unwrap_or(0),
    };
    let unanswered = |i: &&&Item| answers.get(&i.id).is_none_or(|a| !a.is_answered());
    items[start..]
        .iter()
        .find(unanswered)
        .or_else(|| items[..start].iter().find(unanswered))
        .copied()
}
