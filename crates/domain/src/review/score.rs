//! 核定分: the checklist score as the office verified it, beside the department's own.
//!
//! Rule: the verified score is `checklist::summarize` over the department's answers with, for each
//! item whose verdict is not 核实 and still current (the answer unchanged since verified), the
//! response replaced by the status the office found. Items confirmed, not verified, or changed since
//! verified keep the department's response. With no verdict (or only 核实) the two scores are equal.
//! The differences list every current verdict other than 核实, with the points each side earns, so
//! the table can say which items moved the score and why.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::digest::{verification_state, VerificationState};
use super::Review;
use crate::checklist::{credit_of, summarize, ChecklistSummary};
use crate::plan::{Item, Template};
use crate::record::{Answer, Assessment, Method, Response, Verdict};

/// One item where the office did not confirm the department's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreDifference {
    pub item_id: String,
    pub self_response: Option<Response>,
    /// The status found; `None` only for a verification stored without one (not made by the form).
    pub found: Option<Response>,
    pub verdict: Verdict,
    pub method: Option<Method>,
    pub note: String,
    /// Points the item earns with the department's response (0 for 不适用, which leaves the base).
    pub self_points: f64,
    /// Points it earns with the status found.
    pub verified_points: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedScore {
    /// `checklist::summarize` of the department's answers.
    pub self_summary: ChecklistSummary,
    /// The same with the found statuses (module doc).
    pub verified_summary: ChecklistSummary,
    /// In template order.
    pub differences: Vec<ScoreDifference>,
    /// Items confirmed (核实) and current.
    pub confirmed: Vec<String>,
    /// Items verified whose answer changed since: they count as not verified.
    pub recheck: Vec<String>,
    /// Items of the template with no current verification (recheck included).
    pub not_verified: usize,
}

impl VerifiedScore {
    pub fn self_score(&self) -> Option<f64> {
        self.self_summary.score
    }

    pub fn verified_score(&self) -> Option<f64> {
        self.verified_summary.score
    }

    /// Whether any current verification exists (else the 核定分 column stays empty).
    pub fn is_reviewed(&self) -> bool {
        !self.confirmed.is_empty() || !self.differences.is_empty()
    }
}

fn earned(item: &Item, response: Option<Response>, template: &Template) -> f64 {
    match response {
        None | Some(Response::NotApplicable) => 0.0,
        Some(r) => item.points * credit_of(&template.credit, r),
    }
}

/// The department's score and the verified score (module doc).
pub fn verified_score(
    template: &Template,
    assessment: &Assessment,
    review: &Review,
    today: NaiveDate,
) -> VerifiedScore {
    let mut answers: BTreeMap<String, Answer> = assessment.answers.clone();
    let (mut differences, mut confirmed, mut recheck) = (Vec::new(), Vec::new(), Vec::new());
    let mut not_verified = 0;
    for item in template.items() {
        let v = match verification_state(review, assessment, &item.id) {
            VerificationState::Current(v) => v,
            VerificationState::Stale(_) => {
                recheck.push(item.id.clone());
                not_verified += 1;
                continue;
            }
            VerificationState::NotVerified => {
                not_verified += 1;
                continue;
            }
        };
        if v.verdict == Verdict::Confirmed {
            confirmed.push(item.id.clone());
            continue;
        }
        let self_response = assessment.answer(&item.id).and_then(|a| a.response);
        if let Some(found) = v.found {
            answers.entry(item.id.clone()).or_default().response = Some(found);
        }
        let verified_response = v.found.or(self_response);
        differences.push(ScoreDifference {
            item_id: item.id.clone(),
            self_response,
            found: v.found,
            verdict: v.verdict,
            method: v.method,
            note: v.note.clone(),
            self_points: earned(item, self_response, template),
            verified_points: earned(item, verified_response, template),
        });
    }
    VerifiedScore {
        self_summary: summarize(template, &assessment.answers, today),
        verified_summary: summarize(template, &answers, today),
        differences,
        confirmed,
        recheck,
        not_verified,
    }
}
